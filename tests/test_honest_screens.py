"""What the screens say around the figures (issue 21): a filter that leaves nothing says so, a link to
something that is not there says what it shows instead, and the URL is written once per visit."""

import json
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


def warnings(at) -> str:
    """The notes on what a link asked for that is not there."""
    return "\n".join(str(w.value) for w in at.main.warning if w.icon == ":material/link_off:")


def test_a_link_to_a_day_without_a_report_says_which_report_is_shown_instead(app_db):
    """A mailed link names 1 July 2018; MAB reported on 15 June. The overview opens on 15 June and says
    so, in the page's language; the next choice of the user's own ends the note."""
    at = open_page("pages/overview.py", programme=MAB, date="2018-07-01")
    assert not at.exception
    assert next(s for s in at.sidebar.selectbox if s.key.startswith("report_date_")).value == "2018-06-15"
    assert "De link vraagt de rapportage van MAB Flevoland van **1 juli 2018**" in warnings(at)
    assert "**15 juni 2018**, de laatste daarvoor" in warnings(at)
    at.sidebar.radio(key="lang").set_value("en").run()  # the note follows the language
    assert "The link asks for MAB Flevoland's report of **1 July 2018**" in warnings(at)
    at.sidebar.selectbox(key="programme").set_value(GRONINGEN).run()  # a choice of one's own
    assert "The link asks" not in warnings(at)
    at.sidebar.selectbox(key="programme").set_value(MAB).run()
    assert "The link asks" not in warnings(at)  # gone for good, not back with the programme


def test_a_link_to_a_day_before_the_first_report_shows_the_first_and_says_so(app_db):
    at = open_page("pages/overview.py", programme=OWO, date="2010-01-01", lang="en")
    assert not at.exception
    assert "none before it. Shown instead: the report of **31 March 2018**, the first one after it" in warnings(at)
    assert at.query_params["date"] == "2018-03-31"


def test_a_link_with_no_date_in_it_says_so(app_db):
    at = open_page("pages/overview.py", programme=MAB, date="gisteren")
    assert not at.exception
    assert "**gisteren**, maar dat is geen datum" in warnings(at)


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        (
            "Blockchain Noord",
            "De link vraagt het programma **Blockchain Noord**; dat staat niet tussen de programma's die u kunt "
            "zien. Getoond wordt **",
        ),
        ("MAB Flevolnd", "De link vraagt het programma **MAB Flevolnd**; dat staat niet tussen de programma's"),
    ],
)
def test_a_link_to_an_unknown_programme_says_which_programme_is_shown_instead(app_db, asked, said):
    at = open_page("pages/overview.py", programme=asked)
    assert not at.exception
    shown = at.sidebar.selectbox(key="programme").value
    assert said in warnings(at) and f"**{shown}**" in warnings(at).replace("\\", "")
    assert at.query_params["programme"] == shown  # the link now names what is shown


def test_a_link_in_another_spelling_opens_that_programme_without_a_note(app_db):
    at = open_page("pages/overview.py", programme="mab-flevoland")
    assert not at.exception
    assert at.sidebar.selectbox(key="programme").value == MAB and not warnings(at)


def test_the_old_front_page_link_to_an_unknown_programme_says_so_on_the_overview(app_db):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["programme"] = "Blockchain Noord"
    at.run()  # '/?programme=...' opens the overview
    assert not at.exception
    assert "Blockchain Noord" in warnings(at)


def test_a_link_to_an_unknown_story_says_which_story_is_shown_instead(app_db):
    at = open_page("pages/story.py", programme=MAB, story="99", lang="en")
    assert not at.exception
    shown = at.selectbox(key="story_code").value
    assert shown != "99"
    assert f"The link asks for story **99**, which is not in this report. Shown instead: story **{shown}**" in (
        warnings(at)
    )
    other = next(c for c in at.selectbox(key="story_code").options if c.split(" ·")[0] != shown)
    at.selectbox(key="story_code").set_value(other.split(" ·")[0]).run()
    assert "The link asks" not in warnings(at)


def test_a_link_to_a_story_the_filters_leave_out_says_so(app_db):
    at = open_page("pages/story.py", programme=MAB, story="9", status="green")
    assert not at.exception
    assert "De link vraagt story **9**; die valt buiten de filters" in warnings(at)


def test_a_link_to_an_unknown_programme_line_says_which_line_is_shown(app_db):
    at = open_page("pages/lines.py", programme=MAB, chosen_line="Nergens")
    assert not at.exception
    assert "De link vraagt de programmalijn **Nergens**; die staat niet in deze rapportage" in warnings(at)


def test_a_link_that_names_what_is_there_gets_no_note(app_db):
    at = open_page("pages/story.py", programme=MAB, date="2018-06-15", story="9", lang="en")
    assert not at.exception and not warnings(at)
    assert at.selectbox(key="story_code").value == "9"


@pytest.mark.parametrize(
    ("page", "programme"),
    [
        ("pages/overview.py", "MAB Flevoland"),
        ("pages/lines.py", "MAB Flevoland"),
        ("pages/tracks.py", "I&A-visie Midden-Groningen 2020-2023"),
        ("pages/story.py", "OWO Informatiseringsjaarplan (illustratie)"),  # a story with a history
    ],
)
def test_tables_keep_what_a_row_is_in_view_and_wrap_rather_than_cut(app_db, page, programme):
    """Issue 21, item 3: a table wider than the screen scrolls its figures sideways beside the story or group
    they belong to (the title or name pinned) and wraps long titles onto more lines (a row high enough for
    three) instead of cutting them."""
    at = open_page(page, programme=programme)
    checked = 0
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        names = [n for n in ("Titel", "Programmalijn", "Spoor", "Peildatum") if n in config]
        if not names:
            continue
        assert config[names[0]].get("pinned") is True, (page, names[0], config[names[0]])
        assert frame.proto.row_height >= 60, (page, names[0], frame.proto.row_height)
        checked += 1
    assert checked >= 1, f"no story or group table on {page}"
