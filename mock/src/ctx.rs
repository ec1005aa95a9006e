//! What a request handler can reach: the shared state and its own
//! connection. A leaf module, so that the connection, the router and the
//! handlers all import it without importing each other in a circle.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::state::Shared;

/// Lets request handling abort the connection it arrived on.
#[derive(Clone, Debug)]
pub struct ConnHandle {
    kill: Arc<Notify>,
}

impl ConnHandle {
    pub fn new(kill: Arc<Notify>) -> Self {
        ConnHandle { kill }
    }

    /// Closes the connection abruptly, whatever is in flight. Calling it after
    /// the connection ended is harmless.
    pub fn kill(&self) {
        self.kill.notify_one();
    }
}

/// What a request handler can reach.
pub struct Ctx {
    pub shared: Arc<Shared>,
    pub conn: ConnHandle,
}
