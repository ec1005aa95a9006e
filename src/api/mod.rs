//! The Rust API: what a Rust program compiled to wasm32 calls.

mod client;
mod options;
mod response;

pub use client::ZillizCloud;
pub use options::{CallOptions, ClientOptions};
pub use response::{DropClusterData, DropClusterResponse};
