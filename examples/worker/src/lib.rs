//! `POST /?clusterId=in01-6183d6bac30f801` drops that cluster (put your own
//! authentication in front of it). `wrangler secret put ZILLIZ_API_KEY`;
//! `ZILLIZ_BASE_URL` is optional (a proxy; the tests point it at the mock).
use worker::*;
use zilliz_cloud_wasm::{ClientOptions, ErrorKind, ZillizCloud};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    if req.method() != Method::Post {
        return Response::error("POST only", 405);
    }
    let url = req.url()?;
    let cluster_id = url
        .query_pairs()
        .find(|(name, _)| name == "clusterId")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let mut options = ClientOptions::new(env.secret("ZILLIZ_API_KEY")?.to_string());
    if let Ok(base_url) = env.var("ZILLIZ_BASE_URL") {
        options = options.base_url(base_url.to_string());
    }
    let result = match ZillizCloud::new(options) {
        Ok(zc) => zc.drop_cluster(&cluster_id).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(res) => Response::from_json(&res.data),
        Err(e) => {
            let status = if e.kind() == ErrorKind::InvalidInput { 400 } else { 502 };
            let body = serde_json::json!({
                "kind": e.kind().as_str(),
                "message": e.to_string(),
                "requestId": e.request_id(),
            });
            Ok(Response::from_json(&body)?.with_status(status))
        }
    }
}
