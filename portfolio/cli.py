"""The command line, for scheduled loads and looking after reports: `python -m portfolio COMMAND ...`.

    python -m portfolio load FILE [--programme NAME] [--report-date YYYY-MM-DD] [--sheet NAME]
                                  [--mapping PROFILE] [--unit N] [--locale nl|en]
                                  [--replace] [--same-file] [--new-programme] [--strict] [--json]
                                  [--user NAME]
    python -m portfolio reports [--all] [--json]
    python -m portfolio summary [--programme NAME] [--report-date YYYY-MM-DD] [--json]
    python -m portfolio restore REPORT_ID [--user NAME] [--json]
    python -m portfolio delete REPORT_ID --yes [--user NAME] [--json]
    python -m portfolio hash-password       (reads the password from the terminal or stdin)
    python -m portfolio report --programme NAME --report-date YYYY-MM-DD --format docx|pdf
                               [--lang nl|en] -o FILE   (the written progress report of one report)

Every command takes `--db PATH` (default: $PORTFOLIO_DB, else data/portfolio.duckdb) and `--wait SECONDS`
(default 30). `--db` also takes a DuckLake, the store several app servers share:
`--db 'ducklake:postgres:dbname=NAME host=HOST port=PORT'` with `--data-path DIR` (default
$PORTFOLIO_DATA_PATH; needed to create the lake, checked against it after that); a lake has no file to
wait for, every command its own connection, and a load that meets another server's write at the same
moment is done again after it. A load takes exactly the app's path: `ingest.parse_export`, then `ingest.commit` (all reports
of one file in one transaction) on a connection from `db.connect` (which migrates the database).
Amounts are in full currency units; a missing total is null, never 0. `--user NAME` is recorded as
loaded_by and in audit_log beside the OS user that ran the command ('NAME (os: USER)'); without it, the
OS user alone. The programme (from --programme or the file) is matched against the programmes loaded
before: written another way (case, spaces, punctuation, accents) it is that programme, and a note says
so; close to one (a typo) it is refused with a suggestion, unless --new-programme.

Output: the result on stdout (with `--json`, exactly one JSON object; `reports --json` gives an object
with a "reports" list); warnings, errors and the waiting line on stderr. Problems read
`row R, column 'C': message`, as the app shows them in English.

Exit codes:
  0  done. Also when the file is already loaded: its checksum is that of the current version of the
     report it would write. Nothing is written, stderr says so, and `--json` answers
     {"status": "already_loaded", "report_id": <the existing report>, ...}. A scheduled job that picks up
     the same export twice has nothing to do, and that is not a failure. (A changed file for a
     programme + date that already has a report is refused unless --replace, see exit 2.)
  2  refused, nothing written: errors in the file (with --strict, warnings too), a report for the same
     programme + date without --replace, a programme name close to a known one (a typo? 'did you mean
     ...?') without --new-programme, an unknown report id, delete without --yes, bad arguments, a file
     larger than the upload page takes (reading.MAX_UPLOAD_BYTES; refused by its size, before it is read).
  3  the database file is held by another process for longer than --wait seconds, or (a lake) other
     servers kept writing at the same moment through every retry; nothing was written. A command that needs
     the file tells the app so (a shared flock on '<db>.lock'); the app then starts no new page runs on
     it and lets go as soon as the ones in progress are done, so a load waits about as long as the
     longest page run in progress. What remains is a process that does not take part (another program).
  4  the database file cannot be used, nothing written: not a DuckDB database, damaged or truncated, a
     write-ahead log ('<db>.wal') that cannot be replayed, read-only (file or folder), or written by a
     newer DuckDB; a lake whose PostgreSQL cannot be reached, or with another data path. stderr says which
     and what to do; the file is never changed or removed.
  5  the disk holding the database (its file and '<db>.wal', or a lake's data path or catalog) is full;
     the write was rolled back whole and nothing was written. Not retried: free space, then run it again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path

from portfolio import approval, db, ingest, manage, mapping, own_totals, reading
from portfolio.ingest.columns import column_report
from portfolio.ingest.commit import settle_programmes
from portfolio.problems import LoadRefused, Problem, error, message

EXIT_OK = 0
EXIT_REFUSED = 2
EXIT_BUSY = 3
EXIT_UNAVAILABLE = 4
EXIT_DISK_FULL = 5
LANG = "en"


class Refused(Exception):
    """The command cannot do what was asked; nothing was written. Exit code 2."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except Refused as refused:
        _err(f"error: {refused}")
        return EXIT_REFUSED
    except (db.DatabaseBusy, db.WriteConflict) as busy:
        _err(f"error: {busy}")
        _err("Nothing was written. Retry later (or with a longer --wait), or upload the file through the app.")
        return EXIT_BUSY
    except db.DiskFull as full:  # before DatabaseUnavailable, which it is
        _err(f"error: {full}")
        return EXIT_DISK_FULL
    except db.DatabaseUnavailable as problem:
        _err(f"error: {problem}")
        return EXIT_UNAVAILABLE
    except BrokenPipeError:  # the reader went away (`... | head`); keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=_store,
        default=None,
        metavar="PATH",
        help=f"database file, or a DuckLake as 'ducklake:postgres:dbname=... host=... port=...' "
        f"(default: ${db.DB_ENV}, else {db.DEFAULT_DB.relative_to(db.ROOT)})",
    )
    common.add_argument(
        "--data-path",
        default=None,
        metavar="DIR",
        help=f"a DuckLake's shared directory for its data files (default: ${db.DATA_PATH_ENV})",
    )
    common.add_argument(
        "--wait",
        type=_seconds,
        default=db.LOCK_WAIT_SECONDS,
        metavar="SECONDS",
        help="how long to wait for the database when another process holds it (default %(default)g)",
    )
    user = argparse.ArgumentParser(add_help=False)
    user.add_argument(
        "--user",
        type=_actor,
        default=_os_user(),
        metavar="NAME",
        help="who does this, for the audit log; recorded beside the OS user running the command, as "
        "'NAME (os: USER)' (default: the OS user alone)",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    parser = argparse.ArgumentParser(
        prog="python -m portfolio",
        description="Load portfolio exports into the dashboard's database and look after the loaded reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    load = commands.add_parser(
        "load", parents=[common, user, as_json], help="load one export (CSV or Excel) the way the app's upload does"
    )
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--programme", metavar="NAME", help="programme, when the file does not say")
    load.add_argument(
        "--report-date", type=_iso_date, metavar="YYYY-MM-DD", help="report date, when the file does not say"
    )
    load.add_argument("--sheet", metavar="NAME", help="the Excel sheet to read (default: the first with stories)")
    load.add_argument(
        "--mapping",
        type=Path,
        metavar="PROFILE",
        help="a column-mapping profile: its name as saved on the upload page (kept in the store), or a .json file",
    )
    load.add_argument(
        "--unit", type=_unit, metavar="N", help="multiplier for amount columns whose header declares no unit (1000)"
    )
    load.add_argument("--locale", choices=("nl", "en"), help="number notation (default: detected)")
    load.add_argument(
        "--currency",
        type=str.upper,
        metavar="CODE",
        help="the amounts' currency (EUR, GBP, USD, CAD, ...; default: read)",
    )
    load.add_argument(
        "--header-row", type=int, metavar="N", help="the row with the column headers, where none is found (1-based)"
    )
    load.add_argument(
        "--transpose",
        action="store_true",
        default=None,
        help="read a sheet laid out turned (field names down column A)",
    )
    load.add_argument(
        "--period", metavar="YEAR", help="of a file that stacks several years, read only this one (2015, 2023/24)"
    )
    load.add_argument(
        "--replace", action="store_true", help="replace the report for the same programme and date (kept as a version)"
    )
    load.add_argument(
        "--same-file",
        action="store_true",
        help="load the file although the same file is loaded already as another programme or report date",
    )
    load.add_argument("--strict", action="store_true", help="refuse the file when it has warnings")
    load.add_argument(
        "--new-programme",
        action="store_true",
        help="start a new programme even when its name is close to a known one (without it such a name is "
        "refused with the known one as a suggestion)",
    )
    load.set_defaults(run=cmd_load)

    reports = commands.add_parser("reports", parents=[common, as_json], help="list the loaded reports")
    reports.add_argument("--all", action="store_true", help="include earlier versions")
    reports.set_defaults(run=cmd_reports)

    summary = commands.add_parser(
        "summary", parents=[common, as_json], help="totals and traffic lights of one report, per line and track"
    )
    summary.add_argument("--programme", metavar="NAME", help="default: the most recently loaded programme")
    summary.add_argument("--report-date", type=_iso_date, metavar="YYYY-MM-DD", help="default: its latest report")
    summary.set_defaults(run=cmd_summary)

    restore = commands.add_parser(
        "restore", parents=[common, user, as_json], help="make an earlier version the current report"
    )
    restore.add_argument("report_id", type=int, metavar="REPORT_ID")
    restore.set_defaults(run=cmd_restore)

    delete = commands.add_parser(
        "delete", parents=[common, user, as_json], help="delete a report's programme + date with all its versions"
    )
    delete.add_argument("report_id", type=int, metavar="REPORT_ID")
    delete.add_argument("--yes", action="store_true", help="confirm the delete")
    delete.set_defaults(run=cmd_delete)

    report = commands.add_parser(
        "report",
        parents=[common],
        help="write the progress report (voortgangsrapportage) of one report as Word or PDF",
    )
    report.add_argument("--programme", required=True, metavar="NAME", help="the programme, as loaded")
    report.add_argument("--report-date", required=True, type=_iso_date, metavar="YYYY-MM-DD", help="its report date")
    report.add_argument(
        "--format", choices=("docx", "pdf"), help="docx (Word, to edit) or pdf (default: from the name of FILE)"
    )
    report.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the report (default nl)")
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="where to write it")
    report.set_defaults(run=cmd_report)

    hashing = commands.add_parser(
        "hash-password", help="hash a password for the built-in sign-in ([portfolio.users.NAME] password_hash)"
    )
    hashing.set_defaults(run=cmd_hash_password)
    from portfolio import lake_cli  # move (and the lake's upkeep): portfolio/lake_cli.py

    lake_cli.add_commands(commands, common, as_json, Refused)
    return parser


# --- load -----------------------------------------------------------------------------------------


def read_export(path: Path) -> bytes:
    """The export's bytes, refused (LoadRefused 'too_large') by its size before any is read when it is
    larger than the upload page takes (reading.MAX_UPLOAD_BYTES, the one limit for both); from a pipe
    or a file that grows, no more than one byte past the limit is ever read."""
    limit = reading.MAX_UPLOAD_BYTES
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size  # a pipe or a device says 0: the read below is bounded
        if size > limit:
            raise LoadRefused([error("too_large", size_mb=round(size / 2**20), limit_mb=limit // 2**20)])
        data = file.read(limit + 1)
    if len(data) > limit:
        raise LoadRefused([error("too_large_unknown", limit_mb=limit // 2**20)])
    return data


def cmd_load(args) -> int:
    try:
        data = read_export(args.file)
    except OSError as exc:
        raise Refused(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except LoadRefused as refused:  # larger than the page takes: refused before it is read
        return _refused(args, ingest.ParsedExport(args.file.name, checksum=""), refused.problems, target=None)
    field_map, options, fork = _mapping(args)
    for name in ("sheet", "unit", "locale", "currency", "period", "transpose", "header_row"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    from portfolio.sandbox import parse_untrusted  # parse_export in a child with a memory limit and a timeout

    parsed = parse_untrusted(  # forked: nothing but this thread runs yet (the database is opened below)
        data,
        args.file.name,
        fork=fork,
        mapping=field_map,
        programme=args.programme,
        report_date=args.report_date,
        **options,
    )
    try:
        ingest.ensure_loadable(parsed, strict=args.strict)
    except LoadRefused as refused:
        return _refused(args, parsed, refused.problems, target=None)
    con = _connect(args)
    new_programmes = {r.programme for r in parsed.reports} if args.new_programme else ()
    try:
        try:
            # the programme as the store knows it ('mab flevoland' is 'MAB Flevoland', said as a note);
            # a name close to a known one is refused here unless --new-programme
            parsed = settle_programmes(con, parsed, new_programmes=new_programmes)
            done = ingest.commit(
                con,
                parsed,
                loaded_by=args.user,
                replace=args.replace,
                strict=args.strict,
                same_file=args.same_file,
                new_programmes=new_programmes,
            )
        except LoadRefused as refused:
            if [p.key for p in refused.problems] == ["already_loaded"]:
                return _already_loaded(args, con, parsed, refused.problems[0])
            return _refused(args, parsed, refused.problems, target=_db_path(args))
    finally:
        con.close()
    _print_warnings(parsed)
    reports = [
        {
            "report_id": c.report_id,
            "programme": c.programme,
            "report_date": c.report_date.isoformat(),
            "version": c.version,
            "rows": c.rows,
            "totals": {k: c.totals.get(k) for k in ("budget", "spent", "forecast")},
            "currency": parsed.currency,
            "replaced": c.replaced,
            # the file's own totals rows that do not add up to the stories, kept open with the report
            "total_disagreements": [
                {
                    "row": d.row,
                    "measure": d.measure,
                    "column": d.column,
                    "stated": d.stated,
                    "computed": d.computed,
                    "difference": round(d.computed - d.stated, 2),
                }
                for d in c.disagreements
            ],
        }
        for c in done
    ]
    if args.json:
        _print_json(
            {
                "status": "loaded",
                **reports[0],
                "source_file": parsed.filename,
                "checksum": parsed.checksum,
                "warnings": [_problem(p) for p in parsed.warnings],
                "notes": [_problem(p) for p in parsed.notes],
                "columns": column_report(parsed),
                "reports": reports,
            }
        )
    else:
        for entry in reports:
            print(
                f"Loaded report {entry['report_id']}: {entry['programme']} {entry['report_date']} "
                f"(version {entry['version']}, {entry['rows']} rows) from {parsed.filename}; "
                + _totals_text(entry["totals"], entry["currency"])
            )
            if entry["replaced"]:
                print(f"  replaces report {entry['replaced']}, kept as an earlier version")
            for d in entry["total_disagreements"]:
                print("  " + own_totals.sentence({**d, "source_row": d["row"], "currency": entry["currency"]}, LANG))
    return EXIT_OK


def _mapping(args) -> tuple[dict | None, dict, bool]:
    """--mapping: a profile file, else the name of a profile saved in the store (the upload page saves
    them there); (field -> header mapping, options, whether the parse may fork: not once the store was
    opened in this process)."""
    if args.mapping is None:
        return None, {}, True
    if args.mapping.exists() or args.mapping.suffix.lower() == ".json":
        return (*_profile(args.mapping), True)
    from portfolio import profiles

    con = _connect(args)
    try:
        saved = {p["name"]: p for p in profiles.all_profiles(con)}
    finally:
        con.close()
    name = str(args.mapping)
    if name not in saved:
        known = ", ".join(repr(n) for n in saved) or "none"
        raise Refused(f"no mapping profile file {name} and no profile of that name in the store (saved: {known})")
    return (*_profile(name, saved[name]), False)


def _profile(path: Path | str, profile: dict | None = None) -> tuple[dict | None, dict]:
    """The field -> header mapping and the options (unit, locale, sheet, currency) of a saved profile
    (read from the file `path`, or given: one saved in the store under the name `path`)."""
    try:
        profile = profile if profile is not None else mapping.load_profile(path)
    except OSError as exc:
        raise Refused(f"cannot read the mapping profile {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # includes a file that is not JSON
        raise Refused(f"the mapping profile {path} cannot be used: {exc}") from None
    if not isinstance(profile.get("mapping", {}), dict) or not isinstance(profile.get("options", {}), dict):
        raise Refused(f"the mapping profile {path} cannot be used: 'mapping' and 'options' must be objects")
    stored = profile.get("options") or {}
    options = {}
    try:
        if stored.get("unit") is not None:
            options["unit"] = _unit(str(stored["unit"]))
        if stored.get("locale") is not None:
            if stored["locale"] not in ("nl", "en"):
                raise argparse.ArgumentTypeError(f"locale '{stored['locale']}' is not nl or en")
            options["locale"] = stored["locale"]
    except argparse.ArgumentTypeError as exc:
        raise Refused(f"the mapping profile {path} cannot be used: {exc}") from None
    for name in ("sheet", "currency"):
        if stored.get(name):
            options[name] = str(stored[name])
    return (profile.get("mapping") or None), options


def _refused(args, parsed: ingest.ParsedExport, problems: list[Problem], target: Path | None) -> int:
    for problem in problems:
        _err(f"error: {message(problem, LANG)}")
    if any(p.key == "report_exists" for p in problems):
        _err("Use --replace to load this file as the new version; the current one is kept as an earlier version.")
    for problem in problems:
        if problem.key == "programme_close":
            _err(
                f"To load it into '{problem.params['suggestion']}', correct the name (--programme "
                f"'{problem.params['suggestion']}', or in the file); to start a new programme named "
                f"'{problem.params['programme']}', add --new-programme."
            )
    _err(f"Refused {parsed.filename}: nothing was written" + (f" to {target}." if target else "."))
    if args.json:
        _print_json(
            {
                "status": "refused",
                "source_file": parsed.filename,
                "errors": [_problem(p) for p in problems],
                "warnings": [_problem(p) for p in parsed.warnings],
                "notes": [_problem(p) for p in parsed.notes],
                "columns": column_report(parsed),
            }
        )
    return EXIT_REFUSED


def _already_loaded(args, con, parsed: ingest.ParsedExport, problem: Problem) -> int:
    existing_id = int(problem.params["report_id"])
    history = manage.history(con, include_versions=True)
    same_file = history[(history["checksum"] == parsed.checksum) & history["is_current"]]
    same_file = same_file.sort_values("report_id", key=lambda ids: ids != existing_id, kind="stable")
    reports = [_report_entry(row) for row in same_file.to_dict("records")]
    _err(f"Already loaded: {message(problem, LANG)} Nothing was written.")
    if args.json:
        first = reports[0] if reports else {"report_id": existing_id}
        _print_json(
            {
                "status": "already_loaded",
                **first,
                "replaced": None,
                "source_file": parsed.filename,
                "checksum": parsed.checksum,
                "warnings": [_problem(p) for p in parsed.warnings],
                "reports": reports,
            }
        )
    else:
        print(f"Already loaded as report {existing_id}; nothing written.")
    return EXIT_OK


# --- reports, summary -------------------------------------------------------------------------------


def cmd_reports(args) -> int:
    con = _connect(args)
    try:
        frame = manage.history(con, include_versions=args.all)
    finally:
        con.close()
    entries = [_report_entry(row) for row in frame.to_dict("records")]
    if args.json:
        _print_json({"reports": entries})
        return EXIT_OK
    if not entries:
        print("No reports loaded.")
        return EXIT_OK
    columns = [
        ("id", lambda e: str(e["report_id"])),
        ("programme", lambda e: e["programme"]),
        ("date", lambda e: e["report_date"]),
        ("ver", lambda e: str(e["version"])),
        ("current", lambda e: "yes" if e["is_current"] else "no"),
        ("rows", lambda e: str(e["rows"])),
        ("cur", lambda e: e["currency"]),
        ("budget", lambda e: _amount(e["totals"]["budget"])),
        ("spent", lambda e: _amount(e["totals"]["spent"])),
        ("forecast", lambda e: _amount(e["totals"]["forecast"])),
        ("loaded at", lambda e: (e["loaded_at"] or "")[:16].replace("T", " ")),
        ("by", lambda e: e["loaded_by"] or ""),
        ("file", lambda e: e["source_file"]),
    ]
    right = {"id", "ver", "rows", "budget", "spent", "forecast"}
    cells = [[name for name, _ in columns]] + [[get(e) for _, get in columns] for e in entries]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for row in cells:
        print(
            "  ".join(
                cell.rjust(width) if name in right else cell.ljust(width)
                for cell, width, (name, _) in zip(row, widths, columns)
            ).rstrip()
        )
    return EXIT_OK


def cmd_summary(args) -> int:
    con = _connect(args)
    try:
        result = manage.summary(con, args.programme, args.report_date)
    except ValueError as exc:
        raise Refused(str(exc)) from None
    finally:
        con.close()
    if args.json:
        _print_json(result)
        return EXIT_OK
    cur = result["currency"]
    print(
        f"{result['programme']}, report {result['report_id']} of {result['report_date'].isoformat()} "
        f"(version {result['version']})"
    )
    print(f"  total: {_group_text(result['totals'], cur)}")
    for title, key, rows in (
        ("per programme line", "programme_line", result["per_line"]),
        ("per track", "track", result["per_track"]),
    ):
        print(title + ":")
        for row in rows:
            print(f"  {row[key] or '(none)'}: {_group_text(row, cur)}")
    return EXIT_OK


# --- restore, delete -----------------------------------------------------------------------------------


def cmd_restore(args) -> int:
    con = _connect(args)
    try:
        versions = _versions(con, args.report_id)
        chosen = versions[versions["report_id"] == args.report_id].iloc[0]
        was_current = bool(chosen["is_current"])
        manage.restore(con, args.report_id, actor=args.user)
    finally:
        con.close()
    what = f"report {args.report_id} ({chosen['programme']} {_iso(chosen['report_date'])}"
    what += f", version {int(chosen['version'])})"
    if args.json:
        _print_json(
            {
                "status": "unchanged" if was_current else "restored",
                "report_id": args.report_id,
                "programme": chosen["programme"],
                "report_date": _iso(chosen["report_date"]),
                "version": int(chosen["version"]),
            }
        )
    elif was_current:
        print(f"{what[0].upper()}{what[1:]} is already the current version; nothing changed.")
    else:
        print(f"Restored {what}: it is now the current version.")
    return EXIT_OK


def cmd_delete(args) -> int:
    con = _connect(args)
    try:
        versions = _versions(con, args.report_id)
        first = versions.iloc[0]
        what = (
            f"{first['programme']} {_iso(first['report_date'])}: {len(versions)} version(s) "
            f"(report ids {', '.join(str(int(i)) for i in versions['report_id'])}) and their stories"
        )
        if not args.yes:
            raise Refused(f"this would delete {what}. Add --yes to confirm; nothing was deleted.")
        removed = manage.delete(con, args.report_id, actor=args.user)
    finally:
        con.close()
    if args.json:
        _print_json({"status": "deleted", "report_id": args.report_id, "versions_removed": removed})
    else:
        print(f"Deleted {what}.")
    return EXIT_OK


def _versions(con, report_id: int):
    try:
        return manage.versions(con, report_id)
    except ValueError as exc:
        raise Refused(str(exc)) from None


# --- report ------------------------------------------------------------------------------------------


def cmd_report(args) -> int:
    """Write the progress report of one current report; nothing in the database changes."""
    from portfolio import analysis, progress_report

    fmt = args.format or args.output.suffix.lower().lstrip(".")
    if fmt not in progress_report.FORMATS:
        raise Refused(f"say --format docx or --format pdf (the name {args.output.name} does not tell)")
    if args.output.suffix.lower() != f".{fmt}":
        raise Refused(f"--format {fmt} writes a .{fmt} file; name it so (-o {args.output.with_suffix('.' + fmt)})")
    if not args.output.parent.is_dir():
        raise Refused(f"the folder {args.output.parent} does not exist")
    con = _connect_for_reading(args)
    try:
        programmes = analysis.programmes(con)
        match = programmes[programmes["name"] == args.programme]
        if match.empty:
            known = ", ".join(f"'{n}'" for n in programmes["name"]) or "none"
            raise Refused(f"there is no programme '{args.programme}' with a report; programmes: {known}")
        reports = analysis.reports(con, int(match["programme_id"].iloc[0]))
        dates = [manage.as_date(d) for d in reports["report_date"]]
        if args.report_date not in dates:
            known = ", ".join(d.isoformat() for d in sorted(dates))
            raise Refused(
                f"'{args.programme}' has no report of {args.report_date.isoformat()}; its report dates: {known}"
            )
        report_id = int(reports["report_id"].iloc[dates.index(args.report_date)])
        # the current version: a draft (not yet approved) says CONCEPT on every page
        draft = not approval.state(con, report_id).approved
        data = progress_report.generate(con, report_id, fmt, lang=args.lang, draft=draft)
    finally:
        con.close()
    partial = args.output.with_name(f".{args.output.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, args.output)  # a reader never sees half a file
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise Refused(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(
        f"Wrote {args.output} ({fmt}, {len(data):,} bytes): the progress report of {args.programme} "
        f"{args.report_date.isoformat()} (report {report_id}), in {'Dutch' if args.lang == 'nl' else 'English'}."
    )
    return EXIT_OK


def _connect_for_reading(args):
    """The database opened read-only when no other process holds it and its schema is current, so
    making a report changes nothing; otherwise the usual way (waiting for the app, migrating)."""
    import duckdb

    path = _db_path(args)
    if db.is_lake(path):
        return _connect(args)
    if not path.is_file():
        raise Refused(f"there is no database at {path}; load a report first (python -m portfolio load FILE)")
    try:
        con = db.quiet(duckdb.connect(str(path), read_only=True))
    except duckdb.Error:  # held by another process (the app), or it needs recovery
        return _connect(args)
    latest = max(int(p.name.split("_", 1)[0]) for p in db.MIGRATIONS_DIR.glob("*.sql"))
    try:
        current = int(db.query(con, "schema_version_read")["version"].iloc[0])
    except duckdb.Error:
        current = -1
    if current < latest:
        con.close()
        return _connect(args)
    return con


# --- helpers -----------------------------------------------------------------------------------------


def _iso(value) -> str:
    return manage.as_date(value).isoformat()


def _store(text: str) -> Path | str:
    """--db: a DuckLake URL as it is, anything else a file path."""
    return text.strip() if db.is_lake(text) else Path(text)


def _db_path(args) -> Path | str:
    return args.db if args.db is not None else db.db_path()


def _connect(args):
    """db.connect, announced to the app, telling the person once on stderr when it has to wait."""
    path = _db_path(args)
    if db.is_lake(path):
        return db.connect(path, data_path_=args.data_path)
    return db.connect(
        path,
        wait=args.wait,
        announce=True,
        on_wait=lambda: _err(
            f"The database {path} is in use by another process (the app?); waiting up to {args.wait:g} s for it ..."
        ),
    )


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Print a PBKDF2 hash for the secrets file; the password itself is never printed or stored."""
    from portfolio import auth

    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise Refused("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        raise Refused("use a password of at least 12 characters")
    print(auth.hash_password(password))
    return EXIT_OK


def _report_entry(row: dict) -> dict:
    """One row of manage.history() as plain JSON."""
    loaded_at = manage.plain(row["loaded_at"])
    return {
        "report_id": int(row["report_id"]),
        "programme": row["programme"],
        "report_date": _iso(row["report_date"]),
        "version": int(row["version"]),
        "is_current": bool(row["is_current"]),
        "source_file": manage.plain(row["source_file"]),
        "sheet": manage.plain(row["sheet"]),
        "checksum": manage.plain(row["checksum"]),
        "loaded_at": loaded_at.isoformat() if loaded_at is not None else None,
        "loaded_by": manage.plain(row["loaded_by"]),
        "rows": int(row["row_count"]),
        "currency": row["currency"],
        "totals": {k: manage.plain(row[k]) for k in ("budget", "spent", "forecast")},
    }


def _problem(problem: Problem) -> dict:
    return {"row": problem.row, "column": problem.column, "key": problem.key, "message": message(problem, LANG)}


def _print_warnings(parsed: ingest.ParsedExport) -> None:
    for problem in parsed.warnings:
        _err(f"warning: {message(problem, LANG)}")
    for problem in parsed.notes:
        _err(f"note: {message(problem, LANG)}")


def _print_json(payload) -> None:
    # indented for a person to read; a long answer (a history of many reports) on one line, as
    # Python's C encoder writes it five times faster than the indenting one
    long = isinstance(payload, dict) and len(payload.get("reports") or ()) > LONG_ANSWER
    indent = None if long else 2
    print(json.dumps(payload, ensure_ascii=False, indent=indent, default=_json_default, allow_nan=False))


LONG_ANSWER = 100  # reports


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    plain = manage.plain(value)
    if plain is not value:
        return plain
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _amount(value) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _totals_text(totals: dict, currency: str) -> str:
    return ", ".join(f"{name} {currency} {_amount(totals.get(name))}" for name in ("budget", "spent", "forecast"))


def _group_text(row: dict, currency: str) -> str:
    lights = f"red {row['n_red']}, amber {row['n_amber']}, green {row['n_green']}, unknown {row['n_unknown']}"
    return f"{row['n_stories']} stories; {_totals_text(row, currency)}; {lights}"


def _err(text: str) -> None:
    print(db.redact(text), file=sys.stderr, flush=True)  # never a password from a lake URL


def _os_user() -> str:
    """The account running this process (portfolio.audit.os_user, which the app's open mode logs too)."""
    from portfolio.audit import os_user

    return os_user()


def _actor(text: str) -> str:
    """Who --user NAME records as loaded_by and in audit_log: the name as given (one line, without
    parentheses, at most 80 characters) with the OS user beside it, 'alice (os: bob)'; the OS user alone
    when the name is empty or that user. A name alone is only a claim; the OS user is who ran it."""
    printable = "".join(c if c.isprintable() and c not in "()" else " " for c in text)
    name = " ".join(printable.split())[:80]
    account = _os_user()
    return account if name in ("", account) else f"{name} (os: {account})"


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _unit(text: str) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number such as 1000") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"unit must be 1 or more, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError("--wait cannot be negative")
    return value
