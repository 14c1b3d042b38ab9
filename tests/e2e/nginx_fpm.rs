//! nginx → php-fpm over FastCGI: the working hop and the ways it breaks.

use crate::harness::{assert_log_line, free_port, nginx_php_server, Stack, NGINX, PHP_FPM};
use crate::http::{get, send, send_concurrent, Request};

/// A pool on a unix socket in the stack dir that the nginx workers
/// (`www-data`) may connect to, with a script that prints `ok`.
fn pool_for_www_data(s: &mut Stack) -> String {
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    s.script("ok.php", "<?php echo 'ok';");
    sock
}

#[test]
fn unix_socket_pool_answers_200() {
    let Some(mut s) = Stack::new("unix_socket_ok", &[NGINX, PHP_FPM]) else {
        return;
    };
    let sock = pool_for_www_data(&mut s);
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{sock}"));
    s.nginx("www-data www-data", &server, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    s.finish();
}

#[test]
fn socket_no_pool_creates_is_502_enoent() {
    let Some(mut s) = Stack::new("socket_enoent", &[NGINX, PHP_FPM]) else {
        return;
    };
    pool_for_www_data(&mut s);
    let missing = s.path("php7.4-fpm.sock");
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{}", missing.display()));
    let log = s
        .nginx("www-data www-data", &server, port)
        .error_log
        .clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    let line = assert_log_line(
        &log,
        "(2: No such file or directory) while connecting to upstream",
    );
    assert!(line.contains("[crit]"), "{line}");
    assert!(
        line.contains(&format!("unix:{}", missing.display())),
        "{line}"
    );
    s.finish();
}

#[test]
fn tcp_port_nothing_listens_on_is_502_refused() {
    let Some(mut s) = Stack::new("tcp_refused", &[NGINX]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let closed = free_port();
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("127.0.0.1:{closed}"));
    let log = s
        .nginx("www-data www-data", &server, port)
        .error_log
        .clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    let line = assert_log_line(
        &log,
        "(111: Connection refused) while connecting to upstream",
    );
    assert!(line.contains("[error]"), "{line}");
    s.finish();
}

#[test]
fn pool_without_listen_owner_is_502_permission_denied() {
    let Some(mut s) = Stack::new("socket_eacces", &[NGINX, PHP_FPM]) else {
        return;
    };
    let sock = s.path("php.sock");
    // No listen.owner/group/mode: the root master creates the socket root:root 0660.
    s.php_fpm(&format!("listen = {}\n", sock.display()));
    s.script("ok.php", "<?php echo 'ok';");
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{}", sock.display()));
    let log = s.nginx("nobody nogroup", &server, port).error_log.clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    let line = assert_log_line(&log, "(13: Permission denied) while connecting to upstream");
    assert!(line.contains("[crit]"), "{line}");

    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta = std::fs::metadata(&sock).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.permissions().mode() & 0o777),
        (0, 0, 0o660),
        "php-fpm's default owner and mode for a pool socket"
    );
    s.finish();
}

#[test]
fn concurrent_requests_and_custom_headers_reach_the_pool() {
    let Some(mut s) = Stack::new("nginx_concurrent", &[NGINX, PHP_FPM]) else {
        return;
    };
    let sock = pool_for_www_data(&mut s);
    s.script(
        "cookie.php",
        "<?php echo strlen($_SERVER['HTTP_COOKIE'] ?? '');",
    );
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{sock}"));
    s.nginx("www-data www-data", &server, port);

    let all = send_concurrent(port, &Request::get("/ok.php", "localhost"), 6);
    let statuses: Vec<_> = all
        .iter()
        .map(|r| r.as_ref().map(|r| r.status).ok())
        .collect();
    assert_eq!(statuses, vec![Some(200); 6]);

    let cookie = Request::get("/cookie.php", "localhost").header("Cookie", &"a".repeat(3000));
    let r = send(port, &cookie).unwrap();
    assert_eq!((r.status, r.body_text().as_str()), (200, "3000"));
    // Beyond nginx's default large_client_header_buffers (4 8k), a header line
    // is refused by nginx itself before any upstream is asked.
    let big = Request::get("/cookie.php", "localhost").header("Cookie", &"a".repeat(9000));
    let r = send(port, &big).unwrap();
    assert_eq!(r.status, 400, "{}", r.body_text());
    assert!(r.body_text().contains("Request Header Or Cookie Too Large"));
    s.finish();
}

#[test]
fn tcp_pool_on_port_only_answers_200() {
    let Some(mut s) = Stack::new("tcp_port_only", &[NGINX, PHP_FPM]) else {
        return;
    };
    let fpm = free_port();
    // A bare port: php-fpm listens on every address, 127.0.0.1 included.
    s.php_fpm(&format!("listen = {fpm}\n"));
    s.script("ok.php", "<?php echo 'ok';");
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("127.0.0.1:{fpm}"));
    s.nginx("www-data www-data", &server, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    s.finish();
}
