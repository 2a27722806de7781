#!/usr/bin/env python3
"""Checks the running Keycloak against what the other parts rely on (contracts.md):
real tokens for every demo user and service account, their roles and audiences,
and what each service account may and may not do. Exit 0 when all hold, 1 otherwise.

usage: check-realm.py [KEYCLOAK_URL]   (default http://127.0.0.1:8180)
"""
import base64
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

KEYCLOAK = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8180").rstrip("/")
REALM = f"{KEYCLOAK}/realms/shop"
TOKEN_URL = f"{REALM}/protocol/openid-connect/token"
AUDIENCES = {"inbox-service", "event-calendar"}
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def token(form):
    data = urllib.parse.urlencode(form).encode()
    try:
        with urllib.request.urlopen(TOKEN_URL, data, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as refused:
        return {"error": refused.code}


def claims(access_token):
    payload = access_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def status(url, access_token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {access_token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


SERVICE_ROLES = {"admin", "customer", "inbox-writer", "calendar-reader", "promotion-sync", "inbox-privacy",
                 "delivery-reporter"}


def person(username, roles, user_id):
    answer = token({"grant_type": "password", "client_id": "dev-test-login", "client_secret": "dev-test-secret",
                    "username": username, "password": username})
    check("access_token" in answer, f"{username} signs in with password = username")
    if "access_token" not in answer:
        return
    c = claims(answer["access_token"])
    check(c["iss"] == REALM, f"{username}: issuer {REALM}")
    check(c["sub"] == user_id, f"{username}: fixed id {user_id}")
    check(AUDIENCES <= set(c.get("aud", [])), f"{username}: audiences {sorted(AUDIENCES)}")
    granted = set(c.get("realm_access", {}).get("roles", [])) & SERVICE_ROLES
    check(granted == roles, f"{username}: realm roles {sorted(roles)} (got {sorted(granted)})")
    # exp - iat is exact; `expires_in` is counted from the moment of the answer (299 on a slow second)
    check(c["exp"] - c["iat"] == 300, f"{username}: access token lives 5 minutes (exp - iat = {c['exp'] - c['iat']})")


def service(client, secret, roles, audiences):
    answer = token({"grant_type": "client_credentials", "client_id": client, "client_secret": secret})
    check("access_token" in answer, f"{client}: client credentials grant")
    if "access_token" not in answer:
        return None
    c = claims(answer["access_token"])
    granted = set(c.get("realm_access", {}).get("roles", [])) & SERVICE_ROLES
    check(granted == roles, f"{client}: realm roles exactly {sorted(roles)} (got {sorted(granted)})")
    aud = c.get("aud", [])
    aud = set([aud] if isinstance(aud, str) else aud)
    check(aud & AUDIENCES == audiences, f"{client}: service audiences exactly {sorted(audiences)} (got {sorted(aud & AUDIENCES)})")
    return answer["access_token"]


person("admin", {"admin", "customer"}, "5b0b7d1e-0000-4000-8000-00000000ad01")
person("alice", {"customer"}, "5b0b7d1e-0000-4000-8000-0000000a11ce")
person("bob", {"customer"}, "5b0b7d1e-0000-4000-8000-000000000b0b")
person("carol", {"customer"}, "5b0b7d1e-0000-4000-8000-00000000ca01")
check("error" in token({"grant_type": "password", "client_id": "dev-test-login", "client_secret": "dev-test-secret",
                        "username": "alice", "password": "wrong"}), "a wrong password is refused")
check("error" in token({"grant_type": "password", "client_id": "shop-web", "username": "alice", "password": "alice"}),
      "shop-web has no password grant (authorization code + PKCE only)")

job = service("promo-job", "promo-job-secret", {"inbox-writer", "calendar-reader", "delivery-reporter"}, AUDIENCES)
directory = service("promo-job-directory", "promo-job-directory-secret", set(), set())
scheduler = service("promo-scheduler", "promo-scheduler-secret", {"calendar-reader"}, {"event-calendar"})
service("event-calendar", "event-calendar-secret", {"promotion-sync"}, {"inbox-service"})
service("shop-account-deletion", "shop-account-deletion-secret", {"inbox-privacy"}, {"inbox-service"})
check("error" in token({"grant_type": "client_credentials", "client_id": "promo-job", "client_secret": "wrong"}),
      "a wrong client secret is refused")
customers = f"{KEYCLOAK}/admin/realms/shop/promo-recipients/members?role=customer&max=10"
if directory:
    check(status(customers, directory) == 200, "promo-job-directory may list the customers")
    check(status(f"{KEYCLOAK}/admin/realms/shop/clients", directory) == 403, "promo-job-directory may not read the clients (secrets)")
if job:
    check(status(customers, job) == 403, "promo-job's service token has no directory access")
if scheduler:
    check(status(customers, scheduler) == 403, "promo-scheduler may not list users")

print(f"\n{len(failures)} check(s) failed" if failures else "\nrealm shop: all checks passed")
sys.exit(1 if failures else 0)
