"""Doorlooptijd and milestones (issue 22). A duration column holding a range ('01-01-2024 t/m 31-12-2025',
'2024 - 2026', 'Q1 2024 – Q4 2025', 'jan 2024 - dec 2025') gives a story's start and planned end, each end at its
own precision; a length only ('18 maanden') is kept as written and said. Milestone columns in Dutch and English
give per story a name, a planned and an actual date, periods kept as periods, stored, shown as markers on the
line's timeline, removed with their report and carried by a move. Written many ways (Hypothesis), loaded through
the real loader (CSV and a workbook) into a DuckDB file and read back; expected days worked out here, not by
portfolio/when.py."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio import analysis, db, ingest, manage, move, planning_charts, schedule
from portfolio.when import parse_range
from tests.exports import dutch_csv, workbook_bytes

MONTHS_NL = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MONTHS_EN = [calendar.month_name[m] for m in range(1, 13)]
EXCEL_EPOCH = dt.date(1899, 12, 30)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@st.composite
def moments(draw, years: tuple[int, int], excel: bool = False):
    """(cell as written, first day, last day): a day in several notations (a date cell or a serial in a
    workbook), a quarter, a month, a season, a year."""
    year = draw(st.integers(*years))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    when = dt.date(year, month, day)
    quarter = (month - 1) // 3 + 1
    styles = [
        (when.strftime("%d-%m-%Y"), when, when),
        (when.isoformat(), when, when),
        (
            f"{day} {['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'][month - 1]} {year}",
            when,
            when,
        ),
        (f"Q{quarter} {year}", dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)),
        (f"{MONTHS_NL[month - 1]} {year}", dt.date(year, month, 1), _month_end(year, month)),
        (f"{MONTHS_EN[month - 1]} {year}", dt.date(year, month, 1), _month_end(year, month)),
        (f"najaar {year}", dt.date(year, 9, 1), dt.date(year, 12, 31)),
        (f"voorjaar {year}", dt.date(year, 3, 1), dt.date(year, 6, 30)),
        (str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)),
    ]
    if excel:
        styles += [
            (dt.datetime(year, month, day), when, when),
            ((when - EXCEL_EPOCH).days, when, when),
        ]
    return draw(st.sampled_from(styles))


def stored_text(cell, first: dt.date, last: dt.date) -> str:
    """What the store keeps as the text: ISO for an exact day, the period as written."""
    return first.isoformat() if first == last else str(cell)


SEPARATORS = [" t/m ", " - ", " – ", " tot ", " to ", "–", " tot en met ", " until "]
DURATION_HEADERS = ["Doorlooptijd", "Looptijd", "Duration", "Periode", "Project duration", "Looptijd project"]


@st.composite
def ranges(draw):
    start = draw(moments((2019, 2024)))
    end = draw(moments((2025, 2029)))
    return f"{start[0]}{draw(st.sampled_from(SEPARATORS))}{end[0]}", start, end


@settings(max_examples=300, deadline=None)
@given(ranges())
def test_a_range_gives_both_ends_at_their_own_precision(written):
    text, start, end = written
    first, last = parse_range(text)
    assert (first.first, first.last, last.first, last.last) == (start[1], start[2], end[1], end[2])
    assert (first.text, last.text) == (stored_text(*start), stored_text(*end))


@pytest.mark.parametrize("text", ["18 maanden", "2 jaar", "6 weeks", "Q3 2024", "2024", "na akkoord GS", "2023/24"])
def test_a_length_or_one_period_is_no_range(text):
    assert parse_range(text) is None


# --- through the loader into a DuckDB file ------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    connection = db.connect(tmp_path_factory.mktemp("milestones") / "store.duckdb")
    yield connection
    connection.close()


_COUNTER = itertools.count()


def load(con, rows: list[list], workbook: bool, **options):
    """Rows (header first) through the real loader, as a semicolon CSV or an xlsx workbook (openpyxl)."""
    programme = f"P{next(_COUNTER)}"
    if workbook:
        data, name = workbook_bytes(rows), "export.xlsx"
    else:
        data, name = dutch_csv([";".join("" if c is None else str(c) for c in row) for row in rows]), "export.csv"
    parsed, [done] = ingest.load_file(
        con, data, name, programme=programme, report_date="2025-06-30", same_file=True, **options
    )
    return parsed, done.report_id


def dates_of(con, report_id: int) -> dict[str, tuple]:
    rows = con.execute(
        "select code, duration, start_date, start_date_first, start_date_last, planned_end, planned_end_first, "
        "planned_end_last from stories where report_id = $r order by sort_order",
        {"r": report_id},
    ).fetchall()
    return {row[0]: row[1:] for row in rows}


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(DURATION_HEADERS), st.lists(ranges(), min_size=1, max_size=4), st.booleans())
def test_a_duration_column_of_ranges_gives_start_and_planned_end(store, header, written, workbook):
    rows = [["Nr", "Omschrijving", "Budget", header]]
    rows += [[f"S{k}", f"Story {k}", 100 + k, text] for k, (text, _, _) in enumerate(written)]
    parsed, report_id = load(store, rows, workbook)
    assert parsed.errors == [] and parsed.headers[parsed.mapping["duration"]] == header
    got = dates_of(store, report_id)
    for k, (text, start, end) in enumerate(written):
        assert got[f"S{k}"] == (text, stored_text(*start), start[1], start[2], stored_text(*end), end[1], end[2])


def test_a_length_only_is_kept_as_written_and_said(store):
    rows = [
        ["Nr", "Omschrijving", "Budget", "Doorlooptijd"],
        ["1", "Zaaksysteem", 100, "18 maanden"],
        ["2", "Archief", 200, "2 jaar"],
        ["3", "Portaal", 300, "01-01-2024 t/m 31-12-2025"],
    ]
    parsed, report_id = load(store, rows, workbook=False)
    [said] = [p for p in parsed.problems if p.key == "duration_length"]
    assert (said.column, said.params["rows"], said.params["count"], said.params["value"]) == (
        "Doorlooptijd",
        "2, 3",
        2,
        "18 maanden",
    )
    d = dt.date
    assert dates_of(store, report_id) == {
        "1": ("18 maanden", None, None, None, None, None, None),
        "2": ("2 jaar", None, None, None, None, None, None),
        "3": ("01-01-2024 t/m 31-12-2025", "2024-01-01", d(2024, 1, 1), d(2024, 1, 1), "2025-12-31",
              d(2025, 12, 31), d(2025, 12, 31)),
    }  # fmt: skip


def test_a_start_column_is_kept_before_the_range_and_a_period_of_years_stays_a_period(store):
    rows = [
        ["Nr", "Omschrijving", "Budget", "Startdatum", "Doorlooptijd"],
        ["1", "Zaaksysteem", 100, "01-03-2024", "2024 - 2026"],
    ]
    _, report_id = load(store, rows, workbook=False)
    assert dates_of(store, report_id)["1"][1:] == (
        "2024-03-01",
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 1),
        "2026",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    # a 'Periode' of financial years is the report's year, as before: no duration
    parsed = ingest.parse_export(
        dutch_csv(["Nr;Omschrijving;Budget;Periode", "1;A;100;2024-2025", "2;B;100;2024-2025"]), "jaren.csv"
    )
    assert "period" in parsed.mapping and "duration" not in parsed.mapping


# --- milestones ------------------------------------------------------------------------------------------------

MILESTONE_HEADERS = [
    ("Mijlpaal", "Datum mijlpaal", "Mijlpaal gerealiseerd"),
    ("Volgende mijlpaal", "Mijlpaal datum", "Mijlpaal gereed"),
    ("Milestone", "Milestone date", "Milestone achieved"),
    ("Next milestone", "Next milestone date", "Milestone actual date"),
    ("Milestone {n}", "Milestone {n} date", "Milestone {n} actual"),
    ("Mijlpaal {n}", "Mijlpaal {n} gepland", "Mijlpaal {n} gerealiseerd"),
]
NAMES = ["Go-live", "Aanbesteding gegund", "Pilot gestart", "Besluit GS", "Contract signed"]
REPORT_DATE = dt.date(2025, 6, 30)


@st.composite
def milestone_exports(draw):
    """(header set, slots, workbook, stories): per story per slot a name, a planned and maybe an actual date."""
    headers = draw(st.sampled_from(MILESTONE_HEADERS))
    numbered = "{n}" in headers[0]
    slots = draw(st.integers(1, 2)) if numbered else 1
    workbook = draw(st.booleans())
    stories = []
    for _ in range(draw(st.integers(1, 4))):
        marks = []
        for _ in range(slots):
            planned = draw(moments((2023, 2027), excel=workbook))
            actual = draw(st.none() | moments((2023, 2025), excel=workbook))
            marks.append((draw(st.sampled_from(NAMES)), planned, actual))
        stories.append(marks)
    return headers, slots, workbook, stories


@settings(max_examples=25, deadline=None)
@given(milestone_exports())
def test_milestone_columns_give_names_planned_and_actual_dates(store, export):
    headers, slots, workbook, stories = export
    header = ["Code", "Title", "Budget"]
    for n in range(1, slots + 1):
        header += [h.format(n=n) for h in headers]
    rows = [header]
    for k, marks in enumerate(stories):
        row = [f"S{k}", f"Story {k}", 100]
        for name, planned, actual in marks:
            row += [name, planned[0], None if actual is None else actual[0]]
        rows.append(row)
    parsed, report_id = load(store, rows, workbook)
    assert parsed.errors == [] and not [p for p in parsed.warnings if p.key == "date_text"]
    assert set(parsed.mapping) == {"code", "title", "budget"}  # a milestone's date is no story's end
    got = analysis.milestones(store, report_id)
    expected = []
    for k, marks in enumerate(stories):
        for position, (name, planned, actual) in enumerate(marks, start=1):
            missed = actual is None and planned[2] < REPORT_DATE
            expected.append(
                (
                    f"S{k}",
                    position,
                    name,
                    stored_text(*planned),
                    planned[1],
                    planned[2],
                    None if actual is None else stored_text(*actual),
                    None if actual is None else actual[1],
                    None if actual is None else actual[2],
                    missed,
                )
            )
    found = [
        (
            r["code"],
            r["position"],
            r["name"],
            r["planned"],
            _day(r["planned_first"]),
            _day(r["planned_last"]),
            None if r["actual"] is None or r["actual"] != r["actual"] else r["actual"],
            _day(r["actual_first"]),
            _day(r["actual_last"]),
            bool(r["missed"]),
        )
        for r in got.to_dict("records")
    ]
    assert found == expected


def _day(value):
    import pandas as pd

    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def test_a_milestone_column_of_dates_only_is_a_planned_date_named_by_its_header(store):
    rows = [
        ["Nr", "Omschrijving", "Budget", "Milestone 1", "Milestone 2"],
        ["1", "Zaaksysteem", 100, "Q1 2025", "najaar 2025"],
        ["2", "Archief", 200, "", "31-12-2024"],
    ]
    _, report_id = load(store, rows, workbook=False)
    got = analysis.milestones(store, report_id)
    assert got[["code", "column_name", "planned"]].values.tolist() == [
        ["1", "Milestone 1", "Q1 2025"],
        ["1", "Milestone 2", "najaar 2025"],
        ["2", "Milestone 2", "2024-12-31"],
    ]
    assert got["missed"].tolist() == [True, False, True]  # Q1 2025 and 31-12-2024 lie before 30-06-2025
    assert got["name"].isna().all()
    table = planning_charts.milestone_table(got, "nl")
    assert table["Mijlpaal"].tolist() == ["Milestone 1", "Milestone 2", "Milestone 2"]
    assert table["Stand"].tolist() == ["⚠ gemist", "open", "⚠ gemist"]


def test_two_columns_for_one_part_of_a_milestone_are_said_not_silently_one_dropped(store):
    """'Datum mijlpaal' and 'Mijlpaal datum' both name the planned date of the one milestone: the first is read
    and the other is named in a warning with the column that was read (a guess said out loud)."""
    rows = [
        ["Nr", "Omschrijving", "Budget", "Mijlpaal", "Datum mijlpaal", "Mijlpaal datum"],
        ["1", "Zaaksysteem", 100, "Pilot", "31-03-2025", "30-04-2025"],
    ]
    parsed, report_id = load(store, rows, workbook=False)
    [said] = [p for p in parsed.problems if p.key == "milestone_column_passed_over"]
    assert (said.column, said.params["kept"]) == ("Mijlpaal datum", "Datum mijlpaal")
    assert analysis.milestones(store, report_id)["planned"].tolist() == ["2025-03-31"]


# --- on the line's timeline, and in a delete and a move ------------------------------------------------------

PLAN = [
    ["Nr", "Omschrijving", "Programmalijn", "Budget", "Startdatum", "Einddatum", "Mijlpaal", "Datum mijlpaal",
     "Mijlpaal gerealiseerd"],
    ["1", "Zaaksysteem", "Basis", 100, "01-01-2025", "31-12-2025", "Pilot", "31-03-2025", "15-04-2025"],
    ["2", "Archief", "Basis", 100, "01-01-2025", "31-12-2025", "Aanbesteding", "Q1 2025", ""],
    ["3", "Portaal", "Basis", 100, "01-01-2025", "31-12-2025", "Go-live", "najaar 2025", ""],
]  # fmt: skip


def test_the_timeline_marks_milestones_planned_achieved_and_missed(store):
    _, report_id = load(store, PLAN, workbook=False)
    stories = analysis.stories(store, report_id)
    marks = analysis.milestones(store, report_id)
    figure = planning_charts.timeline(stories, "nl", today=dt.date(2025, 6, 30), milestones=marks)
    traces = {trace.name: trace for trace in figure.data if trace.type == "scatter"}
    assert set(traces) == {"Mijlpaal gepland", "Mijlpaal gerealiseerd", "Mijlpaal gemist"}
    planned, actual, missed = (traces[n] for n in ("Mijlpaal gepland", "Mijlpaal gerealiseerd", "Mijlpaal gemist"))
    assert list(planned.customdata) == ["1", "3"] and list(planned.x) == ["2025-03-31", "2025-12-31"]
    assert planned.marker.symbol == "diamond-open"
    assert list(actual.customdata) == ["1"] and list(actual.x) == ["2025-04-15"]
    assert list(missed.customdata) == ["2"] and list(missed.x) == ["2025-03-31"] and missed.marker.symbol == "x"
    assert [y.startswith("2 · Archief") for y in missed.y] == [True]
    assert planning_charts.timeline(stories, "nl", today=dt.date(2025, 6, 30)).data[-1].type == "bar"  # none: bars


def test_delete_removes_the_milestones_and_a_move_carries_them(tmp_path):
    source = tmp_path / "source.duckdb"
    con = db.connect(source)
    _, kept = load(con, PLAN, workbook=False)
    _, gone = load(con, PLAN, workbook=False)
    manage.delete(con, gone, actor="test")
    count = "select report_id, count(*) from story_milestones group by report_id order by report_id"
    assert con.execute(count).fetchall() == [(kept, 3)]
    con.close()
    result = move.move(source, tmp_path / "target.duckdb")
    assert result.checked and result.rows("story_milestones") == 3
    target = db.connect(tmp_path / "target.duckdb")
    try:
        assert analysis.milestones(target, kept)["name"].tolist() == ["Pilot", "Aanbesteding", "Go-live"]
    finally:
        target.close()


@pytest.mark.parametrize("with_lights", [False, True])  # a plan, and a progress report
def test_the_excel_export_and_the_written_report_name_each_milestone_and_its_state(store, with_lights):
    """Pilot achieved, Aanbesteding (Q1 2025) missed by the report date 30 June 2025, Go-live (najaar 2025)
    open: the export's Mijlpalen sheet and each story's paragraph in the written report say so, in a plan
    and in a progress report alike."""
    import io

    import docx
    import openpyxl

    from portfolio import export, progress_report

    rows = [row + (["Stoplicht"] if k == 0 else ["groen"]) for k, row in enumerate(PLAN)] if with_lights else PLAN
    _, report_id = load(store, rows, workbook=False)
    book = openpyxl.load_workbook(io.BytesIO(export.export_file(store, report_id, "xlsx", "nl")))
    rows = list(book["Mijlpalen"].iter_rows(values_only=True))
    at = next(k for k, row in enumerate(rows) if "Mijlpaal" in row)
    header = list(rows[at])
    table = [dict(zip(header, row)) for row in rows[at + 1 :]]
    assert [(r["Nr"], r["Mijlpaal"], r["Stand"]) for r in table] == [
        ("1", "Pilot", "gerealiseerd"),
        ("2", "Aanbesteding", "⚠ gemist"),
        ("3", "Go-live", "open"),
    ]
    data = progress_report.generate(store, report_id, "docx", lang="nl")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    lines = [line for line in text.splitlines() if line.startswith("Mijlpalen")]
    assert lines == [
        "Mijlpalen: Pilot, gepland 31 maart 2025, gerealiseerd 15 april 2025",
        "Mijlpalen: Aanbesteding, gepland Q1 2025, gemist",
        "Mijlpalen: Go-live, gepland najaar 2025, open",
    ]


LATER = [  # the same programme a quarter later, as its next export writes it
    ["Nr", "Omschrijving", "Programmalijn", "Budget", "Startdatum", "Einddatum", "Mijlpaal", "Datum mijlpaal",
     "Mijlpaal gerealiseerd", "Prognose einddatum"],
    ["1", "Zaaksysteem", "Basis", 100, "01-01-2025", "31-12-2025", "Pilot", "31-03-2025", "15-04-2025", ""],
    ["2", "Archief", "Basis", 100, "01-01-2025", "31-12-2025", "Aanbesteding", "Q1 2025", "20-07-2025", ""],
    ["3", "Portaal", "Basis", 100, "01-01-2025", "31-12-2025", "Go-live", "15-02-2026", "", "31-03-2026"],
    ["4", "Koppelingen", "Basis", 100, "01-01-2025", "31-12-2025", "Test", "31-08-2025", "", ""],
]  # fmt: skip


def two_reports(con) -> tuple[int, int]:
    """PLAN on 30 June 2025 and LATER on 30 September 2025, one programme."""
    programme = f"P{next(_COUNTER)}"
    ids = []
    for rows, when in ((PLAN, "2025-06-30"), (LATER, "2025-09-30")):
        data = dutch_csv([";".join("" if c is None else str(c) for c in row) for row in rows])
        _, [done] = ingest.load_file(con, data, f"{when}.csv", programme=programme, report_date=when, same_file=True)
        ids.append(done.report_id)
    return ids[0], ids[1]


def test_what_changed_in_the_milestones_between_two_reports_worked_out_by_hand(store):
    """Between the June and the September report: Aanbesteding (missed in June) achieved on 20 July; Go-live
    moved from 'najaar 2025' (1 Sep .. 31 Dec 2025) to 15 Feb 2026: +46 .. +167 days; Test (story 4) new, and
    missed by 30 September already (planned 31 August, no actual date); Pilot unchanged, so not listed. The
    most telling first: missed, then achieved, then moved."""
    older, newer = two_reports(store)
    changes = schedule.milestone_changes(analysis.milestones(store, older), analysis.milestones(store, newer))
    assert changes.to_dict("records") == [
        {"code": "4", "name": "Test", "change": "added_missed", "planned_old": None, "planned_new": "2025-08-31",
         "actual": None, "move_min": None, "move_max": None},
        {"code": "2", "name": "Aanbesteding", "change": "met", "planned_old": "Q1 2025", "planned_new": "Q1 2025",
         "actual": "2025-07-20", "move_min": None, "move_max": None},
        {"code": "3", "name": "Go-live", "change": "moved", "planned_old": "najaar 2025",
         "planned_new": "2026-02-15", "actual": None, "move_min": 46, "move_max": 167},
    ]  # fmt: skip
    # the other way round: 4 removed, 3 moved back, 2 'missed' again (no actual date in the older one)
    back = schedule.milestone_changes(analysis.milestones(store, newer), analysis.milestones(store, older))
    assert [(r["code"], r["change"]) for r in back.to_dict("records")] == [
        ("2", "missed"),
        ("3", "moved"),
        ("4", "removed"),
    ]
    assert back.iloc[1]["move_min"] == -167 and back.iloc[1]["move_max"] == -46
    assert schedule.milestone_changes(analysis.milestones(store, newer), analysis.milestones(store, newer)).empty


def test_the_compare_page_lists_what_changed_in_the_milestones(app_db):
    from streamlit.testing.v1 import AppTest

    from tests.test_app import open_page

    con = db.connect(app_db)
    try:
        older, newer = two_reports(con)
        programme = con.execute(
            "select p.name from programmes p join reports r using (programme_id) where r.report_id = $r", {"r": newer}
        ).fetchall()[0][0]
    finally:
        con.close()
    at = open_page("pages/compare.py", programme=programme, drafts="1")  # loads are drafts until approved
    assert isinstance(at, AppTest) and not at.exception
    assert "Mijlpalen: wat veranderde" in [h.value for h in at.header]
    [table] = [d for d in at.dataframe if "Verandering" in d.value.columns]
    assert table.value["Verandering"].tolist() == ["⚠ nieuw, al gemist", "gerealiseerd", "verschoven"]
    assert [None if pd.isna(v) else v for v in table.value["Gepland toen"]] == [None, "Q1 2025", "najaar 2025"]
    assert table.value["Gepland nu"].tolist() == ["31 augustus 2025", "Q1 2025", "15 februari 2026"]
    # and above it the expected ends that moved: Portaal from its planned end to its forecast, +90 days
    [ends] = [d for d in at.dataframe if "Verwacht einde toen" in d.value.columns]
    assert ends.value.to_dict("list") == {
        "Nr": ["3"],
        "Titel": ["Portaal"],
        "Verwacht einde toen": ["31 december 2025"],
        "Verwacht einde nu": ["31 maart 2026"],
        "Verschoven (dagen)": ["+90"],
    }


def test_a_story_with_milestones_but_no_start_or_end_has_a_row_of_markers_on_the_timeline(store):
    """Before, a story without a start and an end was left off the timeline, its milestones with it; a line
    whose stories had milestones only showed no timeline and no milestone table at all."""
    rows = [
        ["Nr", "Omschrijving", "Programmalijn", "Budget", "Startdatum", "Einddatum", "Mijlpaal", "Datum mijlpaal"],
        ["1", "Zaaksysteem", "Basis", 100, "01-01-2025", "31-12-2025", "Pilot", "31-03-2025"],
        ["2", "Archief", "Basis", 100, "", "", "Aanbesteding", "Q3 2025"],
        ["3", "Portaal", "Basis", 100, "", "", "", ""],
    ]  # fmt: skip
    _, report_id = load(store, rows, workbook=False)
    stories = analysis.stories(store, report_id)
    marks = analysis.milestones(store, report_id)
    figure = planning_charts.timeline(stories, "nl", today=dt.date(2025, 6, 30), milestones=marks)
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert [y.split(" · ")[0] for y in bars[0].y] == ["1", "2"]  # 3 has neither dates nor milestones
    assert bars[0].base[1] is None and bars[0].x[1] is None  # no bar for 2: no start, no end
    traces = {trace.name: trace for trace in figure.data if trace.type == "scatter"}
    # Pilot passed its day before the report date (30 June 2025) without an actual date; Q3 2025 is open
    assert list(traces["Mijlpaal gemist"].customdata) == ["1"] and list(traces["Mijlpaal gemist"].x) == ["2025-03-31"]
    assert list(traces["Mijlpaal gepland"].customdata) == ["2"]
    assert list(traces["Mijlpaal gepland"].x) == ["2025-09-30"]
    # milestones only: the timeline is drawn for them
    only = stories[stories["code"] == "2"]
    assert planning_charts.timeline(only, "nl", milestones=marks[marks["code"] == "2"]) is not None
    assert planning_charts.timeline(stories[stories["code"] == "3"], "nl", milestones=marks) is None
