//! Every `#[wasm_bindgen]` export, and the one conversion to the JS `ZillizError`.

use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::client::Client;
use crate::core::validate::{not_an_object, RawCallOptions, RawClientOptions};
use crate::core::{validate_client_options, RawField, ZillizError};
use crate::task::{self, CallFuture, Step};

#[wasm_bindgen(module = "/js/zilliz_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = ZillizError)]
    type JsZillizError;

    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(constructor, js_class = "ZillizError")]
    fn new(
        message: &str,
        kind: &str,
        code: JsValue,
        status: JsValue,
        request_id: JsValue,
        retryable: bool,
        attempts: u32,
        maybe_dropped: bool,
    ) -> JsZillizError;
}

#[wasm_bindgen(module = "/js/drive.js")]
extern "C" {
    fn drive(call: Call) -> Promise;
}

/// The one conversion from the Rust error to the JS `ZillizError`.
fn to_js_error(e: &ZillizError) -> JsValue {
    let num = |n: Option<f64>| n.map_or(JsValue::NULL, JsValue::from_f64);
    JsZillizError::new(
        &e.message,
        e.kind(),
        num(e.code.map(|c| c as f64)),
        num(e.status.map(f64::from)),
        e.request_id
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
        e.retryable,
        e.attempts,
        e.maybe_dropped,
    )
    .into()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !v.is_function() && !Array::is_array(v)
}

/// Reads one option; a getter that throws counts as a bad value.
fn raw_field(options: &JsValue, name: &str) -> RawField {
    match Reflect::get(options, &JsValue::from_str(name)) {
        Ok(v) => raw_value(v),
        Err(_) => RawField::Other("a value that could not be read"),
    }
}

/// A JS value as the core's validation sees it.
fn raw_value(v: JsValue) -> RawField {
    if v.is_undefined() || v.is_null() {
        RawField::Absent
    } else if let Some(s) = v.as_string() {
        RawField::Str(s)
    } else if let Some(n) = v.as_f64() {
        RawField::Num(n)
    } else if v.as_bool().is_some() {
        RawField::Other("a boolean")
    } else if v.is_function() {
        RawField::Other("a function")
    } else if Array::is_array(&v) {
        RawField::Other("an array")
    } else if v.is_object() {
        RawField::Other("an object")
    } else {
        RawField::Other("a value of another type")
    }
}

fn optional_object(options: &JsValue, name: &str) -> Result<Option<JsValue>, ()> {
    match Reflect::get(options, &JsValue::from_str(name)) {
        Ok(v) if v.is_undefined() || v.is_null() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(_) => Err(()),
    }
}

fn read_client(options: &JsValue) -> Result<Client, ZillizError> {
    if !is_plain_object(options) {
        return Err(not_an_object("options"));
    }
    let raw = RawClientOptions {
        api_key: raw_field(options, "apiKey"),
        region: raw_field(options, "region"),
        base_url: raw_field(options, "baseUrl"),
        timeout_ms: raw_field(options, "timeoutMs"),
        max_retries: raw_field(options, "maxRetries"),
    };
    let config = validate_client_options(&raw)?;
    let fetch = match optional_object(options, "fetch") {
        Ok(None) => None,
        Ok(Some(f)) if f.is_function() => Some(f.unchecked_into::<Function>()),
        _ => return Err(ZillizError::invalid_input("fetch must be a function")),
    };
    Ok(Client::new(config, fetch))
}

/// The per-call options and signal.
fn read_call(options: &JsValue) -> Result<(RawCallOptions, Option<AbortSignal>), ZillizError> {
    if options.is_undefined() || options.is_null() {
        return Ok((RawCallOptions::default(), None));
    }
    if !is_plain_object(options) {
        return Err(not_an_object("options"));
    }
    let raw = RawCallOptions {
        timeout_ms: raw_field(options, "timeoutMs"),
        max_retries: raw_field(options, "maxRetries"),
    };
    let signal = match optional_object(options, "signal") {
        Ok(None) => None,
        Ok(Some(s)) if s.is_object() && get_function(&s, "addEventListener") => {
            Some(s.unchecked_into())
        }
        _ => return Err(ZillizError::invalid_input("signal must be an AbortSignal")),
    };
    Ok((raw, signal))
}

fn get_function(target: &JsValue, name: &str) -> bool {
    Reflect::get(target, &JsValue::from_str(name)).is_ok_and(|f| f.is_function())
}

fn run(client: Rc<Client>, cluster_id: RawField, call_options: JsValue) -> Promise {
    let future: CallFuture = Box::pin(async move {
        let (raw, signal) = read_call(&call_options).map_err(|e| to_js_error(&e))?;
        client
            .drop_cluster(&cluster_id, &raw, signal.as_ref())
            .await
            .map_err(|e| to_js_error(&e))
    });
    drive(Call {
        future,
        output: None,
    })
}

/// A call in progress, run by `js/drive.js` (see `task`); not part of the package's API.
#[wasm_bindgen]
pub struct Call {
    future: CallFuture,
    output: Option<Result<JsValue, JsValue>>,
}

#[wasm_bindgen]
impl Call {
    /// Runs the call up to its next await; returns the promise it waits on,
    /// or undefined once it has ended.
    pub fn resume(&mut self, value: JsValue, ok: bool) -> Option<Promise> {
        let last = if ok { Ok(value) } else { Err(value) };
        match task::resume(&mut self.future, last) {
            Step::Wait(promise) => Some(promise),
            Step::Done(output) => {
                self.output = Some(output);
                None
            }
        }
    }

    /// How the call ended: its value, or it throws its error.
    pub fn output(&mut self) -> Result<JsValue, JsValue> {
        self.output.take().unwrap_or(Err(JsValue::UNDEFINED))
    }
}

/// A client for the Zilliz Cloud control plane.
#[wasm_bindgen]
pub struct ZillizCloud {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl ZillizCloud {
    /// Throws a `ZillizError` of kind `invalid_input` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<ZillizCloud, JsValue> {
        let client = read_client(&options).map_err(|e| to_js_error(&e))?;
        Ok(ZillizCloud {
            client: Rc::new(client),
        })
    }

    /// Drops a cluster. Always returns a promise; every failure rejects it with a `ZillizError`.
    #[wasm_bindgen(js_name = dropCluster)]
    pub fn drop_cluster(&self, cluster_id: JsValue, options: JsValue) -> Promise {
        run(self.client.clone(), raw_value(cluster_id), options)
    }
}

/// The one-shot form: `dropCluster({ apiKey, clusterId, ...options })`.
#[wasm_bindgen(js_name = dropCluster)]
pub fn drop_cluster(options: JsValue) -> Promise {
    match read_client(&options) {
        Ok(client) => run(Rc::new(client), raw_field(&options, "clusterId"), options),
        Err(e) => Promise::reject(&to_js_error(&e)),
    }
}
