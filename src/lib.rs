//! hoplint: reads nginx, php-fpm and Apache httpd config trees into one
//! model of the stack and reports the hops that will fail at runtime.
//!
//! Data flows one way: files (`load`) → syntax trees (`parse`, `syntax`)
//! → the stack model (`model`) → rules (`rules`) → diagnostics
//! (`diagnostic`) → output (`render`).

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod load;
pub mod lsp;
pub mod model;
pub mod parse;
pub mod render;
pub mod rules;
pub mod select;
pub mod source;
pub mod span;
pub mod stacks;
pub mod suppress;
pub mod syntax;
pub mod values;

use std::path::PathBuf;

/// Reads everything below `inputs` and runs every check: the whole
/// pipeline, as the command line and the tests use it.
pub fn check(inputs: &[PathBuf], opts: &load::Options) -> load::Project {
    check_with(inputs, opts, &config::Config::default())
}

/// [`check`], with what the user declared (`hoplint.toml`, flags).
pub fn check_with(
    inputs: &[PathBuf],
    opts: &load::Options,
    config: &config::Config,
) -> load::Project {
    let mut project = match stacks::check(inputs, opts, config) {
        Some(project) => project,
        None => {
            let mut project = load::load(inputs, opts);
            rules::run(&mut project, config);
            project
        }
    };
    // A snippet spliced in many places may draw one finding many times.
    project.dedup_diagnostics();
    // Which rules are on and at what level, and the configs' own
    // `hoplint: ignore` comments.
    suppress::apply(&mut project, config);
    project
}
