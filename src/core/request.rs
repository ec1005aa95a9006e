//! The request as plain data: everything that is sent, decided here; the
//! transport only hands it to `fetch`.

use super::validate::ClientConfig;

/// How `fetch` must treat a redirect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirectPolicy {
    /// Never followed: the key must go only to the configured base URL, so a
    /// 3xx comes back as a response (or, in browsers, an opaque redirect).
    Manual,
}

impl RedirectPolicy {
    /// The `redirect` member of `fetch`'s init.
    pub fn as_str(self) -> &'static str {
        match self {
            RedirectPolicy::Manual => "manual",
        }
    }
}

/// Everything a client sends but the URL: the same for every call of a
/// client, so the transport prepares it once. Its `Debug` hides the key.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestTemplate {
    /// Always `DELETE`.
    pub method: &'static str,
    /// The `Accept` header.
    pub accept: &'static str,
    /// The `Authorization` header: `Bearer {apiKey}`.
    pub authorization: String,
    /// Always [`RedirectPolicy::Manual`].
    pub redirect: RedirectPolicy,
    /// The response headers to report, one per line
    /// ([`RESPONSE_HEADERS`](super::attempt::RESPONSE_HEADERS)).
    pub response_headers: &'static str,
}

impl core::fmt::Debug for RequestTemplate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RequestTemplate")
            .field("method", &self.method)
            .field("accept", &self.accept)
            .field("authorization", &"Bearer [redacted]")
            .field("redirect", &self.redirect)
            .finish()
    }
}

/// What every drop request of this client sends besides its URL.
pub fn request_template(config: &ClientConfig) -> RequestTemplate {
    let mut authorization = String::from("Bearer ");
    authorization.push_str(config.api_key.expose());
    RequestTemplate {
        method: "DELETE",
        accept: "application/json",
        authorization,
        redirect: RedirectPolicy::Manual,
        response_headers: super::attempt::RESPONSE_HEADERS,
    }
}

/// `{base}/v2/clusters/{clusterId}/drop`. `cluster_id` must have passed
/// `validate_cluster_id`; it is percent-encoded anyway, so that no input can
/// ever leave its path segment.
pub fn drop_url(config: &ClientConfig, cluster_id: &str) -> String {
    let mut url = String::with_capacity(config.base_url.len() + cluster_id.len() + 20);
    url.push_str(&config.base_url);
    url.push_str("/v2/clusters/");
    push_path_segment(&mut url, cluster_id);
    url.push_str("/drop");
    url
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
            api_key: "sk-secret",
            base_url: base,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn builds_the_documented_request() {
        let t = request_template(&config(None));
        assert_eq!(t.method, "DELETE");
        assert_eq!(t.authorization, "Bearer sk-secret");
        assert_eq!(t.accept, "application/json");
        assert_eq!(t.redirect.as_str(), "manual");
        assert_eq!(
            drop_url(&config(None), "in01-6183d6bac30f801"),
            "https://api.cloud.zilliz.com/v2/clusters/in01-6183d6bac30f801/drop"
        );
        assert_eq!(
            drop_url(&config(Some("http://127.0.0.1:9/api/zilliz/")), "a_b"),
            "http://127.0.0.1:9/api/zilliz/v2/clusters/a_b/drop"
        );
    }

    #[test]
    fn encodes_anything_outside_unreserved() {
        let url = drop_url(&config(None), "a/b?c#d %é");
        assert!(
            url.ends_with("/v2/clusters/a%2Fb%3Fc%23d%20%25%C3%A9/drop"),
            "{url}"
        );
    }

    #[test]
    fn debug_hides_key() {
        let d = format!("{:?}", request_template(&config(None)));
        assert!(!d.contains("sk-secret"), "{d}");
        assert!(d.contains("DELETE") && d.contains("redacted"), "{d}");
    }
}
