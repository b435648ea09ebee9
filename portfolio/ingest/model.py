"""What an export becomes before anything is written: reports with their stories, and the problems found.

The constants every part of ingest shares live here too (the columns a story is stored with).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from portfolio.mapping import DATE_FIELDS, STORY_FIELDS
from portfolio.problems import ERROR, INFO, WARNING, Problem

TOTAL_WORDS = {
    "totaal",
    "totalen",
    "total",
    "totals",
    "grand total",
    "eindtotaal",
    "subtotaal",
    "subtotal",
    "sub totaal",
    "sub total",
    "som",
    "totaal generaal",
    "generaal totaal",
    "overall total",
    "total overall",
}
IMPLAUSIBLE_AMOUNT = 1e11  # 100 billion in any currency is a unit mistake, not a story


def _columns_of(field: str) -> tuple[str, ...]:
    """The stored columns of a field: a light keeps its label, a date its first and last day."""
    if field == "status":
        return (field, "status_label")
    if field in DATE_FIELDS:
        return (field, f"{field}_first", f"{field}_last")
    return (field,)


# The columns a story is stored with: the mapped fields, the status label as written beside the
# normalised status, a date's first and last day beside its text, and where the row came from.
STORY_COLUMNS = [
    *(name for field in STORY_FIELDS for name in _columns_of(field)),
    "source_row",
    "sort_order",
]
FRAME_COLUMNS = STORY_COLUMNS + ["programme", "report_date"]


class ReportDraft:
    """One report an export will become: a programme, a report date and its stories.

    `stories` is the report's own DataFrame (index and sort_order 0..n-1). A report split from a
    whole export keeps only where its rows lie in the export's sorted frame (its batch) and builds
    that DataFrame on first access: writing a history of many reports never needs one per report.
    """

    def __init__(
        self,
        programme: str,
        report_date: dt.date,
        stories: pd.DataFrame | None = None,
        *,
        batch=None,
        position: int = 0,
    ) -> None:
        self.programme = programme
        self.report_date = report_date
        self._stories = stories
        self._batch = batch if stories is None else None
        self._position = position

    @property
    def stories(self) -> pd.DataFrame:
        if self._stories is None:
            self._stories = self._batch.stories(self._position)
        return self._stories

    @stories.setter
    def stories(self, value: pd.DataFrame) -> None:
        self._stories = value
        self._batch = None

    @property
    def rows(self) -> int:
        """len(stories), without building them."""
        if self._stories is None:
            return self._batch.ends[self._position] - self._batch.starts[self._position]
        return len(self._stories)

    def __repr__(self) -> str:
        return f"ReportDraft(programme={self.programme!r}, report_date={self.report_date!r}, rows={self.rows})"

    def totals(self) -> dict:
        """Budget, spent and forecast over the stories that count (top level, in totals); None when none given."""
        counted = (self.stories["parent_code"].isna() & self.stories["in_totals"]).to_numpy()
        return {f: _sum_or_none(self.stories[f][counted]) for f in ("budget", "spent", "forecast")}


class ReportBatch:
    """The stories of the reports split from one export: one frame (STORY_COLUMNS) sorted by report,
    report k's rows from starts[k] to ends[k], in file order."""

    def __init__(self, frame: pd.DataFrame, ends: list[int]) -> None:
        self.frame = frame
        self.ends = ends
        self.starts = [0, *ends[:-1]]
        self.parent_problems: list[list] | None = None  # per report, filled by records._check_parents

    def stories(self, position: int) -> pd.DataFrame:
        stories = self.frame.iloc[self.starts[position] : self.ends[position]].reset_index(drop=True)
        stories["sort_order"] = range(len(stories))
        return stories

    def sort_order(self) -> np.ndarray:
        """sort_order of every row of the frame: 0..n-1 within each report."""
        lengths = np.diff(np.array([0, *self.ends], dtype=np.int64))
        return np.arange(len(self.frame), dtype=np.int64) - np.repeat(np.array(self.starts, dtype=np.int64), lengths)

    def untouched(self, reports: list[ReportDraft]) -> bool:
        """Whether reports are exactly this batch's reports, in order, none with stories built or set."""
        return len(reports) == len(self.ends) and all(
            r._batch is self and r._stories is None and r._position == k for k, r in enumerate(reports)
        )


@dataclass(frozen=True)
class TotalDisagreement:
    """A totals row of the export whose stated amount is not what its stories add up to: kept with the
    report it lies in (the report of the story above it), until someone accepts it."""

    row: int  # the totals row in the file (1-based)
    measure: str  # budget, spent or forecast
    column: str  # the header of that amount's column
    stated: float  # what the file's own totals row says, in full currency units
    computed: float  # what the stories it adds up come to
    story_row: int  # the file row of the last story above the totals row: which report it belongs to


@dataclass
class ParsedExport:
    """Everything understood about one export, before anything is written."""

    filename: str
    checksum: str
    grid_kind: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    locale: str | None = None
    header_row: int | None = None  # 1-based
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)
    passed_over: list = field(default_factory=list)  # mapping.PassedOver: columns with numbers or lights left out
    units: dict[str, int] = field(default_factory=dict)
    currency: str = "EUR"
    title: str | None = None
    reports: list[ReportDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    disagreements: list[TotalDisagreement] = field(default_factory=list)  # the file's own totals that do not add up
    milestones: list = field(default_factory=list)  # (source row, milestones.Milestone): written with its story

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def notes(self) -> list[Problem]:
        """What the loader found and did, said out loud (totals rows checked, a unit applied)."""
        return [p for p in self.problems if p.level == INFO]


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Committed:
    report_id: int
    programme: str
    report_date: dt.date
    version: int
    rows: int
    totals: dict
    replaced: int | None = None
    disagreements: list[TotalDisagreement] = field(default_factory=list)  # kept with this report


def _safe_name(filename: str) -> str:
    """Only the base name of an upload is kept; it never becomes a path."""
    name = re.split(r"[\\/]", str(filename))[-1]
    name = re.sub(r"[\x00-\x1f]", "", name).strip()
    return name[:200] or "upload"


def _sum_or_none(series: pd.Series) -> float | None:
    values = series.dropna()
    return round(float(values.sum()), 2) if len(values) else None


TOTAL_AMOUNTS = ("budget", "spent", "forecast")


def run_totals(ends: list[int], counted: np.ndarray, amounts: dict[str, np.ndarray]) -> list[dict]:
    """ReportDraft.totals of many reports at once, from their stories one after another in one set of
    columns: report k's stories end before ends[k]; counted says which stories count; amounts are
    float arrays, NaN where missing. The same figures as totals() (per report, the amounts that are
    there summed by numpy in the same order, as pandas sums a Series; rounded to cents), without
    pandas' set-up per report and column, which costs more than the sums (a history has hundreds)."""
    bounds = np.array([0, *ends], dtype=np.int64)
    out: list[dict] = [{} for _ in ends]
    for name, values in amounts.items():
        keep = counted & ~np.isnan(values)
        kept = values[keep]
        at = np.concatenate([[0], np.cumsum(keep)])[bounds].tolist()  # the runs' bounds within kept
        for totals, start, end in zip(out, at[:-1], at[1:]):
            totals[name] = round(float(kept[start:end].sum()), 2) if end > start else None
    return out
