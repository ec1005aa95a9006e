//! Every `#[wasm_bindgen]` export of the npm package: a thin layer that
//! reads JS values into the Rust API's options and calls it. Built with the
//! `npm` feature only. The package's JS classes (`js/api.js`) call these with
//! a snapshot of the caller's options that cannot throw when read: own
//! properties only, each read once, any that could not be read named in
//! `unreadable`, and on a drop any name the package does not know in `unknown`.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

use crate::api::Answer;
use crate::api::{PollHook, RetryHook};
use crate::core::cluster::kept_in_recycle_bin;
use crate::core::pages::next_page;
use crate::core::protect::pattern_not_a_string;
use crate::core::validate::{
    field_error, not_an_object, not_patterns, raw_integer, raw_max_retries, raw_region,
    raw_required_string, raw_string, raw_timeout_ms, unknown_option_error, validate_max_wait_ms,
};
use crate::core::{
    Endpoint, PollEvent, RawField, RetryEvent, Target, WaitEnd, WaitFor, ZillizError, DESCRIBE,
    LIST, RESUME, SUSPEND, UNTIL_DROPPED, UNTIL_RUNNING, UNTIL_SUSPENDED,
};
use crate::{CallOptions, ClientOptions, WaitOptions, ZillizCloud};
use std::rc::Rc;

#[wasm_bindgen(module = "/js/values.js")]
extern "C" {
    #[wasm_bindgen(js_name = retryEvent)]
    fn js_retry_event(attempt: u32, max_attempts: u32, delay_ms: u32, error: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = pollEvent)]
    fn js_poll_event(polls: u32, elapsed_ms: f64, status: &str, next_poll_ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = arrayKind)]
    fn js_array_kind(value: &JsValue) -> u32;
    #[wasm_bindgen(js_name = waitResult)]
    fn js_wait_result(
        member: &str,
        cluster_id: &str,
        seen: &str,
        polls: u32,
        elapsed_ms: f64,
    ) -> JsValue;
    #[wasm_bindgen(js_name = pageBody)]
    fn js_page_body(
        body: &JsValue,
        bare: bool,
        count: f64,
        current_page: u32,
        page_size: u32,
        next: JsValue,
    ) -> JsValue;
}

/// Whether `v` is an array; `None` when that could not be read (`Array.isArray`
/// throws for a revoked Proxy: `values.js` catches it, so that no JS exception
/// ever unwinds through wasm).
fn is_array(v: &JsValue) -> Option<bool> {
    match js_array_kind(v) {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !v.is_function() && is_array(v) == Some(false)
}

/// Reads one option of the snapshot (none when there are no options).
fn raw_field(options: &JsValue, name: &str) -> RawField {
    if options.is_undefined() || options.is_null() {
        return RawField::Absent;
    }
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
    } else if let Some(other) = match is_array(&v) {
        Some(true) => Some("an array"),
        None => Some("a value that could not be read"),
        Some(false) => v.is_object().then_some("an object"),
    } {
        RawField::Other(other)
    } else {
        RawField::Other("a value of another type")
    }
}

/// An option that must be a function when present.
fn optional_function(options: &JsValue, name: &str) -> Result<Option<Function>, ZillizError> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    match Reflect::get(options, &JsValue::from_str(name)) {
        Ok(v) if v.is_undefined() || v.is_null() => Ok(None),
        Ok(v) if v.is_function() => Ok(Some(v.unchecked_into())),
        _ => Err(field_error(name, "must be a function")),
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
        RawField::Str(name) => Err(field_error(&name, "could not be read")),
        _ => Ok(()),
    }
}

/// The client's options. Fields are set in place, not through the Rust API's
/// by-value builders: each of those moves the whole struct (measured with
/// `tests/size/size.mjs`: 127 bytes gzipped less).
fn read_client(options: &JsValue) -> Result<ZillizCloud, ZillizError> {
    check_options(options)?;
    let mut built = ClientOptions::new(String::new());
    // Absent or null only behind a proxy (with a baseUrl): the core says so otherwise.
    built.api_key = raw_string("apiKey", &raw_field(options, "apiKey"))?.map(str::to_owned);
    built.region = raw_region(&raw_field(options, "region"))?;
    built.base_url = raw_string("baseUrl", &raw_field(options, "baseUrl"))?.map(str::to_owned);
    built.timeout_ms = raw_timeout_ms(&raw_field(options, "timeoutMs"))?;
    built.max_retries = raw_max_retries(&raw_field(options, "maxRetries"))?;
    built.fetch = optional_function(options, "fetch")?;
    built.on_retry = retry_hook(options)?;
    built.protect = read_protect(options)?;
    ZillizCloud::new(built)
}

/// `protect`: `js/api.js` copies an array into a plain one of at most 101
/// elements, so reading it cannot throw; the core checks the patterns.
#[inline(never)]
fn read_protect(options: &JsValue) -> Result<Option<Vec<String>>, ZillizError> {
    // The snapshot is a plain object without a prototype: reading it cannot throw.
    let value = Reflect::get(options, &JsValue::from_str("protect")).unwrap_or_default();
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if is_array(&value) != Some(true) {
        return Err(not_patterns(&raw_value(value)));
    }
    let array: Array = value.unchecked_into();
    let mut patterns = Vec::new();
    for i in 0..array.length() {
        match array.get(i).as_string() {
            Some(pattern) => patterns.push(pattern),
            None => return Err(pattern_not_a_string(i as usize)),
        }
    }
    Ok(Some(patterns))
}

/// `onRetry`, as the Rust API's hook.
fn retry_hook(options: &JsValue) -> Result<Option<RetryHook>, ZillizError> {
    Ok(optional_function(options, "onRetry")?
        .map(|hook| Rc::new(js_hook(hook, retry_event_to_js)) as RetryHook))
}

/// A JS hook: called unbound with the event; what it throws is ignored.
fn js_hook<E>(hook: Function, to_js: fn(&E) -> JsValue) -> impl Fn(&E) {
    move |event| {
        let _ = hook.call1(&JsValue::UNDEFINED, &to_js(event));
    }
}

/// `{ attempt, maxAttempts, delayMs, error }`, as `onRetry` receives it.
fn retry_event_to_js(event: &RetryEvent) -> JsValue {
    js_retry_event(
        event.attempt,
        event.max_attempts,
        event.delay_ms,
        event.error.clone().into(),
    )
}

/// `{ polls, elapsedMs, status, nextPollMs }`, as `onPoll` receives it.
fn poll_event_to_js(event: &PollEvent) -> JsValue {
    js_poll_event(
        event.polls,
        event.elapsed_ms as f64,
        &event.status,
        event.next_poll_ms,
    )
}

/// The options every call takes; `undefined` and `null` are none.
#[inline(never)]
fn read_call(options: &JsValue) -> Result<CallOptions, ZillizError> {
    let mut call = CallOptions::new();
    if options.is_undefined() || options.is_null() {
        return Ok(call);
    }
    check_options(options)?;
    call.timeout_ms = raw_timeout_ms(&raw_field(options, "timeoutMs"))?;
    call.max_retries = raw_max_retries(&raw_field(options, "maxRetries"))?;
    call.on_retry = retry_hook(options)?;
    call.signal = match Reflect::get(options, &JsValue::from_str("signal")) {
        Ok(s) if s.is_undefined() || s.is_null() => None,
        Ok(s) if s.is_object() && has_function(&s, "addEventListener") => Some(s.unchecked_into()),
        _ => return Err(field_error("signal", "must be an AbortSignal")),
    };
    Ok(call)
}

fn has_function(target: &JsValue, name: &str) -> bool {
    Reflect::get(target, &JsValue::from_str(name)).is_ok_and(|f| f.is_function())
}

/// A drop's own options: no name the package does not know, and the guard.
#[inline(never)]
fn read_drop(options: &JsValue, mut call: CallOptions) -> Result<CallOptions, ZillizError> {
    if let RawField::Str(name) = raw_field(options, "unknown") {
        return Err(unknown_option_error(&name));
    }
    call.expect_name =
        raw_string("expectName", &raw_field(options, "expectName"))?.map(str::to_owned);
    Ok(call)
}

/// The list's page, as asked.
#[inline(never)]
fn read_page(options: &JsValue) -> Result<Target, ZillizError> {
    Ok(Target {
        page_size: raw_integer("pageSize", &raw_field(options, "pageSize"))?,
        current_page: raw_integer("currentPage", &raw_field(options, "currentPage"))?,
        ..Target::default()
    })
}

#[inline(never)]
fn read_wait(options: &JsValue, call: CallOptions) -> Result<WaitOptions, ZillizError> {
    let mut wait = WaitOptions::new();
    wait.call = call;
    wait.max_wait_ms =
        validate_max_wait_ms(raw_integer("maxWaitMs", &raw_field(options, "maxWaitMs"))?)?;
    wait.on_poll = optional_function(options, "onPoll")?
        .map(|hook| Rc::new(js_hook(hook, poll_event_to_js)) as PollHook);
    Ok(wait)
}

/// The body as JS callers get it: a list answer in the documented object
/// form; with `next` (`clusterPage`), the page and the next page to ask for.
fn page_body((checked, _): Answer, next: JsValue) -> JsValue {
    match checked.page {
        Some(p) => js_page_body(
            &checked.body,
            p.bare,
            p.count as f64,
            p.current_page,
            p.page_size,
            next,
        ),
        None => checked.body,
    }
}

/// What a wait resolves to: `{ clusterId, seen, polls, elapsedMs }` for
/// `waitUntilDropped`, `{ clusterId, status, ... }` for the status waiters.
fn wait_end_to_js(until: &WaitFor, end: &WaitEnd) -> JsValue {
    let member = if until.done_when_not_found {
        "seen"
    } else {
        "status"
    };
    js_wait_result(
        member,
        &end.cluster_id,
        &end.seen,
        end.polls,
        end.elapsed_ms as f64,
    )
}

/// What a JS method asks of the Rust API, read and checked before anything is sent.
enum Job {
    /// A drop, guarded or not.
    Drop(String, CallOptions),
    /// One request of an endpoint (describe, list, suspend, resume).
    Request(&'static Endpoint, Target, CallOptions),
    /// `waitUntilDropped`, `waitUntilSuspended`, `waitUntilRunning`.
    Wait(&'static WaitFor, String, WaitOptions),
}

/// The client's methods, by the number `js/api.js` passes for each (its
/// `METHOD` table): a number crosses the boundary at no cost, a name would be
/// copied into wasm on every call.
mod method {
    pub const DROP_CLUSTER: u32 = 0;
    pub const DESCRIBE_CLUSTER: u32 = 1;
    pub const LIST_CLUSTERS: u32 = 2;
    /// One step of `clusters()`: the page and the next page to ask for.
    pub const CLUSTER_PAGE: u32 = 3;
    pub const SUSPEND_CLUSTER: u32 = 4;
    pub const RESUME_CLUSTER: u32 = 5;
    pub const WAIT_UNTIL_DROPPED: u32 = 6;
    pub const WAIT_UNTIL_SUSPENDED: u32 = 7;
    pub const WAIT_UNTIL_RUNNING: u32 = 8;
    /// Answers at once, with no promise.
    pub const IS_PROTECTED: u32 = 9;
}

/// Reads what one of the client's methods needs. The readers stay out of
/// line (`inline(never)`): inlined into each caller they cost 90 bytes more
/// gzipped (measured with `make build` and `tests/size/size.mjs`).
#[inline(never)]
fn read_job(method: u32, cluster_id: &RawField, options: &JsValue) -> Result<Job, ZillizError> {
    let call = read_call(options)?;
    let id = || raw_required_string("clusterId", cluster_id);
    Ok(match method {
        method::DROP_CLUSTER => Job::Drop(id()?.to_owned(), read_drop(options, call)?),
        method::DESCRIBE_CLUSTER => Job::Request(&DESCRIBE, Target::cluster(id()?), call),
        method::SUSPEND_CLUSTER => Job::Request(&SUSPEND, Target::cluster(id()?), call),
        method::RESUME_CLUSTER => Job::Request(&RESUME, Target::cluster(id()?), call),
        method::LIST_CLUSTERS | method::CLUSTER_PAGE => {
            Job::Request(&LIST, read_page(options)?, call)
        }
        method::WAIT_UNTIL_DROPPED | method::WAIT_UNTIL_SUSPENDED | method::WAIT_UNTIL_RUNNING => {
            let until = match method {
                method::WAIT_UNTIL_DROPPED => &UNTIL_DROPPED,
                method::WAIT_UNTIL_SUSPENDED => &UNTIL_SUSPENDED,
                _ => &UNTIL_RUNNING,
            };
            Job::Wait(until, id()?.to_owned(), read_wait(options, call)?)
        }
        _ => return Err(ZillizError::invalid_input("no such method")),
    })
}

/// Runs one of the client's methods on the one request pipeline and hands
/// back what the JS API resolves to. `clusterPage` is a step of `clusters()`:
/// the page and the next page to ask for, or null.
async fn run(client: ZillizCloud, method: u32, job: Job) -> Result<JsValue, ZillizError> {
    let answer = match job {
        Job::Drop(id, call) => client.drop_answer(&id, &call).await?,
        Job::Request(endpoint, target, call) => {
            // What the next page depends on, kept before the target moves into the call.
            let asked = Target {
                page_size: target.page_size,
                current_page: target.current_page,
                ..Target::default()
            };
            let answer = client.request(endpoint, target, &call).await?;
            if method == method::CLUSTER_PAGE {
                let next = answer
                    .0
                    .page
                    .and_then(|page| next_page(&asked, &page))
                    .map_or(JsValue::NULL, |n| JsValue::from_f64(f64::from(n)));
                return Ok(page_body(answer, next));
            }
            answer
        }
        Job::Wait(until, id, wait) => {
            return Ok(wait_end_to_js(
                until,
                &client.wait(until, &id, &wait).await?,
            ))
        }
    };
    Ok(page_body(answer, JsValue::UNDEFINED))
}

/// The promise of a method: rejected at once for bad input, else running.
fn start(client: ZillizCloud, method: u32, cluster_id: RawField, options: JsValue) -> Promise {
    match read_job(method, &cluster_id, &options) {
        Ok(job) => future_to_promise(async move { Ok(run(client, method, job).await?) }),
        Err(e) => Promise::reject(&e.into()),
    }
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

    /// Runs one of the client's methods (by its number in `method`).
    /// Returns a promise, and every failure rejects it with a `ZillizError`;
    /// but `isProtected`, which answers at once: a boolean, for the cluster
    /// whose ID is `cluster_id` and whose name is `options` (strings, or
    /// undefined, as `js/api.js` read them from the cluster safely). One
    /// export for every method keeps the glue and its wrappers small.
    pub fn call(&self, method: u32, cluster_id: JsValue, options: JsValue) -> JsValue {
        if method == method::IS_PROTECTED {
            let (id, name) = (cluster_id.as_string(), options.as_string());
            return JsValue::from_bool(
                self.client
                    .is_protected_name(name.as_deref(), id.as_deref()),
            );
        }
        start(self.client.clone(), method, raw_value(cluster_id), options).into()
    }
}

/// The one-shot form: `dropCluster({ apiKey, clusterId, ...options })`.
#[wasm_bindgen(js_name = dropCluster)]
pub fn drop_cluster(options: JsValue) -> Promise {
    match read_client(&options) {
        Ok(client) => start(
            client,
            method::DROP_CLUSTER,
            raw_field(&options, "clusterId"),
            options,
        ),
        Err(e) => Promise::reject(&e.into()),
    }
}

/// Whether a cluster of this plan is kept in the recycle bin (`keptInRecycleBin` reads the plan).
#[wasm_bindgen(js_name = planKeptInRecycleBin)]
pub fn plan_kept_in_recycle_bin(plan: JsValue) -> bool {
    plan.as_string().is_some_and(|p| kept_in_recycle_bin(&p))
}
