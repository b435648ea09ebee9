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


# The data-layer and query tests run on both stores: each of their tests that takes `con` (or `store`)
# runs once on a DuckDB database and once on a DuckLake in the tests' own PostgreSQL.
BOTH_STORES = {"test_db", "test_queries", "test_ingest", "test_cli", "test_lake"}


def pytest_generate_tests(metafunc):
    if "store" in metafunc.fixturenames and metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_STORES:
        metafunc.parametrize("store", ["file", "lake"], indirect=True)


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL 15 for the session's lakes, started here and stopped at the end. When it cannot be
    started, every test that needs it fails with the reason (nothing is skipped)."""
    from tests.stores import Postgres, PostgresUnavailable

    try:
        server = Postgres()
    except PostgresUnavailable as exc:
        server = exc
    yield server
    if isinstance(server, Postgres):
        server.stop()


@pytest.fixture(scope="session")
def lake_data(tmp_path_factory):
    """The data directory of the session's lakes (copies of one template lake share it; DuckLake names
    every data file uniquely)."""
    return str(tmp_path_factory.mktemp("lake-data"))


@pytest.fixture
def store(request, tmp_path, monkeypatch):
    """Where a test's data lives: ':memory:' (other modules), a new DuckDB file ('file'), or a new
    DuckLake in the session's PostgreSQL ('lake'). The environment points
    at it ($PORTFOLIO_DB, $PORTFOLIO_DATA_PATH), as for a server or a command line."""
    kind = getattr(request, "param", "memory")
    if kind == "memory":
        return ":memory:"
    target = str(tmp_path / "store.duckdb") if kind == "file" else request.getfixturevalue("lake")
    monkeypatch.setenv(db.DB_ENV, target)
    return target


@pytest.fixture
def lake(request, monkeypatch) -> str:
    """The URL of a new DuckLake in the session's PostgreSQL ($PORTFOLIO_DATA_PATH set to its data)."""
    server = request.getfixturevalue("postgres")
    if isinstance(server, Exception):
        pytest.fail(f"the DuckLake tests need PostgreSQL: {server}", pytrace=False)
    data = request.getfixturevalue("lake_data")
    monkeypatch.setenv(db.DATA_PATH_ENV, data)
    return server.create_lake(data)


@pytest.fixture
def con(store):
    """An empty, migrated database: in memory, or (in the modules of BOTH_STORES) a file and a lake."""
    connection = db.connect(store)
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
