//! What connects to what: every address a scanned server listens on, and
//! every address a hop connects to (through upstreams and variables).

use super::{endpoint::Endpoint, nginx, Span, Stack};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// Which server a listening address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    PhpFpm,
    Nginx,
    Apache,
    /// A backend declared in `hoplint.toml` or by `--external`.
    External,
}

/// One address some scanned server listens on.
#[derive(Debug)]
pub struct Listener<'a> {
    pub server: ServerKind,
    /// The pool's name for php-fpm.
    pub name: &'a str,
    /// As written (`$pool` expanded).
    pub text: &'a str,
    pub endpoint: &'a Endpoint,
    pub span: Span,
    /// A link the system makes to this listener's socket (Debian's
    /// `/run/php/php-fpm.sock`), and why: not a socket of its own.
    pub alias: Option<&'a str>,
}

/// One address a hop connects to: the `*_pass` target itself, or each
/// `server` of the upstream it names.
#[derive(Debug)]
pub struct Target<'a> {
    pub hop: &'a nginx::Hop,
    pub text: &'a str,
    pub endpoint: &'a Endpoint,
    /// Where the address is written: the `*_pass`, the upstream's
    /// `server`, or for a hop through a variable the `set` line or `map`
    /// entry holding the value.
    pub span: Span,
    /// For a hop through a variable (`fastcgi_pass $sock;`): the `set`
    /// line or `map` entry that gives the address (`span` too, unless the
    /// value names an upstream). `None` for an address written in the hop
    /// (also when only its URI holds a variable) or its upstream.
    pub via: Option<Span>,
}

/// A hop through a variable whose values hoplint cannot know.
#[derive(Debug)]
pub struct UnresolvedHop<'a> {
    pub hop: &'a nginx::Hop,
    /// The variable that could not be followed, with its `$`.
    pub variable: &'a str,
    /// Why, for an admin: "`$http_host` comes from each request".
    pub reason: &'a str,
}

impl Stack {
    pub fn listeners(&self) -> Vec<Listener<'_>> {
        let mut out = Vec::new();
        for p in &self.pools {
            if let (Some(l), Some(e)) = (&p.listen, &p.endpoint) {
                out.push(Listener {
                    server: ServerKind::PhpFpm,
                    name: &p.name,
                    text: &l.value,
                    endpoint: e,
                    span: l.span,
                    alias: None,
                });
            }
        }
        for a in &self.socket_aliases {
            let p = &self.pools[a.pool];
            if let Some(l) = &p.listen {
                out.push(Listener {
                    server: ServerKind::PhpFpm,
                    name: &p.name,
                    text: &a.link,
                    endpoint: &a.endpoint,
                    span: l.span,
                    alias: Some(&a.why),
                });
            }
        }
        for s in &self.nginx.servers {
            for l in &s.listens {
                out.push(Listener {
                    server: ServerKind::Nginx,
                    name: "nginx",
                    text: &l.text,
                    endpoint: &l.endpoint,
                    span: l.span,
                    alias: None,
                });
            }
        }
        for l in &self.apache.listens {
            out.push(Listener {
                server: ServerKind::Apache,
                name: "httpd",
                text: &l.text,
                endpoint: &l.endpoint,
                span: l.span,
                alias: None,
            });
        }
        for e in &self.external {
            out.push(Listener {
                server: ServerKind::External,
                name: &e.name,
                text: &e.text,
                endpoint: &e.endpoint,
                span: Span::DECLARED,
                alias: None,
            });
        }
        out
    }

    pub fn targets<'a>(&'a self) -> Vec<Target<'a>> {
        let mut upstreams: HashMap<&str, Vec<&nginx::Upstream>> = HashMap::new();
        for u in &self.nginx.upstreams {
            upstreams.entry(u.name.as_str()).or_default().push(u);
        }
        let mut out = Vec::new();
        // A hop to an upstream reaches each of its servers.
        let mut add = |hop: &'a nginx::Hop,
                       endpoint: &'a Endpoint,
                       text: &'a str,
                       span: Span,
                       via: Option<Span>| match endpoint {
            Endpoint::Upstream(name) => {
                for u in upstreams.get(name.as_str()).into_iter().flatten() {
                    for s in &u.servers {
                        out.push(Target {
                            hop,
                            text: &s.text,
                            endpoint: &s.endpoint,
                            span: s.span,
                            via,
                        });
                    }
                }
            }
            e => out.push(Target {
                hop,
                text,
                endpoint: e,
                span,
                via,
            }),
        };
        for hop in &self.nginx.hops {
            add(hop, &hop.endpoint, &hop.target, hop.span, None);
        }
        for v in &self.variables.targets {
            let Some(hop) = self.nginx.hops.get(v.hop) else {
                continue;
            };
            add(
                hop,
                &v.endpoint,
                &v.text,
                v.span,
                (v.span != hop.span).then_some(v.span),
            );
        }
        // A snippet included in two places, or an upstream two hops use,
        // names the same address once.
        // A hop through a variable stays listed as written, next to the
        // address resolved from it on the same line.
        let mut seen = HashSet::new();
        out.retain(|t| seen.insert((t.span, matches!(t.endpoint, Endpoint::Variable(_)))));
        out
    }
}

impl Stack {
    /// The hops through a variable whose values cannot all be known: not
    /// checkable, never guessed.
    pub fn unresolved_hops(&self) -> Vec<UnresolvedHop<'_>> {
        self.variables
            .unresolved
            .iter()
            .filter_map(|u| {
                Some(UnresolvedHop {
                    hop: self.nginx.hops.get(u.hop)?,
                    variable: &u.variable,
                    reason: &u.reason,
                })
            })
            .collect()
    }
}
