//! The language server's latency, measured as an editor sees it: the
//! release binary is started on a generated tree of N sites (nginx,
//! php-fpm and Apache, `gen_corpus.py --apache`), driven over JSON-RPC,
//! and timed from each `didChange` to the `publishDiagnostics` it causes.
//!
//! Two one-line edits, each made and undone in turn:
//! - in a site: `fastcgi_pass` to a socket no pool creates, and back
//!   (the edited file's own diagnostics change);
//! - in a pool: its `listen` moved away, and back (the diagnostics of the
//!   nginx site that points at it change, a file that is not open);
//! - in nginx.conf: a directive given one argument too many, and back (its own diagnostics
//!   change; the whole nginx side of the model is built again, where a
//!   site's edit replaces only that site's part).
//!
//! Prints the first load, then median and p95 of each edit with the
//! server's own split (parse / model / rules / publish, from its
//! `hoplint/timings` notifications).
//!
//! `cargo bench --bench lsp [-- --sites N --rounds R]`. The generator is
//! `../shared/bench/gen_corpus.py` (or `$HOPLINT_GEN_CORPUS`); without it
//! the benchmark says so and stops.

#[path = "../tests/lsp/client.rs"]
mod client;

use client::Client;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn generator() -> Option<PathBuf> {
    let p = std::env::var_os("HOPLINT_GEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py")
        });
    p.is_file().then_some(p)
}

/// A pool and the enabled site whose `fastcgi_pass` names its socket.
fn pair(dir: &Path) -> Option<(PathBuf, PathBuf, String)> {
    let pools = dir.join("etc/php/8.2/fpm/pool.d");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&pools)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    for pool in names {
        let text = std::fs::read_to_string(&pool).ok()?;
        let Some(listen) = text
            .lines()
            .find_map(|l| l.strip_prefix("listen = "))
            .filter(|l| l.starts_with('/'))
        else {
            continue;
        };
        let site = dir
            .join("etc/nginx/sites-enabled")
            .join(pool.file_stem()?.to_string_lossy().as_ref());
        let Ok(site_text) = std::fs::read_to_string(&site) else {
            continue;
        };
        if site_text.contains(&format!("fastcgi_pass unix:{listen};")) {
            return Some((pool, site, listen.to_string()));
        }
    }
    None
}

struct Sample {
    wall: Duration,
    timings: Value,
}

fn stats(name: &str, samples: &[Sample]) {
    let mut walls: Vec<f64> = samples.iter().map(|s| s.wall.as_secs_f64() * 1e3).collect();
    walls.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pick = |q: f64| walls[((walls.len() as f64 - 1.0) * q).round() as usize];
    let median_of = |key: &str| {
        let mut v: Vec<f64> = samples
            .iter()
            .filter_map(|s| s.timings[key].as_f64())
            .collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let mut rest: Vec<f64> = samples
        .iter()
        .map(|s| {
            let f = |k: &str| s.timings[k].as_f64().unwrap_or(0.0);
            f("check_ms") - f("parse_ms") - f("model_ms") - f("rules_ms")
        })
        .collect();
    rest.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{name}: median {:.1} ms, p95 {:.1} ms over {} edits (server, medians: parse {:.2} ms, the rest of the in-place update {:.2} ms, model {:.1} ms, rules {:.1} ms, publish {:.2} ms of which finding what changed {:.2} ms; all in place: {})",
        pick(0.5),
        pick(0.95),
        walls.len(),
        median_of("parse_ms"),
        rest[rest.len() / 2],
        median_of("model_ms"),
        median_of("rules_ms"),
        median_of("publish_ms"),
        median_of("diff_ms"),
        samples.iter().all(|s| s.timings["in_place"] == 1),
    );
}

/// Sends `text` for `edited` and times the diagnostics of `watched`.
fn edit(c: &mut Client, edited: &Path, version: i64, text: &str, watched: &Path) -> Sample {
    c.drain();
    let started = Instant::now();
    c.change(edited, version, text);
    c.diagnostics_for(watched, Duration::from_secs(60))
        .expect("the edit publishes the watched file's diagnostics");
    let wall = started.elapsed();
    let timings = c
        .wait_for(Duration::from_secs(60), |m| {
            m["method"] == "hoplint/timings"
        })
        .map(|m| m["params"].clone())
        .unwrap_or(Value::Null);
    Sample { wall, timings }
}

fn main() {
    let sites = arg("--sites", 1000);
    let rounds = arg("--rounds", 40);
    let Some(gen) = generator() else {
        println!("lsp bench: gen_corpus.py not found (set HOPLINT_GEN_CORPUS); nothing measured");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tree");
    let ok = std::process::Command::new("python3")
        .arg(&gen)
        .args(["--sites", &sites.to_string(), "--apache", "--out"])
        .arg(&dir)
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "gen_corpus.py failed");
    let (pool, site, listen) = pair(&dir).expect("a pool with its site");

    let started = Instant::now();
    let (mut c, _) = Client::start(
        env!("CARGO_BIN_EXE_hoplint"),
        &dir,
        json!({"timings": true}),
        json!({"general": {"positionEncodings": ["utf-16"]}}),
    );
    let first = c
        .wait_for(Duration::from_secs(300), |m| {
            m["method"] == "hoplint/timings"
        })
        .expect("the first check");
    let p = &first["params"];
    let f = |k: &str| p[k].as_f64().unwrap_or(f64::NAN);
    println!(
        "{sites} sites, {} files: first load and check {:.0} ms (server: {:.0} ms: load {:.0}, model {:.0}, rules {:.0}, publish {:.0})",
        p["files"],
        started.elapsed().as_secs_f64() * 1e3,
        f("check_ms") + f("publish_ms"),
        f("load_ms"),
        f("model_ms"),
        f("rules_ms"),
        f("publish_ms"),
    );

    let site_text = std::fs::read_to_string(&site).unwrap();
    let pool_text = std::fs::read_to_string(&pool).unwrap();
    let main = dir.join("etc/nginx/nginx.conf");
    let main_text = std::fs::read_to_string(&main).unwrap();
    c.open(&site, &site_text);
    c.open(&pool, &pool_text);
    c.open(&main, &main_text);
    // Opening changes nothing; its check is done before the edits.
    c.wait_for(Duration::from_secs(60), |m| {
        m["method"] == "hoplint/timings"
    });
    let wrong = format!("{listen}.old");
    let broken_site = site_text.replacen(
        &format!("fastcgi_pass unix:{listen};"),
        &format!("fastcgi_pass unix:{wrong};"),
        1,
    );
    let moved_pool = pool_text.replacen(
        &format!("listen = {listen}"),
        &format!("listen = {wrong}"),
        1,
    );
    let mut version = 1;
    let mut own = Vec::new();
    let mut cross = Vec::new();
    for i in 0..rounds {
        version += 1;
        let text = if i % 2 == 0 { &broken_site } else { &site_text };
        own.push(edit(&mut c, &site, version, text, &site));
    }
    version += 1;
    c.change(&site, version, &site_text);
    c.wait_for(Duration::from_secs(60), |m| {
        m["method"] == "hoplint/timings"
    });
    for i in 0..rounds {
        version += 1;
        let text = if i % 2 == 0 { &moved_pool } else { &pool_text };
        cross.push(edit(&mut c, &pool, version, text, &site));
    }
    version += 1;
    c.change(&pool, version, &pool_text);
    c.wait_for(Duration::from_secs(60), |m| {
        m["method"] == "hoplint/timings"
    });
    let misspelled = main_text.replacen("tcp_nopush on;", "tcp_nopush on on;", 1);
    assert_ne!(misspelled, main_text, "nginx.conf has no `tcp_nopush on;`");
    let mut whole = Vec::new();
    for i in 0..rounds {
        version += 1;
        let text = if i % 2 == 0 { &misspelled } else { &main_text };
        whole.push(edit(&mut c, &main, version, text, &main));
    }
    stats("edit in the site, its own diagnostics", &own);
    stats("edit in the pool, the site's diagnostics", &cross);
    stats("edit in nginx.conf, its own diagnostics", &whole);
    let status = c.stop();
    assert!(status.success());
}
