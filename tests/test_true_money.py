"""Never wrong money: each shape of real export that used to load with wrong figures gives its true
totals, or a refusal that names the reason, through the page's parse and the command line alike.

Every expected figure is computed here from the rows the test writes (plain Python sums), never by
the package's own parsing.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from portfolio import ingest
from portfolio.problems import LoadRefused, message

ROOT = Path(__file__).resolve().parent.parent


def cli(database: Path, file: Path, *args: str) -> tuple[int, dict | None, str]:
    """`python -m portfolio load FILE --json` in a fresh process: (exit code, JSON out, stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "portfolio", "load", str(file), "--db", str(database), "--json", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"},
    )
    return done.returncode, (json.loads(done.stdout) if done.stdout.strip() else None), done.stderr


def csv_bytes(lines: list[str], encoding: str = "cp1252") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def totals(parsed) -> dict:
    [report] = parsed.reports
    return report.totals()


def keys(problems) -> list[str]:
    return [p.key for p in problems]


# --- totals rows anywhere in a row -------------------------------------------------------------------

# A government budget table (x1000): every chapter ends in a TOTAAL row with '-' in the code column.
CHAPTERS = {
    "VIII": [("1", "Primair onderwijs", 10_500, 10_250), ("3", "Voortgezet onderwijs", 7_750, 7_800)],
    "IX": [("11", "Belastingen", 3_000, 2_900), ("12", "Douane", 1_250, None)],
    "X": [("21", "Defensie-materieel", 4_100, 4_000)],
}


def budget_table(total_word: str = "TOTAAL", wrong: bool = False) -> bytes:
    lines = ["Jaar;Valuta;Eenheid;VUO;Hoofdstuk;Artikelnummer;Omschrijving;Begroting;Realisatie"]
    for chapter, rows in CHAPTERS.items():
        for code, title, budget, realised in rows:
            shown = "" if realised is None else f"{realised}"
            lines.append(f"2015;Euro;x1000;U;{chapter};{code};{title};{budget};{shown}")
        budget_sum = sum(r[2] for r in rows) + (1 if wrong and chapter == "IX" else 0)
        realised_sum = sum(r[3] or 0 for r in rows)
        lines.append(f"2015;Euro;x1000;U;{chapter};-;{total_word};{budget_sum};{realised_sum}")
    return csv_bytes(lines)


def test_totaal_rows_in_the_description_column_are_found_checked_and_not_loaded():
    parsed = ingest.parse_export(
        budget_table(),
        "rijksbegroting_2015.csv",
        programme="Rijksbegroting",
        report_date="2015-12-31",
        mapping={
            "code": "Artikelnummer",
            "title": "Omschrijving",
            "programme_line": "Hoofdstuk",
            "budget": "Begroting",
            "realised": "Realisatie",
        },
    )
    assert parsed.errors == []
    stories = [row for rows in CHAPTERS.values() for row in rows]
    assert parsed.reports[0].stories["code"].tolist() == [code for code, *_ in stories]
    expected_budget = sum(b for *_, b, _ in stories) * 1000  # the Eenheid column says x1000
    expected_spent = sum(r for *_, r in stories if r is not None) * 1000  # Realisatie is the spent
    assert totals(parsed)["budget"] == expected_budget
    assert totals(parsed)["spent"] == expected_spent
    assert parsed.currency == "EUR"
    [checked] = [p for p in parsed.notes if p.key == "totals_checked"]
    assert checked.params["count"] == 3
    assert "3" in message(checked, "en") and "not loaded" in message(checked, "en")


def test_a_totals_row_that_does_not_add_up_is_named_with_amounts_in_the_report_notation():
    parsed = ingest.parse_export(
        budget_table(wrong=True),
        "rijksbegroting_2015.csv",
        programme="Rijksbegroting",
        report_date="2015-12-31",
        mapping={"code": "Artikelnummer", "title": "Omschrijving", "budget": "Begroting", "realised": "Realisatie"},
    )
    [mismatch] = [p for p in parsed.warnings if p.key == "totals_mismatch"]
    assert mismatch.row == 7  # the TOTAAL row of chapter IX
    assert "€ 4.251.000" in message(mismatch, "nl") and "€ 4.250.000" in message(mismatch, "nl")
    assert "€4,251,000" in message(mismatch, "en")


PROGRAMME_ROWS = [
    "Nr;Omschrijving;Thema;Budget;Besteed;Prognose",
    "1;Basisregistraties op orde;Basis op orde;100.000;40.000;110.000",
    "2;Informatiebeveiliging;Basis op orde;50.000;10.000;50.000",
    ";Subtotaal thema 1;;150.000;50.000;160.000",
    "3;Zaakgericht werken;Digitaal in verbinding;80.000;20.000;70.000",
    "4;E-formulieren;Digitaal in verbinding;20.000;;25.000",
    ";Totaal thema 2;;100.000;20.000;95.000",
    ";;;250.000;70.000;255.000",  # no word at all: the amounts equal the sum of the rows above
    "Grand total;;;250.000;70.000;255.000",
]


@pytest.mark.parametrize("grand", ["Grand total", "Eindtotaal", "TOTAAL", "Totaal generaal"])
def test_subtotals_totals_and_a_wordless_sum_row_are_never_stories(grand):
    lines = PROGRAMME_ROWS[:-1] + [PROGRAMME_ROWS[-1].replace("Grand total", grand)]
    parsed = ingest.parse_export(csv_bytes(lines), "p.csv", programme="MAB", report_date="2018-06-15")
    assert parsed.errors == []
    assert parsed.reports[0].stories["code"].tolist() == ["1", "2", "3", "4"]
    assert totals(parsed) == {"budget": 250_000.0, "spent": 70_000.0, "forecast": 255_000.0}
    [checked] = [p for p in parsed.notes if p.key == "totals_checked"]
    assert checked.params["count"] == 4
    assert not [p for p in parsed.warnings if p.key == "totals_mismatch"]


def test_a_row_without_code_whose_amounts_match_nothing_is_refused_not_guessed():
    lines = PROGRAMME_ROWS[:3] + [";;;999;1;2"]
    parsed = ingest.parse_export(csv_bytes(lines), "p.csv", programme="MAB", report_date="2018-06-15")
    assert [(p.key, p.row) for p in parsed.errors] == [("missing_code", 4)]


def test_a_story_whose_title_starts_with_total_is_still_a_story():
    lines = [
        "Nr;Omschrijving;Budget",
        "1;Total cost of ownership werkplekken;40.000",
        "2;Totaalvisie informatiebeheer;10.000",
        "Totaal;;50.000",
    ]
    parsed = ingest.parse_export(csv_bytes(lines), "p.csv", programme="P", report_date="2020-01-01")
    assert parsed.reports[0].stories["code"].tolist() == ["1", "2"]
    assert totals(parsed)["budget"] == 50_000.0


def test_the_command_line_gives_the_same_totals_and_says_the_totals_rows_were_checked(tmp_path):
    file = tmp_path / "thema.csv"
    file.write_bytes(csv_bytes(PROGRAMME_ROWS))
    code, out, err = cli(tmp_path / "p.duckdb", file, "--programme", "MAB", "--report-date", "2018-06-15")
    assert code == 0, err
    assert out["totals"] == {"budget": 250_000.0, "spent": 70_000.0, "forecast": 255_000.0}
    assert "totals_checked" in [n["key"] for n in out["notes"]]


# --- two header rows -----------------------------------------------------------------------------------

GMPP_GROUPS = {
    5: "Delivery Confidence Assessment",
    8: "Financial Year 2023/24 (£m)",
    11: "Whole Life Costs (£m)",
    13: "Benefits (£m)",
}
GMPP_HEADERS = [
    "GMPP ID Number",
    "Project Name",
    "Department",
    "Category",
    "Description / Aims",
    "IPA",
    "SRO",
    "Commentary",
    "Baseline",
    "Forecast",
    "Variance (%)",
    "Baseline",
    "Narrative",
    "Baseline",
    "Narrative",
]
GMPP_ROWS = [
    [
        "CO_0281",
        "ATS Replacement",
        "CO",
        "Transformation",
        "Replace the recruitment platform",
        None,
        "Amber",
        "Recruitment pause",
        2.61,
        2.62,
        0,
        43,
        "FBC underway",
        167,
        "No change",
    ],
    [
        "CO_0024",
        "Pensions Remedy",
        "CO",
        "Transformation",
        "End discrimination",
        "Amber",
        "Amber",
        "On track",
        11.5,
        13.5,
        17,
        34,
        "Final year",
        0,
        "None",
    ],
    [
        "CO_0176",
        "Falcon IT",
        "CO",
        "Transformation",
        "Platform refresh",
        None,
        "Red",
        "No agreed direction",
        21.75,
        10.05,
        -54,
        60.5,
        "Within approval",
        60,
        "Unchanged",
    ],
]


def gmpp_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "GMPP"
    spans = {5: 2, 8: 3, 11: 2, 13: 2}
    for start, text in GMPP_GROUPS.items():
        sheet.cell(row=1, column=start + 1, value=text)
        sheet.merge_cells(start_row=1, start_column=start + 1, end_row=1, end_column=start + spans[start])
    sheet.append(GMPP_HEADERS)
    for row in GMPP_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def gmpp_csv() -> bytes:
    group_row = [""] * len(GMPP_HEADERS)
    for start, text in GMPP_GROUPS.items():
        group_row[start] = text
    lines = [",".join(f'"{c}"' if c else "" for c in group_row), ",".join(GMPP_HEADERS)]
    for row in GMPP_ROWS:
        lines.append(",".join("" if c is None else str(c) for c in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(("data", "name"), [(gmpp_workbook(), "gmpp.xlsx"), (gmpp_csv(), "gmpp.csv")])
def test_a_group_row_above_the_headers_gives_unit_currency_and_the_right_baseline(data, name):
    parsed = ingest.parse_export(data, name, programme="GMPP CO", report_date="2024-03-31")
    assert parsed.errors == []
    assert parsed.currency == "GBP"
    assert parsed.mapping["budget"] == 8  # the financial-year baseline, beside its forecast
    assert parsed.mapping["forecast"] == 9
    assert parsed.mapping["status"] in (5, 6)
    expected_budget = sum(r[8] for r in GMPP_ROWS) * 1_000_000
    expected_forecast = sum(r[9] for r in GMPP_ROWS) * 1_000_000
    assert totals(parsed)["budget"] == pytest.approx(expected_budget)
    assert totals(parsed)["forecast"] == pytest.approx(expected_forecast)
    assert parsed.headers[8] == "Financial Year 2023/24 (£m) · Baseline"
    # the choice among the three Baselines is said, with the candidates it passed over
    [chosen] = [p for p in parsed.warnings if p.key == "column_chosen" and p.params["field"] == "budget"]
    text = message(chosen, "en")
    assert "I · Financial Year 2023/24 (£m) · Baseline" in text
    assert "L · Whole Life Costs (£m) · Baseline" in text
    # a benefit is never a cost: not a candidate, and named as a column left out, with why
    [benefits] = [p for p in parsed.warnings if p.key == "column_passed_over" and p.params["label"].startswith("N ·")]
    assert "N · Benefits (£m) · Baseline" in message(benefits, "en") and "benefits, not costs" in message(
        benefits, "en"
    )
    assert [p for p in parsed.warnings if p.key == "column_chosen" and p.params["field"] == "status"]
    stories = parsed.reports[0].stories
    assert stories["status"].tolist() == ["amber", "amber", "red"]  # the SRO light: the one filled for every story


def test_a_duplicate_header_is_chosen_by_position_on_the_page_and_in_the_command_line(tmp_path):
    label = "L · Whole Life Costs (£m) · Baseline"
    profile = {
        "code": "GMPP ID Number",
        "title": "Project Name",
        "budget": label,
        "forecast": "J · Financial Year 2023/24 (£m) · Forecast",
    }
    parsed = ingest.parse_export(gmpp_workbook(), "gmpp.xlsx", mapping=profile, programme="G", report_date="2024-03-31")
    assert parsed.errors == []
    assert totals(parsed)["budget"] == pytest.approx(sum(r[11] for r in GMPP_ROWS) * 1_000_000)
    file, profile_file = tmp_path / "gmpp.xlsx", tmp_path / "wlc.json"
    file.write_bytes(gmpp_workbook())
    profile_file.write_text(json.dumps({"name": "WLC", "mapping": profile}), encoding="utf-8")
    code, out, err = cli(
        tmp_path / "g.duckdb", file, "--mapping", str(profile_file), "--programme", "G", "--report-date", "2024-03-31"
    )
    assert code == 0, err
    assert out["totals"]["budget"] == pytest.approx(totals(parsed)["budget"])


def test_an_old_profile_naming_a_repeated_header_is_refused_with_the_candidates():
    parsed = ingest.parse_export(
        gmpp_workbook(),
        "gmpp.xlsx",
        mapping={"code": "GMPP ID Number", "budget": "Baseline"},
        programme="G",
        report_date="2024-03-31",
    )
    [problem] = parsed.errors
    assert problem.key == "ambiguous_profile_column"
    text = message(problem, "en")
    assert "I · Financial Year 2023/24 (£m) · Baseline" in text and "N · Benefits (£m) · Baseline" in text


def test_an_old_profile_with_unique_headers_keeps_working():
    lines = ["Nr;Titel;Kosten;Stand", "1;A;100;groen", "2;B;200;rood"]
    parsed = ingest.parse_export(
        csv_bytes(lines),
        "x.csv",
        mapping={"code": "Nr", "budget": "Kosten", "status": "Stand"},
        programme="P",
        report_date="2020-01-01",
    )
    assert parsed.errors == []
    assert totals(parsed)["budget"] == 300.0


# --- ragged rows, formulas, units ---------------------------------------------------------------------


def test_a_csv_row_with_a_separator_inside_a_field_is_refused_naming_the_row():
    lines = [
        "Nr;Omschrijving;Budget;Prognose;Stoplicht",
        "1;Zaaksysteem;100.000;110.000;groen",
        "2;Archief; e-depot;50.000;60.000;oranje",  # one ';' too many: every value after it shifts
        "3;Website;20.000;20.000;groen",
    ]
    parsed = ingest.parse_export(csv_bytes(lines), "r.csv", programme="P", report_date="2020-01-01")
    [problem] = parsed.errors
    assert (problem.key, problem.row) == ("ragged_row", 3)
    assert (
        message(problem, "en")
        == "row 3: 6 fields, the header has 5 (a separator inside a value shifts every value after it)."
    )


def test_a_short_row_is_refused_but_a_note_row_is_not():
    lines = [
        "Nr;Omschrijving;Budget;Prognose;Stoplicht",
        "1;Zaaksysteem;100.000;110.000;groen",
        "2;Archief;50.000",
        "Bron: afdeling Financien",
    ]
    parsed = ingest.parse_export(csv_bytes(lines), "r.csv", programme="P", report_date="2020-01-01")
    assert [(p.key, p.row) for p in parsed.errors] == [("ragged_row", 3)]


def test_a_ragged_row_among_many_is_found_in_a_large_file(tmp_path):
    lines = ["Nr,Title,Budget,Forecast"] + [f"{i},Story {i},{i * 10},{i * 11}" for i in range(1, 5001)]
    lines[4001] = "4001,Story, with a comma,40010,44011"
    file = tmp_path / "big.csv"
    file.write_bytes(("\n".join(lines) + "\n").encode())
    code, out, err = cli(tmp_path / "b.duckdb", file, "--programme", "P", "--report-date", "2020-01-01")
    assert code == 2
    assert "row 4002: 5 fields, the header has 4" in err


def test_formulas_without_a_calculated_value_are_worked_out_and_only_the_unworkable_cell_named():
    book = Workbook()
    sheet = book.active
    sheet.append(["Nr", "Omschrijving", "Realisatie", "Verplichtingen", "Budget"])
    for i in range(2, 6):
        sheet.append([i - 1, f"Story {i}", 10 * i, 5 * i, f"=C{i}+D{i}"])
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = ingest.parse_export(buffer.getvalue(), "script.xlsx", programme="P", report_date="2020-01-01")
    assert parsed.errors == []
    assert totals(parsed)["budget"] == sum(10 * i + 5 * i for i in range(2, 6))
    sheet["E4"] = '=INDIRECT("C4")+D4'
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = ingest.parse_export(buffer.getvalue(), "script.xlsx", programme="P", report_date="2020-01-01")
    [problem] = parsed.errors
    assert (problem.key, problem.row, problem.column) == ("formula_function", 4, "Budget")
    assert message(problem, "en").startswith("row 4, column 'Budget': E4: =INDIRECT(\"C4\")+D4 could not be worked out")
    with pytest.raises(LoadRefused):
        ingest.ensure_loadable(parsed)


UNIT_ONCE = [
    "Nr;Story;Budget (€ k);Besteed;Prognose",
    "0;Programmamanagement;250;120;260",
    "1;Basisregistraties;400;180,5;380",
    "2;Zaakgericht werken;125;60;140",
]


def test_a_unit_written_once_is_applied_to_the_amount_columns_beside_it_and_said():
    parsed = ingest.parse_export(csv_bytes(UNIT_ONCE), "mab.csv", programme="MAB", report_date="2018-06-15")
    assert parsed.errors == []
    assert totals(parsed) == {"budget": 775_000.0, "spent": 360_500.0, "forecast": 780_000.0}
    [said] = [p for p in parsed.warnings if p.key == "unit_extended"]
    assert "Besteed" in message(said, "en") and "Prognose" in message(said, "en")


def test_a_unit_written_once_is_not_extended_when_the_other_columns_are_in_full_units():
    lines = [UNIT_ONCE[0], "0;Programmamanagement;250;120000;260000", "1;Basisregistraties;400;180500;380000"]
    parsed = ingest.parse_export(csv_bytes(lines), "mab.csv", programme="MAB", report_date="2018-06-15")
    assert totals(parsed) == {"budget": 650_000.0, "spent": 300_500.0, "forecast": 640_000.0}
    assert "unit_extended" not in keys(parsed.warnings)


def test_an_explicit_unit_for_the_other_columns_wins_over_the_extension():
    parsed = ingest.parse_export(csv_bytes(UNIT_ONCE), "mab.csv", programme="MAB", report_date="2018-06-15", unit=1)
    assert totals(parsed)["spent"] == 360.5
    assert "unit_extended" not in keys(parsed.warnings)
    assert "magnitude_mismatch" in keys(parsed.warnings)  # still said: the columns differ 1000x


# --- which column is the number, which the title -------------------------------------------------------


def test_the_number_column_and_the_story_title_are_told_apart_by_their_values():
    lines = [
        "Nr;Story;Thema;Afdeling;Budget",
        "0;Programmamanagement en communicatie;Basis op orde;Informatievoorziening;250.000",
        "1;Basisregistraties op orde brengen;Basis op orde;Ruimte;400.000",
        "2A4;Digitaal samenwerken met gemeenten;Digitaal in verbinding;Bestuur;125.000",
    ]
    parsed = ingest.parse_export(csv_bytes(lines), "mab.csv", programme="MAB", report_date="2018-06-15")
    stories = parsed.reports[0].stories
    assert stories["code"].tolist() == ["0", "1", "2A4"]
    assert stories["title"].tolist()[0] == "Programmamanagement en communicatie"
    assert totals(parsed)["budget"] == 775_000.0


# --- the same file again under another name or date ---------------------------------------------------


def test_the_same_bytes_as_another_programme_or_date_need_confirmation(con, tmp_path):
    data = csv_bytes(UNIT_ONCE)
    _, [first] = ingest.load_file(con, data, "mab.csv", programme="MAB", report_date="2018-06-15")
    for other in (
        {"programme": "MAB kopie", "report_date": "2018-06-15"},
        {"programme": "MAB", "report_date": "2018-09-15"},
    ):
        with pytest.raises(LoadRefused) as refused:
            ingest.load_file(con, data, "copy.csv", **other)
        [problem] = refused.value.problems
        assert problem.key == "same_file_elsewhere"
        said = message(problem, "en")  # the report the user knows: its programme and date, not its number
        assert "already loaded as MAB, report date 15 June 2018" in said
    _, [second] = ingest.load_file(con, data, "copy.csv", programme="MAB", report_date="2018-09-15", same_file=True)
    assert second.report_id != first.report_id
    file = tmp_path / "mab.csv"
    file.write_bytes(data)
    database = tmp_path / "m.duckdb"
    assert cli(database, file, "--programme", "MAB", "--report-date", "2018-06-15")[0] == 0
    code, _, err = cli(database, file, "--programme", "MAB", "--report-date", "2018-12-15")
    assert code == 2 and "--same-file" in err
    assert cli(database, file, "--programme", "MAB", "--report-date", "2018-12-15", "--same-file")[0] == 0


# --- realised, no-value words, messages -----------------------------------------------------------------


def test_no_value_words_are_missing_and_counted_in_one_line_per_column():
    lines = [
        "Project ID,Title,Budget,Forecast",
        "1,A,100,NA",
        "2,B,N/A,120",
        "3,C,200,Not Applicable",
        "4,D,pm,Exempt under Section 43",
        "5,E,300,n.v.t.",
        "6,F,400,410",
    ]
    parsed = ingest.parse_export(("\n".join(lines) + "\n").encode(), "x.csv", programme="P", report_date="2020-01-01")
    assert totals(parsed) == {"budget": 1000.0, "spent": None, "forecast": 530.0}
    no_value = [p for p in parsed.notes + parsed.warnings if p.key == "no_value_words"]
    assert sorted((p.column, p.params["count"]) for p in no_value) == [("Budget", 2), ("Forecast", 4)]
    assert "amount_text" not in keys(parsed.warnings)


def test_missing_programme_and_date_are_asked_for_together_with_the_flags_and_what_was_found():
    lines = ["Nr;Budget", "1;100"]
    parsed = ingest.parse_export(csv_bytes(lines), "voortgang_MAB_2018-06-15.csv")
    [problem] = parsed.errors
    assert problem.key == "missing_inputs"
    text = message(problem, "en")
    assert "--programme" in text and "--report-date" in text
    assert "2018-06-15" in text  # found in the file name, offered


def test_multi_line_headers_are_named_on_one_line():
    lines = ['Nr;"Budget\n(€)";Besteed', "1;100;abc"]
    parsed = ingest.parse_export(csv_bytes(lines), "x.csv", programme="P", report_date="2020-01-01")
    [problem] = [p for p in parsed.warnings if p.key == "amount_text"]
    assert "\n" not in message(problem, "en")


def test_a_history_file_with_a_totals_row_after_every_report_gives_each_report_its_own_figures():
    lines = ["Programma;Peildatum;Nr;Omschrijving;Budget;Prognose"]
    expected = {}
    for programme in ("MAB", "OWO"):
        for date, factor in (("31-03-2025", 1), ("30-06-2025", 2)):
            rows = [(f"{k}", 1000 * k * factor, 1100 * k * factor) for k in range(1, 4)]
            lines += [f"{programme};{date};{code};Story {code};{b};{f}" for code, b, f in rows]
            lines.append(f"{programme};{date};;Totaal {programme};{sum(r[1] for r in rows)};{sum(r[2] for r in rows)}")
            iso = "-".join(reversed(date.split("-")))
            expected[programme, iso] = (float(sum(r[1] for r in rows)), float(sum(r[2] for r in rows)))
    parsed = ingest.parse_export(csv_bytes(lines), "history.csv")
    assert parsed.errors == []
    found = {
        (r.programme, r.report_date.isoformat()): (r.totals()["budget"], r.totals()["forecast"]) for r in parsed.reports
    }
    assert found == expected
    assert [p.params["count"] for p in parsed.notes if p.key == "totals_checked"] == [4]
    assert not [p for p in parsed.warnings if p.key == "totals_mismatch"]


def test_an_excel_totals_row_with_a_dash_code_is_not_a_story():
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Omschrijving", "Begroting (x1000)", "Realisatie (x1000)"])
    sheet.append(["A1", "Zaaksysteem", 120, 80.5])
    sheet.append(["A2", "Archief", 80, 40])
    sheet.append(["-", "TOTAAL", 200, 120.5])
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = ingest.parse_export(buffer.getvalue(), "b.xlsx", programme="P", report_date="2025-01-01")
    assert parsed.reports[0].stories["code"].tolist() == ["A1", "A2"]
    assert totals(parsed) == {"budget": 200_000.0, "spent": 120_500.0, "forecast": None}


@pytest.mark.parametrize(
    "lines",
    [
        # no number column: the title identifies the story; a note that starts with 'Totaal' is a note
        ["Omschrijving;Budget;Toelichting", "Zaaksysteem;100;Totaal van de kosten is gestegen", "Archief;50;op plan"],
        # an unmapped column says 'Total for ...' beside a story with a real title and no code column
        ["Project name,Budget,Type", "Website,100,Total for the year", "Archive,50,Project"],
    ],
)
def test_a_totals_word_in_a_note_or_other_column_does_not_drop_a_story(lines):
    parsed = ingest.parse_export(csv_bytes(lines), "n.csv", programme="P", report_date="2020-01-01")
    assert parsed.errors == []
    assert totals(parsed)["budget"] == 150.0
    assert not [p for p in parsed.notes if p.key == "totals_checked"]


def test_a_key_value_line_above_the_header_is_metadata_not_a_group_row():
    lines = ["Peildatum;31-03-2025;;", "Valuta;GBP;;", "Nr;Omschrijving;Budget;Prognose", "1;A;100;110", "2;B;50;40"]
    parsed = ingest.parse_export(csv_bytes(lines), "k.csv", programme="P")
    assert parsed.errors == []
    assert parsed.headers == ["Nr", "Omschrijving", "Budget", "Prognose"]
    assert parsed.currency == "GBP"
    assert parsed.reports[0].report_date.isoformat() == "2025-03-31"
    assert totals(parsed)["budget"] == 150.0
