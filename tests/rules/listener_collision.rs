//! The edges of `listener-collision`: which pairs of listeners cannot both
//! bind, and the look-alikes that can.

use crate::common;

use hoplint::diagnostic::Severity;

/// (severity, primary file:line, secondary file:line) of every finding.
fn findings(files: &[(&str, &str)]) -> Vec<(Severity, String, String)> {
    let (dir, project) = common::check_tree(files);
    let place = |l: &hoplint::diagnostic::Label| common::place(&project, dir.path(), l);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == "listener-collision")
        .map(|d| {
            (
                d.severity,
                place(d.primary.as_ref().unwrap()),
                place(&d.secondary[0]),
            )
        })
        .collect()
}

const FPM: &str = "etc/php/8.2/fpm/pool.d/www.conf";
const NGINX: &str = "etc/nginx/nginx.conf";

fn pools(listens: &[&str]) -> String {
    listens
        .iter()
        .enumerate()
        .map(|(i, l)| format!("[p{i}]\nlisten = {l}\n"))
        .collect()
}

fn only_pools(listens: &[&str]) -> Vec<(Severity, String, String)> {
    findings(&[(FPM, &pools(listens))])
}

fn nginx_and_pool(listen: &str, pool: &str) -> Vec<(Severity, String, String)> {
    let ngx = format!("events {{}}\nhttp {{\nserver {{\nlisten {listen};\n}}\n}}\n");
    findings(&[(NGINX, &ngx), (FPM, &pools(&[pool]))])
}

fn e(primary: &str, secondary: &str) -> Vec<(Severity, String, String)> {
    vec![(Severity::Error, primary.into(), secondary.into())]
}

#[test]
fn two_pools_on_one_value_collide() {
    let www = |l: usize| format!("{FPM}:{l}");
    assert_eq!(
        only_pools(&["/run/php/a.sock", "/run/php/a.sock"]),
        e(&www(4), &www(2))
    );
    assert_eq!(
        only_pools(&["127.0.0.1:9000", "127.0.0.1:9000"]),
        e(&www(4), &www(2))
    );
    // php-fpm compares the words as written: `localhost:9000` twice is refused too.
    assert_eq!(
        only_pools(&["localhost:9000", "localhost:9000"]),
        e(&www(4), &www(2))
    );
    // `$pool` is expanded first: one value, two different sockets.
    assert_eq!(
        only_pools(&["/run/php/$pool.sock", "/run/php/$pool.sock"]),
        vec![]
    );
}

#[test]
fn wildcard_and_address_of_its_family_collide() {
    let www = |l: usize| format!("{FPM}:{l}");
    assert_eq!(only_pools(&["127.0.0.1:9000", "9000"]), e(&www(4), &www(2)));
    assert_eq!(
        only_pools(&["0.0.0.0:9000", "127.0.0.1:9000"]),
        e(&www(4), &www(2))
    );
    assert_eq!(
        only_pools(&["[::]:9000", "127.0.0.1:9000"]),
        e(&www(4), &www(2))
    );
    assert_eq!(only_pools(&["0.0.0.0:9000", "[::1]:9000"]), vec![]);
    assert_eq!(only_pools(&["127.0.0.1:9000", "127.0.0.2:9000"]), vec![]);
    assert_eq!(only_pools(&["127.0.0.1:9000", "127.0.0.1:9001"]), vec![]);
}

#[test]
fn pools_naming_one_address_differently_are_left_alone() {
    // One master may hand both pools the same socket: not provably broken.
    assert_eq!(only_pools(&["9000", "[::]:9000"]), vec![]);
    assert_eq!(only_pools(&["127.0.0.1:9000", "localhost:9000"]), vec![]);
    // Relative paths depend on the master's working directory.
    assert_eq!(only_pools(&["a.sock", "./a.sock"]), vec![]);
    assert_eq!(only_pools(&["/run/php/a.sock", "/run/php/b.sock"]), vec![]);
}

#[test]
fn socket_paths_compare_as_the_kernel_resolves_them() {
    assert_eq!(
        only_pools(&["/run/php/a.sock", "/run//php/a.sock"]),
        e(&format!("{FPM}:4"), &format!("{FPM}:2"))
    );
}

#[test]
fn nginx_and_a_pool_collide_on_a_port_or_socket() {
    let ngx = format!("{NGINX}:4");
    let pool = format!("{FPM}:2");
    assert_eq!(nginx_and_pool("9000", "127.0.0.1:9000"), e(&ngx, &pool));
    assert_eq!(nginx_and_pool("127.0.0.1:9000", "9000"), e(&ngx, &pool));
    assert_eq!(
        nginx_and_pool("unix:/run/php/a.sock", "/run/php/a.sock"),
        e(&ngx, &pool)
    );
    // nginx's `[::]` is IPv6 only.
    assert_eq!(nginx_and_pool("[::]:9000", "127.0.0.1:9000"), vec![]);
    assert_eq!(nginx_and_pool("80", "127.0.0.1:9000"), vec![]);
    assert_eq!(
        nginx_and_pool("[::]:9000 ipv6only=off", "127.0.0.1:9000"),
        e(&ngx, &pool)
    );
}

#[test]
fn nginx_servers_sharing_a_listen_are_one_socket() {
    let ngx = "events {}\nhttp {\n\
               server { listen 80; server_name a; }\n\
               server { listen 80; server_name b; }\n\
               server { listen 127.0.0.1:80; server_name c; }\n\
               server { listen [::]:80; server_name d; }\n}\n";
    assert_eq!(findings(&[(NGINX, ngx)]), vec![]);
}

#[test]
fn one_finding_per_colliding_listen_not_per_server_block() {
    let ngx = "events {}\nhttp {\n\
               server { listen 9000; server_name a; }\n\
               server { listen 9000; server_name b; }\n}\n";
    let found = findings(&[(NGINX, ngx), (FPM, &pools(&["9000"]))]);
    assert_eq!(found, e(&format!("{NGINX}:3"), &format!("{FPM}:2")));
}

#[test]
fn httpd_and_a_pool_collide() {
    let httpd = "Listen 8080\nListen 9000\n";
    let found = findings(&[
        ("etc/apache2/ports.conf", httpd),
        (FPM, &pools(&["127.0.0.1:9000"])),
    ]);
    assert_eq!(found, e("etc/apache2/ports.conf:2", &format!("{FPM}:2")));
}

#[test]
fn many_pools_on_one_port_stay_fast_and_report_each_once() {
    let listens: Vec<String> = (0..20_000).map(|_| "127.0.0.1:9000".to_string()).collect();
    let refs: Vec<&str> = listens.iter().map(String::as_str).collect();
    let found = only_pools(&refs);
    // php-fpm stops at the first pair, but every later pool must move.
    assert_eq!(found.len(), 19_999);
}

/// On a checked machine whose systemd starts only one of the two servers,
/// the collision needs someone to start the other by hand: a warning.
/// Where both are enabled, or nothing is known, it stays an error.
#[test]
fn a_server_systemd_does_not_start_makes_it_a_warning() {
    let nginx = "events {}\nhttp {\n    server { listen 80; }\n}\n";
    let apache = "Listen 80\n";
    let wants = "etc/systemd/system/multi-user.target.wants";
    let with = |units: &[&str]| {
        let mut files = vec![
            (NGINX.to_string(), nginx.to_string()),
            ("etc/apache2/apache2.conf".to_string(), apache.to_string()),
        ];
        for u in units {
            files.push((format!("{wants}/{u}"), "[Unit]\n".to_string()));
        }
        let (_dir, project) = common::check_tree(&files);
        project
            .diagnostics
            .iter()
            .filter(|d| d.code == "listener-collision")
            .map(|d| d.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        with(&["nginx.service", "apache2.service"]),
        [Severity::Error]
    );
    assert_eq!(
        with(&["nginx.service", "cron.service"]),
        [Severity::Warning]
    );
    assert_eq!(with(&[]), [Severity::Error]);
}
