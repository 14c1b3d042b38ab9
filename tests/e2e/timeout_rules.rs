//! The timeout rules against the real servers: a script sleeping 3 s under
//! `request_terminate_timeout = 1s` is killed by php-fpm (nginx 502), under
//! `fastcgi_read_timeout 1s` nginx gives up (504) while the worker runs on;
//! hoplint flags both, and the aligned stacks answer 200 and are silent.

use crate::harness::{
    assert_log_line, free_port, nginx_php_location, read_lossy, wait_until, Stack, APACHE, NGINX,
    PHP_FPM,
};
use crate::http::{get, send_concurrent, Request, Response};
use hoplint::diagnostic::Severity;
use std::time::{Duration, Instant};

const GIVES_UP: &str = "proxy-gives-up-first";
const KILLS: &str = "fpm-kills-before-php-limit";

/// nginx in front of one TCP pool; `location` goes into the PHP location,
/// `pool` into the pool. `slow.php` sleeps 3 s, `ok.php` answers at once.
fn stack(name: &str, location: &str, pool: &str) -> Option<(Stack, u16)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    s.script("ok.php", "<?php echo 'ok';");
    let fpm = free_port();
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n{pool}\n"));
    let port = free_port();
    // The harness closes the `fastcgi_pass` line with `;`: extra directives
    // go before that last `;`.
    let pass = if location.is_empty() {
        format!("127.0.0.1:{fpm}")
    } else {
        format!("127.0.0.1:{fpm};\n{location}")
    };
    let loc = nginx_php_location(&pass);
    let server = format!(
        "server {{\nlisten 127.0.0.1:{port};\nroot {};\n{loc}}}\n",
        s.docroot().display()
    );
    s.nginx("www-data www-data", &server, port);
    Some((s, port))
}

fn finds(s: &Stack, code: &str) -> Vec<(Severity, String)> {
    s.hoplint_findings(code, false)
}

#[test]
fn fpm_killing_first_is_502_and_flagged() {
    let Some((s, port)) = stack(
        "rule_fpm_kills",
        "",
        "request_terminate_timeout = 1s\nphp_admin_value[max_execution_time] = 30",
    ) else {
        return;
    };
    let fpm_log = s.servers()[0].error_log.clone();
    let nginx_log = s.servers()[1].error_log.clone();
    let start = Instant::now();
    assert_eq!(get(port, "/slow.php", "localhost").status, 502);
    assert!(start.elapsed() < Duration::from_millis(2900));
    let mut line = String::new();
    wait_until(Duration::from_secs(3), || {
        line = read_lossy(&nginx_log)
            .lines()
            .find(|l| {
                l.contains("recv() failed (104: Connection reset by peer) while reading response header from upstream")
                    || l.contains("upstream prematurely closed connection while reading response header from upstream")
            })
            .unwrap_or_default()
            .to_string();
        !line.is_empty()
    });
    assert!(!line.is_empty(), "{}", read_lossy(&nginx_log));
    eprintln!("nginx: {line}");
    let killed = assert_log_line(&fpm_log, "execution timed out (");
    assert!(killed.contains("terminating"), "{killed}");
    eprintln!("php-fpm: {killed}");

    let found = finds(&s, KILLS);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    // nginx's 60 s default outlives the pool's 1 s: no 504 claimed.
    assert_eq!(finds(&s, GIVES_UP), vec![]);
    s.finish();
}

#[test]
fn nginx_giving_up_first_is_504_and_flagged() {
    let Some((s, port)) = stack(
        "rule_proxy_gives_up",
        "fastcgi_read_timeout 1s",
        "request_terminate_timeout = 10s\nphp_admin_value[max_execution_time] = 5",
    ) else {
        return;
    };
    let nginx_log = s.servers()[1].error_log.clone();
    // Both of the pool's 2 workers take a slow request; nginx gives up on
    // each after 1 s.
    let start = Instant::now();
    let slow = send_concurrent(port, &Request::get("/slow.php", "localhost"), 2);
    for r in &slow {
        assert_eq!(r.as_ref().map(|r| r.status).ok(), Some(504), "{slow:?}");
    }
    assert!(start.elapsed() < Duration::from_millis(2500));
    let line = assert_log_line(
        &nginx_log,
        "upstream timed out (110: Connection timed out) while reading response header from upstream",
    );
    eprintln!("nginx: {line}");
    // Both workers still sleep after the 504s: a quick request waits in
    // the pool's queue and times out too.
    let r = get(port, "/ok.php", "localhost");
    assert_eq!(r.status, 504, "{r:?}");
    // Once the abandoned scripts end (3 s after the start), it answers.
    std::thread::sleep(Duration::from_millis(3500).saturating_sub(start.elapsed()));
    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"));
    let found = finds(&s, GIVES_UP);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(found[0].1.contains("504"), "{found:?}");
    assert_eq!(finds(&s, KILLS), vec![]);
    s.finish();
}

#[test]
fn aligned_limits_answer_200_and_are_silent() {
    let Some((s, port)) = stack(
        "rule_timeouts_aligned",
        "fastcgi_read_timeout 6s",
        "request_terminate_timeout = 5s\nphp_admin_value[max_execution_time] = 4",
    ) else {
        return;
    };
    let r = get(port, "/slow.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "slow"), "{r:?}");
    assert_eq!(finds(&s, GIVES_UP), vec![]);
    assert_eq!(finds(&s, KILLS), vec![]);
    s.finish();
}

#[test]
fn apache_proxy_timeout_first_is_504_and_flagged() {
    let Some(mut s) = Stack::new("rule_apache_proxy_timeout", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    let fpm = free_port();
    s.php_fpm(&format!(
        "listen = 127.0.0.1:{fpm}\nrequest_terminate_timeout = 10s\n"
    ));
    let port = free_port();
    s.apache(
        "www-data",
        port,
        &format!(
            "ProxyTimeout 1\n<FilesMatch \"\\.php$\">\nSetHandler \"proxy:fcgi://127.0.0.1:{fpm}\"\n</FilesMatch>\n"
        ),
    );
    let log = s.servers()[1].error_log.clone();
    assert_eq!(get(port, "/slow.php", "localhost").status, 504);
    let line = assert_log_line(&log, "AH01075");
    eprintln!("apache: {line}");
    let found = finds(&s, GIVES_UP);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("AH01075"), "{found:?}");
    s.finish();
}

const CAPPED: &str = "proxy-connect-timeout-capped";

/// A port whose SYNs go unanswered (a listener whose accept queue is
/// full), in a namespace whose kernel abandons a connection attempt after
/// 3 s (`tcp_syn_retries = 1`: SYNs at 0 and 1 s, then 2 s more). The
/// sysctl is restored when dropped.
/// It listens on every address, so that 127.0.0.2 reaches it too.
struct Unanswered {
    port: u16,
    before: String,
    _listener: std::net::TcpListener,
    _held: Vec<std::net::TcpStream>,
    // Tests that change the sysctl run one at a time.
    _turn: std::sync::MutexGuard<'static, ()>,
}

const SYN_RETRIES: &str = "/proc/sys/net/ipv4/tcp_syn_retries";
static SYSCTL_TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Unanswered {
    fn new() -> Option<Unanswered> {
        if std::env::var_os("HOPLINT_E2E_NETNS").is_none() {
            // The sysctl is per network namespace: never change the machine's.
            eprintln!("SKIPPED: needs the private namespace of run-in-netns.sh");
            return None;
        }
        let turn = SYSCTL_TURN.lock().unwrap_or_else(|e| e.into_inner());
        let before = std::fs::read_to_string(SYN_RETRIES).unwrap();
        std::fs::write(SYN_RETRIES, "1").unwrap();
        let listener = std::net::TcpListener::bind("0.0.0.0:0").unwrap();
        let addr =
            std::net::SocketAddr::from(([127, 0, 0, 1], listener.local_addr().unwrap().port()));
        // Fill the accept queue (backlog 128, the kernel queues one more).
        let held = (0..129)
            .filter_map(|_| {
                std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()
            })
            .collect();
        Some(Unanswered {
            port: addr.port(),
            before,
            _listener: listener,
            _held: held,
            _turn: turn,
        })
    }
}

impl Drop for Unanswered {
    fn drop(&mut self) {
        let _ = std::fs::write(SYN_RETRIES, self.before.trim());
    }
}

/// `/long` then `/short` on `port`, the second timed; the backend is
/// released after. `/long` must end at the kernel's limit, about 3 s.
fn long_then_short(port: u16, unanswered: Unanswered) -> (Response, Response, Duration) {
    let timed = |path: &str| {
        let start = Instant::now();
        let r = get(port, path, "localhost");
        (r, start.elapsed())
    };
    let (long, took) = timed("/long");
    let (short, short_took) = timed("/short");
    drop(unanswered);
    assert!(
        took >= Duration::from_millis(2500) && took < Duration::from_millis(6000),
        "{took:?}"
    );
    (long, short, short_took)
}

/// `proxy_connect_timeout` is not capped by nginx but by the kernel: a
/// 10 s value ends as the kernel's 502 after 3 s and a 2 s value as
/// nginx's own 504.
#[test]
fn kernel_ends_a_long_connect_timeout_with_502() {
    let Some(mut s) = Stack::new("rule_connect_capped", &[NGINX]) else {
        return;
    };
    let Some(unanswered) = Unanswered::new() else {
        return;
    };
    let blocked = unanswered.port;
    let port = free_port();
    let server = format!(
        "server {{\nlisten 127.0.0.1:{port};\n\
         location /long {{ proxy_pass http://127.0.0.1:{blocked}; proxy_connect_timeout 10s; }}\n\
         location /short {{ proxy_pass http://127.0.0.1:{blocked}; proxy_connect_timeout 2s; }}\n}}\n"
    );
    s.nginx("www-data www-data", &server, port);
    let log = s.servers()[0].error_log.clone();

    let (long, short, short_took) = long_then_short(port, unanswered);
    assert_eq!(long.status, 502, "{long:?}");
    let line = assert_log_line(
        &log,
        "connect() failed (110: Connection timed out) while connecting to upstream",
    );
    eprintln!("nginx: {line}");
    assert_eq!(short.status, 504, "{short:?}");
    assert!(short_took < Duration::from_millis(2900), "{short_took:?}");
    assert_log_line(
        &log,
        "upstream timed out (110: Connection timed out) while connecting to upstream",
    );
    // 10 s is within the 75 s hoplint reports from.
    assert_eq!(finds(&s, CAPPED), vec![]);
    s.finish();
}

/// httpd's `connectiontimeout=` is capped by the kernel too: 10 s ends
/// with the kernel's `(110)Connection timed out` after 3 s, 2 s with
/// httpd's own `(70007)The timeout specified has expired`; both are 503.
/// hoplint reports a written value above 75 s, and not these. The two
/// `ProxyPass` name different addresses: httpd shares one worker, and its
/// parameters, between URLs of one address.
#[test]
fn kernel_ends_a_long_httpd_connectiontimeout() {
    let Some(mut s) = Stack::new("rule_connect_capped_httpd", &[APACHE]) else {
        return;
    };
    let Some(unanswered) = Unanswered::new() else {
        return;
    };
    let blocked = unanswered.port;
    let port = free_port();
    s.apache(
        "www-data",
        port,
        &format!(
            "ProxyPass /long http://127.0.0.1:{blocked}/ connectiontimeout=10\n\
             ProxyPass /short http://127.0.0.2:{blocked}/ connectiontimeout=2\n"
        ),
    );
    let log = s.servers()[0].error_log.clone();

    let (long, short, short_took) = long_then_short(port, unanswered);
    assert_eq!(long.status, 503, "{long:?}");
    let line = assert_log_line(&log, "(110)Connection timed out: AH00957");
    eprintln!("httpd: {line}");
    assert_eq!(short.status, 503, "{short:?}");
    assert!(short_took < Duration::from_millis(2900), "{short_took:?}");
    assert_log_line(&log, "(70007)The timeout specified has expired: AH00957");
    assert_eq!(finds(&s, CAPPED), vec![]);
    s.finish();
}

/// nginx → httpd → php-fpm, as the observed failure: nginx's
/// `proxy_read_timeout 1s` ends before httpd (`Timeout 300`) and the pool
/// (`request_terminate_timeout = 10s`) stop, so a 3 s script gets 504 from
/// nginx while httpd goes on to answer 200 into a closed connection.
/// hoplint flags it; with nginx waiting 15 s the request answers 200 and
/// hoplint is silent.
fn nginx_httpd_fpm(name: &str, read: &str) -> Option<(Stack, u16, u16)> {
    let mut s = Stack::new(name, &[NGINX, APACHE, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    let fpm = free_port();
    s.php_fpm(&format!(
        "listen = 127.0.0.1:{fpm}\nrequest_terminate_timeout = 10s\n"
    ));
    let httpd = free_port();
    s.apache(
        "www-data",
        httpd,
        &format!(
            "Timeout 300\n<FilesMatch \"\\.php$\">\nSetHandler \"proxy:fcgi://127.0.0.1:{fpm}\"\n</FilesMatch>\n"
        ),
    );
    let port = free_port();
    s.nginx(
        "www-data www-data",
        &format!("server {{\nlisten 127.0.0.1:{port};\nlocation / {{\nproxy_pass http://127.0.0.1:{httpd};\nproxy_read_timeout {read};\n}}\n}}\n"),
        port,
    );
    Some((s, port, httpd))
}

#[test]
fn nginx_giving_up_before_httpd_is_504_and_flagged() {
    let Some((s, port, _)) = nginx_httpd_fpm("rule_nginx_httpd_timeout", "1s") else {
        return;
    };
    let nginx_log = s.servers()[2].error_log.clone();
    let start = Instant::now();
    assert_eq!(get(port, "/slow.php", "localhost").status, 504);
    assert!(start.elapsed() < Duration::from_millis(2900));
    let line = assert_log_line(
        &nginx_log,
        "upstream timed out (110: Connection timed out) while reading response header from upstream",
    );
    eprintln!("nginx: {line}");
    let found = finds(&s, GIVES_UP);
    assert!(
        found
            .iter()
            .any(|(sev, m)| *sev == Severity::Warning
                && m.starts_with("nginx stops waiting for httpd")),
        "{found:?}"
    );
    s.finish();
}

#[test]
fn nginx_outlasting_httpd_and_the_pool_answers_200_and_is_silent() {
    let Some((s, port, _)) = nginx_httpd_fpm("rule_nginx_httpd_ok", "15s") else {
        return;
    };
    assert_eq!(get(port, "/slow.php", "localhost").status, 200);
    assert_eq!(finds(&s, GIVES_UP), vec![]);
    s.finish();
}

/// php-fpm killing the worker behind httpd: Apache answers 503 and logs
/// `AH01067: Failed to read FastCGI header`; hoplint flags the pool.
#[test]
fn fpm_killing_first_behind_apache_is_503_and_flagged() {
    let Some(mut s) = Stack::new("rule_fpm_kills_apache", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    let fpm = free_port();
    s.php_fpm(&format!(
        "listen = 127.0.0.1:{fpm}\nrequest_terminate_timeout = 1s\nphp_admin_value[max_execution_time] = 30\n"
    ));
    let port = free_port();
    s.apache(
        "www-data",
        port,
        &format!(
            "Timeout 300\n<FilesMatch \"\\.php$\">\nSetHandler \"proxy:fcgi://127.0.0.1:{fpm}\"\n</FilesMatch>\n"
        ),
    );
    let log = s.servers()[1].error_log.clone();
    assert_eq!(get(port, "/slow.php", "localhost").status, 503);
    let line = assert_log_line(&log, "AH01067: Failed to read FastCGI header");
    eprintln!("apache: {line}");
    let found = finds(&s, KILLS);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    s.finish();
}
