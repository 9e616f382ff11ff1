#!/usr/bin/env bash
# Runs every test: provisions throwaway PostgreSQL, Redis and HAProxy on free
# ports of 127.0.0.1 (installing the Debian packages when missing), runs
# `./mvnw -B verify` with extra arguments passed through, and tears it all down.
# Called by `./poker test`; see usage below.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=services.sh
. "$here/services.sh"

usage() {
  cat <<'EOF'
Usage: ./poker test [MAVEN ARGS...]

Runs every test (unit and integration) with `./mvnw -B verify [MAVEN ARGS...]`
against throwaway PostgreSQL, Redis and HAProxy instances on free ports of
127.0.0.1. Missing packages (postgresql, redis-server, haproxy) are installed
with apt-get (as root, or through sudo). Everything started is stopped and its
temporary directory removed on exit, failure or Ctrl-C.

Examples:
  ./poker test                         every test
  ./poker test -pl engine              one module's tests
  ./poker test -Dtest=HandEvalTest -Dsurefire.failIfNoSpecifiedTests=false

Tests read (as environment variables and as system properties of the same name):
  POKER_TEST_PG_URL POKER_TEST_PG_USER POKER_TEST_PG_PASSWORD
  POKER_TEST_PG_BIN POKER_TEST_PG_DATA POKER_TEST_PG_CTL_USER
  POKER_TEST_REDIS_URL POKER_TEST_REDIS_PORT POKER_TEST_REDIS_BIN
  POKER_TEST_HAPROXY_BIN POKER_TEST_TMPDIR POKER_TEST_PID_DIR

Environment:
  POKER_TEST_DRY=1   provision, print the variables, check PostgreSQL and Redis
                     answer, tear down; Maven is not run
EOF
}

case "${1:-}" in -h | --help) usage; exit 0 ;; esac

ensure_packages postgres redis haproxy
# deploy (issue 16): kubectl for deploy/k8s; Patroni, etcd, pgBackRest for the PostgreSQL HA and backup ITs
ensure_packages kubectl patroni etcd pgbackrest
. "$here/provision-prometheus.sh" # issue 15: promtool check/test of deploy/prometheus; POKER_TEST_PROMETHEUS_BIN
. "$here/provision-web.sh" # Chromium + chromedriver for the browser test (issue 17)

tmp=$(make_service_dir test)
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  stop_postgres "$tmp"
  stop_redis "$tmp"
  kill_procs_under "$tmp"
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_postgres "$tmp"
start_redis "$tmp"
haproxy=$(haproxy_bin)

export POKER_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/poker_test"
export POKER_TEST_PG_USER=poker
export POKER_TEST_PG_PASSWORD=
export POKER_TEST_PG_BIN="$PG_BIN"
export POKER_TEST_PG_DATA="$PG_DATA"
export POKER_TEST_PG_CTL_USER="$PG_RUN_AS"
export POKER_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export POKER_TEST_REDIS_PORT="$REDIS_PORT"
export POKER_TEST_REDIS_BIN="$REDIS_BIN"
export POKER_TEST_HAPROXY_BIN="$haproxy"
export POKER_TEST_TMPDIR="$tmp"
export POKER_TEST_PID_DIR="$tmp/pids"
vars=(POKER_TEST_PG_URL POKER_TEST_PG_USER POKER_TEST_PG_PASSWORD POKER_TEST_PG_BIN
  POKER_TEST_PG_DATA POKER_TEST_PG_CTL_USER POKER_TEST_REDIS_URL POKER_TEST_REDIS_PORT
  POKER_TEST_REDIS_BIN POKER_TEST_HAPROXY_BIN POKER_TEST_TMPDIR POKER_TEST_PID_DIR)

if [ "${POKER_TEST_DRY:-}" = 1 ]; then
  for v in "${vars[@]}"; do printf '%s=%s\n' "$v" "${!v}"; done
  "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U poker -d poker_test \
    -c "select 'psql: ' || current_user || '@' || current_database() || ' ' || current_setting('server_version')"
  if command -v redis-cli >/dev/null 2>&1; then
    printf 'redis-cli ping: %s\n' "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)"
  fi
  printf 'haproxy: %s\n' "$("$haproxy" -v | head -n 1)"
  exit 0
fi

props=()
for v in "${vars[@]}"; do props+=("-D$v=${!v}"); done
cd "$root"
./mvnw -B -ntp verify "${props[@]}" "$@"

# Every load/k6-*.js with a real k6 at small scale against a real node (only in a full run: extra Maven
# arguments select part of the build, and poker.jar may not have been built). run-k6.sh finds k6 (PATH,
# $K6, ../shared/tools/k6) and fails without it when CI is set.
if [ $# -eq 0 ]; then
  port=$(free_port)
  mkdir -p "$tmp/k6-node" "$POKER_TEST_PID_DIR"
  POKER_RATE_LIMIT=1000 POKER_RATE_BURST=1000 POKER_HAND_DELAY_MS=200 \
    java -Xmx512m -jar "$root/server/target/poker.jar" serve --host 127.0.0.1 --port "$port" \
    --data-dir "$tmp/k6-node" > "$tmp/k6-node/node.log" 2>&1 &
  echo $! > "$POKER_TEST_PID_DIR/k6-node.pid"
  up=
  for _ in $(seq 1 90); do
    if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then # braces: exec would keep 2>/dev/null for the rest of the script
      printf 'GET /health HTTP/1.0\r\n\r\n' >&3
      read -r status_line <&3 || true
      exec 3<&- 3>&-
      case "$status_line" in *" 200 "*) up=1; break ;; esac
    fi
    sleep 1
  done
  [ -n "$up" ] || { echo "k6 scripts: the node did not start (see $tmp/k6-node/node.log)" >&2; cat "$tmp/k6-node/node.log" >&2; exit 1; }
  POKER_K6_DURATION=8s bash "$root/load/k6/run-k6.sh" "ws://127.0.0.1:$port/ws"
  # ./poker cluster up/status/down end to end; its state lives under $tmp, which cleanup sweeps.
  TMPDIR="$tmp" bash "$here/test-cluster-script.sh"
  # deploy (issue 16): ./poker cluster up --pg-ha end to end
  TMPDIR="$tmp" bash "$here/test-pg-ha-cluster.sh"
fi
