"""Which column holds which field: header synonyms in Dutch and English, and saved mapping profiles."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

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
)
REPORT_FIELDS = ("programme", "report_date")
FIELDS = STORY_FIELDS + REPORT_FIELDS
AMOUNT_FIELDS = ("budget", "spent", "realised", "committed", "forecast", "baseline")

# Normalised header text (lowercase, no accents, no units or bracketed notes) -> field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": (
        "nr",
        "nummer",
        "no",
        "code",
        "id",
        "story",
        "story nr",
        "storynummer",
        "story id",
        "project id",
        "projectnummer",
        "projectcode",
        "project nr",
        "project code",
        "gmpp id number",
        "unique project id",
        "kenmerk",
        "referentie",
        "ref",
        "onderdeel nr",
        "item",
        "key",
    ),
    "title": (
        "omschrijving",
        "titel",
        "title",
        "naam",
        "name",
        "project",
        "projectnaam",
        "project name",
        "story titel",
        "story title",
        "onderwerp",
        "onderdeel",
        "deelproject",
        "activiteit",
        "activity",
    ),
    "programme_line": (
        "programmalijn",
        "programma lijn",
        "programmalijnen",
        "thema",
        "theme",
        "pijler",
        "pillar",
        "programme line",
        "program line",
        "programme strand",
        "lijn",
        "workstream",
        "annual report category",
        "categorie",
        "category",
        "portfolio",
    ),
    "track": ("spoor", "sporen", "track", "deelprogramma", "subprogramma", "sub programme", "stream", "cluster"),
    "owner": (
        "afdeling",
        "eigenaar",
        "opdrachtgever",
        "owner",
        "department",
        "directie",
        "agency name",
        "agency",
        "sro",
        "verantwoordelijke",
        "budgethouder",
        "organisatieonderdeel",
        "team",
    ),
    "parent_code": (
        "parent",
        "parent story",
        "parent code",
        "hoofdstory",
        "hoofdproject",
        "bovenliggend",
        "hoort bij",
        "onderdeel van",
        "valt onder",
    ),
    "period": ("plateau", "periode", "period", "jaar", "year", "kwartaal", "quarter", "fase", "phase"),
    "budget": (
        "budget",
        "begroting",
        "voorziene kosten",
        "baseline",
        "planned cost",
        "geraamde kosten",
        "raming",
        "financial year baseline",
        "begroot",
        "budget plateau",
        "toegekend budget",
        "beschikbaar budget",
    ),
    "spent": (
        "besteed",
        "besteed verplicht",
        "besteed en verplicht",
        "kosten en verplichtingen",
        "uitgegeven",
        "spent",
        "actuals",
        "actual",
        "actual cost",
        "actual spend",
        "aangewend",
        "spend to date",
        "realisatie en verplichtingen",
    ),
    "realised": ("gerealiseerd", "realisatie", "realised", "realized", "uitgaven", "betaald", "paid"),
    "committed": ("verplicht", "verplichtingen", "committed", "commitments", "obligated", "obligations"),
    "forecast": (
        "prognose",
        "forecast",
        "verwachte kosten",
        "eac",
        "estimate at completion",
        "projected cost",
        "projected actual cost",
        "financial year forecast",
        "verwachting",
        "prognose einde",
        "forecast outturn",
    ),
    "baseline": (
        "oorspronkelijke begroting",
        "oorspronkelijk budget",
        "original budget",
        "original baseline",
        "first baseline",
        "initial budget",
        "primaire begroting",
    ),
    "status": (
        "stoplicht",
        "status",
        "rag",
        "rag status",
        "rag rating",
        "delivery confidence",
        "delivery confidence assessment",
        "sro delivery confidence assessment",
        "ipa delivery confidence assessment",
        "traffic light",
        "kleur",
        "voortgang status",
        "overall status",
    ),
    "status_note": (
        "toelichting",
        "commentary",
        "comment",
        "comments",
        "opmerking",
        "opmerkingen",
        "status toelichting",
        "stand van zaken",
        "notes",
        "note",
        "narrative",
        "toelichting status",
        "statusregel",
        "departmental commentary on actions planned or taken on the ipa rag rating",
    ),
    "necessity": ("noodzaak", "necessity", "prioriteitsklasse", "priority class", "wettelijk noodzakelijk wenselijk"),
    "in_totals": ("telt mee", "telt mee in totaal", "in totaal", "in totals", "include in total", "meetellen"),
    "programme": ("programma", "programme", "program", "programmanaam", "programme name"),
    "report_date": (
        "peildatum",
        "report date",
        "reporting date",
        "stand per",
        "rapportagedatum",
        "datum rapportage",
        "as of",
        "as at",
        "rapportage datum",
        "date of report",
    ),
}
_LOOKUP = {syn: name for name, synonyms in SYNONYMS.items() for syn in synonyms}
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
    """(field, strength): strength 2 for an exact synonym, 1 for a header that starts with one."""
    text = normalise_header(header)
    if not text:
        return None
    if text in _LOOKUP:
        return _LOOKUP[text], 2
    candidates = [s for s in _LOOKUP if len(s) >= 4 and text.startswith(s + " ")]
    if candidates:
        return _LOOKUP[max(candidates, key=len)], 1
    return None


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


PROFILES_ENV = "PORTFOLIO_PROFILES"


def profiles_dir() -> Path:
    """Where named mapping profiles live: $PORTFOLIO_PROFILES, else data/profiles next to the database."""
    import os

    from portfolio.db import ROOT

    return Path(os.environ.get(PROFILES_ENV) or ROOT / "data" / "profiles")


def profile_path(name: str, directory: Path | None = None) -> Path:
    """The file for a profile name; the name never becomes a path of its own."""
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())
    slug = slug.strip("-")[:60] or "profiel"
    return (directory or profiles_dir()) / f"{slug}.json"


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


def find_profile(headers: list[str], directory: Path | None = None) -> dict | None:
    """The saved profile made for an export of this shape: all its columns are among these headers.

    Where several fit, the one that maps the most fields wins.
    """
    present = {normalise_header(h) for h in headers if h}
    fitting = [
        p
        for p in list_profiles(directory)
        if p["mapping"] and {normalise_header(h) for h in p["mapping"].values()} <= present
    ]
    return max(fitting, key=lambda p: len(p["mapping"]), default=None)


def save_profile(path: Path, name: str, mapping: dict[str, str], options: dict | None = None) -> None:
    """Store a mapping (field -> header text) as a small JSON profile for the next export of this shape."""
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
