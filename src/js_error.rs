//! The one conversion from the Rust error to the JS `ZillizError`.

use wasm_bindgen::prelude::*;

use crate::core::ZillizError;

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
        option: JsValue,
    ) -> JsZillizError;
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
            e.option.as_deref().map_or(JsValue::NULL, JsValue::from_str),
        )
        .into()
    }
}
