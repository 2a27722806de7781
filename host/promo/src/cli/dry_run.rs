//! `promo dry-run`: the occurrences of a promotion, which one is next and
//! due at `--now`, and sample messages, without sending anything.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use promo_host::json::{self, InboxMessageJson, OccurrenceJson, ResolvedDateTimeJson};
use promo_host::{LocalTimeResolution, Occurrence, PromoEngine, Recipient, ResolvedDateTime};
use serde::Serialize;

use super::read_input;
use crate::failure::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Promotion JSON file (the shape of shared/spec/contracts.md).
    promotion: PathBuf,
    /// Instant to compute the next and the due occurrence at, RFC 3339 with an offset
    /// (e.g. 2026-07-02T08:00:00Z).
    #[arg(long, value_name = "RFC 3339")]
    now: Option<String>,
    /// Recipients to render sample messages for: one JSON object a line,
    /// {"userId", "username", "firstName"?, "locale"?}. Default: one example recipient.
    #[arg(long, value_name = "FILE.jsonl")]
    recipients: Option<PathBuf>,
    /// Print one JSON document instead of a table.
    #[arg(long)]
    json: bool,
}

/// The `--json` document.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DryRun {
    time_zone: String,
    start: ResolvedDateTimeJson,
    end: ResolvedDateTimeJson,
    occurrences: Vec<OccurrenceJson>,
    next: Option<OccurrenceJson>,
    due: Option<OccurrenceJson>,
    sample: Vec<InboxMessageJson>,
}

pub fn run(args: Args) -> Result<(), Failure> {
    // Every input is checked before any work, so bad input prints nothing on stdout.
    let promotion_json = read_input("promotion", &args.promotion)?;
    let now = args.now.as_deref().map(parse_now).transpose()?;
    let recipients = match &args.recipients {
        Some(path) => read_recipients(path)?,
        None => vec![example_recipient()],
    };

    let engine = PromoEngine::with_defaults()?;
    let source = format!("promotion {}", args.promotion.display());
    let mut checked = engine.check(&promotion_json).map_err(|e| Failure::from_engine(e, &source))?;
    let promotion = checked.promotion()?;
    let schedule = checked.schedule();
    let occurrences = schedule.occurrences()?;
    let (start, end) = (schedule.start()?, schedule.end()?);
    let (next, due) = match now {
        Some(now) => {
            let millisecond = now.as_millisecond();
            (schedule.next_fire(millisecond)?, schedule.due_at(millisecond)?)
        }
        None => (None, None),
    };
    // The sample shows the message that would go out now, else the next one, else the first.
    let sample_index = due.or(next).map_or(0, |occurrence| occurrence.index);
    let sample = checked
        .render(sample_index, &recipients.iter().collect())
        .map_err(|e| Failure::from_engine(e, &source))?
        .to_inbox_messages();

    if args.json {
        let document = DryRun {
            time_zone: promotion.time_zone.clone(),
            start: start.to_json(),
            end: end.to_json(),
            occurrences: occurrences.iter().map(Occurrence::to_json).collect(),
            next: next.map(|o| o.to_json()),
            due: due.map(|o| o.to_json()),
            sample,
        };
        let mut text = serde_json::to_string_pretty(&document).map_err(anyhow::Error::from)?;
        text.push('\n');
        emit(&text)
    } else {
        emit(&print_table(&promotion, &occurrences, (start, end), now, next, due, &sample))
    }
}

/// Writes the output at once; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|error| Failure::Failed(anyhow::Error::from(error).context("writing to stdout"))),
    }
}

fn parse_now(text: &str) -> Result<Timestamp, Failure> {
    text.parse::<Timestamp>().map_err(|_| {
        Failure::BadInput(format!("--now: expected an RFC 3339 instant with an offset, such as 2026-07-02T08:00:00Z, got {text:?}"))
    })
}

fn read_recipients(path: &PathBuf) -> Result<Vec<Recipient>, Failure> {
    let text = read_input("--recipients", path)?;
    let mut recipients = Vec::new();
    for (number, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        let recipient: Recipient = serde_json::from_str(line).map_err(|error| {
            Failure::BadInput(format!("--recipients: {} line {}: {error}", path.display(), number + 1))
        })?;
        recipients.push(recipient);
    }
    Ok(recipients)
}

fn example_recipient() -> Recipient {
    Recipient {
        user_id: "00000000-0000-4000-8000-000000000001".into(),
        username: "alice".into(),
        first_name: Some("Alice".into()),
        locale: Some("en".into()),
    }
}

fn local(occurrence: &Occurrence) -> String {
    json::timestamp(occurrence.fire_at)
        .to_zoned_datetime(TimeZone::fixed(occurrence.offset()))
        .strftime("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

fn utc(millisecond: i64) -> String {
    json::timestamp(millisecond).strftime("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// What a DST transition did to a local time, for the table; empty when nothing.
fn resolution_note(resolution: LocalTimeResolution, requested: &str) -> String {
    match resolution {
        LocalTimeResolution::Exact => String::new(),
        LocalTimeResolution::GapMovedLater => format!("{requested} does not exist that day (clocks go forward): moved later"),
        LocalTimeResolution::OverlapEarlierOffset => {
            format!("{requested} happens twice that day (clocks go back): the first one")
        }
    }
}

fn print_table(
    promotion: &promo_host::Promotion,
    occurrences: &[Occurrence],
    (start, end): (ResolvedDateTime, ResolvedDateTime),
    now: Option<Timestamp>,
    next: Option<Occurrence>,
    due: Option<Occurrence>,
    sample: &[InboxMessageJson],
) -> String {
    let mut out = String::new();
    let status = match promotion.status {
        promo_host::Status::Draft => "DRAFT",
        promo_host::Status::Published => "PUBLISHED",
        promo_host::Status::Unpublished => "UNPUBLISHED",
    };
    let _ = writeln!(out, "Promotion {} \"{}\" ({status}), zone {}", promotion.id, promotion.title, promotion.time_zone);
    for (what, resolved, exclusive) in [("Starts", start, ""), ("Ends", end, " (exclusive)")] {
        let note = resolution_note(resolved.resolution, &json::format_date_time(resolved.requested));
        let note = if note.is_empty() { note } else { format!(" — {note}") };
        let _ = writeln!(out, "{what} {} local, {}{exclusive}{note}", json::format_date_time(resolved.requested), utc(resolved.instant));
    }
    out.push('\n');
    let _ = writeln!(out, "{:>5}  {:<10}  {:<26}  {:<23}", "#", "day", "fires (local)", "fires (UTC)");
    for occurrence in occurrences {
        let mut marks = Vec::new();
        if due.is_some_and(|d| d.index == occurrence.index) {
            marks.push("due");
        }
        if next.is_some_and(|n| n.index == occurrence.index) {
            marks.push("next");
        }
        let note = resolution_note(occurrence.resolution, &json::format_time(occurrence.requested_time));
        if !note.is_empty() {
            marks.push(&note);
        }
        let marks = if marks.is_empty() { String::new() } else { format!("  <- {}", marks.join(", ")) };
        let _ = writeln!(out, 
            "{:>5}  {:<10}  {:<26}  {:<23}{marks}",
            occurrence.index,
            json::format_day(occurrence.day),
            local(occurrence),
            utc(occurrence.fire_at)
        );
    }
    out.push('\n');
    match now {
        Some(now) => {
            let describe = |o: Option<Occurrence>| o.map_or("none".to_string(), |o| format!("#{} ({})", o.index, local(&o)));
            let _ = writeln!(out, "At {now}: due {}, next {}", describe(due), describe(next));
        }
        None => {
            let _ = writeln!(out, "(give --now to see which occurrence is due and which is next)");
        }
    }
    out.push('\n');
    let _ = writeln!(out, "Sample messages ({}):", sample.len());
    for message in sample {
        out.push('\n');
        let _ = writeln!(out, "  key:     {}", message.idempotency_key);
        let _ = writeln!(out, "  subject: {}", message.subject);
        for line in message.body.lines() {
            let _ = writeln!(out, "  | {line}");
        }
    }
    out
}
