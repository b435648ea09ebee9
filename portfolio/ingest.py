"""From an uploaded export to reports in the database: understand, validate, then commit in one transaction.

`parse_export` never writes; it returns what it understood (mapping, units, locale, stories per report)
with every problem found. `commit` writes all reports of one export in a single transaction, so a
failure leaves the database exactly as it was. The app, the command line and the demo loader all
take this one path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from portfolio import db
from portfolio.amounts import (
    EN,
    NL,
    NOT_AN_AMOUNT,
    NotAnAmount,
    Unit,
    detect_locale_counts,
    header_unit,
    parse_amount,
    parse_amounts,
)
from portfolio.mapping import AMOUNT_FIELDS, STORY_FIELDS, detect_mapping, match_field, normalise_header
from portfolio.problems import ERROR, WARNING, LoadRefused, Problem, error, warning
from portfolio.reading import ColumnRows, Grid, read_grid
from portfolio.status import normalise_status

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = {"totaal", "totalen", "total", "totals", "grand total", "eindtotaal", "subtotaal", "subtotal", "som"}
IMPLAUSIBLE_AMOUNT = 1e11  # 100 billion in any currency is a unit mistake, not a story
# The columns a story is stored with: the mapped fields, the status label as written beside the
# normalised status, and where the row came from.
STORY_COLUMNS = [
    *(name for field in STORY_FIELDS for name in ((field, "status_label") if field == "status" else (field,))),
    "source_row",
    "sort_order",
]
FRAME_COLUMNS = STORY_COLUMNS + ["programme", "report_date"]
_TEXT_FIELDS = ("title", "programme_line", "track", "owner", "period", "status_note", "programme", "parent_code")
# Where each problem of a row comes in the row's list (the order the fields are checked in).
_RANK = {"ident": 0, **{name: 1 + i for i, name in enumerate(AMOUNT_FIELDS)}}
_RANK.update(status=7, necessity=8, in_totals=9, report_date=10)
_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
_NO = {"nee", "n", "no", "false", "onwaar", "0", "niet"}
_NECESSITY = {
    "wettelijk": "statutory",
    "statutory": "statutory",
    "verplicht": "statutory",
    "mandatory": "statutory",
    "noodzakelijk": "necessary",
    "necessary": "necessary",
    "nodig": "necessary",
    "wenselijk": "desirable",
    "desirable": "desirable",
    "nice to have": "desirable",
}


@dataclass
class ReportDraft:
    """One report an export will become: a programme, a report date and its stories."""

    programme: str
    report_date: dt.date
    stories: pd.DataFrame

    def totals(self) -> dict:
        """Budget, spent and forecast over the stories that count (top level, in totals); None when none given."""
        counted = (self.stories["parent_code"].isna() & self.stories["in_totals"]).to_numpy()
        return {f: _sum_or_none(self.stories[f][counted]) for f in ("budget", "spent", "forecast")}


@dataclass
class ParsedExport:
    """Everything understood about one export, before anything is written."""

    filename: str
    checksum: str
    grid_kind: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    locale: str | None = None
    header_row: int | None = None  # 1-based
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    currency: str = "EUR"
    title: str | None = None
    reports: list[ReportDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    def mapped_headers(self) -> dict[str, str]:
        """field -> header text, as a profile stores it."""
        return {name: self.headers[index] for name, index in self.mapping.items()}


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_export(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    programme: str | None = None,
    report_date: dt.date | str | None = None,
    unit: int | None = None,
    currency: str | None = None,
    locale: str | None = None,
) -> ParsedExport:
    """Understand an export without writing anything. Problems are collected, not raised.

    `mapping` (field -> header text) overrides detection, as a saved profile or the mapping screen does.
    `programme`, `report_date` fill what the file does not say; `unit` applies to amount columns whose
    header declares no unit; `locale` ('nl' or 'en') overrides the detected number notation.
    """
    parsed = ParsedExport(filename=_safe_name(filename), checksum=checksum(data))
    try:
        grid = read_grid(data, filename, sheet)
    except LoadRefused as refused:
        parsed.problems.extend(refused.problems)
        return parsed
    parsed.grid_kind, parsed.sheet, parsed.sheets = grid.kind, grid.sheet, grid.sheets
    parsed.encoding, parsed.delimiter = grid.encoding, grid.delimiter
    rows = _trim(grid.rows)
    if not rows:
        parsed.problems.append(error("empty_file"))
        return parsed
    header_index = _find_header(rows, mapping)
    if header_index is None:
        parsed.problems.append(error("no_header"))
        return parsed
    parsed.header_row = header_index + 1
    width = len(rows.columns) if isinstance(rows, ColumnRows) else max(map(len, rows))
    headers = [_text(c) or "" for c in _pad(rows[header_index], width)]
    parsed.headers = headers
    meta = _metadata(rows[:header_index])
    parsed.title = meta.get("title")
    body = _Body(rows[header_index + 1 :], header_index + 2, width)
    if mapping:
        parsed.mapping = _apply_profile(mapping, headers, parsed)
    else:
        parsed.mapping = detect_mapping(headers, [body.filled(c) for c in range(width)])
    if "code" not in parsed.mapping and "title" not in parsed.mapping:
        parsed.problems.append(error("no_identifier", row=parsed.header_row))
    if not any(f in parsed.mapping for f in AMOUNT_FIELDS + ("status",)):
        parsed.problems.append(error("no_measure", row=parsed.header_row))
    if parsed.errors:
        return parsed

    declared = {f: header_unit(headers[i]) for f, i in parsed.mapping.items() if f in AMOUNT_FIELDS}
    parsed.units = {f: (u.multiplier if u.multiplier != 1 or unit is None else unit) for f, u in declared.items()}
    parsed.currency = _currency(currency, meta, declared, body, parsed.mapping)
    parsed.locale = locale or _locale(grid, body, parsed.mapping)
    columns, totals_rows = _records(body, parsed)
    if not len(columns["code"]) and not parsed.errors:
        parsed.problems.append(error("no_data_rows", row=parsed.header_row))
        return parsed
    if len(columns["code"]):
        frame = pd.DataFrame(columns, columns=FRAME_COLUMNS)
    else:
        frame = pd.DataFrame([], columns=FRAME_COLUMNS)
    frame = _without_duplicates(frame, parsed)
    fallback_programme = programme or meta.get("programme")
    fallback_date = _parse_date(report_date) if report_date is not None else meta.get("report_date")
    parsed.reports = _split_reports(frame, fallback_programme, fallback_date, parsed)
    for report in parsed.reports:
        _check_parents(report, parsed)
    if len(parsed.reports) == 1:
        _check_totals_rows(totals_rows, parsed.reports[0], parsed)
    return parsed


def ensure_loadable(parsed: ParsedExport, *, strict: bool = False) -> None:
    """Raise LoadRefused when the export has errors (or, with strict, warnings)."""
    blocking = parsed.errors + (parsed.warnings if strict else [])
    if blocking:
        if strict:
            blocking = [Problem(ERROR, p.key, p.row, p.column, p.params) for p in blocking]
        raise LoadRefused(blocking)


# --- committing -----------------------------------------------------------------------------------


@dataclass
class Committed:
    report_id: int
    programme: str
    report_date: dt.date
    version: int
    rows: int
    totals: dict
    replaced: int | None = None


def commit(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedExport,
    *,
    loaded_by: str | None = None,
    replace: bool = False,
    strict: bool = False,
) -> list[Committed]:
    """Write every report of the export in one transaction; on any failure nothing is written.

    A programme + report date that already has a current report is refused unless `replace`; the
    earlier version is then kept (not current) and can be restored.
    """
    ensure_loadable(parsed, strict=strict)
    con.execute("begin transaction")
    try:
        done = _write_reports(con, parsed, loaded_by, replace)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return done


def _write_reports(con, parsed: ParsedExport, loaded_by, replace) -> list[Committed]:
    """What writing the reports one after another writes, in a few statements for all of them.

    The reports of one export have distinct programme + date pairs, so writing one never changes
    what is found or written for another. Report ids are taken in report order, as one insert per
    report would take them. The stories go in one statement per programme (a history of 100 report
    dates in one statement: DuckDB takes about 5 ms for every insert, whatever its size).
    """
    reports = parsed.reports
    if not reports:
        return []
    current: dict[tuple[str, dt.date], list[tuple[int, str]]] = {}
    found = db.execute(
        con,
        "current_reports",
        programmes=[r.programme for r in reports],
        report_dates=[r.report_date for r in reports],
    )
    for programme, report_date, report_id, checksum in found:
        current.setdefault((programme, report_date), []).append((int(report_id), checksum))
    existing = [current.get((r.programme, r.report_date), []) for r in reports]
    for k, (report, there) in enumerate(zip(reports, existing)):
        problem = _refusal(parsed, report, there, replace)
        if problem is not None:
            # The ids that writing the reports one at a time takes up to this refusal: a sequence does
            # not give back what a transaction took, also when it is rolled back.
            _take_ids(con, "skip_programme_ids", k + (problem.key == "report_exists"))
            _take_ids(con, "next_report_ids", k)
            raise LoadRefused([problem])
    _add_programmes(con, [r.programme for r in reports])
    replaced = [there[0][0] if there else None for there in existing]
    for report_id in replaced:
        if report_id is not None:
            db.execute(con, "retire_report", report_id=report_id)
    ids = [int(row[0]) for row in db.execute(con, "next_report_ids", count=len(reports))]
    units = set(parsed.units.values()) or {1}
    versions = dict(
        db.execute(
            con,
            "insert_reports",
            report_ids=ids,
            programmes=[r.programme for r in reports],
            report_dates=[r.report_date for r in reports],
            row_counts=[len(r.stories) for r in reports],
            title=parsed.title,
            source_file=parsed.filename,
            sheet=parsed.sheet,
            checksum=parsed.checksum,
            loaded_by=loaded_by,
            currency=parsed.currency,
            unit_applied=max(units),
        )
    )
    by_programme: dict[str, list[tuple[int, pd.DataFrame]]] = {}
    for report_id, report in zip(ids, reports):
        by_programme.setdefault(report.programme, []).append((report_id, report.stories))
    try:
        for staged in by_programme.values():
            con.register("staged_stories", _staged(staged))
            db.execute(con, "insert_stories")
    finally:
        con.unregister("staged_stories")
    for programme in by_programme:  # the first budget of each story, as manage.restore and delete keep it
        db.execute(con, "delete_baselines", programme=programme)
        db.execute(con, "refresh_baselines", programme=programme)
        db.execute(con, "refresh_judgement", programme=programme)
    db.execute(
        con,
        "insert_audits",
        actor=loaded_by,
        actions=["replace" if r else "load" for r in replaced],
        report_ids=ids,
        details=[f"{parsed.filename} ({len(r.stories)} rows)" for r in reports],
    )
    return [
        Committed(i, r.programme, r.report_date, int(versions[i]), len(r.stories), r.totals(), old)
        for i, r, old in zip(ids, reports, replaced)
    ]


def _staged(reports: list[tuple[int, pd.DataFrame]]) -> pa.Table:
    """The stories of reports as insert_stories reads them, each with its report_id: as Arrow, which
    DuckDB reads without looking at every Python object in a column."""
    frames = [stories for _, stories in reports]
    stories = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    report_ids = np.repeat(np.array([report_id for report_id, _ in reports], dtype=np.int64), [len(f) for f in frames])
    arrays = [pa.array(report_ids)] + [pa.array(stories[c], from_pandas=True) for c in STORY_COLUMNS]
    return pa.Table.from_arrays(arrays, names=["report_id", *STORY_COLUMNS])


def _add_programmes(con, names: list[str]) -> None:
    """What insert_programme once per report does, in a statement per new programme.

    Each of those inserts takes a programme id from the sequence, also when the programme is
    already there; the ids they leave behind are skipped here, so that ids come out the same.
    """
    known = {row[0] for row in db.execute(con, "known_programmes", names=sorted(set(names)))}
    skipped = 0
    for name in names:
        if name in known:
            skipped += 1
            continue
        _take_ids(con, "skip_programme_ids", skipped)
        skipped = 0
        db.execute(con, "insert_programme", name=name)
        known.add(name)
    _take_ids(con, "skip_programme_ids", skipped)


def _refusal(parsed: ParsedExport, report: ReportDraft, existing, replace) -> Problem | None:
    """Why a report may not be written over the current report(s) there, if it may not."""
    same = [report_id for report_id, checksum in existing if checksum == parsed.checksum]
    if same:
        return error(
            "already_loaded",
            report_id=same[0],
            programme=report.programme,
            report_date=report.report_date.isoformat(),
        )
    if existing and not replace:
        return error(
            "report_exists",
            programme=report.programme,
            report_date=report.report_date.isoformat(),
            report_id=existing[0][0],
        )
    return None


def _take_ids(con, query: str, count: int) -> None:
    if count:
        db.execute(con, query, count=count)


def load_file(
    con,
    data: bytes,
    filename: str,
    *,
    loaded_by: str | None = None,
    replace: bool = False,
    strict: bool = False,
    **options,
) -> tuple[ParsedExport, list[Committed]]:
    """Parse and commit in one call (command line, demo data, scheduled loads)."""
    parsed = parse_export(data, filename, **options)
    return parsed, commit(con, parsed, loaded_by=loaded_by, replace=replace, strict=strict)


# --- understanding the grid -------------------------------------------------------------------------


def _safe_name(filename: str) -> str:
    """Only the base name of an upload is kept; it never becomes a path."""
    name = re.split(r"[\\/]", str(filename))[-1]
    name = re.sub(r"[\x00-\x1f]", "", name).strip()
    return name[:200] or "upload"


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


def _find_header(rows: list[list], profile: dict[str, str] | None) -> int | None:
    if profile:
        wanted = {normalise_header(h) for h in profile.values()}
        for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            if wanted <= {normalise_header(c) for c in row if _text(c)}:
                return index
        return None
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = detect_mapping([_text(c) for c in row])
        if "code" not in fields and "title" not in fields:
            continue
        if len(fields) > best_score:
            best, best_score = index, len(fields)
    return best


def _metadata(rows: list[list]) -> dict:
    """Title and key: value lines above the header ('Programma: MAB', 'Peildatum | 15-06-2018')."""
    meta: dict = {}
    for row in rows:
        cells = [c for c in row if _text(c) is not None]
        if not cells:
            continue
        first = _text(cells[0])
        key, _, inline = first.partition(":")
        value = inline.strip() or (_text(cells[1]) if len(cells) > 1 else None)
        name = match_field(key) if key else None
        if normalise_header(key) in {"valuta", "currency"} and value:
            meta["currency"] = value.upper()[:3]
        elif name == "programme" and value:
            meta["programme"] = value
        elif name == "report_date" and value is not None:
            raw = cells[1] if not inline.strip() and len(cells) > 1 else inline.strip()
            parsed = _parse_date(raw)
            if parsed:
                meta["report_date"] = parsed
        elif "title" not in meta and len(cells) == 1:
            meta["title"] = first
    return meta


def _apply_profile(profile: dict[str, str], headers: list[str], parsed: ParsedExport) -> dict[str, int]:
    by_norm = {normalise_header(h): i for i, h in enumerate(headers) if h}
    mapping = {}
    for name, header in profile.items():
        index = by_norm.get(normalise_header(header))
        if index is None:
            parsed.problems.append(error("profile_column_missing", row=parsed.header_row, column=header, field=name))
        else:
            mapping[name] = index
    return mapping


def _currency(override, meta, declared: dict[str, Unit], body: _Body, mapping) -> str:
    if override:
        return override
    if meta.get("currency"):
        return meta["currency"]
    for unit in declared.values():
        if unit.currency:
            return unit.currency
    for p in range(min(200, body.n)):
        for name in AMOUNT_FIELDS:
            text = _text(body.columns[mapping[name]][p]) if name in mapping else None
            if text:
                for sign, code in (("€", "EUR"), ("£", "GBP"), ("$", "USD")):
                    if sign in text:
                        return code
    return "EUR"


def _locale(grid: Grid, body: _Body, mapping) -> str:
    # The text cells of the amount columns, most frequent first (a text in two columns comes twice).
    texts: list[str] = []
    counts = []
    for name in AMOUNT_FIELDS:
        if name in mapping:
            column_texts, column_counts = body.text_counts(mapping[name])
            texts += column_texts
            counts.append(column_counts)
    counts = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    order = np.argsort(-counts, kind="stable").tolist()
    pairs = ((texts[i], int(counts[i])) for i in order)
    default = NL if grid.delimiter in (";", "\t", None) else EN
    return detect_locale_counts(pairs, default=default, total=int(counts.sum()))


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
        found = self.distinct(index)
        if not found.text_only:
            return int(np.count_nonzero(self.kinds(index, _has_text)))
        # for a text t, _text(t) is None exactly when this is true (and for the None at the end)
        blank = np.array([not t.replace("_x000D_", "").strip() for t in found.values[:-1]] + [True], dtype=bool)
        return self.n - int(np.count_nonzero(blank[found.codes]))

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
    return 2 if re.sub(r"[^a-z ]", "", text.lower()).strip() in TOTAL_WORDS else 1


_NOT_WORDS = {int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta}


def _row_kinds(body: _Body) -> tuple[np.ndarray, np.ndarray]:
    """Per row: blank (no text in any cell), totals (a total word in one of its first two filled cells).

    Columns are read left to right only for the rows that have not yet shown two filled cells.
    """
    seen = np.zeros(body.n, dtype=np.int64)
    totals = np.zeros(body.n, dtype=bool)
    pending: np.ndarray | None = None  # None: every row
    for index in range(len(body.columns)):
        if pending is not None and not len(pending):
            break
        kinds = body.kinds(index, _cell_kind, pending)
        if pending is None:
            totals |= kinds == 2
            seen += kinds > 0
            pending = np.flatnonzero(seen < 2)
        else:
            totals[pending] |= kinds == 2
            seen[pending] += kinds > 0
            pending = pending[seen[pending] < 2]
    return seen == 0, totals


def _records(body: _Body, parsed: ParsedExport) -> tuple[dict[str, object], list[tuple[int, list]]]:
    """The story rows as columns of normalised values; totals rows are set aside, blank and note rows skipped.

    Column by column, every distinct text read once. Problems come out in the order a row-by-row
    reading finds them: by row, and within a row in the order the fields are checked.
    """
    mapping = parsed.mapping
    headers = parsed.headers
    id_field = "code" if "code" in mapping else "title"
    found: list[tuple[int, int, Problem]] = []
    blank, totals = _row_kinds(body)
    no_ident = body.kinds(mapping[id_field], _has_text) == 0
    totals_rows = [(body.first_row + p, body.row(p)) for p in np.flatnonzero(totals & ~blank).tolist()]
    for p in np.flatnonzero(no_ident & ~blank & ~totals).tolist():
        row_number, row = body.first_row + p, body.row(p)
        if any(_text(row[mapping[f]]) for f in AMOUNT_FIELDS + ("status",) if f in mapping):
            problem = error("missing_code", row=row_number, column=headers[mapping[id_field]])
        else:
            text = next(t for t in (_text(c) for c in row) if t)[:60]
            problem = warning("note_row_skipped", row=row_number, text=text)
        found.append((row_number, _RANK["ident"], problem))
    skipped = blank | totals | no_ident
    keep = None if not skipped.any() else np.flatnonzero(~skipped)
    count = body.n if keep is None else len(keep)
    row_numbers = (np.arange(body.n, dtype=np.int64) if keep is None else keep.astype(np.int64)) + body.first_row

    def report(positions, rank: str, make) -> None:
        for p in positions:
            row_number = int(row_numbers[p])
            found.append((row_number, _RANK[rank], make(p, row_number)))

    def text_column(name: str, limit: int | None = None):
        return body.text_column(mapping[name], keep, limit) if name in mapping else [None] * count

    out: dict[str, object] = {}
    out["code"] = text_column(id_field, None if id_field == "code" else 120)
    for name in _TEXT_FIELDS:
        out[name] = text_column(name)
    for name in AMOUNT_FIELDS:
        out[name] = _amount_column(name, body, keep, parsed, report) if name in mapping else [None] * count
    if "realised" in mapping and "committed" in mapping:
        out["spent"] = [
            round(r + c, 2) if s is None and r is not None and c is not None else s
            for s, r, c in zip(out["spent"], out["realised"], out["committed"])
        ]
    out["status_label"] = text_column("status")
    if "status" in mapping:
        index = mapping["status"]
        column = headers[index]
        out["status"], unknown = body.apply(index, _status_of, keep, flag=_unrecognised, pick=_first, text=True)
        labels = body.texts(index) if unknown else []
        report(
            unknown,
            "status",
            lambda p, r: warning("unknown_status", row=r, column=column, label=labels[r - body.first_row]),
        )
    else:
        out["status"] = [normalise_status(None)[0]] * count
    out["necessity"] = _word_column("necessity", body, keep, _necessity_of, parsed, report)
    out["in_totals"] = _word_column("in_totals", body, keep, _yes_no_of, parsed, report)
    out["report_date"] = [None] * count
    if "report_date" in mapping:
        index = mapping["report_date"]
        column, raws = headers[index], body.columns[index]
        out["report_date"], bad = body.apply(index, _date_of, keep, flag=_unrecognised, pick=_first)
        report(
            bad,
            "report_date",
            lambda p, r: error("bad_date", row=r, column=column, value=_text(raws[r - body.first_row])),
        )
    out["source_row"] = row_numbers
    out["sort_order"] = np.arange(count, dtype=np.int64)
    found.sort(key=lambda item: (item[0], item[1]))
    parsed.problems.extend(problem for _, _, problem in found)
    return out, totals_rows


def _status_of(cell: object) -> tuple[str, bool]:
    return normalise_status(_text(cell))


def _amount_column(name: str, body: _Body, keep, parsed: ParsedExport, report) -> list:
    """parse_amount over a column, with the warnings a cell by cell reading gives."""
    index = parsed.mapping[name]
    column = parsed.headers[index]
    locale, multiplier = parsed.locale or NL, parsed.units.get(name, 1)
    values, odd = body.apply_column(
        index, lambda cells: parse_amounts(cells, locale, multiplier), keep, flag=_odd_amount
    )
    raws = body.columns[index]
    for p in odd:
        value = values[p]
        if value is NOT_AN_AMOUNT:
            values[p] = None
            report(
                [p],
                name,
                lambda p, r: warning("amount_text", row=r, column=column, value=_text(raws[r - body.first_row])),
            )
        elif value < 0:
            report([p], name, lambda p, r, v=value: warning("negative_amount", row=r, column=column, value=v))
        else:
            report([p], name, lambda p, r, v=value: warning("implausible_amount", row=r, column=column, value=v))
    return values


def _odd_amount(value) -> bool:
    """Whether an amount gets a warning: not an amount, negative or implausibly large."""
    return value is not None and (value is NOT_AN_AMOUNT or value < 0 or value > IMPLAUSIBLE_AMOUNT)


def _word_column(name: str, body: _Body, keep, judge, parsed: ParsedExport, report) -> list:
    """A column of words judged by judge(text) -> (value, recognised); judge(None) where not mapped."""
    if name not in parsed.mapping:
        return [judge(None)[0]] * (body.n if keep is None else len(keep))
    index = parsed.mapping[name]
    values, unknown = body.apply(index, lambda cell: judge(_text(cell)), keep, flag=_unrecognised, pick=_first)
    column = parsed.headers[index]
    key = "unknown_necessity" if name == "necessity" else "unknown_yes_no"
    texts = body.texts(index) if unknown else None
    report(unknown, name, lambda p, r: warning(key, row=r, column=column, value=texts[r - body.first_row]))
    return values


def _first(pair: tuple):
    return pair[0]


def _unrecognised(pair: tuple) -> bool:
    return not pair[1]


def _necessity_of(text: str | None) -> tuple[str | None, bool]:
    if text is None:
        return None, True
    value = _NECESSITY.get(text.lower().strip(" ."))
    return value, value is not None


def _yes_no_of(text: str | None) -> tuple[bool, bool]:
    if text is None:
        return True, True
    word = text.lower().strip(" .")
    if word in _YES:
        return True, True
    if word in _NO:
        return False, True
    return True, False


def _date_of(raw: object) -> tuple[dt.date | None, bool]:
    """(date, accepted): a cell with something in it that is no date is not accepted."""
    date = _parse_date(raw)
    return date, not (raw not in (None, "") and date is None)


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


def _without_duplicates(frame: pd.DataFrame, parsed: ParsedExport) -> pd.DataFrame:
    """Identical repeated rows are dropped with a warning; the same code with other values is an error."""
    keys = ["programme", "report_date", "code"]
    dupes = frame[frame.duplicated(keys, keep=False)]
    if dupes.empty:
        return frame
    compare = [c for c in STORY_COLUMNS if c not in ("source_row", "sort_order")]
    drop = []
    for _, group in dupes.groupby(keys, dropna=False, sort=False):
        rows = group["source_row"].tolist()
        if len(group[compare].astype(str).drop_duplicates()) == 1:
            parsed.problems.append(
                warning("duplicate_same", row=rows[1], code=group["code"].iloc[0], first_row=rows[0])
            )
            drop.extend(group.index[1:])
        else:
            column = parsed.headers[parsed.mapping.get("code", parsed.mapping.get("title"))]
            parsed.problems.append(
                error("duplicate_code", row=rows[1], column=column, code=group["code"].iloc[0], first_row=rows[0])
            )
    return frame.drop(index=drop)


def _split_reports(frame: pd.DataFrame, programme, report_date, parsed: ParsedExport) -> list[ReportDraft]:
    frame = frame.copy()
    frame["programme"] = frame["programme"].fillna(programme) if programme else frame["programme"]
    if report_date is not None:
        frame["report_date"] = frame["report_date"].where(frame["report_date"].notna(), report_date)
    if frame["programme"].isna().any():
        first = int(frame.loc[frame["programme"].isna(), "source_row"].iloc[0])
        parsed.problems.append(error("no_programme", row=first if "programme" in parsed.mapping else None))
        return []
    if frame["report_date"].isna().any():
        first = int(frame.loc[frame["report_date"].isna(), "source_row"].iloc[0])
        parsed.problems.append(error("no_report_date", row=first if "report_date" in parsed.mapping else None))
        return []
    # One report per programme + date, in sorted order, each with its rows in file order: what
    # iterating a sorted groupby gives, with one reordering of all rows instead of one per group.
    group = frame.groupby(["programme", "report_date"], sort=True).ngroup().to_numpy()
    order = np.argsort(group, kind="stable")
    ends = np.cumsum(np.bincount(group)).tolist()
    stories_all = frame[STORY_COLUMNS]
    if np.any(group[1:] < group[:-1]):  # not yet in report order (a history is often written so)
        stories_all = stories_all.take(order)
    keys = frame[["programme", "report_date"]].take(order[[end - 1 for end in ends]])
    reports = []
    for (name, date), start, end in zip(keys.itertuples(index=False), [0, *ends], ends):
        stories = stories_all.iloc[start:end].reset_index(drop=True)
        stories["sort_order"] = range(len(stories))
        reports.append(ReportDraft(str(name), date, stories))
    return reports


def _check_parents(report: ReportDraft, parsed: ParsedExport) -> None:
    stories = report.stories
    has_parent = stories["parent_code"].notna()
    if not has_parent.any():
        return
    codes = set(stories["code"].tolist())
    children = stories.loc[has_parent, ["code", "parent_code", "source_row"]]
    for code, parent, row in zip(*(children[c].tolist() for c in children.columns)):
        if parent not in codes:
            parsed.problems.append(
                warning(
                    "unknown_parent",
                    row=int(row),
                    column=parsed.headers[parsed.mapping["parent_code"]],
                    code=code,
                    parent=parent,
                )
            )
        elif parent == code:
            parsed.problems.append(error("self_parent", row=int(row), code=code))


def _check_totals_rows(totals_rows, report: ReportDraft, parsed: ParsedExport) -> None:
    """A 'Totaal' row in the file is not loaded, but it is a free check of what we did load."""
    sums = report.totals()
    for row_number, row in totals_rows[-1:]:
        for name in ("budget", "spent", "forecast"):
            if name not in parsed.mapping or sums[name] is None:
                continue
            try:
                stated = parse_amount(row[parsed.mapping[name]], parsed.locale or NL, parsed.units.get(name, 1))
            except NotAnAmount:
                continue
            if stated is not None and abs(stated - sums[name]) > max(1.0, 0.005 * abs(stated)):
                parsed.problems.append(
                    warning(
                        "totals_mismatch",
                        row=row_number,
                        column=parsed.headers[parsed.mapping[name]],
                        stated=stated,
                        computed=sums[name],
                    )
                )


def _sum_or_none(series: pd.Series) -> float | None:
    values = series.dropna()
    return round(float(values.sum()), 2) if len(values) else None


__all__ = [
    "parse_export",
    "commit",
    "load_file",
    "ensure_loadable",
    "ParsedExport",
    "ReportDraft",
    "Committed",
    "EN",
    "NL",
    "STORY_FIELDS",
]
