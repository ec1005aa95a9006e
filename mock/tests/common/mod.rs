//! Test helpers: start the mock in-process and talk to it over real TCP with
//! a tiny HTTP/1.1 client, so resets and partial bodies are observable.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use zilliz_mock::{Config, RunningMock};

pub const KEY: &str = zilliz_mock::DEFAULT_API_KEY;
pub const CLUSTER: &str = "in01-6183d6bac30f801";

pub async fn start() -> RunningMock {
    start_with(|_| {}).await
}

pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> RunningMock {
    let mut config = Config::default();
    tweak(&mut config);
    zilliz_mock::start(config).await.expect("mock starts")
}

/// A parsed response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What came back on a connection and how it ended.
#[derive(Debug)]
pub struct Exchange {
    pub bytes: Vec<u8>,
    /// `None`: clean EOF. `Some`: an error such as a reset, or a timeout.
    pub error: Option<io::ErrorKind>,
}

/// Formats a request with `Connection: close`.
pub fn request_bytes(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Vec<u8> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    if let Some(b) = body {
        req.push_str(b);
    }
    req.into_bytes()
}

/// Sends raw bytes and reads until EOF, error, or `limit` elapses.
pub async fn exchange(addr: SocketAddr, request: &[u8], limit: Duration) -> Exchange {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("write request");
    let mut bytes = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => {
                return Exchange {
                    bytes,
                    error: Some(io::ErrorKind::TimedOut),
                }
            }
            Ok(Ok(0)) => return Exchange { bytes, error: None },
            Ok(Ok(n)) => bytes.extend_from_slice(&buf[..n]),
            Ok(Err(e)) => {
                return Exchange {
                    bytes,
                    error: Some(e.kind()),
                }
            }
        }
    }
}

/// Splits a raw response into status, headers and body (no chunked support:
/// the mock always sends Content-Length).
pub fn parse(raw: &[u8]) -> Option<Resp> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Resp {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    })
}

/// One request; panics unless a complete response arrives.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Resp {
    let ex = exchange(
        addr,
        &request_bytes(method, path, headers, body),
        Duration::from_secs(10),
    )
    .await;
    let resp = parse(&ex.bytes).unwrap_or_else(|| panic!("no HTTP response: {ex:?}"));
    if let Some(len) = resp.header("content-length") {
        assert_eq!(
            len.parse::<usize>().unwrap(),
            resp.body.len(),
            "body length matches Content-Length"
        );
    }
    resp
}

/// `DELETE /v2/clusters/{id}/drop` with an optional key.
pub async fn drop_cluster(addr: SocketAddr, id: &str, key: Option<&str>) -> Resp {
    let auth = key.map(|k| format!("Bearer {k}"));
    let mut headers = vec![("Accept", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    send(
        addr,
        "DELETE",
        &format!("/v2/clusters/{id}/drop"),
        &headers,
        None,
    )
    .await
}

/// A control call returning (status, JSON).
pub async fn control(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> (u16, Value) {
    let headers: &[(&str, &str)] = if body.is_some() {
        &[("Content-Type", "application/json")]
    } else {
        &[]
    };
    let r = send(addr, method, path, headers, body).await;
    (r.status, r.json())
}

/// Queues faults, asserting success.
pub async fn queue(addr: SocketAddr, faults: &str) {
    let (status, v) = control(addr, "POST", "/__mock/faults", Some(faults)).await;
    assert_eq!(status, 200, "{v}");
}

/// The request log.
pub async fn requests(addr: SocketAddr) -> Vec<Value> {
    let (status, v) = control(addr, "GET", "/__mock/requests", None).await;
    assert_eq!(status, 200);
    v.as_array().cloned().expect("array")
}
