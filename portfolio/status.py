"""Traffic lights: the words reports use, mapped to green / amber / red / unknown."""

from __future__ import annotations

import re
import unicodedata

GREEN, AMBER, RED, UNKNOWN = "green", "amber", "red", "unknown"
STATUSES = (RED, AMBER, GREEN, UNKNOWN)  # worst first
# How bad each light is (higher is worse); unknown needs more attention than green. SQL reads the same
# ranks from the table light_ranks (queries/migrations/010_light_ranks_and_macros.sql); a test checks
# that the two agree.
SEVERITY = {RED: 3, AMBER: 2, UNKNOWN: 1, GREEN: 0}

# The UK five-point scale is folded to the worse of its two colours: 'Amber/Green' still needs
# attention, and a dashboard that rounds towards green is how watermelons are made (DOMAIN.md).
_WORDS = {
    GREEN: {"green", "groen", "g", "on track", "op schema", "volgens plan", "conform plan", "ok", "goed"},
    AMBER: {
        "amber",
        "oranje",
        "geel",
        "yellow",
        "a",
        "o",
        "at risk",
        "risico",
        "aandacht",
        "amber/green",
        "amber-green",
        "amber green",
        "green/amber",
        "ag",
        "a/g",
    },
    RED: {
        "red",
        "rood",
        "r",
        "off track",
        "niet volgens plan",
        "kritiek",
        "critical",
        "amber/red",
        "amber-red",
        "amber red",
        "red/amber",
        "ar",
        "a/r",
    },
    UNKNOWN: {"", "unknown", "onbekend", "n/a", "n.v.t.", "nvt", "-", "exempt", "not reported", "niet gerapporteerd"},
}
_LOOKUP = {word: status for status, words in _WORDS.items() for word in words}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"\s+", " ", text.replace("–", "-"))


def normalise_status(label: object) -> tuple[str, bool]:
    """(status, recognised) for a label as written. Unrecognised words give ('unknown', False)."""
    if label is None or (isinstance(label, float) and label != label):
        return UNKNOWN, True
    text = _fold(str(label))
    if text in _LOOKUP:
        return _LOOKUP[text], True
    # 'Groen (afgeleid)', 'Amber - see note', 'RAG: Red'
    text = re.sub(r"^(rag|status|stoplicht)\s*[:=]\s*", "", text)
    text = re.sub(r"\s*[(\[].*$", "", text).strip(" .:-")
    if text in _LOOKUP:
        return _LOOKUP[text], True
    first = re.split(r"[ ,;:]", text, maxsplit=1)[0]
    if first in _LOOKUP and len(first) > 1:
        return _LOOKUP[first], True
    return UNKNOWN, False


def most_urgent(stories) -> str | None:
    """The code of the story that most needs a look (a frame of analysis.stories): the worst light by
    the figures, then the largest overrun (forecast above budget as a share of the budget, then in
    money; missing counts as none), then the first in the source. None for no stories."""
    if len(stories) == 0:
        return None
    ranked = stories.assign(
        _rank=stories["figures_status"].map(SEVERITY).fillna(SEVERITY[UNKNOWN]),
        _share=stories["variance_pct"].astype("float64").fillna(float("-inf")),
        _money=stories["variance"].astype("float64").fillna(float("-inf")),
        _order=range(len(stories)),
    ).sort_values(["_rank", "_share", "_money", "_order"], ascending=[False, False, False, True])
    return str(ranked["code"].iloc[0])
