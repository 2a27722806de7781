//! The event file as Knative's JobSink writes it: the CloudEvents Go SDK's
//! structured JSON (`event.MarshalJSON`, sdk-go `v2/event/event_marshal.go`).
//!
//! Its data rule: the media type of `datacontenttype` (none counts as
//! `application/json`) decides. For `application/json` and `text/json` the
//! data bytes are written inline as they came; for every other type — `+json`
//! types and `text/plain` included — as one JSON string; data that arrived as
//! `data_base64` stays `data_base64`. The Rust SDK does not keep whether binary
//! data came as `data_base64` or as a binary-mode body, so binary data that is
//! not UTF-8 text (or not JSON, under a JSON type) is written as `data_base64`.

use base64::Engine as _;
use cloudevents::{AttributesReader, Data, Event};

/// The structured JSON of `event`, attribute order and data form as sdk-go writes them.
pub fn to_json(event: &Event) -> anyhow::Result<Vec<u8>> {
    let mut fields: Vec<(&str, String)> = vec![
        ("specversion", quoted(&event.specversion().to_string())?),
        ("id", quoted(event.id())?),
        ("source", quoted(&event.source().to_string())?),
        ("type", quoted(event.ty())?),
    ];
    if let Some(subject) = event.subject() {
        fields.push(("subject", quoted(subject)?));
    }
    if let Some(content_type) = event.datacontenttype() {
        fields.push(("datacontenttype", quoted(content_type)?));
    }
    if let Some(schema) = event.dataschema() {
        fields.push(("dataschema", quoted(schema.as_ref())?));
    }
    if let Some(time) = event.time() {
        fields.push(("time", quoted(&time.to_rfc3339())?));
    }
    if let Some(data) = event.data() {
        let json_type = is_json_media_type(event.datacontenttype());
        match data {
            Data::Json(value) if json_type => fields.push(("data", serde_json::to_string(value)?)),
            Data::Json(value) => fields.push(("data", quoted(&serde_json::to_string(value)?)?)),
            Data::String(text) if json_type => fields.push(("data", text.clone())),
            Data::String(text) => fields.push(("data", quoted(text)?)),
            Data::Binary(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) if json_type && serde_json::from_str::<serde_json::Value>(text).is_ok() => {
                    fields.push(("data", text.to_owned()))
                }
                Ok(text) if !json_type => fields.push(("data", quoted(text)?)),
                _ => fields.push(("data_base64", quoted(&base64::engine::general_purpose::STANDARD.encode(bytes))?)),
            },
        }
    }
    let extensions: Vec<(String, String)> = event
        .iter_extensions()
        .map(|(name, value)| Ok((name.to_owned(), serde_json::to_string(value)?)))
        .collect::<anyhow::Result<_>>()?;
    let mut json = String::from("{");
    let all = fields.iter().map(|(name, value)| (*name, value.as_str())).chain(extensions.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    for (position, (name, value)) in all.enumerate() {
        if position > 0 {
            json.push(',');
        }
        json.push_str(&quoted(name)?);
        json.push(':');
        json.push_str(value);
    }
    json.push('}');
    Ok(json.into_bytes())
}

fn quoted(text: &str) -> anyhow::Result<String> {
    Ok(serde_json::to_string(text)?)
}

/// sdk-go's `isJson`: no type, `application/json` or `text/json`, parameters ignored.
fn is_json_media_type(content_type: Option<&str>) -> bool {
    let media_type = content_type.map(|text| text.split(';').next().unwrap_or("").trim().to_ascii_lowercase()).unwrap_or_default();
    matches!(media_type.as_str(), "" | "application/json" | "text/json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudevents::{EventBuilder, EventBuilderV10};
    use serde_json::{Value, json};

    fn event(content_type: &str, data: impl Into<Data>) -> Event {
        EventBuilderV10::new()
            .id("p-1.2026-07-02")
            .source("urn:promo-calendar:scheduler")
            .ty("promo.occurrence.due")
            .data(content_type, data)
            .build()
            .unwrap()
    }

    fn written(event: &Event) -> Value {
        serde_json::from_slice(&to_json(event).unwrap()).unwrap()
    }

    #[test]
    fn json_data_stays_inline_and_other_types_become_a_string() {
        let data = json!({"promotion": {"id": "p-1"}});
        assert_eq!(written(&event("application/json", data.clone()))["data"], data);
        assert_eq!(written(&event("application/json; charset=utf-8", data.to_string().into_bytes()))["data"], data);
        // a +json type is not JSON to sdk-go: the bytes go in as one string
        let vendor = written(&event("application/vnd.promo+json", data.to_string().into_bytes()));
        assert_eq!(vendor["data"], Value::String(data.to_string()));
        assert_eq!(written(&event("text/plain", "hello".to_string()))["data"], "hello");
        let binary = written(&event("application/octet-stream", vec![0xff, 0x00]));
        assert_eq!(binary["data_base64"], "/wA=");
        assert!(binary.get("data").is_none());
    }

    #[test]
    fn attributes_come_in_sdk_go_order() {
        let text = String::from_utf8(to_json(&event("application/json", json!({}))).unwrap()).unwrap();
        let order: Vec<usize> = ["specversion", "\"id\"", "\"source\"", "\"type\"", "datacontenttype", "\"data\""]
            .iter()
            .map(|name| text.find(name).unwrap())
            .collect();
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
    }
}
