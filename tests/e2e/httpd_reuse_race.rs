//! httpd's `ProxyPass` pools backend connections and, without `ttl=`,
//! reuses an idle one however long it has waited. A backend whose idle
//! limit has passed closes such a connection; when that happens just as
//! httpd sends a request on it, httpd answers 502 with `AH01102`. No real
//! backend closes at a chosen instant, so the backend here is a small
//! scripted one that does exactly what the race does: a request arriving
//! on a connection idle longer than its limit finds the connection closed
//! instead of answered. httpd is real; with `ttl=` below the limit it opens
//! a fresh connection and answers 200.

use crate::harness::{assert_log_line, free_port, Stack, APACHE};
use crate::http::{send, Request};
use hoplint::config::Config;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// The backend's idle limit.
const IDLE: Duration = Duration::from_secs(2);

/// A keep-alive HTTP backend on `port` that closes, unanswered, a
/// connection whose next request comes after `IDLE`. Counts connections.
struct Backend {
    stop: Arc<AtomicBool>,
    connections: Arc<AtomicUsize>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Backend {
    fn start(port: u16) -> Backend {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let (s, c) = (stop.clone(), connections.clone());
        let thread = thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((conn, _)) => {
                        c.fetch_add(1, Ordering::SeqCst);
                        thread::spawn(move || serve(conn));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Backend {
            stop,
            connections,
            thread: Some(thread),
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut conn: TcpStream) {
    conn.set_nonblocking(false).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut last = Instant::now();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(n) = conn.read(&mut chunk) else { return };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        // The requests here carry no body.
        buf.drain(..end + 4);
        if last.elapsed() >= IDLE {
            // The idle timer fired as the request arrived: closed, unanswered.
            return;
        }
        let _ = conn.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nok\n",
        );
        last = Instant::now();
    }
}

/// httpd on `port` proxying `/app` to the backend with `params`. One
/// child process: each child has its own connection pool, and a request
/// served by a second child would find no pooled connection to reuse.
fn front(name: &str, port: u16, backend: u16, params: &str) -> Stack {
    let mut s = Stack::new(name, &[APACHE]).unwrap();
    s.apache(
        "www-data",
        port,
        &format!(
            "ServerLimit 1\nMaxRequestWorkers 16\nMinSpareThreads 1\nMaxSpareThreads 16\n\
             ProxyPass /app http://127.0.0.1:{backend}/{params}\n"
        ),
    );
    s
}

/// What the user declares of the backend: its address and idle limit.
fn declared(backend: u16) -> Config {
    Config::parse(&format!(
        "[[external]]\nname = \"app\"\nlisten = \"127.0.0.1:{backend}\"\nkeepalive_timeout = \"{}s\"\n",
        IDLE.as_secs()
    ))
    .unwrap()
}

fn keepalive_findings(s: &Stack, backend: u16) -> Vec<String> {
    s.hoplint_check(&declared(backend), false)
        .diagnostics
        .iter()
        .filter(|d| d.code == "keepalive-outlives-backend")
        .map(|d| d.message.clone())
        .collect()
}

/// A GET, a pause longer than the backend's idle limit, then a POST from a
/// new client: the status of the POST.
fn get_pause_post(port: u16) -> u16 {
    assert_eq!(
        send(port, &Request::get("/app", "localhost"))
            .unwrap()
            .status,
        200
    );
    thread::sleep(IDLE + Duration::from_millis(500));
    let mut post = Request::get("/app", "localhost");
    post.method = "POST".into();
    post.body = b"order=1".to_vec();
    send(port, &post).unwrap().status
}

#[test]
fn httpd_reusing_a_connection_the_backend_closed_is_502_ah01102_and_flagged() {
    if Stack::new("httpd_reuse_probe", &[APACHE]).is_none() {
        return;
    }
    let (port, backend_port) = (free_port(), free_port());
    let backend = Backend::start(backend_port);
    let s = front("httpd_reuse_no_ttl", port, backend_port, "");

    assert_eq!(get_pause_post(port), 502);
    let line = assert_log_line(
        &s.servers()[0].error_log,
        &format!("AH01102: error reading status line from remote server 127.0.0.1:{backend_port}"),
    );
    assert!(line.contains("[proxy_http:error]"), "{line}");
    assert_log_line(
        &s.servers()[0].error_log,
        "AH00898: Error reading from remote server returned by /app",
    );
    // httpd sent the POST on the pooled connection: one connection only.
    assert_eq!(backend.connections(), 1);

    let found = keepalive_findings(&s, backend_port);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("no `ttl=`"), "{}", found[0]);
    s.finish();
}

#[test]
fn httpd_with_ttl_below_the_backend_idle_limit_reconnects_and_is_silent() {
    if Stack::new("httpd_reuse_probe", &[APACHE]).is_none() {
        return;
    }
    let (port, backend_port) = (free_port(), free_port());
    let backend = Backend::start(backend_port);
    let s = front("httpd_reuse_ttl", port, backend_port, " ttl=1");

    assert_eq!(get_pause_post(port), 200);
    // The pooled connection outlived ttl: the POST went on a new one.
    assert_eq!(backend.connections(), 2);
    assert_eq!(keepalive_findings(&s, backend_port), Vec::<String>::new());
    s.finish();
}
