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

/// One part of the checked inputs, loaded and checked on its own: a
/// declared stack, or the rest of the tree.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The declared stack's name; `None` for the rest.
    pub name: Option<String>,
    pub paths: Vec<PathBuf>,
    pub opts: Options,
    /// Left out of the walk of `paths` (the declared stacks within them).
    pub exclude: Vec<PathBuf>,
    pub config: Config,
}

/// The checked inputs with the declared stacks split off: `None` when no
/// declared stack lies within (or around) them.
pub fn check(inputs: &[PathBuf], opts: &Options, config: &Config) -> Option<Project> {
    let units = plan(inputs, opts, config)?;
    let mut merged = Project::default();
    for unit in units {
        let mut project = load::load_excluding(&unit.paths, &unit.opts, &unit.exclude);
        match &unit.name {
            Some(name) => merged.stacks.push(name.clone()),
            // The rest of the tree, when it holds anything.
            None if project.files.is_empty() && project.fatal.is_empty() => continue,
            None => {}
        }
        rules::run(&mut project, &unit.config);
        merged.absorb(project);
    }
    merged.diagnostics.sort_by_key(|d| d.sort_key());
    Some(merged)
}

/// What [`check`] loads, part by part: each declared stack within (or
/// around) the inputs, then the rest of the inputs. `None` when no
/// declared stack concerns them: the inputs are one stack.
pub fn plan(inputs: &[PathBuf], opts: &Options, config: &Config) -> Option<Vec<Unit>> {
    let inputs: Vec<(&PathBuf, PathBuf)> = inputs.iter().map(|i| (i, canonical(i))).collect();
    let mut units = Vec::new();
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
            units.push(Unit {
                name: Some(stack.name.clone()),
                paths,
                opts: Options {
                    root: stack.root.clone().or_else(|| opts.root.clone()),
                    ..opts.clone()
                },
                exclude: Vec::new(),
                config: config.for_stack(stack),
            });
        }
    }
    if units.is_empty() {
        return None;
    }
    let claimed: Vec<PathBuf> = config.stacks.iter().flat_map(|s| s.paths.clone()).collect();
    let rest: Vec<PathBuf> = inputs
        .iter()
        .filter(|(_, ic)| !claimed.iter().any(|p| ic.starts_with(canonical(p))))
        .map(|(i, _)| (*i).clone())
        .collect();
    if !rest.is_empty() {
        units.push(Unit {
            name: None,
            paths: rest,
            opts: opts.clone(),
            exclude: claimed,
            config: config.clone(),
        });
    }
    Some(units)
}
