//! Parser for php-fpm configuration files: `grammar/php_fpm.pest` splits
//! the text into lines of sections, entries and comments (every input is
//! accepted), and this builder turns the pairs into `syntax::php_fpm`
//! items, reading values the way PHP's INI scanner does. php-fpm stops at
//! the first bad line; we report the first error of every line instead.

use crate::span::TextRange;
use crate::syntax::php_fpm::{self as ast, ValueKind};
use crate::syntax::{Comment, Parsed, Quote, SyntaxError, Word};
use pest::iterators::{Pair, Pairs};
use pest::Parser;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "grammar/php_fpm.pest"]
struct IniParser;

const OPERATOR_HELP: &str = "in an unquoted value PHP reads `|`, `&`, `^`, `~`, `!`, `(` and `)` \
     as an integer expression; put the value in double quotes to use them as text";

pub fn parse(text: &str) -> Parsed<ast::File> {
    let mut b = Builder {
        items: Vec::new(),
        errors: Vec::new(),
    };
    match IniParser::parse(Rule::file, text) {
        Ok(pairs) => {
            for line in pairs.flat_map(|f| f.into_inner()) {
                if matches!(line.as_rule(), Rule::line | Rule::last_line) {
                    b.line(line);
                }
            }
        }
        // The grammar accepts every input; this is a safety net only.
        Err(e) => b
            .errors
            .push(super::unreadable_at(&e, text, "a php-fpm configuration")),
    }
    Parsed {
        tree: ast::File { items: b.items },
        errors: b.errors,
    }
}

struct Builder {
    items: Vec<ast::Item>,
    errors: Vec<SyntaxError>,
}

/// What the last statement of a line was, to explain leftover text.
enum Before {
    Nothing,
    Entry(String),
    Key(Word),
    Offset(String, TextRange),
}

fn range(p: &Pair<Rule>) -> TextRange {
    p.as_span().into()
}

fn first_char(s: &str) -> String {
    s.chars().next().map(String::from).unwrap_or_default()
}

impl Builder {
    fn line(&mut self, line: Pair<Rule>) {
        // php-fpm gives up on a line at its first error; so do we.
        let mut error: Option<SyntaxError> = None;
        let mut before = Before::Nothing;
        for p in line.into_inner() {
            match p.as_rule() {
                Rule::section => {
                    self.section(p, &mut error);
                    before = Before::Nothing;
                }
                Rule::comment => self.comment(p),
                Rule::entry => before = self.entry(p, &mut error),
                Rule::bare_key => before = bare_key(p, &mut error),
                Rule::junk => {
                    let e = junk_error(&p, &before);
                    error.get_or_insert(e);
                    before = Before::Nothing;
                }
                _ => {}
            }
        }
        match before {
            Before::Key(key) => {
                error.get_or_insert(no_value_error(key));
            }
            Before::Offset(k, at) => {
                error.get_or_insert(
                    SyntaxError::new(at, format!("expected `=` after `{k}`"))
                        .label("the line ends here"),
                );
            }
            _ => {}
        }
        self.errors.extend(error);
    }

    fn comment(&mut self, p: Pair<Rule>) {
        let text = p.as_str()[1..].to_string();
        self.items.push(ast::Item::Comment(Comment {
            text: text.into(),
            range: range(&p),
        }));
    }

    fn section(&mut self, p: Pair<Rule>, error: &mut Option<SyntaxError>) {
        let whole = range(&p);
        let src = p.as_str();
        let (name, unclosed) = name_parts(p.into_inner(), whole.start as usize + 1, error);
        if unclosed {
            error.get_or_insert(
                SyntaxError::new(
                    whole,
                    format!("the section header `{src}` is missing its closing `]`"),
                )
                .label("no `]` on this line")
                .help("a section header is `[name]` on one line; `;` is not allowed inside it"),
            );
        }
        self.items.push(ast::Item::Section { name, range: whole });
    }

    fn entry(&mut self, p: Pair<Rule>, error: &mut Option<SyntaxError>) -> Before {
        let whole = range(&p);
        let mut key: Option<Word> = None;
        let mut subkey: Option<Word> = None;
        let mut comment: Option<Pair<Rule>> = None;
        let mut value = (word("", whole.end as usize, Quote::None), ValueKind::String);
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::label => {
                    let k = label_word(&c);
                    check_key(&k, error);
                    key = Some(k);
                }
                Rule::offset => subkey = Some(offset(c, key.as_ref(), error)),
                Rule::value => {
                    let name = key.as_ref().map(|k| k.text.as_str()).unwrap_or("");
                    value = read_value(c, name, error);
                }
                Rule::comment => comment = Some(c),
                _ => {}
            }
        }
        let key = key.unwrap_or_else(|| word("", whole.start as usize, Quote::None));
        let shown = key.text.to_string();
        let end = if value.0.range.is_empty() {
            whole.end.min(value.0.range.end.max(key.range.end))
        } else {
            value.0.range.end
        };
        let (value, kind) = value;
        self.items.push(ast::Item::Entry(ast::Entry {
            range: TextRange {
                start: key.range.start,
                end: end.max(key.range.end),
            },
            key,
            subkey,
            value,
            kind,
        }));
        if let Some(c) = comment {
            self.comment(c);
        }
        Before::Entry(shown)
    }
}

fn word(text: &str, at: usize, quote: Quote) -> Word {
    Word {
        text: text.into(),
        range: TextRange::empty_at(at),
        quote,
    }
}

/// The scanner trims the spaces around a key.
fn label_word(p: &Pair<Rule>) -> Word {
    let s = p.as_str();
    let start = p.as_span().start();
    let lead = s.len() - s.trim_start_matches(' ').len();
    let text = s.trim_matches(' ');
    Word {
        text: text.into(),
        range: TextRange::new(start + lead, start + lead + text.len()),
        quote: Quote::None,
    }
}

fn check_key(k: &Word, error: &mut Option<SyntaxError>) {
    const KEYWORDS: &[&str] = &["true", "on", "yes", "false", "off", "no", "none", "null"];
    if k.text.starts_with('#') {
        error.get_or_insert(
            SyntaxError::new(
                k.range,
                format!("`{}` is read as a key, not a comment", k.text),
            )
            .label("php-fpm reads this as a setting name")
            .help("`#` does not start a comment in php-fpm (PHP 7 and later); use `;`"),
        );
    } else if KEYWORDS.iter().any(|w| w.eq_ignore_ascii_case(&k.text)) {
        error.get_or_insert(
            SyntaxError::new(k.range, format!("`{}` cannot be used as a key", k.text))
                .label("PHP reads this word as a boolean or null, not as a name"),
        );
    }
}

fn bare_key(p: Pair<Rule>, error: &mut Option<SyntaxError>) -> Before {
    let end = p.as_span().end();
    let mut key: Option<Word> = None;
    let mut sub: Option<Word> = None;
    for c in p.into_inner() {
        match c.as_rule() {
            Rule::label => {
                let k = label_word(&c);
                check_key(&k, error);
                key = Some(k);
            }
            Rule::offset => sub = Some(offset(c, key.as_ref(), error)),
            _ => {}
        }
    }
    let Some(key) = key else {
        return Before::Nothing;
    };
    if let Some(sub) = sub {
        return Before::Offset(
            format!("{}[{}]", key.text, sub.text),
            TextRange::empty_at(end),
        );
    }
    // The line may still go on with a character that cannot follow a key;
    // that is the more useful error, so this one waits.
    Before::Key(key)
}

fn no_value_error(key: Word) -> SyntaxError {
    SyntaxError::new(key.range, format!("`{}` has no `=` and no value", key.text))
        .label("php-fpm stops here: \"value is NULL for a ZEND_INI_PARSER_ENTRY\"")
        .help("write `key = value`; comments start with `;`")
}

fn offset(p: Pair<Rule>, key: Option<&Word>, error: &mut Option<SyntaxError>) -> Word {
    let whole = range(&p);
    let key = key.map(|k| k.text.as_str()).unwrap_or("");
    let inner_start = whole.start as usize + 1;
    let (sub, unclosed) = name_parts(p.into_inner(), inner_start, error);
    if unclosed {
        error.get_or_insert(
            SyntaxError::new(whole, format!("`{key}[` is missing its closing `]`"))
                .label("no `]` on this line"),
        );
    } else if sub.text.is_empty() && key != "access.suppress_path" {
        // php-fpm 8.2 takes `access.suppress_path[] = /path` without a key;
        // every other array key needs one (`fpm_conf_ini_parser_array()`,
        // whose words changed in 8.2).
        error.get_or_insert(
            SyntaxError::new(
                whole,
                format!("`{key}[]` needs a name between the brackets"),
            )
            .label(format!(
                "php-fpm 8.2+: \"You must provide a key for field '{key}'\" (7.4 to 8.1: \"Misspelled  array ?\")"
            )),
        );
    }
    sub
}

/// A section name or array key: text, quoted strings and `${VAR}` glued
/// together. Returns the word and whether the closing `]` is missing.
fn name_parts(pairs: Pairs<Rule>, start: usize, error: &mut Option<SyntaxError>) -> (Word, bool) {
    let mut text = String::new();
    let mut covered: Option<TextRange> = None;
    let mut quotes = Vec::new();
    let mut unclosed = false;
    let mut parts = 0;
    for part in pairs {
        let r = range(&part);
        match part.as_rule() {
            Rule::section_unclosed | Rule::offset_unclosed => {
                unclosed = true;
                continue;
            }
            Rule::name_text => text.push_str(part.as_str()),
            Rule::sq_string => {
                quotes.push(Quote::Single);
                text.push_str(&part.as_str()[1..part.as_str().len() - 1]);
            }
            Rule::dq_string => {
                quotes.push(Quote::Double);
                text.push_str(&dq_string(part, error));
            }
            Rule::var_ref => text.push_str(&var_ref(part, error)),
            _ => continue,
        }
        parts += 1;
        covered = Some(covered.map_or(r, |c| c.cover(r)));
    }
    // Quoted only when one quoted string is the whole name.
    let quote = match quotes.as_slice() {
        [q] if parts == 1 => *q,
        _ => Quote::None,
    };
    let range = covered.unwrap_or(TextRange::empty_at(start));
    (
        Word {
            text: text.into(),
            range,
            quote,
        },
        unclosed,
    )
}

/// `"..."`: PHP turns `\"`, `\\` and `\$` into the character and keeps
/// every other backslash. `${VAR}` stays as written.
fn dq_string(p: Pair<Rule>, error: &mut Option<SyntaxError>) -> String {
    let whole = range(&p);
    let mut out = String::new();
    for c in p.into_inner() {
        match c.as_rule() {
            Rule::dq_text => unescape_into(c.as_str(), &mut out),
            Rule::var_ref => out.push_str(&var_ref(c, error)),
            Rule::dq_unclosed => {
                error.get_or_insert(
                    SyntaxError::new(whole, "this double-quoted string is never closed")
                        .label("no closing `\"` on this line")
                        .help("php-fpm reads one line at a time: a quoted value must end on its own line"),
                );
            }
            _ => {}
        }
    }
    out
}

fn unescape_into(s: &str, out: &mut String) {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e @ ('"' | '\\' | '$')) => out.push(e),
            Some(e) => {
                out.push('\\');
                out.push(e);
            }
            None => out.push('\\'),
        }
    }
}

/// `${NAME}` is resolved by php-fpm at load time from PHP's ini settings or
/// the environment; the tree keeps it as written.
fn var_ref(p: Pair<Rule>, error: &mut Option<SyntaxError>) -> String {
    let whole = range(&p);
    let src = p.as_str().to_string();
    if p.into_inner().any(|c| c.as_rule() == Rule::var_unclosed) {
        error.get_or_insert(
            SyntaxError::new(whole, "`${` must be followed by a variable name and `}`")
                .label("unfinished `${...}`")
                .help("write `${NAME}`; to use a literal `$`, write it without `{`"),
        );
    }
    src
}

enum Tok {
    Bool(bool),
    Null,
    Op(char),
    Text(String, Quote),
    Space,
}

/// true/on/yes/false/off/no/none/null are keywords only as a whole token
/// (the scanner takes the longest match, so `online` is text).
fn keyword(s: &str) -> Option<Tok> {
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(s));
    if s.len() > 5 {
        None
    } else if is(&["true", "on", "yes"]) {
        Some(Tok::Bool(true))
    } else if is(&["false", "off", "no", "none"]) {
        Some(Tok::Bool(false))
    } else if is(&["null"]) {
        Some(Tok::Null)
    } else {
        None
    }
}

fn read_value(p: Pair<Rule>, key: &str, error: &mut Option<SyntaxError>) -> (Word, ValueKind) {
    let value_start = p.as_span().start();
    let src = p.as_str();
    let mut toks: Vec<(Tok, TextRange, String)> = Vec::new();
    for c in p.into_inner() {
        let r = range(&c);
        let s = c.as_str().to_string();
        let tok = match c.as_rule() {
            Rule::val_op => Tok::Op(s.chars().next().unwrap_or('|')),
            Rule::val_text => keyword(&s).unwrap_or_else(|| Tok::Text(s.clone(), Quote::None)),
            Rule::val_ws => Tok::Space,
            Rule::sq_string => Tok::Text(s[1..s.len() - 1].to_string(), Quote::Single),
            Rule::dq_string => Tok::Text(dq_string(c, error), Quote::Double),
            Rule::var_ref => Tok::Text(var_ref(c, error), Quote::None),
            _ => continue,
        };
        toks.push((tok, r, s));
    }
    // The scanner folds blanks into the token before a `"`, after a `"` or
    // an operator, and before the end of the line; other blanks are text.
    let kept: Vec<usize> = (0..toks.len())
        .filter(|&i| {
            if !matches!(toks[i].0, Tok::Space) {
                return true;
            }
            let next_dq = toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.0, Tok::Text(_, Quote::Double)));
            let prev_dq = i > 0 && matches!(toks[i - 1].0, Tok::Text(_, Quote::Double));
            i + 1 < toks.len() && !next_dq && !prev_dq
        })
        .collect();
    let Some((&first, &last)) = kept.first().zip(kept.last()) else {
        return (word("", value_start, Quote::None), ValueKind::String);
    };
    let covered = toks[first].1.cover(toks[last].1);
    let source = &src[covered.start as usize - value_start..covered.end as usize - value_start];

    let keyword = kept
        .iter()
        .position(|&i| matches!(toks[i].0, Tok::Bool(_) | Tok::Null));
    if let Some(pos) = keyword {
        if kept.len() == 1 {
            let (text, kind) = match toks[first].0 {
                Tok::Bool(true) => ("1", ValueKind::Bool(true)),
                Tok::Bool(false) => ("", ValueKind::Bool(false)),
                _ => ("", ValueKind::Null),
            };
            let w = Word {
                text: text.into(),
                range: covered,
                quote: Quote::None,
            };
            return (w, kind);
        }
        let i = kept[pos];
        let (r, s) = (toks[i].1, &toks[i].2);
        error.get_or_insert(
            SyntaxError::new(
                r,
                format!("`{s}` cannot be part of a longer value of `{key}`"),
            )
            .label("PHP reads this word as a boolean or null")
            .help(
                "a value that contains true/false/on/off/yes/no/none/null as a word must be quoted",
            ),
        );
    }

    if kept.iter().any(|&i| matches!(toks[i].0, Tok::Op(_))) {
        check_expression(&kept, &toks, key, error);
        let text = source.trim_end_matches([' ', '\t']);
        let w = Word {
            text: text.into(),
            range: TextRange::new(covered.start as usize, covered.start as usize + text.len()),
            quote: Quote::None,
        };
        return (w, ValueKind::Expression);
    }

    let mut text = String::new();
    let mut quotes = Vec::new();
    for &i in &kept {
        match &toks[i].0 {
            Tok::Text(t, q) => {
                text.push_str(t);
                quotes.push(*q);
            }
            Tok::Space => text.push_str(&toks[i].2),
            _ => {}
        }
    }
    let quote = match quotes.as_slice() {
        [q] if kept.len() == 1 => *q,
        _ => Quote::None,
    };
    (
        Word {
            text: text.into(),
            range: covered,
            quote,
        },
        ValueKind::String,
    )
}

/// PHP's expression grammar over a flat token list: operands glue together,
/// `|` `&` `^` join two operands, `~` `!` prefix one, `(` `)` group.
fn check_expression(
    kept: &[usize],
    toks: &[(Tok, TextRange, String)],
    key: &str,
    error: &mut Option<SyntaxError>,
) {
    #[derive(PartialEq)]
    enum State {
        NeedOperand,
        AfterOperand,
        AfterGroup,
    }
    let mut state = State::NeedOperand;
    let mut depth = 0usize;
    let mut opens: Vec<TextRange> = Vec::new();
    let unexpected = |r: TextRange, s: &str| {
        SyntaxError::new(
            r,
            format!("unexpected `{}` in the value of `{key}`", s.trim()),
        )
        .label("PHP's INI parser stops here")
        .help(OPERATOR_HELP)
    };
    for &i in kept {
        let (tok, r, s) = &toks[i];
        let ok = match tok {
            Tok::Text(..) | Tok::Space => {
                let ok = state != State::AfterGroup;
                state = State::AfterOperand;
                ok
            }
            Tok::Op('~' | '!') => state == State::NeedOperand,
            Tok::Op('(') => {
                depth += 1;
                opens.push(*r);
                state == State::NeedOperand
            }
            Tok::Op(')') => {
                let ok = state != State::NeedOperand && depth > 0;
                depth = depth.saturating_sub(1);
                opens.pop();
                state = State::AfterGroup;
                ok
            }
            Tok::Op(_) => {
                let ok = state != State::NeedOperand;
                state = State::NeedOperand;
                ok
            }
            Tok::Bool(_) | Tok::Null => true,
        };
        if !ok {
            error.get_or_insert(unexpected(*r, s));
            return;
        }
    }
    if state == State::NeedOperand {
        let at = kept.last().map(|&i| toks[i].1).unwrap_or_default();
        error.get_or_insert(
            SyntaxError::new(at, format!("the value of `{key}` ends with an operator"))
                .label("PHP expects a value after this")
                .help(OPERATOR_HELP),
        );
    } else if let Some(open) = opens.first() {
        error.get_or_insert(
            SyntaxError::new(
                *open,
                format!("this `(` in the value of `{key}` is never closed"),
            )
            .help(OPERATOR_HELP),
        );
    }
}

fn junk_error(p: &Pair<Rule>, before: &Before) -> SyntaxError {
    let raw = p.as_str();
    let s = raw.trim_start_matches([' ', '\t']).trim_end_matches('\r');
    let c = first_char(s);
    let at = p.as_span().start() + (raw.len() - raw.trim_start_matches([' ', '\t']).len());
    let r = TextRange::new(at, at + c.len());
    let rest = TextRange::new(at, at + s.len());
    match before {
        Before::Entry(key) if c == "=" => {
            SyntaxError::new(r, format!("unexpected `=` in the value of `{key}`"))
                .label("a second `=`")
                .help("put the value in double quotes to use `=` in it")
        }
        Before::Entry(key) if c == "'" => SyntaxError::new(
            rest,
            format!("unterminated single-quoted string in the value of `{key}`"),
        )
        .label("no closing `'` on this line")
        .help("php-fpm reads one line at a time: a quoted value must end on its own line"),
        Before::Offset(k, _) => {
            SyntaxError::new(r, format!("expected `=` after `{k}`")).label(format!("found `{c}`"))
        }
        Before::Key(k) => SyntaxError::new(r, format!("unexpected `{c}` in the key `{}`", k.text))
            .label("php-fpm stops here")
            .help("keys are written `name = value`; quote values that contain special characters"),
        _ => SyntaxError::new(r, format!("unexpected `{c}` at the start of a statement"))
            .label("expected a key, a `[section]` or a `;` comment")
            .help(
                "php-fpm lines are `key = value`, `key[name] = value`, `[section]` or `; comment`",
            ),
    }
}
