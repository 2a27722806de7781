#!/usr/bin/env python3
"""Imports the standalone component's realm (standalone/realm-import.yaml) into
the local stack's Keycloak — the same release the Keycloak Operator runs — as a
scratch realm, and checks it with real tokens: Keycloak accepts the
representation; every confidential client signs in with the secret its
placeholder was given and its token carries exactly the realm roles and
service audiences the local realm file gives it; shop-web is public with
authorization code + PKCE only; sslRequired external, brute-force protection
on, `customer` among the default roles; no user but the service accounts. The
scratch realm (its own name, random secrets) is deleted at the end, also when a
check fails.

usage: check-realm-import.py [KEYCLOAK_URL]   (default http://127.0.0.1:8180; the
       master realm's admin from KEYCLOAK_ADMIN_USERNAME / KEYCLOAK_ADMIN_PASSWORD)
"""
import base64
import json
import os
import pathlib
import re
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request

import yaml

HERE = pathlib.Path(__file__).resolve().parent
LOCAL_REALM = json.loads((HERE.parents[3] / "deploy" / "keycloak" / "realm-shop.json").read_text())
# its own name per run: two runs on one stack (two clones' tests) must not meet
SCRATCH = f"promo-realm-import-check-{secrets.token_hex(4)}"
WEB_URL = "https://shop.example"
AUDIENCE_MAPPER = "oidc-audience-mapper"

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def call(method, url, body=None, token=None, form=None):
    headers = {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()[:300]


def claims(access_token):
    payload = access_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def scratch_realm():
    """spec.realm with its placeholders filled (random secrets, the marker WEB_URL) under a scratch name."""
    text = (HERE / "standalone" / "realm-import.yaml").read_text()
    document = yaml.safe_load(text)
    given = {name: secrets.token_urlsafe(24) for name in document["spec"]["placeholders"]}
    realm_json = json.dumps(document["spec"]["realm"])
    realm_json = re.sub(r"\$\{([A-Z_]+)\}", lambda m: given[m.group(1)], realm_json)
    realm_json = realm_json.replace('"WEB_URL', f'"{WEB_URL}')
    realm = json.loads(realm_json)
    realm["realm"] = SCRATCH
    default_role = realm["defaultRole"]["name"]
    realm["defaultRole"]["name"] = f"default-roles-{SCRATCH}"
    for role in realm["roles"]["realm"]:
        if role["name"] == default_role:
            role["name"] = f"default-roles-{SCRATCH}"
    return realm, given


def expected_grants():
    """Per confidential client of the local realm (tests-only ones aside): its realm roles and audiences."""
    roles = {u["serviceAccountClientId"]: set(u.get("realmRoles", [])) for u in LOCAL_REALM["users"]
             if u.get("serviceAccountClientId")}
    grants = {}
    for client in LOCAL_REALM["clients"]:
        if client.get("publicClient") or client["clientId"].startswith("dev-test-"):
            continue
        audiences = {m["config"]["included.custom.audience"] for m in client.get("protocolMappers", [])
                     if m["protocolMapper"] == AUDIENCE_MAPPER}
        grants[client["clientId"]] = (roles.get(client["clientId"], set()), audiences)
    return grants


def main():
    keycloak = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8180").rstrip("/")
    username = os.environ.get("KEYCLOAK_ADMIN_USERNAME") or sys.exit("KEYCLOAK_ADMIN_USERNAME is not set")
    password = os.environ.get("KEYCLOAK_ADMIN_PASSWORD") or sys.exit("KEYCLOAK_ADMIN_PASSWORD is not set")
    status, answer = call("POST", f"{keycloak}/realms/master/protocol/openid-connect/token",
                          form={"grant_type": "password", "client_id": "admin-cli", "username": username,
                                "password": password})
    if status != 200:
        sys.exit(f"signing in to the master realm answered {status}")
    admin = answer["access_token"]
    admin_url = f"{keycloak}/admin/realms"
    realm, given = scratch_realm()
    status, answer = call("POST", admin_url, realm, token=admin)
    check(status == 201, f"Keycloak accepts the realm import's representation ({status} {answer or ''})")
    if status != 201:
        sys.exit(1)
    try:
        status, created = call("GET", f"{admin_url}/{SCRATCH}", token=admin)
        check(created.get("sslRequired") == "external" and created.get("bruteForceProtected") is True,
              "sslRequired external, brute-force protection on")
        default_roles = created.get("defaultRole", {}).get("id")
        status, composites = call("GET", f"{admin_url}/{SCRATCH}/roles-by-id/{default_roles}/composites", token=admin)
        check(status == 200 and "customer" in {r["name"] for r in composites}, "customer is among the default roles")
        status, users = call("GET", f"{admin_url}/{SCRATCH}/users?max=100", token=admin)
        check(status == 200 and all(u["username"].startswith("service-account-") for u in users),
              f"no user but service accounts ({sorted(u['username'] for u in users)})")
        token_url = f"{keycloak}/realms/{SCRATCH}/protocol/openid-connect/token"
        for client_id, (roles, audiences) in expected_grants().items():
            variable = client_id.upper().replace("-", "_") + "_CLIENT_SECRET"
            status, answer = call("POST", token_url, form={"grant_type": "client_credentials", "client_id": client_id,
                                                           "client_secret": given.get(variable, "")})
            if status != 200:
                check(False, f"{client_id} signs in with the secret of its placeholder ({status})")
                continue
            token_claims = claims(answer["access_token"])
            # exactly: a service account holds no default role (no `customer`: it is no person)
            got_roles = set(token_claims.get("realm_access", {}).get("roles", []))
            aud = token_claims.get("aud", [])
            got_audiences = ({aud} if isinstance(aud, str) else set(aud)) & {"inbox-service", "event-calendar"}
            check(got_roles == roles and got_audiences == audiences,
                  f"{client_id}: realm roles {sorted(roles)}, audiences {sorted(audiences)} "
                  f"(got {sorted(got_roles)}, {sorted(got_audiences)})")
        status, answer = call("POST", token_url, form={"grant_type": "client_credentials", "client_id": "promo-job",
                                                       "client_secret": "wrong"})
        check(status == 401, "a wrong secret is refused")
        status, answer = call("POST", token_url, form={"grant_type": "password", "client_id": "shop-web",
                                                       "username": "x", "password": "x"})
        check(status in (400, 401), "shop-web has no password grant")
        status, web = call("GET", f"{admin_url}/{SCRATCH}/clients?clientId=shop-web", token=admin)
        web = web[0] if status == 200 and web else {}
        check(web.get("publicClient") is True and web.get("attributes", {}).get("pkce.code.challenge.method") == "S256"
              and web.get("redirectUris") == [f"{WEB_URL}/*"], "shop-web: public, PKCE S256, redirect URIs on WEB_URL")
    finally:
        deleted, _ = call("DELETE", f"{admin_url}/{SCRATCH}", token=admin)
        check(deleted == 204, "the scratch realm is deleted")
    print(f"\n{len(failures)} check(s) failed" if failures else "\nrealm import in Keycloak: all checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
