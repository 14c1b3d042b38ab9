//! Include patterns expanded as glob(3) expands them for all three servers:
//! one path component at a time, matches sorted in byte order, `*` not
//! matching a leading dot.

use super::fs::{Fs, ReadError};
use globset::GlobBuilder;
use std::path::{Component, Path, PathBuf};

pub fn has_magic(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expands a host-side pattern. `Err(NotFound)` when the directory part
/// before the first wildcard does not exist (what php-fpm and Apache's
/// `Include` refuse); `Ok(vec![])` when it exists but nothing matches.
pub fn expand(fs: &Fs, pattern: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let mut current: Vec<PathBuf> = vec![PathBuf::new()];
    let mut seen_magic = false;
    for comp in pattern.components() {
        let text = comp.as_os_str().to_string_lossy();
        let magic = matches!(comp, Component::Normal(_)) && has_magic(&text);
        if !magic {
            for p in &mut current {
                p.push(comp.as_os_str());
            }
            continue;
        }
        let matcher = GlobBuilder::new(&text)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidInput, e)))?
            .compile_matcher();
        let mut next = Vec::new();
        for dir in &current {
            let dir_for_list = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            match fs.list_dir(dir_for_list) {
                Ok(entries) => next.extend(
                    entries
                        .into_iter()
                        .filter(|(name, _)| matcher.is_match(Path::new(name)))
                        .map(|(name, _)| dir.join(name)),
                ),
                Err(e) if !seen_magic => return Err(e),
                Err(_) => {}
            }
        }
        seen_magic = true;
        current = next;
    }
    if !seen_magic {
        return Ok(current.into_iter().filter(|p| fs.exists(p)).collect());
    }
    current.sort();
    Ok(current)
}
