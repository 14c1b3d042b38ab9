//! End-to-end tests: hoplint's claims about what breaks a hop, shown on the
//! real servers (Debian 12's nginx, php8.2-fpm and apache2).
//!
//! Each test builds a [`harness::Stack`]: a private temp dir holding every
//! config, socket, pid file, log and document root, with servers started from
//! it on loopback ports from 18000 upward and stopped by PID when the stack is
//! dropped (also when the test panics).
//!
//! Running: as root (the masters must switch their workers to other users),
//! with the servers installed (`.ci/install-servers`). Outside CI a missing
//! server makes each test print `SKIPPED: ...` and pass; under `CI=true` it
//! fails.
//!
//! Network isolation: run the suite as
//! `bash tests/e2e/run-in-netns.sh cargo test --test e2e`, which gives it a
//! private network namespace with only `lo` when the machine allows
//! `unshare --net`, so its ports cannot clash with, or reach, anything else on
//! the machine. The `netns` test below reports which case applies.
//!
//! `HOPLINT_E2E_KEEP=1` keeps each stack's temp dir for a post-mortem.

mod harness;
mod http;

mod allowed_clients_excludes_front;
mod apache_backend_missing;
mod apache_fpm;
mod apache_proxy_module_missing;
mod buffer_keepalive_rules;
mod capacity_rules;
mod declared_backend;
mod descriptor_exhaustion;
mod distro;
mod hop_rules;
mod httpd_reuse_race;
mod keepalive_race;
mod keepalive_unused_sockets;
mod layouts;
mod lifecycle;
mod listener_collision;
mod nginx_fpm;
mod oom_kill;
mod php_fpm_slowlog;
mod proxy_workers;
mod proxypass_reverse_missing;
mod socket_permission_denied;
mod timeout_rules;
mod upstream_rules;
mod variable_targets;
mod worker_killed;

/// Interfaces in this process's network namespace, from /proc/net/dev.
fn net_interfaces() -> Vec<String> {
    std::fs::read_to_string("/proc/net/dev")
        .unwrap_or_default()
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(|n| n.trim().to_string())
        .collect()
}

#[test]
fn netns() {
    let own = std::fs::read_link("/proc/self/ns/net").ok();
    // Often unreadable in containers, where PID 1 belongs to someone else.
    let init = std::fs::read_link("/proc/1/ns/net").ok();
    let interfaces = net_interfaces();
    let verdict = match (&own, &init) {
        (Some(a), Some(b)) if a == b => "shares PID 1's network namespace",
        (Some(_), Some(_)) => "in its own network namespace",
        _ if interfaces == ["lo"] => "in a network namespace with only lo (likely private)",
        _ => "probably in the machine's network namespace",
    };
    eprintln!("e2e netns: {verdict}; self {own:?}, pid 1 {init:?}, interfaces {interfaces:?}");

    // run-in-netns.sh sets this only after `unshare --net` and `ip link set lo up` worked.
    if std::env::var_os("HOPLINT_E2E_NETNS").is_some() {
        assert_eq!(
            interfaces,
            ["lo"],
            "the namespace from run-in-netns.sh is not private"
        );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind on lo");
        let port = listener.local_addr().unwrap().port();
        assert!(
            harness::port_accepts(port),
            "lo is not up in the private namespace"
        );
    }
}
