//! What the checked machine says about itself outside its server configs:
//! its accounts, its resolver, the servers systemd starts (and what their
//! units do around php-fpm's socket), the nginx package installed, and, when `/` itself is checked, its RAM and the
//! kernel's listen-backlog cap. Gathered once, here, from the checked root
//! only (never from this machine's own `/etc` unless `/` is what is
//! checked), and handed to the model and the rules, which never touch the
//! filesystem themselves.

pub mod accounts;
pub mod packages;
pub mod resolver;
pub mod services;
pub mod units;

use super::fs::Fs;
use std::path::Path;

pub use accounts::Accounts;
pub use resolver::Resolver;
pub use services::Enabled;

/// A side file larger than this is not read: real account, resolver and
/// package files are kilobytes to a few megabytes.
const MAX_SIDE_FILE: u64 = 64 << 20;

#[derive(Debug, Default)]
pub struct HostFacts {
    /// `etc/passwd` and `etc/group`; empty (nothing known) without a root.
    pub accounts: Accounts,
    /// `etc/hosts` and `etc/resolv.conf`.
    pub resolver: Resolver,
    /// The servers systemd starts at boot; `None` where the root has no
    /// `etc/systemd/system`.
    pub enabled: Option<Enabled>,
    /// The installed nginx package's version, as dpkg's status file says.
    pub nginx_package: Option<Installed>,
    /// The PHP releases installed: php-fpm packages (dpkg, apk) and
    /// builds known by their headers (`php_version.h`).
    pub php_builds: Vec<packages::PhpBuild>,
    /// The php-fpm units systemd would start, and the socket links they
    /// make (Debian's `/run/php/php-fpm.sock`); `None` where the root holds
    /// no php-fpm unit.
    pub php_fpm_units: Option<units::PhpFpmUnits>,
    /// `MemTotal` in bytes, of a live `/` only.
    pub memory: Option<u64>,
    /// `net.core.somaxconn`, of a live `/` only.
    pub somaxconn: Option<u64>,
}

/// A package version and the file it was read from (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub version: String,
    pub source: String,
}

impl HostFacts {
    /// Reads what the checked root holds; nothing without a root (a repo
    /// of configs says nothing about the machine it will run on).
    pub fn gather(fs: &Fs) -> HostFacts {
        let Some(root) = fs.root() else {
            return HostFacts::default();
        };
        let read = |p: &str| side_file(fs, p);
        let live = root == Path::new("/");
        let dpkg = read(packages::DPKG_STATUS);
        HostFacts {
            accounts: Accounts::parse(
                read("/etc/passwd").as_deref(),
                read("/etc/group").as_deref(),
            ),
            resolver: Resolver::parse(
                read("/etc/hosts").as_deref(),
                read("/etc/resolv.conf").as_deref(),
            ),
            enabled: enabled_units(fs),
            php_fpm_units: units::php_fpm_units(fs),
            nginx_package: dpkg.as_deref().and_then(|status| {
                Some(Installed {
                    version: packages::installed_nginx(status)?,
                    source: root
                        .join(packages::DPKG_STATUS.trim_start_matches('/'))
                        .display()
                        .to_string(),
                })
            }),
            php_builds: php_builds(dpkg.as_deref(), &read),
            memory: live
                .then(|| read("/proc/meminfo"))
                .flatten()
                .and_then(|t| meminfo_total(&t)),
            somaxconn: live
                .then(|| read("/proc/sys/net/core/somaxconn"))
                .flatten()
                .and_then(|t| t.trim().parse().ok()),
        }
    }
}

/// A file of the checked machine, by its path on that machine, resolved
/// inside the root; `None` when absent, not a regular file, or too large.
fn side_file(fs: &Fs, server_path: &str) -> Option<String> {
    fs.read_side_file(Path::new(server_path), MAX_SIDE_FILE)
}

/// Every PHP the checked root says it has installed.
fn php_builds(
    dpkg: Option<&str>,
    read: &dyn Fn(&str) -> Option<String>,
) -> Vec<packages::PhpBuild> {
    let mut builds = Vec::new();
    if let Some(status) = dpkg {
        builds.extend(packages::dpkg_php_fpm(status));
    }
    if let Some(db) = read(packages::APK_INSTALLED) {
        builds.extend(packages::apk_php_fpm(&db));
    }
    for (prefix, header) in packages::PHP_VERSION_HEADERS {
        if let Some(text) = read(header) {
            builds.extend(packages::php_version_header(&text, prefix, header));
        }
    }
    builds
}

/// The units named in `etc/systemd/system/*.wants/`.
fn enabled_units(fs: &Fs) -> Option<Enabled> {
    let dir = Path::new("/etc/systemd/system");
    if !fs.is_dir(&fs.host_path(dir)) {
        return None;
    }
    let mut units = Vec::new();
    for name in fs.list_side_dir(dir) {
        if name.ends_with(".wants") {
            units.extend(fs.list_side_dir(&dir.join(&name)));
        }
    }
    Some(Enabled::from_units(units.iter().map(String::as_str)))
}

/// `MemTotal:  16303648 kB` in bytes.
pub fn meminfo_total(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line
        .trim_start_matches("MemTotal:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    kb.checked_mul(1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meminfo_gives_bytes() {
        assert_eq!(
            meminfo_total("MemTotal:        2048 kB\nMemFree: 1 kB\n"),
            Some(2 << 20)
        );
        assert_eq!(meminfo_total("MemFree: 1 kB\n"), None);
    }
}
