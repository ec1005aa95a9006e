//! Small builders for the responses the mock sends, so handlers stay readable.

use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Response, StatusCode};
use serde::Serialize;

use crate::body::MockBody;

/// The content type of every JSON answer.
pub const JSON: &str = "application/json";

/// A response with the given status and no body or headers yet.
pub fn status(status: StatusCode) -> Response<MockBody> {
    let mut res = Response::new(MockBody::empty());
    *res.status_mut() = status;
    res
}

/// A JSON answer. Serializing plain data cannot fail; if it ever did, the
/// client gets a 500 JSON answer rather than a crashed server.
pub fn json<T: Serialize + ?Sized>(code: StatusCode, value: &T) -> Response<MockBody> {
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            let mut res = Response::new(MockBody::full(bytes));
            *res.status_mut() = code;
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
            res
        }
        Err(_) => {
            let mut res = Response::new(MockBody::full(
                r#"{"error":"internal serialization error"}"#,
            ));
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
            res
        }
    }
}

/// The `{"code":N,"message":"..."}` shape the real API uses for errors.
pub fn api_error(http: StatusCode, code: u32, message: &str) -> Response<MockBody> {
    json(
        http,
        &serde_json::json!({ "code": code, "message": message }),
    )
}

/// The `{"error":"..."}` shape of control-surface errors.
pub fn control_error(http: StatusCode, message: &str) -> Response<MockBody> {
    json(http, &serde_json::json!({ "error": message }))
}
