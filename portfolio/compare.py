"""What changed between two versions of a programme's stories: added, removed, moved, better or worse;
sub-items an export lists or leaves out apart from stories, and a title's spaces and punctuation apart
from a change."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from portfolio import analysis, db
from portfolio.status import SEVERITY, UNKNOWN

AMOUNTS = ("budget", "spent", "forecast")
FIELDS = ("title", *AMOUNTS, "status")  # what a changed row may differ in, in the order it is said
NO_ROWS = pd.DataFrame(columns=["code", "title"])


@dataclass
class Comparison:
    """Stories added and removed, and per story that is in both: amount and status moves.

    `added` and `removed` are stories (top level); sub-items (rows with a parent) that only one export
    lists are `sub_items_added` and `sub_items_removed`: an export that leaves out the breakdown of a
    story has not removed a story. A row is `changed` only when a field the comparison shows differs
    (FIELDS; its `changes` names which); a title whose words are the same but for spaces and
    punctuation is no change, and is listed in `retitled`."""

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame
    sub_items_added: pd.DataFrame = field(default_factory=lambda: NO_ROWS)
    sub_items_removed: pd.DataFrame = field(default_factory=lambda: NO_ROWS)
    retitled: pd.DataFrame = field(default_factory=lambda: NO_ROWS)

    @property
    def is_empty(self) -> bool:
        return (
            self.added.empty
            and self.removed.empty
            and self.changed.empty
            and self.sub_items_added.empty
            and self.sub_items_removed.empty
        )

    def counts(self) -> dict:
        moves = self.changed["status_move"] if not self.changed.empty else pd.Series(dtype=object)
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "better": int((moves == "better").sum()),
            "worse": int((moves == "worse").sum()),
            "sub_items_added": len(self.sub_items_added),
            "sub_items_removed": len(self.sub_items_removed),
            "retitled": len(self.retitled),
        }


def title_key(title) -> str:
    """A title without what does not change its words: Unicode compatibility forms (a non-breaking
    space), punctuation and spaces ('Digitaal loket: Let's go!' and 'Digitaal loket - Lets go' are one
    title; 'Digitaal loket' and 'Digitaal loket 2' are not). Case counts."""
    if title is None or title != title:
        return ""
    text = unicodedata.normalize("NFKC", str(title))
    return "".join(c for c in text if not (c.isspace() or unicodedata.category(c)[0] in "PZ"))


def _is_sub_item(frame: pd.DataFrame) -> np.ndarray:
    """Per row, whether it is a sub-item (has a parent); frames without parent_code have none."""
    if "parent_code" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["parent_code"].notna().to_numpy(dtype=bool)


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
    """Compare two story sets by code (columns: code, title, budget, spent, forecast, status, and
    parent_code where there are sub-items): the one implementation of the comparison. A light's move is
    better or worse by status.SEVERITY; to or from unknown it is 'changed'. An amount that appears,
    disappears or moves by half a cent or more moved; a title whose words (title_key) appear, disappear
    or change is a change, two missing titles are not. Changed stories come in the new set's order.

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
    gone = np.array([code not in in_new for code in old_codes], dtype=bool)
    new_sub, old_sub = _is_sub_item(new), _is_sub_item(old)
    added = new.loc[(position == -1) & ~new_sub, keep].reset_index(drop=True)
    removed = old.loc[gone & ~old_sub, keep].reset_index(drop=True)
    sub_items_added = new.loc[(position == -1) & new_sub, [*keep, "parent_code"] if new_sub.any() else keep]
    sub_items_removed = old.loc[gone & old_sub, [*keep, "parent_code"] if old_sub.any() else keep]
    new_rows = np.flatnonzero(position >= 0)
    old_rows = position[new_rows]
    titles_before, titles_after = _titles(old, old_rows), _titles(new, new_rows)
    columns: dict[str, np.ndarray] = {
        "code": np.array(new_codes, dtype=object)[new_rows],
        "title": new["title"].to_numpy(dtype=object)[new_rows],
        "title_old": old["title"].to_numpy(dtype=object)[old_rows],
    }
    words_before = np.array([title_key(v) for v in titles_before], dtype=object)
    words_after = np.array([title_key(v) for v in titles_after], dtype=object)
    differs = {"title": words_before != words_after}
    retitled_rows = (titles_before != titles_after) & ~differs["title"]  # spaces and punctuation only
    for measure in AMOUNTS:
        before, after = _amounts(old, measure, old_rows), _amounts(new, measure, new_rows)
        missing_before, missing_after = np.isnan(before), np.isnan(after)
        with np.errstate(invalid="ignore"):
            differs[measure] = (missing_before != missing_after) | (np.abs(after - before) >= 0.005)
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
    differs["status"] = move != "same"
    columns.update(status_old=status_old, status_new=status_new, status_move=move)
    changed = np.logical_or.reduce([differs[name] for name in FIELDS])
    columns["changes"] = np.empty(len(new_rows), dtype=object)  # per row, the FIELDS that differ
    for i in range(len(new_rows)):
        columns["changes"][i] = tuple(name for name in FIELDS if differs[name][i])
    frame = pd.DataFrame({name: values[changed] for name, values in columns.items()})
    retitled = pd.DataFrame(
        {
            "code": columns["code"][retitled_rows],
            "title_old": titles_before[retitled_rows],
            "title": titles_after[retitled_rows],
        }
    )
    return Comparison(
        added,
        removed,
        frame,
        sub_items_added.reset_index(drop=True),
        sub_items_removed.reset_index(drop=True),
        retitled,
    )


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
