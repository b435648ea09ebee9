"""The one place that owns the store: path, connection, migrations and named queries.

The store is a DuckDB file (the default: one machine, one app server) or a DuckLake: its catalog in
PostgreSQL, its data as Parquet files in a shared directory, so that several app servers and command
lines each hold their own connection to one store ($PORTFOLIO_DB = 'ducklake:postgres:dbname=...
host=... port=...', $PORTFOLIO_DATA_PATH = the directory). Both stores have one schema
(queries/migrations/new/011_whole_schema.sql) and run the same queries; a write that loses a conflict with another writer is
tried again from the start (write()), never half applied.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import cache
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"
DB_ENV = "PORTFOLIO_DB"
DATA_PATH_ENV = "PORTFOLIO_DATA_PATH"
LAKE_PREFIX = "ducklake:"
SCHEMA_FILE = MIGRATIONS_DIR / "new" / "011_whole_schema.sql"
SCHEMA_VERSION_OF_SCHEMA_FILE = 11  # queries/migrations/new/011_whole_schema.sql is migrations/001-011 in one
WRITE_ATTEMPTS = 20  # a write that keeps losing conflicts is refused after this many tries
DEFAULT_DB = ROOT / "data" / "portfolio.duckdb"
LOCK_WAIT_SECONDS = 30.0
POLL_SECONDS = 0.05  # how often a waiting side looks again
# A command-line load waits at most the longest page run in progress plus this: the app notices the
# load within POLL_SECONDS, closes the file when its last cursor is done, the load retries every
# POLL_SECONDS; the rest is margin for opening and closing the file on a busy machine.
WRITER_BOUND_SECONDS = 1.0
WANT_SUFFIX = ".lock"  # '<db>.lock': a process that wants the file holds a shared flock on it
APP_SUFFIX = ".app.lock"  # '<db>.app.lock': the app process serving the file holds it for its lifetime
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file
HEADER_BYTES = 3 * 4096  # a DuckDB file: a main header and two database headers, then its blocks


class DatabaseUnavailable(RuntimeError):
    """The database file cannot be used; `reason` says why (the i18n key is 'db_<reason>').

    Reasons: in_use (DatabaseBusy), app_running (another app process serves the file), not_database,
    damaged, wal (the write-ahead log cannot be replayed), read_only, newer_version, unusable; for a
    DuckLake: lake_unreachable (its catalog cannot be reached), lake_sign_in (its catalog refuses the user's
    password, or finds none in PGPASSWORD or .pgpass), lake_not_found (it has no such user or database),
    lake_no_data_path (a new lake without
    $PORTFOLIO_DATA_PATH), lake_data_path (another data path than the lake's own), lake_unusable;
    write_conflict (WriteConflict) and disk_full (DiskFull) for both.
    """

    def __init__(self, reason: str, path: str | Path, detail: str = "", **params):
        self.reason, self.path, self.detail, self.params = reason, redact(str(path)), redact(detail), params
        super().__init__(self.text("en", full_path=True) + (f" (DuckDB: {self.detail})" if detail else ""))

    def text(self, lang: str, *, full_path: bool = False) -> str:
        """The message in `lang`; on a page only the file name is shown, not the server's path."""
        from portfolio.i18n import t

        return t(f"db_{self.reason}", lang, file=self.path if full_path else store_name(self.path), **self.params)


class DatabaseBusy(DatabaseUnavailable):
    """Another process holds the database file and did not let go in time."""

    def __init__(self, path: str | Path, wait: float):
        super().__init__("in_use", path, seconds=f"{wait:g}")


class WriteConflict(DatabaseUnavailable):
    """A write kept losing to writes of other connections (other servers) and was not applied."""

    def __init__(self, path: str | Path, attempts: int):
        super().__init__("write_conflict", path, attempts=attempts)


class DiskFull(DatabaseUnavailable):
    """The disk holding the store (the file and its '.wal', or a lake's data path or catalog) is full:
    the write was rolled back whole, nothing was saved. Not a conflict: trying again does not help
    until space is freed, and reading goes on."""

    def __init__(self, path: str | Path, detail: str = ""):
        super().__init__("disk_full", path, detail)
        self.args = (self.text("en", full_path=True) + (f" ({self.detail})" if detail else ""),)  # not always DuckDB's


# A password in a lake's URL ('password=...', 'postgresql://user:secret@host'), as DuckDB's messages
# repeat the whole connection string ('Unable to connect to Postgres at "dbname=... password=..."').
_PASSWORD = re.compile(r"""(password\s*=\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s'"]+)""", flags=re.I)
_URI_PASSWORD = re.compile(r"(\w+://[^:/@\s]+:)[^@\s]+@")
HIDDEN = "***"


def redact(text: str) -> str:
    """text without any password a lake's connection string carries: a message, a log line or a URL
    as the store may be named anywhere (the CLI's errors, the page, the server log)."""
    return _URI_PASSWORD.sub(rf"\g<1>{HIDDEN}@", _PASSWORD.sub(rf"\g<1>{HIDDEN}", text))


# What DuckDB's postgres extension says when a lake's catalog cannot be reached: PostgreSQL stopped,
# restarting or out of connections, the network gone. On connecting, and on a query of a connection
# kept open ('Failed to query most recent snapshot for DuckLake: ... server closed the connection
# unexpectedly', then IOException '... Unable to connect to Postgres at ...' until it is back).
OUTAGE_WORDS = (
    "unable to connect",
    "could not connect",
    "connection to server",
    "server closed the connection",
    "terminating connection",
    "no connection to the server",
    "connection refused",
    "connection timed out",
    "could not receive data from server",
    "could not send data to server",
    "the database system is starting up",
    "the database system is shutting down",
    "too many clients",
)


# What it says when PostgreSQL answers but refuses the lake's user: no password found (none in the
# environment's PGPASSWORD or the .pgpass file), or a wrong one.
SIGN_IN_WORDS = ("password authentication failed", "no password supplied", "authentication failed", "pg_hba.conf")

# What it says when PostgreSQL answers but has no such user or database: PORTFOLIO_DB names the wrong
# one (e.g. user=root, or a catalog database not made yet). Not an outage: trying again will not help.
NOT_FOUND = re.compile(r'(role|database) "[^"]*" does not exist')


def is_outage(exc: BaseException) -> bool:
    """Whether an error says that a lake's catalog (PostgreSQL) does not answer (for now)."""
    low = str(exc).lower()
    return (
        isinstance(exc, duckdb.Error)
        and any(words in low for words in OUTAGE_WORDS)
        and not any(words in low for words in SIGN_IN_WORDS)
        and not NOT_FOUND.search(str(exc))
    )


def lake_outage(target: str | Path, exc: BaseException) -> DatabaseUnavailable | None:
    """DatabaseUnavailable('lake_unreachable') when exc is a lake's catalog not answering, else None.
    The connection kept by the app comes back by itself once PostgreSQL answers again."""
    if not is_lake(str(target)) or not is_outage(exc):
        return None
    return DatabaseUnavailable("lake_unreachable", target, str(exc).replace("\n", " "))


# What DuckDB (and PostgreSQL under a lake) say when a write finds the disk full: the OS's words for
# ENOSPC and EDQUOT, e.g. 'TransactionContext Error: Failed to commit: Could not write file
# "x.duckdb.wal": No space left on device' (a TransactionException, as a lost conflict is).
DISK_FULL_WORDS = ("no space left on device", "disk quota exceeded")


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error says the disk the store is on is full."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return any(words in str(exc).lower() for words in DISK_FULL_WORDS)


# A write to a database file is refused as DiskFull before DuckDB starts it when less than this is
# free on the file's disk. DuckDB 1.4.4 does not come through running out of space whole: after a
# failed commit the same database instance writes every string of its next write twice ('Volle
# schijfVolle schijf', found by the tests on a full tmpfs), and a checkpoint that runs out of space
# can lose committed rows. So it is kept from getting there; what still gets there (a write larger
# than the reserve) has its file reopened before the next write (must_reopen).
DISK_RESERVE_BYTES = 64 * 2**20
_MUST_REOPEN: set[str] = set()  # database files whose DuckDB instance hit a full disk (realpaths)
_MUST_REOPEN_GUARD = threading.Lock()


def _file_key(path: str | Path) -> str:
    return os.path.realpath(str(path))


def must_reopen(path: str | Path) -> bool:
    """Whether the database file's open instance hit a full disk and must be closed before it writes
    again (every connection to it in this process: DuckDB shares one instance per file). Cleared
    when the file is opened again (connect, SharedDatabase)."""
    with _MUST_REOPEN_GUARD:
        return _file_key(path) in _MUST_REOPEN


def _reopened(path: str | Path) -> None:
    with _MUST_REOPEN_GUARD:
        _MUST_REOPEN.discard(_file_key(path))


def _check_room(con: duckdb.DuckDBPyConnection) -> None:
    """DiskFull, before anything is written, when the disk of a database file has less than
    DISK_RESERVE_BYTES free, or when its open instance hit a full disk and has not been reopened."""
    store = _store_of(con)
    if is_lake(store) or not os.path.isfile(store):  # a lake, or in memory
        return
    if must_reopen(store):
        raise DiskFull(store, "the database has not been reopened since the disk was full")
    try:
        free = shutil.disk_usage(os.path.dirname(store)).free
    except OSError:
        return
    if free < DISK_RESERVE_BYTES:
        raise DiskFull(store, f"{free} bytes free, less than the {DISK_RESERVE_BYTES} kept in reserve")


def db_path() -> Path | str:
    """The store: $PORTFOLIO_DB when set, else data/portfolio.duckdb. A DuckDB file as a Path, a
    DuckLake URL ('ducklake:postgres:...') as the string it is."""
    value = os.environ.get(DB_ENV) or DEFAULT_DB
    return str(value).strip() if is_lake(value) else Path(value)


def is_lake(target: str | Path | None) -> bool:
    """Whether the store named is a DuckLake (a 'ducklake:' URL) rather than a DuckDB file."""
    return isinstance(target, str) and target.strip().lower().startswith(LAKE_PREFIX)


def data_path() -> str | None:
    """Where a DuckLake keeps its Parquet files: $PORTFOLIO_DATA_PATH (None when not set)."""
    return os.environ.get(DATA_PATH_ENV) or None


def store_name(target: str | Path) -> str:
    """The store as a page may name it: a file's name, a lake's database name (never a path or host)."""
    if is_lake(str(target)):
        found = re.search(r"dbname=(\S+)", str(target))
        return found.group(1) if found else "DuckLake"
    return Path(target).name


def file_version(path: str | Path) -> tuple:
    """What the file system says of the database file and its write-ahead log (change time, size,
    inode). Every committed write changes it, in this process or another: DuckDB appends the commit
    to the WAL (or, checkpointing, rewrites the file and empties the WAL). portfolio.memo keys on it.

    For a DuckLake: its latest snapshot, which every commit of any server makes, read through this
    process's SharedDatabase of it; without one, a version never seen before (nothing is reused)."""
    if is_lake(str(path)):
        return _lake_version(str(path))
    found = []
    for name in (str(path), f"{path}.wal"):
        try:
            info = os.stat(name)
        except OSError:
            found.append(None)
        else:
            found.append((info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))
    return tuple(found)


def connect(
    path: str | Path | None = None,
    *,
    wait: float = LOCK_WAIT_SECONDS,
    announce: bool = False,
    on_wait: Callable[[], None] | None = None,
    data_path_: str | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open (and migrate) the database. ':memory:' gives a private in-memory database.

    A DuckLake URL opens the lake with data path `data_path_` (default $PORTFOLIO_DATA_PATH; needed
    only to create a lake, checked against the lake's own otherwise): no locks, no waiting, every
    caller its own connection; `wait`, `announce` and `on_wait` are for files only.

    DuckDB lets one process hold a file; when another has it, retry for `wait` seconds (calling
    `on_wait` once when it starts waiting) and then raise DatabaseBusy. With announce=True the wait
    is announced to the app (a shared flock on '<db>.lock' until the file is ours), which then
    stops handing out cursors and lets go as soon as its page runs in progress are done.
    A file that cannot be used raises DatabaseUnavailable; the file is never changed or removed.
    """
    target = str(path if path is not None else db_path())
    if is_lake(target):
        con = _connect_lake(target, data_path_ if data_path_ is not None else data_path())
        try:
            migrate(con)
            claim_data_directory(con, target)
        except DatabaseUnavailable:
            con.close()
            raise
        except duckdb.Error as exc:
            con.close()
            if is_disk_full(exc):
                raise DiskFull(target, str(exc).replace("\n", " ")) from exc
            raise _lake_unavailable(target, exc) from exc
        return con
    if target == ":memory:":
        con = quiet(duckdb.connect(target))
        migrate(con)
        return con
    deadline = time.monotonic() + wait
    check_file(target)
    with _wanting(target, deadline, wait) if announce else nullcontext():
        con = _open(target, deadline, wait, on_wait)
    _reopened(target)
    try:
        _check_complete(con, target)
        migrate(con)
    except DatabaseUnavailable:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise _unavailable(target, exc) from exc
    return con


def quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """con, drawing no progress bar: DuckDB draws one on stdout for a statement that runs longer than
    two seconds (a big load on a busy machine), which would break the command line's --json answer.
    (A connection's own setting; DuckDB takes it neither globally nor in connect's config.)"""
    con.execute("set enable_progress_bar = false").fetchall()
    return con


@contextmanager
def sides_as_written(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """In the block, every join builds its hash table on the side the query writes on its right.

    DuckDB cannot tell how many rows a registered Arrow table holds and takes it for one, so it builds the
    hash table of a join on the staged stories, every column of them, instead of on the small side: the
    insert of a 200,000-row history's stories (insert_stories.sql) took 0.5-1 s more CPU that way
    (bench/README.md). The setting is the database's, not the cursor's: a query another session runs
    meanwhile is only planned otherwise, its answer the same. Set only where nobody set it otherwise; a
    statement that fails in the block leaves its transaction unable to take the reset, which the rollback
    (transaction()) then does."""
    if con.execute("select current_setting('disabled_optimizers')").fetchall()[0][0]:
        yield
        return
    con.execute("set disabled_optimizers = 'build_side_probe_side'").fetchall()
    try:
        yield
    finally:
        sides_back(con)


def sides_back(con: duckdb.DuckDBPyConnection) -> None:
    """Undo sides_as_written (where it can: not in a transaction a failed statement ended)."""
    try:
        if con.execute("select current_setting('disabled_optimizers')").fetchall()[0][0] == "build_side_probe_side":
            con.execute("reset disabled_optimizers").fetchall()
    except duckdb.Error:
        pass


# --- DuckLake -------------------------------------------------------------------------------------------


def extension_directory() -> str:
    """Where the ducklake and postgres extensions for this DuckDB are: the files the PyPI packages
    duckdb-ext-ducklake and duckdb-ext-postgres install (laid out as DuckDB's extension directory), so
    that nothing is downloaded."""
    import importlib.util

    spec = importlib.util.find_spec("duckdb_ext")
    for location in spec.submodule_search_locations if spec is not None else []:
        candidate = Path(location) / "extensions"
        if (candidate / f"v{duckdb.__version__}").is_dir():
            return str(candidate)
    raise DatabaseUnavailable(
        "lake_unusable", "ducklake:", f"no DuckLake extensions for DuckDB {duckdb.__version__} (duckdb-ext-ducklake)"
    )


def _lake_config() -> dict:
    return {
        "extension_directory": extension_directory(),
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": True,
    }


def _quoted(text: str) -> str:
    """A string literal for ATTACH, which takes no bound parameters (the store's own settings only)."""
    return "'" + text.replace("'", "''") + "'"


def _local_data_path(value: str) -> str:
    """A data path as DuckLake records it: a local directory made absolute (and created), with '/'."""
    if "://" in value:
        return value.rstrip("/") + "/"
    path = Path(value).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return str(path).rstrip("/") + "/"


def _connect_lake(target: str, wanted_data_path: str | None) -> duckdb.DuckDBPyConnection:
    """A connection whose default database is the lake (so that every cursor of it is in the lake too)."""
    config = _lake_config()
    wanted = _local_data_path(wanted_data_path) if wanted_data_path else None
    try:
        con = quiet(duckdb.connect(target, config=config))
    except duckdb.Error as exc:
        if "data_path is not set" not in str(exc):
            raise _lake_unavailable(target, exc) from exc
        if wanted is None:
            raise DatabaseUnavailable("lake_no_data_path", target, str(exc).replace("\n", " ")) from exc
        _create_lake(target, wanted, config)
        try:
            con = quiet(duckdb.connect(target, config=config))
        except duckdb.Error as again:
            raise _lake_unavailable(target, again) from again
    if wanted is not None:
        have = lake_data_path(con)
        if have.rstrip("/") != wanted.rstrip("/"):
            con.close()
            raise DatabaseUnavailable("lake_data_path", target, f"the lake keeps its data in {have}, not {wanted}")
    return con


LAKE_MARK = ".portfolio-lake"  # in a lake's data directory: the id of the lake it belongs to (migration 024)


def lake_data_path(con: duckdb.DuckDBPyConnection) -> str:
    """The data path the lake records ('' where it records none)."""
    found = execute(con, "lake_data_path")
    return str(found[0][0]) if found else ""


def lake_data_directory(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The lake's data directory on this machine (None for object storage such as s3://)."""
    value = lake_data_path(con)
    return None if not value or "://" in value else Path(value)


def claim_data_directory(con: duckdb.DuckDBPyConnection, target: str) -> None:
    """Make sure the lake's data directory is its own: mark it with the lake's id where it has no mark,
    refuse (DatabaseUnavailable 'lake_data_path_taken') where it carries another lake's. Two lakes in one
    directory would each take the other's files for orphans, and `maintain` deletes orphans."""
    directory = lake_data_directory(con)
    if directory is None:  # object storage: not marked (README: one prefix per lake)
        return
    [(own,)] = execute(con, "lake_identity_read")
    mark = directory / LAKE_MARK
    try:
        handle = os.open(mark, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        found = mark.read_text(encoding="utf-8").strip()
        if found != own:
            raise DatabaseUnavailable(
                "lake_data_path_taken",
                target,
                f"the data directory {directory} belongs to another lake ({LAKE_MARK} holds {found}, this lake is {own})",
            ) from None
        return
    except OSError:  # a directory this process may not write in: reading the lake still works
        return
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(own + "\n")


def lake_exists(target: str) -> bool:
    """Whether the catalog database named by the lake URL target holds a lake already (False: the next
    connect with a data path makes one there)."""
    try:
        quiet(duckdb.connect(target, config=_lake_config())).close()
    except duckdb.Error as exc:
        if "data_path is not set" in str(exc):
            return False
        raise _lake_unavailable(target, exc) from exc
    return True


def _create_lake(target: str, data_path_: str, config: dict) -> None:
    """Make a new lake in the catalog database named by target, its data in data_path_."""
    maker = duckdb.connect(":memory:", config=config)
    try:
        maker.execute(f"attach {_quoted(target)} as new_lake (data_path {_quoted(data_path_)})")
        maker.execute("detach new_lake")
    except duckdb.Error as exc:
        if "already exists" not in str(exc).lower():  # another server made it at the same moment
            raise _lake_unavailable(target, exc) from exc
    finally:
        maker.close()


def _lake_unavailable(target: str, exc: BaseException) -> DatabaseUnavailable:
    text = str(exc).replace("\n", " ")
    low = text.lower()
    missing = NOT_FOUND.search(text)
    if any(words in low for words in SIGN_IN_WORDS):
        reason = "lake_sign_in"
    elif missing:
        return DatabaseUnavailable("lake_not_found", target, text, what=missing.group(0))
    elif is_outage(exc):
        reason = "lake_unreachable"
    elif "data_path" in low and "does not match" in low:
        reason = "lake_data_path"
    else:
        reason = "lake_unusable"
    return DatabaseUnavailable(reason, target, text)


_LAKES: dict[str, duckdb.DuckDBPyConnection] = {}  # lake URL -> this process's serving connection
_LAKES_GUARD = threading.Lock()


def _lake_version(target: str) -> tuple:
    with _LAKES_GUARD:
        con = _LAKES.get(target)
    if con is None:
        return ("unversioned", time.monotonic_ns())
    cur = con.cursor()
    try:
        [(snapshot,)] = cur.execute("select id from ducklake_current_snapshot(current_database())").fetchall()
    except duckdb.Error:
        return ("unversioned", time.monotonic_ns())
    finally:
        cur.close()
    return ("snapshot", int(snapshot))


def _open(target: str, deadline: float, wait: float, on_wait) -> duckdb.DuckDBPyConnection:
    while True:
        try:
            return quiet(duckdb.connect(target))
        except duckdb.Error as exc:
            if not _held_elsewhere(exc):
                raise _unavailable(target, exc) from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusy(target, wait) from exc
            if on_wait is not None:
                on_wait()
                on_wait = None
            time.sleep(POLL_SECONDS)


def _check_complete(con: duckdb.DuckDBPyConnection, target: str) -> None:
    """A file cut short (a copy that stopped halfway) can open and fail later, query by query: before
    anything is read or written, its size must hold at least the blocks in use. (Free blocks at the end
    may have been cut off by DuckDB itself, so the total is no measure.)"""
    [(used, block_size)] = con.execute(
        "select used_blocks, block_size from pragma_database_size() where database_name = current_database()"
    ).fetchall()
    least = HEADER_BYTES + int(used) * int(block_size)
    size = os.path.getsize(target)
    if size < least:
        raise DatabaseUnavailable("damaged", target, f"{size} bytes, less than the {least} its blocks in use take")


def _held_elsewhere(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def _unavailable(target: str, exc: BaseException) -> DatabaseUnavailable:
    """DuckDB's complaint about a file, as a reason a person can act on."""
    text = str(exc)
    low = text.lower()
    if is_disk_full(exc):
        return DiskFull(target, text.replace("\n", " "))
    if "wal" in low and ("replay" in low or "wal file" in low):
        reason = "wal"
    elif "not a valid duckdb database" in low or "is a directory" in low:
        reason = "not_database"
    elif "permission denied" in low or "read-only" in low or "read only" in low:
        reason = "read_only"
    elif "version" in low and ("newer" in low or "version number" in low):
        reason = "newer_version"
    elif "could not read enough bytes" in low or "corrupt" in low or "checksum" in low:
        reason = "damaged"
    else:
        reason = "unusable"
    params = {"duckdb": duckdb.__version__} if reason == "newer_version" else {}
    return DatabaseUnavailable(reason, target, text.replace("\n", " "), **params)


def _writable(path: Path) -> bool:
    """Writable for this process, and not marked read-only for everyone (which root would override)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def check_file(target: str | Path) -> None:
    """Refuse, before DuckDB touches it, a file it cannot use: not a DuckDB file, or read-only.

    Creates the directory of a new database. DuckDB writes its log ('<db>.wal') and this module its
    lock files beside the database, so the directory must be writable too.
    """
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(
            "read_only" if isinstance(exc, PermissionError) else "unusable", target, exc.strerror or str(exc)
        ) from exc
    if path.is_dir():
        raise DatabaseUnavailable("not_database", target, "a directory")
    if not _writable(path.parent):
        raise DatabaseUnavailable("read_only", target, f"directory {path.parent} is read-only")
    if not path.exists():
        return
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except OSError as exc:
        reason = "read_only" if isinstance(exc, PermissionError) else "unusable"
        raise DatabaseUnavailable(reason, target, str(exc)) from exc
    if head[8:12] != DUCKDB_MAGIC:  # DuckDB would guess another format (and try to download a reader for it)
        raise DatabaseUnavailable("not_database", target, "empty file" if not head else "no DuckDB header")
    for part in (path, path.with_name(path.name + ".wal")):
        if part.exists() and not _writable(part):
            raise DatabaseUnavailable("read_only", target, f"{part.name} is read-only")


# --- the file between the app and the command line -----------------------------------------------------


def _lock_file(target: str | Path, suffix: str) -> str:
    return os.path.realpath(target) + suffix


def _flock(lock_file: str, mode: int) -> int | None:
    """A file descriptor holding flock `mode` on lock_file, or None when another holds a conflicting one.

    The OS releases the lock when the descriptor is closed or its process dies: no stale markers.
    """
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def writer_waiting(target: str | Path) -> bool:
    """Whether another process has announced that it wants the file (see connect(announce=True)).

    A waiting process holds a shared lock on '<db>.lock'; asking takes the exclusive lock for a moment. A
    refused exclusive lock is therefore a waiting load or another asker this instant (the app's watcher and
    its page runs ask, a command line asks). Another asker holds it for microseconds, a waiting load until it
    gets the file: only an exclusive lock refused WAITING_SEEN times, each time with nobody holding it
    exclusively (a shared lock granted to us), a few milliseconds apart, answers yes. Before, one refusal did,
    and two askers at once each took the other for a waiting load (CI runs saw it)."""
    lock_file = _lock_file(target, WANT_SUFFIX)
    seen = 0
    for _ in range(ASK_ATTEMPTS):
        fd = _flock(lock_file, fcntl.LOCK_EX)
        if fd is not None:
            os.close(fd)
            return False
        fd = _flock(lock_file, fcntl.LOCK_SH)
        if fd is not None:  # a shared lock is held (a waiting load), or the asker let go just now
            os.close(fd)
            seen += 1
            if seen >= WAITING_SEEN:
                return True
        time.sleep(0.002)
    return True  # asked so often and always refused: take it that someone wants the file


WAITING_SEEN = 3
ASK_ATTEMPTS = 50


@contextmanager
def _wanting(target: str, deadline: float, wait: float) -> Iterator[None]:
    """Announce for the duration of the block that this process wants the file."""
    lock_file = _lock_file(target, WANT_SUFFIX)
    while (fd := _flock(lock_file, fcntl.LOCK_SH)) is None:  # an app looks for a moment only
        if time.monotonic() >= deadline:
            raise DatabaseBusy(target, wait)
        time.sleep(0.001)
    try:
        yield
    finally:
        os.close(fd)


_SERVING: dict[str, int] = {}  # database file -> descriptor holding its '<db>.app.lock'
_SERVING_GUARD = threading.Lock()


def claim_for_serving(target: str | Path) -> None:
    """Make this process the one app serving the file, for its lifetime; DatabaseUnavailable('app_running')
    when another process serves it. (Several servers on one store is a different design: DuckLake.)"""
    key = os.path.realpath(target)
    with _SERVING_GUARD:
        if key in _SERVING:
            return
        fd = _flock(_lock_file(target, APP_SUFFIX), fcntl.LOCK_EX)
        if fd is None:
            raise DatabaseUnavailable("app_running", target)
        _SERVING[key] = fd


PARTS_DIR = QUERIES_DIR / "parts"
INCLUDE = re.compile(r"^[ \t]*-- include: (\w+)[ \t]*$", flags=re.M)


@cache
def sql(name: str) -> str:
    """The text of queries/<name>.sql; a line '-- include: PART' stands for queries/parts/PART.sql
    (without its comment lines): one definition of what several queries share, where a macro would
    do in a DuckDB file but cannot be kept in a DuckLake."""
    return INCLUDE.sub(_part, (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8"))


def _part(found: re.Match) -> str:
    text = (PARTS_DIR / f"{found.group(1)}.sql").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("--"))


def query(con: duckdb.DuckDBPyConnection, name: str, /, **params) -> pd.DataFrame:
    """Run a named query with bound parameters and return the whole result as a DataFrame."""
    return con.execute(sql(name), params or None).df()


def execute(con: duckdb.DuckDBPyConnection, name: str, /, **params) -> list[tuple]:
    """Run a named statement with bound parameters; the result is drained before returning."""
    return con.execute(sql(name), params or None).fetchall()


def refresh_judgement(con: duckdb.DuckDBPyConnection, programmes: list[str] | None) -> None:
    """Write the measures behind the light the figures give on every story of `programmes` (None: all):
    worked out into a table of this connection first (judge_stories), then written (refresh_judgement).
    One UPDATE that reads the stories it changes took DuckDB 1.4 47 s on a first load of 200,000 rows."""
    execute(con, "judge_stories", programmes=programmes)
    execute(con, "refresh_judgement")
    execute(con, "forget_judged_stories")


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    con.execute("create table if not exists schema_version (version integer not null, applied_at timestamp not null)")
    row = con.execute("select coalesce(max(version), 0) from schema_version").fetchall()
    return int(row[0][0])


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the store to the newest schema, each step in one transaction, and record its version.

    An empty store (either kind) gets queries/migrations/new/011_whole_schema.sql, version 11; a file made
    before that gets migrations/001-011, which end in the same tables. Migrations above 11 run on both kinds.
    Two servers starting on one new lake at once: the one that loses the conflict looks again and
    finds the schema made by the other.
    """
    for attempt in range(WRITE_ATTEMPTS):
        try:
            return _migrate(con)
        except duckdb.Error as exc:
            _rollback(con)
            if not _is_conflict(exc) or attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(_backoff(attempt))
    raise AssertionError("unreachable")


def _migrate(con: duckdb.DuckDBPyConnection) -> int:
    current = schema_version(con)
    steps = [(SCHEMA_VERSION_OF_SCHEMA_FILE, SCHEMA_FILE)] if current == 0 else []
    for script in sorted(MIGRATIONS_DIR.glob("*.sql")):
        version = int(script.name.split("_", 1)[0])
        if version > max(current, SCHEMA_VERSION_OF_SCHEMA_FILE if current == 0 else 0):
            steps.append((version, script))
    for version, script in steps:
        text = script.read_text(encoding="utf-8")
        con.execute("begin transaction")
        try:
            if schema_version(con) >= version:  # another connection applied it meanwhile
                con.execute("rollback")
                continue
            con.execute(text)
            # '-- then: NAME' runs a named query after the script (all its parameters NULL), so a
            # migration can reuse the statement the app runs later instead of a copy of it.
            for name in re.findall(r"^-- then: (\w+)\s*$", text, flags=re.M):
                con.execute(sql(name), dict.fromkeys(re.findall(r"\$(\w+)", sql(name))) or None).fetchall()
            con.execute("insert into schema_version values ($version, current_timestamp)", {"version": version})
            con.execute("commit")
        except Exception:
            _rollback(con)
            raise
        current = version
    return current


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the transaction in progress, if one is (a failed commit has ended it already), and undo a
    sides_as_written whose statement failed."""
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass
    sides_back(con)


def _is_conflict(exc: BaseException) -> bool:
    """Whether a DuckDB error is a conflict with another connection's write (try again), not a fault."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.TransactionException) or "conflict" in text


def _backoff(attempt: int) -> float:
    """Seconds to wait before try attempt + 2: growing, with jitter so two losers do not meet again."""
    import random

    return min(0.5, 0.01 * 2**attempt) * (0.5 + random.random())


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
    """The app process's handle on the database file: open while people use it, handed over to a load.

    DuckDB lets one process at a time hold a file. Each user gets a cursor of its own for a page run
    (a connection shared by threads returns wrong rows); the file is opened when the first user
    needs it and closed `linger` seconds after the last one is done. A command-line load announces
    itself (connect(announce=True)): from then on no new cursor is handed out, the file is closed as
    soon as the cursors in use are returned, and new page runs wait (up to `wait` seconds) until the
    load has been written. The load so waits at most the longest page run in progress plus
    WRITER_BOUND_SECONDS, however often people click.

    Creating it claims the file for this process (claim_for_serving): a second app process on the
    same file is refused with DatabaseUnavailable('app_running').

    A DuckLake is shared by design: no claim, no handing over; the lake is opened on the first
    cursor and kept open, and every app server (and command line) holds a connection of its own.
    """

    def __init__(self, path: str | Path, *, linger: float = 2.0, wait: float = LOCK_WAIT_SECONDS):
        self.path = str(path)
        self.linger = linger
        self.wait = wait
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._idle_since = 0.0
        self._watcher: threading.Thread | None = None
        self.lake = is_lake(self.path)
        if not self.lake:
            check_file(self.path)  # before any lock file is made beside it
            claim_for_serving(self.path)

    @contextmanager
    def cursor(
        self, *, waiting: Callable[[], AbstractContextManager] | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for the duration of the block.

        When a load has or wants the file, this waits; `waiting()` is entered around that wait (a
        spinner). DatabaseBusy after `wait` seconds; DatabaseUnavailable when the file cannot be used.
        """
        cur = self._take(block=False)
        if cur is None:
            with waiting() if waiting is not None else nullcontext():
                cur = self._take(block=True)
        try:
            yield cur
        except duckdb.Error as exc:  # a lake's catalog gone while the connection is kept: said, not raw
            problem = lake_outage(self.path, exc) if self.lake else None
            if problem is None:
                raise
            raise problem from exc
        finally:
            self._give_back(cur)

    def _take(self, *, block: bool) -> duckdb.DuckDBPyConnection | None:
        if self.lake:
            return self._take_lake()
        deadline = time.monotonic() + (self.wait if block else 0.0)
        with self._cond:
            while True:
                if writer_waiting(self.path) or (self._con is not None and must_reopen(self.path)):
                    if self._users == 0:  # a load wants the file, or DuckDB must start afresh
                        self._close()
                elif self._con is None:
                    try:
                        self._con = connect(self.path, wait=0)
                    except DatabaseBusy:  # the load has the file now
                        pass
                    else:
                        configure_for_serving(self._con)
                        self._idle_since = time.monotonic()
                        if self._watcher is None:
                            self._watcher = threading.Thread(target=self._watch, name="database-watcher")
                            self._watcher.daemon = False  # a daemon killed inside DuckDB at exit aborts the process
                            self._watcher.start()
                        continue  # look again: a load may have come while the file was opened
                else:
                    self._users += 1
                    return self._con.cursor()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    if not block:
                        return None
                    raise DatabaseBusy(self.path, self.wait)
                self._cond.wait(min(POLL_SECONDS, remaining))

    def _take_lake(self) -> duckdb.DuckDBPyConnection:
        with self._cond:
            if self._con is None:
                self._con = connect(self.path)
                try:
                    configure_for_serving(self._con)
                except duckdb.Error as exc:
                    self._close()
                    raise _lake_unavailable(self.path, exc) from exc
                with _LAKES_GUARD:
                    _LAKES[self.path] = self._con
            self._users += 1
            return self._con.cursor()

    def _give_back(self, cur: duckdb.DuckDBPyConnection) -> None:
        cur.close()
        with self._cond:
            self._users -= 1
            if self._users == 0 and not self.lake:
                self._idle_since = time.monotonic()
                if writer_waiting(self.path):
                    self._close()
            self._cond.notify_all()

    def _watch(self) -> None:
        """While the file is open: close it when nobody used it for `linger` seconds or a load wants it."""
        with self._cond:
            while self._con is not None:
                if self._users == 0 and (
                    time.monotonic() - self._idle_since >= self.linger or writer_waiting(self.path)
                ):
                    self._close()
                    break
                self._cond.wait(POLL_SECONDS)
            self._watcher = None

    def _close(self) -> None:  # with self._cond held
        if self.lake:
            with _LAKES_GUARD:
                if _LAKES.get(self.path) is self._con:
                    _LAKES.pop(self.path)
        if self._con is not None:
            self._con.close()
            self._con = None
            if not self.lake:
                _reopened(self.path)
            self._cond.notify_all()

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def close(self) -> None:
        """Close now (tests, shutdown); the next cursor() opens the file again."""
        with self._cond:
            self._close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Everything in the block is written together or not at all.

    It first claims the store's write turn (queries/claim_write.sql): a block that writes beside
    another connection's (another cursor, another server) fails on a conflict, at that statement or at
    the commit, and nothing of it is written. write() tries such a block again.
    """
    con.execute("begin transaction")
    try:
        execute(con, "claim_write")
        yield con
        con.execute("commit")
    except BaseException:
        _rollback(con)
        raise


T = TypeVar("T")


def write(
    con: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], T], *, attempts: int = WRITE_ATTEMPTS
) -> T:
    """work(con) in one transaction (transaction()); when it loses a conflict with another writer, all
    of it is undone and it runs again from the start (it reads what it needs inside the transaction),
    up to `attempts` times, then WriteConflict. A full disk is DiskFull at once (DuckDB says it with
    the same TransactionException as a conflict; trying again would only fail again), also before
    anything is written when the disk has less than DISK_RESERVE_BYTES free. Any other failure is
    raised as it is."""
    _check_room(con)
    for attempt in range(attempts):
        try:
            with transaction(con):
                return work(con)
        except duckdb.Error as exc:
            if is_disk_full(exc):
                store = _store_of(con)
                if not is_lake(store) and os.path.isfile(store):
                    with _MUST_REOPEN_GUARD:
                        _MUST_REOPEN.add(_file_key(store))
                _remove_partial_file(con, exc)
                raise DiskFull(store, str(exc).replace("\n", " ")) from exc
            if not _is_conflict(exc):
                raise
            if attempt == attempts - 1:
                raise WriteConflict(_store_of(con), attempts) from exc
            time.sleep(_backoff(attempt))
    raise AssertionError("unreachable")


_PARTIAL = re.compile(r'Could not write file "([^"]+\.parquet)"')


def _remove_partial_file(con: duckdb.DuckDBPyConnection, exc: BaseException) -> None:
    """A lake's data file a write left half written when the disk filled (DuckDB names it in its error):
    removed, so that the space it took is free for the next, smaller write. Only a file inside the
    lake's own data path, named by DuckDB's error; the catalog never recorded it (the write was rolled
    back). Other files of the failed write are orphans that `python -m portfolio maintain` removes."""
    found = _PARTIAL.search(str(exc))
    if found is None:
        return
    try:
        data = lake_data_path(con)
    except duckdb.Error:  # not a lake, or its catalog unreachable
        return
    if not data:
        return
    partial, root = Path(found.group(1)).resolve(), Path(data).resolve()
    if root in partial.parents:
        partial.unlink(missing_ok=True)


def _store_of(con: duckdb.DuckDBPyConnection) -> str:
    try:
        [(path,)] = con.execute(
            "select coalesce(path, database_name) from duckdb_databases() where database_name = current_database()"
        ).fetchall()
    except duckdb.Error:
        return "database"
    return str(path)
