"""What the number formats of a workbook's amount cells say: the currency a cell shows ('"£"#,##0.00',
'[$€-413] #.##0', '[$$-1009]') where the header and the cells' text say none.

Read straight from the workbook's XML (styles and the first rows of the sheet), never through a whole
workbook load: a few hundred kilobytes at most, whatever the size of the file.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from portfolio.currencies import CODES

# Excel's built-in currency formats (numFmtId 5-8, 163-...) are locale dependent; only custom codes
# written in the file say a currency for certain.
_LOCALE_DOLLARS = {"409": "USD", "1009": "CAD", "c09": "AUD", "1409": "NZD", "2809": "USD"}
SCAN_BYTES = 512 * 1024  # of the sheet's XML: the first rows below the header are enough


def format_currency(code: str) -> tuple[str | None, bool]:
    """(currency, assumed) a number format shows; assumed when it is a bare '$' (may be USD, CAD, AUD)."""
    text = code.replace("\\", "")
    bracket = re.search(r"\[\$([^\]-]*)(?:-([0-9A-Fa-f]+))?\]", text)
    if bracket:
        sign, locale = bracket.group(1).strip(), (bracket.group(2) or "").lower()
        if sign.upper() in CODES:
            return sign.upper(), False
        if sign == "€":
            return "EUR", False
        if sign == "£":
            return "GBP", False
        if "$" in sign:
            if sign.upper() in ("US$", "USD"):
                return "USD", False
            if locale in _LOCALE_DOLLARS:
                return _LOCALE_DOLLARS[locale], False
            return "USD", True
    literal = " ".join(re.findall(r'"([^"]*)"', text)) + " " + re.sub(r'"[^"]*"', " ", text)
    if "€" in literal or re.search(r"\bEUR\b", literal):
        return "EUR", False
    if "£" in literal or re.search(r"\bGBP\b", literal):
        return "GBP", False
    for code_name in CODES:  # vocabulary.toml [currencies], as a cell's text is read (portfolio/currencies.py)
        if re.search(rf"\b{code_name}\b", literal):
            return code_name, False
    if "$" in literal:
        return "USD", True
    return None, False


def format_scale(code: str) -> int:
    """How much a number format divides a value by for display: '#,##0,' and '#,##0,"k"' show thousands
    (1000), '0.0,,"m"' millions; 1 when it shows the value as it is."""
    section = code.split(";")[0]
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)  # quoted text, escapes, [$€-413] and colours
    match = re.search(r"[0#?](,+)(?![0#?])", section)
    return 1000 ** len(match.group(1)) if match else 1


def currencies_of(found: dict[int, tuple]) -> dict[int, tuple]:
    """column index -> (currency, assumed) that the number formats column_formats found show, for the
    columns whose formats name a currency."""
    return {i: shown for i, (shown, _, _) in found.items() if shown[0]}


def format_unit(code: str) -> int:
    """The multiplier a format's own text names for values it shows unscaled ('#,##0 "k€"', '0.0" mln"'):
    the cells then hold thousands or millions; 1 when it names none or scales the value itself."""
    from portfolio.amounts import header_unit

    if format_scale(code) != 1:
        return 1
    literal = " ".join(re.findall(r'"([^"]*)"', code.split(";")[0]))
    return header_unit(f"({literal.strip()})").multiplier if literal.strip() else 1


def scales_of(found: dict[int, tuple], columns: list[int]) -> dict[int, tuple[int, int]]:
    """column index (of `columns`) -> (display scale, multiplier named in the format's text) that the number
    formats column_formats found share, where either is not 1."""
    return {i: (scale, unit) for i, (_, scale, unit) in found.items() if i in columns and (scale > 1 or unit > 1)}


def column_formats(data: bytes, sheet: str | None, columns: list[int], first_row: int) -> dict[int, tuple]:
    """column index -> ((currency, assumed), scale, unit) of the number formats of its cells from first_row
    (1-based) on, for the columns whose formatted cells all agree; {} for anything that is no readable xlsx.
    Each format code is read once (a sheet repeats a few codes in every row: 0.3 s of a 50,000-row workbook)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as book:
            formats = _cell_formats(book)
            path = _sheet_path(book, sheet)
            if not formats or path is None:
                return {}
            with book.open(path) as handle:
                xml = handle.read(SCAN_BYTES).decode("utf-8", "ignore")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return {}
    wanted = set(columns)
    read: dict[str, tuple] = {}
    seen: dict[int, set] = {}
    for match in _CELL.finditer(xml):
        letters, row, style = match.group(1), int(match.group(2)), match.group(3)
        if row < first_row or style is None:
            continue
        index = _column_index(letters)
        if index in wanted and int(style) < len(formats) and formats[int(style)]:
            code = formats[int(style)]
            if code not in read:
                read[code] = (format_currency(code), format_scale(code), format_unit(code))
            seen.setdefault(index, set()).add(read[code])
    return {index: next(iter(found)) for index, found in seen.items() if len(found) == 1}


_CELL = re.compile(r'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"(?:[^>]*?\bs="(\d+)")?')


def _column_index(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - 64
    return value - 1


def _cell_formats(book: zipfile.ZipFile) -> list[str | None]:
    """Per cell style (cellXfs order), its custom number format code, or None."""
    try:
        styles = book.read("xl/styles.xml").decode("utf-8", "ignore")
    except KeyError:
        return []
    codes = {
        m.group(1): _unescape(m.group(2))
        for m in re.finditer(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)
    }
    codes.update(
        {
            m.group(2): _unescape(m.group(1))
            for m in re.finditer(r'<numFmt\b[^>]*formatCode="([^"]*)"[^>]*numFmtId="(\d+)"', styles)
        }
    )
    xfs = re.search(r"<cellXfs\b.*?</cellXfs>", styles, re.S)
    if not xfs:
        return []
    out = []
    for xf in re.finditer(r"<xf\b[^>]*>", xfs.group()):
        number = re.search(r'numFmtId="(\d+)"', xf.group())
        out.append(codes.get(number.group(1)) if number else None)
    return out


def _unescape(text: str) -> str:
    return text.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _sheet_path(book: zipfile.ZipFile, sheet: str | None) -> str | None:
    """The XML part of a sheet by name (the first sheet when None)."""
    try:
        workbook = book.read("xl/workbook.xml").decode("utf-8", "ignore")
        rels = book.read("xl/_rels/workbook.xml.rels").decode("utf-8", "ignore")
    except KeyError:
        return None
    sheets = re.findall(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"', workbook)
    if not sheets:
        return None
    rid = next((r for name, r in sheets if _unescape(name) == sheet), sheets[0][1]) if sheet else sheets[0][1]
    target = re.search(rf'<Relationship\b[^>]*?Id="{re.escape(rid)}"[^>]*?Target="([^"]*)"', rels) or re.search(
        rf'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="{re.escape(rid)}"', rels
    )
    if not target:
        return None
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else f"xl/{path}"
