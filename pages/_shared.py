"""Streamlit glue shared by the pages: the session's database cursor, language, and the sidebar selection.

The logic lives in the `portfolio` package; this module only turns widget state into arguments for it.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from urllib.parse import urlparse

import pandas as pd
import streamlit as st

from portfolio import analysis, auth, charts, db, demo, fmt, memo, signin
from portfolio.filters import LIST_FILTERS, NO_FILTERS, Filters
from portfolio.i18n import DEFAULT_LANGUAGE, LANGUAGES, t, tmd

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
PAGE_URL_KEYS = ("story", "compare")  # parameters a page sets for itself; the sidebar keeps them


@st.cache_resource(show_spinner=False)
def _database(path: str) -> db.SharedDatabase:
    """One handle per process and database file; the demo data is loaded into an empty database.

    Creating it claims the file for this server process: a second server on the same file is refused
    (db.DatabaseUnavailable, not cached, so each run tries again and serves once the other has stopped).
    """
    database = db.SharedDatabase(path)
    with database.cursor() as cur:
        demo.load_demo_if_empty(cur)
    return database


def database_problem(problem: db.DatabaseUnavailable, lang: str) -> None:
    """Say what is wrong with the database file and what to do (no path, no traceback); stop the run."""
    logging.getLogger(__name__).warning("%s", problem)  # the server log has the path and DuckDB's words
    st.error(problem.text(lang))
    st.stop()


@contextmanager
def session():
    """Hold a cursor of this session's own for one run of the script; app.py wraps every page in it.

    Between runs the file is free for a command-line load: while one has or wants it, the run waits
    (with a spinner) instead of failing. A file that cannot be used is said on the page.
    """
    lang = current_lang()
    with ExitStack() as held:
        try:
            database = _database(str(db.db_path()))
            cur = held.enter_context(database.cursor(waiting=lambda: st.spinner(t("db_waiting", lang))))
        except db.DatabaseUnavailable as problem:
            database_problem(problem, lang)
        st.session_state["_cursor"] = cur
        try:
            yield cur
        finally:
            st.session_state.pop("_cursor", None)


def shared(question, cur, *args, **kwargs):
    """question(cur, *args, **kwargs), answered once for every session until the database changes
    (portfolio/memo.py). The answer is shared: read it, never change it."""
    path = str(db.db_path())
    key = (path, db.file_version(path), question.__module__, question.__qualname__, args, tuple(sorted(kwargs.items())))
    return memo.answers.get(key, lambda: question(cur, *args, **kwargs))


def cursor():
    """The cursor of the current run (see session())."""
    cur = st.session_state.get("_cursor")
    if cur is None:  # a page run outside app.py (only in tests of a single page)
        raise RuntimeError("pages must run through app.py, which opens the database session")
    return cur


def current_lang() -> str:
    """The interface language: the sidebar choice, else ?lang= in the URL, else Dutch."""
    if "sel_lang" not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state["sel_lang"] = wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE
    return st.session_state["sel_lang"]


def persistent_widget(widget, label: str, options: list, key: str, default, **kwargs):
    """A widget whose choice survives page switches.

    Streamlit forgets a widget's state when the page changes, even with the same key, so the choice is
    kept under 'sel_<key>' and handed back to the widget on every page.
    """
    remembered = st.session_state.get(f"sel_{key}")
    st.session_state[key] = remembered if remembered in options else default

    def remember() -> None:
        st.session_state[f"sel_{key}"] = st.session_state[key]

    value = widget(label, options, key=key, on_change=remember, **kwargs)
    st.session_state[f"sel_{key}"] = value
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


@dataclass(frozen=True)
class Access:
    """Who is using the app and what they may do."""

    user: str | None
    role: str
    mode: str

    @property
    def can_change(self) -> bool:
        return self.role == auth.UPLOADER


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file: the app runs open
        return {}


def access(lang: str) -> Access:
    """Sign the user in as configured (see portfolio/auth.py), or stop the page with a sign-in screen."""
    signin.redact_session_ids()  # Streamlit's log lines name session ids; the server log keeps none
    try:
        config = auth.load_config(_secrets())
    except auth.AuthConfigError as problem:
        st.error(t("auth_config_error", lang, detail=str(problem)))
        st.stop()
    if config.mode == auth.OPEN:
        found = Access(None, auth.UPLOADER, auth.OPEN)
    elif config.mode == auth.OIDC:
        found = _oidc_access(config, lang)
    else:
        found = _builtin_access(config, lang)
    st.session_state["_access"] = found
    return found


def _oidc_access(config: auth.AuthConfig, lang: str) -> Access:
    if not st.user.is_logged_in:
        st.title(t("app_title", lang))
        st.info(t("sign_in_needed", lang))
        st.button(
            t("sign_in", lang),
            on_click=st.login,
            args=(config.provider,) if config.provider else (),
            type="primary",
            key="sign_in_oidc",
        )
        st.stop()
    who = st.user.get("email") or st.user.get("name")
    role = config.role_for(who)
    if role is None:
        st.error(t("no_access", lang, who=fmt.md(who)))
        st.button(t("sign_out", lang), on_click=st.logout, key="sign_out_denied")
        st.stop()
    return Access(who, role, auth.OIDC)


def _request_client(config: auth.AuthConfig) -> tuple[str, str]:
    """This run's client as (address, User-Agent); X-Forwarded-For only from a trusted proxy."""
    headers = st.context.headers
    client = signin.client_of(
        st.context.ip_address, headers.get_all("X-Forwarded-For"), headers.get("User-Agent"), config.trusted_proxies
    )
    return client.address, client.user_agent


def _sign_in_cursor():
    """A cursor for sign-in's few statements (app.py opens the page's session only after sign-in)."""
    return _database(str(db.db_path())).cursor()


def _remember_deep_link() -> None:
    """Keep the page and parameters the sign-in screen stands in for (see follow_deep_link)."""
    if "_after_sign_in" not in st.session_state:
        path = urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
        st.session_state["_after_sign_in"] = (path, {k: st.query_params.get_all(k) for k in st.query_params})


def follow_deep_link(pages: list, page) -> None:
    """Right after sign-in, open the page a link asked for (the sign-in screen replaced it in the URL)."""
    wanted = st.session_state.pop("_after_sign_in", None)
    if not wanted or not current_access().user:
        return
    path, params = wanted
    target = next((p for p in pages if p.url_path == path), None)
    if target is not None and target.url_path != page.url_path:
        st.switch_page(target, query_params=params)


def _sign_in_refusal(outcome: signin.Outcome, lang: str) -> None:
    """Say why an attempt was not let in, and how long to wait."""
    if outcome.reason == signin.BUSY:
        st.warning(t("sign_in_busy", lang))
        return
    if outcome.reason == signin.FAILED:
        st.error(t("sign_in_failed", lang))
    if outcome.reason == signin.TOO_FAST:
        st.error(t("sign_in_too_fast", lang, seconds=outcome.wait))
    elif outcome.wait >= 120:
        st.error(t("sign_in_locked_minutes", lang, minutes=-(-outcome.wait // 60)))
    elif outcome.wait > 0:
        st.error(t("sign_in_locked", lang, seconds=outcome.wait))


def _sign_out_builtin() -> None:
    for key in ("_signed_in", "_signed_in_client"):
        st.session_state.pop(key, None)


def _builtin_access(config: auth.AuthConfig, lang: str) -> Access:
    """The built-in sign-in screen (portfolio/signin.py decides); a sign-in holds only for the same client."""
    client = _request_client(config)
    signed_in = st.session_state.get("_signed_in")
    if signed_in and st.session_state.get("_signed_in_client") != client:
        _sign_out_builtin()  # a session id resumed by another address or browser does not carry the sign-in
        st.session_state["_sign_in_moved"] = True
    elif signed_in and config.role_for(signed_in) is not None:
        return Access(signed_in, config.role_for(signed_in), auth.BUILTIN)
    _remember_deep_link()
    st.title(t("app_title", lang))
    if st.session_state.pop("_sign_in_moved", False):
        st.warning(t("sign_in_moved", lang))
    with st.form("sign_in"):
        name = st.text_input(t("user_name", lang), key="sign_in_name")
        password = st.text_input(t("password", lang), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("sign_in", lang), type="primary")
    if submitted:
        try:
            outcome = signin.attempt(_sign_in_cursor, config, name, password, signin.Client(*client))
        except db.DatabaseUnavailable as problem:  # busy with a load, or a file that cannot be used
            database_problem(problem, lang)
        if outcome.signed_in:
            st.session_state["_signed_in"] = name
            st.session_state["_signed_in_client"] = client
            st.rerun()
        _sign_in_refusal(outcome, lang)
    st.stop()


def current_access() -> Access:
    return st.session_state.get("_access") or Access(None, auth.UPLOADER, auth.OPEN)


def user_name() -> str | None:
    """Who is signed in, for the audit log; None when the app runs open."""
    return current_access().user


def require_change_rights(lang: str) -> None:
    """Stop the page for users who may only look."""
    if not current_access().can_change:
        st.error(t("no_change_rights", lang))
        st.stop()


def sign_in_status(lang: str) -> None:
    """In the sidebar: who is signed in (with sign-out), or that the app runs open."""
    who = current_access()
    if who.mode == auth.OPEN:
        st.caption(t("open_mode", lang))
        return
    st.caption(tmd("signed_in_as", lang, who=who.user or "", role=t(f"role_{who.role}", lang)))
    if who.mode == auth.OIDC:
        st.button(t("sign_out", lang), on_click=st.logout, key="sign_out")
    elif st.button(t("sign_out", lang), key="sign_out"):
        _sign_out_builtin()
        st.rerun()


@dataclass
class Context:
    """What every page works on: the cursor, the language and the chosen report."""

    cur: object
    lang: str
    report_id: int | None
    info: dict
    programme_id: int | None = None
    filters: Filters = NO_FILTERS

    @property
    def currency(self) -> str:
        return self.info.get("currency", "EUR")

    def money(self, value, **kwargs) -> str:
        return fmt.money(value, self.currency, self.lang, **kwargs)

    def exact(self, value, **kwargs) -> str:
        return fmt.money_exact(value, self.currency, self.lang, **kwargs)


def _route_through_app() -> None:
    """Make sure app.py's st.navigation routes this run.

    When the first request after a server start is a deep link (/story), Streamlit 1.67 still runs in
    its old 'pages/ directory' mode and executes pages/story.py directly, so the navigation, titles
    and page config of app.py are skipped. Leave that mode and rerun; app.py then routes the link.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def context(with_filters: bool = True) -> Context:
    """Render the sidebar (language, programme, report, filters) and answer the chosen report."""
    _route_through_app()
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
        programmes = shared(analysis.programmes, cur)
        if programmes.empty:
            st.info(t("no_reports", lang))
            sign_in_status(lang)
            return Context(cur, lang, None, {})
        names = programmes["name"].tolist()
        wanted = st.query_params.get("programme")
        name = persistent_widget(
            st.selectbox, t("programme", lang), names, "programme", wanted if wanted in names else names[0]
        )
        programme_id = int(programmes.loc[programmes["name"] == name, "programme_id"].iloc[0])
        reports = shared(analysis.reports, cur, programme_id)
        dates = [d.date().isoformat() for d in pd.to_datetime(reports["report_date"])]
        wanted_date = st.query_params.get("date")
        if st.session_state.get("want_date"):  # a report just saved by the upload page
            st.session_state[f"sel_report_date_{programme_id}"] = st.session_state.pop("want_date")
        chosen = persistent_widget(
            st.selectbox,
            t("report_date", lang),
            dates,
            f"report_date_{programme_id}",
            wanted_date if wanted_date in dates else dates[0],
            format_func=lambda d: fmt.date(d, lang),
        )
        report_id = int(reports["report_id"].iloc[dates.index(chosen)])
        filters = filter_widgets(cur, report_id, lang) if with_filters else NO_FILTERS
        sign_in_status(lang)
    kept = {k: st.query_params.get_all(k) for k in PAGE_URL_KEYS if k in st.query_params}
    st.query_params.from_dict({"programme": name, "date": chosen, "lang": lang, **filters.to_url(), **kept})
    return Context(cur, lang, report_id, shared(analysis.report_info, cur, report_id), programme_id, filters)


def header(ctx: Context, page_key: str) -> None:
    """Page title with the programme, the report date and where the figures come from."""
    st.title(t(page_key, ctx.lang))
    info = ctx.info
    st.markdown(
        f"**{fmt.md(info['programme'])}** · {t('report_date', ctx.lang)} {fmt.date(info['report_date'], ctx.lang)}"
    )
    st.caption(tmd("loaded_from", ctx.lang, file=info["source_file"], at=fmt.date(info["loaded_at"], ctx.lang)))


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


def filter_note(ctx: Context) -> None:
    """Say which filters shape the figures below."""
    if ctx.filters.active:
        described = "; ".join(f"{label}: {values}" for label, values in ctx.filters.describe(ctx.lang))
        st.info(tmd("filtered_note", ctx.lang, filters=described), icon=":material/filter_alt:")


def group_label(name: str, lang: str, kind: str) -> str:
    return name or t("none_line" if kind == "line" else "none_track", lang)


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


def drill_down(event, values: pd.Series, target_key: str) -> None:
    """A row clicked in a roll-up table picks that group in the widget `target_key` further down the page.

    Applied once per new click, so the widget can still be changed by hand afterwards.
    """
    rows = event.selection.rows if event is not None else []
    memo = f"_clicked_{target_key}"
    picked = values.iloc[rows[0]] if rows else None
    if picked is not None and st.session_state.get(memo) != picked:
        st.session_state[target_key] = picked
    st.session_state[memo] = picked


PLOTLY_CONFIG = {"displayModeBar": False}  # no toolbar: lighter pages, and no 32 tab stops before the downloads


def clicked_bar(figure, key: str, container=None) -> str | None:
    """Show a chart whose bars can be clicked; answer the bar's customdata (a group name or a story
    code) once per new click, None otherwise."""
    event = (container or st).plotly_chart(
        figure, width="stretch", key=key, on_select="rerun", selection_mode="points", config=PLOTLY_CONFIG
    )
    points = list(event.selection.points) if event is not None and event.selection else []
    picked = points[0].get("customdata") if points else None
    if isinstance(picked, list):
        picked = picked[0] if picked else None
    memo = f"_clicked_{key}"
    new = picked is not None and st.session_state.get(memo) != picked
    st.session_state[memo] = picked
    return str(picked) if new else None


def open_story(code: str | None) -> None:
    """Drill down to one story (its page)."""
    if code is not None:
        st.session_state["story_code"] = str(code)
        st.switch_page("pages/story.py")


def open_group(kind: str, name: str | None) -> None:
    """Drill down to a programme line or track: its page, with that group chosen."""
    if name is not None:
        st.session_state[kind] = name
        st.switch_page("pages/lines.py" if kind == "line" else "pages/tracks.py")


def open_story_on_select(event, stories: pd.DataFrame) -> None:
    """Drill down: a row picked in a story table opens that story."""
    rows = event.selection.rows if event is not None else []
    if rows:
        open_story(stories["code"].iloc[rows[0]])


def table_height(rows: int) -> int:
    """A dataframe height that shows every row without an inner scrollbar."""
    return 38 + 35 * rows


def story_columns(lang: str, currency: str = "EUR") -> dict:
    """Column widths for story tables (titles and notes get the room) and number formats for amounts."""
    return {
        t("code", lang): st.column_config.TextColumn(width="small"),
        t("title", lang): st.column_config.TextColumn(width="medium"),
        t("status_note", lang): st.column_config.TextColumn(width="large"),
        **{t(name, lang): money_column(currency, lang) for name in AMOUNT_COLUMNS},
        t("variance_pct", lang): percent_column(),
    }


def rollup_columns(lang: str, currency: str) -> dict:
    """Number formats for rollup_table: amounts in the report's currency, shares as percentages."""
    return {
        **{t(name, lang): money_column(currency, lang) for name in (*AMOUNT_COLUMNS, "drift")},
        t("variance_pct", lang): percent_column(),
        t("share_spent", lang): percent_column(),
    }


def stories_frame(ctx: Context, stories: pd.DataFrame, key: str) -> None:
    """A story table the user can click to open a story."""
    event = st.dataframe(
        stories_table(ctx, stories),
        column_config=story_columns(ctx.lang, ctx.currency),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    open_story_on_select(event, stories)


def comparison_section(ctx: Context, comparison, key: str, figure=None) -> None:
    """Stories added and removed, forecast and light moves between two reports: counts, chart, table."""
    lang = ctx.lang
    if comparison.is_empty:
        st.caption(t("no_changes", lang))
        return
    st.caption(t("change_counts", lang, **comparison.counts()))
    changed = comparison.changed
    if not changed.empty:
        figure = figure if figure is not None else charts.forecast_moves(changed, ctx.currency, lang)
        if figure is not None:
            open_story(clicked_bar(figure, f"{key}_chart"))
        amount_columns = {
            label: amounts(changed[name])
            for measure in ("budget", "spent", "forecast")
            for label, name in (
                (f"{t(measure, lang)} ({t('before', lang)})", f"{measure}_old"),
                (t(measure, lang), f"{measure}_new"),
            )
        }
        amount_columns[t("move", lang)] = amounts(changed["forecast_move"])
        st.dataframe(
            pd.DataFrame(
                {
                    t("code", lang): changed["code"],
                    t("title", lang): changed["title"],
                    **amount_columns,
                    f"{t('status', lang)} ({t('before', lang)})": [
                        charts.status_text(s, lang) for s in changed["status_old"]
                    ],
                    t("status", lang): [charts.status_text(s, lang) for s in changed["status_new"]],
                    t("status_move", lang): [t(f"move_{m}", lang) for m in changed["status_move"]],
                }
            ),
            column_config={label: money_column(ctx.currency, lang) for label in amount_columns},
            hide_index=True,
            width="stretch",
            key=f"{key}_table",
        )
    for label, frame in ((t("added", lang), comparison.added), (t("removed", lang), comparison.removed)):
        if not frame.empty:
            st.caption(
                f"**{label}:** "
                + "; ".join(fmt.md(f"{c} {s or ''}".strip()) for c, s in zip(frame["code"], frame["title"]))
            )


def quarterly_frame(lang: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The quarterly overview with translated labels and plain amounts (for the export)."""
    return pd.DataFrame(
        {
            t("quarter", lang): [charts.quarter_label(y, q, lang) for y, q in zip(frame["year"], frame["quarter"])],
            t("report_date", lang): pd.to_datetime(frame["report_date"]).dt.date,
            t("period_class", lang): [t(f"period_{c}", lang) for c in frame["period_class"]],
            t("n_stories", lang): frame["n_stories"].astype(int),
            t("budget", lang): frame["budget"],
            t("spent", lang): frame["spent"],
            t("remaining", lang): frame["remaining"],
            t("forecast", lang): frame["forecast"],
        }
    )


def quarterly_section(ctx: Context, frame: pd.DataFrame, figure) -> None:
    """The OWO quarterly overview: chart of the last quarters, then every quarter in a table."""
    lang = ctx.lang
    n_quarters = len(set(zip(frame["year"], frame["quarter"])))
    if n_quarters < 2 and frame["period_class"].nunique() < 2:
        return  # one quarter, one budget year: the tiles above already say it
    st.subheader(t("chart_quarterly", lang))
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


def export_frames(ctx: Context) -> tuple[dict[str, pd.DataFrame], set[str], set[str]]:
    """The filtered views as plain tables with translated headers: stories, per line, per track."""
    lang = ctx.lang
    stories = analysis.stories(ctx.cur, ctx.report_id, filters=ctx.filters)
    amounts = ["budget", "spent", "forecast", "variance", "remaining", "to_spend", "baseline", "drift"]
    story_columns = [
        "code",
        "title",
        "programme_line",
        "track",
        "owner",
        "parent_code",
        "period",
        *amounts,
        "variance_pct",
        "status",
        "figures_status",
        "status_label",
        "status_note",
        "necessity",
    ]
    frame = stories[story_columns].copy()
    frame["status"] = [t(s, lang) for s in frame["status"]]
    frame["figures_status"] = [t(s, lang) for s in frame["figures_status"]]
    frame["necessity"] = [t(n, lang) if isinstance(n, str) else None for n in frame["necessity"]]
    sheets = {t("stories", lang): frame.rename(columns=lambda c: t(c, lang))}
    group_columns = [
        "group_name",
        "n_stories",
        "budget",
        "spent",
        "forecast",
        "variance",
        "remaining",
        "to_spend",
        "variance_pct",
        "share_spent",
        "n_red",
        "n_amber",
        "n_green",
        "n_unknown",
        "n_watermelons",
    ]
    for by, title in (("line", "page_lines"), ("track", "page_tracks")):
        rollup = analysis.rollup(ctx.cur, ctx.report_id, by, filters=ctx.filters)[group_columns].copy()
        rollup["group_name"] = [group_label(n, lang, by) for n in rollup["group_name"]]
        names = {
            "group_name": t("programme_line" if by == "line" else "track", lang),
            "n_stories": t("n_stories", lang),
            "n_red": t("red", lang),
            "n_amber": t("amber", lang),
            "n_green": t("green", lang),
            "n_unknown": t("unknown", lang),
            "n_watermelons": t("watermelons", lang),
        }
        sheets[t(title, lang)] = rollup.rename(columns={c: names.get(c) or t(c, lang) for c in rollup.columns})
    quarters = analysis.quarterly(analysis.trend_by_period(ctx.cur, ctx.programme_id, ctx.filters))
    if not quarters.empty:
        sheets[t("page_quarterly", lang)] = quarterly_frame(lang, quarters)
    amount_labels = {t(c, lang) for c in amounts}
    percent_labels = {t("variance_pct", lang), t("share_spent", lang)}
    return sheets, amount_labels, percent_labels


def export_file(ctx: Context, kind: str) -> bytes:
    """The filtered data as a formatted Excel workbook ('xlsx') or the stories as CSV ('csv')."""
    from portfolio import export

    lang = ctx.lang
    sheets, amount_labels, percent_labels = export_frames(ctx)
    if kind == "csv":
        return export.to_csv(sheets[t("stories", lang)], lang)
    about = [
        (t("programme", lang), ctx.info["programme"]),
        (t("report_date", lang), fmt.date(ctx.info["report_date"], lang)),
        (t("source", lang), ctx.info["source_file"]),
        (t("filters", lang), "; ".join(f"{k}: {v}" for k, v in ctx.filters.describe(lang)) or t("all", lang)),
    ]
    return export.to_excel(
        sheets, about, currency=ctx.currency, amount_columns=amount_labels, percent_columns=percent_labels
    )


def downloads(ctx: Context) -> None:
    """Download the filtered data as a formatted Excel workbook and as CSV.

    The files are made when a button is clicked, not on every run of the page: a workbook of a large
    report takes longer to write than the whole page takes to answer a filter change. The click is
    answered outside the page's run, so it reads the database on a cursor of its own.
    """
    lang = ctx.lang
    database = _database(str(db.db_path()))

    def make(kind: str):
        def build() -> bytes:
            with database.cursor() as cur:
                return export_file(replace(ctx, cur=cur), kind)

        return build

    stem = f"{ctx.info['programme']}-{pd.Timestamp(ctx.info['report_date']).date().isoformat()}"
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)[:80]
    files = (
        ("xlsx", "download_excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "download_csv", "text/csv"),
    )
    for column, (kind, label, mime) in zip(st.columns(len(files)), files):
        column.download_button(
            t(label, lang),
            data=make(kind),
            file_name=f"{stem}.{kind}",
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=label,
        )


GROUP_PAGES = {  # kind -> (page title, label, label for '', prompt, story filter argument)
    "line": ("page_lines", "programme_line", "none_line", "choose_line", "programme_line"),
    "track": ("page_tracks", "track", "none_track", "choose_track", "track"),
}


def group_page(kind: str) -> None:
    """The programme-lines and tracks pages: measures per group (click to drill down), then the stories inside."""
    title, label, empty, prompt, narrow = GROUP_PAGES[kind]
    ctx = context()
    if ctx.report_id is None:
        st.stop()
    lang = ctx.lang
    header(ctx, title)
    filter_note(ctx)
    rollup = analysis.rollup(ctx.cur, ctx.report_id, kind, filters=ctx.filters)
    event = st.dataframe(
        rollup_table(ctx, rollup, kind),
        column_config=rollup_columns(lang, ctx.currency),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{kind}s_table",
    )
    drill_down(event, rollup["group_name"], kind)  # the clicked group is shown below
    figure = charts.measures_by_group(rollup, t(label, lang), t(empty, lang), ctx.currency, lang)
    picked = None
    if figure is None:
        st.info(t("no_amounts", lang))
    else:
        picked = clicked_bar(figure, f"{kind}s_chart")
    status_figure = charts.status_by_group(rollup, t(empty, lang), lang)
    in_status = clicked_bar(status_figure, f"{kind}s_status")
    picked = in_status if in_status is not None else picked  # '' (no line/track) is a pick too
    if picked is not None:  # a bar clicked in either chart picks that group below
        st.session_state[kind] = picked
    chosen = st.selectbox(
        t(prompt, lang), rollup["group_name"].tolist(), key=kind, format_func=lambda n: group_label(n, lang, kind)
    )
    if chosen is not None:
        st.subheader(tmd("stories_in", lang, name=group_label(chosen, lang, kind)))
        kpi_tiles(ctx, analysis.totals(ctx.cur, ctx.report_id, filters=ctx.filters, **{narrow: chosen}))
        stories_frame(
            ctx,
            analysis.stories(ctx.cur, ctx.report_id, filters=ctx.filters, **{narrow: chosen}),
            key=f"{kind}_stories",
        )
