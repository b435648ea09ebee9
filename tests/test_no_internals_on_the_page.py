"""No internals on the page (issue 21, item 8): the save message names the programme and the report
date (not 'rapportage 9'), the upload history's version picker starts on the report chosen in the
sidebar, and an upload in open mode is logged as open access by the server's account, not as '–'."""

import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import audit
from portfolio.i18n import TEXT
from portfolio.problems import for_page
from tests.exports import DUTCH_CSV_ROWS, dutch_csv

APP = Path(__file__).resolve().parent.parent / "app.py"
GRONINGEN = "Uitvoeringsprogramma digitalisering Groningen"


def saved_upload() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("pages/upload.py").run()
    undated = dutch_csv([r for r in DUTCH_CSV_ROWS if not r.startswith("Stand per")])
    at.file_uploader[0].set_value(("q1.csv", undated, "text/csv")).run()
    at.text_input(key="upload_programme").set_value("Digitale Agenda").run()
    at.date_input(key="upload_date").set_value("2025-03-31").run()
    at.button(key="upload_save").click().run()
    assert not at.exception
    return at


def test_the_save_message_names_programme_and_date_not_a_report_number(app_db, monkeypatch):
    at = saved_upload()
    said = at.success[0].value
    assert said.startswith("Opgeslagen: Digitale Agenda, peildatum 31 maart 2025 (versie 1, 3 stories)")
    assert "rapportage" not in said.lower().replace("opgeslagen", "")
    # the same bytes for another date: the confirmation names the report it is loaded as by its date
    undated = dutch_csv([r for r in DUTCH_CSV_ROWS if not r.startswith("Stand per")])
    at.file_uploader[0].set_value(("q2.csv", undated, "text/csv")).run()
    at.text_input(key="upload_programme").set_value("Digitale Agenda").run()
    at.date_input(key="upload_date").set_value("2025-06-30").run()
    confirm = at.checkbox(key="upload_same_file").label
    assert "al geladen als Digitale Agenda, peildatum 31 maart 2025" in confirm and "rapportage " not in confirm


def test_an_upload_in_open_mode_is_logged_as_open_access_by_the_servers_account(app_db):
    saved_upload()
    with duckdb.connect(str(app_db)) as con:
        loaded_by = con.execute(
            "select loaded_by from reports join programmes using (programme_id) where name = 'Digitale Agenda'"
        ).fetchall()
        actors = {row[0] for row in con.execute("select actor from audit_log where action = 'load'").fetchall()}
    expected = f"open access (os: {audit.os_user()})"
    assert loaded_by == [(expected,)] and expected in actors
    history = AppTest.from_file(str(APP), default_timeout=60).run()
    history.switch_page("pages/history.py").run()
    assert not history.exception
    table = next(d.value for d in history.dataframe if "Geladen door" in d.value.columns)
    shown = dict(zip(table["Programma"], table["Geladen door"]))
    assert shown["Digitale Agenda"] == f"open toegang (server: {audit.os_user()})"
    assert "–" not in set(table["Geladen door"])  # the demo's loads: 'niet vastgelegd (open toegang)' or a name
    assert "–" not in set(next(d.value for d in history.dataframe if "Wie" in d.value.columns)["Wie"])


def test_who_is_said_in_the_users_language():
    assert audit.who("anna", "nl") == "anna"
    assert audit.who("open access (os: www-data)", "en") == "open access (server: www-data)"
    assert audit.who(None, "nl") == "niet vastgelegd (open toegang)"


def test_the_history_picker_starts_on_the_report_chosen_in_the_sidebar(app_db):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["programme"] = GRONINGEN
    at.switch_page("pages/history.py")
    at.run()
    assert not at.exception
    picker = at.selectbox(key="history_report")
    assert picker.format_func(picker.value).startswith(GRONINGEN)  # not the first programme alphabetically
    assert at.sidebar.selectbox(key="programme").value == GRONINGEN


def test_a_file_loaded_before_or_a_date_taken_is_said_by_its_date_not_a_report_number():
    """'already_loaded', 'report_exists' and 'same_file_elsewhere' name the programme and the report date in
    the reader's language; the report number (the database's, which nobody on a page knows) is not said."""
    from portfolio.problems import error, message

    key = {"report_id": 907, "programme": "MAB Flevoland", "report_date": "2018-06-15"}
    elsewhere = {**key, "new_programme": "MAB Flevoland", "new_report_date": "2018-09-30"}
    said = {
        lang: [
            message(error(name, **params), lang)
            for name, params in (("already_loaded", key), ("report_exists", key), ("same_file_elsewhere", elsewhere))
        ]
        for lang in ("nl", "en")
    }
    for lang, day, later in (("nl", "15 juni 2018", "30 september 2018"), ("en", "15 June 2018", "30 September 2018")):
        assert all("MAB Flevoland" in text and day in text and "907" not in text for text in said[lang]), said[lang]
        assert later in said[lang][2]
        assert not any("2018-06-15" in text for text in said[lang])


# Every message that tells the command line what to do: found in the texts, not listed by hand.
HINTED = sorted(
    key
    for key, texts in TEXT.items()
    if any(
        marker in text
        for text, marker in ((texts.get("nl", ""), "opdrachtregel:"), (texts.get("en", ""), "command line:"))
    )
)


class _Any(dict):
    def __missing__(self, key):
        return f"<{key}>"


def test_messages_with_command_line_hints_are_found():
    assert {"several_periods", "same_file_elsewhere", "no_header", "programme_close", "currency_read"} <= set(HINTED)


@pytest.mark.parametrize("key", HINTED)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_says_a_message_without_its_command_line_flags_and_the_command_line_keeps_them(key, lang):
    text = TEXT[key][lang].format_map(_Any())
    page = for_page(text)
    assert "opdrachtregel" not in page and "command line:" not in page
    assert not re.search(r"(^|\s|\()--[a-z]", page), page  # no flag left behind
    assert page.count("(") == page.count(")") and "()" not in page and " )" not in page
    # what it says besides the flags is all still there, in the same order
    kept = re.sub(r"\s+", " ", page)
    assert kept.split(" ")[:3] == re.sub(r"\s+", " ", text).split(" ")[:3]
    assert len(page) >= len(text) - 80


def test_a_refusal_on_the_upload_page_names_no_flag(app_db):
    """A workbook that stacks two years, uploaded with a report date: refused, and the page says to choose
    a year without naming --period."""
    stacked = dutch_csv(
        DUTCH_CSV_ROWS[:3]
        + ["Jaar;" + DUTCH_CSV_ROWS[3]]
        + [
            f"{year};{row}"
            for year in (2024, 2025)
            for row in (DUTCH_CSV_ROWS[4], DUTCH_CSV_ROWS[5], DUTCH_CSV_ROWS[7])
        ]
    )
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value(("jaren.csv", stacked, "text/csv")).run()
    said = " ".join(str(e.value) for e in [*at.error, *at.warning, *at.info])
    assert "jaren worden nooit opgeteld" in said, said  # several_periods, with its hint for the command line
    assert "--" not in said and "opdrachtregel" not in said
