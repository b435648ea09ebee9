"""Journeys in a real browser: what a programme director does, start to finish."""

import re
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.conftest import DRAWN, click_and_wait_for_run, screenshot, wait_for_app

PAGES = {
    "overview": "",
    "lines": "lines",
    "tracks": "tracks",
    "story": "story",
    "compare": "compare",
    "upload": "upload",
    "history": "history",
    "rules": "rules",
}


def expect_metrics(page, values: list[str]) -> None:
    """The first KPI tiles read these values; polls, as a page may still be drawing its tiles."""
    tiles = page.locator("[data-testid='stMetricValue']")
    for index, value in enumerate(values):
        expect(tiles.nth(index)).to_have_text(value)


def test_a_bookmarked_deep_link_works_on_a_freshly_started_server(server, page):
    """The first visitor after a restart opens a mailed link to a story page (runs first on purpose)."""
    page.goto(f"{server}/story?story=9")
    wait_for_app(page)
    page.get_by_role("heading", name="Story").first.wait_for()
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Overzicht" in nav and "shared" not in nav  # app.py routed, not the pages/ folder
    assert page.get_by_text("ICT-systemen optimaal beheersbaar").count() >= 1


def test_open_the_app_and_see_the_mab_totals(server, page):
    """A director opens the overview and sees budget, spent and forecast of the MAB report (the portfolio
    page comes first at the bare address: tests/browser/test_portfolio_journey.py)."""
    page.goto(f"{server}/overview")
    wait_for_app(page)
    expect_metrics(page, ["€ 2.315k", "€ 936,5k", "€ 2.137,5k"])
    page.wait_for_selector(".js-plotly-plot .bars", timeout=60_000)  # the chart drew its bars
    screenshot(page, "overview_nl")


def test_every_page_in_dutch_and_english(server, page):
    """Each page opens without an error, in both languages; a screenshot of each is kept."""
    for lang in ("nl", "en"):
        for name, path in PAGES.items():
            page.goto(f"{server}/{path}?programme={quote('MAB Flevoland')}&lang={lang}")
            wait_for_app(page)
            assert page.locator("[data-testid='stException']").count() == 0, f"{name} ({lang})"
            screenshot(page, f"{name}_{lang}")
    assert re.search(r"(?i)budget", page.content())  # the last page (rules, English) speaks of budgets


def test_a_programme_without_amounts_is_shown_gracefully(server, page):
    """The Groningen status report has no amounts: the overview says so instead of showing zeros."""
    page.goto(f"{server}/?programme={quote('Uitvoeringsprogramma digitalisering Groningen')}")
    wait_for_app(page)
    page.get_by_text("Deze rapportage bevat alleen stories, programmalijnen, sporen en toelichtingen").wait_for()
    assert "€ 0" not in page.locator("[data-testid='stMetricValue']").all_inner_texts()
    screenshot(page, "overview_groningen")
    # Midden-Groningen: titles, tracks and ambitions only; the page claims no notes or lights it lacks
    page.goto(f"{server}/overview?programme={quote('I&A-visie Midden-Groningen 2020-2023')}&lang=en")
    wait_for_app(page)
    page.get_by_text(
        "This report holds only stories, tracks and ambitions; no amounts and no traffic lights."
    ).wait_for()
    assert page.locator(".js-plotly-plot").count() == 0  # no chart of one '(no programme line)' group
    screenshot(page, "overview_midden_groningen_en")


def upload_dutch_csv(
    page, server: str, tmp_path, data: bytes, screenshot_name: str | None = None, save_timeout: float = 90_000
) -> None:
    """Drop tests.exports' Excel-NL CSV on the upload page, name its programme, check the preview, save."""
    export = tmp_path / "voortgang-q1.csv"
    export.write_bytes(data)
    page.goto(f"{server}/upload")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
    page.get_by_text("Kopregel op rij 4").wait_for()
    page.get_by_label("Programma (als het bestand het niet noemt)").fill("Digitale Agenda")
    page.keyboard.press("Enter")
    page.get_by_text("Voorbeeld: Digitale Agenda, peildatum 31 maart 2025").wait_for()
    wait_for_app(page)
    if screenshot_name:
        screenshot(page, screenshot_name)
    click_and_wait_for_run(page, page.get_by_role("button", name="Opslaan"))
    # a save waits its turn behind other writers of the shared test server: 30 s was once not enough
    try:
        page.get_by_text("Opgeslagen: Digitale Agenda").wait_for(timeout=save_timeout)
    except Exception:
        screenshot(page, "upload_not_saved")  # what the page said instead
        print("--- the upload page's text when the save did not come ---")
        print(page.locator("[data-testid='stMain']").inner_text()[:4000])
        raise


def test_upload_a_dutch_csv_check_the_preview_and_save(server, page, tmp_path):
    """A controller drops the Excel-NL CSV export on the uploader, checks what was understood, saves."""
    from tests.exports import dutch_csv

    upload_dutch_csv(page, server, tmp_path, dutch_csv(), screenshot_name="upload_preview")
    page.get_by_role("link", name="Naar het overzicht").click()
    wait_for_app(page)
    page.get_by_text("Digitale Agenda").first.wait_for()
    expect_metrics(page, ["€ 146k"])  # the overview may still be drawing when the link's page has loaded
    screenshot(page, "overview_after_upload")


HOSTILE_ROWS = [
    "Stand per: 31-01-2025",
    "Nr;Omschrijving;Programmalijn;Budget;Prognose;Stoplicht;Toelichting",
    'X1;<img src=x onerror="window.__xss=1">;<script>window.__xss=2</script>;100;150;groen;'
    "[klik](javascript:window.__xss=3) **vet**",
    'X2;=HYPERLINK("http://evil");<b onmouseover="window.__xss=4">lijn</b>;200;100;rood;<iframe src=javascript:1>',
]


def test_html_and_script_in_a_spreadsheet_are_shown_as_text_and_never_run(server, page, tmp_path):
    """Someone uploads titles and notes carrying HTML and JavaScript; every page shows them as text."""
    from tests.exports import dutch_csv

    export = tmp_path / "kwaadaardig.csv"
    export.write_bytes(dutch_csv(HOSTILE_ROWS))
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(f"{server}/upload")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
    page.get_by_text("Kopregel op rij 2").wait_for()
    page.get_by_label("Programma (als het bestand het niet noemt)").fill("Proef XSS")
    page.keyboard.press("Enter")
    page.get_by_text("Voorbeeld: Proef XSS").wait_for()
    wait_for_app(page)
    page.wait_for_function(DRAWN, timeout=30_000)  # no rerun in progress that could swallow the click
    click_and_wait_for_run(page, page.get_by_role("button", name="Opslaan"))
    page.get_by_text("Opgeslagen: Proef XSS").wait_for(timeout=60_000)
    for path in ("", "lines", "story?story=X1", "story?story=X2"):
        page.goto(f"{server}/{path}{'&' if '?' in path else '?'}programme=Proef%20XSS")
        wait_for_app(page)
        page.mouse.move(400, 400)
        hovered = page.locator(".js-plotly-plot").first
        if hovered.count():
            hovered.hover()
        assert page.evaluate("window.__xss") is None, path
        # the app's own scripts set <html lang>, keep one history entry per page and close the sidebar on a
        # narrow screen (app.py), write the first address (pages/_ui/url.py), watch a save (save_watch.py),
        # fetch cookies (cookies.py), scroll to a picked item (drill.py); nothing from the file runs
        markers = ("page-language", "history", "address", "narrow-sidebar", "save-watch", "save-file")
        own = "".join(f":not([data-{m}])" for m in (*markers, "portfolio-cookies", "scroll-to"))
        injected = f"main img[src='x'], main iframe, main script{own}"
        assert page.locator(injected).count() == 0, path
        ours = page.locator("main script[data-page-language]").all_inner_texts()
        assert ours == [  # and it is the app's own, word for word
            'document.documentElement.lang = "nl";'
            "Object.defineProperty(navigator, 'languages', {get: () => [\"nl-NL\"], configurable: true});"
            "Object.defineProperty(navigator, 'language', {get: () => \"nl-NL\", configurable: true});"
        ], path
    page.goto(f"{server}/story?story=X1&programme=Proef%20XSS")
    wait_for_app(page)
    page.get_by_text('<img src=x onerror="window.__xss=1">').first.wait_for()  # shown as the characters it is
    page.get_by_text(re.compile(r"\[klik\]\(javascript:\u2060?window\.__xss=3\) \*\*vet\*\*")).first.wait_for()
    screenshot(page, "story_hostile_text")


def test_filter_by_track_reload_and_get_the_same_view(server, page):
    """A director filters the Groningen report on one track, reloads the mailed link, sees the same."""
    page.goto(f"{server}/?programme={quote('Uitvoeringsprogramma digitalisering Groningen')}")
    wait_for_app(page)
    track = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Spoor")
    track.locator("input").click()  # the sidebar multiselect: type to narrow, Enter to pick
    page.keyboard.type("Digital twin")
    page.get_by_role("option", name="Digital twin").wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    page.wait_for_url(re.compile(r"track=Digital\+twin|track=Digital%20twin"))
    filtered = page.url
    said = re.compile("Gefilterd: Spoor:\u2060? Digital twin")  # fmt.md joins the words after ':'
    note = page.get_by_text(said).inner_text()
    page.goto(filtered)
    wait_for_app(page)
    assert page.get_by_text(said).inner_text() == note
    screenshot(page, "overview_filtered_track")


def choose_charts(page, label: str) -> None:
    """Pick one of the overview's chart groups (only the chosen group is drawn)."""
    page.locator(".st-key-overview_charts button", has_text=label).click()
    page.wait_for_timeout(100)
    wait_for_app(page)


def click_bar(page, chart_key: str, index: int = 0) -> None:
    """Click the middle of a bar as a user does (plotly listens on the layer above the bars)."""
    bar = page.locator(f".st-key-{chart_key} .bars .point path").nth(index)
    bar.wait_for()
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def bar_data(page, chart_key: str, index: int) -> str:
    """The customdata (line name or story code) of a bar of the chart's first trace, as drawn."""
    plot = page.locator(f".st-key-{chart_key} .js-plotly-plot")
    plot.wait_for()
    return plot.evaluate("(el, i) => el.data[0].customdata[i]", index)


def test_clicking_a_bar_drills_down_to_the_line_or_the_story(server, page):
    """A director clicks a programme line's bar on the overview and lands on that line; back on the
    overview, a click on a story's variance bar opens that story."""
    mab = f"{server}/?programme={quote('MAB Flevoland')}"
    page.goto(mab)
    wait_for_app(page)
    # the second line, so landing on the page's default choice (the first) would not pass
    line = bar_data(page, "chart_by_line", 1)
    click_bar(page, "chart_by_line", index=1)
    page.wait_for_url(re.compile(r"/lines\?"))
    wait_for_app(page)
    page.get_by_role("heading", name=f"Stories in {line}").wait_for()
    screenshot(page, "drill_line_from_chart")

    page.goto(mab)
    wait_for_app(page)
    choose_charts(page, "Afwijking en besteding")  # one chart group is drawn at a time
    code = bar_data(page, "chart_variance", 2)
    click_bar(page, "chart_variance", index=2)
    page.wait_for_url(re.compile(r"/story\?"))
    wait_for_app(page)
    assert f"story={code}" in page.url
    page.get_by_role("heading", name="Story").first.wait_for()


def test_the_quarterly_view_of_a_programme_reporting_every_quarter(server, page):
    """The OWO illustration reports at the end of each quarter: the overview draws spent and remaining
    budget per quarter, carried over apart from this year's, in the language chosen."""
    page.goto(f"{server}/?programme={quote('OWO Informatiseringsjaarplan (illustratie)')}&lang=en")
    wait_for_app(page)
    choose_charts(page, "Over time and quarters")
    page.get_by_role("heading", name=re.compile("Quarterly overview")).wait_for()
    plot = page.locator(".st-key-chart_quarterly .js-plotly-plot")
    plot.wait_for()
    quarters, classes = plot.evaluate("el => el.data[0].x")
    assert sorted(set(quarters)) == ["Q1 2018", "Q1 2019", "Q2 2018", "Q3 2018", "Q4 2018"]
    assert "carried over" in classes and "this year" in classes
    assert page.locator(".st-key-chart_quarterly .bars .point path").count() >= 2 * len(quarters) - 2
    page.locator(".st-key-chart_quarterly").scroll_into_view_if_needed()
    screenshot(page, "overview_quarterly_en")


def test_download_the_excel_export_and_find_the_filtered_rows(server, page, tmp_path):
    """A controller filters on one programme line and downloads the workbook; it opens in openpyxl."""
    import openpyxl

    page.goto(f"{server}/?programme={quote('MAB Flevoland')}&line={quote('Ruimte: eenvoudig en beter')}")
    wait_for_app(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Excel (gefilterd)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    rows = list(book["Stories"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["5", "6"]  # the two stories of that line, nothing else
    assert "Ruimte: eenvoudig en beter" in book["Filter"]["B4"].value


def test_switch_to_english(server, page):
    """A board member who reads English switches the language; labels and number format follow."""
    page.goto(f"{server}/?programme={quote('MAB Flevoland')}")  # other journeys load programmes too
    wait_for_app(page)
    page.get_by_text("English").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Overview", exact=True).wait_for()
    expect_metrics(page, ["€2,315k", "€936.5k", "€2,137.5k"])  # as every page writes them; the exact amount in the help
    assert "lang=en" in page.url
    screenshot(page, "overview_en_switched")


def test_an_oversized_upload_and_a_zip_bomb_get_a_clear_message_and_the_server_stays_up(server, page, tmp_path):
    """Someone drops a 42 MB file (above the app's 40 MB, below Streamlit's 45 MiB) and an archive that
    inflates to a gigabyte; both are refused politely."""
    import urllib.request

    from tests.test_ingest import zip_bomb

    big = tmp_path / "te-groot.csv"
    big.write_bytes(b"Nr;Budget\n" + b"1;1\n" * (42 * 1024 * 1024 // 4))
    bomb = tmp_path / "begroting.xlsx"
    bomb.write_bytes(zip_bomb(1100))
    page.goto(f"{server}/upload")
    wait_for_app(page)
    uploader = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    uploader.set_input_files(str(big))
    page.get_by_text("de grens is 40 MB").wait_for(timeout=60_000)
    uploader.set_input_files(str(bomb))
    page.get_by_text("zou uitpakken tot").wait_for(timeout=60_000)
    screenshot(page, "upload_refused_bomb")
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=5) as response:
        assert response.status == 200


def test_a_scheduled_command_line_load_while_the_app_serves_the_same_database(server, page, tmp_path):
    """The nightly job loads an export while people use the app; it gets in, and the app shows it."""
    import subprocess
    import sys

    from tests.browser.conftest import ROOT, SERVED_DATABASE
    from tests.exports import dutch_csv

    page.goto(server)
    wait_for_app(page)  # the app has just used the database
    export = tmp_path / "nacht.csv"
    export.write_bytes(
        dutch_csv(
            ["Programma;Peildatum;Nr;Budget;Prognose;Stoplicht", "Nachtelijke lading;31-10-2025;N1;1000;1200;groen"]
        )
    )
    load = subprocess.run(
        [
            sys.executable,
            "-m",
            "portfolio",
            "load",
            str(export),
            "--db",
            str(SERVED_DATABASE["path"]),
            "--json",
            "--wait",
            "30",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert load.returncode == 0, load.stderr
    page.goto(f"{server}/?programme={quote('Nachtelijke lading')}")
    wait_for_app(page)
    expect_metrics(page, ["€ 1k"])


def test_the_overview_tiles_are_whole_and_in_one_row_and_a_small_move_is_a_short_bar(server, page):
    """At 1440 and 1280 px wide every KPI tile shows its whole value and its whole move since the previous
    report ('-€ 30k t.o.v. vorige') on one row of equal tiles; on OWO the since-previous chart draws the € 6k move of story 17-03 as a short bar on a money axis."""
    owo = f"{server}/overview?programme={quote('OWO Informatiseringsjaarplan (illustratie)')}"
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(owo)
        wait_for_app(page)
        tiles = page.locator("[data-testid='stMetric']")
        expect(tiles).to_have_count(5)
        cut = page.eval_on_selector_all(
            "[data-testid='stMetricValue']",
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)",
        )
        assert cut == [], f"values cut at {width} px: {cut}"
        # the small line under a tile is only a move since the previous report, said so, and never cut
        moves = page.locator("[data-testid='stMetricDelta']")
        expect(moves).to_have_count(3)  # budget, spent and forecast moved; the variance % is no move
        assert all(text.endswith("t.o.v. vorige") for text in moves.all_inner_texts())
        cut = page.eval_on_selector_all(
            "[data-testid='stMetricDelta'] p",
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)",
        )
        assert cut == [], f"moves cut at {width} px: {cut}"
        boxes = [tiles.nth(i).bounding_box() for i in range(5)]
        assert len({round(b["y"]) for b in boxes}) == 1, f"tiles not in one row at {width} px"
        assert len({round(b["height"]) for b in boxes}) == 1, f"tiles of unequal height at {width} px"
        screenshot(page, f"overview_tiles_{width}")
    choose_charts(page, "Sinds vorige")  # one chart group is drawn at a time
    plot = page.locator(".st-key-since_previous_chart .js-plotly-plot")
    plot.wait_for()
    bar = page.locator(".st-key-since_previous_chart .bars .point path").first
    bar.wait_for()
    drawn = page.locator(".st-key-since_previous_chart .nsewdrag").first.bounding_box()  # the plot area
    assert bar.bounding_box()["width"] < drawn["width"] / 4  # € 6k on a € 172k forecast: a short bar
    ticks = page.locator(".st-key-since_previous_chart .xtick text").all_text_contents()
    assert any(text.startswith("€") for text in ticks)  # the axis is the move, in money
