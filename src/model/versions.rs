//! Which nginx release the configs run on. Most defaults hoplint relies on
//! have not moved in years, but nginx 1.29.7 changed how upstreams keep
//! connections: every `upstream` block keeps idle connections
//! (`keepalive 32 local`) unless it says `keepalive 0`, and `proxy_pass`
//! speaks HTTP/1.1 without `Connection: close`. A rule about upstream
//! keepalive reads the defaults from here instead of assuming a release.

pub use crate::values::release::Release;

/// Where hoplint learnt the release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReleaseSource {
    /// `hoplint.toml` `[versions]` or `--nginx-version`.
    Declared,
    /// The package database of the checked machine root (the path shown).
    Installed(String),
}

/// The nginx release the stack runs, if hoplint knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NginxRelease {
    pub known: Option<(Release, ReleaseSource)>,
}

impl NginxRelease {
    /// Whether upstream blocks keep connections and `proxy_pass` speaks
    /// HTTP/1.1 without `Connection: close` unless told otherwise. Unknown
    /// releases are taken as older: the distributions' packages are
    /// (Debian 12: 1.22.1, Debian 13: 1.26.3, Ubuntu 24.04: 1.24.0).
    pub fn keepalive_by_default(&self) -> bool {
        self.known
            .as_ref()
            .is_some_and(|(r, _)| *r >= Release::KEEPALIVE_BY_DEFAULT)
    }

    /// What a message adds after a default that 1.29.7 changed: ` before
    /// 1.29.7` when the release is unknown, so that the admin of a newer
    /// nginx knows why the finding does not apply and can declare it.
    pub fn until_changed(&self) -> &'static str {
        if self.known.is_some() {
            ""
        } else {
            " before 1.29.7"
        }
    }

    /// `nginx 1.30.0 (declared)`, for messages that depend on the release.
    pub fn describe(&self) -> Option<String> {
        let (r, source) = self.known.as_ref()?;
        Some(match source {
            ReleaseSource::Declared => format!("nginx {r}, as declared"),
            ReleaseSource::Installed(path) => format!("nginx {r}, installed per `{path}`"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_read_from_declarations_and_package_versions() {
        assert_eq!(Release::parse("1.30.0"), Some(Release(1, 30, 0)));
        assert_eq!(Release::parse("1.30"), Some(Release(1, 30, 0)));
        assert_eq!(Release::parse("1.22.1-9+deb12u3"), Some(Release(1, 22, 1)));
        assert_eq!(Release::parse("1:1.26.3-3"), Some(Release(1, 26, 3)));
        assert_eq!(Release::parse("1.29.8-1~bookworm"), Some(Release(1, 29, 8)));
        assert_eq!(Release::parse("1"), None);
        assert_eq!(Release::parse("latest"), None);
        assert_eq!(Release::parse("1.x"), None);
        assert!(Release(1, 29, 7) >= Release::KEEPALIVE_BY_DEFAULT);
        assert!(Release(1, 29, 6) < Release::KEEPALIVE_BY_DEFAULT);
        assert!(Release(1, 30, 0) > Release(1, 29, 8));
    }
}
