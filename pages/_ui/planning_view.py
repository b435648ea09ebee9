"""The schedule's pictures on a page, each with its table beside it (issue 22): late stories per line and
the slip per story on the overview, a line's (or track's) timeline on its page. A bar opens its line or
story. Drawn only where the report has end dates to judge."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui.drill import clicked_bar, open_group, open_story
from pages._ui.session import shared
from pages._ui.sidebar import Context
from pages._ui.tables import PLACEHOLDER
from portfolio import analysis, fmt, planning_charts, schedule
from portfolio.i18n import t


def _milestones_of(ctx: Context, codes: pd.Series, report_id: int | None = None) -> pd.DataFrame:
    """The milestones of these stories in the report (the page's, unless named): the report's, asked once for
    every session until the database changes (session.shared, as the overview's figures are), then the
    stories' taken from them."""
    every = shared(analysis.milestones, ctx.cur, ctx.report_id if report_id is None else report_id)
    return every[every["code"].isin(codes.astype(str))].reset_index(drop=True)


def overview_section(ctx: Context, stories: pd.DataFrame) -> None:
    """Late stories per programme line (a bar opens the line), and the slip per story, largest first
    (a bar opens the story); each with its table."""
    lang = ctx.lang
    none_line = t("none_line", lang)
    figure = planning_charts.late_by_line(stories, none_line, lang)
    if figure is None:
        st.info(t("plan_none", lang))
        return
    st.header(t("chart_late_by_line", lang))
    left, right = st.columns([3, 2])
    picked = clicked_bar(figure, "chart_late_by_line", left)
    right.dataframe(planning_charts.late_table(stories, none_line, lang), hide_index=True, key="late_by_line_table")
    open_group("line", picked)
    st.header(t("chart_slip", lang))
    slip = planning_charts.slip_by_story(stories, lang)
    if slip is None:
        st.caption(t("plan_no_slip", lang))
        return
    left, right = st.columns([3, 2])
    code = clicked_bar(slip, "chart_slip", left)
    right.dataframe(
        planning_charts.planning_table(stories, lang),
        hide_index=True,
        key="slip_table",
        placeholder=PLACEHOLDER,
    )
    open_story(code)


def group_section(ctx: Context, stories: pd.DataFrame, name: str, key: str) -> None:
    """A line's (or track's) timeline, planned against expected with today's line, and its stories with a
    slip beside it, the largest first; nothing where none of its stories has a start and an end."""
    lang = ctx.lang
    milestones = _milestones_of(ctx, stories["code"])
    figure = planning_charts.timeline(stories, lang, milestones=milestones)
    if figure is None:
        return
    st.subheader(t("chart_timeline", lang, name=name))
    left, right = st.columns([3, 2])
    open_story(clicked_bar(figure, f"{key}_timeline", left))
    if not milestones.empty:  # the markers' table, for those who cannot see the picture
        left.markdown(f"**{t('milestones', lang)}**")
        left.dataframe(
            planning_charts.milestone_table(milestones, lang, with_code=True),
            hide_index=True,
            key=f"{key}_milestone_table",
            placeholder=PLACEHOLDER,
        )
    table = planning_charts.planning_table(stories, lang)
    if table.empty:
        right.caption(t("plan_no_slip", lang))
    else:
        box = right.container(key=f"{key}_slip_box")  # a key a browser can find it by
        box.markdown(f"**{t('plan_late_here', lang)}**")
        box.dataframe(table, hide_index=True, key=f"{key}_slip_table", placeholder=PLACEHOLDER)


def summary(ctx: Context, stories: pd.DataFrame) -> None:
    """One line under the overview's tiles, the schedule beside the money: how many stories are late of
    those that can be judged, and the largest slip; nothing where no story's schedule can be judged."""
    top = stories[stories["parent_code"].isna() & stories["in_totals"]]
    milestones = _milestones_of(ctx, top["code"])
    planned = int(milestones["planned_last"].notna().sum())
    if planned:  # missed: planned date passed before the report date, not achieved
        st.caption(t("plan_summary_missed", ctx.lang, missed=int(milestones["missed"].sum()), planned=planned))
    if not planning_charts.has_schedule(top):
        return
    late = planning_charts.late(top)
    known = int(top["slip_days_min"].notna().sum())
    rows = planning_charts.slip_rows(top)
    rows = rows[rows["slip_days_min"] > 0]
    if rows.empty:
        st.caption(t("plan_summary_none", ctx.lang, known=known))
        return
    worst = rows.iloc[0]
    days = schedule.slip_cell(worst["slip_days_min"], worst["slip_days_max"])
    code = fmt.md(worst["code"])  # from the file
    st.caption(t("plan_summary", ctx.lang, late=int(late.sum()), known=known, days=days, code=code))


def compare_section(ctx: Context, older: int, newer: int) -> None:
    """On the compare page, the schedule beside the money: the stories whose expected end moved between the
    two reports, the largest move first (nothing where neither report has end dates); then what changed in
    the milestones (nothing where neither report has milestones)."""
    old, new = (analysis.stories(ctx.cur, r, filters=ctx.filters) for r in (older, newer))
    if planning_charts.has_schedule(old) or planning_charts.has_schedule(new):
        _end_moves_section(ctx, old, new)
    _milestone_changes_section(ctx, (older, old), (newer, new))


def _milestone_changes_section(ctx: Context, older: tuple[int, pd.DataFrame], newer: tuple[int, pd.DataFrame]) -> None:
    """What changed in the milestones of the stories shown (the filter's), most telling first; nothing where
    neither report has milestones."""
    old, new = (_milestones_of(ctx, stories["code"], report_id=report_id) for report_id, stories in (older, newer))
    if old.empty and new.empty:
        return
    table = planning_charts.milestone_changes_table(schedule.milestone_changes(old, new), ctx.lang)
    _table_section(ctx.lang, "compare_milestones", "compare_milestones_none", table, "compare_milestone_changes")


def _end_moves_section(ctx: Context, old: pd.DataFrame, new: pd.DataFrame) -> None:
    table = planning_charts.end_moves_table(schedule.end_moves(old, new), ctx.lang)
    _table_section(ctx.lang, "compare_end_moves", "compare_end_moves_none", table, "compare_end_moves")


def _table_section(lang: str, title: str, nothing: str, table: pd.DataFrame, key: str) -> None:
    """A header and its table; under the header a line saying there is nothing, where the table is empty."""
    st.header(t(title, lang))
    if table.empty:
        st.caption(t(nothing, lang))
        return
    st.dataframe(table, hide_index=True, width="stretch", key=key, placeholder=PLACEHOLDER)
