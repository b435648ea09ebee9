"""Milestones per story (issue 22): their names, planned dates and actual dates, from the export's own columns.

A column is a milestone's when its header names one ('Mijlpaal', 'Volgende mijlpaal', 'Mijlpaal datum', 'Datum
mijlpaal', 'Mijlpaal gereed', 'Milestone', 'Next milestone date', 'Milestone 2 actual'). The header's other words
say which part it holds: its name, its planned date or its actual date; a number in it ('Milestone 2') says which
milestone, the columns without a number are one milestone together. A header that says neither ('Mijlpaal',
'Milestone 1') holds a planned date when its values are dates, else the milestone's name (evidence from the
values). Dates are read as portfolio/when.py reads a date cell: a period stays a period.

A milestone is missed when its planned date lay wholly before the report date and it has no actual date
(queries/milestones.sql): missing is not "on time", and a milestone without a planned date is never counted as
missed nor as met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portfolio.recognise import fold
from portfolio.when import When, parse_when

MILESTONE_WORDS = frozenset({"mijlpaal", "mijlpalen", "milestone", "milestones", "mijlpaaldatum", "mijlpaalnaam"})
# Which part of a milestone a header names, checked in this order: a word that says planned outright beats one
# that says done ('Mijlpaal gepland gereed'), a word for done beats a plain 'datum' ('Datum mijlpaal gereed').
_PLANNED = frozenset(
    {
        "gepland",
        "geplande",
        "planned",
        "baseline",
        "target",
        "streefdatum",
        "streef",
        "verwacht",
        "verwachte",
        "forecast",
        "prognose",
        "due",
        "deadline",
        "mijlpaaldatum",
    }
)
_ACTUAL = frozenset(
    {
        "gerealiseerd",
        "gerealiseerde",
        "realisatie",
        "realised",
        "realized",
        "actual",
        "achieved",
        "behaald",
        "bereikt",
        "werkelijk",
        "werkelijke",
        "afgerond",
        "completed",
        "complete",
        "done",
        "gereed",
        "feitelijk",
        "feitelijke",
    }
)
_DATE = frozenset({"datum", "date", "dates", "planning", "wanneer", "when", "dag", "day"})
_NAME = frozenset({"naam", "name", "omschrijving", "description", "titel", "title", "wat", "what", "mijlpaalnaam"})
_OTHER = frozenset({"status", "rag", "stoplicht", "kleur", "toelichting", "opmerking", "opmerkingen", "comment"})
_OTHER |= frozenset({"comments", "notes", "note", "risico", "risk", "eigenaar", "owner"})

NAME, PLANNED, ACTUAL, OTHER = "name", "planned", "actual", "other"


def _words(header: object) -> list[str]:
    text = re.sub(r"[^a-z0-9]+", " ", fold(header))
    return re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ", text).split()


def milestone_part(header: object) -> tuple[int, str | None] | None:
    """(which milestone, which part) a header names: the part 'name', 'planned', 'actual', 'other' (its status,
    a note: not read), or None where the values decide (a date or a name); None for a header of no milestone."""
    words = _words(header)
    if not MILESTONE_WORDS.intersection(words):
        return None
    numbers = [int(w) for w in words if w.isdigit() and int(w) < 100]
    slot = numbers[0] if numbers else 0
    found = set(words)
    for role, vocabulary in ((OTHER, _OTHER), (PLANNED, _PLANNED), (ACTUAL, _ACTUAL), (PLANNED, _DATE), (NAME, _NAME)):
        if found & vocabulary:
            return slot, role
    return slot, None


@dataclass(frozen=True)
class Slot:
    """The columns of one milestone: where its name, planned date and actual date are (None: not in the file)."""

    number: int
    name: int | None = None
    planned: int | None = None
    actual: int | None = None

    @property
    def first(self) -> int:
        return min(i for i in (self.name, self.planned, self.actual) if i is not None)


def dates_share(texts: list[str]) -> float:
    """The share of a column's sampled texts that name a date or a period (portfolio.when)."""
    counted = [text for text in texts if text]
    if not counted:
        return 0.0
    return sum(1 for text in counted if (parse_when(text) or When("", None, None)).understood) / len(counted)


def find_slots(
    headers: list[str], samples, taken: set[int] | frozenset = frozenset(), passed: list | None = None
) -> list[Slot]:
    """The milestones the columns hold, in the order of their first column. A header that names no part holds
    planned dates when four in five of its values are dates, else names. A part named twice for one milestone
    keeps its first column; the other is added to `passed` as (its index, the kept index), to be said.
    samples(index): the texts of a column's first cells."""
    parts: dict[int, dict[str, int]] = {}
    for index, header in enumerate(headers):
        if index in taken:
            continue
        found = milestone_part(header)
        if found is None or found[1] == OTHER:
            continue
        slot, role = found
        if role is None:
            role = PLANNED if dates_share(samples(index)) >= 0.8 else NAME
        kept = parts.setdefault(slot, {}).setdefault(role, index)
        if kept != index and passed is not None:
            passed.append((index, kept))
    slots = [Slot(number, **roles) for number, roles in parts.items()]
    return sorted(slots, key=lambda s: s.first)


@dataclass(frozen=True)
class Milestone:
    """One milestone of a story as the export wrote it: its name (None where the file gives only dates: the
    column's header names it), planned and actual date (portfolio.when; None where blank)."""

    position: int
    column: str
    name: str | None
    planned: When | None
    actual: When | None
