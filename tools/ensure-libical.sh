#!/usr/bin/env bash
# libical (the C library of Evolution and GNOME Calendar) with its GObject bindings, for the
# calendar tests that expand repeating meetings as libical-based clients do.  The tests run it
# through the system's Python (/usr/bin/python3, or $CSP_LIBICAL_PYTHON): Debian's
# gir1.2-ical-3.0 and python3-gi.  Installs them when missing and this runs as root with
# apt-get; otherwise says what to install.  Called by tox before the tests.
set -euo pipefail
python="${CSP_LIBICAL_PYTHON:-/usr/bin/python3}"
check="import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
if [ -x "$python" ] && "$python" -c "$check" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's libical bindings (gir1.2-ical-3.0, python3-gi) for the calendar tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3 gir1.2-ical-3.0 python3-gi >/dev/null
  exit 0
fi
echo "The calendar tests read repeating meetings with libical: install its GObject bindings" >&2
echo "(Debian/Ubuntu: sudo apt-get install gir1.2-ical-3.0 python3-gi), or set" >&2
echo "CSP_ALLOW_NO_LIBICAL=1 to skip those tests." >&2
[ "${CSP_ALLOW_NO_LIBICAL:-}" = "1" ] && exit 0
exit 1
