"""The shared store against the file store, in one run: DuckLake (catalog in PostgreSQL, data as Parquet
in a directory) vs a DuckDB file, on the same data and the same code.

1. Overview filter change: a programme of 2,000 stories x 100 monthly reports (200,000 story rows),
   built once in a DuckDB file and copied into a new lake; for each filter setting the median of
   what the overview page does server-side on a filter change (portfolio.overview.overview with
   every figure, on a cursor of a serving connection), file and lake side by side.
   Target (issue 13): the lake within 2x of the file store.
2. A 200,000-row load: a Dutch CSV history (2,000 stories x 100 report dates, one file) through
   portfolio.ingest.load_file into a new file store and into a new lake, each in a fresh process.
3. Many programmes (issue 24): 50 programmes x 40 reports x 200 stories (400,000 story rows) built in a file
   and moved into a lake by portfolio.move (the `move` command, checked); the portfolio page's question
   and one programme's overview, file and lake side by side. `--only-many` runs this part alone.

The lake's PostgreSQL is started here (tests/stores.py: initdb into a temporary directory, as the
'postgres' user when run as root) and stopped at the end; its data directory is a temporary one on the
same disk as the file store. Prints medians; the ratio is lake / file.

Run: .venv/bin/python bench/bench_lake.py [--repeats N] [--only-many]
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

# 3. (issue 24) Many programmes: 50 programmes x 40 quarterly reports x 200 stories (400,000 story rows)
MANY_PROGRAMMES, MANY_REPORTS, MANY_STORIES = 50, 40, 200
BUILD_MANY = """
insert into programmes (programme_id, name) select p, 'Programma ' || p from range(1, $programmes + 1) t(p);
insert into reports (report_id, programme_id, report_date, version, is_current, source_file, checksum, loaded_at,
                     row_count)
select (p - 1) * $reports + r, p, date '2016-03-31' + to_months(3 * (r - 1)), 1, true, 'bench.csv',
       'bench' || p || '-' || r, current_timestamp, $stories
from range(1, $programmes + 1) t(p), range(1, $reports + 1) u(r);
insert into stories (report_id, code, title, programme_line, track, owner, period, budget, spent, forecast, status,
                     status_label, in_totals, source_row, sort_order)
select
    (p - 1) * $reports + r, 'S' || s, 'Story ' || s, 'Lijn ' || (s % 5), 'Spoor ' || (s % 17), 'Afdeling ' || (s % 9),
    'Jaarplan ' || (2016 + s % 10),
    (10000 + (s * 37 + p) % 90000)::decimal(18, 2),
    ((10000 + (s * 37 + p) % 90000) * least(1.2, r / 40.0))::decimal(18, 2),
    ((10000 + (s * 37 + p) % 90000) * (0.9 + ((s * r + p) % 30) / 100.0))::decimal(18, 2),
    case (s + r + p) % 7 when 0 then 'red' when 1 then 'amber' when 2 then 'unknown' else 'green' end,
    'x', true, s + 1, s
from range(1, $programmes + 1) t(p), range(1, $reports + 1) u(r), range(1, $stories + 1) v(s)
order by p, r, s;
update counters set value = $programmes where name = 'programme_id';
update counters set value = $programmes * $reports where name = 'report_id';
"""


def build_many(path: Path) -> None:
    con = db.connect(path)
    sizes = {"programmes": MANY_PROGRAMMES, "reports": MANY_REPORTS, "stories": MANY_STORIES}
    for statement in filter(str.strip, BUILD_MANY.split(";")):
        con.execute(statement, {k: v for k, v in sizes.items() if f"${k}" in statement} or None).fetchall()
    con.execute(DERIVED).fetchall()
    db.execute(con, "refresh_baselines", programmes=[f"Programma {p}" for p in range(1, MANY_PROGRAMMES + 1)])
    db.refresh_judgement(con, programmes=None)
    con.close()


def many_ms(store: str, repeats: int) -> dict[str, float]:
    """The portfolio page's question (every programme at its latest report) and one programme's
    overview (its latest report, every figure), as the app asks them on a serving connection."""
    import datetime as dt

    from portfolio import portfolio_view
    from portfolio.filters import Filters

    con = db.connect(store)
    db.configure_for_serving(con)
    cur = con.cursor()
    middle = MANY_PROGRAMMES // 2
    latest = middle * MANY_REPORTS  # programme `middle`'s latest report
    found = {
        "portfolio page": median_ms(lambda: portfolio_view.programmes(cur, dt.date(2026, 6, 30)), repeats),
        "a programme's overview": median_ms(
            lambda: overview.overview(cur, latest, middle, Filters(), then=charts.overview_steps("EUR", "nl")), repeats
        ),
    }
    cur.close()
    con.close()
    return found


def many_programmes(server: Postgres, folder: Path, repeats: int) -> None:
    from portfolio import move

    file_store = folder / "many.duckdb"
    started = time.perf_counter()
    build_many(file_store)
    built = time.perf_counter() - started
    lake, data = server.lake_url(server.create_database()), str(folder / "many-lake-data")
    started = time.perf_counter()
    result = move.move(file_store, lake, data_path=data)
    moved = time.perf_counter() - started
    assert result.checked and result.rows("stories") == MANY_PROGRAMMES * MANY_REPORTS * MANY_STORIES
    print(
        f"\n3. {MANY_PROGRAMMES} programmes x {MANY_REPORTS} reports x {MANY_STORIES} stories "
        f"({result.rows('stories'):,} story rows): built in a file in {built:.1f} s, moved into a lake "
        f"(python -m portfolio move, checked) in {moved:.1f} s; median of {repeats}"
    )
    os.environ[db.DATA_PATH_ENV] = data
    file_ms, lake_ms = many_ms(str(file_store), repeats), many_ms(lake, repeats)
    print(f"{'question':<24}{'file ms':>10}{'lake ms':>10}{'ratio':>8}")
    for label in file_ms:
        print(f"{label:<24}{file_ms[label]:>10.1f}{lake_ms[label]:>10.1f}{lake_ms[label] / file_ms[label]:>8.2f}")


def main() -> int:
    global LOAD_FILE
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--loads", type=int, default=2, help="200,000-row loads per store")
    parser.add_argument("--only-many", action="store_true", help="only part 3: many programmes")
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
        if args.only_many:
            many_programmes(server, folder, args.repeats)
            return 0
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
        many_programmes(server, folder, args.repeats)
        return 0 if ok else 1
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
