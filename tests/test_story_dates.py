"""Dates per story (issue 22): start, planned end, latest approved end and forecast end, recognised by
their Dutch and English headers, read in the formats real exports write them, a loosely named period
kept as a period with the first and last day it can mean, and stored per story. Missing is not "on time"."""

from __future__ import annotations

import calendar
import csv
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio import ingest, mapping
from portfolio.when import parse_when
from tests.conftest import CORPUS
from tests.exports import dutch_csv, workbook_bytes

HEADERS = {
    "start_date": [
        "Startdatum",
        "Start Date",
        "Begindatum",
        "Start",
        "Project - Start Date \n(Latest Approved Start Date)",
    ],
    "planned_end": ["Einddatum", "Opleverdatum", "Planning gereed", "End Date", "Completion Date (B1)", "Deadline"],
    "approved_end": [
        "End Date (Latest Approved)",
        "Project - End Date \n(Latest Approved End Date)",
        "Laatst vastgestelde einddatum",
        "Herziene einddatum",
        "Planned Project Completion Date (B2)",
    ],
    "forecast_end": [
        "Forecast completion",
        "Verwachte einddatum",
        "Prognose oplevering",
        "Projected/Actual Project Completion Date (B2)",
        "Expected completion date",
    ],
}
STILL_MONEY = {"Prognose": "forecast", "Eindprognose": "forecast", "Forecast": "forecast", "Budget": "budget"}
MONTH_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december"]  # fmt: skip
MONTH_EN = [calendar.month_name[m] for m in range(1, 13)]


@pytest.mark.parametrize("field, header", [(f, h) for f, hs in HEADERS.items() for h in hs])
def test_each_date_header_names_its_field(field, header):
    assert mapping.match_field(header) == field


@pytest.mark.parametrize("header, field", STILL_MONEY.items())
def test_money_headers_are_not_taken_for_dates(header, field):
    assert mapping.match_field(header) == field


# --- one day written many ways is one stored day ---------------------------------------------------------

DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2070, 12, 31))


def written(day: dt.date, style: int) -> object:
    """The day as some export writes it."""
    serial = (day - dt.date(1899, 12, 30)).days
    return [
        f"{day.day:02d}-{day.month:02d}-{day.year}",  # dd-mm-jjjj
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        day.isoformat(),
        f"{day.isoformat()}T00:00:00Z",  # US IT dashboard
        f"{day.isoformat()} 00:00:00",
        dt.datetime(day.year, day.month, day.day),  # an Excel date cell
        day,
        serial,  # an Excel serial in a cell without a date format
        float(serial),
        str(serial),
        f"{day.day} {MONTH_NL[day.month - 1]} {day.year}",
        f"{day.day} {MONTH_EN[day.month - 1]} {day.year}",
        f"{MONTH_EN[day.month - 1]} {day.day}, {day.year}",
        f" {day.day:02d}-{day.month:02d}-{day.year}\n",
    ][style]


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(0, 15), st.integers(0, 15))
def test_the_same_day_written_two_ways_is_stored_as_the_same_day(day, one, other):
    first, second = parse_when(written(day, one)), parse_when(written(day, other))
    assert (first.text, first.first, first.last) == (second.text, second.first, second.last)
    assert first.first == first.last == day and first.exact and first.text == day.isoformat()


# --- a period named loosely stays a period ---------------------------------------------------------------


def bounds(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """First and last day of months first_month..last_month of a year, worked out apart from portfolio.when."""
    after = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
    return dt.date(year, first_month, 1), after - dt.timedelta(days=1)


YEARS = st.integers(1995, 2060)


@st.composite
def periods(draw):
    """(text as written, first day, last day) of a period an export may name."""
    year = draw(YEARS)
    kind = draw(st.sampled_from(["quarter", "month", "year", "half", "season"]))
    if kind == "quarter":
        q = draw(st.integers(1, 4))
        text = draw(
            st.sampled_from(
                [f"Q{q} {year}", f"q{q}-{year}", f"{year}-Q{q}", f"{year} Q{q}", f"K{q} {year}",
                 f"{q}e kwartaal {year}", f"Kwartaal {q} {year}", f"{q}de kwartaal {year}"]
            )
        )  # fmt: skip
        return text, *bounds(year, 3 * q - 2, 3 * q)
    if kind == "month":
        m = draw(st.integers(1, 12))
        text = draw(
            st.sampled_from(
                [f"{MONTH_NL[m - 1]} {year}", f"{MONTH_EN[m - 1]} {year}", f"{MONTH_NL[m - 1].capitalize()} {year}",
                 f"{year}-{m:02d}", f"{m:02d}-{year}", f"{MONTH_EN[m - 1][:3]} {year}"]
            ).filter(lambda t: t != f"{year}-{m:02d}" or m != (year + 1) % 100)
        )  # fmt: skip
        # ('2010-11' is the financial year 2010/11 as much as November 2010: when.py keeps it without days)
        return text, *bounds(year, m, m)
    if kind == "year":
        return draw(st.sampled_from([str(year), year])), *bounds(year, 1, 12)
    if kind == "half":
        h = draw(st.integers(1, 2))
        text = draw(st.sampled_from([f"H{h} {year}", f"{h}e helft {year}", f"{h}st half {year}"]))
        return (text, *bounds(year, 1, 6)) if h == 1 else (text, *bounds(year, 7, 12))
    name, months = draw(
        st.sampled_from(
            [("najaar", (9, 12)), ("Najaar", (9, 12)), ("voorjaar", (3, 6)), ("zomer", (6, 9)), ("autumn", (9, 12)),
             ("eind", (7, 12)), ("begin", (1, 6)), ("medio", (4, 9))]
        )
    )  # fmt: skip
    return f"{name} {year}", *bounds(year, *months)


@settings(max_examples=300, deadline=None)
@given(periods())
def test_a_loosely_named_period_is_kept_as_written_with_its_first_and_last_day(period):
    text, first, last = period
    when = parse_when(text)
    assert when.text == str(text).strip()  # the period as written, never a day made up
    assert (when.first, when.last) == (first, last)
    assert not when.exact and when.first < when.last


@pytest.mark.parametrize("text", ["na akkoord GS", "zodra de aanbesteding rond is", "30-02-2024", "Q5 2024"])
def test_text_that_names_no_date_is_kept_without_days(text):
    when = parse_when(text)
    assert when.text == text and when.first is None and when.last is None


@pytest.mark.parametrize("cell", [None, "", "  ", "n.v.t.", "tbd", "NA", float("nan")])
def test_a_blank_or_no_value_cell_is_missing_not_a_date(cell):
    assert parse_when(cell) is None


# --- through the loader, into the store ------------------------------------------------------------------


def stored_dates(con, programme: str) -> dict[str, tuple]:
    rows = con.execute(
        "select s.code, s.start_date, s.start_date_first, s.planned_end, s.planned_end_first, s.planned_end_last, "
        "s.approved_end, s.forecast_end, s.forecast_end_first, s.forecast_end_last "
        "from stories s join reports r using (report_id) join programmes p using (programme_id) "
        "where p.name = $p and r.is_current order by s.sort_order",
        {"p": programme},
    ).fetchall()
    return {row[0]: row[1:] for row in rows}


def test_a_dutch_export_with_dates_and_periods_is_stored_per_story(con):
    data = dutch_csv(
        [
            "Nr;Omschrijving;Budget;Stoplicht;Startdatum;Planning gereed;Verwachte einddatum",
            "1;Zaaksysteem;100;groen;01-02-2024;Q3 2024;15-10-2024",
            "2;Archief;200;oranje;mei 2023;najaar 2025;2026",
            "3;Website;50;rood;;31-12-2024;na akkoord GS",
        ]
    )
    parsed, [done] = ingest.load_file(con, data, "planning.csv", programme="Planning", report_date="2025-03-31")
    assert {f: parsed.headers[i] for f, i in parsed.mapping.items() if f.endswith(("_date", "_end"))} == {
        "start_date": "Startdatum",
        "planned_end": "Planning gereed",
        "forecast_end": "Verwachte einddatum",
    }
    [warned] = [p for p in parsed.warnings if p.key == "date_text"]
    assert (warned.row, warned.params["value"]) == (4, "na akkoord GS")
    d = dt.date
    assert stored_dates(con, "Planning") == {
        "1": ("2024-02-01", d(2024, 2, 1), "Q3 2024", d(2024, 7, 1), d(2024, 9, 30), None, "2024-10-15",
              d(2024, 10, 15), d(2024, 10, 15)),
        "2": ("mei 2023", d(2023, 5, 1), "najaar 2025", d(2025, 9, 1), d(2025, 12, 31), None, "2026",
              d(2026, 1, 1), d(2026, 12, 31)),
        "3": (None, None, "2024-12-31", d(2024, 12, 31), d(2024, 12, 31), None, "na akkoord GS", None, None),
    }  # fmt: skip


def test_excel_date_cells_and_serials_are_days(con):
    data = workbook_bytes(
        [
            ["Programma:", "Werkboek"],
            ["Peildatum:", "31-03-2025"],
            [],
            ["Nr", "Omschrijving", "Budget", "Start Date", "End Date", "Forecast completion"],
            ["A", "Een", 100, dt.datetime(2024, 1, 15), 45657, "Q1 2025"],
            ["B", "Twee", 200, dt.datetime(2023, 6, 1), dt.datetime(2024, 6, 30), 2025],
        ]
    )
    parsed, _ = ingest.load_file(con, data, "werkboek.xlsx")
    assert parsed.errors == [] and not [p for p in parsed.warnings if p.key == "date_text"]
    d = dt.date
    got = stored_dates(con, "Werkboek")
    assert got["A"][:5] == ("2024-01-15", d(2024, 1, 15), "2024-12-31", d(2024, 12, 31), d(2024, 12, 31))
    assert got["A"][6:] == ("Q1 2025", d(2025, 1, 1), d(2025, 3, 31))
    assert got["B"][6:] == ("2025", d(2025, 1, 1), d(2025, 12, 31))


# --- the real files: dates as published, against an independent read with the csv module ----------------


def csv_rows(name: str) -> list[dict[str, str]]:
    with open(CORPUS / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def iso_day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text.strip() else None


def test_the_gmpp_start_and_latest_approved_end_dates_are_read_as_published():
    rows = csv_rows("uk_gmpp_co_ar_data_march2024.csv")
    starts = [h for h in rows[0] if h.startswith("Project - Start Date")][0]
    ends = [h for h in rows[0] if h.startswith("Project - End Date")][0]
    data = (CORPUS / "uk_gmpp_co_ar_data_march2024.csv").read_bytes()
    parsed = ingest.parse_export(data, "gmpp.csv", programme="GMPP", report_date="2024-03-31")
    assert parsed.headers[parsed.mapping["start_date"]] == starts
    assert parsed.headers[parsed.mapping["approved_end"]] == ends  # '(Latest Approved End Date)'
    assert "planned_end" not in parsed.mapping and "forecast_end" not in parsed.mapping
    stories = parsed.reports[0].stories
    expected = {r["GMPP ID Number"]: (iso_day(r[starts]), iso_day(r[ends])) for r in rows if r["GMPP ID Number"]}
    got = dict(zip(stories["code"], zip(stories["start_date_first"], stories["approved_end_first"], strict=True)))
    assert got == expected and len(got) == 11
    assert (stories["approved_end_first"] == stories["approved_end_last"]).all()


def test_the_us_it_dashboard_dates_are_read_as_published():
    rows = [r for r in csv_rows("us_itdashboard_projects_fy2012.csv") if r["Project ID"]]
    data = (CORPUS / "us_itdashboard_projects_fy2012.csv").read_bytes()
    parsed = ingest.parse_export(data, "us.csv", programme="US", report_date="2012-09-30")
    named = {
        f: parsed.headers[parsed.mapping[f]] for f in ("start_date", "planned_end", "approved_end", "forecast_end")
    }
    assert named == {
        "start_date": "Start Date",
        "planned_end": "Completion Date (B1)",
        "approved_end": "Planned Project Completion Date (B2)",
        "forecast_end": "Projected/Actual Project Completion Date (B2)",
    }
    stories = parsed.reports[0].stories
    got = {
        (str(code), field): day
        for field in named
        for code, day in zip(stories["code"], stories[f"{field}_first"], strict=True)
    }
    expected = {(r["Project ID"], field): iso_day(r[header]) for r in rows for field, header in named.items()}
    # every project is a story (four rows repeat another row whole and are dropped, said)
    assert len(stories) == len({r["Project ID"] for r in rows}) == 2468
    assert got == expected
    filled = {r["Project ID"] for r in rows if r["Projected/Actual Project Completion Date (B2)"]}
    assert sum(d is not None for d in stories["forecast_end_first"]) == len(filled)


iso_like = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 19), st.integers(0, 39)
)


@settings(max_examples=500, deadline=None)
@given(text=iso_like, pad=st.sampled_from([" ", "\t", "  ", "_x000D_"]))
def test_a_plain_iso_day_read_at_once_is_what_the_whole_reading_gives(text, pad):
    """'2024-03-31' is read at once (when._ISO_DAY); the same text with a space around it goes the whole way
    (spaces folded, no-value words, every pattern): both give the same When, days that do not exist included."""
    assert parse_when(text) == parse_when(pad + text) == parse_when(text + pad)
    if parse_when(text).first is not None:
        assert parse_when(text).first == dt.date(*map(int, text.split("-")))
