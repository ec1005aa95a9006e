//! The one response body type: either a buffer, or a stream fed by a task.
//!
//! Streaming lets faults send a body slowly, partially or in bulk
//! (`stall_body`, `reset_mid_body`, `huge_body`) without buffering it.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::sync::mpsc;

/// A response body.
#[derive(Debug)]
pub enum MockBody {
    /// A complete buffer, sent in one frame (`None` once sent).
    Full(Option<Bytes>),
    /// Chunks produced by a task; the body ends when the sender is dropped.
    Stream(mpsc::Receiver<Bytes>),
}

impl MockBody {
    /// An empty body.
    pub fn empty() -> Self {
        MockBody::Full(None)
    }

    /// A buffered body.
    pub fn full(data: impl Into<Bytes>) -> Self {
        let data = data.into();
        if data.is_empty() {
            MockBody::Full(None)
        } else {
            MockBody::Full(Some(data))
        }
    }
}

impl Body for MockBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            MockBody::Full(data) => Poll::Ready(data.take().map(|b| Ok(Frame::data(b)))),
            MockBody::Stream(rx) => rx.poll_recv(cx).map(|o| o.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, MockBody::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            MockBody::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            MockBody::Full(None) => SizeHint::with_exact(0),
            // Streams set an explicit Content-Length header instead.
            MockBody::Stream(_) => SizeHint::default(),
        }
    }
}
