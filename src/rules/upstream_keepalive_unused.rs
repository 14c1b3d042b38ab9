//! `upstream-keepalive-unused`: an `upstream` keeps idle connections
//! (`keepalive N`), but a hop to it sends HTTP/1.0, `Connection: close`, or
//! FastCGI without `fastcgi_keep_conn on`: every request still opens a
//! new connection, silently. Since nginx 1.29.7 every upstream keeps
//! connections and `proxy_pass` reuses them by default; only a written
//! `keepalive N` is judged, on any release, since only that says the admin
//! counts on reuse.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::buffers::{keepalive_gaps, KeepaliveGaps};
use crate::model::nginx::{Dir, Hop, HopKind, Nginx};
use crate::model::versions::NginxRelease;
use crate::model::Endpoint;

pub static RULE: Rule = Rule {
    meta: meta!(
        "upstream-keepalive-unused",
        Keepalive,
        Warning,
        "upstream `keepalive` the hop never uses (HTTP/1.0, `Connection: close`, no `fastcgi_keep_conn`)",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::NGINX,
};

/// The `keepalive` directive of the upstream a hop names, if it has one
/// that keeps connections (`keepalive 0` turns the cache off).
pub fn keepalive_of<'a>(nginx: &'a Nginx, hop: &Hop) -> Option<&'a Dir> {
    let Endpoint::Upstream(name) = &hop.endpoint else {
        return None;
    };
    let u = nginx.upstream(name)?;
    nginx.contexts()[u.ctx]
        .directives
        .iter()
        .rev()
        .find(|d| d.name() == "keepalive")
        .filter(|d| d.arg(0) != Some("0"))
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let nginx = &stack.nginx;
    let mut out = Vec::new();
    for hop in &nginx.hops {
        let Some(keepalive) = keepalive_of(nginx, hop) else {
            continue;
        };
        let Some(gaps) = keepalive_gaps(nginx, hop.ctx, hop.kind, &stack.nginx_release) else {
            continue;
        };
        if gaps.is_empty()
            || (nginx.http_of(hop.ctx).is_none() && rests_on_defaults(nginx, hop, &gaps))
        {
            continue;
        }
        out.push(report(hop, keepalive, &gaps, &stack.nginx_release));
    }
    out
}

/// Whether a gap is only nginx's default, which the `http` level of an
/// nginx.conf that was not scanned may have changed.
fn rests_on_defaults(nginx: &Nginx, hop: &Hop, gaps: &KeepaliveGaps) -> bool {
    matches!(gaps.http_version, Some(None))
        || matches!(gaps.keep_conn, Some(None))
        || (matches!(gaps.connection, Some(None))
            && nginx.effective_all(hop.ctx, "proxy_set_header").is_empty())
}

fn report(hop: &Hop, keepalive: &Dir, gaps: &KeepaliveGaps, release: &NginxRelease) -> Diagnostic {
    let until = release.until_changed();
    let mut why = Vec::new();
    let mut fix = Vec::new();
    let mut written: Vec<(&Dir, &str)> = Vec::new();
    if let Some(d) = gaps.http_version {
        why.push(match d {
            Some(d) => format!(
                "`proxy_http_version {}` is in effect",
                d.arg(0).unwrap_or("")
            ),
            None => format!("it speaks HTTP/1.0 (nginx's default `proxy_http_version`{until})"),
        });
        fix.push("`proxy_http_version 1.1;`");
        if let Some(d) = d {
            written.push((d, "keepalive needs 1.1"));
        }
    }
    if let Some(d) = gaps.connection {
        why.push(match d {
            Some(d) => {
                let v = d.arg(1).unwrap_or("");
                let map = if v.contains('$') {
                    ", which its `map` never sets to empty"
                } else {
                    ""
                };
                format!("it sends `Connection: {v}`{map}")
            }
            None => format!(
                "it sends `Connection: close` (nginx's default for proxied requests{until})"
            ),
        });
        fix.push("`proxy_set_header Connection \"\";`");
        if let Some(d) = d {
            written.push((d, "this header closes each connection"));
        }
    }
    if let Some(d) = gaps.keep_conn {
        why.push(match d {
            Some(_) => "`fastcgi_keep_conn off` is in effect".to_string(),
            None => "`fastcgi_keep_conn` is off (nginx's default), so php-fpm closes the connection after each request".to_string(),
        });
        fix.push("`fastcgi_keep_conn on;`");
        if let Some(d) = d {
            written.push((d, "keepalive needs `on`"));
        }
    }
    let pass = hop.kind.directive();
    let mut d = RULE.diag(format!(
            "the upstream keeps idle connections (`keepalive {}`), but this `{pass}` never reuses them: {}. Every request opens a new connection: nothing fails and nothing is logged, but each request pays a TCP handshake (and a TLS one for https) and leaves a socket in TIME_WAIT on the backend",
            keepalive.arg(0).unwrap_or(""),
            why.join(", and ")
        ))
    .at(hop.span.file, hop.span.range, "this hop opens a new connection per request")
    .also(keepalive.span.file, keepalive.span.range, "idle connections kept for reuse");
    for (w, label) in written {
        d = d.also(w.span.file, w.span.range, label);
    }
    let kind_note = if hop.kind == HopKind::FastCgi {
        ""
    } else {
        " (`proxy_set_header` is inherited only by levels that set none: repeat the inherited headers next to it)"
    };
    d.help(format!(
        "add {} where the `{pass}` is{kind_note}",
        fix.join(" and ")
    ))
}
