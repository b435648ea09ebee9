"""What went wrong or looks odd in an export, with where (spreadsheet row, column header)."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"  # what the loader found and did, said out loud (a totals row checked, a unit applied)


@dataclass(frozen=True)
class Problem:
    """One finding. `key` names a message template in portfolio.i18n; `params` fill it in."""

    level: str
    key: str
    row: int | None = None  # 1-based, as the spreadsheet program shows it
    column: str | None = None  # the header as written in the file
    params: dict = field(default_factory=dict)


class LoadRefused(Exception):
    """The export cannot be loaded; nothing was written. Carries every error found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        from portfolio.i18n import message

        super().__init__("; ".join(message(p, "en") for p in problems))


def error(key: str, row: int | None = None, column: str | None = None, **params) -> Problem:
    return Problem(ERROR, key, row, column, params)


def warning(key: str, row: int | None = None, column: str | None = None, **params) -> Problem:
    return Problem(WARNING, key, row, column, params)


def info(key: str, row: int | None = None, column: str | None = None, **params) -> Problem:
    return Problem(INFO, key, row, column, params)
