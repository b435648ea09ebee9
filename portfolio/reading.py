"""Turn the bytes of an uploaded export into a grid of cells: Excel via calamine, CSV/TSV/TXT as text.

Encoding and delimiter are detected here, not guessed by a sniffer later: Excel NL writes cp1252
with ';', and '1.000' must stay text until the locale of the whole column is known.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd
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

    rows: Sequence[list[object]]  # a list of rows, or ColumnRows where the reader has the cells per column
    kind: str  # 'excel' or 'text'
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None


def read_grid(data: bytes, filename: str, sheet: str | None = None) -> Grid:
    """Read an export. Raises LoadRefused (nothing read) for empty, oversized, corrupt or foreign files."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise LoadRefused([error("too_large", size_mb=round(len(data) / 2**20), limit_mb=MAX_UPLOAD_BYTES // 2**20)])
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
        if sheet is not None:
            chosen, data_sheet = sheet, workbook.get_sheet_by_name(sheet)
        else:
            chosen, data_sheet = _first_sheet_with_data(workbook, sheets)
        rows = data_sheet.to_python(skip_empty_area=False)
    except LoadRefused:
        raise
    except Exception as exc:  # calamine raises several types for damaged files
        raise LoadRefused([error("corrupt_excel", detail=str(exc)[:200])]) from exc
    return Grid([r if type(r) is list else list(r) for r in rows], "excel", chosen, sheets)


def _first_sheet_with_data(workbook, sheets: list[str]) -> tuple[str, object]:
    """The first sheet with more than one row, and that sheet as read (reading a sheet parses all of it)."""
    first = None
    for name in sheets:
        data_sheet = workbook.get_sheet_by_name(name)
        if data_sheet.height > 1:
            return name, data_sheet
        first = first or (name, data_sheet)
    return first if first is not None else (sheets[0], workbook.get_sheet_by_name(sheets[0]))


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
    lines = [line for line in _first_lines(text, 50) if line.strip()]
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


def _first_lines(text: str, count: int) -> list[str]:
    """text.splitlines()[:count], without splitting all of a large text."""
    size = 1 << 16
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > count:  # the first `count` lines each end inside the piece, as in the whole text
            return lines[:count]
        size *= 4
    return text.splitlines()[:count]


class ColumnRows(Sequence):
    """The rows of a table held column by column (equally long columns); row i is built on access.

    A reader that has the cells per column hands them on like this, so that ingest need not turn
    200,000 rows around again.
    """

    def __init__(self, columns: list[list], *, text_only: bool = False):
        self.columns = columns
        self.text_only = text_only  # every cell is a str (or None)
        self._length = len(columns[0]) if columns else 0

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ColumnRows([column[index] for column in self.columns], text_only=self.text_only)
        if not -self._length <= index < self._length:
            raise IndexError(index)
        return [column[index] for column in self.columns]

    def __iter__(self) -> Iterator[list]:
        return (list(cells) for cells in zip(*self.columns)) if self.columns else iter(())


def _read_text(data: bytes) -> Grid:
    text, encoding = decode(data)
    delimiter = detect_delimiter(text)
    columns = None
    if len(text) >= 1 << 16:  # below this the csv module is about as fast
        columns = _read_text_columns(text, data if encoding == "utf-8" else None, delimiter)
    if columns is not None:
        return Grid(ColumnRows(columns, text_only=True), "text", encoding=encoding, delimiter=delimiter)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))  # each row a new list
    except csv.Error as exc:
        raise LoadRefused([error("not_a_spreadsheet", detail=str(exc))]) from exc
    return Grid(rows, "text", encoding=encoding, delimiter=delimiter)


def _read_text_columns(text: str, utf8: bytes | None, delimiter: str) -> list[list[str]] | None:
    """The cells column by column, read by pandas' C parser (several times faster than the csv module).

    It reads what the csv module reads, with one difference ingest does not see: a field a short row
    lacks is '' here and missing (None) there; both are a blank cell. The parser takes its number of
    columns from the first row; a longer row further on makes it stop, and it starts again with that
    many. Where the two readers could differ, None is returned and the csv module reads the text: a
    quote left open, a byte order mark at the start (pandas drops it), a field above the csv module's
    size limit (it refuses those), or rows of ever more fields.
    """
    if text.startswith("\ufeff"):
        return None
    data = utf8 if utf8 is not None else text.encode("utf-8")
    width = None
    for _ in range(_WIDTH_ATTEMPTS):
        try:
            frame = pd.read_csv(
                io.BytesIO(data),
                sep=delimiter,
                header=None,
                names=None if width is None else range(width),
                index_col=False,
                dtype=object,
                na_filter=False,
                skip_blank_lines=False,
                quotechar='"',
                doublequote=True,
                escapechar=None,
                skipinitialspace=False,
                engine="c",
                encoding="utf-8",
            )
            break
        except pd.errors.ParserError as exc:
            longer = re.search(r"Expected \d+ fields in line \d+, saw (\d+)", str(exc))
            if longer is None:
                return None
            width = int(longer.group(1))
        except (ValueError, UnicodeError):
            return None
    else:
        return None
    columns = [frame[name].to_numpy().tolist() for name in frame.columns]
    limit = csv.field_size_limit()
    if len(text) > limit and any(max(map(len, column), default=0) > limit for column in columns):
        return None
    return columns


_WIDTH_ATTEMPTS = 4
