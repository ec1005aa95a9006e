//! One call of an endpoint, from its first attempt to its result, as a
//! state machine: the caller does the I/O and feeds each attempt's outcome
//! in; this says whether the call is done, or which wait comes before the
//! next attempt. Every endpoint runs through it; its row
//! ([`Endpoint`]) says what is sent, how a success is checked, and what an
//! unknown outcome means.
//!
//! ```text
//!  Call::start ──(invalid input)──────────────────────────► Err
//!      │
//!      ▼
//!  begin_attempt ─► send (caller) ─► read ─► after_attempt ─► Next::Done(result)
//!      ▲                                           │
//!      └──── wait event.delay_ms (caller) ◄── Next::Retry(event)
//!
//!  the caller's signal fired, before an attempt or during a wait ─► aborted()
//! ```

use super::attempt::{
    aborted_error, failed_attempt_error, read_attempt, AttemptFacts, AttemptOutcome,
};
use super::body::ParsedBody;
use super::endpoint::{Effect, Endpoint, Target};
use super::error::{ErrorKind, ZillizError};
use super::response::{classify_response, Checked};
use super::retry::{RetryEvent, RetryHints, RetryPolicy, RetryState};
use super::validate::{
    unreadable_signal_error, validate_call_options, validate_cluster_id, validate_page_number,
    ApiKey, CallSettings, ClientConfig,
};

/// What comes after an attempt.
#[derive(Debug)]
pub enum Next<D> {
    /// The call is over.
    Done(Result<D, ZillizError>),
    /// Wait `event.delay_ms`, then attempt again.
    Retry(RetryEvent),
}

/// A call in progress.
#[derive(Debug)]
pub struct Call {
    endpoint: &'static Endpoint,
    url: String,
    target: Target,
    settings: CallSettings,
    /// The key, kept to scrub every error before it leaves the call.
    key: ApiKey,
    state: RetryState,
}

impl Call {
    /// Checks the call's input (the client's was checked when it was made).
    pub fn start(
        config: &ClientConfig,
        endpoint: &'static Endpoint,
        target: Target,
        timeout_ms: Option<u32>,
        max_retries: Option<u32>,
    ) -> Result<Call, ZillizError> {
        if endpoint.per_cluster() {
            validate_cluster_id(&target.cluster_id)?;
        }
        for name in endpoint.query {
            validate_page_number(name, target.query(name))?;
        }
        let settings = validate_call_options(config, timeout_ms, max_retries)?;
        Ok(Call {
            endpoint,
            url: endpoint.url(config, &target),
            target,
            settings,
            key: config.api_key.clone(),
            state: RetryState::new(),
        })
    }

    /// The request's method.
    pub fn method(&self) -> &'static str {
        self.endpoint.method
    }

    /// Where the attempts go (the rest of the request is the client's
    /// [`RequestTemplate`](super::request::RequestTemplate)).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The per-attempt timeout.
    pub fn timeout_ms(&self) -> u32 {
        self.settings.timeout_ms
    }

    /// What the transport saw of an attempt, as the call reads it (texts
    /// cleaned of the key before they are cut).
    pub fn read<D>(&self, facts: &AttemptFacts, json: Option<D>) -> AttemptOutcome<D> {
        read_attempt(facts, json, self.key.expose())
    }

    /// Counts the attempt about to be sent.
    pub fn begin_attempt(&mut self) {
        self.state.attempts += 1;
    }

    /// Attempts sent so far.
    pub fn attempts(&self) -> u32 {
        self.state.attempts
    }

    /// Decides after an attempt. `entropy` gives a random number in `[0, 1)`
    /// (backoff jitter) and the Unix time in ms (for `Retry-After` dates);
    /// it is called only when a retry is considered.
    pub fn after_attempt<D: ParsedBody>(
        &mut self,
        outcome: AttemptOutcome<D>,
        entropy: impl FnOnce() -> (f64, f64),
    ) -> Next<Checked<D>> {
        let (error, hints) = match outcome {
            AttemptOutcome::Response { head, body } => {
                match classify_response(self.endpoint, &head, body, &self.target, self.key.expose())
                {
                    Ok(checked) => return Next::Done(Ok(checked)),
                    Err(e) => (
                        e,
                        RetryHints {
                            retry_after: head.retry_after,
                            retry_after_ms: head.retry_after_ms,
                        },
                    ),
                }
            }
            AttemptOutcome::Failed { failure, head } => (
                failed_attempt_error(&failure, head.as_ref(), self.settings.timeout_ms),
                RetryHints::default(),
            ),
        };
        let error = error.scrub(self.key.expose());
        if error.kind == ErrorKind::Aborted {
            return Next::Done(Err(self.finish(error)));
        }
        let delay = if RetryPolicy::is_retryable(&error) {
            let (random, now_ms) = entropy();
            self.policy()
                .next_delay_ms(self.state.attempts, &error, &hints, random, now_ms)
        } else {
            None
        };
        self.state.record_failure(&error);
        match delay {
            None => Next::Done(Err(self.finish(error))),
            Some(delay_ms) => {
                let mut error = error;
                error.attempts = self.state.attempts;
                Next::Retry(RetryEvent {
                    attempt: self.state.attempts,
                    max_attempts: self.settings.max_retries + 1,
                    delay_ms,
                    error,
                })
            }
        }
    }

    fn policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_retries: self.settings.max_retries,
        }
    }

    /// Stamps a final error: attempts, and `maybe_dropped` for a drop.
    fn finish(&self, error: ZillizError) -> ZillizError {
        self.state
            .finish(error, self.endpoint.effect == Effect::Drop)
    }

    /// The call's error once the caller's signal fired (before an attempt or during a wait).
    pub fn aborted(&self) -> ZillizError {
        self.finish(aborted_error())
    }

    /// The call's error when the caller's signal could not be read: a call
    /// never goes ahead when its cancellation cannot be seen.
    pub fn unreadable_signal(&self) -> ZillizError {
        self.finish(unreadable_signal_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::attempt::Failure;
    use crate::core::body::{BodyError, JsonKind};
    use crate::core::endpoint::{DESCRIBE, DROP, LIST};
    use crate::core::response::ResponseHead;
    use crate::core::validate::{validate_client_options, ClientSpec};

    /// The documented success for cluster "c", as a tiny parsed body.
    #[derive(Clone, Debug, PartialEq)]
    enum Ok0 {
        Root,
        Data,
        Zero,
        Str(&'static str),
    }
    impl ParsedBody for Ok0 {
        fn kind(&self) -> JsonKind {
            match self {
                Ok0::Root | Ok0::Data => JsonKind::Object,
                Ok0::Zero => JsonKind::Number,
                Ok0::Str(_) => JsonKind::String,
            }
        }
        fn member(&self, key: &str) -> Option<Self> {
            match (self, key) {
                (Ok0::Root, "code") => Some(Ok0::Zero),
                (Ok0::Root, "data") => Some(Ok0::Data),
                (Ok0::Data, "clusterId") => Some(Ok0::Str("c")),
                (Ok0::Data, "prompt") => Some(Ok0::Str("p")),
                _ => None,
            }
        }
        fn text(&self) -> Option<String> {
            match self {
                Ok0::Str(s) => Some((*s).into()),
                _ => None,
            }
        }
        fn number(&self) -> Option<f64> {
            (*self == Ok0::Zero).then_some(0.0)
        }
        fn elements(&self) -> Vec<Self> {
            Vec::new()
        }
    }

    const KEY: &str = "sk-call-test-key";

    fn config() -> ClientConfig {
        validate_client_options(&ClientSpec {
            api_key: Some(KEY),
            ..Default::default()
        })
        .unwrap()
    }

    fn call(max_retries: u32) -> Call {
        let config = config();
        Call::start(
            &config,
            &DROP,
            Target::cluster("c"),
            Some(100),
            Some(max_retries),
        )
        .unwrap()
    }

    fn response(status: u16, body: Result<Ok0, BodyError>) -> AttemptOutcome<Ok0> {
        AttemptOutcome::Response {
            head: ResponseHead {
                status,
                retry_after: Some("2".into()),
                request_id: Some(format!("echo {KEY}")),
                ..Default::default()
            },
            body,
        }
    }

    #[test]
    fn refuses_bad_input_before_any_request() {
        let config = config();
        for (id, t, r) in [
            ("a/b", None, None),
            ("c", Some(0), None),
            ("c", None, Some(11)),
        ] {
            let e = Call::start(&config, &DROP, Target::cluster(id), t, r).unwrap_err();
            assert_eq!((e.kind(), e.attempts()), (ErrorKind::InvalidInput, 0));
        }
    }

    #[test]
    fn retries_a_503_with_the_servers_hint_then_succeeds() {
        let mut c = call(2);
        c.begin_attempt();
        let Next::Retry(event) =
            c.after_attempt(response(503, Err(BodyError::Empty)), || (0.5, 0.0))
        else {
            panic!("a 503 is retried");
        };
        assert_eq!(
            (event.attempt, event.max_attempts, event.delay_ms),
            (1, 3, 2000)
        );
        assert_eq!(
            (
                event.error.kind(),
                event.error.status(),
                event.error.attempts()
            ),
            (ErrorKind::Server, Some(503), 1)
        );
        assert_eq!(event.error.request_id(), Some("echo [redacted]"));
        c.begin_attempt();
        assert!(matches!(
            c.after_attempt(response(200, Ok(Ok0::Root)), || (0.5, 0.0)),
            Next::Done(Ok(Checked {
                body: Ok0::Root,
                page: None
            }))
        ));
    }

    #[test]
    fn stops_when_no_retry_is_left_and_counts_attempts() {
        let mut c = call(1);
        for n in 1..=2 {
            c.begin_attempt();
            let next = c.after_attempt::<Ok0>(
                AttemptOutcome::Failed {
                    failure: Failure::TimedOut,
                    head: None,
                },
                || (0.5, 0.0),
            );
            match (n, next) {
                (1, Next::Retry(e)) => assert_eq!(e.delay_ms, 375),
                (2, Next::Done(Err(e))) => {
                    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Timeout, 2));
                }
                (n, other) => panic!("{n}: {other:?}"),
            }
        }
    }

    #[test]
    fn not_found_after_an_unknown_outcome_is_maybe_dropped() {
        let e = unknown_outcome_then_not_found(&mut call(2), Failure::Network("reset".into()));
        assert!(e.maybe_dropped() && !e.retryable());
        assert_eq!((e.kind(), e.attempts()), (ErrorKind::NotFound, 2));
    }

    /// An attempt whose outcome is unknown (retried), then a 404 that ends the call.
    fn unknown_outcome_then_not_found(c: &mut Call, failure: Failure) -> ZillizError {
        c.begin_attempt();
        let outcome = AttemptOutcome::Failed {
            failure,
            head: None,
        };
        assert!(matches!(
            c.after_attempt::<Ok0>(outcome, || (0.0, 0.0)),
            Next::Retry(_)
        ));
        c.begin_attempt();
        match c.after_attempt::<Ok0>(response(404, Err(BodyError::Empty)), || (0.0, 0.0)) {
            Next::Done(Err(e)) => e,
            other => panic!("a 404 ends the call: {other:?}"),
        }
    }

    #[test]
    fn an_abort_ends_the_call_at_once() {
        let mut c = call(5);
        c.begin_attempt();
        let Next::Done(Err(e)) = c.after_attempt::<Ok0>(
            AttemptOutcome::Failed {
                failure: Failure::Aborted,
                head: None,
            },
            || (0.0, 0.0),
        ) else {
            panic!("an abort is never retried");
        };
        assert_eq!((e.kind(), e.attempts()), (ErrorKind::Aborted, 1));
        assert_eq!(c.aborted().attempts(), 1);
    }

    #[test]
    fn a_read_retries_as_the_drop_does_but_never_says_maybe_dropped() {
        let config = config();
        let mut c = Call::start(&config, &DESCRIBE, Target::cluster("c"), None, None).unwrap();
        assert_eq!(c.method(), "GET");
        assert!(c.url().ends_with("/v2/clusters/c"), "{}", c.url());
        let e = unknown_outcome_then_not_found(&mut c, Failure::TimedOut);
        assert_eq!(
            (e.kind(), e.attempts(), e.maybe_dropped()),
            (ErrorKind::NotFound, 2, false)
        );
        assert!(!e.message().contains("dropped"), "{}", e.message());
    }

    #[test]
    fn list_pages_are_checked_before_any_request() {
        let config = config();
        let page = |size, current| Target {
            page_size: size,
            current_page: current,
            ..Target::default()
        };
        for (size, current, field) in [
            (Some(0), None, "pageSize"),
            (Some(1001), None, "pageSize"),
            (None, Some(0), "currentPage"),
            (Some(5), Some(1001), "currentPage"),
        ] {
            let e = Call::start(&config, &LIST, page(size, current), None, None).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidInput);
            assert!(e.message().starts_with(field), "{}", e.message());
        }
        let c = Call::start(&config, &LIST, page(Some(1000), Some(1)), None, None).unwrap();
        assert!(c
            .url()
            .ends_with("/v2/clusters?pageSize=1000&currentPage=1"));
        assert!(
            Call::start(&config, &LIST, Target::default(), None, None).is_ok(),
            "the list names no cluster"
        );
    }

    #[test]
    fn an_unreadable_signal_is_invalid_input() {
        let e = call(2).unreadable_signal();
        assert_eq!((e.kind(), e.attempts()), (ErrorKind::InvalidInput, 0));
        assert!(e.message().starts_with("signal"), "{}", e.message());
    }
}
