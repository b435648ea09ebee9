"""Baselines and their history (issue 22): the first and the last approved baseline of budget and end date
side by side; every change between reports listed as a rebaseline with date, old, new and reason (from the
export's reason column, else entered on the story page by someone with the right to write narrative); a
rebaseline without a reason is flagged. Every expectation is worked out by hand or with the csv module."""

from __future__ import annotations

import csv
import datetime as dt

import pandas as pd
import pytest

from portfolio import analysis, db, ingest, manage, schedule
from tests.conftest import CORPUS
from tests.exports import dutch_csv
from tests.test_app import open_page, texts
from tests.test_since_previous import co_slice_2023

HEADER = "Nr;Omschrijving;Budget;Prognose;Stoplicht;Startdatum;Einddatum;Laatst vastgestelde einddatum"
REPORTS = {
    "2025-03-31": [
        "A;Zaaksysteem;100;100;groen;01-01-2025;31-12-2025;",
        "B;Archief;200;200;groen;01-01-2025;Q4 2025;",
    ],
    "2025-06-30": [
        "A;Zaaksysteem;120;120;groen;01-01-2025;31-03-2026;",  # budget 100 -> 120, end a quarter later
        "B;Archief;pm;200;groen;01-01-2025;Q4 2025;",  # no budget now: missing is no rebaseline
    ],
    "2025-09-30": [
        "A;Zaaksysteem;120;120;groen;01-01-2025;31-03-2026;30-06-2026",  # a latest approved end: the baseline now
        "B;Archief;200;200;groen;01-01-2025;Q4 2025;",  # the budget back as it was: 'pm' between is not counted
    ],
}
DAY = dt.date


def load_all(con, programme: str = "Herijking") -> dict[str, int]:
    ids = {}
    for date, rows in REPORTS.items():
        _, [done] = ingest.load_file(
            con, dutch_csv([HEADER, *rows]), f"{date}.csv", programme=programme, report_date=date
        )
        ids[date] = done.report_id
    return ids


def programme_id(con, name: str = "Herijking") -> int:
    return int(con.execute("select programme_id from programmes where name = ?", [name]).fetchone()[0])


def listed(frame: pd.DataFrame) -> list[tuple]:
    return [
        (
            r.code,
            pd.Timestamp(r.report_date).date(),
            r.field,
            r.old_budget if r.field == "budget" else r.old_end,
            r.new_budget if r.field == "budget" else r.new_end,
            None if pd.isna(r.reason) else r.reason,
        )
        for r in frame.itertuples()
    ]


def test_every_change_of_budget_or_end_between_reports_is_a_rebaseline(con):
    load_all(con)
    found = analysis.rebaselines(con, programme_id(con))
    assert listed(found) == [
        ("A", DAY(2025, 6, 30), "budget", 100.0, 120.0, None),
        ("A", DAY(2025, 6, 30), "end", "2025-12-31", "2026-03-31", None),
        ("A", DAY(2025, 9, 30), "end", "2026-03-31", "2026-06-30", None),
    ]
    # the end expected moved too: a latest approved end 30 June 2026 where the plan said 31 March 2026 (91 days)
    third = analysis.stories(con, int(con.execute("select max(report_id) from reports").fetchone()[0]))
    assert third.set_index("code").loc["A", ["end_move_days_min", "end_move_days_max"]].tolist() == [91, 91]
    # up to the report shown: the second report knows only its own
    assert len(analysis.rebaselines(con, programme_id(con), code="A", until=DAY(2025, 6, 30))) == 2


def test_first_and_last_approved_baseline_side_by_side(con):
    load_all(con)
    both = analysis.baselines(con, programme_id(con), "A", DAY(2025, 9, 30))
    assert (both["first_date"], both["first_budget"], both["first_end"]) == (DAY(2025, 3, 31), 100.0, "2025-12-31")
    # the last approved end is the latest approved one where the report gives it, not its planned end
    assert (both["last_date"], both["last_budget"], both["last_end"]) == (DAY(2025, 9, 30), 120.0, "2026-06-30")
    earlier = analysis.baselines(con, programme_id(con), "A", DAY(2025, 6, 30))
    assert (earlier["last_budget"], earlier["last_end"]) == (120.0, "2026-03-31")
    assert analysis.baselines(con, programme_id(con), "A", DAY(2024, 1, 1)) == {}


def test_a_reason_entered_explains_a_rebaseline_and_one_without_is_flagged(con):
    ids = load_all(con)
    second = ids["2025-06-30"]
    assert schedule.rebaselines_without_reason(con, second) == [
        "A · Zaaksysteem · Budget",
        "A · Zaaksysteem · Einddatum",
    ]
    manage.set_rebaseline_reason(
        con, programme_id(con), "A", "2025-06-30", "end", "  Aanbesteding  vertraagd ", actor="controller"
    )
    found = analysis.rebaselines(con, programme_id(con), code="A")
    assert listed(found)[1][-1] == "Aanbesteding vertraagd"  # spaces as a reader means them
    assert found.iloc[1]["written_by"] == "controller"
    assert schedule.rebaselines_without_reason(con, second, "en") == ["A · Zaaksysteem · Budget"]
    assert con.execute("select detail from audit_log where action = 'rebaseline_reason'").fetchall() == [
        ("A 2025-06-30 end: Aanbesteding vertraagd",)
    ]
    # a reason cleared on purpose: flagged again
    manage.set_rebaseline_reason(con, programme_id(con), "A", "2025-06-30", "end", "", actor="controller")
    assert len(schedule.rebaselines_without_reason(con, second)) == 2
    with pytest.raises(ValueError, match="no rebaseline"):
        manage.set_rebaseline_reason(con, programme_id(con), "B", "2025-06-30", "budget", "x")
    with pytest.raises(ValueError, match="field"):
        manage.set_rebaseline_reason(con, programme_id(con), "A", "2025-06-30", "forecast", "x")


def test_a_reason_column_in_the_export_gives_the_reason_and_an_entered_one_comes_before_it(con):
    header = "Nr;Omschrijving;Budget;Prognose;Einddatum;Reden herijking"
    for date, rows in {
        "2025-03-31": ["A;Zaaksysteem;100;100;31-12-2025;", "B;Archief;100;100;31-12-2025;"],
        "2025-06-30": [
            "A;Zaaksysteem;120;120;31-12-2025;Scope uitgebreid met koppeling Zaakregister",
            "B;Archief;100;100;31-03-2026;",  # moved without a word
        ],
    }.items():
        parsed, _ = ingest.load_file(
            con, dutch_csv([header, *rows]), f"r{date}.csv", programme="Reden", report_date=date
        )
    assert parsed.headers[parsed.mapping["rebaseline_reason"]] == "Reden herijking"
    found = listed(analysis.rebaselines(con, programme_id(con, "Reden")))
    assert found == [
        ("A", DAY(2025, 6, 30), "budget", 100.0, 120.0, "Scope uitgebreid met koppeling Zaakregister"),
        ("B", DAY(2025, 6, 30), "end", "2025-12-31", "2026-03-31", None),
    ]
    second = int(con.execute("select max(report_id) from reports").fetchone()[0])
    assert schedule.rebaselines_without_reason(con, second) == ["B · Archief · Einddatum"]
    # a reason entered on the story page comes before the export's
    manage.set_rebaseline_reason(con, programme_id(con, "Reden"), "A", "2025-06-30", "budget", "Besluit GS 12 mei")
    assert listed(analysis.rebaselines(con, programme_id(con, "Reden"), code="A"))[0][-1] == "Besluit GS 12 mei"


def test_the_gmpp_latest_approved_end_dates_changed_between_march_2023_and_march_2024(con):
    ingest.load_file(con, co_slice_2023(), "g23.csv", programme="GMPP CO", report_date="2023-03-31")
    data = (CORPUS / "uk_gmpp_co_ar_data_march2024.csv").read_bytes()
    ingest.load_file(con, data, "g24.csv", programme="GMPP CO", report_date="2024-03-31")
    end = "Project - End Date \n(Latest Approved End Date)"

    def ends(name: str) -> dict[str, str]:
        with open(CORPUS / name, encoding="utf-8-sig", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["Department"] == "CO" and r[end][:4].isdigit()]
        return {r["GMPP ID Number"]: r[end][:10] for r in rows}

    before, after = ends("uk_gmpp_ar_data_march2023.csv"), ends("uk_gmpp_co_ar_data_march2024.csv")
    expected = {(c, before[c], after[c]) for c in after if c in before and before[c] != after[c]}
    assert expected == {
        ("CO_0176_2223-Q3", "2025-03-31", "2026-03-31"),  # Falcon IT Platform Refresh: a year later
        ("CO_0027_2021-Q4", "2025-12-31", "2024-12-31"),  # Future Service Programme: a year earlier
    }
    found = analysis.rebaselines(con, programme_id(con, "GMPP CO"))
    ends_found = found[found["field"] == "end"]
    assert set(zip(ends_found["code"], ends_found["old_end"], ends_found["new_end"])) == expected


def table_with(at, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_story_page_shows_baselines_rebaselines_and_takes_a_reason(app_db):
    con = db.connect(app_db)
    load_all(con)
    con.close()
    at = open_page("pages/story.py", programme="Herijking", story="A")
    assert not at.exception
    assert "Herijkingen" in texts(at)
    assert "3 herijking(en) zonder reden: geef de reden hieronder op." in [w.value for w in at.warning]
    table = table_with(at, "Oud")
    assert table["Oud"].tolist() == ["€ 100", "31 december 2025", "31 maart 2026"]
    assert table["Reden herijking"].tolist() == ["⚠ geen reden"] * 3
    sides = table_with(at, "Prognose t.o.v. eerste")
    assert sides.iloc[1].tolist()[1:3] == ["31 december 2025", "30 juni 2026"]
    at.selectbox(key="rebaseline_choice").set_value(1)
    at.text_area(key="rebaseline_text").input("Aanbesteding vertraagd")
    at.button(key="rebaseline_save").click().run()
    assert not at.exception
    assert "Reden opgeslagen." in [s.value for s in at.success]
    table = table_with(at, "Oud")
    assert table["Reden herijking"].tolist()[1].startswith("Aanbesteding vertraagd (opgegeven door ")
