//! Inline suppressions: a comment in a config that silences findings,
//! in each language's own comment syntax (`#` in nginx and httpd, `;` in
//! php-fpm and php.ini files):
//!
//! ```text
//! # hoplint: ignore[unix-socket-missing] -- the socket is created by systemd
//! # hoplint: ignore-file[upstream-unused, capacity] -- generated file
//! ```
//!
//! On a line of its own, `ignore[…]` silences the next directive, with its
//! whole block when it opens one (`server {`, `location {`,
//! `<VirtualHost>`, a php-fpm `[pool]` section up to the next section).
//! After a directive on its line (nginx and php-fpm only: httpd has no
//! trailing comments, a `#` after a directive is one of its arguments),
//! it silences findings on that line. `ignore-file[…]` silences the whole
//! file. The codes are rule codes, categories or `all`; what follows `--`
//! is the reason, kept in the output.
//!
//! A finding is silenced by the file and place of its primary label.
//! Comments are read from the syntax trees, so a `#` inside a quoted
//! string or an httpd argument is never taken for one.
//!
//! Suppressions that cannot be applied, and those that silence nothing,
//! are findings of their own (`suppression-invalid`, `suppression-unused`):
//! they are made here, outside the stack model, from the files' comments,
//! and are registered like the load phase's codes.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Meta};
use crate::load::Project;
use crate::meta;
use crate::select::{Pattern, Rules};
use crate::source::FileId;
use crate::span::TextRange;
use crate::syntax::{apache, nginx, php_fpm, Comment, Tree};

pub const SUPPRESSION_INVALID: Meta = meta!(
    "suppression-invalid",
    Input,
    Error,
    "a `hoplint: ignore` comment that cannot be applied: an unknown rule, a malformed comment, or no reason where one is required",
);

pub const SUPPRESSION_UNUSED: Meta = meta!(
    "suppression-unused",
    Input,
    Warning,
    "a `hoplint: ignore` comment that silences no finding",
);

/// Why a finding is not in [`Project::diagnostics`] although its rule is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SilencedBy {
    /// A `hoplint: ignore` comment, at `range` in `file`.
    Comment {
        file: FileId,
        range: TextRange,
        reason: Option<String>,
    },
    /// An entry of the baseline (`--baseline FILE`).
    Baseline,
}

/// A finding that was silenced, with what silenced it: still listed by
/// the JSON and SARIF outputs, never counted by the gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Silenced {
    pub diagnostic: Diagnostic,
    pub by: SilencedBy,
}

/// One `hoplint:` comment that parsed.
#[derive(Debug, Clone)]
struct Suppression {
    file: FileId,
    /// The whole comment.
    comment: TextRange,
    /// Each code, where it is written, and whether it silenced anything.
    patterns: Vec<(Pattern, TextRange, bool)>,
    reason: Option<String>,
    /// What it covers: a line, a directive with its block, or the file.
    scope: TextRange,
    /// What it is written as, for messages: `ignore[…]` or `ignore-file[…]`.
    form: &'static str,
}

/// The marker that makes a comment hoplint's.
const MARKER: &str = "hoplint:";

/// Applies the configuration's selection and the files' suppressions to
/// the findings of a checked project: what the gate counts stays in
/// `project.diagnostics`, the rest moves to `project.silenced`.
pub fn apply(project: &mut Project, config: &Config) {
    let rules = &config.rules;
    let found = std::mem::take(&mut project.diagnostics);
    let found = rules.apply(found);
    let (mut sups, mut own) = collect(project, rules);
    for d in found {
        match silence(&mut sups, &d) {
            Some(by) => project.silenced.push(Silenced { diagnostic: d, by }),
            None => project.diagnostics.push(d),
        }
    }
    for s in &sups {
        for (p, at, used) in &s.patterns {
            if *used || !names_an_enabled_rule(rules, p) {
                continue;
            }
            let mut d = Diagnostic::new(
                &SUPPRESSION_UNUSED,
                format!(
                        "`{}` in `hoplint: {}` silences no finding{}",
                        p.as_str(),
                        s.form,
                        match s.form {
                            "ignore-file" => " in this file",
                            _ => " here",
                        }
                    ),
            )
            .at(s.file, *at, "nothing to silence")
            .help("remove it (the finding it was for is gone), or move it to the directive that draws the finding");
            if let Some(first) = s.covered_line(&project.file(s.file).text) {
                d = d.also(s.file, first, "the directive it covers");
            }
            own.push(d);
        }
    }
    project.diagnostics.extend(rules.apply(own));
    project.diagnostics.sort_by_key(|d| d.sort_key());
    project
        .silenced
        .sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
}

impl Suppression {
    /// The first line of the directive an own-line `ignore[…]` covers:
    /// `None` for a file's or a line's suppression, or one that covers
    /// nothing.
    fn covered_line(&self, text: &str) -> Option<TextRange> {
        let covers_line = self.scope == line_of(text, self.comment.start as usize);
        if self.form == "ignore-file" || self.scope.start == self.scope.end || covers_line {
            return None;
        }
        let line = line_of(text, self.scope.start as usize);
        Some(TextRange {
            start: self.scope.start,
            end: line.end.min(self.scope.end),
        })
    }
}

fn names_an_enabled_rule(rules: &Rules, p: &Pattern) -> bool {
    crate::rules::REGISTRY
        .iter()
        .any(|r| p.matches(&r.meta) && rules.enabled(&r.meta))
}

/// The suppression that silences `d`, if any; every matching one counts
/// as used.
fn silence(sups: &mut [Suppression], d: &Diagnostic) -> Option<SilencedBy> {
    let p = d.primary.as_ref()?;
    let mut by = None;
    for s in sups.iter_mut() {
        if s.file != p.file || p.range.start < s.scope.start || p.range.start >= s.scope.end {
            continue;
        }
        let mut hit = false;
        for (pat, _, used) in s.patterns.iter_mut() {
            if pat.matches(d.rule) {
                *used = true;
                hit = true;
            }
        }
        if hit && by.is_none() {
            by = Some(SilencedBy::Comment {
                file: s.file,
                range: s.comment,
                reason: s.reason.clone(),
            });
        }
    }
    by
}

/// Every `hoplint:` comment of the project, and the findings about those
/// that cannot be applied.
fn collect(project: &Project, rules: &Rules) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let mut sups = Vec::new();
    let mut invalid = Vec::new();
    for (file, tree) in project.files.iter().zip(project.trees.iter()) {
        if !file.text.contains(MARKER) {
            continue;
        }
        let text: &str = &file.text;
        for (c, next) in comments(tree, text.len()) {
            let Some(body) = c.text.trim_start().strip_prefix(MARKER) else {
                continue;
            };
            // Where the comment's text starts in the file: after the marker
            // character (`#`, `;`).
            let text_start = c.range.start as usize + 1;
            let body_start = text_start + (c.text.len() - c.text.trim_start().len()) + MARKER.len();
            match parse(body, body_start) {
                Err((range, message, help)) => invalid.push(
                    Diagnostic::new(&SUPPRESSION_INVALID, message)
                        .at(file.id, range, "here")
                        .help(help),
                ),
                Ok(parsed) => {
                    for (code, at) in &parsed.unknown {
                        invalid.push(
                            Diagnostic::new(
                                &SUPPRESSION_INVALID,
                                format!(
                                    "`hoplint: {}` names `{code}`, which is no rule code, category or `all`",
                                    parsed.form
                                ),
                            )
                            .at(file.id, *at, "no such rule")
                            .help(near(code)),
                        );
                    }
                    if parsed.reason.is_none() && rules.require_reason {
                        invalid.push(
                            Diagnostic::new(
                                &SUPPRESSION_INVALID,
                                format!(
                                    "`hoplint: {}` gives no reason, and hoplint.toml asks for one (`[rules] require_reason = true`)",
                                    parsed.form
                                ),
                            )
                            .at(file.id, c.range, "no `-- reason`")
                            .help("say why after `--`: `# hoplint: ignore[CODE] -- the socket is created by systemd`"),
                        );
                    }
                    if parsed.patterns.is_empty() {
                        continue;
                    }
                    let scope = if parsed.form == "ignore-file" {
                        TextRange::new(0, text.len())
                    } else if own_line(text, c.range.start as usize) {
                        match next {
                            Some(r) => r,
                            // Nothing follows in its block: it covers nothing.
                            None => TextRange::new(c.range.end as usize, c.range.end as usize),
                        }
                    } else {
                        line_of(text, c.range.start as usize)
                    };
                    sups.push(Suppression {
                        file: file.id,
                        comment: c.range,
                        patterns: parsed
                            .patterns
                            .into_iter()
                            .map(|(p, r)| (p, r, false))
                            .collect(),
                        reason: parsed.reason,
                        scope,
                        form: parsed.form,
                    });
                }
            }
        }
    }
    (sups, invalid)
}

/// The nearest codes to a misspelt one, as help.
fn near(code: &str) -> String {
    let mut best: Vec<(usize, &str)> = crate::rules::REGISTRY
        .iter()
        .map(|r| (distance(code, r.meta.code), r.meta.code))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4))
        .collect();
    best.sort();
    match best.first() {
        Some((_, c)) => format!("did you mean `{c}`? `hoplint rules` lists every code"),
        None => "`hoplint rules` lists every code; categories are connectivity, timeout, keepalive, buffer, capacity, syntax, input".to_string(),
    }
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != b[j]))
                .min(row[j] + 1)
                .min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Whether only blanks stand before `at` on its line.
fn own_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..at].chars().all(|c| c == ' ' || c == '\t')
}

/// The line holding `at`, without its newline.
fn line_of(text: &str, at: usize) -> TextRange {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    TextRange::new(start, end)
}

struct Parsed {
    form: &'static str,
    patterns: Vec<(Pattern, TextRange)>,
    unknown: Vec<(String, TextRange)>,
    reason: Option<String>,
}

type ParseError = (TextRange, String, String);

/// Reads what follows `hoplint:`; `base` is where `body` starts in the file.
fn parse(body: &str, base: usize) -> Result<Parsed, ParseError> {
    let usage = "write `hoplint: ignore[CODE, …] -- reason` (the next directive, or this line) or `hoplint: ignore-file[CODE, …] -- reason`".to_string();
    let whole = TextRange::new(base, base + body.trim_end().len());
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    let (form, after) = if let Some(r) = rest.strip_prefix("ignore-file") {
        ("ignore-file", r)
    } else if let Some(r) = rest.strip_prefix("ignore") {
        ("ignore", r)
    } else {
        return Err((
            whole,
            format!(
                "`hoplint:` is followed by `{}`, not by `ignore[…]` or `ignore-file[…]`",
                rest.trim_end()
            ),
            usage,
        ));
    };
    let open_at = body.len() - after.len();
    let Some(list) = after.strip_prefix('[') else {
        return Err((
            whole,
            format!("`hoplint: {form}` names no rules: the codes go in brackets after it"),
            usage,
        ));
    };
    let Some(close) = list.find(']') else {
        return Err((
            whole,
            format!("`hoplint: {form}[` is never closed with `]`"),
            usage,
        ));
    };
    let mut patterns = Vec::new();
    let mut unknown = Vec::new();
    let mut offset = base + open_at + 1;
    for item in list[..close].split(',') {
        let trimmed = item.trim();
        let at = offset + (item.len() - item.trim_start().len());
        let range = TextRange::new(at, at + trimmed.len());
        offset += item.len() + 1;
        if trimmed.is_empty() {
            continue;
        }
        match Pattern::parse(trimmed) {
            Ok(p) => patterns.push((p, range)),
            Err(_) => unknown.push((trimmed.to_string(), range)),
        }
    }
    if patterns.is_empty() && unknown.is_empty() {
        return Err((whole, format!("`hoplint: {form}[]` names no rules"), usage));
    }
    let tail = list[close + 1..].trim();
    let reason = if tail.is_empty() {
        None
    } else if let Some(r) = tail.strip_prefix("--") {
        Some(r.trim().to_string()).filter(|r| !r.is_empty())
    } else {
        return Err((
            whole,
            format!("`hoplint: {form}[…]` is followed by `{tail}`: the reason goes after `--`"),
            usage,
        ));
    };
    Ok(Parsed {
        form,
        patterns,
        unknown,
        reason,
    })
}

/// Every comment of a tree, with the extent of the next statement after
/// it in the same block (a directive with its block, an httpd section up
/// to its closing tag, a php-fpm pool section up to the next section).
/// Walked with a work list: trees may be nested thousands deep.
fn comments(tree: &Tree, len: usize) -> Vec<(&Comment, Option<TextRange>)> {
    let mut out = Vec::new();
    match tree {
        Tree::Nginx(f) => {
            let mut work: Vec<&[nginx::Item]> = vec![&f.items];
            while let Some(items) = work.pop() {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        nginx::Item::Comment(c) => {
                            let next = items[i + 1..].iter().find_map(|it| match it {
                                nginx::Item::Directive(d) => Some(d.range),
                                nginx::Item::Comment(_) => None,
                            });
                            out.push((c, next));
                        }
                        nginx::Item::Directive(d) => {
                            if let Some(b) = &d.block {
                                work.push(&b.items);
                            }
                        }
                    }
                }
            }
        }
        Tree::Apache(f) => {
            let mut work: Vec<&[apache::Item]> = vec![&f.items];
            while let Some(items) = work.pop() {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        apache::Item::Comment(c) => {
                            let next = items[i + 1..].iter().find_map(|it| match it {
                                apache::Item::Directive(d) => Some(d.range),
                                apache::Item::Section(s) => Some(section_extent(s, len)),
                                apache::Item::Comment(_) => None,
                            });
                            out.push((c, next));
                        }
                        apache::Item::Section(s) => work.push(&s.items),
                        apache::Item::Directive(_) => {}
                    }
                }
            }
        }
        Tree::PhpFpm(f) => {
            for (i, item) in f.items.iter().enumerate() {
                if let php_fpm::Item::Comment(c) = item {
                    let rest = &f.items[i + 1..];
                    let next = rest.iter().enumerate().find_map(|(j, it)| match it {
                        php_fpm::Item::Entry(e) => Some(e.range),
                        php_fpm::Item::Section { range, .. } => {
                            let end = rest[j + 1..]
                                .iter()
                                .find_map(|it| match it {
                                    php_fpm::Item::Section { range, .. } => Some(range.start),
                                    _ => None,
                                })
                                .unwrap_or(len as u32);
                            Some(TextRange {
                                start: range.start,
                                end,
                            })
                        }
                        php_fpm::Item::Comment(_) => None,
                    });
                    out.push((c, next));
                }
            }
        }
    }
    out
}

/// An httpd section from its opening tag to its closing one (to the end of
/// its last item, or of the file, when the closing tag is missing).
fn section_extent(s: &apache::Section, len: usize) -> TextRange {
    let end = match s.close {
        Some(c) => c.end,
        None => len as u32,
    };
    TextRange {
        start: s.open.start,
        end,
    }
}
