//! A hop through a variable against the real servers: with
//! `set $sock unix:…; fastcgi_pass $sock;` nginx connects straight to the
//! socket the value names (no upstream, no resolver), so a missing one
//! gives 502 with the ENOENT line, and hoplint flags the `set` line; the
//! right value answers 200 and hoplint is silent.

use crate::harness::{assert_log_line, free_port, nginx_php_location, Stack, NGINX, PHP_FPM};
use crate::http::get;
use hoplint::diagnostic::Severity;

fn pool(s: &mut Stack) -> String {
    let sock = s.path("php8.2-fpm.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    sock
}

fn server(s: &Stack, port: u16, sock: &str) -> String {
    format!(
        "server {{\nlisten 127.0.0.1:{port};\nroot {};\nset $sock unix:{sock};\n{}}}\n",
        s.docroot().display(),
        nginx_php_location("$sock")
    )
}

#[test]
fn set_to_missing_socket_is_502_and_flagged() {
    let Some(mut s) = Stack::new("variable_socket_missing", &[NGINX, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    pool(&mut s);
    let old = s.path("php7.4-fpm.sock").display().to_string();
    let port = free_port();
    let conf = server(&s, port, &old);
    let log = s.nginx("www-data www-data", &conf, port).error_log.clone();

    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    let line = assert_log_line(
        &log,
        &format!("connect() to unix:{old} failed (2: No such file or directory) while connecting to upstream"),
    );
    // The value is used as the address itself: the log names it as the upstream.
    assert!(
        line.contains(&format!("upstream: \"fastcgi://unix:{old}:\"")),
        "{line}"
    );
    let found = s.hoplint_findings("unix-socket-missing", false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains(&old), "{found:?}");
    s.finish();
}

#[test]
fn set_to_pool_socket_is_200_and_silent() {
    let Some(mut s) = Stack::new("variable_socket_ok", &[NGINX, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let sock = pool(&mut s);
    let port = free_port();
    let conf = server(&s, port, &sock);
    s.nginx("www-data www-data", &conf, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(s.hoplint_findings("unix-socket-missing", false), vec![]);
    s.finish();
}
