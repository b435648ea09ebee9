"""Slip in words: the forecast end (else the latest approved end) against the planned end.

The figures themselves are worked out in one place, queries/parts/judged_stories.sql (slip_days_min/max,
slip_share_min/max, written on every story); this module only says them, exactly where the dates are
days, as a range where a date is a period, and why they are unknown where they are.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from portfolio import fmt
from portfolio.i18n import t


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def known(value) -> bool:
    """Whether a figure is there (not None, NaN or NA)."""
    return not _missing(value)


def _days(value, lang: str) -> str:
    text = fmt.number(int(value), 0, lang)
    return ("+" + text) if value > 0 else text


def slip_text(story: dict, lang: str) -> str:
    """'+45 dagen (+12,3% van de geplande doorlooptijd)', a range, or 'onbekend: ...' with the reason."""
    low, high = story.get("slip_days_min"), story.get("slip_days_max")
    if _missing(low) or _missing(high):
        if _missing(story.get("planned_end")):
            return t("slip_unknown_planned", lang)
        if _missing(story.get("forecast_end")) and _missing(story.get("approved_end")):
            return t("slip_unknown_end", lang)
        return t("slip_unknown_text", lang)
    return _days_and_share(low, high, story.get("slip_share_min"), story.get("slip_share_max"), lang)


def _days_and_share(low, high, low_share, high_share, lang: str) -> str:
    """Days, exactly or as a range, with their share of the planned duration where it is known."""
    shared = not _missing(low_share) and not _missing(high_share)
    if low == high:
        if not shared:
            return t("slip_exact_days", lang, days=_days(low, lang))
        return t("slip_exact", lang, days=_days(low, lang), share=fmt.percent(low_share, lang, signed=True))
    if not shared:
        return t("slip_range_days", lang, low=_days(low, lang), high=_days(high, lang))
    return t(
        "slip_range",
        lang,
        low=_days(low, lang),
        high=_days(high, lang),
        low_share=fmt.percent(low_share, lang, signed=True),
        high_share=fmt.percent(high_share, lang, signed=True),
    )


def end_move_text(story: dict, lang: str) -> str:
    """How far the end date moved since the programme's previous report: '+90 dagen (+24,7% van de
    geplande doorlooptijd)', a range, or 'onbekend: ...' with the reason."""
    low, high = story.get("end_move_days_min"), story.get("end_move_days_max")
    if _missing(low) or _missing(high):
        return t("end_move_unknown", lang)
    return _days_and_share(low, high, story.get("end_move_share_min"), story.get("end_move_share_max"), lang)


def watermelon_text(story: dict, lang: str) -> str:
    """Why a story reported green is a watermelon: its figures, its end moved beyond the margin, or both."""
    from portfolio import charts

    cause = story.get("watermelon_cause") or ""
    parts = []
    if cause.startswith("figures"):
        parts.append(t("watermelon_by_figures", lang, light=charts.status_text(story["figures_status"], lang)))
    if cause.endswith("end_moved"):
        parts.append(t("watermelon_by_end_move", lang, move=end_move_text(story, lang)))
    return "; ".join(parts)


def date_text(text, lang: str) -> str | None:
    """A stored date as the page says it: an exact day in the language's words ('31 december 2025'), a
    period as the export wrote it ('najaar 2026'), None where there is none."""
    if _missing(text):
        return None
    try:
        return fmt.date(dt.date.fromisoformat(str(text)), lang)
    except ValueError:
        return str(text)


def slip_cell(low, high) -> str | None:
    """Slip in days for a table cell: '+45', '+10 .. +100' for a range, None (a dash) where unknown."""
    if _missing(low) or _missing(high):
        return None

    def signed(days) -> str:
        return f"{int(days):+d}" if days else "0"

    return signed(low) if low == high else f"{signed(low)} .. {signed(high)}"


def rebaselines_without_reason(con, report_id: int, lang: str = "nl") -> list[str]:
    """The rebaselines that show in this report and have no reason, as 'code · title · what' (the
    approval checklist's point; portfolio/approval.py)."""
    from portfolio import analysis

    info = analysis.report_info(con, int(report_id))
    if not info:
        return []
    found = analysis.rebaselines(con, int(info["programme_id"]), until=info["report_date"])
    found = found[(found["report_id"] == int(report_id)) & found["reason"].isna()]
    return [
        " · ".join(
            part for part in (code, title if isinstance(title, str) else "", t(f"rebaseline_{field}", lang)) if part
        )
        for code, title, field in found[["code", "title", "field"]].itertuples(index=False)
    ]


def rebaseline_change(row: dict, currency: str, lang: str) -> tuple[str, str]:
    """(old, new) of a rebaseline as the page writes them: amounts in full, dates in the language."""
    if row["field"] == "budget":
        return fmt.money_exact(row["old_budget"], currency, lang), fmt.money_exact(row["new_budget"], currency, lang)
    return date_text(row["old_end"], lang) or fmt.MISSING, date_text(row["new_end"], lang) or fmt.MISSING


END_FIELDS = ("forecast_end", "approved_end", "planned_end")  # the expected end: the first of these a story has


def _expected_end(frame: pd.DataFrame) -> pd.DataFrame:
    """Per story (by code) its expected end: the text, first and last day of the first of END_FIELDS it has."""
    text = frame[END_FIELDS[0]].copy()
    first, last = frame[f"{END_FIELDS[0]}_first"].copy(), frame[f"{END_FIELDS[0]}_last"].copy()
    for name in END_FIELDS[1:]:
        empty = text.isna()
        text[empty], first[empty], last[empty] = (
            frame[name][empty],
            frame[f"{name}_first"][empty],
            frame[f"{name}_last"][empty],
        )
    return pd.DataFrame({"code": frame["code"], "title": frame["title"], "text": text, "first": first, "last": last})


def _days_between(later, earlier) -> list:
    return [
        None if pd.isna(x) or pd.isna(y) else (pd.Timestamp(x) - pd.Timestamp(y)).days
        for x, y in zip(later, earlier, strict=True)
    ]


def end_moves(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The stories (top level, in both reports) whose expected end differs between two reports of a
    programme, the largest move first: code, title, the end in each as written, and the move in days
    (least and most where a date is a period). Any two reports, not only one and the one before it."""
    tops = [f[f["parent_code"].isna()] for f in (old, new)]
    before, after = (_expected_end(f) for f in tops)
    both = before.merge(after, on="code", suffixes=("_old", "_new"))
    moved = both[both["text_old"].notna() & both["text_new"].notna() & (both["text_old"] != both["text_new"])].copy()
    moved["move_min"] = _days_between(moved["first_new"], moved["last_old"])
    moved["move_max"] = _days_between(moved["last_new"], moved["first_old"])
    size = [
        max(abs(a), abs(b)) if a is not None and b is not None else -1
        for a, b in zip(moved["move_min"], moved["move_max"])
    ]
    moved = moved.assign(_size=size).sort_values("_size", ascending=False, kind="stable")
    return moved[["code", "title_new", "text_old", "text_new", "move_min", "move_max"]].rename(
        columns={"title_new": "title"}
    )


MILESTONE_CHANGES = (
    "missed",
    "added_missed",
    "met",
    "moved",
    "added",
    "removed",
)  # the order the compare page lists them in


def milestone_changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """What changed in the milestones between two reports of a programme (queries/milestones.sql of each),
    matched by story and by the export's column of the milestone (its position): newly missed, newly met (an
    actual date where the older report had none), planned date moved (with the move in days, least and most
    where a date is a period), added (added_missed: missed already by the newer report's date), removed. Most telling first, then by story. Columns: code, name, change,
    planned_old, planned_new, actual, move_min, move_max."""
    keys = ["code", "position"]
    both = old.merge(new, on=keys, how="outer", suffixes=("_old", "_new"), indicator=True)
    rows = []
    for r in both.to_dict("records"):
        where = r["_merge"]
        if where == "right_only":  # new, and maybe missed already
            change = "added_missed" if bool(r["missed_new"]) else "added"
        elif where == "left_only":
            change = "removed"
        elif _missing(r["actual_old"]) and not _missing(r["actual_new"]):
            change = "met"
        elif bool(r["missed_new"]) and not bool(r["missed_old"]):
            change = "missed"
        elif not _missing(r["planned_old"]) and not _missing(r["planned_new"]) and r["planned_old"] != r["planned_new"]:
            change = "moved"
        else:
            continue
        moved = change == "moved"
        rows.append(
            {
                "code": r["code"],
                "name": _milestone_name(r, "_old" if where == "left_only" else "_new"),
                "change": change,
                "planned_old": None if where == "right_only" else _or_none(r["planned_old"]),
                "planned_new": None if where == "left_only" else _or_none(r["planned_new"]),
                "actual": None if where == "left_only" else _or_none(r["actual_new"]),
                "move_min": _days_between([r["planned_first_new"]], [r["planned_last_old"]])[0] if moved else None,
                "move_max": _days_between([r["planned_last_new"]], [r["planned_first_old"]])[0] if moved else None,
                "_order": (MILESTONE_CHANGES.index(change), str(r["code"]), int(r["position"])),
            }
        )
    rows.sort(key=lambda row: row["_order"])
    for row in rows:
        del row["_order"]
    columns = ["code", "name", "change", "planned_old", "planned_new", "actual", "move_min", "move_max"]
    return pd.DataFrame(rows, columns=columns, dtype=object)  # None where missing, not NaN


def _milestone_name(row: dict, side: str) -> str:
    """The milestone's name as the report that has it gives it, else the header of its column."""
    name = row.get(f"name{side}")
    return str(name) if not _missing(name) else str(row.get(f"column_name{side}") or "")


def _or_none(value):
    return None if _missing(value) else value
