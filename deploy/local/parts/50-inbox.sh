# The inbox service (services/inbox, Spring Boot) on $INBOX_URL, database `inbox`.
# Tests (`mvn verify`) use the database `inbox_test` and real tokens from Keycloak.

inbox_dir() { echo "$ROOT/services/inbox"; }
inbox_jar() { echo "$(inbox_dir)/target/inbox-0.1.0-SNAPSHOT.jar"; }

# True when the jar is older than a source file or the pom (cheap: one find).
inbox_jar_stale() {
  local jar; jar=$(inbox_jar)
  [ -s "$jar" ] || return 0
  [ -n "$(find "$(inbox_dir)/src/main" "$(inbox_dir)/pom.xml" -newer "$jar" -type f -print -quit)" ]
}

part_inbox_build() {
  if inbox_jar_stale; then
    (cd "$(inbox_dir)" && mvn -q -B package -DskipTests) || die "inbox build failed"
  else
    echo "inbox jar is up to date"
  fi
}

# The JVM the inbox runs on, and its tests fork: the newest LTS JDK on the
# machine. It is compiled for Java 17, but Java 25 ingests the daily fan-out
# ~40% faster in services/inbox/bench (same run, same jar: ~57,000 vs
# ~41,000 msg/s). A machine with only Java 17 runs it too.
inbox_java() {
  local home
  if home=$(jdk_home 25); then echo "$home/bin/java"; else command -v java; fi
}

# The service runs from a copy: `mvn verify` (the tests) rewrites target/*.jar
# while the stack is up, which would pull the classes from under a running JVM.
inbox_run_jar() { echo "$STATE/inbox/inbox.jar"; }

part_inbox_start() {
  [ -s "$(inbox_jar)" ] || part_inbox_build
  if ! process_running inbox; then
    mkdir -p "$STATE/inbox"
    cp -f "$(inbox_jar)" "$(inbox_run_jar)"
  fi
  # The local database password and a public OpenAPI document: this stack's values, passed explicitly.
  INBOX_PORT=$INBOX_PORT KEYCLOAK_URL=$KEYCLOAK_URL PGHOST=$PGHOST PGPORT=$PGPORT \
    INBOX_DB_PASSWORD=inbox INBOX_OPENAPI_PUBLIC=true \
    start_process inbox "$(inbox_java)" -Xms128m -Xmx768m \
      -jar "$(inbox_run_jar)"
  wait_for_http inbox "$INBOX_URL/actuator/health" 120
}

part_inbox_stop() { stop_process inbox; }

# Unit tests, then *IT integration tests against PostgreSQL (inbox_test) and the
# running Keycloak (real tokens for alice, bob, admin, promo-job, promo-scheduler).
part_inbox_test() {
  (cd "$(inbox_dir)" && mvn -B -ntp verify -Djvm="$(inbox_java)")
}

part_inbox_info() {
  echo "  Inbox API      $INBOX_URL/api/inbox/messages  (OpenAPI: $INBOX_URL/v3/api-docs)"
}
