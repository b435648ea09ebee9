"""KPI tiles: the report's totals at a glance, and the rules behind the light the figures give."""

from __future__ import annotations

import math

import streamlit as st

from pages._ui.session import shared
from pages._ui.sidebar import Context
from portfolio import analysis, fmt
from portfolio.i18n import t

# Tile values never cut ("€ 310,2 ..."): a smaller figure than Streamlit's 2.25rem that shrinks with the
# window, and every tile as high as the highest (a delta under one tile would push its caption down).
TILE_STYLE = (
    "<style>[data-testid='stMetricValue']{font-size:clamp(1.25rem,1.9vw,1.875rem)}"
    "[data-testid='stMetricValue'] > div{overflow:visible;text-overflow:clip}"
    # a long label ('Besteed van budget') wraps between words and a long word ('Besteed/verplicht') fits at 1280 px
    "[data-testid='stMetricLabel'] p{white-space:normal;overflow:visible;text-overflow:clip;line-height:1.2;"
    "word-break:normal;overflow-wrap:normal;font-size:clamp(0.75rem,0.95vw,0.875rem)}</style>"
)
TILE_HEIGHT = 118  # pixels: label, value and one delta line


def compact(value) -> float:
    """An amount rounded to what a tile shows (the exact amount is in its help): whole thousands from
    € 100k, tenths of a million from € 10 mln, whole millions from € 100 mln ('€ 2.138k', '€ 310 mln')."""
    if value is None or value != value:
        return value
    size = abs(value)
    step = 1_000_000 if size >= 100_000_000 else 100_000 if size >= 10_000_000 else 1_000 if size >= 100_000 else 1
    if step == 1:
        return value
    return math.copysign(math.floor(size / step + 0.5) * step, value)  # half up, as people round


def is_zero_percent(share, lang: str) -> bool:
    """Whether a share reads as 0 where a tile shows it ('0,0%', '-0,0%'): no direction, no colour."""
    return not any(c in "123456789" for c in fmt.percent(share, lang))


def kpi_tiles(ctx: Context, totals: dict, previous: dict | None = None) -> None:
    """Budget, spent, forecast, variance and share spent, each with how many stories gave it.

    With `previous` (the totals of the previous report, same filters) each amount shows its move, in
    grey (a move is news, not good or bad). A variance of 0% is neutral: no arrow, no colour.
    """
    lang, n = ctx.lang, int(totals["n_stories"])

    def move(name: str):
        if previous is None or totals[name] is None or previous.get(name) is None:
            return None
        change = compact(totals[name]) - compact(previous[name])
        return fmt.money_delta(change, ctx.currency, lang) if change else None

    def caption(col, name: str) -> None:
        col.caption(t("kpi_of_stories", lang, n=int(totals[name]), total=n))

    st.html(TILE_STYLE)
    cols = st.columns(5)
    for col, name in zip(cols[:3], ("budget", "spent", "forecast")):
        col.metric(
            t(name, lang),
            ctx.money(compact(totals[name])),
            delta=move(name),
            delta_color="off",
            border=True,
            height=TILE_HEIGHT,
            help=ctx.exact(totals[name]) + (f" · {t('delta_previous', lang)}" if move(name) else ""),
        )
        caption(col, f"n_{name}")
    share = totals["variance_pct"]
    neutral = share is None or is_zero_percent(share, lang)
    cols[3].metric(
        t("variance", lang),
        ctx.money(compact(totals["variance"]), signed=True),
        border=True,
        height=TILE_HEIGHT,
        delta=fmt.percent(share, lang, signed=True) if share is not None else None,
        delta_color="off" if neutral else "inverse",
        delta_arrow="off" if neutral else "auto",
        help=ctx.exact(totals["variance"], signed=True)
        + " · "
        + t("kpi_variance_help", lang, n=int(totals["n_variance"])),
    )
    caption(cols[3], "n_variance")
    cols[4].metric(
        t("share_spent", lang),
        fmt.percent(totals["share_spent"], lang),
        border=True,
        height=TILE_HEIGHT,
        help=t("kpi_share_help", lang, n=min(int(totals["n_budget"]), int(totals["n_spent"]))),
    )
    missing = {m: n - int(totals[f"n_{m}"]) for m in ("budget", "spent", "forecast")}
    if any(missing.values()):
        st.caption(t("missing_counts", lang, **missing))


def rules_caption(ctx: Context) -> None:
    """The rules behind 'by the figures', in words a controller can check."""
    rules = shared(analysis.status_rules, ctx.cur)
    lang = ctx.lang
    st.caption(
        t(
            "rules_caption",
            lang,
            red=fmt.percent(rules["overrun_red"], lang, 0),
            amber=fmt.percent(rules["overrun_amber"], lang, 0),
            drift_red=fmt.percent(rules["drift_red"], lang, 0),
            drift_amber=fmt.percent(rules["drift_amber"], lang, 0),
            spent=t("rules_spent", lang) if rules["spent_over_budget_red"] else "",
        )
    )
