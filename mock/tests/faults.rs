//! Each queued fault behaves as described, is consumed FIFO, and repeats.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn drop_request() -> Vec<u8> {
    let auth = format!("Bearer {KEY}");
    request_bytes(
        "DELETE",
        &format!("/v2/clusters/{CLUSTER}/drop"),
        &[("Authorization", &auth)],
        None,
    )
}

#[tokio::test]
async fn reset_closes_without_any_response() {
    let mock = start().await;
    queue(mock.addr(), r#"{"action":"reset"}"#).await;
    let ex = exchange(mock.addr(), &drop_request(), Duration::from_secs(5)).await;
    assert!(
        ex.bytes.is_empty(),
        "got {:?}",
        String::from_utf8_lossy(&ex.bytes)
    );
    // SO_LINGER 0: the client sees a reset, not an orderly close.
    assert_eq!(ex.error, Some(ErrorKind::ConnectionReset));
    // The cluster was not dropped and the next request is served normally.
    assert_eq!(
        drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await.json()["code"],
        0
    );
    let log = requests(mock.addr()).await;
    assert_eq!(log[0]["fault"], "reset");
    assert_eq!(log[0]["status"], Value::Null);
    assert_eq!(log[1]["fault"], Value::Null);
}

#[tokio::test]
async fn delay_alone_delays_the_normal_answer() {
    let mock = start().await;
    queue(mock.addr(), r#"{"delayMs":400}"#).await;
    let t = Instant::now();
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert!(
        t.elapsed() >= Duration::from_millis(400),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(r.json()["code"], 0);
    let log = requests(mock.addr()).await;
    assert_eq!(log[0]["fault"], "delay");
    assert_eq!(log[0]["status"], 200);
}

#[tokio::test]
async fn a_delayed_drop_completes_even_if_the_client_gives_up() {
    let mock = start().await;
    queue(mock.addr(), r#"{"delayMs":300}"#).await;
    // The client hangs up after 50 ms, as a client timeout would.
    let ex = exchange(mock.addr(), &drop_request(), Duration::from_millis(50)).await;
    assert!(ex.bytes.is_empty());
    tokio::time::sleep(Duration::from_millis(500)).await;
    // The server carried the drop out anyway: a retry finds the cluster gone.
    let again = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(again.json()["code"], 96018);
    let log = requests(mock.addr()).await;
    assert_eq!(log[0]["status"], 200);
}

#[tokio::test]
async fn delay_with_status_answers_the_fault_after_waiting() {
    let mock = start().await;
    queue(mock.addr(), r#"{"delayMs":300,"status":504}"#).await;
    let t = Instant::now();
    let r = drop_cluster(mock.addr(), CLUSTER, None).await;
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 504);
    assert_eq!(r.json(), json!({"code":504,"message":"Gateway Timeout"}));
}

#[tokio::test]
async fn html_error_page() {
    let mock = start().await;
    queue(
        mock.addr(),
        r#"[{"action":"html"},{"action":"html","status":503}]"#,
    )
    .await;
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(r.status, 502);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text().contains("502 Bad Gateway") && r.text().contains("nginx"));
    assert!(r.header("requestid").is_some());
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(r.status, 503);
    assert!(r.text().contains("503 Service Unavailable"));
}

#[tokio::test]
async fn truncated_json_has_a_correct_length_but_invalid_json() {
    let mock = start().await;
    queue(mock.addr(), r#"{"action":"truncated_json"}"#).await;
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await; // checks Content-Length
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.text(), r#"{"code":0,"data":{"clusterId":"in01-"#);
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());
}

#[tokio::test]
async fn stall_body_sends_headers_then_nothing() {
    let mock = start().await;
    queue(mock.addr(), r#"{"action":"stall_body"}"#).await;
    let ex = exchange(mock.addr(), &drop_request(), Duration::from_millis(1500)).await;
    assert_eq!(ex.error, Some(ErrorKind::TimedOut), "the body must stall");
    let r = parse(&ex.bytes).expect("headers arrived");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length"), Some("100"));
    assert!(r.body.is_empty());
    let log = requests(mock.addr()).await;
    assert_eq!(log[0]["fault"], "stall_body");
    assert_eq!(log[0]["status"], Value::Null);
    // Other connections are unaffected while one stalls.
    assert_eq!(
        drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await.json()["code"],
        0
    );
}

#[tokio::test]
async fn reset_mid_body_sends_part_then_aborts() {
    let mock = start().await;
    queue(mock.addr(), r#"{"action":"reset_mid_body"}"#).await;
    let ex = exchange(mock.addr(), &drop_request(), Duration::from_secs(5)).await;
    assert_ne!(ex.error, Some(ErrorKind::TimedOut));
    let r = parse(&ex.bytes).expect("headers arrived");
    assert_eq!(r.header("content-length"), Some("100"));
    assert_eq!(r.body.len(), 20, "{:?}", r.text());
    assert_eq!(ex.error, Some(ErrorKind::ConnectionReset));
    assert!(r.text().starts_with(r#"{"code":0"#));
}

#[tokio::test]
async fn huge_body_is_streamed_with_its_length() {
    let mock = start().await;
    queue(
        mock.addr(),
        r#"[{"action":"huge_body","bytes":300000},{"action":"huge_body"}]"#,
    )
    .await;
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), 300_000);
    assert!(r.body.starts_with(br#"{"code":0,"pad":"xxx"#));
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(r.body.len(), 2 * 1024 * 1024);
}

#[tokio::test]
async fn empty_has_no_body_and_no_content_type() {
    let mock = start().await;
    queue(
        mock.addr(),
        r#"[{"action":"empty"},{"action":"empty","status":502}]"#,
    )
    .await;
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
    assert_eq!(
        drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await.status,
        502
    );
}

#[tokio::test]
async fn count_repeats_a_fault_then_normal_logic_resumes() {
    let mock = start().await;
    let a = mock.addr();
    queue(
        a,
        r#"{"status":503,"json":{"code":503,"message":"busy"},"count":3}"#,
    )
    .await;
    let (_, pending) = control(a, "GET", "/__mock/faults", None).await;
    assert_eq!(pending[0]["count"], 3);
    for left in [2, 1] {
        let r = drop_cluster(a, CLUSTER, Some(KEY)).await;
        assert_eq!(r.status, 503);
        assert_eq!(r.json()["message"], "busy");
        let (_, pending) = control(a, "GET", "/__mock/faults", None).await;
        assert_eq!(pending[0]["count"], left);
    }
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.status, 503);
    let (_, pending) = control(a, "GET", "/__mock/faults", None).await;
    assert_eq!(pending, json!([]));
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
}

#[tokio::test]
async fn custom_body_headers_and_fifo_order() {
    let mock = start().await;
    let a = mock.addr();
    queue(a, r#"{"status":429,"body":"slow down","headers":{"retry-after":"2","x-request-id":"abc","requestid":"fixed"}}"#).await;
    queue(a, r#"{"json":{"code":0,"data":{"clusterId":"fake"}}}"#).await;
    queue(a, r#"{"headers":{"retry-after-ms":"5"}}"#).await;
    let r = drop_cluster(a, CLUSTER, None).await; // faults skip auth
    assert_eq!(r.status, 429);
    assert_eq!(r.text(), "slow down");
    assert_eq!(r.header("content-type"), None);
    assert_eq!(r.header("retry-after"), Some("2"));
    assert_eq!(r.header("x-request-id"), Some("abc"));
    assert_eq!(r.header("requestid"), Some("fixed"));
    let r = drop_cluster(a, CLUSTER, None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json()["data"]["clusterId"], "fake");
    // Headers-only fault: normal logic, extra header.
    let r = drop_cluster(a, CLUSTER, Some(KEY)).await;
    assert_eq!(r.json()["code"], 0);
    assert_eq!(r.header("retry-after-ms"), Some("5"));
    let faults: Vec<Value> = requests(a)
        .await
        .iter()
        .map(|e| e["fault"].clone())
        .collect();
    assert_eq!(
        faults,
        vec![json!("response"), json!("response"), json!("headers")]
    );
}

#[tokio::test]
async fn faults_skip_rate_limiting_and_are_not_consumed_by_other_requests() {
    let mock = start_with(|c| c.rate = 1).await;
    let a = mock.addr();
    queue(a, r#"[{"status":500},{"status":500}]"#).await;
    // Neither OPTIONS, 405s, 404s nor control calls consume faults.
    send(a, "OPTIONS", "/v2/clusters/x/drop", &[], None).await;
    send(a, "GET", "/v2/clusters/x/drop", &[], None).await;
    send(a, "GET", "/elsewhere", &[], None).await;
    assert_eq!(
        control(a, "GET", "/__mock/faults", None)
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.status, 500);
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.status, 500);
    // Faulted requests did not fill the rate window.
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.status, 429);
}

#[tokio::test]
async fn a_reset_on_a_keep_alive_connection_kills_only_that_connection() {
    let mock = start().await;
    queue(mock.addr(), r#"{"action":"reset","delayMs":50}"#).await;
    let mut s = tokio::net::TcpStream::connect(mock.addr()).await.unwrap();
    s.write_all(b"GET /__mock/health HTTP/1.1\r\nHost: h\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 4096];
    let n = s.read(&mut buf).await.unwrap();
    assert!(std::str::from_utf8(&buf[..n])
        .unwrap()
        .contains(r#"{"ok":true}"#));
    s.write_all(b"DELETE /v2/clusters/x/drop HTTP/1.1\r\nHost: h\r\n\r\n")
        .await
        .unwrap();
    let end = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .unwrap();
    assert!(matches!(end, Ok(0) | Err(_)), "{end:?}");
    assert_eq!(
        control(mock.addr(), "GET", "/__mock/health", None).await.0,
        200
    );
}

#[tokio::test]
async fn shutdown_is_prompt_even_with_a_stalled_body() {
    let mock = start().await;
    queue(mock.addr(), r#"{"action":"stall_body"}"#).await;
    let addr = mock.addr();
    let stalled =
        tokio::spawn(async move { exchange(addr, &drop_request(), Duration::from_secs(10)).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let t = Instant::now();
    mock.shutdown().await;
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    let ex = stalled.await.unwrap();
    assert_ne!(ex.error, Some(ErrorKind::TimedOut));
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
