"""Streamlit glue shared by the pages: the session's database cursor, language, and the sidebar selection.

The logic lives in the `portfolio` package; this module only turns widget state into arguments for it.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from portfolio import analysis, charts, db, demo, fmt
from portfolio.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


@st.cache_resource(show_spinner=False)
def _database(path: str) -> db.SharedDatabase:
    """One handle per process and database file; the demo data is loaded into an empty database."""
    database = db.SharedDatabase(path)
    with database.cursor() as cur:
        demo.load_demo_if_empty(cur)
    return database


@contextmanager
def session():
    """Hold a cursor of this session's own for one run of the script; app.py wraps every page in it.

    Between runs the database file is released, so a command-line load can get in.
    """
    with _database(str(db.db_path())).cursor() as cur:
        st.session_state["_cursor"] = cur
        try:
            yield cur
        finally:
            st.session_state.pop("_cursor", None)


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


def remember_selection(programme: str, report_date) -> None:
    """Make the sidebar show this programme and report next (after an upload)."""
    st.session_state["sel_programme"] = programme
    st.session_state["want_date"] = report_date.isoformat()


def user_name() -> str | None:
    """Who is signed in, for the audit log; None when the app runs open."""
    try:
        if st.user.is_logged_in:
            return st.user.get("email") or st.user.get("name")
    except (AttributeError, KeyError):
        pass
    return None


@dataclass
class Context:
    """What every page works on: the cursor, the language and the chosen report."""

    cur: object
    lang: str
    report_id: int | None
    info: dict

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


def context() -> Context:
    """Render the sidebar (language, programme, report) and answer the chosen report."""
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
        programmes = analysis.programmes(cur)
        if programmes.empty:
            st.info(t("no_reports", lang))
            return Context(cur, lang, None, {})
        names = programmes["name"].tolist()
        wanted = st.query_params.get("programme")
        name = persistent_widget(
            st.selectbox, t("programme", lang), names, "programme", wanted if wanted in names else names[0]
        )
        programme_id = int(programmes.loc[programmes["name"] == name, "programme_id"].iloc[0])
        reports = analysis.reports(cur, programme_id)
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
        st.caption(t("open_mode", lang))
    st.query_params.update({"programme": name, "date": chosen, "lang": lang})
    return Context(cur, lang, report_id, analysis.report_info(cur, report_id))


def header(ctx: Context, page_key: str) -> None:
    """Page title with the programme, the report date and where the figures come from."""
    st.title(t(page_key, ctx.lang))
    info = ctx.info
    st.markdown(f"**{info['programme']}** · {t('report_date', ctx.lang)} {fmt.date(info['report_date'], ctx.lang)}")
    st.caption(t("loaded_from", ctx.lang, file=info["source_file"], at=fmt.date(info["loaded_at"], ctx.lang)))


def kpi_tiles(ctx: Context, totals: dict) -> None:
    """Budget, spent, forecast, variance and share spent, each with how many stories gave it."""
    lang, n = ctx.lang, int(totals["n_stories"])
    cols = st.columns(5)
    cols[0].metric(t("budget", lang), ctx.money(totals["budget"]), border=True, help=ctx.exact(totals["budget"]))
    cols[0].caption(t("kpi_of_stories", lang, n=int(totals["n_budget"]), total=n))
    cols[1].metric(t("spent", lang), ctx.money(totals["spent"]), border=True, help=ctx.exact(totals["spent"]))
    cols[1].caption(t("kpi_of_stories", lang, n=int(totals["n_spent"]), total=n))
    cols[2].metric(t("forecast", lang), ctx.money(totals["forecast"]), border=True, help=ctx.exact(totals["forecast"]))
    cols[2].caption(t("kpi_of_stories", lang, n=int(totals["n_forecast"]), total=n))
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


def group_label(name: str, lang: str, kind: str) -> str:
    return name or t("none_line" if kind == "line" else "none_track", lang)


def rollup_table(ctx: Context, rollup: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A roll-up as a readable table: formatted amounts, counts with icons."""
    lang = ctx.lang
    column = t("programme_line" if kind == "line" else "track", lang)
    return pd.DataFrame(
        {
            column: [group_label(n, lang, kind) for n in rollup["group_name"]],
            t("n_stories", lang): rollup["n_stories"].astype(int),
            t("budget", lang): [ctx.exact(v) for v in rollup["budget"]],
            t("spent", lang): [ctx.exact(v) for v in rollup["spent"]],
            t("forecast", lang): [ctx.exact(v) for v in rollup["forecast"]],
            t("variance", lang): [ctx.exact(v, signed=True) for v in rollup["variance"]],
            t("variance_pct", lang): [fmt.percent(v, lang, signed=True) for v in rollup["variance_pct"]],
            t("share_spent", lang): [fmt.percent(v, lang) for v in rollup["share_spent"]],
            charts.status_text("red", lang): rollup["n_red"].astype(int),
            charts.status_text("amber", lang): rollup["n_amber"].astype(int),
            charts.status_text("green", lang): rollup["n_green"].astype(int),
            charts.status_text("unknown", lang): rollup["n_unknown"].astype(int),
        }
    )


def stories_table(ctx: Context, stories: pd.DataFrame) -> pd.DataFrame:
    """Stories as a readable table (codes, titles, amounts, light with icon and word)."""
    lang = ctx.lang
    return pd.DataFrame(
        {
            t("code", lang): stories["code"],
            t("title", lang): stories["title"].fillna(""),
            t("status", lang): [charts.status_text(s, lang) for s in stories["status"]],
            t("budget", lang): [ctx.exact(v) for v in stories["budget"]],
            t("spent", lang): [ctx.exact(v) for v in stories["spent"]],
            t("forecast", lang): [ctx.exact(v) for v in stories["forecast"]],
            t("variance", lang): [ctx.exact(v, signed=True) for v in stories["variance"]],
            t("status_note", lang): stories["status_note"].fillna(""),
        }
    )


def open_story_on_select(event, stories: pd.DataFrame) -> None:
    """Drill down: a row picked in a story table opens that story."""
    rows = event.selection.rows if event is not None else []
    if rows:
        st.session_state["story_code"] = str(stories["code"].iloc[rows[0]])
        st.switch_page("pages/story.py")


def table_height(rows: int) -> int:
    """A dataframe height that shows every row without an inner scrollbar."""
    return 38 + 35 * rows


def story_columns(lang: str) -> dict:
    """Column widths for story tables: titles and notes get the room."""
    return {
        t("code", lang): st.column_config.TextColumn(width="small"),
        t("title", lang): st.column_config.TextColumn(width="medium"),
        t("status_note", lang): st.column_config.TextColumn(width="large"),
    }


def stories_frame(ctx: Context, stories: pd.DataFrame, key: str) -> None:
    """A story table the user can click to open a story."""
    event = st.dataframe(
        stories_table(ctx, stories),
        column_config=story_columns(ctx.lang),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    open_story_on_select(event, stories)
