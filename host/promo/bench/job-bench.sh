#!/usr/bin/env bash
# Benchmark of `promo run` (the Knative job) into the real inbox service.
#
#   host/promo/bench/job-bench.sh [COUNT...]      default: 100000 1000000
#
# Needs Keycloak and the inbox running (./dev up, or run_hook keycloak/inbox start).
# For each COUNT: a recipients file of COUNT fake customers, a fresh promotion id
# (so every message is new), the release `promo run --recipients FILE
# --promotion-from-event` under /usr/bin/time -v. Prints:
#   - messages/s end to end (the job's own summary: recipients / elapsed),
#   - CPU seconds of the job (time -v) and of the inbox JVM (/proc/PID/stat
#     before/after) and PostgreSQL (sum over its processes), and the job's share,
#   - start to first batch: exec of the process to the `first-batch-posted`
#     log line (wall clock; the inbox has answered), and the job's own
#     sinceStartMs for `first-batch-sent` (request on the wire) and -posted,
#   - the job's peak RSS (max resident set size),
#   - the database-only baseline in the same run: the very rows the job stored,
#     inserted straight into PostgreSQL the way the inbox does it — batches of
#     1000, each a transaction of COPY into a temporary table and INSERT … ON
#     CONFLICT DO NOTHING, over as many psql sessions as the job has batches in
#     flight (PROMO_CONCURRENCY, default 4) — and the job's rate as a share of it.
# Each COUNT runs job and baseline alternately ROUNDS times (default 3) and
# prints every pair and the median share. The bench's rows are deleted from the
# inbox database after each run and the table compacted.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
source "$ROOT/deploy/local/lib.sh"
COUNTS=("$@"); [ ${#COUNTS[@]} -gt 0 ] || COUNTS=(100000 1000000)
ROUNDS=${ROUNDS:-3}
CONCURRENCY=${PROMO_CONCURRENCY:-4}
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
TICKS=$(getconf CLK_TCK)

command -v /usr/bin/time >/dev/null || ensure_apt time
(cd "$ROOT" && cargo build -q --release -p promo --features test-hooks)
# A private copy: the target directory is shared with other clones' builds.
cp "$ROOT/target/release/promo" "$WORK/promo"
PROMO="$WORK/promo"
INBOX_PID=$(cat "$(pid_file inbox)") || die "the inbox is not running (./dev up)"

cpu_seconds() { # pids... -> utime+stime of the processes and their waited-for children
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14+$15+$16+$17}' "/proc/$pid/stat")))
  done
  echo "$total"
}
postgres_pids() { pgrep -u postgres -d ' ' postgres || true; }

run_once() { # count label
  local count=$1 label=$2 id
  id="bench-$label-$(date +%s%N)"
  python3 - "$count" "$id" >"$WORK/recipients.jsonl" <<'PY'
import sys
count, run = int(sys.argv[1]), sys.argv[2]
out = sys.stdout
for n in range(count):
    out.write('{"userId":"%s-u%07d","username":"user%07d","firstName":"Kim"}\n' % (run, n, n))
PY
  sed "s/\"id\": \"warm-up\"/\"id\": \"$id\"/" "$ROOT/deploy/knative/warm-up-promotion.json" >"$WORK/promotion.json"
  python3 - "$WORK/promotion.json" "$id" >"$WORK/event.json" <<'PY'
import json, sys
promotion = json.load(open(sys.argv[1]))
print(json.dumps({"specversion": "1.0", "type": "promo.occurrence.due", "source": "urn:promo-calendar:bench", "id": sys.argv[2] + ".2026-07-02",
  "datacontenttype": "application/json",
  "data": {"promotion": promotion, "occurrence": {"index": 1, "day": "2026-07-02", "fireAt": "2026-07-02T07:00:00Z"}}}))
PY
  local pg_before inbox_before start_ns
  pg_before=$(cpu_seconds $(postgres_pids)); inbox_before=$(cpu_seconds "$INBOX_PID")
  start_ns=$(date +%s%N)
  /usr/bin/time -v -o "$WORK/time.txt" env PROMO_JOB_CLIENT_SECRET="$(realm_secret promo-job)" PROMO_CONCURRENCY=$CONCURRENCY PROMO_PROGRESS_INTERVAL=60s PROMO_TEST_NOW=2026-07-02T08:00:00Z "$PROMO" run --event-file "$WORK/event.json" \
    --recipients "$WORK/recipients.jsonl" --promotion-from-event 2>"$WORK/log.jsonl" || { tail -5 "$WORK/log.jsonl"; die "promo run failed"; }
  local pg_cpu inbox_cpu
  pg_cpu=$(( $(cpu_seconds $(postgres_pids)) - pg_before )); inbox_cpu=$(( $(cpu_seconds "$INBOX_PID") - inbox_before ))
  python3 - "$WORK/log.jsonl" "$WORK/time.txt" "$start_ns" "$inbox_cpu" "$pg_cpu" "$TICKS" "$label" <<'PY'
import json, sys, re, datetime
log, timing, start_ns, inbox_ticks, pg_ticks, ticks, label = sys.argv[1:8]
lines = [json.loads(l) for l in open(log) if l.startswith("{")]
summary = next(l for l in lines if l["event"] == "summary")
first = next(l for l in lines if l["event"] == "first-batch-posted")
sent = next(l for l in lines if l["event"] == "first-batch-sent")
t = open(timing).read()
def field(name): return re.search(re.escape(name) + r": (.*)", t).group(1)
job_cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
inbox_cpu, pg_cpu = int(inbox_ticks) / int(ticks), int(pg_ticks) / int(ticks)
ts = first["ts"].rstrip("Z"); base, frac = (ts.split(".") + ["0"])[:2]
first_ns = int(datetime.datetime.fromisoformat(base).replace(tzinfo=datetime.timezone.utc).timestamp()) * 10**9 + int(frac.ljust(9, "0")[:9])
print(f"[{label}] recipients={summary['recipients']} inserted={summary['inserted']} duplicates={summary['duplicates']} "
      f"retries={summary['retries']} elapsed={summary['elapsedMs']} ms rate={summary['ratePerSecond']:.0f} msgs/s")
print(f"[{label}] cpu: job={job_cpu:.2f}s inbox={inbox_cpu:.2f}s postgres={pg_cpu:.2f}s "
      f"job share={job_cpu / max(job_cpu + inbox_cpu + pg_cpu, 1e-9):.1%}")
print(f"[{label}] start to first batch acknowledged by the inbox: exec->log {(first_ns - int(start_ns)) / 1e6:.1f} ms, "
      f"in-process {first['sinceStartMs']} ms (request sent at {sent['sinceStartMs']} ms)")
print(f"[{label}] peak RSS {int(field('Maximum resident set size (kbytes)')) / 1024:.1f} MiB, wall {field('Elapsed (wall clock) time (h:mm:ss or m:ss)')}")
PY
  grep -h '"event":"summary"' "$WORK/log.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ratePerSecond"])' >"$WORK/job-rate"
  # the very rows the job stored, for the baseline
  inbox_sql -c "\\copy (SELECT idempotency_key, recipient_id, body FROM message WHERE promotion_id = '$id') TO '$WORK/rows.tsv'"
  inbox_sql -At -F $'\t' -c "SELECT day, day_number, day_count, subject, product_set_id, expires_at FROM message WHERE promotion_id = '$id' LIMIT 1" >"$WORK/day.tsv"
  forget "$id"
}

inbox_sql() { PGPASSWORD=inbox psql -X -q -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox "$@"; }

# Deletes a run's rows and hands their space back, or every later run inserts
# into a bloated table and its indexes (3 GB after a few runs; PostgreSQL's CPU
# per million messages grew from ~15 s to ~25 s).
forget() {
  inbox_sql -c "DELETE FROM message WHERE promotion_id = '$1'" >/dev/null
  inbox_sql -c "VACUUM FULL message" >/dev/null
}

# The database-only baseline: the job's rows (rows.tsv, day.tsv) under a new
# promotion id, in 1000-row transactions over $CONCURRENCY psql sessions.
baseline_once() { # label
  local label=$1 id n start_ns end_ns count
  id="baseline-$label-$(date +%s%N)"
  python3 - "$WORK" "$id" "$CONCURRENCY" <<'PY'
import sys
work, promotion, sessions = sys.argv[1], sys.argv[2], int(sys.argv[3])
day, day_number, day_count, subject, product_set, expires_at = open(f"{work}/day.tsv").read().rstrip("\n").split("\t")
quote = lambda text: "'" + text.replace("'", "''") + "'"
rows = open(f"{work}/rows.tsv").read().splitlines(keepends=True)
old_prefix = rows[0].split("\t")[0].split("/")[0] + "/"
scripts = [open(f"{work}/baseline-{s}.sql", "w") for s in range(sessions)]
for s in scripts:
    s.write("CREATE TEMPORARY TABLE incoming_message (idempotency_key text COLLATE \"C\", recipient_id text COLLATE \"C\", body text) ON COMMIT DELETE ROWS;\n")
for n, start in enumerate(range(0, len(rows), 1000)):
    out = scripts[n % sessions]
    out.write("BEGIN;\nCOPY incoming_message (idempotency_key, recipient_id, body) FROM STDIN;\n")
    out.writelines(promotion + "/" + row[len(old_prefix):] for row in rows[start:start + 1000])
    out.write("\\.\n")
    out.write("INSERT INTO message (idempotency_key, recipient_id, promotion_id, day, day_number, day_count, subject, body, product_set_id, expires_at)\n"
              f"SELECT idempotency_key, recipient_id, {quote(promotion)}, {quote(day)}, {day_number}, {day_count}, {quote(subject)}, body, {product_set}, {quote(expires_at)} FROM incoming_message\n"
              "ON CONFLICT (idempotency_key) DO NOTHING;\nCOMMIT;\n")
for s in scripts:
    s.close()
PY
  local pg_before; pg_before=$(cpu_seconds $(postgres_pids))
  start_ns=$(date +%s%N)
  for n in $(seq 0 $((CONCURRENCY - 1))); do inbox_sql -v ON_ERROR_STOP=1 -f "$WORK/baseline-$n.sql" >/dev/null & done
  wait
  end_ns=$(date +%s%N)
  count=$(inbox_sql -At -c "SELECT count(*) FROM message WHERE promotion_id = '$id'")
  python3 -c "import sys; c, ns = int(sys.argv[1]), int(sys.argv[2]); print(round(c / (ns / 1e9)))" "$count" $((end_ns - start_ns)) >"$WORK/baseline-rate"
  echo "[$label] baseline: $count rows in $(( (end_ns - start_ns) / 1000000 )) ms = $(cat "$WORK/baseline-rate") rows/s (COPY + INSERT … ON CONFLICT DO NOTHING, $CONCURRENCY sessions); postgres cpu=$(python3 -c "import sys; print(int(sys.argv[1]) / int(sys.argv[2]))" $(( $(cpu_seconds $(postgres_pids)) - pg_before )) "$TICKS")s"
  forget "$id"
}

# Warm the compiled-component cache and the inbox's JIT first (a service runs
# for days; a just-started JVM spends a third of its CPU compiling): two
# uncounted 100,000-message runs.
run_once 100000 warm-up >/dev/null
run_once 100000 warm-up >/dev/null
for count in "${COUNTS[@]}"; do
  shares=()
  for round in $(seq 1 "$ROUNDS"); do
    run_once "$count" "$count"
    baseline_once "$count"
    shares+=("$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$(cat "$WORK/job-rate")" "$(cat "$WORK/baseline-rate")")")
    echo "[$count] round $round: job / baseline = ${shares[-1]}"
  done
  echo "[$count] median job / baseline over $ROUNDS rounds: $(printf '%s\n' "${shares[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")"
done
