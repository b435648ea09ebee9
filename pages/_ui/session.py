"""The session: one database handle per process, this run's cursor, answers shared between sessions,
the interface language, and the one work-around for Streamlit's pages-directory mode.

app.py wraps every page run in session(); pages reach the cursor through sidebar.context().
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import ExitStack, contextmanager

import duckdb
import streamlit as st

from portfolio import db, demo, memo
from portfolio.i18n import DEFAULT_LANGUAGE, LANGUAGES, t


@st.cache_resource(show_spinner=False)
def _database(path: str) -> db.SharedDatabase:
    """One handle per process and database file; the demo data is loaded into an empty database.

    Creating it claims the file for this server process: a second server on the same file is refused
    (db.DatabaseUnavailable, not cached, so each run tries again and serves once the other has stopped).
    """
    database = db.SharedDatabase(path)
    if demo.wanted():  # PORTFOLIO_DEMO=off: a shared production lake starts empty
        with database.cursor() as cur:
            demo.load_demo_if_empty(cur)
    return database


RETRY_SECONDS = 5  # how often a page that found the lake's catalog gone looks again
PASSING = ("lake_unreachable",)  # problems that pass by themselves: the page keeps trying


def database_problem(problem: db.DatabaseUnavailable, lang: str) -> None:
    """Say what is wrong with the database file and what to do (no path, no traceback); stop the run.
    A lake whose catalog does not answer (PostgreSQL stopped or restarting) is tried again every
    RETRY_SECONDS, and the page runs again by itself as soon as it answers."""
    logging.getLogger(__name__).warning("%s", problem)  # the server log has the path and DuckDB's words
    st.error(problem.text(lang))
    if problem.reason in PASSING:
        _keep_trying(str(db.db_path()), lang)  # problem.path has no password: not the one to open
    st.stop()


@st.fragment(run_every=RETRY_SECONDS)
def _keep_trying(path: str, lang: str) -> None:
    if _answers(path):
        st.rerun(scope="app")
    st.caption(t("db_retrying", lang, time=dt.datetime.now().strftime("%H:%M:%S"), seconds=RETRY_SECONDS))


def _answers(path: str) -> bool:
    """Whether the store answers a question that goes to its catalog (a lake's latest snapshot)."""
    try:
        with _database(path).cursor() as cur:
            db.execute(cur, "schema_version_read")
    except (db.DatabaseUnavailable, duckdb.Error):
        return False
    return True


@contextmanager
def session():
    """Hold a cursor of this session's own for one run of the script; app.py wraps every page in it.

    Between runs the file is free for a command-line load: while one has or wants it, the run waits
    (with a spinner) instead of failing. A file that cannot be used, or a write the page could not
    make (a full disk, other servers writing), is said on the page instead of a traceback.
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
        except db.DatabaseUnavailable as problem:
            database_problem(problem, lang)
        except duckdb.Error as exc:  # a lake's catalog gone under a query of the kept connection
            problem = db.lake_outage(database.path, exc)
            if problem is None:
                raise
            database_problem(problem, lang)
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


def route_through_app() -> None:
    """Make sure app.py's st.navigation routes this run.

    When the first request after a server start is a deep link (/story), Streamlit 1.67 still runs in
    its old 'pages/ directory' mode and executes pages/story.py directly, so the navigation, titles
    and page config of app.py are skipped. Leave that mode and rerun; app.py then routes the link.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
