//! `hoplint lsp` in a real editor: Neovim's built-in client, headless,
//! runs `tests/lsp/neovim.lua` against a small stack (an edit of a pool's
//! `listen` updates the diagnostics Neovim holds for the nginx site; a
//! definition jump from the site lands on the pool). Skipped when `nvim`
//! is not installed, except under `CI=true`, where that is a failure
//! (`.ci/install-tools` installs it).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn nvim() -> Option<String> {
    let ok = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| "nvim".to_string())
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, body) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
}

#[test]
fn neovim_sees_the_site_change_when_the_pool_changes() {
    let Some(nvim) = nvim() else {
        assert!(!in_ci(), "nvim is not installed (run .ci/install-tools)");
        eprintln!("SKIPPED: nvim is not installed (run .ci/install-tools)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "etc/nginx/nginx.conf",
                "user www-data;\nevents {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n",
            ),
            (
                "etc/nginx/sites-enabled/shop",
                "server {\n    listen 80;\n    server_name shop.example.test;\n    root /srv/shop;\n    location ~ \\.php$ {\n        fastcgi_pass unix:/run/php/php8.2-fpm.sock;\n    }\n}\n",
            ),
            (
                "etc/php/8.2/fpm/php-fpm.conf",
                "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
            ),
            (
                "etc/php/8.2/fpm/pool.d/www.conf",
                "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\nlisten.owner = www-data\nlisten.group = www-data\npm = static\npm.max_children = 5\n",
            ),
        ],
    );
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/neovim.lua");
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("lua dofile('{}')", script.display()))
        .env("HOPLINT_BIN", env!("CARGO_BIN_EXE_hoplint"))
        .env("HOPLINT_STACK", &root)
        // No user or system state: a shada, swap or log of its own.
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .env("XDG_CACHE_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let end = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        status.success() && stdout.contains("all checks passed"),
        "nvim exited with {status:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
}
