//! `tcp-port-refused`: a hop to a loopback address and port that no
//! scanned server binds. The kernel refuses the connection (ECONNREFUSED)
//! and nginx answers 502.

use crate::diagnostic::{Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::endpoint::Host;
use crate::model::nginx::HopKind;
use crate::model::{Endpoint, Listener, NearPorts, ServerKind, Span, Target};
use foldhash::{HashMap, HashMapExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "tcp-port-refused",
        Connectivity,
        Error,
        "a `*_pass` to a loopback address and port no scanned listener binds (502)",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

/// The scanned servers that speak what a hop sends: php-fpm for FastCGI,
/// nginx and httpd for HTTP. uWSGI, SCGI and gRPC servers are never
/// scanned; a declared backend speaks whatever its hops send.
fn serves(kind: HopKind, server: ServerKind) -> bool {
    matches!(
        (kind, server),
        (_, ServerKind::External)
            | (HopKind::FastCgi, ServerKind::PhpFpm)
            | (HopKind::Proxy, ServerKind::Nginx | ServerKind::Apache)
    )
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let listeners = cx.listeners;
    let index = cx.listen_index;
    let mut out = Vec::new();
    // What the user declared is what they mean to reach: a near miss there
    // beats one among the scanned servers.
    let declared: Vec<&Listener> = listeners
        .iter()
        .filter(|l| l.server == ServerKind::External)
        .collect();
    let declared_ports = NearPorts::new(&declared);
    let servers_listening = servers_listening(stack);
    // The listeners that can serve each kind of hop, and their ports.
    let mut kinds: Vec<(HopKind, Vec<&Listener>, NearPorts)> = Vec::new();
    for t in cx.targets {
        if !t.endpoint.is_loopback_tcp() || index.may_answer(t.endpoint) {
            continue;
        }
        let k = match kinds.iter().position(|(k, ..)| *k == t.hop.kind) {
            Some(k) => k,
            None => {
                let of_kind: Vec<&Listener> = listeners
                    .iter()
                    .filter(|l| serves(t.hop.kind, l.server))
                    .collect();
                let ports = NearPorts::new(&of_kind);
                kinds.push((t.hop.kind, of_kind, ports));
                kinds.len() - 1
            }
        };
        let (_, of_kind, ports) = &kinds[k];
        let near = declared_ports
            .near_miss(t.endpoint)
            .or_else(|| ports.near_miss(t.endpoint));
        let severity = match (t.hop.kind, near) {
            (HopKind::FastCgi, _) if !stack.pools.is_empty() => Severity::Error,
            // HTTP backends are often app servers hoplint does not read:
            // only the address family split, or a scanned nginx or httpd
            // one typo away on loopback, is most likely a mistake.
            (HopKind::Proxy, Some((_, true))) => Severity::Warning,
            (HopKind::Proxy, Some((l, false)))
                if matches!(l.server, ServerKind::Nginx | ServerKind::Apache)
                    && !own_listen(stack, &servers_listening, t, l) =>
            {
                Severity::Warning
            }
            // The user declared the backends they run: a port one typo
            // away from one of them is most likely that typo.
            (_, Some((l, false))) if l.server == ServerKind::External => Severity::Warning,
            _ => continue,
        };
        out.push(report(t, severity, near, of_kind));
    }
    out
}

/// The `server` contexts each nginx `listen` is written in, so that a hop
/// finds its own without reading every server (a snippet of `listen`s
/// included by several servers belongs to each).
fn servers_listening(stack: &crate::model::Stack) -> HashMap<Span, Vec<usize>> {
    let mut out: HashMap<Span, Vec<usize>> = HashMap::new();
    for s in &stack.nginx.servers {
        for l in &s.listens {
            out.entry(l.span).or_default().push(s.ctx);
        }
    }
    out
}

/// Whether `l` is a `listen` of the `server` block the hop stands in: a
/// front whose backend port is one digit off its own (nginx on 8080, an
/// app on 8081) most likely means an app server, not itself.
fn own_listen(
    stack: &crate::model::Stack,
    servers_listening: &HashMap<Span, Vec<usize>>,
    t: &Target,
    l: &Listener,
) -> bool {
    let Some(ctx) = stack.nginx.enclosing(t.hop.ctx, "server") else {
        return false;
    };
    servers_listening
        .get(&l.span)
        .is_some_and(|ctxs| ctxs.contains(&ctx))
}

fn family(e: &Endpoint) -> &'static str {
    match e {
        Endpoint::Tcp(Host::Ip(a), _) if a.is_ipv4() => " (IPv4 only)",
        Endpoint::Tcp(Host::AnyV4, _) => " (IPv4 only)",
        Endpoint::Tcp(Host::Ip(_) | Host::AnyV6, _) => " (IPv6 only)",
        _ => "",
    }
}

fn report(
    t: &Target,
    severity: Severity,
    near: Option<(&Listener, bool)>,
    of_kind: &[&Listener],
) -> Diagnostic {
    let pass = t.hop.kind.directive();
    let addr = t.text.split("://").last().unwrap_or(t.text);
    let log = "connect() failed (111: Connection refused) while connecting to upstream";
    let what = match t.hop.kind {
        HopKind::FastCgi => "php-fpm pool",
        _ => "nginx or httpd server",
    };
    let mut d = RULE.diag(format!("`{pass}` connects to `{addr}`, where no scanned {what} listens: the connection is refused and nginx answers 502 Bad Gateway"))
        .with_severity(severity)
    .at(t.span.file, t.span.range, "nothing listens on this address");
    if t.span != t.hop.span {
        d = d.also(t.hop.span.file, t.hop.span.range, "used by this hop");
    }
    let fix = match near {
        Some((l, same_port)) => {
            let why = if same_port {
                format!(
                    "`{}` listens on the same port but on the other address family{}",
                    l.text,
                    family(l.endpoint)
                )
            } else {
                format!("did you mean `{}`?", l.text)
            };
            d = d.also(l.span.file, l.span.range, why);
            if let Some((written, meant)) = address_meant(addr, l) {
                d = d.fix(
                    t.span.file,
                    t.span.range,
                    written,
                    meant.clone(),
                    format!("connect to `{meant}`, where {} `{}` listens", server_name(l.server), l.name),
                );
            }
            format!(
                "point `{pass}` at `{}`, where {} `{}` listens, or make it listen on `{addr}`",
                l.text,
                server_name(l.server),
                l.name
            )
        }
        None => {
            for l in of_kind.iter().take(3) {
                d = d.also(
                    l.span.file,
                    l.span.range,
                    format!(
                        "{} `{}` listens on `{}`",
                        server_name(l.server),
                        l.name,
                        l.text
                    ),
                );
            }
            format!("point `{pass}` at an address a {what} listens on, or add `listen = {addr}` to the pool meant to answer")
        }
    };
    d.help(format!("nginx logs `{log}` and answers 502. Fix: {fix}"))
}

fn server_name(s: ServerKind) -> &'static str {
    match s {
        ServerKind::PhpFpm => "pool",
        ServerKind::Nginx => "nginx",
        ServerKind::Apache => "httpd",
        ServerKind::External => "declared backend",
    }
}

/// The address as written in the target (`127.0.0.1:9001` of
/// `http://127.0.0.1:9001/api`) and one the listener certainly answers:
/// the target's host with the listener's port, else a loopback address of
/// the listener's family. `None` where none is certain.
fn address_meant<'a>(addr: &'a str, l: &Listener) -> Option<(&'a str, String)> {
    let Endpoint::Tcp(_, port) = l.endpoint else {
        return None;
    };
    let written = addr.split('/').next().unwrap_or(addr);
    let host = written.rsplit_once(':').map_or(written, |(h, _)| h);
    [host, "127.0.0.1", "[::1]"]
        .into_iter()
        .map(|h| format!("{h}:{port}"))
        .find(|a| {
            l.endpoint
                .answers(&crate::model::endpoint::nginx_target(a, None))
                == crate::model::endpoint::Answer::Yes
        })
        .map(|a| (written, a))
}
