//! `proxypass-reverse-missing` against the real servers: Apache proxying
//! to an nginx backend that redirects. Without `ProxyPassReverse` the
//! client gets the backend's own address in `Location`; with it, the
//! front's. Not a 5xx: the browser follows a redirect it cannot reach.

use crate::harness::{free_port, Stack, APACHE, NGINX};
use crate::http::get;
use hoplint::diagnostic::Severity;

const CODE: &str = "proxypass-reverse-missing";

/// Starts the nginx backend (redirecting every request to its own
/// `/login`) and the Apache front proxying `/app/` to it; returns
/// (front port, backend port).
fn stack(s: &mut Stack, reverse: bool) -> (u16, u16) {
    let back = free_port();
    s.nginx(
        "www-data www-data",
        &format!(
            "server {{\nlisten 127.0.0.1:{back};\nlocation / {{ return 302 http://127.0.0.1:{back}/login; }}\n}}\n"
        ),
        back,
    );
    let front = free_port();
    let mut body = format!("ProxyPass /app/ http://127.0.0.1:{back}/\n");
    if reverse {
        body.push_str(&format!(
            "ProxyPassReverse /app/ http://127.0.0.1:{back}/\n"
        ));
    }
    s.apache("www-data", front, &body);
    (front, back)
}

#[test]
fn missing_reverse_leaks_backend_address_and_is_flagged() {
    let Some(mut s) = Stack::new("rule_proxypass_reverse_missing", &[APACHE, NGINX]) else {
        return;
    };
    let (front, back) = stack(&mut s, false);
    let r = get(front, "/app/account", &format!("localhost:{front}"));
    assert_eq!(r.status, 302, "{r:?}");
    assert_eq!(
        r.header("Location"),
        Some(format!("http://127.0.0.1:{back}/login").as_str()),
        "{r:?}"
    );
    let found = s.hoplint_findings(CODE, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(
        found[0].1.contains(&format!("127.0.0.1:{back}")),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn reverse_maps_redirect_to_front_and_is_silent() {
    let Some(mut s) = Stack::new("rule_proxypass_reverse_ok", &[APACHE, NGINX]) else {
        return;
    };
    let (front, _) = stack(&mut s, true);
    let r = get(front, "/app/account", &format!("localhost:{front}"));
    assert_eq!(r.status, 302, "{r:?}");
    assert_eq!(
        r.header("Location"),
        Some(format!("http://localhost:{front}/app/login").as_str()),
        "{r:?}"
    );
    assert_eq!(s.hoplint_findings(CODE, false), vec![]);
    s.finish();
}
