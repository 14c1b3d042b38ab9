//! miette reports. Labels in the primary file are drawn in its snippet;
//! labels in other files become related reports with their own snippet,
//! so one diagnostic can show the `fastcgi_pass` line and the pool's
//! `listen =` line side by side.

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::load::Project;
use crate::source::FileId;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;
use std::sync::Arc;

struct Report {
    code: &'static str,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty()).then(|| {
            Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic))
                as Box<dyn Iterator<Item = _>>
        })
    }
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn span(project: &Project, l: &Label) -> SourceSpan {
    let len = project.file(l.file).text.len();
    let start = (l.range.start as usize).min(len);
    let end = (l.range.end as usize).clamp(start, len);
    SourceSpan::from(start..end)
}

fn named(project: &Project, file: FileId) -> NamedSource<Arc<str>> {
    let f = project.file(file);
    NamedSource::new(f.display_path(), f.text.clone())
}

fn report(project: &Project, d: &Diagnostic) -> Report {
    let primary_file = d.primary.as_ref().map(|l| l.file);
    let mut labels = Vec::new();
    let mut related: Vec<Report> = Vec::new();
    if let Some(p) = &d.primary {
        labels.push(LabeledSpan::new_primary_with_span(
            Some(p.message.clone()),
            span(project, p),
        ));
    }
    for l in &d.secondary {
        if Some(l.file) == primary_file {
            labels.push(LabeledSpan::new_with_span(
                Some(l.message.clone()),
                span(project, l),
            ));
            continue;
        }
        let lab = LabeledSpan::new_with_span(Some(l.message.clone()), span(project, l));
        match related.iter_mut().find(|r| {
            r.source.as_ref().map(|s| s.name()) == Some(&project.file(l.file).display_path())
        }) {
            Some(r) => r.labels.push(lab),
            None => related.push(Report {
                code: "",
                message: format!("in {}", project.file(l.file).display_path()),
                severity: miette::Severity::Advice,
                help: None,
                source: Some(named(project, l.file)),
                labels: vec![lab],
                related: Vec::new(),
            }),
        }
    }
    Report {
        code: d.code,
        message: d.message.clone(),
        severity: severity(d.severity),
        help: d.help.clone(),
        source: primary_file.map(|f| named(project, f)),
        labels,
        related,
    }
}

/// How the report looks: colour for terminals, plain for files and tests.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Renders one diagnostic as text.
pub fn render(project: &Project, d: &Diagnostic, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Wrapped at spaces only: a path or socket name is never split at a
    // `/` or a hyphen (`php8.2-` / `fpm.sock`), so it can be copied whole.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    let r = report(project, d);
    if handler.render_report(&mut out, &r).is_err() {
        out = format!("{}: {}\n", d.code, d.message);
    }
    out
}

/// Renders every diagnostic and a closing summary.
pub fn render_all(project: &Project, style: Style) -> String {
    let mut out = String::new();
    for d in &project.diagnostics {
        out.push_str(&render(project, d, style));
        out.push('\n');
    }
    let c = super::counts(project);
    let mut kinds = std::collections::BTreeMap::new();
    for f in &project.files {
        *kinds.entry(f.kind.as_str()).or_insert(0usize) += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    out.push_str(&format!(
        "{} error{}, {} warning{}, {} info in {} file{}{}\n",
        c.errors,
        if c.errors == 1 { "" } else { "s" },
        c.warnings,
        if c.warnings == 1 { "" } else { "s" },
        c.infos,
        project.files.len(),
        if project.files.len() == 1 { "" } else { "s" },
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        }
    ));
    if !project.stacks.is_empty() {
        out.push_str(&format!(
            "stacks checked each on its own: {}\n",
            project.stacks.join(", ")
        ));
    }
    let baselined = project
        .silenced
        .iter()
        .filter(|s| s.by == crate::suppress::SilencedBy::Baseline)
        .count();
    let suppressed = project.silenced.len() - baselined;
    if suppressed + baselined > 0 {
        out.push_str(&format!(
            "not shown: {suppressed} silenced by `hoplint: ignore` comments, {baselined} in the baseline\n"
        ));
    }
    out
}
