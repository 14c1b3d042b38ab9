//! `listener-collision`: two scanned listeners bound to the same unix
//! socket path or to overlapping TCP addresses on one port. php-fpm
//! refuses a second pool on a `listen` value another pool already has;
//! otherwise whichever server binds second fails to start, and every hop
//! to it gets 502.

use crate::diagnostic::{Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::endpoint::Host;
use crate::model::{Endpoint, Listener, ServerKind};
use crate::source::Kind;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "listener-collision",
        Connectivity,
        Error,
        "two pools, or a pool and a web server, on one socket or port: the second fails to start",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

fn kind_of(s: ServerKind) -> Option<Kind> {
    match s {
        ServerKind::Nginx => Some(Kind::Nginx),
        ServerKind::Apache => Some(Kind::Apache),
        ServerKind::PhpFpm => Some(Kind::PhpFpm),
        ServerKind::External => None,
    }
}

/// Whether two TCP listen addresses on one port cannot both be bound: the
/// same address, or a wildcard and an address it covers. Linux refuses the
/// second `bind()` with EADDRINUSE even with `SO_REUSEADDR`, which both
/// nginx and php-fpm set.
fn hosts_overlap(a: &Host, b: &Host) -> bool {
    let v4 = |h: &Host| matches!(h, Host::AnyV4) || matches!(h, Host::Ip(ip) if ip.is_ipv4());
    let v6 = |h: &Host| matches!(h, Host::AnyV6) || matches!(h, Host::Ip(ip) if ip.is_ipv6());
    match (a, b) {
        // Which address a name binds depends on the resolver.
        (Host::Localhost | Host::Name(_), _) | (_, Host::Localhost | Host::Name(_)) => false,
        (Host::AnyDual, _) | (_, Host::AnyDual) => true,
        (Host::AnyV4, h) | (h, Host::AnyV4) => v4(h),
        (Host::AnyV6, h) | (h, Host::AnyV6) => v6(h),
        (Host::Ip(x), Host::Ip(y)) => x == y,
    }
}

/// How two listeners collide, if they do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Clash {
    /// Two pools with the very same `listen` value: php-fpm's own check.
    SameValue,
    /// The kernel refuses the second `bind()`.
    Bind,
}

fn clash(a: &Listener, b: &Listener) -> Option<Clash> {
    use ServerKind::*;
    match (a.server, b.server) {
        // nginx binds each address once and serves every `server` on it;
        // httpd does the same for its `Listen` lines.
        (Nginx, Nginx) | (Apache, Apache) => return None,
        // The user's own declarations: nothing scanned to point at.
        (External, External) => return None,
        (PhpFpm, PhpFpm) if a.text == b.text => return Some(Clash::SameValue),
        _ => {}
    }
    match (a.endpoint, b.endpoint) {
        (Endpoint::Unix(x), Endpoint::Unix(y)) => {
            (x.starts_with('/') && x == y).then_some(Clash::Bind)
        }
        (Endpoint::Tcp(ha, pa), Endpoint::Tcp(hb, pb)) => {
            // Two pools of one master that name one address differently
            // may share a single socket (php-fpm looks sockets up by
            // address), so only a wildcard against an address is sure.
            if pa != pb || (a.server == PhpFpm && b.server == PhpFpm && ha == hb) {
                return None;
            }
            hosts_overlap(ha, hb).then_some(Clash::Bind)
        }
        _ => None,
    }
}

/// The bucket a listener can only collide within.
fn key<'a>(l: &Listener<'a>) -> Option<(u16, &'a str)> {
    match l.endpoint {
        Endpoint::Unix(p) if p.starts_with('/') => Some((0, p.as_str())),
        Endpoint::Tcp(_, port) => Some((*port, "")),
        _ => None,
    }
}

/// `enabled`: the servers the checked machine starts at boot, when known.
/// A collision with a server it does not start happens only when someone
/// starts that server by hand: a warning.
fn check(cx: &Context) -> Vec<Diagnostic> {
    let enabled = cx.host.enabled.as_ref();

    let listeners = cx.listeners;
    // Per bucket, the first listener of each distinct (server, address as
    // written), so a generated tree with thousands of pools on one port
    // stays linear. Each pool is reported, but an nginx `listen` repeated
    // in many `server` blocks is one socket and is reported once.
    let mut seen: HashMap<(u16, &str), Vec<&Listener>> = HashMap::new();
    let mut reported = HashSet::new();
    let mut out = Vec::new();
    // A link the system makes to a socket binds nothing of its own.
    for l in listeners.iter().filter(|l| l.alias.is_none()) {
        let Some(k) = key(l) else { continue };
        let firsts = seen.entry(k).or_default();
        let hit = firsts
            .iter()
            .enumerate()
            .find_map(|(i, f)| clash(f, l).map(|c| (i, *f, c)));
        if let Some((i, first, c)) = hit {
            if reported.insert((k, i, l.server as u8, l.text, l.name)) {
                let idle = enabled.and_then(|e| {
                    [first.server, l.server]
                        .into_iter()
                        .find(|s| kind_of(*s).is_some_and(|k| !e.starts(k)))
                });
                let mut d = report(first, l, c);
                if let Some(idle) = idle {
                    d.severity = Severity::Warning;
                    let unit = match idle {
                        ServerKind::Nginx => "nginx.service",
                        ServerKind::Apache => "apache2.service (httpd.service)",
                        _ => "php-fpm's service",
                    };
                    d.help = Some(format!(
                        "{unit} is not enabled in systemd on the checked machine, so only one of the two starts at boot; starting the other by hand fails. {}",
                        d.help.unwrap_or_default()
                    ));
                }
                out.push(d);
            }
        }
        if !firsts
            .iter()
            .any(|f| f.server == l.server && f.text == l.text)
        {
            firsts.push(l);
        }
    }
    out
}

fn who(l: &Listener) -> String {
    match l.server {
        ServerKind::PhpFpm => format!("pool `{}`", l.name),
        ServerKind::Nginx => "nginx".into(),
        ServerKind::Apache => "httpd".into(),
        ServerKind::External => format!("declared backend `{}`", l.name),
    }
}

fn report<'a>(first: &'a Listener<'a>, second: &'a Listener<'a>, c: Clash) -> Diagnostic {
    // A declared backend has no line: the scanned listener takes the label.
    let (first, second) = if second.server == ServerKind::External {
        (second, first)
    } else {
        (first, second)
    };
    let (a, b) = (who(first), who(second));
    let (message, help) = match c {
        Clash::SameValue => (
            format!(
                "{b} listens on `{}`, which {a} already listens on: php-fpm refuses the configuration and does not start, so every hop to its pools gets 502 Bad Gateway",
                second.text
            ),
            format!(
                "php-fpm logs `ERROR: [pool {}] unable to set listen address as it's already used in another pool '{}'` and exits (`php-fpm -t` reports the same). Fix: give each pool its own `listen` address, or merge the two pools",
                second.name, first.name
            ),
        ),
        Clash::Bind => {
            let log = match (second.endpoint, second.server) {
                (Endpoint::Unix(p), ServerKind::Nginx) => format!("nginx: `[emerg] bind() to unix:{p} failed (98: Address already in use)`"),
                (Endpoint::Unix(p), ServerKind::PhpFpm) => format!("php-fpm: `ERROR: An another FPM instance seems to already listen on {p}`"),
                (_, ServerKind::Nginx) => "nginx: `[emerg] bind() to … failed (98: Address already in use)`".into(),
                (_, ServerKind::PhpFpm) => format!("php-fpm: `ERROR: unable to bind listening socket for address '{}': Address already in use (98)`", second.text),
                (_, ServerKind::Apache) => "httpd: `(98)Address already in use: AH00072: make_sock: could not bind to address …`".into(),
                (_, ServerKind::External) => "whichever starts second: `bind()` fails with `(98: Address already in use)`".into(),
            };
            (
                format!(
                    "{b} listens on `{}`, which collides with `{}` of {a}: only one of them can bind it, the other fails to start and the hops to it get 502 Bad Gateway",
                    second.text, first.text
                ),
                format!(
                    "whichever starts second exits; if that is the later one here, {log}. Fix: move one of them to another socket path or port, and point its hops there"
                ),
            )
        }
    };
    RULE.diag(message)
        .at(
            second.span.file,
            second.span.range,
            "this address is already taken",
        )
        .also(
            first.span.file,
            first.span.range,
            format!("{a} listens here first"),
        )
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Host {
        Host::Ip(s.parse().unwrap())
    }

    #[test]
    fn wildcards_cover_their_family() {
        assert!(hosts_overlap(&Host::AnyV4, &ip("127.0.0.1")));
        assert!(!hosts_overlap(&Host::AnyV4, &ip("::1")));
        assert!(!hosts_overlap(&Host::AnyV4, &Host::AnyV6));
        assert!(hosts_overlap(&Host::AnyV6, &ip("::1")));
        assert!(!hosts_overlap(&ip("127.0.0.1"), &Host::AnyV6));
        assert!(hosts_overlap(&Host::AnyDual, &ip("127.0.0.1")));
        assert!(hosts_overlap(&Host::AnyDual, &Host::AnyV6));
        assert!(!hosts_overlap(&ip("127.0.0.1"), &ip("127.0.0.2")));
        assert!(!hosts_overlap(&Host::Localhost, &ip("127.0.0.1")));
    }
}
