//! `apache-proxy-module-missing`: a proxy to a backend whose module no
//! `LoadModule` loads. Without mod_proxy, `ProxyPass` is an unknown
//! command and httpd does not start; without the protocol's module,
//! `ProxyPass` answers 500 and `SetHandler "proxy:…"` is ignored, so the
//! file itself is sent (PHP source included).

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::apache::{LoadedModules, Proxy, ProxyKind};
use crate::model::Span;
use foldhash::{HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "apache-proxy-module-missing",
        Connectivity,
        Error,
        "a proxy whose module no `LoadModule` loads (Apache serves PHP source, or 500)",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::APACHE,
};

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

fn missing(p: &Proxy, has: impl Fn(&str) -> bool) -> Option<Missing> {
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

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let modules = LoadedModules::new(&stack.apache);
    let mut seen: HashSet<Span> = HashSet::new();
    let mut out = Vec::new();
    for p in &stack.apache.proxies {
        if !modules.known(p.root) || !modules.reads(p) || !seen.insert(p.span) {
            continue;
        }
        let Some(m) = missing(p, |key| modules.loader(p.root, key).is_some()) else {
            continue;
        };
        let mut d = report(p, &m);
        if let (Some(l), Missing::ForHandler(need) | Missing::Scheme(need, _)) =
            (modules.loader(p.root, "proxy"), &m)
        {
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
                "`apache2 -t` says `AH00526: Syntax error on line … of …: Invalid command '{directive}', perhaps misspelled or defined by a module not included in the server configuration`. Fix: add `{})",
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
    RULE.diag(message)
        .at(p.span.file, p.span.range, label)
        .help(help)
}
