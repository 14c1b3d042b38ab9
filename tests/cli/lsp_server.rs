//! `hoplint lsp` driven as an editor drives it, over JSON-RPC on its
//! stdio: an edit in one file updates the findings of another, and
//! navigation, hover and quick fixes cross the layers. Also the in-place
//! update against a whole load, edit by edit.

#[path = "../lsp/client.rs"]
mod client;

use client::{uri, Client};
use hoplint::lsp::workspace::{Settings, Workspace};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_hoplint");
const WAIT: Duration = Duration::from_secs(60);

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, body) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
}

const NGINX_CONF: &str = "user www-data;
events {}
http {
    include /etc/nginx/sites-enabled/*;
}
";

const SHOP: &str = "server {
    listen 80;
    server_name shop.example.test;
    fastcgi_read_timeout 120s;
    location ~ \\.php$ {
        fastcgi_pass unix:/run/php/php8.2-fpm.sock;
    }
}
";

const FPM_CONF: &str = "[global]
include=/etc/php/8.2/fpm/pool.d/*.conf
";

const WWW: &str = "[www]
user = www-data
group = www-data
listen = /run/php/php8.2-fpm.sock
listen.owner = www-data
listen.group = www-data
pm = static
pm.max_children = 5
request_terminate_timeout = 50
";

/// A small server: one nginx site passing PHP to the socket of one pool.
fn stack() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("etc/nginx/nginx.conf", NGINX_CONF),
            ("etc/nginx/sites-enabled/shop", SHOP),
            ("etc/php/8.2/fpm/php-fpm.conf", FPM_CONF),
            ("etc/php/8.2/fpm/pool.d/www.conf", WWW),
        ],
    );
    let site = dir.path().join("etc/nginx/sites-enabled/shop");
    let pool = dir.path().join("etc/php/8.2/fpm/pool.d/www.conf");
    (dir, site, pool)
}

/// The position of the first `needle` in `text`, as UTF-16 units (ASCII
/// here).
fn pos(text: &str, needle: &str) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {text}"));
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

fn at(path: &Path, text: &str, needle: &str) -> Value {
    json!({"textDocument": {"uri": uri(path)}, "position": pos(text, needle)})
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Applies a code action's edits to one file's text (edits on one line,
/// in ASCII text).
fn apply(text: &str, action: &Value, path: &Path) -> String {
    let edits = action["edit"]["changes"][uri(path)]
        .as_array()
        .unwrap_or_else(|| panic!("no edit for {}: {action}", path.display()))
        .clone();
    let mut out = text.to_string();
    for e in edits.iter().rev() {
        let offset = |p: &Value| {
            let line = p["line"].as_u64().unwrap() as usize;
            let start: usize = out.split_inclusive('\n').take(line).map(str::len).sum();
            start + p["character"].as_u64().unwrap() as usize
        };
        let (s, t) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(s..t, e["newText"].as_str().unwrap());
    }
    out
}

#[test]
fn an_edit_in_a_pool_updates_the_site_that_points_at_it() {
    let (dir, site, pool) = stack();
    let (mut c, init) = Client::start(BIN, dir.path(), json!({}), json!({}));
    // UTF-16 unless the client offers UTF-8.
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");

    c.open(&pool, WWW);
    let moved = WWW.replace("php8.2-fpm.sock", "php8.3-fpm.sock");
    c.change(&pool, 2, &moved);
    // The site is not open; its diagnostics arrive all the same.
    let diags = c
        .diagnostics_for(&site, WAIT)
        .expect("the site's diagnostics");
    assert_eq!(codes(&diags), ["unix-socket-missing"], "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "hoplint");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/hoplint/hoplint/blob/main/rules/unix-socket-missing.md"
    );
    assert_eq!(d["range"]["start"], pos(SHOP, "fastcgi_pass"));
    let related = d["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(related[0]["location"]["uri"], uri(&pool));
    assert_eq!(
        related[0]["location"]["range"]["start"],
        pos(&moved, "listen =")
    );

    // Hover on the finding: the rule's summary and what breaks.
    let h = c.request("textDocument/hover", at(&site, SHOP, "fastcgi_pass"));
    let text = h["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("**unix-socket-missing**"), "{text}");
    assert!(text.contains("What breaks at runtime"), "{text}");
    assert!(text.contains("502 Bad Gateway"), "{text}");

    // The quick fix: the site's socket becomes the pool's; a suppression
    // comment too.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&site)},
            "range": {"start": pos(SHOP, "fastcgi_pass"), "end": pos(SHOP, "fastcgi_pass")},
            "context": {"diagnostics": []},
        }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred quick fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "unix-socket-missing");
    let fixed = apply(SHOP, fix, &site);
    assert!(
        fixed.contains("fastcgi_pass unix:/run/php/php8.3-fpm.sock;"),
        "{fixed}"
    );
    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Ignore"))
        .expect("a suppression");
    let ignored = apply(SHOP, ignore, &site);
    assert!(
        ignored.contains(
            "    location ~ \\.php$ {\n        # hoplint: ignore[unix-socket-missing] -- reason\n        fastcgi_pass"
        ),
        "{ignored}"
    );

    // The pool back as it was: the site's error is cleared.
    c.change(&pool, 3, WWW);
    let diags = c
        .diagnostics_for(&site, WAIT)
        .expect("the site's diagnostics");
    assert!(diags.is_empty(), "{diags:?}");

    // Definition: from the hop to the pool's `listen`.
    let def = c.request("textDocument/definition", at(&site, SHOP, "unix:/run"));
    let def = def["result"].as_array().unwrap().clone();
    assert_eq!(def.len(), 1, "{def:?}");
    assert_eq!(def[0]["uri"], uri(&pool));
    assert_eq!(def[0]["range"]["start"], pos(WWW, "listen ="));

    // References: from the pool's `listen` to every hop using it.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&pool)}, "position": pos(WWW, "/run/php"), "context": {"includeDeclaration": false}}),
    );
    let refs = refs["result"].as_array().unwrap().clone();
    assert_eq!(refs.len(), 1, "{refs:?}");
    assert_eq!(refs[0]["uri"], uri(&site));
    assert_eq!(refs[0]["range"]["start"], pos(SHOP, "fastcgi_pass"));

    // Hover on the hop: the whole path with each side's limits.
    let h = c.request("textDocument/hover", at(&site, SHOP, "fastcgi_pass"));
    let text = h["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("server `shop.example.test`"), "{text}");
    assert!(text.contains("php-fpm pool `www`"), "{text}");
    assert!(
        text.contains(
            "| nginx `fastcgi_read_timeout` | 120s | inherited from server `shop.example.test`"
        ),
        "{text}"
    );
    assert!(
        text.contains("| nginx `fastcgi_connect_timeout` | 60s | nginx's default"),
        "{text}"
    );
    assert!(
        text.contains("| pool `request_terminate_timeout` | 50s |"),
        "{text}"
    );

    // Hover on a directive: where its value comes from.
    let h = c.request(
        "textDocument/hover",
        at(&site, SHOP, "fastcgi_read_timeout"),
    );
    let text = h["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("in server `shop.example.test`"), "{text}");
    assert!(text.contains("nginx's default, 60s"), "{text}");

    // Definition from an include: the files it reads.
    let main = dir.path().join("etc/nginx/nginx.conf");
    let def = c.request("textDocument/definition", at(&main, NGINX_CONF, "include"));
    assert_eq!(def["result"][0]["uri"], uri(&site), "{def}");

    let status = c.stop();
    assert!(status.success(), "{status:?}");
}

#[test]
fn positions_count_utf8_bytes_when_the_client_offers_them() {
    let (dir, site, _) = stack();
    // A non-ASCII character before the finding on its line.
    let text = SHOP.replace(
        "    location ~ \\.php$ {\n        fastcgi_pass unix:/run/php/php8.2-fpm.sock;\n    }",
        "    location ~ \"/é\\.php$\" { fastcgi_pass unix:/run/php/php7.4-fpm.sock; }",
    );
    std::fs::write(&site, &text).unwrap();
    let col = |enc: &str| {
        let (mut c, init) = Client::start(
            BIN,
            dir.path(),
            json!({}),
            json!({"general": {"positionEncodings": [enc, "utf-16"]}}),
        );
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], enc);
        let diags = c.diagnostics_for(&site, WAIT).expect("diagnostics");
        assert_eq!(codes(&diags), ["unix-socket-missing"]);
        diags[0]["range"]["start"]["character"].as_u64().unwrap()
    };
    let byte_col = text.lines().nth(4).unwrap().find("fastcgi_pass").unwrap() as u64;
    assert_eq!(col("utf-8"), byte_col);
    // é is two bytes and one UTF-16 unit.
    assert_eq!(col("utf-16"), byte_col - 1);
}

const UPSTREAMS: &str = "user www-data;
events {}
http {
    upstream php_backend {
        server unix:/run/php/php8.2-fpm.sock;
    }
    server {
        listen 127.0.0.1:8080;
        keepalive_timeout 5s;
        location / { return 200; }
    }
    include /etc/nginx/sites-enabled/*;
}
";

const TYPOS: &str = "server {
    listen 80;
    server_name shop.example.test;
    location ~ \\.php$ {
        fastcgi_pass php_backnd;
    }
    location /api/ {
        fastcgi_pass 127.0.0.1:9001;
    }
}
";

const API_POOL: &str = "[api]
user = www-data
group = www-data
listen = 127.0.0.1:9000
pm = static
pm.max_children = 5
";

const HTTPD: &str = "Listen 8081
LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so
LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so
LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so
ProxyPass /app http://127.0.0.1:8080/
ProxyPassReverse /app http://127.0.0.1:8080/
<FilesMatch \\.php$>
    SetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"
</FilesMatch>
";

/// Each certain fix, applied as the editor applies it, clears its finding.
#[test]
fn quick_fixes_clear_their_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("etc/nginx/nginx.conf", UPSTREAMS),
            ("etc/nginx/sites-enabled/shop", TYPOS),
            ("etc/php/8.2/fpm/php-fpm.conf", FPM_CONF),
            ("etc/php/8.2/fpm/pool.d/www.conf", WWW),
            ("etc/php/8.2/fpm/pool.d/api.conf", API_POOL),
            ("etc/apache2/apache2.conf", HTTPD),
        ],
    );
    let site = dir.path().join("etc/nginx/sites-enabled/shop");
    let httpd = dir.path().join("etc/apache2/apache2.conf");
    let (mut c, _) = Client::start(BIN, dir.path(), json!({}), json!({}));
    let diags = c
        .diagnostics_for(&site, WAIT)
        .expect("the site's diagnostics");
    let mut found = codes(&diags);
    found.sort();
    assert_eq!(found, ["tcp-port-refused", "upstream-unknown"], "{diags:?}");
    let diags = c
        .diagnostics_for(&httpd, WAIT)
        .expect("httpd's diagnostics");
    assert_eq!(codes(&diags), ["keepalive-outlives-backend"], "{diags:?}");

    let fix_at = |c: &mut Client, path: &Path, text: &str, needle: &str| -> Value {
        let actions = c.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri(path)},
                "range": {"start": pos(text, needle), "end": pos(text, needle)},
                "context": {"diagnostics": []},
            }),
        );
        actions["result"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["isPreferred"] == true)
            .unwrap_or_else(|| panic!("no quick fix at {needle}: {actions}"))
            .clone()
    };
    let a = fix_at(&mut c, &site, TYPOS, "fastcgi_pass php_backnd");
    assert_eq!(a["title"], "use upstream `php_backend`");
    let text = apply(TYPOS, &a, &site);
    let a = fix_at(&mut c, &site, &text, "fastcgi_pass 127");
    let text = apply(&text, &a, &site);
    assert!(text.contains("fastcgi_pass php_backend;"), "{text}");
    assert!(text.contains("fastcgi_pass 127.0.0.1:9000;"), "{text}");
    c.open(&site, TYPOS);
    c.change(&site, 2, &text);
    let diags = c
        .diagnostics_for(&site, WAIT)
        .expect("the site's diagnostics");
    assert!(diags.is_empty(), "{diags:?}");

    let a = fix_at(&mut c, &httpd, HTTPD, "ProxyPass");
    let fixed = apply(HTTPD, &a, &httpd);
    assert!(
        fixed.contains("ProxyPass /app http://127.0.0.1:8080/ ttl=2\n"),
        "{fixed}"
    );
    c.open(&httpd, HTTPD);
    c.change(&httpd, 2, &fixed);
    let diags = c
        .diagnostics_for(&httpd, WAIT)
        .expect("httpd's diagnostics");
    assert!(diags.is_empty(), "{diags:?}");

    // Navigation from an upstream name to its block, from httpd's
    // SetHandler to the pool, and back from the upstream to its users.
    let main = dir.path().join("etc/nginx/nginx.conf");
    let def = c.request("textDocument/definition", at(&site, &text, "php_backend"));
    assert_eq!(def["result"][0]["uri"], uri(&main), "{def}");
    assert_eq!(
        def["result"][0]["range"]["start"],
        pos(UPSTREAMS, "upstream php_backend")
    );
    let pool = dir.path().join("etc/php/8.2/fpm/pool.d/www.conf");
    let def = c.request("textDocument/definition", at(&httpd, &fixed, "SetHandler"));
    assert_eq!(def["result"][0]["uri"], uri(&pool), "{def}");
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&main)}, "position": pos(UPSTREAMS, "php_backend {"), "context": {"includeDeclaration": true}}),
    );
    let refs: Vec<Value> = refs["result"].as_array().unwrap().clone();
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert_eq!(refs[1]["uri"], uri(&site));
    let h = c.request(
        "textDocument/hover",
        at(&main, UPSTREAMS, "upstream php_backend"),
    );
    let text = h["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("**upstream `php_backend`**"), "{text}");
    assert!(text.contains("php-fpm pool `www` listening on"), "{text}");
    assert!(text.contains("1 hop(s) name it"), "{text}");
    // And the pool's socket is used by the upstream and by httpd.
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&pool)}, "position": pos(WWW, "listen ="), "context": {"includeDeclaration": false}}),
    );
    let users: Vec<String> = refs["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap().to_string())
        .collect();
    // Through the upstream: its `server` line and the hop that names it.
    assert_eq!(users, [uri(&main), uri(&site), uri(&httpd)], "{refs}");

    // Completion of directive names and of the stack's sockets.
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&site)}, "position": {"line": 4, "character": 15}}),
    );
    let labels: Vec<&str> = items["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"fastcgi_pass"), "{labels:?}");
    assert!(c.stop().success());
}

/// The findings of every part, in a form two workspaces can compare.
fn findings(ws: &Workspace) -> Vec<String> {
    let mut out = Vec::new();
    for unit in &ws.units {
        for d in &unit.project.diagnostics {
            let labels: Vec<String> = d
                .labels()
                .map(|l| {
                    format!(
                        "{}:{}-{} {}",
                        unit.path(l.file).unwrap().display(),
                        l.range.start,
                        l.range.end,
                        l.message
                    )
                })
                .collect();
            out.push(format!(
                "{} {} {:?} {:?}",
                d.code, d.message, labels, d.help
            ));
        }
    }
    out.sort();
    out
}

/// Edits applied in place leave the workspace as a whole load of the same
/// texts finds it: syntax errors, include sites that move, a snippet's
/// context, and edits that need a whole load.
#[test]
fn in_place_updates_agree_with_a_whole_load() {
    let dir = tempfile::tempdir().unwrap();
    let snippet = "fastcgi_read_timeout 30s;\nfastcgi_buffers 8 16k;\n";
    write(
        dir.path(),
        &[
            ("etc/nginx/nginx.conf", UPSTREAMS),
            ("etc/nginx/sites-enabled/shop", TYPOS),
            ("etc/nginx/snippets/php.conf", snippet),
            ("etc/php/8.2/fpm/php-fpm.conf", FPM_CONF),
            ("etc/php/8.2/fpm/pool.d/www.conf", WWW),
            ("etc/php/8.2/fpm/pool.d/api.conf", API_POOL),
            (
                "etc/php/8.2/fpm/php.ini",
                "[PHP]\nmax_execution_time = 30\n",
            ),
            ("etc/apache2/apache2.conf", HTTPD),
        ],
    );
    let site = dir.path().join("etc/nginx/sites-enabled/shop");
    let api = dir.path().join("etc/php/8.2/fpm/pool.d/api.conf");
    let ini = dir.path().join("etc/php/8.2/fpm/php.ini");
    let pool = dir.path().join("etc/php/8.2/fpm/pool.d/www.conf");
    let main = dir.path().join("etc/nginx/nginx.conf");
    let httpd = dir.path().join("etc/apache2/apache2.conf");
    let snippet_path = dir.path().join("etc/nginx/snippets/php.conf");
    let with_include = TYPOS.replace(
        "        fastcgi_pass php_backnd;",
        "        include snippets/php.conf;\n        fastcgi_pass php_backnd;",
    );
    // (file, text, whether it can be done in place)
    // Edits of pools, php.ini and httpd alone keep the model's nginx side.
    let edits: Vec<(&PathBuf, String, bool)> = vec![
        (&pool, WWW.replace("php8.2", "php8.3"), true),
        (&pool, WWW.to_string(), true),
        (&api, API_POOL.replace("9000", "9001"), true),
        (&ini, "[PHP]\nmax_execution_time = 90\n".into(), true),
        (
            &httpd,
            HTTPD.replace("php8.2-fpm.sock|", "php8.1-fpm.sock|"),
            true,
        ),
        (&api, API_POOL.to_string(), true),
        (&site, TYPOS.replace("9001", "9000"), true),
        (&site, TYPOS.replace("listen 80;", "listen 80"), true),
        (&site, TYPOS.replace("server {", "server {{"), true),
        (&site, with_include.clone(), false),
        (&site, format!("# moved\n\n{with_include}"), true),
        (
            &snippet_path,
            "fastcgi_read_timeout 30s;\nfastcgi_buffers 8;\n".into(),
            true,
        ),
        (&snippet_path, "fastcgi_read_timeout;\n".into(), true),
        (
            &site,
            with_include.replace("fastcgi_pass php_backnd;", "fastcgi_pass php_backend;"),
            true,
        ),
        (
            &site,
            with_include.replace("location ~ \\.php$ {", "if ($x) {"),
            false,
        ),
        (
            &main,
            UPSTREAMS.replace("keepalive_timeout 5s;", "keepalive_timeout 500s;"),
            true,
        ),
        (
            &main,
            UPSTREAMS.replace("sites-enabled/*", "sites-enabled/shop"),
            false,
        ),
        (&httpd, HTTPD.replace("8080/", "8080/ ttl=1"), true),
        (&httpd, format!("ServerRoot /etc/apache2\n{HTTPD}"), false),
        (&pool, WWW.replace("[www]", "[www\nlisten"), true),
    ];
    let mut live = Workspace::new(vec![dir.path().to_path_buf()], Settings::default());
    live.refresh();
    let mut texts: Vec<(PathBuf, Arc<str>)> = Vec::new();
    for (i, (path, text, in_place)) in edits.into_iter().enumerate() {
        let text: Arc<str> = Arc::from(text.as_str());
        live.set_text(path, Some(text.clone()));
        texts.retain(|(p, _)| p != path);
        texts.push((path.clone(), text));
        let t = live.refresh();
        assert_eq!(
            (t.in_place, t.reloaded),
            if in_place { (1, 0) } else { (0, 1) },
            "edit {i}: {t:?}"
        );
        let mut whole = Workspace::new(vec![dir.path().to_path_buf()], Settings::default());
        for (p, t) in &texts {
            whole.set_text(p, Some(t.clone()));
        }
        whole.refresh();
        assert_eq!(findings(&live), findings(&whole), "edit {i}");
    }
    // Closing a buffer reads the disk again.
    live.set_text(&pool, None);
    live.refresh();
    assert!(!findings(&live).iter().any(|f| f.contains("php-fpm-syntax")));
}

/// A tree of two servers declared as `[[stack]]`s in `hoplint.toml`: the
/// workspace finds what `hoplint check` finds, and an edit in one server
/// leaves the other's findings alone.
#[test]
fn declared_stacks_are_checked_each_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let site = |sock: &str| {
        format!("user www-data;\nevents {{}}\nhttp {{\nserver {{\nlisten 80;\nlocation ~ \\.php$ {{ fastcgi_pass unix:/run/php/{sock}; }}\n}}\n}}\n")
    };
    let web1_site = site("php8.2-fpm.sock");
    let web2_site = site("php8.2-fpm.sock");
    write(
        dir.path(),
        &[
            (
                "hoplint.toml",
                "[[stack]]\nname = \"web1\"\npaths = [\"hosts/web1\"]\nroot = \"hosts/web1\"\n\n[[stack]]\nname = \"web2\"\npaths = [\"hosts/web2\"]\nroot = \"hosts/web2\"\n",
            ),
            ("hosts/web1/etc/nginx/nginx.conf", &web1_site),
            ("hosts/web1/etc/php/8.1/fpm/php-fpm.conf", "[global]\ninclude=/etc/php/8.1/fpm/pool.d/*.conf\n"),
            ("hosts/web1/etc/php/8.1/fpm/pool.d/www.conf", &WWW.replace("8.2", "8.1")),
            ("hosts/web2/etc/nginx/nginx.conf", &web2_site),
            ("hosts/web2/etc/php/8.2/fpm/php-fpm.conf", FPM_CONF),
            ("hosts/web2/etc/php/8.2/fpm/pool.d/www.conf", WWW),
        ],
    );
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut ws = Workspace::new(vec![root.clone()], Settings::default());
    ws.refresh();
    // As the command line finds it.
    let config = hoplint::config::Config::read(&root.join("hoplint.toml")).expect("hoplint.toml");
    let cli = hoplint::check_with(
        std::slice::from_ref(&root),
        &hoplint::load::Options {
            root: None,
            display_base: Some(root.clone()),
            kind: None,
        },
        &config,
    );
    let place = |path: PathBuf, d: &hoplint::diagnostic::Diagnostic| {
        let l = d.primary.as_ref().unwrap();
        format!(
            "{} {}:{}-{} {}",
            d.code,
            path.display(),
            l.range.start,
            l.range.end,
            d.message
        )
    };
    let mut from_cli: Vec<String> = cli
        .diagnostics
        .iter()
        .map(|d| {
            place(
                root.join(&cli.file(d.primary.as_ref().unwrap().file).path),
                d,
            )
        })
        .collect();
    let mut from_ws: Vec<String> = ws
        .units
        .iter()
        .flat_map(|u| {
            u.project.diagnostics.iter().map(move |d| {
                place(
                    u.path(d.primary.as_ref().unwrap().file)
                        .unwrap()
                        .to_path_buf(),
                    d,
                )
            })
        })
        .collect();
    from_cli.sort();
    from_ws.sort();
    assert_eq!(from_ws, from_cli);
    // web1 has no PHP 8.2 pool: its site's hop is an error there only.
    let web1 = root.join("hosts/web1/etc/nginx/nginx.conf");
    let web2 = root.join("hosts/web2/etc/nginx/nginx.conf");
    let codes_of = |ws: &Workspace, path: &Path| -> Vec<&'static str> {
        ws.units
            .iter()
            .flat_map(|u| {
                let id = u.file_at(path);
                u.project
                    .diagnostics
                    .iter()
                    .filter(move |d| id.is_some() && d.primary.as_ref().map(|l| l.file) == id)
                    .map(|d| d.code)
            })
            .collect()
    };
    assert_eq!(codes_of(&ws, &web1), ["unix-socket-missing"]);
    assert!(codes_of(&ws, &web2).is_empty());
    // Moving web2's pool breaks web2's site, and only it.
    let pool2 = root.join("hosts/web2/etc/php/8.2/fpm/pool.d/www.conf");
    ws.set_text(
        &pool2,
        Some(Arc::from(WWW.replace("php8.2-fpm", "php8.3-fpm").as_str())),
    );
    let t = ws.refresh();
    assert_eq!((t.in_place, t.reloaded), (1, 0));
    assert_eq!(codes_of(&ws, &web1), ["unix-socket-missing"]);
    assert_eq!(codes_of(&ws, &web2), ["unix-socket-missing"]);
}

/// A file changed on disk behind the editor (a checkout) is read again
/// when the client, which the server asked to watch, says so.
#[test]
fn files_changed_on_disk_are_read_again() {
    let (dir, site, pool) = stack();
    let (mut c, _) = Client::start(
        BIN,
        dir.path(),
        json!({}),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let reg = c
        .wait_for(WAIT, |m| m["method"] == "client/registerCapability")
        .expect("a request to watch files");
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    c.respond(reg["id"].clone(), Value::Null);
    std::fs::write(&pool, WWW.replace("php8.2-fpm.sock", "php8.3-fpm.sock")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&pool), "type": 2}]}),
    );
    let diags = c
        .diagnostics_for(&site, WAIT)
        .expect("the site's diagnostics");
    assert_eq!(codes(&diags), ["unix-socket-missing"]);
    // A new pool file on that socket: the stack is read again.
    let other = dir.path().join("etc/php/8.2/fpm/pool.d/old.conf");
    std::fs::write(&other, WWW.replace("[www]", "[old]")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&other), "type": 1}]}),
    );
    let diags = c
        .diagnostics_for(&site, WAIT)
        .expect("the site's diagnostics");
    assert!(diags.is_empty(), "{diags:?}");
    assert!(c.stop().success());
}

/// Every file's latest published diagnostics, once the server has handled
/// everything sent so far (a request is answered after the check the
/// notifications before it caused). Files published empty are left out.
fn published(c: &mut Client, into: &mut std::collections::BTreeMap<String, Vec<Value>>) {
    c.request("workspace/symbol", json!({"query": ""}));
    for m in std::mem::take(&mut c.pending) {
        if m["method"] == "textDocument/publishDiagnostics" {
            let uri = m["params"]["uri"].as_str().unwrap().to_string();
            let list = m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if list.is_empty() {
                into.remove(&uri);
            } else {
                into.insert(uri, list);
            }
        }
    }
}

/// Over JSON-RPC, as an editor sees it: after each in-place edit (an nginx
/// site, a pool's `listen`, an httpd vhost, a file the site includes), the
/// diagnostics published for every file, open or not, are those a server
/// started afresh on the same texts publishes from its first, whole load.
#[test]
fn published_diagnostics_after_edits_equal_a_fresh_server() {
    let dir = tempfile::tempdir().unwrap();
    let with_include = TYPOS.replace(
        "        fastcgi_pass php_backnd;",
        "        include snippets/php.conf;\n        fastcgi_pass php_backnd;",
    );
    let snippet = "fastcgi_read_timeout 30s;\nfastcgi_buffers 8 16k;\n";
    write(
        dir.path(),
        &[
            ("etc/nginx/nginx.conf", UPSTREAMS),
            ("etc/nginx/sites-enabled/shop", &with_include),
            ("etc/nginx/snippets/php.conf", snippet),
            ("etc/php/8.2/fpm/php-fpm.conf", FPM_CONF),
            ("etc/php/8.2/fpm/pool.d/www.conf", WWW),
            ("etc/php/8.2/fpm/pool.d/api.conf", API_POOL),
            ("etc/apache2/apache2.conf", HTTPD),
        ],
    );
    let p = |rel: &str| dir.path().join(rel);
    let (site, snip) = (
        p("etc/nginx/sites-enabled/shop"),
        p("etc/nginx/snippets/php.conf"),
    );
    let (www, api, httpd) = (
        p("etc/php/8.2/fpm/pool.d/www.conf"),
        p("etc/php/8.2/fpm/pool.d/api.conf"),
        p("etc/apache2/apache2.conf"),
    );
    let edits: Vec<(&PathBuf, String)> = vec![
        (&site, with_include.replace("php_backnd", "php_backend")),
        (&www, WWW.replace("php8.2-fpm.sock", "php8.3-fpm.sock")),
        (&api, API_POOL.replace("9000", "9001")),
        (&httpd, HTTPD.replace("127.0.0.1:8080/", "127.0.0.1:8082/")),
        (
            &snip,
            "fastcgi_read_timeout 30s;\nfastcgi_buffers 8;\n".into(),
        ),
        (&site, with_include.replace("listen 80;", "listen 80")),
        (&site, with_include.replace("listen 80;", "listen 8081;")),
        (
            &snip,
            "fastcgi_read_timeout;\nproxy_pass http://x;\n".into(),
        ),
        (&snip, "worker_processes 2;\nproxy_pass http://x;\n".into()),
        (
            &site,
            with_include.replace("listen 80;", "listen 80;\n    events {}"),
        ),
        (&www, WWW.to_string()),
        (&site, with_include.replace("9001", "9000")),
        (&httpd, HTTPD.to_string()),
        (&snip, snippet.to_string()),
    ];
    let (mut live, _) = Client::start(BIN, dir.path(), json!({}), json!({}));
    let mut seen = std::collections::BTreeMap::new();
    let mut buffers: Vec<(PathBuf, String)> = Vec::new();
    for (i, (path, text)) in edits.into_iter().enumerate() {
        match buffers.iter().position(|(b, _)| b == path) {
            Some(at) => {
                live.change(path, i as i64 + 2, &text);
                buffers[at].1 = text;
            }
            None => {
                let before = std::fs::read_to_string(path).unwrap();
                live.open(path, &before);
                live.change(path, i as i64 + 2, &text);
                buffers.push((path.clone(), text));
            }
        }
        published(&mut live, &mut seen);
        // The fresh server loads the same texts whole, from the disk (the
        // live one reads its buffers, and is told nothing of the disk).
        std::fs::write(path, &buffers.iter().find(|(b, _)| b == path).unwrap().1).unwrap();
        let (mut fresh, _) = Client::start(BIN, dir.path(), json!({}), json!({}));
        let mut whole = std::collections::BTreeMap::new();
        published(&mut fresh, &mut whole);
        assert!(fresh.stop().success());
        assert!(!whole.is_empty());
        assert_eq!(seen, whole, "edit {i}");
    }
    assert!(live.stop().success());
}
