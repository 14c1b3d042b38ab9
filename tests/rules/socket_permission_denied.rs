//! The edges of `socket-permission-denied`: php-fpm's socket defaults,
//! nginx's worker user and groups, and the look-alikes that must stay silent.

use crate::common;

use hoplint::diagnostic::Severity;
use hoplint::load::Options;

const PASSWD: &str = "root:x:0:0:root:/root:/bin/bash\n\
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n\
nginx:x:101:101:nginx:/nonexistent:/usr/sbin/nologin\n\
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
const GROUP: &str = "root:x:0:\nwww-data:x:33:\nnginx:x:101:\nnogroup:x:65534:\n";

struct Case<'a> {
    /// The main-context `user` line, if any.
    user: Option<&'a str>,
    /// Lines added to the pool after `listen`.
    pool: &'a str,
    passwd: Option<&'a str>,
    group: Option<&'a str>,
}

impl<'a> Case<'a> {
    fn new(user: Option<&'a str>, pool: &'a str) -> Self {
        Case {
            user,
            pool,
            passwd: Some(PASSWD),
            group: Some(GROUP),
        }
    }

    fn without_accounts(mut self) -> Self {
        self.passwd = None;
        self.group = None;
        self
    }

    fn group(mut self, group: &'a str) -> Self {
        self.group = Some(group);
        self
    }
}

/// (severity, line of the primary label, message) of every finding.
fn findings_in(files: &[(&str, String)], root: bool) -> Vec<(Severity, usize, String)> {
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
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "socket-permission-denied")
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            (
                d.severity,
                project.file(l.file).line_col(l.range.start).0,
                d.message.clone(),
            )
        })
        .collect()
}

fn files(c: &Case, http: &str) -> Vec<(&'static str, String)> {
    let user = c.user.map(|u| format!("user {u};\n")).unwrap_or_default();
    let mut files = vec![
        (
            "etc/nginx/nginx.conf",
            format!("{user}events {{}}\nhttp {{\n{http}\n}}\n"),
        ),
        (
            "etc/php/8.2/fpm/pool.d/www.conf",
            format!("[www]\nlisten = /run/php/php.sock\n{}", c.pool),
        ),
    ];
    if let Some(p) = c.passwd {
        files.push(("etc/passwd", p.to_string()));
    }
    if let Some(g) = c.group {
        files.push(("etc/group", g.to_string()));
    }
    files
}

const SITE: &str = "server {\nlocation ~ \\.php$ {\nfastcgi_pass unix:/run/php/php.sock;\n}\n}";

fn run(c: &Case) -> Vec<(Severity, usize, String)> {
    findings_in(&files(c, SITE), true)
}

fn severities(c: &Case) -> Vec<Severity> {
    run(c).into_iter().map(|f| f.0).collect()
}

const WWW_0660: &str = "listen.owner = www-data\nlisten.group = www-data\nlisten.mode = 0660\n";

#[test]
fn php_fpm_defaults_make_a_root_socket_nobody_can_use() {
    let found = run(&Case::new(Some("nobody nogroup"), ""));
    assert_eq!(found.len(), 1, "{found:?}");
    let (severity, line, message) = &found[0];
    assert_eq!((*severity, *line), (Severity::Error, 6));
    assert!(
        message.contains("`root:root` with mode `0660`"),
        "{message}"
    );
    assert!(message.contains("assumed `root`"), "{message}");
    // Even Debian's www-data cannot use a socket left as root's.
    assert_eq!(
        severities(&Case::new(Some("www-data"), "")),
        vec![Severity::Error]
    );
}

#[test]
fn a_socket_of_another_user_and_group_is_an_error_with_the_account_files() {
    let found = run(&Case::new(Some("nobody nogroup"), WWW_0660));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(
        found[0].2.contains("`www-data:www-data` with mode `0660`"),
        "{found:?}"
    );
}

#[test]
fn without_etc_group_membership_is_an_assumption() {
    let found = run(&Case::new(Some("nobody nogroup"), WWW_0660).without_accounts());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(
        found[0]
            .2
            .contains("assuming `nobody` is not a member of group `www-data`"),
        "{found:?}"
    );
    // No root at all: the same warning, and this machine's accounts are never read.
    let f = files(
        &Case::new(Some("nobody nogroup"), WWW_0660).without_accounts(),
        SITE,
    );
    let found = findings_in(&f, false);
    assert_eq!(
        found.iter().map(|f| f.0).collect::<Vec<_>>(),
        vec![Severity::Warning]
    );
}

#[test]
fn a_member_of_the_socket_group_is_silent() {
    let group = "root:x:0:\nwww-data:x:33:nginx,nobody\nnginx:x:101:\nnogroup:x:65534:\n";
    assert_eq!(
        severities(&Case::new(Some("nobody nogroup"), WWW_0660).group(group)),
        vec![]
    );
    assert_eq!(
        severities(&Case::new(Some("nginx"), WWW_0660).group(group)),
        vec![]
    );
    // Without the membership line, nginx's own group `nginx` does not help.
    assert_eq!(
        severities(&Case::new(Some("nginx"), WWW_0660)),
        vec![Severity::Error]
    );
    // The second argument of `user` is the worker's group.
    assert_eq!(
        severities(&Case::new(Some("nginx www-data"), WWW_0660)),
        vec![]
    );
}

#[test]
fn owner_world_writable_and_root_are_silent() {
    for (user, pool) in [
        (Some("www-data"), WWW_0660),
        (Some("nobody nogroup"), "listen.mode = 0666\n"),
        (Some("nobody nogroup"), "listen.owner = nobody\n"),
        (Some("root"), WWW_0660),
        // An unreadable mode is not judged.
        (Some("nobody nogroup"), "listen.mode = rw\n"),
    ] {
        assert_eq!(
            severities(&Case::new(user, pool)),
            vec![],
            "{user:?} {pool}"
        );
        assert_eq!(
            severities(&Case::new(user, pool).without_accounts()),
            vec![],
            "{user:?} {pool} without accounts"
        );
    }
}

#[test]
fn a_user_the_passwd_lacks_is_left_alone() {
    // nginx would not start at all: getpwnam("ghost") fails.
    assert_eq!(severities(&Case::new(Some("ghost"), WWW_0660)), vec![]);
    // Without a passwd the user may exist: the usual assumption applies.
    assert_eq!(
        severities(&Case::new(Some("ghost"), WWW_0660).without_accounts()),
        vec![Severity::Warning]
    );
}

#[test]
fn the_owner_class_is_checked_first() {
    // The owner's bits deny even though the others' allow.
    assert_eq!(
        severities(&Case::new(
            Some("www-data"),
            "listen.owner = www-data\nlisten.mode = 0066\n"
        )),
        vec![Severity::Error]
    );
    // Others may read but not write.
    assert_eq!(
        severities(&Case::new(
            Some("nobody nogroup"),
            "listen.owner = www-data\nlisten.group = www-data\nlisten.mode = 0664\n"
        )),
        vec![Severity::Error]
    );
}

#[test]
fn a_named_owner_brings_its_primary_group() {
    // listen.owner = www-data alone: the group is www-data's primary group.
    let pool = "listen.owner = www-data\n";
    assert_eq!(severities(&Case::new(Some("nginx www-data"), pool)), vec![]);
    assert_eq!(
        severities(&Case::new(Some("nginx"), pool)),
        vec![Severity::Error]
    );
    // Without passwd the group is unknown: a 0660 socket is not judged.
    assert_eq!(
        severities(&Case::new(Some("nginx www-data"), pool).without_accounts()),
        vec![]
    );
}

#[test]
fn nginx_default_user_is_nobody() {
    let found = run(&Case::new(None, WWW_0660));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].2.contains("built-in default `nobody`"),
        "{found:?}"
    );
    // The default group depends on the build: a `nogroup` socket is not judged.
    assert_eq!(
        severities(&Case::new(
            None,
            "listen.owner = www-data\nlisten.group = nogroup\n"
        )),
        vec![]
    );
}

#[test]
fn acl_users_replace_owner_and_group() {
    let acl = "listen.owner = www-data\nlisten.group = www-data\nlisten.acl_users = nobody\n";
    assert_eq!(severities(&Case::new(Some("nobody nogroup"), acl)), vec![]);
    // An ACL for someone else: denied with or without ACL support.
    let acl = "listen.owner = www-data\nlisten.group = www-data\nlisten.acl_users = www-data\n";
    assert_eq!(
        severities(&Case::new(Some("nobody nogroup"), acl)),
        vec![Severity::Error]
    );
    // Owner nobody would be ignored with ACLs, honoured without: not judged.
    let acl = "listen.owner = nobody\nlisten.acl_users = www-data\n";
    assert_eq!(severities(&Case::new(Some("nobody nogroup"), acl)), vec![]);
}

#[test]
fn an_upstream_server_carries_the_label() {
    let http = "upstream php {\nserver unix:/run/php/php.sock;\n}\nserver {\nlocation / {\nfastcgi_pass php;\n}\n}";
    let found = findings_in(
        &files(&Case::new(Some("nobody nogroup"), WWW_0660), http),
        true,
    );
    assert_eq!(
        found.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
        vec![(Severity::Error, 5)]
    );
}

#[test]
fn sockets_no_pool_creates_are_left_to_other_rules() {
    let http = "server {\nlocation / {\nfastcgi_pass unix:/run/other.sock;\n}\n}";
    let found = findings_in(
        &files(&Case::new(Some("nobody nogroup"), WWW_0660), http),
        true,
    );
    assert_eq!(found, vec![]);
}

#[test]
fn account_files_are_read_as_the_c_library_reads_them() {
    use hoplint::load::host::Accounts;
    // Comments, NIS lines and short lines are skipped without panicking.
    let a = Accounts::parse(
        Some("# c\n+::::::\nbroken\nnobody:x:65534:65534::/:/bin/false\n"),
        Some("\n-nis\nwww-data:x:33:a,nobody,b\nbad:x:notanumber:\n"),
    );
    let dump = format!("{a:?}");
    assert!(dump.contains("\"nobody\": (65534, 65534)"), "{dump}");
    assert!(
        dump.contains("members: [\"a\", \"nobody\", \"b\"]"),
        "{dump}"
    );
    assert!(!dump.contains("bad"), "{dump}");
}
