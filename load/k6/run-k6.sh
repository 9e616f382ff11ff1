#!/usr/bin/env bash
# Runs every load/k6-*.js with a real k6 at small scale against a running node, and fails when k6 exits
# non-zero for one of them (a threshold crossed, or the script threw). The test command runs it against
# a fresh node; by hand:
#
#   load/k6/run-k6.sh ws://127.0.0.1:8080/ws               every script, ~10 s each
#   load/k6/run-k6.sh ws://127.0.0.1:8080/ws storm         just one (throughput, capacity, storm, ...)
#
# k6 is looked for on PATH, then in $K6, then at ../shared/tools/k6 relative to the repository (k6 v0.48.0
# on the development and CI machines). Without any of them this says so and exits 0, or 1 when CI is set.
# Before them, the unit tests of load/k6/lib (node --test) when Node is installed.
# Env: POKER_K6_DURATION (10s), POKER_K6_PLAYERS (12), POKER_K6_OUT (a directory for the logs and summaries; default: a
# temporary one, removed unless a script failed).
set -euo pipefail

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}
case "${1:-}" in -h | --help) usage 0 ;; "") usage 2 ;; esac

url=$1
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
load=$(cd "$here/.." && pwd)
root=$(cd "$load/.." && pwd)

find_k6() {
  if command -v k6 >/dev/null 2>&1; then command -v k6; return; fi
  if [ -n "${K6:-}" ] && [ -x "$K6" ]; then printf '%s\n' "$K6"; return; fi
  if [ -x "$root/../shared/tools/k6" ]; then printf '%s\n' "$root/../shared/tools/k6"; return; fi
  return 1
}

if ! k6=$(find_k6); then
  echo "run-k6: no k6 found (looked on PATH, in \$K6${K6:+=$K6}, at $root/../shared/tools/k6)." >&2
  echo "run-k6: install it from Grafana's packages (https://grafana.com/docs/k6/latest/set-up/install-k6/)," >&2
  echo "run-k6: or point K6=/path/to/k6 at a binary (v0.48.0 or newer)." >&2
  if [ -n "${CI:-}" ]; then
    echo "run-k6: CI is set, so a missing k6 fails the test" >&2
    exit 1
  fi
  echo "run-k6: the k6 scripts were NOT run" >&2
  exit 0
fi

scripts=()
if [ $# -eq 0 ]; then
  for f in "$load"/k6-*.js; do scripts+=("$f"); done
else
  for s in "$@"; do scripts+=("$load/k6-$s.js"); done
fi
duration=${POKER_K6_DURATION:-10s}
players=${POKER_K6_PLAYERS:-12}
out=${POKER_K6_OUT:-}
keep=1
if [ -z "$out" ]; then
  out=$(mktemp -d "${TMPDIR:-/tmp}/k6-run.XXXXXX")
  keep=0
fi
mkdir -p "$out"
echo "run-k6: $("$k6" version 2>/dev/null | head -n 1) at $k6"

# the shared library's own unit tests first (Node, no server); skipped without Node
if command -v node >/dev/null 2>&1; then
  (cd "$here" && node --test test/) >"$out/lib-unit.log" 2>&1 || {
    cat "$out/lib-unit.log" >&2
    echo "run-k6: the unit tests of load/k6/lib failed" >&2
    exit 1
  }
  echo "run-k6: load/k6/lib unit tests passed"
fi

failures=0
for script in "${scripts[@]}"; do
  if [ ! -f "$script" ]; then
    echo "run-k6: no such script: $script" >&2
    exit 2
  fi
  name=$(basename "$script" .js)
  # small scale, and latency objectives a shared test machine can meet: this checks the scripts and the
  # node together, it is not a benchmark
  envs=(-e "BASE_URL=$url" -e "DURATION=$duration" -e "PLAYERS=$players" -e SLO_P99_MS=2000)
  case $name in
    k6-capacity) envs+=(-e STEPS=2 -e THINK_MIN_MS=300 -e THINK_MAX_MS=800 -e GOAL_P99_MS=2000) ;;
    k6-storm) envs=(-e "BASE_URL=$url" -e "PLAYERS=$((players * 5))" -e WITHIN=3s -e HOLD=1s -e DURATION=20s) ;;
    k6-failover) envs+=(-e THINK_MIN_MS=200 -e THINK_MAX_MS=600) ;;
  esac
  echo "== k6 run ${envs[*]} $name.js"
  set +e
  (cd "$load" && "$k6" run --quiet --no-color "${envs[@]}" --summary-export "$out/$name.json" "$script") \
    >"$out/$name.log" 2>&1
  rc=$?
  set -e
  grep -E '✓|✗|level=(error|warning)' "$out/$name.log" | head -n 40 || true
  if [ "$rc" -ne 0 ]; then
    echo "run-k6: $name.js failed (k6 exit $rc); its log: $out/$name.log" >&2
    tail -n 20 "$out/$name.log" >&2
    failures=$((failures + 1))
  else
    echo "run-k6: $name.js passed"
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "run-k6: $failures script(s) failed; logs and summaries in $out" >&2
  exit 1
fi
[ "$keep" -eq 0 ] && rm -rf "$out"
echo "run-k6: every k6 script passed"
