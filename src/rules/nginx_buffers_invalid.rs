//! `nginx-buffers-invalid`: upstream buffer sizes that nginx's own
//! `*_merge_loc_conf()` refuses at start-up (`nginx -t` fails), found
//! without nginx, with nginx's own `[emerg]` message.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::buffers::{self, Size, Unreadable, BUFFERED_MODULES};
use crate::model::nginx::{Dir, Names, Nginx};
use crate::values::nginx::show_size as fmt;
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "nginx-buffers-invalid",
        Buffer,
        Error,
        "`*_buffers`/`*_busy_buffers_size`/temp-file sizes `nginx -t` refuses, with its message",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::NGINX,
};

/// `max_temp_file_size` when unset: 1024 MiB.
const DEFAULT_MAX_TEMP_FILE: u64 = 1 << 30;

/// The sizes each module checks: a context that writes none of a
/// module's has the values of the context above it.
const CHECKED: &[&str] = &[
    "buffers",
    "buffer_size",
    "busy_buffers_size",
    "temp_file_write_size",
    "max_temp_file_size",
];

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let nginx = &stack.nginx;
    let mut out = Vec::new();
    // A value set once in `http` fails in every server and location that
    // inherits it: one finding per cause, not per context.
    let mut seen: HashSet<Vec<*const Dir>> = HashSet::new();
    // Per module, the nearest context at or above each one that writes
    // any of its sizes: contexts sharing it (and their `http`) have the
    // same values, so the same failure, already reported or deduplicated.
    // Judged once per such context, not once per location below it.
    let sources = nearest_writers(nginx);
    let mut judged: HashSet<(usize, Option<usize>, Option<usize>)> = HashSet::new();
    // The same, for the usual case of a source whose `http` is the
    // context's own: a flag per source and module, without hashing.
    let mut judged_source: Vec<[bool; 4]> = vec![[false; 4]; nginx.contexts().len()];
    for ctx in buffers::merged_contexts(nginx) {
        let http = nginx.http_of(ctx);
        for (m, prefix) in BUFFERED_MODULES.iter().enumerate() {
            let source = sources[ctx][m];
            if source != Some(ctx) {
                let first = match source {
                    Some(s) if nginx.http_of(s) == http => {
                        !std::mem::replace(&mut judged_source[s][m], true)
                    }
                    _ => judged.insert((m, source, http)),
                };
                if !first {
                    continue;
                }
            }
            let Some(f) = failure(nginx, ctx, prefix) else {
                continue;
            };
            let key: Vec<*const Dir> = f.involved.iter().map(|d| *d as *const Dir).collect();
            if !seen.insert(key) {
                continue;
            }
            out.push(report(nginx, ctx, f));
        }
    }
    out
}

/// For each context and module (in [`BUFFERED_MODULES`]' order), the
/// nearest context at or above it (through parents, as values are
/// inherited) writing any of that module's checked sizes. One pass over
/// every directive for all modules: this ran once per module, and the
/// prefix comparisons were most of the rule's time.
fn nearest_writers(nginx: &Nginx) -> Vec<[Option<usize>; 4]> {
    const _: () = assert!(BUFFERED_MODULES.len() == 4);
    // Each module's sizes, in order: name `i` is module `i / CHECKED.len()`'s.
    let names = Names::new(
        BUFFERED_MODULES
            .iter()
            .flat_map(|p| CHECKED.iter().map(move |c| format!("{p}_{c}"))),
    );
    let module_of = |d: &Dir| names.position(d).map(|i| i / CHECKED.len());
    let mut out: Vec<[Option<usize>; 4]> = Vec::with_capacity(nginx.contexts().len());
    for (c, context) in nginx.contexts().iter().enumerate() {
        // A parent is always before its children.
        let mut here = match context.parent.filter(|&p| p < c) {
            Some(p) => out[p],
            None => [None; 4],
        };
        for d in &context.directives {
            if let Some(m) = module_of(d) {
                here[m] = Some(c);
            }
        }
        out.push(here);
    }
    out
}

/// The first check nginx fails in one context for one module.
struct Failure<'a> {
    emerg: String,
    /// Why, with the numbers.
    arithmetic: String,
    /// The directive to change first.
    primary: &'a Dir,
    /// Every written directive the failing values come from, primary first.
    involved: Vec<&'a Dir>,
    fix: String,
}

/// `proxy_buffer_size 16k` or `proxy_buffer_size 4k (default)`.
fn show(name: &str, s: &Size) -> String {
    match s.dir {
        Some(_) => format!("`{name} {}`", fmt(s.bytes)),
        None => format!("`{name}` {} (nginx's default)", fmt(s.bytes)),
    }
}

/// Mirrors the order of checks in `ngx_http_proxy_merge_loc_conf()` (and
/// its fastcgi, uwsgi and scgi twins): nginx stops at the first.
fn failure<'a>(nginx: &'a Nginx, ctx: usize, p: &str) -> Option<Failure<'a>> {
    let bufs = buffers::buffers(nginx, ctx, p)?;
    // A site file read without its nginx.conf: the `http` level may set
    // what looks like a default here, so only written values are judged.
    let http_seen = nginx.http_of(ctx).is_some();
    let buffer_size = buffers::buffer_size(nginx, ctx, p)?;
    let written = |dirs: &[Option<&'a Dir>]| -> Vec<&'a Dir> {
        let mut v: Vec<&'a Dir> = Vec::new();
        for d in dirs.iter().flatten() {
            if !v.iter().any(|x| std::ptr::eq(*x, *d)) {
                v.push(d);
            }
        }
        v
    };
    // The texts are made only for a failure: most contexts pass, and
    // formatting them for each context and module cost more than the checks.
    let bufs_text = || match bufs.dir {
        Some(_) => format!("`{p}_buffers {} {}`", bufs.num, fmt(bufs.size)),
        None => format!(
            "`{p}_buffers` {} {} (nginx's default)",
            bufs.num,
            fmt(bufs.size)
        ),
    };

    if bufs.num < 2 {
        let d = bufs.dir?;
        return Some(Failure {
            emerg: format!("there must be at least 2 \"{p}_buffers\""),
            arithmetic: format!("{} gives {} buffer", bufs_text(), bufs.num),
            primary: d,
            involved: vec![d],
            fix: format!(
                "give `{p}_buffers` at least 2 buffers (`{p}_buffers 8 4k;` is the default)"
            ),
        });
    }

    // The larger of the header buffer and one body buffer: every other
    // size is measured against it.
    let header_unit = buffer_size.bytes >= bufs.size;
    let (unit, unit_dir) = if header_unit {
        (buffer_size.bytes, buffer_size.dir)
    } else {
        (bufs.size, bufs.dir)
    };
    let unit_text = || {
        if header_unit {
            show(&format!("{p}_buffer_size"), &buffer_size)
        } else {
            format!("one of {}", bufs_text())
        }
    };
    let at_least = || {
        format!("the maximum of the value of \"{p}_buffer_size\" and one of the \"{p}_buffers\"")
    };

    let busy = match buffers::size(nginx, ctx, p, "busy_buffers_size") {
        Ok(Some(s)) => s,
        Ok(None) => Size {
            bytes: 2 * unit,
            dir: None,
        },
        Err(Unreadable) => return None,
    };
    let busy_text = || match busy.dir {
        Some(_) => format!("`{p}_busy_buffers_size {}`", fmt(busy.bytes)),
        None => format!(
            "`{p}_busy_buffers_size` {} (nginx's default: twice {})",
            fmt(busy.bytes),
            fmt(unit)
        ),
    };
    let sizes_known = http_seen || (buffer_size.dir.is_some() && bufs.dir.is_some());
    if !sizes_known {
        return None;
    }
    if busy.bytes < unit {
        let d = busy.dir?;
        return Some(Failure {
            emerg: format!(
                "\"{p}_busy_buffers_size\" must be equal to or greater than {}",
                at_least()
            ),
            arithmetic: format!("{} is less than {}", busy_text(), unit_text()),
            primary: d,
            involved: written(&[busy.dir, unit_dir]),
            fix: format!("raise `{p}_busy_buffers_size` to at least {}", fmt(unit)),
        });
    }
    let limit = (bufs.num - 1) * bufs.size;
    if busy.bytes > limit && (http_seen || busy.dir.is_some()) {
        let primary = busy.dir.or(unit_dir).or(bufs.dir)?;
        return Some(Failure {
            emerg: format!(
                "\"{p}_busy_buffers_size\" must be less than the size of all \"{p}_buffers\" minus one buffer"
            ),
            arithmetic: format!(
                "{} is more than {} minus one buffer: ({} - 1) × {} = {}",
                busy_text(),
                bufs_text(),
                bufs.num,
                fmt(bufs.size),
                fmt(limit)
            ),
            primary,
            involved: written(&[busy.dir, unit_dir, bufs.dir]),
            fix: busy_fix(p, busy.bytes, unit, limit, bufs.num),
        });
    }

    let temp = match buffers::size(nginx, ctx, p, "temp_file_write_size") {
        Ok(Some(s)) => s,
        Ok(None) => Size {
            bytes: 2 * unit,
            dir: None,
        },
        Err(Unreadable) => return None,
    };
    if temp.bytes < unit && (http_seen || temp.dir.is_some()) {
        let d = temp.dir?;
        return Some(Failure {
            emerg: format!(
                "\"{p}_temp_file_write_size\" must be equal to or greater than {}",
                at_least()
            ),
            arithmetic: format!(
                "`{p}_temp_file_write_size {}` is less than {}",
                fmt(temp.bytes),
                unit_text()
            ),
            primary: d,
            involved: written(&[temp.dir, unit_dir]),
            fix: format!("raise `{p}_temp_file_write_size` to at least {}", fmt(unit)),
        });
    }

    let max_temp = match buffers::size(nginx, ctx, p, "max_temp_file_size") {
        Ok(Some(s)) => s,
        Ok(None) => Size {
            bytes: DEFAULT_MAX_TEMP_FILE,
            dir: None,
        },
        Err(Unreadable) => return None,
    };
    if max_temp.bytes != 0 && max_temp.bytes < unit {
        let d = max_temp.dir?;
        return Some(Failure {
            emerg: format!(
                "\"{p}_max_temp_file_size\" must be equal to zero to disable temporary files usage or must be equal to or greater than {}",
                at_least()
            ),
            arithmetic: format!(
                "`{p}_max_temp_file_size {}` is less than {}",
                fmt(max_temp.bytes),
                unit_text()
            ),
            primary: d,
            involved: written(&[max_temp.dir, unit_dir]),
            fix: format!(
                "set `{p}_max_temp_file_size` to 0 (no temporary files) or at least {}",
                fmt(unit)
            ),
        });
    }
    None
}

/// How to get the busy size under all buffers but one: bigger buffers
/// (same count, next power of two) and, where room is left, a smaller
/// busy size.
fn busy_fix(p: &str, busy: u64, unit: u64, limit: u64, num: u64) -> String {
    let num = num.max(8);
    let size = busy.div_ceil(num - 1).next_power_of_two().max(4096);
    let bigger = format!(
        "give `{p}_buffers` more room (`{p}_buffers {num} {};`)",
        fmt(size)
    );
    if unit <= limit {
        format!(
            "set `{p}_busy_buffers_size` between {} and {}, or {bigger}",
            fmt(unit),
            fmt(limit)
        )
    } else {
        bigger
    }
}

/// `location ~ \.php$`, `server`, `if ($x)`.
fn context_name(nginx: &Nginx, ctx: usize) -> String {
    let c = &nginx.contexts()[ctx];
    if c.args.is_empty() {
        format!("`{}`", c.kind)
    } else {
        format!("`{} {}`", c.kind, c.args.join(" "))
    }
}

fn report(nginx: &Nginx, ctx: usize, f: Failure) -> Diagnostic {
    let emerg = format!("[emerg] {}", f.emerg);
    let mut d = RULE.diag(format!(
            "nginx refuses to start (`nginx -t` fails) with `{emerg}`: in the {} block, {}",
            context_name(nginx, ctx),
            f.arithmetic
        ))
    .at(
        f.primary.span.file,
        f.primary.span.range,
        "change this size",
    );
    for other in f.involved.iter().skip(1) {
        d = d.also(other.span.file, other.span.range, "in effect here too");
    }
    d.help(format!(
        "nginx checks these sizes for every server and location at start-up, whether or not buffering is on, and names the end of the `http` block as the place. Fix: {}",
        f.fix
    ))
}
