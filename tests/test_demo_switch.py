"""PORTFOLIO_DEMO=off (issue 24, item 7): a shared production store starts empty on the app's first
start instead of receiving the demo programmes (one of them with invented figures)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import demo

APP = Path(__file__).resolve().parent.parent / "app.py"


def reports_after_first_start(app_db) -> int:
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    with duckdb.connect(str(app_db)) as con:
        return con.execute("select count(*) from reports").fetchone()[0]


@pytest.mark.parametrize("value", ["off", "0", "No", "false"])
def test_the_demo_is_not_loaded_when_switched_off(app_db, monkeypatch, value):
    monkeypatch.setenv(demo.DEMO_ENV, value)
    assert reports_after_first_start(app_db) == 0


def test_the_demo_is_loaded_by_default(app_db, monkeypatch):
    monkeypatch.delenv(demo.DEMO_ENV, raising=False)
    assert reports_after_first_start(app_db) >= len(
        demo.demo_files()
    )  # a file may hold several reports (OWO: quarters)
