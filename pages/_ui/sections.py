"""Report sections more than one page shows: the changes between two reports, the quarterly overview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui.drill import PLOTLY_CONFIG, clicked_bar, open_story
from pages._ui.sidebar import Context
from pages._ui.tables import CODE_WIDTH, LIGHT_WIDTH, amounts, money_column
from portfolio import analysis, charts, fmt
from portfolio.export import quarterly_frame
from portfolio.i18n import change_counts, t

CHANGES_IN_TABLE = 100  # the largest changes in the table; the count above names them all
CHANGE_TITLE_WIDTH = 220  # the title beside the change columns; the whole title shows on hover


def comparison_section(ctx: Context, comparison, key: str, chart: bool = True) -> None:
    """Stories added and removed, forecast and light moves between two reports: counts, chart (unless
    `chart` is False: the overview draws it among its chart groups), table."""
    lang = ctx.lang
    if comparison.is_empty:
        st.caption(t("no_changes", lang))
        return
    st.caption(change_counts(comparison.counts(), lang))
    changed = analysis.by_size_of_change(comparison.changed)  # the largest change first
    total = len(changed)
    changed = changed.head(CHANGES_IN_TABLE)  # thousands of rows would cost the page a second to send
    if not changed.empty:
        figure = charts.forecast_moves(changed, ctx.currency, lang) if chart else None
        if figure is not None:
            open_story(clicked_bar(figure, f"{key}_chart"))
        was = f"({t('before', lang)})"
        retitled = ["title" in what for what in changed["changes"]]
        titles_before = (  # what a title was, only where its words changed
            {f"{t('title', lang)} {was}": [old if moved else "" for old, moved in zip(changed["title_old"], retitled)]}
            if any(retitled)
            else {}
        )
        amount_columns = {  # the change itself first, then what the forecast was and is
            t("move", lang): amounts(changed["forecast_move"]),
            f"{t('forecast', lang)} {was}": amounts(changed["forecast_old"]),
            t("forecast", lang): amounts(changed["forecast_new"]),
        }
        for measure in ("budget", "spent"):  # their changes only where one moved (else a column of € 0)
            moves = changed[f"{measure}_move"]
            if (moves.fillna(0) != 0).any() or (
                changed[f"{measure}_old"].isna() != changed[f"{measure}_new"].isna()
            ).any():
                amount_columns[t(f"{measure}_move", lang)] = amounts(moves)
        lights = [  # one column: the light now, after what it was when it changed
            charts.status_text(new, lang)
            if old == new
            else f"{charts.status_text(old, lang)} → {charts.status_text(new, lang)}"
            for old, new in zip(changed["status_old"], changed["status_new"])
        ]
        st.caption(t("moves_sorted", lang))
        st.dataframe(
            pd.DataFrame(
                {
                    t("code", lang): changed["code"],
                    t("title", lang): changed["title"],
                    t("what_changed", lang): [", ".join(t(name, lang) for name in what) for what in changed["changes"]],
                    **titles_before,
                    **amount_columns,
                    t("status", lang): lights,
                    t("status_move", lang): [t(f"move_{m}", lang) for m in changed["status_move"]],
                }
            ),
            column_config={
                t("code", lang): st.column_config.TextColumn(width=CODE_WIDTH),
                t("title", lang): st.column_config.TextColumn(width=CHANGE_TITLE_WIDTH),
                **{label: st.column_config.TextColumn(width=CHANGE_TITLE_WIDTH) for label in titles_before},
                t("status", lang): st.column_config.TextColumn(width=2 * LIGHT_WIDTH),
                **{label: money_column(ctx.currency, lang) for label in amount_columns},
            },
            hide_index=True,
            width="stretch",
            key=f"{key}_table",
        )
    if total > CHANGES_IN_TABLE:
        st.caption(t("changes_largest", lang, shown=CHANGES_IN_TABLE, total=total))
    for label, frame in ((t("added", lang), comparison.added), (t("removed", lang), comparison.removed)):
        if not frame.empty:
            st.caption(
                f"**{label}:** "
                + "; ".join(fmt.md(f"{c} {s or ''}".strip()) for c, s in zip(frame["code"], frame["title"]))
            )
    for key, frame in (
        ("sub_items_removed", comparison.sub_items_removed),
        ("sub_items_added", comparison.sub_items_added),
    ):
        if not frame.empty:  # an export that leaves out (or adds) a story's breakdown: not stories removed (added)
            by_parent = frame.groupby("parent_code", sort=False)["code"].agg(list)
            st.caption(
                f"**{t(key, lang)}:** "
                + "; ".join(
                    f"{fmt.md(t('sub_item_of', lang, parent=parent))}: {fmt.md(', '.join(codes))}"
                    for parent, codes in by_parent.items()
                )
            )
    if not comparison.retitled.empty:
        st.caption(
            f"**{t('retitled', lang)}:** "
            + "; ".join(
                fmt.md(f"{c} {s or ''}".strip())
                for c, s in zip(comparison.retitled["code"], comparison.retitled["title"])
            )
        )


def has_quarters(frame: pd.DataFrame) -> bool:
    """Whether the quarterly overview has something the tiles do not say: more than one quarter or
    more than one budget year."""
    return len(set(zip(frame["year"], frame["quarter"]))) > 1 or frame["period_class"].nunique() > 1


def quarterly_section(ctx: Context, frame: pd.DataFrame, figure) -> None:
    """The OWO quarterly overview: chart of the last quarters, then every quarter in a table."""
    lang = ctx.lang
    n_quarters = len(set(zip(frame["year"], frame["quarter"])))
    if not has_quarters(frame):
        return  # one quarter, one budget year: the tiles above already say it
    st.header(t("chart_quarterly", lang))
    st.caption(t("quarterly_intro", lang))
    if figure is not None:
        st.plotly_chart(figure, width="stretch", key="chart_quarterly", config=PLOTLY_CONFIG)
        if n_quarters > charts.QUARTERS_IN_CHART:
            st.caption(t("quarterly_more", lang, shown=charts.QUARTERS_IN_CHART, total=n_quarters))
    latest = frame[frame["report_date"] == frame["report_date"].max()]
    unknown = int(latest.loc[latest["period_class"] == "unknown", "n_stories"].sum())
    if unknown:
        st.caption(t("quarterly_unknown", lang, n=unknown))
    table = quarterly_frame(lang, frame.iloc[::-1])  # newest quarter first
    table[t("report_date", lang)] = [fmt.date(d, lang) for d in table[t("report_date", lang)]]
    for measure in ("budget", "spent", "remaining", "forecast"):
        column = t(measure, lang)
        table[column] = [ctx.exact(v) for v in table[column]]
    with st.expander(t("page_quarterly", lang)):
        st.dataframe(table, hide_index=True, width="stretch", key="quarterly_table")
