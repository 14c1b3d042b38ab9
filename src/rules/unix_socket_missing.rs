//! `unix-socket-missing`: a hop to a unix socket that no scanned server
//! creates. nginx's `connect()` fails with ENOENT and it answers 502.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::nginx::HopKind;
use crate::model::{Endpoint, NearSockets, SocketScope, Target};

pub static RULE: Rule = Rule {
    meta: meta!(
        "unix-socket-missing",
        Connectivity,
        Error,
        "a `*_pass` to a unix socket no scanned php-fpm pool or server creates (502)",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let listeners = cx.listeners;
    let index = cx.listen_index;
    let sockets = NearSockets::new(listeners, false);
    let scope = SocketScope::new(stack, listeners);
    let mut out = Vec::new();
    for t in cx.targets {
        let Endpoint::Unix(path) = t.endpoint else {
            continue;
        };
        if !scope.checkable(t.hop.kind == HopKind::FastCgi, path) || index.may_answer(t.endpoint) {
            continue;
        }
        out.push(report(t, path, &sockets));
    }
    out
}

fn report(t: &Target, path: &str, sockets: &NearSockets) -> Diagnostic {
    let pass = t.hop.kind.directive();
    let log = format!(
        "connect() to unix:{path} failed (2: No such file or directory) while connecting to upstream"
    );
    let mut d = RULE.diag(format!("`{pass}` connects to `unix:{path}`, a socket no scanned php-fpm pool or nginx server creates: every request here gets 502 Bad Gateway"));
    d = if t.span == t.hop.span {
        d.at(t.span.file, t.span.range, "no listener creates this socket")
    } else {
        d.at(t.span.file, t.span.range, "no listener creates this socket")
            .also(t.hop.span.file, t.hop.span.range, "used by this hop")
    };
    let help = match sockets.nearest(path) {
        Some((l, p)) => {
            let who = match l.server {
                crate::model::ServerKind::PhpFpm => format!("php-fpm pool `{}`", l.name),
                _ => "nginx".to_string(),
            };
            d = d.also(
                l.span.file,
                l.span.range,
                format!("did you mean `unix:{p}`? {who} listens here"),
            );
            // The editor's quick fix: the socket path as written, replaced.
            if let Some(written) = socket_as_written(t.text) {
                d = d.fix(
                    t.span.file,
                    t.span.range,
                    written,
                    p,
                    format!("use `unix:{p}` ({who} listens there)"),
                );
            }
            format!("nginx logs `{log}` and answers 502. Point `{pass}` at a socket a pool creates (`unix:{p}`), or set that pool's `listen` to `{path}`")
        }
        None => format!("nginx logs `{log}` and answers 502. Point `{pass}` at the socket a php-fpm pool's `listen` creates"),
    };
    let help = if path == crate::model::php_fpm::DEBIAN_SOCKET_LINK {
        format!("{help}. On Debian and Ubuntu this path is a link that `phpX.Y-fpm.service` makes to the unix socket `/etc/php/X.Y/fpm/pool.d/www.conf` listens on; it is not made when `www.conf` listens on TCP, names its socket with `$pool`, or is gone")
    } else {
        help
    };
    d.help(help)
}

/// The socket path in a target as written: after `unix:`, up to a `:`
/// that starts a URI (`http://unix:/run/app.sock:/api`).
fn socket_as_written(target: &str) -> Option<&str> {
    let path = &target[target.find("unix:")? + "unix:".len()..];
    Some(path.split(':').next().unwrap_or(path)).filter(|p| !p.is_empty())
}
