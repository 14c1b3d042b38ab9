//! The nginx side of the model: each entry file's tree with its includes
//! spliced in where they are included, read as nginx reads it
//! (main → http → server → location → nested location / `if`).

use super::endpoint::{self, Endpoint};
use super::{Includes, Setting, Span, MAX_SPLICE_DEPTH};
use crate::load::Project;
use crate::source::{FileId, Kind, Reach};
use crate::syntax::nginx::{Directive, Item};
use crate::syntax::Tree;

/// nginx's compiled-in default for `user` (`NGX_USER`, set by configure to
/// `nobody` unless `--user` is given; Debian's package leaves it and sets
/// `user www-data;` in nginx.conf instead).
pub const DEFAULT_USER: &str = "nobody";

#[derive(Debug, Default)]
pub struct Nginx {
    /// The main-context `user`, if set.
    pub user: Option<Setting>,
    /// The group named by that `user` directive's second argument, if any
    /// (without one, nginx uses the group named like the user).
    pub user_group: Option<String>,
    pub servers: Vec<Server>,
    pub locations: Vec<Location>,
    pub hops: Vec<Hop>,
    pub upstreams: Vec<Upstream>,
}

impl Nginx {
    pub fn user(&self) -> &str {
        self.user
            .as_ref()
            .map_or(DEFAULT_USER, |u| u.value.as_str())
    }

    pub fn upstream(&self, name: &str) -> Option<&Upstream> {
        self.upstreams.iter().find(|u| u.name == name)
    }
}

#[derive(Debug)]
pub struct Server {
    pub span: Span,
    pub listens: Vec<Listen>,
    pub names: Vec<String>,
}

#[derive(Debug)]
pub struct Listen {
    pub text: String,
    pub endpoint: Endpoint,
    pub span: Span,
}

#[derive(Debug)]
pub struct Location {
    /// The index of its `server` in `Nginx::servers` (none for a snippet
    /// read on its own).
    pub server: Option<usize>,
    /// The enclosing location, for a nested one.
    pub parent: Option<usize>,
    /// `~ \.php$`, `= /healthz`, `/`.
    pub pattern: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HopKind {
    FastCgi,
    Proxy,
    Uwsgi,
    Scgi,
    Grpc,
}

impl HopKind {
    pub fn from_directive(name: &str) -> Option<HopKind> {
        Some(match name {
            "fastcgi_pass" => HopKind::FastCgi,
            "proxy_pass" => HopKind::Proxy,
            "uwsgi_pass" => HopKind::Uwsgi,
            "scgi_pass" => HopKind::Scgi,
            "grpc_pass" => HopKind::Grpc,
            _ => return None,
        })
    }

    pub fn directive(self) -> &'static str {
        match self {
            HopKind::FastCgi => "fastcgi_pass",
            HopKind::Proxy => "proxy_pass",
            HopKind::Uwsgi => "uwsgi_pass",
            HopKind::Scgi => "scgi_pass",
            HopKind::Grpc => "grpc_pass",
        }
    }

    /// The port a target without one gets: only `proxy_pass` and
    /// `grpc_pass` URLs have a scheme that implies one.
    fn default_port(self) -> Option<u16> {
        match self {
            HopKind::Proxy | HopKind::Grpc => Some(80),
            _ => None,
        }
    }
}

/// One `*_pass`: the location it belongs to (these directives are not
/// inherited: a nested location without its own has none).
#[derive(Debug)]
pub struct Hop {
    pub kind: HopKind,
    pub location: Option<usize>,
    /// Inside `if` or `limit_except`: taken only for some requests.
    pub conditional: bool,
    pub target: String,
    pub endpoint: Endpoint,
    pub span: Span,
}

#[derive(Debug)]
pub struct Upstream {
    pub name: String,
    pub span: Span,
    pub servers: Vec<UpstreamServer>,
}

#[derive(Debug)]
pub struct UpstreamServer {
    pub text: String,
    pub endpoint: Endpoint,
    /// `backup` or `down`.
    pub spare: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    Main,
    Http,
    Server(usize),
    Location(usize),
    /// `if` or `limit_except` inside a location.
    Conditional(usize),
    Upstream(usize),
    /// `events`, `stream`, `map`, `types`, ...: nothing the model reads.
    Other,
}

struct Frame<'a> {
    file: FileId,
    items: std::slice::Iter<'a, Item>,
    scope: Scope,
    /// How many include levels deep this frame is.
    depth: usize,
}

/// Files walked from the top: every entry point, or where the scan holds
/// no nginx entry point, every file no include reached (a repo of site
/// files). Files reached only from `sites-available` are then not live.
fn roots(project: &Project) -> Vec<FileId> {
    let nginx = |r: &dyn Fn(&Reach) -> bool| -> Vec<FileId> {
        project
            .files
            .iter()
            .filter(|f| f.kind == Kind::Nginx && r(&f.reach))
            .map(|f| f.id)
            .collect()
    };
    let entries = nginx(&|r| *r == Reach::Entry);
    if entries.is_empty() {
        nginx(&|r| *r == Reach::Unreached)
    } else {
        entries
    }
}

pub fn build(project: &Project, includes: &Includes) -> Nginx {
    let mut model = Nginx::default();
    for root in roots(project) {
        walk(project, includes, root, &mut model);
    }
    // Upstream names are only known once every file is read.
    let names: Vec<String> = model.upstreams.iter().map(|u| u.name.clone()).collect();
    for hop in &mut model.hops {
        if let Endpoint::Other(name) = &hop.endpoint {
            if names.contains(name) {
                hop.endpoint = Endpoint::Upstream(name.clone());
            }
        }
    }
    model
}

fn tree(project: &Project, id: FileId) -> Option<&[Item]> {
    match project.trees.get(id.0 as usize) {
        Some(Tree::Nginx(f)) => Some(&f.items),
        _ => None,
    }
}

fn walk(project: &Project, includes: &Includes, root: FileId, model: &mut Nginx) {
    let Some(items) = tree(project, root) else {
        return;
    };
    let mut stack = vec![Frame {
        file: root,
        items: items.iter(),
        scope: Scope::Main,
        depth: 0,
    }];
    while let Some(top) = stack.last_mut() {
        let Some(item) = top.items.next() else {
            stack.pop();
            continue;
        };
        let Item::Directive(d) = item else {
            continue;
        };
        let (file, scope, depth) = (top.file, top.scope, top.depth);
        let span = Span {
            file,
            range: d.range,
        };
        if d.name.is("include") {
            if depth < MAX_SPLICE_DEPTH {
                // Pushed in reverse so the first included file is read first.
                for &to in includes.targets(file, d.range).iter().rev() {
                    if let Some(items) = tree(project, to) {
                        stack.push(Frame {
                            file: to,
                            items: items.iter(),
                            scope,
                            depth: depth + 1,
                        });
                    }
                }
            }
            continue;
        }
        match &d.block {
            Some(block) => {
                let inner = enter(model, scope, d, span);
                stack.push(Frame {
                    file,
                    items: block.items.iter(),
                    scope: inner,
                    depth,
                });
            }
            None => directive(model, scope, d, span),
        }
    }
}

/// The scope a block opens, registering servers, locations and upstreams.
fn enter(model: &mut Nginx, scope: Scope, d: &Directive, span: Span) -> Scope {
    let name = d.name.text.as_str();
    match (name, scope) {
        ("http", Scope::Main) => Scope::Http,
        // A site file read on its own starts in main: `server` there is
        // the http one (a `stream` server is inside `stream`, scope Other).
        ("server", Scope::Http | Scope::Main) => {
            model.servers.push(Server {
                span,
                listens: Vec::new(),
                names: Vec::new(),
            });
            Scope::Server(model.servers.len() - 1)
        }
        ("location", Scope::Server(_) | Scope::Location(_) | Scope::Main | Scope::Http) => {
            let (server, parent) = match scope {
                Scope::Server(s) => (Some(s), None),
                Scope::Location(l) => (model.locations[l].server, Some(l)),
                _ => (None, None),
            };
            let pattern = d
                .args
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            model.locations.push(Location {
                server,
                parent,
                pattern,
                span,
            });
            Scope::Location(model.locations.len() - 1)
        }
        ("if" | "limit_except", Scope::Location(l) | Scope::Conditional(l)) => {
            Scope::Conditional(l)
        }
        ("upstream", Scope::Http | Scope::Main) => {
            model.upstreams.push(Upstream {
                name: d.args.first().map(|a| a.text.clone()).unwrap_or_default(),
                span,
                servers: Vec::new(),
            });
            Scope::Upstream(model.upstreams.len() - 1)
        }
        _ => Scope::Other,
    }
}

fn directive(model: &mut Nginx, scope: Scope, d: &Directive, span: Span) {
    let name = d.name.text.as_str();
    let first = d.args.first().map(|a| a.text.as_str());
    match (scope, name, first) {
        (Scope::Main, "user", Some(user)) if model.user.is_none() => {
            model.user = Some(Setting {
                value: user.to_string(),
                span,
            });
            model.user_group = d.args.get(1).map(|a| a.text.clone());
        }
        (Scope::Server(s), "listen", Some(addr)) => {
            let ipv6only = !d.args.iter().any(|a| a.is("ipv6only=off"));
            model.servers[s].listens.push(Listen {
                text: addr.to_string(),
                endpoint: endpoint::nginx_listen(addr, ipv6only),
                span,
            });
        }
        (Scope::Server(s), "server_name", _) => {
            model.servers[s]
                .names
                .extend(d.args.iter().map(|a| a.text.clone()));
        }
        (Scope::Upstream(u), "server", Some(addr)) => {
            let spare = d.args.iter().any(|a| a.is("backup") || a.is("down"));
            model.upstreams[u].servers.push(UpstreamServer {
                text: addr.to_string(),
                endpoint: endpoint::nginx_target(addr, Some(80)),
                spare,
                span,
            });
        }
        (Scope::Other | Scope::Upstream(_), _, _) => {}
        (_, _, Some(target)) => {
            let Some(kind) = HopKind::from_directive(name) else {
                return;
            };
            let (location, conditional) = match scope {
                Scope::Location(l) => (Some(l), false),
                Scope::Conditional(l) => (Some(l), true),
                _ => (None, false),
            };
            model.hops.push(Hop {
                kind,
                location,
                conditional,
                target: target.to_string(),
                endpoint: endpoint::nginx_target(target, kind.default_port()),
                span,
            });
        }
        _ => {}
    }
}
