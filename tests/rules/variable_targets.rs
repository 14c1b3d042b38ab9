//! Hops through a variable: resolved where every value is visible in
//! `set` or `map`, with the finding on the line holding the value;
//! otherwise listed as not checkable, never guessed.

use crate::common;

const POOL: (&str, &str) = (
    "etc/php/8.2/fpm/pool.d/www.conf",
    "[www]\nlisten = /run/php/php8.2-fpm.sock\n",
);

fn nginx(http: &str) -> String {
    format!("events {{}}\nhttp {{\n{http}\n}}\n")
}

/// (code, line of the primary label) of every unix-socket-missing finding,
/// and the unresolved hops as (variable, reason).
fn check(http: &str) -> (Vec<usize>, Vec<(String, String)>) {
    let text = nginx(http);
    let files = [("etc/nginx/nginx.conf", text.as_str()), POOL];
    let (_dir, project) = common::check_tree(&files);
    let lines = project
        .diagnostics
        .iter()
        .filter(|d| d.code == "unix-socket-missing")
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            project.file(l.file).line_col(l.range.start).0
        })
        .collect();
    let stack = hoplint::model::build(&project);
    let unresolved = stack
        .unresolved_hops()
        .iter()
        .map(|u| (u.variable.to_string(), u.reason.to_string()))
        .collect();
    (lines, unresolved)
}

#[test]
fn set_to_a_missing_socket_is_flagged_on_the_set_line() {
    let http = "server {\n listen 80;\n location ~ \\.php$ {\n  set $sock unix:/run/php/php7.4-fpm.sock;\n  fastcgi_pass $sock;\n }\n}";
    assert_eq!(check(http), (vec![6], vec![]));
}

#[test]
fn a_value_built_from_a_variable_is_resolved() {
    let http = "server {\n set $ver 7.4;\n location / {\n  fastcgi_pass unix:/run/php/php${ver}-fpm.sock;\n }\n}";
    assert_eq!(check(http), (vec![4], vec![]));
    let http = "server {\n set $ver 8.2;\n location / {\n  fastcgi_pass unix:/run/php/php${ver}-fpm.sock;\n }\n}";
    assert_eq!(check(http), (vec![], vec![]));
}

#[test]
fn a_right_value_gives_nothing() {
    let http = "server {\n location / {\n  set $sock unix:/run/php/php8.2-fpm.sock;\n  fastcgi_pass $sock;\n }\n}";
    assert_eq!(check(http), (vec![], vec![]));
}

#[test]
fn a_map_default_that_is_wrong_is_flagged_on_its_line() {
    let http = "map $host $sock {\n hostnames;\n default unix:/run/php/php7.4-fpm.sock;\n shop.example.com unix:/run/php/php8.2-fpm.sock;\n}\nserver { location / { fastcgi_pass $sock; } }";
    assert_eq!(check(http), (vec![5], vec![]));
}

#[test]
fn a_location_set_overrides_the_server_one() {
    // The server's value never reaches the hop: the location sets it again.
    let http = "server {\n set $sock unix:/run/php/php7.4-fpm.sock;\n location / {\n  set $sock unix:/run/php/php8.2-fpm.sock;\n  fastcgi_pass $sock;\n }\n}";
    assert_eq!(check(http), (vec![], vec![]));
}

#[test]
fn a_set_inside_if_may_run() {
    let http = "server {\n location / {\n  set $sock unix:/run/php/php8.2-fpm.sock;\n  if ($arg_old) {\n   set $sock unix:/run/php/php7.4-fpm.sock;\n  }\n  fastcgi_pass $sock;\n }\n}";
    assert_eq!(check(http), (vec![7], vec![]));
}

#[test]
fn a_request_variable_is_unresolved_and_not_flagged() {
    let http = "server { location / { fastcgi_pass unix:/run/php/$http_host.sock; } }";
    let (lines, unresolved) = check(http);
    assert_eq!(lines, Vec::<usize>::new());
    assert_eq!(
        unresolved,
        vec![(
            "$http_host".to_string(),
            "`$http_host` comes from each request".to_string()
        )]
    );
}

#[test]
fn a_variable_set_nowhere_or_elsewhere_is_unresolved() {
    // The `set` in another location does not run for this hop.
    let http = "server {\n location /a { set $sock unix:/run/php/php7.4-fpm.sock; }\n location / { fastcgi_pass $sock; }\n}";
    let (lines, unresolved) = check(http);
    assert_eq!(lines, Vec::<usize>::new());
    assert_eq!(unresolved.len(), 1);
    assert_eq!(unresolved[0].0, "$sock");
}

#[test]
fn a_map_with_a_variable_value_is_unresolved() {
    let http = "map $uri $sock {\n ~^/(?<v>[0-9.]+)/ unix:/run/php/php$v-fpm.sock;\n default unix:/run/php/php7.4-fpm.sock;\n}\nserver { location / { fastcgi_pass $sock; } }";
    let (lines, unresolved) = check(http);
    assert_eq!(lines, Vec::<usize>::new());
    assert_eq!(unresolved.len(), 1, "{unresolved:?}");
    assert_eq!(unresolved[0].0, "$v");
}

#[test]
fn a_host_name_value_needs_a_resolver_and_is_unresolved() {
    let http = "server { location / { set $b php:9000; fastcgi_pass $b; } }";
    let (lines, unresolved) = check(http);
    assert_eq!(lines, Vec::<usize>::new());
    assert_eq!(unresolved.len(), 1, "{unresolved:?}");
    assert!(unresolved[0].1.contains("resolver"), "{unresolved:?}");
}

#[test]
fn a_value_naming_an_upstream_checks_its_servers() {
    let http = "upstream old {\n server unix:/run/php/php7.4-fpm.sock;\n}\nserver { location / { set $b old; fastcgi_pass $b; } }";
    let (lines, unresolved) = check(http);
    assert_eq!((lines, unresolved), (vec![4], vec![]));
}

#[test]
fn a_chain_too_deep_is_unresolved() {
    let http = "server { location / { set $a $b; set $b $c; set $c $d; set $d $e; set $e unix:/run/php/php7.4-fpm.sock; fastcgi_pass $a; } }";
    let (lines, unresolved) = check(http);
    assert_eq!(lines, Vec::<usize>::new());
    assert_eq!(unresolved.len(), 1, "{unresolved:?}");
}

#[test]
fn a_variable_only_in_the_uri_leaves_the_address_checked() {
    let http = "server { location / { fastcgi_pass unix:/run/php/php7.4-fpm.sock; } location /p { proxy_pass http://unix:/run/php/php7.4-fpm.sock:/$uri; } }";
    let (lines, unresolved) = check(http);
    // Reported on the first hop's line, once per socket: both hops share it.
    assert_eq!((lines.len(), unresolved), (2, vec![]));
    let http = "server { location / { proxy_pass http://127.0.0.1:80$1; } }";
    let (_, unresolved) = check(http);
    assert_eq!(unresolved.len(), 1, "{unresolved:?}");
}
