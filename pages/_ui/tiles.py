"""KPI tiles: the report's totals at a glance, and the rules behind the light the figures give."""

from __future__ import annotations

import streamlit as st

from pages._ui.session import shared
from pages._ui.sidebar import Context
from portfolio import analysis, fmt
from portfolio.i18n import t


def kpi_tiles(ctx: Context, totals: dict, previous: dict | None = None) -> None:
    """Budget, spent, forecast, variance and share spent, each with how many stories gave it.

    With `previous` (the totals of the previous report, same filters) each amount shows its move.
    """
    lang, n = ctx.lang, int(totals["n_stories"])

    def move(name: str):
        if previous is None or totals[name] is None or previous.get(name) is None:
            return None
        change = totals[name] - previous[name]
        return fmt.money_delta(change, ctx.currency, lang) if change else None

    cols = st.columns(5)
    for col, name in zip(cols[:3], ("budget", "spent", "forecast")):
        col.metric(
            t(name, lang),
            ctx.money(totals[name]),
            delta=move(name),
            delta_color="off",
            border=True,
            help=ctx.exact(totals[name]) + (f" · {t('delta_previous', lang)}" if move(name) else ""),
        )
        col.caption(t("kpi_of_stories", lang, n=int(totals[f"n_{name}"]), total=n))
    cols[3].metric(
        t("variance", lang),
        ctx.money(totals["variance"], signed=True),
        border=True,
        delta=fmt.percent(totals["variance_pct"], lang, signed=True) if totals["variance_pct"] is not None else None,
        delta_color="inverse",
        help=t("kpi_variance_help", lang, n=int(totals["n_variance"])),
    )
    cols[3].caption(t("kpi_of_stories", lang, n=int(totals["n_variance"]), total=n))
    cols[4].metric(
        t("share_spent", lang),
        fmt.percent(totals["share_spent"], lang),
        border=True,
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
