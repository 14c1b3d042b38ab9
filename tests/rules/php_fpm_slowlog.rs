//! `request_slowlog_timeout` against `request_terminate_timeout`. php-fpm
//! 8.2 refuses a slow-log timeout above the pool's terminate timeout, and
//! one without a `slowlog` file (`fpm_conf_process_all_pools()`), so both
//! are `php-fpm-pool-invalid` errors; equal values start and log (the
//! slow-log check of `fpm_request_check_timed_out()` runs before the kill),
//! so no separate "slow log too late" warning exists: nothing is left
//! between "refused" and "logged".

use crate::common;

use hoplint::diagnostic::Severity;

const INVALID: &str = "php-fpm-pool-invalid";
const FPM: &str = "etc/php/8.2/fpm/php-fpm.conf";
const POOL: &str = "etc/php/8.2/fpm/pool.d/www.conf";

type Found = Vec<(Severity, String, Vec<String>, String)>;

/// (severity, primary file:line, secondary file:lines, quoted php-fpm
/// message) of every `php-fpm-pool-invalid` finding.
fn found(files: &[(&str, &str)]) -> Found {
    let (dir, project) = common::check_tree(files);
    let place = |l: &hoplint::diagnostic::Label| common::place(&project, dir.path(), l);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == INVALID)
        .map(|d| {
            (
                d.severity,
                place(d.primary.as_ref().unwrap()),
                d.secondary.iter().map(place).collect(),
                d.message.split('`').nth(1).unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A complete master with one static pool; `keys` from line 7 of www.conf.
fn pool(keys: &str) -> Found {
    let body = format!(
        "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\npm = static\npm.max_children = 5\n{keys}"
    );
    found(&[
        (FPM, "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n"),
        (POOL, &body),
    ])
}

fn error(at: &str, also: &[&str], said: &str) -> Found {
    vec![(
        Severity::Error,
        format!("{POOL}:{at}"),
        also.iter().map(|l| format!("{POOL}:{l}")).collect(),
        said.to_string(),
    )]
}

#[test]
fn a_slowlog_timeout_above_the_terminate_timeout_is_refused() {
    assert_eq!(
        pool("slowlog = /var/log/slow.log\nrequest_slowlog_timeout = 5s\nrequest_terminate_timeout = 2s\n"),
        error(
            "8",
            &["9"],
            "[pool www] 'request_slowlog_timeout' (5) can't be greater than 'request_terminate_timeout' (2)"
        )
    );
    // php-fpm compares the seconds it stored: `1m` is 60, `90` is 90.
    assert_eq!(
        pool("slowlog = /var/log/slow.log\nrequest_terminate_timeout = 90\nrequest_slowlog_timeout = 2m\n"),
        error(
            "9",
            &["8"],
            "[pool www] 'request_slowlog_timeout' (120) can't be greater than 'request_terminate_timeout' (90)"
        )
    );
}

#[test]
fn equal_lower_or_unbounded_slowlog_timeouts_are_accepted() {
    let ok = |keys: &str| assert_eq!(pool(keys), vec![], "{keys}");
    // Equal: the slow-log branch runs first and records the trace.
    ok("slowlog = /var/log/slow.log\nrequest_slowlog_timeout = 1m\nrequest_terminate_timeout = 60s\n");
    ok("slowlog = /var/log/slow.log\nrequest_slowlog_timeout = 5\nrequest_terminate_timeout = 30\n");
    // No terminate timeout (0 or unset): nothing to be greater than.
    ok("slowlog = /var/log/slow.log\nrequest_slowlog_timeout = 5m\nrequest_terminate_timeout = 0\n");
    ok("slowlog = /var/log/slow.log\nrequest_slowlog_timeout = 5m\n");
    // Slow log off: neither check applies.
    ok("request_slowlog_timeout = 0s\nrequest_terminate_timeout = 2s\n");
    ok("request_terminate_timeout = 2s\n");
    // Values from the environment are not judged.
    ok("slowlog = /var/log/slow.log\nrequest_slowlog_timeout = ${SLOW}\nrequest_terminate_timeout = 2s\n");
    ok("slowlog = ${SLOWLOG}\nrequest_slowlog_timeout = 5s\n");
}

#[test]
fn a_slowlog_timeout_without_a_slowlog_file_is_refused() {
    let said = "[pool www] 'slowlog' must be specified for use with 'request_slowlog_timeout'";
    assert_eq!(
        pool("request_slowlog_timeout = 5s\n"),
        error("7", &[], said)
    );
    // An empty value is no file either.
    assert_eq!(
        pool("slowlog =\nrequest_slowlog_timeout = 5s\n"),
        error("8", &["7"], said)
    );
    // php-fpm stops at the first check: the missing file, not the order.
    assert_eq!(
        pool("request_slowlog_timeout = 5s\nrequest_terminate_timeout = 2s\n"),
        error("7", &[], said)
    );
}

#[test]
fn a_pool_file_read_alone_is_judged_only_on_what_it_writes() {
    // `slowlog` may be set by the file that includes this one.
    let alone = |body: &str| found(&[(POOL, body)]);
    assert_eq!(
        alone("[www]\nlisten = /run/php/x.sock\npm = static\npm.max_children = 5\nrequest_slowlog_timeout = 5s\n"),
        vec![]
    );
    // Both timeouts written here: the comparison holds wherever `slowlog` is.
    assert_eq!(
        alone("[www]\nrequest_slowlog_timeout = 30\nrequest_terminate_timeout = 20\n"),
        error(
            "2",
            &["3"],
            "[pool www] 'request_slowlog_timeout' (30) can't be greater than 'request_terminate_timeout' (20)"
        )
    );
}

#[test]
fn process_manager_errors_come_first() {
    // php-fpm checks the process manager before the slow log.
    let body = "[www]\nuser = www-data\nlisten = /run/php/x.sock\npm = static\npm.max_children = 0\nrequest_slowlog_timeout = 5s\n";
    let got = found(&[
        (FPM, "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n"),
        (POOL, body),
    ]);
    assert_eq!(
        got,
        error(
            "5",
            &[],
            "[pool www] pm.max_children must be a positive value"
        )
    );
}
