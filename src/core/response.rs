//! Turning a response (status, headers, parsed body) into a result.

use super::body::{BodyError, JsonKind, ParsedBody};
use super::endpoint::{Endpoint, Success, Target};
use super::error::{ErrorKind, ZillizError};
use super::retry::is_retryable_status;
use super::text::{clean_text, push_int};

/// Bodies larger than this are refused unread: a drop answer is a few hundred
/// bytes, and a page of 1,000 clusters about half of this.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Server messages are cut to this length before they reach an error.
const MAX_MESSAGE_BYTES: usize = 1000;

/// What the client reads from a response besides its body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseHead {
    /// 0 for a browser's opaque redirect, whose status is hidden.
    pub status: u16,
    /// From `requestid`, else `x-request-id`.
    pub request_id: Option<String>,
    /// A redirect's target, shown in its error (never followed).
    pub location: Option<String>,
    /// `Retry-After`: seconds or an HTTP date.
    pub retry_after: Option<String>,
    /// `retry-after-ms`: milliseconds.
    pub retry_after_ms: Option<String>,
}

/// The kind a documented error code maps to, if it is one.
pub fn kind_for_code(code: i64) -> Option<ErrorKind> {
    match code {
        80001 | 80002 | 21119 => Some(ErrorKind::Auth),
        96012..=96016 | 96027 | 40022 => Some(ErrorKind::Permission),
        96018 | 80020 | 40021 => Some(ErrorKind::NotFound),
        _ => None,
    }
}

/// The kind an HTTP error status maps to, when the body says nothing more precise.
fn kind_for_status(status: u16) -> ErrorKind {
    match status {
        401 => ErrorKind::Auth,
        403 => ErrorKind::Permission,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::Api,
    }
}

fn error_for(
    head: &ResponseHead,
    kind: ErrorKind,
    message: String,
    code: Option<i64>,
) -> ZillizError {
    let mut e = ZillizError::new(kind, message);
    e.status = if head.status == 0 {
        None
    } else {
        Some(head.status)
    };
    e.code = code;
    e.request_id = head.request_id.clone();
    e.retryable = is_retryable_status(head.status);
    e
}

fn push_status(m: &mut String, status: u16) {
    m.push_str("HTTP ");
    push_int(m, i64::from(status));
}

/// A page of clusters as callers get it, whichever documented shape the
/// answer had (the object, or a bare array of clusters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// `data.count`, or the number of clusters on a bare array.
    pub count: u64,
    /// `data.currentPage`, else the page asked for, else 1.
    pub current_page: u32,
    /// `data.pageSize`, else the size asked for, else the number of clusters.
    pub page_size: u32,
    /// The clusters on this page.
    pub len: u32,
    /// `data` was a bare array of clusters.
    pub bare: bool,
}

/// A success, checked: the body as parsed, and for a list, its page.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked<D> {
    /// The parsed body, unknown fields and all.
    pub body: D,
    /// Set for [`Success::ClusterPage`].
    pub page: Option<PageInfo>,
}

/// Classifies one answer to a request of `endpoint` for `target`, whose body
/// has already been parsed (or failed to parse), and hands back the body if
/// it is the endpoint's documented success for that target. Text the server
/// sent is cleaned of `secret` (the key) before it is cut into a message.
pub fn classify_response<D: ParsedBody>(
    endpoint: &Endpoint,
    head: &ResponseHead,
    body: Result<D, BodyError>,
    target: &Target,
    secret: &str,
) -> Result<Checked<D>, ZillizError> {
    match head.status {
        200..=299 => parse_success_status(endpoint, head, body, target, secret),
        // 0: a browser's opaque redirect, whose status and location are hidden.
        0 | 300..=399 => {
            let mut m = String::from("the server answered with a redirect");
            if head.status != 0 {
                m.push_str(" (");
                push_status(&mut m, head.status);
                m.push_str(") to ");
                m.push_str(head.location.as_deref().unwrap_or("no location"));
            }
            m.push_str(
                ", which is not followed so that the API key goes only to the configured base URL",
            );
            Err(error_for(head, ErrorKind::Api, m, None))
        }
        _ => Err(parse_error_status(endpoint, head, body, secret)),
    }
}

/// A 2xx: the body decides between success and a logical error.
fn parse_success_status<D: ParsedBody>(
    endpoint: &Endpoint,
    head: &ResponseHead,
    body: Result<D, BodyError>,
    target: &Target,
    secret: &str,
) -> Result<Checked<D>, ZillizError> {
    let decode = |reason: &str| {
        let mut m = String::from("unexpected response to the ");
        m.push_str(endpoint.name);
        m.push_str(" request (");
        push_status(&mut m, head.status);
        m.push_str("): ");
        m.push_str(reason);
        error_for(head, ErrorKind::Decode, m, None)
    };
    let doc = match body {
        Ok(doc) => doc,
        Err(BodyError::Empty) => return Err(decode("the body is empty")),
        Err(BodyError::Syntax) => return Err(decode("the body is not valid JSON")),
    };
    if doc.kind() != JsonKind::Object {
        return Err(decode(&is_not("the body", &doc, "an object")));
    }
    let code = match doc.member("code") {
        None => return Err(decode("the body has no \"code\"")),
        Some(c) => c
            .integer()
            .ok_or_else(|| decode("\"code\" is not an integer"))?,
    };
    if code != 0 && code != 200 {
        return Err(logical_error(endpoint, head, &doc, code, secret));
    }
    let data = doc
        .member("data")
        .filter(|d| d.kind() != JsonKind::Null)
        .ok_or_else(|| decode("\"data\" is missing"))?;
    let page = match endpoint.success {
        Success::ClusterPage => Some(read_page(&data, target).map_err(|r| decode(&r))?),
        Success::Cluster | Success::ClusterAction => {
            if data.kind() != JsonKind::Object {
                return Err(decode(&is_not("\"data\"", &data, "an object")));
            }
            let answered = string_member(&data, "data", "clusterId").map_err(|r| decode(&r))?;
            if endpoint.success == Success::ClusterAction {
                string_member(&data, "data", "prompt").map_err(|r| decode(&r))?;
            }
            if answered != target.cluster_id {
                let mut r = String::from("the answer names cluster ");
                r.push_str(&clean_text(&answered, 128, secret).unwrap_or_default());
                r.push_str(", not the requested ");
                r.push_str(&target.cluster_id);
                return Err(decode(&r));
            }
            None
        }
    };
    Ok(Checked { body: doc, page })
}

/// "`what` is a number, expected `expected`".
fn is_not<D: ParsedBody>(what: &str, value: &D, expected: &str) -> String {
    let mut r = String::from(what);
    r.push_str(" is ");
    r.push_str(value.kind().name());
    r.push_str(", expected ");
    r.push_str(expected);
    r
}

/// A member that must be a string: its value, or why not (the message is
/// written only then: a success allocates nothing for it).
fn string_member<D: ParsedBody>(object: &D, path: &str, name: &str) -> Result<String, String> {
    let value = object.member(name);
    if let Some(text) = value.as_ref().and_then(ParsedBody::text) {
        return Ok(text);
    }
    let mut what = String::from("\"");
    what.push_str(path);
    what.push('.');
    what.push_str(name);
    what.push('"');
    match value {
        Some(v) => Err(is_not(&what, &v, "a string")),
        None => {
            what.push_str(" is missing");
            Err(what)
        }
    }
}

/// A page of clusters: `data` as the documented object (`clusters` and its
/// numbers) or as a bare array of clusters, each an object with a string
/// `clusterId`.
fn read_page<D: ParsedBody>(data: &D, target: &Target) -> Result<PageInfo, String> {
    let bare = data.kind() == JsonKind::Array;
    let clusters = if bare {
        data.elements()
    } else if data.kind() == JsonKind::Object {
        match data.member("clusters") {
            Some(c) if c.kind() == JsonKind::Array => c.elements(),
            Some(c) => return Err(is_not("\"data.clusters\"", &c, "an array")),
            None => return Err("\"data.clusters\" is missing".into()),
        }
    } else {
        return Err(is_not("\"data\"", data, "an object or an array"));
    };
    for cluster in &clusters {
        if cluster.kind() != JsonKind::Object {
            return Err(is_not("a cluster of the page", cluster, "an object"));
        }
        string_member(cluster, "data.clusters[]", "clusterId")?;
    }
    let len = u32::try_from(clusters.len()).unwrap_or(u32::MAX);
    // The object form's own numbers, where it has them.
    let number = |name: &str| -> Result<Option<u64>, String> {
        match data.member(name).filter(|_| !bare) {
            None => Ok(None),
            Some(v) => match v.integer().and_then(|n| u64::try_from(n).ok()) {
                Some(n) => Ok(Some(n)),
                None => {
                    let mut r = String::from("\"data.");
                    r.push_str(name);
                    r.push_str("\" is not a non-negative integer");
                    Err(r)
                }
            },
        }
    };
    let small = |n: Option<u64>| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    Ok(PageInfo {
        count: number("count")?.unwrap_or(u64::from(len)),
        current_page: small(number("currentPage")?)
            .or(target.current_page)
            .unwrap_or(1),
        page_size: small(number("pageSize")?)
            .or(target.page_size)
            .unwrap_or(len),
        len,
        bare,
    })
}

/// A 2xx whose body carries a non-zero code: the server refused.
fn logical_error<D: ParsedBody>(
    endpoint: &Endpoint,
    head: &ResponseHead,
    doc: &D,
    code: i64,
    secret: &str,
) -> ZillizError {
    let kind = kind_for_code(code).unwrap_or(ErrorKind::Api);
    let mut e = error_for(
        head,
        kind,
        server_message(endpoint, doc, code, head.status, secret),
        Some(code),
    );
    e.retryable = false;
    e
}

/// A 4xx or 5xx (or an unexpected 1xx): the body may say why.
fn parse_error_status<D: ParsedBody>(
    endpoint: &Endpoint,
    head: &ResponseHead,
    body: Result<D, BodyError>,
    secret: &str,
) -> ZillizError {
    let empty = body.as_ref().is_err_and(|e| *e == BodyError::Empty);
    let doc = body.ok().filter(|d| d.kind() == JsonKind::Object);
    let code = doc
        .as_ref()
        .and_then(|d| d.member("code"))
        .and_then(|c| c.integer());
    let kind = match head.status {
        429 => ErrorKind::RateLimited,
        500..=599 => ErrorKind::Server,
        _ => code
            .and_then(kind_for_code)
            .unwrap_or_else(|| kind_for_status(head.status)),
    };
    let message = match (&doc, code) {
        (Some(d), Some(c)) => server_message(endpoint, d, c, head.status, secret),
        _ => {
            let mut m = String::new();
            push_status(&mut m, head.status);
            m.push_str(match (kind, empty) {
                (_, true) => " with an empty body",
                _ => " with a body that is not the documented JSON",
            });
            m.push_str(match kind {
                ErrorKind::Auth => ": check the API key",
                ErrorKind::Permission => ": the API key lacks permission",
                ErrorKind::NotFound => ": not found",
                ErrorKind::RateLimited => ": too many requests",
                ErrorKind::Server => ": the server or a gateway failed",
                _ => "",
            });
            m
        }
    };
    error_for(head, kind, message, code)
}

/// `"{message} (code N, HTTP S)"`, with the server's message cut to a sane length.
fn server_message<D: ParsedBody>(
    endpoint: &Endpoint,
    doc: &D,
    code: i64,
    status: u16,
    secret: &str,
) -> String {
    let mut m = String::new();
    let text = doc
        .member("message")
        .and_then(|v| v.text())
        .unwrap_or_default();
    match clean_text(&text, MAX_MESSAGE_BYTES, secret) {
        Some(text) => m.push_str(&text),
        None => {
            m.push_str("the server refused the ");
            m.push_str(endpoint.name);
            m.push_str(" request");
        }
    }
    m.push_str(" (code ");
    push_int(&mut m, code);
    m.push_str(", ");
    push_status(&mut m, status);
    m.push(')');
    m
}

#[cfg(test)]
mod tests;
