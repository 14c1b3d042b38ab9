//! Release numbers as written in hoplint.toml and in package databases.

use std::fmt;

/// A release number, `1.30.0`. Missing parts read as 0 (`1.30` = `1.30.0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release(pub u32, pub u32, pub u32);

impl Release {
    /// The first release with upstream keepalive and HTTP/1.1 by default.
    pub const KEEPALIVE_BY_DEFAULT: Release = Release(1, 29, 7);

    /// Reads `1.30.0`, `1.30`, and Debian package versions such as
    /// `1.22.1-9+deb12u3` or `1:1.26.3-3` (epoch and revision dropped).
    pub fn parse(text: &str) -> Option<Release> {
        let t = text.trim();
        let t = t.split_once(':').map_or(t, |(epoch, rest)| {
            if epoch.bytes().all(|b| b.is_ascii_digit()) {
                rest
            } else {
                t
            }
        });
        let upstream = t.split(['-', '~', '+']).next()?;
        let mut parts = upstream.split('.');
        let mut number = || -> Option<Option<u32>> {
            match parts.next() {
                None => Some(None),
                Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().ok().map(Some)
                }
                Some(_) => None,
            }
        };
        let major = number()??;
        let minor = number()??;
        let patch = number()?.unwrap_or(0);
        Some(Release(major, minor, patch))
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}
