//! `promo run` against the real stack: Keycloak (customers seeded through the
//! Admin REST API), the event calendar (a published promotion), the inbox
//! service and its PostgreSQL database (what was stored, counted per recipient).
//!
//! They need the started stack, so they are `#[ignore]`d in a plain
//! `cargo test`; `./dev test jobsink` runs them (deploy/local/parts/70-jobsink.sh).
//! Each test seeds its own role's members in the tests' own realm
//! (`PROMO_DIRECTORY_REALM`), so counts are exact, demo users get no test mail
//! and the shop's realm gets no test users.

mod job_support;

use std::{collections::HashMap, sync::atomic::Ordering, time::Duration};

use job_support::*;

const DAY: &str = "2027-03-02";
const FIRE_AT: &str = "2027-03-02T08:00:00Z";

struct Fixture {
    admin: String,
    customers: Customers,
    promotion: CalendarPromotion,
    dir: tempfile::TempDir,
}

impl Fixture {
    async fn new(tag: &str, customers: usize) -> Self {
        let admin = keycloak_admin_token().await;
        prepare_test_realm(&admin).await;
        let customers = seed_customers(&admin, tag, customers).await;
        let promotion = published_promotion(&format!("{TITLE_PREFIX}{tag}")).await;
        Self { admin, customers, promotion, dir: tempfile::tempdir().unwrap() }
    }

    fn id(&self) -> &str {
        self.promotion["id"].as_str().unwrap()
    }

    fn event(&self, day: &str) -> std::path::PathBuf {
        write_event(self.dir.path(), &self.promotion, 1, day, FIRE_AT)
    }

    /// The job's environment: this test's role, a short deadline, and `extra`.
    fn env(&self, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut env = vec![
            ("PROMO_RECIPIENT_ROLE".to_owned(), self.customers.role.clone()),
            ("PROMO_DEADLINE".to_owned(), "120s".to_owned()),
        ];
        env.extend(extra.iter().map(|(name, value)| (name.to_string(), value.to_string())));
        env
    }

    /// `count` shards of the Indexed Job on `event`, running at once, each with `extra` settings.
    fn start_shards(&self, event: &std::path::Path, count: u32, extra: &[(&str, &str)]) -> Vec<tokio::task::JoinHandle<std::process::Output>> {
        (0..count)
            .map(|index| {
                let (count, index) = (count.to_string(), index.to_string());
                let mut settings = vec![("PROMO_SHARD_COUNT", count.as_str()), ("JOB_COMPLETION_INDEX", index.as_str())];
                settings.extend_from_slice(extra);
                let command = promo_run(event, &self.env(&settings));
                tokio::task::spawn_blocking(move || run_to_end(command))
            })
            .collect()
    }

    fn stored(&self) -> HashMap<String, u64> {
        stored_per_recipient(self.id(), DAY)
    }

    /// Every enabled member has exactly one message; disabled ones none; nobody else.
    fn assert_exactly_one_each(&self) {
        let stored = self.stored();
        let enabled = self.customers.enabled_ids();
        for id in &enabled {
            assert_eq!(stored.get(id), Some(&1), "customer {id} should have exactly one message");
        }
        for id in self.customers.disabled_ids() {
            assert_eq!(stored.get(&id), None, "disabled user {id} got a message");
        }
        assert_eq!(stored.len(), enabled.len(), "messages went to someone who is not a member");
    }

    async fn cleanup(self) {
        delete_customers(&self.admin, &self.customers).await;
    }
}

async fn run(command: std::process::Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || run_to_end(command)).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn a_run_delivers_one_message_to_each_customer_and_a_rerun_adds_nothing() {
    let fixture = Fixture::new("once", 300).await;
    let enabled = fixture.customers.enabled_ids().len() as u64;
    let env = fixture.env(&[("PROMO_BATCH_SIZE", "50"), ("PROMO_KEYCLOAK_PAGE_SIZE", "64")]);

    let first = run(promo_run(&fixture.event(DAY), &env)).await;
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let summary = summary(&first);
    assert_eq!(summary["outcome"], "delivered");
    assert_eq!(summary["recipients"], enabled);
    assert_eq!(summary["inserted"], enabled);
    fixture.assert_exactly_one_each();

    // The current texts, rendered per recipient by the component.
    let someone = &fixture.customers.members[3].0;
    let key = format!("{}/{DAY}/{someone}", fixture.id());
    let body = psql_value(&format!("SELECT body FROM message WHERE idempotency_key = '{key}'"));
    assert!(body.starts_with("Hi Tester3, day 2 of Job test once: 20% off."), "{body}");

    let rerun = run(promo_run(&fixture.event(DAY), &env)).await;
    assert_eq!(rerun.status.code(), Some(0));
    let summary = job_support::summary(&rerun);
    assert_eq!(summary["inserted"], 0);
    assert_eq!(summary["duplicates"], enabled);
    fixture.assert_exactly_one_each();
    fixture.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn every_enabled_effective_member_gets_one_message_and_nobody_else() {
    let admin = keycloak_admin_token().await;
    prepare_test_realm(&admin).await;
    let (role, ids) = seed_effective_members(&admin, "effective").await;
    let promotion = published_promotion("Job test effective").await;
    let id = promotion["id"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let event = write_event(dir.path(), &promotion, 1, DAY, FIRE_AT);
    // Two shards with pages of one user: the split and the keyset paging both show.
    for shard in ["0", "1"] {
        let env = [("PROMO_RECIPIENT_ROLE", role.as_str()), ("PROMO_SHARD_COUNT", "2"), ("JOB_COMPLETION_INDEX", shard), ("PROMO_KEYCLOAK_PAGE_SIZE", "1")]
            .map(|(name, value)| (name.to_owned(), value.to_owned()));
        let output = run(promo_run(&event, &env)).await;
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let stored = stored_per_recipient(id, DAY);
    for who in ["direct", "composite", "group"] {
        assert_eq!(stored.get(&ids[who]), Some(&1), "the {who} member should have exactly one message: {stored:?}");
    }
    assert_eq!(stored.len(), 3, "only the three enabled members: {stored:?} (ids {ids:?})");
    delete_effective_members(&admin, &role, &ids).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn sign_ups_and_deletions_during_a_sharded_run_miss_and_repeat_nobody() {
    let fixture = Fixture::new("churn", 400).await;
    let (staying, leaving) = fixture.customers.members.split_at(300);
    let event = fixture.event(DAY);
    // Small pages and batches, one post at a time: the run takes long enough to change the directory under it.
    let shards = fixture.start_shards(&event, 3, &[("PROMO_KEYCLOAK_PAGE_SIZE", "10"), ("PROMO_BATCH_SIZE", "10"), ("PROMO_CONCURRENCY", "1")]);
    let joining = seed_customers_into(&fixture.admin, &fixture.customers.role, "joined", 100).await;
    let base = format!("{}/admin/realms/{TEST_REALM}", keycloak_url());
    for (id, _) in leaving {
        http().delete(format!("{base}/users/{id}")).bearer_auth(&fixture.admin).send().await.unwrap();
    }
    for shard in shards {
        let output = shard.await.unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let stored = fixture.stored();
    for (id, enabled) in staying {
        assert_eq!(stored.get(id).copied(), enabled.then_some(1), "customer {id} (enabled: {enabled}) who stayed throughout");
    }
    assert!(stored.values().all(|&count| count == 1), "someone got two messages: {stored:?}");
    for id in &joining {
        http().delete(format!("{base}/users/{id}")).bearer_auth(&fixture.admin).send().await.unwrap();
    }
    fixture.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn messages_at_every_limit_reach_everyone() {
    // The longest product name (200), a template of 100 × {{firstName}} (the longest
    // the engine accepts: 100 × 100 = 10,000) and a customer whose first name has
    // 255 characters, cut to 100 by the renderer: the inbox stores every message.
    let admin = keycloak_admin_token().await;
    prepare_test_realm(&admin).await;
    let customers = seed_customers(&admin, "limits", 12).await;
    let long_name_id = &customers.members[0].0;
    let renamed = http()
        .put(format!("{}/admin/realms/{TEST_REALM}/users/{long_name_id}", keycloak_url()))
        .bearer_auth(&admin)
        .json(&serde_json::json!({ "firstName": "Ö".repeat(255) }))
        .send()
        .await
        .unwrap();
    assert!(renamed.status().is_success(), "setting a 255-character first name: {}", renamed.status());
    let promotion = published_promotion_with("Job test limits", &"{{firstName}}".repeat(100), &["LIM-0200"]).await;
    assert_eq!(promotion["package"]["products"][0]["name"].as_str().unwrap().chars().count(), 200);
    let id = promotion["id"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let event = write_event(dir.path(), &promotion, 1, DAY, FIRE_AT);
    let env = [("PROMO_RECIPIENT_ROLE".to_owned(), customers.role.clone())];
    let output = run(promo_run(&event, &env)).await;
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let stored = stored_per_recipient(id, DAY);
    assert_eq!(stored.len(), customers.enabled_ids().len(), "{}", summary(&output));
    let key = format!("{id}/{DAY}/{long_name_id}");
    let body = psql_value(&format!("SELECT body FROM message WHERE idempotency_key = '{key}'"));
    assert_eq!(body, "Ö".repeat(100).repeat(100));
    delete_customers(&admin, &customers).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn failing_batches_and_a_killed_run_still_end_with_one_message_each() {
    let fixture = Fixture::new("faults", 200).await;
    let enabled = fixture.customers.enabled_ids().len();
    let inbox = FaultyInbox::start(Duration::from_millis(40)).await;
    let env = fixture.env(&[
        ("INBOX_URL", &inbox.url),
        ("PROMO_BATCH_SIZE", "10"),
        ("PROMO_CONCURRENCY", "2"),
        ("PROMO_RETRY_MAX_DELAY", "200ms"),
    ]);

    // Kill the first run once a few batches got through.
    let mut doomed = ProcessGuard::spawn(promo_run(&fixture.event(DAY), &env));
    let waited = tokio::time::Instant::now();
    while inbox.forwarded.load(Ordering::SeqCst) < 4 {
        assert!(waited.elapsed() < Duration::from_secs(60), "the first run never reached the inbox");
        assert!(doomed.0.try_wait().unwrap().is_none(), "the first run ended before it was killed");
        tokio::time::sleep(Duration::from_millis(20)).await; // poll interval
    }
    doomed.kill();
    let after_kill = fixture.stored().len();
    assert!(after_kill < enabled, "the run was not killed midway ({after_kill} of {enabled} stored)");

    let restarted = run(promo_run(&fixture.event(DAY), &env)).await;
    assert_eq!(restarted.status.code(), Some(0), "{}", String::from_utf8_lossy(&restarted.stderr));
    let summary = summary(&restarted);
    assert!(summary["retries"].as_u64().unwrap() > 0, "the proxy injected no fault: {summary}");
    assert!(inbox.batches_seen.load(Ordering::SeqCst) > inbox.forwarded.load(Ordering::SeqCst));
    fixture.assert_exactly_one_each();
    drop(inbox);
    fixture.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn several_shards_together_cover_every_customer_once() {
    let fixture = Fixture::new("shards", 250).await;
    let enabled = fixture.customers.enabled_ids().len() as u64;
    let event = fixture.event(DAY);
    let shards = fixture.start_shards(&event, 3, &[("PROMO_BATCH_SIZE", "40"), ("PROMO_KEYCLOAK_PAGE_SIZE", "30")]);
    let mut inserted = 0;
    for shard in shards {
        let output = shard.await.unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let summary = summary(&output);
        assert!(summary["recipients"].as_u64().unwrap() > 0, "an empty shard: {summary}");
        inserted += summary["inserted"].as_u64().unwrap();
    }
    assert_eq!(inserted, enabled);
    fixture.assert_exactly_one_each();
    fixture.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn an_unpublished_promotion_or_a_day_that_is_not_due_delivers_nothing() {
    let fixture = Fixture::new("skips", 20).await;
    // The promotion runs 2027-03-01 10:00 to 03-05 10:00 (Berlin), daily at 09:00.
    let cases = [
        // a future day, posted today (2027-03-02)
        ("2027-03-03", TEST_NOW, "not-yet-due"),
        // a past day, after today's has fired
        ("2027-03-01", TEST_NOW, "superseded"),
        // the last day, after the end (11:00 CET on 03-05)
        ("2027-03-05", "2027-03-05T10:00:00Z", "ended"),
        // a day after the end
        ("2027-03-09", TEST_NOW, "not-an-occurrence"),
    ];
    for (day, now, reason) in cases {
        let output = run(promo_run(&fixture.event(day), &fixture.env(&[("PROMO_TEST_NOW", now)]))).await;
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let summary = summary(&output);
        assert_eq!((summary["outcome"].as_str(), summary["reason"].as_str()), (Some("skipped"), Some(reason)), "day {day}: {summary}");
        assert!(stored_per_recipient(fixture.id(), day).is_empty(), "day {day} was delivered");
    }

    let env = fixture.env(&[]);

    let event = fixture.event(DAY); // written while still published
    unpublish(fixture.id()).await;
    let unpublished = run(promo_run(&event, &env)).await;
    assert_eq!(unpublished.status.code(), Some(0));
    let summary = summary(&unpublished);
    assert_eq!(summary["outcome"], "skipped");
    assert_eq!(summary["reason"], "not-published", "{summary}");
    assert!(summary["detail"].as_str().unwrap().contains("UNPUBLISHED"), "{summary}");
    assert!(fixture.stored().is_empty());
    fixture.cleanup().await;
}

fn psql_value(sql: &str) -> String {
    let output = std::process::Command::new("psql")
        .args(["-h", &env_or("PGHOST", "127.0.0.1"), "-p", &env_or("PGPORT", "5432"), "-U", "inbox", "-d", "inbox", "-At", "-c", sql])
        .env("PGPASSWORD", "inbox")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}
