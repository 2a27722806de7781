//! Writes rendered batches to the inbox service:
//! `POST {INBOX_URL}/api/internal/inbox/messages:batch` (role `inbox-writer`).
//! The body is contracts.md's batch: one promotion day's common fields once,
//! then `messages: [{idempotencyKey, recipientId, body}]`, at most 1000
//! messages and [`MAX_BATCH_BYTES`] of JSON (a rendered batch that would be
//! larger is split). The inbox answers `{inserted, duplicates, suppressed,
//! refused}`: a known key is a duplicate, so retries and reruns deliver
//! nothing twice, and a message it refuses is reported while the rest are
//! stored.

use std::sync::Arc;

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use promo_host::MessageBatch;
use promo_host::json::{format_day, format_instant_utc};

use super::{
    auth::TokenSource,
    retry::{CallError, RetryPolicy},
};

/// The most JSON one batch request may carry (contracts.md, Limits: 4 MB).
pub const MAX_BATCH_BYTES: usize = 4_000_000;

/// The inbox's answer to one batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct BatchOutcome {
    /// Messages stored now.
    pub inserted: u64,
    /// Messages whose key was already stored.
    pub duplicates: u64,
    /// Messages not stored because the customer muted the promotion or paused promotion messages.
    #[serde(default)]
    pub suppressed: u64,
    /// Messages the inbox refused, each naming its field.
    #[serde(default)]
    pub refused: Vec<Refusal>,
}

/// One message the inbox refused: `index` into the batch's `messages`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Refusal {
    pub index: usize,
    pub field: String,
    pub message: String,
}

/// One request body and the number of messages in it.
#[derive(Debug, Clone)]
pub struct EncodedBatch {
    pub messages: u64,
    pub body: Bytes,
}

/// The fields one promotion day's messages share, written once per request.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DayFields<'a> {
    promotion_id: &'a str,
    day: &'a str,
    day_number: u32,
    day_count: u32,
    subject: &'a str,
    expires_at: &'a str,
    products: &'a [promo_host::Product],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InboxMessage<'a> {
    idempotency_key: &'a str,
    recipient_id: &'a str,
    body: &'a str,
}

/// The request bodies for a rendered batch: contracts.md's batch, split so
/// that no body is over `max_bytes` of JSON (one body unless the messages
/// are long: 1000 messages of 10,000 characters are up to 40 MB).
pub fn encode_batch(batch: &MessageBatch, max_bytes: usize) -> anyhow::Result<Vec<EncodedBatch>> {
    let day = format_day(batch.day);
    let expires_at = format_instant_utc(batch.expires_at);
    let mut head = serde_json::to_vec(&DayFields {
        promotion_id: &batch.promotion_id,
        day: &day,
        day_number: batch.day_number,
        day_count: batch.day_count,
        subject: &batch.subject,
        expires_at: &expires_at,
        products: &batch.products,
    })?;
    head.pop(); // the closing brace: the messages follow
    head.extend_from_slice(b",\"messages\":[");
    let tail = b"]}";
    let mut bodies = Vec::new();
    let mut body = head.clone();
    let mut messages = 0u64;
    let mut message = Vec::with_capacity(256);
    for rendered in batch.messages.iter() {
        message.clear();
        serde_json::to_writer(
            &mut message,
            &InboxMessage { idempotency_key: rendered.idempotency_key, recipient_id: rendered.recipient_id, body: rendered.body },
        )?;
        let separator = usize::from(messages > 0);
        if messages > 0 && body.len() + separator + message.len() + tail.len() > max_bytes {
            body.extend_from_slice(tail);
            bodies.push(EncodedBatch { messages, body: Bytes::from(std::mem::replace(&mut body, head.clone())) });
            messages = 0;
        }
        if messages > 0 {
            body.push(b',');
        }
        body.extend_from_slice(&message);
        messages += 1;
    }
    if messages > 0 {
        body.extend_from_slice(tail);
        bodies.push(EncodedBatch { messages, body: Bytes::from(body) });
    }
    Ok(bodies)
}

/// The recipient of `messages[index]` in an encoded body (read again only
/// to report a refusal, so the hot path keeps no copy of the ids).
pub fn recipient_at(body: &[u8], index: usize) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        messages: Vec<Message>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Message {
        recipient_id: String,
    }
    let body: Body = serde_json::from_slice(body).ok()?;
    body.messages.into_iter().nth(index).map(|message| message.recipient_id)
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

    fn batch(recipients: &[(&str, &str)]) -> MessageBatch {
        MessageBatch {
            promotion_id: "p-1".into(),
            day: LocalDate { year: 2026, month: 7, day: 2 },
            day_number: 2,
            day_count: 3,
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
                for (recipient, body) in recipients {
                    messages.push(recipient, body);
                }
                messages
            },
        }
    }

    #[test]
    fn encodes_the_contract_shape_with_the_day_once() {
        let bodies = encode_batch(&batch(&[("u-1", "Hi \"Ann\" <b>")]), MAX_BATCH_BYTES).unwrap();
        assert_eq!(bodies.len(), 1);
        assert_eq!(bodies[0].messages, 1);
        let body: Value = serde_json::from_slice(&bodies[0].body).unwrap();
        assert_eq!(
            body,
            json!({
                "promotionId": "p-1",
                "day": "2026-07-02",
                "dayNumber": 2,
                "dayCount": 3,
                "subject": "Summer sale",
                "expiresAt": "2026-07-04T07:00:00Z",
                "products": [{"sku": "SKU-1", "name": "Kettle", "priceCents": 4999, "promoPriceCents": 3999,
                              "currency": "EUR", "url": "https://shop.example/kettle"}],
                "messages": [{"idempotencyKey": "p-1/2026-07-02/u-1", "recipientId": "u-1", "body": "Hi \"Ann\" <b>"}]
            })
        );
    }

    #[test]
    fn a_batch_over_the_byte_limit_is_split_without_losing_or_repeating_a_message() {
        let long = "é".repeat(10_000);
        let recipients: Vec<(String, &str)> = (0..25).map(|n| (format!("u-{n}"), long.as_str())).collect();
        let recipients: Vec<(&str, &str)> = recipients.iter().map(|(id, body)| (id.as_str(), *body)).collect();
        let max = 100_000;
        let bodies = encode_batch(&batch(&recipients), max).unwrap();
        assert!(bodies.len() > 1);
        let mut seen = Vec::new();
        for encoded in &bodies {
            assert!(encoded.body.len() <= max, "{} bytes", encoded.body.len());
            let body: Value = serde_json::from_slice(&encoded.body).unwrap();
            assert_eq!(body["dayNumber"], 2);
            let messages = body["messages"].as_array().unwrap();
            assert_eq!(messages.len() as u64, encoded.messages);
            seen.extend(messages.iter().map(|m| m["recipientId"].as_str().unwrap().to_string()));
        }
        let expected: Vec<String> = (0..25).map(|n| format!("u-{n}")).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_refused_message_is_traced_back_to_its_recipient() {
        let bodies = encode_batch(&batch(&[("u-1", "a"), ("u-2", "b")]), MAX_BATCH_BYTES).unwrap();
        assert_eq!(recipient_at(&bodies[0].body, 1).as_deref(), Some("u-2"));
        assert_eq!(recipient_at(&bodies[0].body, 2), None);
    }

    #[test]
    fn an_answer_without_the_new_counters_reads_as_none_refused() {
        let outcome: BatchOutcome = serde_json::from_str(r#"{"inserted": 3, "duplicates": 1}"#).unwrap();
        assert_eq!(outcome, BatchOutcome { inserted: 3, duplicates: 1, suppressed: 0, refused: vec![] });
    }
}
