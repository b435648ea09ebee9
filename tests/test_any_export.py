"""Any real export: recognised, or refused. Metamorphic tests: from a real file with its truth computed
here (the csv module and Decimal, never the package's parse), Hypothesis writes exports that mean the
same thing as people write them: headers renamed (snake_case, camelCase, a year or 'TOTAL' or 'yearly'
in front, the unit after), the unit moved (header, group row, a unit column, Valuta line), the currency
in a number format, prose and benefit columns beside the money, 'of which' lines, a totals row, CSV or
Excel. Each must load to the same figures or be refused; exit 0 with other money fails. Variants that
change the meaning (two years stacked) must never give the old figures silently.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from portfolio import ingest
from portfolio.mapping import AMOUNT_FIELDS

CORPUS = Path(__file__).resolve().parent / "corpus"


def _truth() -> list[dict]:
    """The GMPP Cabinet Office slice as plain records: code, title, light, budget and forecast in pounds."""
    with (CORPUS / "uk_gmpp_co_ar_data_march2024.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    records = []
    for row in rows[1:]:
        records.append(
            {
                "code": row[0],
                "title": row[1],
                "light": row[5] or None,
                "budget": Decimal(row[11]) * 1_000_000,
                "forecast": Decimal(row[12]) * 1_000_000,
                "note": row[14] or row[7] or "Geen toelichting bij dit project in deze rapportage gegeven.",
                "benefits": Decimal(row[17] or "0") * 1_000_000,
            }
        )
    return records


TRUTH = _truth()
TRUE_BUDGET = sum(r["budget"] for r in TRUTH)
TRUE_FORECAST = sum(r["forecast"] for r in TRUTH)


# --- how people write the headers -------------------------------------------------------------------

WORDS = {
    "code": ["Project ID", "GMPP ID Number", "Nr", "Code", "Projectnummer"],
    "title": ["Project Name", "Projectnaam", "Title", "Omschrijving"],
    "budget": ["Budget", "Baseline", "Begroting", "Financial Year Baseline", "Planned Cost"],
    "forecast": ["Forecast", "Prognose", "Financial Year Forecast", "Forecast Outturn"],
    "light": ["RAG", "Delivery Confidence", "Stoplicht", "colour rating", "RAG Status"],
}


def _styled(words: str, style: str) -> str:
    parts = re.findall(r"[A-Za-z]+", words)
    if style == "snake":
        return "_".join(p.lower() for p in parts)
    if style == "camel":
        return parts[0].lower() + "".join(p.capitalize() for p in parts[1:])
    if style == "year":
        return f"2023/24 {words}"
    if style == "total":
        return f"TOTAL {words}" if "Forecast" not in words else f"Total {words}"
    if style == "yearly":
        return f"yearly_{'_'.join(p.lower() for p in parts)}"
    return words


UNITS = {  # how the unit of pounds in millions is written after a header, and the multiplier of the cells
    "(£m)": 1_000_000,
    "£m": 1_000_000,
    "(GBP mln)": 1_000_000,
    "(£ k)": 1_000,
    "x £1.000": 1_000,
    "(£'000)": 1_000,
    "(£)": 1,
}


@st.composite
def exports(draw):
    """An export of the GMPP slice written one of many ways; returns (bytes, filename, options)."""
    style = draw(st.sampled_from(["plain", "snake", "camel", "year", "total", "yearly"]))
    names = {field: _styled(draw(st.sampled_from(words)), style) for field, words in WORDS.items()}
    unit_text = draw(st.sampled_from(sorted(UNITS)))
    multiplier = UNITS[unit_text]
    unit_at = draw(st.sampled_from(["header", "group", "unit_column", "valuta_line"]))
    if multiplier == 1 and unit_at == "unit_column":
        unit_at = "header"
    excel = draw(st.booleans())
    format_currency = excel and draw(st.booleans())
    of_which = draw(st.booleans())
    totals_row = draw(st.booleans())
    distractors = draw(st.booleans())
    order = draw(st.permutations(["code", "title", "light", "budget", "forecast"]))

    columns = list(order)
    header = {c: names[c] for c in columns}
    if unit_at == "header":
        for c in ("budget", "forecast"):
            header[c] = f"{names[c]} {unit_text}"
    if distractors:  # a paragraph column named after the money, a benefit, a percentage
        columns += ["budget_comment", "benefits", "variance"]
        header.update(
            budget_comment="budget_comment",
            benefits=f"TOTAL Baseline Benefits {unit_text if unit_at == 'header' else ''}".strip(),
            variance="Financial Year Variance (%)",
        )
    if unit_at == "unit_column":
        columns.append("unit")
        header["unit"] = "Eenheid"

    def amount(value: Decimal) -> Decimal:
        return value / multiplier

    body = []
    for record in TRUTH:
        row = {
            "code": record["code"],
            "title": record["title"],
            "light": record["light"],
            "budget": amount(record["budget"]),
            "forecast": amount(record["forecast"]),
            "budget_comment": record["note"] + " The forecast moved as the plan was rephased over the year.",
            "benefits": amount(record["benefits"]),
            "variance": round((record["forecast"] - record["budget"]) / record["budget"] * 100)
            if record["budget"]
            else 0,
            "unit": unit_text.strip("()") if "£" in unit_text else unit_text,
        }
        body.append(row)
        if of_which and draw(st.booleans()):
            share = draw(st.sampled_from([Decimal("0.25"), Decimal("0.5")]))
            body.append(
                {
                    "code": "",
                    "title": draw(st.sampled_from(["waarvan licenties", "w.v. inhuur", "of which staff costs"])),
                    "budget": amount(record["budget"]) * share,
                    "forecast": amount(record["forecast"]) * share,
                }
            )
    if totals_row:
        body.append(
            {
                "code": "",
                "title": draw(st.sampled_from(["Totaal", "Grand total", "TOTAL"])),
                "budget": sum(amount(r["budget"]) for r in TRUTH),
                "forecast": sum(amount(r["forecast"]) for r in TRUTH),
            }
        )
    above = [["Programma:", "GMPP CO"], ["Peildatum:", "2024-03-31"]]
    if unit_at == "valuta_line":
        above.append(["Valuta:", "GBP"])
        if multiplier != 1:
            columns_unit = "x 1.000.000" if multiplier == 1_000_000 else "x 1.000"
            for c in ("budget", "forecast"):
                header[c] = f"{names[c]} ({columns_unit})"
                if distractors:
                    header["benefits"] = f"TOTAL Baseline Benefits ({columns_unit})"
    group = None
    if unit_at == "group":
        group = [f"Financial Year 2023/24 {unit_text}" if c in ("budget", "forecast") else "" for c in columns]
    grid = [*above, [], *([group] if group else []), [header[c] for c in columns]]
    for row in body:
        grid.append([row.get(c) for c in columns])
    if excel:
        data = _xlsx(grid, columns, format_currency)
        return data, "export.xlsx", {"currency": None}
    return _csv(grid), "export.csv", {}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _csv(grid) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=",", lineterminator="\r\n")
    for row in grid:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def _xlsx(grid, columns, format_currency: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in grid:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    if format_currency:
        for index, name in enumerate(columns, start=1):
            if name in ("budget", "forecast"):
                for row in range(len(grid) - len(TRUTH), len(grid) + 1):
                    sheet.cell(row=row, column=index).number_format = '"£"#,##0.00'
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports())
def test_an_export_written_another_way_loads_to_the_same_money_or_is_refused(export):
    """A controller uploads the same report as another department writes it: the same pounds, or a refusal."""
    data, name, _ = export
    parsed = ingest.parse_export(data, name)
    if parsed.errors:
        return  # refused with a reason: allowed, never wrong money
    [report] = parsed.reports
    totals = report.totals()
    assert Decimal(str(totals["budget"])) == TRUE_BUDGET
    assert Decimal(str(totals["forecast"])) == TRUE_FORECAST
    assert parsed.currency == "GBP"
    stories = report.stories
    top = stories[stories["parent_code"].isna()]
    assert sorted(top["code"]) == sorted(r["code"] for r in TRUTH)  # no totals row, no 'of which' line as a story
    lights = dict(zip(top["code"], top["status"]))
    for record in TRUTH:  # the reported light, wherever the column stood and whatever it was called
        expected = {"Red": "red", "Amber": "amber", "Green": "green", None: "unknown"}[record["light"]]
        assert lights[record["code"]] == expected


@pytest.mark.parametrize("shapes", ["gmpp", "mab"])
def test_most_ways_of_writing_it_load_rather_than_refuse(shapes):
    """Refusing is the last resort: of many generated shapes, nearly all are read (and right, above)."""
    loaded = refused = 0
    reasons = set()

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.deferred(lambda: exports() if shapes == "gmpp" else mab_exports()))
    def count(export):
        nonlocal loaded, refused
        data, name = export[0], export[1]
        parsed = ingest.parse_export(data, name)
        if parsed.errors:
            refused += 1
            reasons.update(p.key for p in parsed.errors)
        else:
            loaded += 1

    count()
    assert loaded >= 0.9 * (loaded + refused), reasons


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["Jaar", "Boekjaar", "Year", "FY", "Begrotingsjaar"]), st.booleans())
def test_two_years_stacked_are_never_added_up(year_header, date_given):
    """A budget office exports 2014 and 2015 in one file: one report per year, or a refusal; never the sum."""
    lines = [f"{year_header};Nr;Omschrijving;Begroting;Realisatie"]
    figures = {2014: [(1, 100), (2, 250), (3, 75)], 2015: [(1, 120), (2, 260), (3, 80)]}
    for year, rows in figures.items():
        for code, budget in rows:
            lines.append(f"{year};{code};Onderdeel {code};{budget};{budget - 10}")
    options = {"programme": "Rijk"} | ({"report_date": "2015-12-31"} if date_given else {})
    parsed = ingest.parse_export("\n".join(lines).encode(), "stacked.csv", **options)
    if parsed.errors:
        assert {p.key for p in parsed.errors} == {"several_periods"}
        return
    assert not date_given
    by_date = {r.report_date.year: r.totals()["budget"] for r in parsed.reports}
    assert by_date == {year: sum(b for _, b in rows) for year, rows in figures.items()}
    # and one year alone, when asked for
    one = ingest.parse_export("\n".join(lines).encode(), "stacked.csv", period="2015", **options)
    [report] = one.reports
    assert report.totals()["budget"] == sum(b for _, b in figures[2015])


def test_a_unit_dropped_never_gives_the_old_figures():
    """The same export with the unit left out of the header: not the pounds of the real file."""
    lines = ["Project ID,Project Name,Budget,Forecast"]
    lines += [f"{r['code']},{r['title']},{r['budget'] / 1_000_000},{r['forecast'] / 1_000_000}" for r in TRUTH]
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="P", report_date="2024-03-31")
    assert parsed.errors or Decimal(str(parsed.reports[0].totals()["budget"])) != TRUE_BUDGET


def test_a_column_of_light_words_under_an_unknown_header_is_the_light_and_said():
    lines = ["Nr,Project,Budget,Beoordeling IPA"] + [f"{i},P{i},{i * 10},{c}" for i, c in enumerate("RAGGR", 1)]
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="P", report_date="2024-03-31")
    assert parsed.errors == []
    assert parsed.mapping["status"] == 3
    assert any(p.key == "column_chosen" and p.params["rule"] == "rule_values" for p in parsed.warnings)
    assert list(parsed.reports[0].stories["status"]) == ["red", "amber", "green", "green", "red"]


def test_a_prose_column_named_budget_is_never_the_money_and_the_money_column_is_named():
    """'budget_comment' full of paragraphs beside a 'yearly_budget' of numbers: the numbers are the budget."""
    lines = ["id,name,budget_comment,yearly_budget,yearly_forecast"]
    lines += [
        f'{i},Project {i},"The budget for this project was revised after the tender; see the board memo of May.",{i * 1000},{i * 1100}'
        for i in range(1, 6)
    ]
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="P", report_date="2024-03-31")
    assert parsed.errors == []
    assert (parsed.mapping["budget"], parsed.mapping["forecast"]) == (3, 4)
    assert parsed.reports[0].totals()["budget"] == sum(i * 1000 for i in range(1, 6))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["Budget", "Besteed", "Realisatie", "Prognose", "Budget 2025", "Spent", "Forecast"]),
    st.sampled_from(
        ["{h} (fte)", "{h} (uren)", "Uren {l}", "{h} in uren", "{h} hours", "Hours {l}", "{h} (days)", "Aantal {l}"]
    ),
    st.booleans(),
)
def test_hours_fte_and_days_are_never_money_whatever_the_header_calls_them(word, shape, money_first):
    """'Budget (fte)' beside 'Budget (€)', 'Uren besteed' beside 'Besteed': the hours are left out and said, the
    money column is the money. Before, 'Budget (fte)' was taken as the budget (3.5 'euros') and 'Uren besteed'
    as spent."""
    quantity = shape.format(h=word, l=word.lower())
    money = f"{word} (€)"
    headers = ["Nr", "Project", money, quantity] if money_first else ["Nr", "Project", quantity, money]
    rows = [[str(i), f"P{i}", f"{i * 1000}", f"{i + 0.5}".replace(".", ",")] for i in range(1, 5)]
    if not money_first:
        rows = [[a, b, d, c] for a, b, c, d in rows]
    lines = [";".join(headers)] + [";".join(r) for r in rows]
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="P", report_date="2024-03-31")
    taken = {parsed.headers[i] for f, i in parsed.mapping.items() if f in AMOUNT_FIELDS}
    assert quantity not in taken
    assert money in taken
    assert parsed.reports and parsed.reports[0].totals()[_measure_of(word)] == sum(i * 1000 for i in range(1, 5))
    assert any(p.key == "column_passed_over" for p in parsed.warnings)


def _measure_of(word: str) -> str:
    """The total a header word adds to (realised counts as spent where there is no spent column)."""
    lowered = word.lower()
    if lowered.startswith(("besteed", "realisatie", "spent")):
        return "spent"
    return "forecast" if lowered.startswith(("prognose", "forecast")) else "budget"


def test_numbers_under_headers_that_name_nothing_are_refused_with_the_question():
    lines = ["Nr,Project,Kolom 3,Kolom 4"] + [f"{i},P{i},{i * 10},{i * 12}" for i in range(1, 4)]
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="P", report_date="2024-03-31")
    assert [p.key for p in parsed.errors] == ["amounts_not_recognised"]
    assert "C · Kolom 3" in parsed.errors[0].params["columns"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["plain", "snake", "camel", "year", "total"]),
    st.permutations(["code", "title", "light", "budget", "forecast"]),
    st.booleans(),
)
def test_a_sheet_laid_out_turned_is_refused_naming_it_then_read_turned_to_the_same_money(style, order, excel):
    """Field names down column A, one project per column: never 'no stories', never other money."""
    names = {field: _styled(words[0], style) for field, words in WORDS.items()}
    names["budget"] += " (£m)"
    names["forecast"] += " (£m)"
    values = {
        "code": [r["code"] for r in TRUTH],
        "title": [r["title"] for r in TRUTH],
        "light": [r["light"] for r in TRUTH],
        "budget": [r["budget"] / 1_000_000 for r in TRUTH],
        "forecast": [r["forecast"] / 1_000_000 for r in TRUTH],
    }
    grid = [["Programma:", "GMPP CO"], ["Peildatum:", "2024-03-31"], []]
    grid += [[names[field], *values[field]] for field in order]
    data, name = (_xlsx(grid, [], False), "turned.xlsx") if excel else (_csv(grid), "turned.csv")
    refused = ingest.parse_export(data, name)
    assert [p.key for p in refused.errors] == ["transposed_layout"]
    parsed = ingest.parse_export(data, name, transpose=True)
    assert parsed.errors == []
    [report] = parsed.reports
    assert Decimal(str(report.totals()["budget"])) == TRUE_BUDGET
    assert Decimal(str(report.totals()["forecast"])) == TRUE_FORECAST
    assert report.programme == "GMPP CO" and sorted(report.stories["code"]) == sorted(values["code"])


def test_a_refusal_for_no_header_shows_the_rows_seen_and_the_header_row_can_be_named():
    """Headers nobody could recognise: the refusal shows what was seen; naming the row and the columns loads it."""
    data = b"Overzicht projecten\nKolom A;Kolom B;Kolom C\n1;Alpha;100\n2;Beta;200\n"
    parsed = ingest.parse_export(data, "x.csv", programme="P", report_date="2024-01-01")
    [problem] = parsed.errors
    assert problem.key == "no_header"
    assert "2: 'Kolom A', 'Kolom B', 'Kolom C'" in problem.params["seen"]
    named = ingest.parse_export(
        data,
        "x.csv",
        programme="P",
        report_date="2024-01-01",
        header_row=2,
        mapping={"code": "A · Kolom A", "title": "B · Kolom B", "budget": "C · Kolom C"},
    )
    assert named.errors == []
    assert named.reports[0].totals()["budget"] == 300


def test_numbers_that_repeat_per_chapter_are_refused_naming_the_column_that_tells_them_apart():
    """A budget table with several chapters, articles numbered per chapter: the refusal says why and how on."""
    lines = ["Hoofdstuk;Artikel;Omschrijving;Begroting"]
    lines += [
        f"{chapter};{code};Artikel {code} van {chapter};{100 * code}" for chapter in ("VIII", "IX") for code in (1, 2)
    ]
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="R", report_date="2015-12-31")
    assert parsed.errors[0].key == "duplicates_told_apart"
    assert parsed.errors[0].params["label"] == "A · Hoofdstuk" and parsed.errors[0].params["values"] == "IX, VIII"


# --- the MAB progress report (seed 000), as other programme offices would write its export -------------

# The real report's totals over stories 0-18 (../shared/DOMAIN.md, from the seed document), in euros.
MAB_TRUE = {"budget": Decimal(2_315_000), "spent": Decimal(936_500), "forecast": Decimal(2_137_500)}
DEMO = Path(__file__).resolve().parent.parent / "data" / "demo" / "mab_plateau3_2018-06.xlsx"


def _mab_rows() -> tuple[list, list[list]]:
    """The demo workbook's header and story rows as openpyxl reads them (its own totals row left out)."""
    from openpyxl import load_workbook

    sheet = load_workbook(DEMO, read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(min_row=7, values_only=True)]
    return rows[0], [r for r in rows[1:] if r[0] != "Totaal"]


MAB_HEADER, MAB_ROWS = _mab_rows()
MAB_WORDS = {
    0: ["Nr", "Nummer", "Code", "story_nr"],
    1: ["Omschrijving", "Titel", "Onderwerp", "storyTitel"],
    6: ["Budget", "Begroting", "Voorziene kosten", "totaalBudget", "budget_plateau"],
    7: ["Besteed/verplicht", "Besteed en verplicht", "Kosten en verplichtingen", "besteed_verplicht"],
    8: ["Prognose", "Verwachte kosten", "prognose_totaal", "Eindprognose"],
    9: ["Stoplicht", "Kleur", "Status"],
}
MAB_UNITS = {
    "(€ k)": 1_000,
    "x €1.000": 1_000,
    "(in duizenden euro)": 1_000,
    "(*Eu 1000)": 1_000,
    "k€": 1_000,
    "(€)": 1,
}


@st.composite
def mab_exports(draw):
    header = [str(h).split("\n")[0] for h in MAB_HEADER]
    for index, words in MAB_WORDS.items():
        header[index] = draw(st.sampled_from(words))
    unit = draw(st.sampled_from(sorted(MAB_UNITS)))
    scale = 1_000 // MAB_UNITS[unit]  # the demo's cells are in thousands
    where = draw(st.sampled_from(["header", "unit_column"])) if scale == 1 else "header"
    if where == "header":
        for index in (6, 7, 8):
            header[index] = f"{header[index]} {unit}"
    body = []
    for row in MAB_ROWS:
        cells = list(row)
        for index in (6, 7, 8):
            cells[index] = None if cells[index] is None else Decimal(str(cells[index])) * scale
        body.append(cells)
        if row[4] is None and row[11] == "ja" and cells[6] and draw(st.booleans()):
            part = [None] * len(cells)
            part[1] = draw(st.sampled_from(["waarvan inhuur", "w.v. licenties", "- hiervan extern"]))
            part[6] = cells[6] / 2
            body.append(part)
    if where == "unit_column":
        header.append("Eenheid")
        body = [[*cells, "x1000"] for cells in body]
    if draw(st.booleans()):  # the file's own totals row
        total = [None] * len(header)
        total[0] = draw(st.sampled_from(["Totaal", "TOTAAL", "Eindtotaal"]))
        for index, name in ((6, "budget"), (7, "spent"), (8, "forecast")):
            total[index] = MAB_TRUE[name] / MAB_UNITS[unit] if where == "header" else MAB_TRUE[name] / 1000
        body.append(total)
    above = [["Programma:", "MAB Flevoland"], ["Peildatum:", "15-06-2018"], []]
    grid = [*above, header, *body]
    if draw(st.booleans()):
        return _xlsx(grid, [], False), "mab.xlsx"
    text = "\r\n".join(";".join(_nl_cell(v) for v in row) for row in grid) + "\r\n"
    return text.encode("cp1252"), "mab.csv"


def _nl_cell(value) -> str:
    """A cell as Excel NL writes CSV: decimal comma, text quoted when it holds ';' or a quote."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    text = str(value).replace("\n", " ")
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if ";" in text or '"' in text else text


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mab_exports())
def test_the_mab_report_written_another_way_loads_to_the_report_s_own_totals_or_is_refused(export):
    """The province's export with other headers, units, notation and 'of which' lines: the seed's euros."""
    data, name = export
    parsed = ingest.parse_export(data, name)
    if parsed.errors:
        return
    [report] = parsed.reports
    totals = report.totals()
    assert {k: Decimal(str(totals[k])) for k in MAB_TRUE} == MAB_TRUE
    assert (report.programme, str(report.report_date)) == ("MAB Flevoland", "2018-06-15")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        [("(€ k)", '#,##0,"k"', 1), ("(€ k)", "#,##0,", 1), ("", '#,##0 "k€"', 1000), ("(€ k)", "#,##0", 1000)]
    ),
    st.lists(st.integers(min_value=1, max_value=10**7), min_size=1, max_size=12),
)
def test_a_unit_in_the_cells_number_format_is_read_as_the_cells_hold_it(shape, amounts):
    """'#,##0,"k"' shows thousands of full amounts (the header's 'k' is what one sees); '#,##0 "k€"' shows
    thousands as they are: either way the euros the workbook means, never 1000x off."""
    header_unit, number_format, factor = shape
    book = Workbook()
    sheet = book.active
    sheet.append(["Nr", "Project", f"Budget {header_unit}".strip()])
    for i, amount in enumerate(amounts, start=2):
        sheet.append([i - 1, f"Project {i}", amount])
        sheet.cell(row=i, column=3).number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = ingest.parse_export(buffer.getvalue(), "f.xlsx", programme="P", report_date="2024-01-01")
    assert parsed.errors == []
    assert parsed.reports[0].totals()["budget"] == sum(amounts) * factor


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["€ k", "x1000", "k€", "EUR x 1.000", "(€ k)", "in duizenden"]), st.booleans())
def test_a_unit_row_below_the_headers_is_part_of_them(unit, excel):
    """'Budget' over '€ k' in the next row: thousands, and the unit row is no story and no refusal."""
    grid = [
        ["Nr", "Project", "Budget", "Prognose"],
        [None, None, unit, unit],
        [1, "Alpha", 100, 110],
        [2, "Beta", 250, 240],
    ]
    data, name = (_xlsx(grid, [], False), "u.xlsx") if excel else (_csv(grid), "u.csv")
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-01-01")
    assert parsed.errors == []
    assert parsed.reports[0].totals()["budget"] == 350_000
    assert parsed.reports[0].totals()["forecast"] == 350_000


_amount = st.integers(0, 500).map(lambda k: k * 1000)


def _subtotalled(groups) -> tuple[bytes, list]:
    lines, stories = ["Project;Budget;Besteed"], []
    for k, group in enumerate(groups, 1):
        for j, (budget, spent) in enumerate(group, 1):
            lines.append(f"Project {k}.{j};{budget};{spent}")
            stories.append((budget, spent))
        lines.append(f"Lijn {k};{sum(b for b, _ in group)};{sum(s for _, s in group)}")
    return "\n".join(lines).encode(), stories


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.tuples(_amount, _amount), min_size=1, max_size=4), min_size=2, max_size=4),
    st.booleans(),
)
def test_subtotal_rows_named_like_stories_are_not_counted_twice(groups, grand_total):
    """An export without a code column writes each line's subtotal as a row with a title ('Lijn 2') and no
    totals word. Read as stories, that money counted twice (14.000 for 7.000, exit 0, nothing said). The rows
    that add up the stories above them are subtotals, said; the stories' sum is the report's."""
    if not any(len(g) >= 2 and any(b or s for b, s in g) for g in groups):
        return  # a subtotal of two or more stories shows the pattern; one story 'added up' may be written twice
    data, stories = _subtotalled(groups)
    if grand_total:
        data += f"\nTotaal;{sum(b for b, _ in stories)};{sum(s for _, s in stories)}".encode()
    parsed = ingest.parse_export(data, "x.csv", programme="P", report_date="2024-03-31")
    assert parsed.errors == []
    totals = parsed.reports[0].totals()
    assert (totals["budget"], totals["spent"]) == (sum(b for b, _ in stories), sum(s for _, s in stories))
    said = [p for p in parsed.warnings if p.key == "subtotal_by_value"]
    assert len(said) == sum(1 for g in groups if any(b or s for b, s in g))  # an all-zero subtotal says nothing


@pytest.mark.parametrize(
    "groups",
    [
        # found by the test above: the second project of a line equal to the first is no subtotal of it (the
        # line's own subtotal below adds up both), nor is a story equal to every story above it a total
        [[(0, 0), (0, 1000)], [(0, 1000), (0, 1000)]],
        [[(0, 0), (0, 1000)], [(0, 1000)]],
        [[(0, 0), (0, 1000)], [(1000, 0), (1000, 0), (0, 1000)]],
        # a first line of one project: its subtotal is one too, once the file shows subtotals of more
        [[(5000, 1000)], [(2000, 0), (3000, 500)], [(7000, 7000)]],
        # projects of the same amounts throughout
        [[(1000, 0), (1000, 0)], [(1000, 0), (1000, 0), (1000, 0)], [(1000, 0)]],
    ],
)
def test_subtotals_are_read_so_that_the_last_row_closes_the_report(groups):
    """Values can read such a file more than one way; the reading taken is the one in which every line ends in
    its subtotal, the fewest of them adding up one project: the stories' sum is the report's, each subtotal said."""
    data, stories = _subtotalled(groups)
    parsed = ingest.parse_export(data, "x.csv", programme="P", report_date="2024-03-31")
    assert parsed.errors == []
    totals = parsed.reports[0].totals()
    assert (totals["budget"], totals["spent"]) == (sum(b for b, _ in stories), sum(s for _, s in stories))
    said = [p for p in parsed.warnings if p.key == "subtotal_by_value"]
    assert [p.params["title"] for p in said] == [f"Lijn {k}" for k in range(1, len(groups) + 1)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_amount, _amount), min_size=3, max_size=12, unique=True))
def test_stories_whose_amounts_only_happen_to_add_up_differ_in_one_amount_and_stay_stories(stories):
    """A story whose budget is the sum of the budgets above it but whose spent is not stays a story: every
    amount a row gives must add up. Here the spent of each row is made to differ from the running sum."""
    lines, total_spent = ["Project;Budget;Besteed"], 0
    running = 0
    for j, (budget, spent) in enumerate(stories, 1):
        if j >= 3:
            budget = running  # the budget adds up the rows above it
            spent = total_spent + 1  # but the spent does not
        lines.append(f"Project {j};{budget};{spent}")
        running += budget
        total_spent += spent
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="P", report_date="2024-03-31")
    assert parsed.errors == [] and parsed.reports[0].rows == len(stories)
    assert not [p for p in parsed.warnings if p.key == "subtotal_by_value"]


def test_a_workbook_with_a_cover_sheet_first_reads_the_sheet_with_the_export_and_says_so():
    from tests.exports import cover_sheet_workbook

    parsed = ingest.parse_export(cover_sheet_workbook(), "r.xlsx", programme="P", report_date="2025-06-30")
    assert parsed.errors == [] and parsed.sheet == "Data"
    assert parsed.reports[0].totals()["budget"] == 3000
    [said] = [p for p in parsed.problems if p.key == "sheet_passed_over"]
    assert said.params == {"sheet": "Voorblad", "chosen": "Data"}


_signs = {
    "EUR": ["€ {}", "{} EUR", "EUR {}"],
    "GBP": ["£{}", "{} GBP"],
    "USD": ["US$ {}", "{} USD", "${}"],
    "CHF": ["{} CHF", "CHF {}"],  # any code of vocabulary.toml [currencies] (tests/test_cell_currency.py: all)
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(sorted(_signs)), st.integers(0, 2), st.integers(1, 900)), min_size=2, max_size=8)
)
def test_amounts_in_two_currencies_are_refused_and_in_one_are_read(cells):
    """'€ 1.000' on one row and '$ 2.000' on another were added up and labelled euros (exit 0, nothing said).
    Two currencies among the amount cells, or in a 'Valuta' column, are refused naming them; one is read."""
    written = [
        _signs[code][k % len(_signs[code])].format(f"{n}.000" if code == "EUR" else f"{n},000") for code, k, n in cells
    ]
    lines = ["Project;Valuta;Budget"] + [
        f"P{i};{code};{text}" for i, ((code, _, _), text) in enumerate(zip(cells, written), 1)
    ]
    for with_column in (False, True):
        text = "\n".join(
            lines if with_column else [";".join(p for j, p in enumerate(line.split(";")) if j != 1) for line in lines]
        )
        parsed = ingest.parse_export(text.encode(), "x.csv", programme="P", report_date="2024-03-31")
        codes = {code for code, _, _ in cells}
        if len(codes) > 1:
            assert "mixed_currencies" in [p.key for p in parsed.errors], (with_column, written)
            assert not parsed.reports
        else:
            assert parsed.errors == [] and parsed.currency == codes.pop()


# --- 'of which' lines told by one regular expression --------------------------------------------------------


def _of_which_as_first_written(text: str | None) -> bool:
    """The rule as first written, a test per word of [of_which]: the reference for the one expression."""
    from portfolio.recognise import OF_WHICH

    if not text:
        return False
    low = re.sub(r"^[\s\-–—•*>·]+", "", text.lower())
    return any(
        low == m or low.startswith(m if m.endswith((".", ":")) else m + " ") or low.startswith(m + ":")
        for m in OF_WHICH
    )


def _of_which_texts():
    from portfolio.recognise import OF_WHICH

    words = st.sampled_from([*OF_WHICH, "Waarvan", "W.V.", "OF WHICH", "waar", "w", "wvb", "thereofs", "of"])
    before = st.sampled_from(["", " ", "- ", "–", "—", "• ", "*", ">", "·", "\t", "\n", "x", "-\u00a0"])
    after = st.sampled_from(["", " ICT", ":", ": staff", ".", "s", "\n", "\tx", "  inhuur", "-"])
    return st.one_of(st.none(), st.text(max_size=15), st.builds(lambda b, w, a: b + w + a, before, words, after))


@settings(max_examples=500, deadline=None)
@given(text=_of_which_texts())
def test_an_of_which_line_is_told_as_the_rule_per_word_told_it(text):
    """records._is_of_which (one expression) says what a test per word of the vocabulary said, for the words in
    any case with dashes, bullets and spaces in front, a colon, a space, a line break or letters after."""
    from portfolio.ingest.records import _is_of_which

    assert _is_of_which(text) == _of_which_as_first_written(text)


@pytest.mark.parametrize("light_header", ["RAG", "DCA", "SRO"])
def test_a_light_column_under_a_financial_year_group_is_the_light_not_the_period(light_header):
    """Found by the test of exports written another way: a group row 'Financial Year 2023/24 (GBP mln)' over
    'Budget', an abbreviated light header and 'Forecast' read the light column by its group, as the period, and
    every light came out unknown. Its values are light words: a period it is not."""
    data = (
        ",Financial Year 2023/24 (GBP mln),,\r\n"
        f"Project ID,Budget,{light_header},Forecast\r\n"
        "P1,2.61,Amber,2.62\r\nP2,127.53,Red,127.61\r\nP3,5.5,Green,20\r\n"
    ).encode()
    parsed = ingest.parse_export(data, "export.csv", programme="P", report_date="2024-03-31")
    assert parsed.errors == []
    assert parsed.headers[parsed.mapping["status"]].endswith(light_header)
    assert "period" not in parsed.mapping
    assert list(parsed.reports[0].stories["status"]) == ["amber", "red", "green"]
