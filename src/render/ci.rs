//! What the CI formats (SARIF, GitHub, GitLab, Checkstyle) share: every
//! finding with its place as the platforms want it (the path as shown,
//! relative to the working directory; 1-based lines and columns, columns
//! in characters), in a stable order: by file, position, code, message.

use crate::diagnostic::{Diagnostic, Label};
use crate::load::Project;
use crate::suppress::SilencedBy;

/// Where a label points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    /// The column after the label's last character.
    pub end_column: usize,
}

pub fn place(project: &Project, l: &Label) -> Place {
    let f = project.file(l.file);
    let (line, column) = f.line_col(l.range.start);
    let (end_line, end_column) = f.line_col(l.range.end.max(l.range.start));
    Place {
        path: f.display_path(),
        line,
        column,
        end_line,
        end_column,
    }
}

/// One finding, with its primary place and what silenced it, if anything.
pub struct Finding<'a> {
    pub diagnostic: &'a Diagnostic,
    pub at: Option<Place>,
    pub silenced: Option<&'a SilencedBy>,
}

/// The findings the gate counts, and with `silenced` those silenced in
/// the configs or by the baseline too, in output order.
pub fn findings(project: &Project, silenced: bool) -> Vec<Finding<'_>> {
    let mut out: Vec<Finding> = project
        .diagnostics
        .iter()
        .map(|d| (d, None))
        .chain(
            project
                .silenced
                .iter()
                .filter(|_| silenced)
                .map(|s| (&s.diagnostic, Some(&s.by))),
        )
        .map(|(d, by)| Finding {
            diagnostic: d,
            at: d.primary.as_ref().map(|l| place(project, l)),
            silenced: by,
        })
        .collect();
    // Findings about no file come last.
    out.sort_by(|a, b| {
        (
            a.at.is_none(),
            &a.at,
            a.diagnostic.code,
            &a.diagnostic.message,
        )
            .cmp(&(
                b.at.is_none(),
                &b.at,
                b.diagnostic.code,
                &b.diagnostic.message,
            ))
    });
    out
}

/// The message with the rule's help after it, as one text.
pub fn message_with_help(d: &Diagnostic) -> String {
    match &d.help {
        Some(h) => format!("{}\n\n{}", d.message, h),
        None => d.message.clone(),
    }
}
