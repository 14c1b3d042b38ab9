//! Which servers a checked machine starts at boot: the units systemd's
//! `*.wants/` directories name. Read only from a scanned machine root,
//! never from this machine's own `/etc` unless `/` is what is checked.

use super::fs::Fs;
use crate::source::Kind;
use std::collections::HashSet;
use std::path::Path;

/// Where systemd keeps the units enabled by the admin, on the checked machine.
const SYSTEMD_SYSTEM: &str = "/etc/systemd/system";

#[derive(Debug, Default)]
pub struct Enabled {
    kinds: HashSet<Kind>,
}

impl Enabled {
    /// `None` where the root has no `etc/systemd/system`: not a systemd
    /// machine, or a copy without it, so nothing is known.
    /// Read through the root's [`Fs`]: every link followed inside it.
    pub fn read(root: &Path) -> Option<Enabled> {
        let fs = Fs::new(Some(root.to_path_buf()));
        let dir = Path::new(SYSTEMD_SYSTEM);
        if !fs.is_dir(&fs.host_path(dir)) {
            return None;
        }
        let mut kinds = HashSet::new();
        for wants in fs.list_side_dir(dir) {
            if !wants.ends_with(".wants") {
                continue;
            }
            for unit in fs.list_side_dir(&dir.join(&wants)) {
                if let Some(k) = kind_of_unit(&unit) {
                    kinds.insert(k);
                }
            }
        }
        Some(Enabled { kinds })
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
