#!/usr/bin/env bash
# Prometheus for the tests (issue 15): installs Debian's `prometheus` package when promtool is missing,
# checks and unit-tests the alerting and recording rules of deploy/prometheus with promtool, and exports
# POKER_TEST_PROMETHEUS_BIN (the prometheus binary PrometheusDashboardsIT starts on a free port).
# Sourced by test-all.sh after services.sh; run alone (`bash deploy/local/provision-prometheus.sh`) it
# only checks the rules.
# shellcheck source-path=SCRIPTDIR

_prom_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
_prom_rules=$(cd "$_prom_here/../prometheus" && pwd)

# promtool check rules + promtool test rules over deploy/prometheus; fails (returns 1) on any problem.
prometheus_check_rules() {
  local rules=("$_prom_rules"/*.rules.yml) tests=("$_prom_rules"/tests/*.test.yml)
  echo "[prometheus] promtool check rules ${rules[*]##*/}" >&2
  promtool check rules "${rules[@]}" >&2 || return 1
  echo "[prometheus] promtool test rules ${tests[*]##*/}" >&2
  (cd "$_prom_rules/tests" && promtool test rules "${tests[@]##*/}") >&2 || return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  # shellcheck source=services.sh
  . "$_prom_here/services.sh"
  ensure_packages prometheus
  prometheus_check_rules
  exit 0
fi

ensure_packages prometheus
prometheus_check_rules || { echo "[prometheus] the rules of deploy/prometheus fail their checks" >&2; exit 1; }
POKER_TEST_PROMETHEUS_BIN=$(command -v prometheus)
export POKER_TEST_PROMETHEUS_BIN
