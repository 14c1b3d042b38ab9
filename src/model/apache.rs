//! The Apache httpd side of the model: `Listen`, virtual hosts, the
//! proxies to backends (`SetHandler "proxy:…"`, `ProxyPass`,
//! `ProxyPassMatch`, `<Proxy balancer://…>` members) and `LoadModule`
//! lines, with includes spliced in where they are included.

use super::endpoint::{self, Endpoint};
use super::{Includes, Setting, Span, MAX_SPLICE_DEPTH};
use crate::load::Project;
use crate::source::{FileId, Kind, Reach};
use crate::syntax::apache::{Directive, Item, Section};
use crate::syntax::Tree;

#[derive(Debug, Default)]
pub struct Apache {
    pub listens: Vec<Listen>,
    pub vhosts: Vec<VirtualHost>,
    pub proxies: Vec<Proxy>,
    pub balancers: Vec<Balancer>,
    pub modules: Vec<Module>,
}

#[derive(Debug)]
pub struct Listen {
    pub text: String,
    pub endpoint: Endpoint,
    pub span: Span,
}

#[derive(Debug)]
pub struct VirtualHost {
    pub addrs: Vec<String>,
    pub server_name: Option<Setting>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyKind {
    SetHandler,
    ProxyPass,
    ProxyPassMatch,
    BalancerMember,
}

#[derive(Debug)]
pub struct Proxy {
    pub kind: ProxyKind,
    pub vhost: Option<usize>,
    /// The innermost enclosing section that is not a condition:
    /// `FilesMatch \.php$`, `Location /app`, `Proxy balancer://app`.
    pub context: Option<String>,
    /// The URL as written (`SetHandler` values without `proxy:`).
    pub target: String,
    pub endpoint: Endpoint,
    /// `key=value` parameters after the URL.
    pub params: Vec<(String, String)>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Balancer {
    pub name: String,
    pub span: Span,
}

#[derive(Debug)]
pub struct Module {
    pub name: String,
    pub path: String,
    pub span: Span,
}

#[derive(Clone)]
struct Ctx {
    vhost: Option<usize>,
    context: Option<String>,
}

/// Sections that only decide whether their contents are read.
const CONDITIONS: &[&str] = &[
    "IfModule",
    "IfDefine",
    "IfVersion",
    "IfFile",
    "IfDirective",
    "IfSection",
];

fn roots(project: &Project) -> Vec<FileId> {
    let pick = |want: &Reach| -> Vec<FileId> {
        project
            .files
            .iter()
            .filter(|f| f.kind == Kind::Apache && f.reach == *want)
            .map(|f| f.id)
            .collect()
    };
    let entries = pick(&Reach::Entry);
    if entries.is_empty() {
        pick(&Reach::Unreached)
    } else {
        entries
    }
}

fn items(project: &Project, id: FileId) -> Option<&[Item]> {
    match project.trees.get(id.0 as usize) {
        Some(Tree::Apache(f)) => Some(&f.items),
        _ => None,
    }
}

pub fn build(project: &Project, includes: &Includes) -> Apache {
    let mut model = Apache::default();
    for root in roots(project) {
        let Some(first) = items(project, root) else {
            continue;
        };
        let top = Ctx {
            vhost: None,
            context: None,
        };
        let mut stack = vec![(root, first.iter(), top, 0usize)];
        while let Some((file, iter, ctx, depth)) = stack.last_mut() {
            let (file, ctx, depth) = (*file, ctx.clone(), *depth);
            let Some(item) = iter.next() else {
                stack.pop();
                continue;
            };
            match item {
                Item::Directive(d)
                    if (d.is("Include") || d.is("IncludeOptional")) && depth < MAX_SPLICE_DEPTH =>
                {
                    for &to in includes.targets(file, d.range).iter().rev() {
                        if let Some(inner) = items(project, to) {
                            stack.push((to, inner.iter(), ctx.clone(), depth + 1));
                        }
                    }
                }
                Item::Directive(d) => directive(
                    &mut model,
                    &ctx,
                    d,
                    Span {
                        file,
                        range: d.range,
                    },
                ),
                Item::Section(s) if s.raw_body.is_none() => {
                    let inner = section(
                        &mut model,
                        &ctx,
                        s,
                        Span {
                            file,
                            range: s.open,
                        },
                    );
                    stack.push((file, s.items.iter(), inner, depth));
                }
                _ => {}
            }
        }
    }
    model
}

fn section(model: &mut Apache, ctx: &Ctx, s: &Section, span: Span) -> Ctx {
    if CONDITIONS.iter().any(|c| s.is(c)) {
        return ctx.clone();
    }
    let args: Vec<&str> = s.args.iter().map(|a| a.text.as_str()).collect();
    let mut inner = Ctx {
        vhost: ctx.vhost,
        context: Some(format!("{} {}", s.name.text, args.join(" "))),
    };
    if s.is("VirtualHost") {
        model.vhosts.push(VirtualHost {
            addrs: args.iter().map(|a| a.to_string()).collect(),
            server_name: None,
            span,
        });
        inner.vhost = Some(model.vhosts.len() - 1);
        inner.context = None;
    } else if s.is("Proxy") || s.is("ProxyMatch") {
        if let Some(name) = args.first().and_then(|a| a.strip_prefix("balancer://")) {
            model.balancers.push(Balancer {
                name: name.trim_end_matches('/').to_string(),
                span,
            });
        }
    }
    inner
}

fn params(args: &[crate::syntax::Word]) -> Vec<(String, String)> {
    args.iter()
        .filter_map(|a| a.text.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn directive(model: &mut Apache, ctx: &Ctx, d: &Directive, span: Span) {
    let arg = |i: usize| d.args.get(i).map(|a| a.text.as_str());
    let mut proxy = |kind: ProxyKind, target: &str, rest: usize| {
        model.proxies.push(Proxy {
            kind,
            vhost: ctx.vhost,
            context: ctx.context.clone(),
            target: target.to_string(),
            endpoint: endpoint::apache_target(target),
            params: params(d.args.get(rest..).unwrap_or(&[])),
            span,
        });
    };
    if d.is("SetHandler") {
        if let Some(url) = arg(0).and_then(|v| v.strip_prefix("proxy:")) {
            proxy(ProxyKind::SetHandler, url, 1);
        }
    } else if d.is("ProxyPass") || d.is("ProxyPassMatch") {
        let kind = if d.is("ProxyPass") {
            ProxyKind::ProxyPass
        } else {
            ProxyKind::ProxyPassMatch
        };
        // Inside <Location> the path is implied: `ProxyPass url [k=v]`.
        let url_at = if ctx
            .context
            .as_deref()
            .is_some_and(|c| c.starts_with("Location"))
        {
            0
        } else {
            1
        };
        if let Some(url) = arg(url_at).filter(|u| *u != "!") {
            proxy(kind, url, url_at + 1);
        }
    } else if d.is("BalancerMember") {
        // Outside <Proxy> the balancer's URL comes first.
        let url_at = usize::from(arg(0).is_some_and(|a| a.starts_with("balancer://")));
        if let Some(url) = arg(url_at) {
            proxy(ProxyKind::BalancerMember, url, url_at + 1);
        }
    } else if d.is("Listen") {
        if let Some(addr) = arg(0) {
            model.listens.push(Listen {
                text: addr.to_string(),
                // httpd binds `Listen 80` on [::] for IPv4 and IPv6 where it can.
                endpoint: apache_listen(addr),
                span,
            });
        }
    } else if d.is("ServerName") {
        if let (Some(v), Some(name)) = (ctx.vhost, arg(0)) {
            model.vhosts[v].server_name = Some(Setting {
                value: name.to_string(),
                span,
            });
        }
    } else if d.is("LoadModule") {
        if let (Some(name), Some(path)) = (arg(0), arg(1)) {
            model.modules.push(Module {
                name: name.to_string(),
                path: path.to_string(),
                span,
            });
        }
    }
}

fn apache_listen(addr: &str) -> Endpoint {
    if addr.bytes().all(|b| b.is_ascii_digit()) {
        return endpoint::fpm_listen(addr);
    }
    endpoint::nginx_listen(addr, false)
}

impl ProxyKind {
    pub fn directive(self) -> &'static str {
        match self {
            ProxyKind::SetHandler => "SetHandler",
            ProxyKind::ProxyPass => "ProxyPass",
            ProxyKind::ProxyPassMatch => "ProxyPassMatch",
            ProxyKind::BalancerMember => "BalancerMember",
        }
    }
}

impl Proxy {
    /// The protocol spoken to the backend, lowercased: `fcgi` for
    /// `unix:/path|fcgi://localhost/` as for `fcgi://127.0.0.1:9000/`.
    pub fn scheme(&self) -> Option<String> {
        let url = match self.target.split_once('|') {
            Some((sock, url)) if sock.starts_with("unix:") => url,
            _ => &self.target,
        };
        url.split_once("://")
            .map(|(s, _)| s.to_ascii_lowercase())
            .filter(|s| !s.is_empty())
    }
}
