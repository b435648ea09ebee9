"""Every query in queries/ on small known data, checked against sums computed here by hand in pandas."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from portfolio import analysis, db, ingest, manage
from portfolio.filters import Filters

ROWS = [
    # code, line, track, parent, budget, spent, forecast, status, counts
    ("1", "L1", "T1", None, 100.0, 40.0, 120.0, "rood", "ja"),
    ("2", "L1", "T2", None, 200.0, 50.0, None, "groen", "ja"),  # forecast missing
    ("3", "L2", "T1", None, 300.0, None, 250.0, "oranje", "ja"),  # spent missing
    ("4", "L2", None, None, None, None, None, "", "ja"),  # nothing known, no track
    ("3.1", "L2", "T1", "3", 120.0, None, None, "", "ja"),  # sub-item: inside its parent
    ("X", "Overig", None, None, 999.0, None, None, "", "nee"),  # outside the totals
]


def to_csv(rows) -> bytes:
    lines = ["Nr;Titel;Programmalijn;Spoor;Hoort bij;Budget;Besteed;Prognose;Stoplicht;Telt mee"]
    for code, line, track, parent, budget, spent, forecast, status, counts in rows:
        cells = [
            code,
            f"Story {code}",
            line,
            track or "",
            parent or "",
            *("" if v is None else f"{v:.2f}".replace(".", ",") for v in (budget, spent, forecast)),
            status,
            counts,
        ]
        lines.append(";".join(cells))
    return "\n".join(lines).encode()


@pytest.fixture
def known(con):
    _, [done] = ingest.load_file(con, to_csv(ROWS), "known.csv", programme="Known", report_date="2025-06-30")
    frame = pd.DataFrame(
        ROWS, columns=["code", "line", "track", "parent", "budget", "spent", "forecast", "status", "counts"]
    )
    counted = frame[frame["parent"].isna() & (frame["counts"] == "ja")]
    return con, done.report_id, counted


def test_every_query_file_is_used_and_says_what_it_answers():
    """No dead SQL: each file is called by the package (whose paths the tests drive) or by a test."""
    names = {p.stem for p in (db.QUERIES_DIR).glob("*.sql")}
    root = Path(__file__).parent.parent
    callers = "".join(
        p.read_text() for p in [*(root / "portfolio").rglob("*.py"), *Path(__file__).parent.glob("test_*.py")]
    )
    assert {n for n in names if f'"{n}"' not in callers} == set()
    for name in names:
        assert db.sql(name).lstrip().startswith("--"), f"{name}.sql must say what it answers"


def test_totals_skip_sub_items_and_excluded_stories_and_keep_missing_missing(known):
    con, report_id, counted = known
    totals = analysis.totals(con, report_id)
    assert totals["n_stories"] == len(counted) == 4
    assert totals["budget"] == counted["budget"].sum() == 600.0
    assert totals["spent"] == counted["spent"].sum() == 90.0
    assert totals["forecast"] == counted["forecast"].sum() == 370.0
    assert (totals["n_budget"], totals["n_spent"], totals["n_forecast"]) == (3, 2, 2)
    both = counted.dropna(subset=["budget", "forecast"])
    assert totals["variance"] == (both["forecast"] - both["budget"]).sum() == -30.0
    assert totals["variance_pct"] == pytest.approx(-30.0 / both["budget"].sum())
    with_spent = counted.dropna(subset=["budget", "spent"])
    assert totals["share_spent"] == pytest.approx(with_spent["spent"].sum() / with_spent["budget"].sum())
    assert (totals["n_red"], totals["n_amber"], totals["n_green"], totals["n_unknown"]) == (1, 1, 1, 1)


def test_rollup_per_line_and_per_track(known):
    con, report_id, counted = known
    lines = analysis.rollup(con, report_id, "line").set_index("group_name")
    expected = counted.groupby("line")["budget"].sum(min_count=1)
    assert lines["budget"].to_dict() == expected.to_dict()
    tracks = analysis.rollup(con, report_id, "track").set_index("group_name")
    assert tracks.index.tolist() == ["T1", "T2", ""]  # '' = stories without a track, in source order
    assert tracks.loc["T1", "budget"] == 400.0 and tracks.loc["T1", "forecast"] == 370.0
    assert pd.isna(tracks.loc["", "budget"])  # nothing known is missing, not 0
    only_l1 = analysis.rollup(con, report_id, "track", programme_line="L1").set_index("group_name")
    assert only_l1["n_stories"].to_dict() == {"T1": 1, "T2": 1}
    with pytest.raises(ValueError):
        analysis.rollup(con, report_id, "owner; drop table stories")


def test_status_matrix_counts_per_line_and_track(known):
    con, report_id, _ = known
    matrix = analysis.status_matrix(con, report_id)
    cells = {(r.programme_line, r.track): (r.n_red, r.n_amber, r.n_green, r.n_unknown) for r in matrix.itertuples()}
    assert cells == {
        ("L1", "T1"): (1, 0, 0, 0),
        ("L1", "T2"): (0, 0, 1, 0),
        ("L2", "T1"): (0, 1, 0, 0),
        ("L2", ""): (0, 0, 0, 1),
    }
    assert analysis.status_matrix(con, report_id, track="")["n_stories"].tolist() == [1]


def test_attention_lists_red_then_amber_then_overruns(known):
    con, report_id, _ = known
    flagged = analysis.attention(con, report_id)
    assert flagged["code"].tolist() == ["1", "3"]
    # story 1's light by the figures is red from its cost (forecast 20% over budget), and the reason says so
    assert analysis.attention_reasons(flagged) == [
        ["reason_red", "reason_over", "reason_figures_red_cost"],
        ["reason_amber"],
    ]


def test_stories_story_and_sub_items(known):
    con, report_id, _ = known
    stories = analysis.stories(con, report_id)
    assert stories["code"].tolist() == ["1", "2", "3", "4", "3.1", "X"]
    one = stories.set_index("code").loc["1"]
    assert (one["variance"], one["burn"], one["remaining"], one["to_spend"]) == (20.0, 0.4, 60.0, 80.0)
    story, items = analysis.story(con, report_id, "3")
    assert story["budget"] == 300.0 and items["code"].tolist() == ["3.1"]
    assert analysis.story(con, report_id, "nope")[0] is None
    assert analysis.excluded(con, report_id) == {"n_stories": 1, "budget": 999.0, "n_budget": 1}


def test_programmes_reports_and_report_info(known):
    con, report_id, _ = known
    ingest.load_file(con, to_csv(ROWS[:1]), "later.csv", programme="Known", report_date="2025-09-30")
    programmes = analysis.programmes(con)
    assert programmes[["name", "n_reports"]].values.tolist() == [["Known", 2]]
    reports = analysis.reports(con, int(programmes["programme_id"][0]))
    assert [d.date() for d in pd.to_datetime(reports["report_date"])] == [dt.date(2025, 9, 30), dt.date(2025, 6, 30)]
    info = analysis.report_info(con, report_id)
    assert (info["programme"], info["source_file"], info["currency"], info["row_count"]) == (
        "Known",
        "known.csv",
        "EUR",
        len(ROWS),
    )


@pytest.mark.parametrize("hostile", ["'; drop table stories; --", "L1' or '1'='1", '"); select 1; --', "%", "\\"])
def test_filters_are_bound_not_spliced(known, hostile):
    con, report_id, _ = known
    assert analysis.rollup(con, report_id, "line", programme_line=hostile).empty
    assert analysis.stories(con, report_id, track=hostile).empty
    assert len(analysis.stories(con, report_id)) == len(ROWS)  # still there


LATEST = max(int(p.name.split("_", 1)[0]) for p in db.MIGRATIONS_DIR.glob("*.sql"))


def test_schema_version_is_recorded_and_migration_is_idempotent(store):
    first = db.connect(store)
    assert db.schema_version(first) == LATEST >= 12
    first.close()
    again = db.connect(store)
    assert db.migrate(again) == LATEST
    # a new store gets the whole schema at once (queries/migrations/new/011_whole_schema.sql), then
    # the migrations after it, each once (012: the export's own totals that disagree with its stories)
    versions = again.execute("select version from schema_version order by version").fetchall()
    assert versions == [(v,) for v in range(db.SCHEMA_VERSION_OF_SCHEMA_FILE, LATEST + 1)]
    again.close()


def shape(con) -> list[tuple]:
    """Every table's columns with type, nullability and default; constraints, sequences and macros."""
    columns = con.execute(
        "select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns "
        "where table_catalog = current_database() order by all"
    ).fetchall()
    kept = con.execute(
        "select constraint_type, table_name from duckdb_constraints() "
        "where database_name = current_database() and constraint_type <> 'NOT NULL' order by all"
    ).fetchall()
    sequences = con.execute("select sequence_name from duckdb_sequences() where database_name = current_database()")
    macros = con.execute(
        "select function_name from duckdb_functions() where database_name = current_database() and not internal"
    )
    return [(*c[:4], _default(c[4])) for c in columns] + kept + sequences.fetchall() + macros.fetchall()


def _default(text):
    """A column default as a value: DuckDB files say 0.10 where DuckLake says 0.1, and quote text."""
    if text is None:
        return None
    text = str(text).split("::")[0].strip("'")
    try:
        return float(text)
    except ValueError:
        return text


def test_a_version_10_file_migrates_to_the_schema_a_new_store_gets(demo_con, tmp_path, store):
    """Migration 011 turns a file of the old schema (keys, sequences, macros) into the one schema that
    a new file and a new lake get; its rows and ids come along, and new ids go on after the old ones."""
    old = tmp_path / "v10.duckdb"
    from tests.stores import old_file_store

    old_file_store(old, 10, copy_from=demo_con)
    # a version 10 file holds no dates (migration 014): the demo's dates (issue 22), and what is worked out
    # from them, are not carried over; every other column is
    dated = ", ".join(
        [
            f"{f}{part}"
            for f in ("start_date", "planned_end", "approved_end", "forecast_end")
            for part in ("", "_first", "_last")
        ]
        + [f"{m}_{x}" for m in ("slip_days", "slip_share", "end_move_days", "end_move_share") for x in ("min", "max")]
    )
    # (the six MAB rows with a date are judged by their schedule too: left out of the comparison)
    with_dates = [
        c
        for (c,) in demo_con.execute(
            "select code from stories where coalesce(start_date, planned_end, forecast_end) is not null"
        ).fetchall()
    ]
    rows = f"select * exclude ({dated}) from stories where not list_contains($dated, code) order by report_id, code"
    before = demo_con.execute(rows, {"dated": with_dates}).fetchall()
    upgraded = db.connect(old)
    assert upgraded.execute("select version from schema_version order by version").fetchall() == [
        (v,) for v in range(1, LATEST + 1)
    ]
    new = db.connect(store)
    assert shape(upgraded) == shape(new)
    assert ("stories", "ambition") in [(c[0], c[1]) for c in shape(new)]
    assert len(with_dates) == 6 and upgraded.execute(rows, {"dated": with_dates}).fetchall() == before
    last = upgraded.execute("select max(report_id) from reports").fetchall()[0][0]
    assert upgraded.execute("select value from counters where name = 'report_id'").fetchall() == [(last,)]
    _, [done] = ingest.load_file(upgraded, to_csv(ROWS), "new.csv", programme="Known", report_date="2030-01-01")
    assert done.report_id == last + 1
    new.close()


def test_the_shared_filter_is_one_file_included_where_a_query_says_so_and_no_store_keeps_a_macro(store):
    """DuckLake keeps no macros: queries/parts/keep_story.sql is the one definition of the filters, and
    every query that filters stories includes it (portfolio.db.sql); neither store holds a macro."""
    part = [
        line
        for line in (db.PARTS_DIR / "keep_story.sql").read_text().splitlines()
        if line.strip() and not line.startswith("--")
    ]
    for name in ("stories", "rollup", "compared_stories", "trend"):
        text = db.sql(name)
        assert "-- include:" not in text
        assert all(line in text for line in part), name
    con = db.connect(store)
    macros = con.execute(
        "select function_name from duckdb_functions() where macro_definition is not null "
        "and database_name = current_database()"
    ).fetchall()
    assert macros == []
    con.close()


def test_a_database_of_schema_8_keeps_every_story_and_field_through_version_9(con, tmp_path):
    """v9 rebuilds stories without the (report_id, code) key (and v11 without any key or check): every
    row and column comes through."""
    from tests.stores import old_file_store

    text = "Nr;Omschrijving;Budget;Prognose;Stoplicht;Toelichting;Ambitie\nA;Eerste;1.000,50;1.100;oranje;loopt uit;alles digitaal\nB;Tweede;;;;;\n"
    ingest.load_file(con, text.encode(), "v8.csv", programme="P", report_date="2025-06-30")
    before = con.execute("select * from stories order by code").fetchall()
    assert len(before) == 2 and any("alles digitaal" in row for row in before)
    path = tmp_path / "old.duckdb"
    old_file_store(path, 8, copy_from=con)  # the database as schema 8 left it
    con = db.connect(path)
    assert db.schema_version(con) == LATEST
    assert con.execute("select * from stories order by code").fetchall() == before
    indexes = con.execute(
        "select count(*) from duckdb_constraints() where table_name = 'stories' and constraint_type = 'PRIMARY KEY'"
    )
    assert indexes.fetchall() == [(0,)]
    con.close()


def test_no_report_holds_a_story_code_twice(demo_con):
    """Without a key (schema v9) the load is what keeps a code unique within its report."""
    twice = demo_con.execute("select report_id, code from stories group by all having count(*) > 1").fetchall()
    assert twice == [] and demo_con.execute("select count(*) from stories").fetchall()[0][0] > 0


NO_SUB_ITEMS = {"sub_items_added": 0, "sub_items_removed": 0, "retitled": 0}  # counts of a comparison without them


def test_previous_report_and_story_comparison(known):
    from portfolio import compare

    con, report_id, _ = known
    later = [list(r) for r in ROWS if r[0] != "2"]  # story 2 removed
    later[0][6], later[0][7] = 150.0, "oranje"  # story 1: forecast up, red -> amber (better)
    later.append(("5", "L1", "T2", None, 10.0, None, 10.0, "rood", "ja"))  # a new story
    assert compare.previous_report(con, "Known", dt.date(2025, 1, 1)) is None
    previous = compare.previous_report(con, "Known", dt.date(2025, 9, 30))
    assert int(previous["report_id"]) == report_id
    draft = ingest.parse_export(to_csv(later), "later.csv", programme="Known", report_date="2025-09-30").reports[0]
    _, comparison = compare.against_database(con, "Known", dt.date(2025, 9, 30), draft.stories)
    assert comparison.added["code"].tolist() == ["5"]
    assert comparison.removed["code"].tolist() == ["2"]
    changed = comparison.changed.set_index("code")
    assert changed.index.tolist() == ["1"]
    assert (changed.loc["1", "forecast_old"], changed.loc["1", "forecast_new"], changed.loc["1", "forecast_move"]) == (
        120.0,
        150.0,
        30.0,
    )
    assert changed.loc["1", "status_move"] == "better"
    assert comparison.counts() == {"added": 1, "removed": 1, "changed": 1, "better": 1, "worse": 0, **NO_SUB_ITEMS}


def test_audit_log_records_loads(known):
    con, report_id, _ = known
    log = db.query(con, "audit_log", limit=10)
    assert log[["action", "report_id"]].values.tolist() == [["load", report_id]]
    assert "known.csv" in log["detail"][0]


def test_no_story_outlives_its_report(demo_con):
    """Stories carry no foreign key (schema v3); the ingest and delete paths keep them consistent."""
    from portfolio import manage

    report_id = int(analysis.reports(demo_con, int(analysis.programmes(demo_con)["programme_id"][0]))["report_id"][0])
    manage.delete(demo_con, report_id, actor="test")
    orphans = demo_con.execute(
        "select count(*) from stories where report_id not in (select report_id from reports)"
    ).fetchall()
    assert orphans == [(0,)]
    assert db.schema_version(demo_con) == LATEST


def test_filter_options_list_what_a_report_can_be_filtered_on(known):
    con, report_id, _ = known
    options = analysis.filter_options(con, report_id)
    assert options["line"] == ["L1", "L2", "Overig"]
    assert options["track"] == ["T1", "T2", ""]  # '' = stories without a track


def test_filters_combine_and_search_is_plain_text(known):
    from portfolio.filters import Filters

    con, report_id, _ = known
    codes = lambda f: analysis.stories(con, report_id, filters=f)["code"].tolist()  # noqa: E731
    assert codes(Filters(lines=("L2",), tracks=("T1",))) == ["3", "3.1"]
    assert codes(Filters(tracks=("",))) == ["4", "X"]
    assert codes(Filters(statuses=("red", "amber"))) == ["1", "3"]
    assert codes(Filters(search="story 3")) == ["3", "3.1"]
    assert codes(Filters(search="%")) == []  # no wildcards
    totals = analysis.totals(con, report_id, filters=Filters(lines=("L1",)))
    assert (totals["n_stories"], totals["budget"], totals["forecast"]) == (2, 300.0, 120.0)


def test_the_light_the_figures_give_follows_the_rules(known):
    con, report_id, _ = known
    judged = analysis.stories(con, report_id).set_index("code")
    # 1: forecast 120 on budget 100 = +20% > 15% -> red; 2: no forecast, spent 50 of 200 -> green;
    # 3: forecast 250 on 300 -> green; 4: nothing known -> unknown
    assert judged.loc[["1", "2", "3", "4"], "figures_status"].tolist() == ["red", "green", "green", "unknown"]
    manage.set_status_rules(
        con,
        actor="controller",
        overrun_amber=0.25,
        overrun_red=0.5,
        spent_over_budget_red=True,
        drift_amber=0.3,
        drift_red=0.6,
    )
    assert analysis.stories(con, report_id).set_index("code").loc["1", "figures_status"] == "green"
    assert analysis.status_rules(con)["updated_by"] == "controller"
    with pytest.raises(ValueError):
        manage.set_status_rules(
            con, overrun_amber=0.5, overrun_red=0.1, spent_over_budget_red=True, drift_amber=0.1, drift_red=0.2
        )


def test_watermelons_are_counted_where_green_is_reported_against_the_figures(con):
    rows = [
        ("W", "L", "T", None, 100.0, 10.0, 130.0, "groen", "ja"),
        ("OK", "L", "T", None, 100.0, 10.0, 100.0, "groen", "ja"),
    ]
    _, [done] = ingest.load_file(con, to_csv(rows), "w.csv", programme="W", report_date="2025-01-31")
    assert analysis.totals(con, done.report_id)["n_watermelons"] == 1
    assert analysis.status_matrix(con, done.report_id)["n_watermelons"].tolist() == [1]
    flagged = analysis.attention(con, done.report_id)
    assert flagged["code"].tolist() == ["W"] and analysis.attention_reasons(flagged) == [
        ["reason_over", "reason_figures_red_cost", "reason_watermelon"]
    ]


def test_trend_story_history_and_drift_over_reports(known):
    con, report_id, _ = known
    later = [list(r) for r in ROWS]
    later[0][4], later[0][6] = 150.0, 160.0  # story 1 re-baselined: budget 100 -> 150, forecast 160
    _, [done] = ingest.load_file(con, to_csv(later), "later.csv", programme="Known", report_date="2025-09-30")
    programme_id = int(analysis.programmes(con)["programme_id"][0])
    trend = analysis.trend(con, programme_id)
    assert trend["budget"].tolist() == [600.0, 650.0] and trend["forecast"].tolist() == [370.0, 410.0]
    history = analysis.story_history(con, programme_id, "1")
    assert history["budget"].tolist() == [100.0, 150.0] and history["forecast"].tolist() == [120.0, 160.0]
    # by the figures: 20% over budget first (> 15%), then 60% above the first baseline (> 25%)
    assert history["figures_status"].tolist() == ["red", "red"]
    one = analysis.stories(con, done.report_id).set_index("code").loc["1"]
    # variance against today's budget is +10, but against the first baseline the forecast drifted +60%
    assert (one["variance"], one["baseline"], one["drift"], one["drift_pct"]) == (10.0, 100.0, 60.0, 0.6)
    assert one["figures_status"] == "red"
    assert analysis.previous_report_id(con, programme_id, done.report_id) == report_id
    assert analysis.previous_report_id(con, programme_id, report_id) is None


def test_two_saved_reports_compare_as_the_upload_preview_compared_them(known):
    """One comparison: the compare page and 'since the previous report' (two saved reports) answer what
    the upload preview (a draft against the database) answered, and the filters narrow it."""
    from portfolio import compare

    con, report_id, _ = known
    later = [list(r) for r in ROWS if r[0] != "2"]
    later[0][6], later[0][7] = 150.0, "oranje"  # story 1: red -> amber, forecast 120 -> 150
    later[2][7] = "rood"  # story 4: unknown -> red is a change, neither better nor worse
    later.append(("5", "L1", "T2", None, 10.0, None, 10.0, "rood", "ja"))
    draft = ingest.parse_export(to_csv(later), "later.csv", programme="Known", report_date="2025-09-30").reports[0]
    _, preview = compare.against_database(con, "Known", dt.date(2025, 9, 30), draft.stories)
    _, [done] = ingest.load_file(con, to_csv(later), "later.csv", programme="Known", report_date="2025-09-30")
    saved = compare.compare_reports(con, report_id, done.report_id)
    expected = {"added": 1, "removed": 1, "changed": 2, "better": 1, "worse": 0, **NO_SUB_ITEMS}
    assert saved.counts() == preview.counts() == expected
    assert saved.added["code"].tolist() == preview.added["code"].tolist() == ["5"]
    assert saved.removed["code"].tolist() == preview.removed["code"].tolist() == ["2"]
    columns = ["code", "forecast_old", "forecast_new", "forecast_move", "status_old", "status_new", "status_move"]
    assert saved.changed[columns].astype(object).fillna("missing").values.tolist() == [
        ["1", 120.0, 150.0, 30.0, "red", "amber", "better"],
        ["4", "missing", "missing", "missing", "unknown", "red", "changed"],
    ]
    narrowed = compare.compare_reports(con, report_id, done.report_id, Filters(lines=("L2",)))
    assert narrowed.counts() == {"added": 0, "removed": 0, "changed": 1, "better": 0, "worse": 0, **NO_SUB_ITEMS}


def test_upgrading_a_version_4_database_fills_in_the_lights_by_the_figures(demo_con, tmp_path):
    from tests.stores import old_file_store

    path = tmp_path / "v4.duckdb"
    expected = analysis.stories(demo_con, 2)[["code", "figures_status"]].values.tolist()
    old_file_store(path, 4, copy_from=demo_con)  # as a version 4 database had it: no measures on the rows yet
    again = db.connect(path)  # migrates: 005 and the query it names ('-- then: refresh_judgement')
    assert db.schema_version(again) == LATEST
    assert analysis.stories(again, 2)[["code", "figures_status"]].values.tolist() == expected


def test_upgrading_a_version_5_database_derives_search_text_and_period_years(con, tmp_path):
    from tests.stores import old_file_store

    path = tmp_path / "v5.duckdb"
    _, [done] = ingest.load_file(con, period_csv(PERIOD_ROWS), "p.csv", programme="Years", report_date="2024-06-30")
    old_file_store(path, 5, copy_from=con)  # no search text or period years on the rows yet
    again = db.connect(path)
    assert db.schema_version(again) == LATEST
    found = analysis.stories(again, done.report_id, filters=Filters(search="JAARPLAN"))
    assert found["code"].tolist() == []  # the search looks at code and title, not the period
    assert analysis.stories(again, done.report_id, filters=Filters(search="story B"))["code"].tolist() == ["B"]
    years = again.execute("select code, period_from, period_to from stories order by code").fetchall()
    assert years == [(code, *expected_years(period)) for code, period, *_ in sorted(PERIOD_ROWS)]


# code, period, budget, spent, forecast: periods as exports write them (a year, a plan year, a range,
# a later year, a phase without a year)
PERIOD_ROWS = [
    ("A", "Jaarplan 2024", 100.0, 30.0, 100.0),
    ("B", "2023", 200.0, 150.0, 210.0),  # carried over from 2023
    ("C", "2023-2025", 300.0, None, 300.0),  # spans the report's year; spent missing
    ("D", "Q1 2026", 50.0, 0.0, 50.0),  # a later year
    ("E", "Plateau 3", 80.0, 20.0, None),  # no year
    ("F", "", None, 5.0, None),  # no period, no budget
]


def period_csv(rows, spent_factor: float = 1.0) -> bytes:
    lines = ["Nr;Titel;Periode;Budget;Besteed;Prognose"]
    for code, period, budget, spent, forecast in rows:
        spent = None if spent is None else spent * spent_factor
        amounts = ("" if v is None else f"{v:.2f}".replace(".", ",") for v in (budget, spent, forecast))
        lines.append(";".join([code, f"Story {code}", period, *amounts]))
    return "\n".join(lines).encode()


def expected_years(period: str) -> tuple:
    import re

    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", period)]
    return (min(years), max(years)) if years else (None, None)


def test_quarterly_view_splits_spent_and_remaining_by_the_year_the_budget_is_for(con):
    """The OWO quarterly overview, checked against a classification and sums done here in plain Python."""
    dates = ["2024-03-31", "2024-05-31", "2024-06-30", "2025-02-28"]  # two reports in Q2 2024: the latest counts
    for i, date in enumerate(dates):
        ingest.load_file(con, period_csv(PERIOD_ROWS, 1 + i / 10), f"p{i}.csv", programme="Years", report_date=date)
    programme_id = int(analysis.programmes(con)["programme_id"][0])
    view = analysis.quarterly(analysis.trend_by_period(con, programme_id))
    assert sorted({(r.year, r.quarter, str(r.report_date)[:10]) for r in view.itertuples()}) == [
        (2024, 1, "2024-03-31"),
        (2024, 2, "2024-06-30"),
        (2025, 1, "2025-02-28"),
    ]
    for i, date in enumerate(dates):
        if date == "2024-05-31":
            continue
        year = int(date[:4])
        expected: dict[str, dict] = {}
        for _code, period, budget, spent, _ in PERIOD_ROWS:
            first, last = expected_years(period)
            kind = "unknown" if first is None else "earlier" if last < year else "later" if first > year else "current"
            spent = None if spent is None else spent * (1 + i / 10)
            cell = expected.setdefault(kind, {"n": 0, "budget": [], "spent": [], "remaining": []})
            cell["n"] += 1
            cell["budget"] += [budget] if budget is not None else []
            cell["spent"] += [spent] if spent is not None else []
            cell["remaining"] += [budget - spent] if budget is not None and spent is not None else []
        rows = view[pd.to_datetime(view["report_date"]) == pd.Timestamp(date)].set_index("period_class")
        order = [c for c in analysis.PERIOD_CLASSES if c in expected]
        assert rows.index.tolist() == order
        for kind, cell in expected.items():
            got = rows.loc[kind]
            assert got["n_stories"] == cell["n"]
            for measure in ("budget", "spent", "remaining"):
                if cell[measure]:
                    assert got[measure] == pytest.approx(sum(cell[measure]))
                else:
                    assert pd.isna(got[measure])  # missing, not 0
                assert got[f"n_{measure}"] == len(cell[measure])
    in_2025 = view[view["year"] == 2025].set_index("period_class")
    assert set(in_2025.index) == {"earlier", "current", "later", "unknown"}  # 2024's plan is carried over in 2025
    assert in_2025.loc["earlier", "n_stories"] == 2  # A (2024) and B (2023)
    # the trend still adds the classes up per report, and all four reports are in it
    trend = analysis.trend(con, programme_id)
    assert len(trend) == 4 and trend["budget"].tolist() == [730.0] * 4


def test_quarterly_view_is_empty_when_no_period_names_a_year(known):
    con, _, _ = known
    programme_id = int(analysis.programmes(con)["programme_id"][0])
    assert analysis.quarterly(analysis.trend_by_period(con, programme_id)).empty


def test_every_level_of_the_rollup_agrees_with_a_pandas_groupby_of_the_stories(con):
    """Lines, tracks and the whole report are added up from the line x track cells; checked here
    against pandas on the stories themselves, with missing amounts and empty groups in the data."""
    import numpy as np

    rng = np.random.default_rng(3)
    rows = []
    for i in range(120):
        amounts = [None if rng.random() < 0.2 else float(rng.integers(1, 500) * 100) for _ in range(3)]
        line = str(rng.choice(["L1", "L2", "L3", ""]))  # '' = no line
        track = str(rng.choice(["T1", "T2", ""]))
        light = str(rng.choice(["rood", "oranje", "groen", ""]))
        rows.append((str(i), line, track, None, *amounts, light, "ja"))
    _, [done] = ingest.load_file(con, to_csv(rows), "random.csv", programme="Random", report_date="2025-06-30")
    stories = analysis.stories(con, done.report_id)
    stories = stories.assign(programme_line=stories["programme_line"].fillna(""), track=stories["track"].fillna(""))
    levels = analysis.rollups(con, done.report_id)
    for level, keys in (
        ("line", ["programme_line"]),
        ("track", ["track"]),
        ("line_track", ["programme_line", "track"]),
    ):
        grouped = stories.groupby(keys, sort=False)
        got = levels[level].set_index(keys if level == "line_track" else "group_name")
        got.index.names = keys if level == "line_track" else keys
        assert len(got) == grouped.ngroups
        for measure in ("budget", "spent", "forecast", "variance", "remaining"):
            expected = grouped[measure].sum(min_count=1)
            assert got[measure].reindex(expected.index).tolist() == pytest.approx(expected.tolist(), nan_ok=True)
        assert got["n_budget"].reindex(grouped.size().index).tolist() == grouped["budget"].count().tolist()
        red = stories.assign(red=stories["status"].eq("red")).groupby(keys, sort=False)["red"].sum()
        assert got["n_red"].reindex(red.index).tolist() == red.tolist()
        firsts = grouped["sort_order"].min().sort_values()
        assert [tuple(np.atleast_1d(k)) for k in got.index] == [tuple(np.atleast_1d(k)) for k in firsts.index]
    whole = levels["all"].iloc[0]
    assert whole["budget"] == pytest.approx(stories["budget"].sum())
    assert whole["n_stories"] == len(stories)
    both = stories.dropna(subset=["budget", "spent"])
    assert whole["share_spent"] == pytest.approx(both["spent"].sum() / both["budget"].sum())
    empty = analysis.rollups(con, done.report_id, filters=Filters(search="no such story"))
    assert empty["line"].empty and empty["all"]["n_stories"].tolist() == [0]
    assert pd.isna(empty["all"]["budget"].iloc[0])  # nothing known is missing, not 0


def test_the_comparison_counts_what_a_reader_would_call_a_change():
    from portfolio import compare

    nan = float("nan")
    old = pd.DataFrame(
        {
            "code": ["a", "b", "c", "d", "e", "gone"],
            "title": [None, "B", "C", "D", "E", "G"],
            "budget": [100.0, 100.0, 100.0, nan, 100.0, 1.0],
            "spent": [nan, 10.0, 10.0, nan, 10.0, 1.0],
            "forecast": [100.0, 100.0, 100.0, nan, 100.0, 1.0],
            "status": ["green", "green", "red", "unknown", "amber", "red"],
        }
    )
    new = pd.DataFrame(
        {
            "code": ["new", "e", "d", "c", "b", "a"],  # another order: changes come in the new order
            "title": ["N", "E", "D", "C", "B renamed", None],
            "budget": [5.0, 100.004, 50.0, 100.0, 100.0, 100.0],  # e: less than half a cent is no move
            "spent": [nan, 10.0, nan, 10.0, 10.0, nan],
            "forecast": [5.0, 100.0, nan, 100.0, 100.0, 100.0],
            "status": ["red", "red", "unknown", "amber", "green", "green"],
        }
    )
    result = compare.compare_stories(old, new)
    assert result.added["code"].tolist() == ["new"] and result.removed["code"].tolist() == ["gone"]
    changed = result.changed.set_index("code")
    assert changed.index.tolist() == ["e", "d", "c", "b"]  # a: two missing titles and nothing else moved
    assert changed.loc["e", "status_move"] == "worse" and changed.loc["e", "budget_move"] == pytest.approx(0.004)
    assert changed.loc["d", "budget_old"] != changed.loc["d", "budget_old"]  # appeared: missing before, not 0
    assert changed.loc["d", "budget_new"] == 50.0 and changed.loc["d", "status_move"] == "same"
    assert changed.loc["c", "status_move"] == "better"
    assert changed.loc["b", "title"] == "B renamed" and changed.loc["b", "status_move"] == "same"
    assert changed.loc["b", "changes"] == ("title",) and changed.loc["e", "changes"] == ("status",)
    assert result.counts() == {"added": 1, "removed": 1, "changed": 4, "better": 1, "worse": 1, **NO_SUB_ITEMS}


def test_the_lights_by_the_figures_are_counted_per_group_and_add_up_to_the_stories(demo_con):
    programme = int(analysis.programmes(demo_con)["programme_id"][0])
    report_id = int(analysis.reports(demo_con, programme)["report_id"][0])
    by_line = analysis.rollup(demo_con, report_id, "line")
    stories = analysis.stories(demo_con, report_id)
    stories = stories[stories["parent_code"].isna() & stories["in_totals"]]  # what the roll-up counts
    for status in ("red", "amber", "green", "unknown"):
        column = by_line[f"n_figures_{status}"]
        assert column.sum() == (stories["figures_status"].fillna("unknown") == status).sum(), status
    assert (
        by_line[[f"n_figures_{s}" for s in ("red", "amber", "green", "unknown")]].sum(axis=1) == by_line["n_stories"]
    ).all()
