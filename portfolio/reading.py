"""Turn the bytes of an uploaded export into a grid of cells: Excel via calamine, CSV/TSV/TXT as text.

Encoding and delimiter are detected here, not guessed by a sniffer later: Excel NL writes cp1252
with ';', and '1.000' must stay text until the locale of the whole column is known.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from xml.etree import ElementTree

import numpy as np
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
    # text grids: per row of `rows`, the number of fields its line(s) had as read, before any padding
    # (what len() of each csv.reader row gives); None for workbooks
    field_counts: np.ndarray | None = None
    # .xlsx/.xlsm: (row, column), both from 0 as in `rows`, of the chosen sheet's formula cells that
    # hold no calculated value (a workbook written by a script; calamine reads them as empty)
    uncalculated: list[tuple[int, int]] = field(default_factory=list)
    # workbooks: merged ranges ((first_row, first_column), (last_row, last_column)), from 0 as in `rows`
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


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
        merged = list(data_sheet.merged_cell_ranges or [])
    except LoadRefused:
        raise
    except Exception as exc:  # calamine raises several types for damaged files
        raise LoadRefused([error("corrupt_excel", detail=str(exc)[:200])]) from exc
    uncalculated = uncalculated_formulas(data, chosen) if data[:4] == b"PK\x03\x04" else []
    rows = [r if type(r) is list else list(r) for r in rows]
    return Grid(rows, "excel", chosen, sheets, uncalculated=uncalculated, merged=merged)


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
    if len(text) >= 1 << 16:  # below this the csv module is about as fast
        utf8 = data if encoding == "utf-8" else text.encode("utf-8")
        columns = _read_text_columns(text, utf8, delimiter)
        counts = None if columns is None else text_field_counts(utf8, delimiter)
        if counts is not None and len(counts) == len(columns[0]):  # else the csv module reads it
            rows = ColumnRows(columns, text_only=True)
            return Grid(rows, "text", encoding=encoding, delimiter=delimiter, field_counts=counts)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))  # each row a new list
    except csv.Error as exc:
        raise LoadRefused([error("not_a_spreadsheet", detail=str(exc))]) from exc
    counts = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    return Grid(rows, "text", encoding=encoding, delimiter=delimiter, field_counts=counts)


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


def text_field_counts(data: bytes, delimiter: str) -> np.ndarray | None:
    """Per record of UTF-8 `data`, the number of fields csv.reader finds (0 for a blank line).

    Exactly [len(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)],
    without reading every line with the csv module. Lines split where StringIO splits them (\\n,
    \\r\\n, \\r). A line without a quote has one field more than it has delimiters. A line whose quotes
    each open a field (at the start of the line, after a delimiter) or close one (before a delimiter
    or the end of the line), doubled quotes inside included, has one more than it has delimiters
    outside quotes. The csv module reads the other records, from such a line on for as many lines as
    the record runs (a quoted field with line breaks). None where the csv module refuses the text.
    """
    if len(delimiter) != 1 or delimiter in '\r\n"' or not delimiter.isascii() or not data:
        return None
    if b'"' in data:
        return _quoted_field_counts(data, delimiter)
    buf = np.frombuffer(data, np.uint8)
    ends, stops = _line_ends(buf, b"\r" in data)
    separators = np.flatnonzero(buf == ord(delimiter))
    fields = np.diff(np.searchsorted(separators, ends), prepend=0) + 1
    starts = np.empty_like(ends)
    starts[0], starts[1:] = 0, ends[:-1] + 1
    return np.where(stops > starts, fields, 0)


def _line_ends(buf: np.ndarray, has_cr: bool) -> tuple[np.ndarray, np.ndarray]:
    """Where each line's break is (len(buf) for a last line without one), and where its content stops."""
    size = buf.size
    ends = stops = np.flatnonzero(buf == 10)
    if has_cr:
        crlf = (ends > 0) & (buf[np.maximum(ends - 1, 0)] == 13)
        if np.count_nonzero(buf == 13) != np.count_nonzero(crlf):  # a \r on its own ends a line too
            cr = np.flatnonzero(buf == 13)
            ends = np.union1d(ends, cr[(cr + 1 == size) | (buf[np.minimum(cr + 1, size - 1)] != 10)])
            crlf = (buf[ends] == 10) & (ends > 0) & (buf[np.maximum(ends - 1, 0)] == 13)
        stops = ends - crlf
    if ends.size == 0 or ends[-1] != size - 1:
        ends, stops = np.append(ends, size), np.append(stops, size)
    return ends, stops


def _quoted_field_counts(data: bytes, delimiter: str) -> np.ndarray | None:
    """text_field_counts for a text with quotes: per byte that matters (an 'event'), in order."""
    separator = ord(delimiter)
    buf = np.frombuffer(data, np.uint8)
    size = buf.size
    has_cr = b"\r" in data
    mask = buf == 10
    mask |= buf == separator
    mask |= buf == 34
    if has_cr:
        mask |= buf == 13
    at = np.flatnonzero(mask)
    del mask
    kind = buf[at]
    is_end = kind == 10
    adjacent = at[1:] == at[:-1] + 1  # event i + 1 is the byte right after event i
    pair = np.zeros(0, dtype=bool)
    if has_cr:
        pair = np.zeros(at.size, dtype=bool)  # a \r right before a \n
        pair[:-1] = (kind[:-1] == 13) & is_end[1:] & adjacent
        is_end |= (kind == 13) & ~pair
    end_event = np.flatnonzero(is_end)
    crlf = pair[np.maximum(end_event - 1, 0)] & (end_event > 0) if has_cr else np.zeros(end_event.size, dtype=bool)
    ends = at[end_event]
    if ends.size == 0 or ends[-1] != size - 1:  # the last line has no line break
        ends = np.append(ends, size)
        end_event = np.append(end_event, at.size)
        crlf = np.append(crlf, False)
    lines = ends.size
    starts = np.empty_like(ends)
    starts[0], starts[1:] = 0, ends[:-1] + 1
    quote_event = np.flatnonzero(kind == 34)
    quotes_before = np.searchsorted(quote_event, end_event)  # quotes before each line's end
    quotes_in_line = np.diff(quotes_before, prepend=0)
    between = np.diff(end_event, prepend=-1) - 1 - crlf  # delimiters and quotes in each line
    counts = np.where(ends - crlf > starts, between - quotes_in_line + 1, 0)
    # the k-th quote of a line (from 0) opens a field where k is even, closes one where odd
    opening = np.ones(quote_event.size, dtype=bool)
    opening[1::2] = False
    odd_start = (quotes_before - quotes_in_line) % 2 == 1
    if odd_start.any():
        opening ^= np.repeat(odd_start, quotes_in_line)
    # an opening quote follows a line break, a delimiter or a quote; a closing one is followed by one
    # (a \r before a quote ends a line, a \r after one ends the line's content)
    after_event = np.zeros(at.size + 1, dtype=bool)
    after_event[1:-1] = adjacent
    after_event[0] = at[0] == 0
    before_event = np.zeros(at.size, dtype=bool)
    before_event[:-1] = adjacent
    before_event[-1] = at[-1] == size - 1
    well = np.where(opening, after_event[quote_event], before_event[quote_event])
    odd_quotes = quote_event[~well]
    well_quoted = quotes_in_line % 2 == 0
    well_quoted[np.searchsorted(end_event, odd_quotes)] = False
    # the delimiters inside a pair of quotes are the events between them
    gaps = np.flatnonzero(opening[:-1] & (np.diff(quote_event) > 1))
    if gaps.size:
        inside = np.zeros(lines, dtype=np.int64)
        np.add.at(inside, np.searchsorted(end_event, quote_event[gaps]), quote_event[gaps + 1] - quote_event[gaps] - 1)
        counts[well_quoted] -= inside[well_quoted]
    hard = np.flatnonzero(~well_quoted)
    if hard.size == 0:
        return counts
    return _csv_field_counts(data, delimiter, counts, hard, starts, ends)


def _csv_field_counts(data, delimiter, counts, hard, starts, ends) -> np.ndarray | None:
    """The counts with the records that begin on a `hard` line read by the csv module."""
    lines = counts.size
    is_hard = np.zeros(lines, dtype=bool)
    is_hard[hard] = True
    joined = np.zeros(lines, dtype=bool)  # a line inside a record that began on an earlier line
    bounds = np.append(starts, ends[-1] + 1).tolist()
    next_hard = 0
    try:
        while next_hard < hard.size:
            first = line = int(hard[next_hard])
            reader = csv.reader(_lines_from(data, bounds, first), delimiter=delimiter)
            while line < lines:
                row = next(reader)
                end = first + reader.line_num
                counts[line] = len(row)
                joined[line + 1 : end] = True
                line = end
                if line >= lines or not is_hard[line]:
                    break
            next_hard = int(np.searchsorted(hard, line))
    except (csv.Error, StopIteration):
        return None
    return counts[~joined] if joined.any() else counts


def _lines_from(data: bytes, bounds: list[int], first: int) -> Iterator[str]:
    """The lines of `data` from line `first` on (bounds: where each line starts, and the end), decoded."""
    step, line, last = 16, first, len(bounds) - 1
    while line < last:
        stop = min(line + step, last)
        yield from io.StringIO(data[bounds[line] : bounds[stop]].decode("utf-8"), newline="")
        line, step = stop, min(step * 2, 4096)


MAX_UNCALCULATED = 100_000
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
_ROOT_PREFIX = re.compile(rb"<(?:([\w.-]+):)?worksheet[\s>]")


def _suspect_formulas(prefix: bytes) -> list[re.Pattern]:
    """A formula (<f>...</f> or <f .../>) not followed by a <v> with text: where a value may lack.

    Each pattern starts with a literal, which the re module finds quickly.
    """
    p = re.escape(prefix)
    no_value = rb"(?!\s*<" + p + rb"v(?:\s[^>]*)?>[^<])"
    return [re.compile(rb"</" + p + rb"f>" + no_value), re.compile(rb"<" + p + rb"f(?:\s[^>]*)?/>" + no_value)]


def cell_index(reference: str) -> tuple[int, int] | None:
    """'E5' -> (4, 4): (row, column) from 0, as in Grid.rows; None for what is not a cell reference."""
    match = _CELL_REF.fullmatch(reference.strip())
    if match is None:
        return None
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, column - 1


def uncalculated_formulas(data: bytes, sheet: str) -> list[tuple[int, int]]:
    """(row, column) of the cells of `sheet` in an .xlsx/.xlsm with a formula and no calculated value.

    Excel stores each formula's last result next to it; openpyxl and pandas write the formula alone,
    and readers that do not calculate (calamine) see an empty cell. Read as a stream, at most
    MAX_UNCALCULATED cells; [] for another kind of file or a part that cannot be read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, sheet)
            if part is None or not _mentions_formula(archive, part):
                return []
            with archive.open(part) as stream:
                return _formula_cells_without_value(stream)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError, EOFError):
        return []


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip name of a sheet's XML, by its name: xl/workbook.xml gives the r:id, the rels the target."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    relation = None
    for element in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet" and element.get("name") == sheet:
            relation = element.get(_REL_NS + "id") or next(
                (v for k, v in element.attrib.items() if _local(k) == "id"), None
            )
            break
    if relation is None:
        return None
    for element in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels")).iter():
        if _local(element.tag) == "Relationship" and element.get("Id") == relation:
            target = element.get("Target") or ""
            if target.startswith("/"):
                part = posixpath.normpath(target.lstrip("/"))
            else:
                part = posixpath.normpath(posixpath.join("xl", target))
            return part if part in names and part.endswith(".xml") else None
    return None


def _mentions_formula(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether the part may hold a formula without a value: a look at the bytes, quicker than parsing.

    An Excel workbook has a value after each formula and is not parsed at all.
    """
    tail, patterns = b"", None
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(1 << 20)
            text = tail + chunk
            if patterns is None:
                root = _ROOT_PREFIX.search(text)
                if root is None:  # not a worksheet as Excel and openpyxl write it: parse it
                    return True
                patterns = _suspect_formulas((root.group(1) + b":") if root.group(1) else b"")
            for pattern in patterns:
                for match in pattern.finditer(text):
                    if not chunk or match.end() < len(text) - 256:  # else the next piece may hold its <v>
                        return True
            if not chunk:
                return False
            tail = text[-512:]


def _formula_cells_without_value(stream) -> list[tuple[int, int]]:
    """Parse the sheet as a stream of tags (no tree is built, so memory stays the same for any size)."""
    cells = _FormulaCells()
    parser = ElementTree.XMLParser(target=cells)
    try:
        while chunk := stream.read(1 << 20):
            parser.feed(chunk)
        parser.close()
    except _EnoughCells:
        pass
    return cells.found


class _EnoughCells(Exception):
    pass


_SHEET_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_SHEET_TAGS = {
    (f"{{{namespace}}}{name}" if namespace else name): name
    for namespace in (*_SHEET_NAMESPACES, "")
    for name in ("row", "c", "f", "v")
}


class _FormulaCells:
    """An ElementTree parser target: the cells with an <f> and no <v> with text, (row, column) from 0.

    An empty <v> of a cell of type str is a value: Excel writes the result "" of a formula so.
    """

    def __init__(self):
        self.found: list[tuple[int, int]] = []
        self.row = -1  # the row and cell now read, for rows and cells written without a reference
        self.last_reference: str | None = None  # of the last cell of this row with one
        self.unreferenced = 0  # cells of this row since that one
        self.reference: str | None = None
        self.text_type = self.formula = self.value = self.in_value = False

    def start(self, tag, attributes):
        name = _SHEET_TAGS.get(tag)
        if name == "c":
            self.reference = attributes.get("r")
            if self.reference:
                self.last_reference, self.unreferenced = self.reference, 0
            else:
                self.unreferenced += 1
            self.text_type = attributes.get("t") == "str"
            self.formula = self.value = False
        elif name == "f":
            self.formula = True
        elif name == "v":
            self.in_value = True
        elif name == "row":
            given = attributes.get("r")
            self.row = int(given) - 1 if given and given.isdigit() else self.row + 1
            self.last_reference, self.unreferenced = None, 0

    def data(self, text):
        if self.in_value and text:
            self.value = True

    def end(self, tag):
        name = _SHEET_TAGS.get(tag)
        if name == "v":
            self.in_value = False
            if self.text_type:
                self.value = True
        elif name == "c" and self.formula and not self.value:
            self.found.append(self._place())
            if len(self.found) >= MAX_UNCALCULATED:
                raise _EnoughCells

    def _place(self) -> tuple[int, int]:
        place = cell_index(self.reference) if self.reference else None
        if place is not None:
            return place
        known = cell_index(self.last_reference) if self.last_reference else None
        return self.row, (known[1] if known else -1) + self.unreferenced

    def close(self):
        return None
