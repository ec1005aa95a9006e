//! Reading what `attempt.js` reports, and the parsed body through the core's
//! [`ParsedBody`] view of a JS value.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Outcome;
use crate::core::attempt::AttemptFacts;
use crate::core::body::{JsonKind, ParsedBody};

/// The facts `attempt.js` reported, and the parsed body if there was one.
pub(super) fn read_outcome(outcome: &Outcome) -> (AttemptFacts, Option<JsValue>) {
    // attempt.js's flags(): bit 0 opaqueRedirect, 1 timedOut, 2 aborted, 3 tooLarge,
    // 4 bodyEmpty, 5 bodyInvalid.
    let flags = super::outcome_flags(outcome);
    let bit = |n: u32| flags & (1 << n) != 0;
    let facts = AttemptFacts {
        status: outcome.status(),
        opaque_redirect: bit(0),
        headers: outcome.headers().unwrap_or_default(),
        timed_out: bit(1),
        aborted: bit(2),
        too_large: bit(3),
        error: outcome.error(),
        body_empty: bit(4),
        body_invalid: bit(5),
    };
    let json = outcome.json();
    (facts, (!json.is_undefined()).then_some(json))
}

/// Each check is a crossing into JS: objects (the common case) are told
/// apart first, in two.
impl ParsedBody for JsValue {
    fn kind(&self) -> JsonKind {
        if self.is_object() {
            if Array::is_array(self) {
                JsonKind::Array
            } else {
                JsonKind::Object
            }
        } else if self.is_string() {
            JsonKind::String
        } else if self.as_f64().is_some() {
            JsonKind::Number
        } else if self.as_bool().is_some() {
            JsonKind::Bool
        } else {
            JsonKind::Null
        }
    }

    fn member(&self, key: &str) -> Option<JsValue> {
        if !self.is_object() || Array::is_array(self) {
            return None;
        }
        let key = JsValue::from_str(key);
        let value = Reflect::get(self, &key)
            .ok()
            .filter(|v| !v.is_undefined())?;
        // Own members only: a polluted Object.prototype must not answer for the body.
        Object::has_own(self.unchecked_ref::<Object>(), &key).then_some(value)
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn elements(&self) -> Vec<JsValue> {
        if Array::is_array(self) {
            self.unchecked_ref::<Array>().iter().collect()
        } else {
            Vec::new()
        }
    }
}
