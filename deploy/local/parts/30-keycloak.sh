# Keycloak: keycloak-quarkus-dist from Maven Central on the first JDK >= 21,
# serving realm `shop` (deploy/keycloak/realm-shop.json) on $KEYCLOAK_URL.
#
# Why this shape (measured on the 2-core dev machine, see deploy/keycloak/README.md):
#   - The distribution is unpacked once into $PROMO_CACHE and augmented once
#     (`kc.sh build`, 90 s on the busy machine); every start is then
#     `start --optimized` (no re-augmentation at start-up; start-dev would
#     re-augment into the shared distribution).
#   - A class-data-sharing archive (written by the JVM when Keycloak stops,
#     kept in $PROMO_CACHE) halves the Quarkus start (25.7 s -> 12.2 s).
#   - The database is the stack's PostgreSQL (database `keycloak`). The realm is
#     loaded from deploy/keycloak/realm-shop.json only when the file changed since
#     it was last loaded (its sha256 in $STATE/keycloak/realm-shop.sha256): then
#     `shop` is deleted and created anew from the file (load-realm.py, Admin API).
#     Otherwise nothing is imported and a start is just Keycloak starting. Users
#     have fixed ids in the file, so a user's `sub` (the inbox's recipient id) is
#     the same after every reload. Tests that need users of their own make them
#     and remove them (or a realm of their own); none changes the demo users.
#   - Per-clone state: the clone gets its own Keycloak home ($STATE/keycloak/home)
#     whose bin/ and data/ are its own and whose lib/, themes/, providers/ link
#     into the shared, read-only unpacked distribution.
#   - The hostname is fixed to $KEYCLOAK_URL, so the issuer is always
#     $KEYCLOAK_URL/realms/shop no matter which name a client used.
#   - Our extension (deploy/keycloak/recipients-provider: the members of a role by
#     effective role, keyset-paged) is built with Maven and copied into the
#     distribution's providers/; a provider takes effect only through `kc.sh build`,
#     so the augmentation stamp holds the build options and the checksums of the
#     provider jars, and the augmentation is redone exactly when one of them changed.
# Bootstrap admin of the master realm (admin console $KEYCLOAK_URL/admin): kcadmin / kcadmin.

: "${KEYCLOAK_VERSION:=26.7.3}"
KEYCLOAK_BOOTSTRAP_ADMIN=kcadmin

keycloak_dist_dir() { echo "$PROMO_CACHE/keycloak/keycloak-$KEYCLOAK_VERSION"; }
keycloak_home() { echo "$STATE/keycloak/home"; }
# Options baked in by `kc.sh build`; a change here rebuilds the cached augmentation.
KEYCLOAK_BUILD_OPTIONS=(--db=postgres --health-enabled=true)
keycloak_realm_stamp() { echo "$STATE/keycloak/realm-shop.sha256"; }

# Class-data sharing archive: written by the JVM when Keycloak stops, reused (and
# re-validated by the JVM) on the next start: class loading is much of the start-up.
keycloak_class_archive() { echo "$PROMO_CACHE/keycloak/keycloak-$KEYCLOAK_VERSION.jsa"; }

keycloak_java_home() { jdk_home 21 || die "Keycloak needs a JDK >= 21 under /usr/lib/jvm"; }

part_keycloak_build() {
  local dist archive stamp wanted
  dist=$(keycloak_dist_dir)
  if [ ! -x "$dist/bin/kc.sh" ]; then
    archive=$(maven_central_download org.keycloak keycloak-quarkus-dist "$KEYCLOAK_VERSION" tar.gz)
    echo "unpacking Keycloak $KEYCLOAK_VERSION into $PROMO_CACHE/keycloak"
    mkdir -p "$PROMO_CACHE/keycloak"
    rm -rf "$dist.part" && mkdir -p "$dist.part"
    tar -xzf "$archive" -C "$dist.part" --strip-components=1
    mv "$dist.part" "$dist"
  fi
  recipients_provider_install "$dist"
  stamp="$dist/lib/.promo-calendar-build"
  wanted="${KEYCLOAK_BUILD_OPTIONS[*]}
$(cd "$dist/providers" && sha256sum -- *.jar)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "augmenting Keycloak (kc.sh build ${KEYCLOAK_BUILD_OPTIONS[*]}, with the providers in $dist/providers)"
    JAVA_HOME=$(keycloak_java_home) "$dist/bin/kc.sh" build "${KEYCLOAK_BUILD_OPTIONS[@]}" \
      >"$(log_file keycloak-build)" 2>&1 || { tail -n 40 "$(log_file keycloak-build)" >&2; die "kc.sh build failed"; }
    echo "$wanted" >"$stamp"
  fi
  keycloak_prepare_home
}

recipients_provider_dir() { echo "$ROOT/deploy/keycloak/recipients-provider"; }
recipients_provider_jar() { echo "$(recipients_provider_dir)/target/recipients-provider-0.1.0-SNAPSHOT.jar"; }

# Builds the extension when a source or the pom is newer than the jar (the build is
# reproducible, so a rebuild of unchanged sources gives the same checksum), and copies
# it into the distribution when it differs from the installed one. The copy is renamed
# into place: a Keycloak running from the shared distribution keeps the file it opened.
recipients_provider_install() { # dist
  local dir jar installed
  dir=$(recipients_provider_dir)
  jar=$(recipients_provider_jar)
  if [ ! -s "$jar" ] || [ -n "$(find "$dir/src" "$dir/pom.xml" -newer "$jar" -type f -print -quit)" ]; then
    echo "building the recipients provider (deploy/keycloak/recipients-provider)"
    (cd "$dir" && JAVA_HOME=$(jdk_home 17) mvn -B -q -ntp package) || die "recipients provider build failed"
  fi
  installed="$1/providers/promo-calendar-recipients.jar"
  if ! cmp -s "$jar" "$installed"; then
    cp "$jar" "$installed.part" && mv -f "$installed.part" "$installed"
  fi
}

# The clone's Keycloak home: own bin/ (kc.sh finds its home from its own path),
# conf/ and data/ (import dir, tmp); shared lib/, themes/, providers/.
keycloak_prepare_home() {
  local dist home entry
  dist=$(keycloak_dist_dir)
  home=$(keycloak_home)
  mkdir -p "$home/bin" "$home/conf" "$home/data/import"
  cp -f "$dist"/bin/*.sh "$home/bin/"
  cp -rf "$dist"/conf/. "$home/conf/"
  for entry in lib themes providers; do ln -sfn "$dist/$entry" "$home/$entry"; done
}

part_keycloak_start() {
  local home
  home=$(keycloak_home)
  [ -x "$home/bin/kc.sh" ] || part_keycloak_build
  if ! process_running keycloak; then
    if curl -fsS -o /dev/null --max-time 2 "$KEYCLOAK_URL/realms/master" 2>/dev/null; then
      die "something already answers on $KEYCLOAK_URL that ./dev did not start"
    fi
    rm -rf "$home/data/tmp"
    # Check a pooled connection before lending it: after a PostgreSQL restart the
    # pool otherwise hands out dead connections and sign-ins fail with 500 until
    # they are used up (measured: the first two token requests; none with this).
    echo "quarkus.datasource.jdbc.validate-on-borrow=true" >"$home/conf/quarkus.properties"
    JAVA_HOME=$(keycloak_java_home) \
    JAVA_OPTS_KC_HEAP="-Xms128m -Xmx768m" \
    JAVA_OPTS_APPEND="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$(keycloak_class_archive)" \
    KC_BOOTSTRAP_ADMIN_USERNAME=$KEYCLOAK_BOOTSTRAP_ADMIN KC_BOOTSTRAP_ADMIN_PASSWORD=$KEYCLOAK_BOOTSTRAP_ADMIN \
      start_process keycloak "$home/bin/kc.sh" start --optimized \
        --db-url="jdbc:postgresql://$PGHOST:$PGPORT/keycloak" --db-username=keycloak --db-password=keycloak \
        --http-enabled=true --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
        --hostname="$KEYCLOAK_URL" --hostname-backchannel-dynamic=false --hostname-strict=true \
        --http-management-port=$((KEYCLOAK_PORT + 1000)) \
        --cache=local --log-console-output=default
  fi
  wait_for_http keycloak "$KEYCLOAK_URL/realms/master/.well-known/openid-configuration" 180
  keycloak_load_realm_if_changed
  # ready = the realm publishes its OpenID configuration
  wait_for_http keycloak "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration" 60
}

# Loads realm-shop.json into Keycloak when the file changed since it was last
# loaded into this clone's database, or the realm is missing.
keycloak_load_realm_if_changed() {
  local file stamp wanted
  file="$ROOT/deploy/keycloak/realm-shop.json"
  stamp=$(keycloak_realm_stamp)
  wanted=$(sha256sum "$file" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] \
    && curl -fsS -o /dev/null --max-time 5 "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration"; then
    return 0
  fi
  mkdir -p "$(dirname "$stamp")"
  KEYCLOAK_ADMIN_USERNAME=$KEYCLOAK_BOOTSTRAP_ADMIN KEYCLOAK_ADMIN_PASSWORD=$KEYCLOAK_BOOTSTRAP_ADMIN \
    python3 "$ROOT/deploy/keycloak/load-realm.py" "$KEYCLOAK_URL" "$file" || die "loading the realm into Keycloak failed"
  echo "$wanted" >"$stamp"
}

# Keycloak gets up to 60 s to shut down on TERM (it writes the class-data
# archive on exit); stop_process then cleans up (and kills what lingers).
part_keycloak_stop() {
  local pid i
  if process_running keycloak; then
    pid=$(cat "$(pid_file keycloak)")
    kill -TERM -- "-$pid" 2>/dev/null || true
    for i in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  stop_process keycloak
}

# The realm as the other parts rely on it: tokens, roles, audiences, and what
# each service account may and may not do (deploy/keycloak/check-realm.py); and
# the recipients extension, in a realm of its own that it creates and deletes
# (deploy/keycloak/check-recipients.py).
part_keycloak_test() {
  local failed=0
  python3 "$ROOT/deploy/keycloak/check-realm.py" "$KEYCLOAK_URL" || failed=1
  KEYCLOAK_ADMIN_USERNAME=$KEYCLOAK_BOOTSTRAP_ADMIN KEYCLOAK_ADMIN_PASSWORD=$KEYCLOAK_BOOTSTRAP_ADMIN \
    python3 "$ROOT/deploy/keycloak/check-recipients.py" "$KEYCLOAK_URL" || failed=1
  return $failed
}

part_keycloak_info() {
  echo "  Keycloak       $KEYCLOAK_URL  (realm $KEYCLOAK_REALM; admin console $KEYCLOAK_URL/admin as $KEYCLOAK_BOOTSTRAP_ADMIN/$KEYCLOAK_BOOTSTRAP_ADMIN)"
  echo "                 demo users (password = username): admin (admin, customer), alice, bob, carol (customer)"
}
