//! Hops to backends outside the checked configs: reported as not verified
//! (info) unless declared; a declared backend takes part in the hop rules
//! like a scanned listener.

use crate::common;

use hoplint::config::Config;
use hoplint::diagnostic::Severity;
use std::process::Command;

fn findings(files: &[(&str, &str)], config: &str) -> Vec<String> {
    let (_dir, project) = common::check_tree_with(files, &Config::parse(config).unwrap());
    project
        .diagnostics
        .iter()
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            let f = project.file(l.file);
            format!(
                "{} {} {}:{}",
                d.code,
                d.severity.as_str(),
                f.display_path(),
                f.line_col(l.range.start).0
            )
        })
        .collect()
}

const NGINX_CONF: &str =
    "user www-data;\nevents {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n";

fn site(pass: &str) -> String {
    format!(
        "server {{\n    listen 80;\n    location / {{\n        proxy_pass {pass};\n    }}\n}}\n"
    )
}

#[test]
fn remote_and_app_backends_are_listed_once_each() {
    let a = site("http://10.0.0.5:8080");
    let b = site("http://app.internal");
    let found = findings(
        &[
            ("etc/nginx/nginx.conf", NGINX_CONF),
            ("etc/nginx/sites-enabled/a", &a),
            ("etc/nginx/sites-enabled/b", &b),
        ],
        "",
    );
    assert_eq!(
        found,
        [
            "backend-not-verified info etc/nginx/sites-enabled/a:4",
            // A host name draws the DNS warning, which already says the
            // backend is elsewhere; it is not listed twice.
            "hostname-resolved-once warning etc/nginx/sites-enabled/b:4"
        ]
    );
}

#[test]
fn a_declared_backend_or_a_scanned_listener_verifies_the_hop() {
    let a = site("http://127.0.0.1:8000");
    let b = site("http://app.internal");
    let c = site("http://127.0.0.1:8080/");
    let inner = "server {\n    listen 127.0.0.1:8080;\n    location / { return 200; }\n}\n";
    let found = findings(
        &[
            ("etc/nginx/nginx.conf", NGINX_CONF),
            ("etc/nginx/sites-enabled/a", &a),
            ("etc/nginx/sites-enabled/b", &b),
            ("etc/nginx/sites-enabled/c", &c),
            ("etc/nginx/sites-enabled/inner", inner),
        ],
        "[[external]]\nlisten = \"127.0.0.1:8000\"\n[[external]]\nlisten = \"app.internal:80\"\n",
    );
    // Declaring the name does not change when nginx resolves it.
    assert_eq!(
        found,
        ["hostname-resolved-once warning etc/nginx/sites-enabled/b:4"]
    );
}

#[test]
fn a_port_one_typo_from_a_declared_backend_is_a_warning() {
    let a = site("http://127.0.0.1:8001");
    let (_dir, project) = common::check_tree_with(
        &[
            ("etc/nginx/nginx.conf", NGINX_CONF),
            ("etc/nginx/sites-enabled/a", a.as_str()),
        ],
        &Config::parse("[[external]]\nname = \"gunicorn\"\nlisten = \"127.0.0.1:8000\"\n").unwrap(),
    );
    let d: Vec<_> = project.diagnostics.iter().collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "tcp-port-refused");
    assert_eq!(d[0].severity, Severity::Warning);
    let help = d[0].help.as_deref().unwrap();
    assert!(
        help.contains("`127.0.0.1:8000`, where declared backend `gunicorn` listens"),
        "{help}"
    );
    // The declared backend has no line to point at: only the hop is labelled.
    assert!(d[0].secondary.is_empty());
}

#[test]
fn a_declared_backend_on_a_port_nginx_binds_collides() {
    let a = "server {\n    listen 8000;\n}\n";
    let found = findings(
        &[
            ("etc/nginx/nginx.conf", NGINX_CONF),
            ("etc/nginx/sites-enabled/a", a),
        ],
        "[[external]]\nlisten = \"127.0.0.1:8000\"\n",
    );
    assert_eq!(
        found,
        ["listener-collision error etc/nginx/sites-enabled/a:2"]
    );
}

#[test]
fn apache_proxies_to_unscanned_backends_are_listed() {
    let vhost = "<VirtualHost *:80>\n    ProxyPass /api http://10.0.0.7:9000/\n    ProxyPass /app http://127.0.0.1:3000/\n    ProxyPassReverse / http://10.0.0.7:9000/\n    ProxyPassReverse / http://127.0.0.1:3000/\n</VirtualHost>\n";
    let found = findings(&[("etc/apache2/sites-enabled/app.conf", vhost)], "");
    assert_eq!(
        found,
        [
            "backend-not-verified info etc/apache2/sites-enabled/app.conf:2",
            "backend-not-verified info etc/apache2/sites-enabled/app.conf:3"
        ]
    );
}

#[test]
fn a_hop_another_rule_judged_is_not_listed_again() {
    let a = site("http://127.0.0.1:8000");
    let pool = "[www]\nlisten = 127.0.0.1:9000\n";
    let fcgi = "server {\n    listen 81;\n    location / { fastcgi_pass 127.0.0.1:9001; }\n}\n";
    let found = findings(
        &[
            ("etc/nginx/nginx.conf", NGINX_CONF),
            ("etc/nginx/sites-enabled/a", a.as_str()),
            ("etc/nginx/sites-enabled/fcgi", fcgi),
            ("etc/php/8.2/fpm/pool.d/www.conf", pool),
        ],
        "",
    );
    assert_eq!(
        found,
        [
            "backend-not-verified info etc/nginx/sites-enabled/a:4",
            "tcp-port-refused error etc/nginx/sites-enabled/fcgi:3"
        ]
    );
}

fn hoplint(args: &[&str], cwd: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hoplint"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_config_file_is_found_above_the_checked_path_and_flags_add_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = site("http://127.0.0.1:8001");
    common::write_tree(
        dir.path(),
        &[
            (
                "hoplint.toml",
                "[[external]]\nlisten = \"127.0.0.1:8000\"\n",
            ),
            ("configs/etc/nginx/nginx.conf", NGINX_CONF),
            ("configs/etc/nginx/sites-enabled/a", a.as_str()),
        ],
    );
    let json = |args: &[&str]| {
        let (code, out, err) = hoplint(args, dir.path());
        assert!(code == 0 || code == 1, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["code"].as_str().unwrap(),
                    d["severity"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        json(&["check", "--format", "json", "configs"]),
        ["tcp-port-refused warning"]
    );
    assert_eq!(
        json(&["check", "--format", "json", "--no-config", "configs"]),
        ["backend-not-verified info"]
    );
    assert_eq!(
        json(&[
            "check",
            "--format",
            "json",
            "--no-config",
            "--external",
            "127.0.0.1:8001",
            "configs"
        ]),
        Vec::<String>::new()
    );
}

#[test]
fn a_broken_config_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(dir.path(), &[("hoplint.toml", "[host]\nrma = \"4G\"\n")]);
    let (code, out, err) = hoplint(&["check", "."], dir.path());
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("hoplint.toml") && err.contains("rma"), "{err}");
    let (code, _, err) = hoplint(&["check", "--ram", "lots", "."], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("is not a size"), "{err}");
}

#[test]
fn a_hop_through_a_request_variable_is_listed_as_not_checkable() {
    let a = site("http://$http_x_backend:8080");
    let (_d, project) = common::check_tree(&[
        ("etc/nginx/nginx.conf", NGINX_CONF),
        ("etc/nginx/sites-enabled/a", a.as_str()),
    ]);
    let d: Vec<_> = project.diagnostics.iter().collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "backend-not-verified");
    assert_eq!(d[0].severity, Severity::Info);
    assert_eq!(
        d[0].message,
        "`proxy_pass http://$http_x_backend:8080` cannot be checked: `$http_x_backend` comes from each request"
    );
}

#[test]
fn a_file_the_server_refuses_to_read_lists_no_backends() {
    let site = "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n";
    let broken = format!("{site}add_header X-Frame-Options SAMEORIGIN\n");
    let files = |s: &str| {
        vec![
            ("etc/nginx/nginx.conf", NGINX_CONF.to_string()),
            ("etc/nginx/sites-enabled/shop", s.to_string()),
        ]
    };
    let refs = |v: &[(&'static str, String)]| -> Vec<String> {
        let v: Vec<(&str, &str)> = v.iter().map(|(p, t)| (*p, t.as_str())).collect();
        findings(&v, "")
    };
    assert_eq!(
        refs(&files(site)),
        ["backend-not-verified info etc/nginx/sites-enabled/shop:4"]
    );
    // nginx refuses the file: its syntax error is the one finding.
    let found = refs(&files(&broken));
    assert!(
        found.iter().all(|f| f.starts_with("nginx-syntax error")),
        "{found:?}"
    );
    assert!(!found.is_empty());
}
