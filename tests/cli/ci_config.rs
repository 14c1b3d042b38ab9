//! `[rules]` in hoplint.toml, its JSON Schema (`hoplint config schema`)
//! and the flags over it: --select, --ignore, --severity, --fail-on,
//! --exit-zero; baselines written, read and gone stale.

use crate::common;

use hoplint::config::Config;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn hoplint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoplint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn codes(o: &Output) -> Vec<String> {
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d.get("baselined").is_none())
        .map(|d| {
            format!(
                "{}:{}",
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect()
}

fn schema() -> Value {
    Config::schema()
}

fn toml_to_json(text: &str) -> Value {
    let v: toml::Value = toml::from_str(text).unwrap();
    serde_json::to_value(v).unwrap()
}

fn validate(instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

/// The committed schema (editors point at it) is what `hoplint config
/// schema` prints.
#[test]
fn the_committed_schema_is_the_generated_one() {
    let o = hoplint(&common::repo_root(), &["config", "schema"]);
    assert_eq!(o.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(printed, schema());
    let committed =
        std::fs::read_to_string(common::repo_root().join("docs/hoplint-toml.schema.json")).unwrap();
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        committed,
        "docs/hoplint-toml.schema.json is stale: `cargo run -- config schema > docs/hoplint-toml.schema.json`"
    );
    assert_eq!(
        printed["$schema"],
        "http://json-schema.org/draft-07/schema#"
    );
    // Every rule code, category and `all` is offered to editors.
    let names = printed["definitions"]["RuleOrGroup"]["enum"]
        .as_array()
        .unwrap();
    for r in hoplint::rules::REGISTRY {
        assert!(names.contains(&Value::from(r.meta.code)), "{}", r.meta.code);
    }
    assert!(names.contains(&Value::from("timeout")) && names.contains(&Value::from("all")));
}

/// The shipped examples and every ```toml block of the README are valid
/// against the schema, and read by hoplint.
#[test]
fn shipped_examples_validate_against_the_schema() {
    let mut checked = 0;
    for e in std::fs::read_dir(common::repo_root().join("examples")).unwrap() {
        let path = e.unwrap().path().join("hoplint.toml");
        if path.is_file() {
            let text = std::fs::read_to_string(&path).unwrap();
            validate(&toml_to_json(&text), &path.display().to_string());
            Config::parse(&text).unwrap();
            checked += 1;
        }
    }
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    // Every plain ```toml block is a hoplint.toml; another tool's file is
    // fenced with its name (```toml title=languages.toml).
    for block in readme.split("```toml\n").skip(1) {
        let block = block.split("```").next().unwrap();
        validate(&toml_to_json(block), "a README toml block");
        Config::parse(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
        checked += 1;
    }
    assert!(checked >= 3, "{checked}");
}

/// What hoplint refuses, the schema refuses, and the other way round.
#[test]
fn the_schema_refuses_what_hoplint_refuses() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    for bad in [
        "[rules]\nselect = [\"upstream-unusd\"]\n",
        "[rules.severity]\nupstream-unused = \"loud\"\n",
        "[rules.severity]\nnot-a-rule = \"off\"\n",
        "[rules]\nfail_on = \"sometimes\"\n",
        "[rules]\nrequire_reasons = true\n",
        "[rules.options.upstream-unused]\nx = 1\n",
        "[host]\nrma = \"4G\"\n",
    ] {
        assert!(
            !validator.is_valid(&toml_to_json(bad)),
            "schema accepts {bad}"
        );
        assert!(Config::parse(bad).is_err(), "hoplint accepts {bad}");
    }
    let good = "[rules]\nselect = [\"all\"]\nignore = [\"capacity\", \"upstream-unused\"]\nrequire_reason = true\nfail_on = \"warning\"\n\n[rules.severity]\nall = \"warning\"\nhostname-resolved-once = \"error\"\nbackend-not-verified = \"off\"\n";
    validate(&toml_to_json(good), "a full [rules]");
    let c = Config::parse(good).unwrap();
    assert!(c.rules.require_reason);
    assert_eq!(c.rules.fail_on, hoplint::select::FailOn::Warning);
}

#[test]
fn an_unknown_rule_is_an_error_naming_it_and_its_line() {
    let err = Config::parse("[host]\nram = \"2G\"\n\n[rules]\nignore = [\"upstream-unusd\"]\n")
        .unwrap_err();
    assert!(err.starts_with("line 5: "), "{err}");
    assert!(err.contains("unknown rule `upstream-unusd`"), "{err}");
    let err =
        Config::parse("[rules.severity]\nupstream-unused = \"off\"\ntcp-port-refusd = \"off\"\n")
            .unwrap_err();
    assert!(err.starts_with("line 3: "), "{err}");
    assert!(err.contains("`tcp-port-refusd`"), "{err}");
    let err = Config::parse("[host]\nrma = \"4G\"\n").unwrap_err();
    assert!(err.starts_with("line 2: ") && err.contains("rma"), "{err}");
    // On the command line too, naming the flag's value.
    let o = hoplint(
        &common::repo_root(),
        &["check", "--select", "timeout,nope", "examples/broken-stack"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown rule `nope`"));
    let o = hoplint(
        &common::repo_root(),
        &[
            "check",
            "--severity",
            "upstream-unused=loud",
            "examples/broken-stack",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
}

fn broken(args: &[&str]) -> Output {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    all.push("examples/broken-stack");
    hoplint(&common::repo_root(), &all)
}

#[test]
fn select_ignore_and_severity_flags() {
    let o = broken(&["--select", "timeout"]);
    let found = codes(&o);
    assert!(!found.is_empty());
    for c in &found {
        let code = c.split(':').next().unwrap();
        assert_eq!(
            hoplint::rules::find(code).unwrap().meta.category.as_str(),
            "timeout",
            "{c}"
        );
    }
    let o = broken(&["--select", "upstream-unused,listener-collision"]);
    let mut found = codes(&o);
    found.sort();
    found.dedup();
    assert_eq!(found, ["listener-collision:error", "upstream-unused:info"]);
    let o = broken(&[
        "--select",
        "upstream-unused,listener-collision",
        "--ignore",
        "connectivity",
    ]);
    assert!(codes(&o).is_empty());
    assert_eq!(o.status.code(), Some(0));
    // A rule's own level wins over its category's, which wins over `all`.
    let o = broken(&[
        "--select",
        "upstream-unused,listener-collision,hostname-resolved-once",
        "--severity",
        "all=info",
        "--severity",
        "connectivity=warning",
        "--severity",
        "upstream-unused=error",
    ]);
    let mut found = codes(&o);
    found.sort();
    found.dedup();
    assert_eq!(
        found,
        [
            "hostname-resolved-once:warning",
            "listener-collision:warning",
            "upstream-unused:error"
        ]
    );
    assert_eq!(o.status.code(), Some(1));
    let o = broken(&["--severity", "all=off"]);
    assert!(codes(&o).is_empty());
}

#[test]
fn fail_on_and_exit_zero() {
    let args = ["--select", "upstream-unused"];
    let status = |extra: &[&str]| {
        let mut a = args.to_vec();
        a.extend_from_slice(extra);
        broken(&a).status.code()
    };
    // upstream-unused is info: only --fail-on info fails on it.
    assert_eq!(status(&[]), Some(0));
    assert_eq!(status(&["--fail-on", "warning"]), Some(0));
    assert_eq!(status(&["--fail-on", "info"]), Some(1));
    assert_eq!(status(&["--fail-on", "info", "--exit-zero"]), Some(0));
    assert_eq!(
        status(&[
            "--severity",
            "upstream-unused=warning",
            "--fail-on",
            "warning"
        ]),
        Some(1)
    );
    assert_eq!(broken(&["--fail-on", "never"]).status.code(), Some(0));
    assert_eq!(broken(&["--exit-zero"]).status.code(), Some(0));
    assert_eq!(broken(&[]).status.code(), Some(1));
}

/// The file's `[rules]`, and flags winning over it.
#[test]
fn the_file_and_the_flags_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("stack");
    copy_dir(&common::repo_root().join("examples/broken-stack"), &copy);
    let toml = std::fs::read_to_string(copy.join("hoplint.toml")).unwrap()
        + "\n[rules]\nselect = [\"upstream-unused\", \"listener-collision\"]\nfail_on = \"info\"\n\n[rules.severity]\nlistener-collision = \"warning\"\n";
    std::fs::write(copy.join("hoplint.toml"), toml).unwrap();
    let run = |extra: &[&str]| {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(extra);
        a.push("stack");
        hoplint(dir.path(), &a)
    };
    let o = run(&[]);
    let mut found = codes(&o);
    found.sort();
    found.dedup();
    assert_eq!(
        found,
        ["listener-collision:warning", "upstream-unused:info"]
    );
    assert_eq!(o.status.code(), Some(1), "fail_on = info");
    let o = run(&["--fail-on", "error"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&[
        "--severity",
        "listener-collision=error",
        "--fail-on",
        "error",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["--select", "upstream-unused"]);
    let mut found = codes(&o);
    found.dedup();
    assert_eq!(found, ["upstream-unused:info"]);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let kind = e.file_type().unwrap();
        if kind.is_symlink() {
            // Debian's sites-enabled links, absolute: read below the root.
            std::os::unix::fs::symlink(
                std::fs::read_link(e.path()).unwrap(),
                to.join(e.file_name()),
            )
            .unwrap();
        } else if kind.is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn a_baseline_is_written_read_and_reports_stale_entries() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &common::repo_root().join("examples/broken-stack"),
        &dir.path().join("stack"),
    );
    let o = hoplint(
        dir.path(),
        &[
            "check",
            "--write-baseline",
            "hoplint-baseline.json",
            "stack",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("recorded"));
    let text = std::fs::read_to_string(dir.path().join("hoplint-baseline.json")).unwrap();
    let b: Value = serde_json::from_str(&text).unwrap();
    let entries = b["findings"].as_array().unwrap();
    assert!(entries.len() > 20);
    assert!(!text.contains("\"line\""), "no line numbers in a baseline");
    assert!(entries
        .iter()
        .all(|e| e["file"].as_str().unwrap().starts_with("stack/etc/")));

    // Nothing new: exit 0, every finding marked.
    let o = hoplint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "hoplint-baseline.json",
            "stack",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(codes(&o).is_empty());
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Lines move (a comment at the top of every file): still matched.
    let site = dir
        .path()
        .join("stack/etc/nginx/sites-enabled/shop.example.com");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("# moved\n\n{text}")).unwrap();
    let o = hoplint(
        dir.path(),
        &["check", "--baseline", "hoplint-baseline.json", "stack"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // A fault fixed: its entry is reported as stale, on stderr, not as an error.
    let pool = dir.path().join("stack/etc/php/8.2/fpm/pool.d/legacy.conf");
    let text = std::fs::read_to_string(&pool).unwrap();
    assert!(text.contains("127.0.0.1:9001"), "{text}");
    std::fs::write(&pool, text.replace("127.0.0.1:9001", "127.0.0.1:9011")).unwrap();
    let o = hoplint(
        dir.path(),
        &["check", "--baseline", "hoplint-baseline.json", "stack"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no longer occur"), "{err}");
    assert!(err.contains("listener-collision"), "{err}");

    // A new fault fails the gate and is the only one shown.
    std::fs::write(
        &site,
        format!(
            "# moved\n\n{text}",
            text = std::fs::read_to_string(&site).unwrap().replace(
                "listen 80",
                "listen 80;\n    location /x { fastcgi_pass unix:/run/php/gone.sock; }\n    #"
            )
        ),
    )
    .unwrap();
    let o = hoplint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "hoplint-baseline.json",
            "stack",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(codes(&o), ["unix-socket-missing:error"]);

    // Re-recording drops the stale entries and takes in the new one.
    let o = hoplint(
        dir.path(),
        &[
            "check",
            "--baseline",
            "hoplint-baseline.json",
            "--write-baseline",
            "hoplint-baseline.json",
            "stack",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let o = hoplint(
        dir.path(),
        &["check", "--baseline", "hoplint-baseline.json", "stack"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // A file that is no baseline is a usage error.
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"version\": 2, \"findings\": []}",
    )
    .unwrap();
    let o = hoplint(dir.path(), &["check", "--baseline", "bad.json", "stack"]);
    assert_eq!(o.status.code(), Some(2));
}
