//! Reading plain JS values: properties, methods, and bodies as JSON.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::json::{exact_integer, JsonDoc, JsonError, JsonKind};

/// The body as the runtime's `JSON.parse` reads it: the wasm carries no JSON
/// parser, and the success value is this very object, unknown fields and all.
pub fn parse_json(text: &str) -> Result<JsValue, JsonError> {
    if text.trim_ascii().is_empty() {
        return Err(JsonError::Empty);
    }
    js_sys::JSON::parse(text).map_err(|_| JsonError::Syntax)
}

impl JsonDoc for JsValue {
    fn kind(&self) -> JsonKind {
        if self.is_string() {
            JsonKind::String
        } else if self.as_f64().is_some() {
            JsonKind::Number
        } else if self.as_bool().is_some() {
            JsonKind::Bool
        } else if Array::is_array(self) {
            JsonKind::Array
        } else if self.is_object() {
            JsonKind::Object
        } else {
            JsonKind::Null
        }
    }

    fn member(&self, key: &str) -> Option<JsValue> {
        if self.kind() != JsonKind::Object {
            return None;
        }
        Some(get(self, key)).filter(|v| !v.is_undefined())
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn integer(&self) -> Option<i64> {
        self.as_f64().and_then(exact_integer)
    }
}

pub(super) fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls `target[method](...args)`, returning `None` if it is not a function or throws.
pub(super) fn call_method(target: &JsValue, method: &str, args: &[&JsValue]) -> Option<JsValue> {
    let f = get(target, method).dyn_into::<Function>().ok()?;
    match args {
        [] => f.call0(target).ok(),
        [a] => f.call1(target, a).ok(),
        _ => None,
    }
}
