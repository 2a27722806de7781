//! The JSON shapes the engine's users emit and read (shared/spec/contracts.md):
//! camelCase fields, days as `YYYY-MM-DD`, instants as RFC 3339.

use jiff::Timestamp;
use jiff::tz::Offset;
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Serialize, Serializer};

use crate::{LocalDate, LocalDateTime, LocalTime, LocalTimeResolution, MessageBatch, Occurrence, Product, ResolvedDateTime};

/// An occurrence as `promo dry-run --json` prints it: `{index, day, fireAt}`
/// (as in the CloudEvent `promo.occurrence.due`; `fireAt` carries the offset
/// of the promotion's zone) and how its time was resolved, in the names of the
/// calendar's preview: `utcOffsetSeconds`, `localTime` (the wall time it fires
/// at, `HH:MM`), `requestedTime` (the wall time asked for that day) and
/// `resolution` (`EXACT`, `GAP_MOVED_LATER`, `OVERLAP_EARLIER_OFFSET`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceJson {
    pub index: u32,
    pub day: String,
    pub fire_at: String,
    pub utc_offset_seconds: i32,
    pub local_time: String,
    pub requested_time: String,
    pub resolution: &'static str,
}

/// The start or the end of a promotion: `{requested, instant, utcOffsetSeconds,
/// resolution}`, `requested` the local date-time as written
/// (`YYYY-MM-DDTHH:MM[:SS]`), `instant` RFC 3339 in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedDateTimeJson {
    pub requested: String,
    pub instant: String,
    pub utc_offset_seconds: i32,
    pub resolution: &'static str,
}

/// An inbox message as `POST /api/internal/inbox/messages:batch` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InboxMessageJson {
    pub idempotency_key: String,
    pub recipient_id: String,
    pub promotion_id: String,
    pub day: String,
    pub subject: String,
    pub body: String,
    pub products: Vec<Product>,
    /// The promotion's end instant, RFC 3339 in UTC.
    pub expires_at: String,
}

/// One customer who receives a message: `{userId, username, firstName?,
/// locale?}` (other fields, such as the rest of a Keycloak user, are ignored).
/// The engine takes recipients as a [`crate::RecipientTable`]; this is their
/// JSON form (recipient files, the JNI bridge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub user_id: String,
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl From<jiff::civil::Date> for LocalDate {
    fn from(date: jiff::civil::Date) -> Self {
        LocalDate { year: i32::from(date.year()), month: date.month() as u8, day: date.day() as u8 }
    }
}

/// `YYYY-MM-DD`.
pub fn format_day(day: LocalDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
}

/// `HH:MM`, or `HH:MM:SS` when the seconds are not zero (java.time's `LocalTime.toString` form).
pub fn format_time(time: LocalTime) -> String {
    match time.second {
        0 => format!("{:02}:{:02}", time.hour, time.minute),
        second => format!("{:02}:{:02}:{second:02}", time.hour, time.minute),
    }
}

/// `YYYY-MM-DDTHH:MM[:SS]`.
pub fn format_date_time(date_time: LocalDateTime) -> String {
    format!("{}T{}", format_day(date_time.date), format_time(date_time.time))
}

impl LocalTimeResolution {
    /// `EXACT`, `GAP_MOVED_LATER`, `OVERLAP_EARLIER_OFFSET`: the name in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            LocalTimeResolution::Exact => "EXACT",
            LocalTimeResolution::GapMovedLater => "GAP_MOVED_LATER",
            LocalTimeResolution::OverlapEarlierOffset => "OVERLAP_EARLIER_OFFSET",
        }
    }
}

impl ResolvedDateTime {
    /// `{requested, instant, utcOffsetSeconds, resolution}`.
    pub fn to_json(&self) -> ResolvedDateTimeJson {
        ResolvedDateTimeJson {
            requested: format_date_time(self.requested),
            instant: format_instant_utc(self.instant),
            utc_offset_seconds: self.utc_offset_seconds,
            resolution: self.resolution.name(),
        }
    }
}

/// An epoch-millisecond instant as a jiff timestamp (saturating at jiff's range).
pub fn timestamp(millisecond: i64) -> Timestamp {
    Timestamp::from_millisecond(millisecond).unwrap_or(if millisecond < 0 { Timestamp::MIN } else { Timestamp::MAX })
}

/// RFC 3339 in UTC, e.g. `2026-07-04T07:00:00Z`.
pub fn format_instant_utc(millisecond: i64) -> String {
    timestamp(millisecond).to_string()
}

impl Occurrence {
    /// The UTC offset in force at `fire_at` in the promotion's zone.
    pub fn offset(&self) -> Offset {
        Offset::from_seconds(self.utc_offset_seconds).unwrap_or(Offset::UTC)
    }

    /// `fire_at` as RFC 3339 with the promotion zone's offset, e.g. `2026-07-01T14:00:00+02:00`.
    pub fn fire_at_rfc3339(&self) -> String {
        timestamp(self.fire_at).display_with_offset(self.offset()).to_string()
    }

    /// The wall time it fires at in the promotion's zone, `HH:MM[:SS]`.
    pub fn local_time(&self) -> String {
        let time = timestamp(self.fire_at).to_zoned_datetime(jiff::tz::TimeZone::fixed(self.offset())).time();
        format_time(LocalTime { hour: time.hour() as u8, minute: time.minute() as u8, second: time.second() as u8 })
    }

    /// `{index, day, fireAt, utcOffsetSeconds, localTime, requestedTime, resolution}`.
    pub fn to_json(&self) -> OccurrenceJson {
        OccurrenceJson {
            index: self.index,
            day: format_day(self.day),
            fire_at: self.fire_at_rfc3339(),
            utc_offset_seconds: self.utc_offset_seconds,
            local_time: self.local_time(),
            requested_time: format_time(self.requested_time),
            resolution: self.resolution.name(),
        }
    }
}

/// A product as the inbox message carries it: `{sku, name, priceCents,
/// promoPriceCents, currency, imageUrl?, url?}`.
impl Serialize for Product {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = 5 + usize::from(self.image_url.is_some()) + usize::from(self.url.is_some());
        let mut product = serializer.serialize_struct("Product", fields)?;
        product.serialize_field("sku", &self.sku)?;
        product.serialize_field("name", &self.name)?;
        product.serialize_field("priceCents", &self.price_cents)?;
        product.serialize_field("promoPriceCents", &self.promo_price_cents)?;
        product.serialize_field("currency", &self.currency)?;
        if let Some(image_url) = &self.image_url {
            product.serialize_field("imageUrl", image_url)?;
        }
        if let Some(url) = &self.url {
            product.serialize_field("url", url)?;
        }
        product.end()
    }
}

impl MessageBatch {
    /// The inbox messages of contracts.md, one per rendered message.
    pub fn to_inbox_messages(&self) -> Vec<InboxMessageJson> {
        let day = format_day(self.day);
        let expires_at = format_instant_utc(self.expires_at);

        self.messages
            .iter()
            .map(|message| InboxMessageJson {
                idempotency_key: message.idempotency_key.to_string(),
                recipient_id: message.recipient_id.to_string(),
                promotion_id: self.promotion_id.clone(),
                day: day.clone(),
                subject: self.subject.clone(),
                body: message.body.to_string(),
                products: self.products.clone(),
                expires_at: expires_at.clone(),
            })
            .collect()
    }
}
