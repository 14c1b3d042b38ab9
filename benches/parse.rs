//! Parse throughput (MB/s per core) of each grammar on large generated
//! files, and the cost of checking whole trees as the number of sites grows
//! (it should stay linear). Run with `cargo bench`; pass `--quick` for a
//! smaller run.

use hoplint::load::Options;
use hoplint::parse;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn nginx_text(target: usize) -> String {
    let mut s = String::from("user www-data;\nworker_processes auto;\nevents { worker_connections 768; }\nhttp {\n    include mime.types;\n");
    let mut i = 0;
    loop {
        s.push_str(&format!(
            r#"    # site {i}: a PHP application
    server {{
        listen 80;
        listen [::]:80;
        server_name s{i}.example.com www.s{i}.example.com;
        root /srv/s{i}/public;
        index index.php index.html;
        add_header X-Frame-Options "SAMEORIGIN" always;
        location / {{
            try_files $uri $uri/ /index.php?$query_string;
        }}
        location ~ \.php$ {{
            include snippets/fastcgi-php.conf;
            fastcgi_pass unix:/run/php/php8.2-fpm-s{i}.sock;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_read_timeout 60s;
            fastcgi_buffers 16 16k;
        }}
        location ~ /\.(?!well-known) {{ deny all; }}
        if ($http_user_agent ~* "(bot|crawler)") {{ return 403; }}
    }}
"#
        ));
        i += 1;
        if s.len() >= target {
            break;
        }
    }
    s.push_str("}\n");
    s
}

fn apache_text(target: usize) -> String {
    let mut s =
        String::from("ServerRoot \"/etc/apache2\"\nLoadModule proxy_module modules/mod_proxy.so\n");
    let mut i = 0;
    loop {
        s.push_str(&format!(
            r#"# site {i}
<VirtualHost *:80>
    ServerName s{i}.example.com
    ServerAlias www.s{i}.example.com
    DocumentRoot "/srv/s{i}/public"
    <Directory "/srv/s{i}/public">
        Options -Indexes +FollowSymLinks
        AllowOverride All
        Require all granted
    </Directory>
    <FilesMatch "\.php$">
        SetHandler "proxy:unix:/run/php/php8.2-fpm-s{i}.sock|fcgi://localhost"
    </FilesMatch>
    ProxyPass /api/ http://127.0.0.1:8000/ timeout=30 \
        keepalive=On
    ErrorLog ${{APACHE_LOG_DIR}}/s{i}-error.log
</VirtualHost>
"#
        ));
        i += 1;
        if s.len() >= target {
            break;
        }
    }
    s
}

fn fpm_text(target: usize) -> String {
    let mut s = String::from(
        "[global]\npid = /run/php/php8.2-fpm.pid\nerror_log = /var/log/php8.2-fpm.log\n",
    );
    let mut i = 0;
    loop {
        s.push_str(&format!(
            r#"; pool {i}
[s{i}]
user = s{i}
group = s{i}
listen = /run/php/php8.2-fpm-$pool.sock
listen.owner = www-data
listen.group = www-data
listen.mode = 0660
pm = dynamic
pm.max_children = 20
pm.start_servers = 4
pm.min_spare_servers = 2
pm.max_spare_servers = 6
request_terminate_timeout = 60s
php_admin_value[memory_limit] = 256M
php_admin_value[error_log] = "/var/log/php/s{i}.log"
env[APP_ENV] = production
"#
        ));
        i += 1;
        if s.len() >= target {
            break;
        }
    }
    s
}

/// Best of `runs` timings of `f`.
fn best<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// CPU time of the calling thread. Throughput is per core, and on a
/// machine shared with other work the wall clock mostly measures the
/// others.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn throughput(name: &str, text: &str, runs: usize, parse: fn(&str) -> usize) {
    let mut cpu = Duration::MAX;
    let wall = best(runs, || {
        let start = thread_cpu();
        black_box(parse(black_box(text)));
        cpu = cpu.min(thread_cpu() - start);
    });
    let mb = text.len() as f64 / 1e6;
    println!(
        "parse {name:8} {mb:6.1} MB in {:7.1} ms CPU: {:6.1} MB/s per core ({:.1} ms wall)",
        cpu.as_secs_f64() * 1e3,
        mb / cpu.as_secs_f64(),
        wall.as_secs_f64() * 1e3,
    );
}

/// The best of three whole checks of the tree at `dir` as a server's `/`,
/// each result first shown to `verify`.
fn best_check(dir: &std::path::Path, verify: impl Fn(&hoplint::load::Project)) -> Duration {
    let opts = Options {
        root: Some(dir.to_path_buf()),
        display_base: Some(dir.to_path_buf()),
        kind: None,
    };
    best(3, || {
        let p = hoplint::check(&[dir.to_path_buf()], &opts);
        verify(&p);
        black_box(p);
    })
}

fn scaling(sites: usize) {
    let dir = tempfile::tempdir().unwrap();
    let etc = dir.path().join("etc");
    let nginx = etc.join("nginx");
    std::fs::create_dir_all(nginx.join("sites-enabled")).unwrap();
    std::fs::create_dir_all(etc.join("php/8.2/fpm/pool.d")).unwrap();
    std::fs::write(
        nginx.join("nginx.conf"),
        "events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n",
    )
    .unwrap();
    std::fs::write(
        etc.join("php/8.2/fpm/php-fpm.conf"),
        "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
    )
    .unwrap();
    let site = nginx_text(1);
    let pool = fpm_text(1);
    for i in 0..sites {
        std::fs::write(
            nginx.join(format!("sites-enabled/s{i}")),
            &site[site.find("    server").unwrap()..site.rfind('}').unwrap()],
        )
        .unwrap();
        std::fs::write(
            etc.join(format!("php/8.2/fpm/pool.d/s{i}.conf")),
            pool.replace("[s0]", &format!("[s{i}]")),
        )
        .unwrap();
    }
    // The whole check: loading, the stack model and every rule, so a rule
    // that compares every hop with every listener shows here.
    let d = best_check(dir.path(), |p| assert_eq!(p.files.len(), 2 + 2 * sites));
    println!(
        "check {sites:6} sites ({} files): {:8.1} ms, {:6.1} µs per site",
        2 + 2 * sites,
        d.as_secs_f64() * 1e3,
        d.as_secs_f64() * 1e6 / sites as f64
    );
}

/// The worst case for "did you mean": `sites` upstreams whose names are
/// all within two edits of many others (`app00000`…, or with `long`
/// 30-character names differing in their number), each site passing to
/// its own upstream and to a misspelling of it, so that every misspelling
/// is looked up. The near names of each grow slowly with the tree (more
/// numbers two digits apart), so the cost per site does too.
fn typos(sites: usize, long: bool) {
    let dir = tempfile::tempdir().unwrap();
    let nginx = dir.path().join("etc/nginx");
    std::fs::create_dir_all(nginx.join("sites-enabled")).unwrap();
    std::fs::write(
        nginx.join("nginx.conf"),
        "events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n",
    )
    .unwrap();
    let (name, typo) = if long {
        ("backend_upstream_servers_", "backend_upstreem_servers_")
    } else {
        ("app", "apq")
    };
    for i in 0..sites {
        std::fs::write(
            nginx.join(format!("sites-enabled/s{i}")),
            format!(
                "upstream {name}{i:05} {{ server 127.0.0.1:8080; }}\n\
                 server {{\n    listen 80;\n    server_name s{i}.example;\n\
                 location / {{ proxy_pass http://{name}{i:05}; }}\n\
                 location /a {{ proxy_pass http://{typo}{i:05}; }}\n}}\n"
            ),
        )
        .unwrap();
    }
    let d = best_check(dir.path(), |p| {
        let found = p
            .diagnostics
            .iter()
            .filter(|d| d.code == "upstream-unknown")
            .count();
        assert_eq!(found, sites);
    });
    println!(
        "typos {} {sites:6} sites: {:8.1} ms, {:6.1} µs per site",
        if long { "long " } else { "short" },
        d.as_secs_f64() * 1e3,
        d.as_secs_f64() * 1e6 / sites as f64
    );
}

/// `HOPLINT_BENCH_FILE=path[,kind]`: parse one file (nginx unless `kind`
/// is `apache` or `php-fpm`) and report MB/s, the best of five.
fn parse_file(spec: &str) {
    let (path, kind) = spec.split_once(',').unwrap_or((spec, "nginx"));
    let text = std::fs::read_to_string(path).expect("a readable UTF-8 file");
    let parse: fn(&str) -> usize = match kind {
        "apache" => |t| parse::apache::parse(t).tree.items.len(),
        "php-fpm" => |t| parse::php_fpm::parse(t).tree.items.len(),
        _ => |t| parse::nginx::parse(t).tree.items.len(),
    };
    throughput(kind, &text, 5, parse);
}

fn main() {
    if let Ok(spec) = std::env::var("HOPLINT_BENCH_FILE") {
        parse_file(&spec);
        return;
    }
    // `HOPLINT_BENCH_SITES=10000` times only that tree (for a profiler).
    if let Some(n) = std::env::var("HOPLINT_BENCH_SITES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        scaling(n);
        return;
    }
    // `HOPLINT_BENCH_TYPOS=8000`: only the "did you mean" worst cases.
    if let Some(n) = std::env::var("HOPLINT_BENCH_TYPOS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        typos(n, false);
        typos(n, true);
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let size = if quick { 4_000_000 } else { 32_000_000 };
    let runs = if quick { 2 } else { 5 };
    throughput("nginx", &nginx_text(size), runs, |t| {
        parse::nginx::parse(t).tree.items.len()
    });
    throughput("apache", &apache_text(size), runs, |t| {
        parse::apache::parse(t).tree.items.len()
    });
    throughput("php-fpm", &fpm_text(size), runs, |t| {
        parse::php_fpm::parse(t).tree.items.len()
    });
    let counts: &[usize] = if quick {
        &[100, 1000]
    } else {
        &[100, 1000, 10000]
    };
    for &n in counts {
        scaling(n);
    }
    for &n in counts {
        typos(n, false);
        typos(n, true);
    }
}
