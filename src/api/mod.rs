//! The Rust API: what a Rust program compiled to wasm32 calls.

mod client;
mod options;
mod response;

#[cfg(feature = "npm")]
pub(crate) use client::Answer;
pub use client::ZillizCloud;
pub use options::{CallOptions, ClientOptions, ListOptions, WaitOptions};
#[cfg(feature = "npm")]
pub(crate) use options::{PollHook, RetryHook};
pub use response::{
    ClusterActionData, ClusterActionResponse, ClusterInfo, ClusterPage, DropClusterData,
    DropClusterResponse,
};
