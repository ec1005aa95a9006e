//! The key never reaches a message, a property or a `Debug` string, on any
//! error path of a call (the errors and retry events that leave `Call`).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/serde_body.rs"]
mod serde_body;

use serde_body::parse_body;
use zilliz_cloud_wasm::core::body::{BodyError, JsonKind, ParsedBody};
use zilliz_cloud_wasm::core::validate::{raw_region, validate_client_options, ClientSpec};
use zilliz_cloud_wasm::core::{
    request_template, AttemptOutcome, Call, Failure, Next, RawField, ResponseHead, Target,
    ZillizError, DROP,
};

const KEY: &str = "sk-zcw-RECOGNISABLE-5ec7e7-key";
const ID: &str = "in01-6183d6bac30f801";

fn assert_clean(e: &ZillizError) {
    let debug = format!("{e:?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(!e.to_string().contains(KEY));
    assert!(!e.request_id().unwrap_or("").contains(KEY));
}

fn spec(key: &str) -> ClientSpec<'_> {
    ClientSpec {
        api_key: Some(key),
        ..Default::default()
    }
}

#[test]
fn debug_of_options_and_request_redacts_the_key() {
    let config = validate_client_options(&spec(KEY)).unwrap();
    let debug = format!("{config:?}");
    assert!(
        !debug.contains(KEY) && debug.contains("redacted"),
        "{debug}"
    );
    let request = request_template(&config);
    assert_eq!(request.authorization, format!("Bearer {KEY}"));
    let debug = format!("{request:?}");
    assert!(
        !debug.contains(KEY) && debug.contains("redacted"),
        "{debug}"
    );
    let call = Call::start(&config, &DROP, Target::cluster(ID), None, None).unwrap();
    let debug = format!("{call:?}");
    assert!(!debug.contains(KEY), "{debug}");
}

#[test]
fn every_error_and_event_of_a_call_is_clean() {
    let echo = format!(r#"{{"code":80001,"message":"bad token Bearer {KEY}"}}"#);
    let echo_ok = format!(r#"{{"code":0,"data":{{"clusterId":"{KEY}","prompt":"p"}}}}"#);
    let bodies = [
        echo.as_str(),
        echo_ok.as_str(),
        "",
        "<html>x</html>",
        r#"{"code":0,"data":null}"#,
        r#"{"code":96018,"message":"not found"}"#,
    ];
    let config = validate_client_options(&spec(KEY)).unwrap();
    let mut checked = 0;
    for status in [
        0u16, 200, 204, 302, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504,
    ] {
        for body in bodies {
            let head = ResponseHead {
                status,
                request_id: Some(KEY.into()),
                location: Some(format!("http://127.0.0.1:1/?k={KEY}")),
                retry_after: Some(KEY.into()),
                retry_after_ms: None,
            };
            let mut call = Call::start(&config, &DROP, Target::cluster(ID), None, Some(1)).unwrap();
            call.begin_attempt();
            let outcome = AttemptOutcome::Response {
                head,
                body: parse_body(body),
            };
            match call.after_attempt(outcome, || (0.5, 0.0)) {
                Next::Done(Err(e)) => assert_clean(&e),
                Next::Retry(event) => assert_clean(&event.error),
                Next::Done(Ok(_)) => panic!("{status} {body}: not a success"),
            }
            checked += 1;
        }
    }
    let mut call = Call::start(&config, &DROP, Target::cluster(ID), None, Some(0)).unwrap();
    call.begin_attempt();
    let failed = AttemptOutcome::<serde_body::SerdeBody>::Failed {
        failure: Failure::Network(format!("connect failed for Bearer {KEY}")),
        head: None,
    };
    match call.after_attempt(failed, || (0.5, 0.0)) {
        Next::Done(Err(e)) => assert_clean(&e),
        other => panic!("{other:?}"),
    }
    assert_eq!(checked, 84);
}

#[test]
fn validation_errors_never_repeat_the_key() {
    let (newline, space) = (format!("{KEY}\n"), format!(" {KEY}"));
    for key in [newline.as_str(), space.as_str()] {
        assert_clean(&validate_client_options(&spec(key)).unwrap_err());
    }
    let url = format!("https://u:{KEY}@h");
    let e = validate_client_options(&ClientSpec {
        base_url: Some(&url),
        ..spec(KEY)
    })
    .unwrap_err();
    assert_clean(&e);
    assert_clean(&raw_region(&RawField::Str(KEY.into())).unwrap_err());
    let config = validate_client_options(&spec(KEY)).unwrap();
    let bad_id = format!("{KEY}/x");
    assert_clean(&Call::start(&config, &DROP, Target::cluster(&bad_id), None, None).unwrap_err());
}
