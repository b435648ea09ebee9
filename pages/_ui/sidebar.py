"""The sidebar and the URL: language, programme, report and filters, kept across page switches and
written to the URL; context() turns them into the Context every page works on, header() and filter_note()
say on the page what was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from pages._ui import links, url
from pages._ui.access import current_access, sign_in_status
from pages._ui.session import current_lang, cursor, route_through_app, shared
from portfolio import analysis, approval, audit, charts, fmt, names, roles
from portfolio.filters import LIST_FILTERS, NO_FILTERS, Filters
from portfolio.i18n import LANGUAGES, t, tmd

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def persistent_widget(widget, label: str, options: list, key: str, default, url_key: str | None = None, **kwargs):
    """A widget whose choice survives page switches.

    Streamlit forgets a widget's state when the page changes, even with the same key, so the choice is
    kept under 'sel_<key>' and handed back to the widget on every page. With `url_key` the choice is also
    in the URL (?url_key=...): a shared link opens on it, and after that the session's own choice wins.
    """
    if url_key and f"sel_{key}" not in st.session_state and st.query_params.get(url_key) in options:
        st.session_state[f"sel_{key}"] = st.query_params[url_key]
    remembered = st.session_state.get(f"sel_{key}")
    st.session_state[key] = remembered if remembered in options else default

    def remember() -> None:
        st.session_state[f"sel_{key}"] = st.session_state[key]

    value = widget(label, options, key=key, on_change=remember, **kwargs)
    st.session_state[f"sel_{key}"] = value
    if url_key and value:
        url.set(url_key, value)
    elif url_key:
        url.pop(url_key)
    return value


def persistent_multiselect(label: str, options: list, key: str, default: list, **kwargs) -> list:
    """A multiselect whose choice survives page switches (see persistent_widget); unknown values drop out."""
    remembered = st.session_state.get(f"sel_{key}", default)
    st.session_state[key] = [v for v in remembered if v in options]

    def remember() -> None:
        st.session_state[f"sel_{key}"] = st.session_state[key]

    value = st.multiselect(label, options, key=key, on_change=remember, **kwargs)
    st.session_state[f"sel_{key}"] = value
    return value


FILTER_FIELDS = {  # Filters field -> (option list from filter_options.sql, label, label for '')
    "lines": ("line", "programme_line", "none_line"),
    "tracks": ("track", "track", "none_track"),
    "owners": ("owner", "owner", "none_owner"),
    "necessities": ("necessity", "necessity", "none_necessity"),
}


STATUS_OPTIONS = ["red", "amber", "green", "unknown"]


def _clear_filters() -> None:
    for name in (*LIST_FILTERS, "search"):
        st.session_state[f"sel_filter_{name}"] = [] if name != "search" else ""


def filter_widgets(cur, report_id: int, lang: str) -> Filters:
    """The sidebar filters for this report; the URL fills them on first load."""
    from_url = Filters.from_url(st.query_params.get_all)
    options = shared(analysis.filter_options, cur, report_id)
    chosen: dict = {}
    st.subheader(t("filters", lang))
    for name, (field, label, empty) in FILTER_FIELDS.items():
        values = options.get(field, [])
        if len(values) > 1:
            chosen[name] = persistent_multiselect(
                t(label, lang),
                values,
                f"filter_{name}",
                list(getattr(from_url, name)),
                format_func=lambda v, e=empty: (
                    (t(v, lang) if v in ("statutory", "necessary", "desirable") else v) or t(e, lang)
                ),
                placeholder=t("all", lang),
            )
    chosen["statuses"] = persistent_multiselect(
        t("status", lang),
        STATUS_OPTIONS,
        "filter_statuses",
        list(from_url.statuses),
        format_func=lambda v: charts.status_text(v, lang),
        placeholder=t("all", lang),
    )
    remembered = st.session_state.get("sel_filter_search", from_url.search or "")
    st.session_state["filter_search"] = remembered
    search = st.text_input(
        t("search", lang),
        key="filter_search",
        on_change=lambda: st.session_state.update(sel_filter_search=st.session_state["filter_search"]),
    )
    st.session_state["sel_filter_search"] = search
    filters = Filters(**{name: tuple(chosen.get(name, ())) for name in LIST_FILTERS}, search=search or None)
    if filters.active:
        st.button(
            t("clear_filters", lang), on_click=_clear_filters, icon=":material/filter_alt_off:", key="clear_filters"
        )
    return filters


def remember_selection(programme: str, report_date) -> None:
    """Make the sidebar show this programme and report next (after an upload)."""
    st.session_state["sel_programme"] = programme
    st.session_state["want_date"] = report_date.isoformat()


@dataclass
class Context:
    """What every page works on: the cursor, the language and the chosen report."""

    cur: object
    lang: str
    report_id: int | None
    info: dict
    programme_id: int | None = None
    filters: Filters = NO_FILTERS
    state: approval.State | None = None  # the shown version's step: draft, checked or approved
    drafts: bool = False  # whether this session shows drafts (show_drafts), else the reports of record

    def reports(self) -> pd.DataFrame:
        """The programme's reports as the sidebar lists them: the current versions when drafts are shown,
        else per date the newest approved version (newest date first)."""
        return (analysis.reports if self.drafts else approval.approved_reports)(self.cur, self.programme_id)

    @property
    def currency(self) -> str:
        return self.info.get("currency", "EUR")

    @property
    def programme(self) -> str | None:
        return self.info.get("programme")

    def may(self, right: str) -> bool:
        """Whether the user has `right` (portfolio/roles.py) in the programme shown."""
        return current_access().may(right, self.programme)

    def money(self, value, **kwargs) -> str:
        return fmt.money(value, self.currency, self.lang, **kwargs)

    def exact(self, value, **kwargs) -> str:
        return fmt.money_exact(value, self.currency, self.lang, **kwargs)


def context(with_filters: bool = True) -> Context:
    """Render the sidebar (language, programme, report, filters) and answer the chosen report."""
    route_through_app()
    cur = cursor()
    lang = current_lang()
    with st.sidebar:
        lang = persistent_widget(
            st.radio,
            t("language", lang),
            list(LANGUAGES),
            "lang",
            lang,
            horizontal=True,
            format_func=LANGUAGE_NAMES.get,
        )
        every = shared(analysis.programmes, cur)
        programmes = every[every["name"].isin(current_access().visible(every["name"].tolist()))]
        if programmes.empty:  # nothing loaded, or nothing this user may see
            st.info(t("no_reports" if every.empty else "no_programmes_for_you", lang))
            sign_in_status(lang)
            return Context(cur, lang, None, {})
        names = programmes["name"].tolist()
        opened = "sel_programme" not in st.session_state  # the session's first page: its URL is a link opened
        wanted, found = links.programme(st.query_params.get("programme"), names, opened)
        name = persistent_widget(st.selectbox, t("programme", lang), names, "programme", wanted)
        programme_id = int(programmes.loc[programmes["name"] == name, "programme_id"].iloc[0])
        drafts = show_drafts(name, lang)
        # asked of this session's cursor, not shared: a small question, and the list a user picks from must
        # hold what was just saved (a full browser run once listed a new draft's date for nobody)
        reports = (analysis.reports if drafts else approval.approved_reports)(cur, programme_id)
        if reports.empty:  # drafts only, and this session shows the approved reports
            st.info(tmd("no_approved_report", lang, programme=name))
            sign_in_status(lang, name)
            return Context(cur, lang, None, {})
        states = approval.states(cur, [int(r) for r in reports["report_id"]])
        dates = [d.date().isoformat() for d in pd.to_datetime(reports["report_date"])]
        state_of = dict(zip(dates, (states[int(r)].state for r in reports["report_id"])))
        if st.session_state.get("want_date"):  # a report just saved by the upload page
            st.session_state[f"sel_report_date_{programme_id}"] = st.session_state.pop("want_date")
        wanted_date = links.report_date(st.query_params.get("date"), dates, name, opened and found)
        chosen = persistent_widget(
            st.selectbox,
            t("report_date", lang),
            dates,
            f"report_date_{programme_id}",
            wanted_date,
            format_func=lambda d: (
                fmt.date(d, lang)
                + ("" if state_of[d] == approval.APPROVED else f" ({t(f'state_{state_of[d]}', lang)})")
            ),
        )
        report_id = int(reports["report_id"].iloc[dates.index(chosen)])
        filters = filter_widgets(cur, report_id, lang) if with_filters else NO_FILTERS
        sign_in_status(lang, name)
    # a page's own parameters (story, chart, chosen line) are set by the page after this, never carried
    # over: the browser's address may still hold another page's (after the back button, for instance)
    url.replace(
        {"programme": name, "date": chosen, "lang": lang, **filters.to_url(), **({"drafts": "1"} if drafts else {})}
    )
    info = shared(analysis.report_info, cur, report_id)
    return Context(cur, lang, report_id, info, programme_id, filters, states[report_id], drafts)


def show_drafts(programme: str | None, lang: str) -> bool:
    """Whether this session shows drafts (of `programme`; None: of the programmes in the portfolio): a
    toggle for those who may see them, on by default for those who work on drafts (upload, check,
    approve) and for a link that asks for them (?drafts=1); the others see the reports of record
    (approved) unless they turn it on."""
    who = current_access()

    def may(right: str) -> bool:
        return who.may(right, programme) if programme is not None else who.may_somewhere(right)

    if not may(roles.VIEW_DRAFTS):
        return False
    if "sel_show_drafts" not in st.session_state:
        works_on_drafts = any(may(right) for right in (roles.UPLOAD, roles.CHECK, roles.APPROVE))
        st.session_state["sel_show_drafts"] = works_on_drafts or st.query_params.get("drafts") == "1"
    st.session_state["show_drafts"] = st.session_state["sel_show_drafts"]

    def remember() -> None:
        st.session_state["sel_show_drafts"] = st.session_state["show_drafts"]

    return st.toggle(t("show_drafts", lang), key="show_drafts", on_change=remember, help=t("show_drafts_help", lang))


# A tile's label wraps, between words and inside a word too long for a narrow tile, instead of ending in
# '…' ('Laatst vastgestelde einddatum' on the story page at 800 px); the overview's tiles add their own sizes.
WHOLE_LABELS = (
    "<style>[data-testid='stMetricLabel'] [data-testid='stMarkdownContainer'],[data-testid='stMetricLabel'] p"
    "{white-space:normal;overflow:visible;text-overflow:clip;overflow-wrap:anywhere}</style>"
)


def header(ctx: Context, page_key: str) -> None:
    """Page title with the programme, the report date and where the figures come from."""
    st.title(t(page_key, ctx.lang))
    st.html(WHOLE_LABELS)
    info = ctx.info
    st.markdown(
        f"**{fmt.md(info['programme'])}** · {t('report_date', ctx.lang)} {fmt.date(info['report_date'], ctx.lang)}"
    )
    st.caption(tmd("loaded_from", ctx.lang, file=info["source_file"], at=fmt.date(info["loaded_at"], ctx.lang)))
    draft_banner(ctx)
    if names.is_illustration(info["programme"]):  # invented figures: said on every page of the programme
        st.info(t("illustration_banner", ctx.lang), icon=":material/info:")
    # what a link asked for that is not there, and what is shown instead
    links.show(ctx.lang, programme=info["programme"], date=pd.Timestamp(info["report_date"]).date().isoformat())


def draft_banner(ctx: Context) -> None:
    """On every page of a version that is not approved: that it is a draft (or checked, not yet approved),
    so nobody takes it for the report of record."""
    state = ctx.state
    if state is None or state.approved:
        return
    if state.state == approval.CHECKED:
        said = tmd(
            "banner_checked",
            ctx.lang,
            who=audit.who(state.checked_by, ctx.lang),
            at=fmt.date(state.checked_at, ctx.lang),
        )
    else:
        said = t("banner_draft", ctx.lang)
    st.warning(said, icon=":material/draft:")


def _described(ctx: Context) -> str:
    return "; ".join(f"{label}: {values}" for label, values in ctx.filters.describe(ctx.lang))


def filter_note(ctx: Context) -> None:
    """Say which filters shape the figures below."""
    if ctx.filters.active:
        st.info(tmd("filtered_note", ctx.lang, filters=_described(ctx)), icon=":material/filter_alt:")


def nothing_left(ctx: Context, key: str = "clear_filters_on_page") -> None:
    """The filters leave no story of the report: say that it is the filter, not the report, name the
    filters, offer to clear them, and stop the page (every section below would describe an empty set as
    if it were the report: 'no amounts', 'no changes', 'no programme lines')."""
    lang = ctx.lang
    n_filters = len(ctx.filters.describe(lang))
    n = len(shared(analysis.stories, ctx.cur, ctx.report_id))
    text = "filtered_to_nothing" if n_filters == 1 else "filtered_to_nothing_many"
    st.warning(tmd(text, lang, n=n, filters=_described(ctx)), icon=":material/filter_alt_off:")
    st.button(
        t("clear_filter" if n_filters == 1 else "clear_filters", lang),
        on_click=_clear_filters,
        icon=":material/filter_alt_off:",
        type="primary",
        key=key,
    )
    st.stop()
