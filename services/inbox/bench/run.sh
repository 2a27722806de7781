#!/usr/bin/env bash
# Inbox benchmarks (not tests): batch ingest through HTTP and the unread count under load.
#
#   services/inbox/bench/run.sh [customers=100000] [days=10] [seconds=30]
#
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

ensure_apt wrk python3
run_hook postgres start
run_hook keycloak start
run_hook inbox build

section "fresh database inbox_bench"
PGPASSWORD=inbox psql -X -q -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox_bench \
  -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public'

section "inbox bench instance on $BENCH_URL"
trap 'stop_process inbox-bench' EXIT
INBOX_PORT=$INBOX_BENCH_PORT INBOX_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/inbox_bench" INBOX_DB_POOL_SIZE=10 \
  start_process inbox-bench java -Xms512m -Xmx1g -jar "$(inbox_jar)"
wait_for_http inbox-bench "$BENCH_URL/actuator/health" 120

section "ingest: $DAYS day(s) x $CUSTOMERS customers, batches of 1000, 4 connections"
python3 "$HERE/ingest.py" "$BENCH_URL" "$TOKEN_URL" --customers "$CUSTOMERS" --days "$DAYS" --connections 4

PGPASSWORD=inbox psql -X -q -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox_bench -c 'VACUUM ANALYZE message' \
  -c "SELECT count(*) AS messages, count(DISTINCT recipient_id) AS recipients, pg_size_pretty(pg_total_relation_size('message')) AS size FROM message"

person_token() {
  curl -fsS -d grant_type=password -d client_id=dev-test-login -d client_secret=dev-test-secret \
    -d username="$1" -d password="$1" "$TOKEN_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
TOKENS="$(person_token alice) $(person_token bob) $(person_token carol) $(person_token admin)"
export TOKENS

# wrk runs closed-loop; DELAY_MS paces each of 10 connections so that the
# offered load is ~500 requests/s (10 x 1000 / (19 ms + service time)).
wrk_run() { # label path delay_ms connections seconds
  echo "-- $1"
  REQUEST_PATH=$2 DELAY_MS=$3 wrk -t2 -c"$4" -d"${5}s" --timeout 2s -s "$HERE/unread-count.lua" "$BENCH_URL" \
    | sed -n '/^requests/,$p'
}
section "unread count: 1 user's count among $((CUSTOMERS * DAYS)) messages, tokens of 4 demo users"
wrk_run "warm-up (JIT), not counted" /api/inbox/unread-count 0 10 10 >/dev/null
wrk_run "baseline: GET /actuator/health (no token, one DB ping), paced ~500 req/s" /actuator/health 19 10 "$SECONDS_PER_RUN"
wrk_run "GET /api/inbox/unread-count, paced ~500 req/s" /api/inbox/unread-count 19 10 "$SECONDS_PER_RUN"
wrk_run "GET /api/inbox/unread-count, unpaced (capacity)" /api/inbox/unread-count 0 10 10
