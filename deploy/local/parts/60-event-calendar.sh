# Part: the event calendar service (services/event-calendar, Spring Boot on $CALENDAR_URL,
# database `calendar`). Needs PostgreSQL, Keycloak (realm shop), the inventory and
# the engine bridge jar in ~/.m2 (part 15-engine-bridge) — all earlier parts.
# Tests (`mvn verify`) use the database `calendar_test` and real tokens from Keycloak.

calendar_dir() { echo "$ROOT/services/event-calendar"; }
calendar_jar() { echo "$(calendar_dir)/target/event-calendar-0.1.0-SNAPSHOT.jar"; }
calendar_engine_bridge_jar() {
  echo "$HOME/.m2/repository/com/promocalendar/promo-engine-bridge/0.1.0-SNAPSHOT/promo-engine-bridge-0.1.0-SNAPSHOT.jar"
}

# True when the jar is older than a source file, the pom or the engine bridge it embeds.
calendar_jar_stale() {
  local jar; jar=$(calendar_jar)
  [ -s "$jar" ] || return 0
  [ -n "$(find "$(calendar_dir)/src/main" "$(calendar_dir)/pom.xml" "$(calendar_engine_bridge_jar)" \
    -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

part_event_calendar_build() {
  if calendar_jar_stale; then
    # without the old jar Maven repackages for sure (it keeps a jar whose classes did not change)
    rm -f "$(calendar_jar)" "$(calendar_jar).original"
    (cd "$(calendar_dir)" && mvn -q -B -ntp package -DskipTests) || die "event-calendar build failed"
  else
    echo "event-calendar jar is up to date"
  fi
}

part_event_calendar_start() {
  [ -s "$(calendar_jar)" ] || part_event_calendar_build
  # Runs a copy: the test hook's `mvn verify` repackages target/*.jar, and a JVM
  # whose jar is replaced under it fails on its next class load.
  if ! process_running event-calendar; then cp "$(calendar_jar)" "$STATE/event-calendar.jar"; fi
  # The local database password and a public OpenAPI document: this stack's values, passed explicitly.
  # Its own account for the inbox (outbox relay): the local realm's secret.
  CALENDAR_DB_PASSWORD=calendar CALENDAR_OPENAPI_PUBLIC=true CALENDAR_SYNC_CLIENT_SECRET=$(realm_secret event-calendar) \
    INBOX_URL="$INBOX_URL" start_process event-calendar java -Xms64m -Xmx384m -jar "$STATE/event-calendar.jar"
  wait_for_http event-calendar "$CALENDAR_URL/actuator/health" 120
}

part_event_calendar_stop() { stop_process event-calendar; }

# Unit tests, then the *IT suite (one Spring context on a random port) against the
# running PostgreSQL (calendar_test), Keycloak, inventory and the real engine.
part_event_calendar_test() {
  (cd "$(calendar_dir)" && mvn -B -ntp verify)
}

part_event_calendar_info() {
  echo "  Event calendar API     $CALENDAR_URL/api/promotions  (admin/admin; OpenAPI: $CALENDAR_URL/v3/api-docs)"
}
