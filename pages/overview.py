"""Overview: KPI tiles, what changed since the previous report, spend vs forecast per line and per
story, honest traffic lights, and the stories that need attention."""

import streamlit as st

from pages._ui import (
    downloads,
    drill,
    own_totals,
    planning_view,
    sections,
    session,
    sidebar,
    tables,
    tiles,
)
from pages._ui.narrative_view import report as report_narrative
from portfolio import analysis, charts, fmt, planning_charts, schedule
from portfolio import overview as report_overview
from portfolio.i18n import t


def overview(cur, report_id: int, programme_id: int, filters, currency: str, lang: str) -> report_overview.Overview:
    """The overview's figures and charts of a report under filters, in a currency and language."""
    return report_overview.overview(cur, report_id, programme_id, filters, then=charts.overview_steps(currency, lang))


WATERMELONS_LISTED = 5
ATTENTION_ROWS = 100  # the most urgent stories in the attention table; the downloads hold them all
CHART_GROUP_LABELS = {  # the overview's chart groups, one drawn at a time (in this order)
    "amounts": "overview_charts_amounts",
    "lights": "overview_charts_lights",
    "changes": "overview_charts_changes",
    "stories": "overview_charts_stories",
    "time": "overview_charts_time",
    "schedule": "overview_charts_schedule",
}


def watermelon_warning(attention, lang: str) -> None:
    """How many stories are reported green while their figures say amber or red or their end date moved
    beyond the margin, and which, with why (the worst first, as the attention table orders them);
    nothing when there are none."""
    watermelons = attention[attention["watermelon"]]  # a view: the shared answer is never changed
    if watermelons.empty:
        return
    lines = [  # why each is one: its figures, its end moved beyond the margin since the previous report, or both
        f"- {fmt.md(story['code'])} · {fmt.md(story['title'] if isinstance(story['title'], str) else '')} · "
        f"{schedule.watermelon_text(story, lang)}"  # our words and numbers only: nothing from the file
        for story in watermelons.head(WATERMELONS_LISTED).to_dict("records")
    ]
    n = len(watermelons)
    parts = [t("watermelon_alert_one", lang) if n == 1 else t("watermelon_alert", lang, n=n), "", *lines]
    if n > WATERMELONS_LISTED:
        parts += ["", t("watermelon_more", lang, n=n - WATERMELONS_LISTED, table=t("attention", lang))]
    st.warning("\n".join(parts), icon=":material/warning:")


def unexplained_warning(found, currency: str, lang: str) -> None:
    """How many stories (top level, in the totals) have a forecast more than UNEXPLAINED_VARIANCE off
    their budget and no status note (Overview.unexplained), and which, the largest variance first;
    nothing when none."""
    if found is None or found.empty:
        return
    found = found.assign(size=found["variance"].abs()).sort_values("size", ascending=False, kind="stable")
    pct = fmt.rule(analysis.UNEXPLAINED_VARIANCE, lang)
    n = len(found)
    lines = [
        f"- {fmt.md(code)} · {fmt.md(title if isinstance(title, str) else '')} · "
        f"{t('variance', lang)} {fmt.md(fmt.money(variance, currency, lang, signed=True))}"
        for code, title, variance in found[["code", "title", "variance"]]
        .head(WATERMELONS_LISTED)
        .itertuples(index=False)
    ]
    head = t("unexplained_alert_one", lang, pct=pct) if n == 1 else t("unexplained_alert", lang, n=n, pct=pct)
    parts = [head, "", *lines]
    if n > WATERMELONS_LISTED:
        parts += ["", t("unexplained_more", lang, n=n - WATERMELONS_LISTED)]
    st.warning("\n".join(parts), icon=":material/edit_note:")


def contents_text(contents: dict, lang: str) -> str:
    """What a report without amounts holds, exactly ('alleen stories, sporen en ambities; geen bedragen
    en geen stoplichten'): only what it names, never notes or lights it lacks."""
    named = (  # in the order the sentence names them
        ("programme_line", "contents_programme_line"),
        ("track", "contents_track"),
        ("owner", "contents_owner"),
        ("ambition", "contents_ambition"),
        ("lights", "contents_lights"),
        ("status_note", "contents_status_note"),
    )
    names = [t("contents_stories", lang)] + [t(key, lang) for field, key in named if contents[field]]
    what = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {t('and', lang)} {names[-1]}"
    return t("contents_no_amounts" if contents["lights"] else "contents_no_amounts_no_lights", lang, what=what)


ctx = sidebar.context()
if ctx.report_id is None:
    st.stop()
lang, cur, report_id, filters = ctx.lang, ctx.cur, ctx.report_id, ctx.filters
sidebar.header(ctx, "page_overview")

# --- the figures, and how they moved since the previous report ------------------------------------
data = session.shared(
    overview, cur, report_id, ctx.programme_id, filters, ctx.currency, lang
)  # one answer for all sessions
if filters.active and data.stories.empty:  # the filter left nothing, not the report: say so and stop
    sidebar.nothing_left(ctx)
sidebar.filter_note(ctx)
figures = data.figures
contents = data.contents  # what the report names at all
tiles.kpi_tiles(ctx, data.totals, data.previous_totals)
planning_view.summary(ctx, data.stories)  # the schedule beside the money (issue 22)
report_narrative(ctx)  # the introduction and what is asked of the board (issue 23)
watermelon_warning(data.attention, lang)  # the warning first, not only in the attention table far down
unexplained_warning(data.unexplained, ctx.currency, lang)
own_totals.open_warning(cur, report_id, lang, key="overview_accept_totals")  # until accepted
if not contents["amounts"]:  # say exactly what the report holds, before any empty chart
    st.info(contents_text(contents, lang))
excluded = data.excluded
if excluded["n_stories"]:
    st.caption(t("excluded_note", lang, n=int(excluded["n_stories"]), budget=ctx.money(excluded["budget"])))

earlier = None
if data.previous_id:
    earlier = session.shared(analysis.report_info, cur, data.previous_id)
    with st.expander(t("since_previous", lang, date=fmt.date(earlier["report_date"], lang)), expanded=True):
        sections.comparison_section(ctx, data.comparison, key="since_previous", chart=False)

# --- charts: one group at a time ---------------------------------------------------------------------------
# Only the chosen group is drawn (st.tabs and st.expander would draw every chart on every run): a
# first page or a filter change lays out one chart in the browser, not seven. Each plotly chart costs
# the browser about 0.3 s on this machine, whatever its size (bench/README.md, bench_browser.py).
by_line = figures["by_line"] if contents["programme_line"] else None
lights_by_line = figures["status_by_line"] if contents["programme_line"] and contents["lights"] else None
moves_figure = figures["moves"] if earlier is not None and not data.comparison.is_empty else None
share_figure = figures["share_spent"] if contents["programme_line"] else None
variance_figure, trend_figure = figures["variance"], figures["trend"]
groups = [
    name
    for name, shown in (
        ("amounts", by_line is not None),
        ("lights", lights_by_line is not None),
        ("changes", moves_figure is not None),
        ("stories", variance_figure is not None or share_figure is not None),
        ("time", trend_figure is not None or sections.has_quarters(data.quarterly)),
        ("schedule", planning_charts.has_schedule(data.stories)),  # issue 22: late stories, slip
    )
    if shown
]
if not contents["programme_line"]:  # one '(no programme line)' group would be the totals again
    st.caption(t("no_lines_note", lang))
chosen = None
if groups:
    chosen = sidebar.persistent_widget(
        st.segmented_control,
        t("overview_charts", lang),
        groups,
        "overview_charts",
        groups[0],
        format_func=lambda name: t(CHART_GROUP_LABELS[name], lang),
        url_key="charts",  # a shared link shows the same charts
        help=t("overview_charts_help", lang),
    )

if chosen == "amounts":
    st.header(t("chart_by_line", lang))
    drill.open_group("line", drill.clicked_bar(by_line, "chart_by_line"))  # a click drills down
elif chosen == "lights":
    st.header(t("status_by_line", lang))
    drill.open_group("line", drill.clicked_bar(lights_by_line, "status_by_line"))
elif chosen == "changes":
    st.header(t("chart_forecast_moves", lang, date=fmt.date(earlier["report_date"], lang)))
    drill.open_story(drill.clicked_bar(moves_figure, "since_previous_chart"))
elif chosen == "stories":  # over or under budget: per story, and spent per line
    left, right = st.columns([3, 2])
    if variance_figure is not None:
        left.header(t("chart_variance", lang))
        drill.open_story(drill.clicked_bar(variance_figure, "chart_variance", left))
    if share_figure is not None:
        right.header(t("chart_share_spent", lang))
        drill.open_group("line", drill.clicked_bar(share_figure, "chart_share_spent", right))
elif chosen == "time":
    if trend_figure is not None:
        st.header(t("chart_trend", lang))
        st.plotly_chart(trend_figure, width="stretch", key="chart_trend", config=drill.PLOTLY_CONFIG)
    sections.quarterly_section(ctx, data.quarterly, figures["quarterly"])
elif chosen == "schedule":
    planning_view.overview_section(ctx, data.stories)

# --- honest status ------------------------------------------------------------------------------------
if contents["lights"] or contents["amounts"]:  # else every cell would count unknown lights only
    st.header(t("status_matrix", lang))
    if not contents["programme_line"] and not contents["track"]:
        st.caption(t("no_groups_note", lang))
    else:
        if not contents["track"]:
            st.caption(t("no_tracks_note", lang))
        elif not contents["programme_line"]:
            st.caption(t("no_lines_table_note", lang))
        tables.status_matrix_table(ctx, data.matrix, lines=contents["programme_line"], tracks=contents["track"])
    tiles.rules_caption(ctx)

st.header(t("attention", lang))
flagged = data.attention
if flagged.empty and not contents["lights"] and not contents["amounts"]:
    st.info(t("attention_unknown", lang, n=int(data.totals["n_stories"])))  # nothing known: no green all-clear
elif flagged.empty:
    st.success(t("attention_none", lang))
else:
    total = len(flagged)
    flagged = flagged.head(ATTENTION_ROWS)  # the most urgent; thousands of rows cost a second to send
    table = tables.stories_table(ctx, flagged)
    # after the columns that matter (title, budget, forecast, variance, both lights), which fit 1440 px
    lights_end = list(table.columns).index(t("status", lang)) + (2 if t("figures_status", lang) in table else 1)
    table.insert(
        lights_end,
        t("reason", lang),
        [", ".join(t(k, lang) for k in keys) for keys in analysis.attention_reasons(flagged)],
    )
    table.insert(lights_end + 1, t("variance_pct", lang), tables.shares(flagged["variance_pct"]))
    event = st.dataframe(
        table,
        column_config=tables.story_columns(lang, ctx.currency),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="attention",
        row_height=tables.WRAPPING_ROW_HEIGHT,
    )
    drill.open_story_on_select(event, flagged)
    if total > ATTENTION_ROWS:
        st.caption(t("attention_more", lang, shown=ATTENTION_ROWS, total=total))

downloads.downloads(ctx)
