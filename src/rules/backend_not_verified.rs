//! `backend-not-verified`: a hop whose backend is not among the scanned
//! configs (an app server, a remote host) and was not declared. Nothing is
//! known to fail, so this is information: the map of what hoplint could
//! not check, and how to let it.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::endpoint::Host;
use crate::model::{Endpoint, ListenIndex, Listener, ServerKind, Span};
use crate::source::FileId;
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "backend-not-verified",
        Connectivity,
        Info,
        "a hop to a backend outside the checked configs, or through a variable they do not fix (info)",
        judges_backend: true,
    ),
    phase: Phase::Review(check),
    reads: crate::model::Touched::ALL,
};

/// `found`: what the other rules reported; a hop they judged is not
/// repeated here.
fn check(cx: &Context, found: &[Diagnostic]) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let judged: HashSet<Span> = found
        .iter()
        .filter(|d| {
            d.rule.judges_backend
        })
        .filter_map(|d| d.primary.as_ref())
        .map(|l| Span {
            file: l.file,
            range: l.range,
        })
        .collect();
    // A file the server refuses to read never runs its hops: its syntax
    // error is the finding, not a backend that may not answer.
    let refused: HashSet<FileId> = found
        .iter()
        .filter(|d| d.category() == Category::Syntax && d.severity == Severity::Error)
        .filter_map(|d| d.primary.as_ref().map(|l| l.file))
        .collect();
    let judged = |span: &Span| judged.contains(span) || refused.contains(&span.file);
    let listeners = cx.listeners;
    let index = cx.listen_index;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for t in cx.targets {
        if judged(&t.span) || judged(&t.hop.span) {
            continue;
        }
        if !verified(t.endpoint, listeners, index) && seen.insert(t.span) {
            out.push(report(
                t.hop.kind.directive(),
                t.text,
                t.endpoint,
                t.span,
                "nginx",
            ));
        }
    }
    for u in stack.unresolved_hops() {
        let span = u.hop.span;
        if judged(&span) || !seen.insert(span) {
            continue;
        }
        out.push(
            RULE.diag(format!(
                    "`{} {}` cannot be checked: {}",
                    u.hop.kind.directive(),
                    u.hop.target,
                    u.reason
                ))
            .at(span.file, span.range, "backend not checkable")
            .help("If every value it can take is known, write them with `set` or a `map` in the same server, so each is checked; if nothing answers at the value used at runtime, nginx answers 502"),
        );
    }
    for p in &stack.apache.proxies {
        if judged(&p.span) || !seen.insert(p.span) {
            continue;
        }
        // A balancer's members are proxies of their own.
        if !matches!(p.endpoint, Endpoint::Upstream(_))
            && !verified(&p.endpoint, listeners, index)
        {
            out.push(report(
                p.kind.directive(),
                &p.target,
                &p.endpoint,
                p.span,
                "httpd",
            ));
        }
    }
    out
}

/// Whether a scanned or declared listener answers `target`. A host name is
/// verified only by a declared backend of that very name: hoplint does
/// not resolve names.
fn verified(target: &Endpoint, listeners: &[Listener], index: &ListenIndex) -> bool {
    match target {
        Endpoint::Tcp(Host::Name(_), _) | Endpoint::Other(_) => listeners
            .iter()
            .any(|l| l.server == ServerKind::External && same_name(l.endpoint, target)),
        Endpoint::Unix(_) | Endpoint::Tcp(..) => index.may_answer(target),
        // Upstream names and variables are other rules' business.
        Endpoint::Upstream(_) | Endpoint::Variable(_) => true,
    }
}

fn same_name(declared: &Endpoint, target: &Endpoint) -> bool {
    match (declared, target) {
        (Endpoint::Tcp(Host::Name(a), p), Endpoint::Tcp(Host::Name(b), q)) => a == b && p == q,
        (Endpoint::Tcp(Host::Name(a), _), Endpoint::Other(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    }
}

/// The address to declare, written as `hoplint.toml` reads it.
fn declarable(endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Unix(p) => format!("unix:{p}"),
        Endpoint::Tcp(Host::AnyV6 | Host::AnyDual, port) => format!("[::]:{port}"),
        Endpoint::Tcp(h, port) => format!("{h}:{port}"),
        Endpoint::Other(name) | Endpoint::Upstream(name) | Endpoint::Variable(name) => name.clone(),
    }
}

fn report(
    directive: &str,
    target: &str,
    endpoint: &Endpoint,
    span: Span,
    front: &str,
) -> Diagnostic {
    let addr = declarable(endpoint);
    let status = if front == "httpd" { "503" } else { "502" };
    RULE.diag(format!("`{directive}` hands requests to `{target}`, a backend that is not among the checked configs: hoplint cannot tell whether anything answers there"))
    .at(span.file, span.range, "backend not verified")
    .help(format!(
        "If nothing answers there at runtime, {front} answers {status}. If this backend is yours, declare it in `hoplint.toml` so that hops to it are checked (a typo in its port is then caught):\n[[external]]\nlisten = \"{addr}\""
    ))
}
