#!/usr/bin/env sh
# Set up (first time) and run every test: data layer, queries, AppTest pages.
set -eu
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
# One marker for run.sh and test.sh: $VENV/.requirements holds the requirement files the venv was made
# from. test.sh wants requirements.txt + requirements-dev.txt; run.sh is content with either, so
# running one after the other installs nothing.
if [ ! -x "$VENV/bin/python" ] || ! cat requirements.txt requirements-dev.txt | cmp -s - "$VENV/.requirements"; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
    cat requirements.txt requirements-dev.txt > "$VENV/.requirements"
fi
# The browser tests drive Debian's Chromium (Playwright cannot download browsers here); the proxy
# tests run the shipped deploy/nginx.conf in front of the app (Debian's nginx-light).
WANT=""
[ -n "${CHROMIUM:-}" ] || [ -x /usr/bin/chromium ] || WANT="chromium"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || WANT="$WANT nginx-light"
command -v openssl >/dev/null 2>&1 || WANT="$WANT openssl"
# The DuckLake tests start a PostgreSQL 15 of their own (tests/stores.py) for the lake's catalog.
[ -x /usr/lib/postgresql/15/bin/initdb ] || WANT="$WANT postgresql"
if [ -n "$WANT" ] && command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    # shellcheck disable=SC2086
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $WANT >/dev/null
fi
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "test.sh: pytest collected no tests; that is a failure, not a pass." >&2
    exit 1
fi
exit "$status"
