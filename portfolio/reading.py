"""Turn the bytes of an uploaded export into a grid of cells: Excel via calamine, CSV/TSV/TXT as text.

Encoding and delimiter are detected here, not guessed by a sniffer later: Excel NL writes cp1252
with ';', and '1.000' must stay text until the locale of the whole column is known.

The work a file can cause is bounded before anything is allocated for it. The kind of file is told by
its bytes, never by its name. A workbook archive is inflated once, as a stream, member by member,
against what its directory declares (a member that inflates to more than it declares is refused); on
the way the cells of each sheet are located. The reader (calamine) builds every cell of the rectangle
from A1 to the farthest cell with content, so that rectangle is held to MAX_CELLS and MAX_COLUMNS
before the reader is asked for the sheet. A text is held to the same limits from its field counts.
"""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import python_calamine

from portfolio.formula_values import NotWorkedOut, work_out
from portfolio.problems import LoadRefused, error

# Below Streamlit's own server.maxUploadSize (45 MiB, .streamlit/config.toml), so that a file too large is
# refused here with a message; a 200,000-row Excel NL CSV export is 37.5 MiB.
MAX_UPLOAD_BYTES = 40 * 1024 * 1024
# The reader allocates every cell of the rectangle from A1 to the farthest cell with content (tens of
# bytes each in calamine, and again as Python lists in the grid). 5 million cells is 2.3x the largest
# real export we know (a history of 200,000 rows x 11 columns) and stays under about 1 GB in all.
MAX_CELLS = 5_000_000
# Real exports have tens of columns (a budget per month over ten years: some 130); Excel allows 16,384.
MAX_COLUMNS = 2_000
# What the cell limit implies for an archive: Excel writes a cell in 40-50 bytes of XML
# (<c r="K200001" s="3" t="s"><v>1234</v></c>); 50 bytes a cell leaves room for shared strings and styles.
MAX_INFLATED_BYTES = MAX_CELLS * 50  # 250 MB
MAX_INFLATION_RATIO = 200
# The longest text cell of a CSV the csv module will read (its default is 131,072). Excel holds at most
# 32,767 characters in a cell; a longer field is refused naming its row.
MAX_FIELD_CHARS = 1 << 20
csv.field_size_limit(MAX_FIELD_CHARS)
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
DELIMITERS = (";", ",", "\t", "|")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


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
    # hold no calculated value (a workbook written by a script; calamine reads them as empty). Their
    # values are worked out and filled into `rows`; those that could not be are in `not_worked_out`.
    uncalculated: list[tuple[int, int]] = field(default_factory=list)
    worked_out: int = 0  # formula cells whose value was worked out here
    not_worked_out: list[NotWorkedOut] = field(default_factory=list)
    # more such cells than are looked at (MAX_UNCALCULATED, or their formulas too long together): how
    # many were looked at, the rest not, let alone worked out (0: all were)
    too_many_formulas: int = 0
    # workbooks: merged ranges ((first_row, first_column), (last_row, last_column)), from 0 as in `rows`
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # text grids: the rows (1-based) read in the other encoding than `encoding` (cp1252 lines of a
    # UTF-8 text, UTF-8 lines of a cp1252 text)
    recoded_rows: list[int] = field(default_factory=list)


def read_grid(data: bytes, filename: str, sheet: str | None = None) -> Grid:
    """Read an export. Raises LoadRefused (nothing read) for empty, oversized, corrupt or foreign files."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise LoadRefused([error("too_large", size_mb=round(len(data) / 2**20), limit_mb=MAX_UPLOAD_BYTES // 2**20)])
    if not data.strip():
        raise LoadRefused([error("empty_file")])
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        return _read_excel(data, sheet, inspect_archive(data))
    if data[:8] == OLE2:
        # .xls: the format itself bounds a sheet (65,536 rows x 256 columns); parse_untrusted bounds the memory
        return _read_excel(data, sheet, None)
    if name.endswith(EXCEL_SUFFIXES):
        raise LoadRefused([error("corrupt_excel", detail="not a workbook")])
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadRefused([error("not_a_spreadsheet")])
    return _read_text(data)


# --- workbook archives: what they are and how far their sheets reach, before the reader is asked ---------


@dataclass
class Extent:
    """How far the cells of a sheet reach: the reader allocates rows x columns from A1.

    For .xlsx every cell tag is counted first (quick, an upper bound); a sheet beyond the limits that
    way is looked at again, counting only cells with content (what the reader keeps). A sheet's
    <dimension ref> is not taken into account: the reader does not allocate by it either (a sheet
    declaring A1:XFD1048576 with four cells is read as 2 x 2).
    """

    rows: int = 0  # the last row with content, 1-based (0: none)
    columns: int = 0  # the last column with content, 1-based

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def reference(self) -> str:
        """The far corner, as a spreadsheet names it ('XFD1048576')."""
        return f"{column_letters(self.columns)}{self.rows}"

    def take(self, rows: int, columns: int) -> None:
        self.rows, self.columns = max(self.rows, rows), max(self.columns, columns)


@dataclass
class Workbook:
    """What the bytes of a workbook archive say, read as a stream before the reader allocates anything."""

    kind: str  # 'xlsx' (also .xlsm) or 'ods'
    extents: dict[str, Extent]  # sheet name -> extent (xlsx: per worksheet part, found through the rels)
    formula_parts: set[str] = field(default_factory=set)  # xlsx parts that may hold a formula without value
    parts: dict[str, str] = field(default_factory=dict)  # xlsx: sheet name -> part

    def check(self, sheet: str) -> None:
        """Refuse a sheet that reaches beyond the limits, before the reader builds it."""
        extent = self.extents.get(sheet)
        if extent is None:  # a sheet the workbook's parts do not lead to: the farthest of all sheets
            extent = Extent()
            for other in self.extents.values():
                extent.take(other.rows, other.columns)
        _check_extent(sheet, extent)


def _check_extent(sheet: str, extent: Extent) -> None:
    """Refuse a sheet reaching beyond the cell or the column limit, naming the sheet and the cell."""
    for key, count, limit in (
        ("too_many_cells", extent.cells, MAX_CELLS),
        ("too_many_columns", extent.columns, MAX_COLUMNS),
    ):
        if count > limit:
            what = key.removeprefix("too_many_")
            params = {f"{what}_count": count, "limit_count": limit}
            raise LoadRefused([error(key, sheet=sheet, reference=extent.reference, **params)])


def column_letters(column: int) -> str:
    """28 -> 'AB' (1-based)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def inspect_archive(data: bytes) -> Workbook:
    """Tell a zip's kind by its members, inflate every member once as a stream, and find each sheet's extent.

    Refused: a directory that declares too much (before inflating anything), a member that inflates to
    more or less than it declares, a zip that is no workbook, a binary workbook (.xlsb), an ODS whose
    sheets together reach beyond MAX_CELLS.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise LoadRefused([error("corrupt_excel", detail=str(exc)[:200])]) from exc
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_INFLATED_BYTES or inflated > MAX_INFLATION_RATIO * max(len(data), 1) and inflated > 20e6:
        raise LoadRefused([error("archive_bomb", inflated_mb=round(inflated / 1e6), size_kb=round(len(data) / 1e3))])
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:
        return _inspect_xlsx(data, archive, infos)
    if "xl/workbook.bin" in names:
        raise LoadRefused([error("xlsb_not_read")])
    if "content.xml" in names and "mimetype" in names and _member(data, archive, "mimetype").strip() == ODS_MIMETYPE:
        return _inspect_ods(data, infos)
    raise LoadRefused([error("not_a_spreadsheet")])


def _member(data: bytes, archive: zipfile.ZipFile, name: str, limit: int = 1 << 24) -> bytes:
    """A small member, whole (workbook.xml, its rels, mimetype): refused above `limit`."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise LoadRefused([error("corrupt_excel", detail=f"{name} declares {info.file_size} bytes")])
    return b"".join(_inflate(data, info))


_INFLATE_STEP = 1 << 16  # compressed bytes fed at a time; each yields at most _INFLATE_PIECE
_INFLATE_PIECE = 1 << 20


def _inflate(data: bytes, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes as a stream of pieces, inflated from its local header on, never more than it declares.

    Our own inflating, not zipfile's: zipfile stops at the size the directory declares, the reader may
    not, so a member whose deflate stream holds more (or less) than declared is refused here.
    """
    detail = None
    if info.flag_bits & 0x1:
        detail = f"{info.filename} is encrypted"
    elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        detail = f"{info.filename}: compression method {info.compress_type}"
    header = data[info.header_offset : info.header_offset + 30]
    if detail is None and (len(header) < 30 or header[:4] != b"PK\x03\x04"):
        detail = f"{info.filename}: no local header"
    if detail is not None:
        raise LoadRefused([error("corrupt_excel", detail=detail)])
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    total = 0
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(raw), _INFLATE_PIECE):
            piece = bytes(raw[at : at + _INFLATE_PIECE])
            total += len(piece)
            yield piece
    else:
        inflater = zlib.decompressobj(-15)
        try:
            for at in range(0, len(raw), _INFLATE_STEP):
                pending = raw[at : at + _INFLATE_STEP]
                while pending:
                    piece = inflater.decompress(pending, _INFLATE_PIECE)
                    pending = inflater.unconsumed_tail
                    total += len(piece)
                    if total > info.file_size:
                        break
                    if piece:
                        yield piece
                if total > info.file_size or inflater.eof:
                    break
        except zlib.error as exc:
            raise LoadRefused([error("corrupt_excel", detail=f"{info.filename}: {exc}")]) from exc
        if not inflater.eof and total <= info.file_size:
            total = -1  # the deflate stream ends before its end: damaged
    if total != info.file_size:
        holds = "more" if total > info.file_size else "less" if total >= 0 else "a damaged stream"
        detail = f"{info.filename} declares {info.file_size} bytes and holds {holds}"
        raise LoadRefused([error("corrupt_excel", detail=detail)])


def _inspect_xlsx(data: bytes, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Workbook:
    parts = _sheet_parts(archive, lambda name: _member(data, archive, name))
    sheet_parts = set(parts.values())
    extents: dict[str, Extent] = {}
    formula_parts: set[str] = set()
    for info in infos:  # every member, duplicates too: a reader may take either of two with one name
        name = info.filename
        if name in sheet_parts or name.startswith("xl/worksheets/") and name.endswith(".xml"):
            extent, formulas = _sheet_extent(_inflate(data, info))
            if extent is not None and (extent.cells > MAX_CELLS or extent.columns > MAX_COLUMNS):
                extent, _ = _sheet_extent(_inflate(data, info), exact=True)  # the cells with content only
            if extent is None:  # cells written in a way the quick look does not read: parse exactly
                extent = _exact_sheet_extent(_inflate(data, info))
            extents.setdefault(name, Extent()).take(extent.rows, extent.columns)
            if formulas:
                formula_parts.add(name)
        else:
            for _ in _inflate(data, info):
                pass
    by_sheet = {sheet: extents[part] for sheet, part in parts.items() if part in extents}
    return Workbook("xlsx", by_sheet, formula_parts, parts)


def _inspect_ods(data: bytes, infos: list[zipfile.ZipInfo]) -> Workbook:
    """ODS: the reader builds every sheet of content.xml when it opens the file, so all are checked here."""
    extents: dict[str, Extent] = {}
    for info in infos:
        if info.filename == "content.xml":
            for sheet, extent in _ods_extents(_inflate(data, info)).items():
                extents.setdefault(sheet, Extent()).take(extent.rows, extent.columns)
        else:
            for _ in _inflate(data, info):
                pass
    for sheet, extent in extents.items():
        _check_extent(sheet, extent)
    total = sum(extent.cells for extent in extents.values())
    if total > MAX_CELLS:
        raise LoadRefused([error("too_many_cells_book", sheets=len(extents), cells_count=total, limit_count=MAX_CELLS)])
    return Workbook("ods", extents)


# The quick look at a worksheet part: every cell tag written '<c r="A1"...' (as Excel, LibreOffice,
# openpyxl and xlsxwriter write them), the references read with numpy; anything else is parsed exactly.
_PREFIXED_CELL = re.compile(rb":c[\s/>]")  # '<x:c ...': a prefixed cell tag (or text that looks like one)
_TAG_AFTER_C = np.zeros(256, dtype=bool)
_TAG_AFTER_C[[9, 10, 13, 32, 47, 62]] = True  # '<c' then whitespace, '/' or '>': a cell tag
_TAG_WIDTH = 48  # bytes of a cell tag looked at: '<c r="XFD1048576" s="12345" t="inlineStr">' fits
_OFFSETS = np.arange(_TAG_WIDTH)
_RAW_TAIL_LIMIT = 1 << 20  # an unfinished tag longer than this is no spreadsheet


def _sheet_extent(pieces: Iterable[bytes], *, exact: bool = False) -> tuple[Extent | None, bool]:
    """(extent, whether a formula may lack its value) of a worksheet part read as a stream of pieces.

    The extent counts every cell tag (an upper bound: quick), or with `exact` only the cells with
    content. It is None where a cell is not written the usual way; the whole stream is read either way.
    """
    extent: Extent | None = Extent()
    prefix, patterns, formulas = None, None, False
    tail, formula_tail = b"", b""
    for piece in _with_end(pieces):
        text = tail + piece
        last = not piece
        if prefix is None and not last:
            root = _ROOT_PREFIX.search(text)
            if root is None and len(text) < _RAW_TAIL_LIMIT:
                tail = text
                continue
            prefix = (root.group(1) or b"") if root is not None else b"?"
            patterns = _suspect_formulas(prefix + b":" if prefix else b"") if root is not None else None
            if prefix:  # a namespace prefix on every tag (the OpenXML SDK writes x:c): parse exactly
                extent = None
        cut = len(text) if last else _complete(text)
        body, tail = text[:cut], text[cut:]
        if len(tail) > _RAW_TAIL_LIMIT:
            raise LoadRefused([error("corrupt_excel", detail="a sheet holds a tag of more than 1 MB")])
        if extent is not None:
            found = _cells_reach(body, exact)
            if found is None:
                extent = None
            else:
                extent.take(*found)
        if not formulas and not exact:
            window = formula_tail + body
            if patterns is None:
                formulas = True
            else:
                for pattern in patterns:
                    if any(last or m.end() < len(window) - 256 for m in pattern.finditer(window)):
                        formulas = True
                        break
            formula_tail = window[-512:]
    return extent, formulas


def _with_end(pieces: Iterable[bytes]) -> Iterator[bytes]:
    yield from pieces
    yield b""


def _complete(text: bytes) -> int:
    """Where the text stops holding whole tags: at its last '<' if that tag has not ended yet."""
    opening = text.rfind(b"<")
    return len(text) if opening < 0 or text.find(b">", opening) >= 0 else opening


def _cells_reach(body: bytes, exact: bool) -> tuple[int, int] | None:
    """(last row, last column), 1-based, of the cells in a piece of worksheet XML: all, or with `exact`
    those with content.

    A cell with content is one not written as an empty element (<c r="Z9" s="1"/> or <c r="Z9"></c>:
    a formatted empty cell, which the reader leaves out). None where a cell tag is written otherwise
    than '<c r="A1" ...>' (another attribute first, no reference, a prefix, a reference such as 'a1'
    or 'A01'; with `exact` also: an apostrophe, a '>' inside the tag, no '>' within _TAG_WIDTH bytes):
    that part is then parsed exactly. Each tag is looked at as a row of a (cells x _TAG_WIDTH) array.
    """
    size = len(body)
    if size == 0:
        return 0, 0
    if _PREFIXED_CELL.search(body):
        return None
    buf = np.frombuffer(body + b" " * (_TAG_WIDTH + 8), np.uint8)
    opening = np.flatnonzero(buf[:size] == 60)
    cells = opening[buf[opening + 1] == 99]
    cells = cells[_TAG_AFTER_C[buf[cells + 2]]]
    if cells.size == 0:
        return 0, 0
    tag = np.lib.stride_tricks.sliding_window_view(buf, _TAG_WIDTH if exact else 17)[cells]
    if not ((tag[:, 2] == 32) & (tag[:, 3] == 114) & (tag[:, 4] == 61) & (tag[:, 5] == 34)).all():
        return None
    reference = tag[:, 6:17]  # up to 3 letters, 7 digits and the closing quote
    letters = np.argmin((reference >= 65) & (reference <= 90), axis=1)
    digit = (reference >= 48) & (reference <= 57)
    end = np.argmin(digit | (_OFFSETS[:11] < letters[:, None]), axis=1)
    digits = end - letters
    picked = np.arange(cells.size)
    well = (letters >= 1) & (letters <= 3) & (digits >= 1) & (digits <= 7)
    well &= (reference[picked, end] == 34) & (reference[picked, letters] != 48)  # the quote; no leading zero
    if not well.all():
        return None
    if exact:
        # the tag's '>', with no apostrophe before it and the double quotes after '<c r="' odd (the
        # reference's closing one, then pairs): no '>' inside an attribute value
        rest = tag[:, 7:]
        closing = rest == 62
        close = np.argmax(closing, axis=1)
        if not closing[picked, close].all():
            return None
        before = close[:, None] > _OFFSETS[: rest.shape[1]]
        if ((rest == 39) & before).any() or not (((rest == 34) & before).sum(axis=1) % 2).all():
            return None
        at = cells + close + 7
        empty = buf[at - 1] == 47
        empty |= (buf[at + 1] == 60) & (buf[at + 2] == 47) & (buf[at + 3] == 99) & (buf[at + 4] == 62)  # <c></c>
        if empty.all():
            return 0, 0
        reference, letters, digits = reference[~empty], letters[~empty], digits[~empty]
    # the last column: the longest letters, the greatest among those (as a big-endian number)
    width = int(letters.max())
    longest = reference[letters == width, :width]
    packed = np.zeros((longest.shape[0], 4), np.uint8)
    packed[:, 4 - width :] = longest
    column = 0
    for letter in bytes(longest[np.argmax(packed.view(">u4").ravel())]):
        column = column * 26 + letter - 64
    # the last row: per length of the letters, the most digits, the greatest among those
    row = 0
    for width in range(int(letters.min()), int(letters.max()) + 1):
        group = letters == width
        if not group.any():
            continue
        most = int(digits[group].max())
        candidates = reference[group & (digits == most), width : width + most]
        packed = np.zeros((candidates.shape[0], 8), np.uint8)
        packed[:, 8 - most :] = candidates
        row = max(row, int(bytes(candidates[np.argmax(packed.view(">u8").ravel())])))
    return row, column


def _exact_sheet_extent(pieces: Iterable[bytes]) -> Extent:
    """The extent as the reader finds its cells: by reference, else by position in the row."""
    target = _CellPositions()
    parser = ElementTree.XMLParser(target=target)
    try:
        for piece in pieces:
            parser.feed(piece)
        parser.close()
    except ElementTree.ParseError as exc:
        raise LoadRefused([error("corrupt_excel", detail=str(exc)[:200])]) from exc
    return target.extent


_REFERENCE = re.compile(r"([A-Za-z]+)([0-9]+)")


class _CellPositions:
    """An ElementTree parser target: the extent of the cells with content (an element inside <c>).

    A cell without a reference follows the one before it in its row; a row without one follows the
    row before it (as the reader places them).
    """

    def __init__(self):
        self.extent = Extent()
        self.row = -1  # from 0
        self.column = -1
        self.cell: tuple[int, int] | None = None  # the open cell's place, from 0
        self.depth = 0  # elements open inside the cell
        self.content = False

    def start(self, tag, attributes):
        if self.cell is not None:
            self.depth += 1
            self.content = True
            return
        name = _local(tag)
        if name == "row":
            given = attributes.get("r", "")
            self.row = int(given) - 1 if given.isdigit() else self.row + 1
            self.column = -1
        elif name == "c":
            match = _REFERENCE.fullmatch(attributes.get("r", "").strip())
            if match:
                column = 0
                for letter in match.group(1).upper():
                    column = column * 26 + ord(letter) - 64
                place = (int(match.group(2)) - 1, column - 1)
            else:
                place = (max(self.row, 0), self.column + 1)
            self.cell, self.column, self.depth, self.content = place, place[1], 0, False

    def end(self, tag):
        if self.cell is None:
            return
        if self.depth:
            self.depth -= 1
            return
        if self.content:
            self.extent.take(self.cell[0] + 1, self.cell[1] + 1)
        self.cell = None

    def data(self, text):
        pass

    def close(self):
        return None


_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _ods_extents(pieces: Iterable[bytes]) -> dict[str, Extent]:
    """Per sheet (table) of an ODS content.xml, the extent the reader builds, with repeats counted.

    LibreOffice writes the empty rest of a sheet as repeated empty rows and cells (a row repeated
    1,048,553 times); the reader builds none of those, so only cells with content count, each as
    often as it is repeated, and a row with content as often as the row is.
    """
    target = _OdsCells()
    parser = ElementTree.XMLParser(target=target)
    try:
        for piece in pieces:
            parser.feed(piece)
        parser.close()
    except ElementTree.ParseError as exc:
        raise LoadRefused([error("corrupt_excel", detail=str(exc)[:200])]) from exc
    return target.sheets


def _repeat(attributes: dict, name: str) -> int:
    value = attributes.get(_TABLE_NS + name, "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


class _OdsCells:
    """An ElementTree parser target for content.xml: rows and cells of each table, repeats multiplied."""

    def __init__(self):
        self.sheets: dict[str, Extent] = {}
        self.table: Extent | None = None
        self.tables = 0  # tables open (a table inside a cell belongs to that cell)
        self.next_row = 0
        self.row: list[int] | None = None  # [first row, repeat, next column, last column with content]
        self.cell: list[int] | None = None  # [first column, repeat, content]
        self.depth = 0

    def start(self, tag, attributes):
        if self.cell is not None:
            self.depth += 1
            self.cell[2] = 1
            return
        if tag == _TABLE_NS + "table":
            self.tables += 1
            if self.tables == 1:
                name = attributes.get(_TABLE_NS + "name") or f"#{len(self.sheets) + 1}"
                self.table = self.sheets.setdefault(name, Extent())
                self.next_row = 0
        elif self.table is None:
            return
        elif tag == _TABLE_NS + "table-row":
            self.row = [self.next_row, _repeat(attributes, "number-rows-repeated"), 0, 0]
        elif self.row is not None and tag in (_TABLE_NS + "table-cell", _TABLE_NS + "covered-cell"):
            content = 1 if attributes.get(_OFFICE_NS + "value-type") else 0
            self.cell = [self.row[2], _repeat(attributes, "number-columns-repeated"), content]
            self.depth = 0

    def end(self, tag):
        if self.cell is not None:
            if self.depth:
                self.depth -= 1
                return
            first, repeat, content = self.cell
            self.row[2] = first + repeat
            if content:
                self.row[3] = first + repeat
            self.cell = None
        elif tag == _TABLE_NS + "table-row" and self.row is not None:
            first, repeat, _, last_column = self.row
            if last_column:
                self.table.take(first + repeat, last_column)
            self.next_row = first + repeat
            self.row = None
        elif tag == _TABLE_NS + "table":
            self.tables -= 1
            if self.tables == 0:
                self.table = None

    def data(self, text):
        if self.cell is not None and text.strip():
            self.cell[2] = 1

    def close(self):
        return None


def _read_excel(data: bytes, sheet: str | None, book: Workbook | None) -> Grid:
    def read(name: str):
        if book is not None:
            book.check(name)  # refused before the reader allocates the sheet
        return workbook.get_sheet_by_name(name)

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        visible = [m.name for m in workbook.sheets_metadata if str(m.visible).endswith("Visible")]
        sheets = visible or list(workbook.sheet_names)
        if sheet is not None and sheet not in workbook.sheet_names:
            raise LoadRefused([error("no_such_sheet", sheet=sheet, sheets=", ".join(sheets))])
        if sheet is not None:
            chosen, data_sheet = sheet, read(sheet)
        else:
            chosen, data_sheet = _first_sheet_with_data(read, sheets)
        rows = data_sheet.to_python(skip_empty_area=False)
        merged = list(data_sheet.merged_cell_ranges or [])
    except (LoadRefused, MemoryError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine raises several types for damaged files, a Rust panic among them
        raise LoadRefused([error("corrupt_excel", detail=str(exc)[:200])]) from exc
    rows = [r if type(r) is list else list(r) for r in rows]
    grid = Grid(rows, "excel", chosen, sheets, merged=merged)
    if book is not None and book.kind == "xlsx":
        mentions = book.parts.get(chosen) in book.formula_parts if chosen in book.parts else None
        found = formulas_without_value(data, chosen, mentions=mentions)
        if found.cells:
            outcome = work_out(rows, found.cells, chosen)
            grid.uncalculated = list(found.cells)
            grid.worked_out, grid.not_worked_out = outcome.worked_out, outcome.not_worked_out
            grid.too_many_formulas = len(found.cells) if found.capped else 0
    return grid


def _first_sheet_with_data(read, sheets: list[str]) -> tuple[str, object]:
    """The first sheet with more than one row, and that sheet as read (reading a sheet parses all of it)."""
    first = None
    for name in sheets:
        data_sheet = read(name)
        if data_sheet.height > 1:
            return name, data_sheet
        first = first or (name, data_sheet)
    return first if first is not None else (sheets[0], read(sheets[0]))


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else cp1252 (Excel NL 'CSV')."""
    text, encoding, _ = decode_lines(data)
    return text, encoding


_NOT_UTF8 = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, decoded with surrogateescape


def decode_lines(data: bytes) -> tuple[str, str, list[int]]:
    """(text, encoding, lines): as decode(), and the lines (1-based) read otherwise than `encoding`.

    A text that is UTF-8 but for a few lines (one line pasted from a Windows program: 0x80 for the
    euro sign) is read line by line: the UTF-8 lines as UTF-8, the others as cp1252. The encoding
    is that of most such lines, and the lines read the other way are named: the cp1252 lines of a
    UTF-8 text, or the UTF-8 lines of a cp1252 text. A text in which nothing reads as UTF-8 beyond
    ASCII is cp1252 throughout (Excel NL), with no lines named.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16", []
    body, encoding = (data[3:], "utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else (data, "utf-8")
    try:
        return body.decode("utf-8"), encoding, []
    except UnicodeDecodeError:
        pass
    sequences = _utf8_sequences(body)
    if encoding == "utf-8" and not sequences.size:
        return body.decode("cp1252", errors="replace"), "cp1252", []
    text = body.decode("utf-8", errors="surrogateescape")
    pieces, recoded = [], []
    done = line = 0  # text[:done] is decoded; `line` breaks lie before `done`
    has_cr = "\r" in text
    for bad in _NOT_UTF8.finditer(text):
        if bad.start() < done:
            continue  # on a line recoded already
        start = text.rfind("\n", done, bad.start())
        stop = text.find("\n", bad.end())
        stop = len(text) if stop < 0 else stop
        if has_cr:
            start = max(start, text.rfind("\r", done, bad.start()))
            cr = text.find("\r", bad.end(), stop)
            stop = stop if cr < 0 else cr
        start += 1
        before = text[done:start]
        line += before.count("\n") + before.count("\r") - before.count("\r\n")
        recoded.append(line + 1)
        pieces += [before, text[start:stop].encode("utf-8", "surrogateescape").decode("cp1252", errors="replace")]
        done = stop
    pieces.append(text[done:])
    text = "".join(pieces)
    buf = np.frombuffer(body, np.uint8)
    ends, _ = _line_ends(buf, b"\r" in body)
    utf8_lines = sorted(set((np.searchsorted(ends, sequences) + 1).tolist()) - set(recoded))
    if encoding == "utf-8" and len(recoded) > len(utf8_lines):  # mostly cp1252, a few lines in UTF-8
        return text, "cp1252", utf8_lines
    return text, encoding, recoded


def _utf8_sequences(body: bytes) -> np.ndarray:
    """Where the bytes hold what looks like a UTF-8 sequence beyond ASCII: a lead byte and its
    continuation bytes (a quick look in numpy; the decoder decides per line)."""
    buf = np.frombuffer(body, np.uint8)
    lead = np.flatnonzero(buf >= 0xC2)
    lead = lead[buf[lead] <= 0xF4]
    if not lead.size:
        return lead
    size, first = buf.size, buf[lead]

    def continued(k: int) -> np.ndarray:
        at = lead + k
        return (at < size) & ((buf[np.minimum(at, size - 1)] & 0xC0) == 0x80)

    return lead[continued(1) & ((first < 0xE0) | continued(2)) & ((first < 0xF0) | continued(3))]


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most consistent, fields."""
    lines = [line for line in _first_lines(text, 50) if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) - 1 for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # a field beyond the csv module's limit with this delimiter: not the one
            continue
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
    text, encoding, recoded = decode_lines(data)
    delimiter = detect_delimiter(text)
    grid = None
    if len(text) >= 1 << 16:  # below this the csv module is about as fast
        utf8 = data if encoding == "utf-8" and not recoded else text.encode("utf-8")
        counts = text_field_counts(utf8, delimiter)
        if counts is not None:
            _check_text_extent(counts)  # before anything is split
            columns = _read_text_columns(text, utf8, delimiter)
            if columns is not None and len(counts) == len(columns[0]):  # else the csv module reads it
                rows = ColumnRows(columns, text_only=True)
                grid = Grid(rows, "text", encoding=encoding, delimiter=delimiter, field_counts=counts)
    if grid is None:
        rows = _csv_rows(text, delimiter)
        counts = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        _check_text_extent(counts)
        grid = Grid(rows, "text", encoding=encoding, delimiter=delimiter, field_counts=counts)
    if recoded:
        grid.recoded_rows = _rows_of_lines(text, delimiter, recoded)
    return grid


def _csv_rows(text: str, delimiter: str) -> list[list[str]]:
    """The rows as the csv module reads them (each a new list); a row it refuses is named, and so is a row
    of more than MAX_COLUMNS fields, before more is read."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                raise LoadRefused(
                    [error("too_many_fields", row=len(rows) + 1, fields_count=len(row), limit_count=MAX_COLUMNS)]
                )
            rows.append(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            problem = error("field_too_long", row=len(rows) + 1, limit_count=csv.field_size_limit())
        else:
            problem = error("csv_unreadable", row=len(rows) + 1, detail=str(exc)[:200])
        raise LoadRefused([problem]) from exc
    return rows


def _check_text_extent(counts: np.ndarray) -> None:
    """A text is held to the limits of a sheet: MAX_COLUMNS fields in a row, MAX_CELLS in the grid."""
    if not counts.size:
        return
    width = int(counts.max())
    if width > MAX_COLUMNS:
        row = int(np.argmax(counts > MAX_COLUMNS))
        raise LoadRefused(
            [error("too_many_fields", row=row + 1, fields_count=int(counts[row]), limit_count=MAX_COLUMNS)]
        )
    if counts.size * width > MAX_CELLS:
        cells = int(counts.size) * width
        problem = error(
            "text_too_many_cells",
            rows_count=int(counts.size),
            columns_count=width,
            cells_count=cells,
            limit_count=MAX_CELLS,
        )
        raise LoadRefused([problem])


def _rows_of_lines(text: str, delimiter: str, lines: list[int]) -> list[int]:
    """The rows (records) the given lines belong to: the same numbers unless a quoted field holds a line break."""
    if '"' not in text:
        return lines
    rows, wanted = [], iter(lines)
    target = next(wanted, None)
    record = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for _ in reader:
            record += 1
            while target is not None and target <= reader.line_num:
                rows.append(record)
                target = next(wanted, None)
            if target is None:
                break
    except csv.Error:
        pass
    while target is not None:
        rows.append(target)
        target = next(wanted, None)
    return sorted(set(rows))


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
    if (
        len(text) > limit
        and _longest_field_bound(data, len(columns[0])) > limit
        and any(max(map(len, column), default=0) > limit for column in columns)
    ):
        return None
    return columns


def _longest_field_bound(data: bytes, records: int) -> int:
    """A length no field of the records read from UTF-8 `data` exceeds: the longest line in bytes
    (a character is at least a byte) when every record is one line (as many records as lines), else
    the length of the whole text."""
    buf = np.frombuffer(data, np.uint8)
    breaks = np.flatnonzero(buf == 10)
    ends = breaks if data.endswith(b"\n") else np.append(breaks, len(data))
    if len(ends) != records:  # a quoted field over several lines, or lines a lone \r ends
        return len(data)
    return int(np.diff(ends, prepend=-1).max()) - 1


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


MAX_UNCALCULATED = 500_000
MAX_FORMULA_TEXT = 20_000_000  # characters of formulas kept, for all such cells together
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


@dataclass
class FormulaCells:
    """The formula cells of a sheet that hold no calculated value.

    cells: (row, column) from 0 -> (the formula without '=', None where unknown; the cell it is
    written for: itself, or the first cell of the shared formula it belongs to). capped: more than
    MAX_UNCALCULATED cells; the rest were not looked at.
    """

    cells: dict[tuple[int, int], tuple[str | None, tuple[int, int]]] = field(default_factory=dict)
    capped: bool = False


def uncalculated_formulas(data: bytes, sheet: str, *, mentions: bool | None = None) -> list[tuple[int, int]]:
    """(row, column) of the cells of `sheet` in an .xlsx/.xlsm with a formula and no calculated value."""
    return list(formulas_without_value(data, sheet, mentions=mentions).cells)


def formulas_without_value(data: bytes, sheet: str, *, mentions: bool | None = None) -> FormulaCells:
    """The cells of `sheet` in an .xlsx/.xlsm with a formula and no calculated value, and their formulas.

    Excel stores each formula's last result next to it; openpyxl and pandas write the formula alone,
    and readers that do not calculate (calamine) see an empty cell. Read as a stream, at most
    MAX_UNCALCULATED cells; none for another kind of file or a part that cannot be read. `mentions`:
    whether the part may hold such a formula, where inspect_archive has looked already.
    """
    if mentions is False:
        return FormulaCells()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, sheet)
            if part is None or mentions is None and not _mentions_formula(archive, part):
                return FormulaCells()
            with archive.open(part) as stream:
                found = _quick_formula_cells(stream)
            if found is None:  # not written the usual way: parsed
                with archive.open(part) as stream:
                    found = _formula_cells_without_value(stream)
            return found
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError, EOFError):
        return FormulaCells()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip name of a sheet's XML, by its name: xl/workbook.xml gives the r:id, the rels the target."""
    return _sheet_parts(archive, archive.read).get(sheet)


def _sheet_parts(archive: zipfile.ZipFile, read) -> dict[str, str]:
    """Sheet name -> the zip name of its XML, for every sheet the workbook lists ({} where unreadable)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    try:
        relations = {}
        for element in ElementTree.fromstring(read("xl/workbook.xml")).iter():
            if _local(element.tag) == "sheet" and element.get("name") is not None:
                relation = element.get(_REL_NS + "id") or next(
                    (v for k, v in element.attrib.items() if _local(k) == "id"), None
                )
                relations.setdefault(relation, []).append(element.get("name"))
        parts = {}
        for element in ElementTree.fromstring(read("xl/_rels/workbook.xml.rels")).iter():
            if _local(element.tag) == "Relationship" and element.get("Id") in relations:
                target = element.get("Target") or ""
                if target.startswith("/"):
                    part = posixpath.normpath(target.lstrip("/"))
                else:
                    part = posixpath.normpath(posixpath.join("xl", target))
                if part in names and part.endswith(".xml"):
                    for sheet in relations[element.get("Id")]:
                        parts.setdefault(sheet, part)
        return parts
    except ElementTree.ParseError:
        return {}


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


_QUICK_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"([^>]*)>')
_AFTER_F = {b" ", b">", b"/", b"\t", b"\n", b"\r"}  # '<f' then one of these: a formula tag
_TYPE_STR = re.compile(rb'\st="str"')
_SHARED = re.compile(rb'\st="shared"')
_SHARED_INDEX = re.compile(rb'\ssi="([^"]*)"')
_COLUMN_INDEX: dict[bytes, int] = {}  # b'AB' -> 27, as the quick look meets them
_QUICK_PIECE = 1 << 22
_QUICK_TAIL_LIMIT = 1 << 24  # a row longer than this is parsed instead


def _quick_formula_cells(stream) -> FormulaCells | None:
    """What _formula_cells_without_value finds, read from the bytes of a sheet written the usual way
    (Excel, openpyxl, xlsxwriter: no namespace prefix, every cell '<c r="A1" ...>', no CDATA or
    comments): each formula tag is found by a regular expression and only its own cell is read, so a
    sheet of many cells and few formulas is not parsed tag by tag. None where the sheet is written
    otherwise; it is then parsed."""
    cells = _FormulaCells()
    tail, root = b"", None
    try:
        while True:
            piece = stream.read(_QUICK_PIECE)
            text = tail + piece
            if root is None:
                root = _ROOT_PREFIX.search(text)
                if root is None or root.group(1):
                    return None
            if piece:
                cut = text.rfind(b"</row>")
                if cut < 0:
                    if len(text) > _QUICK_TAIL_LIMIT:
                        return None
                    tail = text
                    continue
                body, tail = text[: cut + 6], text[cut + 6 :]
            else:
                body, tail = text, b""
            if b"<![CDATA[" in body or b"<!--" in body:
                return None
            if not _quick_cells_of(body, cells):
                return None
            if not piece:
                break
    except _EnoughCells:
        return _resolved(cells, capped=True)
    return _resolved(cells, capped=False)


def _quick_cells_of(body: bytes, cells: _FormulaCells) -> bool:
    """The formula cells of a piece of sheet XML of whole rows, added to `cells`; False where a formula's
    cell is not written '<c r="A1" ...>' ... '</c>'."""
    at = -1
    while (at := body.find(b"<f", at + 1)) >= 0:
        if body[at + 2 : at + 3] not in _AFTER_F:
            continue  # another tag: <fill>, <font>
        start = body.rfind(b"<c ", 0, at)
        cell = _QUICK_CELL.match(body, start) if start >= 0 else None
        if cell is None or cell.group(3).endswith(b"/") or body.find(b"</c>", cell.end(), at) >= 0:
            return False
        end = body.find(b"</c>", at)
        if end < 0:
            return False
        content = body[cell.end() : end]
        formula = at - cell.end()
        at = end  # one formula to a cell
        close = content.find(b">", formula)
        if close < 0:
            return False
        tag = content[formula:close]
        if tag.endswith(b"/"):
            text = None
        else:
            stop = content.find(b"</f>", close)
            if stop < 0 or b"<" in content[close + 1 : stop]:
                return False
            raw = content[close + 1 : stop]
            if b"\r" in raw:  # as an XML parser reads line ends
                raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            text = raw.decode("utf-8")
            text = (html.unescape(text) if "&" in text else text) or None
        shared = None
        if _SHARED.search(tag):
            index = _SHARED_INDEX.search(tag)
            shared = index.group(1).decode("utf-8") if index else None
        value = False
        v = content.find(b"<v")
        if v >= 0:
            v_close = content.find(b">", v)
            if v_close < 0:
                return False
            if content[v_close - 1 : v_close] == b"/":
                value = bool(_TYPE_STR.search(cell.group(3)))
            else:
                v_end = content.find(b"</v>", v_close)
                if v_end < 0:
                    return False
                value = v_end > v_close + 1 or bool(_TYPE_STR.search(cell.group(3)))
        letters = cell.group(1)
        column = _COLUMN_INDEX.get(letters)
        if column is None:
            column = _COLUMN_INDEX[letters] = cell_index(letters.decode("ascii") + "1")[1]
        cells.add((int(cell.group(2)) - 1, column), text, shared, value)
    return True


def _formula_cells_without_value(stream) -> FormulaCells:
    """Parse the sheet as a stream of tags (no tree is built, so memory stays the same for any size)."""
    cells = _FormulaCells()
    parser = ElementTree.XMLParser(target=cells)
    capped = False
    try:
        while chunk := stream.read(1 << 20):
            parser.feed(chunk)
        parser.close()
    except _EnoughCells:
        capped = True
    return _resolved(cells, capped)


def _resolved(cells: _FormulaCells, capped: bool) -> FormulaCells:
    """The cells found, each with its formula: a cell of a shared formula with that of its first cell."""
    found = {}
    for place, text, shared in cells.found:
        if text is None and shared is not None:  # a cell sharing the formula of an earlier cell
            text, anchor = cells.shared.get(shared, (None, place))
        else:
            anchor = place
        found[place] = (text, anchor)
    return FormulaCells(found, capped)


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
    """An ElementTree parser target: the cells with an <f> and no <v> with text, (row, column) from 0,
    each with its formula's text (None for a cell that shares the formula of an earlier cell) and the
    index of the shared formula it belongs to; and the text and first cell of every shared formula.

    An empty <v> of a cell of type str is a value: Excel writes the result "" of a formula so.
    """

    def __init__(self):
        self.found: list[tuple[tuple[int, int], str | None, str | None]] = []
        self.shared: dict[str, tuple[str, tuple[int, int]]] = {}  # si -> (text, first cell)
        self.row = -1  # the row and cell now read, for rows and cells written without a reference
        self.last_reference: str | None = None  # of the last cell of this row with one
        self.unreferenced = 0  # cells of this row since that one
        self.reference: str | None = None
        self.text_type = self.formula = self.value = self.in_value = self.in_formula = False
        self.formula_text: list[str] = []
        self.shared_index: str | None = None
        self.kept = 0  # characters of formula text kept so far

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
            self.formula_text, self.shared_index = [], None
        elif name == "f":
            self.formula = self.in_formula = True
            if attributes.get("t") == "shared":
                self.shared_index = attributes.get("si")
        elif name == "v":
            self.in_value = True
        elif name == "row":
            given = attributes.get("r")
            self.row = int(given) - 1 if given and given.isdigit() else self.row + 1
            self.last_reference, self.unreferenced = None, 0

    def data(self, text):
        if self.in_value and text:
            self.value = True
        elif self.in_formula:
            self.formula_text.append(text)
            if len(self.formula_text) > 64:  # a formula written in many pieces: joined as it comes
                self.formula_text = ["".join(self.formula_text)]

    def end(self, tag):
        name = _SHEET_TAGS.get(tag)
        if name == "v":
            self.in_value = False
            if self.text_type:
                self.value = True
        elif name == "f":
            self.in_formula = False
        elif name == "c" and self.formula:
            self.add(self._place(), "".join(self.formula_text) or None, self.shared_index, self.value)

    def add(self, place: tuple[int, int], text: str | None, shared: str | None, value: bool) -> None:
        """A formula cell: kept where it has no value; the first cell of a shared formula kept either way."""
        if shared is not None and text is not None and shared not in self.shared:
            self.shared[shared] = (text, place)
        if value:
            return
        self.kept += len(text or "")
        self.found.append((place, text, shared))
        if len(self.found) >= MAX_UNCALCULATED or self.kept > MAX_FORMULA_TEXT:
            raise _EnoughCells

    def _place(self) -> tuple[int, int]:
        place = cell_index(self.reference) if self.reference else None
        if place is not None:
            return place
        known = cell_index(self.last_reference) if self.last_reference else None
        return self.row, (known[1] if known else -1) + self.unreferenced

    def close(self):
        return None
