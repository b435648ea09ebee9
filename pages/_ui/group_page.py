"""The whole page of the programme lines and of the tracks (pages/lines.py, pages/tracks.py): the
measures per group (click a row or a bar to drill down), the chosen group's stories right under the
table, then a chart on demand (amounts or lights per group). The chosen group is in the URL (?chosen_line=... or ?chosen_track=...; ?line= and
?track= are the sidebar's filters) and restored from it."""

from __future__ import annotations

import streamlit as st

from pages._ui import links, planning_view, url
from pages._ui.drill import STORIES_ANCHOR, clicked_bar, drill_down, scroll_to, stories_frame
from pages._ui.narrative_view import group as group_narrative
from pages._ui.sidebar import Context, context, filter_note, header, nothing_left, persistent_widget
from pages._ui.tables import PLACEHOLDER, WRAPPING_ROW_HEIGHT, rollup_columns, rollup_table
from pages._ui.tiles import kpi_tiles
from portfolio import analysis, charts
from portfolio.export import group_label
from portfolio.i18n import t, tmd

GROUP_PAGES = {  # kind -> (page title, label, label for '', prompt, story filter argument)
    "line": ("page_lines", "programme_line", "none_line", "choose_line", "programme_line"),
    "track": ("page_tracks", "track", "none_track", "choose_track", "track"),
}
URL_KEYS = {"line": "chosen_line", "track": "chosen_track"}
GROUP_CHARTS = {"amounts": "group_charts_amounts", "lights": "group_charts_lights"}  # ?chart=, none by default
# kind -> (the other kind, its page, its title, what this page says when the report has no groups of this kind)
OTHER = {
    "line": ("track", "pages/tracks.py", "page_tracks", "no_lines"),
    "track": ("line", "pages/lines.py", "page_lines", "no_tracks"),
}


def without_groups(ctx, kind: str) -> None:
    """The report names no line (or no track) at all: say so, and where to look instead."""
    other, page, title, explained = OTHER[kind]
    st.info(t(explained, ctx.lang), icon=":material/info:")
    if [v for v in analysis.filter_options(ctx.cur, ctx.report_id).get(other, []) if v]:
        st.page_link(page, label=t(title, ctx.lang), icon=":material/arrow_forward:")
    st.page_link("pages/overview.py", label=t("page_overview", ctx.lang), icon=":material/dashboard:")


def group_chart(ctx: Context, rollup, kind: str, label: str, empty: str) -> str | None:
    """The amounts or the lights per group, drawn only once chosen (each plotly chart costs the browser
    about 0.3 s: page to page stays near a bare Streamlit page); the choice is kept across pages and in
    the URL. Returns the group whose bar was clicked, if any ('' is the no-line/track group)."""
    lang = ctx.lang
    chosen = persistent_widget(
        st.segmented_control,
        t("group_charts", lang),
        list(GROUP_CHARTS),
        "group_chart",
        None,
        url_key="chart",
        format_func=lambda name: t(GROUP_CHARTS[name], lang),
        help=t("group_charts_help", lang),
    )
    if chosen == "amounts":
        figure = charts.measures_by_group(rollup, t(label, lang), t(empty, lang), ctx.currency, lang)
        if figure is None:
            st.info(t("no_amounts", lang))
            return None
        return clicked_bar(figure, f"{kind}s_chart")
    if chosen == "lights":
        return clicked_bar(charts.status_by_group(rollup, t(empty, lang), lang), f"{kind}s_status")
    return None


def group_page(kind: str) -> None:
    """The programme-lines and tracks pages: measures per group, the chosen group's stories, the charts."""
    title, label, empty, prompt, narrow = GROUP_PAGES[kind]
    from_url = st.query_params.get(URL_KEYS[kind])  # read before the sidebar rewrites the URL
    ctx = context()
    if ctx.report_id is None:
        st.stop()
    lang = ctx.lang
    header(ctx, title)
    if not [v for v in analysis.filter_options(ctx.cur, ctx.report_id).get(kind, []) if v]:
        without_groups(ctx, kind)
        st.stop()
    rollup = analysis.rollup(ctx.cur, ctx.report_id, kind, filters=ctx.filters)
    if ctx.filters.active and rollup.empty:  # the filter left nothing: no empty table, no empty picker
        nothing_left(ctx)
    filter_note(ctx)
    names = rollup["group_name"].tolist()
    event = st.dataframe(
        rollup_table(ctx, rollup, kind),
        column_config=rollup_columns(lang, ctx.currency, kind),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{kind}s_table",
        row_height=WRAPPING_ROW_HEIGHT,
        placeholder=PLACEHOLDER,
    )
    picked_row = drill_down(event, rollup["group_name"], kind)
    # the charts come below the stories; a bar clicked there is read before the choice is drawn
    charts_area = st.container()
    below = st.container()
    with below:
        picked = group_chart(ctx, rollup, kind, label, empty)
    if picked is not None:  # a bar clicked in either chart picks that group
        st.session_state[kind] = picked
    if st.session_state.get(kind) not in names and from_url in names:
        st.session_state[kind] = from_url  # a shared link opens on the group it names
    elif kind not in st.session_state and names:  # a link naming a group that is not there: say so
        links.group(kind, from_url, names, names[0], lambda n, lang: group_label(n, lang, kind))
    with charts_area:
        chosen = st.selectbox(t(prompt, lang), names, key=kind, format_func=lambda n: group_label(n, lang, kind))
        if chosen is None:
            return
        links.show(lang, **{kind: chosen})
        url.set(URL_KEYS[kind], chosen)
        st.header(tmd("stories_in", lang, name=group_label(chosen, lang, kind)), anchor=STORIES_ANCHOR)
        group_narrative(ctx, kind, chosen)  # delivered, at risk, next (issue 23)
        kpi_tiles(ctx, analysis.totals(ctx.cur, ctx.report_id, filters=ctx.filters, **{narrow: chosen}))
        stories = analysis.stories(ctx.cur, ctx.report_id, filters=ctx.filters, **{narrow: chosen})
        stories_frame(ctx, stories, key=f"{kind}_stories")
        planning_view.group_section(ctx, stories, group_label(chosen, lang, kind), key=kind)  # issue 22
        if picked_row or picked is not None:  # a click picked the group: bring its stories into view
            scroll_to(STORIES_ANCHOR, chosen)
