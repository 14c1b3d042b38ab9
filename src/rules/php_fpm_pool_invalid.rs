//! `php-fpm-pool-invalid`: what php-fpm refuses while it reads its
//! configuration, found without running it: unknown keys, unreadable
//! numbers and times, and the process-manager checks of
//! `fpm_conf_process_all_pools()`. php-fpm does not start, so every hop to
//! its pools gets 502.

use crate::diagnostic::Diagnostic;
use crate::load::host::packages::PhpBuild;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::capacity::{fpm_int, from_env, pool_int, Pm};
use crate::model::php_fpm::Pool;
use crate::model::{Setting, Span};
use crate::values::fpm_keys::{Fpm, Known, PhpRelease, ARRAY_KEYS};
use crate::values::php;

pub static RULE: Rule = Rule {
    meta: meta!(
        "php-fpm-pool-invalid",
        Capacity,
        Error,
        "pool settings `php-fpm -t` refuses, with php-fpm's message",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::PHP.and(crate::model::Touched::NGINX),
};

/// Keys read by `fpm_conf_set_integer`, in pools and in `[global]`.
const INT_KEYS: &[&str] = &[
    "listen.backlog",
    "process.priority",
    "pm.max_children",
    "pm.start_servers",
    "pm.min_spare_servers",
    "pm.max_spare_servers",
    "pm.max_spawn_rate",
    "pm.max_requests",
    "request_slowlog_trace_depth",
    "rlimit_files",
    "log_limit",
    "emergency_restart_threshold",
    "process.max",
];

/// `pm.max_spawn_rate` and `pm.process_idle_timeout` when unset
/// (`fpm_worker_pool_config_alloc()`).
const DEFAULT_SPAWN_RATE: i64 = 32;

/// What `fpm_conf_set_*` says of a value it cannot read, if anything.
fn value_error(key: &str, value: &str) -> Option<&'static str> {
    if from_env(value) {
        return None;
    }
    if INT_KEYS.contains(&key) {
        return fpm_int(value)
            .is_none()
            .then_some("is not a valid number (greater or equal than zero)");
    }
    if key == "rlimit_core" {
        if value.eq_ignore_ascii_case("unlimited") {
            return None;
        }
        return match fpm_int(value) {
            None => Some("is not a valid number (greater or equal than zero)"),
            Some(n) if n < 0 => Some("must be greater than zero or 'unlimited'"),
            Some(_) => None,
        };
    }
    if php::is_time_key(key) {
        return match value.as_bytes().last() {
            None => Some("invalid time value"),
            Some(b'm' | b'h' | b'd' | b's' | b'0'..=b'9') => None,
            Some(_) => Some("unknown suffix used in time value"),
        };
    }
    if key == "pm" && Pm::parse(value).is_none() {
        return Some("invalid process manager (static, dynamic or ondemand)");
    }
    None
}

/// The php-fpm a master's files are read by: its release (declared, else
/// named by the layout's paths, else what the checked root has installed)
/// and its build, known from the layout.
struct Reader {
    fpm: Fpm,
    /// `PHP 8.1, as declared`, for messages that depend on the release.
    said: Option<String>,
}

/// The php-fpm that reads `master`'s pools, as far as hoplint knows it.
pub(crate) fn fpm_of(cx: &Context, master: Option<&crate::model::php_fpm::Master>) -> Fpm {
    reader(cx, master).fpm
}

fn reader(cx: &Context, master: Option<&crate::model::php_fpm::Master>) -> Reader {
    let place = master.map(|m| &m.php_ini_place);
    // A release without a table (5.6 to 7.3, 8.5) is judged by the union
    // of the supported ones, as an unknown release is.
    let supported = |r: &PhpRelease| PhpRelease::SUPPORTED.contains(r);
    let declared = cx
        .config
        .php_version
        .map(|r| PhpRelease(r.0, r.1))
        .filter(supported);
    let from_path = place
        .and_then(|p| PhpRelease::from_path(&p.path))
        .filter(supported);
    let installed = installed(&cx.host.php_builds, place.and_then(|p| p.layout))
        .filter(|b| supported(&b.release));
    let (release, said) = match (declared, from_path, place, installed) {
        (Some(r), ..) => (Some(r), Some(format!("PHP {r}, as declared"))),
        (None, Some(r), Some(p), _) => (
            Some(r),
            Some(format!("PHP {r}, named by the layout's `{}`", p.path)),
        ),
        (None, None, _, Some(b)) => (
            Some(b.release),
            Some(format!(
                "PHP {}, as the checked root's `{}` says ({})",
                b.release, b.source, b.what
            )),
        ),
        _ => (None, None),
    };
    Reader {
        fpm: Fpm {
            release,
            absent: Fpm::absent_in(place.and_then(|p| p.layout)),
        },
        said,
    }
}

/// The installed PHP a master whose path names no release belongs to:
/// the build whose headers sit under the layout's prefix (`/usr/local`
/// for the official image and FreeBSD, `/usr` for Fedora), else the
/// php-fpm package installed; for a layout hoplint does not know, only a
/// root with one PHP release installed says which. Several releases and no
/// way to tell which reads this master: none.
fn installed<'a>(builds: &'a [PhpBuild], layout: Option<&str>) -> Option<&'a PhpBuild> {
    fn only<'a>(mut it: impl Iterator<Item = &'a PhpBuild>) -> Option<&'a PhpBuild> {
        let first = it.next()?;
        it.all(|b| b.release == first.release).then_some(first)
    }
    let prefix = match layout {
        Some("the official php image" | "FreeBSD") => "/usr/local",
        Some("Fedora/RHEL") => "/usr",
        _ => return only(builds.iter()),
    };
    only(builds.iter().filter(|b| b.prefix == Some(prefix)))
        .or_else(|| only(builds.iter().filter(|b| b.prefix.is_none())))
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;

    let mut out = Vec::new();
    for pool in &stack.pools {
        let r = reader(cx, stack.masters.get(pool.master));
        for (key, s) in &pool.entries {
            if let Some((array, sub)) = key.split_once('[') {
                if array == "access.suppress_path" {
                    if let Known::Later(since) = r.fpm.suppress_path() {
                        // 7.4 to 8.1 test the key before the name: `[]` is
                        // refused as a misspelt array, a key as an unknown one.
                        let said = if sub == "]" {
                            MISSPELLED_ARRAY.to_string()
                        } else {
                            format!("unknown directive '{array}'")
                        };
                        out.push(later(&r, s, array, since, said));
                    } else if sub != "]" {
                        // `fpm_conf_ini_parser_array()`, 8.2+.
                        out.push(refused(
                            s.span,
                            "Keys provided to field 'access.suppress_path' are ignored".into(),
                            "write `access.suppress_path[] = /path`",
                        ));
                    } else if !s.value.starts_with('/') {
                        out.push(refused(
                            s.span,
                            "Values provided to field 'access.suppress_path' must begin with '/'"
                                .into(),
                            "a path must begin with `/`",
                        ));
                    }
                } else if !ARRAY_KEYS.contains(&array) {
                    out.push(refused(
                        s.span,
                        format!("unknown directive '{array}'"),
                        "not a key php-fpm knows",
                    ));
                }
                continue;
            }
            match r.fpm.pool_key(key) {
                Known::Yes => out.extend(unreadable(key, s)),
                Known::Later(since) => {
                    out.push(later(&r, s, key, since, format!("unknown entry '{key}'")))
                }
                Known::NotBuilt(f) => out.push(not_built(s, key, f)),
                Known::No => out.push(unknown(&r.fpm, key, s, r.fpm.global_key(key) == Known::Yes)),
            }
        }
        // A missing include may hold what the pool lacks.
        let unread = |f: crate::source::FileId| stack.sight.has_gap(f);
        let complete = stack
            .masters
            .get(pool.master)
            .is_some_and(|m| m.main_config && !unread(m.file))
            && !unread(pool.span.file)
            && !pool.entries.iter().any(|(_, s)| unread(s.span.file));
        out.extend(
            post_process(pool, complete, &r.fpm)
                .or_else(|| slowlog(pool, complete))
                .or_else(|| test_config(pool, &r.fpm, &cx.host.accounts)),
        );
    }
    // `[global]` of real master files only: the entries of a pool file read
    // alone, before its first section, may belong to a pool that includes it.
    for m in &stack.masters {
        if !m.main_config {
            continue;
        }
        let r = reader(cx, Some(m));
        for (key, s) in &m.globals {
            if key.contains('[') {
                continue;
            }
            match r.fpm.global_key(key) {
                Known::Later(since) => {
                    out.push(later(&r, s, key, since, format!("unknown entry '{key}'")))
                }
                Known::NotBuilt(f) => out.push(not_built(s, key, f)),
                Known::No => {
                    let mut d = refused(
                        s.span,
                        format!("unknown entry '{key}'"),
                        "not a `[global]` key",
                    );
                    if r.fpm.pool_key(key) != Known::No {
                        d = d.help(format!(
                            "`{key}` is a pool setting: move it below a pool's `[name]` header"
                        ));
                    }
                    out.push(d);
                }
                Known::Yes => {
                    if let Some(d) = unreadable(key, s) {
                        out.push(d);
                    } else if key == "log_limit"
                        && !from_env(&s.value)
                        && fpm_int(&s.value).is_some_and(|n| n < LOG_MIN_LIMIT)
                    {
                        // `fpm_conf_post_process()`: `ZLOG_MIN_LIMIT`.
                        out.push(refused(
                            s.span,
                            format!("log_limit must be greater than {LOG_MIN_LIMIT}"),
                            "below php-fpm's minimum",
                        ));
                    }
                }
            }
        }
    }
    out
}

/// `fpm_conf_set_*`'s refusal of a value it cannot read.
fn unreadable(key: &str, s: &Setting) -> Option<Diagnostic> {
    let e = value_error(key, &s.value)?;
    Some(refused(
        s.span,
        format!("unable to parse value for entry '{key}': {e}"),
        "php-fpm cannot read this value",
    ))
}

/// What 7.4 to 8.1 say of an array line without a key
/// (`fpm_conf_ini_parser_array()`, two spaces and all); 8.2 and later say
/// `You must provide a key for field '…'`.
const MISSPELLED_ARRAY: &str = "Misspelled  array ?";

/// A key php-fpm reads only from a later release than this master's, with
/// what that release says of it (`said`): `unknown entry '…'`, or for an
/// array `unknown directive '…'` or [`MISSPELLED_ARRAY`].
fn later(r: &Reader, s: &Setting, key: &str, since: PhpRelease, said: String) -> Diagnostic {
    let release = r.said.as_deref().unwrap_or("this release");
    refused(s.span, said, "not a key of this PHP release")
    .help(format!(
        "`{key}` is read from PHP {since} on; this php-fpm is {release}: remove the line, or upgrade PHP (declare another release with `[versions] php` in hoplint.toml or `--php-version`)"
    ))
}

/// A key this layout's php-fpm was built without (`#ifdef` in `fpm_conf.c`).
fn not_built(s: &Setting, key: &str, f: crate::values::fpm_keys::Feature) -> Diagnostic {
    refused(
        s.span,
        format!("unknown entry '{key}'"),
        "not in this build of php-fpm",
    )
    .help(format!(
        "this layout's php-fpm is built without {}, so `{key}` is an unknown key: remove the line",
        f.option()
    ))
}

/// `ZLOG_MIN_LIMIT` (`sapi/fpm/fpm/zlog.h`, 7.3 to 8.4): the smallest
/// `log_limit` php-fpm accepts.
const LOG_MIN_LIMIT: i64 = 512;

fn unknown(fpm: &Fpm, key: &str, s: &Setting, global: bool) -> Diagnostic {
    let d = refused(
        s.span,
        format!("unknown entry '{key}'"),
        "not a key php-fpm knows",
    );
    let near = fpm
        .pool_keys()
        .find(|k| crate::model::endpoint::edit_distance(k, key) <= 2);
    match (global, near) {
        (true, _) => d.help(format!(
            "`{key}` is a `[global]` setting: move it into the `[global]` section"
        )),
        (false, Some(k)) => d.help(format!("did you mean `{k}`?")),
        (false, None) => d.help(
            "remove the line, or set a PHP ini value with `php_value[name] = value` / `php_admin_value[name] = value`",
        ),
    }
}

fn refused(span: Span, said: String, label: &str) -> Diagnostic {
    RULE.diag(format!(
            "php-fpm refuses this configuration (`{said}`) and does not start: every request to its pools gets 502 Bad Gateway"
        ))
    .at(span.file, span.range, label)
    .help("`php-fpm -t` shows the same error; fix it before the next restart or reload")
}

/// The first check of `fpm_conf_process_all_pools()` this pool fails, in
/// php-fpm's order and words. In a pool that is not `complete` a missing
/// key may be set elsewhere: only written values are judged.
fn post_process(pool: &Pool, complete: bool, fpm: &Fpm) -> Option<Diagnostic> {
    if !complete {
        let needed: &[&str] = match pool.get("pm").and_then(|s| Pm::parse(&s.value)) {
            Some(Pm::Dynamic) => &[
                "listen",
                "pm.max_children",
                "pm.min_spare_servers",
                "pm.max_spare_servers",
            ],
            Some(_) => &["listen", "pm.max_children"],
            None => return None,
        };
        if needed.iter().any(|k| pool.get(k).is_none()) {
            return None;
        }
    }
    let name = &pool.name;
    let header = pool.span;
    let int = |k: &str| pool_int(pool, k);
    // A key php-fpm cannot read already stops it; do not guess past it.
    let unreadable = |k: &str| {
        pool.get(k)
            .is_some_and(|s| from_env(&s.value) || value_error(k, &s.value).is_some())
    };
    // A master started as root (as systemd and the official image start
    // it, without `--allow-to-run-as-root`) refuses a pool without `user`;
    // checked before `listen` (`fpm_conf_process_all_pools()`).
    if complete && pool.user.as_ref().is_none_or(|u| u.value.trim().is_empty()) {
        return Some(
            pool_error(
                header,
                format!("[pool {name}] user has not been defined"),
                "this pool sets no `user`",
                &[],
            )
            .help("php-fpm started as root (systemd's unit, the official image) needs each pool's `user` (and `group`): add `user = www-data` (your distribution's web user); `php-fpm -t` shows the same error"),
        );
    }
    if pool.listen.as_ref().is_none_or(|l| l.value.is_empty()) {
        return Some(pool_error(
            header,
            format!("[pool {name}] no listen address have been defined!"),
            "this pool has no `listen`",
            &[],
        ));
    }
    if unreadable("pm") {
        return None;
    }
    let Some(pm) = pool.get("pm").and_then(|s| Pm::parse(&s.value)) else {
        return Some(pool_error(
            header,
            format!("[pool {name}] the process manager is missing (static, dynamic or ondemand)"),
            "this pool sets no `pm`",
            &[],
        ));
    };
    if unreadable("pm.max_children") {
        return None;
    }
    let max = int("pm.max_children");
    let max_n = max.map_or(0, |(n, _)| n);
    if max_n < 1 {
        let at = max.map_or(header, |(_, s)| s.span);
        return Some(pool_error(
            at,
            format!("[pool {name}] pm.max_children must be a positive value"),
            "must be 1 or more",
            &[],
        ));
    }
    match pm {
        Pm::Static => None,
        Pm::Dynamic => {
            let keys = [
                "pm.min_spare_servers",
                "pm.max_spare_servers",
                "pm.start_servers",
                "pm.max_spawn_rate",
            ];
            if keys.iter().any(|k| unreadable(k)) {
                return None;
            }
            dynamic(pool, max.expect("checked"), fpm)
        }
        Pm::Ondemand => {
            let idle = pool.get("pm.process_idle_timeout");
            if idle.is_some_and(|s| from_env(&s.value)) || unreadable("pm.process_idle_timeout") {
                return None;
            }
            let secs = match idle {
                None => 10,
                Some(s) => php::parse_duration(&s.value)
                    .and_then(|n| i64::try_from(n).ok())
                    .unwrap_or(-1),
            };
            let s = idle?;
            (secs < 1).then(|| {
                let shown = php::fpm_time(&s.value).unwrap_or(0);
                pool_error(
                    s.span,
                    format!(
                        "[pool {name}] pm.process_idle_timeout({shown}s) must be greater than 0s"
                    ),
                    "must be 1s or more",
                    &[],
                )
            })
        }
    }
}

/// `fpm_unix_test_config()`, which `-t` runs once every pool has passed
/// `fpm_conf_post_process()`: `user`, `group`, the unix socket path (8.3
/// and later), `listen.owner`, `listen.group`, in that order.
fn test_config(
    pool: &Pool,
    fpm: &Fpm,
    accounts: &crate::load::host::Accounts,
) -> Option<Diagnostic> {
    let account = |s: &Option<Setting>, is_user| {
        s.as_ref()
            .and_then(|s| unknown_account(pool, s, is_user, accounts))
    };
    account(&pool.user, true)
        .or_else(|| account(&pool.group, false))
        .or_else(|| socket_path_too_long(pool, fpm))
        .or_else(|| account(&pool.listen_owner, true))
        .or_else(|| account(&pool.listen_group, false))
}

/// `fpm_unix_check_listen_address()` (8.3+): a unix socket path `bind()`
/// cannot take. A `listen` with a `:` is a TCP address to php-fpm
/// (`fpm_sockets_domain_from_address()`); `$pool` is expanded as it is read.
fn socket_path_too_long(pool: &Pool, fpm: &Fpm) -> Option<Diagnostic> {
    let listen = pool.listen.as_ref()?;
    let path = listen.value.trim().replace("$pool", &pool.name);
    if !fpm.checks_socket_path() || !path.starts_with('/') || path.contains(':') || from_env(&path)
    {
        return None;
    }
    let max = fpm.sun_path();
    (path.len() >= max).then(|| {
        pool_error(
            listen.span,
            format!(
                "[pool {}] cannot bind to UNIX socket '{path}' as path is too long (found length: {}, maximal length: {max})",
                pool.name,
                path.len()
            ),
            "longer than a unix socket path may be",
            &[],
        )
        .help(format!(
            "a unix socket path holds at most {} bytes: move the socket to a shorter path (such as `/run/php/{}.sock`) and point the web server there",
            max - 1,
            pool.name
        ))
    })
}

/// An account php-fpm cannot resolve as root: `user`, `group`,
/// `listen.owner` or `listen.group`, with or without an ACL (the ACL's own
/// names are resolved only when the socket is made). `-t` looks them up
/// from 8.2.2 on (`fpm_unix_test_config()`, bug #68591); earlier releases
/// pass `-t` and refuse to start, with the same words
/// (`fpm_unix_resolve_socket_permissions()`, `fpm_unix_conf_wp()`).
/// Judged only where the checked root's `etc/passwd` and `etc/group` say
/// which accounts exist.
fn unknown_account(
    pool: &Pool,
    s: &Setting,
    is_user: bool,
    accounts: &crate::load::host::Accounts,
) -> Option<Diagnostic> {
    if from_env(&s.value) {
        return None;
    }
    let name = s.value.trim().replace("$pool", &pool.name);
    if name.is_empty() || name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (missing, said) = if is_user {
        (accounts.lacks_user(&name), format!("cannot get uid for user '{name}'"))
    } else {
        (accounts.lacks_group(&name), format!("cannot get gid for group '{name}'"))
    };
    if !missing {
        return None;
    }
    let file = if is_user { "etc/passwd" } else { "etc/group" };
    Some(
        pool_error(
            s.span,
            format!("[pool {}] {said}", pool.name),
            "no such account on this machine",
            &[],
        )
        .help(format!(
            "`{name}` is not in the checked machine's `{file}`: create the account (the web server's package does) or name one that exists"
        )),
    )
}

/// The slow-log checks of `fpm_conf_process_all_pools()`, which follow the
/// process-manager ones: a non-zero `request_slowlog_timeout` needs a
/// `slowlog` file, and may not exceed a non-zero
/// `request_terminate_timeout` (php-fpm 8.2 compares the seconds it stored).
fn slowlog(pool: &Pool, complete: bool) -> Option<Diagnostic> {
    let name = &pool.name;
    let readable = |k: &str| {
        pool.get(k)
            .filter(|s| !from_env(&s.value) && value_error(k, &s.value).is_none())
    };
    let slow_s = readable("request_slowlog_timeout")?;
    let slow = php::fpm_time(&slow_s.value).unwrap_or(0);
    if slow == 0 {
        return None;
    }
    let file = pool.get("slowlog");
    // Unset in a pool file read alone: another file may set it.
    let missing = match file {
        Some(f) => f.value.trim().is_empty(),
        None => complete,
    };
    if missing {
        let mut d = refused(
            slow_s.span,
            format!(
                "[pool {name}] 'slowlog' must be specified for use with 'request_slowlog_timeout'"
            ),
            "needs a `slowlog` file",
        );
        if let Some(f) = file {
            d = d.also(f.span.file, f.span.range, "empty");
        }
        return Some(d.help(
            "set `slowlog` to a file the master can create for the backtraces (the shipped `www.conf` suggests `slowlog = log/$pool.log.slow`, under the prefix), or set `request_slowlog_timeout = 0`; `php-fpm -t` shows the same error",
        ));
    }
    let rtt_s = readable("request_terminate_timeout")?;
    let rtt = php::fpm_time(&rtt_s.value).unwrap_or(0);
    if rtt == 0 || slow <= rtt {
        return None;
    }
    Some(
        pool_error(
            slow_s.span,
            format!("[pool {name}] 'request_slowlog_timeout' ({slow}) can't be greater than 'request_terminate_timeout' ({rtt})"),
            "longer than the pool's `request_terminate_timeout`",
            &[(rtt_s.span, "php-fpm kills a request after this")],
        )
        .help(format!(
            "lower `request_slowlog_timeout` below {rtt}s so the slow log records a request before php-fpm kills it (equal values still log: the slow-log check runs first), or raise `request_terminate_timeout`; `php-fpm -t` shows the same error"
        )),
    )
}

fn dynamic(pool: &Pool, (max, max_s): (i64, &Setting), fpm: &Fpm) -> Option<Diagnostic> {
    let name = &pool.name;
    let get = |k: &str| pool_int(pool, k);
    let min = get("pm.min_spare_servers");
    let spare = get("pm.max_spare_servers");
    let (min_n, spare_n) = (min.map_or(0, |m| m.0), spare.map_or(0, |m| m.0));
    let at = |s: Option<(i64, &Setting)>| s.map_or(pool.span, |(_, s)| s.span);
    if min_n <= 0 {
        return Some(pool_error(
            at(min),
            format!("[pool {name}] pm.min_spare_servers({min_n}) must be a positive value"),
            "must be 1 or more",
            &[],
        ));
    }
    if spare_n <= 0 {
        return Some(pool_error(
            at(spare),
            format!("[pool {name}] pm.max_spare_servers({spare_n}) must be a positive value"),
            "must be 1 or more",
            &[],
        ));
    }
    if min_n > max || spare_n > max {
        let over = if spare_n > max { spare } else { min };
        return Some(pool_error(
            at(over),
            format!("[pool {name}] pm.min_spare_servers({min_n}) and pm.max_spare_servers({spare_n}) cannot be greater than pm.max_children({max})"),
            "more than `pm.max_children`",
            &[(max_s.span, "the pool's `pm.max_children`")],
        ));
    }
    if spare_n < min_n {
        return Some(pool_error(
            at(spare),
            format!("[pool {name}] pm.max_spare_servers({spare_n}) must not be less than pm.min_spare_servers({min_n})"),
            "less than `pm.min_spare_servers`",
            &[(at(min), "`pm.min_spare_servers`")],
        ));
    }
    if let Some((start, s)) = get("pm.start_servers") {
        if start > 0 && (start < min_n || start > spare_n) {
            return Some(pool_error(
                s.span,
                format!("[pool {name}] pm.start_servers({start}) must not be less than pm.min_spare_servers({min_n}) and not greater than pm.max_spare_servers({spare_n})"),
                "outside the spare-server range",
                &[(at(min), "`pm.min_spare_servers`"), (at(spare), "`pm.max_spare_servers`")],
            ));
        }
    }
    let rate = get("pm.max_spawn_rate");
    if fpm.checks_spawn_rate() && rate.map_or(DEFAULT_SPAWN_RATE, |r| r.0) < 1 {
        return Some(pool_error(
            at(rate),
            format!("[pool {name}] pm.max_spawn_rate must be a positive value"),
            "must be 1 or more",
            &[],
        ));
    }
    None
}

fn pool_error(at: Span, said: String, label: &str, also: &[(Span, &str)]) -> Diagnostic {
    let mut d = refused(at, said, label);
    for (s, l) in also {
        d = d.also(s.file, s.range, *l);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_refused_as_fpm_conf_set_does() {
        assert_eq!(
            value_error("pm.max_children", "abc"),
            Some("is not a valid number (greater or equal than zero)")
        );
        assert_eq!(value_error("pm.max_children", "-5"), None);
        assert_eq!(value_error("pm.max_children", "${CHILDREN}"), None);
        assert_eq!(
            value_error("request_terminate_timeout", "5x"),
            Some("unknown suffix used in time value")
        );
        assert_eq!(
            value_error("request_terminate_timeout", ""),
            Some("invalid time value")
        );
        assert_eq!(value_error("request_terminate_timeout", "30s"), None);
        assert_eq!(
            value_error("rlimit_core", "-5"),
            Some("must be greater than zero or 'unlimited'")
        );
        assert_eq!(value_error("rlimit_core", "Unlimited"), None);
        assert_eq!(value_error("pm", "Static"), None);
    }
}
