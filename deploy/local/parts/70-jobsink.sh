# The local JobSink (`promo jobsink`, host/promo/src/jobsink): a stand-in for Knative
# Eventing's JobSink on $JOBSINK_URL. Each accepted CloudEvent becomes a "job":
# the event file in $STATE/jobsink/<job>/event and $PROMO_SHARD_COUNT processes
# of `promo run` (JOB_COMPLETION_INDEX 0..n-1), logs beside the event file.
# Status of a job: GET the Location of the 202 answer.

: "${PROMO_SHARD_COUNT:=1}"
export PROMO_SHARD_COUNT

jobsink_promo() { echo "$ROOT/target/release/promo"; }

part_jobsink_build() {
  (cd "$ROOT" && cargo build --release -q -p promo) || die "building promo failed"
}

# The bearer token the scheduler must send (Knative's OIDC expects the
# scheduler's service-account token; locally a random one): made once per clone,
# readable by this user only.
jobsink_token_file() { echo "$STATE/jobsink-token"; }

part_jobsink_start() {
  [ -x "$(jobsink_promo)" ] || part_jobsink_build
  if [ ! -s "$(jobsink_token_file)" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 >"$(jobsink_token_file)")
  fi
  # Two clients, as in production: promo-job's token for the calendar and the
  # inbox, promo-job-directory's (no service audience) for the customer list.
  CALENDAR_URL=$CALENDAR_URL INBOX_URL=$INBOX_URL KEYCLOAK_URL=$KEYCLOAK_URL \
    PROMO_JOB_CLIENT_SECRET=$(realm_secret promo-job) PROMO_DIRECTORY_CLIENT_ID=promo-job-directory \
    PROMO_DIRECTORY_CLIENT_SECRET=$(realm_secret promo-job-directory) start_process jobsink "$(jobsink_promo)" jobsink \
      --listen "127.0.0.1:$JOBSINK_PORT" --work-dir "$STATE/jobsink" --shards "$PROMO_SHARD_COUNT" \
      --token-file "$(jobsink_token_file)"
  wait_for_http jobsink "$JOBSINK_URL/healthz" 30
}

part_jobsink_stop() { stop_process jobsink; }

# The job's CLI contract (bad event or configuration exits 2, deadline exits 1),
# the local JobSink as a real process, and — against the real Keycloak, inbox
# (PostgreSQL) and calendar — delivery, reruns, faults, kill-and-restart,
# sharding, skips and the JobSink end to end. The stack tests are `#[ignore]`d
# for a plain `cargo test`, hence `--include-ignored` here, where the stack runs.
# They build `promo` with the `test-hooks` feature (the job's clock and
# --promotion-from-event), which the shipped binary and the stack's JobSink lack.
part_jobsink_test() {
  (cd "$ROOT" && PROMO_JOB_CLIENT_SECRET=$(realm_secret promo-job) cargo test -p promo --features test-hooks --test job_cli --test job_delivery --test jobsink_local \
    -- --include-ignored --test-threads=1)
}

part_jobsink_info() {
  echo "  JobSink        $JOBSINK_URL  (POST a promo.occurrence.due CloudEvent; jobs in .dev/jobsink/)"
}
