"""Stuck and stale (issue 22): a story whose note, spent and dates stayed the same over several reports in a
row is stuck; a story whose end date lay before the report date while it is not reported done has passed
its end; both are flagged. A programme whose latest report is older than the rhythm it is expected to
report in is overdue, also with one report (the rhythm set per programme, else its usual interval, else
quarterly). Every expectation is worked out by hand or with the csv module."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from portfolio import analysis, db, ingest, manage, portfolio_view
from tests.conftest import CORPUS
from tests.exports import dutch_csv
from tests.test_app import open_page, texts

HEADER = "Nr;Omschrijving;Budget;Besteed;Prognose;Stoplicht;Startdatum;Einddatum;Toelichting"
DAY = dt.date


def load(con, date: str, rows: list[str], programme: str = "Stil") -> int:
    _, [done] = ingest.load_file(
        con,
        dutch_csv([HEADER, *rows]),
        f"{programme}-{date}.csv",
        programme=programme,
        report_date=date,
        same_file=True,  # reports the same as the one before them are the point here
    )
    return done.report_id


def stories(con, report_id: int):
    return analysis.stories(con, report_id).set_index("code")


FOUR = {
    "2025-03-31": [
        "A;Stil;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "B;Toelichting;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "C;Besteed;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "D;Datum;100;10;100;groen;01-01-2025;31-12-2026;loopt",
    ],
    "2025-06-30": [
        "A;Stil;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "B;Toelichting;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "C;Besteed;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "D;Datum;100;10;100;groen;01-01-2025;31-12-2026;loopt",
    ],
    "2025-09-30": [
        "A;Stil;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "B;Toelichting;100;10;100;groen;01-01-2025;31-12-2026;de aanbesteding is gestart",  # the note moved
        "C;Besteed;100;20;100;groen;01-01-2025;31-12-2026;loopt",  # spent moved
        "D;Datum;100;10;100;groen;01-01-2025;Q4 2026;loopt",  # the end was written otherwise
    ],
    "2025-12-31": [
        "A;Stil;100;10;100;groen;01-01-2025;31-12-2026;loopt",
        "B;Toelichting;100;10;100;groen;01-01-2025;31-12-2026;de aanbesteding is gestart",
        "C;Besteed;100;20;100;groen;01-01-2025;31-12-2026;loopt",
        "D;Datum;100;10;100;groen;01-01-2025;Q4 2026;loopt",
    ],
}


def test_a_story_unchanged_over_three_reports_in_a_row_is_stuck(con):
    ids = [load(con, date, rows) for date, rows in FOUR.items()]
    runs = {code: [int(stories(con, i).loc[code, "unchanged_reports"]) for i in ids] for code in "ABCD"}
    # A the same in all four; B, C and D changed in the third report, so their run starts again there
    assert runs == {"A": [1, 2, 3, 4], "B": [1, 2, 1, 2], "C": [1, 2, 1, 2], "D": [1, 2, 1, 2]}
    stuck = {code: [bool(stories(con, i).loc[code, "stuck"]) for i in ids] for code in "ABCD"}
    assert stuck["A"] == [False, False, True, True] and not any(stuck["B"] + stuck["C"] + stuck["D"])
    flagged = analysis.attention(con, ids[2])
    assert dict(zip(flagged["code"], analysis.attention_reasons(flagged))) == {"A": ["reason_stuck"]}
    # a controller sets 'stuck' at four reports: A is stuck only in the fourth
    manage.set_status_rules(con, actor="controller", stuck_reports=4)
    assert [bool(stories(con, i).loc["A", "stuck"]) for i in ids] == [False, False, False, True]
    with pytest.raises(ValueError, match="stuck_reports"):
        manage.set_status_rules(con, actor="controller", stuck_reports=1)


def test_a_story_missing_from_a_report_starts_its_run_again(con):
    dates = list(FOUR)
    load(con, dates[0], FOUR[dates[0]])
    load(con, dates[1], FOUR[dates[1]][1:])  # A not in the second report
    third = load(con, dates[2], FOUR[dates[2]])
    assert int(stories(con, third).loc["A", "unchanged_reports"]) == 1


def test_a_story_whose_end_passed_while_not_reported_done_is_flagged(con):
    report = load(
        con,
        "2025-06-30",
        [
            "1;Verlopen;100;10;100;groen;01-01-2024;31-03-2025;loopt nog",  # ended 3 months before the report date
            "2;Opgeleverd;100;100;100;groen;01-01-2024;31-03-2025;Afgerond in maart.",  # the note says done
            "3;Dit kwartaal;100;10;100;groen;01-01-2024;Q2 2025;loopt",  # Q2 ends on the report date: not before it
            "4;Vorig kwartaal;100;10;100;groen;01-01-2024;Q1 2025;loopt",  # all of Q1 before the report date
            "5;Zonder einde;100;10;100;groen;01-01-2024;;loopt",  # no end: not passed, not 'on time' either
        ],
    )
    got = stories(con, report)
    assert got.index[got["end_passed"]].tolist() == ["1", "4"]
    assert got.loc["2", "reported_done"] and not got.loc["1", "reported_done"]
    flagged = analysis.attention(con, report)
    reasons = dict(zip(flagged["code"], analysis.attention_reasons(flagged)))
    assert reasons == {"1": ["reason_end_passed"], "4": ["reason_end_passed"]}


def test_the_gmpp_projects_whose_latest_approved_end_lay_before_march_2024(con):
    with open(CORPUS / "uk_gmpp_co_ar_data_march2024.csv", encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["GMPP ID Number"]]
    end = "Project - End Date \n(Latest Approved End Date)"
    expected = {r["GMPP ID Number"] for r in rows if r[end] and DAY.fromisoformat(r[end][:10]) < DAY(2024, 3, 31)}
    assert expected == {"CO_0028_2021-Q4"}  # Vetting Transformation Programme: 31 March 2023
    data = (CORPUS / "uk_gmpp_co_ar_data_march2024.csv").read_bytes()
    _, [done] = ingest.load_file(con, data, "gmpp.csv", programme="GMPP", report_date="2024-03-31")
    got = stories(con, done.report_id)
    assert set(got.index[got["end_passed"]]) == expected


# --- a programme overdue: the rhythm set, its usual interval, else quarterly ----------------------------------


def programme_row(con, today: dt.date, name: str = "Stil"):
    frame = portfolio_view.programmes(con, today)
    return frame[frame["programme"] == name].iloc[0]


def test_a_programme_with_one_report_is_overdue_after_a_quarter(con):
    load(con, "2025-03-31", FOUR["2025-03-31"])
    due = programme_row(con, DAY(2025, 6, 30))  # three months after 31 March: the last day it is on time
    assert due["rhythm_source"] == "default" and due["due_date"] == DAY(2025, 6, 30) and not due["overdue"]
    late = programme_row(con, DAY(2025, 7, 1))
    assert late["overdue"]
    assert portfolio_view.rhythm_text(late, "nl") == "⚠ te laat (standaard elke 3 maanden)"
    assert portfolio_view.rhythm_text(due, "en") == "on time (by default every 3 months)"


def test_a_rhythm_set_for_the_programme_comes_before_its_usual_interval(con):
    load(con, "2025-03-31", FOUR["2025-03-31"])
    load(con, "2025-04-30", FOUR["2025-06-30"])  # 30 days apart: usual interval 30 days
    assert programme_row(con, DAY(2025, 6, 1))["overdue"]  # 32 days after 30 April
    manage.set_report_rhythm(con, "Stil", 6, actor="controller")  # every half year
    assert analysis.report_rhythm(con, "Stil") == 6
    row = programme_row(con, DAY(2025, 10, 30))  # 30 April + 6 months = 30 October
    assert row["rhythm_source"] == "set" and row["due_date"] == DAY(2025, 10, 30) and not row["overdue"]
    assert programme_row(con, DAY(2025, 10, 31))["overdue"]
    assert portfolio_view.rhythm_text(row, "en") == "on time (every 6 months)"
    logged = con.execute("select actor, detail from audit_log where action = 'rhythm'").fetchall()
    assert logged == [("controller", "Stil: 6")]
    manage.set_report_rhythm(con, "Stil", None, actor="controller")  # not set: the usual interval again
    assert programme_row(con, DAY(2025, 6, 1))["rhythm_source"] == "usual"
    for wrong in (0, 25, 2.5):
        with pytest.raises(ValueError, match="whole number of months"):
            manage.set_report_rhythm(con, "Stil", wrong)
    with pytest.raises(ValueError, match="no programme"):
        manage.set_report_rhythm(con, "Onbekend", 3)


def test_the_story_page_says_stuck_and_passed_and_the_rules_page_sets_both(app_db):
    con = db.connect(app_db)
    for date, rows in FOUR.items():
        load(con, date, [*rows, "E;Verlopen;100;10;100;groen;01-01-2024;31-03-2025;loopt"])
    con.close()
    at = open_page("pages/story.py", programme="Stil", story="A")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert "Staat stil: toelichting, besteed en data zijn 4 rapportages op rij gelijk." in warnings
    at = open_page("pages/story.py", programme="Stil", story="E", lang="en")
    assert "The end date (31 March 2025) had passed at the report date, but the story is not reported done." in [
        w.value for w in at.warning
    ]
    at = open_page("pages/rules.py", programme="Stil")
    assert not at.exception
    assert "Rapportageritme van Stil" in texts(at)
    at.number_input(key="rule_rhythm_months").set_value(6)
    at.button[1].click().run()
    assert not at.exception
    con = db.connect(app_db)
    assert analysis.report_rhythm(con, "Stil") == 6
    con.close()
