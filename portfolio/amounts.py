"""Amounts as spreadsheets write them: numbers or text in Dutch or English notation, with units.

Everything returns full currency units. A value that is not an amount becomes None (missing), never 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio import currencies

NL = "nl"  # decimal comma, '.' groups thousands: 2.500,00
EN = "en"  # decimal point, ',' groups thousands: 2,500.00

# Multipliers written after a number ("€250k", "2,5 mln") or declared in a header ("(EUR k)", "x1000").
_SUFFIX_UNITS = {
    "k": 1_000,
    "K": 1_000,
    "dzd": 1_000,
    "m": 1_000_000,
    "M": 1_000_000,
    "mln": 1_000_000,
    "mio": 1_000_000,
    "miljoen": 1_000_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "mrd": 1_000_000_000,
    "miljard": 1_000_000_000,
    "billion": 1_000_000_000,
}
# The signs, codes and names a figure may carry ('€ 2.500', '1.000 CHF', 'US$ 300'), left out of it, longest
# first: one table for this and for the currency a cell writes (portfolio/currencies.py, vocabulary.toml).
_CURRENCY_STRIP = re.compile("|".join(map(re.escape, currencies.strip_words())), re.IGNORECASE)
_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007'"), None)
SPACES = _SPACES  # the spaces (and Swiss ') a figure's groups may be written with: left out
_NUMBER = re.compile(r"^[+-]?(\d[\d.,]*)$")
_SCIENTIFIC = re.compile(r"(\d+(?:[.,]\d+)?)[eE]([+-]?\d{1,3})")


@dataclass(frozen=True)
class Unit:
    """What a header declares: a multiplier and, where named, a currency.

    `assumed` says a currency was read from a sign that more than one currency writes (a bare '$':
    US, Canadian, Australian, ...); `unread` holds text that looks like a unit and was not understood."""

    multiplier: int = 1
    currency: str | None = None
    assumed: bool = False
    unread: str | None = None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


# A unit is a small grammar: a multiplier and a currency, in any order, anywhere in a header
# ('x €1.000', '(*Eu 1000)', 'in duizenden euro', 'k€', '€ mln', '(000s)', "'000", '£m', '$M', 'bn').
_MULTIPLIER_WORDS = {
    **dict.fromkeys(["k", "t", "dzd", "duizend", "duizenden", "thousand", "thousands", "keur", "teur", "ts"], 1_000),
    **dict.fromkeys(["m", "mm", "mn", "mln", "mio", "miljoen", "miljoenen", "million", "millions", "meur"], 1_000_000),
    **dict.fromkeys(["bn", "mrd", "mld", "miljard", "miljarden", "billion", "billions"], 1_000_000_000),
}
# Letters that are a unit only beside a currency or alone in brackets ('£m', '(k)', 'EUR m'), never as
# a word of their own ('Fase m').
_LOOSE_MULTIPLIERS = {"k", "t", "m", "mm", "mn", "ts"}
# The ISO codes and signs (lower case, as a header is read) from portfolio/currencies.py; the names here.
_CURRENCY_WORDS = {
    **{code.lower(): code for code in currencies.CODES},
    **{sign.lower(): code for sign, code in currencies.SIGNS.items()},
    "euro": "EUR", "euros": "EUR", "eu": "EUR",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
}  # fmt: skip
_LETTER_SIGNS = sorted((s.lower() for s in currencies.SIGNS if s[:1].isalpha()), key=len, reverse=True)
_TOKEN = re.compile("|".join(map(re.escape, _LETTER_SIGNS)) + r"|[€£$]|\d+|[a-z]+")


def header_unit(header: str) -> Unit:
    """The unit a header declares: 'Budget (€ k)' -> 1000 EUR, 'Forecast (£m)' -> 1e6 GBP, 'x1000' -> 1000,
    'Realisatie (*Eu 1000)' -> 1000 EUR, 'in duizenden euro' -> 1000 EUR, '(000s)' -> 1000, '$M' -> 1e6
    USD (assumed: a bare '$' is said), 'x 10.000' -> 10000. Text that looks like a unit and is not
    understood ('(x 1,5)', '(€ 100)') comes back in `unread`, never silently as whole units."""
    text = re.sub(r"[×*]", " x ", str(header).replace("€", " eur ").replace("£", " gbp "))
    text = _fold(text).replace("\n", " ")
    text = re.sub(r"(?<=\d)[.,\u00a0 ](?=\d{3}\b)", "", text)  # '1.000.000' -> '1000000'
    text = re.sub(r"(?<=\d)[.,\u00a0 ](?=\d{3}\b)", "", text)
    text = re.sub(r"'000", " 000 ", text)
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    words = [t for t, _ in tokens]
    currency, assumed = None, False
    for word in words:
        if word in _CURRENCY_WORDS and (word != "eu" or any(w in _MULTIPLIER_WORDS or w.isdigit() for w in words)):
            currency = currency or _CURRENCY_WORDS[word]
        elif word == "$" and currency is None:
            currency, assumed = "USD", True
    if "dollar" in words or "dollars" in words:
        currency, assumed = currency or "USD", currency is None or assumed
    multiplier, unread = 1, None
    for k, (word, at) in enumerate(tokens):
        before = words[k - 1] if k else ""
        after = words[k + 1] if k + 1 < len(words) else ""
        bracketed = _alone_in_brackets(text, at, word)
        beside_currency = before in _CURRENCY_WORDS or before == "$" or after in _CURRENCY_WORDS or after == "$"
        if word in _MULTIPLIER_WORDS:
            if word in _LOOSE_MULTIPLIERS and not (beside_currency or bracketed or before in ("x", "in", "per")):
                continue
            multiplier = max(multiplier, _MULTIPLIER_WORDS[word])
        elif word.isdigit() and word not in ("0", "1") and not _YEARISH.fullmatch(word):
            power = len(word) - 1 if set(word[1:]) == {"0"} and word[0] == "1" else None
            unit_context = before in ("x", "per") or beside_currency or bracketed or word in ("000", "000000")
            if word in ("000", "000000") and unit_context:
                multiplier = max(multiplier, 10 ** len(word))
            elif power and unit_context:
                multiplier = max(multiplier, 10**power)
            elif before == "x":
                unread = unread or f"x {word}"
    if multiplier == 1 and unread is None:
        leftover = re.search(r"\(\s*(x|per)\s*[^)]*\)|\bx\s*\d[\d.,]*\b", text)
        if leftover:
            unread = leftover.group().strip()
    return Unit(multiplier, currency, assumed and currency == "USD", unread)


_YEARISH = re.compile(r"(19|20)\d\d")


def _alone_in_brackets(text: str, at: int, word: str) -> bool:
    """Whether a token is all there is between a pair of brackets, but for a currency ('(m)', '(000s)')."""
    open_at = text.rfind("(", 0, at)
    close_at = text.find(")", at)
    if open_at < 0 or close_at < 0 or ")" in text[open_at:at]:
        return False
    inside = re.sub(r"[€£$]|\b(eur|euro|gbp|usd|s)\b", " ", text[open_at + 1 : close_at])
    return inside.split() == [word]


def detect_locale_counts(counts: Iterable[tuple[str, int]], default: str = NL, total: int | None = None) -> str:
    """Whether text amounts use a decimal comma (NL) or point (EN), by majority of unambiguous samples,
    for samples given as (text, how often it occurs) pairs; a text may come more than once.

    Each distinct text is judged once and weighs as often as it occurs. With the total count given,
    the pairs are read only until the ones not yet read could no longer change the outcome: give the
    most frequent first, and that is soon (exports repeat values a lot).
    """
    if total is None:
        counts = list(counts)
        total = sum(count for _, count in counts)
    votes = {NL: 0, EN: 0}
    _tally(counts, votes, total)
    return _outcome(votes, default)


def detect_locale_texts(texts: Sequence[str], counts: np.ndarray, default: str = NL) -> str:
    """The notation of distinct texts with their counts (locale_of_texts without whether it was decided)."""
    return locale_of_texts(texts, counts, default)[0]


def locale_of_texts(texts: Sequence[str], counts: np.ndarray, default: str = NL) -> tuple[str, bool]:
    """detect_locale_counts for distinct texts and how often each occurs (an array), fast for many texts;
    and whether the texts decided it (False: a tie, the default taken).

    First a sample: the most frequent texts vote one by one until the texts not yet read could no
    longer change the outcome (a Dutch export with euro amounts is decided within its first few
    hundred texts). Texts that vote for neither notation (plain integers: '125000') decide nothing,
    so a column of them leaves the sample undecided; then the rest of the distinct texts vote all at
    once in Arrow, by the rules of _locale_vote. Either way the outcome is that of every cell voting.
    """
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    votes = {NL: 0, EN: 0}
    if len(texts) <= _LOCALE_SAMPLE:
        order = np.argsort(-counts, kind="stable").tolist()
        _tally(((texts[i], int(counts[i])) for i in order), votes, total)
        return _outcome(votes, default), votes[NL] != votes[EN]
    sample = np.argpartition(-counts, _LOCALE_SAMPLE)[:_LOCALE_SAMPLE]
    sample = sample[np.argsort(-counts[sample], kind="stable")]
    if _tally(((texts[i], int(counts[i])) for i in sample.tolist()), votes, total):
        return _outcome(votes, default), votes[NL] != votes[EN]
    rest = counts.copy()  # the texts not in the sample, by their counts (the sample's set to 0)
    rest[sample] = 0
    cast = _locale_votes(list(texts))
    votes[NL] += int(rest[cast == _VOTE_NL].sum())
    votes[EN] += int(rest[cast == _VOTE_EN].sum())
    return _outcome(votes, default), votes[NL] != votes[EN]


def assumed_locale(texts: Sequence[str], counts: np.ndarray, default: str) -> tuple[str, str | None, bool]:
    """For amount texts whose notation nothing decided (locale_of_texts gave a tie): the notation assumed, a
    text that reads either way ('1.250'), which the caller must say (None: no such text, nothing to say), and
    whether the sizes of the plain integers beside it chose (False: the default, a guess).

    Evidence from the values first: where the column also holds plain integers ('125000'), the reading of the
    '1.250's whose size lies among theirs wins (a thousands group: 1250; three decimals: 1.25), and where both
    or neither do, the one nearer theirs by the weighted median of the logarithms; else `default` (a
    comma-separated file: English, else Dutch)."""
    counts = np.asarray(counts, dtype=np.int64)
    marked = [t for t in texts if "." in t or "," in t]  # most texts of a history are plain integers: skip them
    if not any(AMBIGUOUS.fullmatch(re.sub(r"[^\d.,]", "", t.translate(_SPACES))) for t in marked):
        return default, None, False
    try:  # the texts' digits and separators, in Arrow: a history has hundreds of thousands of distinct texts
        digits = pc.replace_substring_regex(
            pc.replace_substring_regex(pa.array(list(texts), type=pa.large_string()), _SPACES_RE2, ""),
            r"[^0-9.,]",
            "",
        )
    except (pa.ArrowException, UnicodeError):
        digits = pa.array([re.sub(r"[^0-9.,]", "", t.translate(_SPACES)) for t in texts], type=pa.large_string())
    at = np.flatnonzero(pc.match_substring_regex(digits, "^" + AMBIGUOUS.pattern + "$").to_numpy(zero_copy_only=False))
    if not len(at):
        return default, None, False
    either = [(digits[i].as_py(), int(counts[i]), texts[i]) for i in at.tolist()]
    whole = pc.match_substring_regex(digits, "^0*[1-9][0-9]{0,17}$").to_numpy(zero_copy_only=False)
    sizes = np.log10(pc.cast(digits.filter(pa.array(whole)), pa.float64()).to_numpy(zero_copy_only=False))
    plain = list(zip(sizes.tolist(), counts[whole].tolist(), strict=True))
    example = max(either, key=lambda item: item[1])[2]
    if not plain:
        return default, example, False
    marks = Counter()
    for digits, count, _ in either:
        marks["." if "." in digits else ","] += count
    mark = marks.most_common(1)[0][0]
    grouped = [(math.log10(int(d.replace(mark, ""))), c) for d, c, _ in either if mark in d]
    level, size = _weighted_median(plain), _weighted_median(grouped)
    lowest, highest = min(s for s, _ in plain), max(s for s, _ in plain)
    within = (lowest <= size <= highest, lowest <= size - 3 <= highest)
    if within[0] != within[1]:  # one reading lies among the plain integers' sizes, the other outside them
        grouping = within[0]
    else:
        as_group, as_decimals = abs(size - level), abs(size - 3 - level)
        if as_group == as_decimals:
            return default, example, False
        grouping = as_group < as_decimals
    return (NL if (mark == ".") == grouping else EN), example, True


def _weighted_median(pairs: list[tuple[float, int]]) -> float:
    ordered = sorted(pairs)
    half, seen = sum(c for _, c in ordered) / 2, 0
    for value, count in ordered:
        seen += count
        if seen >= half:
            return value
    return ordered[-1][0]


_SPACES_RE2 = "[" + "".join(f"\\x{{{c:x}}}" for c in _SPACES) + "]"
_LOCALE_SAMPLE = 2000  # distinct texts voted one by one before the rest vote all at once


def _tally(counts: Iterable[tuple[str, int]], votes: dict[str, int], total: int) -> bool:
    """Add the votes of (text, count) pairs to votes; True as soon as the pairs not yet read (of the
    total count) could no longer change the outcome, and then without reading them."""
    remaining = total
    for text, count in counts:
        remaining -= count
        vote = _locale_vote(text)
        if vote is not None:
            votes[vote] += count
            if abs(votes[NL] - votes[EN]) > remaining:
                return True
    return False


def _outcome(votes: dict[str, int], default: str) -> str:
    if votes[NL] == votes[EN]:
        return default
    return NL if votes[NL] > votes[EN] else EN


def _locale_vote(raw: str) -> str | None:
    """The notation one text amount is written in, when it tells (NL or EN), else None."""
    text = raw.translate(_SPACES)
    digits = re.sub(r"[^\d.,]", "", text)
    if not digits:
        return None
    if re.fullmatch(r"0\.\d+", digits):  # '0.250': a decimal point (no notation groups a leading 0)
        return EN
    if re.fullmatch(r"0,\d+", digits):
        return NL
    if AMBIGUOUS.fullmatch(digits):  # '1.250', '1,250': one thousands group, or three decimals
        return None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", digits) or re.fullmatch(r"\d+,\d{1,2}", digits):
        return NL
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits) or re.fullmatch(r"\d+\.\d{1,2}", digits):
        return EN
    if "," in digits and "." in digits:
        return NL if digits.rfind(",") > digits.rfind(".") else EN
    if re.fullmatch(r"\d+\.\d{4,}", digits):
        return EN
    if re.fullmatch(r"\d+,\d{4,}", digits):
        return NL
    return None


# '1.250' and '1,250' (one group of three after a first group that does not start with 0): a thousands
# separator in one notation, three decimals in the other. Such a text votes for neither; where no other text
# tells, the notation is assumed (a comma-separated file: English, else Dutch) and said (locale_assumed).
AMBIGUOUS = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")
_VOTE_NONE, _VOTE_NL, _VOTE_EN = 0, 1, 2
_VOTE_CODE = {None: _VOTE_NONE, NL: _VOTE_NL, EN: _VOTE_EN}
# _locale_vote's rules in RE2, on the digits and separators of a text ([0-9] here: ASCII digits only).
_VOTE_RULES = [
    (r"^0\.[0-9]+$", _VOTE_EN),
    (r"^0,[0-9]+$", _VOTE_NL),
    (r"^[1-9][0-9]{0,2}[.,][0-9]{3}$", _VOTE_NONE),  # AMBIGUOUS
    (r"^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$|^[0-9]+,[0-9]{1,2}$", _VOTE_NL),
    (r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$|^[0-9]+\.[0-9]{1,2}$", _VOTE_EN),
    (r",.*\.|\..*,", None),  # both separators: the last one is the decimal (below)
    (r"^[0-9]+\.[0-9]{4,}$", _VOTE_EN),
    (r"^[0-9]+,[0-9]{4,}$", _VOTE_NL),
]
# Characters outside these ranges may be digits to Python's \d (Arabic-Indic, Devanagari, fullwidth, ...);
# within them only 0-9 are. A text with any other character votes through _locale_vote itself.
_NOT_ASCII_DIGITS = r"[^\x{0}-\x{5ff}\x{2000}-\x{20cf}]"


def _locale_votes(texts: list[str]) -> np.ndarray:
    """[_locale_vote(t) for t in texts] as _VOTE_NONE, _VOTE_NL or _VOTE_EN, all at once in Arrow."""
    out = np.zeros(len(texts), dtype=np.int8)
    try:
        array = pa.array(texts, type=pa.large_string())
    except (pa.ArrowException, UnicodeError):  # text Arrow will not take (lone surrogates)
        out[:] = [_VOTE_CODE[_locale_vote(t)] for t in texts]
        return out

    def matches(strings, pattern: str) -> np.ndarray:
        return pc.match_substring_regex(strings, pattern).to_numpy(zero_copy_only=False)

    # Every rule needs a '.' or ',': a text without either (a plain integer) votes for neither.
    at = np.flatnonzero(matches(array, "[.,]"))
    if not len(at):
        return out
    array = array.take(pa.array(at))
    digits = pc.replace_substring_regex(array, r"[^0-9.,]", "")
    votes = np.zeros(len(at), dtype=np.int8)
    undecided = np.ones(len(at), dtype=bool)
    for pattern, vote in _VOTE_RULES:
        hit = undecided & matches(digits, pattern)
        if vote is None:  # NL when the last ',' comes after the last '.' (a ',' with no '.' after it)
            votes[hit] = np.where(matches(digits, r",[^.]*$")[hit], _VOTE_NL, _VOTE_EN)
        else:
            votes[hit] = vote
        undecided &= ~hit
    out[at] = votes
    for i in at[matches(array, _NOT_ASCII_DIGITS)].tolist():
        out[i] = _VOTE_CODE[_locale_vote(texts[i])]
    return out


class NotAnAmount(ValueError):
    """Text in an amount cell that is not a number (e.g. 'n.v.t.', 'pm', 'Exempt under Section 43')."""


def parse_amount(value: object, locale: str = NL, multiplier: int = 1) -> float | None:
    """One cell as full currency units. Blank -> None; text that is no amount raises NotAnAmount.

    `multiplier` is the unit the column header declares; a suffix in the cell itself ('€250k')
    takes precedence over it.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotAnAmount(str(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        return _round(float(value) * multiplier)
    text = str(value).strip()
    if not text or text in {"-", "–", "—"}:
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith("-/-"):
        negative, text = True, text[3:].strip()
    text = text.replace("\u2212", "-")
    # Strip currency signs and codes wherever they are ('€ 2.500', '100€k', '2,5 EUR', '1.000 CHF').
    folded = _CURRENCY_STRIP.sub(" ", text).translate(_SPACES)
    if folded.startswith("-"):
        negative, folded = not negative, folded[1:]
    elif folded.startswith("+"):
        folded = folded[1:]
    if folded.endswith("-") and folded[:-1].replace(".", "").replace(",", "").isdigit():
        if folded[-2] in ".,":
            folded = folded[:-1]  # '1.200,-' is Dutch for whole euros
        elif negative:  # '(200-)', '-200-': two signs, no telling what was meant
            raise NotAnAmount(str(value))
        else:  # '1.234,56-', '200-': a minus behind the figure, as SAP and other ledgers write a negative
            negative, folded = True, folded[:-1]
    cell_multiplier = None
    scientific = _SCIENTIFIC.fullmatch(folded)
    if scientific:  # '6.96E-04' as a spreadsheet writes a small number in a text export
        amount = float(f"{scientific.group(1).replace(',', '.')}e{scientific.group(2)}") * multiplier
        return _round(-amount if negative else amount)
    match = re.fullmatch(r"([\d.,]+)([A-Za-z]+)?", folded)
    if not match:
        raise NotAnAmount(str(value))
    number, suffix = match.groups()
    if suffix:
        if suffix not in _SUFFIX_UNITS and suffix.lower() not in _SUFFIX_UNITS:
            raise NotAnAmount(str(value))
        cell_multiplier = _SUFFIX_UNITS.get(suffix, _SUFFIX_UNITS.get(suffix.lower()))
    amount = _parse_number(number, locale)
    if amount is None:
        raise NotAnAmount(str(value))
    amount *= cell_multiplier or multiplier
    return _round(-amount if negative else amount)


# The notations most cells are written in ('€ 2.500,00', '2500', '$1,250.50'), read without the general
# path below. Every text these match, parse_amount reads to the same float by the same operations:
# digits joined without group separators, one float(), times the multiplier, rounded to cents.
# ASCII digits only: anything else (signs, units, spaces elsewhere, other digits) takes the general path.
_PLAIN = {
    NL: re.compile(r"(?:€ ?)?([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+))?"),
    EN: re.compile(r"(?:[€£$] ?)?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?"),
}
_GROUP = {NL: ".", EN: ","}
# Below this, a float read from at most two decimals is its own round(x, 2): it lies within half a unit
# in the last place (under 0.004 here) of that decimal, so rounding to cents gives the decimal back.
_EXACT_CENTS_BELOW = 1e13


class _NotAnAmountMark:
    """Stands in a parsed column for a cell parse_amount refuses (NotAnAmount)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_AN_AMOUNT"


NOT_AN_AMOUNT = _NotAnAmountMark()


def parse_amounts(cells: Sequence[object], locale: str = NL, multiplier: int = 1) -> list:
    """parse_amount for a whole column: per cell the same float or None, or NOT_AN_AMOUNT where
    parse_amount raises NotAnAmount. Each distinct text is parsed once (exports repeat values a lot);
    numbers, dates and other cells one by one (1, 1.0 and True are one key to a dict, 0.0 and -0.0 too).
    """
    kinds = set(map(type, cells))
    if kinds <= {str, type(None)}:
        texts = [text for text in dict.fromkeys(cells) if text is not None]
        memo = dict(zip(texts, _parse_texts(texts, locale, multiplier)))
        memo[None] = None
        return list(map(memo.__getitem__, cells))
    if kinds <= {float, type(None)} and len(cells) >= _MANY:
        return _parse_floats(cells, multiplier)
    memo: dict[str, object] = {}
    out = []
    for cell in cells:
        if type(cell) is str:
            if cell not in memo:
                memo[cell] = _parse_text_cell(cell, locale, multiplier)
            out.append(memo[cell])
        else:
            out.append(_parse_other(cell, locale, multiplier))
    return out


def _parse_texts(texts: list[str], locale: str, multiplier: int) -> list:
    """_parse_text_cell for each of many texts; the common notations all at once in Arrow.

    The same steps as _parse_text_cell: the same pattern (RE2 here), the same digits, one float()
    (Arrow's is correctly rounded, as Python's), the same rounding; texts the pattern does not take
    go to the general parser one by one.
    """
    if len(texts) < _MANY or locale not in _PLAIN_RE2:
        return [_parse_text_cell(text, locale, multiplier) for text in texts]
    plain, numbers = _plain_floats(texts, locale, multiplier)
    out = np.empty(len(texts), dtype=object)
    out[plain] = numbers  # Python floats, as _parse_text_cell gives
    for i in np.flatnonzero(~plain).tolist():
        out[i] = _parse_cell(texts[i], locale, multiplier)
    return out.tolist()


def parse_plain_texts(texts: list[str], locale: str = NL, multiplier: int = 1) -> np.ndarray | None:
    """parse_amount of each of many texts as floats (NaN for a blank text, which parse_amount reads
    as missing), when every other text is an amount in the common notation (digits, the locale's
    groups and decimal sign, a currency sign in front); else None.

    The same figures as parse_amount gives (tests/test_amounts.py); used for the distinct texts of a
    column, so a column of plain figures is read without a Python object per cell."""
    if locale not in _PLAIN_RE2:
        return None
    if not texts:
        return np.zeros(0, dtype=np.float64)
    plain, numbers = _plain_floats(texts, locale, multiplier)
    if plain.all():
        return numbers
    others = np.flatnonzero(~plain)
    if any(texts[i].strip() for i in others.tolist()):
        return None
    out = np.full(len(texts), np.nan)
    out[plain] = numbers
    return out


def _plain_floats(texts: list[str], locale: str, multiplier: int) -> tuple[np.ndarray, np.ndarray]:
    """(plain, numbers): which texts the common-notation pattern takes, and their amounts (as
    _parse_text_cell gives them) in the order of those texts."""
    parts = pc.extract_regex(pa.array(texts, type=pa.large_string()), _PLAIN_RE2[locale])
    plain = parts.is_valid().to_numpy(zero_copy_only=False)
    if not plain.all():
        parts = parts.filter(pa.array(plain))
    whole = pc.replace_substring(parts.field("whole"), _GROUP[locale], "")
    fraction = parts.field("fraction")  # '' when there is none
    places = pc.utf8_length(fraction).to_numpy(zero_copy_only=False)
    digits = pc.if_else(pa.array(places > 0), pc.binary_join_element_wise(whole, fraction, _DOT), whole)
    amounts = pc.cast(digits, pa.float64()).to_numpy(zero_copy_only=False).copy()
    exact = (amounts < _EXACT_CENTS_BELOW) & (places <= 2) if multiplier == 1 else np.zeros(len(amounts), bool)
    for i in np.flatnonzero(~exact).tolist():
        amounts[i] = _round(float(amounts[i]) * multiplier)
    return plain, amounts


_MANY = 1000  # below this many distinct texts, Arrow's set-up costs more than it saves
_PLAIN_RE2 = {
    NL: r"^(?:€ ?)?(?P<whole>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<fraction>[0-9]+))?$",
    EN: r"^(?:[€£$] ?)?(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]+))?$",
}
_DOT = pa.scalar(".", pa.large_string())


def _parse_text_cell(text: str, locale: str, multiplier: int) -> object:
    """parse_amount of one text, the common notations read directly."""
    match = _PLAIN[locale].fullmatch(text) if locale in _PLAIN else None
    if match is None:
        return _parse_cell(text, locale, multiplier)
    whole, fraction = match.groups()
    digits = whole.replace(_GROUP[locale], "")
    amount = float(digits + "." + fraction if fraction else digits)
    if multiplier == 1 and amount < _EXACT_CENTS_BELOW and (fraction is None or len(fraction) <= 2):
        return amount
    amount *= multiplier
    return _round(amount)


def _parse_floats(cells: Sequence[float | None], multiplier: int) -> list:
    """_parse_other of many floats (a workbook's amount column) at once: a value times the multiplier that is
    already the double nearest to a number of cents is what round(value, 2) gives, found in numpy; the others
    (more decimals, or too large for cents to be told apart) are rounded one by one, as before. NaN is None."""
    with np.errstate(invalid="ignore", over="ignore"):
        values = np.array(cells, dtype=np.float64) * multiplier  # None is NaN
        cents = np.round(values * 100) / 100
        kept = (cents == values) & (np.abs(values) < _EXACT_CENTS_BELOW)
    out = values.astype(object)
    out[np.isnan(values)] = None
    for i in np.flatnonzero(~kept & ~np.isnan(values)).tolist():
        out[i] = _round(float(values[i]))
    return out.tolist()


def _parse_other(value: object, locale: str, multiplier: int) -> object:
    """parse_amount of a cell that is not a str (a float directly: it is most of them in a workbook)."""
    if type(value) is float:
        return None if value != value else _round(value * multiplier)
    return _parse_cell(value, locale, multiplier)


def _parse_cell(value: object, locale: str, multiplier: int) -> object:
    try:
        return parse_amount(value, locale, multiplier)
    except NotAnAmount:
        return NOT_AN_AMOUNT


def _parse_number(number: str, locale: str) -> float | None:
    if not _NUMBER.match(number) or number.count(",") + number.count(".") == len(number):
        return None
    group, decimal = (".", ",") if locale == NL else (",", ".")
    if number.count(decimal) > 1:
        return None
    whole, _, fraction = number.partition(decimal)
    parts = whole.split(group)
    if len(parts) > 1 and (not parts[0] or any(len(p) != 3 for p in parts[1:])):
        return None
    try:
        return float("".join(parts) + ("." + fraction if fraction else ""))
    except ValueError:
        return None


def _round(amount: float) -> float:
    # Amounts are stored with cents; rounding here keeps 2.5 * 1000 exactly 2500.0.
    return round(amount, 2)
