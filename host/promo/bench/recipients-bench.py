#!/usr/bin/env python3
"""Benchmark: how long `promo run` takes to enumerate 20,000 / 50,000 / 100,000
customers in the real Keycloak through the recipients extension, beside the
offset paging of GET /roles/{role}/users that the job used before, in the same run.

The realm `promo-recipients-bench` (created once and kept; --reseed starts over)
has three roles; r20k is a composite holding r50k, r50k one holding r100k, so
that every user is an *effective* member of the larger ones:

    users      0..19,999 hold r20k   -> members of r20k, r50k, r100k
    users 20,000..49,999 hold r50k   -> members of r50k, r100k
    users 50,000..99,999 hold r100k  -> members of r100k

and a client `promo-job` whose service account has realm-management view-users
(all the extension needs). The realm, its roles and the client come from the
Admin API; the 100,000 users are written straight into Keycloak's own tables
(`user_entity`, `user_role_mapping`, as Keycloak writes a user without
credentials) in one statement each: partial import took 26 s for each of the
first two chunks of 2,000 users here and minutes for the third, growing with
the realm, so seeding by import would have taken hours. What the job then
reads is exactly what Keycloak stores. The job runs from the release build with the
`test-hooks` feature (`--promotion-from-event`: the calendar lives in realm
`shop`), KEYCLOAK_REALM=promo-recipients-bench, and INBOX_URL pointing at a
sink in this process that counts the messages and answers as the inbox would:
the figure is the job's enumeration (rendering and posting 100,000 messages
into the real inbox take ~1.2 s and overlap it).

usage: recipients-bench.py PROMO_BINARY [--rounds 2] [--reseed] [--skip-baseline]
Environment: KEYCLOAK_URL (http://127.0.0.1:8180), KEYCLOAK_ADMIN_USERNAME/PASSWORD,
KEYCLOAK_DB_URL (postgresql://keycloak:keycloak@127.0.0.1:5432/keycloak, for psql).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))),
                                "deploy", "local", "python"))
import http_json  # noqa: E402

REALM = "promo-recipients-bench"
SIZES = [("r20k", 20_000), ("r50k", 50_000), ("r100k", 100_000)]
SECRET = "bench-only-secret"
URL = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:8180")


def call(method, url, token=None, body=None, form=None):
    """(status, answer); HTTP errors are answers, not exceptions."""
    return http_json.call(method, url, token, body, form, timeout=600)[:2]


def admin_token():
    status, answer = call("POST", f"{URL}/realms/master/protocol/openid-connect/token", form={
        "grant_type": "password", "client_id": "admin-cli",
        "username": os.environ["KEYCLOAK_ADMIN_USERNAME"], "password": os.environ["KEYCLOAK_ADMIN_PASSWORD"]})
    assert status == 200, f"master realm sign-in answered {status}"
    return answer["access_token"]


def user_count(token):
    status, count = call("GET", f"{URL}/admin/realms/{REALM}/users/count", token)
    return count if status == 200 else None


def seed():
    token = admin_token()
    if user_count(token) is not None:
        call("DELETE", f"{URL}/admin/realms/{REALM}", token)
    realm = {
        "realm": REALM, "enabled": True, "sslRequired": "none",
        "roles": {"realm": [
            # holding r20k grants r50k, holding r50k grants r100k
            {"name": "r100k"},
            {"name": "r50k", "composite": True, "composites": {"realm": ["r100k"]}},
            {"name": "r20k", "composite": True, "composites": {"realm": ["r50k"]}},
        ]},
        "clients": [{"clientId": "promo-job", "enabled": True, "publicClient": False, "secret": SECRET,
                     "serviceAccountsEnabled": True, "standardFlowEnabled": False}],
        "users": [{"username": "service-account-promo-job", "enabled": True, "serviceAccountClientId": "promo-job",
                   "clientRoles": {"realm-management": ["view-users"]}}],
    }
    status, answer = call("POST", f"{URL}/admin/realms", token, realm)
    assert status == 201, f"creating the realm answered {status}: {answer}"
    started = time.monotonic()
    sql = f"""
    INSERT INTO user_entity (id, email_constraint, email_verified, enabled, first_name, realm_id, username,
                             created_timestamp, not_before)
    SELECT u.id, u.id, false, true, 'Kim', r.id, 'shopper-' || lpad(u.n::text, 6, '0'),
           (extract(epoch FROM now()) * 1000)::bigint, 0
      FROM realm r, (SELECT n, gen_random_uuid()::text AS id FROM generate_series(0, 99999) AS n) u
     WHERE r.name = '{REALM}';
    INSERT INTO user_role_mapping (role_id, user_id)
    SELECT k.id, e.id
      FROM user_entity e JOIN realm r ON r.id = e.realm_id AND r.name = '{REALM}'
      JOIN keycloak_role k ON k.realm_id = r.id AND k.client_role = false
       AND k.name = CASE WHEN substr(e.username, 9)::int < 20000 THEN 'r20k'
                         WHEN substr(e.username, 9)::int < 50000 THEN 'r50k' ELSE 'r100k' END
     WHERE e.username LIKE 'shopper-%';
    ANALYZE user_entity; ANALYZE user_role_mapping;
    """
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    os.environ.get("KEYCLOAK_DB_URL", "postgresql://keycloak:keycloak@127.0.0.1:5432/keycloak")],
                   input=sql, text=True, check=True)
    print(f"  seeded 100,000 users in {time.monotonic() - started:.1f} s", flush=True)


class Sink(BaseHTTPRequestHandler):
    """Answers the job's batches as the inbox does; counts the messages."""
    messages = 0
    lock = threading.Lock()

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        count = len(body["messages"])
        with Sink.lock:
            Sink.messages += count
        answer = json.dumps({"inserted": count, "duplicates": 0, "suppressed": 0, "refused": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def run_job(promo, role, sink_url, work):
    promotion = json.load(open(os.path.join(os.path.dirname(__file__), "../../../deploy/knative/warm-up-promotion.json")))
    event = {"specversion": "1.0", "type": "promo.occurrence.due", "source": "urn:promo-calendar:bench",
             "id": f"{promotion['id']}.2026-07-02", "datacontenttype": "application/json",
             "data": {"promotion": promotion, "occurrence": {"index": 1, "day": "2026-07-02", "fireAt": "2026-07-02T07:00:00Z"}}}
    with open(f"{work}/event.json", "w") as f:
        json.dump(event, f)
    env = dict(os.environ, KEYCLOAK_URL=URL, KEYCLOAK_REALM=REALM, PROMO_JOB_CLIENT_ID="promo-job",
               PROMO_JOB_CLIENT_SECRET=SECRET, PROMO_RECIPIENT_ROLE=role, INBOX_URL=sink_url,
               PROMO_TEST_NOW="2026-07-02T08:00:00Z", PROMO_PROGRESS_INTERVAL="60s")
    Sink.messages = 0
    started = time.monotonic()
    done = subprocess.run([promo, "run", "--event-file", f"{work}/event.json", "--promotion-from-event"],
                          env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"promo run failed ({done.returncode}): {done.stderr[-2000:]}")
    summary = next(json.loads(l) for l in done.stderr.splitlines() if '"event":"summary"' in l)
    return seconds, summary["recipients"], Sink.messages


def offset_paging(role, page=500):
    """What the job did before: GET /roles/{role}/users by offset (direct members only)."""
    started, first, seen = time.monotonic(), 0, 0
    token, token_at = admin_token(), time.monotonic()
    while True:
        if time.monotonic() - token_at > 30:  # the admin's tokens live a minute
            token, token_at = admin_token(), time.monotonic()
        status, users = call("GET", f"{URL}/admin/realms/{REALM}/roles/{role}/users?first={first}&max={page}", token)
        assert status == 200, status
        seen += len(users)
        if len(users) < page:
            return time.monotonic() - started, seen
        first += page


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("promo")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    count = user_count(admin_token())
    if args.reseed or count is None or count < 100_001:
        print(f"seeding realm {REALM} with 100,000 users (found {count})", flush=True)
        seed()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sink_url = f"http://127.0.0.1:{server.server_port}"
    with tempfile.TemporaryDirectory() as work:
        run_job(args.promo, "r20k", sink_url, work)  # warm-up: Keycloak's caches and the component cache
        for role, size in SIZES:
            for round_ in range(1, args.rounds + 1):
                seconds, recipients, sunk = run_job(args.promo, role, sink_url, work)
                assert recipients == size == sunk, (role, recipients, sunk)
                print(f"job, {size:>7,} effective members of {role}: {seconds:6.2f} s "
                      f"({size / seconds:,.0f} recipients/s), round {round_}", flush=True)
    if not args.skip_baseline:
        seconds, seen = offset_paging("r20k")
        print(f"baseline, same run: offset paging GET /roles/r20k/users, 500 a page: {seen:,} direct members in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
