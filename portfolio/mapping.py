"""Which column holds which field: header synonyms in Dutch and English, and saved mapping profiles."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from portfolio import recognise
from portfolio.milestones import milestone_part
from portfolio.when import duration_shares

# The fields of a story, in the order a mapping screen shows them.
STORY_FIELDS = (
    "code",
    "title",
    "programme_line",
    "track",
    "owner",
    "parent_code",
    "period",
    "budget",
    "spent",
    "realised",
    "committed",
    "forecast",
    "baseline",
    "status",
    "status_note",
    "necessity",
    "in_totals",
    "ambition",
    "approach",
    "intended_result",
    "next_step",
    "risk",
    "risk_measure",
    "rebaseline_reason",
    "duration",
    "start_date",
    "planned_end",
    "approved_end",
    "forecast_end",
)
REPORT_FIELDS = ("programme", "report_date")
FIELDS = STORY_FIELDS + REPORT_FIELDS
AMOUNT_FIELDS = ("budget", "spent", "realised", "committed", "forecast", "baseline")
NARRATIVE_FIELDS = recognise.NARRATIVE_FIELDS
PROSE_FIELDS = recognise.PROSE_FIELDS
DATE_FIELDS = recognise.DATE_FIELDS

# Header words per field live in vocabulary.toml (portfolio/recognise.py reads them).
SYNONYMS = recognise.SYNONYMS
_UNIT_WORDS = re.compile(r"\b(eur|euro|gbp|usd|k|m|mln|mio|bn|mrd|x ?1 ?000( ?000)?|in|duizend|dzd|incl|excl)\b")


def normalise_header(header: object) -> str:
    """'Budget\\n(€ k)' -> 'budget'; 'Besteed/verplicht' -> 'besteed verplicht'."""
    text = "" if header is None else str(header)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[(\[].*?([)\]]|$)", " ", text, flags=re.S)  # bracketed units and notes
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = _UNIT_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def match_field(header: object) -> str | None:
    """The field a header names, or None. Exact synonym first, then the longest synonym it starts with."""
    found = _match(header)
    return found[0] if found else None


def _match(header: object) -> tuple[str, int] | None:
    """(field, strength) of the best reading of a header's words (recognise.readings), or None."""
    found = recognise.readings(header)
    return (found[0].field, found[0].strength) if found else None


def detect_mapping(headers: list[object], filled: list[int] | None = None) -> dict[str, int]:
    """field -> column index. Where columns compete, an exact synonym beats a prefix, then more values win."""
    best: dict[str, tuple[tuple[int, int, int], int]] = {}
    for index, header in enumerate(headers):
        found = _match(header)
        if found is None:
            continue
        name, strength = found
        rank = (strength, filled[index] if filled else 0, -index)
        if name not in best or rank > best[name][0]:
            best[name] = (rank, index)
    return {name: index for name, (_, index) in sorted(best.items(), key=lambda kv: kv[1][1])}


# --- columns under a group row, and choosing among candidates --------------------------------------

SEPARATOR = " · "
SAID_CHOICES = set(AMOUNT_FIELDS) | {"status", "code", "title", "programme", "report_date"}
_ABBREVIATION = re.compile(r"[A-Z]{2,4}")
_WHOLE_LIFE_WORDS = re.compile(r"\b(whole life|total|totaal|looptijd|lifetime|meerjarig)\b", re.I)
_PERIOD_WORDS = re.compile(r"\b(financial year|fy|jaar|year|plateau|kwartaal|quarter|periode|period|20\d\d)\b", re.I)


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - 64
    return value - 1


def one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def combine_header(group: str | None, sub: str | None) -> str:
    """The name of a column under a group cell: 'Financial Year 2023/24 (£m) · Baseline'."""
    if not group:
        return sub or ""  # as written (a header over two lines stays so; messages put it on one)
    group, flat = one_line(group), one_line(sub)
    if flat and group != flat:
        return f"{group}{SEPARATOR}{flat}"
    return flat or group


def column_label(index: int, header: object) -> str:
    """How a column is shown where one must be chosen: 'L · Financial Year 2023/24 (£m) · Baseline'."""
    return f"{column_letter(index)}{SEPARATOR}{one_line(header)}"


_LABEL = re.compile(r"^([A-Z]{1,3}) · (.*)$", re.S)


def parse_label(text: str) -> tuple[int, str] | None:
    """(index, header) of a label made by column_label, or None for a plain header text."""
    match = _LABEL.match(str(text))
    return (column_index(match.group(1)), match.group(2)) if match else None


@dataclass
class Choice:
    """Several columns could be one field: which was taken, by which rule, and the others."""

    field: str
    chosen: int
    others: list[int]
    rule: str


@dataclass
class PassedOver:
    """A column with numbers or light words that no field took, and why: what the preview and the JSON
    say of it, so that no column with money in it is left out without a word."""

    index: int
    kind: str  # what its values are: 'numbers', 'lights', ...
    reason: str  # 'not_named', 'values_differ', 'benefits', 'other_column'
    field: str | None = None  # the field its header named
    seen: str | None = None  # what its values are instead of that field's
    examples: tuple[str, ...] = ()


def detect_columns(
    parts: list[tuple[str | None, str]], filled: list[int], samples: list[list[str]] | None = None
) -> tuple[dict[str, int], list[Choice], tuple[int, int] | None, list[PassedOver]]:
    """field -> column index for headers given as (group, sub-header) pairs, with the choices made.

    Each column is read for the fields its header's words may name (`recognise.readings`, best first),
    and takes the first reading its values can bear (`recognise.fits`: prose is never an amount, a
    light needs light words); an amount under a benefits header is never a cost. A sub-header is read
    first; a column whose sub-header names no field, or is an abbreviation naming who judged (IPA, SRO),
    is read by its group ('Delivery Confidence Assessment' above 'IPA | SRO'). Where several columns
    match one field equally well, the documented rule picks, in this order: costs before benefits; for
    amounts, the column in the same group as the other amounts (a budget beside its forecast); the
    period's amount before the whole life's; the column with the most values; the first. Each such
    choice is returned, so that it is said. Without a light column by its header, a column of light
    words is taken by its values, and said.
    `samples` (texts per column) let the story number and the title be told apart by their values.
    Also returns (code column, title column) when the roles were decided by the values, and the
    columns with numbers or light words that no field took.
    """
    seen = [recognise.profile(samples[i]) if samples else recognise.Profile() for i in range(len(parts))]
    candidates: dict[str, list[tuple[int, int]]] = {}
    refused: dict[int, tuple[str, str]] = {}
    evidence: dict[int, str] = {}  # column -> how its field was read ('header_exact', 'values', ...)
    for index, (group, sub) in enumerate(parts):
        if milestone_part(sub) is not None:
            continue  # a milestone's name or date (portfolio/milestones.py): never a story's own field
        options = recognise.readings(sub)
        if group and (not options or _ABBREVIATION.fullmatch(one_line(sub))):
            by_group = [recognise.Reading(r.field, 0, r.end, r.length) for r in recognise.readings(group)]
            # weaker than any sub-header match; an abbreviation's own reading ('RAG' under a group
            # 'Financial Year 2023/24 (GBP mln)') after the group's, for values the group's do not fit
            options = [*by_group, *options] if options else by_group
        if samples and any(r.field in ("period", recognise.DURATION) for r in options):
            ranges, pairs, lengths = duration_shares(samples[index])
            seen[index] = dataclasses.replace(seen[index], ranges=ranges, year_pairs=pairs, lengths=lengths)
        if options and options[0].field == "period" and recognise.reads_as_duration(seen[index]):
            # 'Periode' holding '2024 - 2026' or 'Q1 2024 – Q4 2025': a duration, by its values
            options = [recognise.Reading(recognise.DURATION, options[0].strength, options[0].end), *options]
        for reading in options:
            reason = recognise.fits(reading.field, seen[index], reading.strength)
            if reason is None and reading.field in AMOUNT_FIELDS and recognise.is_benefit(sub, group):
                reason = "benefits"
            if reason is None:
                candidates.setdefault(reading.field, []).append((index, reading.strength))
                evidence[index] = _EVIDENCE[reading.strength]
                break
            refused.setdefault(index, (reading.field, reason))
    roles = _code_and_title(candidates, parts, samples) if samples is not None else None
    mapping: dict[str, int] = {}
    choices: list[Choice] = []
    pending = []
    for name, found in candidates.items():
        top = max(strength for _, strength in found)
        best = [index for index, strength in found if strength == top]
        if len(best) == 1:
            mapping[name] = best[0]
        else:
            pending.append((name, best))
    amount_groups = {parts[i][0] for f, i in mapping.items() if f in AMOUNT_FIELDS and parts[i][0]}
    for name, best in sorted(pending, key=lambda item: item[0] not in AMOUNT_FIELDS):
        chosen, rule = _pick(name, best, parts, filled, amount_groups)
        mapping[name] = chosen
        if name in AMOUNT_FIELDS and parts[chosen][0]:
            amount_groups.add(parts[chosen][0])
        if name in SAID_CHOICES:  # money, the light and the story's identity: never a silent guess
            choices.append(Choice(name, chosen, [i for i in best if i != chosen], rule))
    if roles is not None and roles == (mapping.get("code"), mapping.get("title")):
        roles = None  # the headers said as much: nothing to say
    if roles is not None:
        mapping["code"], mapping["title"] = roles
        choices = [c for c in choices if c.field not in ("code", "title")]
    # one column, one field: a column taken twice keeps the field it names exactly
    taken: dict[int, str] = {}
    for name in sorted(mapping, key=lambda n: (n not in ("code", "title"), n)):
        index = mapping[name]
        if index in taken:
            del mapping[name]
        else:
            taken[index] = name
    if "status" not in mapping:  # a column of light words under a header that names none
        lights = [i for i, p in enumerate(seen) if i not in taken and p.values >= 2 and p.lights >= 0.8]
        if lights:
            chosen = max(lights, key=lambda i: (filled[i] if filled else 0, -i))
            mapping["status"] = taken[chosen] = chosen
            evidence[chosen] = "values"
            choices.append(Choice("status", chosen, [i for i in lights if i != chosen], "rule_values"))
    passed = Passed(_passed_over(parts, seen, taken, refused, candidates))
    if roles is not None:
        evidence.update(dict.fromkeys(roles, "values"))
    passed.evidence = {i: evidence[i] for i in taken if i in evidence}
    return dict(sorted(mapping.items(), key=lambda kv: kv[1])), choices, roles, passed


# How a header reading was found, by its strength (recognise.EXACT ... group cell 0), for the preview and JSON.
_EVIDENCE = {4: "header_exact", 3: "header_without_modifiers", 2: "header_words", 1: "header_compound", 0: "group"}


class Passed(list):
    """The columns left out (PassedOver), with `evidence`: column -> how the columns taken were read."""

    evidence: dict[int, str]


def _passed_over(parts, seen, taken: dict[int, str], refused: dict, candidates: dict) -> list[PassedOver]:
    """The columns with numbers or light words that no field took, with why."""
    named = {index: name for name, found in candidates.items() for index, _ in found}
    passed = []
    for index, profile in enumerate(seen):
        kind = profile.kind()
        if index in taken or kind not in ("numbers", "lights", "percents"):
            continue
        if index in named:
            reason, field, instead = "other_column", named[index], None
        elif index in refused:
            field, instead = refused[index]
            reason = "benefits" if instead == "benefits" else "values_differ"
        else:
            reason, field, instead = "not_named", None, None
        passed.append(PassedOver(index, kind, reason, field, instead, profile.examples))
    return passed


def _pick(name: str, best: list[int], parts, filled: list[int], amount_groups: set) -> tuple[int, str]:
    """The documented rule, in order; the name of the first rule that separates the candidates."""
    steps = []
    if name in AMOUNT_FIELDS:
        steps.append(("rule_not_benefits", lambda i: not recognise.is_benefit(parts[i][0])))
        steps.append(("rule_group", lambda i: (parts[i][0] or None) in amount_groups))
        steps.append(
            (
                "rule_period",
                lambda i: (
                    bool(_PERIOD_WORDS.search(parts[i][0] or "")) and not _WHOLE_LIFE_WORDS.search(parts[i][0] or "")
                ),
            )
        )
    steps.append(("rule_filled", lambda i: filled[i] if filled else 0))
    remaining = list(best)
    for rule, key in steps:
        scores = {i: key(i) for i in remaining}
        top = max(scores.values())
        kept = [i for i in remaining if scores[i] == top]
        if len(kept) < len(remaining):
            remaining = kept
            if len(remaining) == 1:
                return remaining[0], rule
    return remaining[0], "rule_first"


def _looks_like(texts: list[str]) -> str | None:
    """'id' for short identifiers (0, 2A4, CO_0281), 'sentence' for titles, else None."""
    texts = [t for t in texts if t]
    if not texts:
        return None
    short = sum(1 for t in texts if len(t) <= 12 and t.count(" ") <= 1)
    wordy = sum(1 for t in texts if len(t) > 15 or t.count(" ") >= 2)
    if short >= 0.8 * len(texts):
        return "id"
    if wordy >= 0.6 * len(texts):
        return "sentence"
    return None


def _code_and_title(candidates: dict, parts, samples: list[list[str]]) -> tuple[int, int] | None:
    """(code column, title column) when the header words leave them unclear and the values tell.

    In 'Nr | Story | Thema', both 'Nr' and 'Story' name a story number by their header; the one with
    short identifiers is the number, the one with sentences the title.
    """
    # strongest header first, then left to right
    codes = [i for i, _ in sorted(candidates.get("code", []), key=lambda c: -c[1])]
    titles = [i for i, _ in sorted(candidates.get("title", []), key=lambda c: -c[1])]
    if not codes and len(titles) >= 2:  # 'Onderdeel | Omschrijving': numbers beside the sentences
        kinds = {i: _looks_like(samples[i]) for i in titles}
        ids = [i for i in titles if kinds[i] == "id"]
        sentences = [i for i in titles if kinds[i] == "sentence"]
        return (ids[0], sentences[0]) if ids and sentences else None
    if len(codes) < 2 and (titles or not codes):
        return None
    kinds = {i: _looks_like(samples[i]) for i in codes + titles}
    ids = [i for i in codes if kinds[i] == "id"]
    sentences = [i for i in titles + codes if kinds[i] == "sentence"]
    if not ids or not sentences or titles and kinds.get(titles[0]) == "sentence" and len(codes) < 2:
        return None
    return ids[0], sentences[0]


PROFILES_ENV = "PORTFOLIO_PROFILES"


def profiles_dir() -> Path:
    """Where named mapping profiles live: $PORTFOLIO_PROFILES, else data/profiles next to the database."""
    import os

    from portfolio.db import ROOT

    return Path(os.environ.get(PROFILES_ENV) or ROOT / "data" / "profiles")


def profile_path(name: str, directory: Path | None = None) -> Path:
    """The file for a profile name; the name never becomes a path of its own.

    A readable slug plus a short hash of the exact name, so names that slug alike ('A B' and 'a-b',
    or two names in another script) get files of their own. A profile already saved under exactly
    this name (also one saved before the hash, as '<slug>.json') keeps its file: saving it again
    updates it.
    """
    folder = directory or profiles_dir()
    for profile in list_profiles(folder):
        if profile.get("name") == name:
            return Path(profile["path"])
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())
    slug = slug.strip("-")[:60] or "profiel"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    for length in (8, 16, 64):  # a longer hash only if a file with another name holds the short one
        path = folder / f"{slug}-{digest[:length]}.json"
        if not path.exists():
            return path
    return path


def list_profiles(directory: Path | None = None) -> list[dict]:
    """Every readable saved profile, by name."""
    folder = directory or profiles_dir()
    found = []
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            found.append(load_profile(path) | {"path": str(path)})
        except (ValueError, OSError):
            continue
    return sorted(found, key=lambda p: p.get("name", ""))


def find_profile(headers: list[str], directory: Path | None = None, profiles: list[dict] | None = None) -> dict | None:
    """The saved profile made for an export of this shape: every column it names is found in these
    headers (by position and header, or by a header that names one column only). Among `profiles`
    (those in the store, portfolio/profiles.py), else the files in `directory`.

    Where several fit, the one that maps the most fields wins.
    """
    fitting = [
        p
        for p in (profiles if profiles is not None else list_profiles(directory))
        if p["mapping"] and all(resolve_entry(entry, headers) is not None for entry in p["mapping"].values())
    ]
    return max(fitting, key=lambda p: len(p["mapping"]), default=None)


def resolve_entry(entry: str, headers: list[str]) -> int | None:
    """The column a profile entry names: 'L · header' when column L still has that header; a plain
    header (older profiles) when exactly one column has it, else None."""
    label = parse_label(entry)
    if label is not None:
        index, header = label
        if index < len(headers) and normalise_header(headers[index]) == normalise_header(header):
            return index
        return None
    wanted = normalise_header(entry)
    matches = [i for i, h in enumerate(headers) if h and normalise_header(h) == wanted]
    return matches[0] if len(matches) == 1 else None


def save_profile(path: Path, name: str, mapping: dict[str, str], options: dict | None = None) -> None:
    """Store a mapping (field -> header text) as a small JSON profile for the next export of this shape.

    Never over another profile: a file that holds a profile of another name raises ValueError naming it
    (`profile_path` gives each name a file of its own).
    """
    path = Path(path)
    try:
        existing = json.loads(path.read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        existing = None
    if existing is not None and existing != name:
        raise ValueError(f"{path} holds the profile '{existing}', not '{name}'; choose another file")
    payload = {"name": name, "mapping": mapping, "options": options or {}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")


def load_profile(path: Path) -> dict:
    """A saved profile: {'name', 'mapping': {field: header}, 'options': {...}}."""
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    unknown = set(payload.get("mapping", {})) - set(FIELDS)
    if unknown:
        raise ValueError(f"profile {path} maps unknown fields: {', '.join(sorted(unknown))}")
    return payload
