//! Browsers call the mock cross-origin: preflights and CORS headers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;

const EXPOSE: &str = "requestid, x-request-id, retry-after, retry-after-ms";

#[tokio::test]
async fn preflight_answers_204_with_the_cors_headers() {
    let mock = start_with(|c| c.rate = 1).await;
    let a = mock.addr();
    queue(a, r#"{"status":500}"#).await;
    let pre = [
        ("Origin", "http://localhost:5173"),
        ("Access-Control-Request-Method", "DELETE"),
        ("Access-Control-Request-Headers", "authorization, accept"),
    ];
    for path in [
        "/v2/clusters/x/drop",
        "/api/zilliz/v2/clusters/x/drop",
        "/any/other/path",
    ] {
        let r = send(a, "OPTIONS", path, &pre, None).await;
        assert_eq!(r.status, 204, "{path}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("DELETE, GET, POST, OPTIONS")
        );
        assert_eq!(
            r.header("access-control-allow-headers"),
            Some("authorization, accept, content-type")
        );
        assert_eq!(r.header("access-control-max-age"), Some("600"));
        assert_eq!(r.header("access-control-expose-headers"), Some(EXPOSE));
        assert!(r.body.is_empty());
    }
    // Logged as OPTIONS, without consuming the fault or the rate window.
    let log = requests(a).await;
    assert_eq!(log.len(), 3);
    assert!(log
        .iter()
        .all(|e| e["method"] == "OPTIONS" && e["status"] == 204 && e["fault"].is_null()));
    assert_eq!(log[0]["origin"], "http://localhost:5173");
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.status, 500);
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
}

#[tokio::test]
async fn every_response_allows_any_origin_and_exposes_headers() {
    let mock = start_with(|c| c.rate = 1).await;
    let a = mock.addr();
    let origin = [("Origin", "http://example.test")];
    queue(a, r#"{"action":"html"}"#).await;
    let answers = vec![
        send(a, "DELETE", "/v2/clusters/x/drop", &origin, None).await, // fault
        send(a, "DELETE", "/v2/clusters/x/drop", &origin, None).await, // 401
        send(a, "DELETE", "/v2/clusters/x/drop", &origin, None).await, // 429
        send(a, "GET", "/v2/clusters/x/drop", &origin, None).await,    // 405
        send(a, "GET", "/nope", &origin, None).await,                  // 404
        send(a, "GET", "/__mock/health", &origin, None).await,         // control
        send(a, "POST", "/__mock/faults", &origin, Some("{")).await,   // control 400
        send(a, "OPTIONS", "/__mock/faults", &origin, None).await,     // control preflight
    ];
    let statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![502, 401, 429, 405, 404, 200, 400, 204]);
    for r in &answers {
        assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{r:?}");
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some(EXPOSE),
            "{r:?}"
        );
    }
}

#[tokio::test]
async fn private_network_preflight_is_allowed() {
    let mock = start().await;
    let r = send(
        mock.addr(),
        "OPTIONS",
        "/v2/clusters/x/drop",
        &[
            ("Access-Control-Request-Method", "DELETE"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        None,
    )
    .await;
    assert_eq!(
        r.header("access-control-allow-private-network"),
        Some("true")
    );
}
