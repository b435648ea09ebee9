"""Messy exports written the way spreadsheet programs write them, for the ingest tests."""

from __future__ import annotations

import io

from openpyxl import Workbook

DUTCH_CSV_ROWS = [
    "Voortgangsrapportage Digitale Agenda;;;;;;",
    "Stand per: 31-03-2025;;;;;;",
    ";;;;;;",
    'Nr;Omschrijving;Spoor;"Begroting\n(€)";Besteed;Prognose;Stoplicht',
    "A1;Zaakgericht werken;Dienstverlening;€ 2.500,00;€ 1.200,50;€ 2.750,00;groen",
    "A2;E-formulieren;Dienstverlening;€ 18.500,00;n.v.t.;€ 17.000,00;Oranje",
    ";;;;;;",
    "B1;Datacenter naar de cloud;Fundament;€ 125.000,00;(1.200);€ 130.000,00;ROOD",
    "Totaal;;;€ 146.000,00;;€ 149.750,00;",
]


def dutch_csv(rows: list[str] | None = None, encoding: str = "cp1252") -> bytes:
    """What Excel NL 'Opslaan als CSV' writes: cp1252 (the € is byte 0x80), ';', CRLF."""
    return "\r\n".join(rows or DUTCH_CSV_ROWS).encode(encoding) + b"\r\n"


def workbook_bytes(rows: list[list], sheet: str = "Blad1", extra_sheets: dict | None = None) -> bytes:
    """An .xlsx with the given rows on one sheet (and optionally more sheets)."""
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    for name, more in (extra_sheets or {}).items():
        other = book.create_sheet(name)
        for row in more:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cover_sheet_workbook() -> bytes:
    """A workbook whose first sheet is a cover page (a title and an organisation, no header row) and whose
    second, 'Data', holds the export: two stories, budget 1000 + 2000, spent 100 + 200."""
    cover = [["Voortgangsrapportage Q2 2025"], [], ["Provincie Flevoland"]]
    data = [["Nr", "Project", "Budget", "Besteed"], [1, "A", 1000, 100], [2, "B", 2000, 200]]
    return workbook_bytes(cover, sheet="Voorblad", extra_sheets={"Data": data})
