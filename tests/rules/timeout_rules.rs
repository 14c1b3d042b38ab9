//! The edges of the timeout rules: `proxy-gives-up-first` and
//! `fpm-kills-before-php-limit`. Which limits break the order, and the
//! stock and aligned chains that must stay silent.

use crate::common;

use hoplint::config::{Config, Edge};
use hoplint::diagnostic::Severity;

const GIVES_UP: &str = "proxy-gives-up-first";
const KILLS: &str = "fpm-kills-before-php-limit";
const NGINX: &str = "etc/nginx/nginx.conf";
const FPM_CONF: &str = "etc/php/8.2/fpm/php-fpm.conf";
const FPM: &str = "etc/php/8.2/fpm/pool.d/www.conf";
const INI: &str = "etc/php/8.2/fpm/php.ini";
const APACHE: &str = "etc/apache2/apache2.conf";

type Found = Vec<(Severity, String, Vec<String>)>;

/// (severity, primary file:line, secondary file:lines) of rule `code`.
fn findings(code: &str, files: &[(&str, String)], config: &Config) -> Found {
    let (dir, project) = common::check_tree_with(files, config);
    let place = |l: &hoplint::diagnostic::Label| common::place(&project, dir.path(), l);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            (
                d.severity,
                place(d.primary.as_ref().unwrap()),
                d.secondary.iter().map(place).collect(),
            )
        })
        .collect()
}

/// nginx passing PHP to the pool's socket (`fastcgi_pass` on line 3, the
/// location's extra directives from line 4), a php-fpm master with one
/// pool (extra keys from line 3), and a php.ini (its lines from 1) when given.
fn stack(location: &str, pool: &str, ini: Option<&str>) -> Vec<(&'static str, String)> {
    let mut files = vec![
        (
            NGINX,
            format!("events {{}}\nhttp {{ server {{ location ~ \\.php$ {{\nfastcgi_pass unix:/run/php/php8.2-fpm.sock;\n{location}\n}} }} }}\n"),
        ),
        (FPM_CONF, format!("[global]\ninclude={FPM}\n")),
        (
            FPM,
            format!("[www]\nlisten = /run/php/php8.2-fpm.sock\n{pool}\n"),
        ),
    ];
    if let Some(i) = ini {
        files.push((INI, i.to_string()));
    }
    files
}

fn gives_up(location: &str, pool: &str, ini: Option<&str>) -> Found {
    findings(GIVES_UP, &stack(location, pool, ini), &Config::default())
}

fn kills(pool: &str, ini: Option<&str>) -> Found {
    findings(KILLS, &stack("", pool, ini), &Config::default())
}

fn at(primary: &str, also: &[&str]) -> Found {
    vec![(
        Severity::Warning,
        primary.to_string(),
        also.iter().map(|s| s.to_string()).collect(),
    )]
}

const STOCK_INI: &str = "[PHP]\nmax_execution_time = 30\n";

#[test]
fn stock_debian_values_are_silent() {
    // nginx 60 s, request_terminate_timeout 0, max_execution_time 30.
    assert_eq!(gives_up("", "", Some(STOCK_INI)), vec![]);
    assert_eq!(gives_up("", "", Some("")), vec![]);
    assert_eq!(kills("", Some(STOCK_INI)), vec![]);
}

#[test]
fn a_pool_limit_above_nginx_read_timeout_is_flagged() {
    // The admin's request_terminate_timeout outlives nginx's default 60 s:
    // the finding points at the hop (nothing written on nginx's side).
    assert_eq!(
        gives_up("", "request_terminate_timeout = 300", None),
        at(
            "etc/nginx/nginx.conf:3",
            &["etc/php/8.2/fpm/pool.d/www.conf:3"]
        )
    );
    // A shorter fastcgi_read_timeout written by the admin, against the
    // stock php.ini's 30 s.
    assert_eq!(
        gives_up("fastcgi_read_timeout 10s;", "", Some(STOCK_INI)),
        at(
            "etc/nginx/nginx.conf:4",
            &["etc/nginx/nginx.conf:3", "etc/php/8.2/fpm/php.ini:2"]
        )
    );
    // php.ini raised, nginx left at 60 s: the classic.
    assert_eq!(
        gives_up("", "", Some("max_execution_time = 300\n")),
        at("etc/nginx/nginx.conf:3", &["etc/php/8.2/fpm/php.ini:1"])
    );
    // No limit at all in PHP, written by the admin.
    assert_eq!(
        gives_up("", "php_admin_value[max_execution_time] = 0", None),
        at(
            "etc/nginx/nginx.conf:3",
            &["etc/php/8.2/fpm/pool.d/www.conf:3"]
        )
    );
    // request_terminate_timeout, not max_execution_time, bounds the worker.
    assert_eq!(
        gives_up(
            "fastcgi_read_timeout 100s;",
            "request_terminate_timeout = 2m",
            Some(STOCK_INI)
        ),
        at(
            "etc/nginx/nginx.conf:4",
            &[
                "etc/nginx/nginx.conf:3",
                "etc/php/8.2/fpm/pool.d/www.conf:3"
            ]
        )
    );
}

#[test]
fn an_aligned_chain_is_silent_and_php_defaults_are_assumed() {
    assert_eq!(
        gives_up(
            "fastcgi_read_timeout 310s;",
            "request_terminate_timeout = 300",
            None
        ),
        vec![]
    );
    // Equal: both give up together, no worker lives on.
    assert_eq!(
        gives_up(
            "fastcgi_read_timeout 5m;",
            "request_terminate_timeout = 300",
            None
        ),
        vec![]
    );
    // nginx inherits from the server level.
    let files = vec![
        (
            NGINX,
            "events {}\nhttp { fastcgi_read_timeout 400; server { location / {\nfastcgi_pass unix:/run/php/php8.2-fpm.sock;\n} } }\n".to_string(),
        ),
        (FPM_CONF, format!("[global]\ninclude={FPM}\n")),
        (FPM, "[www]\nlisten = /run/php/php8.2-fpm.sock\nrequest_terminate_timeout = 300\n".to_string()),
    ];
    assert_eq!(findings(GIVES_UP, &files, &Config::default()), vec![]);
    // Neither a pool limit nor a php.ini in the scan: PHP's compiled-in 30 s
    // applies (as the real php-fpm runs without a php.ini), and is said to
    // be assumed.
    assert_eq!(
        gives_up("fastcgi_read_timeout 1s;", "", None),
        at(
            "etc/nginx/nginx.conf:4",
            &[
                "etc/nginx/nginx.conf:3",
                "etc/php/8.2/fpm/pool.d/www.conf:1"
            ]
        )
    );
}

#[test]
fn a_pool_nobody_reaches_is_not_compared() {
    let mut files = stack(
        "fastcgi_read_timeout 1s;",
        "request_terminate_timeout = 300",
        None,
    );
    files[2].1 = "[www]\nlisten = /run/php/other.sock\nrequest_terminate_timeout = 300\n".into();
    assert_eq!(findings(GIVES_UP, &files, &Config::default()), vec![]);
}

#[test]
fn apache_in_front_of_a_pool() {
    let pool = |extra: &str| {
        format!(
            "[www]\nlisten = /run/php/php8.2-fpm.sock\nrequest_terminate_timeout = 120\n{extra}"
        )
    };
    let apache = |body: &str| {
        format!("{body}\n<FilesMatch \\.php$>\nSetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>\n")
    };
    let files = |body: &str| {
        vec![
            (APACHE, apache(body)),
            (FPM_CONF, format!("[global]\ninclude={FPM}\n")),
            (FPM, pool("")),
        ]
    };
    // Apache's default Timeout of 60 s against the pool's 120 s.
    assert_eq!(
        findings(GIVES_UP, &files(""), &Config::default()),
        at(
            "etc/apache2/apache2.conf:3",
            &["etc/php/8.2/fpm/pool.d/www.conf:3"]
        )
    );
    // ProxyTimeout wins over Timeout.
    assert_eq!(
        findings(
            GIVES_UP,
            &files("Timeout 300\nProxyTimeout 30"),
            &Config::default()
        ),
        at(
            "etc/apache2/apache2.conf:2",
            &[
                "etc/apache2/apache2.conf:4",
                "etc/php/8.2/fpm/pool.d/www.conf:3"
            ]
        )
    );
    // Debian's Timeout 300 covers it.
    assert_eq!(
        findings(GIVES_UP, &files("Timeout 300"), &Config::default()),
        vec![]
    );
}

#[test]
fn a_declared_edge_shorter_than_nginx() {
    let edge = |s: u64| Config {
        edge: Some(Edge {
            name: "cdn".into(),
            timeout: s * 1000,
        }),
        ..Config::default()
    };
    let files = stack("fastcgi_read_timeout 300s;", "", Some(STOCK_INI));
    assert_eq!(
        findings(GIVES_UP, &files, &edge(100)),
        at("etc/nginx/nginx.conf:4", &["etc/nginx/nginx.conf:3"])
    );
    assert_eq!(findings(GIVES_UP, &files, &edge(400)), vec![]);
    // nginx's default 60 s under a 100 s CDN: in order.
    assert_eq!(
        findings(GIVES_UP, &stack("", "", Some(STOCK_INI)), &edge(100)),
        vec![]
    );
}

#[test]
fn request_terminate_timeout_not_above_php_limit_is_flagged() {
    assert_eq!(
        kills(
            "request_terminate_timeout = 20s\nphp_admin_value[max_execution_time] = 30",
            None
        ),
        at(
            "etc/php/8.2/fpm/pool.d/www.conf:3",
            &["etc/php/8.2/fpm/pool.d/www.conf:4"]
        )
    );
    // Equal: CPU time never exceeds wall time, php-fpm always kills first.
    assert_eq!(
        kills("request_terminate_timeout = 30", Some(STOCK_INI)),
        at(
            "etc/php/8.2/fpm/pool.d/www.conf:3",
            &["etc/php/8.2/fpm/php.ini:2"]
        )
    );
    // PHP's default 30 s, known because the php.ini is read and leaves it.
    assert_eq!(
        kills("request_terminate_timeout = 10", Some("")),
        at("etc/php/8.2/fpm/pool.d/www.conf:3", &[])
    );
    // No PHP limit at all.
    assert_eq!(
        kills(
            "request_terminate_timeout = 1m",
            Some("max_execution_time = 0\n")
        ),
        at(
            "etc/php/8.2/fpm/pool.d/www.conf:3",
            &["etc/php/8.2/fpm/php.ini:1"]
        )
    );
}

#[test]
fn request_terminate_timeout_above_php_limit_is_silent() {
    assert_eq!(
        kills("request_terminate_timeout = 31", Some(STOCK_INI)),
        vec![]
    );
    assert_eq!(
        kills("request_terminate_timeout = 0", Some(STOCK_INI)),
        vec![]
    );
    assert_eq!(
        kills(
            "request_terminate_timeout = 2m\nphp_value[max_execution_time] = 100",
            None
        ),
        vec![]
    );
    // No php.ini in the scan and nothing set: PHP's compiled-in 30 s is
    // assumed, and 10 s kills first.
    assert_eq!(
        kills("request_terminate_timeout = 10", None),
        at("etc/php/8.2/fpm/pool.d/www.conf:3", &[])
    );
}

const CAPPED: &str = "proxy-connect-timeout-capped";

fn capped(http: &str) -> Found {
    let files = vec![(
        NGINX,
        format!("events {{}}\nhttp {{\n{http}\nserver {{ location / {{ proxy_pass http://10.0.0.1:80; }} }} }}\n"),
    )];
    findings(CAPPED, &files, &Config::default())
}

#[test]
fn connect_timeouts_over_75_s_are_noted() {
    let info = |line: &str| vec![(Severity::Info, line.to_string(), Vec::<String>::new())];
    assert_eq!(
        capped("proxy_connect_timeout 300s;"),
        info("etc/nginx/nginx.conf:3")
    );
    assert_eq!(
        capped("fastcgi_connect_timeout 2m;"),
        info("etc/nginx/nginx.conf:3")
    );
    assert_eq!(
        capped("grpc_connect_timeout 76;"),
        info("etc/nginx/nginx.conf:3")
    );
    assert_eq!(capped("proxy_connect_timeout 75s;"), vec![]);
    assert_eq!(capped("proxy_connect_timeout 1m15s;"), vec![]);
    assert_eq!(capped("proxy_read_timeout 300s;"), vec![]);
    assert_eq!(capped(""), vec![]);
}

#[test]
fn httpd_connectiontimeouts_over_75_s_are_noted() {
    let capped = |apache: &str| {
        let files = vec![(APACHE, format!("Listen 80\n{apache}\n"))];
        findings(CAPPED, &files, &Config::default())
    };
    let info = |line: &str| vec![(Severity::Info, line.to_string(), Vec::<String>::new())];
    assert_eq!(
        capped("ProxyPass /app http://10.0.0.1:8080/ connectiontimeout=300"),
        info("etc/apache2/apache2.conf:2")
    );
    // httpd's units: `ms`, `s`, `mi` (minutes), `h`.
    assert_eq!(
        capped("ProxyPass /app http://10.0.0.1:8080/ connectiontimeout=2mi"),
        info("etc/apache2/apache2.conf:2")
    );
    assert_eq!(
        capped("<Proxy balancer://app>\nBalancerMember http://10.0.0.1:8080 connectiontimeout=90\n</Proxy>"),
        info("etc/apache2/apache2.conf:3")
    );
    assert_eq!(
        capped("ProxyPass /app http://10.0.0.1:8080/ connectiontimeout=75"),
        vec![]
    );
    assert_eq!(
        capped("ProxyPass /app http://10.0.0.1:8080/ connectiontimeout=5000ms timeout=600"),
        vec![]
    );
    // The fallbacks (timeout=, ProxyTimeout, Timeout 300) are meant for the
    // response: not judged.
    assert_eq!(
        capped("Timeout 300\nProxyPass /app http://10.0.0.1:8080/"),
        vec![]
    );
}

/// nginx → httpd → php-fpm: nginx's `proxy_read_timeout` must outlast
/// what httpd and the pool behind it may spend on a request.
#[test]
fn nginx_in_front_of_httpd_in_front_of_a_pool() {
    let files = |read: &str, apache: &str, pool: &str| {
        vec![
            (
                NGINX,
                format!("events {{}}\nhttp {{ server {{ location / {{\nproxy_pass http://127.0.0.1:8080;\n{read}\n}} }} }}\n"),
            ),
            (
                APACHE,
                format!("Listen 127.0.0.1:8080\n{apache}\n<FilesMatch \\.php$>\nSetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>\n"),
            ),
            (FPM_CONF, format!("[global]\ninclude={FPM}\n")),
            (
                FPM,
                format!("[www]\nlisten = /run/php/php8.2-fpm.sock\n{pool}\n"),
            ),
            (INI, STOCK_INI.to_string()),
        ]
    };
    let nginx_only = |f: Found| -> Found {
        f.into_iter()
            .filter(|(_, p, _)| p.starts_with("etc/nginx"))
            .collect()
    };
    let run = |read: &str, apache: &str, pool: &str| {
        nginx_only(findings(
            GIVES_UP,
            &files(read, apache, pool),
            &Config::default(),
        ))
    };
    // nginx 3 s; httpd waits 300 s; the pool lets a script run 120 s.
    assert_eq!(
        run(
            "proxy_read_timeout 3s;",
            "Timeout 300",
            "request_terminate_timeout = 120"
        ),
        at(
            "etc/nginx/nginx.conf:4",
            &[
                "etc/nginx/nginx.conf:3",
                "etc/apache2/apache2.conf:2",
                "etc/php/8.2/fpm/pool.d/www.conf:3"
            ]
        )
    );
    // httpd gives up at 30 s, before nginx's 60 s: in order.
    assert_eq!(
        run("", "ProxyTimeout 30", "request_terminate_timeout = 120"),
        vec![]
    );
    // Stock values: nginx 60 s, Debian's Timeout 300, PHP 30 s.
    assert_eq!(run("", "Timeout 300", ""), vec![]);
}
