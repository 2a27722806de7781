//! Shared by the job's integration tests: the real Keycloak (seeding
//! customers through the Admin REST API into a realm of the tests' own, never
//! the shop's), the real calendar (a published
//! promotion), the real inbox database (what was stored), processes of
//! `promo` that are killed when their guard drops, and a fault-injecting proxy
//! in front of the real inbox.
#![allow(dead_code)]

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    process::{Child, Command, Output, Stdio},
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{Router, body::Bytes, extract::State, http::HeaderMap, response::IntoResponse, routing::post};
use serde_json::{Value, json};

/// The dev stack's URLs (deploy/local/lib.sh exports them; these are its defaults).
pub fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).ok().filter(|value| !value.is_empty()).unwrap_or_else(|| default.to_owned())
}
pub fn keycloak_url() -> String {
    env_or("KEYCLOAK_URL", "http://127.0.0.1:8180")
}
pub fn calendar_url() -> String {
    env_or("CALENDAR_URL", "http://127.0.0.1:8081")
}
pub fn inbox_url() -> String {
    env_or("INBOX_URL", "http://127.0.0.1:8082")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap()
}

async fn token(url: String, form: &[(&str, &str)]) -> String {
    let response = http().post(url).form(form).send().await.expect("token endpoint reachable");
    assert!(response.status().is_success(), "token request failed: {}", response.text().await.unwrap_or_default());
    response.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned()
}

/// The master realm's bootstrap admin (deploy/local/parts/30-keycloak.sh): seeds users.
pub async fn keycloak_admin_token() -> String {
    let url = format!("{}/realms/master/protocol/openid-connect/token", keycloak_url());
    token(url, &[("grant_type", "password"), ("client_id", "admin-cli"), ("username", "kcadmin"), ("password", "kcadmin")]).await
}

/// A real token of the demo admin (via the test-only `dev-test-login` client).
pub async fn shop_admin_token() -> String {
    let url = format!("{}/realms/shop/protocol/openid-connect/token", keycloak_url());
    token(
        url,
        &[
            ("grant_type", "password"),
            ("client_id", "dev-test-login"),
            ("client_secret", "dev-test-secret"),
            ("username", "admin"),
            ("password", "admin"),
            ("scope", "openid"),
        ],
    )
    .await
}

/// The job's client secret in realm `shop`: the stack's, from the environment
/// (`./dev test` sets it from the realm file; there is no default).
pub fn promo_job_secret() -> String {
    std::env::var("PROMO_JOB_CLIENT_SECRET").expect("PROMO_JOB_CLIENT_SECRET is set (./dev test jobsink sets it)")
}

/// The job's own service-account token.
pub async fn promo_job_token() -> String {
    let url = format!("{}/realms/shop/protocol/openid-connect/token", keycloak_url());
    token(url, &[("grant_type", "client_credentials"), ("client_id", "promo-job"), ("client_secret", &promo_job_secret())]).await
}

/// The realm the tests' customers live in: its users are the job's directory
/// (`PROMO_DIRECTORY_REALM`), while the job's token for the calendar and the
/// inbox still comes from `shop`. Demo users never see a test message and the
/// shop's realm never holds a test user.
pub const TEST_REALM: &str = "promo-jobtest";
/// The client that lists the test realm's users: a service account with
/// realm-management `view-users` only, as the job's client has in `shop`.
const DIRECTORY_CLIENT: &str = "promo-directory";
const DIRECTORY_SECRET: &str = "promo-jobtest-directory-secret";

fn admin_base() -> String {
    format!("{}/admin/realms/{TEST_REALM}", keycloak_url())
}

/// Creates the test realm if it is missing, else removes what an aborted run left in it.
pub async fn prepare_test_realm(admin: &str) {
    let existing = http().get(admin_base()).bearer_auth(admin).send().await.unwrap();
    if existing.status() == 404 {
        let realm = json!({
            "realm": TEST_REALM,
            "enabled": true,
            "clients": [{
                "clientId": DIRECTORY_CLIENT, "secret": DIRECTORY_SECRET, "publicClient": false,
                "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false,
            }],
            "users": [{
                "username": format!("service-account-{DIRECTORY_CLIENT}"), "enabled": true,
                "serviceAccountClientId": DIRECTORY_CLIENT,
                "clientRoles": { "realm-management": ["view-users"] },
            }],
        });
        let created = http().post(format!("{}/admin/realms", keycloak_url())).bearer_auth(admin).json(&realm).send().await.unwrap();
        // 409: a test running at the same time created it first.
        assert!(created.status().is_success() || created.status() == 409, "creating realm {TEST_REALM}: {}", created.status());
    } else {
        assert!(existing.status().is_success(), "reading realm {TEST_REALM}: {}", existing.status());
        remove_leftovers(admin).await;
    }
}

/// The job's settings that point its directory at the test realm.
pub fn directory_env() -> [(&'static str, &'static str); 3] {
    [("PROMO_DIRECTORY_REALM", TEST_REALM), ("PROMO_DIRECTORY_CLIENT_ID", DIRECTORY_CLIENT), ("PROMO_DIRECTORY_CLIENT_SECRET", DIRECTORY_SECRET)]
}

/// Customers seeded for one test: members of a realm role of their own, so a
/// test counts exactly its own recipients and demo users get no test mail.
/// `cleanup` removes users and role; a run that panicked is cleaned up by the
/// next one (`remove_leftovers`).
pub struct Customers {
    pub role: String,
    /// `(user id, enabled)` of every seeded member.
    pub members: Vec<(String, bool)>,
}

impl Customers {
    pub fn enabled_ids(&self) -> Vec<String> {
        self.members.iter().filter(|(_, enabled)| *enabled).map(|(id, _)| id.clone()).collect()
    }
    pub fn disabled_ids(&self) -> Vec<String> {
        self.members.iter().filter(|(_, enabled)| !*enabled).map(|(id, _)| id.clone()).collect()
    }
}

const PREFIX: &str = "jobtest-";

/// Deletes users and roles named `jobtest-…` left by an earlier, aborted run.
async fn remove_leftovers(admin: &str) {
    let base = admin_base();
    let users: Vec<Value> = http()
        .get(format!("{base}/users"))
        .query(&[("search", PREFIX), ("max", "10000"), ("briefRepresentation", "true")])
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for user in users.iter().filter(|user| user["username"].as_str().unwrap_or("").starts_with(PREFIX)) {
        http().delete(format!("{base}/users/{}", user["id"].as_str().unwrap())).bearer_auth(admin).send().await.unwrap();
    }
    let roles: Vec<Value> =
        http().get(format!("{base}/roles")).query(&[("search", PREFIX)]).bearer_auth(admin).send().await.unwrap().json().await.unwrap();
    for role in roles.iter().filter_map(|role| role["name"].as_str()).filter(|name| name.starts_with(PREFIX)) {
        http().delete(format!("{base}/roles/{role}")).bearer_auth(admin).send().await.unwrap();
    }
    remove_groups(admin, PREFIX).await;
}

/// Users who hold a new role `jobtest-<tag>` in every way Keycloak grants a
/// role, and two who must get nothing. Returns the role and `(username, id)`
/// of each user: `direct` (the role itself), `composite` (a composite role
/// holding it, as the realm's default roles hold `customer`), `group` (member
/// of a child group whose parent has the role), `disabled` (direct, but
/// disabled) and `outsider` (none of it).
pub async fn seed_effective_members(admin: &str, tag: &str) -> (String, HashMap<String, String>) {
    let base = admin_base();
    let role = format!("{PREFIX}{tag}");
    let bundle = format!("{role}-bundle");
    // Roles and groups through the Admin API (Keycloak's partial import fails on sub-groups).
    let created = |response: reqwest::Response, what: &str| {
        assert!(response.status().is_success(), "creating {what}: {}", response.status());
        response.headers().get("location").map(|location| location.to_str().unwrap().rsplit('/').next().unwrap().to_owned())
    };
    for name in [&role, &bundle] {
        created(http().post(format!("{base}/roles")).bearer_auth(admin).json(&json!({ "name": name })).send().await.unwrap(), name);
    }
    let role_representation: Value = http().get(format!("{base}/roles/{role}")).bearer_auth(admin).send().await.unwrap().json().await.unwrap();
    let granted = json!([role_representation]);
    let composite = http().post(format!("{base}/roles/{bundle}/composites")).bearer_auth(admin).json(&granted).send().await.unwrap();
    created(composite, "the composite");
    let parent = http().post(format!("{base}/groups")).bearer_auth(admin).json(&json!({ "name": format!("{role}-parent") })).send().await.unwrap();
    let parent = created(parent, "the parent group").expect("a Location");
    let mapped = http().post(format!("{base}/groups/{parent}/role-mappings/realm")).bearer_auth(admin).json(&granted).send().await.unwrap();
    created(mapped, "the group's role mapping");
    let child = http()
        .post(format!("{base}/groups/{parent}/children"))
        .bearer_auth(admin)
        .json(&json!({ "name": format!("{role}-child") }))
        .send()
        .await
        .unwrap();
    let child = created(child, "the child group").expect("a Location");
    let user = |name: &str, enabled: bool, roles: &[&str]| {
        json!({ "username": format!("{role}-{name}"), "firstName": name, "enabled": enabled, "realmRoles": roles })
    };
    let users = [
        user("direct", true, &[role.as_str()]),
        user("composite", true, &[bundle.as_str()]),
        user("group", true, &[]),
        user("disabled", false, &[role.as_str()]),
        user("outsider", true, &[]),
    ];
    let imported = partial_import(admin, &json!({ "ifResourceExists": "FAIL", "users": users })).await;
    let ids: HashMap<String, String> = imported["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            let username = result["resourceName"].as_str().unwrap();
            (username.trim_start_matches(&format!("{role}-")).to_owned(), result["id"].as_str().unwrap().to_owned())
        })
        .collect();
    let joined = http().put(format!("{base}/users/{}/groups/{child}", ids["group"])).bearer_auth(admin).send().await.unwrap();
    created(joined, "the group membership");
    (role, ids)
}

/// Keycloak's partial import into the test realm (many users in one call); its answer.
async fn partial_import(admin: &str, body: &Value) -> Value {
    let url = format!("{}/partialImport", admin_base());
    let response = http().post(url).bearer_auth(admin).json(body).send().await.unwrap();
    response.error_for_status().unwrap().json().await.unwrap()
}

/// Removes what [`seed_effective_members`] made.
pub async fn delete_effective_members(admin: &str, role: &str, ids: &HashMap<String, String>) {
    let base = admin_base();
    for id in ids.values() {
        http().delete(format!("{base}/users/{id}")).bearer_auth(admin).send().await.unwrap();
    }
    remove_groups(admin, role).await;
    for name in [format!("{role}-bundle"), role.to_owned()] {
        http().delete(format!("{base}/roles/{name}")).bearer_auth(admin).send().await.unwrap();
    }
}

async fn remove_groups(admin: &str, prefix: &str) {
    let base = admin_base();
    let groups: Vec<Value> =
        http().get(format!("{base}/groups")).query(&[("search", prefix)]).bearer_auth(admin).send().await.unwrap().json().await.unwrap();
    for group in groups.iter().filter(|group| group["name"].as_str().unwrap_or("").starts_with(prefix)) {
        http().delete(format!("{base}/groups/{}", group["id"].as_str().unwrap())).bearer_auth(admin).send().await.unwrap();
    }
}

/// Adds `count` enabled members `<role>-<tag>-NNNN` of an existing role; returns their ids.
pub async fn seed_customers_into(admin: &str, role: &str, tag: &str, count: usize) -> Vec<String> {
    let users: Vec<Value> =
        (0..count).map(|n| json!({ "username": format!("{role}-{tag}-{n:04}"), "enabled": true, "realmRoles": [role] })).collect();
    let imported = partial_import(admin, &json!({ "ifResourceExists": "FAIL", "users": users })).await;
    imported["results"].as_array().unwrap().iter().map(|result| result["id"].as_str().unwrap().to_owned()).collect()
}

/// Seeds `count` members of a new role `jobtest-<tag>`; every tenth is disabled.
pub async fn seed_customers(admin: &str, tag: &str, count: usize) -> Customers {
    let base = admin_base();
    let role = format!("{PREFIX}{tag}");
    let created = http().post(format!("{base}/roles")).bearer_auth(admin).json(&json!({ "name": role })).send().await.unwrap();
    assert!(created.status().is_success(), "creating role {role}: {}", created.status());
    let users: Vec<Value> = (0..count)
        .map(|n| {
            json!({
                "username": format!("{role}-{n:04}"),
                "firstName": format!("Tester{n}"),
                "enabled": n % 10 != 9,
                "realmRoles": [role],
                "attributes": { "locale": ["de-DE"] },
            })
        })
        .collect();
    let imported = partial_import(admin, &json!({ "ifResourceExists": "FAIL", "users": users })).await;
    let ids: HashMap<String, String> = imported["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| (result["resourceName"].as_str().unwrap().to_owned(), result["id"].as_str().unwrap().to_owned()))
        .collect();
    let members = (0..count).map(|n| (ids[&format!("{role}-{n:04}")].clone(), n % 10 != 9)).collect();
    Customers { role, members }
}

pub async fn delete_customers(admin: &str, customers: &Customers) {
    let base = admin_base();
    for (id, _) in &customers.members {
        http().delete(format!("{base}/users/{id}")).bearer_auth(admin).send().await.unwrap();
    }
    http().delete(format!("{base}/roles/{}", customers.role)).bearer_auth(admin).send().await.unwrap();
}

/// Creates a promotion in the real calendar (March 2027: far from anything the
/// running scheduler would fire) and publishes it; returns the calendar's
/// promotion JSON as the scheduler sees it, in a guard that removes the
/// promotion again when it drops.
pub async fn published_promotion(title: &str) -> CalendarPromotion {
    published_promotion_with(title, "Hi {{firstName}}, day {{dayNumber}} of {{promotionTitle}}: {{discountPercent}}% off.", &["COF-1001"]).await
}

/// [`published_promotion`] with its own message template and products (skus of the inventory stand-in).
pub async fn published_promotion_with(title: &str, message: &str, skus: &[&str]) -> CalendarPromotion {
    let admin = shop_admin_token().await;
    remove_leftover_promotions(&admin).await;
    let products: Vec<Value> = skus.iter().map(|sku| json!({ "sku": sku })).collect();
    let body = json!({
        "title": title,
        "timeZone": "Europe/Berlin",
        "startsAt": "2027-03-01T10:00",
        "endsAt": "2027-03-05T10:00",
        "dailySendTime": "09:00",
        "package": {
            "name": "Coffee week",
            "discountPercent": 20,
            "message": message,
            "products": products
        }
    });
    let created = http().post(format!("{}/api/promotions", calendar_url())).bearer_auth(&admin).json(&body).send().await.unwrap();
    assert_eq!(created.status(), 201, "creating a promotion: {}", created.text().await.unwrap_or_default());
    let created: Value = created.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    // From here on a failed assertion removes it too.
    let mut guard = CalendarPromotion(json!({ "id": id }));
    let published = http()
        .post(format!("{}/api/promotions/{id}/publish", calendar_url()))
        .bearer_auth(&admin)
        .header("If-Match", format!("\"{}\"", created["version"]))
        .send()
        .await
        .unwrap();
    assert!(published.status().is_success(), "publishing: {}", published.text().await.unwrap_or_default());
    guard.0 = internal_promotion(&id).await;
    guard
}

/// The title every promotion of these tests starts with (and what a leftover is recognised by).
pub const TITLE_PREFIX: &str = "Job test ";

/// A promotion a test created in the stack's calendar. It reads as its promotion
/// JSON (`Deref<Target = Value>`); when it drops — at the end of the test, and
/// while a failed assertion unwinds — it is unpublished and deleted, so the
/// admins' calendar never shows a test's promotion. (The inbox withdraws the
/// test customers' messages of it; those customers are the tests' own.)
pub struct CalendarPromotion(Value);

impl std::ops::Deref for CalendarPromotion {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.0
    }
}

impl Drop for CalendarPromotion {
    fn drop(&mut self) {
        let Some(id) = self.0["id"].as_str().map(str::to_owned) else { return };
        // Drop cannot await, and the test's runtime may be single-threaded or
        // unwinding: the removal runs on a thread with a runtime of its own.
        let removed = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
            runtime.block_on(async {
                let admin = shop_admin_token().await;
                remove_promotion(&admin, &id).await
            })
        })
        .join();
        match removed {
            Ok(Ok(())) => {}
            Ok(Err(problem)) => eprintln!("could not remove test promotion {}: {problem}", self.0["id"]),
            Err(_) => eprintln!("could not remove test promotion {}: the removal panicked", self.0["id"]),
        }
    }
}

/// Unpublishes (if published) and deletes a promotion of the calendar; one that is gone already is fine.
pub async fn remove_promotion(admin: &str, id: &str) -> Result<(), String> {
    let url = format!("{}/api/promotions/{id}", calendar_url());
    let current = http().get(&url).bearer_auth(admin).send().await.map_err(|e| e.to_string())?;
    if current.status() == 404 {
        return Ok(());
    }
    let current: Value = current.error_for_status().map_err(|e| e.to_string())?.json().await.map_err(|e| e.to_string())?;
    let mut version = current["version"].clone();
    if current["status"] == "PUBLISHED" {
        let unpublished = http()
            .post(format!("{url}/unpublish"))
            .bearer_auth(admin)
            .header("If-Match", format!("\"{version}\""))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let unpublished: Value = unpublished.error_for_status().map_err(|e| e.to_string())?.json().await.map_err(|e| e.to_string())?;
        version = unpublished["version"].clone();
    }
    let deleted = http().delete(&url).bearer_auth(admin).header("If-Match", format!("\"{version}\"")).send().await.map_err(|e| e.to_string())?;
    match deleted.status().as_u16() {
        204 | 404 => Ok(()),
        status => Err(format!("delete answered {status}: {}", deleted.text().await.unwrap_or_default())),
    }
}

/// Removes what earlier runs left behind (a run killed before its guards
/// dropped, or runs from before the guards): promotions of these tests in their
/// March 2027 window last changed more than an hour ago — never those of a run
/// going on now.
async fn remove_leftover_promotions(admin: &str) {
    let listed = http()
        .get(format!("{}/api/promotions?from=2027-02-28T00:00:00Z&to=2027-03-07T00:00:00Z", calendar_url()))
        .bearer_auth(admin)
        .send()
        .await;
    let Ok(Ok(listed)) = listed.map(|response| response.error_for_status()) else { return };
    let Ok(promotions) = listed.json::<Vec<Value>>().await else { return };
    let an_hour_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
    for promotion in promotions {
        let title = promotion["title"].as_str().unwrap_or_default();
        let updated = promotion["updatedAt"].as_str().and_then(|at| at.parse::<jiff::Timestamp>().ok());
        if title.starts_with(TITLE_PREFIX) && updated.is_some_and(|at| at < an_hour_ago) {
            if let Some(id) = promotion["id"].as_str() {
                if let Err(problem) = remove_promotion(admin, id).await {
                    eprintln!("could not remove leftover test promotion {id}: {problem}");
                }
            }
        }
    }
}

pub async fn internal_promotion(id: &str) -> Value {
    http()
        .get(format!("{}/api/internal/promotions/{id}", calendar_url()))
        .bearer_auth(promo_job_token().await)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub async fn unpublish(id: &str) {
    let admin = shop_admin_token().await;
    let current = internal_promotion(id).await;
    let response = http()
        .post(format!("{}/api/promotions/{id}/unpublish", calendar_url()))
        .bearer_auth(&admin)
        .header("If-Match", format!("\"{}\"", current["version"]))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "unpublishing: {}", response.text().await.unwrap_or_default());
}

/// Writes the structured CloudEvent for `day` (occurrence `index`) of `promotion`.
pub fn write_event(dir: &Path, promotion: &Value, index: u32, day: &str, fire_at: &str) -> PathBuf {
    let id = promotion["id"].as_str().unwrap();
    let event = json!({
        "specversion": "1.0",
        "type": "promo.occurrence.due",
        "source": "urn:promo-calendar:scheduler",
        "id": format!("{id}.{day}"),
        "subject": id,
        "datacontenttype": "application/json",
        "data": { "promotion": promotion, "occurrence": { "index": index, "day": day, "fireAt": fire_at } }
    });
    let path = dir.join(format!("event-{id}-{day}.json"));
    std::fs::write(&path, event.to_string()).unwrap();
    path
}

/// Messages stored in the inbox database per recipient for one promotion day.
pub fn stored_per_recipient(promotion_id: &str, day: &str) -> HashMap<String, u64> {
    let output = Command::new("psql")
        .args(["-h", &env_or("PGHOST", "127.0.0.1"), "-p", &env_or("PGPORT", "5432"), "-U", "inbox", "-d", "inbox", "-At", "-F", ","])
        .arg("-c")
        .arg(format!(
            "SELECT recipient_id, count(*) FROM message WHERE promotion_id = '{}' AND day = '{}' GROUP BY recipient_id",
            promotion_id.replace('\'', "''"),
            day
        ))
        .env("PGPASSWORD", "inbox")
        .output()
        .expect("psql runs");
    assert!(output.status.success(), "psql: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_once(','))
        .map(|(recipient, count)| (recipient.to_owned(), count.parse().unwrap()))
        .collect()
}

/// The job's clock in these tests (a `test-hooks` build reads `PROMO_TEST_NOW`):
/// 09:30 CET on 2027-03-02, the second day of [`published_promotion`], which
/// the running scheduler will not fire for months.
pub const TEST_NOW: &str = "2027-03-02T08:30:00Z";

/// `promo run` with the job's environment pointed at the dev stack.
pub fn promo_run(event: &Path, env: &[(String, String)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_promo"));
    command
        .arg("run")
        .arg("--event-file")
        .arg(event)
        .env("KEYCLOAK_URL", keycloak_url())
        .env("CALENDAR_URL", calendar_url())
        .env("INBOX_URL", inbox_url())
        .env("PROMO_PROGRESS_INTERVAL", "1s")
        .env("PROMO_TEST_NOW", TEST_NOW)
        .envs(directory_env())
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("PROMO_SHARD_COUNT")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// Runs to the end; returns the output (stderr holds the JSON log lines).
pub fn run_to_end(mut command: Command) -> Output {
    command.output().expect("promo starts")
}

/// The `summary` log line of a run.
pub fn summary(output: &Output) -> Value {
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .rfind(|line| line["event"] == "summary")
        .unwrap_or_else(|| panic!("no summary line; exit {:?}; stderr:\n{stderr}", output.status.code()))
}

/// A child process that is killed when the guard drops (a failed assertion
/// never leaves a process behind).
pub struct ProcessGuard(pub Child);

impl ProcessGuard {
    pub fn spawn(mut command: Command) -> Self {
        Self(command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("process starts"))
    }
    pub fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for ProcessGuard {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A proxy in front of the real inbox's batch endpoint that answers 503 to
/// 30 % of the batches: for 2 of every 10 it does not forward the batch, for
/// 1 of every 10 it forwards it and then drops the inbox's answer (the batch
/// is stored, the job sees a failure and retries it). With `delay` it also
/// slows every forwarded batch down (to kill a run midway).
pub struct FaultyInbox {
    pub url: String,
    pub batches_seen: Arc<AtomicU64>,
    pub forwarded: Arc<AtomicU64>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

#[derive(Clone)]
struct ProxyState {
    target: String,
    seen: Arc<AtomicU64>,
    forwarded: Arc<AtomicU64>,
    delay: Duration,
    client: reqwest::Client,
}

impl FaultyInbox {
    pub async fn start(delay: Duration) -> Self {
        let state = ProxyState {
            target: format!("{}/api/internal/inbox/messages:batch", inbox_url()),
            seen: Arc::new(AtomicU64::new(0)),
            forwarded: Arc::new(AtomicU64::new(0)),
            delay,
            client: http(),
        };
        let (batches_seen, forwarded) = (state.seen.clone(), state.forwarded.clone());
        let app = Router::new().route("/api/internal/inbox/messages:batch", post(forward)).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stopped) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap()
        });
        Self { url, batches_seen, forwarded, shutdown: Some(shutdown) }
    }
}

impl Drop for FaultyInbox {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

async fn forward(State(state): State<ProxyState>, headers: HeaderMap, body: Bytes) -> axum::response::Response {
    let n = state.seen.fetch_add(1, Ordering::SeqCst);
    let unavailable = (axum::http::StatusCode::SERVICE_UNAVAILABLE, "injected fault").into_response();
    if n % 10 == 1 || n % 10 == 4 {
        return unavailable;
    }
    tokio::time::sleep(state.delay).await;
    let mut request = state.client.post(&state.target).body(body);
    for name in [axum::http::header::AUTHORIZATION, axum::http::header::CONTENT_TYPE] {
        if let Some(value) = headers.get(&name) {
            request = request.header(name.as_str(), value.as_bytes());
        }
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(_) => return (axum::http::StatusCode::BAD_GATEWAY, "inbox unreachable").into_response(),
    };
    state.forwarded.fetch_add(1, Ordering::SeqCst);
    let status = axum::http::StatusCode::from_u16(response.status().as_u16()).unwrap();
    let answer = response.bytes().await.unwrap_or_default();
    if n % 10 == 7 {
        return unavailable; // stored, but the job never hears of it
    }
    (status, [(axum::http::header::CONTENT_TYPE, "application/json")], answer).into_response()
}
