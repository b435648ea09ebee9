"""Which field a column holds, weighed from its header's words and what its values look like.

The words come from `vocabulary.toml` (data a controller can read and extend). A header is split into
words wherever people join them (snake_case, camelCase, punctuation, '2016/17TOTAL'), so the field word
is found anywhere in it; the column's values then say whether that reading can be right: a column of
prose is never an amount, a column of numbers never a note, a light needs light words, a report date
needs dates. Columns with numbers or light words that no field took are named with what they look like,
so nothing with money in it is passed over without a word.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

VOCABULARY = tomllib.loads((Path(__file__).with_name("vocabulary.toml")).read_text(encoding="utf-8"))
SYNONYMS: dict[str, tuple[str, ...]] = {name: tuple(words) for name, words in VOCABULARY["fields"].items()}
COMPOUNDS: dict[str, tuple[str, ...]] = {name: tuple(words) for name, words in VOCABULARY["compounds"].items()}
MODIFIERS = frozenset(VOCABULARY["modifiers"]["words"])
BENEFIT_WORDS = frozenset(VOCABULARY["benefits"]["words"])
MEASURE_WORDS = frozenset(VOCABULARY["measures"]["words"])
QUANTITY_WORDS = frozenset(VOCABULARY["quantities"]["words"])
QUANTITY_COMPOUND_STARTS = tuple(VOCABULARY["quantities"]["compound_starts"])
FIRST_WORD_ONLY = frozenset(VOCABULARY["first_word_only"]["words"])
OF_WHICH = tuple(VOCABULARY["of_which"]["starts"])
NOTE_BELOW_WORDS = tuple(VOCABULARY["notes_below"]["words"])
NOTE_BELOW_MARKERS = tuple(VOCABULARY["notes_below"]["markers"])
NO_VALUE_WORDS = frozenset(VOCABULARY["no_value"]["words"])
NO_VALUE_PREFIXES = tuple(VOCABULARY["no_value"]["prefixes"])
AMOUNT_FIELDS = ("budget", "spent", "realised", "committed", "forecast", "baseline")
# A story's narrative in the export's own columns (Aanpak, Beoogd resultaat, Volgende stap, Risico, Maatregel;
# portfolio/narrative.py): prose as the status note and the ambition are, never an amount or a totals word.
NARRATIVE_FIELDS = ("approach", "intended_result", "next_step", "risk", "risk_measure")
# Why a budget or end date was rebaselined, in the export's own column (Reden herijking; issue 22): prose too.
PROSE_FIELDS = ("status_note", "ambition", *NARRATIVE_FIELDS, "rebaseline_reason")
DATE_FIELDS = ("start_date", "planned_end", "approved_end", "forecast_end")
# A duration (Doorlooptijd): a range of two dates, or a length only ('18 maanden'); portfolio/when.py reads it.
DURATION = "duration"

# Words that write a unit, not a field: left out before a header is matched ('Budget EUR k' -> 'budget').
_UNIT_TOKENS = frozenset(
    [
        "eur",
        "euro",
        "euros",
        "eu",
        "gbp",
        "usd",
        "cad",
        "aud",
        "k",
        "m",
        "mn",
        "mm",
        "mln",
        "mio",
        "bn",
        "mrd",
        "mld",
        "x",
        "1000",
        "000",
        "000s",
        "duizend",
        "duizenden",
        "dzd",
        "thousand",
        "thousands",
        "million",
        "millions",
        "miljoen",
        "miljoenen",
        "billion",
        "billions",
        "miljard",
        "incl",
        "excl",
        "in",
        "keur",
        "teur",
    ]
)
_LOOKUP = {synonym: name for name, synonyms in SYNONYMS.items() for synonym in synonyms}
_LONGEST_SYNONYM = max(len(s.split()) for s in _LOOKUP)
_MOST_WORDS = 40  # a header is read this far (a question written out in full is no longer)

# How strongly a header names a field; a group cell above the header names it at strength 0.
EXACT, WITHOUT_MODIFIERS, WORDS_INSIDE, COMPOUND = 4, 3, 2, 1


def fold(text: object) -> str:
    """Lowercase ASCII: accents dropped."""
    return unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()


def header_words(header: object) -> list[str]:
    """'Budget\\n(€ k)' -> ['budget']; 'totalBudget' -> ['total', 'budget']; '2016/17 TOTAL Baseline £m' ->
    ['2016', '17', 'total', 'baseline']. Bracketed notes and unit words are left out."""
    text = "" if header is None else str(header)
    text = re.sub(r"[(\[].*?([)\]]|$)", " ", text, flags=re.S)
    text = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    text = re.sub(r"[^a-z0-9]+", " ", fold(text))
    text = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ", text)
    words = text.split()
    # '1ste' and '2de' stay one word; lone unit words go
    joined = " ".join(words)
    joined = re.sub(r"\b([0-9]+) (ste|de|e|st|nd|rd|th)\b", r"\1\2", joined)
    return [w for w in joined.split() if w not in _UNIT_TOKENS]


@dataclass(frozen=True)
class Reading:
    """One field a header may name: how strongly, and where its words end (later is the head noun)."""

    field: str
    strength: int
    end: int = 0
    length: int = 0

    @property
    def rank(self) -> tuple[int, int, int]:
        return (self.strength, self.end, self.length)


def readings(header: object) -> list[Reading]:
    """Every field the header's words may name, best first (one reading per field).

    A date header's bracketed note that names a date field outright refines it: 'Project - End Date
    (Latest Approved End Date)' and 'End Date (Latest Approved)' are the latest approved end."""
    found = _readings(header_words(header), header)
    if found and names_a_quantity(header):  # hours, fte, days: never money, whatever else it says
        found = [r for r in found if r.field not in AMOUNT_FIELDS]
    if found and found[0].field in DATE_FIELDS and re.search(r"[(\[]", str(header)):
        notes = " ".join(re.findall(r"[(\[]([^)\]]*)", str(header)))
        opened = re.sub(r"[()\[\]]", " ", str(header))
        for text in (notes, opened):
            better = _readings(header_words(text), text)
            if better and better[0].field in DATE_FIELDS and better[0].strength >= WITHOUT_MODIFIERS:
                best = Reading(better[0].field, found[0].strength, found[0].end + 1, found[0].length)
                return [best, *(r for r in found if r.field != best.field)]
    return found


def _readings(words: list[str], header: object) -> list[Reading]:
    if not words:
        return []
    text = " ".join(words)
    found: dict[str, Reading] = {}

    def offer(reading: Reading) -> None:
        if reading.field not in found or reading.rank > found[reading.field].rank:
            found[reading.field] = reading

    if text in _LOOKUP:
        offer(Reading(_LOOKUP[text], EXACT, len(words), len(text)))
    core = [w for w in words if w not in MODIFIERS and not w.isdigit()]
    if core and core != words and " ".join(core) in _LOOKUP:
        offer(Reading(_LOOKUP[" ".join(core)], WITHOUT_MODIFIERS, len(words), len(" ".join(core))))
    if "%" in str(header) or MEASURE_WORDS.intersection(words):
        return sorted(found.values(), key=lambda r: r.rank, reverse=True)
    for start in range(min(len(words), _MOST_WORDS)):
        for end in range(start + 1, min(start + _LONGEST_SYNONYM, len(words)) + 1):
            phrase = " ".join(words[start:end])
            if phrase in FIRST_WORD_ONLY and start > 0:
                continue
            if phrase in _LOOKUP and len(phrase) >= 3 and phrase != text:
                offer(Reading(_LOOKUP[phrase], WORDS_INSIDE, end, len(phrase)))
    for name, endings in COMPOUNDS.items():
        for position, word in enumerate(words[:_MOST_WORDS]):
            if any(word.endswith(ending) and len(word) >= len(ending) + 3 for ending in endings):
                offer(Reading(name, COMPOUND, position + 1, len(word)))
    return sorted(found.values(), key=lambda r: r.rank, reverse=True)


def names_a_quantity(header: object) -> bool:
    """Whether a header names a unit that is not money ('Budget (fte)', 'Uren besteed', 'Urenbudget'), its
    bracketed notes included."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(header)))).split()
    return any(w in QUANTITY_WORDS or (w.startswith(QUANTITY_COMPOUND_STARTS) and len(w) > 6) for w in words)


def is_benefit(*texts: object) -> bool:
    """Whether a header (or its group) calls the amount a benefit: never a cost."""
    return any(w in BENEFIT_WORDS for text in texts for w in header_words(text))


def no_value(text: str | None) -> bool:
    """'n.v.t.', 'pm', 'Not Applicable', 'Exempt under Section 43': a cell that says it has no value."""
    if text is None:
        return False
    words = " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())
    return words in NO_VALUE_WORDS or words.startswith(NO_VALUE_PREFIXES)


# --- what a column's values look like ----------------------------------------------------------------

_YEAR = re.compile(r"(?:fy ?|bj ?)?(19[89]\d|20\d\d)(?:[/-](?:\d\d|\d{4}))?", re.I)
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ].*)?|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}")
_PERCENT = re.compile(r"^[+-]?\d+(?:[.,]\d+)?\s*%$")


@dataclass(frozen=True)
class Profile:
    """What a column's sampled values look like, as shares of the cells that hold a value."""

    values: int = 0
    numbers: float = 0.0
    lights: float = 0.0
    dates: float = 0.0
    years: float = 0.0
    prose: float = 0.0
    percents: float = 0.0
    # filled only for a column that may be a duration (portfolio/when.py duration_shares, mapping.detect_columns):
    ranges: float = 0.0  # two dates, a start and an end ('2024 - 2026', 'Q1 2024 – Q4 2025')
    year_pairs: float = 0.0  # of those, two years in a row ('2024-2025'): a financial year as much as a range
    lengths: float = 0.0  # a length only ('18 maanden', '2 jaar')
    examples: tuple[str, ...] = ()

    def kind(self) -> str | None:
        """'numbers', 'lights', 'dates', 'years', 'prose' or None: what most of the values are."""
        if not self.values:
            return None
        for name in ("years", "dates", "lights", "percents", "numbers", "prose"):
            if getattr(self, name) >= 0.8:
                return name
        return None


def profile(texts: list[str]) -> Profile:
    """The shares of numbers, light words, dates, years and prose among a column's sampled texts;
    cells that say they have no value ('n.v.t.', 'Exempt ...') count for nothing."""
    from portfolio.amounts import EN, NL, NotAnAmount, parse_amount
    from portfolio.status import normalise_status

    counted = [t for t in texts if t and not no_value(t)]
    if not counted:
        return Profile()
    numbers = lights = dates = years = prose = percents = 0
    for text, weight in Counter(counted).items():  # each distinct text read once, counted as often as it is
        kinds = _kinds(text, parse_amount, normalise_status, (NL, EN), NotAnAmount)
        numbers += weight * kinds[0]
        lights += weight * kinds[1]
        dates += weight * kinds[2]
        years += weight * kinds[3]
        prose += weight * kinds[4]
        percents += weight * kinds[5]
    n = len(counted)
    return Profile(
        values=n,
        numbers=numbers / n,
        lights=lights / n,
        dates=dates / n,
        years=years / n,
        prose=prose / n,
        percents=percents / n,
        examples=tuple(dict.fromkeys(t if len(t) <= 30 else t[:29] + "…" for t in counted))[:3],
    )


_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def reads_as_duration(seen: Profile) -> bool:
    """Whether a column's values are ranges of two dates, most of them (and not only two years in a row,
    '2024-2025', which a 'Periode' column writes for a financial year): a 'Periode' holding these is a duration."""
    return seen.values > 0 and seen.ranges >= 0.8 and seen.year_pairs <= 0.5 * seen.ranges


def _kinds(text: str, parse_amount, normalise_status, locales, not_an_amount) -> tuple[int, ...]:
    """(number, light, date, year, prose, percent) of one text, as 0 or 1."""
    stripped = text.strip()
    year = 1 if _YEAR.fullmatch(stripped) else 0
    if _DATE.fullmatch(stripped):
        return (0, 0, 1, year, 0, 0)
    if _PERCENT.match(stripped):
        return (0, 0, 0, year, 0, 1)
    number = 1 if _PLAIN_NUMBER.fullmatch(stripped) else 0
    if not number and any(c.isdigit() for c in stripped):
        for locale in locales:
            try:
                number = 1 if parse_amount(text, locale) is not None else 0
            except not_an_amount:
                continue
            break
    light = 0
    if not number:
        status, recognised = normalise_status(text)
        light = 1 if recognised and status != "unknown" else 0
    prose = 1 if len(text) > 60 or len(text.split()) >= 7 else 0
    return (number, light, 0, year, prose, 0)


def fits(name: str, seen: Profile, strength: int = WORDS_INSIDE) -> str | None:
    """None when values like these can be this field; else what the values are instead ('prose').

    A header that names the field outright (strength WITHOUT_MODIFIERS or more: 'Budget', 'Stoplicht')
    is overruled only by prose, and its odd cells are named one by one; a header that merely holds the
    field's word ('budget_comment', a group cell) must have values that fit."""
    if not seen.values:
        return None  # an empty column: the header's word stands
    if strength >= WITHOUT_MODIFIERS and name in (*AMOUNT_FIELDS, "status"):
        return "prose" if seen.prose >= 0.5 else None
    if name in AMOUNT_FIELDS:
        if seen.prose >= 0.3:
            return "prose"
        if seen.dates >= 0.5:
            return "dates"
        if seen.percents >= 0.5:
            return "percents"
        if seen.years >= 0.9 and seen.values >= 3:
            return "years"
        if seen.numbers < 0.5:
            return seen.kind() or "text"
        return None
    if name == "status":
        return None if seen.lights >= 0.5 else (seen.kind() or "text")
    if name in (*PROSE_FIELDS, "title", "programme_line", "track", "owner"):
        if seen.dates >= 0.8:
            return "dates"
        if name == "owner" and seen.lights >= 0.8:  # 'SRO' holding Amber and Red: the owner's light, no name
            return "lights"
        return "numbers" if seen.numbers >= 0.9 and name in PROSE_FIELDS else None
    if name in DATE_FIELDS:  # days, years, periods in words ('Q3 2024') or Excel serials; never prose
        if seen.prose >= 0.5:
            return "prose"
        if seen.lights >= 0.5 or seen.percents >= 0.5:
            return "lights" if seen.lights >= 0.5 else "percents"
        return None
    if name == DURATION:  # ranges of two dates or lengths ('18 maanden'), most of them: evidence from the values
        return None if seen.ranges + seen.lengths >= 0.5 else (seen.kind() or "text")
    if name == "report_date":
        return None if seen.dates >= 0.5 or seen.numbers >= 0.9 else (seen.kind() or "text")
    if name in ("code", "period", "parent_code"):
        if seen.percents >= 0.5:
            return "percents"
        if name == "period" and seen.lights >= 0.5:  # 'Amber', 'Red' under a group naming a financial year
            return "lights"
        return "prose" if seen.prose >= 0.5 else None
    return None
