//! The typed success, for Rust callers (JS callers get the parsed body itself).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::core::{ErrorKind, ZillizError};

/// The API's answer to a drop: `{"code": 0, "data": {"clusterId": …, "prompt": …}}`.
///
/// Serializes with the API's field names, so a Worker can hand it on as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DropClusterResponse {
    /// 0, or 200 (the legacy v1 envelope's success).
    pub code: i64,
    /// The dropped cluster.
    pub data: DropClusterData,
}

/// The `data` of a [`DropClusterResponse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DropClusterData {
    /// The cluster that was dropped: always the one asked for.
    pub cluster_id: String,
    /// The server's words, e.g. that the cluster is in the recycle bin for 30 days.
    pub prompt: String,
}

impl DropClusterResponse {
    /// Reads a body that the core has already checked to be the documented success.
    pub(crate) fn from_checked_body(body: JsValue, attempts: u32) -> Result<Self, ZillizError> {
        serde_wasm_bindgen::from_value(body).map_err(|_| {
            let mut e = ZillizError::new(
                ErrorKind::Decode,
                "the success body could not be read into DropClusterResponse",
            );
            e.attempts = attempts;
            e
        })
    }
}
