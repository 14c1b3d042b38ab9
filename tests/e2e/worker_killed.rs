//! `pool-memory-overcommit`: what the OOM killer's signal does to a
//! request, sent by the test. `oom_kill.rs` provokes the kernel's own OOM
//! killer where the machine gives a memory cgroup that enforces its limit;
//! this test runs everywhere: a php-fpm worker busy with a slow request
//! gets SIGKILL, and nginx and php-fpm answer 502 and `recv() failed (104:
//! Connection reset by peer)`, php-fpm's `child … exited on signal 9
//! (SIGKILL)`. hoplint flags the same pool under a declared RAM the
//! workers overcommit, and is silent with enough RAM; the same request
//! left alone answers 200.

use crate::harness::{
    assert_log_line, free_port, nginx_php_server, read_lossy, send_signal, wait_until, Stack,
    NGINX, PHP_FPM,
};
use crate::http::{send, Request, Response};
use hoplint::config::{Config, Host};
use hoplint::diagnostic::Severity;
use std::os::unix::fs::PermissionsExt;
use std::thread;
use std::time::Duration;

const CODE: &str = "pool-memory-overcommit";
const M: u64 = 1024 * 1024;

fn host(ram: u64, child_rss: u64) -> Config {
    Config {
        host: Host {
            ram: Some(ram),
            child_rss: Some(child_rss),
            somaxconn: None,
        },
        ..Config::default()
    }
}

fn findings(s: &Stack, config: &Config) -> Vec<(Severity, String)> {
    s.hoplint_check(config, false)
        .diagnostics
        .iter()
        .filter(|d| d.code == CODE)
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}

/// nginx in front of a static pool of two workers; one request to a script
/// that marks that it started and sleeps 2 s. With `kill`, the worker
/// serving it gets SIGKILL once the mark is there. Returns the stack, the
/// response, and php-fpm's workers while the script ran.
fn slow_request(name: &str, kill: bool) -> Option<(Stack, Response, Vec<u32>)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    let marks = s.path("marks");
    std::fs::create_dir(&marks).unwrap();
    std::fs::set_permissions(&marks, std::fs::Permissions::from_mode(0o777)).unwrap();
    s.script(
        "slow.php",
        &format!(
            "<?php file_put_contents('{}/' . getmypid(), ''); sleep(2); echo 'ok';",
            marks.display()
        ),
    );
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    let port = free_port();
    s.nginx(
        "www-data",
        &nginx_php_server(&s, port, &format!("unix:{sock}")),
        port,
    );
    let request = thread::spawn(move || send(port, &Request::get("/slow.php", "localhost")));
    let mut busy = None;
    assert!(
        wait_until(Duration::from_secs(5), || {
            busy = std::fs::read_dir(&marks)
                .ok()
                .and_then(|mut d| d.next())
                .and_then(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok());
            busy.is_some()
        }),
        "the script never started"
    );
    let busy = busy.unwrap();
    let workers = s.servers()[0].workers();
    assert!(workers.contains(&busy), "{busy} not in {workers:?}");
    if kill {
        send_signal(busy, "KILL");
    }
    let response = request.join().unwrap().expect("a response");
    Some((s, response, workers))
}

#[test]
fn a_busy_worker_killed_by_the_test_with_sigkill_is_502_and_flagged() {
    let Some((s, r, workers)) = slow_request("worker_killed_sigkill", true) else {
        return;
    };
    let nginx_log = s.servers()[1].error_log.clone();
    assert_eq!(r.status, 502, "{}", read_lossy(&nginx_log));
    let line = assert_log_line(
        &nginx_log,
        "recv() failed (104: Connection reset by peer) while reading response header from upstream",
    );
    assert!(line.contains("[error]"), "{line}");
    eprintln!("{line}");
    let fpm = assert_log_line(&s.servers()[0].error_log, "exited on signal 9 (SIGKILL)");
    assert!(
        workers
            .iter()
            .any(|w| fpm.contains(&format!("child {w} exited"))),
        "{fpm}"
    );
    eprintln!("{fpm}");

    // Two workers at a typical 40M each do not fit in 64M; in 4G they do.
    let found = findings(&s, &host(64 * M, 40 * M));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains("recv() failed (104"), "{}", found[0].1);
    assert_eq!(findings(&s, &host(4096 * M, 40 * M)), vec![]);
    s.finish();
}

#[test]
fn the_same_request_left_alone_is_200_and_silent_with_enough_ram() {
    let Some((s, r, _)) = slow_request("worker_not_killed", false) else {
        return;
    };
    assert_eq!(r.status, 200, "{}", read_lossy(&s.servers()[1].error_log));
    assert_eq!(r.body_text(), "ok");
    assert!(!read_lossy(&s.servers()[0].error_log).contains("exited on signal"));
    assert_eq!(findings(&s, &host(4096 * M, 40 * M)), vec![]);
    s.finish();
}
