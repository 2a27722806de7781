//! The daily schedule of `shared/spec/schedule.md`.
//!
//! A schedule is resolved once (zone lookup, start, end, every occurrence) and
//! then answers `next_fire` and `due_at` by binary search over the resolved
//! occurrences, without allocating. Local date-times are resolved exactly like
//! `java.time.ZonedDateTime.of`: jiff's "compatible" disambiguation moves a time
//! in a gap later by the gap's length and takes the earlier offset in an overlap.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::model::{FieldError, Occurrence, Problem, Promotion};

/// Upper bound on the number of daily occurrences (about ten years), so that a
/// typo in a year cannot make every caller resolve thousands of years of days.
pub const MAX_OCCURRENCES: usize = 3660;

/// A promotion's resolved schedule.
#[derive(Debug, Clone)]
pub struct Schedule {
    time_zone: TimeZone,
    starts: Timestamp,
    ends: Timestamp,
    occurrences: Vec<Occurrence>,
}

impl Schedule {
    /// Checks the schedule fields (`timeZone`, `startsAt`, `endsAt`,
    /// `dailySendTime`) and resolves every occurrence; all problems at once.
    pub fn resolve(promotion: &Promotion) -> Result<Schedule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let time_zone = time_zone(&promotion.time_zone).map_err(|e| errors.push(e)).ok();
        let starts_at = local_date_time("startsAt", &promotion.starts_at).map_err(|e| errors.push(e)).ok();
        let ends_at = local_date_time("endsAt", &promotion.ends_at).map_err(|e| errors.push(e)).ok();
        let send_time = match &promotion.daily_send_time {
            Some(text) => local_time("dailySendTime", text).map_err(|e| errors.push(e)).ok(),
            None => starts_at.map(|start| start.time()),
        };
        let (Some(time_zone), Some(starts_at), Some(ends_at), Some(send_time)) = (time_zone, starts_at, ends_at, send_time)
        else {
            return Err(errors);
        };
        let (starts, ends) = match (resolve(&time_zone, starts_at), resolve(&time_zone, ends_at)) {
            (Ok(starts), Ok(ends)) => (starts, ends),
            (starts, _) => {
                let field = if starts.is_err() { "startsAt" } else { "endsAt" };
                return Err(vec![FieldError::new(field, Problem::OutOfRange, format!("{field} is outside the supported range"))]);
            }
        };
        if ends <= starts {
            return Err(vec![FieldError::new("endsAt", Problem::NotAfterStart, "endsAt must be after startsAt")]);
        }
        let occurrences = occurrences(&time_zone, starts_at.date(), starts, ends, send_time)?;
        Ok(Schedule { time_zone, starts, ends, occurrences })
    }

    /// The resolved start `S`.
    pub fn starts(&self) -> Timestamp {
        self.starts
    }

    /// The resolved end `E` (exclusive).
    pub fn ends(&self) -> Timestamp {
        self.ends
    }

    /// The end as a date-time in the promotion's zone (for `{{endsAt}}`).
    pub fn ends_zoned(&self) -> ZonedDateTime {
        self.ends.to_zoned_datetime(self.time_zone.clone())
    }

    /// All occurrences, in order.
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }

    /// The first occurrence with `fire_at > after` (strictly).
    pub fn next_fire(&self, after: Timestamp) -> Option<Occurrence> {
        let first_later = self.occurrences.partition_point(|o| o.fire_at <= after);
        self.occurrences.get(first_later).copied()
    }

    /// The occurrence with the latest `fire_at <= now`, provided `now < E`.
    pub fn due_at(&self, now: Timestamp) -> Option<Occurrence> {
        if now >= self.ends {
            return None;
        }
        let first_later = self.occurrences.partition_point(|o| o.fire_at <= now);
        first_later.checked_sub(1).map(|index| self.occurrences[index])
    }
}

/// `ZonedDateTime.of(localDateTime, zone).toInstant()` of java.time.
pub fn resolve(time_zone: &TimeZone, local: DateTime) -> Result<Timestamp, jiff::Error> {
    time_zone.to_ambiguous_timestamp(local).compatible()
}

fn occurrences(
    time_zone: &TimeZone,
    first_day: Date,
    starts: Timestamp,
    ends: Timestamp,
    send_time: Time,
) -> Result<Vec<Occurrence>, Vec<FieldError>> {
    let mut list = vec![occurrence(time_zone, 0, first_day, starts)];
    let mut day = first_day;
    loop {
        let Ok(next_day) = day.tomorrow() else { break };
        day = next_day;
        let Ok(fire_at) = resolve(time_zone, day.to_datetime(send_time)) else { break };
        if fire_at >= ends {
            break;
        }
        if list.len() == MAX_OCCURRENCES {
            return Err(vec![FieldError::new(
                "endsAt",
                Problem::OutOfRange,
                format!("endsAt is too far after startsAt: a promotion may send at most {MAX_OCCURRENCES} daily messages"),
            )]);
        }
        list.push(occurrence(time_zone, list.len() as u32, day, fire_at));
    }
    Ok(list)
}

fn occurrence(time_zone: &TimeZone, index: u32, day: Date, fire_at: Timestamp) -> Occurrence {
    Occurrence { index, day, fire_at, utc_offset_seconds: time_zone.to_offset(fire_at).seconds() }
}

/// An IANA zone id of the bundled tz database, spelled exactly as there (the
/// database lookup ignores case, java.time's `ZoneId.of` does not).
fn time_zone(name: &str) -> Result<TimeZone, FieldError> {
    let unknown = || FieldError::new("timeZone", Problem::UnknownTimeZone, format!("timeZone {name:?} is not a known IANA time zone"));
    if name.is_empty() {
        return Err(FieldError::new("timeZone", Problem::Missing, "timeZone is missing"));
    }
    let zone = TimeZone::get(name).map_err(|_| unknown())?;
    if zone.iana_name() == Some(name) { Ok(zone) } else { Err(unknown()) }
}

/// `YYYY-MM-DDTHH:MM[:SS]`, nothing else (no offset, zone or fraction).
fn local_date_time(field: &str, text: &str) -> Result<DateTime, FieldError> {
    let malformed = || {
        FieldError::new(field, Problem::Malformed, format!("{field} must be a local date-time YYYY-MM-DDTHH:MM[:SS], got {text:?}"))
    };
    let shape_ok = matches_shape(text, "dddd-dd-ddTdd:dd") || matches_shape(text, "dddd-dd-ddTdd:dd:dd");
    if !shape_ok {
        return Err(malformed());
    }
    let format = if text.len() == 16 { "%Y-%m-%dT%H:%M" } else { "%Y-%m-%dT%H:%M:%S" };
    DateTime::strptime(format, text).map_err(|_| malformed())
}

/// `HH:MM`.
fn local_time(field: &str, text: &str) -> Result<Time, FieldError> {
    let malformed = || FieldError::new(field, Problem::Malformed, format!("{field} must be a local time HH:MM, got {text:?}"));
    if !matches_shape(text, "dd:dd") {
        return Err(malformed());
    }
    Time::strptime("%H:%M", text).map_err(|_| malformed())
}

/// `d` stands for an ASCII digit, every other byte for itself.
fn matches_shape(text: &str, shape: &str) -> bool {
    text.len() == shape.len()
        && text.bytes().zip(shape.bytes()).all(|(t, s)| if s == b'd' { t.is_ascii_digit() } else { t == s })
}
