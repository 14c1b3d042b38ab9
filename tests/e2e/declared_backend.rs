//! A backend outside the checked configs, declared in `hoplint.toml`: a
//! hop to a port one typo away from it really gets 502 Connection refused,
//! and hoplint, told of the backend, flags the typo; undeclared, it only
//! lists the hop as not verified. The right port answers 200 and hoplint
//! is silent.

use crate::harness::{assert_log_line, free_port, Stack, NGINX};
use crate::http::get;
use hoplint::config::Config;
use hoplint::diagnostic::Severity;

/// The app: an nginx of its own, in a directory hoplint does not read.
fn app(port: u16) -> Stack {
    let mut app = Stack::new("declared_backend_app", &[NGINX]).unwrap();
    app.nginx(
        "www-data",
        &format!(
            "server {{\nlisten 127.0.0.1:{port};\nlocation / {{ return 200 \"app\\n\"; }}\n}}\n"
        ),
        port,
    );
    app
}

fn front(name: &str, port: u16, backend: u16) -> Stack {
    let mut s = Stack::new(name, &[NGINX]).unwrap();
    s.nginx(
        "www-data",
        &format!("server {{\nlisten 127.0.0.1:{port};\nlocation / {{ proxy_pass http://127.0.0.1:{backend}; }}\n}}\n"),
        port,
    );
    s
}

fn findings(s: &Stack, declared: &str) -> Vec<(&'static str, Severity)> {
    s.hoplint_check(&Config::parse(declared).unwrap(), false)
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

/// A free port that differs from `port` in its last digit only, taken
/// from the harness's counter so no other test starts a server there.
fn typo_of(port: u16) -> u16 {
    loop {
        let p = free_port();
        if p / 10 == port / 10 {
            return p;
        }
    }
}

#[test]
fn a_port_typo_next_to_a_declared_backend_is_502_and_flagged() {
    if Stack::new("declared_backend_probe", &[NGINX]).is_none() {
        return;
    }
    let port = free_port();
    // Not ending in 9, so that the next port shares its decade.
    let app_port = std::iter::repeat_with(free_port)
        .find(|p| p % 10 != 9)
        .unwrap();
    let app = app(app_port);
    let wrong = typo_of(app_port);
    let s = front("declared_backend_typo", port, wrong);
    let log = s.servers()[0].error_log.clone();

    assert_eq!(get(port, "/", "localhost").status, 502);
    assert_log_line(
        &log,
        "connect() failed (111: Connection refused) while connecting to upstream",
    );
    let declared = format!("[[external]]\nname = \"app\"\nlisten = \"127.0.0.1:{app_port}\"\n");
    assert_eq!(
        findings(&s, &declared),
        [("tcp-port-refused", Severity::Warning)]
    );
    assert_eq!(findings(&s, ""), [("backend-not-verified", Severity::Info)]);
    s.finish();
    app.finish();
}

#[test]
fn the_declared_backend_itself_is_200_and_silent() {
    if Stack::new("declared_backend_probe", &[NGINX]).is_none() {
        return;
    }
    let app_port = free_port();
    let app = app(app_port);
    let port = free_port();
    let s = front("declared_backend_ok", port, app_port);

    let r = get(port, "/", "localhost");
    assert_eq!(r.status, 200);
    let declared = format!("[[external]]\nlisten = \"127.0.0.1:{app_port}\"\n");
    assert_eq!(findings(&s, &declared), []);
    s.finish();
    app.finish();
}
