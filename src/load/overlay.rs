//! What an editor knows that the disk may not: the text of unsaved
//! buffers, read instead of the file, and the trees of files parsed by an
//! earlier load, reused while a file's text is unchanged. Both are
//! optional parts of [`super::Options`]; the command line uses neither.

use crate::source::Kind;
use crate::syntax::{SyntaxError, Tree};
use foldhash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Unsaved buffers by resolved path (symlinks followed, as the loader
/// names the files it reads).
#[derive(Debug, Default, Clone)]
pub struct Overlay {
    texts: HashMap<PathBuf, Arc<str>>,
}

impl Overlay {
    pub fn set(&mut self, path: PathBuf, text: Arc<str>) {
        self.texts.insert(path, text);
    }

    pub fn remove(&mut self, path: &Path) {
        self.texts.remove(path);
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.texts.get(path)
    }
}

/// A file parsed before: reused when the same path is read as the same
/// kind with the same text.
#[derive(Debug)]
pub struct Cached {
    pub kind: Kind,
    pub text: Arc<str>,
    pub tree: Tree,
    pub errors: Vec<SyntaxError>,
}

/// Trees offered to the next load, and the syntax errors of every file it
/// reads (the project keeps them only as diagnostics), so that the caller
/// can offer that load's trees to the one after.
#[derive(Debug, Default)]
pub struct ParseCache {
    ready: Mutex<HashMap<PathBuf, Cached>>,
    errors: Mutex<HashMap<PathBuf, Vec<SyntaxError>>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

impl ParseCache {
    pub fn offer(&self, path: PathBuf, cached: Cached) {
        lock(&self.ready).insert(path, cached);
    }

    /// The tree of `path` if it was parsed from this very text.
    pub(super) fn take(&self, path: &Path, kind: Kind, text: &str) -> Option<Cached> {
        let mut ready = lock(&self.ready);
        let hit = ready
            .get(path)
            .is_some_and(|c| c.kind == kind && *c.text == *text);
        let found = if hit { ready.remove(path) } else { None };
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    pub(super) fn record(&self, path: &Path, errors: &[SyntaxError]) {
        lock(&self.errors).insert(path.to_path_buf(), errors.to_vec());
    }

    /// The syntax errors of every file read since the last call, by path.
    pub fn take_errors(&self) -> HashMap<PathBuf, Vec<SyntaxError>> {
        std::mem::take(&mut *lock(&self.errors))
    }

    /// How many files were reused and how many parsed.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where a load reads from besides the disk: see [`super::load_with`].
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub overlay: Option<Arc<Overlay>>,
    pub parse_cache: Option<Arc<ParseCache>>,
}
