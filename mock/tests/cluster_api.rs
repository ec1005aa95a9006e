//! Describe, list, suspend and resume over the project's clusters, and how a
//! drop, a suspend and a resume show over time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

const AUTH: &str = "Bearer mock-api-key-0123456789abcdef";

async fn api(a: SocketAddr, method: &str, path: &str) -> Value {
    let r = send(a, method, path, &[("authorization", AUTH)], None).await;
    assert_eq!(r.status, 200, "{method} {path}: {}", r.text());
    r.json()
}

async fn status_of(a: SocketAddr, id: &str) -> Value {
    api(a, "GET", &format!("/v2/clusters/{id}")).await["data"]["status"].clone()
}

#[tokio::test]
async fn describe_shows_every_documented_field() {
    let mock = start().await;
    let d = api(mock.addr(), "GET", &format!("/v2/clusters/{CLUSTER}")).await;
    assert_eq!(d["code"], 0);
    let data = d["data"].as_object().unwrap();
    for field in [
        "clusterId",
        "clusterName",
        "projectId",
        "description",
        "regionId",
        "cuType",
        "plan",
        "status",
        "connectAddress",
        "privateLinkAddress",
        "createTime",
        "cuSize",
        "storageSize",
        "snapshotNumber",
        "createProgress",
    ] {
        assert!(data.contains_key(field), "{field}");
    }
    assert_eq!(
        (data["clusterName"].as_str(), data["plan"].as_str()),
        (Some("prod-search"), Some("Standard"))
    );
    let free = api(mock.addr(), "GET", "/v2/clusters/in03-aaaaaaaaaaaaaaa").await;
    assert_eq!(
        free["data"]["plan"], "Serverless",
        "a Free cluster described as Serverless"
    );
    assert_eq!(free["data"]["cuType"], "");
    let missing = api(mock.addr(), "GET", "/v2/clusters/in09-nope").await;
    assert_eq!(missing["code"], 96018);
    let wrong_method = send(
        mock.addr(),
        "POST",
        &format!("/v2/clusters/{CLUSTER}"),
        &[("authorization", AUTH)],
        None,
    )
    .await;
    assert_eq!(wrong_method.status, 405);
}

#[tokio::test]
async fn lists_pages_of_clusters() {
    let mock = start().await;
    let a = mock.addr();
    control(a, "POST", "/__mock/clusters", Some(r#"{"generate":25}"#)).await;
    let first = api(a, "GET", "/v2/clusters").await;
    assert_eq!(
        first["data"]["count"], 29,
        "the four fixtures and 25 generated"
    );
    assert_eq!(
        (
            first["data"]["currentPage"].as_u64(),
            first["data"]["pageSize"].as_u64()
        ),
        (Some(1), Some(10))
    );
    assert_eq!(first["data"]["clusters"].as_array().unwrap().len(), 10);
    assert!(
        first["data"]["clusters"][0].get("storageSize").is_none(),
        "list shows less than describe"
    );
    let last = api(a, "GET", "/api/zilliz/v2/clusters?pageSize=7&currentPage=5").await;
    assert_eq!(last["data"]["clusters"].as_array().unwrap().len(), 1);
    let bad = api(a, "GET", "/v2/clusters?pageSize=0").await;
    assert_eq!(bad["code"], 80000);
    let log = requests(a).await;
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["clusterId"], Value::Null, "a list names no cluster");
}

#[tokio::test]
async fn a_drop_is_deleting_for_a_while_then_gone_or_deleted() {
    let mock = start().await;
    let a = mock.addr();
    control(a, "POST", "/__mock/config", Some(r#"{"deletingMs":150}"#)).await;
    assert_eq!(drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"], 0);
    assert_eq!(status_of(a, CLUSTER).await, "DELETING");
    assert_eq!(
        drop_cluster(a, CLUSTER, Some(KEY)).await.json()["code"],
        96018,
        "a second drop"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        api(a, "GET", &format!("/v2/clusters/{CLUSTER}")).await["code"],
        96018
    );

    control(
        a,
        "POST",
        "/__mock/config",
        Some(r#"{"deletingMs":0,"droppedAs":"deleted"}"#),
    )
    .await;
    let other = "in01-0123456789abcde";
    drop_cluster(a, other, Some(KEY)).await;
    assert_eq!(status_of(a, other).await, "DELETED");
    let listed = api(a, "GET", "/v2/clusters?pageSize=100").await;
    assert!(
        !listed.to_string().contains(other),
        "a DELETED cluster is not listed"
    );
}

#[tokio::test]
async fn suspend_and_resume_over_time_and_refused_for_free_and_serverless() {
    let mock = start().await;
    let a = mock.addr();
    control(a, "POST", "/__mock/config", Some(r#"{"transitionMs":100}"#)).await;
    let s = api(a, "POST", &format!("/v2/clusters/{CLUSTER}/suspend")).await;
    assert_eq!(
        (s["code"].as_i64(), s["data"]["clusterId"].as_str()),
        (Some(0), Some(CLUSTER))
    );
    assert_eq!(
        s["data"]["prompt"],
        "Successfully Submitted. The cluster will not incur any computing costs when suspended. You will only be billed for the storage costs during this time.",
        "the suspend's own prompt, not the drop's"
    );
    assert_eq!(status_of(a, CLUSTER).await, "SUSPENDING");
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(status_of(a, CLUSTER).await, "SUSPENDED");
    assert_eq!(
        api(a, "POST", &format!("/v2/clusters/{CLUSTER}/suspend")).await["code"],
        80000
    );
    api(a, "POST", &format!("/v2/clusters/{CLUSTER}/resume")).await;
    assert_eq!(status_of(a, CLUSTER).await, "RESUMING");
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(status_of(a, CLUSTER).await, "RUNNING");
    assert_eq!(
        api(a, "POST", "/v2/clusters/in02-fedcba987654321/suspend").await["code"],
        96022
    );
    control(
        a,
        "POST",
        "/__mock/clusters",
        Some(r#"{"clusters":[{"clusterId":"in03-f","plan":"Free"}]}"#),
    )
    .await;
    assert_eq!(
        api(a, "POST", "/v2/clusters/in03-f/resume").await["code"],
        96021
    );
    let get = send(
        a,
        "GET",
        &format!("/v2/clusters/{CLUSTER}/suspend"),
        &[("authorization", AUTH)],
        None,
    )
    .await;
    assert_eq!(get.status, 405);
}

#[tokio::test]
async fn a_posted_record_renames_a_cluster_and_faults_apply_to_reads() {
    let mock = start().await;
    let a = mock.addr();
    let (status, _) = control(
        a,
        "POST",
        "/__mock/clusters",
        Some(&json!({"clusters":[{"clusterId":CLUSTER,"clusterName":"renamed"}]}).to_string()),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        api(a, "GET", &format!("/v2/clusters/{CLUSTER}")).await["data"]["clusterName"],
        "renamed"
    );
    queue(
        a,
        r#"{"status":503,"json":{"code":503,"message":"unavailable"}}"#,
    )
    .await;
    let r = send(a, "GET", "/v2/clusters", &[("authorization", AUTH)], None).await;
    assert_eq!(r.status, 503);
    let (status, body) = control(
        a,
        "POST",
        "/__mock/clusters",
        Some(r#"{"generate":100001}"#),
    )
    .await;
    assert_eq!(status, 400, "{body}");
}
