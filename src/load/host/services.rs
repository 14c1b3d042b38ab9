//! Which servers a checked machine starts at boot: the units systemd's
//! `*.wants/` directories name (read by `super::HostFacts::gather`).

use crate::source::Kind;
use foldhash::HashSet;

#[derive(Debug, Default)]
pub struct Enabled {
    kinds: HashSet<Kind>,
}

impl Enabled {
    /// The servers among unit names found in `*.wants/` directories.
    pub fn from_units<'a>(units: impl IntoIterator<Item = &'a str>) -> Enabled {
        Enabled {
            kinds: units.into_iter().filter_map(kind_of_unit).collect(),
        }
    }

    pub fn starts(&self, kind: Kind) -> bool {
        self.kinds.contains(&kind)
    }
}

/// Debian's and Red Hat's unit names: `nginx.service`, `apache2.service`,
/// `httpd.service`, `php8.2-fpm.service`, `php-fpm.service`.
fn kind_of_unit(name: &str) -> Option<Kind> {
    let base = name.strip_suffix(".service")?;
    if base.starts_with("nginx") {
        Some(Kind::Nginx)
    } else if base.starts_with("apache2") || base.starts_with("httpd") {
        Some(Kind::Apache)
    } else if base.starts_with("php") && base.ends_with("fpm") {
        Some(Kind::PhpFpm)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_map_to_servers() {
        assert_eq!(kind_of_unit("nginx.service"), Some(Kind::Nginx));
        assert_eq!(kind_of_unit("apache2.service"), Some(Kind::Apache));
        assert_eq!(kind_of_unit("httpd.service"), Some(Kind::Apache));
        assert_eq!(kind_of_unit("php8.2-fpm.service"), Some(Kind::PhpFpm));
        assert_eq!(kind_of_unit("php-fpm.service"), Some(Kind::PhpFpm));
        assert_eq!(kind_of_unit("nginx.socket"), None);
        assert_eq!(kind_of_unit("postgresql.service"), None);
    }
}
