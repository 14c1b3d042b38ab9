//! The JSON output. Its shape is a promise to CI users and editors: add
//! fields, never rename or remove them.

use crate::diagnostic::{Diagnostic, Label};
use crate::load::Project;
use crate::source::Reach;
use crate::suppress::SilencedBy;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    root: Option<String>,
    /// The declared stacks checked each on its own (`[[stack]]`).
    stacks: &'a [String],
    files: Vec<FileOut>,
    /// What the gate counts, and (`baselined: true`) what the baseline
    /// takes out of it.
    diagnostics: Vec<DiagOut<'a>>,
    /// Findings silenced by `hoplint: ignore` comments, with their reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressed: Vec<DiagOut<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    #[serde(skip_serializing_if = "is_zero")]
    suppressed: usize,
    #[serde(skip_serializing_if = "is_zero")]
    baselined: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The comment that silenced a finding.
#[derive(Serialize)]
struct SuppressionOut {
    file: String,
    line: usize,
    reason: Option<String>,
}

#[derive(Serialize)]
struct FileOut {
    path: String,
    kind: &'static str,
    /// `entry`, `include` or `unreached`.
    reached: &'static str,
    included_from: Option<Position>,
}

#[derive(Serialize)]
struct Position {
    file: String,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct LabelOut {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
    primary: bool,
}

#[derive(Serialize)]
struct DiagOut<'a> {
    code: &'a str,
    category: &'static str,
    severity: &'static str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
    labels: Vec<LabelOut>,
    /// Only present, as `true`, for a finding the baseline takes out of
    /// the gate.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    baselined: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<SuppressionOut>,
}

fn label(project: &Project, l: &Label, primary: bool) -> LabelOut {
    let f = project.file(l.file);
    let (line, column) = f.line_col(l.range.start);
    let (end_line, end_column) = f.line_col(l.range.end);
    LabelOut {
        file: f.display_path(),
        line,
        column,
        end_line,
        end_column,
        message: l.message.clone(),
        primary,
    }
}

fn diag<'a>(project: &Project, d: &'a Diagnostic, by: Option<&SilencedBy>) -> DiagOut<'a> {
    let labels: Vec<LabelOut> = d
        .primary
        .iter()
        .map(|l| label(project, l, true))
        .chain(d.secondary.iter().map(|l| label(project, l, false)))
        .collect();
    let first = labels.first().filter(|l| l.primary);
    DiagOut {
        code: d.code,
        category: d.category().as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        file: first.map(|l| l.file.clone()),
        line: first.map(|l| l.line),
        column: first.map(|l| l.column),
        help: d.help.as_deref(),
        labels,
        baselined: by == Some(&SilencedBy::Baseline),
        suppression: match by {
            Some(SilencedBy::Comment {
                file,
                range,
                reason,
            }) => Some(SuppressionOut {
                file: project.file(*file).display_path(),
                line: project.file(*file).line_col(range.start).0,
                reason: reason.clone(),
            }),
            _ => None,
        },
    }
}

pub fn render(project: &Project) -> String {
    let c = super::counts(project);
    let out = Output {
        version: 1,
        root: project.root.as_ref().map(|(r, _)| r.display().to_string()),
        stacks: &project.stacks,
        files: project
            .files
            .iter()
            .map(|f| {
                let (reached, included_from) = match &f.reach {
                    Reach::Entry => ("entry", None),
                    Reach::Unreached => ("unreached", None),
                    Reach::Included { from, at } => {
                        let src = project.file(*from);
                        let (line, column) = src.line_col(at.start);
                        (
                            "include",
                            Some(Position {
                                file: src.display_path(),
                                line,
                                column,
                            }),
                        )
                    }
                };
                FileOut {
                    path: f.display_path(),
                    kind: f.kind.as_str(),
                    reached,
                    included_from,
                }
            })
            .collect(),
        diagnostics: {
            let mut all: Vec<(&Diagnostic, Option<&SilencedBy>)> =
                project.diagnostics.iter().map(|d| (d, None)).collect();
            all.extend(
                project
                    .silenced
                    .iter()
                    .filter(|s| s.by == SilencedBy::Baseline)
                    .map(|s| (&s.diagnostic, Some(&s.by))),
            );
            all.sort_by_key(|(d, _)| d.sort_key());
            all.into_iter()
                .map(|(d, by)| diag(project, d, by))
                .collect()
        },
        suppressed: project
            .silenced
            .iter()
            .filter(|s| s.by != SilencedBy::Baseline)
            .map(|s| diag(project, &s.diagnostic, Some(&s.by)))
            .collect(),
        summary: Summary {
            files: project.files.len(),
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
            suppressed: project
                .silenced
                .iter()
                .filter(|s| s.by != SilencedBy::Baseline)
                .count(),
            baselined: project
                .silenced
                .iter()
                .filter(|s| s.by == SilencedBy::Baseline)
                .count(),
        },
    };
    serde_json::to_string_pretty(&out).expect("JSON of plain data") + "\n"
}
