//! Runs the real `promo` binary. Expected values are worked out by hand from
//! shared/spec/schedule.md and the tz rules of each zone.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};

fn scratch_file(name: &str, contents: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("promo-dry-run-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{}-{name}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, contents).unwrap();
    path
}

/// Runs `promo` with a cache directory shared by the tests, so the component
/// is compiled once per test run.
fn promo(args: &[&str]) -> Output {
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("promo-cache");
    Command::new(env!("CARGO_BIN_EXE_promo")).args(args).env("XDG_CACHE_HOME", cache).output().expect("running promo")
}

fn promotion(time_zone: &str, starts_at: &str, ends_at: &str, daily_send_time: Option<&str>) -> Value {
    json!({
        "id": "promo-1",
        "version": 1,
        "status": "PUBLISHED",
        "title": "Spring Sale",
        "timeZone": time_zone,
        "startsAt": starts_at,
        "endsAt": ends_at,
        "dailySendTime": daily_send_time,
        "package": {
            "name": "Garden",
            "discountPercent": 15,
            "message": "Hi {{firstName}}, day {{dayNumber}}: {{discountPercent}}% off, {{daysLeft}} left.",
            "products": [{"sku": "HOSE-25", "name": "Hose", "priceCents": 3999, "promoPriceCents": 3399, "currency": "EUR"}]
        }
    })
}

fn dry_run_json(promotion: &Value, extra: &[&str]) -> Value {
    let file = scratch_file("promotion.json", &promotion.to_string());
    let mut args = vec!["dry-run", file.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let output = promo(&args);
    assert!(output.status.success(), "promo failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

/// `[(day, fireAt)]` of the occurrences.
fn fire_times(document: &Value) -> Vec<(String, String)> {
    document["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(index, o)| {
            assert_eq!(o["index"], json!(index));
            (o["day"].as_str().unwrap().to_string(), o["fireAt"].as_str().unwrap().to_string())
        })
        .collect()
}

fn expected(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter().map(|(day, fire_at)| (day.to_string(), fire_at.to_string())).collect()
}

fn fires(time_zone: &str, starts_at: &str, ends_at: &str, daily: Option<&str>) -> Vec<(String, String)> {
    fire_times(&dry_run_json(&promotion(time_zone, starts_at, ends_at, daily), &[]))
}

#[test]
fn worked_example_with_next_and_due() {
    let document = dry_run_json(
        &promotion("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00")),
        &["--now", "2026-07-02T08:00:00Z"],
    );
    assert_eq!(
        fire_times(&document),
        expected(&[
            ("2026-07-01", "2026-07-01T14:00:00+02:00"),
            ("2026-07-02", "2026-07-02T09:00:00+02:00"),
            ("2026-07-03", "2026-07-03T09:00:00+02:00"),
        ])
    );
    let day = |index: u32, day: &str| {
        json!({"index": index, "day": day, "fireAt": format!("{day}T09:00:00+02:00"), "utcOffsetSeconds": 7200,
               "localTime": "09:00", "requestedTime": "09:00", "resolution": "EXACT"})
    };
    assert_eq!(document["due"], day(1, "2026-07-02"));
    assert_eq!(document["next"], day(2, "2026-07-03"));
    assert_eq!(document["timeZone"], "Europe/Berlin");
    assert_eq!(
        document["start"],
        json!({"requested": "2026-07-01T14:00", "instant": "2026-07-01T12:00:00Z", "utcOffsetSeconds": 7200, "resolution": "EXACT"})
    );
    assert_eq!(document["end"]["instant"], "2026-07-04T07:00:00Z");
    // The sample is the message that is due now.
    let sample = &document["sample"][0];
    assert_eq!(sample["idempotencyKey"], "promo-1/2026-07-02/00000000-0000-4000-8000-000000000001");
    assert_eq!(sample["day"], "2026-07-02");
    assert_eq!(sample["body"], "Hi Alice, day 2: 15% off, 2 left.");
    assert_eq!(sample["expiresAt"], "2026-07-04T07:00:00Z");
    assert_eq!(sample["products"][0]["sku"], "HOSE-25");
}

#[test]
fn next_and_due_are_null_without_now_and_after_the_end() {
    let p = promotion("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00"));
    let document = dry_run_json(&p, &[]);
    assert_eq!((&document["next"], &document["due"]), (&Value::Null, &Value::Null));
    let document = dry_run_json(&p, &["--now", "2026-07-04T09:00:00+02:00"]);
    assert_eq!((&document["next"], &document["due"]), (&Value::Null, &Value::Null));
    let document = dry_run_json(&p, &["--now", "2026-06-30T00:00:00Z"]);
    assert_eq!(document["due"], Value::Null);
    assert_eq!(document["next"]["index"], 0);
}

#[test]
fn json_says_how_each_local_time_was_resolved() {
    // Berlin: 02:30 does not exist on 2027-03-28 (moved to 03:30 CEST); the end
    // 2027-10-31 02:30 happens twice (the first, CEST, is taken).
    let document = dry_run_json(&promotion("Europe/Berlin", "2027-03-27T10:00", "2027-10-31T02:30", Some("02:30")), &[]);
    let day = &document["occurrences"][1];
    assert_eq!(
        (&day["day"], &day["fireAt"], &day["utcOffsetSeconds"]),
        (&json!("2027-03-28"), &json!("2027-03-28T03:30:00+02:00"), &json!(7200))
    );
    assert_eq!((&day["requestedTime"], &day["localTime"], &day["resolution"]), (&json!("02:30"), &json!("03:30"), &json!("GAP_MOVED_LATER")));
    assert_eq!(document["occurrences"][2]["resolution"], "EXACT");
    assert_eq!(document["start"]["resolution"], "EXACT");
    assert_eq!(
        document["end"],
        json!({"requested": "2027-10-31T02:30", "instant": "2027-10-31T00:30:00Z", "utcOffsetSeconds": 7200, "resolution": "OVERLAP_EARLIER_OFFSET"})
    );
    // The table says it in words.
    let file = scratch_file("gap.json", &promotion("Europe/Berlin", "2027-03-27T10:00", "2027-03-30T00:00", Some("02:30")).to_string());
    let output = promo(&["dry-run", file.to_str().unwrap()]);
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.contains("02:30 does not exist that day (clocks go forward): moved later"), "{table}");
}

#[test]
fn berlin_gap_and_overlap_days() {
    assert_eq!(
        fires("Europe/Berlin", "2026-03-28T02:30", "2026-03-31T00:00", None),
        expected(&[
            ("2026-03-28", "2026-03-28T02:30:00+01:00"),
            ("2026-03-29", "2026-03-29T03:30:00+02:00"),
            ("2026-03-30", "2026-03-30T02:30:00+02:00"),
        ])
    );
    assert_eq!(
        fires("Europe/Berlin", "2026-10-24T02:30", "2026-10-27T00:00", None),
        expected(&[
            ("2026-10-24", "2026-10-24T02:30:00+02:00"),
            ("2026-10-25", "2026-10-25T02:30:00+02:00"),
            ("2026-10-26", "2026-10-26T02:30:00+01:00"),
        ])
    );
}

#[test]
fn new_york_gap_and_overlap_days() {
    // 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
    assert_eq!(
        fires("America/New_York", "2026-03-07T02:30", "2026-03-09T12:00", None),
        expected(&[
            ("2026-03-07", "2026-03-07T02:30:00-05:00"),
            ("2026-03-08", "2026-03-08T03:30:00-04:00"),
            ("2026-03-09", "2026-03-09T02:30:00-04:00"),
        ])
    );
    assert_eq!(
        fires("America/New_York", "2026-10-31T01:30", "2026-11-02T12:00", None),
        expected(&[
            ("2026-10-31", "2026-10-31T01:30:00-04:00"),
            ("2026-11-01", "2026-11-01T01:30:00-04:00"),
            ("2026-11-02", "2026-11-02T01:30:00-05:00"),
        ])
    );
}

#[test]
fn midnight_transitions_in_havana_and_santiago() {
    assert_eq!(
        fires("America/Havana", "2026-03-07T00:00", "2026-03-10T00:00", None),
        expected(&[
            ("2026-03-07", "2026-03-07T00:00:00-05:00"),
            ("2026-03-08", "2026-03-08T01:00:00-04:00"),
            ("2026-03-09", "2026-03-09T00:00:00-04:00"),
        ])
    );
    assert_eq!(
        fires("America/Santiago", "2026-09-05T00:30", "2026-09-08T00:00", None),
        expected(&[
            ("2026-09-05", "2026-09-05T00:30:00-04:00"),
            ("2026-09-06", "2026-09-06T01:30:00-03:00"),
            ("2026-09-07", "2026-09-07T00:30:00-03:00"),
        ])
    );
}

#[test]
fn half_hour_and_45_minute_zones_and_lord_howe() {
    assert_eq!(
        fires("Asia/Kolkata", "2026-01-10T09:00", "2026-01-11T12:00", None),
        expected(&[("2026-01-10", "2026-01-10T09:00:00+05:30"), ("2026-01-11", "2026-01-11T09:00:00+05:30")])
    );
    assert_eq!(
        fires("Asia/Kathmandu", "2026-01-10T09:00", "2026-01-10T12:00", None),
        expected(&[("2026-01-10", "2026-01-10T09:00:00+05:45")])
    );
    // Lord Howe moves its clocks by 30 minutes: 02:00 -> 02:30 on 2026-10-04.
    assert_eq!(
        fires("Australia/Lord_Howe", "2026-10-03T02:15", "2026-10-05T12:00", None),
        expected(&[
            ("2026-10-03", "2026-10-03T02:15:00+10:30"),
            ("2026-10-04", "2026-10-04T02:45:00+11:00"),
            ("2026-10-05", "2026-10-05T02:15:00+11:00"),
        ])
    );
    // and back 02:00 -> 01:30 on 2026-04-05: 01:45 happens twice, the earlier (+11) counts.
    assert_eq!(
        fires("Australia/Lord_Howe", "2026-04-05T01:45", "2026-04-06T12:00", None),
        expected(&[("2026-04-05", "2026-04-05T01:45:00+11:00"), ("2026-04-06", "2026-04-06T01:45:00+10:30")])
    );
}

#[test]
fn zones_fourteen_and_twelve_hours_from_utc() {
    let document = dry_run_json(
        &promotion("Pacific/Kiritimati", "2026-01-01T00:00", "2026-01-02T12:00", None),
        &["--now", "2025-12-31T10:00:00Z"],
    );
    assert_eq!(
        fire_times(&document),
        expected(&[("2026-01-01", "2026-01-01T00:00:00+14:00"), ("2026-01-02", "2026-01-02T00:00:00+14:00")])
    );
    assert_eq!(document["due"]["day"], "2026-01-01");
    assert_eq!(
        fires("Etc/GMT+12", "2026-01-01T00:00", "2026-01-02T00:00:01", None),
        expected(&[("2026-01-01", "2026-01-01T00:00:00-12:00"), ("2026-01-02", "2026-01-02T00:00:00-12:00")])
    );
    assert_eq!(
        fires("Pacific/Apia", "2026-01-01T09:00", "2026-01-01T10:00", None),
        expected(&[("2026-01-01", "2026-01-01T09:00:00+13:00")])
    );
}

#[test]
fn renders_one_sample_per_recipient_line() {
    let recipients = scratch_file(
        "recipients.jsonl",
        "{\"userId\":\"u-1\",\"username\":\"bob\"}\n\n{\"userId\":\"u-2\",\"username\":\"carol\",\"firstName\":\"Carol\",\"locale\":\"de-DE\"}\n",
    );
    let document = dry_run_json(
        &promotion("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00")),
        &["--recipients", recipients.to_str().unwrap()],
    );
    let sample = document["sample"].as_array().unwrap();
    assert_eq!(sample.len(), 2);
    assert_eq!(sample[0]["idempotencyKey"], "promo-1/2026-07-01/u-1");
    assert_eq!(sample[0]["recipientId"], "u-1");
    assert_eq!(sample[0]["body"], "Hi bob, day 1: 15% off, 3 left.");
    assert_eq!(sample[1]["body"], "Hi Carol, day 1: 15% off, 3 left.");
    assert_eq!(sample[1]["subject"], "Spring Sale – day 1 of 3");
}

#[test]
fn table_shows_local_and_utc_times() {
    let file = scratch_file("promotion.json", &promotion("Asia/Kolkata", "2026-01-10T09:00", "2026-01-11T12:00", None).to_string());
    let output = promo(&["dry-run", file.to_str().unwrap(), "--now", "2026-01-10T04:00:00Z"]);
    assert!(output.status.success());
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.contains("2026-01-10 09:00:00 +05:30"), "{table}");
    assert!(table.contains("2026-01-10 03:30:00 UTC"), "{table}");
    assert!(table.contains("due #0"), "{table}");
}

/// Runs `promo` expecting bad input: exit code 2, nothing on stdout, and
/// stderr naming `field`.
fn assert_bad_input(args: &[&str], field: &str) {
    let output = promo(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "args {args:?}, stderr: {stderr}");
    assert!(output.stdout.is_empty(), "stdout: {}", String::from_utf8_lossy(&output.stdout));
    assert!(stderr.contains(field), "stderr does not name {field}: {stderr}");
}

fn assert_invalid_promotion(promotion: &Value, field: &str) {
    let file = scratch_file("invalid.json", &promotion.to_string());
    assert_bad_input(&["dry-run", file.to_str().unwrap(), "--json"], field);
    assert_bad_input(&["dry-run", file.to_str().unwrap()], field);
}

fn valid() -> Value {
    promotion("Europe/Berlin", "2026-07-01T14:00", "2026-07-04T09:00", Some("09:00"))
}

fn with(mut value: Value, pointer: &str, new: Value) -> Value {
    *value.pointer_mut(pointer).unwrap() = new;
    value
}

#[test]
fn invalid_schedule_fields_exit_2_naming_the_field() {
    assert_invalid_promotion(&with(valid(), "/timeZone", json!("Europe/Atlantis")), "timeZone");
    assert_invalid_promotion(&with(valid(), "/startsAt", json!("2026-07-01T14:00+02:00")), "startsAt");
    assert_invalid_promotion(&with(valid(), "/endsAt", json!("2026-07-01T13:00")), "endsAt");
    assert_invalid_promotion(&with(valid(), "/dailySendTime", json!("9:00")), "dailySendTime");
}

#[test]
fn invalid_package_fields_exit_2_naming_the_field() {
    assert_invalid_promotion(&with(valid(), "/title", json!("")), "title");
    assert_invalid_promotion(&with(valid(), "/title", json!("x".repeat(121))), "title");
    assert_invalid_promotion(&with(valid(), "/status", json!("LIVE")), "status");
    assert_invalid_promotion(&with(valid(), "/package/message", json!("Hi {{nickname}}")), "package.message");
    assert_invalid_promotion(&with(valid(), "/package/discountPercent", json!(0)), "package.discountPercent");
    assert_invalid_promotion(&with(valid(), "/package/products", json!([])), "package.products");
    assert_invalid_promotion(&with(valid(), "/package/products/0/currency", json!("eur")), "package.products[0].currency");
    assert_invalid_promotion(&with(valid(), "/package/products/0/promoPriceCents", json!(5000)), "package.products[0].promoPriceCents");
    assert_invalid_promotion(&with(valid(), "/package/products/0/priceCents", json!(-1)), "package.products[0].priceCents");
    let mut unknown = valid();
    unknown["colour"] = json!("red");
    assert_invalid_promotion(&unknown, "colour");
}

#[test]
fn every_problem_is_listed() {
    let invalid = with(with(valid(), "/timeZone", json!("Nowhere")), "/title", json!(""));
    let file = scratch_file("invalid.json", &invalid.to_string());
    let output = promo(&["dry-run", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("timeZone") && stderr.contains("title"), "{stderr}");
}

#[test]
fn bad_files_and_options_exit_2() {
    let promotion_file = scratch_file("valid.json", &valid().to_string());
    let promotion_path = promotion_file.to_str().unwrap();
    let not_json = scratch_file("broken.json", "{\"id\": ");
    assert_bad_input(&["dry-run", not_json.to_str().unwrap()], "JSON");
    assert_bad_input(&["dry-run", "/nonexistent/promotion.json"], "/nonexistent/promotion.json");
    assert_bad_input(&["dry-run", promotion_path, "--now", "2026-07-02 08:00"], "--now");
    assert_bad_input(&["dry-run", promotion_path, "--now", "2026-07-02T08:00:00"], "--now");
    let recipients = scratch_file("recipients.jsonl", "{\"userId\":\"u-1\",\"username\":\"bob\"}\n{\"username\":\"carol\"}\n");
    assert_bad_input(&["dry-run", promotion_path, "--recipients", recipients.to_str().unwrap()], "--recipients");
    assert_bad_input(&["dry-run", promotion_path, "--colour"], "--colour");
    assert_bad_input(&["dry-run"], "<PROMOTION>");
}
