//! What one attempt came to, from the facts the transport reports.
//!
//! The transport only observes (a status arrived, the deadline fired, the
//! body passed the limit, `fetch` threw); this module decides what those
//! facts mean, so that every decision is tested natively.

use super::body::BodyError;
use super::error::{ErrorKind, ZillizError};
use super::response::{ResponseHead, MAX_BODY_BYTES};
use super::text::{clean_text, push_int, split_byte};

/// The response headers the core reads, one per line: the transport reports
/// their values in this order, one per line too.
pub const RESPONSE_HEADERS: &str = "requestid\nx-request-id\nlocation\nretry-after\nretry-after-ms";

/// Header values longer than this are cut before they reach an error.
const MAX_HEADER_BYTES: usize = 256;
/// A runtime's error text longer than this is cut.
const MAX_DETAIL_BYTES: usize = 300;

/// What the transport saw of one attempt.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AttemptFacts {
    /// The response's `status`, once the headers arrived (any number an
    /// injected fetch may give).
    pub status: Option<f64>,
    /// A browser's opaque redirect (`type: "opaqueredirect"`, status hidden).
    pub opaque_redirect: bool,
    /// The values of [`RESPONSE_HEADERS`], one per line ("" where absent).
    pub headers: String,
    /// The per-attempt deadline fired first.
    pub timed_out: bool,
    /// The caller's signal fired first.
    pub aborted: bool,
    /// The body passed the size limit (declared or while streaming).
    pub too_large: bool,
    /// `fetch` or the body threw: the runtime's words.
    pub error: Option<String>,
    /// The body was empty or whitespace.
    pub body_empty: bool,
    /// The body was not JSON.
    pub body_invalid: bool,
}

/// Why an attempt produced no response to classify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The deadline fired (before or while reading the body).
    TimedOut,
    /// The caller's signal fired.
    Aborted,
    /// No usable response: the runtime's words.
    Network(String),
    /// The body was over the limit; it was not read to the end.
    TooLarge,
}

/// One attempt, as the call sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum AttemptOutcome<D> {
    /// A whole response, its body parsed (or not).
    Response {
        /// Status and headers.
        head: ResponseHead,
        /// The parsed body.
        body: Result<D, BodyError>,
    },
    /// No response to classify.
    Failed {
        /// Why.
        failure: Failure,
        /// Set when the headers had arrived first.
        head: Option<ResponseHead>,
    },
}

/// Reads the transport's facts; `json` is the parsed body, when there was
/// one. Every text is cleaned of `secret` (the key) before it is cut.
pub fn read_attempt<D>(facts: &AttemptFacts, json: Option<D>, secret: &str) -> AttemptOutcome<D> {
    let head = facts.status.map(|status| read_head(facts, status, secret));
    let failure = if facts.aborted {
        Some(Failure::Aborted)
    } else if facts.timed_out {
        Some(Failure::TimedOut)
    } else if facts.too_large {
        Some(Failure::TooLarge)
    } else if let Some(e) = &facts.error {
        let detail =
            clean_text(e, MAX_DETAIL_BYTES, secret).unwrap_or_else(|| "fetch failed".into());
        Some(Failure::Network(detail))
    } else {
        None
    };
    match (failure, head) {
        (Some(failure), head) => AttemptOutcome::Failed { failure, head },
        (None, None) => AttemptOutcome::Failed {
            failure: Failure::Network("fetch resolved to something that is not a Response".into()),
            head: None,
        },
        (None, Some(head)) => {
            if !facts.opaque_redirect && head.status == 0 {
                return AttemptOutcome::Failed {
                    failure: Failure::Network(
                        "fetch resolved to a Response whose status is not an HTTP status".into(),
                    ),
                    head: None,
                };
            }
            let body = match json {
                Some(doc) if !facts.body_empty && !facts.body_invalid => Ok(doc),
                _ if facts.body_empty => Err(BodyError::Empty),
                _ => Err(BodyError::Syntax),
            };
            AttemptOutcome::Response { head, body }
        }
    }
}

/// Status 0 stands for a browser's opaque redirect, and for any status
/// that is not an integer from 100 to 599 (which `read_attempt` refuses).
fn read_head(facts: &AttemptFacts, status: f64, secret: &str) -> ResponseHead {
    let mut values =
        split_byte(&facts.headers, b'\n').map(|v| clean_text(v, MAX_HEADER_BYTES, secret));
    let mut next = || values.next().flatten();
    let (request_id, x_request_id) = (next(), next());
    let valid = status.fract() == 0.0 && (100.0..=599.0).contains(&status);
    ResponseHead {
        status: if valid && !facts.opaque_redirect {
            status as u16
        } else {
            0
        },
        request_id: request_id.or(x_request_id),
        location: next(),
        retry_after: next(),
        retry_after_ms: next(),
    }
}

/// The error of an attempt that produced no response to classify.
pub fn failed_attempt_error(
    failure: &Failure,
    head: Option<&ResponseHead>,
    timeout_ms: u32,
) -> ZillizError {
    let mut e = match failure {
        Failure::Aborted => aborted_error(),
        Failure::TimedOut => {
            let mut m = String::from("the attempt timed out after ");
            push_int(&mut m, i64::from(timeout_ms));
            m.push_str(" ms");
            if head.is_some() {
                m.push_str(" while reading the response body");
            }
            ZillizError::new(ErrorKind::Timeout, m)
        }
        Failure::Network(detail) => {
            let mut m = String::from("network error: ");
            m.push_str(detail);
            if head.is_some() {
                m.push_str(" (while reading the response body)");
            }
            ZillizError::new(ErrorKind::Network, m)
        }
        Failure::TooLarge => {
            let mut m = String::from("the response body is larger than ");
            push_int(&mut m, (MAX_BODY_BYTES >> 20) as i64);
            m.push_str(" MiB");
            ZillizError::new(ErrorKind::Decode, m)
        }
    };
    if let Some(head) = head {
        e.status = (head.status != 0).then_some(head.status);
        e.request_id = head.request_id.clone();
    }
    e
}

/// The caller's signal fired: before an attempt, during one, or while waiting.
pub fn aborted_error() -> ZillizError {
    ZillizError::new(ErrorKind::Aborted, "the call was aborted by its signal")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: f64) -> AttemptFacts {
        AttemptFacts {
            status: Some(status),
            headers: "req-1\n\n\n2\n".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_response_with_its_headers() {
        match read_attempt(&facts(200.0), Some(7), "") {
            AttemptOutcome::Response { head, body } => {
                assert_eq!(head.status, 200);
                assert_eq!(head.request_id.as_deref(), Some("req-1"));
                assert_eq!(head.retry_after.as_deref(), Some("2"));
                assert_eq!(head.location, None);
                assert_eq!(body, Ok(7));
            }
            other => panic!("{other:?}"),
        }
        let f = AttemptFacts {
            headers: "\nx-id\n".into(),
            ..facts(404.0)
        };
        match read_attempt::<u8>(&f, None, "") {
            AttemptOutcome::Response { head, body } => {
                assert_eq!(
                    head.request_id.as_deref(),
                    Some("x-id"),
                    "x-request-id is the fallback"
                );
                assert_eq!(body, Err(BodyError::Syntax));
            }
            other => panic!("{other:?}"),
        }
        let f = AttemptFacts {
            body_empty: true,
            ..facts(204.0)
        };
        assert!(matches!(
            read_attempt::<u8>(&f, None, ""),
            AttemptOutcome::Response {
                body: Err(BodyError::Empty),
                ..
            }
        ));
    }

    #[test]
    fn statuses_that_are_not_http_statuses_are_network_failures() {
        for status in [200.5, -1.0, 0.0, 99.0, 600.0, 1e9, f64::NAN, f64::INFINITY] {
            let outcome = read_attempt(&facts(status), Some(1), "");
            assert!(
                matches!(
                    outcome,
                    AttemptOutcome::Failed {
                        failure: Failure::Network(_),
                        head: None
                    }
                ),
                "{status}: {outcome:?}"
            );
        }
        let opaque = AttemptFacts {
            opaque_redirect: true,
            ..facts(0.0)
        };
        match read_attempt(&opaque, Some(1), "") {
            AttemptOutcome::Response { head, .. } => assert_eq!(head.status, 0),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn failures_in_order_of_precedence() {
        let all = AttemptFacts {
            aborted: true,
            timed_out: true,
            too_large: true,
            error: Some("boom".into()),
            ..facts(200.0)
        };
        let failure = |f: &AttemptFacts| match read_attempt::<u8>(f, None, "") {
            AttemptOutcome::Failed { failure, .. } => failure,
            other => panic!("{other:?}"),
        };
        assert_eq!(failure(&all), Failure::Aborted);
        let f = AttemptFacts {
            aborted: false,
            ..all.clone()
        };
        assert_eq!(failure(&f), Failure::TimedOut);
        let f = AttemptFacts {
            timed_out: false,
            ..f
        };
        assert_eq!(failure(&f), Failure::TooLarge);
        let f = AttemptFacts {
            too_large: false,
            ..f
        };
        assert_eq!(failure(&f), Failure::Network("boom".into()));
        let f = AttemptFacts {
            status: None,
            error: Some("\u{0}\r\n".into()),
            ..Default::default()
        };
        assert_eq!(failure(&f), Failure::Network("fetch failed".into()));
        assert!(matches!(
            failure(&AttemptFacts::default()),
            Failure::Network(_)
        ));
    }

    #[test]
    fn failure_errors() {
        let head = ResponseHead {
            status: 200,
            request_id: Some("r".into()),
            ..Default::default()
        };
        let e = failed_attempt_error(&Failure::TimedOut, None, 150);
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::Timeout, "the attempt timed out after 150 ms")
        );
        assert!(e.retryable());
        let e = failed_attempt_error(&Failure::TimedOut, Some(&head), 150);
        assert!(e.message().ends_with("while reading the response body"));
        assert_eq!((e.status(), e.request_id()), (Some(200), Some("r")));
        let e = failed_attempt_error(&Failure::Network("ECONNRESET".into()), None, 1);
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::Network, "network error: ECONNRESET")
        );
        assert!(e.retryable());
        let e = failed_attempt_error(&Failure::TooLarge, Some(&head), 1);
        assert_eq!(e.kind(), ErrorKind::Decode);
        assert!(!e.retryable());
        let e = failed_attempt_error(&Failure::Aborted, None, 1);
        assert_eq!(e.kind(), ErrorKind::Aborted);
        assert!(!e.retryable());
    }
}
