//! The builders a Rust caller configures a client and its calls with. Nothing is
//! checked here: [`ZillizCloud::new`](crate::ZillizCloud::new) checks the
//! client options and each call checks its own, as the JS API does.

use std::rc::Rc;

use js_sys::Function;
use web_sys::AbortSignal;

use crate::core::{PollEvent, Region, RetryEvent};

/// A hook called before each wait between attempts.
pub(crate) type RetryHook = Rc<dyn Fn(&RetryEvent)>;
/// A hook called before each wait between two describes of a waiter.
pub(crate) type PollHook = Rc<dyn Fn(&PollEvent)>;

/// How a [`ZillizCloud`](crate::ZillizCloud) client talks to the control plane.
///
/// Its `Debug` never shows the key.
#[derive(Clone)]
pub struct ClientOptions {
    pub(crate) api_key: Option<String>,
    pub(crate) region: Region,
    pub(crate) base_url: Option<String>,
    pub(crate) timeout_ms: Option<u32>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) fetch: Option<Function>,
    pub(crate) on_retry: Option<RetryHook>,
    pub(crate) protect: Option<Vec<String>>,
}

impl ClientOptions {
    /// Options with this API key (sent only as `Authorization: Bearer …`),
    /// region [`Region::Global`], a 65 s timeout per attempt and 2 retries.
    pub fn new(api_key: impl Into<String>) -> Self {
        ClientOptions {
            api_key: Some(api_key.into()),
            region: Region::Global,
            base_url: None,
            timeout_ms: None,
            max_retries: None,
            fetch: None,
            on_retry: None,
            protect: None,
        }
    }

    /// Refuses drops of the clusters whose name or ID matches one of these
    /// patterns (`*` stands for any run of characters, the rest for itself,
    /// case included), with [`ErrorKind::Protected`](crate::ErrorKind::Protected):
    /// with no request when the ID matches, after one describe when the
    /// name does. 1 to 100 patterns of 1 to 256 characters, no control
    /// character; checked by [`ZillizCloud::new`](crate::ZillizCloud::new).
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn protect(mut self, patterns: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.protect = Some(patterns.into_iter().map(Into::into).collect());
        self
    }

    /// Options for a client behind a proxy that holds the key: it sends
    /// requests to `base_url` with no `Authorization` header at all, and the
    /// proxy adds its own. Everything else works as with a key.
    pub fn via_proxy(base_url: impl Into<String>) -> Self {
        let mut options = ClientOptions::new(String::new()).base_url(base_url);
        options.api_key = None;
        options
    }

    /// The region whose control plane to call (ignored when a base URL is set).
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// An http(s) URL to call instead of the region's (a proxy, a mock); it
    /// may carry a path prefix, and a trailing `/` is ignored.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The time each attempt may take, from the request to the last byte of
    /// the body: 1 to 600,000 ms.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = Some(timeout_ms);
        self
    }

    /// Retries of network errors, timeouts, 408, 429, 500, 502, 503 and 504:
    /// 0 to 10.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// A `fetch` to call instead of the runtime's global one; it is called
    /// unbound (`this` is `undefined`).
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn fetch(mut self, fetch: Function) -> Self {
        self.fetch = Some(fetch);
        self
    }

    /// Called before each wait between attempts. It runs inside the call, in
    /// wasm: it must not panic (a panic aborts the module, it cannot be caught).
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + 'static) -> Self {
        self.on_retry = Some(Rc::new(hook));
        self
    }
}

impl core::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ClientOptions")
            .field(
                "api_key",
                &if self.api_key.is_some() {
                    "[redacted]"
                } else {
                    "none (via a proxy)"
                },
            )
            .field("region", &self.region)
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("fetch", &self.fetch.as_ref().map(|_| "custom"))
            .field("on_retry", &self.on_retry.as_ref().map(|_| "set"))
            .field("protect", &self.protect)
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
    pub(crate) expect_name: Option<String>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Aborting it ends the call with [`ErrorKind::Aborted`](crate::ErrorKind::Aborted),
    /// also during a wait between retries.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn signal(mut self, signal: AbortSignal) -> Self {
        self.signal = Some(signal);
        self
    }

    /// This call's time per attempt: 1 to 600,000 ms.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
        self.timeout_ms = Some(timeout_ms);
        self
    }

    /// This call's retries: 0 to 10.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Replaces the client's hook for this call; it must not panic.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + 'static) -> Self {
        self.on_retry = Some(Rc::new(hook));
        self
    }

    /// Guards a drop: it first describes the cluster and sends the DELETE
    /// only if its name is exactly this; otherwise it fails with
    /// [`ErrorKind::Precondition`](crate::ErrorKind::Precondition) and sends
    /// nothing more. Ignored by every call but the drop.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn expect_name(mut self, name: impl Into<String>) -> Self {
        self.expect_name = Some(name.into());
        self
    }
}

/// The call options' builders on a type that holds them in `call`.
macro_rules! call_option_builders {
    ($type:ty) => {
        impl $type {
            /// Aborting it ends the call with
            /// [`ErrorKind::Aborted`](crate::ErrorKind::Aborted), also during a wait.
            #[must_use = "a builder does nothing until it is passed to a call"]
            pub fn signal(mut self, signal: AbortSignal) -> Self {
                self.call = self.call.signal(signal);
                self
            }

            /// The time per attempt: 1 to 600,000 ms.
            #[must_use = "a builder does nothing until it is passed to a call"]
            pub fn timeout_ms(mut self, timeout_ms: u32) -> Self {
                self.call = self.call.timeout_ms(timeout_ms);
                self
            }

            /// Retries of each request: 0 to 10.
            #[must_use = "a builder does nothing until it is passed to a call"]
            pub fn max_retries(mut self, max_retries: u32) -> Self {
                self.call = self.call.max_retries(max_retries);
                self
            }

            /// Replaces the client's retry hook; it must not panic.
            #[must_use = "a builder does nothing until it is passed to a call"]
            pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + 'static) -> Self {
                self.call = self.call.on_retry(hook);
                self
            }
        }
    };
}

/// Options of a list call: one page, and the call options.
#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    pub(crate) call: CallOptions,
    pub(crate) page_size: Option<u32>,
    pub(crate) current_page: Option<u32>,
}

impl ListOptions {
    /// The server's default page.
    pub fn new() -> Self {
        Self::default()
    }

    /// Clusters per page: 1 to 1,000 (sent only when given).
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// The page, from 1 to 1,000 (sent only when given).
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn current_page(mut self, current_page: u32) -> Self {
        self.current_page = Some(current_page);
        self
    }
}

call_option_builders!(ListOptions);

/// Options of a wait ([`wait_until_dropped`](crate::ZillizCloud::wait_until_dropped),
/// [`wait_until_suspended`](crate::ZillizCloud::wait_until_suspended),
/// [`wait_until_running`](crate::ZillizCloud::wait_until_running)): the longest wait, a hook per describe, and the options of each describe.
#[derive(Clone, Default)]
pub struct WaitOptions {
    pub(crate) call: CallOptions,
    pub(crate) max_wait_ms: Option<u32>,
    pub(crate) on_poll: Option<PollHook>,
}

impl WaitOptions {
    /// Waits up to 15 minutes.
    pub fn new() -> Self {
        Self::default()
    }

    /// The longest wait: 1 to 86,400,000 ms (default 900,000). The wait
    /// fails with [`ErrorKind::Timeout`](crate::ErrorKind::Timeout) when its
    /// next describe would come later than this after the start.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn max_wait_ms(mut self, max_wait_ms: u32) -> Self {
        self.max_wait_ms = Some(max_wait_ms);
        self
    }

    /// Called after each describe that did not end the wait, before the
    /// wait that follows; it must not panic.
    #[must_use = "a builder does nothing until it is passed to a call"]
    pub fn on_poll(mut self, hook: impl Fn(&PollEvent) + 'static) -> Self {
        self.on_poll = Some(Rc::new(hook));
        self
    }
}

call_option_builders!(WaitOptions);

impl core::fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WaitOptions")
            .field("call", &self.call)
            .field("max_wait_ms", &self.max_wait_ms)
            .field("on_poll", &self.on_poll.as_ref().map(|_| "set"))
            .finish()
    }
}

impl core::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CallOptions")
            .field("signal", &self.signal.as_ref().map(|_| "set"))
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("on_retry", &self.on_retry.as_ref().map(|_| "set"))
            .field("expect_name", &self.expect_name)
            .finish()
    }
}
