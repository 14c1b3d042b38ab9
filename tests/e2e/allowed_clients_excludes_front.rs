//! `allowed-clients-excludes-front` against the real servers: a pool whose
//! `listen.allowed_clients` leaves out 127.0.0.1 (here by a space after the
//! comma) drops nginx's connections, nginx answers 502, and hoplint flags
//! it; the same list without the space answers 200 and hoplint is silent.

use crate::harness::{
    assert_log_line, free_port, nginx_php_server, read_lossy, wait_until, Stack, NGINX, PHP_FPM,
};
use crate::http::get;
use hoplint::diagnostic::Severity;
use std::time::Duration;

const CODE: &str = "allowed-clients-excludes-front";

fn hoplint_finds(s: &Stack) -> Vec<(Severity, String)> {
    s.hoplint_findings(CODE, false)
}

/// A stack with one TCP pool on 127.0.0.1 letting in `allowed`, and nginx
/// passing PHP to it; returns the stack and nginx's port.
fn stack(name: &str, allowed: &str) -> Option<(Stack, u16)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    s.script("ok.php", "<?php echo 'ok';");
    let fpm = free_port();
    s.php_fpm(&format!(
        "listen.allowed_clients = {allowed}\nlisten = 127.0.0.1:{fpm}\n"
    ));
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("127.0.0.1:{fpm}"));
    s.nginx("www-data www-data", &server, port);
    Some((s, port))
}

#[test]
fn list_without_the_front_is_502_and_flagged() {
    let Some((s, port)) = stack("rule_allowed_clients", "10.0.0.5, 127.0.0.1") else {
        return;
    };
    let fpm_log = s.servers()[0].error_log.clone();
    let nginx_log = s.servers()[1].error_log.clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    // The worker closes the connection unread; nginx sees a reset or an
    // early close, depending on timing.
    let mut line = String::new();
    wait_until(Duration::from_secs(3), || {
        line = read_lossy(&nginx_log)
            .lines()
            .find(|l| {
                l.contains("recv() failed (104: Connection reset by peer) while reading response header from upstream")
                    || l.contains("upstream prematurely closed connection while reading response header from upstream")
            })
            .unwrap_or_default()
            .to_string();
        !line.is_empty()
    });
    assert!(!line.is_empty(), "{}", read_lossy(&nginx_log));
    // The harness's pool sets `catch_workers_output = yes`.
    assert_log_line(
        &fpm_log,
        "ERROR: Wrong IP address ' 127.0.0.1' in listen.allowed_clients",
    );
    assert_log_line(
        &fpm_log,
        "ERROR: Connection disallowed: IP address '127.0.0.1' has been dropped.",
    );

    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains("from `127.0.0.1`"), "{found:?}");
    s.finish();
}

#[test]
fn list_with_the_front_is_200_and_silent() {
    let Some((s, port)) = stack("rule_allowed_clients_ok", "10.0.0.5,127.0.0.1") else {
        return;
    };
    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s), vec![]);
    s.finish();
}
