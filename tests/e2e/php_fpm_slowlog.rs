//! php-fpm's slow log against its other limits, on the real servers:
//! - `request_slowlog_timeout` above `request_terminate_timeout`, or set
//!   without `slowlog`: `php-fpm8.2 -t` refuses the pool with the words
//!   `php-fpm-pool-invalid` quotes (so no running stack can "kill before
//!   logging": php-fpm does not start);
//! - equal values: the slow-log check runs first, so php-fpm logs
//!   `executing too slow` and then kills the worker at a later heartbeat;
//! - nginx giving up first (504) does not stop PHP, so the slow log still
//!   records the request nginx has already answered.
//!
//! hoplint is silent on both running stacks.

use crate::harness::{
    assert_log_line, free_port, nginx_php_location, read_lossy, wait_until, Stack, NGINX, PHP_FPM,
};
use crate::http::get;
use hoplint::diagnostic::Severity;
use std::time::Duration;

const INVALID: &str = "php-fpm-pool-invalid";

/// Runs `php-fpm8.2 -t` on a master holding one pool with `keys`;
/// (accepted, output). Named `php-fpm.conf` so that hoplint reads it as
/// the file php-fpm is started with, whose pools are complete.
fn fpm_test(s: &Stack, keys: &str) -> (bool, String) {
    s.php_fpm_t(
        "php-fpm",
        &format!(
            "[www]\nuser = www-data\ngroup = www-data\nlisten = {}\npm = static\npm.max_children = 2\n{keys}\n",
            s.path("www.sock").display()
        ),
    )
}

/// `php-fpm -t` refuses `keys` with `said`, and hoplint quotes it once.
fn refused_and_flagged(name: &str, keys: &str, said: &str) {
    let Some(s) = Stack::new(name, &[PHP_FPM]) else {
        return;
    };
    let keys = keys.replace("SLOWLOG", &s.path("slow.log").display().to_string());
    let (ok, out) = fpm_test(&s, &keys);
    assert!(!ok, "{out}");
    assert!(out.contains(&format!("ERROR: {said}")), "{out}");
    eprintln!("php-fpm -t: {}", out.lines().next().unwrap_or_default());
    let found = s.hoplint_findings(INVALID, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains(&format!("`{said}`")), "{found:?}");
    s.finish();
}

#[test]
fn a_slowlog_timeout_above_the_terminate_timeout_is_refused() {
    refused_and_flagged(
        "slowlog_above_terminate",
        "slowlog = SLOWLOG\nrequest_slowlog_timeout = 5s\nrequest_terminate_timeout = 2s",
        "[pool www] 'request_slowlog_timeout' (5) can't be greater than 'request_terminate_timeout' (2)",
    );
}

#[test]
fn a_slowlog_timeout_without_slowlog_is_refused() {
    refused_and_flagged(
        "slowlog_missing",
        "request_slowlog_timeout = 5s",
        "[pool www] 'slowlog' must be specified for use with 'request_slowlog_timeout'",
    );
}

/// nginx in front of one TCP pool with `pool` keys (`SLOWLOG` replaced by
/// the slow log's path) and `location` in the PHP location; `slow.php`
/// sleeps 3 s.
fn stack(name: &str, location: &str, pool: &str) -> Option<(Stack, u16)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    let fpm = free_port();
    let slowlog = s.path("slow.log").display().to_string();
    s.php_fpm(&format!(
        "listen = 127.0.0.1:{fpm}\n{}\n",
        pool.replace("SLOWLOG", &slowlog)
    ));
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

/// Index of the first line of `log` holding `needle`.
fn line_no(log: &str, needle: &str) -> Option<usize> {
    log.lines().position(|l| l.contains(needle))
}

#[test]
fn equal_timeouts_log_the_slow_request_before_the_kill() {
    let Some((s, port)) = stack(
        "slowlog_equal",
        "",
        "slowlog = SLOWLOG\nrequest_slowlog_timeout = 1s\nrequest_terminate_timeout = 1s",
    ) else {
        return;
    };
    let fpm_log = s.servers()[0].error_log.clone();
    assert_eq!(get(port, "/slow.php", "localhost").status, 502);
    let slow = assert_log_line(&fpm_log, "executing too slow (");
    let killed = assert_log_line(&fpm_log, "execution timed out (");
    eprintln!("php-fpm: {slow}\nphp-fpm: {killed}");
    assert!(slow.contains("logging"), "{slow}");
    let log = read_lossy(&fpm_log);
    assert!(
        line_no(&log, "executing too slow (") < line_no(&log, "execution timed out ("),
        "{log}"
    );
    let trace = read_lossy(&s.path("slow.log"));
    eprintln!("slow.log ({} bytes):\n{trace}", trace.len());
    assert_eq!(s.hoplint_findings(INVALID, false), vec![]);
    s.finish();
}

#[test]
fn the_slow_log_records_what_nginx_gave_up_on() {
    // nginx waits 1 s; the slow log fires at 2 s; the script ends at 3 s.
    let Some((s, port)) = stack(
        "slowlog_after_504",
        "fastcgi_read_timeout 1s",
        "slowlog = SLOWLOG\nrequest_slowlog_timeout = 2s",
    ) else {
        return;
    };
    let fpm_log = s.servers()[0].error_log.clone();
    assert_eq!(get(port, "/slow.php", "localhost").status, 504);
    let slow = assert_log_line(&fpm_log, "executing too slow (");
    eprintln!("php-fpm: {slow}");
    // The worker is not killed: it finishes the script.
    assert!(
        !wait_until(Duration::from_secs(3), || read_lossy(&fpm_log)
            .contains("execution timed out")),
        "{}",
        read_lossy(&fpm_log)
    );
    assert_eq!(s.hoplint_findings(INVALID, false), vec![]);
    s.finish();
}
