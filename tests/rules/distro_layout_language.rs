//! A file's language follows its place and, above all, what includes it:
//! Fedora ships `/etc/nginx/conf.d/php-fpm.conf`, an nginx `upstream` that
//! `nginx.conf` includes in `http`; it is nginx, not a php-fpm master.

use crate::common;

#[test]
fn fedora_nginx_conf_d_php_fpm_conf_is_nginx() {
    let (_dir, project) = common::check_tree(&[
        (
            "etc/nginx/nginx.conf",
            "user nginx;\nevents {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n    server {\n        listen 80;\n        location ~ \\.php$ {\n            fastcgi_pass php-fpm;\n        }\n    }\n}\n",
        ),
        (
            "etc/nginx/conf.d/php-fpm.conf",
            "# PHP-FPM FastCGI server\n# network or unix domain socket configuration\n\nupstream php-fpm {\n        server unix:/run/php-fpm/www.sock;\n}\n",
        ),
        (
            "etc/php-fpm.d/www.conf",
            "[www]\nuser = apache\ngroup = apache\nlisten = /run/php-fpm/www.sock\nlisten.acl_users = apache,nginx\npm = static\npm.max_children = 2\n",
        ),
    ]);
    let f = project
        .files
        .iter()
        .find(|f| f.path.ends_with("etc/nginx/conf.d/php-fpm.conf"))
        .unwrap();
    assert_eq!(f.kind, hoplint::source::Kind::Nginx);
    let codes: Vec<&str> = project.diagnostics.iter().map(|d| d.code).collect();
    assert!(
        !codes.contains(&"php-fpm-syntax"),
        "{:#?}",
        project.diagnostics
    );
    assert!(
        !codes.contains(&"upstream-unknown"),
        "{:#?}",
        project.diagnostics
    );
    assert!(
        !codes.contains(&"unix-socket-missing"),
        "{:#?}",
        project.diagnostics
    );
}

/// The same file in a repository of configs that is not laid out like
/// `/etc` (nothing in its place says nginx): the include says it.
#[test]
fn a_file_named_like_a_php_fpm_master_is_read_as_what_includes_it() {
    let (_dir, project) = common::check_tree(&[
        (
            "web/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n    server {\n        listen 80;\n        include php-fpm.conf;\n        location ~ \\.php$ {\n            fastcgi_pass php-fpm;\n        }\n    }\n}\n",
        ),
        // Nothing in it tells: only its include site does.
        ("web/php-fpm.conf", "# kept for the old vhosts\n"),
        (
            "web/conf.d/php-fpm.conf",
            "upstream php-fpm {\n    server unix:/run/php-fpm/www.sock;\n}\n",
        ),
        (
            "snippets/php-fpm.conf",
            "fastcgi_pass php-fpm;\n",
        ),
        (
            "pools/php-fpm.conf",
            "[global]\nerror_log = /var/log/php-fpm.log\n[www]\nlisten = /run/php-fpm/www.sock\npm = static\npm.max_children = 2\n",
        ),
    ]);
    use hoplint::source::Kind;
    use hoplint::syntax::Tree;
    let kind = |p: &str| {
        let f = project
            .files
            .iter()
            .find(|f| f.path.ends_with(p))
            .unwrap_or_else(|| panic!("{p} not read"));
        // The tree is of the language the file is said to be in.
        let tree = match &project.trees[f.id.0 as usize] {
            Tree::Nginx(_) => Kind::Nginx,
            Tree::Apache(_) => Kind::Apache,
            Tree::PhpFpm(_) => Kind::PhpFpm,
        };
        assert_eq!(tree, f.kind, "{p}");
        f.kind
    };
    assert_eq!(kind("web/php-fpm.conf"), Kind::Nginx);
    assert_eq!(kind("web/conf.d/php-fpm.conf"), Kind::Nginx);
    // Included by nothing: its content says what it is.
    assert_eq!(kind("snippets/php-fpm.conf"), Kind::Nginx);
    assert_eq!(kind("pools/php-fpm.conf"), Kind::PhpFpm);
    let found: Vec<(&str, &str)> = project
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.as_str()))
        .collect();
    for wrong in [
        "php-fpm-syntax",
        "nginx-syntax",
        "upstream-unknown",
        "unix-socket-missing",
    ] {
        assert!(
            !found.iter().any(|(c, _)| *c == wrong),
            "{wrong}: {found:#?}"
        );
    }
}
