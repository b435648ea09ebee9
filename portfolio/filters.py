"""The filters a user sets (line, track, owner, status, necessity, story search), as query parameters
and as URL parameters, so a filtered view can be bookmarked and mailed."""

from __future__ import annotations

from dataclasses import dataclass, fields

from portfolio.i18n import t

LIST_FILTERS = ("lines", "tracks", "owners", "statuses", "necessities")
URL_KEYS = {
    "lines": "line",
    "tracks": "track",
    "owners": "owner",
    "statuses": "status",
    "necessities": "necessity",
    "search": "q",
}
MAX_SEARCH = 100


@dataclass(frozen=True)
class Filters:
    """Values to keep per field ('' = stories without one); None or empty keeps everything."""

    lines: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    necessities: tuple[str, ...] = ()
    search: str | None = None

    def params(self) -> dict:
        """Bound parameters for report_stories(): a list per filter, NULL when it keeps everything."""
        values = {name: list(getattr(self, name)) or None for name in LIST_FILTERS}
        values["search"] = (self.search or "").strip()[:MAX_SEARCH] or None
        return values

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def to_url(self) -> dict[str, list[str] | str]:
        """Query-string parameters (repeated keys for lists); empty filters are left out."""
        url: dict[str, list[str] | str] = {}
        for name in LIST_FILTERS:
            if getattr(self, name):
                url[URL_KEYS[name]] = list(getattr(self, name))
        if self.search:
            url[URL_KEYS["search"]] = self.search
        return url

    @classmethod
    def from_url(cls, get_all) -> Filters:
        """From query parameters; `get_all(key)` answers every value of a repeated key."""
        values = {name: tuple(str(v)[:200] for v in get_all(URL_KEYS[name]))[:200] for name in LIST_FILTERS}
        search = get_all(URL_KEYS["search"])
        return cls(**values, search=(str(search[0])[:MAX_SEARCH] if search else None))

    def describe(self, lang: str = "nl") -> list[tuple[str, str]]:
        """(label, values) per active filter, for the sheet an export writes them on."""
        labels = {
            "lines": "programme_line",
            "tracks": "track",
            "owners": "owner",
            "statuses": "status",
            "necessities": "necessity",
        }
        rows = []
        for name in LIST_FILTERS:
            values = getattr(self, name)
            if values:
                shown = [
                    t(v, lang) if name in ("statuses", "necessities") and v else (v or t("missing", lang))
                    for v in values
                ]
                rows.append((t(labels[name], lang), ", ".join(shown)))
        if self.search:
            rows.append((t("search", lang), self.search))
        return rows


NO_FILTERS = Filters()
