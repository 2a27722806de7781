# Part: the web front end (web/, React + Vite) served on $WEB_PORT by `vite preview`,
# which also proxies /api/promotions, /api/products -> $CALENDAR_URL, /api/inbox -> $INBOX_URL
# and the product page's public read /api/public/products -> $INVENTORY_URL.
#
# Caching: `npm ci` runs only when package-lock.json changed (stamp in node_modules;
# npm's own download cache is ~/.npm); `vite build` runs only when a source, config
# or the sign-in settings changed (stamp in dist/).

web_dir() { echo "$ROOT/web"; }
web_oidc_authority() { echo "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"; }

web_require_node() {
  command -v node >/dev/null || die "web: Node.js 20.19+ is needed (node not found)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "web: Node.js 20.19+ is needed (found $(node -v))"
}

# Hash of everything the production build depends on.
web_build_hash() {
  local dir; dir=$(web_dir)
  {
    (cd "$dir" && find src public index.html vite.config.ts tsconfig.json package-lock.json -type f 2>/dev/null | LC_ALL=C sort | xargs sha256sum)
    echo "authority=$(web_oidc_authority)"
  } | sha256sum | cut -c1-32
}

part_web_build() {
  web_require_node
  local dir lock_hash build_hash
  dir=$(web_dir)
  lock_hash=$(sha256sum "$dir/package-lock.json" | cut -c1-32)
  if [ "$(cat "$dir/node_modules/.promo-lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) || die "web: npm ci failed"
    echo "$lock_hash" >"$dir/node_modules/.promo-lock-hash"
  fi
  build_hash=$(web_build_hash)
  if [ "$(cat "$dir/dist/.promo-build-hash" 2>/dev/null)" = "$build_hash" ]; then
    echo "web build is up to date"
    return 0
  fi
  (cd "$dir" && VITE_OIDC_AUTHORITY=$(web_oidc_authority) npm run --silent build) || die "web: build failed"
  echo "$build_hash" >"$dir/dist/.promo-build-hash"
}

part_web_start() {
  [ -s "$(web_dir)/dist/index.html" ] || part_web_build
  start_process web env -C "$(web_dir)" CALENDAR_URL="$CALENDAR_URL" INBOX_URL="$INBOX_URL" \
    INVENTORY_URL="$INVENTORY_URL" WEB_PORT="$WEB_PORT" \
    node node_modules/vite/bin/vite.js preview
  wait_for_http web "http://127.0.0.1:$WEB_PORT/" 60
}

part_web_stop() { stop_process web; }

# Component tests (Vitest, fakes), the bundle budget, then the browser end-to-end tests against the
# real stack and the real Keycloak login page. The e2e part FAILS (never skips)
# when a service it needs is not answering.
part_web_test() {
  local dir status=0 url code
  dir=$(web_dir)
  (cd "$dir" && node node_modules/vitest/vitest.mjs run) || status=1
  (cd "$dir" && node scripts/bundle-size.mjs) || status=1 # initial JS within 250 kB gzipped

  ensure_apt chromium fonts-dejavu-core || { echo "web e2e: could not install chromium" >&2; return 1; }
  for url in "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration" \
             "$CALENDAR_URL/actuator/health" "$INBOX_URL/actuator/health" "$INVENTORY_URL/health" \
             "http://127.0.0.1:$WEB_PORT/"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)
    if [ "$code" != 200 ]; then
      echo "web e2e: FAILED: $url answered ${code:-nothing}; the e2e tests need the whole stack (./dev up)" >&2
      return 1
    fi
  done
  (cd "$dir" && WEB_URL="http://127.0.0.1:$WEB_PORT" KEYCLOAK_URL="$KEYCLOAK_URL" KEYCLOAK_REALM="$KEYCLOAK_REALM" \
    INBOX_URL="$INBOX_URL" CALENDAR_URL="$CALENDAR_URL" \
    node --test --test-concurrency=1 --test-reporter=spec e2e/) || status=1
  return $status
}

part_web_info() {
  echo "  Web app        http://127.0.0.1:$WEB_PORT/  (admin/admin sees the Event Calendar; alice/alice, bob/bob, carol/carol)"
}
