#!/usr/bin/env bash
# End-to-end test of `./poker cluster` (deploy/local/cluster.sh) with a temporary state directory
# and a free load-balancer port: up --nodes 2, health through HAProxy and of each node, the node
# settings contract, status, the refusals (a second up, a busy --lb-port), down --keep-data and an
# up on the kept data, then down; after each down every recorded pid must be gone and no process
# may mention the state directory. Exits non-zero on the first mismatch.
# Run by deploy/local/test-all.sh after Maven; on its own: bash deploy/local/test-cluster-script.sh
# (installs postgresql, redis-server and haproxy when missing, like ./poker test).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=services.sh
. "$here/services.sh"

say() { printf '[cluster-test] %s\n' "$*" >&2; }
fail() {
  printf '[cluster-test] FAIL: %s\n' "$*" >&2
  if [ -n "${last_out:-}" ] && [ -f "$last_out" ]; then
    printf -- '--- output of the last command ---\n' >&2
    tail -n 60 "$last_out" >&2 || true
    printf -- '---\n' >&2
  fi
  exit 1
}

work=$(make_service_dir cluster-test)
chmod 0711 "$work" # as root, PostgreSQL runs as another user and must reach the state directory
state="$work/state"
other="$work/other"
last_out=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ "$rc" -ne 0 ]; then
    say "cleaning up after the failure"
    for d in "$state" "$other"; do
      if [ -f "$d/.poker-cluster" ]; then POKER_CLUSTER_DIR=$d "$root/poker" cluster down >/dev/null 2>&1; fi
    done
  fi
  # Whatever still runs in or mentions the temporary directory was started by this test.
  local f p a=() left=()
  for f in /proc/[0-9]*; do
    p=${f#/proc/}
    if [ "$p" = "$$" ] || [ "$p" = "$BASHPID" ] || ! alive "$p"; then continue; fi
    { mapfile -d '' -t a <"$f/cmdline"; } 2>/dev/null || continue
    case "${a[*]}" in *"$work"*) left+=("$p"); continue ;; esac
    case "$(readlink "$f/cwd" 2>/dev/null)" in "$work"/*) left+=("$p") ;; esac
  done
  if [ ${#left[@]} -gt 0 ]; then
    say "FAIL: processes left behind: ${left[*]}"
    [ "$rc" -ne 0 ] || rc=1
  fi
  kill_procs_under "$work"
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs `./poker cluster "$@"` with POKER_CLUSTER_DIR=$DIR; output in $last_out, exit status in $rc.
n_cmd=0
cluster() {
  local dir=$1
  shift
  n_cmd=$((n_cmd + 1))
  last_out="$work/cmd$n_cmd.out"
  rc=0
  POKER_CLUSTER_DIR=$dir "$root/poker" cluster "$@" >"$last_out" 2>&1 || rc=$?
}

expect_rc() { # expected what
  [ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1"
}
expect_out() { # text what
  grep -qF -- "$1" "$last_out" || fail "$2: the output lacks '$1'"
}

# GET http://127.0.0.1:$1$2 in pure bash: sets HTTP_CODE (000: no answer) and HTTP_BODY.
http_get() {
  local out
  out=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$1" || { echo 000; exit 0; }
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
    IFS= read -r -t 5 line <&3 || { echo 000; exit 0; }
    line=${line#* }
    printf '%s\n' "${line%% *}"
    body=0
    while IFS= read -r -t 5 line <&3 || [ -n "$line" ]; do
      line=${line%$'\r'}
      if [ "$body" -eq 1 ]; then printf '%s\n' "$line"; elif [ -z "$line" ]; then body=1; fi
    done
  ) || true
  HTTP_CODE=${out%%$'\n'*}
  HTTP_BODY=""
  case "$out" in *$'\n'*) HTTP_BODY=${out#*$'\n'} ;; esac
}

# The value of variable $2 in the environment of pid $1.
env_of() {
  local a=() e
  { mapfile -d '' -t a <"/proc/$1/environ"; } 2>/dev/null || return 0
  for e in "${a[@]}"; do
    case "$e" in "$2="*) printf '%s\n' "${e#*=}"; return 0 ;; esac
  done
}

# Every pid in the array named by $1 is gone (zombies count as gone), and no process mentions $state.
expect_all_stopped() {
  local -n pids_ref=$1
  local p i f a=() left=()
  for p in "${pids_ref[@]}"; do
    for ((i = 0; i < 50; i++)); do
      alive "$p" || break
      sleep 0.1
    done
    if alive "$p"; then left+=("$p"); fi
  done
  [ ${#left[@]} -eq 0 ] || fail "$2: recorded processes still running: ${left[*]}"
  for f in /proc/[0-9]*; do
    p=${f#/proc/}
    if [ "$p" = "$$" ] || [ "$p" = "$BASHPID" ]; then continue; fi
    { mapfile -d '' -t a <"$f/cmdline"; } 2>/dev/null || continue
    case "${a[*]}" in *"$state"*) alive "$p" && left+=("$p: ${a[*]}") ;; esac
  done
  [ ${#left[@]} -eq 0 ] || fail "$2: processes still mention $state: ${left[*]}"
}

# Reads the recorded pids of the running cluster into the array named by $1 (all five kinds).
recorded_pids() {
  local -n out_ref=$1
  local name p
  out_ref=()
  for name in postgres redis haproxy node1 node2; do
    [ -s "$state/pids/$name.pid" ] || fail "no pid file $state/pids/$name.pid"
    p=$(head -n 1 "$state/pids/$name.pid")
    alive "$p" || fail "$name (pid $p) is not running"
    out_ref+=("$p")
  done
}

# The whole cluster answers: HAProxy and each node's /health (200, its node id).
expect_healthy() {
  local i port
  http_get "$lb" /health
  [ "$HTTP_CODE" = 200 ] || fail "$1: GET /health through HAProxy on port $lb answered '$HTTP_CODE'"
  # shellcheck disable=SC1091 # written by cluster.sh
  . "$state/cluster.env"
  local ports=()
  read -r -a ports <<<"$CL_NODE_PORTS"
  [ "${#ports[@]}" -eq 2 ] || fail "$1: cluster.env lists ${#ports[@]} node ports, expected 2"
  [ "$CL_LB_PORT" = "$lb" ] || fail "$1: cluster.env has load-balancer port $CL_LB_PORT, expected $lb"
  for i in 1 2; do
    port=${ports[$((i - 1))]}
    http_get "$port" /health
    [ "$HTTP_CODE" = 200 ] || fail "$1: node$i GET /health on port $port answered '$HTTP_CODE'"
    case "$HTTP_BODY" in *'"node":"node'"$i"'"'*) ;; *) fail "$1: node$i /health body lacks its node id: $HTTP_BODY" ;; esac
  done
}

pids1=()
# shellcheck disable=SC2034 # filled and read through namerefs
pids2=()
lb=$(free_port)
say "state directory $state, load balancer on port $lb"

# --- up --------------------------------------------------------------------------------------
say "up --nodes 2"
cluster "$state" up --nodes 2 --lb-port "$lb"
expect_rc 0 "up"
expect_out "ws://127.0.0.1:$lb/ws" "up"
expect_out "bots --url ws://127.0.0.1:$lb/ws" "up"
expect_out "cluster down" "up"
expect_out "$(cat "$state/admin-token")" "up (admin token)"
expect_healthy "after up"
recorded_pids pids1

# The node settings contract.
secret=$(cat "$state/token-secret")
admin=$(cat "$state/admin-token")
[[ "$secret" =~ ^[0-9a-f]{32,}$ ]] || fail "token secret '$secret' is not 32+ hex characters"
[ "${#admin}" -ge 32 ] || fail "admin token '$admin' is shorter than 32 characters"
for i in 1 2; do
  p=${pids1[$((i + 2))]}
  [ "$(env_of "$p" POKER_NODE_ID)" = "node$i" ] || fail "node$i: POKER_NODE_ID is '$(env_of "$p" POKER_NODE_ID)'"
  [ "$(env_of "$p" POKER_HOST)" = 127.0.0.1 ] || fail "node$i: POKER_HOST is not 127.0.0.1"
  [ "$(env_of "$p" POKER_TOKEN_SECRET)" = "$secret" ] || fail "node$i: POKER_TOKEN_SECRET is not the shared secret"
  [ "$(env_of "$p" POKER_ADMIN_TOKEN)" = "$admin" ] || fail "node$i: POKER_ADMIN_TOKEN is not the admin token"
  [ "$(env_of "$p" POKER_REDIS_URL)" = "redis://127.0.0.1:$CL_REDIS_PORT" ] || fail "node$i: POKER_REDIS_URL is '$(env_of "$p" POKER_REDIS_URL)'"
  [ "$(env_of "$p" POKER_DB_URL)" = "jdbc:postgresql://127.0.0.1:$CL_PG_PORT/poker" ] || fail "node$i: POKER_DB_URL is '$(env_of "$p" POKER_DB_URL)'"
  [ "$(env_of "$p" POKER_DB_USER)" = poker ] || fail "node$i: POKER_DB_USER is not poker"
  [ "$(env_of "$p" POKER_DATA_DIR)" = "$state/nodes/node$i/data" ] || fail "node$i: POKER_DATA_DIR is '$(env_of "$p" POKER_DATA_DIR)'"
done

say "status"
cluster "$state" status
expect_rc 0 "status"
expect_out "ws://127.0.0.1:$lb/ws" "status"
expect_out "$admin" "status (admin token)"
for name in postgres redis haproxy node1 node2; do
  grep -Eq "^  $name +pid [0-9]+ +running" "$last_out" || fail "status: no running line for $name"
done
[ "$(grep -c '/health 200 ' "$last_out")" -eq 2 ] || fail "status: expected two '/health 200' lines"
expect_out "HAProxy sees: node1=UP node2=UP" "status"

say "a second up refuses"
cluster "$state" up --nodes 2 --lb-port "$lb"
[ "$rc" -ne 0 ] || fail "a second up of a running cluster succeeded"
expect_out "already running" "second up"

say "up on a busy --lb-port refuses"
cluster "$other" up --nodes 1 --lb-port "$lb"
[ "$rc" -ne 0 ] || fail "up on the busy port $lb succeeded"
expect_out "port $lb is in use" "up on a busy port"
[ ! -e "$other" ] || fail "up on a busy port left $other behind"

# --- down --keep-data, up again on the kept data -----------------------------------------------
say "down --keep-data"
cluster "$state" down --keep-data
expect_rc 0 "down --keep-data"
expect_all_stopped pids1 "down --keep-data"
[ -d "$state/pg/data" ] || fail "down --keep-data removed the database"
[ ! -e "$state/pids" ] || [ -z "$(ls -A "$state/pids")" ] || fail "down --keep-data left pid files"
cluster "$state" status
expect_rc 3 "status of a stopped cluster"

say "up on the kept data"
cluster "$state" up --nodes 2 --lb-port "$lb"
expect_rc 0 "up on kept data"
expect_healthy "after up on kept data"
[ "$(cat "$state/token-secret")" = "$secret" ] || fail "up on kept data changed the token secret"
recorded_pids pids2

# --- down ----------------------------------------------------------------------------------------
say "down"
cluster "$state" down
expect_rc 0 "down"
expect_all_stopped pids2 "down"
[ ! -e "$state" ] || fail "down left $state: $(find "$state" -mindepth 1 -maxdepth 1 -printf '%f ')"
http_get "$lb" /health
[ "$HTTP_CODE" = 000 ] || fail "port $lb still answers after down ($HTTP_CODE)"
cluster "$state" status
expect_rc 3 "status after down"
cluster "$state" down
expect_rc 0 "down without a cluster"

say "passed: up, health through HAProxy and of each node, status, refusals, down --keep-data, up on kept data, down"
