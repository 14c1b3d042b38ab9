//! The files hoplint read: their text, what kind of config they are, and
//! how they were reached. Everything downstream refers to a file by its
//! `FileId`.

use crate::span::{LineIndex, TextRange};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FileId(pub u32);

impl FileId {
    /// Not a scanned file: what the user declared (`hoplint.toml`, flags).
    /// Labels there are dropped, since there is no line to show.
    pub const DECLARED: FileId = FileId(u32::MAX);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Kind {
    #[serde(rename = "nginx")]
    Nginx,
    #[serde(rename = "php-fpm")]
    PhpFpm,
    #[serde(rename = "apache")]
    Apache,
    /// PHP's own `php.ini` and `conf.d/*.ini`: the same INI language as
    /// php-fpm's files, read for the limits a pool inherits
    /// (`memory_limit`, `max_execution_time`).
    #[serde(rename = "php-ini")]
    PhpIni,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Nginx => "nginx",
            Kind::PhpFpm => "php-fpm",
            Kind::Apache => "apache",
            Kind::PhpIni => "php-ini",
        }
    }
}

/// How a file came to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// A main config: `nginx.conf`, `php-fpm.conf`, `apache2.conf`, `httpd.conf`,
    /// or a file named on the command line.
    Entry,
    /// Pulled in by an include directive.
    Included { from: FileId, at: TextRange },
    /// Found in a scanned directory but included by no entry point
    /// (`sites-available/*`, snippets); parsed on its own.
    Unreached,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: FileId,
    /// The path shown to the user: as given on the command line, or as
    /// found below it.
    pub path: PathBuf,
    pub kind: Kind,
    pub reach: Reach,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }
}
