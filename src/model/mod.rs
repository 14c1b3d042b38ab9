//! One model of the whole stack, built from the syntax trees of every file
//! read: nginx servers, locations and the hops they make, upstreams,
//! php-fpm pools, Apache vhosts and proxies, and every listening address.
//! Everything carries the file and range it was read from, so a rule can
//! point at each line involved. Rules read this model, never the trees.

pub mod apache;
pub mod buffers;
pub mod capacity;
pub mod dump;
pub mod endpoint;
pub mod limits;
pub mod near_names;
pub mod nginx;
pub mod php_fpm;
pub mod sight;

pub mod variables;
pub mod versions;

use crate::load::Project;
use crate::source::FileId;
use crate::span::TextRange;
use std::collections::{HashMap, HashSet};

pub use endpoint::Endpoint;

/// Where something was written: one file, one byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: TextRange,
}

impl Span {
    /// The place of what was declared outside the scanned files (a backend
    /// in `hoplint.toml`): no file to point at.
    pub const DECLARED: Span = Span {
        file: FileId::DECLARED,
        range: TextRange { start: 0, end: 0 },
    };
}

/// A value as written (after the server's own expansions, such as php-fpm's
/// `$pool`) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Stack {
    pub nginx: nginx::Nginx,
    pub pools: Vec<php_fpm::Pool>,
    /// The php-fpm masters the pools belong to (`Pool::master`).
    pub masters: Vec<php_fpm::Master>,
    /// Every `php.ini` read.
    pub php_inis: Vec<php_fpm::PhpIni>,
    pub apache: apache::Apache,
    /// Backends the user declared (`hoplint.toml`, `--external`): listeners
    /// hoplint cannot read but is told exist.
    pub external: Vec<External>,
    /// The values of the variables nginx hops go through.
    pub variables: variables::Variables,
    /// Where each pool listens, for [`Stack::pools_answering`].
    pub pool_index: PoolIndex,
    /// The nginx release, where declared or installed on a checked root.
    pub nginx_release: versions::NginxRelease,
    /// What hoplint sees whole, for rules that conclude from an absence.
    pub sight: sight::Sight,
}

/// The pools by the address they listen on, so that a hop finds its pool
/// without being compared with every pool: rules run once per hop, and a
/// generated tree holds 10,000 hops and 10,000 pools.
#[derive(Debug, Default)]
pub struct PoolIndex {
    unix: HashMap<String, Vec<usize>>,
    by_port: HashMap<u16, Vec<usize>>,
}

impl PoolIndex {
    fn new(pools: &[php_fpm::Pool]) -> Self {
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
}

/// A backend as the user declares it (`hoplint.toml`, `--external`).
#[derive(Debug, Clone)]
pub struct Declared {
    pub name: String,
    /// `unix:/path`, `port` or `host:port`.
    pub listen: String,
    /// How long it keeps an idle connection, in milliseconds.
    pub keepalive_timeout: Option<u64>,
}

/// A declared backend outside the scanned configs.
#[derive(Debug)]
pub struct External {
    pub name: String,
    pub text: String,
    pub endpoint: Endpoint,
    pub keepalive_timeout: Option<u64>,
}

pub fn build(project: &Project) -> Stack {
    let includes = Includes::new(project);
    let php_inis = php_fpm::php_inis(project);
    let (pools, masters) = php_fpm::build(project, &includes, &php_inis);
    let pool_index = PoolIndex::new(&pools);
    let nginx = nginx::build(project, &includes);
    let variables = variables::resolve(&nginx);
    let sight = sight::Sight::new(project, &nginx);
    Stack {
        nginx,
        pools,
        masters,
        php_inis,
        apache: apache::build(project, &includes),
        external: Vec::new(),
        variables,
        pool_index,
        nginx_release: versions::NginxRelease::default(),
        sight,
    }
}

/// Where a PHP setting of a pool comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhpSource {
    /// `php_admin_value[...]` / `php_admin_flag[...]`: fixed, scripts cannot change it.
    PoolAdmin,
    /// `php_value[...]` / `php_flag[...]`: a script's `ini_set()` may change it.
    Pool,
    /// The master's `php.ini`.
    PhpIni,
}

impl Stack {
    /// The pools that certainly answer a connection to `target`, in the
    /// order they were read (the same as comparing it with every pool).
    pub fn pools_answering(&self, target: &Endpoint) -> Vec<&php_fpm::Pool> {
        self.answering(target)
            .into_iter()
            .map(|i| &self.pools[i])
            .collect()
    }

    /// Of the pools that certainly answer any of `targets`, the one read
    /// last (php-fpm keeps the last definition of an address).
    pub fn last_pool_answering(&self, targets: &[&Endpoint]) -> Option<&php_fpm::Pool> {
        targets
            .iter()
            .flat_map(|t| self.answering(t))
            .max()
            .map(|i| &self.pools[i])
    }

    fn answering(&self, target: &Endpoint) -> Vec<usize> {
        let candidates = match target {
            Endpoint::Unix(p) => self.pool_index.unix.get(p),
            Endpoint::Tcp(_, port) => self.pool_index.by_port.get(port),
            // An upstream name, a variable or a bare name is answered by
            // no pool for certain.
            _ => None,
        };
        candidates
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                self.pools[i]
                    .endpoint
                    .as_ref()
                    .is_some_and(|e| e.answers(target) == endpoint::Answer::Yes)
            })
            .collect()
    }

    /// A PHP ini setting (`memory_limit`, `max_execution_time`) as a pool's
    /// workers get it: the pool's `php_admin_*`, else its `php_*`, else
    /// the `php.ini` its master reads. `None`: PHP's built-in default.
    pub fn php_setting<'a>(
        &'a self,
        pool: &'a php_fpm::Pool,
        name: &str,
    ) -> Option<(&'a Setting, PhpSource)> {
        for (prefix, source) in [
            ("php_admin_value", PhpSource::PoolAdmin),
            ("php_admin_flag", PhpSource::PoolAdmin),
            ("php_value", PhpSource::Pool),
            ("php_flag", PhpSource::Pool),
        ] {
            if let Some(s) = pool.get(&format!("{prefix}[{name}]")) {
                return Some((s, source));
            }
        }
        let ini = self.masters.get(pool.master)?.php_ini?;
        self.php_inis
            .iter()
            .find(|i| i.file == ini)?
            .get(name)
            .map(|s| (s, PhpSource::PhpIni))
    }

    /// Adds the backends the user declared. An address is read as a
    /// listener: `unix:/path`, `port`, `host:port`; `[::]` is taken as
    /// dual-stack, since hoplint cannot see the app's socket options.
    pub fn declare(&mut self, declared: impl IntoIterator<Item = Declared>) {
        for d in declared {
            self.external.push(External {
                endpoint: endpoint::nginx_listen(&d.listen, false),
                name: d.name,
                text: d.listen,
                keepalive_timeout: d.keepalive_timeout,
            });
        }
    }
}

/// The files each include directive pulled in, in the order the server
/// reads them, keyed by the directive's place.
pub struct Includes {
    at: HashMap<(FileId, TextRange), Vec<FileId>>,
}

impl Includes {
    fn new(project: &Project) -> Self {
        let mut at: HashMap<(FileId, TextRange), Vec<FileId>> = HashMap::new();
        for e in &project.includes {
            at.entry((e.from, e.at)).or_default().push(e.to);
        }
        Includes { at }
    }

    pub fn targets(&self, file: FileId, range: TextRange) -> &[FileId] {
        self.at
            .get(&(file, range))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Includes nested deeper than this are not followed (the loader already
/// refuses cycles; this bounds the work on pathological trees).
const MAX_SPLICE_DEPTH: usize = 128;

/// Which server a listening address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    PhpFpm,
    Nginx,
    Apache,
    /// A backend declared in `hoplint.toml` or by `--external`.
    External,
}

/// One address some scanned server listens on.
#[derive(Debug)]
pub struct Listener<'a> {
    pub server: ServerKind,
    /// The pool's name for php-fpm.
    pub name: &'a str,
    /// As written (`$pool` expanded).
    pub text: &'a str,
    pub endpoint: &'a Endpoint,
    pub span: Span,
}

/// One address a hop connects to: the `*_pass` target itself, or each
/// `server` of the upstream it names.
#[derive(Debug)]
pub struct Target<'a> {
    pub hop: &'a nginx::Hop,
    pub text: &'a str,
    pub endpoint: &'a Endpoint,
    /// Where the address is written: the `*_pass`, the upstream's
    /// `server`, or for a hop through a variable the `set` line or `map`
    /// entry holding the value.
    pub span: Span,
    /// For a hop through a variable (`fastcgi_pass $sock;`): the `set`
    /// line or `map` entry that gives the address (`span` too, unless the
    /// value names an upstream). `None` for an address written in the hop
    /// (also when only its URI holds a variable) or its upstream.
    pub via: Option<Span>,
}

/// A hop through a variable whose values hoplint cannot know.
#[derive(Debug)]
pub struct UnresolvedHop<'a> {
    pub hop: &'a nginx::Hop,
    /// The variable that could not be followed, with its `$`.
    pub variable: &'a str,
    /// Why, for an admin: "`$http_host` comes from each request".
    pub reason: &'a str,
}

impl Stack {
    pub fn listeners(&self) -> Vec<Listener<'_>> {
        let mut out = Vec::new();
        for p in &self.pools {
            if let (Some(l), Some(e)) = (&p.listen, &p.endpoint) {
                out.push(Listener {
                    server: ServerKind::PhpFpm,
                    name: &p.name,
                    text: &l.value,
                    endpoint: e,
                    span: l.span,
                });
            }
        }
        for s in &self.nginx.servers {
            for l in &s.listens {
                out.push(Listener {
                    server: ServerKind::Nginx,
                    name: "nginx",
                    text: &l.text,
                    endpoint: &l.endpoint,
                    span: l.span,
                });
            }
        }
        for l in &self.apache.listens {
            out.push(Listener {
                server: ServerKind::Apache,
                name: "httpd",
                text: &l.text,
                endpoint: &l.endpoint,
                span: l.span,
            });
        }
        for e in &self.external {
            out.push(Listener {
                server: ServerKind::External,
                name: &e.name,
                text: &e.text,
                endpoint: &e.endpoint,
                span: Span::DECLARED,
            });
        }
        out
    }

    pub fn targets<'a>(&'a self) -> Vec<Target<'a>> {
        let mut upstreams: HashMap<&str, Vec<&nginx::Upstream>> = HashMap::new();
        for u in &self.nginx.upstreams {
            upstreams.entry(u.name.as_str()).or_default().push(u);
        }
        let mut out = Vec::new();
        // A hop to an upstream reaches each of its servers.
        let mut add = |hop: &'a nginx::Hop,
                       endpoint: &'a Endpoint,
                       text: &'a str,
                       span: Span,
                       via: Option<Span>| match endpoint {
            Endpoint::Upstream(name) => {
                for u in upstreams.get(name.as_str()).into_iter().flatten() {
                    for s in &u.servers {
                        out.push(Target {
                            hop,
                            text: &s.text,
                            endpoint: &s.endpoint,
                            span: s.span,
                            via,
                        });
                    }
                }
            }
            e => out.push(Target {
                hop,
                text,
                endpoint: e,
                span,
                via,
            }),
        };
        for hop in &self.nginx.hops {
            add(hop, &hop.endpoint, &hop.target, hop.span, None);
        }
        for v in &self.variables.targets {
            let Some(hop) = self.nginx.hops.get(v.hop) else {
                continue;
            };
            add(
                hop,
                &v.endpoint,
                &v.text,
                v.span,
                (v.span != hop.span).then_some(v.span),
            );
        }
        // A snippet included in two places, or an upstream two hops use,
        // names the same address once.
        // A hop through a variable stays listed as written, next to the
        // address resolved from it on the same line.
        let mut seen = HashSet::new();
        out.retain(|t| seen.insert((t.span, matches!(t.endpoint, Endpoint::Variable(_)))));
        out
    }
}

impl Stack {
    /// The hops through a variable whose values cannot all be known: not
    /// checkable, never guessed.
    pub fn unresolved_hops(&self) -> Vec<UnresolvedHop<'_>> {
        self.variables
            .unresolved
            .iter()
            .filter_map(|u| {
                Some(UnresolvedHop {
                    hop: self.nginx.hops.get(u.hop)?,
                    variable: &u.variable,
                    reason: &u.reason,
                })
            })
            .collect()
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

/// Every port whose decimal form is one edit (a digit replaced, dropped or
/// added) from `port`'s.
fn one_digit_edits(port: u16) -> impl Iterator<Item = u16> {
    let s = port.to_string().into_bytes();
    let mut out: Vec<Vec<u8>> = Vec::new();
    for i in 0..=s.len() {
        for d in b'0'..=b'9' {
            let mut ins = s.clone();
            ins.insert(i, d);
            out.push(ins);
            if i < s.len() && s[i] != d {
                let mut sub = s.clone();
                sub[i] = d;
                out.push(sub);
            }
        }
        if i < s.len() {
            let mut del = s.clone();
            del.remove(i);
            out.push(del);
        }
    }
    // A port is written without leading zeros.
    out.into_iter()
        .filter(|v| v.first().is_some_and(|&c| c != b'0'))
        .filter_map(|v| std::str::from_utf8(&v).ok()?.parse::<u16>().ok())
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
