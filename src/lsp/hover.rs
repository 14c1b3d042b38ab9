//! Hover text, in Markdown: on a finding, the rule's summary and what
//! breaks at runtime; on a hop, the whole path (site → hop → backend) with
//! the time limits on each side and where each comes from; on a
//! directive, the value in effect and where it comes from (set here,
//! inherited from which block, included from which file, or the server's
//! default).

use super::navigate::{answering, things_at, Thing};
use super::publish::rule_url;
use super::workspace::Unit;
use crate::model::apache::proxy_workers::Param;
use crate::model::apache::{ApacheSetting, Proxy};
use crate::model::limits::{
    self, max_execution_time, nginx_timeout_name, request_terminate_timeout,
    APACHE_TIMEOUT_DEFAULT_S, NGINX_DEFAULT_MS,
};
use crate::model::nginx::{Dir, Hop, Nginx};
use crate::model::php_fpm::Pool;
use crate::model::{Endpoint, ListenIndex, Listener, PhpSource, ServerKind, Setting, Span, Stack};
use crate::source::{FileId, Reach};
use crate::values::httpd::timeout_ms;
use crate::values::nginx::show_ms;

/// `path:line` of a place, as the CLI shows paths.
fn at(unit: &Unit, span: Span) -> String {
    if span.file == FileId::DECLARED {
        return "hoplint.toml".to_string();
    }
    let f = unit.project.file(span.file);
    format!("`{}:{}`", f.display_path(), f.line_col(span.range.start).0)
}

/// How a reader names an nginx context: "location `~ \.php$`", "server
/// `shop.example.test`", "http".
fn context_name(nginx: &Nginx, ctx: usize) -> String {
    let Some(c) = nginx.contexts().get(ctx) else {
        return "?".into();
    };
    match c.kind.as_str() {
        "server" => {
            let names = nginx
                .servers
                .iter()
                .find(|s| s.ctx == ctx)
                .map(|s| s.names.join(" "))
                .unwrap_or_default();
            if names.is_empty() {
                "server".into()
            } else {
                format!("server `{names}`")
            }
        }
        "main" => "the main context".into(),
        kind if c.args.is_empty() => kind.to_string(),
        kind => format!("{kind} `{}`", c.args.join(" ")),
    }
}

/// "; read through `include` at `x:3`" when `span`'s file is included.
fn included_note(unit: &Unit, span: Span) -> String {
    match unit.project.file(span.file).reach {
        Reach::Included { from, at: site } => format!(
            " (this file is read through the `include` at {})",
            at(
                unit,
                Span {
                    file: from,
                    range: site
                }
            )
        ),
        _ => String::new(),
    }
}

fn nginx_limit_row(unit: &Unit, nginx: &Nginx, ctx: usize, name: &str) -> String {
    match nginx.effective(ctx, name) {
        None => format!(
            "| nginx `{name}` | {} | nginx's default (the `ngx_http_*_module` merge) |\n",
            show_ms(NGINX_DEFAULT_MS)
        ),
        Some(found) => {
            let value = found.dir.texts().collect::<Vec<_>>().join(" ");
            let whence = if found.context == ctx {
                format!("set here, {}", at(unit, found.dir.span))
            } else {
                format!(
                    "inherited from {}, {}",
                    context_name(nginx, found.context),
                    at(unit, found.dir.span)
                )
            };
            format!("| nginx `{name}` | {value} | {whence} |\n")
        }
    }
}

fn pool_rows(unit: &Unit, stack: &Stack, pool: &Pool) -> String {
    let mut out = String::new();
    let rtt = request_terminate_timeout(pool);
    out.push_str(&match rtt.set {
        Some(s) => format!(
            "| pool `request_terminate_timeout` | {} | {} |\n",
            if rtt.ms == 0 {
                "off".into()
            } else {
                show_ms(rtt.ms)
            },
            at(unit, s.span)
        ),
        None => "| pool `request_terminate_timeout` | off | php-fpm's default (0) |\n".into(),
    });
    let met = max_execution_time(stack, pool);
    let value = if met.limit.ms == 0 {
        "none".to_string()
    } else {
        show_ms(met.limit.ms)
    };
    let whence = match (met.limit.set, met.source) {
        (Some(s), Some(PhpSource::PoolAdmin)) => format!("`php_admin_value`, {}", at(unit, s.span)),
        (Some(s), Some(PhpSource::Pool)) => format!("`php_value`, {}", at(unit, s.span)),
        (Some(s), _) => format!("php.ini, {}", at(unit, s.span)),
        (None, _) if met.known => "PHP's default (php.ini does not set it)".into(),
        (None, _) => "PHP's default, unless a php.ini hoplint did not read sets it".into(),
    };
    out.push_str(&format!(
        "| PHP `max_execution_time` | {value} | {whence} |\n"
    ));
    out
}

fn listener_line(unit: &Unit, l: &Listener) -> String {
    let who = match l.server {
        ServerKind::PhpFpm => format!("php-fpm pool `{}`", l.name),
        ServerKind::Nginx => "nginx".into(),
        ServerKind::Apache => "httpd".into(),
        ServerKind::External => format!("declared backend `{}`", l.name),
    };
    format!("{who} listening on `{}` ({})", l.text, at(unit, l.span))
}

/// The backends answering `targets`: one line each, and the time limits
/// of the pools among them.
fn backends(unit: &Unit, targets: &[&Endpoint]) -> (Vec<String>, String) {
    let stack = &unit.stack;
    let listeners = stack.listeners();
    let index = ListenIndex::new(&listeners);
    let mut lines = Vec::new();
    let mut rows = String::new();
    for t in targets {
        let found = answering(&index, t);
        if found.is_empty() {
            lines.push(format!("`{t}`: no scanned listener answers"));
        }
        for l in found {
            lines.push(listener_line(unit, l));
        }
        if let Some(pool) = limits::pool_at(stack, t) {
            rows.push_str(&pool_rows(unit, stack, pool));
        }
    }
    (lines, rows)
}

fn nginx_hop(unit: &Unit, hop: &Hop) -> String {
    let stack = &unit.stack;
    let nginx = &stack.nginx;
    let mut out = format!(
        "**`{} {}`**: a hop from nginx\n\n",
        hop.kind.directive(),
        hop.target
    );
    let location = hop.location.and_then(|l| nginx.locations.get(l));
    let server = location
        .and_then(|l| l.server)
        .and_then(|s| nginx.servers.get(s));
    let mut path = Vec::new();
    if let Some(s) = server {
        let listens: Vec<&str> = s.listens.iter().map(|l| l.text.as_str()).collect();
        path.push(format!(
            "{} (listen `{}`)",
            context_name(nginx, s.ctx),
            listens.join("`, `")
        ));
    }
    if let Some(l) = location {
        path.push(format!("location `{}`", l.pattern));
    }
    path.push(format!("`{}`", hop.kind.directive()));
    // The address, each value of a variable, each server of an upstream.
    let mut ends: Vec<&Endpoint> = Vec::new();
    match &hop.endpoint {
        Endpoint::Upstream(name) => {
            path.push(format!("upstream `{name}`"));
            for u in nginx.upstreams.iter().filter(|u| &u.name == name) {
                ends.extend(u.servers.iter().map(|s| &s.endpoint));
            }
        }
        e => ends.push(e),
    }
    for v in &stack.variables.targets {
        if nginx.hops.get(v.hop).is_some_and(|h| h.span == hop.span) {
            ends.push(&v.endpoint);
        }
    }
    let (lines, pool_rows) = backends(unit, &ends);
    path.push(if lines.len() == 1 {
        lines[0].clone()
    } else {
        format!("{} backends", lines.len())
    });
    out.push_str(&path.join(" → "));
    out.push('\n');
    if lines.len() > 1 {
        out.push('\n');
        for l in &lines {
            out.push_str(&format!("- {l}\n"));
        }
    }
    out.push_str("\n| limit | value | from |\n|---|---|---|\n");
    for what in ["connect", "send", "read"] {
        let name = nginx_timeout_name(hop.kind, what);
        out.push_str(&nginx_limit_row(unit, nginx, hop.ctx, &name));
    }
    out.push_str(&pool_rows);
    out
}

/// What httpd waits for this proxy's backend, as the rules read it.
fn apache_wait(unit: &Unit, p: &Proxy) -> String {
    let apache = &unit.stack.apache;
    match apache.param(p, "timeout") {
        Param::Set {
            value,
            span,
            directive,
        } => {
            return format!(
                "| httpd `timeout=` | {value} | {directive}, {} |\n",
                at(unit, span)
            )
        }
        Param::Unknown => {
            return "| httpd `timeout=` | ? | set differently where this worker's requests may go |\n"
                .into()
        }
        Param::Unset => {}
    }
    for name in ["ProxyTimeout", "Timeout"] {
        if let Some(s) = apache.effective(p.vhost, name) {
            if let Some(ms) = s.args.first().and_then(|a| timeout_ms(a)) {
                return format!(
                    "| httpd `{name}` | {} | {} |\n",
                    show_ms(ms),
                    at(unit, s.span)
                );
            }
        }
    }
    format!(
        "| httpd `Timeout` | {}s | httpd's default (`DEFAULT_TIMEOUT`) |\n",
        APACHE_TIMEOUT_DEFAULT_S
    )
}

fn apache_proxy(unit: &Unit, p: &Proxy) -> String {
    let apache = &unit.stack.apache;
    let mut out = format!(
        "**`{} {}`**: a hop from httpd\n\n",
        p.kind.directive(),
        p.target
    );
    let mut path = Vec::new();
    match p.vhost.and_then(|v| apache.vhosts.get(v)) {
        Some(v) => path.push(match &v.server_name {
            Some(n) => format!("VirtualHost `{}` (`{}`)", v.addrs.join(" "), n.value),
            None => format!("VirtualHost `{}`", v.addrs.join(" ")),
        }),
        None => path.push("the main server".into()),
    }
    if let Some(c) = &p.context {
        path.push(format!("`<{c}>`"));
    }
    path.push(format!("`{}`", p.kind.directive()));
    let (lines, pool_rows) = backends(unit, &[&p.endpoint]);
    path.push(lines.join("; "));
    out.push_str(&path.join(" → "));
    out.push_str("\n\n| limit | value | from |\n|---|---|---|\n");
    out.push_str(&apache_wait(unit, p));
    out.push_str(&pool_rows);
    out
}

fn nginx_dir(unit: &Unit, ctx: usize, dir: &Dir) -> String {
    let nginx = &unit.stack.nginx;
    let mut out = format!(
        "**`{} {}`** in {}\n\n",
        dir.name(),
        dir.texts().collect::<Vec<_>>().join(" "),
        context_name(nginx, ctx)
    );
    match nginx.effective(ctx, dir.name()) {
        Some(found) if std::ptr::eq(found.dir, dir) => {
            out.push_str("- in effect in this block and the blocks inside it that do not set it\n");
        }
        Some(found) => out.push_str(&format!(
            "- written again in this block at {}: where the directive takes one value, the last one is in effect\n",
            at(unit, found.dir.span)
        )),
        None => {}
    }
    let parent = nginx.contexts().get(ctx).and_then(|c| c.parent);
    match parent.and_then(|p| nginx.effective(p, dir.name())) {
        Some(found) => out.push_str(&format!(
            "- overrides `{} {}` inherited from {}, {}\n",
            found.dir.name(),
            found.dir.texts().collect::<Vec<_>>().join(" "),
            context_name(nginx, found.context),
            at(unit, found.dir.span)
        )),
        None if dir.name().ends_with("_timeout") && is_hop_timeout(dir.name()) => {
            out.push_str(&format!(
                "- without it: nginx's default, {} (the `ngx_http_*_module` merge)\n",
                show_ms(NGINX_DEFAULT_MS)
            ))
        }
        None => out.push_str(
            "- no enclosing block sets it: without it, nginx's built-in default applies\n",
        ),
    }
    let block_file = nginx.contexts().get(ctx).map(|c| c.span.file);
    if block_file != Some(dir.span.file) {
        out.push_str(&format!(
            "- written in an included file{}\n",
            included_note(unit, dir.span)
        ));
    }
    out
}

fn is_hop_timeout(name: &str) -> bool {
    ["fastcgi_", "proxy_", "uwsgi_", "scgi_", "grpc_"]
        .iter()
        .any(|m| name.starts_with(m))
        && ["_read_timeout", "_send_timeout", "_connect_timeout"]
            .iter()
            .any(|w| name.ends_with(w))
}

fn pool_entry(unit: &Unit, pool: &Pool, key: &str, s: &Setting) -> String {
    let stack = &unit.stack;
    let mut out = format!("**`{key} = {}`** in pool `{}`\n\n", s.value, pool.name);
    match pool.get(key) {
        Some(last) if last.span == s.span => out.push_str("- in effect for the pool\n"),
        Some(last) => out.push_str(&format!(
            "- overridden by `{key} = {}`, {}: php-fpm keeps the last value\n",
            last.value,
            at(unit, last.span)
        )),
        None => {}
    }
    // A PHP setting: what the workers get, through every level.
    let php = key
        .split_once('[')
        .and_then(|(_, rest)| rest.strip_suffix(']'));
    if let Some(name) = php {
        if let Some((eff, source)) = stack.php_setting(pool, name) {
            let whence = match source {
                PhpSource::PoolAdmin => {
                    "`php_admin_value`/`php_admin_flag`: scripts cannot change it"
                }
                PhpSource::Pool => "`php_value`/`php_flag`: a script's `ini_set()` may change it",
                PhpSource::PhpIni => "the master's php.ini",
            };
            out.push_str(&format!(
                "- PHP's `{name}` for these workers: `{}` from {whence}, {}\n",
                eff.value,
                at(unit, eff.span)
            ));
        }
    }
    if let Some(master) = stack.masters.get(pool.master) {
        out.push_str(&format!(
            "- pool of the php-fpm started with `{}`\n",
            unit.project.file(master.file).display_path()
        ));
    }
    if s.span.file != pool.span.file {
        out.push_str(&format!(
            "- written in an included file{}\n",
            included_note(unit, s.span)
        ));
    }
    out
}

fn apache_setting(unit: &Unit, s: &ApacheSetting) -> String {
    let apache = &unit.stack.apache;
    let mut out = format!("**`{} {}`**", s.name, s.args.join(" "));
    match s.vhost.and_then(|v| apache.vhosts.get(v)) {
        Some(v) => out.push_str(&format!(" in `<VirtualHost {}>`", v.addrs.join(" "))),
        None => out.push_str(" in the main server"),
    }
    if let Some(c) = &s.context {
        out.push_str(&format!(", `<{c}>`"));
    }
    out.push_str("\n\n");
    if s.context.is_none() {
        match apache.effective(s.vhost, &s.name) {
            Some(e) if e.span == s.span => out.push_str(match s.vhost {
                Some(_) => "- in effect for this virtual host\n",
                None => {
                    "- in effect for the main server and every virtual host that does not set it\n"
                }
            }),
            Some(e) => out.push_str(&format!(
                "- overridden by `{} {}`, {}: httpd keeps the last value\n",
                e.name,
                e.args.join(" "),
                at(unit, e.span)
            )),
            None => {}
        }
        if s.vhost.is_some() {
            if let Some(main) = apache.effective(None, &s.name) {
                out.push_str(&format!(
                    "- overrides the main server's `{} {}`, {}\n",
                    main.name,
                    main.args.join(" "),
                    at(unit, main.span)
                ));
            }
        }
    }
    out
}

fn listener(unit: &Unit, l: &Listener) -> String {
    let stack = &unit.stack;
    let mut out = format!("**{}**\n\n", listener_line(unit, l));
    let mut users = Vec::new();
    for t in stack.targets() {
        if super::navigate::answering_one(l.endpoint, t.endpoint) {
            users.push(format!(
                "`{} {}`, {}",
                t.hop.kind.directive(),
                t.text,
                at(unit, t.span)
            ));
        }
    }
    for p in &stack.apache.proxies {
        if super::navigate::answering_one(l.endpoint, &p.endpoint) {
            users.push(format!(
                "`{} {}`, {}",
                p.kind.directive(),
                p.target,
                at(unit, p.span)
            ));
        }
    }
    if users.is_empty() {
        out.push_str("No scanned hop connects here.\n");
    } else {
        out.push_str(&format!("{} hop(s) connect here:\n\n", users.len()));
        for u in users.iter().take(20) {
            out.push_str(&format!("- {u}\n"));
        }
        if users.len() > 20 {
            out.push_str(&format!(
                "- … and {} more (find references lists all)\n",
                users.len() - 20
            ));
        }
    }
    out
}

fn upstream(unit: &Unit, u: &crate::model::nginx::Upstream) -> String {
    let stack = &unit.stack;
    let mut out = format!("**upstream `{}`**, {}\n\n", u.name, at(unit, u.span));
    for s in &u.servers {
        let (lines, _) = backends(unit, &[&s.endpoint]);
        out.push_str(&format!("- `server {}`: {}\n", s.text, lines.join("; ")));
    }
    let users = stack
        .nginx
        .hops
        .iter()
        .filter(|h| matches!(&h.endpoint, Endpoint::Upstream(n) if *n == u.name))
        .count();
    out.push_str(&format!("\n{users} hop(s) name it.\n"));
    out
}

/// The part of a rule's page under `## What breaks at runtime`.
pub fn what_breaks(page: &str) -> Option<&str> {
    let start = page.find("## What breaks at runtime")?;
    let body = &page[start..];
    let body = &body[body.find('\n')? + 1..];
    let end = body.find("\n## ").unwrap_or(body.len());
    Some(body[..end].trim())
}

fn finding(d: &crate::diagnostic::Diagnostic) -> String {
    let mut out = format!(
        "**{}** ({}): {}\n\n",
        d.code,
        d.severity.as_str(),
        d.rule.summary
    );
    if let Some(section) = what_breaks(d.rule.page) {
        out.push_str("#### What breaks at runtime\n\n");
        out.push_str(section);
        out.push_str("\n\n");
    }
    if let Some(url) = rule_url(d.code) {
        out.push_str(&format!("[The rule's page]({})\n", url.as_str()));
    }
    out
}

/// The hover text at `offset` of `file`, if anything is there.
pub fn hover(unit: &Unit, file: FileId, offset: u32) -> Vec<String> {
    let mut parts = Vec::new();
    for d in &unit.project.diagnostics {
        if let Some(l) = &d.primary {
            if l.file == file && l.range.start <= offset && offset <= l.range.end {
                let text = finding(d);
                if !parts.contains(&text) {
                    parts.push(text);
                }
            }
        }
    }
    let mut hop_shown = false;
    for thing in things_at(unit, file, offset) {
        let text = match thing {
            Thing::Include(files) => {
                let mut s = format!("**include**: reads {} file(s)\n\n", files.len());
                for f in files.iter().take(30) {
                    s.push_str(&format!("- `{}`\n", unit.project.file(*f).display_path()));
                }
                s
            }
            Thing::Hop(h) => {
                hop_shown = true;
                nginx_hop(unit, h)
            }
            Thing::Value(h, _) if !hop_shown => {
                hop_shown = true;
                nginx_hop(unit, h)
            }
            Thing::Proxy(p) => apache_proxy(unit, p),
            Thing::Listener(l) => listener(unit, &l),
            // The hop's own line says more than the directive alone.
            Thing::NginxDir(_, d) if hop_shown && d.name().ends_with("_pass") => continue,
            Thing::NginxDir(ctx, d) => nginx_dir(unit, ctx, d),
            Thing::PoolEntry(p, k, s) if k != "listen" => pool_entry(unit, p, k, s),
            Thing::ApacheSetting(s) if !is_proxy_line(unit, s) => apache_setting(unit, s),
            // The block itself, not a line inside it that says more.
            Thing::Upstream(u) if parts.is_empty() => upstream(unit, u),
            _ => continue,
        };
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    parts
}

fn is_proxy_line(unit: &Unit, s: &ApacheSetting) -> bool {
    unit.stack.apache.proxies.iter().any(|p| p.span == s.span)
}
