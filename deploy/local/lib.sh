# Shared functions of ./dev and its parts. Sourced, never run.
#
# Conventions:
#   - downloads and build caches live in $PROMO_CACHE (outside the clone, so a
#     fresh clone on the same machine reuses them); runtime state (database
#     files, logs, pids) lives in $STATE inside the clone.
#   - every long-running process is started with start_process and stopped with
#     stop_process; readiness is probed (wait_for_http / wait_for_port), never slept on.

: "${PROMO_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/promo-calendar}"
STATE="$ROOT/.dev"
mkdir -p "$PROMO_CACHE" "$STATE/logs" "$STATE/pids"

# Configuration defaults (contracts.md, "Local ports"): one place for all parts.
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}"
: "${KEYCLOAK_PORT:=8180}" "${CALENDAR_PORT:=8081}" "${INBOX_PORT:=8082}"
: "${INVENTORY_PORT:=8083}" "${JOBSINK_PORT:=8090}" "${WEB_PORT:=5173}"
: "${SCHEDULER_REST_PORT:=8091}" # the local Flink MiniCluster's REST API (Flink's default 8081 is the calendar's)
: "${KEYCLOAK_URL:=http://127.0.0.1:$KEYCLOAK_PORT}"
: "${KEYCLOAK_REALM:=shop}"
: "${CALENDAR_URL:=http://127.0.0.1:$CALENDAR_PORT}"
: "${INBOX_URL:=http://127.0.0.1:$INBOX_PORT}"
: "${INVENTORY_URL:=http://127.0.0.1:$INVENTORY_PORT}"
: "${JOBSINK_URL:=http://127.0.0.1:$JOBSINK_PORT}"
export PROMO_CACHE PGHOST PGPORT KEYCLOAK_PORT CALENDAR_PORT INBOX_PORT INVENTORY_PORT \
  JOBSINK_PORT WEB_PORT SCHEDULER_REST_PORT KEYCLOAK_URL KEYCLOAK_REALM CALENDAR_URL INBOX_URL INVENTORY_URL JOBSINK_URL

# A client secret of the local realm (deploy/keycloak/realm-shop.json is the one
# place it is written down); the programs themselves have no default secret.
realm_secret() { # client-id
  python3 -c 'import json,sys; print(next(c["secret"] for c in json.load(open(sys.argv[1]))["clients"] if c["clientId"] == sys.argv[2]))' \
    "$ROOT/deploy/keycloak/realm-shop.json" "$1"
}

PARTS=()

section() { printf '\n==> %s\n' "$*"; }
die() { echo "dev: $*" >&2; exit 1; }

# Sources deploy/local/parts/NN-name.sh in order. A part defines any of
# part_<name>_build, _start, _stop, _test, _info (dashes in name become underscores).
load_parts() {
  local file name
  for file in "$ROOT"/deploy/local/parts/[0-9][0-9]-*.sh; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .sh); name=${name#[0-9][0-9]-}
    # shellcheck disable=SC1090
    source "$file"
    PARTS+=("$name")
  done
}

HOOK_TIMES=() # "hook part seconds" of every build/start hook this command ran
run_hook() { # part hook
  local fn="part_${1//-/_}_$2" started rc=0
  if declare -F "$fn" >/dev/null; then
    [ "$2" = info ] || section "$2: $1"
    started=$(date +%s.%N)
    "$fn" || rc=$?
    case $2 in build | start) HOOK_TIMES+=("$2 $1 $(awk -v from="$started" -v to="$(date +%s.%N)" 'BEGIN { printf "%.1f", to - from }')") ;; esac
    return $rc
  fi
}
# Prints how long each part took to build and to start (./dev up's closing table).
print_hook_times() {
  local line
  printf '%-8s %-16s %8s\n' hook part seconds
  for line in "${HOOK_TIMES[@]}"; do
    # shellcheck disable=SC2086
    printf '%-8s %-16s %8.1f\n' $line
  done
}
run_hook_all() { local p; for p in "${PARTS[@]}"; do run_hook "$p" "$1"; done; }
run_hook_all_reverse() {
  local i
  for ((i = ${#PARTS[@]} - 1; i >= 0; i--)); do run_hook "${PARTS[$i]}" "$1" || true; done
}

# Machine-wide preparation every command needs: the cached Cargo target
# directory (so fresh clones reuse compiled dependencies) and the Rust target.
prepare_machine() {
  if [ ! -e "$ROOT/target" ]; then
    mkdir -p "$PROMO_CACHE/cargo-target"
    ln -s "$PROMO_CACHE/cargo-target" "$ROOT/target"
  fi
  (cd "$ROOT" && rustup target add wasm32-wasip2 >/dev/null 2>&1) || die "rustup could not add wasm32-wasip2"
}

APT_UPDATED=""
# Installs Debian packages that are not installed yet.
ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A Python virtualenv in $PROMO_CACHE/venvs/NAME-<hash of the requirements file>,
# installed once (a fresh clone reuses it; changed pins build a new one).
python_venv() { # name requirements-file -> prints the venv's path
  echo "$PROMO_CACHE/venvs/$1-$(sha256sum "$2" | cut -c1-16)"
}
build_python_venv() { # name requirements-file
  local venv; venv=$(python_venv "$1" "$2")
  [ -e "$venv/.complete" ] && return 0
  rm -rf "$venv"
  python3 -m venv "$venv" 2>/dev/null || { ensure_apt python3-venv && python3 -m venv "$venv"; } || return 1
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$2" || return 1
  touch "$venv/.complete" # marks a finished install; a half-built venv is rebuilt next time
}

# Prints the home of an installed JDK whose major version is at least $1.
jdk_home() {
  local want=$1 dir major
  for dir in /usr/lib/jvm/*/; do
    [ -x "$dir/bin/java" ] || continue
    major=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    major=${major%%.*}
    if [ -n "$major" ] && [ "$major" -ge "$want" ]; then echo "${dir%/}"; return 0; fi
  done
  return 1
}

# Downloads a Maven Central artifact into the cache once; prints its path.
maven_central_download() { # group artifact version extension
  local group=$1 artifact=$2 version=$3 ext=$4
  local file="$PROMO_CACHE/downloads/$artifact-$version.$ext"
  if [ ! -s "$file" ]; then
    mkdir -p "$PROMO_CACHE/downloads"
    local url="https://repo1.maven.org/maven2/${group//.//}/$artifact/$version/$artifact-$version.$ext"
    echo "downloading $artifact $version from Maven Central" >&2
    curl -fsSL --retry 3 -o "$file.part" "$url" || die "download failed: $url"
    mv "$file.part" "$file"
  fi
  echo "$file"
}

log_file() { echo "$STATE/logs/$1.log"; }
pid_file() { echo "$STATE/pids/$1.pid"; }
known_processes() { local f; for f in "$STATE"/pids/*.pid; do [ -e "$f" ] && basename "$f" .pid; done; }

process_running() {
  local pf; pf=$(pid_file "$1")
  [ -s "$pf" ] && kill -0 "$(cat "$pf")" 2>/dev/null
}

# Starts a command in its own process group, logging to $STATE/logs/NAME.log.
start_process() { # name command...
  local name=$1; shift
  if process_running "$name"; then echo "$name already running"; return 0; fi
  : >"$(log_file "$name")"
  setsid "$@" >>"$(log_file "$name")" 2>&1 < /dev/null &
  echo $! >"$(pid_file "$name")"
}

# Stops a process group started by start_process: TERM, then KILL if it lingers.
stop_process() { # name
  local name=$1 pf pid i
  pf=$(pid_file "$name")
  [ -s "$pf" ] || return 0
  pid=$(cat "$pf")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pf"
}

# Fails with the log's tail if the process died while we waited for it.
assert_alive() { # name
  process_running "$1" && return 0
  echo "dev: $1 exited during start-up; last lines of $(log_file "$1"):" >&2
  tail -n 40 "$(log_file "$1")" >&2
  return 1
}

# Polls a URL until it answers 2xx (or 3xx), the process dies, or the timeout ends.
wait_for_http() { # name url [timeout_seconds]
  local name=$1 url=$2 timeout=${3:-120} deadline
  deadline=$((SECONDS + timeout))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    assert_alive "$name" || return 1
    [ $SECONDS -lt $deadline ] || { echo "dev: $name not ready at $url after ${timeout}s" >&2; tail -n 40 "$(log_file "$name")" >&2; return 1; }
    sleep 0.5 # poll interval of the readiness probe, not a stand-in for it
  done
}

# Polls until a TCP port accepts connections.
wait_for_port() { # name port [timeout_seconds]
  local name=$1 port=$2 timeout=${3:-60} deadline
  deadline=$((SECONDS + timeout))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    assert_alive "$name" || return 1
    [ $SECONDS -lt $deadline ] || { echo "dev: $name not listening on $port after ${timeout}s" >&2; return 1; }
    sleep 0.2
  done
}
