//! Drop a Zilliz Cloud cluster from any JavaScript runtime, through the
//! control plane's REST API v2 (`DELETE {base}/v2/clusters/{clusterId}/drop`)
//! and the runtime's own `fetch`, and what a drop needs around it: describe
//! and list clusters, a drop guarded by the cluster's name, a wait until a
//! dropped cluster is gone, and suspend and resume as the gentler choice.
//!
//! One code base ships twice: as the npm package `zilliz-cloud-wasm` (built
//! with the `npm` feature, which adds the `#[wasm_bindgen]` exports) and as
//! this crate, for Rust programs compiled to `wasm32-unknown-unknown` that
//! run in a JS runtime: a workers-rs Worker, a Leptos, Yew or Dioxus console.
//!
#![doc = include_str!("docs/quick-start.md")]
//!
//! Before and after a drop: look the cluster up, drop it guarded by its
//! name, wait until it is gone; and a nightly suspend for a Worker.
//!
#![doc = include_str!("docs/lifecycle.md")]
//!
//! Inside a workers-rs `#[event(fetch)]` handler, `spawn_local`,
//! `future_to_promise` or a UI framework's task, await it as any other
//! future: it waits only on JS promises, through wasm-bindgen-futures.
//!
//! Layers, so that every decision is testable without a JavaScript engine:
//! - [`core`]: pure. Validates input, builds the request as data, reads what
//!   the transport saw of an attempt, classifies responses, decides retries.
//!   An endpoint is a row of data in `core::endpoint` (method, path, query,
//!   what it does, how its success is checked): adding one is a row there
//!   and a response type in the Rust API, over the one request pipeline.
//! - `transport`: the only code that touches `fetch`, `AbortController` and
//!   timers; an attempt's mechanics are its JS snippet, one call per attempt.
//! - The Rust API ([`ZillizCloud`], [`ClientOptions`], [`CallOptions`], …)
//!   runs the core's state machine over the transport.
//! - `bindings` (feature `npm`): every `#[wasm_bindgen]` export, a thin
//!   layer over the Rust API.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod core;

/// The npm build's allocator: talc instead of std's dlmalloc, constant-time
/// alloc and free in less wasm (measured by `make bench`). wasm32 without
/// atomics runs one thread. A Rust program that uses the crate keeps its own.
#[cfg(all(
    feature = "npm",
    target_arch = "wasm32",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod api;
#[cfg(feature = "npm")]
mod bindings;
mod js_error;
mod transport;

pub use api::{
    CallOptions, ClientOptions, ClusterActionData, ClusterActionResponse, ClusterInfo, ClusterPage,
    DropClusterData, DropClusterResponse, ListOptions, WaitOptions, ZillizCloud,
};
pub use core::{Dropped, ErrorKind, PollEvent, Region, RetryEvent, StatusReached, ZillizError};
