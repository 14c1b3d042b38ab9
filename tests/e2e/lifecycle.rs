//! The harness itself: every process a stack starts is gone after it.

use crate::harness::{free_port, nginx_php_server, pid_alive, Stack, APACHE, NGINX, PHP_FPM};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

fn start_all(s: &mut Stack) {
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!("listen = {sock}\nlisten.mode = 0666\n"));
    let port = free_port();
    let server = nginx_php_server(s, port, &format!("unix:{sock}"));
    s.nginx("www-data www-data", &server, port);
    s.apache("www-data", free_port(), "");
}

#[test]
fn drop_stops_masters_and_workers() {
    let Some(mut s) = Stack::new("lifecycle_drop", &[NGINX, PHP_FPM, APACHE]) else {
        return;
    };
    start_all(&mut s);
    let pids = s.all_pids();
    // Each master has at least one worker: more PIDs than servers.
    assert!(pids.len() > s.servers().len(), "{pids:?}");
    assert!(pids.iter().all(|p| pid_alive(*p)));
    drop(s);
    let left: Vec<_> = pids.iter().filter(|p| pid_alive(**p)).collect();
    assert!(left.is_empty(), "still running after drop: {left:?}");
}

#[test]
fn a_failing_test_still_stops_its_servers() {
    let Some(_) = Stack::new("lifecycle_panic_probe", &[NGINX, PHP_FPM, APACHE]) else {
        return;
    };
    let pids = Mutex::new(Vec::new());
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut s = Stack::new("lifecycle_panic", &[NGINX, PHP_FPM, APACHE]).unwrap();
        start_all(&mut s);
        *pids.lock().unwrap() = s.all_pids();
        panic!("a test failing while its servers run");
    }));
    assert!(outcome.is_err());
    let pids = pids.into_inner().unwrap();
    assert!(!pids.is_empty());
    let left: Vec<_> = pids.iter().filter(|p| pid_alive(**p)).collect();
    assert!(left.is_empty(), "still running after a panic: {left:?}");
}

#[test]
fn ports_are_unique_and_in_range() {
    let ports: Vec<u16> = (0..50).map(|_| free_port()).collect();
    let mut sorted = ports.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ports.len());
    assert!(
        ports.iter().all(|p| (18000..32000).contains(p)),
        "{ports:?}"
    );
}

#[test]
fn a_server_that_fails_to_start_shows_its_own_error() {
    let Some(mut s) = Stack::new("lifecycle_bad_conf", &[NGINX]) else {
        return;
    };
    let port = free_port();
    let err = catch_unwind(AssertUnwindSafe(|| {
        s.nginx("www-data www-data", "no_such_directive on;", port);
    }))
    .expect_err("nginx must refuse an unknown directive");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("exited with"), "{msg}");
    assert!(
        msg.contains("unknown directive \"no_such_directive\""),
        "{msg}"
    );
}
