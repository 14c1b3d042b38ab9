//! `allowed-clients-excludes-front`: nginx connects to a pool over TCP
//! from an address the pool's `listen.allowed_clients` does not list. The
//! worker accepts the connection and closes it at once; nginx answers 502.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::endpoint::Host;
use crate::model::nginx::HopKind;
use crate::model::php_fpm::Pool;
use crate::model::{Endpoint, Stack, Target};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub static RULE: Rule = Rule {
    meta: meta!(
        "allowed-clients-excludes-front",
        Connectivity,
        Error,
        "a pool's `listen.allowed_clients` shuts out the address nginx connects from (502)",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

/// The addresses a connection to this loopback host comes from: Linux
/// answers a connection to 127.0.0.1 from 127.0.0.1 and one to ::1 from
/// ::1. Other 127.x addresses are left out: their source is the route's
/// choice, not the config's.
fn sources(h: &Host) -> Vec<IpAddr> {
    let v4 = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
    match h {
        Host::Ip(a) if *a == v4 || *a == v6 => vec![*a],
        Host::Localhost => vec![v4, v6],
        _ => Vec::new(),
    }
}

/// `listen.allowed_clients` as `fcgi_set_allowed_clients()` reads it:
/// split at every comma, nothing trimmed, each piece an IPv4 or IPv6
/// address for `inet_pton()` or ignored (with an error in the log).
fn allowed(value: &str) -> Vec<IpAddr> {
    value.split(',').filter_map(|s| s.parse().ok()).collect()
}

/// Whether `fcgi_is_allowed()` lets a client from `src` in. On a dual-stack
/// `[::]` socket an IPv4 client arrives as `::ffff:a.b.c.d` and is matched
/// against both the IPv4 entries and that IPv6 form; on an IPv4 socket an
/// IPv6 entry never matches.
fn lets_in(list: &[IpAddr], src: IpAddr, dual_stack: bool) -> bool {
    list.iter().any(|e| match (src, e) {
        (IpAddr::V4(s), IpAddr::V4(a)) => s == *a,
        (IpAddr::V4(s), IpAddr::V6(a)) => dual_stack && s.to_ipv6_mapped() == *a,
        (IpAddr::V6(s), IpAddr::V6(a)) => s == *a,
        (IpAddr::V6(_), IpAddr::V4(_)) => false,
    })
}

/// Addresses the admin probably meant but php-fpm cannot read: an entry
/// with spaces around it (`127.0.0.1, ::1`).
fn padded(value: &str) -> Vec<&str> {
    value
        .split(',')
        .filter(|s| s.parse::<IpAddr>().is_err() && s.trim().parse::<IpAddr>().is_ok())
        .collect()
}

/// Whether the upstream the target belongs to offers nginx another server
/// to try: with one, a refused peer is retried elsewhere, and the hop may
/// still work.
fn has_other_servers(stack: &Stack, t: &Target) -> bool {
    match &t.hop.endpoint {
        Endpoint::Upstream(name) => stack
            .nginx
            .upstream(name)
            .is_some_and(|u| u.servers.len() > 1),
        _ => false,
    }
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let mut out = Vec::new();
    for t in cx.targets {
        let Endpoint::Tcp(host, _) = t.endpoint else {
            continue;
        };
        if t.hop.kind != HopKind::FastCgi || has_other_servers(stack, t) {
            continue;
        }
        let srcs = sources(host);
        if srcs.is_empty() {
            continue;
        }
        for pool in stack.pools_answering(t.endpoint) {
            let (Some(Endpoint::Tcp(bind, _)), Some(setting)) =
                (&pool.endpoint, &pool.listen_allowed_clients)
            else {
                continue;
            };
            let list = allowed(&setting.value);
            let dual = matches!(bind, Host::AnyDual);
            // Only the sources that reach this pool's socket are judged; a
            // `localhost` target also tries the family the pool does not bind.
            let reaching: Vec<IpAddr> = srcs.iter().copied().filter(|s| binds(bind, *s)).collect();
            if reaching.is_empty() || reaching.iter().any(|s| lets_in(&list, *s, dual)) {
                continue;
            }
            out.push(report(t, pool, &reaching));
        }
    }
    out
}

fn binds(bind: &Host, src: IpAddr) -> bool {
    match bind {
        Host::Ip(a) => *a == src,
        Host::AnyV4 => src.is_ipv4(),
        Host::AnyV6 => src.is_ipv6(),
        Host::AnyDual => true,
        _ => false,
    }
}

fn report(t: &Target, pool: &Pool, srcs: &[IpAddr]) -> Diagnostic {
    let setting = pool.listen_allowed_clients.as_ref().expect("checked");
    let addr = t.text;
    let from = srcs
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let mut d = RULE.diag(format!(
            "`fastcgi_pass` connects to pool `{}` at `{addr}` from {from}, which its `listen.allowed_clients` does not let in: the worker drops the connection and nginx answers 502 Bad Gateway",
            pool.name
        ))
    .at(t.span.file, t.span.range, format!("nginx connects from {from}"));
    if t.span != t.hop.span {
        d = d.also(t.hop.span.file, t.hop.span.range, "used by this hop");
    }
    d = d.also(
        setting.span.file,
        setting.span.range,
        format!("pool `{}` lets only these addresses in", pool.name),
    );
    let first = srcs[0];
    let bad = padded(&setting.value);
    let fix = if bad.is_empty() {
        format!("add `{first}` to `listen.allowed_clients` (comma-separated, no spaces), or remove the setting")
    } else {
        let joined: Vec<&str> = setting.value.split(',').map(str::trim).collect();
        format!(
            "php-fpm splits the list at commas only and cannot read {}; write it without spaces: `{}`",
            bad.iter()
                .map(|s| format!("`'{s}'`"))
                .collect::<Vec<_>>()
                .join(", "),
            joined.join(",")
        )
    };
    d.help(format!(
        "nginx logs `recv() failed (104: Connection reset by peer) while reading response header from upstream`; with `catch_workers_output = yes` php-fpm logs `Connection disallowed: IP address '{first}' has been dropped.` Fix: {fix}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn list_is_split_at_commas_only() {
        assert_eq!(
            allowed("10.0.0.1,127.0.0.1"),
            vec![ip("10.0.0.1"), ip("127.0.0.1")]
        );
        assert_eq!(allowed("10.0.0.1, 127.0.0.1"), vec![ip("10.0.0.1")]);
        assert_eq!(allowed("10.0.0.1,,::1"), vec![ip("10.0.0.1"), ip("::1")]);
        assert!(allowed("any").is_empty());
        assert!(allowed("localhost").is_empty());
        assert_eq!(padded("10.0.0.1, 127.0.0.1"), vec![" 127.0.0.1"]);
    }

    #[test]
    fn families_match_as_fcgi_is_allowed_does() {
        let v4 = ip("127.0.0.1");
        assert!(lets_in(&[v4], v4, false));
        assert!(lets_in(&[v4], v4, true));
        assert!(!lets_in(&[ip("::ffff:127.0.0.1")], v4, false));
        assert!(lets_in(&[ip("::ffff:127.0.0.1")], v4, true));
        assert!(!lets_in(&[v4], ip("::1"), true));
        assert!(lets_in(&[ip("::1")], ip("::1"), true));
        assert!(!lets_in(&[ip("::2")], ip("::1"), true));
    }
}
