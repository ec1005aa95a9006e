//! The only code that touches `fetch`, `AbortController` and timers.
//!
//! The mechanics of an attempt (the fetch, the deadline, reading the body
//! within the limit) are `attempt.js`: one crossing of the JS↔wasm boundary
//! per attempt instead of one per property, header, chunk and callback.
//! What to send, the limits and what a failure means are decided here and in
//! the core.

mod js_value;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::core::json::JsonError;
use crate::core::response::{clean_header_value, MAX_BODY_BYTES};
use crate::core::{DropRequest, ResponseHead};
use crate::task::settled;

#[wasm_bindgen(module = "/src/transport/attempt.js")]
extern "C" {
    /// What `attempt` resolves to.
    type Outcome;
    #[wasm_bindgen(method, getter)]
    fn failure(this: &Outcome) -> u8;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Outcome) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn detail(this: &Outcome) -> Option<String>;
    /// The values of `requestid`, `x-request-id`, `location`, `retry-after`
    /// and `retry-after-ms`, one per line ("" where absent): one string to
    /// cross the boundary instead of five.
    #[wasm_bindgen(method, getter)]
    fn headers(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn json(this: &Outcome) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = jsonError)]
    fn json_error(this: &Outcome) -> u8;

    #[wasm_bindgen(js_name = attempt)]
    fn start_attempt(
        fetch: &JsValue,
        url: &str,
        authorization: &str,
        timeout_ms: u32,
        signal: &JsValue,
        limit: u32,
    ) -> Promise;
    #[wasm_bindgen(js_name = sleep)]
    fn start_sleep(ms: u32, signal: &JsValue) -> Promise;
}

/// Why an attempt produced no usable response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    Timeout,
    Aborted,
    Network,
    /// The body was over [`MAX_BODY_BYTES`]; it was not read to the end.
    TooLarge,
}

#[derive(Debug)]
pub struct AttemptFailure {
    pub kind: FailureKind,
    /// Set when the headers had arrived before the failure.
    pub head: Option<ResponseHead>,
    /// The runtime's own words, for `network`.
    pub detail: String,
}

/// A response read to the end, its body parsed by the runtime's `JSON.parse`:
/// the wasm carries no JSON parser, and the success value is this very
/// object, unknown fields and all.
pub struct RawResponse {
    pub head: ResponseHead,
    pub body: Result<JsValue, JsonError>,
}

/// Which `fetch` to call: the caller's (called unbound), or else the
/// runtime's global one, looked up at call time so that a runtime or test
/// that installs `fetch` later is honoured.
pub struct Fetcher {
    custom: Option<Function>,
}

impl Fetcher {
    pub fn new(custom: Option<Function>) -> Self {
        Fetcher { custom }
    }
}

pub fn is_aborted(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(|s| s.aborted())
}

fn as_js(signal: Option<&AbortSignal>) -> JsValue {
    signal.map_or(JsValue::UNDEFINED, |s| s.into())
}

/// Waits `ms`; `Err` if the caller's signal fires first.
pub async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), ()> {
    let done = settled(start_sleep(ms, &as_js(signal))).await;
    match done.map(|v| v.as_bool()) {
        Ok(Some(true)) => Ok(()),
        _ => Err(()),
    }
}

pub fn random() -> f64 {
    js_sys::Math::random()
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn read_head(outcome: &Outcome) -> Option<ResponseHead> {
    let status = outcome.status()?;
    let headers = outcome.headers().unwrap_or_default();
    let mut values = headers.split('\n').map(|v| clean_header_value(v, 256));
    let mut next = || values.next().flatten();
    let (request_id, x_request_id) = (next(), next());
    Some(ResponseHead {
        status: if (0.0..=999.0).contains(&status) {
            status as u16
        } else {
            0
        },
        request_id: request_id.or(x_request_id),
        location: next(),
        retry_after: next(),
        retry_after_ms: next(),
    })
}

/// One HTTP attempt, bounded by `timeout_ms` from the call to `fetch` to the
/// last byte of the body.
pub async fn send(
    fetcher: &Fetcher,
    request: &DropRequest,
    timeout_ms: u32,
    signal: Option<&AbortSignal>,
) -> Result<RawResponse, AttemptFailure> {
    let fetch = fetcher
        .custom
        .as_ref()
        .map_or(JsValue::UNDEFINED, |f| f.into());
    let pending = start_attempt(
        &fetch,
        &request.url,
        &request.authorization,
        timeout_ms,
        &as_js(signal),
        MAX_BODY_BYTES as u32,
    );
    read_outcome(settled(pending).await)
}

/// What `attempt` resolved to, as the client sees it.
// The same Result that `send` returns, made once per attempt: not worth a Box.
#[allow(clippy::result_large_err)]
fn read_outcome(settled: Result<JsValue, JsValue>) -> Result<RawResponse, AttemptFailure> {
    let outcome: Outcome = match settled {
        Ok(v) => v.unchecked_into(),
        // attempt() catches what fetch, the body and the signal throw: not reached.
        Err(_) => return Err(network("the attempt ended without an outcome")),
    };
    let head = read_head(&outcome);
    // The numbers are attempt.js's FailureKind and JsonError constants.
    let kind = match outcome.failure() {
        0 => {
            let body = match outcome.json_error() {
                0 => Ok(outcome.json()),
                1 => Err(JsonError::Empty),
                _ => Err(JsonError::Syntax),
            };
            return match head {
                Some(head) => Ok(RawResponse { head, body }),
                None => Err(network("the attempt ended without a response")),
            };
        }
        1 => FailureKind::Timeout,
        2 => FailureKind::Aborted,
        4 => FailureKind::TooLarge,
        _ => FailureKind::Network,
    };
    let detail = outcome
        .detail()
        .and_then(|d| clean_header_value(&d, 300))
        .unwrap_or_else(|| "fetch failed".into());
    Err(AttemptFailure { kind, head, detail })
}

fn network(detail: &str) -> AttemptFailure {
    AttemptFailure {
        kind: FailureKind::Network,
        head: None,
        detail: detail.into(),
    }
}
