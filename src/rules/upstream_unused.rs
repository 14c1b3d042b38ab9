//! `upstream-unused`: an `upstream` block no `*_pass` of the same nginx
//! names. Nothing fails because of it, but the servers it lists receive
//! no traffic, and edits to it change nothing: often the other half of a
//! `*_pass` whose name is misspelt.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

pub static RULE: Rule = Rule {
    meta: meta!(
        "upstream-unused",
        Connectivity,
        Info,
        "an `upstream` no `*_pass` names (info)",
        judges_backend: true,
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::NGINX,
};

/// The host part of a `*_pass` value: the name an upstream would have.
fn pass_host(value: &str) -> &str {
    let rest = value.split_once("://").map_or(value, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => &authority[..i],
        _ => authority,
    }
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;

    let nginx = &stack.nginx;
    // Per `http` context: the names its `*_pass` directives use, and
    // whether one holds a variable (it may name any upstream at run time).
    // Every `*_pass`, also third-party ones (`memcached_pass`, `redis2_pass`).
    let mut used: HashMap<usize, HashSet<&str>> = HashMap::new();
    let mut dynamic: HashSet<usize> = HashSet::new();
    for (c, context) in nginx.contexts().iter().enumerate() {
        let Some(http) = nginx.http_of(c) else {
            continue;
        };
        for d in context
            .directives
            .iter()
            .filter(|d| d.is_pass())
        {
            let Some(value) = d.arg(0) else {
                continue;
            };
            if value.contains('$') {
                dynamic.insert(http);
            }
            used.entry(http).or_default().insert(pass_host(value));
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for u in &nginx.upstreams {
        if !seen.insert(u.span) || !stack.sight.whole_http(&stack.nginx, u.ctx) {
            continue;
        }
        let Some(http) = nginx.http_of(u.ctx) else {
            continue;
        };
        if dynamic.contains(&http) || used.get(&http).is_some_and(|s| s.contains(u.name.as_str())) {
            continue;
        }
        out.push(
            RULE.diag(format!("upstream `{}` is named by no `*_pass` of this nginx: its servers receive no traffic", u.name))
            .at(u.span.file, u.span.range, "no `*_pass` names this upstream")
            .help(format!("Nothing fails because of it, but edits here change nothing. If a `proxy_pass` or `fastcgi_pass` was meant to use it, check that it names `{}` exactly (see `upstream-unknown`); otherwise remove the block", u.name)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_hosts() {
        assert_eq!(pass_host("http://backend/api"), "backend");
        assert_eq!(pass_host("backend:9000"), "backend");
        assert_eq!(pass_host("php"), "php");
        assert_eq!(pass_host("grpcs://[::1]"), "[::1]");
    }
}
