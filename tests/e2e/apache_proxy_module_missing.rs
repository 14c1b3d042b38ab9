//! `apache-proxy-module-missing` against the real server: what Apache does
//! with a proxy whose module is not loaded (PHP source sent, 500, or the
//! config refused), that hoplint flags each, and that the stack with every
//! module loaded answers 200 with hoplint silent.
//!
//! The harness's Apache always loads the proxy modules, so the stacks
//! lacking one are started here, from a config of their own.

use crate::harness::{
    assert_log_line, free_port, group_members, port_accepts, wait_until, Stack, APACHE, PHP_FPM,
};
use crate::http::get;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CODE: &str = "apache-proxy-module-missing";
const MODULES: &str = "/usr/lib/apache2/modules";

fn hoplint_finds(s: &Stack) -> Vec<String> {
    s.hoplint_findings(CODE, false)
        .into_iter()
        .map(|(_, message)| message)
        .collect()
}

/// An httpd.conf loading only `modules` (plus what every server needs),
/// listening on `port`, with `body` appended.
fn config(s: &Stack, modules: &[&str], port: u16, body: &str) -> PathBuf {
    let root = s.path("httpd");
    let r = root.display();
    let loads: String = ["mpm_event", "authz_core"]
        .iter()
        .chain(modules)
        .map(|m| format!("LoadModule {m}_module {MODULES}/mod_{m}.so\n"))
        .collect();
    s.write(
        "httpd/httpd.conf",
        &format!(
            "ServerRoot {r}\n{loads}ServerName localhost\nListen 127.0.0.1:{port}\n\
             PidFile {r}/httpd.pid\nDefaultRuntimeDir {r}\nErrorLog {r}/error.log\nLogLevel warn\n\
             User www-data\nGroup www-data\nDocumentRoot {}\n{body}",
            s.docroot().display()
        ),
    )
}

/// An httpd master started from `conf`, stopped by PID when dropped.
struct Httpd {
    child: Child,
    log: PathBuf,
}

impl Httpd {
    fn start(conf: &PathBuf, port: u16) -> Httpd {
        use std::os::unix::process::CommandExt;
        let child = Command::new(APACHE)
            .arg("-f")
            .arg(conf)
            .arg("-DFOREGROUND")
            .stdin(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start apache2");
        let log = conf.with_file_name("error.log");
        assert!(
            wait_until(Duration::from_secs(10), || port_accepts(port)),
            "apache2 not ready on {port}"
        );
        Httpd { child, log }
    }
}

impl Drop for Httpd {
    fn drop(&mut self) {
        let pid = self.child.id();
        let _ = Command::new("kill")
            .args(["-s", "TERM", "--", &pid.to_string()])
            .status();
        if !wait_until(Duration::from_secs(5), || {
            matches!(self.child.try_wait(), Ok(Some(_)))
        }) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        wait_until(Duration::from_secs(5), || group_members(pid).is_empty());
    }
}

const SOURCE: &str = "<?php echo 'ok';";

fn php_handler(sock: &str) -> String {
    format!(
        "<FilesMatch \\.php$>\nSetHandler \"proxy:unix:{sock}|fcgi://localhost\"\n</FilesMatch>\n"
    )
}

#[test]
fn sethandler_without_proxy_fcgi_sends_the_php_source_and_is_flagged() {
    let Some(mut s) = Stack::new("rule_apache_no_proxy_fcgi", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", SOURCE);
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!("listen = {sock}\nlisten.mode = 0666\n"));
    let port = free_port();
    let conf = config(&s, &["proxy"], port, &php_handler(&sock));
    let httpd = Httpd::start(&conf, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, SOURCE), "{r:?}");
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("mod_proxy_fcgi"), "{found:?}");
    drop(httpd);
    s.finish();
}

#[test]
fn proxypass_without_proxy_fcgi_is_500_and_flagged() {
    let Some(s) = Stack::new("rule_apache_no_proxy_fcgi_pass", &[APACHE]) else {
        return;
    };
    let port = free_port();
    let conf = config(
        &s,
        &["proxy", "proxy_http"],
        port,
        "ProxyPass /app/ fcgi://127.0.0.1:9/\n",
    );
    let httpd = Httpd::start(&conf, port);

    assert_eq!(get(port, "/app/index.php", "localhost").status, 500);
    assert_log_line(
        &httpd.log,
        "AH01144: No protocol handler was valid for the URL /app/index.php (scheme 'fcgi')",
    );
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("500"), "{found:?}");
    drop(httpd);
}

#[test]
fn proxypass_without_mod_proxy_is_refused_and_flagged() {
    let Some(s) = Stack::new("rule_apache_no_mod_proxy", &[APACHE]) else {
        return;
    };
    let conf = config(
        &s,
        &[],
        free_port(),
        "ProxyPass /app/ http://127.0.0.1:9/\n",
    );
    let line = std::fs::read_to_string(&conf)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("ProxyPass"))
        .unwrap()
        + 1;
    let out = Command::new(APACHE)
        .arg("-t")
        .arg("-f")
        .arg(&conf)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "AH00526: Syntax error on line {line} of {}",
            conf.display()
        )) && stderr.contains("Invalid command 'ProxyPass', perhaps misspelled or defined by a module not included in the server configuration"),
        "{stderr}"
    );
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("does not start"), "{found:?}");
}

#[test]
fn every_module_loaded_is_200_and_silent() {
    let Some(mut s) = Stack::new("rule_apache_modules_ok", &[APACHE, PHP_FPM]) else {
        return;
    };
    s.script("ok.php", SOURCE);
    let sock = s.path("php.sock").display().to_string();
    s.php_fpm(&format!("listen = {sock}\nlisten.mode = 0666\n"));
    let port = free_port();
    let conf = config(
        &s,
        &["proxy", "proxy_fcgi", "proxy_http"],
        port,
        &php_handler(&sock),
    );
    let httpd = Httpd::start(&conf, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, "ok"), "{r:?}");
    assert_eq!(hoplint_finds(&s), Vec::<String>::new());
    drop(httpd);
    s.finish();
}

#[test]
fn sethandler_without_mod_proxy_sends_the_php_source_and_is_flagged() {
    let Some(s) = Stack::new("rule_apache_handler_no_mod_proxy", &[APACHE]) else {
        return;
    };
    s.script("ok.php", SOURCE);
    let port = free_port();
    let sock = s.path("php.sock").display().to_string();
    let conf = config(&s, &[], port, &php_handler(&sock));
    let httpd = Httpd::start(&conf, port);

    let r = get(port, "/ok.php", "localhost");
    assert_eq!((r.status, r.body_text().as_str()), (200, SOURCE), "{r:?}");
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("needs mod_proxy,"), "{found:?}");
    drop(httpd);
}

#[test]
fn http_sethandler_without_proxy_http_sends_the_file_and_is_flagged() {
    let Some(s) = Stack::new("rule_apache_handler_no_proxy_http", &[APACHE]) else {
        return;
    };
    s.script("a.txt", "static\n");
    let port = free_port();
    let conf = config(
        &s,
        &["proxy", "proxy_fcgi"],
        port,
        "<FilesMatch \\.txt$>\nSetHandler \"proxy:http://127.0.0.1:9/\"\n</FilesMatch>\n",
    );
    let httpd = Httpd::start(&conf, port);

    let r = get(port, "/a.txt", "localhost");
    assert_eq!(
        (r.status, r.body_text().as_str()),
        (200, "static\n"),
        "{r:?}"
    );
    let found = hoplint_finds(&s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("mod_proxy_http"), "{found:?}");
    drop(httpd);
}
