#!/usr/bin/env python3
"""Replaces a realm of the running Keycloak with the one in a realm file, through
the Admin REST API: deletes the realm if it exists, then creates it from the file
(users, clients, roles and all, with the file's fixed ids). For the local stack,
whose Keycloak keeps its data in PostgreSQL: 30-keycloak.sh calls this only when
the realm file changed since it was last loaded.

usage: load-realm.py KEYCLOAK_URL REALM_FILE   (admin: KEYCLOAK_ADMIN_USERNAME /
       KEYCLOAK_ADMIN_PASSWORD of the master realm; no defaults)
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    keycloak, realm_file = sys.argv[1].rstrip("/"), sys.argv[2]
    username = os.environ.get("KEYCLOAK_ADMIN_USERNAME") or sys.exit("KEYCLOAK_ADMIN_USERNAME is not set")
    password = os.environ.get("KEYCLOAK_ADMIN_PASSWORD") or sys.exit("KEYCLOAK_ADMIN_PASSWORD is not set")
    with open(realm_file, encoding="utf-8") as file:
        realm = json.load(file)
    form = urllib.parse.urlencode(
        {"grant_type": "password", "client_id": "admin-cli", "username": username, "password": password}).encode()
    with urllib.request.urlopen(f"{keycloak}/realms/master/protocol/openid-connect/token", form, timeout=60) as answer:
        token = json.load(answer)["access_token"]

    def call(method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{keycloak}/admin/realms{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return response.status
        except urllib.error.HTTPError as refused:
            return refused.code

    deleted = call("DELETE", f"/{realm['realm']}")
    if deleted not in (204, 404):
        sys.exit(f"deleting realm {realm['realm']} answered {deleted}")
    created = call("POST", "", realm)
    if created != 201:
        sys.exit(f"creating realm {realm['realm']} from {realm_file} answered {created}")
    print(f"realm {realm['realm']} loaded from {realm_file}")


if __name__ == "__main__":
    main()
