//! The builders a Rust caller configures a client and a call with. Nothing is
//! checked here: [`ZillizCloud::new`](crate::ZillizCloud::new) checks the
//! client options and each call checks its own, as the JS API does.

use std::rc::Rc;

use js_sys::Function;
use web_sys::AbortSignal;

use crate::core::{Region, RetryEvent};

/// A hook called before each wait between attempts.
pub(crate) type RetryHook = Rc<dyn Fn(&RetryEvent)>;

/// How a [`ZillizCloud`](crate::ZillizCloud) client talks to the control plane.
///
/// Its `Debug` never shows the key.
#[derive(Clone)]
pub struct ClientOptions {
    pub(crate) api_key: String,
    pub(crate) region: Region,
    pub(crate) base_url: Option<String>,
    pub(crate) timeout_ms: Option<u32>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) fetch: Option<Function>,
    pub(crate) on_retry: Option<RetryHook>,
}

impl ClientOptions {
    /// Options with this API key (sent only as `Authorization: Bearer …`),
    /// region [`Region::Global`], a 65 s timeout per attempt and 2 retries.
    pub fn new(api_key: impl Into<String>) -> Self {
        ClientOptions {
            api_key: api_key.into(),
            region: Region::Global,
            base_url: None,
            timeout_ms: None,
            max_retries: None,
            fetch: None,
            on_retry: None,
        }
    }

    /// The region whose control plane to call (ignored when a base URL is set).
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// An http(s) URL to call instead of the region's (a proxy, a mock); it
    /// may carry a path prefix, and a trailing `/` is ignored.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The time each attempt may take, from the request to the last byte of
    /// the body: 1 to 600,000 ms.
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = Some(timeout_ms);
        self
    }

    /// Retries of network errors, timeouts, 408, 429, 500, 502, 503 and 504:
    /// 0 to 10.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// A `fetch` to call instead of the runtime's global one; it is called
    /// unbound (`this` is `undefined`).
    pub fn fetch(mut self, fetch: Function) -> Self {
        self.fetch = Some(fetch);
        self
    }

    /// Called before each wait between attempts. It runs inside the call, in
    /// wasm: it must not panic (a panic aborts the module, it cannot be caught).
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + 'static) -> Self {
        self.on_retry = Some(Rc::new(hook));
        self
    }
}

impl core::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ClientOptions")
            .field("api_key", &"[redacted]")
            .field("region", &self.region)
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("fetch", &self.fetch.as_ref().map(|_| "custom"))
            .field("on_retry", &self.on_retry.as_ref().map(|_| "set"))
            .finish()
    }
}

/// Options of one call, overriding the client's.
#[derive(Clone, Default)]
pub struct CallOptions {
    pub(crate) signal: Option<AbortSignal>,
    pub(crate) timeout_ms: Option<u32>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) on_retry: Option<RetryHook>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Aborting it ends the call with [`ErrorKind::Aborted`](crate::ErrorKind::Aborted),
    /// also during a wait between retries.
    pub fn signal(mut self, signal: AbortSignal) -> Self {
        self.signal = Some(signal);
        self
    }

    /// This call's time per attempt: 1 to 600,000 ms.
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = Some(timeout_ms);
        self
    }

    /// This call's retries: 0 to 10.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Replaces the client's hook for this call; it must not panic.
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + 'static) -> Self {
        self.on_retry = Some(Rc::new(hook));
        self
    }
}

impl core::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CallOptions")
            .field("signal", &self.signal.as_ref().map(|_| "set"))
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("on_retry", &self.on_retry.as_ref().map(|_| "set"))
            .finish()
    }
}
