//! The local JobSink (`promo jobsink`) as a real process, held to Knative's
//! JobSink contract: the `/<namespace>/<name>` address, 202 with an empty body
//! and Knative's Location, the status on that Location, repeated events
//! ignored, the event file as the Go SDK writes it under `K_EVENT_PATH`.
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
    dir: tempfile::TempDir,
}

impl JobSink {
    fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    fn start(shards: u32, env: &[(String, String)]) -> Self {
        Self::start_with(shards, env, &[])
    }

    /// With more `promo jobsink` options (`--token-file`, `--max-running`, …).
    fn start_with(shards: u32, env: &[(String, String)], options: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_promo"));
        command
            .args(["jobsink", "--listen", "127.0.0.1:0", "--shards", &shards.to_string(), "--backoff-limit-per-index", "1"])
            .args(options)
            .arg("--work-dir")
            .arg(dir.path())
            .env("KEYCLOAK_URL", keycloak_url())
            .env("CALENDAR_URL", calendar_url())
            .env("INBOX_URL", inbox_url())
            .env("PROMO_TEST_NOW", TEST_NOW)
            .envs(directory_env())
            // the stack's secret under ./dev test; the tests without the stack never reach Keycloak
            .env("PROMO_JOB_CLIENT_SECRET", std::env::var("PROMO_JOB_CLIENT_SECRET").unwrap_or_else(|_| "no-stack".into()))
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
        Self { _process: ProcessGuard(child), url, dir }
    }

    /// Polls the Location as Knative's clients do until the job is no longer
    /// running (202); returns the final status code and the job's record.
    async fn outcome(&self, location: &str) -> (u16, Value) {
        let started = tokio::time::Instant::now();
        loop {
            let response = http().get(format!("{}{location}", self.url)).send().await.unwrap();
            let status = response.status().as_u16();
            if status != 202 {
                let record = self.record(location).await;
                return (status, record);
            }
            assert_eq!(response.headers()["location"], location, "a running job's answer repeats its Location");
            assert!(started.elapsed() < Duration::from_secs(120), "job still running: {}", self.record(location).await);
            tokio::time::sleep(Duration::from_millis(50)).await; // poll interval
        }
    }

    /// The job's record (local diagnostics: what `kubectl describe job` shows).
    async fn record(&self, location: &str) -> Value {
        let segments: Vec<&str> = location.split('/').collect();
        let (source, id) = (unescape(segments[6]), unescape(segments[8]));
        let name = job_name(&source, &id);
        http().get(format!("{}/jobs/{name}", self.url)).send().await.unwrap().json().await.unwrap()
    }
}

fn unescape(segment: &str) -> String {
    segment.replace("%3A", ":").replace("%2F", "/")
}

/// Knative's Job name: `<jobsink>-<md5(source + id)>`, computed here by the
/// system's own md5sum so the test does not share the sink's code.
fn job_name(source: &str, id: &str) -> String {
    let mut child = Command::new("md5sum").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), format!("{source}{id}").as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    format!("promo-day-{}", String::from_utf8(output.stdout).unwrap().split_whitespace().next().unwrap())
}

const ADDRESS: &str = "/promo-calendar/promo-day";

fn structured(id: &str, data: Value) -> String {
    json!({
        "specversion": "1.0", "type": "promo.occurrence.due", "source": "urn:promo-calendar:scheduler", "id": id,
        "datacontenttype": "application/json", "data": data
    })
    .to_string()
}

async fn post_structured(sink: &JobSink, path: &str, body: String) -> reqwest::Response {
    http().post(format!("{}{path}", sink.url)).header("content-type", "application/cloudevents+json").body(body).send().await.unwrap()
}

/// A binary-mode CloudEvent (`ce-*` headers, the data as the body).
async fn post_binary(sink: &JobSink, path: &str, id: &str, content_type: &str, data: Value) -> reqwest::Response {
    http()
        .post(format!("{}{path}", sink.url))
        .header("ce-specversion", "1.0")
        .header("ce-type", "promo.occurrence.due")
        .header("ce-source", "urn:promo-calendar:scheduler")
        .header("ce-id", id)
        .header("content-type", content_type)
        .body(data.to_string())
        .send()
        .await
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn with_a_token_file_only_events_carrying_the_token_are_taken() {
    let secrets = tempfile::tempdir().unwrap();
    let token_file = secrets.path().join("token");
    std::fs::write(&token_file, "s3cret-token\n").unwrap();
    let sink = JobSink::start_with(1, &[], &["--token-file", token_file.to_str().unwrap()]);
    let event = structured("p-9.someday", json!({"promotion": {"id": "p-9"}, "occurrence": {"index": 0, "day": "someday", "fireAt": "2027-03-02T08:00:00Z"}}));
    let post = |authorization: Option<&'static str>| {
        let mut request = http().post(format!("{}{ADDRESS}", sink.url)).header("content-type", "application/cloudevents+json").body(event.clone());
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request.send()
    };

    for refused in [None, Some("Bearer wrong-token"), Some("Bearer s3cret-token-and-more"), Some("Basic s3cret-token")] {
        let answer = post(refused).await.unwrap();
        assert_eq!(answer.status(), 401, "{refused:?}");
        assert_eq!(answer.headers()["www-authenticate"], "Bearer");
    }
    assert!(std::fs::read_dir(sink.dir()).unwrap().next().is_none(), "no job was made for a refused event");
    assert_eq!(post(Some("Bearer s3cret-token")).await.unwrap().status(), 202);
}

#[tokio::test]
async fn past_max_running_an_event_waits_with_503_and_retry_after() {
    let programs = tempfile::tempdir().unwrap();
    let slow = programs.path().join("slow-job");
    std::fs::write(&slow, "#!/bin/sh\nsleep 30\n").unwrap();
    std::fs::set_permissions(&slow, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let sink = JobSink::start_with(1, &[], &["--max-running", "1", "--job-program", slow.to_str().unwrap()]);
    let data = json!({"promotion": {"id": "p-8"}, "occurrence": {"index": 0, "day": "2027-03-02", "fireAt": "2027-03-02T08:00:00Z"}});

    assert_eq!(post_structured(&sink, ADDRESS, structured("p-8.2027-03-02", data.clone())).await.status(), 202);
    let busy = post_structured(&sink, ADDRESS, structured("p-8.2027-03-03", data.clone())).await;
    assert_eq!(busy.status(), 503);
    assert_eq!(busy.headers()["retry-after"], "10");
    // the running job's own event is still answered as accepted (a repeat, not a new job)
    assert_eq!(post_structured(&sink, ADDRESS, structured("p-8.2027-03-02", data)).await.status(), 202);
}

#[tokio::test]
async fn keeps_knatives_contract_for_addresses_answers_and_repeated_events() {
    let sink = JobSink::start(2, &[]);
    // A bad day: the job exits 2, which fails the job at once, without retries.
    let bad = json!({"promotion": {"id": "p-1"}, "occurrence": {"index": 0, "day": "someday", "fireAt": "2027-03-02T08:00:00Z"}});
    let first = post_structured(&sink, ADDRESS, structured("p-1.someday", bad.clone())).await;
    assert_eq!(first.status(), 202);
    let job = location(&first);
    assert_eq!(job, "/namespaces/promo-calendar/name/promo-day/sources/urn:promo-calendar:scheduler/ids/p-1.someday");
    assert_eq!(first.text().await.unwrap(), "", "Knative answers with an empty body");
    let (status, record) = sink.outcome(&job).await;
    assert_eq!(status, 400, "{record}");
    assert_eq!(record["status"], "failed", "{record}");
    let shards = record["shards"].as_array().unwrap();
    assert!(shards.iter().any(|shard| shard["exitCode"] == 2), "{record}");
    for shard in shards {
        assert_eq!(shard["attempts"], 1, "exit 2 must not be retried: {record}");
        // exit 2 fails the job at once: the other shard exited 2 as well, or was stopped
        assert!(shard["exitCode"] == 2 || shard["status"] == "stopped", "{record}");
    }
    let response = http().get(format!("{}{job}", sink.url)).send().await.unwrap();
    assert_eq!(response.headers()["reason"], "Failed");

    // The same source + id again: the same job, nothing started.
    let again = post_structured(&sink, ADDRESS, structured("p-1.someday", bad)).await;
    assert_eq!(again.status(), 202);
    assert_eq!(location(&again), job);
    assert_eq!(sink.record(&job).await["shards"][0]["attempts"], 1);

    // Binary mode: the same path rules.
    let binary = post_binary(&sink, &format!("{ADDRESS}/"), "p-2.2027-03-02", "application/json", json!({"promotion": {"id": "p-2"}})).await;
    assert_eq!(binary.status(), 202);
    let binary_job = location(&binary);
    assert_ne!(binary_job, job);
    let (status, record) = sink.outcome(&binary_job).await;
    assert_eq!(status, 400, "{record}");
    let shards = record["shards"].as_array().unwrap();
    assert!(shards.iter().any(|shard| shard["exitCode"] == 2), "{record}");
    assert!(shards.iter().all(|shard| shard["exitCode"] == 2 || shard["status"] == "stopped"), "{record}");

    // Anything but /<namespace>/<name> of this JobSink, or a body that is no CloudEvent: 400, empty.
    for path in ["/", "/promo-calendar", "/promo-calendar/promo-day/extra", "/promo-calendar/other-sink", "/other-ns/promo-day"] {
        let refused = post_structured(&sink, path, structured("p-3.2027-03-02", json!({}))).await;
        assert_eq!(refused.status(), 400, "POST {path}");
        assert_eq!(refused.text().await.unwrap(), "", "POST {path}");
    }
    let garbage = http().post(format!("{}{ADDRESS}", sink.url)).header("content-type", "application/json").body("{}").send().await.unwrap();
    assert_eq!(garbage.status(), 400);
    let unknown = http()
        .get(format!("{}/namespaces/promo-calendar/name/promo-day/sources/urn:x/ids/nope", sink.url))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn writes_the_event_where_k_event_path_points_as_the_go_sdk_writes_it() {
    let sink = JobSink::start(1, &[]);
    // A +json type: Knative's Go SDK writes the data as one JSON string, which the job must read.
    let data = json!({"promotion": {"id": "p-4"}, "occurrence": {"index": 0, "day": "someday", "fireAt": "2027-03-02T08:00:00Z"}});
    let response = post_binary(&sink, ADDRESS, "p-4.someday", "application/vnd.promo.due+json", data.clone()).await;
    assert_eq!(response.status(), 202);
    let job = location(&response);
    let (status, _) = sink.outcome(&job).await;
    assert_eq!(status, 400);
    let name = job_name("urn:promo-calendar:scheduler", "p-4.someday");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(sink.dir().join(&name).join("event")).unwrap()).unwrap();
    assert_eq!(written["data"], Value::String(data.to_string()));
    // The job read it (from $K_EVENT_PATH/event) and named the bad day, not the data's form.
    let log = std::fs::read_to_string(sink.dir().join(&name).join("shard-0.log")).unwrap();
    assert!(log.contains("data.occurrence.day"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the dev stack (./dev test jobsink)"]
async fn a_due_day_through_the_jobsink_reaches_every_customer_once() {
    let admin = keycloak_admin_token().await;
    prepare_test_realm(&admin).await;
    let customers = seed_customers(&admin, "jobsink", 60).await;
    let promotion = published_promotion("Job test jobsink").await;
    let id = promotion["id"].as_str().unwrap().to_owned();
    let sink = JobSink::start(2, &[("PROMO_RECIPIENT_ROLE".into(), customers.role.clone()), ("PROMO_BATCH_SIZE".into(), "7".into())]);

    let data = json!({"promotion": *promotion, "occurrence": {"index": 1, "day": "2027-03-02", "fireAt": "2027-03-02T08:00:00Z"}});
    let accepted = post_structured(&sink, ADDRESS, structured(&format!("{id}.2027-03-02"), data)).await;
    assert_eq!(accepted.status(), 202);
    let (status, record) = sink.outcome(&location(&accepted)).await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["status"], "complete", "{record}");

    let stored = stored_per_recipient(&id, "2027-03-02");
    let enabled = customers.enabled_ids();
    assert_eq!(stored.len(), enabled.len());
    assert!(enabled.iter().all(|id| stored.get(id) == Some(&1)), "{stored:?}");
    delete_customers(&admin, &customers).await;
}
