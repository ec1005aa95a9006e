//! The key never reaches a message, a property or a `Debug` string, on any
//! error path the core produces (the wasm client scrubs every error the same way).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use zilliz_cloud_wasm::core::validate::{validate_client_options, RawClientOptions};
use zilliz_cloud_wasm::core::{
    build_drop_request, parse_drop_response, RawField, ResponseHead, ZillizError,
};

const KEY: &str = "sk-zcw-RECOGNISABLE-5ec7e7-key";

fn assert_clean(e: &ZillizError) {
    let debug = format!("{e:?}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(!e.message.contains(KEY));
    assert!(!e.request_id.as_deref().unwrap_or("").contains(KEY));
}

#[test]
fn debug_of_options_and_request_redacts_the_key() {
    let config = validate_client_options(&RawClientOptions {
        api_key: RawField::Str(KEY.into()),
        ..Default::default()
    })
    .unwrap();
    let debug = format!("{config:?}");
    assert!(
        !debug.contains(KEY) && debug.contains("redacted"),
        "{debug}"
    );
    let request = build_drop_request(&config, "in01-6183d6bac30f801");
    assert_eq!(request.authorization, format!("Bearer {KEY}"));
    let debug = format!("{request:?}");
    assert!(
        !debug.contains(KEY) && debug.contains("redacted"),
        "{debug}"
    );
}

#[test]
fn every_response_error_path_is_clean_after_scrubbing() {
    let echo = format!(r#"{{"code":80001,"message":"bad token Bearer {KEY}"}}"#);
    let bodies = [
        echo.as_str(),
        "",
        "<html>x</html>",
        r#"{"code":0,"data":null}"#,
        r#"{"code":96018,"message":"not found"}"#,
    ];
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
            if let Err(e) = parse_drop_response(&head, body) {
                assert_clean(&e.scrub(KEY));
            }
        }
    }
}

#[test]
fn validation_errors_never_repeat_the_key() {
    let cases = [
        RawClientOptions {
            api_key: RawField::Str(format!("{KEY}\n")),
            ..Default::default()
        },
        RawClientOptions {
            api_key: RawField::Str(format!(" {KEY}")),
            ..Default::default()
        },
        RawClientOptions {
            api_key: RawField::Str(KEY.into()),
            region: RawField::Str(KEY.into()),
            ..Default::default()
        },
        RawClientOptions {
            api_key: RawField::Str(KEY.into()),
            base_url: RawField::Str(format!("https://u:{KEY}@h")),
            ..Default::default()
        },
    ];
    for raw in cases {
        let e = validate_client_options(&raw).unwrap_err();
        assert_clean(&e);
    }
}
