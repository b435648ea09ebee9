"""Programme names as people write them: which known programme a typed name means, if any.

"MAB flevoland", "MAB  Flevoland", "mab-flevoland" and "MÁB Flevoland" are the programme "MAB
Flevoland" written another way: the same name once case, spaces, punctuation and accents are put
aside. "MAB Flevolnd" is probably a typo for it: close, but not the same, so it is only suggested. A
name that differs in a number or a one-letter designator ("Plateau 3", "Programma B") names another
programme, however close the rest is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

EXACT = "exact"  # written exactly as a known programme
SAME = "same"  # a known programme but for case, spaces, punctuation and accents: use it, and say so
CLOSE = "close"  # near one or more known programmes (a typo?): suggest them, never assume
NEW = "new"  # like no known programme

# A programme whose name says it is an illustration (the demo's OWO plan, data/demo/README.md): its figures
# are invented. It is marked as one where it is shown, and never added up with real programmes.
ILLUSTRATION = re.compile(r"\((?:illustratie|illustration)\)", re.IGNORECASE)
CLOSE_SCORE = 85  # rapidfuzz similarity (0-100) from which a name is a candidate: one typo in ten letters
MAX_CANDIDATES = 3


@dataclass(frozen=True)
class NameMatch:
    """How a typed programme name relates to the known ones."""

    typed: str
    kind: str  # EXACT, SAME, CLOSE or NEW
    name: str | None = None  # the known programme it is (EXACT, SAME)
    candidates: tuple[str, ...] = ()  # CLOSE: the known programmes it may mean, the closest first


def is_illustration(name) -> bool:
    """Whether a programme's name says it is an illustration with invented figures ('(illustratie)')."""
    return isinstance(name, str) and ILLUSTRATION.search(name) is not None


def words(name: str) -> list[str]:
    """The words of a name without case, accents and punctuation: 'MÁB-Flevoland' -> ['mab', 'flevoland']."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.findall(r"[^\W_]+", bare)


def key(name: str) -> str:
    """What two ways of writing one name share: its letters and digits, lower case, without accents."""
    return "".join(words(name))


def _designators(found: list[str]) -> list[str]:
    """The numbers and one-letter words among a name's words: what tells 'Plateau 2' from 'Plateau 3'."""
    return [w for w in found if len(w) == 1 and w.isalpha()] + re.findall(r"\d+", "".join(found))


def similarity(typed: str, known: str) -> float:
    """0-100: how alike two names are as letters (rapidfuzz), in any word order; 0 when a number or a
    one-letter designator differs."""
    return _similarity(words(typed), words(known))


def _similarity(typed: list[str], known: list[str]) -> float:
    if _designators(typed) != _designators(known):
        return 0.0
    return max(fuzz.ratio("".join(typed), "".join(known)), fuzz.token_sort_ratio(" ".join(typed), " ".join(known)))


def match(typed: str, known: Iterable[str]) -> NameMatch:
    """Which known programme `typed` is: exactly one, the same but for how it is written, possibly one
    of a few close ones (a typo), or none."""
    known = list(dict.fromkeys(known))
    if typed in known:
        return NameMatch(typed, EXACT, typed)
    typed_words = words(typed)
    wanted = "".join(typed_words)
    if not wanted:  # no letters or digits at all: nothing to compare
        return NameMatch(typed, NEW)
    known_words = [(name, words(name)) for name in known]
    same = [name for name, found in known_words if "".join(found) == wanted]
    if len(same) == 1:
        return NameMatch(typed, SAME, same[0])
    if same:  # known programmes that differ only in how they are written: the person must choose
        return NameMatch(typed, CLOSE, candidates=tuple(same[:MAX_CANDIDATES]))
    scored = sorted(((_similarity(typed_words, found), name) for name, found in known_words), key=lambda p: -p[0])
    candidates = tuple(name for score, name in scored if score >= CLOSE_SCORE)[:MAX_CANDIDATES]
    return NameMatch(typed, CLOSE, candidates=candidates) if candidates else NameMatch(typed, NEW)
