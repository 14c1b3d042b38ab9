//! The CI outputs, each checked against its consumer's own schema or
//! tool: SARIF against the OASIS SARIF 2.1.0 schema, GitLab's Code
//! Quality report against the fields GitLab documents, Checkstyle XML with
//! `xmllint --schema`, hoplint's JSON and baseline against their schemas
//! in docs/, GitHub workflow commands against GitHub's escaping rules.
//! (Microsoft's SARIF Multitool runs in `.ci/validate-sarif`.)

use crate::common;

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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json_file(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Validates `instance` against `schema`, formats included; panics with
/// every error.
fn validate(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the schema for {what} does not compile: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

const SOCKET_SITE: &str = "server {
    listen 80;
    location ~ \\.php$ {
        # hoplint: ignore[unix-socket-missing] -- the socket is created by systemd
        fastcgi_pass unix:/run/php/php7.4-fpm.sock;
    }
    location /legacy {
        fastcgi_pass unix:/run/php/php5-fpm.sock;
    }
}
";

/// A tree with a finding silenced in the config, and a site whose file
/// name holds every character the formats must escape.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(
        dir.path(),
        &[
            (
                "etc/nginx/nginx.conf",
                "user www-data;\nevents {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n",
            ),
            ("etc/nginx/sites-enabled/shop", SOCKET_SITE),
            (
                "etc/nginx/sites-enabled/a&b \"c\",d:e%f<g>'h'",
                "server {\n    listen 81;\n    location / {\n        fastcgi_pass 127.0.0.1:9999;\n    }\n}\n",
            ),
            (
                "etc/php/8.2/fpm/php-fpm.conf",
                "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
            ),
            (
                "etc/php/8.2/fpm/pool.d/www.conf",
                "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\npm = static\npm.max_children = 5\n",
            ),
        ],
    );
    dir
}

/// The same tree with a baseline of today's findings, then one more
/// finding: outputs show one finding of each kind (new, baselined,
/// silenced in the config).
fn tree_with_baseline() -> tempfile::TempDir {
    let dir = tree();
    let o = hoplint(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "."],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::write(
        dir.path().join("etc/nginx/sites-enabled/shop"),
        SOCKET_SITE.replace(
            "listen 80;",
            "listen 80;\n    location /new { fastcgi_pass unix:/run/php/new.sock; }",
        ),
    )
    .unwrap();
    dir
}

fn sarif_schema() -> Value {
    json_file(&common::repo_root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
}

#[test]
fn sarif_of_the_broken_example_validates_against_the_oasis_schema() {
    let o = hoplint(
        &common::repo_root(),
        &["check", "--format", "sarif", "examples/broken-stack"],
    );
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    validate(&sarif_schema(), &log, "broken-stack SARIF");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), hoplint::rules::REGISTRY.len());
    let repo = env!("CARGO_PKG_REPOSITORY");
    for (i, r) in rules.iter().enumerate() {
        let code = hoplint::rules::REGISTRY[i].meta.code;
        assert_eq!(r["id"], code);
        assert_eq!(
            r["helpUri"],
            format!("{repo}/blob/main/rules/{code}.md"),
            "a stable URL to the page"
        );
        assert!(common::repo_root()
            .join(format!("rules/{code}.md"))
            .is_file());
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(r["help"]["markdown"], hoplint::rules::REGISTRY[i].meta.page);
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 20);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("examples/broken-stack/etc/"), "{uri}");
        assert!(r["partialFingerprints"]["hoplintFingerprint/v1"].is_string());
        assert!(r.get("suppressions").is_none());
    }
    // Findings that span files name the other files' lines.
    assert!(results.iter().any(|r| {
        let primary = &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        r["relatedLocations"].as_array().is_some_and(|rel| {
            rel.iter()
                .any(|l| &l["physicalLocation"]["artifactLocation"]["uri"] != primary)
        })
    }));
}

#[test]
fn sarif_marks_suppressed_and_baselined_results() {
    let dir = tree_with_baseline();
    let o = hoplint(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--baseline",
            "baseline.json",
            ".",
        ],
    );
    // The new finding fails the gate.
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    validate(
        &sarif_schema(),
        &log,
        "SARIF with suppressions and a baseline",
    );
    let results = log["runs"][0]["results"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["baselineState"].as_str().unwrap().to_string(),
                r["suppressions"][0]["kind"]
                    .as_str()
                    .unwrap_or("-")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "tcp-port-refused".into(),
                "unchanged".into(),
                "external".into()
            ),
            ("unix-socket-missing".into(), "new".into(), "-".into()),
            (
                "unix-socket-missing".into(),
                "new".into(),
                "inSource".into()
            ),
            (
                "unix-socket-missing".into(),
                "unchanged".into(),
                "external".into()
            ),
        ]
    );
    let in_source = &results[2]["suppressions"][0];
    assert_eq!(
        in_source["justification"],
        "the socket is created by systemd"
    );
    assert_eq!(
        in_source["location"]["physicalLocation"]["region"]["startLine"],
        5
    );
    // Special characters in a path are percent-encoded in the URI.
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "etc/nginx/sites-enabled/a%26b%20%22c%22%2Cd%3Ae%25f%3Cg%3E%27h%27"
    );
}

#[test]
fn gitlab_report_has_gitlabs_documented_fields_and_unique_fingerprints() {
    let schema = json_file(&common::repo_root().join("docs/gitlab-codequality.schema.json"));
    for (dir, args) in [
        (
            common::repo_root(),
            vec!["check", "--format", "gitlab", "examples/broken-stack"],
        ),
        (
            tree_with_baseline().keep(),
            vec![
                "check",
                "--format",
                "gitlab",
                "--baseline",
                "baseline.json",
                ".",
            ],
        ),
    ] {
        let o = hoplint(&dir, &args);
        let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
        validate(&schema, &report, "GitLab Code Quality report");
        let issues = report.as_array().unwrap();
        let mut fps: Vec<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        let n = fps.len();
        fps.sort();
        fps.dedup();
        assert_eq!(fps.len(), n, "fingerprints must be unique");
        let places: Vec<(String, u64)> = issues
            .iter()
            .map(|i| {
                (
                    i["location"]["path"].as_str().unwrap().to_string(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                )
            })
            .collect();
        let mut sorted = places.clone();
        sorted.sort();
        assert_eq!(places, sorted, "sorted by file and line");
        if dir != common::repo_root() {
            // Only what the gate counts: the new finding.
            assert_eq!(issues.len(), 1, "{issues:?}");
            assert_eq!(issues[0]["severity"], "critical");
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}

fn xmllint() -> Option<&'static str> {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "xmllint is missing (.ci/install-tools installs libxml2-utils)"
        );
        eprintln!("SKIPPED: xmllint is not installed (apt-get install libxml2-utils)");
        return None;
    }
    Some("xmllint")
}

#[test]
fn checkstyle_validates_with_xmllint_against_the_xsd() {
    let Some(xmllint) = xmllint() else { return };
    let xsd = common::repo_root().join("tests/fixtures/checkstyle.xsd");
    let dir = tree();
    for (cwd, target) in [
        (common::repo_root(), "examples/broken-stack"),
        (dir.path().to_path_buf(), "."),
    ] {
        let o = hoplint(&cwd, &["check", "--format", "checkstyle", target]);
        let xml = stdout(&o);
        let file = dir.path().join("report.xml");
        std::fs::write(&file, &xml).unwrap();
        let v = Command::new(xmllint)
            .args(["--noout", "--schema"])
            .arg(&xsd)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            v.status.success(),
            "xmllint: {}\n{xml}",
            String::from_utf8_lossy(&v.stderr)
        );
        assert!(xml.contains("source=\"hoplint."));
        std::fs::remove_file(&file).unwrap();
    }
    let xml = stdout(&hoplint(
        dir.path(),
        &["check", "--format", "checkstyle", "."],
    ));
    assert!(
        xml.contains("<file name=\"etc/nginx/sites-enabled/a&amp;b &quot;c&quot;,d:e%f&lt;g&gt;&apos;h&apos;\">"),
        "{xml}"
    );
    // The silenced finding is not listed.
    assert_eq!(
        xml.matches("source=\"hoplint.unix-socket-missing\"")
            .count(),
        1
    );
}

#[test]
fn github_annotations_follow_githubs_escaping() {
    use hoplint::render::github::{escape_data, escape_property};
    assert_eq!(escape_data("50%\r\nnext: a,b"), "50%25%0D%0Anext: a,b");
    assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");

    let dir = tree();
    let o = hoplint(dir.path(), &["check", "--format", "github", "."]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for l in &lines {
        let (command, message) = l[2..].split_once("::").unwrap();
        assert!(
            command.starts_with("error ")
                || command.starts_with("warning ")
                || command.starts_with("notice "),
            "{l}"
        );
        // Properties are `key=value` pairs split at unescaped commas.
        for kv in command.split_once(' ').unwrap().1.split(',') {
            let (k, v) = kv.split_once('=').unwrap();
            assert!(
                ["file", "line", "col", "endLine", "endColumn", "title"].contains(&k),
                "{kv}"
            );
            assert!(!v.contains(':') && !v.contains('\n'), "{kv}");
        }
        assert!(!message.contains('\n') && !message.contains('\r'));
    }
    assert!(
        lines[0].starts_with(
            "::error file=etc/nginx/sites-enabled/a&b \"c\"%2Cd%3Ae%25f<g>'h',line=4,col=9,"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(",title=hoplint tcp-port-refused::"));
    assert!(lines[1].starts_with("::error file=etc/nginx/sites-enabled/shop,line=8,"));
    // The help follows the message after an escaped blank line.
    assert!(lines[1].contains("%0A%0A"));
}

#[test]
fn json_validates_against_its_schema() {
    let schema = json_file(&common::repo_root().join("docs/hoplint-json.schema.json"));
    let o = hoplint(
        &common::repo_root(),
        &["check", "--format", "json", "examples/broken-stack"],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    validate(&schema, &v, "broken-stack JSON");
    assert!(v.get("suppressed").is_none());

    let dir = tree_with_baseline();
    let o = hoplint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            ".",
        ],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    validate(&schema, &v, "JSON with suppressions and a baseline");
    let codes = |key: &str| -> Vec<(String, bool)> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["baselined"] == true,
                )
            })
            .collect()
    };
    assert_eq!(
        codes("diagnostics"),
        [
            ("tcp-port-refused".to_string(), true),
            ("unix-socket-missing".to_string(), false),
            ("unix-socket-missing".to_string(), true),
        ]
    );
    assert_eq!(
        codes("suppressed"),
        [("unix-socket-missing".to_string(), false)]
    );
    assert_eq!(
        v["suppressed"][0]["suppression"]["reason"],
        "the socket is created by systemd"
    );
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["suppressed"], 1);
    assert_eq!(v["summary"]["baselined"], 2);

    let baseline_schema = json_file(&common::repo_root().join("docs/hoplint-baseline.schema.json"));
    validate(
        &baseline_schema,
        &json_file(&dir.path().join("baseline.json")),
        "the baseline file",
    );
}

/// Two runs give the same bytes, in every format.
#[test]
fn every_format_is_deterministic() {
    for format in ["human", "json", "sarif", "github", "gitlab", "checkstyle"] {
        let run = || {
            stdout(&hoplint(
                &common::repo_root(),
                &["check", "--format", format, "examples/broken-stack"],
            ))
        };
        assert_eq!(run(), run(), "{format}");
    }
}

#[test]
fn output_goes_to_a_file_with_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hoplint.sarif");
    let o = hoplint(
        &common::repo_root(),
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            file.to_str().unwrap(),
            "examples/broken-stack",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    validate(
        &sarif_schema(),
        &json_file(&file),
        "SARIF written with --output",
    );
}

/// The validations above can fail: each schema refuses an output spoilt
/// the way a consumer would refuse it.
#[test]
fn the_schemas_refuse_spoilt_output() {
    let refuses = |schema: &Value, instance: &Value| {
        let v = jsonschema::options()
            .should_validate_formats(true)
            .build(schema)
            .unwrap();
        !v.is_valid(instance)
    };
    let o = hoplint(
        &common::repo_root(),
        &["check", "--format", "sarif", "examples/broken-stack"],
    );
    let mut log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(refuses(&sarif_schema(), &log));
    let mut log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(refuses(&sarif_schema(), &log));

    let schema = json_file(&common::repo_root().join("docs/gitlab-codequality.schema.json"));
    let o = hoplint(
        &common::repo_root(),
        &["check", "--format", "gitlab", "examples/broken-stack"],
    );
    let mut report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    report[0]["severity"] = "error".into();
    assert!(refuses(&schema, &report));

    let Some(xmllint) = xmllint() else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.xml");
    std::fs::write(
        &file,
        "<checkstyle version=\"4.3\"><file name=\"a\"><error line=\"0\" severity=\"fatal\" message=\"m\" source=\"s\"/></file></checkstyle>",
    )
    .unwrap();
    let v = Command::new(xmllint)
        .args(["--noout", "--schema"])
        .arg(common::repo_root().join("tests/fixtures/checkstyle.xsd"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(!v.status.success());
}
