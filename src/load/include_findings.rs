//! What each server says when an include goes wrong, as diagnostics: a
//! file that cannot be read, an include that finds nothing, a cycle, a
//! chain deeper than the server allows. The loader decides when; this
//! module holds the servers' wording.

use super::codes;
use super::fs::ReadError;
use super::include::Site;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, Kind};
use crate::span::TextRange;

pub(super) fn unreadable(path: &str, e: &ReadError) -> Diagnostic {
    Diagnostic::new(
        &codes::UNREADABLE_FILE,
        format!("cannot read `{path}`: {e}"),
    )
}

/// httpd's `Include` of a glob that matches no file.
pub(super) fn no_wildcard_match(id: FileId, site: &Site, pattern: &str) -> Diagnostic {
    let (dir, file) = split_pattern(pattern);
    Diagnostic::new(
        &codes::INCLUDE_MISSING,
        format!("no file matches `{pattern}`: httpd refuses to start (`No matches for the wildcard '{file}' in '{dir}', failing`)"),
    )
    .with_severity(if site.conditional { Severity::Warning } else { Severity::Error })
    .at(id, site.range, "this Include matches nothing")
    .help("use `IncludeOptional` if the directory may be empty")
}

/// An include whose file (or whose glob's directory) does not exist, as
/// each server takes it; `None` where the server says nothing (an nginx
/// glob, httpd's `IncludeOptional`).
pub(super) fn missing_include(
    id: FileId,
    site: &Site,
    pattern: &str,
    magic: bool,
    kind: Kind,
) -> Option<Diagnostic> {
    let (severity, message, help) = match kind {
        Kind::Nginx if magic => return None,
        Kind::Nginx => (
            Severity::Error,
            format!("included file `{pattern}` does not exist: nginx refuses to start (`open() \"{pattern}\" failed (2: No such file or directory)`)"),
            "create the file, fix the path, or use a glob (`*.conf`) if it may be absent",
        ),
        Kind::Apache if site.optional => return None,
        Kind::Apache => (
            if site.conditional { Severity::Warning } else { Severity::Error },
            if magic {
                format!("the directory of `{pattern}` does not exist: httpd refuses to start")
            } else {
                format!("included file `{pattern}` does not exist: httpd refuses to start (`Could not open configuration file {pattern}: No such file or directory`)")
            },
            "fix the path, or use `IncludeOptional` if it may be absent",
        ),
        Kind::PhpFpm if magic => (
            Severity::Error,
            format!("the directory of `{pattern}` does not exist: php-fpm refuses to start (`Unable to globalize '{pattern}'`)"),
            "create the directory or fix the path",
        ),
        Kind::PhpIni => return None,
        Kind::PhpFpm => (
            Severity::Warning,
            format!("included file `{pattern}` does not exist: php-fpm skips it (`Nothing matches the include pattern`)"),
            "fix the path; the pools in that file are not started",
        ),
    };
    let label = if site.conditional {
        "included here (inside a conditional section)"
    } else {
        "included here"
    };
    Some(
        Diagnostic::new(&codes::INCLUDE_MISSING, message)
            .with_severity(severity)
            .at(id, site.range, label)
            .help(help),
    )
}

/// A file that includes itself: the include at `from`/`at` closes the
/// cycle, `steps` are the includes along it (file, site, file included).
pub(super) fn include_cycle(
    looped: &str,
    from: FileId,
    at: TextRange,
    steps: Vec<(FileId, TextRange, String)>,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        &codes::INCLUDE_CYCLE,
        format!("`{looped}` includes itself through a cycle of includes"),
    )
    .at(from, at, "this include closes the cycle");
    for (file, site, to) in steps {
        d = d.also(file, site, format!("includes `{to}`"));
    }
    d.help("remove one include of the cycle; nginx crashes on a cycle without a message, php-fpm and httpd refuse to start")
}

/// A chain of `files` includes, one more than the server's `limit`;
/// `steps` are the includes that lead to it.
pub(super) fn too_deep(
    kind: Kind,
    files: usize,
    limit: usize,
    from: FileId,
    at: TextRange,
    steps: Vec<(FileId, TextRange)>,
) -> Diagnostic {
    let message = match kind {
        Kind::PhpFpm | Kind::PhpIni => format!(
            "this include makes a chain of {files} files: php-fpm refuses to start (`failed to include more than {limit} files recursively`)"
        ),
        _ => format!("includes nested more than {limit} levels deep"),
    };
    let mut d = Diagnostic::new(&codes::INCLUDE_DEPTH, message).at(from, at, "one level too deep");
    for (file, site) in steps {
        d = d.also(file, site, "included through");
    }
    d
}

/// A glob pattern's directory and last component, as httpd names them.
fn split_pattern(pattern: &str) -> (&str, &str) {
    match pattern.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => (".", pattern),
    }
}
