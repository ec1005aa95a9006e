//! The only code that touches `fetch`, `AbortController` and timers.
//!
//! Every await is raced against a [`Timebox`], so that a fetch (or a body,
//! or an injected `fetch`) that ignores its signal still cannot hang a call.
//! Responses are read by duck typing, so any `Response`-like object works.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::core::json::{exact_integer, JsonDoc, JsonError, JsonKind};
use crate::core::request::{ACCEPT, METHOD};
use crate::core::response::{clean_header_value, MAX_BODY_BYTES};
use crate::core::text::parse_digits;
use crate::core::{DropRequest, ResponseHead};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fired {
    No,
    Timer,
    Abort,
}

/// A deadline and the caller's signal, as one promise to race against.
/// Dropping it clears the timer and removes the listener (RAII), so nothing
/// outlives the attempt and nothing keeps a Node process alive.
struct Timebox {
    promise: Promise,
    marker: JsValue,
    fired: Rc<Cell<Fired>>,
    timer: JsValue,
    signal: Option<AbortSignal>,
    on_timer: Closure<dyn FnMut()>,
    on_abort: Closure<dyn FnMut()>,
}

impl Timebox {
    /// Fires after `ms` or when `signal` aborts, whichever is first; either
    /// way `controller` (the request's own) is aborted too.
    fn start(
        ms: u32,
        signal: Option<&AbortSignal>,
        controller: Option<&AbortController>,
    ) -> Timebox {
        let fired = Rc::new(Cell::new(Fired::No));
        let marker: JsValue = Object::new().into();
        let resolve_slot: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
        let slot = resolve_slot.clone();
        let promise = Promise::new(&mut |resolve, _reject| {
            *slot.borrow_mut() = Some(resolve);
        });
        let make = |what: Fired| {
            let fired = fired.clone();
            let slot = resolve_slot.clone();
            let marker = marker.clone();
            let controller = controller.cloned();
            Closure::<dyn FnMut()>::new(move || {
                if fired.get() == Fired::No {
                    fired.set(what);
                }
                // Resolve before aborting, so that the race settles on the marker
                // rather than on the AbortError that abort() causes.
                if let Some(resolve) = slot.borrow().as_ref() {
                    let _ = resolve.call1(&JsValue::UNDEFINED, &marker);
                }
                if let Some(c) = &controller {
                    c.abort();
                }
            })
        };
        let on_timer = make(Fired::Timer);
        let on_abort = make(Fired::Abort);
        let timer = set_timeout(on_timer.as_ref().unchecked_ref(), f64::from(ms));
        if let Some(s) = signal {
            let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
        Timebox {
            promise,
            marker,
            fired,
            timer,
            signal: signal.cloned(),
            on_timer,
            on_abort,
        }
    }

    /// Awaits `work` unless the box fires first.
    async fn race(&self, work: &JsValue) -> Result<JsValue, Result<Fired, JsValue>> {
        let both = Array::of2(work, &self.promise);
        match JsFuture::from(Promise::race(&both)).await {
            Ok(v) if v == self.marker => Err(Ok(self.fired.get())),
            Ok(v) => Ok(v),
            // A rejection caused by our own abort is the timeout or the caller's abort.
            Err(_) if self.fired.get() != Fired::No => Err(Ok(self.fired.get())),
            Err(e) => Err(Err(e)),
        }
    }

    async fn wait(&self) -> Fired {
        let _ = JsFuture::from(self.promise.clone()).await;
        self.fired.get()
    }
}

impl Drop for Timebox {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(s) = &self.signal {
            let _ = s.remove_event_listener_with_callback(
                "abort",
                self.on_abort.as_ref().unchecked_ref(),
            );
        }
        let _ = &self.on_timer;
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
#[inline(never)]
fn interrupted(outcome: Result<Fired, JsValue>, head: Option<&ResponseHead>) -> AttemptFailure {
    match outcome {
        Ok(Fired::Abort) => failure(FailureKind::Aborted, head, String::new()),
        Ok(_) => failure(FailureKind::Timeout, head, String::new()),
        Err(e) => failure(FailureKind::Network, head, describe_js_error(&e)),
    }
}

/// The runtime's words for a failed fetch, with its `cause` where it has one
/// (Node puts ECONNRESET and the like there).
#[inline(never)]
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

/// The body as the runtime's `JSON.parse` reads it: the wasm carries no JSON
/// parser, and the success value is this very object, unknown fields and all.
#[inline(never)]
pub fn parse_json(text: &str) -> Result<JsValue, JsonError> {
    if text.trim_ascii().is_empty() {
        return Err(JsonError::Empty);
    }
    js_sys::JSON::parse(text).map_err(|_| JsonError::Syntax)
}

impl JsonDoc for JsValue {
    fn kind(&self) -> JsonKind {
        if self.is_string() {
            JsonKind::String
        } else if self.as_f64().is_some() {
            JsonKind::Number
        } else if self.as_bool().is_some() {
            JsonKind::Bool
        } else if Array::is_array(self) {
            JsonKind::Array
        } else if self.is_object() {
            JsonKind::Object
        } else {
            JsonKind::Null
        }
    }

    fn member(&self, key: &str) -> Option<JsValue> {
        if self.kind() != JsonKind::Object {
            return None;
        }
        Some(get(self, key)).filter(|v| !v.is_undefined())
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn integer(&self) -> Option<i64> {
        self.as_f64().and_then(exact_integer)
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls `target[method](...args)`, returning `None` if it is not a function or throws.
fn call_method(target: &JsValue, method: &str, args: &[&JsValue]) -> Option<JsValue> {
    let f = get(target, method).dyn_into::<Function>().ok()?;
    match args {
        [] => f.call0(target).ok(),
        [a] => f.call1(target, a).ok(),
        _ => None,
    }
}

fn header(headers: &JsValue, name: &str) -> Option<String> {
    call_method(headers, "get", &[&JsValue::from_str(name)])?
        .as_string()
        .and_then(|v| clean_header_value(&v, 256))
}

#[inline(never)]
fn read_head(response: &JsValue) -> Option<ResponseHead> {
    let status = get(response, "status").as_f64()?;
    let opaque_redirect = get(response, "type")
        .as_string()
        .is_some_and(|t| t == "opaqueredirect");
    let headers = get(response, "headers");
    Some(ResponseHead {
        status: if opaque_redirect || !(0.0..=999.0).contains(&status) {
            0
        } else {
            status as u16
        },
        request_id: header(&headers, "requestid").or_else(|| header(&headers, "x-request-id")),
        location: header(&headers, "location"),
        retry_after: header(&headers, "retry-after"),
        retry_after_ms: header(&headers, "retry-after-ms"),
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

    let declared = call_method(
        &get(&response, "headers"),
        "get",
        &[&JsValue::from_str("content-length")],
    )
    .and_then(|v| v.as_string())
    .and_then(|v| parse_digits(v.trim_ascii()));
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        controller.abort();
        return Err(failure(FailureKind::TooLarge, Some(&head), String::new()));
    }
    let body = read_body(&response, &timebox, &head).await;
    if body.is_err() {
        controller.abort();
    }
    Ok(RawResponse { head, body: body? })
}

/// Reads the body as a stream where the runtime allows, stopping past the limit.
async fn read_body(
    response: &JsValue,
    timebox: &Timebox,
    head: &ResponseHead,
) -> Result<String, AttemptFailure> {
    let body = get(response, "body");
    let reader = if body.is_object() {
        call_method(&body, "getReader", &[])
    } else {
        None
    };
    let Some(reader) = reader else {
        // No stream (an injected fetch's plain object, a null body): fall back to text().
        let text = match call_method(response, "text", &[]) {
            Some(p) => timebox
                .race(&p)
                .await
                .map_err(|o| interrupted(o, Some(head)))?,
            None => JsValue::from_str(""),
        };
        let text = text.as_string().unwrap_or_default();
        if text.len() > MAX_BODY_BYTES {
            return Err(failure(FailureKind::TooLarge, Some(head), String::new()));
        }
        return Ok(text);
    };
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let read = call_method(&reader, "read", &[]).ok_or_else(|| {
            failure(
                FailureKind::Network,
                Some(head),
                "the body could not be read".into(),
            )
        })?;
        let chunk = timebox
            .race(&read)
            .await
            .map_err(|o| interrupted(o, Some(head)))?;
        if get(&chunk, "done").as_bool().unwrap_or(true) {
            break;
        }
        let value = get(&chunk, "value");
        let part = value
            .dyn_into::<Uint8Array>()
            .unwrap_or_else(|v| Uint8Array::new(&v));
        if bytes.len() + part.length() as usize > MAX_BODY_BYTES {
            return Err(failure(FailureKind::TooLarge, Some(head), String::new()));
        }
        let start = bytes.len();
        bytes.resize(start + part.length() as usize, 0);
        if let Some(dst) = bytes.get_mut(start..) {
            part.copy_to(dst);
        }
    }
    // A body that is not UTF-8 is not the documented JSON: a NUL makes sure it
    // fails to parse (lossy decoding would cost a kilobyte of wasm for nothing).
    Ok(String::from_utf8(bytes).unwrap_or_else(|_| "\u{0}".into()))
}
