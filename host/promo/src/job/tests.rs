//! The whole run against fake HTTP services (token endpoint, Keycloak Admin
//! API, calendar, inbox) and the real engine component: paging, disabled
//! users, sharding, retries and the skip rules. The real services are
//! exercised by `tests/job_*.rs`.

use std::{
    collections::{BTreeSet, HashMap},
    sync::{Arc, Mutex, OnceLock},
    time::Instant,
};

use axum::{
    Json, Router,
    extract::{Query, State},
    http::StatusCode,
    response::IntoResponse,
    routing::{get, post},
};
use serde_json::{Value, json};

use promo_host::{EngineOptions, PromoEngine};

use super::{Outcome, RunArgs, config::JobConfig, deliver_and_report};

/// The fake shop: `users` customers (every 4th disabled), a promotion, an inbox.
#[derive(Default)]
struct Shop {
    users: Vec<Value>,
    promotion: Value,
    stored: BTreeSet<String>,
    posts: u64,
    fail_every: u64,
    /// Recipients whose message the fake inbox refuses (as it would an oversize body).
    refuse: BTreeSet<String>,
    /// The shard reports the fake calendar took: (promotion id, report).
    reports: Vec<(String, Value)>,
    /// How many report posts the fake calendar answers with 503 first.
    fail_reports: u64,
    report_posts: u64,
}

type SharedShop = Arc<Mutex<Shop>>;

async fn start_fakes(shop: SharedShop) -> String {
    let app = Router::new()
        .route(
            "/realms/shop/protocol/openid-connect/token",
            post(|| async { Json(json!({"access_token": "t0ken", "expires_in": 300, "token_type": "Bearer"})) }),
        )
        .route(
            "/admin/realms/shop/promo-recipients/members",
            get(|State(shop): State<SharedShop>, Query(query): Query<HashMap<String, String>>| async move {
                // The extension: enabled effective members, ordered by id, after a key.
                assert_eq!(query["role"], "customer");
                let max: usize = query["max"].parse().unwrap();
                let after = query.get("after").cloned().unwrap_or_default();
                let shop = shop.lock().unwrap();
                let mut members: Vec<&Value> =
                    shop.users.iter().filter(|user| user["enabled"] == json!(true) && user["id"].as_str().unwrap() > after.as_str()).collect();
                members.sort_by_key(|user| user["id"].as_str().unwrap().to_owned());
                Json(members.into_iter().take(max).cloned().collect::<Vec<Value>>())
            }),
        )
        .route(
            "/api/internal/promotions/{id}",
            get(|State(shop): State<SharedShop>| async move { Json(shop.lock().unwrap().promotion.clone()) }),
        )
        .route(
            "/api/internal/promotions/{id}/deliveries",
            post(|State(shop): State<SharedShop>, axum::extract::Path(id): axum::extract::Path<String>, Json(body): Json<Value>| async move {
                let mut shop = shop.lock().unwrap();
                shop.report_posts += 1;
                if shop.report_posts <= shop.fail_reports {
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                shop.reports.push((id, body));
                StatusCode::NO_CONTENT
            }),
        )
        .route(
            "/api/internal/inbox/messages:batch",
            post(|State(shop): State<SharedShop>, Json(body): Json<Value>| async move {
                let mut shop = shop.lock().unwrap();
                shop.posts += 1;
                if shop.fail_every > 0 && shop.posts % shop.fail_every == 0 {
                    return (StatusCode::SERVICE_UNAVAILABLE, "try later").into_response();
                }
                let (mut inserted, mut duplicates, mut refused) = (0, 0, vec![]);
                for (index, message) in body["messages"].as_array().unwrap().iter().enumerate() {
                    if shop.refuse.contains(message["recipientId"].as_str().unwrap()) {
                        refused.push(json!({"index": index, "field": format!("messages[{index}].body"), "message": "too long"}));
                    } else if shop.stored.insert(message["idempotencyKey"].as_str().unwrap().to_owned()) {
                        inserted += 1;
                    } else {
                        duplicates += 1;
                    }
                }
                Json(json!({"inserted": inserted, "duplicates": duplicates, "suppressed": 0, "refused": refused})).into_response()
            }),
        )
        .with_state(shop);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// The engine component, compiled once for all tests of this process.
fn engine() -> PromoEngine {
    static ENGINE: OnceLock<PromoEngine> = OnceLock::new();
    ENGINE.get_or_init(|| PromoEngine::new(&EngineOptions { cache_dir: None, ..EngineOptions::default() }).unwrap()).clone()
}

/// A promotion of two days, 2026-07-01 and 2026-07-02 (Berlin, 09:00).
fn promotion(status: &str) -> Value {
    json!({
        "id": "p-1", "version": 1, "status": status, "title": "Sale", "timeZone": "Europe/Berlin",
        "startsAt": "2026-07-01T09:00", "endsAt": "2026-07-03T00:00", "dailySendTime": "09:00",
        "package": {"name": "Garden", "message": "Hi {{firstName}}",
                    "products": [{"sku": "A", "name": "Hose", "priceCents": 100, "promoPriceCents": 90, "currency": "EUR"}]}
    })
}

fn shop(users: usize, status: &str) -> SharedShop {
    let users = (0..users)
        .map(|n| json!({"id": format!("u-{n:04}"), "username": format!("user{n:04}"), "enabled": n % 4 != 3}))
        .collect();
    Arc::new(Mutex::new(Shop { users, promotion: promotion(status), ..Shop::default() }))
}

fn event_file(day: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    let event = json!({
        "specversion": "1.0", "type": "promo.occurrence.due", "source": "urn:promo-calendar:scheduler",
        "id": format!("p-1.{day}"), "datacontenttype": "application/json",
        "data": {"promotion": {"id": "p-1", "status": "PUBLISHED"},
                 "occurrence": {"index": 1, "day": day, "fireAt": "2026-07-02T07:00:00Z"}}
    });
    std::fs::write(file.path(), event.to_string()).unwrap();
    file
}

/// 12:00 CEST on 2026-07-02: the second day has fired.
const NOW: &str = "2026-07-02T10:00:00Z";

async fn run_shard(url: &str, event: &tempfile::NamedTempFile, shard: u32, shards: u32) -> anyhow::Result<Outcome> {
    run_shard_at(url, event, shard, shards, NOW).await
}

async fn run_shard_at(url: &str, event: &tempfile::NamedTempFile, shard: u32, shards: u32, now: &str) -> anyhow::Result<Outcome> {
    let settings = HashMap::from([
        ("CALENDAR_URL", url.to_owned()),
        ("INBOX_URL", url.to_owned()),
        ("KEYCLOAK_URL", url.to_owned()),
        ("PROMO_JOB_CLIENT_SECRET", "fake-secret".to_owned()),
        ("PROMO_BATCH_SIZE", "5".to_owned()),
        ("PROMO_KEYCLOAK_PAGE_SIZE", "7".to_owned()),
        ("PROMO_SHARD_COUNT", shards.to_string()),
        ("JOB_COMPLETION_INDEX", shard.to_string()),
        ("PROMO_RETRY_MAX_DELAY", "20ms".to_owned()),
    ]);
    let config = JobConfig::from_lookup(|name| settings.get(name).cloned()).unwrap();
    let args = RunArgs {
        event_file: Some(event.path().to_owned()),
        recipients: None,
        #[cfg(feature = "test-hooks")]
        promotion_from_event: false,
    };
    deliver_and_report(args, config, || Ok(engine()), now.parse().unwrap(), Instant::now()).await
}

fn enabled_keys(shop: &SharedShop) -> BTreeSet<String> {
    let shop = shop.lock().unwrap();
    shop.users
        .iter()
        .filter(|user| user["enabled"] == json!(true))
        .map(|user| format!("p-1/2026-07-02/{}", user["id"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn delivers_to_every_enabled_member_once_despite_failing_batches() {
    let shop = shop(103, "PUBLISHED");
    shop.lock().unwrap().fail_every = 3;
    let url = start_fakes(shop.clone()).await;
    let event = event_file("2026-07-02");
    run_shard(&url, &event, 0, 1).await.unwrap();
    run_shard(&url, &event, 0, 1).await.unwrap(); // a rerun adds nothing
    let expected = enabled_keys(&shop);
    assert_eq!(expected.len(), 78);
    assert_eq!(shop.lock().unwrap().stored, expected);
}

#[tokio::test]
async fn shards_together_cover_everyone_once() {
    let shop = shop(50, "PUBLISHED");
    let url = start_fakes(shop.clone()).await;
    let event = event_file("2026-07-02");
    let mut posts_per_shard = vec![];
    for shard in 0..3 {
        let before = shop.lock().unwrap().stored.len();
        run_shard(&url, &event, shard, 3).await.unwrap();
        posts_per_shard.push(shop.lock().unwrap().stored.len() - before);
    }
    let expected = enabled_keys(&shop);
    assert_eq!(shop.lock().unwrap().stored, expected);
    assert!(posts_per_shard.iter().all(|&count| count > 0), "{posts_per_shard:?}");
}

#[tokio::test]
async fn sends_nothing_for_an_unpublished_promotion_or_a_day_that_is_not_due() {
    let unpublished = shop(10, "UNPUBLISHED");
    let url = start_fakes(unpublished.clone()).await;
    assert_eq!(run_shard(&url, &event_file("2026-07-02"), 0, 1).await.unwrap(), Outcome::Skipped("not-published"));
    assert_eq!(unpublished.lock().unwrap().posts, 0);

    let published = shop(10, "PUBLISHED");
    let url = start_fakes(published.clone()).await;
    let cases = [
        // tomorrow's day, posted today (20:00 CEST on 07-01)
        ("2026-07-02", "2026-07-01T18:00:00Z", "not-yet-due"),
        // yesterday's day after today's has fired: never replayed
        ("2026-07-01", NOW, "superseded"),
        // today's day at the end (00:00 CEST on 07-03)
        ("2026-07-02", "2026-07-02T22:00:00Z", "ended"),
        // a day the promotion does not have
        ("2026-07-09", NOW, "not-an-occurrence"),
    ];
    for (day, now, reason) in cases {
        let outcome = run_shard_at(&url, &event_file(day), 0, 1, now).await.unwrap();
        assert_eq!(outcome, Outcome::Skipped(reason), "day {day} at {now}");
    }
    assert_eq!(published.lock().unwrap().posts, 0);
    assert!(published.lock().unwrap().stored.is_empty());

    // Today's day late in the evening, and before today's send time (moved later
    // by the admin after the event was sent), is still delivered.
    for now in ["2026-07-02T21:59:00Z", "2026-07-01T22:30:00Z"] {
        assert_eq!(run_shard_at(&url, &event_file("2026-07-02"), 0, 1, now).await.unwrap(), Outcome::Delivered { refused: 0 }, "at {now}");
    }
    let expected = enabled_keys(&published);
    assert_eq!(published.lock().unwrap().stored, expected);
}

#[tokio::test]
async fn a_refused_message_is_counted_and_the_rest_of_the_day_is_stored() {
    let shop = shop(20, "PUBLISHED");
    shop.lock().unwrap().refuse = BTreeSet::from(["u-0001".to_owned(), "u-0006".to_owned()]);
    let url = start_fakes(shop.clone()).await;
    let outcome = run_shard(&url, &event_file("2026-07-02"), 0, 1).await.unwrap();
    assert_eq!(outcome, Outcome::Delivered { refused: 2 });
    let mut expected = enabled_keys(&shop);
    expected.retain(|key| !key.ends_with("/u-0001") && !key.ends_with("/u-0006"));
    assert_eq!(shop.lock().unwrap().stored, expected);
}

#[tokio::test]
async fn each_shard_reports_its_outcome_and_counts_to_the_calendar() {
    let shop = shop(20, "PUBLISHED");
    shop.lock().unwrap().fail_every = 4;
    let url = start_fakes(shop.clone()).await;
    let event = event_file("2026-07-02");
    for index in 0..2 {
        run_shard(&url, &event, index, 2).await.unwrap();
    }
    run_shard(&url, &event, 0, 2).await.unwrap(); // a rerun reports again (the calendar replaces)
    let reports = shop.lock().unwrap().reports.clone();
    assert_eq!(reports.len(), 3, "{reports:?}");
    let enabled = enabled_keys(&shop).len() as u64;
    let first_run: u64 = reports[..2].iter().map(|(_, r)| r["inserted"].as_u64().unwrap()).sum();
    assert_eq!(first_run, enabled);
    for (index, (id, report)) in reports.iter().enumerate() {
        assert_eq!(id, "p-1");
        assert_eq!(report["day"], "2026-07-02");
        assert_eq!(report["shard"], json!([0, 1, 0][index]));
        assert_eq!(report["shards"], 2);
        assert_eq!(report["outcome"], "delivered");
        assert!(report.get("reason").is_none(), "{report}");
        assert_eq!(report["recipients"], json!(report["inserted"].as_u64().unwrap() + report["duplicates"].as_u64().unwrap()));
        assert!(report["startedAt"].as_str().unwrap() <= report["finishedAt"].as_str().unwrap());
    }
    assert_eq!(reports[2].1["inserted"], 0);
    assert!(reports[2].1["duplicates"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn a_skipped_day_reports_its_reason_and_a_failing_report_is_retried_then_never_fails_the_run() {
    let unpublished = shop(5, "UNPUBLISHED");
    unpublished.lock().unwrap().fail_reports = 2;
    let url = start_fakes(unpublished.clone()).await;
    assert_eq!(run_shard(&url, &event_file("2026-07-02"), 0, 1).await.unwrap(), Outcome::Skipped("not-published"));
    let taken = unpublished.lock().unwrap();
    assert_eq!(taken.report_posts, 3);
    assert_eq!(taken.reports[0].1["outcome"], "skipped");
    assert_eq!(taken.reports[0].1["reason"], "not-published");
    assert_eq!(taken.reports[0].1["recipients"], 0);
    drop(taken);

    let published = shop(10, "PUBLISHED");
    published.lock().unwrap().fail_reports = u64::MAX;
    let url = start_fakes(published.clone()).await;
    assert_eq!(run_shard(&url, &event_file("2026-07-02"), 0, 1).await.unwrap(), Outcome::Delivered { refused: 0 });
    assert_eq!(published.lock().unwrap().report_posts, u64::from(super::calendar::REPORT_ATTEMPTS));
    let expected = enabled_keys(&published);
    assert_eq!(published.lock().unwrap().stored, expected);
}

#[tokio::test]
async fn a_failed_run_reports_failed_with_the_error() {
    let shop = shop(10, "PUBLISHED");
    shop.lock().unwrap().promotion["timeZone"] = json!("Mars/Olympus");
    let url = start_fakes(shop.clone()).await;
    let error = run_shard(&url, &event_file("2026-07-02"), 0, 1).await.unwrap_err();
    let reports = shop.lock().unwrap().reports.clone();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].1["outcome"], "failed");
    let reason = reports[0].1["reason"].as_str().unwrap();
    assert!(reason.chars().count() <= 200 && reason.contains("invalid"), "{reason} / {error:#}");
}
