//! Input checks made before any request. Messages name the field and never
//! repeat its value: a user may paste the key into the wrong field.
//!
//! Two steps: `raw_*` read a JavaScript value (any type) into a typed option,
//! and `validate_*` check typed options, whichever API they came from.

use super::base_url::normalize_base_url;
use super::error::ZillizError;
use super::protect::Protection;
use super::text::push_int;

/// Where the real control plane lives, by region.
pub const GLOBAL_BASE_URL: &str = "https://api.cloud.zilliz.com";
/// The control plane of region `cn`.
pub const CN_BASE_URL: &str = "https://api.cloud.zilliz.com.cn";

/// Per attempt. The control plane itself gives up after 60 s: a shorter
/// client timeout would turn slow successes into retries and `maybeDropped`.
pub const DEFAULT_TIMEOUT_MS: u32 = 65_000;
/// The longest `timeoutMs` accepted.
pub const MAX_TIMEOUT_MS: u32 = 600_000;
/// Retries when the options name none.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The most `maxRetries` accepted.
pub const MAX_RETRIES_LIMIT: u32 = 10;
/// The longest cluster ID accepted.
pub const MAX_CLUSTER_ID_LEN: usize = 128;
/// The shortest API key accepted: shorter is no key, and too short to redact safely.
pub const MIN_API_KEY_LEN: usize = 8;
/// The longest API key accepted.
pub const MAX_API_KEY_LEN: usize = 4096;
/// The largest `pageSize` and `currentPage` accepted.
pub const MAX_PAGE_NUMBER: u32 = 1000;
/// The longest `maxWaitMs` accepted: a day.
pub const MAX_WAIT_LIMIT_MS: u32 = 86_400_000;

/// A region of Zilliz Cloud's control plane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Region {
    /// `https://api.cloud.zilliz.com`, the default.
    #[default]
    Global,
    /// `https://api.cloud.zilliz.com.cn`.
    Cn,
}

impl Region {
    /// The control plane's base URL for this region.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Global => GLOBAL_BASE_URL,
            Region::Cn => CN_BASE_URL,
        }
    }
}

/// One option as read from JavaScript, before any check.
/// `undefined` and `null` are both `Absent`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RawField {
    /// `undefined` or `null`.
    #[default]
    Absent,
    /// A string.
    Str(String),
    /// A number.
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

/// The API key. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
/// Empty for a client that holds no key (behind a proxy that adds its
/// own): a checked key is never shorter than 8 characters, so "" cannot be one.
pub struct ApiKey(String);

impl ApiKey {
    /// The key itself, for the `Authorization` header and for redaction
    /// only; "" when the client holds none.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the client holds a key (and so sends `Authorization`).
    pub fn is_present(&self) -> bool {
        !self.0.is_empty()
    }
}

impl core::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(if self.is_present() {
            "ApiKey([redacted])"
        } else {
            "ApiKey(none)"
        })
    }
}

/// Client options, typed but not yet checked.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientSpec<'a> {
    /// The API key, as given; `None` only with a `base_url` (a proxy that
    /// adds its own key): the client then sends no `Authorization` header.
    pub api_key: Option<&'a str>,
    /// Used when `base_url` is `None`.
    pub region: Region,
    /// A proxy or a mock; overrides `region`.
    pub base_url: Option<&'a str>,
    /// Per attempt.
    pub timeout_ms: Option<u32>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Patterns of clusters whose drop is refused; `None` protects nothing.
    pub protect: Option<&'a [String]>,
}

/// Validated client options.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientConfig {
    /// The key, redacted in `Debug`.
    pub api_key: ApiKey,
    /// Normalized: scheme lowercase, no trailing `/`.
    pub base_url: String,
    /// Per attempt.
    pub timeout_ms: u32,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The drops this client refuses.
    pub protect: Protection,
}

/// The settings of one call: the client's, overridden per call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallSettings {
    /// Per attempt.
    pub timeout_ms: u32,
    /// Retries after the first attempt.
    pub max_retries: u32,
}

/// "`what` must be an object".
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
    ZillizError::invalid_option(field, m)
}

/// `protect` that is not an array of patterns.
pub fn not_patterns(got: &RawField) -> ZillizError {
    wrong_type("protect", "an array of patterns", got)
}

/// "`field` `problem`", naming `field` as the option refused.
pub fn field_error(field: &str, problem: &str) -> ZillizError {
    let mut m = String::from(field);
    m.push(' ');
    m.push_str(problem);
    ZillizError::invalid_option(field, m)
}

/// "baseUrl {problem}".
pub fn base_url_error(problem: &str) -> ZillizError {
    field_error("baseUrl", problem)
}

/// Checks the client options; every client-level check is here.
pub fn validate_client_options(spec: &ClientSpec<'_>) -> Result<ClientConfig, ZillizError> {
    let api_key = match (spec.api_key, spec.base_url) {
        (Some(key), _) => validate_api_key(key)?,
        (None, Some(_)) => ApiKey(String::new()),
        (None, None) => return Err(field_error("apiKey", "is required without a baseUrl")),
    };
    let base_url = match spec.base_url {
        None => spec.region.base_url().to_owned(),
        Some(url) => normalize_base_url(url).map_err(base_url_error)?,
    };
    Ok(ClientConfig {
        api_key,
        base_url,
        timeout_ms: validate_timeout_ms(spec.timeout_ms)?.unwrap_or(DEFAULT_TIMEOUT_MS),
        max_retries: validate_max_retries(spec.max_retries)?.unwrap_or(DEFAULT_MAX_RETRIES),
        protect: match spec.protect {
            None => Protection::default(),
            Some(patterns) => Protection::new(patterns)?,
        },
    })
}

/// A call's settings: its own options, else the client's.
pub fn validate_call_options(
    config: &ClientConfig,
    timeout_ms: Option<u32>,
    max_retries: Option<u32>,
) -> Result<CallSettings, ZillizError> {
    Ok(CallSettings {
        timeout_ms: validate_timeout_ms(timeout_ms)?.unwrap_or(config.timeout_ms),
        max_retries: validate_max_retries(max_retries)?.unwrap_or(config.max_retries),
    })
}

/// 8 to 4,096 printable ASCII characters, with no surrounding spaces.
pub fn validate_api_key(key: &str) -> Result<ApiKey, ZillizError> {
    let problem = if key.is_empty() {
        Some("is empty")
    } else if key.bytes().all(|b| b.is_ascii_whitespace()) {
        Some("is only whitespace")
    } else if key.bytes().any(|b| b.is_ascii_control()) {
        Some("contains a control character")
    } else if !key.is_ascii() {
        Some("contains a non-ASCII character")
    } else if key.starts_with(" ") || key.ends_with(" ") {
        Some("has leading or trailing spaces")
    } else if key.len() < MIN_API_KEY_LEN {
        Some("is shorter than 8 characters")
    } else if key.len() > MAX_API_KEY_LEN {
        Some("is longer than 4096 characters")
    } else {
        None
    };
    match problem {
        Some(p) => Err(field_error("apiKey", p)),
        None => Ok(ApiKey(key.to_owned())),
    }
}

/// A cluster ID: one path segment of `[A-Za-z0-9_-]`, 1 to 128 characters.
pub fn validate_cluster_id(id: &str) -> Result<(), ZillizError> {
    if id.is_empty() {
        return Err(field_error("clusterId", "is empty"));
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
    // ASCII from here: bytes are characters.
    if id.len() > MAX_CLUSTER_ID_LEN {
        return Err(field_error("clusterId", "is longer than 128 characters"));
    }
    Ok(())
}

fn timeout_error() -> ZillizError {
    field_error(
        "timeoutMs",
        "must be a positive finite number of milliseconds, at most 600000",
    )
}

fn retries_error() -> ZillizError {
    let mut m = String::from("must be an integer from 0 to ");
    push_int(&mut m, i64::from(MAX_RETRIES_LIMIT));
    field_error("maxRetries", &m)
}

/// `pageSize` or `currentPage`: 1 to 1,000 when given.
pub fn validate_page_number(field: &str, n: Option<u32>) -> Result<(), ZillizError> {
    match n {
        Some(n) if n == 0 || n > MAX_PAGE_NUMBER => {
            let mut m = String::from("must be an integer from 1 to ");
            push_int(&mut m, i64::from(MAX_PAGE_NUMBER));
            Err(field_error(field, &m))
        }
        _ => Ok(()),
    }
}

fn max_wait_error() -> ZillizError {
    let mut m = String::from("must be an integer from 1 to ");
    push_int(&mut m, i64::from(MAX_WAIT_LIMIT_MS));
    m.push_str(" (milliseconds)");
    field_error("maxWaitMs", &m)
}

/// `maxWaitMs`: 1 to 86,400,000 when given.
pub fn validate_max_wait_ms(ms: Option<u32>) -> Result<Option<u32>, ZillizError> {
    match ms {
        Some(ms) if ms == 0 || ms > MAX_WAIT_LIMIT_MS => Err(max_wait_error()),
        other => Ok(other),
    }
}

/// `expectName`: a cluster's name is never empty, so an empty guard is a mistake.
pub fn validate_expect_name(name: Option<&str>) -> Result<(), ZillizError> {
    match name {
        Some("") => Err(field_error("expectName", "is empty")),
        _ => Ok(()),
    }
}

/// A signal whose `aborted` cannot be read (its getter throws, a revoked Proxy).
pub fn unreadable_signal_error() -> ZillizError {
    field_error(
        "signal",
        "could not be read (its aborted property threw): nothing was sent",
    )
}

/// A drop's option that the package does not know: a misspelled guard
/// (`expectname`) must never let a DELETE through unguarded.
pub fn unknown_option_error(name: &str) -> ZillizError {
    let mut m = String::from("unknown option ");
    m.push_str(name);
    m.push_str(" on a drop (nothing was sent; options are case-sensitive)");
    ZillizError::invalid_option(name, m)
}

/// 1 to 600,000 ms.
pub fn validate_timeout_ms(ms: Option<u32>) -> Result<Option<u32>, ZillizError> {
    match ms {
        Some(ms) if ms == 0 || ms > MAX_TIMEOUT_MS => Err(timeout_error()),
        other => Ok(other),
    }
}

/// 0 to 10.
pub fn validate_max_retries(n: Option<u32>) -> Result<Option<u32>, ZillizError> {
    match n {
        Some(n) if n > MAX_RETRIES_LIMIT => Err(retries_error()),
        other => Ok(other),
    }
}

/// A string option (`apiKey`, `baseUrl`, `clusterId`) read from JavaScript.
pub fn raw_string<'a>(field: &str, raw: &'a RawField) -> Result<Option<&'a str>, ZillizError> {
    match raw {
        RawField::Absent => Ok(None),
        RawField::Str(s) => Ok(Some(s)),
        other => Err(wrong_type(field, "a string", other)),
    }
}

/// A required string option read from JavaScript.
pub fn raw_required_string<'a>(field: &str, raw: &'a RawField) -> Result<&'a str, ZillizError> {
    raw_string(field, raw)?.ok_or_else(|| field_error(field, "is required"))
}

/// `region` read from JavaScript: `"global"`, `"cn"` or absent.
pub fn raw_region(raw: &RawField) -> Result<Region, ZillizError> {
    match raw {
        RawField::Absent => Ok(Region::Global),
        RawField::Str(s) if s == "global" => Ok(Region::Global),
        RawField::Str(s) if s == "cn" => Ok(Region::Cn),
        _ => Err(ZillizError::invalid_option(
            "region",
            "region must be \"global\" or \"cn\"",
        )),
    }
}

/// `timeoutMs` read from JavaScript: a fraction of a millisecond rounds up.
pub fn raw_timeout_ms(raw: &RawField) -> Result<Option<u32>, ZillizError> {
    match raw {
        RawField::Absent => Ok(None),
        RawField::Num(n) if n.is_finite() && *n > 0.0 && *n <= f64::from(MAX_TIMEOUT_MS) => {
            // The range keeps this in u32.
            Ok(Some(n.ceil() as u32))
        }
        RawField::Num(_) => Err(timeout_error()),
        other => Err(wrong_type("timeoutMs", "a number", other)),
    }
}

/// An integer option read from JavaScript (`pageSize`, `currentPage`,
/// `maxWaitMs`); its range is checked with the typed value.
pub fn raw_integer(field: &str, raw: &RawField) -> Result<Option<u32>, ZillizError> {
    match raw {
        RawField::Absent => Ok(None),
        // 0 stands for anything out of range: the typed check refuses it.
        RawField::Num(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX) => {
            Ok(Some(*n as u32))
        }
        RawField::Num(_) => Ok(Some(0)),
        other => Err(wrong_type(field, "a number", other)),
    }
}

/// `maxRetries` read from JavaScript: an integer.
pub fn raw_max_retries(raw: &RawField) -> Result<Option<u32>, ZillizError> {
    match raw {
        RawField::Absent => Ok(None),
        RawField::Num(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(MAX_RETRIES_LIMIT) => {
            Ok(Some(*n as u32))
        }
        RawField::Num(_) => Err(retries_error()),
        other => Err(wrong_type("maxRetries", "a number", other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ErrorKind;

    const KEY: &str = "sk-test-key-0001";

    fn spec(key: &str) -> ClientSpec<'_> {
        ClientSpec {
            api_key: Some(key),
            ..Default::default()
        }
    }

    #[test]
    fn defaults() {
        let c = validate_client_options(&spec(KEY)).unwrap();
        assert_eq!(c.base_url, GLOBAL_BASE_URL);
        assert_eq!((c.timeout_ms, c.max_retries), (65_000, 2));
        let cn = validate_client_options(&ClientSpec {
            region: Region::Cn,
            ..spec(KEY)
        })
        .unwrap();
        assert_eq!(cn.base_url, CN_BASE_URL);
        let proxy = validate_client_options(&ClientSpec {
            region: Region::Cn,
            base_url: Some("http://127.0.0.1:9/zilliz/"),
            ..spec(KEY)
        })
        .unwrap();
        assert_eq!(proxy.base_url, "http://127.0.0.1:9/zilliz");
    }

    #[test]
    fn api_key_checks_name_the_field_and_hide_the_value() {
        let long = "x".repeat(4097);
        let cases = [
            "",
            "   ",
            "ab\ncd-SECRET",
            "ab\u{7f}-SECRET",
            "clé-SECRET",
            " SECRET-SECRET",
            "SECRET-SECRET ",
            "SECRET7",
            long.as_str(),
        ];
        for key in cases {
            let e = validate_client_options(&spec(key)).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidInput, "{key:?}");
            assert!(e.message().starts_with("apiKey "), "{}", e.message());
            assert!(!e.message().contains("SECRET"));
            assert_eq!(e.attempts(), 0);
            assert!(!e.retryable());
        }
        assert!(validate_api_key("12345678").is_ok());
        assert!(validate_api_key(&"x".repeat(4096)).is_ok());
        assert!(
            validate_api_key("a b c d e").is_ok(),
            "inner spaces are printable"
        );
    }

    #[test]
    fn cluster_ids() {
        for ok in ["in01-6183d6bac30f801", "a", "A_b-9", &"x".repeat(128)] {
            assert!(validate_cluster_id(ok).is_ok(), "{ok}");
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
            let e = validate_cluster_id(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidInput);
            assert!(e.message().starts_with("clusterId "));
        }
    }

    #[test]
    fn js_values() {
        let s = |v: &str| RawField::Str(v.into());
        for bad in [s("us"), s("GLOBAL"), s(""), RawField::Num(1.0)] {
            let e = raw_region(&bad).unwrap_err();
            assert!(e.message().starts_with("region "));
        }
        assert_eq!(raw_region(&RawField::Absent).unwrap(), Region::Global);
        assert_eq!(raw_region(&s("cn")).unwrap(), Region::Cn);
        let e = raw_string("apiKey", &RawField::Other("an object")).unwrap_err();
        assert_eq!(e.message(), "apiKey must be a string, got an object");
        let e = raw_required_string("clusterId", &RawField::Absent).unwrap_err();
        assert_eq!(e.message(), "clusterId is required");
    }

    #[test]
    fn numbers() {
        let t = |v: f64| raw_timeout_ms(&RawField::Num(v));
        assert_eq!(t(1.0).unwrap(), Some(1));
        assert_eq!(t(0.5).unwrap(), Some(1));
        assert_eq!(t(600_000.0).unwrap(), Some(600_000));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 600_000.5, 600_001.0] {
            assert!(t(bad).is_err(), "{bad}");
        }
        assert!(raw_timeout_ms(&RawField::Str("100".into())).is_err());
        assert!(validate_timeout_ms(Some(0)).is_err());
        assert!(validate_timeout_ms(Some(600_001)).is_err());
        let r = |v: f64| raw_max_retries(&RawField::Num(v));
        assert_eq!(r(0.0).unwrap(), Some(0));
        assert_eq!(r(10.0).unwrap(), Some(10));
        for bad in [-1.0, 11.0, 1.5, f64::NAN, f64::INFINITY] {
            assert!(r(bad).is_err());
        }
        assert!(validate_max_retries(Some(11)).is_err());
        assert_eq!(
            t(0.0).unwrap_err().message(),
            validate_timeout_ms(Some(0)).unwrap_err().message(),
            "the JS and Rust APIs say the same"
        );
    }

    #[test]
    fn pages_and_waits() {
        for ok in [None, Some(1), Some(1000)] {
            assert!(validate_page_number("pageSize", ok).is_ok());
        }
        for bad in [Some(0), Some(1001), Some(u32::MAX)] {
            let e = validate_page_number("currentPage", bad).unwrap_err();
            assert_eq!(e.message(), "currentPage must be an integer from 1 to 1000");
        }
        assert_eq!(
            validate_max_wait_ms(Some(86_400_000)).unwrap(),
            Some(86_400_000)
        );
        assert!(validate_max_wait_ms(Some(0)).is_err());
        assert!(validate_max_wait_ms(Some(86_400_001)).is_err());
        let n = |v: f64| raw_integer("pageSize", &RawField::Num(v)).unwrap();
        assert_eq!((n(1.0), n(1000.0)), (Some(1), Some(1000)));
        for out_of_range in [0.0, -1.0, 1.5, f64::NAN, f64::INFINITY, 5e9] {
            let read = n(out_of_range);
            assert!(
                validate_page_number("pageSize", read).is_err(),
                "{out_of_range} must be refused"
            );
        }
        let e = raw_integer("maxWaitMs", &RawField::Str("5".into())).unwrap_err();
        assert_eq!(e.message(), "maxWaitMs must be a number, got a string");
        assert!(validate_expect_name(Some("")).is_err());
        assert!(validate_expect_name(Some("prod-east")).is_ok());
        let e = unknown_option_error("expectname");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert!(e.message().contains("expectname"), "{}", e.message());
    }

    #[test]
    fn an_input_error_names_the_option_refused() {
        let cases = [
            (validate_cluster_id("").unwrap_err(), "clusterId"),
            (validate_cluster_id("in01/x").unwrap_err(), "clusterId"),
            (validate_api_key(" sk").unwrap_err(), "apiKey"),
            (
                raw_region(&RawField::Str("mars".into())).unwrap_err(),
                "region",
            ),
            (validate_expect_name(Some("")).unwrap_err(), "expectName"),
            (validate_max_wait_ms(Some(0)).unwrap_err(), "maxWaitMs"),
            (
                validate_page_number("pageSize", Some(0)).unwrap_err(),
                "pageSize",
            ),
            (
                raw_string("baseUrl", &RawField::Num(1.0)).unwrap_err(),
                "baseUrl",
            ),
            (unknown_option_error("expectname"), "expectname"),
        ];
        for (e, option) in cases {
            assert_eq!(
                (e.kind(), e.option()),
                (ErrorKind::InvalidInput, Some(option)),
                "{e}"
            );
            assert!(e.message().contains(option), "{e}");
        }
        assert_eq!(ZillizError::new(ErrorKind::NotFound, "gone").option(), None);
    }

    #[test]
    fn call_options_override_client_options() {
        let c = validate_client_options(&spec(KEY)).unwrap();
        let s = validate_call_options(&c, Some(5), Some(0)).unwrap();
        assert_eq!((s.timeout_ms, s.max_retries), (5, 0));
        let s = validate_call_options(&c, None, None).unwrap();
        assert_eq!((s.timeout_ms, s.max_retries), (65_000, 2));
    }

    #[test]
    fn debug_of_config_hides_key() {
        let c = validate_client_options(&spec("sk-very-secret")).unwrap();
        let d = format!("{c:?}");
        assert!(!d.contains("sk-very-secret"), "{d}");
        assert!(d.contains("redacted"));
    }
}
