"""What changed between two versions of a programme's stories: added, removed, moved, better or worse."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
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


def _differs(a, b) -> bool:
    if pd.isna(a) and pd.isna(b):
        return False
    if pd.isna(a) or pd.isna(b):
        return True
    return abs(float(a) - float(b)) >= 0.005


def compare_stories(old: pd.DataFrame, new: pd.DataFrame) -> Comparison:
    """Compare two story sets by code (columns: code, title, budget, spent, forecast, status)."""
    old = old.set_index("code", drop=False)
    new = new.set_index("code", drop=False)
    added = new.loc[[c for c in new.index if c not in old.index], ["code", "title", *AMOUNTS, "status"]]
    removed = old.loc[[c for c in old.index if c not in new.index], ["code", "title", *AMOUNTS, "status"]]
    rows = []
    for code in [c for c in new.index if c in old.index]:
        before, after = old.loc[code], new.loc[code]
        moved = [m for m in AMOUNTS if _differs(before[m], after[m])]
        move = status_move(before["status"], after["status"])
        if not moved and move == "same" and before["title"] == after["title"]:
            continue
        row = {"code": code, "title": after["title"]}
        for measure in AMOUNTS:
            row[f"{measure}_old"], row[f"{measure}_new"] = _num(before[measure]), _num(after[measure])
            row[f"{measure}_move"] = (
                row[f"{measure}_new"] - row[f"{measure}_old"]
                if row[f"{measure}_old"] is not None and row[f"{measure}_new"] is not None
                else None
            )
        row.update(status_old=before["status"], status_new=after["status"], status_move=move)
        rows.append(row)
    columns = ["code", "title"] + [f"{m}_{s}" for m in AMOUNTS for s in ("old", "new", "move")]
    changed = pd.DataFrame(rows, columns=columns + ["status_old", "status_new", "status_move"])
    return Comparison(added.reset_index(drop=True), removed.reset_index(drop=True), changed)


def _num(value):
    return None if pd.isna(value) else float(value)


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
