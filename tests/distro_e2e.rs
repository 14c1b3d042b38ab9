//! End-to-end proofs for the distribution work (issue 10), on the real
//! servers started by the e2e harness (Debian 12's nginx, php8.2-fpm and
//! apache2; run as root, in a private network namespace:
//! `bash tests/e2e/run-in-netns.sh cargo test --test distro_e2e`).
//!
//! - PHP's defaults where no php.ini is checked: php-fpm run without one
//!   still gives 504 behind a short `fastcgi_read_timeout` and 502 under a
//!   short `request_terminate_timeout`, and hoplint flags both.

#[allow(dead_code)]
#[path = "e2e/harness.rs"]
mod harness;
#[allow(dead_code)]
#[path = "e2e/http.rs"]
mod http;

use harness::{free_port, nginx_php_location, read_lossy, wait_until, Stack, NGINX, PHP_FPM};
use hoplint::diagnostic::Severity;
use http::get;
use std::time::Duration;

/// nginx in front of one TCP pool that sets no PHP limit, php-fpm started
/// with an empty ini (`-c`, as the harness does: every PHP setting at its
/// compiled-in default) and no php.ini among the files hoplint reads.
fn no_php_ini_stack(name: &str, location: &str, pool: &str) -> Option<(Stack, u16)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    let fpm = free_port();
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n{pool}\n"));
    let port = free_port();
    let pass = if location.is_empty() {
        format!("127.0.0.1:{fpm}")
    } else {
        format!("127.0.0.1:{fpm};\n{location}")
    };
    let server = format!(
        "server {{\nlisten 127.0.0.1:{port};\nroot {};\n{}}}\n",
        s.docroot().display(),
        nginx_php_location(&pass)
    );
    s.nginx("www-data www-data", &server, port);
    Some((s, port))
}

fn assumed(found: &[(Severity, String)]) {
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(
        found[0].1.contains("since no php.ini was checked"),
        "{}",
        found[0].1
    );
}

#[test]
fn without_php_ini_a_short_read_timeout_is_504_and_flagged() {
    let Some((s, port)) = no_php_ini_stack("distro_no_ini_504", "fastcgi_read_timeout 1s", "")
    else {
        return;
    };
    assert!(s
        .hoplint_check(&Default::default(), false)
        .files
        .iter()
        .all(|f| f.path.file_name().is_none_or(|n| n != "php.ini")));
    let r = get(port, "/slow.php", "localhost");
    assert_eq!(r.status, 504, "{r:?}");
    let log = s.servers()[1].error_log.clone();
    assert!(wait_until(Duration::from_secs(3), || {
        read_lossy(&log)
        .contains("upstream timed out (110: Connection timed out) while reading response header from upstream")
    }));
    assumed(&s.hoplint_findings("proxy-gives-up-first", false));
    s.finish();
}

#[test]
fn without_php_ini_a_short_request_terminate_timeout_is_502_and_flagged() {
    let Some((s, port)) =
        no_php_ini_stack("distro_no_ini_502", "", "request_terminate_timeout = 1s")
    else {
        return;
    };
    let r = get(port, "/slow.php", "localhost");
    assert_eq!(r.status, 502, "{r:?}");
    let fpm_log = s.servers()[0].error_log.clone();
    assert!(wait_until(Duration::from_secs(3), || read_lossy(&fpm_log)
        .contains("execution timed out (")));
    assumed(&s.hoplint_findings("fpm-kills-before-php-limit", false));
    s.finish();
}
