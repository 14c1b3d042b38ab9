//! `listener-collision` against the real servers: two pools on one socket
//! keep php-fpm from starting (so nginx answers 502), nginx cannot bind a
//! port a pool holds, and hoplint flags both; pools on separate sockets
//! answer 200 and hoplint is silent.

use crate::harness::{
    assert_log_line, free_port, group_members, nginx_php_server, read_lossy, wait_until, Stack,
    NGINX, PHP_FPM,
};
use crate::http::get;
use hoplint::diagnostic::Severity;
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

const CODE: &str = "listener-collision";

fn hoplint_finds(s: &Stack) -> Vec<(Severity, String)> {
    s.hoplint_findings(CODE, false)
}

/// Runs a server that is expected to give up on its own; kills its process
/// group if it is still up after `timeout`. Returns its exit status (`None`
/// if it had to be killed) and its stdout and stderr.
fn run_until_exit(
    s: &Stack,
    name: &str,
    mut cmd: Command,
    timeout: Duration,
) -> (Option<ExitStatus>, String) {
    let out_path = s.path(&format!("{name}.out"));
    let out = std::fs::File::create(&out_path).unwrap();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
    let mut status = None;
    wait_until(timeout, || {
        status = child.try_wait().ok().flatten();
        status.is_some()
    });
    if status.is_none() {
        let pid = child.id();
        let _ = child.kill();
        let _ = child.wait();
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{pid}")])
            .stderr(Stdio::null())
            .status();
        wait_until(Duration::from_secs(5), || group_members(pid).is_empty());
    }
    (status, read_lossy(&out_path))
}

fn pool(name: &str, listen: &str) -> String {
    format!(
        "[{name}]\nuser = www-data\ngroup = www-data\npm = static\npm.max_children = 1\n\
         listen = {listen}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    )
}

#[test]
fn two_pools_on_one_socket_stop_php_fpm_and_are_flagged() {
    let Some(mut s) = Stack::new("rule_listener_collision", &[NGINX, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let sock = s.path("php8.2-fpm.sock").display().to_string();
    let log = s.path("php-fpm-dup.log");
    let conf = s.write(
        "php-fpm-dup.conf",
        &format!(
            "[global]\npid = {}\nerror_log = {}\ndaemonize = no\n\n{}\n{}",
            s.path("php-fpm-dup.pid").display(),
            log.display(),
            pool("shop", &sock),
            pool("www", &sock)
        ),
    );
    let ini = s.write("php-dup.ini", "");
    let mut cmd = Command::new(PHP_FPM);
    cmd.arg("-F").arg("-y").arg(&conf).arg("-c").arg(&ini);
    let (status, out) = run_until_exit(&s, "php-fpm-dup", cmd, Duration::from_secs(10));
    assert_eq!(status.and_then(|st| st.code()), Some(78), "{out}");
    let refusal =
        "ERROR: [pool www] unable to set listen address as it's already used in another pool 'shop'";
    assert_log_line(&log, refusal);
    assert!(!std::path::Path::new(&sock).exists());

    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{sock}"));
    let nginx_log = s
        .nginx("www-data www-data", &server, port)
        .error_log
        .clone();
    assert_eq!(get(port, "/ok.php", "localhost").status, 502);
    assert_log_line(
        &nginx_log,
        &format!("connect() to unix:{sock} failed (2: No such file or directory) while connecting to upstream"),
    );

    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains("pool `www`"), "{found:?}");
    assert!(found[0].1.contains("pool `shop`"), "{found:?}");
    s.finish();
}

#[test]
fn nginx_cannot_bind_a_port_a_pool_holds_and_is_flagged() {
    let Some(mut s) = Stack::new("rule_listener_collision_tcp", &[NGINX, PHP_FPM]) else {
        return;
    };
    let fpm = free_port();
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n"));
    let prefix = s.path("nginx-dup");
    let p = prefix.display();
    let conf = s.write(
        "nginx-dup/nginx.conf",
        &format!(
            "worker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/error.log info;\n\
             events {{}}\nhttp {{\naccess_log off;\n\
             client_body_temp_path {p}/client_body;\nproxy_temp_path {p}/proxy;\n\
             fastcgi_temp_path {p}/fastcgi;\nuwsgi_temp_path {p}/uwsgi;\nscgi_temp_path {p}/scgi;\n\
             server {{\nlisten {fpm};\n}}\n}}\n"
        ),
    );
    let mut cmd = Command::new(NGINX);
    cmd.arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(&prefix)
        .arg("-e")
        .arg(prefix.join("error.log"))
        .args(["-g", "daemon off;"]);
    let (status, out) = run_until_exit(&s, "nginx-dup", cmd, Duration::from_secs(15));
    assert_eq!(status.and_then(|st| st.code()), Some(1), "{out}");
    let log = prefix.join("error.log");
    assert_log_line(
        &log,
        &format!("bind() to 0.0.0.0:{fpm} failed (98: Address already in use)"),
    );
    assert_log_line(&log, "still could not bind()");

    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.starts_with("nginx listens on"), "{found:?}");
    s.finish();
}

#[test]
fn pools_on_their_own_sockets_are_200_and_silent() {
    let Some(mut s) = Stack::new("rule_listener_collision_ok", &[NGINX, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let www = s.path("php8.2-fpm.sock").display().to_string();
    let shop = s.path("shop.sock").display().to_string();
    // Appended to the harness's `[www]`; its last `listen` is what it waits for.
    s.php_fpm(&format!(
        "listen = {www}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n\n{}",
        pool("shop", &shop)
    ));
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{shop}"));
    s.nginx("www-data www-data", &server, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s), vec![]);
    s.finish();
}
