//! Lookups built once per check, so that a rule asks instead of comparing
//! every hop with every listener: a generated tree holds 10,000 hops,
//! 10,000 pools and their listeners, and rules run once per hop.

use super::endpoint::{self, Endpoint};
use super::near_names::NearNames;
use super::{php_fpm, Listener, Stack};
use foldhash::{HashMap, HashMapExt, HashSet};

/// The pools by the address they listen on, so that a hop finds its pool
/// without being compared with every pool: rules run once per hop, and a
/// generated tree holds 10,000 hops and 10,000 pools.
#[derive(Debug, Default)]
pub struct PoolIndex {
    unix: HashMap<String, Vec<usize>>,
    by_port: HashMap<u16, Vec<usize>>,
}

impl PoolIndex {
    pub fn new(pools: &[php_fpm::Pool]) -> Self {
        let mut index = PoolIndex::default();
        for (i, p) in pools.iter().enumerate() {
            match &p.endpoint {
                Some(Endpoint::Unix(path)) => index.unix.entry(path.clone()).or_default().push(i),
                Some(Endpoint::Tcp(_, port)) => index.by_port.entry(*port).or_default().push(i),
                _ => {}
            }
        }
        index
    }

    /// The pools that may answer `target`: those on its socket path or
    /// port. An upstream name, a variable or a bare name: none.
    pub fn candidates(&self, target: &Endpoint) -> &[usize] {
        let found = match target {
            Endpoint::Unix(p) => self.unix.get(p),
            Endpoint::Tcp(_, port) => self.by_port.get(port),
            _ => None,
        };
        found.map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The listeners, indexed so that a target is looked up without comparing
/// it with every listener (a generated tree can hold 100,000 pools).
pub struct ListenIndex<'a> {
    unix: HashMap<&'a str, Vec<&'a Listener<'a>>>,
    by_port: HashMap<u16, Vec<&'a Listener<'a>>>,
    /// Relative socket paths and unparsed addresses: compared one by one.
    others: Vec<&'a Listener<'a>>,
}

impl<'a> ListenIndex<'a> {
    pub fn new(listeners: &'a [Listener<'a>]) -> Self {
        let mut index = ListenIndex {
            unix: HashMap::new(),
            by_port: HashMap::new(),
            others: Vec::new(),
        };
        for l in listeners {
            match l.endpoint {
                Endpoint::Unix(p) if p.starts_with('/') => {
                    index.unix.entry(p.as_str()).or_default().push(l);
                }
                Endpoint::Tcp(_, port) => index.by_port.entry(*port).or_default().push(l),
                _ => index.others.push(l),
            }
        }
        index
    }

    /// Whether some listener does, or may, accept a connection to `target`.
    pub fn may_answer(&self, target: &Endpoint) -> bool {
        let may = |l: &&Listener| l.endpoint.answers(target) != endpoint::Answer::No;
        let indexed = match target {
            // Debian links /var/run to /run: both names reach one socket.
            Endpoint::Unix(p) => {
                self.unix.contains_key(p.as_str())
                    || endpoint::run_alias(p).is_some_and(|a| self.unix.contains_key(a.as_str()))
            }
            Endpoint::Tcp(_, port) => self.by_port.get(port).is_some_and(|v| v.iter().any(may)),
            _ => true,
        };
        indexed || self.others.iter().any(may)
    }

    /// The listeners that certainly accept a connection to `target`.
    pub fn answering(&self, target: &Endpoint) -> Vec<&'a Listener<'a>> {
        let candidates = match target {
            Endpoint::Unix(p) => self.unix.get(p.as_str()),
            Endpoint::Tcp(_, port) => self.by_port.get(port),
            _ => None,
        };
        candidates
            .into_iter()
            .flatten()
            .copied()
            .filter(|l| l.endpoint.answers(target) == endpoint::Answer::Yes)
            .collect()
    }
}

/// Whether the scan holds the server meant to create a unix socket, so
/// that its absence means something: a scanned socket in the same
/// directory, or, for FastCGI while the tree holds pools, a path naming
/// PHP. Other programs (fcgiwrap's systemd socket unit, gunicorn, uWSGI)
/// create sockets hoplint never reads about.
pub struct SocketScope<'a> {
    dirs: HashSet<&'a std::path::Path>,
    has_pools: bool,
}

impl<'a> SocketScope<'a> {
    pub fn new(stack: &Stack, listeners: &'a [Listener<'a>]) -> Self {
        let dirs = listeners
            .iter()
            .filter_map(|l| match l.endpoint {
                Endpoint::Unix(p) => std::path::Path::new(p).parent(),
                _ => None,
            })
            .collect();
        SocketScope {
            dirs,
            has_pools: !stack.pools.is_empty(),
        }
    }

    pub fn checkable(&self, fastcgi: bool, path: &str) -> bool {
        let same_dir = std::path::Path::new(path)
            .parent()
            .is_some_and(|d| self.dirs.contains(d));
        let names_php = path.contains("php") || path.contains("fpm");
        same_dir || (fastcgi && self.has_pools && names_php)
    }
}

/// The listeners the admin probably meant for a loopback TCP target: the
/// same port on the other address family (`true`), or a port one typo
/// away (`false`). Only listeners reachable over loopback count; one on a
/// public address is another server's business. Built once per set of
/// candidates and asked by lookups, so a tree of thousands of sites and
/// unanswered hops costs no comparison of every hop with every listener.
pub struct NearPorts<'a> {
    /// The first reachable listener on each port, with its position among
    /// the candidates (the first in order wins, as the admin wrote them).
    by_port: HashMap<u16, (usize, &'a Listener<'a>)>,
}

impl<'a> NearPorts<'a> {
    pub fn new(candidates: &[&'a Listener<'a>]) -> Self {
        use endpoint::Host;
        let mut by_port = HashMap::new();
        for (i, l) in candidates.iter().enumerate() {
            if let Endpoint::Tcp(h, p) = l.endpoint {
                if h.is_loopback() || matches!(h, Host::AnyV4 | Host::AnyV6 | Host::AnyDual) {
                    by_port.entry(*p).or_insert((i, *l));
                }
            }
        }
        NearPorts { by_port }
    }

    pub fn near_miss(&self, target: &Endpoint) -> Option<(&'a Listener<'a>, bool)> {
        let Endpoint::Tcp(_, want) = target else {
            return None;
        };
        if let Some((_, l)) = self.by_port.get(want) {
            return Some((l, true));
        }
        one_digit_edits(*want)
            .filter_map(|p| self.by_port.get(&p))
            .min_by_key(|(i, _)| *i)
            .map(|(_, l)| (*l, false))
    }
}

/// The unix sockets the listeners create, for the "did you mean" of a hop
/// to a socket none creates: a trie walked within a typo's edits of the
/// path, so that a tree of thousands of sockets and unanswered hops costs
/// no comparison of every hop with every socket.
pub struct NearSockets<'a> {
    /// Each socket with the position of its listener (the first in order
    /// wins among the equally near, as the admin wrote them).
    names: NearNames<(usize, &'a Listener<'a>, &'a str)>,
}

impl<'a> NearSockets<'a> {
    /// `absolute`: only sockets named by an absolute path (httpd resolves
    /// a relative one against a directory hoplint does not follow).
    pub fn new(listeners: &'a [Listener<'a>], absolute: bool) -> Self {
        let mut names = NearNames::default();
        for (i, l) in listeners.iter().enumerate() {
            if let Endpoint::Unix(p) = l.endpoint {
                if !absolute || p.starts_with('/') {
                    names.insert(p, (i, l, p.as_str()));
                }
            }
        }
        NearSockets { names }
    }

    /// The socket `path` is probably a typo of, with its listener: the
    /// first of the nearest within [`socket_max_edits`].
    pub fn nearest(&self, path: &str) -> Option<(&'a Listener<'a>, &'a str)> {
        self.names
            .nearest(path, socket_max_edits(path), |(i, _, _)| *i)
            .map(|(_, (_, l, p))| (l, p))
    }
}

/// How many edits a socket path may be from a listener's and still read
/// as a typo of it: a version (`php7.4` for `php8.2`: 2), a dropped
/// directory level or pool name part (3). Farther, the nearest socket is
/// another site's, and suggesting it (or applying it as a quick fix)
/// would connect one site to another's pool.
pub fn socket_max_edits(path: &str) -> usize {
    match path.chars().count() {
        0..=7 => 1,
        8..=15 => 2,
        _ => 3,
    }
}

/// Every port whose decimal form is one edit (a digit replaced, dropped or
/// added) from `port`'s.
fn one_digit_edits(port: u16) -> impl Iterator<Item = u16> {
    let mut digits = [0u8; 5];
    let mut n = 0;
    for b in port.to_string().bytes() {
        digits[n] = b - b'0';
        n += 1;
    }
    let s = &digits[..n];
    // Built digit by digit in place: this runs for every unanswered hop,
    // and a string per candidate cost more than the lookups.
    let value = |parts: &[&[u8]]| -> Option<u16> {
        let mut v: u32 = 0;
        let mut len = 0;
        for &d in parts.iter().flat_map(|p| p.iter()) {
            // A port is written without leading zeros.
            if len == 0 && d == 0 {
                return None;
            }
            v = v * 10 + u32::from(d);
            len += 1;
        }
        (len > 0).then_some(v).and_then(|v| u16::try_from(v).ok())
    };
    let mut out = Vec::with_capacity(11 * (n + 1) + n);
    for i in 0..=n {
        for d in 0..=9u8 {
            out.extend(value(&[&s[..i], &[d], &s[i..]]));
            if i < n && s[i] != d {
                out.extend(value(&[&s[..i], &[d], &s[i + 1..]]));
            }
        }
        if i < n {
            out.extend(value(&[&s[..i], &s[i + 1..]]));
        }
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ports looked up are exactly those one edit away as the admin
    /// reads them, digit by digit.
    #[test]
    fn one_digit_edits_are_the_ports_at_edit_distance_one() {
        for want in [1u16, 80, 443, 8080, 9000, 18000, 65535] {
            let mut got: Vec<u16> = one_digit_edits(want).collect();
            got.sort_unstable();
            got.dedup();
            let expect: Vec<u16> = (1..=u16::MAX)
                .filter(|p| endpoint::edit_distance(&p.to_string(), &want.to_string()) == 1)
                .collect();
            assert_eq!(got, expect, "{want}");
        }
    }
}
