"""Links and the back button in a real browser (issue 21): a link to a day without a report says what it
shows instead, a filter that leaves nothing says so and clears, and one visit is one history entry."""

from urllib.parse import quote

from tests.browser.conftest import screenshot, wait_for_app

MAB = quote("MAB Flevoland")


def test_a_mailed_link_to_a_day_without_a_report_says_which_report_is_shown(server, page):
    """A director opens a link to MAB's report of 1 July 2018; the report is of 15 June. The page says
    so above the tiles, and the address now names the report shown."""
    page.goto(f"{server}/overview?programme={MAB}&date=2018-07-01")
    wait_for_app(page)
    note = page.get_by_text("De link vraagt de rapportage van MAB Flevoland van 1 juli 2018")
    note.wait_for()
    assert "15 juni 2018, de laatste daarvoor" in note.inner_text()
    # the address is rewritten by the page's script once the run has ended: wait for it, do not race it
    page.wait_for_function("() => location.search.includes('date=2018-06-15')", timeout=30_000)
    assert "date=2018-06-15" in page.url
    screenshot(page, "link_to_a_day_without_a_report")


def test_a_search_that_leaves_nothing_says_so_and_clears_with_one_click(server, page):
    page.goto(f"{server}/overview?programme={MAB}&q=blockchain&lang=en")
    wait_for_app(page)
    page.get_by_text("The filter leaves nothing").wait_for()
    assert "No changes" not in page.inner_text("[data-testid='stMain']")
    screenshot(page, "search_leaves_nothing")
    page.get_by_role("button", name="Clear the filter").click()
    page.get_by_text("The filter leaves nothing").wait_for(state="detached")
    wait_for_app(page)
    page.wait_for_function("() => !location.search.includes('q=')", timeout=30_000)
    assert "q=" not in page.url
    page.get_by_text("Budget").first.wait_for()


def test_one_visit_is_one_step_back(server, page):
    """A director opens the overview from a link, then the programme lines, then the story page, and
    presses back twice: the lines page, then the overview, each with its own address. Every visit
    adds one entry to the browser's history (it added three: the page, then each change of the
    address the page made)."""
    page.goto(f"{server}/overview?programme={MAB}")
    wait_for_app(page)
    page.wait_for_url("**/overview?*date=*")
    start = page.evaluate("history.length")
    addresses = [page.url]
    for link, path in (("Programmalijnen", "/lines?"), ("Story", "/story?")):
        page.get_by_role("link", name=link).click()
        page.wait_for_url(f"**{path}*lang=*")
        wait_for_app(page)
        addresses.append(page.url)
    page.wait_for_url("**story=*")
    assert page.evaluate("history.length") == start + 2  # one entry per page visited
    page.go_back()
    page.get_by_role("heading", name="Programmalijnen", level=1).wait_for()
    wait_for_app(page)
    assert page.url == addresses[1]
    page.go_back()
    page.get_by_role("heading", name="Overzicht", level=1).wait_for()
    wait_for_app(page)
    assert page.url == addresses[0]
    screenshot(page, "back_twice_to_the_overview")
