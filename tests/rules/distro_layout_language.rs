//! A file's language follows its place: Fedora ships
//! `/etc/nginx/conf.d/php-fpm.conf`, an nginx `upstream` that
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
