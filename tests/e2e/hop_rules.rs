//! The hop rules against the real servers: the stack each rule page shows
//! as failing answers 502 with the error-log line the page quotes, and
//! hoplint flags the same config files; the fixed stack answers 200 and
//! hoplint is silent.

use crate::harness::{assert_log_line, free_port, nginx_php_server, Stack, NGINX, PHP_FPM};
use crate::http::get;
use hoplint::diagnostic::Severity;
use hoplint::load::Options;

/// hoplint's findings of rule `code` on the configs the stack wrote.
fn hoplint_finds(s: &Stack, code: &str) -> Vec<(Severity, String)> {
    let dir = s.path("");
    let project = hoplint::check(
        std::slice::from_ref(&dir),
        &Options {
            root: None,
            display_base: Some(dir.clone()),
            kind: None,
        },
    );
    assert!(
        project
            .files
            .iter()
            .any(|f| f.kind == hoplint::source::Kind::PhpFpm),
        "hoplint read no php-fpm config in {}: {:?}",
        dir.display(),
        project.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}

fn ok_script(s: &Stack) {
    s.script("ok.php", "<?php echo 'ok';");
}

fn socket_pool(s: &mut Stack, name: &str) -> String {
    let sock = s.path(name).display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    sock
}

#[test]
fn unix_socket_missing_is_502_and_flagged() {
    let Some(mut s) = Stack::new("rule_unix_socket_missing", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    socket_pool(&mut s, "php8.2-fpm.sock");
    let old = s.path("php7.4-fpm.sock").display().to_string();
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{old}"));
    let log = s
        .nginx("www-data www-data", &server, port)
        .error_log
        .clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    assert_log_line(
        &log,
        &format!("connect() to unix:{old} failed (2: No such file or directory) while connecting to upstream"),
    );
    let found = hoplint_finds(&s, "unix-socket-missing");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains(&old), "{found:?}");
    s.finish();
}

#[test]
fn unix_socket_present_is_200_and_silent() {
    let Some(mut s) = Stack::new("rule_unix_socket_ok", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let sock = socket_pool(&mut s, "php8.2-fpm.sock");
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{sock}"));
    s.nginx("www-data www-data", &server, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s, "unix-socket-missing"), vec![]);
    s.finish();
}

#[test]
fn tcp_port_refused_is_502_and_flagged() {
    let Some(mut s) = Stack::new("rule_tcp_refused", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let fpm = free_port();
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n"));
    let closed = free_port();
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("127.0.0.1:{closed}"));
    let log = s
        .nginx("www-data www-data", &server, port)
        .error_log
        .clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    assert_log_line(
        &log,
        "connect() failed (111: Connection refused) while connecting to upstream",
    );
    let found = hoplint_finds(&s, "tcp-port-refused");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(
        found[0].1.contains(&format!("127.0.0.1:{closed}")),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn tcp_port_only_pool_is_200_and_silent() {
    let Some(mut s) = Stack::new("rule_tcp_ok", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let fpm = free_port();
    s.php_fpm(&format!("listen = {fpm}\n"));
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("127.0.0.1:{fpm}"));
    s.nginx("www-data www-data", &server, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s, "tcp-port-refused"), vec![]);
    s.finish();
}

/// The address family split: a pool on 127.0.0.1 does not answer `[::1]`.
#[test]
fn ipv4_pool_refuses_ipv6_target_and_is_flagged() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        println!("SKIPPED: ipv4_pool_refuses_ipv6_target: no IPv6 loopback here");
        return;
    }
    let Some(mut s) = Stack::new("rule_tcp_family", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let fpm = free_port();
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n"));
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("[::1]:{fpm}"));
    let log = s
        .nginx("www-data www-data", &server, port)
        .error_log
        .clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    assert_log_line(
        &log,
        "connect() failed (111: Connection refused) while connecting to upstream",
    );
    let found = hoplint_finds(&s, "tcp-port-refused");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains(&format!("[::1]:{fpm}")), "{found:?}");
    s.finish();
}
