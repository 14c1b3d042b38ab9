//! The layout fixtures (`tests/fixtures/layouts/`) are trees the real
//! servers accept: each is laid over this machine's `/etc` and
//! `/usr/local` in a private mount namespace (`unshare --mount`), where
//! Debian's `nginx -t`, `php-fpm8.2 -t` and `apache2 -t` read it at its own
//! absolute paths. hoplint checks the same trees clean in
//! `tests/rules/layouts.rs`.
//!
//! What Debian's binaries differ in is bridged as each layout's package
//! would: the accounts the packages create are added to a copy of
//! `/etc/passwd` and `/etc/group`; the links Fedora's httpd package ships
//! (`/etc/httpd/modules`, `/etc/httpd/logs`, and httpd24's below
//! `/opt/rh/httpd24/root`) and the module directories of
//! the httpd image and FreeBSD's port point at Debian's modules; php-fpm
//! runs with the prefix of the layout's build (`-p /usr/local` for the
//! official image); a `LoadModule` of a module Debian does not build
//! (Fedora's `mod_systemd`) is left out, and said so.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

const NGINX: &str = "/usr/sbin/nginx";
const PHP_FPM: &str = "/usr/sbin/php-fpm8.2";
const APACHE: &str = "/usr/sbin/apache2";
const DEBIAN_MODULES: &str = "/usr/lib/apache2/modules";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts")
        .join(name)
}

/// Why this machine cannot run these checks, if it cannot; under `CI=true`
/// that is a failure, as for the other end-to-end tests.
fn cannot_run() -> Option<String> {
    let uid = fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m));
    let why = if let Some(b) = [NGINX, PHP_FPM, APACHE]
        .iter()
        .find(|b| !Path::new(b).exists())
    {
        format!("{b} is not installed (run .ci/install-servers)")
    } else if uid.ok() != Some(0) {
        "the layout checks must run as root".into()
    } else {
        match Command::new("unshare")
            .args(["--mount", "--propagation", "private", "true"])
            .status()
        {
            Ok(s) if s.success() => return None,
            _ => "unshare --mount is not permitted here".into(),
        }
    };
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("layouts: {why}; CI must check the fixtures against real servers");
    }
    println!("SKIPPED: layouts: {why}");
    Some(why)
}

fn copy_tree(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", from.display()))
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success(), "cp {} {}", from.display(), to.display());
}

/// Adds the lines of `extra` (an `etc/passwd` or `etc/group` of a
/// fixture) whose name `base` lacks.
fn merge_accounts(base: &Path, extra: &Path) {
    let Ok(add) = fs::read_to_string(extra) else {
        return;
    };
    let mut text = fs::read_to_string(base).unwrap();
    let name = |l: &str| l.split(':').next().unwrap_or("").to_string();
    let have: Vec<String> = text.lines().map(name).collect();
    for l in add
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(':'))
    {
        if !have.contains(&name(l)) {
            // FreeBSD writes `*` where Linux writes `x`.
            let mut fields: Vec<&str> = l.split(':').collect();
            if fields.get(1) == Some(&"*") {
                fields[1] = "x";
            }
            text.push_str(&fields.join(":"));
            text.push('\n');
        }
    }
    fs::write(base, text).unwrap();
}

/// The machine a fixture describes, ready to be mounted: `etc` (this
/// machine's, with the fixture's over it) and `usr-local` (the fixture's).
/// Returns what had to be left out for Debian's binaries.
fn machine(name: &str, dir: &Path) -> Vec<String> {
    // `fedora+remi-php82`: a fixture with another laid over it.
    let mut names = name.split('+');
    let src = fixture(names.next().unwrap());
    let extra: Vec<PathBuf> = names.map(fixture).collect();
    let etc = dir.join("etc");
    fs::create_dir(&etc).unwrap();
    copy_tree(Path::new("/etc"), &etc);
    if src.join("etc/nginx").is_dir() {
        fs::remove_dir_all(etc.join("nginx")).unwrap();
    }
    for f in ["passwd", "group"] {
        merge_accounts(&etc.join(f), &src.join("etc").join(f));
    }
    for entry in fs::read_dir(src.join("etc"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let n = entry.file_name();
        if n == "passwd" || n == "group" {
            continue;
        }
        let to = etc.join(&n);
        if entry.path().is_dir() {
            fs::create_dir_all(&to).unwrap();
            copy_tree(&entry.path(), &to);
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    for more in &extra {
        copy_tree(&more.join("etc"), &etc);
    }
    // Software Collections' httpd24 lives below `/opt/rh`.
    if src.join("opt").is_dir() {
        fs::create_dir(dir.join("opt")).unwrap();
        copy_tree(&src.join("opt"), &dir.join("opt"));
    }
    let local = dir.join("usr-local");
    fs::create_dir(&local).unwrap();
    if src.join("usr/local").is_dir() {
        copy_tree(&src.join("usr/local"), &local);
    }
    // The links the packages ship beside their configs.
    let mut loading: Vec<PathBuf> = Vec::new();
    if etc.join("httpd").is_dir() {
        symlink(DEBIAN_MODULES, etc.join("httpd/modules")).unwrap();
        symlink("/var/log/httpd", etc.join("httpd/logs")).unwrap();
        let d = etc.join("httpd/conf.modules.d");
        loading.extend(fs::read_dir(d).unwrap().flatten().map(|f| f.path()));
    }
    let httpd24 = dir.join("opt/rh/httpd24/root/etc/httpd");
    if httpd24.is_dir() {
        symlink(DEBIAN_MODULES, httpd24.join("modules")).unwrap();
        symlink("/var/log/httpd24", httpd24.join("logs")).unwrap();
        let d = httpd24.join("conf.modules.d");
        loading.extend(fs::read_dir(d).unwrap().flatten().map(|f| f.path()));
    }
    if local.join("apache2").is_dir() {
        symlink(DEBIAN_MODULES, local.join("apache2/modules")).unwrap();
        loading.push(local.join("apache2/conf/httpd.conf"));
    }
    if local.join("etc/apache24").is_dir() {
        fs::create_dir_all(local.join("libexec")).unwrap();
        symlink(DEBIAN_MODULES, local.join("libexec/apache24")).unwrap();
        loading.push(local.join("etc/apache24/httpd.conf"));
    }
    // Debian builds some modules in (`log_config`, `unixd`, `version`…),
    // which its httpd then refuses to load, and lacks others (`systemd`).
    let mut left_out = Vec::new();
    {
        for f in loading {
            let text = fs::read_to_string(&f).unwrap();
            let mut kept = String::new();
            for l in text.lines() {
                let so = l
                    .strip_prefix("LoadModule ")
                    .and_then(|r| r.split_whitespace().nth(1))
                    .and_then(|p| Path::new(p).file_name());
                match so {
                    Some(so) if !Path::new(DEBIAN_MODULES).join(so).exists() => {
                        left_out.push(l.to_string());
                        kept.push_str(&format!("#{l}\n"));
                    }
                    _ => {
                        kept.push_str(l);
                        kept.push('\n');
                    }
                }
            }
            fs::write(&f, kept).unwrap();
        }
    }
    left_out
}

/// Runs `cmd` with the machine in `dir` mounted over `/etc` and
/// `/usr/local`, and a fresh `/var/log`: (it succeeded, its output).
fn run(dir: &Path, cmd: &[&str]) -> (bool, String) {
    let script = format!(
        "set -e\nmount --bind {d}/etc /etc\nmount -t tmpfs tmpfs /usr/local\ncp -a {d}/usr-local/. /usr/local/\nmount -t tmpfs tmpfs /var/log\nmkdir -p /var/log/nginx /var/log/php-fpm /var/log/httpd /var/log/php82\nmount -t tmpfs tmpfs /var/opt\nmkdir -p /var/opt/remi/php82/log/php-fpm /var/opt/remi/php82/run/php-fpm /var/opt/rh/rh-php73/log/php-fpm /var/opt/rh/rh-php73/run/php-fpm /var/opt/rh/rh-nginx116/log/nginx /var/opt/rh/rh-nginx116/run/nginx /var/log/httpd24\nif [ -d {d}/opt ]; then mount -t tmpfs tmpfs /opt; cp -a {d}/opt/. /opt/; fi\nexec \"$@\"",
        d = dir.display()
    );
    let out = Command::new("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            &script,
            "sh",
        ])
        .args(cmd)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn every_layout_fixture_passes_the_real_servers_checks() {
    if cannot_run().is_some() {
        return;
    }
    let checks: &[(&str, &[&str])] = &[
        ("fedora", &[NGINX, "-t"]),
        ("fedora", &[PHP_FPM, "-t", "-y", "/etc/php-fpm.conf"]),
        (
            "fedora",
            &[APACHE, "-t", "-f", "/etc/httpd/conf/httpd.conf"],
        ),
        (
            "fedora+remi-php82",
            &[PHP_FPM, "-t", "-y", "/etc/opt/remi/php82/php-fpm.conf"],
        ),
        (
            "fedora+remi-php82",
            &[APACHE, "-t", "-f", "/etc/httpd/conf/httpd.conf"],
        ),
        ("alpine", &[NGINX, "-t"]),
        ("alpine", &[PHP_FPM, "-t", "-y", "/etc/php82/php-fpm.conf"]),
        (
            "php-official-image",
            &[
                PHP_FPM,
                "-t",
                "-p",
                "/usr/local",
                "-y",
                "/usr/local/etc/php-fpm.conf",
            ],
        ),
        ("nginx-official-image", &[NGINX, "-t"]),
        (
            "httpd-official-image",
            &[APACHE, "-t", "-f", "/usr/local/apache2/conf/httpd.conf"],
        ),
        (
            "freebsd",
            &[NGINX, "-t", "-c", "/usr/local/etc/nginx/nginx.conf"],
        ),
        (
            "freebsd",
            &[PHP_FPM, "-t", "-y", "/usr/local/etc/php-fpm.conf"],
        ),
        (
            "freebsd",
            &[APACHE, "-t", "-f", "/usr/local/etc/apache24/httpd.conf"],
        ),
        (
            "scl",
            &[
                NGINX,
                "-t",
                "-c",
                "/etc/opt/rh/rh-nginx116/nginx/nginx.conf",
            ],
        ),
        (
            "scl",
            &[PHP_FPM, "-t", "-y", "/etc/opt/rh/rh-php73/php-fpm.conf"],
        ),
        (
            "scl",
            &[
                APACHE,
                "-t",
                "-f",
                "/opt/rh/httpd24/root/etc/httpd/conf/httpd.conf",
            ],
        ),
    ];
    let mut refused = Vec::new();
    for (name, cmd) in checks {
        let dir = tempfile::tempdir().unwrap();
        let left_out = machine(name, dir.path());
        let (ok, said) = run(dir.path(), cmd);
        println!(
            "{name}: {} -> ok={ok}; left out for Debian's build: {left_out:?}\n{said}",
            cmd.join(" ")
        );
        if !ok {
            refused.push(format!("{name}: {}\n{said}", cmd.join(" ")));
        }
    }
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}

/// The check above can fail: the same namespace refuses a fixture with a
/// fault each server reports.
#[test]
fn a_broken_fixture_is_refused_in_the_namespace() {
    if cannot_run().is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    machine("alpine", dir.path());
    fs::write(
        dir.path().join("etc/nginx/conf.d/site.conf"),
        "server {\n\tlisten 8080;\n}\n",
    )
    .unwrap();
    let (ok, said) = run(dir.path(), &[NGINX, "-t"]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("\"server\" directive is not allowed here in /etc/nginx/conf.d/site.conf:1"),
        "{said}"
    );
}
