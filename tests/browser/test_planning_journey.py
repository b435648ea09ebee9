"""A director finds the late stories of a programme line from the overview in two clicks (issue 22): the
'Planning' chart group, then the line's bar in 'late stories per programme line'; the line's page shows
its timeline and its stories with their slip, the largest first. Screenshots in tests/artifacts/."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from urllib.parse import quote

from tests.browser.conftest import DRAWN, ROOT, SERVED_DATABASE, screenshot, wait_for_app
from tests.browser.test_journeys import bar_data, choose_charts, click_bar
from tests.exports import dutch_csv

ROWS = [
    "Programma;Peildatum;Nr;Omschrijving;Programmalijn;Budget;Prognose;Stoplicht;Startdatum;Einddatum;Verwachte einddatum",
    "Planning Flevoland;30-06-2025;1;Zaaksysteem;Basis op orde;100;100;groen;01-01-2025;31-12-2025;31-03-2026",
    "Planning Flevoland;30-06-2025;2;Archief;Basis op orde;100;100;groen;01-01-2025;31-12-2025;15-01-2026",
    "Planning Flevoland;30-06-2025;3;Portaal;Digitaal in verbinding;100;100;groen;01-01-2025;30-06-2025;31-05-2025",
    "Planning Flevoland;30-06-2025;4;Kaarten;Digitaal in verbinding;100;100;groen;01-01-2025;30-09-2025;30-09-2025",
]


def test_the_late_stories_of_a_line_in_two_clicks_from_the_overview(server, page, tmp_path):
    page.goto(server)
    wait_for_app(page)
    export = tmp_path / "planning.csv"
    export.write_bytes(dutch_csv(ROWS))
    load = subprocess.run(
        [sys.executable, "-m", "portfolio", "load", str(export), "--db", str(SERVED_DATABASE["path"]), "--wait", "30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert load.returncode == 0, load.stderr
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(f"{server}/?programme={quote('Planning Flevoland')}")
    wait_for_app(page)
    started = time.perf_counter()
    choose_charts(page, "Planning")  # click 1
    page.wait_for_function(DRAWN, timeout=30_000)
    drawn_overview = time.perf_counter() - started
    screenshot(page, "planning_overview")
    assert bar_data(page, "chart_late_by_line", 0) == "Basis op orde"
    started = time.perf_counter()
    click_bar(page, "chart_late_by_line", index=0)  # click 2: the late stories of 'Basis op orde'
    page.wait_for_url(re.compile(r"/lines\?"))
    wait_for_app(page)
    page.get_by_role("heading", name="Stories in Basis op orde").wait_for()
    page.get_by_text("Tijdlijn van Basis op orde").wait_for()
    page.wait_for_function(DRAWN, timeout=30_000)
    drawn_line = time.perf_counter() - started
    screenshot(page, "planning_line_timeline")
    # the slip table beside the timeline: the line's late stories, the largest slip first
    grid = page.locator(".st-key-line_slip_box [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    grid.locator("[role='gridcell']").first.wait_for(state="attached")  # the grid's accessible cells
    screenshot(page, "planning_line_slip")
    codes = [row.locator("[role='gridcell']").first.inner_text() for row in grid.locator("[role='row']").all()[1:]]
    assert codes == ["1", "2"]  # Zaaksysteem +90 days, Archief +15
    print(f"drawn: planning charts {drawn_overview:.2f} s, line with timeline {drawn_line:.2f} s")
    assert drawn_overview < 10 and drawn_line < 10
