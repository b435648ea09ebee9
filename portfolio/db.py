"""The one place that owns the DuckDB database: path, connection, migrations and named queries."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"
DB_ENV = "PORTFOLIO_DB"
DEFAULT_DB = ROOT / "data" / "portfolio.duckdb"
LOCK_WAIT_SECONDS = 30.0


class DatabaseBusy(RuntimeError):
    """Another process holds the database file for writing and did not let go in time."""


def db_path() -> Path:
    """The database file: $PORTFOLIO_DB when set, else data/portfolio.duckdb."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def connect(path: str | Path | None = None, *, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open (and migrate) the database. ':memory:' gives a private in-memory database.

    DuckDB lets one process hold a file for writing; when another has it, retry for `wait` seconds
    and then raise DatabaseBusy with a message a person can act on.
    """
    target = str(path if path is not None else db_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(target)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"The database {target} is in use by another process (is the app running on it?). "
                    f"Waited {wait:.0f} s. Stop that process or upload through the app."
                ) from exc
            time.sleep(0.25)
    migrate(con)
    return con


@cache
def sql(name: str) -> str:
    """The text of queries/<name>.sql."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(con: duckdb.DuckDBPyConnection, name: str, /, **params) -> pd.DataFrame:
    """Run a named query with bound parameters and return the whole result as a DataFrame."""
    return con.execute(sql(name), params or None).df()


def execute(con: duckdb.DuckDBPyConnection, name: str, /, **params) -> list[tuple]:
    """Run a named statement with bound parameters; the result is drained before returning."""
    return con.execute(sql(name), params or None).fetchall()


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    con.execute("create table if not exists schema_version (version integer not null, applied_at timestamp not null)")
    row = con.execute("select coalesce(max(version), 0) from schema_version").fetchall()
    return int(row[0][0])


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply migrations in queries/migrations/NNN_*.sql above the recorded version, each in one transaction."""
    current = schema_version(con)
    for script in sorted(MIGRATIONS_DIR.glob("*.sql")):
        version = int(script.name.split("_", 1)[0])
        if version <= current:
            continue
        text = script.read_text(encoding="utf-8")
        con.execute("begin transaction")
        try:
            con.execute(text)
            # '-- then: NAME' runs a named query after the script (all its parameters NULL), so a
            # migration can reuse the statement the app runs later instead of a copy of it.
            for name in re.findall(r"^-- then: (\w+)\s*$", text, flags=re.M):
                con.execute(sql(name), dict.fromkeys(re.findall(r"\$(\w+)", sql(name))) or None).fetchall()
            con.execute("insert into schema_version values ($version, current_timestamp)", {"version": version})
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        current = version
    return current


SERVING_THREADS = 1


def configure_for_serving(con: duckdb.DuckDBPyConnection) -> None:
    """Settings for the connection the app serves its users from.

    DuckDB threads per query: 1. The app's questions are small (a report's stories, a programme's
    history) and run side by side, one cursor per session and per worker of the overview; on this
    2-core machine two single-threaded queries at once answered the overview in 105-134 ms where
    queries spreading over both cores took 149-168 ms (bench/bench_overview.py). A load through the
    upload page takes 3.4-3.7 s instead of 3.2-3.4 s (200,000 rows); command-line loads keep DuckDB's
    default.
    """
    con.execute(f"set threads = {int(SERVING_THREADS)}").fetchall()


class SharedDatabase:
    """A process-wide handle on the database file that holds it open only while it is in use.

    DuckDB lets one process at a time hold a file for writing. The app must not keep it forever, or a
    scheduled command-line load could never get in: the file is opened when the first user needs it,
    each user gets its own cursor (a connection shared by threads returns wrong rows), and the file
    is closed `linger` seconds after the last user is done.
    """

    def __init__(self, path: str | Path, *, linger: float = 2.0, wait: float = LOCK_WAIT_SECONDS):
        self.path = str(path)
        self.linger = linger
        self.wait = wait
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._timer: threading.Timer | None = None

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for the duration of the block."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is None:
                self._con = connect(self.path, wait=self.wait)
                configure_for_serving(self._con)
            self._users += 1
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._timer = threading.Timer(self.linger, self._close_if_idle)
                    self._timer.daemon = False  # a daemon killed inside DuckDB at exit aborts the process
                    self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0 and self._con is not None:
                self._con.close()
                self._con = None
            self._timer = None

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def close(self) -> None:
        """Close now (tests, shutdown); the next cursor() opens the file again."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is not None:
                self._con.close()
                self._con = None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Everything in the block is written together or not at all."""
    con.execute("begin transaction")
    try:
        yield con
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
