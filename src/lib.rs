//! Drop a Zilliz Cloud cluster from any JavaScript runtime.
//!
//! Three layers, so that the logic is testable without a JavaScript engine:
//! - [`core`]: pure. Validates input, builds the request as data, parses a
//!   response from status, headers and body text, decides retries.
//! - `transport`: the only code that touches `fetch`, `AbortController` and
//!   timers; the mechanics of an attempt are its JS snippet, one call per attempt.
//! - `bindings`: every `#[wasm_bindgen]` export and the one conversion to the JS `ZillizError`.
//!
//! `client` runs a call: core decisions, transport I/O. `task` runs the
//! call's future without an executor: every await is a JS promise.
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

/// wasm32-unknown-unknown without atomics runs on one thread, so the
/// single-threaded free-list allocator is sound here.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: this module is never shared between threads (no atomics in the build).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

mod bindings;
mod client;
mod task;
mod transport;
