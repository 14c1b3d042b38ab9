//! What the checked machine's own resolver files say: `etc/hosts` and
//! `etc/resolv.conf`, read from the checked root only.

use foldhash::HashSet;

/// What the scanned machine's own resolver files say, read from the
/// scanned root only (never this machine's).
#[derive(Debug, Default)]
pub struct Resolver {
    /// Names in the scanned `etc/hosts`; `None` without one (a repo of
    /// configs: nothing is known about the resolver).
    hosts: Option<HashSet<String>>,
    /// `etc/resolv.conf` may complete or answer a single-label name: a
    /// `search`/`domain` line, or Docker's embedded DNS (127.0.0.11), which
    /// answers compose service names.
    completes: bool,
}

impl Resolver {
    pub fn parse(hosts: Option<&str>, resolv: Option<&str>) -> Resolver {
        let words = |l: &str| -> Vec<String> {
            l.split('#')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_ascii_lowercase)
                .collect()
        };
        let hosts = hosts.map(|t| {
            t.lines()
                .flat_map(|l| words(l).into_iter().skip(1))
                .collect()
        });
        let completes = resolv.is_some_and(|t| {
            t.lines().any(|l| {
                let w = words(l);
                match w.first().map(String::as_str) {
                    Some("search" | "domain") => w.len() > 1,
                    Some("nameserver") => w.get(1).is_some_and(|a| a == "127.0.0.11"),
                    _ => false,
                }
            })
        });
        Resolver { hosts, completes }
    }

    /// Whether the scanned files show that a single-label `name` does not
    /// resolve: an `etc/hosts` without it and no way for DNS to complete it.
    pub fn surely_unresolved(&self, name: &str) -> bool {
        let Some(hosts) = &self.hosts else {
            return false;
        };
        !self.completes && !name.contains('.') && !hosts.contains(&name.to_ascii_lowercase())
    }
}
