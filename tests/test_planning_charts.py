"""The schedule's pictures (issue 22): late stories per programme line, the slip per story sorted by size and
a line's timeline (planned and expected bars, today's line), each with the table beside it; the overview's
'Planning' charts and a line's timeline on its page. Figures worked out by hand from the export below."""

from __future__ import annotations

import datetime as dt

import pytest

from portfolio import analysis, db, export, ingest, planning_charts
from tests.exports import dutch_csv
from tests.test_app import open_page

HEADER = "Nr;Omschrijving;Programmalijn;Budget;Prognose;Stoplicht;Startdatum;Einddatum;Verwachte einddatum"
ROWS = [
    "1;Zaaksysteem;Basis op orde;100;100;groen;01-01-2025;31-12-2025;31-03-2026",  # +90 days
    "2;Archief;Basis op orde;100;100;groen;01-01-2025;31-12-2025;15-01-2026",  # +15
    "3;Portaal;Digitaal in verbinding;100;100;groen;01-01-2025;30-06-2025;31-05-2025",  # -30: early
    "4;Zonder einde;Digitaal in verbinding;100;100;groen;01-01-2025;;",  # cannot be judged
    "5;Op tijd;Digitaal in verbinding;100;100;groen;01-01-2025;30-09-2025;30-09-2025",  # 0
    "6;Kwartaal;Ruimte;100;100;groen;01-01-2025;Q4 2025;Q1 2026",  # at least 1 day, at most 181
]


def load(con) -> int:
    _, [done] = ingest.load_file(
        con, dutch_csv([HEADER, *ROWS]), "plan.csv", programme="Plan", report_date="2025-06-30"
    )
    return done.report_id


def test_late_stories_per_line_and_the_table_beside_it(con):
    stories = analysis.stories(con, load(con))
    figure = planning_charts.late_by_line(stories, "(geen lijn)", "nl")
    bars = {trace.name: list(trace.x) for trace in figure.data}
    # Basis op orde: 1 and 2 late; Digitaal: 3 early and 5 on time, 4 unknown; Ruimte: 6 late (at least a day)
    assert bars == {"Te laat": [2, 0, 1], "Op tijd of eerder": [0, 2, 0], "Niet te beoordelen": [0, 1, 0]}
    assert list(figure.data[0].customdata) == ["Basis op orde", "Digitaal in verbinding", "Ruimte"]
    table = planning_charts.late_table(stories, "(geen lijn)", "nl")
    assert table.to_dict("list") == {
        "Programmalijn": ["Basis op orde", "Digitaal in verbinding", "Ruimte"],
        "Te laat": [2, 0, 1],
        "Op tijd of eerder": [0, 2, 0],
        "Niet te beoordelen": [0, 1, 0],
    }


def test_slip_per_story_largest_first_with_its_table(con):
    stories = analysis.stories(con, load(con))
    figure = planning_charts.slip_by_story(stories, "en")
    # by size: 6 (up to 181 days), 1 (90), 3 (-30), 2 (15); 5 slips nothing, 4 cannot be judged
    assert list(figure.data[0].customdata) == ["6", "1", "3", "2"]
    assert list(figure.data[0].x) == [1, 90, -30, 15]  # the least each can be
    assert list(figure.data[0].error_x.array) == [180, 0, 0, 0]  # how far a period may reach
    table = planning_charts.planning_table(stories, "nl")
    assert table["Nr"].tolist() == ["6", "1", "3", "2"]
    assert table["Uitloop (dagen)"].tolist() == ["+1 .. +181", "+90", "-30", "+15"]
    assert table["Verwacht einde"].tolist()[1] == "31 maart 2026"
    assert table["Uitloop (deel doorlooptijd)"].tolist()[1] == "+24,7%"  # 90 / 364


def test_the_timeline_draws_plan_and_expected_from_the_start_with_today(con):
    stories = analysis.stories(con, load(con))
    figure = planning_charts.timeline(stories, "nl", today=dt.date(2025, 6, 30))
    planned, expected = figure.data
    assert list(planned.customdata) == ["1", "2", "3", "5", "6"]  # 4 has no end: not drawn, not a bar of 0
    day = planning_charts.DAY_MS
    assert planned.base[0] == "2025-01-01" and planned.x[0] == 365 * day  # 1 Jan .. 31 Dec 2025, both days
    assert expected.x[0] == (365 + 90) * day  # to 31 March 2026
    assert planned.x[4] == 365 * day and expected.x[4] == (365 + 90) * day  # Q4 2025 / Q1 2026 to their last day
    assert figure.layout.shapes[0].x0 == "2025-06-30"
    # the axis runs from the first start to the last end, today included, in the page's language
    assert figure.layout.xaxis.ticktext[0] == "jan 2025" and "jul 2025" in figure.layout.xaxis.ticktext
    later = planning_charts.timeline(stories, "en", today=dt.date(2027, 2, 1))
    assert later.layout.xaxis.range[1] > "2027-02-01" and later.layout.xaxis.ticktext[0] == "Jan 2025"


def test_the_overview_offers_the_schedule_and_a_bar_opens_the_line(app_db):
    con = db.connect(app_db)
    load(con)
    con.close()
    at = open_page("pages/overview.py", programme="Plan", charts="schedule")
    assert not at.exception
    assert [h.value for h in at.header if "te laat" in h.value.lower() or "Uitloop" in h.value] == [
        "Stories te laat per programmalijn",
        "Uitloop per story, grootste eerst",
    ]
    at = open_page("pages/lines.py", programme="Plan", chosen_line="Basis op orde")
    assert not at.exception
    assert "Tijdlijn van Basis op orde" in [s.value for s in at.subheader]


# --- the schedule beside the money: portfolio page, overview, exports, the written report (item 6) ---------


def test_the_portfolio_counts_late_stories_and_its_workbook_carries_them(con):
    from portfolio import portfolio_view

    load(con)
    row = portfolio_view.programmes(con, dt.date(2025, 7, 1)).iloc[0]
    assert row["n_late"] == 3  # 1 (+90), 2 (+15), 6 (at least a day); 3 is early, 5 on time, 4 unknown
    shown = portfolio_view.lights_table(portfolio_view.programmes(con, dt.date(2025, 7, 1)), "nl")
    # and 3 (Portaal) planned to end 31 May 2025, before the report date, not reported done: past its end
    assert shown["Te laat · stil · verstreken"].tolist() == ["3 · 0 · 1"]
    frame = portfolio_view.programmes(con, dt.date(2025, 7, 1))
    sheets, _, _ = export.portfolio_frames(frame, portfolio_view.currency_totals(frame), "en")
    first = next(iter(sheets.values()))
    assert first[["Late", "Stuck", "End date passed"]].iloc[0].tolist() == [3, 0, 1]


def test_the_story_export_carries_the_dates_and_the_slip(con):
    report = load(con)
    sheets, _, percents = export.export_frames(con, report, "nl")
    stories = sheets["Stories"].set_index("Nr")
    assert (
        stories.loc["1", "Verwachte einddatum"] == "2026-03-31" and stories.loc["6", "Verwachte einddatum"] == "Q1 2026"
    )
    assert stories.loc["1", "Uitloop (dagen)"] == "+90" and stories.loc["6", "Uitloop (dagen)"] == "+1 .. +181"
    assert stories.loc["1", "Uitloop (deel doorlooptijd)"] == pytest.approx(0.247)  # 90 / 364, as shown
    assert "Uitloop (deel doorlooptijd)" in percents
    assert stories.loc["1", "Staat stil"] == "nee" and stories.loc["3", "Einddatum verstreken"] == "ja"


def test_the_written_report_says_each_storys_schedule(con):
    from portfolio import progress_report
    from tests.test_progress_report import docx_text

    report = load(con)
    text = docx_text(progress_report.generate(con, report, "docx", lang="nl"))
    assert (
        "Planning: Geplande einddatum 31 december 2025 · Verwachte einddatum 31 maart 2026 · Uitloop +90 dagen" in text
    )


def test_the_overview_says_how_many_are_late_under_the_tiles(app_db):
    con = db.connect(app_db)
    load(con)
    con.close()
    at = open_page("pages/overview.py", programme="Plan")
    # the largest: story 6, a quarter later than a quarter (+1 to +181 days)
    assert "Planning: 3 van 5 te beoordelen stories te laat; de grootste uitloop +1 .. +181 dagen (story 6)." in [
        c.value for c in at.caption
    ]
