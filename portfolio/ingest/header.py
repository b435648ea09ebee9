"""Finding the header row of a grid and what the lines above it, the profile and the amounts say.

The header is the row that names the most fields (or every column of a saved profile); above it a
title and 'key: value' lines; from the amount columns the currency and the number notation.
"""

from __future__ import annotations

import numpy as np

from portfolio.amounts import EN, NL, Unit, detect_locale_counts
from portfolio.ingest.cells import _Body, _parse_date, _text
from portfolio.ingest.model import ParsedExport
from portfolio.mapping import AMOUNT_FIELDS, detect_mapping, match_field, normalise_header
from portfolio.problems import error
from portfolio.reading import Grid

HEADER_SCAN_ROWS = 30


def _find_header(rows: list[list], profile: dict[str, str] | None) -> int | None:
    if profile:
        wanted = {normalise_header(h) for h in profile.values()}
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            if wanted <= {normalise_header(c) for c in row if _text(c)}:
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


def _apply_profile(profile: dict[str, str], headers: list[str], parsed: ParsedExport) -> dict[str, int]:
    by_norm = {normalise_header(h): i for i, h in enumerate(headers) if h}
    mapping = {}
    for name, header in profile.items():
        index = by_norm.get(normalise_header(header))
        if index is None:
            parsed.problems.append(error("profile_column_missing", row=parsed.header_row, column=header, field=name))
        else:
            mapping[name] = index
    return mapping


def _currency(override, meta, declared: dict[str, Unit], body: _Body, mapping) -> str:
    if override:
        return override
    if meta.get("currency"):
        return meta["currency"]
    for unit in declared.values():
        if unit.currency:
            return unit.currency
    for p in range(min(200, body.n)):
        for name in AMOUNT_FIELDS:
            text = _text(body.columns[mapping[name]][p]) if name in mapping else None
            if text:
                for sign, code in (("€", "EUR"), ("£", "GBP"), ("$", "USD")):
                    if sign in text:
                        return code
    return "EUR"


def _locale(grid: Grid, body: _Body, mapping) -> str:
    # The text cells of the amount columns, most frequent first (a text in two columns comes twice).
    texts: list[str] = []
    counts = []
    for name in AMOUNT_FIELDS:
        if name in mapping:
            column_texts, column_counts = body.text_counts(mapping[name])
            texts += column_texts
            counts.append(column_counts)
    counts = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    order = np.argsort(-counts, kind="stable").tolist()
    pairs = ((texts[i], int(counts[i])) for i in order)
    default = NL if grid.delimiter in (";", "\t", None) else EN
    return detect_locale_counts(pairs, default=default, total=int(counts.sum()))
