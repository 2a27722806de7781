#!/usr/bin/env bash
# Inbox benchmarks (not tests): batch ingest through HTTP and the unread count under load.
#
#   services/inbox/bench/run.sh [customers=100000] [days=10] [seconds=30]
#
# INBOX_BENCH_JAR: the inbox jar to run (default: the current build), e.g. an
# older commit's for a before/after comparison. BENCH_UNPUBLISH=1: finally
# unpublish the bench promotion and time until the counts exclude it (unpublish.py).
# Starts its own inbox instance on $INBOX_BENCH_PORT (8092) against the database
# inbox_bench (emptied first), so the dev stack's data is untouched; needs the
# dev stack's PostgreSQL and Keycloak (started here if they are not running).
# Prints the figures; the instance is stopped at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# shellcheck source=../../../deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"
load_parts

CUSTOMERS=${1:-100000}
DAYS=${2:-10}
SECONDS_PER_RUN=${3:-30}
: "${INBOX_BENCH_PORT:=8092}"
BENCH_URL="http://127.0.0.1:$INBOX_BENCH_PORT"
TOKEN_URL="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/protocol/openid-connect/token"
HERE="$ROOT/services/inbox/bench"

ensure_apt python3
# the load generator: Vegeta, built once from the Go module proxy (pinned)
VEGETA="$HOME/.cache/promo-calendar/tools/vegeta"
if [ ! -x "$VEGETA" ]; then
  command -v go >/dev/null || ensure_apt golang-go
  GOBIN="$(dirname "$VEGETA")" go install github.com/tsenart/vegeta/v12@v12.12.0
fi
WORK=$(mktemp -d)
run_hook postgres start
run_hook keycloak start
[ -n "${INBOX_BENCH_JAR:-}" ] || run_hook inbox build
JAR=${INBOX_BENCH_JAR:-$(inbox_jar)}

echo "machine: $(nproc) cores; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jar: $JAR ($(date -r "$JAR" '+%F %T'))"
# the schema itself, not only the rows: an older jar's Flyway refuses a database a newer one migrated
section "fresh database inbox_bench"
PGPASSWORD=inbox psql -X -q -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox_bench \
  -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public'

section "inbox bench instance on $BENCH_URL"
trap 'stop_process inbox-bench; rm -rf "$WORK"' EXIT
mkdir -p "$STATE/inbox" && cp -f "$JAR" "$STATE/inbox/inbox-bench.jar"
INBOX_PORT=$INBOX_BENCH_PORT INBOX_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/inbox_bench" INBOX_DB_PASSWORD=inbox INBOX_DB_POOL_SIZE=10 \
  start_process inbox-bench "$(inbox_java)" -Xms512m -Xmx1g -jar "$STATE/inbox/inbox-bench.jar"
wait_for_http inbox-bench "$BENCH_URL/actuator/health" 120

section "ingest: $DAYS day(s) x $CUSTOMERS customers, batches of 1000 as the job sends them (contracts.md batch), 4 connections"
python3 "$HERE/ingest.py" "$BENCH_URL" "$TOKEN_URL" --customers "$CUSTOMERS" --days "$DAYS" --connections 4 --shape batch

section "ingest: 3 more days in the previous batch shape (day fields on every message; accepted during a rollout)"
python3 "$HERE/ingest.py" "$BENCH_URL" "$TOKEN_URL" --customers "$CUSTOMERS" --days 3 --first-day $((DAYS + 1)) \
  --connections 4 --shape previous

section "baseline in the same run: the same 100,000-row insert inside PostgreSQL alone (one statement, no HTTP)"
PGPASSWORD=inbox psql -X -q -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox_bench <<'SQL'
\timing on
INSERT INTO message (idempotency_key, recipient_id, promotion_id, day, subject, body, product_set_id, expires_at)
SELECT 'baseline/2026-12-31/' || i, '00000000-0000-4000-8000-' || lpad(i::text, 12, '0'), 'baseline',
       DATE '2026-12-31', 'Autumn week, day 31: 25% off three favourites',
       'Hello customer ' || i || ', day 31 of our autumn week: the blue mug, the tea pot and the linen towels are 25% off until Sunday evening. Happy shopping!',
       (SELECT min(id) FROM product_set), TIMESTAMPTZ '2027-12-31 23:00Z'
  FROM generate_series(0, 99999) AS i
    ON CONFLICT (idempotency_key) DO NOTHING;
\timing off
DELETE FROM message WHERE promotion_id = 'baseline';
SQL

# What autovacuum would do after the bulk insert, and a checkpoint, so that the
# latency runs below measure the steady state, not the write-back of the ingest.
PGPASSWORD=inbox psql -X -q -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox_bench -c 'VACUUM ANALYZE message'
postgres_psql -c CHECKPOINT
PGPASSWORD=inbox psql -X -q -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox_bench \
  -c "SELECT count(*) AS messages, count(DISTINCT recipient_id) AS recipients, pg_size_pretty(pg_total_relation_size('message')) AS size FROM message"

person_token() {
  curl -fsS -d grant_type=password -d client_id=dev-test-login -d client_secret=dev-test-secret \
    -d username="$1" -d password="$1" "$TOKEN_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
TOKENS="$(person_token alice) $(person_token bob) $(person_token carol) $(person_token admin)"
export TOKENS

# An answer given up on (timeout) is still worked off by the instance: wait until
# it answers promptly again, so that no attack measures the previous one's backlog.
settle() { until curl -fsS -m 0.5 -o /dev/null "$BENCH_URL/actuator/health"; do sleep 1; done; }
# Vegeta sends at a constant rate whatever the answers do (open loop), so a
# slow answer cannot hold back the next requests and hide itself (closed-loop
# tools with paced connections fall in step and send bursts). It reports the
# latency percentiles of every request sent.
attack() { # label path rate seconds [auth]
  local label=$1 path=$2 rate=$3 seconds=$4 auth=${5:-}
  local token targets="$WORK/targets.txt"
  : >"$targets"
  if [ -n "$auth" ]; then
    for token in $TOKENS; do printf 'GET %s%s\nAuthorization: Bearer %s\n\n' "$BENCH_URL" "$path" "$token" >>"$targets"; done
  else
    printf 'GET %s%s\n\n' "$BENCH_URL" "$path" >"$targets"
  fi
  echo "-- $label"
  if [ "$rate" = 0 ]; then
    "$VEGETA" attack -targets="$targets" -rate=0 -max-workers=10 -duration="${seconds}s" -timeout=2s
  else
    "$VEGETA" attack -targets="$targets" -rate="$rate/s" -duration="${seconds}s" -timeout=2s
  fi | "$VEGETA" report -type=text | grep -E -A2 '^(Requests|Latencies|Success|Status|Error Set)' | grep -v -E '^(Duration|Bytes|--)'
  settle
}
section "unread count: 1 user's count among $((CUSTOMERS * (DAYS + 3))) messages, tokens of 4 demo users"
attack "warm-up (JIT), not counted" /api/inbox/unread-count 500 20 auth >/dev/null
attack "baseline: GET /actuator/health (no token, one DB ping), 500 req/s" /actuator/health 500 "$SECONDS_PER_RUN"
attack "GET /api/inbox/unread-count, 500 req/s" /api/inbox/unread-count 500 "$SECONDS_PER_RUN" auth
attack "GET /api/inbox/unread-count, as fast as 10 workers go (capacity)" /api/inbox/unread-count 0 10 auth

if [ "${BENCH_UNPUBLISH:-}" = 1 ]; then
  section "unpublish: promotion bench-autumn (every message counted above is one of its)"
  python3 "$HERE/unpublish.py" "$BENCH_URL" "$TOKEN_URL" "postgresql://inbox:inbox@$PGHOST:$PGPORT/inbox_bench" \
    --promotion bench-autumn --customers "$CUSTOMERS" --sample 1000
  attack "GET /api/inbox/unread-count after the unpublish (every message withdrawn), 500 req/s" \
    /api/inbox/unread-count 500 "$SECONDS_PER_RUN" auth
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine competes for the 2 cores)"
