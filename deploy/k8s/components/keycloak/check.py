#!/usr/bin/env python3
"""Checks the Keycloak components against the local realm and against what a
shared production realm must never get, by rendering them (kubectl kustomize)
on their own (check/production, check/standalone) and in the overlays that
include them (deploy/k8s/overlays/*):

  - the generated realm configuration is current (realm.py --check);
  - both hold exactly the local realm's roles and its clients minus the
    tests-only ones (dev-test-*), the same audience mappers, the same
    service-account roles; no demo user; no secret or password of the local
    realm file anywhere in the rendered output;
  - every secret is a placeholder that the CronJob's environment or the
    realm import's placeholders fill from a Secret; shop-web's addresses are
    the endpoints ConfigMap's WEB_URL;
  - keycloak-config-cli deletes nothing (every import.managed.* no-delete,
    remote state on) and its image is pinned;
  - the standalone realm: sslRequired external, brute-force protection on; its
    Keycloak's hostname is the origin of KEYCLOAK_ISSUER (one issuer).

usage: check.py   (renders with `kubectl kustomize`, or the command in $KUSTOMIZE).
       Exit 0 when all checks pass, 1 otherwise.
"""
import json
import pathlib
import os
import re
import shlex
import subprocess
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[3]
LOCAL_REALM = json.loads((ROOT / "deploy" / "keycloak" / "realm-shop.json").read_text())
OVERLAYS = ROOT / "deploy" / "k8s" / "overlays"
# keycloak-config-cli 6.5.0's import.managed.* (ImportConfigProperties), as environment variables.
MANAGED = ["REQUIREDACTION", "GROUP", "SUBGROUP", "CLIENTSCOPE", "SCOPEMAPPING", "CLIENTSCOPEMAPPING", "COMPONENT",
           "SUBCOMPONENT", "AUTHENTICATIONFLOW", "IDENTITYPROVIDER", "IDENTITYPROVIDERMAPPER", "ROLE", "CLIENT",
           "CLIENTAUTHORIZATIONRESOURCES", "CLIENTAUTHORIZATIONPOLICIES", "CLIENTAUTHORIZATIONSCOPES",
           "MESSAGEBUNDLES", "ORGANIZATION", "WORKFLOW"]

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def render(directory):
    # KUSTOMIZE: the command that renders a directory (./dev's manifests part passes kustomize where kubectl is missing)
    command = shlex.split(os.environ.get("KUSTOMIZE") or "kubectl kustomize")
    rendered = subprocess.run([*command, str(directory)], capture_output=True, text=True)
    check(rendered.returncode == 0, f"{directory.relative_to(ROOT)} renders {rendered.stderr.strip()[:300]}")
    return rendered.stdout if rendered.returncode == 0 else ""


def documents(text):
    return [doc for doc in yaml.safe_load_all(text) if doc]


def one(docs, kind, name_prefix):
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"].startswith(name_prefix)]
    return found[0] if len(found) == 1 else None


def known_secrets():
    values = {c["secret"] for c in LOCAL_REALM["clients"] if "secret" in c}
    values |= {cred["value"] for u in LOCAL_REALM["users"] for cred in u.get("credentials", [])}
    return values


def expected():
    """The local realm's system parts, in a comparable form (placeholders aside)."""
    clients = {c["clientId"]: c for c in LOCAL_REALM["clients"] if not c["clientId"].startswith("dev-test-")}
    accounts = {u["serviceAccountClientId"]: u for u in LOCAL_REALM["users"] if u.get("serviceAccountClientId") in clients}
    return {r["name"] for r in LOCAL_REALM["roles"]["realm"]}, clients, accounts


def comparable(client):
    """A client without what differs on purpose (secret, shop-web's addresses)."""
    drop = {"secret", "rootUrl", "redirectUris", "webOrigins"}
    attributes = {k: v for k, v in client.get("attributes", {}).items() if k != "post.logout.redirect.uris"}
    return {**{k: v for k, v in client.items() if k not in drop}, "attributes": attributes}


def check_realm(label, realm, secret_placeholder, web_url):
    roles, clients, accounts = expected()
    got_clients = {c["clientId"]: c for c in realm["clients"]}
    # a realm of its own also has Keycloak's default roles (offline_access, uma_authorization, default-roles-*)
    ours = {r["name"] for r in realm["roles"]["realm"]} - {"offline_access", "uma_authorization", f"default-roles-{realm['realm']}"}
    check(ours == roles, f"{label}: the local realm's roles {sorted(roles)}")
    check(set(got_clients) == set(clients), f"{label}: the local clients without dev-test-* {sorted(clients)}")
    check(all(comparable(got_clients[c]) == comparable(clients[c]) for c in clients if c in got_clients),
          f"{label}: each client as in the local realm (flows, mappers, attributes)")
    users = realm.get("users", [])
    check(all(u.get("serviceAccountClientId") for u in users), f"{label}: no user but service accounts (no demo users)")
    check({u["serviceAccountClientId"]: (u.get("realmRoles"), u.get("clientRoles")) for u in users}
          == {c: (u.get("realmRoles"), u.get("clientRoles")) for c, u in accounts.items()},
          f"{label}: the service accounts' roles as in the local realm")
    secrets = {c["clientId"]: c.get("secret") for c in realm["clients"] if not c.get("publicClient")}
    check(all(re.fullmatch(secret_placeholder, s or "") for s in secrets.values()),
          f"{label}: every client secret is a placeholder {sorted(set(secrets.values()))}")
    web = got_clients.get("shop-web", {})
    check(web.get("rootUrl") == web_url and web.get("redirectUris") == [f"{web_url}/*"]
          and web.get("webOrigins") == [web_url]
          and web.get("attributes", {}).get("post.logout.redirect.uris") == f"{web_url}/*",
          f"{label}: shop-web's addresses are WEB_URL ({web_url})")
    return secrets


def env_of(cronjob):
    container = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    return container, {e["name"]: e for e in container.get("env", [])}


def check_production(label, docs, endpoints):
    cronjob = one(docs, "CronJob", "keycloak-config")
    config = one(docs, "ConfigMap", "keycloak-config-realm")
    check(cronjob is not None and config is not None, f"{label}: keycloak-config-cli's CronJob and its realm file")
    if not (cronjob and config):
        return
    realm = json.loads(config["data"]["shop-realm.json"])
    check(set(realm) == {"realm", "roles", "clients", "users"},
          f"{label}: only roles, clients and service accounts — none of the shop realm's own settings")
    secrets = check_realm(label, realm, r"\$\(env:[A-Z_]+\)", "$(env:WEB_URL)")
    container, env = env_of(cronjob)
    check(re.fullmatch(r"docker\.io/adorsys/keycloak-config-cli:\d+\.\d+\.\d+-\d+\.\d+\.\d+", container["image"]),
          f"{label}: keycloak-config-cli's image is pinned ({container['image']})")
    wanted = {s[len("$(env:"):-1] for s in secrets.values()}
    check(all(env.get(name, {}).get("valueFrom", {}).get("secretKeyRef") for name in wanted),
          f"{label}: each secret placeholder comes from a Secret {sorted(wanted)}")
    check(env.get("WEB_URL", {}).get("valueFrom", {}).get("configMapKeyRef", {}).get("key") == "WEB_URL",
          f"{label}: WEB_URL from the endpoints ConfigMap")
    check(all(env.get(f"IMPORT_MANAGED_{kind}", {}).get("value") == "no-delete" for kind in MANAGED)
          and env.get("IMPORT_REMOTESTATE_ENABLED", {}).get("value") == "true",
          f"{label}: keycloak-config-cli deletes nothing (import.managed.* no-delete, remote state on)")
    check(env.get("IMPORT_VARSUBSTITUTION_ENABLED", {}).get("value") == "true", f"{label}: placeholders are substituted")
    check(endpoints is not None and "WEB_URL" in endpoints.get("data", {}),
          f"{label}: the endpoints ConfigMap has WEB_URL (shop-web's addresses)")


def check_standalone(label, docs, endpoints):
    realm_import = one(docs, "KeycloakRealmImport", "shop")
    keycloak = one(docs, "Keycloak", "keycloak")
    check(realm_import is not None and keycloak is not None, f"{label}: a Keycloak and the realm import")
    if not (realm_import and keycloak and endpoints):
        return
    realm = realm_import["spec"]["realm"]
    check(realm.get("sslRequired") == "external" and realm.get("bruteForceProtected") is True,
          f"{label}: sslRequired external, brute-force protection on")
    web_url = endpoints["data"].get("WEB_URL")
    secrets = check_realm(label, realm, r"\$\{[A-Z_]+\}", web_url)
    placeholders = realm_import["spec"].get("placeholders", {})
    check({s[2:-1] for s in secrets.values()} == set(placeholders)
          and all(p.get("secret", {}).get("name") and p["secret"].get("key") for p in placeholders.values()),
          f"{label}: each ${{NAME}} is a placeholder filled from a Secret")
    issuer = endpoints["data"]["KEYCLOAK_ISSUER"]
    origin = issuer.removesuffix(f"/realms/{endpoints['data']['KEYCLOAK_REALM']}")
    check(keycloak["spec"].get("hostname", {}).get("hostname") == origin,
          f"{label}: Keycloak's hostname is the issuer's origin {origin} (KEYCLOAK_ISSUER {issuer})")
    check(re.fullmatch(r".+:\d+\.\d+\.\d+", keycloak["spec"].get("image", "")) is not None,
          f"{label}: Keycloak's image is pinned")


def main():
    realm_check = subprocess.run([sys.executable, str(HERE / "realm.py"), "--check"], capture_output=True, text=True)
    print(realm_check.stdout.strip())
    if realm_check.returncode:
        failures.append("realm.py --check")
    renders = [(HERE / "check" / "production", {"production"}), (HERE / "check" / "standalone", {"standalone"})]
    for overlay in sorted(OVERLAYS.glob("*/kustomization.yaml")):
        included = set(re.findall(r"components/keycloak/(production|standalone)\b", overlay.read_text()))
        if included:
            renders.append((overlay.parent, included))
    secrets = known_secrets()
    for directory, included in renders:
        text = render(directory)
        if not text:
            continue
        label = str(directory.relative_to(ROOT))
        docs = documents(text)
        endpoints = one(docs, "ConfigMap", "promo-calendar-endpoints")
        # "admin" is a role name as well as a demo password: it is left out of the search.
        leaked = sorted(s for s in secrets - {"admin"} if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text))
        check(not leaked, f"{label}: no secret or password of the local realm file (found {leaked})")
        check("dev-test" not in text, f"{label}: no tests-only client")
        check_production(label, docs, endpoints)  # the standalone component includes the CronJob too
        if "standalone" in included:
            check_standalone(label, docs, endpoints)
    print(f"\n{len(failures)} check(s) failed" if failures else "\nkeycloak components: all checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
