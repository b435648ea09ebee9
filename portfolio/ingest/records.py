"""From the rows below the header to reports: story records, their problems, duplicates and checks.

Column by column, every distinct text read once; problems come out in the order a row-by-row reading
finds them.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from portfolio.amounts import NL, NOT_AN_AMOUNT, NotAnAmount, parse_amount, parse_amounts, parse_plain_texts
from portfolio.ingest.cells import _Body, _cell_kind, _has_text, _parse_date, _short, _text
from portfolio.ingest.model import (
    IMPLAUSIBLE_AMOUNT,
    STORY_COLUMNS,
    ParsedExport,
    ReportBatch,
    ReportDraft,
    TotalDisagreement,
)
from portfolio.mapping import AMOUNT_FIELDS, DATE_FIELDS, NARRATIVE_FIELDS, PROSE_FIELDS, one_line
from portfolio.milestones import Milestone, find_slots
from portfolio.problems import Problem, error, info, warning
from portfolio.recognise import NOTE_BELOW_MARKERS, NOTE_BELOW_WORDS, OF_WHICH
from portfolio.status import normalise_status
from portfolio.when import is_length, parse_range, parse_when

_TEXT_FIELDS = (
    "title",
    "programme_line",
    "track",
    "owner",
    "period",
    "status_note",
    "ambition",
    *NARRATIVE_FIELDS,
    "rebaseline_reason",
    "duration",
    "programme",
    "parent_code",
)
# Where each problem of a row comes in the row's list (the order the fields are checked in).
_RANK = {"ident": 0, **{name: 1 + i for i, name in enumerate(AMOUNT_FIELDS)}}
_RANK.update(status=7, necessity=8, in_totals=9, report_date=10)
_RANK.update({name: 11 + i for i, name in enumerate(DATE_FIELDS)})
_RANK.update(duration=11 + len(DATE_FIELDS), milestones=12 + len(DATE_FIELDS))
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


def _row_kinds(body: _Body, parsed: ParsedExport) -> tuple[np.ndarray, np.ndarray]:
    """Per row: blank (no text in any cell), totals (a totals phrase in a cell outside the amounts and
    the notes, in a row whose identifier is blank, a placeholder or itself that phrase).

    'TOTAAL' in the description column with '-' in the code column is a totals row as much as
    'Totaal' in the first cell; a row with a real story code (or, without a code column, a real
    title) stays a story whatever another cell says.
    """
    mapping = parsed.mapping
    skipped = {mapping[f] for f in (*AMOUNT_FIELDS, *PROSE_FIELDS) if f in mapping}
    blank = np.ones(body.n, dtype=bool)
    totals = np.zeros(body.n, dtype=bool)
    for index in range(len(body.columns)):
        if index in skipped:  # only whether blank: _cell_kind is 0 exactly where _has_text is false
            blank &= ~body.has_text(index)
            continue
        kinds = body.kinds(index, _cell_kind)
        blank &= kinds == 0
        totals |= kinds == 2
    if totals.any():
        totals &= body.kinds(mapping["code" if "code" in mapping else "title"], _code_kind) != 1
    return blank, totals


def _code_kind(cell: object) -> int:
    """0 for a blank or placeholder identifier ('-', '*'), 2 for a totals phrase, else 1 (a story's)."""
    text = _text(cell)
    if text is None or not any(ch.isalnum() for ch in text):
        return 0
    return _cell_kind(cell)


def _records(body: _Body, parsed: ParsedExport) -> tuple[dict[str, object], list[tuple[int, list]]]:
    """The story rows as columns of normalised values; totals rows are set aside, blank and note rows skipped.

    Column by column, every distinct text read once. Problems come out in the order a row-by-row
    reading finds them: by row, and within a row in the order the fields are checked.
    """
    mapping = parsed.mapping
    headers = parsed.headers
    id_field = "code" if "code" in mapping else "title"
    found: list[tuple[int, int, Problem]] = []
    blank, totals = _row_kinds(body, parsed)
    of_which = _of_which_rows(body, parsed)
    totals &= ~of_which
    no_ident = ~body.has_text(mapping[id_field]) & ~of_which
    below = _notes_below(body, mapping[id_field], blank) & ~totals & ~of_which
    for p in np.flatnonzero(below).tolist():  # 'Bron: ...' under the table: no story, said as a note
        row_number, text = body.first_row + p, _short(one_line(_text(body.columns[mapping[id_field]][p])), 120)
        found.append((row_number, _RANK["ident"], info("line_below_table", row=row_number, text=text)))
    totals_rows = [(body.first_row + p, body.row(p), False) for p in np.flatnonzero(totals & ~blank).tolist()]
    for p in np.flatnonzero(no_ident & ~blank & ~totals).tolist():
        row_number, row = body.first_row + p, body.row(p)
        if any(_text(row[mapping[f]]) for f in AMOUNT_FIELDS if f in mapping):
            totals_rows.append((row_number, row, True))  # a sum without a word, or a story without a code
            continue
        if "status" in mapping and _text(row[mapping["status"]]):
            problem = error("missing_code", row=row_number, column=headers[mapping[id_field]])
        else:
            text = next(t for t in (_text(c) for c in row) if t)[:60]
            problem = warning("note_row_skipped", row=row_number, text=text)
        found.append((row_number, _RANK["ident"], problem))
    skipped = blank | totals | no_ident | below
    keep = None if not skipped.any() else np.flatnonzero(~skipped)
    count = body.n if keep is None else len(keep)
    row_numbers = (np.arange(body.n, dtype=np.int64) if keep is None else keep.astype(np.int64)) + body.first_row

    def report(positions, rank: str, make) -> None:
        for p in positions:
            row_number = int(row_numbers[p])
            found.append((row_number, _RANK[rank], make(p, row_number)))

    def text_column(name: str, limit: int | None = None):
        return body.text_column(mapping[name], keep, limit) if name in mapping else Nones(count)

    out: dict[str, object] = {}
    out["code"] = text_column(id_field, None if id_field == "code" else 120)
    for name in _TEXT_FIELDS:
        out[name] = text_column(name)
    for name in AMOUNT_FIELDS:
        out[name] = _amount_column(name, body, keep, parsed, report) if name in mapping else Nones(count)
    _respend(out, parsed)
    if of_which.any():
        _hang_of_which(out, of_which if keep is None else of_which[keep], row_numbers, parsed)
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
    out["report_date"] = Nones(count)
    if "report_date" in mapping:
        index = mapping["report_date"]
        column, raws = headers[index], body.columns[index]
        out["report_date"], bad = body.apply(index, _date_of, keep, flag=_unrecognised, pick=_first)
        report(
            bad,
            "report_date",
            lambda p, r: error("bad_date", row=r, column=column, value=_text(raws[r - body.first_row])),
        )
    for name in DATE_FIELDS:
        out[name], out[f"{name}_first"], out[f"{name}_last"] = _when_column(name, body, keep, parsed, report, count)
    if "duration" in mapping:
        _from_duration(out, body, keep, parsed, row_numbers)
    _milestones(out, body, keep, parsed, report, row_numbers)
    out["source_row"] = row_numbers
    out["sort_order"] = np.arange(count, dtype=np.int64)
    found.sort(key=lambda item: (item[0], item[1]))
    parsed.problems.extend(problem for _, _, problem in found)
    return out, totals_rows


class Nones(list):
    """[None] * count for a field the export does not have: a list like any column of _records (later steps may
    fill some of its cells), told apart so that story_frame can hand a column still all None to pandas without
    pandas looking at each cell (0.15 s of the 18 empty columns of a 200,000-row history)."""

    def __init__(self, count: int) -> None:
        super().__init__([None] * count)


def story_frame(columns: dict, names: list[str]) -> pd.DataFrame:
    """pd.DataFrame(columns, columns=names), the columns still all None given as such (the same frame)."""
    given = {
        name: pd.Series(np.full(len(cells), None, dtype=object), dtype=object, copy=False)
        if type(cells) is Nones and cells.count(None) == len(cells)
        else cells
        for name, cells in columns.items()
    }
    return pd.DataFrame(given, columns=names)


def _respend(out: dict, parsed: ParsedExport) -> None:
    """Spent from what the file splits: realised plus committed where both are given; realised alone
    (a budget office's 'Realisatie') where the file has no commitments column and no spent column."""
    mapping = parsed.mapping
    if "realised" not in mapping:
        return
    if "committed" in mapping:  # a blank spent cell (or no spent column) is realised plus committed
        # an amount column is a list (None where missing) or floats (NaN where missing)
        spent, realised, committed = (np.asarray(out[f], dtype=np.float64) for f in ("spent", "realised", "committed"))
        spent = spent.copy()
        for p in np.flatnonzero(np.isnan(spent) & ~np.isnan(realised) & ~np.isnan(committed)).tolist():
            spent[p] = round(float(realised[p]) + float(committed[p]), 2)
        out["spent"] = spent
        return
    if "spent" in mapping:
        return
    out["spent"] = out["realised"].copy() if isinstance(out["realised"], np.ndarray) else list(out["realised"])
    if not any(p.key == "realised_as_spent" for p in parsed.problems):
        parsed.problems.append(info("realised_as_spent", column=parsed.headers[mapping["realised"]]))


def _status_of(cell: object) -> tuple[str, bool]:
    return normalise_status(_text(cell))


def _amount_column(name: str, body: _Body, keep, parsed: ParsedExport, report) -> list:
    """parse_amount over a column, with the warnings a cell by cell reading gives."""
    index = parsed.mapping[name]
    column = parsed.headers[index]
    locale, multiplier = parsed.locale or NL, parsed.units.get(name, 1)
    plain = _plain_amount_column(body, index, keep, locale, multiplier)
    if plain is not None:  # every text a figure in the common notation: no cell can be odd but by size
        for p in np.flatnonzero((plain < 0) | (plain > IMPLAUSIBLE_AMOUNT)).tolist():
            value = float(plain[p])
            key = "negative_amount" if value < 0 else "implausible_amount"
            report(
                [p],
                name,
                lambda p, r, v=value, k=key: warning(k, row=r, column=column, value=v, currency=parsed.currency),
            )
        return plain
    values, odd = body.apply_column(
        index, lambda cells: parse_amounts(cells, locale, multiplier), keep, flag=_odd_amount
    )
    raws = body.columns[index]
    said: dict[str, int] = {}
    for p in odd:
        value = values[p]
        if value is NOT_AN_AMOUNT and _no_value(raws[p if keep is None else keep[p]]):
            values[p] = None
            word = _text(raws[p if keep is None else keep[p]])
            said[word] = said.get(word, 0) + 1
        elif value is NOT_AN_AMOUNT:
            values[p] = None
            report(
                [p],
                name,
                lambda p, r: warning("amount_text", row=r, column=column, value=_text(raws[r - body.first_row])),
            )
        elif value < 0:
            report(
                [p],
                name,
                lambda p, r, v=value: warning(
                    "negative_amount", row=r, column=column, value=v, currency=parsed.currency
                ),
            )
        else:
            report(
                [p],
                name,
                lambda p, r, v=value: warning(
                    "implausible_amount", row=r, column=column, value=v, currency=parsed.currency
                ),
            )
    if said:
        words = ", ".join(sorted(said, key=lambda w: -said[w])[:5]) + (", ..." if len(said) > 5 else "")
        parsed.problems.append(info("no_value_words", column=column, count=sum(said.values()), words=words))
    return values


def _plain_amount_column(body: _Body, index: int, keep, locale: str, multiplier: int) -> np.ndarray | None:
    """parse_amounts of a column's cells (those at keep) as floats (NaN where blank), when every
    distinct text is a figure in the common notation (`amounts.parse_plain_texts`); else None.

    The same figures as the cell-by-cell path, without a Python object per cell: an export of plain
    figures (a history of 200,000 rows) is read in one vectorised pass."""
    found = body.distinct(index)
    if not found.text_only or len(found.values) - 1 < _PLAIN_AT_LEAST:
        return None
    # The last value stands for the blank cells (None); a text with anything around its figure is
    # no plain text, and the column goes the cell-by-cell way.
    figures = parse_plain_texts(found.values[:-1], locale, multiplier)
    if figures is None:
        return None
    numbers = np.append(figures, np.nan)
    return numbers[found.codes if keep is None else found.codes[keep]]


_PLAIN_AT_LEAST = 1000  # fewer distinct texts are read as quickly one by one


# Words that say a cell has no value (not zero): 'n.v.t.', 'pm', 'Not Applicable', 'Exempt under Section 43'.
NO_VALUE_WORDS = {
    "na",
    "n a",
    "nvt",
    "n v t",
    "not applicable",
    "pm",
    "p m",
    "nb",
    "n b",
    "tbd",
    "tbc",
    "tba",
    "ntb",
    "n t b",
    "nader te bepalen",
    "onbekend",
    "unknown",
    "not available",
    "niet beschikbaar",
    "redacted",
    "withheld",
    "none",
}
NO_VALUE_PREFIXES = ("exempt", "vrijgesteld", "not disclosed", "niet openbaar")


def _no_value(cell: object) -> bool:
    text = _text(cell)
    if text is None:
        return False
    words = " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())
    return words in NO_VALUE_WORDS or words.startswith(NO_VALUE_PREFIXES)


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


def _when_column(name: str, body: _Body, keep, parsed: ParsedExport, report, count: int) -> tuple[list, list, list]:
    """(text, first day, last day) of a date column's cells (portfolio.when): a day, a period kept as a
    period, or text that names no date, kept as written with no days and warned about."""
    if name not in parsed.mapping:
        return Nones(count), Nones(count), Nones(count)
    index = parsed.mapping[name]
    column = parsed.headers[index]
    # each part taken from the distinct values' readings (worked out once) and spread over the rows: three
    # comprehensions over 200,000 readings took 0.3 s of a history's parse
    (texts, firsts, lasts), odd = body.apply_picks(
        index,
        parse_when,
        keep,
        (lambda w: w.text if w else None, lambda w: w.first if w else None, lambda w: w.last if w else None),
        flag=_not_a_date,
    )
    report(odd, name, lambda p, r: warning("date_text", row=r, column=column, value=texts[p]))
    return texts, firsts, lasts


def _from_duration(out: dict, body: _Body, keep, parsed: ParsedExport, row_numbers) -> None:
    """A duration column ('Doorlooptijd', 'Looptijd', 'Periode' holding ranges): a range of two dates gives the
    start and the planned end a story has no cell for (each end at its own precision: '2024 - 2026' runs from
    the year 2024 to the year 2026). A length only ('18 maanden') and other text are kept as written (the
    column's text) and said, naming the rows: never turned into dates."""
    index = parsed.mapping["duration"]
    column = parsed.headers[index]
    ranges = body.apply(index, parse_range, keep)
    texts = body.apply(index, _text, keep)
    lengths, others = [], []
    for p, (found, text) in enumerate(zip(ranges, texts, strict=True)):
        if found is None:
            if text is not None and not _no_value(text):
                (lengths if is_length(text) else others).append(p)
            continue
        for name, when in (("start_date", found[0]), ("planned_end", found[1])):
            if out[name][p] is None:
                out[name][p], out[f"{name}_first"][p], out[f"{name}_last"][p] = when.text, when.first, when.last
    for key, positions in (("duration_length", lengths), ("duration_text", others)):
        if positions:
            rows = [int(row_numbers[p]) for p in positions]
            shown = ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")
            example = texts[positions[0]]
            problem = info if key == "duration_length" else warning
            parsed.problems.append(problem(key, column=column, rows=shown, count=len(rows), value=example))


def _milestones(out: dict, body: _Body, keep, parsed: ParsedExport, report, row_numbers) -> None:
    """The milestones of each story (portfolio/milestones.py), kept by the row they come from until the rows
    are written (parsed.milestones); a date that names no date or period is kept as written and said."""
    taken = set(parsed.mapping.values())
    passed: list[tuple[int, int]] = []
    slots = find_slots(parsed.headers, lambda c: [t for t in map(_text, body.columns[c][:200]) if t], taken, passed)
    for index, kept in passed:  # a guess said out loud: which column was read, which was not
        parsed.problems.append(
            warning("milestone_column_passed_over", column=parsed.headers[index], kept=parsed.headers[kept])
        )
    if not slots:
        return
    read: dict[int, list] = {}
    for slot in slots:
        for role in ("planned", "actual"):
            index = getattr(slot, role)
            if index is not None and index not in read:
                column = parsed.headers[index]
                whens, odd = body.apply(index, parse_when, keep, flag=_not_a_date)
                report(
                    odd,
                    "milestones",
                    lambda p, r, c=column, w=whens: warning("date_text", row=r, column=c, value=w[p].text),
                )
                read[index] = whens
        if slot.name is not None and slot.name not in read:
            read[slot.name] = body.apply(slot.name, _text, keep)
    found = []
    for p in range(len(row_numbers)):
        for position, slot in enumerate(slots, start=1):
            name = read[slot.name][p] if slot.name is not None else None
            planned = read[slot.planned][p] if slot.planned is not None else None
            actual = read[slot.actual][p] if slot.actual is not None else None
            if name is None and planned is None and actual is None:
                continue
            column = parsed.headers[slot.name if slot.name is not None else slot.first]
            found.append((int(row_numbers[p]), Milestone(position, column, name, planned, actual)))
    parsed.milestones = found


def _not_a_date(when) -> bool:
    return when is not None and not when.understood


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
    frame = frame.copy(deep=False)  # the two key columns are replaced below, the rest is shared
    frame["programme"] = frame["programme"].fillna(programme) if programme else frame["programme"]
    if report_date is not None:
        frame["report_date"] = frame["report_date"].where(frame["report_date"].notna(), report_date)
    missing = []
    first_rows = []
    for name, word, flag in (
        ("programme", "missing_programme_word", "--programme"),
        ("report_date", "missing_date_word", "--report-date"),
    ):
        if frame[name].isna().any():
            missing.append((word, flag))
            if name in parsed.mapping:
                first_rows.append(int(frame.loc[frame[name].isna(), "source_row"].iloc[0]))
    if missing:
        parsed.problems.append(
            error(
                "missing_inputs",
                row=min(first_rows) if first_rows else None,
                what=[word for word, _ in missing],
                flags=[flag for _, flag in missing],
                found=_offers(parsed, [word for word, _ in missing]),
            )
        )
        return []
    # One report per programme + date, in sorted order, each with its rows in file order: what
    # iterating a sorted groupby gives, with one reordering of all rows instead of one per group.
    group = _sorted_groups(frame["programme"], frame["report_date"])
    order = np.argsort(group, kind="stable")
    ends = np.cumsum(np.bincount(group)).tolist()
    stories_all = frame[STORY_COLUMNS]
    if np.any(group[1:] < group[:-1]):  # not yet in report order (a history is often written so)
        stories_all = stories_all.take(order)
    keys = frame[["programme", "report_date"]].take(order[[end - 1 for end in ends]])
    batch = ReportBatch(stories_all, ends)  # each report's own DataFrame is built only when asked for
    return [
        ReportDraft(str(name), date, batch=batch, position=k)
        for k, (name, date) in enumerate(keys.itertuples(index=False))
    ]


def _sorted_groups(*keys: pd.Series) -> np.ndarray:
    """Per row, the number of its group of equal keys, groups numbered in the sorted order of the
    keys: what DataFrame.groupby(keys, sort=True).ngroup() gives for keys without missing values,
    from one factorize per column (the distinct values sorted, not the rows)."""
    group = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(key, sort=True)
        group = group * len(uniques) + codes
    return pd.factorize(group, sort=True)[0]


def _offers(parsed: ParsedExport, missing: list[str]) -> list[tuple[str, str]]:
    """What the file's name or title row says that could be the missing programme or report date."""
    offers = []
    if "missing_date_word" in missing:
        name = parsed.filename
        match = re.search(r"(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)", name) or re.search(
            r"(?<!\d)(\d{2})[-_.](\d{2})[-_.](\d{4})", name
        )
        if match:
            a, b, c = match.groups()
            year, month, day = (a, b, c) if len(a) == 4 else (c, b, a)
            try:
                offers.append(("found_in_name", dt.date(int(year), int(month), int(day)).isoformat()))
            except ValueError:
                pass
    if "missing_programme_word" in missing and parsed.title:
        offers.append(("found_in_title", parsed.title[:80]))
    return offers


def _check_parents(report: ReportDraft, parsed: ParsedExport) -> None:
    """Children whose parent is not a story of the same report, or is the story itself. For a report
    split from a whole export, all its reports are checked at once (on the first one asked for)."""
    batch = report._batch
    if batch is None:
        found = _parent_problems(report.stories, [len(report.stories)], parsed)[0]
    else:
        if batch.parent_problems is None:
            batch.parent_problems = _parent_problems(batch.frame, batch.ends, parsed)
        found = batch.parent_problems[report._position]
    parsed.problems.extend(found)


def _parent_problems(stories: pd.DataFrame, ends: list[int], parsed: ParsedExport) -> list[list[Problem]]:
    """Per report (stories one report after another, report k's ending before ends[k]): its problems
    with parents, in row order."""
    out: list[list[Problem]] = [[] for _ in ends]
    has_parent = stories["parent_code"].notna().to_numpy()
    if not has_parent.any():
        return out
    report_of = np.repeat(np.arange(len(ends)), np.diff(np.array([0, *ends], dtype=np.int64)))
    codes = set(zip(report_of.tolist(), stories["code"].tolist()))
    at = np.flatnonzero(has_parent)
    children = stories.iloc[at]
    rows = zip(report_of[at].tolist(), *(children[c].tolist() for c in ("code", "parent_code", "source_row")))
    for k, code, parent, row in rows:
        if (k, parent) not in codes:
            out[k].append(
                warning(
                    "unknown_parent",
                    row=int(row),
                    column=parsed.headers[parsed.mapping["parent_code"]],
                    code=code,
                    parent=parent,
                )
            )
        elif parent == code:
            out[k].append(error("self_parent", row=int(row), code=code))
    return out


def _tolerance(stated: float, multiplier: int) -> float:
    """How far a stated total may lie from the sum: the rounding of one figure in the column's unit
    (half a unit; a cent in full units), or a hundredth of a percent of large totals."""
    return max(0.5 * multiplier if multiplier > 1 else 0.01, 0.0001 * abs(stated))


class _Block:
    """Running sums of the counted stories of a block (_subtotals_by_value): per amount, the sum and whether
    a story lacked it; how many stories, the first and the last."""

    def __init__(self, fields: list[str]):
        self.sums = dict.fromkeys(fields, 0.0)
        self.missing = dict.fromkeys(fields, False)
        self.count, self.first, self.end = 0, -1, -1

    def add(self, values: dict, p: int) -> None:
        for f in self.sums:
            if np.isnan(values[f][p]):
                self.missing[f] = True
            else:
                self.sums[f] += values[f][p]
        self.count += 1
        self.first = p if self.first < 0 else self.first
        self.end = p

    def copy(self) -> _Block:
        other = _Block(list(self.sums))
        other.sums, other.missing = dict(self.sums), dict(self.missing)
        other.count, other.first, other.end = self.count, self.first, self.end
        return other

    def adds_up(self, values: dict, p: int, given: list[str]) -> bool:
        return all(not self.missing[f] and abs(self.sums[f] - values[f][p]) < 0.005 for f in given)  # to the cent


def _counted_between(counted: np.ndarray, taken: set[int], first: int, end: int) -> int:
    """How many counted stories lie from first to end, the subtotals taken left out."""
    return sum(1 for q in range(first, end + 1) if counted[q] and q not in taken)


def _subtotals_by_value(frame: pd.DataFrame, parsed: ParsedExport) -> pd.DataFrame:
    """Rows named like stories whose amounts add up the stories right above them: subtotals, kept out.

    An export without a code column may write a line's subtotal as a row with a title ('Lijn A') and no
    totals word; read as a story, its money counts twice. A subtotal gives amounts (budget, spent, forecast; at
    least one not zero) each the sum of the same amount of the stories since the previous subtotal, each of
    which gives it too. Only stories that count in totals take part (a parent written after its sub-items is
    a story). Values alone can read a file more than one way (two projects of the same amounts: the second a
    subtotal of the first?), so the reading is chosen per report (_complete_reading): one in which the last row
    with money closes the report (a subtotal, or a total of every story right after one), with at least one
    subtotal of two or more stories, and the fewest subtotals of one story. A report that no reading closes
    (a line without a subtotal at its end) keeps only subtotals of two or more stories that the next row does
    not add up with them (_open_reading). Said per row (subtotal_by_value), naming the rows it adds up."""
    fields = [f for f in ("budget", "spent", "forecast") if f in parsed.mapping]
    if "code" in parsed.mapping or not fields or len(frame) < 3:
        return frame
    counted = (frame["parent_code"].isna() & frame["in_totals"].astype(bool)).to_numpy()
    values = {f: np.array([np.nan if v is None else v for v in frame[f].tolist()], dtype=float) for f in fields}
    keys = list(zip(frame["programme"].tolist(), frame["report_date"].tolist(), strict=True))
    given_at = [[f for f in fields if not np.isnan(values[f][p])] for p in range(len(frame))]
    money = [bool(counted[p] and given and any(values[f][p] for f in given)) for p, given in enumerate(given_at)]
    found: list[tuple[int, list[int]]] = []
    start = 0
    for p in range(1, len(frame) + 1):
        if p == len(frame) or keys[p] != keys[start]:
            report = _Report(start, p, fields, values, counted, money, given_at)
            found += report.complete_reading() or report.open_reading()
            start = p
    rows = frame["source_row"].to_numpy()
    taken = {p for p, _ in found}
    for p, (first, end, count) in ((p, (b[0], b[1], _counted_between(counted, taken, b[0], b[1]))) for p, b in found):
        parsed.problems.append(
            warning(
                "subtotal_by_value",
                row=int(rows[p]),
                title=str(frame["title"].iloc[p] or frame["code"].iloc[p]),
                first=int(rows[first]),
                last=int(rows[end]),
                count=count,
            )
        )
    dropped = [p for p, _ in found]
    return frame.drop(index=frame.index[dropped]).reset_index(drop=True) if dropped else frame


class _Report:
    """The rows start..end - 1 of one report, for _subtotals_by_value: per amount its cents (0 where missing),
    and running sums over the counted rows (cents, missing amounts, rows), position i holding the rows before
    start + i."""

    CANDIDATES = 64  # earlier subtotals looked at per row with the same sums: bounds a file of many repeats

    def __init__(self, start, end, fields, values, counted, money, given_at):
        self.start, self.end, self.fields = start, end, fields
        self.counted, self.money, self.given_at, self.values = counted, money, given_at, values
        part = slice(start, end)
        taken = counted[part].astype(np.int64)
        self.cents = {
            f: np.where(np.isnan(values[f][part]), 0, np.round(values[f][part] * 100)).astype(np.int64) for f in fields
        }
        self.sums = {f: np.concatenate([[0], np.cumsum(self.cents[f] * taken)]) for f in fields}
        self.lacking = {
            f: np.concatenate([[0], np.cumsum(np.isnan(values[f][part]).astype(np.int64) * taken)]) for f in fields
        }
        self.rows = np.concatenate([[0], np.cumsum(taken)])

    def _key(self, i: int, given: tuple, minus: int | None = None) -> tuple:
        """The running sums at position i of the amounts given (less row minus's own, where named)."""
        if minus is None:
            return tuple((int(self.sums[f][i]), int(self.lacking[f][i])) for f in given)
        return tuple((int(self.sums[f][i] - self.cents[f][minus]), int(self.lacking[f][i])) for f in given)

    def complete_reading(self) -> list[tuple[int, list[int]]]:
        """The subtotals of the reading that closes the report (see _subtotals_by_value); [] when none does.
        One pass: a row closes the block after an earlier subtotal q (or the report's start) when the running
        sums before it, less its own amounts, are those after q: found by looking those up."""
        n = self.end - self.start
        subsets = {tuple(f for f in self.fields if f in g) for g in map(tuple, self.given_at[self.start : self.end])}
        index: dict[tuple, dict[tuple, list[int]]] = {given: {} for given in subsets if given}
        best: dict[int, tuple] = {-1: ((0, 0), None)}  # subtotal (relative; -1 the start) -> (cost, previous)
        for given, table in index.items():
            table.setdefault(self._key(0, given), []).append(-1)
        last_money = -1
        for j in range(n):
            p = self.start + j
            if not self.money[p]:
                continue
            last_money = j
            given = tuple(self.given_at[p])
            chosen = None
            for q in reversed(index[given].get(self._key(j, given, minus=j), [])[-self.CANDIDATES :]):
                stories = int(self.rows[j] - self.rows[q + 1])
                if stories < 1:
                    continue
                cost = best[q][0]
                cost = (cost[0] + (stories == 1), cost[1] - (stories >= 2))
                if chosen is None or cost < chosen[0]:
                    chosen = (cost, q)
            if chosen is not None:
                best[j] = chosen
                for other, table in index.items():
                    table.setdefault(self._key(j + 1, other), []).append(j)
        if last_money < 0:
            return []
        endings = []
        if last_money in best:
            endings.append((best[last_money][0], last_money, None))
        p = self.start + last_money
        before = max((q for q in best if 0 <= q < last_money), default=None)
        if before is not None and self.rows[last_money] == self.rows[before + 1]:  # a total right after it
            given = tuple(self.given_at[p])
            if (
                all(
                    self.lacking[f][before + 1] == 0 and self.sums[f][before + 1] == 2 * self.cents[f][last_money]
                    for f in given
                )
                and self.rows[before + 1] - len(self._chain(best, before)) >= 2
            ):
                cost = best[before][0]
                endings.append(((cost[0], cost[1] - 1), before, last_money))
        endings = [e for e in endings if e[0][1] <= -1]  # at least one subtotal of two or more stories
        if not endings:
            return []
        _, closing, total = min(endings)
        found, previous = [], -1
        for j in self._chain(best, closing):
            found.append((self.start + j, self._block(previous + 1, j)))
            previous = j
        if total is not None:
            found.append((self.start + total, self._block(0, total)))
        return found

    @staticmethod
    def _chain(best: dict, j: int) -> list[int]:
        """The subtotals of the reading that ends with subtotal j, in order."""
        chain = []
        while j is not None and j >= 0:
            chain.append(j)
            j = best[j][1]
        return chain[::-1]

    def _block(self, first: int, end: int) -> list[int]:
        """The first and last counted row from relative position first to before end (absolute)."""
        inside = [self.start + i for i in range(first, end) if self.counted[self.start + i]]
        return [inside[0], inside[-1]]

    def open_reading(self) -> list[tuple[int, list[int]]]:
        """The subtotals where no reading closes the report: a row adding up the two or more stories since the
        previous one, which the next row with money does not add up together with them."""
        found: list[tuple[int, list[int]]] = []
        last = _Block(self.fields)
        following = -1
        after = [-1] * (self.end - self.start)
        for j in range(self.end - self.start - 1, -1, -1):
            after[j] = following
            if self.money[self.start + j]:
                following = self.start + j
        for j in range(self.end - self.start):
            p = self.start + j
            if self.money[p]:
                given, next_money = self.given_at[p], after[j]
                match = last.count >= 2 and last.adds_up(self.values, p, given)
                if match and next_money >= 0:
                    with_it = last.copy()
                    with_it.add(self.values, p)
                    match = not with_it.adds_up(self.values, next_money, self.given_at[next_money])
                if match:
                    found.append((p, [last.first, last.end]))
                    last = _Block(self.fields)
                    continue
            if self.counted[p]:
                last.add(self.values, p)
        return found


def _check_totals_rows(totals_rows, frame: pd.DataFrame, parsed: ParsedExport) -> None:
    """Totals rows are never stories; each is checked against the stories it adds up.

    A totals row adds up the stories since the previous totals row (a subtotal), or all stories so
    far (a grand total), counting either the stories that count in totals (top level, not outside
    the totals) or every row. A row with a totals word that matches none of these is named with
    the nearest sum; a row without any word or code whose amounts match none is a story without a
    code, and refused as before.
    """
    if not totals_rows:
        return
    fields = [f for f in ("budget", "spent", "forecast") if f in parsed.mapping]
    rows_at = frame["source_row"].to_numpy()
    counted = (frame["parent_code"].isna() & frame["in_totals"].astype(bool)).to_numpy()
    cumulative = {}
    for name in fields:
        values = np.array([np.nan if v is None else v for v in frame[name].tolist()], dtype=float)
        for label, mask in (("counted", counted), ("all", np.ones(len(values), dtype=bool))):
            present = ~np.isnan(values) & mask
            cumulative[name, label] = (
                np.concatenate([[0.0], np.cumsum(np.where(present, values, 0.0))]),
                np.concatenate([[0], np.cumsum(present)]),
            )
    checked = 0
    last_total = 0
    id_column = parsed.headers[parsed.mapping.get("code", parsed.mapping.get("title"))]
    for row_number, row, wordless in sorted(totals_rows, key=lambda item: item[0]):
        position = int(np.searchsorted(rows_at, row_number))
        stated = {}
        for name in fields:
            try:
                value = parse_amount(row[parsed.mapping[name]], parsed.locale or NL, parsed.units.get(name, 1))
            except NotAnAmount:
                value = None
            if value is not None:
                stated[name] = value
        spans = [start for start in dict.fromkeys((last_total, 0)) if start < position]
        best = None
        for start in spans:
            for label in ("counted", "all"):
                sums = {}
                for name in stated:
                    total, present = cumulative[name, label]
                    if present[position] - present[start]:
                        sums[name] = round(float(total[position] - total[start]), 2)
                off = [n for n in sums if abs(stated[n] - sums[n]) > _tolerance(stated[n], parsed.units.get(n, 1))]
                if sums and not off:
                    best = ("match", start, sums)
                    break
                if best is None or (best[0] != "match" and len(off) < len(best[3])):
                    best = ("near", start, sums, off)
            if best is not None and best[0] == "match":
                break
        if best is not None and best[0] == "match":
            checked += 1
            last_total = position
            continue
        if wordless:
            parsed.problems.append(error("missing_code", row=row_number, column=id_column))
            continue
        checked += 1
        last_total = position
        if best is None or not stated:
            continue  # a totals row without amounts, or with no stories above it
        _, _, sums, off = best
        for name in off:
            column = parsed.headers[parsed.mapping[name]]
            story_row = int(rows_at[position - 1])  # the stories above it: its report is theirs
            parsed.disagreements.append(
                TotalDisagreement(row_number, name, column, float(stated[name]), float(sums[name]), story_row)
            )
            parsed.problems.append(
                warning(
                    "totals_mismatch",
                    row=row_number,
                    column=column,
                    stated=stated[name],
                    computed=sums[name],
                    currency=parsed.currency,
                )
            )
    if checked:
        parsed.problems.append(info("totals_checked", count=checked))


_YEAR_PERIOD = re.compile(r"(?:fy|bj|boekjaar|jaar|year)?\s*((?:19|20)\d\d)(?:\s*[/-]\s*(\d\d|(?:19|20)\d\d))?", re.I)


def _year_end(text: str) -> dt.date | None:
    """The last day of a year a period names: '2015' -> 31-12-2015; '2023/24' (a financial year across
    two calendar years) -> 31-03-2024; None for anything else ('Jaarplan 2017', 'Q3 2024')."""
    match = _YEAR_PERIOD.fullmatch(text.strip())
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    if second is None:
        return dt.date(first, 12, 31)
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return dt.date(last, 3, 31) if last == first + 1 else None


def _stacked_periods(frame: pd.DataFrame, parsed: ParsedExport, period: str | None, date_given: bool) -> pd.DataFrame:
    """A 'Jaar' / 'Boekjaar' / 'FY' column whose years repeat the same stories is several reports in one
    file: never added up. With `period` only that year's rows are read; else, without a report date
    given, each year becomes its own report dated at the year's end (said); with one report date given
    for all of them the file is refused, naming the years and how to go on."""
    if "period" not in parsed.mapping:
        return frame
    texts = frame["period"]
    if period is not None:
        keep = texts.fillna("").str.strip().str.casefold() == str(period).strip().casefold()
        if not keep.any():
            shown = ", ".join(sorted({str(t) for t in texts.dropna().unique()})[:12])
            parsed.problems.append(error("unknown_period", period=str(period), periods=shown))
            return frame.iloc[0:0]
        parsed.problems.append(info("chosen_period", period=str(period), rows=int(keep.sum())))
        frame = frame[keep.to_numpy()].copy()
        end = _year_end(str(period))
        if not date_given and end is not None and frame["report_date"].isna().all():
            frame["report_date"] = end  # dated at the year's end, as each year of a split is (said below)
            column = parsed.headers[parsed.mapping["period"]]
            parsed.problems.append(warning("periods_split", header=column, periods=str(period), count=1))
        return frame
    distinct = [t for t in texts.dropna().unique() if str(t).strip()]
    if len(distinct) < 2:
        return frame
    ends = {t: _year_end(str(t)) for t in distinct}
    if any(end is None for end in ends.values()):
        return frame  # 'Jaarplan 2017', 'Q3': a story's period, not one report per year
    spread = frame.dropna(subset=["period"]).groupby("code", dropna=True)["period"].nunique()
    if not (spread > 1).any():
        return frame  # each story in one year: the years say when a story runs, not which report it is
    column = parsed.headers[parsed.mapping["period"]]
    years = ", ".join(sorted(map(str, distinct)))
    if date_given or frame["report_date"].notna().any():
        if (
            frame["report_date"].notna().all()
            and not (frame.groupby("report_date")["period"].nunique(dropna=True) > 1).any()
        ):
            return frame  # a report date per row that already keeps the years apart
        parsed.problems.append(
            error(
                "several_periods",
                header=column,
                periods=years,
                count=len(distinct),
                example=str(sorted(map(str, distinct))[-1]),
            )
        )
        return frame
    frame = frame.copy()
    frame["report_date"] = frame["period"].map(lambda t: ends.get(t))
    parsed.problems.append(warning("periods_split", header=column, periods=years, count=len(distinct)))
    return frame


def _is_of_which(text: str | None) -> bool:
    """'waarvan ICT', 'w.v. licenties', '- hiervan extern', 'Of which: staff': a part of the line above."""
    return bool(text) and _OF_WHICH_START.match(text.lower()) is not None


# After any dashes, bullets or spaces: a word of [of_which] that ends in '.' or ':' followed by anything, any
# other followed by the end, a space or ':' (one expression: a test per word took 0.13 s of a history's parse).
_OF_WHICH_START = re.compile(
    r"[\s\-–—•*>·]*(?:"
    + "|".join(
        re.escape(m) if m.endswith((".", ":")) else re.escape(m) + r"(?:\Z| |:)"
        for m in sorted(OF_WHICH, key=len, reverse=True)
    )
    + ")"
)


def _of_which_rows(body: _Body, parsed: ParsedExport) -> np.ndarray:
    """Per row: whether its title (or, without a title, its number) starts as a breakdown of the line above."""
    found = np.zeros(body.n, dtype=bool)
    for name in ("title", "code"):
        if name in parsed.mapping:
            # once per distinct value: a history of 200,000 rows repeats its titles
            found |= body.kinds(parsed.mapping[name], lambda cell: _is_of_which(_text(cell))).astype(bool)
    return found


def _hang_of_which(out: dict, of_which: np.ndarray, row_numbers, parsed: ParsedExport) -> None:
    """Each 'of which' line becomes a sub-item of the story above it (its parent), so it is kept and shown
    but never added to the totals a second time; one without a number of its own gets '<parent>.w1', ..."""
    codes, parents = list(out["code"]), list(out["parent_code"])
    parent, count, hung, orphans = None, 0, [], []
    for p, is_part in enumerate(of_which.tolist()):
        if not is_part:
            parent, count = codes[p], 0
            continue
        if parent is None:
            orphans.append(int(row_numbers[p]))
            continue
        count += 1
        if codes[p] is None or codes[p] != codes[p] or codes[p] == out["title"][p]:  # None, NaN or the title
            codes[p] = f"{parent}.w{count}"
        parents[p] = parent
        hung.append(int(row_numbers[p]))
    out["code"], out["parent_code"] = codes, parents
    if hung:
        shown = ", ".join(map(str, hung[:10])) + (" …" if len(hung) > 10 else "")
        parsed.problems.append(info("of_which_rows", count=len(hung), rows=shown))
    for row in orphans:
        parsed.problems.append(error("of_which_without_parent", row=row))


NOTE_LINES_SCANNED = 200  # lines from the bottom up in which a source or footnote under the table is looked for


def is_note_below(text: str | None) -> bool:
    """'Bron: financiële administratie', 'Source: ...', 'N.B. ...', '* excl. btw': how a source or footnote line
    begins (vocabulary.toml [notes_below]): a word and a colon, a word ending in '.', or a footnote marker."""
    if not text:
        return False
    low = text.strip().lower()
    if low.startswith(NOTE_BELOW_MARKERS):
        return True
    return any(
        low.startswith(word) and (word.endswith(".") or low[len(word) :].lstrip().startswith(":"))
        for word in NOTE_BELOW_WORDS
    )


def _notes_below(body: _Body, ident: int, blank: np.ndarray) -> np.ndarray:
    """Per row: whether it is a source or footnote line under the table. From the bottom up, the lines whose
    only text stands in the identifier column (no amount, light or other field; blank lines between them) run
    up to the first line that holds more; of that run, the first line that begins as a source or footnote
    (is_note_below) and every line below it are notes. A title without amounts above them, or anywhere among
    the stories, stays a story."""
    found = np.zeros(body.n, dtype=bool)
    run = []
    for p in range(body.n - 1, max(body.n - NOTE_LINES_SCANNED, 0) - 1, -1):
        if blank[p]:
            continue
        row = body.row(p)
        if _text(row[ident]) is None or any(_has_text(c) for i, c in enumerate(row) if i != ident):
            break
        run.append(p)
    starts = [p for p in run if is_note_below(_text(body.columns[ident][p]))]
    if starts:
        found[[p for p in run if p >= min(starts)]] = True
    return found
