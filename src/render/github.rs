//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding the gate counts, which GitHub shows as an
//! annotation on the file and line (and in the pull request's diff).
//!
//! GitHub's escaping: in the message `%` → `%25`, CR → `%0D`, LF → `%0A`;
//! in a property value (`file=`, `title=`) also `:` → `%3A` and `,` → `%2C`.

use super::ci::{findings, message_with_help, place};
use crate::diagnostic::Severity;
use crate::load::Project;

pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(project: &Project) -> String {
    let mut out = String::new();
    for f in findings(project, false) {
        let d = f.diagnostic;
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(at) = &f.at {
            props.push(format!("file={}", escape_property(&at.path)));
            props.push(format!("line={}", at.line));
            props.push(format!("col={}", at.column));
            props.push(format!("endLine={}", at.end_line.max(at.line)));
            if at.end_line == at.line {
                props.push(format!("endColumn={}", at.end_column.max(at.column)));
            }
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("hoplint {}", d.code))
        ));
        let mut message = message_with_help(d);
        for l in &d.secondary {
            let p = place(project, l);
            message.push_str(&format!("\n{}:{}: {}", p.path, p.line, l.message));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}
