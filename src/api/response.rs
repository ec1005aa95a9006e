//! The typed successes, for Rust callers (JS callers get the parsed body itself).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::core::{ErrorKind, PageInfo, ParsedBody, ZillizError};

/// The API's answer to a drop, a suspend or a resume:
/// `{"code": 0, "data": {"clusterId": …, "prompt": …}}`.
///
/// Serializes with the API's field names, so a Worker can hand it on as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterActionResponse {
    /// 0, or 200 (the legacy v1 envelope's success).
    pub code: i64,
    /// The cluster acted on.
    pub data: ClusterActionData,
}

/// The `data` of a [`ClusterActionResponse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterActionData {
    /// The cluster acted on: always the one asked for.
    pub cluster_id: String,
    /// The server's words. A drop's reads the same for every plan: ask
    /// [`ClusterInfo::kept_in_recycle_bin`] whether it can be undone.
    pub prompt: String,
}

/// The answer to a drop (the name it had before suspend and resume shared it).
pub type DropClusterResponse = ClusterActionResponse;
/// The `data` of a [`DropClusterResponse`].
pub type DropClusterData = ClusterActionData;

/// A cluster, as Describe Cluster and List Clusters show it. Strings the
/// server left out are empty; fields it adds are ignored. `status` and
/// `plan` are the server's strings, whatever they are.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClusterInfo {
    /// `in01-6183d6bac30f801`.
    pub cluster_id: String,
    /// What a person calls it: a guarded drop checks it.
    pub cluster_name: String,
    /// Its project.
    pub project_id: String,
    /// Its description.
    pub description: String,
    /// Its cloud region, e.g. `aws-us-west-2`.
    pub region_id: String,
    /// Empty for Free and Serverless clusters.
    pub cu_type: String,
    /// `Free`, `Serverless`, `Standard`, `Enterprise`, or another.
    pub plan: String,
    /// `RUNNING`, `DELETING`, `SUSPENDED`, … or another.
    pub status: String,
    /// Its public endpoint.
    pub connect_address: String,
    /// Its private link endpoint, if any.
    pub private_link_address: String,
    /// When it was created (as the server writes it).
    pub create_time: String,
    /// Compute units; 0 for Free and Serverless clusters.
    pub cu_size: i64,
    /// Describe only.
    pub storage_size: i64,
    /// Describe only.
    pub snapshot_number: i64,
    /// Describe only: percent.
    pub create_progress: i64,
}

impl ClusterInfo {
    /// Whether a drop of this cluster can be undone from the recycle bin
    /// (for 30 days): only for Dedicated plans, `Standard` and `Enterprise`.
    /// Every other plan, a Free cluster described as `Serverless` included,
    /// is gone for good.
    pub fn kept_in_recycle_bin(&self) -> bool {
        crate::core::cluster::kept_in_recycle_bin(&self.plan)
    }
}

/// One page of List Clusters, in the documented object form whichever form
/// the server answered with.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterPage {
    /// Clusters in the project (the page's length where the server did not say).
    pub count: u64,
    /// This page's number, from 1.
    pub current_page: u32,
    /// Clusters per page.
    pub page_size: u32,
    /// This page's clusters.
    pub clusters: Vec<ClusterInfo>,
}

/// Reads a body (or part of one) that the core has already checked.
fn typed<T: DeserializeOwned>(value: JsValue, what: &str, attempts: u32) -> Result<T, ZillizError> {
    serde_wasm_bindgen::from_value(value).map_err(|_| {
        let mut m = String::from("the success body could not be read into ");
        m.push_str(what);
        let mut e = ZillizError::new(ErrorKind::Decode, m);
        e.attempts = attempts;
        e
    })
}

impl ClusterActionResponse {
    pub(crate) fn from_checked_body(body: JsValue, attempts: u32) -> Result<Self, ZillizError> {
        typed(body, "ClusterActionResponse", attempts)
    }
}

impl ClusterInfo {
    pub(crate) fn from_checked_body(body: &JsValue, attempts: u32) -> Result<Self, ZillizError> {
        typed(
            body.member("data").unwrap_or_default(),
            "ClusterInfo",
            attempts,
        )
    }
}

impl ClusterPage {
    pub(crate) fn from_checked_body(
        body: &JsValue,
        page: PageInfo,
        attempts: u32,
    ) -> Result<Self, ZillizError> {
        let data = body.member("data").unwrap_or_default();
        let clusters = if page.bare {
            data
        } else {
            data.member("clusters").unwrap_or_default()
        };
        Ok(ClusterPage {
            count: page.count,
            current_page: page.current_page,
            page_size: page.page_size,
            clusters: typed(clusters, "ClusterPage", attempts)?,
        })
    }
}
