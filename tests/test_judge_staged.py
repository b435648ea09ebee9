"""The light by the figures worked out from a load's staged stories (queries/insert_stories.sql with $judge) is
the one worked out from the stored stories (queries/judge_stories.sql, refresh_judgement.sql).

A load whose programmes have no current report but its own judges the stories before it writes them and writes
each with its measures (one statement, no UPDATE of every new row: 0.8 s of a 200,000-row history's load). Any
other load writes the stories and then judges them from the table. Both must give the same measures to the
bit: here every generated history is loaded, its measures kept, then judged again from the stored stories
(db.refresh_judgement, as a change of the rules does) and compared column by column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio import db, ingest

JUDGED = [
    "baseline_used",
    "drift",
    "drift_share",
    "overrun",
    "slip_days_min",
    "slip_days_max",
    "slip_share_min",
    "slip_share_max",
    "figures_status",
    "figures_cause",
    "end_move_days_min",
    "end_move_days_max",
    "end_move_share_min",
    "end_move_share_max",
    "watermelon_cause",
    "unchanged_reports",
    "stuck",
    "reported_done",
    "end_passed",
]
HEADER = ["Programme", "Report date", "Project ID", "Budget", "Spent", "Forecast", "RAG", "Commentary"]
HEADER += ["Start date", "End date", "Forecast end"]

amounts = st.one_of(st.none(), st.integers(0, 2_000_000), st.sampled_from([0, 100_000, 100_001]))
lights = st.sampled_from(["Green", "Amber", "Red", "", "Done", "Blue"])
notes = st.sampled_from(["", "Op schema", "Gereed", "Delayed by supplier", "Afgerond volgens plan"])
days = st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31))
ends = st.one_of(
    st.none(),
    days.map(dt.date.isoformat),
    st.builds(lambda y, q: f"Q{q} {y}", st.integers(2019, 2027), st.integers(1, 4)),
    st.sampled_from(["najaar 2024", "2025", "n.v.t.", "na akkoord GS"]),
)
story = st.tuples(
    amounts, amounts, amounts, lights, notes, st.one_of(st.none(), days.map(dt.date.isoformat)), ends, ends
)


def cell(value) -> str:
    return "" if value is None else str(value)


def history_csv(programmes: dict[str, list[list[tuple]]], report_dates: list[dt.date]) -> bytes:
    """CSV of every programme's reports: report k of a programme holds its stories' k-th rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for name, stories in programmes.items():
        for k, when in enumerate(report_dates):
            for code, rows in enumerate(stories, start=1):
                if k < len(rows) and rows[k] is not None:
                    writer.writerow([name, when.isoformat(), f"P{code}", *map(cell, rows[k])])
    return buffer.getvalue().encode()


def measures(con) -> list[tuple]:
    """(report_id, code, the measures in JUDGED order) of every stored story."""
    result = con.execute("select * from stories order by report_id, code")
    names = [d[0] for d in result.description]
    picks = [names.index(c) for c in ("report_id", "code", *JUDGED)]
    return [tuple(row[i] for i in picks) for row in result.fetchall()]


# a story's rows over the reports: a row, or None where the story is not in that report
story_rows = st.lists(st.one_of(story, story, story, st.none()), min_size=1, max_size=5)
programme = st.lists(story_rows, min_size=1, max_size=6)
reports_dates = st.lists(st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)), min_size=1, max_size=5, unique=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["Alfa", "Beta", "Gamma"]), programme, min_size=1, max_size=3), reports_dates)
def test_a_first_load_judged_from_its_staged_stories_gives_the_measures_the_stored_stories_give(programmes, dates):
    data = history_csv(programmes, sorted(dates))
    parsed = ingest.parse_export(data, "history.csv")
    if parsed.errors or not parsed.reports:
        return  # nothing to judge: refused or empty (other tests say why)
    con = db.connect(":memory:")
    try:
        ingest.commit(con, parsed)
        written = measures(con)
        assert written and all(row[2 + JUDGED.index("figures_status")] is not None for row in written)
        db.refresh_judgement(con, programmes=None)
        assert measures(con) == written
    finally:
        con.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programme, reports_dates, reports_dates)
def test_a_later_load_into_a_programme_with_reports_is_judged_after_the_write_with_the_same_figures(
    stories, first_dates, later_dates
):
    """The second load's programme has reports already: it is judged from the stored stories (every report of
    the programme, the earlier ones included, since first budgets and the previous report may change)."""
    later = sorted(set(later_dates) - set(first_dates))
    if not later:
        return
    con = db.connect(":memory:")
    try:
        first = ingest.parse_export(history_csv({"Alfa": stories}, sorted(first_dates)), "first.csv")
        second = ingest.parse_export(history_csv({"Alfa": stories}, later), "second.csv")
        if first.errors or second.errors or not first.reports or not second.reports:
            return
        ingest.commit(con, first)
        ingest.commit(con, second)
        written = measures(con)
        db.refresh_judgement(con, programmes=None)
        assert measures(con) == written
    finally:
        con.close()


JUDGED_IN_INSERT = "judged in the insert"


@pytest.fixture
def ran(monkeypatch) -> list[str]:
    """The names of the statements run through db.execute from here on; insert_stories as 'judged in the insert'
    where it works out the light by the figures of the stories it writes."""
    names: list[str] = []
    original = db.execute

    def recording(con, name, /, **params):
        names.append(JUDGED_IN_INSERT if name == "insert_stories" and params.get("judge") else name)
        return original(con, name, **params)

    monkeypatch.setattr(db, "execute", recording)
    return names


def test_the_staged_way_is_the_one_a_first_load_takes(ran):
    """A first load judges from its staged stories and never runs the judgement of the stored stories; a
    second load into the same programme does."""
    rows = {"Alfa": [[(100, 50, 120, "Green", "Op schema", "2024-01-01", "2025-06-30", "Q4 2025")] * 2]}
    con = db.connect(":memory:")
    try:
        ingest.commit(con, ingest.parse_export(history_csv(rows, [dt.date(2025, 1, 31)]), "a.csv"))
        assert JUDGED_IN_INSERT in ran and "refresh_judgement" not in ran
        ran.clear()
        ingest.commit(con, ingest.parse_export(history_csv(rows, [dt.date(2025, 4, 30)]), "b.csv"))
        assert JUDGED_IN_INSERT not in ran and "refresh_judgement" in ran
        # the second report's story: 20% over its budget and 20% over its first budget, reported green
        [(status, cause, drift)] = con.execute(
            "select figures_status, watermelon_cause, drift from stories s join reports r using (report_id) "
            "where r.report_date = date '2025-04-30'"
        ).fetchall()
        assert (status, cause, drift) == ("red", "figures", 20.0)
    finally:
        con.close()


def test_a_replaced_only_report_is_judged_after_the_write_so_its_old_version_is_judged_again(ran):
    """Replacing the one report of a programme leaves its old version's stories in the store: the judgement
    after the write judges them again (first budgets move with the new version), as a change of the rules
    would; the staged way would not see them, so a programme with any other report takes the usual way."""
    first = {"Alfa": [[(100, 50, 100, "Green", "Op schema", "2024-01-01", "2025-06-30", None)]]}
    second = {"Alfa": [[(80, 50, 100, "Green", "Op schema", "2024-01-01", "2025-06-30", None)]]}
    when = [dt.date(2025, 1, 31)]
    con = db.connect(":memory:")
    try:
        ingest.commit(con, ingest.parse_export(history_csv(first, when), "a.csv"))
        ran.clear()
        ingest.commit(con, ingest.parse_export(history_csv(second, when), "b.csv"), replace=True)
        assert JUDGED_IN_INSERT not in ran and "refresh_judgement" in ran
        written = measures(con)
        assert len(written) == 2  # the old version and the new
        db.refresh_judgement(con, programmes=None)
        assert measures(con) == written
    finally:
        con.close()


# --- the word for done, read by one regular expression -------------------------------------------------------
# The rule as it was first written (trim ' -*(' in front, the first word up to a space, lower-cased, '.,:;!)'
# dropped after it, looked up in a list), kept here as the reference the regular expression must equal.
DONE_LABELS = ["gereed", "afgerond", "opgeleverd", "voltooid", "klaar", "afgesloten", "blauw", "blue", "done"]
DONE_LABELS += ["complete", "completed", "closed", "delivered", "finished"]
DONE_NOTES = [w for w in DONE_LABELS if w not in ("klaar", "blauw", "blue")]
AS_FIRST_WRITTEN = (
    "select list_contains($words, rtrim(lower(split_part(ltrim(coalesce($text, ''), ' -*('), ' ', 1)), '.,:;!)')), "
    "regexp_matches(lower(coalesce($text, '')), $pattern)"
)


def _pattern(column: str) -> str:
    """The regular expression judged_stories.sql matches the stories' `column` with (its quoted pieces joined)."""
    text = db.sql("judge_stories")
    start = text.index(f"lower(coalesce(s.{column}, '')),")
    end = text.index("( |$)'", start) + len("( |$)'")
    return "".join(re.findall(r"'([^']*)'", text[text.index(",", start) + 1 : end]))


def _first_word(text: str | None) -> str:
    return ("" if text is None else text).lstrip(" -*(").split(" ", 1)[0].lower().rstrip(".,:;!)")


pieces = st.sampled_from([*DONE_LABELS, "Gereed", "DONE", "Klaar", "bijna", "niet", "completedly", "close"])
around = st.sampled_from(["", " ", "-", "*", "(", " - ", "(*", ".", ",", ":", ";", "!", ")", ").", "\t", "\n", "x"])
done_texts = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.builds(
        lambda a, w, b, rest: a + w + b + rest, around, pieces, around, st.sampled_from(["", " nu", " 2024", "\n"])
    ),
)


@settings(max_examples=400, deadline=None)
@given(text=done_texts, column=st.sampled_from(["status_label", "status_note"]))
def test_the_word_for_done_is_the_first_word_as_trimmed_and_looked_up(text, column):
    """The regular expressions of judged_stories.sql give what trimming, splitting and the list gave, for labels
    and notes with the words in any case, signs in front and after, spaces, tabs and line breaks, other text."""
    words = DONE_LABELS if column == "status_label" else DONE_NOTES
    pattern = _pattern(column)
    assert pattern.startswith("^") and "finished" in pattern
    listed, matched = (
        duckdb.connect().execute(AS_FIRST_WRITTEN, {"words": words, "text": text, "pattern": pattern}).fetchone()
    )
    assert matched == listed == (_first_word(text) in words)
