"""The downloads hold no formula a spreadsheet would run, however the file is read, and the same figures.

Hostile text is built here: formula starts at the start of a cell and after every character a reader
might split on. Each CSV is read back with the `csv` module with ';' and with ',' (and split by hand on
every separator); amounts are compared with the frame they came from.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from portfolio import export

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    'Kosten,=cmd|" /C calc"!A0',
    '=HYPERLINK("http://x","klik")',
    "+31 6 1234",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "Besteed;=1+1",
    "Regel\t=2+5",
    "pijp|+cmd",
    "eerste regel\n=tweede",
    "regel\r\n@derde",
    'aanhalingen "=quoted"',
    "spatie, =na komma",
    "\t=tab vooraan",
    "\r=cr vooraan",
    "a,,;;||=veel scheiders",
    "gewoon, zonder risico - echt",
]
# Negative amounts, fractions, large and missing: they must come back as the same numbers.
BUDGET = [-1234.5, 2315000.0, 0.25, None, -7.0, 1e6, 936500.0, -0.5, 12.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, -9.0]
PERCENT = [0.155, -0.2, None, 1.0, 0.0, -1.5, 0.5, 0.25, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]


def hostile_frame() -> pd.DataFrame:
    assert len(HOSTILE) == len(BUDGET) == len(PERCENT)
    return pd.DataFrame(
        {
            "Nr": [f"{i}" for i in range(1, len(HOSTILE) + 1)],
            "Titel": HOSTILE,
            "=Kosten,@kop": ["x"] * len(HOSTILE),  # a header is text too
            "Budget": pd.Series(BUDGET, dtype="float64"),
            "Afwijking %": pd.Series(PERCENT, dtype="float64"),
            "Toelichting": list(reversed(HOSTILE)),
        }
    )


def is_number(cell: str) -> bool:
    """A plain number as either locale writes it (a minus before digits is a number, not a formula)."""
    return re.fullmatch(r"-?\d[\d.,]*(e[+-]?\d+)?", cell.strip()) is not None


def assert_inert(cells, how: str) -> None:
    for cell in cells:
        for start in (cell, cell.lstrip(' "\u00a0')):  # readers that trim blanks or stray quotes
            if start.startswith(FORMULA_START):
                assert is_number(start), f"read {how}, a cell starts a formula: {cell!r}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_csv_read_with_either_delimiter_has_no_cell_that_starts_a_formula(lang):
    text = export.to_csv(hostile_frame(), lang).decode("utf-8-sig")
    for delimiter in (";", ","):
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        assert rows, delimiter
        assert_inert((cell for row in rows for cell in row), f"with {delimiter!r}")
    # split by hand on every separator and line break, quotes and all
    assert_inert((piece.strip('"') for piece in re.split(r'[,;\t|\r\n]|""', text)), "split by hand")


@pytest.mark.parametrize("lang, sep, point", [("nl", ";", ","), ("en", ",", ".")])
def test_a_csv_is_quoted_everywhere_and_gives_back_the_same_amounts_and_text(lang, sep, point):
    frame = hostile_frame()
    text = export.to_csv(frame, lang).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].startswith('"') and lines[0].count('"') == 2 * len(frame.columns)  # every header quoted
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header, body = rows[0], rows[1:]
    assert len(body) == len(frame) and all(len(row) == len(header) for row in body)
    assert header[2] == "'=Kosten,'@kop"
    budget, percent = header.index("Budget"), header.index("Afwijking %")
    for row, expected_budget, expected_percent in zip(body, BUDGET, PERCENT, strict=True):
        for cell, expected in ((row[budget], expected_budget), (row[percent], expected_percent)):
            if expected is None:
                assert cell == ""  # missing stays empty, never 0
            else:
                assert "'" not in cell and math.isclose(float(cell.replace(point, ".")), expected)
    # the text is all there: only apostrophes were added, right before a formula start
    for row, title, note in zip(body, HOSTILE, reversed(HOSTILE), strict=True):
        assert row[1].replace("'", "") == title.replace("'", "")
        assert row[-1].replace("'", "") == note.replace("'", "")
    assert body[0][1] == 'Kosten,\'=cmd|" /C calc"!A0'
    assert body[-1][1] == "gewoon, zonder risico - echt"  # nothing dangerous: unchanged


def test_the_workbook_writes_formula_like_text_as_text_and_amounts_as_numbers():
    frame = hostile_frame()
    data = export.to_excel({"Stories": frame}, [("=cmd", "@x"), ("Filters", "Titel: =1+1")], amount_columns={"Budget"})
    with zipfile.ZipFile(io.BytesIO(data)) as book_zip:
        sheets = [n for n in book_zip.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 2
        for name in sheets:
            assert "<f>" not in book_zip.read(name).decode("utf-8") and "<f " not in book_zip.read(name).decode()
    book = openpyxl.load_workbook(io.BytesIO(data))
    stories = book["Stories"]
    for column in ("B", "C", "F"):
        for cell in stories[column]:
            if cell.value is not None:
                assert cell.data_type == "s"
                assert not str(cell.value).startswith(("=", "+", "-", "@"))
    assert stories["C1"].value == "'=Kosten,@kop"
    assert stories["B2"].value == 'Kosten,=cmd|" /C calc"!A0'  # a cell is a cell: nothing to split in xlsx
    assert stories["B3"].value == '\'=HYPERLINK("http://x","klik")'
    budgets = [stories.cell(row=r, column=4).value for r in range(2, len(frame) + 2)]
    assert budgets == [None if b is None else pytest.approx(b) for b in BUDGET]
    assert all(isinstance(b, (int, float)) for b in budgets if b is not None)
    assert book["Filter"]["A1"].value == "'=cmd" and book["Filter"]["B2"].value == "Titel: =1+1"
