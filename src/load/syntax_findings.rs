//! The syntax findings of the loader: each parser's errors as
//! diagnostics of the language the file was read as, and nginx's refusals
//! that need the context an include site gives.

use super::codes;
use super::project::Project;
use crate::diagnostic::{Category, Diagnostic, Meta, Severity};
use crate::parse::nginx_check;
use crate::source::{FileId, Kind};
use crate::span::TextRange;
use crate::syntax::{SyntaxError, Tree};
use foldhash::{HashMap, HashMapExt, HashSet};

/// nginx refuses some statements only once it knows the directive: the
/// argument count, a missing or extra block. That needs the context each
/// file is read in, which only its include site tells: a snippet
/// included inside `location` is checked as location directives.
pub(super) fn check_nginx_directives(project: &mut Project) {
    let contexts = nginx_check::file_contexts(&project.files, &project.trees);
    // A statement the parser already flagged (cut off by `}` or the end of
    // the file) is not reported a second time: the lines flagged, by file.
    let mut flagged: HashMap<FileId, HashSet<usize>> = HashMap::new();
    for d in &project.diagnostics {
        if d.category() != Category::Syntax {
            continue;
        }
        if let Some(l) = &d.primary {
            if let Some(file) = project.files.get(l.file.0 as usize) {
                let line = file.line_col(l.range.start).0;
                flagged.entry(l.file).or_default().insert(line);
            }
        }
    }
    let mut found = Vec::new();
    for (i, file) in project.files.iter().enumerate() {
        let (Tree::Nginx(tree), Some(ctx)) = (&project.trees[i], contexts[i]) else {
            continue;
        };
        let flagged = flagged.get(&file.id);
        let errors = nginx_check::check(tree, ctx.ctx)
            .into_iter()
            .filter(|e| !flagged.is_some_and(|f| f.contains(&file.line_col(e.range.start).0)))
            .collect();
        found.extend(capped(&codes::NGINX_SYNTAX, file.id, errors));
    }
    project.diagnostics.extend(found);
}

/// The servers stop at a file's first syntax error; hoplint goes on, to
/// show more at once, but past this many in one file the rest is noise
/// (and a file of random bytes or 300,000 `{` would give a million).
pub const MAX_SYNTAX_FINDINGS_PER_FILE: usize = 100;

/// A parser's errors in one file as findings, the first
/// [`MAX_SYNTAX_FINDINGS_PER_FILE`] of them, and one saying how many more
/// there are.
fn capped(meta: &'static Meta, id: FileId, mut errors: Vec<SyntaxError>) -> Vec<Diagnostic> {
    let more = errors.len().saturating_sub(MAX_SYNTAX_FINDINGS_PER_FILE);
    let next = errors.get(MAX_SYNTAX_FINDINGS_PER_FILE).map(|e| e.range);
    errors.truncate(MAX_SYNTAX_FINDINGS_PER_FILE);
    let mut out: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| syntax_diagnostic(meta, id, e))
        .collect();
    if let Some(at) = next {
        out.push(
            Diagnostic::new(
                meta,
                format!("{more} more syntax errors in this file are not shown"),
            )
            .at(
                id,
                TextRange::new(at.start as usize, at.start as usize),
                "the first not shown",
            )
            .help("fix the errors above first: the server stops at the first one"),
        );
    }
    out
}

/// The syntax code of the language a file was read as.
pub fn syntax_meta(kind: Kind) -> &'static Meta {
    match kind {
        Kind::Nginx => &codes::NGINX_SYNTAX,
        Kind::Apache => &codes::APACHE_SYNTAX,
        Kind::PhpFpm | Kind::PhpIni => &codes::PHP_FPM_SYNTAX,
    }
}

/// The findings of a parser in one file, as the loader reports them.
pub fn parse_diagnostics(kind: Kind, id: FileId, errors: Vec<SyntaxError>) -> Vec<Diagnostic> {
    let found = capped(syntax_meta(kind), id, errors);
    if kind != Kind::PhpIni {
        return found;
    }
    // PHP reports a php.ini it cannot parse and starts with the settings
    // read so far (`php_init_config()` ignores the failure).
    found
        .into_iter()
        .map(|d| {
            let help = d.help.clone().unwrap_or_default();
            d.with_severity(Severity::Warning).help(format!(
                "PHP logs `PHP:  syntax error, … in php.ini on line …` and starts without the settings after this line. {help}"
            ))
        })
        .collect()
}

pub fn syntax_diagnostic(meta: &'static Meta, file: FileId, e: SyntaxError) -> Diagnostic {
    let label = e.label.clone().unwrap_or_else(|| "here".to_string());
    let mut d = Diagnostic::new(meta, e.message).at(file, e.range, label);
    if e.hoplint_limit {
        d = d.with_severity(Severity::Warning);
    }
    for (range, msg) in e.related {
        d = d.also(file, range, msg);
    }
    if let Some(h) = e.help {
        d = d.help(h);
    }
    d
}
