//! Which files each include directive pulled in, for the builders that
//! splice included files into the including context.

use crate::load::Project;
use crate::source::FileId;
use crate::span::TextRange;
use foldhash::{HashMap, HashMapExt};

/// The files each include directive pulled in, in the order the server
/// reads them, keyed by the directive's place.
pub struct Includes {
    at: HashMap<(FileId, TextRange), Vec<FileId>>,
}

impl Includes {
    pub fn new(project: &Project) -> Self {
        let mut at: HashMap<(FileId, TextRange), Vec<FileId>> = HashMap::new();
        for e in &project.includes {
            at.entry((e.from, e.at)).or_default().push(e.to);
        }
        Includes { at }
    }

    pub fn targets(&self, file: FileId, range: TextRange) -> &[FileId] {
        self.at
            .get(&(file, range))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Includes nested deeper than this are not followed (the loader already
/// refuses cycles; this bounds the work on pathological trees).
pub const MAX_SPLICE_DEPTH: usize = 128;
