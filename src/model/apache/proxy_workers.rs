//! Parameters an httpd proxy worker gets by its name rather than on the
//! line that uses it: `<Proxy URL key=value>`, `ProxySet key=value` inside
//! `<Proxy URL>`, and `ProxySet URL key=value`. The common php-fpm setup
//! sends PHP with `SetHandler "proxy:unix:…|fcgi://localhost"` and gives
//! the worker its `timeout=` in `<Proxy "fcgi://localhost">`; a rule that
//! read only the `SetHandler` line would take httpd's `Timeout` instead.
//!
//! httpd hands a request to the worker whose name is the longest prefix of
//! the request's URL (`ap_proxy_get_worker()`), and a `ProxyPass` whose URL
//! an existing worker already covers shares that worker, its own
//! parameters then ignored (`AH01146`). Which of two workers serves a
//! request, and whose parameters win, thus depends on order and on the
//! URL. hoplint takes a value only when every place that may set it for a
//! hop agrees; otherwise the value is unknown and the rules do not judge
//! the hop.

use super::{Apache, Proxy, ProxyKind};
use crate::model::Span;

/// Parameters set on a worker by its name.
#[derive(Debug)]
pub struct WorkerParams {
    pub worker: WorkerName,
    /// The vhost whose `<Proxy>` or `ProxySet` it is; `None` for the main
    /// server, whose workers every vhost also has.
    pub vhost: Option<usize>,
    /// How it was written: `ProxySet` or `<Proxy>`.
    pub directive: &'static str,
    pub params: Vec<(String, String)>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerName {
    /// As [`worker_url`] gives it.
    Url(String),
    /// `<ProxyMatch regex>`: which hops it covers is not worked out.
    Pattern,
}

/// A worker parameter of one hop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param<'a> {
    Set {
        value: &'a str,
        /// The line that sets it: the hop's own, or a `ProxySet` / `<Proxy>`.
        span: Span,
        /// `ProxyPass`, `ProxySet`, `<Proxy>`…
        directive: &'static str,
    },
    Unset,
    /// Set differently in places that may each apply.
    Unknown,
}

/// A worker's name as httpd compares it: without the `unix:/path|` of a
/// socket (`ap_proxy_de_socketfy()`), the scheme and host lowercased.
pub fn worker_url(url: &str) -> String {
    let url = match url.split_once('|') {
        Some((sock, rest))
            if sock
                .get(..5)
                .is_some_and(|s| s.eq_ignore_ascii_case("unix:")) =>
        {
            rest
        }
        _ => url,
    };
    match url.find("://") {
        Some(i) => {
            let authority_end = url[i + 3..].find('/').map_or(url.len(), |j| i + 3 + j);
            let mut out = url[..authority_end].to_ascii_lowercase();
            out.push_str(&url[authority_end..]);
            out
        }
        None => url.to_string(),
    }
}

/// The URL a request through `p` has, up to where it depends on the
/// request: `SetHandler` adds the script's absolute path.
fn hop_url(p: &Proxy) -> String {
    let mut url = worker_url(&p.target);
    if p.kind == ProxyKind::SetHandler && !url.ends_with('/') {
        url.push('/');
    }
    url
}

fn last<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

impl Apache {
    /// The value of worker parameter `key` (`timeout`, `ttl`…) for the
    /// requests of hop `p`.
    pub fn param<'a>(&'a self, p: &'a Proxy, key: &str) -> Param<'a> {
        let mut found: Option<Param<'a>> = last(&p.params, key).map(|value| Param::Set {
            value,
            span: p.span,
            directive: p.kind.directive(),
        });
        let url = hop_url(p);
        // The main server's workers are every vhost's too.
        let scopes = std::iter::once(None).chain(p.vhost.map(Some));
        let places = scopes
            .filter_map(|v| self.worker_params_of.get(&v))
            .flatten()
            .map(|&i| &self.worker_params[i]);
        for w in places {
            let Some(value) = last(&w.params, key) else {
                continue;
            };
            match &w.worker {
                // A name the hop's URL starts with serves (or shares) all
                // of the hop's requests.
                WorkerName::Url(name) if url.starts_with(name.as_str()) => {}
                // A longer name serves some of them; a pattern, perhaps.
                WorkerName::Url(name) if name.starts_with(&url) => return Param::Unknown,
                WorkerName::Url(_) => continue,
                WorkerName::Pattern => return Param::Unknown,
            }
            match &found {
                Some(Param::Set { value: v, .. }) if !v.eq_ignore_ascii_case(value) => {
                    return Param::Unknown
                }
                Some(_) => {}
                None => {
                    found = Some(Param::Set {
                        value,
                        span: w.span,
                        directive: w.directive,
                    })
                }
            }
        }
        found.unwrap_or(Param::Unset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_names_drop_the_socket_and_lowercase_scheme_and_host() {
        assert_eq!(
            worker_url("unix:/run/php/php8.2-fpm.sock|fcgi://localhost"),
            "fcgi://localhost"
        );
        assert_eq!(
            worker_url("UNIX:/s|FCGI://LocalHost/App"),
            "fcgi://localhost/App"
        );
        assert_eq!(worker_url("http://Backend:8080"), "http://backend:8080");
    }
}
