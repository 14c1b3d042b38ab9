//! The nginx parser: syntax trees and syntax errors, as snapshots.

use crate::common;

use hoplint::parse::nginx::parse;
use hoplint::span::{LineIndex, TextRange};
use hoplint::syntax::nginx::{Directive, Item};
use hoplint::syntax::{Quote, SyntaxError, Word};
use std::fmt::Write;

struct Dump<'a> {
    text: &'a str,
    index: LineIndex,
    out: String,
}

impl Dump<'_> {
    fn pos(&self, offset: u32) -> String {
        let (l, c) = self.index.line_col(self.text, offset);
        format!("{l}:{c}")
    }

    fn range(&self, r: TextRange) -> String {
        format!("{}-{}", self.pos(r.start), self.pos(r.end))
    }

    fn word(&self, w: &Word) -> String {
        let q = match w.quote {
            Quote::None => "",
            Quote::Double => "dq",
            Quote::Single => "sq",
        };
        format!("{q}{:?}@{}", w.text, self.range(w.range))
    }

    fn items(&mut self, items: &[Item], depth: usize) {
        for item in items {
            let pad = "  ".repeat(depth);
            match item {
                Item::Comment(c) => {
                    let line = format!("{pad}comment {:?} {}", c.text, self.range(c.range));
                    writeln!(self.out, "{line}").unwrap();
                }
                Item::Directive(d) => self.directive(d, depth, &pad),
            }
        }
    }

    fn directive(&mut self, d: &Directive, depth: usize, pad: &str) {
        let mut line = format!("{pad}{} {}", self.range(d.range), self.word(&d.name));
        for a in &d.args {
            line.push(' ');
            line.push_str(&self.word(a));
        }
        if let Some(raw) = &d.raw_block {
            line.push_str(&format!(" raw_block {}", self.word(raw)));
        }
        if let Some(b) = &d.block {
            line.push_str(&format!(" {{ {}", self.range(b.open)));
            writeln!(self.out, "{line}").unwrap();
            self.items(&b.items, depth + 1);
            let close = b
                .close
                .map_or("never closed".to_string(), |c| self.range(c));
            writeln!(self.out, "{pad}}} {close}").unwrap();
        } else {
            writeln!(self.out, "{line}").unwrap();
        }
    }

    fn error(&mut self, e: &SyntaxError) {
        let mut line = format!("error {}: {}", self.range(e.range), e.message);
        if let Some(l) = &e.label {
            line.push_str(&format!("\n  label: {l}"));
        }
        for (r, m) in &e.related {
            line.push_str(&format!("\n  related {}: {m}", self.range(*r)));
        }
        if let Some(h) = &e.help {
            line.push_str(&format!("\n  help: {h}"));
        }
        writeln!(self.out, "{line}").unwrap();
    }
}

/// The tree and the errors of `text`, one node per line.
fn outline(text: &str) -> String {
    let parsed = parse(text);
    let mut d = Dump {
        text,
        index: LineIndex::new(text),
        out: String::new(),
    };
    d.items(&parsed.tree.items, 0);
    if parsed.errors.is_empty() {
        d.out.push_str("no errors\n");
    }
    for e in &parsed.errors {
        d.error(e);
    }
    d.out
}

macro_rules! snap {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            let text: &str = $text;
            common::snapshot_settings("parse/nginx").bind(|| {
                insta::assert_snapshot!(
                    stringify!($name),
                    format!("{text}\n---\n{}", outline(text))
                );
            });
        }
    };
}

snap!(
    simple_directives,
    "user www-data;\nworker_processes auto;\nevents { worker_connections 768; }\n"
);
snap!(empty_file, "");
snap!(only_comments, "# one\n   # two\r\n#");
snap!(
    quoted_args_with_escapes,
    r#"add_header X "a \"b\" \'c\' \\ \t|\r|\n \x";
return 200 'it\'s';
set $a a\"b\n;
"#
);
snap!(
    multi_line_quotes,
    "log_format main '$remote_addr\n    \"$request\"';\nreturn 200 \"x\ny\";\n"
);
snap!(
    hash_inside_word,
    "location /a#b { return 200 ok}; }\nset $x a#b; # real comment\n"
);
snap!(
    comment_at_token_start_vs_in_word,
    "proxy_pass http://x#frag;#comment\nlisten 80 #c1\n  default_server; #c2\n"
);
snap!(
    variables_in_braces,
    "set $a ${host}x;\nlocation ~ ^/${uri}/ {\n  return 200 ${a}${b}ok;\n}\nmap ${x} $y { default 1; }\n"
);
snap!(
    if_with_parens_and_quotes,
    "if ($x ~* \"(a|b)\") { return 403; }\nif ($http_x = \"y\"){ return 404; }\nif ( $a ~ 'z' ) { }\n"
);
snap!(
    map_geo_types_split_clients_bodies,
    r#"map $uri $m {
    default 0;
    ~^/foo 1;
    "~*x" y;
    hostnames;
}
geo $remote_addr $g { 127.0.0.0/8 local; default none; }
types { text/html html htm; application/json json; }
split_clients "${remote_addr}AAA" $variant { 0.5% .one; * ""; }
charset_map koi8-r utf-8 { C0 D18E; }
"#
);
snap!(
    lua_blocks,
    r#"content_by_lua_block {
    local t = { a = "}", b = '{' } -- } in a comment
    --[[ a long
       comment } ]]
    local s = [==[ ]] } ]==]
    if x then ngx.say("{") end
}
set_by_lua_block $res { return "}" }
access_by_lua_block{ngx.exit(403)}
"#
);

// Errors.
snap!(
    error_unterminated_quote,
    "server {\n  return 200 \"oops;\n}\n\n"
);
snap!(error_unterminated_single_quote_eof_no_newline, "a 'b");
snap!(
    error_unbalanced_open,
    "http {\n  server {\n    listen 80;\n  }\n"
);
snap!(error_stray_close, "events {}\n}\nuser nobody;\n");
snap!(
    error_missing_semicolon_before_close,
    "server {\n  return 200 ok\n}\n"
);
snap!(
    error_missing_semicolon_at_eof,
    "worker_processes 1;\nreturn 200 ok\n"
);
snap!(error_unexpected_semicolon, "user nobody;;\n");
snap!(error_unexpected_open_brace, "{ user nobody; }\n");
snap!(
    error_text_after_closing_quote,
    "\"outer-quote\" \"left\"-quote right-\"quote\";\n"
);
snap!(
    error_brace_in_map_entry,
    "map $a $b {\n  ~^/a{1,5}$ 1;\n  default 0;\n}\n"
);
snap!(
    error_several_in_one_file,
    "events {}\n;\nhttp {\n  server {\n    listen 80\n  }\n  add_header A \"b\"c;\n}\n}\nuser x\n"
);
snap!(
    error_lua_block_not_closed,
    "http {\ncontent_by_lua_block {\n  if x then\n    t = {\n}\n"
);
snap!(
    error_lua_long_bracket_not_closed,
    "content_by_lua_block {\n  s = [=[ abc ]]\n}\n"
);

/// Nesting is bounded: blocks deeper than `MAX_DEPTH` are recorded but not
/// read, with one error, and what follows their `}` is read as usual.
#[test]
fn ten_thousand_nested_blocks() {
    use hoplint::parse::nginx::MAX_DEPTH;
    let depth = 10_000;
    let mut text = "a {\n".repeat(depth);
    text.push_str("b x;\n");
    text.push_str(&"}\n".repeat(depth));
    text.push_str("after y;\n");
    let parsed = parse(&text);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert!(parsed.errors[0]
        .message
        .starts_with(&format!("blocks nested more than {MAX_DEPTH} deep")));
    // nginx sets no such limit: a limit of hoplint's, reported as a warning.
    assert!(parsed.errors[0].hoplint_limit);
    assert_eq!(parsed.errors[0].range.start as usize, MAX_DEPTH * 4 + 2);
    let mut level = 0;
    let mut items = &parsed.tree.items;
    while let Some(Item::Directive(d)) = items.first() {
        level += 1;
        items = &d.block.as_ref().expect("a block").items;
    }
    assert_eq!(level, MAX_DEPTH + 1);
    assert!(items.is_empty());
    let last = parsed.tree.directives().last().expect("two directives");
    assert!(last.name.is("after"));

    // Every frame kept is reported unclosed, and the depth once.
    let unclosed = parse(&"a {\n".repeat(depth));
    assert_eq!(unclosed.errors.len(), MAX_DEPTH + 2);

    let exactly = "a {\n".repeat(MAX_DEPTH) + &"}\n".repeat(MAX_DEPTH);
    assert!(parse(&exactly).errors.is_empty());
}

#[test]
fn ten_megabyte_file() {
    let unit = "server {\n    listen 80; # port\n    server_name \"a.example\" b;\n    location ~ ^/${x}/ { return 200 ok; }\n}\n";
    let text = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    let parsed = parse(&text);
    assert!(parsed.errors.is_empty());
    assert_eq!(parsed.tree.items.len(), text.len() / unit.len());
}

#[test]
fn binary_and_odd_input_never_panics() {
    for text in [
        "\0\u{1}\u{fffd}{",
        "\\",
        "\"\\",
        "'",
        "$",
        "${",
        "}",
        ";",
        "{",
        "a\"",
        "x_by_lua_block {",
        "content_by_lua_block { [[",
        "content_by_lua_block { --[==[",
        "\"a\"\"b\"",
    ] {
        let _ = parse(text);
    }
}

snap!(
    lua_block_names,
    r#"server_name content_by_lua_block ;
upstream content_by_lua_block {
    # an argument, not a Lua directive
    server a;
}
"rewrite_by_lua_block" { a = { 1, 2 } }
content_by_lua_block # comment
{ ngx.say(1) }
content_by_lua_block_x { y; }
"#
);

snap!(
    error_glued_after_quote_kinds,
    "a \"x\"#c\n;\nb \"x\"'y';\ns {\n  c \"x\"}\nd \"x\")ok;\n"
);

/// Token length limits, checked against `nginx -t` (1.22.1): which lengths
/// draw "too long parameter" (the buffer is 4096 bytes).
#[test]
fn too_long_parameter_boundaries() {
    let pad = "#pad\n".repeat(10);
    let fails = |body: String| !parse(&format!("{body}{pad}")).errors.is_empty();
    let x = |n: usize| "x".repeat(n);
    // (input, nginx rejects it)
    let cases = [
        (format!("#{}\n", x(4094)), false),
        (format!("#{}\n", x(4095)), true),
        (format!("env \"{}\";\n", x(4094)), false),
        (format!("env \"{}\";\n", x(4095)), true),
        (format!("env \"{}\" ;\n", x(4093)), false),
        (format!("env \"{}\" ;\n", x(4094)), true),
        (format!("env {};\n", x(4095)), false),
        (format!("env {};\n", x(4096)), true),
        (format!("env {} ;\n", x(4094)), false),
        (format!("env {} ;\n", x(4095)), true),
    ];
    for (i, (text, rejected)) in cases.into_iter().enumerate() {
        assert_eq!(fails(text), rejected, "case {i}");
    }
    // A word that reaches the very end of the file draws the end-of-file
    // error instead, unless the limit is hit before.
    let e = parse(&format!("env {}", x(4096))).errors;
    assert_eq!(e.len(), 1);
    assert!(e[0].message.starts_with("expected `;`"), "{}", e[0].message);
    let e = parse(&format!("env {}", x(4097))).errors;
    assert_eq!(e.len(), 1);
    assert!(e[0].message.contains("too long"), "{}", e[0].message);
}

/// Pseudo-random mixes of the tricky pieces: nothing may panic, and every
/// byte must stay inside the ranges reported.
#[test]
fn random_token_soup_never_panics() {
    let pieces = [
        "a",
        " ",
        "\n",
        ";",
        "{",
        "}",
        "#",
        "\"",
        "'",
        "\\",
        "$",
        "${",
        ")",
        "é",
        "\r\n",
        "content_by_lua_block",
        "--",
        "[[",
        "]]",
        "[=[",
        "]=]",
        "map",
        "x_by_lua_block {",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut longest = 0;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..next() % 40 {
            text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
        }
        longest = longest.max(text.len());
        let parsed = parse(&text);
        for e in &parsed.errors {
            assert!(e.range.end as usize <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(e.range.start as usize), "{text:?}");
            assert!(text.is_char_boundary(e.range.end as usize), "{text:?}");
        }
    }
    assert!(longest > 40);
}

#[test]
fn a_commented_out_lua_block_is_a_comment() {
    // The Lua-aware loop only runs in files that mention `_by_lua_block`;
    // a comment that does must still be a comment.
    let text = "http {\n    #content_by_lua_block { ngx.say(1) }\n    # content_by_lua_block {\n    server { listen 80; }\n}\n";
    let p = hoplint::parse::nginx::parse(text);
    assert_eq!(p.errors, vec![]);
    let comments = format!("{:?}", p.tree).matches("Comment(").count();
    assert_eq!(comments, 2);
}

#[test]
fn a_close_brace_glued_to_a_lua_directive_closes_its_block() {
    let text = "location / {\n    return 200;\n}content_by_lua_block { ngx.say(1) }\n";
    let p = hoplint::parse::nginx::parse(text);
    assert_eq!(p.errors, vec![]);
    let names: Vec<&str> = p.tree.directives().map(|d| d.name.text.as_str()).collect();
    assert_eq!(names, ["location", "content_by_lua_block"]);
}
