//! A guard against a quadratic rule or model step coming back: the model
//! is built and every rule of the registry runs on a generated server of
//! 1,000 sites and of 4,000, and none may take more than 8× as long on
//! four times the sites. The bound is a ratio, never a time, and generous
//! (linear is 4×), so a busy machine does not fail it; a step that compares
//! every site with every other grows 16× and does. Each step is timed in
//! the CPU time of its thread, the best of several runs.
//!
//! Each site is shaped like a real one and gives every rule work: an nginx
//! server with an upstream (keepalive), a `map` and a `set` feeding a hop,
//! PHP through a unix socket, a proxy to httpd; a php-fpm pool; an httpd
//! vhost with `ProxyPass`, `SetHandler "proxy:unix:…"` and a `<Proxy>`
//! section. Some hops are broken so that the reporting paths run too.

use hoplint::config::Config;
use hoplint::load::{Options, Project};
use hoplint::model::ListenIndex;
use hoplint::rules::{Context, Phase, REGISTRY};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

fn site_files(i: usize, out: &mut Vec<(String, String)>) {
    let port = 10_000 + i;
    // Every tenth site points at a socket no pool creates and a port one
    // typo from a listener; every seventh upstream is unused.
    let sock = if i.is_multiple_of(10) {
        format!("/run/php/missing-{i}.sock")
    } else {
        format!("/run/php/site{i}.sock")
    };
    let mut nginx = String::new();
    writeln!(
        nginx,
        "upstream app{i} {{\n    server 127.0.0.1:{port};\n    keepalive 8;\n}}\n\
         map $http_x_variant $pool{i} {{\n    default unix:{sock};\n    beta unix:/run/php/site{i}.sock;\n}}\n\
         server {{\n    listen 80;\n    server_name site{i}.example.test www.site{i}.example.test;\n    root /srv/site{i}/public;\n\
         \x20   location / {{\n        try_files $uri /index.php?$query_string;\n    }}\n\
         \x20   location ~ \\.php$ {{\n        fastcgi_pass $pool{i};\n        fastcgi_read_timeout 20s;\n        fastcgi_buffers 8 16k;\n        include fastcgi_params;\n    }}\n\
         \x20   location /direct {{\n        fastcgi_pass unix:{sock};\n    }}\n\
         \x20   location /api/ {{\n        proxy_pass http://app{i};\n        proxy_http_version 1.1;\n        proxy_read_timeout 30s;\n    }}\n\
         \x20   location /legacy/ {{\n        set $legacy http://127.0.0.1:8080;\n        proxy_pass $legacy;\n        proxy_buffer_size 2k;\n    }}\n\
         \x20   location /old/ {{\n        proxy_pass http://127.0.0.1:8081;\n    }}\n}}"
    )
    .unwrap();
    if i.is_multiple_of(7) {
        writeln!(
            nginx,
            "upstream spare{i} {{\n    server 127.0.0.1:{};\n}}",
            port + 1
        )
        .unwrap();
    }
    out.push((format!("etc/nginx/sites-enabled/site{i}"), nginx));
    out.push((
        format!("etc/php/8.2/fpm/pool.d/site{i}.conf"),
        format!(
            "[site{i}]\nuser = site{i}\ngroup = site{i}\nlisten = /run/php/site{i}.sock\n\
             listen.owner = www-data\nlisten.group = www-data\npm = dynamic\npm.max_children = 10\n\
             pm.start_servers = 2\npm.min_spare_servers = 1\npm.max_spare_servers = 3\n\
             request_terminate_timeout = 60s\nphp_admin_value[memory_limit] = 256M\n"
        ),
    ));
    out.push((
        format!("etc/apache2/sites-enabled/site{i}.conf"),
        format!(
            "<VirtualHost *:8080>\n    ServerName site{i}.example.test\n    ProxyTimeout 40\n\
             \x20   ProxyPass /app/ http://127.0.0.1:{port}/\n    ProxyPassReverse /app/ http://127.0.0.1:{port}/\n\
             \x20   <FilesMatch \\.php$>\n        SetHandler \"proxy:unix:{sock}|fcgi://site{i}\"\n    </FilesMatch>\n\
             \x20   <Proxy \"fcgi://site{i}\">\n        ProxySet timeout=50\n    </Proxy>\n</VirtualHost>\n"
        ),
    ));
}

/// How the php-fpm side is read.
#[derive(Clone, Copy)]
pub(crate) enum Pools {
    /// `php-fpm.conf` includes `pool.d/*.conf`: one master.
    UnderMaster,
    /// No master: each pool file is read alone, as `hoplint check pool.d/`
    /// reads them, or a tree whose master includes from a path the check
    /// does not hold. Every file is a root of its own.
    Alone,
}

fn write_server(dir: &Path, sites: usize, pools: Pools) {
    let mut files: Vec<(String, String)> = vec![
        (
            "etc/nginx/nginx.conf".into(),
            "user www-data;\nworker_processes 2;\nevents {\n    worker_connections 1024;\n}\n\
             http {\n    keepalive_timeout 65;\n    include /etc/nginx/sites-enabled/*;\n}\n"
                .into(),
        ),
        (
            "etc/nginx/fastcgi_params".into(),
            "fastcgi_param QUERY_STRING $query_string;\n".into(),
        ),
        (
            "etc/php/8.2/fpm/php-fpm.conf".into(),
            "[global]\npid = /run/php/php8.2-fpm.pid\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n"
                .into(),
        ),
        (
            "etc/php/8.2/fpm/php.ini".into(),
            "[PHP]\nmax_execution_time = 90\nmemory_limit = 128M\n".into(),
        ),
        (
            "etc/apache2/apache2.conf".into(),
            "ServerRoot \"/etc/apache2\"\nListen 8080\nKeepAliveTimeout 5\nTimeout 300\n\
             LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n\
             LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n\
             LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so\n\
             IncludeOptional sites-enabled/*.conf\n"
                .into(),
        ),
        (
            "etc/passwd".into(),
            "root:x:0:0::/root:/bin/sh\nwww-data:x:33:33::/var/www:/bin/false\n".into(),
        ),
        ("etc/group".into(), "root:x:0:\nwww-data:x:33:\n".into()),
    ];
    for i in 0..sites {
        site_files(i, &mut files);
    }
    if let Pools::Alone = pools {
        files.retain(|(path, _)| !path.ends_with("php-fpm.conf"));
    }
    crate::common::write_tree(dir, &files);
}

/// A generated server, read.
pub(crate) fn load(dir: &Path, sites: usize, pools: Pools) -> Project {
    write_server(dir, sites, pools);
    let t = Instant::now();
    let project: Project = hoplint::load::load(
        &[dir.to_path_buf()],
        &Options {
            root: Some(dir.to_path_buf()),
            display_base: Some(dir.to_path_buf()),
            kind: None,
        },
    );
    assert!(
        project.files.len() > 3 * sites,
        "the generated server was not read: {} files",
        project.files.len()
    );
    eprintln!("{sites} sites loaded in {:.2?}", t.elapsed());
    project
}

/// The CPU time this thread has used. The model and the rules run on the
/// calling thread, so other work on a busy machine (the other tests, a
/// build) does not count, as it would in wall time.
fn cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to write.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(r, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// One run of the model build and of each rule, each step's CPU time
/// kept if it is the shortest seen so far.
fn time_once(project: &Project, best: &mut BTreeMap<&'static str, Duration>) {
    let config = Config::default();
    let mut keep = |name: &'static str, d: Duration| {
        let e = best.entry(name).or_insert(d);
        *e = (*e).min(d);
    };
    let start = cpu_time();
    let stack = hoplint::model::build(project);
    keep("(model)", cpu_time() - start);
    // What the rules share, found once per check.
    let start = cpu_time();
    let listeners = stack.listeners();
    let listen_index = ListenIndex::new(&listeners);
    let targets = stack.targets();
    keep("(shared)", cpu_time() - start);
    let cx = Context {
        stack: &stack,
        host: &project.host,
        config: &config,
        listeners: &listeners,
        listen_index: &listen_index,
        targets: &targets,
    };
    let mut found = Vec::new();
    for rule in REGISTRY {
        if let Phase::Stack(check) = rule.phase {
            let start = cpu_time();
            found.extend(check(&cx));
            keep(rule.meta.code, cpu_time() - start);
        }
    }
    for rule in REGISTRY {
        if let Phase::Review(check) = rule.phase {
            let start = cpu_time();
            check(&cx, &found);
            keep(rule.meta.code, cpu_time() - start);
        }
    }
}

/// Sites in the smaller server (the larger has four times as many).
const SMALL: usize = 1000;

/// Runs of each size, taken in turn, so that a slow spell of the machine
/// (frequency, caches shared with other work) falls on both sizes.
const ROUNDS: usize = 5;

#[test]
fn every_rule_and_the_model_grow_linearly_with_the_sites() {
    grow_linearly(Pools::UnderMaster);
}

/// Each pool file a root: the model once rebuilt, for every root, a map
/// of the pools read before it (10,000 pool files: 9 s of 4.4).
#[test]
fn the_model_grows_linearly_when_each_pool_file_is_read_alone() {
    grow_linearly(Pools::Alone);
}

fn grow_linearly(pools: Pools) {
    let (small_dir, large_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let small_project = load(small_dir.path(), SMALL, pools);
    let large_project = load(large_dir.path(), 4 * SMALL, pools);
    let (mut small, mut large) = (BTreeMap::new(), BTreeMap::new());
    for _ in 0..ROUNDS {
        time_once(&small_project, &mut small);
        time_once(&large_project, &mut large);
    }
    let mut report = String::new();
    let mut failed = Vec::new();
    for (name, s) in &small {
        let l = large[name];
        // Steps too fast to time (a rule with nothing to judge) are left out:
        // below 2 ms a ratio measures the clock.
        let ratio = l.as_secs_f64() / s.as_secs_f64().max(1e-9);
        writeln!(report, "{name:<32} {s:>12.2?} {l:>12.2?} {ratio:>6.1}×").unwrap();
        if l > Duration::from_millis(2) && ratio > 8.0 {
            failed.push(*name);
        }
    }
    eprintln!("{report}");
    assert!(
        failed.is_empty(),
        "grows faster than linearly ({SMALL} → 4×{SMALL} sites, more than 8×): {failed:?}\n{report}"
    );
}
