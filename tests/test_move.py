"""Moving in (issue 24, item 1): a team's file store, months of history, copied into a DuckLake whole
and back, by `python -m portfolio move`; refused into a lake that holds other data unless asked, and
then added beside it with new ids. Read back table by table against the source (every row, sorted),
not against what the command says of itself; with a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from portfolio import analysis, db, demo, ingest, manage, move

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
MAB = {"programme": "MAB Flevoland", "report_date": dt.date(2018, 6, 15)}  # what the workbook's top says


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args],
        capture_output=True,
        text=True,
        cwd=db.ROOT,
        timeout=600,
        env={**os.environ},
    )


def months_of_use(path: Path) -> None:
    """A file store as a team leaves it: the demo, a second version of a report (and the first restored),
    a report deleted, changed rules, sign-in failures, attempts and a remembered device."""
    con = db.connect(path)
    try:
        demo.load_demo_if_empty(con)
        mab = next(DEMO.glob("mab_*.csv"))
        changed = mab.read_bytes().replace(b"250", b"275", 1)
        assert changed != mab.read_bytes()
        _, [second] = ingest.load_file(con, changed, mab.name, loaded_by="controller", replace=True, **MAB)
        first = manage.versions(con, second.report_id)
        earlier = int(first.loc[first["report_id"] != second.report_id, "report_id"].iloc[0])
        manage.restore(con, earlier, actor="controller")
        owo = manage.history(con, include_versions=False)
        manage.delete(con, int(owo.loc[owo["programme"].str.contains("OWO")].iloc[-1]["report_id"]), actor="anna")
        manage.set_status_rules(con, actor="controller", overrun_amber=0.07, overrun_red=0.2)
        manage.set_status_rules(con, actor="controller", programme="MAB Flevoland", overrun_amber=0.09)
        db.execute(con, "record_sign_in_failure_new", subjects=["name:anna|1.2.3.4"], at=1700000000.5)
        db.execute(con, "insert_sign_in_attempt", client="1.2.3.4", at=1700000001.25)
        db.execute(con, "remember_sign_in_device", device="d1", name="anna", at=1700000002.0)
    finally:
        con.close()


def every_row(store: str, **connect) -> dict[str, list[tuple]]:
    """Every row of every table but the store's own bookkeeping, sorted: what a copy must carry."""
    con = db.connect(store, **connect)
    try:
        tables = [
            t for (t,) in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()
        ]
        return {
            t: sorted(con.execute(f'select * from "{t}"').fetchall(), key=repr)
            for t in tables
            if t not in move.KEPT  # what a store keeps of its own: its schema, its identity
        }
    finally:
        con.close()


def without_writes(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The write counter counts writes in each store (the copy is one): the ids are what must match."""
    return {**rows, "counters": [r for r in rows["counters"] if r[0] != "writes"]}


@pytest.fixture
def team_file(tmp_path) -> Path:
    path = tmp_path / "team.duckdb"
    months_of_use(path)
    return path


def test_a_file_store_moves_into_a_lake_whole_and_back(team_file, lake, tmp_path):
    source = every_row(str(team_file))
    assert len(source["reports"]) > sum(1 for r in source["reports"] if r[4])  # earlier versions are there
    assert source["audit_log"] and source["sign_in_failures"] and source["sign_in_devices"]

    done = cli("move", "--from", str(team_file), "--to", lake)
    assert done.returncode == 0, done.stderr
    assert "Checked after the copy" in done.stdout
    assert without_writes(every_row(lake)) == without_writes(source)

    back = tmp_path / "back.duckdb"
    done = cli("move", "--from", lake, "--to", str(back))
    assert done.returncode == 0, done.stderr
    assert without_writes(every_row(str(back))) == without_writes(source)

    # what the app asks of the moved lake: the same history, and the next report gets a new id
    con = db.connect(lake)
    try:
        assert manage.history(con).equals(manage.history(db.connect(str(team_file))))
        newer = next(DEMO.glob("mab_*.csv")).read_bytes().replace(b"250", b"260", 1)
        _, [next_report] = ingest.load_file(con, newer, "mab.csv", replace=True, **MAB)
        assert next_report.report_id > max(r[0] for r in source["reports"])
    finally:
        con.close()


def test_a_lake_that_holds_other_data_is_refused_untouched_unless_asked(team_file, lake, tmp_path):
    other = tmp_path / "other.duckdb"
    con = db.connect(other)
    groningen = next(DEMO.glob("groningen_*.csv")).read_bytes()
    ingest.load_file(con, groningen, "groningen.csv", programme="Eigen programma", report_date=dt.date(2023, 1, 1))
    con.close()
    assert cli("move", "--from", str(other), "--to", lake).returncode == 0
    before = every_row(lake)

    refused = cli("move", "--from", str(team_file), "--to", lake)
    assert refused.returncode == 2
    assert "already holds data" in refused.stderr and "--into-used" in refused.stderr
    assert every_row(lake) == before  # nothing written

    added = cli("move", "--from", str(team_file), "--to", lake, "--into-used")
    assert added.returncode == 0, added.stderr
    after = every_row(lake)
    source = every_row(str(team_file))
    for table in ("programmes", "reports", "stories", "audit_log", "story_baselines", "sign_in_attempts"):
        assert len(after[table]) == len(before[table]) + len(source[table]), table
    con = db.connect(lake)
    try:
        names = set(manage.history(con)["programme"])
        assert "Eigen programma" in names and any("MAB" in n for n in names)
        ids = [r[0] for r in con.execute("select report_id from reports").fetchall()]
        assert len(ids) == len(set(ids))  # every id its own
        assert analysis.status_rules(con)["overrun_amber"] == 0.05  # the target kept its own rules
        mab = analysis.status_rules(con, "MAB Flevoland")
        assert mab["own"] and mab["overrun_amber"] == 0.09  # a programme's own rules came along with it
    finally:
        con.close()

    clash = cli("move", "--from", str(team_file), "--to", lake, "--into-used")
    assert clash.returncode == 2 and "both stores have the programme" in clash.stderr
    assert every_row(lake) == after


def test_moving_a_store_into_itself_or_from_nothing_is_refused(team_file, tmp_path):
    assert cli("move", "--from", str(team_file), "--to", str(team_file)).returncode == 2
    missing = cli("move", "--from", str(tmp_path / "none.duckdb"), "--to", str(tmp_path / "x.duckdb"))
    assert missing.returncode == 2 and "there is no database" in missing.stderr


def test_the_check_compares_what_was_written_with_the_source(team_file, tmp_path):
    """The check is no formality: a copy that lost a row or changed an amount is found and rolled back."""
    from portfolio import move

    target = tmp_path / "target.duckdb"
    db.connect(target).close()
    con = duckdb.connect(":memory:", config=db._lake_config())
    con.execute(f"attach '{team_file}' as src (read_only)")
    con.execute(f"attach '{target}' as tgt")
    tables = move._common_tables(con)
    before = move._measure(con, "tgt", "stories", tables["stories"], {})
    con.execute("insert into tgt.main.stories select * from src.main.stories")
    assert move._check(con, "stories", tables["stories"], {}, before).same
    con.execute("update tgt.main.stories set budget = budget + 0.01 where budget is not null and code = '1'")
    assert not move._check(con, "stories", tables["stories"], {}, before).same
    con.close()
