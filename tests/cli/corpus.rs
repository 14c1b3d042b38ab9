//! The real-world corpus (`../shared/corpus`, or `$HOPLINT_CORPUS`): every
//! file the real server accepts parses without a syntax diagnostic, and
//! every file it rejects for syntax draws one at the line the server names.
//! The corpus is not part of the project: without it the test says so and
//! passes, except under `CI=true`, where its absence is a failure.

use crate::common;

use hoplint::diagnostic::Category;
use hoplint::load::Options;
use hoplint::source::Kind;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files left out, each with the reason. Keep this list short and honest.
const EXCLUDED: &[(&str, &str)] = &[(
    "nginx/gixy/tests/plugins/simply/add_header_redefinition/non_block_fp.conf",
    "a three-line fragment (`add_header`, `server \"some\";`) whose context only its include site \
     decides: included in `http` nginx refuses `server` without a block, included in `location` it \
     refuses it as not allowed there; alone, hoplint cannot tell which and reports neither",
)];

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HOPLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo_root().join("../shared/corpus"));
    if dir.join("ORACLE.tsv").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "the corpus is missing at {} (set HOPLINT_CORPUS); under CI=true that is a failure",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPED: no corpus at {} (set HOPLINT_CORPUS to run the corpus test)",
        dir.display()
    );
    None
}

struct Row {
    path: String,
    verdict: String,
    first_error: String,
}

fn oracle(dir: &Path) -> Vec<Row> {
    std::fs::read_to_string(dir.join("ORACLE.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                path: c[0].to_string(),
                verdict: c[2].to_string(),
                first_error: c.get(3).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

/// The file and line a server's first error names.
fn named_place(kind: Kind, first_error: &str) -> Option<(String, usize)> {
    match kind {
        // `... in nginx/x/y.conf:17`
        Kind::Nginx => {
            let (_, tail) = first_error.rsplit_once(" in ")?;
            let (file, line) = tail.rsplit_once(':')?;
            Some((file.to_string(), line.trim().parse().ok()?))
        }
        // `Syntax error on line 33 of apache/x/y.conf: ...`
        Kind::Apache => {
            let rest = &first_error[first_error.find("Syntax error on line ")? + 21..];
            let (line, rest) = rest.split_once(" of ")?;
            let (file, _) = rest.split_once(':')?;
            Some((file.to_string(), line.parse().ok()?))
        }
        // `... in Unknown on line 3`: php-fpm does not name the file; the
        // corpus holds no php.ini.
        Kind::PhpFpm | Kind::PhpIni => None,
    }
}

fn kind_of(path: &str) -> Kind {
    match path.split('/').next() {
        Some("nginx") => Kind::Nginx,
        Some("apache") => Kind::Apache,
        Some("php-fpm") => Kind::PhpFpm,
        other => panic!("unknown corpus kind {other:?}"),
    }
}

#[derive(Default)]
struct Tally {
    files: usize,
    accepted: usize,
    accepted_clean: usize,
    rejected_syntax: usize,
    rejected_syntax_caught: usize,
    other: usize,
    other_with_syntax_errors: usize,
}

#[test]
fn corpus_parses_as_the_real_servers_do() {
    let Some(dir) = corpus_dir() else { return };
    let dir = dir.canonicalize().unwrap();
    // Absolute includes in corpus files point at their authors' machines:
    // map them into an empty root rather than read this machine's /etc.
    let empty_root = tempfile::tempdir().unwrap();
    let mut tally: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for row in oracle(&dir) {
        if let Some((_, why)) = EXCLUDED.iter().find(|(p, _)| *p == row.path) {
            eprintln!("excluded {}: {why}", row.path);
            continue;
        }
        let kind = kind_of(&row.path);
        let project = hoplint::check(
            &[dir.join(&row.path)],
            &Options {
                root: Some(empty_root.path().to_path_buf()),
                display_base: Some(dir.clone()),
                kind: Some(kind),
            },
        );
        assert!(
            project.fatal.is_empty(),
            "{}: {:?}",
            row.path,
            project.fatal
        );
        let syntax: Vec<_> = project
            .diagnostics
            .iter()
            .filter(|d| d.category() == Category::Syntax)
            .collect();
        let t = tally.entry(kind.as_str()).or_default();
        t.files += 1;
        match row.verdict.as_str() {
            "accepted" => {
                t.accepted += 1;
                if syntax.is_empty() {
                    t.accepted_clean += 1;
                } else {
                    for d in &syntax {
                        let l = d.primary.as_ref().unwrap();
                        let f = project.file(l.file);
                        failures.push(format!(
                            "accepted by the server, but {}:{}: {}",
                            f.display_path(),
                            f.line_col(l.range.start).0,
                            d.message
                        ));
                    }
                }
            }
            "rejected-syntax" => {
                t.rejected_syntax += 1;
                let place = named_place(kind, &row.first_error);
                let caught = syntax.iter().any(|d| match &place {
                    Some((file, line)) => d.labels().any(|l| {
                        let f = project.file(l.file);
                        f.display_path() == *file && f.line_col(l.range.start).0 == *line
                    }),
                    None => true,
                });
                if caught {
                    t.rejected_syntax_caught += 1;
                } else {
                    let ours: Vec<String> = syntax
                        .iter()
                        .map(|d| {
                            let l = d.primary.as_ref().unwrap();
                            let f = project.file(l.file);
                            format!(
                                "{}:{} {}",
                                f.display_path(),
                                f.line_col(l.range.start).0,
                                d.message
                            )
                        })
                        .collect();
                    failures.push(format!(
                        "{}: the server says `{}`; hoplint says {:?}",
                        row.path, row.first_error, ours
                    ));
                }
            }
            _ => {
                t.other += 1;
                if !syntax.is_empty() {
                    t.other_with_syntax_errors += 1;
                }
            }
        }
    }
    eprintln!("corpus at {}", dir.display());
    for (kind, t) in &tally {
        eprintln!(
            "{kind:8} files {:5}  accepted parsed clean {:4}/{:<4}  rejected-syntax caught {:3}/{:<3}  rejected-other {:4} (of which with syntax diagnostics: {})",
            t.files, t.accepted_clean, t.accepted, t.rejected_syntax_caught, t.rejected_syntax, t.other, t.other_with_syntax_errors
        );
    }
    assert!(
        failures.is_empty(),
        "{} corpus failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        tally.values().map(|t| t.files).sum::<usize>() > 1000,
        "the corpus looks truncated"
    );
}
