//! The capacity rules against the real servers:
//! - `php-fpm-pool-invalid`: `php-fpm8.2 -t` refuses the page's failing
//!   pool with the message hoplint quotes, and accepts the passing one;
//! - `listen-backlog-overflow`: one worker and `listen.backlog = 1` under
//!   six concurrent slow requests give some 502s with `(11: Resource
//!   temporarily unavailable)`; six workers and a backlog of 64 give six 200s;
//! - `worker-rlimit-nofile-low`: `nginx -t` under a low `ulimit -n` prints
//!   the start-up warning hoplint cites.
//!
//! `pool-memory-overcommit`'s consequence is shown in `oom_kill.rs` (the
//! kernel's OOM killer, inside a memory cgroup) and `worker_killed.rs`.

use crate::harness::{
    assert_log_line, free_port, nginx_php_server, read_lossy, Stack, APACHE, NGINX, PHP_FPM,
};
use crate::http::{send_concurrent, Request};
use hoplint::diagnostic::Severity;
use std::process::Command;

/// The pool of `rules/php-fpm-pool-invalid.md`, with its socket in the stack dir.
fn page_pool(s: &Stack, max_spare: u32) -> String {
    format!(
        "[www]\nuser = www-data\ngroup = www-data\nlisten = {}\npm = dynamic\npm.max_children = 5\npm.start_servers = 2\npm.min_spare_servers = 1\npm.max_spare_servers = {max_spare}\n",
        s.path("www.sock").display()
    )
}

#[test]
fn php_fpm_refuses_the_invalid_pool_with_hoplints_words() {
    let Some(s) = Stack::new("capacity_fpm_invalid", &[PHP_FPM]) else {
        return;
    };
    let said = "[pool www] pm.min_spare_servers(1) and pm.max_spare_servers(6) cannot be greater than pm.max_children(5)";
    let (ok, out) = s.php_fpm_t("bad", &page_pool(&s, 6));
    assert!(!ok, "{out}");
    assert!(out.contains(&format!("ALERT: {said}")), "{out}");
    let found = s.hoplint_findings("php-fpm-pool-invalid", false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains(&format!("`{said}`")), "{found:?}");
    s.finish();

    let Some(s) = Stack::new("capacity_fpm_unknown", &[PHP_FPM]) else {
        return;
    };
    let pool = page_pool(&s, 3).replace("pm.max_children", "pm.max_childs = 5\npm.max_children");
    let (ok, out) = s.php_fpm_t("bad", &pool);
    assert!(!ok, "{out}");
    assert!(out.contains("unknown entry 'pm.max_childs'"), "{out}");
    let found = s.hoplint_findings("php-fpm-pool-invalid", false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("`unknown entry 'pm.max_childs'`"),
        "{found:?}"
    );
    s.finish();

    let Some(s) = Stack::new("capacity_fpm_valid", &[PHP_FPM]) else {
        return;
    };
    let (ok, out) = s.php_fpm_t("good", &page_pool(&s, 3));
    assert!(ok, "{out}");
    assert!(out.contains("test is successful"), "{out}");
    assert_eq!(s.hoplint_findings("php-fpm-pool-invalid", false), vec![]);
    s.finish();
}

/// nginx (1 worker × 128 connections, the harness's) in front of a unix
/// pool with `pool` settings; a script that sleeps 2 s; six requests at
/// once. Returns the stack, the statuses, and nginx's error log.
fn six_slow_requests(name: &str, pool: &str) -> Option<(Stack, Vec<u16>, String)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(2); echo 'ok';");
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n{pool}"
    ));
    let port = free_port();
    let server = nginx_php_server(&s, port, &format!("unix:{sock}"));
    let log = s
        .nginx("www-data www-data", &server, port)
        .error_log
        .clone();
    let statuses = send_concurrent(port, &Request::get("/slow.php", "localhost"), 6)
        .into_iter()
        .map(|r| r.expect("a response").status)
        .collect();
    let text = read_lossy(&log);
    Some((s, statuses, text))
}

#[test]
fn a_full_pool_with_a_tiny_backlog_gives_502_and_is_flagged() {
    let Some((s, statuses, _)) = six_slow_requests(
        "capacity_backlog",
        "pm.max_children = 1\nlisten.backlog = 1\n",
    ) else {
        return;
    };
    let bad = statuses.iter().filter(|&&c| c == 502).count();
    let good = statuses.iter().filter(|&&c| c == 200).count();
    assert!(bad > 0 && bad + good == 6, "{statuses:?}");
    assert_log_line(
        &s.servers()[1].error_log,
        "failed (11: Resource temporarily unavailable) while connecting to upstream",
    );
    let found = s.hoplint_findings("listen-backlog-overflow", false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(
        found[0].1.contains("nginx can pass 64 requests at once")
            && found[0].1.contains("the pool holds 3"),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn enough_workers_and_queue_give_200_and_are_silent() {
    let Some((s, statuses, log)) = six_slow_requests(
        "capacity_backlog_ok",
        "pm.max_children = 6\nlisten.backlog = 64\n",
    ) else {
        return;
    };
    assert_eq!(statuses, vec![200; 6], "{log}");
    assert!(
        !log.contains("(11: Resource temporarily unavailable)"),
        "{log}"
    );
    assert_eq!(s.hoplint_findings("listen-backlog-overflow", false), vec![]);
    s.finish();
}

#[test]
fn nginx_warns_at_start_only_under_a_low_own_limit() {
    let Some(s) = Stack::new("capacity_rlimit", &[NGINX]) else {
        return;
    };
    let prefix = s.path("nginx");
    std::fs::create_dir_all(&prefix).unwrap();
    let p = prefix.display();
    let conf = s.write(
        "nginx/nginx.conf",
        &format!(
            "worker_rlimit_nofile 100;\npid {p}/nginx.pid;\nerror_log {p}/error.log warn;\nevents {{ worker_connections 128; }}\nhttp {{ access_log off; }}\n"
        ),
    );
    let run = |ulimit: u32| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -n {ulimit} && exec {NGINX} -t -c {} -p {p} -e {p}/error.log",
                conf.display()
            ))
            .output()
            .expect("run nginx -t");
        assert!(out.status.success(), "{out:?}");
        // Once the config is read nginx logs to its error_log, not stderr.
        let log = prefix.join("error.log");
        let text = read_lossy(&log);
        let _ = std::fs::remove_file(&log);
        text
    };
    let low = run(64);
    assert!(
        low.contains("128 worker_connections exceed open file resource limit: 100"),
        "{low}"
    );
    // nginx's own check also needs its current limit below the connections.
    let high = run(4096);
    assert!(!high.contains("exceed open file resource limit"), "{high}");
    let found = s.hoplint_findings("worker-rlimit-nofile-low", false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    s.finish();
}

/// At runtime: a worker limited to 16 files, 40 clients holding their
/// connections open. Once its descriptors run out the worker logs
/// `accept4() failed (24: Too many open files)` and leaves the rest in the
/// kernel's queue until descriptors free up (they are served late, not
/// refused); with `worker_rlimit_nofile 1024` nothing of that happens.
fn forty_clients(name: &str, rlimit: u32) -> Option<(Stack, String, usize)> {
    let mut s = Stack::new(name, &[NGINX])?;
    let port = free_port();
    s.nginx_with_main(
        "www-data",
        &format!("worker_rlimit_nofile {rlimit};"),
        &format!("server {{\nlisten 127.0.0.1:{port};\nlocation / {{ return 200 \"ok\"; }}\n}}\n"),
        port,
    );
    let log = s.servers()[0].error_log.clone();
    // Idle connections: each holds one of the worker's descriptors.
    let held: Vec<std::net::TcpStream> = (0..40)
        .filter_map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let answered = held
        .into_iter()
        .filter_map(|mut c| {
            use std::io::{Read, Write};
            c.set_read_timeout(Some(std::time::Duration::from_millis(500)))
                .ok()?;
            c.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
                .ok()?;
            let mut buf = String::new();
            c.read_to_string(&mut buf).ok()?;
            buf.starts_with("HTTP/1.1 200").then_some(())
        })
        .count();
    let text = read_lossy(&log);
    Some((s, text, answered))
}

#[test]
fn a_low_worker_rlimit_runs_out_of_files_under_load() {
    let Some((s, log, answered)) = forty_clients("capacity_rlimit_runtime", 16) else {
        return;
    };
    assert!(
        log.contains("accept4() failed (24: Too many open files)"),
        "{log}"
    );
    eprintln!("{answered} of 40 answered in time");
    let found = s.hoplint_findings("worker-rlimit-nofile-low", false);
    assert_eq!(found.len(), 1, "{found:?}");
    s.finish();
    let Some((s, log, answered)) = forty_clients("capacity_rlimit_runtime_ok", 1024) else {
        return;
    };
    assert!(!log.contains("Too many open files"), "{log}");
    assert_eq!(answered, 40);
    assert_eq!(
        s.hoplint_findings("worker-rlimit-nofile-low", false),
        vec![]
    );
    s.finish();
}

/// httpd (the harness's `MaxRequestWorkers 32`) in front of a unix pool
/// with `pool` settings; six 2 s requests at once. Returns the stack, the
/// statuses and httpd's error log.
fn six_slow_requests_via_httpd(name: &str, pool: &str) -> Option<(Stack, Vec<u16>, String)> {
    let mut s = Stack::new(name, &[APACHE, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(2); echo 'ok';");
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n{pool}"
    ));
    let port = free_port();
    let log = s
        .apache(
            "www-data",
            port,
            &format!(
                "<FilesMatch \"\\.php$\">\nSetHandler \"proxy:unix:{sock}|fcgi://localhost\"\n</FilesMatch>\n"
            ),
        )
        .error_log
        .clone();
    let statuses = send_concurrent(port, &Request::get("/slow.php", "localhost"), 6)
        .into_iter()
        .map(|r| r.expect("a response").status)
        .collect();
    let text = read_lossy(&log);
    Some((s, statuses, text))
}

/// The same full pool behind httpd: mod_proxy_fcgi connects to the unix
/// socket blocking, so a full queue makes it wait, not fail. Every request
/// is answered (one after the other), and the rule, which is about nginx's
/// non-blocking connect, says nothing of httpd.
#[test]
fn httpd_in_front_of_a_full_pool_waits_and_is_not_flagged() {
    let Some((s, statuses, log)) = six_slow_requests_via_httpd(
        "capacity_backlog_httpd",
        "pm.max_children = 1\nlisten.backlog = 1\n",
    ) else {
        return;
    };
    assert_eq!(statuses, vec![200; 6], "{log}");
    assert!(!log.contains("AH02454"), "{log}");
    assert_eq!(s.hoplint_findings("listen-backlog-overflow", false), vec![]);
    s.finish();
}
