//! Each distribution's stock tree (`tests/fixtures/layouts/`, written from
//! its packages' shipped files; the sources are in the README there)
//! checks clean, and the edits admins commonly make on it draw the finding
//! the real servers give, or none.

use hoplint::diagnostic::{Category, Severity};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    crate::common::repo_root()
        .join("tests/fixtures/layouts")
        .join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// One change to a copy of a stock tree.
enum Edit {
    /// Removes a file or directory (a server the layout ships but this
    /// machine does not run).
    Drop(&'static str),
    /// Replaces the first `from` in a file by `to`.
    Replace(&'static str, &'static str, &'static str),
    /// Adds text at the end of a file, creating it.
    Append(&'static str, &'static str),
    /// [`Edit::Append`] of text made from another.
    AppendOwned(&'static str, String),
    /// Copies a directory (a second PHP release installed beside the first).
    CopyDir(&'static str, &'static str),
    /// Lays another fixture over the tree (a repository's packages added).
    Merge(&'static str),
}

fn append(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let mut old = std::fs::read_to_string(p).unwrap_or_default();
    old.push_str(text);
    std::fs::write(p, old).unwrap();
}

fn apply(dir: &Path, edits: &[Edit]) {
    for e in edits {
        match e {
            Edit::Drop(p) => {
                let p = dir.join(p);
                if p.is_dir() {
                    std::fs::remove_dir_all(p).unwrap();
                } else {
                    std::fs::remove_file(p).unwrap();
                }
            }
            Edit::Replace(p, from, to) => {
                let p = dir.join(p);
                let text = std::fs::read_to_string(&p).unwrap();
                assert!(text.contains(from), "{}: no `{from}`", p.display());
                std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
            }
            Edit::Append(p, text) => append(&dir.join(p), text),
            Edit::AppendOwned(p, text) => append(&dir.join(p), text),
            Edit::CopyDir(from, to) => copy_dir(&dir.join(from), &dir.join(to)),
            Edit::Merge(name) => copy_dir(&fixture(name), dir),
        }
    }
}

/// The codes of the errors and warnings hoplint finds in a copy of the
/// fixture `name` with `edits` applied, checked as the machine's `/` (as
/// `hoplint check DIR` detects it), and whether any is a syntax finding.
fn findings(name: &str, edits: &[Edit]) -> (Vec<&'static str>, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    apply(dir.path(), edits);
    let project = hoplint::check(
        &[dir.path().to_path_buf()],
        &hoplint::load::Options {
            root: None,
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    let mut codes: Vec<&'static str> = project
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning || d.category() == Category::Syntax)
        .map(|d| d.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let shown = project
        .diagnostics
        .iter()
        .map(|d| {
            let help = d.help.as_deref().unwrap_or("");
            format!("{} {:?}: {} ({help})", d.code, d.severity, d.message)
        })
        .collect::<Vec<_>>()
        .join("\n");
    (codes, shown)
}

const FEDORA_NGINX: Edit = Edit::Drop("etc/httpd");
const FEDORA_HTTPD: Edit = Edit::Drop("etc/nginx");
const SCL_NGINX: Edit = Edit::Drop("opt/rh/httpd24");
const SCL_HTTPD: Edit = Edit::Drop("etc/opt/rh/rh-nginx116");
const FREEBSD_NGINX: Edit = Edit::Drop("usr/local/etc/apache24");
const FREEBSD_HTTPD: Edit = Edit::Drop("usr/local/etc/nginx");

/// Fedora and FreeBSD ship nginx and httpd both on port 80: a machine runs
/// one of them, so each is checked without the other.
#[test]
fn every_stock_tree_checks_clean() {
    let trees: &[(&str, &[Edit])] = &[
        ("fedora", &[FEDORA_NGINX]),
        ("fedora", &[FEDORA_HTTPD]),
        // Remi's php82 beside Fedora's PHP: its own master, socket and
        // `php82-php.conf`, which httpd reads after `php.conf` and obeys.
        ("fedora", &[FEDORA_HTTPD, Edit::Merge("remi-php82")]),
        ("alpine", &[]),
        ("nginx-official-image", &[]),
        ("httpd-official-image", &[]),
        ("freebsd", &[FREEBSD_NGINX]),
        ("freebsd", &[FREEBSD_HTTPD]),
        ("scl", &[SCL_NGINX]),
        ("scl", &[SCL_HTTPD]),
    ];
    for (name, edits) in trees {
        let (codes, shown) = findings(name, edits);
        assert_eq!(codes, Vec::<&str>::new(), "{name}:\n{shown}");
    }
}

/// php-fpm prefixes a relative `include=` with its install prefix:
/// `/usr/local` in the official image, whose `php-fpm.conf` says
/// `include=etc/php-fpm.d/*.conf`. Its pool files are read through that
/// include, in order (`zz-docker.conf` last, its `listen = 9000` winning).
#[test]
fn official_php_image_reads_its_pools_from_its_own_prefix() {
    let (codes, shown) = findings("php-official-image", &[]);
    assert_eq!(codes, Vec::<&str>::new(), "{shown}");
    let dir = fixture("php-official-image");
    let project = hoplint::check(
        std::slice::from_ref(&dir),
        &hoplint::load::Options {
            root: None,
            display_base: Some(dir.clone()),
            kind: None,
        },
    );
    let included: Vec<String> = project
        .files
        .iter()
        .filter(|f| matches!(f.reach, hoplint::source::Reach::Included { .. }))
        .map(|f| f.display_path())
        .collect();
    assert_eq!(
        included,
        [
            "usr/local/etc/php-fpm.d/docker.conf",
            "usr/local/etc/php-fpm.d/www.conf",
            "usr/local/etc/php-fpm.d/zz-docker.conf",
        ]
    );
}

/// Remi's `php82-php.conf` hands `.php` to its socket in a `<FilesMatch>`
/// equal to Fedora's `php.conf`'s, read after it: httpd merges the two and
/// the later `SetHandler` wins, so with Fedora's php-fpm removed requests
/// still reach Remi's pool, and nothing is reported.
#[test]
fn remi_without_the_distro_pool_is_clean() {
    let (codes, shown) = findings(
        "fedora",
        &[
            FEDORA_HTTPD,
            Edit::Merge("remi-php82"),
            Edit::Drop("etc/php-fpm.conf"),
            Edit::Drop("etc/php-fpm.d"),
        ],
    );
    assert_eq!(codes, Vec::<&str>::new(), "{shown}");
}

#[test]
fn freebsd_nginx_workers_run_as_the_ports_www() {
    let with_socket = |pool: &'static str| {
        findings(
            "freebsd",
            &[
                FREEBSD_NGINX,
                Edit::Replace("usr/local/etc/php-fpm.d/www.conf", "listen = 127.0.0.1:9000", pool),
                Edit::Replace(
                    "usr/local/etc/nginx/nginx.conf",
                    "        #error_page  404              /404.html;",
                    "        location ~ \\.php$ {\n            include fastcgi_params;\n            fastcgi_pass unix:/var/run/php-fpm.sock;\n        }",
                ),
            ],
        )
    };
    let (codes, shown) = with_socket(
        "listen = /var/run/php-fpm.sock\nlisten.owner = www\nlisten.group = www\nlisten.mode = 0660",
    );
    assert_eq!(codes, Vec::<&str>::new(), "{shown}");
    let (codes, shown) = with_socket("listen = /var/run/php-fpm.sock\nlisten.mode = 0660");
    assert_eq!(codes, vec!["socket-permission-denied"], "{shown}");
    assert!(shown.contains("run as `www`"), "{shown}");
}

/// Whether hoplint says php-fpm refuses `pm.max_spawn_rate` (8.1 on),
/// added to the pool file `www` of the tree `name` with `edits`; and all
/// it said.
fn refuses_spawn_rate(name: &str, www: &'static str, mut edits: Vec<Edit>) -> (bool, String) {
    edits.push(Edit::Append(www, "pm.max_spawn_rate = 16\n"));
    let (codes, shown) = findings(name, &edits);
    match codes.as_slice() {
        [] => (false, shown),
        ["php-fpm-pool-invalid"] if shown.contains("unknown entry 'pm.max_spawn_rate'") => {
            (true, shown)
        }
        _ => panic!("{name}: {shown}"),
    }
}

/// Where the config's path names no PHP release (the official image,
/// FreeBSD, Fedora), the release comes from what the root has installed:
/// the headers the image keeps under its prefix, or the php-fpm package.
#[test]
fn the_installed_php_release_decides_which_keys_php_fpm_knows() {
    use Edit::*;
    const IMAGE_WWW: &str = "usr/local/etc/php-fpm.d/www.conf";
    const FEDORA_WWW: &str = "etc/php-fpm.d/www.conf";
    let header = |v: &'static str| Append("usr/local/include/php/main/php_version.h", v);
    let dpkg = |v: &'static str| Append("var/lib/dpkg/status", v);
    const PHP80: &str = "#define PHP_MINOR_VERSION 0\n#define PHP_VERSION \"8.0.30\"\n";
    // 8.0's php-fpm has no `pm.max_spawn_rate`; 8.2's has.
    let (refused, shown) = refuses_spawn_rate("php-official-image", IMAGE_WWW, vec![header(PHP80)]);
    assert!(refused && shown.contains("PHP 8.0.30"), "{shown}");
    let (refused, shown) = refuses_spawn_rate(
        "php-official-image",
        IMAGE_WWW,
        vec![header("#define PHP_VERSION \"8.2.26\"\n")],
    );
    assert!(!refused, "{shown}");
    // FreeBSD's headers are under the same prefix; a package database
    // beside them does not outvote the build the layout names.
    let (refused, shown) = refuses_spawn_rate(
        "freebsd",
        IMAGE_WWW,
        vec![
            FREEBSD_NGINX,
            header(PHP80),
            dpkg("Package: php8.3-fpm\nStatus: install ok installed\nVersion: 8.3.14-1\n"),
        ],
    );
    assert!(
        refused && shown.contains("/usr/local/include/php/main/php_version.h"),
        "{shown}"
    );
    // Fedora without headers: rpm's database is not read, so the release
    // is unknown and a key of any supported release passes.
    let (refused, shown) = refuses_spawn_rate("fedora", FEDORA_WWW, vec![FEDORA_NGINX]);
    assert!(!refused, "{shown}");
    // Without headers, the one php-fpm package installed says (a dpkg
    // database here, beside Fedora's layout).
    let (refused, shown) = refuses_spawn_rate(
        "fedora",
        FEDORA_WWW,
        vec![
            FEDORA_NGINX,
            dpkg("Package: php8.0-fpm\nStatus: install ok installed\nVersion: 8.0.30-1\n"),
        ],
    );
    assert!(refused && shown.contains("php8.0-fpm 8.0.30-1"), "{shown}");
}

/// The edits the distributions' documentation and the popular tutorials
/// walk admins through, and what each draws.
#[test]
fn common_edits_draw_the_right_finding() {
    use Edit::*;
    const WWW: &str = "etc/php-fpm.d/www.conf";
    const UPSTREAM: &str = "etc/nginx/conf.d/php-fpm.conf";
    const ALPINE_WWW: &str = "etc/php82/php-fpm.d/www.conf";
    const ALPINE_PHP_SITE: &str = "etc/nginx/http.d/default.conf";
    const PHP_LOCATION: &str = "\n\tlocation ~ \\.php$ {\n\t\tinclude fastcgi_params;\n\t\tfastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n\t\tfastcgi_pass 127.0.0.1:9000;\n\t}\n";
    const SCL_WWW: &str = "etc/opt/rh/rh-php73/php-fpm.d/www.conf";
    const SCL_PHP_SITE: &str = "etc/opt/rh/rh-nginx116/nginx/default.d/php.conf";
    const SCL_HTTPD_PHP: &str = "opt/rh/httpd24/root/etc/httpd/conf.d/php.conf";
    const SCL_PHP_LOCATION: &str = "location ~ \\.php$ {\n    include /etc/opt/rh/rh-nginx116/nginx/fastcgi_params;\n    fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n    fastcgi_pass 127.0.0.1:9000;\n}\n";
    let cases: Vec<(&str, &str, Vec<Edit>, &[&str])> = vec![
        // Fedora: the pool moved to TCP, nginx's upstream left on the socket.
        (
            "fedora",
            "pool on TCP, upstream still on the socket",
            vec![
                FEDORA_NGINX,
                Replace(WWW, "listen = /run/php-fpm/www.sock", "listen = 127.0.0.1:9000"),
            ],
            &["unix-socket-missing"],
        ),
        (
            "fedora",
            "pool and upstream both on TCP",
            vec![
                FEDORA_NGINX,
                Replace(WWW, "listen = /run/php-fpm/www.sock", "listen = 127.0.0.1:9000"),
                Replace(UPSTREAM, "unix:/run/php-fpm/www.sock", "127.0.0.1:9000"),
            ],
            &[],
        ),
        (
            "fedora",
            "pool on TCP that admits another client only",
            vec![
                FEDORA_NGINX,
                Replace(WWW, "listen = /run/php-fpm/www.sock", "listen = 127.0.0.1:9000"),
                Replace(WWW, "listen.allowed_clients = 127.0.0.1", "listen.allowed_clients = 10.0.0.5"),
                Replace(UPSTREAM, "unix:/run/php-fpm/www.sock", "127.0.0.1:9000"),
            ],
            &["allowed-clients-excludes-front"],
        ),
        // `listen.allowed_clients` applies to TCP only: on the socket it is moot.
        (
            "fedora",
            "allowed_clients on the socket",
            vec![
                FEDORA_NGINX,
                Replace(WWW, "listen.allowed_clients = 127.0.0.1", "listen.allowed_clients = 10.0.0.5"),
            ],
            &[],
        ),
        // Without the ACL the socket is apache's, 0660: nginx may not write.
        (
            "fedora",
            "ACL removed",
            vec![
                FEDORA_NGINX,
                Replace(WWW, "listen.acl_users = apache,nginx", ";listen.acl_users = apache,nginx"),
            ],
            &["socket-permission-denied"],
        ),
        (
            "fedora",
            "ACL removed, socket given to nginx",
            vec![
                FEDORA_NGINX,
                Replace(WWW, "listen.acl_users = apache,nginx", ";listen.acl_users = apache,nginx"),
                Replace(WWW, ";listen.owner = nobody", "listen.owner = nginx"),
                Replace(WWW, ";listen.group = nobody", "listen.group = nginx"),
            ],
            &[],
        ),
        // With the ACL set php-fpm ignores listen.owner/group.
        (
            "fedora",
            "ACL kept, owner set elsewhere",
            vec![
                FEDORA_NGINX,
                Replace(WWW, ";listen.owner = nobody", "listen.owner = root"),
                Replace(WWW, ";listen.group = nobody", "listen.group = root"),
            ],
            &[],
        ),
        ("fedora", "httpd beside nginx, both on 80", vec![], &["listener-collision"]),
        // Remi's php82 installed, nginx's upstream moved to its socket (its
        // www.conf keeps Fedora's ACL for nginx).
        (
            "fedora",
            "nginx moved to Remi's php82",
            vec![
                Merge("remi-php82"),
                FEDORA_NGINX,
                Replace(UPSTREAM, "unix:/run/php-fpm/www.sock", "unix:/var/opt/remi/php82/run/php-fpm/www.sock"),
            ],
            &[],
        ),
        (
            "fedora",
            "nginx moved to Remi's socket, Remi not installed",
            vec![
                FEDORA_NGINX,
                Replace(UPSTREAM, "unix:/run/php-fpm/www.sock", "unix:/var/opt/remi/php82/run/php-fpm/www.sock"),
            ],
            &["unix-socket-missing"],
        ),
        (
            "fedora",
            "httpd beside nginx, httpd on 8080",
            vec![Replace("etc/httpd/conf/httpd.conf", "Listen 80", "Listen 8080")],
            &[],
        ),
        // Alpine: `conf.d/` is included at the main level.
        (
            "alpine",
            "a server block dropped into conf.d",
            vec![Append(
                "etc/nginx/conf.d/site.conf",
                "server {\n\tlisten 8080;\n\troot /var/www/localhost/htdocs;\n}\n",
            )],
            &["nginx-syntax"],
        ),
        (
            "alpine",
            "PHP handed to the stock pool",
            vec![Replace(ALPINE_PHP_SITE, "\t# Everything is a 404", PHP_LOCATION)],
            &[],
        ),
        (
            "alpine",
            "PHP handed to a port nothing listens on",
            vec![Replace(
                ALPINE_PHP_SITE,
                "\t# Everything is a 404",
                "\n\tlocation ~ \\.php$ {\n\t\tinclude fastcgi_params;\n\t\tfastcgi_pass 127.0.0.1:9001;\n\t}\n",
            )],
            &["tcp-port-refused"],
        ),
        // The pool's socket is nobody's, 0660; nginx runs as nginx.
        (
            "alpine",
            "pool moved to a socket",
            vec![
                Replace(ALPINE_PHP_SITE, "\t# Everything is a 404", PHP_LOCATION.replace("127.0.0.1:9000", "unix:/run/php-fpm82.sock").leak()),
                Replace(ALPINE_WWW, "listen = 127.0.0.1:9000", "listen = /run/php-fpm82.sock"),
            ],
            &["socket-permission-denied"],
        ),
        (
            "alpine",
            "pool moved to a socket given to nginx",
            vec![
                Replace(ALPINE_PHP_SITE, "\t# Everything is a 404", PHP_LOCATION.replace("127.0.0.1:9000", "unix:/run/php-fpm82.sock").leak()),
                Replace(ALPINE_WWW, "listen = 127.0.0.1:9000", "listen = /run/php-fpm82.sock"),
                Replace(ALPINE_WWW, ";listen.owner = nobody", "listen.owner = nginx"),
                Replace(ALPINE_WWW, ";listen.group = nobody", "listen.group = nginx"),
            ],
            &[],
        ),
        // php83 installed beside php82: both stock pools on 127.0.0.1:9000.
        (
            "alpine",
            "a second PHP release beside the first",
            vec![CopyDir("etc/php82", "etc/php83")],
            &["listener-collision"],
        ),
        (
            "alpine",
            "upgraded to php83, the old release removed",
            vec![
                CopyDir("etc/php82", "etc/php83"),
                Drop("etc/php82"),
                Replace("etc/php83/php-fpm.conf", "/etc/php82/", "/etc/php83/"),
            ],
            &[],
        ),
        // nginx's image in front of the stock pool of PHP's image, same host.
        (
            "freebsd",
            "PHP handed to the stock pool",
            vec![
                FREEBSD_NGINX,
                Replace(
                    "usr/local/etc/nginx/nginx.conf",
                    "        #error_page  404              /404.html;",
                    "        location ~ \\.php$ {\n            include fastcgi_params;\n            fastcgi_pass 127.0.0.1:9000;\n        }",
                ),
            ],
            &[],
        ),
        (
            "freebsd",
            "apache24 beside nginx, both on 80",
            vec![],
            &["listener-collision"],
        ),
        // Software Collections (RHEL 7): rh-nginx116 and httpd24 in front
        // of rh-php73's pool on 127.0.0.1:9000.
        ("scl", "rh-nginx116 beside httpd24, both on 80", vec![], &["listener-collision"]),
        (
            "scl",
            "rh-nginx116 hands PHP to rh-php73",
            vec![SCL_NGINX, Append(SCL_PHP_SITE, SCL_PHP_LOCATION)],
            &[],
        ),
        (
            "scl",
            "rh-nginx116 hands PHP to a port no pool listens on",
            vec![
                SCL_NGINX,
                AppendOwned(SCL_PHP_SITE, SCL_PHP_LOCATION.replacen("9000", "9001", 1)),
            ],
            &["tcp-port-refused"],
        ),
        (
            "scl",
            "pool moved to a socket root owns, 0660",
            vec![
                SCL_NGINX,
                Replace(SCL_WWW, "listen = 127.0.0.1:9000", "listen = /var/opt/rh/rh-php73/run/php-fpm/www.sock"),
                AppendOwned(SCL_PHP_SITE, SCL_PHP_LOCATION.replacen("127.0.0.1:9000", "unix:/var/opt/rh/rh-php73/run/php-fpm/www.sock", 1)),
            ],
            &["socket-permission-denied"],
        ),
        (
            "scl",
            "pool moved to a socket nginx owns",
            vec![
                SCL_NGINX,
                Replace(SCL_WWW, "listen = 127.0.0.1:9000", "listen = /var/opt/rh/rh-php73/run/php-fpm/www.sock\nlisten.owner = nginx\nlisten.group = nginx"),
                AppendOwned(SCL_PHP_SITE, SCL_PHP_LOCATION.replacen("127.0.0.1:9000", "unix:/var/opt/rh/rh-php73/run/php-fpm/www.sock", 1)),
            ],
            &[],
        ),
        (
            "scl",
            "httpd24 hands PHP to rh-php73",
            vec![
                SCL_HTTPD,
                Append(SCL_HTTPD_PHP, "<FilesMatch \\.php$>\n    SetHandler \"proxy:fcgi://127.0.0.1:9000\"\n</FilesMatch>\n"),
            ],
            &[],
        ),
        (
            "scl",
            "httpd24 hands PHP to the distribution's socket path",
            vec![
                SCL_HTTPD,
                Append(SCL_HTTPD_PHP, "<FilesMatch \\.php$>\n    SetHandler \"proxy:unix:/run/php-fpm/www.sock|fcgi://localhost\"\n</FilesMatch>\n"),
            ],
            &["apache-backend-missing"],
        ),
        (
            "httpd-official-image",
            "PHP handed to fcgi without the proxy modules",
            vec![Append(
                "usr/local/apache2/conf/httpd.conf",
                "<FilesMatch \\.php$>\n    SetHandler \"proxy:fcgi://127.0.0.1:9000\"\n</FilesMatch>\n",
            )],
            &["apache-proxy-module-missing"],
        ),
    ];
    let mut wrong = Vec::new();
    for (name, what, edits, want) in &cases {
        let (codes, shown) = findings(name, edits);
        if codes != *want {
            wrong.push(format!(
                "{name}, {what}: want {want:?}, got {codes:?}\n{shown}\n"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
