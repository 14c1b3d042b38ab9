//! The pest parsers: each turns one file's text into a syntax tree plus
//! every syntax error found. The grammars (`grammar/*.pest`) accept any
//! input as a flat stream of statements, so pest never gives up part-way
//! and never recurses per nesting level; the tree builders nest blocks
//! with an explicit stack and report what does not balance. That keeps
//! parsing linear, makes deep nesting harmless, and lets one typo be
//! reported without hiding the rest of the file.

pub mod apache;
pub mod nginx;
pub mod nginx_check;
pub mod nginx_directives;
pub mod php_fpm;

use crate::source::Kind;
use crate::syntax::{SyntaxError, Tree};

/// Parses a file as the server of `kind` reads it.
pub fn parse(kind: Kind, text: &str) -> (Tree, Vec<SyntaxError>) {
    match kind {
        Kind::Nginx => {
            let p = nginx::parse(text);
            (Tree::Nginx(p.tree), p.errors)
        }
        Kind::Apache => {
            let p = apache::parse(text);
            (Tree::Apache(p.tree), p.errors)
        }
        Kind::PhpFpm => {
            let p = php_fpm::parse(text);
            (Tree::PhpFpm(p.tree), p.errors)
        }
    }
}
