//! SARIF 2.1.0, as GitHub code scanning ingests it
//! (`github/codeql-action/upload-sarif`): one run whose driver lists every
//! rule of the registry with its page, and one result per finding. A
//! finding silenced in the configs is a result with an `inSource`
//! suppression and its reason; one in the baseline has an `external`
//! suppression and `baselineState: unchanged`, the others `new`.
//!
//! Columns count characters (`columnKind: unicodeCodePoints`), as the
//! other outputs do; paths are relative URIs, resolved by the consumer
//! against the checkout (`%SRCROOT%`).

use super::ci::{findings, message_with_help, place, Finding, Place};
use crate::baseline::fingerprint;
use crate::diagnostic::{Meta, Severity};
use crate::load::Project;
use crate::rules::REGISTRY;
use crate::select::Rules;
use crate::suppress::SilencedBy;
use serde_json::{json, Map, Value};

/// The schema the output names in `$schema`: the OASIS standard's.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The URL of a rule's page, in the repository named by Cargo.toml.
pub fn help_uri(code: &str) -> String {
    format!("{}/blob/main/rules/{code}.md", env!("CARGO_PKG_REPOSITORY"))
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `unix-socket-missing` → `UnixSocketMissing`: SARIF's `name` is an
/// identifier, the code is the `id`.
fn pascal(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// The first paragraph of a page, after its title: what the rule finds.
fn first_paragraph(page: &str) -> String {
    page.lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn rule(meta: &Meta, rules: &Rules) -> Value {
    let enabled = rules.enabled(meta);
    let default_level = rules.level_of(meta).unwrap_or(meta.severity);
    json!({
        "id": meta.code,
        "name": pascal(meta.code),
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": first_paragraph(meta.page) },
        "help": { "text": meta.page, "markdown": meta.page },
        "helpUri": help_uri(meta.code),
        "defaultConfiguration": { "level": level(default_level), "enabled": enabled },
        "properties": { "tags": [meta.category.as_str()] },
    })
}

/// A path as a relative URI reference (or a `file:` URI for an absolute
/// path): every byte outside the unreserved set and `/` percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(p: &Place) -> Value {
    let mut region = json!({
        "startLine": p.line,
        "startColumn": p.column,
        "endLine": p.end_line,
        "endColumn": p.end_column,
    });
    if (p.end_line, p.end_column) < (p.line, p.column) {
        region["endLine"] = json!(p.line);
        region["endColumn"] = json!(p.column);
    }
    let mut artifact = json!({ "uri": uri(&p.path) });
    if !p.path.starts_with('/') {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    json!({ "artifactLocation": artifact, "region": region })
}

fn result(project: &Project, f: &Finding, baseline: bool) -> Value {
    let d = f.diagnostic;
    let index = REGISTRY
        .iter()
        .position(|r| r.meta.code == d.code)
        .expect("every finding's rule is registered");
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.code));
    r.insert("ruleIndex".into(), json!(index));
    r.insert("level".into(), json!(level(d.severity)));
    r.insert("message".into(), json!({ "text": message_with_help(d) }));
    if let (Some(at), Some(p)) = (&f.at, &d.primary) {
        r.insert(
            "locations".into(),
            json!([{ "physicalLocation": physical(at), "message": { "text": p.message } }]),
        );
    }
    let related: Vec<Value> = d
        .secondary
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": i + 1,
                "physicalLocation": physical(&place(project, l)),
                "message": { "text": l.message },
            })
        })
        .collect();
    if !related.is_empty() {
        r.insert("relatedLocations".into(), json!(related));
    }
    r.insert(
        "partialFingerprints".into(),
        json!({ "hoplintFingerprint/v1": fingerprint(project, d) }),
    );
    match f.silenced {
        Some(SilencedBy::Comment {
            file,
            range,
            reason,
        }) => {
            let mut s = json!({
                "kind": "inSource",
                "status": "accepted",
                "location": {
                    "physicalLocation": physical(&place(project, &crate::diagnostic::Label {
                        file: *file,
                        range: *range,
                        message: String::new(),
                    })),
                },
            });
            if let Some(reason) = reason {
                s["justification"] = json!(reason);
            }
            r.insert("suppressions".into(), json!([s]));
        }
        Some(SilencedBy::Baseline) => {
            r.insert(
                "suppressions".into(),
                json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": "recorded in the hoplint baseline",
                }]),
            );
        }
        None => {}
    }
    if baseline {
        let state = match f.silenced {
            Some(SilencedBy::Baseline) => "unchanged",
            _ => "new",
        };
        r.insert("baselineState".into(), json!(state));
    }
    Value::Object(r)
}

/// The whole log. `baseline`: whether a baseline was applied, so that each
/// result says whether it is new.
pub fn render(project: &Project, rules: &Rules, baseline: bool) -> String {
    let results: Vec<Value> = findings(project, true)
        .iter()
        .map(|f| result(project, f, baseline))
        .collect();
    let notifications: Vec<Value> = project
        .fatal
        .iter()
        .map(|m| json!({ "level": "error", "message": { "text": m } }))
        .collect();
    let mut invocation = json!({ "executionSuccessful": project.fatal.is_empty() });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = json!(notifications);
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hoplint",
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": REGISTRY.iter().map(|r| rule(&r.meta, rules)).collect::<Vec<_>>(),
                }
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("JSON of plain data") + "\n"
}
