//! The binary as users run it, bad input, and the real-world corpus: one
//! test binary, one module per subject.

#[path = "../common/mod.rs"]
mod common;

mod ci_config;
mod ci_formats;
mod ci_integrations;
mod ci_suppress;
mod cli;
mod corpus;
mod hostile;
mod lsp_neovim;
mod lsp_server;
mod robustness;
