"""What changed between two exports (issue 21, item 6): a story removed is told apart from sub-items an
export no longer lists, and a row counts as changed only when a field the comparison shows differs;
a title different only in spaces or punctuation is no change."""

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from portfolio import analysis, compare, db, ingest, progress_report
from portfolio.i18n import change_counts
from tests.test_progress_report import docx_text

APP = Path(__file__).resolve().parent.parent / "app.py"
HEADER = "Nr;Omschrijving;Hoort bij;Budget;Besteed;Prognose;Stoplicht"
FIRST = [
    HEADER,
    "1;Zaakgericht werken;;100000;40000;110000;groen",
    "2;E-formulieren;;50000;10000;50000;oranje",
    "2.1;Formulieren bouwen;2;30000;5000;30000;groen",
    "2.2;Formulieren koppelen;2;20000;5000;20000;groen",
    "3;Digitaal loket: Let's go!;;80000;20000;80000;groen",
    "3.1;Loket  ontwerpen;3;40000;10000;40000;groen",
    "3.2;Loket bouwen;3;40000;10000;40000;groen",
    "4;Datacenter naar de cloud;;60000;30000;60000;groen",
    "5;Archief;;10000;1000;10000;groen",
]
# three months later: story 5 is gone, the export leaves out every sub-item, story 3's and story 4's
# titles differ in punctuation and spaces only, story 1's forecast moved, story 2 got a new name
SECOND = [
    HEADER,
    "1;Zaakgericht werken;;100000;60000;120000;groen",
    "2;E-formulieren en koppelingen;;50000;20000;50000;oranje",
    "3;Digitaal loket - Let's go;;80000;30000;80000;groen",
    "4;Datacenter  naar de cloud.;;60000;30000;60000;groen",
]


def csv(rows: list[str]) -> bytes:
    return "\r\n".join(rows).encode("utf-8") + b"\r\n"


def load_both(con):
    for rows, date in ((FIRST, "2025-03-31"), (SECOND, "2025-06-30")):
        ingest.load_file(con, csv(rows), f"agenda-{date}.csv", programme="Digitale Agenda", report_date=date)
    programme_id = int(analysis.programmes(con)["programme_id"].iloc[0])
    reports = analysis.reports(con, programme_id)
    return int(reports["report_id"].iloc[1]), int(reports["report_id"].iloc[0])


def test_one_story_removed_and_sub_items_left_out_are_told_apart(con):
    older, newer = load_both(con)
    result = compare.compare_reports(con, older, newer)
    assert result.removed["code"].tolist() == ["5"]  # one story disappeared, not 5
    assert sorted(result.sub_items_removed["code"]) == ["2.1", "2.2", "3.1", "3.2"]
    assert result.added.empty and result.sub_items_added.empty
    counts = result.counts()
    assert (counts["removed"], counts["sub_items_removed"]) == (1, 4)
    assert change_counts(counts, "nl").startswith("0 nieuw · 1 verdwenen · 3 gewijzigd")
    assert "4 deelposten niet meer vermeld" in change_counts(counts, "nl")


def test_a_row_counts_as_changed_only_when_a_shown_field_differs(con):
    older, newer = load_both(con)
    result = compare.compare_reports(con, older, newer)
    changed = result.changed.set_index("code")
    # 3 and 4: the same words but for punctuation and spaces; 3 moved its spent, 4 nothing at all
    assert sorted(changed.index) == ["1", "2", "3"]
    assert changed.loc["1", "changes"] == ("spent", "forecast")
    assert changed.loc["2", "changes"] == ("title", "spent")
    assert changed.loc["2", "title_old"] == "E-formulieren"
    assert changed.loc["3", "changes"] == ("spent",)
    assert sorted(result.retitled["code"]) == ["3", "4"]
    assert "2 titels alleen in spaties of leestekens anders" in change_counts(result.counts(), "nl")


def test_the_same_export_again_has_no_changes(con):
    ingest.load_file(con, csv(FIRST), "a.csv", programme="Digitale Agenda", report_date="2025-03-31")
    draft = ingest.parse_export(csv(FIRST), "b.csv", programme="Digitale Agenda", report_date="2025-06-30")
    _, result = compare.against_database(con, "Digitale Agenda", dt.date(2025, 6, 30), draft.reports[0].stories)
    assert result.is_empty and result.retitled.empty


def test_a_title_key_ignores_only_spaces_and_punctuation():
    key = compare.title_key
    assert key("Digitaal loket: Let's go!") == key("Digitaal loket - Lets go")
    assert key("Loket\u00a0 ontwerpen ") == key("Loket ontwerpen") == key("Loket-ontwerpen")
    assert key("Digitaal loket") != key("Digitaal loket 2")
    assert key("archief") != key("Archief")  # case is kept
    assert key(None) == key("") == key(float("nan")) == ""


def test_the_overview_and_the_written_report_say_what_changed(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv(db.DB_ENV, str(path))
    con = db.connect(str(path))
    older, newer = load_both(con)
    text = docx_text(progress_report.generate(con, newer, "docx", lang="nl"))
    con.close()
    assert "1 verdwenen · 3 gewijzigd · 0 slechter · 0 beter · 4 deelposten niet meer vermeld" in text
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["programme"] = "Digitale Agenda"
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception
    captions = "\n".join(str(c.value) for c in at.main.caption)
    assert "1 verdwenen · 3 gewijzigd" in captions and "4 deelposten niet meer vermeld" in captions
    assert "13 verdwenen" not in captions and "5 verdwenen" not in captions
    assert "**Verdwenen:** 5 Archief" in captions
    assert "bij story 2: 2\\.1, 2\\.2" in captions and "bij story 3: 3\\.1, 3\\.2" in captions
    table = at.main.expander[0].dataframe[0].value.set_index("Nr")  # the changes since the previous report
    assert sorted(table.index) == ["1", "2", "3"]
    assert table.loc["2", "Wat veranderde"] == "Titel, Besteed/verplicht"
    assert table.loc["2", "Titel (was)"] == "E-formulieren" and table.loc["1", "Titel (was)"] == ""
