//! What the checked machine's systemd units do around php-fpm: Debian's
//! and Ubuntu's `phpX.Y-fpm.service` run, after the master started,
//!
//! ```text
//! ExecStartPost=-/usr/lib/php/php-fpm-socket-helper install /run/php/php-fpm.sock /etc/php/8.2/fpm/pool.d/www.conf 82
//! ```
//!
//! which reads the `listen = …` line of that pool file and, when it names
//! a socket that exists, makes `/run/php/php-fpm.sock` an
//! `update-alternatives` link to it, with the version as its priority (the
//! highest wins when several PHP versions run). Read from the units under
//! the checked root, as systemd finds them: `etc/systemd/system` before
//! `run/systemd/system`, `usr/lib/systemd/system` and `lib/systemd/system`
//! (the first unit file of a name wins; a link to `/dev/null` masks it),
//! with the drop-ins of every directory (`NAME.service.d/*.conf`, by file
//! name, where an empty `ExecStartPost=` clears the list).

use super::super::fs::Fs;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where systemd looks for units, highest precedence first.
const UNIT_DIRS: &[&str] = &[
    "/etc/systemd/system",
    "/run/systemd/system",
    "/usr/lib/systemd/system",
    "/lib/systemd/system",
];

/// The helper Debian's php-common ships.
const HELPER: &str = "php-fpm-socket-helper";

/// One `php-fpm-socket-helper install LINK POOL_FILE PRIORITY` a unit runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketLink {
    /// The link it makes: `/run/php/php-fpm.sock`.
    pub link: String,
    /// The pool file whose `listen` line it reads, as a path on the server.
    pub pool_file: String,
    /// `update-alternatives` priority: the highest wins.
    pub priority: i64,
    /// The unit, `php8.2-fpm.service`.
    pub unit: String,
}

/// The php-fpm units found under the root, and the links they make.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhpFpmUnits {
    /// Names of the `php*-fpm.service` units found (masked ones left out).
    pub units: Vec<String>,
    pub links: Vec<SocketLink>,
}

/// `None` when the root holds no php-fpm unit at all (a copy of `/etc`
/// alone, a repository of configs): what systemd does there is unknown.
pub fn php_fpm_units(fs: &Fs) -> Option<PhpFpmUnits> {
    // The unit files by name, the first directory's winning.
    let mut units: BTreeMap<String, Option<PathBuf>> = BTreeMap::new();
    // Drop-ins by unit, then by file name (a higher directory's wins).
    let mut dropins: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for dir in UNIT_DIRS {
        let host = fs.host_path(Path::new(dir));
        let Ok(entries) = fs.list_dir(&host) else {
            continue;
        };
        for (name, path) in entries {
            let Ok(name) = name.into_string() else {
                continue;
            };
            if let Some(unit) = name.strip_suffix(".d") {
                if is_php_fpm_unit(unit) {
                    for (conf, p) in fs.list_dir(&path).unwrap_or_default() {
                        let Ok(conf) = conf.into_string() else {
                            continue;
                        };
                        if conf.ends_with(".conf") {
                            dropins
                                .entry(unit.to_string())
                                .or_default()
                                .entry(conf)
                                .or_insert(p);
                        }
                    }
                }
                continue;
            }
            if !is_php_fpm_unit(&name) || units.contains_key(&name) {
                continue;
            }
            // `systemctl mask` links the unit to /dev/null.
            let masked = std::fs::read_link(&path).is_ok_and(|t| t == Path::new("/dev/null"));
            units.insert(name, (!masked).then_some(path));
        }
    }
    if units.is_empty() {
        return None;
    }
    let mut out = PhpFpmUnits::default();
    for (name, path) in units {
        let Some(path) = path else { continue };
        let mut files = vec![path];
        files.extend(dropins.remove(&name).unwrap_or_default().into_values());
        let mut posts: Vec<String> = Vec::new();
        for f in files {
            let Some(text) = read(fs, &f) else { continue };
            for value in exec_start_post(&text) {
                if value.is_empty() {
                    posts.clear();
                } else {
                    posts.push(value);
                }
            }
        }
        out.links
            .extend(posts.iter().filter_map(|p| helper_link(p, &name)));
        out.units.push(name);
    }
    Some(out)
}

fn is_php_fpm_unit(name: &str) -> bool {
    name.strip_suffix(".service")
        .is_some_and(|b| b.starts_with("php") && b.ends_with("-fpm"))
}

fn read(fs: &Fs, host: &Path) -> Option<String> {
    let real = fs.resolve(host).ok()?;
    fs.read(&real).ok().map(|l| l.text)
}

/// The values of `ExecStartPost=` in a unit file's `[Service]` section,
/// continuation lines joined.
fn exec_start_post(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut joined = String::new();
    for raw in text.lines() {
        let line = raw.trim_end();
        if let Some(head) = line.strip_suffix('\\') {
            joined.push_str(head);
            joined.push(' ');
            continue;
        }
        joined.push_str(line);
        let l = std::mem::take(&mut joined);
        let l = l.trim();
        if l.starts_with('#') || l.starts_with(';') {
            continue;
        }
        if l.starts_with('[') && l.ends_with(']') {
            section = l.to_string();
            continue;
        }
        if section != "[Service]" {
            continue;
        }
        if let Some((k, v)) = l.split_once('=') {
            if k.trim() == "ExecStartPost" {
                out.push(v.trim().to_string());
            }
        }
    }
    out
}

/// `-/usr/lib/php/php-fpm-socket-helper install LINK POOL PRIORITY`.
fn helper_link(command: &str, unit: &str) -> Option<SocketLink> {
    let command = command.trim_start_matches(['-', '@', '+', '!', ':']);
    let mut words = command.split_whitespace();
    let program = words.next()?;
    if !program.ends_with(HELPER) {
        return None;
    }
    let action = words.next()?;
    if action != "install" && action != "start" {
        return None;
    }
    Some(SocketLink {
        link: words.next()?.to_string(),
        pool_file: words.next()?.to_string(),
        priority: words.next()?.parse().ok()?,
        unit: unit.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debian_units_give_their_links() {
        let unit = "[Unit]\nDescription=The PHP 8.2 FastCGI Process Manager\n\n[Service]\nType=notify\n\
                    ExecStart=/usr/sbin/php-fpm8.2 --nodaemonize --fpm-config /etc/php/8.2/fpm/php-fpm.conf\n\
                    ExecStartPost=-/usr/lib/php/php-fpm-socket-helper install /run/php/php-fpm.sock /etc/php/8.2/fpm/pool.d/www.conf 82\n\
                    ExecStopPost=-/usr/lib/php/php-fpm-socket-helper remove /run/php/php-fpm.sock /etc/php/8.2/fpm/pool.d/www.conf 82\n";
        let posts = exec_start_post(unit);
        assert_eq!(posts.len(), 1);
        assert_eq!(
            helper_link(&posts[0], "php8.2-fpm.service"),
            Some(SocketLink {
                link: "/run/php/php-fpm.sock".into(),
                pool_file: "/etc/php/8.2/fpm/pool.d/www.conf".into(),
                priority: 82,
                unit: "php8.2-fpm.service".into(),
            })
        );
        assert_eq!(helper_link("/bin/true", "x"), None);
        assert!(is_php_fpm_unit("php8.2-fpm.service"));
        assert!(is_php_fpm_unit("php-fpm.service"));
        assert!(!is_php_fpm_unit("php8.2-fpm.socket"));
    }
}
