"""KPI tiles: the report's totals at a glance, and the rules behind the light the figures give."""

from __future__ import annotations

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
    # a long label ('Besteed van budget') wraps between words; a word too long for a narrow tile
    # ('Besteed/verplicht' at 800 px) breaks inside rather than being cut (it fits whole from 1024 px)
    "[data-testid='stMetricLabel'] p{white-space:normal;overflow:visible;text-overflow:clip;line-height:1.2;"
    "word-break:normal;overflow-wrap:anywhere;font-size:clamp(0.75rem,0.95vw,0.875rem)}"
    # a move and its label ('-€ 30k t.o.v. vorige') wrap inside a narrow tile instead of being cut
    "[data-testid='stMetricDelta']{height:auto;max-width:100%}"
    "[data-testid='stMetricDelta'] div,[data-testid='stMetricDelta'] p{white-space:normal;overflow:visible;"
    "text-overflow:clip;line-height:1.25}</style>"
)
TILE_HEIGHT = 118  # pixels: a label of up to two lines and the value
TILE_HEIGHT_MOVES = 138  # and a move of up to two lines under it


def kpi_tiles(ctx: Context, totals: dict, previous: dict | None = None) -> None:
    """Budget, spent, forecast, variance and share spent, each with how many stories gave it.

    The value is written as fmt writes that measure everywhere (the exact amount in the tile's help).
    The small line under a tile (its delta) is only ever the move since the previous report (same
    filters), labelled so and in grey (a move is news, not good or bad). The variance as a share of the
    budget is part of the variance tile's own caption and help, never drawn as a delta.
    """
    lang, n = ctx.lang, int(totals["n_stories"])

    def change(name: str):
        if previous is None or totals[name] is None or previous.get(name) is None:
            return None
        return totals[name] - previous[name]

    def move(name: str):
        moved = change(name)
        if moved is None or fmt.money(abs(moved), ctx.currency, lang) == fmt.money(0, ctx.currency, lang):
            return None  # no move as written: no line
        return t("kpi_move", lang, move=fmt.money_delta(moved, ctx.currency, lang))

    def help_text(name: str, signed: bool = False, *more: str) -> str:
        parts = [ctx.exact(totals[name], signed=signed), *more]
        moved = change(name)
        if move(name):
            parts.append(t("kpi_move_help", lang, move=ctx.exact(moved, signed=True)))
        return " · ".join(parts)

    st.html(TILE_STYLE)
    height = (
        TILE_HEIGHT_MOVES if any(move(name) for name in ("budget", "spent", "forecast", "variance")) else TILE_HEIGHT
    )
    cols = st.columns(5)
    for col, name in zip(cols[:3], ("budget", "spent", "forecast")):
        col.metric(
            t(name, lang),
            ctx.money(totals[name]),
            delta=move(name),
            delta_color="off",
            border=True,
            height=height,
            help=help_text(name),
        )
        col.caption(t("kpi_of_stories", lang, n=int(totals[f"n_{name}"]), total=n))
    share = totals["variance_pct"]
    cols[3].metric(
        t("variance", lang),
        ctx.money(totals["variance"], signed=True),
        delta=move("variance"),
        delta_color="off",
        border=True,
        height=height,
        help=help_text(
            "variance",
            True,
            t("kpi_variance_pct", lang, pct=fmt.percent(share, lang, signed=True)),
            t("kpi_variance_help", lang, n=int(totals["n_variance"])),
        ),
    )
    of_stories = t("kpi_of_stories", lang, n=int(totals["n_variance"]), total=n)
    cols[3].caption(
        of_stories
        if share is None
        else f"{t('kpi_variance_pct', lang, pct=fmt.percent(share, lang, signed=True))} · {of_stories}"
    )
    cols[4].metric(
        t("share_spent", lang),
        fmt.percent(totals["share_spent"], lang),
        border=True,
        height=height,
        help=t("kpi_share_help", lang, n=min(int(totals["n_budget"]), int(totals["n_spent"]))),
    )
    missing = {m: n - int(totals[f"n_{m}"]) for m in ("budget", "spent", "forecast")}
    if any(missing.values()):
        st.caption(t("missing_counts", lang, **missing))


def rules_caption(ctx: Context) -> None:
    """The rules behind 'by the figures', in words a controller can check."""
    rules = shared(analysis.status_rules, ctx.cur, ctx.programme)  # its own rules where it has them
    lang = ctx.lang
    st.caption(
        t(
            "rules_caption",
            lang,
            red=fmt.rule(rules["overrun_red"], lang),
            amber=fmt.rule(rules["overrun_amber"], lang),
            drift_red=fmt.rule(rules["drift_red"], lang),
            drift_amber=fmt.rule(rules["drift_amber"], lang),
            schedule_red=fmt.rule(rules["schedule_red"], lang),
            schedule_amber=fmt.rule(rules["schedule_amber"], lang),
            spent=t("rules_spent", lang) if rules["spent_over_budget_red"] else "",
        )
    )
