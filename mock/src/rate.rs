//! Sliding one-second window rate limiter, keyed by a hash of the
//! Authorization header (the header value itself is never stored).

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(1);

/// Per-key admitted-request timestamps within the last second.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    windows: HashMap<u64, VecDeque<Instant>>,
}

impl RateLimiter {
    /// `limit` requests per second per key; 0 = unlimited.
    pub fn new(limit: u32) -> Self {
        RateLimiter {
            limit,
            windows: HashMap::new(),
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    pub fn set_limit(&mut self, limit: u32) {
        self.limit = limit;
    }

    /// Forgets all windows.
    pub fn clear(&mut self) {
        self.windows.clear();
    }

    /// True if the request is allowed; only allowed requests fill the window,
    /// so a client that waits `Retry-After` gets through again.
    pub fn admit(&mut self, key: u64, now: Instant) -> bool {
        if self.limit == 0 {
            return true;
        }
        if self.windows.len() > 1024 {
            self.windows
                .retain(|_, w| w.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        let window = self.windows.entry(key).or_default();
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            window.pop_front();
        }
        if window.len() >= self.limit as usize {
            return false;
        }
        window.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key_and_recovers() {
        let mut r = RateLimiter::new(2);
        let t0 = Instant::now();
        assert!(r.admit(1, t0));
        assert!(r.admit(1, t0));
        assert!(!r.admit(1, t0));
        assert!(r.admit(2, t0));
        assert!(r.admit(1, t0 + WINDOW));
    }

    #[test]
    fn zero_is_unlimited() {
        let mut r = RateLimiter::new(0);
        let t0 = Instant::now();
        assert!((0..1000).all(|_| r.admit(1, t0)));
    }
}
