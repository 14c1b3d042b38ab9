//! Reading files the way the servers would find them, inside an optional
//! `--root`: absolute paths written in configs and absolute symlink targets
//! are taken relative to the root, so a copy of a server's `/etc` (or of `/`)
//! reads as if it were in place.
//!
//! A checked tree is untrusted input. Every read below a root goes through
//! [`Fs`], which keeps it there: the root is canonicalized once, and a path
//! is resolved one component at a time, `..` stopping at the root and
//! absolute symlink targets starting again from it, as in a chroot, however
//! the path or the root were spelt. Only regular files are opened (never a
//! FIFO, which would block, nor a device, which never ends), read-only,
//! non-blocking, and never past a fixed size. Nothing here writes.

use foldhash::HashMap;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The most symlinks followed for one path, as Linux's `MAXSYMLINKS`.
const MAX_SYMLINKS: usize = 40;
/// Files above this size are refused rather than read into memory: the
/// largest real configs are a few megabytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum ReadError {
    NotFound,
    SymlinkLoop,
    IsDirectory,
    /// A FIFO, socket or device: what it is ("a FIFO").
    NotRegular(&'static str),
    TooLarge(u64),
    /// Under a root, a path that leads out of it (and out of every path
    /// named on the command line).
    OutsideRoot,
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
            ReadError::NotRegular(what) => write!(
                f,
                "is {what}, not a regular file (hoplint reads only regular files)"
            ),
            ReadError::TooLarge(n) => write!(
                f,
                "file is {n} bytes or more, larger than hoplint reads ({MAX_FILE_BYTES})"
            ),
            ReadError::OutsideRoot => write!(f, "leads outside the checked root"),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

fn io_err(e: io::Error) -> ReadError {
    match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ if e.raw_os_error() == Some(libc::ELOOP) => ReadError::SymlinkLoop,
        _ => ReadError::Io(e),
    }
}

/// What a file type is, when it is not a regular file or a directory.
pub fn describe(ft: fs::FileType) -> &'static str {
    if ft.is_fifo() {
        "a FIFO (named pipe)"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_symlink() {
        // Only after resolution, when the path was swapped for a link.
        "a symbolic link that appeared while reading"
    } else {
        "not a file"
    }
}

fn check_regular(meta: &fs::Metadata, max: u64) -> Result<(), ReadError> {
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if !ft.is_file() {
        return Err(ReadError::NotRegular(describe(ft)));
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len()));
    }
    Ok(())
}

/// Reads at most `max` bytes of a regular file on this machine, following
/// no symlink in the last component. The type is checked before opening
/// (opening a FIFO blocks until a writer comes), the file is opened
/// read-only and non-blocking, and the type is checked again on the open
/// handle, in case the path was swapped in between. `whole`: a file longer
/// than `max` is an error; otherwise its first `max` bytes are returned.
fn read_regular_prefix(path: &Path, max: u64, whole: bool) -> Result<Vec<u8>, ReadError> {
    let limit = if whole { max } else { u64::MAX };
    check_regular(&fs::symlink_metadata(path).map_err(io_err)?, limit)?;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)
        .map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    check_regular(&meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    // The size may grow after the check: never read past the cap.
    file.take(max.saturating_add(whole as u64))
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if whole && bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a whole regular file the user named (not one found in a checked
/// tree), by the same rules as every read below a root: regular files
/// only, never blocking, never more than `max` bytes. For `hoplint.toml`.
pub fn read_user_file(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let real = fs::canonicalize(path).map_err(io_err)?;
    read_regular_prefix(&real, max, true)
}

/// Where the server's `/` is on this machine, and the paths named on the
/// command line that lie outside it.
#[derive(Debug, Clone)]
pub struct Fs {
    /// Canonical: no symlink, no `..`.
    root: Option<PathBuf>,
    /// Under a root, the paths named on the command line outside it
    /// (canonical directories): their files are read where they are, and
    /// what they lead to stays inside them or the root.
    inputs: Vec<PathBuf>,
    /// The current directory, canonical, for relative paths.
    cwd: PathBuf,
    /// Paths already resolved (directories, and files found), with the
    /// area each lies in.
    dirs: Arc<Mutex<HashMap<PathBuf, Resolved>>>,
    /// Files whose start, read to tell their language, was all of them:
    /// kept (by resolved path) for the one read that loads them, so a file
    /// seen through `sites-available` and its `sites-enabled` link is
    /// opened once, not three times.
    whole_starts: Arc<Mutex<HashMap<PathBuf, Vec<u8>>>>,
}

/// A path resolved, and the area (the root, an admitted input) it lies in.
type Resolved = (PathBuf, Option<PathBuf>);

/// A file's text as read: lossily decoded, with where decoding first failed.
pub struct Loaded {
    pub text: String,
    /// Byte offset of the first byte that was not UTF-8.
    pub invalid_utf8_at: Option<usize>,
}

/// The parts of a path to walk, in reverse order (the next one last).
fn parts_reversed(path: &Path) -> Vec<OsString> {
    path.components()
        .rev()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_os_string()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect()
}

impl Fs {
    /// The root is canonicalized once here: spelt through a symlink or
    /// with `..`, it is the same directory.
    pub fn new(root: Option<PathBuf>) -> Self {
        let cwd = std::env::current_dir()
            .and_then(fs::canonicalize)
            .unwrap_or_else(|_| PathBuf::from("/"));
        let root = root.map(|r| {
            fs::canonicalize(&r).unwrap_or_else(|_| {
                // A root that does not exist: nothing resolves below it.
                if r.is_absolute() {
                    r
                } else {
                    cwd.join(r)
                }
            })
        });
        Fs {
            root,
            inputs: Vec::new(),
            cwd,
            dirs: Default::default(),
            whole_starts: Default::default(),
        }
    }

    /// Admits a path named on the command line. Under a root, one that
    /// lies outside it is read where it is (its directory, for a file),
    /// and so are the files that directory holds; nothing they contain
    /// leads further out.
    pub fn admit_input(&mut self, input: &Path) {
        if self.root.is_none() || self.resolve(input).is_ok() {
            return;
        }
        let dir = match fs::metadata(input) {
            Ok(m) if m.is_dir() => Some(input.to_path_buf()),
            _ => input.parent().map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".").to_path_buf()
                } else {
                    p.to_path_buf()
                }
            }),
        };
        if let Some(dir) = dir.and_then(|d| fs::canonicalize(d).ok()) {
            if !self.inputs.contains(&dir) {
                self.inputs.push(dir);
                // What was refused before may lie in this input.
                self.dirs = Default::default();
            }
        }
    }

    /// The root, canonical.
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

    /// The confined area (the root, or an admitted input) `path` lies in.
    fn area_of(&self, path: &Path) -> Option<PathBuf> {
        self.root
            .iter()
            .chain(&self.inputs)
            .find(|a| path.starts_with(a))
            .cloned()
    }

    /// Follows symlinks component by component. Without a root, as this
    /// machine does. Under a root, the part of the path spelt before it
    /// reaches the root (or an admitted input) is followed as this machine
    /// does, since the user wrote it; from there on `..` never climbs
    /// above that area and absolute symlink targets start from the root,
    /// as in a chroot. A path that never reaches one is refused.
    ///
    /// The directory a path names is resolved once per check and kept:
    /// a glob over 100,000 files costs one resolution of the directory,
    /// then one `lstat` per file.
    pub fn resolve(&self, host: &Path) -> Result<PathBuf, ReadError> {
        // `a/./b` is `a/b`; `..` is kept, for the walk to follow.
        let abs: PathBuf = if host.is_absolute() {
            host.components().collect()
        } else {
            self.cwd.join(host).components().collect()
        };
        // A path resolved before (a snippet every site includes): the tree
        // does not change during a check.
        if let Some((p, _)) = self.dirs.lock().ok().and_then(|c| c.get(&abs).cloned()) {
            return Ok(p);
        }
        let (parent, last) = match (abs.parent(), abs.components().next_back()) {
            (Some(p), Some(Component::Normal(last))) => (p, last),
            _ => return self.resolve_uncached(&abs).map(|(p, _)| p),
        };
        let cached = self.dirs.lock().ok().and_then(|c| c.get(parent).cloned());
        let (pos, area) = match cached {
            Some(state) => state,
            None => match self.resolve_uncached(parent) {
                Ok(state) => {
                    if let Ok(mut c) = self.dirs.lock() {
                        c.insert(parent.to_path_buf(), state.clone());
                    }
                    state
                }
                // The root itself, below a directory outside it; or an
                // error, told as the whole path's.
                Err(_) => return self.resolve_uncached(&abs).map(|(p, _)| p),
            },
        };
        let resolved = if self.root.is_none() {
            let candidate = pos.join(last);
            let meta = fs::symlink_metadata(&candidate).map_err(io_err)?;
            if meta.file_type().is_symlink() {
                (fs::canonicalize(&candidate).map_err(io_err)?, None)
            } else {
                (candidate, None)
            }
        } else {
            self.walk(pos, area, vec![last.to_os_string()])?
        };
        if let Ok(mut c) = self.dirs.lock() {
            c.insert(abs.clone(), resolved.clone());
        }
        Ok(resolved.0)
    }

    /// [`Fs::resolve`] from scratch: the resolved path, and the area it
    /// lies in.
    fn resolve_uncached(&self, abs: &Path) -> Result<Resolved, ReadError> {
        if self.root.is_none() {
            return fs::canonicalize(abs).map(|p| (p, None)).map_err(io_err);
        }
        // The spelt prefix of a canonical area is that area: start there.
        match self
            .root
            .iter()
            .chain(&self.inputs)
            .find_map(|a| abs.strip_prefix(a).ok().map(|rest| (a, rest)))
        {
            Some((a, rest)) => self.walk(a.clone(), Some(a.clone()), parts_reversed(rest)),
            None => self.walk(
                PathBuf::from("/"),
                self.area_of(Path::new("/")),
                parts_reversed(abs),
            ),
        }
    }

    /// Walks the `pending` parts (the next one last) from `pos`, which lies
    /// in `area` if any; see [`Fs::resolve`].
    fn walk(
        &self,
        mut pos: PathBuf,
        mut area: Option<PathBuf>,
        mut pending: Vec<OsString>,
    ) -> Result<Resolved, ReadError> {
        let root = self.root.clone().unwrap_or_else(|| PathBuf::from("/"));
        let mut hops = 0;
        while let Some(part) = pending.pop() {
            if part == ".." {
                if area.as_ref() != Some(&pos) {
                    pos.pop();
                }
                continue;
            }
            let candidate = pos.join(&part);
            // A directory on the way, resolved before (the `../sites-available`
            // of every `sites-enabled` link): its place is known.
            if !pending.is_empty() {
                let cached = self
                    .dirs
                    .lock()
                    .ok()
                    .and_then(|c| c.get(&candidate).cloned());
                if let Some((p, a)) = cached {
                    pos = p;
                    area = a;
                    continue;
                }
            }
            let meta = fs::symlink_metadata(&candidate).map_err(io_err)?;
            if !meta.file_type().is_symlink() {
                pos = candidate;
                if area.is_none() {
                    area = self.area_of(&pos);
                }
                continue;
            }
            hops += 1;
            if hops > MAX_SYMLINKS {
                return Err(ReadError::SymlinkLoop);
            }
            let target = fs::read_link(&candidate).map_err(io_err)?;
            if target.is_absolute() {
                if area.is_some() {
                    pos = root.clone();
                    area = Some(root.clone());
                } else {
                    pos = PathBuf::from("/");
                    area = self.area_of(&pos);
                }
            }
            pending.extend(parts_reversed(&target));
        }
        match area {
            Some(_) => Ok((pos, area)),
            None => Err(ReadError::OutsideRoot),
        }
    }

    pub fn is_dir(&self, host: &Path) -> bool {
        self.resolve(host)
            .and_then(|p| fs::metadata(p).map_err(io_err))
            .is_ok_and(|m| m.is_dir())
    }

    pub fn is_file(&self, host: &Path) -> bool {
        self.resolve(host)
            .and_then(|p| fs::metadata(p).map_err(io_err))
            .is_ok_and(|m| m.is_file())
    }

    pub fn exists(&self, host: &Path) -> bool {
        self.resolve(host).is_ok()
    }

    /// Reads a resolved path, decoding the bytes lossily as nginx does (it
    /// never checks encodings); the caller reports where decoding failed.
    pub fn read(&self, resolved: &Path) -> Result<Loaded, ReadError> {
        let kept = self
            .whole_starts
            .lock()
            .ok()
            .and_then(|mut k| k.remove(resolved));
        let bytes = match kept {
            Some(b) => b,
            None => read_regular_prefix(resolved, MAX_FILE_BYTES, true)?,
        };
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

    /// The first `max` bytes of a file (resolved here), to tell what it is.
    pub fn read_start(&self, host: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
        let real = self.resolve(host)?;
        let kept = |k: &HashMap<PathBuf, Vec<u8>>| {
            k.get(&real)
                .map(|b| b[..b.len().min(max as usize)].to_vec())
        };
        if let Some(b) = self.whole_starts.lock().ok().and_then(|k| kept(&k)) {
            return Ok(b);
        }
        let bytes = read_regular_prefix(&real, max, false)?;
        if (bytes.len() as u64) < max {
            if let Ok(mut k) = self.whole_starts.lock() {
                k.insert(real, bytes.clone());
            }
        }
        Ok(bytes)
    }

    /// A whole small file (resolved here) as lossy text; `None` when it is
    /// missing, not a regular file, or larger than `max_bytes`.
    pub fn read_small(&self, host: &Path, max_bytes: u64) -> Option<String> {
        let real = self.resolve(host).ok()?;
        let bytes = read_regular_prefix(&real, max_bytes, true).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A file the checked machine keeps beside its configs (`/etc/passwd`,
    /// `/etc/hosts`, `/var/lib/dpkg/status`, ...), by its path on that
    /// machine: resolved inside the root, regular files only, at most
    /// `max_bytes`, decoded lossily. `None` when it cannot be read so.
    pub fn read_side_file(&self, server_path: &Path, max_bytes: u64) -> Option<String> {
        self.read_small(&self.host_path(server_path), max_bytes)
    }

    /// The names in a directory of the checked machine
    /// (`/etc/systemd/system`), resolved inside the root, sorted; empty
    /// when it cannot be listed.
    pub fn list_side_dir(&self, server_path: &Path) -> Vec<String> {
        let Ok(dir) = self.resolve(&self.host_path(server_path)) else {
            return Vec::new();
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Directory entries in the byte order glob(3) sorts them in, hidden
    /// ones left out as `*` leaves them out. Names need not be UTF-8.
    pub fn list_dir(&self, host: &Path) -> Result<Vec<(OsString, PathBuf)>, ReadError> {
        use std::os::unix::ffi::OsStrExt;
        let dir = self.resolve(host)?;
        let mut out: Vec<(OsString, PathBuf)> = fs::read_dir(&dir)
            .map_err(io_err)?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name();
                (!name.as_bytes().starts_with(b".")).then(|| (name.clone(), host.join(name)))
            })
            .collect();
        out.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        Ok(out)
    }
}
