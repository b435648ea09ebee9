"""Tables: stories and roll-ups as frames with translated headers, and their column configs (amounts
as numbers in the report's currency, shares as percentages, missing as a dash, never 0).

Fitting 1440 px: the columns that matter come first (title, budget, forecast, variance, both lights)
with fixed widths that add up to less than the page's width beside the sidebar; the rest follows
(the table scrolls sideways only for those)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui.sidebar import Context
from portfolio import charts, fmt, schedule
from portfolio.export import group_label
from portfolio.i18n import t

AMOUNT_COLUMNS = ("budget", "spent", "forecast", "variance")
# What an empty cell shows (st.dataframe's placeholder; Streamlit's own is the English word 'None').
# The column stays numeric and sorts by value; the dash is fmt's sign for a missing amount, never 0.
PLACEHOLDER = fmt.MISSING
# Column widths in pixels. The main area beside the sidebar is ~980 px wide at 1440 px; the columns that
# matter add up to less: 64 + 280 + 3 x 112 + 2 x 112 (stories), 200 + 3 x 112 + 84 + 4 x 80 (roll-ups),
# with the 32 px selection column beside them.
CODE_WIDTH = 64  # '17-03', '3.1.1-1'
TITLE_WIDTH = 220  # a title, wrapping onto three lines (WRAPPING_ROW_HEIGHT); pinned, so it stays in view
GROUP_WIDTH = 200  # a programme line's or track's name
AMOUNT_WIDTH = 112  # '€ 10.000.000'
SHARE_WIDTH = 84  # '-17,5%'
LIGHT_WIDTH = 112  # a light's icon and word: '? Onbekend'
COUNT_WIDTH = 80  # a count of stories under a light's header
# A row this high lets a cell's text wrap onto a second and third line (Streamlit wraps from 4rem up):
# a programme's whole name, 'Slechter sinds vorige' in full, never cut.
WRAPPING_ROW_HEIGHT = 66
NAME_WIDTH = 170  # a programme's name, wrapping onto three lines ('Informatiseringsjaarplan')


# Streamlit's currency presets write the amount in the notation of navigator.languages, which app.py sets
# to the app's language ('€ 1.105.000' on a Dutch page, '€1,105,000' on an English one, whatever the
# browser's own language); other currencies get the plain localized number (its dollar preset writes '$'
# where fmt writes 'US$', ambiguous beside C$ and A$).
NUMBER_FORMATS = {"EUR": "euro"}  # other signs as fmt.symbol writes them ('US$', 'C$') in the column's help


def amounts(values) -> list[float]:
    """Amounts for a table column as fmt writes them (whole currency units, half up), missing as NaN (an
    empty cell). Rounded here because the browser cuts digits off (NumberColumn's step) where fmt rounds."""
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")
    return [fmt.shown_amount(v) for v in numbers]


def shares(values) -> list[float]:
    """Shares for a percentage column as fmt writes them (-7,7% is -0.077, half up), missing as NaN. The
    browser then cuts nothing off: the table says what the tiles, exports and report say."""
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")
    return [fmt.shown_share(v) for v in numbers]


def money_column(currency: str, lang: str, label: str | None = None, help: str | None = None):
    """A right-aligned amount column in whole currency units, sorting by value."""
    preset = NUMBER_FORMATS.get(currency)
    unit = None if preset else t("amounts_in", lang, currency=fmt.symbol(currency, lang))
    return st.column_config.NumberColumn(
        label=label,
        format=preset or "localized",
        step=1,
        width=AMOUNT_WIDTH,
        help=" ".join(h for h in (help, unit) if h) or None,
    )


def amounts_column(currency: str | None, lang: str):
    """An amount column of a table of one currency (money_column), or of several: plain grouped whole
    units, each row's currency in a column beside it, never a sign that is wrong for some rows."""
    if currency:
        return money_column(currency, lang)
    return st.column_config.NumberColumn(format="localized", step=1, width=AMOUNT_WIDTH)


def name_column() -> st.column_config.TextColumn:
    """A programme's name, wrapping (with WRAPPING_ROW_HEIGHT) rather than cut."""
    return st.column_config.TextColumn(width=NAME_WIDTH)


def percent_column(
    label: str | None = None, help: str | None = None, width: int = SHARE_WIDTH
) -> st.column_config.NumberColumn:
    """A share (0.103 is 10,3%) with fmt's decimals for shares, right-aligned, sorting by value. Its
    values come from shares(): the step cuts digits off, so they must be rounded already. `width`: wider
    where the header is longer than the figure ('Rood volgens cijfers')."""
    step = 10.0 ** -(fmt.DECIMALS["share"] + 2)
    return st.column_config.NumberColumn(label=label, format="percent", step=step, width=width, help=help)


def light_column() -> st.column_config.TextColumn:
    return st.column_config.TextColumn(width=LIGHT_WIDTH)


def table_height(rows: int) -> int:
    """A dataframe height that shows every row without an inner scrollbar."""
    return 38 + 35 * rows


def stories_table(ctx: Context, stories: pd.DataFrame) -> pd.DataFrame:
    """Stories as a readable table: title, budget, forecast, variance and both lights first, then spent
    and the note (story_columns gives their widths and formats)."""
    lang = ctx.lang
    judged = "figures_status" in stories  # an upload preview has no verdict yet
    # numbers, not text: they sort by value and align right; missing stays missing (NaN), never 0
    return pd.DataFrame(
        {
            t("code", lang): stories["code"],
            t("title", lang): stories["title"].fillna(""),
            **{t(name, lang): amounts(stories[name]) for name in ("budget", "forecast", "variance")},
            t("status", lang): [charts.status_text(s, lang) for s in stories["status"]],
            **(
                {t("figures_status", lang): [charts.status_text(s, lang) for s in stories["figures_status"]]}
                if judged
                else {}
            ),
            t("spent", lang): amounts(stories["spent"]),
            **(
                {
                    t("slip_days", lang): [
                        schedule.slip_cell(low, high)
                        for low, high in zip(stories["slip_days_min"], stories["slip_days_max"], strict=True)
                    ]
                }
                if _has_dates(stories)
                else {}
            ),
            t("status_note", lang): stories["status_note"].fillna(""),
        }
    )


def _has_dates(stories: pd.DataFrame) -> bool:
    """Whether any story names an end date: only then a slip column (of a report without dates it
    would say nothing but dashes)."""
    names = [n for n in ("planned_end", "approved_end", "forecast_end") if n in stories]
    return bool(names) and bool(stories[names].notna().to_numpy().any())


def story_columns(lang: str, currency: str = "EUR") -> dict:
    """Column widths for story tables and number formats for amounts. The title is pinned and wraps (with
    row_height=WRAPPING_ROW_HEIGHT): where the screen is narrower than the table (below about 1300 px)
    the figures scroll sideways beside the story they belong to, and no title is cut."""
    return {
        t("code", lang): st.column_config.TextColumn(width=CODE_WIDTH),
        t("title", lang): st.column_config.TextColumn(width=TITLE_WIDTH, pinned=True),
        t("report_date", lang): st.column_config.TextColumn(width=TITLE_WIDTH // 2, pinned=True),
        t("status", lang): light_column(),
        t("figures_status", lang): light_column(),
        t("status_note", lang): st.column_config.TextColumn(width="large"),
        **{t(name, lang): money_column(currency, lang) for name in AMOUNT_COLUMNS},
        t("variance_pct", lang): percent_column(),
    }


def rollup_table(ctx: Context, rollup: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A roll-up as a table: the group, budget, forecast, variance and the counts by light first, then
    the rest; amounts and shares as numbers (missing: a dash, never 0). rollup_columns gives the formats."""
    lang = ctx.lang
    column = t("programme_line" if kind == "line" else "track", lang)
    return pd.DataFrame(
        {
            column: [group_label(n, lang, kind) for n in rollup["group_name"]],
            **{t(name, lang): amounts(rollup[name]) for name in ("budget", "forecast", "variance")},
            t("variance_pct", lang): shares(rollup["variance_pct"]),
            **{charts.status_text(s, lang): rollup[f"n_{s}"].astype(int) for s in ("red", "amber", "green", "unknown")},
            t("n_stories", lang): rollup["n_stories"].astype(int),
            t("spent", lang): amounts(rollup["spent"]),
            t("share_spent", lang): shares(rollup["share_spent"]),
            t("drift", lang): amounts(rollup["drift"]),
        }
    )


def rollup_columns(lang: str, currency: str, kind: str = "line") -> dict:
    """Widths and number formats for rollup_table: amounts in the report's currency, shares as
    percentages, short headers (the full name in the column's help)."""
    counts = {
        charts.status_text(s, lang): st.column_config.NumberColumn(
            width=COUNT_WIDTH, help=t("rollup_count_help", lang, status=t(s, lang))
        )
        for s in ("red", "amber", "green", "unknown")
    }
    return {
        # pinned and wrapping (row_height=WRAPPING_ROW_HEIGHT): the figures scroll beside their group
        t("programme_line" if kind == "line" else "track", lang): st.column_config.TextColumn(
            width=GROUP_WIDTH, pinned=True
        ),
        **{t(name, lang): money_column(currency, lang) for name in AMOUNT_COLUMNS},
        t("drift", lang): money_column(currency, lang, label=t("drift_short", lang), help=t("drift", lang)),
        t("variance_pct", lang): percent_column(),
        t("share_spent", lang): percent_column(label=t("share_spent_short", lang), help=t("share_spent", lang)),
        t("n_stories", lang): st.column_config.NumberColumn(
            label=t("n_stories_short", lang), width=COUNT_WIDTH, help=t("n_stories", lang)
        ),
        **counts,
    }


FIGURES_COUNT_WIDTH = 150  # 'Volgens cijfers: ✖ Rood'
WATERMELON_WIDTH = 140  # 'Groen, cijfers niet'
# line 200 + 4 counts x 80 + 2 x 150 + 140 = 960 px: the columns that matter fit beside the sidebar at 1440 px


def status_matrix_table(ctx: Context, matrix: pd.DataFrame, lines: bool = True, tracks: bool = True) -> None:
    """Reported lights per line x track: counts beside the figures' verdict and the watermelons first (they
    fit 1440 px), then the budget and the budget-weighted shares. A report without tracks (or lines) has no
    column of '(no track)' in every row."""
    lang = ctx.lang
    table: dict = {}
    config: dict = {}
    for shown, column, kind in ((lines, "programme_line", "line"), (tracks, "track", "track")):
        if shown or not (lines or tracks):
            label = t(column, lang)
            table[label] = [group_label(n, lang, kind) for n in matrix[column]]
            config[label] = st.column_config.TextColumn(width=GROUP_WIDTH, pinned=True)
    for status in ("red", "amber", "green", "unknown"):
        label = charts.status_text(status, lang)
        table[label] = matrix[f"n_{status}"].astype(int)
        config[label] = st.column_config.NumberColumn(width=COUNT_WIDTH)
    for status in ("red", "amber"):
        label = f"{t('figures_status', lang)}: {charts.status_text(status, lang)}"
        table[label] = matrix[f"n_figures_{status}"].astype(int)
        config[label] = st.column_config.NumberColumn(width=FIGURES_COUNT_WIDTH)
    label = t("pf_watermelons", lang)  # the short header the portfolio page uses; the whole sentence in help
    table[label] = matrix["n_watermelons"].astype(int)
    config[label] = st.column_config.NumberColumn(width=WATERMELON_WIDTH, help=t("pf_help_watermelons", lang))
    # the budget and the shares as numbers (right-aligned, sorting by value, a dash where missing)
    table[t("budget", lang)] = amounts(matrix["budget"])
    config[t("budget", lang)] = money_column(ctx.currency, lang)
    for status in ("red", "amber", "green"):
        label = t("budget_share", lang, status=charts.status_text(status, lang))
        table[label] = shares(matrix[f"share_{status}"])
        config[label] = percent_column()
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="status_matrix",
        column_config=config,
        placeholder=PLACEHOLDER,
        row_height=WRAPPING_ROW_HEIGHT,
    )
