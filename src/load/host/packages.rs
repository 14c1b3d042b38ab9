//! Which nginx and PHP a checked machine root has installed: from dpkg's
//! database (`var/lib/dpkg/status`), apk's (`lib/apk/db/installed`) and
//! the `php_version.h` PHP's headers install; read by
//! `super::HostFacts::gather`. rpm's and pkg's databases are binary
//! (Berkeley DB, SQLite) and are not read: Fedora's and FreeBSD's PHP is
//! known from its headers when they are installed.

use crate::values::fpm_keys::PhpRelease;

/// Where dpkg keeps what is installed, on the checked machine.
pub const DPKG_STATUS: &str = "/var/lib/dpkg/status";

/// The binary packages that carry the nginx executable: Debian's and
/// Ubuntu's flavours, and nginx.org's own package.
const NGINX_PACKAGES: &[&str] = &[
    "nginx",
    "nginx-core",
    "nginx-full",
    "nginx-light",
    "nginx-extras",
];

/// Where apk keeps what is installed (Alpine): one stanza per package,
/// `P:` its name, `V:` its version.
pub const APK_INSTALLED: &str = "/lib/apk/db/installed";

/// `php_version.h` under each prefix PHP's headers are installed in: a
/// source build's (the official `php` image, FreeBSD's port) and the
/// distribution's (`php-devel`). Debian's sit under an API-dated
/// directory, but there the path of the config names the release.
pub const PHP_VERSION_HEADERS: [(&str, &str); 2] = [
    ("/usr/local", "/usr/local/include/php/main/php_version.h"),
    ("/usr", "/usr/include/php/main/php_version.h"),
];

/// A PHP the checked root has installed, and how that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhpBuild {
    pub release: PhpRelease,
    /// `php8.2-fpm 8.2.26-1~deb12u1`, `PHP 8.2.26`.
    pub what: String,
    /// The file that says so, on the checked machine.
    pub source: &'static str,
    /// The install prefix of a build known by its headers; `None` for a
    /// package, which says nothing of where its config lives.
    pub prefix: Option<&'static str>,
}

/// The php-fpm packages dpkg has installed: Debian's and Ubuntu's (and
/// sury.org's) `php8.2-fpm`.
pub fn dpkg_php_fpm(status: &str) -> Vec<PhpBuild> {
    dpkg_installed(status)
        .filter_map(|(name, version)| {
            let release = name.strip_prefix("php")?.strip_suffix("-fpm")?;
            Some(PhpBuild {
                release: PhpRelease::parse(release).filter(|_| release.contains('.'))?,
                what: format!("{name} {version}"),
                source: DPKG_STATUS,
                prefix: None,
            })
        })
        .collect()
}

/// The php-fpm packages apk has installed: Alpine's `php82-fpm`.
pub fn apk_php_fpm(db: &str) -> Vec<PhpBuild> {
    db.split("\n\n")
        .filter_map(|stanza| {
            let field = |k: &str| stanza.lines().find_map(|l| l.strip_prefix(k));
            let name = field("P:")?.trim();
            let version = field("V:")?.trim();
            let digits = name.strip_prefix("php")?.strip_suffix("-fpm")?;
            Some(PhpBuild {
                release: PhpRelease::from_path(&format!("php{digits}"))?,
                what: format!("{name} {version}"),
                source: APK_INSTALLED,
                prefix: None,
            })
        })
        .collect()
}

/// The release `#define PHP_VERSION "8.2.26"` names in a `php_version.h`.
pub fn php_version_header(
    text: &str,
    prefix: &'static str,
    source: &'static str,
) -> Option<PhpBuild> {
    let version = text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("#define")?.trim_start();
        rest.strip_prefix("PHP_VERSION")?
            .strip_prefix(char::is_whitespace)?
            .trim()
            .strip_prefix('"')?
            .split('"')
            .next()
    })?;
    Some(PhpBuild {
        release: PhpRelease::parse(version)?,
        what: format!("PHP {version}"),
        source,
        prefix: Some(prefix),
    })
}

/// The `Version:` of the installed nginx package in dpkg's status file, as written.
pub fn installed_nginx(status: &str) -> Option<String> {
    installed_version(status, NGINX_PACKAGES)
}

/// The version of the first package of `names` dpkg has installed.
fn installed_version(status: &str, names: &[&str]) -> Option<String> {
    dpkg_installed(status)
        .find(|(p, _)| names.contains(p))
        .map(|(_, v)| v.to_string())
}

/// Each package and version whose stanza says it is installed
/// (`Status: install ok installed`).
fn dpkg_installed(status: &str) -> impl Iterator<Item = (&str, &str)> {
    status.split("\n\n").filter_map(|stanza| {
        let mut package = None;
        let mut installed = false;
        let mut version = None;
        for line in stanza.lines() {
            if let Some(v) = line.strip_prefix("Package: ") {
                package = Some(v.trim());
            } else if let Some(v) = line.strip_prefix("Status: ") {
                installed = v.trim().ends_with(" installed");
            } else if let Some(v) = line.strip_prefix("Version: ") {
                version = Some(v.trim());
            }
        }
        match (package, version) {
            (Some(p), Some(v)) if installed => Some((p, v)),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_nginx_package_gives_the_version() {
        let status = "Package: nginx-common\nStatus: install ok installed\nVersion: 1.22.1-9\n\n\
                      Package: nginx\nStatus: deinstall ok config-files\nVersion: 1.18.0-6\n\n\
                      Package: nginx-light\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.22.1-9+deb12u3\n";
        assert_eq!(
            installed_version(status, NGINX_PACKAGES).as_deref(),
            Some("1.22.1-9+deb12u3")
        );
        assert_eq!(
            installed_version("Package: apache2\n", NGINX_PACKAGES),
            None
        );
    }

    #[test]
    fn installed_php_fpm_packages_give_their_release() {
        let status = "Package: php8.2-fpm\nStatus: install ok installed\nSource: php8.2\nVersion: 8.2.36-1~deb12u1\n\n\
                      Package: php7.4-fpm\nStatus: deinstall ok config-files\nVersion: 7.4.33-1\n\n\
                      Package: php8.3-fpm\nStatus: install ok installed\nVersion: 8.3.14-1+0~20241122.58+debian12~1.gbp2b9dcb\n\n\
                      Package: php-fpm\nStatus: install ok installed\nVersion: 2:8.2+93\n\n\
                      Package: php8.2-fpm-dbgsym\nStatus: install ok installed\nVersion: 8.2.36-1\n";
        let found: Vec<(PhpRelease, String)> = dpkg_php_fpm(status)
            .into_iter()
            .map(|b| (b.release, b.what))
            .collect();
        assert_eq!(
            found,
            [
                (PhpRelease(8, 2), "php8.2-fpm 8.2.36-1~deb12u1".to_string()),
                (
                    PhpRelease(8, 3),
                    "php8.3-fpm 8.3.14-1+0~20241122.58+debian12~1.gbp2b9dcb".to_string()
                ),
            ]
        );
        let apk = "C:Q1abc=\nP:php82-fpm\nV:8.2.26-r0\nA:x86_64\n\nP:php82\nV:8.2.26-r0\n\nP:php83-fpm-doc\nV:8.3.1-r0\n";
        let found = apk_php_fpm(apk);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].release, PhpRelease(8, 2));
        assert_eq!(found[0].what, "php82-fpm 8.2.26-r0");
    }

    #[test]
    fn php_version_h_gives_the_release() {
        let h = "/* automatically generated by configure */\n#define PHP_MAJOR_VERSION 8\n#define PHP_MINOR_VERSION 3\n#define PHP_EXTRA_VERSION \"\"\n#define PHP_VERSION \"8.3.14\"\n#define PHP_VERSION_ID 80314\n";
        let b = php_version_header(h, "/usr/local", PHP_VERSION_HEADERS[0].1).unwrap();
        assert_eq!(b.release, PhpRelease(8, 3));
        assert_eq!(b.what, "PHP 8.3.14");
        assert_eq!(b.prefix, Some("/usr/local"));
        assert!(php_version_header("#define PHP_VERSION_ID 80314\n", "/usr", "x").is_none());
    }
}
