#!/usr/bin/env python3
"""Runs the web image's nginx configuration for real, on this machine: renders
web/deploy/default.conf.template the way the image's entrypoint does (envsubst
of the listed variables only), starts nginx with web/deploy/nginx.conf on a free
port in front of stub calendar, inbox and inventory servers and a stand-in
build (index.html + a hashed asset), and checks what a browser and an attacker
would see:

  - the Content-Security-Policy and the other security headers, the nonce in
    the header equal to the one written into the page, a new one per answer;
  - the sign-in settings written into index.html from the environment;
  - the single-page app: client routes get index.html, hashed assets a year's
    cache, a missing asset 404, the app shell no-store;
  - /api: every route of web/vite.config.ts's proxy table reaches its service
    (and the template has no route the table lacks), the public product read
    without Authorization or Cookie, the inbox's server-sent events streamed
    (the first event arrives while the upstream still holds the response open);
  - /api/internal/** and every other /api path answer 404 without reaching a
    service, also when disguised (..;/, encoded dots and slashes).

With --browser it serves the real build (web/dist, `npm run build`) instead,
with the local stack's Keycloak as the issuer, and runs web-csp-in-browser.mjs:
Chromium signs in through Keycloak and opens the Inbox and the Event Calendar,
and any CSP violation fails (needs the stack's Keycloak; services may be down).

usage: test-web-server.py [--browser]   (needs nginx with the sub module: Debian's
       nginx-core; envsubst: gettext-base). Exit 0 when all checks pass, 1 otherwise.
"""
import http.client
import http.server
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
WEB_DEPLOY = ROOT / "web" / "deploy"
ISSUER = "https://login.shop.example/realms/shop"
ENVSUBST_VARIABLES = ["PORT", "INBOX_URL", "CALENDAR_URL", "INVENTORY_URL", "KEYCLOAK_ISSUER", "OIDC_CLIENT_ID",
                      "IMAGE_SOURCES"]
INDEX_HTML = ('<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Promo Shop</title></head>'
              '<body><div id="root"></div><script type="module" src="/assets/index-Bx12ab.js"></script></body></html>')

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Upstream(http.server.ThreadingHTTPServer):
    """A stub service: answers every request with what it received, as JSON;
    /api/inbox/unread-count/stream sends one event, waits until the test saw it,
    then a second."""

    daemon_threads = True

    def __init__(self, name):
        self.name = name
        self.requests = []
        self.first_event_seen = threading.Event()
        super().__init__(("127.0.0.1", 0), UpstreamHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class UpstreamHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.requests.append(self.path)
        if self.path.endswith("/unread-count/stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.chunk(b"data: {\"count\":1}\n\n")
            # The second event only once the client saw the first: a buffering proxy never lets it see it.
            self.server.first_event_seen.wait(5)
            self.chunk(b"data: {\"count\":2}\n\n")
            self.chunk(b"")
            return
        body = json.dumps({
            "service": self.server.name, "path": self.path,
            "authorization": self.headers.get("Authorization"), "cookie": self.headers.get("Cookie"),
            "acceptEncoding": self.headers.get("Accept-Encoding"),
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


def vite_proxy_routes():
    """The /api prefixes of web/vite.config.ts's proxy table and the URL variable each targets."""
    source = (ROOT / "web" / "vite.config.ts").read_text()
    variable_of = dict(re.findall(r"const (\w+Url) = process\.env\.(\w+)", source))
    table = source[source.index("const proxy"):source.index("export default")]
    return {prefix: variable_of[target] for prefix, target in re.findall(r"'(/api/[^']+)':\s*\{\s*target:\s*(\w+)", table)}


def render(work, port, upstream_urls, issuer=ISSUER, dist=None):
    env = {"PORT": str(port), "KEYCLOAK_ISSUER": issuer, "OIDC_CLIENT_ID": "shop-web", "IMAGE_SOURCES": "https:",
           "CALENDAR_URL": upstream_urls["calendar"], "INBOX_URL": upstream_urls["inbox"],
           "INVENTORY_URL": upstream_urls["inventory"]}
    template = (WEB_DEPLOY / "default.conf.template").read_text()
    # The entrypoint's envsubst, restricted like NGINX_ENVSUBST_FILTER: nginx's own $variables stay.
    rendered = subprocess.run(["envsubst", " ".join("${%s}" % name for name in ENVSUBST_VARIABLES)],
                              input=template, text=True, capture_output=True, check=True, env=env).stdout
    html = work / "html"
    (work / "conf.d").mkdir()
    (work / "conf.d" / "default.conf").write_text(rendered.replace("/usr/share/nginx/html", str(dist or html)))
    main = (WEB_DEPLOY / "nginx.conf").read_text().replace("/tmp/nginx", str(work))
    (work / "nginx.conf").write_text(main)
    (html / "assets").mkdir(parents=True)
    (html / "index.html").write_text(INDEX_HTML)
    (html / "assets" / "index-Bx12ab.js").write_text("console.log('app');\n" * 200)
    for path in [work, *work.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # nginx's workers may run as nobody
    return rendered


def stable_copy(source, target):
    """A copy of the build that nginx serves: a build running meanwhile (vite empties dist/
    first) must not pull files from under it. Taken again until two copies a second apart
    agree and every asset the page names is in it."""
    def snapshot():
        return {p.relative_to(source): p.read_bytes() for p in source.rglob("*") if p.is_file()}
    for _ in range(30):
        try:
            first = snapshot()
            time.sleep(1)
            if first == snapshot():
                page = first.get(pathlib.Path("index.html"), b"").decode()
                named = re.findall(r'(?:src|href)="/(assets/[^"]+)"', page)
                if page and all(pathlib.Path(asset) in first for asset in named):
                    for path, data in first.items():
                        (target / path).parent.mkdir(parents=True, exist_ok=True)
                        (target / path).write_bytes(data)
                    return target
        except FileNotFoundError:
            pass
        time.sleep(1)
    sys.exit("web/dist did not hold still for a copy (a build running for 60 s?)")


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def main():
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not nginx:
        sys.exit("nginx is not installed (Debian: apt-get install nginx-core)")
    browser = sys.argv[1:] == ["--browser"]
    if sys.argv[1:] and not browser:
        sys.exit(__doc__)
    work = pathlib.Path(tempfile.mkdtemp(prefix="promo-web-server-"))
    port = free_port()
    if browser:
        if not (ROOT / "web" / "dist" / "index.html").is_file():
            sys.exit("web/dist is not built (cd web && npm run build)")
        dist = stable_copy(ROOT / "web" / "dist", work / "dist")
        keycloak = os.environ.get("KEYCLOAK_URL", "http://127.0.0.1:8180").rstrip("/")
        # the services need not run: the CSP is about the page, its scripts, styles and Keycloak
        closed = {name: f"http://127.0.0.1:{free_port()}" for name in ("calendar", "inbox", "inventory")}
        rendered = render(work, port, closed, f"{keycloak}/realms/{os.environ.get('KEYCLOAK_REALM', 'shop')}", dist)
    else:
        upstreams = {name: Upstream(name) for name in ("calendar", "inbox", "inventory")}
        rendered = render(work, port, {name: upstream.url for name, upstream in upstreams.items()})
    config = [nginx, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", "stderr"]
    tested = subprocess.run([*config, "-t", "-q"], capture_output=True, text=True)
    check(tested.returncode == 0, f"nginx -t accepts the rendered configuration {tested.stderr.strip()}")
    if tested.returncode:
        sys.exit(1)
    log = open(work / "nginx.log", "w+")
    server = subprocess.Popen([*config, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=log)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        if browser:
            result = subprocess.run(["node", str(ROOT / "deploy" / "images" / "web-csp-in-browser.mjs"),
                                     f"http://127.0.0.1:{port}"])
            if result.returncode:
                failures.append("web-csp-in-browser.mjs")
        else:
            run_checks(port, upstreams, rendered)
    finally:
        server.terminate()
        server.wait(10)
        if failures:
            log.seek(0)
            print("nginx's error log:\n" + log.read()[-3000:])
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    label = "web server in the browser" if browser else "web server"
    print(f"\n{label}: {len(failures)} check(s) failed" if failures else f"\n{label}: all checks passed")
    sys.exit(1 if failures else 0)


def run_checks(port, upstreams, rendered):
    # The app shell.
    response, body = request(port, "GET", "/")
    page = body.decode()
    csp = response.getheader("Content-Security-Policy") or ""
    directives = {part.split()[0]: part.split()[1:] for part in csp.split("; ") if part}
    nonce = re.search(r'<meta name="csp-nonce" content="([0-9a-f]{32})">', page)
    check(response.status == 200 and '<div id="root">' in page, "/ serves index.html")
    check(f'<meta name="promo:oidc-authority" content="{ISSUER}">' in page, "index.html carries the issuer from KEYCLOAK_ISSUER")
    check('<meta name="promo:oidc-client-id" content="shop-web">' in page, "index.html carries the client id")
    check(nonce is not None and f"'nonce-{nonce.group(1)}'" in directives.get("style-src", []),
          "the page's csp-nonce is the nonce of the header's style-src")
    check(directives.get("script-src") == ["'self'"], "script-src 'self' only (no inline script, no eval)")
    check(directives.get("default-src") == ["'none'"] and directives.get("object-src") == ["'none'"]
          and directives.get("base-uri") == ["'none'"], "default-src, object-src and base-uri 'none'")
    check(directives.get("connect-src") == ["'self'", f"{ISSUER}/"], "connect-src: this origin and the realm only")
    check(directives.get("frame-ancestors") == ["'self'"], "frame-ancestors 'self' (no other site frames the app)")
    check(response.getheader("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options nosniff")
    check(response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin", "Referrer-Policy")
    check((response.getheader("Strict-Transport-Security") or "").startswith("max-age="), "Strict-Transport-Security")
    check(response.getheader("Cache-Control") == "no-store" and not response.getheader("ETag"),
          "the app shell is never cached (it carries the nonce)")
    again, body_again = request(port, "GET", "/")
    other = re.search(r'content="([0-9a-f]{32})"', body_again.decode())
    check(nonce is not None and other is not None and other.group(1) != nonce.group(1), "a new nonce for each answer")

    # The single-page app's routes and assets.
    for route in ("/inbox", "/calendar/week", "/products/SKU-1?message=7"):
        response, body = request(port, "GET", route)
        check(response.status == 200 and b'<div id="root">' in body and b"csp-nonce" in body,
              f"{route}: the app shell (history fallback)")
    response, body = request(port, "GET", "/assets/index-Bx12ab.js")
    check(response.status == 200 and response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
          and "javascript" in (response.getheader("Content-Type") or ""), "hashed assets: a year's immutable cache")
    response, body = request(port, "GET", "/assets/index-Bx12ab.js", {"Accept-Encoding": "gzip"})
    check(response.getheader("Content-Encoding") == "gzip", "the build's scripts go compressed to a browser that takes gzip")
    response, _ = request(port, "GET", "/assets/index-gone.js")
    check(response.status == 404, "a missing asset is 404, not the app shell")

    # /api: the routes of vite.config.ts, each to its service.
    routes = vite_proxy_routes()
    url_of = {"CALENDAR_URL": "calendar", "INBOX_URL": "inbox", "INVENTORY_URL": "inventory"}
    ports = {str(upstream.server_address[1]): name for name, upstream in upstreams.items()}
    proxied = {prefix: ports[port_number] for prefix, port_number in
               re.findall(r"location (/api/[^\s{]+) \{.*?proxy_pass http://127\.0\.0\.1:(\d+);", rendered, re.S)}
    check(routes and proxied == {prefix: url_of[variable] for prefix, variable in routes.items()},
          f"the server routes exactly vite.config.ts's /api table {sorted(routes)}")
    for prefix, variable in routes.items():
        path = prefix + "/x?from=2026-01-01T00:00:00Z"
        response, body = request(port, "GET", path, {"Authorization": "Bearer token", "Cookie": "session=1"})
        answer = json.loads(body) if response.status == 200 else {}
        check(answer.get("service") == url_of[variable] and answer.get("path") == path,
              f"{prefix} reaches {url_of[variable]}, path and query unchanged")
        if url_of[variable] == "inventory":
            check(answer.get("authorization") is None and answer.get("cookie") is None,
                  f"{prefix}: no Authorization, no Cookie passed to the inventory")
        else:
            check(answer.get("authorization") == "Bearer token", f"{prefix}: the bearer token is passed on")
    response, body = request(port, "POST", "/api/promotions", {"Content-Type": "application/json"}, b"x" * 1_100_000)
    check(response.status == 200, "a promotion body just over 1 MB reaches the calendar (which answers its own 413)")

    # Server-sent events stream through.
    inbox = upstreams["inbox"]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/api/inbox/unread-count/stream", headers={"Accept": "text/event-stream"})
    stream = connection.getresponse()
    first = stream.readline()
    inbox.first_event_seen.set()
    rest = stream.read().decode()
    connection.close()
    check(stream.status == 200 and first.startswith(b"data: {\"count\":1}") and '"count":2' in rest,
          "the inbox's event stream is not buffered (first event before the upstream finished)")
    response, body = request(port, "GET", "/api/inbox/unread-count", {"Accept-Encoding": "gzip"})
    check(json.loads(body).get("acceptEncoding") == "identity", "the inbox is asked for an uncompressed body")

    # Never /api/internal, nothing else under /api.
    before = {name: len(upstream.requests) for name, upstream in upstreams.items()}
    for method, path in [("POST", "/api/internal/inbox/messages:batch"), ("GET", "/api/internal/promotion-changes"),
                         ("GET", "/api/internal"), ("GET", "/api/INTERNAL/promotions/1"),
                         ("GET", "/api/inbox/../internal/promotions/1"), ("GET", "/api/inbox/%2e%2e/internal/x"),
                         ("GET", "/api/promotions/..;/internal/promotions/1"), ("GET", "/api/inbox/..%2finternal/x"),
                         ("GET", "/api/promotions%2f..%2finternal/x"), ("GET", "/api/other"), ("GET", "/api/"),
                         ("GET", "/api/promotions/1;jsessionid=x"), ("PUT", "/api//internal/inbox/promotions/1")]:
        response, _ = request(port, method, path, {"Content-Type": "application/json"}, b"{}" if method != "GET" else None)
        check(response.status in (400, 404), f"{method} {path}: {response.status}, not passed on")
    after = {name: len(upstream.requests) for name, upstream in upstreams.items()}
    check(before == after, "no service saw any of those requests")
    response, body = request(port, "GET", "/api/promotions/search?q=a%2Fb;c")
    check(response.status == 200 and json.loads(body).get("service") == "calendar",
          "a query string may carry encoded slashes and semicolons (a search for 'a/b;c')")


if __name__ == "__main__":
    main()
