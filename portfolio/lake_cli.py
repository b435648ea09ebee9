"""The command line's commands for looking after a store (portfolio/cli.py adds them):

    python -m portfolio move --from STORE --to STORE [--data-path DIR] [--into-used] [--json]
    python -m portfolio maintain [--db STORE] [--keep-days N] [--grace-hours H] [--dry-run] [--json]
    python -m portfolio backup [--db STORE] --to DIR [--json]   (catalog and data in one DuckDB file)

A store is a DuckDB file or a DuckLake ('ducklake:postgres:dbname=... host=... port=... user=...';
the password from PGPASSWORD or a .pgpass file, never in the URL). Exit codes as cli.py's: 0 done,
2 refused (nothing written), 4 a store cannot be used, 5 a full disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path

from portfolio import db, move, upkeep

EXIT_OK = 0


def add_commands(commands, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser, refused) -> None:
    """Add this module's commands to cli.py's subparsers; `refused` is cli.Refused (exit 2)."""
    moving = commands.add_parser(
        "move",
        parents=[as_json],
        help="copy a whole store (every report and version, audit log, rules, sign-in records, id counters) "
        "from a DuckDB file into a DuckLake, or back, and check the copy",
    )
    moving.add_argument("--from", dest="source", required=True, metavar="STORE", help="the store copied from")
    moving.add_argument("--to", dest="target", required=True, metavar="STORE", help="the store copied into")
    moving.add_argument(
        "--data-path", metavar="DIR", help=f"a new target lake's shared data directory (default ${db.DATA_PATH_ENV})"
    )
    moving.add_argument(
        "--into-used",
        action="store_true",
        help="add the source's programmes beside those of a target that already holds data (new ids; the "
        "target keeps its rules); without it such a target is refused",
    )
    moving.set_defaults(run=lambda args: cmd_move(args, refused))

    maintaining = commands.add_parser(
        "maintain",
        parents=[common, as_json],
        help="look after a DuckLake: merge small files, forget old snapshots, delete files no snapshot uses "
        "and files a cut-off save left (run it on a schedule)",
    )
    maintaining.add_argument(
        "--keep-days", type=float, default=upkeep.KEEP_DAYS, metavar="N", help="keep snapshots this long (default 7)"
    )
    maintaining.add_argument(
        "--grace-hours",
        type=float,
        default=upkeep.GRACE_HOURS,
        metavar="H",
        help="leave files younger than this alone: a save in progress, a query on an older snapshot (default 1)",
    )
    maintaining.add_argument("--dry-run", action="store_true", help="say what would be done, change nothing")
    maintaining.set_defaults(run=lambda args: cmd_maintain(args, refused))

    backing_up = commands.add_parser(
        "backup",
        parents=[common, as_json],
        help="write the whole store (a lake's catalog and data together) as one DuckDB file in DIR, checked; "
        "restore it with: move --from FILE --to NEW_STORE",
    )
    backing_up.add_argument("--to", dest="folder", required=True, type=Path, metavar="DIR", help="where to write it")
    backing_up.set_defaults(run=lambda args: cmd_backup(args, refused))


def cmd_move(args: argparse.Namespace, refused) -> int:
    for option, value in (("--from", args.source), ("--to", args.target)):
        if not value.strip():
            raise refused(f"{option} is empty (is the variable given to it, e.g. $PORTFOLIO_DB, set in this shell?)")
    try:
        result = move.move(
            args.source, args.target, data_path=args.data_path or db.data_path(), into_used=args.into_used
        )
    except move.MoveRefused as exc:
        raise refused(str(exc)) from None
    if args.json:
        print(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_said(result))
    return EXIT_OK


def _as_json(result: move.MoveResult) -> dict:
    return {
        "status": "copied",
        "source": db.redact(result.source),
        "target": db.redact(result.target),
        "merged": result.merged,
        "checked": result.checked,
        "counters": result.counters,
        "tables": {
            t.table: {
                "rows": t.rows,
                "totals": {k: (str(v) if v is not None else None) for k, v in t.totals.items()},
                "same": t.same,
            }
            for t in result.tables
        },
    }


def _said(result: move.MoveResult) -> str:
    rows = result.rows
    lines = [
        f"Copied {db.redact(result.source)} into {db.redact(result.target)}"
        + (" beside the data it held (new ids; its own rules kept)" if result.merged else "")
        + f": {rows('programmes')} programmes, {rows('reports')} reports with all their versions, "
        f"{rows('stories')} story rows, {rows('audit_log')} audit log entries, "
        f"{rows('sign_in_failures') + rows('sign_in_attempts') + rows('sign_in_devices')} sign-in records.",
    ]
    for check in result.tables:
        totals = "".join(
            f", sum of {column} " + (f"{value:,}" if value is not None else "none (no amounts)")
            for column, value in check.totals.items()
        )
        lines.append(f"  {check.table}: {check.rows} {'row' if check.rows == 1 else 'rows'}{totals}")
    lines.append("  id counters: " + ", ".join(f"{name} {value}" for name, value in result.counters.items()))
    lines.append(
        "Checked after the copy, before it was committed: every table holds the source's rows, the same number, "
        "the same money totals and the same checksum of every row."
    )
    return "\n".join(lines)


def _store(args: argparse.Namespace) -> str:
    return str(args.db if args.db is not None else db.db_path())


def _existing_store(args: argparse.Namespace, refused) -> str:
    """The store to look after or back up; refused where it is a file that is not there. Run from cron without
    PORTFOLIO_DB, `maintain` made an empty data/portfolio.duckdb, said it was a file and exited 0: a schedule
    that never looked after the lake it was meant for."""
    store = _store(args)
    if not db.is_lake(store) and store != ":memory:" and not Path(store).is_file():
        where = "--db" if args.db is not None else f"${db.DB_ENV} is not set, so the default"
        raise refused(
            f"no store at {store} ({where}); nothing was done. Give the store with --db or {db.DB_ENV} "
            f"(a lake: 'ducklake:postgres:dbname=... host=...'; cron passes no environment of yours)"
        )
    return store


def cmd_maintain(args: argparse.Namespace, refused) -> int:
    store = _existing_store(args, refused)
    con = db.connect(store, data_path_=args.data_path) if db.is_lake(store) else db.connect(store, announce=True)
    try:
        done = upkeep.maintain(con, store, keep_days=args.keep_days, grace_hours=args.grace_hours, dry_run=args.dry_run)
    finally:
        con.close()
    if args.json:
        print(json.dumps(done.__dict__, default=list, indent=2))
    else:
        print(_upkeep_said(done, db.redact(store)))
    return EXIT_OK


def _upkeep_said(done: upkeep.Upkeep, store: str) -> str:
    if not done.lake:
        return f"{store} is a DuckDB file: no snapshots or loose files to look after; checkpointed."
    would = "would be " if done.dry_run else ""
    return "\n".join(
        [
            f"{store}: {'dry run, nothing changed' if done.dry_run else 'looked after'}.",
            f"  data files in use: {done.files_before[0]} ({done.files_before[1]:,} bytes) before, "
            f"{done.files_after[0]} ({done.files_after[1]:,} bytes) after merging small ones"
            + (" (a dry run merges nothing: what a merge would save is not worked out)" if done.dry_run else ""),
            f"  snapshots: {done.snapshots_before}, of which {done.snapshots_expired} {would}forgotten",
            f"  files no snapshot uses: {len(done.old_files)} {would}deleted",
            f"  files no save committed (orphans): {len(done.orphans)} ({done.orphan_bytes:,} bytes) {would}deleted",
        ]
    )


def cmd_backup(args: argparse.Namespace, refused) -> int:
    store = _existing_store(args, refused)
    args.folder.mkdir(parents=True, exist_ok=True)
    name = f"portfolio-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.duckdb"
    target = args.folder / name
    if target.exists():
        raise refused(f"{target} exists already; nothing was written")
    partial = args.folder / f".{name}.partial"
    try:
        result = move.move(store, partial, data_path=args.data_path or db.data_path())
    except move.MoveRefused as exc:
        partial.unlink(missing_ok=True)
        raise refused(str(exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        Path(f"{partial}.wal").unlink(missing_ok=True)
        raise
    settled = db.connect(partial)  # everything in the file itself, nothing left in its '.wal'
    settled.execute("checkpoint")
    settled.close()
    os.chmod(partial, 0o600)  # it holds the sign-in records and the audit log: for the account that made it
    partial.replace(target)  # a backup is there whole or not at all
    result.target = str(target)
    if args.json:
        print(json.dumps({**_as_json(result), "status": "backed_up", "file": str(target)}, indent=2))
    else:
        print(_said(result).replace("Copied", "Backed up", 1))
        print(f"Restore: python -m portfolio move --from {target} --to NEW_STORE [--data-path DIR]")
    return EXIT_OK
