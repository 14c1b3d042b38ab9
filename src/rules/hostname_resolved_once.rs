//! `hostname-resolved-once`: a `*_pass` target or upstream `server` given
//! as a host name that nginx resolves once, when it reads its
//! configuration, and never again until a reload.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::endpoint::Host;
use crate::model::nginx::{Hop, HopKind, Upstream, UpstreamServer};
use crate::model::{Endpoint, Span, Stack};
use crate::rules::upstream_unknown;
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "hostname-resolved-once",
        Connectivity,
        Warning,
        "a backend host name nginx resolves only at start-up",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::NGINX,
};

/// A name hop targets: `host:port`, or for `proxy_pass` a port-less name
/// that is no upstream (its scheme gives the port).
fn hop_name<'a>(stack: &Stack, hop: &'a Hop) -> Option<&'a str> {
    match &hop.endpoint {
        Endpoint::Tcp(Host::Name(n), _) => Some(n),
        Endpoint::Other(_) if hop.kind == HopKind::Proxy => {
            let host = upstream_unknown::portless_host(&hop.target)?;
            let dotted = host.contains('.') && host.parse::<std::net::IpAddr>().is_err();
            // A single-label name where hoplint may not see every upstream
            // is most likely one defined in a file it did not read.
            let whole = stack.sight.whole_http(&stack.nginx, hop.ctx);
            (dotted || whole).then_some(host)
        }
        _ => None,
    }
}

/// A DNS name as written in a `server` line: not an address, a socket or
/// a template placeholder.
fn is_host_name(s: &str) -> bool {
    !s.is_empty()
        && s.parse::<std::net::IpAddr>().is_err()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
        && !s.eq_ignore_ascii_case("localhost")
}

/// Whether nginx ≥ 1.27.3 (or NGINX Plus) re-resolves this upstream server:
/// `resolve`, a shared-memory `zone` in its upstream and a `resolver`.
fn re_resolved(stack: &Stack, u: &Upstream, s: &UpstreamServer) -> bool {
    let nginx = &stack.nginx;
    s.params.iter().any(|p| p == "resolve")
        && nginx.contexts()[u.ctx]
            .directives
            .iter()
            .any(|d| d.name() == "zone")
        && nginx.effective(u.ctx, "resolver").is_some()
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let resolver = &cx.host.resolver;

    let nginx = &stack.nginx;
    let upstreams = upstream_unknown::Upstreams::new(nginx);
    let mut seen: HashSet<Span> = HashSet::new();
    let mut out = Vec::new();
    for hop in &nginx.hops {
        let Some(name) = hop_name(stack, hop) else {
            continue;
        };
        // `upstream-unknown` already says what is wrong with this one.
        if upstream_unknown::verdict(stack, &upstreams, hop, resolver).is_some()
            || !seen.insert(hop.span)
        {
            continue;
        }
        out.push(report(
            hop.kind.directive(),
            &hop.target,
            name,
            hop.span,
            None,
        ));
    }
    for u in &nginx.upstreams {
        for s in &u.servers {
            let name = match &s.endpoint {
                Endpoint::Tcp(Host::Name(n), _) => n.as_str(),
                // A port-less name (port 80) is kept unparsed by the model.
                Endpoint::Other(n) if is_host_name(n) => n.as_str(),
                _ => continue,
            };
            if re_resolved(stack, u, s) || !seen.insert(s.span) {
                continue;
            }
            out.push(report("server", &s.text, name, s.span, Some(u)));
        }
    }
    out
}

fn report(what: &str, text: &str, name: &str, span: Span, u: Option<&Upstream>) -> Diagnostic {
    let place = match u {
        Some(u) => format!("upstream `{}` has `server {text}`, with", u.name),
        None => format!("`{what} {text}` connects to"),
    };
    let fix = match u {
        Some(_) => format!("on nginx 1.27.3 or later (or NGINX Plus) write `server {text} resolve;` with a `zone` in the upstream and a `resolver` in effect; otherwise reload nginx whenever the address of `{name}` changes"),
        None => format!("set a `resolver` and put the name in a variable (`set $backend {name};` then `{what}` with `$backend`), which nginx resolves at request time and re-resolves as the record's TTL expires; or use an upstream with `server {name} resolve;` and a `zone` on nginx 1.27.3 or later"),
    };
    RULE.diag(format!("{place} the host name `{name}`, which nginx resolves only once, at start-up: after its address changes nginx keeps connecting to the old one until it is reloaded"))
    .at(span.file, span.range, "resolved once, when nginx reads its configuration")
    .help(format!("When the address behind `{name}` changes (a container re-created, a cloud instance replaced, DNS fail-over), requests get 502 Bad Gateway or reach whatever host now has the old address; and while `{name}` does not resolve, nginx refuses to start (`[emerg] host not found in upstream \"{name}\"`). Fix: {fix}"))
}
