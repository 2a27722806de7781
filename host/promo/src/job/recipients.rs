//! Who receives the day's message: every enabled member of the realm role
//! `customer`, paged through Keycloak's Admin REST API, or the lines of a JSON
//! Lines file (`--recipients`, for segments and load tests).
//!
//! Both sources are positional: a shard reads positions `[start, end)` of the
//! same ordering (Keycloak lists role members ordered by username), so the
//! shards of an Indexed Job cover everyone once. Recipients are streamed in
//! batches through a bounded channel and never collected, so memory stays flat
//! however many customers there are. A disabled user keeps their position and
//! is skipped.

use std::{ops::Range, path::PathBuf, sync::Arc};

use promo_host::{Recipient, RecipientTable};
use serde::Deserialize;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    sync::mpsc,
};

use super::{
    BadInput,
    auth::TokenSource,
    retry::{CallError, RetryPolicy},
};

/// Where the recipients come from.
pub enum RecipientSource {
    /// Enabled members of a realm role, from the Keycloak Admin REST API.
    Keycloak(KeycloakDirectory),
    /// One JSON object a line: `userId`, `username`, optional `firstName`, `locale`.
    File(PathBuf),
}

impl RecipientSource {
    /// How many positions there are to split into shards.
    pub async fn count(&self, retry: &RetryPolicy) -> anyhow::Result<u64> {
        match self {
            Self::Keycloak(directory) => directory.count(retry).await,
            Self::File(path) => {
                let mut lines = open_lines(path).await?;
                let mut count = 0;
                while let Some(line) = lines.next_line().await? {
                    if !line.trim().is_empty() {
                        count += 1;
                    }
                }
                Ok(count)
            }
        }
    }

    /// Sends the recipients at positions `range` in batches of up to
    /// `batch_size`; stops early (without error) when the receiver is gone.
    pub async fn send_range(
        &self,
        range: Range<u64>,
        batch_size: usize,
        retry: &RetryPolicy,
        batches: mpsc::Sender<RecipientTable>,
    ) -> anyhow::Result<()> {
        let mut batcher = Batcher { batch: RecipientTable::with_capacity(batch_size), batch_size, batches };
        match self {
            Self::Keycloak(directory) => directory.send_range(range, retry, &mut batcher).await?,
            Self::File(path) => {
                let mut lines = open_lines(path).await?;
                let (mut position, mut line_number) = (0u64, 0u64);
                while let Some(line) = lines.next_line().await? {
                    line_number += 1;
                    if line.trim().is_empty() {
                        continue;
                    }
                    if position >= range.end {
                        break;
                    }
                    if position >= range.start {
                        let recipient: Recipient = serde_json::from_str(&line).map_err(|error| {
                            BadInput::new(format!("recipients line {line_number}"), error.to_string())
                        })?;
                        if !batcher.push(&recipient.user_id, &recipient.username, recipient.first_name.as_deref(), recipient.locale.as_deref()).await {
                            return Ok(());
                        }
                    }
                    position += 1;
                }
            }
        }
        batcher.flush().await;
        Ok(())
    }
}

async fn open_lines(path: &PathBuf) -> anyhow::Result<tokio::io::Lines<BufReader<tokio::fs::File>>> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|error| BadInput::new("--recipients", format!("cannot open {}: {error}", path.display())))?;
    Ok(BufReader::with_capacity(256 * 1024, file).lines())
}

/// Groups single recipients into the renderer's tables.
struct Batcher {
    batch: RecipientTable,
    batch_size: usize,
    batches: mpsc::Sender<RecipientTable>,
}

impl Batcher {
    /// Adds one; false when the receiving side has stopped.
    async fn push(&mut self, user_id: &str, username: &str, first_name: Option<&str>, locale: Option<&str>) -> bool {
        self.batch.push(user_id, username, first_name, locale);
        if self.batch.len() < self.batch_size {
            return true;
        }
        self.flush().await
    }

    async fn flush(&mut self) -> bool {
        if self.batch.is_empty() {
            return true;
        }
        let batch = std::mem::replace(&mut self.batch, RecipientTable::with_capacity(self.batch_size));
        self.batches.send(batch).await.is_ok()
    }
}

/// The members of a realm role, read with the job's service account
/// (realm-management `view-users` + `query-users`).
pub struct KeycloakDirectory {
    http: reqwest::Client,
    members_url: String,
    page_size: u64,
    tokens: Arc<TokenSource>,
}

/// The fields of Keycloak's `UserRepresentation` the job reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeycloakUser {
    id: String,
    username: String,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default = "enabled_by_default")]
    enabled: bool,
    #[serde(default)]
    attributes: Option<std::collections::HashMap<String, Vec<String>>>,
}

fn enabled_by_default() -> bool {
    true
}

impl KeycloakDirectory {
    /// A directory of `role`'s members in `realm`.
    pub fn new(http: reqwest::Client, keycloak_url: &str, realm: &str, role: &str, page_size: u64, tokens: Arc<TokenSource>) -> Self {
        Self { http, members_url: format!("{keycloak_url}/admin/realms/{realm}/roles/{role}/users"), page_size, tokens }
    }

    async fn count(&self, retry: &RetryPolicy) -> anyhow::Result<u64> {
        let mut count = 0;
        loop {
            let page = self.page(count, self.page_size, true, retry).await?;
            count += page.len() as u64;
            if (page.len() as u64) < self.page_size {
                return Ok(count);
            }
        }
    }

    async fn send_range(&self, range: Range<u64>, retry: &RetryPolicy, batcher: &mut Batcher) -> anyhow::Result<()> {
        let mut first = range.start;
        while first < range.end {
            let max = self.page_size.min(range.end - first);
            let page = self.page(first, max, false, retry).await?;
            let fetched = page.len() as u64;
            for user in page.into_iter().filter(|user| user.enabled) {
                let locale = user.attributes.as_ref().and_then(|attributes| attributes.get("locale")).and_then(|values| values.last());
                if !batcher.push(&user.id, &user.username, user.first_name.as_deref(), locale.map(String::as_str)).await {
                    return Ok(());
                }
            }
            if fetched < max {
                break; // fewer members than when the shards were planned
            }
            first += fetched;
        }
        Ok(())
    }

    async fn page(&self, first: u64, max: u64, brief: bool, retry: &RetryPolicy) -> anyhow::Result<Vec<KeycloakUser>> {
        let what = format!("listing role members {first}..{} from Keycloak", first + max);
        retry
            .run(&what, || async {
                let token = self.tokens.bearer().await?;
                let response = self
                    .http
                    .get(&self.members_url)
                    .query(&[("first", first.to_string()), ("max", max.to_string()), ("briefRepresentation", brief.to_string())])
                    .bearer_auth(token)
                    .send()
                    .await
                    .map_err(|error| CallError::from_reqwest(&what, error))?;
                let status = response.status();
                if status == reqwest::StatusCode::UNAUTHORIZED {
                    self.tokens.invalidate().await;
                }
                if !status.is_success() {
                    let body = response.text().await.unwrap_or_default();
                    return Err(CallError::from_status(&what, status, &body));
                }
                response.json::<Vec<KeycloakUser>>().await.map_err(|error| CallError::from_reqwest(&what, error))
            })
            .await
    }
}
