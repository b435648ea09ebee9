"""What the preview, the JSON and the messages say of the columns: the ones left out with numbers or
light words in them, and why, so that no column with money in it is passed over without a word."""

from __future__ import annotations

from portfolio.ingest.cells import _short
from portfolio.ingest.model import ParsedExport
from portfolio.mapping import AMOUNT_FIELDS, PROSE_FIELDS, column_label
from portfolio.problems import error, info, warning
from portfolio.recognise import header_words, profile


def _say_passed_over(parsed: ParsedExport, passed, *, chosen_by_user: bool) -> None:
    """Every column with numbers or light words that no field took is named, with what it holds and why
    it was left out. Without any amount recognised while such columns hold numbers, the file is refused
    with the question which one is the money, unless the user chose the mapping."""
    for column in passed:
        parsed.problems.append(
            warning(
                "column_passed_over",
                label=_short(column_label(column.index, parsed.headers[column.index])),
                kind=column.kind,
                examples=", ".join(f"'{e}'" for e in column.examples),
                reason=column.reason,
                field=column.field or "",
                seen=column.seen if column.seen not in (None, "benefits") else None,
            )
        )
    money = [c for c in passed if c.kind == "numbers" and not _identifier_like(parsed.headers[c.index])]
    if money and not chosen_by_user and not any(f in parsed.mapping for f in AMOUNT_FIELDS):
        parsed.problems.append(
            error(
                "amounts_not_recognised",
                row=parsed.header_row,
                columns=", ".join(_short(column_label(c.index, parsed.headers[c.index]), 50) for c in money[:8]),
            )
        )


def _identifier_like(header: str) -> bool:
    """Numbers under 'Nr', 'ID', 'Code', a year or a day count are no money."""
    words = set(header_words(header))
    return bool(words & {"nr", "no", "id", "code", "nummer", "number", "key", "jaar", "year", "days", "dagen", "score"})


def _say_currency(parsed: ParsedExport, source: str, assumed: bool, declared: dict, formats: dict) -> None:
    """Which currency the amounts are read in and why; a guess (a bare '$', no currency anywhere) is a
    warning with how to correct it, and cell formats that show another currency than the header are named."""
    if source == "given":
        return
    if assumed and source != "default":
        parsed.problems.append(warning("currency_assumed_dollar", currency=parsed.currency, source=source))
    elif source in ("format", "cells", "default"):  # a Valuta line or a header's unit says so where one sees it
        parsed.problems.append(info("currency_read", currency=parsed.currency, source=source))
    amount_columns = {parsed.mapping[f]: f for f in AMOUNT_FIELDS if f in parsed.mapping}
    for index, (code, was_assumed) in sorted(formats.items()):
        if index in amount_columns and not was_assumed and code != parsed.currency:
            parsed.problems.append(
                warning(
                    "currency_conflict",
                    column=parsed.headers[index],
                    shown=code,
                    currency=parsed.currency,
                )
            )


def column_report(parsed: ParsedExport) -> list[dict]:
    """Every column of the export: what it was taken as (with its unit), or why it was left out and what
    it holds; for the JSON of the command line and the preview of the page."""
    from portfolio.mapping import column_letter, one_line

    taken = {index: name for name, index in parsed.mapping.items()}
    passed = {p.index: p for p in parsed.passed_over}
    out = []
    for index, header in enumerate(parsed.headers):
        entry: dict = {"column": column_letter(index), "header": one_line(header), "taken_as": taken.get(index)}
        if index in taken:
            entry["by"] = getattr(parsed.passed_over, "evidence", {}).get(index, "mapping")
        if index in taken and taken[index] in AMOUNT_FIELDS:
            entry["unit"] = parsed.units.get(taken[index], 1)
        if index in passed:
            left = passed[index]
            entry["left_out"] = {
                "holds": left.kind,
                "why": left.reason,
                "header_reads_as": left.field,
                "values_are": left.seen,
                "examples": list(left.examples),
            }
        out.append(entry)
    return out


def _say_what_tells_them_apart(frame, body, parsed: ParsedExport) -> None:
    """Where story numbers repeat with other values, name the column that tells the rows apart (a chapter,
    a kind of money: several tables in one file), so the refusal says how to go on."""
    from portfolio.ingest.cells import _text
    from portfolio.mapping import column_label

    if not any(p.key == "duplicate_code" for p in parsed.errors):
        return
    rows = (frame["source_row"].to_numpy() - body.first_row).tolist()
    codes = frame["code"].tolist()
    taken = {i for f, i in parsed.mapping.items() if f in (*AMOUNT_FIELDS, "code", "title", *PROSE_FIELDS)}
    for index in range(len(parsed.headers)):
        if index in taken:
            continue
        column = body.columns[index]
        values = [_text(column[p]) for p in rows]
        distinct = set(values) - {None}
        if not 1 < len(distinct) <= 50 or len(set(zip(values, codes))) != len(codes):
            continue
        if profile(sorted(distinct)).numbers >= 0.5:  # amounts differ row by row: they tell nothing apart
            continue
        shown = ", ".join(sorted(distinct)[:6]) + (", …" if len(distinct) > 6 else "")
        first = next(i for i, p in enumerate(parsed.problems) if p.key == "duplicate_code")
        parsed.problems.insert(  # before the repeated numbers it explains
            first,
            error(
                "duplicates_told_apart",
                label=_short(column_label(index, parsed.headers[index]), 60),
                values=shown,
                count=len(distinct),
            ),
        )
        return


def _apply_format_units(parsed: ParsedExport, declared: dict, scales: dict, given) -> dict:
    """What the cells' number formats say of the unit, for workbooks: a format that shows thousands of a
    value ('#,##0,"k"') means the cells hold full units, whatever unit the header writes for what one sees;
    a format that writes a unit beside a value it does not scale ('#,##0 "k€"') means the cells hold
    thousands. Applied and said; a unit the user chose (given) stands. Returns the declared units as now read."""
    from dataclasses import replace

    if given is not None:
        return declared
    declared = dict(declared)
    for name, unit in list(declared.items()):
        index = parsed.mapping[name]
        if index not in scales:
            continue
        scale, named = scales[index]
        header = parsed.headers[index]
        if scale > 1 and unit.multiplier == scale:
            parsed.units[name] = 1
            declared[name] = replace(unit, multiplier=1)
            parsed.problems.append(info("unit_shown_by_format", column=header, multiplier=scale))
        elif scale > 1 and unit.multiplier != 1:
            parsed.problems.append(
                warning("unit_format_conflict", column=header, multiplier=unit.multiplier, shown=scale)
            )
        elif scale == 1 and named > 1 and unit.multiplier == 1:
            parsed.units[name] = named
            declared[name] = replace(unit, multiplier=named)
            parsed.problems.append(info("unit_from_format", column=header, multiplier=named))
    return declared
