//! The edges of the capacity rules: php-fpm's own pool checks, the RAM
//! arithmetic, the accept queue against nginx's concurrency, and
//! `worker_rlimit_nofile`.

use crate::common;

use hoplint::config::Config;
use hoplint::diagnostic::Severity;

const FPM: &str = "etc/php/8.2/fpm/php-fpm.conf";
const POOL: &str = "etc/php/8.2/fpm/pool.d/www.conf";
const NGINX: &str = "etc/nginx/nginx.conf";

/// (severity, primary file:line, message) of every finding of `code`.
fn findings(code: &str, files: &[(&str, &str)], toml: &str) -> Vec<(Severity, String, String)> {
    let config = Config::parse(toml).unwrap();
    let (dir, project) = common::check_tree_with(files, &config);
    project
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let l = d.primary.as_ref().unwrap();
            let f = project.file(l.file);
            let place = format!(
                "{}:{}",
                f.path.strip_prefix(dir.path()).unwrap_or(&f.path).display(),
                f.line_col(l.range.start).0
            );
            (d.severity, place, d.message.clone())
        })
        .collect()
}

const MASTER: &str = "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n";

// ---- php-fpm-pool-invalid -------------------------------------------------

/// The php-fpm message quoted by each finding, with its line in www.conf.
fn invalid(pool: &str) -> Vec<(String, String)> {
    findings("php-fpm-pool-invalid", &[(FPM, MASTER), (POOL, pool)], "")
        .into_iter()
        .map(|(s, at, m)| {
            assert_eq!(s, Severity::Error);
            let said = m.split('`').nth(1).unwrap().to_string();
            (at.trim_start_matches(POOL).to_string(), said)
        })
        .collect()
}

fn pool(body: &str) -> String {
    format!("[www]\nuser = www-data\nlisten = /run/php/x.sock\n{body}")
}

fn one(at: &str, said: &str) -> Vec<(String, String)> {
    vec![(at.to_string(), said.to_string())]
}

#[test]
fn valid_pools_are_silent() {
    assert_eq!(invalid(&pool("pm = static\npm.max_children = 5\n")), vec![]);
    assert_eq!(
        invalid(&pool("PM = Dynamic\npm.max_children = 5\npm.min_spare_servers = 1\npm.max_spare_servers = 3\n")),
        vec![],
        "keys and `pm` compared without case; start_servers unset is computed"
    );
    assert_eq!(
        invalid(&pool("pm = ondemand\npm.max_children = 5\n")),
        vec![],
        "idle timeout defaults to 10s"
    );
    assert_eq!(
        invalid(&pool(
            "pm = static\npm.max_children = 5\nphp_admin_value[memory_limit] = 1G\nenv[PATH] = /bin\nlisten.acl_users = www-data\napparmor_hat = x\nrlimit_core = unlimited\nrequest_terminate_timeout = 30s\n"
        )),
        vec![]
    );
    // Numbers from the environment are not judged.
    assert_eq!(
        invalid(&pool("pm = ${PM}\npm.max_children = ${N}\n")),
        vec![]
    );
}

#[test]
fn process_manager_checks_in_php_fpms_order_and_words() {
    assert_eq!(
        invalid(&pool("pm.max_children = 5\n")),
        one(
            ":1",
            "[pool www] the process manager is missing (static, dynamic or ondemand)"
        )
    );
    assert_eq!(
        invalid(&pool("pm = static\n")),
        one(":1", "[pool www] pm.max_children must be a positive value")
    );
    assert_eq!(
        invalid(&pool("pm = static\npm.max_children = 0\n")),
        one(":5", "[pool www] pm.max_children must be a positive value")
    );
    assert_eq!(
        invalid(&pool("pm = dynamic\npm.max_children = 5\n")),
        one(
            ":1",
            "[pool www] pm.min_spare_servers(0) must be a positive value"
        )
    );
    assert_eq!(
        invalid(&pool(
            "pm = dynamic\npm.max_children = 5\npm.min_spare_servers = 1\n"
        )),
        one(
            ":1",
            "[pool www] pm.max_spare_servers(0) must be a positive value"
        )
    );
    assert_eq!(
        invalid(&pool("pm = dynamic\npm.max_children = 5\npm.min_spare_servers = 3\npm.max_spare_servers = 2\n")),
        one(":7", "[pool www] pm.max_spare_servers(2) must not be less than pm.min_spare_servers(3)")
    );
    assert_eq!(
        invalid(&pool("pm = dynamic\npm.max_children = 5\npm.min_spare_servers = 6\npm.max_spare_servers = 2\n")),
        one(":6", "[pool www] pm.min_spare_servers(6) and pm.max_spare_servers(2) cannot be greater than pm.max_children(5)")
    );
    assert_eq!(
        invalid(&pool("pm = dynamic\npm.max_children = 5\npm.min_spare_servers = 1\npm.max_spare_servers = 3\npm.start_servers = 4\n")),
        one(":8", "[pool www] pm.start_servers(4) must not be less than pm.min_spare_servers(1) and not greater than pm.max_spare_servers(3)")
    );
    assert_eq!(
        invalid(&pool("pm = dynamic\npm.max_children = 5\npm.min_spare_servers = 1\npm.max_spare_servers = 3\npm.max_spawn_rate = 0\n")),
        one(":8", "[pool www] pm.max_spawn_rate must be a positive value")
    );
    assert_eq!(
        invalid(&pool(
            "pm = ondemand\npm.max_children = 5\npm.process_idle_timeout = 0s\n"
        )),
        one(
            ":6",
            "[pool www] pm.process_idle_timeout(0s) must be greater than 0s"
        )
    );
    // Spare servers are not checked for static and ondemand pools.
    assert_eq!(
        invalid(&pool(
            "pm = static\npm.max_children = 2\npm.max_spare_servers = 9\n"
        )),
        vec![]
    );
    assert_eq!(
        invalid("[www]\nuser = www-data\npm = static\npm.max_children = 2\n"),
        one(":1", "[pool www] no listen address have been defined!")
    );
}

#[test]
fn unknown_keys_and_unreadable_values() {
    assert_eq!(
        invalid(&pool(
            "pm = static\npm.max_childs = 5\npm.max_children = 5\n"
        )),
        one(":5", "unknown entry 'pm.max_childs'")
    );
    assert_eq!(
        invalid(&pool(
            "pm = static\npm.max_children = 5\nphp_vaule[x] = 1\n"
        )),
        one(":6", "unknown directive 'php_vaule'")
    );
    // A [global] key in a pool, FreeBSD's key on Linux.
    assert_eq!(
        invalid(&pool(
            "pm = static\npm.max_children = 5\nlisten.setfib = 1\nlog_level = debug\n"
        )),
        vec![
            (":6".into(), "unknown entry 'listen.setfib'".into()),
            (":7".into(), "unknown entry 'log_level'".into())
        ]
    );
    // An unreadable value stops php-fpm before the pool checks.
    assert_eq!(
        invalid(&pool("pm = static\npm.max_children = 5 workers\n")),
        one(":5", "unable to parse value for entry 'pm.max_children': is not a valid number (greater or equal than zero)")
    );
    assert_eq!(
        invalid(&pool("pm = auto\npm.max_children = 5\n")),
        one(":4", "unable to parse value for entry 'pm': invalid process manager (static, dynamic or ondemand)")
    );
    assert_eq!(
        invalid(&pool("pm = static\npm.max_children = 5\nrequest_terminate_timeout = 30x\n")),
        one(":6", "unable to parse value for entry 'request_terminate_timeout': unknown suffix used in time value")
    );
}

#[test]
fn global_section_keys_are_checked_in_master_files_only() {
    let p = pool("pm = static\npm.max_children = 5\n");
    let f = |master: &str| {
        findings("php-fpm-pool-invalid", &[(FPM, master), (POOL, &p)], "")
            .into_iter()
            .map(|(_, at, m)| (at, m.split('`').nth(1).unwrap().to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        f("[global]\npm.max_children = 5\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n"),
        vec![(format!("{FPM}:2"), "unknown entry 'pm.max_children'".into())]
    );
    assert_eq!(
        f("[global]\nsyslog.ident = x\nsystemd_interval = 10\nprocess.max = 128\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n"),
        vec![]
    );
    // A pool fragment read alone: its keys may belong to the pool that
    // includes it.
    let got = findings(
        "php-fpm-pool-invalid",
        &[("etc/php/8.2/fpm/pool.d/extra.conf", "pm.max_children = 5\n")],
        "",
    );
    assert_eq!(got, vec![]);
}

// ---- pool-memory-overcommit ------------------------------------------------

fn memory(
    pools: &[(&str, &str)],
    php_ini: Option<&str>,
    toml: &str,
) -> Vec<(Severity, String, String)> {
    let mut files: Vec<(String, String)> = vec![(FPM.into(), MASTER.into())];
    for (name, body) in pools {
        files.push((
            format!("etc/php/8.2/fpm/pool.d/{name}.conf"),
            format!(
                "[{name}]\nuser = www-data\nlisten = /run/php/{name}.sock\npm = static\n{body}"
            ),
        ));
    }
    if let Some(ini) = php_ini {
        files.push(("etc/php/8.2/fpm/php.ini".into(), ini.into()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    findings("pool-memory-overcommit", &refs, toml)
}

#[test]
fn without_a_known_ram_the_rule_is_silent() {
    assert_eq!(
        memory(&[("www", "pm.max_children = 500\n")], None, ""),
        vec![]
    );
    assert_eq!(
        memory(
            &[("www", "pm.max_children = 500\n")],
            None,
            "[host]\nchild_rss = \"100M\"\n"
        ),
        vec![]
    );
}

#[test]
fn the_bound_alone_is_a_warning_with_the_arithmetic() {
    // 20 × 128M (PHP's default) = 2.5G > 2G.
    let got = memory(
        &[("www", "pm.max_children = 20\n")],
        None,
        "[host]\nram = \"2G\"\n",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Severity::Warning);
    assert_eq!(got[0].1, "etc/php/8.2/fpm/pool.d/www.conf:5");
    assert!(
        got[0]
            .2
            .contains("2.5G in all, more than the 2G of RAM (declared)"),
        "{}",
        got[0].2
    );
    assert!(
        got[0]
            .2
            .contains("pool `www`: 20 × 128M memory_limit (PHP's default) = 2.5G"),
        "{}",
        got[0].2
    );
    // 16 × 128M = 2G exactly fits.
    assert_eq!(
        memory(
            &[("www", "pm.max_children = 16\n")],
            None,
            "[host]\nram = \"2G\"\n"
        ),
        vec![]
    );
}

#[test]
fn memory_limit_comes_from_the_pool_then_php_ini() {
    let ram = "[host]\nram = \"4G\"\n";
    // php.ini's 512M: 10 × 512M = 5G > 4G.
    let got = memory(
        &[("www", "pm.max_children = 10\n")],
        Some("[PHP]\nmemory_limit = 512M\n"),
        ram,
    );
    assert_eq!(got.len(), 1);
    assert!(
        got[0].2.contains("10 × 512M memory_limit = 5G"),
        "{}",
        got[0].2
    );
    // The pool's admin value wins over php.ini.
    let got = memory(
        &[(
            "www",
            "pm.max_children = 10\nphp_admin_value[memory_limit] = 256M\n",
        )],
        Some("[PHP]\nmemory_limit = 512M\n"),
        ram,
    );
    assert_eq!(got, vec![]);
    // -1: no bound; without a typical size nothing is known.
    let got = memory(
        &[(
            "www",
            "pm.max_children = 100\nphp_admin_value[memory_limit] = -1\n",
        )],
        None,
        ram,
    );
    assert_eq!(got, vec![]);
}

#[test]
fn the_typical_size_overcommitting_is_an_error_summed_over_pools() {
    let toml = "[host]\nram = \"4G\"\nchild_rss = \"100M\"\n";
    // 25 × 100M + 20 × 100M = 4.4G > 4G.
    let got = memory(
        &[
            ("a", "pm.max_children = 25\n"),
            (
                "b",
                "pm.max_children = 20\nphp_admin_value[memory_limit] = -1\n",
            ),
        ],
        None,
        toml,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Severity::Error);
    assert!(
        got[0]
            .2
            .contains("45 php-fpm workers at their typical 100M each need 4.4G"),
        "{}",
        got[0].2
    );
    assert!(
        got[0]
            .2
            .contains("pool `a`: 25 × 100M typical = 2.4G; pool `b`: 20 × 100M typical = 2.0G"),
        "{}",
        got[0].2
    );
    // Typical fits (2G) but the bound does not (40 × 128M = 5G): warning.
    let got = memory(
        &[
            ("a", "pm.max_children = 20\n"),
            ("b", "pm.max_children = 20\n"),
        ],
        None,
        toml,
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, Severity::Warning);
    // Typical fits and one pool is unbounded: silent.
    let got = memory(
        &[
            ("a", "pm.max_children = 20\n"),
            (
                "b",
                "pm.max_children = 20\nphp_admin_value[memory_limit] = -1\n",
            ),
        ],
        None,
        toml,
    );
    assert_eq!(got, vec![]);
    // A number from the environment makes the total unknown.
    let got = memory(
        &[
            ("a", "pm.max_children = ${N}\n"),
            ("b", "pm.max_children = 99\n"),
        ],
        None,
        toml,
    );
    assert_eq!(got, vec![]);
}

// ---- listen-backlog-overflow -------------------------------------------------

fn backlog(main: &str, pool_body: &str, toml: &str) -> Vec<(Severity, String, String)> {
    let ngx = format!(
        "{main}\nhttp {{ server {{ listen 80; location ~ \\.php$ {{ fastcgi_pass unix:/run/php/x.sock; }} }} }}\n"
    );
    findings(
        "listen-backlog-overflow",
        &[(NGINX, &ngx), (FPM, MASTER), (POOL, &pool(pool_body))],
        toml,
    )
}

#[test]
fn a_small_written_backlog_under_nginxs_concurrency_is_a_warning() {
    // 1 × 128 / 2 = 64 requests > 1 worker + a queue of 2.
    let got = backlog(
        "worker_processes 1;\nevents { worker_connections 128; }",
        "pm = static\npm.max_children = 1\nlisten.backlog = 1\n",
        "",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Severity::Warning);
    assert_eq!(got[0].1, format!("{POOL}:6"));
    assert!(
        got[0].2.contains("nginx can pass 64 requests at once"),
        "{}",
        got[0].2
    );
    assert!(
        got[0].2.contains("the pool holds 3: 1 worker(s)"),
        "{}",
        got[0].2
    );
    // 6 workers + a queue of 65 hold the 64.
    assert_eq!(
        backlog(
            "worker_processes 1;\nevents { worker_connections 128; }",
            "pm = static\npm.max_children = 6\nlisten.backlog = 64\n",
            ""
        ),
        vec![]
    );
    // Exactly enough: 64 = 1 + 62 + 1.
    assert_eq!(
        backlog(
            "worker_processes 1;\nevents { worker_connections 128; }",
            "pm = static\npm.max_children = 1\nlisten.backlog = 62\n",
            ""
        ),
        vec![]
    );
}

#[test]
fn defaults_alone_are_not_judged_but_a_declared_somaxconn_is() {
    // nginx's defaults: 1 × 512 / 2 = 256; the default backlog is unwritten.
    assert_eq!(
        backlog("events {}", "pm = static\npm.max_children = 1\n", ""),
        vec![]
    );
    let got = backlog(
        "events {}",
        "pm = static\npm.max_children = 1\n",
        "[host]\nsomaxconn = 128\n",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].2.contains("the pool holds 130"), "{}", got[0].2);
    // -1 and values above the cap become the cap.
    assert_eq!(
        backlog(
            "events {}",
            "pm = static\npm.max_children = 1\nlisten.backlog = -1\n",
            ""
        ),
        vec![]
    );
    assert_eq!(
        backlog(
            "events {}",
            "pm = static\npm.max_children = 1\nlisten.backlog = 100000\n",
            "[host]\nsomaxconn = 128\n"
        )
        .len(),
        1
    );
    // ondemand raises a backlog below -1 to -1.
    assert_eq!(
        backlog(
            "events {}",
            "pm = ondemand\npm.max_children = 1\nlisten.backlog = -5\n",
            ""
        ),
        vec![]
    );
}

/// `FPM_BACKLOG_DEFAULT` on Linux is 511 in 7.4 to 8.1 and -1 from 8.2.0
/// (`fpm_sockets.h`): the default of an unwritten backlog, and the least
/// `ondemand` keeps.
#[test]
fn the_default_backlog_follows_the_php_release() {
    let php81 = "[versions]\nphp = \"8.1\"\n";
    // 1 × 128 / 2 = 64 requests; ondemand raises 10 to 511 before 8.2.
    let ondemand = "pm = ondemand\npm.max_children = 1\nlisten.backlog = 10\n";
    let main = "worker_processes 1;\nevents { worker_connections 128; }";
    assert_eq!(backlog(main, ondemand, "").len(), 1);
    assert_eq!(backlog(main, ondemand, php81), vec![]);
    // 1 × 2048 / 2 = 1024 requests; somaxconn 1024: 8.2's default -1 holds
    // them (1 + 1025), 8.1's 511 does not.
    let main = "worker_processes 1;\nevents { worker_connections 2048; }";
    let cap = "[host]\nsomaxconn = 1024\n";
    let unwritten = "pm = static\npm.max_children = 1\n";
    assert_eq!(backlog(main, unwritten, cap), vec![]);
    let got = backlog(main, unwritten, &format!("{php81}{cap}"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].2.contains("an accept queue of 512 (the default backlog of 511 (before PHP 8.2), capped by `somaxconn` 1024"),
        "{}",
        got[0].2
    );
}

#[test]
fn auto_workers_count_as_one_and_tcp_pools_are_not_judged() {
    let got = backlog(
        "worker_processes auto;\nevents { worker_connections 1024; }",
        "pm = static\npm.max_children = 4\nlisten.backlog = 16\n",
        "",
    );
    assert_eq!(got.len(), 1);
    assert!(got[0].2.contains("`worker_processes auto`"), "{}", got[0].2);
    let ngx = "events { worker_connections 1024; }\nhttp { server { location / { fastcgi_pass 127.0.0.1:9000; } } }\n";
    let tcp = "[www]\nuser = www-data\nlisten = 127.0.0.1:9000\npm = static\npm.max_children = 1\nlisten.backlog = 1\n";
    assert_eq!(
        findings(
            "listen-backlog-overflow",
            &[(NGINX, ngx), (FPM, MASTER), (POOL, tcp)],
            ""
        ),
        vec![]
    );
}

// ---- worker-rlimit-nofile-low ------------------------------------------------

fn rlimit(main: &str) -> Vec<(Severity, String, String)> {
    findings(
        "worker-rlimit-nofile-low",
        &[(NGINX, &format!("{main}\nhttp {{}}\n"))],
        "",
    )
}

#[test]
fn rlimit_below_worker_connections() {
    let got = rlimit("worker_rlimit_nofile 100;\nevents { worker_connections 128; }");
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].0, got[0].1.as_str()),
        (Severity::Warning, "etc/nginx/nginx.conf:1")
    );
    // The default 512 connections count too.
    assert_eq!(rlimit("worker_rlimit_nofile 256;\nevents {}").len(), 1);
    assert_eq!(
        rlimit("worker_rlimit_nofile 128;\nevents { worker_connections 128; }"),
        vec![]
    );
    assert_eq!(rlimit("events { worker_connections 100000; }"), vec![]);
}

#[test]
fn a_pool_file_read_alone_may_be_a_partial_override() {
    let alone = |body: &str| {
        findings(
            "php-fpm-pool-invalid",
            &[("etc/php/8.2/fpm/pool.d/www.conf", body)],
            "",
        )
        .len()
    };
    // No master includes it: pm, listen and the spare servers may be set
    // in the pool it overrides.
    assert_eq!(alone("[www]\npm.max_requests = 500\n"), 0);
    assert_eq!(alone("[www]\npm = dynamic\npm.max_children = 5\n"), 0);
    // What it writes is still judged.
    assert_eq!(
        alone("[www]\nlisten = /run/x.sock\npm = static\npm.max_children = 0\n"),
        1
    );
    assert_eq!(alone("[www]\npm.max_childs = 5\n"), 1);
}

#[test]
fn a_missing_include_may_hold_what_the_pool_lacks() {
    let master =
        "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\ninclude=/etc/php-fpm.d/*.conf\n";
    let got = findings(
        "php-fpm-pool-invalid",
        &[(FPM, master), (POOL, "[www]\nlisten = /run/php/x.sock\n")],
        "",
    );
    assert_eq!(got, vec![]);
    // With every include read, the missing `pm` is php-fpm's refusal.
    let got = findings(
        "php-fpm-pool-invalid",
        &[(FPM, MASTER), (POOL, "[www]\nlisten = /run/php/x.sock\n")],
        "",
    );
    assert_eq!(got.len(), 1);
}
