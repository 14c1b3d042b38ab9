//! Scratch check against the real-world corpus (skipped when it is absent):
//! every file php-fpm accepted must parse without a syntax error.

use std::path::Path;

#[test]
fn accepted_corpus_files_parse_cleanly() {
    let root = Path::new("/work/shared/corpus");
    let Ok(oracle) = std::fs::read_to_string(root.join("ORACLE.tsv")) else {
        eprintln!("corpus not found, skipping");
        return;
    };
    let (mut checked, mut failed) = (0, Vec::new());
    for row in oracle.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 3 || !cols[0].starts_with("php-fpm/") {
            continue;
        }
        let Ok(bytes) = std::fs::read(root.join(cols[0])) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let parsed = hoplint::parse::php_fpm::parse(&text);
        checked += 1;
        if !parsed.errors.is_empty() {
            failed.push(format!("{} ({}): {:?}", cols[0], cols[2], parsed.errors));
        }
    }
    eprintln!(
        "php-fpm corpus: {checked} files checked, {} with errors",
        failed.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
