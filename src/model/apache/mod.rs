//! The Apache httpd side of the model: `Listen`, virtual hosts, the
//! proxies to backends (`SetHandler "proxy:…"`, `ProxyPass`,
//! `ProxyPassMatch`, `<Proxy balancer://…>` members) and `LoadModule`
//! lines, with includes spliced in where they are included.

pub mod proxy_workers;

use super::endpoint::{self, Endpoint};
use super::{Includes, Setting, Span, MAX_SPLICE_DEPTH};
use crate::load::Project;
use crate::source::{FileId, Kind, Reach};
use crate::syntax::apache::{Directive, Item, Section};
use crate::syntax::Tree;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use proxy_workers::{worker_url, WorkerName, WorkerParams};
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct Apache {
    pub listens: Vec<Listen>,
    pub vhosts: Vec<VirtualHost>,
    pub proxies: Vec<Proxy>,
    pub balancers: Vec<Balancer>,
    pub modules: Vec<Module>,
    /// The entry points named as httpd's main config (`apache2.conf`,
    /// `httpd.conf`): only below one of them is the set of loaded modules
    /// known.
    pub main_configs: Vec<FileId>,
    /// Every directive, in the order httpd reads them, for the rules that
    /// compare values (`Timeout`, `ProxyTimeout`, `KeepAliveTimeout`,
    /// `MaxRequestWorkers`); see [`Apache::effective`].
    pub settings: Vec<ApacheSetting>,
    /// Every `ProxyPassReverse` line.
    pub reverses: Vec<Reverse>,
    /// Worker parameters given by the worker's name; see [`Apache::param`].
    pub worker_params: Vec<WorkerParams>,
    /// Positions in `worker_params` by vhost (`None`: the main server), so
    /// that a hop reads only its own vhost's and the main server's.
    pub worker_params_of: HashMap<Option<usize>, Vec<usize>>,
    /// The last server-wide setting (outside `<Location>` and the like) of
    /// each name, lowercased, by vhost: what [`Apache::effective`] returns,
    /// found once here rather than by a scan of every setting per question
    /// (a rule asks for each of 10,000 proxies).
    pub effective_index: HashMap<(Option<usize>, String), usize>,
    /// Every `SetHandler` while the model is built, with the proxy it made
    /// (if any): the later of two in the same sections replaces the other.
    handlers: Vec<(HandlerScope, Option<usize>)>,
}

/// Where a `SetHandler` applies: the same server, vhost, chain of
/// sections and `<IfModule>` conditions.
#[derive(Debug, PartialEq, Eq, Hash)]
struct HandlerScope {
    root: FileId,
    vhost: Option<usize>,
    scope: u64,
    if_modules: Vec<IfModule>,
}

/// One `ProxyPassReverse [path] url`: where it applies and the backend
/// URL prefix it rewrites in `Location` headers.
#[derive(Debug)]
pub struct Reverse {
    pub vhost: Option<usize>,
    /// As [`Proxy::context`]: `Location /app` for the one-argument form.
    pub context: Option<String>,
    pub url: String,
    pub span: Span,
}

#[derive(Debug)]
pub struct ApacheSetting {
    /// As written; httpd compares directive names case-insensitively.
    pub name: String,
    pub args: Vec<String>,
    pub vhost: Option<usize>,
    /// The innermost enclosing section that is not a condition
    /// (`Location /app`), `None` directly in the server or a vhost.
    pub context: Option<String>,
    pub span: Span,
}

impl Apache {
    /// The directive `name` in effect for a virtual host (`None`: the main
    /// server): the vhost's own, else the main server's, the last written
    /// winning as in httpd's merge. Directives inside `<Location>`,
    /// `<Directory>` and the like are not server-wide and are skipped.
    pub fn effective(&self, vhost: Option<usize>, name: &str) -> Option<&ApacheSetting> {
        let key = name.to_ascii_lowercase();
        let mut key = (vhost, key);
        let found = match vhost {
            Some(_) => self.effective_index.get(&key),
            None => None,
        };
        let found = found.or_else(|| {
            key.0 = None;
            self.effective_index.get(&key)
        });
        found.map(|&i| &self.settings[i])
    }

    /// Which server's settings govern a connection to `target` before its
    /// request names a host (`KeepAliveTimeout`: "the value of the first
    /// defined virtual host best matching the local IP and port will be
    /// used"): a vhost naming that IP, else one on any address, the first
    /// defined winning; with none, the main server.
    pub fn vhost_for_connection(&self, target: &Endpoint) -> ConnectionServer {
        let Endpoint::Tcp(host, port) = target else {
            return ConnectionServer::Unknown;
        };
        let mut exact = None;
        let mut wildcard = None;
        for (i, v) in self.vhosts.iter().enumerate() {
            for addr in &v.addrs {
                match vhost_addr_matches(addr, host, *port) {
                    AddrMatch::Exact => {
                        exact.get_or_insert(i);
                    }
                    AddrMatch::Wildcard => {
                        wildcard.get_or_insert(i);
                    }
                    AddrMatch::No => {}
                    // A name httpd resolves at start: the match is unknown.
                    AddrMatch::Unknown => return ConnectionServer::Unknown,
                }
            }
        }
        match exact.or(wildcard) {
            Some(i) => ConnectionServer::Vhost(i),
            None => ConnectionServer::Main,
        }
    }
}

/// The server whose settings apply to a new connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionServer {
    Main,
    Vhost(usize),
    Unknown,
}

enum AddrMatch {
    Exact,
    Wildcard,
    No,
    Unknown,
}

/// How a `<VirtualHost>` address (`*:80`, `127.0.0.1:8080`, `[::1]:80`,
/// `_default_:443`, `*`) matches a connection to `host:port`. Without a
/// port, or with `*`, it matches every port.
fn vhost_addr_matches(addr: &str, host: &endpoint::Host, port: u16) -> AddrMatch {
    let (h, p) = match addr.rsplit_once(':') {
        Some((h, p)) if p == "*" || p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
        _ => (addr, None),
    };
    if let Some(p) = p.filter(|p| *p != "*") {
        if p.parse::<u16>().ok() != Some(port) {
            return AddrMatch::No;
        }
    }
    let h = h.trim_start_matches('[').trim_end_matches(']');
    if h == "*" || h == "_default_" {
        return AddrMatch::Wildcard;
    }
    match (h.parse::<std::net::IpAddr>(), host) {
        (Ok(ip), endpoint::Host::Ip(target)) if ip == *target => AddrMatch::Exact,
        (Ok(_), endpoint::Host::Ip(_)) => AddrMatch::No,
        (Ok(ip), endpoint::Host::Localhost) if !ip.is_loopback() => AddrMatch::No,
        // `localhost` may reach this IP or not; a name in either is
        // resolved by the servers at start.
        _ => AddrMatch::Unknown,
    }
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
    /// The file the server started reading from to reach this line.
    pub root: FileId,
    /// The enclosing `<IfModule>` conditions, outermost first.
    pub if_modules: Vec<IfModule>,
    /// How many of `Apache::modules` were loaded before this line.
    pub loaded_before: usize,
}

/// One `<IfModule [!]name>`: `name` as [`module_key`] gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IfModule {
    pub negated: bool,
    pub module: String,
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
    pub root: FileId,
}

/// The one name of a module, whether written as its identifier
/// (`proxy_fcgi_module`, in `LoadModule` and `<IfModule>`) or its source
/// file (`mod_proxy_fcgi.c`, in `<IfModule>`): `proxy_fcgi`.
pub fn module_key(name: &str) -> String {
    let n = name.trim();
    let n = n
        .strip_suffix(".c")
        .map_or(n, |f| f.strip_prefix("mod_").unwrap_or(f));
    n.strip_suffix("_module").unwrap_or(n).to_string()
}

#[derive(Clone)]
struct Ctx {
    vhost: Option<usize>,
    context: Option<String>,
    /// Inside `<Proxy URL>` / `<ProxyMatch>`: the worker it names, `None`
    /// for `<Proxy *>` and balancers. What a `ProxySet` there sets.
    proxy_section: Option<Rc<Option<WorkerName>>>,
    root: FileId,
    /// Shared, so that 10,000 nested sections do not copy 10,000 guards each.
    guards: Option<Rc<Guard>>,
    /// Names the chain of sections this line is in (`<Directory /a>` then
    /// `<FilesMatch \.php$>`), conditions excluded: a hash, so that deep
    /// nesting costs the same per section.
    scope: u64,
}

/// One `<IfModule>` and the ones around it.
struct Guard {
    cond: IfModule,
    outer: Option<Rc<Guard>>,
}

impl Ctx {
    fn if_modules(&self) -> Vec<IfModule> {
        let mut out = Vec::new();
        let mut g = self.guards.as_deref();
        while let Some(guard) = g {
            out.push(guard.cond.clone());
            g = guard.outer.as_deref();
        }
        out.reverse();
        out
    }
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
            proxy_section: None,
            root,
            guards: None,
            scope: 0,
        };
        let main = project.files.get(root.0 as usize).is_some_and(|f| {
            f.reach == Reach::Entry
                && f.path
                    .file_name()
                    .is_some_and(|n| n == "apache2.conf" || n == "httpd.conf")
        });
        if main {
            model.main_configs.push(root);
        }
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
    drop_replaced_handlers(&mut model);
    for (i, w) in model.worker_params.iter().enumerate() {
        model.worker_params_of.entry(w.vhost).or_default().push(i);
    }
    for (i, s) in model.settings.iter().enumerate() {
        if s.context.is_none() {
            // Later ones replace earlier ones: the last written wins.
            model
                .effective_index
                .insert((s.vhost, s.name.to_ascii_lowercase()), i);
        }
    }
    model
}

/// httpd merges equal sections in the order it reads them, and a later
/// `SetHandler` in the same sections replaces an earlier one (Remi's
/// `php82-php.conf` after Fedora's `php.conf`, both `<FilesMatch
/// \.(php|phar)$>`): the earlier proxy never receives a request.
fn drop_replaced_handlers(model: &mut Apache) {
    let mut last: HashMap<&HandlerScope, Option<usize>> = HashMap::new();
    for (key, at) in &model.handlers {
        last.insert(key, *at);
    }
    let mut replaced = vec![false; model.proxies.len()];
    for (key, at) in &model.handlers {
        if let Some(i) = at {
            replaced[*i] = last[key] != Some(*i);
        }
    }
    let mut i = 0;
    model.proxies.retain(|_| {
        i += 1;
        !replaced[i - 1]
    });
    model.handlers = Vec::new();
}

fn section(model: &mut Apache, ctx: &Ctx, s: &Section, span: Span) -> Ctx {
    if CONDITIONS.iter().any(|c| s.is(c)) {
        let mut inner = ctx.clone();
        if let (true, Some(arg)) = (s.is("IfModule"), s.args.first()) {
            let text = arg.text.as_str();
            let negated = text.starts_with('!');
            inner.guards = Some(Rc::new(Guard {
                cond: IfModule {
                    negated,
                    module: module_key(text.trim_start_matches('!')),
                },
                outer: ctx.guards.clone(),
            }));
        }
        return inner;
    }
    let args: Vec<&str> = s.args.iter().map(|a| a.text.as_str()).collect();
    let context = format!("{} {}", s.name.text, args.join(" "));
    let scope = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (ctx.scope, s.name.text.to_ascii_lowercase(), &args).hash(&mut h);
        h.finish()
    };
    let mut inner = Ctx {
        vhost: ctx.vhost,
        context: Some(context),
        proxy_section: None,
        root: ctx.root,
        guards: ctx.guards.clone(),
        scope,
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
        let worker = section_worker(s.is("ProxyMatch"), &args);
        // `<Proxy URL key=value>` defines the worker with them.
        let params = params(s.args.get(1..).unwrap_or(&[]));
        if let (Some(worker), false) = (&worker, params.is_empty()) {
            model.worker_params.push(WorkerParams {
                worker: worker.clone(),
                vhost: ctx.vhost,
                directive: "<Proxy>",
                params,
                span,
            });
        }
        inner.proxy_section = Some(Rc::new(worker));
    }
    inner
}

/// The worker a `<Proxy>` or `<ProxyMatch>` section names, if it names
/// one (not `*`, not a balancer).
fn section_worker(pattern: bool, args: &[&str]) -> Option<WorkerName> {
    let url = args.first()?;
    if url.is_empty() || *url == "*" || url.starts_with("balancer://") {
        return None;
    }
    Some(if pattern {
        WorkerName::Pattern
    } else {
        WorkerName::Url(worker_url(url))
    })
}

fn params(args: &[crate::syntax::Word]) -> Vec<(String, String)> {
    args.iter()
        .filter_map(|a| a.text.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn directive(model: &mut Apache, ctx: &Ctx, d: &Directive, span: Span) {
    model.settings.push(ApacheSetting {
        name: d.name.text.to_string(),
        args: d.args.iter().map(|a| a.text.to_string()).collect(),
        vhost: ctx.vhost,
        context: ctx.context.clone(),
        span,
    });
    let arg = |i: usize| d.args.get(i).map(|a| a.text.as_str());
    let loaded_before = model.modules.len();
    let mut proxy = |kind: ProxyKind, target: &str, rest: usize| {
        model.proxies.push(Proxy {
            kind,
            vhost: ctx.vhost,
            context: ctx.context.clone(),
            target: target.to_string(),
            endpoint: endpoint::apache_target(target),
            params: params(d.args.get(rest..).unwrap_or(&[])),
            span,
            root: ctx.root,
            if_modules: ctx.if_modules(),
            loaded_before,
        });
    };
    if d.is("SetHandler") {
        let key = HandlerScope {
            root: ctx.root,
            vhost: ctx.vhost,
            scope: ctx.scope,
            if_modules: ctx.if_modules(),
        };
        let at = match arg(0).and_then(|v| v.strip_prefix("proxy:")) {
            Some(url) => {
                proxy(ProxyKind::SetHandler, url, 1);
                Some(model.proxies.len() - 1)
            }
            None => None,
        };
        model.handlers.push((key, at));
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
    } else if d.is("ProxySet") {
        // Inside `<Proxy URL>` every argument is a parameter of that
        // worker; elsewhere the first names it.
        let (worker, rest) = match &ctx.proxy_section {
            Some(w) => (w.as_ref().clone(), 0),
            None => (arg(0).and_then(|u| section_worker(false, &[u])), 1),
        };
        if let Some(worker) = worker {
            model.worker_params.push(WorkerParams {
                worker,
                vhost: ctx.vhost,
                directive: "ProxySet",
                params: params(d.args.get(rest..).unwrap_or(&[])),
                span,
            });
        }
    } else if d.is("ProxyPassReverse") {
        let in_location = ctx
            .context
            .as_deref()
            .is_some_and(|c| c.starts_with("Location"));
        // Inside <Location> the path is implied: `ProxyPassReverse url`.
        if let Some(url) = arg(usize::from(!in_location)) {
            model.reverses.push(Reverse {
                vhost: ctx.vhost,
                context: ctx.context.clone(),
                url: url.to_string(),
                span,
            });
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
                root: ctx.root,
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

/// Modules Debian 12 compiles into httpd (`apache2 -l`): present without
/// a `LoadModule`. Only used to read `<IfModule>` guards.
const BUILT_IN: &[&str] = &[
    "core",
    "so",
    "watchdog",
    "http",
    "log_config",
    "logio",
    "version",
    "unixd",
];

/// Which modules each main config loads, where known: below an
/// `apache2.conf`/`httpd.conf` read as an entry point that loads at least
/// one module. (One that loads none belongs to an httpd with its modules
/// compiled in, or is not the whole config.)
pub struct LoadedModules<'a> {
    apache: &'a Apache,
    /// Where each module is first loaded, per main config.
    first: HashMap<(FileId, String), usize>,
    known: HashSet<FileId>,
}

impl<'a> LoadedModules<'a> {
    pub fn new(apache: &'a Apache) -> Self {
        let mut first = HashMap::new();
        let mut known = HashSet::new();
        for (i, m) in apache.modules.iter().enumerate() {
            if apache.main_configs.contains(&m.root) {
                first.entry((m.root, module_key(&m.name))).or_insert(i);
                known.insert(m.root);
            }
        }
        LoadedModules {
            apache,
            first,
            known,
        }
    }

    /// Whether the modules loaded below `root` are known.
    pub fn known(&self, root: FileId) -> bool {
        self.known.contains(&root)
    }

    /// The `LoadModule` line that loads `key` (a [`module_key`]) below `root`.
    pub fn loader(&self, root: FileId, key: &str) -> Option<&'a Module> {
        let i = *self.first.get(&(root, key.to_string()))?;
        self.apache.modules.get(i)
    }

    /// Whether httpd reads the proxy's line at all: every enclosing
    /// `<IfModule>` holds for the modules loaded before it (httpd decides
    /// while reading). `true` where the modules are not known.
    pub fn reads(&self, p: &Proxy) -> bool {
        if !self.known(p.root) {
            return true;
        }
        p.if_modules.iter().all(|g| {
            let loaded = BUILT_IN.contains(&g.module.as_str())
                || self
                    .first
                    .get(&(p.root, g.module.clone()))
                    .is_some_and(|&i| i < p.loaded_before);
            loaded != g.negated
        })
    }
}
