//! When to try again, and how long to wait first.
//!
//! A drop is destructive, so retries (one policy for every endpoint) are
//! limited to answers that say the request was not carried out (408, 429)
//! or whose outcome is unknown (network failure, timeout, 500/502/503/504). When a retry then finds the
//! cluster gone, the earlier attempt probably dropped it: `RetryState` says so
//! (for the drop only: no other endpoint drops anything).

use super::error::{ErrorKind, ZillizError};
use super::http_date::parse_http_date_ms;
use super::text::{find_byte, split_once_byte};

/// The first backoff (before jitter).
pub const BASE_DELAY_MS: u32 = 500;
/// Backoff never waits longer than this.
pub const MAX_BACKOFF_MS: u32 = 8_000;
/// A server's `Retry-After` is honoured up to this.
pub const MAX_RETRY_AFTER_MS: u32 = 60_000;

/// 408, 429, 500, 502, 503, 504: not carried out, or outcome unknown.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// The server's hints, as raw header values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetryHints {
    /// `Retry-After`: seconds or an HTTP date.
    pub retry_after: Option<String>,
    /// `retry-after-ms`: milliseconds.
    pub retry_after_ms: Option<String>,
}

/// What a retry is about to do, handed to an `on_retry` hook before each
/// wait between attempts. Never holds the key.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub struct RetryEvent {
    /// The attempt that just failed (1 = the first).
    pub attempt: u32,
    /// `max_retries + 1`.
    pub max_attempts: u32,
    /// The wait before the next attempt: backoff, or the server's `Retry-After`.
    pub delay_ms: u32,
    /// Why that attempt failed.
    pub error: ZillizError,
}

/// How many retries a call may make, and which failures they are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
}

impl RetryPolicy {
    /// Whether this failure may be retried at all, whatever the count.
    pub fn is_retryable(error: &ZillizError) -> bool {
        match error.kind {
            ErrorKind::Network | ErrorKind::Timeout => true,
            ErrorKind::Server | ErrorKind::RateLimited | ErrorKind::Api => {
                error.status.is_some_and(is_retryable_status)
            }
            _ => false,
        }
    }

    /// The wait in milliseconds before attempt `attempts_made + 1`, or `None` to stop.
    /// `random` is in `[0, 1)`; `now_ms` is the Unix time, for HTTP-date hints.
    pub fn next_delay_ms(
        &self,
        attempts_made: u32,
        error: &ZillizError,
        hints: &RetryHints,
        random: f64,
        now_ms: f64,
    ) -> Option<u32> {
        if attempts_made > self.max_retries || !Self::is_retryable(error) {
            return None;
        }
        Some(server_delay_ms(hints, now_ms).unwrap_or_else(|| backoff_ms(attempts_made, random)))
    }
}

/// Exponential backoff with equal jitter: between half and all of
/// 500 ms × 2^(n−1), capped at 8 s, where n is the retry's number.
pub fn backoff_ms(retry_number: u32, random: f64) -> u32 {
    let exp = retry_number.saturating_sub(1).min(16);
    let full = BASE_DELAY_MS.saturating_mul(1 << exp).min(MAX_BACKOFF_MS);
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let half = full / 2;
    half + (f64::from(full - half) * random) as u32
}

/// The server's requested wait: `retry-after-ms`, else `Retry-After` in
/// seconds or as an HTTP date. Garbage and negatives are ignored; the wait is
/// capped at 60 s; a date in the past means now.
pub fn server_delay_ms(hints: &RetryHints, now_ms: f64) -> Option<u32> {
    let ms = hints
        .retry_after_ms
        .as_deref()
        .and_then(parse_decimal)
        .or_else(|| {
            let value = hints.retry_after.as_deref()?.trim_ascii();
            parse_decimal(value)
                .map(|secs| secs * 1000.0)
                .or_else(|| parse_http_date_ms(value, now_ms).map(|at| (at - now_ms).max(0.0)))
        })?;
    Some(ms.min(f64::from(MAX_RETRY_AFTER_MS)).ceil() as u32)
}

/// A non-negative decimal like `2` or `1.5`, without pulling in float parsing.
fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim_ascii();
    let (int, frac) = split_once_byte(text, b'.').unwrap_or((text, ""));
    // Any number of digits: a huge value is still a number, and waits the cap.
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit())
        || (find_byte(text, b'.').is_some() && frac.is_empty())
    {
        return None;
    }
    let mut value: f64 = 0.0;
    for b in int.bytes() {
        value = value * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 0.1;
    for b in frac.bytes().take(9) {
        value += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(value)
}

/// What a call has seen so far, across its attempts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetryState {
    /// Attempts made so far.
    pub attempts: u32,
    /// Why an earlier attempt's outcome is unknown, if one's is.
    unknown_outcome: Option<&'static str>,
}

impl RetryState {
    /// No attempt yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes a failed attempt whose outcome on the server is unknown.
    pub fn record_failure(&mut self, error: &ZillizError) {
        let reason = match error.kind {
            ErrorKind::Timeout => "timed out",
            ErrorKind::Network => "failed on the network",
            ErrorKind::Server => "got a server error",
            _ => return,
        };
        self.unknown_outcome.get_or_insert(reason);
    }

    /// Stamps the final error with the attempt count and, for a drop's
    /// not-found after an unknown outcome, `maybe_dropped` and a message that says so.
    pub fn finish(&self, mut error: ZillizError, drop: bool) -> ZillizError {
        error.attempts = self.attempts;
        if let (ErrorKind::NotFound, Some(reason), true) = (error.kind, self.unknown_outcome, drop)
        {
            error.maybe_dropped = true;
            error.retryable = false;
            error.message.push_str("; an earlier attempt of this call ");
            error.message.push_str(reason);
            error.message.push_str(
                ", so the cluster was probably dropped by that attempt (check the recycle bin)",
            );
        }
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: ErrorKind, status: Option<u16>) -> ZillizError {
        let mut e = ZillizError::new(kind, "x");
        e.status = status;
        e
    }

    fn hints(after: Option<&str>, after_ms: Option<&str>) -> RetryHints {
        RetryHints {
            retry_after: after.map(Into::into),
            retry_after_ms: after_ms.map(Into::into),
        }
    }

    #[test]
    fn retries_only_what_is_safe() {
        let p = RetryPolicy { max_retries: 2 };
        let none = RetryHints::default();
        let yes = [
            err(ErrorKind::Network, None),
            err(ErrorKind::Timeout, None),
            err(ErrorKind::RateLimited, Some(429)),
            err(ErrorKind::Api, Some(408)),
            err(ErrorKind::Server, Some(500)),
            err(ErrorKind::Server, Some(502)),
            err(ErrorKind::Server, Some(503)),
            err(ErrorKind::Server, Some(504)),
        ];
        for e in &yes {
            assert!(p.next_delay_ms(1, e, &none, 0.5, 0.0).is_some(), "{e:?}");
            assert!(
                p.next_delay_ms(3, e, &none, 0.5, 0.0).is_none(),
                "count bound {e:?}"
            );
        }
        let no = [
            err(ErrorKind::Aborted, None),
            err(ErrorKind::InvalidInput, None),
            err(ErrorKind::Server, Some(501)),
            err(ErrorKind::Auth, Some(401)),
            err(ErrorKind::Permission, Some(403)),
            err(ErrorKind::NotFound, Some(404)),
            err(ErrorKind::Api, Some(400)),
            err(ErrorKind::NotFound, Some(200)),
            err(ErrorKind::Api, Some(200)),
            err(ErrorKind::Decode, Some(200)),
            err(ErrorKind::Api, Some(307)),
        ];
        for e in &no {
            assert!(p.next_delay_ms(1, e, &none, 0.5, 0.0).is_none(), "{e:?}");
        }
        assert!(RetryPolicy { max_retries: 0 }
            .next_delay_ms(1, &yes[0], &none, 0.5, 0.0)
            .is_none());
    }

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        assert_eq!((backoff_ms(1, 0.0), backoff_ms(1, 1.0)), (250, 500));
        assert_eq!((backoff_ms(2, 0.0), backoff_ms(2, 1.0)), (500, 1000));
        assert_eq!((backoff_ms(5, 0.0), backoff_ms(5, 1.0)), (4000, 8000));
        assert_eq!(backoff_ms(40, 1.0), 8000);
        assert_eq!(backoff_ms(1, f64::NAN), 375);
    }

    #[test]
    fn server_hints() {
        let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
        let d = |a, b| server_delay_ms(&hints(a, b), now);
        assert_eq!(d(Some("2"), None), Some(2000));
        assert_eq!(d(Some(" 1.5 "), None), Some(1500));
        assert_eq!(d(Some("2"), Some("250")), Some(250));
        assert_eq!(d(None, Some("12.5")), Some(13));
        assert_eq!(d(Some("100000"), None), Some(60_000));
        assert_eq!(d(Some("999999999999"), None), Some(60_000));
        assert_eq!(d(Some("9999999999999"), None), Some(60_000), "13 digits");
        let (nines, ones) = ("9".repeat(400), "1".repeat(40));
        assert_eq!(d(Some(&nines), None), Some(60_000));
        assert_eq!(d(None, Some(&ones)), Some(60_000));
        assert_eq!(d(Some("Sun, 06 Nov 1994 08:49:47 GMT"), None), Some(10_000));
        assert_eq!(d(Some("Sun, 06 Nov 1994 08:00:00 GMT"), None), Some(0));
        assert_eq!(d(Some("Sat, 06 Nov 2094 08:00:00 GMT"), None), Some(60_000));
        for garbage in [
            "-1",
            "soon",
            "",
            "1e3",
            "NaN",
            "Infinity",
            "1.",
            "Sun, 32 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(d(Some(garbage), None), None, "{garbage}");
            assert_eq!(d(None, Some(garbage)), None, "{garbage}");
        }
    }

    #[test]
    fn hint_overrides_backoff() {
        let p = RetryPolicy { max_retries: 2 };
        let e = err(ErrorKind::RateLimited, Some(429));
        assert_eq!(
            p.next_delay_ms(1, &e, &hints(Some("3"), None), 0.0, 0.0),
            Some(3000)
        );
        assert_eq!(
            p.next_delay_ms(1, &e, &hints(Some("junk"), None), 0.0, 0.0),
            Some(250)
        );
    }

    #[test]
    fn maybe_dropped_only_after_unknown_outcome() {
        let nf = || err(ErrorKind::NotFound, Some(200));
        let mut s = RetryState::new();
        s.attempts = 1;
        assert!(!s.finish(nf(), true).maybe_dropped);
        s.record_failure(&err(ErrorKind::RateLimited, Some(429)));
        assert!(
            !s.finish(nf(), true).maybe_dropped,
            "a 429 was not carried out"
        );
        for unknown in [ErrorKind::Timeout, ErrorKind::Network, ErrorKind::Server] {
            let mut s = RetryState::new();
            s.record_failure(&err(unknown, Some(503)));
            s.attempts = 2;
            let e = s.finish(nf(), true);
            assert!(e.maybe_dropped && !e.retryable);
            assert_eq!(e.attempts, 2);
            assert!(e.message.contains("probably dropped"), "{}", e.message);
            assert!(
                !s.finish(err(ErrorKind::Auth, Some(401)), true)
                    .maybe_dropped
            );
            let read = s.finish(nf(), false);
            assert!(
                !read.maybe_dropped && read.message == "x",
                "only a drop may have dropped"
            );
        }
    }
}
