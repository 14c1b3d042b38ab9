//! PHP's compiled-in defaults where no `php.ini` is among the checked
//! files: the timeout rules assume `max_execution_time` 30 s, as the real
//! php-fpm runs without a php.ini, and say so, naming the file that would
//! override it in the layout checked.

use crate::common;

use hoplint::diagnostic::Severity;

const GIVES_UP: &str = "proxy-gives-up-first";
const KILLS: &str = "fpm-kills-before-php-limit";

const FPM_CONF: &str = "etc/php/8.2/fpm/php-fpm.conf";
const POOL: &str = "etc/php/8.2/fpm/pool.d/www.conf";
const SOCK: &str = "/run/php/php8.2-fpm.sock";

/// (severity, message) of each finding of `code`.
fn found(files: &[(&str, String)], code: &str) -> Vec<(Severity, String)> {
    let (_dir, project) = common::check_tree(files);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.severity, d.message.clone()))
        .collect()
}

fn debian_pool(extra: &str) -> Vec<(&'static str, String)> {
    vec![
        (FPM_CONF, format!("[global]\ninclude={POOL}\n")),
        (POOL, format!("[www]\nlisten = {SOCK}\n{extra}\n")),
    ]
}

fn nginx_to_pool(location: &str) -> (&'static str, String) {
    (
        "etc/nginx/nginx.conf",
        format!(
            "events {{}}\nhttp {{ server {{ location ~ \\.php$ {{\nfastcgi_pass unix:{SOCK};\n{location}\n}} }} }}\n"
        ),
    )
}

const DEBIAN_NOTE: &str = "PHP's default `max_execution_time` 30 s, since no php.ini was checked (Debian: /etc/php/8.2/fpm/php.ini)";

#[test]
fn a_short_read_timeout_before_a_pool_without_limits_is_flagged() {
    let mut files = debian_pool("");
    files.push(nginx_to_pool("fastcgi_read_timeout 10s;"));
    let f = found(&files, GIVES_UP);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, Severity::Warning);
    assert!(f[0].1.contains(DEBIAN_NOTE), "{}", f[0].1);
    assert!(f[0].1.contains("504"), "{}", f[0].1);
    // The same with the php.ini that raises the limit to 5 s: silent.
    files.push((
        "etc/php/8.2/fpm/php.ini",
        "[PHP]\nmax_execution_time = 5\n".into(),
    ));
    assert_eq!(found(&files, GIVES_UP), vec![]);
}

#[test]
fn nginx_defaults_before_php_defaults_stay_silent() {
    // nginx's 60 s outlives PHP's 30 s: neither was written, nothing to say.
    let mut files = debian_pool("");
    files.push(nginx_to_pool(""));
    assert_eq!(found(&files, GIVES_UP), vec![]);
    assert_eq!(found(&files, KILLS), vec![]);
}

#[test]
fn a_short_request_terminate_timeout_is_flagged() {
    let files = debian_pool("request_terminate_timeout = 20s");
    let f = found(&files, KILLS);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].1.contains(
            "PHP's default, since no php.ini was checked (Debian: /etc/php/8.2/fpm/php.ini)"
        ),
        "{}",
        f[0].1
    );
    assert!(f[0].1.contains("502"), "{}", f[0].1);
    // Above PHP's default: PHP stops the script first.
    assert_eq!(
        found(&debian_pool("request_terminate_timeout = 40s"), KILLS),
        vec![]
    );
}

fn apache(body: &str) -> (&'static str, String) {
    (
        "etc/apache2/apache2.conf",
        format!(
            "LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n\
             LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\n\
             LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n\
             Listen 127.0.0.1:8080\n\
             {body}\n\
             <FilesMatch \"\\.php$\">\n\
             SetHandler \"proxy:unix:{SOCK}|fcgi://localhost\"\n\
             </FilesMatch>\n"
        ),
    )
}

#[test]
fn a_short_apache_proxy_timeout_is_flagged() {
    let mut files = debian_pool("");
    files.push(apache("ProxyTimeout 10"));
    let f = found(&files, GIVES_UP);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].1.starts_with("Apache stops waiting"), "{}", f[0].1);
    assert!(f[0].1.contains(DEBIAN_NOTE), "{}", f[0].1);
    let mut files = debian_pool("");
    files.push(apache("ProxyTimeout 40"));
    assert_eq!(found(&files, GIVES_UP), vec![]);
}

#[test]
fn a_short_front_of_a_chain_through_httpd_is_flagged() {
    let mut files = debian_pool("");
    files.push(apache(""));
    files.push((
        "etc/nginx/nginx.conf",
        "events {}\nhttp { server { location / {\nproxy_pass http://127.0.0.1:8080;\nproxy_read_timeout 10s;\n} } }\n"
            .into(),
    ));
    let f = found(&files, GIVES_UP);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].1.starts_with("nginx stops waiting for httpd"),
        "{}",
        f[0].1
    );
    assert!(f[0].1.contains(DEBIAN_NOTE), "{}", f[0].1);
}

/// The file named as the one that would override the default, by layout.
#[test]
fn the_php_ini_named_follows_the_layout() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                (
                    "etc/php-fpm.conf",
                    "[global]\ninclude=/etc/php-fpm.d/*.conf\n",
                ),
                (
                    "etc/php-fpm.d/www.conf",
                    "[www]\nlisten = 127.0.0.1:9000\nrequest_terminate_timeout = 5\n",
                ),
            ],
            "Fedora/RHEL: /etc/php.ini",
        ),
        (
            &[
                (
                    "etc/php82/php-fpm.conf",
                    "[global]\ninclude=/etc/php82/php-fpm.d/*.conf\n",
                ),
                (
                    "etc/php82/php-fpm.d/www.conf",
                    "[www]\nlisten = 127.0.0.1:9000\nrequest_terminate_timeout = 5\n",
                ),
            ],
            "Alpine: /etc/php82/php.ini",
        ),
        (
            &[
                (
                    "usr/local/etc/php-fpm.conf",
                    "[global]\ninclude=etc/php-fpm.d/*.conf\n",
                ),
                (
                    "usr/local/etc/php-fpm.d/www.conf",
                    "[www]\nlisten = 127.0.0.1:9000\nrequest_terminate_timeout = 5\n",
                ),
                (
                    "usr/local/etc/php-fpm.d/docker.conf",
                    "[global]\nerror_log = /proc/self/fd/2\n",
                ),
            ],
            "the official php image: /usr/local/etc/php/php.ini",
        ),
        (
            &[
                (
                    "usr/local/etc/php-fpm.conf",
                    "[global]\ninclude=etc/php-fpm.d/*.conf\n",
                ),
                (
                    "usr/local/etc/php-fpm.d/www.conf",
                    "[www]\nlisten = 127.0.0.1:9000\nrequest_terminate_timeout = 5\n",
                ),
            ],
            "FreeBSD: /usr/local/etc/php.ini",
        ),
    ];
    for (files, place) in cases {
        let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (*p, t.to_string())).collect();
        let f = found(&files, KILLS);
        assert_eq!(f.len(), 1, "{place}: {f:?}");
        assert!(f[0].1.contains(place), "{place}: {}", f[0].1);
    }
}
