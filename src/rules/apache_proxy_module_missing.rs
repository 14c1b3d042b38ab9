//! `apache-proxy-module-missing`: a proxy to a backend whose module no
//! `LoadModule` loads. Without mod_proxy, `ProxyPass` is an unknown
//! command and httpd does not start; without the protocol's module,
//! `ProxyPass` answers 500 and `SetHandler "proxy:…"` is ignored, so the
//! file itself is sent (PHP source included).

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::model::apache::{module_key, Proxy, ProxyKind};
use crate::model::{Span, Stack};
use crate::source::FileId;
use std::collections::{HashMap, HashSet};

pub const CODE: &str = "apache-proxy-module-missing";

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

/// The module a proxy needs and lacks.
enum Missing {
    /// mod_proxy itself, for a directive it defines: httpd refuses the config.
    ProxyDirective,
    /// mod_proxy or the protocol's module, for `SetHandler`: ignored.
    ForHandler(&'static str),
    /// The protocol's module, for `ProxyPass`/`ProxyPassMatch`: 500.
    Scheme(&'static str, String),
}

fn scheme_module(scheme: &str) -> Option<&'static str> {
    match scheme {
        "fcgi" => Some("proxy_fcgi"),
        "http" => Some("proxy_http"),
        _ => None,
    }
}

fn missing(p: &Proxy, loaded: &HashSet<String>) -> Option<Missing> {
    let has = |m: &str| loaded.contains(m);
    let scheme = p.scheme();
    let needed = scheme.as_deref().and_then(scheme_module);
    match p.kind {
        ProxyKind::SetHandler if !has("proxy") => Some(Missing::ForHandler("proxy")),
        ProxyKind::SetHandler => needed.filter(|m| !has(m)).map(Missing::ForHandler),
        _ if !has("proxy") => Some(Missing::ProxyDirective),
        // A balancer member's failures show through the balancer (mod_proxy_balancer).
        ProxyKind::BalancerMember => None,
        _ => needed
            .filter(|m| !has(m))
            .map(|m| Missing::Scheme(m, scheme.unwrap_or_default())),
    }
}

pub fn check(stack: &Stack) -> Vec<Diagnostic> {
    let apache = &stack.apache;
    let mains: HashSet<FileId> = apache.main_configs.iter().copied().collect();
    let mut loaded: HashMap<FileId, HashSet<String>> = HashMap::new();
    // Where each module is first loaded, to read `<IfModule>` as httpd
    // does: at the point it is read.
    let mut first: HashMap<(FileId, String), usize> = HashMap::new();
    for (i, m) in apache.modules.iter().enumerate() {
        let key = module_key(&m.name);
        loaded.entry(m.root).or_default().insert(key.clone());
        first.entry((m.root, key)).or_insert(i);
    }
    let mut seen: HashSet<Span> = HashSet::new();
    let mut out = Vec::new();
    for p in &apache.proxies {
        // A main config that loads no module at all belongs to an httpd
        // built with its modules compiled in, or is not the whole config.
        let Some(set) = loaded.get(&p.root).filter(|_| mains.contains(&p.root)) else {
            continue;
        };
        if !guards_hold(&first, p) || !seen.insert(p.span) {
            continue;
        }
        let Some(m) = missing(p, set) else {
            continue;
        };
        let mut d = report(p, &m);
        let proxy_line = first
            .get(&(p.root, "proxy".to_string()))
            .map(|&i| &apache.modules[i]);
        if let (Some(l), Missing::ForHandler(need) | Missing::Scheme(need, _)) = (proxy_line, &m) {
            d = d.also(
                l.span.file,
                l.span.range,
                format!("mod_proxy is loaded here, but not mod_{need}"),
            );
        }
        out.push(d);
    }
    out
}

/// Whether httpd reads the line at all: every enclosing `<IfModule>` holds
/// for the modules loaded before it (httpd decides while reading).
fn guards_hold(first: &HashMap<(FileId, String), usize>, p: &Proxy) -> bool {
    p.if_modules.iter().all(|g| {
        let loaded = BUILT_IN.contains(&g.module.as_str())
            || first
                .get(&(p.root, g.module.clone()))
                .is_some_and(|&i| i < p.loaded_before);
        loaded != g.negated
    })
}

fn report(p: &Proxy, m: &Missing) -> Diagnostic {
    let directive = p.kind.directive();
    let load = |module: &str| {
        format!("LoadModule {module}_module modules/mod_{module}.so` (Debian: `a2enmod {module}`")
    };
    let (message, label, help) = match m {
        Missing::ProxyDirective => (
            format!("`{directive}` is a mod_proxy directive, and no `LoadModule` loads mod_proxy: httpd refuses the config and does not start"),
            "httpd does not know this directive without mod_proxy".to_string(),
            format!(
                "`apache2 -t` says `AH00526: Syntax error on line … : Invalid command '{directive}', perhaps misspelled or defined by a module not included in the server configuration`. Fix: add `{})",
                load("proxy")
            ),
        ),
        Missing::ForHandler(module) => (
            format!("`SetHandler \"proxy:…\"` needs mod_{module}, which no `LoadModule` loads: Apache ignores the handler and sends the file itself (a PHP script's source) with 200 OK"),
            format!("ignored without mod_{module}"),
            format!(
                "nothing is logged. Fix: add `{})",
                load(module)
            ),
        ),
        Missing::Scheme(module, scheme) => (
            format!("`{directive}` to `{scheme}://` needs mod_{module}, which no `LoadModule` loads: every request here gets 500 Internal Server Error"),
            format!("no `{scheme}` handler without mod_{module}"),
            format!(
                "Apache logs `AH01144: No protocol handler was valid for the URL … (scheme '{scheme}')`. Fix: add `{})",
                load(module)
            ),
        ),
    };
    Diagnostic::new(CODE, Category::Connectivity, Severity::Error, message)
        .at(p.span.file, p.span.range, label)
        .help(help)
}
