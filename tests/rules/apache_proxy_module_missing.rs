//! The edges of `apache-proxy-module-missing`: what it must report, and
//! the look-alikes it must leave alone.

use crate::common;

const PROXY: &str = "LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n";
const FCGI: &str = "LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\n";
const HTTP: &str = "LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n";

/// (line of the primary label, message) of every finding.
fn findings(files: &[(&str, &str)]) -> Vec<(usize, String)> {
    let (_dir, project) = common::check_tree(files);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "apache-proxy-module-missing")
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            (
                project.file(l.file).line_col(l.range.start).0,
                d.message.clone(),
            )
        })
        .collect()
}

fn lines(conf: &str) -> Vec<usize> {
    findings(&[("etc/apache2/apache2.conf", conf)])
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

const PHP_HANDLER: &str = "<FilesMatch \\.php$>\nSetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>\n";

#[test]
fn each_missing_module_is_named_on_the_line_that_needs_it() {
    let conf = format!(
        "{PROXY}{PHP_HANDLER}ProxyPass /a http://127.0.0.1:8080/\nProxyPassMatch ^/(.*)$ fcgi://127.0.0.1:9000/srv/$1\nSetHandler \"proxy:http://127.0.0.1:8080/\"\n"
    );
    let found = findings(&[("etc/apache2/apache2.conf", &conf)]);
    let got: Vec<(usize, &str)> = found
        .iter()
        .map(|(l, m)| (*l, m.split(',').next().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "`SetHandler \"proxy:…\"` needs mod_proxy_fcgi"),
            (5, "`ProxyPass` to `http://` needs mod_proxy_http"),
            (6, "`ProxyPassMatch` to `fcgi://` needs mod_proxy_fcgi"),
            (7, "`SetHandler \"proxy:…\"` needs mod_proxy_http"),
        ]
    );
}

#[test]
fn without_mod_proxy_its_directives_are_refused() {
    let conf = format!(
        "{FCGI}{PHP_HANDLER}ProxyPass /a ajp://127.0.0.1:8009/\nBalancerMember balancer://b http://127.0.0.1:81\n"
    );
    let found = findings(&[("etc/apache2/apache2.conf", &conf)]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].1.contains("needs mod_proxy,"), "{found:?}");
    assert!(found[1].1.contains("httpd refuses the config"), "{found:?}");
    assert_eq!((found[1].0, found[2].0), (5, 6));
}

#[test]
fn loaded_modules_are_silent_whatever_include_brings_them() {
    let files = [
        (
            "etc/apache2/apache2.conf",
            "IncludeOptional mods-enabled/*.load\nInclude sites-enabled/*.conf\n",
        ),
        ("etc/apache2/mods-enabled/proxy.load", PROXY),
        ("etc/apache2/mods-enabled/proxy_fcgi.load", FCGI),
        ("etc/apache2/mods-enabled/proxy_http.load", HTTP),
        (
            "etc/apache2/sites-enabled/a.conf",
            "<VirtualHost *:80>\n<FilesMatch \\.php$>\nSetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|FCGI://localhost\"\n</FilesMatch>\nProxyPass /a http://127.0.0.1:8080/\nProxyPass /b unix:/run/app.sock|http://localhost/\n</VirtualHost>\n",
        ),
    ];
    assert_eq!(findings(&files), Vec::<(usize, String)>::new());
    // Red Hat's layout.
    let files = [
        (
            "etc/httpd/conf/httpd.conf",
            "ServerRoot /etc/httpd\nInclude conf.modules.d/*.conf\nProxyPass /a fcgi://127.0.0.1:9000/\n",
        ),
        ("etc/httpd/conf.modules.d/00-proxy.conf", &format!("{PROXY}{FCGI}")),
    ];
    assert_eq!(findings(&files), Vec::<(usize, String)>::new());
}

#[test]
fn nothing_is_said_without_the_main_config() {
    let files = [(
        "etc/apache2/sites-enabled/a.conf",
        "<VirtualHost *:80>\nProxyPass /a fcgi://127.0.0.1:9000/\n</VirtualHost>\n",
    )];
    assert_eq!(findings(&files), Vec::<(usize, String)>::new());
    let files = [("etc/apache2/conf-available/php8.2-fpm.conf", PHP_HANDLER)];
    assert_eq!(findings(&files), Vec::<(usize, String)>::new());
    // A main config loading no module at all: a static build, or a part.
    assert!(lines(&format!(
        "{PHP_HANDLER}ProxyPass /a fcgi://127.0.0.1:9000/\n"
    ))
    .is_empty());
}

#[test]
fn uses_httpd_skips_behind_ifmodule_are_skipped() {
    // Debian's conf-available/php8.2-fpm.conf guards its handler this way.
    let conf = format!(
        "{PROXY}<IfModule !mod_php8.c>\n<IfModule proxy_fcgi_module>\n{PHP_HANDLER}</IfModule>\n</IfModule>\n<IfModule mod_proxy_http.c>\nProxyPass /a http://127.0.0.1:8080/\n</IfModule>\n<IfModule !proxy_module>\nProxyPass /b fcgi://127.0.0.1:9000/\n</IfModule>\n"
    );
    assert!(lines(&conf).is_empty());
    // A guard that holds does not hide the use; nor does a module loaded
    // after the guard is read.
    let conf = format!(
        "{PROXY}<IfModule unixd_module>\nProxyPass /a fcgi://127.0.0.1:9000/\n</IfModule>\n<IfModule !proxy_fcgi_module>\nProxyPass /b http://127.0.0.1:8080/\n</IfModule>\n"
    );
    assert_eq!(lines(&conf), vec![3, 6]);
    let conf = format!("{PROXY}<IfModule proxy_fcgi_module>\nProxyPass /a fcgi://127.0.0.1:9000/\n</IfModule>\n{FCGI}");
    assert!(lines(&conf).is_empty());
}

#[test]
fn a_snippet_included_twice_is_reported_once() {
    let files = [
        (
            "etc/apache2/apache2.conf",
            &format!("{PROXY}<VirtualHost *:80>\nInclude /etc/apache2/php.conf\n</VirtualHost>\n<VirtualHost *:81>\nInclude /etc/apache2/php.conf\n</VirtualHost>\n") as &str,
        ),
        ("etc/apache2/php.conf", PHP_HANDLER),
    ];
    assert_eq!(findings(&files).len(), 1);
}
