# Schema-driven fuzzing of the inbox's and the event calendar's APIs
# (Schemathesis against their OpenAPI documents, real tokens): no 5xx, and a
# refused request stores nothing. deploy/local/fuzz/test_fuzz_apis.py says how.
# The services are started a second time, from the jars the stack runs, on
# ports of their own against the *_test databases, so the fuzzer's promotions
# and messages never reach the stack's calendar or the demo inboxes. No process
# outlives the test hook.

: "${FUZZ_CALENDAR_PORT:=18081}" "${FUZZ_INBOX_PORT:=18082}"

api_fuzz_venv() { python_venv api-fuzz "$ROOT/deploy/local/fuzz/requirements.txt"; }

part_api_fuzz_build() { build_python_venv api-fuzz "$ROOT/deploy/local/fuzz/requirements.txt"; }

part_api_fuzz_test() {
  local rc=0
  CALENDAR_PORT=$FUZZ_CALENDAR_PORT CALENDAR_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/calendar_test" \
    CALENDAR_DB_PASSWORD=calendar CALENDAR_OPENAPI_PUBLIC=true CALENDAR_SYNC_CLIENT_SECRET=$(realm_secret event-calendar) \
    INBOX_URL="http://127.0.0.1:$FUZZ_INBOX_PORT" start_process fuzz-event-calendar java -Xms64m -Xmx384m -jar "$STATE/event-calendar.jar"
  INBOX_PORT=$FUZZ_INBOX_PORT INBOX_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/inbox_test" \
    INBOX_DB_PASSWORD=inbox INBOX_OPENAPI_PUBLIC=true \
    start_process fuzz-inbox "$(inbox_java)" -Xms128m -Xmx512m -jar "$(inbox_run_jar)"
  if wait_for_http fuzz-event-calendar "http://127.0.0.1:$FUZZ_CALENDAR_PORT/actuator/health" 120 \
    && wait_for_http fuzz-inbox "http://127.0.0.1:$FUZZ_INBOX_PORT/actuator/health" 120; then
    (cd "$ROOT/deploy/local/fuzz" && FUZZ_CALENDAR_URL="http://127.0.0.1:$FUZZ_CALENDAR_PORT" \
      FUZZ_INBOX_URL="http://127.0.0.1:$FUZZ_INBOX_PORT" PROMO_JOB_CLIENT_SECRET=$(realm_secret promo-job) \
      "$(api_fuzz_venv)/bin/python" -m pytest -q -p no:cacheprovider test_fuzz_apis.py) || rc=$?
  else
    rc=1
  fi
  stop_process fuzz-inbox
  stop_process fuzz-event-calendar
  return $rc
}
