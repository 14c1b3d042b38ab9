//! The keys php-fpm reads, by release (7.4 to 8.4) and by what its build
//! was configured with: `ini_fpm_global_options` and
//! `ini_fpm_pool_options` in php-src's `sapi/fpm/fpm/fpm_conf.c` at each
//! release's tag, and the array keys of `fpm_conf_ini_parser_array()`.
//! A key a release lacks is `unknown entry` there, like a typo.
//!
//! Each release's table and checks were read in that release's own
//! `fpm_conf.c`, `fpm_unix.c` and `fpm_sockets.c` (`main/php_version.h` at
//! the same commit names the version):
//!
//! | release | repository, commit | version |
//! |---|---|---|
//! | 7.4 | shivammathur/php-src-backports `dca8d55` ("Update versions for PHP 7.4.33") | 7.4.33 |
//! | 8.0 | shivammathur/php-src-backports `8213daa` ("Update versions for PHP 8.0.30") | 8.0.30 |
//! | 8.1 | TSDC-LLC/php-src-kos tag `php-8.1.7` (`d35e577`); bbutkovic/php-src tag `php-8.1.15` (`010300f`) | 8.1.7, 8.1.15 |
//! | 8.2 | bbutkovic/php-src tags `php-8.2.0` (`70ee6c2`) and `php-8.2.2` (`b20c0e9`); php/php-src `1851e77` (an 8.2 copy before 8.2.2); subveyninja/php-src-kos `5cd66a3` (8.2.8-dev, KasperskyOS port) | 8.2.0, 8.2.2 |
//! | 8.3 | fire1220/annotation-php-8.3.0 `1f36f7c` (the 8.3.0 tarball under `php-8.3.0/`) | 8.3.0 |
//! | 8.4 | no copy of the source found; checked against the built binary instead: Debian 13's `php8.4-fpm` 8.4.27-1~deb13u1 (`pool/main/p/php8.4/` on deb.debian.org), whose `/usr/sbin/php-fpm8.4` holds the option tables' names as adjacent strings (`strings -t x`, from `listen.backlog` to `systemd_interval`): every name there is in the 8.3 table, and every key of the table is among the binary's strings but `listen.setfib` (not built on Linux). The checks are 8.3's, as php.net's 8.4 migration guide lists no FPM change | 8.4.27 |
//!
//! What they show: `ini_fpm_global_options` is the same in 7.4 to 8.3;
//! the pool keys grow by `pm.status_listen` (8.0), `pm.max_spawn_rate`
//! (8.1), `listen.setfib` (8.2.0, `#ifdef SO_SETFIB`), and none in 8.3.
//! `fpm_conf_ini_parser_array()` gains `access.suppress_path` in 8.2.0,
//! and with it new words for a keyless array (`You must provide a key for
//! field '…'`; 7.4 to 8.1: `Misspelled  array ?`, which is also what they
//! say of `access.suppress_path[] = /path`). `fpm_conf_process_all_pools()`
//! checks `pm.max_spawn_rate` ≥ 1 for `pm = dynamic` only, from 8.1.
//! `fpm_unix_test_config()` (run by `-t` after every pool passed
//! `fpm_conf_post_process()`) looks up `user`, `group`, `listen.owner` and
//! `listen.group` from 8.2.2 (8.2.0 has none), and from 8.3.0 also refuses
//! a unix socket path of `sizeof(sun_path)` or more, between `group` and
//! `listen.owner`; 8.2 binds a cut path without a word, 8.3 warns.
//! `log_limit < 512` (`ZLOG_MIN_LIMIT`) is refused in every release.
//! `FPM_BACKLOG_DEFAULT` (`fpm_sockets.h`), the backlog of a pool that sets
//! none and the least `ondemand` keeps, is 511 on Linux in 7.4 to 8.1 and
//! -1 from 8.2.0.

use std::fmt;

/// A PHP release, major and minor: what php-fpm's keys depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PhpRelease(pub u32, pub u32);

impl PhpRelease {
    /// The releases hoplint has a key table for, oldest first.
    pub const SUPPORTED: [PhpRelease; 6] = [
        PhpRelease(7, 4),
        PhpRelease(8, 0),
        PhpRelease(8, 1),
        PhpRelease(8, 2),
        PhpRelease(8, 3),
        PhpRelease(8, 4),
    ];

    /// `access.suppress_path[]`, with its key and leading-`/` checks.
    pub const SUPPRESS_PATH: PhpRelease = PhpRelease(8, 2);
    /// `pm.max_spawn_rate`, and `fpm_conf_process_all_pools()`'s check
    /// that it is positive (for `pm = dynamic`).
    pub const SPAWN_RATE: PhpRelease = PhpRelease(8, 1);
    /// `FPM_BACKLOG_DEFAULT` (`fpm_sockets.h`) on Linux: 511 before, -1
    /// (the kernel's `somaxconn`) from 8.2.0.
    pub const LINUX_BACKLOG_MINUS_ONE: PhpRelease = PhpRelease(8, 2);
    /// `fpm_unix_test_config()`: `-t` refuses a unix socket path longer
    /// than `sun_path` holds (before, php-fpm cut it and bound elsewhere).
    pub const SOCKET_PATH_CHECK: PhpRelease = PhpRelease(8, 3);

    /// The release a path names: Debian's `/etc/php/8.3/`, Alpine's
    /// `/etc/php82/`, Remi's `/etc/opt/remi/php82/`, Software
    /// Collections' `/etc/opt/rh/rh-php73/`.
    pub fn from_path(path: &str) -> Option<PhpRelease> {
        let parts: Vec<&str> = path.split(['/', '\\']).collect();
        for (i, part) in parts.iter().enumerate() {
            if *part == "php" {
                if let Some(r) = parts.get(i + 1).and_then(|v| dotted(v)) {
                    return Some(r);
                }
            }
            let tail = part.strip_prefix("rh-").unwrap_or(part);
            let Some(v) = tail.strip_prefix("php") else {
                continue;
            };
            if let Some(r) = dotted(v) {
                return Some(r);
            }
            // `php82`: one digit of major, the rest minor.
            if (2..=3).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
                let (major, minor) = v.split_at(1);
                return Some(PhpRelease(major.parse().ok()?, minor.parse().ok()?));
            }
        }
        None
    }

    /// The release of `1.2`, `8.3.14`, or a package version such as
    /// `8.2.26-1~deb12u1`.
    pub fn parse(text: &str) -> Option<PhpRelease> {
        crate::values::release::Release::parse(text).map(|r| PhpRelease(r.0, r.1))
    }
}

/// `8.3` in `8.3`, never in `8.3x`.
fn dotted(v: &str) -> Option<PhpRelease> {
    let (major, minor) = v.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    (digits(major) && digits(minor))
        .then(|| PhpRelease(major.parse().unwrap(), minor.parse().unwrap()))
}

impl fmt::Display for PhpRelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// A build option some keys exist only with (`#ifdef` around their entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// `HAVE_FPM_ACL` (`--with-fpm-acl`): `listen.acl_users`, `listen.acl_groups`.
    Acl,
    /// `HAVE_APPARMOR` (`--with-fpm-apparmor`): `apparmor_hat`.
    Apparmor,
    /// `HAVE_SYSTEMD` (`--with-fpm-systemd`): `systemd_interval`.
    Systemd,
    /// `SO_SETFIB` (FreeBSD): `listen.setfib`.
    Setfib,
}

impl Feature {
    pub fn option(self) -> &'static str {
        match self {
            Feature::Acl => "--with-fpm-acl",
            Feature::Apparmor => "--with-fpm-apparmor",
            Feature::Systemd => "--with-fpm-systemd",
            Feature::Setfib => "FreeBSD's SO_SETFIB",
        }
    }
}

/// One key: the first supported release that reads it, and the build
/// option it needs.
struct Key {
    name: &'static str,
    since: PhpRelease,
    needs: Option<Feature>,
}

const fn key(name: &'static str) -> Key {
    Key {
        name,
        since: PhpRelease(7, 4),
        needs: None,
    }
}

const fn since(name: &'static str, major: u32, minor: u32) -> Key {
    Key {
        name,
        since: PhpRelease(major, minor),
        needs: None,
    }
}

const fn with(name: &'static str, feature: Feature, since: PhpRelease) -> Key {
    Key {
        name,
        since,
        needs: Some(feature),
    }
}

const V74: PhpRelease = PhpRelease(7, 4);

/// `ini_fpm_pool_options`, in its order. 7.4.33 is the base (it already
/// has `process.dumpable`, 7.0.29+, and 7.3's `decorate_workers_output`
/// and `request_terminate_timeout_track_finished`); 8.0.30 adds
/// `pm.status_listen`, 8.1.7 `pm.max_spawn_rate`, 8.2.0 `listen.setfib`;
/// 8.3.0 adds none, nor does 8.4 (its binary; see the module doc).
const POOL: &[Key] = &[
    key("prefix"),
    key("user"),
    key("group"),
    key("listen"),
    key("listen.backlog"),
    with("listen.acl_users", Feature::Acl, V74),
    with("listen.acl_groups", Feature::Acl, V74),
    key("listen.owner"),
    key("listen.group"),
    key("listen.mode"),
    key("listen.allowed_clients"),
    with("listen.setfib", Feature::Setfib, PhpRelease(8, 2)),
    key("process.priority"),
    key("process.dumpable"),
    key("pm"),
    key("pm.max_children"),
    key("pm.start_servers"),
    key("pm.min_spare_servers"),
    key("pm.max_spare_servers"),
    since("pm.max_spawn_rate", 8, 1),
    key("pm.process_idle_timeout"),
    key("pm.max_requests"),
    key("pm.status_path"),
    since("pm.status_listen", 8, 0),
    key("ping.path"),
    key("ping.response"),
    key("access.log"),
    key("access.format"),
    key("slowlog"),
    key("request_slowlog_timeout"),
    key("request_slowlog_trace_depth"),
    key("request_terminate_timeout"),
    key("request_terminate_timeout_track_finished"),
    key("rlimit_files"),
    key("rlimit_core"),
    key("chroot"),
    key("chdir"),
    key("catch_workers_output"),
    key("decorate_workers_output"),
    key("clear_env"),
    key("security.limit_extensions"),
    with("apparmor_hat", Feature::Apparmor, V74),
];

/// `ini_fpm_global_options`: the same in 7.4.33, 8.0.30, 8.1.7, 8.2.0 and
/// 8.3.0 (`syslog.*` sit under `HAVE_SYSLOG_H`, which every Linux has).
const GLOBAL: &[Key] = &[
    key("pid"),
    key("error_log"),
    key("syslog.ident"),
    key("syslog.facility"),
    key("log_buffering"),
    key("log_level"),
    key("log_limit"),
    key("emergency_restart_threshold"),
    key("emergency_restart_interval"),
    key("process_control_timeout"),
    key("process.max"),
    key("process.priority"),
    key("daemonize"),
    key("rlimit_files"),
    key("rlimit_core"),
    key("events.mechanism"),
    with("systemd_interval", Feature::Systemd, V74),
];

/// The array keys a pool may hold (`key[name] = value`), in every
/// release from 7.4.33 to 8.3.0; `access.suppress_path[]` (8.2.0+) is
/// checked apart.
pub const ARRAY_KEYS: &[&str] = &[
    "php_value",
    "php_flag",
    "php_admin_value",
    "php_admin_flag",
    "env",
];

/// What hoplint knows of the php-fpm that reads a config: its release
/// and the build options known to be absent. An unknown release reads
/// every key of every supported release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fpm {
    pub release: Option<PhpRelease>,
    pub absent: &'static [Feature],
}

/// How php-fpm takes a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Yes,
    /// Unknown to every release and build.
    No,
    /// Read from this later release on.
    Later(PhpRelease),
    /// Read only by builds with this option, which this one lacks.
    NotBuilt(Feature),
}

impl Fpm {
    /// The builds whose options are known: Debian and Ubuntu configure
    /// ACL, AppArmor and systemd support; Fedora ACL and systemd;
    /// Alpine ACL only (`community/phpXY/APKBUILD`); the official `php`
    /// image none of them; FreeBSD is no Linux. Elsewhere only FreeBSD's
    /// `SO_SETFIB` is known to be missing: hoplint runs on Linux trees.
    pub fn absent_in(layout: Option<&str>) -> &'static [Feature] {
        use Feature::*;
        match layout {
            Some("Debian") => &[Setfib],
            Some("Fedora/RHEL") => &[Apparmor, Setfib],
            Some("Alpine") => &[Apparmor, Systemd, Setfib],
            Some("the official php image") => &[Acl, Apparmor, Systemd, Setfib],
            Some("FreeBSD") => &[Apparmor, Systemd],
            _ => &[Setfib],
        }
    }

    pub fn pool_key(&self, name: &str) -> Known {
        self.known(POOL, name)
    }

    pub fn global_key(&self, name: &str) -> Known {
        self.known(GLOBAL, name)
    }

    /// Whether this release reads `access.suppress_path[]`.
    pub fn suppress_path(&self) -> Known {
        match self.release {
            Some(r) if r < PhpRelease::SUPPRESS_PATH => Known::Later(PhpRelease::SUPPRESS_PATH),
            _ => Known::Yes,
        }
    }

    /// Whether `fpm_conf_process_all_pools()` checks `pm.max_spawn_rate`
    /// (in its `pm = dynamic` branch only).
    pub fn checks_spawn_rate(&self) -> bool {
        self.release.is_none_or(|r| r >= PhpRelease::SPAWN_RATE)
    }

    /// Whether `-t` refuses a unix socket path that does not fit
    /// `sun_path` (8.3 and later; judged so when the release is unknown,
    /// since earlier releases bind a cut path nothing connects to).
    pub fn checks_socket_path(&self) -> bool {
        self.release
            .is_none_or(|r| r >= PhpRelease::SOCKET_PATH_CHECK)
    }

    /// `FPM_BACKLOG_DEFAULT` (`fpm_sockets.h`): the `listen.backlog` of a
    /// pool that sets none, and the least an `ondemand` pool keeps
    /// (`fpm_conf_process_all_pools()` raises a lower one to it). -1 on
    /// FreeBSD and, from 8.2.0, on Linux; 511 on Linux before (7.4.33,
    /// 8.0.30, 8.1.15). An unknown release is judged as 8.2.
    pub fn default_backlog(&self) -> i64 {
        let freebsd = !self.absent.contains(&Feature::Setfib);
        match self.release {
            Some(r) if r < PhpRelease::LINUX_BACKLOG_MINUS_ONE && !freebsd => 511,
            _ => -1,
        }
    }

    /// `sizeof(sun_path)`, which a unix socket path must be shorter than
    /// (`sys/un.h`): 108 on Linux, 104 on FreeBSD (the build with setfib).
    pub fn sun_path(&self) -> usize {
        if self.absent.contains(&Feature::Setfib) {
            108
        } else {
            104
        }
    }

    /// The pool keys this php-fpm reads, for "did you mean".
    pub fn pool_keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        POOL.iter().filter(|k| self.admits(k)).map(|k| k.name)
    }

    /// The `[global]` keys this php-fpm reads.
    pub fn global_keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        GLOBAL.iter().filter(|k| self.admits(k)).map(|k| k.name)
    }

    fn admits(&self, k: &Key) -> bool {
        self.release.is_none_or(|r| r >= k.since)
            && k.needs.is_none_or(|f| !self.absent.contains(&f))
    }

    fn known(&self, table: &[Key], name: &str) -> Known {
        let Some(k) = table.iter().find(|k| k.name == name) else {
            return Known::No;
        };
        match (self.release, k.needs) {
            (Some(r), _) if r < k.since => Known::Later(k.since),
            (_, Some(f)) if self.absent.contains(&f) => Known::NotBuilt(f),
            _ => Known::Yes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release(major: u32, minor: u32) -> Fpm {
        Fpm {
            release: Some(PhpRelease(major, minor)),
            absent: Fpm::absent_in(Some("Debian")),
        }
    }

    #[test]
    fn keys_follow_the_release_that_added_them() {
        let added = [
            ("pm.status_listen", PhpRelease(8, 0)),
            ("pm.max_spawn_rate", PhpRelease(8, 1)),
        ];
        for r in PhpRelease::SUPPORTED {
            let fpm = release(r.0, r.1);
            for (k, since) in added {
                let want = if r >= since {
                    Known::Yes
                } else {
                    Known::Later(since)
                };
                assert_eq!(fpm.pool_key(k), want, "{k} in {r}");
            }
            assert_eq!(fpm.pool_key("process.dumpable"), Known::Yes, "{r}");
            assert_eq!(fpm.pool_key("decorate_workers_output"), Known::Yes, "{r}");
            assert_eq!(fpm.global_key("log_limit"), Known::Yes, "{r}");
            assert_eq!(fpm.pool_key("pm.max_spawn_rates"), Known::No, "{r}");
            assert_eq!(fpm.checks_spawn_rate(), r >= PhpRelease(8, 1), "{r}");
            assert_eq!(fpm.checks_socket_path(), r >= PhpRelease(8, 3), "{r}");
            let suppress = if r >= PhpRelease(8, 2) {
                Known::Yes
            } else {
                Known::Later(PhpRelease(8, 2))
            };
            assert_eq!(fpm.suppress_path(), suppress, "{r}");
        }
    }

    /// Every pool and `[global]` key of each release, with every build
    /// option on, as its `fpm_conf.c` lists them (see the module doc).
    #[test]
    fn each_release_reads_exactly_its_own_keys() {
        let all = |r: PhpRelease| Fpm {
            release: Some(r),
            absent: &[],
        };
        let v74 = [
            "prefix",
            "user",
            "group",
            "listen",
            "listen.backlog",
            "listen.acl_users",
            "listen.acl_groups",
            "listen.owner",
            "listen.group",
            "listen.mode",
            "listen.allowed_clients",
            "process.priority",
            "process.dumpable",
            "pm",
            "pm.max_children",
            "pm.start_servers",
            "pm.min_spare_servers",
            "pm.max_spare_servers",
            "pm.process_idle_timeout",
            "pm.max_requests",
            "pm.status_path",
            "ping.path",
            "ping.response",
            "access.log",
            "access.format",
            "slowlog",
            "request_slowlog_timeout",
            "request_slowlog_trace_depth",
            "request_terminate_timeout",
            "request_terminate_timeout_track_finished",
            "rlimit_files",
            "rlimit_core",
            "chroot",
            "chdir",
            "catch_workers_output",
            "decorate_workers_output",
            "clear_env",
            "security.limit_extensions",
            "apparmor_hat",
        ];
        // What each release adds to the one before: 8.0.30, 8.1.7, 8.2.0,
        // 8.3.0 (8.4: the 8.3 table, its binary's option names the same).
        let added: [(PhpRelease, &[&str]); 5] = [
            (PhpRelease(8, 0), &["pm.status_listen"]),
            (PhpRelease(8, 1), &["pm.max_spawn_rate"]),
            (PhpRelease(8, 2), &["listen.setfib"]),
            (PhpRelease(8, 3), &[]),
            (PhpRelease(8, 4), &[]),
        ];
        let mut want: Vec<&str> = v74.to_vec();
        let sorted = |v: &[&'static str]| {
            let mut v = v.to_vec();
            v.sort_unstable();
            v
        };
        assert_eq!(
            sorted(&all(PhpRelease(7, 4)).pool_keys().collect::<Vec<_>>()),
            sorted(&want),
            "7.4"
        );
        for (r, keys) in added {
            want.extend_from_slice(keys);
            assert_eq!(
                sorted(&all(r).pool_keys().collect::<Vec<_>>()),
                sorted(&want),
                "{r}"
            );
        }
        let global = [
            "pid",
            "error_log",
            "syslog.ident",
            "syslog.facility",
            "log_buffering",
            "log_level",
            "log_limit",
            "emergency_restart_threshold",
            "emergency_restart_interval",
            "process_control_timeout",
            "process.max",
            "process.priority",
            "daemonize",
            "rlimit_files",
            "rlimit_core",
            "events.mechanism",
            "systemd_interval",
        ];
        for r in PhpRelease::SUPPORTED {
            assert_eq!(all(r).global_keys().collect::<Vec<_>>(), global, "{r}");
        }
    }

    /// The keys one release reads and the one before refuses with
    /// `unknown entry`, as php-fpm says it.
    #[test]
    fn a_key_of_the_next_release_is_unknown_to_the_one_before() {
        let steps = [
            ("pm.status_listen", PhpRelease(7, 4), PhpRelease(8, 0)),
            ("pm.max_spawn_rate", PhpRelease(8, 0), PhpRelease(8, 1)),
            ("listen.setfib", PhpRelease(8, 1), PhpRelease(8, 2)),
        ];
        for (key, before, from) in steps {
            let at = |r: PhpRelease| Fpm {
                release: Some(r),
                absent: Fpm::absent_in(Some("FreeBSD")),
            };
            assert_eq!(at(before).pool_key(key), Known::Later(from), "{key}");
            assert_eq!(at(from).pool_key(key), Known::Yes, "{key}");
        }
        // 8.2.0 makes Linux's default backlog -1 (`somaxconn`).
        assert_eq!(release(8, 1).default_backlog(), 511);
        assert_eq!(release(8, 2).default_backlog(), -1);
        let freebsd = Fpm {
            release: Some(PhpRelease(7, 4)),
            absent: Fpm::absent_in(Some("FreeBSD")),
        };
        assert_eq!(freebsd.default_backlog(), -1);
        // 8.2 to 8.3 adds no key but the socket-path check.
        let (r82, r83) = (release(8, 2), release(8, 3));
        assert!(r82.pool_keys().eq(r83.pool_keys()));
        assert!(!r82.checks_socket_path() && r83.checks_socket_path());
    }

    #[test]
    fn keys_follow_the_build() {
        let debian = release(8, 2);
        assert_eq!(debian.pool_key("apparmor_hat"), Known::Yes);
        assert_eq!(debian.pool_key("listen.acl_users"), Known::Yes);
        assert_eq!(debian.global_key("systemd_interval"), Known::Yes);
        assert_eq!(
            debian.pool_key("listen.setfib"),
            Known::NotBuilt(Feature::Setfib)
        );
        let image = Fpm {
            release: Some(PhpRelease(8, 3)),
            absent: Fpm::absent_in(Some("the official php image")),
        };
        assert_eq!(
            image.pool_key("listen.acl_users"),
            Known::NotBuilt(Feature::Acl)
        );
        assert_eq!(
            image.global_key("systemd_interval"),
            Known::NotBuilt(Feature::Systemd)
        );
        let freebsd = Fpm {
            release: Some(PhpRelease(8, 2)),
            absent: Fpm::absent_in(Some("FreeBSD")),
        };
        assert_eq!(freebsd.pool_key("listen.setfib"), Known::Yes);
        let old_freebsd = Fpm {
            release: Some(PhpRelease(8, 1)),
            absent: Fpm::absent_in(Some("FreeBSD")),
        };
        assert_eq!(
            old_freebsd.pool_key("listen.setfib"),
            Known::Later(PhpRelease(8, 2))
        );
        let unknown = Fpm {
            release: None,
            absent: Fpm::absent_in(None),
        };
        assert_eq!(unknown.pool_key("pm.max_spawn_rate"), Known::Yes);
        assert_eq!(unknown.pool_key("apparmor_hat"), Known::Yes);
        assert!(unknown.pool_keys().any(|k| k == "pm.status_listen"));
        assert!(!release(7, 4).pool_keys().any(|k| k == "pm.status_listen"));
    }

    #[test]
    fn the_release_is_read_from_the_layout() {
        let cases = [
            ("/etc/php/8.3/fpm/php-fpm.conf", Some(PhpRelease(8, 3))),
            (
                "/srv/x/etc/php/7.4/fpm/pool.d/www.conf",
                Some(PhpRelease(7, 4)),
            ),
            ("/etc/php82/php-fpm.conf", Some(PhpRelease(8, 2))),
            ("/etc/php8/php-fpm.conf", None),
            (
                "/etc/opt/remi/php81/php-fpm.d/www.conf",
                Some(PhpRelease(8, 1)),
            ),
            ("/etc/opt/rh/rh-php73/php-fpm.conf", Some(PhpRelease(7, 3))),
            ("/etc/php-fpm.conf", None),
            ("/usr/local/etc/php-fpm.conf", None),
            ("/etc/php/current/fpm/php-fpm.conf", None),
        ];
        for (path, want) in cases {
            assert_eq!(PhpRelease::from_path(path), want, "{path}");
        }
        assert_eq!(
            PhpRelease::parse("8.2.26-1~deb12u1"),
            Some(PhpRelease(8, 2))
        );
        assert_eq!(PhpRelease::parse("8.4"), Some(PhpRelease(8, 4)));
    }
}
