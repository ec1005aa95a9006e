//! A small, strict JSON reader for response bodies.
//!
//! Why not serde_json: it would double the size of the wasm, and the client
//! needs only to check a body's shape (the JS side gets the body from
//! `JSON.parse`). Never panics: bounded nesting, no indexing.

/// Nesting deeper than this is refused, so that hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's text, checked against JSON's grammar; converted on demand.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in order; duplicate keys are kept and the last one wins, as in `JSON.parse`.
    Object(Vec<(String, Json)>),
}

/// The type of a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
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

/// A parsed JSON value, as far as the core reads one. Native code reads
/// bodies with [`parse`]; the wasm build lets the runtime's `JSON.parse` do
/// it and implements this over `JsValue`, so both follow the same rules.
pub trait JsonDoc: Sized {
    fn kind(&self) -> JsonKind;
    /// An object's member (the last, if repeated); `None` for other types.
    fn member(&self, key: &str) -> Option<Self>;
    /// A string's value.
    fn text(&self) -> Option<String>;
    /// A number that is an integer within ±2^53, as `JSON.parse` reads it
    /// (so `1.0` is 1, and `0.5` or `1e300` are not integers).
    fn integer(&self) -> Option<i64>;
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

impl<'a> JsonDoc for &'a Json {
    fn kind(&self) -> JsonKind {
        match self {
            Json::Null => JsonKind::Null,
            Json::Bool(_) => JsonKind::Bool,
            Json::Number(_) => JsonKind::Number,
            Json::String(_) => JsonKind::String,
            Json::Array(_) => JsonKind::Array,
            Json::Object(_) => JsonKind::Object,
        }
    }

    fn member(&self, key: &str) -> Option<&'a Json> {
        Json::get(self, key)
    }

    fn text(&self) -> Option<String> {
        Json::as_str(self).map(str::to_owned)
    }

    fn integer(&self) -> Option<i64> {
        Json::as_i64(self)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonError {
    Empty,
    Syntax,
    TooDeep,
}

impl Json {
    /// The member `key` of an object (the last, if repeated).
    pub fn get<'a>(&'a self, key: &str) -> Option<&'a Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as an integer, by [`exact_integer`]'s rule.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.parse::<f64>().ok().and_then(exact_integer),
            _ => None,
        }
    }
}

/// Parses a whole document (surrounding whitespace and a leading BOM allowed).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        bytes: text.as_bytes(),
        pos: 0,
    };
    p.skip_ws();
    if p.peek().is_none() {
        return Err(JsonError::Empty);
    }
    let value = p.value(0)?;
    p.skip_ws();
    if p.peek().is_some() {
        return Err(JsonError::Syntax);
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek();
        if b.is_some() {
            self.pos += 1;
        }
        b
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &[u8]) -> Result<(), JsonError> {
        for &w in word {
            if self.next() != Some(w) {
                return Err(JsonError::Syntax);
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_word(b"true").map(|_| Json::Bool(true)),
            Some(b'f') => self.expect_word(b"false").map(|_| Json::Bool(false)),
            Some(b'n') => self.expect_word(b"null").map(|_| Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(JsonError::Syntax),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1; // '{'
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(JsonError::Syntax);
            }
            let key = self.string()?;
            self.skip_ws();
            if self.next() != Some(b':') {
                return Err(JsonError::Syntax);
            }
            self.skip_ws();
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_ws();
            match self.next() {
                Some(b',') => continue,
                Some(b'}') => return Ok(Json::Object(members)),
                _ => return Err(JsonError::Syntax),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.next() {
                Some(b',') => continue,
                Some(b']') => return Ok(Json::Array(items)),
                _ => return Err(JsonError::Syntax),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(JsonError::Syntax),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(JsonError::Syntax);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(JsonError::Syntax);
            }
        }
        let text = self.bytes.get(start..self.pos).ok_or(JsonError::Syntax)?;
        // Only ASCII digits and signs were consumed, so this is valid UTF-8.
        let text = core::str::from_utf8(text).map_err(|_| JsonError::Syntax)?;
        Ok(Json::Number(text.to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.next() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(JsonError::Syntax),
            };
            v = v * 16 + u32::from(d);
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // '"'
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.next() {
                None => return Err(JsonError::Syntax),
                Some(b'"') => break,
                Some(b'\\') => {
                    let c = match self.next() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(JsonError::Syntax),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                Some(b) if b < 0x20 => return Err(JsonError::Syntax),
                Some(b) => out.push(b),
            }
        }
        // The input is a &str, and escapes were encoded as UTF-8, so this holds.
        String::from_utf8(out).map_err(|_| JsonError::Syntax)
    }

    /// After `\u`: one code point, joining a surrogate pair. A lone surrogate
    /// becomes U+FFFD, as `JSON.parse` keeps it but Rust strings cannot.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) {
            let save = self.pos;
            if self.next() == Some(b'\\') && self.next() == Some(b'u') {
                let second = self.hex4()?;
                if (0xDC00..0xE000).contains(&second) {
                    let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    return Ok(char::from_u32(c).unwrap_or('\u{fffd}'));
                }
            }
            self.pos = save;
            return Ok('\u{fffd}');
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_documented_bodies() {
        let v = parse(r#"{"code":0,"data":{"clusterId":"in01-x","prompt":"ok"}}"#).unwrap();
        assert_eq!(v.get("code").and_then(Json::as_i64), Some(0));
        assert_eq!(
            v.get("data")
                .and_then(|d| d.get("clusterId"))
                .and_then(Json::as_str),
            Some("in01-x")
        );
    }

    #[test]
    fn strings_unescape() {
        let v = parse(r#""a\"b\\c\/\n\u00e9\ud83d\ude00\ud800x""#).unwrap();
        assert_eq!(v, Json::String("a\"b\\c/\né😀\u{fffd}x".into()));
    }

    #[test]
    fn last_duplicate_key_wins() {
        let v = parse(r#"{"code":1,"code":0}"#).unwrap();
        assert_eq!(v.get("code").and_then(Json::as_i64), Some(0));
    }

    #[test]
    fn numbers_follow_the_grammar() {
        for ok in ["0", "-0", "12", "1.5", "-2e10", "3E+2", "4e-1"] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for bad in ["01", "+1", "1.", ".5", "1e", "-", "0x10", "NaN", "Infinity"] {
            assert_eq!(parse(bad), Err(JsonError::Syntax), "{bad}");
        }
        assert_eq!(
            parse("1.0").unwrap().as_i64(),
            Some(1),
            "as JSON.parse reads it"
        );
        assert_eq!(parse("-2e3").unwrap().as_i64(), Some(-2000));
        assert_eq!(parse("0.5").unwrap().as_i64(), None);
        assert_eq!(parse("99999999999999999999").unwrap().as_i64(), None);
    }

    #[test]
    fn refuses_broken_documents() {
        assert_eq!(parse(""), Err(JsonError::Empty));
        assert_eq!(parse("  \n"), Err(JsonError::Empty));
        for bad in [
            "{",
            "{\"code\":0",
            "{\"code\":0,",
            "[1,2",
            "\"abc",
            "{\"a\" 1}",
            "{a:1}",
            "[1,]",
            "{\"a\":1,}",
            "<html>",
            "nul",
            "truex",
            "{} {}",
            "\"\u{1}\"",
            "\"\\x\"",
            "\"\\u12\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep), Err(JsonError::TooDeep));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn bom_and_whitespace_are_allowed() {
        assert!(parse("\u{feff} {\"code\": 0}\r\n").is_ok());
    }
}
