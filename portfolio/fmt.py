"""How a measure is shown: amounts, percentages and dates as Dutch or English readers expect them.

The one home of the rules every page, table, export and the written report follow:
- **Rounding**: half up (half away from zero: 2,25 -> 2,3 and -2,25 -> -2,3), on the decimal the value is
  written as, as a controller, Excel's ROUND and the browser's Intl.NumberFormat round. Never half-even,
  never cut off.
- **Decimals per measure** (DECIMALS): an amount in full units is written in whole currency units; a
  compact amount (tiles, charts, the upload preview, compare) with at most one decimal of its k or mln; a
  share (variance %, share spent, a light's share of the budget) with one decimal; a rule's threshold
  (15%) without. Tables and exports hold the value as it is written (shown_share, shown_amount), so a
  browser that cuts digits off (Streamlit's NumberColumn) or a spreadsheet shows that same value.
- **Notation** from CLDR through Babel (separators, the currency's symbol and where it stands, the
  sign, month names; any ISO currency code: '€', '£', 'US$', 'C$'/'CA$', 'AU$'/'A$', 'CHF'), with our
  short notation on top: '€ 2.315k', '€ 936,5k', '€ 12,4 mln' (nl); '€2,315k', '€936.5k', '€12.4m' (en).
  A plain space after a Dutch currency symbol ('€ 2.315k'), where CLDR has a no-break space.
- Missing values are shown as missing (MISSING), never as 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

MISSING = "–"
LOCALES = {"nl": "nl_NL", "en": "en_GB"}  # en_GB: '15 June 2018', '31 Mar 2019'
ROUNDING = ROUND_HALF_UP
# Decimals per measure, everywhere it is shown.
DECIMALS = {
    "amount": 0,  # full currency units: € 2.315.000
    "compact": 1,  # of the k or mln: € 936,5k, € 12,4 mln (trailing zeros dropped: € 2.315k)
    "share": 1,  # 40,5%, -7,7%
    "rule": 0,  # a threshold of the rules: 15%
    "stated": 2,  # an amount as a file states it (its own totals), where it has cents: € 2.500,50
}
K_FROM, MLN_FROM = 1_000, 10_000_000  # compact: plain below € 1k, k below € 10 mln, mln from there


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def _decimal(value, decimals: int) -> Decimal:
    """The value rounded half up on `decimals`: from its shortest decimal form (repr), so 24.95 million
    (a binary 24.94999...) rounds to 25,0 as a reader expects, not to 24,9."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUNDING)


def rounded(value, decimals: int):
    """A number rounded half up on `decimals`, as a float; missing stays missing."""
    if is_missing(value):
        return None
    return float(_decimal(value, decimals))


def shown_share(value):
    """A share (0.0767) as it is written (-7,7% is -0.077): what tables and exports hold, so every
    reader shows the same figure. NaN/None stay NaN (an empty cell, never 0)."""
    if is_missing(value):
        return math.nan
    return float(_decimal(value, DECIMALS["share"] + 2))


def shown_amount(value):
    """An amount in full units as it is written (whole currency units, half up); NaN/None stay NaN."""
    if is_missing(value):
        return math.nan
    return float(_decimal(value, DECIMALS["amount"]))


@cache
def _symbols(lang: str) -> tuple[str, str, str, bool]:
    """The language's decimal sign, group sign and minus sign (CLDR), and whether it groups by three
    (then numbers are written by Python's own grouping with these signs: ten times faster than Babel's
    formatter, which a report of 2,000 stories calls tens of thousands of times)."""
    locale = Locale.parse(_locale(lang))
    by_three = locale.decimal_formats[None].grouping == (3, 3)
    return (
        babel_numbers.get_decimal_symbol(locale),
        babel_numbers.get_group_symbol(locale),
        babel_numbers.get_minus_sign_symbol(locale),
        by_three,
    )


def _digits(exact: Decimal, decimals: int, lang: str) -> str:
    point, group, minus, by_three = _symbols(lang)
    if not by_three:
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return babel_numbers.format_decimal(exact, pattern, locale=_locale(lang))
    text = f"{exact:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", point).replace("\x00", group).replace("-", minus)


def number(value, decimals: int = 0, lang: str = "nl") -> str:
    """Digits grouped by thousands, rounded half up: 2.315.000,5 (nl) or 2,315,000.5 (en)."""
    return _digits(_decimal(value, decimals), decimals, lang)


def _trimmed(value, decimals: int, lang: str) -> str:
    text = number(value, decimals, lang)
    point = _symbols(lang)[0]
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return text


@cache
def symbol(currency: str, lang: str = "nl") -> str:
    """The currency's sign in the language (CLDR): '€', '£', 'US$', 'C$' (nl) / 'CA$' (en), 'CHF'."""
    return babel_numbers.get_currency_symbol(currency or "EUR", _locale(lang))


@cache
def _affixes(currency: str, lang: str) -> tuple[str, str, str, str]:
    """Prefix and suffix of a positive and of a negative amount in the language's currency pattern
    (nl '€ ' / '€ -', en '€' / '-€'), with CLDR's currency spacing: a sign that ends in a letter
    ('CHF') is set apart from the digits."""
    pattern = Locale.parse(_locale(lang)).currency_formats["standard"]
    sign = symbol(currency, lang)
    affixes = []
    for prefix, suffix in zip(pattern.prefix, pattern.suffix):
        prefix = prefix.replace("\xa0", " ")
        if prefix.endswith("¤") and sign[-1:].isalpha():
            prefix += " "
        affixes += [prefix.replace("¤", sign), suffix.replace("\xa0", " ").replace("¤", sign)]
    return tuple(affixes)


def _with_symbol(body: str, negative: bool, currency: str, lang: str, signed: bool) -> str:
    plus, plus_suffix, minus, minus_suffix = _affixes(currency, lang)
    if negative:
        return f"{minus}{body}{minus_suffix}"
    if signed:  # a '+' where the language puts its '-'
        return f"{minus.replace('-', '+')}{body}{minus_suffix}"
    return f"{plus}{body}{plus_suffix}"


def _is_negative(value, decimals: int) -> bool:
    """Negative as written: -0,04 written with one decimal is 0, without a sign."""
    return _decimal(value, decimals) < 0


def money(value, currency: str = "EUR", lang: str = "nl", *, style: str = "auto", signed: bool = False) -> str:
    """A compact amount for tiles, charts and previews: '€ 2.315k', '€ 12,4 mln' (nl); '€2,315k',
    '€12.4m' (en); at most one decimal of the k or mln, half up.

    style 'auto' uses plain units below 1.000, k below 10 million and mln above; 'k' and 'mln' force
    one; 'exact' gives full units (money_exact).
    """
    if is_missing(value):
        return MISSING
    if style == "exact":
        return money_exact(value, currency, lang, signed=signed)
    size = abs(value)
    if style == "auto":
        style = "plain" if size < K_FROM else ("k" if size < MLN_FROM else "mln")
    decimals = DECIMALS["compact"]
    if style == "plain":
        shown, body = value, _trimmed(size, 2, lang)
        decimals = 2
    elif style == "k":
        shown = value / 1_000
        body = _trimmed(size / 1_000, decimals, lang) + "k"
    else:
        shown = value / 1_000_000
        body = _trimmed(size / 1_000_000, decimals, lang) + (" mln" if lang == "nl" else "m")
    negative = _is_negative(shown, decimals)
    return _with_symbol(body, negative, currency, lang, signed and not negative and _decimal(shown, decimals) > 0)


def money_exact(value, currency: str = "EUR", lang: str = "nl", *, signed: bool = False) -> str:
    """An amount in full currency units, whole units half up: '€ 2.315.000' (nl), '€2,315,000' (en)."""
    if is_missing(value):
        return MISSING
    decimals = DECIMALS["amount"]
    negative = _is_negative(value, decimals)
    body = number(abs(value), decimals, lang)
    return _with_symbol(body, negative, currency, lang, signed and not negative and _decimal(value, decimals) > 0)


def money_stated(value, currency: str = "EUR", lang: str = "nl") -> str:
    """An amount as a file states it, cents where it has cents: '€ 2.500,50', '€ 2.315.000'. For a
    file's own totals and the loader's messages, where a difference of cents is the point."""
    if is_missing(value):
        return MISSING
    decimals = 0 if float(_decimal(value, DECIMALS["stated"])).is_integer() else DECIMALS["stated"]
    return _with_symbol(number(abs(value), decimals, lang), _is_negative(value, decimals), currency, lang, False)


def money_pattern(field: str, currency: str = "EUR", lang: str = "nl") -> str:
    """A plotly hovertemplate placeholder for an amount, written like money_exact() once the figure's
    `separators` are the language's: '€ %{y:,.0f}' shows 2315000 as '€ 2.315.000' (nl). Lets a chart
    hand plotly numbers instead of a formatted text per point."""
    return _with_symbol(f"%{{{field}:,.0f}}", False, currency, lang, False)


def percent(value, lang: str = "nl", decimals: int = DECIMALS["share"], *, signed: bool = False) -> str:
    """A fraction as a percentage, half up: 0.404 -> '40,4%' (nl) / '40.4%' (en); signed: '+5,3%'."""
    if is_missing(value):
        return MISSING
    shown = _decimal(Decimal(repr(float(value))) * 100, decimals)
    if shown == 0:
        shown = abs(shown)  # -0,0% has no direction
    plus, plus_suffix, minus, minus_suffix = _percent_affixes(lang)
    body = _digits(abs(shown), decimals, lang)
    if shown < 0:
        return f"{minus}{body}{minus_suffix}"
    return f"{'+' if signed and shown > 0 else ''}{plus}{body}{plus_suffix}"


@cache
def _percent_affixes(lang: str) -> tuple[str, str, str, str]:
    """Prefix and suffix of a positive and a negative percentage in the language (CLDR): '', '%', '-', '%'."""
    locale = Locale.parse(_locale(lang))
    pattern = locale.percent_formats[None]
    sign = locale.number_symbols["latn"]["percentSign"]
    minus = babel_numbers.get_minus_sign_symbol(locale)
    affixes = []
    for prefix, suffix in zip(pattern.prefix, pattern.suffix):
        affixes += [prefix.replace("%", sign).replace("-", minus), suffix.replace("%", sign)]
    return tuple(affixes)


def rule(value, lang: str = "nl") -> str:
    """A threshold of the rules as a percentage without decimals: 0.15 -> '15%'."""
    return percent(value, lang, DECIMALS["rule"])


def _as_date(value) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value


def date(value, lang: str = "nl") -> str:
    """15 juni 2018 (nl) / 15 June 2018 (en)."""
    if is_missing(value):
        return MISSING
    return babel_dates.format_date(_as_date(value), "long", locale=_locale(lang))


def short_date(value, lang: str = "nl") -> str:
    """A date in a table cell: '31-03-2019' (nl), '31 Mar 2019' (en)."""
    if is_missing(value):
        return MISSING
    return babel_dates.format_date(_as_date(value), "short" if lang == "nl" else "medium", locale=_locale(lang))


def month(value, lang: str = "nl") -> str:
    """A month and year, short enough for an axis: 'mrt 2024' (nl) / 'Mar 2024' (en)."""
    if is_missing(value):
        return MISSING
    return babel_dates.format_date(_as_date(value), "LLL y", locale=_locale(lang))


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
