"""Tables: stories and roll-ups as frames with translated headers, and their column configs (amounts
as numbers in the report's currency, shares as percentages, missing as an empty cell)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui.sidebar import Context
from portfolio import charts, fmt
from portfolio.export import group_label
from portfolio.i18n import t

AMOUNT_COLUMNS = ("budget", "spent", "forecast", "variance")


# Streamlit's currency presets write the amount in the notation of the browser's language ('€ 1.105.000'
# in a Dutch browser, '€1,105,000' in an English one); other currencies get the plain localized number.
NUMBER_FORMATS = {"EUR": "euro", "USD": "dollar", "JPY": "yen"}


def amounts(values) -> list[float]:
    """Amounts for a table column: floats in whole currency units, missing as NaN (an empty cell)."""
    return pd.to_numeric(pd.Series(values), errors="coerce").astype("float64").tolist()


def money_column(currency: str, lang: str) -> st.column_config.NumberColumn:
    """A right-aligned amount column in whole currency units, sorting by value."""
    preset = NUMBER_FORMATS.get(currency)
    return st.column_config.NumberColumn(
        format=preset or "localized",
        step=1,
        help=None if preset else t("amounts_in", lang, currency=fmt.SYMBOLS.get(currency, currency)),
    )


def percent_column() -> st.column_config.NumberColumn:
    """A share (0.103 is 10,3%) with one decimal, right-aligned, sorting by value."""
    return st.column_config.NumberColumn(format="percent", step=0.001)


def table_height(rows: int) -> int:
    """A dataframe height that shows every row without an inner scrollbar."""
    return 38 + 35 * rows


def stories_table(ctx: Context, stories: pd.DataFrame) -> pd.DataFrame:
    """Stories as a readable table (codes, titles, amounts, light with icon and word)."""
    lang = ctx.lang
    judged = "figures_status" in stories  # an upload preview has no verdict yet
    return pd.DataFrame(
        {
            t("code", lang): stories["code"],
            t("title", lang): stories["title"].fillna(""),
            t("status", lang): [charts.status_text(s, lang) for s in stories["status"]],
            **(
                {t("figures_status", lang): [charts.status_text(s, lang) for s in stories["figures_status"]]}
                if judged
                else {}
            ),
            # numbers, not text: they sort by value and align right; missing stays empty (NaN), never 0
            **{t(name, lang): amounts(stories[name]) for name in AMOUNT_COLUMNS},
            t("status_note", lang): stories["status_note"].fillna(""),
        }
    )


def story_columns(lang: str, currency: str = "EUR") -> dict:
    """Column widths for story tables (titles and notes get the room) and number formats for amounts."""
    return {
        t("code", lang): st.column_config.TextColumn(width="small"),
        t("title", lang): st.column_config.TextColumn(width="medium"),
        t("status_note", lang): st.column_config.TextColumn(width="large"),
        **{t(name, lang): money_column(currency, lang) for name in AMOUNT_COLUMNS},
        t("variance_pct", lang): percent_column(),
    }


def rollup_table(ctx: Context, rollup: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A roll-up as a table: amounts and shares as numbers (missing: empty, never 0), counts by light
    (rollup_columns gives their formats)."""
    lang = ctx.lang
    column = t("programme_line" if kind == "line" else "track", lang)
    return pd.DataFrame(
        {
            column: [group_label(n, lang, kind) for n in rollup["group_name"]],
            t("n_stories", lang): rollup["n_stories"].astype(int),
            **{t(name, lang): amounts(rollup[name]) for name in (*AMOUNT_COLUMNS, "drift")},
            t("variance_pct", lang): amounts(rollup["variance_pct"]),
            t("share_spent", lang): amounts(rollup["share_spent"]),
            charts.status_text("red", lang): rollup["n_red"].astype(int),
            charts.status_text("amber", lang): rollup["n_amber"].astype(int),
            charts.status_text("green", lang): rollup["n_green"].astype(int),
            charts.status_text("unknown", lang): rollup["n_unknown"].astype(int),
        }
    )


def rollup_columns(lang: str, currency: str) -> dict:
    """Number formats for rollup_table: amounts in the report's currency, shares as percentages."""
    return {
        **{t(name, lang): money_column(currency, lang) for name in (*AMOUNT_COLUMNS, "drift")},
        t("variance_pct", lang): percent_column(),
        t("share_spent", lang): percent_column(),
    }


def status_matrix_table(ctx: Context, matrix: pd.DataFrame) -> None:
    """Reported lights per line x track: counts and budget-weighted shares, beside the figures' verdict."""
    lang = ctx.lang
    table = {
        t("programme_line", lang): [group_label(n, lang, "line") for n in matrix["programme_line"]],
        t("track", lang): [group_label(n, lang, "track") for n in matrix["track"]],
    }
    for status in ("red", "amber", "green", "unknown"):
        table[charts.status_text(status, lang)] = matrix[f"n_{status}"].astype(int)
    for status in ("red", "amber", "green"):
        table[t("budget_share", lang, status=charts.status_text(status, lang))] = [
            fmt.percent(v, lang) for v in matrix[f"share_{status}"]
        ]
    table[f"{t('figures_status', lang)}: {charts.status_text('red', lang)}"] = matrix["n_figures_red"].astype(int)
    table[f"{t('figures_status', lang)}: {charts.status_text('amber', lang)}"] = matrix["n_figures_amber"].astype(int)
    table[t("watermelons", lang)] = matrix["n_watermelons"].astype(int)
    table[t("budget", lang)] = [ctx.exact(v) for v in matrix["budget"]]
    st.dataframe(table, hide_index=True, width="stretch", key="status_matrix")
