//! Which failures are worth retrying, and how: exponential backoff with jitter
//! (the `backon` crate) until the run's deadline stops everything. Every call
//! the job makes is idempotent (reads, and inbox inserts keyed by
//! `idempotencyKey`), so a retry is always safe.

use std::{
    future::Future,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

use backon::{ExponentialBuilder, Retryable};
use reqwest::StatusCode;

/// A failed call: worth another try, or not.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// 429, 5xx, a timeout or a broken connection: try again after a pause.
    #[error("{0:#}")]
    Transient(anyhow::Error),
    /// Anything else (a 4xx other than 401/429, an unreadable answer): give up.
    #[error("{0:#}")]
    Fatal(anyhow::Error),
}

impl CallError {
    /// Classifies a reqwest error: time-outs and connection problems are transient.
    pub fn from_reqwest(what: &str, error: reqwest::Error) -> Self {
        let transient = error.is_timeout() || error.is_connect() || error.is_request() || error.is_body();
        let error = anyhow::Error::new(error).context(what.to_owned());
        if transient { Self::Transient(error) } else { Self::Fatal(error) }
    }

    /// Classifies an unexpected HTTP status; `body` is the start of the answer.
    pub fn from_status(what: &str, status: StatusCode, body: &str) -> Self {
        let error = anyhow::anyhow!("{what}: HTTP {status}: {}", body.chars().take(300).collect::<String>());
        if is_transient_status(status) { Self::Transient(error) } else { Self::Fatal(error) }
    }

    /// The error inside, for reporting.
    pub fn into_inner(self) -> anyhow::Error {
        match self {
            Self::Transient(error) | Self::Fatal(error) => error,
        }
    }
}

/// 408, 429 and every 5xx: the server may well answer next time. 401 is
/// handled by the caller (a fresh token) and then counts as transient too.
pub fn is_transient_status(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::UNAUTHORIZED
        || status.is_server_error()
}

/// Backoff settings shared by every client of one run.
#[derive(Debug)]
pub struct RetryPolicy {
    min_delay: Duration,
    max_delay: Duration,
    /// How many retries happened, over all calls (for the summary).
    retries: AtomicU64,
}

impl RetryPolicy {
    /// Exponential backoff from `min_delay` doubling up to `max_delay`, with jitter.
    pub fn new(min_delay: Duration, max_delay: Duration) -> Self {
        Self { min_delay, max_delay: max_delay.max(min_delay), retries: AtomicU64::new(0) }
    }

    /// Retries performed so far.
    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    /// Runs `call` until it succeeds or fails fatally. Transient failures are
    /// retried without a count limit: the run's deadline is the limit.
    pub async fn run<T, F, Fut>(&self, what: &str, call: F) -> anyhow::Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, CallError>>,
    {
        let backoff = ExponentialBuilder::new()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_jitter()
            .without_max_times();
        call.retry(backoff)
            .when(|error| matches!(error, CallError::Transient(_)))
            .notify(|error, pause| {
                self.retries.fetch_add(1, Ordering::Relaxed);
                super::log::warn(what, &format!("{error}; retrying in {} ms", pause.as_millis()));
            })
            .await
            .map_err(CallError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    #[tokio::test]
    async fn retries_transient_failures_then_succeeds() {
        let policy = RetryPolicy::new(Duration::from_millis(1), Duration::from_millis(4));
        let calls = AtomicU32::new(0);
        let result = policy
            .run("test call", || async {
                match calls.fetch_add(1, Ordering::SeqCst) {
                    0 => Err(CallError::from_status("test call", StatusCode::SERVICE_UNAVAILABLE, "busy")),
                    1 => Err(CallError::from_status("test call", StatusCode::TOO_MANY_REQUESTS, "slow down")),
                    _ => Ok(42),
                }
            })
            .await
            .unwrap();
        assert_eq!(result, 42);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        assert_eq!(policy.retries(), 2);
    }

    #[tokio::test]
    async fn gives_up_on_a_client_error() {
        let policy = RetryPolicy::new(Duration::from_millis(1), Duration::from_millis(4));
        let calls = AtomicU32::new(0);
        let error = policy
            .run("test call", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<(), _>(CallError::from_status("test call", StatusCode::BAD_REQUEST, "messages[3].day: malformed"))
            })
            .await
            .unwrap_err();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(error.to_string().contains("400"), "{error}");
        assert_eq!(policy.retries(), 0);
    }

    #[test]
    fn classifies_statuses() {
        for status in [429, 408, 401, 500, 502, 503, 504] {
            assert!(is_transient_status(StatusCode::from_u16(status).unwrap()), "{status}");
        }
        for status in [400, 403, 404, 409, 413, 422] {
            assert!(!is_transient_status(StatusCode::from_u16(status).unwrap()), "{status}");
        }
    }
}
