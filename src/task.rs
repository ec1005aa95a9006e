//! Runs a call's future without an executor.
//!
//! Every await of a call is a JS promise ([`settled`]), so nothing needs a
//! queue, a waker or a closure: `js/drive.js` resumes the future each time
//! the promise it waits on settles. This replaces wasm-bindgen-futures,
//! whose executor, queue and closures cost about 1.6 KB gzipped.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use js_sys::Promise;
use wasm_bindgen::JsValue;

thread_local! {
    /// The promise a suspended future waits on, from [`Settled`] to [`resume`].
    static AWAITED: Cell<Option<Promise>> = const { Cell::new(None) };
    /// What it settled to, from [`resume`] to [`Settled`].
    static SETTLED: Cell<Option<Result<JsValue, JsValue>>> = const { Cell::new(None) };
}

/// What the promise settles to: `Ok` fulfilled, `Err` rejected.
pub fn settled(promise: Promise) -> Settled {
    Settled {
        promise: Some(promise),
    }
}

pub struct Settled {
    promise: Option<Promise>,
}

impl Future for Settled {
    type Output = Result<JsValue, JsValue>;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        match self.promise.take() {
            Some(promise) => {
                AWAITED.set(Some(promise));
                Poll::Pending
            }
            None => Poll::Ready(SETTLED.take().unwrap_or(Err(JsValue::UNDEFINED))),
        }
    }
}

pub type CallFuture = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// Where a call stands after [`resume`].
pub enum Step {
    /// Suspended until this promise settles.
    Wait(Promise),
    /// Ended: its value, or its error.
    Done(Result<JsValue, JsValue>),
}

/// Runs `future` up to its next await, handing it what the last one settled to.
///
/// Safe against re-entry (an injected `fetch` may start another call): the
/// hand-offs happen with no JS in between.
pub fn resume(future: &mut CallFuture, last: Result<JsValue, JsValue>) -> Step {
    SETTLED.set(Some(last));
    let poll = future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()));
    SETTLED.set(None);
    match (poll, AWAITED.take()) {
        (Poll::Ready(output), _) => Step::Done(output),
        (Poll::Pending, Some(promise)) => Step::Wait(promise),
        // Only `Settled` suspends, and it always leaves a promise: not reached.
        (Poll::Pending, None) => Step::Done(Err(js_sys::Error::new(
            "zilliz-cloud-wasm: a call was suspended with nothing to wait on",
        )
        .into())),
    }
}
