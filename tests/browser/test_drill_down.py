"""Drill-down lands where the eye is: a group clicked on the lines page (a table row or a bar) brings its
stories into view, and the choice is in the URL, so a reload or a shared link opens on it."""

import re
from urllib.parse import quote, unquote_plus

from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.test_journeys import bar_data, click_bar

HEADING = "#chosen-stories"


def heading_in_view(page) -> bool:
    """The chosen group's heading is inside the window (top half), not somewhere below the fold."""
    top = page.evaluate(f"document.querySelector('{HEADING}').getBoundingClientRect().top")
    return 0 <= top <= page.viewport_size["height"] / 2


def test_a_clicked_line_brings_its_stories_into_view_and_into_the_url(server, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server}/lines?programme={quote('MAB Flevoland')}&chart=amounts")  # opens with the chart drawn
    wait_for_app(page)
    # a bar in the chart below the stories: the page scrolls back up to the stories of that line
    line = bar_data(page, "lines_chart", 2)
    click_bar(page, "lines_chart", index=2)
    page.wait_for_url(re.compile(r"chosen_line="))
    wait_for_app(page)
    page.get_by_role("heading", name=re.compile("Stories in " + re.escape(line).replace(":", ":\u2060?"))).wait_for()
    page.wait_for_function(
        f"(() => {{ const h = document.querySelector('{HEADING}'); const t = h && h.getBoundingClientRect().top;"
        f" return t !== null && t >= 0 && t <= window.innerHeight / 2; }})()",
        timeout=10_000,
    )
    assert heading_in_view(page)
    assert unquote_plus(re.search(r"chosen_line=([^&]+)", page.url)[1]) == line
    screenshot(page, "drill_line_from_bar_in_view")
    # the link opens on the same line, in a fresh page
    page.goto(page.url)
    wait_for_app(page)
    page.get_by_role("heading", name=re.compile("Stories in " + re.escape(line).replace(":", ":\u2060?"))).wait_for()
