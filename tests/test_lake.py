"""Several servers on one store: DuckLake with its catalog in the tests' own PostgreSQL.

Each server or command line is a process of its own with a connection of its own; what one commits
the others see; two writers at the same moment are both written, one after the other, never mixed;
a writer killed halfway leaves nothing of its write; a write that keeps losing is refused whole.
The tests that take `store` run on a DuckDB file too: the same guarantees hold there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from portfolio import db, ingest

ROOT = Path(__file__).resolve().parent.parent


def story_csv(prefix: str, rows: int, budget: float = 10.0) -> bytes:
    lines = ["Nr;Titel;Budget;Besteed"]
    lines += [f"{prefix}{n};Story {prefix}{n};{budget + n:.2f};{n}".replace(".", ",") for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def run_cli(store: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", *args, "--db", store, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_cli(store: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "portfolio", *args, "--db", store, "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def whole_reports(con) -> dict[int, tuple]:
    """Per report: (programme, date, version, current, rows it says, stories found, their budget)."""
    rows = con.execute(
        """
        select r.report_id, p.name, r.report_date, r.version, r.is_current, r.row_count,
            (select count(*) from stories as s where s.report_id = r.report_id),
            (select sum(budget)::double from stories as s where s.report_id = r.report_id)
        from reports as r join programmes as p using (programme_id)
        order by r.report_id
        """
    ).fetchall()
    return {row[0]: row[1:] for row in rows}


def orphans(con) -> int:
    return con.execute(
        "select count(*) from stories where report_id not in (select report_id from reports)"
    ).fetchall()[0][0]


def test_what_one_process_commits_the_next_sees(store):
    """Server A loads, server B (another process, its own connection) reads it on its next question."""
    con = db.connect(store)
    _, [done] = ingest.load_file(con, story_csv("A", 5), "a.csv", programme="Shared", report_date="2025-01-31")
    con.close()  # a DuckDB file is one process's at a time; a lake is not, but both must see it
    seen = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from portfolio import db; c = db.connect(sys.argv[1]);"
            "print(c.execute('select count(*), sum(budget)::double from stories where report_id = ?',"
            " [int(sys.argv[2])]).fetchall())",
            store,
            str(done.report_id),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.strip() == repr([(5, sum(10.0 + n for n in range(5)))])


def test_two_loads_at_the_same_moment_from_two_processes_are_both_written_whole(store, tmp_path):
    """Two command-line loads started together (two programmes, and two files for one programme and
    date): every load is written whole or refused whole, ids never collide, one current report per date."""
    db.connect(store).close()
    files = {}
    for name, prefix, rows in (("north", "N", 300), ("south", "S", 200), ("east1", "E", 50), ("east2", "F", 60)):
        files[name] = tmp_path / f"{name}.csv"
        files[name].write_bytes(story_csv(prefix, rows))
    wanted = {
        "north": ("North", "2025-03-31"),
        "south": ("South", "2025-03-31"),
        "east1": ("East", "2025-03-31"),
        "east2": ("East", "2025-03-31"),  # the same programme and date: one of the two is refused
    }
    processes = {
        name: start_cli(store, "load", str(files[name]), "--programme", p, "--report-date", d, "--wait", "120")
        for name, (p, d) in wanted.items()
    }
    results = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=600)
        results[name] = (process.returncode, out, err)
    for name in ("north", "south"):
        code, out, err = results[name]
        assert code == 0, err
        assert json.loads(out)["status"] == "loaded"
    east = sorted(results[n][0] for n in ("east1", "east2"))
    assert east == [0, 2], [results[n][2] for n in ("east1", "east2")]  # one loaded, one refused
    refused = next(results[n] for n in ("east1", "east2") if results[n][0] == 2)
    assert "report_exists" in refused[1] or "already" in refused[2] or "replace" in refused[2]
    con = db.connect(store)
    reports = whole_reports(con)
    assert len(reports) == 3 and orphans(con) == 0
    for _programme, _date, version, current, row_count, found, _budget in reports.values():
        assert (version, current) == (1, True)
        assert found == row_count  # nothing mixed: each report holds exactly its own rows
    by_programme = {r[0]: r for r in reports.values()}
    assert by_programme["North"][4] == 300 and by_programme["South"][4] == 200
    assert by_programme["North"][6] == pytest.approx(sum(10.0 + n for n in range(300)))
    assert by_programme["East"][4] in (50, 60)
    codes = con.execute(
        "select p.name, min(s.code[1]), max(s.code[1]) from stories s join reports r using (report_id) "
        "join programmes p using (programme_id) group by p.name order by p.name"
    ).fetchall()
    assert [(n, lo == hi) for n, lo, hi in codes] == [("East", True), ("North", True), ("South", True)]
    assert con.execute("select count(distinct name), count(*) from programmes").fetchall() == [(3, 3)]
    con.close()


def test_a_load_killed_halfway_leaves_no_half_report(lake, tmp_path):
    """SIGKILL while a large load is being written (its data files appearing): afterwards every report
    is whole and no story is without its report; a new load goes in as usual. (A file's kill:
    tests/test_faults.py.)"""
    store = lake
    data_dir = Path(os.environ[db.DATA_PATH_ENV])
    big = tmp_path / "big.csv"
    big.write_bytes(story_csv("K", 60_000))
    con = db.connect(store)
    _, [first] = ingest.load_file(con, story_csv("A", 10), "a.csv", programme="Kept", report_date="2025-01-31")
    con.close()
    before = {p for p in data_dir.rglob("*") if p.is_file()}
    load = start_cli(store, "load", str(big), "--programme", "Killed", "--report-date", "2025-02-28")
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and load.poll() is None:
            if {p for p in data_dir.rglob("*") if p.is_file()} - before:  # it is writing stories
                break
            time.sleep(0.005)
        assert load.poll() is None, "the load ended before it could be killed: " + load.stderr.read()
        os.kill(load.pid, signal.SIGKILL)
        load.wait(timeout=60)
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
        load.stdout.close()
        load.stderr.close()
    con = db.connect(store)
    reports = whole_reports(con)
    assert list(reports) == [first.report_id]  # the killed load left no report
    assert orphans(con) == 0
    assert con.execute("select count(*) from stories").fetchall() == [(10,)]
    _, [again] = ingest.load_file(con, story_csv("B", 10), "b.csv", programme="Killed", report_date="2025-02-28")
    assert whole_reports(con)[again.report_id][3:5] == (True, 10)
    con.close()


def test_a_write_that_loses_a_conflict_is_done_again_from_the_start(con):
    """The first tries meet another writer (the conflict DuckDB raises); each is undone whole, the last
    is written once."""
    tries = []

    def work(c):
        c.execute("insert into sign_in_attempts values ('x', 1.0)")
        tries.append(1)
        if len(tries) < 3:
            raise duckdb.TransactionException("TransactionContext Error: Transaction conflict - simulated")
        return "done"

    assert db.write(con, work) == "done"
    assert len(tries) == 3
    assert con.execute("select count(*) from sign_in_attempts").fetchall() == [(1,)]


def test_a_write_that_keeps_losing_is_refused_whole_with_a_clear_message(con):
    def work(c):
        c.execute("insert into sign_in_attempts values ('x', 1.0)")
        raise duckdb.TransactionException("TransactionContext Error: Transaction conflict - simulated")

    with pytest.raises(db.WriteConflict) as refused:
        db.write(con, work, attempts=3)
    assert con.execute("select count(*) from sign_in_attempts").fetchall() == [(0,)]
    assert "Nothing has been saved" in refused.value.text("en") and "3 tries" in refused.value.text("en")
    assert "Er is niets opgeslagen" in refused.value.text("nl")


def test_on_a_lake_a_real_conflict_with_another_connection_is_retried(lake):
    """Another connection commits a write while this one is writing: this commit fails on the
    conflict, and write() does it again after the other, on what the other left."""
    con = db.connect(lake)
    other = db.connect(lake)  # another connection to the lake
    tries = []

    def work(c):
        before = c.execute("select count(*) from sign_in_attempts").fetchall()[0][0]
        c.execute("insert into sign_in_attempts values ('mine', 1.0)")
        tries.append(before)
        if len(tries) == 1:  # the other writer gets in between, once
            db.write(other, lambda o: o.execute("insert into sign_in_attempts values ('other', 2.0)"))
        return before

    assert db.write(con, work) == 1  # the second try saw the other's row
    assert tries == [0, 1]
    assert sorted(con.execute("select client from sign_in_attempts").fetchall()) == [("mine",), ("other",)]
    con.close()
    other.close()


def test_an_unreachable_catalog_is_said_plainly(tmp_path):
    url = f"ducklake:postgres:dbname=nowhere host={tmp_path} port=1 user=nobody"
    with pytest.raises(db.DatabaseUnavailable) as problem:
        db.connect(url, data_path_=str(tmp_path / "data"))
    assert problem.value.reason == "lake_unreachable"
    text = problem.value.text("en")
    assert "cannot be reached" in text and "nowhere" in text and str(tmp_path) not in text
    done = run_cli(url, "reports")
    assert done.returncode == 4 and "cannot be reached" in done.stderr and "Traceback" not in done.stderr


def test_a_user_or_database_postgresql_does_not_know_is_said_as_such_not_as_an_outage(postgres, tmp_path):
    """PostgreSQL answers 'role "root" does not exist' (the local setup run as root, with user=root in the
    URL): not a catalog that does not answer, which the app would try again every 5 s for ever."""
    if isinstance(postgres, Exception):
        pytest.fail(f"the DuckLake tests need PostgreSQL: {postgres}")
    for url, said in (
        (postgres.lake_url(postgres.create_database()).replace(f"user={postgres.user}", "user=nobody_here"), "role"),
        (postgres.lake_url("no_such_catalog"), "database"),
    ):
        with pytest.raises(db.DatabaseUnavailable) as problem:
            db.connect(url, data_path_=str(tmp_path / "data"))
        assert problem.value.reason == "lake_not_found"
        assert f'{said} "' in problem.value.text("en") and "PORTFOLIO_DB" in problem.value.text("en")
        done = run_cli(url, "reports")
        assert done.returncode == 4 and "does not exist" in done.stderr and "cannot be reached" not in done.stderr


def test_a_new_lake_needs_a_data_path_and_keeps_the_one_it_was_made_with(postgres, tmp_path, monkeypatch):
    if isinstance(postgres, Exception):
        pytest.fail(f"the DuckLake tests need PostgreSQL: {postgres}")
    monkeypatch.delenv(db.DATA_PATH_ENV, raising=False)
    url = postgres.lake_url(postgres.create_database())
    with pytest.raises(db.DatabaseUnavailable) as problem:
        db.connect(url)
    assert problem.value.reason == "lake_no_data_path" and "PORTFOLIO_DATA_PATH" in problem.value.text("en")
    made = db.connect(url, data_path_=str(tmp_path / "one"))
    assert db.schema_version(made) == max(int(p.name[:3]) for p in db.MIGRATIONS_DIR.glob("*.sql"))
    made.close()
    db.connect(url).close()  # later: the lake knows its data path
    with pytest.raises(db.DatabaseUnavailable) as other:
        db.connect(url, data_path_=str(tmp_path / "two"))
    assert other.value.reason == "lake_data_path"
    done = run_cli(url, "reports", "--data-path", str(tmp_path / "two"))
    assert done.returncode == 4 and "another directory" in done.stderr


def test_a_file_of_a_newer_duckdb_is_refused_untouched_saying_how_to_bring_it_over(tmp_path):
    """The app moved from DuckDB 2.0 to 1.4.4 (the line the DuckLake extensions ship for): a file a
    newer DuckDB wrote (its storage version above what 1.4.4 reads) is named as such, with what to do."""
    import struct

    path = tmp_path / "newer.duckdb"
    db.connect(path).close()
    data = bytearray(path.read_bytes())
    assert data[8:12] == b"DUCK"
    data[12:20] = struct.pack("<Q", 999)  # the storage version, right after the magic bytes (2.0 writes 999)
    # the main header's checksum over its other 4,088 bytes, as DuckDB computes it
    checksum = 5381
    for (word,) in struct.iter_unpack("<Q", bytes(data[8:4096])):
        checksum ^= (word * 0xBF58476D1CE4E5B9) % 2**64
    data[0:8] = struct.pack("<Q", checksum)
    path.write_bytes(bytes(data))
    with pytest.raises(db.DatabaseUnavailable) as problem:
        db.connect(path)
    assert problem.value.reason == "newer_version"
    text = problem.value.text("en")
    assert f"DuckDB {duckdb.__version__}" in text and "EXPORT DATABASE" in text and "load the exports again" in text
    assert "EXPORT DATABASE" in problem.value.text("nl")
    assert path.read_bytes() == bytes(data)  # not touched
