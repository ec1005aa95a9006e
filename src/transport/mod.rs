//! The only code that touches `fetch`, `AbortController` and timers.
//!
//! The mechanics of an attempt (the fetch, the deadline, reading the body
//! within the limit) are `attempt.js`: one crossing of the JS↔wasm boundary
//! per attempt instead of one per property, header, chunk and callback. It
//! reports facts; the core decides what they mean. Every promise is awaited
//! through wasm-bindgen-futures, and every operation in flight is held by an
//! [`AbortGuard`]: a future dropped before the end aborts its fetch and
//! clears its timers.

mod body;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::core::attempt::AttemptFacts;
use crate::core::request::RequestTemplate;
use crate::core::response::MAX_BODY_BYTES;

#[wasm_bindgen(module = "/src/transport/attempt.js")]
extern "C" {
    /// What `attempt` resolves to: plain facts, every member always set.
    type Outcome;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Outcome) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn headers(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Outcome) -> Option<String>;
    /// The outcome's six booleans as bits, in one crossing (body.rs reads them).
    #[wasm_bindgen(js_name = flags)]
    fn outcome_flags(outcome: &Outcome) -> u32;
    #[wasm_bindgen(method, getter)]
    fn json(this: &Outcome) -> JsValue;

    /// An operation in flight: its promise, and `cancel()` to abort its
    /// request and clear its timers.
    type Pending;
    #[wasm_bindgen(method, getter)]
    fn promise(this: &Pending) -> Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &Pending);

    /// A client's request as `attempt` takes it, made once per client.
    type Template;
    #[wasm_bindgen(js_name = template)]
    fn make_template(
        fetch: &JsValue,
        accept: &str,
        authorization: &str,
        redirect: &str,
        response_headers: &str,
        limit: u32,
    ) -> Template;
    #[wasm_bindgen(js_name = attempt)]
    fn start_attempt(
        template: &Template,
        method: &str,
        url: &str,
        timeout_ms: u32,
        signal: &JsValue,
    ) -> Pending;
    #[wasm_bindgen(js_name = sleep)]
    fn start_sleep(ms: u32, signal: &JsValue) -> Pending;
}

#[wasm_bindgen]
extern "C" {
    /// The runtime's WHATWG URL parser.
    #[wasm_bindgen(js_name = URL)]
    type RuntimeUrl;
    #[wasm_bindgen(catch, constructor, js_class = "URL")]
    fn new(url: &str) -> Result<RuntimeUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn href(this: &RuntimeUrl) -> String;

    /// The caller's signal, read without trusting it: its getter may throw.
    type SignalLike;
    #[wasm_bindgen(catch, method, getter)]
    fn aborted(this: &SignalLike) -> Result<JsValue, JsValue>;
}

/// Cancels its operation when dropped before [`AbortGuard::finish`], as
/// reqwest's guard does: a call's future dropped mid-attempt or mid-wait
/// aborts the fetch and clears the deadline or the wait's timer.
struct AbortGuard {
    pending: Pending,
    armed: bool,
}

impl AbortGuard {
    fn new(pending: Pending) -> Self {
        AbortGuard {
            pending,
            armed: true,
        }
    }

    /// Waits for the operation; the guard is disarmed once it has settled.
    async fn finish(mut self) -> Result<JsValue, JsValue> {
        let settled = JsFuture::from(self.pending.promise()).await;
        self.armed = false;
        settled
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if self.armed {
            self.pending.cancel();
        }
    }
}

fn as_js(signal: Option<&AbortSignal>) -> JsValue {
    signal.map_or(JsValue::UNDEFINED, |s| s.into())
}

/// Whether the caller's signal has fired; `Err` when its `aborted` cannot
/// be read (a getter that throws, a revoked Proxy).
pub fn signal_aborted(signal: Option<&AbortSignal>) -> Result<bool, ()> {
    match signal {
        None => Ok(false),
        Some(s) => s
            .unchecked_ref::<SignalLike>()
            .aborted()
            .map(|v| v.as_bool() == Some(true))
            .map_err(|_| ()),
    }
}

/// Waits `ms`; `Err` if the caller's signal fires first.
pub async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), ()> {
    let done = AbortGuard::new(start_sleep(ms, &as_js(signal)))
        .finish()
        .await;
    match done.map(|v| v.as_bool()) {
        Ok(Some(true)) => Ok(()),
        _ => Err(()),
    }
}

/// `new URL(url).href`: how the runtime's `fetch` will read this URL; `None`
/// if the runtime refuses it.
pub fn url_href(url: &str) -> Option<String> {
    RuntimeUrl::new(url).ok().map(|u| u.href())
}

/// Backoff jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// For `Retry-After` dates.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A client's side of the transport: its request as JS data, made once so
/// that an attempt passes only its URL across the boundary.
pub struct Channel {
    template: Template,
}

impl Channel {
    /// `fetch` is the caller's (called unbound), else the runtime's global
    /// one, looked up at each attempt.
    pub fn new(fetch: Option<&Function>, request: &RequestTemplate) -> Channel {
        let fetch = fetch.map_or(JsValue::UNDEFINED, |f| f.into());
        Channel {
            template: make_template(
                &fetch,
                request.accept,
                &request.authorization,
                request.redirect,
                request.response_headers,
                MAX_BODY_BYTES as u32,
            ),
        }
    }

    /// One HTTP attempt, bounded by `timeout_ms` from the call to `fetch` to
    /// the last byte of the body: what it saw, for the core to read.
    pub async fn send(
        &self,
        method: &str,
        url: &str,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> (AttemptFacts, Option<JsValue>) {
        let pending = start_attempt(&self.template, method, url, timeout_ms, &as_js(signal));
        match AbortGuard::new(pending).finish().await {
            Ok(outcome) => body::read_outcome(&outcome.unchecked_into()),
            // attempt() catches what fetch, the body and the signal throw: not reached.
            Err(_) => (
                AttemptFacts {
                    error: Some("the attempt ended without an outcome".into()),
                    ..Default::default()
                },
                None,
            ),
        }
    }
}
