//! `worker-rlimit-nofile-low` at runtime, on the upstream side: an nginx
//! worker limited to 16 files proxies to a backend; clients connect one at a
//! time, each gets its answer and keeps its connection open. The client
//! whose accept took the worker's last descriptor leaves none for the
//! upstream connection: nginx logs `socket() failed (24: Too many open
//! files) while connecting to upstream` and answers **500**, not 502
//! (`ngx_event_connect_peer()` returns `NGX_ERROR`, and
//! `ngx_http_upstream_connect()` finalizes with
//! `NGX_HTTP_INTERNAL_SERVER_ERROR`). nginx closes a connection after a 500
//! (`ngx_http_special_response_handler()` drops keep-alive), so the next
//! client reuses that descriptor and gets 500 too, and so on until the held
//! connections go. With `worker_rlimit_nofile 1024` every client gets 200.

use crate::harness::{assert_log_line, free_port, read_lossy, Stack, NGINX};
use crate::http::{Persistent, Request};
use hoplint::diagnostic::Severity;
use std::time::Duration;

const CODE: &str = "worker-rlimit-nofile-low";

/// What each client got: its status and `Connection` header, or `None`
/// when it had no answer within a second (not accepted). Stops three
/// clients after the first failure.
type Got = Option<(u16, String)>;

fn clients_one_by_one(name: &str, rlimit: u32, max: usize) -> Option<(Stack, Vec<Got>)> {
    let mut s = Stack::new(name, &[NGINX])?;
    let (front, back) = (free_port(), free_port());
    // The backend is its own nginx, so its descriptors are not the front's.
    s.nginx(
        "www-data",
        &format!("server {{\nlisten 127.0.0.1:{back};\nlocation / {{ return 200 \"ok\"; }}\n}}\n"),
        back,
    );
    s.nginx_with_main(
        "www-data",
        &format!("worker_rlimit_nofile {rlimit};"),
        &format!(
            "server {{\nlisten 127.0.0.1:{front};\nlocation / {{ proxy_pass http://127.0.0.1:{back}; }}\n}}\n"
        ),
        front,
    );
    let mut held = Vec::new();
    let mut got = Vec::new();
    let mut after_failure = None;
    for i in 0..max {
        let mut c = Persistent::connect(front).expect("connect: the kernel accepts");
        c.set_read_timeout(Duration::from_secs(1)).unwrap();
        let r = c.send(&Request::get("/", "localhost")).ok();
        let status = r.map(|r| (r.status, r.header("connection").unwrap_or("").to_string()));
        if status.as_ref().is_none_or(|(code, _)| *code != 200) {
            after_failure.get_or_insert(i);
        }
        got.push(status);
        held.push(c);
        if after_failure.is_some_and(|f| i >= f + 2) {
            break;
        }
    }
    Some((s, got))
}

#[test]
fn the_last_descriptor_leaves_none_for_the_upstream_500_and_flagged() {
    let Some((s, got)) = clients_one_by_one("descriptor_exhaustion", 16, 40) else {
        return;
    };
    let log = s.servers()[1].error_log.clone();
    eprintln!("{got:?}");
    let ok = Some((200, "keep-alive".to_string()));
    let failed = Some((500, "close".to_string()));
    let served = got.iter().take_while(|g| **g == ok).count();
    assert!(served >= 1, "{got:?}\n{}", read_lossy(&log));
    assert_eq!(
        got[served..],
        [failed.clone(), failed.clone(), failed],
        "{}",
        read_lossy(&log)
    );
    let line = assert_log_line(
        &log,
        "socket() failed (24: Too many open files) while connecting to upstream",
    );
    assert!(line.contains("[alert]"), "{line}");
    eprintln!("{served} clients held, then: {line}");
    let found = s.hoplint_findings(CODE, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(
        found[0].1.contains("`worker_rlimit_nofile 16`"),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn enough_descriptors_answer_every_client_200_and_are_silent() {
    let Some((s, got)) = clients_one_by_one("descriptor_exhaustion_ok", 1024, 20) else {
        return;
    };
    let log = read_lossy(&s.servers()[1].error_log);
    assert_eq!(
        got,
        vec![Some((200, "keep-alive".to_string())); 20],
        "{log}"
    );
    assert!(!log.contains("Too many open files"), "{log}");
    assert_eq!(s.hoplint_findings(CODE, false), vec![]);
    s.finish();
}
