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

/// What a rule is, as data: every finding of the rule takes its code,
/// category and default severity from here, and `hoplint rules`,
/// `hoplint explain` and the README's table read the rest. The registry
/// (`crate::rules::REGISTRY`) lists every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    /// kebab-case; the page is `rules/<code>.md`, the rule's file
    /// `src/rules/<code with underscores>.rs`.
    pub code: &'static str,
    pub category: Category,
    /// The severity of a finding unless the rule says otherwise for it
    /// ([`Diagnostic::with_severity`]).
    pub severity: Severity,
    /// One line: what the rule finds (the README's rule table).
    pub summary: &'static str,
    /// Whether a finding says if a hop's backend answers: a hop some rule
    /// has judged so is not listed again as unverified.
    pub judges_backend: bool,
    /// The rule's page, `rules/<code>.md`.
    pub page: &'static str,
}

/// A [`Meta`] with its page read from `rules/<code>.md` at build time.
#[macro_export]
macro_rules! meta {
    ($code:literal, $category:ident, $severity:ident, $summary:literal $(, judges_backend: $j:literal)? $(,)?) => {
        $crate::diagnostic::Meta {
            code: $code,
            category: $crate::diagnostic::Category::$category,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            judges_backend: $crate::meta!(@j $($j)?),
            page: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $code, ".md")),
        }
    };
    (@j) => { false };
    (@j $j:literal) => { $j };
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
    /// The rule that found it.
    pub rule: &'static Meta,
    /// `rule.code`, the stable name every consumer matches on.
    pub code: &'static str,
    /// The rule's default unless the rule raised or lowered this finding.
    pub severity: Severity,
    pub message: String,
    /// Where the fix belongs. `None` only for findings about no file at all
    /// (an unreadable command-line path).
    pub primary: Option<Label>,
    /// Other places involved, in any file.
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// The edit that certainly fixes it, where the rule knows one (a
    /// "did you mean" with its suggestion): editors offer it as a quick fix.
    pub fix: Option<Fix>,
}

/// One edit to one file: in the text at `range` (a directive as the model
/// spans it), replace the first `replace` with `with`; an empty `replace`
/// appends `with` at the end of the range. The rule knows the value as
/// written, not where inside the directive it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub file: FileId,
    pub range: TextRange,
    pub replace: String,
    pub with: String,
    /// What the edit does, for a person: "use `unix:/run/php/php8.2-fpm.sock`".
    pub title: String,
}

impl Diagnostic {
    pub fn new(rule: &'static Meta, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// This finding at another level than the rule's default: the one way
    /// a rule raises or lowers a single finding, so that it shows.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn category(&self) -> Category {
        self.rule.category
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

    /// The certain fix: in `file`, inside `range`, `replace` becomes `with`.
    pub fn fix(
        mut self,
        file: FileId,
        range: TextRange,
        replace: impl Into<String>,
        with: impl Into<String>,
        title: impl Into<String>,
    ) -> Self {
        if file == FileId::DECLARED {
            return self;
        }
        self.fix = Some(Fix {
            file,
            range,
            replace: replace.into(),
            with: with.into(),
            title: title.into(),
        });
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
