//! Context-aware nginx checks (`parse::nginx_check`): argument counts,
//! missing and extra blocks, blocks in `map`-like bodies, include contexts.
//! The corpus side of these checks runs in `tests/cli/corpus.rs`.

use crate::common;

use hoplint::parse::nginx_check::{check, guess_context, include_sites, Context};
use hoplint::span::{LineIndex, TextRange};
use hoplint::syntax::nginx::File;
use hoplint::syntax::SyntaxError;
use std::fmt::Write;

/// The tree the real parser builds; its own syntax errors are tested in
/// `parse_nginx.rs`.
fn tree(text: &str) -> File {
    hoplint::parse::nginx::parse(text).tree
}

// ---- dumping -------------------------------------------------------------

fn at(text: &str, idx: &LineIndex, r: TextRange) -> String {
    let (l, c) = idx.line_col(text, r.start);
    format!("{l}:{c} `{}`", &text[r.as_range()])
}

fn dump(text: &str, errors: &[SyntaxError]) -> String {
    let idx = LineIndex::new(text);
    let mut out = String::new();
    for e in errors {
        writeln!(out, "{} {}", at(text, &idx, e.range), e.message).unwrap();
        if let Some(l) = &e.label {
            writeln!(out, "  label: {l}").unwrap();
        }
        for (r, m) in &e.related {
            writeln!(out, "  related {}: {m}", at(text, &idx, *r)).unwrap();
        }
        if let Some(h) = &e.help {
            writeln!(out, "  help: {h}").unwrap();
        }
    }
    if out.is_empty() {
        out.push_str("(no errors)\n");
    }
    out
}

/// What nginx would refuse in `text` read in `ctx`: the parser's errors,
/// then the directive checks' (some refusals, such as a `{` inside a
/// `map`, are the parser's to make).
fn errors_of(ctx: Context, text: &str) -> Vec<SyntaxError> {
    let parsed = hoplint::parse::nginx::parse(text);
    let mut errors = parsed.errors;
    errors.extend(check(&parsed.tree, ctx));
    errors
}

fn snap(name: &str, ctx: Context, text: &str) {
    let out = format!(
        "--- {ctx:?}\n{text}\n---\n{}",
        dump(text, &errors_of(ctx, text))
    );
    common::snapshot_settings("nginx_check").bind(|| insta::assert_snapshot!(name, out));
}

fn lines_of(ctx: Context, text: &str) -> Vec<usize> {
    let idx = LineIndex::new(text);
    errors_of(ctx, text)
        .iter()
        .map(|e| idx.line_col(text, e.range.start).0)
        .collect()
}

// ---- argument counts -----------------------------------------------------

#[test]
fn rewrite_with_one_argument() {
    snap(
        "rewrite_one_arg",
        Context::HttpSrv,
        "location / {\n    rewrite ^;\n}\n",
    );
}

#[test]
fn rewrite_with_unquoted_space_in_regex() {
    // The elgg case from the corpus: `] +` splits the regex in two.
    snap(
        "rewrite_space_in_regex",
        Context::HttpLoc,
        "if (!-e $request_filename) {\n  rewrite ^/a/([a-z] +) /h.php?a=$1 last;\n}\n",
    );
}

#[test]
fn add_header_with_one_argument() {
    snap(
        "add_header_one_arg",
        Context::HttpSrv,
        "add_header X;\nadd_header X y always;\n",
    );
}

#[test]
fn user_with_three_arguments() {
    snap(
        "user_three_args",
        Context::Main,
        "user www-data www-data extra;\nuser;\nuser nginx;\n",
    );
}

#[test]
fn limit_req_zone_wrong_count() {
    snap(
        "limit_req_zone",
        Context::HttpMain,
        "limit_req_zone $binary_remote_addr zone=one:10m rate=1r/s sync;\n\
         limit_req_zone $binary_remote_addr zone=two:10m rate=1r/s;\n",
    );
}

#[test]
fn try_files_needs_two() {
    snap(
        "try_files",
        Context::HttpSrv,
        "try_files =404;\ntry_files /dir1 /dir2 =404;\n",
    );
}

#[test]
fn flag_takes_exactly_one() {
    snap("flag", Context::HttpLoc, "gzip;\ngzip on off;\ngzip on;\n");
}

#[test]
fn more_than_seven_arguments_for_take_n() {
    // nginx refuses more than 8 words for TAKEn directives before looking
    // at the bits; `log_format` is 2MORE and takes any number.
    assert_eq!(
        lines_of(Context::HttpMain, "log_format x a b c d e f g h i j;\n"),
        Vec::<usize>::new()
    );
    assert_eq!(
        lines_of(Context::HttpLoc, "add_header a b c d e f g h i;\n"),
        vec![1]
    );
}

#[test]
fn error_is_on_the_line_of_the_semicolon() {
    // nginx reports the tokenizer's line when the statement ends.
    let text = "rewrite\n  ^/x\n  /y\n  last\n  extra\n;\n";
    assert_eq!(lines_of(Context::HttpSrv, text), vec![6]);
    // and the line of the `{` for a block directive
    assert_eq!(lines_of(Context::HttpSrv, "location\n{\n}\n"), vec![2]);
}

// ---- blocks --------------------------------------------------------------

#[test]
fn server_without_block_in_http() {
    snap(
        "server_no_block",
        Context::HttpMain,
        "add_header X-Frame-Options \"DENY\" always;\nserver \"some\";\n",
    );
}

#[test]
fn server_in_upstream_is_not_a_block() {
    snap(
        "upstream_server",
        Context::HttpMain,
        "upstream php {\n    server 127.0.0.1:9000;\n    server unix:/run/php.sock weight=2 max_fails=3;\n    keepalive 8;\n}\n",
    );
}

#[test]
fn simple_directive_with_a_block() {
    snap(
        "add_header_block",
        Context::HttpSrv,
        "add_header X y {\n}\nlisten 80 { }\n",
    );
}

#[test]
fn stream_proxy_pass_one_argument() {
    snap(
        "stream_proxy_pass",
        Context::Main,
        "stream {\n    upstream db { server 10.0.0.1:3306; }\n    server {\n        listen 3306;\n        proxy_pass db;\n        proxy_timeout 1s;\n    }\n}\n",
    );
}

#[test]
fn http_proxy_pass_in_location_and_stream_server() {
    snap(
        "proxy_pass_wrong_counts",
        Context::Main,
        "http {\n  server {\n    location / { proxy_pass; }\n  }\n}\nstream {\n  server { proxy_pass a b; }\n}\n",
    );
}

#[test]
fn nested_contexts_are_tracked() {
    // `if` in server and location, `limit_except`, nested `location`,
    // `events`, `mail`: each wrong count is reported at its own line.
    snap(
        "nested",
        Context::Main,
        "events {\n  worker_connections;\n}\n\
         http {\n  server {\n    if ($a) { return; }\n    location / {\n      location /b {\n        if ($b) { rewrite x; }\n        limit_except GET { deny; }\n      }\n    }\n  }\n}\n\
         mail {\n  server {\n    listen;\n    protocol imap;\n  }\n}\n",
    );
}

// ---- opaque bodies -------------------------------------------------------

#[test]
fn block_inside_map() {
    snap(
        "map_block",
        Context::HttpMain,
        "map $a $b {\n    default 0;\n    x { }\n}\n",
    );
}

#[test]
fn unquoted_brace_in_map_regex() {
    // gixy-ng's map_origin_allowlist_fp.conf: `{1,5}` opens a block.
    snap(
        "map_regex_brace",
        Context::HttpMain,
        "map $http_origin $allow_origin {\n    ~^https://([a-z]+\\.)?example\\.com(?::[0-9]{1,5})?$ $http_origin;\n    default \"\";\n}\n",
    );
}

#[test]
fn block_inside_other_bodies() {
    snap(
        "opaque_bodies",
        Context::HttpMain,
        "types {\n    text/html html { }\n    include more.types;\n    include a b;\n}\n\
         geo $g {\n    default 0;\n    10.0.0.0/8 { }\n}\n\
         split_clients $r $v {\n    50% a;\n    * { }\n}\n\
         charset_map koi8-r utf-8 {\n    C0 D18E;\n    C1 { }\n}\n",
    );
}

#[test]
fn map_entries_are_not_directives() {
    // Entries named like directives are data: no arity errors.
    let text = "map $a $b {\n    rewrite 1;\n    user a b c;\n    hostnames;\n    include maps/*.conf;\n}\n";
    assert_eq!(lines_of(Context::HttpMain, text), Vec::<usize>::new());
    let stream = "stream {\n  map $a $b {\n    x { }\n  }\n}\n";
    assert_eq!(lines_of(Context::Main, stream), vec![3]);
}

// ---- unknown or misplaced ------------------------------------------------

#[test]
fn unknown_and_misplaced_directives_are_silent() {
    let text = "more_set_headers a b c d e f g h i;\nfoo_bar { rewrite x; }\n\
                location / { }\nlisten 80;\nworker_connections 1 2 3;\n\
                content_by_lua_block { ngx.say(1) }\n";
    // In http main: `location`, `listen`, `worker_connections` are not
    // allowed here (nginx: "not allowed here", not a syntax error), and
    // nothing inside unknown blocks is looked at.
    assert_eq!(lines_of(Context::HttpMain, text), Vec::<usize>::new());
}

#[test]
fn empty_and_deep_inputs() {
    assert!(errors_of(Context::Main, "").is_empty());
    // The check walks with its own stack. The tree is leaked because the
    // default, recursive drop of 10,000 nested blocks overflows a test
    // thread's stack (a matter for the syntax tree, not for the check).
    let check_deep = |text: String| {
        let file = tree(&text);
        let n = check(&file, Context::HttpSrv).len();
        std::mem::forget(file);
        n
    };
    let deep = "location / {".repeat(10_000) + &"}".repeat(10_000);
    assert_eq!(check_deep(deep), 0);
    // The deepest level the parser reads (`MAX_DEPTH`) is still checked.
    let deep_bad = "location / {".repeat(100) + "rewrite x;" + &"}".repeat(100);
    assert_eq!(check_deep(deep_bad), 1);
}

// ---- includes ------------------------------------------------------------

#[test]
fn include_sites_carry_their_context() {
    let text = "include modules-enabled/*.conf;\nevents { include ev.conf; }\n\
                http {\n  include mime.types;\n  types { include more.types; }\n\
                  map $a $b { include map.conf; }\n  geo $g { include geo.conf; }\n\
                  split_clients $r $v { include x; }\n  upstream u { include ups.conf; }\n\
                  server {\n    include snippets/ssl.conf;\n    if ($x) { include sif.conf; }\n\
                    location / {\n      include fastcgi_params;\n      include a b;\n\
                      if ($y) { include lif.conf; }\n      limit_except GET { include lmt.conf; }\n    }\n  }\n}\n\
                stream { include stream.d/*.conf; server { include s.conf; } }\n\
                mail { server { include m.conf; } }\nunknown { include hidden.conf; }\n";
    let file = tree(text);
    let idx = LineIndex::new(text);
    let mut out = String::new();
    for (d, ctx) in include_sites(&file, Context::Main) {
        writeln!(
            out,
            "{} {} {ctx:?}",
            idx.line_col(text, d.range.start).0,
            d.args[0].text
        )
        .unwrap();
    }
    common::snapshot_settings("nginx_check").bind(|| insta::assert_snapshot!("include_sites", out));
}

// ---- guessing the context of a lone file ---------------------------------

#[test]
fn guess_context_of_typical_files() {
    let cases: &[(&str, Context)] = &[
        ("user www-data;\nevents { }\nhttp { }\n", Context::Main),
        ("load_module modules/ngx_stream_module.so;\n", Context::Main),
        ("server {\n listen 80;\n}\n", Context::HttpMain),
        ("upstream php { server unix:/run/php.sock; }\nmap $a $b { }\n", Context::HttpMain),
        ("types {\n    text/html html;\n}\n", Context::HttpMain),
        ("gzip on;\ngzip_types text/css;\nlog_format x y;\n", Context::HttpMain),
        ("location / { try_files $uri =404; }\n", Context::HttpSrv),
        ("listen 443 ssl;\nserver_name example.com;\nlocation / { }\n", Context::HttpSrv),
        ("ssl_protocols TLSv1.2;\nssl_ciphers HIGH;\n", Context::HttpSrv),
        // Debian's fastcgi_params and snippets/fastcgi-php.conf
        ("fastcgi_param QUERY_STRING $query_string;\nfastcgi_param REQUEST_METHOD $request_method;\n", Context::HttpLoc),
        (
            "fastcgi_split_path_info ^(.+?\\.php)(/.*)$;\ntry_files $fastcgi_script_name =404;\n\
             set $path_info $fastcgi_path_info;\nfastcgi_param PATH_INFO $path_info;\n\
             fastcgi_index index.php;\ninclude fastcgi.conf;\n",
            Context::HttpLoc,
        ),
        ("proxy_pass http://backend;\nproxy_set_header Host $host;\n", Context::HttpLoc),
        ("server 10.0.0.1:9000;\nkeepalive 16;\n", Context::HttpUps),
        ("proxy_pass backend:3306;\nproxy_timeout 1s;\n", Context::StreamSrv),
        ("worker_connections 768;\nmulti_accept on;\n", Context::Event),
        ("", Context::HttpMain),
        ("include snippets/*.conf;\nmore_set_headers x;\n", Context::HttpMain),
    ];
    for (text, want) in cases {
        assert_eq!(guess_context(&tree(text)), *want, "{text}");
    }
}
