//! `apache-backend-missing`: an Apache proxy (`SetHandler "proxy:…"`,
//! `ProxyPass`, `ProxyPassMatch`, `BalancerMember`) to a unix socket no
//! scanned server creates, or to a loopback port none binds. mod_proxy
//! cannot connect and Apache answers 503.

use crate::diagnostic::{Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::apache::{LoadedModules, Proxy};
use crate::model::{
    Endpoint, Listener, NearPorts, NearSockets, ServerKind, SocketScope, Span,
};
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "apache-backend-missing",
        Connectivity,
        Error,
        "an Apache `SetHandler proxy:`/`ProxyPass` target no scanned listener answers (503)",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

/// The protocols whose servers hoplint reads: php-fpm for FastCGI, nginx
/// and httpd for HTTP. AJP, SCGI and uwsgi backends are never scanned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Proto {
    Fcgi,
    Http,
}

impl Proto {
    fn of(p: &Proxy) -> Option<Proto> {
        match p.scheme()?.as_str() {
            "fcgi" => Some(Proto::Fcgi),
            "http" => Some(Proto::Http),
            _ => None,
        }
    }

    fn serves(self, server: ServerKind) -> bool {
        match self {
            Proto::Fcgi => server == ServerKind::PhpFpm,
            Proto::Http => server != ServerKind::PhpFpm,
        }
    }
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let listeners = cx.listeners;
    let index = cx.listen_index;
    let scope = SocketScope::new(stack, listeners);
    let sockets = NearSockets::new(listeners, true);
    // A snippet included by two vhosts names the same backend once.
    let modules = LoadedModules::new(&stack.apache);
    let mut seen: HashSet<Span> = HashSet::new();
    let mut out = Vec::new();
    let of_proto = |proto: Proto| {
        let of_kind: Vec<&Listener> = listeners
            .iter()
            .filter(|l| proto.serves(l.server))
            .collect();
        let ports = NearPorts::new(&of_kind);
        (of_kind, ports)
    };
    let (fcgi, http) = (of_proto(Proto::Fcgi), of_proto(Proto::Http));
    // A line inside an `<IfModule>` that fails is never read by httpd.
    for p in stack.apache.proxies.iter().filter(|p| modules.reads(p)) {
        let Some(proto) = Proto::of(p) else {
            continue;
        };
        if !seen.insert(p.span) || index.may_answer(&p.endpoint) {
            continue;
        }
        match &p.endpoint {
            // A relative path is resolved against DefaultRuntimeDir, which
            // hoplint does not follow.
            Endpoint::Unix(path)
                if path.starts_with('/') && scope.checkable(proto == Proto::Fcgi, path) =>
            {
                out.push(unix_report(p, path, &sockets));
            }
            e if e.is_loopback_tcp() => {
                let (of_kind, ports) = match proto {
                    Proto::Fcgi => &fcgi,
                    Proto::Http => &http,
                };
                let near = ports.near_miss(e);
                let severity = match (proto, near) {
                    (Proto::Fcgi, _) if !stack.pools.is_empty() => Severity::Error,
                    // HTTP backends are often app servers hoplint does not
                    // read: only the address family split, or a scanned or
                    // declared server one typo away, is most likely a mistake.
                    (Proto::Http, Some((_, true))) => Severity::Warning,
                    (Proto::Http, Some((_, false))) => Severity::Warning,
                    _ => continue,
                };
                out.push(tcp_report(p, proto, severity, near, of_kind));
            }
            _ => {}
        }
    }
    out
}

fn who(l: &Listener) -> String {
    match l.server {
        ServerKind::PhpFpm => format!("php-fpm pool `{}`", l.name),
        ServerKind::Nginx => "nginx".to_string(),
        ServerKind::Apache => "httpd".to_string(),
        ServerKind::External => format!("declared backend `{}`", l.name),
    }
}

fn unix_report(p: &Proxy, path: &str, sockets: &NearSockets) -> Diagnostic {
    let directive = p.kind.directive();
    let mut d = RULE.diag(format!("`{directive}` connects to `unix:{path}`, a socket no scanned php-fpm pool or nginx server creates: every request here gets 503 Service Unavailable"))
    .at(p.span.file, p.span.range, "no listener creates this socket");
    let log = format!("AH02454: FCGI: attempt to connect to Unix domain socket {path} (…) failed");
    let fix = match sockets.nearest(path) {
        Some((l, s)) => {
            d = d.also(
                l.span.file,
                l.span.range,
                format!("did you mean `unix:{s}`? {} listens here", who(l)),
            );
            format!("point `{directive}` at `unix:{s}`, or make that listener create `{path}`")
        }
        None => format!("point `{directive}` at the socket a php-fpm pool's `listen` creates"),
    };
    d.help(format!(
        "Apache logs `{log}` and `AH01079: failed to make connection to backend`, and answers 503. Fix: {fix}"
    ))
}

fn tcp_report(
    p: &Proxy,
    proto: Proto,
    severity: Severity,
    near: Option<(&Listener, bool)>,
    of_kind: &[&Listener],
) -> Diagnostic {
    let directive = p.kind.directive();
    let addr = p.endpoint.to_string();
    let addr = addr.trim_start_matches("tcp ");
    let (what, log) = match proto {
        Proto::Fcgi => (
            "php-fpm pool",
            "(111)Connection refused: AH00957: FCGI: attempt to connect to … failed` and `AH01079: failed to make connection to backend",
        ),
        Proto::Http => (
            "nginx or httpd server",
            "(111)Connection refused: AH00957: http: attempt to connect to … failed` and `AH01114: HTTP: failed to make connection to backend",
        ),
    };
    let mut d = RULE.diag(format!("`{directive}` connects to `{addr}`, where no scanned {what} listens: the connection is refused and Apache answers 503 Service Unavailable"))
        .with_severity(severity)
    .at(p.span.file, p.span.range, "nothing listens on this address");
    let fix = match near {
        Some((l, same_port)) => {
            let why = if same_port {
                format!(
                    "`{}` listens on the same port but on the other address family",
                    l.text
                )
            } else {
                format!("did you mean `{}`? {} listens here", l.text, who(l))
            };
            d = d.also(l.span.file, l.span.range, why);
            format!(
                "point `{directive}` at `{}`, where {} listens, or make it listen on `{addr}`",
                l.text,
                who(l)
            )
        }
        None => {
            for l in of_kind.iter().take(3) {
                d = d.also(
                    l.span.file,
                    l.span.range,
                    format!("{} listens on `{}`", who(l), l.text),
                );
            }
            format!("point `{directive}` at an address a {what} listens on")
        }
    };
    d.help(format!("Apache logs `{log}`, and answers 503. Fix: {fix}"))
}
