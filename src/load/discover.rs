//! Which files in a scanned directory are configs, of which server, and
//! which of them are entry points. Decided by name and layout first (the
//! way packages lay out `/etc`), by content only for files whose place says
//! nothing.

use super::fs::{Fs, ReadError};
use crate::source::Kind;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file found by the walk.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub kind: Kind,
    pub entry: bool,
}

/// Names of main configs: the files a server reads first.
pub fn entry_kind(name: &str) -> Option<Kind> {
    match name {
        "nginx.conf" => Some(Kind::Nginx),
        "php-fpm.conf" => Some(Kind::PhpFpm),
        "apache2.conf" | "httpd.conf" => Some(Kind::Apache),
        _ => None,
    }
}

/// Extensions that are never config syntax, even inside a server's directory.
const NOT_CONFIG: &[&str] = &[
    "pem", "crt", "key", "csr", "der", "p12", "pfx", "so", "lua", "js", "html", "htm", "css", "md",
    "txt", "gz", "bz2", "xz", "zip", "png", "jpg", "gif", "ico", "svg", "sh", "py", "pl", "php",
    "json", "yml", "yaml", "toml", "ini", "swp", "bak", "orig", "rej", "dpkg-old", "sample",
    "example", "dist", "in", "tmpl", "j2", "erb", "log", "pid", "sock",
];

/// Directories a walk of a whole machine never needs: configs live in `etc`.
const SKIP_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "target",
    "__pycache__",
];
/// Below a machine's `/`, configs live here and nowhere else: `/etc`, and
/// `/usr/local` for what FreeBSD's ports, the official `php` image
/// (`/usr/local/etc`) and the official `httpd` image (`/usr/local/apache2`)
/// install there, and Software Collections' httpd (`httpd24`), the one
/// collection that keeps its config below its own root, not `/etc/opt/rh`.
const CONFIG_DIRS_OF_A_MACHINE: &[&str] = &[
    "etc",
    "usr/local/etc",
    "usr/local/apache2/conf",
    "opt/rh/httpd24/root/etc",
];

/// What a server's package puts under a machine's `/etc` (Debian, Fedora,
/// Alpine's `php82`, Remi's `opt/remi`) or `/usr/local/etc` (FreeBSD's
/// ports, the official `php` image).
const SERVER_DIRS_IN_ETC: &[&str] = &[
    "nginx",
    "apache2",
    "apache24",
    "httpd",
    "php",
    "php-fpm.d",
    "php-fpm.conf",
];

/// A directory that looks like the `/` of a server (or a copy of it).
/// Remi's (`/etc/opt/remi`) and Software Collections' (`/etc/opt/rh`,
/// `/opt/rh/httpd24/root/etc/httpd`) versioned servers live outside the
/// distribution's own directories.
pub fn looks_like_machine_root(dir: &Path) -> bool {
    let holds_server = |etc: PathBuf| {
        etc.is_dir()
            && (SERVER_DIRS_IN_ETC.iter().any(|n| etc.join(n).exists())
                || etc.join("opt/remi").is_dir()
                || etc.join("opt/rh").is_dir()
                || versioned_php_dir(&etc))
    };
    holds_server(dir.join("etc"))
        || holds_server(dir.join("usr/local/etc"))
        || dir.join("usr/local/apache2/conf/httpd.conf").is_file()
        || dir.join("opt/rh").is_dir()
}

/// Alpine's `/etc/php82` (and `php8`, `php83`…): a PHP of one release.
fn versioned_php_dir(etc: &Path) -> bool {
    std::fs::read_dir(etc).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.strip_prefix("php").is_some_and(|v| {
                !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && e.path().is_dir()
            })
        })
    })
}

fn kind_by_place(rel: &Path) -> Option<Kind> {
    let comps: Vec<String> = rel
        .parent()
        .map(|p| {
            p.iter()
                .map(|c| c.to_string_lossy().to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let has = |names: &[&str]| comps.iter().any(|c| names.contains(&c.as_str()));
    if has(&["php-fpm.d", "pool.d"]) || comps.iter().any(|c| c == "fpm" || c.starts_with("php-fpm"))
    {
        return Some(Kind::PhpFpm);
    }
    if has(&["apache2", "apache24", "apache", "httpd"]) {
        return Some(Kind::Apache);
    }
    if comps
        .iter()
        .any(|c| c.starts_with("nginx") || c == "openresty")
    {
        return Some(Kind::Nginx);
    }
    None
}

/// Guesses a file's language from what it says. Used for files given
/// alone and for `*.conf` files whose location says nothing.
pub fn sniff(text: &str) -> Option<Kind> {
    let (mut ngx, mut ap, mut fpm) = (0u32, 0u32, 0u32);
    for line in text.lines().take(400) {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("<virtualhost")
            || lower.starts_with("<ifmodule")
            || lower.starts_with("<directory")
            || lower.starts_with("<location")
            || lower.starts_with("<files")
            || lower.starts_with("</")
        {
            ap += 3;
        } else if t.starts_with('[') && t.ends_with(']') {
            fpm += 3;
        } else if t.ends_with(';') || t.ends_with('{') || t == "}" {
            ngx += 2;
        } else if let Some((k, _)) = t.split_once('=') {
            if !k.trim().contains(' ') || k.contains('[') {
                fpm += 1;
            }
        } else if t.split_whitespace().count() >= 2
            && t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        {
            ap += 1;
        }
    }
    let best = ngx.max(ap).max(fpm);
    if best == 0 {
        None
    } else if best == ngx {
        Some(Kind::Nginx)
    } else if best == ap {
        Some(Kind::Apache)
    } else {
        Some(Kind::PhpFpm)
    }
}

fn extension_excluded(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name == "envvars" || name == "magic" {
        return true;
    }
    match path.extension() {
        Some(ext) => NOT_CONFIG.contains(&ext.to_string_lossy().to_ascii_lowercase().as_str()),
        None => false,
    }
}

/// How much of a file is read to tell its language or that it is binary.
const SNIFF_BYTES: u64 = 64 * 1024;

/// The start of a file, read through `fs` (regular files only, bounded).
fn file_start(fs: &Fs, path: &Path) -> Option<Vec<u8>> {
    fs.read_start(path, SNIFF_BYTES).ok()
}

fn sniff_file(fs: &Fs, path: &Path) -> Option<Kind> {
    let text = file_start(fs, path)?;
    sniff(&String::from_utf8_lossy(&text))
}

/// Reads the start of a file to tell text from binary without loading it.
fn looks_binary(fs: &Fs, path: &Path) -> bool {
    match file_start(fs, path) {
        Some(b) => b[..b.len().min(4096)].contains(&0),
        None => false,
    }
}

/// Classifies one file: its kind and whether it is an entry point.
/// `given` is true for a path named on the command line (always read).
pub fn classify(fs: &Fs, path: &Path, rel: &Path, given: bool) -> Option<Found> {
    classify_with(fs, path, rel, given, true)
}

/// `sniff`: whether a `.conf` file whose place says nothing may be judged
/// by its content. Not on a whole machine, where `/etc` holds hundreds of
/// other programs' `.conf` files.
fn classify_with(
    fs: &Fs,
    path: &Path,
    rel: &Path,
    given: bool,
    sniff_content: bool,
) -> Option<Found> {
    let name = path.file_name()?.to_string_lossy().to_string();
    // A main config's name inside another server's directory is that
    // server's file: Fedora's `/etc/nginx/conf.d/php-fpm.conf` is nginx.
    let place = kind_by_place(rel);
    if let Some(kind) = entry_kind(&name).filter(|k| place.is_none_or(|p| p == *k)) {
        // `php-fpm.conf` is also a common name for an nginx snippet or
        // upstream (Fedora's); where the place says nothing and the
        // content is plainly another server's, the content wins.
        if kind == Kind::PhpFpm && place.is_none() {
            if let Some(other @ (Kind::Nginx | Kind::Apache)) = sniff_file(fs, path) {
                return Some(Found {
                    path: path.to_path_buf(),
                    kind: other,
                    entry: given,
                });
            }
        }
        return Some(Found {
            path: path.to_path_buf(),
            kind,
            entry: true,
        });
    }
    if is_php_ini(&name) {
        return Some(Found {
            path: path.to_path_buf(),
            kind: Kind::PhpIni,
            entry: false,
        });
    }
    if !given && (extension_excluded(path) || looks_binary(fs, path)) {
        return None;
    }
    let mut by_place = kind_by_place(rel);
    // A directory named after php-fpm may hold the nginx site that talks
    // to it; a pool file never reads as nginx or Apache, so content wins.
    if by_place == Some(Kind::PhpFpm) {
        if let Some(other @ (Kind::Nginx | Kind::Apache)) = sniff_file(fs, path) {
            by_place = Some(other);
        }
    }
    let kind = match by_place {
        // Only `.conf` files are pool or site configs in php-fpm and Apache
        // trees; the rest (php.ini, conf.d/*.ini, README) is not.
        Some(Kind::PhpFpm) | Some(Kind::Apache)
            if !given && !name.ends_with(".conf") && !name.ends_with(".load") =>
        {
            let in_sites = rel
                .iter()
                .any(|c| c == "sites-available" || c == "sites-enabled");
            if !in_sites {
                return None;
            }
            by_place?
        }
        Some(k) => k,
        None => {
            if !given && (!sniff_content || (!name.ends_with(".conf") && !name.ends_with(".vhost")))
            {
                return None;
            }
            sniff_file(fs, path)?
        }
    };
    Some(Found {
        path: path.to_path_buf(),
        kind,
        entry: given,
    })
}

/// PHP's `php.ini`. The `conf.d/*.ini` beside it are extension switches
/// (Debian links them from `mods-available`) and are not read.
fn is_php_ini(name: &str) -> bool {
    name == "php.ini"
}

/// What a walk found: the configs, and the directories (and other
/// entries) it could not read where configs should be.
#[derive(Debug, Default)]
pub struct Walk {
    pub found: Vec<Found>,
    pub unreadable: Vec<(PathBuf, ReadError)>,
}

/// The directory to walk for `dir`: as spelt, unless the checked root
/// sees it elsewhere (a link to an absolute path, which the root maps into
/// itself), then where the root sees it. Never a directory outside it.
fn walkable(fs: &Fs, dir: &Path) -> Option<PathBuf> {
    let real = fs.resolve(dir).ok()?;
    if !real.is_dir() {
        return None;
    }
    match std::fs::canonicalize(dir) {
        Ok(c) if c == real => Some(dir.to_path_buf()),
        _ => Some(real),
    }
}

/// Walks a directory for configs, in sorted order. On a machine's `/` (or
/// a copy of it) only its config directories are read, and only the files
/// whose place names their server.
pub fn walk(fs: &Fs, dir: &Path) -> Walk {
    let mut out = Walk::default();
    if looks_like_machine_root(dir) {
        for sub in CONFIG_DIRS_OF_A_MACHINE {
            let spelt = dir.join(sub);
            if let Some(d) = walkable(fs, &spelt) {
                // Paths are judged by their place below the machine's `/`.
                let base = if d == spelt {
                    dir.to_path_buf()
                } else {
                    d.parent().unwrap_or(&d).to_path_buf()
                };
                walk_tree(fs, &d, &base, false, &mut out);
            }
        }
        return out;
    }
    let Some(d) = walkable(fs, dir) else {
        return out;
    };
    let is_etc = std::fs::canonicalize(&d)
        .ok()
        .and_then(|d| d.file_name().map(|n| n == "etc"))
        == Some(true);
    walk_tree(fs, &d, &d, !is_etc, &mut out);
    out
}

fn walk_tree(fs: &Fs, dir: &Path, base: &Path, sniff_content: bool, out: &mut Walk) {
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !(e.depth() > 0
                && e.file_type().is_dir()
                && SKIP_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // A directory it may not list, where configs live, is
                // reported; elsewhere (`/etc/ssl/private`) it is none of
                // hoplint's business.
                let Some(p) = e.path().filter(|_| e.depth() > 0).map(Path::to_path_buf) else {
                    continue;
                };
                let rel = p.strip_prefix(base).unwrap_or(&p);
                if kind_by_place(&rel.join("x")).is_some() {
                    let err = match e.into_io_error() {
                        Some(io) => ReadError::Io(io),
                        None => ReadError::SymlinkLoop,
                    };
                    out.unreadable.push((p, err));
                }
                continue;
            }
        };
        let ft = entry.file_type();
        // Symlinked files (Debian's sites-enabled) count; symlinked
        // directories are not descended, so a link loop cannot trap the walk.
        let rel = entry.path().strip_prefix(base).unwrap_or(entry.path());
        if ft.is_symlink() {
            match fs.resolve(entry.path()) {
                Ok(target) if target.is_dir() => continue,
                Ok(target) => {
                    if let Some(mut f) = classify_with(fs, &target, rel, false, sniff_content)
                        .or_else(|| special_by_place(&target, rel))
                    {
                        f.path = entry.path().to_path_buf();
                        f.entry =
                            f.entry && entry_kind(&entry.file_name().to_string_lossy()).is_some();
                        out.found.push(f);
                    }
                }
                // A dangling link or a loop is reported when the loader
                // reads it, if its place says it is a config.
                Err(_) => {
                    if let Some(kind) = kind_by_place(rel).filter(|_| !extension_excluded(rel)) {
                        out.found.push(Found {
                            path: entry.path().to_path_buf(),
                            kind,
                            entry: false,
                        });
                    }
                }
            }
            continue;
        }
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            // A FIFO, socket or device where a config should be: the
            // loader reports it (and never opens it).
            if let Some(f) = special_by_place(entry.path(), rel) {
                out.found.push(f);
            }
            continue;
        }
        if let Some(f) = classify_with(fs, entry.path(), rel, false, sniff_content) {
            out.found.push(f);
        }
    }
}

/// A path that is no regular file (a FIFO, a device, or a link to one),
/// taken for a config when its name or place says it is one.
fn special_by_place(path: &Path, rel: &Path) -> Option<Found> {
    if path.is_file() || path.is_dir() || extension_excluded(rel) {
        return None;
    }
    let name = rel.file_name()?.to_string_lossy().to_string();
    let entry = entry_kind(&name);
    let kind = entry.or_else(|| kind_by_place(rel))?;
    Some(Found {
        path: path.to_path_buf(),
        kind,
        entry: entry.is_some(),
    })
}
