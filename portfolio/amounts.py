"""Amounts as spreadsheets write them: numbers or text in Dutch or English notation, with units.

Everything returns full currency units. A value that is not an amount becomes None (missing), never 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

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
_CURRENCY_SIGNS = {"€": "EUR", "eur": "EUR", "euro": "EUR", "£": "GBP", "gbp": "GBP", "$": "USD", "usd": "USD"}
_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007'"), None)
_NUMBER = re.compile(r"^[+-]?(\d[\d.,]*)$")


@dataclass(frozen=True)
class Unit:
    """What a header declares: a multiplier and, where named, a currency."""

    multiplier: int = 1
    currency: str | None = None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def header_unit(header: str) -> Unit:
    """The unit a header declares: 'Budget (€ k)' -> 1000 EUR, 'Forecast (£m)' -> 1e6 GBP, 'x1000' -> 1000."""
    text = header.replace("\n", " ")
    low = text.lower()
    currency = None
    for sign, code in (("€", "EUR"), ("£", "GBP"), ("$", "USD")):
        if sign in text:
            currency = code
    for word, code in (("eur", "EUR"), ("gbp", "GBP"), ("usd", "USD")):
        if re.search(rf"\b{word}\b", low) or re.search(rf"\b{word}(?=k\b|m\b)", low):
            currency = currency or code
    multiplier = 1
    if re.search(r"x\s*[€£$]?\s*1[.,]?000[.,]?000\b", low) or re.search(
        r"(\bmln\b|\bmio\b|\bmiljoen|\bmillion|[£$€]\s*m\b|\b(eur|gbp|usd)\s*m\b|\(m\)|\bm[£$€])", low
    ):
        multiplier = 1_000_000
    elif re.search(r"(\bmrd\b|\bmiljard|\bbillion|[£$€]\s*bn\b|\bbn\b)", low):
        multiplier = 1_000_000_000
    elif re.search(
        r"(x\s*[€£$]?\s*1[.,]?000\b|\bduizend|\bdzd\b|[£$€]\s*k\b|\b(eur|gbp|usd)\s*k\b|\(k\)|\bk[£$€]|\bin k\b|\(k[£$€]\))",
        low,
    ):
        multiplier = 1_000
    return Unit(multiplier, currency)


def detect_locale(samples: Iterable[str], default: str = NL) -> str:
    """Whether text amounts use a decimal comma (NL) or point (EN), by majority of unambiguous samples."""
    votes = {NL: 0, EN: 0}
    for raw in samples:
        text = str(raw).translate(_SPACES)
        digits = re.sub(r"[^\d.,]", "", text)
        if not digits:
            continue
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", digits) or re.fullmatch(r"\d+,\d{1,2}", digits):
            votes[NL] += 1
        elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits) or re.fullmatch(r"\d+\.\d{1,2}", digits):
            votes[EN] += 1
        elif "," in digits and "." in digits:
            votes[NL if digits.rfind(",") > digits.rfind(".") else EN] += 1
        elif re.fullmatch(r"\d+\.\d{4,}", digits):
            votes[EN] += 1
        elif re.fullmatch(r"\d+,\d{4,}", digits):
            votes[NL] += 1
    if votes[NL] == votes[EN]:
        return default
    return NL if votes[NL] > votes[EN] else EN


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
    # Strip currency signs and codes wherever they are ('€ 2.500', '100€k', '2,5 EUR').
    folded = text
    for sign in sorted(_CURRENCY_SIGNS, key=len, reverse=True):
        folded = re.sub(re.escape(sign), " ", folded, flags=re.IGNORECASE)
    folded = folded.translate(_SPACES)
    if folded.startswith("-"):
        negative, folded = not negative, folded[1:]
    elif folded.startswith("+"):
        folded = folded[1:]
    if folded.endswith("-") and folded[:-1].replace(".", "").replace(",", "").isdigit():
        folded = folded[:-1]  # '1.200,-' is Dutch for whole euros
    cell_multiplier = None
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
