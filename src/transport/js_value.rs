//! Reading a parsed body: the core's [`JsonDoc`] view of a JS value.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use crate::core::json::{exact_integer, JsonDoc, JsonKind};

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
        Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn integer(&self) -> Option<i64> {
        self.as_f64().and_then(exact_integer)
    }
}
