//! The syntax findings of the loader: each parser's errors as
//! diagnostics of the language the file was read as, and nginx's refusals
//! that need the context an include site gives.

use super::codes;
use super::project::Project;
use crate::diagnostic::{Diagnostic, Meta, Severity};
use crate::parse::{nginx_check, nginx_check::Context};
use crate::source::{FileId, Kind, Reach};
use crate::syntax::{SyntaxError, Tree};

/// nginx refuses some statements only once it knows the directive: the
/// argument count, a missing or extra block. That needs the context each
/// file is read in, which only its include site tells: a snippet
/// included inside `location` is checked as location directives.
pub(super) fn check_nginx_directives(project: &mut Project) {
    let mut contexts: Vec<Option<Context>> = vec![None; project.files.len()];
    let mut found = Vec::new();
    for (i, file) in project.files.iter().enumerate() {
        let Tree::Nginx(tree) = &project.trees[i] else {
            continue;
        };
        let included_as = match &file.reach {
            Reach::Included { from, at } => {
                let from = from.0 as usize;
                match (&project.trees[from], contexts[from]) {
                    (Tree::Nginx(parent), Some(ctx)) => nginx_check::include_sites(parent, ctx)
                        .into_iter()
                        .find(|(d, _)| d.range == *at)
                        .map(|(_, c)| c),
                    _ => None,
                }
            }
            _ => None,
        };
        let ctx = included_as.unwrap_or_else(|| nginx_check::guess_context(tree));
        contexts[i] = Some(ctx);
        // A statement the parser already flagged (cut off by `}` or the end
        // of the file) is not reported a second time.
        let flagged: Vec<usize> = project
            .diagnostics
            .iter()
            .filter(|d| d.category() == crate::diagnostic::Category::Syntax)
            .filter_map(|d| d.primary.as_ref())
            .filter(|l| l.file == file.id)
            .map(|l| file.line_col(l.range.start).0)
            .collect();
        for e in nginx_check::check(tree, ctx) {
            if !flagged.contains(&file.line_col(e.range.start).0) {
                found.push(syntax_diagnostic(&codes::NGINX_SYNTAX, file.id, e));
            }
        }
    }
    project.diagnostics.extend(found);
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
    let meta = syntax_meta(kind);
    errors
        .into_iter()
        .map(|e| {
            let mut d = syntax_diagnostic(meta, id, e);
            // PHP reports a php.ini it cannot parse and starts with the
            // settings read so far (`php_init_config()` ignores the failure).
            if kind == Kind::PhpIni {
                d.severity = Severity::Warning;
                d.help = Some(format!(
                    "PHP logs `PHP:  syntax error, … in php.ini on line …` and starts without the settings after this line. {}",
                    d.help.unwrap_or_default()
                ));
            }
            d
        })
        .collect()
}

pub fn syntax_diagnostic(meta: &'static Meta, file: FileId, e: SyntaxError) -> Diagnostic {
    let label = e.label.clone().unwrap_or_else(|| "here".to_string());
    let mut d = Diagnostic::new(meta, e.message).at(file, e.range, label);
    for (range, msg) in e.related {
        d = d.also(file, range, msg);
    }
    if let Some(h) = e.help {
        d = d.help(h);
    }
    d
}
