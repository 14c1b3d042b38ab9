//! `apache-backend-missing` against the real servers: Apache proxying to a
//! socket or loopback port nothing listens on answers 503 with the log
//! lines the rule page quotes, and hoplint flags it; the fixed stack
//! answers 200 and hoplint is silent.

use crate::harness::{assert_log_line, free_port, Stack, APACHE, NGINX, PHP_FPM};
use crate::http::get;
use hoplint::diagnostic::Severity;
use hoplint::load::Options;

const CODE: &str = "apache-backend-missing";

fn hoplint_finds(s: &Stack) -> Vec<(Severity, String)> {
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
            .any(|f| f.kind == hoplint::source::Kind::Apache),
        "hoplint read no Apache config in {}",
        dir.display()
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == CODE)
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}

fn php_handler(sock: &str) -> String {
    format!(
        "<FilesMatch \\.php$>\nSetHandler \"proxy:unix:{sock}|fcgi://localhost\"\n</FilesMatch>\n"
    )
}

fn socket_pool(s: &mut Stack, name: &str) -> String {
    let sock = s.path(name).display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    sock
}

#[test]
fn sethandler_to_missing_socket_is_503_and_flagged() {
    let Some(mut s) = Stack::new("rule_apache_socket_missing", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    socket_pool(&mut s, "php8.2-fpm.sock");
    let old = s.path("php7.4-fpm.sock").display().to_string();
    let port = free_port();
    let log = s
        .apache("www-data", port, &php_handler(&old))
        .error_log
        .clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 503);
    assert_log_line(
        &log,
        &format!(
            "AH02454: FCGI: attempt to connect to Unix domain socket {old} (localhost:8000) failed"
        ),
    );
    assert_log_line(
        &log,
        "AH01079: failed to make connection to backend: localhost",
    );
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains(&old), "{found:?}");
    s.finish();
}

#[test]
fn sethandler_to_pool_socket_is_200_and_silent() {
    let Some(mut s) = Stack::new("rule_apache_socket_ok", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let sock = socket_pool(&mut s, "php8.2-fpm.sock");
    let port = free_port();
    s.apache("www-data", port, &php_handler(&sock));

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s), vec![]);
    s.finish();
}

fn fcgi_match(s: &Stack, port: u16) -> String {
    format!(
        "ProxyPassMatch ^/(.*\\.php)$ fcgi://127.0.0.1:{port}{}/$1\n",
        s.docroot().display()
    )
}

#[test]
fn fcgi_to_closed_port_is_503_and_flagged() {
    let Some(mut s) = Stack::new("rule_apache_fcgi_refused", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let fpm = free_port();
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n"));
    let closed = free_port();
    let port = free_port();
    let log = s
        .apache("www-data", port, &fcgi_match(&s, closed))
        .error_log
        .clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 503);
    assert_log_line(
        &log,
        &format!("(111)Connection refused: AH00957: FCGI: attempt to connect to 127.0.0.1:{closed} (127.0.0.1:{closed}) failed"),
    );
    assert_log_line(
        &log,
        "AH01079: failed to make connection to backend: 127.0.0.1",
    );
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(
        found[0].1.contains(&format!("127.0.0.1:{closed}")),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn fcgi_to_pool_port_is_200_and_silent() {
    let Some(mut s) = Stack::new("rule_apache_fcgi_ok", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let fpm = free_port();
    // A port-only pool answers 127.0.0.1 as well as [::1].
    s.php_fpm(&format!("listen = {fpm}\n"));
    let port = free_port();
    s.apache("www-data", port, &fcgi_match(&s, fpm));

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s), vec![]);
    s.finish();
}

/// Starts nginx answering `ok` on `[::1]:back` only (and on a second,
/// IPv4 port that the harness waits for).
fn ipv6_nginx(s: &mut Stack) -> Option<u16> {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        println!("SKIPPED: {}: no IPv6 loopback here", s.name);
        return None;
    }
    let back = free_port();
    let ready = free_port();
    s.nginx(
        "www-data www-data",
        &format!("server {{ listen [::1]:{back}; listen 127.0.0.1:{ready}; return 200 ok; }}\n"),
        ready,
    );
    Some(back)
}

/// nginx's `listen [::1]:P` does not answer Apache's `http://127.0.0.1:P`.
#[test]
fn http_to_other_family_is_503_and_warned() {
    let Some(mut s) = Stack::new("rule_apache_http_family", &[APACHE, NGINX]) else {
        return;
    };
    let Some(back) = ipv6_nginx(&mut s) else {
        return;
    };
    let port = free_port();
    let log = s
        .apache(
            "www-data",
            port,
            &format!("ProxyPass /app/ http://127.0.0.1:{back}/\n"),
        )
        .error_log
        .clone();

    assert_eq!(get(port, "/app/", "localhost").status, 503);
    assert_log_line(
        &log,
        &format!("(111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:{back} (127.0.0.1:{back}) failed"),
    );
    assert_log_line(
        &log,
        "AH01114: HTTP: failed to make connection to backend: 127.0.0.1",
    );
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    s.finish();
}

#[test]
fn http_to_same_family_is_200_and_silent() {
    let Some(mut s) = Stack::new("rule_apache_http_ok", &[APACHE, NGINX]) else {
        return;
    };
    let Some(back) = ipv6_nginx(&mut s) else {
        return;
    };
    let port = free_port();
    s.apache(
        "www-data",
        port,
        &format!("ProxyPass /app/ http://[::1]:{back}/\n"),
    );

    let r = get(port, "/app/", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s), vec![]);
    s.finish();
}
