//! A parsed response body, as far as the core reads one.
//!
//! The wasm build lets the runtime's `JSON.parse` parse the body and reads
//! the resulting JS value through [`ParsedBody`]: no JSON parser is compiled
//! in, and a success resolves to that very object, unknown fields and all.
//! Native tests implement the trait over `serde_json::Value`.

/// The type of a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// Any number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonKind {
    /// A short name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            JsonKind::Null => "null",
            JsonKind::Bool => "a boolean",
            JsonKind::Number => "a number",
            JsonKind::String => "a string",
            JsonKind::Array => "an array",
            JsonKind::Object => "an object",
        }
    }
}

/// Why a body has no parsed value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyError {
    /// Empty, or only whitespace.
    Empty,
    /// Not JSON.
    Syntax,
}

/// A JSON value the core can inspect.
pub trait ParsedBody: Sized {
    /// Its type.
    fn kind(&self) -> JsonKind;
    /// An object's member (the last, if repeated); `None` for other types.
    fn member(&self, key: &str) -> Option<Self>;
    /// A string's value.
    fn text(&self) -> Option<String>;
    /// A number, as `JSON.parse` reads it (an `f64`).
    fn number(&self) -> Option<f64>;
    /// An array's elements; empty for other types.
    fn elements(&self) -> Vec<Self>;

    /// A number that is an integer within ±2^53 (so `1.0` is 1, and `0.5`
    /// or `1e300` are not integers).
    fn integer(&self) -> Option<i64> {
        self.number().and_then(exact_integer)
    }
}

/// Integers that a JavaScript number represents exactly.
pub fn exact_integer(n: f64) -> Option<i64> {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= LIMIT {
        Some(n as i64)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::exact_integer;

    #[test]
    fn integers_as_javascript_sees_them() {
        assert_eq!(exact_integer(1.0), Some(1));
        assert_eq!(exact_integer(-96018.0), Some(-96018));
        assert_eq!(exact_integer(9_007_199_254_740_992.0), Some(1 << 53));
        for no in [0.5, 1e300, f64::NAN, f64::INFINITY, 9_007_199_254_740_994.0] {
            assert_eq!(exact_integer(no), None, "{no}");
        }
    }
}
