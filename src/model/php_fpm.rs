//! php-fpm pools: the sections of each entry file and of the files it
//! includes. An included file continues the section open at its include
//! site, and a section it opens stays open after it (php-fpm keeps the
//! current pool in one variable while it reads every file).

use super::endpoint::{self, Endpoint};
use super::{Includes, Setting, Span, MAX_SPLICE_DEPTH};
use crate::load::Project;
use crate::source::{FileId, Kind, Reach};
use crate::syntax::php_fpm::{expand_pool, Item};
use crate::syntax::Tree;
use std::collections::HashMap;

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

pub fn build(project: &Project, includes: &Includes, inis: &[PhpIni]) -> (Vec<Pool>, Vec<Master>) {
    let mut pools: Vec<Pool> = Vec::new();
    let mut masters: Vec<Master> = Vec::new();
    for root in roots(project) {
        let Some(first) = items(project, root) else {
            continue;
        };
        masters.push(Master {
            file: root,
            globals: Vec::new(),
            php_ini: php_ini_for(project, root, inis),
        });
        let master = masters.len() - 1;
        // The pool being read, as an index into `pools`; `None` in [global].
        let mut current: Option<usize> = None;
        let mut by_name: HashMap<String, usize> = pools
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
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
                    } else if let Some(&i) = by_name.get(name.text.as_str()) {
                        // A second `[www]` continues the same pool.
                        Some(i)
                    } else {
                        let span = Span {
                            file,
                            range: *range,
                        };
                        by_name.insert(name.text.to_string(), pools.len());
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
                    pool.entries.push((
                        key.clone(),
                        Setting {
                            value: value.clone(),
                            span,
                        },
                    ));
                    if e.subkey.is_some() {
                        continue;
                    }
                    if key == "listen" {
                        pool.endpoint = Some(endpoint::fpm_listen(&value));
                    }
                    if let Some(slot) = pool.slot(&key) {
                        *slot = Some(Setting { value, span });
                    }
                }
                _ => {}
            }
        }
    }
    (pools, masters)
}
