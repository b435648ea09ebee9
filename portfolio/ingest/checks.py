"""What the grid and the chosen columns must pass before and after the story rows are read.

Rows with more or fewer fields than the header are refused, and so is a cell whose formula could not
be worked out (in a totals row it is a note); a unit column or a unit written in one header only is
applied and said; amount columns that differ by orders of magnitude are named; every choice among
candidate columns is said.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.amounts import Unit, header_unit
from portfolio.currencies import MARK, MARK_RE2, cell_currency
from portfolio.formula_values import cell_name
from portfolio.ingest.cells import _Body, _short, _text
from portfolio.ingest.model import ParsedExport
from portfolio.ingest.records import _respend, _row_kinds
from portfolio.mapping import AMOUNT_FIELDS, column_label, normalise_header, one_line
from portfolio.problems import error, info, warning
from portfolio.reading import Grid

SAMPLE_ROWS = 200  # values per column that say what the column holds (numbers, lights, prose, ids)


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


MAX_LISTED_ROWS = 20


def _check_ragged(grid: Grid, rows, header_index: int, parsed: ParsedExport) -> None:
    """A text row with more fields than the header (a separator inside a value shifts every value after
    it), or fewer while it holds values, is refused by row."""
    counts = grid.field_counts
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


def _check_formulas(grid: Grid, header_index: int, parsed: ParsedExport) -> None:
    """Formulas without a calculated value (a workbook written by a script, never saved by Excel) were
    worked out as the sheet was read; how many is said. A cell of a mapped column whose formula could
    not be worked out is refused, named by cell with the reason; in a totals row, or a row without an
    identifier (neither is loaded as a story), it is a note on that row, which is read without it."""
    if grid.worked_out:
        parsed.problems.append(info("formulas_worked_out", cells_count=grid.worked_out))
    if grid.too_many_formulas:
        parsed.problems.append(error("too_many_formulas", limit_count=grid.too_many_formulas))
    columns = set(parsed.mapping.values())
    cells = [c for c in grid.not_worked_out if c.row > header_index and c.column in columns]
    if not cells:
        return
    read_without = _totals_or_unidentified(grid, sorted({c.row for c in cells}), parsed)
    refused = 0
    for cell in cells:
        params = {"cell": cell_name(cell.row, cell.column), "formula": _short(cell.formula, 80), **cell.params}
        where = {"row": cell.row + 1, "column": parsed.headers[cell.column]}
        if cell.row in read_without:
            note = warning("formula_in_totals_row", **where, cell=params["cell"], formula=params["formula"])
            parsed.problems.append(note)
        elif refused < MAX_LISTED_ROWS:
            parsed.problems.append(error(cell.key, **where, **params))
            refused += 1
        else:
            refused += 1
    if refused > MAX_LISTED_ROWS:
        parsed.problems.append(error("formulas_not_worked_out_more", cells_count=refused - MAX_LISTED_ROWS))


def _totals_or_unidentified(grid: Grid, row_indexes: list[int], parsed: ParsedExport) -> set[int]:
    """Of the given rows (from 0), those that are totals rows as the story rows are read (records'
    own rule), or have no identifier: rows that are never loaded as stories."""
    field = "code" if "code" in parsed.mapping else "title" if "title" in parsed.mapping else None
    if field is None:
        return set()
    body = _Body([grid.rows[r] for r in row_indexes], 0, len(parsed.headers))
    _, totals = _row_kinds(body, parsed)
    unidentified = ~body.has_text(parsed.mapping[field])
    return {r for r, total, bare in zip(row_indexes, totals.tolist(), unidentified.tolist()) if total or bare}


def _mixed_cell_currencies(body: _Body, parsed: ParsedExport) -> None:
    """Amount cells that write two currencies ('€ 1.000' on one row, '$ 2.000' or '2.000 CHF' on another) are
    refused: no sum of them is money, and labelling all of it one currency would be wrong. Each distinct text
    once; what a cell writes is currencies.cell_currency's reading, the one header._currency reads too."""
    seen: dict[str, tuple[str, str]] = {}  # currency -> (column, an example)
    for name in AMOUNT_FIELDS:
        if name not in parsed.mapping:
            continue
        texts, _ = body.text_counts(parsed.mapping[name])
        try:
            candidates = _by_shape(texts)
        except (pa.ArrowException, UnicodeError):  # text Arrow will not take (lone surrogates)
            candidates = [t for t in texts if MARK.search(t)]
        for text in candidates:
            written = cell_currency(text)
            if written is not None:
                seen.setdefault(written.code, (parsed.headers[parsed.mapping[name]], text.strip()))
    if len(seen) > 1:
        (_, (column, _)), *_ = seen.items()
        values = ", ".join(f"{code} ('{example}')" for code, (_, example) in sorted(seen.items()))
        parsed.problems.append(error("mixed_currencies", column=column, values=values))


def _by_shape(texts: list[str]) -> list[str]:
    """Of the texts that may write a currency (MARK_RE2), one per shape, the first of each: the text with every
    run of digits written as one 0. cell_currency reads a shape as it reads each of its texts (it asks only
    whether a digit is there), and the 200,000 distinct amounts of a history written '€ 1.234,56' are a few
    shapes: reading each text took 0.7 s of its parse."""
    array = pa.array(texts, type=pa.large_string())
    marked = pc.match_substring_regex(array, MARK_RE2, ignore_case=True)
    at = np.flatnonzero(marked.to_numpy(zero_copy_only=False))
    if len(at) < 2:
        return [texts[i] for i in at.tolist()]
    shapes = pc.replace_substring_regex(array.filter(marked), "[0-9]+", "0")
    codes = pc.dictionary_encode(shapes).indices.to_numpy(zero_copy_only=False)
    _, first = np.unique(codes, return_index=True)
    return [texts[i] for i in at[np.sort(first)].tolist()]


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
        if len(currencies) > 1:  # euros beside dollars: no sum of them is money, and no currency is theirs
            parsed.problems.append(
                error("mixed_currencies", column=parsed.headers[index], values=", ".join(sorted(currencies)))
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
    a = np.asarray(values, dtype=float)  # None reads as NaN
    b = np.asarray(reference, dtype=float)
    both = (a > 0) & (b > 0)
    if not both.any():
        return None
    return float(np.median(a[both] / b[both]))
