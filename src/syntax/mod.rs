//! Syntax trees of the three config languages. Every node carries the byte
//! range it was read from; the file it belongs to is known by whoever holds
//! the tree (see `source::SourceFile`). Parsers in `crate::parse` build these
//! trees; nothing here knows about pest.

pub mod apache;
pub mod nginx;
pub mod php_fpm;
pub mod text;

pub use text::Text;

use crate::span::TextRange;
use serde::Serialize;

/// How a word was written. The servers strip the quotes, and so does `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Quote {
    None,
    Single,
    Double,
}

/// One argument, name or value as the server sees it after unquoting and
/// unescaping (`text`), with the range of what was written (`range`,
/// quotes included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    pub text: Text,
    pub range: TextRange,
    pub quote: Quote,
}

impl Word {
    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// The comment's text without its marker (`#`, `;`).
    pub text: Text,
    /// The whole comment, marker included.
    pub range: TextRange,
}

/// A syntax error in one file: what a person reads, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyntaxError {
    pub range: TextRange,
    /// What is wrong, in the admin's words: "expected `;` or `{` after `fastcgi_pass unix:/run/php.sock`".
    pub message: String,
    /// The text of the primary label, shown under the range ("this `server` block is never closed").
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Further places that explain the error (e.g. where an unclosed block opened).
    pub related: Vec<(TextRange, String)>,
    /// Not the server's refusal but a limit of hoplint's own (nesting
    /// deeper than it reads): the server may well accept the file, so it is
    /// reported as a warning.
    pub hoplint_limit: bool,
}

impl SyntaxError {
    pub fn new(range: TextRange, message: impl Into<String>) -> Self {
        SyntaxError {
            range,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
            hoplint_limit: false,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn hoplint_limit(mut self) -> Self {
        self.hoplint_limit = true;
        self
    }

    pub fn related(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.related.push((range, message.into()));
        self
    }
}

/// What a parser returns: always a tree (possibly partial), and every error
/// found on the way. A parser recovers at the next statement, so one typo
/// does not hide the rest of the file.
#[derive(Debug, Clone, Serialize)]
pub struct Parsed<T> {
    pub tree: T,
    pub errors: Vec<SyntaxError>,
}

/// One file's tree, whichever server it is for.
#[derive(Debug, Clone)]
pub enum Tree {
    /// Shared: the model's nginx side points into it (`model::nginx::Dir`).
    Nginx(std::sync::Arc<nginx::File>),
    Apache(apache::File),
    PhpFpm(php_fpm::File),
}
