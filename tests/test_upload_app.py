"""Uploading through the app as a controller does: what was understood, refusals, replace, profiles."""

import io
import json
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import mapping
from tests.exports import DUTCH_CSV_ROWS, dutch_csv

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    monkeypatch.setenv(mapping.PROFILES_ENV, str(folder))
    return folder


def upload_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    return at


def upload(at: AppTest, data: bytes, name: str = "export.csv", programme: str | None = "Digitale Agenda") -> AppTest:
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    if programme:
        at.text_input(key="upload_programme").set_value(programme).run()
    assert not at.exception
    return at


def upload_workbook(at: AppTest, name: str, data: bytes, report_date: str, programme: str = "P") -> AppTest:
    """Drop a workbook on the page and fill in the programme and the report date it does not name."""
    at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()
    at.text_input(key="upload_programme").set_value(programme).run()
    at.date_input(key="upload_date").set_value(report_date).run()
    return at


def reports(path) -> list[tuple]:
    with duckdb.connect(str(path)) as con:  # same configuration as the app in this process
        return con.execute(
            "select p.name, r.report_date::varchar, r.version, r.is_current, r.source_file "
            "from reports r join programmes p using (programme_id) order by all"
        ).fetchall()


def table_with(at, column: str):
    """The (non-interactive) dataframe that has this column; such tables carry no key in AppTest."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_a_dutch_csv_is_previewed_saved_and_shown_on_the_overview(app_db, profiles):
    at = upload(upload_page(), dutch_csv(), programme=None)
    assert "noemt geen programma" in at.error[0].value  # the file names no programme
    assert "vul die hierboven in" in at.error[0].value and "programme" not in at.error[0].value  # no flag on the page
    assert at.button(key="upload_save").disabled
    at.text_input(key="upload_programme").set_value("Digitale Agenda").run()
    assert not at.error
    assert "Kopregel op rij 4 · tekst (cp1252, scheidingsteken ';')" in "\n".join(c.value for c in at.caption)
    preview = metrics(at)
    assert (preview["Aantal stories"], preview["Budget"], preview["Prognose"]) == ("3", "€ 146k", "€ 149,8k")
    # the preview's amounts are numbers (sorting by value, right-aligned), the missing one stays empty
    table = table_with(at, "Afwijking")
    assert table["Budget"].tolist() == [2_500.0, 18_500.0, 125_000.0]
    spent = table["Besteed/verplicht"].tolist()
    # € 1.200,50 in whole euros, half up, as every table, tile and file writes an amount; 'n.v.t.' is NaN, not 0
    assert spent[0] == 1_201.0 and spent[1] != spent[1] and spent[2] == -1_200.0
    assert table["Afwijking"].tolist() == [250.0, -1_500.0, 5_000.0]
    config = json.loads(next(d for d in at.dataframe if "Afwijking" in d.value.columns).proto.columns)
    assert config["Budget"]["type_config"] == {"type": "number", "format": "euro", "step": 1}
    before = reports(app_db)
    at.button(key="upload_save").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Opgeslagen: Digitale Agenda, peildatum 31 maart 2025")
    assert reports(app_db) == sorted([*before, ("Digitale Agenda", "2025-03-31", 1, True, "export.csv")])
    at.switch_page("pages/overview.py").run()
    shown = metrics(at)
    # 2.500 + 18.500 + 125.000; the tile writes three figures, its help the exact amount
    assert (shown["Budget"], shown["Prognose"]) == ("€ 146k", "€ 149,8k")  # as the preview said it
    helps = {m.label: m.proto.help for m in at.metric}
    assert "€ 146.000" in helps["Budget"] and "€ 149.750" in helps["Prognose"]


def test_warnings_name_row_and_column_and_loading_may_go_on(app_db, profiles):
    at = upload(upload_page(), dutch_csv())
    table = table_with(at, "kolom")
    assert table[["rij", "kolom"]].values.tolist() == [[8, "Besteed"]]
    assert not at.button(key="upload_save").disabled


def test_a_bad_file_is_refused_with_row_and_column_and_nothing_is_written(app_db, profiles):
    at = upload_page()
    before = reports(app_db)
    upload(at, b"Nr;Budget\n1;100\n1;200\n", name="dubbel.csv")
    assert "rij 3, kolom 'Nr': Story 1 staat twee keer in het bestand (ook rij 2)" in at.error[0].value
    assert at.button(key="upload_save").disabled
    assert reports(app_db) == before


def test_a_new_version_replaces_only_after_confirmation_and_the_change_is_shown(app_db, profiles):
    at = upload(upload_page(), dutch_csv())
    at.button(key="upload_save").click().run()
    changed = [
        r.replace("€ 2.750,00", "€ 3.000,00").replace("groen", "rood") if r.startswith("A1") else r
        for r in DUTCH_CSV_ROWS
    ]
    upload(at, dutch_csv(changed), name="export-v2.csv")
    assert "0 nieuw · 0 verdwenen · 1 gewijzigd · 1 slechter · 0 beter" in [c.value for c in at.caption]
    moves = table_with(at, "Verschil prognose")
    first = moves.iloc[0]
    assert (first["Nr"], first["Prognose (was)"], first["Prognose"], first["Verschil prognose"]) == (
        "A1",
        2750.0,
        3000.0,
        250.0,
    )
    assert "Verschil budget" not in moves.columns  # budget and spent did not move: no column of € 0
    assert first["Stoplicht"] == "✔ Groen → ✖ Rood"  # what the light was, and is
    assert at.button(key="upload_save").disabled  # not without confirming the replacement
    at.checkbox[0].check().run()
    at.button(key="upload_save").click().run()
    assert "versie 2" in at.success[0].value
    versions = [r for r in reports(app_db) if r[0] == "Digitale Agenda"]
    assert versions == [
        ("Digitale Agenda", "2025-03-31", 1, False, "export.csv"),
        ("Digitale Agenda", "2025-03-31", 2, True, "export-v2.csv"),
    ]


def test_the_same_file_twice_is_recognised(app_db, profiles):
    at = upload(upload_page(), dutch_csv())
    at.button(key="upload_save").click().run()
    upload(at, dutch_csv())
    at.checkbox[0].check().run()
    at.button(key="upload_save").click().run()
    assert "al geladen" in at.info[-1].value
    assert len([r for r in reports(app_db) if r[0] == "Digitale Agenda"]) == 1


def test_a_corrected_mapping_is_saved_as_a_profile_and_reused(app_db, profiles):
    rows = ["Code;Naam;Kolom C;Kolom D;Licht", "X1;Een;10;12;groen", "X2;Twee;5;4;rood"]
    at = upload(upload_page(), dutch_csv(rows), name="raar.csv", programme="P")
    at.date_input(key="upload_date").set_value("2025-06-30").run()
    at.selectbox(key="upload_unit").set_value(1000).run()  # amounts in thousands; the headers do not say
    # 'Kolom C' and 'Kolom D' name no field, and they hold numbers: refused with the question, naming them
    assert "Geen kolom is als bedrag herkend" in at.error[0].value and "C · Kolom C" in at.error[0].value
    at.selectbox(key="map_budget").set_value(2).run()
    at.selectbox(key="map_forecast").set_value(3).run()
    at.selectbox(key="map_status").set_value(4).run()
    assert not at.error
    assert (metrics(at)["Budget"], metrics(at)["Prognose"]) == ("€ 15k", "€ 16k")
    at.text_input(key="upload_profile_name").set_value("Afdeling X").run()
    at.button(key="upload_profile_save").click().run()
    assert not profiles.exists()  # in the store, for every server; nothing written into the repository
    with duckdb.connect(str(app_db)) as con:
        [(saved,)] = con.execute("select profile from mapping_profiles").fetchall()
    assert json.loads(saved)["name"] == "Afdeling X" and json.loads(saved)["options"]["unit"] == 1000
    again = upload(upload_page(), dutch_csv(rows[:2]), name="raar-2.csv", programme="P")
    again.date_input(key="upload_date").set_value("2025-09-30").run()
    assert any("Profiel 'Afdeling X' toegepast" in i.value for i in again.info)
    assert again.selectbox(key="upload_unit").value == 1000  # the profile's unit came back too
    assert metrics(again)["Budget"] == "€ 10k"


def test_a_group_header_workbook_says_what_it_chose_and_a_repeated_header_is_picked_by_position(app_db, profiles):
    """A controller uploads the GMPP shape: three 'Baseline' columns under group cells."""
    from tests.test_true_money import GMPP_ROWS, gmpp_workbook

    at = upload_page()
    at.file_uploader[0].set_value(("gmpp.xlsx", gmpp_workbook(), "application/octet-stream")).run()
    at.text_input(key="upload_programme").set_value("GMPP CO").run()
    at.date_input(key="upload_date").set_value("2024-03-31").run()
    assert not at.error
    warnings = [m.value for m in at.markdown if "Meerdere kolommen kunnen" in m.value]
    assert any("I · Financial Year 2023/24 \\(£m\\) · Baseline" in w and "L · Whole Life Costs" in w for w in warnings)
    fy_budget = sum(r[8] for r in GMPP_ROWS) * 1e6
    assert metrics(at)["Budget"].startswith("£ 35,9")  # 35.86 million pounds, not 35.86
    assert round(fy_budget / 1e6, 2) == 35.86
    preview = table_with(at, "Afwijking")
    assert preview["Budget"].tolist()[0] == 2_610_000.0  # in pounds, not millions
    config = json.loads(next(d for d in at.dataframe if "Afwijking" in d.value.columns).proto.columns)
    assert config["Budget"]["type_config"]["format"] == "localized"  # not the euro preset
    assert config["Budget"]["help"] == "Bedragen in £"
    options = at.selectbox(key="map_budget").options
    assert "L · Whole Life Costs (£m) · Baseline" in options  # every column named by its letter and group
    at.selectbox(key="map_budget").set_value(11).run()
    assert metrics(at)["Budget"].startswith("£ 137,5")  # the whole-life baselines: 43 + 34 + 60.5 million


def test_the_same_file_as_another_report_date_needs_a_confirmation(app_db, profiles):
    """The same bytes uploaded for a second report date: said, and saved only after a confirmation."""
    undated = dutch_csv([r for r in DUTCH_CSV_ROWS if not r.startswith("Stand per")])
    at = upload(upload_page(), undated, name="q1.csv")
    at.date_input(key="upload_date").set_value("2025-03-31").run()
    at.button(key="upload_save").click().run()
    upload(at, undated, name="q2.csv")
    at.date_input(key="upload_date").set_value("2025-06-30").run()
    assert any("al geladen als Digitale Agenda, peildatum 31 maart 2025" in w.value for w in at.warning)
    assert at.button(key="upload_save").disabled
    at.checkbox(key="upload_same_file").check().run()
    at.button(key="upload_save").click().run()
    dates = [r[1] for r in reports(app_db) if r[0] == "Digitale Agenda"]
    assert dates == ["2025-03-31", "2025-06-30"]


def test_notes_say_the_totals_row_was_checked(app_db, profiles):
    at = upload(upload_page(), dutch_csv())
    notes = [i.value for i in at.info if "Wat het inlezen vond en deed" in i.value]
    assert notes and "1 totaalregel(s) gevonden en gecontroleerd" in notes[0]
    assert "1 cel(len) zeggen dat er geen waarde is (n\\.v\\.t\\.)" in notes[0]


def test_a_new_file_forgets_the_programme_and_date_typed_for_the_previous_one(app_db, profiles):
    """Typing a programme for one file must never save the next file under it."""
    undated = dutch_csv([r for r in DUTCH_CSV_ROWS if not r.startswith("Stand per")])
    at = upload(upload_page(), undated, name="q1.csv", programme="Eerste programma")
    at.date_input(key="upload_date").set_value("2015-12-31").run()  # dates long ago can be given
    assert not at.error and at.date_input(key="upload_date").value.year == 2015
    upload(at, dutch_csv(DUTCH_CSV_ROWS[:-1]), name="other.csv", programme=None)
    assert at.text_input(key="upload_programme").value == ""
    assert at.date_input(key="upload_date").value is None
    assert at.button(key="upload_save").disabled  # the new file names no programme: asked for again


def test_a_file_with_two_years_is_split_or_read_for_one_chosen_year_and_the_currency_can_be_corrected(app_db):
    """A budget office uploads 2014 and 2015 in one file: it is told so, picks 2015, and says the money is
    in pounds; the preview then shows 2015's stories only, in pounds."""
    lines = ["Boekjaar;Nr;Omschrijving;Begroting"]
    figures = {2014: [(1, 100), (2, 250)], 2015: [(1, 120), (2, 260)]}
    lines += [f"{year};{code};Onderdeel {code};{budget}" for year, rows in figures.items() for code, budget in rows]
    at = upload(upload_page(), ("\n".join(lines) + "\n").encode("cp1252"), name="jaren.csv", programme="Rijk")
    assert not at.error
    assert any("2 jaren (2014, 2015)" in w.value for w in [*at.warning, *at.markdown])
    assert at.selectbox(key="upload_period").options == ["alle jaren, één rapportage per jaar", "2014", "2015"]
    at.selectbox(key="upload_period").set_value("2015").run()
    at.selectbox(key="upload_currency").set_value("GBP").run()
    assert not at.error
    assert metrics(at)["Budget"] == "£ 380"  # 120 + 260, the year asked for, not both years


def test_a_sheet_laid_out_turned_is_named_and_read_turned_once_confirmed(app_db):
    """Field names down column A and a project per column: refused with what was seen, then read turned."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (
        ["Project ID", "P1", "P2", "P3"],
        ["Project Name", "Alpha", "Beta", "Gamma"],
        ["Budget", 1500, 2000, 3000],
        ["Forecast", 1600, 2100, 2900],
        ["RAG", "Red", "Amber", "Green"],
    ):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    at = upload_workbook(upload_page(), "turned.xlsx", buffer.getvalue(), "2024-03-31")
    assert "kolom A" in at.error[0].value and "A3 'Budget'" in at.error[0].value
    at.checkbox(key="upload_transpose").check().run()
    assert not at.error
    assert metrics(at)["Budget"] == "€ 6,5k"  # 1500 + 2000 + 3000, one story per column


def test_a_workbook_with_a_cover_sheet_first_previews_the_sheet_with_the_export(app_db):
    """The sheet choice starts on the sheet that was read (not on the cover page, which has no header row), and
    the page says which sheet was passed over."""
    from tests.exports import cover_sheet_workbook

    at = upload_workbook(upload_page(), "rapportage.xlsx", cover_sheet_workbook(), "2025-06-30")
    assert not at.exception and not at.error
    assert at.selectbox(key="upload_sheet").value == "Data"
    assert metrics(at)["Budget"] == "€ 3k"
    shown = " ".join(str(getattr(e, "value", "")) for e in (*at.info, *at.caption, *at.markdown, *at.warning))
    assert "Blad 'Data' gelezen" in shown and "'Voorblad'" in shown
