//! The `/__mock/` control surface tests use to script the mock. JSON in, JSON
//! out, never logged; bad input gets a 400 `{"error":"..."}`.

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::CONTENT_LENGTH;
use hyper::{Method, Request, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::body::MockBody;
use crate::faults::parse_faults;
use crate::reply::{control_error, json};
use crate::state::Shared;

/// Largest accepted control body.
const MAX_BODY: usize = 1024 * 1024;

/// Known routes, for telling 404 from 405.
const ROUTES: [&str; 7] = [
    "/reset",
    "/health",
    "/clusters",
    "/faults",
    "/config",
    "/requests",
    "",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ids {
    ids: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigPatch {
    rate: u32,
}

pub async fn handle(shared: &Shared, req: Request<Incoming>) -> Response<MockBody> {
    let method = req.method().clone();
    let path = req.uri().path();
    let route = path
        .strip_prefix("/__mock")
        .unwrap_or(path)
        .trim_end_matches('/')
        .to_string();
    let announced = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY as u64) {
        // Refuse before reading anything; the connection is closed after.
        return bad_request(&format!("body larger than {MAX_BODY} bytes"));
    }
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => return bad_request(&format!("cannot read body: {e}")),
    };

    match (&method, route.as_str()) {
        (&Method::GET, "/health") | (&Method::GET, "") => ok(),
        (&Method::POST, "/reset") => {
            shared.reset();
            ok()
        }
        (&Method::GET, "/clusters") => json(StatusCode::OK, &json!({ "ids": shared.clusters() })),
        (&Method::POST, "/clusters") => match parse::<Ids>(&body) {
            Ok(Ids { ids }) if ids.iter().any(|id| id.is_empty()) => {
                bad_request("cluster ids must be non-empty strings")
            }
            Ok(Ids { ids }) => {
                shared.add_clusters(ids);
                json(
                    StatusCode::OK,
                    &json!({ "ok": true, "ids": shared.clusters() }),
                )
            }
            Err(e) => bad_request(&e),
        },
        (&Method::GET, "/faults") => json(StatusCode::OK, &shared.pending_faults()),
        (&Method::POST, "/faults") => match parse_faults(&body) {
            Ok(faults) => {
                let queued = shared.push_faults(faults);
                json(StatusCode::OK, &json!({ "ok": true, "queued": queued }))
            }
            Err(e) => bad_request(&e),
        },
        (&Method::DELETE, "/faults") => {
            shared.clear_faults();
            ok()
        }
        (&Method::GET, "/config") => json(StatusCode::OK, &json!({ "rate": shared.rate() })),
        (&Method::POST, "/config") => match parse::<ConfigPatch>(&body) {
            Ok(ConfigPatch { rate }) => {
                shared.set_rate(rate);
                json(StatusCode::OK, &json!({ "ok": true, "rate": rate }))
            }
            Err(e) => bad_request(&e),
        },
        (&Method::GET, "/requests") => json(StatusCode::OK, &shared.requests()),
        (&Method::DELETE, "/requests") => {
            shared.clear_requests();
            ok()
        }
        (_, r) if ROUTES.contains(&r) => control_error(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("method {method} not allowed on /__mock{route}"),
        ),
        _ => control_error(
            StatusCode::NOT_FOUND,
            &format!("unknown control route /__mock{route}"),
        ),
    }
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))
}

fn ok() -> Response<MockBody> {
    json(StatusCode::OK, &json!({ "ok": true }))
}

fn bad_request(message: &str) -> Response<MockBody> {
    control_error(StatusCode::BAD_REQUEST, message)
}
