#!/usr/bin/env python3
"""Unpublish benchmark: how soon the badges stop counting a withdrawn promotion.

Sends the promotion's state as the event calendar does (PUT
/api/internal/inbox/promotions/{id}, its own client-credentials token):
PUBLISHED first, then UNPUBLISHED. The unpublish writes one promotion_state
row whatever the number of delivered messages; the figure is the time from
sending it until the last sampled count no longer includes the promotion. The
sample: `--sample` random recipients, counted in one query (the service's
query for many recipients, UnreadCounts.of(Collection), run by psql), and the
four demo people through GET /api/inbox/unread-count with their tokens
($TOKENS). Baseline in the same run: the same checks before the unpublish.

usage: unpublish.py BASE_URL TOKEN_URL DATABASE_URL --promotion bench-autumn --customers 100000 [--sample 1000]
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from ingest import recipient

# UnreadCounts.of(Collection) with MessageState's SQL, for an array of ids
COUNTS = """
SELECT m.recipient_id, count(DISTINCT m.promotion_id)
  FROM message m LEFT JOIN promotion_state s ON s.promotion_id = m.promotion_id
 WHERE m.recipient_id = ANY ('{%s}'::text[])
   AND m.read_at IS NULL AND m.archived_at IS NULL
   AND coalesce(s.ends_at, m.expires_at) > now()
   AND NOT (NOT m.test AND coalesce(s.status <> 'PUBLISHED' OR m.created_at <= s.withdrawn_at, false))
 GROUP BY m.recipient_id
"""


def calendar_token(token_url):
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "event-calendar",
                                   "client_secret": "event-calendar-secret"}).encode()
    with urllib.request.urlopen(token_url, form, timeout=30) as response:
        return json.load(response)["access_token"]


def put_state(base_url, bearer, promotion, version, status):
    """Answers the seconds from sending the PUT to its answer (204)."""
    body = json.dumps({"version": version, "status": status, "endsAt": "2027-12-31T23:00:00Z",
                       "withdrawnReason": "bench: withdrawn" if status != "PUBLISHED" else None}).encode()
    request = urllib.request.Request(f"{base_url}/api/internal/inbox/promotions/{promotion}", body, method="PUT",
                                     headers={"Authorization": f"Bearer {bearer}",
                                              "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 204, response.status
    return time.perf_counter() - started


def sample_counts(database_url, ids):
    """The sampled recipients' counts ({id: count}, 0 when absent) and the seconds the query took with psql."""
    started = time.perf_counter()
    out = subprocess.run(["psql", "-X", "-At", "-F", " ", database_url, "-c", COUNTS % ",".join(ids)],
                         capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - started
    counts = dict.fromkeys(ids, 0)
    for line in out.split("\n"):
        if line:
            recipient_id, count = line.split()
            counts[recipient_id] = int(count)
    return counts, seconds


def demo_counts(base_url, tokens):
    """The demo people's counts through HTTP, and the seconds for the four requests."""
    started = time.perf_counter()
    counts = []
    for bearer in tokens:
        request = urllib.request.Request(f"{base_url}/api/inbox/unread-count",
                                         headers={"Authorization": f"Bearer {bearer}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            counts.append(json.load(response)["count"])
    return counts, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("token_url")
    parser.add_argument("database_url")
    parser.add_argument("--promotion", default="bench-autumn")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1000)
    args = parser.parse_args()
    tokens = os.environ["TOKENS"].split()
    ids = [recipient(i) for i in random.sample(range(args.customers), min(args.sample, args.customers))]
    bearer = calendar_token(args.token_url)

    seconds = put_state(args.base_url, bearer, args.promotion, 1, "PUBLISHED")
    print(f"PUT PUBLISHED (version 1, first state row): {seconds * 1000:.1f} ms")
    # baseline: the same checks while the promotion is published (first round warms up psql and the plan)
    sql_seconds, http_seconds = [], []
    for _ in range(6):
        before, seconds = sample_counts(args.database_url, ids)
        sql_seconds.append(seconds)
        demo_before, seconds = demo_counts(args.base_url, tokens)
        http_seconds.append(seconds)
    counted = sum(1 for n in before.values() if n > 0)
    print(f"baseline, published: {counted} of {len(ids)} sampled recipients count it (psql query: median "
          f"{statistics.median(sql_seconds[1:]) * 1000:.1f} ms, max {max(sql_seconds[1:]) * 1000:.1f} ms); "
          f"demo people's counts {demo_before} (4 HTTP requests: median "
          f"{statistics.median(http_seconds[1:]) * 1000:.1f} ms)")
    if counted < len(ids):
        print("not every sampled recipient counts the promotion: nothing to measure", file=sys.stderr)
        return 1

    started = time.perf_counter()
    put_seconds = put_state(args.base_url, bearer, args.promotion, 2, "UNPUBLISHED")
    sql_done = http_done = None
    checks = 0
    while sql_done is None or http_done is None:
        checks += 1
        if http_done is None:
            demo, _ = demo_counts(args.base_url, tokens)
            if all(n == b - 1 for n, b in zip(demo, demo_before)):
                http_done = time.perf_counter() - started
        if sql_done is None:
            counts, _ = sample_counts(args.database_url, ids)
            if all(counts[i] == before[i] - 1 for i in ids):
                sql_done = time.perf_counter() - started
        if time.perf_counter() - started > 60:
            print("counts still include the promotion 60 s after the unpublish", file=sys.stderr)
            return 1
    print(f"PUT UNPUBLISHED (version 2): {put_seconds * 1000:.1f} ms")
    print(f"from sending it until the 4 demo people's counts (HTTP, checked first) exclude it: "
          f"{http_done * 1000:.1f} ms; until the last of {len(ids)} sampled counts (psql, checked next) "
          f"does: {sql_done * 1000:.1f} ms (check round {checks})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
