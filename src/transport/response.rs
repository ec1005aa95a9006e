//! Reading a `Response`-like object: its head, then its body within the limit.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::js_value::{call_method, get};
use super::timebox::Timebox;
use super::{failure, interrupted, AttemptFailure, FailureKind};
use crate::core::response::{clean_header_value, MAX_BODY_BYTES};
use crate::core::text::parse_digits;
use crate::core::ResponseHead;

fn header(headers: &JsValue, name: &str) -> Option<String> {
    call_method(headers, "get", &[&JsValue::from_str(name)])?
        .as_string()
        .and_then(|v| clean_header_value(&v, 256))
}

pub(super) fn read_head(response: &JsValue) -> Option<ResponseHead> {
    let status = get(response, "status").as_f64()?;
    let opaque_redirect = get(response, "type")
        .as_string()
        .is_some_and(|t| t == "opaqueredirect");
    let headers = get(response, "headers");
    Some(ResponseHead {
        status: if opaque_redirect || !(0.0..=999.0).contains(&status) {
            0
        } else {
            status as u16
        },
        request_id: header(&headers, "requestid").or_else(|| header(&headers, "x-request-id")),
        location: header(&headers, "location"),
        retry_after: header(&headers, "retry-after"),
        retry_after_ms: header(&headers, "retry-after-ms"),
    })
}

/// Reads the body as a stream where the runtime allows, stopping past the
/// limit; a declared `Content-Length` over it is refused before reading.
pub(super) async fn read_body(
    response: &JsValue,
    timebox: &Timebox,
    head: &ResponseHead,
) -> Result<String, AttemptFailure> {
    let declared =
        header(&get(response, "headers"), "content-length").and_then(|v| parse_digits(&v));
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(failure(FailureKind::TooLarge, Some(head), String::new()));
    }
    let body = get(response, "body");
    let reader = if body.is_object() {
        call_method(&body, "getReader", &[])
    } else {
        None
    };
    let Some(reader) = reader else {
        // No stream (an injected fetch's plain object, a null body): fall back to text().
        let text = match call_method(response, "text", &[]) {
            Some(p) => timebox
                .race(&p)
                .await
                .map_err(|o| interrupted(o, Some(head)))?,
            None => JsValue::from_str(""),
        };
        let text = text.as_string().unwrap_or_default();
        if text.len() > MAX_BODY_BYTES {
            return Err(failure(FailureKind::TooLarge, Some(head), String::new()));
        }
        return Ok(text);
    };
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let read = call_method(&reader, "read", &[]).ok_or_else(|| {
            failure(
                FailureKind::Network,
                Some(head),
                "the body could not be read".into(),
            )
        })?;
        let chunk = timebox
            .race(&read)
            .await
            .map_err(|o| interrupted(o, Some(head)))?;
        if get(&chunk, "done").as_bool().unwrap_or(true) {
            break;
        }
        let value = get(&chunk, "value");
        let part = value
            .dyn_into::<Uint8Array>()
            .unwrap_or_else(|v| Uint8Array::new(&v));
        if bytes.len() + part.length() as usize > MAX_BODY_BYTES {
            return Err(failure(FailureKind::TooLarge, Some(head), String::new()));
        }
        let start = bytes.len();
        bytes.resize(start + part.length() as usize, 0);
        if let Some(dst) = bytes.get_mut(start..) {
            part.copy_to(dst);
        }
    }
    // A body that is not UTF-8 is not the documented JSON: a NUL makes sure it
    // fails to parse (lossy decoding would cost a kilobyte of wasm for nothing).
    Ok(String::from_utf8(bytes).unwrap_or_else(|_| "\u{0}".into()))
}
