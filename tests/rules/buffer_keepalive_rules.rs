//! The edges of the buffer and keepalive rules: `nginx-buffers-invalid`
//! (nginx's start-up checks, with inheritance and defaults) and
//! `header-buffer-too-small`. Every `nginx-buffers-invalid` case here is
//! also run through the real `nginx -t` by the e2e module of this name.

use crate::common;

use hoplint::config::Config;
use hoplint::diagnostic::Severity;

const NGINX: &str = "etc/nginx/nginx.conf";

/// (severity, primary line, message) of every finding of `code` on an
/// nginx.conf whose `http` block holds `http`.
fn findings_with(code: &str, http: &str, config: &Config) -> Vec<(Severity, u32, String)> {
    let conf = format!("events {{}}\nhttp {{\n{http}\n}}\n");
    let (_dir, project) = common::check_tree_with(&[(NGINX, conf.as_str())], config);
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

fn keepalive(code: &str, files: &[(&str, &str)]) -> Vec<(Severity, String, u32)> {
    let (_dir, project) = common::check_tree(files);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            let f = project.file(l.file);
            let name = f.path.file_name().unwrap().to_string_lossy().to_string();
            (d.severity, name, f.line_col(l.range.start).0 as u32)
        })
        .collect()
}

/// An nginx.conf with upstream `app` (its body `upstream`) and `location`
/// as the body of the one location.
fn front(upstream: &str, http: &str, location: &str) -> String {
    format!(
        "events {{}}\nhttp {{\nupstream app {{\nserver 127.0.0.1:8080;\n{upstream}\n}}\n{http}\nserver {{\nlisten 80;\nlocation / {{\n{location}\n}}\n}}\n}}\n"
    )
}

const REUSE: &str = "proxy_http_version 1.1;\nproxy_set_header Connection \"\";";

fn unused(conf: &str) -> Vec<(Severity, String, u32)> {
    keepalive("upstream-keepalive-unused", &[(NGINX, conf)])
}

#[test]
fn keepalive_without_http_1_1_or_cleared_connection_is_unused() {
    let w = |line| vec![(Severity::Warning, "nginx.conf".to_string(), line)];
    // Neither: flagged at the proxy_pass (line 11).
    assert_eq!(
        unused(&front("keepalive 8;", "", "proxy_pass http://app;")),
        w(11)
    );
    // Only one of the two.
    assert_eq!(
        unused(&front(
            "keepalive 8;",
            "",
            "proxy_http_version 1.1;\nproxy_pass http://app;"
        )),
        w(12)
    );
    assert_eq!(
        unused(&front(
            "keepalive 8;",
            "",
            "proxy_set_header Connection \"\";\nproxy_pass http://app;"
        )),
        w(12)
    );
    // Both: reused.
    assert_eq!(
        unused(&front(
            "keepalive 8;",
            "",
            &format!("{REUSE}\nproxy_pass http://app;")
        )),
        vec![]
    );
    // Both inherited from http.
    assert_eq!(
        unused(&front("keepalive 8;", REUSE, "proxy_pass http://app;")),
        vec![]
    );
}

#[test]
fn a_location_level_proxy_set_header_drops_the_inherited_connection_header() {
    let conf = front(
        "keepalive 8;",
        REUSE,
        "proxy_set_header Host $host;\nproxy_pass http://app;",
    );
    assert_eq!(unused(&conf).len(), 1);
}

#[test]
fn no_keepalive_a_variable_connection_or_other_kinds_are_not_judged() {
    assert_eq!(unused(&front("", "", "proxy_pass http://app;")), vec![]);
    let ws = "proxy_http_version 1.1;\nproxy_set_header Connection $connection_upgrade;\nproxy_pass http://app;";
    assert_eq!(unused(&front("keepalive 8;", "", ws)), vec![]);
    // Not an upstream: nginx keeps nothing open.
    assert_eq!(
        unused(&front(
            "keepalive 8;",
            "",
            "proxy_pass http://127.0.0.1:8080;"
        )),
        vec![]
    );
    assert_eq!(
        unused(&front("keepalive 8;", "", "uwsgi_pass app;")),
        vec![]
    );
}

#[test]
fn fastcgi_keepalive_needs_keep_conn() {
    assert_eq!(
        unused(&front("keepalive 8;", "", "fastcgi_pass app;")).len(),
        1
    );
    assert_eq!(
        unused(&front(
            "keepalive 8;",
            "fastcgi_keep_conn on;",
            "fastcgi_pass app;"
        )),
        vec![]
    );
}

const APACHE: &str = "etc/apache2/apache2.conf";

fn outlives(upstream: &str, apache: &str) -> Vec<(Severity, String, u32)> {
    let conf = front(upstream, "", &format!("{REUSE}\nproxy_pass http://app;"));
    keepalive(
        "keepalive-outlives-backend",
        &[(NGINX, conf.as_str()), (APACHE, apache)],
    )
}

const HTTPD: &str = "Listen 127.0.0.1:8080\n";

#[test]
fn nginx_default_idle_outlives_httpd_default() {
    // nginx 60s against httpd 5s: at `keepalive` (line 5).
    assert_eq!(
        outlives("keepalive 8;", HTTPD),
        vec![(Severity::Warning, "nginx.conf".into(), 5)]
    );
    // Equal is a race too; at the timeout the admin wrote (line 6).
    assert_eq!(
        outlives("keepalive 8;\nkeepalive_timeout 5s;", HTTPD),
        vec![(Severity::Warning, "nginx.conf".into(), 6)]
    );
    assert_eq!(
        outlives("keepalive 8;\nkeepalive_timeout 4s;", HTTPD),
        vec![]
    );
    // httpd raised above nginx's.
    assert_eq!(
        outlives("keepalive 8;", &format!("{HTTPD}KeepAliveTimeout 65\n")),
        vec![]
    );
    assert_eq!(
        outlives("keepalive 8;", &format!("{HTTPD}KeepAliveTimeout 5000ms\n")).len(),
        1
    );
}

#[test]
fn no_race_without_reuse_or_with_keepalive_off() {
    assert_eq!(outlives("", HTTPD), vec![]);
    assert_eq!(
        outlives("keepalive 8;", &format!("{HTTPD}KeepAlive Off\n")),
        vec![]
    );
    // Keepalive unused by the hop: the other rule's business.
    let conf = front("keepalive 8;", "", "proxy_pass http://app;");
    assert_eq!(
        keepalive(
            "keepalive-outlives-backend",
            &[(NGINX, conf.as_str()), (APACHE, HTTPD)]
        ),
        vec![]
    );
    // Nothing scanned listens there: unknown backend.
    let conf = front(
        "keepalive 8;",
        "",
        &format!("{REUSE}\nproxy_pass http://app;"),
    );
    assert_eq!(
        keepalive("keepalive-outlives-backend", &[(NGINX, conf.as_str())]),
        vec![]
    );
}

#[test]
fn a_chained_nginx_backend_is_judged_by_its_keepalive_timeout() {
    let chain = |backend: &str, upstream: &str| {
        let conf = format!(
            "events {{}}\nhttp {{\nupstream app {{\nserver 127.0.0.1:8080;\nkeepalive 8;\n{upstream}\n}}\n\
             server {{\nlisten 80;\nlocation / {{\n{REUSE}\nproxy_pass http://app;\n}}\n}}\n\
             server {{\nlisten 127.0.0.1:8080;\n{backend}\n}}\n}}\n"
        );
        keepalive("keepalive-outlives-backend", &[(NGINX, conf.as_str())])
    };
    // 60s against the default 75s: fine.
    assert_eq!(chain("", ""), vec![]);
    assert_eq!(chain("keepalive_timeout 30s;", "").len(), 1);
    assert_eq!(
        chain("keepalive_timeout 30s;", "keepalive_timeout 20s;"),
        vec![]
    );
    // 0 disables keepalive on the backend: it answers `Connection: close`.
    assert_eq!(chain("keepalive_timeout 0;", ""), vec![]);
}

#[test]
fn a_connection_map_that_never_gives_empty_is_judged() {
    let ws = "proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection $connection_upgrade;\nproxy_pass http://app;";
    let map = |entries: &str| format!("map $http_upgrade $connection_upgrade {{\n{entries}\n}}");
    // The common WebSocket map: `upgrade` or `close`, never empty.
    assert_eq!(
        unused(&front(
            "keepalive 8;",
            &map("default upgrade;\n'' close;"),
            ws
        ))
        .len(),
        1
    );
    // `''` for plain requests keeps the connection reusable.
    assert_eq!(
        unused(&front("keepalive 8;", &map("default upgrade;\n'' '';"), ws)),
        vec![]
    );
    // No default: unmatched requests get the empty string.
    assert_eq!(
        unused(&front("keepalive 8;", &map("websocket upgrade;"), ws)),
        vec![]
    );
}

#[test]
fn a_declared_backend_is_judged_by_its_declared_idle_timeout() {
    let conf = front(
        "keepalive 8;",
        "",
        &format!("{REUSE}\nproxy_pass http://app;"),
    );
    let run = |idle: Option<u64>| {
        let config = Config {
            external: vec![hoplint::config::External {
                listen: "127.0.0.1:8080".into(),
                name: Some("gunicorn".into()),
                keepalive_timeout: idle,
            }],
            ..Config::default()
        };
        let (_dir, project) = common::check_tree_with(&[(NGINX, conf.as_str())], &config);
        project
            .diagnostics
            .iter()
            .filter(|d| d.code == "keepalive-outlives-backend")
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    // gunicorn's default keepalive is 2s: under nginx's 60s.
    let found = run(Some(2000));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("`gunicorn` closes idle connections after 2s"));
    assert_eq!(run(Some(120_000)), Vec::<String>::new());
    // Not declared: unknown.
    assert_eq!(run(None), Vec::<String>::new());
}

/// A site file checked without its nginx.conf (no `http` seen).
fn site_only(code: &str, site: &str, config: &Config) -> usize {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(dir.path(), &[("sites/shop.conf", site)]);
    let project = hoplint::check_with(
        &[dir.path().to_path_buf()],
        &hoplint::load::Options {
            root: None,
            display_base: Some(dir.path().to_path_buf()),
            kind: Some(hoplint::source::Kind::Nginx),
        },
        config,
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .count()
}

#[test]
fn a_site_file_alone_is_judged_only_on_what_it_writes() {
    let c = Config::default();
    let code = "nginx-buffers-invalid";
    // The unseen http level may set `fastcgi_buffers 16 16k`.
    assert_eq!(
        site_only(code, "server { listen 80;\nfastcgi_buffer_size 32k; }", &c),
        0
    );
    // Everything written here: sure.
    assert_eq!(
        site_only(
            code,
            "server { listen 80;\nfastcgi_buffer_size 32k;\nfastcgi_buffers 4 8k;\nfastcgi_busy_buffers_size 32k; }",
            &c
        ),
        1
    );
    assert_eq!(
        site_only(code, "server { listen 80;\nproxy_buffers 1 4k; }", &c),
        1
    );
    let declared = Config {
        max_response_header: Some(6 * 1024),
        ..Config::default()
    };
    let code = "header-buffer-too-small";
    assert_eq!(
        site_only(code, &format!("server {{\n{PHP}\n}}"), &declared),
        0
    );
    assert_eq!(
        site_only(
            code,
            &format!("server {{\nfastcgi_buffer_size 4k;\n{PHP}\n}}"),
            &declared
        ),
        1
    );
}

#[test]
fn keepalive_in_a_site_file_alone_is_judged_only_on_what_it_writes() {
    let c = Config::default();
    let code = "upstream-keepalive-unused";
    let site = |location: &str| {
        format!("upstream app {{ server 127.0.0.1:8080; keepalive 8; }}\nserver {{ listen 80; location / {{\n{location}\nproxy_pass http://app; }} }}")
    };
    // The unseen http level may set both.
    assert_eq!(site_only(code, &site(""), &c), 0);
    // A location-level proxy_set_header drops whatever http sets.
    assert_eq!(
        site_only(
            code,
            &site("proxy_http_version 1.1;\nproxy_set_header Host $host;"),
            &c
        ),
        1
    );
    assert_eq!(
        site_only(
            code,
            &site("proxy_http_version 1.0;\nproxy_set_header Connection \"\";"),
            &c
        ),
        1
    );
}
