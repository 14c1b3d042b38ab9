//! GitLab's Code Quality report (`artifacts:reports:codequality`): a JSON
//! array of issues with GitLab's documented fields only (`description`,
//! `check_name`, `fingerprint`, `severity`, `location.path`,
//! `location.lines.begin`); `docs/gitlab-codequality.schema.json` is that
//! list as a schema. Only findings the gate counts are listed.
//!
//! Severities: error → `critical` (the site answers 502), warning →
//! `major`, info → `info`. Fingerprints are unique within a report, as
//! GitLab requires: equal findings get the occurrence mixed in.

use super::ci::findings;
use crate::baseline::fingerprint;
use crate::diagnostic::Severity;
use crate::load::Project;
use foldhash::{HashMap, HashMapExt};
use serde_json::json;

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

pub fn render(project: &Project) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<serde_json::Value> = findings(project, false)
        .iter()
        .map(|f| {
            let d = f.diagnostic;
            let mut fp = fingerprint(project, d);
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                fp = format!("{fp}-{n}");
            }
            let (path, line) = match &f.at {
                Some(at) => (at.path.clone(), at.line),
                // A finding about no file (an unreadable path on the
                // command line): GitLab needs a path.
                None => (".".to_string(), 1),
            };
            json!({
                "description": d.message,
                "check_name": d.code,
                "fingerprint": fp,
                "severity": severity(d.severity),
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).expect("JSON of plain data") + "\n"
}
