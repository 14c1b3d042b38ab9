//! End-to-end proofs for the distribution work (issue 10), on the real
//! servers started by the e2e harness (Debian 12's nginx, php8.2-fpm and
//! apache2; run as root, in a private network namespace:
//! `bash tests/e2e/run-in-netns.sh cargo test --test distro_e2e`).
//!
//! - PHP's defaults where no php.ini is checked: php-fpm run without one
//!   still gives 504 behind a short `fastcgi_read_timeout` and 502 under a
//!   short `request_terminate_timeout`, and hoplint flags both.
//! - Debian's `/run/php/php-fpm.sock`: the link the unit's helper makes
//!   reaches the `www` pool (200); with `www.conf` on TCP there is no link
//!   (502), and hoplint says so.
//! - A loopback HTTP hop one digit off a scanned listener: 502 from nginx
//!   (503 from httpd) with the typo, 200 fixed; hoplint warns and suggests.

use crate::harness::{
    free_port, nginx_php_location, read_lossy, wait_until, Stack, NGINX, PHP_FPM,
};
use crate::http::get;
use hoplint::diagnostic::Severity;
use std::time::Duration;

/// nginx in front of one TCP pool that sets no PHP limit, php-fpm started
/// with an empty ini (`-c`, as the harness does: every PHP setting at its
/// compiled-in default) and no php.ini among the files hoplint reads.
fn no_php_ini_stack(name: &str, location: &str, pool: &str) -> Option<(Stack, u16)> {
    let mut s = Stack::new(name, &[NGINX, PHP_FPM])?;
    s.script("slow.php", "<?php sleep(3); echo 'slow';");
    let fpm = free_port();
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n{pool}\n"));
    let port = free_port();
    let pass = if location.is_empty() {
        format!("127.0.0.1:{fpm}")
    } else {
        format!("127.0.0.1:{fpm};\n{location}")
    };
    let server = format!(
        "server {{\nlisten 127.0.0.1:{port};\nroot {};\n{}}}\n",
        s.docroot().display(),
        nginx_php_location(&pass)
    );
    s.nginx("www-data www-data", &server, port);
    Some((s, port))
}

fn assumed(found: &[(Severity, String)]) {
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(
        found[0].1.contains("since no php.ini was checked"),
        "{}",
        found[0].1
    );
}

#[test]
fn without_php_ini_a_short_read_timeout_is_504_and_flagged() {
    let Some((s, port)) = no_php_ini_stack("distro_no_ini_504", "fastcgi_read_timeout 1s", "")
    else {
        return;
    };
    assert!(s
        .hoplint_check(&Default::default(), false)
        .files
        .iter()
        .all(|f| f.path.file_name().is_none_or(|n| n != "php.ini")));
    let r = get(port, "/slow.php", "localhost");
    assert_eq!(r.status, 504, "{r:?}");
    let log = s.servers()[1].error_log.clone();
    assert!(wait_until(Duration::from_secs(3), || {
        read_lossy(&log)
        .contains("upstream timed out (110: Connection timed out) while reading response header from upstream")
    }));
    assumed(&s.hoplint_findings("proxy-gives-up-first", false));
    s.finish();
}

#[test]
fn without_php_ini_a_short_request_terminate_timeout_is_502_and_flagged() {
    let Some((s, port)) =
        no_php_ini_stack("distro_no_ini_502", "", "request_terminate_timeout = 1s")
    else {
        return;
    };
    let r = get(port, "/slow.php", "localhost");
    assert_eq!(r.status, 502, "{r:?}");
    let fpm_log = s.servers()[0].error_log.clone();
    assert!(wait_until(Duration::from_secs(3), || read_lossy(&fpm_log)
        .contains("execution timed out (")));
    assumed(&s.hoplint_findings("fpm-kills-before-php-limit", false));
    s.finish();
}

/// nginx started by this test (not the harness), in a private mount
/// namespace where the stack's `run/` is `/run`: its `fastcgi_pass
/// unix:/run/php/php-fpm.sock` then reaches the stack's own link. Stopped
/// by its process group when dropped.
struct OwnNginx {
    child: std::process::Child,
    pub error_log: std::path::PathBuf,
}

impl OwnNginx {
    fn start(s: &Stack, conf: &std::path::Path, port: u16) -> OwnNginx {
        use std::os::unix::process::CommandExt;
        let prefix = s.path("own-nginx");
        std::fs::create_dir_all(&prefix).unwrap();
        let error_log = prefix.join("error.log");
        let child = std::process::Command::new("unshare")
            .args(["--mount", "--propagation", "private", "sh", "-c"])
            .arg("mount --bind \"$0\" /run && exec \"$@\"")
            .arg(s.path("run"))
            .arg(NGINX)
            .arg("-c")
            .arg(conf)
            .arg("-p")
            .arg(&prefix)
            .arg("-e")
            .arg(&error_log)
            .args(["-g", "daemon off;"])
            .stdin(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start nginx");
        let n = OwnNginx { child, error_log };
        assert!(
            wait_until(Duration::from_secs(10), || crate::harness::port_accepts(
                port
            )),
            "nginx did not start: {}",
            read_lossy(&n.error_log)
        );
        n
    }
}

impl Drop for OwnNginx {
    fn drop(&mut self) {
        let pgid = self.child.id();
        crate::harness::send_signal(pgid, "TERM");
        for p in crate::harness::group_members(pgid) {
            crate::harness::send_signal(p, "TERM");
        }
        let _ = self.child.wait();
        wait_until(Duration::from_secs(5), || {
            crate::harness::group_members(pgid).is_empty()
        });
    }
}

/// Debian 12's `php8.2-fpm.service`, as the checked root holds it.
const PHP82_UNIT: &str = "[Unit]\nDescription=The PHP 8.2 FastCGI Process Manager\n\n[Service]\nType=notify\n\
ExecStart=/usr/sbin/php-fpm8.2 --nodaemonize --fpm-config /etc/php/8.2/fpm/php-fpm.conf\n\
ExecStartPost=-/usr/lib/php/php-fpm-socket-helper install /run/php/php-fpm.sock /etc/php/8.2/fpm/pool.d/www.conf 82\n\
ExecStopPost=-/usr/lib/php/php-fpm-socket-helper remove /run/php/php-fpm.sock /etc/php/8.2/fpm/pool.d/www.conf 82\n\n\
[Install]\nWantedBy=multi-user.target\n";

/// A Debian-layout root in the stack dir: nginx (which this test runs) at
/// `etc/nginx/nginx.conf` passing PHP to `unix:/run/php/php-fpm.sock`, the
/// pool as hoplint reads it at `etc/php/8.2/fpm/pool.d/www.conf` listening
/// on `www_listen`, and the unit. The php-fpm the harness runs listens
/// where the root's `/run/php/…` is on this machine.
fn debian_socket_root(s: &Stack, port: u16, www_listen: &str) -> std::path::PathBuf {
    std::fs::create_dir_all(s.path("run/php")).unwrap();
    s.write("lib/systemd/system/php8.2-fpm.service", PHP82_UNIT);
    s.write(
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n",
    );
    s.write("etc/group", "root:x:0:\nwww-data:x:33:\n");
    s.write(
        "etc/php/8.2/fpm/php-fpm.conf",
        "[global]\ninclude=/etc/php/8.2/fpm/pool.d/*.conf\n",
    );
    s.write(
        "etc/php/8.2/fpm/pool.d/www.conf",
        &format!(
            "[www]\nuser = www-data\ngroup = www-data\nlisten = {www_listen}\nlisten.owner = www-data\nlisten.group = www-data\npm = static\npm.max_children = 2\n"
        ),
    );
    let d = s.path("own-nginx");
    let d = d.display();
    s.write(
        "etc/nginx/nginx.conf",
        &format!(
            "user www-data www-data;\nworker_processes 1;\npid {d}/nginx.pid;\nevents {{ worker_connections 64; }}\nhttp {{\n\
             access_log off;\nclient_body_temp_path {d}/body;\nproxy_temp_path {d}/proxy;\nfastcgi_temp_path {d}/fastcgi;\n\
             uwsgi_temp_path {d}/uwsgi;\nscgi_temp_path {d}/scgi;\n\
             server {{\nlisten 127.0.0.1:{port};\nroot {};\n{}}}\n}}\n",
            s.docroot().display(),
            nginx_php_location("unix:/run/php/php-fpm.sock")
        ),
    )
}

fn codes(s: &Stack) -> Vec<String> {
    s.hoplint_check(&Default::default(), true)
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.code, d.severity, d.message))
        .collect()
}

#[test]
fn debian_php_fpm_sock_link_reaches_the_www_pool() {
    let Some(mut s) = Stack::new("distro_php_fpm_sock", &[NGINX, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let port = free_port();
    let conf = debian_socket_root(&s, port, "/run/php/php8.2-fpm.sock");
    let socket = s.path("run/php/php8.2-fpm.sock");
    s.php_fpm(&format!(
        "listen = {}\nlisten.owner = www-data\nlisten.group = www-data\n",
        socket.display()
    ));
    // What php-fpm-socket-helper does through update-alternatives:
    // /run/php/php-fpm.sock -> /etc/alternatives/php-fpm.sock -> the socket.
    std::fs::create_dir_all(s.path("etc/alternatives")).unwrap();
    std::os::unix::fs::symlink(
        "/run/php/php8.2-fpm.sock",
        s.path("etc/alternatives/php-fpm.sock"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        s.path("etc/alternatives/php-fpm.sock"),
        s.path("run/php/php-fpm.sock"),
    )
    .unwrap();
    let nginx = OwnNginx::start(&s, &conf, port);
    let r = get(port, "/ok.php", "localhost");
    assert_eq!(
        (r.status, r.body_text().as_str()),
        (200, "ok"),
        "{r:?}\n{}",
        read_lossy(&nginx.error_log)
    );
    let found = codes(&s);
    assert!(
        !found
            .iter()
            .any(|c| c.contains("Error") || c.contains("Warning")),
        "{found:#?}"
    );
    drop(nginx);
    s.finish();
}

#[test]
fn without_a_unix_www_pool_there_is_no_link_and_502() {
    let Some(mut s) = Stack::new("distro_php_fpm_sock_tcp", &[NGINX, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", "<?php echo 'ok';");
    let port = free_port();
    let fpm = free_port();
    let conf = debian_socket_root(&s, port, &format!("127.0.0.1:{fpm}"));
    // The pool listens on TCP: the helper's `[ -S … ]` fails, no link.
    s.php_fpm(&format!("listen = 127.0.0.1:{fpm}\n"));
    let nginx = OwnNginx::start(&s, &conf, port);
    let r = get(port, "/ok.php", "localhost");
    assert_eq!(r.status, 502, "{r:?}");
    assert!(wait_until(Duration::from_secs(3), || read_lossy(
        &nginx.error_log
    )
    .contains(
        "connect() to unix:/run/php/php-fpm.sock failed (2: No such file or directory)"
    )));
    let found = codes(&s);
    assert!(
        found
            .iter()
            .any(|c| c.starts_with("unix-socket-missing Error")),
        "{found:#?}"
    );
    drop(nginx);
    s.finish();
}

/// A port one digit off `port` (its tens digit changed) that nothing
/// listens on and that is none of `avoid` (the test's own other ports).
fn typo_of(port: u16, avoid: &[u16]) -> u16 {
    let tens = (port / 10) % 10;
    (1..10)
        .map(|d| port - tens * 10 + ((tens + d) % 10) * 10)
        .find(|p| !avoid.contains(p) && !crate::harness::port_accepts(*p))
        .expect("a free port one digit away")
}

fn near_miss(s: &Stack, code: &str) -> Vec<(Severity, String)> {
    s.hoplint_findings(code, false)
}

#[test]
fn a_proxy_pass_one_digit_off_a_scanned_listener_is_502_and_flagged() {
    for fixed in [false, true] {
        let Some(mut s) = Stack::new("distro_near_port", &[NGINX]) else {
            return;
        };
        let front = free_port();
        let back = free_port();
        let to = if fixed { back } else { typo_of(back, &[front]) };
        let http = format!(
            "server {{\nlisten 127.0.0.1:{front};\nlocation / {{\nproxy_pass http://127.0.0.1:{to};\n}}\n}}\n\
             server {{\nlisten 127.0.0.1:{back};\nlocation / {{\nreturn 200 'back';\n}}\n}}\n"
        );
        s.nginx("www-data www-data", &http, front);
        let r = get(front, "/", "localhost");
        let found = near_miss(&s, "tcp-port-refused");
        if fixed {
            assert_eq!((r.status, r.body_text().as_str()), (200, "back"), "{r:?}");
            assert_eq!(found, vec![]);
        } else {
            assert_eq!(r.status, 502, "{r:?}");
            let log = s.servers()[0].error_log.clone();
            assert!(wait_until(Duration::from_secs(3), || read_lossy(&log)
                .contains(
                    "connect() failed (111: Connection refused) while connecting to upstream"
                )));
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].0, Severity::Warning);
            let others = near_miss(&s, "backend-not-verified");
            assert_eq!(others, vec![], "judged once");
        }
        s.finish();
    }
}

#[test]
fn an_httpd_proxy_pass_one_digit_off_a_scanned_listener_is_503_and_flagged() {
    for fixed in [false, true] {
        let Some(mut s) = Stack::new("distro_near_port_httpd", &[NGINX, crate::harness::APACHE])
        else {
            return;
        };
        let back = free_port();
        s.nginx(
            "www-data www-data",
            &format!(
                "server {{\nlisten 127.0.0.1:{back};\nlocation / {{\nreturn 200 'back';\n}}\n}}\n"
            ),
            back,
        );
        let front = free_port();
        let to = if fixed { back } else { typo_of(back, &[front]) };
        s.apache(
            "www-data",
            front,
            &format!(
                "ProxyPass / http://127.0.0.1:{to}/\nProxyPassReverse / http://127.0.0.1:{to}/\n"
            ),
        );
        let r = get(front, "/", "localhost");
        let found = near_miss(&s, "apache-backend-missing");
        if fixed {
            assert_eq!((r.status, r.body_text().as_str()), (200, "back"), "{r:?}");
            assert_eq!(found, vec![]);
        } else {
            assert_eq!(r.status, 503, "{r:?}");
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].0, Severity::Warning);
        }
        s.finish();
    }
}
