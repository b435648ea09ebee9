"""The questions pages ask, answered from queries/*.sql with bound parameters. No Streamlit here."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import duckdb
import pandas as pd

from portfolio import db
from portfolio.filters import NO_FILTERS, Filters

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


def _filters(filters: Filters | None, programme_line: str | None, track: str | None) -> Filters:
    """The user's filters, narrowed to one line and/or track where a page asks for one."""
    base = filters or NO_FILTERS
    if programme_line is not None:
        base = Filters(**{**base.__dict__, "lines": (programme_line,)})
    if track is not None:
        base = Filters(**{**base.__dict__, "tracks": (track,)})
    return base


def _run(con, name: str, report_id: int, filters: Filters | None, programme_line=None, track=None, **extra):
    params = _filters(filters, programme_line, track).params()
    return db.query(con, name, report_id=report_id, **params, **extra)


LEVELS = {"all": "all", "line": "line", "track": "track", "line_track": "line_track"}


def rollups(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> dict[str, pd.DataFrame]:
    """Measures and light counts at every level ('all', 'line', 'track', 'line_track') from one query."""
    frame = _run(con, "rollup", report_id, filters, programme_line, track)
    return {level: group.reset_index(drop=True) for level, group in frame.groupby("level", sort=False)} | {
        level: frame.iloc[0:0] for level in LEVELS if level not in set(frame["level"])
    }


def rollup(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    by: str,
    programme_line: str | None = None,
    track: str | None = None,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """Measures and status counts per line, per track, or ('all') for the whole report."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    return rollups(con, report_id, programme_line, track, filters)[by]


def _totals_from(frame: pd.DataFrame) -> dict:
    if frame.empty:
        return dict(EMPTY_TOTALS)
    return {k: (None if _isnull(v) else v) for k, v in frame.iloc[0].to_dict().items()}


EMPTY_TOTALS = {
    "n_stories": 0,
    "budget": None,
    "spent": None,
    "forecast": None,
    "baseline": None,
    "variance": None,
    "variance_pct": None,
    "share_spent": None,
    "drift": None,
    "remaining": None,
    "to_spend": None,
    "n_budget": 0,
    "n_spent": 0,
    "n_forecast": 0,
    "n_variance": 0,
    "n_red": 0,
    "n_amber": 0,
    "n_green": 0,
    "n_unknown": 0,
    "n_watermelons": 0,
}


def totals(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    programme_line: str | None = None,
    track: str | None = None,
    filters: Filters | None = None,
) -> dict:
    """The KPI figures of a report (or a line/track within it) as one dict; sums are None when no story gave them."""
    return _totals_from(rollup(con, report_id, "all", programme_line, track, filters))


def status_matrix(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> pd.DataFrame:
    """Traffic-light counts and budget-weighted shares per programme line x track."""
    return rollups(con, report_id, programme_line, track, filters)["line_track"]


def attention(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> pd.DataFrame:
    """Stories on red or amber, over budget, or greener than their figures; worst first."""
    return attention_from(stories(con, report_id, programme_line, track, filters))


def attention_from(frame: pd.DataFrame) -> pd.DataFrame:
    """The stories stories.sql marks as needing attention, worst first: red before amber (reported or by
    the figures), then the largest expected overrun, then source order."""
    flagged = frame[frame["needs_attention"]]
    order = flagged.assign(_variance=flagged["variance"].fillna(0.0))
    order = order.sort_values(["severity", "_variance", "sort_order"], ascending=[False, False, True])
    return order.drop(columns="_variance").reset_index(drop=True)


def stories(
    con, report_id: int, programme_line: str | None = None, track: str | None = None, filters: Filters | None = None
) -> pd.DataFrame:
    """Every story of the report with its measures, in source order."""
    return _run(con, "stories", report_id, filters, programme_line, track)


def story(con, report_id: int, code: str) -> tuple[dict | None, pd.DataFrame]:
    """One story's fields and its sub-items (stories whose parent it is)."""
    frame = stories(con, report_id)
    match = frame[frame["code"] == code]
    if match.empty:
        return None, frame.iloc[0:0]
    record = {k: (None if _isnull(v) else v) for k, v in match.iloc[0].to_dict().items()}
    return record, frame[frame["parent_code"] == code].reset_index(drop=True)


def filter_options(con, report_id: int) -> dict[str, list[str]]:
    """The values each filter can take in this report ('' = stories without one)."""
    frame = db.query(con, "filter_options", report_id=report_id)
    return {field: group["value"].tolist() for field, group in frame.groupby("field", sort=False)}


def trend_by_period(con, programme_id: int, filters: Filters | None = None) -> pd.DataFrame:
    """Every current report of a programme, oldest first, one row per period class of its stories
    ('current', 'earlier', 'later', 'unknown': what the budget is for, seen from the report's year)."""
    return db.query(con, "trend", programme_id=programme_id, **(filters or NO_FILTERS).params())


def trend(con, programme_id: int, filters: Filters | None = None) -> pd.DataFrame:
    """Totals of every current report of a programme, oldest first."""
    return trend_totals(trend_by_period(con, programme_id, filters))


_TREND_AMOUNTS = ("budget", "spent", "forecast", "remaining")
_TREND_COUNTS = (
    "n_stories",
    "n_budget",
    "n_spent",
    "n_forecast",
    "n_remaining",
    "n_red",
    "n_amber",
    "n_green",
    "n_unknown",
)


def trend_totals(by_period: pd.DataFrame) -> pd.DataFrame:
    """One row per report from trend_by_period(): the period classes added up. An amount no story
    gave stays missing (NaN), it does not become 0."""
    grouped = by_period.groupby(["report_id", "report_date"], sort=False)
    amounts = grouped[list(_TREND_AMOUNTS)].sum(min_count=1)
    counts = grouped[list(_TREND_COUNTS)].sum()
    return amounts.join(counts).reset_index().sort_values("report_date", kind="stable").reset_index(drop=True)


PERIOD_CLASSES = ("earlier", "current", "later", "unknown")  # the order the quarterly view shows them in


def quarterly(by_period: pd.DataFrame) -> pd.DataFrame:
    """The quarterly financial overview of the OWO plan: per calendar quarter, the latest report in it,
    with spent and remaining budget split by what the budget is for (this year's, carried over from
    earlier years, later years, no year given). Empty when no story's period names a year, since then
    this year and carried over cannot be told apart."""
    columns = ["year", "quarter", *by_period.columns]
    if by_period.empty or not (by_period["period_class"] != "unknown").any():
        return pd.DataFrame(columns=columns)
    dates = pd.to_datetime(by_period["report_date"])
    frame = by_period.assign(year=dates.dt.year.astype(int), quarter=dates.dt.quarter.astype(int))
    latest = frame.groupby(["year", "quarter"])["report_date"].transform("max")
    frame = frame[frame["report_date"] == latest]
    order = frame["period_class"].map({c: i for i, c in enumerate(PERIOD_CLASSES)})
    frame = frame.assign(_order=order).sort_values(["report_date", "_order"]).drop(columns="_order")
    return frame[columns].reset_index(drop=True)


def story_history(con, programme_id: int, code: str) -> pd.DataFrame:
    """One story's figures, light and note in every current report of its programme."""
    return db.query(con, "story_history", programme_id=programme_id, code=code)


def previous_report_id(con, programme_id: int, report_id: int) -> int | None:
    """The current report of the programme just before this one, if any."""
    frame = reports(con, programme_id)
    dates = dict(zip(frame["report_id"], frame["report_date"]))
    earlier = frame[frame["report_date"] < dates.get(report_id)]
    return int(earlier["report_id"].iloc[0]) if len(earlier) else None


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
    for status, over, watermelon in zip(flagged["status"], flagged["over_budget"], flagged["watermelon"]):
        keys = [f"reason_{status}"] if status in ("red", "amber") else []
        if over:
            keys.append("reason_over")
        if watermelon:
            keys.append("reason_watermelon")
        reasons.append(keys)
    return reasons


RULE_FIELDS = ("overrun_amber", "overrun_red", "spent_over_budget_red", "drift_amber", "drift_red")


def status_rules(con) -> dict:
    """The controller's rules for the light the figures give (shares, e.g. 0.05 = 5%)."""
    row = db.query(con, "status_rules").iloc[0].to_dict()
    return {k: (None if _isnull(v) else v) for k, v in row.items()}


def set_status_rules(con, *, actor: str | None = None, **rules) -> None:
    """Change the rules; amber thresholds must not exceed red ones. Recorded in the audit log."""
    values = {name: rules[name] for name in RULE_FIELDS}
    for name in ("overrun_amber", "overrun_red", "drift_amber", "drift_red"):
        if not 0 <= float(values[name]) <= 10:
            raise ValueError(f"{name} must be a share between 0 and 10 (1000%)")
    if values["overrun_amber"] > values["overrun_red"] or values["drift_amber"] > values["drift_red"]:
        raise ValueError("an amber threshold cannot be above its red threshold")
    with db.transaction(con):
        db.execute(con, "update_status_rules", updated_by=actor, **values)
        db.execute(con, "refresh_judgement", programme=None)  # every light by the figures, under the new rules
        db.execute(
            con,
            "insert_audit",
            actor=actor,
            action="rules",
            report_id=None,
            detail=", ".join(f"{k}={v}" for k, v in values.items()),
        )


@dataclass
class Overview:
    """Everything the overview page shows for one report and set of filters."""

    totals: dict
    previous_totals: dict | None
    previous_id: int | None
    excluded: dict
    stories: pd.DataFrame
    comparison: object | None  # portfolio.compare.Comparison against the previous report
    by_line: pd.DataFrame
    trend: pd.DataFrame
    quarterly: pd.DataFrame
    matrix: pd.DataFrame
    attention: pd.DataFrame


OVERVIEW_THREADS = 2


def _previous_totals(trend_frame: pd.DataFrame, previous_id: int | None) -> dict | None:
    """Budget, spent and forecast of the previous report, from the trend (same filters, same sums)."""
    row = trend_frame[trend_frame["report_id"] == previous_id] if previous_id else trend_frame.iloc[0:0]
    if row.empty:
        return None
    return {k: (None if _isnull(v) else v) for k, v in row.iloc[0].to_dict().items()}


def overview(con, report_id: int, programme_id: int, filters: Filters | None = None) -> Overview:
    """The overview's figures, all aggregated in DuckDB (the page and bench/bench_overview.py call this).

    The independent questions run on OVERVIEW_THREADS cursors of their own at once (a DuckDB
    connection shared by threads returns wrong rows; separate cursors do not).
    """
    from concurrent.futures import ThreadPoolExecutor

    from portfolio.compare import compare_reports

    previous_id = previous_report_id(con, programme_id, report_id)
    tasks = {
        "levels": lambda c: rollups(c, report_id, filters=filters),
        "stories": lambda c: stories(c, report_id, filters=filters),
        "comparison": lambda c: compare_reports(c, previous_id, report_id, filters) if previous_id else None,
        "trend": lambda c: trend_by_period(c, programme_id, filters),
        "excluded": lambda c: excluded(c, report_id),
    }

    local = threading.local()
    opened: list = []

    def open_cursor() -> None:  # one cursor per worker thread, for all its tasks
        local.cursor = con.cursor()
        opened.append(local.cursor)

    try:
        with ThreadPoolExecutor(OVERVIEW_THREADS, initializer=open_cursor) as pool:
            done = dict(zip(tasks, pool.map(lambda task: task(local.cursor), tasks.values())))
    finally:
        for cursor in opened:
            cursor.close()
    levels = done["levels"]
    by_period = done["trend"]
    trend_frame = trend_totals(by_period)
    return Overview(
        totals=_totals_from(levels["all"]),
        previous_totals=_previous_totals(trend_frame, previous_id),
        previous_id=previous_id,
        excluded=done["excluded"],
        stories=done["stories"],
        comparison=done["comparison"],
        by_line=levels["line"],
        trend=trend_frame,
        quarterly=quarterly(by_period),
        matrix=levels["line_track"],
        attention=attention_from(done["stories"]),
    )
