"""A full disk under the database, the way it happens: a small filesystem (tmpfs) filled to the last
byte. A write is refused at once as a full disk (not retried as a conflict with other writers), the
page and the command line say so, and reading and signing in keep working.

The filesystem tests need to mount a tmpfs (root, as ./test.sh runs in CI); without that they are
skipped, and the tests at the end give DuckDB's own full-disk error to the same code instead.
"""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, db, demo, ingest, signin
from tests.exports import dutch_csv
from tests.test_auth import BUILTIN, sign_in
from tests.test_cli import ROOT, _env

APP = ROOT / "app.py"
# DuckDB 1.4.4's words when the commit finds the disk full (found by filling a tmpfs): a
# TransactionException, the same type as a lost write conflict
DUCKDB_FULL = 'TransactionContext Error: Failed to commit: Could not write file "{path}.wal": No space left on device'
EXPORT = [
    "Programma;Peildatum;Nr;Omschrijving;Budget;Prognose;Stoplicht",
    "Volle schijf;31-03-2025;A1;Zaakgericht werken;100000;120000;groen",
]
# More than fits in what is left of the last page of the database's log: the write must ask for space
# (one row could fit in the partial page the log already has, and then the disk is not met at all).
BIG_EXPORT = EXPORT + [
    f"Volle schijf;31-03-2025;A{i};Zaakgericht werken, deel {i};100000;120000;groen" for i in range(2, 400)
]
DISK_FULL_NL = "De schijf waarop de database app.duckdb staat is vol; er is niets opgeslagen."
DISK_FULL_EN = "The disk holding the database {path} is full; nothing was saved."


class SmallDisk:
    """A tmpfs of a few MB; fill() takes every free byte, free() gives them back."""

    def __init__(self, mount: Path):
        self.mount = mount
        self.filler = mount / "filler"

    def fill(self) -> None:
        with open(self.filler, "ab", buffering=0) as file:
            try:
                while True:
                    file.write(b"\0" * 65536)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
            try:
                while True:
                    file.write(b"\0" * 512)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here ({done.stderr.decode().strip()}); see the tests below")
    try:
        yield SmallDisk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def retries(monkeypatch) -> list[int]:
    """The retries db.write makes (each waits _backoff first)."""
    made = []
    original = db._backoff
    monkeypatch.setattr(db, "_backoff", lambda attempt: made.append(attempt) or original(attempt))
    return made


def test_a_load_on_a_full_disk_is_refused_as_a_full_disk_at_once_and_reading_goes_on(small_disk, retries):
    """The disk is full (less than db.DISK_RESERVE_BYTES free): refused before DuckDB writes anything."""
    path = small_disk.mount / "portfolio.duckdb"
    con = db.connect(path)
    demo.load_demo_if_empty(con)
    before = analysis.programmes(con)
    small_disk.fill()
    with pytest.raises(db.DiskFull) as refused:
        ingest.load_file(con, dutch_csv(EXPORT), "export.csv")
    assert retries == []  # not taken for other writers: no second try
    assert str(refused.value).startswith(DISK_FULL_EN.format(path=path))
    assert analysis.programmes(con).equals(before)  # reading goes on; nothing of the load was written
    small_disk.free()
    ingest.load_file(con, dutch_csv(EXPORT), "export.csv")  # space freed: the same connection writes again
    assert "Volle schijf" in set(analysis.programmes(con)["name"])
    con.close()


def test_when_duckdb_itself_runs_out_of_space_the_file_is_reopened_before_the_next_write(
    small_disk, retries, monkeypatch
):
    """A write larger than the reserve meets the full disk inside DuckDB. DuckDB 1.4.4 then writes
    every string of the next write on that instance twice ('Volle schijfVolle schijf'); the next write
    is refused until the file has been opened again, and then it is written as it is."""
    monkeypatch.setattr(db, "DISK_RESERVE_BYTES", 0)
    path = small_disk.mount / "portfolio.duckdb"
    con = db.connect(path)
    demo.load_demo_if_empty(con)
    small_disk.fill()
    with pytest.raises(db.DiskFull) as refused:
        ingest.load_file(con, dutch_csv(BIG_EXPORT), "export.csv")
    assert "No space left on device" in str(refused.value) and retries == []
    small_disk.free()
    with pytest.raises(db.DiskFull, match="not been reopened"):
        ingest.load_file(con, dutch_csv(BIG_EXPORT), "export.csv")
    con.close()
    con = db.connect(path)
    ingest.load_file(con, dutch_csv(BIG_EXPORT), "export.csv")
    assert "Volle schijf" in set(analysis.programmes(con)["name"])  # not 'Volle schijfVolle schijf'
    assert con.execute("select source_file from reports where source_file like 'export%'").fetchall() == [
        ("export.csv",)
    ]
    con.close()


def test_the_command_line_says_the_disk_is_full_with_exit_5_and_no_traceback(small_disk, tmp_path):
    path = small_disk.mount / "portfolio.duckdb"
    con = db.connect(path)
    demo.load_demo_if_empty(con)
    con.close()
    export = tmp_path / "export.csv"
    export.write_bytes(dutch_csv(EXPORT))
    small_disk.fill()
    done = subprocess.run(
        [sys.executable, "-m", "portfolio", "load", str(export), "--db", str(path)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 5, done.stderr
    assert f"error: {DISK_FULL_EN.format(path=path)}" in done.stderr
    assert "Traceback" not in done.stderr and "other" not in done.stderr.split("(DuckDB")[0]
    small_disk.free()
    with duckdb.connect(str(path), read_only=True) as check:
        assert check.execute("select count(*) from reports where source_file = 'export.csv'").fetchone() == (0,)


@pytest.mark.parametrize("reserve", ["kept", "none"])
def test_on_a_full_disk_people_sign_in_and_read_and_an_upload_says_the_disk_is_full(
    small_disk, monkeypatch, retries, reserve
):
    """The disk fills up while the dashboard runs: a director still signs in and reads the overview, a
    wrong password is still refused, and a controller's upload says the disk is full, not that other
    users were writing. Once space is freed the upload is saved as it is (without the reserve the full
    disk is met inside DuckDB, and the app reopens the file before it writes again)."""
    if reserve == "none":
        monkeypatch.setattr(db, "DISK_RESERVE_BYTES", 0)
    path = small_disk.mount / "app.duckdb"
    monkeypatch.setenv(db.DB_ENV, str(path))
    first = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in BUILTIN.items():
        first.secrets[key] = value
    first.query_params["programme"] = ""
    sign_in(first.run(), "anna", "kijker-wachtwoord")  # the first start loads the demo
    assert first.metric
    small_disk.fill()

    at = AppTest.from_file(str(APP), default_timeout=60)  # another browser, after the disk filled up
    for key, value in BUILTIN.items():
        at.secrets[key] = value
    at.query_params["programme"] = ""
    sign_in(at.run(), "bert", "fout")
    assert not at.exception
    assert [e.value for e in at.error] == ["Onbekende gebruikersnaam of verkeerd wachtwoord."]
    sign_in(at, "bert", "uploader-wachtwoord")
    assert not at.exception
    assert at.metric, [e.value for e in at.error]  # signed in, and the overview reads
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value(("export.csv", dutch_csv(EXPORT), "text/csv")).run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    said = [e.value for e in at.error]
    assert any(DISK_FULL_NL in e for e in said), said
    assert not any("andere gebruikers" in e for e in said), said
    assert retries == []
    assert "Volle schijf" not in _programmes_in(path)  # nothing of it was saved
    small_disk.free()
    at.button(key="upload_save").click().run()
    assert not at.exception
    assert at.success and at.success[0].value.startswith("Opgeslagen"), [e.value for e in at.error]
    assert "Volle schijf" in _programmes_in(path)  # whole: not 'Volle schijfVolle schijf'


def _programmes_in(path: Path) -> set[str]:
    """The programme names in the database file, through a cursor of the app's own connection
    (DuckDB lets one process open a file once)."""
    from pages._ui import session

    with session._database(str(path)).cursor() as cur:
        return set(analysis.programmes(cur)["name"])


# --- DuckDB's full-disk error given to the same code (no filesystem needed) --------------------------


class CommitFindsTheDiskFull:
    """A connection whose every commit fails the way DuckDB's does on a full disk."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path):
        self._con, self._path, self.commits = con, path, 0

    def execute(self, sql, *args, **kwargs):
        if sql.strip().lower() == "commit":
            self.commits += 1
            self._con.execute("rollback")
            raise duckdb.TransactionException(DUCKDB_FULL.format(path=self._path))
        return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_duckdbs_full_disk_error_is_a_full_disk_not_a_conflict(tmp_path, retries):
    path = tmp_path / "store.duckdb"
    con = db.connect(path)
    full = CommitFindsTheDiskFull(con, path)
    with pytest.raises(db.DiskFull) as refused:
        db.write(
            full,
            lambda cur: cur.execute("insert into audit_log (logged_at, actor, action) values (now(), 'x', 'load')"),
        )
    assert full.commits == 1 and retries == []
    assert refused.value.text("en") == "The disk holding the database store.duckdb is full; nothing was saved. " + (
        "Free space on that disk (or point PORTFOLIO_DB at a disk with room) and try again."
    )
    assert refused.value.text("nl").startswith("De schijf waarop de database store.duckdb staat is vol")
    assert con.execute("select count(*) from audit_log").fetchone() == (0,)
    with pytest.raises(db.DiskFull, match="not been reopened"):  # DuckDB must start afresh first
        db.write(con, lambda cur: None)
    con.close()
    con = db.connect(path)
    # a real conflict is still tried again
    conflicts = []

    def conflict(cur):
        conflicts.append(1)
        if len(conflicts) < 3:
            raise duckdb.TransactionException("TransactionContext Error: Catalog write-write conflict")

    db.write(con, conflict)
    assert len(conflicts) == 3 and retries == [0, 1]
    con.close()


def test_a_sign_in_goes_on_when_its_record_cannot_be_written(tmp_path, monkeypatch):
    path = tmp_path / "store.duckdb"
    con = db.connect(path)
    cursors_made = []

    from contextlib import contextmanager

    @contextmanager
    def cursors():
        cur = CommitFindsTheDiskFull(con.cursor(), path)
        cursors_made.append(cur)
        yield cur

    from portfolio import auth

    config = auth.load_config(BUILTIN)
    client = signin.Client("10.0.0.1", "browser")
    failed = signin.attempt(cursors, config, "bert", "fout", client)
    assert failed.reason == signin.FAILED
    signed_in = signin.attempt(cursors, config, "bert", "uploader-wachtwoord", client)
    assert signed_in.signed_in and signed_in.role.role_in("MAB Flevoland") == "uploader"
    assert sum(c.commits for c in cursors_made) == 1  # the first record met the full disk; none was written
    assert con.execute("select count(*) from sign_in_attempts").fetchone() == (0,)
    con.close()


def test_setting_rules_and_deleting_a_report_on_a_full_disk_say_so(small_disk, monkeypatch, retries):
    """A controller sets a rule and deletes a report while the disk is full: each page says the disk
    is full and nothing was saved, and the page goes on being read."""
    path = small_disk.mount / "app.duckdb"
    monkeypatch.setenv(db.DB_ENV, str(path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["programme"] = ""
    at.run()  # the first start loads the demo
    assert at.metric
    small_disk.fill()
    at.switch_page("pages/rules.py").run()
    at.number_input(key="rule_overrun_red").set_value(40.0)
    at.button[0].click().run()
    assert not at.exception
    assert any(DISK_FULL_NL in e.value for e in at.error), [e.value for e in at.error]
    at.switch_page("pages/history.py").run()
    at.checkbox(key="history_delete_sure").check().run()
    at.button(key="history_delete").click().run()
    assert not at.exception
    assert any(DISK_FULL_NL in e.value for e in at.error), [e.value for e in at.error]
    assert retries == []
    small_disk.free()
    at.switch_page("pages/overview.py").run()  # everything is still there
    assert at.metric and not at.exception
