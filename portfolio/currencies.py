"""Which currency an amount cell writes: one table, from vocabulary.toml, for every reader of cells.

The currency of the amounts (ingest.header._currency), the refusal of cells in two currencies
(ingest.checks._mixed_cell_currencies), the signs and codes parse_amount leaves out of a figure, the
currency words of a header's unit (amounts.header_unit) and of a number format (ingest.formats) all
read the codes and signs here, so what one of them knows the others cannot miss.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import NamedTuple

_TABLE = tomllib.loads(Path(__file__).with_name("vocabulary.toml").read_text(encoding="utf-8"))["currencies"]

CODES: tuple[str, ...] = tuple(code.upper() for code in _TABLE["codes"])
# Signs one currency alone writes ('€', 'US$', 'C$'); a bare '$' is not among them.
SIGNS: dict[str, str] = {sign: code.upper() for sign, code in _TABLE["signs"].items()}
# Names written beside a figure as a code is ('1.000 euro').
NAMES: dict[str, str] = {name.lower(): code.upper() for name, code in _TABLE["names"].items()}
BARE_DOLLAR = "USD"  # what a bare '$' is read as: a guess, always said (US, Canadian, Australian, ... dollars)


class CellCurrency(NamedTuple):
    code: str
    assumed: bool  # read from a bare '$', which more than one currency writes


_LETTER = r"[^\W\d_]"  # a letter in any script
_WORDS = {**{code: code for code in CODES}, **{name.upper(): code for name, code in NAMES.items()}}
_WORD = "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
# The sign of one currency, longest first ('CA$' before 'A$'); one that starts with a letter not inside a word.
_SIGN = re.compile(
    "|".join(
        (rf"(?<!{_LETTER})" if sign[:1].isalpha() else "") + re.escape(sign)
        for sign in sorted(SIGNS, key=len, reverse=True)
    ),
    re.I,
)
# A code or name beside a figure: before it ('CHF 1.000', 'EUR -200', 'EUR(200)') or after it ('1.000 CHF',
# '1.200,- EUR', '250k EUR', '2,5 mln EUR', '(1.000) SEK', '100 EURk'); a word of its own either way, but for
# the multipliers a figure may carry (amounts._SUFFIX_UNITS; tests/test_cell_currency.py keeps them alike).
MULTIPLIERS = ("k", "dzd", "m", "mln", "mio", "miljoen", "million", "mn", "bn", "mrd", "miljard", "billion")
_MULTIPLIER = "(?:" + "|".join(sorted(MULTIPLIERS, key=lambda w: (-len(w), w))) + ")"
_BESIDE_FIGURE = re.compile(
    rf"(?<!{_LETTER})(?P<before>{_WORD})\s*[-+(\u2212\u2013]?\s*\d"
    rf"|\d[\d.,'\s\u00a0\u202f\u2009-]*\)?\s*(?:{_MULTIPLIER}\.?\s*)?(?P<after>{_WORD}){_MULTIPLIER}?(?!{_LETTER})",
    re.I,
)
# A superset of what cell_currency finds, for a first pass over many texts at once (RE2: pyarrow.compute,
# case ignored): a sign's last character, or a code or name anywhere. cell_currency decides for each text.
MARK_RE2 = "[" + re.escape("".join(sorted({sign[-1] for sign in SIGNS} | {"$"}))) + "]|" + _WORD
MARK = re.compile(MARK_RE2, re.I)


def cell_currency(text: str | None) -> CellCurrency | None:
    """The currency an amount cell writes: a sign only one currency writes ('€ 1.000', 'US$ 2,500',
    'C$ 300'), else a code or name beside the figure ('1.000 CHF', 'SEK 2 500', '250k EUR'), else a
    bare '$' (US dollars, assumed); None when it writes none. A code inside a word ('Euro-norm') or
    away from any figure ('EUR volgt') is no currency."""
    if not text:
        return None
    sign = _SIGN.search(text)
    if sign:
        return CellCurrency(SIGNS.get(sign.group()) or _sign_of(sign.group()), False)
    word = _BESIDE_FIGURE.search(text)
    if word:
        return CellCurrency(_WORDS[(word.group("before") or word.group("after")).upper()], False)
    if "$" in text:
        return CellCurrency(BARE_DOLLAR, True)
    return None


def _sign_of(found: str) -> str:
    """The currency of a sign found with its letters in another case ('us$')."""
    return next(code for sign, code in SIGNS.items() if sign.lower() == found.lower())


def strip_words() -> list[str]:
    """Every sign, code and name a figure may carry, as parse_amount leaves them out (longest first)."""
    words = {*SIGNS, "$", *CODES, *NAMES}
    return sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
