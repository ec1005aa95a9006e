//! The Rust API against the real mock control plane, in wasm: run by
//! wasm-bindgen-test in Node and in headless Chromium (scripts/rust-api-suite.sh
//! starts the mock and builds this once with its URL in `ZCW_MOCK_URL`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{select, Either};
use js_sys::{Function, Reflect};
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;
use zilliz_cloud_wasm::{
    CallOptions, ClientOptions, ClusterActionResponse, ClusterInfo, ClusterPage, DropClusterData,
    DropClusterResponse, Dropped, ErrorKind, ListOptions, PollEvent, Region, RetryEvent,
    StatusReached, WaitOptions, ZillizCloud, ZillizError,
};

/// The key the mock was started with (scripts/rust-api-suite.sh).
const KEY: &str = "sk-zcw-rust-api-SECRET-4d2b91e7";
const CLUSTER: &str = "in01-6183d6bac30f801";
const OTHER: &str = "in02-fedcba987654321";
const MISSING: &str = "in01-0000000000dead0";
/// Never seeded: a delayed drop that the mock finishes late changes nothing.
const SLOW: &str = "in01-5f0a5f0a5f0a5f0";

#[wasm_bindgen(inline_js = r#"
export async function control(base, method, path, body) {
  const res = await fetch(`${base}/__mock/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`mock ${method} ${path}: HTTP ${res.status} ${text}`);
  return text;
}
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export function abortLater(controller, ms) {
  setTimeout(() => controller.abort(), ms);
}
/** A fetch that never answers and keeps the signal it was given. */
export function hangingFetch(seen) {
  return (url, init) => {
    seen.signal = init.signal;
    return new Promise(() => {});
  };
}
/** Counts the pending timers of exactly `duration` ms set through globalThis.setTimeout
 *  until restore() (the test harness has timers of its own). */
export function trackTimers(duration) {
  const { setTimeout: set, clearTimeout: clear } = globalThis;
  const live = new Set();
  globalThis.setTimeout = (fn, ms, ...args) => {
    const id = set((...a) => (live.delete(id), fn(...a)), ms, ...args);
    if (ms === duration) live.add(id);
    return id;
  };
  globalThis.clearTimeout = (id) => (live.delete(id), clear(id));
  return {
    live: () => live.size,
    restore: () => Object.assign(globalThis, { setTimeout: set, clearTimeout: clear }),
  };
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn control(
        base: &str,
        method: &str,
        path: &str,
        body: JsValue,
    ) -> Result<JsValue, JsValue>;
    async fn delay(ms: u32);
    #[wasm_bindgen(js_name = abortLater)]
    fn abort_later(controller: &AbortController, ms: u32);
    #[wasm_bindgen(js_name = hangingFetch)]
    fn hanging_fetch(seen: &js_sys::Object) -> Function;
    type Timers;
    #[wasm_bindgen(js_name = trackTimers)]
    fn track_timers(duration: u32) -> Timers;
    #[wasm_bindgen(method)]
    fn live(this: &Timers) -> u32;
    #[wasm_bindgen(method)]
    fn restore(this: &Timers);
}

fn mock_url() -> &'static str {
    match option_env!("ZCW_MOCK_URL") {
        Some(url) => url,
        None => panic!("build with ZCW_MOCK_URL set (scripts/rust-api-suite.sh)"),
    }
}

async fn mock(method: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
    let body = body.map_or(JsValue::UNDEFINED, |b| JsValue::from_str(&b.to_string()));
    let text = control(mock_url(), method, path, body)
        .await
        .expect("mock control");
    serde_json::from_str(&text.as_string().unwrap()).unwrap()
}

async fn reset(seed: &[&str]) {
    mock("POST", "reset", None).await;
    mock("POST", "clusters", Some(json!({ "ids": seed }))).await;
}

async fn fault(f: serde_json::Value) {
    mock("POST", "faults", Some(f)).await;
}

/// The API requests the mock received (CORS preflights left out).
async fn requests() -> Vec<serde_json::Value> {
    let log = mock("GET", "requests", None).await;
    log.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] != "OPTIONS")
        .cloned()
        .collect()
}

/// A project of one cluster, prod-search, SUSPENDED.
async fn only_suspended_prod_search() {
    reset(&[]).await;
    mock(
        "POST",
        "clusters",
        Some(json!({ "clusters": [{ "clusterId": CLUSTER, "clusterName": "prod-search", "status": "SUSPENDED" }] })),
    )
    .await;
}

fn client() -> ZillizCloud {
    ZillizCloud::new(ClientOptions::new(KEY).base_url(mock_url())).unwrap()
}

fn assert_no_key(e: &ZillizError) {
    for view in [
        e.to_string(),
        format!("{e:?}"),
        e.request_id().unwrap_or("").to_string(),
    ] {
        assert!(!view.contains(KEY), "the key leaked: {view}");
    }
}

#[wasm_bindgen_test]
async fn describe_and_list_are_typed() {
    reset(&[CLUSTER, OTHER]).await;
    let zc = client();
    let c: ClusterInfo = zc.describe_cluster(CLUSTER).await.unwrap();
    assert_eq!(
        (
            c.cluster_id.as_str(),
            c.cluster_name.as_str(),
            c.plan.as_str(),
            c.status.as_str()
        ),
        (CLUSTER, "prod-search", "Standard", "RUNNING")
    );
    assert_eq!((c.cu_size, c.create_progress), (2, 100));
    assert!(c.kept_in_recycle_bin());
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["clusterName"], "prod-search", "the API's field names");
    let page: ClusterPage = zc
        .list_clusters(ListOptions::new().page_size(3).current_page(1))
        .await
        .unwrap();
    assert_eq!((page.count, page.current_page, page.page_size), (4, 1, 3));
    let ids: Vec<&str> = page
        .clusters
        .iter()
        .map(|c| c.cluster_id.as_str())
        .collect();
    assert_eq!(ids.len(), 3);
    let serverless = page
        .clusters
        .iter()
        .find(|c| c.cluster_id == OTHER)
        .unwrap();
    assert!(
        !serverless.kept_in_recycle_bin(),
        "Serverless is gone for good"
    );
    let e = zc.describe_cluster(MISSING).await.unwrap_err();
    assert_eq!((e.kind(), e.maybe_dropped()), (ErrorKind::NotFound, false));
    let log = requests().await;
    assert_eq!(log[1]["query"], "pageSize=3&currentPage=1");
    let e = zc
        .list_clusters(ListOptions::new().page_size(0))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.attempts(), e.option()),
        (ErrorKind::InvalidInput, 0, Some("pageSize"))
    );
}

#[wasm_bindgen_test]
async fn the_guarded_drop_sends_no_delete_for_another_name() {
    reset(&[CLUSTER]).await;
    mock(
        "POST",
        "clusters",
        Some(json!({ "clusters": [{ "clusterId": CLUSTER, "clusterName": "renamed" }] })),
    )
    .await;
    let zc = client();
    let e = zc
        .drop_cluster_with(CLUSTER, CallOptions::new().expect_name("prod-search"))
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Precondition, 1));
    assert_eq!(e.kind().as_str(), "precondition");
    assert!(
        e.to_string().contains("\"renamed\"") && e.to_string().contains("\"prod-search\""),
        "{e}"
    );
    let methods: Vec<String> = requests()
        .await
        .iter()
        .map(|r| r["method"].to_string())
        .collect();
    assert_eq!(methods, ["\"GET\""], "no DELETE");
    let res: ClusterActionResponse = zc
        .drop_cluster_with(CLUSTER, CallOptions::new().expect_name("renamed"))
        .await
        .unwrap();
    assert_eq!(res.data.cluster_id, CLUSTER);
    assert_eq!(requests().await.last().unwrap()["method"], "DELETE");
}

#[wasm_bindgen_test]
async fn protect_refuses_a_protected_name_after_one_describe_and_an_id_with_none() {
    reset(&[CLUSTER, OTHER]).await;
    let zc = ZillizCloud::new(
        ClientOptions::new(KEY)
            .base_url(mock_url())
            .protect(["prod-*", "in03-*"]),
    )
    .unwrap();
    let e = zc
        .drop_cluster_with(CLUSTER, CallOptions::new().expect_name("prod-search"))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.kind().as_str(), e.attempts(), e.retryable()),
        (ErrorKind::Protected, "protected", 1, false)
    );
    assert!(e.to_string().contains("\"prod-*\""), "{e}");
    let methods: Vec<String> = requests()
        .await
        .iter()
        .map(|r| r["method"].to_string())
        .collect();
    assert_eq!(methods, ["\"GET\""], "one describe, no DELETE");
    let e = zc.drop_cluster("in03-aaaaaaaaaaaaaaa").await.unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Protected, 0));
    assert_eq!(requests().await.len(), 1, "nothing sent for a protected ID");
    let described: ClusterInfo = zc.describe_cluster(CLUSTER).await.unwrap();
    assert!(zc.is_protected(&described));
    assert!(!zc.is_protected(&zc.describe_cluster(OTHER).await.unwrap()));
    assert!(
        !client().is_protected(&described),
        "a client without protect"
    );
    zc.drop_cluster(OTHER).await.unwrap();
    let e = ZillizCloud::new(ClientOptions::new(KEY).protect(Vec::<String>::new())).unwrap_err();
    assert_eq!(
        (e.kind(), e.option()),
        (ErrorKind::InvalidInput, Some("protect"))
    );
    let e = ZillizCloud::new(ClientOptions::new(KEY).protect(["a\u{7}b"])).unwrap_err();
    assert_eq!(e.option(), Some("protect"));
}

#[wasm_bindgen_test]
async fn wait_until_running_through_resuming_and_not_when_deleting() {
    only_suspended_prod_search().await;
    mock("POST", "config", Some(json!({ "transitionMs": 700 }))).await;
    let zc = client();
    zc.resume_cluster(CLUSTER).await.unwrap();
    let polls: Rc<RefCell<Vec<String>>> = Rc::default();
    let seen = polls.clone();
    let running: StatusReached = zc
        .wait_until_running(
            CLUSTER,
            WaitOptions::new().on_poll(move |e| seen.borrow_mut().push(e.status.clone())),
        )
        .await
        .unwrap();
    assert_eq!(
        (
            running.cluster_id.as_str(),
            running.status.as_str(),
            running.polls
        ),
        (CLUSTER, "RUNNING", 2)
    );
    assert_eq!(*polls.borrow(), ["RESUMING"]);
    zc.suspend_cluster(CLUSTER).await.unwrap();
    let suspended = zc
        .wait_until_suspended(CLUSTER, WaitOptions::new())
        .await
        .unwrap();
    assert_eq!(suspended.status, "SUSPENDED");
    mock("POST", "config", Some(json!({ "deletingMs": 60000 }))).await;
    zc.drop_cluster(CLUSTER).await.unwrap();
    let e = zc
        .wait_until_running(CLUSTER, WaitOptions::new())
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.attempts(), e.retryable()),
        (ErrorKind::Precondition, 1, false)
    );
    assert_eq!(
        e.to_string(),
        format!("cluster {CLUSTER} is DELETING: it will never be RUNNING")
    );
    let e = zc
        .wait_until_suspended(MISSING, WaitOptions::new())
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::NotFound, Some(96018)));
}

#[wasm_bindgen_test]
async fn via_a_proxy_no_authorization_header_is_sent() {
    reset(&[CLUSTER]).await;
    let zc = ZillizCloud::new(ClientOptions::via_proxy(mock_url()).max_retries(0)).unwrap();
    // The mock wants a key: a request without one is refused, which shows none was sent.
    let e = zc.describe_cluster(CLUSTER).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Auth, Some(401)));
    assert!(format!("{:?}", ClientOptions::via_proxy(mock_url())).contains("none (via a proxy)"));
    let e = ZillizCloud::new(ClientOptions::via_proxy("")).unwrap_err();
    assert_eq!(
        e.option(),
        Some("baseUrl"),
        "an empty baseUrl is still checked"
    );
}

#[wasm_bindgen_test]
async fn a_wait_for_running_that_sees_deleting_ends_at_once_with_no_timer_left() {
    only_suspended_prod_search().await;
    mock(
        "POST",
        "config",
        Some(json!({ "transitionMs": 600000, "deletingMs": 600000 })),
    )
    .await;
    let zc = client();
    zc.resume_cluster(CLUSTER).await.unwrap();
    mock("DELETE", "requests", None).await;
    // The wait after a second describe would be 2 s: none may be left when the wait ends.
    let timers = track_timers(2000);
    let e = zc
        .wait_until_running(
            CLUSTER,
            // Someone else drops the cluster while it resumes, during the first wait.
            WaitOptions::new().on_poll(|_| {
                wasm_bindgen_futures::spawn_local(async {
                    mock("POST", "drop", Some(json!({ "ids": [CLUSTER] }))).await;
                })
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.attempts(), e.retryable()),
        (ErrorKind::Precondition, 2, false)
    );
    assert_eq!(timers.live(), 0, "no timer left");
    timers.restore();
    let describes = requests().await.len();
    assert_eq!(describes, 2, "one describe more after the drop, then none");
    delay(1200).await;
    assert_eq!(
        requests().await.len(),
        describes,
        "nothing sent after the end"
    );
}

#[wasm_bindgen_test]
async fn wait_until_dropped_polls_and_ends() {
    reset(&[CLUSTER, OTHER]).await;
    mock("POST", "config", Some(json!({ "deletingMs": 700 }))).await;
    let zc = client();
    zc.drop_cluster(CLUSTER).await.unwrap();
    let polls: Rc<RefCell<Vec<PollEvent>>> = Rc::default();
    let seen = polls.clone();
    let gone: Dropped = zc
        .wait_until_dropped(
            CLUSTER,
            WaitOptions::new().on_poll(move |e| seen.borrow_mut().push(e.clone())),
        )
        .await
        .unwrap();
    assert_eq!(
        (gone.cluster_id.as_str(), gone.seen.as_str(), gone.polls),
        (CLUSTER, "not_found", 2)
    );
    let polls = polls.borrow().clone();
    assert_eq!(polls.len(), 1);
    assert_eq!(
        (
            polls[0].polls,
            polls[0].status.as_str(),
            polls[0].next_poll_ms
        ),
        (1, "DELETING", 1000)
    );
    mock("POST", "config", Some(json!({ "deletingMs": 60000 }))).await;
    zc.drop_cluster(OTHER).await.unwrap();
    let e = zc
        .wait_until_dropped(OTHER, WaitOptions::new().max_wait_ms(500))
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.attempts(), e.retryable()),
        (ErrorKind::Timeout, 1, true)
    );
    assert!(e.to_string().contains("DELETING"), "{e}");
}

#[wasm_bindgen_test]
async fn dropping_a_wait_mid_wait_clears_its_timer_and_sends_nothing_more() {
    reset(&[CLUSTER]).await;
    mock("POST", "config", Some(json!({ "deletingMs": 60000 }))).await;
    let zc = client();
    zc.drop_cluster(CLUSTER).await.unwrap();
    mock("DELETE", "requests", None).await;
    let timers = track_timers(1000);
    {
        let wait = Box::pin(zc.wait_until_dropped(CLUSTER, WaitOptions::new()));
        match select(wait, Box::pin(delay(300))).await {
            Either::Left((r, _)) => panic!("the wait should be waiting: {r:?}"),
            Either::Right(((), wait)) => {
                assert_eq!(
                    timers.live(),
                    1,
                    "the wait before the second describe is pending"
                );
                drop(wait);
            }
        }
    }
    let live = timers.live();
    timers.restore();
    assert_eq!(live, 0, "the wait's timer was cleared");
    delay(1200).await;
    assert_eq!(
        requests().await.len(),
        1,
        "one describe, none after the drop of the future"
    );
}

#[wasm_bindgen_test]
async fn suspend_and_resume() {
    reset(&[CLUSTER, OTHER]).await;
    let zc = client();
    let s = zc.suspend_cluster(CLUSTER).await.unwrap();
    assert_eq!((s.code, s.data.cluster_id.as_str()), (0, CLUSTER));
    assert_eq!(
        zc.describe_cluster(CLUSTER).await.unwrap().status,
        "SUSPENDED"
    );
    let r: DropClusterResponse = zc
        .resume_cluster_with(CLUSTER, CallOptions::new().max_retries(0))
        .await
        .unwrap();
    assert_eq!(r.data.cluster_id, CLUSTER);
    let e = zc.suspend_cluster(OTHER).await.unwrap_err();
    assert_eq!(
        (e.kind(), e.code(), e.maybe_dropped()),
        (ErrorKind::Api, Some(96022), false)
    );
}

#[wasm_bindgen_test]
async fn success_is_typed_and_serializes_with_the_api_names() {
    reset(&[CLUSTER]).await;
    let res: DropClusterResponse = client().drop_cluster(CLUSTER).await.unwrap();
    assert_eq!(res.code, 0);
    assert_eq!(res.data.cluster_id, CLUSTER);
    assert!(res.data.prompt.contains("30 days"), "{}", res.data.prompt);
    let json = serde_json::to_value(&res).unwrap();
    assert_eq!(
        json,
        json!({ "code": 0, "data": { "clusterId": CLUSTER, "prompt": res.data.prompt } })
    );
    let back: DropClusterResponse = serde_json::from_value(json).unwrap();
    assert_eq!(back, res);
    let log = requests().await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["method"], "DELETE");
    assert_eq!(log[0]["path"], format!("/v2/clusters/{CLUSTER}/drop"));
    assert_eq!(log[0]["auth"], "matched");
}

#[wasm_bindgen_test]
async fn each_error_kind_a_response_can_produce() {
    let cases: Vec<(serde_json::Value, ErrorKind, Option<u16>, Option<i64>)> = vec![
        (
            json!({ "status": 403, "json": { "code": 96013, "message": "no permission" } }),
            ErrorKind::Permission,
            Some(403),
            Some(96013),
        ),
        (
            json!({ "status": 429, "json": { "code": 429, "message": "slow down" } }),
            ErrorKind::RateLimited,
            Some(429),
            Some(429),
        ),
        (
            json!({ "status": 503, "json": { "code": 503, "message": "unavailable" } }),
            ErrorKind::Server,
            Some(503),
            Some(503),
        ),
        (
            json!({ "status": 200, "json": { "code": 80000, "message": "incorrect parameter" } }),
            ErrorKind::Api,
            Some(200),
            Some(80000),
        ),
        (
            json!({ "status": 200, "action": "html" }),
            ErrorKind::Decode,
            Some(200),
            None,
        ),
        (
            json!({ "status": 200, "json": { "code": 0, "data": { "clusterId": OTHER, "prompt": "p" } } }),
            ErrorKind::Decode,
            Some(200),
            None,
        ),
    ];
    let zc = ZillizCloud::new(ClientOptions::new(KEY).base_url(mock_url()).max_retries(0)).unwrap();
    for (f, kind, status, code) in cases {
        reset(&[CLUSTER]).await;
        fault(f.clone()).await;
        let e = zc.drop_cluster(CLUSTER).await.unwrap_err();
        assert_eq!(
            (e.kind(), e.status(), e.code(), e.attempts()),
            (kind, status, code, 1),
            "{f}: {e}"
        );
        assert_eq!(e.kind().as_str(), kind.as_str());
        assert!(
            e.request_id().is_some_and(|id| !id.is_empty()),
            "{f}: a request id"
        );
    }
    reset(&[CLUSTER]).await;
    let e = zc.drop_cluster(MISSING).await.unwrap_err();
    assert_eq!(
        (e.kind(), e.status(), e.code()),
        (ErrorKind::NotFound, Some(200), Some(96018))
    );
    assert!(!e.retryable() && !e.maybe_dropped());
    let wrong =
        ZillizCloud::new(ClientOptions::new("sk-zcw-WRONG-never-sent-right").base_url(mock_url()))
            .unwrap();
    let e = wrong.drop_cluster(CLUSTER).await.unwrap_err();
    assert_eq!(
        (e.kind(), e.status(), e.code(), e.attempts()),
        (ErrorKind::Auth, Some(401), Some(80001), 1)
    );
    assert_eq!(e.kind().as_str(), "auth");
}

#[wasm_bindgen_test]
async fn retries_with_on_retry_events() {
    reset(&[CLUSTER]).await;
    fault(json!({ "status": 429, "headers": { "retry-after-ms": "20" }, "json": { "code": 429, "message": "slow down" } })).await;
    fault(json!({ "status": 503, "headers": { "retry-after-ms": "10" }, "json": { "code": 503, "message": "busy" } })).await;
    let events: Rc<RefCell<Vec<RetryEvent>>> = Rc::default();
    let seen = events.clone();
    let zc = ZillizCloud::new(
        ClientOptions::new(KEY)
            .base_url(mock_url())
            .on_retry(move |e| seen.borrow_mut().push(e.clone())),
    )
    .unwrap();
    let res = zc.drop_cluster(CLUSTER).await.unwrap();
    assert_eq!(res.data.cluster_id, CLUSTER);
    let seen_events = events.borrow().clone();
    let got: Vec<_> = seen_events
        .iter()
        .map(|e| {
            (
                e.attempt,
                e.max_attempts,
                e.delay_ms,
                e.error.kind(),
                e.error.status(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, 3, 20, ErrorKind::RateLimited, Some(429)),
            (2, 3, 10, ErrorKind::Server, Some(503)),
        ]
    );
    for e in &seen_events {
        assert_no_key(&e.error);
    }
    let statuses: Vec<_> = requests()
        .await
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(429), json!(503), json!(200)]);

    // A per-call hook replaces the client's.
    reset(&[CLUSTER]).await;
    fault(json!({ "status": 502, "headers": { "retry-after-ms": "1" } })).await;
    let per_call: Rc<RefCell<u32>> = Rc::default();
    let count = per_call.clone();
    zc.drop_cluster_with(
        CLUSTER,
        CallOptions::new().on_retry(move |_| *count.borrow_mut() += 1),
    )
    .await
    .unwrap();
    assert_eq!(*per_call.borrow(), 1);
    assert_eq!(events.borrow().len(), 2, "the client's hook was not called");
}

#[wasm_bindgen_test]
async fn a_slow_attempt_times_out() {
    reset(&[CLUSTER]).await;
    fault(json!({ "delayMs": 3000 })).await;
    let started = js_sys::Date::now();
    let e = client()
        .drop_cluster_with(SLOW, CallOptions::new().timeout_ms(150).max_retries(0))
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Timeout, 1));
    assert!(e.retryable());
    assert!(
        js_sys::Date::now() - started < 2500.0,
        "gave up before the server answered"
    );
}

#[wasm_bindgen_test]
async fn the_signal_aborts_a_call() {
    reset(&[CLUSTER]).await;
    fault(json!({ "delayMs": 3000 })).await;
    let controller = AbortController::new().unwrap();
    abort_later(&controller, 100);
    let started = js_sys::Date::now();
    let e = client()
        .drop_cluster_with(SLOW, CallOptions::new().signal(controller.signal()))
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Aborted, 1));
    assert!(js_sys::Date::now() - started < 2500.0);
    assert_eq!(requests().await.len(), 1, "never retried after an abort");
    // An aborted signal refuses the call before any request.
    reset(&[CLUSTER]).await;
    let e = client()
        .drop_cluster_with(CLUSTER, CallOptions::new().signal(controller.signal()))
        .await
        .unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Aborted, 0));
    assert!(requests().await.is_empty());
}

#[wasm_bindgen_test]
async fn dropping_the_future_aborts_the_fetch_and_clears_its_timers() {
    let seen = js_sys::Object::new();
    let zc = ZillizCloud::new(
        ClientOptions::new(KEY)
            .base_url(mock_url())
            .fetch(hanging_fetch(&seen))
            .timeout_ms(59_999),
    )
    .unwrap();
    let timers = track_timers(59_999);
    {
        let call = Box::pin(zc.drop_cluster(CLUSTER));
        match select(call, Box::pin(delay(50))).await {
            Either::Left(_) => panic!("a fetch that never answers cannot end the call"),
            Either::Right(((), call)) => {
                assert_eq!(timers.live(), 1, "the attempt's deadline is pending");
                drop(call);
            }
        }
    }
    let live = timers.live();
    timers.restore();
    let signal: web_sys::AbortSignal = Reflect::get(&seen, &"signal".into()).unwrap().into();
    assert!(signal.aborted(), "the request's own signal was aborted");
    assert_eq!(live, 0, "the deadline was cleared");

    // The same during a wait between retries (a server's long retry-after-ms).
    reset(&[CLUSTER]).await;
    fault(json!({ "status": 503, "headers": { "retry-after-ms": "59998" } })).await;
    let timers = track_timers(59_998);
    let zc = client();
    {
        let call = Box::pin(zc.drop_cluster(CLUSTER));
        match select(call, Box::pin(delay(500))).await {
            Either::Left((r, _)) => panic!("the call should be waiting: {r:?}"),
            Either::Right(((), call)) => {
                assert_eq!(timers.live(), 1, "the wait is pending");
                drop(call);
            }
        }
    }
    let live = timers.live();
    timers.restore();
    assert_eq!(live, 0, "the wait was cleared");
    assert_eq!(
        requests().await.len(),
        1,
        "no second attempt after the drop"
    );
}

#[wasm_bindgen_test]
async fn invalid_input_sends_nothing() {
    reset(&[CLUSTER]).await;
    let refused = [
        ZillizCloud::new(ClientOptions::new("short")).unwrap_err(),
        ZillizCloud::new(ClientOptions::new(KEY).base_url("ftp://x")).unwrap_err(),
        ZillizCloud::new(ClientOptions::new(KEY).base_url("http://h/%2e%2e/x")).unwrap_err(),
        ZillizCloud::new(ClientOptions::new(KEY).timeout_ms(0)).unwrap_err(),
        ZillizCloud::new(ClientOptions::new(KEY).max_retries(11)).unwrap_err(),
        client().drop_cluster("a/b").await.unwrap_err(),
        client().drop_cluster("").await.unwrap_err(),
        client()
            .drop_cluster_with(CLUSTER, CallOptions::new().timeout_ms(600_001))
            .await
            .unwrap_err(),
    ];
    for e in &refused {
        assert_eq!(
            (e.kind(), e.attempts(), e.kind().as_str()),
            (ErrorKind::InvalidInput, 0, "invalid_input"),
            "{e}"
        );
        assert_no_key(e);
    }
    assert!(requests().await.is_empty(), "no request reached the mock");
    let cn = ZillizCloud::new(ClientOptions::new(KEY).region(Region::Cn)).unwrap();
    assert!(format!("{cn:?}").contains("api.cloud.zilliz.com.cn"));
}

#[wasm_bindgen_test]
async fn two_calls_at_once_under_join() {
    reset(&[CLUSTER, OTHER]).await;
    fault(json!({ "delayMs": 200 })).await;
    let zc = client();
    let (a, b) = futures::join!(zc.drop_cluster(CLUSTER), zc.drop_cluster(OTHER));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a.data,
        DropClusterData {
            cluster_id: CLUSTER.into(),
            prompt: a.data.prompt.clone()
        }
    );
    assert_eq!(b.data.cluster_id, OTHER);
    assert_eq!(requests().await.len(), 2);
}

#[wasm_bindgen_test]
async fn the_key_is_in_no_display_debug_or_field() {
    reset(&[CLUSTER]).await;
    let echo = format!("bad token Bearer {KEY}");
    fault(json!({ "status": 401, "headers": { "requestid": KEY }, "json": { "code": 80001, "message": echo } })).await;
    let e = client().drop_cluster(CLUSTER).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_no_key(&e);
    assert!(e.to_string().contains("[redacted]"), "{e}");
    let options = ClientOptions::new(KEY).base_url(mock_url());
    assert!(!format!("{options:?}").contains(KEY));
    assert!(!format!("{:?}", ZillizCloud::new(options).unwrap()).contains(KEY));
    let js: JsValue = e.into();
    let text = js_sys::JSON::stringify(&js).unwrap().as_string().unwrap();
    assert!(!text.contains(KEY), "{text}");
    assert_eq!(Reflect::get(&js, &"kind".into()).unwrap(), "auth");
}

/// A seeded xorshift generator: the same cases on every run.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn fuzz_cases() -> u64 {
    option_env!("ZCW_FUZZ_CASES")
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000)
}

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, usize, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month as usize, day)
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The three forms of RFC 9110 for a whole second, as a server would write them.
fn http_dates(secs: i64) -> [String; 3] {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (h, m, s) = (rest / 3600, rest / 60 % 60, rest % 60);
    let (y, mo, d) = civil_from_days(days);
    let w = (days + 4).rem_euclid(7) as usize;
    let (day, long, month) = (DAYS[w], LONG_DAYS[w], MONTHS[mo - 1]);
    [
        format!("{day}, {d:02} {month} {y} {h:02}:{m:02}:{s:02} GMT"),
        format!(
            "{long}, {d:02}-{month}-{:02} {h:02}:{m:02}:{s:02} GMT",
            y % 100
        ),
        format!("{day} {month} {d:>2} {h:02}:{m:02}:{s:02} {y}"),
    ]
}

#[wasm_bindgen_test]
fn http_dates_agree_with_date_parse_and_impossible_ones_are_refused() {
    use zilliz_cloud_wasm::core::http_date::parse_http_date_ms;
    let now = js_sys::Date::now();
    let now_year = 1970.0 + now / (365.2425 * 86_400_000.0);
    let mut cases = Cases(0x9E37_79B9_7F4A_7C15);
    let mut compared = 0;
    for _ in 0..fuzz_cases() {
        // 1970 to 2099, to the second, with the edges of days and months often.
        let secs = match cases.below(4) {
            0 => cases.below(4_102_444_800) as i64,
            1 => (cases.below(47_482) as i64) * 86_400 + [0, 86_399][cases.below(2) as usize],
            _ => (cases.below(47_482) as i64) * 86_400 + cases.below(86_400) as i64,
        };
        let want = secs as f64 * 1000.0;
        let [imf, rfc850, asctime] = http_dates(secs);
        for text in [&imf, &asctime] {
            assert_eq!(parse_http_date_ms(text, now), Some(want), "{text}");
            assert_eq!(js_sys::Date::parse(text), want, "Date.parse({text})");
        }
        // A two-digit year: RFC 9110 reads one more than 50 years ahead as the past
        // century (a window that moves with now); V8 always reads 00-49 as 20xx and
        // 50-99 as 19xx. Compared where both windows give the year written.
        let year = 1970.0 + want / (365.2425 * 86_400_000.0);
        let full_year = civil_from_days(secs.div_euclid(86_400)).0;
        let v8_year = if full_year % 100 < 50 {
            2000 + full_year % 100
        } else {
            1900 + full_year % 100
        };
        if v8_year == full_year && year - now_year < 49.0 && now_year - year < 49.0 {
            assert_eq!(parse_http_date_ms(&rfc850, now), Some(want), "{rfc850}");
            assert_eq!(js_sys::Date::parse(&rfc850), want, "Date.parse({rfc850})");
            compared += 1;
        }
    }
    assert!(compared > 0);
    // Impossible dates: refused here, where Date.parse rolls them over to a later day.
    for text in [
        "Sat, 31 Feb 2026 00:00:00 GMT",
        "Sun, 29 Feb 2025 00:00:00 GMT",
        "Thu, 31 Apr 2026 12:00:00 GMT",
        "Mon, 31 Jun 2025 08:49:37 GMT",
    ] {
        assert_eq!(parse_http_date_ms(text, now), None, "{text}");
        assert!(
            !js_sys::Date::parse(text).is_nan(),
            "V8 reads {text}: the reason not to use it"
        );
    }
}
