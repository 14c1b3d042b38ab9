//! The workspace kept in memory: the stacks its folders hold (each
//! `[[stack]]` of `hoplint.toml` on its own, as `hoplint check` splits
//! them), each with its files, syntax trees, model and findings.
//!
//! An edit re-parses the edited file only. While its include directives
//! still name the same files, the file's tree, text and load findings are
//! replaced in place and the model and rules run again; otherwise the
//! stack is loaded again, reusing every tree whose text is unchanged.
//! Unsaved buffers are read instead of the disk either way.

use super::text::text_hash;
use crate::config::Config;
use crate::diagnostic::{Category, Diagnostic};
use crate::load::overlay::{Cached, Overlay, ParseCache};
use crate::load::{self, codes, fs::Fs, include, Options, Project, Sources};
use crate::model::{Stack, Touched};
use crate::parse::{self, nginx_check};
use crate::rules;
use crate::source::{FileId, Reach};
use crate::span::{LineIndex, TextRange};
use crate::stacks;
use crate::syntax::{SyntaxError, Tree};
use foldhash::{HashMap, HashMapExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the command line (or the client) says about the workspace, as
/// `hoplint check` takes it.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub root: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub no_config: bool,
}

/// Where the time of one update went.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Loading (reading, parsing, following includes) where a part was
    /// loaded whole; its model and rules count below.
    pub load: Duration,
    /// Parsing the edited files, on the in-place path.
    pub parse: Duration,
    pub model: Duration,
    pub rules: Duration,
    /// Files parsed in place, and stacks loaded again.
    pub in_place: usize,
    pub reloaded: usize,
}

/// One part of the workspace checked on its own.
pub struct Unit {
    plan: stacks::Unit,
    pub project: Project,
    pub stack: Stack,
    /// What the model lends the next after an in-place edit.
    model_cache: rules::ModelCache,
    /// Each rule's findings, kept for an edit in place that touches
    /// nothing the rule reads.
    kept: rules::Kept,
    /// What the last check replaced, not yet freed.
    garbage: Vec<Box<dyn Send>>,
    /// The load phase's findings, before the rules ran: what an in-place
    /// edit updates.
    load_diags: Vec<Diagnostic>,
    /// Each file's path on this machine, absolute, by `FileId`.
    pub paths: Vec<PathBuf>,
    /// Each file's path as a number the workspace gives it, stable
    /// across loads (see [`Workspace::path_of`]).
    pub ids: Vec<u32>,
    /// The hash of each file's text, by `FileId`.
    pub text_hashes: Vec<u64>,
    by_path: HashMap<PathBuf, FileId>,
    /// The syntax errors of each file, kept to offer its tree to the next
    /// load.
    errors: HashMap<PathBuf, Vec<SyntaxError>>,
    fs: Fs,
}

impl Unit {
    fn load(
        plan: stacks::Unit,
        overlay: &Arc<Overlay>,
        cache: Arc<ParseCache>,
        t: &mut Timings,
    ) -> Unit {
        let sources = Sources {
            overlay: Some(overlay.clone()),
            parse_cache: Some(cache.clone()),
        };
        let started = Instant::now();
        let mut project = load::load_with(&plan.paths, &plan.opts, &plan.exclude, &sources);
        let load_diags = project.diagnostics.clone();
        t.load += started.elapsed();
        let started = Instant::now();
        let mut model_cache = rules::ModelCache::default();
        let stack = rules::model_cached(&project, &plan.config, &mut model_cache);
        t.model += started.elapsed();
        let started = Instant::now();
        let mut kept = rules::Kept::default();
        rules::check_keeping(&mut project, &stack, &plan.config, &mut kept, Touched::ALL);
        t.rules += started.elapsed();
        let base = plan
            .opts
            .display_base
            .as_ref()
            .and_then(|b| std::fs::canonicalize(b).ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let paths: Vec<PathBuf> = project.files.iter().map(|f| base.join(&f.path)).collect();
        let by_path = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), FileId(i as u32)))
            .collect();
        let fs = Fs::new(project.root.as_ref().map(|(r, _)| r.clone()));
        let text_hashes = project.files.iter().map(|f| text_hash(&f.text)).collect();
        Unit {
            plan,
            project,
            stack,
            model_cache,
            kept,
            garbage: Vec::new(),
            load_diags,
            paths,
            ids: Vec::new(),
            text_hashes,
            by_path,
            errors: cache.take_errors(),
            fs,
        }
    }

    /// Loads the same part again, reusing the trees of unchanged files.
    fn reload(mut self, overlay: &Arc<Overlay>, t: &mut Timings) -> Unit {
        let cache = Arc::new(ParseCache::default());
        self.offer_trees(&cache);
        let plan = self.plan.clone();
        drop_later(self);
        Unit::load(plan, overlay, cache, t)
    }

    fn offer_trees(&mut self, cache: &ParseCache) {
        let trees = std::mem::take(&mut self.project.trees);
        for ((file, tree), path) in self.project.files.iter().zip(trees).zip(&self.paths) {
            if let Some(errors) = self.errors.remove(path) {
                cache.offer(
                    path.clone(),
                    Cached {
                        kind: file.kind,
                        text: file.text.clone(),
                        tree,
                        errors,
                    },
                );
            }
        }
    }

    /// The file at this path (as the editor names it), if this part read it.
    pub fn file_at(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied().or_else(|| {
            let real = self.fs.resolve(path).ok()?;
            self.by_path.get(&real).copied()
        })
    }

    pub fn path(&self, id: FileId) -> Option<&Path> {
        self.paths.get(id.0 as usize).map(PathBuf::as_path)
    }

    /// Replaces one file's text without loading the stack again, when its
    /// include directives name what they named (the same patterns, read
    /// in the same contexts): its tree, text and load findings change, and
    /// include sites move with the text. `false`: load again instead.
    fn edit_in_place(&mut self, id: FileId, text: Arc<str>, t: &mut Timings) -> bool {
        let i = id.0 as usize;
        let kind = self.project.files[i].kind;
        let started = Instant::now();
        let (tree, errors) = parse::parse(kind, &text);
        t.parse += started.elapsed();
        let old_tree = &self.project.trees[i];
        let old_sites = include::sites(old_tree);
        let new_sites = include::sites(&tree);
        let same_sites = old_sites.len() == new_sites.len()
            && old_sites.iter().zip(&new_sites).all(|(a, b)| {
                a.pattern == b.pattern && a.optional == b.optional && a.conditional == b.conditional
            });
        if !same_sites {
            return false;
        }
        let mut nginx_ctx = None;
        match (old_tree, &tree) {
            // ServerRoot and Define decide where includes lead.
            (Tree::Apache(a), Tree::Apache(b))
                if include::apache_settings(a) != include::apache_settings(b) =>
            {
                return false;
            }
            // An included file is checked in the context of its include
            // site: that must not move (a snippet included in `server` now
            // in `location`).
            (Tree::Nginx(a), Tree::Nginx(b)) => {
                let given = self.included_as(id);
                let reach = self.project.files[id.0 as usize].reach.clone();
                let old_ctx = given.unwrap_or_else(|| nginx_check::own_context(a, &reach).ctx);
                let new_ctx = given.unwrap_or_else(|| nginx_check::own_context(b, &reach).ctx);
                let contexts = |f, c| -> Vec<nginx_check::Context> {
                    nginx_check::include_sites(f, c)
                        .into_iter()
                        .map(|(_, c)| c)
                        .collect()
                };
                if contexts(a, old_ctx) != contexts(b, new_ctx) {
                    return false;
                }
                nginx_ctx = Some(new_ctx);
            }
            _ => {}
        }
        let moved: HashMap<TextRange, TextRange> = old_sites
            .iter()
            .zip(&new_sites)
            .map(|(a, b)| (a.range, b.range))
            .collect();
        let shift = |r: &mut TextRange| {
            if let Some(n) = moved.get(r) {
                *r = *n;
            }
        };
        let project = &mut self.project;
        for e in project.includes.iter_mut().filter(|e| e.from == id) {
            shift(&mut e.at);
        }
        for u in project.unread_includes.iter_mut().filter(|u| u.from == id) {
            shift(&mut u.at);
        }
        for f in &mut project.files {
            if let Reach::Included { from, at } = &mut f.reach {
                if *from == id {
                    shift(at);
                }
            }
        }
        // The parser's and the directive table's findings are this file's
        // own; the rest (missing includes, cycles) stays, moved with it.
        let own = [
            codes::NGINX_SYNTAX.code,
            codes::APACHE_SYNTAX.code,
            codes::PHP_FPM_SYNTAX.code,
            codes::NOT_UTF8.code,
        ];
        self.load_diags.retain(|d| {
            !(d.primary.as_ref().is_some_and(|l| l.file == id) && own.contains(&d.code))
        });
        for d in &mut self.load_diags {
            for l in d.primary.iter_mut().chain(d.secondary.iter_mut()) {
                if l.file == id {
                    shift(&mut l.range);
                }
            }
        }
        let lines = LineIndex::new(&text);
        let mut found = load::parse_diagnostics(kind, id, errors.clone());
        if let (Some(ctx), Tree::Nginx(f)) = (nginx_ctx, &tree) {
            // As the loader does: a line the parser flagged is not
            // reported a second time.
            let flagged: Vec<usize> = found
                .iter()
                .filter(|d| d.category() == Category::Syntax)
                .filter_map(|d| d.primary.as_ref())
                .map(|l| lines.line_col(&text, l.range.start).0)
                .collect();
            for e in nginx_check::check(f, ctx) {
                if !flagged.contains(&lines.line_col(&text, e.range.start).0) {
                    found.push(load::syntax_diagnostic(&codes::NGINX_SYNTAX, id, e));
                }
            }
        }
        self.load_diags.extend(found);
        self.load_diags.sort_by_key(|d| d.sort_key());
        self.text_hashes[i] = text_hash(&text);
        let file = &mut project.files[i];
        file.lines = lines;
        file.text = text;
        project.trees[i] = tree;
        self.errors.insert(self.paths[i].clone(), errors);
        true
    }

    /// The context an include site gives this nginx file, as the loader
    /// finds it: only from an includer read before it.
    fn included_as(&self, id: FileId) -> Option<nginx_check::Context> {
        let Reach::Included { from, at } = self.project.files[id.0 as usize].reach else {
            return None;
        };
        if from.0 >= id.0 {
            return None;
        }
        let Tree::Nginx(parent) = &self.project.trees[from.0 as usize] else {
            return None;
        };
        let ctx = self.included_as(from).unwrap_or_else(|| {
            nginx_check::own_context(parent, &self.project.files[from.0 as usize].reach).ctx
        });
        nginx_check::include_sites(parent, ctx)
            .into_iter()
            .find(|(d, _)| d.range == at)
            .map(|(_, c)| c)
    }

    /// The model and the rules, again, over the current files, after
    /// in-place edits of files of the kinds `touched` names: the parts of
    /// the model other kinds feed are kept.
    fn recheck(&mut self, touched: Touched, edited: &[FileId], t: &mut Timings) {
        let old_diags = std::mem::replace(&mut self.project.diagnostics, self.load_diags.clone());
        let started = Instant::now();
        let replaced = rules::model_after(
            &self.project,
            &mut self.stack,
            touched,
            edited,
            &mut self.model_cache,
        );
        // Freed once the diagnostics are out (see [`Workspace::free`]).
        self.garbage.extend(replaced);
        self.garbage.push(Box::new(old_diags));
        t.model += started.elapsed();
        let started = Instant::now();
        rules::check_keeping(
            &mut self.project,
            &self.stack,
            &self.plan.config,
            &mut self.kept,
            touched,
        );
        t.rules += started.elapsed();
    }
}

pub struct Workspace {
    pub folders: Vec<PathBuf>,
    settings: Settings,
    pub units: Vec<Unit>,
    overlay: Overlay,
    /// Files edited since the last [`Workspace::refresh`], by the path the
    /// editor names them with.
    dirty: Vec<PathBuf>,
    /// The parts must be planned again (`hoplint.toml` changed, a file
    /// appeared): every one is loaded again.
    replan: bool,
    /// What could not be read (`hoplint.toml`, a folder), for the user.
    pub problems: Vec<String>,
    /// Every path any part has read, numbered once.
    names: Vec<PathBuf>,
    numbers: HashMap<PathBuf, u32>,
}

impl Workspace {
    pub fn new(folders: Vec<PathBuf>, settings: Settings) -> Workspace {
        Workspace {
            folders,
            settings,
            units: Vec::new(),
            overlay: Overlay::default(),
            dirty: Vec::new(),
            replan: true,
            problems: Vec::new(),
            names: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    /// The parts of the workspace, as `hoplint check FOLDERS` splits it.
    fn plan(&mut self) -> Vec<stacks::Unit> {
        self.problems.clear();
        if self.folders.is_empty() {
            return Vec::new();
        }
        let file = if self.settings.no_config {
            None
        } else {
            self.settings
                .config
                .clone()
                .or_else(|| Config::find(&self.folders[0]))
        };
        let config = match file.map(|f| Config::read(&f)) {
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                self.problems.push(e);
                Config::default()
            }
            None => Config::default(),
        };
        let opts = Options {
            root: self.settings.root.clone(),
            display_base: Some(self.folders[0].clone()),
            kind: None,
        };
        stacks::plan(&self.folders, &opts, &config).unwrap_or_else(|| {
            vec![stacks::Unit {
                name: None,
                paths: self.folders.clone(),
                opts,
                exclude: Vec::new(),
                config,
            }]
        })
    }

    /// The text the editor holds for a file (or `None` to read the disk
    /// again, when the buffer closes).
    pub fn set_text(&mut self, path: &Path, text: Option<Arc<str>>) {
        let mut names = vec![path.to_path_buf()];
        names.extend(self.units.iter().filter_map(|u| u.fs.resolve(path).ok()));
        names.sort();
        names.dedup();
        for n in names {
            match &text {
                Some(t) => self.overlay.set(n, t.clone()),
                None => self.overlay.remove(&n),
            }
        }
        if !self.dirty.iter().any(|d| d == path) {
            self.dirty.push(path.to_path_buf());
        }
    }

    /// Everything is planned and loaded again at the next refresh.
    pub fn reload_all(&mut self) {
        self.replan = true;
    }

    /// Whether any part read this file.
    pub fn knows(&self, path: &Path) -> bool {
        self.units.iter().any(|u| u.file_at(path).is_some())
    }

    pub fn is_stale(&self) -> bool {
        self.replan || !self.dirty.is_empty()
    }

    /// Brings every part up to date with the edits since the last call.
    pub fn refresh(&mut self) -> Timings {
        let mut t = Timings::default();
        let overlay = Arc::new(self.overlay.clone());
        if self.replan {
            self.replan = false;
            self.dirty.clear();
            let plans = self.plan();
            let cache = Arc::new(ParseCache::default());
            for mut old in std::mem::take(&mut self.units) {
                old.offer_trees(&cache);
                drop_later(old);
            }
            for plan in plans {
                let unit = Unit::load(plan, &overlay, cache.clone(), &mut t);
                self.units.push(unit);
            }
            t.reloaded = self.units.len();
            self.number_paths();
            return t;
        }
        let dirty = std::mem::take(&mut self.dirty);
        let mut units = std::mem::take(&mut self.units);
        for unit in &mut units {
            let mut changed = false;
            let mut whole = false;
            let mut touched = Touched::default();
            let mut edited = Vec::new();
            for path in &dirty {
                let Some(id) = unit.file_at(path) else {
                    continue;
                };
                let real = unit.paths[id.0 as usize].clone();
                let text: Arc<str> = match overlay.get(&real).or_else(|| overlay.get(path)) {
                    Some(t) => t.clone(),
                    None => match unit.fs.read(&real) {
                        Ok(l) if l.invalid_utf8_at.is_none() => Arc::from(l.text),
                        // Bytes that are not UTF-8 are the loader's to report.
                        _ => {
                            whole = true;
                            continue;
                        }
                    },
                };
                if *unit.project.files[id.0 as usize].text == *text {
                    continue;
                }
                changed = true;
                touched.add(unit.project.files[id.0 as usize].kind);
                edited.push(id);
                if unit.edit_in_place(id, text, &mut t) {
                    t.in_place += 1;
                } else {
                    whole = true;
                }
            }
            if whole {
                let taken = std::mem::replace(unit, placeholder());
                *unit = taken.reload(&overlay, &mut t);
                t.reloaded += 1;
            } else if changed {
                unit.recheck(touched, &edited, &mut t);
            }
        }
        self.units = units;
        self.number_paths();
        t
    }

    /// Frees what the refreshes replaced: to be called once their
    /// diagnostics are sent and nothing waits. Freeing the old model on
    /// another thread while the next check runs slowed that check by more
    /// than the freeing costs (the allocator's lock): 106 -> 126 ms an
    /// nginx edit in `cargo bench --bench lsp`, against 77 ms freed here.
    pub fn free(&mut self) {
        for unit in &mut self.units {
            unit.garbage.clear();
        }
    }

    /// Numbers the paths of the parts loaded since the last call.
    fn number_paths(&mut self) {
        for unit in &mut self.units {
            if unit.ids.len() == unit.paths.len() {
                continue;
            }
            unit.ids = unit
                .paths
                .iter()
                .map(|p| {
                    *self.numbers.entry(p.clone()).or_insert_with(|| {
                        self.names.push(p.clone());
                        (self.names.len() - 1) as u32
                    })
                })
                .collect();
        }
    }

    /// How many paths have a number.
    pub fn path_count(&self) -> usize {
        self.names.len()
    }

    /// The path numbered `id`.
    pub fn path_of(&self, id: u32) -> &Path {
        &self.names[id as usize]
    }
}

/// Stands in for a part while it is moved out to be loaded again.
fn placeholder() -> Unit {
    Unit {
        plan: stacks::Unit {
            name: None,
            paths: Vec::new(),
            opts: Options::default(),
            exclude: Vec::new(),
            config: Config::default(),
        },
        project: Project::default(),
        stack: Stack::default(),
        model_cache: rules::ModelCache::default(),
        kept: rules::Kept::default(),
        garbage: Vec::new(),
        load_diags: Vec::new(),
        paths: Vec::new(),
        ids: Vec::new(),
        text_hashes: Vec::new(),
        by_path: HashMap::new(),
        errors: HashMap::new(),
        fs: Fs::new(None),
    }
}

/// Frees what a check replaced on a thread of its own: taking apart the
/// model of a large tree costs milliseconds the editor need not wait for.
fn drop_later<T: Send + 'static>(value: T) {
    use std::sync::mpsc::{channel, Sender};
    use std::sync::{Mutex, OnceLock};
    type Garbage = Box<dyn Send>;
    static BIN: OnceLock<Mutex<Option<Sender<Garbage>>>> = OnceLock::new();
    let bin = BIN.get_or_init(|| {
        let (tx, rx) = channel::<Garbage>();
        let started = std::thread::Builder::new()
            .name("hoplint-drop".into())
            .spawn(move || {
                for garbage in rx {
                    drop(garbage);
                }
            })
            .is_ok();
        Mutex::new(started.then_some(tx))
    });
    let sender = bin.lock().ok().and_then(|s| s.clone());
    match sender {
        Some(tx) => {
            // A thread that is gone hands the value back, dropped here.
            let _ = tx.send(Box::new(value));
        }
        None => drop(value),
    }
}
