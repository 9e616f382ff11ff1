#!/usr/bin/env bash
# Cross-node overhead on action latency. A durable PostgreSQL (fsync on) and Redis on loopback.
#   1. local:  a one-node cluster (node1); N bots connect to node1 and play at tables node1 runs.
#   2. remote: node2 joins; N new bots connect to node2 and sit at the tables the first phase left on
#      node1 (the bots fill free seats before opening tables): every action is forwarded node2 -> node1
#      and every event comes back over Redis pub/sub.
# Prints each phase's bot-side latency (command sent -> result seen) and node2's forward round trip.
# Usage: bench/run-cluster-overhead.sh [N=60] [D=30] [T=200]   (needs server/target/poker.jar and load/target/poker-load.jar)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/deploy/local/services.sh"
dir=$(make_service_dir overhead)
cleanup() {
  set +e
  for p in "$dir"/node*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  sleep 2
  stop_postgres "$dir" >/dev/null 2>&1
  stop_redis "$dir" >/dev/null 2>&1
  kill_procs_under "$dir"
  rm -rf "$dir"
}
trap cleanup EXIT
start_postgres "$dir" 2>/dev/null
_svc_pg_run "$PG_RUN_AS" "$dir/pg" sh -c 'cat >> "$1"' sh "$PG_DATA/postgresql.conf" <<CONF
fsync = on
synchronous_commit = on
CONF
_svc_pg_run "$PG_RUN_AS" "$dir/pg" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$dir/pg/postgres.log" -w restart >/dev/null
start_redis "$dir" 2>/dev/null
n=${1:-60} d=${2:-30} t=${3:-200}
node() { # node <name> <port>
  POKER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/poker_test" POKER_DB_USER=poker \
    POKER_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" POKER_TOKEN_SECRET=overhead-bench-secret-0123456789 \
    POKER_NODE_ID="$1" POKER_HAND_DELAY_MS=200 POKER_RATE_LIMIT=100 POKER_RATE_BURST=200 \
    java -Xmx1g -XX:+UseG1GC -jar "$root/server/target/poker.jar" serve --host 127.0.0.1 --port "$2" \
    --data-dir "$dir/$1" > "$dir/$1.log" 2>&1 &
  echo $! > "$dir/$1.pid"
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$2/health" >/dev/null && return; sleep 1; done
  echo "$1 did not start" >&2; tail -20 "$dir/$1.log" >&2; exit 1
}
p1=$(free_port); p2=$(free_port)
bots() { # bots <seed> <port>
  java -jar "$root/load/target/poker-load.jar" bots --url "ws://127.0.0.1:$2/ws" --players "$n" --duration "$d" \
  --think-ms "$t" --seed "$1" --ramp 100 2>&1 | grep -E 'summary|hands|latency|errors' ; }
forward() { curl -s "http://127.0.0.1:$p2/metrics" | grep -E '^poker_forward_duration_seconds_(count|sum)' || true; }
node node1 "$p1"
echo "== warm-up (local, discarded)"; bots 1 "$p1" >/dev/null
echo "== phase 1: local (players and tables on node1)"; bots 2 "$p1"
tables1=$(curl -s "http://127.0.0.1:$p1/health" | sed -E 's/.*"tables":([0-9]+).*/\1/')
node node2 "$p2"
sleep 2
echo "== warm-up of node2 (discarded)"; bots 4 "$p2" >/dev/null
echo "== phase 2: remote (players on node2, tables on node1)"; bots 3 "$p2"
echo "node1 tables: before $tables1, after $(curl -s "http://127.0.0.1:$p1/health" | sed -E 's/.*"tables":([0-9]+).*/\1/');" \
  "node2 tables: $(curl -s "http://127.0.0.1:$p2/health" | sed -E 's/.*"tables":([0-9]+).*/\1/')"
forward
