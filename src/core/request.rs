//! The request as plain data: everything that is sent, decided here; the
//! transport only hands it to `fetch`. The method and URL belong to each
//! request (its [`Endpoint`](super::endpoint::Endpoint)); the rest is the
//! client's, the same for every call, so the transport prepares it once.

use super::validate::ClientConfig;

/// What every request of a client sends besides its method and URL. Its
/// `Debug` hides the key.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestTemplate {
    /// The `Accept` header.
    pub accept: &'static str,
    /// The `Authorization` header: `Bearer {apiKey}`; empty for a client
    /// that holds no key, which sends no `Authorization` header at all.
    pub authorization: String,
    /// `fetch`'s `redirect`: `manual`, never followed, so that the key goes
    /// only to the configured base URL (a 3xx comes back as a response, or in
    /// browsers as an opaque redirect).
    pub redirect: &'static str,
    /// The response headers to report, one per line
    /// ([`RESPONSE_HEADERS`](super::attempt::RESPONSE_HEADERS)).
    pub response_headers: &'static str,
}

impl core::fmt::Debug for RequestTemplate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RequestTemplate")
            .field("accept", &self.accept)
            .field(
                "authorization",
                &if self.authorization.is_empty() {
                    "none"
                } else {
                    "Bearer [redacted]"
                },
            )
            .field("redirect", &self.redirect)
            .finish()
    }
}

/// What every request of this client sends besides its method and URL.
pub fn request_template(config: &ClientConfig) -> RequestTemplate {
    let mut authorization = String::new();
    if config.api_key.is_present() {
        authorization.push_str("Bearer ");
        authorization.push_str(config.api_key.expose());
    }
    RequestTemplate {
        accept: "application/json",
        authorization,
        redirect: "manual",
        response_headers: super::attempt::RESPONSE_HEADERS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate::{validate_client_options, ClientSpec};

    fn config() -> ClientConfig {
        validate_client_options(&ClientSpec {
            api_key: Some("sk-secret"),
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn builds_the_documented_headers() {
        let t = request_template(&config());
        assert_eq!(t.authorization, "Bearer sk-secret");
        assert_eq!(t.accept, "application/json");
        assert_eq!(t.redirect, "manual");
    }

    #[test]
    fn a_client_without_a_key_sends_no_authorization() {
        let keyless = validate_client_options(&ClientSpec {
            api_key: None,
            base_url: Some("https://console.example.com/api/zilliz"),
            ..Default::default()
        })
        .unwrap();
        let t = request_template(&keyless);
        assert_eq!(t.authorization, "", "no header at all, not an empty Bearer");
        assert!(format!("{t:?}").contains("none"));
        let e = validate_client_options(&ClientSpec::default()).unwrap_err();
        assert_eq!(
            (e.kind(), e.option()),
            (crate::core::ErrorKind::InvalidInput, Some("apiKey")),
            "no key and no baseUrl"
        );
        let e = validate_client_options(&ClientSpec {
            api_key: Some("short"),
            base_url: Some("https://proxy.example.com"),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.option(), Some("apiKey"), "a key that is given is checked");
    }

    #[test]
    fn debug_hides_key() {
        let d = format!("{:?}", request_template(&config()));
        assert!(!d.contains("sk-secret"), "{d}");
        assert!(d.contains("redacted"), "{d}");
    }
}
