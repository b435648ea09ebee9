"""The command line's commands for looking after a store (portfolio/cli.py adds them):

    python -m portfolio move --from STORE --to STORE [--data-path DIR] [--into-used] [--json]

A store is a DuckDB file or a DuckLake ('ducklake:postgres:dbname=... host=... port=... user=...';
the password from PGPASSWORD or a .pgpass file, never in the URL). Exit codes as cli.py's: 0 done,
2 refused (nothing written), 4 a store cannot be used, 5 a full disk.
"""

from __future__ import annotations

import argparse
import json

from portfolio import db, move

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


def cmd_move(args: argparse.Namespace, refused) -> int:
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
