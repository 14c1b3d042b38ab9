//! Scratch corpus check for the Apache parser (skips when the corpus is
//! absent): accepted files parse clean, rejected-syntax files draw an
//! error on the line httpd names.

use hoplint::parse::apache::parse;
use hoplint::span::LineIndex;
use std::path::Path;

#[test]
fn apache_corpus() {
    let root = Path::new("/work/shared/corpus");
    let Ok(oracle) = std::fs::read_to_string(root.join("ORACLE.tsv")) else {
        eprintln!("corpus missing, skipped");
        return;
    };
    let (mut ok, mut rejected_hit, mut failures) = (0, 0, Vec::new());
    for row in oracle.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 4 || !cols[0].starts_with("apache/") {
            continue;
        }
        let Ok(bytes) = std::fs::read(root.join(cols[0])) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let parsed = parse(&text);
        let idx = LineIndex::new(&text);
        let lines: Vec<usize> = parsed
            .errors
            .iter()
            .map(|e| idx.line_col(&text, e.range.start).0)
            .collect();
        match cols[2] {
            "accepted" if parsed.errors.is_empty() => ok += 1,
            "accepted" => failures.push(format!("{}: {:?}", cols[0], parsed.errors)),
            "rejected-syntax" => {
                let want: usize = cols[3]
                    .split("Syntax error on line ")
                    .nth(1)
                    .and_then(|s| s.split(' ').next())
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                if lines.contains(&want) {
                    rejected_hit += 1;
                } else {
                    failures.push(format!("{}: want line {want}, got {lines:?}", cols[0]));
                }
            }
            _ => {}
        }
    }
    eprintln!("accepted clean: {ok}, rejected-syntax at the right line: {rejected_hit}");
    assert!(failures.is_empty(), "{failures:#?}");
}
