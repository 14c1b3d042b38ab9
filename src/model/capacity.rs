//! Numbers php-fpm and nginx read for worker capacity: the process
//! manager of a pool, its integers as `fpm_conf_set_integer()` reads them,
//! the listen backlog the kernel grants, and how many requests nginx can
//! hold open at once.

use super::nginx::{Dir, Nginx};
use super::php_fpm::Pool;
use super::{Setting, Stack, Target};

/// `pm` as `fpm_conf_set_pm()` reads it (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pm {
    Static,
    Dynamic,
    Ondemand,
}

impl Pm {
    pub fn parse(value: &str) -> Option<Pm> {
        match value.to_ascii_lowercase().as_str() {
            "static" => Some(Pm::Static),
            "dynamic" => Some(Pm::Dynamic),
            "ondemand" => Some(Pm::Ondemand),
            _ => None,
        }
    }
}

/// An integer as `fpm_conf_set_integer()` takes it: an optional leading
/// `-`, then digits only, read by C `atoi` (the empty string is 0). `None`
/// where php-fpm says `is not a valid number (greater or equal than zero)`.
pub fn fpm_int(value: &str) -> Option<i64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // atoi into a C int: saturate rather than wrap, the configs that
    // overflow are absurd either way.
    let n: i64 = digits.parse().unwrap_or(if digits.is_empty() {
        0
    } else {
        i64::from(i32::MAX)
    });
    let n = n.min(i64::from(i32::MAX));
    Some(if value.starts_with('-') { -n } else { n })
}

/// Whether a value holds an environment reference (`${VAR}`) that PHP's
/// INI parser expands at start-up: its number is unknown here.
pub fn from_env(value: &str) -> bool {
    value.contains("${")
}

/// A pool's integer setting as php-fpm reads it: `None` when unset,
/// unreadable or taken from the environment.
pub fn pool_int<'a>(pool: &'a Pool, key: &str) -> Option<(i64, &'a Setting)> {
    let s = pool.get(key)?;
    if from_env(&s.value) {
        return None;
    }
    fpm_int(&s.value).map(|n| (n, s))
}

/// The pool's process manager, when it is set and readable.
pub fn pool_pm(pool: &Pool) -> Option<Pm> {
    pool.get("pm").and_then(|s| Pm::parse(&s.value))
}

/// php-fpm's default `listen.backlog` on Linux is -1 from 8.2.0, which
/// `listen()` turns into the kernel's cap; the kernel's default cap since
/// Linux 5.4.
pub const DEFAULT_SOMAXCONN: u64 = 4096;

/// The queue the kernel grants a pool's socket: `listen.backlog` (unset:
/// php-fpm's `default`, `Fpm::default_backlog()`; -1: as large as allowed)
/// capped at `somaxconn`, as `__sys_listen()` does (`(unsigned) backlog >
/// somaxconn`). `None` when the value is unreadable.
pub fn effective_backlog(pool: &Pool, somaxconn: Option<u64>, default: i64) -> Option<u64> {
    let cap = somaxconn.unwrap_or(DEFAULT_SOMAXCONN);
    let written = match &pool.listen_backlog {
        None => default,
        Some(s) if from_env(&s.value) => return None,
        Some(s) => fpm_int(&s.value)?,
    };
    // ondemand raises a backlog below the default to the default.
    let written = if pool_pm(pool) == Some(Pm::Ondemand) && written < default {
        default
    } else {
        written
    };
    Some(match u64::try_from(written) {
        Ok(n) => n.min(cap),
        Err(_) => cap,
    })
}

/// The pools a hop's target reaches for certain.
pub fn pools_of<'a>(stack: &'a Stack, target: &Target) -> Vec<&'a Pool> {
    stack.pools_answering(target.endpoint)
}

/// How many requests nginx can hold open at once, from `worker_processes`
/// and `worker_connections`.
#[derive(Debug)]
pub struct NginxConcurrency<'a> {
    /// `None` for `auto` (one per CPU, which the configs do not tell).
    pub workers: Option<u64>,
    pub connections: u64,
    pub workers_dir: Option<&'a Dir>,
    pub connections_dir: Option<&'a Dir>,
}

/// nginx's defaults: `worker_processes 1`, `worker_connections 512`
/// (`DEFAULT_CONNECTIONS` in `ngx_event.c`).
pub const DEFAULT_WORKER_CONNECTIONS: u64 = 512;

impl<'a> NginxConcurrency<'a> {
    pub fn of(nginx: &'a Nginx) -> Option<NginxConcurrency<'a>> {
        let workers_dir = nginx.main_directive("worker_processes");
        let connections_dir = nginx.main_directive("worker_connections");
        let workers = match workers_dir.and_then(|d| d.arg(0)) {
            None => Some(1),
            Some("auto") => None,
            Some(n) => Some(n.parse().ok()?),
        };
        let connections = match connections_dir.and_then(|d| d.arg(0)) {
            None => DEFAULT_WORKER_CONNECTIONS,
            Some(n) => n.parse().ok()?,
        };
        Some(NginxConcurrency {
            workers,
            connections,
            workers_dir,
            connections_dir,
        })
    }

    /// Requests nginx can pass upstream at once: each holds two of a
    /// worker's connections, the client's and the upstream's. With `auto`,
    /// the count for one worker (a lower bound).
    pub fn requests(&self) -> u64 {
        self.workers.unwrap_or(1).saturating_mul(self.connections) / 2
    }
}

/// Where the RAM figure came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RamSource {
    /// `[host] ram` in `hoplint.toml` or `--ram`.
    Declared,
    /// `MemTotal` of this machine's `/proc/meminfo`, when checking `/`.
    ThisMachine,
}

/// The RAM the pools share: the declared figure, else the checked
/// machine's own `MemTotal` when `/` itself is checked. `None`: unknown.
pub fn host_ram(declared: Option<u64>, live: Option<u64>) -> Option<(u64, RamSource)> {
    match (declared, live) {
        (Some(r), _) => Some((r, RamSource::Declared)),
        (None, Some(r)) => Some((r, RamSource::ThisMachine)),
        (None, None) => None,
    }
}

/// A byte count as an admin writes it: `640M`, `1.5G`, `12K`.
pub fn human_size(bytes: u64) -> String {
    const K: u64 = 1 << 10;
    const M: u64 = 1 << 20;
    const G: u64 = 1 << 30;
    let unit = |u: u64, s: &str| {
        if bytes.is_multiple_of(u) {
            format!("{}{s}", bytes / u)
        } else {
            format!("{:.1}{s}", bytes as f64 / u as f64)
        }
    };
    if bytes >= G {
        unit(G, "G")
    } else if bytes >= M {
        unit(M, "M")
    } else if bytes >= K {
        unit(K, "K")
    } else {
        format!("{bytes}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_read_as_fpm_conf_set_integer() {
        assert_eq!(fpm_int("5"), Some(5));
        assert_eq!(fpm_int("-1"), Some(-1));
        assert_eq!(fpm_int(""), Some(0));
        assert_eq!(fpm_int("5 "), None);
        assert_eq!(fpm_int("1e3"), None);
        assert_eq!(fpm_int("--1"), None);
        assert_eq!(fpm_int("99999999999"), Some(i64::from(i32::MAX)));
        assert_eq!(Pm::parse("Dynamic"), Some(Pm::Dynamic));
        assert_eq!(Pm::parse("dynamic "), None);
        assert_eq!(human_size(640 << 20), "640M");
        assert_eq!(human_size(3 << 29), "1.5G");
    }
}
