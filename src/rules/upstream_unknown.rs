//! `upstream-unknown`: a `*_pass` target without a port that names no
//! `upstream` block. nginx then takes the name as a host: `fastcgi_pass`,
//! `uwsgi_pass`, `scgi_pass` and `grpc_pass` have no default port, so nginx
//! refuses to start (`no port in upstream`); `proxy_pass` resolves the
//! name through the system resolver at start-up and refuses to start when
//! it does not resolve (`host not found in upstream`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::near_names::NearNames;
use crate::model::nginx::{Hop, HopKind, Nginx, Upstream};
use crate::load::host::Resolver;
use crate::model::Stack;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "upstream-unknown",
        Connectivity,
        Error,
        "a `*_pass` name that is no `upstream` block and no resolvable host: nginx refuses to start",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::NGINX,
};

/// The host of a `*_pass` target written without a port, as nginx reads
/// it: the scheme and any URI stripped. `None` for a target with a port,
/// a variable (looked up at run time), or a unix socket.
pub fn portless_host(target: &str) -> Option<&str> {
    if target.contains('$') {
        return None;
    }
    let rest = match target.split_once("://") {
        Some((_, rest)) => rest,
        None => target,
    };
    if rest.starts_with("unix:") {
        return None;
    }
    let authority = rest.split('/').next().unwrap_or(rest);
    let after_v6 = match authority.rfind(']') {
        Some(i) => &authority[i..],
        None => authority,
    };
    if after_v6.contains(':') || authority.is_empty() {
        return None;
    }
    Some(authority)
}

fn is_address(host: &str) -> bool {
    host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok()
}

/// The upstreams nginx could match a hop's name against, indexed once:
/// those of each `http` block, and every scanned one (key `None`) for a
/// file read on its own.
pub struct Upstreams<'a> {
    names: HashSet<(Option<usize>, &'a str)>,
    /// For "did you mean": the upstream names of each `http`.
    near: HashMap<Option<usize>, NearNames<&'a Upstream>>,
}

impl<'a> Upstreams<'a> {
    pub fn new(nginx: &'a Nginx) -> Self {
        let mut names = HashSet::new();
        let mut near: HashMap<Option<usize>, NearNames<&'a Upstream>> = HashMap::new();
        for u in &nginx.upstreams {
            let http = nginx.http_of(u.ctx);
            for scope in [http, None] {
                names.insert((scope, u.name.as_str()));
                near.entry(scope).or_default().insert(&u.name, u);
            }
        }
        Upstreams { names, near }
    }

    fn has(&self, http: Option<usize>, name: &str) -> bool {
        self.names.contains(&(http, name))
    }

    /// An upstream of this `http` whose name `name` is probably a typo of:
    /// one edit apart, two for longer names, never for names so short any
    /// change is another word; the first of the nearest.
    fn near(&self, http: Option<usize>, name: &str) -> Option<&'a Upstream> {
        let max = max_edits(name)?;
        self.near
            .get(&http)?
            .within(name, max)
            .into_iter()
            .filter(|(d, _)| *d > 0)
            .min_by_key(|(d, u)| (*d, u.span.file, u.span.range.start))
            .map(|(_, u)| u)
    }
}

fn max_edits(name: &str) -> Option<usize> {
    match name.chars().count() {
        0..=3 => None,
        4..=7 => Some(1),
        _ => Some(2),
    }
}

/// What this rule says of one hop, if anything: severity and the upstream
/// it probably meant.
pub fn verdict<'a>(
    stack: &Stack,
    upstreams: &Upstreams<'a>,
    hop: &Hop,
    resolver: &Resolver,
) -> Option<(Severity, Option<&'a Upstream>)> {
    let nginx = &stack.nginx;
    let host = portless_host(&hop.target)?;
    let http = nginx.http_of(hop.ctx);
    if upstreams.has(http, host) {
        return None;
    }
    let near = upstreams.near(http, host);
    let whole_http = stack.sight.whole_http(&stack.nginx, hop.ctx);
    let severity = if hop.kind != HopKind::Proxy {
        // No default port: nginx refuses this whatever DNS says, once no
        // upstream of the name can hide in a file hoplint did not read.
        match (whole_http, near) {
            (true, _) => Severity::Error,
            (false, Some(_)) => Severity::Warning,
            (false, None) => return None,
        }
    } else {
        if is_address(host) || host.eq_ignore_ascii_case("localhost") {
            return None;
        }
        // A name that may resolve is only suspect with evidence: a near
        // upstream name, or the scanned machine's resolver files.
        if near.is_some() || (whole_http && resolver.surely_unresolved(host)) {
            Severity::Warning
        } else {
            return None;
        }
    };
    Some((severity, near))
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let resolver = &cx.host.resolver;

    let upstreams = Upstreams::new(&stack.nginx);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for hop in &stack.nginx.hops {
        if !seen.insert(hop.span) {
            continue;
        }
        let Some((severity, near)) = verdict(stack, &upstreams, hop, resolver) else {
            continue;
        };
        let whole = stack.sight.whole_http(&stack.nginx, hop.ctx);
        out.push(report(hop, whole, severity, near));
    }
    out
}

fn report(hop: &Hop, whole_http: bool, severity: Severity, near: Option<&Upstream>) -> Diagnostic {
    let pass = hop.kind.directive();
    let host = portless_host(&hop.target).unwrap_or(&hop.target);
    let (message, help) = if hop.kind != HopKind::Proxy {
        let log = format!("[emerg] no port in upstream \"{host}\"");
        let scope = if whole_http {
            "no `upstream` block of this `http` is named"
        } else {
            "no scanned `upstream` block is named"
        };
        let unless = if whole_http {
            String::new()
        } else {
            format!(" unless a file hoplint did not read defines `upstream {host}`,")
        };
        (
            format!("`{pass} {}` has no port and {scope} `{host}`:{unless} nginx refuses to start (`{log}`)", hop.target),
            format!("`{pass}` has no default port, so a target that is not an upstream needs one. Fix: name the upstream meant, or write the address with its port (`{host}:9000`)"),
        )
    } else {
        let log = format!("[emerg] host not found in upstream \"{host}\"");
        let why = match near {
            Some(u) => format!("names no `upstream` block, but is one typo away from upstream `{}`", u.name),
            None => "names no `upstream` block, and the scanned `etc/hosts` does not list it (the scanned `etc/resolv.conf` has no search domain that could complete it)".to_string(),
        };
        (
            format!("`{pass} {}` {why}: nginx takes `{host}` for a host name and resolves it at start-up; where it does not resolve, nginx refuses to start (`{log}`)", hop.target),
            "This assumes the name does not resolve on the server (a search domain or a Docker Compose service name would make it resolve, and nginx would proxy to that host instead). Fix: name the upstream meant, or define `upstream` with that name".to_string(),
        )
    };
    let mut d = RULE.diag(message)
        .with_severity(severity);
    d = d.at(hop.span.file, hop.span.range, "no upstream has this name");
    let help = match near {
        Some(u) => {
            d = d
                .also(
                    u.span.file,
                    u.span.range,
                    format!("did you mean upstream `{}`?", u.name),
                )
                .fix(
                    hop.span.file,
                    hop.span.range,
                    host,
                    u.name.as_str(),
                    format!("use upstream `{}`", u.name),
                );
            format!("did you mean upstream `{}`? {help}", u.name)
        }
        None => help,
    };
    d.help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn edits_allowed_grow_with_the_name() {
        assert_eq!(max_edits("app"), None);
        assert_eq!(max_edits("apps"), Some(1));
        assert_eq!(max_edits("php_backend"), Some(2));
    }

    /// The full comparison the index must agree with: of `ups`, the first
    /// of the nearest within [`max_edits`].
    fn near_upstream<'a>(ups: &[&'a Upstream], name: &str) -> Option<&'a Upstream> {
        let max = max_edits(name)?;
        ups.iter()
            .map(|u| (crate::model::endpoint::edit_distance(&u.name, name), *u))
            .filter(|(d, _)| *d > 0 && *d <= max)
            .min_by_key(|(d, u)| (*d, u.span.file, u.span.range.start))
            .map(|(_, u)| u)
    }

    /// The index finds what comparing with every upstream finds, for short,
    /// two-edit and long names, crowded and sparse.
    #[test]
    fn the_index_answers_as_a_full_comparison_does() {
        let mut names: Vec<String> = (0..300).map(|i| format!("app{i}")).collect();
        for w in ["php", "backend", "php_backend", "api_pool_eu", "static"] {
            for i in 0..20 {
                names.push(format!("{w}{i}"));
                names.push(format!("{w}_upstream_servers_v{i}"));
            }
        }
        let mut nginx = Nginx::default();
        // Distinct places, so that ties between equally near names break
        // the same way in both.
        for (i, name) in names.iter().enumerate() {
            nginx.upstreams.push(Upstream {
                name: name.clone(),
                ctx: usize::MAX,
                span: Span {
                    file: crate::source::FileId(0),
                    range: crate::span::TextRange {
                        start: i as u32,
                        end: i as u32,
                    },
                },
                servers: Vec::new(),
            });
        }
        let index = Upstreams::new(&nginx);
        let all: Vec<&Upstream> = nginx.upstreams.iter().collect();
        // A fixed pseudo-random walk over one- and two-edit typos.
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        let mut checked = 0;
        for _ in 0..600 {
            let mut q: Vec<char> = names[next(names.len())].chars().collect();
            for _ in 0..1 + next(2) {
                let at = next(q.len() + 1);
                let c = b"abp_19x"[next(7)] as char;
                match next(3) {
                    0 if at < q.len() => q[at] = c,
                    1 if at < q.len() => {
                        q.remove(at);
                    }
                    _ => q.insert(at, c),
                }
            }
            let q: String = q.into_iter().collect();
            let want = near_upstream(&all, &q).map(|u| &u.name);
            assert_eq!(index.near(None, &q).map(|u| &u.name), want, "{q}");
            checked += usize::from(want.is_some());
        }
        assert!(checked > 150, "only {checked} typos had a near name");
    }

    #[test]
    fn portless_hosts() {
        assert_eq!(portless_host("http://backend/api/"), Some("backend"));
        assert_eq!(portless_host("php_backend"), Some("php_backend"));
        assert_eq!(portless_host("grpc://app"), Some("app"));
        assert_eq!(portless_host("[::1]"), Some("[::1]"));
        assert_eq!(portless_host("[::1]:9000"), None);
        assert_eq!(portless_host("backend:8080"), None);
        assert_eq!(portless_host("http://$host"), None);
        assert_eq!(portless_host("http://backend$request_uri"), None);
        assert_eq!(portless_host("unix:/run/php.sock"), None);
        assert_eq!(portless_host("http://unix:/run/app.sock:/"), None);
    }

    #[test]
    fn resolver_files() {
        let r = Resolver::parse(Some("127.0.0.1 localhost\n10.0.0.5 db db.lan # x\n"), None);
        assert!(r.surely_unresolved("backend"));
        assert!(!r.surely_unresolved("db"));
        assert!(!r.surely_unresolved("DB"));
        assert!(!r.surely_unresolved("backend.example.com"));
        let search = Resolver::parse(Some(""), Some("search corp.example\nnameserver 10.0.0.1\n"));
        assert!(!search.surely_unresolved("backend"));
        let docker = Resolver::parse(Some(""), Some("nameserver 127.0.0.11\noptions ndots:0\n"));
        assert!(!docker.surely_unresolved("backend"));
        assert!(!Resolver::parse(None, None).surely_unresolved("backend"));
    }
}
