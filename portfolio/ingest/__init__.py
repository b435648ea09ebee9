"""From an uploaded export to reports in the database: understand, validate, then commit in one transaction.

`parse_export` never writes; it returns what it understood (mapping, units, locale, stories per report)
with every problem found. `commit` writes all reports of one export in a single transaction, so a
failure leaves the database exactly as it was. The app, the command line and the demo loader all
take this one path.

The work is split along its seams: `model` (what an export becomes), `cells` (reading cells, column by
column), `header` (header row, metadata, profile, currency, locale), `checks` (what the grid and the
columns must pass: ragged rows, formulas, units, choices said), `records` (story rows, duplicates,
reports, totals rows) and `commit` (writing). Everything callers use is importable from here.
"""

from __future__ import annotations

import datetime as dt
import re

from portfolio.amounts import EN, NL, SPACES, header_unit
from portfolio.ingest.cells import _Body, _pad, _parse_date, _text, _trim
from portfolio.ingest.checks import (
    SAMPLE_ROWS,
    _check_formulas,
    _check_ragged,
    _check_units,
    _mixed_cell_currencies,
    _say_choices,
    _unit_column,
)
from portfolio.ingest.columns import (
    _apply_format_units,
    _say_currency,
    _say_passed_over,
    _say_what_tells_them_apart,
)
from portfolio.ingest.commit import commit, ensure_loadable, same_file_elsewhere
from portfolio.ingest.formats import column_formats, currencies_of, scales_of
from portfolio.ingest.header import (
    _apply_profile,
    _currency,
    _find_header,
    _locale,
    _metadata,
    header_groups,
    transposed_fields,
    turned,
    unit_row,
)
from portfolio.ingest.model import (
    FRAME_COLUMNS,
    IMPLAUSIBLE_AMOUNT,
    STORY_COLUMNS,
    TOTAL_WORDS,
    Committed,
    ParsedExport,
    ReportDraft,
    _safe_name,
    checksum,
)
from portfolio.ingest.records import (
    _check_parents,
    _check_totals_rows,
    _records,
    _split_reports,
    _stacked_periods,
    _subtotals_by_value,
    _without_duplicates,
    story_frame,
)
from portfolio.mapping import AMOUNT_FIELDS, STORY_FIELDS, combine_header, detect_columns
from portfolio.problems import LoadRefused, Problem, error, info, warning
from portfolio.reading import ColumnRows, read_grid


def parse_export(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    programme: str | None = None,
    report_date: dt.date | str | None = None,
    unit: int | None = None,
    currency: str | None = None,
    locale: str | None = None,
    period: str | None = None,
    transpose: bool = False,
    header_row: int | None = None,
) -> ParsedExport:
    """Understand an export without writing anything. Problems are collected, not raised.

    `mapping` (field -> header text) overrides detection, as a saved profile or the mapping screen does.
    `programme`, `report_date` fill what the file does not say; `unit` applies to amount columns whose
    header declares no unit; `locale` ('nl' or 'en') overrides the detected number notation.
    """
    parsed = ParsedExport(filename=_safe_name(filename), checksum=checksum(data))
    try:
        grid = read_grid(data, filename, sheet)
    except LoadRefused as refused:
        parsed.problems.extend(refused.problems)
        return parsed
    parsed.grid_kind, parsed.sheet, parsed.sheets = grid.kind, grid.sheet, grid.sheets
    parsed.encoding, parsed.delimiter = grid.encoding, grid.delimiter
    if grid.recoded_rows:  # lines in the other encoding (cp1252 in UTF-8, or UTF-8 in cp1252): named
        shown = ", ".join(map(str, grid.recoded_rows[:10])) + (" …" if len(grid.recoded_rows) > 10 else "")
        key = "mixed_encoding_utf8" if grid.encoding == "cp1252" else "mixed_encoding"
        parsed.problems.append(warning(key, rows=shown, count=len(grid.recoded_rows)))
    rows = _trim(grid.rows)
    if not rows:
        parsed.problems.append(error("empty_file"))
        return parsed
    if transpose:  # field names down column A, a story per column: read turned, as the user confirmed
        down = transposed_fields(rows, None) or [(1, "", "")]
        first = down[0][0] - 1  # title and 'key: value' lines above the first field stay above
        rows = _trim([list(r) for r in rows[:first]] + turned(rows[first:]))
        grid.field_counts, grid.merged = None, []
        grid.uncalculated = [(column, row) for row, column in grid.uncalculated]
        parsed.problems.append(info("read_turned"))
    if header_row is not None and 1 <= header_row <= len(rows):
        header_index = header_row - 1  # the user said which row holds the headers
    else:
        header_index = _find_header(rows, mapping)
    if not transpose and not mapping:
        down = transposed_fields(rows, header_index)
        if down is not None:
            shown = "; ".join(f"A{row} '{text[:40]}'" for row, text, _ in down[:6])
            parsed.problems.append(error("transposed_layout", fields=shown, count=len(down)))
            return parsed
    if header_index is None:
        if sheet is None and grid.kind == "excel" and len(grid.sheets or []) > 1:
            # a cover sheet ('Voorblad') first: the first other sheet with a header row is the export, said so
            for other in grid.sheets:
                if other == grid.sheet:
                    continue
                found = parse_export(
                    data, filename, sheet=other, mapping=mapping, programme=programme, report_date=report_date,
                    unit=unit, currency=currency, locale=locale, period=period, transpose=transpose,
                )  # fmt: skip
                if not any(p.key in ("no_header", "empty_file") for p in found.errors):
                    found.problems.insert(0, info("sheet_passed_over", sheet=grid.sheet, chosen=other))
                    return found
        parsed.problems.append(error("no_header", seen=_rows_seen(rows)))
        return parsed
    parsed.header_row = header_index + 1
    width = len(rows.columns) if isinstance(rows, ColumnRows) else max(map(len, rows))
    subs = [_text(c) or "" for c in _pad(rows[header_index], width)]
    below = unit_row(rows, header_index, width)  # 'Budget' above '€ k': the unit is part of the header
    if below is not None:
        subs = [f"{sub} ({unit})" if unit and sub else sub for sub, unit in zip(subs, below)]
    groups = header_groups(rows, header_index, width, grid.merged)
    parts = [(groups[i] if groups else None, subs[i]) for i in range(width)]
    headers = [combine_header(group, sub) for group, sub in parts]
    parsed.headers = headers
    meta = _metadata(rows[: header_index - (1 if groups else 0)])
    parsed.title = meta.get("title")
    first = header_index + (2 if below is not None else 1)  # the first row below the header (and its units)
    body = _Body(rows[first:], first + 1, width)
    if below is not None:
        parsed.problems.append(info("unit_row", row=header_index + 2))
    if mapping:
        parsed.mapping = _apply_profile(mapping, headers, parsed, subs)
    else:
        filled = [body.filled(c) for c in range(width)]
        samples = [[t for t in map(_text, body.columns[c][:SAMPLE_ROWS]) if t] for c in range(width)]
        parsed.mapping, choices, roles, parsed.passed_over = detect_columns(parts, filled, samples)
        _say_choices(parsed, choices, roles)
        _say_passed_over(parsed, parsed.passed_over, chosen_by_user=False)
    if parsed.errors:  # a profile that does not fit: its own messages say why
        return parsed
    if "code" not in parsed.mapping and "title" not in parsed.mapping:
        parsed.problems.append(error("no_identifier", row=parsed.header_row))
    if not any(f in parsed.mapping for f in AMOUNT_FIELDS + ("status",)):
        parsed.problems.append(error("no_measure", row=parsed.header_row))
    _check_ragged(grid, rows, header_index, parsed)
    _check_formulas(grid, header_index, parsed)
    if parsed.errors:
        return parsed

    declared = {f: header_unit(headers[i]) for f, i in parsed.mapping.items() if f in AMOUNT_FIELDS}
    column_unit = _unit_column(body, parts, parsed) if unit is None else None
    if column_unit is not None and column_unit.currency and not meta.get("currency"):
        meta["currency"] = column_unit.currency
    given = unit if unit is not None else (column_unit.multiplier if column_unit else None)
    parsed.units = {f: (u.multiplier if u.multiplier != 1 or given is None else given) for f, u in declared.items()}
    in_workbook = grid.kind == "excel" and not transpose  # number formats by the sheet's own columns
    amount_columns = [parsed.mapping[f] for f in declared]
    # the sheet's styles and first rows read once, for the amounts' scales and every column's currency
    shown = column_formats(data, grid.sheet, list(parsed.mapping.values()), first + 1) if in_workbook else {}
    declared = _apply_format_units(parsed, declared, scales_of(shown, amount_columns), given)
    formats = currencies_of(shown)
    parsed.currency, source, assumed = _currency(currency, meta, declared, body, parsed.mapping, formats)
    _say_currency(parsed, source, assumed, declared, formats)
    _mixed_cell_currencies(body, parsed)
    if parsed.errors:
        return parsed
    for name, found in declared.items():
        if found.unread:
            header = parsed.headers[parsed.mapping[name]]
            parsed.problems.append(warning("unit_not_understood", column=header, text=found.unread))
    parsed.locale = locale
    if not locale:
        parsed.locale, either, agreed = _locale(grid, body, parsed.mapping)
        if either is not None:  # a guess, said: '1.250' is 1250 or 1.25 and nothing else in the file tells
            parsed.problems.append(_locale_assumed(either, parsed.locale, agreed))
    columns, totals_rows = _records(body, parsed)
    if parsed.errors:
        return parsed
    _check_units(columns, declared, given, parsed)
    if not len(columns["code"]):
        parsed.problems.append(error("no_data_rows", row=parsed.header_row))
        return parsed
    frame = story_frame(columns, FRAME_COLUMNS)
    fallback_date = _parse_date(report_date) if report_date is not None else meta.get("report_date")
    frame = _stacked_periods(frame, parsed, period, fallback_date is not None)
    if parsed.errors:
        return parsed
    frame = _without_duplicates(frame, parsed)
    _say_what_tells_them_apart(frame, body, parsed)
    frame = _subtotals_by_value(frame, parsed)
    _check_totals_rows(totals_rows, frame, parsed)
    fallback_programme = programme or meta.get("programme")
    parsed.reports = _split_reports(frame, fallback_programme, fallback_date, parsed)
    for report in parsed.reports:
        _check_parents(report, parsed)
    return parsed


def _rows_seen(rows, limit: int = 4) -> str:
    """The first rows with text, as a refusal shows them: "row 1: 'Kolom 1', 'Kolom 2', …; row 2: …"."""
    shown = []
    for index in range(min(len(rows), HEADER_SCAN)):
        cells = [t for t in (_text(c) for c in rows[index]) if t]
        if cells:
            texts = ", ".join(f"'{c[:25]}'" for c in cells[:5]) + (", …" if len(cells) > 5 else "")
            shown.append(f"{index + 1}: {texts}")
        if len(shown) >= limit:
            break
    return "; ".join(shown)


HEADER_SCAN = 30


def _locale_assumed(text: str, chosen: str, agreed: bool = False) -> Problem:
    """What to say of a notation assumed: the text that reads either way, how it was read (its mark as a
    thousands separator: locale_assumed_grouping; as a decimal sign: locale_assumed_decimal) and the other way.
    A warning, or a note (info) where the figures' sizes and the kind of file agree on the reading."""
    digits = re.sub(r"[^\d.,]", "", text.translate(SPACES))
    mark = "." if "." in digits else ","
    whole, three = digits.split(mark)
    grouping = (mark == ".") == (chosen == NL)  # the mark read as a thousands separator
    key = "locale_assumed_grouping" if grouping else "locale_assumed_decimal"
    say = info if agreed else warning
    return say(key, value=text.strip(), mark=mark, integer=str(int(whole + three)), whole=whole, three=three)


def load_file(
    con,
    data: bytes,
    filename: str,
    *,
    loaded_by: str | None = None,
    replace: bool = False,
    strict: bool = False,
    same_file: bool = False,
    **options,
) -> tuple[ParsedExport, list[Committed]]:
    """Parse and commit in one call (command line, demo data, scheduled loads)."""
    parsed = parse_export(data, filename, **options)
    return parsed, commit(con, parsed, loaded_by=loaded_by, replace=replace, strict=strict, same_file=same_file)


__all__ = [
    "parse_export",
    "commit",
    "load_file",
    "ensure_loadable",
    "same_file_elsewhere",
    "ParsedExport",
    "ReportDraft",
    "Committed",
    "EN",
    "NL",
    "STORY_FIELDS",
    "STORY_COLUMNS",
    "FRAME_COLUMNS",
    "TOTAL_WORDS",
    "IMPLAUSIBLE_AMOUNT",
    "checksum",
]
