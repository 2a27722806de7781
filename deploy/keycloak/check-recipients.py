#!/usr/bin/env python3
"""Checks the recipients extension (deploy/keycloak/recipients-provider) against the
running Keycloak, in a realm of its own that it creates and deletes again (realm `shop`
is never touched; a leftover of a crashed run is deleted first).

The realm has one user for each way of holding `customer` (realm default roles, a group
whose parent has the role, directly, a composite of a composite) and one for each way of
not counting (disabled, not a customer, a service account with the role). Exactly the four
enabled people must come back, in id order, also when walked one by one with `after`; the
caller needs view-users. Keycloak's own tokens cross-check the fixture: each person's
`realm_access.roles` is Keycloak's answer to "is this a customer".

With --timing N it also seeds N more customers (one partial import) and times walking all
customers through the extension against Keycloak's offset-paged
GET /admin/realms/{realm}/roles/customer/users, both at the job's page size.

usage: KEYCLOAK_ADMIN_USERNAME=... KEYCLOAK_ADMIN_PASSWORD=... check-recipients.py [KEYCLOAK_URL] [--timing N]
Exit 0 when all checks hold, 1 otherwise, 2 for a missing variable or bad arguments.
"""
import base64
import json
import os
import secrets
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                "deploy", "local", "python"))
import http_json  # noqa: E402

REALM = "promo-recipients-check"
PAGE_SIZE = 500  # the job's PROMO_KEYCLOAK_PAGE_SIZE default
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def call(method, url, token=None, body=None, form=None):
    """(status, content type, parsed JSON or None); HTTP errors are answers, not exceptions."""
    answer = http_json.call(method, url, token, body, form, timeout=300)
    return answer.status, answer.content_type, answer.body if "json" in answer.content_type else None


class Keycloak:
    def __init__(self, url, admin_username, admin_password):
        self.url = url
        self.admin_login = {"grant_type": "password", "client_id": "admin-cli",
                            "username": admin_username, "password": admin_password}
        self.admin_token, self.admin_token_until = None, 0.0

    def token(self, realm, form):
        status, _, answer = call("POST", f"{self.url}/realms/{realm}/protocol/openid-connect/token", form=form)
        return answer if status == 200 else None

    def admin_bearer(self):
        """A valid token of the master realm's admin (they live a minute: renewed when about to expire)."""
        if time.monotonic() > self.admin_token_until:
            answer = self.token("master", self.admin_login)
            if answer is None:
                raise SystemExit(f"cannot sign in to the master realm of {self.url} as the bootstrap admin")
            self.admin_token = answer["access_token"]
            self.admin_token_until = time.monotonic() + answer["expires_in"] - 10
        return self.admin_token

    def admin(self, method, path, body=None):
        """The master realm's admin, for setting up and tearing down."""
        return call(method, f"{self.url}/admin/realms{path}", self.admin_bearer(), body)

    def members(self, token, role="customer", after=None, page_size=None):
        """GET .../promo-recipients/members: role, and after and max when given."""
        query = {"role": role}
        if after is not None:
            query["after"] = after
        if page_size is not None:
            query["max"] = page_size
        return call("GET", f"{self.url}/admin/realms/{REALM}/promo-recipients/members?{urllib.parse.urlencode(query)}", token)


def fixture(secret):
    """The test realm: one user per way of being, or not being, a customer."""
    def client(client_id, **settings):
        return {"clientId": client_id, "enabled": True, "publicClient": False, "secret": secret,
                "standardFlowEnabled": False, "directAccessGrantsEnabled": False,
                "serviceAccountsEnabled": False, **settings}

    def person(username, locale=None, **settings):
        return {"username": username, "enabled": True, "email": f"{username}@check.example",
                "firstName": username.split("-")[0].title(), "lastName": "Check", "emailVerified": True,
                "credentials": [{"type": "password", "value": secret, "temporary": False}],
                **({"attributes": {"locale": [locale]}} if locale else {}), **settings}

    def service_account(client_id, **roles):
        return {"username": f"service-account-{client_id}", "enabled": True, "serviceAccountClientId": client_id, **roles}

    default_roles = f"default-roles-{REALM}"
    return {
        "realm": REALM, "enabled": True, "sslRequired": "none",
        "internationalizationEnabled": True, "supportedLocales": ["en", "de", "fr"], "defaultLocale": "en",
        "roles": {"realm": [
            {"name": "customer"},
            {"name": "loyal-shopper", "composite": True, "composites": {"realm": ["customer"]}},
            {"name": "vip", "composite": True, "composites": {"realm": ["loyal-shopper"]}},
            {"name": "staff"},
            # what a new user gets, here with customer: how self-registered shoppers become customers
            {"name": default_roles, "composite": True, "composites": {"realm": ["customer"]}},
        ]},
        "defaultRole": {"name": default_roles},
        "groups": [
            {"name": "members", "realmRoles": ["customer"], "subGroups": [{"name": "berlin"}]},
            {"name": "staff", "realmRoles": ["staff"]},
        ],
        "clients": [
            client("recipients-reader", serviceAccountsEnabled=True),  # realm-management view-users
            client("query-only", serviceAccountsEnabled=True),  # realm-management query-users
            client("no-directory", serviceAccountsEnabled=True),  # no realm-management role
            client("robot", serviceAccountsEnabled=True),  # a service account holding `customer`
            client("password-login", directAccessGrantsEnabled=True),  # the cross-check's tokens
        ],
        "users": [
            person("group-member", groups=["/members/berlin"]),  # the PARENT group has the role
            person("direct-customer", locale="fr", realmRoles=["customer"]),
            person("vip-customer", realmRoles=["vip"]),  # vip -> loyal-shopper -> customer
            person("disabled-customer", realmRoles=["customer"], enabled=False),
            person("staff-member", realmRoles=["staff"], groups=["/staff"]),
            service_account("recipients-reader", clientRoles={"realm-management": ["view-users"]}),
            service_account("query-only", clientRoles={"realm-management": ["query-users"]}),
            service_account("no-directory"),
            service_account("robot", realmRoles=["customer"]),
        ],
    }


def keyset_walk(keycloak, bearer, page_size):
    """All members through the extension: (members, calls); `after` is the last id of the previous page."""
    members, after, calls = [], None, 0
    while True:
        status, _, page = keycloak.members(bearer(), after=after, page_size=page_size)
        calls += 1
        if status != 200:
            raise AssertionError(f"members page after {after}: {status}")
        members += page
        if len(page) < page_size:
            return members, calls
        after = page[-1]["id"]


def offset_walk(keycloak, bearer, page_size):
    """All direct members through Keycloak's own listing, page by page with first/max: (members, calls)."""
    members, calls = [], 0
    while True:
        status, _, page = call("GET", f"{keycloak.url}/admin/realms/{REALM}/roles/customer/users"
                                      f"?first={len(members)}&max={page_size}&briefRepresentation=false", bearer())
        calls += 1
        if status != 200:
            raise AssertionError(f"role members from {len(members)}: {status}")
        members += page
        if len(page) < page_size:
            return members, calls


def check_members(keycloak, secret):
    # the user who signs up on their own: created through the Admin API, which, like
    # registration, grants the realm's default roles
    self_registered = {"username": "self-registered", "enabled": True, "email": "self-registered@check.example",
                       "firstName": "Selma", "lastName": "Check", "emailVerified": True,
                       "attributes": {"locale": ["de"]},
                       "credentials": [{"type": "password", "value": secret, "temporary": False}]}
    status, _, _ = keycloak.admin("POST", f"/{REALM}/users", self_registered)
    check(status == 201, "a self-registered-like user is created with the default roles")

    _, _, users = keycloak.admin("GET", f"/{REALM}/users?max=100&briefRepresentation=false")
    by_name = {user["username"]: user for user in users}
    people = ["self-registered", "group-member", "direct-customer", "vip-customer", "disabled-customer", "staff-member"]
    expected = {"self-registered", "group-member", "direct-customer", "vip-customer"}

    # the fixture, as Keycloak itself sees it: who carries `customer` in a token
    for username in people:
        if not by_name[username]["enabled"]:
            continue
        answer = keycloak.token(REALM, {"grant_type": "password", "client_id": "password-login",
                                        "client_secret": secret, "username": username, "password": secret})
        if answer is None:
            check(False, f"fixture: {username} signs in")
            continue
        roles = set(claims(answer["access_token"]).get("realm_access", {}).get("roles", []))
        check(("customer" in roles) == (username in expected),
              f"fixture: Keycloak's token for {username} {'has' if username in expected else 'lacks'} customer")
    robot = keycloak.token(REALM, {"grant_type": "client_credentials", "client_id": "robot", "client_secret": secret})
    check(robot is not None and "customer" in claims(robot["access_token"])["realm_access"]["roles"],
          "fixture: the robot service account holds customer")

    reader = keycloak.token(REALM, {"grant_type": "client_credentials", "client_id": "recipients-reader",
                                    "client_secret": secret})["access_token"]
    status, content_type, page = keycloak.members(reader, page_size=5000)
    check(status == 200 and content_type.startswith("application/json"), f"view-users may list the members ({status})")
    page = page or []
    names = [member["username"] for member in page]
    check(set(names) == expected and len(names) == len(expected),
          f"exactly the enabled people holding customer, each once (got {names})")
    ids = [member["id"] for member in page]
    check(ids == sorted(ids), "ordered by id")
    check(all(member["id"] == by_name[member["username"]]["id"] for member in page), "ids are the users' ids")
    fields = {member["username"]: member for member in page}
    check(fields.get("self-registered", {}).get("locale") == "de" and fields.get("direct-customer", {}).get("locale") == "fr",
          "locale from the user attribute")
    check("vip-customer" in fields and "locale" not in fields["vip-customer"], "no locale attribute: no locale field")
    check(fields.get("group-member", {}).get("firstName") == "Group", "firstName")

    walked, calls = keyset_walk(keycloak, lambda: reader, 1)
    check([member["id"] for member in walked] == ids and calls == len(ids) + 1,
          f"max=1 with after walks all {len(ids)} once, in order ({calls} calls)")
    if len(ids) == len(expected):
        _, _, rest = keycloak.members(reader, after=ids[1], page_size=5000)
        check([member["id"] for member in rest or []] == ids[2:], "after=<id> starts right after that id")

    status, content_type, problem = keycloak.members(reader, role="no-such-role")
    check(status == 404 and content_type.startswith("application/problem+json") and problem.get("status") == 404,
          f"an unknown role is a 404 problem ({status} {content_type})")
    for bad in ("0", "5001", "ten", "-1"):
        status, content_type, _ = keycloak.members(reader, page_size=bad)
        check(status == 400 and content_type.startswith("application/problem+json"), f"max={bad} is a 400 problem ({status})")
    status, _, _ = call("GET", f"{keycloak.url}/admin/realms/{REALM}/promo-recipients/members?max=10", reader)
    check(status == 400, f"no role is a 400 ({status})")
    status, _, _ = keycloak.members(reader, role="staff")
    check(status == 200, "any realm role may be asked for")

    status, _, _ = keycloak.members(None)
    check(status == 401, f"no token: 401 ({status})")
    for client_id in ("no-directory", "query-only"):
        token = keycloak.token(REALM, {"grant_type": "client_credentials", "client_id": client_id,
                                       "client_secret": secret})["access_token"]
        status, _, _ = keycloak.members(token)
        check(status == 403, f"{client_id} (no view-users) is refused: 403 ({status})")


def time_enumeration(keycloak, count):
    """Seeds `count` direct customers, then walks all customers both ways, twice each."""
    users = [{"username": f"load-{i:06d}", "enabled": True, "firstName": f"Load{i}", "lastName": "Check",
              "email": f"load-{i:06d}@check.example", "realmRoles": ["customer"],
              **({"attributes": {"locale": ["de"]}} if i % 3 == 0 else {})} for i in range(count)]
    started = time.monotonic()
    status, _, result = keycloak.admin("POST", f"/{REALM}/partialImport", {"ifResourceExists": "FAIL", "users": users})
    check(status == 200 and result.get("added") == count,
          f"partial import of {count} users ({time.monotonic() - started:.1f} s)")

    # Keycloak's listing needs view-realm besides view-users (deploy/keycloak/README.md): both
    # walks use the master admin, at the job's page size; two rounds, so both run warm once
    for attempt in (1, 2):
        for name, walker in (("extension, keyset", keyset_walk), ("roles/customer/users, offset", offset_walk)):
            started = time.monotonic()
            members, calls = walker(keycloak, keycloak.admin_bearer, PAGE_SIZE)
            seconds = time.monotonic() - started
            print(f"time round {attempt}: {name:30} {len(members):6} users in {calls:3} calls, {seconds:6.2f} s")
            if walker is keyset_walk:
                check(len(members) == count + 4 and len({member["id"] for member in members}) == len(members),
                      f"extension: the {count} seeded + 4 customers, each once")


def claims(access_token):
    payload = access_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def main():
    args = sys.argv[1:]
    timing = None
    if "--timing" in args:
        at = args.index("--timing")
        try:
            timing = int(args[at + 1])
        except (IndexError, ValueError):
            print("--timing needs a number of users", file=sys.stderr)
            return 2
        del args[at:at + 2]
    url = (args[0] if args else "http://127.0.0.1:8180").rstrip("/")
    credentials = {}
    for variable in ("KEYCLOAK_ADMIN_USERNAME", "KEYCLOAK_ADMIN_PASSWORD"):
        if not os.environ.get(variable):
            print(f"check-recipients: {variable} is not set (the master realm's admin)", file=sys.stderr)
            return 2
        credentials[variable] = os.environ[variable]
    keycloak = Keycloak(url, credentials["KEYCLOAK_ADMIN_USERNAME"], credentials["KEYCLOAK_ADMIN_PASSWORD"])

    status, _, _ = keycloak.admin("DELETE", f"/{REALM}")
    if status == 204:
        print(f"deleted realm {REALM} left over by an earlier run")
    secret = secrets.token_urlsafe(24)
    status, _, answer = keycloak.admin("POST", "", fixture(secret))
    if status != 201:
        print(f"FAIL creating realm {REALM}: {status} {answer}")
        return 1
    try:
        check_members(keycloak, secret)
        if timing:
            time_enumeration(keycloak, timing)
    finally:
        status, _, _ = keycloak.admin("DELETE", f"/{REALM}")
        check(status == 204, f"realm {REALM} deleted")

    print(f"\n{len(failures)} check(s) failed" if failures else "\nrecipients extension: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
