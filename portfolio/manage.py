"""Looking after the loaded reports: history, restoring an earlier version, deleting, a summary; and
the controller's rules for the light the figures give (analysis.status_rules reads them).

Shared by the command line (`python -m portfolio`) and the app's history and rules pages, so nothing here
imports Streamlit or prints. Every change is recorded in audit_log.

The changes (restore, delete, set_status_rules) live here; portfolio/analysis.py only reads.
Deleting removes every version of a programme + report date and their stories in one transaction.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math

import duckdb
import numpy as np
import pandas as pd

from portfolio import analysis, db

HISTORY_COLUMNS = [
    "report_id",
    "programme",
    "report_date",
    "version",
    "is_current",
    "source_file",
    "sheet",
    "checksum",
    "loaded_at",
    "loaded_by",
    "currency",
    "row_count",
    "budget",
    "spent",
    "forecast",
]
# What summary() gives for the whole report and for every line and track (as rollup.sql computes it).
MEASURES = (
    "n_stories",
    "budget",
    "spent",
    "forecast",
    "n_budget",
    "n_spent",
    "n_forecast",
    "variance",
    "n_variance",
    "variance_pct",
    "share_spent",
    "n_red",
    "n_amber",
    "n_green",
    "n_unknown",
)


def history(con: duckdb.DuckDBPyConnection, include_versions: bool = True) -> pd.DataFrame:
    """Every report (with `include_versions`, earlier versions too) with its source and totals.

    Totals are over the top-level stories that count (parent_code is null and in_totals); a total is
    missing (NaN) when no such story gave that amount.
    """
    frame = db.query(con, "history", include_versions=bool(include_versions))
    return frame[HISTORY_COLUMNS]


def versions(con: duckdb.DuckDBPyConnection, report_id: int) -> pd.DataFrame:
    """All versions of the programme + report date that `report_id` belongs to; ValueError when unknown."""
    frame = db.query(con, "report_versions", report_id=int(report_id))
    if frame.empty:
        raise ValueError(f"There is no report with id {report_id}.")
    return frame


def restore(con: duckdb.DuckDBPyConnection, report_id: int, actor: str | None = None) -> None:
    """Make an earlier version the current report for its programme and date, in one transaction.

    The version that was current stays in the database as an earlier version. Restoring the version
    that is already current changes nothing and records nothing.
    """
    frame = versions(con, report_id)
    chosen = frame[frame["report_id"] == int(report_id)].iloc[0]
    if bool(chosen["is_current"]):
        return
    current = frame[frame["is_current"]]
    was = f"version {int(current['version'].iloc[0])}" if len(current) else "no current version"

    def work(con) -> None:
        db.execute(con, "restore_report", report_id=int(report_id))
        db.execute(con, "delete_baselines", programmes=[str(chosen["programme"])])
        db.execute(con, "refresh_baselines", programmes=[str(chosen["programme"])])
        db.refresh_judgement(con, programmes=[str(chosen["programme"])])
        db.execute(
            con,
            "insert_audit",
            actor=actor,
            action="restore",
            report_id=int(report_id),
            detail=f"{chosen['programme']} {as_date(chosen['report_date']).isoformat()}: version {int(chosen['version'])} "
            f"made current (was {was})",
        )

    db.write(con, work)


def delete(con: duckdb.DuckDBPyConnection, report_id: int, actor: str | None = None) -> int:
    """Delete the programme + report date of `report_id`: every version and its stories.

    Returns how many report versions were removed; all in one transaction.
    """
    frame = versions(con, report_id)
    first = frame.iloc[0]

    def work(con) -> int:
        removed = db.query(con, "report_versions", report_id=int(report_id))
        db.execute(con, "delete_stories", report_id=int(report_id))
        db.execute(con, "delete_total_disagreements", report_id=int(report_id))
        db.execute(con, "delete_milestones", report_id=int(report_id))
        db.execute(con, "delete_reports", report_id=int(report_id))
        db.execute(con, "delete_baselines", programmes=[str(first["programme"])])
        db.execute(con, "refresh_baselines", programmes=[str(first["programme"])])
        db.refresh_judgement(con, programmes=[str(first["programme"])])
        db.execute(
            con,
            "insert_audit",
            actor=actor,
            action="delete",
            report_id=int(report_id),
            detail=f"{first['programme']} {as_date(first['report_date']).isoformat()}: {len(frame)} version(s) deleted "
            f"(report ids {', '.join(str(int(i)) for i in frame['report_id'])})",
        )
        return len(removed)

    return db.write(con, work)


def summary(con: duckdb.DuckDBPyConnection, programme: str | None = None, report_date=None) -> dict:
    """Totals and status counts of one current report, for the whole report, per line and per track.

    Without `programme`, the most recently loaded programme; without `report_date`, its latest report.
    Values are plain Python (int, float, bool, str, None; report_date a datetime.date): missing is None.
    Raises ValueError when there is no such programme or report.
    """
    wanted_date = as_date(report_date) if report_date not in (None, "") else None
    programmes = analysis.programmes(con)
    if programmes.empty:
        raise ValueError("The database holds no reports yet.")
    if programme is not None:
        programmes = programmes[programmes["name"] == programme]
        if programmes.empty:
            raise ValueError(f"There is no programme '{programme}' with a current report.")
    chosen = None
    for _, row in programmes.iterrows():  # most recently loaded first
        reports = analysis.reports(con, int(row["programme_id"]))
        if wanted_date is not None:
            reports = reports[[as_date(d) == wanted_date for d in reports["report_date"]]]
        if len(reports):
            chosen = (row["name"], reports.iloc[0])
            break
    if chosen is None:
        where = f"programme '{programme}'" if programme is not None else "any programme"
        raise ValueError(f"There is no current report of {where} on {wanted_date.isoformat()}.")
    name, report = chosen
    report_id = int(report["report_id"])
    totals = analysis.totals(con, report_id)
    return {
        "programme": str(name),
        "report_date": as_date(report["report_date"]),
        "report_id": report_id,
        "version": int(report["version"]),
        "currency": str(report["currency"]),
        "totals": {m: plain(totals.get(m)) for m in MEASURES},
        "per_line": _groups(analysis.rollup(con, report_id, "line"), "programme_line"),
        "per_track": _groups(analysis.rollup(con, report_id, "track"), "track"),
    }


def _groups(frame: pd.DataFrame, label: str) -> list[dict]:
    """Rollup rows as plain dicts; the empty group name (stories without a line/track) becomes None."""
    out = []
    for record in frame.to_dict("records"):
        entry = {label: record["group_name"] or None}
        entry.update({m: plain(record.get(m)) for m in MEASURES})
        out.append(entry)
    return out


def plain(value):
    """A value as plain Python for JSON: numpy scalars unwrapped, NaN/NaT/NA as None, Decimal as float."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, decimal.Decimal):
        value = float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def as_date(value) -> dt.date:
    """A report date from a date, a pandas Timestamp or 'YYYY-MM-DD'; ValueError otherwise."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a date (YYYY-MM-DD).") from None


RULE_FIELDS = (
    "overrun_amber",
    "overrun_red",
    "spent_over_budget_red",
    "drift_amber",
    "drift_red",
    "schedule_amber",
    "schedule_red",
    "stuck_reports",
)
STUCK_REPORTS_RANGE = (2, 50)  # a story is stuck after this many reports in a row unchanged (issue 22)
_MARGINS = (("overrun_amber", "overrun_red"), ("drift_amber", "drift_red"), ("schedule_amber", "schedule_red"))


def set_status_rules(con, *, actor: str | None = None, programme: str | None = None, **rules) -> None:
    """Change the rules: everybody's (programme None), or those of `programme` alone, which it then has
    of its own (a copy of everybody's, changed), so one programme's controller recolours no other
    programme's lights. Amber thresholds must not exceed red ones. Recorded in the audit log."""
    if programme is not None and programme not in set(db.query(con, "programme_names")["name"]):
        raise ValueError(f"no programme named {programme!r}")
    current = db.query(con, "status_rules", programme=programme).iloc[0].to_dict()
    values = {name: rules.get(name, current[name]) for name in RULE_FIELDS}  # a rule not given stays as it is
    values = {name: bool(v) if name == "spent_over_budget_red" else float(v) for name, v in values.items()}
    values["stuck_reports"] = int(values["stuck_reports"])
    if not STUCK_REPORTS_RANGE[0] <= values["stuck_reports"] <= STUCK_REPORTS_RANGE[1]:
        raise ValueError(
            f"stuck_reports must be a whole number of reports from {STUCK_REPORTS_RANGE[0]} to {STUCK_REPORTS_RANGE[1]}"
        )
    for name in (name for pair in _MARGINS for name in pair):
        if not 0 <= float(values[name]) <= 10:
            raise ValueError(f"{name} must be a share between 0 and 10 (1000%)")
    if any(values[amber] > values[red] for amber, red in _MARGINS):
        raise ValueError("an amber threshold cannot be above its red threshold")

    def work(con) -> None:
        if programme is not None:
            db.execute(con, "make_programme_rules", programme=programme)
        db.execute(con, "update_status_rules", updated_by=actor, programme=programme, **values)
        # the lights by the figures under the new rules: the programme's, or all (those with rules of their own
        # keep them, and are judged again the same)
        db.refresh_judgement(con, programmes=[programme] if programme is not None else None)
        db.execute(
            con,
            "insert_audit",
            actor=actor,
            action="rules",
            report_id=None,
            detail=(f"programme={programme}, " if programme is not None else "")
            + ", ".join(f"{k}={v}" for k, v in values.items()),
        )

    db.write(con, work)


def forget_programme_rules(con, programme: str, *, actor: str | None = None) -> None:
    """`programme` goes back to everybody's rules (its own are removed). Recorded in the audit log."""

    def work(con) -> None:
        db.execute(con, "forget_programme_rules", programme=programme)
        db.refresh_judgement(con, programmes=[programme])
        db.execute(
            con, "insert_audit", actor=actor, action="rules", report_id=None, detail=f"programme={programme}, default"
        )

    db.write(con, work)


RHYTHM_MONTHS = (1, 24)  # the rhythm a programme may be set to report in, in months


def set_report_rhythm(con, programme: str, months: int | None, *, actor: str | None = None) -> None:
    """The rhythm `programme` is expected to report in, every `months` months (None: not set, so its
    usual interval, else quarterly; portfolio_view.programmes). Recorded in the audit log."""
    if months is not None and (int(months) != months or not RHYTHM_MONTHS[0] <= months <= RHYTHM_MONTHS[1]):
        raise ValueError(f"a rhythm is a whole number of months from {RHYTHM_MONTHS[0]} to {RHYTHM_MONTHS[1]}")
    found = db.query(con, "programme_names")
    if programme not in set(found["name"]):
        raise ValueError(f"no programme named {programme!r}")

    def work(con) -> None:
        db.execute(con, "set_report_rhythm", programme=programme, months=None if months is None else int(months))
        detail = f"{programme}: " + ("-" if months is None else f"{int(months)}")
        db.execute(con, "insert_audit", actor=actor, action="rhythm", report_id=None, detail=detail)

    db.write(con, work)


REBASELINE_FIELDS = ("budget", "end")
REASON_MAX = 2000  # characters: a reason is a sentence or a paragraph, not a document


def set_rebaseline_reason(
    con, programme_id: int, code: str, report_date, field: str, reason: str | None, *, actor: str | None = None
) -> None:
    """Record why a story's budget or end date was rebaselined in the report dated `report_date` (the
    change must be one analysis.rebaselines lists); an empty reason clears an earlier one. Logged."""
    if field not in REBASELINE_FIELDS:
        raise ValueError(f"field must be one of {REBASELINE_FIELDS}, not {field!r}")
    text = " ".join((reason or "").split())
    if len(text) > REASON_MAX:
        raise ValueError(f"a reason is at most {REASON_MAX} characters ({len(text)} given)")
    day = as_date(report_date)
    found = analysis.rebaselines(con, int(programme_id), code=code, until=day)
    if not ((found["report_date"].map(as_date) == day) & (found["field"] == field)).any():
        raise ValueError(f"story {code!r} has no rebaseline of its {field} in the report dated {day.isoformat()}")

    def work(con) -> None:
        db.execute(
            con,
            "insert_rebaseline_reason",
            programme_id=int(programme_id),
            code=code,
            report_date=day,
            field=field,
            reason=text,
            written_by=actor,
        )
        detail = f"{code} {day.isoformat()} {field}: {text or '-'}"
        db.execute(con, "insert_audit", actor=actor, action="rebaseline_reason", report_id=None, detail=detail)

    db.write(con, work)
