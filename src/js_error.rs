//! The one conversion from the Rust error to the JS `ZillizError`, and the
//! JS form of a retry event (which carries one).

use wasm_bindgen::prelude::*;

use crate::core::{RetryEvent, ZillizError};

#[wasm_bindgen(module = "/js/zilliz_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = ZillizError)]
    type JsZillizError;

    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(constructor, js_class = "ZillizError")]
    fn new(
        message: &str,
        kind: &str,
        code: JsValue,
        status: JsValue,
        request_id: JsValue,
        retryable: bool,
        attempts: u32,
        maybe_dropped: bool,
    ) -> JsZillizError;

    #[wasm_bindgen(js_name = retryEvent)]
    fn js_retry_event(attempt: u32, max_attempts: u32, delay_ms: u32, error: JsValue) -> JsValue;
}

impl From<ZillizError> for JsValue {
    fn from(e: ZillizError) -> JsValue {
        let num = |n: Option<f64>| n.map_or(JsValue::NULL, JsValue::from_f64);
        JsZillizError::new(
            &e.message,
            e.kind.as_str(),
            num(e.code.map(|c| c as f64)),
            num(e.status.map(f64::from)),
            e.request_id
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
            e.retryable,
            e.attempts,
            e.maybe_dropped,
        )
        .into()
    }
}

/// `{ attempt, maxAttempts, delayMs, error }`, as the JS `onRetry` receives it.
#[cfg_attr(not(feature = "npm"), allow(dead_code))]
pub(crate) fn retry_event_to_js(event: &RetryEvent) -> JsValue {
    js_retry_event(
        event.attempt,
        event.max_attempts,
        event.delay_ms,
        event.error.clone().into(),
    )
}
