//! Shared mutable state of one running mock: clusters, faults, request log
//! and rate windows, behind one mutex (contention is irrelevant for a mock).

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use serde_json::Value;

use crate::clusters::{Fleet, Record, Refusal, Timing};
use crate::config::Config;
use crate::faults::{Fault, FaultQueue};
use crate::log::{Arrival, Auth, LogEntry, RequestLog};
use crate::rate::RateLimiter;

struct Inner {
    clusters: Fleet,
    timing: Timing,
    faults: FaultQueue,
    log: RequestLog,
    rate: RateLimiter,
}

/// State shared by all connections of one server.
pub struct Shared {
    config: Config,
    started: Instant,
    ids: AtomicU64,
    hasher: RandomState,
    inner: Mutex<Inner>,
}

impl Shared {
    pub fn new(config: Config) -> Self {
        let inner = Inner {
            clusters: seeded(&config),
            timing: config.timing,
            faults: FaultQueue::default(),
            log: RequestLog::default(),
            rate: RateLimiter::new(config.rate),
        };
        Shared {
            config,
            started: Instant::now(),
            ids: AtomicU64::new(0),
            hasher: RandomState::new(),
            inner: Mutex::new(inner),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A poisoned lock only means a handler panicked; the data is still usable.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Milliseconds since start, for the log's `at`.
    pub fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Classifies an Authorization header without keeping it.
    /// `Bearer <key>`, the scheme in any case (RFC 9110 makes it
    /// case-insensitive), the key exactly.
    pub fn classify_auth(&self, header: Option<&[u8]>) -> Auth {
        let Some(v) = header else {
            return Auth::Missing;
        };
        let token = v
            .get(..7)
            .filter(|scheme| scheme.eq_ignore_ascii_case(b"bearer "))
            .and_then(|_| v.get(7..))
            .map(|rest| rest.trim_ascii_start());
        match token {
            Some(t) if t == self.config.api_key.as_bytes() => Auth::Matched,
            _ => Auth::Mismatched,
        }
    }

    /// Keyed hash of the Authorization header, used as the rate-limit key so
    /// the raw value is never stored.
    pub fn auth_key(&self, header: Option<&[u8]>) -> u64 {
        self.hasher.hash_one(header)
    }

    /// Logs an arrival; returns (internal id, unique `requestid` value).
    pub fn log_arrival(&self, arrival: Arrival) -> (u64, String) {
        let id = self.ids.fetch_add(1, Ordering::Relaxed) + 1;
        let noise = self
            .hasher
            .hash_one((id, self.started.elapsed().as_nanos()));
        let request_id = format!("mock-{id:06}-{:08x}", noise as u32);
        self.lock().log.push(id, arrival);
        (id, request_id)
    }

    /// Records the outcome of a logged request (and echoes it to stderr when
    /// verbose; the line never contains the key).
    pub fn log_outcome(&self, id: u64, status: Option<u16>, fault: Option<&'static str>) {
        let entry = self.lock().log.finish(id, status, fault);
        if let Some(e) = entry.filter(|_| self.config.verbose) {
            let status = e.status.map_or("-".to_string(), |s| s.to_string());
            let _ = writeln!(
                std::io::stderr(),
                "[zilliz-mock] #{} {} {} -> {} auth={}{}",
                e.seq,
                e.method,
                e.path,
                status,
                e.auth.as_str(),
                e.fault.map(|f| format!(" fault={f}")).unwrap_or_default()
            );
        }
    }

    pub fn requests(&self) -> Vec<LogEntry> {
        self.lock().log.snapshot()
    }

    pub fn clear_requests(&self) {
        self.lock().log.clear();
    }

    pub fn take_fault(&self) -> Option<Fault> {
        self.lock().faults.take()
    }

    /// Appends faults; returns the queue length.
    pub fn push_faults(&self, faults: Vec<Fault>) -> usize {
        self.lock().faults.extend(faults)
    }

    pub fn pending_faults(&self) -> Vec<Fault> {
        self.lock().faults.pending()
    }

    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    pub fn admit(&self, auth_key: u64) -> bool {
        self.lock().rate.admit(auth_key, Instant::now())
    }

    pub fn rate(&self) -> u32 {
        self.lock().rate.limit()
    }

    pub fn set_rate(&self, rate: u32) {
        self.lock().rate.set_limit(rate);
    }

    /// Starts a drop.
    pub fn drop_cluster(&self, id: &str) -> Result<(), Refusal> {
        let mut inner = self.lock();
        let timing = inner.timing;
        inner.clusters.drop_cluster(id, timing, Instant::now())
    }

    /// Starts a suspend (`suspend`) or a resume.
    pub fn change_cluster(&self, id: &str, suspend: bool) -> Result<(), Refusal> {
        let mut inner = self.lock();
        let timing = inner.timing;
        inner.clusters.change(id, suspend, timing, Instant::now())
    }

    /// Describe's `data`, if the cluster exists.
    pub fn describe(&self, id: &str) -> Option<Value> {
        self.lock().clusters.describe(id, Instant::now())
    }

    /// List's `data`.
    pub fn list(&self, page_size: usize, current_page: usize) -> Value {
        self.lock()
            .clusters
            .list(page_size, current_page, Instant::now())
    }

    pub fn add_clusters(&self, ids: Vec<String>) {
        self.lock().clusters.add_ids(ids);
    }

    /// No clusters at all (an empty project).
    pub fn clear_clusters(&self) {
        self.lock().clusters = Fleet::default();
    }

    pub fn upsert_clusters(&self, records: Vec<Record>) {
        self.lock().clusters.upsert(records);
    }

    /// Sorted cluster ids.
    pub fn clusters(&self) -> Vec<String> {
        self.lock().clusters.ids(Instant::now())
    }

    pub fn timing(&self) -> Timing {
        self.lock().timing
    }

    pub fn set_timing(&self, timing: Timing) {
        self.lock().timing = timing;
    }

    /// Back to the startup state.
    pub fn reset(&self) {
        let mut inner = self.lock();
        inner.clusters = seeded(&self.config);
        inner.timing = self.config.timing;
        inner.faults.clear();
        inner.log.clear();
        inner.rate.clear();
        inner.rate.set_limit(self.config.rate);
    }
}

/// The clusters the mock starts with: the fixture's records of the configured IDs.
fn seeded(config: &Config) -> Fleet {
    let mut fleet = Fleet::default();
    fleet.add_ids(config.clusters.clone());
    fleet
}
