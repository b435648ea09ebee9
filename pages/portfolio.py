"""Portfolio: every programme at its latest report, worst first; a row opens that programme's overview.
The figures come from portfolio/portfolio_view.py (one query for all programmes)."""

import datetime as dt

import streamlit as st

from pages._ui import downloads, sidebar, tables, url
from pages._ui.access import current_access, sign_in_status
from pages._ui.session import current_lang, cursor, route_through_app, shared
from portfolio import fmt, portfolio_view
from portfolio.i18n import LANGUAGES, t, tmd

# Below this width of the page's main area (~980 px beside the sidebar at 1440 px) the tables give way to
# a card per programme with what the tables say of it: the tables' columns add up to ~975 px, and a
# narrower table would scroll sideways, hiding columns a director needs.
WIDE_TABLES = 975
NARROW_STYLE = (
    "<style>[data-testid='stMainBlockContainer'] {container-type: inline-size}"
    f"@container (max-width: {WIDE_TABLES - 1}px) {{.st-key-pf_wide_main, .st-key-pf_wide_lights {{display: none}}}}"
    f"@container (min-width: {WIDE_TABLES}px) {{.st-key-pf_narrow {{display: none}}}}</style>"
)

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

st.html(NARROW_STYLE)
real = frame[~frame["illustration"]]  # an illustration's invented figures are not counted with real ones
invented = frame.loc[frame["illustration"], "programme"].tolist()
headline = t(
    "pf_headline",
    lang,
    n=len(real),
    overdue=int(real["overdue"].sum()),
    watermelons=int(real["n_watermelons"].sum()),
)
st.markdown(headline + (f" · {t('pf_headline_illustrations', lang, n=len(invented))}" if invented else ""))
st.caption(t("pf_intro", lang))
currency = portfolio_view.one_currency(frame)  # None: amounts are written out, each in its own currency


def money(name: str) -> dict:
    return {t(name, lang): tables.money_column(currency, lang)} if currency else {}


event = st.container(key="pf_wide_main").dataframe(
    portfolio_view.table(frame, lang),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="portfolio",
    placeholder=tables.PLACEHOLDER,
    row_height=tables.WRAPPING_ROW_HEIGHT,
    column_config={
        t("programme", lang): tables.name_column(),
        t("report_date", lang): st.column_config.TextColumn(width=120),
        **money("budget"),
        t("variance_pct", lang): tables.percent_column(width=100),
        t("pf_red_by_figures", lang): tables.percent_column(help=t("pf_help_red", lang), width=150),
        t("pf_watermelons", lang): st.column_config.NumberColumn(help=t("pf_help_watermelons", lang), width=140),
        t("pf_worse", lang): st.column_config.TextColumn(help=t("pf_help_worse", lang), width=150),
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
with st.container(key="pf_narrow"):  # a screen too narrow for the tables: a card per programme, two a row
    records = frame.to_dict("records")
    for index, row in enumerate(records):
        if index % 2 == 0:  # a row of two, worst first left to right; a phone stacks them in that order
            pair = st.columns(2)
        with pair[index % 2].container(border=True, key=f"pf_card_{index}"):
            st.markdown(f"**{fmt.md(row['programme'])}**")
            st.markdown("  \n".join(f"{label}: {fmt.md(text)}" for label, text in portfolio_view.card(row, lang)))
            st.page_link(
                "pages/overview.py",
                label=t("pf_open_overview", lang),
                help=t("pf_open_overview_of", lang, programme=row["programme"]),
                icon=":material/dashboard:",
                query_params={"programme": row["programme"], "date": row["report_date"].isoformat(), "lang": lang},
            )
if invented:
    st.caption(tmd("pf_illustrations", lang, names=", ".join(invented)))
without = frame.loc[frame["budget"].isna(), "programme"].tolist()
if without:
    st.caption(tmd("pf_no_amounts", lang, names=", ".join(without)))
st.caption(t("pf_order_rule", lang))
st.caption(t("pf_overdue_rule", lang))

wide = st.container(key="pf_wide_lights")
wide.header(t("pf_lights", lang))
# two tables of the same programmes in the same order, each narrow enough for the page: the lights, then
# the rhythm and the money
details = portfolio_view.lights_table(frame, lang)
lights = [t(k, lang) for k in ("pf_reported_count", "pf_reported_budget", "pf_figures_count", "pf_figures_budget")]
for key, columns, config in (
    ("portfolio_lights", lights, dict.fromkeys(lights, st.column_config.TextColumn(width=190))),
    (
        "portfolio_money",
        [c for c in details.columns[1:] if c not in lights],
        {
            t("pf_rhythm", lang): st.column_config.TextColumn(width=200),
            t("pf_stuck_passed", lang): st.column_config.TextColumn(help=t("pf_help_stuck_passed", lang), width=110),
            **money("forecast"),
            **money("spent"),
            **money("variance"),
            t("share_spent", lang): tables.percent_column(width=135),
        },
    ),
):
    wide.dataframe(
        details[[details.columns[0], *columns]],
        hide_index=True,
        width="stretch",
        key=key,
        placeholder=tables.PLACEHOLDER,
        row_height=tables.WRAPPING_ROW_HEIGHT,
        column_config={t("programme", lang): tables.name_column(), **config},
    )

st.header(t("pf_totals", lang))
totals = portfolio_view.totals_table(portfolio_view.currency_totals(frame), lang)
# a row per measure, a column per currency: as narrow as the number of currencies, on any screen
by_measure = totals.set_index(t("pf_currency", lang)).astype(str).T.rename_axis(t("pf_measure", lang))
st.dataframe(by_measure.reset_index(), hide_index=True, width="content", key="portfolio_totals")
st.caption(t("pf_totals_note", lang))
if invented:
    st.caption(tmd("pf_totals_without_illustrations", lang, names=", ".join(invented)))
st.caption(t("pf_about", lang, date=fmt.date(today, lang)))

downloads.portfolio_download(lang, today, approved_only=not drafts)
