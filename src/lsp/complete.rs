//! Completion: nginx directive names from the directive table, and after
//! a `*_pass` (or httpd's `proxy:`) the addresses the stack listens on and
//! the upstream names it defines.

use super::workspace::Unit;
use crate::model::{Endpoint, ServerKind};
use crate::parse::nginx_directives::DIRECTIVES;
use crate::source::Kind;
use foldhash::HashSetExt;
use lsp_types::{CompletionItem, CompletionItemKind};

/// What to offer at the end of `line` (the text of the line up to the
/// cursor) in a file of `kind`.
pub fn complete(units: &[&Unit], kind: Kind, line: &str) -> Vec<CompletionItem> {
    let trimmed = line.trim_start();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let ends_in_space = line.ends_with(char::is_whitespace);
    let mut out = Vec::new();
    match kind {
        Kind::Nginx => {
            // The statement's first word: a directive name.
            let statement = trimmed
                .rsplit([';', '{', '}'])
                .next()
                .unwrap_or(trimmed)
                .trim_start();
            if !statement.contains(char::is_whitespace) {
                let mut names: Vec<&str> = DIRECTIVES
                    .iter()
                    .map(|d| d.name)
                    .filter(|n| n.starts_with(statement))
                    .collect();
                names.sort_unstable();
                names.dedup();
                for n in names {
                    out.push(item(n, CompletionItemKind::KEYWORD, "nginx directive"));
                }
                return out;
            }
            let pass = match (words.as_slice(), ends_in_space) {
                ([p], true) | ([p, _], false) if p.ends_with("_pass") => *p,
                _ => return out,
            };
            for unit in units {
                let stack = &unit.stack;
                for l in stack.listeners() {
                    let label = match (l.endpoint, l.server) {
                        (Endpoint::Unix(p), _) => format!("unix:{p}"),
                        (Endpoint::Tcp(..), ServerKind::PhpFpm) if pass == "fastcgi_pass" => {
                            tcp_target(l.text)
                        }
                        (Endpoint::Tcp(..), ServerKind::Nginx | ServerKind::Apache)
                            if pass == "proxy_pass" =>
                        {
                            format!("http://{}", tcp_target(l.text))
                        }
                        _ => continue,
                    };
                    let who = match l.server {
                        ServerKind::PhpFpm => format!("php-fpm pool {}", l.name),
                        other => format!("{other:?} listener").to_lowercase(),
                    };
                    out.push(item(&label, CompletionItemKind::VALUE, &who));
                }
                for u in &stack.nginx.upstreams {
                    let label = if pass == "proxy_pass" {
                        format!("http://{}", u.name)
                    } else {
                        u.name.clone()
                    };
                    out.push(item(&label, CompletionItemKind::REFERENCE, "upstream"));
                }
            }
        }
        Kind::Apache => {
            if !trimmed.to_ascii_lowercase().contains("proxy:") {
                return out;
            }
            for unit in units {
                for l in unit.stack.listeners() {
                    if l.server != ServerKind::PhpFpm {
                        continue;
                    }
                    let label = match l.endpoint {
                        Endpoint::Unix(p) => format!("unix:{p}|fcgi://localhost"),
                        Endpoint::Tcp(..) => format!("fcgi://{}", tcp_target(l.text)),
                        _ => continue,
                    };
                    out.push(item(
                        &label,
                        CompletionItemKind::VALUE,
                        &format!("php-fpm pool {}", l.name),
                    ));
                }
            }
        }
        Kind::PhpFpm | Kind::PhpIni => {}
    }
    let mut seen = foldhash::HashSet::new();
    out.retain(|i| seen.insert(i.label.clone()));
    out
}

/// A listening address as a client connects to it: a bare port or `*`
/// becomes loopback.
fn tcp_target(listen: &str) -> String {
    if listen.bytes().all(|b| b.is_ascii_digit()) {
        return format!("127.0.0.1:{listen}");
    }
    match listen.rsplit_once(':') {
        Some(("*" | "0.0.0.0" | "", port)) => format!("127.0.0.1:{port}"),
        Some(("[::]", port)) => format!("[::1]:{port}"),
        _ => listen.to_string(),
    }
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        ..CompletionItem::default()
    }
}
