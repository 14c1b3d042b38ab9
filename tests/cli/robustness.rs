//! Bad input gets a clear error, never a panic or a hang. Run through the
//! binary, as users meet it. The time limit only catches hangs; speed is
//! measured in `benches/`, not here.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HANG: Duration = Duration::from_secs(120);

/// Runs `hoplint check --format json FILE`, returning the exit status and the JSON.
fn check(dir: &Path, file: &str) -> (i32, serde_json::Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hoplint"))
        .args(["check", "--format", "json", file])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > HANG {
            child.kill().unwrap();
            panic!("hoplint hung on {file}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = reader.join().unwrap();
    let code = status
        .code()
        .unwrap_or_else(|| panic!("hoplint was killed by a signal on {file}: {status:?}"));
    assert!(code == 0 || code == 1, "exit {code} on {file}");
    (
        code,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON on {file}: {e}\n{text}")),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::File::create(p).unwrap().write_all(bytes).unwrap();
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn empty_files_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["nginx.conf", "php-fpm.conf", "apache2.conf"] {
        write(dir.path(), name, b"");
        let (code, v) = check(dir.path(), name);
        assert_eq!(code, 0, "{name}: {v}");
    }
}

#[test]
fn binary_and_non_utf8_bytes_are_read_lossily_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut junk: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    junk.extend_from_slice(b"\n\xff\xfe{{{ \"unterminated");
    for name in ["nginx.conf", "php-fpm.conf", "apache2.conf"] {
        write(dir.path(), name, &junk);
        let (_, v) = check(dir.path(), name);
        assert!(
            codes(&v).contains(&"not-utf8".to_string()),
            "{name}: {:?}",
            codes(&v)
        );
    }
}

#[test]
fn unterminated_quotes_and_unbalanced_braces_are_syntax_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &str)] = &[
        (
            "nginx.conf",
            "events {}\nhttp {\n    add_header X \"oops;\n}\n",
            "nginx-syntax",
        ),
        (
            "nginx.conf",
            "events {}\nhttp {\n    server {\n}\n",
            "nginx-syntax",
        ),
        ("nginx.conf", "events {}\n}\n}\n", "nginx-syntax"),
        (
            "apache2.conf",
            "<VirtualHost *:80>\n<Directory /x>\n</VirtualHost>\n",
            "apache-syntax",
        ),
        (
            "php-fpm.conf",
            "[global\nerror_log = \"/var/log/x\n",
            "php-fpm-syntax",
        ),
    ];
    for (name, text, code) in cases {
        write(dir.path(), name, text.as_bytes());
        let (status, v) = check(dir.path(), name);
        assert_eq!(status, 1, "{text}");
        assert!(
            codes(&v).contains(&code.to_string()),
            "{text}: {:?}",
            codes(&v)
        );
    }
}

#[test]
fn ten_megabyte_files_parse() {
    let dir = tempfile::tempdir().unwrap();
    let mut nginx = String::from("events {}\nhttp {\n");
    let mut i = 0;
    while nginx.len() < 10 * 1024 * 1024 {
        nginx.push_str(&format!(
            "    server {{\n        listen 80;\n        server_name s{i}.example.com;\n        location ~ \\.php$ {{\n            fastcgi_pass unix:/run/php/s{i}.sock;\n            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n        }}\n    }}\n"
        ));
        i += 1;
    }
    nginx.push_str("}\n");
    write(dir.path(), "nginx.conf", nginx.as_bytes());
    let (code, v) = check(dir.path(), "nginx.conf");
    assert_eq!(code, 0, "{:?}", codes(&v));

    let mut apache = String::new();
    let mut fpm = String::from("[global]\n");
    while apache.len() < 10 * 1024 * 1024 {
        apache.push_str(&format!("<VirtualHost *:80>\n    ServerName s{i}.example.com\n    ProxyPass / \"http://127.0.0.1:8000/\"\n</VirtualHost>\n"));
        fpm.push_str(&format!(
            "[pool{i}]\nuser = www-data\nlisten = /run/php/p{i}.sock\npm = static\npm.max_children = 2\n"
        ));
        i += 1;
    }
    write(dir.path(), "apache2.conf", apache.as_bytes());
    write(dir.path(), "php-fpm.conf", fpm.as_bytes());
    assert_eq!(check(dir.path(), "apache2.conf").0, 0);
    assert_eq!(check(dir.path(), "php-fpm.conf").0, 0);
}

#[test]
fn ten_thousand_nested_blocks_parse() {
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    let nginx = format!("{}{}", "a {\n".repeat(n), "}\n".repeat(n));
    write(dir.path(), "nginx.conf", nginx.as_bytes());
    // Nesting is bounded (`parse::nginx::MAX_DEPTH`): one syntax finding,
    // a warning (nginx itself reads any depth).
    let (code, v) = check(dir.path(), "nginx.conf");
    assert_eq!(code, 0);
    assert_eq!(codes(&v), ["nginx-syntax"]);
    assert_eq!(v["diagnostics"][0]["severity"], "warning");

    let apache = format!(
        "{}{}",
        "<IfModule x>\n".repeat(n),
        "</IfModule>\n".repeat(n)
    );
    write(dir.path(), "apache2.conf", apache.as_bytes());
    let (code, v) = check(dir.path(), "apache2.conf");
    assert_eq!(code, 0);
    assert_eq!(codes(&v), ["apache-syntax"]);
    assert_eq!(v["diagnostics"][0]["severity"], "warning");

    // Unclosed: an error nginx gives too, reported (up to the per-file
    // cap), nothing crashes.
    let nginx = "a {\n".repeat(n);
    write(dir.path(), "nginx.conf", nginx.as_bytes());
    let (code, _) = check(dir.path(), "nginx.conf");
    assert_eq!(code, 1);
}
