#!/usr/bin/env python3
"""Derives the cluster's realm configuration from the local one, so that
deploy/keycloak/realm-shop.json stays the one source of truth for this
system's roles, clients, audience mappers and service-account roles:

  production/shop-realm.json   what keycloak-config-cli adds to the shop's existing
                               realm `shop` (production component): this system's
                               realm roles, clients and service-account role
                               assignments, nothing of the realm's own settings
  standalone/realm-import.yaml the KeycloakRealmImport of a realm `shop` of its own
                               (standalone component): the same, plus the realm's
                               settings with sslRequired external and brute-force
                               protection on, and customer among the default roles

Left out of both: the tests-only clients (dev-test-*), the demo users and every
known secret. A confidential client's secret becomes a placeholder for an
environment variable, filled from the Kubernetes Secret <client-id>-client
(key client-secret) — keycloak-config-cli's $(env:NAME), the Keycloak
Operator's ${NAME} with spec.placeholders. shop-web's addresses become the
shop's web origin, WEB_URL of the ConfigMap promo-calendar-endpoints.

usage: realm.py           write both files
       realm.py --check   exit 1 when a committed file differs from what the
                          realm file gives (./dev test manifests runs this)
"""
import copy
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
REALM_FILE = HERE.parents[3] / "deploy" / "keycloak" / "realm-shop.json"
PRODUCTION = HERE / "production" / "shop-realm.json"
STANDALONE = HERE / "standalone" / "realm-import.yaml"

TESTS_ONLY_PREFIX = "dev-test-"
PEOPLE_ROLES = {"admin", "customer"}
WEB_CLIENT = "shop-web"
# Realm settings a realm of our own takes from the local file; the rest of the
# local realm's settings are the dev stack's (sslRequired none, no brute-force protection).
STANDALONE_SETTINGS = ["displayName", "enabled", "registrationAllowed", "loginWithEmailAllowed",
                       "duplicateEmailsAllowed", "resetPasswordAllowed", "editUsernameAllowed", "accessTokenLifespan",
                       "ssoSessionIdleTimeout", "ssoSessionMaxLifespan", "internationalizationEnabled",
                       "supportedLocales", "defaultLocale"]


def secret_variable(client_id):
    return client_id.upper().replace("-", "_") + "_CLIENT_SECRET"


def secret_name(client_id):
    return f"{client_id}-client"


def system_parts(realm, placeholder):
    """Roles, clients and service-account users of this system, test clients and
    demo users left out, secrets and shop-web's addresses as placeholders."""
    clients = [copy.deepcopy(c) for c in realm["clients"] if not c["clientId"].startswith(TESTS_ONLY_PREFIX)]
    kept = {c["clientId"] for c in clients}
    for client in clients:
        if "secret" in client:
            client["secret"] = placeholder(secret_variable(client["clientId"]))
        if client["clientId"] == WEB_CLIENT:
            web = placeholder("WEB_URL")
            client["rootUrl"] = web
            client["redirectUris"] = [f"{web}/*"]
            client["webOrigins"] = [web]
            client["attributes"]["post.logout.redirect.uris"] = f"{web}/*"
    service_accounts = [copy.deepcopy(u) for u in realm["users"] if u.get("serviceAccountClientId") in kept]
    return {"roles": {"realm": copy.deepcopy(realm["roles"]["realm"])}, "clients": clients, "users": service_accounts}


def production(realm):
    parts = system_parts(realm, lambda name: f"$(env:{name})")
    # The people's roles may be the shop's own already (its customers hold `customer`):
    # named only, so keycloak-config-cli creates them where missing and changes nothing else.
    parts["roles"]["realm"] = [{"name": role["name"]} if role["name"] in PEOPLE_ROLES else role
                               for role in parts["roles"]["realm"]]
    return {"realm": realm["realm"], **parts}


def standalone(realm):
    settings = {key: realm[key] for key in STANDALONE_SETTINGS if key in realm}
    # The operator fills placeholders from Secrets only: the secrets are ${NAME}, while
    # shop-web's addresses are the marker WEB_URL, which standalone/kustomization.yaml
    # replaces with WEB_URL of the ConfigMap promo-calendar-endpoints when rendering.
    parts = system_parts(realm, lambda name: name if name == "WEB_URL" else "${" + name + "}")
    realm_import = {
        "realm": realm["realm"], **settings,
        "sslRequired": "external",
        "bruteForceProtected": True,
        **parts,
    }
    # Customers get `customer` when they register, as the shop's realm gives it (contracts.md).
    # Keycloak takes the default role's composites from the role of that name in roles.realm.
    default_role = f"default-roles-{realm['realm']}"
    realm_import["roles"]["realm"] += [
        {"name": "offline_access", "description": "${role_offline-access}"},
        {"name": "uma_authorization", "description": "${role_uma_authorization}"},
    ]
    realm_import["roles"]["realm"].append({
        "name": default_role, "description": "${role_default-roles}", "composite": True,
        "composites": {"realm": ["offline_access", "uma_authorization", "customer"]}})
    realm_import["defaultRole"] = {"name": default_role}
    confidential = [c["clientId"] for c in parts["clients"] if "secret" in c]
    placeholders = {secret_variable(c): {"secret": {"name": secret_name(c), "key": "client-secret"}} for c in confidential}
    document = {
        "apiVersion": "k8s.keycloak.org/v2alpha1",
        "kind": "KeycloakRealmImport",
        "metadata": {"name": "shop"},
        "spec": {"keycloakCRName": "keycloak", "placeholders": placeholders, "realm": realm_import},
    }
    header = ("# Generated by ../realm.py from deploy/keycloak/realm-shop.json — do not edit;\n"
              "# change the realm file and run deploy/k8s/components/keycloak/realm.py.\n"
              "# (JSON is YAML: this file is JSON so that it is generated without a YAML library.)\n")
    return header + json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main():
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    wanted = {PRODUCTION: json.dumps(production(realm), indent=2, ensure_ascii=False) + "\n",
              STANDALONE: standalone(realm)}
    if sys.argv[1:] == ["--check"]:
        stale = [str(path.relative_to(HERE)) for path, text in wanted.items()
                 if not path.is_file() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"FAIL {path} is not what realm.py derives from deploy/keycloak/realm-shop.json (run realm.py)")
        if not stale:
            print("ok   the Keycloak components' realm configuration matches deploy/keycloak/realm-shop.json")
        sys.exit(1 if stale else 0)
    if sys.argv[1:]:
        sys.exit(__doc__)
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(HERE)}")


if __name__ == "__main__":
    main()
