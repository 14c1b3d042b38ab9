//! `worker-rlimit-nofile-low`: `worker_rlimit_nofile` lets each nginx
//! worker open fewer files than `worker_connections` needs, so a busy
//! worker runs out of descriptors long before its connection limit.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::capacity::NginxConcurrency;

pub static RULE: Rule = Rule {
    meta: meta!(
        "worker-rlimit-nofile-low",
        Capacity,
        Warning,
        "`worker_connections` above `worker_rlimit_nofile`",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::NGINX,
};

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let Some(limit_dir) = stack.nginx.main_directive("worker_rlimit_nofile") else {
        return Vec::new();
    };
    let Some(limit) = limit_dir.arg(0).and_then(|a| a.parse::<u64>().ok()) else {
        return Vec::new();
    };
    let Some(conc) = NginxConcurrency::of(&stack.nginx) else {
        return Vec::new();
    };
    let conns = conc.connections;
    if conns <= limit {
        return Vec::new();
    }
    let mut d = RULE.diag(format!(
            "`worker_rlimit_nofile {limit}` lets each nginx worker open {limit} files, fewer than its {conns} `worker_connections` (a proxied request takes two, plus log files and listening sockets): under load workers log `accept4() failed (24: Too many open files)` and leave new clients waiting, or answer 500 Internal Server Error with `socket() failed (24: Too many open files) while connecting to upstream`"
        ))
    .at(limit_dir.span.file, limit_dir.span.range, format!("{limit} files per worker"));
    d = match conc.connections_dir {
        Some(c) => d.also(
            c.span.file,
            c.span.range,
            format!("{conns} connections per worker"),
        ),
        None => d,
    };
    vec![d.help(format!(
        "set `worker_rlimit_nofile` to at least twice `worker_connections` ({}), or lower `worker_connections`; nginx itself warns at start `{conns} worker_connections exceed open file resource limit: {limit}` only when its own limit is low too",
        conns * 2
    ))]
}
