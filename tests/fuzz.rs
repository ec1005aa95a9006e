//! Property tests: the core's reading of a response agrees with a reference
//! reading written directly against serde_json, on generated bodies that are
//! mostly the API's shape; `protect` patterns agree with a regular
//! expression built from them, on names they mostly match; the validators and the retry policy keep their
//! promises whatever they are fed; the key's redaction agrees with a plain reference on texts
//! made mostly of pieces of the key.
//!
//! `cargo test` runs a short form (5,000 cases each); `make fuzz` sets
//! `PROPTEST_CASES=1000000` for the long form.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/serde_body.rs"]
mod serde_body;

use proptest::prelude::*;
use serde_body::parse_body;
use serde_json::Value;
use zilliz_cloud_wasm::core::body::{exact_integer, BodyError, JsonKind, ParsedBody};
use zilliz_cloud_wasm::core::http_date::parse_http_date_ms;
use zilliz_cloud_wasm::core::protect::glob_matches;
use zilliz_cloud_wasm::core::response::kind_for_code;
use zilliz_cloud_wasm::core::text::{redact, MIN_LEAK_LEN};
use zilliz_cloud_wasm::core::retry::{server_delay_ms, RetryHints, MAX_RETRY_AFTER_MS};
use zilliz_cloud_wasm::core::validate::{
    raw_max_retries, raw_timeout_ms, validate_api_key, validate_client_options,
    validate_cluster_id, ClientSpec,
};
use zilliz_cloud_wasm::core::{
    base_url::normalize_base_url, classify_response, ErrorKind, RawField, ResponseHead,
    RetryPolicy, Target, ZillizError, DROP, LIST,
};

const ID: &str = "in01-6183d6bac30f801";

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

/// Values that the API's fields hold, and near misses of them.
fn leaf() -> BoxedStrategy<String> {
    prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        prop_oneof![
            Just(0i64),
            Just(200),
            Just(96018),
            Just(80001),
            Just(96013),
            Just(-1)
        ]
        .prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        prop_oneof![
            Just("0.0"),
            Just("0.5"),
            Just("1e2"),
            Just("-0"),
            Just("2e0"),
            Just("9007199254740993")
        ]
        .prop_map(str::to_string),
        Just(format!("{ID:?}")),
        Just("\"in02-fedcba987654321\"".to_string()),
        ".{0,12}".prop_map(|s| format!("{s:?}")),
    ]
    .boxed()
}

/// A success body (or one with its pieces swapped for near misses).
fn api_body() -> BoxedStrategy<String> {
    let member =
        |name: &'static str| prop::option::of(leaf().prop_map(move |v| format!("\"{name}\":{v}")));
    let data = (
        member("clusterId"),
        member("prompt"),
        prop::option::of(leaf()),
    )
        .prop_map(|(c, p, extra)| {
            let mut parts: Vec<String> = [c, p].into_iter().flatten().collect();
            if let Some(e) = extra {
                parts.push(format!("\"extra\":{e}"));
            }
            format!("{{{}}}", parts.join(","))
        });
    let good_data = Just(format!(
        r#"{{"clusterId":"{ID}","prompt":"in the recycle bin for 30 days"}}"#
    ));
    (
        prop::option::of(leaf()),
        prop::option::of(prop_oneof![3 => good_data, 2 => data, 1 => leaf()]),
        prop::option::of(leaf()),
        prop::bool::ANY,
    )
        .prop_map(|(code, data, message, bom)| {
            let code = code.map(|c| format!("\"code\":{c}"));
            let data = data.map(|d| format!("\"data\":{d}"));
            let message = message.map(|m| format!("\"message\":{m}"));
            let parts: Vec<String> = [code, data, message].into_iter().flatten().collect();
            format!(
                "{}{{{}}}",
                if bom { "\u{feff}" } else { "" },
                parts.join(",")
            )
        })
        .boxed()
}

/// Mostly API-shaped bodies, their truncations, and other text.
fn body() -> BoxedStrategy<String> {
    prop_oneof![
        6 => api_body(),
        2 => Just(format!(r#"{{"code":0,"data":{{"clusterId":"{ID}","prompt":"p"}}}}"#)),
        1 => (api_body(), any::<prop::sample::Index>()).prop_map(|(s, i)| {
            let mut cut = i.index(s.len() + 1);
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s[..cut].to_string()
        }),
        1 => leaf(),
        1 => ".{0,32}",
        1 => Just("<html><body>502 Bad Gateway</body></html>".to_string()),
        1 => (1usize..100).prop_map(|n| "[".repeat(n) + &"]".repeat(n)),
    ]
    .boxed()
}

fn head() -> impl Strategy<Value = ResponseHead> {
    let status = prop_oneof![
        4 => Just(200u16),
        1 => prop_oneof![Just(201u16), Just(204), Just(301), Just(302), Just(400), Just(401), Just(403), Just(404), Just(408), Just(429), Just(500), Just(502), Just(503), Just(504)],
        1 => 0u16..1000,
    ];
    (status, prop::option::of("[a-z0-9-]{1,20}")).prop_map(|(status, request_id)| ResponseHead {
        status,
        request_id,
        ..Default::default()
    })
}

/// What the drop answer means, read directly off serde_json's value.
fn reference(status: u16, text: &str) -> Result<(), (ErrorKind, Option<i64>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Option<Value> = serde_json::from_str(text).ok();
    let code = value
        .as_ref()
        .and_then(|v| v.get("code"))
        .filter(|_| value.as_ref().is_some_and(Value::is_object))
        .and_then(Value::as_f64)
        .and_then(exact_integer);
    match status {
        200..=299 => {
            let Some(Value::Object(body)) = &value else {
                return Err((ErrorKind::Decode, None));
            };
            let Some(code) = code else {
                return Err((ErrorKind::Decode, None));
            };
            if code != 0 && code != 200 {
                return Err((kind_for_code(code).unwrap_or(ErrorKind::Api), Some(code)));
            }
            let data = body.get("data").and_then(Value::as_object);
            let id = data
                .and_then(|d| d.get("clusterId"))
                .and_then(Value::as_str);
            let prompt = data.and_then(|d| d.get("prompt")).and_then(Value::as_str);
            match (id, prompt) {
                (Some(id), Some(_)) if id == ID => Ok(()),
                _ => Err((ErrorKind::Decode, None)),
            }
        }
        0 | 300..=399 => Err((ErrorKind::Api, None)),
        429 => Err((ErrorKind::RateLimited, code)),
        500..=599 => Err((ErrorKind::Server, code)),
        _ => {
            let by_status = match status {
                401 => ErrorKind::Auth,
                403 => ErrorKind::Permission,
                404 => ErrorKind::NotFound,
                _ => ErrorKind::Api,
            };
            Err((code.and_then(kind_for_code).unwrap_or(by_status), code))
        }
    }
}

fn check_error(head: &ResponseHead, e: &ZillizError) {
    assert!(!e.message().is_empty());
    assert_eq!(e.attempts(), 0, "classification does not count attempts");
    assert!(!e.maybe_dropped());
    assert_eq!(e.request_id(), head.request_id.as_deref());
    if matches!(head.status, 200..=299) {
        assert!(!e.retryable(), "a 2xx is never retried");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn response_reading_agrees_with_serde_json(head in head(), text in body()) {
        let parsed = parse_body(&text);
        if let Ok(v) = &parsed {
            // The view itself agrees with the value it wraps.
            prop_assert_eq!(v.kind() == JsonKind::Object, v.0.is_object());
        }
        let got = classify_response(&DROP, &head, parsed, &Target::cluster(ID), "").map(|c| c.body);
        let want = reference(head.status, &text);
        match (&got, &want) {
            (Ok(body), Ok(())) => prop_assert_eq!(&body.0["data"]["clusterId"], ID),
            (Err(e), Err((kind, code))) => {
                check_error(&head, e);
                prop_assert_eq!((e.kind(), e.code()), (*kind, *code), "{} {:?}: {}", head.status, text, e.message());
            }
            _ => prop_assert!(false, "{} {:?}: core {:?}, reference {:?}", head.status, text, got.map(|b| b.0), want),
        }
    }

    #[test]
    fn empty_and_broken_bodies_are_told_apart(ws in "[ \t\r\n]{0,8}", junk in "[!-~]{1,8}") {
        prop_assert_eq!(parse_body(&ws).unwrap_err(), BodyError::Empty);
        if serde_json::from_str::<Value>(&junk).is_err() {
            prop_assert_eq!(parse_body(&junk).unwrap_err(), BodyError::Syntax);
        }
    }

    #[test]
    fn validators_keep_their_promises(key in "[ -~]{0,20}|.{0,20}", id in "[A-Za-z0-9_-]{0,130}|.{0,20}", url in ".{0,80}", n in any::<f64>()) {
        match validate_api_key(&key) {
            Ok(k) => {
                prop_assert!(key.len() >= 8 && key.bytes().all(|b| (0x20..0x7f).contains(&b)));
                prop_assert!(!key.starts_with(' ') && !key.ends_with(' '));
                let debug = format!("{:?}", k);
                prop_assert!(!debug.contains(&key));
            }
            Err(e) => prop_assert!(!e.message().contains(&key) || key.len() < 8),
        }
        let accepted = validate_cluster_id(&id).is_ok();
        let expected = !id.is_empty() && id.len() <= 128
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        prop_assert_eq!(accepted, expected);
        if let Ok(u) = normalize_base_url(&url) {
            prop_assert!(u.starts_with("http://") || u.starts_with("https://"));
            prop_assert!(!u.contains('?') && !u.contains('#') && !u.contains('@') && !u.ends_with('/'));
        }
        let spec = ClientSpec {
            api_key: Some("sk-fuzz-key"),
            base_url: Some(&url),
            timeout_ms: raw_timeout_ms(&RawField::Num(n)).ok().flatten(),
            max_retries: raw_max_retries(&RawField::Num(n)).ok().flatten(),
            ..Default::default()
        };
        if let Ok(c) = validate_client_options(&spec) {
            prop_assert!(c.timeout_ms >= 1 && c.timeout_ms <= 600_000 && c.max_retries <= 10);
        }
    }

    #[test]
    fn retry_waits_are_bounded(after in ".{0,40}|[0-9]{1,30}", after_ms in ".{0,20}|[0-9]{1,30}", random in any::<f64>(), now in any::<f64>(), attempt in 0u32..50) {
        let hints = RetryHints { retry_after: Some(after.clone()), retry_after_ms: Some(after_ms.clone()) };
        let delay = server_delay_ms(&hints, now);
        if let Some(ms) = delay {
            prop_assert!(ms <= MAX_RETRY_AFTER_MS);
        }
        if !after_ms.is_empty() && after_ms.bytes().all(|b| b.is_ascii_digit()) {
            prop_assert!(delay.is_some(), "digits of any length are a wait");
        }
        let _ = parse_http_date_ms(&after, now);
        let e = classify_response(&DROP, &ResponseHead { status: 503, ..Default::default() }, parse_body(""), &Target::cluster(ID), "").unwrap_err();
        let policy = RetryPolicy { max_retries: 10 };
        if let Some(ms) = policy.next_delay_ms(attempt, &e, &hints, random, now) {
            prop_assert!(ms <= MAX_RETRY_AFTER_MS);
            prop_assert!(attempt <= 10);
        }
    }
}

/// A cluster of a list page, or a near miss of one.
fn list_cluster() -> BoxedStrategy<String> {
    prop_oneof![
        6 => "[a-z0-9-]{1,8}".prop_map(|id| format!(r#"{{"clusterId":"{id}","plan":"Free"}}"#)),
        1 => leaf().prop_map(|id| format!(r#"{{"clusterId":{id}}}"#)),
        1 => Just(r#"{"clusterName":"no id"}"#.to_string()),
        1 => leaf(),
    ]
    .boxed()
}

/// A list answer: the documented object, the schema table's bare array, or near misses.
fn list_body() -> BoxedStrategy<String> {
    let clusters =
        prop::collection::vec(list_cluster(), 0..6).prop_map(|c| format!("[{}]", c.join(",")));
    let number = prop_oneof![4 => (0u64..3000).prop_map(|n| n.to_string()), 1 => leaf()];
    let object = (
        prop::option::of(number.clone()),
        prop::option::of(number.clone()),
        prop::option::of(number),
        prop::option::of(prop_oneof![4 => clusters.clone(), 1 => leaf()]),
    )
        .prop_map(|(count, current, size, clusters)| {
            let parts: Vec<String> = [
                ("count", count),
                ("currentPage", current),
                ("pageSize", size),
                ("clusters", clusters),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("\"{k}\":{v}")))
            .collect();
            format!("{{{}}}", parts.join(","))
        });
    prop_oneof![3 => object, 2 => clusters, 1 => leaf()]
        .prop_map(|data| format!(r#"{{"code":0,"data":{data}}}"#))
        .boxed()
}

/// The reference reading of a list page, straight from serde_json: `None` where the core must
/// answer `decode`; else (count, currentPage, pageSize, clusters on the page, bare).
fn list_reference(
    text: &str,
    size: Option<u32>,
    current: Option<u32>,
) -> Option<(u64, u32, u32, u32, bool)> {
    let v: Value = serde_json::from_str(text).ok()?;
    let data = &v["data"];
    let (clusters, bare) = match data {
        Value::Array(a) => (a, true),
        Value::Object(o) => (o.get("clusters")?.as_array()?, false),
        _ => return None,
    };
    if !clusters
        .iter()
        .all(|c| c.get("clusterId").is_some_and(Value::is_string))
    {
        return None;
    }
    let len = clusters.len() as u32;
    let number = |name: &str| -> Option<Option<u64>> {
        match data.get(name).filter(|_| !bare) {
            None => Some(None),
            Some(n) => n
                .as_f64()
                .and_then(exact_integer)
                .and_then(|n| u64::try_from(n).ok())
                .map(Some),
        }
    };
    let small = |n: Option<u64>| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    Some((
        number("count")?.unwrap_or(u64::from(len)),
        small(number("currentPage")?).or(current).unwrap_or(1),
        small(number("pageSize")?).or(size).unwrap_or(len),
        len,
        bare,
    ))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn list_reading_agrees_with_serde_json(text in list_body(), size in prop::option::of(1u32..=1000), current in prop::option::of(1u32..=1000)) {
        let target = Target { page_size: size, current_page: current, ..Target::default() };
        let head = ResponseHead { status: 200, ..Default::default() };
        let got = classify_response(&LIST, &head, parse_body(&text), &target, "");
        match (got, list_reference(&text, size, current)) {
            (Ok(checked), Some(want)) => {
                let p = checked.page.unwrap();
                prop_assert_eq!((p.count, p.current_page, p.page_size, p.len, p.bare), want, "{}", text);
            }
            (Err(e), None) => prop_assert_eq!(e.kind(), ErrorKind::Decode, "{}: {}", text, e.message()),
            (got, want) => prop_assert!(false, "{}: core {:?}, reference {:?}", text, got.map(|c| c.page), want),
        }
    }
}

/// A `protect` pattern: mostly names as people write them (`prod-*`,
/// `*-preview`, IDs), from an alphabet small enough that stars meet their
/// text often, with a multi-byte character and regex metacharacters among them.
fn glob_pattern() -> BoxedStrategy<String> {
    prop_oneof![
        "[ab*.é-]{0,8}",
        "(prod|dev|in01)-\\*",
        "\\*-(prod|preview|a)",
        "[a-z]{1,4}\\*[a-z]{0,3}\\*?",
    ]
    .boxed()
}

/// A name for `pattern`: mostly one it matches (each `*` replaced by a
/// random run), then perhaps changed by one character, or any text at all.
fn glob_text(pattern: String) -> BoxedStrategy<(String, String)> {
    let stars = pattern.matches('*').count();
    let fills = prop::collection::vec("[ab*.é-]{0,4}", stars);
    let any_text = pattern.clone();
    prop_oneof![
        3 => fills.prop_map(move |fills| {
            let mut text = String::new();
            for (i, part) in pattern.split('*').enumerate() {
                text.push_str(part);
                if let Some(fill) = fills.get(i) {
                    text.push_str(fill);
                }
            }
            (pattern.clone(), text)
        }),
        1 => "[ab*.é-]{0,10}".prop_map(move |t| (any_text.clone(), t)),
    ]
    .prop_flat_map(|(p, t)| {
        let len = t.chars().count();
        (
            Just(p),
            Just(t),
            0..=len,
            prop_oneof![Just(None), Just(Some('a')), Just(Some('é'))],
        )
    })
    .prop_map(|(p, t, at, change)| {
        let mut chars: Vec<char> = t.chars().collect();
        if let Some(c) = change {
            chars.insert(at, c);
        }
        (p, chars.into_iter().collect())
    })
    .boxed()
}

/// The reference: the pattern as an anchored regular expression, `*` as `.*`
/// (with `s`, so that it crosses every character) and the rest escaped.
fn glob_reference(pattern: &str, text: &str) -> bool {
    let body: Vec<String> = pattern.split('*').map(regex::escape).collect();
    let re = regex::Regex::new(&format!("(?s)^{}$", body.join(".*"))).unwrap();
    re.is_match(text)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn protect_patterns_agree_with_a_regex((pattern, text) in glob_pattern().prop_flat_map(glob_text)) {
        prop_assert_eq!(
            glob_matches(pattern.as_bytes(), text.as_bytes()),
            glob_reference(&pattern, &text),
            "{:?} ~ {:?}", pattern, text
        );
    }
}

/// A key and a text made mostly of pieces of it (runs of 0 to 12 bytes from anywhere in the key,
/// overlapping, adjacent or apart), with other text and multi-byte characters between them.
fn key_and_echo() -> BoxedStrategy<(String, String)> {
    "[!-~]{8,40}"
        .prop_flat_map(|key| {
            let len = key.len();
            let piece = prop_oneof![
                3 => (0..len, 0usize..=12).prop_map({
                    let key = key.clone();
                    move |(at, n)| key[at..(at + n).min(len)].to_owned()
                }),
                1 => "[a-z ]{0,4}|é|[\u{80}-\u{10ffff}]{1,2}",
            ];
            (Just(key), prop::collection::vec(piece, 0..8).prop_map(|p| p.concat()))
        })
        .boxed()
}

/// The reference: the bytes of every window of the text found in the key marked, each run of
/// marked bytes replaced by one "[redacted]", written plainly.
fn redact_reference(text: &str, key: &str) -> String {
    const N: usize = MIN_LEAK_LEN;
    let (t, k) = (text.as_bytes(), key.as_bytes());
    if k.len() < N || t.len() < N {
        return text.to_owned();
    }
    let mut hidden = vec![false; t.len()];
    for i in 0..=t.len() - N {
        if (0..=k.len() - N).any(|j| t[i..i + N] == k[j..j + N]) {
            hidden[i..i + N].iter_mut().for_each(|h| *h = true);
        }
    }
    let mut out = String::new();
    for (i, c) in text.char_indices() {
        if !hidden[i] {
            out.push(c);
        } else if i == 0 || !hidden[i - 1] {
            out.push_str("[redacted]");
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn redaction_agrees_with_a_plain_reference((key, text) in key_and_echo()) {
        let redacted = redact(&text, &key);
        prop_assert_eq!(&redacted, &redact_reference(&text, &key), "{:?} in {:?}", key, text);
        // No run of MIN_LEAK_LEN bytes of the key is left in what was kept (the marker's own
        // brackets may border a shorter piece of it: "]KL+&WN\"" once read "[redacted]KL+&WN\"").
        for kept in redacted.split("[redacted]") {
            for window in key.as_bytes().windows(MIN_LEAK_LEN) {
                prop_assert!(!kept.as_bytes().windows(MIN_LEAK_LEN).any(|w| w == window), "{:?} in {:?}", key, redacted);
            }
        }
    }
}
