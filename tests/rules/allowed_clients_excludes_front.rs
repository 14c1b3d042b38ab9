//! The edges of `allowed-clients-excludes-front`: which lists shut nginx
//! out of a pool, and the look-alikes that let it in.

use crate::common;

use hoplint::diagnostic::Severity;

const CODE: &str = "allowed-clients-excludes-front";
const FPM: &str = "etc/php/8.2/fpm/pool.d/www.conf";
const NGINX: &str = "etc/nginx/nginx.conf";

/// (severity, primary file:line, secondary file:lines) of every finding.
fn findings(files: &[(&str, &str)]) -> Vec<(Severity, String, Vec<String>)> {
    let (dir, project) = common::check_tree(files);
    let place = |l: &hoplint::diagnostic::Label| common::place(&project, dir.path(), l);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == CODE)
        .map(|d| {
            (
                d.severity,
                place(d.primary.as_ref().unwrap()),
                d.secondary.iter().map(place).collect(),
            )
        })
        .collect()
}

/// nginx passing PHP to `pass` (line 3), and one pool (`listen` on line 2,
/// `listen.allowed_clients` on line 3 when set).
fn run(pass: &str, listen: &str, allowed: Option<&str>) -> Vec<(Severity, String, Vec<String>)> {
    let ngx =
        format!("events {{}}\nhttp {{ server {{ location / {{\nfastcgi_pass {pass};\n}} }} }}\n");
    let mut pool = format!("[www]\nlisten = {listen}\n");
    if let Some(a) = allowed {
        pool.push_str(&format!("listen.allowed_clients = {a}\n"));
    }
    findings(&[(NGINX, &ngx), (FPM, &pool)])
}

fn flagged() -> Vec<(Severity, String, Vec<String>)> {
    vec![(
        Severity::Error,
        format!("{NGINX}:3"),
        vec![format!("{FPM}:3")],
    )]
}

#[test]
fn a_list_without_the_front_shuts_it_out() {
    assert_eq!(
        run("127.0.0.1:9000", "127.0.0.1:9000", Some("10.0.0.1")),
        flagged()
    );
    // Split at commas only: the spaced entry is not an address.
    assert_eq!(
        run(
            "127.0.0.1:9000",
            "127.0.0.1:9000",
            Some("10.0.0.1, 127.0.0.1")
        ),
        flagged()
    );
    // Names, networks and `any` are not addresses; an empty list lets no one in.
    assert_eq!(run("127.0.0.1:9000", "9000", Some("localhost")), flagged());
    assert_eq!(
        run("127.0.0.1:9000", "9000", Some("127.0.0.0/8")),
        flagged()
    );
    assert_eq!(run("127.0.0.1:9000", "9000", Some("any")), flagged());
    assert_eq!(run("127.0.0.1:9000", "9000", Some("")), flagged());
}

#[test]
fn address_families_are_matched_as_php_fpm_does() {
    // An IPv6 client is never let in by an IPv4 entry.
    assert_eq!(run("[::1]:9000", "9000", Some("127.0.0.1")), flagged());
    assert_eq!(run("[::1]:9000", "9000", Some("::1")), vec![]);
    // The IPv4-mapped form matches only on a dual-stack socket.
    assert_eq!(
        run("127.0.0.1:9000", "127.0.0.1:9000", Some("::ffff:127.0.0.1")),
        flagged()
    );
    assert_eq!(
        run("127.0.0.1:9000", "9000", Some("::ffff:127.0.0.1")),
        vec![]
    );
    assert_eq!(run("127.0.0.1:9000", "[::]:9000", Some("::1")), flagged());
}

#[test]
fn localhost_is_let_in_when_either_reaching_address_is() {
    assert_eq!(run("localhost:9000", "9000", Some("::1")), vec![]);
    assert_eq!(run("localhost:9000", "9000", Some("127.0.0.1")), vec![]);
    assert_eq!(run("localhost:9000", "9000", Some("10.0.0.1")), flagged());
    // The pool binds IPv4 only: the ::1 attempt never reaches it.
    assert_eq!(
        run("localhost:9000", "127.0.0.1:9000", Some("::1")),
        flagged()
    );
}

#[test]
fn lists_that_let_the_front_in_and_pools_they_do_not_apply_to() {
    assert_eq!(run("127.0.0.1:9000", "127.0.0.1:9000", None), vec![]);
    assert_eq!(
        run(
            "127.0.0.1:9000",
            "127.0.0.1:9000",
            Some("10.0.0.1,127.0.0.1")
        ),
        vec![]
    );
    assert_eq!(
        run("127.0.0.1:9000", "9000", Some("10.0.0.1,,127.0.0.1")),
        vec![]
    );
    // A unix socket pool ignores the list.
    assert_eq!(
        run(
            "unix:/run/php/www.sock",
            "/run/php/www.sock",
            Some("10.0.0.1")
        ),
        vec![]
    );
    // Another pool's port, or a source the configs do not tell.
    assert_eq!(run("127.0.0.1:9001", "9000", Some("10.0.0.1")), vec![]);
    assert_eq!(run("10.0.0.2:9000", "9000", Some("10.0.0.1")), vec![]);
    assert_eq!(run("127.0.0.2:9000", "9000", Some("10.0.0.1")), vec![]);
}

#[test]
fn upstream_servers_are_flagged_where_written_unless_nginx_has_another() {
    let pool = "[www]\nlisten = 9000\nlisten.allowed_clients = 10.0.0.1\n";
    let one = "events {}\nhttp {\nupstream php {\nserver 127.0.0.1:9000;\n}\n\
               server { location / {\nfastcgi_pass php;\n} }\n}\n";
    assert_eq!(
        findings(&[(NGINX, one), (FPM, pool)]),
        vec![(
            Severity::Error,
            format!("{NGINX}:4"),
            vec![format!("{NGINX}:7"), format!("{FPM}:3")]
        )]
    );
    let two =
        "events {}\nhttp {\nupstream php {\nserver 127.0.0.1:9000;\nserver 10.0.0.9:9000;\n}\n\
               server { location / {\nfastcgi_pass php;\n} }\n}\n";
    assert_eq!(findings(&[(NGINX, two), (FPM, pool)]), vec![]);
}

#[test]
fn only_fastcgi_hops_are_judged() {
    let ngx = "events {}\nhttp { server { location / {\nproxy_pass http://127.0.0.1:9000;\n} } }\n";
    let pool = "[www]\nlisten = 9000\nlisten.allowed_clients = 10.0.0.1\n";
    assert_eq!(findings(&[(NGINX, ngx), (FPM, pool)]), vec![]);
}
