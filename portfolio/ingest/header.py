"""Finding the header row of a grid and what the lines above it, the profile and the amounts say.

The header is the row that names the most fields (or every column of a saved profile); above it a
title and 'key: value' lines; from the amount columns the currency and the number notation.
"""

from __future__ import annotations

import re

import numpy as np

from portfolio import recognise
from portfolio.amounts import EN, NL, Unit, assumed_locale, header_unit, locale_of_texts
from portfolio.currencies import cell_currency
from portfolio.ingest.cells import _Body, _pad, _parse_date, _text
from portfolio.ingest.model import ParsedExport
from portfolio.mapping import (
    AMOUNT_FIELDS,
    column_label,
    column_letter,
    combine_header,
    detect_mapping,
    match_field,
    normalise_header,
    one_line,
    parse_label,
)
from portfolio.problems import error, warning
from portfolio.reading import Grid

HEADER_SCAN_ROWS = 30


def _find_header(rows: list[list], profile: dict[str, str] | None) -> int | None:
    if profile:
        wanted = {normalise_header(_profile_header(h)) for h in profile.values()}
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            present = {normalise_header(c) for c in row if _text(c)}
            groups = header_groups(rows, index, len(row), []) if index else None
            if groups:
                present |= {normalise_header(combine_header(g, _text(c))) for g, c in zip(groups, row)}
            if wanted <= present:
                return index
        return None
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = detect_mapping([_text(c) for c in row])
        if "code" not in fields and "title" not in fields:
            continue
        if len(fields) > best_score:
            best, best_score = index, len(fields)
    return best


def transposed_fields(rows, header_index: int | None) -> list[tuple[int, str, str]] | None:
    """[(row, cell text, field)] when the field names run down the first column (one column per story:
    a sheet laid out turned) and name more than the best header row does; else None."""
    named: dict[str, tuple[int, str, str]] = {}
    for index in range(min(len(rows), 200)):
        row = rows[index]
        text = _text(row[0]) if len(row) else None
        found = recognise.readings(text) if text else []
        if (
            found
            and found[0].strength >= recognise.WITHOUT_MODIFIERS
            and found[0].field not in named
            and found[0].field not in ("programme", "report_date")  # 'Programma: X' lines above the table
        ):
            named[found[0].field] = (index + 1, one_line(text), found[0].field)
    fields = set(named)
    if not fields & {"code", "title"} or not fields & {*AMOUNT_FIELDS, "status"} or len(fields) < 3:
        return None
    across = len(detect_mapping([_text(c) for c in rows[header_index]])) if header_index is not None else 0
    return sorted(named.values()) if len(fields) > across else None


def unit_row(rows, header_index: int, width: int) -> list[str | None] | None:
    """The units written in the row just below the header ('€ k', 'x1000', 'EUR'), one per column, when
    every text in that row is a unit and nothing else; else None."""
    if header_index + 1 >= len(rows):
        return None
    cells = [_text(c) for c in _pad(rows[header_index + 1], width)][:width]
    texts = [t for t in cells if t]
    if not texts or any(len(t) > 24 or re.fullmatch(r"[\d.,\s-]+", t) for t in texts):
        return None
    for text in texts:
        unit = header_unit(f"({text})")
        if unit.multiplier == 1 and unit.currency is None:
            return None
    return cells


def turned(rows) -> list[list]:
    """The grid read the other way round: column j becomes row j."""
    from itertools import zip_longest

    table = [list(row) for row in rows]
    return [list(column) for column in zip_longest(*table)] if table else []


def _profile_header(value: str) -> str:
    """The header text of a profile entry: a plain header, or the header part of 'L · header'."""
    label = parse_label(value)
    return label[1] if label else value


def header_groups(rows, header_index: int, width: int, merged: list) -> list[str | None] | None:
    """The group cell above each column when the row above the header is a group row, else None.

    A group row ('Financial Year 2023/24 (£m)' above 'Baseline | Forecast | Variance (%)') has cells
    above header cells only, not just one in the first column (that is a title), and is not a
    'key: value' line. In a workbook its merged ranges say which columns a group spans; in a CSV
    (no merges) a group spans the columns up to the next group cell.
    """
    if header_index < 1:
        return None
    above = [_text(c) for c in _pad(rows[header_index - 1], width)][:width]
    header = [_text(c) for c in _pad(rows[header_index], width)][:width]
    filled = [i for i, text in enumerate(above) if text]
    if not filled or filled == [0] or any(not header[i] for i in filled):
        return None
    if set(_metadata([rows[header_index - 1]])) - {"title"}:  # 'Peildatum | 31-03-2025', 'Valuta | EUR'
        return None
    groups: list[str | None] = [None] * width
    spans = [
        (first[1], last[1])
        for first, last in merged
        if first[0] == last[0] == header_index - 1 and last[1] > first[1] and first[1] < width
    ]
    if spans:
        for start, end in spans:
            for column in range(start, min(end, width - 1) + 1):
                groups[column] = above[start]
        for i in filled:
            groups[i] = groups[i] or above[i]
    else:
        current = None
        for column in range(filled[0], width):
            current = above[column] or current
            groups[column] = current if header[column] else None
    if sum(1 for g in groups if g) < 2:  # a group spans at least two columns
        return None
    return groups


def _apply_profile(profile: dict[str, str], headers: list[str], parsed: ParsedExport, subs=None) -> dict[str, int]:
    """field -> column for a saved mapping. An entry is 'L · header' (by position, checked against the
    header) or, as older profiles have it, a header text, which must then name one column only."""
    subs = subs or headers
    mapping = {}
    for name, value in profile.items():
        label = parse_label(value)
        if label is not None:
            index, header = label
            found = headers[index] if index < len(headers) else ""
            if normalise_header(header) in (
                normalise_header(found),
                normalise_header(subs[index] if index < len(subs) else ""),
            ):
                mapping[name] = index
            else:
                parsed.problems.append(
                    error(
                        "profile_column_moved",
                        row=parsed.header_row,
                        field=name,
                        letter=column_letter(index),
                        header=one_line(header),
                        found=one_line(found),
                    )
                )
            continue
        wanted = normalise_header(value)
        exact = [i for i, h in enumerate(headers) if h and normalise_header(h) == wanted]
        matches = exact or [i for i, h in enumerate(subs) if h and normalise_header(h) == wanted]
        if not matches:
            parsed.problems.append(error("profile_column_missing", row=parsed.header_row, column=value, field=name))
        elif len(matches) > 1:
            labels = [column_label(i, headers[i]) for i in matches]
            parsed.problems.append(
                error(
                    "ambiguous_profile_column",
                    row=parsed.header_row,
                    field=name,
                    header=one_line(value),
                    candidates=", ".join(labels),
                    example=labels[0],
                )
            )
        else:
            mapping[name] = matches[0]
    _ambition_apart(mapping, headers, parsed)
    return mapping


def _ambition_apart(mapping: dict[str, int], headers: list[str], parsed: ParsedExport) -> None:
    """A column chosen as the story's number or title is not also its ambition: the ambition is dropped
    and that is said (detection never maps one column twice; a saved profile or a hand mapping might)."""
    index = mapping.get("ambition")
    if index is None:
        return
    for name in ("code", "title"):
        if mapping.get(name) == index:
            del mapping["ambition"]
            parsed.problems.append(
                warning(
                    "ambition_is_identifier",
                    row=parsed.header_row,
                    letter=column_letter(index),
                    header=one_line(headers[index]),
                    field=name,
                )
            )
            return


def _metadata(rows: list[list]) -> dict:
    """Title and key: value lines above the header ('Programma: MAB', 'Peildatum | 15-06-2018')."""
    meta: dict = {}
    for row in rows:
        cells = [c for c in row if _text(c) is not None]
        if not cells:
            continue
        first = _text(cells[0])
        key, _, inline = first.partition(":")
        value = inline.strip() or (_text(cells[1]) if len(cells) > 1 else None)
        name = match_field(key) if key else None
        if normalise_header(key) in {"valuta", "currency"} and value:
            meta["currency"] = value.upper()[:3]
        elif name == "programme" and value:
            meta["programme"] = value
        elif name == "report_date" and value is not None:
            raw = cells[1] if not inline.strip() and len(cells) > 1 else inline.strip()
            parsed = _parse_date(raw)
            if parsed:
                meta["report_date"] = parsed
        elif "title" not in meta and len(cells) == 1:
            meta["title"] = first
    return meta


def _currency(override, meta, declared: dict[str, Unit], body: _Body, mapping, formats=None) -> tuple[str, str, bool]:
    """(currency, where it was read, assumed): the given one; a 'Valuta' line; a header's unit; the
    cells' number formats (column -> (code, assumed), from a workbook); a sign or a code beside the
    figure in the amount cells (currencies.cell_currency); else euros. Assumed is a bare '$' (US,
    Canadian, Australian, ...) or no currency anywhere."""
    if override:
        return override.upper(), "given", False
    if meta.get("currency"):
        return meta["currency"], "meta", False
    found = []  # (currency, source, assumed), in the order above
    for unit in declared.values():
        if unit.currency:
            found.append((unit.currency, "header", unit.assumed))
    amount_columns = {mapping[f] for f in AMOUNT_FIELDS if f in mapping}
    for index, (code, assumed) in sorted((formats or {}).items()):
        if index in amount_columns:
            found.append((code, "format", assumed))
    for p in range(min(200, body.n)):
        for name in AMOUNT_FIELDS:
            text = _text(body.columns[mapping[name]][p]) if name in mapping else None
            written = cell_currency(text) if text else None
            if written is not None:
                found.append((written.code, "cells", written.assumed))
        if len(found) > 8:
            break
    sure = [f for f in found if not f[2]]
    if sure:
        return sure[0]
    if found:
        return found[0]
    return "EUR", "default", True


def _locale(grid: Grid, body: _Body, mapping) -> tuple[str, str | None, bool]:
    """The number notation of the amount columns' texts, and where nothing in them decides (every text a plain
    integer or a '1.250' that reads either way) but some text reads either way, that text: the notation was
    assumed (amounts.assumed_locale) and must be said; and whether the two kinds of evidence agree (the sizes
    of the plain integers beside it, and what the kind of file usually means)."""
    # The distinct text cells of the amount columns and how often each occurs (a text in two columns
    # comes twice); a sample of the most frequent decides, or else all of them vote at once.
    texts: list[str] = []
    counts = []
    for name in AMOUNT_FIELDS:
        if name in mapping:
            column_texts, column_counts = body.text_counts(mapping[name])
            texts += column_texts
            counts.append(column_counts)
    counts = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    default = NL if grid.delimiter in (";", "\t", None) else EN
    locale, decided = locale_of_texts(texts, counts, default=default)
    if decided:
        return locale, None, False
    locale, either, by_sizes = assumed_locale(texts, counts, default)
    return locale, either, by_sizes and locale == default  # sizes and the kind of file agree: less to worry
