# Part: the event calendar service (services/event-calendar, Spring Boot on $CALENDAR_PORT).
# Needs PostgreSQL (database calendar), Keycloak (realm shop), the inventory and
# the engine bridge jar in ~/.m2 (part 15-engine-bridge) — all earlier parts.

calendar_dir() { echo "$ROOT/services/event-calendar"; }
calendar_jar() { echo "$(calendar_dir)/target/event-calendar-0.1.0-SNAPSHOT.jar"; }

part_event_calendar_build() {
  (cd "$(calendar_dir)" && mvn -B -q package -DskipTests) || { echo "dev: event-calendar build failed" >&2; return 1; }
}

part_event_calendar_start() {
  [ -s "$(calendar_jar)" ] || part_event_calendar_build || return 1
  start_process event-calendar java -Xms64m -Xmx384m -jar "$(calendar_jar)"
  wait_for_http event-calendar "$CALENDAR_URL/actuator/health" 120
}

part_event_calendar_stop() { stop_process event-calendar; }

# Unit tests, then the *IT suite against the running PostgreSQL (calendar_test),
# Keycloak and inventory, in a context of its own on a random port.
part_event_calendar_test() {
  (cd "$(calendar_dir)" && mvn -B verify)
}

part_event_calendar_info() {
  echo "  event calendar API     $CALENDAR_URL/api/promotions  (sign in as admin/admin; OpenAPI: $CALENDAR_URL/v3/api-docs)"
}
