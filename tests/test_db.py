"""The app's hold on the database file: open while used, released soon after, one cursor per user."""

import subprocess
import sys

from portfolio import db

OPEN_ELSEWHERE = "import duckdb, sys; duckdb.connect(sys.argv[1]).close(); print('opened')"


def other_process_can_open(path) -> bool:
    result = subprocess.run(
        [sys.executable, "-c", OPEN_ELSEWHERE, str(path)], capture_output=True, text=True, timeout=60
    )
    return result.returncode == 0 and "opened" in result.stdout


def test_file_is_held_while_in_use_and_released_after_the_linger(tmp_path):
    path = tmp_path / "shared.duckdb"
    database = db.SharedDatabase(path, linger=0.2)
    with database.cursor() as cur:
        assert cur.execute("select count(*) from reports").fetchall() == [(0,)]
        assert database.is_open
        assert not other_process_can_open(path)  # DuckDB: one process holds the file
    watcher = database._watcher  # closes the file `linger` seconds after the last user
    assert watcher is not None
    watcher.join(timeout=5)
    assert not database.is_open
    assert other_process_can_open(path)


def test_users_get_their_own_cursors_and_the_file_stays_open_until_the_last_leaves(tmp_path):
    database = db.SharedDatabase(tmp_path / "s.duckdb", linger=0.05)
    with database.cursor() as first, database.cursor() as second:
        assert first is not second
        first.execute("create table t (x integer)").fetchall()
        first.execute("insert into t values (1)").fetchall()
        assert second.execute("select x from t").fetchall() == [(1,)]
    database.close()
    assert not database.is_open
    with database.cursor() as again:  # reopens on demand
        assert again.execute("select x from t").fetchall() == [(1,)]
    database.close()


SERVER = """
import sys
from portfolio import db
database = db.SharedDatabase(sys.argv[1])
with database.cursor() as cur:
    print("serving", cur.execute("select count(*) from reports").fetchall()[0][0], flush=True)
    for line in sys.stdin:
        with database.cursor() as again:
            print(again.execute("select count(*), sum(row_count) from reports").fetchall()[0], flush=True)
"""


def test_two_servers_serve_one_lake_at_once_and_see_each_others_loads(lake):
    """No claim, no handing over on a lake: another process serves it (holding a cursor) while this one
    opens it too, loads, and the other's next cursor sees the load; the answers' version moves."""
    from portfolio import ingest

    other = subprocess.Popen(
        [sys.executable, "-c", SERVER, lake], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=db.ROOT
    )
    try:
        assert other.stdout.readline().split() == ["serving", "0"]
        here = db.SharedDatabase(lake)
        with here.cursor() as cur:
            version = db.file_version(lake)
            ingest.load_file(cur, b"Nr;Budget\n1;100\n2;200\n", "a.csv", programme="P", report_date="2025-01-31")
            assert db.file_version(lake) != version
        other.stdin.write("again\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "(1, 2)"
        here.close()
    finally:
        other.stdin.close()
        other.wait(timeout=60)
        other.stdout.close()


def test_no_progress_bar_is_drawn_on_stdout(tmp_path):
    # DuckDB draws one on stdout for a statement longer than two seconds: a big load on a busy
    # machine would break the command line's --json answer with it
    for target in (tmp_path / "p.duckdb", ":memory:"):
        con = db.connect(target)
        try:
            for user in (con, con.cursor()):  # the app's sessions each use a cursor
                assert user.execute("select current_setting('enable_progress_bar')").fetchall() == [(False,)]
        finally:
            con.close()
