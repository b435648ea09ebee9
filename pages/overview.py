"""Overview: KPI tiles, budget vs spent vs forecast per programme line, traffic lights, attention list."""

import streamlit as st

from pages import _shared as ui
from portfolio import analysis, charts, fmt
from portfolio.i18n import t

ctx = ui.context()
if ctx.report_id is None:
    st.stop()
lang = ctx.lang
ui.header(ctx, "page_overview")

totals = analysis.totals(ctx.cur, ctx.report_id)
ui.kpi_tiles(ctx, totals)
excluded = analysis.excluded(ctx.cur, ctx.report_id)
if excluded["n_stories"]:
    st.caption(t("excluded_note", lang, n=int(excluded["n_stories"]), budget=ctx.money(excluded["budget"])))

by_line = analysis.rollup(ctx.cur, ctx.report_id, "line")
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

matrix = analysis.status_matrix(ctx.cur, ctx.report_id)
st.subheader(t("status_matrix", lang))
st.dataframe(
    {
        t("programme_line", lang): [ui.group_label(n, lang, "line") for n in matrix["programme_line"]],
        t("track", lang): [ui.group_label(n, lang, "track") for n in matrix["track"]],
        charts.status_text("red", lang): matrix["n_red"].astype(int),
        charts.status_text("amber", lang): matrix["n_amber"].astype(int),
        charts.status_text("green", lang): matrix["n_green"].astype(int),
        charts.status_text("unknown", lang): matrix["n_unknown"].astype(int),
        t("budget", lang): [ctx.exact(v) for v in matrix["budget"]],
    },
    hide_index=True,
    width="stretch",
    key="status_matrix",
)

st.subheader(t("attention", lang))
flagged = analysis.attention(ctx.cur, ctx.report_id)
if flagged.empty:
    st.success(t("attention_none", lang))
else:
    reasons = [", ".join(t(key, lang) for key in keys) for keys in analysis.attention_reasons(flagged)]
    table = ui.stories_table(ctx, flagged)
    table.insert(3, t("reason", lang), reasons)
    table.insert(
        8,
        t("variance_pct", lang),
        [
            fmt.percent(v / b, lang, signed=True) if b else fmt.MISSING
            for v, b in zip(flagged["variance"], flagged["budget"])
        ],
    )
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
