"""PostgreSQL, the lake's catalog, stopped and started under a browser session (issue 24, item 3): the
click made while it is down says so in the app's words (not Streamlit's error page), and the page
carries on by itself, with no click and no restart, once PostgreSQL is back."""

from __future__ import annotations

import os
import time

import pytest

from portfolio import db
from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.test_lake_servers import start_server, stop

PASSWORD = "Zeer$geheim-42"


@pytest.fixture
def own_postgres():
    from tests.stores import Postgres

    server = Postgres()
    yield server
    server.stop()


def test_the_catalog_stopped_is_said_and_the_page_carries_on_by_itself_when_it_is_back(
    own_postgres, tmp_path, page, monkeypatch
):
    lake = own_postgres.password_lake("app_owner", PASSWORD)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)  # the password from the environment, never in the URL
    monkeypatch.setenv(db.DATA_PATH_ENV, str(tmp_path / "lake"))
    assert os.environ["PGPASSWORD"] == PASSWORD
    server, url = start_server(tmp_path, lake, "a")
    try:
        page.goto(f"{url}/")
        wait_for_app(page)
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=120_000)  # the portfolio
        own_postgres.halt()
        try:
            page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Overzicht").click()
            message = page.get_by_text("is niet bereikbaar", exact=False).first
            message.wait_for(timeout=60_000)
            page.get_by_text("probeert het elke 5 seconden opnieuw", exact=False).first.wait_for(timeout=20_000)
            assert page.get_by_text("This app has encountered an error").count() == 0
            assert PASSWORD not in page.content()
            screenshot(page, "lake_outage_said")
        finally:
            own_postgres.resume()
        back = time.monotonic()
        message.wait_for(state="detached", timeout=60_000)  # no click: the page looked again by itself
        page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=60_000)
        print(f"the page carried on {time.monotonic() - back:.1f} s after PostgreSQL was back")
        screenshot(page, "lake_outage_recovered")
        assert page.get_by_text("This app has encountered an error").count() == 0
    finally:
        stop(server)
