//! `upstream-unused`: an `upstream` block no `*_pass` of the same nginx
//! names. Nothing fails because of it, but the servers it lists receive
//! no traffic, and edits to it change nothing: often the other half of a
//! `*_pass` whose name is misspelt.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::load::Project;
use crate::model::nginx::Nginx;
use crate::model::Stack;
use crate::source::{FileId, Kind};
use crate::syntax::nginx::Item;
use crate::syntax::Tree;
use std::collections::{HashMap, HashSet};

pub const CODE: &str = "upstream-unused";

/// Which nginx configurations hoplint sees whole: read from an entry
/// point with an `http` block, every `include` in them matching a file.
/// A glob that matched nothing in a repo of configs (the live files are
/// elsewhere) may hide the hops and upstreams hoplint would need.
#[derive(Debug, Default)]
pub struct Sight {
    /// Root files of nginx configurations with an include that matched nothing.
    blind_roots: HashSet<FileId>,
}

impl Sight {
    pub fn new(project: &Project, nginx: &Nginx) -> Sight {
        let mut edges: HashMap<FileId, Vec<FileId>> = HashMap::new();
        let mut matched = HashSet::new();
        for e in &project.includes {
            edges.entry(e.from).or_default().push(e.to);
            matched.insert((e.from, e.at));
        }
        let blind_files: HashSet<FileId> = project
            .files
            .iter()
            .filter(|f| f.kind == Kind::Nginx)
            .filter(|f| has_unmatched_include(project, f.id, &matched))
            .map(|f| f.id)
            .collect();
        let mut blind_roots = HashSet::new();
        // Only the files nginx configurations are read from.
        let roots: HashSet<FileId> = nginx
            .contexts
            .iter()
            .filter(|c| c.kind == "main")
            .map(|c| c.span.file)
            .collect();
        for root in roots {
            let mut seen = HashSet::from([root]);
            let mut todo = vec![root];
            while let Some(f) = todo.pop() {
                if blind_files.contains(&f) {
                    blind_roots.insert(root);
                    break;
                }
                for &to in edges.get(&f).into_iter().flatten() {
                    if seen.insert(to) {
                        todo.push(to);
                    }
                }
            }
        }
        Sight { blind_roots }
    }

    /// Whether context `ctx` is inside an `http` block of a configuration
    /// hoplint sees whole.
    pub fn whole(&self, stack: &Stack, ctx: usize) -> bool {
        let nginx = &stack.nginx;
        let Some(main) = nginx.enclosing(ctx, "main") else {
            return false;
        };
        nginx.http_of(ctx).is_some() && !self.blind_roots.contains(&nginx.contexts[main].span.file)
    }
}

fn has_unmatched_include(
    project: &Project,
    file: FileId,
    matched: &HashSet<(FileId, crate::span::TextRange)>,
) -> bool {
    let Some(Tree::Nginx(tree)) = project.trees.get(file.0 as usize) else {
        return false;
    };
    // An explicit stack: nesting depth is the input's, not ours to bound.
    let mut stack: Vec<&[Item]> = vec![&tree.items];
    while let Some(items) = stack.pop() {
        for item in items {
            let Item::Directive(d) = item else {
                continue;
            };
            if d.name.is("include")
                && !matched.contains(&(file, d.range))
                && !empty_glob(
                    project,
                    file,
                    d.args.first().map_or("", |a| a.text.as_str()),
                )
            {
                return true;
            }
            if let Some(b) = &d.block {
                stack.push(&b.items);
            }
        }
    }
    false
}

/// Whether an include that matched nothing is a glob over a directory the
/// scan holds (an empty `sites-enabled/` or `conf.d/`): then nothing is
/// hidden. A pattern whose directory is absent may stand for files kept
/// elsewhere (a repo of configs checked without the machine).
fn empty_glob(project: &Project, file: FileId, pattern: &str) -> bool {
    let Some(star) = pattern.find(['*', '?', '[']) else {
        return false;
    };
    let dir = match pattern[..star].rfind('/') {
        Some(i) => &pattern[..i],
        None => "",
    };
    let path = match (dir.strip_prefix('/'), &project.root) {
        (Some(abs), Some((root, _))) => root.join(abs),
        (Some(_), None) => return false,
        (None, _) => match project.file(file).path.parent() {
            Some(p) => p.join(dir),
            None => return false,
        },
    };
    path.is_dir()
}

/// The host part of a `*_pass` value: the name an upstream would have.
fn pass_host(value: &str) -> &str {
    let rest = value.split_once("://").map_or(value, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => &authority[..i],
        _ => authority,
    }
}

pub fn check(stack: &Stack, sight: &Sight) -> Vec<Diagnostic> {
    let nginx = &stack.nginx;
    // Per `http` context: the names its `*_pass` directives use, and
    // whether one holds a variable (it may name any upstream at run time).
    // Every `*_pass`, also third-party ones (`memcached_pass`, `redis2_pass`).
    let mut used: HashMap<usize, HashSet<&str>> = HashMap::new();
    let mut dynamic: HashSet<usize> = HashSet::new();
    for (c, context) in nginx.contexts.iter().enumerate() {
        let Some(http) = nginx.http_of(c) else {
            continue;
        };
        for d in context
            .directives
            .iter()
            .filter(|d| d.name.ends_with("_pass"))
        {
            let Some(value) = d.arg(0) else {
                continue;
            };
            if value.contains('$') {
                dynamic.insert(http);
            }
            used.entry(http).or_default().insert(pass_host(value));
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for u in &nginx.upstreams {
        if !seen.insert(u.span) || !sight.whole(stack, u.ctx) {
            continue;
        }
        let Some(http) = nginx.http_of(u.ctx) else {
            continue;
        };
        if dynamic.contains(&http) || used.get(&http).is_some_and(|s| s.contains(u.name.as_str())) {
            continue;
        }
        out.push(
            Diagnostic::new(
                CODE,
                Category::Connectivity,
                Severity::Info,
                format!("upstream `{}` is named by no `*_pass` of this nginx: its servers receive no traffic", u.name),
            )
            .at(u.span.file, u.span.range, "no `*_pass` names this upstream")
            .help(format!("Nothing fails because of it, but edits here change nothing. If a `proxy_pass` or `fastcgi_pass` was meant to use it, check that it names `{}` exactly (see `upstream-unknown`); otherwise remove the block", u.name)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_hosts() {
        assert_eq!(pass_host("http://backend/api"), "backend");
        assert_eq!(pass_host("backend:9000"), "backend");
        assert_eq!(pass_host("php"), "php");
        assert_eq!(pass_host("grpcs://[::1]"), "[::1]");
    }
}
