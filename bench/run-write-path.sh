#!/usr/bin/env bash
# Measures the durable write path on a throwaway PostgreSQL with production durability settings
# (fsync on, synchronous_commit on), then removes it. Usage: bench/run-write-path.sh [tables] [seconds]
# Needs bench/target/benchmarks.jar: ./mvnw -q -Pbench -pl bench -am package -DskipTests
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=../deploy/local/services.sh
. "$root/deploy/local/services.sh"
ensure_packages postgres
dir=$(make_service_dir bench)
trap 'stop_postgres "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
start_postgres "$dir"
# the throwaway instance starts without durability; turn it back on and restart
_svc_pg_run "$PG_RUN_AS" "$dir/pg" sh -c 'cat >> "$1"' sh "$PG_DATA/postgresql.conf" <<CONF
fsync = on
synchronous_commit = on
full_page_writes = on
CONF
_svc_pg_run "$PG_RUN_AS" "$dir/pg" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$dir/pg/postgres.log" -w restart >/dev/null
for tables in ${1:-50 200 1000}; do
  java -cp "$root/bench/target/benchmarks.jar" dev.poker.bench.WritePathBenchmark \
    "jdbc:postgresql://127.0.0.1:$PG_PORT/poker_test" poker "" "$tables" "${2:-20}" 2 2
done
