"""Programme lines: the measures per line, then the stories inside the chosen line."""

import streamlit as st

from pages import _shared as ui
from portfolio import analysis, charts
from portfolio.i18n import t, tmd

ctx = ui.context()
if ctx.report_id is None:
    st.stop()
lang = ctx.lang
ui.header(ctx, "page_lines")
ui.filter_note(ctx)

rollup = analysis.rollup(ctx.cur, ctx.report_id, "line", filters=ctx.filters)
event = st.dataframe(
    ui.rollup_table(ctx, rollup, "line"),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="lines_table",
)
ui.drill_down(event, rollup["group_name"], "line")  # the clicked line is shown below
figure = charts.measures_by_group(rollup, t("programme_line", lang), t("none_line", lang), ctx.currency, lang)
if figure is None:
    st.info(t("no_amounts", lang))
else:
    st.plotly_chart(figure, width="stretch", key="lines_chart")

names = rollup["group_name"].tolist()
chosen = st.selectbox(t("choose_line", lang), names, key="line", format_func=lambda n: ui.group_label(n, lang, "line"))
if chosen is not None:
    st.subheader(tmd("stories_in", lang, name=ui.group_label(chosen, lang, "line")))
    ui.kpi_tiles(ctx, analysis.totals(ctx.cur, ctx.report_id, programme_line=chosen, filters=ctx.filters))
    ui.stories_frame(
        ctx, analysis.stories(ctx.cur, ctx.report_id, programme_line=chosen, filters=ctx.filters), key="line_stories"
    )
