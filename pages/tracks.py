"""Tracks: the measures per track, then the stories inside the chosen track."""

import streamlit as st

from pages import _shared as ui
from portfolio import analysis, charts
from portfolio.i18n import t, tmd

ctx = ui.context()
if ctx.report_id is None:
    st.stop()
lang = ctx.lang
ui.header(ctx, "page_tracks")
ui.filter_note(ctx)

rollup = analysis.rollup(ctx.cur, ctx.report_id, "track", filters=ctx.filters)
event = st.dataframe(
    ui.rollup_table(ctx, rollup, "track"),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="tracks_table",
)
ui.drill_down(event, rollup["group_name"], "track")  # the clicked track is shown below
figure = charts.measures_by_group(rollup, t("track", lang), t("none_track", lang), ctx.currency, lang)
if figure is None:
    st.info(t("no_amounts", lang))
else:
    st.plotly_chart(figure, width="stretch", key="tracks_chart")
st.plotly_chart(charts.status_by_group(rollup, t("none_track", lang), lang), width="stretch", key="tracks_status")

names = rollup["group_name"].tolist()
chosen = st.selectbox(
    t("choose_track", lang), names, key="track", format_func=lambda n: ui.group_label(n, lang, "track")
)
if chosen is not None:
    st.subheader(tmd("stories_in", lang, name=ui.group_label(chosen, lang, "track")))
    ui.kpi_tiles(ctx, analysis.totals(ctx.cur, ctx.report_id, track=chosen, filters=ctx.filters))
    ui.stories_frame(
        ctx, analysis.stories(ctx.cur, ctx.report_id, track=chosen, filters=ctx.filters), key="track_stories"
    )
