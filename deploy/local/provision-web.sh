# Sourced by test-all.sh (after services.sh): Chromium and chromedriver from Debian's packages for the
# browser test (server BrowserPlayIT), installed like the other services. They are handed to the tests as
# POKER_TEST_CHROMIUM and POKER_TEST_CHROMEDRIVER. When they cannot be installed, the test command fails
# if CI is set (the browser test must run there); elsewhere it says so and the browser test is skipped.
# shellcheck shell=bash
if ensure_packages chromium; then
  export POKER_TEST_CHROMIUM=/usr/bin/chromium
  export POKER_TEST_CHROMEDRIVER=/usr/bin/chromedriver
elif [ -n "${CI:-}" ]; then
  echo "[web] ERROR: Chromium and chromedriver could not be installed (apt-get install chromium chromium-driver), and CI is set: the browser test must run" >&2
  exit 1
else
  echo "[web] Chromium and chromedriver could not be installed: the browser test (BrowserPlayIT) will be skipped" >&2
fi
