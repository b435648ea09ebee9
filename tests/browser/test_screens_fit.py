"""Screens fit the screen they are on (issue 21, item 3): at 1440, 1280, 1024 and 800 px and on a phone's
390 px nothing a director needs is cut (tile values and labels, table headers and cells, programme names),
what does not fit wraps or moves, the sidebar does not stay open over the page below 1200 px, and the
illustration (the demo's OWO plan, invented figures) is marked and kept out of the totals. axe-core finds
no serious or critical WCAG 2.1 A/AA violation at any of these widths. Screenshots in tests/artifacts/
(screen_<page>_<width>.png) for a person to look at."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.conftest import screenshot, serve_app, wait_for_app
from tests.browser.test_accessibility import check, wait_until_drawn

pytestmark = pytest.mark.browser

WIDTHS = (1440, 1280, 1024, 800, 390)
OWO = "OWO Informatiseringsjaarplan (illustratie)"
TABLES_FROM = 975  # pages/portfolio.py WIDE_TABLES: the page's main area from which the tables show

# Elements whose text is cut: wider inside than they are drawn (tile values, labels and moves; card lines)
CUT = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
# Tables (Streamlit's data grid draws on a canvas; its scroller is wider inside when columns are hidden)
SIDEWAYS = """() => [...document.querySelectorAll('.dvn-scroller')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.closest("[class*='st-key-']")?.className.match(/st-key-\\S+/)?.[0] || 'a table')"""
MAIN_WIDTH = """() => { const main = document.querySelector("[data-testid='stMainBlockContainer']"), style = getComputedStyle(main);
  return main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight); }"""  # as @container sees it
SIDEBAR_RIGHT = "() => document.querySelector(\"[data-testid='stSidebar']\").getBoundingClientRect().right"


def open_page(browser, server, width: int, address: str):
    context = browser.new_context(viewport={"width": width, "height": 1600})
    page = context.new_page()
    page.goto(f"{server}/{address}")
    wait_for_app(page)
    wait_until_drawn(page)
    if width < 1200:  # the page as a person sees it once the sidebar has closed (on a loaded machine, later)
        page.wait_for_function(f"() => ({SIDEBAR_RIGHT})() <= 0", timeout=30_000)
        page.wait_for_timeout(300)  # the main area's own transition to its full width
    return context, page


def common_checks(page, width: int, name: str) -> None:
    """No page wider than the screen; the sidebar closed below 1200 px; axe at 0 serious or critical."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{name} wider than {width} px"
    if width < 1200:
        page.wait_for_function(f"() => ({SIDEBAR_RIGHT})() <= 0", timeout=30_000)  # closed, not over the page
    else:
        assert page.evaluate(SIDEBAR_RIGHT) > 0  # open where there is room beside it
    check(page, f"screen_{name}_{width}")


@pytest.fixture(scope="module")
def demo_only(tmp_path_factory):
    """The app on the demo alone: the session's shared server holds what other tests loaded, and the
    portfolio page counts every programme."""
    folder = tmp_path_factory.mktemp("screens")
    with serve_app(folder, folder / "screens.duckdb") as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
def test_the_portfolio_page_fits_every_width_and_keeps_the_illustration_apart(demo_only, browser, width):
    context, page = open_page(browser, demo_only, width, "?lang=nl")
    try:
        body = page.locator("[data-testid='stMain']").inner_text()
        # the illustration is named as one and left out of the count at the top and the totals
        assert "Illustratie, met verzonnen cijfers: OWO Informatiseringsjaarplan (illustratie)" in body
        assert "3 programma's" in body and "1 illustratie(s) met verzonnen cijfers, hierin niet meegeteld" in body
        assert f"Niet in deze totalen: {OWO}" in body
        main = page.evaluate(MAIN_WIDTH)
        if main >= TABLES_FROM:  # the tables, none scrolling sideways (no column hidden)
            assert page.locator(".st-key-pf_wide_main [data-testid='stDataFrame']").is_visible()
            assert not page.locator(".st-key-pf_narrow").is_visible()
        else:  # a card per programme, worst first, the illustration last, every line whole
            assert page.locator(".st-key-pf_narrow").is_visible()
            assert not page.locator(".st-key-pf_wide_main").is_visible()
            cards = page.locator("[class*='st-key-pf_card_']")
            assert cards.count() == 4
            assert cards.nth(0).inner_text().startswith("MAB Flevoland")
            assert cards.nth(3).inner_text().startswith(OWO)
            assert "Budget: € 2.315.000" in cards.nth(0).inner_text()
            assert page.evaluate(CUT, "[class*='st-key-pf_card_'] p") == []
        assert page.evaluate(SIDEWAYS) == [], f"a table scrolls sideways at {width} px"
        screenshot(page, f"screen_portfolio_{width}")
        common_checks(page, width, "portfolio")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_overview_tiles_are_whole_at_every_width(server, browser, width):
    context, page = open_page(browser, server, width, f"overview?programme={quote('MAB Flevoland')}&lang=nl")
    try:
        values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert values[:3] == ["€ 2.315k", "€ 936,5k", "€ 2.137,5k"]  # DOMAIN.md's totals, whole
        for part in (
            "[data-testid='stMetricValue']",
            "[data-testid='stMetricLabel'] [data-testid='stMarkdownContainer']",
        ):
            assert page.evaluate(CUT, part) == [], f"{part} cut at {width} px"
        screenshot(page, f"screen_overview_{width}")
        common_checks(page, width, "overview")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_story_tiles_are_whole_at_every_width(server, browser, width):
    """Story 13 of MAB: its amounts and its planning tiles, labels ('Laatst vastgestelde einddatum') whole."""
    context, page = open_page(browser, server, width, f"story?programme={quote('MAB Flevoland')}&story=13&lang=nl")
    try:
        labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
        assert "Laatst vastgestelde einddatum" in [" ".join(label.split()) for label in labels]
        for part in (
            "[data-testid='stMetricValue']",
            "[data-testid='stMetricLabel'] [data-testid='stMarkdownContainer']",
        ):
            assert page.evaluate(CUT, part) == [], f"{part} cut at {width} px"
        screenshot(page, f"screen_story_{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width", (1440, 390))
def test_an_illustrations_own_pages_say_its_figures_are_invented(server, browser, width):
    context, page = open_page(browser, server, width, f"overview?programme={quote(OWO)}&lang=en")
    try:
        said = page.locator("[data-testid='stAlert']").all_inner_texts()
        assert any("Illustration:" in text and "invented" in text for text in said), said
        screenshot(page, f"screen_overview_illustration_{width}")
        check(page, f"screen_overview_illustration_{width}")
    finally:
        context.close()


OTHER_PAGES = (
    "lines",
    "tracks",
    "story",
    "compare",
    "upload",
    "history",
    "rules",
)  # tests/browser/test_accessibility.py


@pytest.mark.parametrize("width", (1280, 1024, 800, 390))  # 1440: tests/browser/test_accessibility.py
@pytest.mark.parametrize("name", OTHER_PAGES)
def test_every_other_page_has_no_serious_accessibility_violation_at_this_width(server, browser, name, width):
    context, page = open_page(browser, server, width, f"{name}?programme={quote('MAB Flevoland')}&lang=nl")
    try:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{name} wider than {width} px"
        check(page, f"screen_{name}_{width}")
    finally:
        context.close()
