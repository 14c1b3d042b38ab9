//! Scratch check of the nginx parser against the real-world corpus and the
//! verdicts of `nginx -t` (ORACLE.tsv). Skips when the corpus is missing.
//! Run with `cargo test --test corpus_nginx_scratch -- --nocapture`.

use hoplint::parse::nginx::parse;
use hoplint::span::LineIndex;
use std::path::Path;

const CORPUS: &str = "/work/shared/corpus";

/// Errors that come from nginx's tokenizer and block structure; the others
/// ("invalid number of arguments", "has no opening {") need to know what
/// each directive accepts, which is not the parser's job.
fn is_token_level(first_error: &str) -> bool {
    ["unexpected", "too long parameter"]
        .iter()
        .any(|m| first_error.contains(m))
}

#[test]
fn corpus_nginx() {
    let root = Path::new(CORPUS);
    let Ok(oracle) = std::fs::read_to_string(root.join("ORACLE.tsv")) else {
        eprintln!("corpus not found, skipping");
        return;
    };
    let (mut accepted, mut accepted_bad) = (0, Vec::new());
    let (mut rejected, mut rejected_bad, mut skipped) = (0, Vec::new(), 0);
    for line in oracle.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [path, _tool, verdict, first_error, ..] = cols[..] else {
            continue;
        };
        if !path.starts_with("nginx/") {
            continue;
        }
        let Ok(bytes) = std::fs::read(root.join(path)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let parsed = parse(&text);
        match verdict {
            "accepted" => {
                accepted += 1;
                if let Some(e) = parsed.errors.first() {
                    accepted_bad.push(format!("{path}: {}", e.message));
                }
            }
            "rejected-syntax" => {
                // The error must be in this file itself.
                let in_this_file = first_error.contains(&format!("{path}:"));
                if !in_this_file || !is_token_level(first_error) {
                    skipped += 1;
                    continue;
                }
                rejected += 1;
                let want: usize = first_error
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap();
                let index = LineIndex::new(&text);
                let lines: Vec<usize> = parsed
                    .errors
                    .iter()
                    .map(|e| index.line_col(&text, e.range.start).0)
                    .collect();
                if !lines.contains(&want) {
                    rejected_bad.push(format!("{path}: nginx line {want}, ours {lines:?}"));
                }
            }
            _ => {
                if let Some(e) = parsed.errors.first() {
                    let index = LineIndex::new(&text);
                    let l = index.line_col(&text, e.range.start).0;
                    eprintln!("  other verdict {verdict}: {path}:{l}: {}", e.message);
                }
            }
        }
    }
    eprintln!(
        "accepted: {accepted}, with errors: {}\nrejected-syntax (token level, this file): {rejected}, missed: {}, skipped (semantic or other file): {skipped}",
        accepted_bad.len(),
        rejected_bad.len()
    );
    for b in accepted_bad.iter().chain(&rejected_bad) {
        eprintln!("  {b}");
    }
    assert!(accepted_bad.is_empty() && rejected_bad.is_empty());
}
