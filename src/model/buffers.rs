//! nginx's upstream buffer settings as the `*_merge_loc_conf()` functions
//! of its proxy, fastcgi, uwsgi and scgi modules see them: the effective
//! value in a context after inheritance, else nginx's default.

use super::nginx::{Dir, HopKind, Nginx};
use super::versions::NginxRelease;
use crate::values::nginx::parse_size;

/// One memory page, nginx's default `*_buffer_size` and the size of each
/// default buffer (`ngx_pagesize`): 4 KiB on x86_64, which hoplint assumes.
/// Platforms with larger pages (some arm64 kernels use 16 or 64 KiB) get
/// larger defaults.
pub const PAGE_SIZE: u64 = 4096;

/// The number of `*_buffers` nginx uses when none is set.
pub const DEFAULT_BUFFERS: u64 = 8;

/// A size in effect: its bytes, and the directive that set it (`None`:
/// nginx's default).
#[derive(Debug, Clone, Copy)]
pub struct Size<'a> {
    pub bytes: u64,
    pub dir: Option<&'a Dir>,
}

/// `*_buffers number size` in effect.
#[derive(Debug, Clone, Copy)]
pub struct Bufs<'a> {
    pub num: u64,
    pub size: u64,
    pub dir: Option<&'a Dir>,
}

/// A written size nginx would refuse with its own `invalid value`
/// message: nothing the buffer rules judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// The effective `<prefix>_<name>` size in `ctx`; `Ok(None)` when nobody
/// set it.
pub fn size<'a>(
    nginx: &'a Nginx,
    ctx: usize,
    prefix: &str,
    name: &str,
) -> Result<Option<Size<'a>>, Unreadable> {
    match nginx.effective(ctx, &format!("{prefix}_{name}")) {
        None => Ok(None),
        Some(f) => {
            let bytes = f.dir.arg(0).and_then(parse_size).ok_or(Unreadable)?;
            Ok(Some(Size {
                bytes,
                dir: Some(f.dir),
            }))
        }
    }
}

/// The effective `<prefix>_buffer_size` in `ctx`, defaulting to one page.
pub fn buffer_size<'a>(nginx: &'a Nginx, ctx: usize, prefix: &str) -> Option<Size<'a>> {
    match size(nginx, ctx, prefix, "buffer_size") {
        Ok(Some(s)) => Some(s),
        Ok(None) => Some(Size {
            bytes: PAGE_SIZE,
            dir: None,
        }),
        Err(Unreadable) => None,
    }
}

/// The effective `<prefix>_buffers` in `ctx`, defaulting to 8 pages.
pub fn buffers<'a>(nginx: &'a Nginx, ctx: usize, prefix: &str) -> Option<Bufs<'a>> {
    match nginx.effective(ctx, &format!("{prefix}_buffers")) {
        None => Some(Bufs {
            num: DEFAULT_BUFFERS,
            size: PAGE_SIZE,
            dir: None,
        }),
        Some(f) => {
            let num = f.dir.arg(0)?.parse::<u64>().ok()?;
            let size = parse_size(f.dir.arg(1)?)?;
            Some(Bufs {
                num,
                size,
                dir: Some(f.dir),
            })
        }
    }
}

/// The modules whose `*_merge_loc_conf()` check buffer sizes at start-up.
/// gRPC has only `grpc_buffer_size` and no such checks.
pub const BUFFERED_MODULES: &[&str] = &["proxy", "fastcgi", "uwsgi", "scgi"];

/// The contexts nginx merges upstream settings into and checks: every
/// `server`, `location` and `if` of `http`. The `http` block itself is
/// never checked (an http block without servers starts with any values),
/// and `stream`'s servers belong to other modules.
pub fn merged_contexts(nginx: &Nginx) -> Vec<usize> {
    // Whether each context is in `http` (or in a site file read on its
    // own, whose main context stands for `http`) through `server`,
    // `location` and `if` blocks only: found once per context, from its
    // parent's answer (a parent is always before its children).
    let mut in_http = vec![false; nginx.contexts().len()];
    let mut out = Vec::new();
    for (c, context) in nginx.contexts().iter().enumerate() {
        let merged = matches!(context.kind.as_str(), "server" | "location" | "if");
        let inside = context.parent.is_some_and(|p| {
            let kind = nginx.contexts()[p].kind.as_str();
            match kind {
                "http" | "main" => true,
                "server" | "location" | "if" => p < c && in_http[p],
                _ => false,
            }
        });
        // What a child asks of this context: is it inside, through such blocks?
        in_http[c] = merged && inside;
        if merged && inside {
            out.push(c);
        }
    }
    out
}

/// Why a hop to an upstream with `keepalive` still opens a new connection
/// for every request: each missing piece, with the directive in effect
/// (`None`: nginx's default).
#[derive(Debug, Default)]
pub struct KeepaliveGaps<'a> {
    /// `proxy_http_version` is not 1.1 (default 1.0).
    pub http_version: Option<Option<&'a Dir>>,
    /// No `proxy_set_header Connection ""`: nginx sends `Connection: close`
    /// (the directive that sets another value, if any).
    pub connection: Option<Option<&'a Dir>>,
    /// `fastcgi_keep_conn` is not on (default off).
    pub keep_conn: Option<Option<&'a Dir>>,
}

impl KeepaliveGaps<'_> {
    pub fn is_empty(&self) -> bool {
        self.http_version.is_none() && self.connection.is_none() && self.keep_conn.is_none()
    }
}

/// What keeps a `proxy_pass` or `fastcgi_pass` in context `ctx` from
/// reusing the upstream's idle connections. `None` where hoplint cannot
/// tell (a `Connection` header from a variable) or the hop kind has no
/// upstream keepalive (uwsgi, scgi; gRPC always keeps its connections).
pub fn keepalive_gaps<'a>(
    nginx: &'a Nginx,
    ctx: usize,
    kind: HopKind,
    release: &NginxRelease,
) -> Option<KeepaliveGaps<'a>> {
    let mut gaps = KeepaliveGaps::default();
    // Since nginx 1.29.7 `proxy_pass` speaks HTTP/1.1 and sends no
    // `Connection` header unless told to: only written values leave gaps.
    let new_defaults = release.keepalive_by_default();
    match kind {
        HopKind::Proxy => {
            let version = nginx.effective(ctx, "proxy_http_version");
            match version.and_then(|f| f.dir.arg(0)) {
                Some("1.1") => {}
                None if new_defaults => {}
                _ => gaps.http_version = Some(version.map(|f| f.dir)),
            }
            // An array directive: inherited only where the level sets none.
            let headers = nginx.effective_all(ctx, "proxy_set_header");
            let connection = headers.iter().rev().find(|d| {
                d.arg(0)
                    .is_some_and(|h| h.eq_ignore_ascii_case("connection"))
            });
            match connection.map(|d| (d, d.arg(1).unwrap_or(""))) {
                Some((_, "")) => {}
                Some((d, v)) if v.contains('$') => {
                    if map_never_empty(nginx, v) != Some(true) {
                        return None;
                    }
                    gaps.connection = Some(Some(d));
                }
                Some((d, _)) => gaps.connection = Some(Some(d)),
                None if new_defaults => {}
                None => gaps.connection = Some(None),
            }
        }
        HopKind::FastCgi => {
            let keep = nginx.effective(ctx, "fastcgi_keep_conn");
            if keep.and_then(|f| f.dir.arg(0)) != Some("on") {
                gaps.keep_conn = Some(keep.map(|f| f.dir));
            }
        }
        _ => return None,
    }
    Some(gaps)
}

/// Whether the variable `value` (exactly one `$name`) is set by a `map`
/// every value of which, its default included, is non-empty (the
/// WebSocket `$connection_upgrade` map gives `upgrade` or `close`).
/// `None` when hoplint cannot tell.
fn map_never_empty(nginx: &Nginx, value: &str) -> Option<bool> {
    let name = value.strip_prefix('$')?;
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let [map] = nginx.maps_setting(value) else {
        return None;
    };
    nginx.map_never_empty(*map)
}
