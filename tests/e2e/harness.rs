//! Starts real nginx, php-fpm and Apache httpd in a private temp dir per test
//! and stops them again, by PID, whatever happens to the test.

use std::fs::{self, File};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::thread;
use std::time::{Duration, Instant};

pub const NGINX: &str = "/usr/sbin/nginx";
pub const PHP_FPM: &str = "/usr/sbin/php-fpm8.2";
pub const APACHE: &str = "/usr/sbin/apache2";
const APACHE_MODULES: &str = "/usr/lib/apache2/modules";

const READY_TIMEOUT: Duration = Duration::from_secs(10);
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether a missing server must fail the test instead of skipping it.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Why this machine cannot run a test needing `bins`, if it cannot.
fn missing_prerequisite(bins: &[&str]) -> Option<String> {
    if let Some(bin) = bins.iter().find(|b| !Path::new(b).exists()) {
        return Some(format!("{bin} is not installed (run .ci/install-servers)"));
    }
    // The masters must start as root to switch their workers to other users,
    // which is what the permission tests are about.
    let uid = fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m));
    if uid.ok() != Some(0) {
        return Some("the e2e tests must run as root".into());
    }
    None
}

/// A free loopback port, unique within this process and unlikely to clash
/// with other test processes: each process starts at its own offset, and a
/// port something already listens on is skipped. Ports stay below 32768,
/// where Linux's ephemeral range (for outgoing connections) starts.
pub fn free_port() -> u16 {
    const FIRST: u16 = 18000;
    const SPAN: u16 = 14000;
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let offset = (std::process::id() % 140) as u16 * 100;
    loop {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let port = FIRST + ((offset as u32 + n as u32) % SPAN as u32) as u16;
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

pub fn port_accepts(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
}

/// Where to connect to reach a pool's `listen` value, if it is a TCP one:
/// `PORT`, `[::]:PORT` and `0.0.0.0:PORT` are reached on 127.0.0.1.
fn listen_tcp_addr(listen: &str) -> Option<SocketAddr> {
    if listen.starts_with('/') {
        return None;
    }
    let (host, port) = listen.rsplit_once(':').unwrap_or(("", listen));
    let port: u16 = port.parse().ok()?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let ip = match host {
        "" | "*" | "0.0.0.0" | "::" => "127.0.0.1".parse().unwrap(),
        h => h.parse().ok()?,
    };
    Some(SocketAddr::new(ip, port))
}

/// How nginx is started: directly, or in namespaces of its own.
#[derive(Clone, Copy)]
enum Wrap<'a> {
    None,
    Hosts(&'a Path),
    OwnNetns(&'a str),
}

/// Runs the bash `script` in the network namespace of process `pid` (a
/// server started in its own; bash's `/dev/tcp` is the client there).
pub fn in_netns_of(pid: u32, script: &str) -> std::process::Output {
    Command::new("nsenter")
        .arg(format!("--net=/proc/{pid}/ns/net"))
        .args(["bash", "-c", script])
        .output()
        .expect("run nsenter")
}

/// Polls `cond` until it holds or `timeout` passes.
pub fn wait_until(timeout: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + timeout;
    loop {
        if cond() {
            return true;
        }
        if Instant::now() >= end {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

pub fn read_lossy(path: &Path) -> String {
    fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_else(|e| format!("<cannot read {}: {e}>", path.display()))
}

/// Waits (servers write logs asynchronously) until `log` has a line
/// containing `needle`, and returns that line; panics with the whole log.
pub fn assert_log_line(log: &Path, needle: &str) -> String {
    let mut found = None;
    wait_until(Duration::from_secs(3), || {
        found = read_lossy(log)
            .lines()
            .find(|l| l.contains(needle))
            .map(str::to_owned);
        found.is_some()
    });
    found.unwrap_or_else(|| {
        panic!(
            "no line containing {needle:?} in {}:\n{}",
            log.display(),
            read_lossy(log)
        )
    })
}

/// Live processes (not zombies) whose process group is `pgid`.
pub fn group_members(pgid: u32) -> Vec<u32> {
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The command name in parentheses may hold spaces; fields after it do not.
            let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
            let fields: Vec<&str> = rest.split_whitespace().collect();
            fields.first() != Some(&"Z") && fields.get(2) == Some(&pgid.to_string().as_str())
        })
        .collect()
}

pub fn pid_alive(pid: u32) -> bool {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit_once(')')
        .map(|(_, r)| r.trim_start())
        .unwrap_or("");
    !state.is_empty() && !state.starts_with('Z')
}

/// Sends `sig` (`STOP`, `CONT`, `KILL`...) to one process the test started.
pub fn send_signal(pid: u32, sig: &str) {
    signal(&pid.to_string(), sig);
}

fn signal(target: &str, sig: &str) {
    // Through kill(1) because std has no kill(2) for a signal other than KILL.
    let _ = Command::new("kill")
        .args(["-s", sig, "--", target])
        .stderr(Stdio::null())
        .status();
}

/// One running server master, in its own process group so that its workers
/// can be found, and killed, through the master's PID.
pub struct Server {
    pub name: &'static str,
    pub pid: u32,
    pub error_log: PathBuf,
    stderr: PathBuf,
    child: Child,
}

impl Server {
    /// The master's live children (nginx or php-fpm workers, httpd children).
    pub fn workers(&self) -> Vec<u32> {
        group_members(self.pid)
            .into_iter()
            .filter(|p| *p != self.pid)
            .collect()
    }

    fn diagnostics(&self) -> String {
        format!(
            "--- {} stderr ({}):\n{}\n--- {} error log ({}):\n{}",
            self.name,
            self.stderr.display(),
            read_lossy(&self.stderr),
            self.name,
            self.error_log.display(),
            read_lossy(&self.error_log)
        )
    }

    /// TERM to the master (which stops its own workers), then KILL to the
    /// whole group if anything is left after a bounded wait.
    fn stop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            signal(&self.pid.to_string(), "TERM");
            let mut exited = false;
            wait_until(STOP_TIMEOUT, || {
                exited = matches!(self.child.try_wait(), Ok(Some(_)));
                exited
            });
            if !exited {
                eprintln!("{} (pid {}) ignored TERM; killing it", self.name, self.pid);
                let _ = self.child.kill();
                let _ = self.child.wait();
            }
        }
        if !wait_until(STOP_TIMEOUT, || group_members(self.pid).is_empty()) {
            eprintln!(
                "{} workers {:?} outlived their master; killing them",
                self.name,
                group_members(self.pid)
            );
            signal(&format!("-{}", self.pid), "KILL");
            wait_until(STOP_TIMEOUT, || group_members(self.pid).is_empty());
        }
    }
}

/// A private directory with every config, socket, pid file, log and document
/// root of one test, and the servers started from it.
pub struct Stack {
    pub name: String,
    dir: tempfile::TempDir,
    servers: Vec<Server>,
}

impl Stack {
    /// `None` (after printing `SKIPPED: ...`) when this machine lacks a server
    /// in `bins`; under `CI=true` that is a failure instead.
    pub fn new(name: &str, bins: &[&str]) -> Option<Stack> {
        if let Some(why) = missing_prerequisite(bins) {
            if in_ci() {
                panic!("{name}: {why}; CI must run the e2e tests against real servers");
            }
            println!("SKIPPED: {name}: {why}");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix(&format!("hoplint-e2e-{name}-"))
            .tempdir()
            .expect("create temp dir");
        // Workers run as unprivileged users and must reach sockets and scripts here.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let stack = Stack {
            name: name.into(),
            dir,
            servers: Vec::new(),
        };
        fs::create_dir(stack.docroot()).unwrap();
        Some(stack)
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn docroot(&self) -> PathBuf {
        self.path("www")
    }

    /// Writes `contents` to `rel` inside the stack dir, world-readable.
    pub fn write(&self, rel: &str, contents: &str) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, contents).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        path
    }

    /// Writes a script into the document root.
    pub fn script(&self, name: &str, php: &str) -> PathBuf {
        self.write(&format!("www/{name}"), php)
    }

    pub fn servers(&self) -> &[Server] {
        &self.servers
    }

    /// Every PID the stack's servers run under right now, masters and workers.
    pub fn all_pids(&self) -> Vec<u32> {
        self.servers
            .iter()
            .flat_map(|s| group_members(s.pid))
            .collect()
    }

    /// Starts `cmd` (stderr into a file), waits for `ready`, and panics with
    /// the server's own stderr and error log if it exits or never gets ready.
    fn spawn(
        &mut self,
        name: &'static str,
        mut cmd: Command,
        error_log: PathBuf,
        mut ready: impl FnMut() -> bool,
    ) -> &Server {
        let stderr = self.path(&format!("{name}-{}.stderr", self.servers.len()));
        let out = File::create(&stderr).unwrap();
        let child = cmd
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("{}: cannot start {name}: {e}", self.name));
        let pid = child.id();
        self.servers.push(Server {
            name,
            pid,
            error_log,
            stderr,
            child,
        });
        let server = self.servers.last_mut().unwrap();
        let mut exited = None;
        let mut ok = false;
        wait_until(READY_TIMEOUT, || {
            exited = server.child.try_wait().ok().flatten();
            ok = exited.is_none() && ready();
            ok || exited.is_some()
        });
        if !ok {
            let what = match exited {
                Some(status) => format!("exited with {status}"),
                None => format!("not ready after {READY_TIMEOUT:?}"),
            };
            panic!(
                "{}: {name} (pid {pid}) {what}\n{}",
                self.name,
                server.diagnostics()
            );
        }
        self.servers.last().unwrap()
    }

    /// Starts a php-fpm master with one pool `[www]` whose workers run as
    /// `www-data`; `pool` is appended to the pool section and must set
    /// `listen` (later keys override the defaults). Ready once the socket
    /// file exists or the TCP port accepts.
    pub fn php_fpm(&mut self, pool: &str) -> &Server {
        let n = self.servers.len();
        let error_log = self.path(&format!("php-fpm-{n}.log"));
        let conf = format!(
            "[global]\n\
             pid = {pid}\n\
             error_log = {log}\n\
             log_level = notice\n\
             daemonize = no\n\
             \n\
             [www]\n\
             user = www-data\n\
             group = www-data\n\
             pm = static\n\
             pm.max_children = 2\n\
             catch_workers_output = yes\n\
             {pool}\n",
            pid = self.path(&format!("php-fpm-{n}.pid")).display(),
            log = error_log.display(),
        );
        let conf_path = self.write(&format!("php-fpm-{n}.conf"), &conf);
        let ini = self.write(&format!("php-{n}.ini"), "");
        let listen = pool
            .lines()
            .filter_map(|l| l.trim().strip_prefix("listen"))
            .filter_map(|l| l.trim_start().strip_prefix('='))
            .next_back()
            .map(|v| v.trim().to_string())
            .expect("the pool must set `listen`");
        let tcp = listen_tcp_addr(&listen);

        let mut cmd = Command::new(PHP_FPM);
        cmd.arg("-F").arg("-y").arg(&conf_path).arg("-c").arg(&ini);
        let ready = move || match tcp {
            Some(addr) => TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok(),
            None => Path::new(&listen).exists(),
        };
        self.spawn("php-fpm", cmd, error_log, ready)
    }

    /// Starts nginx with workers running as `user` (e.g. `www-data` or
    /// `nobody nogroup`), `http` as the body of the `http` block, all paths
    /// inside the stack dir. Ready once `port` accepts.
    pub fn nginx(&mut self, user: &str, http: &str, port: u16) -> &Server {
        self.nginx_with_hosts(user, http, port, None)
    }

    /// [`Stack::nginx`] with `main` added to the main context
    /// (`worker_rlimit_nofile 12;`).
    pub fn nginx_with_main(&mut self, user: &str, main: &str, http: &str, port: u16) -> &Server {
        self.start_nginx(user, main, http, port, Wrap::None)
    }

    /// [`Stack::nginx`], with the file `hosts` bind-mounted over
    /// `/etc/hosts` for this nginx alone.
    pub fn nginx_with_hosts(
        &mut self,
        user: &str,
        http: &str,
        port: u16,
        hosts: Option<&Path>,
    ) -> &Server {
        let wrap = match hosts {
            Some(h) => Wrap::Hosts(h),
            None => Wrap::None,
        };
        self.start_nginx(user, "", http, port, wrap)
    }

    /// [`Stack::nginx`] in a network namespace of its own whose ephemeral
    /// ports (`net.ipv4.ip_local_port_range`, a per-namespace setting) are
    /// `ports` (`"40000 40003"`): the test can run this nginx out of local
    /// ports without touching the other tests' namespace. Reach it with
    /// [`in_netns_of`].
    pub fn nginx_in_own_netns(
        &mut self,
        user: &str,
        http: &str,
        port: u16,
        ports: &str,
    ) -> &Server {
        self.start_nginx(user, "", http, port, Wrap::OwnNetns(ports))
    }

    fn start_nginx(
        &mut self,
        user: &str,
        main: &str,
        http: &str,
        port: u16,
        wrap: Wrap,
    ) -> &Server {
        let n = self.servers.len();
        let prefix = self.path(&format!("nginx-{n}"));
        fs::create_dir_all(&prefix).unwrap();
        let p = prefix.display();
        let error_log = prefix.join("error.log");
        let conf = format!(
            "user {user};\n\
             worker_processes 1;\n\
             {main}\n\
             pid {p}/nginx.pid;\n\
             error_log {p}/error.log info;\n\
             events {{ worker_connections 128; }}\n\
             http {{\n\
             access_log {p}/access.log;\n\
             client_body_temp_path {p}/client_body;\n\
             proxy_temp_path {p}/proxy;\n\
             fastcgi_temp_path {p}/fastcgi;\n\
             uwsgi_temp_path {p}/uwsgi;\n\
             scgi_temp_path {p}/scgi;\n\
             default_type text/plain;\n\
             {http}\n\
             }}\n"
        );
        let conf_path = self.write(&format!("nginx-{n}/nginx.conf"), &conf);
        let mut cmd = match wrap {
            Wrap::None => Command::new(NGINX),
            // A private mount namespace where `hosts` is /etc/hosts: the
            // test can change what a name resolves to without touching the
            // machine's file. unshare execs sh, which execs nginx: one PID.
            Wrap::Hosts(h) => {
                let mut c = Command::new("unshare");
                c.args(["--mount", "--propagation", "private", "sh", "-c"])
                    .arg("mount --bind \"$0\" /etc/hosts && exec \"$@\"")
                    .arg(h)
                    .arg(NGINX);
                c
            }
            Wrap::OwnNetns(ports) => {
                let mut c = Command::new("unshare");
                c.args(["--net", "sh", "-c"])
                    .arg(
                        "ip link set lo up && echo \"$0\" > /proc/sys/net/ipv4/ip_local_port_range && exec \"$@\"",
                    )
                    .arg(ports)
                    .arg(NGINX);
                c
            }
        };
        // `-e` keeps nginx away from /var/log/nginx before it has read the config.
        cmd.arg("-c")
            .arg(&conf_path)
            .arg("-p")
            .arg(&prefix)
            .arg("-e")
            .arg(&error_log)
            .args(["-g", "daemon off;"]);
        if let Wrap::OwnNetns(_) = wrap {
            let pid_file = prefix.join("nginx.pid");
            return self.spawn("nginx", cmd, error_log, move || {
                let pid = fs::read_to_string(&pid_file).unwrap_or_default();
                pid.trim().parse().is_ok_and(|pid| {
                    in_netns_of(pid, &format!("exec 3<>/dev/tcp/127.0.0.1/{port}"))
                        .status
                        .success()
                })
            });
        }
        self.spawn("nginx", cmd, error_log, move || port_accepts(port))
    }

    /// Starts Apache httpd (mpm_event, mod_proxy_fcgi, mod_proxy_http) with
    /// children running as `user`, listening on `port`, the docroot as its
    /// `DocumentRoot`, and `body` appended to the main server config.
    pub fn apache(&mut self, user: &str, port: u16, body: &str) -> &Server {
        let n = self.servers.len();
        let root = self.path(&format!("apache-{n}"));
        fs::create_dir_all(&root).unwrap();
        let r = root.display();
        let error_log = root.join("error.log");
        let modules = [
            "mpm_event",
            "authz_core",
            "proxy",
            "proxy_fcgi",
            "proxy_http",
        ]
        .iter()
        .map(|m| format!("LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so\n"))
        .collect::<String>();
        let conf = format!(
            "ServerRoot {r}\n\
             {modules}\
             # Debian compiles mod_unixd in; another build may not.\n\
             <IfModule !unixd_module>\n\
             LoadModule unixd_module {APACHE_MODULES}/mod_unixd.so\n\
             </IfModule>\n\
             ServerName localhost\n\
             Listen 127.0.0.1:{port}\n\
             PidFile {r}/httpd.pid\n\
             DefaultRuntimeDir {r}\n\
             ErrorLog {r}/error.log\n\
             LogLevel warn\n\
             User {user}\n\
             Group {user}\n\
             StartServers 1\n\
             ServerLimit 2\n\
             ThreadsPerChild 16\n\
             MaxRequestWorkers 32\n\
             DocumentRoot {docroot}\n\
             {body}\n",
            docroot = self.docroot().display(),
        );
        let conf_path = self.write(&format!("apache-{n}/httpd.conf"), &conf);
        let mut cmd = Command::new(APACHE);
        cmd.arg("-f").arg(&conf_path).arg("-DFOREGROUND");
        self.spawn("apache", cmd, error_log, move || port_accepts(port))
    }

    /// Stops every server and asserts that none of their processes survive.
    pub fn finish(mut self) {
        let pids = self.all_pids();
        assert!(!pids.is_empty() || self.servers.is_empty());
        self.stop_all();
        let left: Vec<u32> = pids.into_iter().filter(|p| pid_alive(*p)).collect();
        assert!(
            left.is_empty(),
            "{}: processes {left:?} survived",
            self.name
        );
    }

    fn stop_all(&mut self) {
        // Fronts first, so that they do not log the backends going away.
        for server in self.servers.iter_mut().rev() {
            server.stop();
        }
        self.servers.clear();
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        self.stop_all();
        if std::env::var_os("HOPLINT_E2E_KEEP").is_some() {
            self.dir.disable_cleanup(true);
            eprintln!("{}: kept {}", self.name, self.dir.path().display());
        }
    }
}

/// The location block that hands `*.php` to `pass` the way most sites do.
pub fn nginx_php_location(pass: &str) -> String {
    format!(
        "location ~ \\.php$ {{\n\
         fastcgi_pass {pass};\n\
         fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n\
         fastcgi_param SCRIPT_NAME $fastcgi_script_name;\n\
         fastcgi_param REQUEST_METHOD $request_method;\n\
         fastcgi_param REQUEST_URI $request_uri;\n\
         fastcgi_param QUERY_STRING $query_string;\n\
         fastcgi_param CONTENT_TYPE $content_type;\n\
         fastcgi_param CONTENT_LENGTH $content_length;\n\
         fastcgi_param SERVER_PROTOCOL $server_protocol;\n\
         }}\n"
    )
}

/// A `server` block on `port` serving the stack's docroot, PHP through `pass`.
pub fn nginx_php_server(stack: &Stack, port: u16, pass: &str) -> String {
    format!(
        "server {{\nlisten 127.0.0.1:{port};\nroot {};\n{}}}\n",
        stack.docroot().display(),
        nginx_php_location(pass)
    )
}

#[test]
fn pool_listen_values_map_to_connect_addresses() {
    let addr = |l: &str| listen_tcp_addr(l).map(|a| a.to_string());
    assert_eq!(addr("9000").as_deref(), Some("127.0.0.1:9000"));
    assert_eq!(addr("[::]:9000").as_deref(), Some("127.0.0.1:9000"));
    assert_eq!(addr("[::1]:9000").as_deref(), Some("[::1]:9000"));
    assert_eq!(addr("127.0.0.2:9000").as_deref(), Some("127.0.0.2:9000"));
    assert_eq!(addr("/run/php/php.sock"), None);
}

impl Stack {
    /// Runs `php-fpm8.2 -t` on a config `{name}.conf` holding `pool` after
    /// a `[global]` section: (accepted, what it printed).
    pub fn php_fpm_t(&self, name: &str, pool: &str) -> (bool, String) {
        let conf = self.write(
            &format!("{name}.conf"),
            &format!(
                "[global]\nerror_log = {}\n\n{pool}",
                self.path(&format!("{name}.log")).display()
            ),
        );
        let out = Command::new(PHP_FPM)
            .arg("-t")
            .arg("-y")
            .arg(&conf)
            .output()
            .expect("run php-fpm -t");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }
}

impl Stack {
    /// What hoplint says of rule `code` on the configs this stack wrote:
    /// (severity, message) of each finding. With `as_root`, the stack's
    /// directory is the checked server's `/` (so its `etc/passwd` counts).
    pub fn hoplint_findings(
        &self,
        code: &str,
        as_root: bool,
    ) -> Vec<(hoplint::diagnostic::Severity, String)> {
        self.hoplint_check(&hoplint::config::Config::default(), as_root)
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| (d.severity, d.message.clone()))
            .collect()
    }

    /// hoplint's whole check of the configs this stack wrote, with
    /// `config` as the user's declarations.
    pub fn hoplint_check(
        &self,
        config: &hoplint::config::Config,
        as_root: bool,
    ) -> hoplint::load::Project {
        let dir = self.path("");
        hoplint::check_with(
            std::slice::from_ref(&dir),
            &hoplint::load::Options {
                root: as_root.then(|| dir.clone()),
                display_base: Some(dir.clone()),
                kind: None,
            },
            config,
        )
    }
}
