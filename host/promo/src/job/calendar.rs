//! Re-reads a promotion from the event calendar (`calendar-reader`), so the job
//! acts on what the admin has now, not on what the scheduler saw.

use std::sync::Arc;

use reqwest::StatusCode;

use super::{auth::TokenSource, retry::{CallError, RetryPolicy}};

/// Client of `GET {CALENDAR_URL}/api/internal/promotions/{id}`.
pub struct CalendarClient {
    http: reqwest::Client,
    base_url: String,
    tokens: Arc<TokenSource>,
}

impl CalendarClient {
    /// A client of the calendar at `base_url`.
    pub fn new(http: reqwest::Client, base_url: &str, tokens: Arc<TokenSource>) -> Self {
        Self { http, base_url: base_url.to_owned(), tokens }
    }

    /// The promotion's current JSON, or `None` when the calendar no longer has it.
    pub async fn promotion(&self, id: &str, retry: &RetryPolicy) -> anyhow::Result<Option<String>> {
        let mut url = reqwest::Url::parse(&self.base_url)?;
        url.path_segments_mut()
            .map_err(|()| anyhow::anyhow!("CALENDAR_URL cannot be a base URL"))?
            .extend(["api", "internal", "promotions", id]);
        let what = format!("reading promotion {id} from the calendar");
        retry
            .run(&what, || async {
                let token = self.tokens.bearer().await?;
                let response = self
                    .http
                    .get(url.clone())
                    .bearer_auth(token)
                    .send()
                    .await
                    .map_err(|error| CallError::from_reqwest(&what, error))?;
                let status = response.status();
                if status == StatusCode::NOT_FOUND {
                    return Ok(None);
                }
                if status == StatusCode::UNAUTHORIZED {
                    self.tokens.invalidate().await;
                }
                let body = response.text().await.map_err(|error| CallError::from_reqwest(&what, error))?;
                if status.is_success() { Ok(Some(body)) } else { Err(CallError::from_status(&what, status, &body)) }
            })
            .await
    }
}

/// The report of one shard's run, `POST {CALENDAR_URL}/api/internal/promotions/{id}/deliveries`
/// (role `delivery-reporter`): tried `REPORT_ATTEMPTS` times with short pauses,
/// never under the run's retry policy — a report that cannot be sent must not
/// hold the delivery up or fail it (the caller logs it loudly).
pub const REPORT_ATTEMPTS: u32 = 4;

impl CalendarClient {
    /// Sends `report` (contracts.md "Calendar — delivery reports"); `Ok` once
    /// the calendar stored it, the last error after `REPORT_ATTEMPTS` tries or
    /// at once for an answer that another try cannot change (a 4xx but 401/408/429).
    pub async fn report_delivery(&self, id: &str, report: &serde_json::Value, pause: std::time::Duration) -> anyhow::Result<()> {
        let mut url = reqwest::Url::parse(&self.base_url)?;
        url.path_segments_mut()
            .map_err(|()| anyhow::anyhow!("CALENDAR_URL cannot be a base URL"))?
            .extend(["api", "internal", "promotions", id, "deliveries"]);
        let what = format!("reporting the delivery of promotion {id} to the calendar");
        let mut last = None;
        for attempt in 0..REPORT_ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(pause * 3u32.pow(attempt - 1)).await;
            }
            let result: Result<(), CallError> = async {
                let token = self.tokens.bearer().await?;
                let response = self
                    .http
                    .post(url.clone())
                    .bearer_auth(token)
                    .json(report)
                    .send()
                    .await
                    .map_err(|error| CallError::from_reqwest(&what, error))?;
                let status = response.status();
                if status.is_success() {
                    return Ok(());
                }
                if status == StatusCode::UNAUTHORIZED {
                    self.tokens.invalidate().await;
                }
                let body = response.text().await.unwrap_or_default();
                Err(CallError::from_status(&what, status, &body))
            }
            .await;
            match result {
                Ok(()) => return Ok(()),
                Err(CallError::Fatal(error)) => return Err(error),
                Err(CallError::Transient(error)) => last = Some(error),
            }
        }
        Err(last.unwrap_or_else(|| anyhow::anyhow!("{what}: no attempt made")))
    }
}
