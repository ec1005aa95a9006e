//! The control plane's endpoints, as data. Adding one is a row here and a
//! response type in the Rust API: the request pipeline (`Call`), the URL,
//! the success check and the retry rules all read these rows.

use super::text::push_int;
use super::validate::ClientConfig;

/// What a request does to a cluster, which decides what an unknown outcome
/// (timeout, network failure, 5xx) means for the call's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Reads: repeating one changes nothing.
    Read,
    /// Changes a cluster's state (suspend, resume); the server refuses a
    /// repeat harmlessly, so retries are safe.
    Change,
    /// Drops the cluster: a not-found after an unknown outcome means that
    /// attempt probably dropped it (`maybe_dropped`).
    Drop,
}

/// How a success body is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Success {
    /// `data: { clusterId, prompt }`, naming the cluster asked for.
    ClusterAction,
    /// `data`: a cluster object, naming the cluster asked for.
    Cluster,
    /// `data`: a page of clusters, as the documented object or a bare array.
    ClusterPage,
}

/// What a call asks for: a cluster, or a page of the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    /// The cluster, for an endpoint whose path names one ("" otherwise).
    pub cluster_id: String,
    /// `pageSize`, when given.
    pub page_size: Option<u32>,
    /// `currentPage`, when given.
    pub current_page: Option<u32>,
}

impl Target {
    /// A request about one cluster.
    pub fn cluster(cluster_id: &str) -> Target {
        Target {
            cluster_id: cluster_id.to_owned(),
            ..Target::default()
        }
    }

    /// The value of query parameter `name`, when given.
    pub fn query(&self, name: &str) -> Option<u32> {
        match name {
            "pageSize" => self.page_size,
            "currentPage" => self.current_page,
            _ => None,
        }
    }
}

/// One endpoint of the control plane.
#[derive(Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// For messages: "the drop request".
    pub name: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The path after the base URL, in its parts around `{clusterId}` (one
    /// part for a path that names no cluster), where the percent-encoded
    /// cluster ID goes: split here rather than searched for at each call.
    pub path: &'static [&'static str],
    /// The query parameters it takes, sent only when given.
    pub query: &'static [&'static str],
    /// What it does, for retries and `maybe_dropped`.
    pub effect: Effect,
    /// How its success body is checked.
    pub success: Success,
}

/// Drop Cluster.
pub const DROP: Endpoint = Endpoint {
    name: "drop",
    method: "DELETE",
    path: &["/v2/clusters/", "/drop"],
    query: &[],
    effect: Effect::Drop,
    success: Success::ClusterAction,
};

/// Describe Cluster.
pub const DESCRIBE: Endpoint = Endpoint {
    name: "describe",
    method: "GET",
    path: &["/v2/clusters/", ""],
    query: &[],
    effect: Effect::Read,
    success: Success::Cluster,
};

/// List Clusters (one page).
pub const LIST: Endpoint = Endpoint {
    name: "list",
    method: "GET",
    path: &["/v2/clusters"],
    query: &["pageSize", "currentPage"],
    effect: Effect::Read,
    success: Success::ClusterPage,
};

/// Suspend Cluster.
pub const SUSPEND: Endpoint = Endpoint {
    name: "suspend",
    method: "POST",
    path: &["/v2/clusters/", "/suspend"],
    query: &[],
    effect: Effect::Change,
    success: Success::ClusterAction,
};

/// Resume Cluster.
pub const RESUME: Endpoint = Endpoint {
    name: "resume",
    method: "POST",
    path: &["/v2/clusters/", "/resume"],
    query: &[],
    effect: Effect::Change,
    success: Success::ClusterAction,
};

impl Endpoint {
    /// Whether its path names a cluster.
    pub fn per_cluster(&self) -> bool {
        self.path.len() > 1
    }

    /// `{base}{path}?{query}`: the cluster ID percent-encoded into its path
    /// segment (it passed `validate_cluster_id`, but no input may ever leave
    /// its segment), and each query value the target gives, in the row's order.
    pub fn url(&self, config: &ClientConfig, target: &Target) -> String {
        let mut url = String::with_capacity(config.base_url.len() + 80);
        url.push_str(&config.base_url);
        for (i, part) in self.path.iter().enumerate() {
            if i > 0 {
                push_path_segment(&mut url, &target.cluster_id);
            }
            url.push_str(part);
        }
        let mut sep = '?';
        for name in self.query {
            if let Some(value) = target.query(name) {
                url.push(sep);
                url.push_str(name);
                url.push('=');
                push_int(&mut url, i64::from(value));
                sep = '&';
            }
        }
        url
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn push_path_segment(out: &mut String, segment: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 0xF] {
                out.push(HEX.get(usize::from(nibble)).map_or('0', |h| char::from(*h)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::{validate_client_options, ClientSpec};

    fn config(base: Option<&str>) -> ClientConfig {
        validate_client_options(&ClientSpec {
            api_key: Some("sk-secret"),
            base_url: base,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn every_row_builds_its_documented_url() {
        let c = config(None);
        let id = "in01-6183d6bac30f801";
        let base = "https://api.cloud.zilliz.com/v2/clusters";
        let rows = [
            (&DROP, "DELETE", format!("{base}/{id}/drop")),
            (&DESCRIBE, "GET", format!("{base}/{id}")),
            (&SUSPEND, "POST", format!("{base}/{id}/suspend")),
            (&RESUME, "POST", format!("{base}/{id}/resume")),
            (&LIST, "GET", base.to_owned()),
        ];
        for (endpoint, method, url) in rows {
            assert_eq!(endpoint.method, method);
            assert_eq!(endpoint.url(&c, &Target::cluster(id)), url);
            assert_eq!(endpoint.per_cluster(), !std::ptr::eq(endpoint, &LIST));
        }
        assert_eq!(
            DROP.url(
                &config(Some("http://127.0.0.1:9/api/zilliz/")),
                &Target::cluster("a_b")
            ),
            "http://127.0.0.1:9/api/zilliz/v2/clusters/a_b/drop"
        );
    }

    #[test]
    fn only_given_query_values_are_sent() {
        let c = config(None);
        let url = |page_size, current_page| {
            LIST.url(
                &c,
                &Target {
                    page_size,
                    current_page,
                    ..Target::default()
                },
            )
        };
        assert!(url(None, None).ends_with("/v2/clusters"));
        assert!(url(Some(50), None).ends_with("/v2/clusters?pageSize=50"));
        assert!(url(None, Some(3)).ends_with("/v2/clusters?currentPage=3"));
        assert!(url(Some(1000), Some(1)).ends_with("/v2/clusters?pageSize=1000&currentPage=1"));
    }

    #[test]
    fn encodes_anything_outside_unreserved() {
        let url = DROP.url(&config(None), &Target::cluster("a/b?c#d %é"));
        assert!(
            url.ends_with("/v2/clusters/a%2Fb%3Fc%23d%20%25%C3%A9/drop"),
            "{url}"
        );
    }

    /// js/endpoints.js hands these rows to JavaScript (a proxy's allowlist): line for line
    /// the same, so the client and its proxy cannot drift apart.
    #[test]
    fn the_packages_endpoints_module_has_these_rows() {
        let js = include_str!("../../js/endpoints.js");
        let lines: Vec<&str> = js
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("{ name: "))
            .collect();
        let rows: Vec<String> = [&LIST, &DESCRIBE, &DROP, &SUSPEND, &RESUME]
            .iter()
            .map(|e| {
                let query: Vec<String> = e.query.iter().map(|q| format!("\"{q}\"")).collect();
                format!(
                    "{{ name: \"{}\", method: \"{}\", path: \"{}\", query: [{}] }},",
                    e.name,
                    e.method,
                    e.path.join("{clusterId}"),
                    query.join(", ")
                )
            })
            .collect();
        assert_eq!(lines, rows);
        let pattern = format!(
            "/^[A-Za-z0-9_-]{{1,{}}}$/",
            crate::core::validate::MAX_CLUSTER_ID_LEN
        );
        assert!(js.contains(&pattern), "clusterIdPattern is not {pattern}");
    }

    #[test]
    fn only_the_drop_may_have_dropped() {
        let drops: Vec<&str> = [&DROP, &DESCRIBE, &LIST, &SUSPEND, &RESUME]
            .iter()
            .filter(|e| e.effect == Effect::Drop)
            .map(|e| e.name)
            .collect();
        assert_eq!(drops, ["drop"]);
    }
}
