# The PromotionScheduler (flink-udf-bridge/promotion-scheduler) on a Flink 2.3
# standalone session cluster: one JobManager (StandaloneSessionClusterEntrypoint)
# and one TaskManager (TaskManagerRunner) process, their JVM memory flags from
# Flink's own BashJavaUtils, as Flink's jobmanager.sh / taskmanager.sh start them.
#
#   lib/   the Flink module jars from Maven Central (deploy/local/flink/pom.xml;
#          flink-dist is not published there), cached in $PROMO_CACHE, plus the
#          engine bridge jar — where the production image has it (deploy/flink/Dockerfile).
#   state  .dev/flink: configuration, RocksDB working directories, checkpoints
#          (retained on cancellation), savepoints, uploaded jars.
#
# The job jar is submitted over the REST API (/jars/upload, /jars/{id}/run),
# resumed from the newest retained checkpoint or savepoint (`./dev down` takes
# one); from cursor 0 only when neither exists, and then it says so. The REST
# API listens on $SCHEDULER_REST_PORT; every Flink port binds 127.0.0.1 (the
# REST API runs any jar it is given). The job reads the calendar's change feed as
# `promo-scheduler` and posts each due day to the JobSink
# ($JOBSINK_URL/promo-calendar/promo-day, the /<namespace>/<name> address of Knative).

FLINK_VERSION=2.3.0
: "${FLINK_RPC_PORT:=6123}"
FLINK_REST="http://127.0.0.1:$SCHEDULER_REST_PORT"

scheduler_dir() { echo "$ROOT/flink-udf-bridge/promotion-scheduler"; }
scheduler_job_jar() { echo "$(scheduler_dir)/target/promotion-scheduler-0.1.0-SNAPSHOT-job.jar"; }
flink_state() { echo "$STATE/flink"; }
# The module jars, keyed by the pom that lists them (a changed list assembles anew).
flink_modules() { echo "$PROMO_CACHE/flink-$FLINK_VERSION-lib-$(sha256sum "$ROOT/deploy/local/flink/pom.xml" | cut -c1-12)"; }

# The JVM options Flink's config.yaml gives every process (env.java.default-opts.all):
# Kryo and the RPC layer reflect into JDK internals.
flink_jvm_opens() {
  local package
  for package in java.lang java.util java.lang.reflect java.io java.net java.nio java.time java.text \
    java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks sun.nio.ch; do
    printf -- '--add-opens=java.base/%s=ALL-UNNAMED ' "$package"
  done
  printf -- '--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED '
  printf -- '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED '
}

flink_assemble_lib() {
  local modules lib
  modules=$(flink_modules)
  if [ ! -e "$modules/.complete" ]; then
    rm -rf "$modules"
    (cd "$ROOT/deploy/local/flink" && mvn -B -q -ntp dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$modules") || die "assembling Flink's lib/ failed"
    touch "$modules/.complete"
  fi
  lib="$(flink_state)/lib"
  rm -rf "$lib" && mkdir -p "$lib"
  ln -s "$modules"/*.jar "$lib/"
  cp "$ROOT/flink-udf-bridge/engine-bridge/target/promo-engine-bridge-0.1.0-SNAPSHOT.jar" "$lib/promo-engine-bridge.jar"
}

part_scheduler_build() {
  # Runs after 15-engine-bridge built the bridge jar.
  (cd "$ROOT/flink-udf-bridge" && mvn -B -q -ntp package -pl promotion-scheduler -DskipTests) \
    || die "building the scheduler failed"
  flink_assemble_lib
}

flink_write_config() {
  local state; state=$(flink_state)
  mkdir -p "$state/conf" "$state/checkpoints" "$state/savepoints" "$state/tmp" "$state/upload"
  cp "$ROOT/deploy/local/flink/log4j.properties" "$state/conf/log4j.properties"
  cat >"$state/conf/config.yaml" <<EOF
# Written by deploy/local/parts/80-scheduler.sh on every start; edit that.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $SCHEDULER_REST_PORT
jobmanager.memory.process.size: 768m
taskmanager.memory.process.size: 1024m
taskmanager.memory.managed.fraction: 0.2
taskmanager.numberOfTaskSlots: 2
parallelism.default: 2
state.backend.type: rocksdb
state.backend.incremental: true
execution.checkpointing.dir: file://$state/checkpoints
execution.checkpointing.savepoint-dir: file://$state/savepoints
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
execution.checkpointing.num-retained: 2
restart-strategy.type: exponential-delay
io.tmp.dirs: $state/tmp
web.upload.dir: $state/upload
web.tmpdir: $state/tmp
# The bridge lives in lib/; never load a second copy from the job jar.
classloader.parent-first-patterns.additional: com.promocalendar.engine.
EOF
}

# Starts one Flink process: JVM flags and dynamic properties from BashJavaUtils.
flink_start_process() { # name GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS main-class
  local name=$1 params=$2 main=$3 state output jvm dynamic
  state=$(flink_state)
  output=$(java -cp "$state/lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$params" \
    --configDir "$state/conf" 2>&1) || { echo "$output" >&2; die "BashJavaUtils $params failed"; }
  jvm=$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output" | sed -n '1s/^BASH_JAVA_UTILS_EXEC_RESULT://p')
  dynamic=$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output" | sed -n '2s/^BASH_JAVA_UTILS_EXEC_RESULT://p')
  [ -n "$jvm" ] || die "BashJavaUtils $params printed no JVM flags: $output"
  # The job's main method runs in the JobManager (REST submission): it reads the
  # scheduler's client secret from this environment.
  # shellcheck disable=SC2046,SC2086
  PROMO_SCHEDULER_CLIENT_SECRET=$(realm_secret promo-scheduler) \
    start_process "$name" java $jvm $(flink_jvm_opens) \
    -Dlog4j.configurationFile="$state/conf/log4j.properties" -Dlog.file="$(log_file "$name")" \
    -cp "$state/lib/*" "$main" --configDir "$state/conf" $dynamic
}

flink_get() { curl -fsS --max-time 5 "$FLINK_REST$1"; }
flink_json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# The id of the PromotionScheduler job that is RUNNING (or, with `live`, in any
# state but a final one: a job restarting after a lost TaskManager is not resubmitted).
flink_job() { # RUNNING|live
  flink_get /jobs/overview 2>/dev/null | WANT=$1 flink_json "next((j['jid'] for j in d['jobs'] if j['name'] == 'PromotionScheduler'
    and (j['state'] == 'RUNNING' if __import__('os').environ['WANT'] == 'RUNNING' else j['state'] not in ('FINISHED', 'FAILED', 'CANCELED'))), '')"
}

# The newest retained checkpoint or savepoint (a directory holding _metadata).
flink_restore_point() {
  local newest
  newest=$(find "$(flink_state)/checkpoints" "$(flink_state)/savepoints" -name _metadata -printf '%T@ %h\n' 2>/dev/null \
    | sort -n | tail -n 1 | cut -d' ' -f2-)
  echo "$newest"
}

flink_submit() {
  local upload jar restore body job deadline
  upload=$(curl -fsS --max-time 60 -X POST -F "jarfile=@$(scheduler_job_jar)" "$FLINK_REST/jars/upload") \
    || die "uploading the scheduler jar to $FLINK_REST failed"
  jar=$(flink_json "d['filename'].rsplit('/', 1)[-1]" <<<"$upload")
  restore=$(flink_restore_point)
  body=$(RESTORE="$restore" TOKEN_FILE="$(jobsink_token_file)" python3 -c '
import json, os
args = ["--promo.calendar.url", os.environ["CALENDAR_URL"], "--promo.keycloak.url", os.environ["KEYCLOAK_URL"],
        "--promo.jobsink.url", os.environ["JOBSINK_URL"] + "/promo-calendar/promo-day",
        "--promo.jobsink.token-file", os.environ["TOKEN_FILE"]]
body = {"entryClass": "com.promocalendar.scheduler.PromotionSchedulerJob", "programArgsList": args}
if os.environ["RESTORE"]:
    body["savepointPath"] = "file://" + os.environ["RESTORE"]
print(json.dumps(body))')
  if [ -n "$restore" ]; then
    echo "scheduler: resuming from ${restore#"$STATE"/}"
  else
    echo "scheduler: no retained checkpoint or savepoint in .dev/flink: starting from cursor 0 of the change feed"
  fi
  job=$(curl -fsS --max-time 120 -X POST -H 'Content-Type: application/json' -d "$body" "$FLINK_REST/jars/$jar/run" \
    | flink_json "d['jobid']") || { tail -n 40 "$(log_file flink-jobmanager)" >&2; die "running the scheduler jar failed"; }
  curl -fsS --max-time 10 -X DELETE "$FLINK_REST/jars/$jar" >/dev/null || true
  deadline=$((SECONDS + 120))
  until [ "$(flink_job RUNNING)" = "$job" ]; do
    assert_alive flink-taskmanager || return 1
    [ $SECONDS -lt $deadline ] || { echo "dev: PromotionScheduler $job not RUNNING after 120s" >&2; tail -n 40 "$(log_file flink-jobmanager)" >&2; return 1; }
    sleep 0.5 # poll interval of the job-state probe
  done
  echo "scheduler: job $job RUNNING"
}

part_scheduler_start() {
  local deadline
  [ -s "$(scheduler_job_jar)" ] && [ -d "$(flink_state)/lib" ] || part_scheduler_build
  flink_write_config
  flink_start_process flink-jobmanager GET_JM_RESOURCE_PARAMS org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  flink_start_process flink-taskmanager GET_TM_RESOURCE_PARAMS org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  wait_for_http flink-jobmanager "$FLINK_REST/overview" 120 || return 1
  deadline=$((SECONDS + 120))
  until [ "$(flink_get /overview 2>/dev/null | flink_json "d['taskmanagers']" 2>/dev/null || echo 0)" -gt 0 ]; do
    assert_alive flink-taskmanager || return 1
    [ $SECONDS -lt $deadline ] || { echo "dev: no TaskManager registered after 120s" >&2; tail -n 40 "$(log_file flink-taskmanager)" >&2; return 1; }
    sleep 0.5 # poll interval of the registration probe
  done
  [ -n "$(flink_job live)" ] || flink_submit
}

part_scheduler_processes() { echo flink-jobmanager flink-taskmanager; }

# Stops the job with a savepoint (the next start resumes from it), then the cluster.
part_scheduler_stop() {
  local job trigger answer status deadline
  job=$(flink_job RUNNING 2>/dev/null || true)
  if [ -n "$job" ]; then
    trigger=$(curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' \
      -d "{\"targetDirectory\": \"file://$(flink_state)/savepoints\", \"drain\": false}" \
      "$FLINK_REST/jobs/$job/stop" | flink_json "d['request-id']") || trigger=""
    deadline=$((SECONDS + 60))
    while [ -n "$trigger" ] && [ $SECONDS -lt $deadline ]; do
      answer=$(flink_get "/jobs/$job/savepoints/$trigger" || true)
      status=$(flink_json "d['status']['id']" <<<"$answer" 2>/dev/null || true)
      if [ "$status" = COMPLETED ]; then
        flink_json "'scheduler: savepoint ' + d['operation'].get('location', '') if 'location' in d.get('operation', {}) else 'scheduler: savepoint failed: ' + str(d['operation'].get('failure-cause', {}).get('class'))" <<<"$answer"
        break
      fi
      sleep 0.5 # poll interval of the savepoint probe
    done
    [ "$status" = COMPLETED ] || echo "scheduler: no savepoint taken; the next start resumes from the newest retained checkpoint" >&2
  fi
  stop_process flink-taskmanager
  stop_process flink-jobmanager
}

# Harness tests of the timers, the sink against a real HTTP receiver, the SQL
# UDFs on a MiniCluster, and the whole job against the running calendar + Keycloak.
part_scheduler_test() {
  (cd "$ROOT/flink-udf-bridge" && PROMO_SCHEDULER_CLIENT_SECRET=$(realm_secret promo-scheduler) \
    mvn -B -ntp verify -pl promotion-scheduler)
}

part_scheduler_info() {
  echo "  Scheduler      Flink session cluster $FLINK_REST  (JobManager + TaskManager, job PromotionScheduler)"
}
