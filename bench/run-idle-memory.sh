#!/usr/bin/env bash
# Heap per idle connection: a standalone node (in a temp data dir), heap after a full GC with no
# connections, then with N idle authenticated connections. Usage: bench/run-idle-memory.sh [N]
# Needs bench/target/benchmarks.jar and server/target/poker.jar.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-2000}
port=18700
dir=$(mktemp -d)
trap 'kill "$node" 2>/dev/null || true; kill "$clients" 2>/dev/null || true; rm -rf "$dir"' EXIT
java -Xmx1g -jar "$root/server/target/poker.jar" serve --port $port --data-dir "$dir" --guest-balance 1000 \
  > "$dir/node.log" 2>&1 &
node=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
used() { jcmd "$node" GC.run >/dev/null; sleep 1; jcmd "$node" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1; }
before=$(used)
java -cp "$root/bench/target/benchmarks.jar" dev.poker.bench.IdleConnections "ws://127.0.0.1:$port/ws" "$n" 60 &
clients=$!
for _ in $(seq 1 120); do
  c=$(curl -s "http://127.0.0.1:$port/health" | sed -n 's/.*"connections":\([0-9]*\).*/\1/p')
  [ "${c:-0}" -ge "$n" ] && break
  sleep 1
done
sleep 3
after=$(used)
echo "connections: $c; heap after GC: ${before} KiB idle, ${after} KiB with them"
echo "heap per idle connection: $(( (after - before) * 1024 / n )) bytes"
