//! The one error type. Its `kind()` strings are part of the public contract.

use super::text::redact;

/// What went wrong, in the words a console can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The client refused the call before sending anything.
    InvalidInput,
    /// 401 or a bad-key code: fix the key.
    Auth,
    /// 403 or a permission code: the key lacks rights.
    Permission,
    /// 404 or a not-found code: wrong cluster ID (or already dropped).
    NotFound,
    /// 429: slow down.
    RateLimited,
    /// 5xx: the server failed; the drop may or may not have happened.
    Server,
    /// Any other refusal: the server's code and message are kept.
    Api,
    /// `fetch` itself failed: no response arrived.
    Network,
    /// An attempt ran past its time.
    Timeout,
    /// The caller's signal fired.
    Aborted,
    /// A response that is not the documented JSON.
    Decode,
}

impl ErrorKind {
    /// The stable string exposed as `ZillizError.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Auth => "auth",
            ErrorKind::Permission => "permission",
            ErrorKind::NotFound => "not_found",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Api => "api",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Decode => "decode",
        }
    }

    /// Every kind, for tests and docs.
    pub const ALL: [ErrorKind; 11] = [
        ErrorKind::InvalidInput,
        ErrorKind::Auth,
        ErrorKind::Permission,
        ErrorKind::NotFound,
        ErrorKind::RateLimited,
        ErrorKind::Server,
        ErrorKind::Api,
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::Aborted,
        ErrorKind::Decode,
    ];
}

/// A failed call, with everything a console needs to explain it.
///
/// Never holds the API key: every message passes through [`ZillizError::scrub`]
/// before it leaves the client.
#[derive(Clone, Debug, PartialEq)]
pub struct ZillizError {
    pub kind: ErrorKind,
    pub message: String,
    /// The body's `code`, where a body had one.
    pub code: Option<i64>,
    /// The HTTP status, where a response arrived.
    pub status: Option<u16>,
    pub request_id: Option<String>,
    /// Whether trying again later could succeed.
    pub retryable: bool,
    /// HTTP attempts made by the call (0 when refused before sending).
    pub attempts: u32,
    /// A not-found that followed an attempt whose outcome is unknown.
    pub maybe_dropped: bool,
}

impl ZillizError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ZillizError {
            kind,
            message: message.into(),
            code: None,
            status: None,
            request_id: None,
            retryable: matches!(
                kind,
                ErrorKind::RateLimited | ErrorKind::Network | ErrorKind::Timeout
            ),
            attempts: 0,
            maybe_dropped: false,
        }
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        ZillizError::new(ErrorKind::InvalidInput, message)
    }

    /// The stable kind string.
    pub fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    /// Removes `secret` from every text field.
    pub fn scrub(mut self, secret: &str) -> Self {
        self.message = redact(&self.message, secret);
        self.request_id = self.request_id.map(|id| redact(&id, secret));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_strings_are_stable() {
        let names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "invalid_input",
                "auth",
                "permission",
                "not_found",
                "rate_limited",
                "server",
                "api",
                "network",
                "timeout",
                "aborted",
                "decode"
            ]
        );
    }

    #[test]
    fn scrub_removes_secret_everywhere() {
        let mut e = ZillizError::new(ErrorKind::Api, "echo: Bearer sk-123");
        e.request_id = Some("sk-123".into());
        let e = e.scrub("sk-123");
        assert!(!e.message.contains("sk-123"));
        assert!(!e.request_id.unwrap().contains("sk-123"));
    }
}
