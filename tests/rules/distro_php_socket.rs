//! Debian's and Ubuntu's `/run/php/php-fpm.sock`: `phpX.Y-fpm.service`
//! runs `php-fpm-socket-helper` after start, which links it (through
//! `update-alternatives`, the highest version winning) to the unix socket
//! `www.conf` listens on. A hop to it reaches that pool.

use crate::common;

use hoplint::load::Options;

/// Debian 12's `/lib/systemd/system/php8.2-fpm.service` (php8.2-fpm
/// 8.2.x), with the version made a parameter.
fn unit(v: &str) -> String {
    let n = v.replace('.', "");
    format!(
        "[Unit]\nDescription=The PHP {v} FastCGI Process Manager\nDocumentation=man:php-fpm{v}(8)\nAfter=network.target\n\n\
         [Service]\nType=notify\nExecStart=/usr/sbin/php-fpm{v} --nodaemonize --fpm-config /etc/php/{v}/fpm/php-fpm.conf\n\
         ExecStartPost=-/usr/lib/php/php-fpm-socket-helper install /run/php/php-fpm.sock /etc/php/{v}/fpm/pool.d/www.conf {n}\n\
         ExecStopPost=-/usr/lib/php/php-fpm-socket-helper remove /run/php/php-fpm.sock /etc/php/{v}/fpm/pool.d/www.conf {n}\n\
         ExecReload=/bin/kill -USR2 $MAINPID\n\n[Install]\nWantedBy=multi-user.target\n"
    )
}

fn php(v: &str, listen: &str) -> Vec<(String, String)> {
    vec![
        (
            format!("etc/php/{v}/fpm/php-fpm.conf"),
            format!("[global]\npid = /run/php/php{v}-fpm.pid\ninclude=/etc/php/{v}/fpm/pool.d/*.conf\n"),
        ),
        (
            format!("etc/php/{v}/fpm/pool.d/www.conf"),
            format!(
                "[www]\nuser = www-data\ngroup = www-data\nlisten = {listen}\nlisten.owner = www-data\nlisten.group = www-data\npm = dynamic\npm.max_children = 5\npm.start_servers = 2\npm.min_spare_servers = 1\npm.max_spare_servers = 3\n"
            ),
        ),
    ]
}

const NGINX: &str = "user www-data;\nevents {}\nhttp {\n    server {\n        listen 80;\n        location ~ \\.php$ {\n            fastcgi_pass unix:/run/php/php-fpm.sock;\n        }\n    }\n}\n";

const PASSWD: &str =
    "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n";
const GROUP: &str = "root:x:0:\nwww-data:x:33:\n";

fn base() -> Vec<(String, String)> {
    vec![
        ("etc/nginx/nginx.conf".into(), NGINX.into()),
        ("etc/passwd".into(), PASSWD.into()),
        ("etc/group".into(), GROUP.into()),
    ]
}

/// Codes of the findings about the hop, and the project.
fn check(files: &[(String, String)], root: bool) -> (Vec<String>, hoplint::load::Project) {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(dir.path(), files);
    let project = hoplint::check(
        &[dir.path().to_path_buf()],
        &Options {
            root: root.then(|| dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    let codes = project
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    (codes, project)
}

fn missing(codes: &[String]) -> bool {
    codes.iter().any(|c| c.starts_with("unix-socket-missing"))
}

#[test]
fn the_unit_links_php_fpm_sock_to_www_conf_socket() {
    let mut files = base();
    files.extend(php("8.2", "/run/php/php8.2-fpm.sock"));
    files.push(("lib/systemd/system/php8.2-fpm.service".into(), unit("8.2")));
    let (codes, _) = check(&files, true);
    assert!(!missing(&codes), "{codes:#?}");
    assert!(
        !codes
            .iter()
            .any(|c| c.starts_with("socket-permission-denied")
                || c.starts_with("listener-collision")),
        "{codes:#?}"
    );
}

#[test]
fn no_link_when_www_conf_listens_on_tcp() {
    let mut files = base();
    files.extend(php("8.2", "127.0.0.1:9000"));
    files.push(("lib/systemd/system/php8.2-fpm.service".into(), unit("8.2")));
    let (codes, _) = check(&files, true);
    assert!(missing(&codes), "{codes:#?}");
}

#[test]
fn the_highest_version_wins() {
    let mut files = base();
    files.extend(php("8.2", "/run/php/php8.2-fpm.sock"));
    files.extend(php("8.3", "/run/php/php8.3-fpm.sock"));
    files.push(("lib/systemd/system/php8.2-fpm.service".into(), unit("8.2")));
    files.push((
        "usr/lib/systemd/system/php8.3-fpm.service".into(),
        unit("8.3"),
    ));
    let (codes, project) = check(&files, true);
    assert!(!missing(&codes), "{codes:#?}");
    let stack = hoplint::model::build(&project);
    assert_eq!(stack.socket_aliases.len(), 1);
    let pool = &stack.pools[stack.socket_aliases[0].pool];
    assert_eq!(
        pool.listen.as_ref().unwrap().value,
        "/run/php/php8.3-fpm.sock"
    );
    assert!(stack.socket_aliases[0].why.contains("php8.3-fpm.service"));
}

#[test]
fn a_masked_unit_or_a_cleared_exec_start_post_makes_no_link() {
    let mut files = base();
    files.extend(php("8.2", "/run/php/php8.2-fpm.sock"));
    files.push(("lib/systemd/system/php8.2-fpm.service".into(), unit("8.2")));
    files.push((
        "etc/systemd/system/php8.2-fpm.service.d/override.conf".into(),
        "[Service]\nExecStartPost=\n".into(),
    ));
    let (codes, _) = check(&files, true);
    assert!(missing(&codes), "{codes:#?}");

    let dir = tempfile::tempdir().unwrap();
    let mut files = base();
    files.extend(php("8.2", "/run/php/php8.2-fpm.sock"));
    files.push(("lib/systemd/system/php8.2-fpm.service".into(), unit("8.2")));
    common::write_tree(dir.path(), &files);
    std::fs::create_dir_all(dir.path().join("etc/systemd/system")).unwrap();
    std::os::unix::fs::symlink(
        "/dev/null",
        dir.path().join("etc/systemd/system/php8.2-fpm.service"),
    )
    .unwrap();
    let project = hoplint::check(
        &[dir.path().to_path_buf()],
        &Options {
            root: Some(dir.path().to_path_buf()),
            display_base: Some(dir.path().to_path_buf()),
            kind: None,
        },
    );
    assert!(project
        .diagnostics
        .iter()
        .any(|d| d.code == "unix-socket-missing"));
}

/// A unit of another layout (Fedora's `php-fpm.service`) runs no helper.
#[test]
fn a_unit_without_the_helper_makes_no_link() {
    let mut files = base();
    files.extend(php("8.2", "/run/php/php8.2-fpm.sock"));
    files.push((
        "usr/lib/systemd/system/php-fpm.service".into(),
        "[Service]\nType=notify\nExecStart=/usr/sbin/php-fpm --nodaemonize\n".into(),
    ));
    let (codes, _) = check(&files, true);
    assert!(missing(&codes), "{codes:#?}");
}

/// Without a root (a repository of configs): a tree laid out as Debian's
/// is taken to run Debian's units.
#[test]
fn without_units_a_debian_tree_is_assumed_to_link() {
    let mut files = base();
    files.extend(php("8.2", "/run/php/php8.2-fpm.sock"));
    let (codes, project) = check(&files, false);
    assert!(!missing(&codes), "{codes:#?}");
    let stack = hoplint::model::build(&project);
    assert!(stack.socket_aliases[0].why.contains("assumed"));
    // A pool on TCP: nothing to link, and the hop is flagged.
    let mut files = base();
    files.extend(php("8.2", "127.0.0.1:9000"));
    let (codes, _) = check(&files, false);
    assert!(missing(&codes), "{codes:#?}");
}
