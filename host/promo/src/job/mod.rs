//! `promo run`: the Knative job that delivers one due promotion day to every
//! customer's inbox.
//!
//! The run is a pipeline of three stages joined by bounded channels, so memory
//! stays flat however many recipients there are:
//!
//! ```text
//! recipients (Keycloak pages | JSON Lines) ──batches──► render thread (component)
//!     ──encoded batches──► inbox posts (bounded concurrency, retries) ──► summary
//! ```
//!
//! Before the pipeline starts, the job re-reads the promotion from the calendar
//! and asks the component whether the event's day may be delivered now
//! (`deliverable`: published, an occurrence day, before the end, no later than
//! today in the promotion's zone and not superseded by a later occurrence —
//! contracts.md). Otherwise the run ends successfully with a `summary` line
//! `outcome: skipped` and a `reason` code. Exit codes: 0 done (or skipped),
//! 1 failed (Kubernetes retries the pod; idempotency keys make that safe),
//! 2 bad event or configuration.
//!
//! At the end of every run that got as far as reading its event, the shard's
//! outcome — delivered, skipped with its reason code, or failed with the error —
//! and its counts are reported to the calendar
//! (`POST /api/internal/promotions/{id}/deliveries`, role `delivery-reporter`),
//! which shows admins each day's status. A report is tried a few times; one that
//! cannot be sent is logged as an `error` line `report-failed` and never changes
//! the run's own outcome or exit code.

pub mod auth;
pub mod calendar;
pub mod config;
pub mod event;
pub mod inbox;
pub mod log;
pub mod recipients;
pub mod retry;

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::Context;
use futures::StreamExt;
use jiff::Timestamp;
use promo_host::{EngineError, LocalDate, NotDeliverable, PromoEngine, Status};
use serde_json::json;
use tokio::sync::mpsc;

use self::{
    auth::TokenSource,
    calendar::CalendarClient,
    config::JobConfig,
    event::DueEvent,
    inbox::InboxClient,
    recipients::{KeycloakDirectory, RecipientSource, Shard},
    retry::RetryPolicy,
};
use crate::failure::{BadInput, Failure};

/// Where a Knative JobSink mounts the event when `K_EVENT_PATH` is not set.
pub const DEFAULT_EVENT_DIR: &str = "/etc/jobsink-event";

/// Options of `promo run`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// The structured JSON CloudEvent `promo.occurrence.due` [default:
    /// `$K_EVENT_PATH/event`, where Knative's JobSink mounts it, else
    /// /etc/jobsink-event/event].
    #[arg(long, value_name = "PATH")]
    pub event_file: Option<PathBuf>,
    /// Read recipients from this JSON Lines file (`userId`, `username`,
    /// optional `firstName`, `locale`) instead of Keycloak.
    #[arg(long, value_name = "FILE.jsonl")]
    pub recipients: Option<PathBuf>,
    /// Use the promotion inside the event instead of re-reading it from the
    /// calendar (load tests; only in builds with the `test-hooks` feature).
    #[cfg(feature = "test-hooks")]
    #[arg(long)]
    pub promotion_from_event: bool,
}

impl RunArgs {
    /// `--event-file`, else the file Knative mounts.
    fn event_file(&self) -> PathBuf {
        self.event_file.clone().unwrap_or_else(|| {
            let dir = std::env::var_os("K_EVENT_PATH").filter(|dir| !dir.is_empty()).unwrap_or_else(|| DEFAULT_EVENT_DIR.into());
            PathBuf::from(dir).join("event")
        })
    }

    /// Whether the promotion comes from the event (never in a shipped build).
    fn promotion_from_event(&self) -> bool {
        #[cfg(feature = "test-hooks")]
        return self.promotion_from_event;
        #[cfg(not(feature = "test-hooks"))]
        false
    }
}

/// The job's clock. Builds with the `test-hooks` feature take `PROMO_TEST_NOW`
/// (RFC 3339) when it is set, so stack tests can deliver days of a promotion
/// that the running scheduler will never fire.
fn now() -> Result<Timestamp, BadInput> {
    #[cfg(feature = "test-hooks")]
    if let Some(text) = std::env::var("PROMO_TEST_NOW").ok().filter(|text| !text.is_empty()) {
        return text.parse().map_err(|error| BadInput::new("PROMO_TEST_NOW", format!("is not an RFC 3339 instant: {error}")));
    }
    Ok(Timestamp::now())
}

/// Runs the job with the engine component (`promo run`).
pub fn run(args: RunArgs) -> Result<(), Failure> {
    run_with_engine(args, PromoEngine::with_defaults)
}

/// Runs the job with the engine `load_engine` makes (tests choose its cache).
pub fn run_with_engine(
    args: RunArgs,
    load_engine: impl FnOnce() -> anyhow::Result<PromoEngine> + Send + 'static,
) -> Result<(), Failure> {
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| Failure::Failed(anyhow::Error::new(error).context("starting the async runtime")))?;
    let result = runtime.block_on(async move {
        let config = JobConfig::from_env()?;
        let now = now()?;
        deliver_and_report(args, config, load_engine, now, started).await.map(drop)
    });
    // Blocking tasks (a render in flight) must not keep a failed run alive.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result.map_err(|error| {
        let failure = Failure::from(error);
        log::emit("error", "failed", json!({ "exitCode": failure.exit_code(), "message": failure.to_string() }));
        failure
    })
}

/// How a run ended that did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Every recipient of the shard got the day's message (now or before),
    /// except `refused` ones the inbox refused (each logged as `refused`).
    Delivered { refused: u64 },
    /// Nothing was sent, for the reason named by this code.
    Skipped(&'static str),
}

/// The delivery within the run's deadline, then the shard's report to the calendar.
async fn deliver_and_report(
    args: RunArgs,
    config: JobConfig,
    load_engine: impl FnOnce() -> anyhow::Result<PromoEngine> + Send + 'static,
    now: Timestamp,
    started: Instant,
) -> anyhow::Result<Outcome> {
    let deadline = config.deadline;
    let started_at = Timestamp::now();
    let slot = ReportSlot::default();
    let outcome = match tokio::time::timeout(deadline, deliver(args, config, load_engine, now, started, &slot)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(anyhow::anyhow!("deadline PROMO_DEADLINE ({} s) passed before the day was delivered", deadline.as_secs())),
    };
    report(&slot, &outcome, started_at).await;
    outcome
}

/// What the end-of-run report needs, filled in by [`deliver`] once it knows it
/// (the event read, the HTTP client and the token source made).
#[derive(Default)]
struct ReportSlot {
    target: std::sync::Mutex<Option<ReportTarget>>,
    progress: Arc<Progress>,
}

struct ReportTarget {
    calendar: CalendarClient,
    promotion_id: String,
    day: String,
    shard: u32,
    shards: u32,
    pause: Duration,
}

/// The longest a report may take, all tries together: it never holds a finished run for long.
const REPORT_TIME_LIMIT: Duration = Duration::from_secs(20);
/// The calendar's limit on a reason (code points).
const REPORT_REASON_CHARS: usize = 200;

/// The report of this shard's outcome (contracts.md "Calendar — delivery reports").
fn report_body(target: &ReportTarget, progress: &Progress, outcome: &anyhow::Result<Outcome>, started_at: Timestamp) -> serde_json::Value {
    let (outcome, reason) = match outcome {
        Ok(Outcome::Delivered { .. }) => ("delivered", None),
        Ok(Outcome::Skipped(code)) => ("skipped", Some((*code).to_owned())),
        Err(error) => ("failed", Some(format!("{error:#}").chars().take(REPORT_REASON_CHARS).collect::<String>())),
    };
    let mut body = json!({
        "day": target.day, "shard": target.shard, "shards": target.shards, "outcome": outcome,
        "recipients": progress.recipients.load(Ordering::Relaxed),
        "inserted": progress.inserted.load(Ordering::Relaxed),
        "duplicates": progress.duplicates.load(Ordering::Relaxed),
        "refused": progress.refused.load(Ordering::Relaxed),
        "suppressed": progress.suppressed.load(Ordering::Relaxed),
        "startedAt": started_at.to_string(), "finishedAt": Timestamp::now().to_string(),
    });
    if let Some(reason) = reason {
        body["reason"] = json!(reason);
    }
    body
}

/// Sends the report; a failure is logged loudly (`error`, `report-failed`) and
/// otherwise ignored: the messages are in the inboxes whatever the calendar knows.
async fn report(slot: &ReportSlot, outcome: &anyhow::Result<Outcome>, started_at: Timestamp) {
    let Some(target) = slot.target.lock().unwrap().take() else {
        return; // the event was never read: there is nothing to report on
    };
    if matches!(outcome, Ok(Outcome::Skipped("deleted"))) {
        return; // the calendar no longer has the promotion
    }
    let body = report_body(&target, &slot.progress, outcome, started_at);
    let sent = tokio::time::timeout(REPORT_TIME_LIMIT, target.calendar.report_delivery(&target.promotion_id, &body, target.pause)).await;
    match sent {
        Ok(Ok(())) => log::info("reported", json!({ "promotionId": target.promotion_id, "day": target.day, "outcome": body["outcome"] })),
        Ok(Err(error)) => log::emit(
            "error",
            "report-failed",
            json!({ "promotionId": target.promotion_id, "day": target.day, "report": body,
                    "message": format!("the calendar did not take this shard's report: {error:#}") }),
        ),
        Err(_) => log::emit(
            "error",
            "report-failed",
            json!({ "promotionId": target.promotion_id, "day": target.day, "report": body,
                    "message": format!("the calendar did not take this shard's report within {} s", REPORT_TIME_LIMIT.as_secs()) }),
        ),
    }
}

/// Counters shared by the stages, for progress lines and the summary.
#[derive(Debug, Default)]
struct Progress {
    recipients: AtomicU64,
    inserted: AtomicU64,
    duplicates: AtomicU64,
    suppressed: AtomicU64,
    refused: AtomicU64,
    batches: AtomicU64,
}

async fn deliver(
    args: RunArgs,
    config: JobConfig,
    load_engine: impl FnOnce() -> anyhow::Result<PromoEngine> + Send + 'static,
    now: Timestamp,
    started: Instant,
    slot: &ReportSlot,
) -> anyhow::Result<Outcome> {
    let event_file = args.event_file();
    let bytes = tokio::fs::read(&event_file)
        .await
        .map_err(|error| BadInput::new("--event-file", format!("cannot read {}: {error}", event_file.display())))?;
    let due = event::parse_structured(&bytes)?;
    let shard_json = json!({ "index": config.shard_index, "count": config.shard_count });
    log::info(
        "event",
        json!({ "source": due.source, "id": due.id, "promotionId": due.promotion_id, "day": due.day.to_string(),
                "fireAt": due.fire_at.to_string(), "shard": shard_json }),
    );

    // The component loads on its own thread while the first HTTP calls run.
    let engine = tokio::task::spawn_blocking(load_engine);
    let http = reqwest::Client::builder()
        .timeout(config.http_timeout)
        .pool_max_idle_per_host(config.concurrency.max(4))
        .build()
        .context("building the HTTP client")?;
    let retry = Arc::new(RetryPolicy::new(Duration::from_millis(100), config.retry_max_delay));
    let tokens = Arc::new(TokenSource::new(http.clone(), &config.keycloak_url, &config.realm, &config.client_id, &config.client_secret));
    let directory_tokens = if config.directory_uses_job_client() {
        tokens.clone()
    } else {
        let directory = &config.directory;
        Arc::new(TokenSource::new(http.clone(), &config.keycloak_url, &directory.realm, &directory.client_id, &directory.client_secret))
    };
    *slot.target.lock().unwrap() = Some(ReportTarget {
        calendar: CalendarClient::new(http.clone(), &config.calendar_url, tokens.clone()),
        promotion_id: due.promotion_id.clone(),
        day: due.day.to_string(),
        shard: config.shard_index,
        shards: config.shard_count,
        pause: config.retry_max_delay.min(Duration::from_millis(200)),
    });
    // Fetch the token early: every later call needs it.
    let warm_token = {
        let tokens = tokens.clone();
        tokio::spawn(async move { tokens.bearer().await })
    };

    let promotion_json = if args.promotion_from_event() {
        due.promotion.to_string()
    } else {
        match CalendarClient::new(http.clone(), &config.calendar_url, tokens.clone()).promotion(&due.promotion_id, &retry).await? {
            Some(json) => json,
            None => return skipped(&due, "deleted", "the promotion no longer exists in the calendar"),
        }
    };
    let engine = engine.await.context("loading the engine component")??;
    let mut checked = match engine.check(&promotion_json) {
        Ok(checked) => checked,
        Err(EngineError::Invalid(problems)) => {
            let first = problems.first();
            let problem = first.map(|p| format!("{}: {}", p.field, p.message)).unwrap_or_default();
            if args.promotion_from_event() {
                return Err(BadInput::new(format!("data.promotion.{}", first.map(|p| p.field.as_str()).unwrap_or("")), problem).into());
            }
            anyhow::bail!("the calendar's promotion {} is invalid: {problem}", due.promotion_id);
        }
        Err(EngineError::Failed(error)) => return Err(error),
    };
    let promotion = checked.promotion()?;
    if promotion.status != Status::Published {
        let status = match promotion.status {
            Status::Draft => "DRAFT",
            Status::Published => "PUBLISHED",
            Status::Unpublished => "UNPUBLISHED",
        };
        return skipped(&due, "not-published", &format!("the promotion is {status} now, not PUBLISHED"));
    }
    let occurrence = match checked.schedule().deliverable(LocalDate::from(due.day), now.as_millisecond())? {
        Ok(occurrence) => occurrence,
        Err(reason) => {
            let (code, why) = match reason {
                NotDeliverable::NotAnOccurrence => ("not-an-occurrence", "the day is not one of the promotion's days (any more)"),
                NotDeliverable::Ended => ("ended", "the promotion has ended"),
                NotDeliverable::NotYetDue => ("not-yet-due", "the day lies after today in the promotion's zone, or the promotion has not started"),
                NotDeliverable::Superseded => ("superseded", "a later day of the promotion has fired since; missed days are never replayed"),
            };
            return skipped(&due, code, &format!("{why} (now {now})"));
        }
    };

    let source = match &args.recipients {
        Some(path) => RecipientSource::File(path.clone()),
        None => RecipientSource::Keycloak(KeycloakDirectory::new(
            http.clone(),
            &config.keycloak_url,
            &config.directory.realm,
            &config.recipient_role,
            config.page_size,
            directory_tokens,
        )),
    };
    // A failed early fetch is not final: the calls below fetch (and retry) again.
    let _ = warm_token.await;
    let shard = Shard { index: config.shard_index, count: config.shard_count, engine: engine.session()? };
    let mut renderer = checked
        .into_renderer(occurrence.index)
        .with_context(|| format!("preparing occurrence {} of promotion {}", occurrence.index, due.promotion_id))?;
    log::info(
        "plan",
        json!({
            "promotionId": due.promotion_id, "day": due.day.to_string(), "occurrenceIndex": occurrence.index,
            "eventIndex": due.index, "shard": shard_json, "setupMs": started.elapsed().as_millis() as u64,
        }),
    );

    let progress = slot.progress.clone();
    let channel_depth = config.concurrency + 1;
    let (recipient_tx, mut recipient_rx) = mpsc::channel(channel_depth);
    let (encoded_tx, mut encoded_rx) = mpsc::channel::<inbox::EncodedBatch>(channel_depth);

    let producer = {
        let retry = retry.clone();
        let batch_size = config.batch_size;
        tokio::spawn(async move { source.send_shard(shard, batch_size, &retry, recipient_tx).await })
    };
    let renderer = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        while let Some(recipients) = recipient_rx.blocking_recv() {
            let batch = renderer.render(&recipients).context("rendering a batch through the component")?;
            for encoded in inbox::encode_batch(&batch, inbox::MAX_BATCH_BYTES)? {
                if encoded_tx.blocking_send(encoded).is_err() {
                    return Ok(()); // the posting stage failed; its error is reported
                }
            }
        }
        Ok(())
    });
    let ticker = {
        let progress = progress.clone();
        let retry = retry.clone();
        let interval = config.progress_interval;
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
            loop {
                ticks.tick().await;
                log::info("progress", counters(&progress, &retry, started));
            }
        })
    };

    let inbox = InboxClient::new(http.clone(), &config.inbox_url, tokens.clone());
    let batches = futures::stream::poll_fn(|context| encoded_rx.poll_recv(context));
    let first_sent = std::sync::atomic::AtomicBool::new(false);
    let mut posts = batches
        .map(|encoded: inbox::EncodedBatch| {
            let (inbox, retry, first_sent, tokens) = (&inbox, &retry, &first_sent, &tokens);
            async move {
                // logged when the request can go on the wire: the batch is encoded and the
                // service account's token (fetched since the start) is there
                if !first_sent.swap(true, Ordering::Relaxed) && tokens.bearer().await.is_ok() {
                    log::info("first-batch-sent", json!({ "sinceStartMs": started.elapsed().as_millis() as u64 }));
                }
                let outcome = inbox.post(encoded.body.clone(), retry).await?;
                Ok::<_, anyhow::Error>((encoded, outcome))
            }
        })
        .buffer_unordered(config.concurrency);
    let mut first_post_logged = false;
    let posted: anyhow::Result<()> = async {
        while let Some(result) = posts.next().await {
            let (encoded, outcome) = result?;
            progress.recipients.fetch_add(encoded.messages, Ordering::Relaxed);
            progress.inserted.fetch_add(outcome.inserted, Ordering::Relaxed);
            progress.duplicates.fetch_add(outcome.duplicates, Ordering::Relaxed);
            progress.suppressed.fetch_add(outcome.suppressed, Ordering::Relaxed);
            progress.refused.fetch_add(outcome.refused.len() as u64, Ordering::Relaxed);
            for refusal in &outcome.refused {
                // the rest of the day is stored; the refused message is reported, never retried
                log::emit(
                    "error",
                    "refused",
                    json!({ "promotionId": due.promotion_id, "day": due.day.to_string(),
                            "recipientId": inbox::recipient_at(&encoded.body, refusal.index),
                            "field": refusal.field, "message": refusal.message }),
                );
            }
            progress.batches.fetch_add(1, Ordering::Relaxed);
            if !first_post_logged {
                first_post_logged = true;
                log::info("first-batch-posted", json!({ "sinceStartMs": started.elapsed().as_millis() as u64 }));
            }
        }
        Ok(())
    }
    .await;
    drop(posts);
    ticker.abort();
    posted?;
    producer.await.context("recipient stage")??;
    renderer.await.context("render stage")??;

    let mut summary = counters(&progress, &retry, started);
    summary["outcome"] = json!("delivered");
    summary["promotionId"] = json!(due.promotion_id);
    summary["day"] = json!(due.day.to_string());
    summary["shard"] = shard_json;
    log::info("summary", summary);
    Ok(Outcome::Delivered { refused: progress.refused.load(Ordering::Relaxed) })
}

fn counters(progress: &Progress, retry: &RetryPolicy, started: Instant) -> serde_json::Value {
    let recipients = progress.recipients.load(Ordering::Relaxed);
    let elapsed = started.elapsed();
    json!({
        "recipients": recipients,
        "inserted": progress.inserted.load(Ordering::Relaxed),
        "duplicates": progress.duplicates.load(Ordering::Relaxed),
        "suppressed": progress.suppressed.load(Ordering::Relaxed),
        "refused": progress.refused.load(Ordering::Relaxed),
        "batches": progress.batches.load(Ordering::Relaxed),
        "retries": retry.retries(),
        "elapsedMs": elapsed.as_millis() as u64,
        "ratePerSecond": (recipients as f64 / elapsed.as_secs_f64().max(1e-3)).round(),
    })
}

/// Ends a run that delivers nothing: the summary line says why (`reason` is a
/// stable code for log-based metrics and alerts, `detail` is for people).
fn skipped(due: &DueEvent, reason: &'static str, detail: &str) -> anyhow::Result<Outcome> {
    log::info(
        "summary",
        json!({ "outcome": "skipped", "reason": reason, "detail": detail, "promotionId": due.promotion_id, "day": due.day.to_string(),
                "recipients": 0, "inserted": 0, "duplicates": 0, "suppressed": 0, "refused": 0, "retries": 0 }),
    );
    Ok(Outcome::Skipped(reason))
}

#[cfg(test)]
mod tests;
