//! php-fpm parser: syntax trees and errors as compact outlines.

use crate::common;

use hoplint::parse::php_fpm::parse;
use hoplint::span::{LineIndex, TextRange};
use hoplint::syntax::php_fpm::{Item, ValueKind};
use hoplint::syntax::{Quote, Word};
use std::fmt::Write;

fn at(idx: &LineIndex, text: &str, r: TextRange) -> String {
    let (l1, c1) = idx.line_col(text, r.start);
    let (l2, c2) = idx.line_col(text, r.end);
    format!("{l1}:{c1}-{l2}:{c2}")
}

fn w(idx: &LineIndex, text: &str, w: &Word) -> String {
    let q = match w.quote {
        Quote::None => "",
        Quote::Single => " '",
        Quote::Double => " \"",
    };
    format!("{:?}@{}{q}", w.text, at(idx, text, w.range))
}

/// One line per node: kind, range, unquoted text; then the errors.
fn dump(text: &str) -> String {
    let idx = LineIndex::new(text);
    let parsed = parse(text);
    let mut out = String::new();
    for item in &parsed.tree.items {
        match item {
            Item::Section { name, range } => {
                writeln!(
                    out,
                    "section {} name={}",
                    at(&idx, text, *range),
                    w(&idx, text, name)
                )
            }
            Item::Entry(e) => {
                let sub = e
                    .subkey
                    .as_ref()
                    .map(|s| format!(" [{}]", w(&idx, text, s)))
                    .unwrap_or_default();
                let kind = match e.kind {
                    ValueKind::String => String::new(),
                    k => format!(" {k:?}"),
                };
                writeln!(
                    out,
                    "entry {} key={}{sub} value={}{kind}",
                    at(&idx, text, e.range),
                    w(&idx, text, &e.key),
                    w(&idx, text, &e.value)
                )
            }
            Item::Comment(c) => writeln!(out, "comment {} {:?}", at(&idx, text, c.range), c.text),
        }
        .unwrap();
    }
    for e in &parsed.errors {
        writeln!(out, "ERROR {} {}", at(&idx, text, e.range), e.message).unwrap();
        if let Some(l) = &e.label {
            writeln!(out, "  label: {l}").unwrap();
        }
        if let Some(h) = &e.help {
            writeln!(out, "  help: {h}").unwrap();
        }
    }
    out
}

macro_rules! snap {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            let text: &str = $text;
            common::snapshot_settings("parse/php_fpm").bind(|| {
                insta::assert_snapshot!(
                    stringify!($name),
                    format!("{text}\n-----\n{}", dump(text))
                );
            });
        }
    };
}

snap!(
    sections,
    "[global]\n[www]\n  [ spaced ]  \n[]\n[a\"b\"'c'${X}]\n[www]x = 1\n"
);
snap!(entries, "listen = /run/php/php8.2-fpm.sock\npm=dynamic\n  pm.max_children   =   5   \nuser = www-data\nempty =\nfoo bar = baz qux\n");
snap!(
    comments,
    "; top\n[www]\n  ; indented\nlisten = 9000 ; trailing\nuser = x;y\n;\n"
);
snap!(
    hash_is_not_a_comment,
    "[www]\n# a comment\n#listen = 9000\nlisten = 127.0.0.1:9000 # kept in the value\n"
);
snap!(
    quoted_values,
    "a = \"x ; y # z\"\nb = 'x ; y # z \"q\" $v \\n'\nc = \"esc \\\" \\\\ \\$ \\n\"\nd = \"C:\\dir\\\"\ne = \"x\" y \"z\"\nf = 'a' 'b'\ng = a\"b\"c\nh = \"\"\n"
);
snap!(
    env_vars,
    "a = ${HOME}/x\nb = \"${HOME}/y\"\nc = a${ USER }b\nd = a$b$\n[${POOL}]\n"
);
snap!(
    array_keys,
    "php_value[memory_limit] = 128M\nphp_admin_value[ error_log ] = /var/log/x.log\nphp_flag[display_errors] = off\nphp_admin_flag[log_errors] = on\nenv[PATH] = /usr/bin:/bin\nenv[\"Q\"] = v\nphp_value [x] = y\n"
);
snap!(
    include_glob,
    "include = /etc/php/8.2/fpm/pool.d/*.conf\ninclude=etc/fpm.d/*.conf\n"
);
snap!(
    pool_in_values,
    "[www]\nlisten = /run/php/$pool.sock\nslowlog = /var/log/$pool.slow.log\nenv[POOL] = $pool\n"
);
snap!(
    booleans,
    "a = on\nb = Off\nc = yes\nd = no\ne = TRUE\nf = false\ng = none\nh = null\ni = online\nj = \"on\"\nk = on ; c\nl = nobody\n"
);
snap!(
    expressions,
    "error_reporting = E_ALL & ~E_DEPRECATED & ~E_STRICT\nx = (1 | 4)\ny = 1^2\n"
);
snap!(
    trailing_comments,
    "listen = 9000 ; the port\npm = static;no space\nuser = \"a;b\" ; quoted\n[www] ; pool\n"
);
snap!(
    crlf,
    "[www]\r\nlisten = 9000\r\n; c\r\nuser = \"x\"\r\n\r\npm = static ; c\r\n"
);
snap!(empty_file, "");
snap!(bom_and_nul, "\u{feff}[www]\nuser = ab\0cd\nlisten = 1\n");

snap!(
    error_no_equals,
    "[www]\nlisten\npm = static\n  foo bar  \nkey ; c\n"
);
snap!(error_unclosed_section, "[www\npm = static\n[a;b]\n[ok]\n");
snap!(
    error_unterminated_quote,
    "a = \"abc\nb = 'abc\nc = ok\nd = \"x\" \"y\n"
);
snap!(
    error_several,
    "[www]\nlisten\n= 9000\nuser = a=b\n[pool\npm = \"static\nphp_value[x\nphp_value[x] 1\nphp_value[y]\nphp_value[] = 1\nx = a | \ny = (1\nz = a!b\nw = yes please\non = 1\nk! = v\nv = ${HOME\nok = 1\n"
);

#[test]
fn error_lines_match_the_broken_lines() {
    let text = "[www]\nlisten\nok = 1\nuser = a=b\nok = 2\n[x\n";
    let idx = LineIndex::new(text);
    let lines: Vec<usize> = parse(text)
        .errors
        .iter()
        .map(|e| idx.line_col(text, e.range.start).0)
        .collect();
    assert_eq!(lines, vec![2, 4, 6]);
}

#[test]
fn ten_megabytes_do_not_panic() {
    let block = "[pool$n]\nlisten = /run/php/$pool.sock\nphp_admin_value[memory_limit] = 128M ; c\nenv[X] = \"a ${Y} b\"\nbad line\n";
    let mut text = String::new();
    while text.len() < 10 << 20 {
        text.push_str(block);
    }
    let parsed = parse(&text);
    assert!(parsed.tree.items.len() > 100_000);
    assert_eq!(parsed.errors.len(), text.matches("bad line").count());
}

#[test]
fn binary_junk_does_not_panic() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let parsed = parse(&text);
    for e in &parsed.errors {
        assert!(e.range.end as usize <= text.len());
    }
    // Pathological one-liners: deep parentheses, endless quotes and brackets.
    for s in [
        format!("x = {}", "(".repeat(100_000)),
        format!("x = \"{}", "\\".repeat(100_001)),
        "[".repeat(100_000),
        "${".repeat(100_000),
        format!("k{} = v", "[".repeat(50_000)),
    ] {
        let p = parse(&s);
        assert!(!p.errors.is_empty());
    }
}
