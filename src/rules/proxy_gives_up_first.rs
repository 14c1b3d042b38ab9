//! `proxy-gives-up-first`: on a path edge → nginx → php-fpm, edge →
//! httpd, or httpd → php-fpm, an outer layer stops waiting for the
//! response while the layer behind it may still be working. The user gets
//! 504 and the PHP worker runs on, holding a pool slot. Reported only where the admin wrote one
//! of the two values: the stock defaults (nginx 60 s, PHP 30 s) are in order. Where no `php.ini`
//! was checked, PHP's compiled-in `max_execution_time` (30 s) is assumed, and the finding says so.

use crate::config::Edge;
use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::apache::proxy_workers::Param;
use crate::model::apache::{Proxy, ProxyKind};
use crate::model::limits::{
    max_execution_time, nginx_timeout, nginx_timeout_name, pool_at, request_terminate_timeout,
    APACHE_TIMEOUT_DEFAULT_S,
};
use crate::model::nginx::HopKind;
use crate::model::php_fpm::Pool;
use crate::model::{Span, Stack};
use crate::values::httpd::timeout_ms;
use crate::values::nginx::show_ms;
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "proxy-gives-up-first",
        Timeout,
        Warning,
        "a front (edge, nginx, httpd) stops waiting before the layer behind it: 504 while PHP runs on",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

/// How long a pool lets a request run: `request_terminate_timeout` (wall
/// clock) when set, else PHP's `max_execution_time` (CPU time only). `ms`
/// 0: no limit.
struct Backend {
    ms: u64,
    what: &'static str,
    span: Option<Span>,
    /// `; PHP's default … since no php.ini was checked (…)` when the limit
    /// is PHP's compiled-in default, assumed for want of a `php.ini`.
    note: String,
}

fn backend<'a>(stack: &'a Stack, pool: &'a Pool) -> Option<Backend> {
    let rtt = request_terminate_timeout(pool);
    if rtt.ms > 0 {
        return Some(Backend {
            ms: rtt.ms,
            what: "`request_terminate_timeout`",
            span: rtt.set.map(|s| s.span),
            note: String::new(),
        });
    }
    // Without the pool's php.ini, PHP's compiled-in default applies (and
    // the finding says it was assumed, and which file would override it).
    let met = max_execution_time(stack, pool);
    Some(Backend {
        ms: met.limit.ms,
        what: "PHP's `max_execution_time`",
        span: met.limit.set.map(|s| s.span),
        note: met.assumption(),
    })
}

/// The front's wait and the place it is written, if the admin wrote it.
struct Front {
    ms: u64,
    name: String,
    set: Option<Span>,
    /// Where the hop is (the `*_pass`, `ProxyPass`...).
    hop: Span,
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let edge = cx.config.edge.as_ref();

    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for t in cx.targets {
        if t.hop.kind != HopKind::FastCgi {
            continue;
        }
        let Some(pool) = pool_at(stack, t.endpoint) else {
            continue;
        };
        let name = nginx_timeout_name(t.hop.kind, "read");
        let Some(read) = nginx_timeout(&stack.nginx, t.hop.ctx, &name) else {
            continue;
        };
        let front = Front {
            ms: read.ms,
            name: format!("`{name}`"),
            set: read.dir.map(|d| d.span),
            hop: t.hop.span,
        };
        // One finding per written value and pool, however many hops share it.
        let key = (front.set.unwrap_or(front.hop), pool.name.clone());
        if seen.contains(&key) {
            continue;
        }
        if let Some(d) = judge(stack, pool, &front, "nginx", NGINX_504) {
            seen.insert(key);
            out.push(d);
        }
    }
    out.extend(nginx_before_httpd(cx, &mut seen));
    for p in &stack.apache.proxies {
        if p.scheme().as_deref() != Some("fcgi") || p.kind == ProxyKind::BalancerMember {
            continue;
        }
        let Some(pool) = pool_at(stack, &p.endpoint) else {
            continue;
        };
        let Some(front) = apache_front(stack, p) else {
            continue;
        };
        if let Some(d) = judge(stack, pool, &front, "Apache", APACHE_504) {
            out.push(d);
        }
    }
    if let Some(edge) = edge {
        out.extend(edge_first(stack, edge, &mut seen));
        out.extend(edge_before_httpd(cx, edge));
    }
    out
}

const NGINX_504: &str =
    "`upstream timed out (110: Connection timed out) while reading response header from upstream`";
const APACHE_504: &str = "`AH01075: Error dispatching request to : (polling)`";

/// What Apache waits for a FastCGI backend: the worker's `timeout=` (on
/// the hop's line, or by the worker's name in `<Proxy>` / `ProxySet`),
/// else `ProxyTimeout`, else `Timeout` (each the vhost's own, else the
/// main server's), else 60 s. `None` when places that may each apply set
/// different `timeout=` values.
fn apache_front(stack: &Stack, p: &Proxy) -> Option<Front> {
    match stack.apache.param(p, "timeout") {
        Param::Unknown => return None,
        Param::Set {
            value,
            span,
            directive,
        } => {
            if let Some(ms) = timeout_ms(value) {
                return Some(Front {
                    ms,
                    name: format!("{directive} `timeout=`"),
                    set: Some(span),
                    hop: p.span,
                });
            }
        }
        Param::Unset => {}
    }
    for name in ["ProxyTimeout", "Timeout"] {
        if let Some(s) = stack.apache.effective(p.vhost, name) {
            if let Some(ms) = s.args.first().and_then(|a| timeout_ms(a)) {
                return Some(Front {
                    ms,
                    name: format!("`{name}`"),
                    set: Some(s.span),
                    hop: p.span,
                });
            }
        }
    }
    Some(Front {
        ms: APACHE_TIMEOUT_DEFAULT_S * 1000,
        name: "`Timeout`".to_string(),
        set: None,
        hop: p.span,
    })
}

fn judge(
    stack: &Stack,
    pool: &Pool,
    front: &Front,
    server: &str,
    line: &str,
) -> Option<Diagnostic> {
    let back = backend(stack, pool)?;
    if front.set.is_none() && back.span.is_none() {
        return None;
    }
    // A front that never gives up (0) cannot give up first.
    if front.ms == 0 || (back.ms != 0 && back.ms <= front.ms) {
        return None;
    }
    let runs = if back.ms == 0 {
        "with no limit".to_string()
    } else {
        format!("for up to {}", show_ms(back.ms))
    };
    let window = if back.ms == 0 {
        format!("taking longer than {}", show_ms(front.ms))
    } else {
        format!("taking {}–{}", show_ms(front.ms), show_ms(back.ms))
    };
    let mut d = RULE.diag(format!(
            "{server} stops waiting for pool `{}` after {} {}, but the pool lets a script run {runs} ({}{}): a request {window} gets 504 Gateway Timeout ({line}) while its worker keeps running and holds one of the pool's slots",
            pool.name,
            front.name,
            show_ms(front.ms),
            back.what,
            back.note
        ));
    let (at, label) = match front.set {
        Some(s) => (s, format!("{server} waits {}", show_ms(front.ms))),
        None => (
            front.hop,
            format!(
                "{server} waits {} ({} default)",
                show_ms(front.ms),
                front.name
            ),
        ),
    };
    d = d.at(at.file, at.range, label);
    if front.hop != at {
        d = d.also(front.hop.file, front.hop.range, "on this hop");
    }
    let back_label = if back.ms == 0 {
        "no limit here".to_string()
    } else if back.span.is_none() {
        format!("lets the script run {} (PHP's default)", show_ms(back.ms))
    } else {
        format!("lets the script run {}", show_ms(back.ms))
    };
    match back.span {
        Some(s) => d = d.also(s.file, s.range, back_label),
        None => d = d.also(pool.span.file, pool.span.range, back_label),
    }
    let cpu = if back.what.contains("max_execution_time") {
        " (`max_execution_time` counts only CPU time on Linux: add `request_terminate_timeout` to bound the wall-clock time)"
    } else {
        ""
    };
    Some(d.help(format!(
        "make each layer stop before the one in front of it: raise {} above {} or lower {} below {}{cpu}",
        front.name,
        if back.ms == 0 { "the longest request you accept".to_string() } else { show_ms(back.ms) },
        back.what,
        show_ms(front.ms),
    )))
}

/// How long httpd keeps working on a request it hands to a pool: until
/// its own wait ends or the pool's limit does, whichever comes first (0:
/// neither ends it). The longest over httpd's FastCGI proxies, since
/// hoplint cannot tell which vhost a proxied request lands in.
struct HttpdChain<'a> {
    ms: u64,
    wait: Front,
    pool: &'a Pool,
    back: Backend,
}

fn httpd_chain(stack: &Stack) -> Option<HttpdChain<'_>> {
    let mut worst: Option<HttpdChain> = None;
    for p in &stack.apache.proxies {
        if p.scheme().as_deref() != Some("fcgi") || p.kind == ProxyKind::BalancerMember {
            continue;
        }
        let Some(pool) = pool_at(stack, &p.endpoint) else {
            continue;
        };
        let Some(back) = backend(stack, pool) else {
            continue;
        };
        // One hop whose wait is unknown leaves the longest chain unknown.
        let wait = apache_front(stack, p)?;
        let ms = match (wait.ms, back.ms) {
            (0, b) => b,
            (w, 0) => w,
            (w, b) => w.min(b),
        };
        // 0 is no limit: longer than any.
        let longer = |w: &HttpdChain| w.ms != 0 && (ms == 0 || ms > w.ms);
        if worst.as_ref().is_none_or(longer) {
            worst = Some(HttpdChain {
                ms,
                wait,
                pool,
                back,
            });
        }
    }
    worst
}

/// nginx → httpd → php-fpm: nginx's `proxy_read_timeout` ends before
/// httpd and the pool stop working on the request.
fn nginx_before_httpd(cx: &Context, seen: &mut HashSet<(Span, String)>) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let mut out = Vec::new();
    let index = cx.listen_index;
    let Some(chain) = httpd_chain(stack) else {
        return out;
    };
    for t in cx.targets {
        if t.hop.kind != HopKind::Proxy {
            continue;
        }
        let to_httpd = index
            .answering(t.endpoint)
            .iter()
            .any(|l| l.server == crate::model::ServerKind::Apache);
        if !to_httpd {
            continue;
        }
        let name = nginx_timeout_name(t.hop.kind, "read");
        let Some(read) = nginx_timeout(&stack.nginx, t.hop.ctx, &name) else {
            continue;
        };
        let set = read.dir.map(|d| d.span);
        if set.is_none() && chain.wait.set.is_none() && chain.back.span.is_none() {
            continue;
        }
        if read.ms == 0 || (chain.ms != 0 && chain.ms <= read.ms) {
            continue;
        }
        if !seen.insert((
            set.unwrap_or(t.hop.span),
            format!("httpd {}", chain.pool.name),
        )) {
            continue;
        }
        let works = if chain.ms == 0 {
            "with no limit".to_string()
        } else {
            format!("for up to {}", show_ms(chain.ms))
        };
        let at = set.unwrap_or(t.hop.span);
        let mut d = RULE.diag(format!(
                "nginx stops waiting for httpd after `{name}` {}, but httpd keeps working on the request {works} (its {} for pool `{}`, whose {} is {}{}): a request taking longer gets 504 Gateway Timeout from nginx ({NGINX_504}) while httpd and the PHP worker run on",
                show_ms(read.ms),
                chain.wait.name,
                chain.pool.name,
                chain.back.what,
                if chain.back.ms == 0 { "off".to_string() } else { show_ms(chain.back.ms) },
                chain.back.note,
            ))
        .at(at.file, at.range, format!("nginx waits {}", show_ms(read.ms)));
        if at != t.hop.span {
            d = d.also(t.hop.span.file, t.hop.span.range, "on this hop to httpd");
        }
        let wait_at = chain.wait.set.unwrap_or(chain.wait.hop);
        d = d.also(
            wait_at.file,
            wait_at.range,
            format!("httpd waits {} for the pool", show_ms(chain.wait.ms)),
        );
        if let Some(b) = chain.back.span {
            d = d.also(b.file, b.range, "the pool's limit");
        }
        out.push(d.help(format!(
            "make each layer stop before the one in front of it: raise `{name}` above {}, or lower httpd's {} and the pool's limit below {}",
            if chain.ms == 0 { "the longest request you accept".to_string() } else { show_ms(chain.ms) },
            chain.wait.name,
            show_ms(read.ms)
        )));
    }
    out
}

/// A declared edge (CDN, load balancer) that gives up before nginx does.
fn edge_first(stack: &Stack, edge: &Edge, seen: &mut HashSet<(Span, String)>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for hop in &stack.nginx.hops {
        let name = nginx_timeout_name(hop.kind, "read");
        let Some(read) = nginx_timeout(&stack.nginx, hop.ctx, &name) else {
            continue;
        };
        if read.ms <= edge.timeout {
            continue;
        }
        let at = read.dir.map_or(hop.span, |d| d.span);
        if !seen.insert((at, format!("edge {}", edge.name))) {
            continue;
        }
        let mut d = RULE.diag(format!(
                "`{}` in front of nginx stops waiting after {} (declared in hoplint.toml), but nginx waits up to {} (`{name}`): a request taking {}–{} gets the edge's own timeout error (504, or 524 from Cloudflare) while nginx and the backend keep working on it",
                edge.name,
                show_ms(edge.timeout),
                show_ms(read.ms),
                show_ms(edge.timeout),
                show_ms(read.ms),
            ))
        .at(
            at.file,
            at.range,
            format!("nginx waits {}", show_ms(read.ms)),
        );
        if at != hop.span {
            d = d.also(hop.span.file, hop.span.range, "on this hop");
        }
        out.push(d.help(format!(
            "lower `{name}` below {} (and the backend's limits below that), or raise the edge's timeout above {}",
            show_ms(edge.timeout),
            show_ms(read.ms)
        )));
    }
    out
}

/// Whether an nginx hop of the scan connects to a listener of the scanned
/// httpd: that httpd then sits behind nginx, not behind the edge.
fn httpd_behind_nginx(cx: &Context) -> bool {
    let index = cx.listen_index;
    cx.targets.iter().any(|t| {
        index
            .answering(t.endpoint)
            .iter()
            .any(|l| l.server == crate::model::ServerKind::Apache)
    })
}

/// A declared edge in front of httpd (no nginx between them) that gives up
/// before httpd stops waiting for its backend.
fn edge_before_httpd(cx: &Context, edge: &Edge) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let mut out = Vec::new();
    // hoplint cannot tell which of httpd's vhosts nginx reaches: any nginx
    // hop to httpd leaves the comparison to the edge → nginx case.
    if stack.apache.proxies.is_empty() || httpd_behind_nginx(cx) {
        return out;
    }
    let mut seen = HashSet::new();
    for p in &stack.apache.proxies {
        if p.kind == ProxyKind::BalancerMember || p.scheme().is_none() {
            continue;
        }
        let Some(wait) = apache_front(stack, p) else {
            continue;
        };
        // A zero wait is not a limit to line up (APR reads 0 as non-blocking).
        if wait.ms == 0 || wait.ms <= edge.timeout {
            continue;
        }
        let at = wait.set.unwrap_or(wait.hop);
        if !seen.insert(at) {
            continue;
        }
        let label = match wait.set {
            Some(_) => format!("httpd waits {}", show_ms(wait.ms)),
            None => format!("httpd waits {} ({} default)", show_ms(wait.ms), wait.name),
        };
        let mut d = RULE.diag(format!(
                "`{}` in front of httpd stops waiting after {} (declared in hoplint.toml), but httpd waits up to {} for its backend ({}): a request taking {}–{} gets the edge's own timeout error (504, or 524 from Cloudflare) while httpd and the backend keep working on it",
                edge.name,
                show_ms(edge.timeout),
                show_ms(wait.ms),
                wait.name,
                show_ms(edge.timeout),
                show_ms(wait.ms),
            ))
        .at(at.file, at.range, label);
        if at != wait.hop {
            d = d.also(wait.hop.file, wait.hop.range, "on this hop");
        }
        out.push(d.help(format!(
            "lower httpd's {} below {} (and the backend's limits below that), or raise the edge's timeout above {}",
            wait.name,
            show_ms(edge.timeout),
            show_ms(wait.ms)
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::limits;

    #[test]
    fn defaults_are_the_documented_ones() {
        assert_eq!(limits::NGINX_DEFAULT_MS, 60_000);
        assert_eq!(limits::PHP_MAX_EXECUTION_TIME_DEFAULT, 30);
    }
}
