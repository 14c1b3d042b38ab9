//! The nginx side of the model: each entry file's tree with its includes
//! spliced in where they are included, read as nginx reads it
//! (main → http → server → location → nested location / `if`).

use super::endpoint::{self, Endpoint};
use super::{Includes, Setting, Span, MAX_SPLICE_DEPTH};
use crate::load::host::accounts::{same, Accounts, Id, Tri};
use crate::load::Project;
use crate::source::{FileId, Kind, Reach};
use crate::span::TextRange;
use crate::syntax::nginx::{Directive, Item};
use crate::syntax::{Text, Tree, Word};
use foldhash::{HashMap, HashSet};

/// nginx's compiled-in default for `user` (`NGX_USER`, set by configure to
/// `nobody` unless `--user` is given; Debian's package leaves it and sets
/// `user www-data;` in nginx.conf instead).
pub const DEFAULT_USER: &str = "nobody";

/// The user and group a build of nginx runs its workers as when no `user`
/// directive says (`--user`/`--group` given to configure), by where its
/// main config lives. Fedora's, Alpine's and the official image's builds
/// say `--user=nginx` but their stock `nginx.conf` sets `user` anyway;
/// FreeBSD's port builds `--user=www --group=www` and its `nginx.conf`
/// leaves `user` commented out (www/nginx/Makefile: `NGINX_USER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildUser {
    pub user: &'static str,
    /// The group, or the build's choices when configure picked one.
    pub groups: &'static [&'static str],
}

/// Upstream nginx's own default: configure picks `nogroup` or `nobody`,
/// whichever the build machine has (`auto/unix`).
const UPSTREAM_BUILD: BuildUser = BuildUser {
    user: DEFAULT_USER,
    groups: &["nogroup", "nobody"],
};

impl Default for BuildUser {
    fn default() -> Self {
        UPSTREAM_BUILD
    }
}

const FREEBSD_PORT_BUILD: BuildUser = BuildUser {
    user: "www",
    groups: &["www"],
};

fn build_user(project: &Project, roots: &[FileId]) -> BuildUser {
    let freebsd = roots.iter().any(|&id| {
        let path = &project.file(id).path;
        path.parent()
            .is_some_and(|d| d.ends_with("usr/local/etc/nginx"))
    });
    if freebsd {
        FREEBSD_PORT_BUILD
    } else {
        UPSTREAM_BUILD
    }
}

#[derive(Debug, Default)]
pub struct Nginx {
    /// The main-context `user`, if set.
    pub user: Option<Setting>,
    /// The group named by that `user` directive's second argument, if any
    /// (without one, nginx uses the group named like the user).
    pub user_group: Option<String>,
    /// Who the workers run as without a `user` directive.
    pub build_user: BuildUser,
    pub servers: Vec<Server>,
    pub locations: Vec<Location>,
    pub hops: Vec<Hop>,
    pub upstreams: Vec<Upstream>,
    /// Every context (main, each block), with its simple directives: what
    /// the rules that compare values read, through [`Nginx::effective`].
    /// Private: a context's directives point into `trees` (see [`Dir`]),
    /// so they must not leave the model; read them through
    /// [`Nginx::contexts`].
    contexts: Vec<Context>,
    /// The nginx trees read, by `FileId`: the [`Dir`]s point into them, and
    /// the model is built from these (not from the project's, which an
    /// edit replaces), so every tree a `Dir` points into is held here.
    trees: Trees,
    /// The files read from the top ([`roots`]).
    roots: Vec<FileId>,
    /// Each included file's part of the model, for [`replace_file`].
    parts: Vec<Part>,
    /// The number the next included file read gets ([`Part::seq`]).
    next_seq: usize,
    /// What the rules would otherwise find by scanning every context or
    /// upstream once per hop: built once, at the end of [`build`].
    pub index: Index,
}

/// Lookups built once over the whole model, so that a question asked for
/// each of 10,000 hops (or each of 20,000 nested locations) costs the same
/// whatever the size of the tree.
#[derive(Debug, Default)]
pub struct Index {
    /// The first upstream of each name.
    upstreams: HashMap<String, usize>,
    /// Per context, the nearest `main`, `http`, `server` and `location` at
    /// or above it.
    up: Vec<Up>,
    /// The `if` blocks directly in each context.
    ifs: HashMap<usize, Vec<usize>>,
    /// The `map` blocks setting each variable (`$name`), in order.
    maps: HashMap<String, Vec<usize>>,
    /// The last `map` setting a variable, by the context it is written in.
    map_in: HashMap<(usize, String), usize>,
    /// The first `geo` or `split_clients` block setting each variable.
    set_by_block: HashMap<String, usize>,
    /// Per `map` context: whether every value, its default included, is
    /// a non-empty literal (`None`: hoplint cannot tell).
    map_never_empty: HashMap<usize, Option<bool>>,
    /// Per directive name, the context whose directive is in effect in
    /// each context, filled in as asked: only for chains of contexts too
    /// deep to walk on every question.
    deep: std::sync::Mutex<HashMap<String, Vec<u32>>>,
    /// For each context with many directives (`http`, `main`: every hop's
    /// value lookup passes through them), the last directive of each name;
    /// `NOT_NAMED` for the others, whose few directives are read in turn.
    /// Made on the first question about the context: most contexts (a
    /// location with `fastcgi_params` spliced in) are never asked, and
    /// making every one was a third of the model's nginx side.
    named_at: Vec<u32>,
    named: Vec<std::sync::OnceLock<HashMap<Text, u32>>>,
}

/// [`Index::named_at`] of a context whose directives are read in turn.
const NOT_NAMED: u32 = u32::MAX;

/// Contexts with more directives than this get their names indexed: a
/// scan of a few short names costs less than hashing the one asked.
const NAMED_FROM: usize = 64;

#[derive(Debug, Clone, Copy, Default)]
struct Up {
    main: Option<usize>,
    http: Option<usize>,
    server: Option<usize>,
    location: Option<usize>,
    /// How many contexts enclose this one.
    depth: u32,
}

/// One nginx context: the main context of an entry file, or a block.
#[derive(Debug)]
pub struct Context {
    /// `main`, or the block's directive name: `http`, `server`,
    /// `location`, `if`, `upstream`, `events`, `map`, ...
    pub kind: Text,
    /// The block's arguments (a `map`'s source and variable).
    pub args: Vec<Text>,
    pub parent: Option<usize>,
    /// The simple directives written directly in this context, in order
    /// (includes spliced in). A `map`'s entries are its directives.
    pub directives: Vec<Dir>,
    /// The block's own span (the whole entry file for main).
    pub span: Span,
}

/// A simple directive as written: `fastcgi_read_timeout 300s;`. It points
/// into its file's syntax tree rather than copying the name and arguments:
/// a 1,000-site server has 100,000 of them, and copying them was most of
/// the time the model's nginx side took to build (so of every edit the
/// language server re-checks) and of its memory.
#[derive(Debug)]
pub struct Dir {
    at: DirectivePtr,
    /// [`name_key`] of the name: contexts are searched by name on every
    /// value lookup, and comparing keys spares reading the tree for each
    /// directive passed over.
    key: u32,
    pub span: Span,
}

/// A short hash of a directive name, for [`Dir::key`]: equal names have
/// equal keys (different names may too: a match is then compared whole).
/// Its lowest bit says whether the name ends in `_pass` ([`Dir::is_pass`]).
pub const fn name_key(name: &str) -> u32 {
    // FNV-1a: names are a few bytes long, and this needs no state.
    let bytes = name.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    let n = bytes.len();
    let pass = n >= 5
        && bytes[n - 5] == b'_'
        && bytes[n - 4] == b'p'
        && bytes[n - 3] == b'a'
        && bytes[n - 2] == b's'
        && bytes[n - 1] == b's';
    (h & !1) | pass as u32
}

/// A few directive names, to find among every directive of the model: a
/// directive's name is read from its tree only when its key is one of
/// theirs (most are ruled out by one bit test), so a scan of 100,000
/// directives does not read 100,000 names.
pub struct Names {
    /// Bit `key % 128` set for each name's key.
    bloom: u128,
    names: Vec<(u32, String)>,
}

impl Names {
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Names {
        let names: Vec<(u32, String)> = names
            .into_iter()
            .map(|n| {
                let n = n.into();
                (name_key(&n), n)
            })
            .collect();
        let bloom = names.iter().fold(0u128, |b, (k, _)| b | 1 << (k % 128));
        Names { bloom, names }
    }

    /// Which of the names `d` has (its index in the list given).
    pub fn position(&self, d: &Dir) -> Option<usize> {
        if self.bloom & 1 << (d.key % 128) == 0 {
            return None;
        }
        self.names.iter().position(|(k, n)| d.named(n, *k))
    }

    pub fn contains(&self, d: &Dir) -> bool {
        self.position(d).is_some()
    }
}

/// A directive inside one of [`Nginx::trees`].
///
/// SAFETY: the pointee lives in an `Arc<File>` that the `Nginx` holding
/// this `Dir` keeps in `trees` for as long as it lives, and a tree behind
/// an `Arc` is never changed, so the address stays valid and the data
/// immutable. A `Dir` cannot leave its `Nginx`: it is made only by
/// [`walk`], is not `Clone`, and the contexts holding it are reached only
/// through [`Nginx::contexts`], a shared borrow of the model. The data is
/// immutable, so sharing it across threads is sound.
struct DirectivePtr(std::ptr::NonNull<Directive>);

unsafe impl Send for DirectivePtr {}
unsafe impl Sync for DirectivePtr {}

impl std::fmt::Debug for DirectivePtr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // SAFETY: see `DirectivePtr`.
        let d = unsafe { self.0.as_ref() };
        f.debug_struct("Directive")
            .field("name", &d.name.text)
            .field("args", &d.args.len())
            .finish()
    }
}

impl Dir {
    fn directive(&self) -> &Directive {
        // SAFETY: see `DirectivePtr`.
        unsafe { self.at.0.as_ref() }
    }

    pub fn name(&self) -> &Text {
        &self.directive().name.text
    }

    /// Whether its name ends in `_pass` (`proxy_pass`, `memcached_pass`).
    pub fn is_pass(&self) -> bool {
        self.key & 1 == 1
    }

    /// Whether it is named `name`, whose [`name_key`] is `key`.
    pub fn named(&self, name: &str, key: u32) -> bool {
        self.key == key && self.name() == name
    }

    /// Its arguments, as the server reads them (`text`) and as written.
    pub fn args(&self) -> &[Word] {
        &self.directive().args
    }

    pub fn arg(&self, i: usize) -> Option<&str> {
        self.args().get(i).map(|w| w.text.as_str())
    }

    /// How many arguments it has.
    pub fn arg_count(&self) -> usize {
        self.args().len()
    }

    /// Its arguments' texts.
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        self.args().iter().map(|w| w.text.as_str())
    }
}

/// An effective value: the directive that sets it and the context it was
/// written in (the location itself, or one it inherits from).
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub dir: &'a Dir,
    pub context: usize,
}

impl Nginx {
    /// Every context (main, each block), parents before their children.
    pub fn contexts(&self) -> &[Context] {
        &self.contexts
    }

    pub fn user(&self) -> &str {
        self.user
            .as_ref()
            .map_or(self.build_user.user, |u| u.value.as_str())
    }

    pub fn upstream(&self, name: &str) -> Option<&Upstream> {
        self.index.upstreams.get(name).map(|&i| &self.upstreams[i])
    }

    /// The directive `name` in effect in context `ctx`: its own, else the
    /// nearest enclosing context's (location → location → server → http →
    /// main), as nginx merges its configuration. A directive written twice
    /// in one context (arrays such as `proxy_set_header`) gives the last.
    /// `if` blocks are children, never ancestors: their values hold only
    /// for some requests.
    pub fn effective(&self, ctx: usize, name: &str) -> Option<Found<'_>> {
        let key = name_key(name);
        let (c, i) = if self.depth(ctx) > DEEP {
            let c = self.deep_holder(ctx, name, key)?;
            (c, self.last_named(c, name, key)?)
        } else {
            let mut at = Some(ctx);
            loop {
                let c = at?;
                if let Some(i) = self.last_named(c, name, key) {
                    break (c, i);
                }
                at = self.contexts.get(c)?.parent;
            }
        };
        Some(Found {
            dir: &self.contexts[c].directives[i],
            context: c,
        })
    }

    /// The position of the last directive `name` written directly in
    /// context `c`.
    fn last_named(&self, c: usize, name: &str, key: u32) -> Option<usize> {
        match self.index.named_at.get(c) {
            Some(&at) if at != NOT_NAMED => self.index.named[at as usize]
                .get_or_init(|| {
                    self.contexts[c]
                        .directives
                        .iter()
                        .enumerate()
                        .map(|(i, d)| (d.name().clone(), i as u32))
                        .collect()
                })
                .get(name)
                .map(|&i| i as usize),
            _ => self
                .contexts
                .get(c)?
                .directives
                .iter()
                .rposition(|d| d.named(name, key)),
        }
    }

    /// How many contexts enclose `ctx`.
    fn depth(&self, ctx: usize) -> u32 {
        self.index.up.get(ctx).map_or(0, |u| u.depth)
    }

    /// The nearest context at or above `ctx` that writes `name`, for a
    /// context nested deeper than [`DEEP`]: remembered per context, so that
    /// each of a chain of 20,000 nested locations is looked at once per
    /// name rather than once per location below it.
    fn deep_holder(&self, ctx: usize, name: &str, key: u32) -> Option<usize> {
        const UNKNOWN: u32 = u32::MAX;
        const NONE: u32 = u32::MAX - 1;
        let mut memo = self.index.deep.lock().unwrap_or_else(|e| e.into_inner());
        let table = memo
            .entry(name.to_string())
            .or_insert_with(|| vec![UNKNOWN; self.contexts.len()]);
        // Up to the first context already known (or the top), then down.
        let mut path = Vec::new();
        let mut at = Some(ctx);
        let mut found = NONE;
        while let Some(c) = at {
            if table[c] != UNKNOWN {
                found = table[c];
                break;
            }
            if self.last_named(c, name, key).is_some() {
                found = c as u32;
                table[c] = found;
                break;
            }
            path.push(c);
            at = self.contexts[c].parent;
        }
        for c in path {
            table[c] = found;
        }
        (found != NONE).then_some(found as usize)
    }

    /// Every directive `name` in the nearest context that has any: the
    /// array directives (`proxy_set_header`, `fastcgi_param`) are
    /// inherited whole, and only where the inner level has none.
    pub fn effective_all(&self, ctx: usize, name: &str) -> Vec<&Dir> {
        // The nearest context with any is the one whose last one is in effect.
        let key = name_key(name);
        match self.effective(ctx, name) {
            Some(f) => self.contexts[f.context]
                .directives
                .iter()
                .filter(|d| d.named(name, key))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The `http` context enclosing `ctx`, if any.
    pub fn http_of(&self, ctx: usize) -> Option<usize> {
        self.enclosing(ctx, "http")
    }

    /// The nearest context of kind `kind` at or above `ctx`.
    pub fn enclosing(&self, ctx: usize, kind: &str) -> Option<usize> {
        if let Some(up) = self.index.up.get(ctx) {
            match kind {
                "main" => return up.main,
                "http" => return up.http,
                "server" => return up.server,
                "location" => return up.location,
                _ => {}
            }
        }
        let mut at = Some(ctx);
        while let Some(c) = at {
            let context = self.contexts.get(c)?;
            if context.kind == kind {
                return Some(c);
            }
            at = context.parent;
        }
        None
    }

    /// The `if` blocks written directly in context `ctx`, in order.
    pub fn ifs_in(&self, ctx: usize) -> &[usize] {
        self.index.ifs.get(&ctx).map_or(&[], Vec::as_slice)
    }

    /// The `map` blocks that set `var` (`$name`), in order.
    pub fn maps_setting(&self, var: &str) -> &[usize] {
        self.index.maps.get(var).map_or(&[], Vec::as_slice)
    }

    /// The last `map` written directly in context `parent` that sets `var`.
    pub fn map_in(&self, parent: usize, var: &str) -> Option<usize> {
        self.index.map_in.get(&(parent, var.to_string())).copied()
    }

    /// The first `geo` or `split_clients` block that sets `var`.
    pub fn set_by_block(&self, var: &str) -> Option<usize> {
        self.index.set_by_block.get(var).copied()
    }

    /// Whether every value of the `map` context `map`, its default
    /// included, is a non-empty literal; `None` when hoplint cannot tell.
    pub fn map_never_empty(&self, map: usize) -> Option<bool> {
        self.index.map_never_empty.get(&map).copied().flatten()
    }

    /// The directive `name` written in a main context (`user`,
    /// `worker_processes`), and in the `events` blocks below it.
    pub fn main_directive(&self, name: &str) -> Option<&Dir> {
        let key = name_key(name);
        self.contexts
            .iter()
            .filter(|c| c.kind == "main" || c.kind == "events")
            .find_map(|c| c.directives.iter().rev().find(|d| d.named(name, key)))
    }
}

#[derive(Debug)]
pub struct Server {
    /// Its context in `Nginx::contexts`.
    pub ctx: usize,
    pub span: Span,
    pub listens: Vec<Listen>,
    pub names: Vec<String>,
}

#[derive(Debug)]
pub struct Listen {
    pub text: String,
    pub endpoint: Endpoint,
    pub span: Span,
}

#[derive(Debug)]
pub struct Location {
    /// The index of its `server` in `Nginx::servers` (none for a snippet
    /// read on its own).
    pub server: Option<usize>,
    /// The enclosing location, for a nested one.
    pub parent: Option<usize>,
    /// `~ \.php$`, `= /healthz`, `/`.
    pub pattern: String,
    /// Its context in `Nginx::contexts`.
    pub ctx: usize,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HopKind {
    FastCgi,
    Proxy,
    Uwsgi,
    Scgi,
    Grpc,
}

impl HopKind {
    pub fn from_directive(name: &str) -> Option<HopKind> {
        Some(match name {
            "fastcgi_pass" => HopKind::FastCgi,
            "proxy_pass" => HopKind::Proxy,
            "uwsgi_pass" => HopKind::Uwsgi,
            "scgi_pass" => HopKind::Scgi,
            "grpc_pass" => HopKind::Grpc,
            _ => return None,
        })
    }

    pub fn directive(self) -> &'static str {
        match self {
            HopKind::FastCgi => "fastcgi_pass",
            HopKind::Proxy => "proxy_pass",
            HopKind::Uwsgi => "uwsgi_pass",
            HopKind::Scgi => "scgi_pass",
            HopKind::Grpc => "grpc_pass",
        }
    }

    /// The port a target without one gets: only `proxy_pass` and
    /// `grpc_pass` URLs have a scheme that implies one.
    fn default_port(self) -> Option<u16> {
        match self {
            HopKind::Proxy | HopKind::Grpc => Some(80),
            _ => None,
        }
    }
}

/// One `*_pass`: the location it belongs to (these directives are not
/// inherited: a nested location without its own has none).
#[derive(Debug)]
pub struct Hop {
    pub kind: HopKind,
    pub location: Option<usize>,
    /// The context it is written in (the location, or an `if` in it).
    pub ctx: usize,
    /// Inside `if` or `limit_except`: taken only for some requests.
    pub conditional: bool,
    pub target: String,
    pub endpoint: Endpoint,
    pub span: Span,
}

#[derive(Debug)]
pub struct Upstream {
    pub name: String,
    /// Its context in `Nginx::contexts`: `keepalive`, `zone`, `resolver`.
    pub ctx: usize,
    pub span: Span,
    pub servers: Vec<UpstreamServer>,
}

#[derive(Debug)]
pub struct UpstreamServer {
    pub text: String,
    pub endpoint: Endpoint,
    /// `backup` or `down`.
    pub spare: bool,
    /// The parameters after the address: `weight=5`, `resolve`, `max_fails=3`.
    pub params: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    Main,
    Http,
    Server(usize),
    Location(usize),
    /// `if` or `limit_except` inside a location.
    Conditional(usize),
    Upstream(usize),
    /// `events`, `stream`, `map`, `types`, ...: nothing the model reads.
    Other,
}

struct Frame<'a> {
    file: FileId,
    items: std::slice::Iter<'a, Item>,
    scope: Scope,
    /// Its index in `Nginx::contexts`.
    ctx: usize,
    /// How many include levels deep this frame is.
    depth: usize,
    /// For an included file's frame: where its part began, once it has
    /// (see [`Part`]). `None` for a block's frame or an entry file's.
    part: Option<Option<(usize, Counts)>>,
}

/// Files walked from the top: every entry point, or where the scan holds
/// no nginx entry point, every file no include reached (a repo of site
/// files). Files reached only from `sites-available` are then not live.
fn roots(project: &Project) -> Vec<FileId> {
    let nginx = |r: &dyn Fn(&Reach) -> bool| -> Vec<FileId> {
        project
            .files
            .iter()
            .filter(|f| f.kind == Kind::Nginx && r(&f.reach))
            .map(|f| f.id)
            .collect()
    };
    let entries = nginx(&|r| *r == Reach::Entry);
    if entries.is_empty() {
        nginx(&|r| *r == Reach::Unreached)
    } else {
        entries
    }
}

pub fn build(project: &Project, includes: &Includes, refused: &HashSet<Span>) -> Nginx {
    let mut model = Nginx {
        trees: nginx_trees(project),
        ..Nginx::default()
    };
    let roots = roots(project);
    model.build_user = build_user(project, &roots);
    model.roots = roots.clone();
    // Read from, while the model they are kept in grows.
    let trees = std::mem::take(&mut model.trees);
    for root in roots {
        walk(project, &trees, includes, root, &mut model, refused);
    }
    model.trees = trees;
    model.finish();
    model
}

impl Nginx {
    /// What is known only once every file is read: the index, and which
    /// hop targets name an upstream.
    fn finish(&mut self) {
        self.index = Index::new(self);
        let upstreams = &self.index.upstreams;
        for hop in &mut self.hops {
            hop.endpoint =
                match std::mem::replace(&mut hop.endpoint, Endpoint::Other(String::new())) {
                    Endpoint::Other(name) | Endpoint::Upstream(name)
                        if upstreams.contains_key(&name) =>
                    {
                        Endpoint::Upstream(name)
                    }
                    Endpoint::Upstream(name) => Endpoint::Other(name),
                    other => other,
                };
        }
    }

    /// Where each included file's part of the model lies, in the order the
    /// files were read: for the tests of [`replace_file`].
    #[doc(hidden)]
    pub fn parts_outline(&self) -> String {
        let mut parts = self.parts.clone();
        parts.sort_by_key(|p| p.seq);
        parts.iter().map(|p| format!("{p:?}\n")).collect()
    }

    fn counts(&self) -> Counts {
        Counts {
            contexts: self.contexts.len(),
            servers: self.servers.len(),
            locations: self.locations.len(),
            hops: self.hops.len(),
            upstreams: self.upstreams.len(),
        }
    }
}

/// How many of each thing the model holds: where a file's part begins
/// and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Counts {
    contexts: usize,
    servers: usize,
    locations: usize,
    hops: usize,
    upstreams: usize,
}

/// What one included file added to the model where it was included: the
/// contexts, servers, locations, hops and upstreams made while it was
/// read are the ranges `start..end` (the walk is depth-first, so they are
/// contiguous). For [`replace_file`].
#[derive(Debug, Clone, Copy)]
struct Part {
    file: FileId,
    /// The order files began to be read in, and the last one begun
    /// before this one was done: the parts `seq + 1 ..= last` are the
    /// files it included, directly or not.
    seq: usize,
    last: usize,
    start: Counts,
    end: Counts,
    /// The scope, context and include depth it was read in.
    scope: Scope,
    ctx: usize,
    depth: usize,
}

/// Whether a file's top level holds only blocks (and comments): then it
/// added nothing to the including context or to what that context stands
/// for (a `listen` to its server), and its part's ranges hold all it added.
fn sealed(items: &[Item]) -> bool {
    items.iter().all(|i| match i {
        Item::Comment(_) => true,
        Item::Directive(d) => d.block.is_some() && !d.name.is("include"),
    })
}

/// The nginx trees, by `FileId` (`None` for the other files).
type Trees = Vec<Option<std::sync::Arc<crate::syntax::nginx::File>>>;

fn nginx_trees(project: &Project) -> Trees {
    project
        .trees
        .iter()
        .map(|t| match t {
            Tree::Nginx(f) => Some(f.clone()),
            _ => None,
        })
        .collect()
}

/// What [`replace_file`] took out of the model.
struct Replaced {
    _contexts: Vec<Context>,
    _servers: Vec<Server>,
    _locations: Vec<Location>,
    _hops: Vec<Hop>,
    _upstreams: Vec<Upstream>,
    _tree: Option<std::sync::Arc<crate::syntax::nginx::File>>,
}

/// The nginx side after an in-place edit of `file` (its includes name
/// what they named, in the same contexts; `refused` as for [`build`]),
/// the same as [`build`] gives, reading only that file again: when it is
/// included exactly once and holds only blocks at its top level (a site
/// file: `server`, `upstream` and `map` blocks) before the edit and after,
/// its part of `model` is replaced and everything after it moves by the
/// difference. A 1,000-site server's nginx side took 10 ms to build
/// again on every keystroke in one site. Returns what it took out, for the
/// caller to free; `None` when the whole side must be built again, with
/// `model` untouched.
pub fn replace_file(
    model: &mut Nginx,
    project: &Project,
    includes: &Includes,
    refused: &HashSet<Span>,
    file: FileId,
) -> Option<Box<dyn Send>> {
    if model.roots.contains(&file) {
        return None;
    }
    let mut found = model.parts.iter().filter(|p| p.file == file);
    let old = match found.next() {
        Some(&p) => p,
        // Read nowhere (a site in `sites-available` only): nothing in
        // the model comes from it.
        None => return Some(Box::new(())),
    };
    if found.next().is_some() || !tree(&model.trees, file).is_some_and(sealed) {
        return None;
    }
    let new_tree = match project.trees.get(file.0 as usize) {
        Some(Tree::Nginx(f)) => f.clone(),
        _ => return None,
    };
    if !sealed(&new_tree.items) || model.trees.len() != project.trees.len() {
        return None;
    }
    let rest = (
        model.contexts.split_off(old.end.contexts),
        model.servers.split_off(old.end.servers),
        model.locations.split_off(old.end.locations),
        model.hops.split_off(old.end.hops),
        model.upstreams.split_off(old.end.upstreams),
    );
    let replaced = Replaced {
        _contexts: model.contexts.split_off(old.start.contexts),
        _servers: model.servers.split_off(old.start.servers),
        _locations: model.locations.split_off(old.start.locations),
        _hops: model.hops.split_off(old.start.hops),
        _upstreams: model.upstreams.split_off(old.start.upstreams),
        _tree: model.trees[file.0 as usize].replace(new_tree),
    };
    // The file and the files it included are read again, numbered from
    // where it was.
    let parts = std::mem::take(&mut model.parts);
    let next_seq = std::mem::replace(&mut model.next_seq, old.seq);
    // Read from, while the model they are kept in grows.
    let trees = std::mem::take(&mut model.trees);
    let Some(items) = tree(&trees, file) else {
        unreachable!("the edited file's tree was just put in");
    };
    run(
        &trees,
        includes,
        model,
        refused,
        vec![Frame {
            file,
            items: items.iter(),
            scope: old.scope,
            ctx: old.ctx,
            depth: old.depth,
            part: Some(None),
        }],
    );
    model.trees = trees;
    let new_end = model.counts();
    let new_last = model.next_seq - 1;
    model.next_seq = next_seq - old.last + new_last;
    // Indices at or after the old end move to after the new one; those
    // before the file's part stay (nothing outside it points into it).
    let moved = |i: usize, at: usize, to: usize| if i >= at { i - at + to } else { i };
    let ctx = |c: usize| moved(c, old.end.contexts, new_end.contexts);
    let server = |s: usize| moved(s, old.end.servers, new_end.servers);
    let location = |l: usize| moved(l, old.end.locations, new_end.locations);
    let upstream = |u: usize| moved(u, old.end.upstreams, new_end.upstreams);
    let counts = |c: Counts| Counts {
        contexts: ctx(c.contexts),
        servers: server(c.servers),
        locations: location(c.locations),
        hops: moved(c.hops, old.end.hops, new_end.hops),
        upstreams: upstream(c.upstreams),
    };
    let (contexts, servers, locations, hops, upstreams) = rest;
    model.contexts.extend(contexts.into_iter().map(|mut c| {
        c.parent = c.parent.map(ctx);
        c
    }));
    model.servers.extend(servers.into_iter().map(|mut s| {
        s.ctx = ctx(s.ctx);
        s
    }));
    model.locations.extend(locations.into_iter().map(|mut l| {
        l.server = l.server.map(server);
        l.parent = l.parent.map(location);
        l.ctx = ctx(l.ctx);
        l
    }));
    model.hops.extend(hops.into_iter().map(|mut h| {
        h.location = h.location.map(location);
        h.ctx = ctx(h.ctx);
        h
    }));
    model.upstreams.extend(upstreams.into_iter().map(|mut u| {
        u.ctx = ctx(u.ctx);
        u
    }));
    for mut p in parts {
        if p.seq >= old.seq && p.seq <= old.last {
            // Read again: its new part is already in.
            continue;
        }
        let after = p.seq > old.last;
        let encloses = p.seq < old.seq && p.last >= old.last;
        if after {
            p.seq = p.seq - old.last + new_last;
            p.start = counts(p.start);
        }
        if after || encloses {
            p.last = p.last - old.last + new_last;
            p.end = counts(p.end);
        }
        p.ctx = ctx(p.ctx);
        p.scope = match p.scope {
            Scope::Server(s) => Scope::Server(server(s)),
            Scope::Location(l) => Scope::Location(location(l)),
            Scope::Conditional(l) => Scope::Conditional(location(l)),
            Scope::Upstream(u) => Scope::Upstream(upstream(u)),
            other => other,
        };
        model.parts.push(p);
    }
    model.finish();
    Some(Box::new(replaced))
}

/// Contexts nested deeper than this have their effective values
/// remembered ([`Nginx::effective`]); shallower ones are walked.
const DEEP: u32 = 16;

impl Index {
    fn new(model: &Nginx) -> Index {
        let mut index = Index::default();
        for (i, u) in model.upstreams.iter().enumerate() {
            index.upstreams.entry(u.name.clone()).or_insert(i);
        }
        index.up.reserve(model.contexts.len());
        for (c, context) in model.contexts.iter().enumerate() {
            // A parent is always read, and pushed, before its children.
            let mut up = match context.parent {
                Some(p) if p < c => {
                    let mut up = index.up[p];
                    up.depth += 1;
                    up
                }
                _ => Up::default(),
            };
            let arg = |i: usize| context.args.get(i).map(|a| a.to_string());
            match context.kind.as_str() {
                "main" => up.main = Some(c),
                "http" => up.http = Some(c),
                "server" => up.server = Some(c),
                "location" => up.location = Some(c),
                "if" => {
                    if let Some(p) = context.parent {
                        index.ifs.entry(p).or_default().push(c);
                    }
                }
                "map" => {
                    if let Some(var) = arg(1) {
                        index.maps.entry(var.clone()).or_default().push(c);
                        if let Some(p) = context.parent {
                            index.map_in.insert((p, var), c);
                        }
                    }
                    index.map_never_empty.insert(c, never_empty(context));
                }
                "geo" | "split_clients" => {
                    if let Some(var) = context.args.last() {
                        index.set_by_block.entry(var.to_string()).or_insert(c);
                    }
                }
                _ => {}
            }
            index.up.push(up);
            if context.directives.len() > NAMED_FROM {
                index.named_at.push(index.named.len() as u32);
                index.named.push(std::sync::OnceLock::new());
            } else {
                index.named_at.push(NOT_NAMED);
            }
        }
        index
    }
}

/// Whether every value of a `map`, its default included, is a non-empty
/// literal (the WebSocket `$connection_upgrade` map gives `upgrade` or
/// `close`). `None` when hoplint cannot tell.
fn never_empty(map: &Context) -> Option<bool> {
    let mut has_default = false;
    for entry in &map.directives {
        match (entry.name().as_str(), entry.arg(0)) {
            ("hostnames" | "volatile", None) => {}
            (_, None) => return None,
            (key, Some(v)) => {
                if v.is_empty() || v.contains('$') {
                    return Some(false);
                }
                has_default |= key == "default";
            }
        }
    }
    // Without `default`, an unmatched request gets the empty string.
    Some(has_default)
}

fn tree(trees: &Trees, id: FileId) -> Option<&[Item]> {
    match trees.get(id.0 as usize) {
        Some(Some(f)) => Some(&f.items),
        _ => None,
    }
}

fn walk(
    project: &Project,
    trees: &Trees,
    includes: &Includes,
    root: FileId,
    model: &mut Nginx,
    refused: &HashSet<Span>,
) {
    let Some(items) = tree(trees, root) else {
        return;
    };
    let len = project
        .files
        .get(root.0 as usize)
        .map_or(0, |f| f.text.len());
    model.contexts.push(Context {
        kind: Text::new("main"),
        args: Vec::new(),
        parent: None,
        directives: Vec::new(),
        span: Span {
            file: root,
            range: TextRange::new(0, len),
        },
    });
    let stack = vec![Frame {
        file: root,
        items: items.iter(),
        scope: Scope::Main,
        ctx: model.contexts.len() - 1,
        depth: 0,
        part: None,
    }];
    run(trees, includes, model, refused, stack);
}

/// Reads the frames on `stack` to the end, into `model`.
fn run<'a>(
    trees: &'a Trees,
    includes: &Includes,
    model: &mut Nginx,
    refused: &HashSet<Span>,
    mut stack: Vec<Frame<'a>>,
) {
    while let Some(top) = stack.last_mut() {
        if top.part == Some(None) {
            top.part = Some(Some((model.next_seq, model.counts())));
            model.next_seq += 1;
        }
        let Some(item) = top.items.next() else {
            if let Some(frame) = stack.pop() {
                if let Some(Some((seq, start))) = frame.part {
                    model.parts.push(Part {
                        file: frame.file,
                        seq,
                        last: model.next_seq - 1,
                        start,
                        end: model.counts(),
                        scope: frame.scope,
                        ctx: frame.ctx,
                        depth: frame.depth,
                    });
                }
            }
            continue;
        };
        let Item::Directive(d) = item else {
            continue;
        };
        let (file, scope, ctx, depth) = (top.file, top.scope, top.ctx, top.depth);
        let span = Span {
            file,
            range: d.range,
        };
        // nginx refuses it where it stands: it makes no hop, server or block.
        if !refused.is_empty() && refused.contains(&span) {
            continue;
        }
        if d.name.is("include") {
            if depth < MAX_SPLICE_DEPTH {
                // Pushed in reverse so the first included file is read first.
                for &to in includes.targets(file, d.range).iter().rev() {
                    if let Some(items) = tree(trees, to) {
                        stack.push(Frame {
                            file: to,
                            items: items.iter(),
                            scope,
                            ctx,
                            depth: depth + 1,
                            part: Some(None),
                        });
                    }
                }
            }
            continue;
        }
        match &d.block {
            Some(block) => {
                model.contexts.push(Context {
                    kind: d.name.text.clone(),
                    args: d.args.iter().map(|a| a.text.clone()).collect(),
                    parent: Some(ctx),
                    directives: Vec::new(),
                    span,
                });
                let inner_ctx = model.contexts.len() - 1;
                let inner = enter(model, scope, d, span, inner_ctx);
                stack.push(Frame {
                    file,
                    items: block.items.iter(),
                    scope: inner,
                    ctx: inner_ctx,
                    depth,
                    part: None,
                });
            }
            None => {
                model.contexts[ctx].directives.push(Dir {
                    at: DirectivePtr(std::ptr::NonNull::from(d)),
                    key: name_key(&d.name.text),
                    span,
                });
                directive(model, scope, d, span, ctx)
            }
        }
    }
}

/// The scope a block opens, registering servers, locations and upstreams.
fn enter(model: &mut Nginx, scope: Scope, d: &Directive, span: Span, ctx: usize) -> Scope {
    let name = d.name.text.as_str();
    match (name, scope) {
        ("http", Scope::Main) => Scope::Http,
        // A site file read on its own starts in main: `server` there is
        // the http one (a `stream` server is inside `stream`, scope Other).
        ("server", Scope::Http | Scope::Main) => {
            model.servers.push(Server {
                ctx,
                span,
                listens: Vec::new(),
                names: Vec::new(),
            });
            Scope::Server(model.servers.len() - 1)
        }
        ("location", Scope::Server(_) | Scope::Location(_) | Scope::Main | Scope::Http) => {
            let (server, parent) = match scope {
                Scope::Server(s) => (Some(s), None),
                Scope::Location(l) => (model.locations[l].server, Some(l)),
                _ => (None, None),
            };
            let pattern = d
                .args
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            model.locations.push(Location {
                server,
                parent,
                pattern,
                ctx,
                span,
            });
            Scope::Location(model.locations.len() - 1)
        }
        ("if" | "limit_except", Scope::Location(l) | Scope::Conditional(l)) => {
            Scope::Conditional(l)
        }
        ("upstream", Scope::Http | Scope::Main) => {
            model.upstreams.push(Upstream {
                name: d
                    .args
                    .first()
                    .map(|a| a.text.to_string())
                    .unwrap_or_default(),
                ctx,
                span,
                servers: Vec::new(),
            });
            Scope::Upstream(model.upstreams.len() - 1)
        }
        _ => Scope::Other,
    }
}

fn directive(model: &mut Nginx, scope: Scope, d: &Directive, span: Span, ctx: usize) {
    let name = d.name.text.as_str();
    let first = d.args.first().map(|a| a.text.as_str());
    match (scope, name, first) {
        (Scope::Main, "user", Some(user)) if model.user.is_none() => {
            model.user = Some(Setting {
                value: user.to_string(),
                span,
            });
            model.user_group = d.args.get(1).map(|a| a.text.to_string());
        }
        (Scope::Server(s), "listen", Some(addr)) => {
            let ipv6only = !d.args.iter().any(|a| a.is("ipv6only=off"));
            model.servers[s].listens.push(Listen {
                text: addr.to_string(),
                endpoint: endpoint::nginx_listen(addr, ipv6only),
                span,
            });
        }
        (Scope::Server(s), "server_name", _) => {
            model.servers[s]
                .names
                .extend(d.args.iter().map(|a| a.text.to_string()));
        }
        (Scope::Upstream(u), "server", Some(addr)) => {
            let spare = d.args.iter().any(|a| a.is("backup") || a.is("down"));
            model.upstreams[u].servers.push(UpstreamServer {
                text: addr.to_string(),
                endpoint: endpoint::nginx_target(addr, Some(80)),
                spare,
                params: d.args[1..].iter().map(|a| a.text.to_string()).collect(),
                span,
            });
        }
        (Scope::Other | Scope::Upstream(_), _, _) => {}
        (_, _, Some(target)) => {
            let Some(kind) = HopKind::from_directive(name) else {
                return;
            };
            let (location, conditional) = match scope {
                Scope::Location(l) => (Some(l), false),
                Scope::Conditional(l) => (Some(l), true),
                _ => (None, false),
            };
            model.hops.push(Hop {
                kind,
                location,
                ctx,
                conditional,
                target: target.to_string(),
                endpoint: endpoint::nginx_target(target, kind.default_port()),
                span,
            });
        }
        _ => {}
    }
}

/// nginx's worker identity, as [`Nginx::worker`] gives it.
pub struct Worker {
    pub user: Id,
    /// The group it runs with: one name, or, with no `user` directive,
    /// the build's default (`nogroup` or `nobody`, chosen by configure).
    pub primary: Vec<Id>,
    /// Groups of `etc/group` that list the user; `None` without the file.
    pub supplementary: Option<Vec<Id>>,
}

impl Nginx {
    /// The identity nginx's workers run with (`ngx_set_user` in
    /// `src/core/nginx.c`, `ngx_worker_process_init`): the `user`
    /// directive's user, its group (or the group named like the user), plus
    /// every group of `etc/group` that lists the user. `None` for root,
    /// which passes every permission check, and for a user the accounts
    /// lack (nginx would not start: another failure).
    pub fn worker(&self, acc: &Accounts) -> Option<Worker> {
        let name = self.user();
        let primary: Vec<&str> = match (&self.user, &self.user_group) {
            (Some(_), Some(g)) => vec![g.as_str()],
            (Some(u), None) => vec![u.value.as_str()],
            (None, _) => self.build_user.groups.to_vec(),
        };
        if acc.lacks_user(name) {
            return None;
        }
        let user = acc.user_id(name);
        // The super-user passes every permission check.
        if same(&user, &Id::root()) == Tri::Yes {
            return None;
        }
        let supplementary = acc.groups.as_ref().map(|g| {
            g.iter()
                .filter(|e| e.members.iter().any(|m| m == name))
                .map(|e| acc.gid_id(e.gid))
                .collect()
        });
        Some(Worker {
            user,
            primary: primary.into_iter().map(|g| acc.group_id(g)).collect(),
            supplementary,
        })
    }
}

impl Worker {
    pub fn in_group(&self, group: &Id) -> Tri {
        let primary: Vec<Tri> = self.primary.iter().map(|g| same(g, group)).collect();
        if primary.iter().all(|t| *t == Tri::Yes) {
            return Tri::Yes;
        }
        let primary_maybe = primary.iter().any(|t| *t != Tri::No);
        let Some(supp) = &self.supplementary else {
            return if primary_maybe {
                Tri::Unknown
            } else {
                Tri::AssumedNo
            };
        };
        let supp: Vec<Tri> = supp.iter().map(|g| same(g, group)).collect();
        if supp.contains(&Tri::Yes) {
            Tri::Yes
        } else if primary_maybe || supp.contains(&Tri::Unknown) {
            Tri::Unknown
        } else {
            Tri::No
        }
    }
}
