//! The keepalive rules where the answer depends on more than the nginx
//! upstream block: the nginx release (1.29.7 made upstream keepalive and
//! HTTP/1.1 the default), httpd as the proxy (`ProxyPass ... ttl=`), and
//! httpd as the backend (the first vhost of the address sets its idle limit).

use crate::common;

use hoplint::config::Config;
use hoplint::diagnostic::Severity;
use hoplint::model::versions::Release;

const NGINX: &str = "etc/nginx/nginx.conf";
const APACHE: &str = "etc/apache2/apache2.conf";
const DPKG: &str = "var/lib/dpkg/status";

/// (severity, file name, primary line, message) of each finding of `code`.
fn findings(
    code: &str,
    files: &[(&str, &str)],
    config: &Config,
) -> Vec<(Severity, String, u32, String)> {
    let (_dir, project) = common::check_tree_with(files, config);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            let f = project.file(l.file);
            let name = f.path.file_name().unwrap().to_string_lossy().to_string();
            (
                d.severity,
                name,
                f.line_col(l.range.start).0 as u32,
                format!("{} {}", d.message, d.help.clone().unwrap_or_default()),
            )
        })
        .collect()
}

fn nginx(version: &str) -> Config {
    Config {
        nginx_version: Release::parse(version),
        ..Config::default()
    }
}

/// nginx with upstream `app` (body `upstream`) on 127.0.0.1:8080 and one
/// location whose body is `location`.
fn front(upstream: &str, location: &str) -> String {
    format!(
        "events {{}}\nhttp {{\nupstream app {{\nserver 127.0.0.1:8080;\n{upstream}\n}}\nserver {{\nlisten 80;\nlocation / {{\n{location}\n}}\n}}\n}}\n"
    )
}

const HTTPD: &str = "Listen 127.0.0.1:8080\n";

fn outlives(nginx_conf: &str, config: &Config) -> Vec<(Severity, String, u32, String)> {
    findings(
        "keepalive-outlives-backend",
        &[(NGINX, nginx_conf), (APACHE, HTTPD)],
        config,
    )
}

#[test]
fn from_1_29_7_every_upstream_keeps_connections_and_races_httpd() {
    let conf = front("", "proxy_pass http://app;");
    // 1.22 (and an unknown release): no keepalive written, nothing kept.
    assert_eq!(outlives(&conf, &nginx("1.22.1")), vec![]);
    assert_eq!(outlives(&conf, &Config::default()), vec![]);
    // 1.30: kept for 60s by default, sent as HTTP/1.1 without
    // `Connection: close`, against httpd's 5s: at the `upstream` line.
    let found = outlives(&conf, &nginx("1.30.0"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].2), (Severity::Warning, 3));
    assert!(found[0].3.contains("since nginx 1.29.7"), "{}", found[0].3);
    assert!(
        found[0].3.contains("nginx 1.30.0, as declared"),
        "{}",
        found[0].3
    );
    assert_eq!(outlives(&conf, &nginx("1.29.7")).len(), 1);
    assert_eq!(outlives(&conf, &nginx("1.29.6")), vec![]);
    // `keepalive 0` turns the cache off; a short timeout wins the race.
    let off = front("keepalive 0;", "proxy_pass http://app;");
    assert_eq!(outlives(&off, &nginx("1.30.0")), vec![]);
    let short = front("keepalive_timeout 4s;", "proxy_pass http://app;");
    assert_eq!(outlives(&short, &nginx("1.30.0")), vec![]);
    // A written HTTP/1.0 still reuses nothing.
    let old = front("", "proxy_http_version 1.0;\nproxy_pass http://app;");
    assert_eq!(outlives(&old, &nginx("1.30.0")), vec![]);
}

#[test]
fn the_release_is_read_from_the_checked_roots_dpkg_database() {
    let conf = front("", "proxy_pass http://app;");
    let status = |v: &str| {
        format!("Package: nginx\nStatus: install ok installed\nArchitecture: amd64\nVersion: {v}\n")
    };
    let new = status("1.30.0-1~bookworm");
    let found = findings(
        "keepalive-outlives-backend",
        &[
            (NGINX, conf.as_str()),
            (APACHE, HTTPD),
            (DPKG, new.as_str()),
        ],
        &Config::default(),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].3.contains("nginx 1.30.0, installed per"),
        "{}",
        found[0].3
    );
    let old = status("1.22.1-9+deb12u3");
    assert_eq!(
        findings(
            "keepalive-outlives-backend",
            &[
                (NGINX, conf.as_str()),
                (APACHE, HTTPD),
                (DPKG, old.as_str())
            ],
            &Config::default(),
        ),
        vec![]
    );
    // A declaration wins over the package database.
    assert_eq!(
        findings(
            "keepalive-outlives-backend",
            &[
                (NGINX, conf.as_str()),
                (APACHE, HTTPD),
                (DPKG, new.as_str())
            ],
            &nginx("1.26.3"),
        ),
        vec![]
    );
}

fn unused(conf: &str, config: &Config) -> Vec<(Severity, String, u32, String)> {
    findings("upstream-keepalive-unused", &[(NGINX, conf)], config)
}

#[test]
fn from_1_29_7_only_written_values_leave_keepalive_unused() {
    let bare = front("keepalive 8;", "proxy_pass http://app;");
    // Before 1.29.7 HTTP/1.0 and `Connection: close` are the defaults;
    // the message says which release it assumes.
    let found = unused(&bare, &Config::default());
    assert_eq!(found.len(), 1);
    assert!(found[0].3.contains("before 1.29.7"), "{}", found[0].3);
    assert_eq!(unused(&bare, &nginx("1.30.0")), vec![]);
    // Written values are judged on any release.
    let v10 = front(
        "keepalive 8;",
        "proxy_http_version 1.0;\nproxy_pass http://app;",
    );
    assert_eq!(unused(&v10, &nginx("1.30.0")).len(), 1);
    let close = front(
        "keepalive 8;",
        "proxy_set_header Connection close;\nproxy_pass http://app;",
    );
    let found = unused(&close, &nginx("1.30.0"));
    assert_eq!(found.len(), 1);
    assert!(!found[0].3.contains("before 1.29.7"), "{}", found[0].3);
    // fastcgi_keep_conn is still off by default.
    let fcgi = front("keepalive 8;", "fastcgi_pass app;");
    assert_eq!(unused(&fcgi, &nginx("1.30.0")).len(), 1);
    // `keepalive 0` keeps nothing to leave unused.
    let off = front("keepalive 0;", "proxy_pass http://app;");
    assert_eq!(unused(&off, &nginx("1.30.0")), vec![]);
}

/// httpd proxying to a chained nginx (idle limit `backend_idle`) with
/// `proxy` as the rest of the ProxyPass line.
fn httpd_front(
    proxy: &str,
    extra: &str,
    backend_idle: &str,
) -> Vec<(Severity, String, u32, String)> {
    let backend = format!(
        "events {{}}\nhttp {{\nserver {{\nlisten 127.0.0.1:8080;\n{backend_idle}\nlocation / {{ return 200; }}\n}}\n}}\n"
    );
    let apache = format!("Listen 80\n{extra}ProxyPass /app http://127.0.0.1:8080/{proxy}\n");
    findings(
        "keepalive-outlives-backend",
        &[(NGINX, backend.as_str()), (APACHE, apache.as_str())],
        &Config::default(),
    )
}

#[test]
fn httpd_without_ttl_outlives_any_backend_idle_limit() {
    let found = httpd_front("", "", "keepalive_timeout 5s;");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1.as_str(), found[0].2),
        (Severity::Warning, "apache2.conf", 2)
    );
    assert!(found[0].3.contains("AH01102"), "{}", found[0].3);
    assert!(found[0].3.contains("`ttl=2`"), "{}", found[0].3);
    // The chained nginx's default 75s: still shorter than forever.
    assert_eq!(httpd_front("", "", "").len(), 1);
    // ttl below the backend's limit wins the race; equal does not.
    assert_eq!(httpd_front(" ttl=4", "", "keepalive_timeout 5s;"), vec![]);
    assert_eq!(httpd_front(" ttl=5", "", "keepalive_timeout 5s;").len(), 1);
    // httpd reads ttl with atoi(): `4s` is 4, `500ms` is 500 seconds.
    assert_eq!(httpd_front(" ttl=4s", "", "keepalive_timeout 5s;"), vec![]);
    assert_eq!(
        httpd_front(" ttl=500ms", "", "keepalive_timeout 5s;").len(),
        1
    );
}

#[test]
fn httpd_without_reuse_or_with_an_unknown_setting_is_silent() {
    let idle = "keepalive_timeout 5s;";
    assert_eq!(httpd_front(" disablereuse=On", "", idle), vec![]);
    assert_eq!(httpd_front(" enablereuse=off", "", idle), vec![]);
    // `keepalive=On` is TCP keepalive: no fix.
    assert_eq!(httpd_front(" keepalive=On", "", idle).len(), 1);
    // ProxySet may set ttl elsewhere.
    assert_eq!(
        httpd_front(
            "",
            "<Proxy http://127.0.0.1:8080/>\nProxySet ttl=2\n</Proxy>\n",
            idle
        ),
        vec![]
    );
    // The backend closes nothing: nginx's keepalive_timeout 0.
    assert_eq!(httpd_front("", "", "keepalive_timeout 0;"), vec![]);
}

#[test]
fn under_prefork_ttl_does_not_apply() {
    let prefork = "LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so\n";
    let found = httpd_front(" ttl=2", prefork, "keepalive_timeout 5s;");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].3.contains("mpm_prefork"), "{}", found[0].3);
    assert!(found[0].3.contains("disablereuse=On"), "{}", found[0].3);
    let event = "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n";
    assert_eq!(
        httpd_front(" ttl=2", event, "keepalive_timeout 5s;"),
        vec![]
    );
}

/// nginx (keepalive for 60s) in front of httpd on 127.0.0.1:8080 whose
/// config after `Listen` is `apache`.
fn httpd_backend(apache: &str) -> Vec<(Severity, String, u32, String)> {
    let conf = front(
        "keepalive 8;",
        "proxy_http_version 1.1;\nproxy_set_header Connection \"\";\nproxy_pass http://app;",
    );
    findings(
        "keepalive-outlives-backend",
        &[
            (NGINX, conf.as_str()),
            (APACHE, format!("{HTTPD}{apache}").as_str()),
        ],
        &Config::default(),
    )
}

#[test]
fn httpd_backend_idle_limit_is_the_first_vhost_of_the_address() {
    let vhost = |addr: &str, idle: &str, name: &str| {
        format!("<VirtualHost {addr}>\nServerName {name}\n{idle}\n</VirtualHost>\n")
    };
    // The first vhost for *:8080 keeps connections 120s: longer than
    // nginx's 60s, whatever the second one says.
    let long_first = format!(
        "{}{}",
        vhost("*:8080", "KeepAliveTimeout 120", "a.example"),
        vhost("*:8080", "KeepAliveTimeout 2", "b.example")
    );
    assert_eq!(httpd_backend(&long_first), vec![]);
    let short_first = format!(
        "{}{}",
        vhost("*:8080", "KeepAliveTimeout 2", "a.example"),
        vhost("*:8080", "KeepAliveTimeout 120", "b.example")
    );
    let found = httpd_backend(&short_first);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].3.contains("KeepAliveTimeout 2"), "{}", found[0].3);
    // A vhost naming the IP beats an earlier wildcard one.
    let exact = format!(
        "{}{}",
        vhost("*:8080", "KeepAliveTimeout 2", "a.example"),
        vhost("127.0.0.1:8080", "KeepAliveTimeout 120", "b.example")
    );
    assert_eq!(httpd_backend(&exact), vec![]);
    // A vhost on another port does not count: the main server's default 5s.
    let other = vhost("*:9090", "KeepAliveTimeout 120", "a.example");
    assert_eq!(httpd_backend(&other).len(), 1);
    // Without its own value the first vhost takes the main server's.
    let inherited = format!("KeepAliveTimeout 90\n{}", vhost("*:8080", "", "a.example"));
    assert_eq!(httpd_backend(&inherited), vec![]);
    // A name in <VirtualHost> is resolved by httpd at start: not judged.
    let named = vhost("backend.internal:8080", "KeepAliveTimeout 2", "a.example");
    assert_eq!(httpd_backend(&named), vec![]);
}
