//! `php-fpm-pool-invalid` by PHP release and build: the release comes
//! from `[versions] php` (or `--php-version`), else from the layout's
//! paths (`/etc/php/8.0/`, `/etc/php81/`, `/etc/opt/remi/php80/`); the
//! build from the layout. The keys are those of each release's
//! `fpm_conf.c` (`rules/php-fpm-pool-invalid.md` cites them); 8.2's are
//! also run through the real `php-fpm8.2 -t` in `distro_php_fpm_t.rs`.

use crate::common;
use hoplint::config::Config;
use hoplint::values::release::Release;

const GLOBAL: &str =
    "[global]\nerror_log = /var/log/fpm.log\ninclude = /etc/php/X/fpm/pool.d/*.conf\n";
const POOL: &str =
    "[www]\nuser = www-data\ngroup = www-data\nlisten = 127.0.0.1:9000\npm = dynamic\npm.max_children = 5\npm.min_spare_servers = 1\npm.max_spare_servers = 3\n";

/// The php-fpm-pool-invalid messages (with their help) for a main config
/// at `master` whose pool, `www.conf` in `pool_dir` (or the file
/// `pool_dir` names), holds `extra`, under `config`.
fn refused(master: &str, pool_dir: &str, extra: &str, config: &Config) -> Vec<String> {
    let (pool_dir, pool_file) = match pool_dir.rsplit_once('/') {
        Some((dir, file)) if file.ends_with(".conf") => (dir, file),
        _ => (pool_dir, "www.conf"),
    };
    let global = GLOBAL.replace("/etc/php/X/fpm/pool.d", &format!("/{pool_dir}"));
    let (_dir, project) = common::check_tree_with(
        &[
            (master.to_string(), global),
            (format!("{pool_dir}/{pool_file}"), format!("{POOL}{extra}")),
        ],
        config,
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "php-fpm-pool-invalid" || d.code == "php-fpm-syntax")
        .map(|d| format!("{} {}", d.message, d.help.as_deref().unwrap_or("")))
        .collect()
}

/// A later `listen` overrides the pool's TCP one: a unix socket path of
/// 108 bytes, one more than Linux's `sun_path` holds.
const LONG_SOCKET: &str = "listen = /run/php/a-socket-path-longer-than-sun-path-can-hold/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock\n";

#[test]
fn each_release_refuses_the_keys_it_lacks() {
    let none = Config::default();
    // (master, its pool dir, pool lines, what php-fpm says, or None)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        // Debian, by the version directory.
        ("etc/php/8.0/fpm/php-fpm.conf", "etc/php/8.0/fpm/pool.d", "pm.max_spawn_rate = 16\n", Some("unknown entry 'pm.max_spawn_rate'")),
        ("etc/php/8.1/fpm/php-fpm.conf", "etc/php/8.1/fpm/pool.d", "pm.max_spawn_rate = 16\n", None),
        ("etc/php/7.4/fpm/php-fpm.conf", "etc/php/7.4/fpm/pool.d", "pm.status_listen = 127.0.0.1:9001\n", Some("unknown entry 'pm.status_listen'")),
        ("etc/php/8.0/fpm/php-fpm.conf", "etc/php/8.0/fpm/pool.d", "pm.status_listen = 127.0.0.1:9001\n", None),
        // 7.4 to 8.1 test an array's key before its name (their
        // `fpm_conf_ini_parser_array()`): `[]` is a misspelt array.
        ("etc/php/8.1/fpm/php-fpm.conf", "etc/php/8.1/fpm/pool.d", "access.suppress_path[] = /ping\n", Some("Misspelled  array ?")),
        ("etc/php/7.4/fpm/php-fpm.conf", "etc/php/7.4/fpm/pool.d", "access.suppress_path[a] = /ping\n", Some("unknown directive 'access.suppress_path'")),
        ("etc/php/8.2/fpm/php-fpm.conf", "etc/php/8.2/fpm/pool.d", "access.suppress_path[a] = /ping\n", Some("Keys provided to field 'access.suppress_path' are ignored")),
        ("etc/php/8.3/fpm/php-fpm.conf", "etc/php/8.3/fpm/pool.d", "access.suppress_path[] = /ping\n", None),
        ("etc/php/8.4/fpm/php-fpm.conf", "etc/php/8.4/fpm/pool.d", "access.suppress_path[] = ping\n", Some("Values provided to field 'access.suppress_path' must begin with '/'")),
        // 8.0 has no spawn-rate check: a zero it does not know is the
        // unknown key, not "must be a positive value".
        ("etc/php/8.0/fpm/php-fpm.conf", "etc/php/8.0/fpm/pool.d", "pm.max_spawn_rate = 0\n", Some("unknown entry 'pm.max_spawn_rate'")),
        ("etc/php/8.2/fpm/php-fpm.conf", "etc/php/8.2/fpm/pool.d", "pm.max_spawn_rate = 0\n", Some("[pool www] pm.max_spawn_rate must be a positive value")),
        // Keys every supported release reads.
        ("etc/php/7.4/fpm/php-fpm.conf", "etc/php/7.4/fpm/pool.d", "process.dumpable = yes\ndecorate_workers_output = no\nrequest_terminate_timeout_track_finished = yes\n", None),
        // Debian builds with AppArmor and without FreeBSD's setfib.
        ("etc/php/8.2/fpm/php-fpm.conf", "etc/php/8.2/fpm/pool.d", "apparmor_hat = php\n", None),
        ("etc/php/8.2/fpm/php-fpm.conf", "etc/php/8.2/fpm/pool.d", "listen.setfib = 1\n", Some("unknown entry 'listen.setfib'")),
        // Alpine: the release in the directory's name; ACL but no AppArmor.
        ("etc/php80/php-fpm.conf", "etc/php80/php-fpm.d", "pm.max_spawn_rate = 16\n", Some("unknown entry 'pm.max_spawn_rate'")),
        ("etc/php82/php-fpm.conf", "etc/php82/php-fpm.d", "listen.acl_users = nginx\n", None),
        ("etc/php82/php-fpm.conf", "etc/php82/php-fpm.d", "apparmor_hat = php\n", Some("unknown entry 'apparmor_hat'")),
        // Remi's versioned layout.
        ("etc/opt/remi/php80/php-fpm.conf", "etc/opt/remi/php80/php-fpm.d", "pm.max_spawn_rate = 16\n", Some("unknown entry 'pm.max_spawn_rate'")),
        // The official image (told by its `docker.conf`) lacks ACL support.
        ("usr/local/etc/php-fpm.conf", "usr/local/etc/php-fpm.d/docker.conf", "listen.acl_users = nginx\n", Some("unknown entry 'listen.acl_users'")),
        // 8.3's `-t` refuses a socket path `sun_path` cannot hold; 8.2's
        // accepts it (and binds a cut path).
        ("etc/php/8.3/fpm/php-fpm.conf", "etc/php/8.3/fpm/pool.d", LONG_SOCKET, Some("[pool www] cannot bind to UNIX socket '/run/php/a-socket-path-longer-than-sun-path-can-hold/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock' as path is too long (found length: 108, maximal length: 108)")),
        ("etc/php/8.2/fpm/php-fpm.conf", "etc/php/8.2/fpm/pool.d", LONG_SOCKET, None),
        // The path is measured after `$pool` is expanded; a `:` makes it a
        // TCP address to php-fpm, never checked as a path.
        ("etc/php/8.4/fpm/php-fpm.conf", "etc/php/8.4/fpm/pool.d", "listen = /run/php/a-socket-path-longer-than-sun-path-can-hold/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-$pool\n", Some("[pool www] cannot bind to UNIX socket '/run/php/a-socket-path-longer-than-sun-path-can-hold/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-www' as path is too long (found length: 108, maximal length: 108)")),
        ("etc/php/8.3/fpm/php-fpm.conf", "etc/php/8.3/fpm/pool.d", "listen = /run/php/a-socket-path-longer-than-sun-path-can-hold/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:9000\n", None),
        // `-t` looks at the socket path only once every check of
        // `fpm_conf_process_all_pools()` passed: `pm.max_children = 0` is
        // refused first.
        ("etc/php/8.3/fpm/php-fpm.conf", "etc/php/8.3/fpm/pool.d", &format!("pm.max_children = 0\n{LONG_SOCKET}"), Some("[pool www] pm.max_children must be a positive value")),
        // Releases without a table are judged by every supported one's keys.
        ("etc/php/7.0/fpm/php-fpm.conf", "etc/php/7.0/fpm/pool.d", "pm.max_spawn_rate = 16\n", None),
        ("etc/php/8.5/fpm/php-fpm.conf", "etc/php/8.5/fpm/pool.d", "access.suppress_path[] = /ping\n", None),
        ("etc/php/7.0/fpm/php-fpm.conf", "etc/php/7.0/fpm/pool.d", "pm.max_spawn_rates = 16\n", Some("unknown entry 'pm.max_spawn_rates'")),
        // Fedora: no release in the paths, so every release's keys pass.
        ("etc/php-fpm.conf", "etc/php-fpm.d", "pm.max_spawn_rate = 16\naccess.suppress_path[] = /ping\n", None),
        ("etc/php-fpm.conf", "etc/php-fpm.d", "apparmor_hat = php\n", Some("unknown entry 'apparmor_hat'")),
    ];
    let mut wrong = Vec::new();
    for (master, pool_dir, extra, want) in cases {
        let got = refused(master, pool_dir, extra, &none);
        let ok = match want {
            None => got.is_empty(),
            Some(w) => got.len() == 1 && got[0].contains(&format!("(`{w}`)")),
        };
        if !ok {
            wrong.push(format!("{master} + {extra:?}: want {want:?}, got {got:#?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_declared_release_wins_over_the_layout_and_is_named() {
    let declared = Config {
        php_version: Some(Release(8, 0, 0)),
        ..Config::default()
    };
    let got = refused(
        "etc/php-fpm.conf",
        "etc/php-fpm.d",
        "pm.max_spawn_rate = 16\n",
        &declared,
    );
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].contains("PHP 8.1 on; this php-fpm is PHP 8.0, as declared"),
        "{}",
        got[0]
    );
    let from_path = refused(
        "etc/php/8.0/fpm/php-fpm.conf",
        "etc/php/8.0/fpm/pool.d",
        "pm.max_spawn_rate = 16\n",
        &Config::default(),
    );
    assert!(
        from_path[0].contains("PHP 8.0, named by the layout's `/etc/php/8.0/fpm/php.ini`"),
        "{}",
        from_path[0]
    );
    let newer = Config {
        php_version: Some(Release(8, 3, 0)),
        ..Config::default()
    };
    assert_eq!(
        refused(
            "etc/php/8.0/fpm/php-fpm.conf",
            "etc/php/8.0/fpm/pool.d",
            "pm.max_spawn_rate = 16\n",
            &newer
        ),
        Vec::<String>::new()
    );
}
