//! `keepalive-outlives-backend`: nginx (or httpd's `ProxyPass`) keeps idle
//! backend connections open at least as long as the backend does. When the
//! backend closes one just as the proxy sends a request on it, that request
//! gets 502 (nginx: `upstream prematurely closed connection`; httpd:
//! `AH01102`).

use super::upstream_keepalive_unused::keepalive_of;
use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::apache::proxy_workers::Param;
use crate::model::apache::{ConnectionServer, Proxy};
use crate::model::buffers::keepalive_gaps;
use crate::model::nginx::{Dir, HopKind};
use crate::model::{Endpoint, ListenIndex, ServerKind, Span, Stack};
use crate::values::httpd::{leading_seconds, timeout_ms};
use crate::values::nginx::parse_duration;
use crate::values::nginx::show_ms;
use foldhash::HashMap;

pub static RULE: Rule = Rule {
    meta: meta!(
        "keepalive-outlives-backend",
        Keepalive,
        Warning,
        "nginx (or httpd's `ProxyPass` without `ttl=`) keeps idle backend connections longer than the backend: sporadic 502",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

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

impl Backend {
    /// Points at the line that sets the backend's idle limit, if any.
    fn label(&self, d: Diagnostic) -> Diagnostic {
        match self.span {
            Some(s) => d.also(
                s.file,
                s.range,
                "the backend closes idle connections sooner",
            ),
            None => d,
        }
    }
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let index = cx.listen_index;
    let mut vhosts = VhostCache::default();
    let mut out = nginx_fronts(stack, index, &mut vhosts);
    out.extend(httpd_fronts(stack, index, &mut vhosts));
    out
}

/// The httpd server that answers each backend address, found once per
/// address: an audit holds thousands of hops and thousands of vhosts.
type VhostCache = HashMap<Endpoint, ConnectionServer>;

/// How an nginx upstream keeps idle connections: by its `keepalive` line,
/// or by default on nginx 1.29.7 and later.
enum Keeps<'a> {
    Written(&'a Dir),
    ByDefault,
}

fn nginx_fronts(stack: &Stack, index: &ListenIndex, vhosts: &mut VhostCache) -> Vec<Diagnostic> {
    let nginx = &stack.nginx;
    let release = &stack.nginx_release;
    let mut out = Vec::new();
    let mut seen: Vec<(usize, Span)> = Vec::new();
    for hop in &nginx.hops {
        // Only HTTP hops that really reuse connections race the backend.
        if hop.kind != HopKind::Proxy {
            continue;
        }
        let Endpoint::Upstream(name) = &hop.endpoint else {
            continue;
        };
        let Some(upstream) = nginx.upstream(name) else {
            continue;
        };
        let written = nginx.contexts()[upstream.ctx]
            .directives
            .iter()
            .rev()
            .find(|d| d.name() == "keepalive");
        let keeps = match (keepalive_of(nginx, hop), written) {
            (Some(d), _) => Keeps::Written(d),
            (None, None) if release.keepalive_by_default() => Keeps::ByDefault,
            _ => continue,
        };
        if !keepalive_gaps(nginx, hop.ctx, hop.kind, release).is_some_and(|g| g.is_empty()) {
            continue;
        }
        let timeout_dir = nginx.contexts()[upstream.ctx]
            .directives
            .iter()
            .rev()
            .find(|d| d.name() == "keepalive_timeout");
        let idle = match timeout_dir {
            Some(d) => match d.arg(0).and_then(parse_duration) {
                Some(ms) => ms,
                None => continue,
            },
            None => NGINX_UPSTREAM_IDLE,
        };
        for server in &upstream.servers {
            for l in index.answering(&server.endpoint) {
                let Some(backend) = backend(stack, l, &server.endpoint, vhosts) else {
                    continue;
                };
                if idle < backend.idle || seen.contains(&(upstream.ctx, server.span)) {
                    continue;
                }
                seen.push((upstream.ctx, server.span));
                let front = NginxFront {
                    hop: hop.span,
                    keeps: &keeps,
                    upstream: upstream.span,
                    timeout: timeout_dir,
                    idle,
                    release: release.describe(),
                };
                out.push(report(&front, server.span, &backend));
            }
        }
    }
    out
}

/// httpd pools connections to an HTTP backend unless told not to
/// (`disablereuse`), and drops an idle one only after `ttl=` seconds, or
/// never without it. Under mpm_prefork each process keeps one connection
/// outside the pool, where `ttl=` does not apply.
fn httpd_fronts(stack: &Stack, index: &ListenIndex, vhosts: &mut VhostCache) -> Vec<Diagnostic> {
    let apache = &stack.apache;
    let mut out = Vec::new();
    for p in &apache.proxies {
        if !matches!(p.scheme().as_deref(), Some("http" | "https")) {
            continue;
        }
        // The hop's own line, else `<Proxy>` / `ProxySet` by the worker's
        // name; values that differ between places that may apply leave
        // the hop unjudged.
        let mut unknown = false;
        let mut param = |key: &str| match apache.param(p, key) {
            Param::Set { value, span, .. } => Some((value, span)),
            Param::Unset => None,
            Param::Unknown => {
                unknown = true;
                None
            }
        };
        let disable = param("disablereuse");
        let enable = param("enablereuse");
        let ttl_param = param("ttl");
        if unknown {
            continue;
        }
        let reuse_off = disable.is_some_and(|(v, _)| v.eq_ignore_ascii_case("on"))
            || enable.is_some_and(|(v, _)| v.eq_ignore_ascii_case("off"));
        if reuse_off {
            continue;
        }
        let ttl = match ttl_param {
            // httpd reads it with atoi() and refuses less than 1 second.
            Some((v, span)) => match leading_seconds(v) {
                Some(s) if s >= 1 => Some((s * 1000, span)),
                _ => continue,
            },
            None => None,
        };
        let prefork = apache
            .modules
            .iter()
            .any(|m| m.root == p.root && m.name == "mpm_prefork_module");
        for l in index.answering(&p.endpoint) {
            let Some(backend) = backend(stack, l, &p.endpoint, vhosts) else {
                continue;
            };
            if !prefork && ttl.is_some_and(|(t, _)| t < backend.idle) {
                continue;
            }
            out.push(report_httpd(p, ttl, prefork, &backend));
            break;
        }
    }
    out
}

fn backend(
    stack: &Stack,
    listener: &crate::model::Listener,
    target: &Endpoint,
    vhosts: &mut VhostCache,
) -> Option<Backend> {
    match listener.server {
        ServerKind::Apache => {
            let apache = &stack.apache;
            // The connection's idle limit is that of the first vhost for
            // the address, not of the vhost a request names.
            let server = *vhosts
                .entry(target.clone())
                .or_insert_with(|| apache.vhost_for_connection(target));
            let vhost = match server {
                ConnectionServer::Unknown => return None,
                ConnectionServer::Main => None,
                ConnectionServer::Vhost(v) => Some(v),
            };
            if apache
                .effective(vhost, "KeepAlive")
                .and_then(|s| s.args.first())
                .is_some_and(|a| a.eq_ignore_ascii_case("off"))
            {
                // httpd answers `Connection: close`: nothing is reused.
                return None;
            }
            match apache.effective(vhost, "KeepAliveTimeout") {
                None => Some(Backend {
                    idle: APACHE_IDLE,
                    what: "httpd closes idle connections after 5s (`KeepAliveTimeout` default)"
                        .into(),
                    span: Some(listener.span),
                }),
                Some(one) => {
                    let v = one.args.first()?;
                    let idle = timeout_ms(v)?;
                    Some(Backend {
                        idle,
                        what: format!(
                            "httpd closes idle connections after {} (`KeepAliveTimeout {v}`)",
                            show_ms(idle)
                        ),
                        span: Some(one.span),
                    })
                }
            }
        }
        ServerKind::Nginx => {
            let nginx = &stack.nginx;
            let server = nginx
                .servers
                .iter()
                .find(|s| s.listens.iter().any(|l| l.span == listener.span))?;
            match nginx.effective(server.ctx, "keepalive_timeout") {
                None => Some(Backend {
                    idle: NGINX_CLIENT_IDLE,
                    what: "the backend nginx closes idle connections after 75s (`keepalive_timeout` default)".into(),
                    span: Some(listener.span),
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
                            show_ms(idle),
                            f.dir.arg(0).unwrap_or("")
                        ),
                        span: Some(f.dir.span),
                    })
                }
            }
        }
        ServerKind::External => {
            let e = stack
                .external
                .iter()
                .find(|e| &e.endpoint == listener.endpoint)?;
            let idle = e.keepalive_timeout.filter(|&t| t > 0)?;
            Some(Backend {
                idle,
                what: format!(
                    "the declared backend `{}` closes idle connections after {} (hoplint.toml `keepalive_timeout`)",
                    e.name,
                    show_ms(idle)
                ),
                span: None,
            })
        }
        ServerKind::PhpFpm => None,
    }
}

/// The nginx side of a finding.
struct NginxFront<'a> {
    hop: Span,
    keeps: &'a Keeps<'a>,
    upstream: Span,
    timeout: Option<&'a Dir>,
    idle: u64,
    release: Option<String>,
}

fn report(front: &NginxFront, server: Span, backend: &Backend) -> Diagnostic {
    let idle = front.idle;
    let ours = match (front.timeout, front.keeps) {
        (Some(d), _) => format!("`keepalive_timeout {}`", d.arg(0).unwrap_or("")),
        (None, Keeps::Written(_)) => "`keepalive_timeout` 60s, nginx's default".to_string(),
        (None, Keeps::ByDefault) => format!(
            "since nginx 1.29.7 every `upstream` keeps idle connections for 60s unless it says `keepalive 0`; this is {}",
            front.release.as_deref().unwrap_or("a newer nginx")
        ),
    };
    let (span, label) = match (front.timeout, front.keeps) {
        (Some(d), _) => (d.span, "nginx keeps idle connections this long"),
        (None, Keeps::Written(k)) => (
            k.span,
            "idle connections kept for 60s (nginx's default `keepalive_timeout`)",
        ),
        (None, Keeps::ByDefault) => (
            front.upstream,
            "keeps idle connections for 60s by default (nginx 1.29.7 and later)",
        ),
    };
    let mut d = RULE.diag(format!(
            "nginx keeps idle connections to this backend for {} ({ours}), but {}: a POST (or other non-idempotent request) sent on a connection just as the backend closes it gets 502 Bad Gateway, and nginx logs `upstream prematurely closed connection while reading response header from upstream`. It is sporadic: it hits only requests that arrive after a pause of about {} on a reused connection",
            show_ms(idle),
            backend.what,
            show_ms(backend.idle)
        ))
    .at(span.file, span.range, label)
    .also(server.file, server.range, "this backend")
    .also(front.hop.file, front.hop.range, "reuses connections to it");
    d = backend.label(d);
    d.help(format!(
        "nginx must drop an idle connection before the backend does. Fix: set `keepalive_timeout` in the `upstream` block below {} (e.g. `keepalive_timeout {};`), or raise the backend's idle timeout above {}",
        show_ms(backend.idle),
        show_ms((backend.idle / 2000).max(1) * 1000),
        show_ms(idle)
    ))
}

fn report_httpd(
    p: &Proxy,
    ttl: Option<(u64, Span)>,
    prefork: bool,
    backend: &Backend,
) -> Diagnostic {
    let directive = p.kind.directive();
    let ours = match (prefork, ttl.map(|(t, _)| t)) {
        (true, _) => "for as long as the backend allows: under mpm_prefork each process keeps its one connection outside the pool that `ttl=` applies to".to_string(),
        (false, Some(t)) => format!("for {} (`ttl={}`)", show_ms(t), t / 1000),
        (false, None) => format!("for as long as the backend allows (the `{directive}` has no `ttl=`)"),
    };
    let host = match &p.endpoint {
        Endpoint::Tcp(h, port) => format!("{h}:{port}"),
        other => other.to_string(),
    };
    let mut d = RULE.diag(format!(
            "httpd keeps idle connections to this backend {ours}, but {}: a request sent on a connection just as the backend closes it fails, and httpd logs `AH01102: error reading status line from remote server {host}`. The client gets 502 Bad Gateway, or, on a connection that already carried requests, no answer at all (browsers retry a GET, not a POST). It is sporadic: it hits only requests that arrive after a pause of about {} on a reused connection",
            backend.what,
            show_ms(backend.idle)
        ))
    .at(p.span.file, p.span.range, "httpd reuses idle connections to this backend");
    if let Some((t, at)) = ttl.filter(|(_, at)| *at != p.span) {
        d = d.also(
            at.file,
            at.range,
            format!("`ttl={}` for this worker", t / 1000),
        );
    }
    d = backend.label(d);
    let ttl_s = (backend.idle / 2000).max(1);
    let ttl_fix = format!(
        "`ttl={ttl_s}` (whole seconds, below the backend's {})",
        show_ms(backend.idle)
    );
    // The editor's quick fix: `ttl=` appended where none is written.
    if !prefork && ttl.is_none() {
        d = d.fix(
            p.span.file,
            p.span.range,
            "",
            format!(" ttl={ttl_s}"),
            format!("add `ttl={ttl_s}` to this `{directive}`"),
        );
    }
    d.help(if prefork {
        format!("httpd must not reuse a connection the backend may close. Fix: add `disablereuse=On` to the `{directive}` (a new connection per request), or run the event MPM and add {ttl_fix}. `keepalive=On` does not help: it sends TCP probes and does not stop the backend's idle timer")
    } else {
        format!("httpd must drop an idle connection before the backend does. Fix: add {ttl_fix} to the `{directive}`, or `disablereuse=On`. `keepalive=On` does not help: it sends TCP probes and does not stop the backend's idle timer")
    })
}
