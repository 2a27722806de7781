//! The daily schedule of `shared/spec/schedule.md`.
//!
//! A schedule is resolved once (zone lookup, start, end, every occurrence) and
//! then answers `next_fire` and `due_at` by binary search over the resolved
//! occurrences, without allocating. Local date-times are resolved exactly like
//! `java.time.ZonedDateTime.of`: jiff's "compatible" disambiguation moves a time
//! in a gap later by the gap's length and takes the earlier offset in an overlap.
//! Each resolved time says which of the three happened, so the calendar can tell
//! the admin (`Resolution`).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

use crate::model::{FieldError, Occurrence, Problem, Promotion, Resolution, ResolvedDateTime};

/// Upper bound on the number of daily occurrences (about ten years), so that a
/// typo in a year cannot make every caller resolve thousands of years of days.
pub const MAX_OCCURRENCES: usize = 3660;

/// A promotion's resolved schedule.
#[derive(Debug, Clone)]
pub struct Schedule {
    time_zone: TimeZone,
    start: ResolvedDateTime,
    end: ResolvedDateTime,
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
        let (start, end) = match (resolve(&time_zone, starts_at), resolve(&time_zone, ends_at)) {
            (Ok(start), Ok(end)) => (start, end),
            (start, _) => {
                let field = if start.is_err() { "startsAt" } else { "endsAt" };
                return Err(vec![FieldError::new(field, Problem::OutOfRange, format!("{field} is outside the supported range"))]);
            }
        };
        if end.instant <= start.instant {
            return Err(vec![FieldError::new("endsAt", Problem::NotAfterStart, "endsAt must be after startsAt")]);
        }
        let occurrences = occurrences(&time_zone, &start, end.instant, send_time)?;
        Ok(Schedule { time_zone, start, end, occurrences })
    }

    /// The start as written and as resolved (`S`).
    pub fn start(&self) -> ResolvedDateTime {
        self.start
    }

    /// The end as written and as resolved (`E`, exclusive).
    pub fn end(&self) -> ResolvedDateTime {
        self.end
    }

    /// The resolved start `S`.
    pub fn starts(&self) -> Timestamp {
        self.start.instant
    }

    /// The resolved end `E` (exclusive).
    pub fn ends(&self) -> Timestamp {
        self.end.instant
    }

    /// The end as a date-time in the promotion's zone (for `{{endsAt}}`).
    pub fn ends_zoned(&self) -> ZonedDateTime {
        self.end.instant.to_zoned_datetime(self.time_zone.clone())
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
        if now >= self.end.instant {
            return None;
        }
        let first_later = self.occurrences.partition_point(|o| o.fire_at <= now);
        first_later.checked_sub(1).map(|index| self.occurrences[index])
    }

    /// The occurrence of `day` if it may be delivered at `now` (contracts.md,
    /// "The job delivers only a day that is due"): `now` before the end and
    /// `due_at(now).day <= day <=` the local date of `now`. The upper bound is
    /// the local date, not `due_at`, so a job that runs after the admin moved
    /// today's send time a little later still delivers today; the lower bound
    /// never replays a day a later occurrence has superseded.
    pub fn deliverable(&self, day: Date, now: Timestamp) -> Result<Occurrence, NotDeliverable> {
        let index = self.occurrences.binary_search_by_key(&day, |o| o.day).map_err(|_| NotDeliverable::NotAnOccurrence)?;
        if now >= self.end.instant {
            return Err(NotDeliverable::Ended);
        }
        let due = self.due_at(now).ok_or(NotDeliverable::NotYetDue)?;
        if day < due.day {
            return Err(NotDeliverable::Superseded);
        }
        if day > now.to_zoned_datetime(self.time_zone.clone()).date() {
            return Err(NotDeliverable::NotYetDue);
        }
        Ok(self.occurrences[index])
    }
}

/// Why an occurrence day may not be delivered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDeliverable {
    /// The day is not one of the promotion's occurrence days.
    NotAnOccurrence,
    /// The promotion has ended.
    Ended,
    /// The day lies after today in the promotion's zone, or the promotion has
    /// not started.
    NotYetDue,
    /// A later occurrence has fired since: missed days are never replayed.
    Superseded,
}

/// `ZonedDateTime.of(localDateTime, zone)` of java.time, and which of its
/// three cases applied.
pub fn resolve(time_zone: &TimeZone, local: DateTime) -> Result<ResolvedDateTime, jiff::Error> {
    let ambiguous = time_zone.to_ambiguous_timestamp(local);
    let resolution = match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { .. } => Resolution::Exact,
        AmbiguousOffset::Gap { .. } => Resolution::GapMovedLater,
        AmbiguousOffset::Fold { .. } => Resolution::OverlapEarlierOffset,
    };
    let instant = ambiguous.compatible()?;
    Ok(ResolvedDateTime { requested: local, instant, utc_offset_seconds: time_zone.to_offset(instant).seconds(), resolution })
}

fn occurrences(
    time_zone: &TimeZone,
    start: &ResolvedDateTime,
    ends: Timestamp,
    send_time: Time,
) -> Result<Vec<Occurrence>, Vec<FieldError>> {
    let mut list = vec![occurrence(0, start)];
    let mut day = start.requested.date();
    loop {
        let Ok(next_day) = day.tomorrow() else { break };
        day = next_day;
        let Ok(fire) = resolve(time_zone, day.to_datetime(send_time)) else { break };
        if fire.instant >= ends {
            break;
        }
        if list.len() == MAX_OCCURRENCES {
            return Err(vec![FieldError::new(
                "endsAt",
                Problem::OutOfRange,
                format!("endsAt is too far after startsAt: a promotion may send at most {MAX_OCCURRENCES} daily messages"),
            )]);
        }
        list.push(occurrence(list.len() as u32, &fire));
    }
    Ok(list)
}

fn occurrence(index: u32, fire: &ResolvedDateTime) -> Occurrence {
    Occurrence {
        index,
        day: fire.requested.date(),
        fire_at: fire.instant,
        utc_offset_seconds: fire.utc_offset_seconds,
        requested_time: fire.requested.time(),
        resolution: fire.resolution,
    }
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

#[cfg(test)]
mod tests {
    //! Expected instants are worked out by hand from schedule.md and the tz
    //! rules of each zone (cross-checked with an independent tz library), never
    //! taken from this code.

    use super::*;
    use crate::model::{Package, Product, Status};

    fn promotion(time_zone: &str, starts_at: &str, ends_at: &str, daily_send_time: Option<&str>) -> Promotion {
        Promotion {
            id: "p1".into(),
            version: 1,
            status: Status::Published,
            title: "Sale".into(),
            time_zone: time_zone.into(),
            starts_at: starts_at.into(),
            ends_at: ends_at.into(),
            daily_send_time: daily_send_time.map(Into::into),
            package: Package {
                name: "Package".into(),
                discount_percent: Some(10),
                message: "Hi {{firstName}}".into(),
                products: vec![Product {
                    sku: "SKU-1".into(),
                    name: "Thing".into(),
                    price_cents: 1000,
                    promo_price_cents: 900,
                    currency: "EUR".into(),
                    image_url: None,
                    url: None,
                }],
            },
        }
    }

    fn schedule(time_zone: &str, starts_at: &str, ends_at: &str, daily_send_time: Option<&str>) -> Schedule {
        Schedule::resolve(&promotion(time_zone, starts_at, ends_at, daily_send_time)).expect("valid schedule")
    }

    fn instant(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    /// (day, fire-at in UTC, offset in seconds) of every occurrence.
    fn summary(schedule: &Schedule) -> Vec<(String, Timestamp, i32)> {
        schedule.occurrences().iter().map(|o| (o.day.to_string(), o.fire_at, o.utc_offset_seconds)).collect()
    }

    fn expected(rows: &[(&str, &str, i32)]) -> Vec<(String, Timestamp, i32)> {
        rows.iter().map(|(day, fire_at, offset)| (day.to_string(), instant(fire_at), *offset)).collect()
    }

    fn errors(p: &Promotion) -> Vec<(String, Problem)> {
        Schedule::resolve(p).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn worked_example_of_the_spec() {
        let s = schedule("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00"));
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-07-01", "2026-07-01T12:00:00Z", 7200),
                ("2026-07-02", "2026-07-02T07:00:00Z", 7200),
                ("2026-07-03", "2026-07-03T07:00:00Z", 7200),
            ])
        );
        assert_eq!(s.starts(), instant("2026-07-01T12:00:00Z"));
        assert_eq!(s.ends(), instant("2026-07-04T07:00:00Z"));
        let indexes: Vec<u32> = s.occurrences().iter().map(|o| o.index).collect();
        assert_eq!(indexes, [0, 1, 2]);
    }

    #[test]
    fn end_is_exclusive_but_a_moment_before_it_is_not() {
        let s = schedule("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00:01", Some("09:00"));
        assert_eq!(s.occurrences().len(), 4);
        assert_eq!(s.occurrences()[3].fire_at, instant("2026-07-04T07:00:00Z"));
    }

    #[test]
    fn daily_send_time_defaults_to_the_time_of_day_of_the_start() {
        let s = schedule("Europe/Berlin", "2026-07-01T14:00:30", "2026-07-03T23:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-07-01", "2026-07-01T12:00:30Z", 7200),
                ("2026-07-02", "2026-07-02T12:00:30Z", 7200),
                ("2026-07-03", "2026-07-03T12:00:30Z", 7200),
            ])
        );
    }

    #[test]
    fn first_message_goes_out_at_the_start_even_before_the_daily_time() {
        let s = schedule("Europe/Berlin", "2026-07-01T06:15", "2026-07-02T12:00", Some("09:00"));
        assert_eq!(
            summary(&s),
            expected(&[("2026-07-01", "2026-07-01T04:15:00Z", 7200), ("2026-07-02", "2026-07-02T07:00:00Z", 7200)])
        );
    }

    #[test]
    fn start_after_the_daily_time_and_end_on_the_same_day_gives_one_occurrence() {
        let s = schedule("Europe/Berlin", "2026-07-01T14:00", "2026-07-01T18:00", Some("09:00"));
        assert_eq!(summary(&s), expected(&[("2026-07-01", "2026-07-01T12:00:00Z", 7200)]));
    }

    #[test]
    fn gap_in_berlin_moves_later_by_the_gap_length() {
        // 2026-03-29 02:00 CET -> 03:00 CEST: 02:30 becomes 03:30 CEST = 01:30Z.
        let s = schedule("Europe/Berlin", "2026-03-28T02:30", "2026-03-31T00:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-03-28", "2026-03-28T01:30:00Z", 3600),
                ("2026-03-29", "2026-03-29T01:30:00Z", 7200),
                ("2026-03-30", "2026-03-30T00:30:00Z", 7200),
            ])
        );
    }

    #[test]
    fn start_inside_a_gap_resolves_like_java_time() {
        let s = schedule("Europe/Berlin", "2026-03-29T02:30", "2026-03-29T12:00", None);
        assert_eq!(s.starts(), instant("2026-03-29T01:30:00Z"));
    }

    #[test]
    fn overlap_in_berlin_takes_the_earlier_offset() {
        // 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens twice, take CEST = 00:30Z.
        let s = schedule("Europe/Berlin", "2026-10-24T02:30", "2026-10-27T00:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-10-24", "2026-10-24T00:30:00Z", 7200),
                ("2026-10-25", "2026-10-25T00:30:00Z", 7200),
                ("2026-10-26", "2026-10-26T01:30:00Z", 3600),
            ])
        );
    }

    #[test]
    fn end_inside_an_overlap_uses_the_earlier_instant() {
        // endsAt 02:30 on the overlap day is 00:30Z, so the 02:30 message of that day is not sent.
        let s = schedule("Europe/Berlin", "2026-10-24T02:30", "2026-10-25T02:30", None);
        assert_eq!(s.ends(), instant("2026-10-25T00:30:00Z"));
        assert_eq!(summary(&s), expected(&[("2026-10-24", "2026-10-24T00:30:00Z", 7200)]));
    }

    #[test]
    fn havana_midnight_gap() {
        // Cuba springs forward at local midnight: 2026-03-08 00:00 CST -> 01:00 CDT.
        let s = schedule("America/Havana", "2026-03-07T00:00", "2026-03-10T00:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-03-07", "2026-03-07T05:00:00Z", -18000),
                ("2026-03-08", "2026-03-08T05:00:00Z", -14400),
                ("2026-03-09", "2026-03-09T04:00:00Z", -14400),
            ])
        );
        // (No autumn case here: the bundled tz database has Cuba stay on -04
        // from then on; Santiago below covers an overlap at midnight.)
    }

    #[test]
    fn santiago_midnight_transitions() {
        // Chile springs forward at 00:00 on 2026-09-06 (-04 -> -03).
        let s = schedule("America/Santiago", "2026-09-05T00:30", "2026-09-08T00:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-09-05", "2026-09-05T04:30:00Z", -14400),
                ("2026-09-06", "2026-09-06T04:30:00Z", -10800),
                ("2026-09-07", "2026-09-07T03:30:00Z", -10800),
            ])
        );
        // and falls back at 24:00 on 2026-04-04 (-03 -> -04): 23:30 happens twice, take -03.
        let s = schedule("America/Santiago", "2026-04-03T23:30", "2026-04-06T00:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-04-03", "2026-04-04T02:30:00Z", -10800),
                ("2026-04-04", "2026-04-05T02:30:00Z", -10800),
                ("2026-04-05", "2026-04-06T03:30:00Z", -14400),
            ])
        );
    }

    #[test]
    fn half_hour_and_45_minute_zones() {
        let s = schedule("Asia/Kolkata", "2026-01-10T09:00", "2026-01-11T12:00", None);
        assert_eq!(
            summary(&s),
            expected(&[("2026-01-10", "2026-01-10T03:30:00Z", 19800), ("2026-01-11", "2026-01-11T03:30:00Z", 19800)])
        );
        let s = schedule("Asia/Kathmandu", "2026-01-10T09:00", "2026-01-10T12:00", None);
        assert_eq!(summary(&s), expected(&[("2026-01-10", "2026-01-10T03:15:00Z", 20700)]));
    }

    #[test]
    fn lord_howe_has_a_30_minute_daylight_saving_shift() {
        // 2026-04-05 02:00 (+11) -> 01:30 (+10:30): 01:45 happens twice, take +11.
        let s = schedule("Australia/Lord_Howe", "2026-04-04T01:45", "2026-04-06T12:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-04-04", "2026-04-03T14:45:00Z", 39600),
                ("2026-04-05", "2026-04-04T14:45:00Z", 39600),
                ("2026-04-06", "2026-04-05T15:15:00Z", 37800),
            ])
        );
        // 2026-10-04 02:00 (+10:30) -> 02:30 (+11): 02:15 becomes 02:45 (+11) = 15:45Z.
        let s = schedule("Australia/Lord_Howe", "2026-10-03T02:15", "2026-10-05T12:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2026-10-03", "2026-10-02T15:45:00Z", 37800),
                ("2026-10-04", "2026-10-03T15:45:00Z", 39600),
                ("2026-10-05", "2026-10-04T15:15:00Z", 39600),
            ])
        );
    }

    #[test]
    fn zones_fourteen_and_twelve_hours_from_utc() {
        // The local day is what counts, not the UTC day.
        let s = schedule("Pacific/Kiritimati", "2026-01-01T00:00", "2026-01-02T12:00", None);
        assert_eq!(
            summary(&s),
            expected(&[("2026-01-01", "2025-12-31T10:00:00Z", 50400), ("2026-01-02", "2026-01-01T10:00:00Z", 50400)])
        );
        let s = schedule("Etc/GMT+12", "2026-01-01T00:00", "2026-01-02T00:00:01", None);
        assert_eq!(
            summary(&s),
            expected(&[("2026-01-01", "2026-01-01T12:00:00Z", -43200), ("2026-01-02", "2026-01-02T12:00:00Z", -43200)])
        );
        let s = schedule("Pacific/Apia", "2026-01-01T09:00", "2026-01-01T10:00", None);
        assert_eq!(summary(&s), expected(&[("2026-01-01", "2025-12-31T20:00:00Z", 46800)]));
    }

    #[test]
    fn samoa_skipped_day_resolves_like_java_time() {
        // Apia skipped 2011-12-30 (-10 -> +14): 09:00 that day moves later by
        // the 24-hour gap, onto the same instant as 09:00 on the 31st.
        let s = schedule("Pacific/Apia", "2011-12-29T09:00", "2012-01-01T00:00", None);
        assert_eq!(
            summary(&s),
            expected(&[
                ("2011-12-29", "2011-12-29T19:00:00Z", -36000),
                ("2011-12-30", "2011-12-30T19:00:00Z", 50400),
                ("2011-12-31", "2011-12-30T19:00:00Z", 50400),
            ])
        );
        let after_first = s.next_fire(instant("2011-12-29T19:00:00Z")).unwrap();
        assert_eq!(after_first.index, 1);
        assert_eq!(s.due_at(instant("2011-12-30T19:00:00Z")).unwrap().index, 2);
    }

    /// (day, requested wall time, resolution) of every occurrence.
    fn resolutions(schedule: &Schedule) -> Vec<(String, String, Resolution)> {
        schedule.occurrences().iter().map(|o| (o.day.to_string(), o.requested_time.strftime("%H:%M").to_string(), o.resolution)).collect()
    }

    #[test]
    fn daily_send_time_in_the_spring_gap_is_reported_as_moved_later() {
        // Berlin 2027-03-28: 02:00 CET -> 03:00 CEST; 02:30 that day becomes 03:30 CEST (01:30Z).
        let s = schedule("Europe/Berlin", "2027-03-27T10:00", "2027-03-30T00:00", Some("02:30"));
        assert_eq!(
            resolutions(&s),
            [
                ("2027-03-27".to_string(), "10:00".to_string(), Resolution::Exact),
                ("2027-03-28".to_string(), "02:30".to_string(), Resolution::GapMovedLater),
                ("2027-03-29".to_string(), "02:30".to_string(), Resolution::Exact),
            ]
        );
        let moved = s.occurrences()[1];
        assert_eq!((moved.fire_at, moved.utc_offset_seconds), (instant("2027-03-28T01:30:00Z"), 7200));
        // The wall time it actually fires at: 03:30.
        assert_eq!(moved.fire_at.to_zoned_datetime(TimeZone::get("Europe/Berlin").unwrap()).time(), Time::constant(3, 30, 0, 0));
    }

    #[test]
    fn daily_send_time_in_the_autumn_overlap_is_reported_as_the_earlier_offset() {
        // Berlin 2026-10-25: 03:00 CEST -> 02:00 CET; 02:30 happens twice, the first at 00:30Z.
        let s = schedule("Europe/Berlin", "2026-10-24T12:00", "2026-10-27T00:00", Some("02:30"));
        assert_eq!(
            resolutions(&s),
            [
                ("2026-10-24".to_string(), "12:00".to_string(), Resolution::Exact),
                ("2026-10-25".to_string(), "02:30".to_string(), Resolution::OverlapEarlierOffset),
                ("2026-10-26".to_string(), "02:30".to_string(), Resolution::Exact),
            ]
        );
        assert_eq!(s.occurrences()[1].fire_at, instant("2026-10-25T00:30:00Z"));
        assert_eq!(s.occurrences()[1].utc_offset_seconds, 7200);
    }

    #[test]
    fn start_and_end_report_their_resolution() {
        let s = schedule("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00"));
        assert_eq!((s.start().resolution, s.end().resolution), (Resolution::Exact, Resolution::Exact));
        assert_eq!(s.start().requested.to_string(), "2026-07-01T14:00:00");
        assert_eq!((s.start().instant, s.start().utc_offset_seconds), (instant("2026-07-01T12:00:00Z"), 7200));

        // Start in the spring gap, end in the autumn overlap.
        let s = schedule("Europe/Berlin", "2026-03-29T02:30", "2026-10-25T02:30", Some("12:00"));
        let (start, end) = (s.start(), s.end());
        assert_eq!(start.resolution, Resolution::GapMovedLater);
        assert_eq!((start.instant, start.utc_offset_seconds), (instant("2026-03-29T01:30:00Z"), 7200));
        assert_eq!(start.requested.to_string(), "2026-03-29T02:30:00");
        assert_eq!(end.resolution, Resolution::OverlapEarlierOffset);
        assert_eq!((end.instant, end.utc_offset_seconds), (instant("2026-10-25T00:30:00Z"), 7200));
        // Occurrence 0 is the start, so it carries the start's resolution and time.
        let first = s.occurrences()[0];
        assert_eq!((first.requested_time, first.resolution), (Time::constant(2, 30, 0, 0), Resolution::GapMovedLater));
    }

    #[test]
    fn samoa_skipped_day_is_a_gap() {
        let s = schedule("Pacific/Apia", "2011-12-29T09:00", "2012-01-01T00:00", None);
        assert_eq!(
            s.occurrences().iter().map(|o| o.resolution).collect::<Vec<_>>(),
            [Resolution::Exact, Resolution::GapMovedLater, Resolution::Exact]
        );
    }

    #[test]
    fn next_fire_is_strictly_after() {
        let s = schedule("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00"));
        let next = |at: &str| s.next_fire(instant(at)).map(|o| o.index);
        assert_eq!(next("2020-01-01T00:00:00Z"), Some(0));
        assert_eq!(next("2026-07-01T11:59:59.999Z"), Some(0));
        assert_eq!(next("2026-07-01T12:00:00Z"), Some(1));
        assert_eq!(next("2026-07-02T06:59:59.999Z"), Some(1));
        assert_eq!(next("2026-07-02T07:00:00Z"), Some(2));
        assert_eq!(next("2026-07-03T07:00:00Z"), None);
        assert_eq!(next("2030-01-01T00:00:00Z"), None);
    }

    #[test]
    fn due_at_is_the_latest_fired_occurrence_before_the_end() {
        let s = schedule("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00"));
        let due = |at: &str| s.due_at(instant(at)).map(|o| o.index);
        assert_eq!(due("2026-07-01T11:59:59.999Z"), None);
        assert_eq!(due("2026-07-01T12:00:00Z"), Some(0));
        assert_eq!(due("2026-07-02T06:59:59Z"), Some(0));
        assert_eq!(due("2026-07-02T07:00:00Z"), Some(1));
        // After an outage: today's message is due, earlier missed days are not.
        assert_eq!(due("2026-07-03T20:00:00Z"), Some(2));
        assert_eq!(due("2026-07-04T06:59:59.999Z"), Some(2));
        assert_eq!(due("2026-07-04T07:00:00Z"), None);
        assert_eq!(due("2027-01-01T00:00:00Z"), None);
    }

    #[test]
    fn only_a_due_day_is_deliverable() {
        // Berlin: 07-01 14:00 CEST, 07-02 09:00, 07-03 09:00; ends 07-04 09:00.
        let s = schedule("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00"));
        let deliverable = |day: &str, at: &str| s.deliverable(day.parse().unwrap(), instant(at)).map(|o| o.index);
        // Before the start nothing is due, not even day 0.
        assert_eq!(deliverable("2026-07-01", "2026-07-01T11:59:59Z"), Err(NotDeliverable::NotYetDue));
        assert_eq!(deliverable("2026-07-01", "2026-07-01T12:00:00Z"), Ok(0));
        // Tomorrow's day, posted today: not yet.
        assert_eq!(deliverable("2026-07-02", "2026-07-01T20:00:00Z"), Err(NotDeliverable::NotYetDue));
        // 00:30 CEST on 07-02 is still 07-01 in UTC: the zone's date counts.
        assert_eq!(deliverable("2026-07-02", "2026-07-01T22:30:00Z"), Ok(1));
        // Today's day before today's send time (the admin moved it later after
        // the event was sent): yesterday is still `due_at`, today is allowed.
        assert_eq!(deliverable("2026-07-02", "2026-07-02T06:00:00Z"), Ok(1));
        // A retry of yesterday after today's message fired: superseded.
        assert_eq!(deliverable("2026-07-01", "2026-07-02T07:00:00Z"), Err(NotDeliverable::Superseded));
        // Late on the day itself it is still delivered.
        assert_eq!(deliverable("2026-07-03", "2026-07-03T21:59:00Z"), Ok(2));
        // After the end nothing, and a day that is no occurrence is never deliverable.
        assert_eq!(deliverable("2026-07-03", "2026-07-04T07:00:00Z"), Err(NotDeliverable::Ended));
        assert_eq!(deliverable("2026-07-04", "2026-07-04T06:00:00Z"), Err(NotDeliverable::NotAnOccurrence));
        assert_eq!(deliverable("2026-06-30", "2026-07-02T07:00:00Z"), Err(NotDeliverable::NotAnOccurrence));
    }

    #[test]
    fn invalid_schedule_fields_are_all_reported() {
        let p = promotion("Mars/Olympus", "2026-07-01 14:00", "tomorrow", Some("9am"));
        assert_eq!(
            errors(&p),
            [
                ("timeZone".to_string(), Problem::UnknownTimeZone),
                ("startsAt".to_string(), Problem::Malformed),
                ("endsAt".to_string(), Problem::Malformed),
                ("dailySendTime".to_string(), Problem::Malformed),
            ]
        );
    }

    #[test]
    fn zone_ids_are_case_sensitive_like_java_time() {
        let p = promotion("europe/berlin", "2026-07-01T14:00", "2026-07-02T14:00", None);
        assert_eq!(errors(&p), [("timeZone".to_string(), Problem::UnknownTimeZone)]);
    }

    #[test]
    fn date_times_with_offsets_or_impossible_dates_are_malformed() {
        for text in ["2026-07-01T14:00Z", "2026-07-01T14:00+02:00", "2026-02-30T10:00", "2026-07-01T24:00", "2026-07-01T14:00:00.5", "2026-07-01"] {
            let p = promotion("Europe/Berlin", text, "2026-08-01T00:00", None);
            assert_eq!(errors(&p), [("startsAt".to_string(), Problem::Malformed)], "{text}");
        }
        let p = promotion("Europe/Berlin", "2026-07-01T14:00", "2026-08-01T00:00", Some("25:00"));
        assert_eq!(errors(&p), [("dailySendTime".to_string(), Problem::Malformed)]);
    }

    #[test]
    fn end_must_be_after_start_as_instants() {
        let p = promotion("Europe/Berlin", "2026-07-01T14:00", "2026-07-01T14:00", None);
        assert_eq!(errors(&p), [("endsAt".to_string(), Problem::NotAfterStart)]);
        // Both in the overlap, both resolved with CEST: 00:45Z, then 00:15Z.
        let p = promotion("Europe/Berlin", "2026-10-25T02:45", "2026-10-25T02:15", None);
        assert_eq!(errors(&p), [("endsAt".to_string(), Problem::NotAfterStart)]);
        // Start in the gap (02:30 -> 01:30Z) and end at 03:15 CEST (01:15Z): later as
        // wall time, earlier as an instant.
        let p = promotion("Europe/Berlin", "2026-03-29T02:30", "2026-03-29T03:15", None);
        assert_eq!(errors(&p), [("endsAt".to_string(), Problem::NotAfterStart)]);
    }

    #[test]
    fn a_promotion_may_not_run_for_decades() {
        let p = promotion("Europe/Berlin", "2026-07-01T14:00", "2126-07-01T14:00", None);
        assert_eq!(errors(&p), [("endsAt".to_string(), Problem::OutOfRange)]);
    }
}
