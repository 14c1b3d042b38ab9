//! Effective time limits of each layer, with the server's default when the
//! setting is absent, and whether the admin wrote it: the timeout rules
//! compare these across hops, and only a value someone set may be blamed.

use super::nginx::{Dir, HopKind, Nginx};
use super::php_fpm::Pool;
use super::{endpoint, Endpoint, PhpSource, Setting, Stack};

/// nginx's default for every `*_read_timeout`, `*_send_timeout` and
/// `*_connect_timeout` (`ngx_http_{fastcgi,proxy,uwsgi,scgi,grpc}_module.c`
/// merge them with 60000 ms).
pub const NGINX_DEFAULT_MS: u64 = 60_000;

/// PHP's built-in `max_execution_time` (`main/main.c`), and the value
/// `php.ini-production` / `-development` write.
pub const PHP_MAX_EXECUTION_TIME_DEFAULT: u64 = 30;

/// PHP's compiled-in values of the settings the rules read, which a pool's
/// workers get when neither the pool nor a `php.ini` sets them
/// (`PHP_INI_BEGIN()` in php-src `main/main.c`, 7.4 to 8.4; `php-fpm -n -i`
/// prints the same): when no `php.ini` is among the checked files, the
/// rules assume these and say so.
pub const PHP_DEFAULTS: &[(&str, &str)] = &[
    ("max_execution_time", "30"),
    ("max_input_time", "-1"),
    ("memory_limit", "128M"),
    ("post_max_size", "8M"),
    ("upload_max_filesize", "2M"),
];

/// PHP's compiled-in value of `name`, if the rules know it.
pub fn php_default(name: &str) -> Option<&'static str> {
    PHP_DEFAULTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}

/// httpd's `Timeout` default (`DEFAULT_TIMEOUT` in `include/httpd.h`).
pub const APACHE_TIMEOUT_DEFAULT_S: u64 = 60;

/// A limit in milliseconds (0: none), and where it was written, if anywhere.
#[derive(Debug, Clone, Copy)]
pub struct Limit<'a> {
    pub ms: u64,
    pub set: Option<&'a Setting>,
}

/// An nginx duration in effect in a context, or its default.
#[derive(Debug, Clone, Copy)]
pub struct NginxLimit<'a> {
    pub ms: u64,
    pub dir: Option<&'a Dir>,
}

/// `fastcgi_read_timeout` for a FastCGI hop, `proxy_read_timeout` for a
/// proxy one: the directive name of `what` (`read`, `connect`, `send`)
/// for the module of `kind`.
pub fn nginx_timeout_name(kind: HopKind, what: &str) -> String {
    let module = match kind {
        HopKind::FastCgi => "fastcgi",
        HopKind::Proxy => "proxy",
        HopKind::Uwsgi => "uwsgi",
        HopKind::Scgi => "scgi",
        HopKind::Grpc => "grpc",
    };
    format!("{module}_{what}_timeout")
}

/// The value of `name` in effect at `ctx`, or nginx's 60 s default. A
/// value nginx could not read is ignored (`nginx -t` refuses it; the
/// syntax of the value is not this rule's business).
pub fn nginx_timeout<'a>(nginx: &'a Nginx, ctx: usize, name: &str) -> Option<NginxLimit<'a>> {
    match nginx.effective(ctx, name) {
        None => Some(NginxLimit {
            ms: NGINX_DEFAULT_MS,
            dir: None,
        }),
        Some(found) => {
            let ms = crate::values::nginx::parse_duration(found.dir.arg(0)?)?;
            Some(NginxLimit {
                ms,
                dir: Some(found.dir),
            })
        }
    }
}

/// The pool listening where `target` connects, if the configs prove it.
pub fn pool_at<'a>(stack: &'a Stack, target: &Endpoint) -> Option<&'a Pool> {
    let alias = match target {
        Endpoint::Unix(p) => endpoint::run_alias(p).map(Endpoint::Unix),
        _ => None,
    };
    match &alias {
        Some(a) => stack.last_pool_answering(&[target, a]),
        None => stack.last_pool_answering(&[target]),
    }
}

/// `request_terminate_timeout` of a pool, read as `fpm_conf_set_time`
/// does (seconds, or with `s`, `m`, `h`, `d`); 0 when unset.
pub fn request_terminate_timeout(pool: &Pool) -> Limit<'_> {
    match pool.get("request_terminate_timeout") {
        Some(s) => Limit {
            ms: crate::values::php::parse_duration(s.value.trim()).unwrap_or(0) * 1000,
            set: Some(s),
        },
        None => Limit { ms: 0, set: None },
    }
}

/// A pool's `max_execution_time`, as PHP reads it (`ZEND_ATOL`: leading
/// digits, a negative value meaning none), and where it comes from.
pub struct MaxExecution<'a> {
    pub limit: Limit<'a>,
    pub source: Option<PhpSource>,
    /// Known: written somewhere, or the master's `php.ini` is in the scan
    /// and does not set it, so PHP's default truly applies.
    pub known: bool,
    /// PHP's compiled-in default, taken because no `php.ini` was checked:
    /// the file that would override it (`/etc/php/8.2/fpm/php.ini`) and
    /// the layout that puts it there, for the message.
    pub assumed: Option<&'a super::php_fpm::PhpIniPlace>,
}

impl MaxExecution<'_> {
    /// `; PHP's default 30 s, since no php.ini was checked (Debian:
    /// /etc/php/8.2/fpm/php.ini)`, or nothing when the value is known.
    pub fn assumption(&self) -> String {
        match self.assumed {
            Some(place) => format!(
                "; PHP's default `max_execution_time` {} s, since no php.ini was checked ({place})",
                PHP_MAX_EXECUTION_TIME_DEFAULT
            ),
            None => String::new(),
        }
    }
}

pub fn max_execution_time<'a>(stack: &'a Stack, pool: &'a Pool) -> MaxExecution<'a> {
    match stack.php_setting(pool, "max_execution_time") {
        Some((s, source)) => MaxExecution {
            limit: Limit {
                ms: crate::values::php::php_seconds(&s.value) * 1000,
                set: Some(s),
            },
            source: Some(source),
            known: true,
            assumed: None,
        },
        None => {
            let master = stack.masters.get(pool.master);
            let known = master.is_some_and(|m| m.php_ini.is_some());
            MaxExecution {
                limit: Limit {
                    ms: PHP_MAX_EXECUTION_TIME_DEFAULT * 1000,
                    set: None,
                },
                source: None,
                known,
                assumed: master.filter(|_| !known).map(|m| &m.php_ini_place),
            }
        }
    }
}
