//! Apache httpd → php-fpm through mod_proxy_fcgi's `SetHandler proxy:unix:`.

use crate::harness::{assert_log_line, free_port, Stack, APACHE, PHP_FPM};
use crate::http::get;

fn php_handler(sock: &str) -> String {
    format!(
        "<FilesMatch \\.php$>\nSetHandler \"proxy:unix:{sock}|fcgi://localhost\"\n</FilesMatch>\n"
    )
}

#[test]
fn sethandler_to_pool_answers_200() {
    let Some(mut s) = Stack::new("apache_fcgi_ok", &[APACHE, PHP_FPM]) else {
        return;
    };
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    s.script("ok.php", "<?php echo 'ok';");
    let port = free_port();
    s.apache("www-data", port, &php_handler(&sock));

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    s.finish();
}

#[test]
fn sethandler_to_missing_socket_is_503() {
    let Some(mut s) = Stack::new("apache_fcgi_enoent", &[APACHE]) else {
        return;
    };
    let missing = s.path("php.sock").display().to_string();
    s.script("ok.php", "<?php echo 'ok';");
    let port = free_port();
    let log = s
        .apache("www-data", port, &php_handler(&missing))
        .error_log
        .clone();

    // Apache answers 503, not 502, when it cannot reach its backend.
    assert_eq!(get(port, "/ok.php", "localhost").status, 503);
    assert_log_line(&log, "AH02454");
    assert_log_line(&log, "AH01079: failed to make connection to backend");
    s.finish();
}
