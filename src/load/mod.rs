//! From paths on the command line to parsed files: finds the entry points,
//! follows includes the way each server does, and turns everything that
//! went wrong on the way (syntax, missing includes, cycles, unreadable
//! files) into diagnostics.

pub mod codes;
pub mod discover;
pub mod fs;
pub mod glob;
pub mod host;
pub mod include;
pub mod overlay;

use crate::diagnostic::{Diagnostic, Meta, Severity};
use crate::parse::{self, nginx_check, nginx_check::Context};
use crate::source::{FileId, Kind, Reach, SourceFile};
use crate::span::{LineIndex, TextRange};
use crate::syntax::{SyntaxError, Tree};
use discover::Found;
use fs::{Fs, ReadError};
use host::HostFacts;
pub use overlay::Sources;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Apache refuses to nest includes deeper than this (`AP_MAX_INCLUDE_DEPTH`);
/// hoplint applies it to all three servers so no chain runs away.
const MAX_INCLUDE_DEPTH: usize = 128;

/// php-fpm reads at most this many files at once, its main config included
/// (`fpm_conf_load_ini_file`: "failed to include more than 5 files recursively").
const PHP_FPM_MAX_FILES: usize = 5;

/// php-fpm prefixes relative include paths with its prefix, `/usr` in
/// Debian's build (php-fpm.conf: "Relative path can also be used").
const PHP_FPM_PREFIX: &str = "/usr";

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the server's `/` is (a copy of `/etc` or of a whole machine).
    pub root: Option<PathBuf>,
    /// Paths are shown relative to this directory when below it (default:
    /// the current directory).
    pub display_base: Option<PathBuf>,
    /// Read the files named on the command line as this server's configs,
    /// whatever their names and contents suggest.
    pub kind: Option<Kind>,
}

/// One resolved include: `from` asks for `to` at `at`.
#[derive(Debug, Clone)]
pub struct IncludeEdge {
    pub from: FileId,
    pub at: TextRange,
    pub to: FileId,
}

/// An include site that read no file: a missing file, a glob that
/// matched nothing, or a file that could not be read.
#[derive(Debug, Clone)]
pub struct UnreadInclude {
    pub from: FileId,
    pub at: TextRange,
    /// A glob over a directory that exists but holds no match: nothing is
    /// hidden (an empty `sites-enabled/`). Otherwise the files may be kept
    /// elsewhere, and what they would say is unknown.
    pub empty_dir: bool,
}

/// Everything read.
#[derive(Debug, Default)]
pub struct Project {
    pub files: Vec<SourceFile>,
    pub trees: Vec<Tree>,
    pub includes: Vec<IncludeEdge>,
    /// Include sites that read no file.
    pub unread_includes: Vec<UnreadInclude>,
    pub diagnostics: Vec<Diagnostic>,
    /// The root used for absolute paths, if any, and whether it was detected.
    pub root: Option<(PathBuf, bool)>,
    /// What the checked machine says about itself (accounts, resolver,
    /// services, packages), read from the root once.
    pub host: HostFacts,
    /// Problems with the command line's own paths: exit status 2.
    pub fatal: Vec<String>,
    /// The declared stacks checked each on its own, by name (empty: the
    /// inputs were checked as one stack).
    pub stacks: Vec<String>,
    /// Findings silenced by a `hoplint: ignore` comment or a baseline,
    /// moved out of `diagnostics` once every rule ran (`crate::suppress`).
    pub silenced: Vec<crate::suppress::Silenced>,
}

impl Project {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Appends a project checked on its own (a declared stack): its files
    /// are renumbered after this one's, and so is every reference to them.
    pub fn absorb(&mut self, other: Project) {
        let offset = self.files.len() as u32;
        let shift = |id: FileId| {
            if id == FileId::DECLARED {
                id
            } else {
                FileId(id.0 + offset)
            }
        };
        for mut f in other.files {
            f.id = shift(f.id);
            if let Reach::Included { from, .. } = &mut f.reach {
                *from = shift(*from);
            }
            self.files.push(f);
        }
        self.trees.extend(other.trees);
        self.includes
            .extend(other.includes.into_iter().map(|e| IncludeEdge {
                from: shift(e.from),
                to: shift(e.to),
                ..e
            }));
        self.unread_includes
            .extend(other.unread_includes.into_iter().map(|u| UnreadInclude {
                from: shift(u.from),
                ..u
            }));
        for mut d in other.diagnostics {
            for l in d.primary.iter_mut().chain(d.secondary.iter_mut()) {
                l.file = shift(l.file);
            }
            if let Some(f) = &mut d.fix {
                f.file = shift(f.file);
            }
            self.diagnostics.push(d);
        }
        self.fatal.extend(other.fatal);
    }
}

/// The paths of `exclude` below the directory `input`, spelt as the walk
/// of `input` spells the files it finds.
fn excluded_below(input: &Path, exclude: &[PathBuf]) -> Vec<PathBuf> {
    let Ok(base) = std::fs::canonicalize(input) else {
        return Vec::new();
    };
    exclude
        .iter()
        .filter_map(|x| std::fs::canonicalize(x).ok())
        .filter_map(|x| x.strip_prefix(&base).ok().map(|rel| input.join(rel)))
        .collect()
}

struct Parsed {
    text: String,
    invalid_utf8_at: Option<usize>,
    tree: Tree,
    errors: Vec<SyntaxError>,
}

fn read_and_parse(
    fs: &Fs,
    sources: &Sources,
    real: &Path,
    kind: Kind,
) -> Result<Parsed, ReadError> {
    let loaded = match sources.overlay.as_ref().and_then(|o| o.get(real)) {
        Some(text) => fs::Loaded {
            text: text.to_string(),
            invalid_utf8_at: None,
        },
        None => fs.read(real)?,
    };
    let cache = sources.parse_cache.as_deref();
    let (tree, errors) = match cache.and_then(|c| c.take(real, kind, &loaded.text)) {
        Some(hit) => (hit.tree, hit.errors),
        None => parse::parse(kind, &loaded.text),
    };
    if let Some(c) = cache {
        c.record(real, &errors);
    }
    Ok(Parsed {
        text: loaded.text,
        invalid_utf8_at: loaded.invalid_utf8_at,
        tree,
        errors,
    })
}

/// The root to use: the one given, or a scanned directory that looks like
/// a server's `/` (it has `etc/nginx`, `etc/apache2`, ...), or the parent of
/// a scanned copy of `/etc`.
fn detect_root(inputs: &[PathBuf], opts: &Options) -> Option<(PathBuf, bool)> {
    if let Some(r) = &opts.root {
        return Some((r.clone(), false));
    }
    let dirs: Vec<&PathBuf> = inputs.iter().filter(|p| p.is_dir()).collect();
    for d in dirs {
        if discover::looks_like_machine_root(d) {
            return Some((d.clone(), true));
        }
        let canon = std::fs::canonicalize(d).ok()?;
        if canon.file_name().is_some_and(|n| n == "etc") {
            if let Some(parent) = canon.parent() {
                if discover::looks_like_machine_root(parent) {
                    return Some((parent.to_path_buf(), true));
                }
            }
        }
    }
    None
}

/// Shows paths relative to the current directory when they are below it,
/// so output and snapshots read the same on every machine.
fn display_path(base: Option<&Path>, real: &Path) -> PathBuf {
    match base.and_then(|c| real.strip_prefix(c).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => real.to_path_buf(),
    }
}

struct Loader {
    fs: Fs,
    sources: Sources,
    /// Unreadable paths already reported, so a dangling link reached by an
    /// include and by the directory walk is reported once.
    reported: std::collections::HashSet<PathBuf>,
    display_base: Option<PathBuf>,
    project: Project,
    by_real: HashMap<PathBuf, FileId>,
    parsed: HashMap<PathBuf, Result<Parsed, ReadError>>,
    /// The first include of each file by each other file, to label the
    /// steps of a cycle or of a chain that is too deep.
    edge_at: HashMap<(FileId, FileId), TextRange>,
    /// Include sites already reported for a cycle or a depth: a glob
    /// matching many files is reported once, not once per file.
    flagged_sites: std::collections::HashSet<(FileId, TextRange, &'static str)>,
    /// Resolved paths that could not be read (a FIFO, a device, too large).
    failed: std::collections::HashSet<PathBuf>,
}

/// Most envvars files are a few hundred bytes.
const MAX_ENVVARS_BYTES: u64 = 1 << 20;

/// Reads every config below `inputs` and follows their includes.
pub fn load(inputs: &[PathBuf], opts: &Options) -> Project {
    load_excluding(inputs, opts, &[])
}

/// [`load`], leaving out what lies below `exclude` when walking the
/// inputs (stacks declared to be checked on their own). An include that
/// leads there is still followed.
pub fn load_excluding(inputs: &[PathBuf], opts: &Options, exclude: &[PathBuf]) -> Project {
    load_with(inputs, opts, exclude, &Sources::default())
}

/// [`load_excluding`], reading unsaved editor buffers instead of their
/// files and reusing trees parsed before (the language server).
pub fn load_with(
    inputs: &[PathBuf],
    opts: &Options,
    exclude: &[PathBuf],
    sources: &Sources,
) -> Project {
    let root = detect_root(inputs, opts);
    let mut fs = Fs::new(root.as_ref().map(|(r, _)| r.clone()));
    for input in inputs {
        fs.admit_input(input);
    }
    let display_base = opts
        .display_base
        .clone()
        .or_else(|| std::env::current_dir().ok())
        .and_then(|b| std::fs::canonicalize(b).ok());
    let mut found: Vec<Found> = Vec::new();
    let mut fatal = Vec::new();
    let mut walk_errors = Vec::new();
    for input in inputs {
        // What the server would see there: under a root, a link in the
        // tree is followed inside it.
        let meta = std::fs::metadata(input)
            .map_err(|e| e.to_string())
            .and_then(|_| {
                fs.resolve(input)
                    .and_then(|r| std::fs::metadata(&r).map_err(ReadError::Io).map(|m| (r, m)))
                    .map_err(|e| e.to_string())
            });
        match meta {
            Err(e) => fatal.push(format!("cannot read `{}`: {}", input.display(), e)),
            Ok((real, m)) if m.is_dir() => {
                // A directory it may not list would otherwise check clean.
                if let Err(e) = std::fs::read_dir(&real) {
                    fatal.push(format!("cannot read `{}`: {}", input.display(), e));
                    continue;
                }
                let skip = excluded_below(input, exclude);
                let walk = discover::walk(&fs, input);
                found.extend(
                    walk.found
                        .into_iter()
                        .filter(|f| !skip.iter().any(|x| f.path.starts_with(x))),
                );
                walk_errors.extend(walk.unreadable);
            }
            Ok((_, m)) if !m.is_file() => fatal.push(format!(
                "cannot read `{}`: {}",
                input.display(),
                ReadError::NotRegular(fs::describe(m.file_type()))
            )),
            Ok(_) => {
                let rel = input.clone();
                let classified = match opts.kind {
                    Some(kind) => Some(Found {
                        path: input.clone(),
                        kind,
                        entry: true,
                    }),
                    None => discover::classify(&fs, input, &rel, true),
                };
                match classified {
                    Some(f) => found.push(f),
                    None => fatal.push(format!(
                        "cannot tell whether `{}` is an nginx, php-fpm or Apache config",
                        input.display()
                    )),
                }
            }
        }
    }
    // Read and parse everything found at once, in parallel; includes that
    // lead outside the scanned paths are read on demand below.
    let mut reals: Vec<(PathBuf, Kind)> = found
        .iter()
        .filter_map(|f| fs.resolve(&f.path).ok().map(|r| (r, f.kind)))
        .collect();
    reals.sort();
    reals.dedup_by(|a, b| a.0 == b.0);
    let parsed: HashMap<PathBuf, Result<Parsed, ReadError>> = reals
        .into_par_iter()
        .map(|(real, kind)| {
            let p = read_and_parse(&fs, sources, &real, kind);
            (real, p)
        })
        .collect();

    let mut loader = Loader {
        fs,
        sources: sources.clone(),
        reported: Default::default(),
        display_base,
        project: Project {
            root,
            fatal,
            ..Project::default()
        },
        by_real: HashMap::new(),
        parsed,
        edge_at: HashMap::new(),
        flagged_sites: Default::default(),
        failed: Default::default(),
    };
    for (path, e) in &walk_errors {
        let shown = display_path(loader.display_base.as_deref(), path);
        loader
            .project
            .diagnostics
            .push(unreadable(&shown.display().to_string(), e));
    }
    for f in found.iter().filter(|f| f.entry) {
        loader.enter(f, Reach::Entry);
    }
    for f in found.iter().filter(|f| !f.entry) {
        loader.enter(f, Reach::Unreached);
    }
    let host = HostFacts::gather(&loader.fs);
    let mut project = loader.project;
    project.host = host;
    bound_splicing(&mut project);
    check_nginx_directives(&mut project);
    project.diagnostics.sort_by_key(|d| d.sort_key());
    project
}

/// The model reads an included file once for every include that reaches
/// it, through every chain: a snippet included by every site is read once
/// per site. That is linear for real trees, but an include bomb (ten files
/// each including the next ten times, or files that each include the glob
/// that matches them all) reaches billions. So the file reads spliced from
/// one entry point, and from all of them together, are counted before the
/// model is built, and an include that would pass this many is not
/// followed: generous for real servers, a bound on the work for any tree.
pub const SPLICE_BUDGET: usize = 100_000;
/// ... plus this many per file read, so that no real tree, however large,
/// reaches the budget.
pub const SPLICE_PER_FILE: usize = 16;

/// Counts the file reads each file's includes splice and cuts, where a
/// file's (or all entry points' together) pass the budget, its heaviest
/// includes first: the bomb goes, the sites beside it stay. Each entry
/// point that still reaches a cut reports the first one, once.
fn bound_splicing(project: &mut Project) {
    let n = project.files.len();
    let budget = SPLICE_BUDGET + SPLICE_PER_FILE * n;
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in project.includes.iter().enumerate() {
        out[e.from.0 as usize].push(i);
    }
    let to: Vec<usize> = project.includes.iter().map(|e| e.to.0 as usize).collect();
    let mut cut = vec![false; project.includes.len()];
    // The reads one file splices, itself included, its includes cut.
    let mut count = vec![0usize; n];
    // Cuts the heaviest includes of `f` (the later first, among equals)
    // until what it splices fits in `limit`; returns what it splices.
    let fit = |f: usize, limit: usize, count: &[usize], cut: &mut [bool]| -> usize {
        let mut total = 1usize;
        for &e in &out[f] {
            if !cut[e] {
                total += count[to[e]];
            }
        }
        if total <= limit {
            return total;
        }
        let mut heavy: Vec<usize> = out[f].iter().copied().filter(|&e| !cut[e]).collect();
        heavy.sort_by_key(|&e| std::cmp::Reverse((count[to[e]], e)));
        for e in heavy {
            if total <= limit {
                break;
            }
            cut[e] = true;
            total -= count[to[e]];
        }
        total
    };
    // Post-order over the includes (the loader records none that closes
    // a cycle; one met anyway is cut), without recursion: chains are long.
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut stack = vec![(start, 0usize)];
        while let Some((f, next)) = stack.last_mut() {
            let f = *f;
            if let Some(&e) = out[f].get(*next) {
                *next += 1;
                match state[to[e]] {
                    0 => {
                        state[to[e]] = 1;
                        stack.push((to[e], 0));
                    }
                    1 => cut[e] = true,
                    _ => {}
                }
                continue;
            }
            stack.pop();
            state[f] = 2;
            count[f] = fit(f, budget, &count, &mut cut);
        }
    }
    let roots: Vec<usize> = (0..n)
        .filter(|&f| matches!(project.files[f].reach, Reach::Entry | Reach::Unreached))
        .collect();
    // All entry points together (and the files no entry point reaches,
    // each read on its own).
    let mut spent = 0usize;
    for &f in &roots {
        let left = budget.saturating_sub(spent).max(1);
        if count[f] > left {
            count[f] = fit(f, left, &count, &mut cut);
        }
        spent += count[f];
    }
    // The cuts each entry point still reaches, in the order it reads them.
    let mut claimed = vec![false; cut.len()];
    let mut seen = vec![false; n];
    for &root in &roots {
        let mut first = None;
        let mut more = 0usize;
        let mut todo = vec![root];
        while let Some(f) = todo.pop() {
            if std::mem::replace(&mut seen[f], true) {
                continue;
            }
            for &e in &out[f] {
                if !cut[e] {
                    continue;
                }
                if !std::mem::replace(&mut claimed[e], true) {
                    if first.is_none() {
                        first = Some(e);
                    } else {
                        more += 1;
                    }
                }
            }
            todo.extend(out[f].iter().rev().filter(|&&e| !cut[e]).map(|&e| to[e]));
        }
        let Some(e) = first else { continue };
        let edge = &project.includes[e];
        let others = match more {
            0 => String::new(),
            1 => " (nor 1 other include that multiplies the same way)".to_string(),
            n => format!(" (nor {n} other includes that multiply the same way)"),
        };
        let (from, at) = (edge.from, edge.at);
        project.diagnostics.push(
            Diagnostic::new(
                &codes::INCLUDE_DEPTH,
                format!(
                    "includes multiply: through this include the same files would be read over and over, more than {budget} times in all; hoplint does not follow it{others}"
                ),
            )
            .at(from, at, "not followed: too many files read through it")
            .help("include each file once: files that each include the next several times, or that each include a glob matching one another, multiply the reads (an include bomb), and the server reads them for ever or runs out of memory"),
        );
    }
    let mut i = 0;
    project.includes.retain(|_| {
        i += 1;
        !cut[i - 1]
    });
}

impl Project {
    /// Drops diagnostics identical to one before them (a snippet spliced
    /// in many places can draw the same finding from each).
    pub fn dedup_diagnostics(&mut self) {
        use std::collections::hash_map::DefaultHasher;
        use std::hash::{Hash, Hasher};
        let key = |d: &Diagnostic| {
            let mut h = DefaultHasher::new();
            (d.code, d.severity, &d.message, &d.help).hash(&mut h);
            for l in d.primary.iter().chain(&d.secondary) {
                (l.file, l.range, &l.message).hash(&mut h);
            }
            d.secondary.len().hash(&mut h);
            h.finish()
        };
        let mut kept: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut keep = Vec::with_capacity(self.diagnostics.len());
        for (i, d) in self.diagnostics.iter().enumerate() {
            let same = kept.entry(key(d)).or_default();
            let dup = same.iter().any(|&j| self.diagnostics[j] == *d);
            if !dup {
                same.push(i);
            }
            keep.push(!dup);
        }
        let mut i = 0;
        self.diagnostics.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}

/// nginx refuses some statements only once it knows the directive: the
/// argument count, a missing or extra block. That needs the context each
/// file is read in, which only its include site tells: a snippet
/// included inside `location` is checked as location directives.
fn check_nginx_directives(project: &mut Project) {
    let mut contexts: Vec<Option<Context>> = vec![None; project.files.len()];
    let mut found = Vec::new();
    for (i, file) in project.files.iter().enumerate() {
        let Tree::Nginx(tree) = &project.trees[i] else {
            continue;
        };
        let included_as = match &file.reach {
            Reach::Included { from, at } => {
                let from = from.0 as usize;
                match (&project.trees[from], contexts[from]) {
                    (Tree::Nginx(parent), Some(ctx)) => nginx_check::include_sites(parent, ctx)
                        .into_iter()
                        .find(|(d, _)| d.range == *at)
                        .map(|(_, c)| c),
                    _ => None,
                }
            }
            _ => None,
        };
        let ctx = included_as.unwrap_or_else(|| nginx_check::guess_context(tree));
        contexts[i] = Some(ctx);
        // A statement the parser already flagged (cut off by `}` or the end
        // of the file) is not reported a second time.
        let flagged: Vec<usize> = project
            .diagnostics
            .iter()
            .filter(|d| d.category() == crate::diagnostic::Category::Syntax)
            .filter_map(|d| d.primary.as_ref())
            .filter(|l| l.file == file.id)
            .map(|l| file.line_col(l.range.start).0)
            .collect();
        for e in nginx_check::check(tree, ctx) {
            if !flagged.contains(&file.line_col(e.range.start).0) {
                found.push(syntax_diagnostic(&codes::NGINX_SYNTAX, file.id, e));
            }
        }
    }
    project.diagnostics.extend(found);
}

/// How the server resolves a relative include path, for the chain that
/// started at one entry point.
#[derive(Clone)]
struct Chain {
    kind: Kind,
    /// Where relative include paths start, on this machine: nginx's
    /// configuration directory, Apache's `ServerRoot`, php-fpm's prefix.
    base: PathBuf,
    /// Apache `Define`s and envvars, for `${VAR}`.
    vars: Vec<(String, String)>,
}

impl Loader {
    fn enter(&mut self, f: &Found, reach: Reach) {
        let real = match self.fs.resolve(&f.path) {
            Ok(r) => r,
            Err(e) => {
                if self.reported.insert(report_key(&f.path)) {
                    self.project
                        .diagnostics
                        .push(unreadable(&f.path.display().to_string(), &e));
                }
                return;
            }
        };
        // Already read, or already reported unreadable at an include.
        if self.by_real.contains_key(&real) || self.failed.contains(&real) {
            return;
        }
        let Some(id) = self.add_file(&real, f.kind, reach.clone()) else {
            return;
        };
        let mut dir = real.parent().unwrap_or(Path::new("/")).to_path_buf();
        // A file no entry point reaches (a snippet, a site not enabled) is
        // read as its server would read it once included: relative paths
        // from the directory of the main config it sits under.
        if reach == Reach::Unreached {
            if let Some(main_dir) = main_config_dir(&self.fs, &dir, f.kind) {
                dir = main_dir;
            }
        }
        let chain = match f.kind {
            // php.ini includes nothing.
            Kind::PhpIni => return,
            Kind::Nginx => Chain {
                kind: Kind::Nginx,
                base: dir,
                vars: Vec::new(),
            },
            Kind::PhpFpm => Chain {
                kind: Kind::PhpFpm,
                base: self.fs.host_path(Path::new(PHP_FPM_PREFIX)),
                vars: Vec::new(),
            },
            Kind::Apache => {
                let Tree::Apache(tree) = &self.project.trees[id.0 as usize] else {
                    unreachable!("an Apache file has an Apache tree")
                };
                let (server_root, defines) = include::apache_settings(tree);
                let mut vars = self
                    .fs
                    .read_small(&dir.join("envvars"), MAX_ENVVARS_BYTES)
                    .map(|t| include::envvars(&t))
                    .unwrap_or_default();
                vars.extend(defines);
                // A relative ServerRoot is taken from the config's own
                // directory; either way it stays inside the root.
                let base = server_root
                    .map(|r| {
                        let r = include::expand_vars(&r, &vars);
                        let r = Path::new(&r);
                        if r.is_absolute() {
                            self.fs.host_path(r)
                        } else {
                            dir.join(r)
                        }
                    })
                    .and_then(|r| self.fs.resolve(&r).ok())
                    .filter(|r| r.is_dir())
                    .unwrap_or(dir);
                Chain {
                    kind: Kind::Apache,
                    base,
                    vars,
                }
            }
        };
        let mut stack = vec![id];
        self.follow(id, &chain, &mut stack);
    }

    /// Registers a file and its diagnostics; `None` when it cannot be read.
    fn add_file(&mut self, real: &Path, kind: Kind, reach: Reach) -> Option<FileId> {
        let parsed = match self.parsed.remove(real) {
            Some(p) => p,
            None => read_and_parse(&self.fs, &self.sources, real, kind),
        };
        let parsed = match parsed {
            Ok(p) => p,
            Err(e) => {
                self.failed.insert(real.to_path_buf());
                let shown = display_path(self.display_base.as_deref(), real);
                let mut d = unreadable(&shown.display().to_string(), &e);
                if let Reach::Included { from, at } = reach {
                    d = d.at(from, at, "included here");
                }
                self.project.diagnostics.push(d);
                return None;
            }
        };
        let id = FileId(self.project.files.len() as u32);
        self.by_real.insert(real.to_path_buf(), id);
        let text: Arc<str> = Arc::from(parsed.text);
        let file = SourceFile {
            id,
            path: display_path(self.display_base.as_deref(), real),
            kind,
            reach,
            lines: LineIndex::new(&text),
            text,
        };
        if let Some(at) = parsed.invalid_utf8_at {
            self.project.diagnostics.push(
                Diagnostic::new(
                    &codes::NOT_UTF8,
                    format!("`{}` is not valid UTF-8", file.display_path()),
                )
                .at(id, TextRange::new(at, at + 3.min(file.text.len() - at)), "first invalid byte here")
                .help("the servers read bytes as they are; hoplint read the invalid bytes as U+FFFD. Save the file as UTF-8 (or ASCII) to be sure both read the same"),
            );
        }
        self.project
            .diagnostics
            .extend(parse_diagnostics(kind, id, parsed.errors));
        self.project.files.push(file);
        self.project.trees.push(parsed.tree);
        Some(id)
    }

    fn follow(&mut self, id: FileId, chain: &Chain, stack: &mut Vec<FileId>) {
        let sites = include::sites(&self.project.trees[id.0 as usize]);
        for site in sites {
            let pattern = include::expand_vars(&site.pattern, &chain.vars);
            let p = Path::new(&pattern);
            let host = if p.is_absolute() {
                self.fs.host_path(p)
            } else {
                chain.base.join(p)
            };
            let targets = self.targets(id, &site, &pattern, &host, chain);
            if targets.is_empty() {
                self.project.unread_includes.push(UnreadInclude {
                    from: id,
                    at: site.range,
                    empty_dir: glob::has_magic(&pattern) && self.glob_dir_exists(&host),
                });
            }
            for target in targets {
                self.include_one(id, &site, &target, chain, stack);
            }
        }
    }

    /// Whether the directory a glob searches exists (so that a glob
    /// matching nothing hides no file).
    fn glob_dir_exists(&self, pattern: &Path) -> bool {
        let text = pattern.to_string_lossy();
        let Some(star) = text.find(['*', '?', '[']) else {
            return false;
        };
        let dir = match text[..star].rfind('/') {
            Some(i) => &text[..i],
            None => ".",
        };
        self.fs.is_dir(Path::new(dir))
    }

    /// The files one include site names, reporting what the server would
    /// refuse (a missing file, a glob over a missing directory).
    fn targets(
        &mut self,
        id: FileId,
        site: &include::Site,
        pattern: &str,
        host: &Path,
        chain: &Chain,
    ) -> Vec<PathBuf> {
        let magic = glob::has_magic(pattern);
        let result = if magic {
            glob::expand(&self.fs, host)
        } else {
            match self.fs.resolve(host) {
                Ok(_) => Ok(vec![host.to_path_buf()]),
                Err(e) => Err(e),
            }
        };
        let mut out = match result {
            Ok(v) => v,
            Err(ReadError::NotFound) => {
                self.missing_include(id, site, pattern, magic, chain.kind);
                return Vec::new();
            }
            Err(e) => {
                self.project.diagnostics.push(unreadable(pattern, &e).at(
                    id,
                    site.range,
                    "included here",
                ));
                return Vec::new();
            }
        };
        if magic && out.is_empty() && chain.kind == Kind::Apache && !site.optional {
            let (dir, file) = split_pattern(pattern);
            self.project.diagnostics.push(
                Diagnostic::new(
                    &codes::INCLUDE_MISSING,
                    format!("no file matches `{pattern}`: httpd refuses to start (`No matches for the wildcard '{file}' in '{dir}', failing`)"),
                )
                .with_severity(if site.conditional { Severity::Warning } else { Severity::Error })
                .at(id, site.range, "this Include matches nothing")
                .help("use `IncludeOptional` if the directory may be empty"),
            );
        }
        if chain.kind == Kind::Apache {
            // httpd reads every file below an included directory.
            out = out
                .into_iter()
                .flat_map(|p| {
                    if self.fs.is_dir(&p) {
                        walk_files(&self.fs, &p)
                    } else {
                        vec![p]
                    }
                })
                .collect();
        } else if magic || chain.kind == Kind::PhpFpm {
            // glob results that are directories are skipped by php-fpm
            // (GLOB_MARK) and fail nowhere in nginx (they match no file).
            out.retain(|p| !self.fs.is_dir(p));
        }
        out
    }

    fn missing_include(
        &mut self,
        id: FileId,
        site: &include::Site,
        pattern: &str,
        magic: bool,
        kind: Kind,
    ) {
        let (severity, message, help) = match kind {
            Kind::Nginx if magic => return,
            Kind::Nginx => (
                Severity::Error,
                format!("included file `{pattern}` does not exist: nginx refuses to start (`open() \"{pattern}\" failed (2: No such file or directory)`)"),
                "create the file, fix the path, or use a glob (`*.conf`) if it may be absent",
            ),
            Kind::Apache if site.optional => return,
            Kind::Apache => (
                if site.conditional { Severity::Warning } else { Severity::Error },
                if magic {
                    format!("the directory of `{pattern}` does not exist: httpd refuses to start")
                } else {
                    format!("included file `{pattern}` does not exist: httpd refuses to start (`Could not open configuration file {pattern}: No such file or directory`)")
                },
                "fix the path, or use `IncludeOptional` if it may be absent",
            ),
            Kind::PhpFpm if magic => (
                Severity::Error,
                format!("the directory of `{pattern}` does not exist: php-fpm refuses to start (`Unable to globalize '{pattern}'`)"),
                "create the directory or fix the path",
            ),
            Kind::PhpIni => return,
            Kind::PhpFpm => (
                Severity::Warning,
                format!("included file `{pattern}` does not exist: php-fpm skips it (`Nothing matches the include pattern`)"),
                "fix the path; the pools in that file are not started",
            ),
        };
        let label = if site.conditional {
            "included here (inside a conditional section)"
        } else {
            "included here"
        };
        self.project.diagnostics.push(
            Diagnostic::new(&codes::INCLUDE_MISSING, message)
                .with_severity(severity)
                .at(id, site.range, label)
                .help(help),
        );
    }

    fn push_edge(&mut self, from: FileId, at: TextRange, to: FileId) {
        self.edge_at.entry((from, to)).or_insert(at);
        self.project.includes.push(IncludeEdge { from, at, to });
    }

    fn include_one(
        &mut self,
        from: FileId,
        site: &include::Site,
        host: &Path,
        chain: &Chain,
        stack: &mut Vec<FileId>,
    ) {
        let real = match self.fs.resolve(host) {
            Ok(r) => r,
            Err(e) => {
                self.reported.insert(report_key(host));
                let shown = display_path(self.display_base.as_deref(), host);
                self.project
                    .diagnostics
                    .push(unreadable(&shown.display().to_string(), &e).at(
                        from,
                        site.range,
                        "included here",
                    ));
                return;
            }
        };
        if let Some(&to) = self.by_real.get(&real) {
            // A file first met by the directory walk is, after all, included.
            let file = &mut self.project.files[to.0 as usize];
            if file.reach == Reach::Unreached {
                file.reach = Reach::Included {
                    from,
                    at: site.range,
                };
            }
            if let Some(pos) = stack.iter().position(|&f| f == to) {
                // One report per include site: a glob that matches several
                // of the files being read closes as many cycles, all fixed
                // at this line.
                if !self
                    .flagged_sites
                    .insert((from, site.range, "include-cycle"))
                {
                    return;
                }
                let mut d = Diagnostic::new(
                    &codes::INCLUDE_CYCLE,
                    format!(
                        "`{}` includes itself through a cycle of includes",
                        self.project.file(to).display_path()
                    ),
                )
                .at(from, site.range, "this include closes the cycle");
                for w in stack[pos..].windows(2) {
                    if let Some(&at) = self.edge_at.get(&(w[0], w[1])) {
                        let to = self.project.file(w[1]).display_path();
                        d = d.also(w[0], at, format!("includes `{to}`"));
                    }
                }
                self.project.diagnostics.push(d.help(
                    "remove one include of the cycle; nginx crashes on a cycle without a message, php-fpm and httpd refuse to start",
                ));
                return;
            }
            self.push_edge(from, site.range, to);
            return;
        }
        let limit = match chain.kind {
            Kind::PhpFpm => PHP_FPM_MAX_FILES,
            _ => MAX_INCLUDE_DEPTH,
        };
        if stack.len() >= limit {
            // Once per include site, however many files it matches.
            if !self
                .flagged_sites
                .insert((from, site.range, "include-depth"))
            {
                return;
            }
            let message = match chain.kind {
                Kind::PhpFpm | Kind::PhpIni => format!(
                    "this include makes a chain of {} files: php-fpm refuses to start (`failed to include more than {limit} files recursively`)",
                    stack.len() + 1
                ),
                _ => format!("includes nested more than {limit} levels deep"),
            };
            let mut d = Diagnostic::new(&codes::INCLUDE_DEPTH, message).at(
                from,
                site.range,
                "one level too deep",
            );
            for w in stack.windows(2) {
                if let Some(&at) = self.edge_at.get(&(w[0], w[1])) {
                    d = d.also(w[0], at, "included through");
                }
            }
            self.project.diagnostics.push(d);
            return;
        }
        let Some(to) = self.add_file(
            &real,
            chain.kind,
            Reach::Included {
                from,
                at: site.range,
            },
        ) else {
            return;
        };
        self.push_edge(from, site.range, to);
        stack.push(to);
        self.follow(to, chain, stack);
        stack.pop();
    }
}

/// Every file below a directory, sorted, as httpd reads an included directory.
/// A directory reached twice (through a link back up) is read once.
fn walk_files(fs: &Fs, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    let mut seen = std::collections::HashSet::new();
    let mut guard = 0;
    while let Some(d) = todo.pop() {
        match fs.resolve(&d) {
            Ok(real) => {
                if !seen.insert(real) {
                    continue;
                }
            }
            Err(_) => continue,
        }
        guard += 1;
        if guard > 10_000 {
            break;
        }
        if let Ok(entries) = fs.list_dir(&d) {
            for (_, p) in entries.into_iter().rev() {
                if fs.is_dir(&p) {
                    todo.push(p);
                } else {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

/// The nearest directory at or above `dir` that holds the main config of
/// a server of this kind. Under a root, never above it (nor above the
/// checked path outside it).
fn main_config_dir(fs: &Fs, dir: &Path, kind: Kind) -> Option<PathBuf> {
    let names: &[&str] = match kind {
        Kind::Nginx => &["nginx.conf"],
        Kind::Apache => &["apache2.conf", "httpd.conf"],
        Kind::PhpFpm | Kind::PhpIni => return None,
    };
    dir.ancestors()
        .take_while(|d| fs.root().is_none() || fs.resolve(d).is_ok_and(|r| r == *d))
        .find(|d| names.iter().any(|n| fs.is_file(&d.join(n))))
        .map(Path::to_path_buf)
}

/// The same link named through different spellings of its directory
/// (relative, absolute, through `--root`) gives one key.
fn report_key(path: &Path) -> PathBuf {
    let dir = path.parent().and_then(|d| std::fs::canonicalize(d).ok());
    match (dir, path.file_name()) {
        (Some(d), Some(n)) => d.join(n),
        _ => path.to_path_buf(),
    }
}

fn unreadable(path: &str, e: &ReadError) -> Diagnostic {
    Diagnostic::new(
        &codes::UNREADABLE_FILE,
        format!("cannot read `{path}`: {e}"),
    )
}

/// A glob pattern's directory and last component, as httpd names them.
fn split_pattern(pattern: &str) -> (&str, &str) {
    match pattern.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => (".", pattern),
    }
}

/// The syntax code of the language a file was read as.
pub fn syntax_meta(kind: Kind) -> &'static Meta {
    match kind {
        Kind::Nginx => &codes::NGINX_SYNTAX,
        Kind::Apache => &codes::APACHE_SYNTAX,
        Kind::PhpFpm | Kind::PhpIni => &codes::PHP_FPM_SYNTAX,
    }
}

/// The findings of a parser in one file, as the loader reports them.
pub fn parse_diagnostics(kind: Kind, id: FileId, errors: Vec<SyntaxError>) -> Vec<Diagnostic> {
    let meta = syntax_meta(kind);
    errors
        .into_iter()
        .map(|e| {
            let mut d = syntax_diagnostic(meta, id, e);
            // PHP reports a php.ini it cannot parse and starts with the
            // settings read so far (`php_init_config()` ignores the failure).
            if kind == Kind::PhpIni {
                d.severity = Severity::Warning;
                d.help = Some(format!(
                    "PHP logs `PHP:  syntax error, … in php.ini on line …` and starts without the settings after this line. {}",
                    d.help.unwrap_or_default()
                ));
            }
            d
        })
        .collect()
}

pub fn syntax_diagnostic(meta: &'static Meta, file: FileId, e: SyntaxError) -> Diagnostic {
    let label = e.label.clone().unwrap_or_else(|| "here".to_string());
    let mut d = Diagnostic::new(meta, e.message).at(file, e.range, label);
    for (range, msg) in e.related {
        d = d.also(file, range, msg);
    }
    if let Some(h) = e.help {
        d = d.help(h);
    }
    d
}
