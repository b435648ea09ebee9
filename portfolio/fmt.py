"""Amounts, percentages and dates as Dutch or English readers expect them.

Dutch: € 2.315k, € 936,5k, € 2,3 mln, € 2.315.000, 40,4%. English: €2,315k, €936.5k, €2.3m, €2,315,000, 40.4%.
Missing values are shown as missing, never as 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal

SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}
MISSING = "–"
_MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float, decimals: int = 0, lang: str = "nl") -> str:
    """Digits grouped by thousands: 2.315.000,5 (nl) or 2,315,000.5 (en).

    Rounded half up on the decimal the value is written as: 24.95 million shows as 25,0, not as the
    24,9 that its binary float (24.94999...) would give.
    """
    if isinstance(value, float) and math.isfinite(value):
        value = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _trimmed(value: float, decimals: int, lang: str) -> str:
    text = number(value, decimals, lang)
    point = "," if lang == "nl" else "."
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return text


def _with_symbol(body: str, negative: bool, currency: str, lang: str, signed: bool) -> str:
    symbol = SYMBOLS.get(currency, currency + " " if lang == "en" else currency)
    sign = "-" if negative else ("+" if signed else "")
    if lang == "nl":
        return f"{symbol} {sign}{body}"
    return f"{sign}{symbol}{body}"


def money(value, currency: str = "EUR", lang: str = "nl", *, style: str = "auto", signed: bool = False) -> str:
    """A compact amount for tiles and charts: '€ 2.315k', '€ 12,4 mln' (nl); '€2,315k', '€12.4m' (en).

    style 'auto' uses k below 10 million and mln above; 'k' and 'mln' force one; 'exact' gives full units.
    """
    if is_missing(value):
        return MISSING
    if style == "exact":
        return money_exact(value, currency, lang, signed=signed)
    size = abs(value)
    negative = value < 0
    if style == "auto":
        style = "plain" if size < 1_000 else ("k" if size < 10_000_000 else "mln")
    if style == "plain":
        return _with_symbol(_trimmed(size, 2, lang), negative, currency, lang, signed and value > 0)
    if style == "k":
        body = _trimmed(size / 1_000, 1, lang) + "k"
    else:
        body = _trimmed(size / 1_000_000, 1, lang) + (" mln" if lang == "nl" else "m")
    return _with_symbol(body, negative, currency, lang, signed and value > 0)


def money_exact(value, currency: str = "EUR", lang: str = "nl", *, signed: bool = False) -> str:
    """Full currency units: '€ 2.315.000' or '€ 2.500,50' (nl); '€2,315,000' (en)."""
    if is_missing(value):
        return MISSING
    size = abs(value)
    decimals = 0 if float(size).is_integer() else 2
    return _with_symbol(number(size, decimals, lang), value < 0, currency, lang, signed and value > 0)


def money_pattern(field: str, currency: str = "EUR", lang: str = "nl") -> str:
    """A plotly hovertemplate placeholder for an amount, written like money_exact() once the figure's
    `separators` are the language's: '€ %{y:,.2~f}' shows 2315000 as '€ 2.315.000' (nl) and 2500.5 as
    '€ 2.500,5'. Lets a chart hand plotly numbers instead of a formatted text per point."""
    return _with_symbol(f"%{{{field}:,.2~f}}", False, currency, lang, False)


def percent(value, lang: str = "nl", decimals: int = 1, *, signed: bool = False) -> str:
    """A fraction as a percentage: 0.404 -> '40,4%' (nl) / '40.4%' (en)."""
    if is_missing(value):
        return MISSING
    text = number(value * 100, decimals, lang) + "%"
    return ("+" + text) if signed and value > 0 else text


def date(value, lang: str = "nl") -> str:
    """15 juni 2018 (nl) / 15 June 2018 (en)."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    if lang == "nl":
        return f"{value.day} {_MONTHS_NL[value.month - 1]} {value.year}"
    return value.strftime("%-d %B %Y")


def money_delta(value, currency: str = "EUR", lang: str = "nl") -> str:
    """A move of an amount with its sign first ('+€ 15k', '-€ 1.660k'), as metric deltas read it."""
    if is_missing(value):
        return MISSING
    sign = "-" if value < 0 else "+"
    return sign + money(abs(value), currency, lang)


_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$&:@"
# Streamlit's Markdown turns text into links and icons *after* escapes are undone: GFM's autolink
# literals ('https://', 'www.', 'name@host.nl') and remark-emoji's ':smile:' search the plain text, and
# ':material/...:' is replaced in the source. A WORD JOINER (U+2060, invisible, no line break) after
# every ':' and '@' and inside 'www.' breaks each of those patterns; the text reads the same.
WORD_JOINER = "\u2060"
_WWW = re.compile(r"(w{3})(?=\.)", re.IGNORECASE)


def md(text) -> str:
    """Text from a spreadsheet made safe to show inside Markdown: every character Markdown, HTML or
    LaTeX would act on is escaped, and addresses and shortcodes are broken invisibly, so a title like
    '<img src=x onerror=...>', '[x](javascript:...)', 'https://example.nl' or ':smile:' is shown as the
    characters it is, never as a link, an image or an icon."""
    if text is None:
        return ""
    text = _WWW.sub(r"\1" + WORD_JOINER, str(text))
    escaped = "".join("\\" + ch + (WORD_JOINER if ch in ":@" else "") if ch in _MARKDOWN_SPECIAL else ch for ch in text)
    return escaped.replace("\n", " ")
