"""The lake's catalog goes away under a running app (issue 24, item 3): PostgreSQL stopped while the
app keeps its connection. Every page says so in the app's words (not Streamlit's error page), keeps
trying, and carries on once PostgreSQL is back, without a restart. A PostgreSQL of this module's own,
really stopped and started (the session's is shared by other tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from portfolio import db
from portfolio.i18n import t

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 180
PAGES = [
    "pages/portfolio.py",
    "pages/overview.py",
    "pages/lines.py",
    "pages/tracks.py",
    "pages/story.py",
    "pages/compare.py",
    "pages/upload.py",
    "pages/history.py",
    "pages/rules.py",
]


@pytest.fixture(scope="module")
def own_postgres():
    from tests.stores import Postgres

    server = Postgres()
    yield server
    server.stop()


PASSWORD = "Zeer$geheim-42"


@pytest.fixture
def outage_lake(own_postgres, tmp_path, monkeypatch, request):
    """A lake whose role signs in with a password: in PORTFOLIO_DB (as the README once said) for
    Dutch, from PGPASSWORD for English. Neither may ever be shown."""
    url = own_postgres.password_lake(f"owner_{request.node.callspec.id}", PASSWORD)
    if request.node.callspec.id == "nl":
        url += f" password={PASSWORD}"
    else:
        monkeypatch.setenv("PGPASSWORD", PASSWORD)
    monkeypatch.setenv(db.DB_ENV, url)
    monkeypatch.setenv(db.DATA_PATH_ENV, str(tmp_path / "lake"))
    return url


def _everything_said(at: AppTest) -> str:
    """Every text element of the page, in the main area and the sidebar."""
    parts = []
    for kind in ("error", "warning", "info", "success", "caption", "markdown", "title", "header", "subheader", "text"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return " ".join(parts)


def _said(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.caption, *at.markdown])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_says_the_catalog_is_gone_in_the_apps_words_and_carries_on_when_it_is_back(
    own_postgres, outage_lake, lang
):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    unreachable = t("db_lake_unreachable", lang, file=db.store_name(outage_lake))
    retrying = t("db_retrying", lang, time="", seconds=5).split(" ", 4)[-1]  # the words after the time
    own_postgres.halt()
    try:
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception])
            assert [e.value for e in at.error] == [unreachable], (page, [e.value for e in at.error])
            assert any(retrying in str(c.value) for c in at.caption), (page, [c.value for c in at.caption])
            assert PASSWORD not in _everything_said(at)
    finally:
        own_postgres.resume()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception and not at.error, (page, [e.value for e in [*at.exception, *at.error]])
    at.switch_page("pages/portfolio.py").run()
    assert "MAB" in _said(at) or any("MAB" in str(df.value) for df in at.dataframe)


@pytest.mark.slow
@pytest.mark.parametrize("lang", [pytest.param("en", id="signin_en")])  # its own id: the fixture's role name
def test_signing_in_while_the_catalog_is_gone_says_so_keeps_trying_and_signs_in_once_it_is_back(
    own_postgres, outage_lake, lang
):
    """Signing in writes a record of the attempt: with the catalog gone the sign-in screen says so in the
    app's words and keeps trying (not Streamlit's error page, not 'wrong password'); once PostgreSQL is back
    the same name and password sign in."""
    from portfolio import auth

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["portfolio"] = {
        "sign_in": "builtin",
        "users": {"carl": {"password_hash": auth.hash_password("carl-pw", iterations=1_000), "role": "viewer"}},
    }
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception and at.text_input(key="sign_in_name")
    unreachable = t("db_lake_unreachable", lang, file=db.store_name(outage_lake))
    retrying = t("db_retrying", lang, time="", seconds=5).split(" ", 4)[-1]
    own_postgres.halt()
    try:
        at.text_input(key="sign_in_name").set_value("carl")
        at.text_input(key="sign_in_password").set_value("carl-pw")
        at.button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert [e.value for e in at.error] == [unreachable]
        assert any(retrying in str(c.value) for c in at.caption), [c.value for c in at.caption]
        assert PASSWORD not in _everything_said(at)
    finally:
        own_postgres.resume()
    at.text_input(key="sign_in_name").set_value("carl")
    at.text_input(key="sign_in_password").set_value("carl-pw")
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    assert "carl" in _everything_said(at)  # signed in: the sidebar names who
