//! What loading produced: the files, their trees, the include graph and
//! the findings made on the way, with the host's facts.

use super::host::HostFacts;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Kind, Reach, SourceFile};
use crate::span::TextRange;
use crate::syntax::Tree;
use foldhash::{HashMap, HashMapExt};
use std::path::PathBuf;

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
