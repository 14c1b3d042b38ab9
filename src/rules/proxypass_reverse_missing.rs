//! `proxypass-reverse-missing`: an Apache `ProxyPass` to an HTTP backend
//! with no `ProxyPassReverse` for that backend. A redirect the backend
//! sends (`Location: http://127.0.0.1:8080/login`) reaches the browser
//! with the backend's own address, which it cannot reach.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::apache::{Proxy, ProxyKind};
use crate::model::Stack;
use foldhash::{HashMap, HashMapExt, HashSet};

pub static RULE: Rule = Rule {
    meta: meta!(
        "proxypass-reverse-missing",
        Connectivity,
        Warning,
        "an Apache `ProxyPass` whose backend's redirects reach the browser unrewritten",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::APACHE,
};

/// `scheme://authority` of a proxy URL, lowercased, without the scheme's
/// default port, as a `Location` header from that backend starts. A
/// `unix:/path|http://host/` URL speaks for `http://host`.
fn origin(url: &str) -> Option<String> {
    let url = match url.split_once('|') {
        Some((sock, rest)) if sock.to_ascii_lowercase().starts_with("unix:") => rest,
        _ => url,
    };
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split('/').next().unwrap_or(rest).to_ascii_lowercase();
    let authority = match (scheme.as_str(), authority.rsplit_once(':')) {
        ("http" | "ws", Some((h, "80"))) | ("https" | "wss", Some((h, "443"))) => h.to_string(),
        _ => authority,
    };
    Some(format!("{scheme}://{authority}"))
}

/// The backends whose redirects mod_proxy maps back only through a
/// `ProxyPassReverse`: HTTP and WebSocket URLs, and balancers (whose
/// members speak HTTP, or the balancer would not be proxied this way).
fn needs_reverse(p: &Proxy) -> bool {
    p.kind == ProxyKind::ProxyPass
        && matches!(
            p.scheme().as_deref(),
            Some("http" | "https" | "ws" | "wss" | "balancer")
        )
}

/// The balancers' members, so that a `ProxyPass` to a balancer finds its
/// members without reading every proxy of the tree.
struct Members<'a> {
    /// By `<Proxy balancer://name>` section, lowercased without trailing
    /// `/` (httpd compares it so).
    by_section: HashMap<String, Vec<&'a Proxy>>,
    /// By target, sorted, for the members whose URL extends the
    /// balancer's own.
    by_target: Vec<&'a Proxy>,
}

impl<'a> Members<'a> {
    fn new(stack: &'a Stack) -> Self {
        let members: Vec<&Proxy> = stack
            .apache
            .proxies
            .iter()
            .filter(|m| m.kind == ProxyKind::BalancerMember)
            .collect();
        let mut by_section: HashMap<String, Vec<&Proxy>> = HashMap::new();
        for m in &members {
            if let Some(c) = &m.context {
                let key = c.trim_end_matches('/').to_ascii_lowercase();
                by_section.entry(key).or_default().push(m);
            }
        }
        let mut by_target = members;
        by_target.sort_by(|a, b| a.target.cmp(&b.target));
        Members {
            by_section,
            by_target,
        }
    }

    /// The origins a `ProxyPassReverse` for `p` may name: the backend's
    /// own, and for a balancer each member's (mod_proxy compares a
    /// `balancer://` entry with every member's URL).
    fn wanted(&self, p: &Proxy) -> Vec<String> {
        let mut out: Vec<String> = origin(&p.target).into_iter().collect();
        if let Some(name) = p.target.strip_prefix("balancer://") {
            let name = name.split('/').next().unwrap_or(name);
            let section = format!("proxy balancer://{name}").to_ascii_lowercase();
            let in_section = self.by_section.get(&section).into_iter().flatten();
            let from = self
                .by_target
                .partition_point(|m| m.target.as_str() < p.target.as_str());
            let extending = self.by_target[from..]
                .iter()
                .take_while(|m| m.target.starts_with(&p.target));
            out.extend(in_section.chain(extending).filter_map(|m| origin(&m.target)));
        }
        out
    }
}

/// The `ProxyPassReverse`s of one scope, the main server or a virtual
/// host: a `ProxyPass` is covered by those of its own and of the main
/// server (whose settings every virtual host inherits).
#[derive(Default)]
struct Reverses {
    /// One whose URL is only a path (compared with the path of every
    /// `Location`, whatever its host) or holds a variable (matched only
    /// at runtime): it covers every backend.
    any: bool,
    origins: HashSet<String>,
}

fn reverses_by_scope(stack: &Stack) -> HashMap<Option<usize>, Reverses> {
    let mut out: HashMap<Option<usize>, Reverses> = HashMap::new();
    for r in &stack.apache.reverses {
        let scope = out.entry(r.vhost).or_default();
        if r.url.contains('$') || r.url.starts_with('/') {
            scope.any = true;
        } else if let Some(o) = origin(&r.url) {
            scope.origins.insert(o);
        }
    }
    out
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let reverses = reverses_by_scope(stack);
    let members = Members::new(stack);
    let mut out = Vec::new();
    for p in stack.apache.proxies.iter().filter(|p| needs_reverse(p)) {
        // A URL with a variable can only be matched at runtime.
        if p.target.contains('$') {
            continue;
        }
        let want = members.wanted(p);
        let own = p.vhost.and_then(|v| reverses.get(&Some(v)));
        let covered = [reverses.get(&None), own]
            .into_iter()
            .flatten()
            .any(|r| r.any || want.iter().any(|o| r.origins.contains(o)));
        if !covered {
            out.push(report(p));
        }
    }
    out
}

fn report(p: &Proxy) -> Diagnostic {
    let backend = origin(&p.target).unwrap_or_else(|| p.target.clone());
    let form = match p.context.as_deref() {
        Some(c) if c.starts_with("Location") => {
            format!("`ProxyPassReverse {}` in the same `<Location>`", p.target)
        }
        _ => format!(
            "`ProxyPassReverse` with this `ProxyPass`'s path and `{}`",
            p.target
        ),
    };
    RULE.diag(format!("`ProxyPass` to `{}` has no `ProxyPassReverse` for it: a redirect from the backend reaches the browser as `Location: {backend}/…`, an address the browser cannot reach", p.target))
    .at(p.span.file, p.span.range, "no `ProxyPassReverse` maps this backend's redirects back")
    .help(format!(
        "Add {form}, so that mod_proxy rewrites the backend's `Location`, `Content-Location` and `URI` headers to this server's address"
    ))
}
