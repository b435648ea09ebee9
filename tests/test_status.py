"""Traffic-light words from Dutch and English reports; the five-point scale folds to the worse colour."""

import pytest

from portfolio.status import normalise_status


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("groen", "green"),
        ("Oranje", "amber"),
        ("ROOD", "red"),
        ("G", "green"),
        ("A", "amber"),
        ("R", "red"),
        ("Green", "green"),
        ("Amber", "amber"),
        ("Red", "red"),
        ("On track", "green"),
        ("At risk", "amber"),
        ("Off track", "red"),
        ("Amber/Green", "amber"),
        ("Amber/Red", "red"),
        ("groen (afgeleid)", "green"),
        ("", "unknown"),
        (None, "unknown"),
        ("Exempt", "unknown"),
    ],
)
def test_known_status_words(label, status):
    assert normalise_status(label) == (status, True)


def test_unknown_words_are_unknown_and_reported_as_such():
    assert normalise_status("paars") == ("unknown", False)


def test_sql_ranks_the_lights_as_status_does():
    """One home for the ranks: the table light_ranks (migration 10) holds status.SEVERITY, and the
    severity stories.sql gives is the worse of the two lights by those ranks (unknown above green)."""
    import datetime as dt

    from portfolio import analysis, db, ingest
    from portfolio.status import SEVERITY

    con = db.connect(":memory:")
    assert dict(con.execute("select status, rank from light_ranks").fetchall()) == SEVERITY
    csv = (
        b"code,title,budget,forecast,status\n"
        b"A,reported unknown,100,100,\n"  # figures green, reported unknown -> unknown's rank
        b"B,all green,100,100,groen\n"
        b"C,overrun,100,200,groen\n"  # figures red
    )
    ingest.load_file(con, csv, "ranks.csv", programme="Ranks", report_date=dt.date(2025, 1, 31))
    report_id = int(analysis.reports(con, int(analysis.programmes(con)["programme_id"][0]))["report_id"][0])
    stories = analysis.stories(con, report_id).set_index("code")
    assert stories.loc[["A", "B", "C"], "severity"].tolist() == [
        SEVERITY["unknown"],
        SEVERITY["green"],
        SEVERITY["red"],
    ]


def test_the_most_urgent_story_is_the_worst_by_the_figures_then_the_largest_overrun():
    import pandas as pd

    from portfolio.status import most_urgent

    nan = float("nan")
    stories = pd.DataFrame(
        {
            "code": ["s0", "a1", "r1", "r2", "r3"],
            "figures_status": ["green", "amber", "red", "red", "red"],
            "variance_pct": [0.0, 0.9, 0.2, 0.5, nan],
            "variance": [0.0, 900.0, 20_000.0, 5_000.0, nan],
        }
    )
    assert most_urgent(stories) == "r2"  # red beats amber; 50% beats 20% although less money
    assert most_urgent(stories[stories["code"] != "r2"]) == "r1"  # a missing overrun counts as none
    assert most_urgent(stories.iloc[:2]) == "a1"
    assert most_urgent(stories.iloc[:0]) is None
    everything_unknown = pd.DataFrame(
        {
            "code": ["x", "y"],
            "figures_status": ["unknown", "unknown"],
            "variance_pct": [nan, nan],
            "variance": [nan, nan],
        }
    )
    assert most_urgent(everything_unknown) == "x"  # nothing known: the first in the source
