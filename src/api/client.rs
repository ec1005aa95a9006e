//! The client: every public method is a line or two over one request
//! pipeline, [`ZillizCloud::request`], which runs the core's state machine
//! for an endpoint row over the transport.

use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::options::{CallOptions, ClientOptions, ListOptions, RetryHook, WaitOptions};
use super::response::{ClusterActionResponse, ClusterInfo, ClusterPage};
use crate::core::base_url::accept_serialized;
use crate::core::validate::base_url_error;
use crate::core::{
    request_template, validate_client_options, Call, Checked, ClientConfig, ClientSpec, DropGuard,
    Dropped, Endpoint, ErrorKind, Next, ParsedBody, Seen, StatusReached, Target, WaitEnd, WaitFor,
    WaitStep, Waiter, ZillizError, DESCRIBE, DROP, LIST, RESUME, SUSPEND, UNTIL_DROPPED,
    UNTIL_RUNNING, UNTIL_SUSPENDED,
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

/// A checked success and the HTTP attempts it took.
pub(crate) type Answer = (Checked<JsValue>, u32);

impl ZillizCloud {
    /// Checks the options; an error is of kind
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) and names the field.
    pub fn new(options: ClientOptions) -> Result<ZillizCloud, ZillizError> {
        let mut config = validate_client_options(&ClientSpec {
            api_key: options.api_key.as_deref(),
            region: options.region,
            base_url: options.base_url.as_deref(),
            timeout_ms: options.timeout_ms,
            max_retries: options.max_retries,
            protect: options.protect.as_deref(),
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
    pub async fn drop_cluster(
        &self,
        cluster_id: &str,
    ) -> Result<ClusterActionResponse, ZillizError> {
        self.drop_cluster_with(cluster_id, CallOptions::new()).await
    }

    /// [`drop_cluster`](Self::drop_cluster) with this call's own options;
    /// with [`CallOptions::expect_name`] it is a guarded drop.
    pub async fn drop_cluster_with(
        &self,
        cluster_id: &str,
        options: CallOptions,
    ) -> Result<ClusterActionResponse, ZillizError> {
        let (checked, attempts) = self.drop_answer(cluster_id, &options).await?;
        ClusterActionResponse::from_checked_body(checked.body, attempts)
    }

    /// Describes a cluster (`GET …/v2/clusters/{cluster_id}`).
    pub async fn describe_cluster(&self, cluster_id: &str) -> Result<ClusterInfo, ZillizError> {
        self.describe_cluster_with(cluster_id, CallOptions::new())
            .await
    }

    /// [`describe_cluster`](Self::describe_cluster) with this call's own options.
    pub async fn describe_cluster_with(
        &self,
        cluster_id: &str,
        options: CallOptions,
    ) -> Result<ClusterInfo, ZillizError> {
        let (checked, attempts) = self
            .request(&DESCRIBE, Target::cluster(cluster_id), &options)
            .await?;
        ClusterInfo::from_checked_body(&checked.body, attempts)
    }

    /// One page of the key's clusters (`GET …/v2/clusters`).
    pub async fn list_clusters(&self, options: ListOptions) -> Result<ClusterPage, ZillizError> {
        let target = Target {
            page_size: options.page_size,
            current_page: options.current_page,
            ..Target::default()
        };
        let (checked, attempts) = self.request(&LIST, target, &options.call).await?;
        let page = checked.page.unwrap_or_default();
        ClusterPage::from_checked_body(&checked.body, page, attempts)
    }

    /// Suspends a Dedicated cluster (`POST …/suspend`): it keeps its data and
    /// stops its compute bill. Free and Serverless clusters refuse (kind `api`).
    pub async fn suspend_cluster(
        &self,
        cluster_id: &str,
    ) -> Result<ClusterActionResponse, ZillizError> {
        self.suspend_cluster_with(cluster_id, CallOptions::new())
            .await
    }

    /// [`suspend_cluster`](Self::suspend_cluster) with this call's own options.
    pub async fn suspend_cluster_with(
        &self,
        cluster_id: &str,
        options: CallOptions,
    ) -> Result<ClusterActionResponse, ZillizError> {
        self.cluster_action(&SUSPEND, cluster_id, &options).await
    }

    /// Resumes a suspended cluster (`POST …/resume`).
    pub async fn resume_cluster(
        &self,
        cluster_id: &str,
    ) -> Result<ClusterActionResponse, ZillizError> {
        self.resume_cluster_with(cluster_id, CallOptions::new())
            .await
    }

    /// [`resume_cluster`](Self::resume_cluster) with this call's own options.
    pub async fn resume_cluster_with(
        &self,
        cluster_id: &str,
        options: CallOptions,
    ) -> Result<ClusterActionResponse, ZillizError> {
        self.cluster_action(&RESUME, cluster_id, &options).await
    }

    /// Waits until a dropped cluster is gone: describes it at once, then
    /// after 1, 2, 4, 8, 16, then every 30 s, until Describe answers not
    /// found or status `DELETED`. Fails with kind `timeout` when the next
    /// describe would come past `max_wait_ms`, and with a describe's own
    /// error when one fails for another reason.
    pub async fn wait_until_dropped(
        &self,
        cluster_id: &str,
        options: WaitOptions,
    ) -> Result<Dropped, ZillizError> {
        self.wait(&UNTIL_DROPPED, cluster_id, &options)
            .await
            .map(Dropped::from)
    }

    /// Waits, as [`wait_until_dropped`](Self::wait_until_dropped) does,
    /// until Describe shows `SUSPENDED` (or `STOPPED`). Fails at once when
    /// the cluster can never get there: not found (kind `not_found`), or
    /// `DELETING` or `DELETED` (kind `precondition`).
    pub async fn wait_until_suspended(
        &self,
        cluster_id: &str,
        options: WaitOptions,
    ) -> Result<StatusReached, ZillizError> {
        self.wait(&UNTIL_SUSPENDED, cluster_id, &options)
            .await
            .map(StatusReached::from)
    }

    /// Waits until Describe shows `RUNNING`, as
    /// [`wait_until_suspended`](Self::wait_until_suspended) waits for `SUSPENDED`.
    pub async fn wait_until_running(
        &self,
        cluster_id: &str,
        options: WaitOptions,
    ) -> Result<StatusReached, ZillizError> {
        self.wait(&UNTIL_RUNNING, cluster_id, &options)
            .await
            .map(StatusReached::from)
    }

    /// Whether a drop of this cluster would be refused by the client's
    /// `protect` patterns (its name or its ID matches one); sends nothing.
    pub fn is_protected(&self, cluster: &ClusterInfo) -> bool {
        self.is_protected_name(Some(&cluster.cluster_name), Some(&cluster.cluster_id))
    }

    pub(crate) fn is_protected_name(&self, name: Option<&str>, cluster_id: Option<&str>) -> bool {
        self.inner
            .config
            .protect
            .matching(name, cluster_id)
            .is_some()
    }

    /// The one waiter: describes, and waits between them, until the row `until` says done.
    pub(crate) async fn wait(
        &self,
        until: &'static WaitFor,
        cluster_id: &str,
        options: &WaitOptions,
    ) -> Result<WaitEnd, ZillizError> {
        let mut waiter = Waiter::new(&self.inner.config, until, cluster_id, options.max_wait_ms)?;
        let started = transport::now_ms();
        loop {
            let described = self
                .request(&DESCRIBE, Target::cluster(cluster_id), &options.call)
                .await;
            let status;
            let seen = match described {
                Ok((checked, _)) => {
                    status = data_text(&checked.body, "status").unwrap_or_default();
                    Seen::Status(&status)
                }
                // A status waiter ends on it as on any describe's error: kind not_found.
                Err(e) if e.kind() == ErrorKind::NotFound && until.done_when_not_found => {
                    Seen::NotFound
                }
                Err(e) => return Err(e),
            };
            let elapsed_ms = (transport::now_ms() - started).max(0.0) as u64;
            match waiter.after_describe(seen, elapsed_ms)? {
                WaitStep::Done(end) => return Ok(end),
                WaitStep::Poll(event) => {
                    if let Some(hook) = &options.on_poll {
                        hook(&event);
                    }
                    if transport::sleep(event.next_poll_ms, options.call.signal.as_ref())
                        .await
                        .is_err()
                    {
                        return Err(waiter.aborted());
                    }
                }
            }
        }
    }

    /// A drop, guarded when the client protects clusters or the options
    /// name the cluster: then one describe first, and the DELETE only if the
    /// cluster is not protected and its name matches exactly. Attempts count
    /// both requests. One await point for both, so that the pipeline's
    /// future is embedded once.
    pub(crate) async fn drop_answer(
        &self,
        cluster_id: &str,
        options: &CallOptions,
    ) -> Result<Answer, ZillizError> {
        let key = self.inner.config.api_key.expose();
        let guard = DropGuard::new(
            cluster_id,
            &self.inner.config.protect,
            options.expect_name.as_deref(),
            key,
        )?;
        let mut looked = 0;
        let mut endpoint: &'static Endpoint = if guard.needs_describe() {
            &DESCRIBE
        } else {
            &DROP
        };
        loop {
            let answer = self
                .request(endpoint, Target::cluster(cluster_id), options)
                .await
                .map_err(|mut e| {
                    e.attempts += looked;
                    e
                })?;
            if *endpoint == DROP {
                return Ok((answer.0, looked + answer.1));
            }
            looked = answer.1;
            let name = data_text(&answer.0.body, "clusterName");
            guard
                .after_describe(name.as_deref(), key)
                .map_err(|mut e| {
                    e.attempts = looked;
                    e
                })?;
            endpoint = &DROP;
        }
    }

    async fn cluster_action(
        &self,
        endpoint: &'static Endpoint,
        cluster_id: &str,
        options: &CallOptions,
    ) -> Result<ClusterActionResponse, ZillizError> {
        let (checked, attempts) = self
            .request(endpoint, Target::cluster(cluster_id), options)
            .await?;
        ClusterActionResponse::from_checked_body(checked.body, attempts)
    }

    /// The one request pipeline: a call of `endpoint` for `target`, its
    /// attempts, waits and retries. Resolves to the body exactly as
    /// `JSON.parse` read it (the JS API's success value), checked, and the
    /// attempts it took.
    pub(crate) async fn request(
        &self,
        endpoint: &'static Endpoint,
        target: Target,
        options: &CallOptions,
    ) -> Result<Answer, ZillizError> {
        let inner = &self.inner;
        let mut call = Call::start(
            &inner.config,
            endpoint,
            target,
            options.timeout_ms,
            options.max_retries,
        )?;
        let on_retry = options.on_retry.as_ref().or(inner.on_retry.as_ref());
        let signal = options.signal.as_ref();
        loop {
            match transport::signal_aborted(signal) {
                Ok(false) => {}
                Ok(true) => return Err(call.aborted()),
                Err(()) => return Err(call.unreadable_signal()),
            }
            call.begin_attempt();
            let (facts, json) = inner
                .channel
                .send(call.method(), call.url(), call.timeout_ms(), signal)
                .await;
            let outcome = call.read(&facts, json);
            match call.after_attempt(outcome, || (transport::random(), transport::now_ms())) {
                Next::Done(result) => return result.map(|checked| (checked, call.attempts())),
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

/// A string member of a checked body's `data`.
fn data_text(body: &JsValue, name: &str) -> Option<String> {
    body.member("data")?.member(name)?.text()
}

impl core::fmt::Debug for ZillizCloud {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ZillizCloud")
            .field("config", &self.inner.config)
            .field("custom_fetch", &self.inner.custom_fetch)
            .finish()
    }
}
