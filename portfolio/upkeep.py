"""Looking after a DuckLake (issue 24, item 5): `python -m portfolio maintain`, to be run on a schedule.

Every upload, restore and rule change leaves a snapshot in the catalog and small Parquet files in the
data path; a save cut off (a server killed, a full disk) can leave files the catalog never recorded.
One run, in this order:
1. compaction: small adjacent files merged into larger ones (DuckLake's merge_adjacent_files),
   written as one write of the store, so it waits its turn beside the servers' writes (db.write);
2. snapshots older than `keep_days` forgotten (expire_snapshots; the current one never);
3. files no snapshot uses any more, and files the catalog never recorded (orphans), deleted once
   they are older than `grace_hours`: a query on another server may still read a file of an older
   snapshot, and a save in progress has written files it has not committed yet.
The data path must hold this lake's files alone: a file there that its catalog does not know is an orphan.
A DuckDB file needs none of this (no snapshots, no loose files): it is checkpointed and said so.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field

import duckdb

from portfolio import db

KEEP_DAYS = 7.0  # snapshots kept for looking back (and restoring by time travel) this long
GRACE_HOURS = 1.0  # a file unused or unrecorded for less than this is left alone


@dataclass
class Upkeep:
    lake: bool
    dry_run: bool
    files_before: tuple[int, int] = (0, 0)  # data files the current snapshot uses, and their bytes
    files_after: tuple[int, int] = (0, 0)
    snapshots_before: int = 0
    snapshots_expired: int = 0
    old_files: list[str] = field(default_factory=list)  # deleted (or, dry run, to be deleted)
    orphans: list[str] = field(default_factory=list)
    orphan_bytes: int = 0


def maintain(
    con: duckdb.DuckDBPyConnection,
    store: str,
    *,
    keep_days: float = KEEP_DAYS,
    grace_hours: float = GRACE_HOURS,
    dry_run: bool = False,
) -> Upkeep:
    """One run of the upkeep on `store`, which `con` is connected to (see the module's text)."""
    if not db.is_lake(store):
        if not dry_run:
            con.execute("checkpoint")
        return Upkeep(lake=False, dry_run=dry_run)
    now = dt.datetime.now(dt.UTC)
    done = Upkeep(lake=True, dry_run=dry_run, files_before=_files(con), snapshots_before=_snapshots(con))
    if not dry_run:
        _retried(con, "lake_merge_files")
    old = now - dt.timedelta(days=keep_days)
    done.snapshots_expired = len(_retried(con, "lake_expire_snapshots", dry_run=dry_run, older_than=old))
    grace = dt.datetime.now(dt.UTC) - dt.timedelta(hours=grace_hours)  # files the steps above let go count too
    done.old_files = [path for (path,) in db.execute(con, "lake_cleanup_old_files", dry_run=dry_run, older_than=grace)]
    # never in a directory another lake has marked as its own: its files would all look like orphans here
    db.claim_data_directory(con, store)
    orphans = _not_the_mark(db.execute(con, "lake_delete_orphans", dry_run=True, older_than=grace))
    done.orphan_bytes = sum(_size(path) for path in orphans)
    if not dry_run:
        orphans = _not_the_mark(db.execute(con, "lake_delete_orphans", dry_run=False, older_than=grace))
        db.claim_data_directory(con, store)  # DuckLake counts the mark among the files it does not know
    done.orphans = orphans
    done.files_after = _files(con)
    return done


def _not_the_mark(rows: list[tuple]) -> list[str]:
    return [path for (path,) in rows if not str(path).endswith(db.LAKE_MARK)]


def _retried(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[tuple]:
    """A statement of DuckLake's upkeep in a transaction of its own, done again when it meets a server's
    write at the same moment (not through db.write: its claim on the write turn is a change of the
    counters table, which compaction would then conflict with itself)."""
    for attempt in range(db.WRITE_ATTEMPTS):
        try:
            return db.execute(con, name, **params)
        except duckdb.Error as exc:
            db._rollback(con)
            if not db._is_conflict(exc) or attempt == db.WRITE_ATTEMPTS - 1:
                raise
            time.sleep(db._backoff(attempt))
    raise AssertionError("unreachable")


def _files(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    [(files, size)] = db.execute(con, "lake_files_in_use")
    return int(files), int(size)


def _snapshots(con: duckdb.DuckDBPyConnection) -> int:
    return int(db.execute(con, "lake_snapshot_count")[0][0])


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:  # an object store, or gone meanwhile
        return 0
