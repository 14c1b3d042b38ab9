//! httpd worker parameters given by the worker's name, as the common
//! php-fpm setup writes them: PHP goes out through `SetHandler
//! "proxy:unix:…|fcgi://localhost"` and `<Proxy "fcgi://localhost">`
//! gives that worker its `timeout=`. The real httpd applies it to the
//! `SetHandler` hop (and not a `<Proxy>` naming another worker), so
//! hoplint takes httpd's wait from it, not from `Timeout`:
//! - `Timeout 60` with `ProxySet timeout=1`: a 3 s script is 504 after
//!   1 s, and hoplint flags the `ProxySet` line;
//! - `Timeout 1` with `ProxySet timeout=10` in front of a pool that ends
//!   scripts at 5 s: the 3 s script answers 200, and hoplint is silent
//!   (read from `Timeout` alone, it would say httpd gives up first);
//! - `<Proxy>` for another worker leaves `Timeout` in force.

use crate::harness::{assert_log_line, free_port, read_lossy, Stack, APACHE, PHP_FPM};
use crate::http::get;
use hoplint::diagnostic::Severity;
use std::time::{Duration, Instant};

const GIVES_UP: &str = "proxy-gives-up-first";

/// httpd with `main` in its main config and PHP sent to a unix-socket pool
/// (`pool` added) through `SetHandler`; `slow.php` sleeps 3 s. Returns the
/// stack, the status of `/slow.php` and how long it took.
fn slow_via_sethandler(name: &str, main: &str, pool: &str) -> Option<(Stack, u16, Duration)> {
    let mut s = Stack::new(name, &[APACHE, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n{pool}"
    ));
    let port = free_port();
    s.apache(
        "www-data",
        port,
        &format!(
            "{main}\n<FilesMatch \"\\.php$\">\nSetHandler \"proxy:unix:{sock}|fcgi://localhost\"\n</FilesMatch>\n"
        ),
    );
    let t = Instant::now();
    let status = get(port, "/slow.php", "localhost").status;
    Some((s, status, t.elapsed()))
}

#[test]
fn proxyset_timeout_below_the_script_is_504_and_flagged_at_its_line() {
    let Some((s, status, took)) = slow_via_sethandler(
        "worker_proxyset_short",
        "Timeout 60\n<Proxy \"fcgi://localhost\">\nProxySet timeout=1\n</Proxy>",
        "request_terminate_timeout = 10s\n",
    ) else {
        return;
    };
    let log = s.servers()[1].error_log.clone();
    assert_eq!(status, 504, "{}", read_lossy(&log));
    assert!(took < Duration::from_secs(3), "{took:?}");
    eprintln!("apache: {}", assert_log_line(&log, "AH01075"));
    let project = s.hoplint_check(&hoplint::config::Config::default(), false);
    let found: Vec<_> = project
        .diagnostics
        .iter()
        .filter(|d| d.code == GIVES_UP)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(
        found[0].message.contains("ProxySet `timeout=` 1s"),
        "{}",
        found[0].message
    );
    // The label sits on the `ProxySet` line, not on `Timeout 60`.
    let at = found[0].primary.as_ref().unwrap();
    let file = project.file(at.file);
    // Paths are shown relative to the stack's directory.
    let text = std::fs::read_to_string(s.path("").join(&file.path)).unwrap();
    assert_eq!(
        &text[at.range.start as usize..at.range.end as usize],
        "ProxySet timeout=1"
    );
    s.finish();
}

#[test]
fn proxyset_timeout_above_a_short_timeout_answers_200_and_is_silent() {
    let Some((s, status, _)) = slow_via_sethandler(
        "worker_proxyset_long",
        "Timeout 1\n<Proxy \"fcgi://localhost\">\nProxySet timeout=10\n</Proxy>",
        "request_terminate_timeout = 5s\nphp_admin_value[max_execution_time] = 4\n",
    ) else {
        return;
    };
    assert_eq!(status, 200, "{}", read_lossy(&s.servers()[1].error_log));
    assert_eq!(s.hoplint_findings(GIVES_UP, false), vec![]);
    s.finish();
}

#[test]
fn a_proxy_section_for_another_worker_leaves_timeout_in_force() {
    let Some((s, status, _)) = slow_via_sethandler(
        "worker_proxyset_other",
        "Timeout 1\n<Proxy \"fcgi://127.0.0.1:9\">\nProxySet timeout=10\n</Proxy>",
        "request_terminate_timeout = 5s\nphp_admin_value[max_execution_time] = 4\n",
    ) else {
        return;
    };
    assert_eq!(status, 504, "{}", read_lossy(&s.servers()[1].error_log));
    let found = s.hoplint_findings(GIVES_UP, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("`Timeout` 1s"), "{}", found[0].1);
    s.finish();
}
