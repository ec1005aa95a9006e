//! The sans-IO core: everything that decides, nothing that waits.
//!
//! Scope: the control plane's endpoints as data ([`endpoint`]: drop,
//! describe, list, suspend, resume), and one call of any of them from the
//! options a caller gives to its result: it validates input, builds the
//! request as data, reads what the transport saw of an attempt, classifies
//! responses, decides retries and stamps the final error. Around the calls:
//! the drop's guards (protection and the expected name), the walk over list
//! pages, and the waits until a cluster is gone, suspended or running. No I/O, no clocks, no randomness: callers
//! pass `now_ms` and a random number in. The transport (fetch, timers, the
//! abort controller) and the JS bindings live outside it.

pub mod attempt;
pub mod base_url;
pub mod body;
pub mod call;
pub mod cluster;
pub mod endpoint;
pub mod error;
pub mod guard;
pub mod http_date;
pub mod pages;
pub mod protect;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod validate;
pub mod wait;

pub use attempt::{read_attempt, AttemptFacts, AttemptOutcome, Failure};
pub use body::{BodyError, JsonKind, ParsedBody};
pub use call::{Call, Next};
pub use endpoint::{Effect, Endpoint, Success, Target, DESCRIBE, DROP, LIST, RESUME, SUSPEND};
pub use error::{ErrorKind, ZillizError};
pub use guard::DropGuard;
pub use protect::Protection;
pub use request::{request_template, RequestTemplate};
pub use response::{classify_response, Checked, PageInfo, ResponseHead};
pub use retry::{RetryEvent, RetryPolicy, RetryState};
pub use validate::{validate_client_options, ClientConfig, ClientSpec, RawField, Region};
pub use wait::{
    Dropped, PollEvent, Seen, StatusReached, WaitEnd, WaitFor, WaitStep, Waiter, UNTIL_DROPPED,
    UNTIL_RUNNING, UNTIL_SUSPENDED,
};
