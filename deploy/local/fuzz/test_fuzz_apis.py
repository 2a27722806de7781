"""Schema-driven fuzzing of both services with real tokens (Schemathesis).

Each operation of the inbox's and the event calendar's OpenAPI documents gets
FUZZ_EXAMPLES generated requests (valid and invalid), sent with a token of the
caller that may use it (the admin for the calendar, alice for the inbox, the
job's service account for the internal endpoints). Two properties, on every
answer:

- no 5xx: bad input is a 4xx naming the field, never a server error;
- a refused request (4xx) stores nothing: a fingerprint of every table the
  service writes is the same before and after it.

The services under test are instances of their own on other ports against the
`*_test` databases (deploy/local/parts/92-api-fuzz.sh starts them), so what the
fuzzer creates never reaches the stack's calendar or the demo inboxes.
"""

import json
import os
import subprocess
import time
import urllib.parse
import urllib.request

import hypothesis
import schemathesis
from schemathesis.checks import not_a_server_error

KEYCLOAK = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:8180")
CALENDAR = os.environ["FUZZ_CALENDAR_URL"]
INBOX = os.environ["FUZZ_INBOX_URL"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))


def token(form):
    data = urllib.parse.urlencode(form).encode()
    with urllib.request.urlopen(f"{KEYCLOAK}/realms/shop/protocol/openid-connect/token", data, timeout=30) as answer:
        return json.load(answer)["access_token"]


def person(name):
    return token({"grant_type": "password", "client_id": "dev-test-login", "client_secret": "dev-test-secret",
                  "username": name, "password": name})


def job():
    return token({"grant_type": "client_credentials", "client_id": "promo-job",
                  "client_secret": os.environ["PROMO_JOB_CLIENT_SECRET"]})


def fingerprint(database):
    """An md5 over every row of the tables the service writes."""
    tables = {"calendar": ["promotion", "promotion_product", "promotion_audit", "promotion_change"],
              "inbox": ["message", "product_set"]}[database]
    sql = " || ".join(f"(SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM {table} t)"
                      for table in tables)
    result = subprocess.run(
        ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432"),
         "-U", database, "-d", f"{database}_test", "-At", "-c", f"SELECT md5({sql})"],
        env={**os.environ, "PGPASSWORD": database}, check=True, capture_output=True, text=True)
    return result.stdout.strip()


TOKENS = {}


def caller_for(path):
    """A token of the caller that may use the path, renewed before its 5 minutes end."""
    who = "job" if path.startswith("/api/internal/") else "alice" if path.startswith("/api/inbox") else "admin"
    cached = TOKENS.get(who)
    if cached is None or cached[1] < time.monotonic():
        TOKENS[who] = (job() if who == "job" else person(who), time.monotonic() + 240)
    return TOKENS[who][0]


FUZZ = hypothesis.settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                           suppress_health_check=list(hypothesis.HealthCheck), database=None)


def check(case, database):
    before = fingerprint(database)
    response = case.call(headers={"Authorization": "Bearer " + caller_for(case.operation.path)}, timeout=30)
    case.validate_response(response, checks=[not_a_server_error])
    if 400 <= response.status_code < 500:
        assert fingerprint(database) == before, (
            f"{case.method} {case.formatted_path} answered {response.status_code} but changed the database")


calendar = schemathesis.openapi.from_url(f"{CALENDAR}/v3/api-docs")
# the live stream never ends by itself (UnreadCountStreamIT tests it)
inbox = schemathesis.openapi.from_url(f"{INBOX}/v3/api-docs").exclude(path="/api/inbox/unread-count/stream")


@calendar.parametrize()
@FUZZ
def test_event_calendar(case):
    check(case, "calendar")


@inbox.parametrize()
@FUZZ
def test_inbox(case):
    check(case, "inbox")
