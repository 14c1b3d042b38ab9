//! The edges of `upstream-unknown`, `upstream-unused` and
//! `hostname-resolved-once`: what each says, at what level, and the
//! look-alikes that must stay silent.

use crate::common;

use hoplint::diagnostic::Severity;

/// (code, severity, file:line) of every finding of the three rules.
fn findings(files: &[(&str, &str)]) -> Vec<(&'static str, Severity, String)> {
    let (dir, project) = common::check_tree(files);
    project
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                "upstream-unknown" | "upstream-unused" | "hostname-resolved-once"
            )
        })
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            let f = project.file(l.file);
            let path = f.path.strip_prefix(dir.path()).unwrap_or(&f.path).display();
            (
                d.code,
                d.severity,
                format!("{path}:{}", f.line_col(l.range.start).0),
            )
        })
        .collect()
}

const CONF: &str = "etc/nginx/nginx.conf";

/// A whole nginx.conf: `upstreams` in http, `pass` in a location (line 6).
fn whole(upstreams: &str, pass: &str) -> String {
    format!("events {{}}\nhttp {{\nserver {{\nlisten 80;\nlocation / {{\n{pass};\n}}\n}}\n{upstreams}\n}}\n")
}

fn f(code: &'static str, sev: Severity, at: &str) -> (&'static str, Severity, String) {
    (code, sev, at.to_string())
}

const UNKNOWN: &str = "upstream-unknown";
const UNUSED: &str = "upstream-unused";
const ONCE: &str = "hostname-resolved-once";

#[test]
fn portless_fastcgi_without_upstream_stops_nginx() {
    let ups = "upstream php_backend { server 127.0.0.1:9000; }";
    let at = format!("{CONF}:6");
    // A typo: the upstream is then unused too.
    assert_eq!(
        findings(&[(CONF, &whole(ups, "fastcgi_pass php_backnd"))]),
        vec![
            f(UNKNOWN, Severity::Error, &at),
            f(UNUSED, Severity::Info, &format!("{CONF}:9"))
        ]
    );
    // No default port for these, whatever the name: even `localhost`, an IP, `grpc://`.
    for pass in [
        "fastcgi_pass localhost",
        "fastcgi_pass 127.0.0.1",
        "uwsgi_pass app",
        "scgi_pass app",
        "grpc_pass grpc://app",
    ] {
        assert_eq!(
            findings(&[(CONF, &whole("", pass))]),
            vec![f(UNKNOWN, Severity::Error, &at)],
            "{pass}"
        );
    }
    // Named upstreams, ports, sockets and variables are fine.
    assert_eq!(
        findings(&[(CONF, &whole(ups, "fastcgi_pass php_backend"))]),
        vec![]
    );
    for pass in [
        "fastcgi_pass 127.0.0.1:9000",
        "fastcgi_pass unix:/run/php/php8.2-fpm.sock",
        "fastcgi_pass $php",
    ] {
        assert_eq!(findings(&[(CONF, &whole("", pass))]), vec![], "{pass}");
    }
}

#[test]
fn an_upstream_of_another_nginx_does_not_count() {
    let other = "events {}\nhttp {\nupstream php { server 127.0.0.1:9000; }\n}\n";
    assert_eq!(
        findings(&[
            (CONF, &whole("", "fastcgi_pass php")),
            ("etc/nginx2/nginx.conf", other),
        ])
        .into_iter()
        .filter(|x| x.0 == UNKNOWN)
        .collect::<Vec<_>>(),
        vec![f(UNKNOWN, Severity::Error, &format!("{CONF}:6"))]
    );
}

#[test]
fn a_site_file_read_alone_is_judged_only_on_a_typo() {
    let site = "server {\nlisten 80;\nlocation / {\nfastcgi_pass php;\n}\n}\n";
    // Docker-style repos define the upstream at container start: silent.
    assert_eq!(findings(&[("sites/app.conf", site)]), vec![]);
    let typo = site.replace("php;", "php_backnd;");
    let ups = "upstream php_backend { server 127.0.0.1:9000; }\n";
    assert_eq!(
        findings(&[
            ("sites/app.conf", &typo),
            (
                "sites/upstream.conf",
                &format!("{ups}server {{\nlisten 81;\n}}\n")
            )
        ]),
        vec![f(UNKNOWN, Severity::Warning, "sites/app.conf:4")]
    );
}

#[test]
fn proxy_names_need_evidence() {
    let ups = "upstream backend { server 127.0.0.1:8080; }";
    let at = format!("{CONF}:6");
    // A typo of an upstream: a warning, the name might resolve.
    assert_eq!(
        findings(&[(CONF, &whole(ups, "proxy_pass http://backnd/"))]),
        vec![
            f(UNKNOWN, Severity::Warning, &at),
            f(UNUSED, Severity::Info, &format!("{CONF}:9"))
        ]
    );
    // Short names: any one change is another word.
    let api = "upstream app { server 127.0.0.1:8080; }";
    assert!(findings(&[(CONF, &whole(api, "proxy_pass http://api"))])
        .iter()
        .all(|x| x.0 != UNKNOWN));
    // A single-label name (a Compose service?) in a repo without etc/hosts: not unknown,
    // but resolved once.
    assert_eq!(
        findings(&[(CONF, &whole("", "proxy_pass http://app"))]),
        vec![f(ONCE, Severity::Warning, &at)]
    );
    let hosts = "127.0.0.1 localhost\n10.0.0.5 db\n";
    assert_eq!(
        findings(&[
            (CONF, &whole("", "proxy_pass http://app")),
            ("etc/hosts", hosts)
        ]),
        vec![f(UNKNOWN, Severity::Warning, &at)]
    );
    // Listed in etc/hosts, completed by a search domain, or Docker's DNS: only resolved once.
    for (pass, resolv) in [
        ("proxy_pass http://db", ""),
        ("proxy_pass http://app", "search corp.example\n"),
        ("proxy_pass http://app", "nameserver 127.0.0.11\n"),
    ] {
        assert_eq!(
            findings(&[
                (CONF, &whole("", pass)),
                ("etc/hosts", hosts),
                ("etc/resolv.conf", resolv)
            ]),
            vec![f(ONCE, Severity::Warning, &at)],
            "{pass} {resolv}"
        );
    }
    // localhost and addresses are neither.
    for pass in [
        "proxy_pass http://localhost",
        "proxy_pass http://127.0.0.1/",
    ] {
        assert_eq!(
            findings(&[(CONF, &whole("", pass)), ("etc/hosts", hosts)]),
            vec![],
            "{pass}"
        );
    }
}

#[test]
fn unused_upstreams_only_where_every_hop_is_visible() {
    let ups = "upstream spare { server 127.0.0.1:8080; }";
    let pass = "proxy_pass http://127.0.0.1:8081";
    assert_eq!(
        findings(&[(CONF, &whole(ups, pass))]),
        vec![f(UNUSED, Severity::Info, &format!("{CONF}:9"))]
    );
    // A variable may name it at request time.
    assert_eq!(
        findings(&[(CONF, &whole(ups, "proxy_pass http://$target"))]),
        vec![]
    );
    // Third-party `*_pass` directives use upstreams too.
    assert_eq!(
        findings(&[(CONF, &whole(ups, "memcached_pass spare"))]),
        vec![]
    );
    // Read on its own, another file may name it.
    assert_eq!(
        findings(&[("conf.d/upstream.conf", &format!("{ups}\n"))]),
        vec![]
    );
    // An include that found nothing may hide the hop ...
    let blind =
        whole(ups, pass).replace("listen 80;", "listen 80;\ninclude /etc/nginx/app/*.conf;");
    assert_eq!(findings(&[(CONF, &blind)]), vec![]);
    // ... unless it is a glob over a directory that is there and empty.
    let (dir, _) = common::check_tree(&[(CONF, &blind)]);
    std::fs::create_dir_all(dir.path().join("etc/nginx/app")).unwrap();
    let project = hoplint::check(
        &[dir.path().to_path_buf()],
        &hoplint::load::Options {
            root: Some(dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    assert_eq!(
        project
            .diagnostics
            .iter()
            .filter(|d| d.code == UNUSED)
            .count(),
        1
    );
}

#[test]
fn names_resolved_once() {
    let at = |l: usize| format!("{CONF}:{l}");
    // Upstream servers by name, with or without port, also backups.
    let ups = "upstream app {\nserver app1.example:8080;\nserver app2.example backup;\nserver 10.0.0.1:8080;\nserver unix:/run/app.sock;\nserver localhost:8080;\n}";
    assert_eq!(
        findings(&[(CONF, &whole(ups, "proxy_pass http://app"))]),
        vec![
            f(ONCE, Severity::Warning, &at(10)),
            f(ONCE, Severity::Warning, &at(11))
        ]
    );
    // `resolve` counts only with a zone and a resolver.
    let dynamic = |zone: &str, resolver: &str| {
        format!("{resolver}\nupstream app {{\n{zone}\nserver app1.example:8080 resolve;\n}}")
    };
    let pass = "proxy_pass http://app";
    assert_eq!(
        findings(&[(
            CONF,
            &whole(&dynamic("zone app 64k;", "resolver 10.0.0.2;"), pass)
        )]),
        vec![]
    );
    // The resolver may be in the upstream itself (nginx 1.27.3).
    assert_eq!(
        findings(&[(
            CONF,
            &whole(&dynamic("zone app 64k; resolver 10.0.0.2;", ""), pass)
        )]),
        vec![]
    );
    assert_eq!(
        findings(&[(CONF, &whole(&dynamic("", "resolver 10.0.0.2;"), pass))]).len(),
        1
    );
    assert_eq!(
        findings(&[(CONF, &whole(&dynamic("zone app 64k;", ""), pass))]).len(),
        1
    );
    // A name with a port in the target, fastcgi too.
    assert_eq!(
        findings(&[(CONF, &whole("", "fastcgi_pass php-fpm:9000"))]),
        vec![f(ONCE, Severity::Warning, &at(6))]
    );
    // A variable is resolved at request time: not this rule's.
    assert_eq!(
        findings(&[(
            CONF,
            &whole(
                "resolver 127.0.0.11;",
                "set $u app.example; proxy_pass http://$u:8080"
            )
        )]),
        vec![]
    );
    // A single-label name in a site file read alone: probably an unscanned upstream.
    let site = "server {\nlisten 80;\nlocation / {\nproxy_pass http://app;\n}\n}\n";
    assert_eq!(findings(&[("sites/app.conf", site)]), vec![]);
    let dotted = site.replace("http://app", "http://app.example.com");
    assert_eq!(
        findings(&[("sites/app.conf", &dotted)]),
        vec![f(ONCE, Severity::Warning, "sites/app.conf:4")]
    );
}
