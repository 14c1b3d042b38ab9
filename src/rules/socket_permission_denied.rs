//! `socket-permission-denied`: nginx's workers cannot write to the unix
//! socket a php-fpm pool creates. Connecting to a unix socket needs write
//! permission on the socket file; without it `connect()` fails with EACCES
//! and nginx answers 502.
//!
//! The socket, as php-fpm makes it (`fpm_unix_resolve_socket_premissions`
//! and `fpm_unix_set_socket_premissions` in `sapi/fpm/fpm/fpm_unix.c`):
//! created by the master, so owned by the master's user and group unless
//! `listen.owner` / `listen.group` change them; a named `listen.owner` also
//! sets the group to that user's primary group; mode `listen.mode`, 0660 by
//! default. With `listen.acl_users` or `listen.acl_groups` set, owner and
//! group are ignored and ACL entries grant read and write instead.
//!
//! The worker, as nginx makes it (`ngx_set_user` in `src/core/nginx.c`,
//! `ngx_worker_process_init` in `src/os/unix/ngx_process_cycle.c`): the
//! `user` directive's user, its group (or the group named like the user),
//! plus every group of `/etc/group` that lists the user.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::model::php_fpm::Pool;
use crate::model::{Endpoint, Setting, Stack, Target};
use std::collections::HashMap;
use std::path::Path;

pub const CODE: &str = "socket-permission-denied";

/// The account databases of the scanned machine (`etc/passwd` and
/// `etc/group` under the root), each `None` when the tree lacks it.
#[derive(Debug, Default)]
pub struct Accounts {
    /// name → (uid, primary gid)
    users: Option<HashMap<String, (u32, u32)>>,
    groups: Option<Vec<GroupEntry>>,
}

#[derive(Debug)]
struct GroupEntry {
    name: String,
    gid: u32,
    members: Vec<String>,
}

/// Account files larger than this are not read (a real one is a few KB).
const MAX_ACCOUNT_FILE: u64 = 16 << 20;

fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_ACCOUNT_FILE {
        return None;
    }
    std::fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The fields of each entry line; `#` comments and NIS `+`/`-` lines skipped.
fn records(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '+', '-']))
        .map(|l| l.split(':').collect())
}

impl Accounts {
    pub fn read(root: &Path) -> Accounts {
        Accounts::parse(
            read_small(&root.join("etc/passwd")).as_deref(),
            read_small(&root.join("etc/group")).as_deref(),
        )
    }

    pub fn parse(passwd: Option<&str>, group: Option<&str>) -> Accounts {
        let users = passwd.map(|t| {
            let mut m = HashMap::new();
            for f in records(t) {
                if let (Some(name), Some(Ok(uid)), Some(Ok(gid))) = (
                    f.first(),
                    f.get(2).map(|s| s.parse()),
                    f.get(3).map(|s| s.parse()),
                ) {
                    // getpwnam returns the first entry with a name.
                    m.entry(name.to_string()).or_insert((uid, gid));
                }
            }
            m
        });
        let groups = group.map(|t| {
            records(t)
                .filter_map(|f| {
                    Some(GroupEntry {
                        name: f.first()?.to_string(),
                        gid: f.get(2)?.parse().ok()?,
                        members: f
                            .get(3)
                            .map(|m| {
                                m.split(',')
                                    .map(str::trim)
                                    .filter(|s| !s.is_empty())
                                    .map(String::from)
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                })
                .collect()
        });
        Accounts { users, groups }
    }

    fn user_id(&self, name: &str) -> Id {
        Id {
            name: Some(name.to_string()),
            num: self
                .users
                .as_ref()
                .and_then(|u| u.get(name))
                .map(|(uid, _)| *uid),
        }
    }

    fn uid_name(&self, uid: u32) -> Option<String> {
        let users = self.users.as_ref()?;
        users
            .iter()
            .filter(|(_, (u, _))| *u == uid)
            .map(|(n, _)| n.clone())
            .min()
    }

    fn group_id(&self, name: &str) -> Id {
        Id {
            name: Some(name.to_string()),
            num: self
                .groups
                .as_ref()
                .and_then(|g| g.iter().find(|e| e.name == name))
                .map(|e| e.gid),
        }
    }

    fn gid_id(&self, gid: u32) -> Id {
        Id {
            name: self
                .groups
                .as_ref()
                .and_then(|g| g.iter().find(|e| e.gid == gid))
                .map(|e| e.name.clone()),
            num: Some(gid),
        }
    }

    /// Whether the database that should hold `name` lacks it: the server
    /// would then refuse to start, which is another failure than this one.
    fn lacks_user(&self, name: &str) -> bool {
        self.users.as_ref().is_some_and(|u| !u.contains_key(name))
    }

    fn lacks_group(&self, name: &str) -> bool {
        self.groups
            .as_ref()
            .is_some_and(|g| !g.iter().any(|e| e.name == name))
    }
}

/// A user or group, by name, number, or both.
#[derive(Debug, Clone, PartialEq)]
struct Id {
    name: Option<String>,
    num: Option<u32>,
}

impl Id {
    fn root() -> Id {
        Id {
            name: Some("root".into()),
            num: Some(0),
        }
    }

    fn show(&self) -> String {
        match (&self.name, self.num) {
            (Some(n), _) => n.clone(),
            (None, Some(n)) => n.to_string(),
            (None, None) => "?".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tri {
    Yes,
    No,
    /// Not knowable from the configs.
    Unknown,
    /// Not provable, but assumed no: supplementary groups without an
    /// `etc/group` in the tree.
    AssumedNo,
}

fn same(a: &Id, b: &Id) -> Tri {
    match (a.num, b.num, &a.name, &b.name) {
        (Some(x), Some(y), _, _) => yes(x == y),
        (_, _, Some(x), Some(y)) => yes(x == y),
        _ => Tri::Unknown,
    }
}

fn yes(b: bool) -> Tri {
    if b {
        Tri::Yes
    } else {
        Tri::No
    }
}

/// nginx's worker identity.
struct Worker {
    user: Id,
    /// The group it runs with: one name, or, with no `user` directive,
    /// the build's default (`nogroup` or `nobody`, chosen by configure).
    primary: Vec<Id>,
    /// Groups of `etc/group` that list the user; `None` without the file.
    supplementary: Option<Vec<Id>>,
}

fn worker(stack: &Stack, acc: &Accounts) -> Option<Worker> {
    let name = stack.nginx.user();
    let primary: Vec<&str> = match (&stack.nginx.user, &stack.nginx.user_group) {
        (Some(_), Some(g)) => vec![g.as_str()],
        (Some(u), None) => vec![u.value.as_str()],
        (None, _) => vec!["nogroup", "nobody"],
    };
    if acc.lacks_user(name) {
        return None;
    }
    let user = acc.user_id(name);
    // The super-user passes every permission check.
    if same(&user, &Id::root()) == Tri::Yes {
        return None;
    }
    let supplementary = acc.groups.as_ref().map(|g| {
        g.iter()
            .filter(|e| e.members.iter().any(|m| m == name))
            .map(|e| acc.gid_id(e.gid))
            .collect()
    });
    Some(Worker {
        user,
        primary: primary.into_iter().map(|g| acc.group_id(g)).collect(),
        supplementary,
    })
}

impl Worker {
    fn in_group(&self, group: &Id) -> Tri {
        let primary: Vec<Tri> = self.primary.iter().map(|g| same(g, group)).collect();
        if primary.iter().all(|t| *t == Tri::Yes) {
            return Tri::Yes;
        }
        let primary_maybe = primary.iter().any(|t| *t != Tri::No);
        let Some(supp) = &self.supplementary else {
            return if primary_maybe {
                Tri::Unknown
            } else {
                Tri::AssumedNo
            };
        };
        let supp: Vec<Tri> = supp.iter().map(|g| same(g, group)).collect();
        if supp.contains(&Tri::Yes) {
            Tri::Yes
        } else if primary_maybe || supp.contains(&Tri::Unknown) {
            Tri::Unknown
        } else {
            Tri::No
        }
    }
}

/// The socket file as php-fpm leaves it.
#[derive(Debug)]
struct Socket {
    owner: Id,
    group: Id,
    mode: u32,
    acl_users: Vec<String>,
    acl_groups: Vec<String>,
}

fn set(s: &Option<Setting>) -> Option<&str> {
    s.as_ref().map(|s| s.value.trim()).filter(|v| !v.is_empty())
}

fn numeric(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// `strtoul(value, 0, 8)` for the values people write (`0660`, `666`);
/// anything else is left unjudged.
fn parse_mode(v: &str) -> Option<u32> {
    if v.is_empty() || v.len() > 6 || !v.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    u32::from_str_radix(v, 8).ok()
}

fn list(s: &Option<Setting>) -> Vec<String> {
    set(s)
        .map(|v| {
            v.split(',')
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The socket php-fpm makes; `with_acl` false reads it as a php-fpm built
/// without ACL support would. `None` when php-fpm would not start or the
/// mode is unreadable.
fn socket(pool: &Pool, acc: &Accounts, with_acl: bool) -> Option<Socket> {
    let mode = match set(&pool.listen_mode) {
        Some(m) => parse_mode(m)?,
        None => 0o660,
    };
    let (acl_users, acl_groups) = if with_acl {
        (list(&pool.listen_acl_users), list(&pool.listen_acl_groups))
    } else {
        (Vec::new(), Vec::new())
    };
    // The master creates the socket; it is assumed to run as root.
    let mut owner = Id::root();
    let mut group = Id::root();
    if acl_users.is_empty() && acl_groups.is_empty() {
        if let Some(o) = set(&pool.listen_owner) {
            match numeric(o) {
                Some(uid) => {
                    owner = Id {
                        name: acc.uid_name(uid),
                        num: Some(uid),
                    }
                }
                None if acc.lacks_user(o) => return None,
                None => {
                    owner = acc.user_id(o);
                    group = match acc.users.as_ref().and_then(|u| u.get(o)) {
                        Some((_, gid)) => acc.gid_id(*gid),
                        None => Id {
                            name: None,
                            num: None,
                        },
                    };
                }
            }
        }
        if let Some(g) = set(&pool.listen_group) {
            group = match numeric(g) {
                Some(gid) => acc.gid_id(gid),
                None if acc.lacks_group(g) => return None,
                None => acc.group_id(g),
            };
        }
    }
    Some(Socket {
        owner,
        group,
        mode,
        acl_users,
        acl_groups,
    })
}

/// Whether the worker may write to the socket: `No` proven, `AssumedNo`
/// under the stated assumption, anything else is not reported.
fn access(w: &Worker, s: &Socket) -> (Tri, Vec<String>) {
    let mut assumed = Vec::new();
    let user = w.user.name.as_deref().unwrap_or("?");
    if s.acl_users.iter().any(|u| u == user) {
        return (Tri::Yes, assumed);
    }
    for g in &s.acl_groups {
        match w.in_group(&Id {
            name: Some(g.clone()),
            num: None,
        }) {
            Tri::No => {}
            Tri::AssumedNo => assumed.push(g.clone()),
            t => return (t, assumed),
        }
    }
    let allows = |bit: u32| yes(s.mode & bit != 0);
    let verdict = match same(&w.user, &s.owner) {
        Tri::Yes => allows(0o200),
        Tri::No => {
            let (gw, ow) = (s.mode & 0o020 != 0, s.mode & 0o002 != 0);
            match w.in_group(&s.group) {
                Tri::Yes => allows(0o020),
                Tri::No => allows(0o002),
                _ if gw == ow => yes(gw),
                Tri::AssumedNo if !ow => {
                    assumed.push(s.group.show());
                    Tri::AssumedNo
                }
                _ => Tri::Unknown,
            }
        }
        _ => Tri::Unknown,
    };
    let verdict = match verdict {
        Tri::No if !assumed.is_empty() => Tri::AssumedNo,
        v => v,
    };
    (verdict, assumed)
}

pub fn check(stack: &Stack, acc: &Accounts) -> Vec<Diagnostic> {
    let Some(w) = worker(stack, acc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for t in stack.targets() {
        let Endpoint::Unix(path) = t.endpoint else {
            continue;
        };
        if !path.starts_with('/') {
            continue;
        }
        let Some(pool) = stack
            .pools_answering(t.endpoint)
            .into_iter()
            .rev()
            .find(|p| p.endpoint.as_ref() == Some(t.endpoint))
        else {
            continue;
        };
        let Some(sock) = socket(pool, acc, true) else {
            continue;
        };
        let (mut verdict, mut assumed) = access(&w, &sock);
        // php-fpm built without ACL support ignores the ACL keys: report
        // only what fails either way.
        if !sock.acl_users.is_empty() || !sock.acl_groups.is_empty() {
            let Some(plain) = socket(pool, acc, false) else {
                continue;
            };
            let (v, a) = access(&w, &plain);
            verdict = match (verdict, v) {
                (Tri::No, Tri::No) => Tri::No,
                (Tri::No | Tri::AssumedNo, Tri::No | Tri::AssumedNo) => Tri::AssumedNo,
                _ => continue,
            };
            assumed.extend(a);
            assumed.dedup();
        }
        let severity = match verdict {
            Tri::No => Severity::Error,
            Tri::AssumedNo => Severity::Warning,
            _ => continue,
        };
        out.push(report(stack, &t, path, pool, &sock, &w, severity, &assumed));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn report(
    stack: &Stack,
    t: &Target,
    path: &str,
    pool: &Pool,
    sock: &Socket,
    w: &Worker,
    severity: Severity,
    assumed: &[String],
) -> Diagnostic {
    let user = stack.nginx.user();
    let groups: Vec<String> = w.primary.iter().map(Id::show).collect();
    let group = groups.join("` or `");
    let acl = !sock.acl_users.is_empty() || !sock.acl_groups.is_empty();
    let defaulted = acl || set(&pool.listen_owner).is_none() && set(&pool.listen_group).is_none();
    let owned = format!(
        "`{}:{}` with mode `{:04o}`",
        sock.owner.show(),
        sock.group.show(),
        sock.mode
    );
    let mut message = format!(
        "nginx's workers run as `{user}` (group `{group}`) and cannot write to `unix:{path}`, which php-fpm pool `{}` creates as {owned}: connect() fails with Permission denied and nginx answers 502 Bad Gateway",
        pool.name
    );
    let mut notes = Vec::new();
    if stack.nginx.user.is_none() {
        notes.push(format!(
            "no `user` directive: nginx's built-in default `{user}` applies"
        ));
    }
    if defaulted {
        notes.push("the socket's owner and group are the php-fpm master's, assumed `root` (as systemd starts it)".to_string());
    }
    for g in assumed {
        notes.push(format!(
            "assuming `{user}` is not a member of group `{g}`: the scanned tree holds no etc/group"
        ));
    }
    if !notes.is_empty() {
        message.push_str(&format!(" ({})", notes.join("; ")));
    }
    let mut d = Diagnostic::new(CODE, Category::Connectivity, severity, message).at(
        t.span.file,
        t.span.range,
        format!("`{user}` may not write to this socket"),
    );
    if t.span != t.hop.span {
        d = d.also(t.hop.span.file, t.hop.span.range, "used by this hop");
    }
    if let Some(u) = &stack.nginx.user {
        d = d.also(
            u.span.file,
            u.span.range,
            "nginx's workers run as this user",
        );
    }
    let lines = [
        (&pool.listen_owner, "socket owner"),
        (&pool.listen_group, "socket group"),
        (&pool.listen_mode, "socket mode"),
        (&pool.listen_acl_users, "ACL users"),
        (&pool.listen_acl_groups, "ACL groups"),
    ];
    let mut any = false;
    for (s, what) in lines {
        if let Some(s) = s {
            let ignored = acl && (what == "socket owner" || what == "socket group");
            let label = if ignored {
                format!("{what} (ignored while ACLs are set)")
            } else {
                what.to_string()
            };
            d = d.also(s.span.file, s.span.range, label);
            any = true;
        }
    }
    if !any {
        if let Some(l) = &pool.listen {
            d = d.also(
                l.span.file,
                l.span.range,
                "no listen.owner, listen.group or listen.mode: the socket is the master's, mode 0660",
            );
        }
    }
    let run_as = if sock.owner.show() == "root" {
        String::new()
    } else {
        format!(
            ", or run nginx as the socket's owner (`user {};`)",
            sock.owner.show()
        )
    };
    d.help(format!(
        "nginx logs `connect() to unix:{path} failed (13: Permission denied) while connecting to upstream` and answers 502. Fix: in pool `{}` set `listen.owner = {user}` and `listen.group = {}` (or `listen.acl_users = {user}`){run_as}",
        pool.name,
        w.primary.first().map(Id::show).unwrap_or_default(),
    ))
}
