"""A date as an export writes it: a day, or a period named loosely, never invented to a day.

`parse_when` reads a cell of a date column (start, planned end, latest approved end, forecast end):
an exact day ('15-06-2018', '2024-03-31T00:00:00Z', an Excel date cell or serial number, '15 mei
2019') is kept as that day; a period ('Q3 2024', 'najaar 2025', 'mei 2019', '2024', 'H1 2025', 'eind
2025', a financial year 'FY 2024/25' from April to March, '2024-2025' as two years) is kept as written, with the first and last
day it can mean. Text that names no date ('na
akkoord GS') is kept as written with no days at all: missing is not "on time".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from portfolio.recognise import no_value


@dataclass(frozen=True)
class When:
    """A date cell: the text (ISO for an exact day, as written for a period) and the first and last
    day it can mean (equal for an exact day, both None where the text names no date)."""

    text: str
    first: dt.date | None
    last: dt.date | None

    @property
    def exact(self) -> bool:
        return self.first is not None and self.first == self.last

    @property
    def understood(self) -> bool:
        return self.first is not None


MONTHS = {
    **dict.fromkeys(("januari", "january", "jan", "janv"), 1),
    **dict.fromkeys(("februari", "february", "feb", "febr"), 2),
    **dict.fromkeys(("maart", "march", "mrt", "mar", "maa"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("augustus", "august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
# Parts of a year named in words: (first month, first day, last month, last day), the widest each can mean.
SEASONS = {
    **dict.fromkeys(("voorjaar", "lente", "spring"), (3, 1, 6, 30)),
    **dict.fromkeys(("zomer", "summer"), (6, 1, 9, 30)),
    **dict.fromkeys(("najaar", "herfst", "autumn", "fall"), (9, 1, 12, 31)),
    **dict.fromkeys(("begin", "start", "early", "eerste helft", "first half", "h1"), (1, 1, 6, 30)),
    **dict.fromkeys(("medio", "mid", "midden"), (4, 1, 9, 30)),
    **dict.fromkeys(("eind", "einde", "end", "late", "ultimo", "tweede helft", "second half", "h2"), (7, 1, 12, 31)),
}
_ORDINAL = r"(?:([1-4])\s*(?:e|de|ste|st|nd|rd|th)?)"
_YEAR = r"((?:19|20)\d\d)"
_EXCEL_DAYS = (18264, 73051)  # Excel serials of 1950-01-01 .. 2100-01-01: a plausible project date
_EPOCH = dt.date(1899, 12, 30)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _span(text: str, year: int, first_month: int, last_month: int, first_day: int = 1, last_day: int = 0) -> When:
    last = _month_end(year, last_month) if not last_day else dt.date(year, last_month, last_day)
    return When(text, dt.date(year, first_month, first_day), last)


def _exact(day: dt.date | None, text: str) -> When:
    return When(day.isoformat(), day, day) if day is not None else When(text, None, None)


def parse_when(raw: object) -> When | None:
    """The When of a cell; None for a blank cell or one that says it has no value ('n.v.t.', 'tbd')."""
    if raw is None:
        return None
    if type(raw) is str and len(raw) == 10 and _ISO_DAY.fullmatch(raw):  # '2024-03-31', as most exports write
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:  # no such day ('2024-02-30'): the way below says so
            pass
        else:
            return When(raw, day, day)
    if isinstance(raw, dt.datetime):
        return _exact(raw.date(), "")
    if isinstance(raw, dt.date):
        return _exact(raw, "")
    if isinstance(raw, bool):
        return When(str(raw), None, None)
    if isinstance(raw, (int, float)):
        if raw != raw:
            return None
        return _number(raw, repr(raw))
    text = " ".join(str(raw).replace("_x000D_", " ").split())
    if not text or no_value(text):
        return None
    return _text(text)


# A day written as ISO, nothing around it: read at once (the way through _text took 0.2 s of the 4,000 distinct
# dates of a history's parse); tests/test_story_dates.py holds it to what that way gives.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _number(value: float, text: str) -> When:
    """A number in a date column: a year (2024) or an Excel serial day (45382)."""
    if float(value).is_integer() and 1900 <= value <= 2100:
        year = int(value)
        return When(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
    if _EXCEL_DAYS[0] <= value < _EXCEL_DAYS[1]:
        return _exact(_EPOCH + dt.timedelta(days=int(value)), text)
    return When(text, None, None)


def _text(text: str) -> When:
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]*(?:Z|[+-]\d\d:?\d\d)?)?", text)
    if iso:
        return _exact(_day(*(int(g) for g in iso.groups())), text)
    numeric = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ][0-9:.]*)?", text)
    if numeric:
        a, b, year = (int(g) for g in numeric.groups())
        # day first, as Dutch and British exports write it; month first only where day first cannot be
        day = _day(year, b, a) or (_day(year, a, b) if a <= 12 < b else None)
        return _exact(day, text)
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _number(float(text), text)
    folded = _fold(text)
    return _worded(text, folded) or When(text, None, None)


def _years(text: str, folded: str) -> When | None:
    """A financial year or a span of years: 'FY 2024/25', 'boekjaar 2024-2025', '2024/25', '2024/2025' run from
    April to March, as the UK's government years do (GMPP's 'Financial Year 2023/24'); '2024-2025' without a word
    before it is the two calendar years; '2024-25' without one says neither and is kept as written."""
    found = re.fullmatch(rf"(fy|financial year|boekjaar|begrotingsjaar|fiscal year)? ?{_YEAR} ((?:19|20)?\d\d)", folded)
    separator = re.search(r"\d\s*([/-])\s*\d", text)
    if not found or not separator:
        return None
    named, first, second = found.group(1), int(found.group(2)), found.group(3)
    if (int(second) if len(second) == 4 else int(second) - (first + 1) % 100 + first + 1) != first + 1:
        return None  # not the next year ('2024-03' is a month): for the other readings
    if named or separator.group(1) == "/":
        return When(text, dt.date(first, 4, 1), dt.date(first + 1, 3, 31))
    if len(second) == 4:
        return When(text, dt.date(first, 1, 1), dt.date(first + 1, 12, 31))
    return When(text, None, None)


def _worded(text: str, folded: str) -> When | None:
    """Days and periods written in words or with a letter: '15 mei 2019', 'Q3 2024', 'najaar 2025'."""
    if re.fullmatch(_YEAR, folded):
        year = int(folded)
        return When(text, dt.date(year, 1, 1), dt.date(year, 12, 31))
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    # a day: '15 mei 2019', '15 May 2019', 'May 15 2019'
    match = re.fullmatch(rf"(\d{{1,2}}) ({month_names}) {_YEAR}", folded) or re.fullmatch(
        rf"({month_names}) (\d{{1,2}}) {_YEAR}", folded
    )
    if match:
        first, second, year = match.groups()
        day, month = (first, second) if first.isdigit() else (second, first)
        found = _day(int(year), MONTHS[month], int(day))
        return _exact(found, text) if found else None
    span = _years(text, folded)
    if span is not None:
        return span
    # a month: 'mei 2019', 'May 2019', '2019-05', '05-2019'
    match = re.fullmatch(rf"({month_names}) {_YEAR}", folded)
    if match:
        return _span(text, int(match.group(2)), MONTHS[match.group(1)], MONTHS[match.group(1)])
    match = re.fullmatch(rf"{_YEAR} (\d{{1,2}})", folded) or re.fullmatch(rf"(\d{{1,2}}) {_YEAR}", folded)
    if match and re.fullmatch(r"\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4}", text.strip()):
        year, month = sorted((int(g) for g in match.groups()), reverse=True)
        return _span(text, year, month, month) if 1 <= month <= 12 else None
    # a quarter: 'Q3 2024', '2024 Q3', '2024-Q3', 'K3 2024', '3e kwartaal 2024', 'kwartaal 3 2024'
    quarter = (
        re.fullmatch(rf"[qk]\s?([1-4]) {_YEAR}", folded)
        or re.fullmatch(rf"{_ORDINAL} (?:kwartaal|kw|quarter|qtr) {_YEAR}", folded)
        or re.fullmatch(rf"(?:kwartaal|kw|quarter|qtr) ([1-4]) {_YEAR}", folded)
    )
    if quarter:
        number, year = int(quarter.group(1)), int(quarter.group(2))
        return _span(text, year, 3 * number - 2, 3 * number)
    quarter = re.fullmatch(rf"{_YEAR} [qk]\s?([1-4])", folded)
    if quarter:
        year, number = int(quarter.group(1)), int(quarter.group(2))
        return _span(text, year, 3 * number - 2, 3 * number)
    # a half or a part of the year: 'H1 2025', '1e helft 2025', 'najaar 2025', 'eind 2025', 'medio 2026'
    half = re.fullmatch(rf"{_ORDINAL} (?:helft|half) {_YEAR}", folded)
    if half:
        number, year = int(half.group(1)), int(half.group(2))
        return _span(text, year, 1, 6) if number == 1 else _span(text, year, 7, 12) if number == 2 else None
    seasons = "|".join(sorted(SEASONS, key=len, reverse=True))
    match = re.fullmatch(rf"({seasons})(?: van)? {_YEAR}", folded)
    if match:
        first_month, first_day, last_month, last_day = SEASONS[match.group(1)]
        return _span(text, int(match.group(2)), first_month, last_month, first_day, last_day)
    return None


# --- a duration: a range of two dates, or a length only ----------------------------------------------------

# Words and marks between the two ends of a range: '01-01-2024 t/m 31-12-2025', '2024 - 2026', 'Q1 2024 – Q4 2025',
# 'jan 2024 tot dec 2025', 'Jan 2024 to Dec 2025'. A hyphen without spaces ('2024-2026') is tried at each place.
_RANGE_WORDS = re.compile(
    r"\s+(?:t/m|t\.m\.|tm|tot en met|tot|to|until|till|through|thru|-|–|—|/|~)\s+|\s*[–—]\s*", re.IGNORECASE
)
_LENGTH = re.compile(
    r"(?:ca\.?\s*|circa\s*|about\s*|approx\.?\s*)?\d+(?:[.,]\d+)?\s*"
    r"(?:dagen|dag|days|day|weken|week|weeks|wk|maanden|maand|mnd|months|month|mths|jaren|jaar|years|year|yrs|jr|kwartalen|kwartaal|quarters|quarter)\.?",
    re.IGNORECASE,
)


def is_length(raw: object) -> bool:
    """'18 maanden', '2 jaar', '6 weeks', 'ca. 1,5 jaar': a duration as a length only, with no dates in it."""
    return raw is not None and bool(_LENGTH.fullmatch(" ".join(str(raw).split())))


def parse_range(raw: object) -> tuple[When, When] | None:
    """The two ends of a range a duration column writes ('01-01-2024 t/m 31-12-2025', '2024 - 2026',
    'Q1 2024 – Q4 2025', 'jan 2024 - dec 2025'), each read as parse_when reads a cell: an end kept at its
    own precision ('2026' is the year 2026, never invented to a day). None when the text is not two dates,
    or when its end lies wholly before its start."""
    if raw is None or isinstance(raw, (int, float, dt.date)):
        return None
    text = " ".join(str(raw).replace("_x000D_", " ").split())
    text = re.sub(r"^(?:van|vanaf|from)\s+", "", text, flags=re.IGNORECASE)
    if not text:
        return None
    cuts = [(m.start(), m.end()) for m in _RANGE_WORDS.finditer(text)]
    cuts += [(m.start(), m.end()) for m in re.finditer(r"(?<=\S)-(?=\S)", text)]
    for start, end in cuts:
        first, last = parse_when(text[:start]), parse_when(text[end:])
        if first is None or last is None or not first.understood or not last.understood:
            continue
        if last.last < first.first:
            continue
        return first, last
    return None


_YEAR_PAIR = re.compile(r"(?:19|20)\d\d\s*[-/]\s*(?:19|20)\d\d")


def duration_shares(texts: list[str]) -> tuple[float, float, float]:
    """Of a column's sampled texts that hold a value: the share of ranges, of ranges of two years only
    ('2024-2025', a financial year as much as a range) and of lengths only ('18 maanden')."""
    counted = [text for text in texts if text and not no_value(text)]
    if not counted:
        return 0.0, 0.0, 0.0
    ranges = pairs = lengths = 0
    for text, weight in Counter(counted).items():  # each distinct text read once
        if parse_range(text) is not None:
            ranges += weight
            pairs += weight * bool(_YEAR_PAIR.fullmatch(text.strip()))
        elif is_length(text):
            lengths += weight
    n = len(counted)
    return ranges / n, pairs / n, lengths / n
