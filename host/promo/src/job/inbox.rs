//! Writes rendered batches to the inbox service:
//! `POST {INBOX_URL}/api/internal/inbox/messages:batch` (role `inbox-writer`,
//! ≤ 1000 messages, answers `{inserted, duplicates}`). Inserting a known
//! `idempotencyKey` is a duplicate, so retries and reruns deliver nothing twice.
//!
//! The day's products are the same for every message, so they travel once per
//! batch (the batch's `products`, which the inbox applies to every message
//! without its own) instead of once per message: half of the request's bytes.

use std::sync::Arc;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use promo_host::MessageBatch;
use promo_host::json::{format_day, format_instant_utc};

use super::{
    auth::TokenSource,
    retry::{CallError, RetryPolicy},
};

/// The inbox's answer to one batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct BatchOutcome {
    /// Messages stored now.
    pub inserted: u64,
    /// Messages whose key was already stored.
    pub duplicates: u64,
}

/// One inbox message of contracts.md without its products (the batch carries
/// them), borrowing from the rendered batch.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InboxMessage<'a> {
    idempotency_key: &'a str,
    recipient_id: &'a str,
    promotion_id: &'a str,
    day: &'a str,
    subject: &'a str,
    body: &'a str,
    expires_at: &'a str,
}

#[derive(Serialize)]
struct BatchRequest<'a> {
    products: &'a RawValue,
    messages: Vec<InboxMessage<'a>>,
}

/// The request body for a rendered batch: `{"products": [...], "messages": [inbox message…]}`
/// with `day` as `YYYY-MM-DD` and `expiresAt` as RFC 3339 (UTC).
pub fn encode_batch(batch: &MessageBatch) -> anyhow::Result<Bytes> {
    // Fields shared by every message are formatted once per batch.
    let products = serde_json::value::to_raw_value(&batch.products)?;
    let day = format_day(batch.day);
    let expires_at = format_instant_utc(batch.expires_at);
    let messages = batch
        .messages
        .iter()
        .map(|message| InboxMessage {
            idempotency_key: message.idempotency_key,
            recipient_id: message.recipient_id,
            promotion_id: &batch.promotion_id,
            day: &day,
            subject: &batch.subject,
            body: message.body,
            expires_at: &expires_at,
        })
        .collect();
    Ok(Bytes::from(serde_json::to_vec(&BatchRequest { products: &products, messages })?))
}

/// Client of the inbox's internal batch endpoint.
pub struct InboxClient {
    http: reqwest::Client,
    batch_url: String,
    tokens: Arc<TokenSource>,
}

impl InboxClient {
    /// A client of the inbox at `base_url`.
    pub fn new(http: reqwest::Client, base_url: &str, tokens: Arc<TokenSource>) -> Self {
        Self { http, batch_url: format!("{base_url}/api/internal/inbox/messages:batch"), tokens }
    }

    /// Posts one encoded batch, retrying transient failures.
    pub async fn post(&self, body: Bytes, retry: &RetryPolicy) -> anyhow::Result<BatchOutcome> {
        let what = "posting a batch to the inbox";
        retry
            .run(what, || async {
                let token = self.tokens.bearer().await?;
                let response = self
                    .http
                    .post(&self.batch_url)
                    .bearer_auth(token)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone())
                    .send()
                    .await
                    .map_err(|error| CallError::from_reqwest(what, error))?;
                let status = response.status();
                if status == reqwest::StatusCode::UNAUTHORIZED {
                    self.tokens.invalidate().await;
                }
                if !status.is_success() {
                    let text = response.text().await.unwrap_or_default();
                    return Err(CallError::from_status(what, status, &text));
                }
                response.json::<BatchOutcome>().await.map_err(|error| CallError::from_reqwest(what, error))
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use promo_host::{LocalDate, Messages, Product};
    use serde_json::{Value, json};

    #[test]
    fn encodes_the_contract_shape_with_the_products_once_per_batch() {
        let batch = MessageBatch {
            promotion_id: "p-1".into(),
            day: LocalDate { year: 2026, month: 7, day: 2 },
            expires_at: 1_783_148_400_000,
            subject: "Summer sale".into(),
            products: vec![Product {
                sku: "SKU-1".into(),
                name: "Kettle".into(),
                price_cents: 4999,
                promo_price_cents: 3999,
                currency: "EUR".into(),
                image_url: None,
                url: Some("https://shop.example/kettle".into()),
            }],
            messages: {
                let mut messages = Messages::with_key_prefix("p-1/2026-07-02/");
                messages.push("u-1", "Hi \"Ann\" <b>");
                messages
            },
        };
        let body: Value = serde_json::from_slice(&encode_batch(&batch).unwrap()).unwrap();
        assert_eq!(
            body,
            json!({
                "products": [{"sku": "SKU-1", "name": "Kettle", "priceCents": 4999, "promoPriceCents": 3999,
                              "currency": "EUR", "url": "https://shop.example/kettle"}],
                "messages": [{
                    "idempotencyKey": "p-1/2026-07-02/u-1",
                    "recipientId": "u-1",
                    "promotionId": "p-1",
                    "day": "2026-07-02",
                    "subject": "Summer sale",
                    "body": "Hi \"Ann\" <b>",
                    "expiresAt": "2026-07-04T07:00:00Z"
                }]
            })
        );
    }
}
