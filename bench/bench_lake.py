"""The shared store against the file store, in one run: DuckLake (catalog in PostgreSQL, data as Parquet
in a directory) vs a DuckDB file, on the same data and the same code.

1. Overview filter change: a programme of 2,000 stories x 100 monthly reports (200,000 story rows),
   built once in a DuckDB file and copied into a new lake; for each filter setting the median of
   what the overview page does server-side on a filter change (portfolio.overview.overview with
   every figure, on a cursor of a serving connection), file and lake side by side.
   Target (issue 13): the lake within 2x of the file store.
2. A 200,000-row load: a Dutch CSV history (2,000 stories x 100 report dates, one file) through
   portfolio.ingest.load_file into a new file store and into a new lake, each in a fresh process.

The lake's PostgreSQL is started here (tests/stores.py: initdb into a temporary directory, as the
'postgres' user when run as root) and stopped at the end; its data directory is a temporary one on the
same disk as the file store. Prints medians; the ratio is lake / file.

Run: .venv/bin/python bench/bench_lake.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb

# the figures use Streamlit's plotly template, as in the app
import streamlit.elements.plotly_chart  # noqa: F401

from bench.bench_overview import BUILD, DERIVED, REPORTS, SETTINGS, STORIES
from portfolio import charts, db, overview
from tests.stores import Postgres

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.0
LOAD_STORIES, LOAD_DATES = 2_000, 100
TABLES = ("programmes", "reports", "stories", "story_baselines")


def build_file(path: Path) -> None:
    """The overview bench's 200,000 story rows in a DuckDB file (bench/bench_overview.py's BUILD)."""
    con = db.connect(path)
    for statement in filter(str.strip, BUILD.split(";")):
        params = {k: v for k, v in {"stories": STORIES, "reports": REPORTS}.items() if f"${k}" in statement}
        con.execute(statement, params or None).fetchall()
    con.execute(DERIVED).fetchall()
    db.execute(con, "delete_baselines", programmes=["Bench"])
    db.execute(con, "refresh_baselines", programmes=["Bench"])
    db.refresh_judgement(con, programmes=["Bench"])
    con.close()


def copy_into_lake(source: Path, lake: str) -> None:
    """The file's rows into the (new, migrated) lake, table by table in one transaction."""
    con = db.connect(lake)
    con.execute(f"attach '{source}' as source (read_only)")
    con.execute("begin transaction")
    for table in TABLES:
        con.execute(f"delete from {table}")  # noqa: S608 (names from TABLES)
        con.execute(f"insert into {table} select * from source.{table}")  # noqa: S608
    con.execute("commit")
    con.execute("detach source")
    con.close()


def median_ms(work, repeats: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def overview_ms(store: str, repeats: int) -> dict[str, float]:
    con = db.connect(store)  # as the app opens it (portfolio.db.SharedDatabase)
    db.configure_for_serving(con)
    cur = con.cursor()
    found = {}
    for label, filters in SETTINGS.items():
        found[label] = median_ms(
            lambda f=filters: overview.overview(cur, REPORTS, 1, f, then=charts.overview_steps("EUR", "nl")), repeats
        )
    cur.close()
    con.close()
    return found


def history_csv(path: Path) -> int:
    """A Dutch CSV history: programme and report date per row, LOAD_STORIES stories per date."""
    lines = ["Programma;Peildatum;Nr;Omschrijving;Programmalijn;Budget;Besteed;Prognose;Stoplicht"]
    lights = ("groen", "oranje", "rood", "")
    for d in range(LOAD_DATES):
        date = f"{28:02d}-{d % 12 + 1:02d}-{2015 + d // 12}"
        for s in range(LOAD_STORIES):
            budget = 10_000 + (s * 37) % 90_000
            lines.append(
                f"Last;{date};S{s};Story {s};Lijn {s % 5};{budget},00;{budget * min(1.0, d / 100):.2f}".replace(
                    ".", ","
                )
                + f";{budget * (0.9 + (s * d) % 30 / 100):.2f}".replace(".", ",")
                + f";{lights[(s + d) % 4]}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


LOAD = """
import sys, time
from pathlib import Path
from portfolio import db, ingest
con = db.connect(sys.argv[1])
data = Path(sys.argv[2]).read_bytes()
started = time.perf_counter()
parsed, committed = ingest.load_file(con, data, 'history.csv', loaded_by='bench')
print(time.perf_counter() - started, sum(c.rows for c in committed), len(committed))
"""


def load_seconds(store: str) -> tuple[float, int, int]:
    done = subprocess.run(
        [sys.executable, "-c", LOAD, store, str(LOAD_FILE)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    seconds, rows, reports = done.stdout.split()
    return float(seconds), int(rows), int(reports)


LOAD_FILE = Path()


def main() -> int:
    global LOAD_FILE
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--loads", type=int, default=2, help="200,000-row loads per store")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-lake-"))
    server = Postgres()
    try:
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"duckdb {duckdb.__version__}, PostgreSQL 15 on a unix socket, lake data in {tempfile.gettempdir()}"
        )
        data_path = str(folder / "lake-data")
        os.environ[db.DATA_PATH_ENV] = data_path
        file_store = folder / "overview.duckdb"
        started = time.perf_counter()
        build_file(file_store)
        lake = server.lake_url(server.create_database())
        copy_into_lake(file_store, lake)
        print(
            f"built {STORIES * REPORTS:,} story rows in a file and copied them into a lake in "
            f"{time.perf_counter() - started:.1f} s"
        )
        file_ms = overview_ms(str(file_store), args.repeats)
        lake_ms = overview_ms(lake, args.repeats)
        print(f"\n1. overview filter change, median of {args.repeats} (target: lake <= {TARGET_RATIO:g}x file)")
        print(f"{'filters':<16}{'file ms':>10}{'lake ms':>10}{'ratio':>8}")
        ok = True
        for label in SETTINGS:
            ratio = lake_ms[label] / file_ms[label]
            ok &= ratio <= TARGET_RATIO
            print(
                f"{label:<16}{file_ms[label]:>10.1f}{lake_ms[label]:>10.1f}{ratio:>8.2f}"
                f"   {'PASS' if ratio <= TARGET_RATIO else 'FAIL'}"
            )
        LOAD_FILE = folder / "history.csv"
        rows = history_csv(LOAD_FILE)
        print(
            f"\n2. a {rows:,}-row load ({LOAD_FILE.stat().st_size / 2**20:.1f} MiB CSV, {LOAD_DATES} reports), "
            f"each into a new store in a fresh process"
        )
        print(f"{'run':<6}{'file s':>10}{'lake s':>10}{'ratio':>8}")
        pairs = []
        for run in range(args.loads):
            file_s, file_rows, _ = load_seconds(str(folder / f"load{run}.duckdb"))
            lake_s, lake_rows, _ = load_seconds(server.lake_url(server.create_database()))
            assert file_rows == lake_rows == rows, (file_rows, lake_rows, rows)
            pairs.append((file_s, lake_s))
            print(f"{run + 1:<6}{file_s:>10.2f}{lake_s:>10.2f}{lake_s / file_s:>8.2f}")
        file_med = statistics.median(p[0] for p in pairs)
        lake_med = statistics.median(p[1] for p in pairs)
        print(f"{'median':<6}{file_med:>10.2f}{lake_med:>10.2f}{lake_med / file_med:>8.2f}")
        return 0 if ok else 1
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
