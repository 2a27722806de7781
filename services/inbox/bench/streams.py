#!/usr/bin/env python3
"""Ingest with 1,000 open badge streams beside it, against ingest without them.

The question (security issue): does a crowd of connected badges slow down the
daily fan-out? The inbox re-counts and pushes off the ingest thread (PostgreSQL
NOTIFY, one query per change set), so it should not much.

Setup, once: a realm `promo-streams-bench` in the local Keycloak with 200
customers (fixed ids, password `bench`), a password-grant client `bench-login`
and a `promo-job` service account (inbox-writer), both with the inbox audience.
The bench starts its own inbox (the stack's jar, port 18083, database
`inbox_test`, KEYCLOAK_REALM=promo-streams-bench), so nothing touches the
stack's inbox or the shop realm.

Rounds, alternating: 100 batches of 1,000 messages (the shape the job sends),
each batch holding a message for every one of the 200 customers (so every
batch changes the count of every stream) and 800 for people without a stream;
once with no streams open and once with 5 streams for each of the 200 (1,000).
Prints msgs/s of each round, the ratio with/without, and the stream events
received.

usage: streams.py [--rounds 3]
"""
import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ingest import PRODUCTS, send_all  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))),
                                "deploy", "local", "python"))
import http_json  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
KEYCLOAK = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:8180")
REALM = "promo-streams-bench"
PORT = 18083
INBOX = f"http://127.0.0.1:{PORT}"
PEOPLE = [f"00000000-0000-4000-9000-{n:012d}" for n in range(200)]
AUDIENCE = {"name": "audience inbox-service", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
            "config": {"included.custom.audience": "inbox-service", "access.token.claim": "true"}}


def call(method, url, token=None, body=None, form=None):
    """(status, answer); HTTP errors are answers, not exceptions."""
    return http_json.call(method, url, token, body, form, timeout=60)[:2]


def token(realm, form):
    status, answer = call("POST", f"{KEYCLOAK}/realms/{realm}/protocol/openid-connect/token", form=form)
    assert status == 200, answer
    return answer["access_token"]


def ensure_realm():
    admin = token("master", {"grant_type": "password", "client_id": "admin-cli", "username": "kcadmin", "password": "kcadmin"})
    if call("GET", f"{KEYCLOAK}/admin/realms/{REALM}", admin)[0] == 200:
        return
    realm = {
        "realm": REALM, "enabled": True, "accessTokenLifespan": 1800,
        "roles": {"realm": [{"name": "customer"}, {"name": "inbox-writer"}]},
        "clients": [
            {"clientId": "bench-login", "secret": "bench-login-secret", "publicClient": False,
             "directAccessGrantsEnabled": True, "standardFlowEnabled": False, "protocolMappers": [AUDIENCE]},
            {"clientId": "promo-job", "secret": "bench-job-secret", "publicClient": False, "serviceAccountsEnabled": True,
             "standardFlowEnabled": False, "protocolMappers": [AUDIENCE]},
        ],
        "users": [{"id": person, "username": f"bench{n:03d}", "enabled": True, "realmRoles": ["customer"],
                   "firstName": "Bench", "lastName": f"Customer {n}", "email": f"bench{n:03d}@example.org",
                   "emailVerified": True, "requiredActions": [],
                   "credentials": [{"type": "password", "value": "bench", "temporary": False}]}
                  for n, person in enumerate(PEOPLE)]
        + [{"username": "service-account-promo-job", "enabled": True, "serviceAccountClientId": "promo-job",
            "realmRoles": ["inbox-writer"]}],
    }
    status, answer = call("POST", f"{KEYCLOAK}/admin/realms", admin, body=realm)
    assert status == 201, answer


async def open_stream(bearer, events):
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    writer.write((f"GET /api/inbox/unread-count/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  f"Authorization: Bearer {bearer}\r\nAccept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    status = (await reader.readline()).decode()
    assert " 200 " in status, status
    async def read():
        while line := await reader.readline():
            if line.startswith(b"data:"):
                events[0] += 1
    return writer, asyncio.create_task(read())


async def with_streams(bearers, run):
    events = [0]
    opened = [await open_stream(bearer, events) for bearer in bearers for _ in range(5)]
    await asyncio.sleep(1)
    first = events[0]
    seconds = await asyncio.to_thread(run)
    await asyncio.sleep(2)  # the last pushes
    for writer, task in opened:
        task.cancel()
        writer.close()
    return seconds, len(opened), events[0] - first


def batches(round_name):
    out = []
    for b in range(100):
        promotion = f"bench-streams-{round_name}-{b}"
        messages = [{"idempotencyKey": f"{promotion}/2026-12-01/{person}", "recipientId": person,
                     "body": f"Hello {n}, the autumn week is on: 25% off the blue mug."}
                    for n, person in enumerate(PEOPLE + [f"00000000-0000-4000-8000-{b * 800 + i:012d}" for i in range(800)])]
        out.append(json.dumps({"promotionId": promotion, "day": "2026-12-01", "dayNumber": 1, "dayCount": 7,
                               "subject": "Autumn week", "expiresAt": "2027-12-31T23:00:00Z", "products": PRODUCTS,
                               "messages": messages}).encode())
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ensure_realm()
    env = {**os.environ, "INBOX_PORT": str(PORT), "KEYCLOAK_REALM": REALM, "INBOX_DB_PASSWORD": "inbox",
           "INBOX_DB_URL": f"jdbc:postgresql://{os.environ.get('PGHOST', '127.0.0.1')}:{os.environ.get('PGPORT', '5432')}/inbox_test",
           "INBOX_MAX_STREAMS": "2000"}
    java = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
    inbox = subprocess.Popen([java if os.path.exists(java) else "java", "-Xms128m", "-Xmx768m", "-jar",
                              os.path.join(ROOT, ".dev/inbox/inbox.jar")], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{INBOX}/actuator/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)  # readiness poll
        job = token(REALM, {"grant_type": "client_credentials", "client_id": "promo-job", "client_secret": "bench-job-secret"})
        people = [token(REALM, {"grant_type": "password", "client_id": "bench-login", "client_secret": "bench-login-secret",
                                "username": f"bench{n:03d}", "password": "bench"}) for n in range(len(PEOPLE))]
        send_all(INBOX, job, batches("warm-up"), 4)  # JIT warm-up, not counted
        ratios = []
        for r in range(args.rounds):
            bare = batches(f"bare-{r}-{time.time_ns()}")
            seconds_bare, _, errors = send_all(INBOX, job, bare, 4)
            assert not errors, errors[:1]
            crowded = batches(f"crowded-{r}-{time.time_ns()}")
            seconds, streams, events = asyncio.run(with_streams(people, lambda: send_all(INBOX, job, crowded, 4)[0]))
            rate_bare, rate = 100_000 / seconds_bare, 100_000 / seconds
            ratios.append(rate / rate_bare)
            print(f"round {r + 1}: without streams {rate_bare:,.0f} msgs/s; with {streams} streams {rate:,.0f} msgs/s "
                  f"(ratio {rate / rate_bare:.2f}); stream events received {events}")
        ratios.sort()
        print(f"median ratio with/without {ratios[len(ratios) // 2]:.2f} over {args.rounds} rounds")
    finally:
        inbox.terminate()
        inbox.wait(30)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "inbox", "-d", "inbox_test", "-qc",
                        "DELETE FROM message WHERE promotion_id LIKE 'bench-streams-%'"],
                       env={**os.environ, "PGPASSWORD": "inbox"}, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
