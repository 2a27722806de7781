//! What the job needs from the engine component, as a narrow trait: is the
//! promotion still published, which occurrence is that day, how to split the
//! recipients into shards, and the rendered messages of a batch. The
//! component-backed implementation is in `component.rs`; unit tests use fakes.

use std::ops::Range;

use jiff::civil::Date;
use serde::Serialize;

use super::recipients::Recipient;
use crate::Messages;

/// Publication state of a promotion (only `Published` sends anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Saved but not in effect.
    Draft,
    /// In effect.
    Published,
    /// Withdrawn by an admin.
    Unpublished,
}

/// One occurrence: its index and local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayOccurrence {
    /// 0-based position in the promotion's occurrences.
    pub index: u32,
    /// The local day it belongs to.
    pub day: Date,
}

/// A field the component rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Path of the field in the promotion JSON.
    pub field: String,
    /// One sentence naming the field.
    pub message: String,
}

/// A promoted product, as the inbox message carries it (camelCase).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// Stock-keeping unit.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Regular price in minor units.
    pub price_cents: i64,
    /// Promotion price in minor units.
    pub promo_price_cents: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Picture, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// Product page, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One batch of an occurrence's messages (the component's `message-batch`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBatch {
    /// The promotion.
    pub promotion_id: String,
    /// The occurrence's local day.
    pub day: Date,
    /// The promotion's end instant, milliseconds since the epoch.
    pub expires_at_ms: i64,
    /// Subject line of every message (the component renders it once per batch).
    pub subject: String,
    /// Products shown with every message.
    pub products: Vec<Product>,
    /// One message per recipient, in recipient order (kept as the
    /// component's table: no allocation per message).
    pub messages: Messages,
}

/// What the job needs to know about a promotion before sending anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromotionFacts {
    /// Its publication state now.
    pub status: Status,
    /// All its occurrences, in order.
    pub occurrences: Vec<DayOccurrence>,
}

/// The engine calls the job makes. Implementations are used from one thread at a time.
pub trait DayEngine: Send {
    /// Parses and validates promotion JSON; its status and occurrences, or the rejected fields.
    fn inspect(&mut self, promotion_json: &str) -> anyhow::Result<Result<PromotionFacts, Vec<FieldProblem>>>;

    /// Splits `recipient_count` positions into `shard_count` contiguous ranges, in shard order.
    fn plan_shards(&mut self, recipient_count: u64, shard_count: u32) -> anyhow::Result<Result<Vec<Range<u64>>, FieldProblem>>;

    /// Prepares rendering of occurrence `index`; later `render` calls use it.
    fn prepare(&mut self, promotion_json: &str, index: u32) -> anyhow::Result<Result<(), Vec<FieldProblem>>>;

    /// Renders the prepared occurrence's messages for a batch of recipients.
    fn render(&mut self, recipients: &[Recipient]) -> anyhow::Result<RenderedBatch>;
}
