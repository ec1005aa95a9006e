//! The client: one call runs the core's state machine over the transport.

use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::options::{CallOptions, ClientOptions, RetryHook};
use super::response::DropClusterResponse;
use crate::core::base_url::accept_serialized;
use crate::core::validate::base_url_error;
use crate::core::{
    request_template, validate_client_options, ClientConfig, ClientSpec, DropCall, Next,
    ZillizError,
};
use crate::transport::{self, Channel};

/// A client of the Zilliz Cloud control plane. Cheap to clone (the clones
/// share one configuration).
///
/// Its futures are `!Send` (wasm32 runs one thread) and wait only on JS
/// promises through wasm-bindgen-futures, so any executor on that thread
/// drives them: `spawn_local`, `future_to_promise`, a workers-rs handler, a
/// Leptos or Yew task. Dropping one before it ends aborts its request and
/// clears its timers.
#[derive(Clone)]
pub struct ZillizCloud {
    inner: Rc<Inner>,
}

struct Inner {
    config: ClientConfig,
    channel: Channel,
    custom_fetch: bool,
    on_retry: Option<RetryHook>,
}

impl ZillizCloud {
    /// Checks the options; an error is of kind
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) and names the field.
    pub fn new(options: ClientOptions) -> Result<ZillizCloud, ZillizError> {
        let mut config = validate_client_options(&ClientSpec {
            api_key: &options.api_key,
            region: options.region,
            base_url: options.base_url.as_deref(),
            timeout_ms: options.timeout_ms,
            max_retries: options.max_retries,
        })?;
        // What is sent is what the runtime's URL makes of the base URL.
        let href = transport::url_href(&config.base_url).unwrap_or_default();
        config.base_url = accept_serialized(&config.base_url, &href).map_err(base_url_error)?;
        let channel = Channel::new(options.fetch.as_ref(), &request_template(&config));
        Ok(ZillizCloud {
            inner: Rc::new(Inner {
                config,
                channel,
                custom_fetch: options.fetch.is_some(),
                on_retry: options.on_retry,
            }),
        })
    }

    /// Drops a cluster (`DELETE …/v2/clusters/{cluster_id}/drop`), retrying
    /// only what is safe to retry.
    pub async fn drop_cluster(&self, cluster_id: &str) -> Result<DropClusterResponse, ZillizError> {
        self.drop_cluster_with(cluster_id, CallOptions::new()).await
    }

    /// [`drop_cluster`](Self::drop_cluster) with this call's own options.
    pub async fn drop_cluster_with(
        &self,
        cluster_id: &str,
        options: CallOptions,
    ) -> Result<DropClusterResponse, ZillizError> {
        let (body, attempts) = self.drop_cluster_body(cluster_id, &options).await?;
        DropClusterResponse::from_checked_body(body, attempts)
    }

    /// Runs a call; resolves to the body exactly as `JSON.parse` read it
    /// (the JS API's success value) and the attempts it took.
    pub(crate) async fn drop_cluster_body(
        &self,
        cluster_id: &str,
        options: &CallOptions,
    ) -> Result<(JsValue, u32), ZillizError> {
        let inner = &self.inner;
        let mut call = DropCall::start(
            &inner.config,
            cluster_id,
            options.timeout_ms,
            options.max_retries,
        )?;
        let on_retry = options.on_retry.as_ref().or(inner.on_retry.as_ref());
        let signal = options.signal.as_ref();
        loop {
            if transport::is_aborted(signal) {
                return Err(call.aborted());
            }
            call.begin_attempt();
            let (facts, json) = inner
                .channel
                .send(call.url(), call.timeout_ms(), signal)
                .await;
            let outcome = call.read(&facts, json);
            match call.after_attempt(outcome, || (transport::random(), transport::now_ms())) {
                Next::Done(result) => return result.map(|body| (body, call.attempts())),
                Next::Retry(event) => {
                    if let Some(hook) = on_retry {
                        hook(&event);
                    }
                    if transport::sleep(event.delay_ms, signal).await.is_err() {
                        return Err(call.aborted());
                    }
                }
            }
        }
    }
}

impl core::fmt::Debug for ZillizCloud {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ZillizCloud")
            .field("config", &self.inner.config)
            .field("custom_fetch", &self.inner.custom_fetch)
            .finish()
    }
}
