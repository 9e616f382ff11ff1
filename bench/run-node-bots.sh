#!/usr/bin/env bash
# A node on a durable throwaway PostgreSQL and N bots for D seconds (think time T ms); prints the bots' summary
# and the node's metrics. Usage: bench/run-node-bots.sh [N=120] [D=30] [T=0]   (HAND_DELAY=ms, default 200)
# Needs server/target/poker.jar and load/target/poker-load.jar (./mvnw -q -DskipTests -pl server,load -am package).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/deploy/local/services.sh"
dir=$(make_service_dir measure)
trap 'pkill -f "poker.jar serve --port 18600" || true; sleep 2; stop_postgres "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
start_postgres "$dir" 2>/dev/null
_svc_pg_run "$PG_RUN_AS" "$dir/pg" sh -c 'cat >> "$1"' sh "$PG_DATA/postgresql.conf" <<CONF
fsync = on
synchronous_commit = on
full_page_writes = on
CONF
_svc_pg_run "$PG_RUN_AS" "$dir/pg" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$dir/pg/postgres.log" -w restart >/dev/null
POKER_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/poker_test" POKER_DB_USER=poker POKER_HAND_DELAY_MS=${HAND_DELAY:-200} \
  POKER_RATE_LIMIT=100 POKER_RATE_BURST=200 \
  java -Xmx1g -XX:+UseG1GC -jar $root/server/target/poker.jar serve --port 18600 --data-dir "$dir/data" > "$dir/node.log" 2>&1 &
for i in $(seq 1 60); do curl -sf http://127.0.0.1:18600/health >/dev/null && break; sleep 1; done
java -jar $root/load/target/poker-load.jar bots --url ws://127.0.0.1:18600/ws --players "${1:-120}" --duration "${2:-30}" --think-ms "${3:-0}" --seed 7 --ramp 200 2>&1 | tail -6
curl -s http://127.0.0.1:18600/metrics | grep -E "^poker_action_latency_seconds_(count|sum)|^poker_hands_completed_total|^poker_store_events_total|^poker_store_commit_seconds_(count|sum)|^poker_errors_total"
