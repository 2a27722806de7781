//! `promo jobsink`: a stand-in for Knative Eventing's JobSink on the dev stack
//! and in tests.
//!
//! Like the real one it accepts a CloudEvent (binary or structured HTTP mode),
//! answers `202 Accepted` with a `Location` to poll for the job's status,
//! writes the event as structured JSON to a file (Knative mounts it at
//! `/etc/jobsink-event/event`) and starts the job: `shards` processes of
//! `promo run --event-file …`, each with the environment a pod of an Indexed
//! Job gets (`JOB_COMPLETION_INDEX`, and `PROMO_SHARD_COUNT` from the JobSink's
//! template). A repeated `source` + `id` starts nothing and answers with the
//! existing job. A shard that exits 1 is restarted up to `backoff_limit` times
//! (the Job's `backoffLimit`); exit code 2 fails the job at once (the
//! manifests' `podFailurePolicy`).

use std::{
    collections::HashMap,
    net::SocketAddr,
    path::PathBuf,
    process::Stdio,
    sync::Arc,
};

use anyhow::Context;
use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use cloudevents::{AttributesReader, Event};
use serde::Serialize;
use serde_json::json;
use tokio::sync::Mutex;

use crate::job::log;

/// Options of `promo jobsink`.
#[derive(Debug, Clone, clap::Args)]
pub struct JobSinkArgs {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
    /// Directory for event files and job logs (one folder per job).
    #[arg(long, value_name = "DIR", default_value = ".dev/jobsink")]
    pub work_dir: PathBuf,
    /// Pods per job (the Indexed Job's completions = parallelism).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub shards: u32,
    /// Restarts of a shard that exits 1 (the Job's backoffLimit).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub backoff_limit: u32,
    /// The program to start (default: this `promo` binary).
    #[arg(long, value_name = "PATH")]
    pub job_program: Option<PathBuf>,
    /// Extra arguments for `promo run`, e.g. `--recipients=FILE` (repeatable).
    #[arg(long = "job-arg", value_name = "ARG", allow_hyphen_values = true)]
    pub job_args: Vec<String>,
}

/// State of one job (the answer of `GET /jobs/{name}`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobStatus {
    /// Name of the job, the last segment of its `Location`.
    pub name: String,
    /// CloudEvent `source`.
    pub source: String,
    /// CloudEvent `id`.
    pub id: String,
    /// `running`, `succeeded` or `failed`.
    pub status: &'static str,
    /// Where the event was written.
    pub event_file: PathBuf,
    /// One entry per shard.
    pub shards: Vec<ShardStatus>,
}

/// State of one shard (one pod of the Indexed Job).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShardStatus {
    /// `JOB_COMPLETION_INDEX`.
    pub index: u32,
    /// `running`, `succeeded` or `failed`.
    pub status: &'static str,
    /// Processes started so far (1 + restarts).
    pub attempts: u32,
    /// Exit code of the last finished attempt.
    pub exit_code: Option<i32>,
    /// The shard's log (stdout and stderr of every attempt).
    pub log_file: PathBuf,
}

struct Sink {
    args: JobSinkArgs,
    program: PathBuf,
    jobs: Mutex<Jobs>,
}

#[derive(Default)]
struct Jobs {
    by_event: HashMap<(String, String), String>,
    by_name: HashMap<String, JobStatus>,
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
    let listener = tokio::net::TcpListener::bind(args.listen).await.with_context(|| format!("listening on {}", args.listen))?;
    let address = listener.local_addr().context("reading the listening address")?;
    log::info("jobsink-listening", json!({ "address": address.to_string(), "shards": args.shards, "workDir": args.work_dir }));
    let sink = Arc::new(Sink { args, program, jobs: Mutex::new(Jobs::default()) });
    let app = Router::new()
        .route("/", post(accept))
        // Knative addresses a JobSink as /<namespace>/<name>; accept any path.
        .route("/{*path}", post(accept))
        .route("/jobs/{name}", get(status))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(sink);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving HTTP")
}

fn problem(status: StatusCode, field: &str, detail: &str) -> Response {
    let body = json!({ "type": "about:blank", "title": status.canonical_reason(), "status": status.as_u16(), "detail": detail, "field": field });
    (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
}

fn accepted(job: &JobStatus) -> Response {
    let location = format!("/jobs/{}", job.name);
    (StatusCode::ACCEPTED, [(header::LOCATION, location)], Json(job.clone())).into_response()
}

async fn accept(State(sink): State<Arc<Sink>>, headers: HeaderMap, body: Bytes) -> Response {
    let event: Event = match cloudevents::binding::http::to_event(&headers, body.to_vec()) {
        Ok(event) => event,
        Err(error) => return problem(StatusCode::BAD_REQUEST, "event", &format!("not a CloudEvent: {error}")),
    };
    let key = (event.source().to_string(), event.id().to_owned());
    let mut jobs = sink.jobs.lock().await;
    if let Some(name) = jobs.by_event.get(&key) {
        return accepted(&jobs.by_name[name]);
    }
    let name = format!("promo-{}", jobs.by_name.len() + 1);
    let dir = sink.args.work_dir.join(&name);
    let event_file = dir.join("event");
    let written = async {
        tokio::fs::create_dir_all(&dir).await?;
        tokio::fs::write(&event_file, serde_json::to_vec(&event)?).await?;
        anyhow::Ok(())
    };
    if let Err(error) = written.await {
        log::emit("error", "jobsink-write-failed", json!({ "file": event_file, "message": format!("{error:#}") }));
        return problem(StatusCode::SERVICE_UNAVAILABLE, "", "could not store the event; try again");
    }
    let job = JobStatus {
        name: name.clone(),
        source: key.0.clone(),
        id: key.1.clone(),
        status: "running",
        event_file: event_file.clone(),
        shards: (0..sink.args.shards)
            .map(|index| ShardStatus { index, status: "running", attempts: 0, exit_code: None, log_file: dir.join(format!("shard-{index}.log")) })
            .collect(),
    };
    jobs.by_event.insert(key, name.clone());
    jobs.by_name.insert(name.clone(), job.clone());
    drop(jobs);
    log::info("job-started", json!({ "job": name, "source": job.source, "id": job.id, "shards": sink.args.shards }));
    for index in 0..sink.args.shards {
        tokio::spawn(run_shard(sink.clone(), name.clone(), index));
    }
    accepted(&job)
}

async fn status(State(sink): State<Arc<Sink>>, Path(name): Path<String>) -> Response {
    match sink.jobs.lock().await.by_name.get(&name) {
        Some(job) => Json(job.clone()).into_response(),
        None => problem(StatusCode::NOT_FOUND, "name", &format!("no job named {name}")),
    }
}

/// Runs one shard's pod: restarts on exit 1 up to the backoff limit.
async fn run_shard(sink: Arc<Sink>, name: String, index: u32) {
    let (event_file, log_file) = {
        let jobs = sink.jobs.lock().await;
        let job = &jobs.by_name[&name];
        (job.event_file.clone(), job.shards[index as usize].log_file.clone())
    };
    let mut exit_code;
    loop {
        {
            let mut jobs = sink.jobs.lock().await;
            jobs.by_name.get_mut(&name).expect("job exists").shards[index as usize].attempts += 1;
        }
        exit_code = start_pod(&sink, &name, index, &event_file, &log_file).await;
        let mut jobs = sink.jobs.lock().await;
        let shard = &mut jobs.by_name.get_mut(&name).expect("job exists").shards[index as usize];
        shard.exit_code = Some(exit_code);
        let retry = exit_code != 0 && exit_code != 2 && shard.attempts <= sink.args.backoff_limit;
        if !retry {
            shard.status = if exit_code == 0 { "succeeded" } else { "failed" };
            break;
        }
    }
    let mut jobs = sink.jobs.lock().await;
    let job = jobs.by_name.get_mut(&name).expect("job exists");
    if job.shards.iter().any(|shard| shard.status == "failed") {
        job.status = "failed";
    } else if job.shards.iter().all(|shard| shard.status == "succeeded") {
        job.status = "succeeded";
    }
    log::info("shard-finished", json!({ "job": name, "shard": index, "exitCode": exit_code, "jobStatus": job.status }));
}

async fn start_pod(sink: &Sink, name: &str, index: u32, event_file: &std::path::Path, log_file: &std::path::Path) -> i32 {
    let log = match std::fs::OpenOptions::new().create(true).append(true).open(log_file) {
        Ok(file) => file,
        Err(error) => {
            log::emit("error", "jobsink-log-failed", json!({ "file": log_file, "message": error.to_string() }));
            return 1;
        }
    };
    let stderr = match log.try_clone() {
        Ok(file) => file,
        Err(_) => return 1,
    };
    let mut command = tokio::process::Command::new(&sink.program);
    command
        .arg("run")
        .arg("--event-file")
        .arg(event_file)
        .args(&sink.args.job_args)
        .env("JOB_COMPLETION_INDEX", index.to_string())
        .env("PROMO_SHARD_COUNT", sink.args.shards.to_string())
        .env("K_JOB_NAME", name)
        .env("K_EXECUTION_MODE", "batch")
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
