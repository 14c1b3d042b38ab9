//! `[[stack]]`: a tree holding several servers' configs, each checked on
//! its own so that one server's hops are never matched with another's
//! listeners.

use crate::common;

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
    let mut expected = vec![(
        "unix-socket-missing",
        "hosts/web1/etc/nginx/nginx.conf:6".to_string(),
    )];
    // The rest is checked without a root: web2's absolute
    // `include=/etc/php/8.2/fpm/pool.d/*.conf` is looked for on this
    // machine, where php-fpm 8.2 may not be installed.
    if !Path::new("/etc/php/8.2/fpm/pool.d").is_dir() {
        expected.push((
            "include-missing",
            "hosts/web2/etc/php/8.2/fpm/php-fpm.conf:2".to_string(),
        ));
    }
    assert_eq!(found(&project, dir.path()), expected);
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

/// One rule's findings.
fn of_rule<'a>(project: &'a Project, code: &str) -> Vec<&'a hoplint::diagnostic::Diagnostic> {
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

#[test]
fn a_stack_declares_its_own_host_and_backends_over_the_files_own() {
    // Both hosts run two workers of 40M; only web1 has 64M of RAM. web2
    // proxies to an app server that only web2 declares.
    let web2_app = "user www-data;\nevents {}\nhttp {\nserver {\nlisten 8080;\nlocation / { proxy_pass http://127.0.0.1:8001; }\n}\n}\n";
    let dir = two_hosts(&[(WEB2_NGINX, web2_app)]);
    let text = format!(
        "[host]\nram = \"4G\"\nchild_rss = \"40M\"\n\n\
         [[stack]]\nname = \"web1\"\npaths = [\"{0}/hosts/web1\"]\nroot = \"{0}/hosts/web1\"\n\
         [stack.host]\nram = \"64M\"\n\n\
         [[stack]]\nname = \"web2\"\npaths = [\"{0}/hosts/web2\"]\nroot = \"{0}/hosts/web2\"\n\
         [[stack.external]]\nlisten = \"127.0.0.1:8000\"\nname = \"gunicorn\"\n",
        dir.path().display()
    );
    let config = Config::parse(&text).unwrap();
    assert_eq!(config.host.ram, Some(4 << 30));
    assert_eq!(config.stacks[0].own.host.ram, Some(64 << 20));
    assert_eq!(config.stacks[0].own.host.child_rss, None);
    assert_eq!(config.stacks[1].own.external[0].listen, "127.0.0.1:8000");
    let web1 = config.for_stack(&config.stacks[0]);
    assert_eq!(
        (web1.host.ram, web1.host.child_rss),
        (Some(64 << 20), Some(40 << 20))
    );
    assert!(web1.external.is_empty());

    let project = check(dir.path(), "hosts", &config);
    // 2 × 40M against web1's 64M; web2's 80M fit in the file's 4G.
    let memory = of_rule(&project, "pool-memory-overcommit");
    assert_eq!(memory.len(), 1, "{memory:?}");
    assert_eq!(
        common::place(&project, dir.path(), memory[0].primary.as_ref().unwrap()),
        WEB1_POOL.to_string() + ":8"
    );
    // web2's hop to 8001 is one typo from the app web2 declares on 8000.
    let refused = of_rule(&project, "tcp-port-refused");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].message.contains("8001"),
        "{}",
        refused[0].message
    );
    assert_eq!(
        common::place(&project, dir.path(), refused[0].primary.as_ref().unwrap()),
        WEB2_NGINX.to_string() + ":6"
    );

    // Without web2's declaration the same hop is only "not verified".
    let bare = Config::parse(&text.replace("[[stack.external]]", "[stack.app]").replace(
        "listen = \"127.0.0.1:8000\"\nname = \"gunicorn\"\n",
        "max_response_header = \"1k\"\n",
    ))
    .unwrap();
    let project = check(dir.path(), "hosts", &bare);
    assert_eq!(of_rule(&project, "tcp-port-refused").len(), 0);

    let err =
        Config::parse("[[stack]]\nname = \"w\"\npaths = [\"a\"]\n[stack.host]\nram = \"lots\"\n")
            .unwrap_err();
    assert!(err.contains("stack `w`: `host.ram`"), "{err}");
    let err =
        Config::parse("[[stack]]\nname = \"w\"\npaths = [\"a\"]\n[stack.host]\nrma = \"4G\"\n")
            .unwrap_err();
    assert!(err.contains("rma"), "{err}");
}
