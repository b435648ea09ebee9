"""The schedule since the previous report (issue 22): how far a story's end date moved between two
reports, in days and as a share of its planned duration, and a story reported green whose end moved
later by more than the schedule's amber margin is a watermelon, counted wherever watermelons are counted,
with the cause said. Every figure is worked out here by hand or with the csv module, apart from the SQL."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from portfolio import analysis, ingest, manage, portfolio_view, schedule
from tests.conftest import CORPUS
from tests.exports import dutch_csv

HEADER = "Nr;Omschrijving;Budget;Prognose;Stoplicht;Startdatum;Einddatum;Verwachte einddatum;Toelichting"
REPORTS = {
    "2025-03-31": [
        "A;Zaaksysteem;100;100;groen;01-01-2025;31-12-2025;31-12-2025;loopt",
        "B;Archief;100;100;groen;01-01-2025;31-12-2025;31-12-2025;loopt",
        "C;Portaal;100;100;groen;01-01-2025;Q4 2025;Q4 2025;loopt",
        "D;Zonder start;100;100;groen;;31-12-2025;31-12-2025;loopt",
        "E;Oranje;100;100;oranje;01-01-2025;31-12-2025;31-12-2025;loopt",
    ],
    "2025-06-30": [
        # the end rebaselined a quarter later: no slip against the new plan, but the end moved +90 days
        "A;Zaaksysteem;100;100;groen;01-01-2025;31-03-2026;31-03-2026;loopt",
        "B;Archief;100;100;groen;01-01-2025;31-12-2025;15-01-2026;loopt",  # +15 days: within the margin
        "C;Portaal;100;100;groen;01-01-2025;Q4 2025;Q1 2026;loopt",  # a quarter later: at least 1 day
        "D;Zonder start;100;100;groen;;31-12-2025;31-03-2026;loopt",  # +90 days, but no duration to share
        "E;Oranje;100;100;oranje;01-01-2025;31-03-2026;31-03-2026;loopt",  # moved, but not reported green
    ],
    "2025-09-30": [
        "A;Zaaksysteem;100;100;groen;01-01-2025;31-03-2026;31-03-2026;loopt",  # stayed put since
        "B;Archief;100;100;groen;01-01-2025;31-12-2025;15-01-2026;loopt",
        "C;Portaal;100;100;groen;01-01-2025;Q4 2025;Q1 2026;loopt",
        "D;Zonder start;100;100;groen;;31-12-2025;31-03-2026;loopt",
        "E;Oranje;100;100;oranje;01-01-2025;31-03-2026;31-03-2026;loopt",
    ],
}
DAY = dt.date


def load_all(con, reports=REPORTS, programme="Planning") -> dict[str, int]:
    ids = {}
    for date, rows in reports.items():
        _, [done] = ingest.load_file(
            con,
            dutch_csv([HEADER, *rows]),
            f"{programme}-{date}.csv",
            programme=programme,
            report_date=date,
            same_file=True,  # a report the same as the one before it is the point
        )
        ids[date] = done.report_id
    return ids


def figures(con, report_id: int) -> pd.DataFrame:
    return analysis.stories(con, report_id).set_index("code")


def test_the_end_move_since_the_previous_report_worked_out_by_hand(con):
    ids = load_all(con)
    first, second, third = (figures(con, ids[d]) for d in REPORTS)
    assert first["end_move_days_min"].isna().all()  # no report before it: unknown, not 0
    # A: 31-12-2025 -> 31-03-2026 is 90 days; the planned duration now 01-01-2025 .. 31-03-2026 = 454 days
    assert (DAY(2026, 3, 31) - DAY(2025, 12, 31)).days == 90 and (DAY(2026, 3, 31) - DAY(2025, 1, 1)).days == 454
    a = second.loc["A"]
    assert [a.end_move_days_min, a.end_move_days_max] == [90, 90]
    assert [a.end_move_share_min, a.end_move_share_max] == pytest.approx([90 / 454, 90 / 454])
    assert a.slip_days_min == 0 and a.figures_status == "green"  # on its new plan, so green by the figures
    b = second.loc["B"]  # 15 days of 364: 4.1%, within the 10% margin
    assert [b.end_move_days_min, b.end_move_share_min] == [15, pytest.approx(15 / 364)]
    c = second.loc["C"]  # Q4 2025 -> Q1 2026: at least 1 day (31-12 -> 1-1), at most 181 (1-10 -> 31-3)
    assert [c.end_move_days_min, c.end_move_days_max] == [1, 181]
    # the planned duration is a range too: 01-01-2025 to 1-10-2025 (273) or to 31-12-2025 (364)
    assert c.end_move_share_min == pytest.approx(1 / 364) and c.end_move_share_max == pytest.approx(181 / 273)
    d = second.loc["D"]
    assert d.end_move_days_min == 90 and pd.isna(d.end_move_share_min)  # no start: no share, so no verdict
    assert [third.loc[code, "end_move_days_min"] for code in "ABDE"] == [0, 0, 0, 0]
    # C stayed 'Q1 2026': as periods, anywhere from 89 days earlier (31-3 -> 1-1) to 89 days later
    assert [third.loc["C", "end_move_days_min"], third.loc["C", "end_move_days_max"]] == [-89, 89]


def test_a_green_story_whose_end_moved_beyond_the_margin_is_a_watermelon_everywhere_they_are_counted(con):
    ids = load_all(con)
    second = figures(con, ids["2025-06-30"])
    # only A: green, moved 19.8% > 10%. Not B (4.1%), not C (a period is never later than it must be: 0.3%),
    # not D (no share can be known), not E (reported amber: not green outside)
    assert second.index[second["watermelon"]].tolist() == ["A"]
    assert second.loc["A", "watermelon_cause"] == "end_moved"
    assert analysis.totals(con, ids["2025-06-30"])["n_watermelons"] == 1
    assert analysis.status_matrix(con, ids["2025-06-30"])["n_watermelons"].sum() == 1
    flagged = analysis.attention(con, ids["2025-06-30"])
    assert dict(zip(flagged["code"], analysis.attention_reasons(flagged)))["A"] == ["reason_watermelon_end_moved"]
    story = second.loc["A"].to_dict()
    assert schedule.watermelon_text(story, "nl") == (
        "de einddatum schoof sinds de vorige rapportage +90 dagen (+19,8% van de geplande doorlooptijd), "
        "meer dan de marge"
    )
    # the next report: the end stayed put, so it is green outside and inside again
    assert not figures(con, ids["2025-09-30"])["watermelon"].any()
    # the margin is the Rules page's: at 25% amber, 19.8% is within it
    manage.set_status_rules(con, actor="controller", schedule_amber=0.25, schedule_red=0.40)
    assert not figures(con, ids["2025-06-30"])["watermelon"].any()


def test_the_portfolio_page_counts_the_moved_end_as_a_watermelon(con):
    load_all(con, {d: REPORTS[d] for d in ("2025-03-31", "2025-06-30")})
    frame = portfolio_view.programmes(con, today=DAY(2025, 7, 1))
    assert frame.loc[0, "n_watermelons"] == 1


def test_a_watermelon_by_both_its_figures_and_its_moved_end_says_both(con):
    rows = {
        "2025-03-31": ["A;Zaaksysteem;100;100;groen;01-01-2025;31-12-2025;31-12-2025;loopt"],
        "2025-06-30": ["A;Zaaksysteem;100;130;groen;01-01-2025;31-12-2025;31-03-2026;loopt"],  # 30% over, +90 days
    }
    ids = load_all(con, rows)
    story = figures(con, ids["2025-06-30"]).loc["A"].to_dict()
    assert story["watermelon_cause"] == "figures_end_moved"
    flagged = analysis.attention(con, ids["2025-06-30"])
    assert analysis.attention_reasons(flagged)[0][-2:] == ["reason_watermelon", "reason_watermelon_end_moved"]
    assert schedule.watermelon_text(story, "en").startswith("By the figures: ")
    assert "+90 days (+24.7% of the planned duration)" in schedule.watermelon_text(story, "en")  # 90 / 364


# --- the real files: the Cabinet Office's projects in March 2023 and March 2024 ------------------------------


def gmpp_rows(name: str) -> list[dict[str, str]]:
    with open(CORPUS / name, encoding="utf-8-sig", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["Department"] == "CO"]


def co_slice_2023() -> bytes:
    """The Cabinet Office rows of the March 2023 file, as a CSV with the file's own header."""
    with open(CORPUS / "uk_gmpp_ar_data_march2023.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    out = io.StringIO()
    csv.writer(out).writerows([rows[0], *(r for r in rows[1:] if len(r) > 2 and r[2] == "CO")])
    return out.getvalue().encode("utf-8")


def day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text.strip()[:10]) if text.strip()[:4].isdigit() else None


def test_the_gmpp_end_dates_moved_between_march_2023_and_march_2024_as_published(con):
    ingest.load_file(con, co_slice_2023(), "gmpp_co_2023.csv", programme="GMPP CO", report_date="2023-03-31")
    data = (CORPUS / "uk_gmpp_co_ar_data_march2024.csv").read_bytes()
    _, [done] = ingest.load_file(con, data, "gmpp_co_2024.csv", programme="GMPP CO", report_date="2024-03-31")
    start_col, end_col = (
        "Project - Start Date \n(Latest Approved Start Date)",
        "Project - End Date \n(Latest Approved End Date)",
    )
    before = {r["GMPP ID Number"]: r for r in gmpp_rows("uk_gmpp_ar_data_march2023.csv")}
    now = {r["GMPP ID Number"]: r for r in gmpp_rows("uk_gmpp_co_ar_data_march2024.csv")}
    expected = {}
    for code, row in now.items():
        if code not in before or not day(row[end_col]) or not day(before[code][end_col]):
            expected[code] = (None, None)
            continue
        moved = (day(row[end_col]) - day(before[code][end_col])).days
        # no planned end in GMPP: the duration runs from the start to the end approved a year before
        duration = (day(before[code][end_col]) - day(row[start_col])).days
        expected[code] = (moved, moved / duration)
    got = figures(con, done.report_id)
    found = {
        code: (None if pd.isna(r.end_move_days_min) else int(r.end_move_days_min), r.end_move_share_min)
        for code, r in got.iterrows()
    }
    assert {c: m for c, (m, _) in found.items()} == {c: m for c, (m, _) in expected.items()}
    for code, (moved, share) in expected.items():
        if moved is not None:
            assert found[code][1] == pytest.approx(share)
    # Falcon IT Platform Refresh: 31-03-2025 -> 31-03-2026 (a year later), Future Service a year earlier
    assert expected["CO_0176_2223-Q3"][0] == 365 and expected["CO_0027_2021-Q4"][0] == -365
    assert found["CO_0281_2324-Q2"] == (None, None) or pd.isna(found["CO_0281_2324-Q2"][1])  # new in 2024
    # a green project with its end moved beyond the margin would be a watermelon; none of them is green and moved
    melons = {c for c, r in got.iterrows() if r.watermelon_cause in ("end_moved", "figures_end_moved")}
    assert melons == {c for c, r in got.iterrows() if r.status == "green" and (expected[c][1] or 0) > 0.10}


def test_the_compare_page_lists_the_ends_moved_between_any_two_reports(con):
    ids = load_all(con)
    first, third = (analysis.stories(con, ids[d]) for d in ("2025-03-31", "2025-09-30"))
    moved = schedule.end_moves(first, third)
    # the expected end (forecast) of March against September, by hand; C's quarters as a range
    assert moved[["code", "text_old", "text_new", "move_min", "move_max"]].values.tolist() == [
        ["C", "Q4 2025", "Q1 2026", 1, 181],
        ["A", "2025-12-31", "2026-03-31", 90, 90],
        ["D", "2025-12-31", "2026-03-31", 90, 90],
        ["E", "2025-12-31", "2026-03-31", 90, 90],
        ["B", "2025-12-31", "2026-01-15", 15, 15],
    ]
    assert schedule.end_moves(third, third).empty


def test_the_compare_page_shows_them(app_db):
    from portfolio import db
    from tests.test_app import open_page

    con = db.connect(app_db)
    march = load_all(con)["2025-03-31"]
    con.close()
    at = open_page("pages/compare.py", programme="Planning")
    assert not at.exception
    assert "Einddatum verschoven" in [h.value for h in at.header]
    # September against June, the report before it: no end moved
    assert "Geen story heeft in de ene rapportage een andere verwachte einddatum dan in de andere." in [
        c.value for c in at.caption
    ]
    at.selectbox(key="compare_old").set_value(march).run()  # September against March
    table = next(d.value for d in at.dataframe if "Verwacht einde nu" in d.value.columns)
    assert table["Nr"].tolist() == ["C", "A", "D", "E", "B"]
    assert table["Verschoven (dagen)"].tolist() == ["+1 .. +181", "+90", "+90", "+90", "+15"]
