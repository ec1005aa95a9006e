//! The Drop Cluster endpoint's normal behaviour.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::*;
use serde_json::json;

#[tokio::test]
async fn drop_succeeds_then_second_drop_is_not_found() {
    let mock = start().await;
    let r = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.json(),
        json!({"code":0,"data":{"clusterId":CLUSTER,"prompt":"Successfully Submitted. The cluster will not incur any costs after being dropped. You can restore the cluster from the recycle bin within 30 days. Only Dedicated clusters support this feature."}})
    );
    let again = drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await;
    assert_eq!(again.status, 200);
    assert_eq!(
        again.json(),
        json!({"code":96018,"message":"Cluster not found. Please check your cluster ID."})
    );
    let (_, clusters) = control(mock.addr(), "GET", "/__mock/clusters", None).await;
    assert!(!clusters["ids"]
        .as_array()
        .unwrap()
        .contains(&json!(CLUSTER)));
}

#[tokio::test]
async fn unknown_cluster_is_96018_with_http_200() {
    let mock = start().await;
    let r = drop_cluster(mock.addr(), "in09-doesnotexist00", Some(KEY)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["code"], 96018);
}

#[tokio::test]
async fn missing_or_wrong_key_is_401_80001() {
    let mock = start().await;
    let expected = json!({"code":80001,"message":"Invalid token: Your token is not valid. Please double-check your request parameters and ensure that you have provided a valid API key."});
    let missing = drop_cluster(mock.addr(), CLUSTER, None).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.json(), expected);
    let wrong = drop_cluster(mock.addr(), CLUSTER, Some("not-the-key")).await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.json(), expected);
    // Not "Bearer <key>" exactly.
    let bare = send(
        mock.addr(),
        "DELETE",
        &format!("/v2/clusters/{CLUSTER}/drop"),
        &[("Authorization", KEY)],
        None,
    )
    .await;
    assert_eq!(bare.status, 401);
    // The cluster survived all of that.
    assert_eq!(
        drop_cluster(mock.addr(), CLUSTER, Some(KEY)).await.json()["code"],
        0
    );
}

#[tokio::test]
async fn every_api_answer_has_a_unique_requestid() {
    let mock = start().await;
    let a = mock.addr();
    let answers = [
        drop_cluster(a, CLUSTER, Some(KEY)).await,
        drop_cluster(a, CLUSTER, Some(KEY)).await,
        drop_cluster(a, CLUSTER, None).await,
        send(a, "GET", "/v2/clusters/x/drop", &[], None).await,
        send(a, "GET", "/nowhere", &[], None).await,
        send(a, "OPTIONS", "/v2/clusters/x/drop", &[], None).await,
    ];
    let ids: Vec<String> = answers
        .iter()
        .map(|r| r.header("requestid").expect("requestid header").to_string())
        .collect();
    assert!(ids.iter().all(|id| id.starts_with("mock-")), "{ids:?}");
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "{ids:?}"
    );
}

#[tokio::test]
async fn rate_limit_gives_429_with_retry_after() {
    let mock = start_with(|c| c.rate = 3).await;
    let a = mock.addr();
    for _ in 0..3 {
        assert_eq!(
            drop_cluster(a, "in09-unknown", Some(KEY)).await.json()["code"],
            96018
        );
    }
    let limited = drop_cluster(a, "in09-unknown", Some(KEY)).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("1"));
    assert_eq!(
        limited.json(),
        json!({"code":429,"message":"Too many requests, please try again later."})
    );
    // The window is per Authorization value.
    assert_eq!(
        drop_cluster(a, "in09-unknown", Some("other")).await.status,
        401
    );
    // A rate-limited request is not counted: after a second it passes again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
    let log = requests(a).await;
    assert_eq!(log[3]["status"], 429);
}

#[tokio::test]
async fn rate_can_change_at_runtime_and_zero_is_unlimited() {
    let mock = start_with(|c| c.rate = 0).await;
    let a = mock.addr();
    for _ in 0..30 {
        assert_eq!(drop_cluster(a, "x", Some(KEY)).await.status, 200);
    }
    let (status, v) = control(a, "POST", "/__mock/config", Some(r#"{"rate":1}"#)).await;
    assert_eq!(
        (status, v["ok"].clone(), v["rate"].clone()),
        (200, json!(true), json!(1))
    );
    assert_eq!(drop_cluster(a, "x", Some(KEY)).await.status, 200);
    assert_eq!(drop_cluster(a, "x", Some(KEY)).await.status, 429);
}

#[tokio::test]
async fn path_prefix_is_accepted_and_id_is_percent_decoded() {
    let mock = start().await;
    let a = mock.addr();
    let auth = format!("Bearer {KEY}");
    let r = send(
        a,
        "DELETE",
        "/api/zilliz/v2/clusters/in01%2D6183d6bac30f801/drop",
        &[("Authorization", &auth)],
        None,
    )
    .await;
    assert_eq!(r.json()["data"]["clusterId"], CLUSTER);
    let log = requests(a).await;
    assert_eq!(
        log[0]["path"],
        "/api/zilliz/v2/clusters/in01%2D6183d6bac30f801/drop"
    );
    assert_eq!(log[0]["clusterId"], CLUSTER);
}

#[tokio::test]
async fn other_methods_get_405_and_unknown_paths_404_both_logged() {
    let mock = start().await;
    let a = mock.addr();
    let r = send(
        a,
        "POST",
        &format!("/v2/clusters/{CLUSTER}/drop"),
        &[],
        Some("{}"),
    )
    .await;
    assert_eq!(r.status, 405);
    assert_eq!(r.json(), json!({"code":405,"message":"Method not allowed"}));
    let r = send(a, "GET", "/redirected/here?x=1", &[], None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json(), json!({"code":404,"message":"Not found"}));
    assert_eq!(r.header("content-type"), Some("application/json"));
    let log = requests(a).await;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["status"], 405);
    assert_eq!(log[1]["path"], "/redirected/here");
    assert_eq!(log[1]["clusterId"], serde_json::Value::Null);
    assert_eq!(log[1]["status"], 404);
    // The cluster was not dropped by the POST.
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
}

#[tokio::test]
async fn keep_alive_connections_serve_several_requests() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mock = start().await;
    let mut s = tokio::net::TcpStream::connect(mock.addr()).await.unwrap();
    let req = "DELETE /v2/clusters/x/drop HTTP/1.1\r\nHost: h\r\n\r\n";
    s.write_all(format!("{req}{req}").as_bytes()).await.unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while got.windows(5).filter(|w| w == b"80001").count() < 2 {
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
            .await
            .unwrap()
            .unwrap();
        assert!(n > 0);
        got.extend_from_slice(&buf[..n]);
    }
}

#[tokio::test]
async fn a_bad_key_is_refused_before_the_rate_limit() {
    let mock = start_with(|c| c.rate = 1).await;
    let a = mock.addr();
    assert_eq!(drop_cluster(a, "in09-unknown", Some(KEY)).await.status, 200);
    assert_eq!(drop_cluster(a, "in09-unknown", Some(KEY)).await.status, 429);
    for _ in 0..3 {
        let r = drop_cluster(a, "in09-unknown", Some("not-the-key")).await;
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (401, json!(80001)),
            "never 429"
        );
    }
}

#[tokio::test]
async fn the_bearer_scheme_is_matched_in_any_case() {
    let mock = start().await;
    let a = mock.addr();
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let auth = format!("{scheme} {KEY}");
        let r = send(
            a,
            "DELETE",
            "/v2/clusters/in09-unknown/drop",
            &[("Authorization", auth.as_str())],
            None,
        )
        .await;
        assert_eq!(r.json()["code"], 96018, "{scheme}");
    }
    let wrong_case_key = format!("Bearer {}", KEY.to_uppercase());
    let r = send(
        a,
        "DELETE",
        "/v2/clusters/x/drop",
        &[("Authorization", wrong_case_key.as_str())],
        None,
    )
    .await;
    assert_eq!(r.status, 401, "the key itself is exact");
}

#[tokio::test]
async fn an_empty_cluster_id_is_code_96025() {
    let mock = start().await;
    let r = drop_cluster(mock.addr(), "", Some(KEY)).await;
    assert_eq!((r.status, r.json()["code"].clone()), (200, json!(96025)));
}
