//! Structured log lines: one JSON object per line on stderr, so a log
//! collector (or a test) can read progress and the final summary as data.

use jiff::Timestamp;
use serde_json::{Value, json};

/// Writes one JSON log line with a timestamp, level and event name.
pub fn emit(level: &str, event: &str, mut fields: Value) {
    let mut line = json!({ "ts": Timestamp::now().to_string(), "level": level, "event": event });
    if let (Some(line), Some(fields)) = (line.as_object_mut(), fields.as_object_mut()) {
        line.append(fields);
    }
    eprintln!("{line}");
}

/// An informational event with fields.
pub fn info(event: &str, fields: Value) {
    emit("info", event, fields);
}

/// A warning about `what` (e.g. a retried call).
pub fn warn(what: &str, message: &str) {
    emit("warn", "warning", json!({ "what": what, "message": message }));
}
