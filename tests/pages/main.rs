//! Every rule page is documentation, the text of `hoplint explain`, and a
//! test: its failing example must draw the rule, its passing example must
//! not, and the rendered report of the failing example is a snapshot.
//!
//! Each page is a test case of its own, named by the rule's id, so that one
//! broken page does not hide the others and `cargo test --test pages -- <id>`
//! checks just that page. The cases come from the catalogue when the binary
//! runs (the registry), so a new rule needs no edit here: libtest-mimic runs them, hence
//! `harness = false` for this target.

#[path = "../common/mod.rs"]
mod common;

use hoplint::diagnostic::Meta;
use hoplint::load::Options;
use hoplint::render::human::{render, Style};
use hoplint::rules::REGISTRY;
use libtest_mimic::{Arguments, Trial};
use std::path::Path;

fn main() {
    let args = Arguments::from_args();
    let trials: Vec<Trial> = REGISTRY
        .iter()
        .map(|r| {
            let rule = &r.meta;
            Trial::test(rule.code, move || {
                page_has_its_sections(rule);
                failing_example_draws_the_rule_and_passing_one_does_not(rule);
                Ok(())
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

const REQUIRED_SECTIONS: &[&str] = &[
    "## What breaks at runtime",
    "## Failing example",
    "## Passing example",
    "## Fix",
    "## Sources",
];

/// The fenced blocks of one `## section`, as (file, bytes) pairs. A block
/// names its file in its info string: ```` ```nginx file=etc/nginx/nginx.conf ````;
/// with `escapes` there, `\xNN` in the block stands for that raw byte.
fn example_files(page: &str, section: &str) -> Vec<(String, Vec<u8>)> {
    example_blocks(page, section)
        .into_iter()
        .map(|(file, escapes, body)| {
            (
                file,
                if escapes {
                    unescape(&body)
                } else {
                    body.into_bytes()
                },
            )
        })
        .collect()
}

fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') && i + 4 <= b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 2..i + 4], 16) {
                out.push(v);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn example_blocks(page: &str, section: &str) -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    let mut in_section = false;
    let mut current: Option<(String, bool, String)> = None;
    for line in page.lines() {
        if let Some((_, _, body)) = current.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push(current.take().unwrap());
            } else {
                body.push_str(line);
                body.push('\n');
            }
            continue;
        }
        if line.starts_with("## ") {
            in_section = line.trim() == section;
            continue;
        }
        if in_section && line.trim_start().starts_with("```") {
            let file = line
                .split_whitespace()
                .find_map(|w| w.strip_prefix("file="))
                .unwrap_or_else(|| panic!("a block in `{section}` names no file= in: {line}"));
            let escapes = line.split_whitespace().any(|w| w == "escapes");
            current = Some((file.to_string(), escapes, String::new()));
        }
    }
    assert!(current.is_none(), "unclosed code block in `{section}`");
    out
}

/// Checks an example tree; its `hoplint.toml`, if the page gives one, is
/// the user's declarations.
fn check(dir: &Path) -> hoplint::load::Project {
    let declared = dir.join(hoplint::config::FILE_NAME);
    let config = if declared.is_file() {
        hoplint::config::Config::read(&declared).unwrap()
    } else {
        hoplint::config::Config::default()
    };
    hoplint::check_with(
        &[dir.to_path_buf()],
        &Options {
            root: Some(dir.to_path_buf()),
            display_base: Some(dir.to_path_buf()),
            kind: None,
        },
        &config,
    )
}

/// The header's agreement with the registry is checked in
/// `tests/rules/registry.rs`; here, that the page has every section.
fn page_has_its_sections(rule: &Meta) {
    for s in REQUIRED_SECTIONS {
        assert!(
            rule.page.contains(&format!("\n{s}\n")),
            "rules/{}.md lacks `{s}`",
            rule.code
        );
    }
}

fn failing_example_draws_the_rule_and_passing_one_does_not(rule: &Meta) {
    {
        let failing = example_files(rule.page, "## Failing example");
        let passing = example_files(rule.page, "## Passing example");
        assert!(
            !failing.is_empty(),
            "rules/{}.md has no failing example",
            rule.code
        );
        assert!(
            !passing.is_empty(),
            "rules/{}.md has no passing example",
            rule.code
        );

        let dir = tempfile::tempdir().unwrap();
        common::write_tree(dir.path(), &failing);
        let project = check(dir.path());
        let hits: Vec<_> = project
            .diagnostics
            .iter()
            .filter(|d| d.code == rule.code)
            .collect();
        assert!(
            !hits.is_empty(),
            "failing example of {} drew no {}: {:?}",
            rule.code,
            rule.code,
            project.diagnostics
        );
        let rendered: String = hits
            .iter()
            .map(|d| {
                render(
                    &project,
                    d,
                    Style {
                        color: false,
                        width: 100,
                    },
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        common::snapshot_settings("rules").bind(|| insta::assert_snapshot!(rule.code, rendered));

        let dir = tempfile::tempdir().unwrap();
        common::write_tree(dir.path(), &passing);
        let project = check(dir.path());
        let hits: Vec<_> = project
            .diagnostics
            .iter()
            .filter(|d| d.code == rule.code)
            .collect();
        assert!(
            hits.is_empty(),
            "passing example of {} drew {:?}",
            rule.code,
            hits
        );
        assert!(
            !project.files.is_empty(),
            "passing example of {} read no file",
            rule.code
        );
    }
}
