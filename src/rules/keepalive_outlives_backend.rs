//! `keepalive-outlives-backend`: nginx keeps idle upstream connections
//! open at least as long as the backend does. When the backend closes one
//! just as nginx sends a request on it, that request gets 502 `upstream
//! prematurely closed connection`.

use super::upstream_keepalive_unused::keepalive_of;
use crate::config::parse_duration;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::model::apache::timeout_ms;
use crate::model::buffers::keepalive_gaps;
use crate::model::nginx::{Dir, HopKind};
use crate::model::{ServerKind, Span, Stack};

pub const CODE: &str = "keepalive-outlives-backend";

/// nginx's upstream `keepalive_timeout` when unset (since 1.15.3).
const NGINX_UPSTREAM_IDLE: u64 = 60_000;
/// nginx's `keepalive_timeout` for clients when unset.
const NGINX_CLIENT_IDLE: u64 = 75_000;
/// Apache's `KeepAliveTimeout` when unset.
const APACHE_IDLE: u64 = 5_000;

/// How long a backend keeps an idle client connection, and where that is
/// decided.
struct Backend {
    idle: u64,
    what: String,
    span: Option<Span>,
}

fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

pub fn check(stack: &Stack) -> Vec<Diagnostic> {
    let nginx = &stack.nginx;
    let listeners = stack.listeners();
    let index = crate::model::ListenIndex::new(&listeners);
    let mut out = Vec::new();
    let mut seen: Vec<(usize, Span)> = Vec::new();
    for hop in &nginx.hops {
        // Only HTTP hops that really reuse connections race the backend.
        if hop.kind != HopKind::Proxy {
            continue;
        }
        let Some(keepalive) = keepalive_of(nginx, hop) else {
            continue;
        };
        if !keepalive_gaps(nginx, hop.ctx, hop.kind).is_some_and(|g| g.is_empty()) {
            continue;
        }
        let crate::model::Endpoint::Upstream(name) = &hop.endpoint else {
            continue;
        };
        let Some(upstream) = nginx.upstream(name) else {
            continue;
        };
        let timeout_dir = nginx.contexts[upstream.ctx]
            .directives
            .iter()
            .rev()
            .find(|d| d.name == "keepalive_timeout");
        let idle = match timeout_dir {
            Some(d) => match d.arg(0).and_then(parse_duration) {
                Some(ms) => ms,
                None => continue,
            },
            None => NGINX_UPSTREAM_IDLE,
        };
        for server in &upstream.servers {
            for l in index.answering(&server.endpoint) {
                let Some(backend) = backend(stack, l.server, l.span, l.endpoint) else {
                    continue;
                };
                if idle < backend.idle || seen.contains(&(upstream.ctx, server.span)) {
                    continue;
                }
                seen.push((upstream.ctx, server.span));
                out.push(report(
                    hop.span,
                    keepalive,
                    timeout_dir,
                    idle,
                    server.span,
                    &backend,
                ));
            }
        }
    }
    out
}

fn backend(
    stack: &Stack,
    kind: ServerKind,
    listen: Span,
    endpoint: &crate::model::Endpoint,
) -> Option<Backend> {
    match kind {
        ServerKind::Apache => {
            let apache = &stack.apache;
            // A vhost may set its own; hoplint does not pick the vhost a
            // request lands on, so it judges only one value for all.
            let values: Vec<_> = apache
                .settings
                .iter()
                .filter(|s| s.name.eq_ignore_ascii_case("KeepAliveTimeout"))
                .collect();
            if apache.settings.iter().any(|s| {
                s.name.eq_ignore_ascii_case("KeepAlive")
                    && s.args
                        .first()
                        .is_some_and(|a| a.eq_ignore_ascii_case("off"))
            }) {
                // httpd answers `Connection: close`: nothing is reused.
                return None;
            }
            match values.as_slice() {
                [] => Some(Backend {
                    idle: APACHE_IDLE,
                    what: "httpd closes idle connections after 5s (`KeepAliveTimeout` default)"
                        .into(),
                    span: Some(listen),
                }),
                [one] if one.vhost.is_none() => {
                    let v = one.args.first()?;
                    let idle = timeout_ms(v)?;
                    Some(Backend {
                        idle,
                        what: format!(
                            "httpd closes idle connections after {} (`KeepAliveTimeout {v}`)",
                            seconds(idle)
                        ),
                        span: Some(one.span),
                    })
                }
                _ => None,
            }
        }
        ServerKind::Nginx => {
            let nginx = &stack.nginx;
            let server = nginx
                .servers
                .iter()
                .find(|s| s.listens.iter().any(|l| l.span == listen))?;
            match nginx.effective(server.ctx, "keepalive_timeout") {
                None => Some(Backend {
                    idle: NGINX_CLIENT_IDLE,
                    what: "the backend nginx closes idle connections after 75s (`keepalive_timeout` default)".into(),
                    span: Some(listen),
                }),
                Some(f) => {
                    let idle = parse_duration(f.dir.arg(0)?)?;
                    if idle == 0 {
                        return None;
                    }
                    Some(Backend {
                        idle,
                        what: format!(
                            "the backend nginx closes idle connections after {} (`keepalive_timeout {}`)",
                            seconds(idle),
                            f.dir.arg(0).unwrap_or("")
                        ),
                        span: Some(f.dir.span),
                    })
                }
            }
        }
        ServerKind::External => {
            let e = stack.external.iter().find(|e| &e.endpoint == endpoint)?;
            let idle = e.keepalive_timeout.filter(|&t| t > 0)?;
            Some(Backend {
                idle,
                what: format!(
                    "the declared backend `{}` closes idle connections after {} (hoplint.toml `keepalive_timeout`)",
                    e.name,
                    seconds(idle)
                ),
                span: None,
            })
        }
        ServerKind::PhpFpm => None,
    }
}

fn report(
    hop: Span,
    keepalive: &Dir,
    timeout: Option<&Dir>,
    idle: u64,
    server: Span,
    backend: &Backend,
) -> Diagnostic {
    let ours = match timeout {
        Some(d) => format!("`keepalive_timeout {}`", d.arg(0).unwrap_or("")),
        None => "`keepalive_timeout` 60s, nginx's default".to_string(),
    };
    let (file, range, label) = match timeout {
        Some(d) => (
            d.span.file,
            d.span.range,
            "nginx keeps idle connections this long",
        ),
        None => (
            keepalive.span.file,
            keepalive.span.range,
            "idle connections kept for 60s (nginx's default `keepalive_timeout`)",
        ),
    };
    let mut d = Diagnostic::new(
        CODE,
        Category::Keepalive,
        Severity::Warning,
        format!(
            "nginx keeps idle connections to this backend for {} ({ours}), but {}: a POST (or other non-idempotent request) sent on a connection just as the backend closes it gets 502 Bad Gateway, and nginx logs `upstream prematurely closed connection while reading response header from upstream`. It is sporadic: it hits only requests that arrive after a pause of about {} on a reused connection",
            seconds(idle),
            backend.what,
            seconds(backend.idle)
        ),
    )
    .at(file, range, label)
    .also(server.file, server.range, "this backend")
    .also(hop.file, hop.range, "reuses connections to it");
    if let Some(s) = backend.span {
        d = d.also(
            s.file,
            s.range,
            "the backend closes idle connections sooner",
        );
    }
    d.help(format!(
        "nginx must drop an idle connection before the backend does. Fix: set `keepalive_timeout` in the `upstream` block below {} (e.g. `keepalive_timeout {};`), or raise the backend's idle timeout above {}",
        seconds(backend.idle),
        seconds((backend.idle / 2000).max(1) * 1000),
        seconds(idle)
    ))
}
