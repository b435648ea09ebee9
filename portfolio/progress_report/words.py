"""Small writing helpers shared by the report's sections: amounts, lights, story names, lists."""

from __future__ import annotations

from portfolio import fmt
from portfolio.i18n import t
from portfolio.progress_report.model import Light, Run, Text, clean

LIST_LIMIT = 10  # stories named per point of the summary; the rest are counted


class Writer:
    """Formats for one report: its currency and language."""

    def __init__(self, currency: str, lang: str, names: dict | None = None):
        self.currency = currency
        self.lang = lang
        self.names = {str(k).strip().lower(): v for k, v in (names or {}).items() if v}

    def person(self, actor) -> str | None:
        """A person by the display name the sign-in configuration gives them; None for anyone without
        one (an account name, an e-mail address, the server's account): those are never written."""
        if not isinstance(actor, str) or not actor.strip():
            return None
        return self.names.get(actor.strip().lower())

    def t(self, key: str, **params) -> str:
        return t(key, self.lang, **params)

    def amount(self, value, *, signed: bool = False) -> str:
        """Full currency units in the report's currency; a missing amount says so, it is never 0."""
        if fmt.is_missing(value):
            return self.t("pr_unknown")
        # a no-break space keeps '€' and its digits on one line
        return fmt.money_exact(value, self.currency, self.lang, signed=signed).replace(" ", "\u00a0")

    def percent(self, value, *, signed: bool = False, decimals: int = fmt.DECIMALS["share"]) -> str:
        return fmt.percent(value, self.lang, decimals, signed=signed)

    def rule(self, value) -> str:
        """A threshold of the rules ('15%'), as every page writes it."""
        return fmt.rule(value, self.lang)

    def date(self, value) -> str:
        return fmt.date(value, self.lang)

    def light(self, status) -> Light:
        status = status if status in ("green", "amber", "red") else "unknown"
        return Light(status, self.t(status))

    def count_lights(self, counts: dict[str, int]) -> str:
        """'2 rood, 7 oranje, 10 groen' (worst first, empty ones left out), or 'geen'."""
        parts = [f"{counts[s]} {self.t(s).lower()}" for s in ("red", "amber", "green", "unknown") if counts.get(s)]
        return ", ".join(parts) if parts else self.t("pr_none")

    def name(self, story: dict) -> str:
        """'9 · ICT-systemen ...': the story's code and title."""
        title = story.get("title")
        return f"{story['code']} · {title}" if title else str(story["code"])

    def group(self, name, by: str = "programme_line") -> str:
        return clean(name) if name else self.t("none_track" if by == "track" else "none_line")

    def limited(self, items: list[list[Run]]) -> list[list[Run]]:
        """At most LIST_LIMIT items, then one saying how many more there are."""
        if len(items) <= LIST_LIMIT:
            return items
        return [*items[:LIST_LIMIT], [Text(self.t("pr_and_more", n=len(items) - LIST_LIMIT))]]


def label(text: str) -> Text:
    """A bold label in front of a value ('Budget: ')."""
    return Text(f"{text}: ", bold=True)
