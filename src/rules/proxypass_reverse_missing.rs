//! `proxypass-reverse-missing`: an Apache `ProxyPass` to an HTTP backend
//! with no `ProxyPassReverse` for that backend. A redirect the backend
//! sends (`Location: http://127.0.0.1:8080/login`) reaches the browser
//! with the backend's own address, which it cannot reach.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::apache::{Proxy, ProxyKind, Reverse};
use crate::model::Stack;

pub static RULE: Rule = Rule {
    meta: meta!(
        "proxypass-reverse-missing",
        Connectivity,
        Warning,
        "an Apache `ProxyPass` whose backend's redirects reach the browser unrewritten",
    ),
    phase: Phase::Stack(check),
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

/// The origins a `ProxyPassReverse` for `p` may name: the backend's own,
/// and for a balancer each member's (mod_proxy compares a
/// `balancer://` entry with every member's URL).
fn wanted(stack: &Stack, p: &Proxy) -> Vec<String> {
    let mut out: Vec<String> = origin(&p.target).into_iter().collect();
    if let Some(name) = p.target.strip_prefix("balancer://") {
        let name = name.split('/').next().unwrap_or(name);
        let section = format!("Proxy balancer://{name}");
        out.extend(
            stack
                .apache
                .proxies
                .iter()
                .filter(|m| m.kind == ProxyKind::BalancerMember)
                .filter(|m| {
                    m.context
                        .as_deref()
                        .is_some_and(|c| c.trim_end_matches('/').eq_ignore_ascii_case(&section))
                        || m.target.starts_with(&p.target)
                })
                .filter_map(|m| origin(&m.target)),
        );
    }
    out
}

/// Whether `r` applies where `p` is: the same virtual host, or the main
/// server (whose settings every virtual host inherits).
fn in_scope(r: &Reverse, p: &Proxy) -> bool {
    r.vhost.is_none() || r.vhost == p.vhost
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let reverses = &stack.apache.reverses;
    let mut out = Vec::new();
    for p in stack.apache.proxies.iter().filter(|p| needs_reverse(p)) {
        // A URL with a variable can only be matched at runtime.
        if p.target.contains('$') {
            continue;
        }
        let want = wanted(stack, p);
        let covered = reverses.iter().filter(|r| in_scope(r, p)).any(|r| {
            // A URL that is only a path is compared with the path of
            // every `Location`, whatever its host.
            r.url.contains('$')
                || r.url.starts_with('/')
                || origin(&r.url).is_some_and(|o| want.contains(&o))
        });
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
