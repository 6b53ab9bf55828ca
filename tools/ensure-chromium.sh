#!/usr/bin/env bash
# Headless Chromium for the HTML tests (they render pages as a person's browser would).
# Installs Debian's chromium package when it is missing and this runs as root with apt-get;
# otherwise says what to install. Called by tox before the tests.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "The HTML tests need headless Chromium: install your system's chromium package" >&2
echo "(Debian/Ubuntu: sudo apt-get install chromium), or set CSP_ALLOW_NO_BROWSER=1 to skip them." >&2
[ "${CSP_ALLOW_NO_BROWSER:-}" = "1" ] && exit 0
exit 1
