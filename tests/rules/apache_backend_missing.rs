//! The edges of `apache-backend-missing`: what it must report, and the
//! look-alikes it must leave alone.

use crate::common;

use hoplint::diagnostic::Severity;

const POOLS: (&str, &str) = (
    "etc/php/8.2/fpm/pool.d/www.conf",
    "[www]\nlisten = /run/php/php8.2-fpm.sock\n[tcp]\nlisten = 127.0.0.1:9000\n",
);

/// (severity, line of the primary label, every label's text) of each finding.
fn findings(files: &[(&str, &str)]) -> Vec<(Severity, usize, Vec<String>)> {
    let (_dir, project) = common::check_tree(files);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "apache-backend-missing")
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            (
                d.severity,
                project.file(l.file).line_col(l.range.start).0,
                d.labels().map(|l| l.message.clone()).collect(),
            )
        })
        .collect()
}

fn run(conf: &str, with_pools: bool) -> Vec<(Severity, usize)> {
    let mut files = vec![("etc/apache2/apache2.conf", conf)];
    if with_pools {
        files.push(POOLS);
    }
    findings(&files)
        .into_iter()
        .map(|(s, line, _)| (s, line))
        .collect()
}

#[test]
fn every_kind_of_proxy_is_checked_on_its_own_line() {
    let conf = "Listen 80\n\
        <FilesMatch \\.php$>\n\
        SetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost\"\n\
        </FilesMatch>\n\
        ProxyPassMatch ^/(.*\\.php)$ fcgi://127.0.0.1:9001/srv/www/$1\n\
        <Location /app>\n\
        ProxyPass fcgi://[::1]:9000/\n\
        </Location>\n\
        <Proxy balancer://php>\n\
        BalancerMember fcgi://localhost:9002\n\
        BalancerMember fcgi://127.0.0.1:9000\n\
        </Proxy>\n\
        ProxyPass /b balancer://php/\n";
    assert_eq!(
        run(conf, true),
        vec![
            (Severity::Error, 3),
            (Severity::Error, 5),
            (Severity::Error, 7),
            (Severity::Error, 10),
        ]
    );
}

#[test]
fn the_nearest_listener_is_named() {
    let conf = "SetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost/\"\n\
        ProxyPass /x fcgi://127.0.0.1:9001/\n";
    let found = findings(&[("etc/apache2/apache2.conf", conf), POOLS]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0].2[1],
        "did you mean `unix:/run/php/php8.2-fpm.sock`? php-fpm pool `www` listens here"
    );
    assert_eq!(
        found[1].2[1],
        "did you mean `127.0.0.1:9000`? php-fpm pool `tcp` listens here"
    );
}

/// A socket a few edits from a listener's is its typo; one farther off is
/// another site's, never suggested (nor offered as a quick fix).
#[test]
fn only_a_socket_a_typo_away_is_suggested() {
    // Two sections: in the same one the second handler would replace the first.
    let conf = "<FilesMatch \\.php$>\nSetHandler \"proxy:unix:/run/php/php8.2-fpm-shop.sock|fcgi://localhost/\"\n</FilesMatch>\n\
        <FilesMatch \\.phtml$>\nSetHandler \"proxy:unix:/run/php/php8-fpm.sock|fcgi://localhost/\"\n</FilesMatch>\n";
    let found = findings(&[("etc/apache2/apache2.conf", conf), POOLS]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].2.len(), 1, "five edits away: {found:?}");
    assert_eq!(
        found[1].2[1],
        "did you mean `unix:/run/php/php8.2-fpm.sock`? php-fpm pool `www` listens here"
    );
}

#[test]
fn answered_backends_are_silent() {
    let conf = "<FilesMatch \\.php$>\n\
        SetHandler \"proxy:unix:/run/php//php8.2-fpm.sock|fcgi://localhost\"\n\
        </FilesMatch>\n\
        ProxyPass /a fcgi://localhost:9000/\n\
        ProxyPass /b fcgi://127.0.0.1:9000/srv/$1\n\
        ProxyPass /c !\n\
        ProxyPass /d unix:/var/run/php/php8.2-fpm.sock|fcgi://localhost/\n";
    assert_eq!(run(conf, true), vec![]);
}

#[test]
fn nothing_is_said_without_pools_or_off_loopback_or_for_other_servers() {
    let conf = "SetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost\"\n\
        ProxyPass /b fcgi://127.0.0.1:9999/\n";
    assert_eq!(run(conf, false), vec![]);
    let conf = "ProxyPass /a fcgi://10.0.0.5:9000/\n\
        ProxyPass /g http://127.0.0.1:8000/\n\
        ProxyPass /s \"unix:/run/gunicorn.sock|http://localhost/\"\n\
        ProxyPass /w unix:/run/fcgiwrap.socket|fcgi://localhost/\n\
        ProxyPass /r unix:php.sock|fcgi://localhost/\n\
        ProxyPass /j ajp://127.0.0.1:8009/\n\
        ProxyPass /u uwsgi://127.0.0.1:3031/\n\
        ProxyPass /v fcgi://php:9000/\n";
    assert_eq!(run(conf, true), vec![]);
}

#[test]
fn http_backends_are_only_warned_about_for_a_family_split() {
    let files = [
        (
            "etc/apache2/apache2.conf",
            "ProxyPass / http://127.0.0.1:8080/\nProxyPass /n http://127.0.0.1:3000/\n",
        ),
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n server { listen [::]:8080; }\n}\n",
        ),
    ];
    let found = findings(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (Severity::Warning, 1));
    assert_eq!(
        found[0].2[1],
        "`[::]:8080` listens on the same port but on the other address family"
    );
}

#[test]
fn a_socket_in_a_scanned_directory_is_checked_for_any_protocol() {
    let files = [
        (
            "etc/apache2/apache2.conf",
            "ProxyPass / unix:/run/nginx/app.sock|http://localhost/\n",
        ),
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n server { listen unix:/run/nginx/web.sock; }\n}\n",
        ),
    ];
    assert_eq!(findings(&files).len(), 1);
}

#[test]
fn a_snippet_included_twice_is_reported_once() {
    let files = [
        (
            "etc/apache2/apache2.conf",
            "<VirtualHost *:80>\nInclude /etc/apache2/php.conf\n</VirtualHost>\n\
             <VirtualHost *:8080>\nInclude /etc/apache2/php.conf\n</VirtualHost>\n",
        ),
        (
            "etc/apache2/php.conf",
            "SetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost\"\n",
        ),
        POOLS,
    ];
    let found = findings(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, 1);
}

#[test]
fn a_line_httpd_skips_behind_ifmodule_is_not_checked() {
    let guarded = "<IfModule proxy_fcgi_module>\nSetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost\"\n</IfModule>\n";
    let files = |conf: &str| {
        findings(&[("etc/apache2/apache2.conf", conf), POOLS])
            .into_iter()
            .map(|(_, line, _)| line)
            .collect::<Vec<_>>()
    };
    let without = format!("LoadModule proxy_module mod_proxy.so\n{guarded}");
    assert!(files(&without).is_empty());
    let with = format!("LoadModule proxy_module mod_proxy.so\nLoadModule proxy_fcgi_module mod_proxy_fcgi.so\n{guarded}");
    assert_eq!(files(&with), vec![4]);
    // Where the modules are unknown, the line is checked.
    assert_eq!(files(guarded), vec![2]);
}

/// httpd merges equal sections in reading order: a later `SetHandler` in
/// the same sections replaces an earlier one, whose socket then never
/// receives a request. In other sections (another `<Directory>`, another
/// vhost) both stay live.
#[test]
fn a_handler_a_later_equal_section_replaces_is_not_a_hop() {
    let replaced = "Listen 80\n\
        <FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php/old.sock|fcgi://localhost\"\n</FilesMatch>\n\
        <FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>\n";
    assert_eq!(run(replaced, true), []);
    // A later plain handler replaces a proxy as well.
    let plain = "Listen 80\n\
        <FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php/old.sock|fcgi://localhost\"\n</FilesMatch>\n\
        <FilesMatch \\.php$>\n    SetHandler application/x-httpd-php\n</FilesMatch>\n";
    assert_eq!(run(plain, true), []);
    // The later one is what counts: a missing socket there is reported.
    let reversed = "Listen 80\n\
        <FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>\n\
        <FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php/old.sock|fcgi://localhost\"\n</FilesMatch>\n";
    assert_eq!(run(reversed, true), [(Severity::Error, 6)]);
    let elsewhere = "Listen 80\n\
        <Directory /srv/a>\n<FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php/old.sock|fcgi://localhost\"\n</FilesMatch>\n</Directory>\n\
        <Directory /srv/b>\n<FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>\n</Directory>\n";
    assert_eq!(run(elsewhere, true), [(Severity::Error, 4)]);
}
