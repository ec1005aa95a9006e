//! Turning a queued fault into what goes on the wire.

use std::time::Duration;

use bytes::Bytes;
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Response, StatusCode};
use serde_json::json;
use tokio::sync::mpsc;

use crate::body::MockBody;
use crate::ctx::ConnHandle;
use crate::faults::{Action, Fault, DEFAULT_HUGE_BYTES};
use crate::reply;

/// Start of a success body, cut off: valid UTF-8, invalid JSON.
pub const TRUNCATED_JSON: &str = r#"{"code":0,"data":{"clusterId":"in01-"#;
/// Content-Length announced by `stall_body` and `reset_mid_body`.
pub const ANNOUNCED_LENGTH: u64 = 100;
/// What `reset_mid_body` sends before aborting (20 bytes).
pub const PARTIAL_BODY: &[u8] = br#"{"code":0,"data":{"c"#;
/// How long `stall_body` keeps the connection open before closing it.
pub const STALL_FOR: Duration = Duration::from_secs(60);
/// Time for the partial body to reach the socket before the abort.
const FLUSH_PAUSE: Duration = Duration::from_millis(100);
const CHUNK: usize = 64 * 1024;

/// What to do for a fault.
#[derive(Debug)]
pub enum FaultReply {
    /// Drop the connection without any response.
    Reset,
    /// Send this response; `logged_status` is `None` when it will never finish.
    Respond {
        response: Response<MockBody>,
        logged_status: Option<u16>,
    },
}

/// Builds the reply. Streaming bodies are fed by spawned tasks that hold
/// `conn` to abort the connection when the scenario calls for it.
pub fn build(fault: &Fault, conn: &ConnHandle) -> FaultReply {
    let status = |default: u16| {
        StatusCode::from_u16(fault.status.unwrap_or(default)).unwrap_or(StatusCode::OK)
    };
    let done = |response: Response<MockBody>| FaultReply::Respond {
        logged_status: Some(response.status().as_u16()),
        response,
    };
    match fault.action {
        Some(Action::Reset) => FaultReply::Reset,
        Some(Action::Html) => done(html(status(502))),
        Some(Action::TruncatedJson) => done(typed(
            status(200),
            reply::JSON,
            MockBody::full(TRUNCATED_JSON),
        )),
        Some(Action::StallBody) => FaultReply::Respond {
            response: stall_body(status(200), conn.clone()),
            logged_status: None,
        },
        Some(Action::ResetMidBody) => FaultReply::Respond {
            response: reset_mid_body(status(200), conn.clone()),
            logged_status: None,
        },
        Some(Action::HugeBody) => done(huge_body(
            status(200),
            fault.bytes.unwrap_or(DEFAULT_HUGE_BYTES),
        )),
        Some(Action::Empty) => done(with_status(status(200), MockBody::empty())),
        None => done(custom(fault, status(200))),
    }
}

/// `body` is sent as-is (no content type unless `headers` sets one), `json`
/// as JSON; a bare `status` gets a small JSON error body.
fn custom(fault: &Fault, status: StatusCode) -> Response<MockBody> {
    if let Some(body) = &fault.body {
        with_status(status, MockBody::full(body.clone()))
    } else if let Some(value) = &fault.json {
        reply::json(status, value)
    } else {
        let message = status.canonical_reason().unwrap_or("Error");
        reply::json(
            status,
            &json!({ "code": status.as_u16(), "message": message }),
        )
    }
}

fn html(status: StatusCode) -> Response<MockBody> {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    let page = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    typed(status, "text/html", MockBody::full(page))
}

/// Headers announce 100 bytes, then nothing until [`STALL_FOR`] has passed.
fn stall_body(status: StatusCode, conn: ConnHandle) -> Response<MockBody> {
    let (tx, rx) = mpsc::channel::<Bytes>(1);
    tokio::spawn(async move {
        tokio::select! {
            _ = tokio::time::sleep(STALL_FOR) => {
                conn.kill();
                tx.closed().await;
            }
            // The client gave up or the server stopped.
            _ = tx.closed() => {}
        }
    });
    announced(status, ANNOUNCED_LENGTH, rx)
}

/// Headers announce 100 bytes, 20 are sent, then the connection is reset.
fn reset_mid_body(status: StatusCode, conn: ConnHandle) -> Response<MockBody> {
    let (tx, rx) = mpsc::channel::<Bytes>(1);
    tokio::spawn(async move {
        if tx.send(Bytes::from_static(PARTIAL_BODY)).await.is_ok() {
            tokio::time::sleep(FLUSH_PAUSE).await;
        }
        conn.kill();
        // Keep the body open until the socket is gone, so hyper cannot end it
        // politely first.
        tx.closed().await;
    });
    announced(status, ANNOUNCED_LENGTH, rx)
}

/// `bytes` bytes starting like JSON and never closing it, streamed in chunks.
fn huge_body(status: StatusCode, bytes: u64) -> Response<MockBody> {
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    tokio::spawn(async move {
        let mut remaining = bytes;
        let mut next = Bytes::from_static(br#"{"code":0,"pad":""#);
        let pad = Bytes::from(vec![b'x'; CHUNK]);
        while remaining > 0 {
            let n = usize::try_from(remaining)
                .unwrap_or(usize::MAX)
                .min(next.len());
            if tx.send(next.slice(..n)).await.is_err() {
                return;
            }
            remaining -= n as u64;
            next = pad.clone();
        }
    });
    announced(status, bytes, rx)
}

fn announced(status: StatusCode, length: u64, rx: mpsc::Receiver<Bytes>) -> Response<MockBody> {
    let mut res = typed(status, reply::JSON, MockBody::Stream(rx));
    res.headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(length));
    res
}

fn typed(status: StatusCode, content_type: &'static str, body: MockBody) -> Response<MockBody> {
    let mut res = with_status(status, body);
    res.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

fn with_status(status: StatusCode, body: MockBody) -> Response<MockBody> {
    let mut res = Response::new(body);
    *res.status_mut() = status;
    res
}
