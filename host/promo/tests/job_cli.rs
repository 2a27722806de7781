//! `promo run` refuses bad input with exit code 2 and a message naming the
//! field, before it talks to any service (so these need no stack).

use std::process::{Command, Output};

use serde_json::{Value, json};

fn run(event: Option<&Value>, env: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("event");
    if let Some(event) = event {
        std::fs::write(&path, event.to_string()).unwrap();
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_promo"));
    command.arg("run").arg("--event-file").arg(&path);
    // Nothing listens here: reaching the network would fail with exit 1, not 2.
    for name in ["KEYCLOAK_URL", "CALENDAR_URL", "INBOX_URL"] {
        command.env(name, "http://127.0.0.1:9");
    }
    command.env_remove("JOB_COMPLETION_INDEX").env_remove("PROMO_SHARD_COUNT").env("PROMO_JOB_CLIENT_SECRET", "unused");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn due_event() -> Value {
    json!({
        "specversion": "1.0", "type": "promo.occurrence.due", "source": "urn:promo-calendar:scheduler",
        "id": "p-1.2027-03-02", "datacontenttype": "application/json",
        "data": {"promotion": {"id": "p-1"}, "occurrence": {"index": 1, "day": "2027-03-02", "fireAt": "2027-03-02T08:00:00Z"}}
    })
}

fn assert_bad(output: &Output, field: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("promo: {field}:")), "no message naming {field}: {stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_bad_event_file_exits_2_naming_the_field() {
    let mut no_day = due_event();
    no_day["data"]["occurrence"].as_object_mut().unwrap().remove("day");
    assert_bad(&run(Some(&no_day), &[]), "data.occurrence.day");

    let mut wrong_type = due_event();
    wrong_type["type"] = json!("promo.something.else");
    assert_bad(&run(Some(&wrong_type), &[]), "type");

    assert_bad(&run(Some(&json!({"not": "an event"})), &[]), "event");
    assert_bad(&run(None, &[]), "--event-file");
}

#[test]
fn bad_configuration_exits_2_naming_the_variable() {
    assert_bad(&run(Some(&due_event()), &[("PROMO_BATCH_SIZE", "5000")]), "PROMO_BATCH_SIZE");
    assert_bad(&run(Some(&due_event()), &[("PROMO_SHARD_COUNT", "2"), ("JOB_COMPLETION_INDEX", "2")]), "JOB_COMPLETION_INDEX");
    assert_bad(&run(Some(&due_event()), &[("PROMO_DEADLINE", "whenever")]), "PROMO_DEADLINE");
    assert_bad(&run(Some(&due_event()), &[("PROMO_JOB_CLIENT_SECRET", "")]), "PROMO_JOB_CLIENT_SECRET");
}

#[test]
fn unreachable_services_fail_with_exit_1_after_the_deadline() {
    let output = run(Some(&due_event()), &[("PROMO_DEADLINE", "1s"), ("PROMO_RETRY_MAX_DELAY", "100ms")]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("PROMO_DEADLINE"), "{stderr}");
}
