"""A story's ambition (goal): recognised by its header on upload, kept per story like the status note,
never taken for the story's number or title, and the same from the command line as from the upload page."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from portfolio import db, ingest, mapping, progress_report
from tests.conftest import CORPUS
from tests.exports import dutch_csv, workbook_bytes

HEADER_WORDS = [
    "Ambitie",
    "Doel",
    "Doelstelling",
    "Description / Aims",
    "Aims",
    "Objective(s)",
    "Objectives",
    "Goal",
    "AMBITIE",
    "Doel\n(SMART)",
]
NOT_AMBITION = ["Doelgroep", "Doelgroepen", "Doelmatigheid", "Doeltreffendheid", "Omschrijving / doel"]
LONG_AIM = (
    "Inwoners en bedrijven kunnen zelf hun gegevens inzien, bijhouden en aanpassen (regie over eigen "
    "gegevens) in de selfservice-applicatie, digitale formulieren zijn voorgevuld met reeds bekende "
    "gegevens, en wie wel digitaal wil maar nog niet kan of durft krijgt hulp. Dit is de ambitie voor "
    "de hele looptijd, 2020-2023, en geldt voor alle producten die vaak worden aangevraagd."
)


def stored(con, programme: str) -> dict[str, tuple]:
    """code -> (title, ambition) of a programme's current report, straight from the stories table."""
    rows = con.execute(
        "select s.code, s.title, s.ambition from stories s join reports r using (report_id) "
        "join programmes p using (programme_id) where p.name = $p and r.is_current order by s.sort_order",
        {"p": programme},
    ).fetchall()
    return {code: (title, ambition) for code, title, ambition in rows}


@pytest.mark.parametrize("header", HEADER_WORDS)
def test_each_header_word_names_the_ambition_and_its_values_are_kept_per_story(con, header):
    assert mapping.match_field(header) == "ambition"
    data = workbook_bytes(
        [
            ["Programma:", "Ambities"],
            ["Peildatum:", "31-03-2025"],
            [],
            ["Nr", "Omschrijving", header, "Budget", "Stoplicht"],
            ["A1", "Selfservice", LONG_AIM, 100, "groen"],
            ["A2", "Zonder ambitie", None, 200, "oranje"],
            ["A3", "E-democratie", "1 of 2 pilots per jaar", None, "rood"],
        ]
    )
    parsed, [done] = ingest.load_file(con, data, "ambities.xlsx")
    assert parsed.errors + parsed.warnings == []
    assert parsed.mapping["ambition"] == 2 and parsed.mapping["title"] == 1 and parsed.mapping["code"] == 0
    assert stored(con, "Ambities") == {
        "A1": ("Selfservice", LONG_AIM),  # whole, not cut like a title
        "A2": ("Zonder ambitie", None),  # missing, not ''
        "A3": ("E-democratie", "1 of 2 pilots per jaar"),
    }
    # the query the progress report reads them with
    assert dict(db.execute(con, "story_ambitions", report_id=done.report_id)) == {
        "A1": LONG_AIM,
        "A3": "1 of 2 pilots per jaar",
    }


@pytest.mark.parametrize("header", NOT_AMBITION)
def test_words_that_only_begin_like_doel_are_not_the_ambition(header):
    assert mapping.match_field(header) != "ambition"


def test_doelgroep_does_not_steal_the_ambition_and_doel_beside_it_is_taken(con):
    data = dutch_csv(
        [
            "Nr;Titel;Doelgroep;Doel;Budget",
            "1;Webformulieren;Inwoners;Alle veelgevraagde producten digitaal;1000",
            "2;eHerkenning;Ondernemers;Ondernemers loggen veilig in;2000",
        ]
    )
    parsed, _ = ingest.load_file(con, data, "doelgroep.csv", programme="Doelgroep", report_date="2025-03-31")
    assert parsed.mapping == {"code": 0, "title": 1, "ambition": 3, "budget": 4}
    assert stored(con, "Doelgroep") == {
        "1": ("Webformulieren", "Alle veelgevraagde producten digitaal"),
        "2": ("eHerkenning", "Ondernemers loggen veilig in"),
    }


def test_a_long_ambition_column_is_neither_the_title_nor_the_code(con):
    """'Nr | Story' leaves number and title to the values; the long aims beside them stay the ambition."""
    data = dutch_csv(
        [
            "Nr;Story;Description / Aims;Budget;Prognose",
            f"S1;Nieuw zaaksysteem aanbesteden;{LONG_AIM};1000;1200",
            f"S2;Regiesysteem sociale teams;{LONG_AIM[:180]};500;500",
        ]
    )
    parsed, _ = ingest.load_file(con, data, "story.csv", programme="Story", report_date="2025-03-31")
    assert (parsed.mapping["code"], parsed.mapping["title"], parsed.mapping["ambition"]) == (0, 1, 2)
    assert stored(con, "Story") == {
        "S1": ("Nieuw zaaksysteem aanbesteden", LONG_AIM),
        "S2": ("Regiesysteem sociale teams", LONG_AIM[:180]),
    }


def test_without_a_title_column_the_ambition_does_not_become_the_title(con):
    data = dutch_csv(["Code;Doelstelling;Stoplicht", f"X1;{LONG_AIM};groen", "X2;Kort doel;rood"])
    parsed, _ = ingest.load_file(con, data, "geen-titel.csv", programme="Geen titel", report_date="2025-03-31")
    assert "title" not in parsed.mapping and parsed.mapping["ambition"] == 1
    assert stored(con, "Geen titel") == {"X1": (None, LONG_AIM), "X2": (None, "Kort doel")}


def test_an_ambition_that_begins_with_totaal_is_a_story_not_a_totals_row(con):
    data = dutch_csv(
        [
            "Nr;Omschrijving;Ambitie;Budget",
            "1;Archief;Totaal van alle archieven digitaal in 2023;100",
            "2;Website;Toegankelijk volgens WCAG 2.1;50",
        ]
    )
    parsed, [done] = ingest.load_file(con, data, "totaal.csv", programme="Totaal", report_date="2025-03-31")
    assert parsed.errors + parsed.warnings == []
    assert done.rows == 2 and done.totals["budget"] == 150.0
    assert stored(con, "Totaal")["1"] == ("Archief", "Totaal van alle archieven digitaal in 2023")


def test_a_hand_mapping_that_makes_one_column_title_and_ambition_keeps_it_as_title(con):
    data = dutch_csv(["Nr;Omschrijving;Budget", "1;Selfservice;100", "2;Website;50"])
    chosen = {"code": "A · Nr", "title": "B · Omschrijving", "ambition": "B · Omschrijving", "budget": "C · Budget"}
    parsed = ingest.parse_export(data, "hand.csv", mapping=chosen, programme="Hand", report_date="2025-03-31")
    assert parsed.mapping == {"code": 0, "title": 1, "budget": 2}
    [warned] = parsed.warnings
    assert warned.key == "ambition_is_identifier"
    from portfolio.problems import message

    assert message(warned, "nl").startswith("rij 1: kolom B ('Omschrijving') is gekozen als titel én als ambitie")
    assert "column B ('Omschrijving') is chosen as title and as ambition" in message(warned, "en")
    ingest.commit(con, parsed)
    assert stored(con, "Hand") == {"1": ("Selfservice", None), "2": ("Website", None)}


def test_the_gmpp_aims_are_kept_per_project_as_the_csv_module_reads_them(con):
    path = CORPUS / "uk_gmpp_co_ar_data_march2024.csv"
    parsed, [done] = ingest.load_file(con, path.read_bytes(), path.name, programme="GMPP CO", report_date="2024-03-31")
    assert parsed.headers[parsed.mapping["ambition"]] == "Description / Aims"
    assert parsed.headers[parsed.mapping["title"]] == "Project Name"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    # the export writes Excel's escape '_x000D_' for a carriage return; the reader reads it as one
    aims = {r["GMPP ID Number"].strip(): r["Description / Aims"].replace("_x000D_", "\r") for r in rows}
    expected = {code: " ".join(aim.split()) or None for code, aim in aims.items()}
    got = {code: " ".join(aim.split()) if aim else None for code, (_, aim) in stored(con, "GMPP CO").items()}
    assert got == expected and any(got.values())


def test_the_progress_report_reads_the_uploaded_ambition(con):
    data = dutch_csv(["Nr;Omschrijving;Ambitie;Budget;Prognose", f"1;Selfservice;{LONG_AIM};100;100"])
    _, [done] = ingest.load_file(con, data, "rapport.csv", programme="Rapport", report_date="2025-03-31")
    facts = progress_report.read(con, done.report_id)
    assert facts.has_ambition
    assert [s["ambition"] for s in facts.stories] == [LONG_AIM]


# --- the command line and the upload page give the same stories --------------------------------------

CLI_ROWS = [
    "Voortgang ambities;;;;",
    "Stand per: 30-06-2025;;;;",
    "Nr;Omschrijving;Doelgroep;Doelstelling;Stoplicht",
    f"M1;Klantbeeld per domein;Medewerkers;{LONG_AIM};groen",
    "M2;Open data;Inwoners;Laaghangend fruit als open data publiceren;oranje",
    "M3;Smart city;;;",
]


def test_command_line_and_upload_page_keep_the_same_ambitions(tmp_path, app_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.test_cli import cli
    from tests.test_upload_app import APP, upload, upload_page

    monkeypatch.setenv(mapping.PROFILES_ENV, str(tmp_path / "profiles"))
    export = tmp_path / "ambities.csv"
    export.write_bytes(dutch_csv(CLI_ROWS))
    by_cli = tmp_path / "cli.duckdb"
    done = cli(by_cli, "load", str(export), "--programme", "Ambities")
    assert done.returncode == 0, done.stderr

    at = upload(upload_page(), export.read_bytes(), name="ambities.csv", programme="Ambities")
    assert isinstance(at, AppTest) and APP.exists()
    field = at.selectbox(key="map_ambition")
    assert field.label == "Ambitie" and field.value == 3  # shown in the mapping as a field, on 'Doelstelling'
    assert at.selectbox(key="map_owner").value == -1  # 'Doelgroep' is not taken for anything
    at.button(key="upload_save").click().run()
    assert not at.exception and at.success

    with duckdb.connect(str(by_cli)) as con:
        from_cli = stored(con, "Ambities")
    with duckdb.connect(str(app_db)) as con:
        from_page = stored(con, "Ambities")
    assert (
        from_cli
        == from_page
        == {
            "M1": ("Klantbeeld per domein", LONG_AIM),
            "M2": ("Open data", "Laaghangend fruit als open data publiceren"),
            "M3": ("Smart city", None),
        }
    )


def test_the_excel_export_gives_the_ambition_the_pages_show_typed_where_the_export_has_none(con):
    """A report whose export has no ambition column: an ambition typed on the Toelichting page is in the
    Excel export's story sheet beside that story, and a story without one has an empty cell (not '')."""
    import openpyxl

    from portfolio import export, narrative

    data = dutch_csv()
    parsed, [done] = ingest.load_file(con, data, "q1.csv", programme="Zonder ambities", report_date="2025-03-31")
    assert "ambition" not in parsed.mapping
    sheets, _, _ = export.export_frames(con, done.report_id, "nl")
    assert "Ambitie" not in next(iter(sheets.values())).columns  # nobody states one: no column
    narrative.save(con, done.report_id, narrative.STORY, "A1", {"ambition": "Alle zaken digitaal"}, "carla")
    workbook = openpyxl.load_workbook(io.BytesIO(export.export_file(con, done.report_id, "xlsx", "nl")))
    sheet = workbook["Stories"]
    lines = list(sheet.iter_rows(values_only=True))
    at = next(k for k, line in enumerate(lines) if "Nr" in line)  # the table's header, below the sheet's notes
    header = list(lines[at])
    rows = {r[header.index("Nr")]: r[header.index("Ambitie")] for r in lines[at + 1 :]}
    assert rows["A1"] == "Alle zaken digitaal" and rows["B1"] is None
