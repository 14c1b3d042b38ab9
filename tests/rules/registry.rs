//! The registry is the one list of rules; these tests keep everything that
//! describes a rule in step with it, so that adding a rule is one rule
//! file, one registry line, one page and its tests, and forgetting any of
//! them fails here (as clippy and ruff check their own rule lists).

use crate::common;

use hoplint::diagnostic::Meta;
use hoplint::rules::{Phase, REGISTRY};
use std::collections::HashSet;
use std::path::Path;

fn metas() -> impl Iterator<Item = &'static Meta> {
    REGISTRY.iter().map(|r| &r.meta)
}

/// A `- **Name**: value` line of a page's header.
fn header(page: &str, name: &str) -> String {
    let prefix = format!("- **{name}**: ");
    page.lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .unwrap_or("")
        .trim()
        .to_string()
}

#[test]
fn codes_are_unique_kebab_case() {
    let mut seen = HashSet::new();
    for m in metas() {
        assert!(seen.insert(m.code), "`{}` is registered twice", m.code);
        let kebab = !m.code.is_empty()
            && !m.code.starts_with('-')
            && !m.code.ends_with('-')
            && !m.code.contains("--")
            && m.code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        assert!(kebab, "`{}` is not kebab-case", m.code);
        assert!(!m.summary.is_empty(), "`{}` has no summary", m.code);
    }
}

#[test]
fn every_page_header_agrees_with_the_metadata() {
    for m in metas() {
        assert_eq!(
            m.page.lines().next(),
            Some(format!("# {}", m.code).as_str()),
            "title of rules/{}.md",
            m.code
        );
        assert_eq!(
            header(m.page, "ID"),
            format!("`{}`", m.code),
            "ID line of rules/{}.md",
            m.code
        );
        let severity = header(m.page, "Severity");
        assert_eq!(
            severity.split_whitespace().next(),
            Some(m.severity.as_str()),
            "rules/{}.md says `Severity: {severity}`, the registry {}",
            m.code,
            m.severity.as_str()
        );
        assert_eq!(
            header(m.page, "Category"),
            m.category.as_str(),
            "category of rules/{}.md",
            m.code
        );
        assert!(
            !header(m.page, "Layers").is_empty(),
            "rules/{}.md names no layers",
            m.code
        );
    }
}

/// Every page in `rules/` is a registered rule, and every registered rule
/// has a page (the registry reads it with `include_str!`, so a missing one
/// does not build).
#[test]
fn every_page_is_registered() {
    let dir = common::repo_root().join("rules");
    let codes: HashSet<&str> = metas().map(|m| m.code).collect();
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let code = name.strip_suffix(".md").unwrap_or(&name);
        assert!(
            codes.contains(code),
            "rules/{name} is no rule of the registry: add it to `registry!` in src/rules/mod.rs"
        );
    }
}

/// A rule that compares layers is one file named like its code, and every
/// file in `src/rules/` is a registered rule.
#[test]
fn every_rule_is_one_file_named_like_its_code() {
    let dir = common::repo_root().join("src/rules");
    let stack: HashSet<String> = REGISTRY
        .iter()
        .filter(|r| !matches!(r.phase, Phase::Load))
        .map(|r| r.meta.code.replace('-', "_"))
        .collect();
    for m in &stack {
        assert!(dir.join(format!("{m}.rs")).is_file(), "no src/rules/{m}.rs");
    }
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let Some(module) = name.strip_suffix(".rs") else {
            continue;
        };
        if module == "mod" {
            continue;
        }
        assert!(
            stack.contains(module),
            "src/rules/{name} is not in the registry (or its code is not `{}`)",
            module.replace('_', "-")
        );
    }
}

/// Each rule's failing example is a reviewed snapshot.
#[test]
fn every_rule_has_a_snapshot() {
    let dir = common::repo_root().join("snapshots/rules");
    for m in metas() {
        assert!(
            dir.join(format!("{}.snap", m.code)).is_file(),
            "no snapshots/rules/{}.snap: run the page tests and review it",
            m.code
        );
    }
}

/// The README's rule table is the registry's: one row a rule, in its order,
/// with its summary.
#[test]
fn the_readme_table_is_the_registry() {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let rows: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| id | what |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let expected: Vec<String> = metas()
        .map(|m| format!("| `{}` | {} |", m.code, m.summary))
        .collect();
    assert_eq!(
        rows, expected,
        "README.md's rule table differs from the registry; `hoplint rules --format markdown` prints it"
    );
}

/// Rules and the model read the model and the facts `load` gathered, never
/// the filesystem: a rule that opened files would read this machine's
/// `/etc` instead of the checked root's, and could not be re-run on one
/// edited buffer.
#[test]
fn rules_and_the_model_never_touch_the_filesystem() {
    let forbidden = [
        "std::fs",
        "fs::read",
        "File::open",
        "read_dir",
        "metadata(",
        "canonicalize",
        ".is_dir()",
        ".is_file()",
        ".exists()",
        "std::env",
    ];
    for dir in ["src/rules", "src/model"] {
        walk(&common::repo_root().join(dir), &mut |path, text| {
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for f in forbidden {
                    assert!(
                        !code.contains(f),
                        "{}:{}: `{f}`: rules and the model get files' facts from `load`",
                        path.display(),
                        n + 1
                    );
                }
            }
        });
    }
}

/// No rule reads syntax trees: the model owns what they hold.
#[test]
fn rules_never_read_syntax_trees() {
    walk(&common::repo_root().join("src/rules"), &mut |path, text| {
        assert!(
            !text.contains("crate::syntax"),
            "{} reads syntax trees; derive what it needs in the model",
            path.display()
        );
    });
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path, &str)) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, f);
        } else if p.extension().is_some_and(|x| x == "rs") {
            f(&p, &std::fs::read_to_string(&p).unwrap());
        }
    }
}
