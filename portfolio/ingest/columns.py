"""What the preview, the JSON and the messages say of the columns: the ones left out with numbers or
light words in them, and why, so that no column with money in it is passed over without a word."""

from __future__ import annotations

from portfolio.ingest.checks import _short
from portfolio.ingest.model import ParsedExport
from portfolio.mapping import AMOUNT_FIELDS, column_label
from portfolio.problems import error, warning
from portfolio.recognise import header_words


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
