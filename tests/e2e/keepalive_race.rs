//! `keepalive-outlives-backend`, the race made deterministic: nginx keeps
//! an idle upstream connection to httpd (`KeepAliveTimeout 3`) for its
//! default 60s. The nginx worker is stopped (SIGSTOP) while a POST arrives
//! on the client's kept-alive connection and, later, httpd closes the idle
//! upstream one; once resumed the worker sees both events in one batch, the
//! client's first, and sends the POST on the dead connection: 502. A GET in
//! the same spot is retried on a new connection (nginx's
//! `ngx_http_upstream_next()` gives a failed cached connection another try),
//! and with `keepalive_timeout 1s` nginx has dropped the connection itself
//! before httpd does: 200.

use crate::harness::{
    assert_log_line, free_port, read_lossy, send_signal, wait_until, Stack, APACHE, NGINX,
};
use crate::http::{Persistent, Request, Response};
use hoplint::diagnostic::Severity;
use std::thread;
use std::time::{Duration, Instant};

const CODE: &str = "keepalive-outlives-backend";

/// TCP states (`/proc/net/tcp`'s hex codes) of this namespace's IPv4
/// sockets whose remote port is `port`: nginx's side of its upstream
/// connections to httpd.
fn states_towards(port: u16) -> Vec<&'static str> {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    table
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let remote = f.get(2)?.rsplit_once(':')?.1;
            (u16::from_str_radix(remote, 16).ok()? == port).then_some(*f.get(3)?)
        })
        .map(|st| match st {
            "01" => "ESTABLISHED",
            "08" => "CLOSE_WAIT",
            "06" => "TIME_WAIT",
            "04" => "FIN_WAIT1",
            "05" => "FIN_WAIT2",
            "07" => "CLOSE",
            "09" => "LAST_ACK",
            _ => "OTHER",
        })
        .collect()
}

fn sleep_until(t: Instant) {
    thread::sleep(t.saturating_duration_since(Instant::now()));
}

struct Outcome {
    stack: Stack,
    warm_up: Response,
    /// Upstream states seen just before the worker is resumed.
    states: Vec<&'static str>,
    second: Response,
    nginx_log: String,
}

/// nginx (one worker) with `upstream` settings in front of httpd with
/// `KeepAliveTimeout 3` serving a static file; on one client connection a
/// GET at t0, the worker stopped at t0+1.5 s, `method` sent at t0+1.7 s,
/// the worker resumed once httpd has closed its side (t0+3 s; waited for in
/// /proc/net/tcp, at least until t0+3.3 s in every case).
fn race(name: &str, upstream: &str, method: &str) -> Option<Outcome> {
    let mut s = Stack::new(name, &[NGINX, APACHE])?;
    let (front, back) = (free_port(), free_port());
    s.write("www/index.html", "ok");
    s.apache("www-data", back, "KeepAlive On\nKeepAliveTimeout 3\n");
    let http = format!(
        "upstream app {{\nserver 127.0.0.1:{back};\nkeepalive 4;\n{upstream}\n}}\n\
         server {{\nlisten 127.0.0.1:{front};\nlocation / {{\n\
         proxy_http_version 1.1;\nproxy_set_header Connection \"\";\n\
         proxy_pass http://app;\n}}\n}}\n"
    );
    s.nginx("www-data", &http, front);
    let nginx = &s.servers()[1];
    let workers = nginx.workers();
    assert_eq!(workers.len(), 1, "worker_processes 1: {workers:?}");
    let worker = workers[0];
    let nginx_log = nginx.error_log.clone();

    let mut client = Persistent::connect(front).expect("connect to nginx");
    let t0 = Instant::now();
    let warm_up = client
        .send(&Request::get("/index.html", "localhost"))
        .expect("warm-up response");

    sleep_until(t0 + Duration::from_millis(1500));
    send_signal(worker, "STOP");
    sleep_until(t0 + Duration::from_millis(1700));
    let mut req = Request::get("/index.html", "localhost");
    req.method = method.into();
    req.body = b"a=1".to_vec();
    client.write_request(&req).expect("send the second request");

    // httpd closes at t0+3 s: nginx's side of a connection it still holds
    // turns CLOSE_WAIT. A connection nginx already closed is not ESTABLISHED.
    let closed = wait_until(Duration::from_secs(5), || {
        Instant::now() >= t0 + Duration::from_millis(3300)
            && !states_towards(back).contains(&"ESTABLISHED")
    });
    thread::sleep(Duration::from_millis(100));
    let states = states_towards(back);
    send_signal(worker, "CONT");
    assert!(closed, "an upstream connection stayed open: {states:?}");

    client
        .set_read_timeout(Duration::from_secs(5))
        .expect("set timeout");
    let second = client.read_response().expect("second response");
    let nginx_log = read_lossy(&nginx_log);
    Some(Outcome {
        stack: s,
        warm_up,
        states,
        second,
        nginx_log,
    })
}

#[test]
fn a_post_on_a_connection_httpd_closed_is_502_and_flagged() {
    let Some(o) = race("keepalive_race_post", "", "POST") else {
        return;
    };
    assert_eq!(o.warm_up.status, 200);
    assert!(o.states.contains(&"CLOSE_WAIT"), "{:?}", o.states);
    assert_eq!(o.second.status, 502, "{}", o.nginx_log);
    let line = assert_log_line(
        &o.stack.servers()[1].error_log,
        "upstream prematurely closed connection while reading response header from upstream",
    );
    assert!(line.contains("[error]") && line.contains("request: \"POST /index.html HTTP/1.1\""));
    eprintln!("{line}");
    let found = o.stack.hoplint_findings(CODE, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(found[0].1.contains("after 3s"), "{}", found[0].1);
    o.stack.finish();
}

#[test]
fn a_get_in_the_same_spot_is_retried_and_answered() {
    let Some(o) = race("keepalive_race_get", "", "GET") else {
        return;
    };
    assert_eq!(o.warm_up.status, 200);
    assert!(o.states.contains(&"CLOSE_WAIT"), "{:?}", o.states);
    // The retry is logged, and the request answered on a new connection.
    assert_eq!(o.second.status, 200, "{}", o.nginx_log);
    assert_eq!(o.second.body_text(), "ok");
    assert!(
        o.nginx_log.contains(
            "upstream prematurely closed connection while reading response header from upstream"
        ),
        "{}",
        o.nginx_log
    );
    o.stack.finish();
}

#[test]
fn an_upstream_keepalive_shorter_than_httpds_is_200_and_silent() {
    let Some(o) = race("keepalive_race_fixed", "keepalive_timeout 1s;", "POST") else {
        return;
    };
    assert_eq!(o.warm_up.status, 200);
    assert!(!o.states.contains(&"CLOSE_WAIT"), "{:?}", o.states);
    assert_eq!(o.second.status, 200, "{}", o.nginx_log);
    assert!(
        !o.nginx_log.contains("upstream prematurely closed"),
        "{}",
        o.nginx_log
    );
    assert_eq!(o.stack.hoplint_findings(CODE, false), vec![]);
    o.stack.finish();
}
