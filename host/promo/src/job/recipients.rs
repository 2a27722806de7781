//! Who receives the day's message: every enabled user whose effective realm
//! roles include `customer` — directly, through composite roles (the realm's
//! default roles: self-registered shoppers) or through groups and their
//! parents; service accounts never (contracts.md, Keycloak). Keycloak's Admin
//! API cannot list them (`/roles/{role}/users` is direct members only, paged by
//! offset), so the realm runs our extension
//! (`deploy/keycloak/recipients-provider`): `GET /admin/realms/{realm}/
//! promo-recipients/members?role=&after=&max=`, effective members ordered by
//! user id and paged by keyset. Or the lines of a JSON Lines file
//! (`--recipients`, for segments and load tests).
//!
//! Shards split one set by the engine's `shard-of` (a hash of the user id); each shard
//! reads the whole set and keeps its own part. A user id never changes, so a
//! user who exists throughout the run is in exactly one shard, whoever signs up
//! or is deleted meanwhile, and no shard has to count first. Recipients are
//! streamed in batches through a bounded channel and never collected, so memory
//! stays flat however many customers there are.

use std::{path::PathBuf, sync::Arc};


use promo_host::{Recipient, RecipientTable, Session};
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
    /// Sends this shard's recipients in batches of up to `batch_size`; stops
    /// early (without error) when the receiver is gone.
    pub async fn send_shard(
        &self,
        mut shard: Shard,
        batch_size: usize,
        retry: &RetryPolicy,
        batches: mpsc::Sender<RecipientTable>,
    ) -> anyhow::Result<()> {
        let mut batcher = Batcher { batch: RecipientTable::with_capacity(batch_size), batch_size, batches };
        match self {
            Self::Keycloak(directory) => directory.send_shard(&mut shard, retry, &mut batcher).await?,
            Self::File(path) => {
                let mut lines = open_lines(path).await?;
                let mut line_number = 0u64;
                while let Some(line) = lines.next_line().await? {
                    line_number += 1;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let recipient: Recipient = serde_json::from_str(&line)
                        .map_err(|error| BadInput::new(format!("recipients line {line_number}"), error.to_string()))?;
                    if !shard.holds(&recipient.user_id)? {
                        continue;
                    }
                    if !batcher.push(&recipient.user_id, &recipient.username, recipient.first_name.as_deref(), recipient.locale.as_deref()).await {
                        return Ok(());
                    }
                }
            }
        }
        batcher.flush().await;
        Ok(())
    }
}

/// The recipients one shard of an Indexed Job delivers to: shard `index` of
/// `count`, decided per user id by the engine's `shard-of`.
pub struct Shard {
    /// `JOB_COMPLETION_INDEX`.
    pub index: u32,
    /// `PROMO_SHARD_COUNT`.
    pub count: u32,
    /// An engine instance of this stage's own, for `shard-of`.
    pub engine: Session,
}

impl Shard {
    /// Whether this shard delivers to `user_id`.
    pub fn holds(&mut self, user_id: &str) -> anyhow::Result<bool> {
        if self.count == 1 {
            return Ok(true);
        }
        Ok(self.engine.shard_of(user_id, self.count).map_err(anyhow::Error::from)? == self.index)
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

/// The effective members of a realm role, read with the job's service account
/// (realm-management `view-users`) from the recipients extension.
pub struct KeycloakDirectory {
    http: reqwest::Client,
    members_url: String,
    role: String,
    page_size: u64,
    tokens: Arc<TokenSource>,
}

/// One member as the extension lists it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    id: String,
    username: String,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    locale: Option<String>,
}

impl KeycloakDirectory {
    /// A directory of `role`'s effective members in `realm`.
    pub fn new(http: reqwest::Client, keycloak_url: &str, realm: &str, role: &str, page_size: u64, tokens: Arc<TokenSource>) -> Self {
        let members_url = format!("{keycloak_url}/admin/realms/{realm}/promo-recipients/members");
        Self { http, members_url, role: role.to_owned(), page_size, tokens }
    }

    async fn send_shard(&self, shard: &mut Shard, retry: &RetryPolicy, batcher: &mut Batcher) -> anyhow::Result<()> {
        let mut after = String::new();
        loop {
            let page = self.page(&after, retry).await?;
            let full = page.len() as u64 == self.page_size;
            if let Some(last) = page.last() {
                after = last.id.clone();
            }
            for member in &page {
                if !shard.holds(&member.id)? {
                    continue;
                }
                if !batcher.push(&member.id, &member.username, member.first_name.as_deref(), member.locale.as_deref()).await {
                    return Ok(());
                }
            }
            if !full {
                return Ok(());
            }
        }
    }

    async fn page(&self, after: &str, retry: &RetryPolicy) -> anyhow::Result<Vec<Member>> {
        let what = format!("listing the effective members of {} after {after:?} from Keycloak", self.role);
        retry
            .run(&what, || async {
                let token = self.tokens.bearer().await?;
                let response = self
                    .http
                    .get(&self.members_url)
                    .query(&[("role", self.role.as_str()), ("after", after), ("max", &self.page_size.to_string())])
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
                response.json::<Vec<Member>>().await.map_err(|error| CallError::from_reqwest(&what, error))
            })
            .await
    }
}
