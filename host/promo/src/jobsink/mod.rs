//! `promo jobsink`: Knative Eventing's JobSink on the dev stack and in tests,
//! keeping its contract exactly (knative/eventing `cmd/jobsink`, contracts.md):
//!
//! - `POST /<namespace>/<name>` with a CloudEvent (binary or structured mode)
//!   answers `202` with an empty body and
//!   `Location: /namespaces/<ns>/name/<name>/sources/<source>/ids/<id>`; any
//!   other path, another JobSink's name or a body that is not a valid
//!   CloudEvent is a `400` with an empty body.
//! - The job is named `<name>-<md5(source + id) in hex>`; an event whose job
//!   exists starts nothing new and gets the same answer. Job records live in
//!   the work directory, so this holds across restarts of the sink for as long
//!   as the record is kept (the newest `--history` jobs; Kubernetes keeps a
//!   Job until its TTL).
//! - `GET` on the Location: `202` while the job runs, `200` with
//!   `Reason: Complete`, `400` with `Reason: Failed`; `404` for no such job.
//! - The event is written as the CloudEvents Go SDK writes it (`data` inline
//!   for JSON, as a JSON string for other types, `data_base64` for binary
//!   data) to `<work-dir>/<job>/event`, and every pod — one process of
//!   `promo run` per shard — gets `K_EVENT_PATH` (that directory),
//!   `K_EXECUTION_MODE=batch`, `JOB_COMPLETION_INDEX` and `PROMO_SHARD_COUNT`.
//! - A shard that exits 1 is retried up to `--backoff-limit-per-index` times
//!   (the Job's `backoffLimitPerIndex`); exit 2 fails the whole job at once and
//!   stops every other shard (the manifest's `podFailurePolicy` `FailJob`).
//!
//! Beyond Knative, for people and tests on this machine: `GET /healthz`, and
//! `GET /jobs/<job>` with each shard's attempts and exit codes (what `kubectl
//! describe job` shows in a cluster).

mod event_file;

use std::{
    collections::{HashMap, VecDeque},
    net::SocketAddr,
    path::{Path, PathBuf},
    process::Stdio,
    sync::Arc,
};

use anyhow::Context;
use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path as UrlPath, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use cloudevents::{AttributesReader, Event};
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use serde_json::json;
use subtle::ConstantTimeEq as _;
use tokio::sync::{Mutex, watch};

use crate::job::log;

/// Options of `promo jobsink`.
#[derive(Debug, Clone, clap::Args)]
pub struct JobSinkArgs {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
    /// The namespace of the JobSink (the first segment of its address).
    #[arg(long, value_name = "NAME", default_value = "promo-calendar")]
    pub namespace: String,
    /// The name of the JobSink (the second segment of its address).
    #[arg(long, value_name = "NAME", default_value = "promo-day")]
    pub name: String,
    /// Directory for event files, job records and shard logs (one folder per job).
    #[arg(long, value_name = "DIR", default_value = ".dev/jobsink")]
    pub work_dir: PathBuf,
    /// Pods per job (the Indexed Job's completions = parallelism).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub shards: u32,
    /// Retries of a shard that exits 1 (the Job's backoffLimitPerIndex).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub backoff_limit_per_index: u32,
    /// Job records kept (oldest removed first); de-duplication lasts as long as a record.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub history: usize,
    /// Jobs running at once; past it an event is answered 503 with Retry-After
    /// and its sender retries (each job pages the whole customer directory).
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_running: usize,
    /// A file holding the bearer token every event must carry (`Authorization:
    /// Bearer …`), as Knative's OIDC authentication demands the sender's
    /// service-account token; without it events are taken from anyone.
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// The program to start (default: this `promo` binary).
    #[arg(long, value_name = "PATH")]
    pub job_program: Option<PathBuf>,
    /// Extra arguments for `promo run`, e.g. `--recipients=FILE` (repeatable).
    #[arg(long = "job-arg", value_name = "ARG", allow_hyphen_values = true)]
    pub job_args: Vec<String>,
}

/// A job's record (`<work-dir>/<job>/job.json`, and `GET /jobs/<job>`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobRecord {
    /// `<jobsink>-<md5(source + id)>`.
    pub name: String,
    /// CloudEvent `source`.
    pub source: String,
    /// CloudEvent `id`.
    pub id: String,
    /// `running`, `complete` or `failed`.
    pub status: String,
    /// One entry per shard.
    pub shards: Vec<ShardRecord>,
}

/// One shard (one index of the Indexed Job).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShardRecord {
    /// `JOB_COMPLETION_INDEX`.
    pub index: u32,
    /// `running`, `succeeded`, `failed` or `stopped` (ended by another shard's exit 2).
    pub status: String,
    /// Processes started so far (1 + retries).
    pub attempts: u32,
    /// Exit code of the last finished attempt.
    pub exit_code: Option<i32>,
}

struct Sink {
    args: JobSinkArgs,
    /// The bearer token events must carry (from `--token-file`).
    token: Option<String>,
    program: PathBuf,
    jobs: Mutex<Jobs>,
}

#[derive(Default)]
struct Jobs {
    records: HashMap<String, JobRecord>,
    /// Job names, oldest first, for the bounded history.
    order: VecDeque<String>,
    /// Per running job: set to true to stop its shards (another shard exited 2).
    stop: HashMap<String, watch::Sender<bool>>,
}

impl Sink {
    /// True when no token is required or the request carries it (compared in constant time).
    fn authorized(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = &self.token else { return true };
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .unwrap_or("");
        bool::from(presented.as_bytes().ct_eq(expected.as_bytes()))
    }
}

/// Runs the JobSink until the process is stopped (`promo jobsink`).
pub fn serve(args: JobSinkArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve_async(args))
}

async fn serve_async(args: JobSinkArgs) -> anyhow::Result<()> {
    let program = match &args.job_program {
        Some(path) => path.clone(),
        None => std::env::current_exe().context("finding the promo binary")?,
    };
    tokio::fs::create_dir_all(&args.work_dir).await.with_context(|| format!("creating {}", args.work_dir.display()))?;
    let jobs = load_records(&args.work_dir).await?;
    let token = match &args.token_file {
        Some(path) => {
            let token = tokio::fs::read_to_string(path).await.with_context(|| format!("reading the token file {}", path.display()))?;
            let token = token.trim().to_owned();
            anyhow::ensure!(!token.is_empty(), "the token file {} is empty", path.display());
            Some(token)
        }
        None => None,
    };
    let listener = tokio::net::TcpListener::bind(args.listen).await.with_context(|| format!("listening on {}", args.listen))?;
    let address = listener.local_addr().context("reading the listening address")?;
    log::info(
        "jobsink-listening",
        json!({ "address": address.to_string(), "path": format!("/{}/{}", args.namespace, args.name), "shards": args.shards,
                "workDir": args.work_dir, "jobsKept": jobs.order.len(), "tokenRequired": token.is_some(),
                "maxRunning": args.max_running }),
    );
    let sink = Arc::new(Sink { args, token, program, jobs: Mutex::new(jobs) });
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/jobs/{name}", get(job_record))
        .fallback(knative)
        .with_state(sink);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving HTTP")
}

/// Job records of an earlier run of the sink; a job that was running then is
/// failed now (its processes ended with the sink), as a lost pod would be.
async fn load_records(work_dir: &Path) -> anyhow::Result<Jobs> {
    let mut found = Vec::new();
    let mut entries = tokio::fs::read_dir(work_dir).await.with_context(|| format!("reading {}", work_dir.display()))?;
    while let Some(entry) = entries.next_entry().await? {
        let file = entry.path().join("job.json");
        let Ok(bytes) = tokio::fs::read(&file).await else { continue };
        let Ok(mut record) = serde_json::from_slice::<JobRecord>(&bytes) else { continue };
        let modified = entry.metadata().await.and_then(|metadata| metadata.modified()).ok();
        if record.status == "running" {
            record.status = "failed".into();
        }
        found.push((modified, record));
    }
    found.sort_by_key(|(modified, _)| *modified);
    let mut jobs = Jobs::default();
    for (_, record) in found {
        jobs.order.push_back(record.name.clone());
        jobs.records.insert(record.name.clone(), record);
    }
    Ok(jobs)
}

/// The two requests Knative's JobSink serves, routed as it routes them: by
/// method and by the number of path segments.
async fn knative(State(sink): State<Arc<Sink>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().trim_end_matches('/').to_owned();
    let segments: Vec<&str> = path.split('/').collect();
    match parts.method {
        Method::POST if segments.len() == 3 => {
            // checked before a byte of the body is read
            if !sink.authorized(&parts.headers) {
                log::warn("jobsink-unauthorized", "an event without the expected bearer token");
                let mut refused = StatusCode::UNAUTHORIZED.into_response();
                refused.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                return refused;
            }
            let body = match axum::body::to_bytes(body, 16 * 1024 * 1024).await {
                Ok(body) => body,
                Err(_) => return StatusCode::BAD_REQUEST.into_response(),
            };
            accept(&sink, segments[1], segments[2], &parts.headers, body).await
        }
        Method::GET if segments.len() == 9 => job_status(&sink, &segments).await,
        _ => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// `<name>-` followed by the hex MD5 of `source + id`, as Knative names the Job.
pub fn job_name(jobsink: &str, source: &str, id: &str) -> String {
    let digest = Md5::digest(format!("{source}{id}").as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{jobsink}-{hex}")
}

/// `/namespaces/<ns>/name/<name>/sources/<source>/ids/<id>`, each segment escaped.
fn location(namespace: &str, name: &str, source: &str, id: &str) -> String {
    let [namespace, name, source, id] = [namespace, name, source, id].map(escape_segment);
    format!("/namespaces/{namespace}/name/{name}/sources/{source}/ids/{id}")
}

/// Percent-encodes a path segment as Go's `url.PathEscape` does: unreserved
/// characters and `$ & + : = @` stay, everything else is escaped.
fn escape_segment(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-_.~$&+:=@".contains(&byte);
        if keep {
            escaped.push(byte as char);
        } else {
            escaped.push_str(&format!("%{byte:02X}"));
        }
    }
    escaped
}

fn unescape_segment(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn accepted(location: &str) -> Response {
    let mut response = StatusCode::ACCEPTED.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

async fn accept(sink: &Arc<Sink>, namespace: &str, name: &str, headers: &HeaderMap, body: Bytes) -> Response {
    if namespace != sink.args.namespace || name != sink.args.name {
        log::warn("jobsink-unknown", &format!("no JobSink {namespace}/{name} here"));
        return StatusCode::BAD_REQUEST.into_response();
    }
    let event: Event = match cloudevents::binding::http::to_event(headers, body.to_vec()) {
        Ok(event) => event,
        Err(error) => {
            log::warn("jobsink-not-an-event", &format!("not a CloudEvent: {error}"));
            return StatusCode::BAD_REQUEST.into_response();
        }
    };
    let (source, id) = (event.source().to_string(), event.id().to_owned());
    let location = location(namespace, name, &source, &id);
    let job = job_name(name, &source, &id);
    let mut jobs = sink.jobs.lock().await;
    if jobs.records.contains_key(&job) {
        return accepted(&location);
    }
    let running = jobs.records.values().filter(|record| record.status == "running").count();
    if running >= sink.args.max_running {
        log::warn("jobsink-busy", &format!("{running} jobs running (--max-running); {job} refused for now"));
        let mut busy = StatusCode::SERVICE_UNAVAILABLE.into_response();
        busy.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
        return busy;
    }
    let dir = sink.args.work_dir.join(&job);
    let record = JobRecord {
        name: job.clone(),
        source,
        id,
        status: "running".into(),
        shards: (0..sink.args.shards)
            .map(|index| ShardRecord { index, status: "running".into(), attempts: 0, exit_code: None })
            .collect(),
    };
    let written = async {
        tokio::fs::create_dir_all(&dir).await?;
        tokio::fs::write(dir.join("event"), event_file::to_json(&event)?).await?;
        write_record(&dir, &record).await
    };
    if let Err(error) = written.await {
        log::emit("error", "jobsink-write-failed", json!({ "dir": dir, "message": format!("{error:#}") }));
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let (stop, _) = watch::channel(false);
    jobs.stop.insert(job.clone(), stop);
    jobs.records.insert(job.clone(), record.clone());
    jobs.order.push_back(job.clone());
    forget_oldest(&mut jobs, sink.args.history, &sink.args.work_dir).await;
    drop(jobs);
    log::info("job-started", json!({ "job": job, "source": record.source, "id": record.id, "shards": sink.args.shards }));
    for index in 0..sink.args.shards {
        tokio::spawn(run_shard(sink.clone(), job.clone(), dir.clone(), index));
    }
    accepted(&location)
}

/// Drops the oldest finished records beyond `keep` (a running job is never dropped).
async fn forget_oldest(jobs: &mut Jobs, keep: usize, work_dir: &Path) {
    let mut kept = VecDeque::new();
    while jobs.order.len() + kept.len() > keep {
        let Some(oldest) = jobs.order.pop_front() else { break };
        if jobs.records.get(&oldest).is_some_and(|record| record.status == "running") {
            kept.push_back(oldest);
            continue;
        }
        jobs.records.remove(&oldest);
        let _ = tokio::fs::remove_dir_all(work_dir.join(&oldest)).await;
    }
    while let Some(name) = kept.pop_back() {
        jobs.order.push_front(name);
    }
}

async fn write_record(dir: &Path, record: &JobRecord) -> anyhow::Result<()> {
    let temporary = dir.join(".job.json.tmp");
    tokio::fs::write(&temporary, serde_json::to_vec_pretty(record)?).await?;
    tokio::fs::rename(&temporary, dir.join("job.json")).await?;
    Ok(())
}

async fn job_status(sink: &Sink, segments: &[&str]) -> Response {
    let ["", "namespaces", namespace, "name", name, "sources", source, "ids", id] = segments else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let (Some(namespace), Some(name), Some(source), Some(id)) =
        (unescape_segment(namespace), unescape_segment(name), unescape_segment(source), unescape_segment(id))
    else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if namespace != sink.args.namespace || name != sink.args.name {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let jobs = sink.jobs.lock().await;
    let Some(record) = jobs.records.get(&job_name(&name, &source, &id)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match record.status.as_str() {
        "complete" => (StatusCode::OK, [("Reason", "Complete")]).into_response(),
        "failed" => (StatusCode::BAD_REQUEST, [("Reason", "Failed")]).into_response(),
        _ => accepted(&location(&namespace, &name, &source, &id)),
    }
}

async fn job_record(State(sink): State<Arc<Sink>>, UrlPath(name): UrlPath<String>) -> Response {
    match sink.jobs.lock().await.records.get(&name) {
        Some(record) => Json(record.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Runs one index of the Job: retries exit 1 up to the per-index backoff
/// limit; exit 2 fails the job and stops the other shards.
async fn run_shard(sink: Arc<Sink>, job: String, dir: PathBuf, index: u32) {
    let Some(mut stop) = sink.jobs.lock().await.stop.get(&job).map(watch::Sender::subscribe) else { return };
    let log_file = dir.join(format!("shard-{index}.log"));
    let (status, exit_code) = loop {
        if *stop.borrow() {
            break ("stopped", None);
        }
        update(&sink, &job, |record| record.shards[index as usize].attempts += 1).await;
        let exit_code = tokio::select! {
            code = start_pod(&sink, &job, &dir, index, &log_file) => code,
            _ = stop.wait_for(|stopped| *stopped) => break ("stopped", None),
        };
        let attempts = update(&sink, &job, |record| {
            record.shards[index as usize].exit_code = Some(exit_code);
            record.shards[index as usize].attempts
        })
        .await;
        match exit_code {
            0 => break ("succeeded", Some(0)),
            2 => {
                // podFailurePolicy: exit code 2 → FailJob
                if let Some(stop) = sink.jobs.lock().await.stop.get(&job) {
                    stop.send_replace(true);
                }
                break ("failed", Some(2));
            }
            code if attempts > sink.args.backoff_limit_per_index => break ("failed", Some(code)),
            _ => {}
        }
    };
    let job_status = update(&sink, &job, |record| {
        record.shards[index as usize].status = status.into();
        if record.shards.iter().all(|shard| shard.status != "running") {
            record.status = if record.shards.iter().all(|shard| shard.status == "succeeded") { "complete" } else { "failed" }.into();
        }
        record.status.clone()
    })
    .await;
    if job_status != "running" {
        sink.jobs.lock().await.stop.remove(&job);
    }
    log::info("shard-finished", json!({ "job": job, "shard": index, "exitCode": exit_code, "shardStatus": status, "jobStatus": job_status }));
}

/// Changes a job's record in memory and on disk; returns what `change` returns.
async fn update<T>(sink: &Sink, job: &str, change: impl FnOnce(&mut JobRecord) -> T) -> T {
    let mut jobs = sink.jobs.lock().await;
    let record = jobs.records.get_mut(job).expect("a running job keeps its record");
    let result = change(record);
    if let Err(error) = write_record(&sink.args.work_dir.join(job), record).await {
        log::emit("error", "jobsink-write-failed", json!({ "job": job, "message": format!("{error:#}") }));
    }
    result
}

async fn start_pod(sink: &Sink, job: &str, dir: &Path, index: u32, log_file: &Path) -> i32 {
    let log = match std::fs::OpenOptions::new().create(true).append(true).open(log_file) {
        Ok(file) => file,
        Err(error) => {
            log::emit("error", "jobsink-log-failed", json!({ "file": log_file, "message": error.to_string() }));
            return 1;
        }
    };
    let Ok(stderr) = log.try_clone() else { return 1 };
    let mut command = tokio::process::Command::new(&sink.program);
    command
        .arg("run")
        .args(&sink.args.job_args)
        .env("K_EVENT_PATH", dir)
        .env("K_EXECUTION_MODE", "batch")
        .env("JOB_COMPLETION_INDEX", index.to_string())
        .env("PROMO_SHARD_COUNT", sink.args.shards.to_string())
        .env("K_JOB_NAME", job)
        .stdin(Stdio::null())
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(stderr))
        .kill_on_drop(true);
    match command.status().await {
        Ok(status) => status.code().unwrap_or(1),
        Err(error) => {
            log::emit("error", "jobsink-spawn-failed", json!({ "program": sink.program, "message": error.to_string() }));
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_jobs_like_knative() {
        // md5("urn:promo-calendar:schedulerp-1.2026-07-02")
        let name = job_name("promo-day", "urn:promo-calendar:scheduler", "p-1.2026-07-02");
        assert!(name.starts_with("promo-day-") && name.len() == "promo-day-".len() + 32, "{name}");
        assert_eq!(job_name("promo-day", "a", "bc"), job_name("promo-day", "ab", "c"), "Knative hashes source + id unseparated");
    }

    #[test]
    fn locations_escape_each_segment_and_read_back() {
        let location = location("promo-calendar", "promo-day", "/promo/scheduler", "p 1/2026");
        assert_eq!(location, "/namespaces/promo-calendar/name/promo-day/sources/%2Fpromo%2Fscheduler/ids/p%201%2F2026");
        let segments: Vec<&str> = location.split('/').collect();
        assert_eq!(unescape_segment(segments[6]).unwrap(), "/promo/scheduler");
        assert_eq!(unescape_segment(segments[8]).unwrap(), "p 1/2026");
    }
}
