"""Overview: KPI tiles, what changed since the previous report, spend vs forecast per line and per
story, honest traffic lights, and the stories that need attention."""

import streamlit as st

from pages._ui import downloads, drill, sections, session, sidebar, tables, tiles
from portfolio import analysis, charts, fmt
from portfolio.i18n import t


def overview(cur, report_id: int, programme_id: int, filters, currency: str, lang: str) -> analysis.Overview:
    """The overview's figures and charts of a report under filters, in a currency and language."""
    return analysis.overview(cur, report_id, programme_id, filters, then=charts.overview_steps(currency, lang))


WATERMELONS_LISTED = 5


def watermelon_warning(attention, lang: str) -> None:
    """How many stories are reported green while their figures say amber or red, and which (the worst
    first, as the attention table orders them); nothing when there are none."""
    watermelons = attention[attention["watermelon"]]  # a view: the shared answer is never changed
    if watermelons.empty:
        return
    shown = watermelons[["code", "title", "figures_status"]].head(WATERMELONS_LISTED)
    lines = [
        f"- {fmt.md(code)} · {fmt.md(title if isinstance(title, str) else '')} · "
        f"{t('figures_status', lang)}: {charts.status_text(light, lang)}"
        for code, title, light in shown.itertuples(index=False)
    ]
    n = len(watermelons)
    parts = [t("watermelon_alert_one", lang) if n == 1 else t("watermelon_alert", lang, n=n), "", *lines]
    if n > WATERMELONS_LISTED:
        parts += ["", t("watermelon_more", lang, n=n - WATERMELONS_LISTED, table=t("attention", lang))]
    st.warning("\n".join(parts), icon=":material/warning:")


ctx = sidebar.context()
if ctx.report_id is None:
    st.stop()
lang, cur, report_id, filters = ctx.lang, ctx.cur, ctx.report_id, ctx.filters
sidebar.header(ctx, "page_overview")
sidebar.filter_note(ctx)

# --- the figures, and how they moved since the previous report ------------------------------------
data = session.shared(
    overview, cur, report_id, ctx.programme_id, filters, ctx.currency, lang
)  # one answer for all sessions
figures = data.figures
# stories whose light is known, reported or by the figures (a report of unknown lights tells no all-clear)
known_lights = int(((data.stories["status"] != "unknown") | (data.stories["figures_status"] != "unknown")).sum())
tiles.kpi_tiles(ctx, data.totals, data.previous_totals)
watermelon_warning(data.attention, lang)  # the warning first, not only in the attention table far down
excluded = data.excluded
if excluded["n_stories"]:
    st.caption(t("excluded_note", lang, n=int(excluded["n_stories"]), budget=ctx.money(excluded["budget"])))

if data.previous_id:
    earlier = session.shared(analysis.report_info, cur, data.previous_id)
    with st.expander(t("since_previous", lang, date=fmt.date(earlier["report_date"], lang)), expanded=True):
        sections.comparison_section(ctx, data.comparison, key="since_previous", figure=figures["moves"])

# --- spend versus forecast -----------------------------------------------------------------------------
left, right = st.columns([3, 2])
with left:
    st.header(t("chart_by_line", lang))
    figure = figures["by_line"]
    if figure is None:  # no amounts: say whether the lights say anything instead
        st.info(t("no_amounts" if known_lights else "no_amounts_no_lights", lang))
    else:
        drill.open_group("line", drill.clicked_bar(figure, "chart_by_line"))  # a click drills down to the line
with right:
    st.header(t("status_by_line", lang))
    drill.open_group("line", drill.clicked_bar(figures["status_by_line"], "status_by_line"))

variance_figure, share_figure = figures["variance"], figures["share_spent"]
if variance_figure is not None or share_figure is not None:
    left, right = st.columns([3, 2])
    if variance_figure is not None:
        left.header(t("chart_variance", lang))
        drill.open_story(drill.clicked_bar(variance_figure, "chart_variance", left))
    if share_figure is not None:
        right.header(t("chart_share_spent", lang))
        drill.open_group("line", drill.clicked_bar(share_figure, "chart_share_spent", right))

trend_figure = figures["trend"]
if trend_figure is not None:
    st.header(t("chart_trend", lang))
    st.plotly_chart(trend_figure, width="stretch", key="chart_trend", config=drill.PLOTLY_CONFIG)
sections.quarterly_section(ctx, data.quarterly, figures["quarterly"])

# --- honest status ------------------------------------------------------------------------------------
st.header(t("status_matrix", lang))
tables.status_matrix_table(ctx, data.matrix)
tiles.rules_caption(ctx)

st.header(t("attention", lang))
flagged = data.attention
if flagged.empty and not known_lights and figures["by_line"] is None:
    st.info(t("attention_unknown", lang, n=int(data.totals["n_stories"])))  # nothing known: no green all-clear
elif flagged.empty:
    st.success(t("attention_none", lang))
else:
    table = tables.stories_table(ctx, flagged)
    table.insert(
        4, t("reason", lang), [", ".join(t(k, lang) for k in keys) for keys in analysis.attention_reasons(flagged)]
    )
    table.insert(9, t("variance_pct", lang), tables.amounts(flagged["variance_pct"]))
    event = st.dataframe(
        table,
        column_config=tables.story_columns(lang, ctx.currency),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="attention",
    )
    drill.open_story_on_select(event, flagged)

downloads.downloads(ctx)
