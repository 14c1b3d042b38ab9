//! The syntax errors nginx can only see once it knows which directive it
//! is reading: `ngx_conf_handler` (src/core/ngx_conf_file.c) checks each
//! statement against the module's `ngx_command_t` entry, and the modules
//! that read a body themselves (`map`, `geo`, `types`, `split_clients`,
//! `charset_map`) refuse any `{` inside it (`ngx_conf_parse`: "unexpected
//! "{""). Directives unknown here are left alone: a third-party module may
//! define them. A known directive where none of its entries may stand is
//! "not allowed here" ([`misplaced`]), judged only where the context is
//! certain ([`file_contexts`]): in the main config and the files its
//! include sites read, not in a snippet read on its own.
//!
//! nginx reports these errors at the line of the `;` or `{` that ended the
//! statement (the tokenizer's current line when the handler runs), so the
//! primary range is that terminator and the directive's name is `related`.

use super::nginx_directives::{self as table, ctx, DirectiveSpec};
use crate::source::{Reach, SourceFile};
use crate::span::TextRange;
use crate::syntax::nginx::{Directive, File, Item};
use crate::syntax::{SyntaxError, Tree};
use crate::values::release::Release;
use foldhash::{HashMap, HashMapExt};

/// Where a statement stands, as nginx's `cf->cmd_type` (plus module type)
/// sees it, or the body of a module that reads its lines itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Main,
    Event,
    HttpMain,
    HttpSrv,
    HttpLoc,
    HttpUps,
    /// `if` inside `server`.
    HttpSif,
    /// `if` inside `location`.
    HttpLif,
    /// `limit_except`.
    HttpLmt,
    StreamMain,
    StreamSrv,
    StreamUps,
    MailMain,
    MailSrv,
    /// `types { ... }`: `mime/type ext...;` lines.
    TypesBody,
    /// `map` (http or stream): `key value;` lines.
    MapBody,
    /// `geo` (http or stream).
    GeoBody,
    /// `split_clients` (http or stream): `NN% value;` lines.
    SplitClientsBody,
    /// `charset_map`: `byte char;` lines.
    CharsetMapBody,
}

impl Context {
    /// The table's context bit; `None` for bodies whose lines are data.
    pub fn bit(self) -> Option<u32> {
        Some(match self {
            Context::Main => ctx::MAIN,
            Context::Event => ctx::EVENT,
            Context::HttpMain => ctx::HTTP_MAIN,
            Context::HttpSrv => ctx::HTTP_SRV,
            Context::HttpLoc => ctx::HTTP_LOC,
            Context::HttpUps => ctx::HTTP_UPS,
            Context::HttpSif => ctx::HTTP_SIF,
            Context::HttpLif => ctx::HTTP_LIF,
            Context::HttpLmt => ctx::HTTP_LMT,
            Context::StreamMain => ctx::STREAM_MAIN,
            Context::StreamSrv => ctx::STREAM_SRV,
            Context::StreamUps => ctx::STREAM_UPS,
            Context::MailMain => ctx::MAIL_MAIN,
            Context::MailSrv => ctx::MAIL_SRV,
            _ => return None,
        })
    }

    /// Whether `include file;` inside this body is followed: the `types`,
    /// `map` and `geo` handlers special-case it; `split_clients` and
    /// `charset_map` would read it as an ordinary entry.
    fn follows_include(self) -> bool {
        !matches!(self, Context::SplitClientsBody | Context::CharsetMapBody)
    }

    /// The context of the body of block directive `name` standing here
    /// (what its handler sets `cf->cmd_type` / `cf->handler` to).
    fn body(self, name: &str) -> Option<Context> {
        use Context::*;
        Some(match (self, name) {
            (Main, "events") => Event,
            (Main, "http") => HttpMain,
            (Main, "stream") => StreamMain,
            (Main, "mail") => MailMain,
            (HttpMain, "server") => HttpSrv,
            (HttpMain, "upstream") => HttpUps,
            (StreamMain, "upstream") => StreamUps,
            (StreamMain, "server") => StreamSrv,
            (MailMain, "server") => MailSrv,
            (HttpSrv | HttpLoc, "location") => HttpLoc,
            (HttpSrv, "if") => HttpSif,
            (HttpLoc, "if") => HttpLif,
            (HttpLoc, "limit_except") => HttpLmt,
            (HttpMain | HttpSrv | HttpLoc, "types") => TypesBody,
            (HttpMain | StreamMain, "map") => MapBody,
            (HttpMain | StreamMain, "geo") => GeoBody,
            (HttpMain | StreamMain, "split_clients") => SplitClientsBody,
            (HttpMain, "charset_map") => CharsetMapBody,
            _ => return None,
        })
    }
}

/// Every context-dependent syntax error in `file`, read as standing in `ctx`.
pub fn check(file: &File, ctx: Context) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    walk(&file.items, ctx, |d, ctx| {
        let (body, error) = check_directive(d, ctx);
        errors.extend(error);
        body
    });
    errors
}

/// Every `include` nginx would follow, with the context the included
/// files are read in. Only `include` with exactly one argument is listed:
/// any other count is an error (see `check`), not an include.
pub fn include_sites(file: &File, ctx: Context) -> Vec<(&Directive, Context)> {
    let mut sites = Vec::new();
    walk(&file.items, ctx, |d, ctx| {
        if d.name.is("include") && d.args.len() == 1 && !has_block(d) && ctx.follows_include() {
            sites.push((d, ctx));
        }
        check_directive(d, ctx).0
    });
    sites
}

/// Visits every directive with its context, depth-first in file order,
/// with an explicit stack so that deep nesting cannot overflow. `visit`
/// returns the context of the directive's block, or `None` to skip it.
fn walk<'a>(
    items: &'a [Item],
    ctx: Context,
    mut visit: impl FnMut(&'a Directive, Context) -> Option<Context>,
) {
    let mut stack = vec![(items.iter(), ctx)];
    while let Some((iter, ctx)) = stack.last_mut() {
        let ctx = *ctx;
        let Some(item) = iter.next() else {
            stack.pop();
            continue;
        };
        let Item::Directive(d) = item else { continue };
        if let (Some(body), Some(block)) = (visit(d, ctx), &d.block) {
            stack.push((block.items.iter(), body));
        }
    }
}

fn has_block(d: &Directive) -> bool {
    d.block.is_some() || d.raw_block.is_some()
}

/// Where the `{` is, if the directive has a block.
fn open_brace(d: &Directive) -> Option<TextRange> {
    match (&d.block, &d.raw_block) {
        (Some(b), _) => Some(b.open),
        (None, Some(raw)) => Some(TextRange::new(
            raw.range.start as usize,
            raw.range.start as usize + 1,
        )),
        (None, None) => None,
    }
}

/// The `;` that ends a non-block directive: the last byte of its range.
fn semicolon(d: &Directive) -> TextRange {
    let end = d.range.end.max(d.name.range.end) as usize;
    TextRange::new(end.saturating_sub(1).max(d.range.start as usize), end)
}

/// The error for one directive, if any, and the context of its body.
fn check_directive(d: &Directive, ctx: Context) -> (Option<Context>, Option<SyntaxError>) {
    let name = d.name.text.as_str();
    let Some(bit) = ctx.bit() else {
        return (None, check_body_entry(d, ctx));
    };
    let Some(spec) = table::find(name, bit) else {
        return (None, None);
    };
    let body = ctx.body(name);
    let error = match (spec.is_block(), open_brace(d)) {
        (false, Some(brace)) => Some(
            SyntaxError::new(
                brace,
                format!("`{name}` does not take a block: expected `;` before `{{`"),
            )
            .label(format!(
                "`{name}` is a simple directive; this `{{` cannot follow it"
            ))
            .related(d.name.range, format!("`{name}` directive"))
            .help(format!(
                "end `{name}` with `;`, or quote the argument that contains `{{`"
            )),
        ),
        (true, None) => Some(
            SyntaxError::new(
                semicolon(d),
                format!("`{name}` needs a block: expected `{{` after `{}`", shown(d)),
            )
            .label(format!("`{name}` ends here without a `{{ ... }}` block"))
            .related(d.name.range, format!("`{name}` directive")),
        ),
        (_, brace) if !spec.accepts_arg_count(d.args.len()) => Some(arity_error(d, spec, brace)),
        _ => None,
    };
    (body, error)
}

/// Lines of `map`, `geo`, `types`... bodies are data. A `{` there is the
/// parser's to report (it knows these bodies and reports every `{`, glued to
/// a word or not); what is left here is `include` with a wrong count in
/// `types` (its handler reports it with the same message as `ngx_conf_handler`).
fn check_body_entry(d: &Directive, ctx: Context) -> Option<SyntaxError> {
    if ctx == Context::TypesBody && d.name.is("include") && d.args.len() != 1 {
        let spec = table::find("include", ctx::HTTP_MAIN)?;
        return Some(arity_error(d, spec, None));
    }
    None
}

fn arity_error(d: &Directive, spec: &DirectiveSpec, brace: Option<TextRange>) -> SyntaxError {
    let name = &d.name.text;
    let n = d.args.len();
    let found = if n == 0 {
        "none".to_string()
    } else {
        n.to_string()
    };
    let e = SyntaxError::new(
        brace.unwrap_or_else(|| semicolon(d)),
        format!(
            "wrong number of arguments for `{name}`: it takes {}, found {found}",
            spec.expected_args()
        ),
    )
    .label(format!("`{}` ends here", shown(d)))
    .related(d.name.range, format!("`{name}` directive"));
    // Too many is almost always an unquoted space inside one value.
    if (0..n).any(|k| spec.accepts_arg_count(k)) {
        e.help("a value that contains spaces must be quoted: \"...\"")
    } else {
        e
    }
}

/// `name arg1 arg2`, cut short, for messages.
fn shown(d: &Directive) -> String {
    let mut s = d.name.text.to_string();
    for a in &d.args {
        if s.len() > 60 {
            s.push_str(" ...");
            break;
        }
        s.push(' ');
        s.push_str(&a.text);
    }
    s
}

/// The context a file read on its own most likely stands in: the one in
/// which the most of its top-level directives are allowed (with their
/// block or `;` as written). Ties go outward for files with top-level
/// blocks (`types {}` is `mime.types` in http, `location {}` is a server
/// snippet) and inward for flat snippets (`fastcgi_params` lines go in a
/// `location`). A file with nothing known at top level is taken as http.
pub fn guess_context(file: &File) -> Context {
    use Context::*;
    const OUTWARD: [Context; 11] = [
        Main, HttpMain, HttpSrv, HttpLoc, HttpUps, StreamMain, StreamSrv, StreamUps, MailMain,
        MailSrv, Event,
    ];
    const INWARD: [Context; 11] = [
        HttpLoc, HttpSrv, HttpMain, HttpUps, StreamSrv, StreamMain, StreamUps, MailSrv, MailMain,
        Event, Main,
    ];
    let top: Vec<&Directive> = file
        .directives()
        .filter(|d| !d.name.is("include") && !table::lookup(&d.name.text).is_empty())
        .collect();
    if top.is_empty() {
        return HttpMain;
    }
    let fits = |c: Context| {
        let bit = c.bit().unwrap_or(0);
        top.iter()
            .filter(|d| {
                table::find(&d.name.text, bit).is_some_and(|s| s.is_block() == has_block(d))
            })
            .count()
    };
    let order = if top.iter().any(|d| has_block(d)) {
        OUTWARD
    } else {
        INWARD
    };
    // `max_by_key` keeps the last maximum; scan in reverse to keep the first.
    order
        .into_iter()
        .rev()
        .max_by_key(|&c| fits(c))
        .unwrap_or(HttpMain)
}

/// The context of a file no scanned config includes. An entry point that
/// opens `events`, `http`, `stream` or `mail` is nginx's main config, read
/// in the main context whatever else it holds: those blocks are allowed
/// nowhere else. (Guessed from its directives, a main config holding many
/// misplaced server directives, five `listen`s, passed for a server
/// snippet, and nginx's refusal of them went unreported.) Any other file's
/// context is guessed, and not certain.
pub fn own_context(tree: &File, reach: &Reach) -> FileContext {
    let main = *reach == Reach::Entry
        && tree.directives().any(|d| {
            has_block(d) && ["events", "http", "stream", "mail"].contains(&d.name.text.as_str())
        });
    if main {
        FileContext {
            ctx: Context::Main,
            certain: true,
        }
    } else {
        FileContext {
            ctx: guess_context(tree),
            certain: false,
        }
    }
}

/// The context a file is read in, and whether it is certain: the file is
/// the main config (an entry point that opens `events`, `http`, `stream`
/// or `mail`), or an include site in a certain context reads it. A file
/// read on its own (a site or snippet no scanned config includes) has a
/// guessed context, and nothing is refused as misplaced in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileContext {
    pub ctx: Context,
    pub certain: bool,
}

/// The context of every nginx file of a project (`None` for the others),
/// in the order of `files`; an included file after the file including it.
pub fn file_contexts(files: &[SourceFile], trees: &[Tree]) -> Vec<Option<FileContext>> {
    let mut out: Vec<Option<FileContext>> = vec![None; files.len()];
    // Each parent's include sites, found once: a glob in nginx.conf that
    // reads 10,000 sites would otherwise walk nginx.conf 10,000 times.
    let mut sites_of: HashMap<usize, HashMap<TextRange, Context>> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        let Some(Tree::Nginx(tree)) = trees.get(i) else {
            continue;
        };
        let included = match &file.reach {
            Reach::Included { from, at } => {
                let from = from.0 as usize;
                match (trees.get(from), out.get(from).copied().flatten()) {
                    (Some(Tree::Nginx(parent)), Some(p)) => sites_of
                        .entry(from)
                        .or_insert_with(|| {
                            include_sites(parent, p.ctx)
                                .into_iter()
                                .map(|(d, c)| (d.range, c))
                                .collect()
                        })
                        .get(at)
                        .map(|&c| FileContext {
                            ctx: c,
                            certain: p.certain,
                        }),
                    _ => None,
                }
            }
            _ => None,
        };
        out[i] = Some(included.unwrap_or_else(|| own_context(tree, &file.reach)));
    }
    out
}

/// A directive nginx knows but refuses where it stands (`ngx_conf_handler`:
/// `"proxy_pass" directive is not allowed here`).
#[derive(Debug, Clone)]
pub struct Misplaced {
    pub name: String,
    /// Where its name is written.
    pub name_at: TextRange,
    /// The whole statement, block included.
    pub range: TextRange,
    /// Where nginx reports it: the `;` or `{` that ends the statement.
    pub at: TextRange,
    /// Where it stands.
    pub ctx: Context,
    /// Whether it stands at the file's top level (its context is its
    /// include site's).
    pub top_level: bool,
    /// Where the entries of `release` allow it, in nginx's words.
    pub allowed: Vec<&'static str>,
}

/// Every directive of `file`, read in `ctx`, that nginx `release` knows but
/// refuses where it stands. Unknown directives (third-party modules, or
/// not in this release) are not judged, nor is anything inside a block
/// nginx refuses. `release` `None`: an entry any release has counts.
pub fn misplaced(file: &File, ctx: Context, release: Option<Release>) -> Vec<Misplaced> {
    let mut out = Vec::new();
    let mut stack = vec![(file.items.iter(), ctx, true)];
    while let Some((iter, ctx, top)) = stack.last_mut() {
        let (ctx, top) = (*ctx, *top);
        let Some(item) = iter.next() else {
            stack.pop();
            continue;
        };
        let Item::Directive(d) = item else { continue };
        let Some(bit) = ctx.bit() else { continue };
        let name = d.name.text.as_str();
        if !table::known_in(name, release) {
            continue;
        }
        if table::find_in(name, bit, release).is_none() {
            out.push(Misplaced {
                name: name.to_string(),
                name_at: d.name.range,
                range: d.range,
                at: open_brace(d).unwrap_or_else(|| semicolon(d)),
                ctx,
                top_level: top,
                allowed: allowed_places(name, release),
            });
            continue;
        }
        if let (Some(body), Some(block)) = (ctx.body(name), &d.block) {
            stack.push((block.items.iter(), body, false));
        }
    }
    out
}

/// Where the entries named `name` in `release` may stand, in words.
fn allowed_places(name: &str, release: Option<Release>) -> Vec<&'static str> {
    let bits = table::lookup(name)
        .iter()
        .filter(|d| table::exists_in(d, release))
        .fold(0, |acc, d| acc | d.contexts);
    Context::NAMED
        .iter()
        .filter(|c| c.bit().is_some_and(|b| bits & b != 0))
        .map(|c| c.place())
        .collect()
}

impl Context {
    /// The contexts that hold directives, outermost first.
    const NAMED: [Context; 14] = [
        Context::Main,
        Context::Event,
        Context::HttpMain,
        Context::HttpSrv,
        Context::HttpLoc,
        Context::HttpSif,
        Context::HttpLif,
        Context::HttpLmt,
        Context::HttpUps,
        Context::StreamMain,
        Context::StreamSrv,
        Context::StreamUps,
        Context::MailMain,
        Context::MailSrv,
    ];

    /// Where a statement in this context stands, in words: "at the main
    /// level", "in `http`", "in an http `server`"...
    pub fn place(self) -> &'static str {
        match self {
            Context::Main => "at the main level",
            Context::Event => "in `events`",
            Context::HttpMain => "in `http`",
            Context::HttpSrv => "in an http `server`",
            Context::HttpLoc => "in `location`",
            Context::HttpUps => "in an http `upstream`",
            Context::HttpSif => "in `if` in `server`",
            Context::HttpLif => "in `if` in `location`",
            Context::HttpLmt => "in `limit_except`",
            Context::StreamMain => "in `stream`",
            Context::StreamSrv => "in a `stream` `server`",
            Context::StreamUps => "in a `stream` `upstream`",
            Context::MailMain => "in `mail`",
            Context::MailSrv => "in a `mail` `server`",
            Context::TypesBody => "in `types`",
            Context::MapBody => "in `map`",
            Context::GeoBody => "in `geo`",
            Context::SplitClientsBody => "in `split_clients`",
            Context::CharsetMapBody => "in `charset_map`",
        }
    }
}

/// Every directive nginx `release` refuses where it stands, in the nginx
/// files of a project whose context is certain, with the file it is in.
pub fn misplaced_in(
    files: &[SourceFile],
    trees: &[Tree],
    release: Option<Release>,
) -> Vec<(usize, Misplaced)> {
    misplaced_in_cached(files, trees, release, &mut MisplacedCache::default())
}

/// What [`misplaced_in`] found in each file, with what it depends on (the
/// file's text, its context, the release), to look again only in the files
/// where one of them changed: the language server's edits change one file.
#[derive(Default)]
pub struct MisplacedCache {
    files: Vec<Option<Found>>,
}

struct Found {
    text: std::sync::Arc<str>,
    ctx: Context,
    release: Option<Release>,
    misplaced: Vec<Misplaced>,
}

/// [`misplaced_in`], reusing what `cache` holds for files unchanged since.
pub fn misplaced_in_cached(
    files: &[SourceFile],
    trees: &[Tree],
    release: Option<Release>,
    cache: &mut MisplacedCache,
) -> Vec<(usize, Misplaced)> {
    let contexts = file_contexts(files, trees);
    cache.files.resize_with(files.len(), || None);
    let mut out = Vec::new();
    for (i, fc) in contexts.iter().enumerate() {
        let (Some(Tree::Nginx(tree)), Some(fc)) = (trees.get(i), fc) else {
            continue;
        };
        if !fc.certain {
            continue;
        }
        let text = &files[i].text;
        let fresh = cache.files[i].as_ref().is_some_and(|f| {
            f.ctx == fc.ctx
                && f.release == release
                && (std::sync::Arc::ptr_eq(&f.text, text) || *f.text == **text)
        });
        if !fresh {
            cache.files[i] = Some(Found {
                text: text.clone(),
                ctx: fc.ctx,
                release,
                misplaced: misplaced(tree, fc.ctx, release),
            });
        }
        if let Some(f) = &cache.files[i] {
            out.extend(f.misplaced.iter().cloned().map(|m| (i, m)));
        }
    }
    out
}
