//! One call, start to end: the core decides, the transport does the I/O.

use js_sys::Function;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use crate::core::retry::RetryHints;
use crate::core::text::push_int;
use crate::core::validate::{validate_cluster_id, RawCallOptions};
use crate::core::{
    build_drop_request, classify_drop_response, validate_call_options, ClientConfig, ErrorKind,
    RawField, ResponseHead, RetryPolicy, RetryState, ZillizError,
};
use crate::transport::{self, AttemptFailure, FailureKind, Fetcher};

pub struct Client {
    pub config: ClientConfig,
    fetcher: Fetcher,
}

impl Client {
    pub fn new(config: ClientConfig, fetch: Option<Function>) -> Self {
        Client {
            config,
            fetcher: Fetcher::new(fetch),
        }
    }

    /// Drops a cluster, retrying what is safe to retry. Resolves to the body
    /// exactly as `JSON.parse` reads it, so unknown fields are kept.
    pub async fn drop_cluster(
        &self,
        cluster_id: &RawField,
        call: &RawCallOptions,
        signal: Option<&AbortSignal>,
    ) -> Result<JsValue, ZillizError> {
        let key = self.config.api_key.expose();
        let cluster_id = validate_cluster_id(cluster_id)?;
        let settings = validate_call_options(&self.config, call)?;
        let request = build_drop_request(&self.config, &cluster_id);
        let policy = RetryPolicy {
            max_retries: settings.max_retries,
        };
        let mut state = RetryState::new();
        loop {
            if transport::is_aborted(signal) {
                return Err(state.finish(aborted()));
            }
            state.attempts += 1;
            let (error, hints) =
                match transport::send(&self.fetcher, &request, settings.timeout_ms, signal).await {
                    Ok(raw) => match classify_drop_response(&raw.head, raw.body) {
                        Ok(body) => return Ok(body),
                        Err(e) => (e, hints_of(&raw.head)),
                    },
                    Err(f) => (
                        attempt_error(&f, settings.timeout_ms),
                        RetryHints::default(),
                    ),
                };
            let error = error.scrub(key);
            if error.kind == ErrorKind::Aborted {
                return Err(state.finish(error));
            }
            let delay = policy.next_delay_ms(
                state.attempts,
                &error,
                &hints,
                transport::random(),
                transport::now_ms(),
            );
            state.record_failure(&error);
            match delay {
                None => return Err(state.finish(error)),
                Some(ms) => {
                    if transport::sleep(ms, signal).await.is_err() {
                        return Err(state.finish(aborted()));
                    }
                }
            }
        }
    }
}

fn aborted() -> ZillizError {
    ZillizError::new(ErrorKind::Aborted, "the call was aborted by its signal")
}

fn hints_of(head: &ResponseHead) -> RetryHints {
    RetryHints {
        retry_after: head.retry_after.clone(),
        retry_after_ms: head.retry_after_ms.clone(),
    }
}

fn attempt_error(f: &AttemptFailure, timeout_ms: u32) -> ZillizError {
    let mut e = match f.kind {
        FailureKind::Aborted => aborted(),
        FailureKind::Timeout => {
            let mut m = String::from("the attempt timed out after ");
            push_int(&mut m, i64::from(timeout_ms));
            m.push_str(" ms");
            if f.head.is_some() {
                m.push_str(" while reading the response body");
            }
            ZillizError::new(ErrorKind::Timeout, m)
        }
        FailureKind::Network => {
            let mut m = String::from("network error: ");
            m.push_str(&f.detail);
            if f.head.is_some() {
                m.push_str(" (while reading the response body)");
            }
            ZillizError::new(ErrorKind::Network, m)
        }
        FailureKind::TooLarge => {
            let mut e = ZillizError::new(
                ErrorKind::Decode,
                "the response body is larger than 1 MiB; a drop answer is a few hundred bytes",
            );
            e.retryable = false;
            e
        }
    };
    if let Some(head) = &f.head {
        e.status = if head.status == 0 {
            None
        } else {
            Some(head.status)
        };
        e.request_id = head.request_id.clone();
        if f.kind == FailureKind::TooLarge {
            e.retryable = false;
        }
    }
    e
}
