//! Conversions between the WIT bindings and the plain model types.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};

use crate::exports::promo::engine::fan_out as wit_fan_out;
use crate::exports::promo::engine::schedule as wit_schedule;
use crate::model;
use crate::promo::engine::types as wit;

/// An instant in epoch milliseconds; values beyond jiff's range (±9999
/// years) are clamped, which keeps `next-fire`/`due-at` answers correct.
pub fn timestamp(millisecond: i64) -> Timestamp {
    Timestamp::from_millisecond(millisecond)
        .unwrap_or(if millisecond < 0 { Timestamp::MIN } else { Timestamp::MAX })
}

pub fn errors(errors: Vec<model::FieldError>) -> Vec<wit::FieldError> {
    errors.into_iter().map(Into::into).collect()
}

fn local_date(date: Date) -> wit::LocalDate {
    wit::LocalDate { year: date.year().into(), month: date.month() as u8, day: date.day() as u8 }
}

fn local_time(time: Time) -> wit::LocalTime {
    wit::LocalTime { hour: time.hour() as u8, minute: time.minute() as u8, second: time.second() as u8 }
}

fn local_date_time(date_time: DateTime) -> wit::LocalDateTime {
    wit::LocalDateTime { date: local_date(date_time.date()), time: local_time(date_time.time()) }
}

/// The calendar date of a WIT local date, if it is one.
pub fn date(day: wit::LocalDate) -> Option<Date> {
    Date::new(i16::try_from(day.year).ok()?, i8::try_from(day.month).ok()?, i8::try_from(day.day).ok()?).ok()
}

impl From<crate::schedule::NotDeliverable> for wit_schedule::NotDeliverable {
    fn from(reason: crate::schedule::NotDeliverable) -> Self {
        use crate::schedule::NotDeliverable as N;
        match reason {
            N::NotAnOccurrence => wit_schedule::NotDeliverable::NotAnOccurrence,
            N::Ended => wit_schedule::NotDeliverable::Ended,
            N::NotYetDue => wit_schedule::NotDeliverable::NotYetDue,
            N::Superseded => wit_schedule::NotDeliverable::Superseded,
        }
    }
}

impl From<model::FieldError> for wit::FieldError {
    fn from(error: model::FieldError) -> Self {
        use model::Problem as P;
        let problem = match error.problem {
            P::Missing => wit::Problem::Missing,
            P::Malformed => wit::Problem::Malformed,
            P::UnknownField => wit::Problem::UnknownField,
            P::UnknownTimeZone => wit::Problem::UnknownTimeZone,
            P::NotAfterStart => wit::Problem::NotAfterStart,
            P::TooShort => wit::Problem::TooShort,
            P::TooLong => wit::Problem::TooLong,
            P::OutOfRange => wit::Problem::OutOfRange,
            P::UnknownPlaceholder(name) => wit::Problem::UnknownPlaceholder(name),
        };
        wit::FieldError { field: error.field, problem, message: error.message }
    }
}

impl From<model::Resolution> for wit::LocalTimeResolution {
    fn from(resolution: model::Resolution) -> Self {
        match resolution {
            model::Resolution::Exact => wit::LocalTimeResolution::Exact,
            model::Resolution::GapMovedLater => wit::LocalTimeResolution::GapMovedLater,
            model::Resolution::OverlapEarlierOffset => wit::LocalTimeResolution::OverlapEarlierOffset,
        }
    }
}

impl From<model::ResolvedDateTime> for wit::ResolvedDateTime {
    fn from(resolved: model::ResolvedDateTime) -> Self {
        wit::ResolvedDateTime {
            requested: local_date_time(resolved.requested),
            instant: resolved.instant.as_millisecond(),
            utc_offset_seconds: resolved.utc_offset_seconds,
            resolution: resolved.resolution.into(),
        }
    }
}

impl From<model::Occurrence> for wit::Occurrence {
    fn from(occurrence: model::Occurrence) -> Self {
        wit::Occurrence {
            index: occurrence.index,
            day: local_date(occurrence.day),
            fire_at: occurrence.fire_at.as_millisecond(),
            utc_offset_seconds: occurrence.utc_offset_seconds,
            requested_time: local_time(occurrence.requested_time),
            resolution: occurrence.resolution.into(),
        }
    }
}

impl From<model::Product> for wit::Product {
    fn from(p: model::Product) -> Self {
        wit::Product {
            sku: p.sku,
            name: p.name,
            price_cents: p.price_cents,
            promo_price_cents: p.promo_price_cents,
            currency: p.currency,
            image_url: p.image_url,
            url: p.url,
        }
    }
}

impl From<wit::Product> for model::Product {
    fn from(p: wit::Product) -> Self {
        model::Product {
            sku: p.sku,
            name: p.name,
            price_cents: p.price_cents,
            promo_price_cents: p.promo_price_cents,
            currency: p.currency,
            image_url: p.image_url,
            url: p.url,
        }
    }
}

impl From<model::Promotion> for wit::Promotion {
    fn from(p: model::Promotion) -> Self {
        wit::Promotion {
            id: p.id,
            version: p.version,
            status: match p.status {
                model::Status::Draft => wit::Status::Draft,
                model::Status::Published => wit::Status::Published,
                model::Status::Unpublished => wit::Status::Unpublished,
            },
            title: p.title,
            time_zone: p.time_zone,
            starts_at: p.starts_at,
            ends_at: p.ends_at,
            daily_send_time: p.daily_send_time,
            package: wit::PromotionPackage {
                name: p.package.name,
                // `parse` only returns validated promotions: 1–99 fits.
                discount_percent: p.package.discount_percent.map(|percent| percent as u8),
                message: p.package.message,
                products: p.package.products.into_iter().map(Into::into).collect(),
            },
        }
    }
}

impl From<wit::Promotion> for model::Promotion {
    fn from(p: wit::Promotion) -> Self {
        model::Promotion {
            id: p.id,
            version: p.version,
            status: match p.status {
                wit::Status::Draft => model::Status::Draft,
                wit::Status::Published => model::Status::Published,
                wit::Status::Unpublished => model::Status::Unpublished,
            },
            title: p.title,
            time_zone: p.time_zone,
            starts_at: p.starts_at,
            ends_at: p.ends_at,
            daily_send_time: p.daily_send_time,
            package: model::Package {
                name: p.package.name,
                discount_percent: p.package.discount_percent.map(i64::from),
                message: p.package.message,
                products: p.package.products.into_iter().map(Into::into).collect(),
            },
        }
    }
}

impl From<model::StringTable> for wit::StringTable {
    fn from(table: model::StringTable) -> Self {
        let (text, ends) = table.into_parts();
        wit::StringTable { text, ends }
    }
}

impl From<model::MessageBatch> for wit_fan_out::MessageBatch {
    fn from(batch: model::MessageBatch) -> Self {
        wit_fan_out::MessageBatch {
            promotion_id: batch.promotion_id,
            day: local_date(batch.day),
            day_number: batch.day_number,
            day_count: batch.day_count,
            expires_at: batch.expires_at.as_millisecond(),
            subject: batch.subject,
            key_prefix: batch.key_prefix,
            products: batch.products.into_iter().map(Into::into).collect(),
            messages: batch.messages.into(),
        }
    }
}

