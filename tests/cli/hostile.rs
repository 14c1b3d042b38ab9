//! A checked tree is untrusted input. Hostile trees (include bombs, FIFOs,
//! devices, huge sparse files, link loops, odd names, deep or crowded
//! directories) end in bounded time and memory with a clear diagnostic,
//! the rest of the tree still checked; a check changes nothing in the
//! tree, runs nothing, connects nowhere, and under a root reads nothing
//! outside it, however the root or the paths in the tree are spelt.
//!
//! The time limit only catches hangs; the memory limit catches what used
//! to take gigabytes. Speed is measured in `benches/`, not here.

use crate::common;

use hoplint::load::fs::Fs;
use hoplint::load::{Options, Project};
use hoplint::source::Reach;
use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Past this, hoplint is taken to hang.
const HANG: Duration = Duration::from_secs(120);
/// Past this (in KiB of resident memory), hoplint is taken to run away:
/// the include bombs used to take more than 10 GB.
const MAX_RSS_KB: i64 = 1024 * 1024;

/// What one run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    max_rss_kb: i64,
}

impl Run {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("bad JSON: {e}\n{}", self.stdout))
    }

    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// Runs hoplint in `dir`, failing the test on a hang, a signal or more
/// than [`MAX_RSS_KB`] of memory.
fn run(dir: &Path, args: &[&str]) -> Run {
    run_env(dir, args, &[])
}

// The child is reaped by wait4, which clippy does not see.
#[allow(clippy::zombie_processes)]
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hoplint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).unwrap();
        String::from_utf8_lossy(&s).into_owned()
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).unwrap();
        String::from_utf8_lossy(&s).into_owned()
    });
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    // wait4 gives the child's peak memory along with its status.
    let (status, usage) = loop {
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(r >= 0, "wait4: {}", std::io::Error::last_os_error());
        if r == pid {
            break (status, usage);
        }
        if start.elapsed() > HANG {
            child.kill().unwrap();
            panic!("hoplint hung: {args:?} in {}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        libc::WIFEXITED(status),
        "hoplint was killed by a signal: {args:?}"
    );
    let run = Run {
        code: libc::WEXITSTATUS(status),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        max_rss_kb: usage.ru_maxrss,
    };
    assert!(
        run.max_rss_kb < MAX_RSS_KB,
        "hoplint took {} KiB: {args:?}",
        run.max_rss_kb
    );
    run
}

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::write_tree(dir.path(), files);
    dir
}

fn write(dir: &Path, name: impl AsRef<Path>, body: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, body).unwrap();
}

fn link(dir: &Path, name: &str, target: impl AsRef<Path>) {
    let l = dir.join(name);
    std::fs::create_dir_all(l.parent().unwrap()).unwrap();
    symlink(target, l).unwrap();
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn count(v: &serde_json::Value, code: &str) -> usize {
    codes(v).iter().filter(|c| *c == code).count()
}

fn messages(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

/// No finding is reported twice.
fn assert_no_duplicates(v: &serde_json::Value) {
    let mut seen = HashSet::new();
    for d in v["diagnostics"].as_array().unwrap() {
        assert!(seen.insert(d.to_string()), "reported twice: {d}");
    }
}

/// The one include bomb report, and where.
fn the_bomb_report(v: &serde_json::Value) -> String {
    let bombs: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["code"] == "include-depth"
                && d["message"].as_str().unwrap().contains("includes multiply")
        })
        .collect();
    assert_eq!(bombs.len(), 1, "{bombs:#?}");
    format!("{}:{}", bombs[0]["file"], bombs[0]["line"])
}

fn lib_check(dir: &Path, root: Option<&Path>) -> Project {
    hoplint::check(
        &[dir.to_path_buf()],
        &Options {
            root: root.map(Path::to_path_buf),
            display_base: Some(dir.to_path_buf()),
            kind: None,
        },
    )
}

/// Whether permission bits stop this process (they do not stop root).
fn permissions_apply() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("closed");
    std::fs::write(&p, "x").unwrap();
    std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    std::fs::File::open(&p).is_err()
}

// ---------------------------------------------------------------- bombs

/// A separate site with a fault of its own (`unix-socket-missing`: the
/// pool below listens on another socket), found although a bomb sits
/// beside it: the rest of the tree is still checked.
const SHOP: &str = "server {\n    listen 80;\n    location ~ \\.php$ { fastcgi_pass unix:/run/php/gone.sock; }\n}\n";
const POOL: (&str, &str) = (
    "etc/php/8.2/fpm/pool.d/www.conf",
    "[www]\nlisten = /run/php/php8.2-fpm.sock\n",
);
const MISSING: &str = "unix-socket-missing";

#[test]
fn an_include_bomb_is_reported_once_and_the_rest_is_checked() {
    // Ten files, each including the next ten times: 10^9 reads of f9.
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include bomb/f0.conf;\n    include conf.d/*.conf;\n}\n",
        ),
        ("etc/nginx/conf.d/shop.conf", SHOP),
        POOL,
        (
            "etc/nginx/bomb/f9.conf",
            "# the leaf\nclient_max_body_size 1m;\n",
        ),
    ]);
    for i in 0..9 {
        let line = format!("include bomb/f{}.conf;\n", i + 1);
        write(
            dir.path(),
            format!("etc/nginx/bomb/f{i}.conf"),
            line.repeat(10).as_bytes(),
        );
    }
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert!(the_bomb_report(&v).contains("etc/nginx/bomb/f"));
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    assert_no_duplicates(&v);
    assert!(r.stdout.len() < 1 << 20, "{} bytes of JSON", r.stdout.len());
    // Through the library: the model splices a bounded number of files.
    let p = lib_check(dir.path(), Some(dir.path()));
    assert_eq!(p.files.len(), 13);
}

#[test]
fn nginx_files_each_including_the_glob_that_matches_them_all_end_in_bounded_time() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n    include sites/*;\n}\n",
        ),
        ("etc/nginx/sites/shop", SHOP),
        POOL,
    ]);
    for i in 0..22 {
        write(
            dir.path(),
            format!("etc/nginx/conf.d/f{i:02}.conf"),
            format!(
                "server {{ listen {}; }}\ninclude conf.d/*.conf;\n",
                8000 + i
            )
            .as_bytes(),
        );
    }
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    // One cycle per file (each closes its own), one bomb, the site's fault.
    assert_eq!(count(&v, "include-cycle"), 22, "{:?}", codes(&v));
    the_bomb_report(&v);
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    assert_no_duplicates(&v);
    assert!(r.stdout.len() < 4 << 20, "{} bytes of JSON", r.stdout.len());
}

#[test]
fn php_fpm_pools_each_including_their_own_directory_end_in_bounded_time() {
    let dir = tree(&[(
        "etc/php/8.2/fpm/php-fpm.conf",
        "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
    )]);
    for i in 0..22 {
        write(
            dir.path(),
            format!("etc/php/8.2/fpm/pool.d/p{i:02}.conf"),
            format!(
                "[p{i}]\nlisten = /run/php/p{i}.sock\npm = static\npm.max_children = 2\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n"
            )
            .as_bytes(),
        );
    }
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert_eq!(r.code, 1);
    assert!(count(&v, "include-cycle") >= 1, "{:?}", codes(&v));
    // php-fpm's own limit of five nested files, once per include line.
    assert!(count(&v, "include-depth") <= 23, "{:?}", codes(&v));
    assert_no_duplicates(&v);
    assert!(r.stdout.len() < 4 << 20, "{} bytes of JSON", r.stdout.len());
}

#[test]
fn apache_files_each_including_the_glob_that_matches_them_all_end_in_bounded_time() {
    let dir = tree(&[(
        "etc/apache2/apache2.conf",
        "ServerRoot \"/etc/apache2\"\nListen 80\nInclude conf.d/*.conf\n",
    )]);
    for i in 0..22 {
        write(
            dir.path(),
            format!("etc/apache2/conf.d/f{i:02}.conf"),
            format!("ProxyPass /a{i} http://127.0.0.1:9{i:03}/\nInclude conf.d/*.conf\n")
                .as_bytes(),
        );
    }
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert_eq!(count(&v, "include-cycle"), 22, "{:?}", codes(&v));
    the_bomb_report(&v);
    // Each finding once, not once per time its file was spliced (this
    // used to be a million identical warnings in a 951 MB report).
    assert_no_duplicates(&v);
    assert!(count(&v, "proxypass-reverse-missing") <= 22);
    assert!(r.stdout.len() < 4 << 20, "{} bytes of JSON", r.stdout.len());
}

#[test]
fn a_glob_matching_the_file_it_is_written_in_is_one_cycle() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
        ),
        ("etc/nginx/conf.d/all.conf", "include conf.d/*.conf;\n"),
        ("etc/nginx/conf.d/shop.conf", SHOP),
        POOL,
    ]);
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert_eq!(count(&v, "include-cycle"), 1, "{:?}", codes(&v));
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
}

#[test]
fn include_cycles_through_symlinks_are_cycles() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/a.conf;\n}\n",
        ),
        ("etc/nginx/conf.d/a.conf", "include conf.d/to-a.conf;\n"),
    ]);
    // Relative and absolute links back to the file that includes them.
    link(dir.path(), "etc/nginx/conf.d/to-a.conf", "a.conf");
    link(
        dir.path(),
        "etc/nginx/conf.d/abs.conf",
        "/etc/nginx/conf.d/a.conf",
    );
    write(
        dir.path(),
        "etc/nginx/conf.d/b.conf",
        b"include conf.d/abs.conf;\n",
    );
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert!(count(&v, "include-cycle") >= 1, "{:?}", codes(&v));
    assert_no_duplicates(&v);
}

#[test]
fn directory_symlink_loops_trap_neither_the_walk_nor_apache() {
    let dir = tree(&[
        (
            "etc/apache2/apache2.conf",
            "ServerRoot \"/etc/apache2\"\nListen 80\nInclude conf.d\n",
        ),
        (
            "etc/apache2/conf.d/site.conf",
            "ProxyPass /a http://127.0.0.1:9000/\n",
        ),
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include loop/*/*/*/*.conf;\n}\n",
        ),
    ]);
    // httpd reads every file below an included directory: links back up.
    link(dir.path(), "etc/apache2/conf.d/up", "..");
    link(dir.path(), "etc/apache2/conf.d/self", ".");
    link(dir.path(), "etc/apache2/conf.d/abs", "/etc/apache2/conf.d");
    link(dir.path(), "etc/nginx/loop/a", "../loop");
    link(dir.path(), "etc/nginx/loop/b", "/etc/nginx/loop");
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert_no_duplicates(&v);
    let files = v["files"].as_array().unwrap();
    assert!(files.len() < 10, "{files:#?}");
}

// ------------------------------------------------- what is no config

#[test]
fn a_huge_sparse_file_is_refused_without_being_read() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
        ),
        ("etc/nginx/conf.d/shop.conf", SHOP),
        POOL,
    ]);
    // 1 GiB of holes: no disk is used.
    let huge = dir.path().join("etc/nginx/conf.d/huge.conf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert!(
        messages(&v)
            .iter()
            .any(|m| m.contains("huge.conf") && m.contains("larger than hoplint reads")),
        "{:?}",
        messages(&v)
    );
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    // Named on the command line as an nginx config: the same.
    let r = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--kind",
            "nginx",
            "etc/nginx/conf.d/huge.conf",
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(codes(&r.json()), ["unreadable-file"]);
}

#[test]
fn fifos_are_reported_and_never_opened() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n    include sites-enabled/*;\n}\n",
        ),
        ("etc/nginx/conf.d/shop.conf", SHOP),
        POOL,
        (
            "etc/apache2/apache2.conf",
            "ServerRoot \"/etc/apache2\"\nListen 8080\n",
        ),
    ]);
    let d = dir.path();
    // Reached through an include glob, through a link, and as the files
    // hoplint reads beside the configs: dpkg's status and httpd's envvars.
    mkfifo(&d.join("etc/nginx/conf.d/pipe.conf"));
    mkfifo(&d.join("pipes/site"));
    link(d, "etc/nginx/sites-enabled/site", "/pipes/site");
    mkfifo(&d.join("var/lib/dpkg/status"));
    mkfifo(&d.join("etc/apache2/envvars"));
    mkfifo(&d.join("etc/php/8.2/fpm/pool.d/fifo.conf"));
    let r = run(d, &["check", "--format", "json", "."]);
    assert_eq!(r.code, 1);
    let v = r.json();
    let fifo: Vec<String> = messages(&v)
        .into_iter()
        .filter(|m| m.contains("is a FIFO"))
        .collect();
    assert_eq!(fifo.len(), 3, "{fifo:?}");
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    assert_no_duplicates(&v);
    // Named on the command line: an error with the command line, as a
    // missing path is.
    let r = run(d, &["check", "etc/nginx/conf.d/pipe.conf"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("is a FIFO"), "{}", r.stderr);
    let r = run(d, &["check", "etc/nginx/sites-enabled/site"]);
    assert_eq!(r.code, 2, "{}", r.all());
    // A hoplint.toml that is a FIFO is passed over when looked for, and
    // refused, not waited on, when named.
    mkfifo(&d.join("hoplint.toml"));
    assert_eq!(run(d, &["check", "."]).code, 1);
    let r = run(d, &["check", "--config", "hoplint.toml", "."]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("is a FIFO"), "{}", r.stderr);
}

#[test]
fn devices_are_reported_and_never_read() {
    // Without a root the links lead to this machine's devices.
    let dir = tree(&[
        (
            "nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
        ),
        ("nginx/conf.d/shop.conf", SHOP),
        ("nginx/pool.d/www.conf", POOL.1),
    ]);
    let d = dir.path();
    link(d, "nginx/conf.d/zero.conf", "/dev/zero");
    link(d, "nginx/conf.d/random.conf", "/dev/urandom");
    let r = run(d, &["check", "--format", "json", "nginx"]);
    let v = r.json();
    let devices: Vec<String> = messages(&v)
        .into_iter()
        .filter(|m| m.contains("is a character device"))
        .collect();
    assert_eq!(devices.len(), 2, "{:?}", messages(&v));
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    for given in ["/dev/zero", "/dev/urandom", "nginx/conf.d/zero.conf"] {
        let r = run(d, &["check", given]);
        assert_eq!(r.code, 2, "{given}: {}", r.all());
        assert!(r.stderr.contains("character device"), "{}", r.stderr);
        let r = run(d, &["check", "--kind", "nginx", given]);
        assert_eq!(r.code, 2, "{given}: {}", r.all());
    }
    // Under a root, the absolute link stays inside it.
    write(
        d,
        "etc/nginx/nginx.conf",
        b"events {}\nhttp {\n    include /etc/nginx/zero.conf;\n}\n",
    );
    link(d, "etc/nginx/zero.conf", "/dev/zero");
    let r = run(d, &["check", "--format", "json", "--root", ".", "etc"]);
    let v = r.json();
    assert!(
        messages(&v)
            .iter()
            .any(|m| m.contains("zero.conf") && m.contains("no such file")),
        "{:?}",
        messages(&v)
    );
}

#[test]
fn unreadable_files_and_directories_are_reported() {
    if !permissions_apply() {
        eprintln!(
            "SKIPPED: permission bits do not stop this process (it runs as root); \
             the FIFO and device tests cover files hoplint must not read"
        );
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n    include sites/*;\n}\n",
        ),
        ("etc/nginx/conf.d/closed.conf", "server { listen 81; }\n"),
        ("etc/nginx/sites/open", SHOP),
        POOL,
        ("etc/nginx/locked/x.conf", "server { listen 82; }\n"),
    ]);
    let d = dir.path();
    let mode = |p: &str, m: u32| {
        std::fs::set_permissions(d.join(p), std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode("etc/nginx/conf.d/closed.conf", 0o000);
    mode("etc/nginx/locked", 0o000);
    let r = run(d, &["check", "--format", "json", "."]);
    let v = r.json();
    assert!(
        messages(&v)
            .iter()
            .any(|m| m.contains("closed.conf") && m.contains("ermission denied")),
        "{:?}",
        messages(&v)
    );
    assert!(
        messages(&v).iter().any(|m| m.contains("locked")),
        "{:?}",
        messages(&v)
    );
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    // A directory named on the command line that cannot be read is an
    // error, never a clean check of no files.
    let r = run(d, &["check", "etc/nginx/locked"]);
    assert_eq!(r.code, 2, "{}", r.all());
    mode("etc/nginx/locked", 0o755);
    mode("etc/nginx/conf.d/closed.conf", 0o644);
}

#[test]
fn names_that_are_not_utf8_or_hold_newlines_are_read() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
        ),
        POOL,
    ]);
    let d = dir.path();
    let conf = d.join("etc/nginx/conf.d");
    write(
        &conf,
        Path::new(OsStr::from_bytes(b"caf\xe9.conf")),
        SHOP.as_bytes(),
    );
    write(
        &conf,
        "new\nline.conf",
        b"server {\n    listen 81;\n    location ~ \\.php$ { fastcgi_pass unix:/run/php/other-gone.sock; }\n}\n",
    );
    let p = lib_check(d, Some(d));
    let included = p
        .files
        .iter()
        .filter(|f| matches!(f.reach, Reach::Included { .. }))
        .count();
    assert_eq!(included, 2, "{:?}", p.files);
    for format in ["json", "human"] {
        let r = run(d, &["check", "--format", format, "."]);
        assert_eq!(r.code, 1, "{}", r.all());
        if format == "json" {
            assert_eq!(count(&r.json(), MISSING), 2);
        }
    }
}

#[test]
fn a_tree_two_hundred_directories_deep_is_read() {
    let deep: String = "d/".repeat(200);
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            &format!("events {{}}\nhttp {{\n    include deep/{deep}*.conf;\n}}\n"),
        ),
        (&format!("etc/nginx/deep/{deep}shop.conf"), SHOP),
        POOL,
    ]);
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    assert_eq!(v["files"].as_array().unwrap().len(), 3);
}

#[test]
fn a_hundred_thousand_files_in_one_directory_are_read() {
    let dir = tree(&[
        (
            "etc/nginx/nginx.conf",
            "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
        ),
        ("etc/nginx/conf.d/shop.conf", SHOP),
        POOL,
    ]);
    let conf = dir.path().join("etc/nginx/conf.d");
    for i in 0..100_000 {
        std::fs::File::create(conf.join(format!("e{i}.conf"))).unwrap();
    }
    let r = run(dir.path(), &["check", "--format", "json", "."]);
    let v = r.json();
    assert_eq!(count(&v, MISSING), 1, "{:?}", codes(&v));
    assert_eq!(v["files"].as_array().unwrap().len(), 100_003);
}

// ------------------------------------------ nothing touched, nothing run

/// Every entry below `dir` with its type, bytes (or link target) and
/// modification time, links not followed, FIFOs not opened.
fn state(dir: &Path) -> BTreeMap<PathBuf, (String, Vec<u8>, i64, i64)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false) {
        let e = e.unwrap();
        let m = std::fs::symlink_metadata(e.path()).unwrap();
        let ft = m.file_type();
        let content = if ft.is_file() {
            std::fs::read(e.path()).unwrap()
        } else if ft.is_symlink() {
            std::fs::read_link(e.path())
                .unwrap()
                .into_os_string()
                .into_vec()
        } else {
            Vec::new()
        };
        out.insert(
            e.path().to_path_buf(),
            (format!("{ft:?}"), content, m.mtime(), m.mtime_nsec()),
        );
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).follow_links(false) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        let ft = e.file_type();
        if ft.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if ft.is_symlink() {
            symlink(std::fs::read_link(e.path()).unwrap(), &dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

use std::os::unix::ffi::OsStringExt;

#[test]
fn a_check_changes_nothing_in_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_tree(&common::repo_root().join("examples/broken-stack"), d);
    // And what a hostile tree adds.
    mkfifo(&d.join("etc/nginx/conf.d/pipe.conf"));
    link(d, "etc/nginx/conf.d/loop.conf", "loop.conf");
    link(d, "etc/nginx/conf.d/dangling.conf", "/etc/nginx/gone");
    write(d, "etc/nginx/conf.d/self.conf", b"include conf.d/*.conf;\n");
    let before = state(d);
    assert!(before.len() > 10);
    for args in [
        &["check", "--format", "json", "."][..],
        &["check", "."],
        &["check", "--root", ".", "etc"],
    ] {
        let r = run(d, args);
        assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.all());
    }
    lib_check(d, Some(d));
    lib_check(d, None);
    assert_eq!(state(d), before, "the tree changed");
}

#[test]
fn programs_named_in_configs_are_never_run_and_nothing_is_connected_to() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = tcp.local_addr().unwrap().port();
    let udp = std::net::UdpSocket::bind(("127.0.0.1", port)).ok();
    let sock = d.join("app.sock");
    let unix = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let ran = d.join("ran");
    let (ran, sock) = (ran.display(), sock.display());
    let nginx = format!(
        "events {{}}\nhttp {{\n    resolver 127.0.0.1:{port};\n    upstream app {{ server 127.0.0.1:{port}; server localhost:{port}; }}\n    server {{\n        listen 80;\n        location / {{ proxy_pass http://127.0.0.1:{port}; }}\n        location /a {{ proxy_pass http://app; }}\n        location /h {{ proxy_pass http://localhost:{port}; }}\n        location ~ \\.php$ {{ fastcgi_pass unix:{sock}; }}\n        location /g {{ grpc_pass grpc://127.0.0.1:{port}; }}\n        access_log syslog:server=127.0.0.1:{port};\n    }}\n}}\n"
    );
    let apache = format!(
        "ServerRoot \"/etc/apache2\"\nListen 8080\nErrorLog \"|/usr/bin/touch {ran}-errorlog\"\nCustomLog \"|/usr/bin/touch {ran}-customlog\" combined\nRewriteMap m \"prg:/usr/bin/touch {ran}-rewritemap\"\n<VirtualHost *:8080>\n    ProxyPass / http://127.0.0.1:{port}/\n    <FilesMatch \\.php$>\n        SetHandler \"proxy:unix:{sock}|fcgi://localhost\"\n    </FilesMatch>\n</VirtualHost>\n"
    );
    let fpm = format!(
        "[global]\nerror_log = syslog\n[www]\nlisten = 127.0.0.1:{port}\npm = static\npm.max_children = 1\nphp_admin_value[sendmail_path] = /usr/bin/touch {ran}-sendmail\n"
    );
    common::write_tree(
        d,
        &[
            ("etc/nginx/nginx.conf", nginx.as_str()),
            ("etc/apache2/apache2.conf", apache.as_str()),
            ("etc/php/8.2/fpm/php-fpm.conf", fpm.as_str()),
        ],
    );
    for format in ["json", "human"] {
        run(d, &["check", "--format", format, "."]);
    }
    lib_check(d, Some(d));
    for what in ["errorlog", "customlog", "rewritemap", "sendmail"] {
        assert!(
            !d.join(format!("ran-{what}")).exists(),
            "hoplint ran the program of {what}"
        );
    }
    tcp.set_nonblocking(true).unwrap();
    assert_eq!(
        tcp.accept().unwrap_err().kind(),
        std::io::ErrorKind::WouldBlock,
        "hoplint connected over TCP"
    );
    unix.set_nonblocking(true).unwrap();
    assert_eq!(
        unix.accept().unwrap_err().kind(),
        std::io::ErrorKind::WouldBlock,
        "hoplint connected to the unix socket"
    );
    if let Some(udp) = udp {
        udp.set_nonblocking(true).unwrap();
        let mut buf = [0u8; 512];
        assert_eq!(
            udp.recv(&mut buf).unwrap_err().kind(),
            std::io::ErrorKind::WouldBlock,
            "hoplint sent a datagram"
        );
    }
}

// ------------------------------------------------- nothing escapes a root

const MARKER: &str = "SECRET-c0ffee-d15c10sed";

/// `base/r` is the root; `base/secret/` lies outside it and holds the
/// marker in every form a read could show: a config line, an envvars
/// export, a dpkg stanza. The tree points at it in every way: absolute
/// and relative links (to files and to directories), `..` in includes,
/// a ServerRoot far above the root, envvars and dpkg's status as links,
/// `/proc/self/environ` (the marker is in hoplint's environment).
fn escape_tree() -> tempfile::TempDir {
    let base = tempfile::tempdir().unwrap();
    let b = base.path();
    let secret_text = format!(
        "export LEAK={MARKER}\n{MARKER} {{\nPackage: nginx\nStatus: install ok installed\nVersion: 1.99.0-{MARKER}\n\n[{MARKER}]\nlisten = /run/{MARKER}.sock\n"
    );
    write(b, "secret/shadow", secret_text.as_bytes());
    write(b, "secret/dir/site.conf", secret_text.as_bytes());
    write(b, "secret/dir/nginx.service.wants/nginx.service", b"");
    std::fs::create_dir_all(b.join("sib")).unwrap();
    let up = "../".repeat(12);
    let abs_secret = b.join("secret/shadow");
    let abs_dir = b.join("secret/dir");
    common::write_tree(
        &b.join("r"),
        &[
            (
                "etc/nginx/nginx.conf",
                format!(
                    "events {{}}\nhttp {{\n    include conf.d/*.conf;\n    include sites-enabled/*;\n    include snippets/*.conf;\n    include {up}secret/shadow;\n    include /{up}secret/shadow;\n    include {}/*.conf;\n}}\n",
                    abs_dir.display()
                ),
            ),
            ("etc/nginx/conf.d/shop.conf", SHOP.to_string()),
            (
                "etc/apache2/apache2.conf",
                format!(
                    "ServerRoot \"{up}\"\nListen 80\nInclude secret/shadow\nIncludeOptional secret/dir/*.conf\nInclude ${{LEAK}}\nInclude {}\n",
                    abs_secret.display()
                ),
            ),
            (
                "etc/php/8.2/fpm/php-fpm.conf",
                format!(
                    "[global]\ninclude={up}secret/dir/*.conf\ninclude={}\n",
                    abs_secret.display()
                ),
            ),
        ],
    );
    let r = b.join("r");
    link(&r, "etc/nginx/conf.d/abs.conf", &abs_secret);
    link(
        &r,
        "etc/nginx/conf.d/rel.conf",
        format!("{up}secret/shadow"),
    );
    link(&r, "etc/nginx/conf.d/environ.conf", "/proc/self/environ");
    link(
        &r,
        "etc/nginx/conf.d/environ-rel.conf",
        format!("{up}proc/self/environ"),
    );
    link(&r, "etc/nginx/sites-enabled", &abs_dir);
    link(&r, "etc/nginx/snippets", format!("{up}secret/dir"));
    link(&r, "etc/apache2/envvars", format!("{up}secret/shadow"));
    link(&r, "var/lib/dpkg/status", &abs_secret);
    link(&r, "etc/systemd/system", &abs_dir);
    link(b, "rlink", "r");
    base
}

#[test]
fn nothing_outside_the_root_is_read_however_it_is_spelt() {
    let base = escape_tree();
    let b = base.path();
    let sib = b.join("sib");
    let etc = b.join("r/etc");
    let env = [("HOPLINT_TEST_SECRET", MARKER)];
    let runs: &[(&Path, &[&str])] = &[
        // The root detected from a path that climbs out of a sibling.
        (&sib, &["check", "../r"]),
        (&sib, &["check", "--root", "../r", "../r"]),
        (&sib, &["check", "--root", "../rlink", "../rlink"]),
        (&sib, &["check", "--root", "../rlink", "../rlink/etc"]),
        (
            &sib,
            &["check", "--root", "../r/../r", "../r/etc/nginx/nginx.conf"],
        ),
        (
            &sib,
            &[
                "check",
                "--root",
                "../rlink",
                "../rlink/etc/apache2/apache2.conf",
            ],
        ),
        (
            &sib,
            &[
                "check",
                "--root",
                "../r",
                "../r/etc/php/8.2/fpm/php-fpm.conf",
            ],
        ),
        (b, &["check", "--root", "rlink", "rlink"]),
        (b, &["check", "rlink"]),
        (&etc, &["check", "--root", "..", "."]),
        (&etc, &["check", "--root", "..", "nginx"]),
    ];
    for (cwd, args) in runs {
        for format in ["json", "human"] {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            let r = run_env(cwd, &a, &env);
            assert!(r.code == 0 || r.code == 1, "{a:?}: {}", r.all());
            assert!(
                !r.all().contains(MARKER),
                "{a:?} read outside the root:\n{}",
                r.all()
            );
        }
    }
    // Through the library: no file read holds the marker.
    for root in [b.join("rlink"), b.join("sib/../r"), b.join("r")] {
        for input in [root.clone(), root.join("etc"), b.join("rlink/etc/nginx")] {
            let p = hoplint::check(
                std::slice::from_ref(&input),
                &Options {
                    root: Some(root.clone()),
                    display_base: None,
                    kind: None,
                },
            );
            let all = format!("{p:?}");
            assert!(
                !all.contains(MARKER),
                "{input:?} under {root:?} read outside the root"
            );
            assert!(!p.files.is_empty());
        }
    }
}

#[test]
fn side_files_are_read_inside_the_root_only() {
    let base = escape_tree();
    let b = base.path();
    let r = b.join("r");
    link(&r, "etc/passwd", b.join("secret/shadow"));
    link(&r, "etc/group", "../../secret/shadow");
    link(&r, "etc/hosts", "/etc/hosts");
    link(
        &r,
        "etc/resolv.conf",
        "../../../../../../../../etc/resolv.conf",
    );
    link(&r, "etc/shadow", "/etc/shadow");
    mkfifo(&r.join("etc/fifo"));
    link(&r, "etc/zero", "../../../../../../../../dev/zero");
    write(&r, "etc/nginx/legit", b"inside\n");
    link(&r, "etc/legit-abs", "/etc/nginx/legit");
    link(&r, "etc/legit-rel", "nginx/legit");
    for root in [r.clone(), b.join("rlink"), b.join("sib/../rlink")] {
        let fs = Fs::new(Some(root.clone()));
        for side in [
            "/etc/passwd",
            "/etc/group",
            "/etc/hosts",
            "/etc/resolv.conf",
            "/etc/shadow",
            "/etc/apache2/envvars",
            "/var/lib/dpkg/status",
            "/etc/fifo",
            "/etc/zero",
            "/../../secret/shadow",
            "/proc/self/environ",
        ] {
            let got = fs.read_side_file(Path::new(side), 1 << 20);
            assert_eq!(got, None, "{side} under {root:?}");
        }
        for legit in ["/etc/nginx/legit", "/etc/legit-abs", "/etc/legit-rel"] {
            assert_eq!(
                fs.read_side_file(Path::new(legit), 1 << 20).as_deref(),
                Some("inside\n"),
                "{legit}"
            );
        }
        assert_eq!(
            fs.read_side_file(Path::new("/etc/nginx/legit"), 3),
            None,
            "too large"
        );
        assert!(fs
            .list_side_dir(Path::new("/etc/systemd/system"))
            .is_empty());
        assert!(fs.list_side_dir(Path::new("/../secret/dir")).is_empty());
        assert_eq!(fs.list_side_dir(Path::new("/etc/nginx/conf.d")).len(), 5);
        // Every way of spelling a path resolves inside the root.
        let canon = std::fs::canonicalize(&r).unwrap();
        for p in [
            root.join("etc/nginx/conf.d/rel.conf"),
            root.join("etc/nginx/conf.d/abs.conf"),
            root.join("etc/nginx/../../../../../../secret/shadow"),
            root.join("etc/apache2/envvars"),
            root.join("etc/legit-abs"),
        ] {
            if let Ok(real) = fs.resolve(&p) {
                assert!(real.starts_with(&canon), "{p:?} resolved to {real:?}");
            }
        }
    }
}

#[test]
fn a_file_of_errors_gives_a_bounded_report_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 300,000 `{` on one line used to give 599,999 findings, each column
    // counted again from the line's start.
    write(d, "nginx/nginx.conf", "{".repeat(300_000).as_bytes());
    write(
        d,
        "apache2/apache2.conf",
        "</VirtualHost>\n".repeat(50_000).as_bytes(),
    );
    write(d, "php/php-fpm.conf", "[www\n".repeat(50_000).as_bytes());
    let cap = hoplint::load::MAX_SYNTAX_FINDINGS_PER_FILE;
    let json = run(d, &["check", "--format", "json", "."]).json();
    for (code, file) in [
        ("nginx-syntax", "nginx.conf"),
        ("apache-syntax", "apache2.conf"),
        ("php-fpm-syntax", "php-fpm.conf"),
    ] {
        let n = count(&json, code);
        assert!(
            (2..=cap + 1).contains(&n),
            "{code}: {n} findings for {file}\n{json}"
        );
    }
    let more = messages(&json)
        .into_iter()
        .filter(|m| m.contains("more syntax errors in this file are not shown"))
        .count();
    assert!(more >= 1, "no `more syntax errors` finding:\n{json}");
    let human = run(d, &["check", "."]);
    assert_eq!(human.code, 1, "{}", human.all());
    assert!(human
        .all()
        .contains("more syntax errors in this file are not shown"));
}

#[test]
fn deep_nesting_and_random_bytes_end_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 20,000 nested `location / {` took 27 s (two walks up the parent
    // chain for every context); 100,000 hung. Blocks deeper than
    // `parse::nginx::MAX_DEPTH` are not read (one syntax error), so the
    // `proxy_pass` at the bottom is not seen.
    let n = 100_000;
    let deep = format!(
        "events {{}}\nhttp {{ server {{ listen 80;\n{}proxy_pass http://127.0.0.1:9;\n{}}}}}\n",
        "location / {\n".repeat(n),
        "}\n".repeat(n)
    );
    write(d, "deep/nginx.conf", deep.as_bytes());
    let run1 = run(d, &["check", "--format", "json", "deep/nginx.conf"]);
    let json = run1.json();
    assert_eq!(codes(&json), ["nginx-syntax"], "{}", run1.all());
    // Bytes from a fixed xorshift, not from the clock: the same input on
    // every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..5_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    for kind in ["nginx", "apache", "php-fpm"] {
        let name = format!("noise-{kind}.conf");
        write(d, &name, &noise);
        let r = run(d, &["check", "--format", "json", "--kind", kind, &name]);
        assert_eq!(r.code, 1, "{kind}: {}", r.all());
        let n = count(&r.json(), &format!("{kind}-syntax"));
        assert!(
            (1..=hoplint::load::MAX_SYNTAX_FINDINGS_PER_FILE + 1).contains(&n),
            "{kind}: {n} syntax findings"
        );
    }
}
