//! Dispatch: control surface, the API's endpoints, preflight, static files, 404.
//! The order matters: the API wins over static files, and only requests that
//! reach the API side are logged.

use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};

use crate::body::MockBody;
use crate::ctx::Ctx;
use crate::{api, control, cors, paths, reply, static_files};

/// Answers one request; never panics on client input.
pub async fn route(ctx: &Ctx, req: Request<Incoming>) -> Response<MockBody> {
    let path = req.uri().path().to_string();
    if path == "/__mock" || path.starts_with("/__mock/") {
        return control_surface(ctx, req).await;
    }
    let mut res = if let Some((endpoint, cluster_id)) = paths::api_route(&path) {
        api::cluster_endpoint(ctx, req, endpoint, cluster_id).await
    } else if req.method() == Method::OPTIONS {
        api::preflight(ctx, &req)
    } else if let Some(res) = static_files::serve(ctx.shared.config(), req.method(), &path).await {
        res
    } else if path == "/favicon.ico" && req.method() == Method::GET {
        // Browsers fetch this on their own; it must not look like a stray call.
        reply::status(StatusCode::NO_CONTENT)
    } else if path == "/console-config.json" && req.method() == Method::GET {
        // The console asks whether a proxy serves it (examples/console-proxy): no config, and
        // neither a call of the API's to log nor a 404 for the browser to print as an error.
        reply::status(StatusCode::NO_CONTENT)
    } else {
        api::not_found(ctx, &req)
    };
    cors::apply(res.headers_mut());
    res
}

/// The control surface answers the mock's own origin, the origins given with
/// `--control-origin`, and requests without an `Origin` (tests, curl): a page
/// open elsewhere in the browser can neither script faults nor read the log.
/// Refused requests get a 403 with no CORS headers, before anything runs.
async fn control_surface(ctx: &Ctx, req: Request<Incoming>) -> Response<MockBody> {
    let origin = req
        .headers()
        .get(hyper::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let own = req
        .headers()
        .get(hyper::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(|host| format!("http://{host}"));
    let allowed_cross = origin
        .as_deref()
        .filter(|o| ctx.shared.config().control_origins.iter().any(|c| c == o));
    if origin.is_some() && origin != own && allowed_cross.is_none() {
        return reply::json(
            StatusCode::FORBIDDEN,
            &serde_json::json!({ "error": "the control surface answers only its own origin" }),
        );
    }
    let mut res = if req.method() == Method::OPTIONS {
        // Only a listed origin gets here cross-origin; no private-network grant.
        cors::preflight(false)
    } else {
        control::handle(&ctx.shared, req).await
    };
    let headers = res.headers_mut();
    headers.remove(hyper::header::ACCESS_CONTROL_ALLOW_ORIGIN);
    if let Some(v) = allowed_cross.and_then(|o| hyper::header::HeaderValue::from_str(o).ok()) {
        headers.insert(hyper::header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    headers.remove(hyper::header::ACCESS_CONTROL_EXPOSE_HEADERS);
    res
}
