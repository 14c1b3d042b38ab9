//! The edges of the buffer and keepalive rules: `nginx-buffers-invalid`
//! (nginx's start-up checks, with inheritance and defaults) and
//! `header-buffer-too-small`. Every `nginx-buffers-invalid` case here is
//! also run through the real `nginx -t` by the e2e module of this name.

mod common;

use hoplint::config::Config;
use hoplint::diagnostic::Severity;

const NGINX: &str = "etc/nginx/nginx.conf";

/// (severity, primary line, message) of every finding of `code` on an
/// nginx.conf whose `http` block holds `http`.
fn findings_with(code: &str, http: &str, config: &Config) -> Vec<(Severity, u32, String)> {
    let dir = tempfile::tempdir().unwrap();
    let conf = format!("events {{}}\nhttp {{\n{http}\n}}\n");
    common::write_tree(dir.path(), &[(NGINX, conf.as_str())]);
    let project = hoplint::check_with(
        &[dir.path().to_path_buf()],
        &hoplint::load::Options {
            root: Some(dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
        config,
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            let line = project.file(l.file).line_col(l.range.start).0;
            (d.severity, line as u32, d.message.clone())
        })
        .collect()
}

fn buffers(http: &str) -> Vec<(u32, String)> {
    findings_with("nginx-buffers-invalid", http, &Config::default())
        .into_iter()
        .map(|(s, line, m)| {
            assert_eq!(s, Severity::Error);
            // The quoted `[emerg]` message only: what nginx -t prints.
            let emerg = m.split('`').nth(3).unwrap_or("").to_string();
            (line, emerg)
        })
        .collect()
}

const BUSY_TOO_BIG: &str = "[emerg] \"fastcgi_busy_buffers_size\" must be less than the size of all \"fastcgi_buffers\" minus one buffer";

#[test]
fn defaults_and_plain_servers_are_silent() {
    assert_eq!(buffers("server { listen 80; }"), vec![]);
    assert_eq!(
        buffers("server { listen 80; location / { proxy_pass http://127.0.0.1:8000; } }"),
        vec![]
    );
}

#[test]
fn raising_only_the_header_buffer_breaks_the_default_busy_size() {
    // 2 × 16k = 32k > (8 - 1) × 4k = 28k.
    assert_eq!(
        buffers("fastcgi_buffer_size 16k;\nserver { listen 80; }"),
        vec![(3, BUSY_TOO_BIG.to_string())]
    );
    // 2 × 14k = 28k: exactly all buffers but one, accepted.
    assert_eq!(
        buffers("fastcgi_buffer_size 14k;\nserver { listen 80; }"),
        vec![]
    );
}

#[test]
fn one_cause_inherited_by_many_blocks_is_one_finding() {
    let http = "proxy_buffer_size 64k;\n\
                server { listen 80; location / { } location /a { } }\n\
                server { listen 81; }";
    let found = buffers(http);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 3);
    assert!(found[0].1.contains("\"proxy_busy_buffers_size\""));
}

#[test]
fn buffering_off_and_blocks_without_a_pass_are_checked_too() {
    let http =
        "server { listen 80;\nlocation / {\nfastcgi_buffering off;\nfastcgi_buffer_size 16k;\n} }";
    assert_eq!(buffers(http), vec![(6, BUSY_TOO_BIG.to_string())]);
}

#[test]
fn http_alone_is_not_checked() {
    // No server inherits it: nginx -t accepts this.
    assert_eq!(buffers("proxy_buffers 1 4k;"), vec![]);
}

#[test]
fn a_block_that_fixes_what_it_inherits_is_silent() {
    let http =
        "fastcgi_buffer_size 32k;\nfastcgi_buffers 16 16k;\nserver { listen 80; location / { } }";
    assert_eq!(buffers(http), vec![]);
    // The server fixes it; nothing else inherits the broken http values.
    let http = "fastcgi_buffer_size 32k;\nserver { listen 80;\nfastcgi_buffers 16 16k; }";
    assert_eq!(buffers(http), vec![]);
}

#[test]
fn each_check_in_nginx_order() {
    assert_eq!(
        buffers("server { listen 80;\nproxy_buffers 1 4k; }"),
        vec![(
            4,
            "[emerg] there must be at least 2 \"proxy_buffers\"".into()
        )]
    );
    // (4 - 1) × 8k = 24k: equal is accepted, one byte more is not.
    assert_eq!(
        buffers("server { listen 80;\nproxy_buffers 4 8k;\nproxy_busy_buffers_size 24k; }"),
        vec![]
    );
    let found = buffers("server { listen 80;\nproxy_buffers 4 8k;\nproxy_busy_buffers_size 25k; }");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 5);
    assert_eq!(
        buffers("server { listen 80;\nscgi_busy_buffers_size 2k; }"),
        vec![(4, "[emerg] \"scgi_busy_buffers_size\" must be equal to or greater than the maximum of the value of \"scgi_buffer_size\" and one of the \"scgi_buffers\"".into())]
    );
    assert_eq!(
        buffers("server { listen 80;\nuwsgi_temp_file_write_size 1k; }"),
        vec![(4, "[emerg] \"uwsgi_temp_file_write_size\" must be equal to or greater than the maximum of the value of \"uwsgi_buffer_size\" and one of the \"uwsgi_buffers\"".into())]
    );
    assert_eq!(
        buffers("server { listen 80;\nproxy_max_temp_file_size 1k; }"),
        vec![(4, "[emerg] \"proxy_max_temp_file_size\" must be equal to zero to disable temporary files usage or must be equal to or greater than the maximum of the value of \"proxy_buffer_size\" and one of the \"proxy_buffers\"".into())]
    );
    assert_eq!(
        buffers("server { listen 80;\nproxy_max_temp_file_size 0; }"),
        vec![]
    );
}

#[test]
fn if_blocks_add_no_finding_and_other_modules_are_not_checked() {
    // The `if` inherits the location's values (the sizes are not allowed
    // in `if` itself): one finding.
    let http = "server { listen 80; location / {\nproxy_buffer_size 64k;\nif ($arg_x) { } } }";
    assert_eq!(buffers(http).len(), 1);
    // grpc has no such checks; stream's proxy module is another module.
    assert_eq!(
        buffers("grpc_buffer_size 64k;\nserver { listen 80; }"),
        vec![]
    );
    let conf = "events {}\nstream {\nserver { listen 9; proxy_buffer_size 64k; proxy_pass 127.0.0.1:1; }\n}\n";
    let (_d, project) = common::check_tree(&[(NGINX, conf)]);
    assert!(!project
        .diagnostics
        .iter()
        .any(|d| d.code == "nginx-buffers-invalid"));
}

#[test]
fn unreadable_sizes_are_left_to_nginx() {
    assert_eq!(
        buffers("server { listen 80;\nproxy_buffer_size $x; }"),
        vec![]
    );
}

fn header(http: &str, max: Option<u64>) -> Vec<(Severity, u32)> {
    let config = Config {
        max_response_header: max,
        ..Config::default()
    };
    findings_with("header-buffer-too-small", http, &config)
        .into_iter()
        .map(|(s, l, _)| (s, l))
        .collect()
}

const PHP: &str = "location ~ \\.php$ { fastcgi_pass unix:/run/php/php8.2-fpm.sock; }";

#[test]
fn the_default_header_buffer_is_not_flagged_without_a_declaration() {
    assert_eq!(header(&format!("server {{\n{PHP}\n}}"), None), vec![]);
    // Set, but not below the default.
    assert_eq!(
        header(
            &format!("fastcgi_buffer_size 4k;\nserver {{\n{PHP}\n}}"),
            None
        ),
        vec![]
    );
}

#[test]
fn a_header_buffer_below_the_default_is_a_warning_once() {
    let http = format!("fastcgi_buffer_size 1k;\nserver {{\n{PHP}\n{PHP}\n}}");
    assert_eq!(header(&http, None), vec![(Severity::Warning, 3)]);
    let http =
        "server {\nlocation / {\nproxy_buffer_size 2k;\nproxy_pass http://127.0.0.1:8000;\n}\n}";
    assert_eq!(header(http, None), vec![(Severity::Warning, 5)]);
}

#[test]
fn a_declared_header_larger_than_the_buffer_is_an_error() {
    // The default 4k is too small: the finding is at the pass.
    assert_eq!(
        header(&format!("server {{\n{PHP}\n}}"), Some(6 * 1024)),
        vec![(Severity::Error, 4)]
    );
    // Set too small: at the size, one finding for every hop under it.
    assert_eq!(
        header(
            &format!("fastcgi_buffer_size 4k;\nserver {{\n{PHP}\n{PHP}\n}}"),
            Some(6 * 1024)
        ),
        vec![(Severity::Error, 3)]
    );
    // Large enough, also when a location overrides a small http value.
    assert_eq!(
        header(
            &format!("fastcgi_buffer_size 8k;\nserver {{\n{PHP}\n}}"),
            Some(6 * 1024)
        ),
        vec![]
    );
    let http = "proxy_buffer_size 1k;\nserver {\nlocation / {\nproxy_buffer_size 8k;\nproxy_pass http://127.0.0.1:8000;\n}\n}";
    assert_eq!(header(http, Some(6 * 1024)), vec![]);
}

#[test]
fn a_declaration_the_default_holds_is_silent() {
    assert_eq!(
        header(&format!("server {{\n{PHP}\n}}"), Some(2 * 1024)),
        vec![]
    );
}
