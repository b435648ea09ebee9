"""Facts reading.py hands on beside the cells: fields per CSV record, formulas without a calculated value."""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from portfolio import reading

CORPUS = Path(__file__).parent / "corpus"


def csv_counts(text: str, delimiter: str) -> list[int]:
    return [len(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


# ---------------------------------------------------------------------------------------------
# Grid.field_counts


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.csv")) + sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_field_counts_of_the_corpus_equal_the_csv_module(path):
    data = path.read_bytes()
    text, _ = reading.decode(data)
    delimiter = reading.detect_delimiter(text)
    want = csv_counts(text, delimiter)
    grid = reading.read_grid(data, path.name)
    assert grid.field_counts is not None and grid.field_counts.dtype.kind == "i"
    assert len(grid.field_counts) == len(grid.rows)
    assert grid.field_counts.tolist() == want
    # the counter on its own, also for the files small enough for the csv module to read them
    assert reading.text_field_counts(text.encode("utf-8"), delimiter).tolist() == want


def test_narrative_cells_with_line_breaks_are_one_record():
    data = (CORPUS / "uk_gmpp_co_ar_data_march2024.csv").read_bytes()
    text, _ = reading.decode(data)
    delimiter = reading.detect_delimiter(text)
    assert len(csv_counts(text, delimiter)) < text.count("\n")  # it has such cells
    counts = reading.text_field_counts(text.encode("utf-8"), delimiter)
    assert counts.tolist() == csv_counts(text, delimiter)


def _body(rows: int) -> list[str]:
    return [f"{i};Story {i};Noord;{i * 1000};{i * 7}" for i in range(rows)]


HEADER = "Nr;Titel;Lijn;Budget;Besteed"
GENERATED = {
    "plain": [HEADER, *_body(3000)],
    "quoted every field": [HEADER] + ['"' + '";"'.join(line.split(";")) + '"' for line in _body(3000)],
    "delimiter inside quotes": [HEADER, *_body(1500), '7;"Noord; Zuid";"a;b;c";1;2', *_body(1500)],
    "unquoted delimiter in a field": [HEADER, *_body(1500), "7;Noord; Zuid;x;1;2", *_body(1500)],
    "line breaks inside quotes": [HEADER, *_body(1500), '8;"twee\nregels";"drie\r\nregels\n;";1;2', *_body(1500)],
    "doubled quotes": [HEADER, *_body(1500), '9;"zij zei ""ja""";"""";"";2', *_body(1500)],
    "quote inside a field": [HEADER, *_body(1500), '10;5" inch;a"b;"x"y;2', *_body(1500)],
    "short and long rows": [HEADER, *_body(1500), "11;kort", "12", "13;a;b;c;d;e;f;g", *_body(1500)],
    "blank lines": ["Titel van het rapport", "", HEADER, *_body(1500), "", "", *_body(1500), ""],
    "whitespace lines": [HEADER, *_body(1500), "   ", "\t", *_body(1500)],
    "quote left open": [HEADER, *_body(1500), '14;"open;1;2', *_body(100)],
}


def _variants():
    for name, lines in GENERATED.items():
        text = "\n".join(lines) + "\n"
        yield name, text.encode("utf-8")
        yield name + ", CRLF", text.replace("\n", "\r\n").encode("utf-8")
        yield name + ", CR", text.replace("\n", "\r").encode("utf-8")
        yield name + ", BOM", b"\xef\xbb\xbf" + text.encode("utf-8")
        yield name + ", cp1252", text.replace("Noord", "Noord-Brabant é").encode("cp1252")
        yield name + ", no final line break", text.rstrip("\n").encode("utf-8")
        yield name + ", small", "\n".join(lines[:40]).encode("utf-8")


@pytest.mark.parametrize(("name", "data"), list(_variants()), ids=[name for name, _ in _variants()])
def test_field_counts_of_generated_files_equal_the_csv_module(name, data):
    text, _ = reading.decode(data)
    delimiter = reading.detect_delimiter(text)
    want = csv_counts(text, delimiter)
    grid = reading.read_grid(data, "export.csv")
    assert grid.field_counts.tolist() == want
    assert len(grid.rows) == len(want)
    assert reading.text_field_counts(text.encode("utf-8"), delimiter).tolist() == want


def test_the_fast_reader_fills_field_counts():
    text = "\n".join(GENERATED["unquoted delimiter in a field"]) + "\n"
    grid = reading.read_grid(text.encode("utf-8"), "export.csv")
    assert isinstance(grid.rows, reading.ColumnRows)  # pandas read it, padded to 6 columns
    assert {len(row) for row in grid.rows} == {6}
    counts = grid.field_counts
    assert counts[0] == 5 and counts[1501] == 6
    assert np.flatnonzero(counts != counts[0]).tolist() == [1501]


def test_the_csv_module_path_fills_field_counts():
    grid = reading.read_grid(b"a;b;c\n1;2\n\n1;2;3;4\n", "export.csv")
    assert isinstance(grid.rows, list)
    assert grid.field_counts.tolist() == [3, 2, 0, 4]


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_field_counts_of_random_texts_equal_the_csv_module(delimiter):
    pieces = ["a", "bb", "1", ";", ",", "\t", "|", '"', '""', "\n", "\r\n", "\r", " ", "é", '"x;y"', '"\n"', '",\r"']
    rng = random.Random(20240331)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        got = reading.text_field_counts(text.encode("utf-8"), delimiter)
        assert got is not None and got.tolist() == csv_counts(text, delimiter), repr(text)


def test_excel_grids_have_no_field_counts():
    grid = reading.read_grid(_save(_workbook()), "export.xlsx")
    assert grid.field_counts is None


# ---------------------------------------------------------------------------------------------
# Grid.uncalculated


def _workbook() -> openpyxl.Workbook:
    """Data from C3 on, as a controller's sheet with a title block would have it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Rapport"
    sheet["C3"], sheet["D3"], sheet["E3"] = "Nr", "Budget", "Totaal"
    sheet["B5"], sheet["C5"], sheet["D5"] = 2, 4, 6
    sheet["C4"], sheet["D4"] = 1, 100
    return workbook


def _save(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, part: str, change) -> bytes:
    """The workbook with one of its parts changed (as another writer would have written it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def test_rows_and_columns_count_from_a1():
    grid = reading.read_grid(_save(_workbook()), "export.xlsx")
    assert grid.rows[2][2] == "Nr" and grid.rows[2][3] == "Budget"  # C3, D3
    assert grid.rows[3][2] == 1 and grid.rows[4][1] == 2  # C4, B5
    assert grid.uncalculated == []


def test_formulas_written_by_openpyxl_have_no_value():
    workbook = _workbook()
    sheet = workbook.active
    sheet["E5"] = "=SUM(B5:D5)"
    sheet["E4"] = "=C4*D4"
    sheet["A10"] = "=E4+E5"
    grid = reading.read_grid(_save(workbook), "export.xlsx")
    assert grid.sheet == "Rapport"
    assert sorted(grid.uncalculated) == [(3, 4), (4, 4), (9, 0)]
    assert reading.cell_index("E5") == (4, 4)


def test_a_formula_with_its_cached_value_is_calculated():
    workbook = _workbook()
    workbook.active["E5"] = "=SUM(B5:D5)"
    data = _rewrite(
        _save(workbook),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<c r="E5"[^>]*>.*?</c>', '<c r="E5"><f>SUM(B5:D5)</f><v>12</v></c>', xml),
    )
    grid = reading.read_grid(data, "export.xlsx")
    assert grid.rows[4][4] == 12
    assert grid.uncalculated == []


def test_cells_of_a_shared_formula_count_too():
    workbook = _workbook()
    workbook.active["E5"] = "=SUM(B5:D5)"
    shared = (
        '<c r="E5"><f t="shared" ref="E5:E7" si="0">SUM(B5:D5)</f><v>12</v></c></row>'
        '<row r="6"><c r="E6"><f t="shared" si="0"/></c></row>'
        '<row r="7"><c r="E7"><f t="shared" si="0"/><v></v></c>'
    )
    data = _rewrite(
        _save(workbook), "xl/worksheets/sheet1.xml", lambda xml: re.sub(r'<c r="E5"[^>]*>.*?</c>', shared, xml)
    )
    assert reading.read_grid(data, "export.xlsx").uncalculated == [(5, 4), (6, 4)]


def test_an_empty_text_result_is_a_value():
    """Excel writes the result "" of =IF(...;"";...) as an empty <v> of type str."""
    workbook = _workbook()
    workbook.active["E5"] = "=SUM(B5:D5)"
    data = _rewrite(
        _save(workbook),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<c r="E5"[^>]*>.*?</c>', '<c r="E5" t="str"><f>IF(B5="","",B5)</f><v></v></c>', xml),
    )
    assert reading.read_grid(data, "export.xlsx").uncalculated == []


def test_only_the_chosen_sheet_counts():
    workbook = _workbook()
    other = workbook.create_sheet("Toelichting")
    other["A1"], other["A2"], other["B7"] = "tekst", "meer", "=A1&A2"
    data = _save(workbook)
    assert reading.read_grid(data, "export.xlsx").uncalculated == []
    assert reading.read_grid(data, "export.xlsx", sheet="Toelichting").uncalculated == [(6, 1)]


def test_a_relative_target_and_cells_without_a_reference():
    workbook = _workbook()
    workbook.active["E5"] = "=SUM(B5:D5)"
    data = _rewrite(
        _save(workbook),
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace('Target="/xl/worksheets/sheet1.xml"', 'Target="worksheets/sheet1.xml"'),
    )
    assert reading.read_grid(data, "export.xlsx").uncalculated == [(4, 4)]
    data = _rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace('<c r="E5">', "<c>"))
    assert reading.read_grid(data, "export.xlsx").uncalculated == [(4, 4)]  # after D5


def test_the_list_is_capped(monkeypatch):
    workbook = _workbook()
    for row in range(10, 30):
        workbook.active[f"F{row}"] = f"=C4+{row}"
    data = _save(workbook)
    assert len(reading.read_grid(data, "export.xlsx").uncalculated) == 20
    monkeypatch.setattr(reading, "MAX_UNCALCULATED", 5)
    assert reading.read_grid(data, "export.xlsx").uncalculated == [(r, 5) for r in range(9, 14)]


def test_text_grids_have_no_uncalculated_cells():
    assert reading.read_grid(b"a;b\n=SUM(1);2\n", "export.csv").uncalculated == []


@pytest.mark.parametrize(
    ("reference", "place"), [("A1", (0, 0)), ("$C$3", (2, 2)), ("AA10", (9, 26)), ("XFD1", (0, 16383))]
)
def test_cell_index(reference, place):
    assert reading.cell_index(reference) == place
