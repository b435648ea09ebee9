"""The executive's journey in a real browser: the portfolio page over the demo programmes and one in
pounds, a row that opens that programme's overview, the portfolio workbook, and the progress report
downloaded from the overview as Word and as PDF."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import openpyxl
import pytest
from playwright.sync_api import expect

from pages._ui.tables import WRAPPING_ROW_HEIGHT
from portfolio import db, demo
from tests.browser.conftest import screenshot, serve_app, wait_for_app
from tests.test_portfolio_page import GRONINGEN, MAB, UK, load_uk


@pytest.fixture(scope="module")
def portfolio_server(tmp_path_factory):
    """The app on a database with the four demo programmes (two without amounts) and one in pounds."""
    database = tmp_path_factory.mktemp("portfolio_db") / "portfolio.duckdb"
    con = db.connect(database)
    demo.load_demo_if_empty(con)
    load_uk(con)
    con.close()
    with serve_app(tmp_path_factory.mktemp("portfolio_log"), database) as url:
        yield url


def grid_rows(page, index: int = 0) -> list[list[str]]:
    """The visible rows of the index-th table, from the grid's accessible cells."""
    grid = page.locator("[data-testid='stDataFrame']").nth(index)
    rows = grid.locator("[role='row']")
    found = []
    for number in range(rows.count()):
        cells = rows.nth(number).locator("[role='gridcell']")
        if cells.count():
            found.append([cells.nth(i).inner_text() for i in range(cells.count())])
    return found


def test_the_portfolio_opens_first_and_a_row_opens_its_overview(portfolio_server, page):
    page.goto(f"{portfolio_server}/?lang=en")
    wait_for_app(page)
    page.get_by_role("heading", name="Portfolio").first.wait_for()
    expect(page.locator("[data-testid='stDataFrame']").first.locator("[role='gridcell']").first).to_have_text(UK)
    rows = grid_rows(page)
    names = [row[0] for row in rows]
    assert names[0] == UK and MAB in names and GRONINGEN in names
    by_name = {row[0]: row for row in rows}
    assert by_name[UK][2] == "£2k" and by_name[MAB][2] == "€2,315k"  # each in its own currency
    assert by_name[GRONINGEN][2] == "–"  # no amounts: a dash, never 0 (amounts written out: two currencies)
    assert by_name[GRONINGEN][3:5] == ["", ""]  # shares are numbers: empty (drawn as –), never 0
    totals = page.locator("[data-testid='stDataFrame']").nth(3).locator("[role='columnheader']").all_inner_texts()
    assert [name.strip() for name in totals][-2:] == ["EUR", "GBP"]  # a total per currency, never added up
    screenshot(page, "portfolio_en")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download Excel (portfolio)").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert [row[1] for row in book["Portfolio"].iter_rows(min_row=2, values_only=True)] == names

    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()  # the download button below scrolled the page: the table is above
    box = grid.bounding_box()
    header, row_height = 35, WRAPPING_ROW_HEIGHT  # rows high enough for a name to wrap
    page.mouse.click(box["x"] + 16, box["y"] + header + row_height * names.index(MAB) + row_height / 2)
    page.wait_for_url("**/overview?**", timeout=60_000)
    wait_for_app(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["programme"] == [MAB] and query["lang"] == ["en"]
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("€2,315k")


def test_the_progress_report_downloads_as_word_and_pdf(portfolio_server, page):
    page.goto(f"{portfolio_server}/overview?programme={quote(MAB)}&lang=en")
    wait_for_app(page)
    for make, download_label, start in (
        ("Make the Word document", "Download Word (.docx)", b"PK"),
        ("Make the PDF", "Download PDF", b"%PDF"),
    ):
        page.get_by_role("button", name=make).click()
        button = page.get_by_role("button", name=download_label)
        button.wait_for(timeout=120_000)
        wait_for_app(page)
        with page.expect_download() as download:
            button.click()
        data = Path(download.value.path()).read_bytes()
        assert data.startswith(start), make
        assert "MAB-Flevoland_2018-06-15" in download.value.suggested_filename
    screenshot(page, "overview_progress_report_en")
