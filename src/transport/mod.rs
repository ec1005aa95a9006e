//! The only code that touches `fetch`, `AbortController` and timers.
//!
//! The mechanics of an attempt (the fetch, the deadline, reading the body
//! within the limit) are `attempt.js`: one crossing of the JS↔wasm boundary
//! per attempt instead of one per property, header, chunk and callback. It
//! reports facts; the core decides what they mean. Every promise is awaited
//! through wasm-bindgen-futures, and every operation carries an
//! [`AbortGuard`]: a future dropped before the end aborts its fetch and
//! clears its timers.

mod body;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::core::attempt::{AttemptFacts, AttemptOutcome, RESPONSE_HEADERS};
use crate::core::read_attempt;
use crate::core::request::DropRequest;
use crate::core::response::MAX_BODY_BYTES;

#[wasm_bindgen(module = "/src/transport/attempt.js")]
extern "C" {
    /// What `attempt` resolves to: plain facts, every member always set.
    type Outcome;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Outcome) -> Option<f64>;
    #[wasm_bindgen(method, getter, js_name = opaqueRedirect)]
    fn opaque_redirect(this: &Outcome) -> bool;
    #[wasm_bindgen(method, getter)]
    fn headers(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = timedOut)]
    fn timed_out(this: &Outcome) -> bool;
    #[wasm_bindgen(method, getter)]
    fn aborted(this: &Outcome) -> bool;
    #[wasm_bindgen(method, getter, js_name = tooLarge)]
    fn too_large(this: &Outcome) -> bool;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = bodyEmpty)]
    fn body_empty(this: &Outcome) -> bool;
    #[wasm_bindgen(method, getter, js_name = bodyInvalid)]
    fn body_invalid(this: &Outcome) -> bool;
    #[wasm_bindgen(method, getter)]
    fn json(this: &Outcome) -> JsValue;

    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = attempt)]
    fn start_attempt(
        fetch: &JsValue,
        method: &str,
        url: &str,
        accept: &str,
        authorization: &str,
        redirect: &str,
        header_names: &str,
        timeout_ms: u32,
        signal: &JsValue,
        controller: &AbortController,
        limit: u32,
    ) -> Promise;
    #[wasm_bindgen(js_name = sleep)]
    fn start_sleep(ms: u32, signal: &JsValue, controller: &AbortController) -> Promise;
}

#[wasm_bindgen]
extern "C" {
    /// The caller's signal, read without trusting it: its getter may throw.
    type SignalLike;
    #[wasm_bindgen(catch, method, getter)]
    fn aborted(this: &SignalLike) -> Result<JsValue, JsValue>;
}

/// Aborts its controller when dropped before [`AbortGuard::disarm`]: a call's
/// future dropped mid-attempt or mid-wait cancels the fetch and its timers
/// (`attempt.js` clears them when the controller aborts).
struct AbortGuard(Option<AbortController>);

impl AbortGuard {
    fn new() -> Option<AbortGuard> {
        AbortController::new().ok().map(|c| AbortGuard(Some(c)))
    }

    fn controller(&self) -> Option<&AbortController> {
        self.0.as_ref()
    }

    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let Some(controller) = self.0.take() {
            controller.abort();
        }
    }
}

fn as_js(signal: Option<&AbortSignal>) -> JsValue {
    signal.map_or(JsValue::UNDEFINED, |s| s.into())
}

/// Whether the caller's signal has fired (a signal whose `aborted` throws has not).
pub fn is_aborted(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(|s| {
        s.unchecked_ref::<SignalLike>()
            .aborted()
            .is_ok_and(|v| v.as_bool() == Some(true))
    })
}

/// Waits `ms`; `Err` if the caller's signal fires first.
pub async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), ()> {
    let guard = AbortGuard::new().ok_or(())?;
    let controller = guard.controller().ok_or(())?;
    let done = JsFuture::from(start_sleep(ms, &as_js(signal), controller)).await;
    guard.disarm();
    match done.map(|v| v.as_bool()) {
        Ok(Some(true)) => Ok(()),
        _ => Err(()),
    }
}

/// Backoff jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// For `Retry-After` dates.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// One HTTP attempt, bounded by `timeout_ms` from the call to `fetch` to the
/// last byte of the body. `fetch` is the caller's (called unbound), else the
/// runtime's global one, looked up at call time.
pub async fn send(
    fetch: Option<&Function>,
    request: &DropRequest,
    timeout_ms: u32,
    signal: Option<&AbortSignal>,
) -> AttemptOutcome<JsValue> {
    let Some(guard) = AbortGuard::new() else {
        return failed("AbortController is not available in this runtime");
    };
    let Some(controller) = guard.controller() else {
        return failed("AbortController is not available in this runtime");
    };
    let fetch = fetch.map_or(JsValue::UNDEFINED, |f| f.into());
    let pending = start_attempt(
        &fetch,
        request.method,
        &request.url,
        request.accept,
        &request.authorization,
        request.redirect.as_str(),
        RESPONSE_HEADERS,
        timeout_ms,
        &as_js(signal),
        controller,
        MAX_BODY_BYTES as u32,
    );
    let settled = JsFuture::from(pending).await;
    // The attempt is over: it has already released what it held.
    guard.disarm();
    match settled {
        Ok(outcome) => body::read_outcome(&outcome.unchecked_into()),
        // attempt() catches what fetch, the body and the signal throw: not reached.
        Err(_) => failed("the attempt ended without an outcome"),
    }
}

fn failed(why: &str) -> AttemptOutcome<JsValue> {
    read_attempt(
        &AttemptFacts {
            error: Some(why.into()),
            ..Default::default()
        },
        None,
    )
}
