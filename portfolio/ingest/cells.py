"""Reading cells: a cell's text and date, and the rows below the header as columns of distinct values.

Exports repeat values a lot, so whatever is worked out from a cell is worked out once per distinct
value (`_Body`, `_Distinct`) and spread back over the cells.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.ingest.model import TOTAL_WORDS
from portfolio.reading import ColumnRows


def _text(cell: object) -> str | None:
    if type(cell) is str:  # the common case first; the same as the general one below
        return cell.replace("_x000D_", "").strip() or None
    if cell is None:
        return None
    if isinstance(cell, float):
        if cell != cell:
            return None
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, (dt.datetime, dt.date)):
        return cell.isoformat()[:10]
    text = str(cell).replace("_x000D_", "").strip()
    return text or None


def _pad(row: list, width: int) -> list:
    return list(row) + [None] * (width - len(row))


def _trim(rows: Sequence[list]) -> Sequence[list]:
    """Without the blank rows at the end."""
    end = len(rows)
    while end and all(_text(c) is None for c in rows[end - 1]):
        end -= 1
    return rows if end == len(rows) else rows[:end]


class _Body:
    """The rows below the header, column by column; row p of a column is spreadsheet row first_row + p.

    Rows shorter than the widest are padded with None, as `_pad` does. Each column is also held as
    its distinct values and, per cell, which one it is: exports repeat values a lot, so whatever is
    worked out from a cell is worked out once per distinct value. Values count as the same only when
    equal and of one type (1, 1.0 and True are one key to a dict, not one value in a spreadsheet);
    the few equal values that still differ (0.0 and -0.0, datetimes in other time zones) and values
    of other types are worked out cell by cell.
    """

    def __init__(self, rows: Sequence[list], first_row: int, width: int):
        self.n = len(rows)
        self.first_row = first_row
        self._text_only = isinstance(rows, ColumnRows) and rows.text_only  # every cell str or None
        if isinstance(rows, ColumnRows):
            self.columns: list[Sequence] = list(rows.columns)
        else:
            self.columns = list(zip_longest(*rows)) if rows else []
        self.columns += [(None,) * self.n] * (width - len(self.columns))
        self._distinct: dict[int, _Distinct] = {}
        self._texts: dict[int, list] = {}
        self._has_text: dict[int, np.ndarray] = {}

    def distinct(self, index: int) -> _Distinct:
        if index not in self._distinct:
            self._distinct[index] = _Distinct.of(self.columns[index], self._text_only)
        return self._distinct[index]

    def apply(self, index: int, func, keep: np.ndarray | None = None, flag=None, pick=None, text=False):
        """[func(cell) for every cell of a column] (the cells at keep, when given); see apply_column."""
        return self.apply_column(index, lambda cells: [func(c) for c in cells], keep, flag, pick, text)

    def apply_column(self, index: int, over, keep: np.ndarray | None = None, flag=None, pick=None, text=False):
        """over(cells) for a column (the cells at keep): over gives one result per cell, each depending
        on that cell alone, and is called on the distinct values. With pick, pick(result) instead of
        each result; with flag, also the positions of the results for which flag(result) is true.
        With text, the results (texts) come as the column a DataFrame would make of them."""
        distinct, codes = self._resolve(index, over, keep)
        picked = distinct if pick is None else [pick(r) for r in distinct]
        results = _text_column(picked, codes) if text else _objects(picked)[codes].tolist()
        if flag is None:
            return results
        flagged = np.fromiter(map(flag, distinct), dtype=bool, count=len(distinct))
        return results, np.flatnonzero(flagged[codes]).tolist()

    def apply_picks(self, index: int, func, keep: np.ndarray | None, picks, flag):
        """[apply(index, func, keep, pick=pick) for pick in picks], with the positions flag(result) is true
        for: func of the distinct values worked out once for all the picks."""
        distinct, codes = self._resolve(index, lambda cells: [func(c) for c in cells], keep)
        columns = [_objects([pick(r) for r in distinct])[codes].tolist() for pick in picks]
        flagged = np.fromiter(map(flag, distinct), dtype=bool, count=len(distinct))
        return columns, np.flatnonzero(flagged[codes]).tolist()

    def text_column(self, index: int, keep: np.ndarray | None = None, limit: int | None = None):
        """_text (cut to limit) of the cells at keep, as the column a DataFrame makes of such a list:
        Arrow-backed str, or a list when there is no text; the distinct texts are encoded once."""
        distinct, codes = self._resolve(index, lambda cells: [_text(c) for c in cells], keep)
        if limit is not None:
            distinct = [t if t is None else t[:limit] for t in distinct]
        return _text_column(distinct, codes)

    def _resolve(self, index: int, over, keep: np.ndarray | None) -> tuple[list, np.ndarray]:
        """(results, codes): over of the distinct values and of the loose cells, and per cell at keep
        which result is its own."""
        found = self.distinct(index)
        codes = found.codes if keep is None else found.codes[keep]
        distinct = over(found.values)
        loose = found.loose_in(keep)
        if len(loose):
            cells = self.columns[index]
            distinct = distinct + over([cells[r] for r in (loose if keep is None else keep[loose]).tolist()])
            codes = codes.copy()
            codes[loose] = np.arange(len(found.values), len(distinct))
        return distinct, codes

    def kinds(self, index: int, func, keep: np.ndarray | None = None) -> np.ndarray:
        """func(cell) as small integers, for every cell of a column (the cells at keep)."""
        found = self.distinct(index)
        codes = found.codes if keep is None else found.codes[keep]
        results = np.fromiter(map(func, found.values), dtype=np.int8, count=len(found.values))[codes]
        loose = found.loose_in(keep)
        if len(loose):
            cells = self.columns[index]
            results[loose] = [func(cells[r]) for r in (loose if keep is None else keep[loose]).tolist()]
        return results

    def texts(self, index: int) -> list:
        """_text of every cell of a column."""
        if index not in self._texts:
            self._texts[index] = self.apply(index, _text)
        return self._texts[index]

    def filled(self, index: int) -> int:
        """How many cells of a column hold text."""
        return int(np.count_nonzero(self.has_text(index)))

    def has_text(self, index: int) -> np.ndarray:
        """_has_text of every cell of a column, as booleans (worked out once per column)."""
        if index not in self._has_text:
            found = self.distinct(index)
            if not found.text_only:
                self._has_text[index] = self.kinds(index, _has_text).astype(bool)
            else:
                # for a text t, _text(t) is None exactly when it is blank (and for the None at the end)
                blank = _blank_texts(found.values[:-1])
                self._has_text[index] = ~np.append(blank, True)[found.codes]
        return self._has_text[index]

    def text_counts(self, index: int) -> tuple[list[str], np.ndarray]:
        """The distinct text cells of a column and how often each occurs."""
        found = self.distinct(index)
        codes = found.codes.copy()
        codes[found.loose] = -1
        counts = np.bincount(codes[codes >= 0], minlength=len(found.values))
        if found.text_only:  # every value a str that occurs, but the None at the end
            return found.values[:-1], counts[:-1]
        cells = self.columns[index]
        texts = [(str(v), n) for v, n in zip(found.values, counts.tolist()) if n and isinstance(v, str)]
        texts += [(str(cells[p]), 1) for p in found.loose.tolist() if isinstance(cells[p], str)]
        return [t for t, _ in texts], np.array([n for _, n in texts], dtype=np.int64)

    def row(self, p: int) -> list:
        return [column[p] for column in self.columns]


def _blank_texts(texts: list[str]) -> np.ndarray:
    """[not t.replace("_x000D_", "").strip() for t in texts] as booleans; many texts at once in Arrow:
    a text is blank when it is made of whitespace (what str.strip removes) and '_x000D_' only."""
    if len(texts) >= _MANY_TEXTS:
        try:
            found = pc.match_substring_regex(pa.array(texts, type=pa.large_string()), _BLANK_RE2)
            return found.to_numpy(zero_copy_only=False)
        except (pa.ArrowException, UnicodeError):  # text Arrow will not take (lone surrogates)
            pass
    return np.fromiter((not t.replace("_x000D_", "").strip() for t in texts), dtype=bool, count=len(texts))


_MANY_TEXTS = 1000
# the characters str.isspace() (and so str.strip()) takes, as tests/test_ingest_speedpaths.py checks
SPACE_CHARACTERS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_BLANK_RE2 = "^(?:[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACE_CHARACTERS) + "]|_x000D_)*$"


@dataclass
class _Distinct:
    """A column as its distinct values: cell p is values[codes[p]] (the last value is None, for -1),
    except the cells at the positions in loose, which must be looked at one by one."""

    codes: np.ndarray
    values: list
    loose: np.ndarray
    text_only: bool

    @classmethod
    def of(cls, cells: Sequence, text_only: bool) -> _Distinct:
        kinds = set() if text_only else set(map(type, cells))
        if kinds <= {str, type(None)}:
            codes, uniques = pd.factorize(np.array(cells, dtype=object))  # None is -1
            return cls(codes, [*uniques.tolist(), None], _NO_POSITIONS, True)
        # One type at a time: values of one type that are equal read the same, but for the few
        # set loose (0.0 and -0.0; datetimes in other time zones; types not known here).
        everything = _objects(list(cells))
        types = np.fromiter(map(type, cells), dtype=object, count=len(cells))
        codes = np.zeros(len(cells), dtype=np.intp)
        values: list = []
        loose = []
        for kind in kinds:
            where = np.flatnonzero(types == kind)
            part = everything[where]
            if kind is float:
                numbers = part.astype(np.float64)
                part_codes, uniques = pd.factorize(numbers, use_na_sentinel=False)  # every NaN reads the same
                uniques = uniques.tolist()
                loose.append(where[numbers == 0])
            elif kind in _SAME_WHEN_EQUAL:
                uniques = list(dict.fromkeys(part.tolist()))
                number = {value: i for i, value in enumerate(uniques)}
                part_codes = np.fromiter(map(number.__getitem__, part.tolist()), dtype=np.intp, count=len(part))
                if kind in (dt.datetime, dt.time):  # equal instants in other time zones are other texts
                    zoned = [i for i, value in enumerate(uniques) if value.tzinfo is not None]
                    loose.append(where[np.isin(part_codes, zoned)])
            else:
                part_codes, uniques = np.zeros(len(part), dtype=np.intp), [None]
                loose.append(where)
            codes[where] = part_codes + len(values)
            values.extend(uniques)
        positions = np.sort(np.concatenate(loose)) if loose else _NO_POSITIONS
        return cls(codes, [*values, None], positions, False)

    def loose_in(self, keep: np.ndarray | None) -> np.ndarray:
        """The loose positions among the cells at keep, numbered as those."""
        if not len(self.loose) or keep is None:
            return self.loose
        return np.flatnonzero(np.isin(keep, self.loose))


_NO_POSITIONS = np.zeros(0, dtype=np.intp)
# Types whose equal values read the same (as text, amount and date), given the exceptions in _Distinct.of.
_SAME_WHEN_EQUAL = {str, int, bool, type(None), dt.date, dt.datetime, dt.time, dt.timedelta}


_TEXT_DTYPE = pd.Series(["text"]).dtype  # what pandas makes of a list of str (and None)


def _text_column(distinct: list, codes: np.ndarray):
    """[distinct[c] for c in codes] for texts (and None), as the column pandas would make of it."""
    try:
        column = pa.array(distinct, type=pa.large_string()).take(pa.array(codes))
    except (pa.ArrowException, UnicodeError):  # text Arrow will not take: let pandas decide
        return _objects(distinct)[codes].tolist()
    if column.null_count == len(column):
        return [None] * len(column)
    return pd.array(column, dtype=_TEXT_DTYPE)


def _objects(values: list) -> np.ndarray:
    """A one-dimensional object array of values (tuples stay whole)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _has_text(cell: object) -> bool:
    kind = type(cell)
    if kind is float:
        return cell == cell  # _text gives None for NaN only
    if kind in _NEVER_BLANK:
        return True
    return _text(cell) is not None


_NEVER_BLANK = {int, bool, dt.date, dt.datetime}  # _text of these always has characters


def _cell_kind(cell: object) -> int:
    """0 for a blank cell, 2 for a word such as 'Totaal', else 1."""
    text = _text(cell)
    if text is None:
        return 0
    if type(cell) in _NOT_WORDS:  # their text has no letters but 'e', 'inf', 'true', 'false', 'day(s)'
        return 1
    return 2 if is_totals_phrase(text) else 1


# 'Subtotaal thema 2', 'Totaal programmalijn 1', 'Total for chapter VIII': a totals word and what it totals.
_TOTALS_OF = re.compile(
    r"^(sub ?tota(a)?l(en|s)?|(tota(a)?l|totalen|totals|som|sum) (thema|theme|programmalijn|lijn|line|spoor|track|"
    r"sporen|hoofdstuk|chapter|programma|programme|program|plateau|fase|phase|jaar|year|kwartaal|quarter|"
    r"categorie|category|pijler|pillar|generaal|general|van|of|for|voor|per|alle|all|project|projecten|projects|"
    r"portfolio|department|afdeling|directie)\b)"
)


def is_totals_phrase(text: str) -> bool:
    """Whether a cell's text names a totals row: 'Totaal', 'TOTAAL', 'Grand total', 'Subtotaal thema 2'."""
    low = text.lower()
    # Every totals phrase has 'tot', 'som' or 'sum' among its letters, and a run of letters in the
    # words below is one in the lowered text: most cells are told apart without the regexes.
    if "tot" not in low and "som" not in low and "sum" not in low:
        return False
    words = " ".join(re.sub(r"[^a-z]+", " ", low).split())
    if len(words) > 60:
        return False
    return words in TOTAL_WORDS or bool(_TOTALS_OF.match(words))


_NOT_WORDS = {int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta}


def _parse_date(raw) -> dt.date | None:
    """dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd (with or without time), Excel serial numbers, date objects."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1 <= raw < 2958466:
            return (dt.datetime(1899, 12, 30) + dt.timedelta(days=float(raw))).date()
        return None
    text = str(raw).strip()
    if not text:
        return None
    for pattern, order in ((r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"), (r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", "dmy")):
        match = re.match(pattern + r"(?:[T ].*)?$", text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _parse_date(float(text))
    return None


def _short(text: str, limit: int = 70) -> str:
    """A long text from the file (a header written out as a question, a line under the table) cut for a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
