"""The database file between the app and the command line: a waiting load gets in, one app per file.

The app keeps the file open while people click (each page run holds a cursor, and the file lingers
open for two seconds after the last one). A command-line load announces itself; from then on the app
hands out no new cursors, closes the file when the page runs in progress are done, and reopens it
once the load has the file. The load's wait is bounded by the longest page run in progress
(db.WRITER_BOUND_SECONDS on top of it), not by how often people click.
"""

import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, db, demo
from portfolio.i18n import t
from tests.exports import dutch_csv

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
PAGE_RUN = 0.5  # seconds a simulated page run holds its cursor
LOADED = "Nachtelijke lading"

# A second app server: a SharedDatabase in another process, with a user clicking in it, until stdin ends.
OTHER_APP = """
import sys, threading, time
from portfolio import db
database = db.SharedDatabase(sys.argv[1])
stop = threading.Event()
def click():
    while not stop.is_set():
        with database.cursor() as cur:
            cur.execute("select count(*) from reports").fetchall()
            time.sleep(0.3)
        time.sleep(0.2)
clicking = threading.Thread(target=click)
clicking.start()
print("serving", flush=True)
sys.stdin.readline()
stop.set()
clicking.join()
database.close()
"""


def export(tmp_path: Path) -> Path:
    path = tmp_path / "nacht.csv"
    path.write_bytes(
        dutch_csv(["Programma;Peildatum;Nr;Budget;Prognose;Stoplicht", f"{LOADED};31-10-2025;N1;1000;1200;groen"])
    )
    return path


def load(database: Path, csv: Path, wait: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portfolio", "load", str(csv), "--db", str(database), "--wait", f"{wait:g}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


class ClickingUser(threading.Thread):
    """Opens a page (a cursor held for PAGE_RUN seconds) every 0.2-1 s, as someone clicking through."""

    def __init__(self, database: db.SharedDatabase, seed: int):
        super().__init__()
        self.database, self.rng = database, random.Random(seed)
        self.stop, self.answers, self.errors = threading.Event(), [], []

    def run(self):
        while not self.stop.is_set():
            try:
                with self.database.cursor() as cur:
                    self.answers.append(set(analysis.programmes(cur)["name"]))
                    self.stop.wait(PAGE_RUN)
            except Exception as exc:  # every failure a user would see
                self.errors.append(exc)
            self.stop.wait(self.rng.uniform(0.2, 1.0))


@pytest.mark.parametrize("users", [1, 4])
def test_a_command_line_load_gets_in_while_users_keep_clicking(tmp_path, users):
    path = tmp_path / "served.duckdb"
    database = db.SharedDatabase(path)  # the app's default linger: two seconds
    with database.cursor() as cur:
        demo.load_demo_if_empty(cur)
    clicking = [ClickingUser(database, seed) for seed in range(users)]
    for user in clicking:
        user.start()
    try:
        # The promise: a load waits no longer than the longest page run in progress plus the bound.
        done = load(path, export(tmp_path), wait=PAGE_RUN + db.WRITER_BOUND_SECONDS)
        assert done.returncode == 0, done.stderr
        seen = [len(user.answers) for user in clicking]
        for user, before in zip(clicking, seen):  # every user keeps getting answers, now with the load
            for _ in range(200):
                if len(user.answers) > before and LOADED in user.answers[-1]:
                    break
                user.stop.wait(0.1)
            assert LOADED in user.answers[-1]
    finally:
        for user in clicking:
            user.stop.set()
        for user in clicking:
            user.join(timeout=60)
        database.close()
    assert [user.errors for user in clicking] == [[]] * users
    assert all(len(user.answers) >= 2 for user in clicking)


@pytest.fixture
def other_app(tmp_path):
    """Another app process serving tmp_path/app.duckdb, with a user clicking in it."""
    path = tmp_path / "app.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-c", OTHER_APP, str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "serving"
        yield process
    finally:
        if process.poll() is None:
            process.stdin.close()
            process.wait(timeout=60)
        process.stdout.close()


def test_a_second_app_on_the_same_file_is_refused_at_start_and_the_load_still_gets_in(app_db, other_app, tmp_path):
    with pytest.raises(db.DatabaseUnavailable) as refused:
        db.SharedDatabase(app_db)
    assert refused.value.reason == "app_running"
    assert str(app_db) in str(refused.value) and "PORTFOLIO_DB" in str(refused.value)

    at = AppTest.from_file(str(APP), default_timeout=60).run()  # the app's page in this second process
    assert not at.exception
    assert [e.value for e in at.error] == [t("db_app_running", "nl", file=app_db.name)]

    done = load(app_db, export(tmp_path), wait=0.3 + db.WRITER_BOUND_SECONDS)  # the other app clicks 0.3 s runs
    assert done.returncode == 0, done.stderr

    other_app.stdin.close()  # the other server stops; this one may serve now
    assert other_app.wait(timeout=60) == 0
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["programme"] = ""  # the overview and its sidebar (the portfolio page comes first)
    at.run()
    assert not at.exception and not at.error
    assert LOADED in set(at.sidebar.selectbox(key="programme").options)


def test_a_killed_load_leaves_no_stale_claim_on_the_file(tmp_path):
    """The load's claim is an OS lock: a load killed while it waits does not keep the app out."""
    path = tmp_path / "k.duckdb"
    database = db.SharedDatabase(path, linger=60)
    waiting = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom portfolio import db\n"
            "db.connect(sys.argv[1], wait=600, announce=True, on_wait=lambda: print('waiting', flush=True))\n",
            str(path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        with database.cursor():  # the app holds the file; the load announces itself and waits
            assert waiting.stdout.readline().strip() == "waiting"
            assert db.writer_waiting(path)
            waiting.kill()  # killed while it waits, before the app let go
            waiting.wait(timeout=60)
    finally:
        if waiting.poll() is None:
            waiting.kill()
            waiting.wait(timeout=60)
        waiting.stdout.close()
    assert not db.writer_waiting(path)
    with database.cursor() as cur:  # the app serves again without waiting
        assert cur.execute("select count(*) from reports").fetchall() == [(0,)]
    assert database.is_open  # it kept the file: nobody else wants it
    database.close()


def test_another_asker_at_the_same_moment_is_not_taken_for_a_waiting_load(tmp_path):
    """Asking whether a load waits takes the '.want' file's exclusive lock for a moment; an asker that finds
    it held by another asker (not by a waiting load's shared lock) asks again instead of answering yes. A CI
    run saw the app's own check make the test's answer 'a load waits' after the load was killed."""
    import fcntl

    path = tmp_path / "a.duckdb"
    lock_file = db._lock_file(path, db.WANT_SUFFIX)
    held = db._flock(lock_file, fcntl.LOCK_EX)  # another asker, this instant
    assert held is not None
    threading.Timer(0.02, os.close, args=(held,)).start()  # lets go after 20 ms
    assert db.writer_waiting(path) is False
    waiting = db._flock(lock_file, fcntl.LOCK_SH)  # a load that waits
    try:
        assert db.writer_waiting(path) is True
    finally:
        os.close(waiting)
    assert db.writer_waiting(path) is False


def test_an_asker_that_lets_go_between_two_looks_is_not_taken_for_a_waiting_load(tmp_path, monkeypatch):
    """The race two CI runs met: the exclusive lock refused (the app's watcher was asking), then a shared lock
    granted (the watcher had let go). One such sighting is not a waiting load; the next look finds nobody."""
    import fcntl

    real = db._flock
    looks = iter(["busy", "free", "free"])  # EX refused, SH granted, then EX granted

    def flock(lock_file, mode):
        look = next(looks, "free")
        if look == "busy" and mode == fcntl.LOCK_EX:
            return None
        return real(lock_file, mode)

    monkeypatch.setattr(db, "_flock", flock)
    assert db.writer_waiting(tmp_path / "a.duckdb") is False
