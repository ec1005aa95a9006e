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
use crate::clusters::{DroppedAs, Record};
use crate::faults::parse_faults;
use crate::reply::{control_error, json};
use crate::state::Shared;

/// Largest accepted control body.
const MAX_BODY: usize = 1024 * 1024;

/// Known routes, for telling 404 from 405.
const ROUTES: [&str; 8] = [
    "/reset",
    "/drop",
    "/health",
    "/clusters",
    "/faults",
    "/config",
    "/requests",
    "",
];

/// `POST /clusters`: IDs (the fixture's records), whole records (added or
/// replaced: a rename), or a number of generated clusters; any of the three.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddClusters {
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    clusters: Vec<Record>,
    #[serde(default)]
    generate: u32,
}

/// `POST /drop`: clusters dropped as the API would drop them, by someone
/// else (another console, a colleague): not in the request log.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DropClusters {
    ids: Vec<String>,
}

/// The most clusters `generate` makes at once.
const MAX_GENERATED: u32 = 100_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ConfigPatch {
    rate: Option<u32>,
    deleting_ms: Option<u64>,
    transition_ms: Option<u64>,
    dropped_as: Option<DroppedAs>,
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
        (&Method::POST, "/clusters") => match parse::<AddClusters>(&body) {
            Ok(add)
                if add.ids.iter().any(String::is_empty)
                    || add.clusters.iter().any(|c| c.cluster_id.is_empty()) =>
            {
                bad_request("cluster ids must be non-empty strings")
            }
            Ok(add) if add.generate > MAX_GENERATED => {
                bad_request(&format!("generate at most {MAX_GENERATED} clusters"))
            }
            Ok(add) => {
                shared.add_clusters(add.ids);
                shared.upsert_clusters(add.clusters);
                shared.upsert_clusters(Record::generated(add.generate));
                json(
                    StatusCode::OK,
                    &json!({ "ok": true, "ids": shared.clusters() }),
                )
            }
            Err(e) => bad_request(&e),
        },
        (&Method::POST, "/drop") => match parse::<DropClusters>(&body) {
            Ok(drop) => match drop.ids.iter().find(|id| shared.drop_cluster(id).is_err()) {
                Some(id) => bad_request(&format!("no cluster {id} to drop")),
                None => ok(),
            },
            Err(e) => bad_request(&e),
        },
        (&Method::DELETE, "/clusters") => {
            shared.clear_clusters();
            ok()
        }
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
        (&Method::GET, "/config") => json(StatusCode::OK, &config_json(shared)),
        (&Method::POST, "/config") => match parse::<ConfigPatch>(&body) {
            Ok(patch) if patch.deleting_ms.max(patch.transition_ms) > Some(600_000) => {
                bad_request("deletingMs and transitionMs are at most 600000")
            }
            Ok(patch) => {
                if let Some(rate) = patch.rate {
                    shared.set_rate(rate);
                }
                let mut timing = shared.timing();
                timing.deleting_ms = patch.deleting_ms.unwrap_or(timing.deleting_ms);
                timing.transition_ms = patch.transition_ms.unwrap_or(timing.transition_ms);
                timing.dropped_as = patch.dropped_as.unwrap_or(timing.dropped_as);
                shared.set_timing(timing);
                let mut answer = config_json(shared);
                if let Some(o) = answer.as_object_mut() {
                    o.insert("ok".into(), json!(true));
                }
                json(StatusCode::OK, &answer)
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

fn config_json(shared: &Shared) -> serde_json::Value {
    let timing = shared.timing();
    json!({
        "rate": shared.rate(),
        "deletingMs": timing.deleting_ms,
        "transitionMs": timing.transition_ms,
        "droppedAs": timing.dropped_as,
    })
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
