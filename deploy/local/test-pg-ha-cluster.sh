#!/usr/bin/env bash
# End-to-end test of `./poker cluster up --pg-ha` with a temporary state directory and a free
# load-balancer port: up --pg-ha --nodes 1, the node healthy through HAProxy, `status` shows a Patroni
# leader and a synchronous standby, the nodes' database is the primary with a synchronous replica and
# durable settings; then down, after which no process may mention the state directory.
# Run by deploy/local/test-all.sh after Maven; on its own: bash deploy/local/test-pg-ha-cluster.sh.
# (PatroniFailoverIT covers the failover itself.)
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=services.sh
. "$here/services.sh"

say() { printf '[pg-ha-cluster-test] %s\n' "$*" >&2; }
fail() { printf '[pg-ha-cluster-test] FAIL: %s\n' "$*" >&2; [ ! -f "${out:-}" ] || tail -n 40 "$out" >&2; exit 1; }

ensure_packages postgres redis haproxy patroni etcd
work=$(make_service_dir pg-ha-cluster-test)
chmod 0711 "$work"
state="$work/state"
out="$work/out.txt"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ -f "$state/.poker-cluster" ]; then POKER_CLUSTER_DIR=$state "$root/poker" cluster down >/dev/null 2>&1; fi
  kill_procs_under "$work"
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

lb=$(free_port)
export POKER_CLUSTER_DIR=$state
say "up --pg-ha --nodes 1 --lb-port $lb"
"$root/poker" cluster up --pg-ha --nodes 1 --lb-port "$lb" >"$out" 2>&1 || fail "up --pg-ha failed"
grep -q 'HAProxy to the Patroni primary' "$out" || fail "up did not print the Patroni database"
code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$lb/health" || true)
[ "$code" = 200 ] || fail "GET /health through HAProxy: $code"
"$root/poker" cluster status >"$out" 2>&1 || fail "status is not all healthy"
grep -q 'Leader' "$out" && grep -q 'Sync Standby' "$out" || fail "status shows no leader and sync standby"

# the database the node uses (cluster.env's port: the Patroni HAProxy) is the primary, durable, synchronous
# shellcheck disable=SC1091
. "$state/cluster.env"
bin=$(pg_bin_dir)
q() { "$bin/psql" -X -At -h 127.0.0.1 -p "$CL_PG_PORT" -U poker -d poker -c "$1"; }
[ "$(q 'select pg_is_in_recovery()')" = f ] || fail "the nodes' database is not the primary"
[ "$(q 'show fsync')" = on ] || fail "fsync is not on"
[ "$(q 'show synchronous_commit')" = on ] || fail "synchronous_commit is not on"
[ "$(q "select count(*) from pg_stat_replication where sync_state = 'sync'")" = 1 ] || fail "no synchronous standby"
[ "$(q 'select count(*) from table_events')" -ge 0 ] 2>/dev/null || fail "the node did not create its schema"

say "down"
"$root/poker" cluster down >"$out" 2>&1 || fail "down failed"
sleep 0.5
left=""
for f in /proc/[0-9]*; do
  p=${f#/proc/}
  alive "$p" || continue
  case "$(tr '\0' ' ' <"$f/cmdline" 2>/dev/null)" in *"$state"*) left="$left $p" ;; esac
done
[ -z "$left" ] || fail "processes of the --pg-ha cluster left after down:$left"
say "./poker cluster up --pg-ha: leader + sync standby, node healthy, durable synchronous settings, clean down"
