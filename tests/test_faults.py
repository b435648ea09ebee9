"""Faults: a load killed halfway, uploads at the same time as readers; nothing lost, nothing mixed."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from portfolio import analysis, db, demo, ingest

ROOT = Path(__file__).resolve().parent.parent
STORIES_PER_REPORT = 2_000


def big_history(path: Path, reports: int = 40) -> Path:
    """A Dutch CSV history of `reports` report dates x 2,000 stories: big enough to kill mid-load."""
    lines = ["Programma;Peildatum;Nr;Omschrijving;Budget;Besteed;Prognose;Stoplicht"]
    for r in range(reports):
        date = f"{(r % 28) + 1:02d}-{(r // 28) + 1:02d}-2024"
        lines += [
            f"Groot;{date};S{s};Story {s};{1000 + s},00;{s},50;{1100 + s},00;groen" for s in range(STORIES_PER_REPORT)
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def state(path: Path) -> dict:
    with duckdb.connect(str(path)) as con:
        reports = con.execute(
            "select p.name, r.report_date::varchar, r.row_count, count(s.code) from reports r "
            "join programmes p using (programme_id) left join stories s using (report_id) group by all order by all"
        ).fetchall()
        return {
            "reports": reports,
            "orphans": con.execute(
                "select count(*) from stories where report_id not in (select report_id from reports)"
            ).fetchall()[0][0],
        }


@pytest.mark.parametrize("kill_after", [0.4, 0.9, 1.6, 2.5, "wal"])
def test_a_load_killed_with_sigkill_leaves_earlier_reports_intact_and_no_half_report(tmp_path, kill_after):
    database = tmp_path / "kill.duckdb"
    con = db.connect(database)
    demo.load_demo_if_empty(con)
    con.close()
    before = state(database)
    export = big_history(tmp_path / "groot.csv")
    load = subprocess.Popen(
        [sys.executable, "-m", "portfolio", "load", str(export), "--db", str(database)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if kill_after == "wal":  # the moment DuckDB starts writing the transaction to its log
        wal = database.with_name(database.name + ".wal")
        deadline = time.monotonic() + 30
        while not wal.exists() and load.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
    else:
        time.sleep(kill_after)  # a crash can come at any moment; several moments are tried
    if load.poll() is None:
        os.kill(load.pid, signal.SIGKILL)
    load.wait()
    after = state(database)  # the database opens (DuckDB replays or discards its write-ahead log)
    assert after["orphans"] == 0
    assert set(before["reports"]) <= set(after["reports"])  # every earlier report, whole
    new = [r for r in after["reports"] if r[0] == "Groot"]
    assert new == [] or len(new) == 40  # the whole file or nothing: one transaction
    assert all(rows == stories == STORIES_PER_REPORT for _, _, rows, stories in new)


def test_two_uploads_at_the_same_time_while_others_read(tmp_path):
    database = db.SharedDatabase(tmp_path / "busy.duckdb", linger=0.1)
    with database.cursor() as cur:
        demo.load_demo_if_empty(cur)
    exports = {
        name: "\n".join(
            ["Nr;Omschrijving;Budget;Prognose;Stoplicht"]
            + [f"{name[0]}{i};{name} {i};{100 * i};{110 * i};groen" for i in range(1, 301)]
        ).encode()
        for name in ("Alfa", "Beta")
    }
    errors, reads = [], []
    start = threading.Barrier(4)

    def upload(name):
        try:
            with database.cursor() as cur:
                start.wait()
                ingest.load_file(cur, exports[name], f"{name}.csv", programme=name, report_date="2025-03-31")
        except Exception as exc:
            errors.append(exc)

    def read():
        with database.cursor() as cur:
            start.wait()
            for _ in range(20):
                programmes = analysis.programmes(cur)
                mab = int(programmes.loc[programmes["name"] == "MAB Flevoland", "programme_id"].iloc[0])
                report_id = int(analysis.reports(cur, mab)["report_id"].iloc[0])
                reads.append(analysis.totals(cur, report_id)["budget"])

    threads = [threading.Thread(target=upload, args=(n,)) for n in exports] + [
        threading.Thread(target=read) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert set(reads) == {2_315_000.0}  # readers never saw a half-written state or someone else's rows
    with database.cursor() as cur:
        for name in exports:
            programmes = analysis.programmes(cur)
            pid = int(programmes.loc[programmes["name"] == name, "programme_id"].iloc[0])
            [report_id] = analysis.reports(cur, pid)["report_id"].tolist()
            stories = analysis.stories(cur, int(report_id))
            assert len(stories) == 300 and stories["code"].str.startswith(name[0]).all()  # nothing mixed
            assert analysis.totals(cur, int(report_id))["budget"] == 100 * sum(range(1, 301))
    database.close()
