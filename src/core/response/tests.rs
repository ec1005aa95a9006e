//! Table-driven: status × body shape × headers → outcome, with bodies read
//! by serde_json (the wasm build reads them with `JSON.parse`).

use super::*;
use crate::core::body::{BodyError, JsonKind, ParsedBody};
use crate::core::endpoint::{DESCRIBE, DROP, LIST, SUSPEND};

#[path = "../../../tests/support/serde_body.rs"]
mod serde_body;
use serde_body::{parse_body, SerdeBody};

const ID: &str = "in01-6183d6bac30f801";
const KEY: &str = "sk-response-test-key-0123456789";

fn parse_drop_response(head: &ResponseHead, body: &str) -> Result<SerdeBody, ZillizError> {
    classify_response(&DROP, head, parse_body(body), &Target::cluster(ID), KEY).map(|c| c.body)
}

fn parse_describe(body: &str) -> Result<SerdeBody, ZillizError> {
    classify_response(
        &DESCRIBE,
        &head(200),
        parse_body(body),
        &Target::cluster(ID),
        KEY,
    )
    .map(|c| c.body)
}

fn parse_list(
    body: &str,
    page_size: Option<u32>,
    current_page: Option<u32>,
) -> Result<PageInfo, ZillizError> {
    let target = Target {
        page_size,
        current_page,
        ..Target::default()
    };
    classify_response(&LIST, &head(200), parse_body(body), &target, KEY)
        .map(|c| c.page.expect("a list success has a page"))
}

const OK: &str = r#"{"code":0,"data":{"clusterId":"in01-6183d6bac30f801","prompt":"moved to the recycle bin for 30 days"}}"#;
const HTML: &str = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

fn head(status: u16) -> ResponseHead {
    ResponseHead {
        status,
        request_id: Some("req-1".into()),
        ..Default::default()
    }
}

/// (status, body, kind or None for success, code, retryable)
type Case = (u16, &'static str, Option<ErrorKind>, Option<i64>, bool);

#[test]
fn outcome_table() {
    use ErrorKind::*;
    let cases: &[Case] = &[
        // Success, current and legacy envelopes; unknown fields are fine.
        (200, OK, None, None, false),
        (
            200,
            r#"{"code":200,"data":{"clusterId":"in01-6183d6bac30f801","prompt":"p"}}"#,
            None,
            None,
            false,
        ),
        (
            201,
            r#"{"code":0,"data":{"clusterId":"in01-6183d6bac30f801","prompt":"p","extra":[1]},"more":true}"#,
            None,
            None,
            false,
        ),
        // HTTP 200 with a logical error code.
        (
            200,
            r#"{"code":96018,"message":"Cluster not found"}"#,
            Some(NotFound),
            Some(96018),
            false,
        ),
        (
            200,
            r#"{"code":80020,"message":"x"}"#,
            Some(NotFound),
            Some(80020),
            false,
        ),
        (
            200,
            r#"{"code":40021,"message":"x"}"#,
            Some(NotFound),
            Some(40021),
            false,
        ),
        (
            200,
            r#"{"code":80001,"message":"bad key"}"#,
            Some(Auth),
            Some(80001),
            false,
        ),
        (
            200,
            r#"{"code":80002,"message":"x"}"#,
            Some(Auth),
            Some(80002),
            false,
        ),
        (
            200,
            r#"{"code":21119,"message":"The apikey is illegal"}"#,
            Some(Auth),
            Some(21119),
            false,
        ),
        (
            200,
            r#"{"code":96012,"message":"x"}"#,
            Some(Permission),
            Some(96012),
            false,
        ),
        (
            200,
            r#"{"code":96016,"message":"x"}"#,
            Some(Permission),
            Some(96016),
            false,
        ),
        (
            200,
            r#"{"code":96027,"message":"x"}"#,
            Some(Permission),
            Some(96027),
            false,
        ),
        (
            200,
            r#"{"code":40022,"message":"x"}"#,
            Some(Permission),
            Some(40022),
            false,
        ),
        (
            200,
            r#"{"code":96025,"message":"empty clusterId"}"#,
            Some(Api),
            Some(96025),
            false,
        ),
        (
            200,
            r#"{"code":96036,"message":"invalid clusterId"}"#,
            Some(Api),
            Some(96036),
            false,
        ),
        (
            200,
            r#"{"code":96021,"message":"Free"}"#,
            Some(Api),
            Some(96021),
            false,
        ),
        (
            200,
            r#"{"code":96022,"message":"Serverless"}"#,
            Some(Api),
            Some(96022),
            false,
        ),
        (
            200,
            r#"{"code":80000,"message":"incorrect parameter"}"#,
            Some(Api),
            Some(80000),
            false,
        ),
        (200, r#"{"code":12345}"#, Some(Api), Some(12345), false),
        // HTTP errors with JSON bodies.
        (
            401,
            r#"{"code":80001,"message":"Invalid token"}"#,
            Some(Auth),
            Some(80001),
            false,
        ),
        (
            401,
            r#"{"code":21119,"message":"The apikey is illegal"}"#,
            Some(Auth),
            Some(21119),
            false,
        ),
        (
            403,
            r#"{"code":96013,"message":"no permission"}"#,
            Some(Permission),
            Some(96013),
            false,
        ),
        (
            404,
            r#"{"code":96018,"message":"nope"}"#,
            Some(NotFound),
            Some(96018),
            false,
        ),
        (
            400,
            r#"{"code":80001,"message":"bad key"}"#,
            Some(Auth),
            Some(80001),
            false,
        ),
        (
            400,
            r#"{"code":80000,"message":"incorrect parameter"}"#,
            Some(Api),
            Some(80000),
            false,
        ),
        (
            408,
            r#"{"code":408,"message":"timeout"}"#,
            Some(Api),
            Some(408),
            true,
        ),
        (
            429,
            r#"{"code":429,"message":"slow down"}"#,
            Some(RateLimited),
            Some(429),
            true,
        ),
        (
            429,
            r#"{"code":80001,"message":"odd"}"#,
            Some(RateLimited),
            Some(80001),
            true,
        ),
        (
            500,
            r#"{"code":500,"message":"boom"}"#,
            Some(Server),
            Some(500),
            true,
        ),
        (
            503,
            r#"{"code":96018,"message":"odd"}"#,
            Some(Server),
            Some(96018),
            true,
        ),
        (
            501,
            r#"{"code":1,"message":"no"}"#,
            Some(Server),
            Some(1),
            false,
        ),
        // HTTP errors with bodies that are not the documented JSON.
        (401, "", Some(Auth), None, false),
        (403, HTML, Some(Permission), None, false),
        (404, "Not Found", Some(NotFound), None, false),
        (429, "", Some(RateLimited), None, true),
        (502, HTML, Some(Server), None, true),
        (503, "", Some(Server), None, true),
        (504, r#"{"code":"x"}"#, Some(Server), None, true),
        (500, "{\"code\":0,", Some(Server), None, true),
        (418, "[]", Some(Api), None, false),
        (400, r#"{"message":"no code"}"#, Some(Api), None, false),
        (100, "", Some(Api), None, false),
        // 2xx bodies that are not the documented JSON.
        (200, "", Some(Decode), None, false),
        (204, "", Some(Decode), None, false),
        (200, HTML, Some(Decode), None, false),
        (
            200,
            "{\"code\":0,\"data\":{\"clusterId\":\"in01-",
            Some(Decode),
            None,
            false,
        ),
        (
            200,
            r#"{"code":"0","data":{"clusterId":"in01-6183d6bac30f801","prompt":"p"}}"#,
            Some(Decode),
            None,
            false,
        ),
        (200, r#"{"code":0.5}"#, Some(Decode), None, false),
        (200, r#"{"code":null}"#, Some(Decode), None, false),
        (
            200,
            r#"{"data":{"clusterId":"in01-6183d6bac30f801","prompt":"p"}}"#,
            Some(Decode),
            None,
            false,
        ),
        (200, r#"{"code":0}"#, Some(Decode), None, false),
        (200, r#"{"code":0,"data":null}"#, Some(Decode), None, false),
        (200, r#"{"code":0,"data":[]}"#, Some(Decode), None, false),
        (
            200,
            r#"{"code":0,"data":{"clusterId":5,"prompt":"p"}}"#,
            Some(Decode),
            None,
            false,
        ),
        (
            200,
            r#"{"code":0,"data":{"clusterId":"in01-6183d6bac30f801"}}"#,
            Some(Decode),
            None,
            false,
        ),
        (
            200,
            r#"{"code":0,"data":{"clusterId":"in01-6183d6bac30f801","prompt":null}}"#,
            Some(Decode),
            None,
            false,
        ),
        (200, r#"[{"code":0}]"#, Some(Decode), None, false),
        (200, "0", Some(Decode), None, false),
        (200, "null", Some(Decode), None, false),
        // Redirects are never followed.
        (301, "", Some(Api), None, false),
        (307, "", Some(Api), None, false),
        (0, "", Some(Api), None, false),
    ];
    for &(status, body, kind, code, retryable) in cases {
        let result = parse_drop_response(&head(status), body);
        match (kind, result) {
            (None, Ok(ok)) => assert_eq!(ok.0["data"]["clusterId"], ID),
            (Some(kind), Err(e)) => {
                let ctx = (status, body, &e.message);
                assert_eq!(e.kind, kind, "{ctx:?}");
                assert_eq!(e.code, code, "{ctx:?}");
                assert_eq!(e.retryable, retryable, "{ctx:?}");
                assert_eq!(
                    e.status,
                    if status == 0 { None } else { Some(status) },
                    "{ctx:?}"
                );
                assert_eq!(e.request_id.as_deref(), Some("req-1"));
                assert!(!e.message.is_empty());
            }
            (want, got) => panic!("{status} {body}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn success_fields() {
    let ok = parse_drop_response(&head(200), OK).unwrap();
    assert_eq!(ok.0["data"]["clusterId"], ID);
    assert!(ok.0["data"]["prompt"].as_str().unwrap().contains("30 days"));
    assert_eq!(ok.0["code"], 0);
    let bom = format!("\u{feff}{OK}");
    assert!(
        parse_drop_response(&head(200), &bom).is_ok(),
        "a BOM is ignored"
    );
}

#[test]
fn messages_keep_the_servers_words() {
    let e = parse_drop_response(
        &head(200),
        r#"{"code":96018,"message":"Cluster not found. Please check your cluster ID."}"#,
    )
    .unwrap_err();
    assert_eq!(
        e.message,
        "Cluster not found. Please check your cluster ID. (code 96018, HTTP 200)"
    );
    let long = format!(r#"{{"code":1,"message":"{}"}}"#, "x".repeat(5000));
    let e = parse_drop_response(&head(400), &long).unwrap_err();
    assert!(e.message.len() < 1100);
    let e = parse_drop_response(&head(502), HTML).unwrap_err();
    assert!(e.message.starts_with("HTTP 502"), "{}", e.message);
    assert!(!e.message.contains("nginx"), "HTML never reaches a message");
}

#[test]
fn redirect_names_status_and_location() {
    let h = ResponseHead {
        status: 302,
        location: Some("http://127.0.0.1:9/steal".into()),
        ..Default::default()
    };
    let e = parse_drop_response(&h, "").unwrap_err();
    assert!(
        e.message.contains("HTTP 302") && e.message.contains("http://127.0.0.1:9/steal"),
        "{}",
        e.message
    );
    // A browser's opaque redirect: status and location are hidden.
    let e = parse_drop_response(&head(0), "").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Api);
    assert!(e
        .message
        .starts_with("the server answered with a redirect, which is not followed"));
}

#[test]
fn a_success_must_name_the_cluster_asked_for() {
    let other = r#"{"code":0,"data":{"clusterId":"in02-fedcba987654321","prompt":"p"}}"#;
    let e = parse_drop_response(&head(200), other).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(
        e.message().contains("in02-fedcba987654321") && e.message().contains(ID),
        "{}",
        e.message()
    );
}

#[test]
fn the_key_is_cleaned_from_messages_before_they_are_cut() {
    // The key (or any 8-byte run of it) straddles the 1,000-byte cut at every offset near it.
    for at in 980..1010 {
        let message = format!("{}{KEY} and more", "m".repeat(at));
        let body = format!(r#"{{"code":80001,"message":"{message}"}}"#);
        let e = parse_drop_response(&head(401), &body).unwrap_err();
        for run in KEY.as_bytes().windows(8) {
            let run = std::str::from_utf8(run).unwrap();
            assert!(!e.message().contains(run), "{at}: {run} in {}", e.message());
        }
    }
}

/// A describe answer as the documentation shows it (plus a field it does not list).
const DESCRIBED: &str = r#"{"code":0,"data":{"clusterId":"in01-6183d6bac30f801","clusterName":"prod-east","projectId":"proj-1","description":"","regionId":"aws-us-west-2","cuType":"Performance-optimized","plan":"Standard","status":"RUNNING","connectAddress":"https://in01-6183d6bac30f801.aws-us-west-2.vectordb.zillizcloud.com:19530","privateLinkAddress":"","createTime":"2026-11-30T08:12:00Z","cuSize":1,"storageSize":0,"snapshotNumber":0,"createProgress":100,"replica":1}}"#;

#[test]
fn describe_checks_the_cluster_and_keeps_every_field() {
    let ok = parse_describe(DESCRIBED).unwrap();
    assert_eq!(ok.0["data"]["clusterName"], "prod-east");
    assert_eq!(ok.0["data"]["replica"], 1, "unknown fields are kept");
    let unknown_status = DESCRIBED
        .replace("RUNNING", "HIBERNATING")
        .replace("Standard", "Galactic");
    assert!(
        parse_describe(&unknown_status).is_ok(),
        "unknown status and plan strings pass"
    );
    let other = DESCRIBED.replace(
        "\"clusterId\":\"in01-6183d6bac30f801\"",
        "\"clusterId\":\"in02-x\"",
    );
    let e = parse_describe(&other).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(
        e.message().contains("in02-x") && e.message().contains(ID),
        "{}",
        e.message()
    );
    assert!(e.message().contains("describe request"), "{}", e.message());
    for bad in [
        r#"{"code":0,"data":{"clusterName":"x"}}"#,
        r#"{"code":0,"data":{"clusterId":7}}"#,
        r#"{"code":0,"data":[]}"#,
        r#"{"code":0}"#,
    ] {
        assert_eq!(
            parse_describe(bad).unwrap_err().kind(),
            ErrorKind::Decode,
            "{bad}"
        );
    }
    let e = parse_describe(r#"{"code":96018,"message":"Cluster not found"}"#).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::NotFound, Some(96018)));
    assert!(
        parse_describe(r#"{"code":0,"data":{"clusterId":"in01-6183d6bac30f801"}}"#).is_ok(),
        "no prompt is needed"
    );
}

#[test]
fn suspend_is_checked_as_the_drop_is() {
    let target = Target::cluster(ID);
    let check =
        |body: &str| classify_response(&SUSPEND, &head(200), parse_body(body), &target, KEY);
    assert!(check(OK).is_ok());
    let e = check(r#"{"code":0,"data":{"clusterId":"in01-6183d6bac30f801"}}"#).unwrap_err();
    assert!(
        e.message().contains("data.prompt") && e.message().contains("suspend request"),
        "{}",
        e.message()
    );
    let e = check(r#"{"code":96021,"message":"Free clusters cannot be suspended"}"#).unwrap_err();
    assert_eq!((e.kind(), e.code()), (ErrorKind::Api, Some(96021)));
}

#[test]
fn a_list_is_read_in_both_documented_shapes() {
    let cluster = |id: &str| {
        format!(r#"{{"clusterId":"{id}","clusterName":"n","plan":"Free","status":"RUNNING"}}"#)
    };
    let three = [cluster("a"), cluster("b"), cluster("c")].join(",");
    let object = format!(
        r#"{{"code":0,"data":{{"count":12,"currentPage":2,"pageSize":3,"clusters":[{three}]}}}}"#
    );
    assert_eq!(
        parse_list(&object, Some(3), Some(2)).unwrap(),
        PageInfo {
            count: 12,
            current_page: 2,
            page_size: 3,
            len: 3,
            bare: false
        }
    );
    let bare = format!(r#"{{"code":0,"data":[{three}]}}"#);
    assert_eq!(
        parse_list(&bare, Some(5), Some(4)).unwrap(),
        PageInfo {
            count: 3,
            current_page: 4,
            page_size: 5,
            len: 3,
            bare: true
        },
        "a bare array: count is its length, the page as asked"
    );
    assert_eq!(
        parse_list(&bare, None, None).unwrap(),
        PageInfo {
            count: 3,
            current_page: 1,
            page_size: 3,
            len: 3,
            bare: true
        },
        "a bare array, nothing asked: page 1 of its length"
    );
    let empty = r#"{"code":0,"data":{"count":0,"currentPage":1,"pageSize":10,"clusters":[]}}"#;
    assert_eq!(parse_list(empty, None, None).unwrap().len, 0);
    let partial = format!(r#"{{"code":0,"data":{{"clusters":[{three}]}}}}"#);
    assert_eq!(
        parse_list(&partial, Some(10), None).unwrap(),
        PageInfo {
            count: 3,
            current_page: 1,
            page_size: 10,
            len: 3,
            bare: false
        },
        "missing numbers default as for a bare array"
    );
}

#[test]
fn a_list_refuses_what_is_not_a_page_of_clusters() {
    for bad in [
        r#"{"code":0,"data":{"count":1}}"#,
        r#"{"code":0,"data":{"clusters":{}}}"#,
        r#"{"code":0,"data":"clusters"}"#,
        r#"{"code":0,"data":[1]}"#,
        r#"{"code":0,"data":[{"clusterName":"no id"}]}"#,
        r#"{"code":0,"data":[{"clusterId":null}]}"#,
        r#"{"code":0,"data":{"count":-1,"clusters":[]}}"#,
        r#"{"code":0,"data":{"count":1.5,"clusters":[]}}"#,
        r#"{"code":0,"data":{"currentPage":"2","clusters":[]}}"#,
        r#"{"code":0,"data":null}"#,
    ] {
        let e = parse_list(bad, None, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{bad}");
        assert!(e.message().contains("list request"), "{}", e.message());
    }
}
