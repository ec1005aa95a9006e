//! Faults: scripted misbehaviour queued by tests, consumed FIFO by drop
//! requests. They stand for a gateway in front of the real API, so they skip
//! rate limiting, auth and cluster logic.

use std::collections::{BTreeMap, VecDeque};

use hyper::header::{HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};

/// Largest `huge_body` size accepted (1 GiB).
pub const MAX_HUGE_BYTES: u64 = 1 << 30;
/// `huge_body` size when `bytes` is not given (2 MiB).
pub const DEFAULT_HUGE_BYTES: u64 = 2 * 1024 * 1024;
/// Longest accepted `delayMs` (10 minutes).
pub const MAX_DELAY_MS: u64 = 600_000;

/// Canned misbehaviours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Close the connection abruptly, no response at all.
    Reset,
    /// An nginx-like HTML error page.
    Html,
    /// A JSON body cut off mid-way (with a correct Content-Length).
    TruncatedJson,
    /// Headers, then a body that never completes.
    StallBody,
    /// Headers, part of the body, then an abrupt close.
    ResetMidBody,
    /// A very large body.
    HugeBody,
    /// No body and no content type.
    Empty,
}

impl Action {
    /// The name used in JSON and in the request log.
    pub fn name(self) -> &'static str {
        match self {
            Action::Reset => "reset",
            Action::Html => "html",
            Action::TruncatedJson => "truncated_json",
            Action::StallBody => "stall_body",
            Action::ResetMidBody => "reset_mid_body",
            Action::HugeBody => "huge_body",
            Action::Empty => "empty",
        }
    }
}

/// One queued fault, as posted to `/__mock/faults`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Fault {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// Remaining uses; shown decremented in `GET /__mock/faults`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

impl Fault {
    /// Rejects combinations that cannot be honoured, so a typo in a test
    /// fails loudly at queue time instead of silently doing something else.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(s) = self.status {
            if !(200..=599).contains(&s) {
                return Err(format!("status must be within 200..=599, got {s}"));
            }
        }
        if self.body.is_some() && self.json.is_some() {
            return Err("give either body or json, not both".to_string());
        }
        if let Some(a) = self.action {
            if self.body.is_some() || self.json.is_some() {
                return Err(format!("action {} defines its own body", a.name()));
            }
        }
        if let Some(b) = self.bytes {
            if self.action != Some(Action::HugeBody) {
                return Err("bytes is only used with action huge_body".to_string());
            }
            if b > MAX_HUGE_BYTES {
                return Err(format!("bytes must be at most {MAX_HUGE_BYTES}"));
            }
        }
        if self.delay_ms.is_some_and(|d| d > MAX_DELAY_MS) {
            return Err(format!("delayMs must be at most {MAX_DELAY_MS}"));
        }
        if self.count == Some(0) {
            return Err("count must be at least 1".to_string());
        }
        for (name, value) in self.headers.iter().flatten() {
            HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("invalid header name: {name:?}"))?;
            HeaderValue::from_str(value)
                .map_err(|_| format!("invalid value for header {name:?}"))?;
        }
        Ok(())
    }

    /// True when the fault decides the answer itself; otherwise it only adds
    /// a delay and/or headers to the normal answer.
    pub fn answers_itself(&self) -> bool {
        self.action.is_some() || self.status.is_some() || self.body.is_some() || self.json.is_some()
    }

    /// The label recorded in the request log.
    pub fn label(&self) -> &'static str {
        match self.action {
            Some(a) => a.name(),
            None if self.answers_itself() => "response",
            None if self.delay_ms.is_some() => "delay",
            None => "headers",
        }
    }
}

/// Parses one fault object or an array of them, validating each.
pub fn parse_faults(bytes: &[u8]) -> Result<Vec<Fault>, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("invalid JSON: {e}"))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        obj @ serde_json::Value::Object(_) => vec![obj],
        _ => return Err("expected a fault object or an array of them".to_string()),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let f: Fault = serde_json::from_value(v).map_err(|e| format!("fault #{i}: {e}"))?;
            f.validate().map_err(|e| format!("fault #{i}: {e}"))?;
            Ok(f)
        })
        .collect()
}

/// FIFO of pending faults; a fault with `count: n` serves n requests.
#[derive(Debug, Default)]
pub struct FaultQueue {
    items: VecDeque<Fault>,
}

impl FaultQueue {
    /// Appends; returns the new queue length.
    pub fn extend(&mut self, faults: Vec<Fault>) -> usize {
        self.items.extend(faults);
        self.items.len()
    }

    /// Takes one use of the front fault.
    pub fn take(&mut self) -> Option<Fault> {
        let front = self.items.front_mut()?;
        match front.count {
            Some(n) if n > 1 => {
                front.count = Some(n - 1);
                let mut one = front.clone();
                one.count = None;
                Some(one)
            }
            _ => self.items.pop_front(),
        }
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    pub fn pending(&self) -> Vec<Fault> {
        self.items.iter().cloned().collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_object_and_array() {
        assert_eq!(parse_faults(br#"{"status":503}"#).unwrap().len(), 1);
        let v = parse_faults(br#"[{"action":"reset"},{"delayMs":5,"count":2}]"#).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v.first().unwrap().action, Some(Action::Reset));
    }

    #[test]
    fn rejects_bad_faults() {
        for bad in [
            &b"nope"[..],
            br#"42"#,
            br#"{"action":"explode"}"#,
            br#"{"delay_ms":5}"#,
            br#"{"status":42}"#,
            br#"{"body":"a","json":{}}"#,
            br#"{"count":0}"#,
            br#"{"bytes":5}"#,
            br#"{"headers":{"bad name":"x"}}"#,
        ] {
            assert!(
                parse_faults(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn count_repeats_then_pops() {
        let mut q = FaultQueue::default();
        q.extend(parse_faults(br#"[{"status":500,"count":2},{"status":502}]"#).unwrap());
        assert_eq!(q.take().unwrap().status, Some(500));
        assert_eq!(q.pending().first().unwrap().count, Some(1));
        assert_eq!(q.take().unwrap().status, Some(500));
        assert_eq!(q.take().unwrap().status, Some(502));
        assert!(q.take().is_none());
    }
}
