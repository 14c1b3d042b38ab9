//! Parser for Apache httpd 2.4 configuration files.
//!
//! Reads a file the way `ap_build_config` does (server/config.c): one
//! directive per logical line (`ap_cfg_getline` joins `\`-newline
//! continuations and trims the line), words split by `ap_getword_conf`
//! (server/util.c), `<Name args>` opens a section and `</Name>` closes it.
//! The grammar only finds lines and words; sections are matched here with
//! an explicit stack, so nesting depth costs no recursion.
//!
//! Sections that httpd runs while reading (`<IfModule>`, `<IfDefine>`,
//! `<IfVersion>`, ...) get their own rules, because httpd reads their bodies
//! with `ap_build_cont_config`: the closing line must be exactly
//! `</IfModule>`, and hitting the end of the file inside them is not an
//! error when their condition holds.

use std::borrow::Cow;

use pest::iterators::{Pair, Pairs};
use pest::Parser;
use pest_derive::Parser;

use crate::span::TextRange;
use crate::syntax::{apache as ast, Comment, Parsed, Quote, SyntaxError, Text, Word};

#[derive(Parser)]
#[grammar = "grammar/apache.pest"]
struct ApacheParser;

/// httpd's VARBUF_MAX_LEN: a longer logical line fails with "Line too long".
const MAX_LINE_LEN: usize = 16 * 1024 * 1024;

/// Sections whose handlers httpd runs while reading the file
/// (`EXEC_ON_READ` in core.c, mod_version.c, mod_macro.c).
const EXEC_ON_READ: &[&str] = &[
    "IfModule",
    "IfDefine",
    "IfFile",
    "IfDirective",
    "IfSection",
    "IfVersion",
    "Macro",
];

/// Sections nested deeper than this are not read. No real config comes
/// near it, and whatever walks the tree (the model, the editor) may then
/// recurse on it without a bound of its own; httpd has none either.
pub const MAX_DEPTH: usize = 100;

/// mod_lua sections whose body is Lua code, read raw up to `</Name`.
const LUA_BLOCKS: &[&str] = &[
    "LuaHookPreTranslateName",
    "LuaHookTranslateName",
    "LuaHookFixups",
    "LuaHookMapToStorage",
    "LuaHookCheckUserID",
    "LuaHookTypeChecker",
    "LuaHookAccessChecker",
    "LuaHookAuthChecker",
    "LuaQuickHandler",
];

pub fn parse(text: &str) -> Parsed<ast::File> {
    let mut b = Builder {
        text,
        root: Vec::new(),
        stack: Vec::new(),
        errors: Vec::new(),
    };
    match ApacheParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            if let Some(file) = pairs.next() {
                for line in file.into_inner() {
                    if matches!(line.as_rule(), Rule::line | Rule::last_line) {
                        b.line(line);
                    }
                }
            }
        }
        // The grammar accepts every input; this is a safety net only.
        Err(e) => b
            .errors
            .push(super::unreadable_at(&e, text, "an Apache configuration")),
    }
    b.finish()
}

struct Open {
    section: ast::Section,
    /// Read by an `EXEC_ON_READ` handler: its own nesting frame.
    exec: bool,
    opaque: Option<Opaque>,
}

/// A section whose body httpd reads as raw lines, not as directives.
struct Opaque {
    kind: OpaqueKind,
    body_start: usize,
}

enum OpaqueKind {
    /// mod_macro counts nested `<Macro` lines.
    Macro { depth: u32 },
    /// A section opened deeper than [`MAX_DEPTH`]: its body is not read,
    /// only its opening and closing tags counted to find its end.
    TooDeep { depth: u32 },
    /// mod_lua stops at the first line starting with `</Name`.
    Lua,
}

struct Builder<'a> {
    text: &'a str,
    root: Vec<ast::Item>,
    stack: Vec<Open>,
    errors: Vec<SyntaxError>,
}

/// One logical line, split into words.
struct Line {
    /// Where the line's text starts, leading blanks skipped.
    start: usize,
    /// Where the line's text ends, trailing blanks trimmed.
    end: usize,
    /// The whole line as matched, newline included.
    outer: TextRange,
    words: Vec<Word>,
    comment: Option<Comment>,
}

impl<'a> Builder<'a> {
    fn line(&mut self, pair: Pair<'a, Rule>) {
        let line = self.read_line(pair);
        if line.end - line.start >= MAX_LINE_LEN {
            self.errors.push(
                SyntaxError::new(
                    self.httpd_line(TextRange::new(line.start, line.end)),
                    "line too long: httpd reads at most 16 MiB per line",
                )
                .label("httpd stops with \"Line too long\" here"),
            );
        }
        if self.in_opaque() {
            self.opaque_line(&line);
            return;
        }
        if let Some(c) = line.comment {
            self.push_item(ast::Item::Comment(c));
            return;
        }
        // httpd skips a line whose first word is empty (`""`).
        let Some(first) = line.words.first() else {
            return;
        };
        if first.text.is_empty() {
            return;
        }
        if first.text.starts_with("</") {
            self.close_tag(&line);
        } else if first.text.starts_with('<') {
            self.open_tag(line);
        } else {
            self.directive(line);
        }
    }

    fn read_line(&self, pair: Pair<'a, Rule>) -> Line {
        let outer = TextRange::from(pair.as_span());
        let (words, comment) = collect_words(self.text, pair.into_inner());
        let (start, end) = match (&comment, words.first(), words.last()) {
            (Some(c), _, _) => (c.range.start as usize, c.range.end as usize),
            (None, Some(f), Some(l)) => (f.range.start as usize, l.range.end as usize),
            _ => (outer.start as usize, outer.start as usize),
        };
        let end = start + trim_end(&self.text[start..end]).len();
        Line {
            start,
            end,
            outer,
            words,
            comment,
        }
    }

    fn directive(&mut self, line: Line) {
        let mut words = line.words.into_iter();
        let Some(mut name) = words.next() else {
            return;
        };
        // ap_build_config_sub drops a `>` glued to the first word.
        if name.text.len() > 1 && name.text.ends_with('>') {
            name.text = Text::new(&name.text[..name.text.len() - 1]);
        }
        self.push_item(ast::Item::Directive(ast::Directive {
            name,
            args: words.collect(),
            range: TextRange::new(line.start, line.end),
        }));
    }

    fn open_tag(&mut self, line: Line) {
        let first = &line.words[0];
        let mut name_text = first.text[1..].to_string();
        let mut name_end = first.range.end as usize;
        if name_text.ends_with('>') {
            name_text.pop();
            if first.quote == Quote::None && self.text[..name_end].ends_with('>') {
                name_end -= 1;
            }
        }
        let name_start = if first.quote == Quote::None {
            first.range.start as usize + 1
        } else {
            first.range.start as usize
        };
        let name = Word {
            text: name_text.into(),
            range: TextRange::new(name_start.min(name_end), name_end),
            quote: first.quote,
        };
        let open = TextRange::new(line.start, line.end);

        // The handlers cut the arguments at the last `>` (`ap_strrchr_c`),
        // and ignore whatever follows it.
        // A first word that ends in a splice reaches past the trimmed line.
        let rest_start = (first.range.end as usize).min(line.end);
        let rest = &self.text[rest_start..line.end];
        let args_end = match rest.rfind('>') {
            Some(i) => rest_start + i,
            None => {
                if !trim_end(rest).trim_start_matches(is_space).is_empty() {
                    self.errors.push(
                        SyntaxError::new(
                            self.httpd_line(open),
                            format!("<{}> directive missing closing '>'", name.text),
                        )
                        .label("this opening tag has no `>`")
                        .help(format!("end the tag with `>`: `<{} ...>`", name.text)),
                    );
                }
                line.end
            }
        };
        let args = self.tag_args(rest_start, args_end);

        let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(&name.text));
        let opaque = if self.stack.len() >= MAX_DEPTH {
            self.errors.push(
                SyntaxError::new(
                    open,
                    format!("sections nested more than {MAX_DEPTH} deep: hoplint does not check what they hold"),
                )
                .label("hoplint does not read what this section holds")
                .help("httpd itself sets no such limit, but no server needs this depth: look for closing tags missing above")
                .hoplint_limit(),
            );
            Some(OpaqueKind::TooDeep { depth: 1 })
        } else if name.text.eq_ignore_ascii_case("Macro") {
            Some(OpaqueKind::Macro { depth: 1 })
        } else if is(LUA_BLOCKS) {
            Some(OpaqueKind::Lua)
        } else {
            None
        };
        let exec = is(EXEC_ON_READ);
        self.stack.push(Open {
            section: ast::Section {
                name,
                args,
                items: Vec::new(),
                open,
                close: None,
                raw_body: None,
            },
            exec,
            opaque: opaque.map(|kind| Opaque {
                kind,
                body_start: line.outer.end as usize,
            }),
        });
    }

    /// The words of an opening tag between its name and its last `>`,
    /// read again on their own as the section handlers do.
    fn tag_args(&mut self, start: usize, end: usize) -> Vec<Word> {
        let text = &self.text[start..end];
        match ApacheParser::parse(Rule::tag_args, text) {
            Ok(mut pairs) => {
                let inner = pairs.next().map(|p| p.into_inner());
                let mut words = inner.map(|i| collect_words(text, i).0).unwrap_or_default();
                for w in &mut words {
                    w.range.start += start as u32;
                    w.range.end += start as u32;
                }
                words
            }
            Err(_) => {
                self.errors.push(SyntaxError::new(
                    TextRange::new(start, end),
                    "hoplint could not read the arguments of this section",
                ));
                Vec::new()
            }
        }
    }

    fn close_tag(&mut self, line: &Line) {
        let word = &line.words[0];
        let w = word.text.as_str();
        let range = self.httpd_line(TextRange::new(line.start, line.end));
        // What the tag names, for recovery: `</VirtualHost>"` still means
        // VirtualHost.
        let named = w[2..].split('>').next().unwrap_or("");

        match self.stack.last() {
            Some(top) if top.exec => {
                let want = format!("</{}>", top.section.name.text);
                if line.words.len() == 1
                    && word.quote == Quote::None
                    && w.eq_ignore_ascii_case(&want)
                {
                    self.close_top(line);
                    return;
                }
                let err =
                    SyntaxError::new(range, format!("{w} without matching <{} section", &w[2..]))
                        .label("httpd does not take this as the end of a section");
                if named.eq_ignore_ascii_case(&top.section.name.text) {
                    let err = err
                        .help(format!(
                            "write `{want}` alone on its line: httpd compares the whole line"
                        ))
                        .related(top.section.open, "the section this seems to close");
                    self.errors.push(err);
                    self.close_top(line);
                } else {
                    let err = err.related(
                        top.section.open,
                        format!(
                            "the innermost open section is `<{}>`",
                            top.section.name.text
                        ),
                    );
                    self.errors.push(err);
                }
            }
            None => {
                self.errors.push(
                    SyntaxError::new(range, format!("{w} without matching <{} section", &w[2..]))
                        .label("no section is open here")
                        .help("remove this line, or add the opening tag above it"),
                );
            }
            Some(top) => {
                let top_name = top.section.name.text.clone();
                let top_open = top.section.open;
                if !w.ends_with('>') {
                    self.errors.push(
                        SyntaxError::new(range, format!("{w}> directive missing closing '>'"))
                            .label("this closing tag does not end with `>`")
                            .help(format!("write `</{named}>`")),
                    );
                    if named.eq_ignore_ascii_case(&top_name) {
                        self.close_top(line);
                    }
                    return;
                }
                let saw = &w[2..w.len() - 1];
                if saw.eq_ignore_ascii_case(&top_name) {
                    self.close_top(line);
                    return;
                }
                self.errors.push(
                    SyntaxError::new(range, format!("Expected </{top_name}> but saw {w}"))
                        .label(format!("this does not close `<{top_name}>`"))
                        .related(top_open, format!("`<{top_name}>` opened here")),
                );
                // Recover at the enclosing section this tag names, if any.
                if let Some(i) = self
                    .stack
                    .iter()
                    .rposition(|o| o.section.name.text.eq_ignore_ascii_case(saw))
                {
                    while self.stack.len() > i + 1 {
                        self.pop_into_parent(None);
                    }
                    self.close_top(line);
                }
            }
        }
    }

    fn close_top(&mut self, line: &Line) {
        self.pop_into_parent(Some(TextRange::new(line.start, line.end)));
    }

    fn pop_into_parent(&mut self, close: Option<TextRange>) {
        if let Some(mut open) = self.stack.pop() {
            open.section.close = close;
            self.push_item(ast::Item::Section(open.section));
        }
    }

    fn in_opaque(&self) -> bool {
        self.stack.last().is_some_and(|o| o.opaque.is_some())
    }

    /// A line inside `<Macro>` or a Lua block: only the end is looked for.
    fn opaque_line(&mut self, line: &Line) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        let Some(opaque) = top.opaque.as_mut() else {
            return;
        };
        if line.comment.is_some() {
            return;
        }
        let Some(first) = line.words.first() else {
            return;
        };
        let ended = match &mut opaque.kind {
            OpaqueKind::Macro { depth } => {
                if first.text.eq_ignore_ascii_case("</Macro>") {
                    *depth -= 1;
                } else if first.text.eq_ignore_ascii_case("<Macro") {
                    *depth += 1;
                }
                *depth == 0
            }
            OpaqueKind::TooDeep { depth } => {
                if first.text.starts_with("</") {
                    *depth -= 1;
                } else if first.text.starts_with('<') {
                    *depth += 1;
                }
                *depth == 0
            }
            OpaqueKind::Lua => {
                let end = format!("</{}", top.section.name.text);
                let t = &self.text[line.start..line.end];
                t.len() >= end.len()
                    && t.as_bytes()[..end.len()].eq_ignore_ascii_case(end.as_bytes())
            }
        };
        if ended {
            let body = TextRange::new(opaque.body_start, line.outer.start as usize);
            top.section.raw_body = Some(raw_word(self.text, body));
            self.close_top(line);
        }
    }

    fn push_item(&mut self, item: ast::Item) {
        match self.stack.last_mut() {
            Some(open) => open.section.items.push(item),
            None => self.root.push(item),
        }
    }

    fn finish(mut self) -> Parsed<ast::File> {
        let end = self.text.len();
        // Within a section httpd reads while parsing (`<IfModule>` whose
        // condition holds), the end of the file silently ends everything
        // still open; only sections of the file's own frame must be closed.
        let first_exec = self.stack.iter().position(|o| o.exec);
        for i in (0..self.stack.len()).rev() {
            let open = &self.stack[i];
            let name = &open.section.name.text;
            let at = self.httpd_line(open.section.open);
            if let Some(opaque) = &open.opaque {
                self.errors.push(
                    SyntaxError::new(
                        at,
                        format!("<{name}> was not closed: expected token not found: </{name}>"),
                    )
                    .label("this section's body runs to the end of the file")
                    .help(format!("add `</{name}>` on a line of its own")),
                );
                let body = TextRange::new(opaque.body_start, end);
                self.stack[i].section.raw_body = Some(raw_word(self.text, body));
            } else if first_exec.is_none_or(|e| i < e) {
                self.errors.push(
                    SyntaxError::new(at, format!("<{name}> was not closed."))
                        .label("this section is never closed")
                        .help(format!(
                            "add `</{name}>`; httpd requires a section to close in the file that opens it"
                        )),
                );
            }
        }
        while !self.stack.is_empty() {
            self.pop_into_parent(None);
        }
        Parsed {
            tree: ast::File { items: self.root },
            errors: self.errors,
        }
    }

    /// httpd numbers a joined line by its last physical line, so errors
    /// point there.
    fn httpd_line(&self, r: TextRange) -> TextRange {
        match self.text[r.as_range()].rfind('\n') {
            Some(i) => TextRange::new(r.start as usize + i + 1, r.end as usize),
            None => r,
        }
    }
}

/// A word or comment as the grammar found it. After a `\\` the grammar
/// goes on in further pieces that touch the first one.
struct Piece {
    rule: Rule,
    start: usize,
    end: usize,
    splices: Vec<(usize, usize)>,
}

impl Piece {
    fn new(p: Pair<'_, Rule>) -> Piece {
        let s = p.as_span();
        let mut piece = Piece {
            rule: p.as_rule(),
            start: s.start(),
            end: s.end(),
            splices: Vec::new(),
        };
        piece.add_splices(p);
        piece
    }

    fn add_splices(&mut self, p: Pair<'_, Rule>) {
        match p.as_rule() {
            Rule::splice => self.splices.push((p.as_span().start(), p.as_span().end())),
            // Atomic pieces hold no splices.
            Rule::bare | Rule::dq | Rule::sq | Rule::comment => {}
            _ => self.splices.extend(
                p.into_inner()
                    .filter(|c| c.as_rule() == Rule::splice)
                    .map(|c| (c.as_span().start(), c.as_span().end())),
            ),
        }
    }

    /// Whether `next`, starting where this piece ends, goes on with it.
    fn continues_with(&self, next: Rule) -> bool {
        match self.rule {
            Rule::bare | Rule::more => matches!(next, Rule::splice | Rule::more | Rule::bare),
            Rule::comment => next == Rule::cm_more,
            _ => false,
        }
    }
}

/// The words (or the comment) of a line from the grammar's pieces.
fn collect_words(text: &str, pairs: Pairs<'_, Rule>) -> (Vec<Word>, Option<Comment>) {
    let mut words = Vec::new();
    let mut comment = None;
    let mut cur: Option<Piece> = None;
    let mut finish = |piece: Piece| {
        if piece.rule == Rule::comment {
            comment = Some(comment_of(text, &piece));
        } else {
            words.push(word_of(text, &piece));
        }
    };
    for p in pairs {
        let rule = p.as_rule();
        if let Some(c) = &mut cur {
            if c.end == p.as_span().start() && c.continues_with(rule) {
                c.end = p.as_span().end();
                c.add_splices(p);
                continue;
            }
        }
        let starts_word = matches!(
            rule,
            Rule::comment
                | Rule::bare
                | Rule::more
                | Rule::dq
                | Rule::dq_bs
                | Rule::dq_open
                | Rule::sq
                | Rule::sq_bs
                | Rule::sq_open
        );
        // A splice that continues no word is a blank.
        if starts_word {
            if let Some(done) = cur.replace(Piece::new(p)) {
                finish(done);
            }
        }
    }
    if let Some(done) = cur {
        finish(done);
    }
    (words, comment)
}

fn comment_of(text: &str, piece: &Piece) -> Comment {
    let start = piece.start;
    let end = start + trim_end(&text[start..piece.end]).len();
    let joined = join_splices(text, start, end, &piece.splices);
    Comment {
        text: trim_end(&joined[1..]).into(),
        range: TextRange::new(start, end),
    }
}

fn word_of(text: &str, piece: &Piece) -> Word {
    let (quote, closed) = match piece.rule {
        Rule::dq | Rule::dq_bs => (Quote::Double, true),
        Rule::dq_open => (Quote::Double, false),
        Rule::sq | Rule::sq_bs => (Quote::Single, true),
        Rule::sq_open => (Quote::Single, false),
        _ => (Quote::None, true),
    };
    let start = piece.start;
    let mut end = piece.end;
    if !closed {
        // An unclosed quote runs to the end of the line, which httpd
        // has already trimmed.
        end = start + trim_end(&text[start..end]).len();
    }
    let joined = join_splices(text, start, end, &piece.splices);
    let (body, q) = match quote {
        Quote::None => (&joined[..], None),
        Quote::Double | Quote::Single => {
            let inner = &joined[1..];
            let inner = if closed {
                &inner[..inner.len() - 1]
            } else {
                inner
            };
            (inner, Some(joined.as_bytes()[0]))
        }
    };
    Word {
        text: unescape(body, q).into(),
        range: TextRange::new(start, end),
        quote,
    }
}

fn raw_word(text: &str, r: TextRange) -> Word {
    Word {
        text: text[r.as_range()].into(),
        range: r,
        quote: Quote::None,
    }
}

/// The text of `start..end` with every `\\`-newline splice cut out.
fn join_splices<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    splices: &[(usize, usize)],
) -> Cow<'t, str> {
    if splices.is_empty() {
        return Cow::Borrowed(&text[start..end]);
    }
    let mut buf = String::new();
    let mut pos = start;
    for &(s, e) in splices {
        buf.push_str(&text[pos..s.min(end).max(pos)]);
        pos = e.min(end).max(pos);
    }
    buf.push_str(&text[pos.min(end)..end]);
    Cow::Owned(buf)
}

/// `substring_conf`: `\\` becomes `\`, and inside quotes `\"` (or `\'`)
/// becomes the quote; every other backslash stays.
fn unescape(s: &str, quote: Option<u8>) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() && (b[i + 1] == b'\\' || Some(b[i + 1]) == quote) {
            out.push_str(&s[from..i]);
            from = i + 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[from..]);
    out
}

/// apr_isspace in the C locale.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C')
}

fn trim_end(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        let p = parse(line);
        match p.tree.items.first() {
            Some(ast::Item::Directive(d)) => std::iter::once(d.name.text.to_string())
                .chain(d.args.iter().map(|w| w.text.to_string()))
                .collect(),
            other => panic!("not a directive: {other:?}"),
        }
    }

    #[test]
    fn getword_conf_unescapes_like_httpd() {
        assert_eq!(
            words(r#"A "x\"y" 'p\'q' "a\'b" r\\s t\"u"#),
            ["A", "x\"y", "p'q", "a\\'b", "r\\s", "t\\\"u"]
        );
        assert_eq!(words(r#"A "ab"cd 'e f'"#), ["A", "ab", "cd", "e f"]);
        assert_eq!(words("A \"open   \t"), ["A", "open"]);
    }

    #[test]
    fn continuation_needs_backslash_right_before_newline() {
        assert_eq!(words("A b\\\nc"), ["A", "bc"]);
        assert_eq!(words("A b\\\r\nc"), ["A", "bc"]);
        assert_eq!(words("A b\\ \nc").len(), 2);
        // `\\` + newline + empty line: both backslashes go.
        assert_eq!(words("A b\\\\\n\nc"), ["A", "bc"]);
        assert_eq!(words("A b\\\\\nc"), ["A", "b\\c"]);
    }

    #[test]
    fn nul_ends_the_physical_line() {
        let p = parse("A b\0c d\nE f");
        assert_eq!(p.tree.items.len(), 2);
        assert_eq!(words("A b\0c d"), ["A", "b"]);
    }
}
