//! The local JobSink (`promo jobsink`) as a real process: CloudEvents in both
//! HTTP modes, 202 + Location, the job's outcome, repeated events ignored.
//! The last test runs a whole day through it against the dev stack (ignored
//! in a plain `cargo test`; `./dev test jobsink` runs it).

mod job_support;

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use job_support::*;
use serde_json::{Value, json};

/// A running `promo jobsink` on a free port, killed on drop.
struct JobSink {
    _process: ProcessGuard,
    url: String,
    _dir: tempfile::TempDir,
}

impl JobSink {
    fn start(shards: u32, env: &[(String, String)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_promo"));
        command
            .args(["jobsink", "--listen", "127.0.0.1:0", "--shards", &shards.to_string(), "--backoff-limit", "1"])
            .arg("--work-dir")
            .arg(dir.path())
            .env("KEYCLOAK_URL", keycloak_url())
            .env("CALENDAR_URL", calendar_url())
            .env("INBOX_URL", inbox_url())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("promo jobsink starts");
        // Its first log line says where it listens (the readiness signal).
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let first: Value = serde_json::from_str(&lines.next().expect("a first log line").unwrap()).unwrap();
        assert_eq!(first["event"], "jobsink-listening", "{first}");
        let url = format!("http://{}", first["address"].as_str().unwrap());
        std::thread::spawn(move || lines.for_each(drop)); // keep draining its log
        Self { _process: ProcessGuard(child), url, _dir: dir }
    }

    /// Polls the job's status until it is no longer running.
    async fn outcome(&self, location: &str) -> Value {
        let started = tokio::time::Instant::now();
        loop {
            let status: Value = http().get(format!("{}{location}", self.url)).send().await.unwrap().json().await.unwrap();
            if status["status"] != "running" {
                return status;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "job still running: {status}");
            tokio::time::sleep(Duration::from_millis(50)).await; // poll interval
        }
    }
}

fn structured(id: &str, data: Value) -> String {
    json!({
        "specversion": "1.0", "type": "promo.occurrence.due", "source": "/promo/scheduler", "id": id,
        "datacontenttype": "application/json", "data": data
    })
    .to_string()
}

async fn post_structured(sink: &JobSink, body: String) -> reqwest::Response {
    http().post(&sink.url).header("content-type", "application/cloudevents+json").body(body).send().await.unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn accepts_both_modes_answers_with_a_location_and_ignores_a_repeated_event() {
    let sink = JobSink::start(2, &[]);
    // A bad day: the job exits 2, which fails the job without retries.
    let bad = json!({"promotion": {"id": "p-1"}, "occurrence": {"index": 0, "day": "someday", "fireAt": "2027-03-02T08:00:00Z"}});
    let first = post_structured(&sink, structured("p-1/someday", bad.clone())).await;
    assert_eq!(first.status(), 202);
    let job = location(&first);
    let outcome = sink.outcome(&job).await;
    assert_eq!(outcome["status"], "failed", "{outcome}");
    for shard in outcome["shards"].as_array().unwrap() {
        assert_eq!(shard["exitCode"], 2, "{outcome}");
        assert_eq!(shard["attempts"], 1, "exit 2 must not be retried: {outcome}");
    }
    let event_file: Value = serde_json::from_str(&std::fs::read_to_string(outcome["eventFile"].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(event_file["id"], "p-1/someday");
    assert_eq!(event_file["data"], bad);

    // The same source + id again: the same job, nothing started.
    let again = post_structured(&sink, structured("p-1/someday", bad)).await;
    assert_eq!(again.status(), 202);
    assert_eq!(location(&again), job);
    let status: Value = http().get(format!("{}{job}", sink.url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(status["shards"][0]["attempts"], 1);

    // Binary mode, on a Knative-style path.
    let binary = http()
        .post(format!("{}/promo-calendar/promo-day", sink.url))
        .header("ce-specversion", "1.0")
        .header("ce-type", "promo.occurrence.due")
        .header("ce-source", "/promo/scheduler")
        .header("ce-id", "p-2/2027-03-02")
        .header("content-type", "application/json")
        .body(json!({"promotion": {"id": "p-2"}}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(binary.status(), 202);
    let binary_job = location(&binary);
    assert_ne!(binary_job, job);
    let outcome = sink.outcome(&binary_job).await;
    assert_eq!(outcome["shards"][0]["exitCode"], 2, "{outcome}");

    // Not a CloudEvent at all.
    let garbage = http().post(&sink.url).header("content-type", "application/json").body("{}").send().await.unwrap();
    assert_eq!(garbage.status(), 400);
    assert_eq!(garbage.headers()["content-type"], "application/problem+json");
    let unknown = http().get(format!("{}/jobs/nope", sink.url)).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn a_due_day_through_the_jobsink_reaches_every_customer_once() {
    let admin = keycloak_admin_token().await;
    remove_leftovers(&admin).await;
    let customers = seed_customers(&admin, "jobsink", 60).await;
    let promotion = published_promotion("Job test jobsink").await;
    let id = promotion["id"].as_str().unwrap().to_owned();
    let sink = JobSink::start(2, &[("PROMO_RECIPIENT_ROLE".into(), customers.role.clone()), ("PROMO_BATCH_SIZE".into(), "7".into())]);

    let data = json!({"promotion": promotion, "occurrence": {"index": 1, "day": "2027-03-02", "fireAt": "2027-03-02T08:00:00Z"}});
    let accepted = post_structured(&sink, structured(&format!("{id}/2027-03-02"), data)).await;
    assert_eq!(accepted.status(), 202);
    let outcome = sink.outcome(&location(&accepted)).await;
    assert_eq!(outcome["status"], "succeeded", "{outcome}");

    let stored = stored_per_recipient(&id, "2027-03-02");
    let enabled = customers.enabled_ids();
    assert_eq!(stored.len(), enabled.len());
    assert!(enabled.iter().all(|id| stored.get(id) == Some(&1)), "{stored:?}");
    delete_customers(&admin, &customers).await;
}
