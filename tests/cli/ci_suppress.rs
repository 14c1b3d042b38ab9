//! Inline suppressions (`hoplint: ignore[…]`) in nginx, httpd and php-fpm
//! files: every form (own line for the next directive, a whole block,
//! trailing, whole file), and the findings about suppressions themselves
//! (unused, unknown code, malformed, missing reason when required).

use crate::common;

use hoplint::config::Config;
use hoplint::load::Project;
use hoplint::suppress::SilencedBy;

const PHP_FPM_CONF: &str = "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n";

const POOL: &str = "[www]
user = www-data
group = www-data
listen = /run/php/php8.2-fpm.sock
listen.owner = www-data
listen.group = www-data
pm = dynamic
pm.max_children = 5
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
";

const NGINX_CONF: &str =
    "user www-data;\nevents {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n";

/// A site whose `fastcgi_pass` names a socket no pool creates
/// (`unix-socket-missing`), with `MARK` lines to put suppressions at.
fn nginx_tree(site: &str) -> Vec<(&'static str, String)> {
    vec![
        ("etc/nginx/nginx.conf", NGINX_CONF.to_string()),
        ("etc/nginx/sites-enabled/shop", site.to_string()),
        ("etc/php/8.2/fpm/php-fpm.conf", PHP_FPM_CONF.to_string()),
        ("etc/php/8.2/fpm/pool.d/www.conf", POOL.to_string()),
    ]
}

fn check(files: &[(&str, String)], config: &str) -> (tempfile::TempDir, Project) {
    common::check_tree_with(files, &Config::parse(config).unwrap())
}

/// `code@path:line` of every finding the gate counts.
fn active(project: &Project, dir: &std::path::Path) -> Vec<String> {
    project
        .diagnostics
        .iter()
        .map(|d| match &d.primary {
            Some(l) => format!("{}@{}", d.code, common::place(project, dir, l)),
            None => d.code.to_string(),
        })
        .collect()
}

/// `code@path:line (reason)` of every finding silenced in the configs.
fn silenced(project: &Project, dir: &std::path::Path) -> Vec<String> {
    project
        .silenced
        .iter()
        .map(|s| {
            let d = &s.diagnostic;
            let at = common::place(project, dir, d.primary.as_ref().unwrap());
            match &s.by {
                SilencedBy::Comment { reason, .. } => {
                    format!("{}@{at} ({})", d.code, reason.as_deref().unwrap_or("-"))
                }
                SilencedBy::Baseline => format!("{}@{at} (baseline)", d.code),
            }
        })
        .collect()
}

#[test]
fn without_a_suppression_the_socket_is_reported() {
    let (dir, p) = check(
        &nginx_tree("server {\n    listen 80;\n    location ~ \\.php$ {\n        fastcgi_pass unix:/run/php/php7.4-fpm.sock;\n    }\n}\n"),
        "",
    );
    assert_eq!(
        active(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:4"]
    );
    assert!(p.silenced.is_empty());
}

#[test]
fn nginx_own_line_silences_the_next_directive_only() {
    let site = "server {
    listen 80;
    location ~ \\.php$ {
        # hoplint: ignore[unix-socket-missing] -- the socket is created by systemd
        fastcgi_pass unix:/run/php/php7.4-fpm.sock;
    }
    location /legacy {
        fastcgi_pass unix:/run/php/php5-fpm.sock;
    }
}
";
    let (dir, p) = check(&nginx_tree(site), "");
    assert_eq!(
        silenced(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:5 (the socket is created by systemd)"]
    );
    assert_eq!(
        active(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:8"]
    );
}

#[test]
fn nginx_own_line_before_a_block_silences_the_whole_block() {
    let site = "# hoplint: ignore[connectivity] -- retired site, kept for reference
server {
    listen 80;
    location ~ \\.php$ {
        fastcgi_pass unix:/run/php/php7.4-fpm.sock;
    }
    location /legacy {
        fastcgi_pass unix:/run/php/php5-fpm.sock;
    }
}
server {
    listen 8080;
    location / {
        fastcgi_pass unix:/run/php/php5-fpm.sock;
    }
}
";
    let (dir, p) = check(&nginx_tree(site), "");
    assert_eq!(
        silenced(&p, dir.path()),
        [
            "unix-socket-missing@etc/nginx/sites-enabled/shop:5 (retired site, kept for reference)",
            "unix-socket-missing@etc/nginx/sites-enabled/shop:8 (retired site, kept for reference)"
        ]
    );
    assert_eq!(
        active(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:14"]
    );
}

#[test]
fn nginx_trailing_comment_silences_its_line() {
    let site = "server {
    listen 80;
    location ~ \\.php$ {
        fastcgi_pass unix:/run/php/php7.4-fpm.sock; # hoplint: ignore[unix-socket-missing] -- systemd socket
        # an ordinary comment
    }
    location /legacy { fastcgi_pass unix:/run/php/php5-fpm.sock; }
}
";
    let (dir, p) = check(&nginx_tree(site), "");
    assert_eq!(
        silenced(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:4 (systemd socket)"]
    );
    assert_eq!(
        active(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:7"]
    );
}

#[test]
fn nginx_whole_file_form_and_all() {
    let site = "server {
    listen 80;
    location ~ \\.php$ {
        fastcgi_pass unix:/run/php/php7.4-fpm.sock;
    }
    location /legacy { fastcgi_pass unix:/run/php/php5-fpm.sock; }
}
# hoplint: ignore-file[all] -- vendored from the old host
";
    let (dir, p) = check(&nginx_tree(site), "");
    assert_eq!(
        silenced(&p, dir.path()),
        [
            "unix-socket-missing@etc/nginx/sites-enabled/shop:4 (vendored from the old host)",
            "unix-socket-missing@etc/nginx/sites-enabled/shop:6 (vendored from the old host)"
        ]
    );
    assert!(active(&p, dir.path()).is_empty(), "{:?}", p.diagnostics);
}

/// A `#` in a quoted nginx string is no comment, so no suppression.
#[test]
fn nginx_text_that_only_looks_like_a_comment_silences_nothing() {
    let site = "server {
    listen 80;
    add_header X-Note \"# hoplint: ignore-file[all]\";
    location ~ \\.php$ {
        fastcgi_pass unix:/run/php/php7.4-fpm.sock;
    }
}
";
    let (dir, p) = check(&nginx_tree(site), "");
    assert_eq!(
        active(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:5"]
    );
}

/// The finding's primary label is in the nginx file; a suppression in the
/// pool's file, where a secondary label might point, does not silence it.
#[test]
fn a_finding_is_silenced_from_the_file_of_its_primary_label() {
    let mut files = nginx_tree(
        "server {\n    listen 80;\n    location ~ \\.php$ {\n        fastcgi_pass unix:/run/php/php7.4-fpm.sock;\n    }\n}\n",
    );
    files[3].1 = format!("; hoplint: ignore-file[unix-socket-missing] -- wrong file\n{POOL}");
    let (dir, p) = check(&files, "");
    assert_eq!(
        active(&p, dir.path()),
        [
            "unix-socket-missing@etc/nginx/sites-enabled/shop:4",
            "suppression-unused@etc/php/8.2/fpm/pool.d/www.conf:1"
        ]
    );
}

fn apache_tree(site: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "etc/apache2/apache2.conf",
            "Listen 80\nIncludeOptional sites-enabled/*.conf\n".to_string(),
        ),
        ("etc/apache2/sites-enabled/shop.conf", site.to_string()),
        ("etc/php/8.2/fpm/php-fpm.conf", PHP_FPM_CONF.to_string()),
        ("etc/php/8.2/fpm/pool.d/www.conf", POOL.to_string()),
    ]
}

#[test]
fn httpd_own_line_before_a_section_silences_it_to_its_closing_tag() {
    let site = "# hoplint: ignore[apache-backend-missing] -- the old pool, being retired
<VirtualHost *:80>
    ServerName shop.example.com
    <FilesMatch \\.php$>
        SetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost\"
    </FilesMatch>
</VirtualHost>
<VirtualHost *:8080>
    ServerName admin.example.com
    <FilesMatch \\.php$>
        # hoplint: ignore[apache-backend-missing] -- the next directive
        SetHandler \"proxy:unix:/run/php/php5-fpm.sock|fcgi://localhost\"
    </FilesMatch>
    <FilesMatch \\.phtml$>
        SetHandler \"proxy:unix:/run/php/php5-fpm.sock|fcgi://localhost\"
    </FilesMatch>
</VirtualHost>
";
    let (dir, p) = check(&apache_tree(site), "");
    assert_eq!(
        silenced(&p, dir.path()),
        [
            "apache-backend-missing@etc/apache2/sites-enabled/shop.conf:5 (the old pool, being retired)",
            "apache-backend-missing@etc/apache2/sites-enabled/shop.conf:12 (the next directive)"
        ]
    );
    assert_eq!(
        active(&p, dir.path()),
        ["apache-backend-missing@etc/apache2/sites-enabled/shop.conf:15"]
    );
}

/// httpd has no trailing comments: a `#` after a directive is one of its
/// arguments, so nothing is silenced there.
#[test]
fn httpd_has_no_trailing_form() {
    let site = "<VirtualHost *:80>
    ServerName shop.example.com # hoplint: ignore-file[all]
    <FilesMatch \\.php$>
        SetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost\"
    </FilesMatch>
</VirtualHost>
";
    let (dir, p) = check(&apache_tree(site), "");
    assert!(p.silenced.is_empty(), "{:?}", p.silenced);
    assert!(active(&p, dir.path())
        .contains(&"apache-backend-missing@etc/apache2/sites-enabled/shop.conf:4".to_string()));
}

#[test]
fn httpd_whole_file_form() {
    let site = "<VirtualHost *:80>
    <FilesMatch \\.php$>
        SetHandler \"proxy:unix:/run/php/php7.4-fpm.sock|fcgi://localhost\"
    </FilesMatch>
</VirtualHost>
    # hoplint: ignore-file[connectivity] -- staging only
";
    let (dir, p) = check(&apache_tree(site), "");
    assert_eq!(
        silenced(&p, dir.path()),
        ["apache-backend-missing@etc/apache2/sites-enabled/shop.conf:3 (staging only)"]
    );
    assert!(active(&p, dir.path()).is_empty());
}

/// A pool php-fpm refuses: `pm.max_spare_servers` above `pm.max_children`.
fn invalid_pool(
    before_section: &str,
    before_entry: &str,
    trailing: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("etc/php/8.2/fpm/php-fpm.conf", PHP_FPM_CONF.to_string()),
        (
            "etc/php/8.2/fpm/pool.d/www.conf",
            format!(
                "{before_section}[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\npm = dynamic\npm.max_children = 5\npm.start_servers = 2\npm.min_spare_servers = 1\n{before_entry}pm.max_spare_servers = 6{trailing}\n\n[other]\nuser = www-data\ngroup = www-data\nlisten = /run/php/other.sock\npm = static\npm.max_children = 0\n"
            ),
        ),
    ]
}

#[test]
fn php_fpm_without_a_suppression_both_pools_are_reported() {
    let (dir, p) = check(&invalid_pool("", "", ""), "");
    assert_eq!(
        active(&p, dir.path()),
        [
            "php-fpm-pool-invalid@etc/php/8.2/fpm/pool.d/www.conf:9",
            "php-fpm-pool-invalid@etc/php/8.2/fpm/pool.d/www.conf:16"
        ]
    );
}

#[test]
fn php_fpm_own_line_before_a_section_silences_that_pool_only() {
    let (dir, p) = check(
        &invalid_pool(
            "; hoplint: ignore[php-fpm-pool-invalid] -- pool being removed\n",
            "",
            "",
        ),
        "",
    );
    assert_eq!(
        silenced(&p, dir.path()),
        ["php-fpm-pool-invalid@etc/php/8.2/fpm/pool.d/www.conf:10 (pool being removed)"]
    );
    assert_eq!(
        active(&p, dir.path()),
        ["php-fpm-pool-invalid@etc/php/8.2/fpm/pool.d/www.conf:17"]
    );
}

#[test]
fn php_fpm_own_line_before_an_entry_and_trailing_comment() {
    let (dir, p) = check(
        &invalid_pool(
            "",
            "; hoplint: ignore[php-fpm-pool-invalid] -- next entry\n",
            "",
        ),
        "",
    );
    assert_eq!(
        silenced(&p, dir.path()),
        ["php-fpm-pool-invalid@etc/php/8.2/fpm/pool.d/www.conf:10 (next entry)"]
    );
    let (dir, p) = check(
        &invalid_pool(
            "",
            "",
            " ; hoplint: ignore[timeout, php-fpm-pool-invalid] -- trailing",
        ),
        "",
    );
    assert_eq!(
        silenced(&p, dir.path()),
        ["php-fpm-pool-invalid@etc/php/8.2/fpm/pool.d/www.conf:9 (trailing)"]
    );
    // `timeout` silenced nothing there.
    assert_eq!(
        active(&p, dir.path()),
        [
            "suppression-unused@etc/php/8.2/fpm/pool.d/www.conf:9",
            "php-fpm-pool-invalid@etc/php/8.2/fpm/pool.d/www.conf:16"
        ]
    );
}

#[test]
fn php_fpm_whole_file_form() {
    let (dir, p) = check(
        &invalid_pool(
            "; hoplint: ignore-file[php-fpm-pool-invalid] -- generated by ansible\n",
            "",
            "",
        ),
        "",
    );
    assert_eq!(silenced(&p, dir.path()).len(), 2);
    assert!(active(&p, dir.path()).is_empty());
}

#[test]
fn unused_unknown_and_malformed_suppressions_are_findings() {
    let site = "server {
    listen 80;
    # hoplint: ignore[upstream-unused] -- nothing here draws it
    location / {
        return 204;
    }
    # hoplint: ignore[unix-sockets-missing] -- misspelt
    location ~ \\.php$ {
        fastcgi_pass unix:/run/php/php7.4-fpm.sock;
    }
    # hoplint: ignroe[all]
    # hoplint: ignore[] -- empty
    # hoplint: ignore[all] because
    # hoplint: ignore[all
}
";
    let (dir, p) = check(&nginx_tree(site), "");
    assert_eq!(
        active(&p, dir.path()),
        [
            "suppression-unused@etc/nginx/sites-enabled/shop:3",
            "suppression-invalid@etc/nginx/sites-enabled/shop:7",
            "unix-socket-missing@etc/nginx/sites-enabled/shop:9",
            "suppression-invalid@etc/nginx/sites-enabled/shop:11",
            "suppression-invalid@etc/nginx/sites-enabled/shop:12",
            "suppression-invalid@etc/nginx/sites-enabled/shop:13",
            "suppression-invalid@etc/nginx/sites-enabled/shop:14",
        ]
    );
    let unknown = p
        .diagnostics
        .iter()
        .find(|d| d.message.contains("unix-sockets-missing"))
        .unwrap();
    assert!(
        unknown
            .help
            .as_deref()
            .unwrap()
            .contains("`unix-socket-missing`"),
        "{:?}",
        unknown.help
    );
    assert_eq!(unknown.severity, hoplint::diagnostic::Severity::Error);
}

#[test]
fn a_missing_reason_is_reported_only_when_required() {
    let site = "server {
    listen 80;
    location ~ \\.php$ {
        # hoplint: ignore[unix-socket-missing]
        fastcgi_pass unix:/run/php/php7.4-fpm.sock;
    }
}
";
    let (dir, p) = check(&nginx_tree(site), "");
    assert!(active(&p, dir.path()).is_empty());
    assert_eq!(
        silenced(&p, dir.path()),
        ["unix-socket-missing@etc/nginx/sites-enabled/shop:5 (-)"]
    );
    let (dir, p) = check(&nginx_tree(site), "[rules]\nrequire_reason = true\n");
    assert_eq!(
        active(&p, dir.path()),
        ["suppression-invalid@etc/nginx/sites-enabled/shop:4"]
    );
    assert!(p.diagnostics[0].message.contains("require_reason"));
    // The suppression still applies: the finding is silenced, and the
    // missing reason is what fails the check.
    assert_eq!(p.silenced.len(), 1);
}

/// A suppression naming a rule that is turned off is not reported as
/// unused (hoplint did not look for that rule's findings); the findings of
/// the suppression rules follow `[rules]` like every other.
#[test]
fn suppressions_of_rules_that_are_off_are_not_unused() {
    let site = "server {
    listen 80;
    # hoplint: ignore[upstream-unused] -- not checked here
    location / {
        return 204;
    }
}
";
    let (dir, p) = check(
        &nginx_tree(site),
        "[rules]\nignore = [\"upstream-unused\"]\n",
    );
    assert!(active(&p, dir.path()).is_empty(), "{:?}", p.diagnostics);
    let (dir, p) = check(
        &nginx_tree(site),
        "[rules.severity]\nsuppression-unused = \"off\"\n",
    );
    assert!(active(&p, dir.path()).is_empty());
    let (dir, p) = check(
        &nginx_tree(site),
        "[rules.severity]\nsuppression-unused = \"error\"\n",
    );
    assert_eq!(
        active(&p, dir.path()),
        ["suppression-unused@etc/nginx/sites-enabled/shop:3"]
    );
    assert_eq!(
        p.diagnostics[0].severity,
        hoplint::diagnostic::Severity::Error
    );
}
