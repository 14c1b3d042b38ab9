//! Hops whose target holds a variable (`fastcgi_pass $backend;`,
//! `proxy_pass http://$up:8080;`): the values that variable can take where
//! the hop runs, read from `set` and `map`. A hop is resolved only when
//! every value is a literal; otherwise it is kept, with the reason, as one
//! hoplint cannot check. A value is never guessed.
//!
//! What runs before a hop, as nginx's rewrite module does it: the
//! server's `set`s (server rewrite phase), then those of the location
//! that matched (a nested location does not run its parent's), `if`
//! blocks in either for some requests only. A `map` gives its value when
//! the variable is read, unless a `set` wrote it first.

use super::endpoint::{self, Endpoint};
use super::nginx::{Context, Dir, HopKind, Nginx};
use super::Span;

/// `set $a $b; set $b ...;` chains are followed this deep.
const MAX_DEPTH: usize = 4;
/// A target with several variables, each with several values, yields at
/// most this many addresses; more is not checked.
const MAX_VALUES: usize = 64;

#[derive(Debug, Default)]
pub struct Variables {
    pub targets: Vec<VarTarget>,
    pub unresolved: Vec<Unresolved>,
}

/// One address a hop through a variable can connect to.
#[derive(Debug)]
pub struct VarTarget {
    /// The hop's index in `Nginx::hops`.
    pub hop: usize,
    /// The target with every variable replaced: `unix:/run/php/x.sock`.
    pub text: String,
    pub endpoint: Endpoint,
    /// The `set` line or `map` entry that holds the value.
    pub span: Span,
}

/// A hop through a variable whose values cannot all be known.
#[derive(Debug)]
pub struct Unresolved {
    pub hop: usize,
    /// The variable that stopped the resolution, with its `$`.
    pub variable: String,
    /// Why, for an admin: "`$http_host` comes from the request".
    pub reason: String,
}

/// A possible value of a variable and the line it is written on.
#[derive(Debug, Clone)]
struct Value {
    text: String,
    span: Option<Span>,
}

struct Failure {
    variable: String,
    reason: String,
}

pub fn resolve(nginx: &Nginx) -> Variables {
    let mut out = Variables::default();
    for (i, hop) in nginx.hops.iter().enumerate() {
        let Endpoint::Variable(text) = &hop.endpoint else {
            continue;
        };
        let fail = |out: &mut Variables, f: Failure| {
            out.unresolved.push(Unresolved {
                hop: i,
                variable: f.variable,
                reason: f.reason,
            })
        };
        let values = match expand(nginx, hop.ctx, address(text), 0) {
            Ok(v) => v,
            Err(f) => {
                fail(&mut out, f);
                continue;
            }
        };
        let mut found = Vec::new();
        for v in values {
            let e = endpoint::nginx_target(&v.text, default_port(hop.kind));
            if let Some(f) = runtime_name(nginx, &e, &v.text) {
                found.clear();
                fail(&mut out, f);
                break;
            }
            let e = match e {
                Endpoint::Other(name) if nginx.upstream(&name).is_some() => {
                    Endpoint::Upstream(name)
                }
                e => e,
            };
            found.push(VarTarget {
                hop: i,
                text: v.text,
                endpoint: e,
                span: v.span.unwrap_or(hop.span),
            });
        }
        out.targets.extend(found);
    }
    out
}

/// The part of a target that names the address: a variable in the URI
/// after it (`http://127.0.0.1:8000/$uri`) does not change where nginx
/// connects. Cut only at a literal `/`, so `http://host:80$1` keeps `$1`.
fn address(text: &str) -> &str {
    let Some(at) = text.find("://") else {
        return text;
    };
    let rest = &text[at + 3..];
    // `http://unix:/run/app.sock:/uri`: the socket path ends at `:`.
    let end = match rest.strip_prefix("unix:") {
        Some(path) => path.find(':').map(|i| i + 5),
        None => rest.find('/'),
    };
    end.map_or(text, |e| &text[..at + 3 + e])
}

/// The port a value without one gets (as `HopKind`'s own, which only
/// `proxy_pass` and `grpc_pass` URLs imply).
fn default_port(kind: HopKind) -> Option<u16> {
    matches!(kind, HopKind::Proxy | HopKind::Grpc).then_some(80)
}

/// A value naming a host that is no upstream: with a variable in the
/// `*_pass`, nginx parses the value without resolving it
/// (`url.no_resolve = 1` in `ngx_http_fastcgi_eval()` and its siblings),
/// so a name needs a `resolver` at request time. Not checked here.
fn runtime_name(nginx: &Nginx, e: &Endpoint, text: &str) -> Option<Failure> {
    let name = match e {
        Endpoint::Tcp(h @ (endpoint::Host::Name(_) | endpoint::Host::Localhost), _) => {
            h.to_string()
        }
        Endpoint::Other(n) if nginx.upstream(n).is_none() => n.clone(),
        _ => return None,
    };
    Some(Failure {
        variable: text.to_string(),
        reason: format!(
            "its value `{text}` names the host `{name}`, which nginx resolves only at request time through `resolver`"
        ),
    })
}

/// Every text `text` can become once its variables are replaced.
fn expand(nginx: &Nginx, ctx: usize, text: &str, depth: usize) -> Result<Vec<Value>, Failure> {
    let mut partial = vec![Value {
        text: String::new(),
        span: None,
    }];
    for piece in pieces(text) {
        let choices = match piece {
            Piece::Literal(s) => vec![Value {
                text: s.to_string(),
                span: None,
            }],
            Piece::Var(name) => values_of(nginx, ctx, name, depth)?,
        };
        if partial.len() * choices.len() > MAX_VALUES {
            return Err(Failure {
                variable: text.to_string(),
                reason: format!("`{text}` can take more than {MAX_VALUES} values"),
            });
        }
        partial = partial
            .iter()
            .flat_map(|p| {
                choices.iter().map(|c| Value {
                    text: format!("{}{}", p.text, c.text),
                    span: p.span.or(c.span),
                })
            })
            .collect();
    }
    Ok(partial)
}

enum Piece<'a> {
    Literal(&'a str),
    /// Without the `$` and braces.
    Var(&'a str),
}

/// Splits `unix:$sock` or `http://${up}:8080` as nginx's script compiler
/// does: `$` then letters, digits and `_`, or a name in braces.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        if at > 0 {
            out.push(Piece::Literal(&rest[..at]));
        }
        let after = &rest[at + 1..];
        let (name, next) = match after.strip_prefix('{') {
            Some(braced) => match braced.find('}') {
                Some(end) => (&braced[..end], &braced[end + 1..]),
                None => (braced, ""),
            },
            None => {
                let end = after.find(|c| !is_name(c)).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push(Piece::Var(name));
        rest = next;
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest));
    }
    out
}

const SET: u32 = super::nginx::name_key("set");

fn sets<'a>(c: &'a Context, var: &'a str) -> impl Iterator<Item = &'a Dir> + 'a {
    c.directives
        .iter()
        .filter(move |d| d.named("set", SET) && d.arg(0) == Some(var) && d.arg_count() == 2)
}

/// Whether `a` is read before `b` (both in one file, or the order is
/// unknown: then `true`, keeping both values possible).
fn before(a: Span, b: Span) -> bool {
    a.file != b.file || a.range.start < b.range.start
}

/// The values `$name` can hold when the hop in context `ctx` runs.
fn values_of(nginx: &Nginx, ctx: usize, name: &str, depth: usize) -> Result<Vec<Value>, Failure> {
    let var = format!("${name}");
    let fail = |reason: String| Failure {
        variable: var.clone(),
        reason,
    };
    if depth >= MAX_DEPTH {
        return Err(fail(format!(
            "`{var}` is set from other variables more than {MAX_DEPTH} levels deep"
        )));
    }
    let server = nginx.enclosing(ctx, "server");
    let location = nginx.enclosing(ctx, "location");
    let mut written: Vec<&Dir> = Vec::new();
    let mut may_be_unset = true;
    for level in [server, location].into_iter().flatten() {
        let Some(c) = nginx.contexts().get(level) else {
            continue;
        };
        let ifs: Vec<&Dir> = nginx
            .ifs_in(level)
            .iter()
            .flat_map(|&i| sets(&nginx.contexts()[i], &var))
            .collect();
        match sets(c, &var).last() {
            // An unconditional `set` overwrites what came before it; only
            // the `if`s read after it can change the value again.
            Some(last) => {
                written = vec![last];
                written.extend(ifs.into_iter().filter(|d| before(last.span, d.span)));
                may_be_unset = false;
            }
            None => written.extend(ifs),
        }
    }
    let mut raw: Vec<(&str, Span)> = written
        .iter()
        .map(|d| (d.args()[1].text.as_str(), d.span))
        .collect();
    if may_be_unset {
        if let Some(map) = map_of(nginx, ctx, &var) {
            let entries: Vec<&Dir> = map
                .directives
                .iter()
                .filter(|d| {
                    d.arg_count() == 1 && !matches!(d.name().as_str(), "hostnames" | "volatile")
                })
                .collect();
            raw.extend(entries.iter().map(|d| (d.args()[0].text.as_str(), d.span)));
        }
    }
    if raw.is_empty() {
        return Err(fail(origin(nginx, name, &var)));
    }
    let mut out = Vec::new();
    for (text, span) in raw {
        for v in expand(nginx, ctx, text, depth + 1)? {
            out.push(Value {
                text: v.text,
                span: Some(v.span.unwrap_or(span)),
            });
        }
    }
    Ok(out)
}

/// The `map` block that defines `var` for the hop's `http` context.
fn map_of<'a>(nginx: &'a Nginx, ctx: usize, var: &str) -> Option<&'a Context> {
    let top = nginx
        .http_of(ctx)
        .or_else(|| nginx.enclosing(ctx, "main"))?;
    nginx.map_in(top, var).map(|c| &nginx.contexts()[c])
}

/// Why a variable with no `set` or `map` value cannot be known.
fn origin(nginx: &Nginx, name: &str, var: &str) -> String {
    let runtime = [
        "http_",
        "arg_",
        "cookie_",
        "sent_http_",
        "upstream_",
        "ssl_",
    ];
    let defined_by = nginx
        .set_by_block(var)
        .map(|c| nginx.contexts()[c].kind.clone());
    if let Some(kind) = defined_by {
        format!("`{var}` is set by `{kind}` from each request")
    } else if runtime.iter().any(|p| name.starts_with(p))
        || name.bytes().all(|b| b.is_ascii_digit())
        || matches!(
            name,
            "host"
                | "uri"
                | "request_uri"
                | "document_uri"
                | "scheme"
                | "remote_addr"
                | "server_name"
                | "server_addr"
                | "server_port"
                | "args"
                | "query_string"
                | "request_filename"
                | "document_root"
                | "fastcgi_script_name"
        )
    {
        format!("`{var}` comes from each request")
    } else {
        format!("no `set` or `map` gives `{var}` a value where this hop runs")
    }
}
