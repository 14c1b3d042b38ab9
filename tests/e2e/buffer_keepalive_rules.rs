//! The buffer rules against the real servers: `nginx -t` refuses exactly
//! the buffer sizes `nginx-buffers-invalid` flags, with the message hoplint
//! quotes, and accepts the rest; a response header larger than
//! `fastcgi_buffer_size` gives 502 `upstream sent too big header`, which
//! `header-buffer-too-small` flags, and a large enough buffer gives 200.

use crate::harness::{assert_log_line, free_port, nginx_php_location, Stack, NGINX, PHP_FPM};
use crate::http::get;
use hoplint::config::Config;
use hoplint::diagnostic::Severity;
use std::process::Command;

/// (severity, message) of hoplint's findings of `code` on the stack's
/// configs, with `config` as the user's declarations.
fn findings(s: &Stack, code: &str, config: &Config) -> Vec<(Severity, String)> {
    s.hoplint_check(config, false)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}

/// `http` bodies, each checked by `nginx -t` and by hoplint. The first is
/// the rule page's failing example, the second its passing one.
const CASES: &[&str] = &[
    "fastcgi_buffer_size 32k;\nserver { listen 127.0.0.1:1; location ~ \\.php$ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; } }",
    "fastcgi_buffer_size 32k;\nfastcgi_buffers 16 16k;\nserver { listen 127.0.0.1:1; location ~ \\.php$ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; } }",
    "server { listen 127.0.0.1:1; }",
    "fastcgi_buffer_size 16k;\nserver { listen 127.0.0.1:1; }",
    "fastcgi_buffer_size 14k;\nserver { listen 127.0.0.1:1; }",
    "proxy_buffer_size 64k;\nserver { listen 127.0.0.1:1; location / { } }\nserver { listen 127.0.0.1:2; }",
    "server { listen 127.0.0.1:1; location / { fastcgi_buffering off; fastcgi_buffer_size 16k; } }",
    "proxy_buffers 1 4k;",
    "server { listen 127.0.0.1:1; proxy_buffers 1 4k; }",
    "server { listen 127.0.0.1:1; proxy_buffers 4 8k; proxy_busy_buffers_size 24k; }",
    "server { listen 127.0.0.1:1; proxy_buffers 4 8k; proxy_busy_buffers_size 25k; }",
    "server { listen 127.0.0.1:1; scgi_busy_buffers_size 2k; }",
    "server { listen 127.0.0.1:1; uwsgi_temp_file_write_size 1k; }",
    "server { listen 127.0.0.1:1; proxy_max_temp_file_size 1k; }",
    "server { listen 127.0.0.1:1; proxy_max_temp_file_size 0; }",
    "server { listen 127.0.0.1:1; location / { proxy_buffer_size 64k; if ($arg_x) { } } }",
    "grpc_buffer_size 64k;\nserver { listen 127.0.0.1:1; }",
    "fastcgi_buffer_size 32k;\nserver { listen 127.0.0.1:1; fastcgi_buffers 16 16k; }",
];

#[test]
fn nginx_t_refuses_what_nginx_buffers_invalid_flags() {
    let Some(s) = Stack::new("rule_nginx_buffers_invalid", &[NGINX]) else {
        return;
    };
    let p = s.path("").display().to_string();
    let mut refused = 0;
    for (i, http) in CASES.iter().enumerate() {
        let conf = s.write(
            "nginx.conf",
            &format!(
                "pid {p}/nginx.pid;\nerror_log {p}/error.log;\nevents {{}}\nhttp {{\n\
                 client_body_temp_path {p}/c; proxy_temp_path {p}/p; fastcgi_temp_path {p}/f;\n\
                 uwsgi_temp_path {p}/u; scgi_temp_path {p}/s;\n{http}\n}}\n"
            ),
        );
        let out = Command::new(NGINX)
            .arg("-t")
            .arg("-c")
            .arg(&conf)
            .arg("-p")
            .arg(s.path(""))
            .arg("-e")
            .arg(s.path("error.log"))
            .output()
            .expect("run nginx -t");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let found = findings(&s, "nginx-buffers-invalid", &Config::default());
        if out.status.success() {
            assert_eq!(found, vec![], "case {i}: nginx -t accepts {http:?}");
        } else {
            refused += 1;
            let emerg = stderr
                .lines()
                .find_map(|l| l.strip_prefix("nginx: "))
                .and_then(|l| l.rsplit_once(" in /").map(|(m, _)| m))
                .unwrap_or_else(|| panic!("case {i}: no [emerg] line in {stderr}"));
            assert_eq!(
                found.len(),
                1,
                "case {i}: nginx -t says {emerg}, hoplint {found:?}"
            );
            assert_eq!(found[0].0, Severity::Error);
            assert!(
                found[0].1.contains(&format!("`{emerg}`")),
                "case {i}: nginx -t says {emerg}, hoplint says {}",
                found[0].1
            );
        }
    }
    assert_eq!(refused, 10, "the cases must include refused configs");
    s.finish();
}

/// A script whose response header is about 6 KB.
const BIG_HEADER: &str = "<?php header('X-Big: ' . str_repeat('a', 6000)); echo 'ok';";

fn header_stack(name: &str, buffer: &str) -> Option<(Stack, u16)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    s.script("big.php", BIG_HEADER);
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!(
        "listen = {sock}\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n"
    ));
    let port = free_port();
    let server = format!(
        "server {{\nlisten 127.0.0.1:{port};\nroot {};\nfastcgi_buffer_size {buffer};\n{}}}\n",
        s.docroot().display(),
        nginx_php_location(&format!("unix:{sock}"))
    );
    s.nginx("www-data", &server, port);
    Some((s, port))
}

fn declared_6k() -> Config {
    Config {
        max_response_header: Some(6 * 1024),
        ..Config::default()
    }
}

#[test]
fn header_larger_than_the_buffer_is_502_and_flagged() {
    let Some((s, port)) = header_stack("rule_header_buffer_too_small", "4k") else {
        return;
    };
    assert_eq!(get(port, "/big.php", "localhost").status, 502);
    let log = s.servers()[1].error_log.clone();
    assert_log_line(
        &log,
        "upstream sent too big header while reading response header from upstream",
    );
    let found = findings(&s, "header-buffer-too-small", &declared_6k());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(found[0].1.contains("upstream sent too big header"));
    // Without the declaration, a default-sized buffer is not flagged.
    assert_eq!(
        findings(&s, "header-buffer-too-small", &Config::default()),
        vec![]
    );
    s.finish();
}

#[test]
fn header_buffer_below_the_default_is_502_and_a_warning() {
    let Some((s, port)) = header_stack("rule_header_buffer_1k", "1k") else {
        return;
    };
    assert_eq!(get(port, "/big.php", "localhost").status, 502);
    assert_log_line(
        &s.servers()[1].error_log,
        "upstream sent too big header while reading response header from upstream",
    );
    let found = findings(&s, "header-buffer-too-small", &Config::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    s.finish();
}

#[test]
fn header_buffer_large_enough_is_200_and_silent() {
    let Some((s, port)) = header_stack("rule_header_buffer_8k", "8k") else {
        return;
    };
    let r = get(port, "/big.php", "localhost");
    assert_eq!(r.status, 200);
    assert_eq!(r.body_text(), "ok");
    assert_eq!(
        findings(&s, "header-buffer-too-small", &declared_6k()),
        vec![]
    );
    s.finish();
}

/// One nginx: a front on `front` proxying to upstream `app` (`upstream`
/// is the rest of its body) with `location` before the `proxy_pass`, and a
/// backend server on `back` that answers its connection's serial number.
fn keepalive_stack(name: &str, upstream: &str, location: &str) -> Option<(Stack, u16)> {
    let mut s = Stack::new(name, &[NGINX])?;
    let (front, back) = (free_port(), free_port());
    let http = format!(
        "upstream app {{\nserver 127.0.0.1:{back};\n{upstream}\n}}\n\
         server {{\nlisten 127.0.0.1:{front};\nlocation / {{\n{location}\nproxy_pass http://app;\n}}\n}}\n\
         server {{\nlisten 127.0.0.1:{back};\nlocation / {{\nreturn 200 \"$connection\";\n}}\n}}\n"
    );
    s.nginx("www-data", &http, front);
    Some((s, front))
}

/// The backend connection serial of each of `n` sequential requests.
fn backend_connections(port: u16, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let r = get(port, "/", "localhost");
            assert_eq!(r.status, 200);
            r.body_text()
        })
        .collect()
}

const REUSE: &str = "proxy_http_version 1.1;\nproxy_set_header Connection \"\";";

#[test]
fn keepalive_without_http_1_1_opens_a_connection_per_request_and_is_flagged() {
    let Some((s, port)) = keepalive_stack("rule_upstream_keepalive_unused", "keepalive 4;", "")
    else {
        return;
    };
    let seen = backend_connections(port, 3);
    let mut distinct = seen.clone();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        3,
        "one backend connection per request: {seen:?}"
    );
    let found = findings(&s, "upstream-keepalive-unused", &Config::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    s.finish();
}

#[test]
fn keepalive_with_http_1_1_reuses_one_connection_and_is_silent() {
    let Some((s, port)) = keepalive_stack("rule_upstream_keepalive_used", "keepalive 4;", REUSE)
    else {
        return;
    };
    let seen = backend_connections(port, 3);
    assert!(
        seen.iter().all(|c| *c == seen[0]),
        "connection reused: {seen:?}"
    );
    assert_eq!(
        findings(&s, "upstream-keepalive-unused", &Config::default()),
        vec![]
    );
    s.finish();
}

/// The static part of `keepalive-outlives-backend`: hoplint reads the
/// httpd the upstream reaches and flags nginx's 60s against its 1s. Plain
/// requests succeed here; `keepalive_race.rs` makes the race itself (a
/// request on a connection httpd is closing) happen and shows the 502.
#[test]
fn keepalive_outliving_httpd_is_flagged_statically() {
    for (upstream, flagged) in [
        ("keepalive 4;", true),
        ("keepalive 4;\nkeepalive_timeout 500ms;", false),
    ] {
        let Some(mut s) = Stack::new(
            "rule_keepalive_outlives_backend",
            &[NGINX, crate::harness::APACHE],
        ) else {
            return;
        };
        let (front, back) = (free_port(), free_port());
        s.apache("www-data", back, "KeepAlive On\nKeepAliveTimeout 1\n");
        let http = format!(
            "upstream app {{\nserver 127.0.0.1:{back};\n{upstream}\n}}\n\
             server {{\nlisten 127.0.0.1:{front};\nlocation / {{\n{REUSE}\nproxy_pass http://app;\n}}\n}}\n"
        );
        s.nginx("www-data", &http, front);
        s.write("www/index.html", "ok");
        assert_eq!(get(front, "/index.html", "localhost").status, 200);
        let found = findings(&s, "keepalive-outlives-backend", &Config::default());
        assert_eq!(found.len(), usize::from(flagged), "{upstream}: {found:?}");
        if flagged {
            assert!(found[0].1.contains("after 1s"), "{}", found[0].1);
        }
        s.finish();
    }
}
