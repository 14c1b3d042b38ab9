//! The ready-made integrations in the repository, tested offline: each
//! YAML file parses, and the hoplint command lines they run exist and do
//! what they promise against examples/broken-stack. (`pre-commit
//! try-repo` itself runs in .ci/try-pre-commit, from .ci/test: it needs
//! pre-commit installed and builds hoplint the way pre-commit does.)

use crate::common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn yaml(path: &str) -> Yaml {
    let text = std::fs::read_to_string(common::repo_root().join(path)).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(docs.len(), 1, "{path}");
    docs.remove(0)
}

fn s<'a>(y: &'a Yaml, what: &str) -> &'a str {
    y.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {y:?}"))
}

/// Runs a shell line with the freshly built hoplint first on PATH.
fn sh(line: &str, cwd: &Path, env: &HashMap<String, String>) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_hoplint")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", line])
        .current_dir(cwd)
        .env("PATH", path)
        .envs(env)
        .output()
        .unwrap()
}

/// `${{ inputs.NAME }}` with the inputs' values.
fn substitute(text: &str, inputs: &HashMap<String, String>) -> String {
    let mut out = text.to_string();
    for (k, v) in inputs {
        out = out.replace(&format!("${{{{ inputs.{k} }}}}"), v);
    }
    out
}

#[test]
fn the_github_action_runs_hoplint_as_documented() {
    let action = yaml("action.yml");
    assert_eq!(s(&action["runs"]["using"], "runs.using"), "composite");
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let mut inputs: HashMap<String, String> = HashMap::new();
    for (k, v) in action["inputs"].as_hash().unwrap() {
        let k = s(k, "an input").to_string();
        inputs.insert(k, s(&v["default"], "a default").to_string());
    }
    for k in ["paths", "args", "fail-on", "sarif-file", "upload-sarif"] {
        assert!(inputs.contains_key(k), "input {k}");
    }
    inputs.insert("paths".into(), "examples/broken-stack".into());
    inputs.insert("sarif-file".into(), sarif.display().to_string());
    let steps = action["runs"]["steps"].as_vec().unwrap();
    let mut ran = Vec::new();
    for step in steps {
        if let Some(uses) = step["uses"].as_str() {
            assert!(
                uses.starts_with("github/codeql-action/upload-sarif@"),
                "{uses}"
            );
            assert_eq!(
                step["with"]["sarif_file"].as_str(),
                Some("${{ inputs.sarif-file }}")
            );
            continue;
        }
        let run = s(&step["run"], "run");
        assert_eq!(
            step["shell"].as_str(),
            Some("bash"),
            "composite steps name their shell"
        );
        if run.contains("cargo install") {
            // Too slow to run here; `cargo install --locked --path .` is
            // what the README documents, and what pre-commit runs.
            assert!(
                run.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""),
                "{run}"
            );
            continue;
        }
        assert!(run.starts_with("hoplint check "), "{run}");
        let env: HashMap<String, String> = step["env"]
            .as_hash()
            .map(|h| {
                h.iter()
                    .map(|(k, v)| (s(k, "env").to_string(), substitute(s(v, "env"), &inputs)))
                    .collect()
            })
            .unwrap_or_default();
        let o = sh(run, &common::repo_root(), &env);
        ran.push((
            step["name"].as_str().unwrap().to_string(),
            o.status.code(),
            o.stdout,
        ));
    }
    assert_eq!(ran.len(), 2);
    // SARIF is written whatever is found; the gate step fails on the
    // broken stack and prints annotations.
    assert_eq!(ran[0].1, Some(0), "{}", ran[0].0);
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(ran[1].1, Some(1), "{}", ran[1].0);
    let annotations = String::from_utf8(ran[1].2.clone()).unwrap();
    assert!(
        annotations.lines().all(|l| l.starts_with("::")),
        "{annotations}"
    );
    assert!(annotations.contains("::error file=examples/broken-stack/etc/"));
}

#[test]
fn the_example_workflow_uses_the_action_with_its_inputs() {
    let wf = yaml("examples/ci/github-workflow.yml");
    let action = yaml("action.yml");
    assert_eq!(
        s(&wf["permissions"]["security-events"], "permissions"),
        "write"
    );
    let steps = wf["jobs"]["hoplint"]["steps"].as_vec().unwrap();
    let step = steps
        .iter()
        .find(|st| {
            st["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("hoplint/hoplint@"))
        })
        .expect("a step uses the action");
    for (k, v) in step["with"].as_hash().unwrap() {
        let k = s(k, "with");
        assert!(
            !action["inputs"][k].is_badvalue(),
            "`{k}` is no input of action.yml"
        );
        if k == "args" {
            // The flags exist: run them (the baseline written first).
            let dir = tempfile::tempdir().unwrap();
            let args = s(v, "args");
            let o = sh(
                &format!("hoplint check --write-baseline hoplint-baseline.json {}/examples/broken-stack && hoplint check {args} {}/examples/broken-stack", common::repo_root().display(), common::repo_root().display()),
                dir.path(),
                &HashMap::new(),
            );
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
}

#[test]
fn the_gitlab_job_writes_a_code_quality_report_and_gates() {
    let ci = yaml("examples/ci/gitlab-ci.yml");
    let job = &ci["hoplint"];
    let report = s(&job["artifacts"]["reports"]["codequality"], "codequality");
    assert_eq!(s(&job["artifacts"]["when"], "when"), "always");
    let script: Vec<&str> = job["script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|l| s(l, "script"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let stack = dir.path().join("stack");
    copy_dir(&common::repo_root().join("examples/broken-stack"), &stack);
    let mut statuses = Vec::new();
    for line in &script {
        assert!(line.starts_with("hoplint check "), "{line}");
        // The job checks its checkout, `.`: here a copy of the broken stack.
        let o = sh(line, &stack, &HashMap::new());
        statuses.push(o.status.code());
    }
    assert_eq!(statuses, [Some(0), Some(1)]);
    let issues: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(stack.join(report)).unwrap()).unwrap();
    assert!(issues.as_array().unwrap().len() > 20);
    assert!(issues[0]["location"]["path"]
        .as_str()
        .unwrap()
        .starts_with("etc/"));
    let before: Vec<&str> = job["before_script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|l| s(l, "before_script"))
        .collect();
    assert!(before.iter().any(|l| l.contains("cargo install --locked")));
}

#[test]
fn the_pre_commit_hook_runs_a_check() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks.as_vec().unwrap()[0];
    assert_eq!(s(&hook["id"], "id"), "hoplint");
    assert_eq!(s(&hook["language"], "language"), "rust");
    assert_eq!(
        hook["pass_filenames"].as_bool(),
        Some(false),
        "hoplint reads whole trees"
    );
    let entry = s(&hook["entry"], "entry");
    // pre-commit runs the entry in the repository's root, with no file names.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &common::repo_root().join("examples/broken-stack"),
        dir.path(),
    );
    assert_eq!(
        sh(entry, dir.path(), &HashMap::new()).status.code(),
        Some(1)
    );
    let clean = tempfile::tempdir().unwrap();
    copy_dir(
        &common::repo_root().join("examples/debian-php-stack"),
        clean.path(),
    );
    assert_eq!(
        sh(entry, clean.path(), &HashMap::new()).status.code(),
        Some(0)
    );
}

#[test]
fn the_release_workflow_builds_a_static_musl_binary() {
    let wf = yaml(".github/workflows/release.yml");
    let job = &wf["jobs"]["linux-musl"];
    assert_eq!(
        s(&job["env"]["TARGET"], "TARGET"),
        "x86_64-unknown-linux-musl"
    );
    let runs: Vec<&str> = job["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|st| st["run"].as_str())
        .collect();
    // The build and its checks are .ci/build-static, which .ci/test runs
    // too: what the release ships is built on every CI run.
    assert!(runs.iter().any(|r| r.trim() == "bash .ci/build-static"));
    let script = std::fs::read_to_string(common::repo_root().join(".ci/build-static")).unwrap();
    assert!(script.contains("target=x86_64-unknown-linux-musl"));
    let ci = std::fs::read_to_string(common::repo_root().join(".ci/test")).unwrap();
    assert!(ci.lines().any(|l| l.trim() == "bash .ci/build-static"));
    assert!(!wf["on"]["push"]["tags"].is_badvalue());
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
