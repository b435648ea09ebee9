#!/usr/bin/env sh
# Set up (first time) and start the dashboard on the demo data: http://localhost:8501
set -eu
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
# $VENV/.requirements is the marker test.sh uses too: requirements.txt (made here) or requirements.txt
# + requirements-dev.txt (made by test.sh, which has everything the app needs) are both fine.
fit() {
    [ -x "$VENV/bin/python" ] && [ -f "$VENV/.requirements" ] && {
        cmp -s requirements.txt "$VENV/.requirements" ||
            cat requirements.txt requirements-dev.txt | cmp -s - "$VENV/.requirements"
    }
}
if ! fit; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    cp requirements.txt "$VENV/.requirements"
fi
exec "$VENV/bin/python" -m streamlit run app.py --server.port "${PORT:-8501}" --server.address "${ADDRESS:-localhost}" "$@"
