//! A tiny HTTP/1.1 client over std's `TcpStream`: enough to see what a front
//! server answered, with no dependency that could hide a server's behaviour.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::Duration;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Longer than any timeout a test configures on purpose, so a hanging server
/// shows up as a clear error instead of a stuck suite.
const IO_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Header names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request to `127.0.0.1:port`.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub host: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn get(path: &str, host: &str) -> Request {
        Request {
            method: "GET".into(),
            path: path.into(),
            host: host.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header, e.g. a large `Cookie` to overflow a server's buffers.
    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.into(), value.into()));
        self
    }
}

pub fn get(port: u16, path: &str, host: &str) -> Response {
    send(port, &Request::get(path, host))
        .unwrap_or_else(|e| panic!("GET http://127.0.0.1:{port}{path} (Host: {host}) failed: {e}"))
}

pub fn send(port: u16, req: &Request) -> io::Result<Response> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;

    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        req.method, req.path, req.host
    );
    for (name, value) in &req.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !req.body.is_empty() {
        head.push_str(&format!("Content-Length: {}\r\n", req.body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&req.body)?;

    // `Connection: close` makes the server end the response with EOF.
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw)
}

/// Sends `n` copies of `req` at once, each on its own thread and connection,
/// and returns the outcomes in the order the threads were started.
pub fn send_concurrent(port: u16, req: &Request, n: usize) -> Vec<io::Result<Response>> {
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let req = req.clone();
            thread::spawn(move || send(port, &req))
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("request thread panicked"))
        .collect()
}

/// One client connection kept open across requests (HTTP/1.1 keep-alive),
/// for tests about what happens to the second request on it.
pub struct Persistent {
    stream: TcpStream,
}

impl Persistent {
    pub fn connect(port: u16) -> io::Result<Persistent> {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT)?;
        stream.set_read_timeout(Some(IO_TIMEOUT))?;
        stream.set_write_timeout(Some(IO_TIMEOUT))?;
        Ok(Persistent { stream })
    }

    /// Bounds the wait for the next response (a server that never answers
    /// becomes a `TimedOut`/`WouldBlock` error).
    pub fn set_read_timeout(&self, timeout: Duration) -> io::Result<()> {
        self.stream.set_read_timeout(Some(timeout))
    }

    /// Writes `req` without `Connection: close`; read the answer with
    /// [`Persistent::read_response`]. Writing and reading apart lets a test
    /// act on the server in between.
    pub fn write_request(&mut self, req: &Request) -> io::Result<()> {
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\n",
            req.method, req.path, req.host
        );
        for (name, value) in &req.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !req.body.is_empty() || req.method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", req.body.len()));
        }
        head.push_str("\r\n");
        let mut all = head.into_bytes();
        all.extend_from_slice(&req.body);
        // One write, so the server sees the whole request in one read.
        self.stream.write_all(&all)
    }

    /// Reads one response, framed by `Content-Length` or chunked encoding
    /// (or EOF when the server closes), leaving the connection usable.
    pub fn read_response(&mut self) -> io::Result<Response> {
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            if let Some(end) = response_end(&raw) {
                return parse_response(&raw[..end]);
            }
            let n = self.stream.read(&mut buf)?;
            if n == 0 {
                return parse_response(&raw);
            }
            raw.extend_from_slice(&buf[..n]);
        }
    }

    pub fn send(&mut self, req: &Request) -> io::Result<Response> {
        self.write_request(req)?;
        self.read_response()
    }
}

/// Where a complete response in `raw` ends, if `raw` holds one yet.
fn response_end(raw: &[u8]) -> Option<usize> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    if head.contains("transfer-encoding: chunked") {
        let body = &raw[split..];
        let end = body.windows(5).position(|w| w == b"0\r\n\r\n")?;
        // The terminator must start a line: the last chunk's size `0`.
        return (end == 0 || body[..end].ends_with(b"\r\n")).then_some(split + end + 5);
    }
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())?;
    (raw.len() >= split + len).then_some(split + len)
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

fn parse_response(raw: &[u8]) -> io::Result<Response> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| invalid(format!("no end of headers in {} bytes", raw.len())))?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let body = &raw[split + 4..];

    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(format!("bad status line {status_line:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();

    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| invalid("truncated chunk size".into()))?;
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size_hex = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| invalid(format!("bad chunk size {size_hex:?}")))?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            return Err(invalid("truncated chunk".into()));
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
}

#[test]
fn parses_plain_and_chunked_responses() {
    let r = parse_response(b"HTTP/1.1 502 Bad Gateway\r\nServer: x\r\nContent-Length: 2\r\n\r\nhi")
        .unwrap();
    assert_eq!(
        (r.status, r.header("server"), r.body_text().as_str()),
        (502, Some("x"), "hi")
    );

    let r = parse_response(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n3;x=y\r\n!!!\r\n0\r\n\r\n",
    )
    .unwrap();
    assert_eq!(r.body_text(), "ok!!!");
    assert!(parse_response(b"HTTP/1.1 200 OK\r\n").is_err());
}

#[test]
fn finds_where_a_kept_alive_response_ends() {
    let plain = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    assert_eq!(response_end(plain), Some(plain.len()));
    assert_eq!(response_end(&plain[..plain.len() - 1]), None);
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
    assert_eq!(response_end(chunked), Some(chunked.len()));
    assert_eq!(response_end(&chunked[..chunked.len() - 2]), None);
}
