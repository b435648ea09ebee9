"""The fast loading paths give exactly what reading every cell on its own gives.

Loading works column by column: every distinct value is read once, CSV text is split by pandas' C
parser, amounts in common notations skip the general parser, and all reports of an export are written
with a few statements. Each of those is checked here against the plain way: parse_amount per cell,
the csv module, a row-by-row reading of the grid (the way ingest worked before; written out below as
the reference), and the one-report statements commit once ran (written out below too, and compared by
what the tables say, not by the ids the sequences gave).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from portfolio import amounts, db, ingest, reading
from portfolio.amounts import EN, NL, NOT_AN_AMOUNT, NotAnAmount, parse_amount, parse_amounts
from portfolio.currencies import cell_currency
from portfolio.ingest import checks, records
from portfolio.ingest.cells import _Body, _has_text, _pad, _parse_date, _text, is_totals_phrase
from portfolio.ingest.checks import (
    SAMPLE_ROWS,
    _check_formulas,
    _check_ragged,
    _check_units,
    _say_choices,
    _unit_column,
)
from portfolio.ingest.columns import (
    _apply_format_units,
    _say_currency,
    _say_passed_over,
    _say_what_tells_them_apart,
)
from portfolio.ingest.formats import column_formats, currencies_of, scales_of
from portfolio.ingest.header import _apply_profile, _find_header, _metadata, header_groups, unit_row
from portfolio.ingest.model import _safe_name
from portfolio.ingest.records import (
    _check_totals_rows,
    _necessity_of,
    _no_value,
    _respend,
    _split_reports,
    _stacked_periods,
    _without_duplicates,
    _yes_no_of,
)
from portfolio.mapping import AMOUNT_FIELDS, DATE_FIELDS, combine_header, detect_columns, one_line
from portfolio.problems import LoadRefused, error, info, warning
from portfolio.status import normalise_status
from portfolio.when import parse_when
from tests.conftest import CORPUS
from tests.exports import DUTCH_CSV_ROWS, dutch_csv

# The narrative columns a story may carry (Aanpak, Beoogd resultaat, Volgende stap, Risico, Maatregel), read
# as text like the status note (issue 23)
NARRATIVE = ("approach", "intended_result", "next_step", "risk", "risk_measure")

# --- amounts -------------------------------------------------------------------------------------------

TRICKY_AMOUNTS = [
    "€ 2.500,00",
    "€250k",
    "2,5",
    "(1.200)",
    "0€k",
    "100€k",
    "€2,5 k",
    "€ 31k",
    "1.000",
    "18500.00",
    "1,234.5",
    "£2.61",
    "-/- 750",
    "1.200,-",
    "n.v.t.",
    "pm",
    "TBD",
    "1.2.3,4,5",
    "",
    " ",
    "-",
    "–",
    "—",
    "0",
    "007",
    "€ 0,50",
    "€0,5",
    "€  12",
    "12 €",
    "EUR 12",
    "12,-",
    "1.234.567,89",
    "1,234,567.89",
    "$1,250.50",
    "$ 3",
    "1.2345",
    "12345678,5",
    "1234,5678",
    "-12",
    "+12",
    "−12",
    "(€ 1.000,00)",
    "1e5",
    "٣",
    "½",
    "1 000",
    "1'000",
    "\u00a01.000",
    "1.000\n",
    "12,",
    ",5",
    ".5",
    "1,5 mln",
    "2 mrd",
    "3 M",
    "3 m",
    "3 bn",
    "x",
    "99999999999999",
    "100000000000",
    "100000000001",
    "1.000.000.000.000",
    "EUR",
    "€",
    "0,001",
    "0.001",
    "1.000,5",
    "1,000.5",
    "1.00",
    "1,00",
    "12.34.56",
    "3,000",
    "3.000",
    "9.999.999.999.999,99",
    "99999999999999,99",
    "€ 70.368.744.177.663,99",
    "123456789012345678901234567890",
    "0,5",
    "00,50",
    "1.000.00",
    "€1.000",
    "€ 1.00",
    "£ 1,000",
    "$1.000,00",
    "1.000 CHF",
    "CHF 1'250.50",
    "US$ 1,250.50",
    "SEK 2 500",
    "2.000 kr",
    "C$ 300",
    "nok 12",
    "1.000 euro",
]
NON_TEXT = [2.5, 0, 0.0, -0.0, -3.0, 1e12, 1e300, float("inf"), float("nan"), True, False, 7, -7, 10**20, None,
            dt.datetime(2025, 1, 31), dt.date(2024, 3, 1)]  # fmt: skip


def one_by_one(cells, locale, multiplier):
    out = []
    for cell in cells:
        try:
            out.append(parse_amount(cell, locale, multiplier))
        except NotAnAmount:
            out.append(NOT_AN_AMOUNT)
    return out


def same(a, b) -> bool:
    """Equal, and of one type; floats also in the sign of zero, NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return a == b


def plain_numbers(count: int, seed: int) -> list[str]:
    """Numbers as exports write them, grouped or not, up to 30 digits, 0-8 decimals, with signs."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        whole = rng.choice([rng.randint(0, 999), rng.randint(0, 10**7), rng.randint(0, 10**13), rng.randint(0, 10**30)])
        fraction = "".join(rng.choice("0123456789") for _ in range(rng.choice([0, 0, 1, 2, 2, 3, 8])))
        grouped = f"{whole:,}"
        for group, decimal in ((".", ","), (",", ".")):
            number = rng.choice([grouped.replace(",", group), str(whole)]) + (decimal + fraction if fraction else "")
            out.append(rng.choice(["", "€ ", "€", "$", "£ ", "€  "]) + number)
    return out


@pytest.mark.parametrize("locale", [NL, EN, "de"])
@pytest.mark.parametrize("multiplier", [1, 1000, 1_000_000])
def test_a_column_of_amounts_reads_as_every_cell_on_its_own(locale, multiplier):
    texts = TRICKY_AMOUNTS * 2 + [f"{t}\n" for t in TRICKY_AMOUNTS] + plain_numbers(3000, seed=multiplier)
    assert len(set(texts)) > amounts._MANY  # many distinct texts: the common notations go through Arrow
    for cells in (texts + [None], TRICKY_AMOUNTS + [None], texts + NON_TEXT * 2):  # text only, few, mixed
        got = parse_amounts(cells, locale, multiplier)
        expected = one_by_one(cells, locale, multiplier)
        assert [c for c, g, e in zip(cells, got, expected) if not same(g, e)] == []


@pytest.mark.parametrize("locale", [NL, EN])
@pytest.mark.parametrize("multiplier", [1, 1000, 1_000_000])
def test_a_column_of_plain_figures_reads_as_floats_the_same_as_every_cell_on_its_own(locale, multiplier):
    rng = random.Random(multiplier)
    pattern = re.compile(amounts._PLAIN_RE2[locale])
    texts = [t for t in plain_numbers(3000, seed=multiplier) if pattern.fullmatch(t)] + ["", "  "]
    rng.shuffle(texts)
    got = amounts.parse_plain_texts(texts, locale, multiplier)
    assert got is not None and got.dtype == np.float64 and len(got) == len(texts)
    expected = one_by_one(texts, locale, multiplier)
    assert [t for t, g, e in zip(texts, got.tolist(), expected) if not same(None if math.isnan(g) else g, e)] == []
    # one text that is not a plain figure (or a blank) sends the whole column the cell-by-cell way
    for odd in ("n.v.t.", "-500", "(1.200)", "€ 2,5 mln", " 12 ", "12k"):
        assert amounts.parse_plain_texts([*texts, odd], locale, multiplier) is None


def test_an_export_of_many_plain_figures_loads_the_figures_each_cell_says(monkeypatch):
    rng = random.Random(7)
    rows = []
    for k in range(2500):
        budget = rng.choice([str(rng.randint(0, 10**9)), f"{rng.randint(0, 10**6):,}".replace(",", "."), ""])
        spent = rng.choice([f"{rng.randint(0, 10**6)},{rng.randint(0, 99):02d}", "", f"€ {rng.randint(0, 10**5)}"])
        forecast = rng.choice([str(rng.randint(10**11, 10**12)), str(rng.randint(0, 10**7))])  # some implausible
        rows.append([f"S{k}", f"Story {k}", budget, spent, forecast])
    text = "Nr;Omschrijving;Budget (€ k);Besteed;Prognose\n" + "\n".join(";".join(r) for r in rows) + "\n"
    parsed = ingest.parse_export(text.encode(), "veel.csv", programme="P", report_date="2026-01-31")
    assert parsed.errors == [] and parsed.locale == NL
    stories = parsed.reports[0].stories.set_index("code")
    for code, _, budget, spent, forecast in rows:
        for field, cell, multiplier in (("budget", budget, 1000), ("spent", spent, 1), ("forecast", forecast, 1)):
            value = stories.at[code, field]
            want = parse_amount(cell, NL, multiplier) if cell else None
            assert (want is None and math.isnan(value)) or value == want, (code, field, cell, value)
    assert any(p.key == "implausible_amount" for p in parsed.warnings)
    # the cell-by-cell path (every column below its threshold) gives the same stories and problems
    monkeypatch.setattr(records, "_PLAIN_AT_LEAST", 10**9)
    cell_by_cell = ingest.parse_export(text.encode(), "veel.csv", programme="P", report_date="2026-01-31")
    assert cell_by_cell.problems == parsed.problems
    pd.testing.assert_frame_equal(cell_by_cell.reports[0].stories, parsed.reports[0].stories)


def reference_detect_locale(samples, default=NL):
    """detect_locale as it was: every sample votes in turn."""
    votes = {NL: 0, EN: 0}
    for raw in samples:
        text = str(raw).translate(amounts._SPACES)
        digits = re.sub(r"[^\d.,]", "", text)
        if not digits:
            continue
        if re.fullmatch(r"0\.\d+", digits):
            votes[EN] += 1
        elif re.fullmatch(r"0,\d+", digits):
            votes[NL] += 1
        elif re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", digits):  # '1.250': either notation
            continue
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", digits) or re.fullmatch(r"\d+,\d{1,2}", digits):
            votes[NL] += 1
        elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits) or re.fullmatch(r"\d+\.\d{1,2}", digits):
            votes[EN] += 1
        elif "," in digits and "." in digits:
            votes[NL if digits.rfind(",") > digits.rfind(".") else EN] += 1
        elif re.fullmatch(r"\d+\.\d{4,}", digits):
            votes[EN] += 1
        elif re.fullmatch(r"\d+,\d{4,}", digits):
            votes[NL] += 1
    if votes[NL] == votes[EN]:
        return default
    return NL if votes[NL] > votes[EN] else EN


def detect_locale(samples, default):
    """detect_locale_counts on the distinct samples, most frequent first, with the total (early stop)."""
    counted = Counter(samples)
    return amounts.detect_locale_counts(counted.most_common(), default, total=counted.total())


def test_locale_by_distinct_texts_and_early_stop_is_the_vote_of_every_sample():
    rng = random.Random(11)
    pool = TRICKY_AMOUNTS + plain_numbers(200, seed=5)
    for _ in range(300):
        samples = [rng.choice(pool) for _ in range(rng.randint(0, 40))] * rng.randint(1, 3)
        rng.shuffle(samples)
        for default in (NL, EN):
            assert detect_locale(samples, default) == reference_detect_locale(samples, default), samples
    # a tie stays a tie: the default decides
    assert detect_locale(["1.000", "1,000"], EN) == EN == reference_detect_locale(["1.000", "1,000"], EN)


def test_locale_from_counted_texts_in_any_order_is_the_vote_of_every_sample():
    rng = random.Random(12)
    pool = TRICKY_AMOUNTS + plain_numbers(50, seed=6)
    for _ in range(300):
        pairs = [(rng.choice(pool), rng.randint(1, 50)) for _ in range(rng.randint(0, 30))]
        samples = [text for text, count in pairs for _ in range(count)]
        expected = reference_detect_locale(samples, EN)
        assert amounts.detect_locale_counts(pairs, EN) == expected
        total = sum(count for _, count in pairs)
        for ordered in (pairs, sorted(pairs, key=lambda pair: -pair[1]), pairs[::-1]):
            assert amounts.detect_locale_counts(iter(ordered), EN, total=total) == expected


def test_values_are_only_taken_as_the_same_when_they_read_the_same():
    aware = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    same_instant = dt.datetime(2025, 1, 1, 13, tzinfo=dt.timezone(dt.timedelta(hours=1)))

    class Text(str):
        pass

    cells = [1, 1.0, True, "1", -0.0, 0.0, 0, False, float("nan"), float("nan"), aware, same_instant,
             dt.datetime(2025, 1, 1), dt.date(2025, 1, 1), Text("1"), None, "", 1, 1.0]  # fmt: skip

    def describe(cell):
        return (type(cell).__name__, repr(cell), _text(cell), _parse_date(cell))

    body = _Body([[c] for c in cells], 2, 1)
    assert body.apply(0, describe) == [describe(c) for c in cells]
    keep = np.array([0, 4, 5, 10, 11, 18])
    assert body.apply(0, describe, keep) == [describe(cells[k]) for k in keep]
    assert body.kinds(0, _has_text).tolist() == [int(_text(c) is not None) for c in cells]
    assert body.filled(0) == sum(_text(c) is not None for c in cells)


# --- reading CSV --------------------------------------------------------------------------------------

NASTY_CSV = [
    'a;b;c\r\n"x\r\ny";"q""r";"ab"cd\r\nu"v;w\n',
    "a;b;c\n\nd\n;;\n",
    "a;b\n  ;  \n\n\n",
    'a;b\n"a" ;b\n',
    "a;b\r\r\n1;2\r3;4",
    "a;b\n\x00;1\n",
    'a;b;c\n"1;2";3;"4\n5"\n',
    "a;b;c\n1\n1;2\n1;2;3\n",
    "\ufeffa;b\n1;2\n",  # a byte order mark pandas would drop
    'a;b\n"open;x\n',  # a quote left open
    "a;b\n1;2;3\n",  # a row longer than the first
    "title\na;b\n1;2;3\n1;2;3;4\n1\n",  # longer and longer
    "x\n1;2\n1;2;3\n1;2;3;4\n1;2;3;4;5\n1;2;3;4;5;6\n",  # too many times longer: the csv module reads it
    "x\n",
    ";\n;\n",
]


def csv_rows(text: str, delimiter: str = ";") -> list[list]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def as_read(rows, width: int) -> list[tuple]:
    """Rows padded to width, blanks as ''; ingest reads None and '' alike (both blank)."""
    return [tuple("" if c is None else c for c in [*row, *[None] * (width - len(row))]) for row in rows]


@pytest.mark.parametrize("text", NASTY_CSV)
def test_pandas_reads_csv_as_the_csv_module_does_or_leaves_it_to_it(text):
    columns = reading._read_text_columns(text, None, ";")
    rows = csv_rows(text)
    if columns is None:
        return  # the csv module reads it
    width = len(columns)
    assert width == max(map(len, rows))
    assert as_read(zip(*columns), width) == as_read(rows, width)


def test_random_csv_texts_read_the_same_both_ways():
    rng = random.Random(3)
    alphabet = ["a", "b", " ", ";", ";", ",", '"', '""', "\n", "\r\n", "\r", "é", "€", "1", "."]
    compared = 0
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        if not text.strip():
            continue
        columns = reading._read_text_columns(text, None, ";")
        if columns is None:
            continue
        width = len(columns)
        assert as_read(zip(*columns), width) == as_read(csv_rows(text), width), repr(text)
        compared += 1
    assert compared > 300


def test_a_field_above_the_csv_modules_limit_is_left_to_the_csv_module(monkeypatch):
    monkeypatch.setattr(csv, "field_size_limit", lambda: 10)
    assert reading._read_text_columns("a;b\n" + "x" * 11 + ";1\n", None, ";") is None
    assert reading._read_text_columns("a;b\n" + "x" * 10 + ";1\n", None, ";") is not None


def test_first_lines_are_those_of_the_whole_text():
    for text in ["a\nb\r\nc\rd\x0be\u2028f\n" * 5000, "x" * 70000 + "\r\ny", "\r\n" * 40000, "one line"]:
        assert reading._first_lines(text, 50) == text.splitlines()[:50]


# --- ingest, row by row as it was -----------------------------------------------------------------------


def reference_text(cell):
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


def reference_records(body, parsed):
    """One record per story row, each cell read on its own (ingest.records._records before the columns)."""
    mapping, headers = parsed.mapping, parsed.headers
    id_field = "code" if "code" in mapping else "title"
    amount_columns = {mapping[f] for f in (*AMOUNT_FIELDS, "status_note", "ambition", *NARRATIVE) if f in mapping}
    records, totals_rows, order, found = [], [], 0, []
    said = {name: {} for name in AMOUNT_FIELDS}
    notes = reference_notes_below(body, mapping[id_field])
    for row_number, row in body:
        values = {name: row[index] for name, index in mapping.items()}
        texts = [reference_text(c) for c in row]
        if all(t is None for t in texts):
            continue
        phrase = any(
            t is not None and not isinstance(c, (int, float, dt.date)) and is_totals_phrase(t)
            for i, (t, c) in enumerate(zip(texts, row))
            if i not in amount_columns
        )
        code = reference_text(values.get(id_field))
        real_code = code is not None and any(ch.isalnum() for ch in code) and not is_totals_phrase(code)
        if phrase and not real_code:
            totals_rows.append((row_number, row, False))
            continue
        ident = reference_text(values.get(id_field))
        if row_number in notes:
            text = one_line(ident)
            text = text if len(text) <= 120 else text[:119].rstrip() + "…"
            found.append(info("line_below_table", row=row_number, text=text))
            continue
        if ident is None:
            if any(reference_text(values.get(f)) for f in AMOUNT_FIELDS if f in mapping):
                totals_rows.append((row_number, row, True))
            elif "status" in mapping and reference_text(values.get("status")):
                found.append(error("missing_code", row=row_number, column=headers[mapping[id_field]]))
            else:
                text = next(t for t in texts if t)[:60]
                found.append(warning("note_row_skipped", row=row_number, text=text))
            continue
        record = {"code": ident if id_field == "code" else ident[:120], "source_row": row_number, "sort_order": order}
        order += 1
        for name in (
            "title",
            "programme_line",
            "track",
            "owner",
            "period",
            "status_note",
            "ambition",
            *NARRATIVE,
            "programme",
            "parent_code",
        ):
            record[name] = reference_text(values.get(name))
        for name in AMOUNT_FIELDS:
            record[name] = None
            if name not in mapping:
                continue
            column = headers[mapping[name]]
            try:
                value = parse_amount(values.get(name), parsed.locale or NL, parsed.units.get(name, 1))
            except NotAnAmount:
                word = reference_text(values.get(name))
                if _no_value(values.get(name)):
                    said[name][word] = said[name].get(word, 0) + 1
                else:
                    found.append(warning("amount_text", row=row_number, column=column, value=word))
                continue
            currency = parsed.currency
            if value is not None and value < 0:
                found.append(warning("negative_amount", row=row_number, column=column, value=value, currency=currency))
            elif value is not None and value > ingest.IMPLAUSIBLE_AMOUNT:
                found.append(
                    warning("implausible_amount", row=row_number, column=column, value=value, currency=currency)
                )
            record[name] = value
        label = reference_text(values.get("status"))
        status, known = normalise_status(label)
        if not known:
            found.append(warning("unknown_status", row=row_number, column=headers[mapping["status"]], label=label))
        record["status"], record["status_label"] = status, label
        for name, judge, key in (
            ("necessity", _necessity_of, "unknown_necessity"),
            ("in_totals", _yes_no_of, "unknown_yes_no"),
        ):
            text = reference_text(values.get(name))
            record[name], known = judge(text)
            if not known:
                found.append(warning(key, row=row_number, column=headers[mapping[name]], value=text))
        record["report_date"] = None
        if "report_date" in mapping:
            raw = values.get("report_date")
            record["report_date"] = _parse_date(raw)
            if raw not in (None, "") and record["report_date"] is None:
                found.append(
                    error("bad_date", row=row_number, column=headers[mapping["report_date"]], value=reference_text(raw))
                )
        for name in DATE_FIELDS:
            when = parse_when(values.get(name)) if name in mapping else None
            record[name], record[f"{name}_first"], record[f"{name}_last"] = (
                (when.text, when.first, when.last) if when else (None, None, None)
            )
            if when is not None and not when.understood:
                found.append(warning("date_text", row=row_number, column=headers[mapping[name]], value=when.text))
        records.append(record)
    for name in AMOUNT_FIELDS:
        if said[name]:
            words = sorted(said[name], key=lambda w: -said[name][w])
            text = ", ".join(words[:5]) + (", ..." if len(words) > 5 else "")
            parsed.problems.append(
                info("no_value_words", column=headers[mapping[name]], count=sum(said[name].values()), words=text)
            )
    columns = {c: [r.get(c) for r in records] for c in ingest.FRAME_COLUMNS}
    _respend(columns, parsed)
    parsed.problems.extend(found)
    return columns, totals_rows


def reference_notes_below(body, ident: int) -> set[int]:
    """The row numbers of the source and footnote lines under the table, cell by cell from the bottom up: the
    lines with one text, in the identifier column, from the first that begins as a note (records' own rule
    for the words) down."""
    run = []
    for row_number, row in reversed(body[-records.NOTE_LINES_SCANNED :]):
        texts = [reference_text(c) for c in row]
        if all(t is None for t in texts):
            continue
        if texts[ident] is None or any(t is not None for i, t in enumerate(texts) if i != ident):
            break
        run.append((row_number, texts[ident]))
    starts = [n for n, text in run if records.is_note_below(text)]
    return {n for n, _ in run if starts and n >= min(starts)}


def reference_currency(override, meta, declared, body, mapping, formats) -> tuple[str, str, bool]:
    """header._currency's order, read row by row: given, Valuta line, header unit, cell formats, a sign or
    code in the cells (a bare '$' assumed), else euros assumed; a sure currency before an assumed one."""
    if override:
        return override.upper(), "given", False
    if meta.get("currency"):
        return meta["currency"], "meta", False
    found = [(u.currency, "header", u.assumed) for u in declared.values() if u.currency]
    amount_columns = {mapping[f] for f in AMOUNT_FIELDS if f in mapping}
    found += [
        (code, "format", assumed) for index, (code, assumed) in sorted(formats.items()) if index in amount_columns
    ]
    for _, row in body[:200]:
        for name in AMOUNT_FIELDS:
            text = reference_text(row[mapping[name]]) if name in mapping else None
            written = cell_currency(text)  # the one reading of a cell's currency, cell by cell here
            if written is not None:
                found.append((written.code, "cells", written.assumed))
        if len(found) > 8:
            break
    sure = [f for f in found if not f[2]]
    return sure[0] if sure else found[0] if found else ("EUR", "default", True)


def reference_parse(data: bytes, filename: str, **options) -> ingest.ParsedExport:
    """parse_export read the plain way: the csv module, every cell on its own; what is decided from
    what was read (mapping, units, totals rows, reports) by the same functions as parse_export."""
    sheet, profile = options.get("sheet"), options.get("mapping")
    parsed = ingest.ParsedExport(filename=_safe_name(filename), checksum=ingest.checksum(data))
    try:
        if data[:4] == b"PK\x03\x04":
            grid = reading.read_grid(data, filename, sheet)
        else:
            text, encoding = reading.decode(data)
            delimiter = reading.detect_delimiter(text)
            rows = csv_rows(text, delimiter)
            grid = reading.Grid(rows, "text", encoding=encoding, delimiter=delimiter)
            grid.field_counts = np.array([len(r) for r in rows], dtype=np.int64)
    except LoadRefused as refused:
        parsed.problems.extend(refused.problems)
        return parsed
    parsed.grid_kind, parsed.sheet, parsed.sheets = grid.kind, grid.sheet, grid.sheets
    parsed.encoding, parsed.delimiter = grid.encoding, grid.delimiter
    rows = list(grid.rows)
    while rows and all(reference_text(c) is None for c in rows[-1]):
        rows = rows[:-1]
    if not rows:
        parsed.problems.append(error("empty_file"))
        return parsed
    header_index = _find_header(rows, profile)
    if header_index is None:
        parsed.problems.append(error("no_header", seen=ingest._rows_seen(rows)))
        return parsed
    parsed.header_row = header_index + 1
    width = max(len(r) for r in rows)
    subs = [reference_text(c) or "" for c in _pad(rows[header_index], width)]
    below = unit_row(rows, header_index, width)
    if below is not None:
        subs = [f"{sub} ({unit})" if unit and sub else sub for sub, unit in zip(subs, below)]
    first = header_index + (2 if below is not None else 1)
    groups = header_groups(rows, header_index, width, getattr(grid, "merged", []))
    parts = [(groups[i] if groups else None, subs[i]) for i in range(width)]
    parsed.headers = headers = [combine_header(g, sub) for g, sub in parts]
    meta = _metadata(rows[: header_index - (1 if groups else 0)])
    parsed.title = meta.get("title")
    body = [(i + 1, _pad(r, width)) for i, r in enumerate(rows) if i >= first]
    if below is not None:
        parsed.problems.append(info("unit_row", row=header_index + 2))
    if profile:
        parsed.mapping = _apply_profile(profile, headers, parsed, subs)
    else:
        filled = [sum(1 for _, r in body if reference_text(r[c]) is not None) for c in range(width)]
        samples = [[t for t in (reference_text(r[c]) for _, r in body[:SAMPLE_ROWS]) if t] for c in range(width)]
        parsed.mapping, choices, roles, parsed.passed_over = detect_columns(parts, filled, samples)
        _say_choices(parsed, choices, roles)
        _say_passed_over(parsed, parsed.passed_over, chosen_by_user=False)
    if parsed.errors:
        return parsed
    if "code" not in parsed.mapping and "title" not in parsed.mapping:
        parsed.problems.append(error("no_identifier", row=parsed.header_row))
    if not any(f in parsed.mapping for f in AMOUNT_FIELDS + ("status",)):
        parsed.problems.append(error("no_measure", row=parsed.header_row))
    _check_ragged(grid, rows, header_index, parsed)
    _check_formulas(grid, header_index, parsed)
    if parsed.errors:
        return parsed
    declared = {f: amounts.header_unit(headers[i]) for f, i in parsed.mapping.items() if f in AMOUNT_FIELDS}
    unit = options.get("unit")
    column_unit = _unit_column(_Body(rows[first:], first + 1, width), parts, parsed)
    column_unit = column_unit if unit is None else None
    if column_unit is not None and column_unit.currency and not meta.get("currency"):
        meta["currency"] = column_unit.currency
    given = unit if unit is not None else (column_unit.multiplier if column_unit else None)
    parsed.units = {f: (u.multiplier if u.multiplier != 1 or given is None else given) for f, u in declared.items()}
    in_workbook = grid.kind == "excel"
    amount_columns = [parsed.mapping[f] for f in declared]
    # read twice, per purpose, as the parse did before it read the formats once
    scales = (
        scales_of(column_formats(data, grid.sheet, amount_columns, first + 1), amount_columns) if in_workbook else {}
    )
    declared = _apply_format_units(parsed, declared, scales, given)
    formats = (
        currencies_of(column_formats(data, grid.sheet, list(parsed.mapping.values()), first + 1)) if in_workbook else {}
    )
    found = reference_currency(options.get("currency"), meta, declared, body, parsed.mapping, formats)
    parsed.currency, source, assumed = found
    _say_currency(parsed, source, assumed, declared, formats)
    checks._mixed_cell_currencies(_Body(rows[first:], first + 1, width), parsed)  # the batched path's own check
    if parsed.errors:
        return parsed
    for name, unit_found in declared.items():
        if unit_found.unread:
            header = parsed.headers[parsed.mapping[name]]
            parsed.problems.append(warning("unit_not_understood", column=header, text=unit_found.unread))
    samples = [
        row[parsed.mapping[name]]
        for _, row in body
        for name in AMOUNT_FIELDS
        if name in parsed.mapping and isinstance(row[parsed.mapping[name]], str)
    ]
    default = NL if grid.delimiter in (";", "\t", None) else EN
    parsed.locale = options.get("locale") or reference_detect_locale(samples, default)
    if not options.get("locale") and reference_detect_locale(samples, NL) != reference_detect_locale(samples, EN):
        # a tie: the notation assumed from the values' sizes, and said (the batched path's own rule)
        counted = Counter(samples)
        found = amounts.assumed_locale(list(counted), np.array(list(counted.values())), default)
        parsed.locale, either, by_sizes = found
        if either is not None:
            parsed.problems.append(ingest._locale_assumed(either, parsed.locale, by_sizes and parsed.locale == default))
    columns, totals_rows = reference_records(body, parsed)
    if parsed.errors:
        return parsed
    _check_units(columns, declared, given, parsed)
    if not columns["code"]:
        parsed.problems.append(error("no_data_rows", row=parsed.header_row))
        return parsed
    report_date = options.get("report_date")
    report_date = _parse_date(report_date) if report_date is not None else meta.get("report_date")
    frame = pd.DataFrame(columns, columns=ingest.FRAME_COLUMNS)
    frame = _stacked_periods(frame, parsed, options.get("period"), report_date is not None)
    if parsed.errors:
        return parsed
    frame = _without_duplicates(frame, parsed)
    _say_what_tells_them_apart(frame, _Body(rows[first:], first + 1, width), parsed)
    frame = records._subtotals_by_value(frame, parsed)
    _check_totals_rows(totals_rows, frame, parsed)
    programme = options.get("programme") or meta.get("programme")
    frame = frame.copy()
    frame["programme"] = frame["programme"].fillna(programme) if programme else frame["programme"]
    if report_date is not None:
        frame["report_date"] = frame["report_date"].where(frame["report_date"].notna(), report_date)
    if frame["programme"].isna().any() or frame["report_date"].isna().any():
        _split_reports(frame, None, None, parsed)  # the one message naming every missing input
        return parsed
    for (name, date), group in frame.groupby(["programme", "report_date"], sort=True):
        stories = group[ingest.STORY_COLUMNS].reset_index(drop=True)
        stories["sort_order"] = range(len(stories))
        parsed.reports.append(ingest.ReportDraft(str(name), date, stories))
    for report in parsed.reports:
        for _, story in report.stories[report.stories["parent_code"].notna()].iterrows():
            if story["parent_code"] not in set(report.stories["code"]):
                parsed.problems.append(
                    warning(
                        "unknown_parent",
                        row=int(story["source_row"]),
                        column=parsed.headers[parsed.mapping["parent_code"]],
                        code=story["code"],
                        parent=story["parent_code"],
                    )
                )
            elif story["parent_code"] == story["code"]:
                parsed.problems.append(error("self_parent", row=int(story["source_row"]), code=story["code"]))
    return parsed


def exact(value):
    if isinstance(value, float):
        return ("nan",) if math.isnan(value) else (value, math.copysign(1, value))
    return (type(value).__name__, value)


def understood(parsed: ingest.ParsedExport):
    """Everything parse_export says, with types, None/NaN and the sign of zero told apart."""
    fields = ("filename", "checksum", "grid_kind", "sheet", "sheets", "encoding", "delimiter", "locale",
              "header_row", "headers", "mapping", "units", "currency", "title")  # fmt: skip
    problems = [(p.level, p.key, p.row, p.column, {k: exact(v) for k, v in p.params.items()}) for p in parsed.problems]
    reports = [
        (
            r.programme,
            r.report_date,
            [str(t) for t in r.stories.dtypes],
            list(r.stories.index),
            {c: [exact(v) for v in r.stories[c].tolist()] for c in r.stories.columns},
            r.totals(),
        )
        for r in parsed.reports
    ]
    return {f: getattr(parsed, f) for f in fields}, problems, reports


HEADER = ["Programma", "Peildatum", "Nr", "Omschrijving", "Programmalijn", "Budget", "Gerealiseerd", "Verplicht",
          "Prognose (x1000)", "Oorspronkelijke begroting", "Stoplicht", "Telt mee", "Noodzaak", "Hoort bij"]  # fmt: skip
LABELS = ["groen", "Groen", "ROOD", "Oranje", "G", "amber/green", "RAG: Red", "Groen (afgeleid)", "paars", "", " ",
          "n.v.t.", "Exempt", "on track", "Géén"]  # fmt: skip
DATES = ["31-01-2025", "2025-02-28", "28/02/2025", "2025-13-01", "gisteren", "", "45000", "31.03.2025"]


def messy_rows(rng: random.Random, count: int, excel: bool) -> list[list]:
    """Story rows with every oddity ingest knows: blanks, totals, notes, bad cells, repeats, short rows."""
    codes = [f"{rng.choice('ABC')}{i}" for i in range(max(3, count // 3))]
    extra = [2.5, 0, 0.0, -0.0, -3.0, 1e12, True, 7, float("nan"), dt.datetime(2025, 1, 31)] if excel else []
    rows = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.04:
            rows.append([""] * rng.randint(0, 12))
        elif kind < 0.06:
            rows.append(
                [rng.choice(["Totaal", "totaal:", "Subtotaal", "", "T.o.t.a.a.l"]), rng.choice(["", "x"]), "1.000"]
            )
        elif kind < 0.08:
            rows.append(["", "Een notitie " * rng.randint(1, 8)])
        else:
            code = rng.choice(codes) if rng.random() < 0.9 else rng.choice(["", " ", "Totaal"])
            if excel and rng.random() < 0.3:
                code = rng.choice([1, 2.0, 3.5, True, -0.0, 0])
            dates = DATES + ([dt.datetime(2025, 1, 31), dt.date(2025, 1, 31), 45000.0, True] if excel else [])
            row = [
                rng.choice(["P1", "P2", ""]) if rng.random() < 0.2 else "P1",
                rng.choice(dates),
                code,
                rng.choice(["Titel een", "Titel twee _x000D_", "  ", "x" * 130]),
                rng.choice(["Lijn 1", "Lijn 2", ""]),
                *(rng.choice(TRICKY_AMOUNTS + extra) for _ in range(5)),
                rng.choice(LABELS + ([None, 3] if excel else [])),
                rng.choice(["ja", "nee", "X", "misschien", "", "niet."]),
                rng.choice(["wettelijk", "Noodzakelijk", "wenselijk.", "onzin", ""]),
                rng.choice(["", "", rng.choice(codes), "ZZZ"]),
            ]
            if rng.random() < 0.05:
                row = row[: rng.randint(1, len(row))]
            rows.append(row)
    return rows


def csv_bytes(rows, header, delimiter=";", encoding="utf-8", above=()) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([*above, header, *rows])
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(rows, header, above=()) -> bytes:
    book = Workbook()
    for row in [*above, header, *rows]:
        book.active.append([None if isinstance(c, float) and math.isnan(c) else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fuzzed_exports(count: int, seed: int):
    rng = random.Random(seed)
    notes = random.Random(seed + 1)  # the lines under the table apart: the exports are as they were otherwise
    for _ in range(count):
        header = list(HEADER)
        if rng.random() < 0.2:
            header[2] = "Xyz"  # the title identifies
        if rng.random() < 0.2:
            header[6] = "Besteed"
        if rng.random() < 0.1:
            header.append("Budget")  # two columns compete
        options = {}
        for key, value, chance in (
            ("programme", "Fallback", 0.5),
            ("report_date", "2025-06-30", 0.3),
            ("unit", 1000, 0.2),
        ):
            if rng.random() < chance:
                options[key] = value
        if rng.random() < 0.2:
            options["locale"] = rng.choice([NL, EN])
        if rng.random() < 0.15:
            options["mapping"] = {"code": header[2], "budget": "Budget", "status": "Stoplicht"}
        above = [["Rapportage"], ["Stand per:", "31-03-2025"]] if rng.random() < 0.3 else []
        excel = rng.random() < 0.4
        rows = messy_rows(rng, rng.choice([0, 1, 3, 20, 80]), excel)
        if notes.random() < 0.3:  # a source or footnote under the table, in the code or the title column
            lines = [
                "Bron: financiële administratie",
                "* excl. btw",
                "Source: ledger",
                "Bronbemaling",
                "N.B. voorlopig",
            ]
            rows += [[]] * notes.randint(0, 2) + [[None] * notes.choice([2, 3]) + [notes.choice(lines)]]
            rows += [[None, None, "nog een regel"]] if notes.random() < 0.3 else []
        if excel:
            yield xlsx_bytes(rows, header, above), "f.xlsx", options
        else:
            delimiter = rng.choice([";", ",", "\t"])
            data = csv_bytes(rows, header, delimiter, rng.choice(["utf-8", "cp1252", "utf-8-sig"]), above)
            yield data, "f.csv", options


def test_fuzzed_exports_are_understood_as_row_by_row():
    for data, filename, options in fuzzed_exports(120, seed=1):
        assert understood(ingest.parse_export(data, filename, **options)) == understood(
            reference_parse(data, filename, **options)
        ), (filename, options)


def test_large_csv_through_pandas_is_understood_as_row_by_row():
    rng = random.Random(2)
    rows = messy_rows(rng, 1500, excel=False)
    data = csv_bytes(rows, HEADER, above=[["Rapportage"]])
    assert len(data) > 1 << 16  # large enough for the pandas reader
    assert isinstance(reading.read_grid(data, "big.csv").rows, reading.ColumnRows)
    for options in ({}, {"programme": "P", "report_date": "2025-06-30"}, {"locale": EN, "unit": 1000}):
        assert understood(ingest.parse_export(data, "big.csv", **options)) == understood(
            reference_parse(data, "big.csv", **options)
        )


@pytest.mark.parametrize(
    ("path", "options"),
    [
        (CORPUS / "uk_gmpp_co_ar_data_march2024.csv", {"programme": "G", "report_date": "2024-03-31"}),
        (CORPUS / "us_itdashboard_projects_fy2012.csv", {"programme": "U", "report_date": "2012-09-30"}),
    ],
)
def test_real_exports_are_understood_as_row_by_row(path, options):
    data = path.read_bytes()
    assert understood(ingest.parse_export(data, path.name, **options)) == understood(
        reference_parse(data, path.name, **options)
    )


def test_reports_out_of_order_come_out_sorted_with_rows_in_file_order():
    lines = ["Programma;Peildatum;Nr;Budget"] + [
        f"{programme};{day}-01-2025;{n};{n}00"
        for n in range(1, 4)
        for programme, day in (("B", 31), ("A", 30), ("A", 15))
    ]
    data = dutch_csv(lines)
    parsed = ingest.parse_export(data, "h.csv")
    assert [(r.programme, r.report_date.day, r.stories["code"].tolist()) for r in parsed.reports] == [
        ("A", 15, ["1", "2", "3"]),
        ("A", 30, ["1", "2", "3"]),
        ("B", 31, ["1", "2", "3"]),
    ]
    assert understood(parsed) == understood(reference_parse(data, "h.csv"))
    data = dutch_csv(DUTCH_CSV_ROWS)
    assert understood(ingest.parse_export(data, "e.csv", programme="P")) == understood(
        reference_parse(data, "e.csv", programme="P")
    )


# --- writing --------------------------------------------------------------------------------------------


# what a load writes into stories (other columns are worked out from these afterwards)
STORY_VALUES = """s.code, s.title, s.programme_line, s.track, s.owner, s.parent_code, s.period, s.budget, s.spent,
    s.realised, s.committed, s.forecast, s.baseline, s.status, s.status_label, s.status_note, s.necessity,
    s.in_totals, s.source_row, s.sort_order"""
STORIES = f"select s.report_id, {STORY_VALUES} from stories as s order by all"


def tables(con) -> dict:
    """Every row of the tables a load writes, without the moment of loading."""
    return {
        "programmes": con.execute("select * from programmes order by all").fetchall(),
        "reports": con.execute("select * exclude (loaded_at) from reports order by all").fetchall(),
        "stories": con.execute(STORIES).fetchall(),
        "audit_log": con.execute("select * exclude (logged_at) from audit_log order by all").fetchall(),
    }


# The same rows by what they say: each report by its programme, report date and version, not by the
# ids the sequences gave (which differ between two ways of writing the same reports).
REPORT_KEY = "p.name as programme, r.report_date, r.version"
CONTENTS = {
    "programmes": "select name, organisation from programmes order by all",
    "reports": f"""
        select {REPORT_KEY}, r.is_current, r.title, r.source_file, r.sheet, r.checksum, r.loaded_by, r.currency,
            r.unit_applied, r.row_count
        from reports as r join programmes as p using (programme_id)
        order by all""",
    "stories": f"""
        select {REPORT_KEY}, {STORY_VALUES}
        from stories as s join reports as r using (report_id) join programmes as p using (programme_id)
        order by all""",
    "audit_log": f"""
        select a.actor, a.action, a.detail, {REPORT_KEY}
        from audit_log as a left join reports as r using (report_id) left join programmes as p using (programme_id)
        order by all""",
}


def contents(con) -> dict:
    """What the tables a load writes say, with reports known by programme, date and version."""
    return {table: con.execute(query).fetchall() for table, query in CONTENTS.items()}


# The one-report statements commit once ran per report (the reference below and the lookup check).
REPORT_BY_CHECKSUM = """
    select r.report_id
    from reports as r join programmes as p using (programme_id)
    where r.checksum = $checksum and p.name = $programme and r.report_date = $report_date and r.is_current
"""
CURRENT_REPORT = """
    select r.report_id, r.version, r.checksum
    from reports as r join programmes as p using (programme_id)
    where p.name = $programme and r.report_date = $report_date and r.is_current
"""
INSERT_REPORT = """
    with target as (
        select programme_id from programmes where name = $programme
    ),
    next_version as (
        select coalesce(max(r.version), 0) + 1 as version
        from reports as r, target
        where r.programme_id = target.programme_id and r.report_date = $report_date
    )
    insert into reports (
        report_id, programme_id, report_date, version, is_current, title, source_file, sheet, checksum,
        loaded_at, loaded_by, currency, unit_applied, row_count
    )
    select
        $report_id, target.programme_id, $report_date, next_version.version, true, $title, $source_file, $sheet,
        $checksum, current_timestamp, $loaded_by, $currency, $unit_applied, $row_count
    from target, next_version
"""


def commit_one_at_a_time(con, parsed, loaded_by=None, replace=False):
    """What commit wrote before: for each report in turn the one-report statements, in one transaction."""
    with db.transaction(con):
        for report in parsed.reports:
            key = {"programme": report.programme, "report_date": report.report_date.isoformat()}
            same = con.execute(REPORT_BY_CHECKSUM, {"checksum": parsed.checksum, **key}).df()
            if len(same):
                raise LoadRefused([error("already_loaded", report_id=int(same.report_id[0]), **key)])
            db.execute(con, "take_ids", name="programme_id", count=1)
            db.execute(con, "insert_programme", name=report.programme)
            existing = con.execute(CURRENT_REPORT, key).df()
            replaced = int(existing.report_id[0]) if len(existing) else None
            if replaced and not replace:
                raise LoadRefused([error("report_exists", **key, report_id=replaced)])
            if replaced:
                db.execute(con, "retire_report", report_id=replaced)
            db.execute(con, "take_ids", name="report_id", count=1)
            [(report_id,)] = db.execute(con, "next_report_ids", count=1)
            con.execute(
                INSERT_REPORT,
                {
                    **key,
                    "report_id": report_id,
                    "title": parsed.title,
                    "source_file": parsed.filename,
                    "sheet": parsed.sheet,
                    "checksum": parsed.checksum,
                    "loaded_by": loaded_by,
                    "currency": parsed.currency,
                    "unit_applied": max(set(parsed.units.values()) or {1}),
                    "row_count": len(report.stories),
                },
            ).fetchall()
            report_id = int(report_id)
            con.register("staged_stories", report.stories[ingest.STORY_COLUMNS].assign(report_id=report_id))
            db.execute(con, "insert_stories", programmes=[], judge=False)  # the light by the figures: after the write
            con.unregister("staged_stories")
            db.execute(
                con,
                "insert_audit",
                actor=loaded_by,
                action="replace" if replaced else "load",
                report_id=report_id,
                detail=f"{parsed.filename} ({len(report.stories)} rows)",
            )


HISTORY = "Programma;Peildatum;Nr;Omschrijving;Budget;Besteed;Stoplicht\n" + "".join(
    f"{p};{d}-0{m}-2025;{n};Story {n};{n * 100},50;{n * 10};{('groen', 'oranje', 'rood')[n % 3]}\n"
    for p in ("B", "A")
    for m, d in ((1, 31), (2, 28), (3, 31))
    for n in range(1, 6)
)


def test_commit_writes_what_one_report_at_a_time_wrote():
    first = ingest.parse_export(dutch_csv(HISTORY.strip().split("\n")), "h.csv")
    again = ingest.parse_export(dutch_csv(HISTORY.replace(",50;", ",75;").strip().split("\n")), "h2.csv")
    assert len(first.reports) == 6
    batched, one_by_one = db.connect(":memory:"), db.connect(":memory:")
    ingest.load_file(batched, dutch_csv(DUTCH_CSV_ROWS), "other.csv", programme="Other")
    ingest.load_file(one_by_one, dutch_csv(DUTCH_CSV_ROWS), "other.csv", programme="Other")
    done = ingest.commit(batched, first, loaded_by="me")
    commit_one_at_a_time(one_by_one, first, loaded_by="me")
    assert contents(batched) == contents(one_by_one)
    assert [(c.programme, c.report_date) for c in done] == [(r.programme, r.report_date) for r in first.reports]
    assert [(c.version, c.rows, c.replaced) for c in done] == [(1, 5, None)] * 6
    assert len({c.report_id for c in done}) == 6
    replaced = ingest.commit(batched, again, replace=True)
    commit_one_at_a_time(one_by_one, again, replace=True)
    assert contents(batched) == contents(one_by_one)
    assert [(c.version, c.replaced) for c in replaced] == [(2, c.report_id) for c in done]
    for con in (batched, one_by_one):  # then a new programme
        ingest.load_file(con, b"Nr;Budget\n1;1\n", "new.csv", programme="New", report_date="2025-01-01")
    assert contents(batched) == contents(one_by_one)


def test_the_batched_lookup_finds_what_the_one_report_lookups_find(demo_con):
    reports = demo_con.execute(
        "select p.name, r.report_date, r.checksum from reports as r join programmes as p using (programme_id)"
    ).fetchall()
    wanted = [(name, date) for name, date, _ in reports] + [("nobody", dt.date(2020, 1, 1))]
    found = db.execute(
        demo_con,
        "current_reports",
        programmes=[name for name, _ in wanted],
        report_dates=[date for _, date in wanted],
    )
    for name, date, checksum in reports:
        key = {"programme": name, "report_date": date}
        current = demo_con.execute(CURRENT_REPORT, key).df()
        same = demo_con.execute(REPORT_BY_CHECKSUM, {"checksum": checksum, **key}).df()
        assert [(row[2], row[3]) for row in found if (row[0], row[1]) == (name, date)] == list(
            zip(current.report_id, current.checksum)
        )
        assert same.report_id.tolist() == current.report_id.tolist()


@pytest.mark.parametrize("failing", ["insert_reports", "insert_stories", "insert_audits"])
def test_a_failure_in_any_batched_statement_leaves_the_database_as_it_was(demo_con, monkeypatch, failing):
    before = tables(demo_con)
    parsed = ingest.parse_export(dutch_csv(HISTORY.strip().split("\n")), "h.csv")
    original = db.execute

    def failing_execute(con, name, /, **params):
        if name == failing:
            raise RuntimeError("disk full")
        return original(con, name, **params)

    monkeypatch.setattr(db, "execute", failing_execute)
    with pytest.raises(RuntimeError):
        ingest.commit(demo_con, parsed)
    assert tables(demo_con) == before


def test_a_refusal_for_a_later_report_writes_nothing_of_the_earlier_ones():
    history = ingest.parse_export(dutch_csv(HISTORY.strip().split("\n")), "h.csv")
    loaded = ingest.parse_export(b"Programma;Peildatum;Nr;Budget\nB;28-02-2025;1;5\n", "b.csv")
    batched, one_by_one = db.connect(":memory:"), db.connect(":memory:")
    for con in (batched, one_by_one):
        ingest.commit(con, loaded)
    before = tables(batched)
    with pytest.raises(LoadRefused) as refused:
        ingest.commit(batched, history)
    with pytest.raises(LoadRefused) as refused_before:
        commit_one_at_a_time(one_by_one, history)
    [problem] = refused.value.problems
    assert (problem.key, problem.params["programme"], problem.params["report_date"]) == (
        "report_exists",
        "B",
        "2025-02-28",
    )
    assert refused.value.problems == refused_before.value.problems
    assert tables(batched) == before
    assert contents(batched) == contents(one_by_one)
    again = ingest.parse_export(b"Programma;Peildatum;Nr;Budget\nB;28-02-2025;1;5\n", "b.csv")
    for con, commit in ((batched, ingest.commit), (one_by_one, commit_one_at_a_time)):
        with pytest.raises(LoadRefused) as refused:  # the same file again
            commit(con, again)
        assert [p.key for p in refused.value.problems] == ["already_loaded"]
        # then a new programme: it loads as it would have had nothing been refused
        ingest.load_file(con, b"Nr;Budget\n1;1\n", "new.csv", programme="New", report_date="2025-01-01")
    assert contents(batched) == contents(one_by_one)


def test_blank_texts_in_arrow_are_the_texts_strip_leaves_empty():
    from portfolio.ingest.cells import SPACE_CHARACTERS, _blank_texts

    assert "".join(c for c in map(chr, range(0x110000)) if c.isspace()) == SPACE_CHARACTERS
    rng = random.Random(5)
    pieces = [*SPACE_CHARACTERS, "_x000D_", "_x00", "0D_", "a", "\u200b", "\ufeff", "_", "x000D"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(5000)]
    expected = [not t.replace("_x000D_", "").strip() for t in texts]
    assert 500 < sum(expected) < 4500  # both kinds, many of each
    assert _blank_texts(texts).tolist() == expected  # many: through Arrow
    assert _blank_texts(texts[:50]).tolist() == expected[:50]  # few: one by one
    assert _blank_texts([*texts, "\ud800"]).tolist() == [*expected, False]  # text Arrow refuses
