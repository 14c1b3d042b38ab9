//! The stack model built for small trees, as a compact outline: which
//! server, location and hop each directive lands in, includes spliced in
//! at their site, php-fpm pools with `$pool` expanded.

use crate::common;

use hoplint::load::Options;
use hoplint::model;

fn model_of(files: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    let project = hoplint::load::load(
        &[dir.path().to_path_buf()],
        &Options {
            root: Some(dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    let stack = model::build(&project);
    model::dump::dump(&project, &stack)
}

fn snap(name: &str, out: String) {
    common::snapshot_settings("model").bind(|| insta::assert_snapshot!(name, out));
}

#[test]
fn includes_are_spliced_into_their_context() {
    snap(
        "nginx_includes",
        model_of(&[
            (
                "etc/nginx/nginx.conf",
                "user www-data;\nevents {}\nhttp {\n    include /etc/nginx/upstreams.conf;\n    include /etc/nginx/sites-enabled/*;\n}\n",
            ),
            (
                "etc/nginx/upstreams.conf",
                "upstream php {\n    server 127.0.0.1:9000;\n    server unix:/run/php/b.sock backup;\n}\n",
            ),
            (
                "etc/nginx/sites-enabled/a",
                "server {\n    listen 80;\n    listen [::]:80;\n    server_name a.example;\n    location / {\n        include /etc/nginx/snippets/php.conf;\n    }\n    location /api/ {\n        proxy_pass http://127.0.0.1:8080/v1/;\n    }\n}\n",
            ),
            (
                "etc/nginx/sites-enabled/b",
                "server {\n    listen 127.0.0.1:8080;\n    location ~ \\.php$ {\n        fastcgi_pass php;\n    }\n}\n",
            ),
            (
                "etc/nginx/snippets/php.conf",
                "location ~ \\.php$ {\n    fastcgi_pass unix:/run/php/php8.2-fpm.sock;\n}\n",
            ),
        ]),
    );
}

#[test]
fn pass_directives_are_not_inherited() {
    snap(
        "nginx_no_inheritance",
        model_of(&[(
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    server {\n        location /app/ {\n            proxy_pass http://localhost:3000;\n            location /app/static/ {\n                root /srv;\n            }\n            location /app/ws/ {\n                if ($http_upgrade) {\n                    grpc_pass grpc://[::1]:50051;\n                }\n                uwsgi_pass $backend;\n            }\n        }\n    }\n}\nstream {\n    server {\n        listen 5432;\n        proxy_pass 10.0.0.1:5432;\n    }\n}\n",
        )]),
    );
}

#[test]
fn site_files_without_an_entry_point_are_read_on_their_own() {
    snap(
        "nginx_unreached_site",
        model_of(&[(
            "sites/shop.conf",
            "server {\n    listen 8080;\n    location ~ \\.php$ {\n        fastcgi_pass 127.0.0.1:9000;\n    }\n}\n",
        )]),
    );
}

#[test]
fn pools_expand_pool_and_continue_sections_across_includes() {
    snap(
        "php_fpm_pools",
        model_of(&[
            (
                "etc/php/8.2/fpm/php-fpm.conf",
                "[global]\npid = /run/php/php8.2-fpm.pid\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
            ),
            (
                "etc/php/8.2/fpm/pool.d/shop.conf",
                "[shop]\nuser = shop\ngroup = shop\nlisten = /run/php/php8.2-fpm-$pool.sock\nlisten.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\nlisten.acl_users = www-data,nginx\nlisten.backlog = 511\ninclude=/etc/php/8.2/fpm/common/*.conf\n",
            ),
            (
                "etc/php/8.2/fpm/common/tcp.conf",
                "; continues [shop]\nlisten.allowed_clients = 127.0.0.1\n",
            ),
            (
                "etc/php/8.2/fpm/pool.d/www.conf",
                "[www]\nlisten = 127.0.0.1:9000\nlisten = [::]:9001\n[global]\nlog_level = notice\n[www]\nuser = www-data\n",
            ),
            // not included by php-fpm.conf: read on its own, still a pool
            ("etc/php/8.2/fpm/pool.d.disabled/legacy.conf", "[legacy]\nlisten = 9002\n"),
        ]),
    );
}

#[test]
fn apache_vhosts_proxies_and_modules() {
    snap(
        "apache",
        model_of(&[
            (
                "etc/apache2/apache2.conf",
                "Listen 80\n<IfModule ssl_module>\n    Listen 443\n</IfModule>\nIncludeOptional mods-enabled/*.load\nIncludeOptional sites-enabled/*.conf\n",
            ),
            (
                "etc/apache2/mods-enabled/proxy_fcgi.load",
                "LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\n",
            ),
            (
                "etc/apache2/sites-enabled/shop.conf",
                "<VirtualHost *:80>\n    ServerName shop.example.com\n    <FilesMatch \\.php$>\n        SetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost/\"\n    </FilesMatch>\n    ProxyPass /api/ http://127.0.0.1:8080/ timeout=30 retry=0\n    ProxyPassMatch ^/(.*\\.php)$ fcgi://127.0.0.1:9000/srv/shop/$1\n    ProxyPass /app balancer://app/\n    <Proxy balancer://app>\n        BalancerMember http://127.0.0.1:3000 loadfactor=2\n        BalancerMember http://[::1]:3001\n    </Proxy>\n    <Location /status>\n        ProxyPass http://localhost:9100/\n    </Location>\n</VirtualHost>\n",
            ),
        ]),
    );
}

#[test]
fn the_example_stack() {
    let root = common::repo_root().join("examples/debian-php-stack");
    let project = hoplint::load::load(
        std::slice::from_ref(&root),
        &Options {
            root: None,
            display_base: Some(root.clone()),
            kind: None,
        },
    );
    let stack = model::build(&project);
    snap("debian_php_stack", model::dump::dump(&project, &stack));
}

/// Effective values follow nginx's merge: a location's own value, else the
/// nearest enclosing one; `if` blocks never lend theirs; arrays are taken
/// whole from the nearest level that has any.
#[test]
fn effective_values_are_inherited_outward() {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(
        dir.path(),
        &[
            (
                "etc/nginx/nginx.conf",
                "events { worker_connections 512; }\nhttp {\n    fastcgi_read_timeout 30s;\n    proxy_set_header Host $host;\n    proxy_set_header X-A a;\n    include /etc/nginx/site.conf;\n}\n",
            ),
            (
                "etc/nginx/site.conf",
                "server {\n    listen 80;\n    location / {\n        proxy_set_header X-B b;\n        location /inner {\n            if ($x) { fastcgi_read_timeout 1s; }\n            fastcgi_pass unix:/run/a.sock;\n        }\n    }\n    location /own { fastcgi_read_timeout 90s; }\n}\n",
            ),
        ],
    );
    let project = hoplint::load::load(
        &[dir.path().to_path_buf()],
        &Options {
            root: Some(dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    let ng = model::build(&project).nginx;
    let loc = |p: &str| ng.locations.iter().find(|l| l.pattern == p).unwrap().ctx;
    let value = |ctx: usize, name: &str| {
        ng.effective(ctx, name)
            .map(|f| f.dir.texts().collect::<Vec<_>>().join(" "))
    };
    assert_eq!(
        value(loc("/inner"), "fastcgi_read_timeout").as_deref(),
        Some("30s")
    );
    assert_eq!(
        value(loc("/own"), "fastcgi_read_timeout").as_deref(),
        Some("90s")
    );
    assert_eq!(value(loc("/own"), "fastcgi_send_timeout"), None);
    let headers = |ctx: usize| -> Vec<String> {
        ng.effective_all(ctx, "proxy_set_header")
            .iter()
            .map(|d| d.texts().collect::<Vec<_>>().join(" "))
            .collect()
    };
    assert_eq!(headers(loc("/inner")), ["X-B b"]);
    assert_eq!(headers(loc("/own")), ["Host $host", "X-A a"]);
    let hop = &ng.hops[0];
    assert_eq!(ng.enclosing(hop.ctx, "location"), Some(loc("/inner")));
    assert!(ng.http_of(hop.ctx).is_some());
    assert_eq!(
        ng.main_directive("worker_connections")
            .map(|d| d.texts().collect::<Vec<_>>().join(" "))
            .as_deref(),
        Some("512")
    );
}

/// A pool's PHP settings come from its own `php_admin_value`, then
/// `php_value`, then the php.ini beside its master; Apache's server-wide
/// values from the vhost, then the main server.
#[test]
fn php_and_apache_settings_resolve_like_the_servers() {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(
        dir.path(),
        &[
            (
                "etc/php/8.2/fpm/php-fpm.conf",
                "[global]\nprocess_control_timeout = 10s\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
            ),
            ("etc/php/8.2/fpm/php.ini", "[PHP]\nmemory_limit = 128M\nmax_execution_time = 30\n[PATH=/srv]\nmemory_limit = 1G\n"),
            ("etc/php/8.2/cli/php.ini", "[PHP]\nmemory_limit = -1\n"),
            (
                "etc/php/8.2/fpm/pool.d/www.conf",
                "[www]\nlisten = /run/php/www.sock\npm.max_children = 7\nphp_value[max_execution_time] = 60\nphp_admin_value[memory_limit] = 256M\n[api]\nlisten = /run/php/api.sock\n",
            ),
            (
                "etc/apache2/apache2.conf",
                "Timeout 300\nKeepAliveTimeout 5\n<VirtualHost *:80>\n    Timeout 30\n    <Location /x>\n        ProxyTimeout 1\n    </Location>\n</VirtualHost>\n",
            ),
        ],
    );
    let project = hoplint::load::load(
        &[dir.path().to_path_buf()],
        &Options {
            root: Some(dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    let stack = model::build(&project);
    let pool = |n: &str| stack.pools.iter().find(|p| p.name == n).unwrap();
    let php = |p: &str, k: &str| {
        stack
            .php_setting(pool(p), k)
            .map(|(s, src)| format!("{} {src:?}", s.value))
    };
    assert_eq!(
        php("www", "memory_limit").as_deref(),
        Some("256M PoolAdmin")
    );
    assert_eq!(php("www", "max_execution_time").as_deref(), Some("60 Pool"));
    assert_eq!(php("api", "memory_limit").as_deref(), Some("128M PhpIni"));
    assert_eq!(php("api", "post_max_size"), None);
    assert_eq!(
        pool("www").get("pm.max_children").map(|s| s.value.as_str()),
        Some("7")
    );
    let master = &stack.masters[pool("www").master];
    assert_eq!(
        master
            .global("process_control_timeout")
            .map(|s| s.value.as_str()),
        Some("10s")
    );
    let ap = &stack.apache;
    let value = |v: Option<usize>, n: &str| ap.effective(v, n).map(|s| s.args.join(" "));
    assert_eq!(value(Some(0), "timeout").as_deref(), Some("30"));
    assert_eq!(value(None, "Timeout").as_deref(), Some("300"));
    assert_eq!(value(Some(0), "KeepAliveTimeout").as_deref(), Some("5"));
    assert_eq!(value(Some(0), "ProxyTimeout"), None);
}
