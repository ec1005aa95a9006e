//! Turning a response (status, headers, parsed body) into a result.

use super::body::{BodyError, JsonKind, ParsedBody};
use super::error::{ErrorKind, ZillizError};
use super::retry::is_retryable_status;
use super::text::{clean_text, push_int};

/// Bodies larger than this are refused unread: a drop answer is a few hundred bytes.
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

/// Classifies one answer to the drop request for `cluster_id`, whose body
/// has already been parsed (or failed to parse), and hands back the body if
/// it is the documented success for that cluster. Text the server sent is
/// cleaned of `secret` (the key) before it is cut into a message.
pub fn classify_drop_response<D: ParsedBody>(
    head: &ResponseHead,
    body: Result<D, BodyError>,
    cluster_id: &str,
    secret: &str,
) -> Result<D, ZillizError> {
    match head.status {
        200..=299 => parse_success_status(head, body, cluster_id, secret),
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
        _ => Err(parse_error_status(head, body, secret)),
    }
}

/// A 2xx: the body decides between success and a logical error.
fn parse_success_status<D: ParsedBody>(
    head: &ResponseHead,
    body: Result<D, BodyError>,
    cluster_id: &str,
    secret: &str,
) -> Result<D, ZillizError> {
    let decode = |reason: &str| {
        let mut m = String::from("unexpected response to the drop request (");
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
        let mut r = String::from("the body is ");
        r.push_str(doc.kind().name());
        r.push_str(", expected an object");
        return Err(decode(&r));
    }
    let code = match doc.member("code") {
        None => return Err(decode("the body has no \"code\"")),
        Some(c) => c
            .integer()
            .ok_or_else(|| decode("\"code\" is not an integer"))?,
    };
    if code != 0 && code != 200 {
        return Err(logical_error(head, &doc, code, secret));
    }
    let data = match doc.member("data") {
        Some(d) if d.kind() == JsonKind::Object => d,
        Some(d) if d.kind() != JsonKind::Null => return Err(decode("\"data\" is not an object")),
        _ => return Err(decode("\"data\" is missing")),
    };
    let string_field = |name: &str| -> Result<(), ZillizError> {
        match data.member(name) {
            Some(v) if v.kind() == JsonKind::String => Ok(()),
            Some(other) => {
                let mut r = String::from("\"data.");
                r.push_str(name);
                r.push_str("\" is ");
                r.push_str(other.kind().name());
                r.push_str(", expected a string");
                Err(decode(&r))
            }
            None => {
                let mut r = String::from("\"data.");
                r.push_str(name);
                r.push_str("\" is missing");
                Err(decode(&r))
            }
        }
    };
    string_field("clusterId")?;
    string_field("prompt")?;
    let answered = data
        .member("clusterId")
        .and_then(|v| v.text())
        .unwrap_or_default();
    if answered != cluster_id {
        let mut r = String::from("the answer names cluster ");
        r.push_str(&clean_text(&answered, 128, secret).unwrap_or_default());
        r.push_str(", not the requested ");
        r.push_str(cluster_id);
        return Err(decode(&r));
    }
    Ok(doc)
}

/// A 2xx whose body carries a non-zero code: the server refused.
fn logical_error<D: ParsedBody>(
    head: &ResponseHead,
    doc: &D,
    code: i64,
    secret: &str,
) -> ZillizError {
    let kind = kind_for_code(code).unwrap_or(ErrorKind::Api);
    let mut e = error_for(
        head,
        kind,
        server_message(doc, code, head.status, secret),
        Some(code),
    );
    e.retryable = false;
    e
}

/// A 4xx or 5xx (or an unexpected 1xx): the body may say why.
fn parse_error_status<D: ParsedBody>(
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
        (Some(d), Some(c)) => server_message(d, c, head.status, secret),
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
fn server_message<D: ParsedBody>(doc: &D, code: i64, status: u16, secret: &str) -> String {
    let mut m = String::new();
    let text = doc
        .member("message")
        .and_then(|v| v.text())
        .unwrap_or_default();
    match clean_text(&text, MAX_MESSAGE_BYTES, secret) {
        Some(text) => m.push_str(&text),
        None => m.push_str("the server refused the drop"),
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
