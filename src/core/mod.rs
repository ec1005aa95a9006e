//! The sans-IO core: everything that decides, nothing that waits.
//!
//! Scope: one endpoint, `DELETE {base}/v2/clusters/{clusterId}/drop`. No I/O,
//! no clocks, no randomness: callers pass `now_ms` and a random number in.

pub mod error;
pub mod json;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod validate;

pub use error::{ErrorKind, ZillizError};
pub use request::{build_drop_request, DropRequest};
pub use response::{classify_drop_response, parse_drop_response, DropSuccess, ResponseHead};
pub use retry::{RetryPolicy, RetryState};
pub use validate::{validate_call_options, validate_client_options, ClientConfig, RawField};
