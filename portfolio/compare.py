"""What changed between two versions of a programme's stories: added, removed, moved, better or worse."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from portfolio import analysis, db
from portfolio.status import SEVERITY, UNKNOWN

AMOUNTS = ("budget", "spent", "forecast")


@dataclass
class Comparison:
    """Stories added and removed, and per story that is in both: amount and status moves."""

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.added.empty and self.removed.empty and self.changed.empty

    def counts(self) -> dict:
        moves = self.changed["status_move"] if not self.changed.empty else pd.Series(dtype=object)
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "better": int((moves == "better").sum()),
            "worse": int((moves == "worse").sum()),
        }


def status_move(old: str, new: str) -> str:
    """'better', 'worse', 'same', or 'changed' (to or from unknown, which is neither)."""
    if old == new:
        return "same"
    if UNKNOWN in (old, new):
        return "changed"
    return "worse" if SEVERITY[new] > SEVERITY[old] else "better"


def _amounts(frame: pd.DataFrame, measure: str, rows: np.ndarray) -> np.ndarray:
    return pd.to_numeric(frame[measure], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)[rows]


def _titles(frame: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    titles = frame["title"].to_numpy(dtype=object)[rows]
    return np.array(["" if v is None or v != v else str(v) for v in titles], dtype=object)


def compare_stories(old: pd.DataFrame, new: pd.DataFrame) -> Comparison:
    """Compare two story sets by code (columns: code, title, budget, spent, forecast, status): the one
    implementation of the comparison. A light's move is better or worse by status.SEVERITY; to or from
    unknown it is 'changed'. An amount that appears, disappears or moves by half a cent or more moved; a
    title that appears, disappears or changes is a change, two missing titles are not. Changed stories
    come in the new set's order.

    In numpy on the positions of the codes (no merge): 2,000 stories compare in a few milliseconds.
    """
    keep = ["code", "title", *AMOUNTS, "status"]
    old_codes = old["code"].astype(str).tolist()
    new_codes = new["code"].astype(str).tolist()
    where_old: dict[str, int] = {}
    for row, code in enumerate(old_codes):
        where_old.setdefault(code, row)  # a code twice in a set: its first row counts (a load refuses that)
    in_new = set(new_codes)
    position = np.array([where_old.get(code, -1) for code in new_codes], dtype=np.int64)  # -1: added
    added = new.loc[position == -1, keep].reset_index(drop=True)
    removed = old.loc[np.array([code not in in_new for code in old_codes], dtype=bool), keep].reset_index(drop=True)
    new_rows = np.flatnonzero(position >= 0)
    old_rows = position[new_rows]
    columns: dict[str, np.ndarray] = {
        "code": np.array(new_codes, dtype=object)[new_rows],
        "title": new["title"].to_numpy(dtype=object)[new_rows],
    }
    changed = _titles(old, old_rows) != _titles(new, new_rows)
    for measure in AMOUNTS:
        before, after = _amounts(old, measure, old_rows), _amounts(new, measure, new_rows)
        missing_before, missing_after = np.isnan(before), np.isnan(after)
        with np.errstate(invalid="ignore"):
            changed |= (missing_before != missing_after) | (np.abs(after - before) >= 0.005)
        columns[f"{measure}_old"], columns[f"{measure}_new"] = before, after
        columns[f"{measure}_move"] = after - before
    status_old = old["status"].to_numpy(dtype=object)[old_rows]
    status_new = new["status"].to_numpy(dtype=object)[new_rows]
    severity_old = np.array([SEVERITY.get(v, SEVERITY[UNKNOWN]) for v in status_old], dtype=int)
    severity_new = np.array([SEVERITY.get(v, SEVERITY[UNKNOWN]) for v in status_new], dtype=int)
    move = np.select(
        [status_old == status_new, (status_old == UNKNOWN) | (status_new == UNKNOWN), severity_new > severity_old],
        ["same", "changed", "worse"],
        default="better",
    )
    changed |= move != "same"
    columns.update(status_old=status_old, status_new=status_new, status_move=move)
    frame = pd.DataFrame({name: values[changed] for name, values in columns.items()})
    return Comparison(added, removed, frame)


def compare_reports(
    con: duckdb.DuckDBPyConnection,
    old_report_id: int,
    new_report_id: int,
    filters=None,
) -> Comparison:
    """Compare two reports in the database, after the filters: compare_stories on their stories, the one
    comparison (the compare page, 'since the previous report' and the upload preview all use it)."""
    from portfolio.filters import NO_FILTERS

    frame = db.query(
        con,
        "compared_stories",
        old_report_id=old_report_id,
        new_report_id=new_report_id,
        **(filters or NO_FILTERS).params(),
    )
    side = frame["side"]
    return compare_stories(frame[side == "old"].reset_index(drop=True), frame[side == "new"].reset_index(drop=True))


def previous_report(con: duckdb.DuckDBPyConnection, programme: str, report_date) -> dict | None:
    """The report a new one is compared with: the current report of the programme on or before that date."""
    frame = db.query(con, "previous_report", programme=programme, report_date=report_date)
    return frame.iloc[0].to_dict() if len(frame) else None


def against_database(con: duckdb.DuckDBPyConnection, programme: str, report_date, stories: pd.DataFrame):
    """(previous report info, Comparison) of draft stories against the programme's previous report."""
    previous = previous_report(con, programme, report_date)
    if previous is None:
        return None, None
    old = analysis.stories(con, int(previous["report_id"]))
    return previous, compare_stories(old, stories)
