//! `proxy-gives-up-first` with a declared edge (`[edge]` in hoplint.toml)
//! directly in front of httpd: httpd's wait for its backend (`ProxyPass
//! timeout=`, else `ProxyTimeout`, else `Timeout`, else 60 s) must end
//! before the edge gives up. An httpd behind nginx is not behind the edge.

use crate::common;

use hoplint::config::{Config, Edge};
use hoplint::diagnostic::Severity;

const GIVES_UP: &str = "proxy-gives-up-first";
const APACHE: &str = "etc/apache2/apache2.conf";
const NGINX: &str = "etc/nginx/nginx.conf";
const FPM_CONF: &str = "etc/php/8.2/fpm/php-fpm.conf";
const FPM: &str = "etc/php/8.2/fpm/pool.d/www.conf";

type Found = Vec<(Severity, String, Vec<String>, String)>;

fn edge(seconds: u64) -> Config {
    Config {
        edge: Some(Edge {
            name: "Cloudflare".into(),
            timeout: seconds * 1000,
        }),
        ..Config::default()
    }
}

/// (severity, primary, secondaries, message) of every finding.
fn findings(files: &[(&str, String)], config: &Config) -> Found {
    let (dir, project) = common::check_tree_with(files, config);
    let place = |l: &hoplint::diagnostic::Label| common::place(&project, dir.path(), l);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == GIVES_UP)
        .map(|d| {
            (
                d.severity,
                place(d.primary.as_ref().unwrap()),
                d.secondary.iter().map(place).collect(),
                d.message.clone(),
            )
        })
        .collect()
}

/// httpd alone, proxying `/app` to an HTTP backend (`ProxyPass` on line 3,
/// with `params`), `main` on line 2 and `vhost` inside the VirtualHost.
fn httpd(main: &str, vhost: &str, params: &str) -> Vec<(&'static str, String)> {
    vec![(
        APACHE,
        format!(
            "Listen 80\n{main}\n<VirtualHost *:80>\nProxyPass /app http://127.0.0.1:8000/ {params}\n{vhost}\n</VirtualHost>\n"
        ),
    )]
}

fn places(found: &Found) -> Vec<(String, Vec<String>)> {
    found
        .iter()
        .map(|(s, p, also, _)| {
            assert_eq!(*s, Severity::Warning);
            (p.clone(), also.clone())
        })
        .collect()
}

fn at(primary: &str, also: &[&str]) -> Vec<(String, Vec<String>)> {
    vec![(
        primary.to_string(),
        also.iter().map(|s| s.to_string()).collect(),
    )]
}

#[test]
fn httpd_waiting_longer_than_the_edge_is_flagged() {
    let found = findings(&httpd("ProxyTimeout 300", "", ""), &edge(100));
    assert_eq!(
        places(&found),
        at(
            "etc/apache2/apache2.conf:2",
            &["etc/apache2/apache2.conf:4"]
        )
    );
    assert_eq!(
        found[0].3,
        "`Cloudflare` in front of httpd stops waiting after 100s (declared in hoplint.toml), but httpd waits up to 300s for its backend (`ProxyTimeout`): a request taking 100s–300s gets the edge's own timeout error (504, or 524 from Cloudflare) while httpd and the backend keep working on it"
    );
    // Debian's `Timeout 300`, no ProxyTimeout: the same break.
    assert_eq!(
        places(&findings(&httpd("Timeout 300", "", ""), &edge(100))),
        at(
            "etc/apache2/apache2.conf:2",
            &["etc/apache2/apache2.conf:4"]
        )
    );
    // The vhost's own ProxyTimeout wins over the main server's.
    assert_eq!(
        places(&findings(
            &httpd("ProxyTimeout 30", "ProxyTimeout 5mi", ""),
            &edge(100)
        )),
        at(
            "etc/apache2/apache2.conf:5",
            &["etc/apache2/apache2.conf:4"]
        )
    );
    // `timeout=` on the ProxyPass wins over both: the finding is there.
    assert_eq!(
        places(&findings(
            &httpd("ProxyTimeout 30", "", "timeout=120"),
            &edge(100)
        )),
        at("etc/apache2/apache2.conf:4", &[])
    );
}

#[test]
fn httpd_default_wait_is_judged_against_the_edge() {
    // Nothing written in httpd: its 60 s default, blamed on the hop.
    let found = findings(&httpd("", "", ""), &edge(30));
    assert_eq!(places(&found), at("etc/apache2/apache2.conf:4", &[]));
    assert!(found[0].3.contains("up to 60s for its backend (`Timeout`)"));
    assert_eq!(findings(&httpd("", "", ""), &edge(100)), vec![]);
}

#[test]
fn httpd_in_order_with_the_edge_is_silent() {
    assert_eq!(
        findings(&httpd("Timeout 300", "ProxyTimeout 90", ""), &edge(100)),
        vec![]
    );
    assert_eq!(
        findings(&httpd("ProxyTimeout 300", "", "timeout=60"), &edge(100)),
        vec![]
    );
    // Equal: both give up together.
    assert_eq!(
        findings(&httpd("ProxyTimeout 100", "", ""), &edge(100)),
        vec![]
    );
    // No edge declared: nothing to compare.
    assert_eq!(
        findings(&httpd("ProxyTimeout 300", "", ""), &Config::default()),
        vec![]
    );
}

#[test]
fn httpd_in_front_of_a_pool_under_an_edge() {
    let files = vec![
        (
            APACHE,
            "Listen 80\nTimeout 300\n<FilesMatch \\.php$>\nSetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>\n".to_string(),
        ),
        (FPM_CONF, format!("[global]\ninclude={FPM}\n")),
        (FPM, "[www]\nlisten = /run/php/php8.2-fpm.sock\nrequest_terminate_timeout = 60\n".to_string()),
    ];
    // httpd waits 300 s under a 100 s edge; the pool's 60 s is in order
    // with httpd, so only the edge finding.
    assert_eq!(
        places(&findings(&files, &edge(100))),
        at(
            "etc/apache2/apache2.conf:2",
            &["etc/apache2/apache2.conf:4"]
        )
    );
}

#[test]
fn httpd_behind_nginx_is_not_behind_the_edge() {
    let mut files = httpd("Timeout 300", "", "");
    files[0].1 = files[0]
        .1
        .replace("Listen 80", "Listen 127.0.0.1:8080")
        .replace("*:80", "*:8080");
    files.push((
        NGINX,
        "events {}\nhttp { server { listen 80; location / {\nproxy_pass http://127.0.0.1:8080;\n} } }\n"
            .to_string(),
    ));
    // nginx's 60 s default is within the edge's 100 s; httpd is nginx's
    // business (the nginx → httpd case), not the edge's.
    assert_eq!(findings(&files, &edge(100)), vec![]);
    // The edge still judges nginx.
    assert_eq!(
        places(&findings(&files, &edge(30))),
        at("etc/nginx/nginx.conf:3", &[])
    );
    // An nginx beside httpd, proxying elsewhere: httpd faces the edge.
    files[1].1 = files[1].1.replace("127.0.0.1:8080", "127.0.0.1:9999");
    assert_eq!(
        places(&findings(&files, &edge(100))),
        at(
            "etc/apache2/apache2.conf:2",
            &["etc/apache2/apache2.conf:4"]
        )
    );
}
