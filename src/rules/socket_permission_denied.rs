//! `socket-permission-denied`: nginx's workers cannot write to the unix
//! socket a php-fpm pool creates. Connecting to a unix socket needs write
//! permission on the socket file; without it `connect()` fails with EACCES
//! and nginx answers 502.
//!
//! The socket, as php-fpm makes it (`fpm_unix_resolve_socket_premissions`
//! and `fpm_unix_set_socket_premissions` in `sapi/fpm/fpm/fpm_unix.c`):
//! created by the master, so owned by the master's user and group unless
//! `listen.owner` / `listen.group` change them; a named `listen.owner` also
//! sets the group to that user's primary group; mode `listen.mode`, 0660 by
//! default. With `listen.acl_users` or `listen.acl_groups` set, owner and
//! group are ignored and ACL entries grant read and write instead.
//!
//! The worker, as nginx makes it (`ngx_set_user` in `src/core/nginx.c`,
//! `ngx_worker_process_init` in `src/os/unix/ngx_process_cycle.c`): the
//! `user` directive's user, its group (or the group named like the user),
//! plus every group of `/etc/group` that lists the user.

use crate::diagnostic::{Diagnostic, Severity};
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::load::host::accounts::{same, yes, Id, Tri};
use crate::model::nginx::Worker;
use crate::model::php_fpm::{set, Pool, Socket};
use crate::model::{Endpoint, Stack, Target};

pub static RULE: Rule = Rule {
    meta: meta!(
        "socket-permission-denied",
        Connectivity,
        Error,
        "nginx's worker user may not write to the pool's socket, given owner, group, mode, ACLs and `etc/group` (502)",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::ALL,
};

/// Whether the worker may write to the socket: `No` proven, `AssumedNo`
/// under the stated assumption, anything else is not reported.
fn access(w: &Worker, s: &Socket) -> (Tri, Vec<String>) {
    let mut assumed = Vec::new();
    let user = w.user.name.as_deref().unwrap_or("?");
    if s.acl_users.iter().any(|u| u == user) {
        return (Tri::Yes, assumed);
    }
    for g in &s.acl_groups {
        match w.in_group(&Id {
            name: Some(g.clone()),
            num: None,
        }) {
            Tri::No => {}
            Tri::AssumedNo => assumed.push(g.clone()),
            t => return (t, assumed),
        }
    }
    let allows = |bit: u32| yes(s.mode & bit != 0);
    let verdict = match same(&w.user, &s.owner) {
        Tri::Yes => allows(0o200),
        Tri::No => {
            let (gw, ow) = (s.mode & 0o020 != 0, s.mode & 0o002 != 0);
            match w.in_group(&s.group) {
                Tri::Yes => allows(0o020),
                Tri::No => allows(0o002),
                _ if gw == ow => yes(gw),
                Tri::AssumedNo if !ow => {
                    assumed.push(s.group.show());
                    Tri::AssumedNo
                }
                _ => Tri::Unknown,
            }
        }
        _ => Tri::Unknown,
    };
    let verdict = match verdict {
        Tri::No if !assumed.is_empty() => Tri::AssumedNo,
        v => v,
    };
    (verdict, assumed)
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let acc = &cx.host.accounts;

    let Some(w) = stack.nginx.worker(acc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for t in cx.targets {
        let Endpoint::Unix(path) = t.endpoint else {
            continue;
        };
        if !path.starts_with('/') {
            continue;
        }
        let Some(pool) = stack
            .pools_answering(t.endpoint)
            .into_iter()
            .rev()
            .find(|p| p.endpoint.as_ref() == Some(t.endpoint))
        else {
            continue;
        };
        let Some(sock) = pool.socket(acc, true) else {
            continue;
        };
        let (mut verdict, mut assumed) = access(&w, &sock);
        // php-fpm built without ACL support ignores the ACL keys: report
        // only what fails either way.
        if !sock.acl_users.is_empty() || !sock.acl_groups.is_empty() {
            let Some(plain) = pool.socket(acc, false) else {
                continue;
            };
            let (v, a) = access(&w, &plain);
            verdict = match (verdict, v) {
                (Tri::No, Tri::No) => Tri::No,
                (Tri::No | Tri::AssumedNo, Tri::No | Tri::AssumedNo) => Tri::AssumedNo,
                _ => continue,
            };
            assumed.extend(a);
            assumed.dedup();
        }
        let severity = match verdict {
            Tri::No => Severity::Error,
            Tri::AssumedNo => Severity::Warning,
            _ => continue,
        };
        out.push(report(stack, t, path, pool, &sock, &w, severity, &assumed));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn report(
    stack: &Stack,
    t: &Target,
    path: &str,
    pool: &Pool,
    sock: &Socket,
    w: &Worker,
    severity: Severity,
    assumed: &[String],
) -> Diagnostic {
    let user = stack.nginx.user();
    let groups: Vec<String> = w.primary.iter().map(Id::show).collect();
    let group = groups.join("` or `");
    let acl = !sock.acl_users.is_empty() || !sock.acl_groups.is_empty();
    let defaulted = acl || set(&pool.listen_owner).is_none() && set(&pool.listen_group).is_none();
    let owned = format!(
        "`{}:{}` with mode `{:04o}`",
        sock.owner.show(),
        sock.group.show(),
        sock.mode
    );
    let mut message = format!(
        "nginx's workers run as `{user}` (group `{group}`) and cannot write to `unix:{path}`, which php-fpm pool `{}` creates as {owned}: connect() fails with Permission denied and nginx answers 502 Bad Gateway",
        pool.name
    );
    let mut notes = Vec::new();
    if stack.nginx.user.is_none() {
        notes.push(format!(
            "no `user` directive: nginx's built-in default `{user}` applies"
        ));
    }
    if defaulted {
        notes.push("the socket's owner and group are the php-fpm master's, assumed `root` (as systemd starts it)".to_string());
    }
    for g in assumed {
        notes.push(format!(
            "assuming `{user}` is not a member of group `{g}`: the scanned tree holds no etc/group"
        ));
    }
    if !notes.is_empty() {
        message.push_str(&format!(" ({})", notes.join("; ")));
    }
    let mut d = RULE.diag(message)
        .with_severity(severity).at(
        t.span.file,
        t.span.range,
        format!("`{user}` may not write to this socket"),
    );
    if t.span != t.hop.span {
        d = d.also(t.hop.span.file, t.hop.span.range, "used by this hop");
    }
    if let Some(u) = &stack.nginx.user {
        d = d.also(
            u.span.file,
            u.span.range,
            "nginx's workers run as this user",
        );
    }
    let lines = [
        (&pool.listen_owner, "socket owner"),
        (&pool.listen_group, "socket group"),
        (&pool.listen_mode, "socket mode"),
        (&pool.listen_acl_users, "ACL users"),
        (&pool.listen_acl_groups, "ACL groups"),
    ];
    let mut any = false;
    for (s, what) in lines {
        if let Some(s) = s {
            let ignored = acl && (what == "socket owner" || what == "socket group");
            let label = if ignored {
                format!("{what} (ignored while ACLs are set)")
            } else {
                what.to_string()
            };
            d = d.also(s.span.file, s.span.range, label);
            any = true;
        }
    }
    if !any {
        if let Some(l) = &pool.listen {
            d = d.also(
                l.span.file,
                l.span.range,
                "no listen.owner, listen.group or listen.mode: the socket is the master's, mode 0660",
            );
        }
    }
    let run_as = if sock.owner.show() == "root" {
        String::new()
    } else {
        format!(
            ", or run nginx as the socket's owner (`user {};`)",
            sock.owner.show()
        )
    };
    d.help(format!(
        "nginx logs `connect() to unix:{path} failed (13: Permission denied) while connecting to upstream` and answers 502. Fix: in pool `{}` set `listen.owner = {user}` and `listen.group = {}` (or `listen.acl_users = {user}`){run_as}",
        pool.name,
        w.primary.first().map(Id::show).unwrap_or_default(),
    ))
}
