"""Overview: KPI tiles, what changed since the previous report, spend vs forecast per line and per
story, honest traffic lights, and the stories that need attention."""

import streamlit as st

from pages import _shared as ui
from portfolio import analysis, charts, compare, fmt
from portfolio.i18n import t

ctx = ui.context()
if ctx.report_id is None:
    st.stop()
lang, cur, report_id, filters = ctx.lang, ctx.cur, ctx.report_id, ctx.filters
ui.header(ctx, "page_overview")
ui.filter_note(ctx)

# --- the figures, and how they moved since the previous report ------------------------------------
previous_id = analysis.previous_report_id(cur, ctx.programme_id, report_id)
totals = analysis.totals(cur, report_id, filters=filters)
previous = analysis.totals(cur, previous_id, filters=filters) if previous_id else None
ui.kpi_tiles(ctx, totals, previous)
excluded = analysis.excluded(cur, report_id)
if excluded["n_stories"]:
    st.caption(t("excluded_note", lang, n=int(excluded["n_stories"]), budget=ctx.money(excluded["budget"])))

stories = analysis.stories(cur, report_id, filters=filters)
if previous_id:
    earlier = analysis.report_info(cur, previous_id)
    with st.expander(t("since_previous", lang, date=fmt.date(earlier["report_date"], lang)), expanded=True):
        comparison = compare.compare_stories(analysis.stories(cur, previous_id, filters=filters), stories)
        ui.comparison_section(ctx, comparison, key="since_previous")

# --- spend versus forecast -----------------------------------------------------------------------------
by_line = analysis.rollup(cur, report_id, "line", filters=filters)
left, right = st.columns([3, 2])
with left:
    st.subheader(t("chart_by_line", lang))
    figure = charts.measures_by_group(by_line, t("programme_line", lang), t("none_line", lang), ctx.currency, lang)
    if figure is None:
        st.info(t("no_amounts", lang))
    else:
        st.plotly_chart(figure, width="stretch", key="chart_by_line")
with right:
    st.subheader(t("status_by_line", lang))
    st.plotly_chart(charts.status_by_group(by_line, t("none_line", lang), lang), width="stretch", key="status_by_line")

top = stories[stories["parent_code"].isna() & stories["in_totals"]]
variance_figure = charts.variance_by_story(top, ctx.currency, lang)
share_figure = charts.share_spent_by_group(by_line, t("none_line", lang), lang)
if variance_figure is not None or share_figure is not None:
    left, right = st.columns([3, 2])
    if variance_figure is not None:
        left.subheader(t("chart_variance", lang))
        left.plotly_chart(variance_figure, width="stretch", key="chart_variance")
    if share_figure is not None:
        right.subheader(t("chart_share_spent", lang))
        right.plotly_chart(share_figure, width="stretch", key="chart_share_spent")

trend_figure = charts.trend(analysis.trend(cur, ctx.programme_id, filters), ctx.currency, lang)
if trend_figure is not None:
    st.subheader(t("chart_trend", lang))
    st.plotly_chart(trend_figure, width="stretch", key="chart_trend")

# --- honest status ------------------------------------------------------------------------------------
st.subheader(t("status_matrix", lang))
ui.status_matrix_table(ctx, analysis.status_matrix(cur, report_id, filters=filters))
ui.rules_caption(ctx)

st.subheader(t("attention", lang))
flagged = analysis.attention(cur, report_id, filters=filters)
if flagged.empty:
    st.success(t("attention_none", lang))
else:
    table = ui.stories_table(ctx, flagged)
    table.insert(
        4, t("reason", lang), [", ".join(t(k, lang) for k in keys) for keys in analysis.attention_reasons(flagged)]
    )
    table.insert(9, t("variance_pct", lang), [fmt.percent(v, lang, signed=True) for v in flagged["variance_pct"]])
    event = st.dataframe(
        table,
        column_config=ui.story_columns(lang),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="attention",
    )
    ui.open_story_on_select(event, flagged)

ui.downloads(ctx)
