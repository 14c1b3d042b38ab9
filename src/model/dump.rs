//! A compact outline of the model, one node per line with `file:line`, for
//! snapshots and for reading what hoplint understood of a tree.

use super::{Span, Stack};
use crate::load::Project;
use std::fmt::Write;

fn at(project: &Project, span: Span) -> String {
    let f = project.file(span.file);
    format!("{}:{}", f.display_path(), f.line_col(span.range.start).0)
}

pub fn dump(project: &Project, stack: &Stack) -> String {
    let mut out = String::new();
    let ngx = &stack.nginx;
    match &ngx.user {
        Some(u) => writeln!(out, "nginx user {} ({})", u.value, at(project, u.span)),
        None => writeln!(out, "nginx user {} (default)", ngx.user()),
    }
    .ok();
    let location_tree = |out: &mut String, server: Option<usize>| {
        for (i, _) in ngx
            .locations
            .iter()
            .enumerate()
            .filter(|(_, l)| l.server == server)
        {
            let depth = std::iter::successors(Some(i), |&l| ngx.locations[l].parent).count();
            let pad = "  ".repeat(depth);
            let l = &ngx.locations[i];
            writeln!(out, "{pad}location {} ({})", l.pattern, at(project, l.span)).ok();
            for h in ngx.hops.iter().filter(|h| h.location == Some(i)) {
                let cond = if h.conditional { " [conditional]" } else { "" };
                writeln!(
                    out,
                    "{pad}  {} {} -> {}{cond} ({})",
                    h.kind.directive(),
                    h.target,
                    h.endpoint,
                    at(project, h.span)
                )
                .ok();
            }
        }
    };
    for (i, s) in ngx.servers.iter().enumerate() {
        writeln!(
            out,
            "server [{}] ({})",
            s.names.join(" "),
            at(project, s.span)
        )
        .ok();
        for l in &s.listens {
            writeln!(
                out,
                "  listen {} -> {} ({})",
                l.text,
                l.endpoint,
                at(project, l.span)
            )
            .ok();
        }
        location_tree(&mut out, Some(i));
    }
    location_tree(&mut out, None);
    for h in ngx.hops.iter().filter(|h| h.location.is_none()) {
        writeln!(
            out,
            "{} {} -> {} ({})",
            h.kind.directive(),
            h.target,
            h.endpoint,
            at(project, h.span)
        )
        .ok();
    }
    for u in &ngx.upstreams {
        writeln!(out, "upstream {} ({})", u.name, at(project, u.span)).ok();
        for s in &u.servers {
            let spare = if s.spare { " [spare]" } else { "" };
            writeln!(
                out,
                "  server {} -> {}{spare} ({})",
                s.text,
                s.endpoint,
                at(project, s.span)
            )
            .ok();
        }
    }
    for p in &stack.pools {
        writeln!(out, "pool {} ({})", p.name, at(project, p.span)).ok();
        let settings = [
            ("listen", &p.listen),
            ("listen.owner", &p.listen_owner),
            ("listen.group", &p.listen_group),
            ("listen.mode", &p.listen_mode),
            ("listen.acl_users", &p.listen_acl_users),
            ("listen.acl_groups", &p.listen_acl_groups),
            ("listen.allowed_clients", &p.listen_allowed_clients),
            ("listen.backlog", &p.listen_backlog),
            ("user", &p.user),
            ("group", &p.group),
        ];
        for (key, s) in settings {
            let Some(s) = s else { continue };
            let ep = match (key, &p.endpoint) {
                ("listen", Some(e)) => format!(" -> {e}"),
                _ => String::new(),
            };
            writeln!(out, "  {key} {}{ep} ({})", s.value, at(project, s.span)).ok();
        }
    }
    let ap = &stack.apache;
    for l in &ap.listens {
        writeln!(
            out,
            "apache listen {} -> {} ({})",
            l.text,
            l.endpoint,
            at(project, l.span)
        )
        .ok();
    }
    for m in &ap.modules {
        writeln!(
            out,
            "apache module {} {} ({})",
            m.name,
            m.path,
            at(project, m.span)
        )
        .ok();
    }
    for b in &ap.balancers {
        writeln!(out, "apache balancer {} ({})", b.name, at(project, b.span)).ok();
    }
    let proxies = |out: &mut String, vhost: Option<usize>, pad: &str| {
        for p in ap.proxies.iter().filter(|p| p.vhost == vhost) {
            let ctx = p
                .context
                .as_deref()
                .map(|c| format!(" in <{c}>"))
                .unwrap_or_default();
            let params: Vec<String> = p.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let params = if params.is_empty() {
                String::new()
            } else {
                format!(" [{}]", params.join(" "))
            };
            writeln!(
                out,
                "{pad}{:?} {}{ctx} -> {}{params} ({})",
                p.kind,
                p.target,
                p.endpoint,
                at(project, p.span)
            )
            .ok();
        }
    };
    proxies(&mut out, None, "apache ");
    for (i, v) in ap.vhosts.iter().enumerate() {
        let name = v
            .server_name
            .as_ref()
            .map(|s| s.value.as_str())
            .unwrap_or("-");
        writeln!(
            out,
            "apache vhost {} {name} ({})",
            v.addrs.join(" "),
            at(project, v.span)
        )
        .ok();
        proxies(&mut out, Some(i), "  ");
    }
    out
}
