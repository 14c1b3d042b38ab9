//! The edges of `unix-socket-missing` and `tcp-port-refused`: what they
//! must report, and the look-alikes they must leave alone.

use crate::common;

use hoplint::diagnostic::Severity;

const POOLS: (&str, &str) = (
    "etc/php/8.2/fpm/pool.d/www.conf",
    "[www]\nlisten = /run/php/php8.2-fpm.sock\n[tcp]\nlisten = 127.0.0.1:9000\n",
);

/// (code, severity, line of the primary label) of every hop finding.
fn findings(files: &[(&str, &str)]) -> Vec<(&'static str, Severity, usize)> {
    let (_dir, project) = common::check_tree(files);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "unix-socket-missing" || d.code == "tcp-port-refused")
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            (
                d.code,
                d.severity,
                project.file(l.file).line_col(l.range.start).0,
            )
        })
        .collect()
}

fn site(body: &str) -> (&'static str, String) {
    (
        "etc/nginx/nginx.conf",
        format!("events {{}}\nhttp {{\n{body}\n}}\n"),
    )
}

fn run(body: &str, with_pools: bool) -> Vec<(&'static str, Severity, usize)> {
    let (name, text) = site(body);
    let mut files = vec![(name, text.as_str())];
    if with_pools {
        files.push(POOLS);
    }
    findings(&files)
}

#[test]
fn upstream_servers_are_checked_on_their_own_line() {
    let body = "upstream php {\n server unix:/run/php/php7.4-fpm.sock;\n server 127.0.0.1:9001;\n}\nserver { location / { fastcgi_pass php; } location /b { fastcgi_pass php; } }";
    assert_eq!(
        run(body, true),
        vec![
            ("unix-socket-missing", Severity::Error, 4),
            ("tcp-port-refused", Severity::Error, 5),
        ]
    );
}

#[test]
fn answered_targets_are_silent() {
    let body = "server {\n location / { fastcgi_pass unix:/run/php//php8.2-fpm.sock; }\n location /a { fastcgi_pass localhost:9000; }\n}";
    assert_eq!(run(body, true), vec![]);
}

#[test]
fn nothing_is_said_without_pools_or_off_loopback_or_in_variables() {
    let body = "server {\n location / { fastcgi_pass unix:/run/php/php7.4-fpm.sock; }\n location /b { fastcgi_pass 127.0.0.1:9999; }\n}";
    assert_eq!(run(body, false), vec![]);
    let body = "server {\n location / { fastcgi_pass 10.0.0.5:9000; }\n location /v { fastcgi_pass $php; }\n location /g { proxy_pass http://unix:/run/gunicorn.sock; }\n location /c { fastcgi_pass unix:/run/fcgiwrap.socket; }\n location /u { uwsgi_pass 127.0.0.1:3031; }\n}";
    assert_eq!(run(body, true), vec![]);
}

#[test]
fn the_ipv6_loopback_is_not_the_ipv4_one() {
    let body = "server {\n location / { fastcgi_pass [::1]:9000; }\n}";
    assert_eq!(
        run(body, true),
        vec![("tcp-port-refused", Severity::Error, 4)]
    );
}

#[test]
fn http_proxies_are_only_warned_about_for_a_family_split_on_loopback() {
    // nginx's `listen [::]:8080` is IPv6 only: 127.0.0.1:8080 is refused.
    let body = "server {\n listen [::]:8080;\n}\nserver {\n location / { proxy_pass http://127.0.0.1:8080; }\n location /a { proxy_pass http://127.0.0.1:3000; }\n}";
    assert_eq!(
        run(body, false),
        vec![("tcp-port-refused", Severity::Warning, 7)]
    );
    // A server on a public address is not the one a loopback target meant.
    let body = "server {\n listen 192.0.2.1:9000;\n}\nserver {\n location / { proxy_pass http://localhost:9000; }\n}";
    assert_eq!(run(body, false), vec![]);
}

#[test]
fn a_snippet_included_twice_is_reported_once() {
    let (name, text) = site(
        "server {\n location / { include /etc/nginx/php.conf; }\n location /a { include /etc/nginx/php.conf; }\n}",
    );
    let files = [
        (name, text.as_str()),
        (
            "etc/nginx/php.conf",
            "fastcgi_pass unix:/run/php/php7.4-fpm.sock;\n",
        ),
        POOLS,
    ];
    assert_eq!(
        findings(&files),
        vec![("unix-socket-missing", Severity::Error, 1)]
    );
}

#[test]
fn var_run_and_run_name_the_same_socket() {
    // Debian links /var/run to /run; the pool listens on /run/php/php8.2-fpm.sock.
    let body = "server {\n location / { fastcgi_pass unix:/var/run/php/php8.2-fpm.sock; }\n location /b { fastcgi_pass unix:/var/run/php/php7.4-fpm.sock; }\n}";
    assert_eq!(
        run(body, true),
        vec![("unix-socket-missing", Severity::Error, 5)]
    );
}
