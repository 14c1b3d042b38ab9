//! Following includes as the servers do: globs, missing files, cycles,
//! symlink loops, `--root`, empty globs, and files no entry point reaches.

use crate::common;

use hoplint::load::{Options, Project};
use hoplint::source::Reach;
use std::path::Path;
use tempfile::TempDir;

fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(dir.path(), files);
    dir
}

fn symlink(dir: &Path, link: &str, target: &str) {
    let l = dir.join(link);
    std::fs::create_dir_all(l.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, l).unwrap();
}

fn check(dir: &Path, root: bool) -> Project {
    hoplint::check(
        &[dir.to_path_buf()],
        &Options {
            root: root.then(|| dir.to_path_buf()),
            display_base: Some(dir.to_path_buf()),
            kind: None,
        },
    )
}

/// Each file with how it was reached, in the order read.
fn files(p: &Project) -> Vec<String> {
    p.files
        .iter()
        .map(|f| {
            let how = match &f.reach {
                Reach::Entry => "entry".to_string(),
                Reach::Unreached => "unreached".to_string(),
                Reach::Included { from, at } => {
                    let src = p.file(*from);
                    format!("from {}:{}", src.display_path(), src.line_col(at.start).0)
                }
            };
            format!("{} {} ({how})", f.kind.as_str(), f.display_path())
        })
        .collect()
}

/// Each diagnostic as `code severity file:line`.
/// The loader's findings and the rules' warnings and errors; the info
/// level (hops hoplint could not verify) is the stack's map, not a
/// finding about reading the files.
fn diags(p: &Project) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.severity != hoplint::diagnostic::Severity::Info)
        .map(|d| match &d.primary {
            Some(l) => {
                let f = p.file(l.file);
                format!(
                    "{} {} {}:{}",
                    d.code,
                    d.severity.as_str(),
                    f.display_path(),
                    f.line_col(l.range.start).0
                )
            }
            None => format!("{} {} -", d.code, d.severity.as_str()),
        })
        .collect()
}

#[test]
fn globs_expand_in_sorted_order_and_relative_paths_start_at_the_config_directory() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
        ),
        (
            "etc/nginx/conf.d/b.conf",
            "server { listen 81; include snippets/x.conf; }\n",
        ),
        ("etc/nginx/conf.d/a.conf", "server { listen 80; }\n"),
        ("etc/nginx/conf.d/.hidden.conf", "server { listen 82 }\n"),
        ("etc/nginx/snippets/x.conf", "index index.php;\n"),
    ]);
    let p = check(dir.path(), true);
    assert_eq!(
        files(&p),
        [
            "nginx etc/nginx/nginx.conf (entry)",
            "nginx etc/nginx/conf.d/a.conf (from etc/nginx/nginx.conf:3)",
            "nginx etc/nginx/conf.d/b.conf (from etc/nginx/nginx.conf:3)",
            // relative to nginx.conf's directory, not to conf.d/
            "nginx etc/nginx/snippets/x.conf (from etc/nginx/conf.d/b.conf:1)",
        ]
    );
    assert_eq!(
        diags(&p),
        Vec::<String>::new(),
        "a glob skips hidden files, as glob(3) does"
    );
}

#[test]
fn a_missing_literal_include_is_an_error_and_an_empty_glob_is_silent() {
    let dir = tree(&[(
        "etc/nginx/nginx.conf",
        "events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n    include /etc/nginx/sites-enabled/*;\n    include /etc/nginx/snippets/gone.conf;\n}\n",
    )]);
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), ["include-missing error etc/nginx/nginx.conf:5"]);
    assert!(p.diagnostics[0]
        .message
        .contains("/etc/nginx/snippets/gone.conf"));
}

#[test]
fn apache_include_of_an_empty_glob_fails_but_include_optional_does_not() {
    let dir = tree(&[
        (
            "etc/apache2/apache2.conf",
            "Include ports.conf\nIncludeOptional conf-enabled/*.conf\nInclude sites-enabled/*.conf\n<IfModule mod_ssl.c>\n    Include ssl/missing.conf\n</IfModule>\n",
        ),
        ("etc/apache2/ports.conf", "Listen 80\n"),
        ("etc/apache2/sites-enabled/README", "not included: no .conf\n"),
    ]);
    let p = check(dir.path(), true);
    assert_eq!(
        diags(&p),
        [
            "include-missing error etc/apache2/apache2.conf:3",
            // httpd reads it only when mod_ssl is loaded
            "include-missing warning etc/apache2/apache2.conf:5",
        ]
    );
    assert!(files(&p)
        .contains(&"apache etc/apache2/ports.conf (from etc/apache2/apache2.conf:1)".to_string()));
}

#[test]
fn apache_resolves_from_server_root_and_expands_defines_and_envvars() {
    let dir = tree(&[
        (
            "etc/apache2/apache2.conf",
            "ServerRoot \"/etc/apache2\"\nDefine SITES sites-enabled\nInclude ${SITES}/*.conf\nInclude ${APACHE_EXTRA}/extra.conf\n",
        ),
        ("etc/apache2/envvars", "export APACHE_EXTRA=/etc/apache2/more\nexport APACHE_RUN_USER=www-data\n"),
        ("etc/apache2/more/extra.conf", "Timeout 60\n"),
        ("etc/apache2/sites-enabled/a.conf", "<VirtualHost *:80>\n</VirtualHost>\n"),
    ]);
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), Vec::<String>::new());
    let f = files(&p);
    assert!(
        f.contains(
            &"apache etc/apache2/sites-enabled/a.conf (from etc/apache2/apache2.conf:3)"
                .to_string()
        ),
        "{f:?}"
    );
    assert!(
        f.contains(
            &"apache etc/apache2/more/extra.conf (from etc/apache2/apache2.conf:4)".to_string()
        ),
        "{f:?}"
    );
}

#[test]
fn include_cycles_end_with_a_diagnostic_naming_every_step() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include /etc/nginx/a.inc;\n}\n",
        ),
        ("etc/nginx/a.inc", "include /etc/nginx/b.inc;\n"),
        (
            "etc/nginx/b.inc",
            "# back to a\ninclude /etc/nginx/a.inc;\n",
        ),
    ]);
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), ["include-cycle error etc/nginx/b.inc:2"]);
    let d = &p.diagnostics[0];
    let steps: Vec<String> = d
        .secondary
        .iter()
        .map(|l| p.file(l.file).display_path())
        .collect();
    assert_eq!(steps, ["etc/nginx/a.inc"]);
}

#[test]
fn a_file_including_itself_is_a_cycle() {
    let dir = tree(&[(
        "etc/nginx/nginx.conf",
        "events {}\nhttp {\n    include /etc/nginx/*.conf;\n}\n",
    )]);
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), ["include-cycle error etc/nginx/nginx.conf:3"]);
}

#[test]
fn symlink_loops_are_reported_not_followed_forever() {
    let dir = tree(&[(
        "etc/nginx/nginx.conf",
        "events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n    include /etc/nginx/loop.conf;\n}\n",
    )]);
    symlink(
        dir.path(),
        "etc/nginx/sites-enabled/shop",
        "/etc/nginx/sites-enabled/shop2",
    );
    symlink(dir.path(), "etc/nginx/sites-enabled/shop2", "shop");
    symlink(dir.path(), "etc/nginx/loop.conf", "loop.conf");
    let p = check(dir.path(), true);
    let d = diags(&p);
    assert!(
        d.iter().all(|l| l.starts_with("unreadable-file error")),
        "{d:?}"
    );
    assert!(
        d.contains(&"unreadable-file error etc/nginx/nginx.conf:4".to_string()),
        "{d:?}"
    );
    assert!(
        d.contains(&"unreadable-file error etc/nginx/nginx.conf:3".to_string()),
        "{d:?}"
    );
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.message.contains("symlink loop")));
}

#[test]
fn root_maps_absolute_paths_and_absolute_symlinks_into_the_copy() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n",
        ),
        (
            "etc/nginx/sites-available/shop",
            "server {\n    listen 80;\n    include /etc/nginx/snippets/php.conf;\n}\n",
        ),
        (
            "etc/nginx/snippets/php.conf",
            "location ~ \\.php$ {\n    fastcgi_pass unix:/run/php/php8.2-fpm.sock;\n}\n",
        ),
    ]);
    // Debian's layout: the link is absolute and points into the real /etc.
    symlink(
        dir.path(),
        "etc/nginx/sites-enabled/shop",
        "/etc/nginx/sites-available/shop",
    );
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), Vec::<String>::new());
    assert_eq!(
        files(&p),
        [
            "nginx etc/nginx/nginx.conf (entry)",
            "nginx etc/nginx/sites-available/shop (from etc/nginx/nginx.conf:3)",
            "nginx etc/nginx/snippets/php.conf (from etc/nginx/sites-available/shop:3)",
        ]
    );
}

#[test]
fn a_directory_that_looks_like_a_machine_root_is_its_own_root() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n",
        ),
        ("etc/nginx/conf.d/a.conf", "server { listen 80; }\n"),
    ]);
    let p = check(dir.path(), false);
    assert_eq!(p.root.as_ref().map(|(_, detected)| *detected), Some(true));
    assert_eq!(
        files(&p)[1],
        "nginx etc/nginx/conf.d/a.conf (from etc/nginx/nginx.conf:3)"
    );
}

#[test]
fn php_fpm_includes_missing_dir_is_an_error_missing_file_a_warning() {
    let dir = tree(&[
        ("etc/php/8.2/fpm/php-fpm.conf", "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\ninclude=/etc/php/8.2/fpm/extra.conf\ninclude=/etc/php-fpm.d/*.conf\n"),
        ("etc/php/8.2/fpm/pool.d/www.conf", "[www]\nlisten = /run/php/php8.2-fpm.sock\n"),
    ]);
    let p = check(dir.path(), true);
    assert_eq!(
        diags(&p),
        [
            "include-missing warning etc/php/8.2/fpm/php-fpm.conf:3",
            "include-missing error etc/php/8.2/fpm/php-fpm.conf:4",
        ]
    );
    assert_eq!(
        files(&p)[1],
        "php-fpm etc/php/8.2/fpm/pool.d/www.conf (from etc/php/8.2/fpm/php-fpm.conf:2)"
    );
}

#[test]
fn php_fpm_reads_at_most_five_nested_files() {
    let dir = tree(&[
        (
            "etc/php/8.2/fpm/php-fpm.conf",
            "[global]\ninclude=/etc/php/8.2/fpm/1.conf\n",
        ),
        (
            "etc/php/8.2/fpm/1.conf",
            "include=/etc/php/8.2/fpm/2.conf\n",
        ),
        (
            "etc/php/8.2/fpm/2.conf",
            "include=/etc/php/8.2/fpm/3.conf\n",
        ),
        (
            "etc/php/8.2/fpm/3.conf",
            "include=/etc/php/8.2/fpm/4.conf\n",
        ),
        (
            "etc/php/8.2/fpm/4.conf",
            "include=/etc/php/8.2/fpm/5.conf\n",
        ),
        ("etc/php/8.2/fpm/5.conf", "[www]\nlisten = 9000\n"),
    ]);
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), ["include-depth error etc/php/8.2/fpm/4.conf:1"]);
}

#[test]
fn files_no_entry_point_reaches_are_still_parsed() {
    let dir = tree(&[
        ("etc/nginx/nginx.conf", "events {}\nhttp {\n}\n"),
        (
            "etc/nginx/sites-available/old-site",
            "server {\n    listen 80;\n",
        ),
    ]);
    let p = check(dir.path(), true);
    assert!(files(&p).contains(&"nginx etc/nginx/sites-available/old-site (unreached)".to_string()));
    assert_eq!(
        diags(&p),
        ["nginx-syntax error etc/nginx/sites-available/old-site:3"]
    );
}

#[test]
fn a_dangling_symlink_in_sites_enabled_is_reported_once_at_its_include() {
    let dir = tree(&[(
        "etc/nginx/nginx.conf",
        "events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n",
    )]);
    // The site was removed from sites-available but its link stayed.
    symlink(
        dir.path(),
        "etc/nginx/sites-enabled/old-shop",
        "/etc/nginx/sites-available/old-shop",
    );
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), ["unreadable-file error etc/nginx/nginx.conf:3"]);
    assert!(
        p.diagnostics[0]
            .message
            .contains("no such file or directory"),
        "{}",
        p.diagnostics[0].message
    );
}

#[test]
fn single_files_are_read_as_what_they_evidently_are() {
    let dir = tree(&[
        // no extension, no telling place: an nginx server snippet
        (
            "shop",
            "server {\n    listen 80;\n    location / { proxy_pass http://127.0.0.1:8000; }\n}\n",
        ),
        (
            "pools.conf",
            "[www]\nlisten = /run/php/www.sock\n\n[api]\nlisten = 127.0.0.1:9001\n",
        ),
        (
            "site.conf",
            "<VirtualHost *:80>\n    ServerName example.com\n</VirtualHost>\n",
        ),
    ]);
    for (name, kind) in [
        ("shop", "nginx"),
        ("pools.conf", "php-fpm"),
        ("site.conf", "apache"),
    ] {
        let p = hoplint::check(
            &[dir.path().join(name)],
            &Options {
                root: None,
                display_base: Some(dir.path().to_path_buf()),
                kind: None,
            },
        );
        assert_eq!(files(&p), [format!("{kind} {name} (entry)")]);
        assert_eq!(diags(&p), Vec::<String>::new(), "{name}");
    }
    // A server snippet is checked as http context: `server` without a block
    // is what nginx refuses there.
    let dir = tree(&[("broken-site", "server;\nserver {\n    listen 80;\n}\n")]);
    let p = hoplint::check(
        &[dir.path().join("broken-site")],
        &Options {
            root: None,
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    assert_eq!(diags(&p), ["nginx-syntax error broken-site:1"]);
}

#[test]
fn an_unreached_snippet_resolves_relative_includes_from_the_config_directory() {
    // Debian's snippets/fastcgi-php.conf says `include fastcgi.conf;`,
    // which nginx reads from /etc/nginx once a site includes the snippet.
    let dir = tree(&[
        ("etc/nginx/nginx.conf", "events {}\nhttp {\n}\n"),
        (
            "etc/nginx/fastcgi.conf",
            "fastcgi_param QUERY_STRING $query_string;\n",
        ),
        (
            "etc/nginx/snippets/fastcgi-php.conf",
            "fastcgi_index index.php;\ninclude fastcgi.conf;\n",
        ),
    ]);
    let p = check(dir.path(), true);
    assert_eq!(diags(&p), Vec::<String>::new());
    assert!(files(&p).contains(
        &"nginx etc/nginx/fastcgi.conf (from etc/nginx/snippets/fastcgi-php.conf:2)".to_string()
    ));
}

#[test]
fn on_a_whole_machine_only_the_servers_config_directories_are_read() {
    let dir = tree(&[
        ("etc/nginx/nginx.conf", "events {}\nhttp {\n}\n"),
        ("etc/php/8.2/fpm/php-fpm.conf", "[global]\n"),
        // other programs' .conf files look like INI or nginx, and are not theirs
        (
            "etc/PackageKit/PackageKit.conf",
            "[Daemon]\nKeepCache=false\n",
        ),
        ("etc/sysctl.conf", "net.ipv4.ip_forward=1\n"),
        ("etc/fonts/fonts.conf", "<fontconfig>\n</fontconfig>\n"),
        // data and home directories are never walked
        ("srv/backup/nginx/nginx.conf", "events {\n"),
        ("home/admin/old/nginx.conf", "events {\n"),
        ("usr/local/etc/nginx/nginx.conf", "events {}\n"),
    ]);
    let p = check(dir.path(), false);
    assert_eq!(
        files(&p),
        [
            // nginx and httpd main configs are read first (what they
            // include is theirs), then php-fpm's.
            "nginx etc/nginx/nginx.conf (entry)",
            "nginx usr/local/etc/nginx/nginx.conf (entry)",
            "php-fpm etc/php/8.2/fpm/php-fpm.conf (entry)",
        ]
    );
    assert_eq!(diags(&p), Vec::<String>::new());
}

#[test]
fn an_nginx_site_in_a_directory_named_php_fpm_is_read_as_nginx() {
    let dir = tree(&[
        (
            "php-fpm/default.conf",
            "# pass PHP to FastCGI\nlocation ~ \\.php$ {\n    fastcgi_pass 127.0.0.1:9000;\n}\n",
        ),
        (
            "php-fpm/pool.d/www.conf",
            "[www]\nlisten = 127.0.0.1:9000\n",
        ),
    ]);
    let p = check(dir.path(), false);
    assert_eq!(
        files(&p),
        [
            "nginx php-fpm/default.conf (unreached)",
            "php-fpm php-fpm/pool.d/www.conf (unreached)"
        ]
    );
    assert_eq!(diags(&p), Vec::<String>::new());
}
