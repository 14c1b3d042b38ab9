//! Turning diagnostics into output: miette reports for people, JSON for
//! CI and editors, and what CI platforms read (SARIF, GitHub workflow
//! commands, GitLab Code Quality, Checkstyle).

pub mod checkstyle;
pub mod ci;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod rules;
pub mod sarif;

use crate::diagnostic::Severity;
use crate::load::Project;

/// Counts by severity, for summaries and exit statuses: the findings the
/// gate counts, not those silenced in the configs or by a baseline.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn counts(project: &Project) -> Counts {
    let mut c = Counts::default();
    for d in &project.diagnostics {
        match d.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Info => c.infos += 1,
        }
    }
    c
}
