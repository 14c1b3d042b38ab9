//! `listen-backlog-overflow`: nginx can send a pool more requests at once
//! than its workers plus its socket's accept queue hold. When every worker
//! is busy and the queue is full, the kernel refuses the next connection
//! to the unix socket at once (`EAGAIN`) and nginx answers 502.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::php_fpm_pool_invalid::fpm_of;
use crate::rules::{Context, Phase, Rule};
use crate::model::capacity::{
    effective_backlog, fpm_int, pool_int, pool_pm, pools_of, NginxConcurrency, Pm,
};
use crate::model::nginx::HopKind;
use crate::model::Endpoint;
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "listen-backlog-overflow",
        Capacity,
        Warning,
        "a full pool plus a short `listen.backlog` under the front's concurrency: 502 `(11: Resource temporarily unavailable)`",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let declared = cx.config.host.somaxconn;
    // The kernel's cap: declared, else read from a live `/`.
    let somaxconn = declared.or(cx.host.somaxconn);

    let Some(conc) = NginxConcurrency::of(&stack.nginx) else {
        return Vec::new();
    };
    let requests = conc.requests();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for t in cx.targets {
        // A full TCP queue drops the SYN and the client retries: a slow
        // connect, not the immediate refusal this rule is about.
        if t.hop.kind != HopKind::FastCgi || !matches!(t.endpoint, Endpoint::Unix(_)) {
            continue;
        }
        // nginx retries a refused connect on the upstream's next server
        // (`fastcgi_next_upstream error`, the default).
        if let Endpoint::Upstream(name) = &t.hop.endpoint {
            if stack
                .nginx
                .upstream(name)
                .is_some_and(|u| u.servers.len() > 1)
            {
                continue;
            }
        }
        for pool in pools_of(stack, t) {
            // Only what the admin chose is judged: a written backlog or a
            // declared kernel cap. The defaults (-1, somaxconn 4096) are
            // not a finding on every server.
            if pool.listen_backlog.is_none() && declared.is_none() {
                continue;
            }
            let Some((children, children_s)) = pool_int(pool, "pm.max_children") else {
                continue;
            };
            // 511 before PHP 8.2 on Linux, -1 after.
            let fpm = fpm_of(cx, stack.masters.get(pool.master));
            let default = fpm.default_backlog();
            let Some(backlog) = effective_backlog(pool, somaxconn, default) else {
                continue;
            };
            if children < 1 || !seen.insert(pool.span) {
                continue;
            }
            // Linux queues one more than the backlog (`sk_acceptq_is_full`
            // and `unix_recvq_full` compare with `>`).
            let queue = backlog + 1;
            let held = children as u64 + queue;
            if requests <= held {
                continue;
            }
            let who = match conc.workers {
                Some(w) => format!(
                    "{w} worker(s) × {} `worker_connections` / 2",
                    conc.connections
                ),
                None => format!(
                    "at least 1 worker (`worker_processes auto`: one per CPU, which the configs do not tell) × {} `worker_connections` / 2",
                    conc.connections
                ),
            };
            // `fpm_conf_process_all_pools()` raises an ondemand pool's
            // lower backlog to the default.
            let raised = pool_pm(pool) == Some(Pm::Ondemand)
                && pool
                    .listen_backlog
                    .as_ref()
                    .and_then(|b| fpm_int(&b.value))
                    .is_some_and(|w| w < default);
            let written = |b: &crate::model::Setting| {
                if raised {
                    format!("`listen.backlog = {}`, which `ondemand` raises to {default}", b.value)
                } else {
                    format!("`listen.backlog = {}`", b.value)
                }
            };
            let why_queue = match (&pool.listen_backlog, somaxconn) {
                (Some(b), Some(cap)) => format!("{} (kernel cap `somaxconn` {cap})", written(b)),
                (Some(b), None) => written(b),
                (None, Some(cap)) if default < 0 => {
                    format!("the default backlog capped by `somaxconn` {cap}")
                }
                (None, Some(cap)) => format!(
                    "the default backlog of {default} (before PHP 8.2), capped by `somaxconn` {cap}"
                ),
                (None, None) => unreachable!("checked above"),
            };
            let msg = format!(
                "nginx can pass {requests} requests at once to pool `{}` ({who}), but the pool holds {held}: {children} worker(s) (`pm.max_children`) + an accept queue of {queue} ({why_queue}, plus one); when all workers are busy, further requests get 502 Bad Gateway at once: `connect() to unix:{} failed (11: Resource temporarily unavailable) while connecting to upstream`",
                pool.name,
                match t.endpoint {
                    Endpoint::Unix(p) => p.as_str(),
                    _ => "",
                },
            );
            let (primary, label) = match &pool.listen_backlog {
                Some(b) => (b.span, format!("an accept queue of {queue}")),
                None => (children_s.span, format!("{children} worker(s)")),
            };
            let mut d = RULE.diag(msg).at(
                primary.file,
                primary.range,
                label,
            );
            if pool.listen_backlog.is_some() {
                d = d.also(
                    children_s.span.file,
                    children_s.span.range,
                    format!("{children} worker(s)"),
                );
            }
            d = d.also(
                t.hop.span.file,
                t.hop.span.range,
                "nginx passes requests here",
            );
            if let Some(c) = conc.connections_dir {
                d = d.also(
                    c.span.file,
                    c.span.range,
                    format!("{} connections per worker", conc.connections),
                );
            }
            if let Some(w) = conc.workers_dir {
                d = d.also(w.span.file, w.span.range, "worker processes");
            }
            out.push(d.help(format!(
                "raise `listen.backlog` (to {} or more; -1 takes the kernel's `somaxconn`), or `pm.max_children` if RAM allows, so that workers plus queue hold what nginx can send; a queued request waits for a free worker instead of failing",
                requests.saturating_sub(children as u64 + 1)
            )));
        }
    }
    out
}
