//! `[[stack]]`: a tree holding several servers' configs, each checked on
//! its own so that one server's hops are never matched with another's
//! listeners.

mod common;

use hoplint::config::Config;
use hoplint::load::{Options, Project};
use std::path::Path;

const WEB1_NGINX: &str = "hosts/web1/etc/nginx/nginx.conf";
const WEB2_NGINX: &str = "hosts/web2/etc/nginx/nginx.conf";
const WEB2_POOL: &str = "hosts/web2/etc/php/8.2/fpm/pool.d/www.conf";
const WEB2_FPM: &str = "hosts/web2/etc/php/8.2/fpm/php-fpm.conf";
const WEB2_APACHE: &str = "hosts/web2/etc/apache2/apache2.conf";
const WEB1_FPM: &str = "hosts/web1/etc/php/8.1/fpm/php-fpm.conf";
const WEB1_POOL: &str = "hosts/web1/etc/php/8.1/fpm/pool.d/www.conf";

fn nginx(listen: &str) -> String {
    format!(
        "user www-data;\nevents {{}}\nhttp {{\nserver {{\nlisten {listen};\nlocation ~ \\.php$ {{ fastcgi_pass unix:/run/php/php8.2-fpm.sock; }}\n}}\n}}\n"
    )
}

/// web1 runs nginx and a PHP 8.1 pool; both nginx name PHP 8.2's socket,
/// whose pool only web2 runs, beside its own nginx on 8080 and httpd on 80.
fn two_hosts(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let web1 = nginx("80");
    let web2 = nginx("8080");
    let mut files: Vec<(&str, &str)> = vec![
        (WEB1_NGINX, web1.as_str()),
        (WEB1_FPM, "[global]\ninclude=/etc/php/8.1/fpm/pool.d/*.conf\n"),
        (
            WEB1_POOL,
            "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.1-fpm.sock\nlisten.owner = www-data\nlisten.group = www-data\npm = static\npm.max_children = 2\n",
        ),
        (WEB2_NGINX, web2.as_str()),
        (WEB2_FPM, "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n"),
        (
            WEB2_POOL,
            "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\nlisten.owner = www-data\nlisten.group = www-data\npm = static\npm.max_children = 2\n",
        ),
        (WEB2_APACHE, "Listen 80\n"),
    ];
    files.extend_from_slice(extra);
    common::write_tree(dir.path(), &files);
    dir
}

fn check(dir: &Path, input: &str, config: &Config) -> Project {
    hoplint::check_with(
        &[dir.join(input)],
        &Options {
            root: None,
            display_base: Some(dir.to_path_buf()),
            kind: None,
        },
        config,
    )
}

/// (code, path:line of the primary label) of every error and warning.
fn found(project: &Project, dir: &Path) -> Vec<(&'static str, String)> {
    project
        .diagnostics
        .iter()
        .filter(|d| d.severity != hoplint::diagnostic::Severity::Info)
        .map(|d| {
            (
                d.code,
                common::place(project, dir, d.primary.as_ref().unwrap()),
            )
        })
        .collect()
}

fn stacks(dir: &Path) -> Config {
    Config::parse(&format!(
        "[[stack]]\nname = \"web1\"\npaths = [\"{0}/hosts/web1\"]\nroot = \"{0}/hosts/web1\"\n\n[[stack]]\nname = \"web2\"\npaths = [\"{0}/hosts/web2\"]\nroot = \"{0}/hosts/web2\"\n",
        dir.display()
    ))
    .unwrap()
}

#[test]
fn one_tree_mixes_the_hosts_and_declared_stacks_keep_them_apart() {
    let dir = two_hosts(&[]);
    // As one tree: web1's socket is "found" in web2's pool, and web1's
    // nginx "collides" with web2's httpd on port 80.
    let mixed = found(&check(dir.path(), "hosts", &Config::default()), dir.path());
    assert!(
        mixed.iter().any(|(c, _)| *c == "listener-collision"),
        "{mixed:?}"
    );
    assert!(
        !mixed.iter().any(|(c, _)| *c == "unix-socket-missing"),
        "{mixed:?}"
    );
    // Each on its own: web1 has no pool for its socket; nothing collides.
    let project = check(dir.path(), "hosts", &stacks(dir.path()));
    assert_eq!(project.stacks, ["web1", "web2"]);
    assert_eq!(
        found(&project, dir.path()),
        [(
            "unix-socket-missing",
            "hosts/web1/etc/nginx/nginx.conf:6".to_string()
        )]
    );
    // Every file of both hosts is read, each once.
    let mut paths: Vec<String> = project
        .files
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), project.files.len());
    assert_eq!(project.files.len(), 7, "{paths:?}");
}

#[test]
fn the_rest_of_the_tree_is_checked_together_and_labels_point_at_their_own_files() {
    let dir = two_hosts(&[("shared/snippets/bad.conf", "server {\nlisten 80\n}\n")]);
    let project = check(dir.path(), ".", &stacks(dir.path()));
    let f = found(&project, dir.path());
    assert!(
        f.contains(&("nginx-syntax", "shared/snippets/bad.conf:3".to_string())),
        "{f:?}"
    );
    assert!(
        f.contains(&(
            "unix-socket-missing",
            "hosts/web1/etc/nginx/nginx.conf:6".to_string()
        )),
        "{f:?}"
    );
    // A file reached by an include names the file that includes it.
    for file in &project.files {
        if let hoplint::source::Reach::Included { from, .. } = file.reach {
            let parent = project.file(from).path.display().to_string();
            let host = |p: &str| p.split('/').take(2).collect::<Vec<_>>().join("/");
            assert_eq!(host(&parent), host(&file.path.display().to_string()));
        }
    }
}

#[test]
fn checking_inside_a_stack_checks_that_stack_alone() {
    let dir = two_hosts(&[]);
    let project = check(dir.path(), "hosts/web2/etc", &stacks(dir.path()));
    assert_eq!(project.stacks, ["web2"]);
    assert!(project
        .files
        .iter()
        .all(|f| f.path.starts_with("hosts/web2")));
    assert_eq!(found(&project, dir.path()), []);
}

#[test]
fn stack_paths_are_read_from_the_config_files_directory() {
    let dir = two_hosts(&[(
        "hoplint.toml",
        "[[stack]]\nname = \"web1\"\npaths = [\"hosts/web1\"]\n",
    )]);
    let config = Config::read(&dir.path().join("hoplint.toml")).unwrap();
    assert_eq!(config.stacks[0].paths, [dir.path().join("hosts/web1")]);
    // web1 alone; web2 (undeclared) is the rest, checked together.
    let project = check(dir.path(), "hosts", &config);
    assert_eq!(project.stacks, ["web1"]);
    assert_eq!(
        found(&project, dir.path()),
        [(
            "unix-socket-missing",
            "hosts/web1/etc/nginx/nginx.conf:6".to_string()
        )]
    );
    let err = Config::parse("[[stack]]\nname = \"x\"\npaths = []\n").unwrap_err();
    assert!(err.contains("paths"), "{err}");
    let err = Config::parse("[[stack]]\nname = \"x\"\npath = [\"a\"]\n").unwrap_err();
    assert!(err.contains("path"), "{err}");
}

#[test]
fn a_declared_stack_that_does_not_exist_is_a_usage_error() {
    let dir = two_hosts(&[]);
    let config = Config::parse(&format!(
        "[[stack]]\nname = \"web3\"\npaths = [\"{}/hosts/web3\"]\n",
        dir.path().display()
    ))
    .unwrap();
    let project = check(dir.path(), ".", &config);
    assert!(
        project.fatal.iter().any(|f| f.contains("web3")),
        "{:?}",
        project.fatal
    );
}
