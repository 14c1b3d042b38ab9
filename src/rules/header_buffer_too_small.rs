//! `header-buffer-too-small`: the buffer nginx reads a backend's response
//! header into (`fastcgi_buffer_size`, `proxy_buffer_size`, ...) cannot
//! hold the headers the app sends. nginx answers 502 and logs `upstream
//! sent too big header`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::buffers::{self, PAGE_SIZE};
use crate::model::nginx::{Dir, HopKind};
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "header-buffer-too-small",
        Buffer,
        Error,
        "a header buffer below the default or the declared largest response header: 502 `upstream sent too big header`",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::NGINX,
};

const LOG: &str = "upstream sent too big header while reading response header from upstream";

fn prefix(kind: HopKind) -> &'static str {
    match kind {
        HopKind::FastCgi => "fastcgi",
        HopKind::Proxy => "proxy",
        HopKind::Uwsgi => "uwsgi",
        HopKind::Scgi => "scgi",
        HopKind::Grpc => "grpc",
    }
}

fn kib(bytes: u64) -> String {
    if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{}k", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// `max_response_header`: the largest response header (status line and
/// headers) the apps send, as declared in `hoplint.toml`.
fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let max_response_header = cx.config.max_response_header;

    let nginx = &stack.nginx;
    let mut out = Vec::new();
    // A size set once in `http` reaches every hop below it: one finding
    // per directive (per hop where only the default is in effect).
    let mut seen: HashSet<*const Dir> = HashSet::new();
    for hop in &nginx.hops {
        let p = prefix(hop.kind);
        let Some(size) = buffers::buffer_size(nginx, hop.ctx, p) else {
            continue;
        };
        let name = format!("{p}_buffer_size");
        if let Some(dir) = size.dir {
            if !seen.insert(dir as *const Dir) {
                continue;
            }
        }
        // Without the nginx.conf around a site file, its `http` level may
        // set a larger buffer than the default.
        if size.dir.is_none() && nginx.http_of(hop.ctx).is_none() {
            continue;
        }
        let declared = max_response_header.filter(|&m| size.bytes < m);
        let (severity, why) = match (declared, size.dir) {
            (Some(m), _) => (
                Severity::Error,
                format!(
                    "is smaller than the largest response header the app sends ({}, `max_response_header` in hoplint.toml)",
                    kib(m)
                ),
            ),
            (None, Some(_)) if size.bytes < PAGE_SIZE => (
                Severity::Warning,
                format!(
                    "is below nginx's default of {} (one memory page on x86_64): a response whose status line and headers exceed {} (a few cookies, a long Content-Security-Policy) does not fit",
                    kib(PAGE_SIZE),
                    kib(size.bytes)
                ),
            ),
            _ => continue,
        };
        let (file, range, label, what) = match size.dir {
            Some(d) => (
                d.span.file,
                d.span.range,
                "the response header must fit in this buffer".to_string(),
                format!("`{name} {}`", d.arg(0).unwrap_or("")),
            ),
            None => (
                hop.span.file,
                hop.span.range,
                format!(
                    "no `{name}` in effect here: nginx's default {} applies",
                    kib(PAGE_SIZE)
                ),
                format!("`{name}` ({}, nginx's default)", kib(PAGE_SIZE)),
            ),
        };
        let mut d = RULE.diag(format!("{what} {why}: those responses get 502 Bad Gateway, and nginx logs `{LOG}`"))
        .with_severity(severity)
        .at(file, range, label);
        if size.dir.is_some() {
            d = d.also(
                hop.span.file,
                hop.span.range,
                "responses of this hop are read into it",
            );
        }
        let want = declared.map_or(PAGE_SIZE, |m| (m / PAGE_SIZE + 1) * PAGE_SIZE);
        out.push(d.help(format!(
            "the whole response header must fit in one `{name}` buffer; nginx does not grow it. Fix: set `{name} {};` (or larger) where the hop is, or send fewer or shorter headers",
            kib(want)
        )));
    }
    out
}
