# Sourced by test-all.sh (after services.sh): Chromium and chromedriver from Debian's packages for the
# browser test (server BrowserPlayIT), installed like the other services and handed to the tests as
# POKER_TEST_CHROMIUM and POKER_TEST_CHROMEDRIVER. When they cannot be installed the test command fails,
# as it does for PostgreSQL or Redis: the browser test never skips.
# shellcheck shell=bash
if ensure_packages chromium; then
  export POKER_TEST_CHROMIUM=/usr/bin/chromium
  export POKER_TEST_CHROMEDRIVER=/usr/bin/chromedriver
else
  echo "[web] ERROR: Chromium and chromedriver could not be installed (apt-get install chromium chromium-driver); the browser test needs them" >&2
  exit 1
fi
