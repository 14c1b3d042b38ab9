//! Snapshots of the Apache httpd parser: trees as outlines, errors as
//! `line:col message` lists, both with positions httpd would report.

use crate::common;

use hoplint::parse::apache::parse;
use hoplint::span::{LineIndex, TextRange};
use hoplint::syntax::apache::{File, Item};
use hoplint::syntax::{Quote, SyntaxError, Word};
use std::fmt::Write;

fn pos(text: &str, idx: &LineIndex, r: TextRange) -> String {
    let (l1, c1) = idx.line_col(text, r.start);
    let (l2, c2) = idx.line_col(text, r.end);
    format!("{l1}:{c1}-{l2}:{c2}")
}

fn word(w: &Word) -> String {
    let q = match w.quote {
        Quote::None => "",
        Quote::Single => "'",
        Quote::Double => "\"",
    };
    format!("{q}{:?}", w.text)
}

fn outline(text: &str, items: &[Item], idx: &LineIndex, depth: usize, out: &mut String) {
    let ind = "  ".repeat(depth);
    for item in items {
        match item {
            Item::Comment(c) => {
                writeln!(out, "{ind}comment {} {:?}", pos(text, idx, c.range), c.text).unwrap();
            }
            Item::Directive(d) => {
                let args: Vec<String> = d.args.iter().map(word).collect();
                writeln!(
                    out,
                    "{ind}directive {} {} [{}]",
                    pos(text, idx, d.range),
                    word(&d.name),
                    args.join(", ")
                )
                .unwrap();
            }
            Item::Section(s) => {
                let args: Vec<String> = s.args.iter().map(word).collect();
                let close = match s.close {
                    Some(r) => pos(text, idx, r),
                    None => "never".to_string(),
                };
                writeln!(
                    out,
                    "{ind}section {} {} [{}] closed {}",
                    pos(text, idx, s.open),
                    word(&s.name),
                    args.join(", "),
                    close
                )
                .unwrap();
                if let Some(raw) = &s.raw_body {
                    writeln!(
                        out,
                        "{ind}  raw_body {} {:?}",
                        pos(text, idx, raw.range),
                        raw.text
                    )
                    .unwrap();
                }
                outline(text, &s.items, idx, depth + 1, out);
            }
        }
    }
}

fn errors(text: &str, errs: &[SyntaxError], idx: &LineIndex) -> String {
    let mut out = String::new();
    for e in errs {
        writeln!(out, "error {} {}", pos(text, idx, e.range), e.message).unwrap();
        if let Some(l) = &e.label {
            writeln!(out, "  label: {l}").unwrap();
        }
        if let Some(h) = &e.help {
            writeln!(out, "  help: {h}").unwrap();
        }
        for (r, m) in &e.related {
            writeln!(out, "  related {}: {m}", pos(text, idx, *r)).unwrap();
        }
    }
    out
}

fn dump(text: &str) -> String {
    let parsed = parse(text);
    let idx = LineIndex::new(text);
    let mut out = String::new();
    outline(text, &parsed.tree.items, &idx, 0, &mut out);
    let errs = errors(text, &parsed.errors, &idx);
    if !errs.is_empty() {
        out.push_str("---\n");
        out.push_str(&errs);
    }
    out
}

fn tree(text: &str) -> String {
    let parsed = parse(text);
    assert!(
        parsed.errors.is_empty(),
        "unexpected errors: {:?}",
        parsed.errors
    );
    dump(text)
}

fn broken(text: &str) -> String {
    let parsed = parse(text);
    assert!(!parsed.errors.is_empty(), "expected errors");
    dump(text)
}

macro_rules! snap {
    ($name:ident, $f:ident, $text:expr) => {
        #[test]
        fn $name() {
            let text: &str = $text;
            common::snapshot_settings("parse/apache").bind(|| {
                insta::assert_snapshot!(stringify!($name), $f(text));
            });
        }
    };
}

snap!(empty_file, tree, "");
snap!(blank_lines_only, tree, "\n  \n\t\n");
snap!(
    directives_mixed_case,
    tree,
    "ServerName example.com\nservername example.org\nSERVERADMIN root@localhost\n  DocumentRoot /var/www\n"
);
snap!(
    quoted_args,
    tree,
    concat!(
        "ErrorDocument 404 \"Not found, \\\"sorry\\\"\"\n",
        "Header set X 'it\\'s' \"a\\\\b\" 'c\\\"d'\n",
        "Alias /x\\\\y \"joined\"next ''\n",
        "LogFormat \"%h %l \\\"%r\\\"\" 'unterminated\n",
    )
);
snap!(
    hash_mid_line_is_an_argument,
    tree,
    "ServerName example.com # note\nAlias /a#b /c\n"
);
snap!(
    comment_lines,
    tree,
    "# top\n   # indented\n\t#tab\n#\n# continued \\\n  still the comment\nServerName x\n"
);
snap!(
    line_continuation,
    tree,
    concat!(
        "BrowserMatch \"MSIE [2-6]\" \\\n",
        "    nokeepalive \\\n",
        "    downgrade-1.0\n",
        "Header set X \"a \\\n",
        "b\"\n",
        "Spliced ab\\\n",
        "cd\n",
        "NotSpliced a\\ \n",
        "Double a\\\\\n",
        "\n",
        "b\n",
        "<VirtualHost \\\n",
        "  *:80>\n",
        "</VirtualHost>\n",
    )
);
snap!(
    crlf_line_endings,
    tree,
    "ServerName x\r\n<Directory \"/var/www\">\r\n  Require all granted\r\n  Options \\\r\n    Indexes\r\n</Directory>\r\n# c\r\n"
);
snap!(
    every_container_kind,
    tree,
    r#"<VirtualHost *:80 [::1]:443>
</VirtualHost>
<IfModule mod_ssl.c>
</IfModule>
<IfModule !mod_php7.c>
</IfModule>
<IfDefine !NO_SSL>
</IfDefine>
<IfVersion >= 2.4>
</IfVersion>
<Directory "/var/www/html">
</Directory>
<DirectoryMatch "^/www/(.+/)?[0-9]{3}">
</DirectoryMatch>
<Location /status>
</Location>
<LocationMatch "/(extra|special)/data">
</LocationMatch>
<Files ~ "\.(gif|jpe?g)$">
</Files>
<FilesMatch \.php$>
</FilesMatch>
<Proxy "balancer://mycluster">
</Proxy>
<ProxyMatch "^http://(.*)$">
</ProxyMatch>
<If "%{HTTP_HOST} == 'example.com'">
</If>
<ElseIf "-R '10.1.0.0/16'">
</ElseIf>
<Else>
</Else>
<RequireAll>
</RequireAll>
<RequireAny>
</RequireAny>
<Limit GET POST>
</Limit>
<LimitExcept GET>
</LimitExcept>
<AnyNameAtAll x>
</anynameatall>
"#
);
snap!(
    nested_containers,
    tree,
    r#"<IfModule mod_ssl.c>
    <VirtualHost _default_:443>
        ServerName secure.example.com
        <Directory /var/www>
            <RequireAll>
                Require all granted
                Require not ip 10.0.0.1
            </RequireAll>
            <IfModule !mod_php.c>
                Deny from all
            </IfModule>
        </Directory>
    </virtualhost>
</IfModule>
"#
);
snap!(
    if_with_quoted_expression,
    tree,
    "<If \"%{HTTP_HOST} == 'x'\">\n  Redirect / https://x/\n</If>\n<If \"%{QUERY_STRING} =~ /a>b/\" >\n</If>\n"
);
snap!(
    tag_text_after_last_bracket_is_ignored,
    tree,
    "<Directory /a> # trailing words\n</Directory> trailing\n<VirtualHost>\n</VirtualHost>\n"
);
snap!(
    macro_body_is_opaque,
    tree,
    r#"<Macro VHost $name $port>
  <VirtualHost *:$port>
    ServerName $name
  # </Macro> in a comment does not end it
  <Macro Inner>
  </Macro>
</VirtualHost>
</macro>
Use VHost example.com 80
UndefMacro VHost
"#
);
snap!(
    include_and_define_are_plain_directives,
    tree,
    "Define DOCROOT /var/www\nInclude conf.d/*.conf\nIncludeOptional sites-enabled/*.conf\nDocumentRoot ${DOCROOT}/html\n<Directory \"${DOCROOT}\">\n</Directory>\n"
);

// Errors.
snap!(
    missing_closing_bracket_on_open_tag,
    broken,
    "<VirtualHost *:80\n</VirtualHost>\n"
);
snap!(
    missing_closing_bracket_on_close_tag,
    broken,
    "<VirtualHost *:80>\n  ServerName x\n</VirtualHost>\" | sudo tee x\n"
);
snap!(
    mismatched_close,
    broken,
    "<VirtualHost *:80>\n  <Directory /a>\n  </VirtualHost>\n</Directory>\n"
);
snap!(
    unclosed_section_at_eof,
    broken,
    "<VirtualHost 1.1.1.1>\n\nServerName invalid.net\n<Directory \\\n  /x>\n"
);
snap!(close_without_open, broken, "ServerName x\n</Directory>\n");
snap!(
    close_of_ifmodule_must_be_alone_on_its_line,
    broken,
    "<IfModule mod_ssl.c>\n  <VirtualHost *:443>\n  </VirtualHost> </IfModule>\n</IfModule> # done\n"
);
snap!(
    unclosed_ifmodule_is_accepted_like_httpd,
    tree,
    "<IfModule mod_ssl.c>\n  <VirtualHost *:443>\n  </VirtualHost> </IfModule>\n"
);
snap!(unclosed_macro, broken, "<Macro M $x>\n  ServerName $x\n");
snap!(
    several_errors_in_one_file,
    broken,
    "</Location>\n<VirtualHost *:80\n<Directory /a>\n</Files>\n</Directory>\n</VirtualHost\n<Location /x>\n"
);

// Robustness: nesting is bounded; sections deeper than `MAX_DEPTH` are
// kept but not read, with one error, and what follows them is read.
#[test]
fn deep_nesting_does_not_overflow() {
    use hoplint::parse::apache::MAX_DEPTH;
    let mut text = String::new();
    for _ in 0..10_000 {
        text.push_str("<IfModule x>\n<Directory /a>\n");
    }
    text.push_str("Deep on\n");
    for _ in 0..10_000 {
        text.push_str("</Directory>\n</IfModule>\n");
    }
    text.push_str("After on\n");
    let p = parse(&text);
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert!(p.errors[0]
        .message
        .starts_with(&format!("sections nested more than {MAX_DEPTH} deep")));
    assert!(p.errors[0].hoplint_limit);
    let mut depth = 0;
    let mut items = &p.tree.items;
    while let Some(Item::Section(s)) = items.first() {
        depth += 1;
        items = &s.items;
    }
    assert_eq!(depth, MAX_DEPTH + 1);
    assert!(items.is_empty());
    assert!(matches!(p.tree.items.last(), Some(Item::Directive(d)) if d.name.is("After")));
    // Unclosed: one error per section kept, and the depth once.
    let text = "<Directory /a>\n".repeat(10_000);
    assert_eq!(parse(&text).errors.len(), MAX_DEPTH + 2);
}

#[test]
fn ten_megabyte_file() {
    let block = "<VirtualHost *:80>\n  ServerName \"example.com\" # x\n  Header set X 'a\\'b' \\\n    c\n</VirtualHost>\n# comment\n";
    let text = block.repeat(10 * 1024 * 1024 / block.len() + 1);
    let p = parse(&text);
    assert!(p.errors.is_empty());
    assert_eq!(p.tree.items.len(), (10 * 1024 * 1024 / block.len() + 1) * 2);
    // One line of 10 MB, unterminated quote included.
    let long = format!("Foo \"{}", "x".repeat(10 * 1024 * 1024));
    let p = parse(&long);
    assert!(p.errors.is_empty());
    assert_eq!(count_directives(&p.tree), 1);
}

fn count_directives(f: &File) -> usize {
    f.items
        .iter()
        .filter(|i| matches!(i, Item::Directive(_)))
        .count()
}

#[test]
fn binary_junk_does_not_panic() {
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    for round in 0..200 {
        let mut bytes = Vec::new();
        for _ in 0..(round * 37 % 3000) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let alphabet = b"<>/\\\"' \t\r\n#\0aZ${}";
            let b = if seed.is_multiple_of(3) {
                (seed >> 8) as u8
            } else {
                alphabet[(seed >> 16) as usize % alphabet.len()]
            };
            bytes.push(b);
        }
        let text = String::from_utf8_lossy(&bytes);
        let p = parse(&text);
        for e in &p.errors {
            assert!(e.range.end as usize <= text.len());
            assert!(text.is_char_boundary(e.range.start as usize));
        }
    }
}

#[test]
fn a_tag_ending_in_a_continuation_at_end_of_file_does_not_panic() {
    // Found by comparing two versions of the parser on random input: the
    // opening tag's first word is spliced onto a line that does not exist.
    for text in ["<\\\n", "<\\\r\n", "<If\\\n", "<VirtualHost *:80>\n<\\\n"] {
        let p = parse(text);
        assert!(!p.errors.is_empty(), "{text:?} is not a complete section");
        for e in &p.errors {
            assert!(
                e.range.end as usize <= text.len(),
                "{text:?}: {:?}",
                e.range
            );
        }
    }
}
