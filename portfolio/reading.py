"""Turn the bytes of an uploaded export into a grid of cells: Excel via calamine, CSV/TSV/TXT as text.

Encoding and delimiter are detected here, not guessed by a sniffer later: Excel NL writes cp1252
with ';', and '1.000' must stay text until the locale of the whole column is known.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

import python_calamine

from portfolio.problems import LoadRefused, error

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_INFLATED_BYTES = 400 * 1024 * 1024
MAX_INFLATION_RATIO = 200
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
DELIMITERS = (";", ",", "\t", "|")


@dataclass
class Grid:
    """The cells of one sheet, row by row, as read; row i is spreadsheet row i + 1."""

    rows: list[list[object]]
    kind: str  # 'excel' or 'text'
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None


def read_grid(data: bytes, filename: str, sheet: str | None = None) -> Grid:
    """Read an export. Raises LoadRefused (nothing read) for empty, oversized, corrupt or foreign files."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise LoadRefused([error("too_large", size_mb=round(len(data) / 1e6, 1), limit_mb=MAX_UPLOAD_BYTES // 10**6)])
    if not data.strip():
        raise LoadRefused([error("empty_file")])
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        _check_archive(data)
        return _read_excel(data, sheet)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _read_excel(data, sheet)
    if name.endswith(EXCEL_SUFFIXES):
        raise LoadRefused([error("corrupt_excel", detail="not a workbook")])
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadRefused([error("not_a_spreadsheet")])
    return _read_text(data)


def _check_archive(data: bytes) -> None:
    """Refuse a zip that would inflate far beyond its size, from its directory alone (no inflating)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise LoadRefused([error("corrupt_excel", detail=str(exc))]) from exc
    if inflated > MAX_INFLATED_BYTES or inflated > MAX_INFLATION_RATIO * max(len(data), 1) and inflated > 20e6:
        raise LoadRefused([error("archive_bomb", inflated_mb=round(inflated / 1e6), size_kb=round(len(data) / 1e3))])
    if not any(n.startswith(("xl/", "content.xml")) for n in names):
        raise LoadRefused([error("not_a_spreadsheet")])


def _read_excel(data: bytes, sheet: str | None) -> Grid:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        visible = [m.name for m in workbook.sheets_metadata if str(m.visible).endswith("Visible")]
        sheets = visible or list(workbook.sheet_names)
        if sheet is not None and sheet not in workbook.sheet_names:
            raise LoadRefused([error("no_such_sheet", sheet=sheet, sheets=", ".join(sheets))])
        chosen = sheet if sheet is not None else _first_sheet_with_data(workbook, sheets)
        rows = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except LoadRefused:
        raise
    except Exception as exc:  # calamine raises several types for damaged files
        raise LoadRefused([error("corrupt_excel", detail=str(exc)[:200])]) from exc
    return Grid([list(r) for r in rows], "excel", chosen, sheets)


def _first_sheet_with_data(workbook, sheets: list[str]) -> str:
    for name in sheets:
        if workbook.get_sheet_by_name(name).height > 1:
            return name
    return sheets[0]


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else cp1252 (Excel NL 'CSV')."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most consistent, fields."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        counts = [len(row) - 1 for row in csv.reader(lines, delimiter=delimiter)]
        counts = [c for c in counts if c > 0]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        score = counts.count(modal) * modal
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text(data: bytes) -> Grid:
    text, encoding = decode(data)
    delimiter = detect_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise LoadRefused([error("not_a_spreadsheet", detail=str(exc))]) from exc
    return Grid([list(r) for r in rows], "text", encoding=encoding, delimiter=delimiter)
