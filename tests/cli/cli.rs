//! The binary as users run it: exit statuses, the JSON shape, explain.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn hoplint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoplint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("hoplint runs")
}

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(dir.path(), files);
    dir
}

#[test]
fn the_example_stack_is_clean_and_exits_zero() {
    let out = hoplint(
        &common::repo_root(),
        &["check", "examples/debian-php-stack"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 errors"), "{stdout}");
}

#[test]
fn errors_exit_one_and_missing_paths_exit_two() {
    let dir = tree(&[("nginx.conf", "events {}\nhttp {\n")]);
    assert_eq!(
        hoplint(dir.path(), &["check", "nginx.conf"]).status.code(),
        Some(1)
    );
    let out = hoplint(dir.path(), &["check", "--exit-zero", "nginx.conf"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 error"));
    assert_eq!(
        hoplint(dir.path(), &["check", "--exit-zero", "no-such-file"])
            .status
            .code(),
        Some(2)
    );
    let out = hoplint(dir.path(), &["check", "no-such-file"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read `no-such-file`"));
    assert_eq!(
        hoplint(dir.path(), &["check", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        hoplint(dir.path(), &["check", "--root", "nowhere", "."])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_output_has_files_and_diagnostics_with_every_label() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include /etc/nginx/a.inc;\n}\n",
        ),
        ("etc/nginx/a.inc", "include /etc/nginx/b.inc;\n"),
        ("etc/nginx/b.inc", "include /etc/nginx/a.inc;\n"),
    ]);
    let out = hoplint(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let root = dir.path().canonicalize().unwrap().display().to_string();
    let text = text.replace(&root, "[root]");
    common::snapshot_settings("cli").bind(|| insta::assert_snapshot!("json_include_cycle", text));
}

#[test]
fn human_output_points_at_file_line_and_column() {
    let dir = tree(&[(
        "etc/nginx/nginx.conf",
        "events {}\nhttp {\n    include /etc/nginx/missing.conf;\n}\n",
    )]);
    let out = hoplint(dir.path(), &["check", "."]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[etc/nginx/nginx.conf:3:5]"), "{text}");
    common::snapshot_settings("cli")
        .bind(|| insta::assert_snapshot!("human_missing_include", text));
}

#[test]
fn explain_prints_the_rule_page_and_rules_lists_them() {
    let root = common::repo_root();
    let out = hoplint(&root, &["explain", "include-missing"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(root.join("rules/include-missing.md")).unwrap()
    );
    assert_eq!(
        hoplint(&root, &["explain", "no-such-rule"]).status.code(),
        Some(2)
    );
    let list = String::from_utf8(hoplint(&root, &["rules"]).stdout).unwrap();
    for r in hoplint::rules::REGISTRY {
        assert!(
            list.lines().any(|l| l.starts_with(r.meta.code)),
            "{} missing from `hoplint rules`",
            r.meta.code
        );
    }
}

/// The README's first command: the broken example stack shows one
/// finding of every rule that compares layers (the load and syntax rules
/// have their own examples in their pages).
#[test]
fn the_broken_example_shows_every_stack_rule() {
    let out = hoplint(
        &common::repo_root(),
        &[
            "check",
            "--exit-zero",
            "--format",
            "json",
            "examples/broken-stack",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    found.dedup();
    let mut stack_rules: Vec<String> = hoplint::rules::REGISTRY
        .iter()
        .filter(|r| !matches!(r.phase, hoplint::rules::Phase::Load))
        .map(|r| r.meta.code.to_string())
        .collect();
    stack_rules.sort();
    assert_eq!(found, stack_rules);
}

#[test]
fn the_readme_config_example_is_read_as_documented() {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let block = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("README has a ```toml block");
    let c = hoplint::config::Config::parse(block).unwrap();
    assert_eq!(c.external[0].keepalive_timeout, Some(2000));
    assert_eq!(c.edge.as_ref().unwrap().timeout, 100_000);
    assert_eq!(c.max_response_header, Some(16 << 10));
    assert_eq!(c.host.ram, Some(4 << 30));
    assert_eq!(c.host.somaxconn, Some(4096));
    assert_eq!(
        c.nginx_version,
        hoplint::model::versions::Release::parse("1.30.0")
    );
    assert_eq!(c.stacks[0].name, "web1");
    assert_eq!(c.stacks[0].paths, [Path::new("hosts/web1")]);
    assert_eq!(c.stacks[0].own.host.ram, Some(2 << 30));
    assert_eq!(c.stacks[0].own.external[0].listen, "127.0.0.1:9100");
    assert_eq!(c.for_stack(&c.stacks[0]).external.len(), 2);
}

#[test]
fn stacks_declared_above_the_checked_directory_are_checked_each_on_its_own() {
    let nginx =
        |listen: &str| format!("events {{}}\nhttp {{\nserver {{\nlisten {listen};\n}}\n}}\n");
    let (web1, web2) = (nginx("80"), "Listen 80\n".to_string());
    let dir = tree(&[
        ("hosts/web1/etc/nginx/nginx.conf", web1.as_str()),
        ("hosts/web2/etc/apache2/apache2.conf", web2.as_str()),
        (
            "hoplint.toml",
            "[[stack]]\nname = \"web1\"\npaths = [\"hosts/web1\"]\n\n[[stack]]\nname = \"web2\"\npaths = [\"hosts/web2\"]\n",
        ),
    ]);
    // One tree: nginx and httpd "collide" on port 80.
    let mixed = hoplint(dir.path(), &["check", "--no-config", "hosts"]);
    assert_eq!(mixed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&mixed.stdout).contains("listener-collision"));
    // The two hosts, found through the hoplint.toml above `hosts`.
    let out = hoplint(dir.path(), &["check", "hosts"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("stacks checked each on its own: web1, web2"),
        "{stdout}"
    );
    let json = hoplint(dir.path(), &["check", "--format", "json", "hosts"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["stacks"], serde_json::json!(["web1", "web2"]));
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
}

#[test]
fn a_flag_wins_over_what_a_stack_declares_for_itself() {
    let dir = tree(&[
        (
            "hosts/web1/etc/php/8.2/fpm/php-fpm.conf",
            "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
        ),
        (
            "hosts/web1/etc/php/8.2/fpm/pool.d/www.conf",
            "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\npm = static\npm.max_children = 2\n",
        ),
        (
            "hoplint.toml",
            "[[stack]]\nname = \"web1\"\npaths = [\"hosts/web1\"]\nroot = \"hosts/web1\"\n[stack.host]\nram = \"64M\"\nchild_rss = \"40M\"\n",
        ),
    ]);
    let own = hoplint(dir.path(), &["check", "hosts"]);
    let stdout = String::from_utf8_lossy(&own.stdout);
    assert_eq!(own.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("pool-memory-overcommit"), "{stdout}");
    let flagged = hoplint(dir.path(), &["check", "--ram", "4G", "hosts"]);
    let stdout = String::from_utf8_lossy(&flagged.stdout);
    assert_eq!(flagged.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("pool-memory-overcommit"), "{stdout}");
}
