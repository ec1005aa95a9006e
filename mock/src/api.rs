//! The cluster endpoints (drop, describe, list, suspend, resume), answering
//! like the real control plane over the project's clusters, plus the logged
//! answers around them (preflight, 404, 405). Every fault applies to every
//! endpoint.

use std::time::Duration;

use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, ORIGIN, RETRY_AFTER};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use serde_json::json;

use crate::body::MockBody;
use crate::clusters::Refusal;
use crate::ctx::Ctx;
use crate::fault_reply::{self, FaultReply};
use crate::faults::Fault;
use crate::log::{Arrival, Auth};
use crate::paths::{query_param, Endpoint};
use crate::state::Shared;
use crate::{cors, reply};

/// Header carrying the per-answer unique id, like the real API's.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("requestid");

/// Each action's `prompt`, as the real control plane words it. The drop's reads the same for
/// every plan (so clients must not trust it about the recycle bin); the suspend's is recorded from
/// the real service; the resume's is this mock's own (no answer of the real one is recorded).
const DROP_PROMPT: &str = "Successfully Submitted. The cluster will not incur any costs after being dropped. You can restore the cluster from the recycle bin within 30 days. Only Dedicated clusters support this feature.";
const SUSPEND_PROMPT: &str = "Successfully Submitted. The cluster will not incur any computing costs when suspended. You will only be billed for the storage costs during this time.";
const RESUME_PROMPT: &str =
    "Successfully Submitted. The cluster will be running once it has resumed.";
const INVALID_TOKEN: &str = "Invalid token: Your token is not valid. Please double-check your request parameters and ensure that you have provided a valid API key.";
const NOT_FOUND: &str = "Cluster not found. Please check your cluster ID.";
const TOO_MANY: &str = "Too many requests, please try again later.";
const EMPTY_ID: &str = "The clusterId is empty.";
const INCORRECT: &str = "Incorrect parameter";
/// The real API's default and largest page (the mock takes up to 1,000, as the client sends).
const DEFAULT_PAGE_SIZE: usize = 10;
const MAX_PAGE_SIZE: usize = 1000;

/// What one API request asks for.
#[derive(Clone)]
struct Asked {
    endpoint: Endpoint,
    cluster_id: String,
    page_size: Option<String>,
    current_page: Option<String>,
}

/// A matching path: preflight, 405, or the endpoint's logic (faults first).
pub async fn cluster_endpoint(
    ctx: &Ctx,
    req: Request<Incoming>,
    endpoint: Endpoint,
    cluster_id: String,
) -> Response<MockBody> {
    let shared = &ctx.shared;
    let auth_header = req
        .headers()
        .get(AUTHORIZATION)
        .map(|v| v.as_bytes().to_vec());
    let logged_id = (endpoint != Endpoint::List).then(|| cluster_id.clone());
    let (id, request_id) = shared.log_arrival(arrival(shared, &req, logged_id));
    let query = req.uri().query();
    let asked = Asked {
        endpoint,
        cluster_id,
        page_size: query_param(query, "pageSize").map(str::to_owned),
        current_page: query_param(query, "currentPage").map(str::to_owned),
    };

    if req.method() == Method::OPTIONS {
        let res = cors::preflight(wants_private_network(&req));
        return finish(shared, id, &request_id, res, None);
    }
    if req.method() != endpoint.method() {
        let res = reply::api_error(StatusCode::METHOD_NOT_ALLOWED, 405, "Method not allowed");
        return finish(shared, id, &request_id, res, None);
    }

    let fault = shared.take_fault();
    if let Some(ms) = fault.as_ref().and_then(|f| f.delay_ms) {
        if !fault.as_ref().is_some_and(Fault::answers_itself) {
            // A real server finishes a slow drop even when the client gave up
            // waiting: run it in its own task, so that a client timeout cannot
            // cancel it. This is what makes a retry find the cluster gone.
            let shared = ctx.shared.clone();
            let task = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                let mut res = normal(&shared, auth_header.as_deref(), &asked);
                stamp(&mut res, &request_id);
                if let Some(f) = &fault {
                    apply_fault_headers(f, res.headers_mut());
                }
                shared.log_outcome(
                    id,
                    Some(res.status().as_u16()),
                    fault.as_ref().map(Fault::label),
                );
                res
            });
            return match task.await {
                Ok(res) => res,
                Err(_) => {
                    reply::api_error(StatusCode::INTERNAL_SERVER_ERROR, 500, "mock task failed")
                }
            };
        }
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    match fault {
        Some(fault) if fault.answers_itself() => match fault_reply::build(&fault, &ctx.conn) {
            FaultReply::Reset => {
                shared.log_outcome(id, None, Some(fault.label()));
                ctx.conn.kill();
                // The connection task drops this future together with the socket.
                std::future::pending::<Response<MockBody>>().await
            }
            FaultReply::Respond {
                mut response,
                logged_status,
            } => {
                stamp(&mut response, &request_id);
                apply_fault_headers(&fault, response.headers_mut());
                shared.log_outcome(id, logged_status, Some(fault.label()));
                response
            }
        },
        other => {
            let mut res = normal(shared, auth_header.as_deref(), &asked);
            stamp(&mut res, &request_id);
            if let Some(f) = &other {
                apply_fault_headers(f, res.headers_mut());
            }
            let status = Some(res.status().as_u16());
            shared.log_outcome(id, status, other.as_ref().map(Fault::label));
            res
        }
    }
}

/// Auth, then the rate limit (the quota belongs to a key that authenticates:
/// a bad key gets 401, never 429), then the endpoint: the real API's order.
fn normal(shared: &Shared, auth_header: Option<&[u8]>, asked: &Asked) -> Response<MockBody> {
    if shared.classify_auth(auth_header) != Auth::Matched {
        return reply::api_error(StatusCode::UNAUTHORIZED, 80001, INVALID_TOKEN);
    }
    if !shared.admit(shared.auth_key(auth_header)) {
        let mut res = reply::api_error(StatusCode::TOO_MANY_REQUESTS, 429, TOO_MANY);
        res.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static("1"));
        return res;
    }
    let id = asked.cluster_id.as_str();
    if asked.endpoint != Endpoint::List && id.is_empty() {
        return reply::api_error(StatusCode::OK, 96025, EMPTY_ID);
    }
    let done = |result: Result<(), Refusal>, prompt: &str| match result {
        Ok(()) => reply::json(
            StatusCode::OK,
            &json!({ "code": 0, "data": { "clusterId": id, "prompt": prompt } }),
        ),
        Err(refusal) => refused(&refusal),
    };
    match asked.endpoint {
        Endpoint::Drop => done(shared.drop_cluster(id), DROP_PROMPT),
        Endpoint::Suspend => done(shared.change_cluster(id, true), SUSPEND_PROMPT),
        Endpoint::Resume => done(shared.change_cluster(id, false), RESUME_PROMPT),
        Endpoint::Describe => match shared.describe(id) {
            Some(data) => reply::json(StatusCode::OK, &json!({ "code": 0, "data": data })),
            None => refused(&Refusal::NotFound),
        },
        Endpoint::List => {
            let number = |v: &Option<String>, default: usize| match v {
                None => Some(default),
                Some(v) => v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n)),
            };
            match (
                number(&asked.page_size, DEFAULT_PAGE_SIZE),
                number(&asked.current_page, 1),
            ) {
                (Some(size), Some(page)) => reply::json(
                    StatusCode::OK,
                    &json!({ "code": 0, "data": shared.list(size, page) }),
                ),
                _ => reply::api_error(StatusCode::OK, 80000, INCORRECT),
            }
        }
    }
}

/// A refusal as the real API answers it: HTTP 200 with a code.
fn refused(refusal: &Refusal) -> Response<MockBody> {
    match refusal {
        Refusal::NotFound => reply::api_error(StatusCode::OK, 96018, NOT_FOUND),
        Refusal::NotSupported(code, plan) => reply::api_error(
            StatusCode::OK,
            *code as u32,
            &format!("This operation is not supported on {plan} clusters."),
        ),
        Refusal::WrongStatus(status) => reply::api_error(
            StatusCode::OK,
            80000,
            &format!("{INCORRECT}: the cluster is {status}."),
        ),
    }
}

/// A logged preflight on a path that is not the API's.
pub fn preflight(ctx: &Ctx, req: &Request<Incoming>) -> Response<MockBody> {
    let (id, request_id) = ctx.shared.log_arrival(arrival(&ctx.shared, req, None));
    finish(
        &ctx.shared,
        id,
        &request_id,
        cors::preflight(wants_private_network(req)),
        None,
    )
}

/// A logged 404, so tests can see stray requests (e.g. a followed redirect).
pub fn not_found(ctx: &Ctx, req: &Request<Incoming>) -> Response<MockBody> {
    let (id, request_id) = ctx.shared.log_arrival(arrival(&ctx.shared, req, None));
    let res = reply::api_error(StatusCode::NOT_FOUND, 404, "Not found");
    finish(&ctx.shared, id, &request_id, res, None)
}

/// True for Chrome's Private Network Access preflights.
pub fn wants_private_network<B>(req: &Request<B>) -> bool {
    req.headers()
        .contains_key("access-control-request-private-network")
}

fn finish(
    shared: &Shared,
    id: u64,
    request_id: &str,
    mut res: Response<MockBody>,
    fault: Option<&'static str>,
) -> Response<MockBody> {
    stamp(&mut res, request_id);
    shared.log_outcome(id, Some(res.status().as_u16()), fault);
    res
}

/// Default headers of every logged answer; set before fault headers so a
/// fault can override them.
fn stamp(res: &mut Response<MockBody>, request_id: &str) {
    if let Ok(v) = HeaderValue::from_str(request_id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    cors::apply(res.headers_mut());
}

fn apply_fault_headers(fault: &Fault, headers: &mut HeaderMap) {
    for (name, value) in fault.headers.iter().flatten() {
        // Validated when queued; anything odd is skipped rather than fatal.
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(n, v);
        }
    }
}

fn header_names<B>(req: &Request<B>) -> Vec<String> {
    let mut names: Vec<String> = req.headers().keys().map(|n| n.as_str().to_owned()).collect();
    names.sort();
    names.dedup();
    names
}

fn arrival<B>(shared: &Shared, req: &Request<B>, cluster_id: Option<String>) -> Arrival {
    let text = |name| {
        req.headers()
            .get(name)
            .map(|v: &HeaderValue| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    Arrival {
        method: req.method().as_str().to_string(),
        path: req.uri().path().to_string(),
        query: req.uri().query().map(str::to_string),
        cluster_id,
        auth: shared.classify_auth(req.headers().get(AUTHORIZATION).map(|v| v.as_bytes())),
        accept: text(ACCEPT),
        origin: text(ORIGIN),
        headers: header_names(req),
        at: shared.elapsed_ms(),
    }
}
