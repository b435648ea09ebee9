"""A source or footnote line under the table is no story, and it is said (vocabulary.toml [notes_below]).

'Bron: financiële administratie, peildatum 31-12-2024' under the data (often after a blank row) was read as
a story without amounts: one story too many. Now a line whose only text stands in the identifier column,
with no story below it, that begins as a source or footnote ('Bron:', 'Source:', 'Toelichting:', 'Noot:',
'N.B.', '* ...') is a note naming its row, and so are the alike lines below it. A title without amounts
among the stories, or as the last story without such a word, stays a story.

Every expected count and figure is computed here from the rows the test writes.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import ingest
from portfolio.ingest.records import is_note_below
from portfolio.recognise import NOTE_BELOW_MARKERS, NOTE_BELOW_WORDS
from tests.exports import workbook_bytes

# Layouts: the header, which column identifies a story, and what a story row holds besides its name.
LAYOUTS = {
    "code first": (["Nr", "Project", "Budget", "Besteed"], 0),
    "title only": (["Project", "Budget", "Besteed"], 0),
    "title second": (["Programmalijn", "Project", "Budget", "Besteed"], 1),
}
TAILS = ["financiële administratie, peildatum 31-12-2024", "SAP-export 2024", "bedragen excl. btw", "zie bijlage"]


def _note_line(word: str, colon: str, tail: str, upper: bool) -> str:
    word = word.upper() if upper else word.capitalize()
    if word.endswith(".") or word in NOTE_BELOW_MARKERS:
        return f"{word} {tail}"
    return f"{word}{colon} {tail}"


note_lines = st.builds(
    _note_line,
    st.sampled_from(NOTE_BELOW_WORDS + NOTE_BELOW_MARKERS),
    st.sampled_from([":", " :"]),
    st.sampled_from(TAILS),
    st.booleans(),
)


def _story_row(layout: str, k: int, budget: int | None, spent: int | None) -> list:
    amounts = ["" if budget is None else budget, "" if spent is None else spent]
    if layout == "code first":
        return [f"P{k}", f"Project {k}", *amounts]
    if layout == "title only":
        return [f"Project {k}", *amounts]
    return ["Lijn 1", f"Project {k}", *amounts]


def _line_row(layout: str, text: str) -> list:
    header, ident = LAYOUTS[layout]
    row = [""] * len(header)
    row[ident] = text
    return row


def _bytes(rows: list[list], excel: bool) -> tuple[bytes, str]:
    if excel:
        return workbook_bytes([[None if c == "" else c for c in row] for row in rows]), "x.xlsx"
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8"), "x.csv"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layout=st.sampled_from(sorted(LAYOUTS)),
    budgets=st.lists(st.integers(1, 10**6), min_size=1, max_size=6, unique=True),
    title_only_at=st.none() | st.integers(0, 5),
    title_only_text=st.none() | note_lines,
    totals=st.booleans(),
    blanks=st.integers(0, 2),
    notes=st.lists(note_lines, min_size=1, max_size=2),
    continued=st.booleans(),
    excel=st.booleans(),
)
def test_a_source_line_under_the_table_is_said_as_a_note_and_is_no_story(
    layout, budgets, title_only_at, title_only_text, totals, blanks, notes, continued, excel
):
    header, ident = LAYOUTS[layout]
    # falling amounts: no story adds up those above it (a subtotal by value, records._subtotals_by_value)
    budgets = [(budget, budget - 1) for budget in sorted(budgets, reverse=True)]
    rows = [header]
    stories = []
    for k, (budget, spent) in enumerate(budgets, 1):
        rows.append(_story_row(layout, k, budget, spent))
        stories.append(budget)
        if title_only_at is not None and title_only_at == k - 1 and k < len(budgets):
            # a story with a name and no amounts among the others: a story, whatever its words
            row = _story_row(layout, 100 + k, None, None)
            if title_only_text is not None:
                row[ident] = title_only_text
            rows.append(row)
            stories.append(None)
    if totals:
        rows.append(_line_row(layout, "Totaal")[:-2] + [sum(b for b, _ in budgets), sum(s for _, s in budgets)])
    rows += [[""] * len(header)] * blanks
    expected_lines = []
    for text in [*notes, *(["en verder voorlopig"] if continued else [])]:
        rows.append(_line_row(layout, text))
        expected_lines.append((len(rows), text))  # the spreadsheet row: the header is row 1
    data, name = _bytes(rows, excel)
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-12-31")
    assert parsed.errors == [], [(p.key, p.params) for p in parsed.errors]
    [report] = parsed.reports
    assert report.rows == len(stories)
    assert report.totals()["budget"] == sum(b for b in stories if b is not None)
    said = [(p.level, p.row, p.params["text"]) for p in parsed.problems if p.key == "line_below_table"]
    assert said == [("info", row, text) for row, text in expected_lines]
    named = set(report.stories["code"]) | set(report.stories["title"].dropna())
    assert not named & ({text for _, text in expected_lines} - {title_only_text})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    layout=st.sampled_from(sorted(LAYOUTS)),
    count=st.integers(1, 5),
    last=st.sampled_from(["Project Z", "Bronbemaling Noord", "Toelichting ontbreekt", "Noordzeekanaal", "Nota"]),
    blanks=st.integers(0, 2),
    excel=st.booleans(),
)
def test_a_last_story_with_a_name_only_and_no_note_word_stays_a_story(layout, count, last, blanks, excel):
    """'Bronbemaling Noord' under a blank row is a name, not 'Bron:': no word of a note, so a story still."""
    header, ident = LAYOUTS[layout]
    rows = [header, *(_story_row(layout, k, 1000 * (count + 1 - k), 0) for k in range(1, count + 1))]
    rows += [[""] * len(header)] * blanks + [_line_row(layout, last)]
    data, name = _bytes(rows, excel)
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-12-31")
    assert parsed.errors == []
    assert parsed.reports[0].rows == count + 1
    assert not [p for p in parsed.problems if p.key == "line_below_table"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from(sorted(LAYOUTS)), text=note_lines, excel=st.booleans())
def test_a_source_line_with_an_amount_beside_it_is_not_taken_for_a_note(layout, text, excel):
    """A line that holds an amount as well is read as the loader reads any such line, never dropped as a note."""
    header, ident = LAYOUTS[layout]
    row = _story_row(layout, 9, 500, 0)
    row[ident] = text
    rows = [header, _story_row(layout, 1, 1000, 0), row]
    data, name = _bytes(rows, excel)
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-12-31")
    assert not [p for p in parsed.problems if p.key == "line_below_table"]


def test_the_words_of_a_note_need_their_colon_or_marker():
    assert is_note_below("Bron: financiële administratie, peildatum 31-12-2024")
    assert (
        is_note_below("SOURCE : ledger") and is_note_below("N.B. voorlopige cijfers") and is_note_below("* excl. btw")
    )
    assert is_note_below("Toelichting: zie bijlage") and is_note_below("Noot:")
    assert not is_note_below("Bronbemaling") and not is_note_below("Bronnen van inkomsten")
    assert not is_note_below("Toelichting ontbreekt") and not is_note_below("Notitie: x") and not is_note_below("")
