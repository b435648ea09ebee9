"""What went wrong or looks odd in an export, with where (spreadsheet row, column header)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from portfolio.fmt import date, md, money_stated, number
from portfolio.i18n import DEFAULT_LANGUAGE, TEXT, t
from portfolio.mapping import one_line

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
        super().__init__("; ".join(message(p, "en") for p in problems))


def error(key: str, row: int | None = None, column: str | None = None, **params) -> Problem:
    return Problem(ERROR, key, row, column, params)


def warning(key: str, row: int | None = None, column: str | None = None, **params) -> Problem:
    return Problem(WARNING, key, row, column, params)


def info(key: str, row: int | None = None, column: str | None = None, **params) -> Problem:
    return Problem(INFO, key, row, column, params)


def message(problem: Problem, lang: str = DEFAULT_LANGUAGE, *, markdown: bool = False) -> str:
    """A problem as one sentence, prefixed with where it is: 'rij 7, kolom Budget: ...'.

    With markdown=True the values from the file (column headers, cell text) are escaped.
    """
    escape = md if markdown else (lambda v: v)
    where = []
    if problem.row is not None:
        where.append(f"{t('row', lang)} {problem.row}")
    if problem.column:
        where.append(f"{t('column', lang)} '{escape(one_line(problem.column))}'")
    params = _readable(problem.params, lang)
    body = t(problem.key, lang, **{k: escape(v) if isinstance(v, str) else v for k, v in params.items()})
    return f"{', '.join(where)}: {body}" if where else body


# What a message tells the command line ('(opdrachtregel: --period 2017)', "('Kopregel op rij', command
# line: --header-row N)"): the page says what to choose on the page, and names no flags.
_COMMAND_LINE_ALONE = re.compile(r"\s*\((?:opdrachtregel|command line): [^()]*\)")
_COMMAND_LINE_AFTER = re.compile(r",\s*(?:opdrachtregel|command line): [^()]*\)")


def for_page(text: str) -> str:
    """A message as the page says it: without what it tells the command line."""
    return _COMMAND_LINE_AFTER.sub(")", _COMMAND_LINE_ALONE.sub("", text))


def page_message(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """message() for the page (markdown, values escaped), without command-line flags."""
    return for_page(message(problem, lang, markdown=True))


# Parameters of problems that are amounts: written in the report's notation ('€ 158.868.480').
MONEY_PARAMS = ("stated", "computed", "value")
# Parameters that are report dates (ISO, as the loader gives them): said as people know a report, by its
# date in their language ('31 maart 2025'), never by the database's report number.
DATE_PARAMS = ("report_date", "new_report_date")


def _count_text(value: int, lang: str) -> str:
    """A count as words where large: 17,2 miljard / 17.2 billion, 5 miljoen / 5 million, else 1.048.576 / 1,048,576.

    Millions in words only when whole or from ten million on: a limit of 1,048,576 stays exact.
    """
    for size, nl, en in ((10**9, "miljard", "billion"), (10**6, "miljoen", "million")):
        scaled = value / size
        if abs(scaled) >= 1 and (size == 10**9 or scaled == int(scaled) or abs(scaled) >= 10):
            decimals = 0 if scaled == int(scaled) or abs(scaled) >= 100 else 1
            return f"{number(scaled, decimals, lang)} {nl if lang == 'nl' else en}"
    return number(value, 0, lang)


def _readable(params: dict, lang: str) -> dict:
    """Amounts (with the report's currency) as the report writes them; field names in the language."""
    out = dict(params)
    for name, value in params.items():  # counts of cells, rows, columns: '17,2 miljard', '5 million', '2.000'
        if name.endswith("_count") and isinstance(value, int) and not isinstance(value, bool):
            out[name] = _count_text(value, lang)
    currency = params.get("currency")
    if currency:
        for name in MONEY_PARAMS:
            value = params.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out[name] = money_stated(value, currency, lang)
    for name in DATE_PARAMS:
        if isinstance(params.get(name), str):
            out[name] = date(dt.date.fromisoformat(params[name]), lang)
    if "field" in params and params["field"] in TEXT:
        out["field"] = t(params["field"], lang).lower()
    if "rule" in params:
        out["rule"] = t(params["rule"], lang)
    if params.get("source") in ("meta", "header", "format", "cells", "default"):
        out["source"] = t(f"currency_source_{params['source']}", lang)
    if "kind" in params:  # column_passed_over: what the values are, and why the column was left out
        out["kind"] = t(f"holds_{params['kind']}", lang)
    if "reason" in params:
        seen = params.get("seen")
        out["why"] = t(
            f"passed_{params['reason']}",
            lang,
            field=out.get("field", ""),
            seen=t(f"holds_{seen}", lang) if seen else "",
        )
    if "what" in params:  # missing_inputs: the words of what is missing, the flags, what was found
        out["what"] = f" {t('and', lang)} ".join(t(word, lang) for word in params["what"])
        out["flags"] = f" {t('and', lang)} ".join(params["flags"])
        out["found"] = "".join(t(key, lang, value=value) for key, value in params.get("found", []))
    return out
