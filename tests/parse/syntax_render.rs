//! How syntax errors read: the rendered miette reports (no colour, width
//! 100, paths relative to the checked tree) for files with several errors
//! each, in all three languages. Every error of a file is reported, not
//! only the first.

use crate::common;

use hoplint::load::Options;
use hoplint::render::human::{render_all, Style};

fn rendered(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let project = hoplint::check(
        &[path],
        &Options {
            root: None,
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    render_all(
        &project,
        Style {
            color: false,
            width: 100,
        },
    )
}

fn snap(id: &str, name: &str, text: &str) {
    let out = rendered(name, text);
    common::snapshot_settings("syntax_render").bind(|| insta::assert_snapshot!(id, out));
}

#[test]
fn nginx_errors_in_one_file() {
    snap(
        "nginx",
        "sites-enabled/shop",
        r#"server {
    listen 80;
    server_name shop.example.com;
    add_header X-Frame-Options "SAMEORIGIN" always
    location ~ \.php$ {
        rewrite ^/old$;
        fastcgi_pass unix:/run/php/php8.2-fpm.sock;
    }
    location /api {
        proxy_pass http://127.0.0.1:8000
    }
}
}
"#,
    );
}

#[test]
fn nginx_unclosed_quote_and_block() {
    snap(
        "nginx_unclosed",
        "nginx.conf",
        "events {}\nhttp {\n    server {\n        listen 80;\n        return 200 \"ok;\n    }\n}\n",
    );
}

#[test]
fn apache_errors_in_one_file() {
    snap(
        "apache",
        "sites-enabled/shop.conf",
        r#"<VirtualHost *:80>
    ServerName shop.example.com
    <Directory /srv/shop/public
        Require all granted
    </Directory>
    <FilesMatch "\.php$">
        SetHandler "proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost"
</VirtualHost>
</IfModule>
<Location /status>
"#,
    );
}

#[test]
fn php_fpm_errors_in_one_file() {
    snap(
        "php_fpm",
        "pool.d/www.conf",
        r#"[www]
user = www-data
listen /run/php/php8.2-fpm.sock
# an old-style comment
pm = dynamic
php_admin_value[error_log] = "/var/log/fpm-www.log
[api
listen = 127.0.0.1:9001
"#,
    );
}
