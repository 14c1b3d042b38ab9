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

/// hoplint's php-fpm errors on the same file.
fn hoplint(dir: &Path) -> Vec<String> {
    let project = hoplint::check(
        &[dir.join("php-fpm.conf")],
        &Options {
            root: None,
            display_base: Some(dir.to_path_buf()),
            kind: None,
        },
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "php-fpm-pool-invalid" || d.code == "php-fpm-syntax")
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn hoplint_refuses_what_php_fpm_82_refuses() {
    if !Path::new(PHP_FPM).exists() {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "{PHP_FPM} missing"
        );
        println!("SKIPPED: {PHP_FPM} is not installed");
        return;
    }
    let as_root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
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
