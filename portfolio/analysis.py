"""The questions pages ask, answered from queries/*.sql with bound parameters. No Streamlit here."""

from __future__ import annotations

import duckdb
import pandas as pd

from portfolio import db

GROUPINGS = ("line", "track", "all")


def programmes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Programmes that have a current report, newest first."""
    return db.query(con, "programmes")


def reports(con: duckdb.DuckDBPyConnection, programme_id: int) -> pd.DataFrame:
    """Current reports of a programme, newest report date first."""
    return db.query(con, "reports", programme_id=programme_id)


def report_info(con: duckdb.DuckDBPyConnection, report_id: int) -> dict:
    """Programme, date, source file, currency of one report."""
    frame = db.query(con, "report_info", report_id=report_id)
    return frame.iloc[0].to_dict() if len(frame) else {}


def rollup(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    by: str,
    programme_line: str | None = None,
    track: str | None = None,
) -> pd.DataFrame:
    """Measures and status counts per line, per track, or ('all') for the whole report."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    return db.query(con, "rollup", report_id=report_id, group_by=by, programme_line=programme_line, track=track)


def totals(
    con: duckdb.DuckDBPyConnection, report_id: int, programme_line: str | None = None, track: str | None = None
) -> dict:
    """The KPI figures of a report (or a line/track within it) as one dict; sums are None when no story gave them."""
    frame = rollup(con, report_id, "all", programme_line, track)
    if frame.empty:
        return {
            "n_stories": 0,
            "budget": None,
            "spent": None,
            "forecast": None,
            "variance": None,
            "variance_pct": None,
            "share_spent": None,
            "n_budget": 0,
            "n_spent": 0,
            "n_forecast": 0,
            "n_variance": 0,
            "n_red": 0,
            "n_amber": 0,
            "n_green": 0,
            "n_unknown": 0,
        }
    row = frame.iloc[0].to_dict()
    return {k: (None if _isnull(v) else v) for k, v in row.items()}


def status_matrix(con, report_id: int, programme_line: str | None = None, track: str | None = None) -> pd.DataFrame:
    """Traffic-light counts per programme line x track."""
    return db.query(con, "status_matrix", report_id=report_id, programme_line=programme_line, track=track)


def attention(con, report_id: int, programme_line: str | None = None, track: str | None = None) -> pd.DataFrame:
    """Stories on red or amber, or forecast above budget; worst first."""
    return db.query(con, "attention", report_id=report_id, programme_line=programme_line, track=track)


def stories(con, report_id: int, programme_line: str | None = None, track: str | None = None) -> pd.DataFrame:
    """Every story of the report with its measures, in source order."""
    return db.query(con, "stories", report_id=report_id, programme_line=programme_line, track=track)


def story(con, report_id: int, code: str) -> tuple[dict | None, pd.DataFrame]:
    """One story's fields and its sub-items (stories whose parent it is)."""
    frame = stories(con, report_id)
    match = frame[frame["code"] == code]
    if match.empty:
        return None, frame.iloc[0:0]
    record = {k: (None if _isnull(v) else v) for k, v in match.iloc[0].to_dict().items()}
    return record, frame[frame["parent_code"] == code].reset_index(drop=True)


def excluded(con, report_id: int) -> dict:
    """Stories the report names but leaves out of its totals: count and budget."""
    row = db.query(con, "excluded", report_id=report_id).iloc[0].to_dict()
    return {k: (None if _isnull(v) else v) for k, v in row.items()}


def _isnull(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def attention_reasons(flagged: pd.DataFrame) -> list[list[str]]:
    """Why each flagged story is on the attention list, as i18n keys ('reason_red', 'reason_over')."""
    reasons = []
    for status, over in zip(flagged["status"], flagged["over_budget"]):
        keys = [f"reason_{status}"] if status in ("red", "amber") else []
        if over:
            keys.append("reason_over")
        reasons.append(keys)
    return reasons
