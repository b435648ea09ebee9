"""The whole page of the programme lines and of the tracks (pages/lines.py, pages/tracks.py): the
measures per group (click to drill down), then the stories inside the chosen group."""

from __future__ import annotations

import streamlit as st

from pages._ui.drill import clicked_bar, drill_down, stories_frame
from pages._ui.sidebar import context, filter_note, header
from pages._ui.tables import rollup_columns, rollup_table
from pages._ui.tiles import kpi_tiles
from portfolio import analysis, charts
from portfolio.export import group_label
from portfolio.i18n import t, tmd

GROUP_PAGES = {  # kind -> (page title, label, label for '', prompt, story filter argument)
    "line": ("page_lines", "programme_line", "none_line", "choose_line", "programme_line"),
    "track": ("page_tracks", "track", "none_track", "choose_track", "track"),
}


def group_page(kind: str) -> None:
    """The programme-lines and tracks pages: measures per group (click to drill down), then the stories inside."""
    title, label, empty, prompt, narrow = GROUP_PAGES[kind]
    ctx = context()
    if ctx.report_id is None:
        st.stop()
    lang = ctx.lang
    header(ctx, title)
    filter_note(ctx)
    rollup = analysis.rollup(ctx.cur, ctx.report_id, kind, filters=ctx.filters)
    event = st.dataframe(
        rollup_table(ctx, rollup, kind),
        column_config=rollup_columns(lang, ctx.currency),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{kind}s_table",
    )
    drill_down(event, rollup["group_name"], kind)  # the clicked group is shown below
    figure = charts.measures_by_group(rollup, t(label, lang), t(empty, lang), ctx.currency, lang)
    picked = None
    if figure is None:
        st.info(t("no_amounts", lang))
    else:
        picked = clicked_bar(figure, f"{kind}s_chart")
    status_figure = charts.status_by_group(rollup, t(empty, lang), lang)
    in_status = clicked_bar(status_figure, f"{kind}s_status")
    picked = in_status if in_status is not None else picked  # '' (no line/track) is a pick too
    if picked is not None:  # a bar clicked in either chart picks that group below
        st.session_state[kind] = picked
    chosen = st.selectbox(
        t(prompt, lang), rollup["group_name"].tolist(), key=kind, format_func=lambda n: group_label(n, lang, kind)
    )
    if chosen is not None:
        st.header(tmd("stories_in", lang, name=group_label(chosen, lang, kind)))
        kpi_tiles(ctx, analysis.totals(ctx.cur, ctx.report_id, filters=ctx.filters, **{narrow: chosen}))
        stories_frame(
            ctx,
            analysis.stories(ctx.cur, ctx.report_id, filters=ctx.filters, **{narrow: chosen}),
            key=f"{kind}_stories",
        )
