"""Demo data for the local stack: promotions in every state, and the demo
customers' inboxes as if the stack had been running for days.

    seed_demo.py seed     seed once per database cluster (./dev up)
    seed_demo.py reset    remove what was seeded, then seed again (./dev reset-demo)
    seed_demo.py remove   remove what was seeded
    seed_demo.py status   one line about what is seeded (./dev up's closing list)

What is seeded (dates relative to today in each promotion's zone): an ended
promotion whose days were delivered and read, two live ones with the days up
to now delivered (some read), one withdrawn while it ran (with a reason), a
scheduled one starting in five days and a draft. Which ids were made is kept
in .dev/demo/manifest.json with the database cluster's identifier: seeding
happens once per cluster, and reset/remove touch those ids only.

What the APIs can create is created through them, as the web app and the job
would: promotions, publish, unpublish (calendar, as `admin` through the
tests-only password client), each delivered day as one inbox batch
(`promo-job`'s token) with the engine's own rendering (`promo dry-run`, the
job's engine and keys `{promotionId}/{day}/{recipientId}`) and the job's
delivery report of that day (calendar, `promo-job`'s token), read marks as each
customer, and the inbox's promotion state (`event-calendar`'s token; the
calendar's relay sends the same versions, which the inbox then ignores). No
API can publish a promotion whose end has passed or date a change, so the
seeder writes those into the local databases with the services' own roles:
the ended promotion's publish (row, audit entry and change-feed entry, as the
calendar writes them), the arrival time of each delivered day, and the audit
times. Local stack only.

Every day that is due when a promotion is published was delivered before the
publish, so the day the scheduler sends at once for a late publish is a
duplicate in the inbox (same key); later days come from the scheduler as usual.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import uuid
import zoneinfo

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "deploy", "local", "python"))
import http_json  # noqa: E402
KEYCLOAK = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:8180")
REALM = os.environ.get("KEYCLOAK_REALM", "shop")
CALENDAR = os.environ.get("CALENDAR_URL", "http://127.0.0.1:8081")
INBOX = os.environ.get("INBOX_URL", "http://127.0.0.1:8082")
PROMO = os.environ.get("PROMO_BIN", os.path.join(ROOT, "target", "release", "promo"))
REALM_FILE = os.path.join(ROOT, "deploy", "keycloak", "realm-shop.json")
MANIFEST = os.path.join(ROOT, ".dev", "demo", "manifest.json")
ADMIN = "admin"  # signs in through the tests-only client dev-test-login (password = user name)
# The calendar's outbox lock (PromotionChangeFeed.APPEND_LOCK, "OUTBOX" in ASCII).
OUTBOX_APPEND_LOCK = 0x4F5554424F58

# Days are relative to today in the promotion's zone; "read" is how many of the
# delivered days each customer has read (reading a day reads the earlier ones).
# At most three of them cover any of the next days (the month grid shows four a
# day, and the web e2e test plans a promotion from tomorrow on), and none uses the
# inventory's first products, which the tests package (no overlap with theirs).
PROMOTIONS = [
    {
        "state": "ended", "title": "Mug Days", "timeZone": "Europe/Berlin",
        "starts": (-10, "09:00"), "ends": (-5, "20:00"), "created": -14, "published": -12,
        "package": {
            "name": "Mugs and cups", "discountPercent": 30,
            "message": "Hi {{firstName}}, a fresh mug makes a fresh start: {{discountPercent}}% off stoneware, "
                       "glass and travel mugs during {{promotionTitle}}. Day {{dayNumber}} — the offer ends {{endsAt}}.",
            "products": ["MUG-4001", "MUG-4002", "MUG-4003", "MUG-4004"],
        },
        "read": {"admin": "all", "alice": "all", "bob": "all", "carol": 3},
    },
    {
        "state": "live", "title": "Coffee Week", "timeZone": "Europe/Berlin",
        "starts": (-3, "09:00"), "ends": (4, "20:00"), "created": -6, "published": -4,
        "package": {
            "name": "Roasts and brewing", "discountPercent": 20,
            "message": "Hi {{firstName}}, it's day {{dayNumber}} of {{promotionTitle}}: {{discountPercent}}% off cold "
                       "brew, the French press, the ceramic pour-over dripper and reusable filters. {{daysLeft}} "
                       "message(s) to go; the offer ends {{endsAt}}.",
            "products": ["COF-1004", "KIT-3001", "KIT-3002", "ACC-8001"],
        },
        "read": {"admin": 1, "alice": 2, "bob": "all"},
    },
    {
        "state": "withdrawn", "title": "Gift Box Flash Sale", "timeZone": "Europe/Berlin",
        "starts": (-2, "12:00"), "ends": (1, "20:00"), "created": -5, "published": -3,
        "package": {
            "name": "Gift boxes", "discountPercent": 25,
            "message": "Hi {{firstName}}, {{promotionTitle}}: {{discountPercent}}% off the coffee tasting box and the "
                       "barista starter kit while stocks last. Ends {{endsAt}}.",
            "products": ["GFT-7001", "GFT-7003"],
        },
        "read": {"alice": 1},
        "reason": "The gift boxes sold out much faster than we expected. Sorry — watch your inbox for the next offer.",
    },
    {
        "state": "live", "title": "Tea Discovery Days", "timeZone": "America/New_York",
        "starts": (-1, "10:00"), "ends": (3, "22:00"), "created": -3, "published": -2,
        "package": {
            "name": "Teas and kettles", "discountPercent": 15,
            "message": "Hello {{firstName}}! Day {{dayNumber}} of {{promotionTitle}}: {{discountPercent}}% off sencha, "
                       "Earl Grey, ceremonial matcha and our gooseneck kettle, until {{endsAt}}.",
            "products": ["TEA-2001", "TEA-2002", "TEA-2004", "KIT-3005"],
        },
        "read": {"bob": "all"},
    },
    {
        "state": "scheduled", "title": "Sweet Treats Weekend", "timeZone": "Europe/Berlin",
        "starts": (5, "10:00"), "ends": (8, "20:00"), "created": -2, "published": -1,
        "package": {
            "name": "Chocolate and biscuits", "discountPercent": 25,
            "message": "Hi {{firstName}}, {{promotionTitle}} is here: {{discountPercent}}% off dark chocolate, almond "
                       "biscotti, salted caramel fudge and hazelnut syrup. Treat yourself before {{endsAt}}.",
            "products": ["SNK-5001", "SNK-5002", "SNK-5003", "SYR-6002"],
        },
    },
    {
        # shares the hazelnut syrup with the weekend above: the calendar shows its overlap warning
        "state": "draft", "title": "Barista Gear Days", "timeZone": "Europe/Berlin",
        "starts": (7, "09:00"), "ends": (12, "20:00"), "created": -1,
        "package": {
            "name": "Barista tools", "discountPercent": 10,
            "message": "Hi {{firstName}}, brew like a barista: {{discountPercent}}% off grinders, frothers, scales "
                       "and syrups during {{promotionTitle}}, until {{endsAt}}.",
            "products": ["KIT-3003", "KIT-3004", "KIT-3006", "SYR-6002"],
        },
    },
]


class SeedError(Exception):
    """Something the person running the seeder must fix; the message says what."""


def required_env(name):
    value = os.environ.get(name)
    if not value:
        raise SeedError(f"{name} is not set (./dev up and ./dev reset-demo pass it from deploy/keycloak/realm-shop.json)")
    return value


# --- HTTP ---------------------------------------------------------------------------------------

def request(method, url, token=None, body=None, form=None, headers=None):
    """(status, JSON answer or None when empty); a connection failure is a SeedError."""
    try:
        return http_json.call(method, url, token, body, form, headers)[:2]
    except urllib.error.URLError as error:
        raise SeedError(f"{method} {url}: cannot connect ({error.reason}); is the stack up? (./dev status)") from None


def call(method, url, token=None, body=None, form=None, headers=None, expect=(200,)):
    """The JSON answer; any status but `expect` is a SeedError naming the call and the answer."""
    status, answer = request(method, url, token, body, form, headers)
    if status not in expect:
        raise SeedError(f"{method} {url} answered {status}: {json.dumps(answer)[:600]}")
    return answer


class Tokens:
    """Access tokens by who they are for, fetched again shortly before they expire."""

    def __init__(self):
        self.cached = {}

    def get(self, who, form):
        token, expires = self.cached.get(who, (None, 0))
        if time.monotonic() < expires - 30:
            return token
        answer = call("POST", f"{KEYCLOAK}/realms/{REALM}/protocol/openid-connect/token", form=form)
        self.cached[who] = (answer["access_token"], time.monotonic() + answer.get("expires_in", 60))
        return answer["access_token"]

    def person(self, username):
        return self.get(username, {"grant_type": "password", "client_id": "dev-test-login",
                                   "client_secret": "dev-test-secret", "username": username, "password": username})

    def service(self, client_id, secret_variable):
        return self.get(client_id, {"grant_type": "client_credentials", "client_id": client_id,
                                    "client_secret": required_env(secret_variable)})


# --- the stack's databases (local only) ---------------------------------------------------------

def sql(database, script, **variables):
    """Runs `script` in a database as its service role (calendar, inbox); rows as lists of strings."""
    command = ["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1",
               "-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432"),
               "-U", database, "-d", database]
    for name, value in variables.items():
        command += ["-v", f"{name}={value}"]
    password = required_env(f"{database.upper()}_DB_PASSWORD")
    result = subprocess.run(command, input=script, env={**os.environ, "PGPASSWORD": password},
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SeedError(f"psql on database {database}: {result.stderr.strip()}")
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def cluster_id():
    """The PostgreSQL cluster's identifier: a new cluster (initdb) is a new stack to seed."""
    return sql("inbox", "SELECT system_identifier FROM pg_control_system();")[0][0]


# --- the engine -----------------------------------------------------------------------------------

def dry_run(document, now=None, recipients=None):
    """`promo dry-run --json`: the occurrences and, at `now`, the due day's messages, rendered by the engine."""
    if not os.access(PROMO, os.X_OK):
        raise SeedError(f"{PROMO} is missing: it is built by ./dev up (cargo build --release -p promo)")
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump(document, file)
        file.flush()
        command = [PROMO, "dry-run", file.name, "--json"]
        if now:
            command += ["--now", now]
        if recipients:
            command += ["--recipients", recipients]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SeedError(f"promo dry-run of {document['title']!r} exited {result.returncode}: {result.stderr.strip()}")
    return json.loads(result.stdout)


# --- what is seeded -------------------------------------------------------------------------------

def customers():
    """The realm's demo customers (admin holds `customer` too), as the job reads recipients."""
    with open(REALM_FILE) as file:
        users = json.load(file)["users"]
    return [{"userId": user["id"], "username": user["username"], "firstName": user.get("firstName")}
            for user in users if "customer" in user.get("realmRoles", []) and user.get("id")]


def local(zone, days, clock):
    """`YYYY-MM-DDTHH:MM` on today + `days` in `zone`."""
    day = datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date() + datetime.timedelta(days=days)
    return f"{day.isoformat()}T{clock}"


def admin_time(days, hour=10):
    """An instant on today + `days` (UTC) at `hour`:00: when the admin planned or published."""
    today = datetime.datetime.now(datetime.timezone.utc).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (today + datetime.timedelta(days=days)).isoformat()


def utc_text(instant):
    """RFC 3339 in UTC with `Z`, as the services write instants."""
    return instant.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def contract_document(view):
    """The promotion JSON of contracts.md from the calendar's view (which adds read-only extras)."""
    fields = ("id", "version", "status", "title", "timeZone", "startsAt", "endsAt", "dailySendTime", "package")
    return {name: view[name] for name in fields if view.get(name) is not None}


def if_match(view):
    return {"If-Match": f'"{view["version"]}"'}


class Seeder:
    def __init__(self):
        self.tokens = Tokens()
        self.customers = customers()

    def admin(self):
        return self.tokens.person(ADMIN)

    def seed(self):
        manifest = {"cluster": cluster_id(), "complete": False,
                    "seededAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                    "promotions": []}
        for spec in PROMOTIONS:
            view = self.create(spec)
            manifest["promotions"].append({"id": view["id"], "title": spec["title"], "state": spec["state"]})
            write_manifest(manifest)  # before anything else is written: a failed run can be removed
            delivered = []
            if spec["state"] in ("ended", "live", "withdrawn"):
                delivered = self.deliver_due_days(view)
                self.read(view["id"], delivered, spec.get("read", {}))
            if spec["state"] in ("live", "scheduled", "withdrawn"):
                view = call("POST", f"{CALENDAR}/api/promotions/{view['id']}/publish", self.admin(),
                            headers=if_match(view))
            if spec["state"] == "ended":
                view = self.publish_in_the_past(view, admin_time(spec["published"]))
            if spec["state"] == "withdrawn":
                view = call("POST", f"{CALENDAR}/api/promotions/{view['id']}/unpublish", self.admin(),
                            body={"reason": spec["reason"]}, headers=if_match(view))
            if spec["state"] != "draft":
                self.sync_inbox(view, spec.get("reason"))
            self.date_the_audit(view["id"], spec)
            print(f"demo: {spec['title']} ({spec['state']}, {spec['timeZone']}): {view['id']}"
                  + (f", {len(delivered)} day(s) delivered to {len(self.customers)} customers" if delivered else ""))
        manifest["complete"] = True
        write_manifest(manifest)

    def create(self, spec):
        content = spec["package"]
        body = {
            "title": spec["title"], "timeZone": spec["timeZone"],
            "startsAt": local(spec["timeZone"], *spec["starts"]), "endsAt": local(spec["timeZone"], *spec["ends"]),
            "package": {"name": content["name"], "discountPercent": content["discountPercent"],
                        "message": content["message"], "products": [{"sku": sku} for sku in content["products"]]},
        }
        return call("POST", f"{CALENDAR}/api/promotions", self.admin(), body=body, expect=(201,))

    def deliver_due_days(self, view):
        """Every day due by now, as the job delivers it: one batch a day, the engine's messages."""
        document = contract_document(view)
        occurrences = dry_run(document)["occurrences"]
        now = datetime.datetime.now(datetime.timezone.utc)
        due = [o for o in occurrences if datetime.datetime.fromisoformat(o["fireAt"]) <= now]
        job = self.tokens.service("promo-job", "PROMO_JOB_CLIENT_SECRET")
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl") as recipients:
            recipients.write("".join(json.dumps(customer) + "\n" for customer in self.customers))
            recipients.flush()
            for occurrence in due:
                messages = dry_run(document, now=occurrence["fireAt"], recipients=recipients.name)["sample"]
                first = messages[0]
                if first["day"] != occurrence["day"]:
                    raise SeedError(f"the engine rendered day {first['day']} at {occurrence['fireAt']}, not {occurrence['day']}")
                answer = call("POST", f"{INBOX}/api/internal/inbox/messages:batch", job, body={
                    "promotionId": view["id"], "day": occurrence["day"], "dayNumber": occurrence["index"] + 1,
                    "dayCount": len(occurrences), "subject": first["subject"], "expiresAt": first["expiresAt"],
                    "products": first["products"],
                    "messages": [{"idempotencyKey": m["idempotencyKey"], "recipientId": m["recipientId"], "body": m["body"]}
                                 for m in messages]})
                if answer["refused"]:
                    raise SeedError(f"the inbox refused messages of {view['title']!r} {occurrence['day']}: {answer['refused']}")
                if answer["suppressed"]:
                    print(f"demo: {answer['suppressed']} message(s) of {occurrence['day']} suppressed: a demo customer "
                          "paused promotion messages (Inbox settings)", file=sys.stderr)
                self.report_delivered(view["id"], occurrence, len(messages), answer, job)
                # they arrived when the day fired (the job is that quick), not now
                sql("inbox", """
                    UPDATE message SET created_at = :'at'
                     WHERE idempotency_key = ANY (string_to_array(:'keys', ',')) AND day = :'day' AND NOT test;
                    """, at=occurrence["fireAt"], day=occurrence["day"],
                    keys=",".join(m["idempotencyKey"] for m in messages))
        return due

    def report_delivered(self, promotion_id, occurrence, recipients, answer, job):
        """The job's report of the day (one shard), so the Results tab shows it delivered, not missing."""
        fired = datetime.datetime.fromisoformat(occurrence["fireAt"])
        call("POST", f"{CALENDAR}/api/internal/promotions/{promotion_id}/deliveries", job, expect=(204,), body={
            "day": occurrence["day"], "shard": 0, "shards": 1, "outcome": "delivered", "recipients": recipients,
            "inserted": answer["inserted"], "duplicates": answer["duplicates"], "refused": len(answer["refused"]),
            "suppressed": answer["suppressed"], "startedAt": utc_text(fired),
            "finishedAt": utc_text(fired + datetime.timedelta(seconds=2))})

    def read(self, promotion_id, delivered, reads):
        """Each customer reads the first n delivered days (the read of a day reads the earlier days)."""
        for username, count in reads.items():
            n = len(delivered) if count == "all" else min(count, len(delivered))
            if n == 0:
                continue
            token = self.tokens.person(username)
            thread = call("GET", f"{INBOX}/api/inbox/promotions/{promotion_id}/messages", token)["items"]
            day = delivered[n - 1]["day"]
            message = next((m for m in thread if m["day"] == day), None)
            if message is None:
                raise SeedError(f"{username} has no message of {promotion_id} on {day} to read")
            call("POST", f"{INBOX}/api/inbox/messages/{message['id']}/read", token, expect=(204,))

    def publish_in_the_past(self, view, published_at):
        """What the calendar's publish writes (row, audit entry, change-feed entry), dated `published_at`:
        the API refuses to publish a promotion whose end has passed."""
        rows = sql("calendar", """
            BEGIN;
            SELECT pg_advisory_xact_lock(:lock) \\g /dev/null
            WITH published AS (
                UPDATE promotion
                   SET version = version + 1, status = 'PUBLISHED', updated_at = :'at', updated_by = :'actor',
                       document = document || jsonb_build_object('status', 'PUBLISHED', 'version', version + 1)
                 WHERE id = :'id' AND status = 'DRAFT' AND version = :'version'
                RETURNING id, version, document, ends_at
            ), audit AS (
                INSERT INTO promotion_audit (promotion_id, version, action, actor, at)
                SELECT id, version, 'PUBLISHED', :'actor', :'at' FROM published
            )
            INSERT INTO promotion_change (promotion_id, kind, promotion, version, ends_at)
            SELECT id, 'PUBLISHED', document, version, ends_at FROM published
            RETURNING version;
            COMMIT;
            """, id=view["id"], version=view["version"], at=published_at, actor=ADMIN, lock=OUTBOX_APPEND_LOCK)
        if rows != [[str(view["version"] + 1)]]:
            raise SeedError(f"{view['title']!r} ({view['id']}) changed meanwhile; not published")
        return call("GET", f"{CALENDAR}/api/promotions/{view['id']}", self.admin())

    def sync_inbox(self, view, reason):
        """The inbox's copy of the promotion's state, as the calendar's relay sends it (same version)."""
        token = self.tokens.service("event-calendar", "CALENDAR_SYNC_CLIENT_SECRET")
        call("PUT", f"{INBOX}/api/internal/inbox/promotions/{view['id']}", token, expect=(204,), body={
            "version": view["version"], "status": view["status"], "endsAt": view["endsAtInstant"],
            "withdrawnReason": reason if view["status"] == "UNPUBLISHED" else None})

    def date_the_audit(self, promotion_id, spec):
        """Planned and published days before today (the unpublish stays at its real time)."""
        created = admin_time(spec["created"])
        published = admin_time(spec["published"]) if "published" in spec else created
        sql("calendar", """
            UPDATE promotion_audit SET at = CASE action WHEN 'CREATED' THEN :'created' ELSE :'published' END::timestamptz
             WHERE promotion_id = :'id' AND action IN ('CREATED', 'PUBLISHED');
            UPDATE promotion SET created_at = :'created',
                   updated_at = CASE WHEN status = 'UNPUBLISHED' THEN updated_at ELSE :'published' END::timestamptz
             WHERE id = :'id';
            """, id=promotion_id, created=created, published=published)

    def remove(self, manifest):
        """Removes the manifest's promotions — through the calendar's API, so the scheduler lets go of
        them — then their inbox messages and state, once the relay has passed their last change."""
        ids = [entry["id"] for entry in manifest["promotions"]]
        for promotion_id in ids:
            try:
                uuid.UUID(promotion_id)  # the manifest names promotions by id, nothing else
            except ValueError:
                raise SeedError(f"{MANIFEST} lists {promotion_id!r}, which is not a promotion id") from None
            status, view = request("GET", f"{CALENDAR}/api/promotions/{promotion_id}", self.admin())
            if status == 404:
                continue  # deleted by hand already
            if status != 200:
                raise SeedError(f"GET {CALENDAR}/api/promotions/{promotion_id} answered {status}: {view}")
            if view["status"] == "PUBLISHED":
                view = call("POST", f"{CALENDAR}/api/promotions/{promotion_id}/unpublish", self.admin(),
                            body={"reason": "Demo data reset"}, headers=if_match(view))
            call("DELETE", f"{CALENDAR}/api/promotions/{promotion_id}", self.admin(), headers=if_match(view),
                 expect=(204,))
        self.wait_for_relay(ids)
        sql("inbox", """
            DELETE FROM message WHERE promotion_id = ANY (string_to_array(:'ids', ','));
            DELETE FROM promotion_state WHERE promotion_id = ANY (string_to_array(:'ids', ','));
            DELETE FROM muted_promotion WHERE promotion_id = ANY (string_to_array(:'ids', ','));
            """, ids=",".join(ids))
        os.remove(MANIFEST)
        print(f"demo: removed {len(ids)} demo promotion(s) and their inbox messages")

    def wait_for_relay(self, ids, timeout=60):
        """Until the calendar's relay has sent the inbox the last change of these promotions
        (else its send would bring a promotion_state row back after the delete)."""
        deadline = time.monotonic() + timeout
        while True:
            rows = sql("calendar", """
                SELECT coalesce(max(c.cursor), 0) <= (SELECT cursor FROM outbox_relay WHERE name = 'inbox')
                  FROM promotion_change c WHERE c.promotion_id = ANY (string_to_array(:'ids', ',')::uuid[]);
                """, ids=",".join(ids))
            if rows == [["t"]]:
                return
            if time.monotonic() > deadline:
                print(f"demo: the calendar's inbox relay has not caught up after {timeout}s; removing anyway",
                      file=sys.stderr)
                return
            time.sleep(0.5)  # poll interval; the relay runs every 0.5 s


def read_manifest():
    try:
        with open(MANIFEST) as file:
            return json.load(file)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise SeedError(f"{MANIFEST} cannot be read ({error}); delete it to seed afresh "
                        "(the promotions it lists then stay)") from None


def write_manifest(manifest):
    os.makedirs(os.path.dirname(MANIFEST), exist_ok=True)
    with open(MANIFEST + ".part", "w") as file:
        json.dump(manifest, file, indent=2)
    os.replace(MANIFEST + ".part", MANIFEST)


def current_manifest():
    """The manifest if it is of this database cluster; a manifest of an earlier cluster is dropped."""
    manifest = read_manifest()
    if manifest and manifest.get("cluster") != cluster_id():
        print("demo: the manifest is of an earlier database cluster; its promotions are gone with it")
        os.remove(MANIFEST)
        return None
    return manifest


def main(command):
    if command == "status":
        manifest = read_manifest()
        if manifest and manifest.get("complete"):
            states = ", ".join(entry["state"] for entry in manifest["promotions"])
            print(f"  Demo data      {len(manifest['promotions'])} promotions ({states}), seeded "
                  f"{manifest['seededAt'][:10]}; ./dev reset-demo seeds them again")
        else:
            print("  Demo data      not seeded; ./dev reset-demo seeds it")
        return
    seeder = Seeder()
    manifest = current_manifest()
    if command == "seed" and manifest and manifest.get("complete"):
        print(f"demo: already seeded on {manifest['seededAt']} ({MANIFEST}); ./dev reset-demo seeds again")
        return
    if manifest:
        if command == "seed":
            print("demo: the last seeding stopped half-way; removing what it made")
        seeder.remove(manifest)
    elif command != "seed":
        print(f"demo: nothing seeded on this database cluster ({MANIFEST} not found)")
    if command in ("seed", "reset"):
        seeder.seed()


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("seed", "reset", "remove", "status"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    try:
        main(sys.argv[1])
    except SeedError as error:
        print(f"demo: {error}", file=sys.stderr)
        sys.exit(1)
