"""What a progress report is written from: one report's figures, read once through the query layer
(portfolio.analysis and queries/*.sql, bound parameters), as plain Python values."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from portfolio import analysis, db, narrative, own_totals
from portfolio import overview as report_overview
from portfolio.compare import Comparison
from portfolio.filters import NO_FILTERS, Filters
from portfolio.progress_report.model import clean

# A forecast more than this share off its budget with no status note is 'unexplained': the rule lives
# in portfolio.analysis (the overview marks the same stories).
UNEXPLAINED_VARIANCE = analysis.UNEXPLAINED_VARIANCE
TEXT_FIELDS = (
    "code",
    "title",
    "programme_line",
    "track",
    "owner",
    "parent_code",
    "period",
    "status_label",
    "status_note",
    "necessity",
    "ambition",
)


class ReportNotFound(ValueError):
    """There is no report with that id."""


@dataclass
class Facts:
    """Everything a progress report says, read from the database for one report and set of filters."""

    source: dict  # report_info.sql: programme, report date, version, file, sheet, loaded at/by, currency
    filters: Filters
    totals: dict  # over the top-level stories that count in the totals
    by_line: list[dict]  # the same measures per programme line, in source order
    stories: list[dict]  # every story after the filters (sub-items and items outside the totals too)
    comparison: Comparison | None  # against the previous report, None for a programme's first report
    changes: dict[str, list[dict]]  # the comparison's 'added', 'removed' and 'changed' rows as records
    previous_date: object | None
    quarterly: list[dict]  # the quarterly overview up to this report, oldest first; empty when none
    rules: dict  # the controller's rules for the light by the figures
    has_ambition: bool
    own_totals: list[dict] = field(default_factory=list)  # the file's own totals that disagree, not accepted
    narrative: narrative.Narrative | None = None  # introduction, board ask, per line/track and story, risks
    cover: dict = field(default_factory=dict)  # the programme's cover memo fields (narrative.COVER_FIELDS)
    group_field: str = "programme_line"  # what the stories are written by: programme_line, or track
    groups: list[dict] = field(default_factory=list)  # the measures per line or track, in source order
    milestones: dict[str, list[dict]] = field(default_factory=dict)  # per story code, in the export's order

    @property
    def is_plan(self) -> bool:
        """A plan without progress: nothing spent, no light reported and no status note on any story."""
        top = self.top()
        return bool(top) and not any(
            s.get("spent") is not None or s.get("status") in ("green", "amber", "red") or s.get("status_note")
            for s in top
        )

    @property
    def currency(self) -> str:
        return str(self.source["currency"])

    def top(self) -> list[dict]:
        """The stories the totals are made of: top-level and counted."""
        return [s for s in self.stories if s["parent_code"] is None and s["in_totals"]]

    def outside(self) -> list[dict]:
        """Top-level items the report lists but leaves out of its totals (e.g. 'other activities')."""
        return [s for s in self.stories if s["parent_code"] is None and not s["in_totals"]]

    def sub_items(self) -> dict[str, list[dict]]:
        children: dict[str, list[dict]] = {}
        for story in self.stories:
            if story["parent_code"] is not None:
                children.setdefault(story["parent_code"], []).append(story)
        return children


def _plain(value):
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain values: missing is None (never NaN, never 0); text cleaned for documents."""
    rows = []
    for row in frame.to_dict("records"):
        entry = {k: _plain(v) for k, v in row.items()}
        for name in TEXT_FIELDS:
            if entry.get(name) is not None:
                entry[name] = clean(entry[name]).strip() or None
        rows.append(entry)
    return rows


def unexplained(story: dict) -> bool:
    """Forecast more than UNEXPLAINED_VARIANCE off budget (either way) and no status note: the rule of
    portfolio.analysis.unexplained_variance, for one story as the report holds it."""
    return bool(
        analysis.unexplained_variance(
            [story.get("budget")], [story.get("forecast")], analysis.has_status_note([story.get("status_note")])
        )[0]
    )


def _changes(comparison: Comparison | None) -> dict[str, list[dict]]:
    if comparison is None:
        return {"added": [], "removed": [], "changed": []}
    return {
        "added": records(comparison.added),
        "removed": records(comparison.removed),
        "changed": records(comparison.changed),
    }


def read(con: duckdb.DuckDBPyConnection, report_id: int, filters: Filters | None = None) -> Facts:
    """The figures of one current report after the filters; ReportNotFound for an unknown id."""
    filters = filters or NO_FILTERS
    frame = db.query(con, "report_info", report_id=int(report_id))
    if frame.empty:
        raise ReportNotFound(f"There is no report with id {report_id}.")
    source = records(frame)[0]
    if not source["is_current"]:
        raise ReportNotFound(
            f"Report {report_id} is an earlier version of {source['programme']} {source['report_date']:%Y-%m-%d}; "
            "restore it first, or make the report from the current version."
        )
    programme_id = int(source["programme_id"])
    overview = report_overview.overview(con, int(report_id), programme_id, filters)
    stories = records(overview.stories)
    # A story's ambition as the narrative shows it: typed for this version, else this version's export
    # (Ambitie), else carried over (portfolio.narrative says which wins and why).
    texts = narrative.read(con, int(report_id))
    for story in stories:
        entry = texts.get(narrative.STORY, story["code"], "ambition")
        story["ambition"] = (clean(entry.body).strip() or None) if entry is not None else None
    has_ambition = any(story["ambition"] for story in stories)
    previous_date = None
    if overview.previous_id is not None:
        reports = analysis.reports(con, programme_id)
        match = reports.loc[reports["report_id"] == overview.previous_id, "report_date"]
        previous_date = match.iloc[0] if len(match) else None
    group_field, groups = _grouping(con, int(report_id), filters, stories, overview.by_line)
    quarters = overview.quarterly
    if len(quarters):
        quarters = quarters[pd.to_datetime(quarters["report_date"]) <= pd.Timestamp(source["report_date"])]
    return Facts(
        source=source,
        filters=filters,
        totals={k: _plain(v) for k, v in overview.totals.items()},
        by_line=records(overview.by_line),
        stories=stories,
        comparison=overview.comparison,
        changes=_changes(overview.comparison),
        previous_date=previous_date,
        quarterly=records(quarters) if len(quarters) else [],
        rules=analysis.status_rules(con, source["programme"]),  # the programme's own rules where it has them
        has_ambition=has_ambition,
        own_totals=records(own_totals.found(con, int(report_id), open_only=True)),
        narrative=texts,
        cover=narrative.cover(con, programme_id),
        group_field=group_field,
        groups=groups,
        milestones=_milestones(con, int(report_id), [s["code"] for s in stories]),
    )


def _milestones(con, report_id: int, codes: list[str]) -> dict[str, list[dict]]:
    """The milestones of the stories shown, per story code (portfolio/milestones.py)."""
    found: dict[str, list[dict]] = {}
    for row in records(analysis.milestones(con, report_id, codes)) if codes else []:
        found.setdefault(str(row["code"]), []).append(row)
    return found


def _grouping(con, report_id: int, filters: Filters, stories: list[dict], by_line: pd.DataFrame) -> tuple[str, list]:
    """By programme line where any story names one; else by track where any story names one (a
    programme organised by tracks, such as Midden-Groningen's vision); else by line (one group)."""
    top = [s for s in stories if s["parent_code"] is None and s["in_totals"]]
    if any(s.get("programme_line") for s in top) or not any(s.get("track") for s in top):
        return "programme_line", records(by_line)
    return "track", records(analysis.rollups(con, report_id, filters=filters)["track"])
