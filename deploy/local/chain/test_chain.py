"""The whole chain on the running stack, the way a shop meets it.

An admin publishes a promotion that starts seconds from now; the calendar's
change feed reaches the PromotionScheduler on the Flink cluster, which posts
the due day to the JobSink at the start instant; the job lists the shop's
customers in Keycloak and writes their messages into the inbox; each
customer's badge (GET /api/inbox/unread-count) goes up by exactly one.

Then the same with a fault at the fire time: the TaskManager killed and
restarted, the whole Flink cluster stopped across the fire time, the JobSink
down when the day fires, the inbox down for a minute while the job runs,
PostgreSQL restarted as the day is delivered. Each must still end with exactly
one message per customer for the day.

Run by `./dev test chain` (deploy/local/parts/95-chain.sh) with the stack up.
Each case's seconds from the start instant to the last badge, and the whole
case's duration, are printed and written to .dev/chain-report.json.
Recipients are the realm's demo customers; every message a case wrote is
deleted from the inbox database afterwards and its promotion deleted, so the
demo inboxes and the calendar are left as they were.
"""

import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "deploy", "local", "python"))
from http_json import call as http_call  # noqa: E402
KEYCLOAK = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:8180")
CALENDAR = os.environ.get("CALENDAR_URL", "http://127.0.0.1:8081")
INBOX = os.environ.get("INBOX_URL", "http://127.0.0.1:8082")
# The realm's customers (deploy/keycloak/realm-shop.json): admin holds `customer` too.
CUSTOMERS = ["admin", "alice", "bob", "carol"]
REPORT = os.path.join(ROOT, ".dev", "chain-report.json")


def call(method, url, token=None, body=None, form=None, headers=None):
    """(status, answer): a chain step waits 10 s at most for one service."""
    return http_call(method, url, token, body, form, headers, timeout=10)[:2]


def user_token(username):
    """A real user token through the tests-only client `dev-test-login` (password grant)."""
    status, answer = call("POST", f"{KEYCLOAK}/realms/shop/protocol/openid-connect/token", form={
        "grant_type": "password", "client_id": "dev-test-login", "client_secret": "dev-test-secret",
        "username": username, "password": username, "scope": "openid"})
    assert status == 200, f"token of {username}: {status} {answer}"
    return answer["access_token"]


def dev(command, part):
    subprocess.run([os.path.join(ROOT, "dev"), command, part], check=True, stdout=subprocess.DEVNULL)


def psql(sql):
    result = subprocess.run(
        ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432"),
         "-U", "inbox", "-d", "inbox", "-At", "-c", sql],
        env={**os.environ, "PGPASSWORD": "inbox"}, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def kill_process_group(name):
    with open(os.path.join(ROOT, ".dev", "pids", f"{name}.pid")) as file:
        pid = int(file.read())
    os.killpg(pid, signal.SIGKILL)  # start_process runs each one in a session of its own


def sleep_until(instant):
    delay = (instant - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    if delay > 0:
        time.sleep(delay)


class Chain(unittest.TestCase):
    timings = {}

    @classmethod
    def setUpClass(cls):
        cls.admin = user_token("admin")
        cls.tokens = {name: user_token(name) for name in CUSTOMERS}
        cls.created = []

    @classmethod
    def tearDownClass(cls):
        for promotion_id in cls.created:
            psql(f"DELETE FROM message WHERE promotion_id = '{promotion_id}'")
            psql(f"DELETE FROM promotion_state WHERE promotion_id = '{promotion_id}'")
            admin = user_token("admin")
            status, current = call("GET", f"{CALENDAR}/api/promotions/{promotion_id}", admin)
            if status == 200:
                if current["status"] == "PUBLISHED":
                    status, current = call("POST", f"{CALENDAR}/api/promotions/{promotion_id}/unpublish", admin,
                                           headers={"If-Match": f'"{current["version"]}"'})
                call("DELETE", f"{CALENDAR}/api/promotions/{promotion_id}", admin,
                     headers={"If-Match": f'"{current["version"]}"'})
        os.makedirs(os.path.dirname(REPORT), exist_ok=True)
        with open(REPORT, "w") as file:
            json.dump(cls.timings, file, indent=2)
        print("\nchain timings (s):", json.dumps(cls.timings, indent=2))

    def unread(self):
        counts = {}
        for name in CUSTOMERS:
            status, answer = call("GET", f"{INBOX}/api/inbox/unread-count", self.refreshed(name))
            counts[name] = answer["count"] if status == 200 else None
        return counts

    def refreshed(self, name):
        # Tokens live 5 minutes; a case with an outage can outlast one.
        status, _ = call("GET", f"{INBOX}/api/inbox/unread-count", self.tokens[name])
        if status == 401:
            self.tokens[name] = user_token(name)
        return self.tokens[name]

    def publish(self, title, lead_seconds):
        """A promotion in UTC that starts `lead_seconds` from now (to the second) and runs two days."""
        start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=lead_seconds)).replace(microsecond=0)
        end = start + datetime.timedelta(days=2)
        body = {
            "title": title, "timeZone": "UTC",
            "startsAt": start.strftime("%Y-%m-%dT%H:%M:%S"), "endsAt": end.strftime("%Y-%m-%dT%H:%M:%S"),
            "package": {"name": "Chain test", "discountPercent": 15, "message": "Hi {{firstName}}, {{promotionTitle}} is on.",
                        "products": [{"sku": "COF-1001"}]},
        }
        status, created = call("POST", f"{CALENDAR}/api/promotions", self.admin, body=body)
        self.assertEqual(status, 201, created)
        self.created.append(created["id"])
        status, published = call("POST", f"{CALENDAR}/api/promotions/{created['id']}/publish", self.admin,
                                 headers={"If-Match": f'"{created["version"]}"'})
        self.assertEqual(status, 200, published)
        return created["id"], start

    def assert_one_each(self, promotion_id, start, before, timeout=240):
        """Every customer's badge goes up by exactly one; returns seconds from `start` to the last badge."""
        deadline = time.monotonic() + timeout
        while True:
            now = self.unread()
            if all(now[name] is not None and now[name] >= before[name] + 1 for name in CUSTOMERS):
                break
            self.assertLess(time.monotonic(), deadline, f"badges before {before}, now {now}")
            time.sleep(0.2)  # poll interval of the badge probe
        arrived = (datetime.datetime.now(datetime.timezone.utc) - start).total_seconds()
        self.assertEqual(now, {name: before[name] + 1 for name in CUSTOMERS})
        day = start.date().isoformat()
        stored = psql(f"SELECT count(*), count(DISTINCT recipient_id) FROM message WHERE promotion_id = '{promotion_id}' AND day = '{day}'")
        self.assertEqual(stored, f"{len(CUSTOMERS)}|{len(CUSTOMERS)}", "one message per customer, none twice")
        status, page = call("GET", f"{INBOX}/api/inbox/messages?limit=20", self.refreshed("alice"))
        self.assertEqual(status, 200, page)
        mine = [m for m in page["items"] if m["promotionId"] == promotion_id]
        self.assertEqual(len(mine), 1, page)
        self.assertIn("Alice", mine[0]["body"])
        self.assertEqual([p["sku"] for p in mine[0]["products"]], ["COF-1001"])
        return arrived

    def chain(self, name, lead_seconds, fault=None):
        started = time.monotonic()
        before = self.unread()
        promotion_id, start = self.publish(f"Chain test {name}", lead_seconds)
        if fault:
            fault(start)
        arrived = self.assert_one_each(promotion_id, start, before)
        self.timings[name] = {"startToBadge": round(arrived, 2), "case": round(time.monotonic() - started, 1)}
        return arrived

    def test_1_a_published_promotion_reaches_every_badge_once(self):
        runs = [self.chain(f"plain-{n}", 8) for n in range(3)]
        self.timings["plain-median"] = round(statistics.median(runs), 2)

    def test_1b_unpublish_withdraws_the_delivered_messages_from_every_badge(self):
        before = self.unread()
        promotion_id, start = self.publish("Chain test withdrawn", 8)
        self.assert_one_each(promotion_id, start, before)
        status, current = call("GET", f"{CALENDAR}/api/promotions/{promotion_id}", self.admin)
        self.assertEqual(status, 200, current)
        unpublished_at = time.monotonic()
        status, answer = call("POST", f"{CALENDAR}/api/promotions/{promotion_id}/unpublish", self.admin,
                              body={"reason": "Wrong price"}, headers={"If-Match": f'"{current["version"]}"'})
        self.assertEqual(status, 200, answer)
        deadline = time.monotonic() + 30
        while self.unread() != before:  # calendar outbox -> relay -> inbox state -> count
            self.assertLess(time.monotonic(), deadline, f"badges before {before}, now {self.unread()}")
            time.sleep(0.1)  # poll interval of the badge probe
        self.timings["unpublishToBadges"] = round(time.monotonic() - unpublished_at, 2)
        status, ended = call("GET", f"{INBOX}/api/inbox/messages?view=ended", self.refreshed("alice"))
        self.assertEqual(status, 200, ended)
        mine = [m for m in ended["items"] if m["promotionId"] == promotion_id]
        self.assertEqual(len(mine), 1, ended)
        self.assertTrue(mine[0]["withdrawn"])
        self.assertEqual(mine[0]["withdrawnReason"], "Wrong price")

    def test_2_the_taskmanager_killed_at_the_fire_time(self):
        def fault(start):
            sleep_until(start - datetime.timedelta(milliseconds=300))
            kill_process_group("flink-taskmanager")
            time.sleep(2)
            dev("start", "scheduler")  # a new TaskManager; the job restarts from its checkpoint
        self.chain("taskmanager-killed", 15, fault)

    def test_3_the_flink_cluster_stopped_across_the_fire_time(self):
        def fault(start):
            dev("stop", "scheduler")  # a savepoint, then both processes
            sleep_until(start + datetime.timedelta(seconds=3))
            dev("start", "scheduler")  # resumes from the savepoint; the due day goes out late
        self.chain("cluster-stopped", 12, fault)

    def test_4_the_jobsink_down_when_the_day_fires(self):
        def fault(start):
            dev("stop", "jobsink")
            sleep_until(start + datetime.timedelta(seconds=10))
            dev("start", "jobsink")  # the scheduler's sink has been retrying
        self.chain("jobsink-down", 8, fault)

    def test_5_the_inbox_down_for_a_minute_while_the_job_runs(self):
        def fault(start):
            dev("stop", "inbox")
            sleep_until(start + datetime.timedelta(seconds=60))
            dev("start", "inbox")  # the job has been retrying its batch
        self.chain("inbox-down", 8, fault)

    def test_6_postgresql_restarted_as_the_day_is_delivered(self):
        def fault(start):
            sleep_until(start)
            dev("stop", "postgres")
            dev("start", "postgres")
        self.chain("postgres-restarted", 10, fault)


if __name__ == "__main__":
    unittest.main(verbosity=2)
