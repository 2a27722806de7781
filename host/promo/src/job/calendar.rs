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
