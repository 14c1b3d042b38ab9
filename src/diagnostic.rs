//! Diagnostics as data. Loaders and rules produce these; renderers in
//! `crate::render` turn them into miette reports or JSON. A diagnostic
//! names its code, never its final presentation.

use crate::source::FileId;
use crate::span::TextRange;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What part of the stack a diagnostic is about. Stable strings: CI users
/// and editors filter on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The file cannot be read as the server reads it.
    Syntax,
    /// Files, includes, encodings: what was read and how.
    Input,
    Connectivity,
    Timeout,
    Keepalive,
    Buffer,
    Capacity,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Input => "input",
            Category::Connectivity => "connectivity",
            Category::Timeout => "timeout",
            Category::Keepalive => "keepalive",
            Category::Buffer => "buffer",
            Category::Capacity => "capacity",
        }
    }
}

/// A place in a file, with what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub range: TextRange,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id; its page is `rules/<code>.md`.
    pub code: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    /// Where the fix belongs. `None` only for findings about no file at all
    /// (an unreadable command-line path).
    pub primary: Option<Label>,
    /// Other places involved, in any file.
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        category: Category,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            category,
            severity,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, file: FileId, range: TextRange, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            file,
            range,
            message: label.into(),
        });
        self
    }

    pub fn also(mut self, file: FileId, range: TextRange, label: impl Into<String>) -> Self {
        if file == FileId::DECLARED {
            return self;
        }
        self.secondary.push(Label {
            file,
            range,
            message: label.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Every label, primary first.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.primary.iter().chain(self.secondary.iter())
    }

    /// Sort key: file, then position, then code, so output is stable.
    pub fn sort_key(&self) -> (u32, u32, &'static str) {
        match &self.primary {
            Some(l) => (l.file.0, l.range.start, self.code),
            None => (u32::MAX, 0, self.code),
        }
    }
}
