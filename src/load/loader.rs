//! The walk from the entry points along the includes: each file read and
//! parsed once, each include resolved the way its server resolves it (nginx
//! from its configuration directory, httpd from `ServerRoot` with
//! `Define`s and envvars, php-fpm from its prefix), cycles and chains too
//! deep cut where the server would stop.

use super::discover::Found;
use super::fs::{self, Fs, ReadError};
use super::include_findings as findings;
use super::overlay::Sources;
use super::project::{IncludeEdge, Project, UnreadInclude};
use super::syntax_findings::parse_diagnostics;
use super::{codes, glob, include};
use crate::diagnostic::Diagnostic;
use crate::parse;
use crate::source::{FileId, Kind, Reach, SourceFile};
use crate::span::{LineIndex, TextRange};
use crate::syntax::{SyntaxError, Tree};
use foldhash::{HashMap, HashSet, HashSetExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Apache refuses to nest includes deeper than this (`AP_MAX_INCLUDE_DEPTH`);
/// hoplint applies it to all three servers so no chain runs away.
const MAX_INCLUDE_DEPTH: usize = 128;

/// php-fpm reads at most this many files at once, its main config included
/// (`fpm_conf_load_ini_file`: "failed to include more than 5 files recursively").
const PHP_FPM_MAX_FILES: usize = 5;

/// php-fpm prefixes relative include paths with its build's `--prefix`
/// (php-fpm.conf: "Relative path can also be used. They will be prefixed
/// by: - the global prefix if it's been set (-p argument) - @prefix@
/// otherwise"): `/usr` in the distributions' packages.
const PHP_FPM_PREFIX: &str = "/usr";

/// ... and `/usr/local` in builds that keep their configuration in
/// `/usr/local/etc` (the official `php` images, FreeBSD's ports): the
/// prefix is where the master's `etc/` sits.
fn php_fpm_prefix(real: &Path) -> Option<PathBuf> {
    real.ancestors()
        .find(|d| d.ends_with("usr/local/etc"))
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}

pub(super) struct Parsed {
    /// The language it was parsed as.
    kind: Kind,
    text: String,
    invalid_utf8_at: Option<usize>,
    tree: Tree,
    errors: Vec<SyntaxError>,
}

pub(super) fn read_and_parse(
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
        kind,
        text: loaded.text,
        invalid_utf8_at: loaded.invalid_utf8_at,
        tree,
        errors,
    })
}

/// Shows paths relative to the current directory when they are below it,
/// so output and snapshots read the same on every machine.
pub(super) fn display_path(base: Option<&Path>, real: &Path) -> PathBuf {
    match base.and_then(|c| real.strip_prefix(c).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => real.to_path_buf(),
    }
}

pub(super) struct Loader {
    pub(super) fs: Fs,
    pub(super) sources: Sources,
    /// Unreadable paths already reported, so a dangling link reached by an
    /// include and by the directory walk is reported once.
    pub(super) reported: HashSet<PathBuf>,
    pub(super) display_base: Option<PathBuf>,
    pub(super) project: Project,
    pub(super) by_real: HashMap<PathBuf, FileId>,
    pub(super) parsed: HashMap<PathBuf, Result<Parsed, ReadError>>,
    /// The first include of each file by each other file, to label the
    /// steps of a cycle or of a chain that is too deep.
    pub(super) edge_at: HashMap<(FileId, FileId), TextRange>,
    /// Include sites already reported for a cycle or a depth: a glob
    /// matching many files is reported once, not once per file.
    pub(super) flagged_sites: HashSet<(FileId, TextRange, &'static str)>,
    /// Resolved paths that could not be read (a FIFO, a device, too large).
    pub(super) failed: HashSet<PathBuf>,
}

/// Most envvars files are a few hundred bytes.
const MAX_ENVVARS_BYTES: u64 = 1 << 20;

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
    pub(super) fn enter(&mut self, f: &Found, reach: Reach) {
        let real = match self.fs.resolve(&f.path) {
            Ok(r) => r,
            Err(e) => {
                if self.reported.insert(report_key(&f.path)) {
                    self.project
                        .diagnostics
                        .push(findings::unreadable(&f.path.display().to_string(), &e));
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
                base: php_fpm_prefix(&real)
                    .unwrap_or_else(|| self.fs.host_path(Path::new(PHP_FPM_PREFIX))),
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
            // The walk guessed its language by name or place; the include
            // that reaches it says what its server reads it as.
            Ok(p) if p.kind != kind => {
                let (tree, errors) = parse::parse(kind, &p.text);
                Parsed {
                    kind,
                    tree,
                    errors,
                    ..p
                }
            }
            Ok(p) => p,
            Err(e) => {
                self.failed.insert(real.to_path_buf());
                let shown = display_path(self.display_base.as_deref(), real);
                let mut d = findings::unreadable(&shown.display().to_string(), &e);
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
                if let Some(d) = findings::missing_include(id, site, pattern, magic, chain.kind) {
                    self.project.diagnostics.push(d);
                }
                return Vec::new();
            }
            Err(e) => {
                self.project
                    .diagnostics
                    .push(findings::unreadable(pattern, &e).at(id, site.range, "included here"));
                return Vec::new();
            }
        };
        if magic && out.is_empty() && chain.kind == Kind::Apache && !site.optional {
            self.project
                .diagnostics
                .push(findings::no_wildcard_match(id, site, pattern));
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
                self.project.diagnostics.push(
                    findings::unreadable(&shown.display().to_string(), &e).at(
                        from,
                        site.range,
                        "included here",
                    ),
                );
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
                let steps = stack[pos..]
                    .windows(2)
                    .filter_map(|w| {
                        let at = *self.edge_at.get(&(w[0], w[1]))?;
                        Some((w[0], at, self.project.file(w[1]).display_path()))
                    })
                    .collect();
                let looped = self.project.file(to).display_path();
                self.project
                    .diagnostics
                    .push(findings::include_cycle(&looped, from, site.range, steps));
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
            let steps = stack
                .windows(2)
                .filter_map(|w| Some((w[0], *self.edge_at.get(&(w[0], w[1]))?)))
                .collect();
            self.project.diagnostics.push(findings::too_deep(
                chain.kind,
                stack.len() + 1,
                limit,
                from,
                site.range,
                steps,
            ));
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
    let mut seen = foldhash::HashSet::new();
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
pub(super) fn report_key(path: &Path) -> PathBuf {
    let dir = path.parent().and_then(|d| std::fs::canonicalize(d).ok());
    match (dir, path.file_name()) {
        (Some(d), Some(n)) => d.join(n),
        _ => path.to_path_buf(),
    }
}
