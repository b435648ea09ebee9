"""Speed of a filter change on the overview with a 200,000-row history in the database.

Builds a programme of 2,000 stories x 100 monthly reports (200,000 story rows) in a fresh DuckDB
file, then for several filter settings measures, in the same run:
  - ours: what the overview page does on a filter change, server-side: every query
    (portfolio.overview.overview) and every figure (portfolio.charts.overview_steps);
  - its bare SQL: the same SQL statements the overview runs (queries/*.sql, same parameters),
    executed one after the other on one cursor and fetched as plain tuples: no DataFrames, no
    figures, no threads;
  - floor: one hand-written aggregation per line straight on the stories table, for scale.
Targets (issue 4): ours within 150 ms and within 3x its bare SQL. Prints medians of REPEATS runs.

Run: .venv/bin/python bench/bench_overview.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb

# Figures copy the default plotly template; in the app that is Streamlit's (set when Streamlit's plotly
# element is imported), which is what they are measured with here.
import streamlit.elements.plotly_chart  # noqa: F401

from portfolio import charts, db, overview
from portfolio.filters import Filters

STORIES, REPORTS, REPEATS = 2_000, 100, 15
TARGET_MS, TARGET_RATIO = 150.0, 3.0

# Stories are written one report after another (order by r, s), as loads write them, with a start, a planned
# end and a forecast end each (issue 22).
BUILD = """
insert into programmes (programme_id, name) values (1, 'Bench');
insert into reports (report_id, programme_id, report_date, version, is_current, source_file, checksum, loaded_at,
                     row_count)
select r, 1, date '2015-01-31' + to_months(r - 1), 1, true, 'bench.csv', 'bench' || r, current_timestamp, $stories
from range(1, $reports + 1) t(r);
insert into stories (report_id, code, title, programme_line, track, owner, period, budget, spent, forecast, status,
                     status_label, in_totals, source_row, sort_order,
                     start_date, start_date_first, start_date_last, planned_end, planned_end_first, planned_end_last,
                     forecast_end, forecast_end_first, forecast_end_last)
select
    r, 'S' || s, 'Story ' || s, 'Lijn ' || (s % 5), 'Spoor ' || (s % 17), 'Afdeling ' || (s % 9),
    'Jaarplan ' || (2015 + s % 10),
    (10000 + (s * 37) % 90000)::decimal(18, 2),
    ((10000 + (s * 37) % 90000) * least(1.2, r / 100.0))::decimal(18, 2),
    ((10000 + (s * 37) % 90000) * (0.9 + ((s * r) % 30) / 100.0))::decimal(18, 2),
    case (s + r) % 7 when 0 then 'red' when 1 then 'amber' when 2 then 'unknown' else 'green' end,
    'x', true, s + 1, s,
    -- dates (issue 22): a start and a planned end per story, the forecast end moving every ten reports
    strftime(date '2014-01-01' + to_days((s * 13) % 700), '%Y-%m-%d'),
    date '2014-01-01' + to_days((s * 13) % 700), date '2014-01-01' + to_days((s * 13) % 700),
    strftime(date '2015-01-01' + to_days((s * 13) % 700 + (s * 7) % 1000), '%Y-%m-%d'),
    date '2015-01-01' + to_days((s * 13) % 700 + (s * 7) % 1000),
    date '2015-01-01' + to_days((s * 13) % 700 + (s * 7) % 1000),
    strftime(date '2015-01-01' + to_days((s * 13) % 700 + (s * 7) % 1000 + 30 * ((s + r // 10) % 4)), '%Y-%m-%d'),
    date '2015-01-01' + to_days((s * 13) % 700 + (s * 7) % 1000 + 30 * ((s + r // 10) % 4)),
    date '2015-01-01' + to_days((s * 13) % 700 + (s * 7) % 1000 + 30 * ((s + r // 10) % 4))
from range(1, $reports + 1) t(r), range(1, $stories + 1) u(s)
order by r, s;
"""

BARE_SQL = """
select coalesce(programme_line, '') as line, count(*) as n, sum(budget), sum(spent), sum(forecast),
       count(*) filter (where status = 'red') as n_red
from stories
where report_id = $report_id and parent_code is null and in_totals
  and ($lines is null or list_contains($lines, coalesce(programme_line, '')))
  and ($tracks is null or list_contains($tracks, coalesce(track, '')))
  and ($owners is null or list_contains($owners, coalesce(owner, '')))
  and ($statuses is null or list_contains($statuses, status))
  and ($necessities is null or list_contains($necessities, coalesce(necessity, '')))
  and ($search is null or contains(lower(code || ' ' || coalesce(title, '')), lower($search)))
group by all
"""

# what queries/insert_stories.sql derives on every row a load writes
DERIVED = """
update stories
set search_text = lower(code || ' ' || coalesce(title, '')),
    period_from = list_min(list_transform(regexp_extract_all(period, '\\b(?:19|20)[0-9]{2}\\b'), lambda y: y::integer)),
    period_to = list_max(list_transform(regexp_extract_all(period, '\\b(?:19|20)[0-9]{2}\\b'), lambda y: y::integer))
"""

SETTINGS = {
    "no filter": Filters(),
    "one line": Filters(lines=("Lijn 1",)),
    "line + status": Filters(lines=("Lijn 2", "Lijn 3"), statuses=("red", "amber")),
    "search": Filters(search="story 12"),
}


def overview_statements(report_id: int, previous_id: int, filters: Filters) -> list[tuple[str, dict]]:
    """The statements overview.overview runs for one filter setting, with their parameters."""
    f = filters.params()
    return [
        ("reports", {"programme_id": 1, "approved_only": False}),
        ("rollup", {"report_id": report_id, **f}),
        ("stories", {"report_id": report_id, **f}),
        ("compared_stories", {"old_report_id": previous_id, "new_report_id": report_id, **f}),
        ("trend", {"programme_id": 1, "until_report_id": report_id, **f}),
        ("excluded", {"report_id": report_id}),
    ]


def median_ms(work) -> float:
    work()  # warm-up
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-overview-"))
    path = folder / "bench.duckdb"
    con = db.connect(path)
    started = time.perf_counter()
    for statement in filter(str.strip, BUILD.split(";")):
        params = {k: v for k, v in {"stories": STORIES, "reports": REPORTS}.items() if f"${k}" in statement}
        con.execute(statement, params or None).fetchall()
    con.execute(DERIVED).fetchall()
    db.execute(con, "refresh_baselines", programmes=["Bench"])  # as every load does
    db.refresh_judgement(con, programmes=["Bench"])
    rows = con.execute("select count(*) from stories").fetchall()[0][0]
    print(
        f"built {rows:,} story rows ({STORIES:,} stories x {REPORTS} reports) in "
        f"{time.perf_counter() - started:.1f} s; database {path.stat().st_size / 1e6:.0f} MB"
    )
    con.close()
    con = db.connect(path)  # as the app opens it (portfolio.db.SharedDatabase)
    db.configure_for_serving(con)
    cur = con.cursor()
    report_id = REPORTS  # the latest report
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}"
    )
    print(
        f"{'filters':<16}{'ours ms':>10}{'bare SQL ms':>13}{'ratio':>8}{'floor ms':>10}   target: <= "
        f"{TARGET_MS:.0f} ms and <= {TARGET_RATIO:.0f}x its bare SQL"
    )
    ok = True
    for label, filters in SETTINGS.items():

        def ours(f=filters):
            overview.overview(cur, report_id, 1, f, then=charts.overview_steps("EUR", "nl"))

        def bare(f=filters):
            for name, params in overview_statements(report_id, report_id - 1, f):
                cur.execute(db.sql(name), params).fetchall()

        def floor(f=filters):
            cur.execute(BARE_SQL, {"report_id": report_id, **f.params()}).fetchall()

        mine, sql_only, lowest = median_ms(ours), median_ms(bare), median_ms(floor)
        passed = mine <= TARGET_MS and mine <= TARGET_RATIO * sql_only
        ok &= passed
        print(
            f"{label:<16}{mine:>10.1f}{sql_only:>13.1f}{mine / sql_only:>8.1f}{lowest:>10.1f}   "
            f"{'PASS' if passed else 'FAIL'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
