//! The job's service-account token: OAuth 2.0 client credentials against
//! Keycloak (`promo-job`), cached and refreshed shortly before it expires so a
//! long run never sends an expired token. A 401 from a resource server drops
//! the cached token ([`TokenSource::invalidate`]) and the retry fetches a new one.

use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Deserialize;
use tokio::sync::Mutex;

use super::retry::CallError;

/// Renew the token when less than this much of its lifetime is left.
const REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// Hands out a valid bearer token for the job's client.
#[derive(Debug)]
pub struct TokenSource {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: String,
    cached: Mutex<Option<CachedToken>>,
}

#[derive(Debug, Clone)]
struct CachedToken {
    access_token: String,
    renew_at: Instant,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
}

impl TokenSource {
    /// A token source for `client_id` in `realm` of the Keycloak at `keycloak_url`.
    pub fn new(http: reqwest::Client, keycloak_url: &str, realm: &str, client_id: &str, client_secret: &str) -> Self {
        Self {
            http,
            token_url: format!("{keycloak_url}/realms/{realm}/protocol/openid-connect/token"),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            cached: Mutex::new(None),
        }
    }

    /// A bearer token valid for at least the refresh margin (fetched if needed).
    pub async fn bearer(&self) -> Result<String, CallError> {
        let mut cached = self.cached.lock().await;
        if let Some(token) = cached.as_ref().filter(|token| Instant::now() < token.renew_at) {
            return Ok(token.access_token.clone());
        }
        let token = self.fetch().await?;
        let access_token = token.access_token.clone();
        *cached = Some(token);
        Ok(access_token)
    }

    /// Forgets the cached token (after a 401), so the next call fetches a new one.
    pub async fn invalidate(&self) {
        *self.cached.lock().await = None;
    }

    async fn fetch(&self) -> Result<CachedToken, CallError> {
        let what = "getting a promo-job token from Keycloak";
        let fetched_at = Instant::now();
        let response = self
            .http
            .post(&self.token_url)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.as_str()),
            ])
            .send()
            .await
            .map_err(|error| CallError::from_reqwest(what, error))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            // A wrong secret is a 401 from the token endpoint: no retry fixes it.
            return Err(if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                CallError::from_status(what, status, &body)
            } else {
                CallError::Fatal(anyhow::anyhow!("{what}: HTTP {status}: {body}"))
            });
        }
        let token: TokenResponse = response
            .json()
            .await
            .context("reading Keycloak's token response")
            .map_err(CallError::Fatal)?;
        let lifetime = Duration::from_secs(token.expires_in);
        let renew_in = lifetime.saturating_sub(REFRESH_MARGIN.min(lifetime / 2));
        Ok(CachedToken { access_token: token.access_token, renew_at: fetched_at + renew_in })
    }
}
