//! A loopback HTTP hop one typo away from a port a scanned nginx or httpd
//! listens on: nginx answers 502 (httpd 503) with `Connection refused`, so
//! it is a warning with the listener suggested, not "not verified".

use crate::common;

use hoplint::diagnostic::Severity;

fn found(files: &[(&str, &str)]) -> Vec<(String, Severity, String)> {
    let (_dir, project) = common::check_tree(files);
    project
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.severity, d.message.clone()))
        .collect()
}

fn nginx(pass: &str) -> String {
    format!(
        "events {{}}\nhttp {{\n    server {{\n        listen 127.0.0.1:80;\n        location / {{ proxy_pass {pass}; }}\n    }}\n    server {{\n        listen 127.0.0.1:8080;\n        location / {{ return 200; }}\n    }}\n}}\n"
    )
}

#[test]
fn nginx_one_digit_off_is_a_warning_with_the_listener_suggested() {
    let conf = nginx("http://127.0.0.1:8081");
    let f = found(&[("etc/nginx/nginx.conf", &conf)]);
    let near: Vec<_> = f.iter().filter(|d| d.0 == "tcp-port-refused").collect();
    assert_eq!(near.len(), 1, "{f:#?}");
    assert_eq!(near[0].1, Severity::Warning);
    assert!(!f.iter().any(|d| d.0 == "backend-not-verified"), "{f:#?}");
    // Far from every scanned listener: an app server hoplint cannot see.
    let conf = nginx("http://127.0.0.1:3000");
    let f = found(&[("etc/nginx/nginx.conf", &conf)]);
    assert!(!f.iter().any(|d| d.0 == "tcp-port-refused"), "{f:#?}");
    assert!(f.iter().any(|d| d.0 == "backend-not-verified"), "{f:#?}");
}

#[test]
fn httpd_one_digit_off_is_a_warning() {
    let apache = "LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n\
                  LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n\
                  Listen 127.0.0.1:80\nProxyPass / http://127.0.0.1:8081/\nProxyPassReverse / http://127.0.0.1:8081/\n";
    let ngx = "events {}\nhttp { server { listen 127.0.0.1:8080; location / { return 200; } } }\n";
    let f = found(&[
        ("etc/apache2/apache2.conf", apache),
        ("etc/nginx/nginx.conf", ngx),
    ]);
    let near: Vec<_> = f
        .iter()
        .filter(|d| d.0 == "apache-backend-missing")
        .collect();
    assert_eq!(near.len(), 1, "{f:#?}");
    assert_eq!(near[0].1, Severity::Warning);
    assert!(near[0].2.contains("503"), "{}", near[0].2);
}

/// The hop's own `server` listening one digit off is no near miss: nginx
/// on 8080 passing to an app on 8081.
#[test]
fn the_hops_own_listen_is_not_suggested() {
    let conf = "events {}\nhttp {\n    server {\n        listen 127.0.0.1:8080;\n        location / { proxy_pass http://127.0.0.1:8081; }\n    }\n}\n";
    let f = found(&[("etc/nginx/nginx.conf", conf)]);
    assert!(!f.iter().any(|d| d.0 == "tcp-port-refused"), "{f:#?}");
    assert!(f.iter().any(|d| d.0 == "backend-not-verified"), "{f:#?}");
}
