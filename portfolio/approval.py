"""From upload to the report of record: a report version is a draft when loaded, checked by a controller
(who first sees the checklist), approved by the programme's director; either may send it back to draft
with a reason. Each step is kept (queries/report_steps.sql) and in the audit log. An approved version is
frozen: a new upload of the same programme and date is a new version, a new draft, and the approved one
stays the report of record until the new one is approved in its turn.

Four eyes: where people are signed in, the one who approves is not the one who checked. Who may take a
step is decided by the caller from the roles (portfolio/roles.py: CHECK, APPROVE); this module checks
the order of the steps. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from portfolio import analysis, db, narrative, own_totals
from portfolio.report_state import APPROVED, CHECKED, DRAFT, STATES, State, states  # noqa: F401 (named here too)

BEFORE_STEPS = "approved_before_steps"  # the note on reports loaded before steps existed (migration 016)
PUBLISHED = "approved_as_published"  # the note on the demo's reports: documents approved where they were made


class StepRefused(ValueError):
    """A step that cannot be taken now; `key` names why (an i18n key), `params` fill it in."""

    def __init__(self, key: str, **params) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def state(con, report_id: int) -> State:
    return states(con, [int(report_id)])[int(report_id)]


def steps(con, report_id: int) -> pd.DataFrame:
    """Every step of a version, oldest first (state, stepped_at, stepped_by, note)."""
    return db.query(con, "report_steps", report_id=int(report_id))


def approved_reports(con, programme_id: int) -> pd.DataFrame:
    """Per report date of the programme its newest approved version (the reports of record), newest first;
    the same columns as analysis.reports."""
    return analysis.reports(con, int(programme_id), approved_only=True)


def mark_drafts(con, report_ids: list[int], actor: str | None) -> None:
    """Record newly loaded versions as drafts (inside the load's transaction)."""
    db.execute(con, "insert_report_steps", report_ids=[int(r) for r in report_ids], state=DRAFT, actor=actor, note=None)


def record_published(con, report_ids: list[int], actor: str | None) -> None:
    """Record versions as approved where they were made (a published report loaded as it was published)."""

    def work(con) -> None:
        db.execute(
            con,
            "insert_report_steps",
            report_ids=[int(r) for r in report_ids],
            state=APPROVED,
            actor=actor,
            note=PUBLISHED,
        )

    db.write(con, work)


# --- the checklist ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One point of the checklist: what (an i18n key), how many stories or rows, and which."""

    key: str
    found: list[str] = field(default_factory=list)

    @property
    def clear(self) -> bool:
        return not self.found


def _label(story: dict) -> str:
    title = story.get("title")
    return f"{story['code']} · {title}" if isinstance(title, str) and title.strip() else str(story["code"])


def checklist(con, report_id: int) -> list[Item]:
    """What a controller looks at before checking: unexplained variances, stories reported green while the
    figures or their end date say otherwise and no note explains it, the export's own totals that disagree
    with its stories and are not accepted, rebaselines without a reason, stories without an owner. Each
    names the stories (or total rows) concerned; an empty list is a clear point."""
    frame = analysis.stories(con, int(report_id))
    top = frame[frame["parent_code"].isna()] if "parent_code" in frame else frame
    records = top.to_dict("records")
    noted = analysis.has_status_note(top["status_note"]) if len(top) else []
    unexplained = analysis.unexplained(top) if len(top) else pd.Series(dtype=bool)
    watermelon = [_label(s) for s, has_note in zip(records, noted) if not has_note and _watermelon(s)]
    owners = top["owner"].astype("string").str.strip().fillna("") if len(top) else pd.Series(dtype="string")
    totals = own_totals.found(con, [int(report_id)], open_only=True)
    items = [
        Item("check_unexplained", [_label(s) for s, flag in zip(records, unexplained) if flag]),
        Item("check_watermelons", watermelon),
        Item(
            "check_own_totals",
            [f"{r['measure']} · {r['source_row']}" for r in totals.to_dict("records")] if not totals.empty else [],
        ),
        Item("check_rebaselines", _rebaselines_without_reason(con, int(report_id), records)),
        Item("check_owners", [_label(s) for s, owner in zip(records, owners) if not owner]),
    ]
    return items


def _watermelon(story: dict) -> bool:
    cause = story.get("watermelon_cause")
    if isinstance(cause, str) and cause:
        return True
    return story.get("status") == "green" and story.get("figures_status") in ("amber", "red")


def _rebaselines_without_reason(con, report_id: int, records: list[dict]) -> list[str]:
    """Stories whose baseline changed in this report without a reason, where the store knows of
    rebaselines (portfolio/schedule.py, when it offers `rebaselines_without_reason`)."""
    from portfolio import schedule

    finder = getattr(schedule, "rebaselines_without_reason", None)
    if finder is None:
        return []
    return [str(x) for x in finder(con, report_id)]


# --- the steps ---------------------------------------------------------------------------------------


def _versions(con, report_id: int) -> pd.DataFrame:
    return db.query(con, "report_versions", report_id=int(report_id))


def _step(con, report_id: int, new: str, actor: str | None, note: str | None, action: str) -> None:
    def work(con) -> None:
        db.execute(con, "insert_report_steps", report_ids=[int(report_id)], state=new, actor=actor, note=note)
        db.execute(con, "insert_audit", actor=actor, action=action, report_id=int(report_id), detail=note or "")
        if new == APPROVED:  # frozen: the text it shows as carried from an earlier version becomes its own
            narrative.materialise_in(con, report_id, actor)

    db.write(con, work)


def check(con, report_id: int, actor: str | None, note: str | None = None) -> None:
    """A controller marks the current draft as checked (after the checklist; `note` says what was seen)."""
    now = state(con, report_id)
    if now.state != DRAFT:
        raise StepRefused("step_not_draft", state=now.state)
    versions = _versions(con, report_id)
    current = versions[versions["is_current"]]
    if current.empty or int(current["report_id"].iloc[0]) != int(report_id):
        raise StepRefused("step_not_current")
    _step(con, report_id, CHECKED, actor, note or None, "check")


def approve(con, report_id: int, actor: str | None, *, four_eyes: bool = True) -> None:
    """The programme's director approves a checked version: it becomes the report of record. With
    `four_eyes` (people signed in) the one who checked may not approve."""
    now = state(con, report_id)
    if now.state != CHECKED:
        raise StepRefused("step_not_checked", state=now.state)
    if four_eyes and actor is not None and now.checked_by == actor:
        raise StepRefused("step_four_eyes", who=actor)
    _step(con, report_id, APPROVED, actor, None, "approve")


def send_back(con, report_id: int, actor: str | None, reason: str) -> None:
    """Send a checked version back to draft, with the reason (required). An approved version is frozen:
    it is replaced by uploading a new version, never sent back."""
    now = state(con, report_id)
    if now.state != CHECKED:
        raise StepRefused("step_not_checked", state=now.state)
    if not reason or not reason.strip():
        raise StepRefused("step_reason_needed")
    _step(con, report_id, DRAFT, actor, reason.strip(), "send_back")
