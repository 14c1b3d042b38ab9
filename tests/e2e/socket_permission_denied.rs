//! `socket-permission-denied` against the real servers: the rule page's
//! failing stack (socket `www-data:www-data 0660`, nginx workers as
//! `nobody`) answers 502 with `(13: Permission denied)` and hoplint flags
//! it; the page's passing stack (nginx as `www-data`) answers 200 and
//! hoplint is silent. hoplint is given this machine's own passwd and group
//! files, copied into the stack dir, as the account files of the tree.

use crate::harness::{assert_log_line, free_port, nginx_php_server, Stack, NGINX, PHP_FPM};
use crate::http::get;
use hoplint::diagnostic::Severity;

const CODE: &str = "socket-permission-denied";

/// hoplint's findings on the stack's configs; with `accounts`, the stack
/// dir is the root and holds copies of this machine's passwd and group.
fn hoplint_finds(s: &Stack, accounts: bool) -> Vec<(Severity, String)> {
    if accounts {
        for f in ["passwd", "group"] {
            let text = std::fs::read_to_string(format!("/etc/{f}")).unwrap();
            s.write(&format!("etc/{f}"), &text);
        }
    }
    s.hoplint_findings(CODE, accounts)
}

/// The page's pool: the socket `www-data:www-data 0660` (Debian's own).
fn www_data_pool(s: &mut Stack) -> String {
    let sock = s.path("php8.2-fpm.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    sock
}

fn ok_script(s: &Stack) {
    s.script("ok.php", "<?php echo 'ok';");
}

fn assert_denied(s: &mut Stack, sock: &str, nginx_user: &str) {
    let port = free_port();
    let server = nginx_php_server(s, port, &format!("unix:{sock}"));
    let log = s.nginx(nginx_user, &server, port).error_log.clone();
    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    let line = assert_log_line(
        &log,
        &format!(
            "connect() to unix:{sock} failed (13: Permission denied) while connecting to upstream"
        ),
    );
    assert!(line.contains("[crit]"), "{line}");
}

#[test]
fn other_users_socket_is_502_and_flagged() {
    let Some(mut s) = Stack::new("rule_socket_perm_denied", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let sock = www_data_pool(&mut s);
    assert_denied(&mut s, &sock, "nobody nogroup");

    // With the machine's account files: proven.
    let found = hoplint_finds(&s, true);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error, "{found:?}");
    assert!(found[0].1.contains(&sock), "{found:?}");
    assert!(
        found[0].1.contains("`www-data:www-data` with mode `0660`"),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn other_users_socket_without_account_files_is_a_warning() {
    let Some(mut s) = Stack::new("rule_socket_perm_assumed", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let sock = www_data_pool(&mut s);
    assert_denied(&mut s, &sock, "nobody nogroup");
    let found = hoplint_finds(&s, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning, "{found:?}");
    assert!(
        found[0]
            .1
            .contains("assuming `nobody` is not a member of group `www-data`"),
        "{found:?}"
    );
    s.finish();
}

/// php-fpm's defaults leave the socket to the root master: even Debian's
/// `www-data` workers are refused.
#[test]
fn default_socket_permissions_refuse_www_data_and_are_flagged() {
    let Some(mut s) = Stack::new("rule_socket_perm_default", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!("listen = {sock}\n"));
    assert_denied(&mut s, &sock, "www-data");
    let found = hoplint_finds(&s, true);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error, "{found:?}");
    assert!(
        found[0].1.contains("`root:root` with mode `0660`"),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn owner_socket_is_200_and_silent() {
    let Some(mut s) = Stack::new("rule_socket_perm_ok", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let sock = www_data_pool(&mut s);
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{sock}"));
    s.nginx("www-data", &server, port);
    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s, true), vec![]);
    assert_eq!(hoplint_finds(&s, false), vec![]);
    s.finish();
}

#[test]
fn world_writable_socket_is_200_for_nobody_and_silent() {
    let Some(mut s) = Stack::new("rule_socket_perm_0666", &[NGINX, PHP_FPM]) else {
        return;
    };
    ok_script(&s);
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0666\n"
    ));
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{sock}"));
    s.nginx("nobody nogroup", &server, port);
    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s, true), vec![]);
    assert_eq!(hoplint_finds(&s, false), vec![]);
    s.finish();
}
