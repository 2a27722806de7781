#!/usr/bin/env python3
"""Batch-ingest benchmark: whole customer-base days through the HTTP batch API.

Each "day" is one promotion day for N customers (one message each), sent as
batches of 1000 over C keep-alive connections, as the fan-out job would. Bodies
are generated before the clock starts; the figure is the wall time from the
first request to the last answer, so it covers HTTP, JSON parsing, validation
and the PostgreSQL commit of every batch.

The batches have the shape the fan-out job sends (`--shape batch`, contracts.md:
the day's fields once, then key, recipient and body per message) or the
previous shape that the inbox still accepts during a rollout (`--shape
previous`: every message repeats promotion id, day, subject and expiry, the
products once per batch).

usage: ingest.py BASE_URL TOKEN_URL --customers 100000 --days 10 --connections 4 [--shape batch|previous]
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

DEMO_USERS = [  # deploy/keycloak/realm-shop.json: admin, alice, bob, carol are customers too
    "5b0b7d1e-0000-4000-8000-00000000ad01",
    "5b0b7d1e-0000-4000-8000-0000000a11ce",
    "5b0b7d1e-0000-4000-8000-000000000b0b",
    "5b0b7d1e-0000-4000-8000-00000000ca01",
]
PRODUCTS = [
    {"sku": f"SKU-{n}", "name": f"Product number {n} of the autumn package", "priceCents": 2000 + n,
     "promoPriceCents": 1500 + n, "currency": "EUR",
     "imageUrl": f"http://127.0.0.1:8083/images/sku-{n}.svg", "url": f"http://127.0.0.1:8083/products/SKU-{n}"}
    for n in range(3)
]


def recipient(i):
    return DEMO_USERS[i] if i < len(DEMO_USERS) else f"00000000-0000-4000-8000-{i:012d}"


def token(token_url):
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "promo-job",
                                   "client_secret": "promo-job-secret"}).encode()
    with urllib.request.urlopen(token_url, form, timeout=30) as response:
        return json.load(response)["access_token"]


def day_batches(day, customers, batch_size, shape):
    date = f"2026-11-{30 - day:02d}" if day == 0 else f"2026-12-{day:02d}"
    promotion = "bench-autumn"
    batches = []
    for start in range(0, customers, batch_size):
        subject = f"Autumn week, day {day}: 25% off three favourites"
        expires_at = "2027-12-31T23:00:00Z"
        messages = []
        for i in range(start, min(start + batch_size, customers)):
            message = {
                "idempotencyKey": f"{promotion}/{date}/{recipient(i)}",
                "recipientId": recipient(i),
                "body": (f"Hello customer {i}, day {day} of our autumn week: the blue mug, the tea pot "
                         "and the linen towels are 25% off until Sunday evening. Happy shopping!"),
            }
            if shape == "previous":
                message.update(promotionId=promotion, day=date, subject=subject, expiresAt=expires_at)
            messages.append(message)
        if shape == "batch":
            body = {"promotionId": promotion, "day": date, "dayNumber": max(day, 1), "dayCount": 28,
                    "subject": subject, "expiresAt": expires_at, "products": PRODUCTS, "messages": messages}
        else:
            body = {"products": PRODUCTS, "messages": messages}
        batches.append(json.dumps(body).encode())
    return batches


def send_all(base_url, bearer, batches, connections):
    """POSTs every batch once over `connections` keep-alive connections with curl's
    parallel transfers (a C client, so the load generator takes little of the two
    cores the service and PostgreSQL need); answers (seconds, results, errors)."""
    with tempfile.TemporaryDirectory() as work:
        config = []
        for n, body in enumerate(batches):
            with open(f"{work}/{n}.json", "wb") as f:
                f.write(body)
            config += [f'url = "{base_url}/api/internal/inbox/messages:batch"',
                       f'header = "Authorization: Bearer {bearer}"',
                       'header = "Content-Type: application/json"',
                       f'data-binary = "@{work}/{n}.json"',
                       f'output = "{work}/{n}.out"',
                       'write-out = "%{http_code}\\n"',
                       'next']
        with open(f"{work}/curl.conf", "w") as f:
            f.write("\n".join(config[:-1]) + "\n")
        started = time.perf_counter()
        done = subprocess.run(["curl", "-sS", "--parallel", "--parallel-immediate", "--parallel-max",
                               str(connections), "--config", f"{work}/curl.conf"],
                              capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        results, errors = [], []
        if done.returncode != 0:
            errors.append(f"curl exit {done.returncode}: {done.stderr[:300]}")
        for n in range(len(batches)):
            with open(f"{work}/{n}.out", "rb") as f:
                payload = f.read()
            try:
                results.append(json.loads(payload))
                if "inserted" not in results[-1]:
                    errors.append(payload[:300].decode(errors="replace"))
            except ValueError:
                errors.append(payload[:300].decode(errors="replace"))
        return seconds, [r for r in results if "inserted" in r], errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("token_url")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--first-day", type=int, default=1, help="day number of the first day (1-28)")
    parser.add_argument("--shape", choices=["batch", "previous"], default="batch",
                        help="the day's fields once per batch (as the job sends) or on every message")
    args = parser.parse_args()

    # warm-up (JIT compilation of the service's hot path), not counted
    warm = day_batches(0, min(args.customers, 100_000), args.batch_size, args.shape)
    seconds, _, errors = send_all(args.base_url, token(args.token_url), warm, args.connections)
    if errors:
        print(f"warm-up failed: {errors[0]}", file=sys.stderr)
        return 1
    print(f"warm-up: {len(warm) * args.batch_size} messages in {seconds:.2f} s (not counted)")

    total_messages, total_seconds = 0, 0.0
    last_day = args.first_day + args.days - 1
    for day in range(args.first_day, last_day + 1):
        batches = day_batches(day, args.customers, args.batch_size, args.shape)
        megabytes = sum(len(b) for b in batches) / 1e6
        seconds, results, errors = send_all(args.base_url, token(args.token_url), batches, args.connections)
        if errors:
            print(f"day {day}: {len(errors)} batches failed, first: {errors[0]}", file=sys.stderr)
            return 1
        inserted = sum(r["inserted"] for r in results)
        duplicates = sum(r["duplicates"] for r in results)
        total_messages += inserted
        total_seconds += seconds
        print(f"day {day:2d}: {inserted} inserted, {duplicates} duplicates, {megabytes:.0f} MB JSON, "
              f"{seconds:.2f} s, {inserted / seconds:,.0f} msg/s")
    print(f"ingest total ({args.shape} shape): {total_messages} messages in {total_seconds:.2f} s = "
          f"{total_messages / total_seconds:,.0f} msg/s sustained over {args.days} day(s)")
    # an idempotent re-send of the last day: every message a duplicate
    seconds, results, _ = send_all(args.base_url, token(args.token_url),
                                   day_batches(last_day, args.customers, args.batch_size, args.shape), args.connections)
    print(f"re-send of day {last_day}: {sum(r['duplicates'] for r in results)} duplicates in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
