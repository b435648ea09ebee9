"""The state of a report version as its steps leave it: draft (no step yet), checked or approved, with who
checked and who approved it. Read here; moved on by portfolio.approval, and asked by what an approval
freezes (portfolio.narrative), so neither imports the other for it. No Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from portfolio import db

DRAFT, CHECKED, APPROVED = "draft", "checked", "approved"
STATES = (DRAFT, CHECKED, APPROVED)


@dataclass(frozen=True)
class State:
    report_id: int
    state: str
    checked_by: str | None = None
    checked_at: pd.Timestamp | None = None
    approved_by: str | None = None
    approved_at: pd.Timestamp | None = None

    @property
    def approved(self) -> bool:
        return self.state == APPROVED


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _time(value) -> pd.Timestamp | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value)


def states(con, report_ids: list[int]) -> dict[int, State]:
    """The state of each version (a version without any step is a draft)."""
    if not report_ids:
        return {}
    frame = db.query(con, "report_states", report_ids=[int(r) for r in report_ids])
    return {
        int(r.report_id): State(
            int(r.report_id),
            str(r.state),
            _text(r.checked_by),
            _time(r.checked_at),
            _text(r.approved_by),
            _time(r.approved_at),
        )
        for r in frame.itertuples()
    }
