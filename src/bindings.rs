//! Every `#[wasm_bindgen]` export of the npm package: a thin layer that
//! reads JS values into the Rust API's options and calls it. Built with the
//! `npm` feature only. The package's JS classes (`js/api.js`) call these with
//! a snapshot of the caller's options that cannot throw when read: own
//! properties only, each read once, any that could not be read named in
//! `unreadable`.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

use crate::core::validate::{
    not_an_object, raw_max_retries, raw_region, raw_required_string, raw_string, raw_timeout_ms,
};
use crate::core::{RawField, ZillizError};
use crate::js_error::retry_event_to_js;
use crate::{CallOptions, ClientOptions, ZillizCloud};

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

/// An option that must be a function when present.
fn optional_function(options: &JsValue, name: &str) -> Result<Option<Function>, ZillizError> {
    match Reflect::get(options, &JsValue::from_str(name)) {
        Ok(v) if v.is_undefined() || v.is_null() => Ok(None),
        Ok(v) if v.is_function() => Ok(Some(v.unchecked_into())),
        _ => {
            let mut m = String::from(name);
            m.push_str(" must be a function");
            Err(ZillizError::invalid_input(m))
        }
    }
}

/// Options must be a plain object, and the snapshot must not report an
/// option that could not be read (a getter or a Proxy trap threw, a revoked
/// Proxy).
fn check_options(options: &JsValue) -> Result<(), ZillizError> {
    if !is_plain_object(options) {
        return Err(not_an_object("options"));
    }
    match raw_field(options, "unreadable") {
        RawField::Str(name) => {
            let mut m = name;
            m.push_str(" could not be read");
            Err(ZillizError::invalid_input(m))
        }
        _ => Ok(()),
    }
}

fn read_client(options: &JsValue) -> Result<ZillizCloud, ZillizError> {
    check_options(options)?;
    let api_key = raw_field(options, "apiKey");
    let mut built = ClientOptions::new(raw_required_string("apiKey", &api_key)?)
        .region(raw_region(&raw_field(options, "region"))?);
    if let Some(url) = raw_string("baseUrl", &raw_field(options, "baseUrl"))? {
        built = built.base_url(url);
    }
    if let Some(ms) = raw_timeout_ms(&raw_field(options, "timeoutMs"))? {
        built = built.timeout_ms(ms);
    }
    if let Some(n) = raw_max_retries(&raw_field(options, "maxRetries"))? {
        built = built.max_retries(n);
    }
    if let Some(fetch) = optional_function(options, "fetch")? {
        built = built.fetch(fetch);
    }
    if let Some(hook) = optional_function(options, "onRetry")? {
        built = built.on_retry(js_hook(hook));
    }
    ZillizCloud::new(built)
}

/// A JS `onRetry`: called unbound with the event; what it throws is ignored.
fn js_hook(hook: Function) -> impl Fn(&crate::RetryEvent) {
    move |event| {
        let _ = hook.call1(&JsValue::UNDEFINED, &retry_event_to_js(event));
    }
}

/// The per-call options.
fn read_call(options: &JsValue) -> Result<CallOptions, ZillizError> {
    let mut call = CallOptions::new();
    if options.is_undefined() || options.is_null() {
        return Ok(call);
    }
    check_options(options)?;
    if let Some(ms) = raw_timeout_ms(&raw_field(options, "timeoutMs"))? {
        call = call.timeout_ms(ms);
    }
    if let Some(n) = raw_max_retries(&raw_field(options, "maxRetries"))? {
        call = call.max_retries(n);
    }
    if let Some(hook) = optional_function(options, "onRetry")? {
        call = call.on_retry(js_hook(hook));
    }
    match Reflect::get(options, &JsValue::from_str("signal")) {
        Ok(s) if s.is_undefined() || s.is_null() => {}
        Ok(s) if s.is_object() && has_function(&s, "addEventListener") => {
            call = call.signal(s.unchecked_into());
        }
        _ => return Err(ZillizError::invalid_input("signal must be an AbortSignal")),
    }
    Ok(call)
}

fn has_function(target: &JsValue, name: &str) -> bool {
    Reflect::get(target, &JsValue::from_str(name)).is_ok_and(|f| f.is_function())
}

/// Runs a call; the promise resolves to the parsed body, or rejects with a `ZillizError`.
fn run(client: ZillizCloud, cluster_id: RawField, call_options: JsValue) -> Promise {
    future_to_promise(async move {
        let call = read_call(&call_options)?;
        let id = raw_required_string("clusterId", &cluster_id)?;
        let (body, _) = client.drop_cluster_body(id, &call).await?;
        Ok(body)
    })
}

/// A client for the Zilliz Cloud control plane.
#[wasm_bindgen(js_name = ZillizCloud)]
pub struct JsZillizCloud {
    client: ZillizCloud,
}

#[wasm_bindgen(js_class = ZillizCloud)]
impl JsZillizCloud {
    /// Throws a `ZillizError` of kind `invalid_input` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsZillizCloud, JsValue> {
        Ok(JsZillizCloud {
            client: read_client(&options)?,
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
        Ok(client) => run(client, raw_field(&options, "clusterId"), options),
        Err(e) => Promise::reject(&e.into()),
    }
}
