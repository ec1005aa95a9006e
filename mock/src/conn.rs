//! Per-connection serving. hyper's per-connection API (instead of a
//! whole-server helper) lets a handler kill its own connection, which is how
//! `reset` faults produce a real abrupt close (RST via SO_LINGER 0).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify};

use crate::body::MockBody;
use crate::ctx::{ConnHandle, Ctx};
use crate::router;
use crate::state::Shared;

/// How long in-flight requests may take to finish when the server stops.
const GRACE: Duration = Duration::from_millis(500);

/// Serves one TCP connection until it ends, is killed, or the server stops.
pub async fn serve(stream: TcpStream, shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    let kill = Arc::new(Notify::new());
    let ctx = Arc::new(Ctx {
        shared,
        conn: ConnHandle::new(kill.clone()),
    });
    let svc = service_fn(move |req| {
        let ctx = ctx.clone();
        async move { Ok::<_, Infallible>(router::route(&ctx, req).await) }
    });
    let mut conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), svc);

    tokio::select! {
        _ = &mut conn => {}
        _ = kill.notified() => abort(conn),
        _ = stop_requested(&mut shutdown) => {
            std::pin::Pin::new(&mut conn).graceful_shutdown();
            if tokio::time::timeout(GRACE, &mut conn).await.is_err() {
                abort(conn);
            }
        }
    }
}

/// Takes the socket back from hyper and drops it with SO_LINGER 0, so the
/// peer sees a reset instead of an orderly close.
fn abort<S>(conn: http1::Connection<TokioIo<TcpStream>, S>)
where
    S: hyper::service::HttpService<hyper::body::Incoming, ResBody = MockBody>,
{
    let tcp = conn.into_parts().io.into_inner();
    let _ = tcp.set_zero_linger();
    drop(tcp);
}

/// Resolves once the server is stopping (or its handle is gone). Wrapped so no
/// watch guard is held across an await, which would make the task `!Send`.
pub async fn stop_requested(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|stop| *stop).await;
}
