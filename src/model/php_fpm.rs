//! php-fpm pools: the sections of each entry file and of the files it
//! includes. An included file continues the section open at its include
//! site, and a section it opens stays open after it (php-fpm keeps the
//! current pool in one variable while it reads every file).

use super::endpoint::{self, Endpoint};
use super::{Includes, Setting, Span, MAX_SPLICE_DEPTH};
use crate::load::host::accounts::{Accounts, Id};
use crate::load::Project;
use crate::source::{FileId, Kind, Reach};
use crate::syntax::php_fpm::{expand_pool, Item};
use crate::syntax::Tree;
use foldhash::{HashMap, HashMapExt};

#[derive(Debug)]
pub struct Pool {
    pub name: String,
    /// The first `[name]` header.
    pub span: Span,
    /// The last `listen` (php-fpm keeps the last value of a key), `$pool` expanded.
    pub listen: Option<Setting>,
    pub endpoint: Option<Endpoint>,
    pub listen_owner: Option<Setting>,
    pub listen_group: Option<Setting>,
    pub listen_mode: Option<Setting>,
    pub listen_acl_users: Option<Setting>,
    pub listen_acl_groups: Option<Setting>,
    pub listen_allowed_clients: Option<Setting>,
    pub listen_backlog: Option<Setting>,
    pub user: Option<Setting>,
    pub group: Option<Setting>,
    /// Every entry of the pool in the order read, keys lower-cased, array
    /// keys with their subkey: `pm.max_children`,
    /// `php_admin_value[memory_limit]`. php-fpm keeps the last value.
    pub entries: Vec<(String, Setting)>,
    /// The file php-fpm was started with (its index in `Stack::masters`).
    pub master: usize,
}

/// One php-fpm master: the entry file, its `[global]` entries, and the
/// `php.ini` its PHP reads.
#[derive(Debug)]
pub struct Master {
    pub file: FileId,
    pub globals: Vec<(String, Setting)>,
    /// The `php.ini` in the master config's directory or the nearest one
    /// above it (Debian: `/etc/php/8.2/fpm/php.ini` beside `php-fpm.conf`).
    pub php_ini: Option<FileId>,
    /// Where php-fpm reads its `php.ini` in this layout, for messages
    /// that assume PHP's defaults because none was checked.
    pub php_ini_place: PhpIniPlace,
    /// A main config: an entry point with a `[global]` section (what
    /// php-fpm is started with). A pool file read alone may be a partial
    /// override of a pool defined elsewhere, so keys it lacks prove nothing.
    pub main_config: bool,
}

impl Master {
    pub fn global(&self, key: &str) -> Option<&Setting> {
        last(&self.globals, key)
    }
}

fn last<'a>(entries: &'a [(String, Setting)], key: &str) -> Option<&'a Setting> {
    entries.iter().rev().find(|(k, _)| k == key).map(|(_, s)| s)
}

impl Pool {
    /// The value php-fpm keeps for `key` (lower-case; `php_value[name]`
    /// for array keys).
    pub fn get(&self, key: &str) -> Option<&Setting> {
        last(&self.entries, key)
    }

    fn new(name: &str, span: Span) -> Pool {
        Pool {
            name: name.to_string(),
            span,
            listen: None,
            endpoint: None,
            listen_owner: None,
            listen_group: None,
            listen_mode: None,
            listen_acl_users: None,
            listen_acl_groups: None,
            listen_allowed_clients: None,
            listen_backlog: None,
            user: None,
            group: None,
            entries: Vec::new(),
            master: 0,
        }
    }

    fn slot(&mut self, key: &str) -> Option<&mut Option<Setting>> {
        Some(match key {
            "listen" => &mut self.listen,
            "listen.owner" => &mut self.listen_owner,
            "listen.group" => &mut self.listen_group,
            "listen.mode" => &mut self.listen_mode,
            "listen.acl_users" => &mut self.listen_acl_users,
            "listen.acl_groups" => &mut self.listen_acl_groups,
            "listen.allowed_clients" => &mut self.listen_allowed_clients,
            "listen.backlog" => &mut self.listen_backlog,
            "user" => &mut self.user,
            "group" => &mut self.group,
            _ => return None,
        })
    }
}

/// Entry points, and pool files no entry point reaches (a `pool.d/` copied
/// alone): php-fpm would read them if included, and they are all we have.
fn roots(project: &Project) -> Vec<FileId> {
    project
        .files
        .iter()
        .filter(|f| f.kind == Kind::PhpFpm && matches!(f.reach, Reach::Entry | Reach::Unreached))
        .map(|f| f.id)
        .collect()
}

fn items(project: &Project, id: FileId) -> Option<&[Item]> {
    match project.trees.get(id.0 as usize) {
        Some(Tree::PhpFpm(f)) => Some(&f.items),
        _ => None,
    }
}

/// A PHP ini file and its entries, `[PHP]`-style sections ignored (PHP
/// reads every section of php.ini into one table, bar `[PATH=]`/`[HOST=]`).
#[derive(Debug)]
pub struct PhpIni {
    pub file: FileId,
    pub entries: Vec<(String, Setting)>,
}

impl PhpIni {
    pub fn get(&self, key: &str) -> Option<&Setting> {
        last(&self.entries, key)
    }
}

pub fn php_inis(project: &Project) -> Vec<PhpIni> {
    project
        .files
        .iter()
        .filter(|f| f.kind == Kind::PhpIni)
        .filter_map(|f| {
            let items = items(project, f.id)?;
            let mut entries = Vec::new();
            let mut per_dir = false;
            for item in items {
                match item {
                    Item::Section { name, .. } => {
                        let n = name.text.to_ascii_uppercase();
                        per_dir = n.starts_with("PATH=") || n.starts_with("HOST=");
                    }
                    Item::Entry(e) if !per_dir => entries.push((
                        e.key.text.to_string(),
                        Setting {
                            value: e.value.text.to_string(),
                            span: Span {
                                file: f.id,
                                range: e.range,
                            },
                        },
                    )),
                    _ => {}
                }
            }
            Some(PhpIni {
                file: f.id,
                entries,
            })
        })
        .collect()
}

/// The `php.ini` nearest above `file`: in its directory or an ancestor.
fn php_ini_for(project: &Project, file: FileId, inis: &[PhpIni]) -> Option<FileId> {
    let dir = project.file(file).path.parent()?.to_path_buf();
    dir.ancestors().take(3).find_map(|d| {
        inis.iter()
            .find(|i| project.file(i.file).path.parent() == Some(d))
            .map(|i| i.file)
    })
}

/// Where a layout's php-fpm reads `php.ini` (the directory its PHP was
/// built with, `--with-config-file-path`), as a path on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhpIniPlace {
    pub path: String,
    /// The layout that puts it there, if the master's path tells.
    pub layout: Option<&'static str>,
}

impl std::fmt::Display for PhpIniPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.layout {
            Some(l) => write!(f, "{l}: {}", self.path),
            None => write!(
                f,
                "php-fpm reads it from its build's config directory, e.g. {}",
                self.path
            ),
        }
    }
}

/// The `php.ini` php-fpm reads, by where its main config (or, without
/// one, a pool file) sits: Debian and Ubuntu `/etc/php/X.Y/fpm/php.ini`,
/// Fedora and RHEL `/etc/php.ini`, Alpine `/etc/phpXY/php.ini`, the
/// official `php` image `/usr/local/etc/php/php.ini` (told by its
/// `php-fpm.d/docker.conf`), FreeBSD `/usr/local/etc/php.ini`; else the
/// `php.ini` beside the main config.
pub fn php_ini_place(project: &Project, master: FileId) -> PhpIniPlace {
    let path = &project.file(master).path;
    let comps: Vec<String> = path
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let etc = comps.iter().rposition(|c| c == "etc");
    let local = etc.is_some_and(|i| i >= 2 && comps[i - 2] == "usr" && comps[i - 1] == "local");
    let rest: Vec<&str> = etc.map_or(Vec::new(), |i| {
        comps[i + 1..].iter().map(String::as_str).collect()
    });
    let place = |p: &str, l: &'static str| PhpIniPlace {
        path: p.to_string(),
        layout: Some(l),
    };
    let fpm_top = matches!(rest.first(), Some(&("php-fpm.conf" | "php-fpm.d")));
    match (local, rest.as_slice()) {
        (false, ["php", version, "fpm", ..]) => {
            return place(&format!("/etc/php/{version}/fpm/php.ini"), "Debian")
        }
        (false, [dir, ..])
            if dir.len() > 3
                && dir.starts_with("php")
                && dir[3..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            return place(&format!("/etc/{dir}/php.ini"), "Alpine")
        }
        (false, _) if fpm_top => return place("/etc/php.ini", "Fedora/RHEL"),
        (true, _) if fpm_top => {
            let docker = project.files.iter().any(|f| {
                f.kind == Kind::PhpFpm
                    && (f.path.ends_with("php-fpm.d/docker.conf")
                        || f.path.ends_with("php-fpm.d/zz-docker.conf"))
            });
            return if docker {
                place("/usr/local/etc/php/php.ini", "the official php image")
            } else {
                place("/usr/local/etc/php.ini", "FreeBSD")
            };
        }
        _ => {}
    }
    let mut dir = path
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .to_path_buf();
    if dir
        .file_name()
        .is_some_and(|n| n == "pool.d" || n == "php-fpm.d")
    {
        dir.pop();
    }
    PhpIniPlace {
        path: dir.join("php.ini").display().to_string(),
        layout: None,
    }
}

pub fn build(project: &Project, includes: &Includes, inis: &[PhpIni]) -> (Vec<Pool>, Vec<Master>) {
    let mut pools: Vec<Pool> = Vec::new();
    let mut masters: Vec<Master> = Vec::new();
    // Every pool so far by name, the last of a name winning: what a pool
    // file read alone continues. Kept across roots, not rebuilt for each
    // (a prefix tree of 10,000 pool files has 10,000 roots).
    let mut latest: HashMap<String, usize> = HashMap::new();
    for root in roots(project) {
        let Some(first) = items(project, root) else {
            continue;
        };
        masters.push(Master {
            file: root,
            globals: Vec::new(),
            php_ini: php_ini_for(project, root, inis),
            php_ini_place: php_ini_place(project, root),
            main_config: project.file(root).reach == Reach::Entry
                && first
                    .iter()
                    .any(|i| matches!(i, Item::Section { name, .. } if name.text == "global")),
        });
        let master = masters.len() - 1;
        // The pool being read, as an index into `pools`; `None` in [global].
        let mut current: Option<usize> = None;
        // A pool file read alone continues a pool of its name read before
        // (a pool.d copied beside a master that includes it from
        // elsewhere); a main config starts its own: two masters (PHP 8.2
        // and 8.3 side by side) each have their `[www]`.
        let alone = !masters[master].main_config;
        let mut own: HashMap<String, usize> = HashMap::new();
        let mut stack = vec![(root, first.iter(), 0usize)];
        while let Some((file, iter, depth)) = stack.last_mut() {
            let (file, depth) = (*file, *depth);
            let Some(item) = iter.next() else {
                stack.pop();
                continue;
            };
            match item {
                Item::Section { name, range } => {
                    current = if name.text == "global" {
                        None
                    } else if let Some(&i) =
                        if alone { &latest } else { &own }.get(name.text.as_str())
                    {
                        // A second `[www]` continues the same pool.
                        Some(i)
                    } else {
                        let span = Span {
                            file,
                            range: *range,
                        };
                        if !alone {
                            own.insert(name.text.to_string(), pools.len());
                        }
                        latest.insert(name.text.to_string(), pools.len());
                        let mut pool = Pool::new(&name.text, span);
                        pool.master = master;
                        pools.push(pool);
                        Some(pools.len() - 1)
                    };
                }
                Item::Entry(e)
                    if e.key.is("include") && e.subkey.is_none() && depth < MAX_SPLICE_DEPTH =>
                {
                    for &to in includes.targets(file, e.range).iter().rev() {
                        if let Some(inner) = items(project, to) {
                            stack.push((to, inner.iter(), depth + 1));
                        }
                    }
                }
                Item::Entry(e) => {
                    let span = Span {
                        file,
                        range: e.range,
                    };
                    let mut key = e.key.text.to_ascii_lowercase();
                    if let Some(sub) = &e.subkey {
                        key = format!("{key}[{}]", sub.text);
                    }
                    let Some(pool) = current.map(|i| &mut pools[i]) else {
                        masters[master].globals.push((
                            key,
                            Setting {
                                value: e.value.text.to_string(),
                                span,
                            },
                        ));
                        continue;
                    };
                    let value = expand_pool(&e.value.text, &pool.name);
                    if e.subkey.is_none() {
                        if key == "listen" {
                            pool.endpoint = Some(endpoint::fpm_listen(&value));
                        }
                        // Copied only for the few keys with a slot of their own.
                        if let Some(slot) = pool.slot(&key) {
                            *slot = Some(Setting {
                                value: value.clone(),
                                span,
                            });
                        }
                    }
                    pool.entries.push((key, Setting { value, span }));
                }
                _ => {}
            }
        }
    }
    (pools, masters)
}

/// The socket file as php-fpm leaves it.
#[derive(Debug)]
pub struct Socket {
    pub owner: Id,
    pub group: Id,
    pub mode: u32,
    pub acl_users: Vec<String>,
    pub acl_groups: Vec<String>,
}

/// A setting's trimmed value, `None` when unset or empty.
pub fn set(s: &Option<Setting>) -> Option<&str> {
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

impl Pool {
    /// The unix socket this pool's master creates, owned and moded as
    /// `fpm_unix_resolve_socket_premissions` and
    /// `fpm_unix_set_socket_premissions` (`sapi/fpm/fpm/fpm_unix.c`) leave
    /// it: the master's user and group unless `listen.owner` /
    /// `listen.group` change them (a named owner also sets the group to
    /// that user's primary group), mode `listen.mode` (0660 by default);
    /// with `listen.acl_users` / `listen.acl_groups`, owner and group are
    /// ignored and ACL entries grant access instead. `with_acl` false reads
    /// it as a php-fpm built without ACL support would. `None` when php-fpm
    /// would not start or the mode is unreadable.
    pub fn socket(&self, acc: &Accounts, with_acl: bool) -> Option<Socket> {
        let pool = self;
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
                        group = match acc.primary_gid(o) {
                            Some(gid) => acc.gid_id(gid),
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
}

/// Another name of a pool's socket that the system makes: Debian's and
/// Ubuntu's `/run/php/php-fpm.sock`, an `update-alternatives` link to the
/// socket `www.conf` listens on, made by `php-fpm-socket-helper` after the
/// master starts (see `crate::load::host::units`).
#[derive(Debug, Clone)]
pub struct SocketAlias {
    /// The link: `/run/php/php-fpm.sock`.
    pub link: String,
    pub endpoint: Endpoint,
    /// The pool whose socket it points to (an index into `Stack::pools`).
    pub pool: usize,
    /// Why, for messages: "`php8.2-fpm.service` links it to …".
    pub why: String,
}

/// Debian's link name.
pub const DEBIAN_SOCKET_LINK: &str = "/run/php/php-fpm.sock";

/// The links the checked machine's units make, each to the pool socket its
/// pool file's `listen` line names (the highest priority among those whose
/// socket a scanned pool creates). Where the root holds no php-fpm unit (a
/// repository of configs, a copied `/etc`), a tree laid out as Debian's
/// (`etc/php/X.Y/fpm/pool.d/www.conf`) is taken to run Debian's units: the
/// link goes to the socket of the newest version's `www.conf`.
pub fn socket_aliases(project: &Project, pools: &[Pool]) -> Vec<SocketAlias> {
    let links: Vec<(String, String, i64, String)> = match &project.host.php_fpm_units {
        Some(units) => units
            .links
            .iter()
            .map(|l| {
                (
                    l.link.clone(),
                    l.pool_file.clone(),
                    l.priority,
                    format!(
                        "`{}` runs `php-fpm-socket-helper`, which links it to the socket `{}` listens on",
                        l.unit, l.pool_file
                    ),
                )
            })
            .collect(),
        None => project
            .files
            .iter()
            .filter_map(|f| {
                let version = debian_www_conf(&f.path)?;
                let priority = version.replace('.', "").parse().ok()?;
                let pool_file = format!("/etc/php/{version}/fpm/pool.d/www.conf");
                Some((
                    DEBIAN_SOCKET_LINK.to_string(),
                    pool_file.clone(),
                    priority,
                    format!(
                        "assumed from Debian's layout: its `php{version}-fpm.service` links it to the socket `{pool_file}` listens on"
                    ),
                ))
            })
            .collect(),
    };
    let mut out: Vec<(i64, SocketAlias)> = Vec::new();
    for (link, pool_file, priority, why) in links {
        let Some(file) = project
            .files
            .iter()
            .find(|f| f.kind == Kind::PhpFpm && ends_with(&f.path, &pool_file))
        else {
            continue;
        };
        let Some(socket) = helper_socket(&file.text) else {
            continue;
        };
        // `[ -S "$SOCKET" ]`: only a socket a scanned pool creates.
        let Some(pool) = pools
            .iter()
            .rposition(|p| p.endpoint == Some(Endpoint::Unix(socket.clone())))
        else {
            continue;
        };
        let alias = SocketAlias {
            endpoint: Endpoint::Unix(link.clone()),
            link,
            pool,
            why,
        };
        match out.iter_mut().find(|(_, a)| a.link == alias.link) {
            Some(slot) if slot.0 < priority => *slot = (priority, alias),
            Some(_) => {}
            None => out.push((priority, alias)),
        }
    }
    out.into_iter().map(|(_, a)| a).collect()
}

/// `X.Y` of a path ending in `etc/php/X.Y/fpm/pool.d/www.conf`.
fn debian_www_conf(path: &std::path::Path) -> Option<String> {
    // Asked of every file read: most are ruled out by their name alone.
    if path.file_name()? != "www.conf" {
        return None;
    }
    let comps: Vec<String> = path
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let n = comps.len();
    if n < 6 {
        return None;
    }
    let tail = &comps[n - 6..];
    let version = &tail[2];
    let numeric = version.split('.').count() == 2
        && version
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (tail[0] == "etc"
        && tail[1] == "php"
        && numeric
        && tail[3] == "fpm"
        && tail[4] == "pool.d"
        && tail[5] == "www.conf")
        .then(|| version.clone())
}

/// Whether `path` (as shown) is the server path `server` below some root.
fn ends_with(path: &std::path::Path, server: &str) -> bool {
    let rel = server.trim_start_matches('/');
    !rel.is_empty() && path.ends_with(rel)
}

/// What `php-fpm-socket-helper` takes for the socket: every line matching
/// `sed -n 's/^listen[[:space:]]*=[[:space:]]*\([^[:space:]]*\)/\1/p'`,
/// the rest of each line kept; `None` unless exactly one line matched
/// (several lines make a path no socket has).
fn helper_socket(text: &str) -> Option<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("listen") else {
            continue;
        };
        let rest = rest.trim_start_matches([' ', '\t']);
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start_matches([' ', '\t']);
        found.push(rest.to_string());
    }
    match found.as_slice() {
        [one] if !one.is_empty() => Some(one.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn the_helper_reads_listen_as_sed_does() {
        assert_eq!(
            helper_socket("[www]\nlisten = /run/php/php8.2-fpm.sock\nlisten.owner = www-data\n")
                .as_deref(),
            Some("/run/php/php8.2-fpm.sock")
        );
        // A trailing comment or space stays part of the path: no socket.
        assert_eq!(
            helper_socket("listen = /run/php/a.sock ; x\n").as_deref(),
            Some("/run/php/a.sock ; x")
        );
        assert_eq!(helper_socket(";listen = /run/php/a.sock\n"), None);
        assert_eq!(helper_socket("listen = /a\nlisten = /b\n"), None);
        assert_eq!(
            debian_www_conf(std::path::Path::new("x/etc/php/8.3/fpm/pool.d/www.conf")).as_deref(),
            Some("8.3")
        );
        assert_eq!(
            debian_www_conf(std::path::Path::new("etc/php/8.3/fpm/pool.d/app.conf")),
            None
        );
    }
}
