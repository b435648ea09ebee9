"""Pictures of the schedule (issue 22): late stories per programme line, the slip per story sorted by size,
and a timeline of a line's stories (planned and forecast bars, today's line). Each comes with the table a
page shows beside it (planning_table), for those who cannot see the picture. Pure: frames in, plotly
figures and frames out, in charts.py's palette and layout.

A story is late when the least its slip can be is more than zero days (a period is never counted as
later than it must be, as the light by the figures counts it)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from portfolio import charts, fmt, schedule
from portfolio.i18n import t

PLANNED_COLOUR = "#0F4C81"  # charts.MEASURE_COLOURS' budget: the plan
FORECAST_COLOUR = "#CC79A7"  # and its forecast
LATE_COLOUR = charts.OVERRUN_COLOUR
EARLY_COLOUR = charts.UNDERRUN_COLOUR
TODAY_COLOUR = "#555555"
DAY_MS = 86_400_000


def _top(stories: pd.DataFrame) -> pd.DataFrame:
    """The stories that make up the report: top level, in the totals."""
    return stories[stories["parent_code"].isna() & stories["in_totals"]]


def late(stories: pd.DataFrame) -> pd.Series:
    """Per story, whether it is late: its least slip is more than zero days."""
    return stories["slip_days_min"].astype("float64").fillna(0) > 0


def has_schedule(stories: pd.DataFrame) -> bool:
    """Whether any story of the report has a slip that can be worked out (a planned end and an end)."""
    return bool(stories["slip_days_min"].notna().any()) if "slip_days_min" in stories else False


def late_by_line(stories: pd.DataFrame, empty_label: str, lang: str = "nl") -> go.Figure | None:
    """Per programme line, how many stories are late and how many are not (or cannot be judged);
    a bar's customdata is the line's name (a click opens the line). None without any slip."""
    top = _top(stories)
    if not has_schedule(top):
        return None
    lines = top["programme_line"].fillna("")
    order = list(dict.fromkeys(lines))  # the order of the source
    is_late = late(top).to_numpy()
    known = top["slip_days_min"].notna().to_numpy()
    counts = {
        "late": [int((is_late & (lines == n).to_numpy()).sum()) for n in order],
        "on_time": [int((~is_late & known & (lines == n).to_numpy()).sum()) for n in order],
        "unknown": [int((~known & (lines == n).to_numpy()).sum()) for n in order],
    }
    names = [charts._wrap(n or empty_label, 30) for n in order]
    colours = {
        "late": LATE_COLOUR,
        "on_time": charts.STATUS_COLOURS["green"],
        "unknown": charts.STATUS_COLOURS["unknown"],
    }
    traces = [
        {
            "type": "bar",
            "name": t(f"plan_{kind}", lang),
            "y": names,
            "x": values,
            "customdata": order,
            "orientation": "h",
            "marker": {"color": colours[kind]},
            "text": [str(v) if v else "" for v in values],
            "textposition": "inside",
            "textangle": 0,
            "insidetextfont": {"color": charts.label_colour(colours[kind])},
            "hovertemplate": "%{y}: %{x}<extra>" + t(f"plan_{kind}", lang) + "</extra>",
        }
        for kind, values in counts.items()
    ]
    totals = [sum(v) for v in zip(*counts.values(), strict=True)]
    return charts._figure(
        traces,
        max(charts.MIN_CHART_HEIGHT - 60, charts.CHART_HEIGHT_PER_GROUP * len(order) + 80),
        lang,
        xaxis=charts.count_axis(max(totals, default=0)),
        yaxis={"autorange": "reversed"},
        barmode="stack",
    )


def slip_by_story(stories: pd.DataFrame, lang: str = "nl") -> go.Figure | None:
    """The slip per story in days, the largest first (the top MAX_STORIES_IN_CHART by size, later or
    earlier); a period's least slip, with how far it may reach as a whisker. Customdata: the code."""
    rows = slip_rows(stories).head(charts.MAX_STORIES_IN_CHART)
    if rows.empty:
        return None
    low = rows["slip_days_min"].astype(float).to_numpy()
    high = rows["slip_days_max"].astype(float).to_numpy()
    labels = [charts._wrap(f"{c} · {title or ''}", 45) for c, title in zip(rows["code"], rows["title"])]
    trace = {
        "type": "bar",
        "y": labels,
        "x": low.tolist(),
        "customdata": rows["code"].tolist(),
        "orientation": "h",
        "marker": {"color": [LATE_COLOUR if v > 0 else EARLY_COLOUR for v in low]},
        "error_x": {"type": "data", "symmetric": False, "array": (high - low).tolist(), "arrayminus": [0] * len(low)},
        "text": [schedule.slip_cell(a, b) for a, b in zip(low, high, strict=True)],
        "textposition": "outside",
        "outsidetextfont": {"color": charts.TEXT_COLOUR},
        "cliponaxis": False,
        "hovertext": [schedule.slip_text(r, lang) for r in rows.to_dict("records")],
        "hoverinfo": "text+y",
    }
    spread = max(1.0, float(np.nanmax(np.abs(np.r_[low, high]))))
    return charts._figure(
        [trace],
        max(140, 30 * len(rows) + 60),
        lang,
        xaxis={
            "range": [min(0.0, low.min()) - 0.25 * spread, max(0.0, high.max()) + 0.25 * spread],
            "title": {"text": t("slip_days", lang)},
            "zeroline": True,
            "zerolinecolor": TODAY_COLOUR,
        },
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )


def slip_rows(stories: pd.DataFrame) -> pd.DataFrame:
    """The stories with a known slip other than none, the largest in size first (ties in source order)."""
    top = _top(stories)
    known = top[top["slip_days_min"].notna() & ((top["slip_days_min"] != 0) | (top["slip_days_max"] != 0))]
    size = known["slip_days_min"].astype(float).abs().combine(known["slip_days_max"].astype(float).abs(), max)
    return known.loc[size.sort_values(ascending=False, kind="stable").index]


def _day(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def timeline(
    stories: pd.DataFrame, lang: str = "nl", today: dt.date | None = None, milestones: pd.DataFrame | None = None
) -> go.Figure | None:
    """Per story with a start and an end: a bar for its plan (start to planned end) and one for its
    forecast (start to forecast end, else latest approved end), a period drawn to its last day; a
    vertical line at today. Its milestones (analysis.milestones) as markers on its row: planned (an open
    diamond), achieved (a filled one, at the actual date) and missed (a cross at the planned date: passed
    before the report date, not achieved), a period at its last day; a story with a dated milestone but no
    start or end has a row of its markers only. Customdata: the code. None where no story has a start and an
    end, nor a dated milestone."""
    rows = timeline_rows(stories, also=_dated_milestone_codes(milestones))
    if rows.empty:
        return None
    today = today or dt.date.today()
    labels = [charts._wrap(f"{c} · {title or ''}", 40) for c, title in zip(rows["code"], rows["title"])]
    label_of = dict(zip(rows["code"], labels, strict=True))
    traces = []
    for kind, column, colour in (
        ("plan_planned", "plan_end", PLANNED_COLOUR),
        ("plan_forecast", "end", FORECAST_COLOUR),
    ):
        starts = [_day(v) for v in rows["start"]]
        ends = [_day(v) for v in rows[column]]
        traces.append(
            {
                "type": "bar",
                "name": t(kind, lang),
                "y": labels,
                "base": [s.isoformat() if s and e else None for s, e in zip(starts, ends, strict=True)],
                "x": [((e - s).days + 1) * DAY_MS if s and e else None for s, e in zip(starts, ends, strict=True)],
                "customdata": rows["code"].tolist(),
                "orientation": "h",
                "marker": {"color": colour},
                "hovertext": [
                    f"{schedule.date_text(a, lang) or fmt.MISSING} → {schedule.date_text(b, lang) or fmt.MISSING}"
                    for a, b in zip(rows["start_text"], rows[f"{column}_text"], strict=True)
                ],
                "hoverinfo": "text+name",
            }
        )
    marks = _milestone_traces(milestones, label_of, lang)
    traces.extend(marks)
    marked = [d for trace in marks for d in trace["x"]]
    return charts._figure(
        traces,
        max(200, 44 * len(rows) + 80),
        lang,
        xaxis=_time_axis(
            [d for d in (*rows["start"], *rows["plan_end"], *rows["end"], *marked) if _day(d)], today, lang
        ),
        yaxis={"autorange": "reversed"},
        barmode="group",
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": today.isoformat(),
                "x1": today.isoformat(),
                "y0": 0,
                "y1": 1,
                "line": {"color": TODAY_COLOUR, "width": 2, "dash": "dot"},
            }
        ],
        annotations=[
            {
                "x": today.isoformat(),
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "text": t("plan_today", lang),
                "showarrow": False,
                "yanchor": "bottom",
                "xanchor": "right",
                "font": {"color": TEXT_OF_TODAY},
            }
        ],
    )


TEXT_OF_TODAY = charts.TEXT_COLOUR
ACHIEVED_COLOUR = charts.STATUS_COLOURS["green"]


def milestone_kind(row) -> str:
    """'missed', 'met', 'open' or 'no_date': a milestone achieved (it has an actual date), missed (its planned
    date passed before the report date, not achieved), open, or without a planned date (never on time)."""
    if not schedule._missing(row.get("actual")):
        return "met"
    if bool(row.get("missed")):
        return "missed"
    return "no_date" if schedule._missing(row.get("planned_last")) else "open"


def _milestone_traces(milestones: pd.DataFrame | None, label_of: dict, lang: str) -> list[dict]:
    """The markers of the milestones of the stories drawn: planned, achieved and missed, a trace each."""
    if milestones is None or milestones.empty:
        return []
    shown = milestones[milestones["code"].isin(label_of)]
    records = shown.to_dict("records")
    kinds = {
        "plan_milestone_planned": ("planned_last", "planned", "diamond-open", PLANNED_COLOUR, "open"),
        "plan_milestone_actual": ("actual_last", "actual", "diamond", ACHIEVED_COLOUR, "met"),
        "plan_milestone_missed": ("planned_last", "planned", "x", LATE_COLOUR, "missed"),
    }
    traces = []
    for key, (column, text, symbol, colour, kind) in kinds.items():
        # a planned marker for every milestone with a planned date that is not missed; achieved at its actual date
        chosen = [
            r
            for r in records
            if _day(r.get(column)) is not None
            and (milestone_kind(r) == kind or (kind == "open" and milestone_kind(r) == "met"))
        ]
        if not chosen:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": t(key, lang),
                "x": [_day(r[column]).isoformat() for r in chosen],
                "y": [label_of[r["code"]] for r in chosen],
                "customdata": [r["code"] for r in chosen],
                "marker": {"symbol": symbol, "size": 12, "color": colour, "line": {"width": 2, "color": colour}},
                "hovertext": [
                    f"{milestone_name(r)}: {schedule.date_text(r[text], lang) or fmt.MISSING}" for r in chosen
                ],
                "hoverinfo": "text+name",
            }
        )
    return traces


def milestone_name(row) -> str:
    """A milestone's name, else the header of the column it came from ('Milestone 2')."""
    name = row.get("name")
    return str(name) if not schedule._missing(name) else str(row.get("column_name") or "")


def milestone_table(milestones: pd.DataFrame, lang: str, with_code: bool = False) -> pd.DataFrame:
    """The table of milestones (beside the timeline, on the story page): name, planned and actual date as the
    export wrote them, and whether it is achieved, missed or open."""
    records = milestones.to_dict("records")
    columns = {t("code", lang): [r["code"] for r in records]} if with_code else {}
    columns.update(
        {
            t("milestone", lang): [milestone_name(r) for r in records],
            t("milestone_planned", lang): [schedule.date_text(r["planned"], lang) or fmt.MISSING for r in records],
            t("milestone_actual", lang): [schedule.date_text(r["actual"], lang) or fmt.MISSING for r in records],
            t("milestone_state", lang): [t(f"milestone_{milestone_kind(r)}", lang) for r in records],
        }
    )
    return pd.DataFrame(columns)


def end_moves_table(moved: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The compare page's table of schedule.end_moves: code, title, the expected end then and now as written,
    the move in days."""
    rows = moved.to_dict("records")
    return pd.DataFrame(
        {
            t("code", lang): moved["code"],
            t("title", lang): moved["title"].fillna(""),
            t("compare_end_old", lang): [schedule.date_text(r["text_old"], lang) for r in rows],
            t("compare_end_new", lang): [schedule.date_text(r["text_new"], lang) for r in rows],
            t("end_move_days", lang): [schedule.slip_cell(r["move_min"], r["move_max"]) for r in rows],
        }
    )


def milestone_changes_table(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The compare page's table of schedule.milestone_changes: code, milestone, what changed, planned then and
    now, achieved, moved in days."""
    rows = changes.to_dict("records")
    return pd.DataFrame(
        {
            t("code", lang): changes["code"],
            t("milestone", lang): changes["name"],
            t("compare_milestone_change", lang): [t(f"milestone_change_{r['change']}", lang) for r in rows],
            t("compare_milestone_old", lang): [schedule.date_text(r["planned_old"], lang) for r in rows],
            t("compare_milestone_new", lang): [schedule.date_text(r["planned_new"], lang) for r in rows],
            t("milestone_actual", lang): [schedule.date_text(r["actual"], lang) for r in rows],
            t("end_move_days", lang): [schedule.slip_cell(r["move_min"], r["move_max"]) for r in rows],
        }
    )


def _time_axis(days: list, today: dt.date, lang: str) -> dict:
    """A date axis from the first to the last day drawn, today included, with a month and year every
    so many months in the page's language ('jan 2025'), not plotly's English."""
    first = min(min(_day(d) for d in days), today)
    last = max(max(_day(d) for d in days), today)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= 8)
    ticks, year, month = [], first.year, first.month
    while dt.date(year, month, 1) <= last:
        if (month - 1) % step == 0 or step > 12 and month == 1:
            ticks.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    pad = dt.timedelta(days=max(7, (last - first).days // 40))
    return {
        "type": "date",
        "range": [(first - pad).isoformat(), (last + pad).isoformat()],
        "tickvals": [d.isoformat() for d in ticks],
        "ticktext": [charts.short_date(d, lang) for d in ticks],
        "tickangle": 0,
    }


def _dated_milestone_codes(milestones: pd.DataFrame | None) -> set[str]:
    """The stories with a milestone that has a planned or an actual day (something to mark)."""
    if milestones is None or milestones.empty:
        return set()
    dated = milestones["planned_last"].notna() | milestones["actual_last"].notna()
    return set(milestones.loc[dated, "code"].astype(str))


def timeline_rows(stories: pd.DataFrame, also: set[str] = frozenset()) -> pd.DataFrame:
    """The top-level stories with a start and a planned or expected end (and those whose codes are in
    `also`, whatever dates they have), in source order, with the days a timeline draws (start's first day,
    ends' last days) and the texts as the export wrote them."""
    top = _top(stories)
    start = top["start_date_first"]
    plan_end = top["planned_end_last"]
    end = top["forecast_end_last"].combine_first(top["approved_end_last"])
    keep = (start.notna() & (plan_end.notna() | end.notna())) | top["code"].astype(str).isin(also)
    chosen = top[keep]
    return pd.DataFrame(
        {
            "code": chosen["code"],
            "title": chosen["title"],
            "start": start[keep],
            "plan_end": plan_end[keep],
            "end": end[keep],
            "start_text": chosen["start_date"],
            "plan_end_text": chosen["planned_end"],
            "end_text": chosen["forecast_end"].combine_first(chosen["approved_end"]),
        }
    )


def planning_table(stories: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table beside the pictures: per story with a slip, the largest first: code, title, planned
    end, expected end (forecast, else latest approved) as written, slip in days and its share."""
    rows = slip_rows(stories)
    return pd.DataFrame(
        {
            t("code", lang): rows["code"],
            t("title", lang): rows["title"].fillna(""),
            t("planned_end", lang): [schedule.date_text(v, lang) or fmt.MISSING for v in rows["planned_end"]],
            t("plan_expected_end", lang): [
                schedule.date_text(v, lang) or fmt.MISSING
                for v in rows["forecast_end"].combine_first(rows["approved_end"])
            ],
            t("slip_days", lang): [
                schedule.slip_cell(a, b) for a, b in zip(rows["slip_days_min"], rows["slip_days_max"], strict=True)
            ],
            t("plan_slip_share", lang): [
                fmt.percent(v, lang, signed=True) if not pd.isna(v) else fmt.MISSING for v in rows["slip_share_min"]
            ],
        }
    )


def late_table(stories: pd.DataFrame, empty_label: str, lang: str) -> pd.DataFrame:
    """The table beside late_by_line: per line, late, on time and unknown counts."""
    top = _top(stories)
    lines = top["programme_line"].fillna("")
    is_late, known = late(top), top["slip_days_min"].notna()
    order = list(dict.fromkeys(lines))
    return pd.DataFrame(
        {
            t("programme_line", lang): [n or empty_label for n in order],
            t("plan_late", lang): [int((is_late & (lines == n)).sum()) for n in order],
            t("plan_on_time", lang): [int((~is_late & known & (lines == n)).sum()) for n in order],
            t("plan_unknown", lang): [int((~known & (lines == n)).sum()) for n in order],
        }
    )
