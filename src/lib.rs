//! hoplint: reads nginx, php-fpm and Apache httpd config trees into one
//! model of the stack and reports the hops that will fail at runtime.
//!
//! Data flows one way: files (`load`) → syntax trees (`parse`, `syntax`)
//! → the stack model (`model`) → rules (`rules`) → diagnostics
//! (`diagnostic`) → output (`render`).

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod load;
pub mod lsp;
pub mod model;
pub mod parse;
pub mod render;
pub mod rules;
pub mod source;
pub mod span;
pub mod stacks;
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
    if let Some(project) = stacks::check(inputs, opts, config) {
        return project;
    }
    let mut project = load::load(inputs, opts);
    rules::run(&mut project, config);
    project
}
