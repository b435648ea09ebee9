#!/usr/bin/env sh
# Two app servers on one DuckLake, on this machine: a PostgreSQL 15 for the lake's catalog (Debian's
# `postgresql` package), the lake's data files in a directory, and two `streamlit run` (ports 8501
# and 8502 unless told otherwise) that both read and upload into it. Ctrl-C stops the two servers; PostgreSQL keeps running
# until `deploy/lake/two_servers.sh stop`.
#   LAKE_DIR (default /tmp/portfolio-lake): PostgreSQL's files and socket, and the lake's data
#   PG_PORT (default 5433)
#   PORT_A, PORT_B (default 8501, 8502): the two servers' ports
#   ADDRESS (default 127.0.0.1): where they listen; loopback only, the proxy in front reaches them there
#   PORTFOLIO_DEMO=off: the lake starts empty instead of with the demo programmes
set -eu
cd "$(dirname "$0")/../.."
LAKE_DIR=${LAKE_DIR:-/tmp/portfolio-lake}
PG_PORT=${PG_PORT:-5433}
PORT_A=${PORT_A:-8501}
PORT_B=${PORT_B:-8502}
ADDRESS=${ADDRESS:-127.0.0.1}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
VENV=${VENV:-.venv}
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 is missing: apt-get install -y postgresql" >&2; exit 1; }
[ -x "$VENV/bin/python" ] || { echo "no $VENV: run ./run.sh once (it installs the requirements)" >&2; exit 1; }
# PostgreSQL refuses to run as root: as root, run it as the 'postgres' user
AS=""
PG_USER=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
    AS="runuser -u postgres --"
    PG_USER=postgres
fi
if [ "${1:-}" = "stop" ]; then
    $AS "$PG_BIN/pg_ctl" -D "$LAKE_DIR/pg" -w stop
    exit 0
fi
mkdir -p "$LAKE_DIR/data"
[ "$(id -u)" -ne 0 ] || chown postgres "$LAKE_DIR"
if [ ! -f "$LAKE_DIR/pg/PG_VERSION" ]; then
    $AS "$PG_BIN/initdb" -D "$LAKE_DIR/pg" -A trust -U "$PG_USER" >/dev/null
fi
if ! $AS "$PG_BIN/pg_ctl" -D "$LAKE_DIR/pg" status >/dev/null 2>&1; then
    $AS "$PG_BIN/pg_ctl" -D "$LAKE_DIR/pg" -l "$LAKE_DIR/postgres.log" -w \
        -o "-p $PG_PORT -k $LAKE_DIR -c listen_addresses=''" start >/dev/null
fi
$AS "$PG_BIN/createdb" -h "$LAKE_DIR" -p "$PG_PORT" -U "$PG_USER" portfolio 2>/dev/null || true
export PORTFOLIO_DB="ducklake:postgres:dbname=portfolio host=$LAKE_DIR port=$PG_PORT user=$PG_USER"
export PORTFOLIO_DATA_PATH="$LAKE_DIR/data"
echo "PORTFOLIO_DB=$PORTFOLIO_DB"
echo "PORTFOLIO_DATA_PATH=$PORTFOLIO_DATA_PATH"
# the first connection makes the lake and its schema; the servers and command lines then share it
"$VENV/bin/python" -c "from portfolio import db; db.connect().close()"
trap 'kill $A $B 2>/dev/null; wait' INT TERM
"$VENV/bin/python" -m streamlit run app.py --server.address "$ADDRESS" --server.port "$PORT_A" --server.headless true \
    >"$LAKE_DIR/server-a.log" 2>&1 &
A=$!
"$VENV/bin/python" -m streamlit run app.py --server.address "$ADDRESS" --server.port "$PORT_B" --server.headless true \
    >"$LAKE_DIR/server-b.log" 2>&1 &
B=$!
echo "server A: http://$ADDRESS:$PORT_A  server B: http://$ADDRESS:$PORT_B  (logs in $LAKE_DIR); Ctrl-C stops both"
wait
