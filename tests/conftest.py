"""Shared fixtures: private databases (in memory or in a temporary file) and the demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio import db, demo

CORPUS = Path(__file__).resolve().parent / "corpus"
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is a `browser` test and a `slow` one, so `-m "not browser"` and
    `-m "not slow"` leave them out. (A `pytestmark` in a conftest.py marks nothing: pytest reads it
    only from test modules.) Other slow tests carry @pytest.mark.slow themselves."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def con():
    """An empty, migrated in-memory database."""
    connection = db.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def demo_con(con):
    """An in-memory database with the demo reports loaded through the upload path."""
    demo.load_demo_if_empty(con)
    return con


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """Point the app at a fresh database file for an AppTest run."""
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv(db.DB_ENV, str(path))
    return path


@pytest.fixture(autouse=True)
def _streamlit_routes_through_app(monkeypatch):
    """Run AppTest like a server that has seen app.py's st.navigation at least once.

    AppTest resets Streamlit's 'pages/ directory' flag before every run, so after switch_page each run
    would first execute pages/<x>.py directly; the app then reruns through app.py (see
    pages/_ui/session.route_through_app), and that rerun drops pending button clicks. A real server sets
    the flag once, on its first request; the browser tests cover that cold start.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
