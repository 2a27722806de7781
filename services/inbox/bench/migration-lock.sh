#!/usr/bin/env bash
# How long the inbox's newest migration locks `message`, on a table of millions of rows,
# while customers keep reading and the job keeps writing.
#
#   services/inbox/bench/migration-lock.sh [rows=3000000]
#   MIGRATE_FROM=5 services/inbox/bench/migration-lock.sh   # V6 + V7: the live table becomes partitioned
#
# 1. The database inbox_bench, emptied, migrated by the inbox itself (Flyway) to the
#    version before the newest one (or MIGRATE_FROM), then filled with ROWS messages (1,000 recipients).
# 2. pgbench runs the hot paths against it (the badge's unread count and a
#    1-row insert, 4 clients, every transaction's latency logged) while the inbox
#    starts at the newest version and Flyway applies the migration.
# 3. Prints Flyway's execution time of the migration (the ACCESS EXCLUSIVE lock is
#    held at most that long: the migration is one transaction) and the latencies of
#    the hot paths before and during it (the slowest transaction is what a customer
#    would notice).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# shellcheck source=../../../deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"
load_parts
ROWS=${1:-3000000}
: "${INBOX_BENCH_PORT:=8092}"
WORK=$(mktemp -d)
trap 'stop_process inbox-bench || true; rm -rf "$WORK"' EXIT
run_hook postgres start
run_hook keycloak start
run_hook inbox build
bench_sql() { PGPASSWORD=inbox psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U inbox -d inbox_bench "$@"; }
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -1)
MIGRATIONS="$(inbox_dir)/src/main/resources/db/migration"
NEWEST=$(ls "$MIGRATIONS" | sed -E 's/^V([0-9]+)__.*/\1/' | sort -n | tail -1)
FROM=${MIGRATE_FROM:-$((NEWEST - 1))}
mkdir -p "$STATE/inbox" && cp -f "$(inbox_jar)" "$STATE/inbox/inbox-bench.jar"

start_inbox() { # [flyway target]
  SPRING_FLYWAY_TARGET=${1:-latest} INBOX_PORT=$INBOX_BENCH_PORT INBOX_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/inbox_bench" INBOX_DB_PASSWORD=inbox \
    start_process inbox-bench "$(inbox_java)" -Xms256m -Xmx512m -jar "$STATE/inbox/inbox-bench.jar"
  wait_for_http inbox-bench "http://127.0.0.1:$INBOX_BENCH_PORT/actuator/health" 120
}

section "inbox_bench at version $FROM with $ROWS messages"
bench_sql -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public'
start_inbox "$FROM"
stop_process inbox-bench
bench_sql <<SQL
INSERT INTO product_set (digest, products) VALUES (sha256('bench'), '[]');
INSERT INTO message (idempotency_key, recipient_id, promotion_id, day, subject, body, product_set_id, expires_at)
SELECT 'p' || (i / 1000) || '/2026-01-01/r' || (i % 1000), 'r' || (i % 1000), 'p' || (i / 1000), DATE '2026-01-01',
       'Autumn week, day 3 of 7', 'Hello customer, the blue mug, the tea pot and the linen towels are 25% off until Sunday evening.',
       (SELECT min(id) FROM product_set), TIMESTAMPTZ '2027-12-31 23:00Z'
  FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE message;
SQL
bench_sql -At -c "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('message')) FROM message"

cat >"$WORK/hot-paths.sql" <<'SQL'
\set r random(0, 999)
\set n random(1, 1000000000)
SELECT count(DISTINCT promotion_id) FROM message WHERE recipient_id = 'r' || :r AND read_at IS NULL AND archived_at IS NULL AND expires_at > now();
INSERT INTO message (idempotency_key, recipient_id, promotion_id, day, subject, body, product_set_id, expires_at)
VALUES ('live/' || :n || '/' || :r, 'r' || :r, 'live', DATE '2026-01-02', 's', 'b', (SELECT min(id) FROM product_set), TIMESTAMPTZ '2027-12-31 23:00Z')
ON CONFLICT DO NOTHING;
SQL
section "hot paths for 4 s before, then during the migration"
(cd "$WORK" && PGPASSWORD=inbox "$PGBENCH" -n -h "$PGHOST" -p "$PGPORT" -U inbox -c 4 -T 40 -l --log-prefix=hot \
   -f hot-paths.sql inbox_bench >"$WORK/pgbench.out" 2>&1) &
BENCH=$!
sleep 4 # pgbench's own warm-up: the 'before' latencies
MIGRATION_START_US=$(($(date +%s%N) / 1000))
start_inbox
MIGRATION_END_US=$(($(date +%s%N) / 1000))
kill -INT $BENCH 2>/dev/null || true; wait $BENCH || true
grep -h "Migrating schema\|Successfully applied" "$(log_file inbox-bench)" | sed 's/^.*\(Migrating\|Successfully\)/\1/'
python3 - "$WORK" "$MIGRATION_START_US" "$MIGRATION_END_US" <<'PY'
import glob, sys
work, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
before, during = [], []
for path in glob.glob(f"{work}/hot.*"):
    for line in open(path):
        f = line.split()  # client, tx, latency us, script, epoch s, epoch us
        if len(f) < 6: continue
        finished = int(f[4]) * 1_000_000 + int(f[5])
        (during if start <= finished <= end + 1_000_000 else before if finished < start else []).append(int(f[2]) / 1000)
def stats(xs):
    xs = sorted(xs)
    return f"{len(xs)} tx, p50 {xs[len(xs) // 2]:.1f} ms, p99 {xs[int(len(xs) * 0.99)]:.1f} ms, max {xs[-1]:.1f} ms" if xs else "none"
print("hot paths before the migration:", stats(before))
print("hot paths while the inbox started and migrated:", stats(during))
PY
