#!/usr/bin/env bash
# Runs the k6 scripts (load/k6-*.js) through the Node shim (load/k6/shim) against a running node, briefly
# and with few players, and fails when they broke the protocol: any poker_protocol_errors (an illegal
# amount, an error code a correct client never gets, a sequence gap), an exception in an iteration, a
# failed check, or a scenario that did nothing (no action, no storm connection served).
# Latency and error-rate thresholds are reported but do not fail this test (a loaded test machine is not
# a benchmark). Needs Node 20.6+; nothing is installed.
#
#   load/k6/test-shim.sh ws://127.0.0.1:8080/ws            every script, ~10 s each
#   load/k6/test-shim.sh ws://127.0.0.1:8080/ws storm      just one (throughput, capacity, storm, failover)
#
# Env: SHIM_DURATION (10s), SHIM_PLAYERS (12), SHIM_OUT (a directory for the summaries; default: a
# temporary one, removed unless a script failed).
set -euo pipefail

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}
case "${1:-}" in -h | --help) usage 0 ;; "") usage 2 ;; esac

url=$1
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
load=$(cd "$here/.." && pwd)
scripts=("$@")
[ ${#scripts[@]} -eq 0 ] && scripts=(throughput capacity storm failover)
duration=${SHIM_DURATION:-10s}
players=${SHIM_PLAYERS:-12}
if ! command -v node >/dev/null; then
  echo "test-shim: node is not installed" >&2
  exit 2
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "test-shim: needs Node 20.6 or newer, not $(node --version)" >&2
  exit 2
fi
out=${SHIM_OUT:-}
keep=1
if [ -z "$out" ]; then
  out=$(mktemp -d "${TMPDIR:-/tmp}/k6-shim.XXXXXX")
  keep=0
fi
mkdir -p "$out"

# the library's own tests first (no server needed)
echo "== node --test load/k6/test"
(cd "$here" && node --test test/) >"$out/unit.log" 2>&1 || {
  cat "$out/unit.log" >&2
  echo "test-shim: the k6 library's unit tests failed" >&2
  exit 1
}

failures=0
for s in "${scripts[@]}"; do
  script="$load/k6-$s.js"
  if [ ! -f "$script" ]; then
    echo "test-shim: no such script: $script" >&2
    exit 2
  fi
  envs=(-e "BASE_URL=$url" -e "DURATION=$duration" -e "PLAYERS=$players")
  case $s in
    capacity) envs+=(-e STEPS=2 -e THINK_MIN_MS=300 -e THINK_MAX_MS=800 -e GOAL_P99_MS=100000) ;;
    storm) envs=(-e "BASE_URL=$url" -e "PLAYERS=$((players * 5))" -e WITHIN=3s -e HOLD=1s) ;;
    failover) envs+=(-e THINK_MIN_MS=200 -e THINK_MAX_MS=600) ;;
  esac
  echo "== k6-$s.js ${envs[*]}"
  set +e
  node "$here/shim/run.mjs" --quiet "${envs[@]}" --summary-export "$out/$s.json" "$script" >"$out/$s.log" 2>&1
  rc=$?
  set -e
  tail -n 40 "$out/$s.log"
  if [ ! -f "$out/$s.json" ]; then
    echo "test-shim: k6-$s.js did not finish (exit $rc)" >&2
    failures=$((failures + 1))
    continue
  fi
  if ! node - "$out/$s.json" "$s" <<'EOF'; then
const [file, scenario] = process.argv.slice(2);
const r = JSON.parse(require('fs').readFileSync(file, 'utf8'));
const m = (name) => (r.metrics[name] ? r.metrics[name].values : null);
const problems = [];
const protocol = m('poker_protocol_errors');
if (protocol && protocol.count > 0) {
  problems.push(`${protocol.count} protocol errors ${JSON.stringify(r.metrics.poker_protocol_errors.byCode || {})}`);
}
if (r.iterationErrors > 0) problems.push(`${r.iterationErrors} iterations threw: ${r.firstIterationErrors[0]}`);
const checks = m('checks');
if (!checks || checks.total === 0) problems.push('no check ran');
else if (checks.fails > 0) problems.push(`${checks.fails} of ${checks.total} checks failed`);
if (scenario === 'storm') {
  const ok = m('poker_storm_ok');
  if (!ok || ok.count === 0) problems.push('no storm connection was served');
} else {
  const actions = m('poker_actions');
  if (!actions || actions.count === 0) problems.push('no player action was measured');
}
if (r.aborted && scenario !== 'capacity') problems.push('aborted: ' + r.aborted);
if (problems.length) {
  console.error(`test-shim: k6-${scenario}.js: ` + problems.join('; '));
  process.exit(1);
}
const failed = Object.entries(r.metrics).flatMap(([k, v]) => Object.entries(v.thresholds || {})
  .filter(([, t]) => !t.ok).map(([e]) => `${k} ${e}`));
console.log(`test-shim: k6-${scenario}.js: protocol followed` + (failed.length ? ` (thresholds crossed, not failing this test: ${failed.join(', ')})` : ''));
EOF
    failures=$((failures + 1))
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "test-shim: $failures script(s) failed; logs and summaries in $out" >&2
  exit 1
fi
[ "$keep" -eq 0 ] && rm -rf "$out"
echo "test-shim: all scripts followed the protocol"
