//! `proxy-connect-timeout-capped`: a `*_connect_timeout` longer than the
//! kernel lets a TCP connection attempt last, in nginx or in httpd's
//! `ProxyPass ... connectiontimeout=`. Neither server caps it; the kernel
//! ends an unanswered attempt sooner (Linux after about 127 s, the BSDs
//! after 75 s): nginx then answers 502 at that point instead of 504 at the
//! configured one, httpd its 503 earlier than configured.

use foldhash::HashSetExt;
use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::apache::proxy_workers::Param;
use crate::model::nginx::Names;
use crate::model::Stack;
use crate::values::httpd::timeout_ms;
use crate::values::nginx::show_ms;

pub static RULE: Rule = Rule {
    meta: meta!(
        "proxy-connect-timeout-capped",
        Timeout,
        Info,
        "a connect timeout longer than the kernel lets a connection attempt last (info)",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::APACHE.and(crate::model::Touched::NGINX),
};

/// The BSD limit behind nginx's "usually cannot exceed 75 seconds"
/// (`TCPTV_KEEP_INIT`, `net.inet.tcp.keepinit`).
const BSD_MS: u64 = 75_000;

/// Linux with the default `net.ipv4.tcp_syn_retries = 6`: SYNs sent at
/// 0, 1, 3, 7, 15, 31 and 63 s, the attempt abandoned at 127 s.
const LINUX_MS: u64 = 127_000;

const DIRECTIVES: &[&str] = &[
    "proxy_connect_timeout",
    "fastcgi_connect_timeout",
    "uwsgi_connect_timeout",
    "scgi_connect_timeout",
    "grpc_connect_timeout",
];

/// How the kernel's limit reads for a value of `ms`.
fn linux(ms: u64) -> String {
    if ms > LINUX_MS {
        format!(
            "Linux gives up after about {} (default `net.ipv4.tcp_syn_retries = 6`)",
            show_ms(LINUX_MS)
        )
    } else {
        "Linux (default `net.ipv4.tcp_syn_retries = 6`) lets it run its course".to_string()
    }
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let mut out = nginx(stack);
    out.extend(httpd(stack));
    out
}

fn nginx(stack: &Stack) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let names = Names::new(DIRECTIVES.iter().copied());
    for ctx in stack.nginx.contexts() {
        for dir in &ctx.directives {
            if !names.contains(dir) {
                continue;
            }
            let Some(ms) = dir.arg(0).and_then(crate::values::nginx::parse_duration) else {
                continue;
            };
            if ms <= BSD_MS {
                continue;
            }
            let linux = linux(ms);
            let d = RULE.diag(format!(
                    "`{} {}` is longer than the 75s nginx's documentation says it \"usually cannot exceed\": nginx does not cap it, but the kernel ends an unanswered connection attempt on its own: the BSDs after 75s; {linux}. Past the kernel's limit nginx answers 502 (`connect() failed (110: Connection timed out) while connecting to upstream`), not the 504 of its own timeout",
                    dir.name(),
                    dir.arg(0).unwrap_or_default(),
                ))
            .at(
                dir.span.file,
                dir.span.range,
                format!("nginx would wait {} for the connection", show_ms(ms)),
            )
            .help(format!(
                "a connection attempt that takes this long means an unreachable backend: set `{}` to a few seconds (so nginx tries the next upstream server early), and use `{}` for slow responses",
                dir.name(),
                dir.name().replace("connect", "read")
            ));
            out.push(d);
        }
    }
    out
}

/// `connectiontimeout=` of a proxy worker (on `ProxyPass` and
/// `BalancerMember`, or by the worker's name in `<Proxy>` / `ProxySet`):
/// how long httpd waits for the TCP connection
/// (`ap_proxy_connect_backend()`). Only a written one is judged: without
/// it httpd waits `timeout=`, `ProxyTimeout` or `Timeout`, which are meant
/// for the response.
fn httpd(stack: &Stack) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = foldhash::HashSet::new();
    for p in &stack.apache.proxies {
        let Param::Set {
            value: v,
            span,
            directive,
        } = stack.apache.param(p, "connectiontimeout")
        else {
            continue;
        };
        let Some(ms) = timeout_ms(v) else {
            continue;
        };
        // One finding per line that sets it, however many hops share it.
        if ms <= BSD_MS || !seen.insert(span) {
            continue;
        }
        let linux = linux(ms);
        out.push(
            RULE.diag(format!(
                    "`connectiontimeout={v}` is longer than the kernel lets a connection attempt last: httpd does not cap it, but the kernel ends an unanswered attempt on its own: the BSDs after 75s; {linux}. httpd then logs `(110)Connection timed out: AH00957` and answers 503 at the kernel's limit, not at its own"
                ))
            .at(
                span.file,
                span.range,
                format!("httpd would wait {} for the connection", show_ms(ms)),
            )
            .help(format!(
                "a connection attempt that takes this long means an unreachable backend: set `connectiontimeout=` to a few seconds on this `{directive}` (so a balancer tries another member early), and `timeout=` for slow responses"
            )),
        );
    }
    out
}
