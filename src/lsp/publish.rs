//! hoplint's findings as LSP diagnostics, file by file: the code with a
//! link to the rule's page, the severity, the other files' lines as
//! related information, and only the files whose list changed sent again.

use super::text::{path_to_uri, Encoding, Fold, Lines};
use super::workspace::{Unit, Workspace};
use crate::diagnostic::{self, Label};
use foldhash::HashMap;
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Uri,
};
use std::path::PathBuf;
use std::str::FromStr;

/// Where each rule's page is published; `rules/CODE.md` in the repository.
pub const RULE_PAGES: &str = "https://github.com/hoplint/hoplint/blob/main/rules/";

pub fn rule_url(code: &str) -> Option<Uri> {
    Uri::from_str(&format!("{RULE_PAGES}{code}.md")).ok()
}

/// Line tables of the files a conversion touches, computed once each.
#[derive(Default)]
pub struct LineCache {
    lines: HashMap<(usize, u32), Lines>,
}

impl LineCache {
    pub fn range(
        &mut self,
        unit_index: usize,
        unit: &Unit,
        label: &Label,
        enc: Encoding,
    ) -> lsp_types::Range {
        let text = &unit.project.file(label.file).text;
        let lines = self
            .lines
            .entry((unit_index, label.file.0))
            .or_insert_with(|| Lines::new(text));
        lines.range(text, label.range, enc)
    }
}

fn severity(s: diagnostic::Severity) -> DiagnosticSeverity {
    match s {
        diagnostic::Severity::Error => DiagnosticSeverity::ERROR,
        diagnostic::Severity::Warning => DiagnosticSeverity::WARNING,
        diagnostic::Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Codes whose findings are about something that does nothing, shown
/// faded by editors.
const UNNECESSARY: &[&str] = &["upstream-unused", "upstream-keepalive-unused"];

pub fn convert(
    lines: &mut LineCache,
    ui: usize,
    unit: &Unit,
    d: &diagnostic::Diagnostic,
    enc: Encoding,
) -> Option<lsp_types::Diagnostic> {
    let primary = d.primary.as_ref()?;
    let range = lines.range(ui, unit, primary, enc);
    let mut related = Vec::new();
    for l in &d.secondary {
        let Some(path) = unit.path(l.file) else {
            continue;
        };
        related.push(DiagnosticRelatedInformation {
            location: Location::new(path_to_uri(path), lines.range(ui, unit, l, enc)),
            message: l.message.clone(),
        });
    }
    let mut message = d.message.clone();
    if !primary.message.is_empty() {
        message = format!("{message}\n{}", primary.message);
    }
    if let Some(h) = &d.help {
        message = format!("{message}\nhelp: {h}");
    }
    Some(lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: rule_url(d.code).map(|href| CodeDescription { href }),
        source: Some("hoplint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: UNNECESSARY
            .contains(&d.code)
            .then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    })
}

/// The findings of one part, by file (`FileId` order).
fn by_file(unit: &Unit) -> Vec<Vec<&diagnostic::Diagnostic>> {
    let mut out = vec![Vec::new(); unit.paths.len()];
    for d in &unit.project.diagnostics {
        if let Some(l) = &d.primary {
            if let Some(list) = out.get_mut(l.file.0 as usize) {
                list.push(d);
            }
        }
    }
    out
}

/// What a file's list would be sent as, without converting it: the
/// findings, and the text of every file their labels point into (where
/// a range falls in lines), so that an unchanged hash means an unchanged
/// list. 0 for no finding.
fn fingerprint(unit: &Unit, found: &[&diagnostic::Diagnostic]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = Fold(0);
    for d in found {
        d.code.hash(&mut h);
        d.severity.hash(&mut h);
        d.message.hash(&mut h);
        d.help.hash(&mut h);
        for l in d.labels() {
            unit.ids.get(l.file.0 as usize).hash(&mut h);
            unit.text_hashes.get(l.file.0 as usize).hash(&mut h);
            l.range.hash(&mut h);
            l.message.hash(&mut h);
        }
    }
    h.finish()
}

/// What was last sent for each file (by the workspace's path number),
/// to send only what changed.
#[derive(Default)]
pub struct Published {
    sent: Vec<Option<u64>>,
}

impl Published {
    /// The files whose diagnostics differ from what was sent, with their
    /// new list (empty to clear a file), and remembers them as sent.
    pub fn changes(
        &mut self,
        ws: &Workspace,
        enc: Encoding,
    ) -> Vec<(PathBuf, Vec<lsp_types::Diagnostic>)> {
        let mut now: Vec<Option<u64>> = vec![None; ws.path_count()];
        let mut found: Vec<Vec<Vec<&diagnostic::Diagnostic>>> = Vec::new();
        for unit in &ws.units {
            let lists = by_file(unit);
            for (i, list) in lists.iter().enumerate() {
                let id = unit.ids[i] as usize;
                let h = fingerprint(unit, list);
                // A file two parts read: both lists, in order.
                now[id] = Some(match now[id] {
                    None => h,
                    Some(before) => {
                        let mut f = Fold(before);
                        f.mix(h);
                        f.0
                    }
                });
            }
            found.push(lists);
        }
        self.sent.resize(now.len(), None);
        let mut out = Vec::new();
        let mut lines = LineCache::default();
        for (id, (sent, now)) in self.sent.iter_mut().zip(&now).enumerate() {
            let changed = match (*sent, *now) {
                (Some(a), Some(b)) => a != b,
                (None, Some(h)) | (Some(h), None) => h != 0,
                (None, None) => false,
            };
            *sent = *now;
            if !changed {
                continue;
            }
            let mut list: Vec<lsp_types::Diagnostic> = Vec::new();
            for (ui, unit) in ws.units.iter().enumerate() {
                let Some(i) = unit.ids.iter().position(|&x| x as usize == id) else {
                    continue;
                };
                for d in &found[ui][i] {
                    if let Some(c) = convert(&mut lines, ui, unit, d, enc) {
                        // A file two parts read may get the same finding twice.
                        if !list.contains(&c) {
                            list.push(c);
                        }
                    }
                }
            }
            out.push((ws.path_of(id as u32).to_path_buf(), list));
        }
        out
    }
}
