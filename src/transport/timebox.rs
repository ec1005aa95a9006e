//! A deadline and the caller's signal as one promise, cleaned up on drop.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fired {
    No,
    Timer,
    Abort,
}

/// A deadline and the caller's signal, as one promise to race against.
/// Dropping it clears the timer and removes the listener (RAII), so nothing
/// outlives the attempt and nothing keeps a Node process alive.
pub(super) struct Timebox {
    promise: Promise,
    marker: JsValue,
    fired: Rc<Cell<Fired>>,
    timer: JsValue,
    signal: Option<AbortSignal>,
    /// Kept alive until the timer is cleared in `drop`.
    _on_timer: Closure<dyn FnMut()>,
    on_abort: Closure<dyn FnMut()>,
}

impl Timebox {
    /// Fires after `ms` or when `signal` aborts, whichever is first; either
    /// way `controller` (the request's own) is aborted too.
    pub(super) fn start(
        ms: u32,
        signal: Option<&AbortSignal>,
        controller: Option<&AbortController>,
    ) -> Timebox {
        let fired = Rc::new(Cell::new(Fired::No));
        let marker: JsValue = Object::new().into();
        let resolve_slot: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
        let slot = resolve_slot.clone();
        let promise = Promise::new(&mut |resolve, _reject| {
            *slot.borrow_mut() = Some(resolve);
        });
        let make = |what: Fired| {
            let fired = fired.clone();
            let slot = resolve_slot.clone();
            let marker = marker.clone();
            let controller = controller.cloned();
            Closure::<dyn FnMut()>::new(move || {
                if fired.get() == Fired::No {
                    fired.set(what);
                }
                // Resolve before aborting, so that the race settles on the marker
                // rather than on the AbortError that abort() causes.
                if let Some(resolve) = slot.borrow().as_ref() {
                    let _ = resolve.call1(&JsValue::UNDEFINED, &marker);
                }
                if let Some(c) = &controller {
                    c.abort();
                }
            })
        };
        let on_timer = make(Fired::Timer);
        let on_abort = make(Fired::Abort);
        let timer = set_timeout(on_timer.as_ref().unchecked_ref(), f64::from(ms));
        if let Some(s) = signal {
            let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
        Timebox {
            promise,
            marker,
            fired,
            timer,
            signal: signal.cloned(),
            _on_timer: on_timer,
            on_abort,
        }
    }

    /// Awaits `work` unless the box fires first.
    pub(super) async fn race(&self, work: &JsValue) -> Result<JsValue, Result<Fired, JsValue>> {
        let both = Array::of2(work, &self.promise);
        match JsFuture::from(Promise::race(&both)).await {
            Ok(v) if v == self.marker => Err(Ok(self.fired.get())),
            Ok(v) => Ok(v),
            // A rejection caused by our own abort is the timeout or the caller's abort.
            Err(_) if self.fired.get() != Fired::No => Err(Ok(self.fired.get())),
            Err(e) => Err(Err(e)),
        }
    }

    pub(super) async fn wait(&self) -> Fired {
        let _ = JsFuture::from(self.promise.clone()).await;
        self.fired.get()
    }
}

impl Drop for Timebox {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(s) = &self.signal {
            let _ = s.remove_event_listener_with_callback(
                "abort",
                self.on_abort.as_ref().unchecked_ref(),
            );
        }
    }
}
