//! Dispatch: control surface, drop endpoint, preflight, static files, 404.
//! The order matters: the API wins over static files, and only requests that
//! reach the API side are logged.

use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};

use crate::body::MockBody;
use crate::conn::Ctx;
use crate::{api, control, cors, paths, reply, static_files};

/// Answers one request; never panics on client input.
pub async fn route(ctx: &Ctx, req: Request<Incoming>) -> Response<MockBody> {
    let path = req.uri().path().to_string();
    let mut res = if path == "/__mock" || path.starts_with("/__mock/") {
        if req.method() == Method::OPTIONS {
            cors::preflight(api::wants_private_network(&req))
        } else {
            control::handle(&ctx.shared, req).await
        }
    } else if let Some(cluster_id) = paths::drop_cluster_id(&path) {
        api::drop_endpoint(ctx, req, cluster_id).await
    } else if req.method() == Method::OPTIONS {
        api::preflight(ctx, &req)
    } else if let Some(res) = static_files::serve(ctx.shared.config(), req.method(), &path).await {
        res
    } else if path == "/favicon.ico" && req.method() == Method::GET {
        // Browsers fetch this on their own; it must not look like a stray call.
        reply::status(StatusCode::NO_CONTENT)
    } else {
        api::not_found(ctx, &req)
    };
    cors::apply(res.headers_mut());
    res
}
