//! From paths on the command line to parsed files: finds the entry points
//! (`discover`), reads and follows includes the way each server does
//! (`loader`), and turns everything that went wrong on the way into
//! diagnostics (`include_findings`, `syntax_findings`, `splice`). What it
//! produces is a [`Project`] (`project`).

pub mod codes;
pub mod discover;
pub mod fs;
pub mod glob;
pub mod host;
pub mod include;
mod include_findings;
mod loader;
pub mod overlay;
mod project;
mod splice;
mod syntax_findings;

pub use overlay::Sources;
pub use project::{IncludeEdge, Options, Project, UnreadInclude};
pub use splice::{SPLICE_BUDGET, SPLICE_PER_FILE};
pub use syntax_findings::{
    parse_diagnostics, syntax_diagnostic, syntax_meta, MAX_SYNTAX_FINDINGS_PER_FILE,
};

use crate::source::{Kind, Reach};
use discover::Found;
use foldhash::{HashMap, HashMapExt};
use fs::{Fs, ReadError};
use host::HostFacts;
use loader::{display_path, read_and_parse, Loader, Parsed};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The paths of `exclude` below the directory `input`, spelt as the walk
/// of `input` spells the files it finds.
fn excluded_below(input: &Path, exclude: &[PathBuf]) -> Vec<PathBuf> {
    let Ok(base) = std::fs::canonicalize(input) else {
        return Vec::new();
    };
    exclude
        .iter()
        .filter_map(|x| std::fs::canonicalize(x).ok())
        .filter_map(|x| x.strip_prefix(&base).ok().map(|rel| input.join(rel)))
        .collect()
}

/// The root to use: the one given, or a scanned directory that looks like
/// a server's `/` (it has `etc/nginx`, `etc/apache2`, ...), or the parent of
/// a scanned copy of `/etc`.
fn detect_root(inputs: &[PathBuf], opts: &Options) -> Option<(PathBuf, bool)> {
    if let Some(r) = &opts.root {
        return Some((r.clone(), false));
    }
    let dirs: Vec<&PathBuf> = inputs.iter().filter(|p| p.is_dir()).collect();
    for d in dirs {
        if discover::looks_like_machine_root(d) {
            return Some((d.clone(), true));
        }
        let canon = std::fs::canonicalize(d).ok()?;
        if canon.file_name().is_some_and(|n| n == "etc") {
            if let Some(parent) = canon.parent() {
                if discover::looks_like_machine_root(parent) {
                    return Some((parent.to_path_buf(), true));
                }
            }
        }
    }
    None
}

/// Reads every config below `inputs` and follows their includes.
pub fn load(inputs: &[PathBuf], opts: &Options) -> Project {
    load_excluding(inputs, opts, &[])
}

/// [`load`], leaving out what lies below `exclude` when walking the
/// inputs (stacks declared to be checked on their own). An include that
/// leads there is still followed.
pub fn load_excluding(inputs: &[PathBuf], opts: &Options, exclude: &[PathBuf]) -> Project {
    load_with(inputs, opts, exclude, &Sources::default())
}

/// [`load_excluding`], reading unsaved editor buffers instead of their
/// files and reusing trees parsed before (the language server).
pub fn load_with(
    inputs: &[PathBuf],
    opts: &Options,
    exclude: &[PathBuf],
    sources: &Sources,
) -> Project {
    let root = detect_root(inputs, opts);
    let mut fs = Fs::new(root.as_ref().map(|(r, _)| r.clone()));
    for input in inputs {
        fs.admit_input(input);
    }
    let display_base = opts
        .display_base
        .clone()
        .or_else(|| std::env::current_dir().ok())
        .and_then(|b| std::fs::canonicalize(b).ok());
    let mut found: Vec<Found> = Vec::new();
    let mut fatal = Vec::new();
    let mut walk_errors = Vec::new();
    for input in inputs {
        // What the server would see there: under a root, a link in the
        // tree is followed inside it.
        let meta = std::fs::metadata(input)
            .map_err(|e| e.to_string())
            .and_then(|_| {
                fs.resolve(input)
                    .and_then(|r| std::fs::metadata(&r).map_err(ReadError::Io).map(|m| (r, m)))
                    .map_err(|e| e.to_string())
            });
        match meta {
            Err(e) => fatal.push(format!("cannot read `{}`: {}", input.display(), e)),
            Ok((real, m)) if m.is_dir() => {
                // A directory it may not list would otherwise check clean.
                if let Err(e) = std::fs::read_dir(&real) {
                    fatal.push(format!("cannot read `{}`: {}", input.display(), e));
                    continue;
                }
                let skip = excluded_below(input, exclude);
                let walk = discover::walk(&fs, input);
                found.extend(
                    walk.found
                        .into_iter()
                        .filter(|f| !skip.iter().any(|x| f.path.starts_with(x))),
                );
                walk_errors.extend(walk.unreadable);
            }
            Ok((_, m)) if !m.is_file() => fatal.push(format!(
                "cannot read `{}`: {}",
                input.display(),
                ReadError::NotRegular(fs::describe(m.file_type()))
            )),
            Ok(_) => {
                let rel = input.clone();
                let classified = match opts.kind {
                    Some(kind) => Some(Found {
                        path: input.clone(),
                        kind,
                        entry: true,
                    }),
                    None => discover::classify(&fs, input, &rel, true),
                };
                match classified {
                    Some(f) => found.push(f),
                    None => fatal.push(format!(
                        "cannot tell whether `{}` is an nginx, php-fpm or Apache config",
                        input.display()
                    )),
                }
            }
        }
    }
    // Read and parse everything found at once, in parallel; includes that
    // lead outside the scanned paths are read on demand below.
    let mut reals: Vec<(PathBuf, Kind)> = found
        .iter()
        .filter_map(|f| fs.resolve(&f.path).ok().map(|r| (r, f.kind)))
        .collect();
    reals.sort();
    reals.dedup_by(|a, b| a.0 == b.0);
    let parsed: HashMap<PathBuf, Result<Parsed, ReadError>> = reals
        .into_par_iter()
        .map(|(real, kind)| {
            let p = read_and_parse(&fs, sources, &real, kind);
            (real, p)
        })
        .collect();

    let mut loader = Loader {
        fs,
        sources: sources.clone(),
        reported: Default::default(),
        display_base,
        project: Project {
            root,
            fatal,
            ..Project::default()
        },
        by_real: HashMap::new(),
        parsed,
        edge_at: HashMap::new(),
        flagged_sites: Default::default(),
        failed: Default::default(),
    };
    for (path, e) in &walk_errors {
        let shown = display_path(loader.display_base.as_deref(), path);
        loader
            .project
            .diagnostics
            .push(include_findings::unreadable(
                &shown.display().to_string(),
                e,
            ));
    }
    // A file's language is what reads it: an nginx or httpd main config
    // goes first, so that a file it includes is read in its language even
    // where its name says php-fpm (Fedora's `/etc/nginx/conf.d/php-fpm.conf`
    // is an nginx `upstream`, found beside a copy of the tree as a php-fpm
    // main config by its name alone).
    let mut entries: Vec<&Found> = found.iter().filter(|f| f.entry).collect();
    entries.sort_by_key(|f| matches!(f.kind, Kind::PhpFpm | Kind::PhpIni));
    for f in entries {
        loader.enter(f, Reach::Entry);
    }
    for f in found.iter().filter(|f| !f.entry) {
        loader.enter(f, Reach::Unreached);
    }
    let host = HostFacts::gather(&loader.fs);
    let mut project = loader.project;
    project.host = host;
    splice::bound_splicing(&mut project);
    syntax_findings::check_nginx_directives(&mut project);
    project.diagnostics.sort_by_key(|d| d.sort_key());
    project
}
