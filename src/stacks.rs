//! Declared stacks, checked each on its own. A repository of configs may
//! hold several servers (`hosts/web1/etc/…`, `hosts/web2/etc/…`); read as
//! one tree, a hop of one server would be matched with a pool of another,
//! and both servers' port 80 would collide. `[[stack]]` in `hoplint.toml`
//! names them: each is loaded and checked alone, with what it declares
//! for itself (its RAM, its app servers), the rest of the tree together,
//! and the findings are put side by side.

use crate::config::Config;
use crate::load::{self, Options, Project};
use crate::rules;
use std::path::{Path, PathBuf};

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The checked inputs with the declared stacks split off: `None` when no
/// declared stack lies within (or around) them.
pub fn check(inputs: &[PathBuf], opts: &Options, config: &Config) -> Option<Project> {
    let inputs: Vec<(&PathBuf, PathBuf)> = inputs.iter().map(|i| (i, canonical(i))).collect();
    let mut plans = Vec::new();
    for stack in &config.stacks {
        let mut paths: Vec<PathBuf> = Vec::new();
        for p in &stack.paths {
            let pc = canonical(p);
            for (input, ic) in &inputs {
                // The whole stack when it lies in what is checked; only the
                // checked part when the user checks inside the stack.
                let path = if pc.starts_with(ic) {
                    p.clone()
                } else if ic.starts_with(&pc) {
                    (*input).clone()
                } else {
                    continue;
                };
                if !paths.contains(&path) {
                    paths.push(path);
                }
            }
        }
        if !paths.is_empty() {
            plans.push((stack, paths));
        }
    }
    if plans.is_empty() {
        return None;
    }
    let mut merged = Project::default();
    for (stack, paths) in plans {
        let own = Options {
            root: stack.root.clone().or_else(|| opts.root.clone()),
            display_base: opts.display_base.clone(),
            kind: opts.kind,
        };
        let mut project = load::load(&paths, &own);
        rules::run(&mut project, &config.for_stack(stack));
        merged.stacks.push(stack.name.clone());
        merged.absorb(project);
    }
    let claimed: Vec<PathBuf> = config.stacks.iter().flat_map(|s| s.paths.clone()).collect();
    let rest: Vec<PathBuf> = inputs
        .iter()
        .filter(|(_, ic)| !claimed.iter().any(|p| ic.starts_with(canonical(p))))
        .map(|(i, _)| (*i).clone())
        .collect();
    if !rest.is_empty() {
        let mut project = load::load_excluding(&rest, opts, &claimed);
        if !project.files.is_empty() || !project.fatal.is_empty() {
            rules::run(&mut project, config);
            merged.absorb(project);
        }
    }
    merged.diagnostics.sort_by_key(|d| d.sort_key());
    Some(merged)
}
