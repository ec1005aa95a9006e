//! The `/__mock/` control surface and the request log.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn health_and_unknown_routes() {
    let mock = start().await;
    let a = mock.addr();
    assert_eq!(
        control(a, "GET", "/__mock/health", None).await,
        (200, json!({"ok":true}))
    );
    let (status, v) = control(a, "GET", "/__mock/nope", None).await;
    assert_eq!(status, 404);
    assert!(v["error"].is_string());
    let (status, v) = control(a, "PUT", "/__mock/reset", None).await;
    assert_eq!(status, 405);
    assert!(v["error"].is_string());
    // Control calls are never logged.
    assert_eq!(requests(a).await, Vec::<Value>::new());
}

#[tokio::test]
async fn clusters_can_be_added_and_listed_sorted() {
    let mock = start_with(|c| c.clusters = vec!["m".into()]).await;
    let a = mock.addr();
    let (status, v) = control(a, "POST", "/__mock/clusters", Some(r#"{"ids":["z","a"]}"#)).await;
    assert_eq!(status, 200);
    assert_eq!(v, json!({"ok":true,"ids":["a","m","z"]}));
    assert_eq!(
        control(a, "GET", "/__mock/clusters", None).await.1,
        json!({"ids":["a","m","z"]})
    );
    assert_eq!(drop_cluster(a, "z", Some(KEY)).await.json()["code"], 0);
    assert_eq!(
        control(a, "GET", "/__mock/clusters", None).await.1,
        json!({"ids":["a","m"]})
    );
}

#[tokio::test]
async fn someone_else_can_drop_a_cluster_unlogged() {
    let mock = start_with(|c| {
        c.clusters = vec!["a".into(), "b".into()];
        c.timing.deleting_ms = 60_000;
    })
    .await;
    let a = mock.addr();
    let (status, v) = control(a, "POST", "/__mock/drop", Some(r#"{"ids":["a"]}"#)).await;
    assert_eq!((status, v), (200, json!({"ok":true})));
    let auth = format!("Bearer {KEY}");
    let described = send(
        a,
        "GET",
        "/v2/clusters/a",
        &[("authorization", &auth)],
        None,
    )
    .await
    .json();
    assert_eq!(
        described["data"]["status"], "DELETING",
        "dropped as the API drops"
    );
    let (status, v) = control(a, "POST", "/__mock/drop", Some(r#"{"ids":["a"]}"#)).await;
    assert_eq!(
        status, 400,
        "a cluster being dropped cannot be dropped again"
    );
    assert!(v["error"].as_str().unwrap().contains("no cluster a"));
    assert_eq!(
        control(a, "POST", "/__mock/drop", Some(r#"{"id":"b"}"#))
            .await
            .0,
        400
    );
    let logged: Vec<String> = requests(a)
        .await
        .iter()
        .map(|r| r["path"].to_string())
        .collect();
    assert_eq!(
        logged,
        ["\"/v2/clusters/a\""],
        "only the describe is logged"
    );
}

#[tokio::test]
async fn reset_restores_everything() {
    let mock = start_with(|c| c.rate = 2).await;
    let a = mock.addr();
    drop_cluster(a, CLUSTER, Some(KEY)).await;
    drop_cluster(a, CLUSTER, Some(KEY)).await;
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.status, 429);
    control(a, "POST", "/__mock/clusters", Some(r#"{"ids":["extra"]}"#)).await;
    control(
        a,
        "POST",
        "/__mock/config",
        Some(r#"{"rate":50,"deletingMs":900,"droppedAs":"deleted"}"#),
    )
    .await;
    queue(a, r#"{"action":"reset"}"#).await;

    assert_eq!(
        control(a, "POST", "/__mock/reset", None).await,
        (200, json!({"ok":true}))
    );

    let mut seed: Vec<&str> = zilliz_mock::DEFAULT_CLUSTERS.to_vec();
    seed.sort();
    assert_eq!(
        control(a, "GET", "/__mock/clusters", None).await.1,
        json!({"ids":seed})
    );
    assert_eq!(control(a, "GET", "/__mock/faults", None).await.1, json!([]));
    assert_eq!(
        control(a, "GET", "/__mock/config", None).await.1,
        json!({"rate":2,"deletingMs":0,"transitionMs":0,"droppedAs":"not_found"})
    );
    assert_eq!(requests(a).await.len(), 0);
    // Rate window cleared, cluster back.
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
    assert_eq!(requests(a).await[0]["seq"], 1);
}

#[tokio::test]
async fn faults_can_be_listed_and_cleared() {
    let mock = start().await;
    let a = mock.addr();
    let (status, v) = control(
        a,
        "POST",
        "/__mock/faults",
        Some(r#"[{"action":"huge_body","bytes":10},{"delayMs":5,"headers":{"retry-after":"1"}}]"#),
    )
    .await;
    assert_eq!((status, v), (200, json!({"ok":true,"queued":2})));
    let (_, v) = control(
        a,
        "POST",
        "/__mock/faults",
        Some(r#"{"status":503,"count":2}"#),
    )
    .await;
    assert_eq!(v["queued"], 3);
    assert_eq!(
        control(a, "GET", "/__mock/faults", None).await.1,
        json!([{"action":"huge_body","bytes":10},{"delayMs":5,"headers":{"retry-after":"1"}},{"status":503,"count":2}])
    );
    assert_eq!(
        control(a, "DELETE", "/__mock/faults", None).await,
        (200, json!({"ok":true}))
    );
    assert_eq!(control(a, "GET", "/__mock/faults", None).await.1, json!([]));
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
}

#[tokio::test]
async fn request_log_records_what_arrived() {
    let mock = start().await;
    let a = mock.addr();
    let auth = format!("Bearer {KEY}");
    send(
        a,
        "DELETE",
        &format!("/v2/clusters/{CLUSTER}/drop?x=1"),
        &[
            ("Authorization", &auth),
            ("Accept", "application/json"),
            ("Origin", "http://localhost:8080"),
        ],
        None,
    )
    .await;
    send(
        a,
        "DELETE",
        "/v2/clusters/in09-x/drop",
        &[("Authorization", "Bearer wrong")],
        None,
    )
    .await;
    send(a, "DELETE", "/v2/clusters/in09-x/drop", &[], None).await;
    queue(a, r#"{"action":"reset"}"#).await;
    exchange(
        a,
        &request_bytes("DELETE", "/v2/clusters/in09-x/drop", &[], None),
        std::time::Duration::from_secs(5),
    )
    .await;

    let log = requests(a).await;
    assert_eq!(log.len(), 4);
    let first = log[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "accept",
            "at",
            "auth",
            "clusterId",
            "fault",
            "headers",
            "method",
            "origin",
            "path",
            "query",
            "seq",
            "status"
        ]
    );
    assert_eq!(log[0]["seq"], 1);
    assert_eq!(log[0]["query"], "x=1");
    assert!(log[1].get("query").is_none(), "no query, no field");
    assert_eq!(log[0]["method"], "DELETE");
    assert_eq!(log[0]["path"], format!("/v2/clusters/{CLUSTER}/drop"));
    assert_eq!(log[0]["clusterId"], CLUSTER);
    assert_eq!(log[0]["auth"], "matched");
    assert_eq!(log[0]["accept"], "application/json");
    assert_eq!(log[0]["origin"], "http://localhost:8080");
    assert_eq!(log[0]["status"], 200);
    assert!(
        log[0]["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h == "authorization"),
        "header names: {}",
        log[0]["headers"]
    );
    assert_eq!(log[0]["fault"], Value::Null);
    assert!(log[0]["at"].is_u64());
    assert_eq!(log[1]["auth"], "mismatched");
    assert_eq!(log[1]["status"], 401);
    assert_eq!(log[2]["auth"], "missing");
    assert_eq!(log[2]["accept"], Value::Null);
    assert_eq!(log[2]["origin"], Value::Null);
    assert_eq!(log[3]["seq"], 4);
    assert_eq!(log[3]["status"], Value::Null);
    assert_eq!(log[3]["fault"], "reset");
    assert!(log
        .windows(2)
        .all(|w| w[0]["at"].as_u64() <= w[1]["at"].as_u64()));

    assert_eq!(
        control(a, "DELETE", "/__mock/requests", None).await,
        (200, json!({"ok":true}))
    );
    assert_eq!(requests(a).await.len(), 0);
}

#[tokio::test]
async fn the_api_key_never_appears_in_any_answer() {
    let secret = "sk-very-secret-0000-1111-2222";
    let mock = start_with(|c| c.api_key = secret.to_string()).await;
    let a = mock.addr();
    let auth = format!("Bearer {secret}");
    let mut bodies = vec![
        send(
            a,
            "DELETE",
            &format!("/v2/clusters/{CLUSTER}/drop"),
            &[("Authorization", &auth)],
            None,
        )
        .await,
        send(
            a,
            "DELETE",
            "/v2/clusters/x/drop",
            &[("Authorization", &auth)],
            None,
        )
        .await,
        send(
            a,
            "DELETE",
            "/v2/clusters/x/drop",
            &[("Authorization", &format!("Bearer {secret}x"))],
            None,
        )
        .await,
        send(
            a,
            "OPTIONS",
            "/v2/clusters/x/drop",
            &[("Authorization", &auth)],
            None,
        )
        .await,
        send(a, "GET", "/elsewhere", &[("Authorization", &auth)], None).await,
    ];
    for path in [
        "/__mock/requests",
        "/__mock/faults",
        "/__mock/clusters",
        "/__mock/config",
        "/__mock/health",
    ] {
        bodies.push(send(a, "GET", path, &[], None).await);
    }
    for r in &bodies {
        assert!(!r.text().contains(secret), "{}", r.text());
        assert!(r.headers.iter().all(|(_, v)| !v.contains(secret)));
    }
    let log = requests(a).await;
    assert_eq!(log[0]["auth"], "matched");
    assert_eq!(log[2]["auth"], "mismatched");
}

#[tokio::test]
async fn malformed_control_json_is_a_400() {
    let mock = start().await;
    let a = mock.addr();
    let cases = [
        ("/__mock/faults", "{not json"),
        ("/__mock/faults", "42"),
        ("/__mock/faults", r#"{"action":"explode"}"#),
        ("/__mock/faults", r#"{"delay_ms":5}"#),
        ("/__mock/faults", r#"{"status":"503"}"#),
        ("/__mock/faults", r#"[{"status":503},{"count":0}]"#),
        ("/__mock/faults", r#"{"headers":{"bad header":"v"}}"#),
        ("/__mock/faults", r#"{"bytes":-1,"action":"huge_body"}"#),
        ("/__mock/clusters", ""),
        ("/__mock/clusters", r#"{"ids":"a"}"#),
        ("/__mock/clusters", r#"{"ids":[""]}"#),
        ("/__mock/clusters", r#"{"id":["a"]}"#),
        ("/__mock/config", r#"{"rate":-1}"#),
        ("/__mock/config", r#"{"rate":"fast"}"#),
        ("/__mock/config", "\u{0}"),
    ];
    for (path, body) in cases {
        let r = send(
            a,
            "POST",
            path,
            &[("Content-Type", "application/json")],
            Some(body),
        )
        .await;
        assert_eq!(r.status, 400, "{path} {body:?}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(
            r.json()["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{}",
            r.text()
        );
    }
    // Nothing half-applied, and the server is still fine.
    assert_eq!(control(a, "GET", "/__mock/faults", None).await.1, json!([]));
    assert_eq!(control(a, "GET", "/__mock/health", None).await.0, 200);
}

#[tokio::test]
async fn oversized_control_body_is_rejected() {
    let mock = start().await;
    // Announced too large: refused before the body is read.
    let head = b"POST /__mock/clusters HTTP/1.1\r\nHost: h\r\nContent-Length: 2097152\r\n\r\n";
    let ex = exchange(mock.addr(), head, std::time::Duration::from_secs(5)).await;
    let r = parse(&ex.bytes).expect("an answer");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].is_string());
}
