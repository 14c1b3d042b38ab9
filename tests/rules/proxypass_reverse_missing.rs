//! The edges of `proxypass-reverse-missing`: the forms of `ProxyPass` that
//! need a `ProxyPassReverse`, the ones that count as one, and the
//! look-alikes left alone.

use crate::common;

use hoplint::diagnostic::Severity;

/// (severity, line of the primary label) of every finding.
fn findings(site: &str) -> Vec<(Severity, usize)> {
    let files = [
        (
            "etc/apache2/apache2.conf",
            "Listen 80\nIncludeOptional sites-enabled/*.conf\n",
        ),
        ("etc/apache2/sites-enabled/site.conf", site),
    ];
    let (_dir, project) = common::check_tree(&files);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "proxypass-reverse-missing")
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            (d.severity, project.file(l.file).line_col(l.range.start).0)
        })
        .collect()
}

fn vhost(body: &str) -> String {
    format!("<VirtualHost *:80>\nServerName a.example\n{body}\n</VirtualHost>\n")
}

#[test]
fn http_backend_without_reverse_is_reported() {
    let site = vhost("ProxyPass /app/ http://127.0.0.1:8080/");
    assert_eq!(findings(&site), vec![(Severity::Warning, 3)]);
}

#[test]
fn matching_reverse_is_silent() {
    let site = vhost(
        "ProxyPass /app/ http://127.0.0.1:8080/\nProxyPassReverse /app/ http://127.0.0.1:8080/",
    );
    assert_eq!(findings(&site), vec![]);
    // Case and the scheme's default port do not matter.
    let site = vhost("ProxyPass / http://Backend:80/\nProxyPassReverse / HTTP://backend/");
    assert_eq!(findings(&site), vec![]);
}

#[test]
fn reverse_for_another_backend_does_not_count() {
    let site = vhost(
        "ProxyPass /app/ http://127.0.0.1:8080/\nProxyPassReverse /app/ http://127.0.0.1:8081/",
    );
    assert_eq!(findings(&site), vec![(Severity::Warning, 3)]);
}

#[test]
fn reverse_in_another_vhost_does_not_count() {
    let site = format!(
        "{}{}",
        vhost("ProxyPass /app/ http://127.0.0.1:8080/"),
        vhost("ProxyPassReverse /app/ http://127.0.0.1:8080/")
    );
    assert_eq!(findings(&site), vec![(Severity::Warning, 3)]);
}

#[test]
fn reverse_in_main_server_counts_for_every_vhost() {
    let site = format!(
        "ProxyPassReverse /app/ http://127.0.0.1:8080/\n{}",
        vhost("ProxyPass /app/ http://127.0.0.1:8080/")
    );
    assert_eq!(findings(&site), vec![]);
}

#[test]
fn location_one_argument_forms() {
    let site = vhost("<Location /app/>\nProxyPass http://127.0.0.1:8080/\n</Location>");
    assert_eq!(findings(&site), vec![(Severity::Warning, 4)]);
    let site = vhost("<Location /app/>\nProxyPass http://127.0.0.1:8080/\nProxyPassReverse http://127.0.0.1:8080/\n</Location>");
    assert_eq!(findings(&site), vec![]);
}

#[test]
fn balancer_needs_a_reverse_for_itself_or_a_member() {
    let members = "<Proxy balancer://app>\nBalancerMember http://127.0.0.1:8080\nBalancerMember http://127.0.0.1:8081\n</Proxy>\n";
    let site = vhost(&format!("{members}ProxyPass /app/ balancer://app/"));
    assert_eq!(findings(&site), vec![(Severity::Warning, 7)]);
    let site = vhost(&format!(
        "{members}ProxyPass /app/ balancer://app/\nProxyPassReverse /app/ balancer://app/"
    ));
    assert_eq!(findings(&site), vec![]);
    let site = vhost(&format!(
        "{members}ProxyPass /app/ balancer://app/\nProxyPassReverse /app/ http://127.0.0.1:8081/"
    ));
    assert_eq!(findings(&site), vec![]);
}

#[test]
fn non_http_backends_and_exclusions_are_left_alone() {
    let site = vhost(
        "ProxyPass /php/ fcgi://127.0.0.1:9000/srv/\nProxyPass /ajp/ ajp://127.0.0.1:8009/\nProxyPass /static/ !\nProxyPassMatch ^/(.*)$ http://127.0.0.1:8080/$1\n<FilesMatch \\.php$>\nSetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n</FilesMatch>",
    );
    assert_eq!(findings(&site), vec![]);
}

#[test]
fn websocket_and_unix_http_backends_are_reported() {
    let site = vhost(
        "ProxyPass /ws/ ws://127.0.0.1:8080/\nProxyPass /u/ unix:/run/app.sock|http://localhost/",
    );
    assert_eq!(
        findings(&site),
        vec![(Severity::Warning, 3), (Severity::Warning, 4)]
    );
    let site = vhost("ProxyPass /u/ unix:/run/app.sock|http://localhost/\nProxyPassReverse /u/ http://localhost/");
    assert_eq!(findings(&site), vec![]);
}

#[test]
fn path_only_reverse_counts() {
    let site = vhost("ProxyPass /app/ http://127.0.0.1:8080/\nProxyPassReverse /app/ /");
    assert_eq!(findings(&site), vec![]);
}
