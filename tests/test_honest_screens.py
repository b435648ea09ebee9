"""What the screens say around the figures (issue 21): a filter that leaves nothing says so, a link to
something that is not there says what it shows instead, and the URL is written once per visit."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 60
MAB = "MAB Flevoland"
GRONINGEN = "Uitvoeringsprogramma digitalisering Groningen"
OWO = "OWO Informatiseringsjaarplan (illustratie)"
# what the overview said about the report when a search left nothing: true of an empty set, not of the report
LIES = (
    "bevat alleen stories",
    "geen bedragen",
    "Geen veranderingen",
    "deelt de stories niet in programmalijnen in",
    "Laad een export met stoplichten of bedragen",
    "only stories",
    "No changes",
    "No options to select",
    "empty",
)


def open_page(page: str, **query) -> AppTest:
    """A page opened by its link, with the URL's parameters (as a shared link opens it)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def said(at) -> str:
    """Everything written on the page (not the sidebar)."""
    parts = []
    for kind in ("markdown", "caption", "info", "success", "warning", "error", "title", "header", "subheader"):
        parts += [str(e.value) for e in getattr(at.main, kind)]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("page", "programme", "n"),
    [
        ("pages/overview.py", MAB, 32),
        ("pages/lines.py", MAB, 32),
        ("pages/tracks.py", GRONINGEN, 14),  # MAB names no tracks: its tracks page says that, rightly
        ("pages/story.py", MAB, 32),
    ],
)
@pytest.mark.parametrize(("lang", "words"), [("nl", "Het filter laat niets over"), ("en", "The filter leaves nothing")])
def test_a_search_that_matches_nothing_says_it_is_the_filter_and_offers_to_clear_it(
    app_db, page, programme, n, lang, words
):
    """A director searches 'blockchain': no story matches. The page says that the filter left nothing and
    which filter, not that the report has no amounts, lights, changes or lines."""
    at = open_page(page, programme=programme, q="blockchain", lang=lang)
    assert not at.exception
    text = said(at)
    assert words in text and "blockchain" in text and f" {n} " in text  # the report's stories are there
    assert not [lie for lie in LIES if lie in text], text
    assert not at.main.metric and not at.main.dataframe and not at.main.selectbox  # no empty tiles, tables, pickers
    clear = at.main.button(key="clear_filters_on_page")
    assert clear.label == ("Filter wissen" if lang == "nl" else "Clear the filter")
    clear.click().run()
    assert not at.exception
    assert "q" not in at.query_params and at.sidebar.text_input(key="filter_search").value == ""
    assert words not in said(at)
    assert at.main.metric or at.main.dataframe  # the report again


def test_several_filters_that_leave_nothing_are_all_named_and_cleared_together(app_db):
    at = open_page("pages/overview.py", programme=GRONINGEN, q="blockchain", status="red", lang="en")
    assert not at.exception
    text = said(at)
    assert "Together the filters leave nothing" in text
    assert "Status\\: Red" in text.replace("\u2060", "") and "blockchain" in text
    at.main.button(key="clear_filters_on_page").click().run()
    assert "q" not in at.query_params and "status" not in at.query_params
    assert "Together the filters" not in said(at)


def test_the_compare_page_says_the_filter_left_nothing_instead_of_no_changes(app_db):
    at = open_page("pages/compare.py", programme=OWO, q="blockchain")
    assert not at.exception
    text = said(at)
    assert "Het filter laat niets over" in text and "Geen veranderingen" not in text


def test_a_filter_that_leaves_something_shows_it_as_before(app_db):
    at = open_page("pages/overview.py", programme=MAB, q="ICT")
    assert not at.exception
    assert "Het filter laat niets over" not in said(at) and at.main.metric
