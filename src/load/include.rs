//! Where each file asks for other files: the include directives of the
//! three languages, read off the syntax trees.

use crate::span::TextRange;
use crate::syntax::{apache, nginx, php_fpm, Tree};

#[derive(Debug, Clone)]
pub struct Site {
    /// The path or pattern as the server reads it.
    pub pattern: String,
    /// The whole include directive.
    pub range: TextRange,
    /// Apache `IncludeOptional`: a missing target is not an error.
    pub optional: bool,
    /// Inside `<IfModule>`/`<IfDefine>`/...: whether httpd reads it at all
    /// depends on what is loaded, so a missing target is only a warning.
    pub conditional: bool,
}

pub fn sites(tree: &Tree) -> Vec<Site> {
    match tree {
        Tree::Nginx(f) => nginx_sites(f),
        Tree::Apache(f) => apache_sites(f),
        Tree::PhpFpm(f) => fpm_sites(f),
    }
}

fn nginx_sites(file: &nginx::File) -> Vec<Site> {
    let mut out = Vec::new();
    // Explicit stack: trees can be nested thousands deep.
    let mut stack: Vec<std::slice::Iter<'_, nginx::Item>> = vec![file.items.iter()];
    while let Some(top) = stack.last_mut() {
        let Some(item) = top.next() else {
            stack.pop();
            continue;
        };
        if let nginx::Item::Directive(d) = item {
            if d.name.is("include") && d.args.len() == 1 {
                out.push(Site {
                    pattern: d.args[0].text.to_string(),
                    range: d.range,
                    optional: false,
                    conditional: false,
                });
            }
            if let Some(b) = &d.block {
                stack.push(b.items.iter());
            }
        }
    }
    out
}

const CONDITIONAL_SECTIONS: &[&str] = &[
    "IfModule",
    "IfDefine",
    "IfVersion",
    "IfFile",
    "IfDirective",
    "IfSection",
    "If",
    "ElseIf",
    "Else",
];

fn apache_sites(file: &apache::File) -> Vec<Site> {
    let mut out = Vec::new();
    let mut stack: Vec<(std::slice::Iter<'_, apache::Item>, bool)> =
        vec![(file.items.iter(), false)];
    while let Some((top, cond)) = stack.last_mut() {
        let cond = *cond;
        let Some(item) = top.next() else {
            stack.pop();
            continue;
        };
        match item {
            apache::Item::Directive(d)
                if (d.is("Include") || d.is("IncludeOptional")) && d.args.len() == 1 =>
            {
                out.push(Site {
                    pattern: d.args[0].text.to_string(),
                    range: d.range,
                    optional: d.is("IncludeOptional"),
                    conditional: cond,
                })
            }
            apache::Item::Section(s) if s.raw_body.is_none() => {
                let c = cond || CONDITIONAL_SECTIONS.iter().any(|n| s.is(n));
                stack.push((s.items.iter(), c));
            }
            _ => {}
        }
    }
    out
}

fn fpm_sites(file: &php_fpm::File) -> Vec<Site> {
    file.items
        .iter()
        .filter_map(|i| match i {
            php_fpm::Item::Entry(e) if e.key.is("include") && e.subkey.is_none() => Some(Site {
                pattern: e.value.text.to_string(),
                range: e.range,
                optional: false,
                conditional: false,
            }),
            _ => None,
        })
        .collect()
}

/// Apache's top-level `ServerRoot` and every `Define NAME [VALUE]`, in order.
pub fn apache_settings(file: &apache::File) -> (Option<String>, Vec<(String, String)>) {
    let mut server_root = None;
    let mut defines = Vec::new();
    let mut stack: Vec<std::slice::Iter<'_, apache::Item>> = vec![file.items.iter()];
    while let Some(top) = stack.last_mut() {
        let Some(item) = top.next() else {
            stack.pop();
            continue;
        };
        match item {
            apache::Item::Directive(d)
                if d.is("ServerRoot") && d.args.len() == 1 && stack.len() == 1 =>
            {
                server_root.get_or_insert_with(|| d.args[0].text.to_string());
            }
            apache::Item::Directive(d) if d.is("Define") && !d.args.is_empty() => {
                let value = d
                    .args
                    .get(1)
                    .map(|w| w.text.to_string())
                    .unwrap_or_default();
                defines.push((d.args[0].text.to_string(), value));
            }
            apache::Item::Section(s) if s.raw_body.is_none() => stack.push(s.items.iter()),
            _ => {}
        }
    }
    (server_root, defines)
}

/// Variables from Debian's `/etc/apache2/envvars` (`export NAME=value`
/// lines); the shell parts around them are ignored.
pub fn envvars(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("export ")?;
            let (k, v) = rest.split_once('=')?;
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
            (!v.contains('$') && !v.contains('`')).then(|| (k.trim().to_string(), v.to_string()))
        })
        .collect()
}

/// Expands `${NAME}` the way httpd does at read time: defined names are
/// replaced, undefined ones stay as written.
pub fn expand_vars(s: &str, vars: &[(String, String)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match vars.iter().rev().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[start..start + 3 + end]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_defined_and_keeps_undefined() {
        let vars = vec![("A".to_string(), "/etc/x".to_string())];
        assert_eq!(expand_vars("${A}/y/${B}/z", &vars), "/etc/x/y/${B}/z");
        assert_eq!(expand_vars("${A", &vars), "${A");
    }

    #[test]
    fn reads_debian_envvars() {
        let text = "unset HOME\nexport APACHE_RUN_USER=www-data\nexport APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n";
        assert_eq!(
            envvars(text),
            vec![("APACHE_RUN_USER".to_string(), "www-data".to_string())]
        );
    }
}
