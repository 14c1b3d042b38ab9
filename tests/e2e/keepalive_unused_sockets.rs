//! `upstream-keepalive-unused`: where the cost of a connection per request
//! lands. nginx runs here in a network namespace of its own with only four
//! ephemeral ports (`ip_local_port_range 40000 40003`). Without the
//! keepalive in use, a dozen requests open a dozen upstream connections,
//! yet none fails: the backend closes each one first, so the TIME_WAIT
//! sockets sit on the backend's side, and a new connection from the same
//! local port reopens them. nginx's local ports do not run out this way,
//! which is why the rule is a warning about wasted handshakes, not a 502.
//! With the keepalive used, the same requests share one connection.

use crate::harness::{free_port, in_netns_of, Stack, NGINX};
use hoplint::diagnostic::Severity;

const PORTS: &str = "40000 40003";
const REQUESTS: usize = 12;

/// nginx in its own namespace: a front on one port proxying to upstream
/// `app` (with `location` before the `proxy_pass`), and a backend server
/// on another.
fn stack(name: &str, location: &str) -> Option<(Stack, u16, u16)> {
    let mut s = Stack::new(name, &[NGINX, "/usr/bin/nsenter", "/usr/bin/unshare"])?;
    let (front, back) = (free_port(), free_port());
    let http = format!(
        "upstream app {{\nserver 127.0.0.1:{back};\nkeepalive 4;\n}}\n\
         server {{\nlisten 127.0.0.1:{front};\nlocation / {{\n{location}\nproxy_pass http://app;\n}}\n}}\n\
         server {{\nlisten 127.0.0.1:{back};\nlocation / {{\nreturn 200 \"ok\\n\";\n}}\n}}\n"
    );
    s.nginx_in_own_netns("www-data", &http, front, PORTS);
    Some((s, front, back))
}

/// The statuses of `REQUESTS` requests sent back to back on one client
/// connection (bash's `/dev/tcp` inside nginx's namespace).
fn statuses(s: &Stack, front: u16) -> Vec<u16> {
    let get = "GET / HTTP/1.1\\r\\nHost: localhost\\r\\n";
    let script = format!(
        "exec 3<>/dev/tcp/127.0.0.1/{front}\n\
         for i in $(seq 2 {REQUESTS}); do printf '{get}\\r\\n' >&3; done\n\
         printf '{get}Connection: close\\r\\n\\r\\n' >&3\n\
         cat <&3\n"
    );
    let out = in_netns_of(s.servers()[0].pid, &script);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("HTTP/1.1 "))
        .filter_map(|l| l.get(..3)?.parse().ok())
        .collect()
}

/// (state, local port, peer port) of the TCP sockets in nginx's namespace
/// that involve the backend's port.
fn sockets_with(s: &Stack, back: u16) -> Vec<(String, u16, u16)> {
    let out = in_netns_of(s.servers()[0].pid, "ss -tanH");
    let port = |addr: &str| addr.rsplit(':').next()?.parse::<u16>().ok();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let (state, local, peer) = (f.first()?, port(f.get(3)?)?, port(f.get(4)?)?);
            (local == back || peer == back).then(|| (state.to_string(), local, peer))
        })
        .filter(|(state, ..)| state != "LISTEN")
        .collect()
}

#[test]
fn a_connection_per_request_leaves_time_wait_on_the_backend_and_is_flagged() {
    let Some((s, front, back)) = stack("keepalive_unused_time_wait", "") else {
        return;
    };
    // Twelve upstream connections through four local ports: all answered.
    assert_eq!(statuses(&s, front), [200; REQUESTS]);
    let sockets = sockets_with(&s, back);
    assert!(
        sockets
            .iter()
            .any(|(state, local, _)| state == "TIME-WAIT" && *local == back),
        "the backend closed first: {sockets:?}"
    );
    assert!(
        !sockets
            .iter()
            .any(|(state, _, peer)| state == "TIME-WAIT" && *peer == back),
        "nginx's side holds no TIME_WAIT: {sockets:?}"
    );
    let found = s.hoplint_findings("upstream-keepalive-unused", false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    s.finish();
}

#[test]
fn a_reused_connection_stays_open_and_is_silent() {
    let reuse = "proxy_http_version 1.1;\nproxy_set_header Connection \"\";";
    let Some((s, front, back)) = stack("keepalive_used_one_connection", reuse) else {
        return;
    };
    assert_eq!(statuses(&s, front), [200; REQUESTS]);
    let sockets = sockets_with(&s, back);
    // One connection, seen from both ends, kept open for the next request.
    assert_eq!(
        sockets
            .iter()
            .filter(|(state, ..)| state == "ESTAB")
            .count(),
        2,
        "{sockets:?}"
    );
    assert!(
        !sockets.iter().any(|(state, ..)| state == "TIME-WAIT"),
        "{sockets:?}"
    );
    assert_eq!(
        s.hoplint_findings("upstream-keepalive-unused", false),
        vec![]
    );
    s.finish();
}
