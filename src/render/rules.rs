//! The registry as `hoplint rules` prints it.

use crate::cli::RulesFormat;
use crate::rules::{Phase, REGISTRY};
use serde::Serialize;

#[derive(Serialize)]
struct RuleJson {
    code: &'static str,
    category: &'static str,
    severity: &'static str,
    summary: &'static str,
    /// `load` (found while reading files), `stack` (compares layers) or
    /// `review` (reads the other rules' findings).
    phase: &'static str,
}

pub fn list(format: RulesFormat) -> String {
    match format {
        RulesFormat::Text => REGISTRY
            .iter()
            .map(|r| {
                let m = &r.meta;
                format!(
                    "{:<32} {:<8} {:<13} {}\n",
                    m.code,
                    m.severity.as_str(),
                    m.category.as_str(),
                    m.summary
                )
            })
            .collect(),
        RulesFormat::Markdown => {
            let mut out = String::from("| id | what |\n|---|---|\n");
            for r in REGISTRY {
                out.push_str(&format!("| `{}` | {} |\n", r.meta.code, r.meta.summary));
            }
            out
        }
        RulesFormat::Json => {
            let rules: Vec<RuleJson> = REGISTRY
                .iter()
                .map(|r| RuleJson {
                    code: r.meta.code,
                    category: r.meta.category.as_str(),
                    severity: r.meta.severity.as_str(),
                    summary: r.meta.summary,
                    phase: match r.phase {
                        Phase::Load => "load",
                        Phase::Stack(_) => "stack",
                        Phase::Review(_) => "review",
                    },
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&rules).expect("plain data");
            s.push('\n');
            s
        }
    }
}
