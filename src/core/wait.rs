//! Waiting until a cluster gets somewhere (gone, suspended, running):
//! describes (each a read with its own retries, through the one request
//! pipeline) and waits between them. One waiter: what ends a wait, and what
//! fails it at once, is a row of data ([`WaitFor`]), as AWS's waiters read
//! their acceptors. The schedule and every decision are here; the Rust API
//! runs the loop over the transport's sleep.

use super::attempt::aborted_error;
use super::error::{ErrorKind, ZillizError};
use super::text::{clean_text, push_int};
use super::validate::{validate_cluster_id, validate_max_wait_ms, ApiKey, ClientConfig};

/// The first wait between two describes.
pub const FIRST_POLL_MS: u32 = 1_000;
/// The longest wait between two describes.
pub const MAX_POLL_MS: u32 = 30_000;
/// How long a wait may last when `maxWaitMs` is not given: 15 minutes.
pub const DEFAULT_MAX_WAIT_MS: u32 = 900_000;
/// A status is cut to this length in events and messages.
const MAX_STATUS_BYTES: usize = 64;

/// The wait after the `polls`-th describe: 1, 2, 4, 8, 16, then 30 s each,
/// so that one waiter never describes more than once a second.
pub fn poll_delay_ms(polls: u32) -> u32 {
    let exp = polls.saturating_sub(1).min(5);
    FIRST_POLL_MS.saturating_mul(1 << exp).min(MAX_POLL_MS)
}

/// What a wait is for: which statuses end it, which fail it at once (the
/// cluster can never get there), and what a not-found means: the end of a
/// drop's wait, and for the others the describe's own `not_found` error. Any other
/// status means wait and describe again.
#[derive(Debug, PartialEq, Eq)]
pub struct WaitFor {
    /// For messages: "gone", "SUSPENDED", "RUNNING".
    pub goal: &'static str,
    /// The statuses that end the wait.
    pub done: &'static [&'static str],
    /// The statuses that fail it at once, with kind `precondition`.
    pub fail: &'static [&'static str],
    /// Whether Describe's not found ends the wait; if not, the describe's own
    /// `not_found` error ends it, as any other describe's error does.
    pub done_when_not_found: bool,
}

/// `wait_until_dropped`: not found, or `DELETED`.
pub const UNTIL_DROPPED: WaitFor = WaitFor {
    goal: "gone",
    done: &["DELETED"],
    fail: &[],
    done_when_not_found: true,
};

/// `wait_until_suspended`: `SUSPENDED`, or `STOPPED` as some answers say.
pub const UNTIL_SUSPENDED: WaitFor = WaitFor {
    goal: "SUSPENDED",
    done: &["SUSPENDED", "STOPPED"],
    fail: &["DELETING", "DELETED"],
    done_when_not_found: false,
};

/// `wait_until_running`.
pub const UNTIL_RUNNING: WaitFor = WaitFor {
    goal: "RUNNING",
    done: &["RUNNING"],
    fail: &["DELETING", "DELETED"],
    done_when_not_found: false,
};

/// What a describe showed of the cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen<'a> {
    /// Describe answered not found (for a wait that ends on it).
    NotFound,
    /// Describe answered a cluster with this status.
    Status(&'a str),
}

/// Whether `status` is one of `list`: one loop for every list, not a copy
/// of `contains` per caller.
fn listed(list: &[&str], status: &str) -> bool {
    for item in list {
        if *item == status {
            return true;
        }
    }
    false
}

/// Handed to `on_poll` after each describe that did not end the wait,
/// before the wait that follows.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollEvent {
    /// Describes made so far.
    pub polls: u32,
    /// Milliseconds since the wait began.
    pub elapsed_ms: u64,
    /// The status the last describe showed.
    pub status: String,
    /// The wait before the next describe.
    pub next_poll_ms: u32,
}

/// The end of a wait: what ended it, before the API names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitEnd {
    /// The cluster waited for.
    pub cluster_id: String,
    /// `"not_found"`, or the status that ended the wait.
    pub seen: String,
    /// Describes made.
    pub polls: u32,
    /// Milliseconds from the start to the describe that ended the wait.
    pub elapsed_ms: u64,
}

/// The end of `wait_until_dropped`: the cluster is gone.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The cluster waited for.
    pub cluster_id: String,
    /// What ended the wait: `"not_found"` or `"DELETED"`.
    pub seen: String,
    /// Describes made.
    pub polls: u32,
    /// Milliseconds from the start to the describe that ended the wait.
    pub elapsed_ms: u64,
}

impl From<WaitEnd> for Dropped {
    fn from(end: WaitEnd) -> Dropped {
        Dropped {
            cluster_id: end.cluster_id,
            seen: end.seen,
            polls: end.polls,
            elapsed_ms: end.elapsed_ms,
        }
    }
}

/// The end of `wait_until_suspended` or `wait_until_running`: the cluster got there.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusReached {
    /// The cluster waited for.
    pub cluster_id: String,
    /// The status that ended the wait (`SUSPENDED` or `STOPPED`; `RUNNING`).
    pub status: String,
    /// Describes made.
    pub polls: u32,
    /// Milliseconds from the start to the describe that ended the wait.
    pub elapsed_ms: u64,
}

impl From<WaitEnd> for StatusReached {
    fn from(end: WaitEnd) -> StatusReached {
        StatusReached {
            cluster_id: end.cluster_id,
            status: end.seen,
            polls: end.polls,
            elapsed_ms: end.elapsed_ms,
        }
    }
}

/// After a describe: done, or wait and describe again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitStep {
    /// The cluster got where the wait was for.
    Done(WaitEnd),
    /// Call `on_poll` with this event, wait `next_poll_ms`, describe again.
    Poll(PollEvent),
}

/// One wait, from its first describe to its end.
#[derive(Debug)]
pub struct Waiter {
    until: &'static WaitFor,
    cluster_id: String,
    max_wait_ms: u32,
    polls: u32,
    key: ApiKey,
}

impl Waiter {
    /// Checks the input before any request.
    pub fn new(
        config: &ClientConfig,
        until: &'static WaitFor,
        cluster_id: &str,
        max_wait_ms: Option<u32>,
    ) -> Result<Waiter, ZillizError> {
        validate_cluster_id(cluster_id)?;
        Ok(Waiter {
            until,
            cluster_id: cluster_id.to_owned(),
            max_wait_ms: validate_max_wait_ms(max_wait_ms)?.unwrap_or(DEFAULT_MAX_WAIT_MS),
            polls: 0,
            key: config.api_key.clone(),
        })
    }

    /// Decides after a describe, `elapsed_ms` after the start: done or
    /// failed as the row says; otherwise the next wait, unless it would end
    /// past `maxWaitMs` (then kind `timeout`, naming the last status seen).
    pub fn after_describe(
        &mut self,
        seen: Seen<'_>,
        elapsed_ms: u64,
    ) -> Result<WaitStep, ZillizError> {
        self.polls += 1;
        let status = match seen {
            Seen::NotFound => return Ok(self.done("not_found", elapsed_ms)),
            Seen::Status(s) if listed(self.until.done, s) => return Ok(self.done(s, elapsed_ms)),
            Seen::Status(s) if listed(self.until.fail, s) => return Err(self.never_there(s)),
            Seen::Status(status) => {
                clean_text(status, MAX_STATUS_BYTES, self.key.expose()).unwrap_or_default()
            }
        };
        let next_poll_ms = poll_delay_ms(self.polls);
        if elapsed_ms.saturating_add(u64::from(next_poll_ms)) > u64::from(self.max_wait_ms) {
            let mut m = String::from("cluster ");
            m.push_str(&self.cluster_id);
            m.push_str(" was still ");
            m.push_str(if status.is_empty() {
                "without a status"
            } else {
                &status
            });
            m.push_str(" after ");
            push_int(&mut m, i64::from(self.polls));
            m.push_str(" describes in ");
            push_int(&mut m, i64::try_from(elapsed_ms).unwrap_or(i64::MAX));
            m.push_str(" ms: the next would end past maxWaitMs (");
            push_int(&mut m, i64::from(self.max_wait_ms));
            m.push_str(" ms)");
            let mut e = ZillizError::new(ErrorKind::Timeout, m);
            e.retryable = true;
            e.attempts = self.polls;
            return Err(e);
        }
        Ok(WaitStep::Poll(PollEvent {
            polls: self.polls,
            elapsed_ms,
            status,
            next_poll_ms,
        }))
    }

    /// The cluster is being dropped: it can never get where the wait is for.
    fn never_there(&self, status: &str) -> ZillizError {
        let mut m = String::from("cluster ");
        m.push_str(&self.cluster_id);
        m.push_str(" is ");
        m.push_str(status);
        m.push_str(": it will never be ");
        m.push_str(self.until.goal);
        let mut e = ZillizError::new(ErrorKind::Precondition, m);
        e.attempts = self.polls;
        e
    }

    fn done(&self, seen: &str, elapsed_ms: u64) -> WaitStep {
        WaitStep::Done(WaitEnd {
            cluster_id: self.cluster_id.clone(),
            seen: seen.to_owned(),
            polls: self.polls,
            elapsed_ms,
        })
    }

    /// The wait's error once the caller's signal fired during a wait.
    pub fn aborted(&self) -> ZillizError {
        let mut e = aborted_error();
        e.attempts = self.polls;
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::{validate_client_options, ClientSpec};

    fn waiter(max_wait_ms: Option<u32>) -> Waiter {
        let config = validate_client_options(&ClientSpec {
            api_key: Some("sk-wait-test-key"),
            ..Default::default()
        })
        .unwrap();
        Waiter::new(&config, &UNTIL_DROPPED, "in01-x", max_wait_ms).unwrap()
    }

    fn status_waiter(until: &'static WaitFor) -> Waiter {
        let config = validate_client_options(&ClientSpec {
            api_key: Some("sk-wait-test-key"),
            ..Default::default()
        })
        .unwrap();
        Waiter::new(&config, until, "in01-x", None).unwrap()
    }

    fn not_found() -> Seen<'static> {
        Seen::NotFound
    }

    #[test]
    fn a_status_waiter_ends_on_its_statuses_only() {
        for (until, ends) in [
            (&UNTIL_SUSPENDED, &["SUSPENDED", "STOPPED"][..]),
            (&UNTIL_RUNNING, &["RUNNING"][..]),
        ] {
            for status in ends {
                let mut w = status_waiter(until);
                let step = w.after_describe(Seen::Status("RESUMING"), 0).unwrap();
                assert!(
                    matches!(step, WaitStep::Poll(_)),
                    "{status}: RESUMING waits"
                );
                let WaitStep::Done(end) = w.after_describe(Seen::Status(status), 1500).unwrap()
                else {
                    panic!("{status} ends the wait for {}", until.goal);
                };
                assert_eq!(
                    StatusReached::from(end),
                    StatusReached {
                        cluster_id: "in01-x".into(),
                        status: (*status).into(),
                        polls: 2,
                        elapsed_ms: 1500
                    }
                );
            }
            for other in [
                "SUSPENDING",
                "RESUMING",
                "CREATING",
                "MODIFYING",
                "",
                "running",
            ] {
                if !ends.contains(&other) {
                    let step = status_waiter(until).after_describe(Seen::Status(other), 0);
                    assert!(matches!(step, Ok(WaitStep::Poll(_))), "{other} waits");
                }
            }
        }
    }

    #[test]
    fn a_status_waiter_fails_at_once_when_the_cluster_is_going() {
        for until in [&UNTIL_SUSPENDED, &UNTIL_RUNNING] {
            for status in ["DELETING", "DELETED"] {
                let mut w = status_waiter(until);
                w.after_describe(Seen::Status("RESUMING"), 0).unwrap();
                let e = w.after_describe(Seen::Status(status), 1000).unwrap_err();
                assert_eq!(
                    (e.kind(), e.attempts(), e.retryable()),
                    (ErrorKind::Precondition, 2, false)
                );
                assert_eq!(
                    e.message(),
                    format!(
                        "cluster in01-x is {status}: it will never be {}",
                        until.goal
                    )
                );
            }
            assert!(
                !until.done_when_not_found,
                "{}: not found fails it",
                until.goal
            );
        }
    }

    #[test]
    fn the_schedule_doubles_from_one_second_to_thirty() {
        let waits: Vec<u32> = (1..=9).map(poll_delay_ms).collect();
        assert_eq!(
            waits,
            [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]
        );
        assert_eq!(poll_delay_ms(0), 1000);
        assert_eq!(poll_delay_ms(u32::MAX), 30000);
    }

    #[test]
    fn never_more_than_one_describe_a_second() {
        for polls in 0..100 {
            assert!((FIRST_POLL_MS..=MAX_POLL_MS).contains(&poll_delay_ms(polls)));
        }
    }

    #[test]
    fn ends_on_not_found_or_deleted() {
        let mut w = waiter(None);
        let step = w.after_describe(Seen::Status("DELETING"), 10).unwrap();
        assert_eq!(
            step,
            WaitStep::Poll(PollEvent {
                polls: 1,
                elapsed_ms: 10,
                status: "DELETING".into(),
                next_poll_ms: 1000
            })
        );
        let WaitStep::Poll(e) = w.after_describe(Seen::Status("RUNNING"), 1020).unwrap() else {
            panic!("RUNNING means the drop has not shown yet");
        };
        assert_eq!((e.polls, e.next_poll_ms), (2, 2000));
        let WaitStep::Done(d) = w.after_describe(Seen::Status("DELETED"), 3100).unwrap() else {
            panic!("DELETED ends the wait");
        };
        let d = Dropped::from(d);
        assert_eq!(
            (d.seen.as_str(), d.polls, d.elapsed_ms),
            ("DELETED", 3, 3100)
        );
        let mut w = waiter(None);
        let WaitStep::Done(d) = w.after_describe(not_found(), 5).unwrap() else {
            panic!("not found ends the wait");
        };
        assert_eq!(
            (d.cluster_id.as_str(), d.seen.as_str(), d.polls),
            ("in01-x", "not_found", 1)
        );
    }

    #[test]
    fn times_out_when_the_next_wait_would_end_past_max_wait() {
        let mut w = waiter(Some(3500));
        assert!(
            w.after_describe(Seen::Status("DELETING"), 0).is_ok(),
            "0 + 1000 <= 3500"
        );
        assert!(
            w.after_describe(Seen::Status("DELETING"), 1000).is_ok(),
            "1000 + 2000 <= 3500"
        );
        let e = w
            .after_describe(Seen::Status("DELETING"), 3000)
            .unwrap_err();
        assert_eq!(
            (e.kind(), e.attempts(), e.retryable()),
            (ErrorKind::Timeout, 3, true)
        );
        assert!(
            e.message().contains("in01-x") && e.message().contains("DELETING"),
            "{}",
            e.message()
        );
        let mut w = waiter(Some(1));
        assert!(
            w.after_describe(Seen::Status("RUNNING"), 0).is_err(),
            "a wait of 1 ms"
        );
        assert!(
            waiter(Some(1)).after_describe(not_found(), 0).is_ok(),
            "done before any wait"
        );
    }

    #[test]
    fn statuses_are_cleaned() {
        let mut w = waiter(None);
        let WaitStep::Poll(e) = w
            .after_describe(Seen::Status("DELETING sk-wait-test-key\n"), 0)
            .unwrap()
        else {
            panic!("a poll");
        };
        assert_eq!(e.status, "DELETING [redacted]");
    }

    #[test]
    fn bad_input_is_refused_before_any_describe() {
        let config = validate_client_options(&ClientSpec {
            api_key: Some("sk-wait-test-key"),
            ..Default::default()
        })
        .unwrap();
        for (id, max) in [("a/b", None), ("c", Some(0)), ("c", Some(86_400_001))] {
            let e = Waiter::new(&config, &UNTIL_DROPPED, id, max).unwrap_err();
            assert_eq!((e.kind(), e.attempts()), (ErrorKind::InvalidInput, 0));
        }
    }
}
