//! Reading files the way the servers would find them, inside an optional
//! `--root`: absolute paths written in configs and absolute symlink targets
//! are taken relative to the root, so a copy of a server's `/etc` (or of `/`)
//! reads as if it were in place. Reading only: nothing here writes.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The most symlinks followed for one path, as Linux's `MAXSYMLINKS`.
const MAX_SYMLINKS: usize = 40;
/// Files above this size are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug)]
pub enum ReadError {
    NotFound,
    SymlinkLoop,
    IsDirectory,
    TooLarge(u64),
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => write!(f, "no such file or directory"),
            ReadError::SymlinkLoop => {
                write!(f, "too many levels of symbolic links (a symlink loop)")
            }
            ReadError::IsDirectory => write!(f, "is a directory"),
            ReadError::TooLarge(n) => write!(
                f,
                "file is {n} bytes, larger than hoplint reads ({MAX_FILE_BYTES})"
            ),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

fn io_err(e: io::Error) -> ReadError {
    match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ if e.raw_os_error() == Some(40) => ReadError::SymlinkLoop,
        _ => ReadError::Io(e),
    }
}

/// Where the server's `/` is on this machine.
#[derive(Debug, Clone)]
pub struct Fs {
    root: Option<PathBuf>,
    /// What [`Fs::resolve`] learnt, shared by clones: a tree of 26,000
    /// files names the same few directories 26,000 times, and each was
    /// otherwise looked up again (one `lstat` per component, plus the
    /// root's and the working directory's own canonical paths).
    seen: Arc<Mutex<Seen>>,
}

#[derive(Debug, Default)]
struct Seen {
    /// The canonical root and working directory, once known.
    root: Option<PathBuf>,
    cwd: Option<PathBuf>,
    /// `lstat` of each path below the root looked at so far.
    nodes: HashMap<PathBuf, Node>,
}

/// What one path below the root is: a symlink (with its target) or not.
#[derive(Debug, Clone)]
enum Node {
    Link(PathBuf),
    Dir,
    Other,
}

/// A file's text as read: lossily decoded, with where decoding first failed.
pub struct Loaded {
    pub text: String,
    /// Byte offset of the first byte that was not UTF-8.
    pub invalid_utf8_at: Option<usize>,
}

impl Fs {
    pub fn new(root: Option<PathBuf>) -> Self {
        Fs {
            root,
            seen: Arc::default(),
        }
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `lstat` of a path below the root, asked of the system once.
    fn node(&self, path: &Path) -> Result<Node, ReadError> {
        if let Some(n) = self.seen().nodes.get(path) {
            return Ok(n.clone());
        }
        let meta = fs::symlink_metadata(path).map_err(io_err)?;
        let node = if meta.file_type().is_symlink() {
            Node::Link(fs::read_link(path).map_err(io_err)?)
        } else if meta.is_dir() {
            Node::Dir
        } else {
            Node::Other
        };
        self.seen().nodes.insert(path.to_path_buf(), node.clone());
        Ok(node)
    }

    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// Where a path written in a config lives on this machine.
    pub fn host_path(&self, server_path: &Path) -> PathBuf {
        match &self.root {
            Some(root) if server_path.is_absolute() => {
                let rel: PathBuf = server_path
                    .components()
                    .filter(|c| matches!(c, Component::Normal(_)))
                    .collect();
                root.join(rel)
            }
            _ => server_path.to_path_buf(),
        }
    }

    /// Follows symlinks component by component, mapping absolute targets
    /// into the root and never climbing above it, as a chroot would.
    pub fn resolve(&self, host: &Path) -> Result<PathBuf, ReadError> {
        self.resolve_node(host).map(|(p, _)| p)
    }

    /// [`Fs::resolve`], with whether the path is a directory (`None`
    /// when the path lies outside the root and was not looked at).
    fn resolve_node(&self, host: &Path) -> Result<(PathBuf, Option<bool>), ReadError> {
        let Some(root) = &self.root else {
            return fs::canonicalize(host).map_err(io_err).map(|p| (p, None));
        };
        let (root, cwd) = {
            let cached = {
                let seen = self.seen();
                (seen.root.clone(), seen.cwd.clone())
            };
            match cached {
                (Some(r), Some(c)) => (r, c),
                _ => {
                    let r = fs::canonicalize(root).map_err(io_err)?;
                    let c = fs::canonicalize(".").map_err(io_err)?;
                    let mut seen = self.seen();
                    seen.root = Some(r.clone());
                    seen.cwd = Some(c.clone());
                    (r, c)
                }
            }
        };
        let start = cwd.join(host);
        // Work on the part below the root; a path outside it is read as is.
        let Ok(below) = start.strip_prefix(&root).map(Path::to_path_buf) else {
            return fs::canonicalize(host).map_err(io_err).map(|p| (p, None));
        };
        let mut pending: Vec<std::ffi::OsString> = below
            .components()
            .rev()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_os_string()),
                Component::ParentDir => Some("..".into()),
                _ => None,
            })
            .collect();
        // The resolved path so far, and how many components below the root.
        let mut done = root.clone();
        let mut depth = 0usize;
        let mut is_dir = Some(true);
        let mut hops = 0;
        while let Some(part) = pending.pop() {
            if part == ".." {
                if depth > 0 {
                    done.pop();
                    depth -= 1;
                }
                continue;
            }
            done.push(&part);
            match self.node(&done)? {
                Node::Link(target) => {
                    done.pop();
                    hops += 1;
                    if hops > MAX_SYMLINKS {
                        return Err(ReadError::SymlinkLoop);
                    }
                    if target.is_absolute() {
                        done = root.clone();
                        depth = 0;
                    }
                    for c in target.components().rev() {
                        match c {
                            Component::Normal(s) => pending.push(s.to_os_string()),
                            Component::ParentDir => pending.push("..".into()),
                            _ => {}
                        }
                    }
                }
                node => {
                    depth += 1;
                    is_dir = Some(matches!(node, Node::Dir));
                }
            }
        }
        Ok((done, is_dir))
    }

    pub fn is_dir(&self, host: &Path) -> bool {
        match self.resolve_node(host) {
            Ok((_, Some(known))) => known,
            Ok((p, None)) => p.is_dir(),
            Err(_) => false,
        }
    }

    pub fn exists(&self, host: &Path) -> bool {
        self.resolve(host).is_ok()
    }

    /// Reads a resolved path, decoding the bytes lossily as nginx does (it
    /// never checks encodings); the caller reports where decoding failed.
    pub fn read(&self, resolved: &Path) -> Result<Loaded, ReadError> {
        let meta = fs::metadata(resolved).map_err(io_err)?;
        if meta.is_dir() {
            return Err(ReadError::IsDirectory);
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge(meta.len()));
        }
        let bytes = fs::read(resolved).map_err(io_err)?;
        Ok(match String::from_utf8(bytes) {
            Ok(text) => Loaded {
                text,
                invalid_utf8_at: None,
            },
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Loaded {
                    text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    invalid_utf8_at: Some(at),
                }
            }
        })
    }

    /// Directory entries in the byte order glob(3) sorts them in, hidden
    /// ones left out as `*` leaves them out.
    pub fn list_dir(&self, host: &Path) -> Result<Vec<(String, PathBuf)>, ReadError> {
        let dir = self.resolve(host)?;
        let mut out: Vec<(String, PathBuf)> = fs::read_dir(&dir)
            .map_err(io_err)?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                (!name.starts_with('.')).then(|| (name.clone(), host.join(name)))
            })
            .collect();
        out.sort();
        Ok(out)
    }
}
