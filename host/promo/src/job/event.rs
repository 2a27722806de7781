//! The CloudEvent that starts a job: one promotion day is due (contracts.md).
//!
//! Parsed with the CloudEvents SDK (structured JSON mode, which is what a
//! Knative JobSink mounts at `$K_EVENT_PATH/event`), then checked field by
//! field so a bad event fails with exit code 2 and a message naming the field.
//! The data may be inline JSON, a JSON string (Knative's Go SDK writes every
//! type but `application/json` and `text/json` that way, `+json` types too)
//! or `data_base64`.

use cloudevents::{AttributesReader, Data, Event};
use jiff::{Timestamp, civil::Date};
use serde_json::Value;

use super::BadInput;

/// The CloudEvent type this job handles.
pub const EVENT_TYPE: &str = "promo.occurrence.due";

/// A validated `promo.occurrence.due` event.
#[derive(Debug, Clone)]
pub struct DueEvent {
    /// CloudEvent `source` (together with `id` it identifies the event).
    pub source: String,
    /// CloudEvent `id`, `{promotionId}.{day}`.
    pub id: String,
    /// `data.promotion.id`.
    pub promotion_id: String,
    /// `data.promotion` as sent by the scheduler; only used with
    /// `--promotion-from-event`, otherwise the calendar's current copy wins.
    pub promotion: Value,
    /// `data.occurrence.index` when the event was sent.
    pub index: u32,
    /// `data.occurrence.day`, the local day that is due.
    pub day: Date,
    /// `data.occurrence.fireAt`.
    pub fire_at: Timestamp,
}

/// Parses a structured-mode CloudEvent (JSON) into a [`DueEvent`].
pub fn parse_structured(bytes: &[u8]) -> Result<DueEvent, BadInput> {
    let event: Event = serde_json::from_slice(bytes)
        .map_err(|error| BadInput::new("event", format!("is not a structured JSON CloudEvent: {error}")))?;
    from_event(&event)
}

/// Checks an SDK event (from any binding) and extracts the due day.
pub fn from_event(event: &Event) -> Result<DueEvent, BadInput> {
    if event.ty() != EVENT_TYPE {
        return Err(BadInput::new("type", format!("must be `{EVENT_TYPE}`, got `{}`", event.ty())));
    }
    let data = match event.data() {
        Some(Data::Json(serde_json::Value::String(text))) => serde_json::from_str(text)
            .map_err(|error| BadInput::new("data", format!("is not JSON: {error}")))?,
        Some(Data::Json(value)) => value.clone(),
        Some(Data::String(text)) => serde_json::from_str(text)
            .map_err(|error| BadInput::new("data", format!("is not JSON: {error}")))?,
        Some(Data::Binary(bytes)) => serde_json::from_slice(bytes)
            .map_err(|error| BadInput::new("data", format!("is not JSON: {error}")))?,
        None => return Err(BadInput::new("data", "is missing")),
    };
    let promotion = data
        .get("promotion")
        .filter(|value| value.is_object())
        .cloned()
        .ok_or_else(|| BadInput::new("data.promotion", "must be a promotion object"))?;
    let promotion_id = promotion
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| BadInput::new("data.promotion.id", "must be a non-empty string"))?
        .to_owned();
    let occurrence = data
        .get("occurrence")
        .filter(|value| value.is_object())
        .ok_or_else(|| BadInput::new("data.occurrence", "must be an object {index, day, fireAt}"))?;
    let index = occurrence
        .get("index")
        .and_then(Value::as_u64)
        .and_then(|index| u32::try_from(index).ok())
        .ok_or_else(|| BadInput::new("data.occurrence.index", "must be a non-negative integer"))?;
    let day = occurrence
        .get("day")
        .and_then(Value::as_str)
        .and_then(|day| day.parse::<Date>().ok().filter(|_| day.len() == 10))
        .ok_or_else(|| BadInput::new("data.occurrence.day", "must be a date YYYY-MM-DD"))?;
    let fire_at = occurrence
        .get("fireAt")
        .and_then(Value::as_str)
        .and_then(|instant| instant.parse::<Timestamp>().ok())
        .ok_or_else(|| BadInput::new("data.occurrence.fireAt", "must be an RFC 3339 instant"))?;
    Ok(DueEvent {
        source: event.source().to_string(),
        id: event.id().to_owned(),
        promotion_id,
        promotion,
        index,
        day,
        fire_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use serde_json::json;

    fn event(data: Value) -> Vec<u8> {
        serde_json::to_vec(&json!({
            "specversion": "1.0",
            "type": EVENT_TYPE,
            "source": "urn:promo-calendar:scheduler",
            "id": "p-1.2026-07-02",
            "subject": "p-1",
            "datacontenttype": "application/json",
            "data": data,
        }))
        .unwrap()
    }

    fn due_data() -> Value {
        json!({
            "promotion": {"id": "p-1", "status": "PUBLISHED"},
            "occurrence": {"index": 1, "day": "2026-07-02", "fireAt": "2026-07-02T09:00:00+02:00"}
        })
    }

    #[test]
    fn reads_a_due_event() {
        let due = parse_structured(&event(due_data())).unwrap();
        assert_eq!(due.promotion_id, "p-1");
        assert_eq!(due.id, "p-1.2026-07-02");
        assert_eq!(due.source, "urn:promo-calendar:scheduler");
        assert_eq!(due.index, 1);
        assert_eq!(due.day.to_string(), "2026-07-02");
        assert_eq!(due.fire_at.to_string(), "2026-07-02T07:00:00Z");
    }

    #[test]
    fn names_the_bad_field() {
        let cases = [
            (json!({"occurrence": due_data()["occurrence"]}), "data.promotion"),
            (json!({"promotion": {"status": "DRAFT"}, "occurrence": due_data()["occurrence"]}), "data.promotion.id"),
            (json!({"promotion": due_data()["promotion"]}), "data.occurrence"),
            (
                json!({"promotion": due_data()["promotion"], "occurrence": {"index": -1, "day": "2026-07-02", "fireAt": "2026-07-02T07:00:00Z"}}),
                "data.occurrence.index",
            ),
            (
                json!({"promotion": due_data()["promotion"], "occurrence": {"index": 0, "day": "2026-7-2", "fireAt": "2026-07-02T07:00:00Z"}}),
                "data.occurrence.day",
            ),
            (
                json!({"promotion": due_data()["promotion"], "occurrence": {"index": 0, "day": "2026-07-02", "fireAt": "tomorrow"}}),
                "data.occurrence.fireAt",
            ),
        ];
        for (data, field) in cases {
            let error = parse_structured(&event(data)).unwrap_err();
            assert_eq!(error.field, field, "{error}");
        }
    }

    #[test]
    fn reads_data_in_every_form_knative_writes() {
        let structured = |content_type: &str, data: (&str, Value)| -> Vec<u8> {
            let mut event = json!({
                "specversion": "1.0", "type": EVENT_TYPE, "source": "urn:promo-calendar:scheduler",
                "id": "p-1.2026-07-02", "datacontenttype": content_type,
            });
            event[data.0] = data.1;
            serde_json::to_vec(&event).unwrap()
        };
        let text = due_data().to_string();
        let base64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        let forms = [
            structured("application/json", ("data", due_data())),
            structured("application/vnd.promo.due+json", ("data", Value::String(text.clone()))),
            structured("text/plain", ("data", Value::String(text.clone()))),
            structured("application/json", ("data", Value::String(text.clone()))),
            structured("application/octet-stream", ("data_base64", Value::String(base64))),
        ];
        for form in forms {
            let due = parse_structured(&form).unwrap_or_else(|error| panic!("{error}: {}", String::from_utf8_lossy(&form)));
            assert_eq!((due.promotion_id.as_str(), due.index), ("p-1", 1));
        }
    }

    #[test]
    fn rejects_another_type_and_non_events() {
        let mut other: Value = serde_json::from_slice(&event(due_data())).unwrap();
        other["type"] = json!("promo.something.else");
        let error = parse_structured(&serde_json::to_vec(&other).unwrap()).unwrap_err();
        assert_eq!(error.field, "type");
        assert_eq!(parse_structured(b"{not json").unwrap_err().field, "event");
        assert_eq!(parse_structured(br#"{"hello": "world"}"#).unwrap_err().field, "event");
    }
}
