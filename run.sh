#!/usr/bin/env sh
# Set up (first time) and start the dashboard on the demo data: http://localhost:8501
set -eu
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/python" ] || ! cmp -s requirements.txt "$VENV/.requirements"; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    cp requirements.txt "$VENV/.requirements"
fi
exec "$VENV/bin/python" -m streamlit run app.py --server.port "${PORT:-8501}" --server.address "${ADDRESS:-localhost}" "$@"
