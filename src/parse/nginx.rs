//! Parser for nginx configuration files.
//!
//! `grammar/nginx.pest` splits the text into tokens exactly where
//! `ngx_conf_read_token` does; this module assembles them into directives
//! and blocks with an explicit stack, finds what nginx would reject, and
//! carries on after each error so that every one of them is reported.

use crate::span::TextRange;
use crate::syntax::nginx as ast;
use crate::syntax::{Comment, Parsed, Quote, SyntaxError, Text, Word};
use pest::iterators::Pair;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/nginx.pest"]
struct NginxParser;

/// nginx reads a file through a buffer of this many bytes
/// (`NGX_CONF_BUFFER`); one token must fit in it.
const CONF_BUFFER: usize = 4096;

/// Blocks nested deeper than this are not read. No real config comes near
/// it (http, server, a location in a location, an `if`), and whatever
/// walks the tree (the model, the rules, the editor) may then recurse on
/// it without a bound of its own.
pub const MAX_DEPTH: usize = 100;

/// Directives whose blocks are read by a custom handler (`cf->handler` in
/// nginx): their entries are lists of words, and a `{` among them is an
/// error in `ngx_conf_parse`.
const HANDLER_BLOCKS: &[&str] = &["map", "geo", "types", "split_clients", "charset_map"];

pub fn parse(text: &str) -> Parsed<ast::File> {
    let mut b = Builder::new(text);
    // Not `Rule::lua_anywhere`: on the usual file, without Lua, that parse
    // fails, and pest's error counts lines from the start of the file to
    // give its position (4.5% of the time to parse a 65 MB file).
    let lua = text.contains("_by_lua_block");
    if lua {
        // `*_by_lua_block` bodies follow statements: read the whole file.
        match NginxParser::parse(Rule::file, text) {
            Ok(mut pairs) => {
                if let Some(file) = pairs.next() {
                    for pair in file.into_inner() {
                        b.token(pair, 0);
                    }
                }
            }
            // The grammar accepts every input; this is only a safety net.
            Err(e) => b
                .errors
                .push(super::unreadable_at(&e, text, "an nginx configuration")),
        }
    } else {
        parse_in_slices(text, &mut b, SLICE);
    }
    b.finish()
}

/// Bytes of text given to pest at once. Its queue costs about 80 bytes per
/// token, so a whole 65 MB file took 400 MB; a slice this size, 1 MB.
const SLICE: usize = 128 * 1024;

/// Reads a file without Lua blocks slice by slice with `Rule::chunk`. A
/// token that reaches the end of a slice may be cut short there (a word,
/// a comment, a quote running on), so it is left for the next slice,
/// which starts where it starts; every earlier token ended at a byte of
/// the slice (a space, `;`, a closing quote, a newline) and is exactly
/// what the whole file gives. A single token longer than a slice doubles
/// the slice until it fits.
fn parse_in_slices(text: &str, b: &mut Builder<'_>, slice_size: usize) {
    let mut pos = 0;
    let mut size = slice_size;
    while pos < text.len() {
        let mut end = pos.saturating_add(size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let last = end == text.len();
        let slice = &text[pos..end];
        let pairs = match NginxParser::parse(Rule::chunk, slice) {
            Ok(mut pairs) => pairs.next().map(Pair::into_inner),
            Err(e) => {
                let mut err = super::unreadable_at(&e, slice, "an nginx configuration");
                err.range = TextRange::empty_at(pos + err.range.start as usize);
                b.errors.push(err);
                return;
            }
        };
        let mut resume = end;
        for pair in pairs.into_iter().flatten() {
            if pair.as_rule() == Rule::EOI {
                continue;
            }
            let span = pair.as_span();
            if !last && span.end() == slice.len() {
                resume = pos + span.start();
                break;
            }
            b.token(pair, pos);
        }
        if resume == pos {
            size = size.saturating_mul(2);
        } else {
            size = slice_size;
        }
        pos = resume;
    }
}

/// An open block: the directive that opened it (none for the file itself
/// and for a `{` with no directive name) and what it holds so far.
struct Frame {
    head: Option<(Word, Vec<Word>)>,
    items: Vec<Item>,
    open: TextRange,
    /// Where the directive goes among the parent's items (comments between
    /// its words come before it).
    slot: usize,
    /// Entries are read by a custom handler (`map`, `types`, ...).
    handler: Option<&'static str>,
}

type Item = ast::Item;

/// The directive being read: its words so far, where it goes among the
/// block's items (comments between its words come before it), and whether
/// an error was already reported for it (one per statement is enough).
#[derive(Default)]
struct Pending {
    words: Vec<Word>,
    slot: usize,
    reported: bool,
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    pending: Pending,
    /// End of the previous token when it was a closed quoted word: nginx
    /// then wants a space, `;`, `{` or `)` right there.
    after_quote: Option<usize>,
    /// A quoted word that runs to the end of the file.
    unclosed_quote: Option<TextRange>,
    /// A quote or a Lua block swallowed the rest of the file, so the blocks
    /// still open at its end say nothing new.
    swallowed: bool,
    /// Braces open inside a block opened deeper than [`MAX_DEPTH`], whose
    /// tokens are counted, not read, until its own `}`.
    skipping: usize,
    errors: Vec<SyntaxError>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            stack: vec![Frame {
                head: None,
                items: Vec::new(),
                open: TextRange::empty_at(0),
                slot: 0,
                handler: None,
            }],
            pending: Pending::default(),
            after_quote: None,
            unclosed_quote: None,
            swallowed: false,
            skipping: 0,
            errors: Vec::new(),
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("the file frame is never popped")
    }

    /// One token; `base` is where the text pest read starts in the file.
    fn token(&mut self, pair: Pair<'_, Rule>, base: usize) {
        let span = pair.as_span();
        let range = TextRange::new(base + span.start(), base + span.end());
        if self.skipping > 0 {
            self.skip(pair.as_rule(), range);
            return;
        }
        let after_quote = self.after_quote.take();
        if after_quote == Some(range.start as usize) && pair.as_rule() != Rule::EOI {
            self.glued_to_quote(range.start as usize, pair.as_rule());
        }
        match pair.as_rule() {
            Rule::comment => self.comment(range),
            Rule::token => match self.text.as_bytes()[range.start as usize] {
                b';' => self.semicolon(range),
                b'{' => self.open_brace(range),
                b'}' => self.close_brace(range),
                _ => self.push_word(range, Quote::None, true),
            },
            Rule::lua_name => {
                let quote = match self.text.as_bytes()[range.start as usize] {
                    b'"' => Quote::Double,
                    b'\'' => Quote::Single,
                    _ => Quote::None,
                };
                self.push_word(range, quote, true);
            }
            Rule::dq_word => {
                self.push_word(range, Quote::Double, true);
                self.after_quote = Some(range.end as usize);
            }
            Rule::sq_word => {
                self.push_word(range, Quote::Single, true);
                self.after_quote = Some(range.end as usize);
            }
            Rule::dq_unclosed | Rule::sq_unclosed => {
                let quote = if pair.as_rule() == Rule::dq_unclosed {
                    Quote::Double
                } else {
                    Quote::Single
                };
                self.push_word(range, quote, false);
                self.unclosed_quote = Some(range);
            }
            Rule::lua_directive => self.lua_directive(pair),
            _ => {}
        }
    }

    /// A token inside a block too deep to read: only its braces count.
    fn skip(&mut self, rule: Rule, range: TextRange) {
        if rule != Rule::token {
            return;
        }
        match self.text.as_bytes()[range.start as usize] {
            b'{' => self.skipping += 1,
            b'}' => {
                self.skipping -= 1;
                if self.skipping == 0 {
                    self.close_brace(range);
                }
            }
            _ => {}
        }
    }

    /// Opens a block; past [`MAX_DEPTH`] its content is skipped.
    fn push_frame(&mut self, frame: Frame) {
        if self.stack.len() > MAX_DEPTH {
            self.errors.push(
                SyntaxError::new(
                    frame.open,
                    format!("blocks nested more than {MAX_DEPTH} deep: hoplint does not check what they hold"),
                )
                .label("hoplint does not read what this block holds")
                .help("nginx itself sets no such limit, but no server needs this depth: look for a `}` missing above")
                .hoplint_limit(),
            );
            self.skipping = 1;
        }
        self.stack.push(frame);
    }

    fn comment(&mut self, range: TextRange) {
        let raw = &self.text[range.as_range()];
        let end = range.end as usize;
        self.check_length(range.start as usize, end, end, false, range);
        let body = raw.strip_suffix('\r').unwrap_or(raw);
        let range = TextRange::new(range.start as usize, range.start as usize + body.len());
        self.top().items.push(Item::Comment(Comment {
            text: body[1..].into(),
            range,
        }));
    }

    /// nginx's need_space state: only a space, `;`, `{` or `)` may follow a
    /// closing quote.
    fn glued_to_quote(&mut self, at: usize, rule: Rule) {
        let ch = self.text[at..].chars().next().unwrap_or(' ');
        let allowed = match rule {
            // `;`, `{`, or a word that starts with `)`.
            Rule::token => matches!(ch, ';' | '{' | ')'),
            _ => false,
        };
        if allowed {
            return;
        }
        let here = TextRange::new(at, at + ch.len_utf8());
        let err = SyntaxError::new(
            here,
            format!("unexpected `{ch}` right after a closing quote"),
        )
        .label("nginx expects a space, `;` or `{` here")
        .help("put a space after the quote, or move the quote to the end of the value");
        self.report(err);
    }

    /// Reports an error for the current statement, once.
    fn report(&mut self, err: SyntaxError) {
        if !self.pending.reported {
            self.errors.push(err);
        }
        if !self.pending.words.is_empty() {
            self.pending.reported = true;
        }
    }

    /// `closed` is false for a quoted word that runs to the end of the file.
    fn push_word(&mut self, range: TextRange, quote: Quote, closed: bool) {
        let (start, end) = match (quote, closed) {
            (Quote::None, _) => (range.start as usize, range.end as usize),
            (_, true) => (range.start as usize + 1, range.end as usize - 1),
            (_, false) => (range.start as usize + 1, range.end as usize),
        };
        // The last byte nginx reads before it moves on to the next token.
        let after = end + usize::from(quote != Quote::None);
        let spaced = matches!(
            self.text.as_bytes().get(after),
            Some(b' ' | b'\t' | b'\r' | b'\n')
        );
        let last_read = after + usize::from(spaced);
        self.check_length(start, last_read, end, quote != Quote::None, range);
        if self.pending.words.is_empty() {
            self.pending.slot = self.top().items.len();
        }
        self.pending.words.push(Word {
            text: unescape(&self.text[start..end]),
            range,
            quote,
        });
    }

    /// nginx fails with "too long parameter" when it must read the byte at
    /// `start + NGX_CONF_BUFFER` while a token begun at `start` is still
    /// unfinished, unless the file ends there. `last_read` is the last byte
    /// it reads before moving on to the next token; `content_end` is where a
    /// quoted word's closing quote is.
    fn check_length(
        &mut self,
        start: usize,
        last_read: usize,
        content_end: usize,
        quoted: bool,
        range: TextRange,
    ) {
        let limit = start + CONF_BUFFER;
        if last_read < limit || limit >= self.text.len() {
            return;
        }
        let inside_quotes = quoted && limit <= content_end;
        let what = if range.start as usize == start && self.text[start..].starts_with('#') {
            "comment line"
        } else if inside_quotes {
            "quoted value (or a quote that is never closed)"
        } else {
            "word"
        };
        let first = self.text[range.as_range()]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        let err = SyntaxError::new(
            TextRange::new(range.start as usize, range.start as usize + first),
            format!("this {what} is too long for nginx (\"too long parameter\")"),
        )
        .label(format!(
            "nginx reads at most {CONF_BUFFER} bytes of one token, starting here"
        ))
        .help(if inside_quotes {
            "check that the closing quote is where you meant it; otherwise shorten the value"
        } else {
            "shorten it, or split it over several directives"
        });
        self.report(err);
    }

    fn semicolon(&mut self, range: TextRange) {
        if self.pending.words.is_empty() {
            self.errors.push(
                SyntaxError::new(range, "unexpected `;`: there is no directive for it to end")
                    .label("nothing to end here")
                    .help("remove this `;`"),
            );
            return;
        }
        self.finish_directive(range.end as usize, None);
    }

    fn open_brace(&mut self, range: TextRange) {
        let handler = self.top().handler;
        if self.pending.words.is_empty() {
            self.errors.push(
                SyntaxError::new(
                    range,
                    "unexpected `{`: a block needs a directive name before it",
                )
                .label("block without a name"),
            );
            self.push_frame(Frame {
                head: None,
                items: Vec::new(),
                open: range,
                slot: 0,
                handler: None,
            });
            return;
        }
        if let Some(parent) = handler {
            let entry = self.directive_text(&self.pending.words);
            let err = SyntaxError::new(range, format!("unexpected `{{` in a `{parent}` block"))
                .label(format!("`{parent}` entries are words ended by `;`, not blocks"))
                .help(format!(
                    "if `{{` is part of a regex (as in `{{1,5}}`), put the whole value in quotes: `\"{entry}{{...\"`"
                ));
            self.report(err);
            // A `{` glued to the word is most likely a regex quantifier
            // (`~^/a{1,5}$`): end the entry here rather than open a block,
            // so that the `}` later on does not close the `map` itself.
            let last = &self.pending.words[self.pending.words.len() - 1];
            if last.range.end == range.start {
                self.finish_directive(range.end as usize, None);
                return;
            }
        }
        let slot = self.pending.slot;
        self.pending.reported = false;
        let head = self.take_head();
        // A block opened by mistake inside `map` is not read as `map` entries.
        let handler = match (handler, &head) {
            (None, Some((name, _))) => HANDLER_BLOCKS.iter().copied().find(|h| *h == name.text),
            _ => None,
        };
        self.push_frame(Frame {
            head,
            items: Vec::new(),
            open: range,
            slot,
            handler,
        });
    }

    fn close_brace(&mut self, range: TextRange) {
        if !self.pending.words.is_empty() {
            let text = self.directive_text(&self.pending.words);
            let first = self.pending.words[0].range;
            let last = self.pending.words[self.pending.words.len() - 1].range;
            let err = SyntaxError::new(range, format!("expected `;` or `{{` after `{text}`"))
                .label("the block ends before the directive does")
                .related(first.cover(last), "this directive is not terminated")
                .help("add `;` at the end of the directive");
            self.report(err);
            self.finish_directive(last.end as usize, None);
        }
        if self.stack.len() == 1 {
            self.errors.push(
                SyntaxError::new(range, "unexpected `}`: no block is open here")
                    .label("this `}` closes nothing")
                    .help("remove it, or look for a `{` missing above"),
            );
            return;
        }
        let frame = self.stack.pop().expect("checked above");
        self.close_frame(frame, Some(range));
    }

    fn close_frame(&mut self, mut frame: Frame, close: Option<TextRange>) {
        // The items grew by doubling; what is kept is only what they hold.
        frame.items.shrink_to_fit();
        let end = close.map_or(self.text.len(), |c| c.end as usize);
        match frame.head {
            Some((name, args)) => {
                let range = TextRange::new(name.range.start as usize, end);
                let d = ast::Directive {
                    name,
                    args,
                    block: Some(Box::new(ast::Block {
                        items: frame.items,
                        open: frame.open,
                        close,
                    })),
                    raw_block: None,
                    range,
                };
                place(&mut self.top().items, frame.slot, Item::Directive(d));
            }
            // A `{` with no name: keep what it holds.
            None => self.top().items.extend(frame.items),
        }
    }

    /// Ends the pending directive at `end` (`;`, or its last word when it
    /// was never terminated).
    fn finish_directive(&mut self, end: usize, raw_block: Option<Word>) {
        let slot = self.pending.slot;
        self.pending.reported = false;
        let Some((name, args)) = self.take_head() else {
            return;
        };
        let d = ast::Directive {
            range: TextRange::new(name.range.start as usize, end),
            name,
            args,
            block: None,
            raw_block: raw_block.map(Box::new),
        };
        place(&mut self.top().items, slot, Item::Directive(d));
    }

    /// The pending words as a name and its arguments. The arguments get a
    /// vector of their own, of exactly their size, and the pending buffer
    /// keeps its capacity for the next directive: growing a fresh vector per
    /// directive was a third of the tree's memory (four words' room for
    /// the usual two or three) and of its allocations.
    fn take_head(&mut self) -> Option<(Word, Vec<Word>)> {
        let mut words = self.pending.words.drain(..);
        let name = words.next()?;
        Some((name, words.collect()))
    }

    fn lua_directive(&mut self, pair: Pair<'_, Rule>) {
        let mut open = None;
        let mut body = None;
        let mut close = None;
        let mut last_brace = None;
        let mut unclosed_long = None;
        for p in pair.into_inner() {
            let range = TextRange::from(p.as_span());
            match p.as_rule() {
                Rule::lua_open => open = Some(range),
                Rule::lua_close => close = Some(range),
                Rule::lua_body => {
                    for q in p.clone().into_inner() {
                        let r = TextRange::from(q.as_span());
                        match q.as_rule() {
                            Rule::lua_brace => last_brace = Some(r),
                            Rule::lua_long_unclosed => unclosed_long = Some(r),
                            _ => {}
                        }
                    }
                    body = Some(range);
                }
                _ => self.token(p, 0),
            }
        }
        let (Some(open), Some(body)) = (open, body) else {
            return;
        };
        self.after_quote = None;
        let raw = Word {
            text: self.text[body.as_range()].into(),
            range: open.cover(close.unwrap_or(body)),
            quote: Quote::None,
        };
        let name = self
            .pending
            .words
            .first()
            .map(|w| w.text.clone())
            .unwrap_or_default();
        let end = close.map_or(self.text.len(), |c| c.end as usize);
        self.finish_directive(end, Some(raw));
        if close.is_some() {
            return;
        }
        self.swallowed = true;
        let err = match unclosed_long {
            Some(long) => {
                let opener: String = self.text[long.as_range()]
                    .chars()
                    .take_while(|c| matches!(c, '[' | '='))
                    .collect();
                let at = TextRange::new(long.start as usize, long.start as usize + opener.len());
                SyntaxError::new(
                    at,
                    format!("the Lua long bracket `{opener}` is never closed"),
                )
                .label("the rest of the file is read as this Lua string")
                .related(open, format!("the `{name}` code opened here"))
            }
            None => {
                // lua-nginx-module names the line of the last `{` it saw.
                let at = last_brace.unwrap_or(open);
                let mut err =
                    SyntaxError::new(at, format!("the Lua code of `{name}` is never closed"))
                        .label("the file ends before the `}` matching this `{`");
                if at != open {
                    err = err.related(open, format!("the `{name}` code opened here"));
                }
                err.help("Lua braces are counted outside strings and comments; add the missing `}`")
            }
        };
        self.errors.push(err);
    }

    fn finish(mut self) -> Parsed<ast::File> {
        let eof = TextRange::empty_at(self.text.len());
        if !self.pending.words.is_empty() {
            let first = self.pending.words[0].range;
            let last = self.pending.words[self.pending.words.len() - 1].range;
            let err = match self.unclosed_quote {
                Some(q) if q == last => {
                    self.swallowed = true;
                    let mark = &self.text[q.start as usize..q.start as usize + 1];
                    SyntaxError::new(eof, "a quoted string is never closed")
                        .label("the file ends inside the quotes")
                        .related(
                            TextRange::new(q.start as usize, q.start as usize + 1),
                            format!("the `{mark}` opened here"),
                        )
                        .help(format!("add the closing `{mark}`"))
                }
                _ => {
                    let text = self.directive_text(&self.pending.words);
                    SyntaxError::new(eof, format!("expected `;` or `{{` after `{text}`"))
                        .label("the file ends here")
                        .related(first.cover(last), "this directive is not terminated")
                        .help("add `;` at the end of the directive")
                }
            };
            self.report(err);
            self.finish_directive(last.end as usize, None);
        }
        while self.stack.len() > 1 {
            let frame = self.stack.pop().expect("checked by the loop");
            if !self.swallowed {
                let what = match &frame.head {
                    Some((name, _)) => format!("the `{}` block", name.text),
                    None => "the block".to_string(),
                };
                self.errors.push(
                    SyntaxError::new(eof, format!("{what} is never closed"))
                        .label("the file ends here, expecting `}`")
                        .related(frame.open, format!("{what} opened here"))
                        .help("add the missing `}`"),
                );
            }
            self.close_frame(frame, None);
        }
        let mut items = self.stack.pop().map(|f| f.items).unwrap_or_default();
        items.shrink_to_fit();
        Parsed {
            tree: ast::File { items },
            errors: self.errors,
        }
    }

    /// A directive as the admin wrote it, on one line and not too long.
    fn directive_text(&self, words: &[Word]) -> String {
        let mut s = String::new();
        for w in words {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&self.text[w.range.as_range()]);
        }
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() > 60 {
            let cut: String = s.chars().take(57).collect();
            format!("{cut}...")
        } else {
            s
        }
    }
}

/// Puts a directive where its first word was read: comments between its
/// words come before it. That is nearly always the end of the block.
fn place(items: &mut Vec<Item>, slot: usize, item: Item) {
    if slot >= items.len() {
        items.push(item);
    } else {
        items.insert(slot, item);
    }
}

/// nginx's unescaping, done on every word, quoted or not: `\"`, `\'` and
/// `\\` lose the backslash, `\t`, `\r`, `\n` become the control character,
/// and any other backslash stays as written.
fn unescape(raw: &str) -> Text {
    if !raw.as_bytes().contains(&b'\\') {
        return Text::new(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('"' | '\'' | '\\') => out.push(chars.next().unwrap_or('\\')),
            Some('t') => {
                chars.next();
                out.push('\t');
            }
            Some('r') => {
                chars.next();
                out.push('\r');
            }
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            _ => out.push('\\'),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole file read at once by `Rule::file`, as before slices.
    fn whole(text: &str) -> String {
        let mut b = Builder::new(text);
        let mut pairs = NginxParser::parse(Rule::file, text).expect("accepts every input");
        for pair in pairs.next().expect("a file").into_inner() {
            b.token(pair, 0);
        }
        format!("{:?}", b.finish())
    }

    fn sliced(text: &str, size: usize) -> String {
        let mut b = Builder::new(text);
        parse_in_slices(text, &mut b, size);
        format!("{:?}", b.finish())
    }

    /// Every cut of a slice, in every kind of token, gives the tree and the
    /// errors of the whole file.
    #[test]
    fn slices_read_as_the_whole_file() {
        let texts = [
            "http {\n  server { listen 80; # a comment ; {\n    location ~ \\.php$ { fastcgi_pass unix:/run/php.sock; }\n  }\n}\n",
            "a \"quoted ; { } \\\" word\" 'single \\' quote';\nb\\ c\\\nd ${var}{x} \"glued\"x;\n",
            "map $a $b { default 1; ~^/a{1,5}$ 2; }\r\nunclosed \"runs on\n to the end",
            "}} ;; {{ x y\n#c\n'open",
            "é ü ☃ \"ß\" #ö\nlisten [::1]:80;",
        ];
        for text in texts {
            let want = whole(text);
            for size in 1..=text.len() + 1 {
                assert_eq!(
                    sliced(text, size),
                    want,
                    "slices of {size} bytes of {text:?}"
                );
            }
        }
    }
}
