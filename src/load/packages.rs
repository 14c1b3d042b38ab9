//! Which nginx package a checked machine root has installed, from dpkg's
//! database (`var/lib/dpkg/status`). Read only below a scanned machine
//! root, never from this machine's own `/var` unless `/` is what is checked.

use super::fs::Fs;
use std::path::Path;

/// Where dpkg keeps what is installed, relative to the root.
pub const DPKG_STATUS: &str = "var/lib/dpkg/status";

/// A machine with thousands of packages has a status file of a few MB.
const MAX_STATUS_BYTES: u64 = 64 << 20;

/// The binary packages that carry the nginx executable: Debian's and
/// Ubuntu's flavours, and nginx.org's own package.
const NGINX_PACKAGES: &[&str] = &[
    "nginx",
    "nginx-core",
    "nginx-full",
    "nginx-light",
    "nginx-extras",
];

/// The `Version:` of the installed nginx package, as written.
/// Read through the root's [`Fs`]: a link never leads out of it.
pub fn installed_nginx(root: &Path) -> Option<String> {
    let fs = Fs::new(Some(root.to_path_buf()));
    let text = fs.read_side_file(&Path::new("/").join(DPKG_STATUS), MAX_STATUS_BYTES)?;
    installed_version(&text, NGINX_PACKAGES)
}

/// The version of the first package of `names` whose stanza says it is
/// installed (`Status: install ok installed`).
fn installed_version(status: &str, names: &[&str]) -> Option<String> {
    status.split("\n\n").find_map(|stanza| {
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
            (Some(p), Some(v)) if installed && names.contains(&p) => Some(v.to_string()),
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
}
