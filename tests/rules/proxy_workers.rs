//! httpd worker parameters given by the worker's name (`<Proxy URL k=v>`,
//! `ProxySet` inside `<Proxy URL>`, `ProxySet URL k=v`) reach the hops that
//! the worker serves, and only those; where places that may each apply
//! disagree, the hop is not judged. `tests/e2e/proxy_workers.rs` shows the
//! real httpd applying `<Proxy "fcgi://localhost">` to a `SetHandler` hop.

use crate::common;

use hoplint::load::Project;

const POOL: &str = "etc/php/8.2/fpm/pool.d/www.conf";
const APACHE: &str = "etc/apache2/apache2.conf";

/// A pool that lets scripts run 300 s, and httpd (`Timeout 60`) sending
/// PHP to it through `SetHandler`, with `extra` in the main server.
fn httpd_to_pool(extra: &str) -> (tempfile::TempDir, Project) {
    let apache = format!(
        "Timeout 60\nLoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n\
         LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\nListen 80\n\
         <VirtualHost *:80>\n<FilesMatch \\.php$>\n\
         SetHandler \"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost\"\n\
         </FilesMatch>\n</VirtualHost>\n{extra}"
    );
    common::check_tree(&[
        (APACHE, apache.as_str()),
        (
            "etc/php/8.2/fpm/php-fpm.conf",
            "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
        ),
        (
            POOL,
            "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\nlisten.owner = www-data\nlisten.group = www-data\npm = static\npm.max_children = 2\nrequest_terminate_timeout = 300\nphp_admin_value[max_execution_time] = 290\n",
        ),
    ])
}

/// (message, `path:line` of the primary label) of each `code` finding.
fn found(dir: &tempfile::TempDir, project: &Project, code: &str) -> Vec<(String, String)> {
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            (
                d.message.clone(),
                common::place(project, dir.path(), d.primary.as_ref().unwrap()),
            )
        })
        .collect()
}

const GIVES_UP: &str = "proxy-gives-up-first";

#[test]
fn without_a_worker_timeout_httpd_waits_its_timeout() {
    let (dir, project) = httpd_to_pool("");
    let f = found(&dir, &project, GIVES_UP);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].0.contains("`Timeout` 60s"), "{}", f[0].0);
    assert_eq!(f[0].1, format!("{APACHE}:1"));
}

#[test]
fn a_proxy_section_for_the_sethandler_worker_sets_its_timeout() {
    // Each way of writing it: ProxySet inside, parameters on the tag, the
    // socket form of the name, a trailing slash.
    for (extra, line) in [
        ("<Proxy \"fcgi://localhost\">\nProxySet timeout=600\n</Proxy>\n", 11),
        ("<Proxy fcgi://localhost timeout=600>\n</Proxy>\n", 10),
        (
            "<Proxy \"unix:/run/php/php8.2-fpm.sock|fcgi://localhost\">\nProxySet timeout=600\n</Proxy>\n",
            11,
        ),
        ("<Proxy \"FCGI://LocalHost/\">\nProxySet timeout=600\n</Proxy>\n", 11),
    ] {
        let (dir, project) = httpd_to_pool(extra);
        assert_eq!(found(&dir, &project, GIVES_UP), vec![], "{extra}");
        // A short one is reported at the line that sets it.
        let (dir, project) = httpd_to_pool(&extra.replace("600", "20"));
        let f = found(&dir, &project, GIVES_UP);
        assert_eq!(f.len(), 1, "{extra}: {f:?}");
        assert!(f[0].0.contains("`timeout=` 20s"), "{}", f[0].0);
        assert_eq!(f[0].1, format!("{APACHE}:{line}"), "{extra}");
    }
}

#[test]
fn a_proxyset_naming_the_worker_sets_its_timeout() {
    let (dir, project) = httpd_to_pool(
        "<Proxy \"fcgi://localhost\">\n</Proxy>\nProxySet \"fcgi://localhost\" timeout=600\n",
    );
    assert_eq!(found(&dir, &project, GIVES_UP), vec![]);
}

#[test]
fn another_workers_section_or_another_vhosts_does_not_apply() {
    for extra in [
        "<Proxy \"fcgi://127.0.0.1:9000\">\nProxySet timeout=600\n</Proxy>\n",
        "<VirtualHost *:8080>\n<Proxy \"fcgi://localhost\">\nProxySet timeout=600\n</Proxy>\n</VirtualHost>\n",
        "<Proxy *>\nRequire all granted\n</Proxy>\n",
    ] {
        let (dir, project) = httpd_to_pool(extra);
        let f = found(&dir, &project, GIVES_UP);
        assert_eq!(f.len(), 1, "{extra}: {f:?}");
        assert!(f[0].0.contains("`Timeout` 60s"), "{extra}: {}", f[0].0);
    }
}

#[test]
fn values_that_may_each_apply_and_differ_leave_the_hop_unjudged() {
    for extra in [
        // A longer name serves some of the hop's requests.
        "<Proxy \"fcgi://localhost/var/www/slow\">\nProxySet timeout=20\n</Proxy>\n",
        // Two places for one worker that disagree.
        "<Proxy \"fcgi://localhost\" timeout=20>\nProxySet timeout=600\n</Proxy>\n",
        // A pattern: which hops it covers is not worked out.
        "<ProxyMatch \"^fcgi://.*\">\nProxySet timeout=20\n</ProxyMatch>\n",
    ] {
        let (dir, project) = httpd_to_pool(extra);
        assert_eq!(found(&dir, &project, GIVES_UP), vec![], "{extra}");
    }
}

#[test]
fn connectiontimeout_by_the_workers_name_is_read_once_per_line() {
    let (dir, project) = httpd_to_pool(
        "<Proxy \"fcgi://localhost\">\nProxySet connectiontimeout=90 timeout=600\n</Proxy>\n",
    );
    let f = found(&dir, &project, "proxy-connect-timeout-capped");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].0.contains("connectiontimeout=90"), "{}", f[0].0);
    assert_eq!(f[0].1, format!("{APACHE}:11"));
}

/// httpd proxying HTTP to a second httpd whose `KeepAliveTimeout` is 5 s.
fn httpd_to_httpd(front: &str) -> (tempfile::TempDir, Project) {
    let apache = format!(
        "LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n\
         LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n\
         LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n\
         Listen 80\nListen 8080\n\
         <VirtualHost *:80>\nProxyPass /app http://127.0.0.1:8080/\n{front}</VirtualHost>\n\
         <VirtualHost *:8080>\nKeepAliveTimeout 5\n</VirtualHost>\n"
    );
    common::check_tree(&[(APACHE, apache.as_str())])
}

#[test]
fn ttl_and_reuse_by_the_workers_name_are_read_for_the_keepalive_race() {
    const RACE: &str = "keepalive-outlives-backend";
    let (dir, project) = httpd_to_httpd("");
    assert_eq!(found(&dir, &project, RACE).len(), 1);
    // `ttl=` below the backend's 5 s, or no reuse: no race.
    for front in [
        "<Proxy \"http://127.0.0.1:8080/\">\nProxySet ttl=2\n</Proxy>\n",
        "<Proxy \"http://127.0.0.1:8080\" disablereuse=On>\n</Proxy>\n",
    ] {
        let (dir, project) = httpd_to_httpd(front);
        assert_eq!(found(&dir, &project, RACE), vec![], "{front}");
    }
    // A `ttl=` at or above it: the race, with the `ProxySet` line shown.
    let (dir, project) =
        httpd_to_httpd("<Proxy \"http://127.0.0.1:8080/\">\nProxySet ttl=10\n</Proxy>\n");
    let race: Vec<_> = project
        .diagnostics
        .iter()
        .filter(|d| d.code == RACE)
        .collect();
    assert_eq!(race.len(), 1, "{race:?}");
    assert!(
        race[0].message.contains("(`ttl=10`)"),
        "{}",
        race[0].message
    );
    let places: Vec<String> = race[0]
        .labels()
        .map(|l| common::place(&project, dir.path(), l))
        .collect();
    assert_eq!(
        places,
        [7, 9, 13].map(|l| format!("{APACHE}:{l}")),
        "the ProxyPass, the ProxySet and the backend's KeepAliveTimeout"
    );
}
