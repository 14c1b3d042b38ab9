//! `php-fpm-pool-invalid` against the real `php-fpm8.2 -t` (Debian 12),
//! where php-src's own FPM tests show hoplint used to differ:
//! `access.suppress_path[]` (8.2), `[global] log_limit` below 512, and a
//! pool without `user` under a master started as root.

use hoplint::load::Options;
use std::path::Path;
use std::process::Command;

const PHP_FPM: &str = "/usr/sbin/php-fpm8.2";

const POOL: &str = "[www]\nuser = www-data\ngroup = www-data\nlisten = 127.0.0.1:19999\npm = static\npm.max_children = 2\n";

/// (`php-fpm -t` accepts, its output) for a main config `conf`.
fn php_fpm_t(dir: &Path, conf: &str) -> (bool, String) {
    let path = dir.join("php-fpm.conf");
    let log = dir.join("error.log");
    let text = format!("[global]\nerror_log = {}\n{conf}", log.display());
    std::fs::write(&path, text).unwrap();
    let out = Command::new(PHP_FPM)
        .arg("-t")
        .arg("-y")
        .arg(&path)
        .output()
        .expect("run php-fpm -t");
    let said = format!(
        "{}{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    (out.status.success(), said)
}

/// hoplint's php-fpm errors on the same file, told it is PHP 8.2 (the
/// temp dir's path names no release).
fn hoplint(dir: &Path) -> Vec<String> {
    let project = hoplint::check_with(
        &[dir.join("php-fpm.conf")],
        &Options {
            root: None,
            display_base: Some(dir.to_path_buf()),
            kind: None,
        },
        &hoplint::config::Config {
            php_version: Some(hoplint::values::release::Release(8, 2, 0)),
            ..Default::default()
        },
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "php-fpm-pool-invalid" || d.code == "php-fpm-syntax")
        .map(|d| d.message.clone())
        .collect()
}

/// Whether `php-fpm8.2` is absent (said; a failure under `CI=true`).
fn php_fpm_missing() -> bool {
    if Path::new(PHP_FPM).exists() {
        return false;
    }
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{PHP_FPM} missing"
    );
    println!("SKIPPED: {PHP_FPM} is not installed");
    true
}

fn as_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

#[test]
fn hoplint_refuses_what_php_fpm_82_refuses() {
    if php_fpm_missing() {
        return;
    }
    let as_root = as_root();
    let no_user = POOL.replace("user = www-data\n", "");
    // (config after [global]'s error_log, php-fpm's words when it refuses)
    let cases: Vec<(String, Option<&str>)> = vec![
        (POOL.to_string(), None),
        (
            format!("{POOL}access.suppress_path[] = /ping\naccess.suppress_path[] = /health\n"),
            None,
        ),
        (
            format!("{POOL}access.suppress_path[x] = /ping\n"),
            Some("Keys provided to field 'access.suppress_path' are ignored"),
        ),
        (
            format!("{POOL}access.suppress_path[] = ping\n"),
            Some("Values provided to field 'access.suppress_path' must begin with '/'"),
        ),
        (
            format!("log_limit = 64\n{POOL}"),
            Some("log_limit must be greater than 512"),
        ),
        (format!("log_limit = 4096\n{POOL}"), None),
        (
            no_user.clone(),
            as_root.then_some("[pool www] user has not been defined"),
        ),
    ];
    for (conf, refused) in cases {
        let dir = tempfile::tempdir().unwrap();
        let (ok, said) = php_fpm_t(dir.path(), &conf);
        let ours = hoplint(dir.path());
        eprintln!("{conf:?}: php-fpm ok={ok}; hoplint {ours:?}");
        match refused {
            None => {
                assert!(ok, "{conf}: php-fpm refused:\n{said}");
                assert_eq!(ours, Vec::<String>::new(), "{conf}");
            }
            Some(words) => {
                assert!(!ok, "{conf}: php-fpm accepted");
                assert!(said.contains(words), "{conf}: php-fpm said\n{said}");
                assert_eq!(ours.len(), 1, "{conf}: {ours:?}");
                assert!(ours[0].contains(words), "{conf}: {ours:?}");
            }
        }
    }
}

/// A value php-fpm 8.2 accepts for `key` under `-t`, in `dir`.
fn valid_value(key: &str, dir: &Path) -> String {
    let d = dir.display();
    match key {
        "prefix" | "chdir" | "chroot" => d.to_string(),
        "user" | "group" | "listen.owner" | "listen.group" | "listen.acl_users"
        | "listen.acl_groups" => "www-data".into(),
        "listen" => "127.0.0.1:19999".into(),
        "pm.status_listen" => "127.0.0.1:19998".into(),
        "listen.mode" => "0660".into(),
        "listen.allowed_clients" => "127.0.0.1".into(),
        "pm" => "static".into(),
        "pm.status_path" | "ping.path" => "/probe".into(),
        "ping.response" | "apparmor_hat" | "syslog.ident" => "php-fpm".into(),
        "access.log" | "slowlog" | "pid" | "error_log" => format!("{d}/{key}.log"),
        "access.format" => "%R - %u".into(),
        "security.limit_extensions" => ".php".into(),
        "syslog.facility" => "daemon".into(),
        "log_level" => "notice".into(),
        "log_limit" | "rlimit_files" => "1024".into(),
        "events.mechanism" => "epoll".into(),
        "catch_workers_output"
        | "decorate_workers_output"
        | "clear_env"
        | "process.dumpable"
        | "request_terminate_timeout_track_finished"
        | "log_buffering" => "yes".into(),
        "daemonize" => "no".into(),
        "pm.max_children"
        | "pm.max_spawn_rate"
        | "pm.start_servers"
        | "pm.min_spare_servers"
        | "pm.max_spare_servers" => "2".into(),
        _ => "0".into(),
    }
}

/// Makes `/run/php/<a…>.sock` 108 bytes long, one more than Linux's
/// `sun_path` holds.
const SUN_PATH_FILL: usize = 108 - "/run/php/.sock".len();

/// Every key of hoplint's table for Debian's php-fpm 8.2 is one the real
/// `php-fpm8.2 -t` accepts, and hoplint accepts it too; a key of another
/// build (FreeBSD's `listen.setfib`) or of no release is refused by both
/// in the same words.
#[test]
fn the_82_key_table_is_php_fpm_82s() {
    use hoplint::values::fpm_keys::{Fpm, PhpRelease};
    if php_fpm_missing() {
        return;
    }
    let debian = Fpm {
        release: Some(PhpRelease(8, 2)),
        absent: Fpm::absent_in(Some("Debian")),
    };
    let mut wrong = Vec::new();
    let mut run = |conf: String, refused: Option<String>| {
        let dir = tempfile::tempdir().unwrap();
        let conf = conf.replace("@DIR@", &dir.path().display().to_string());
        let (ok, said) = php_fpm_t(dir.path(), &conf);
        let ours = hoplint(dir.path());
        let agree = match &refused {
            None => ok && ours.is_empty(),
            Some(w) => {
                !ok && said.contains(w.as_str()) && ours.len() == 1 && ours[0].contains(w.as_str())
            }
        };
        if !agree {
            wrong.push(format!(
                "{conf}\nwant {refused:?}; php-fpm ok={ok}: {said}\nhoplint: {ours:?}\n"
            ));
        }
    };
    let pool = |key: &str, value: &str| {
        let lines: String = POOL
            .lines()
            .filter(|l| !l.starts_with(&format!("{key} =")))
            .map(|l| format!("{l}\n"))
            .collect();
        format!("{lines}{key} = {value}\n")
    };
    let dir_token = Path::new("@DIR@");
    for key in debian.pool_keys() {
        run(pool(key, &valid_value(key, dir_token)), None);
    }
    for key in debian.global_keys() {
        run(
            format!("{key} = {}\n{POOL}", valid_value(key, dir_token)),
            None,
        );
    }
    // 8.3's `-t` refuses a socket path `sun_path` cannot hold; 8.2's does not.
    run(
        format!(
            "{POOL}listen = /run/php/{}.sock\n",
            "a".repeat(SUN_PATH_FILL)
        ),
        None,
    );
    for key in [
        "listen.setfib",
        "pm.max_spawn_rates",
        "request_cpu_tracking",
    ] {
        run(pool(key, "1"), Some(format!("unknown entry '{key}'")));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// As root, `php-fpm8.2 -t` resolves the pool's accounts: an unknown
/// `user`, `group` or `listen.owner` stops it. hoplint judges them by the
/// checked root's `etc/passwd` and `etc/group`: here this machine's `/`,
/// which php-fpm reads too.
#[test]
fn unknown_accounts_are_refused_like_php_fpm_82() {
    if php_fpm_missing() {
        return;
    }
    if !as_root() {
        println!("SKIPPED: php-fpm resolves accounts only as root");
        return;
    }
    let sock = "listen = /run/hoplint-test.sock\n";
    let cases: Vec<(String, Option<&str>)> = vec![
        (
            POOL.replace("user = www-data", "user = hoplint-no-such-user"),
            Some("[pool www] cannot get uid for user 'hoplint-no-such-user'"),
        ),
        (
            POOL.replace("group = www-data", "group = hoplint-no-such-group"),
            Some("[pool www] cannot get gid for group 'hoplint-no-such-group'"),
        ),
        (
            format!("{POOL}{sock}listen.owner = hoplint-no-such-owner\n"),
            Some("[pool www] cannot get uid for user 'hoplint-no-such-owner'"),
        ),
        // listen.owner is looked up with an ACL set too; the ACL's own
        // names only when the socket is made, after `-t`.
        (
            format!(
                "{POOL}{sock}listen.acl_users = www-data\nlisten.owner = hoplint-no-such-owner\n"
            ),
            Some("[pool www] cannot get uid for user 'hoplint-no-such-owner'"),
        ),
        (
            format!("{POOL}{sock}listen.group = hoplint-no-such-group\n"),
            Some("[pool www] cannot get gid for group 'hoplint-no-such-group'"),
        ),
        (
            format!("{POOL}{sock}listen.acl_users = www-data,hoplint-no-such-acl\n"),
            None,
        ),
        (format!("{POOL}{sock}listen.owner = 33\n"), None),
    ];
    for (conf, refused) in cases {
        let dir = tempfile::tempdir().unwrap();
        let (ok, said) = php_fpm_t(dir.path(), &conf);
        let project = hoplint::check_with(
            &[dir.path().join("php-fpm.conf")],
            &Options {
                root: Some("/".into()),
                display_base: Some(dir.path().to_path_buf()),
                kind: None,
            },
            &hoplint::config::Config {
                php_version: Some(hoplint::values::release::Release(8, 2, 0)),
                ..Default::default()
            },
        );
        let ours: Vec<&str> = project
            .diagnostics
            .iter()
            .filter(|d| d.code == "php-fpm-pool-invalid")
            .map(|d| d.message.as_str())
            .collect();
        match refused {
            None => {
                assert!(ok, "{conf}: php-fpm refused:\n{said}");
                assert_eq!(ours, Vec::<&str>::new(), "{conf}");
            }
            Some(words) => {
                assert!(!ok, "{conf}: php-fpm accepted");
                assert!(said.contains(words), "{conf}: php-fpm said\n{said}");
                assert_eq!(ours.len(), 1, "{conf}: {ours:?}");
                assert!(ours[0].contains(words), "{conf}: {ours:?}");
            }
        }
    }
}
