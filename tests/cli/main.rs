//! The binary as users run it, bad input, and the real-world corpus: one
//! test binary, one module per subject.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod corpus;
mod hostile;
mod robustness;
