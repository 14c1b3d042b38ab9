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
}

impl Pool {
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

pub fn build(project: &Project, includes: &Includes) -> Vec<Pool> {
    let mut pools: Vec<Pool> = Vec::new();
    for root in roots(project) {
        let Some(first) = items(project, root) else {
            continue;
        };
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
                    } else if let Some(&i) = by_name.get(&name.text) {
                        // A second `[www]` continues the same pool.
                        Some(i)
                    } else {
                        let span = Span {
                            file,
                            range: *range,
                        };
                        by_name.insert(name.text.clone(), pools.len());
                        pools.push(Pool::new(&name.text, span));
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
                Item::Entry(e) if e.subkey.is_none() => {
                    let Some(pool) = current.map(|i| &mut pools[i]) else {
                        continue;
                    };
                    let value = expand_pool(&e.value.text, &pool.name);
                    let key = e.key.text.to_ascii_lowercase();
                    if key == "listen" {
                        pool.endpoint = Some(endpoint::fpm_listen(&value));
                    }
                    if let Some(slot) = pool.slot(&key) {
                        *slot = Some(Setting {
                            value,
                            span: Span {
                                file,
                                range: e.range,
                            },
                        });
                    }
                }
                _ => {}
            }
        }
    }
    pools
}
