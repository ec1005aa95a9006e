//! The only code that touches `fetch`, `AbortController` and timers.
//!
//! Every await is raced against a [`Timebox`], so that a fetch (or a body,
//! or an injected `fetch`) that ignores its signal still cannot hang a call.
//! Responses are read by duck typing, so any `Response`-like object works.

mod js_value;
mod response;
mod timebox;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use crate::core::request::{ACCEPT, METHOD};
use crate::core::response::clean_header_value;
use crate::core::{DropRequest, ResponseHead};

pub use js_value::parse_json;
use response::{read_body, read_head};
use timebox::{Fired, Timebox};

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

/// A response read to the end.
pub struct RawResponse {
    pub head: ResponseHead,
    pub body: String,
}

/// Which `fetch` to call: the caller's (unbound), or the runtime's global one.
pub struct Fetcher {
    custom: Option<Function>,
}

impl Fetcher {
    pub fn new(custom: Option<Function>) -> Self {
        Fetcher { custom }
    }

    /// The function and its `this`. The global one is looked up at call
    /// time, so a runtime or test that installs `fetch` later is honoured.
    fn resolve(&self) -> Option<(Function, JsValue)> {
        if let Some(f) = &self.custom {
            return Some((f.clone(), JsValue::UNDEFINED));
        }
        let global: JsValue = js_sys::global().into();
        let f = Reflect::get(&global, &JsValue::from_str("fetch")).ok()?;
        f.dyn_into::<Function>().ok().map(|f| (f, global))
    }
}

pub fn is_aborted(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(|s| s.aborted())
}

/// Waits `ms`; `Err` if the caller's signal fires first.
pub async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), ()> {
    if is_aborted(signal) {
        return Err(());
    }
    let fired = Timebox::start(ms, signal, None).wait().await;
    if fired == Fired::Abort || is_aborted(signal) {
        Err(())
    } else {
        Ok(())
    }
}

pub fn random() -> f64 {
    js_sys::Math::random()
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn failure(kind: FailureKind, head: Option<&ResponseHead>, detail: String) -> AttemptFailure {
    AttemptFailure {
        kind,
        head: head.cloned(),
        detail,
    }
}

/// What an interrupted await means.
fn interrupted(outcome: Result<Fired, JsValue>, head: Option<&ResponseHead>) -> AttemptFailure {
    match outcome {
        Ok(Fired::Abort) => failure(FailureKind::Aborted, head, String::new()),
        Ok(_) => failure(FailureKind::Timeout, head, String::new()),
        Err(e) => failure(FailureKind::Network, head, describe_js_error(&e)),
    }
}

/// The runtime's words for a failed fetch, with its `cause` where it has one
/// (Node puts ECONNRESET and the like there).
fn describe_js_error(e: &JsValue) -> String {
    let text = |v: &JsValue| -> Option<String> {
        let msg = Reflect::get(v, &JsValue::from_str("message"))
            .ok()?
            .as_string()?;
        Some(msg)
    };
    let mut out = text(e)
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into());
    if let Ok(cause) = Reflect::get(e, &JsValue::from_str("cause")) {
        let code = Reflect::get(&cause, &JsValue::from_str("code"))
            .ok()
            .and_then(|c| c.as_string());
        if let Some(c) = code.or_else(|| text(&cause)) {
            out.push_str(" (");
            out.push_str(&c);
            out.push(')');
        }
    }
    clean_header_value(&out, 300).unwrap_or_else(|| "fetch failed".into())
}

/// One HTTP attempt, bounded by `timeout_ms` from the call to `fetch` to the
/// last byte of the body.
pub async fn send(
    fetcher: &Fetcher,
    request: &DropRequest,
    timeout_ms: u32,
    signal: Option<&AbortSignal>,
) -> Result<RawResponse, AttemptFailure> {
    if is_aborted(signal) {
        return Err(failure(FailureKind::Aborted, None, String::new()));
    }
    let network = |detail: &str| failure(FailureKind::Network, None, detail.into());
    let (fetch, this) = fetcher
        .resolve()
        .ok_or_else(|| network("no fetch function in this runtime"))?;
    let controller =
        AbortController::new().map_err(|_| network("AbortController is not available"))?;
    let timebox = Timebox::start(timeout_ms, signal, Some(&controller));

    let init = Object::new();
    let headers = Object::new();
    let set = |o: &Object, k: &str, v: &JsValue| {
        let _ = Reflect::set(o, &JsValue::from_str(k), v);
    };
    set(
        &headers,
        "authorization",
        &JsValue::from_str(&request.authorization),
    );
    set(&headers, "accept", &JsValue::from_str(ACCEPT));
    set(&init, "method", &JsValue::from_str(METHOD));
    set(&init, "headers", &headers);
    // A redirect must never carry the key elsewhere: it becomes an error instead.
    set(&init, "redirect", &JsValue::from_str("manual"));
    set(&init, "signal", &controller.signal());

    let pending = fetch
        .call2(&this, &JsValue::from_str(&request.url), &init)
        .map_err(|e| network(&describe_js_error(&e)))?;
    let response = timebox
        .race(&pending)
        .await
        .map_err(|o| interrupted(o, None))?;
    let head = read_head(&response)
        .ok_or_else(|| network("fetch resolved to something that is not a Response"))?;
    let body = read_body(&response, &timebox, &head).await;
    if body.is_err() {
        // Drops the connection of a body left unread (too large, stalled, reset).
        controller.abort();
    }
    Ok(RawResponse { head, body: body? })
}
