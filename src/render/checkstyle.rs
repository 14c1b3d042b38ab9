//! Checkstyle XML, as Jenkins' Warnings NG plugin (and most CI servers)
//! read it: `<checkstyle version="4.3">`, a `<file name=…>` per file with
//! an `<error line= column= severity= message= source="hoplint.CODE"/>`
//! per finding the gate counts. `tests/fixtures/checkstyle.xsd` is the
//! format as a schema.

use super::ci::findings;
use crate::diagnostic::Severity;
use crate::load::Project;

/// An XML attribute value: the five predefined entities, and line breaks
/// and tabs as character references so that they survive attribute
/// normalisation. Characters XML 1.0 forbids are dropped.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(project: &Project) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    let mut open: Option<String> = None;
    for f in findings(project, false) {
        let d = f.diagnostic;
        let (path, line, column) = match &f.at {
            Some(at) => (at.path.clone(), at.line, at.column),
            None => (".".to_string(), 1, 1),
        };
        if open.as_deref() != Some(path.as_str()) {
            if open.is_some() {
                out.push_str("  </file>\n");
            }
            out.push_str(&format!("  <file name=\"{}\">\n", attr(&path)));
            open = Some(path);
        }
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!(
            "    <error line=\"{line}\" column=\"{column}\" severity=\"{severity}\" message=\"{}\" source=\"hoplint.{}\"/>\n",
            attr(&d.message),
            d.code
        ));
    }
    if open.is_some() {
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
