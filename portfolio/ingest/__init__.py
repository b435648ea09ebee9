"""From an uploaded export to reports in the database: understand, validate, then commit in one transaction.

`parse_export` never writes; it returns what it understood (mapping, units, locale, stories per report)
with every problem found. `commit` writes all reports of one export in a single transaction, so a
failure leaves the database exactly as it was. The app, the command line and the demo loader all
take this one path.

The work is split along its seams: `model` (what an export becomes), `cells` (reading cells, column by
column), `header` (header row, metadata, profile, currency, locale), `records` (story rows, duplicates,
reports, checks) and `commit` (writing). Everything callers use is importable from here.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from portfolio.amounts import EN, NL, Unit, header_unit
from portfolio.ingest.cells import _Body, _pad, _parse_date, _text, _trim
from portfolio.ingest.commit import commit, ensure_loadable, same_file_elsewhere
from portfolio.ingest.header import _apply_profile, _currency, _find_header, _locale, _metadata, header_groups
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
    _respend,
    _split_reports,
    _without_duplicates,
)
from portfolio.mapping import (
    AMOUNT_FIELDS,
    STORY_FIELDS,
    column_label,
    column_letter,
    combine_header,
    detect_columns,
    normalise_header,
    one_line,
)
from portfolio.problems import LoadRefused, error, info, warning
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
    rows = _trim(grid.rows)
    if not rows:
        parsed.problems.append(error("empty_file"))
        return parsed
    header_index = _find_header(rows, mapping)
    if header_index is None:
        parsed.problems.append(error("no_header"))
        return parsed
    parsed.header_row = header_index + 1
    width = len(rows.columns) if isinstance(rows, ColumnRows) else max(map(len, rows))
    subs = [_text(c) or "" for c in _pad(rows[header_index], width)]
    groups = header_groups(rows, header_index, width, getattr(grid, "merged", []))
    parts = [(groups[i] if groups else None, subs[i]) for i in range(width)]
    headers = [combine_header(group, sub) for group, sub in parts]
    parsed.headers = headers
    meta = _metadata(rows[: header_index - (1 if groups else 0)])
    parsed.title = meta.get("title")
    body = _Body(rows[header_index + 1 :], header_index + 2, width)
    if mapping:
        parsed.mapping = _apply_profile(mapping, headers, parsed, subs)
    else:
        filled = [body.filled(c) for c in range(width)]
        samples = [[t for t in map(_text, body.columns[c][:SAMPLE_ROWS]) if t] for c in range(width)]
        parsed.mapping, choices, roles = detect_columns(parts, filled, samples)
        _say_choices(parsed, choices, roles)
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
    parsed.currency = _currency(currency, meta, declared, body, parsed.mapping)
    parsed.locale = locale or _locale(grid, body, parsed.mapping)
    columns, totals_rows = _records(body, parsed)
    if parsed.errors:
        return parsed
    _check_units(columns, declared, given, parsed)
    if not len(columns["code"]):
        parsed.problems.append(error("no_data_rows", row=parsed.header_row))
        return parsed
    frame = pd.DataFrame(columns, columns=FRAME_COLUMNS)
    frame = _without_duplicates(frame, parsed)
    _check_totals_rows(totals_rows, frame, parsed)
    fallback_programme = programme or meta.get("programme")
    fallback_date = _parse_date(report_date) if report_date is not None else meta.get("report_date")
    parsed.reports = _split_reports(frame, fallback_programme, fallback_date, parsed)
    for report in parsed.reports:
        _check_parents(report, parsed)
    return parsed


SAMPLE_ROWS = 50  # values per column that tell a story number from a title


def _say_choices(parsed: ParsedExport, choices, roles) -> None:
    """Every choice among candidate columns is said, with the rule and the columns passed over."""
    label = lambda i: _short(column_label(i, parsed.headers[i]))  # noqa: E731
    for choice in choices:
        parsed.problems.append(
            warning(
                "column_chosen",
                field=choice.field,
                chosen=label(choice.chosen),
                others=", ".join(label(i) for i in choice.others),
                rule=choice.rule,
            )
        )
    if roles is not None:
        code, title = roles
        parsed.problems.append(
            info("roles_by_values", code=one_line(parsed.headers[code]), title=one_line(parsed.headers[title]))
        )


def _short(text: str, limit: int = 70) -> str:
    """A long header (a question written out in full) cut for a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


MAX_LISTED_ROWS = 20


def _check_ragged(grid, rows, header_index: int, parsed: ParsedExport) -> None:
    """A text row with more fields than the header (a separator inside a value shifts every value after
    it), or fewer while it holds values, is refused by row."""
    counts = getattr(grid, "field_counts", None)
    if counts is None or header_index >= len(counts):
        return
    counts = np.asarray(counts[: len(rows)])
    expected = int(counts[header_index])
    header = rows[header_index]
    named = max((i + 1 for i, c in enumerate(header) if _text(c)), default=expected)
    body = counts[header_index + 1 :]
    longer = body > expected
    if longer.any() and np.all(longer[body > 1]):
        # every row ends in the same empty fields beyond the header (a trailing separator): no shift
        extra = [
            i for i in np.flatnonzero(longer).tolist() if any(_text(c) for c in rows[header_index + 1 + i][expected:])
        ]
        longer[:] = False
        longer[extra] = True
    odd = np.flatnonzero(longer | ((body < named) & (body > 1))).tolist()
    listed = 0
    for position in odd:
        row = rows[header_index + 1 + position]
        if body[position] < named and sum(1 for c in row if _text(c)) < 2:
            continue  # a note or blank line
        parsed.problems.append(
            error("ragged_row", row=header_index + 2 + position, fields=int(body[position]), header_fields=expected)
        )
        listed += 1
        if listed >= MAX_LISTED_ROWS:
            break


def _check_formulas(grid, header_index: int, parsed: ParsedExport) -> None:
    """Cells of mapped columns that hold a formula without a calculated value (a workbook written by a
    script and never saved by Excel) would read as missing: refused, naming the cells."""
    cells = getattr(grid, "uncalculated", None) or []
    columns = {index: name for name, index in parsed.mapping.items()}
    by_column: dict[int, list[int]] = {}
    for row, column in cells:
        if row > header_index and column in columns:
            by_column.setdefault(column, []).append(row + 1)
    for column, row_numbers in sorted(by_column.items()):
        letter = column_letter(column)
        parsed.problems.append(
            error("uncalculated_formulas", column=parsed.headers[column], cells=_ranges(letter, sorted(row_numbers)))
        )


def _ranges(letter: str, rows: list[int], limit: int = 5) -> str:
    """'E5:E231, E240' for rows 5..231 and 240 of column E."""
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    text = [f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in spans[:limit]]
    return ", ".join(text) + (", ..." if len(spans) > limit else "")


_UNIT_HEADERS = {"eenheid", "unit", "units", "bedragen", "bedragen in", "eenheid bedragen", "valuta", "currency"}


def _unit_column(body: _Body, parts, parsed: ParsedExport) -> Unit | None:
    """A column such as 'Eenheid' (x1000) or 'Valuta' (Euro) beside the amounts: one value applies to
    every amount column without a unit of its own; several units in one file are refused."""
    found = None
    for index, (_, sub) in enumerate(parts):
        if normalise_header(sub) not in _UNIT_HEADERS or index in parsed.mapping.values():
            continue
        texts = {t for t in body.texts(index) if t}
        units = {text: header_unit(f"({text})" if len(text) <= 3 else text) for text in texts}
        multipliers = {u.multiplier for u in units.values()}
        currencies = {u.currency for u in units.values() if u.currency}
        if len(multipliers) > 1:
            parsed.problems.append(
                error("mixed_units", column=parsed.headers[index], values=", ".join(sorted(texts))[:200])
            )
            continue
        if not multipliers:
            continue
        multiplier = multipliers.pop()
        if multiplier != 1:
            parsed.problems.append(
                info("unit_column", column=parsed.headers[index], value=next(iter(texts)), multiplier=multiplier)
            )
        found = Unit(
            max(multiplier, found.multiplier if found else 1),
            (currencies.pop() if len(currencies) == 1 else None) or (found.currency if found else None),
        )
    return found


EXTEND_BELOW = 20  # raw figures of two columns within this factor of each other are of the same size
MAGNITUDE_FACTOR = 300  # amount columns of one row further apart than this are worth a word


def _check_units(columns: dict, declared: dict, given, parsed: ParsedExport) -> None:
    """A unit written in one header only ('Budget (€ k)' beside 'Besteed' and 'Prognose'): when the
    other columns hold figures of the same size, the unit is meant for them too; it is applied and
    said. Then any two amount columns that differ by orders of magnitude row by row are named."""
    with_unit = [f for f, u in declared.items() if u.multiplier != 1]
    without = [f for f, u in declared.items() if u.multiplier == 1]
    if with_unit and without and given is None:
        reference = with_unit[0]
        multiplier = parsed.units[reference]
        extended = []
        for name in without:
            ratio = _median_ratio(columns[name], columns[reference])
            if ratio is not None and 1 / EXTEND_BELOW <= ratio * multiplier <= EXTEND_BELOW:
                columns[name] = [None if v is None else round(v * multiplier, 2) for v in columns[name]]
                parsed.units[name] = multiplier
                extended.append(name)
        if extended:
            if "spent" in extended or "realised" in extended:
                _respend(columns, parsed)
            parsed.problems.append(
                warning(
                    "unit_extended",
                    declared=one_line(parsed.headers[parsed.mapping[reference]]),
                    multiplier=multiplier,
                    columns=", ".join(f"'{one_line(parsed.headers[parsed.mapping[n]])}'" for n in extended),
                )
            )
    names = [f for f in ("budget", "forecast", "spent", "baseline") if f in declared]
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            ratio = _median_ratio(columns[second], columns[first])
            if ratio is not None and not 1 / MAGNITUDE_FACTOR <= ratio <= MAGNITUDE_FACTOR:
                factor = 10 ** round(abs(np.log10(ratio)))
                parsed.problems.append(
                    warning(
                        "magnitude_mismatch",
                        first=f"'{one_line(parsed.headers[parsed.mapping[first]])}'",
                        second=f"'{one_line(parsed.headers[parsed.mapping[second]])}'",
                        factor=f"{factor:,}".replace(",", "."),
                    )
                )


def _median_ratio(values, reference) -> float | None:
    """The median over rows of values / reference, where both are positive; None without such rows."""
    a = np.array([np.nan if v is None else v for v in values], dtype=float)
    b = np.array([np.nan if v is None else v for v in reference], dtype=float)
    both = (a > 0) & (b > 0)
    if not both.any():
        return None
    return float(np.median(a[both] / b[both]))


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
