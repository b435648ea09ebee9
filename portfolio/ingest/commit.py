"""Writing the reports of an export: all of them in one transaction, or nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Collection

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from portfolio import approval, db, names
from portfolio.ingest.model import (
    STORY_COLUMNS,
    TOTAL_AMOUNTS,
    Committed,
    ParsedExport,
    ReportDraft,
    TotalDisagreement,
    run_totals,
)
from portfolio.problems import ERROR, LoadRefused, Problem, error, info


def ensure_loadable(parsed: ParsedExport, *, strict: bool = False) -> None:
    """Raise LoadRefused when the export has errors (or, with strict, warnings)."""
    blocking = parsed.errors + (parsed.warnings if strict else [])
    if blocking:
        if strict:
            blocking = [Problem(ERROR, p.key, p.row, p.column, p.params) for p in blocking]
        raise LoadRefused(blocking)


def commit(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedExport,
    *,
    loaded_by: str | None = None,
    replace: bool = False,
    strict: bool = False,
    same_file: bool = False,
    new_programmes: Collection[str] = (),
) -> list[Committed]:
    """Write every report of the export in one transaction; on any failure nothing is written.

    A programme + report date that already has a current report is refused unless `replace`; the
    earlier version is then kept (not current) and can be restored. The same file (by checksum)
    loaded already as another programme or report date is refused unless `same_file`. Programme names
    are settled first (settle_programmes): a name close to a known programme is refused unless it is
    in `new_programmes`, the names chosen explicitly as new programmes.
    """
    ensure_loadable(parsed, strict=strict)

    def work(con):
        settled = settle_programmes(con, parsed, new_programmes=new_programmes)
        written = _write_reports(con, settled, loaded_by, replace, same_file)
        _held_before_commit()
        return written

    # db.write: a load that loses a conflict with another server's write is done again from the start,
    # so the refusals above are checked against what that write left
    return db.write(con, work)


HOLD_ENV = "PORTFOLIO_FAULT_HOLD_SAVE"  # fault drills only: seconds a save waits, written, before its commit


def _held_before_commit() -> None:
    """For fault drills (tests/browser/test_save_cut_off.py): with PORTFOLIO_FAULT_HOLD_SAVE=SECONDS a save
    waits that long with everything written and nothing committed, so that a server can be killed at
    that very moment. Unset (as in every deployment) it does nothing."""
    try:
        seconds = float(os.environ.get(HOLD_ENV) or 0)
    except ValueError:
        return
    if seconds > 0:
        time.sleep(min(seconds, 600))


def programme_matches(con, parsed: ParsedExport) -> dict[str, names.NameMatch]:
    """Per programme the export names (in the order they first come): which programme with a report
    it is, if any (portfolio/names.py). A new name is known to the names after it in the same export:
    'mab flevoland' after a new 'MAB Flevoland' is that programme."""
    known = [row[0] for row in db.execute(con, "programme_names")]
    matches = {}
    for programme in dict.fromkeys(r.programme for r in parsed.reports):
        matches[programme] = names.match(programme, known)
        if matches[programme].kind == names.NEW:
            known.append(programme)
    return matches


def with_programmes(parsed: ParsedExport, renames: dict[str, str]) -> ParsedExport:
    """The export with the programmes named in `renames` called by their new names; the stories are
    not touched (nor copied)."""
    if not any(r.programme in renames for r in parsed.reports):
        return parsed
    reports = [
        ReportDraft(
            renames.get(r.programme, r.programme), r.report_date, r._stories, batch=r._batch, position=r._position
        )
        for r in parsed.reports
    ]
    return dataclasses.replace(parsed, reports=reports)


def settle_programmes(con, parsed: ParsedExport, *, new_programmes: Collection[str] = ()) -> ParsedExport:
    """The export with its programmes as the store knows them.

    A name that is a known programme but for case, spaces, punctuation or accents becomes that
    programme, and a note says so. A name close to a known one (a typo?) is refused with the closest
    as a suggestion, unless it is in `new_programmes`: a new programme starts only when chosen. Raises
    LoadRefused; the export given is never changed.
    """
    matches = programme_matches(con, parsed)
    close = [m for m in matches.values() if m.kind == names.CLOSE and m.typed not in new_programmes]
    if close:
        raise LoadRefused([error("programme_close", programme=m.typed, suggestion=m.candidates[0]) for m in close])
    same = [m for m in matches.values() if m.kind == names.SAME]
    if not same:
        return parsed
    settled = with_programmes(parsed, {m.typed: m.name for m in same})
    pairs = Counter((r.programme, r.report_date) for r in settled.reports)
    twice = next((pair for pair, n in pairs.items() if n > 1), None)
    if twice is not None:  # 'MAB Flevoland' and 'mab flevoland' of one date in one file
        raise LoadRefused([error("programme_twice", programme=twice[0], report_date=twice[1].isoformat())])
    notes = [info("programme_same", typed=m.typed, programme=m.name) for m in same]
    return dataclasses.replace(settled, problems=[*parsed.problems, *notes])


def same_file_elsewhere(con, parsed: ParsedExport) -> list[Problem]:
    """The current reports that hold this very file under another programme or report date."""
    wanted = {(r.programme, r.report_date) for r in parsed.reports}
    held = db.execute(con, "current_reports_with_checksum", checksum=parsed.checksum)
    elsewhere = [(p, d, i) for p, d, i in held if (p, d) not in wanted]
    if not elsewhere or not parsed.reports:
        return []
    programme, report_date, report_id = elsewhere[0]
    first = parsed.reports[0]
    return [
        error(
            "same_file_elsewhere",
            report_id=int(report_id),
            programme=programme,
            report_date=report_date.isoformat(),
            new_programme=first.programme,
            new_report_date=first.report_date.isoformat(),
        )
    ]


def _write_reports(con, parsed: ParsedExport, loaded_by, replace, same_file=False) -> list[Committed]:
    """Every report of the export, in a few statements for all of them.

    The reports of one export have distinct programme + date pairs, so writing one never changes
    what is found or written for another. Report ids are taken in report order. The stories of all reports
    are staged once (programme by programme in the order the programmes first come, each programme's reports
    in report order) and go in one statement (DuckDB takes about 5 ms for every insert, whatever its size;
    and insert_stories works out each story's light by the figures with it where it can, once per statement).
    A failure anywhere in the transaction undoes it all (tests/test_ingest.py fails each statement).
    """
    reports = parsed.reports
    if not reports:
        return []
    current: dict[tuple[str, dt.date], list[tuple[int, str]]] = {}
    found = db.execute(
        con,
        "current_reports",
        programmes=[r.programme for r in reports],
        report_dates=[r.report_date for r in reports],
    )
    for programme, report_date, report_id, checksum in found:
        current.setdefault((programme, report_date), []).append((int(report_id), checksum))
    existing = [current.get((r.programme, r.report_date), []) for r in reports]
    for report, there in zip(reports, existing):
        problem = _refusal(parsed, report, there, replace)
        if problem is not None:
            raise LoadRefused([problem])
    if not same_file:
        elsewhere = same_file_elsewhere(con, parsed)
        if elsewhere:
            raise LoadRefused(elsewhere)
    _add_programmes(con, [r.programme for r in reports])
    replaced = [there[0][0] if there else None for there in existing]
    for report_id in replaced:
        if report_id is not None:
            db.execute(con, "retire_report", report_id=report_id)
    db.execute(con, "take_ids", name="report_id", count=len(reports))
    ids = [int(row[0]) for row in db.execute(con, "next_report_ids", count=len(reports))]
    units = set(parsed.units.values()) or {1}
    db.execute(
        con,
        "insert_reports",
        report_ids=ids,
        programmes=[r.programme for r in reports],
        report_dates=[r.report_date for r in reports],
        row_counts=[r.rows for r in reports],
        title=parsed.title,
        source_file=parsed.filename,
        sheet=parsed.sheet,
        checksum=parsed.checksum,
        loaded_by=loaded_by,
        currency=parsed.currency,
        unit_applied=max(units),
    )
    approval.mark_drafts(con, ids, loaded_by)  # every upload is a draft until checked and approved
    versions = dict(db.execute(con, "report_versions_of", report_ids=ids))
    by_programme: dict[str, list[int]] = {}  # report positions, grouped by programme in the order they come
    for k, report in enumerate(reports):
        by_programme.setdefault(report.programme, []).append(k)
    order = [k for positions in by_programme.values() for k in positions]
    table = _staged(reports, ids, order)
    written = list(by_programme)
    # the light by the figures: from the staged stories, written with them, where the load's own reports are
    # all its programmes have; else worked out after the write (refresh_judgement), with no measures before
    judged_before = not db.execute(con, "other_reports", programmes=written, report_ids=ids)[0][0]
    con.register("staged_stories", table)
    try:
        with db.sides_as_written(con):  # a hash table of the measures, not of the staged stories
            db.execute(con, "insert_stories", programmes=written, judge=judged_before)
    finally:
        con.unregister("staged_stories")
    # per report id: its totals, from the stories as staged
    totals = _staged_totals(table, [ids[k] for k in order], [reports[k].rows for k in order])
    disagreements = _keep_disagreements(con, parsed, table)
    _keep_milestones(con, parsed, table)
    # the first budget of each story, as manage.restore and delete keep it, and the light by the
    # figures: one statement each for all the programmes written
    db.execute(con, "delete_baselines", programmes=written)
    db.execute(con, "refresh_baselines", programmes=written)
    if not judged_before:
        db.refresh_judgement(con, programmes=written)
    db.execute(
        con,
        "insert_audits",
        actor=loaded_by,
        actions=["replace" if r else "load" for r in replaced],
        report_ids=ids,
        details=[f"{parsed.filename} ({r.rows} rows)" for r in reports],
    )
    return [
        Committed(
            i,
            r.programme,
            r.report_date,
            int(versions[i]),
            r.rows,
            totals.get(i) or r.totals(),
            old,
            disagreements.get(i, []),
        )
        for i, r, old in zip(ids, reports, replaced)
    ]


def _keep_disagreements(con, parsed: ParsedExport, table: pa.Table) -> dict[int, list[TotalDisagreement]]:
    """Writes the export's own totals that disagree with its stories, each with the report of the
    story above its totals row (a file of several reports: the report that row adds up); per report
    id, what was kept."""
    if not parsed.disagreements:
        return {}
    wanted = np.array([d.story_row for d in parsed.disagreements], dtype=np.int64)
    rows = table["source_row"].to_numpy(zero_copy_only=False)
    at = np.flatnonzero(np.isin(rows, wanted))
    report_of = dict(zip(rows[at].tolist(), table["report_id"].to_numpy()[at].tolist()))
    kept: dict[int, list[TotalDisagreement]] = {}
    for found in parsed.disagreements:
        if found.story_row in report_of:
            kept.setdefault(int(report_of[found.story_row]), []).append(found)
    pairs = [(report_id, d) for report_id, found in kept.items() for d in found]
    if pairs:
        db.execute(
            con,
            "insert_total_disagreements",
            report_ids=[report_id for report_id, _ in pairs],
            rows=[d.row for _, d in pairs],
            measures=[d.measure for _, d in pairs],
            columns=[d.column for _, d in pairs],
            stated=[d.stated for _, d in pairs],
            computed=[d.computed for _, d in pairs],
        )
    return kept


def _keep_milestones(con, parsed: ParsedExport, table: pa.Table) -> None:
    """Writes the milestones of the stories written (migration 023), each with the report and code of the row it
    came from; a row not written (a duplicate, another year of a split) takes its milestones with it."""
    if not parsed.milestones:
        return
    rows = table["source_row"].to_numpy(zero_copy_only=False).tolist()
    where = dict(zip(rows, zip(table["report_id"].to_pylist(), table["code"].to_pylist(), strict=True), strict=True))
    kept = [(row, where[row], m) for row, m in parsed.milestones if row in where]
    if not kept:
        return

    def part(when, name):
        return [None if getattr(m, when) is None else getattr(getattr(m, when), name) for _, _, m in kept]

    db.execute(
        con,
        "insert_milestones",
        report_ids=[int(key[0]) for _, key, _ in kept],
        codes=[str(key[1]) for _, key, _ in kept],
        positions=[m.position for _, _, m in kept],
        columns=[m.column for _, _, m in kept],
        names=[m.name for _, _, m in kept],
        planned=part("planned", "text"),
        planned_first=part("planned", "first"),
        planned_last=part("planned", "last"),
        actual=part("actual", "text"),
        actual_first=part("actual", "first"),
        actual_last=part("actual", "last"),
        rows=[row for row, _, _ in kept],
    )


def _staged(reports: list[ReportDraft], ids: list[int], order: list[int]) -> pa.Table:
    """The stories of reports (those at the positions in order, one after another) as insert_stories
    reads them, each with its report_id: as Arrow, which DuckDB reads without looking at every Python
    object in a column. Reports split from one export, untouched, are staged straight from its frame."""
    batch = reports[0]._batch
    lengths = [reports[k].rows for k in order]
    if batch is not None and order == list(range(len(reports))) and batch.untouched(reports):
        stories = batch.frame
        columns = {c: stories[c] for c in STORY_COLUMNS}
        columns["sort_order"] = batch.sort_order()
    else:
        frames = [reports[k].stories for k in order]
        stories = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
        columns = {c: stories[c] for c in STORY_COLUMNS}
    report_ids = np.repeat(np.array([ids[k] for k in order], dtype=np.int64), lengths)
    arrays = [pa.array(report_ids)] + [pa.array(columns[c], from_pandas=True) for c in STORY_COLUMNS]
    return pa.Table.from_arrays(arrays, names=["report_id", *STORY_COLUMNS])


def _staged_totals(table: pa.Table, report_ids: list[int], lengths: list[int]) -> dict[int, dict]:
    """ReportDraft.totals of the staged reports (their stories one report after another), in one pass
    over the staged columns; {} when a column is of a kind only ReportDraft.totals reads (not float or
    bool as pandas makes of amounts and yes/no)."""
    schema = table.schema
    if any(schema.field(f).type not in (pa.float64(), pa.null()) for f in TOTAL_AMOUNTS):
        return {}
    in_totals = table["in_totals"]
    if in_totals.type != pa.bool_() or in_totals.null_count:
        return {}
    counted = (table["parent_code"].is_null().to_numpy() & in_totals.to_numpy()).astype(bool)
    amounts = {f: table[f].cast(pa.float64()).to_numpy() for f in TOTAL_AMOUNTS}
    ends = np.cumsum(lengths).tolist()
    return dict(zip(report_ids, run_totals(ends, counted, amounts)))


def _add_programmes(con, names: list[str]) -> None:
    """Registers the programmes not known yet, in the order they first come."""
    known = {row[0] for row in db.execute(con, "known_programmes", names=sorted(set(names)))}
    for name in dict.fromkeys(names):
        if name not in known:
            db.execute(con, "take_ids", name="programme_id", count=1)
            db.execute(con, "insert_programme", name=name)


def _refusal(parsed: ParsedExport, report: ReportDraft, existing, replace) -> Problem | None:
    """Why a report may not be written over the current report(s) there, if it may not."""
    same = [report_id for report_id, checksum in existing if checksum == parsed.checksum]
    if same:
        return error(
            "already_loaded",
            report_id=same[0],
            programme=report.programme,
            report_date=report.report_date.isoformat(),
        )
    if existing and not replace:
        return error(
            "report_exists",
            programme=report.programme,
            report_date=report.report_date.isoformat(),
            report_id=existing[0][0],
        )
    return None
