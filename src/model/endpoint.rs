//! Targets and listening addresses, normalised so that they compare the
//! way the kernel decides whether a `connect()` reaches a `listen()`.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// A unix socket path.
    Unix(String),
    Tcp(Host, u16),
    /// The name of an nginx `upstream` block or an Apache `balancer://`.
    Upstream(String),
    /// Holds a variable (`$backend`): its value is only known at runtime.
    Variable(String),
    /// A host name without a port, or anything else that cannot be checked.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Host {
    Ip(IpAddr),
    /// `0.0.0.0`: every IPv4 address.
    AnyV4,
    /// `[::]` with `IPV6_V6ONLY` (nginx's default): every IPv6 address only.
    AnyV6,
    /// `[::]` without `IPV6_V6ONLY`: every IPv4 and IPv6 address.
    AnyDual,
    /// `localhost`: 127.0.0.1 and ::1 (which one a listener binds depends
    /// on the resolver).
    Localhost,
    Name(String),
}

/// Whether a listener accepts connections made to a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// Cannot be told from the configs (a host name, a relative path).
    Maybe,
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Ip(IpAddr::V4(a)) => write!(f, "{a}"),
            Host::Ip(IpAddr::V6(a)) => write!(f, "[{a}]"),
            Host::AnyV4 => f.write_str("0.0.0.0"),
            Host::AnyV6 => f.write_str("[::] (IPv6 only)"),
            Host::AnyDual => f.write_str("[::] (IPv4 and IPv6)"),
            Host::Localhost => f.write_str("localhost"),
            Host::Name(n) => f.write_str(n),
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Unix(p) => write!(f, "unix:{p}"),
            Endpoint::Tcp(h, p) => write!(f, "tcp {h}:{p}"),
            Endpoint::Upstream(n) => write!(f, "upstream {n}"),
            Endpoint::Variable(v) => write!(f, "variable {v}"),
            Endpoint::Other(o) => write!(f, "unchecked {o}"),
        }
    }
}

fn parse_port(s: &str) -> Option<u16> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|p| *p != 0)
}

/// `host` as written before a port: an address, `[v6]`, `*`, `localhost`
/// or a name. `v6only` says what a bare `[::]` means for this server.
fn parse_host(host: &str, v6only: bool) -> Host {
    if host.is_empty() || host == "*" {
        return Host::AnyV4;
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return match inner.parse::<Ipv6Addr>() {
            Ok(a) if a.is_unspecified() && v6only => Host::AnyV6,
            Ok(a) if a.is_unspecified() => Host::AnyDual,
            Ok(a) => Host::Ip(IpAddr::V6(a)),
            Err(_) => Host::Name(host.to_string()),
        };
    }
    if host.eq_ignore_ascii_case("localhost") {
        return Host::Localhost;
    }
    match host.parse::<Ipv4Addr>() {
        Ok(a) if a.is_unspecified() => Host::AnyV4,
        Ok(a) => Host::Ip(IpAddr::V4(a)),
        Err(_) => Host::Name(host.to_ascii_lowercase()),
    }
}

/// Splits `host:port` at the last `:` outside brackets.
fn split_host_port(s: &str) -> (&str, Option<&str>) {
    match s.rfind(':') {
        Some(i) if !s[i..].contains(']') && (!s.starts_with('[') || s[..i].ends_with(']')) => {
            (&s[..i], Some(&s[i + 1..]))
        }
        _ => (s, None),
    }
}

/// Collapses `//` and a trailing `/`, as the kernel resolves a path.
fn clean_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    if out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// The target of an nginx `*_pass` (or an `upstream` `server`), as the
/// module parses it: an optional scheme, `unix:/path`, `host[:port]`, and
/// for `proxy_pass` a URI after the address. `default_port` is what the
/// scheme implies (`None` where nginx needs an explicit port or an upstream).
pub fn nginx_target(text: &str, default_port: Option<u16>) -> Endpoint {
    if text.contains('$') {
        return Endpoint::Variable(text.to_string());
    }
    let (rest, scheme_port) = match text.split_once("://") {
        Some((scheme, rest)) => {
            let port = match scheme.to_ascii_lowercase().as_str() {
                "https" | "grpcs" => Some(443),
                "http" | "grpc" => Some(80),
                _ => default_port,
            };
            (rest, port)
        }
        None => (text, default_port),
    };
    if let Some(path) = rest.strip_prefix("unix:") {
        // proxy_pass http://unix:/tmp/app.sock:/uri; the socket path ends at `:`.
        let path = path.split(':').next().unwrap_or(path);
        return Endpoint::Unix(clean_path(path));
    }
    let authority = rest.split('/').next().unwrap_or(rest);
    let (host, port) = split_host_port(authority);
    match port {
        Some(p) => match parse_port(p) {
            Some(port) => Endpoint::Tcp(parse_host(host, true), port),
            None => Endpoint::Other(text.to_string()),
        },
        // Without a port the name is an upstream if one is defined; the
        // model decides that, as it knows the upstreams.
        None => match (parse_host(host, true), scheme_port) {
            (Host::Name(n), _) => Endpoint::Other(n),
            (h, Some(port)) => Endpoint::Tcp(h, port),
            (_, None) => Endpoint::Other(text.to_string()),
        },
    }
}

/// An nginx `listen` address: `unix:/path`, `port`, `addr`, `addr:port`,
/// `[v6]:port`, `*:port`. `[::]` is IPv6 only unless `ipv6only=off`.
pub fn nginx_listen(text: &str, ipv6only: bool) -> Endpoint {
    if let Some(path) = text.strip_prefix("unix:") {
        return Endpoint::Unix(clean_path(path));
    }
    if let Some(port) = parse_port(text) {
        return Endpoint::Tcp(Host::AnyV4, port);
    }
    let (host, port) = split_host_port(text);
    let port = match port {
        Some(p) => match parse_port(p) {
            Some(p) => p,
            None => return Endpoint::Other(text.to_string()),
        },
        None => 80,
    };
    Endpoint::Tcp(parse_host(host, ipv6only), port)
}

/// A php-fpm `listen` value, as `fpm_sockets.c` reads it: an address with
/// a `:` or only digits is TCP, anything else a unix socket path. A bare
/// port binds `[::]` without `IPV6_V6ONLY` (php-fpm 8.2 on Linux answers on
/// every IPv4 and IPv6 address), and so does `[::]:port`.
pub fn fpm_listen(text: &str) -> Endpoint {
    if !text.contains(':') && !text.bytes().all(|b| b.is_ascii_digit()) {
        return Endpoint::Unix(clean_path(text));
    }
    if let Some(port) = parse_port(text) {
        return Endpoint::Tcp(Host::AnyDual, port);
    }
    let (host, port) = split_host_port(text);
    match port.and_then(parse_port) {
        Some(port) if !host.is_empty() && host != "*" => {
            Endpoint::Tcp(parse_host(host, false), port)
        }
        _ => Endpoint::Other(text.to_string()),
    }
}

/// An Apache proxy URL: `unix:/path|fcgi://localhost/`, `fcgi://host:port/…`,
/// `http://host/…`, `balancer://name/`. A `SetHandler` value has `proxy:` in
/// front, which the caller strips.
pub fn apache_target(text: &str) -> Endpoint {
    if text.contains('$') && !text.contains('|') {
        // ProxyPassMatch substitutes `$1` into the path only, after the host.
        let head = text.split("://").nth(1).and_then(|r| r.split('/').next());
        if head.is_none_or(|h| h.contains('$')) {
            return Endpoint::Variable(text.to_string());
        }
    }
    if let Some(rest) = text.strip_prefix("unix:") {
        let path = rest.split('|').next().unwrap_or(rest);
        return Endpoint::Unix(clean_path(path));
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Endpoint::Other(text.to_string());
    };
    let authority = rest.split('/').next().unwrap_or(rest);
    let scheme = scheme.to_ascii_lowercase();
    if scheme == "balancer" {
        return Endpoint::Upstream(authority.to_string());
    }
    let default_port = match scheme.as_str() {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        "fcgi" => Some(8000),
        "ajp" => Some(8009),
        "scgi" => Some(4000),
        "uwsgi" => Some(3031),
        _ => None,
    };
    let (host, port) = split_host_port(authority);
    let port = match port {
        Some(p) => parse_port(p),
        None => default_port,
    };
    match port {
        Some(port) => Endpoint::Tcp(parse_host(host, false), port),
        None => Endpoint::Other(text.to_string()),
    }
}

impl Host {
    /// The addresses a client connecting to this host tries; `None` for a
    /// name the configs cannot resolve.
    fn connect_addrs(&self) -> Option<Vec<IpAddr>> {
        Some(match self {
            Host::Ip(a) => vec![*a],
            // Linux connects a client aimed at the wildcard to loopback.
            Host::AnyV4 => vec![IpAddr::V4(Ipv4Addr::LOCALHOST)],
            Host::AnyV6 | Host::AnyDual => vec![IpAddr::V6(Ipv6Addr::LOCALHOST)],
            Host::Localhost => vec![
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ],
            Host::Name(_) => return None,
        })
    }

    fn binds(&self, a: IpAddr) -> Answer {
        let yes = |b: bool| if b { Answer::Yes } else { Answer::No };
        match self {
            Host::Ip(l) => yes(*l == a),
            Host::AnyV4 => yes(a.is_ipv4()),
            Host::AnyV6 => yes(a.is_ipv6()),
            Host::AnyDual => Answer::Yes,
            Host::Localhost if a.is_loopback() => Answer::Maybe,
            Host::Localhost => Answer::No,
            Host::Name(_) => Answer::Maybe,
        }
    }

    pub fn is_loopback(&self) -> bool {
        match self {
            Host::Ip(a) => a.is_loopback(),
            Host::Localhost => true,
            _ => false,
        }
    }
}

impl Endpoint {
    /// Whether a server listening here accepts a connection to `target`.
    pub fn answers(&self, target: &Endpoint) -> Answer {
        match (self, target) {
            (Endpoint::Unix(l), Endpoint::Unix(t)) => {
                if !l.starts_with('/') || !t.starts_with('/') {
                    Answer::Maybe
                } else if l == t {
                    Answer::Yes
                } else {
                    Answer::No
                }
            }
            (Endpoint::Tcp(lh, lp), Endpoint::Tcp(th, tp)) => {
                if lp != tp {
                    return Answer::No;
                }
                let Some(addrs) = th.connect_addrs() else {
                    return Answer::Maybe;
                };
                // A client tries every address of a name until one connects.
                let all: Vec<Answer> = addrs.into_iter().map(|a| lh.binds(a)).collect();
                if all.contains(&Answer::Yes) {
                    Answer::Yes
                } else if all.contains(&Answer::Maybe) {
                    Answer::Maybe
                } else {
                    Answer::No
                }
            }
            (Endpoint::Unix(_), Endpoint::Tcp(..)) | (Endpoint::Tcp(..), Endpoint::Unix(_)) => {
                Answer::No
            }
            _ => Answer::Maybe,
        }
    }

    /// A TCP target on a loopback address: one hoplint can check, because
    /// only servers on this machine answer there.
    pub fn is_loopback_tcp(&self) -> bool {
        matches!(self, Endpoint::Tcp(h, _) if h.is_loopback())
    }
}

/// The other name of a path under `/run`: every systemd distribution
/// makes `/var/run` a symlink to `/run`, so a pool listening on
/// `/run/php/x.sock` answers `/var/run/php/x.sock` too.
pub fn run_alias(path: &str) -> Option<String> {
    if let Some(rest) = path.strip_prefix("/var/run/") {
        Some(format!("/run/{rest}"))
    } else {
        path.strip_prefix("/run/")
            .map(|rest| format!("/var/run/{rest}"))
    }
}

/// Whether `b` is [`run_alias`] of `a`, without making the other name
/// (asked for every pool lookup).
pub fn is_run_alias(a: &str, b: &str) -> bool {
    if let Some(rest) = a.strip_prefix("/var/run/") {
        b.strip_prefix("/run/") == Some(rest)
    } else if let Some(rest) = a.strip_prefix("/run/") {
        b.strip_prefix("/var/run/") == Some(rest)
    } else {
        false
    }
}

/// Levenshtein distance, for "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> Host {
        Host::Ip(s.parse().unwrap())
    }

    #[test]
    fn nginx_targets() {
        assert_eq!(
            nginx_target("unix:/run/php/php8.2-fpm.sock", None),
            Endpoint::Unix("/run/php/php8.2-fpm.sock".into())
        );
        assert_eq!(
            nginx_target("http://unix:/tmp/app.sock:/api/", Some(80)),
            Endpoint::Unix("/tmp/app.sock".into())
        );
        assert_eq!(
            nginx_target("127.0.0.1:9000", None),
            Endpoint::Tcp(v4("127.0.0.1"), 9000)
        );
        assert_eq!(
            nginx_target("http://127.0.0.1/app/", Some(80)),
            Endpoint::Tcp(v4("127.0.0.1"), 80)
        );
        assert_eq!(
            nginx_target("https://localhost:8443", Some(80)),
            Endpoint::Tcp(Host::Localhost, 8443)
        );
        assert_eq!(
            nginx_target("grpc://[::1]:50051", None),
            Endpoint::Tcp(Host::Ip("::1".parse().unwrap()), 50051)
        );
        assert_eq!(
            nginx_target("php_backend", None),
            Endpoint::Other("php_backend".into())
        );
        assert_eq!(
            nginx_target("http://$backend", Some(80)),
            Endpoint::Variable("http://$backend".into())
        );
        assert_eq!(
            nginx_target("unix:/run//php/x.sock", None),
            Endpoint::Unix("/run/php/x.sock".into())
        );
    }

    #[test]
    fn nginx_listens() {
        assert_eq!(nginx_listen("80", true), Endpoint::Tcp(Host::AnyV4, 80));
        assert_eq!(
            nginx_listen("*:8080", true),
            Endpoint::Tcp(Host::AnyV4, 8080)
        );
        assert_eq!(
            nginx_listen("[::]:80", true),
            Endpoint::Tcp(Host::AnyV6, 80)
        );
        assert_eq!(
            nginx_listen("[::]:80", false),
            Endpoint::Tcp(Host::AnyDual, 80)
        );
        assert_eq!(
            nginx_listen("127.0.0.1", true),
            Endpoint::Tcp(v4("127.0.0.1"), 80)
        );
        assert_eq!(
            nginx_listen("unix:/run/nginx.sock", true),
            Endpoint::Unix("/run/nginx.sock".into())
        );
    }

    #[test]
    fn fpm_listens_follow_fpm_sockets_c() {
        assert_eq!(fpm_listen("9000"), Endpoint::Tcp(Host::AnyDual, 9000));
        assert_eq!(
            fpm_listen("127.0.0.1:9000"),
            Endpoint::Tcp(v4("127.0.0.1"), 9000)
        );
        assert_eq!(fpm_listen("[::]:9000"), Endpoint::Tcp(Host::AnyDual, 9000));
        assert_eq!(fpm_listen("0.0.0.0:9000"), Endpoint::Tcp(Host::AnyV4, 9000));
        assert_eq!(
            fpm_listen("localhost:9000"),
            Endpoint::Tcp(Host::Localhost, 9000)
        );
        // No `:` and not only digits: a (relative) unix socket path.
        assert_eq!(fpm_listen("localhost"), Endpoint::Unix("localhost".into()));
        assert_eq!(
            fpm_listen("/run/php/php8.2-fpm.sock"),
            Endpoint::Unix("/run/php/php8.2-fpm.sock".into())
        );
        assert_eq!(fpm_listen("0"), Endpoint::Other("0".into()));
    }

    #[test]
    fn apache_targets() {
        assert_eq!(
            apache_target("unix:/run/php/php8.2-fpm.sock|fcgi://localhost/"),
            Endpoint::Unix("/run/php/php8.2-fpm.sock".into())
        );
        assert_eq!(
            apache_target("fcgi://127.0.0.1:9000/var/www/$1"),
            Endpoint::Tcp(v4("127.0.0.1"), 9000)
        );
        assert_eq!(
            apache_target("balancer://app/"),
            Endpoint::Upstream("app".into())
        );
        assert_eq!(
            apache_target("http://[::1]/"),
            Endpoint::Tcp(Host::Ip("::1".parse().unwrap()), 80)
        );
    }

    #[test]
    fn matching_follows_the_kernel() {
        let t = |s: &str| nginx_target(s, None);
        let any6 = fpm_listen("[::]:9000");
        assert_eq!(any6.answers(&t("127.0.0.1:9000")), Answer::Yes);
        assert_eq!(any6.answers(&t("[::1]:9000")), Answer::Yes);
        let lo4 = fpm_listen("127.0.0.1:9000");
        assert_eq!(lo4.answers(&t("[::1]:9000")), Answer::No);
        assert_eq!(lo4.answers(&t("127.0.0.1:9001")), Answer::No);
        assert_eq!(lo4.answers(&t("localhost:9000")), Answer::Yes);
        let port_only = fpm_listen("9000");
        assert_eq!(port_only.answers(&t("[::1]:9000")), Answer::Yes);
        assert_eq!(port_only.answers(&t("127.0.0.1:9000")), Answer::Yes);
        // nginx `listen [::]:80` is IPv6 only.
        let ngx6 = nginx_listen("[::]:80", true);
        assert_eq!(ngx6.answers(&t("127.0.0.1:80")), Answer::No);
        assert_eq!(ngx6.answers(&t("[::1]:80")), Answer::Yes);
        let ngx4 = nginx_listen("80", true);
        assert_eq!(ngx4.answers(&t("[::1]:80")), Answer::No);
        assert_eq!(ngx4.answers(&t("127.0.0.2:80")), Answer::Yes);
        // A listener on `localhost` binds whichever address the resolver gives first.
        let lh = fpm_listen("localhost:9000");
        assert_eq!(lh.answers(&t("127.0.0.1:9000")), Answer::Maybe);
        assert_eq!(lh.answers(&t("10.0.0.1:9000")), Answer::No);
        let sock = fpm_listen("/run/php/a.sock");
        assert_eq!(sock.answers(&t("unix:/run/php/a.sock")), Answer::Yes);
        assert_eq!(sock.answers(&t("unix:/run/php/b.sock")), Answer::No);
        assert_eq!(sock.answers(&t("127.0.0.1:9000")), Answer::No);
        assert_eq!(
            fpm_listen("a.sock").answers(&t("unix:/x/a.sock")),
            Answer::Maybe
        );
        assert_eq!(lo4.answers(&t("php.example:9000")), Answer::Maybe);
    }

    #[test]
    fn loopback_targets() {
        assert!(nginx_target("127.0.0.1:9000", None).is_loopback_tcp());
        assert!(nginx_target("localhost:9000", None).is_loopback_tcp());
        assert!(nginx_target("[::1]:9000", None).is_loopback_tcp());
        assert!(!nginx_target("10.0.0.5:9000", None).is_loopback_tcp());
        assert!(!nginx_target("php:9000", None).is_loopback_tcp());
    }

    #[test]
    fn is_run_alias_is_run_alias_compared() {
        let paths = [
            "/run/php/a.sock",
            "/var/run/php/a.sock",
            "/run/php/b.sock",
            "/var/run/",
            "/run/",
            "/srv/run/a.sock",
            "/var/run/php/a.sock.old",
            "",
        ];
        for a in paths {
            for b in paths {
                assert_eq!(
                    is_run_alias(a, b),
                    run_alias(a).as_deref() == Some(b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn run_aliases() {
        assert_eq!(
            run_alias("/var/run/php/a.sock").as_deref(),
            Some("/run/php/a.sock")
        );
        assert_eq!(
            run_alias("/run/php/a.sock").as_deref(),
            Some("/var/run/php/a.sock")
        );
        assert_eq!(run_alias("/srv/run/a.sock"), None);
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("9000", "9001"), 1);
        assert_eq!(
            edit_distance("/run/php/php7.4-fpm.sock", "/run/php/php8.2-fpm.sock"),
            2
        );
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
