//! `pool-memory-overcommit`: the workers a php-fpm master may run, all
//! busy at once, need more memory than the machine has. The kernel's OOM
//! killer then kills workers mid-request and nginx answers 502.

use crate::diagnostic::{Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::capacity::{host_ram, human_size, pool_int, RamSource};
use crate::model::php_fpm::Pool;
use crate::model::Setting;

pub static RULE: Rule = Rule {
    meta: meta!(
        "pool-memory-overcommit",
        Capacity,
        Error,
        "more `pm.max_children` × memory per worker than the declared RAM: the OOM killer gives 502",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::PHP,
};

/// PHP's `memory_limit` when nothing sets it (`main/main.c`: "128M").
pub const DEFAULT_MEMORY_LIMIT: u64 = 128 << 20;

/// One pool's share: its workers and what each may take.
struct Share<'a> {
    pool: &'a Pool,
    children: u64,
    children_s: &'a Setting,
    /// `None`: `memory_limit = -1`, no bound.
    limit: Option<u64>,
    /// Where the limit was set; `None` for PHP's default.
    limit_s: Option<&'a Setting>,
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let host = &cx.config.host;
    let ram = host_ram(host.ram, cx.host.memory);

    let Some((ram, source)) = ram else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in 0..stack.masters.len() {
        let mut shares = Vec::new();
        let mut unknown = false;
        for pool in stack.pools.iter().filter(|p| p.master == m) {
            let Some((n, children_s)) = pool_int(pool, "pm.max_children") else {
                unknown = true;
                continue;
            };
            if n < 1 {
                continue;
            }
            let (limit, limit_s) = match stack.php_setting(pool, "memory_limit") {
                None => (Some(DEFAULT_MEMORY_LIMIT), None),
                Some((s, _)) if s.value.trim() == "-1" => (None, Some(s)),
                Some((s, _)) => match crate::values::php::parse_size(&s.value) {
                    Some(b) => (Some(b), Some(s)),
                    None => {
                        unknown = true;
                        continue;
                    }
                },
            };
            shares.push(Share {
                pool,
                children: n as u64,
                children_s,
                limit,
                limit_s,
            });
        }
        // A pool whose numbers are unknown makes any total a guess.
        if unknown || shares.is_empty() {
            continue;
        }
        if let Some(d) = judge(&shares, host.child_rss, ram, source) {
            out.push(d);
        }
    }
    out
}

fn judge(
    shares: &[Share],
    child_rss: Option<u64>,
    ram: u64,
    source: RamSource,
) -> Option<Diagnostic> {
    let children = shares
        .iter()
        .fold(0u64, |acc, s| acc.saturating_add(s.children));
    let typical = child_rss.map(|r| children.saturating_mul(r));
    let bound = shares.iter().try_fold(0u64, |acc, s| {
        s.limit
            .map(|l| acc.saturating_add(s.children.saturating_mul(l)))
    });
    let ram_text = match source {
        RamSource::Declared => format!("{} of RAM (declared)", human_size(ram)),
        RamSource::ThisMachine => format!("{} of RAM (this machine's MemTotal)", human_size(ram)),
    };
    let (severity, what) = if let (Some(t), Some(rss)) = (typical, child_rss) {
        if t <= ram {
            // The typical size fits; the bound may still not.
            (Severity::Warning, None)
        } else {
            (
                Severity::Error,
                Some(format!(
                    "{children} php-fpm workers at their typical {} each need {}, more than the {ram_text}",
                    human_size(rss),
                    human_size(t)
                )),
            )
        }
    } else {
        (Severity::Warning, None)
    };
    let what = match what {
        Some(w) => w,
        None => {
            let b = bound.filter(|b| *b > ram)?;
            format!(
                "{children} php-fpm workers may each use up to their `memory_limit`: {} in all, more than the {ram_text}",
                human_size(b)
            )
        }
    };
    let arithmetic: Vec<String> = shares
        .iter()
        .map(|s| {
            let each = match (severity, s.limit, child_rss) {
                (Severity::Error, _, Some(r)) => format!("{} typical", human_size(r)),
                (_, Some(l), _) if s.limit_s.is_none() => {
                    format!("{} memory_limit (PHP's default)", human_size(l))
                }
                (_, Some(l), _) => format!("{} memory_limit", human_size(l)),
                (_, None, _) => "unlimited memory_limit".to_string(),
            };
            let sum = match (severity, s.limit, child_rss) {
                (Severity::Error, _, Some(r)) => human_size(s.children.saturating_mul(r)),
                (_, Some(l), _) => human_size(s.children.saturating_mul(l)),
                (_, None, _) => "?".to_string(),
            };
            format!("pool `{}`: {} × {each} = {sum}", s.pool.name, s.children)
        })
        .collect();
    let biggest = shares
        .iter()
        .max_by_key(|s| s.children.saturating_mul(s.limit.unwrap_or(0)))
        .expect("not empty");
    let mut d = RULE.diag(format!(
            "{what}: when the pools are busy the kernel's OOM killer kills workers mid-request (php-fpm logs `child … exited on signal 9 (SIGKILL)`) and nginx answers 502 Bad Gateway with `recv() failed (104: Connection reset by peer) while reading response header from upstream` ({})",
            arithmetic.join("; ")
        ))
        .with_severity(severity)
    .at(
        biggest.children_s.span.file,
        biggest.children_s.span.range,
        format!("pool `{}`: {} workers", biggest.pool.name, biggest.children),
    );
    for s in shares {
        if !std::ptr::eq(s, biggest) {
            d = d.also(
                s.children_s.span.file,
                s.children_s.span.range,
                format!("pool `{}`: {} workers", s.pool.name, s.children),
            );
        }
        if let (Some(ls), limit) = (s.limit_s, s.limit) {
            let text = limit.map_or("unlimited".to_string(), human_size);
            d = d.also(
                ls.span.file,
                ls.span.range,
                format!("`memory_limit` {text} for pool `{}`", s.pool.name),
            );
        }
    }
    let assumed = if severity == Severity::Warning && child_rss.is_none() {
        " Declare the typical resident size of a worker (`[host] child_rss` in hoplint.toml, or `--child-rss`) to tell a real overcommit from a theoretical one."
    } else {
        ""
    };
    Some(d.help(format!(
        "lower `pm.max_children` so that workers × memory per worker fits in RAM with room for the rest of the machine, or lower `memory_limit`.{assumed}"
    )))
}
