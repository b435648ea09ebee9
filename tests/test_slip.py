"""Slip (issue 22): the forecast end (else the latest approved end) against the planned end, in days and
as a share of the planned duration, a range where a date is a period, unknown where a date is missing;
the light by the figures takes the schedule into account beside the cost (margins on the Rules page) and
says which of the two made it amber or red. Every figure here is worked out again apart from the SQL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import analysis, db, ingest, manage, schedule
from tests.exports import dutch_csv
from tests.test_app import open_page, texts

DAYS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))
QUARTER_MONTHS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}


def month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)) - dt.timedelta(days=1)


@st.composite
def a_date(draw):
    """(cell text, first day, last day): an exact day, or a quarter kept as a period."""
    if draw(st.booleans()):
        day = draw(DAYS)
        return day.strftime("%d-%m-%Y"), day, day
    year, quarter = draw(st.integers(2015, 2035)), draw(st.integers(1, 4))
    first, last = QUARTER_MONTHS[quarter]
    return f"Q{quarter} {year}", dt.date(year, first, 1), month_end(year, last)


def expected_slip(start, planned, end):
    """(days least, days most, share least, share most) worked out here: the corners of the ranges."""
    if planned is None or end is None:
        return None, None, None, None
    low, high = (end[1] - planned[2]).days, (end[2] - planned[1]).days
    if start is None:
        return low, high, None, None
    durations = ((planned[1] - start[2]).days, (planned[2] - start[1]).days)
    if durations[0] <= 0:
        return low, high, None, None
    shares = [s / d for s in (low, high) for d in durations]
    return low, high, min(shares[:2]), max(shares[2:])


def expected_light(budget, forecast, share_least, rules) -> tuple[str, str | None]:
    """(light, cause) under the rules: the worse of cost and schedule; unknown only when neither is known."""
    cost = "unknown"
    if budget is not None and forecast is not None:
        overrun = (forecast - budget) / budget
        cost = "red" if overrun > rules["overrun_red"] else "amber" if overrun > rules["overrun_amber"] else "green"
    plan = "unknown"
    if share_least is not None:
        plan = (
            "red"
            if share_least > rules["schedule_red"]
            else "amber"
            if share_least > rules["schedule_amber"]
            else "green"
        )
    for light in ("red", "amber", "green"):
        if light in (cost, plan):
            break
    else:
        return "unknown", None
    if light not in ("red", "amber"):
        return light, None
    return light, "cost_schedule" if cost == plan == light else "cost" if cost == light else "schedule"


STORY = st.tuples(
    st.none() | a_date(),
    st.none() | a_date(),
    st.none() | a_date(),
    st.none() | a_date(),
    st.sampled_from([None, 100, 104, 108, 120]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(STORY, min_size=1, max_size=8))
def test_slip_and_the_light_are_the_figures_worked_out_by_hand(con, stories):
    """An export of stories with any mix of days, quarters and missing dates: each story's slip in days
    and as a share of its planned duration, and its light by the figures, as worked out here."""
    lines = ["Nr;Omschrijving;Budget;Prognose;Startdatum;Einddatum;Laatst vastgestelde einddatum;Verwachte einddatum"]
    for n, (start, planned, approved, forecast_end, forecast) in enumerate(stories, 1):
        cells = [d[0] if d else "" for d in (start, planned, approved, forecast_end)]
        lines.append(";".join([str(n), f"Story {n}", "100", "" if forecast is None else str(forecast), *cells]))
    con.execute("delete from stories; delete from reports; delete from programmes")
    _, [done] = ingest.load_file(con, dutch_csv(lines), "slip.csv", programme="Slip", report_date="2025-06-30")
    rules = analysis.status_rules(con)
    got = analysis.stories(con, done.report_id).set_index("code")
    for n, (start, planned, approved, forecast_end, forecast) in enumerate(stories, 1):
        row = got.loc[str(n)]
        low, high, share_low, share_high = expected_slip(start, planned, forecast_end or approved)
        figures = [row.slip_days_min, row.slip_days_max, row.slip_share_min, row.slip_share_max]
        figures = [None if pd.isna(v) else v for v in figures]  # NA: unknown
        assert figures[:2] == [low, high]
        assert (
            figures[2:] == pytest.approx([share_low, share_high])
            if share_low is not None
            else figures[2:] == [None] * 2
        )
        light = expected_light(100, forecast, share_low, rules)
        assert (row.figures_status, row.figures_cause if isinstance(row.figures_cause, str) else None) == light


def load(con, rows: list[str], date: str = "2025-06-30", programme: str = "Planning"):
    header = "Nr;Omschrijving;Budget;Prognose;Stoplicht;Startdatum;Einddatum;Verwachte einddatum"
    _, [done] = ingest.load_file(con, dutch_csv([header, *rows]), f"p{date}.csv", programme=programme, report_date=date)
    return analysis.stories(con, done.report_id).set_index("code")


def test_the_schedule_margins_on_the_rules_page_set_the_light_and_the_reason_names_the_schedule(con):
    # a year planned, 73 days late: 20% of the planned duration; money on budget
    got = load(con, ["1;Zaaksysteem;100;100;groen;01-01-2025;31-12-2025;14-03-2026"])
    assert got.loc["1", ["slip_days_min", "slip_share_min"]].tolist() == [73, pytest.approx(73 / 364)]
    assert (got.loc["1", "figures_status"], got.loc["1", "figures_cause"]) == ("amber", "schedule")
    assert analysis.attention_reasons(got.reset_index()) == [["reason_figures_amber_schedule", "reason_watermelon"]]
    manage.set_status_rules(con, actor="controller", schedule_amber=0.05, schedule_red=0.15)
    got = analysis.stories(con, int(con.execute("select max(report_id) from reports").fetchone()[0])).set_index("code")
    assert (got.loc["1", "figures_status"], got.loc["1", "figures_cause"]) == ("red", "schedule")
    assert analysis.status_rules(con)["overrun_amber"] == 0.05  # the cost margins untouched
    with pytest.raises(ValueError):
        manage.set_status_rules(con, actor="controller", schedule_amber=0.30, schedule_red=0.15)


def test_a_story_without_dates_is_not_on_time_and_money_alone_judges_it(con):
    got = load(con, ["1;Zonder planning;100;100;groen;;;", "2;Alleen gepland;100;130;groen;;31-12-2025;"])
    assert got["slip_days_min"].isna().all() and got["slip_share_min"].isna().all()
    assert got["figures_status"].tolist() == ["green", "red"] and got.loc["2", "figures_cause"] == "cost"
    assert schedule.slip_text(got.loc["1"].to_dict(), "nl") == "onbekend: geen geplande einddatum"
    assert schedule.slip_text(got.loc["2"].to_dict(), "en") == "unknown: no forecast or approved end"


def test_slip_in_words_exact_a_range_and_without_a_start():
    story = {"planned_end": "2025-12-31", "forecast_end": "Q1 2026"}
    exact = {**story, "slip_days_min": 73, "slip_days_max": 73, "slip_share_min": 0.2, "slip_share_max": 0.2}
    assert schedule.slip_text(exact, "nl") == "+73 dagen (+20,0% van de geplande doorlooptijd)"
    ranged = {**story, "slip_days_min": 1, "slip_days_max": 90, "slip_share_min": 0.0027, "slip_share_max": 0.25}
    assert schedule.slip_text(ranged, "en") == (
        "between +1 and +90 days (+0.3% to +25.0% of the planned duration): a date is a period"
    )
    assert schedule.slip_cell(1, 90) == "+1 .. +90" and schedule.slip_cell(0, 0) == "0"
    assert schedule.slip_cell(-5, -5) == "-5" and schedule.slip_cell(None, None) is None
    no_start = {**story, "slip_days_min": 73, "slip_days_max": 73}
    assert schedule.slip_text(no_start, "nl") == "+73 dagen (geen startdatum: geen deel van de doorlooptijd)"


def test_the_story_page_shows_the_dates_the_slip_and_its_history_over_reports(app_db):
    """A director opens a story: its dates as the export wrote them, the slip, and the end dates and slip
    in every report; the attention table on the overview has a slip column."""
    con = db.connect(app_db)
    load(con, ["7;Archief;100;100;groen;01-01-2025;31-12-2025;31-12-2025"], "2025-03-31")
    load(con, ["7;Archief;100;100;groen;01-01-2025;31-12-2025;najaar 2026"], "2025-06-30")
    con.close()
    at = open_page("pages/story.py", programme="Planning", story="7")
    assert not at.exception
    assert {m.label: m.value for m in at.metric if m.label in ("Startdatum", "Geplande einddatum")} == {
        "Startdatum": "1 januari 2025",
        "Geplande einddatum": "31 december 2025",
    }
    assert "najaar 2026" in [m.value for m in at.metric]
    assert "**Uitloop:** tussen +244 en +365 dagen (+67,0% tot +100,3% van de geplande doorlooptijd): een datum is een periode" in texts(at)  # fmt: skip
    # over all reports (a table without selection carries no key here)
    history = next(d.value for d in at.dataframe if "Uitloop (dagen)" in d.value.columns)
    assert history["Verwachte einddatum"].tolist() == ["31 december 2025", "najaar 2026"]
    assert history["Uitloop (dagen)"].tolist() == ["0", "+244 .. +365"]
    overview = open_page("pages/overview.py", programme="Planning")
    table = overview.dataframe(key="attention").value
    assert table["Uitloop (dagen)"].tolist() == ["+244 .. +365"]
    assert "volgens cijfers rood door planning" in table["Reden"].iloc[0]
