//! Input checks made before any request. Messages name the field and never
//! repeat its value: a user may paste the key into the wrong field.

use super::error::ZillizError;
use super::text::{find_bytes, parse_digits, push_int};

/// Where the real control plane lives, by region.
pub const GLOBAL_BASE_URL: &str = "https://api.cloud.zilliz.com";
pub const CN_BASE_URL: &str = "https://api.cloud.zilliz.com.cn";

pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
pub const MAX_TIMEOUT_MS: f64 = 600_000.0;
pub const DEFAULT_MAX_RETRIES: u32 = 2;
pub const MAX_RETRIES_LIMIT: u32 = 10;
pub const MAX_CLUSTER_ID_LEN: usize = 128;
pub const MAX_API_KEY_LEN: usize = 4096;

/// One option as read from JavaScript, before any check.
/// `undefined` and `null` are both `Absent`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RawField {
    #[default]
    Absent,
    Str(String),
    Num(f64),
    /// Any other type; the name is used in messages ("a boolean", "an object").
    Other(&'static str),
}

impl RawField {
    fn type_name(&self) -> &'static str {
        match self {
            RawField::Absent => "nothing",
            RawField::Str(_) => "a string",
            RawField::Num(_) => "a number",
            RawField::Other(name) => name,
        }
    }
}

/// The client options as read from JavaScript.
#[derive(Clone, Debug, Default)]
pub struct RawClientOptions {
    pub api_key: RawField,
    pub region: RawField,
    pub base_url: RawField,
    pub timeout_ms: RawField,
    pub max_retries: RawField,
}

/// Per-call overrides as read from JavaScript.
#[derive(Clone, Debug, Default)]
pub struct RawCallOptions {
    pub timeout_ms: RawField,
    pub max_retries: RawField,
}

/// The API key. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// The key itself, for the `Authorization` header and for redaction only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

/// Validated client options.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientConfig {
    pub api_key: ApiKey,
    /// Normalized: scheme lowercase, no trailing `/`.
    pub base_url: String,
    pub timeout_ms: u32,
    pub max_retries: u32,
}

/// The settings of one call: the client's, overridden per call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallSettings {
    pub timeout_ms: u32,
    pub max_retries: u32,
}

pub fn not_an_object(what: &str) -> ZillizError {
    let mut m = String::from(what);
    m.push_str(" must be an object");
    ZillizError::invalid_input(m)
}

fn wrong_type(field: &str, expected: &str, got: &RawField) -> ZillizError {
    let mut m = String::from(field);
    m.push_str(" must be ");
    m.push_str(expected);
    m.push_str(", got ");
    m.push_str(got.type_name());
    ZillizError::invalid_input(m)
}

fn field_error(field: &str, problem: &str) -> ZillizError {
    let mut m = String::from(field);
    m.push(' ');
    m.push_str(problem);
    ZillizError::invalid_input(m)
}

pub fn validate_client_options(raw: &RawClientOptions) -> Result<ClientConfig, ZillizError> {
    let api_key = validate_api_key(&raw.api_key)?;
    let region_url = match &raw.region {
        RawField::Absent => GLOBAL_BASE_URL,
        RawField::Str(s) if s == "global" => GLOBAL_BASE_URL,
        RawField::Str(s) if s == "cn" => CN_BASE_URL,
        _ => {
            return Err(ZillizError::invalid_input(
                "region must be \"global\" or \"cn\"",
            ))
        }
    };
    let base_url = match &raw.base_url {
        RawField::Absent => region_url.to_owned(),
        RawField::Str(s) => normalize_base_url(s).map_err(|p| field_error("baseUrl", p))?,
        other => return Err(wrong_type("baseUrl", "a string", other)),
    };
    Ok(ClientConfig {
        api_key,
        base_url,
        timeout_ms: validate_timeout(&raw.timeout_ms)?.unwrap_or(DEFAULT_TIMEOUT_MS),
        max_retries: validate_max_retries(&raw.max_retries)?.unwrap_or(DEFAULT_MAX_RETRIES),
    })
}

pub fn validate_call_options(
    config: &ClientConfig,
    raw: &RawCallOptions,
) -> Result<CallSettings, ZillizError> {
    Ok(CallSettings {
        timeout_ms: validate_timeout(&raw.timeout_ms)?.unwrap_or(config.timeout_ms),
        max_retries: validate_max_retries(&raw.max_retries)?.unwrap_or(config.max_retries),
    })
}

pub fn validate_api_key(raw: &RawField) -> Result<ApiKey, ZillizError> {
    let key = match raw {
        RawField::Absent => return Err(ZillizError::invalid_input("apiKey is required")),
        RawField::Str(s) => s,
        other => return Err(wrong_type("apiKey", "a string", other)),
    };
    let problem = if key.is_empty() {
        Some("is empty")
    } else if key.bytes().all(|b| b.is_ascii_whitespace()) {
        Some("is only whitespace")
    } else if key.bytes().any(|b| b.is_ascii_control()) {
        Some("contains a control character")
    } else if !key.is_ascii() {
        Some("contains a non-ASCII character")
    } else if key.starts_with(' ') || key.ends_with(' ') {
        Some("has leading or trailing spaces")
    } else if key.len() > MAX_API_KEY_LEN {
        Some("is longer than 4096 characters")
    } else {
        None
    };
    match problem {
        Some(p) => Err(field_error("apiKey", p)),
        None => Ok(ApiKey(key.clone())),
    }
}

/// A cluster ID: one path segment of `[A-Za-z0-9_-]`, 1 to 128 characters.
pub fn validate_cluster_id(raw: &RawField) -> Result<String, ZillizError> {
    let id = match raw {
        RawField::Absent => return Err(ZillizError::invalid_input("clusterId is required")),
        RawField::Str(s) => s,
        other => return Err(wrong_type("clusterId", "a string", other)),
    };
    if id.is_empty() {
        return Err(field_error("clusterId", "is empty"));
    }
    if id.chars().count() > MAX_CLUSTER_ID_LEN {
        return Err(field_error("clusterId", "is longer than 128 characters"));
    }
    if !id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(field_error(
            "clusterId",
            "may contain only letters, digits, '-' and '_' (like in01-6183d6bac30f801)",
        ));
    }
    Ok(id.clone())
}

fn validate_timeout(raw: &RawField) -> Result<Option<u32>, ZillizError> {
    match raw {
        RawField::Absent => Ok(None),
        RawField::Num(n) if n.is_finite() && *n > 0.0 && *n <= MAX_TIMEOUT_MS => {
            // Round up so that 0.5 ms still waits 1 ms; the range keeps this in u32.
            Ok(Some(n.ceil() as u32))
        }
        RawField::Num(_) => Err(field_error(
            "timeoutMs",
            "must be a positive finite number of milliseconds, at most 600000",
        )),
        other => Err(wrong_type("timeoutMs", "a number", other)),
    }
}

fn validate_max_retries(raw: &RawField) -> Result<Option<u32>, ZillizError> {
    match raw {
        RawField::Absent => Ok(None),
        RawField::Num(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(MAX_RETRIES_LIMIT) => {
            Ok(Some(*n as u32))
        }
        RawField::Num(_) => {
            let mut m = String::from("must be an integer from 0 to ");
            push_int(&mut m, i64::from(MAX_RETRIES_LIMIT));
            Err(field_error("maxRetries", &m))
        }
        other => Err(wrong_type("maxRetries", "a number", other)),
    }
}

/// Checks an absolute http(s) URL with no credentials, query or fragment, and
/// returns it with a lowercase scheme and no trailing `/`.
pub fn normalize_base_url(url: &str) -> Result<String, &'static str> {
    const NOT_URL: &str = "must be an absolute http(s) URL, like https://api.cloud.zilliz.com";
    if url.bytes().any(|b| !b.is_ascii_graphic()) {
        return Err("must not contain spaces, control or non-ASCII characters");
    }
    let sep = find_bytes(url.as_bytes(), b"://").ok_or(NOT_URL)?;
    let (scheme, rest) = (
        url.get(..sep).unwrap_or(""),
        url.get(sep + 3..).unwrap_or(""),
    );
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(NOT_URL);
    }
    if rest.contains('?') || rest.contains('#') {
        return Err("must not contain a query or fragment");
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err("must not contain credentials");
    }
    check_authority(authority).map_err(|_| NOT_URL)?;
    check_path(path)?;
    let mut out = scheme;
    out.push_str("://");
    out.push_str(authority);
    out.push_str(path.trim_end_matches('/'));
    Ok(out)
}

fn check_authority(authority: &str) -> Result<(), ()> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (v6, after) = rest.split_once(']').ok_or(())?;
        if v6.is_empty()
            || !v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(());
        }
        match after {
            "" => ("v6", None),
            _ => ("v6", Some(after.strip_prefix(':').ok_or(())?)),
        }
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
        && !host.starts_with('.')
        && find_bytes(host.as_bytes(), b"..").is_none();
    let port_ok = match port {
        None => true,
        // parse_digits refuses empty and non-digit ports.
        Some(p) => p.len() <= 5 && parse_digits(p).is_some_and(|n| n <= 65_535),
    };
    if host_ok && port_ok {
        Ok(())
    } else {
        Err(())
    }
}

fn check_path(path: &str) -> Result<(), &'static str> {
    let bytes = path.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .ok_or("has a bad percent-escape in its path")?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return Err("has a bad percent-escape in its path");
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b)) {
            return Err("has a character that is not allowed in a URL path");
        }
        i += 1;
    }
    if path.split('/').any(|seg| seg == "." || seg == "..") {
        return Err("must not contain '.' or '..' path segments");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ErrorKind;

    fn s(v: &str) -> RawField {
        RawField::Str(v.into())
    }

    fn opts(key: &str) -> RawClientOptions {
        RawClientOptions {
            api_key: s(key),
            ..Default::default()
        }
    }

    #[test]
    fn defaults() {
        let c = validate_client_options(&opts("k")).unwrap();
        assert_eq!(c.base_url, GLOBAL_BASE_URL);
        assert_eq!((c.timeout_ms, c.max_retries), (30_000, 2));
        let cn = validate_client_options(&RawClientOptions {
            region: s("cn"),
            ..opts("k")
        })
        .unwrap();
        assert_eq!(cn.base_url, CN_BASE_URL);
    }

    #[test]
    fn api_key_checks_name_the_field_and_hide_the_value() {
        let cases = [
            RawField::Absent,
            s(""),
            s("   "),
            s("ab\ncd-SECRET"),
            s("ab\u{7f}-SECRET"),
            s("clé-SECRET"),
            s(" SECRET"),
            RawField::Num(5.0),
            RawField::Other("an object"),
            s(&"x".repeat(4097)),
        ];
        for raw in cases {
            let e = validate_client_options(&RawClientOptions {
                api_key: raw.clone(),
                ..Default::default()
            })
            .unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidInput, "{raw:?}");
            assert!(e.message.starts_with("apiKey "), "{}", e.message);
            assert!(!e.message.contains("SECRET"));
            assert_eq!(e.attempts, 0);
            assert!(!e.retryable);
        }
    }

    #[test]
    fn cluster_ids() {
        for ok in ["in01-6183d6bac30f801", "a", "A_b-9", &"x".repeat(128)] {
            assert_eq!(validate_cluster_id(&s(ok)).unwrap(), ok);
        }
        for bad in [
            "",
            "../x",
            "a/b",
            "a?b",
            "a#b",
            "%2e",
            "a b",
            "clüster",
            "a.b",
            "a\0",
            &"x".repeat(129),
        ] {
            let e = validate_cluster_id(&s(bad)).unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidInput);
            assert!(e.message.starts_with("clusterId "));
        }
        assert!(validate_cluster_id(&RawField::Absent).is_err());
        assert!(validate_cluster_id(&RawField::Num(1.0)).is_err());
    }

    #[test]
    fn regions() {
        for bad in [s("us"), s("GLOBAL"), s(""), RawField::Num(1.0)] {
            let e = validate_client_options(&RawClientOptions {
                region: bad,
                ..opts("k")
            })
            .unwrap_err();
            assert!(e.message.starts_with("region "));
        }
    }

    #[test]
    fn base_urls() {
        let ok = [
            (
                "https://api.cloud.zilliz.com",
                "https://api.cloud.zilliz.com",
            ),
            ("HTTP://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            (
                "https://console.example.com/api/zilliz/",
                "https://console.example.com/api/zilliz",
            ),
            ("http://[::1]:9/x", "http://[::1]:9/x"),
            ("http://localhost", "http://localhost"),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_base_url(input).as_deref(), Ok(want), "{input}");
        }
        let bad = [
            "",
            "api.cloud.zilliz.com",
            "ftp://x",
            "file:///etc/passwd",
            "http://",
            "http://user:pw@host",
            "https://h/?q=1",
            "https://h/#f",
            "https://h/a b",
            "https://h:99999",
            "https://h:",
            "javascript://x",
            "https://h/%zz",
            "https://h/../x",
            "http://h\\x",
            "https://hé",
        ];
        for input in bad {
            let e = validate_client_options(&RawClientOptions {
                base_url: s(input),
                ..opts("k")
            })
            .unwrap_err();
            assert!(e.message.starts_with("baseUrl "), "{input}: {}", e.message);
            assert!(!e.message.contains("pw"));
        }
    }

    #[test]
    fn numbers() {
        let t = |v: f64| validate_timeout(&RawField::Num(v));
        assert_eq!(t(1.0).unwrap(), Some(1));
        assert_eq!(t(0.5).unwrap(), Some(1));
        assert_eq!(t(600_000.0).unwrap(), Some(600_000));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 600_001.0] {
            assert!(t(bad).is_err());
        }
        assert!(validate_timeout(&s("100")).is_err());
        let r = |v: f64| validate_max_retries(&RawField::Num(v));
        assert_eq!(r(0.0).unwrap(), Some(0));
        assert_eq!(r(10.0).unwrap(), Some(10));
        for bad in [-1.0, 11.0, 1.5, f64::NAN, f64::INFINITY] {
            assert!(r(bad).is_err());
        }
    }

    #[test]
    fn call_options_override_client_options() {
        let c = validate_client_options(&opts("k")).unwrap();
        let s = validate_call_options(
            &c,
            &RawCallOptions {
                timeout_ms: RawField::Num(5.0),
                max_retries: RawField::Num(0.0),
            },
        )
        .unwrap();
        assert_eq!((s.timeout_ms, s.max_retries), (5, 0));
    }

    #[test]
    fn debug_of_config_hides_key() {
        let c = validate_client_options(&opts("sk-very-secret")).unwrap();
        let d = format!("{c:?}");
        assert!(!d.contains("sk-very-secret"), "{d}");
        assert!(d.contains("redacted"));
    }
}
