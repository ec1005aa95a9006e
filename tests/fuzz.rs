//! Property tests: the response parser, the JSON reader, the validators and
//! the retry policy never panic, whatever they are fed, and keep their promises.
//!
//! `cargo test` runs a short form (5,000 cases each); `make fuzz` sets
//! `PROPTEST_CASES=1000000` for the long form.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use zilliz_cloud_wasm::core::json;
use zilliz_cloud_wasm::core::retry::{
    parse_http_date_ms, server_delay_ms, RetryHints, MAX_RETRY_AFTER_MS,
};
use zilliz_cloud_wasm::core::validate::{
    normalize_base_url, validate_api_key, validate_client_options, validate_cluster_id,
    RawClientOptions,
};
use zilliz_cloud_wasm::core::{
    parse_drop_response, ErrorKind, RawField, ResponseHead, RetryPolicy, ZillizError,
};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(5_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// JSON documents shaped like the API's, and near misses of them.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| if n.is_finite() {
            n.to_string()
        } else {
            "0".into()
        }),
        Just("0".to_string()),
        Just("96018".to_string()),
        ".{0,12}".prop_map(|s| format!("{s:?}")),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("code"),
                        Just("data"),
                        Just("clusterId"),
                        Just("prompt"),
                        Just("message"),
                        Just("x")
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|members| {
                let body: Vec<String> = members
                    .iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

/// Bodies: API-shaped JSON, its truncations and mutations, and arbitrary text.
fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        json_value(),
        (json_value(), any::<prop::sample::Index>()).prop_map(|(s, i)| {
            let cut = i.index(s.len() + 1);
            s.get(..cut).unwrap_or(&s).to_string()
        }),
        (json_value(), any::<prop::sample::Index>(), any::<char>()).prop_map(|(mut s, i, c)| {
            let mut at = i.index(s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            s.insert(at, c);
            s
        }),
        ".{0,64}",
        prop::collection::vec(any::<u8>(), 0..128)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        (1usize..2000).prop_map(|n| "[".repeat(n)),
        (1usize..2000).prop_map(|n| "{\"a\":".repeat(n)),
    ]
}

fn head() -> impl Strategy<Value = ResponseHead> {
    (
        0u16..1000,
        prop::option::of(".{0,20}"),
        prop::option::of(".{0,20}"),
        prop::option::of(".{0,20}"),
    )
        .prop_map(|(status, request_id, location, retry_after)| ResponseHead {
            status,
            request_id,
            location,
            retry_after,
            retry_after_ms: None,
        })
}

fn check_error(head: &ResponseHead, e: &ZillizError) {
    assert!(!e.message.is_empty());
    assert_eq!(e.attempts, 0, "the parser does not count attempts");
    assert!(!e.maybe_dropped);
    match head.status {
        200..=299 => assert!(
            matches!(
                e.kind,
                ErrorKind::Decode
                    | ErrorKind::Auth
                    | ErrorKind::Permission
                    | ErrorKind::NotFound
                    | ErrorKind::Api
            ),
            "{e:?}"
        ),
        429 => assert_eq!(e.kind, ErrorKind::RateLimited),
        500..=599 => assert_eq!(e.kind, ErrorKind::Server),
        _ => assert!(!matches!(
            e.kind,
            ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Aborted | ErrorKind::InvalidInput
        )),
    }
    if matches!(head.status, 200..=299) {
        assert!(!e.retryable, "a 2xx is never retried");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn response_parser_never_panics(head in head(), body in body()) {
        match parse_drop_response(&head, &body) {
            Ok(ok) => {
                prop_assert!(matches!(head.status, 200..=299));
                prop_assert!(ok.code == 0 || ok.code == 200);
            }
            Err(e) => check_error(&head, &e),
        }
    }

    #[test]
    fn json_reader_never_panics(text in body()) {
        let _ = json::parse(&text);
    }

    #[test]
    fn validators_never_panic(key in ".{0,80}", id in ".{0,140}", url in ".{0,80}", n in any::<f64>()) {
        if let Ok(k) = validate_api_key(&RawField::Str(key.clone())) {
            let debug = format!("{:?}", k);
            prop_assert!(!debug.contains(&key) || key.len() < 4);
        }
        let accepted = validate_cluster_id(&RawField::Str(id.clone())).is_ok();
        let expected = !id.is_empty() && id.len() <= 128
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        prop_assert_eq!(accepted, expected);
        if let Ok(u) = normalize_base_url(&url) {
            prop_assert!(u.starts_with("http://") || u.starts_with("https://"));
            prop_assert!(!u.contains('?') && !u.contains('#') && !u.contains('@') && !u.ends_with('/'));
        }
        let raw = RawClientOptions {
            api_key: RawField::Str("sk-fuzz-key".into()),
            base_url: RawField::Str(url),
            timeout_ms: RawField::Num(n),
            max_retries: RawField::Num(n),
            ..Default::default()
        };
        if let Ok(c) = validate_client_options(&raw) {
            prop_assert!(c.timeout_ms >= 1 && c.timeout_ms <= 600_000 && c.max_retries <= 10);
        }
    }

    #[test]
    fn retry_waits_are_bounded(after in ".{0,40}", after_ms in ".{0,20}", random in any::<f64>(), now in any::<f64>(), attempt in 0u32..50) {
        let hints = RetryHints { retry_after: Some(after.clone()), retry_after_ms: Some(after_ms) };
        if let Some(ms) = server_delay_ms(&hints, now) {
            prop_assert!(ms <= MAX_RETRY_AFTER_MS);
        }
        let _ = parse_http_date_ms(&after);
        let mut e = ZillizError::new(ErrorKind::Server, "x");
        e.status = Some(503);
        let policy = RetryPolicy { max_retries: 10 };
        if let Some(ms) = policy.next_delay_ms(attempt, &e, &hints, random, now) {
            prop_assert!(ms <= MAX_RETRY_AFTER_MS);
            prop_assert!(attempt <= 10);
        }
    }
}
