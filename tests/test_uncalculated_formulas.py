"""A workbook written by a script (openpyxl, a reporting tool) holds formulas without a calculated value:
`=SUM(E2:E20)` in its totals row, `=C5*1000` or `=D3-E3` in story rows. They are worked out and read like
any other cell; only a cell that cannot be worked out is named, and in a totals row that is a note on
the row, not a refusal of the file.

Every expected figure is computed here from the amounts the test writes (plain Python sums), or with
openpyxl from a workbook Excel saved, never by the package's own parsing.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import formula_values, ingest, reading, sandbox
from portfolio.problems import LoadRefused, message

OPTIONS = {"programme": "Digitale Agenda", "report_date": "2025-03-31"}
VARIANTS = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "variants"
HEADER = ["Nr", "Omschrijving", "Budget", "Besteed", "Prognose"]


def book(rows: list[list], extra: dict[str, object] | None = None) -> bytes:
    """An .xlsx as openpyxl writes it: formulas as text, no calculated value."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    for row in rows:
        sheet.append(row)
    for reference, value in (extra or {}).items():
        sheet[reference] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse(data: bytes, name: str = "script.xlsx"):
    return ingest.parse_export(data, name, **OPTIONS)


def keys(problems) -> list[str]:
    return [p.key for p in problems]


def story_codes(parsed) -> list[str]:
    [report] = parsed.reports
    return report.stories["code"].tolist()


# --- totals rows and story cells worked out ---------------------------------------------------------------

BUDGETS = [125_000, 18_500.5, 2_500, 40_000, 7_250.25]


def test_a_sum_totals_row_is_worked_out_checked_and_not_a_story():
    rows = [HEADER] + [[f"A{i}", f"Story {i}", b, b * 2, b + 10] for i, b in enumerate(BUDGETS, 1)]
    last = len(rows)
    rows.append(["", "Totaal", f"=SUM(C2:C{last})", f"=SUM(D2:D{last})", f"=SUM(E2:E{last})"])
    parsed = parse(book(rows))
    assert parsed.errors == []
    assert story_codes(parsed) == [f"A{i}" for i in range(1, len(BUDGETS) + 1)]
    [report] = parsed.reports
    assert report.totals() == {
        "budget": sum(BUDGETS),
        "spent": sum(b * 2 for b in BUDGETS),
        "forecast": sum(b + 10 for b in BUDGETS),
    }
    [said] = [p for p in parsed.notes if p.key == "formulas_worked_out"]
    assert said.params["cells_count"] == 3
    assert "3 formula cell(s) without a calculated value worked out" in message(said, "en")
    assert "totals_checked" in keys(parsed.notes)  # checked against the stories, as any totals row
    assert "totals_mismatch" not in keys(parsed.warnings)


def test_a_wrong_sum_in_the_totals_row_is_found_like_a_typed_one():
    """The totals row reads only C2:C4 of five stories: checked and found off, as a typed total would be."""
    rows = [HEADER] + [[f"A{i}", f"Story {i}", b, None, None] for i, b in enumerate(BUDGETS, 1)]
    rows.append(["", "Totaal", "=SUM(C2:C4)", None, None])
    parsed = parse(book(rows))
    [mismatch] = [p for p in parsed.warnings if p.key == "totals_mismatch"]
    assert mismatch.row == len(BUDGETS) + 2
    assert mismatch.params["stated"] == sum(BUDGETS[:3]) and mismatch.params["computed"] == sum(BUDGETS)


def test_arithmetic_in_story_cells_is_worked_out():
    """=C2*1000 (a unit applied by the script), =C3-D3, a cell read through another formula, ROUND, %."""
    rows = [
        HEADER,
        ["A1", "Zaakgericht werken", 2.5, "=C2*1000", "=ROUND(C2*1000*1.05,0)"],
        ["A2", "E-formulieren", 18_500, 1_200, "=C3-D3"],
        ["A3", "Datacenter", "=C2*1000+E3", "=D2/4", "=(C4-D4)*110%"],
        ["A4", "Archief", "=AVERAGE(C2:C3)", "=MAX(D2:D3)-MIN(D2:D3)", "=IF(C5>1000,C5,0)"],
    ]
    parsed = parse(book(rows))
    assert parsed.errors == []
    [report] = parsed.reports
    stories = report.stories.set_index("code")
    c2, c3, d3 = 2.5, 18_500, 1_200
    e3 = c3 - d3
    c4 = c2 * 1000 + e3
    d4 = c2 * 1000 / 4
    c5 = (c2 + c3) / 2
    assert stories.loc["A1", "budget"] == c2 and stories.loc["A1", "spent"] == 2_500
    assert stories.loc["A1", "forecast"] == 2_625  # ROUND(2625.0, 0)
    assert stories.loc["A2", "forecast"] == e3
    assert stories.loc["A3", "budget"] == c4 and stories.loc["A3", "spent"] == d4
    assert stories.loc["A3", "forecast"] == pytest.approx((c4 - d4) * 1.1)
    assert stories.loc["A4", "budget"] == c5
    assert stories.loc["A4", "spent"] == 2_500 - 1_200
    assert stories.loc["A4", "forecast"] == c5
    assert [p.params["cells_count"] for p in parsed.notes if p.key == "formulas_worked_out"] == [9]


def test_an_unevaluable_function_in_a_story_cell_names_only_that_cell():
    rows = [HEADER] + [[f"A{i}", f"Story {i}", b, None, f"=C{i + 1}*2"] for i, b in enumerate(BUDGETS, 1)]
    rows[3][4] = "=VLOOKUP(A4,Tarieven!A:B,2,FALSE)"
    parsed = parse(book(rows))
    [refused] = parsed.errors
    assert refused.key == "formula_function" and refused.row == 4 and refused.column == "Prognose"
    text = message(refused, "en")
    assert text.startswith("row 4, column 'Prognose': E4: =VLOOKUP(A4,Tarieven!A:B,2,FALSE) could not be worked out")
    assert "VLOOKUP" in message(refused, "nl")
    assert [p.params["cells_count"] for p in parsed.notes if p.key == "formulas_worked_out"] == [len(BUDGETS) - 1]
    with pytest.raises(LoadRefused):
        ingest.ensure_loadable(parsed)


def test_an_unevaluable_cell_in_a_totals_row_is_a_note_on_that_row():
    rows = [HEADER] + [[f"A{i}", f"Story {i}", b, b * 2, None] for i, b in enumerate(BUDGETS, 1)]
    last = len(rows)
    rows.append(["", "Totaal", f"=SUM(C2:C{last})", f"=SUMPRODUCT(D2:D{last},C2:C{last})", None])
    parsed = parse(book(rows))
    assert parsed.errors == []
    [note] = [p for p in parsed.warnings if p.key == "formula_in_totals_row"]
    assert note.row == last + 1 and note.column == "Besteed"
    assert message(note, "en").startswith(f"row {last + 1}, column 'Besteed': D{last + 1}: =SUMPRODUCT(")
    assert story_codes(parsed) == [f"A{i}" for i in range(1, len(BUDGETS) + 1)]
    [report] = parsed.reports
    assert report.totals()["budget"] == sum(BUDGETS) and report.totals()["spent"] == sum(b * 2 for b in BUDGETS)
    ingest.ensure_loadable(parsed)


def test_a_circular_reference_is_named_and_a_circular_total_is_a_note():
    rows = [HEADER] + [[f"A{i}", f"Story {i}", b, None, None] for i, b in enumerate(BUDGETS, 1)]
    rows[2][4], rows[3][4] = "=E4+1", "=E3-1"  # E3 and E4 read each other
    last = len(rows)
    rows.append(["", "Totaal", f"=SUM(C2:C{last + 1})", None, None])  # the sum takes in its own cell
    parsed = parse(book(rows))
    circular = [p for p in parsed.problems if p.key == "formula_circular"]
    assert [(p.level, p.row, p.params["cell"]) for p in circular] == [("error", 3, "E3"), ("error", 4, "E4")]
    assert "circular reference" in message(circular[0], "en")
    [note] = [p for p in parsed.warnings if p.key == "formula_in_totals_row"]
    assert note.params["cell"] == f"C{last + 1}"
    assert keys(parsed.errors) == ["formula_circular", "formula_circular"]


def test_a_cell_that_reads_an_unevaluable_one_says_which():
    rows = [HEADER, ["A1", "Story", "=Tarieven!B2", "=C2/2", 10]]
    parsed = parse(book(rows))
    assert [(p.key, p.params.get("place"), p.params.get("other")) for p in parsed.errors] == [
        ("formula_elsewhere", "Tarieven!B2", None),
        ("formula_depends", None, "C2"),
    ]


def test_an_error_value_is_named_and_iferror_catches_it():
    rows = [HEADER, ["A1", "Story", 100, 0, "=C2/D2"], ["A2", "Story 2", 100, 0, "=IFERROR(C3/D3,C3)"]]
    parsed = parse(book(rows))
    [refused] = parsed.errors
    assert (refused.key, refused.params["cell"], refused.params["value"]) == ("formula_error_value", "E2", "#DIV/0!")
    assert "gives #DIV/0!" in message(refused, "en")


def test_formulas_outside_the_mapped_columns_do_not_refuse():
    rows = [HEADER + ["Link"], ["A1", "Story", 100, 50, 110, "=HYPERLINK(A2)"]]
    parsed = parse(book(rows))
    assert parsed.errors == []


def test_a_cached_value_is_read_as_cached():
    """Excel saved the file: its value next to the formula is what is read, even where working the
    formula out here would give another (a value the script's author overwrote, a volatile function)."""
    data = book([HEADER, ["A1", "Story", 100, 50, "=C2+1"]])
    data = _rewrite(data, lambda xml: re.sub(r"<c r=\"E2\"[^>]*>.*?</c>", '<c r="E2"><f>C2+1</f><v>250</v></c>', xml))
    parsed = parse(data)
    assert parsed.errors == [] and "formulas_worked_out" not in keys(parsed.notes)
    assert parsed.reports[0].totals()["forecast"] == 250


def _rewrite(data: bytes, change, part: str = "xl/worksheets/sheet1.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def test_a_shared_formula_is_worked_out_in_every_cell_it_is_shared_with():
    rows = [HEADER] + [[f"A{i}", f"Story {i}", b, None, None] for i, b in enumerate(BUDGETS, 1)]
    data = book(rows)

    def share(xml: str) -> str:  # E2:E6 share =C2*2, written once in E2 as Excel writes it
        for row in range(2, 7):
            formula = '<f t="shared" ref="E2:E6" si="0">C2*2</f>' if row == 2 else '<f t="shared" si="0"/>'
            xml = xml.replace(f'<c r="C{row}"', f'<c r="E{row}">{formula}</c><c r="C{row}"', 1)
        return xml

    grid = reading.read_grid(_rewrite(data, share), "shared.xlsx")
    assert [grid.rows[r][4] for r in range(1, 6)] == [b * 2 for b in BUDGETS]
    assert grid.worked_out == 5 and grid.not_worked_out == []


def test_a_shared_formula_shifted_beyond_the_sheets_edge_gives_ref():
    """A hand-made file shares E5's formula with E2 above it: C2 and C1:C2 shift to row -1."""
    data = book([HEADER] + [[f"A{i}", f"Story {i}", b, None, None] for i, b in enumerate(BUDGETS, 1)])

    def share_upwards(xml: str) -> str:
        xml = xml.replace('<c r="C5"', '<c r="E5"><f t="shared" ref="E2:E5" si="1">C2*2</f></c><c r="C5"', 1)
        xml = xml.replace('<c r="C2"', '<c r="E2"><f t="shared" si="1"/></c><c r="C2"', 1)
        xml = xml.replace('<c r="C6"', '<c r="D6"><f t="shared" ref="D3:D6" si="2">SUM(C1:C2)</f></c><c r="C6"', 1)
        return xml.replace('<c r="C3"', '<c r="D3"><f t="shared" si="2"/></c><c r="C3"', 1)

    grid = reading.read_grid(_rewrite(data, share_upwards), "shifted.xlsx")
    assert grid.rows[4][4] == BUDGETS[0] * 2 and grid.rows[5][3] == BUDGETS[0]  # C1 is the header: text
    failed = {formula_values.cell_name(c.row, c.column): (c.formula, c.params) for c in grid.not_worked_out}
    assert failed == {"E2": ("C-1*2", {"value": "#REF!"}), "D3": ("SUM(C-2:C-1)", {"value": "#REF!"})}


def test_a_file_without_formulas_has_nothing_worked_out():
    parsed = parse(book([HEADER, ["A1", "Story", 100, 50, 110]]))
    assert "formulas_worked_out" not in keys(parsed.problems)
    grid = reading.read_grid(book([HEADER, ["A1", "Story", 100, 50, 110]]), "plain.xlsx")
    assert grid.worked_out == 0 and grid.not_worked_out == [] and grid.uncalculated == []


def test_many_unworkable_cells_are_listed_up_to_a_limit_and_counted():
    rows = [HEADER] + [[f"A{i}", f"Story {i}", i, None, f"=INDIRECT(C{i + 1})"] for i in range(1, 31)]
    parsed = parse(book(rows))
    listed = [p for p in parsed.errors if p.key == "formula_function"]
    assert [p.params["cell"] for p in listed] == [f"E{row}" for row in range(2, 22)]
    [more] = [p for p in parsed.errors if p.key == "formulas_not_worked_out_more"]
    assert more.params["cells_count"] == 10 and "10 more cell(s)" in message(more, "en")


def test_more_formulas_than_are_looked_at_refuse_the_file(monkeypatch):
    """Past MAX_UNCALCULATED the cells after are not even looked at: they would read as empty."""
    monkeypatch.setattr(reading, "MAX_UNCALCULATED", 3)
    rows = [HEADER] + [[f"A{i}", f"Story {i}", i, None, f"=C{i + 1}*2"] for i in range(1, 6)]
    parsed = parse(book(rows))
    assert keys(parsed.errors) == ["too_many_formulas"]
    assert "More than 3 formulas without a calculated value" in message(parsed.errors[0], "en")


def test_a_sheet_past_the_work_limit_names_the_cells_left(monkeypatch):
    monkeypatch.setattr(formula_values, "MAX_WORK", 10)
    rows = [HEADER] + [[f"A{i}", f"Story {i}", i, None, None] for i in range(1, 21)]
    rows.append(["", "Totaal", "=SUM(C2:C21)", None, None])
    rows.append(["A21", "Story 21", 5, "=SUM(C2:C21)", None])
    parsed = parse(book(rows))
    [note] = [p for p in parsed.warnings if p.key == "formula_in_totals_row"]
    [refused] = parsed.errors
    assert (note.params["cell"], refused.key, refused.params["cell"]) == ("C22", "formula_too_much", "D23")
    assert "more than 10 cell reads" in message(refused, "en")


# --- hostile formulas: bounded work, no crash ---------------------------------------------------------


def test_a_long_chain_of_formulas_is_worked_out_without_recursion():
    """Each cell reads the one above it, 20,000 deep: worked out in order, not by recursing."""
    count = 20_000
    rows = [HEADER, ["A1", "Story 1", 1, None, None]]
    rows += [[f"A{i}", f"Story {i}", f"=C{i}+1", None, None] for i in range(2, count + 1)]
    grid = reading.read_grid(book(rows), "chain.xlsx")
    assert grid.rows[count][2] == count and grid.worked_out == count - 1


def test_deep_nesting_and_huge_powers_are_refused_by_cell_not_by_crashing():
    rows = [
        HEADER,
        ["A1", "Story", "=" + "(" * 5_000 + "1" + ")" * 5_000, "=10^400", '="x"&"y"'],
        ["A2", "Story", "=" + "-" * 3_000 + "1", "=SUM(1,", '=REPT("x",100000000)'],
        ["A3", "Story", "=" + "+".join(["1"] * 3_000), "=1" + "%" * 3_000, "=C4*2-1"],
    ]
    grid = reading.read_grid(book(rows), "deep.xlsx")
    reasons = {formula_values.cell_name(c.row, c.column): c.key for c in grid.not_worked_out}
    assert reasons == {
        "C2": "formula_unreadable",
        "D2": "formula_error_value",
        "C3": "formula_unreadable",
        "D3": "formula_unreadable",
        "E3": "formula_function",
    }
    assert grid.rows[1][4] == "xy"
    assert grid.rows[3][2:5] == [3_000, 0, 5_999]  # a sum of 3,000 terms is a loop, not a deep tree


def test_numbers_beyond_a_floats_range_give_num_not_a_crash():
    rows = [
        HEADER,
        ["A1", "Story", "=INT(1E308*10)", "=MOD(1E308*10,2)", "=ROUND(1,1E300*1E300)"],
        ["A2", "Story", "=1E999", "=IFERROR(1E308*10,7)", "=(-8)^(1/3)"],
    ]
    grid = reading.read_grid(book(rows), "huge.xlsx")
    failed = {formula_values.cell_name(c.row, c.column): (c.key, c.params) for c in grid.not_worked_out}
    num = ("formula_error_value", {"value": "#NUM!"})
    assert failed == {"C2": num, "D2": num, "E2": num, "C3": ("formula_unreadable", {}), "E3": num}
    assert grid.rows[2][3] == 7


def test_text_that_excel_reads_by_its_locale_is_not_guessed():
    """'2,5' is 2.5 on a Dutch computer and 25 on an American one: the cell is named, not guessed."""
    rows = [
        HEADER + ["Eenheid"],
        ["A1", "Story", "2,5", "=C2*1000", "=C3*1000", "1000"],
        ["A2", "Story", "1000", "=C3*2", "=F2*2", "duizend"],
        ["A3", "Story", 10, "=F3*2", None, None],
    ]
    grid = reading.read_grid(book(rows), "text.xlsx")
    reasons = {formula_values.cell_name(c.row, c.column): (c.key, c.params) for c in grid.not_worked_out}
    assert reasons == {
        "D2": ("formula_text_number", {"text": "2,5"}),
        "D4": ("formula_error_value", {"value": "#VALUE!"}),
    }
    assert grid.rows[2][3] == 2_000 and grid.rows[1][4] == 1_000_000 and grid.rows[2][4] == 2_000


def test_a_reference_to_its_own_sheet_by_name_is_followed():
    rows = [HEADER, ["A1", "Story", 100, "=Blad1!C2/2", "='Blad1'!$C$2+D2"]]
    grid = reading.read_grid(book(rows), "named.xlsx")
    assert grid.rows[1][3:5] == [50, 150] and grid.not_worked_out == []


def test_the_work_of_all_formulas_together_is_bounded(monkeypatch):
    """Every row sums the whole column above it (quadratic work): past the bound, the cells left are
    named, and what was worked out before it keeps its value."""
    monkeypatch.setattr(formula_values, "MAX_WORK", 5_000)
    rows = [HEADER, ["A1", "Story 1", 1, None, None]]
    rows += [[f"A{row}", f"Story {row}", 1, f"=SUM(C$2:C{row})", None] for row in range(3, 302)]
    grid = reading.read_grid(book(rows), "quadratic.xlsx")
    assert grid.worked_out + len(grid.not_worked_out) == 299
    assert 0 < grid.worked_out < 299
    assert {c.key for c in grid.not_worked_out} == {"formula_too_much"}
    assert [grid.rows[r][3] for r in range(2, 2 + grid.worked_out)] == list(range(2, 2 + grid.worked_out))


def test_a_hostile_formula_workbook_in_the_upload_sandbox_names_its_cells_and_loads_nothing_else_wrong():
    """Through the child process the upload page parses in (memory and time limited): the cells named, the
    same parse as in this process."""
    rows = [HEADER] + [[f"A{i}", f"Story {i}", b, f"=C{i + 1}/2", None] for i, b in enumerate(BUDGETS, 1)]
    rows[2][4] = "=" + "(" * 5_000 + "1" + ")" * 5_000
    rows[3][4] = "=E5+1"
    rows[4][4] = "=E4-1"
    last = len(rows)
    rows.append(["", "Totaal", f"=SUM(C2:C{last})", f"=SUM(D2:D{last})", "=SUM(E:E)"])
    data = book(rows)
    there = sandbox.parse_untrusted(data, "hostile.xlsx", **OPTIONS)
    here = parse(data, "hostile.xlsx")
    assert [(p.level, p.key, p.params.get("cell")) for p in there.problems if p.key.startswith("formula_")] == [
        ("error", "formula_unreadable", "E3"),
        ("error", "formula_circular", "E4"),
        ("error", "formula_circular", "E5"),
        ("warning", "formula_in_totals_row", f"E{last + 1}"),
    ]
    assert [p.key for p in there.problems] == [p.key for p in here.problems]


def test_a_concatenation_that_doubles_at_every_step_is_held_to_excels_text_limit():
    rows = [HEADER, ["A1", "x" * 1000, 1, None, None]]
    rows += [[f"A{i}", f"=B{i}&B{i}", 1, None, None] for i in range(2, 40)]
    grid = reading.read_grid(book(rows), "doubling.xlsx")
    assert max(len(r[1]) for r in grid.rows[1:] if isinstance(r[1], str)) <= formula_values.MAX_TEXT
    assert {c.key for c in grid.not_worked_out} <= {"formula_error_value"}


# --- generated: any amounts with a SUM totals row -----------------------------------------------------

amounts = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False).map(float),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(amounts, st.one_of(st.none(), amounts)), min_size=1, max_size=40),
    st.booleans(),
)
def test_generated_amounts_with_a_sum_totals_row(stories, code_dash):
    rows = [HEADER] + [[f"S{i}", f"Story {i}", b, None, f] for i, (b, f) in enumerate(stories, 1)]
    last = len(rows)
    rows.append(["-" if code_dash else None, "Totaal", f"=SUM(C2:C{last})", None, f"=SUM(E2:E{last})"])
    parsed = parse(book(rows))
    assert parsed.errors == []
    assert story_codes(parsed) == [f"S{i}" for i in range(1, len(stories) + 1)]  # the totals row never a story
    totals = parsed.reports[0].totals()
    assert totals["budget"] == pytest.approx(sum(b for b, _ in stories), abs=0.005)
    forecasts = [f for _, f in stories if f is not None]
    if forecasts:
        assert totals["forecast"] == pytest.approx(sum(forecasts), abs=0.005)
    assert "totals_mismatch" not in keys(parsed.warnings)
    assert [p.params["cells_count"] for p in parsed.notes if p.key == "formulas_worked_out"] == [2]


# --- the real workbook: the UK GMPP with its formulas, saved by Excel and not ----------------------------


@pytest.mark.skipif(not VARIANTS.exists(), reason="the real-data variants are not checked out")
def test_the_gmpp_workbook_without_cached_values_loads_to_the_figures_of_the_one_with_them():
    cached = VARIANTS / "gmpp2024_formulas_with_cached_values.xlsx"
    uncached = VARIANTS / "gmpp2024_formulas_no_cached_values.xlsx"
    # independently: the cached values of the story rows (every row but the header and 'Total'), in £m
    sheet = openpyxl.load_workbook(cached, data_only=True).active
    header = [c.value for c in sheet[1]]
    budget_column = header.index("Financial Year Baseline (£m) (including Non-Government Costs)")
    forecast_column = header.index("Financial Year Forecast (£m) (including Non-Government Costs)")
    stories = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] != "Total"]
    expected = {
        name: round(sum(row[column] * 1e6 for row in stories if isinstance(row[column], int | float)), 2)
        for name, column in (("budget", budget_column), ("forecast", forecast_column))
    }
    with_values = ingest.parse_export(cached.read_bytes(), cached.name, programme="GMPP", report_date="2024-03-31")
    without = ingest.parse_export(uncached.read_bytes(), uncached.name, programme="GMPP", report_date="2024-03-31")
    assert without.errors == [] and with_values.errors == []
    for parsed in (with_values, without):
        totals = parsed.reports[0].totals()
        assert totals["budget"] == pytest.approx(expected["budget"], abs=1)
        assert totals["forecast"] == pytest.approx(expected["forecast"], abs=1)
    assert without.reports[0].totals() == with_values.reports[0].totals()
    assert story_codes(without) == story_codes(with_values)
    assert "totals_checked" in keys(without.notes)
    [said] = [p for p in without.notes if p.key == "formulas_worked_out"]
    assert said.params["cells_count"] == 396  # every formula of the sheet (L2:M229 where filled)


# --- finding the formula cells quickly agrees with parsing the sheet ------------------------------------


def _both_ways(data: bytes) -> tuple:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open("xl/worksheets/sheet1.xml") as stream:
            quick = reading._quick_formula_cells(stream)
        with archive.open("xl/worksheets/sheet1.xml") as stream:
            parsed = reading._formula_cells_without_value(stream)
    return quick, parsed


def test_the_quick_look_for_formula_cells_agrees_with_parsing_the_sheet():
    rows = [HEADER] + [[f"A{i}", f'Story "{i}" & <co>', i, f"=C{i + 1}*2", None] for i in range(1, 200)]
    rows.append(["", "Totaal", "=SUM(C2:C200)", '=IF(D2>0,"a<b","")', '=C201&"x"'])
    data = book(rows)

    def excel_like(xml: str) -> str:  # some cells with a value, a shared formula, an empty text result
        xml = re.sub(r'<c r="D5"([^>]*)><f>([^<]*)</f><v\s*/?>(</v>)?</c>', r'<c r="D5"\1><f>\2</f><v>8</v></c>', xml)
        xml = xml.replace('<c r="E3"', '<c r="E3" t="str"><f>C3&amp;""</f><v></v></c><c r="F3"', 1)
        xml = xml.replace('<c r="C2"', '<c r="E2"><f t="shared" ref="E2:E4" si="7">C2+1</f></c><c r="C2"', 1)
        return xml.replace('<c r="C4"', '<c r="E4"><f t="shared" si="7"/></c><c r="C4"', 1)

    for variant in (data, _rewrite(data, excel_like)):
        quick, parsed = _both_ways(variant)
        assert quick is not None and quick == parsed
        assert len(quick.cells) >= 200
    quick, _ = _both_ways(_rewrite(data, excel_like))
    assert quick.cells[(1, 4)] == ("C2+1", (1, 4)) and quick.cells[(3, 4)] == ("C2+1", (1, 4))
    assert (2, 4) not in quick.cells and (4, 3) not in quick.cells  # E3 (an empty text) and D5 have values
    assert quick.cells[(200, 3)] == ('IF(D2>0,"a<b","")', (200, 3))


def test_a_sheet_written_otherwise_is_parsed_for_its_formula_cells():
    data = book([HEADER, ["A1", "Story", 1, "=C2*2", None]])
    unreferenced = _rewrite(data, lambda xml: xml.replace('<c r="D2">', "<c>"))
    quick, parsed = _both_ways(unreferenced)
    assert quick is None and parsed.cells == {(1, 3): ("C2*2", (1, 3))}
    assert reading.read_grid(unreferenced, "x.xlsx").rows[1][3] == 2


# --- copies of one formula are read once, and read as each would be on its own --------------------------

_pieces = st.sampled_from(
    ["C2", "$C$2", "C$3", "$D4", "B2:C4", "$B$2:C3", "A:A", "$B:C", "Blad1!C2", "'Blad1'!D3", "Other!C2",
     "'Q1'!A1", '"C2"', '"it\'s A1"', "LOG10(C2)", "1E5", "1.5", "SUM(C2:D3)", "A1_x", "TRUE", "#N/A", "E2"]
)  # fmt: skip
_operators = st.sampled_from(["+", "-", "*", "/", "&", "=", ",", ":", " ", "", "(", ")", "%"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_pieces, _operators), min_size=1, max_size=5), st.integers(0, 3), st.integers(1, 3))
def test_a_formula_and_its_copy_read_under_one_key_read_as_each_would_on_its_own(parts, down, right):
    """A formula written for E6 and the same formula copied `down` rows and `right` columns on (its
    references shifted as a spreadsheet shifts them) are read once, under one key: each must give
    exactly what it gives when read on its own."""
    text = "".join(piece + operator for piece, operator in parts).rstrip(",:(")
    anchor, copy = (5, 4), (5 + down, 4 + right)
    formulas = {anchor: (text, anchor), copy: (formula_values._shifted(text, anchor, copy), copy)}
    rows = [[f"r{r}c{c}" if (r + c) % 3 == 0 else float(r * 10 + c) for c in range(12)] for r in range(14)]

    def outcome(share: bool):
        grid = [list(row) for row in rows]
        key = formula_values._relative_text
        try:
            if not share:
                formula_values._relative_text = lambda text, anchor: f"{text}@{anchor}"
            result = formula_values.work_out(grid, formulas, "Blad1")
        finally:
            formula_values._relative_text = key
        failed = {(c.row, c.column): (c.formula, c.key, c.params) for c in result.not_worked_out}
        return {cell: failed.get(cell, grid[cell[0]][cell[1]]) for cell in formulas}

    assert outcome(share=True) == outcome(share=False)


def test_copies_of_a_formula_share_one_key():
    key = formula_values._relative_text
    assert key("C2*1.1+SUM($C$2:C2)", (1, 3)) == key("C3*1.1+SUM($C$2:C3)", (2, 3))
    assert key("SUM(A:A)", (1, 3)) == key("SUM(B:B)", (1, 4)) != key("SUM(A:A)", (1, 4))
    assert key('"C2"&C2', (1, 3)) != key('"C3"&C3', (2, 3))  # text in quotes is text
    assert key("'Q1'!A1", (0, 0)) != key("'Q2'!A2", (1, 0)) and key("Q1!A1", (0, 0)) != key("Q2!A2", (1, 0))
    assert key("LOG10(A1)", (0, 0)) != key("LOG11(A2)", (1, 0))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="ABCDEZ$0123456789.:,()+-*/^&%=<> \"'!#E", max_size=12),
            st.sampled_from(["SUM(", "IF(", "ROUND(", "MOD(", "INT(", "SUBTOTAL(9,", "IFERROR(", "A:A", "1E308"]),
        ),
        min_size=1,
        max_size=6,
    ).map("".join)
)
def test_any_formula_text_gives_a_value_or_a_named_cell_never_an_exception(text):
    rows = [[1.0, "x", None, True, -2.5] for _ in range(6)]
    formulas = {(2, 2): (text, (2, 2)), (4, 1): ("C3*2", (4, 1))}
    outcome = formula_values.work_out(rows, formulas, "Blad1")
    failed = {(c.row, c.column) for c in outcome.not_worked_out}
    assert outcome.worked_out + len(failed) == 2
    for row, column in formulas:
        value = rows[row][column]
        assert ((row, column) in failed and value == "") or type(value) in (float, str, bool)
