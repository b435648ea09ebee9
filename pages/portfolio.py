"""Portfolio: every programme at its latest report, worst first; a row opens that programme's overview.
The figures come from portfolio/portfolio_view.py (one query for all programmes)."""

import datetime as dt

import streamlit as st

from pages._ui import downloads, sidebar, tables, url
from pages._ui.access import current_access, sign_in_status
from pages._ui.session import current_lang, cursor, route_through_app, shared
from portfolio import fmt, portfolio_view
from portfolio.i18n import LANGUAGES, t, tmd

route_through_app()
cur = cursor()
lang = current_lang()
with st.sidebar:
    lang = sidebar.persistent_widget(
        st.radio,
        t("language", lang),
        list(LANGUAGES),
        "lang",
        lang,
        horizontal=True,
        format_func=sidebar.LANGUAGE_NAMES.get,
    )
    drafts = sidebar.show_drafts(None, lang)  # off: each programme at its latest report of record
    sign_in_status(lang)
url.replace({"lang": lang, **({"drafts": "1"} if drafts else {})})

st.title(t("page_portfolio", lang))
today = dt.date.today()
every = shared(portfolio_view.programmes, cur, today, not drafts)  # one answer for all sessions, per day
frame = portfolio_view.only(every, current_access().visible)  # a role for some programmes sees those only
if frame.empty:
    st.info(t("no_reports" if every.empty else "no_programmes_for_you", lang))
    st.stop()

st.markdown(
    t(
        "pf_headline",
        lang,
        n=len(frame),
        overdue=int(frame["overdue"].sum()),
        watermelons=int(frame["n_watermelons"].sum()),
    )
)
st.caption(t("pf_intro", lang))
currency = portfolio_view.one_currency(frame)  # None: amounts are written out, each in its own currency


def money(name: str) -> dict:
    return {t(name, lang): tables.money_column(currency, lang)} if currency else {}


event = st.dataframe(
    portfolio_view.table(frame, lang),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="portfolio",
    placeholder=tables.PLACEHOLDER,
    column_config={
        t("programme", lang): st.column_config.TextColumn(width="medium"),
        **money("budget"),
        t("variance_pct", lang): tables.percent_column(),
        t("pf_red_by_figures", lang): tables.percent_column(help=t("pf_help_red", lang)),
        t("pf_watermelons", lang): st.column_config.NumberColumn(help=t("pf_help_watermelons", lang)),
        t("pf_worse", lang): st.column_config.TextColumn(help=t("pf_help_worse", lang)),
    },
)
rows = event.selection.rows if event is not None else []
if rows:  # a row opens that programme's overview at its latest report
    chosen = frame.iloc[rows[0]]
    sidebar.remember_selection(chosen["programme"], chosen["report_date"])
    st.switch_page(
        "pages/overview.py",
        query_params={"programme": chosen["programme"], "date": chosen["report_date"].isoformat(), "lang": lang},
    )
without = frame.loc[frame["budget"].isna(), "programme"].tolist()
if without:
    st.caption(tmd("pf_no_amounts", lang, names=", ".join(without)))
st.caption(t("pf_order_rule", lang))
st.caption(t("pf_overdue_rule", lang))

st.header(t("pf_lights", lang))
st.dataframe(
    portfolio_view.lights_table(frame, lang),
    hide_index=True,
    width="stretch",
    key="portfolio_lights",
    placeholder=tables.PLACEHOLDER,
    column_config={
        t("programme", lang): st.column_config.TextColumn(width="medium"),
        **money("forecast"),
        **money("spent"),
        **money("variance"),
        t("share_spent", lang): tables.percent_column(),
        t("pf_stuck_passed", lang): st.column_config.TextColumn(help=t("pf_help_stuck_passed", lang)),
    },
)

st.header(t("pf_totals", lang))
totals = portfolio_view.currency_totals(frame)
st.dataframe(portfolio_view.totals_table(totals, lang), hide_index=True, width="stretch", key="portfolio_totals")
st.caption(t("pf_totals_note", lang))
st.caption(t("pf_about", lang, date=fmt.date(today, lang)))

downloads.portfolio_download(lang, today, approved_only=not drafts)
