#!/usr/bin/env bash
# Tracing cost in the throughput scenario: one standalone node (embedded H2) and `poker load throughput`
# (PLAYERS=60, 40 s measured after a 15 s warm-up), tracing off / on with sampling 1.0 / on with 0.01
# (OTLP/HTTP to a local sink that counts what it gets), ROUNDS rounds alternating the three. Prints per run:
# the machine's 1-min load before..after, the node's CPU (utime+stime) during the run divided by the
# requests sent, the sink's exports and bytes, and the generator's summary.
# Usage: bench/run-tracing-cost.sh [ROUNDS=3]   (PLAYERS=60, NODE_PORT=18791, SINK_PORT=18790)
# Needs server/target/poker.jar and load/target/poker-load.jar (./mvnw -q -DskipTests -pl server,load -am package).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${1:-3}; players=${PLAYERS:-60}; node_port=${NODE_PORT:-18791}; sink_port=${SINK_PORT:-18790}
work=$(mktemp -d); tick=$(getconf CLK_TCK)
python3 - "$sink_port" <<'PY' &
import http.server, sys
stats = {"requests": 0, "bytes": 0}
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0)); self.rfile.read(n)
        stats["requests"] += 1; stats["bytes"] += n
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def do_GET(self):
        body = ("%d exports %d bytes" % (stats["requests"], stats["bytes"])).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
sink_pid=$!
node_pid=
trap 'kill $sink_pid ${node_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
run() { # name, extra environment...
  local name=$1; shift
  env POKER_HAND_DELAY_MS=200 POKER_RATE_LIMIT=1000 POKER_RATE_BURST=1000 "$@" \
    java -Xmx1g -Xms1g -XX:+UseG1GC -jar "$root/server/target/poker.jar" serve --port "$node_port" --host 127.0.0.1 \
    --data-dir "$work/data-$name" > "$work/node-$name.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$node_port/health" >/dev/null && break; sleep 0.2; done
  local load1 c1 sink1; load1=$(cut -d' ' -f1 /proc/loadavg); c1=$(cpu "$node_pid"); sink1=$(curl -s "http://127.0.0.1:$sink_port/")
  java -Xmx1g -XX:+UseG1GC -jar "$root/load/target/poker-load.jar" load throughput --url "ws://127.0.0.1:$node_port/ws" \
    --players "$players" --duration 40s --warmup 15s --seed 42 > "$work/load-$name.log" 2>&1 || true
  local c2 sink2 load2 reqs ms; c2=$(cpu "$node_pid"); sink2=$(curl -s "http://127.0.0.1:$sink_port/")
  load2=$(cut -d' ' -f1 /proc/loadavg)
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=
  reqs=$(grep -oE 'of [0-9]+ requests' "$work/load-$name.log" | grep -oE '[0-9]+' || echo 0)
  ms=$(( (c2 - c1) * 1000 / tick ))
  echo "$name: load $load1..$load2, node CPU $ms ms for $reqs requests ($(( ms * 1000 / (reqs > 0 ? reqs : 1) )) us each)," \
    "sink [$sink1] -> [$sink2];" $(grep -E '^ *(sustained|p50 action|p99 action|errors)' "$work/load-$name.log" | tr -s ' ')
}
otlp=(POKER_TRACING=on OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$sink_port)
for round in $(seq 1 "$rounds"); do
  run "off-$round"
  run "on-1.0-$round" "${otlp[@]}"
  run "on-0.01-$round" "${otlp[@]}" OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.01
done
