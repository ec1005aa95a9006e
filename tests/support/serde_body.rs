//! The core's [`ParsedBody`] over `serde_json::Value`: native tests read
//! bodies with serde_json, the reference, where the wasm build uses `JSON.parse`.
//! Shared by the core's unit tests (through `#[path]`) and the integration tests.

use super::{BodyError, JsonKind, ParsedBody};
use serde_json::Value;

/// A parsed body.
#[derive(Clone, Debug, PartialEq)]
pub struct SerdeBody(pub Value);

impl ParsedBody for SerdeBody {
    fn kind(&self) -> JsonKind {
        match &self.0 {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn member(&self, key: &str) -> Option<Self> {
        self.0.as_object()?.get(key).cloned().map(SerdeBody)
    }

    fn text(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn elements(&self) -> Vec<Self> {
        self.0
            .as_array()
            .map(|a| a.iter().cloned().map(SerdeBody).collect())
            .unwrap_or_default()
    }
}

/// A body's text as the transport hands it over: a BOM dropped, whitespace
/// only is empty, anything serde_json refuses is a syntax error.
pub fn parse_body(text: &str) -> Result<SerdeBody, BodyError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(BodyError::Empty);
    }
    serde_json::from_str(text)
        .map(SerdeBody)
        .map_err(|_| BodyError::Syntax)
}
