//! The library API as the JNI bridge and the job use it.

use std::path::PathBuf;

use promo_host::{EngineError, EngineOptions, LocalTimeResolution, Problem, PromoEngine, RecipientTable};

const PROMOTION: &str = r#"{
  "id": "summer-2026", "version": 1, "status": "PUBLISHED", "title": "Summer Sale",
  "timeZone": "Europe/Berlin", "startsAt": "2026-07-01T14:00", "endsAt": "2026-07-04T09:00", "dailySendTime": "09:00",
  "package": {"name": "Garden", "message": "Hi {{firstName}}, {{daysLeft}} left",
    "products": [{"sku": "A", "name": "Hose", "priceCents": 100, "promoPriceCents": 90, "currency": "EUR"}]}
}"#;

/// 2026-07-02T07:00:00Z, the second occurrence.
const SECOND_FIRE_MS: i64 = 1_782_975_600_000;

fn engine(signals_based_traps: bool) -> PromoEngine {
    let cache_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("promo-cache/promo");
    PromoEngine::new(&EngineOptions { signals_based_traps, cache_dir: Some(cache_dir) }).expect("engine starts")
}

#[test]
fn engine_handle_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    fn assert_send<T: Send>() {}
    assert_send_sync::<PromoEngine>();
    assert_send::<promo_host::CheckedPromotion>();
    assert_send::<promo_host::Schedule>();
    assert_send::<promo_host::Renderer>();
}

#[test]
fn schedule_and_render_without_signal_handlers() {
    // As inside a JVM: no signals-based traps.
    let engine = engine(false);
    let mut checked = engine.check(PROMOTION).unwrap();
    assert_eq!(checked.promotion().unwrap().title, "Summer Sale");
    let schedule = checked.schedule();
    assert_eq!(schedule.occurrences().unwrap().len(), 3);
    assert_eq!(schedule.start().unwrap().to_json().instant, "2026-07-01T12:00:00Z");
    let next = schedule.next_fire(SECOND_FIRE_MS - 1).unwrap().unwrap();
    assert_eq!((next.index, next.fire_at, next.utc_offset_seconds), (1, SECOND_FIRE_MS, 7200));
    assert_eq!(next.to_json().fire_at, "2026-07-02T09:00:00+02:00");
    assert_eq!(schedule.due_at(SECOND_FIRE_MS).unwrap().unwrap().index, 1);
    assert_eq!(schedule.next_fire(SECOND_FIRE_MS).unwrap().unwrap().index, 2);

    let mut recipients = RecipientTable::with_capacity(2);
    recipients.push("u-1", "bob", None, None);
    recipients.push("u-2", "zoe", Some("Zoë"), Some("de-DE"));
    // A one-off render from the checked promotion, then a renderer for many batches.
    assert_eq!(checked.render(1, &recipients).unwrap().to_inbox_messages()[0].body, "Hi bob, 2 left");
    assert_eq!(checked.schedule().due_at(SECOND_FIRE_MS).unwrap().unwrap().index, 1, "still queryable after a render");
    let mut renderer = checked.into_renderer(1).unwrap();
    let messages = renderer.render(&recipients).unwrap().to_inbox_messages();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0].idempotency_key, "summer-2026/2026-07-02/u-1");
    assert_eq!(messages[0].body, "Hi bob, 2 left");
    assert_eq!(messages[0].expires_at, "2026-07-04T07:00:00Z");
    assert_eq!((messages[1].recipient_id.as_str(), messages[1].body.as_str()), ("u-2", "Hi Zoë, 2 left"));
    assert!(renderer.render(&RecipientTable::default()).unwrap().messages.is_empty());
}

#[test]
fn invalid_input_names_the_fields() {
    let engine = engine(true);
    let invalid = PROMOTION.replace("Europe/Berlin", "Europe/Nowhere").replace("\"EUR\"", "\"eur\"");
    let Err(EngineError::Invalid(errors)) = engine.check(&invalid) else { panic!("accepted an invalid promotion") };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["timeZone", "package.products[0].currency"]);
    assert!(matches!(errors[0].problem, Problem::UnknownTimeZone));

    let Err(EngineError::Invalid(errors)) = engine.check(PROMOTION).unwrap().into_renderer(3) else {
        panic!("occurrence 3 does not exist")
    };
    assert_eq!(errors[0].field, "occurrence.index");
    let Err(EngineError::Invalid(errors)) = engine.shard_of("u-1", 0) else { panic!("zero shards accepted") };
    assert_eq!(errors[0].field, "shardCount");
    // md5("alice") begins 0x6384e2b2184bcbf5 = 7171105761220348917
    assert_eq!(engine.shard_of("alice", 1000).unwrap(), 917);
}

#[test]
fn compiled_component_is_cached_on_disk() {
    // The directory the other tests use too (compiling in a debug build is slow).
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("promo-cache/promo");
    let options = EngineOptions { signals_based_traps: true, cache_dir: Some(dir.clone()) };
    PromoEngine::new(&options).unwrap();
    let names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().any(|name| name.starts_with("engine-") && name.ends_with(".cwasm")), "{names:?}");
    // A second engine loads the artifact and works.
    let engine = PromoEngine::new(&options).unwrap();
    assert!(engine.check(PROMOTION).is_ok());
}

#[test]
fn local_times_in_a_gap_or_an_overlap_say_how_they_were_resolved() {
    // Berlin: 02:30 on 2027-03-28 does not exist (moved to 03:30 CEST); the end,
    // 02:30 on 2027-10-31, happens twice (the first, CEST, is taken).
    let promotion = PROMOTION
        .replace("2026-07-01T14:00", "2027-03-27T12:00")
        .replace("2026-07-04T09:00", "2027-10-31T02:30")
        .replace("\"09:00\"", "\"02:30\"");
    let mut checked = engine(true).check(&promotion).unwrap();
    let schedule = checked.schedule();
    let occurrences = schedule.occurrences().unwrap();
    let resolutions: Vec<_> = occurrences.iter().take(3).map(|o| o.to_json()).map(|o| (o.day, o.local_time, o.requested_time, o.resolution)).collect();
    let row = |day: &str, local: &str, requested: &str, resolution: &'static str| (day.to_string(), local.to_string(), requested.to_string(), resolution);
    assert_eq!(
        resolutions,
        [
            row("2027-03-27", "12:00", "12:00", "EXACT"),
            row("2027-03-28", "03:30", "02:30", "GAP_MOVED_LATER"),
            row("2027-03-29", "02:30", "02:30", "EXACT"),
        ]
    );
    assert_eq!(occurrences[1].resolution, LocalTimeResolution::GapMovedLater);
    let end = schedule.end().unwrap().to_json();
    assert_eq!((end.requested.as_str(), end.instant.as_str(), end.utc_offset_seconds, end.resolution), ("2027-10-31T02:30", "2027-10-31T00:30:00Z", 7200, "OVERLAP_EARLIER_OFFSET"));
}
