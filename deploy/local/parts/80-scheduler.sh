# The PromotionScheduler Flink job (flink-udf-bridge/promotion-scheduler) on a
# local Flink MiniCluster: reads the calendar's change feed as `promo-scheduler`
# and posts each due day to the JobSink ($JOBSINK_URL/promo-calendar/promo-day, the
# /<namespace>/<name> address Knative gives a JobSink). Its REST API listens on
# $SCHEDULER_REST_PORT (default in lib.sh with the other ports).

scheduler_dir() { echo "$ROOT/flink-udf-bridge/promotion-scheduler"; }

# Flink (Kryo) reflects into JDK internals on Java 17.
scheduler_jvm_opens() {
  local package
  for package in java.lang java.util java.lang.reflect java.io java.net java.nio java.time java.text \
    java.util.concurrent java.util.concurrent.atomic sun.nio.ch; do
    printf -- '--add-opens=java.base/%s=ALL-UNNAMED ' "$package"
  done
}

part_scheduler_build() {
  # Runs after 15-engine-bridge installed the bridge; writes target/runner.classpath.
  (cd "$ROOT/flink-udf-bridge" && mvn -B -q -ntp package -pl promotion-scheduler -DskipTests) \
    || die "building the scheduler failed"
}

scheduler_job_running() {
  curl -fsS --max-time 2 "http://127.0.0.1:$SCHEDULER_REST_PORT/jobs/overview" 2>/dev/null \
    | grep -q '"state":"RUNNING"'
}

part_scheduler_start() {
  local dir classpath deadline
  dir=$(scheduler_dir)
  [ -s "$dir/target/runner.classpath" ] || part_scheduler_build
  classpath="$dir/target/classes:$(cat "$dir/target/runner.classpath")"
  # shellcheck disable=SC2046
  start_process scheduler java -Xms256m -Xmx768m $(scheduler_jvm_opens) \
    -Dlog4j.configurationFile="$ROOT/deploy/flink/log4j-local.properties" \
    -cp "$classpath" com.promocalendar.scheduler.PromotionSchedulerJob \
    --promo.calendar.url "$CALENDAR_URL" --promo.keycloak.url "$KEYCLOAK_URL" \
    --promo.jobsink.url "$JOBSINK_URL/promo-calendar/promo-day" --promo.local.rest-port "$SCHEDULER_REST_PORT"
  wait_for_http scheduler "http://127.0.0.1:$SCHEDULER_REST_PORT/jobs/overview" 120 || return 1
  deadline=$((SECONDS + 120))
  until scheduler_job_running; do
    assert_alive scheduler || return 1
    [ $SECONDS -lt $deadline ] || { echo "dev: PromotionScheduler not RUNNING after 120s" >&2; tail -n 40 "$(log_file scheduler)" >&2; return 1; }
    sleep 0.5 # poll interval of the job-state probe
  done
}

part_scheduler_stop() { stop_process scheduler; }

# Harness tests of the timers, the sink against a real HTTP receiver, the SQL
# UDFs on a MiniCluster, and the whole job against the running calendar + Keycloak.
part_scheduler_test() {
  (cd "$ROOT/flink-udf-bridge" && mvn -B -ntp verify -pl promotion-scheduler)
}

part_scheduler_info() {
  echo "  Scheduler      Flink MiniCluster REST http://127.0.0.1:$SCHEDULER_REST_PORT/jobs/overview  (job PromotionScheduler)"
}
