//! The one error type. Its `kind()` strings are part of the public contract.

use super::text::redact;

/// What went wrong, in the words a console can act on.
///
/// [`ErrorKind::as_str`] gives the JS `ZillizError.kind` string, which never changes.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// 5xx: the server failed; a drop, suspend or resume may or may not have happened.
    Server,
    /// Any other refusal: the server's code and message are kept.
    Api,
    /// `fetch` itself failed: no response arrived.
    Network,
    /// An attempt ran past its time, or a wait past its `maxWaitMs`.
    Timeout,
    /// The caller's signal fired.
    Aborted,
    /// A response that is not the documented JSON.
    Decode,
    /// A guarded drop found the cluster under another name, and sent no DELETE;
    /// or a status waiter found the cluster being dropped.
    Precondition,
    /// A drop refused by the client's `protect` patterns: no DELETE was sent.
    Protected,
}

impl ErrorKind {
    /// The stable string exposed as `ZillizError.kind` in JavaScript.
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
            ErrorKind::Precondition => "precondition",
            ErrorKind::Protected => "protected",
        }
    }
}

/// A failed call, with everything a console needs to explain it.
///
/// Never holds the API key: every text passes through the client's scrub
/// before the error leaves a call, so `Display` and `Debug` are safe to log.
#[derive(Clone, Debug, PartialEq)]
pub struct ZillizError {
    pub(crate) kind: ErrorKind,
    pub(crate) message: String,
    pub(crate) code: Option<i64>,
    pub(crate) status: Option<u16>,
    pub(crate) request_id: Option<String>,
    pub(crate) retryable: bool,
    pub(crate) attempts: u32,
    pub(crate) maybe_dropped: bool,
    pub(crate) option: Option<String>,
}

impl ZillizError {
    /// An error of `kind`; retryable by default for the kinds whose outcome is unknown.
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
            option: None,
        }
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        ZillizError::new(ErrorKind::InvalidInput, message)
    }

    /// An `invalid_input` that names the option refused, so that a form can put the error at
    /// its field without reading the message.
    pub(crate) fn invalid_option(option: &str, message: impl Into<String>) -> Self {
        let mut e = ZillizError::invalid_input(message);
        e.option = Some(option.to_owned());
        e
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, as `Display` shows it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The body's `code`, where a body had one.
    pub fn code(&self) -> Option<i64> {
        self.code
    }

    /// The HTTP status, where a response arrived.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// From the `requestid` (or `x-request-id`) header: quote it to support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Whether trying again later could succeed.
    pub fn retryable(&self) -> bool {
        self.retryable
    }

    /// How many HTTP attempts the call made (0 when refused before sending).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// A not-found after an earlier attempt of the same call whose outcome is
    /// unknown (timeout, network failure, 5xx): that attempt probably dropped the cluster.
    pub fn maybe_dropped(&self) -> bool {
        self.maybe_dropped
    }

    /// Kind `invalid_input`: the option refused (`apiKey`, `clusterId`, `baseUrl`, `region`,
    /// `expectName`, ..., or an unknown option's own name); `None` otherwise.
    pub fn option(&self) -> Option<&str> {
        self.option.as_deref()
    }

    /// Removes `secret` from every text field.
    pub(crate) fn scrub(mut self, secret: &str) -> Self {
        self.message = redact(&self.message, secret);
        self.request_id = self.request_id.map(|id| redact(&id, secret));
        self.option = self.option.map(|name| redact(&name, secret));
        self
    }
}

impl core::fmt::Display for ZillizError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ZillizError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_strings_are_stable() {
        use ErrorKind::*;
        let all = [
            InvalidInput,
            Auth,
            Permission,
            NotFound,
            RateLimited,
            Server,
            Api,
            Network,
            Timeout,
            Aborted,
            Decode,
            Precondition,
            Protected,
        ];
        let names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
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
                "decode",
                "precondition",
                "protected"
            ]
        );
    }

    #[test]
    fn scrub_removes_secret_everywhere() {
        let mut e = ZillizError::new(ErrorKind::Api, "echo: Bearer sk-12345678");
        e.request_id = Some("sk-12345678".into());
        e.option = Some("sk-12345678".into());
        let e = e.scrub("sk-12345678");
        assert_eq!(e.message(), "echo: Bearer [redacted]");
        assert_eq!(e.request_id(), Some("[redacted]"));
        assert_eq!(e.option(), Some("[redacted]"));
        assert_eq!(e.to_string(), "echo: Bearer [redacted]");
    }
}
