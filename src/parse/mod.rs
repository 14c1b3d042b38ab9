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
            (Tree::Nginx(std::sync::Arc::new(p.tree)), p.errors)
        }
        Kind::Apache => {
            let p = apache::parse(text);
            (Tree::Apache(p.tree), p.errors)
        }
        Kind::PhpFpm | Kind::PhpIni => {
            let p = php_fpm::parse(text);
            (Tree::PhpFpm(p.tree), p.errors)
        }
    }
}

/// The grammars accept every input, so pest never fails on them; should it
/// fail all the same, the file still gets a syntax error, never a panic.
pub(crate) fn unreadable_at<R: pest::RuleType>(
    e: &pest::error::Error<R>,
    text: &str,
    what: &str,
) -> SyntaxError {
    let at = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    SyntaxError::new(
        crate::span::TextRange::empty_at(at),
        format!("hoplint could not read this file past this point as {what}"),
    )
}
