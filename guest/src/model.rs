//! Plain Rust mirrors of the WIT records. The logic works on these so that it
//! compiles and tests natively; `convert` maps them to and from the bindings.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
pub use promo_string_table::StringTable;

/// Publication state of a promotion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Published,
    Unpublished,
}

/// One promoted product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub price_cents: i64,
    pub promo_price_cents: i64,
    pub currency: String,
    pub image_url: Option<String>,
    pub url: Option<String>,
}

/// The promoted package: products, discount and message template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub name: String,
    /// Kept wide so that an out-of-range value is reported, never truncated.
    pub discount_percent: Option<i64>,
    pub message: String,
    pub products: Vec<Product>,
}

/// A promotion as planned in the event calendar (contracts.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promotion {
    pub id: String,
    pub version: i64,
    pub status: Status,
    pub title: String,
    pub time_zone: String,
    pub starts_at: String,
    pub ends_at: String,
    pub daily_send_time: Option<String>,
    pub package: Package,
}

/// What is wrong with a field (the WIT `problem` variant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    Malformed,
    UnknownField,
    UnknownTimeZone,
    NotAfterStart,
    TooShort,
    TooLong,
    OutOfRange,
    UnknownPlaceholder(String),
}

/// One rejected field: its JSON path, the problem and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem, message: impl Into<String>) -> Self {
        FieldError { field: field.into(), problem, message: message.into() }
    }
}

/// How a local date-time became an instant (schedule.md, "Resolving a local
/// date-time"), the way `java.time.ZonedDateTime.of` does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The local time exists once in the zone: its one instant.
    Exact,
    /// The local time does not exist (clocks jump forward): moved later by the gap.
    GapMovedLater,
    /// The local time happens twice (clocks go back): the earlier instant.
    OverlapEarlierOffset,
}

/// A local date-time of the promotion (its start or its end) and what it resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedDateTime {
    /// The local date-time as written, in the promotion's zone.
    pub requested: DateTime,
    pub instant: Timestamp,
    /// UTC offset in force at `instant`, in seconds.
    pub utc_offset_seconds: i32,
    pub resolution: Resolution,
}

/// One daily message of a promotion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// 0-based position in the promotion's occurrences.
    pub index: u32,
    /// Local calendar day in the promotion's zone.
    pub day: Date,
    /// The instant the message goes out.
    pub fire_at: Timestamp,
    /// UTC offset in force at `fire_at`, in seconds.
    pub utc_offset_seconds: i32,
    /// The wall time asked for on `day`: the time of day of `startsAt` for
    /// occurrence 0, the daily send time after it.
    pub requested_time: Time,
    /// How `requested_time` on `day` became `fire_at`.
    pub resolution: Resolution,
}

/// A customer who receives a message, borrowed from the batch it came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient<'a> {
    /// Keycloak user id (`sub`).
    pub user_id: &'a str,
    /// Keycloak username; stands in for a missing first name.
    pub username: &'a str,
    pub first_name: Option<&'a str>,
    /// BCP 47 language tag; carried for localised templates, not used yet.
    pub locale: Option<&'a str>,
}

/// The per-recipient part of an inbox message, borrowed from its batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderedMessage<'a> {
    pub idempotency_key: &'a str,
    pub recipient_id: &'a str,
    pub body: &'a str,
}

/// The inbox messages of one occurrence; shared fields appear once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBatch {
    pub promotion_id: String,
    pub day: Date,
    /// 1-based number of the occurrence among `day_count` days.
    pub day_number: u32,
    pub day_count: u32,
    pub expires_at: Timestamp,
    /// The subject line, the same for every message of an occurrence.
    pub subject: String,
    /// `{promotionId}/{day}/`, the start of every idempotency key.
    pub key_prefix: String,
    pub products: Vec<Product>,
    /// Two strings per message, in recipient order: idempotency key (the
    /// recipient id after `key_prefix`) and body (the WIT `message-table`).
    pub messages: StringTable,
}

impl MessageBatch {
    /// The rendered messages, in recipient order.
    pub fn rendered(&self) -> impl ExactSizeIterator<Item = RenderedMessage<'_>> + '_ {
        self.messages.rows::<2>().expect("the renderer writes two strings per message").map(|[idempotency_key, body]| {
            RenderedMessage { idempotency_key, recipient_id: &idempotency_key[self.key_prefix.len()..], body }
        })
    }
}

