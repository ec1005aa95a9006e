//! The request log that tests read through `GET /__mock/requests`.
//!
//! It records what arrived, never the API key itself: only whether the
//! Authorization header matched.

use serde::Serialize;

/// How the Authorization header compared with `Bearer <api-key>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    /// Exactly `Bearer <api-key>`.
    Matched,
    /// Present but different.
    Mismatched,
    /// Absent.
    Missing,
}

impl Auth {
    /// The same word as in the JSON log.
    pub fn as_str(self) -> &'static str {
        match self {
            Auth::Matched => "matched",
            Auth::Mismatched => "mismatched",
            Auth::Missing => "missing",
        }
    }
}

/// One logged request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// Internal, never reused, so late updates cannot hit a newer entry after
    /// the log was cleared.
    #[serde(skip)]
    pub(crate) id: u64,
    /// 1-based arrival number since the log was last cleared.
    pub seq: u64,
    pub method: String,
    /// Path without the query string.
    pub path: String,
    /// The query string, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Decoded cluster id when the path names a cluster.
    pub cluster_id: Option<String>,
    pub auth: Auth,
    pub accept: Option<String>,
    pub origin: Option<String>,
    /// The names of the headers that arrived, lowercase and sorted (never their values): what a
    /// proxy in front passed on.
    pub headers: Vec<String>,
    /// HTTP status sent; `None` when the connection was reset or stalled.
    pub status: Option<u16>,
    /// Label of the fault that answered, if any.
    pub fault: Option<&'static str>,
    /// Milliseconds since the server started.
    pub at: u64,
}

/// What a handler knows about a request when it arrives.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub cluster_id: Option<String>,
    pub auth: Auth,
    pub accept: Option<String>,
    pub origin: Option<String>,
    pub headers: Vec<String>,
    pub at: u64,
}

/// Bound on kept entries, so a long browser session cannot grow memory forever.
const MAX_ENTRIES: usize = 50_000;

/// Arrival-ordered log.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: Vec<LogEntry>,
    next_seq: u64,
}

impl RequestLog {
    /// Records an arrival and returns the entry's seq.
    pub fn push(&mut self, id: u64, a: Arrival) -> u64 {
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.drain(..MAX_ENTRIES / 10);
        }
        self.next_seq += 1;
        self.entries.push(LogEntry {
            id,
            seq: self.next_seq,
            method: a.method,
            path: a.path,
            query: a.query,
            cluster_id: a.cluster_id,
            auth: a.auth,
            accept: a.accept,
            origin: a.origin,
            headers: a.headers,
            status: None,
            fault: None,
            at: a.at,
        });
        self.next_seq
    }

    /// Fills in how the request was answered and returns the updated entry.
    /// An entry cleared meanwhile is ignored.
    pub fn finish(
        &mut self,
        id: u64,
        status: Option<u16>,
        fault: Option<&'static str>,
    ) -> Option<LogEntry> {
        let e = self.entries.iter_mut().rev().find(|e| e.id == id)?;
        e.status = status;
        e.fault = fault;
        Some(e.clone())
    }

    /// A copy of all entries.
    pub fn snapshot(&self) -> Vec<LogEntry> {
        self.entries.clone()
    }

    /// Empties the log and restarts seq at 1.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.next_seq = 0;
    }
}
