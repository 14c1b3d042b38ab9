//! nginx's `"…" directive is not allowed here`, shown on the real nginx:
//! each case is a whole configuration with at most one misplaced
//! directive; `nginx -t` (run in a private network namespace) and hoplint
//! read the same files, and hoplint must report exactly the directive,
//! file and line nginx refuses as "not allowed here", and nothing where
//! nginx accepts the config or refuses it for another reason (an
//! unknown directive).

use crate::common;

use hoplint::config::Config;
use hoplint::load::Options;
use hoplint::values::release::Release;
use std::path::{Path, PathBuf};
use std::process::Command;

const NGINX: &str = "/usr/sbin/nginx";
const STREAM_MODULE: &str = "/usr/lib/nginx/modules/ngx_stream_module.so";

/// One configuration: `files` relative to its directory, `nginx.conf` the
/// main one, `@` replaced by the directory (for absolute include paths).
struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    stream: bool,
}

/// The lines every main config needs to pass `nginx -t` in a temp dir.
fn preamble(dir: &Path, stream: bool) -> String {
    let d = dir.display();
    let module = if stream {
        format!("load_module {STREAM_MODULE};\n")
    } else {
        String::new()
    };
    format!("{module}pid {d}/nginx.pid;\nerror_log {d}/error.log;\n")
}

const HTTP_PATHS: &str = "client_body_temp_path @/body; proxy_temp_path @/proxy; fastcgi_temp_path @/fastcgi; uwsgi_temp_path @/uwsgi; scgi_temp_path @/scgi; access_log off;";

const CASES: &[Case] = &[
    Case {
        name: "proxy_pass at the main level",
        files: &[(
            "nginx.conf",
            "proxy_pass http://127.0.0.1:8080;\nevents {}\nhttp {\nHTTP\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "a server block where http is expected",
        files: &[(
            "nginx.conf",
            "events {}\nserver {\n    listen 127.0.0.1:18080;\n}\nhttp {\nHTTP\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "Alpine: a server block in conf.d, which nginx.conf includes at the main level",
        files: &[
            (
                "nginx.conf",
                "events {}\ninclude @/conf.d/*.conf;\nhttp {\nHTTP\ninclude @/http.d/*.conf;\n}\n",
            ),
            ("conf.d/site.conf", "server {\n    listen 127.0.0.1:18080;\n}\n"),
            ("http.d/default.conf", "server {\n    listen 127.0.0.1:18081;\n}\n"),
        ],
        stream: false,
    },
    Case {
        name: "Alpine: the same server block in http.d is accepted",
        files: &[
            (
                "nginx.conf",
                "events {}\ninclude @/conf.d/*.conf;\nhttp {\nHTTP\ninclude @/http.d/*.conf;\n}\n",
            ),
            ("http.d/site.conf", "server {\n    listen 127.0.0.1:18080;\n}\n"),
        ],
        stream: false,
    },
    Case {
        name: "location directly in http",
        files: &[(
            "nginx.conf",
            "events {}\nhttp {\nHTTP\n    location / {\n        return 200;\n    }\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "worker_connections at the main level",
        files: &[(
            "nginx.conf",
            "worker_connections 512;\nevents {}\nhttp {\nHTTP\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "set in http",
        files: &[(
            "nginx.conf",
            "events {}\nhttp {\nHTTP\n    set $a 1;\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "keepalive (upstream only) in a server",
        files: &[(
            "nginx.conf",
            "events {}\nhttp {\nHTTP\n    server {\n        listen 127.0.0.1:18080;\n        keepalive 8;\n    }\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "rewrite in limit_except",
        files: &[(
            "nginx.conf",
            "events {}\nhttp {\nHTTP\n    server {\n        listen 127.0.0.1:18080;\n        location / {\n            limit_except GET {\n                rewrite ^ /x;\n            }\n        }\n    }\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "proxy_pass in if in server",
        files: &[(
            "nginx.conf",
            "events {}\nhttp {\nHTTP\n    server {\n        listen 127.0.0.1:18080;\n        if ($host) {\n            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "server_name in a location, through a snippet included there",
        files: &[
            (
                "nginx.conf",
                "events {}\nhttp {\nHTTP\n    server {\n        listen 127.0.0.1:18080;\n        location / {\n            include snippets/names.conf;\n        }\n    }\n}\n",
            ),
            ("snippets/names.conf", "add_header X-A a;\nserver_name example.org;\n"),
        ],
        stream: false,
    },
    Case {
        name: "the same snippet included in a server is accepted",
        files: &[
            (
                "nginx.conf",
                "events {}\nhttp {\nHTTP\n    server {\n        listen 127.0.0.1:18080;\n        include snippets/names.conf;\n    }\n}\n",
            ),
            ("snippets/names.conf", "add_header X-A a;\nserver_name example.org;\n"),
        ],
        stream: false,
    },
    Case {
        name: "fastcgi_pass in if in location is accepted",
        files: &[(
            "nginx.conf",
            "events {}\nhttp {\nHTTP\n    server {\n        listen 127.0.0.1:18080;\n        location / {\n            if ($host) {\n                fastcgi_pass 127.0.0.1:9000;\n            }\n        }\n    }\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "http2 on (1.25.1 and later): unknown to 1.22, not misplaced",
        files: &[(
            "nginx.conf",
            "events {}\nhttp {\nHTTP\n    server {\n        listen 127.0.0.1:18080;\n        http2 on;\n    }\n}\n",
        )],
        stream: false,
    },
    Case {
        name: "an http-only directive in stream",
        files: &[(
            "nginx.conf",
            "events {}\nstream {\n    proxy_read_timeout 5s;\n    server {\n        listen 127.0.0.1:18090;\n        proxy_pass 127.0.0.1:8080;\n    }\n}\n",
        )],
        stream: true,
    },
    Case {
        name: "location in a stream server",
        files: &[(
            "nginx.conf",
            "events {}\nstream {\n    server {\n        listen 127.0.0.1:18090;\n        location / {\n        }\n    }\n}\n",
        )],
        stream: true,
    },
    Case {
        name: "server_name in a stream server (1.25.5 and later)",
        files: &[(
            "nginx.conf",
            "events {}\nstream {\n    server {\n        listen 127.0.0.1:18090;\n        server_name example.org;\n        proxy_pass 127.0.0.1:8080;\n    }\n}\n",
        )],
        stream: true,
    },
    Case {
        name: "proxy_pass in a stream server is accepted",
        files: &[(
            "nginx.conf",
            "events {}\nstream {\n    server {\n        listen 127.0.0.1:18090;\n        proxy_pass 127.0.0.1:8080;\n    }\n}\n",
        )],
        stream: true,
    },
];

fn write_case(dir: &Path, case: &Case) {
    let d = dir.display().to_string();
    for (name, body) in case.files {
        let mut text = body
            .replace("HTTP", &HTTP_PATHS.replace('@', &d))
            .replace('@', &d);
        if *name == "nginx.conf" {
            text = preamble(dir, case.stream) + &text;
        }
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// What `nginx -t` says: `Some((directive, file, line))` when it refuses a
/// directive as not allowed, and its whole output.
fn nginx_t(dir: &Path) -> (Option<(String, PathBuf, usize)>, String) {
    let conf = dir.join("nginx.conf");
    let mut cmd = if Command::new("unshare")
        .args(["--net", "true"])
        .status()
        .is_ok_and(|s| s.success())
    {
        let mut c = Command::new("unshare");
        c.args(["--net", NGINX]);
        c
    } else {
        Command::new(NGINX)
    };
    let out = cmd
        .arg("-t")
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(&conf)
        .arg("-e")
        .arg(dir.join("error.log"))
        .output()
        .expect("run nginx -t");
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let refused = text.lines().find_map(|l| {
        let rest = l.split("[emerg] \"").nth(1)?;
        let (name, rest) = rest.split_once("\" directive is not allowed here in ")?;
        let (file, line) = rest.rsplit_once(':')?;
        Some((
            name.to_string(),
            PathBuf::from(file),
            line.trim().parse().ok()?,
        ))
    });
    (refused, text)
}

/// hoplint's "not allowed here" findings: (directive, file, line).
fn hoplint(dir: &Path, release: Option<Release>) -> Vec<(String, PathBuf, usize)> {
    let config = Config {
        nginx_version: release,
        ..Config::default()
    };
    let project = hoplint::check_with(
        &[dir.to_path_buf()],
        &Options {
            root: None,
            display_base: Some(PathBuf::from("/")),
            kind: None,
        },
        &config,
    );
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "nginx-syntax" && d.message.contains("is not allowed"))
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            let f = project.file(l.file);
            let name = d.message.split('`').nth(1).unwrap().to_string();
            let path = Path::new("/").join(&f.path);
            (name, path, f.line_col(l.range.start).0)
        })
        .collect()
}

fn installed_release() -> Option<Release> {
    let out = Command::new(NGINX).arg("-v").output().ok()?;
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    Release::parse(text.trim().rsplit('/').next()?)
}

#[test]
fn misplaced_directives_are_the_ones_nginx_refuses() {
    if !Path::new(NGINX).exists() {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "nginx is missing; CI must run this test"
        );
        println!("SKIPPED: {NGINX} is not installed");
        return;
    }
    let release = installed_release().expect("nginx -v names its release");
    let has_stream = Path::new(STREAM_MODULE).exists();
    let mut refused_count = 0;
    for case in CASES {
        if case.stream && !has_stream {
            println!(
                "SKIPPED case `{}`: {STREAM_MODULE} is missing (libnginx-mod-stream)",
                case.name
            );
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().canonicalize().unwrap();
        write_case(&dir, case);
        let (refused, said) = nginx_t(&dir);
        let ours = hoplint(&dir, Some(release));
        eprintln!("{}: nginx {refused:?}; hoplint {ours:?}", case.name);
        match &refused {
            Some(r) => {
                refused_count += 1;
                assert_eq!(ours, vec![r.clone()], "{}: nginx says\n{said}", case.name);
            }
            None => assert_eq!(ours, vec![], "{}: nginx says\n{said}", case.name),
        }
        // Without a known release, only what no release accepts is refused.
        let lenient = hoplint(&dir, None);
        if case.name.contains("1.25.5") {
            assert_eq!(lenient, vec![], "{}", case.name);
            assert_eq!(
                hoplint(&dir, Some(Release(1, 26, 3))),
                vec![],
                "{}",
                case.name
            );
        } else {
            assert_eq!(lenient, ours, "{}", case.name);
        }
    }
    assert!(refused_count >= 8, "only {refused_count} cases refused");
}

/// A snippet read alone (no scanned config includes it) keeps a guessed
/// context, and nothing in it is refused as misplaced.
#[test]
fn a_snippet_checked_alone_is_judged_leniently() {
    let tmp = tempfile::tempdir().unwrap();
    common::write_tree(
        tmp.path(),
        &[(
            "site.conf",
            "server {\n    listen 80;\n    keepalive 8;\n    location / { proxy_pass http://127.0.0.1:8080; }\n}\n",
        )],
    );
    assert_eq!(hoplint(tmp.path(), Some(Release(1, 22, 1))), vec![]);
}

/// nginx reads its main config in the main context whatever it holds: a
/// main config with more server directives than main ones at its top
/// level (here five `listen`s, where nginx stops at the first) is not taken
/// for a server snippet, and each of them is refused where it stands.
#[test]
fn a_main_config_full_of_server_directives_is_still_the_main_config() {
    let tmp = tempfile::tempdir().unwrap();
    let conf = format!(
        "events {{}}\n{}http {{\n    server {{ listen 8080; }}\n}}\n",
        "listen 80;\n".repeat(5)
    );
    common::write_tree(tmp.path(), &[("nginx.conf", conf.as_str())]);
    let found = hoplint(tmp.path(), Some(Release(1, 22, 1)));
    let lines: Vec<usize> = found.iter().map(|(_, _, l)| *l).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6], "{found:?}");
    assert!(
        found.iter().all(|(name, _, _)| name == "listen"),
        "{found:?}"
    );
}

/// nginx stops at the first misplaced directive; hoplint shows as many as
/// it shows syntax errors in one file, and counts the rest in one finding.
#[test]
fn misplaced_directives_past_the_cap_are_counted_not_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let conf = format!("events {{}}\n{}http {{}}\n", "listen 80;\n".repeat(250));
    common::write_tree(tmp.path(), &[("nginx.conf", conf.as_str())]);
    let shown = hoplint(tmp.path(), Some(Release(1, 22, 1)));
    let cap = hoplint::load::MAX_SYNTAX_FINDINGS_PER_FILE;
    assert_eq!(shown.len(), cap);
    let project = hoplint::check_with(
        &[tmp.path().to_path_buf()],
        &Options::default(),
        &Config::default(),
    );
    let more: Vec<&str> = project
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("more directives nginx does not allow"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        more,
        [format!(
            "{} more directives nginx does not allow where they stand are not shown in this file",
            250 - cap
        )]
    );
}

/// A `proxy_pass` nginx refuses at the main level is no hop: no rule
/// judges its backend.
#[test]
fn a_refused_proxy_pass_is_no_hop() {
    let tmp = tempfile::tempdir().unwrap();
    common::write_tree(
        tmp.path(),
        &[(
            "nginx.conf",
            "proxy_pass http://127.0.0.1:8081;\nevents {}\nhttp {\n    server {\n        listen 127.0.0.1:8080;\n    }\n}\n",
        )],
    );
    let project = hoplint::check(
        &[tmp.path().to_path_buf()],
        &Options {
            root: None,
            display_base: Some(tmp.path().to_path_buf()),
            kind: None,
        },
    );
    let codes: Vec<&str> = project.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["nginx-syntax"], "{:?}", project.diagnostics);
}
