"""From the rows below the header to reports: story records, their problems, duplicates and checks.

Column by column, every distinct text read once; problems come out in the order a row-by-row reading
finds them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from portfolio.amounts import NL, NOT_AN_AMOUNT, NotAnAmount, parse_amount, parse_amounts
from portfolio.ingest.cells import _Body, _cell_kind, _has_text, _parse_date, _text
from portfolio.ingest.model import IMPLAUSIBLE_AMOUNT, STORY_COLUMNS, ParsedExport, ReportDraft
from portfolio.mapping import AMOUNT_FIELDS
from portfolio.problems import Problem, error, warning
from portfolio.status import normalise_status

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
