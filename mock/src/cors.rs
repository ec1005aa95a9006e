//! CORS: browser tests call the mock from another origin, so every answer must
//! be readable cross-origin and preflights must succeed.

use hyper::header::{
    HeaderMap, HeaderName, HeaderValue, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
};
use hyper::{Response, StatusCode};

use crate::body::MockBody;
use crate::reply;

/// Headers a browser script may read besides the safelisted ones.
pub const EXPOSE: &str = "requestid, x-request-id, retry-after, retry-after-ms";

/// Adds the CORS headers every response carries, unless already set (a fault
/// may override them on purpose).
pub fn apply(headers: &mut HeaderMap) {
    headers
        .entry(ACCESS_CONTROL_ALLOW_ORIGIN)
        .or_insert(HeaderValue::from_static("*"));
    headers
        .entry(ACCESS_CONTROL_EXPOSE_HEADERS)
        .or_insert(HeaderValue::from_static(EXPOSE));
}

/// The 204 answer to a preflight `OPTIONS` request.
pub fn preflight(private_network: bool) -> Response<MockBody> {
    let mut res = reply::status(StatusCode::NO_CONTENT);
    let h = res.headers_mut();
    h.insert(
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("DELETE, GET, POST, OPTIONS"),
    );
    h.insert(
        ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, accept, content-type"),
    );
    h.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    if private_network {
        // Chrome's Private Network Access preflight for pages calling localhost.
        h.insert(
            HeaderName::from_static("access-control-allow-private-network"),
            HeaderValue::from_static("true"),
        );
    }
    apply(h);
    res
}
