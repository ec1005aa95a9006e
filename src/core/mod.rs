//! The sans-IO core: everything that decides, nothing that waits.
//!
//! Scope: one endpoint, `DELETE {base}/v2/clusters/{clusterId}/drop`, from
//! the options a caller gives to the result of the call. It validates input,
//! builds the request as data, reads what the transport saw of an attempt,
//! classifies responses, decides retries and stamps the final error. No I/O,
//! no clocks, no randomness: callers pass `now_ms` and a random number in.
//! The transport (fetch, timers, the abort controller) and the JS bindings
//! live outside it.

pub mod attempt;
pub mod base_url;
pub mod body;
pub mod call;
pub mod error;
pub mod http_date;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod validate;

pub use attempt::{read_attempt, AttemptFacts, AttemptOutcome, Failure};
pub use body::{BodyError, JsonKind, ParsedBody};
pub use call::{DropCall, Next};
pub use error::{ErrorKind, ZillizError};
pub use request::{drop_url, request_template, RedirectPolicy, RequestTemplate};
pub use response::{classify_drop_response, ResponseHead};
pub use retry::{RetryEvent, RetryPolicy, RetryState};
pub use validate::{validate_client_options, ClientConfig, ClientSpec, RawField, Region};
