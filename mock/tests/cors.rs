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
async fn every_api_response_allows_any_origin_and_exposes_headers() {
    let mock = start_with(|c| c.rate = 1).await;
    let a = mock.addr();
    let origin = [("Origin", "http://example.test")];
    let auth = format!("Bearer {KEY}");
    let with_key = [
        ("Origin", "http://example.test"),
        ("Authorization", auth.as_str()),
    ];
    queue(a, r#"{"action":"html"}"#).await;
    let answers = vec![
        send(a, "DELETE", "/v2/clusters/x/drop", &origin, None).await, // fault
        send(a, "DELETE", "/v2/clusters/x/drop", &origin, None).await, // 401
        send(a, "DELETE", "/v2/clusters/x/drop", &with_key, None).await, // 200 (96018)
        send(a, "DELETE", "/v2/clusters/x/drop", &with_key, None).await, // 429
        send(a, "GET", "/v2/clusters/x/drop", &origin, None).await,    // 405
        send(a, "GET", "/nope", &origin, None).await,                  // 404
    ];
    let statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![502, 401, 200, 429, 405, 404]);
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
async fn the_control_surface_answers_only_its_own_origin() {
    let mock = start_with(|c| c.control_origins = vec!["http://127.0.0.1:9999".into()]).await;
    let a = mock.addr();
    // The helper sends `Host: 127.0.0.1`: the page origin that goes with it.
    let own = "http://127.0.0.1".to_string();
    let preflight = |origin: &'static str| {
        [
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Private-Network", "true"),
        ]
    };
    // Another page's origin: refused before anything runs, with no CORS headers.
    for (method, path, body) in [
        ("GET", "/__mock/requests", None),
        ("POST", "/__mock/faults", Some(r#"{"status":500}"#)),
        ("POST", "/__mock/reset", None),
    ] {
        let r = send(a, method, path, &[("Origin", "http://evil.test")], body).await;
        assert_eq!(r.status, 403, "{method} {path}");
        assert_eq!(r.header("access-control-allow-origin"), None);
    }
    let r = send(
        a,
        "OPTIONS",
        "/__mock/faults",
        &preflight("http://evil.test"),
        None,
    )
    .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.header("access-control-allow-private-network"), None);
    let (_, faults) = control(a, "GET", "/__mock/faults", None).await;
    assert_eq!(
        faults,
        serde_json::json!([]),
        "the refused fault was not queued"
    );
    // Its own origin, no origin (a test, curl) and a listed origin are answered.
    let r = send(
        a,
        "GET",
        "/__mock/health",
        &[("Origin", own.as_str())],
        None,
    )
    .await;
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (200, None)
    );
    assert_eq!(
        send(a, "GET", "/__mock/health", &[], None).await.status,
        200
    );
    let listed = [("Origin", "http://127.0.0.1:9999")];
    let r = send(a, "GET", "/__mock/health", &listed, None).await;
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (200, Some("http://127.0.0.1:9999"))
    );
    let r = send(
        a,
        "OPTIONS",
        "/__mock/faults",
        &preflight("http://127.0.0.1:9999"),
        None,
    )
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-private-network"), None);
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
