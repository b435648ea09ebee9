"""Writes the demo spreadsheets in data/demo/ from the figures transcribed out of the seed reports.

Run once by a developer (`python data/demo/build_demo.py`); the .xlsx files it writes are committed and
loaded by the app on first start through the same path as a user's upload. README.md here says where
every figure comes from and what was derived.

Per workbook NAME.xlsx the figures are NAME.csv (a row per row of the sheet's table, a column per column,
headed by the sheet's header with its line break written as a space; a column the layout does not name,
such as the seed line, is kept beside the figures and not written) and the layout is NAME.toml: the sheet's
name, its title and the lines above the table, the header row, per column its header, width and number
format ('#,...' an amount, 'DD-MM-YYYY' a date; the CSV writes a date as 2018-06-15), and where the report
has one, its totals row. An empty CSV cell is an empty cell, never 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
DATE_FORMAT = "DD-MM-YYYY"
WRAP = Alignment(wrap_text=True, vertical="top")


def field(column: dict) -> str:
    """The CSV column of a sheet column: its header, a line break written as a space."""
    return column["header"].replace("\n", " ")


def typed(text: str, number_format: str | None):
    """A CSV cell as the workbook holds it: empty is None, a date a date, an amount an int or a float."""
    if text == "":
        return None
    if number_format == DATE_FORMAT:
        return dt.date.fromisoformat(text)
    if number_format:
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    return text


def read_rows(stem: str) -> tuple[dict, list[dict]]:
    """The layout (NAME.toml) and the rows (NAME.csv, typed by the layout's number formats) of a workbook."""
    layout = tomllib.loads((HERE / f"{stem}.toml").read_text(encoding="utf-8"))
    formats = {field(c): c.get("format") for c in layout["columns"]}
    with open(HERE / f"{stem}.csv", newline="", encoding="utf-8") as handle:
        rows = [{k: typed(v, formats.get(k)) for k, v in row.items()} for row in csv.DictReader(handle)]
    return layout, rows


def _above(sheet, layout: dict) -> None:
    first = 1
    if "title" in layout:
        sheet["A1"] = layout["title"]
        sheet["A1"].font = Font(bold=True, size=14)
        first = 2
    for row, values in enumerate(layout.get("above", []), start=first):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT


def _header(sheet, row: int, columns: list[dict]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=index, value=column["header"])
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column["width"]


def _total(sheet, row: int, layout: dict, rows: list[dict]) -> None:
    total = layout["total"]
    counted = [r for r in rows if all((r[k] or "") == v for k, v in total["where"].items())]
    sheet.cell(row=row, column=1, value=total["label"]).font = BOLD
    for index, column in enumerate(layout["columns"], start=1):
        if field(column) in total["of"]:
            cell = sheet.cell(row=row, column=index, value=sum(r[field(column)] for r in counted))
            cell.font, cell.number_format = BOLD, column["format"]


def build(stem: str, path: Path) -> None:
    """Write the workbook NAME.xlsx (to path) from NAME.toml and NAME.csv."""
    layout, rows = read_rows(stem)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout["sheet"]
    _above(sheet, layout)
    _header(sheet, layout["header_row"], layout["columns"])
    row = layout["header_row"] + 1
    for values in rows:
        for index, column in enumerate(layout["columns"], start=1):
            cell = sheet.cell(row=row, column=index, value=values[field(column)])
            if "format" in column:
                cell.number_format = column["format"]
            if layout.get("wrap"):
                cell.alignment = WRAP
        row += 1
    if "total" in layout:
        _total(sheet, row, layout, rows)
    workbook.save(path)


def stems() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.toml"))


if __name__ == "__main__":
    for stem in stems():
        build(stem, HERE / f"{stem}.xlsx")
    print("written:", *(f"{stem}.xlsx" for stem in stems()))
