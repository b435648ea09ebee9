"""The app as a user meets it, driven by Streamlit's AppTest against a fresh database file."""

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, db, fmt

PAGES = ["pages/overview.py", "pages/lines.py", "pages/tracks.py", "pages/story.py"]
GRONINGEN = "Uitvoeringsprogramma digitalisering Groningen"
TIMEOUT = 60
APP = Path(__file__).resolve().parent.parent / "app.py"


def start(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    query = {"programme": "", **query}  # '/?programme=' opens the overview (the portfolio page comes first)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def open_page(page: str, **query) -> AppTest:
    """A page opened by its link, with the URL's parameters (as a shared link opens it)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def texts(at) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "success", "title", "header", "subheader")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def test_first_start_loads_the_demo_and_shows_the_mab_totals(app_db):
    at = start()
    assert not at.exception
    shown = metrics(at)
    assert shown["Budget"] == "€ 2.315k"
    assert shown["Besteed/verplicht"] == "€ 936,5k"  # as the upload preview, compare and charts write it
    assert shown["Prognose"] == "€ 2.137,5k"  # € 2.137.500
    assert shown["Afwijking"] == "€ -177,5k"  # € -177.500
    assert shown["Besteed van budget"] == fmt.percent(936_500 / 2_315_000, "nl") == "40,5%"
    assert "MAB Flevoland" in texts(at)
    assert app_db.exists()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("programme", ["MAB Flevoland", GRONINGEN])
def test_every_page_renders_for_both_programmes(app_db, page, programme):
    at = start(programme=programme)
    at.switch_page(page).run()
    assert not at.exception
    assert at.sidebar.selectbox(key="programme").value == programme
    assert programme in texts(at)


def test_a_report_without_amounts_says_so_instead_of_showing_zeros(app_db):
    at = start(programme=GRONINGEN)
    assert not at.exception
    assert set(metrics(at).values()) >= {fmt.MISSING}
    assert "€ 0" not in metrics(at).values()
    assert "geen bedragen en geen stoplichten" in "".join(i.value for i in at.info)


def test_a_report_where_nothing_is_known_gives_no_green_all_clear(app_db):
    """Groningen's status report: no amounts and no light the app can read. The page says that nothing is
    known, not 'only lights and notes', and gives no green 'no stories need attention'."""
    at = start(programme=GRONINGEN)
    con = db.connect(app_db)
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == GRONINGEN, "programme_id"].iloc[0])
    stories = analysis.stories(con, int(analysis.reports(con, programme_id)["report_id"].iloc[0]))
    assert set(stories["status"]) == {"unknown"} == set(stories["figures_status"])  # what the file holds
    assert stories["budget"].isna().all() and stories["forecast"].isna().all()
    assert not at.exception
    assert not at.success  # no green box for what nothing is known about
    infos = [i.value for i in at.info]
    # exactly what the file holds: titles, lines, tracks and notes; no amounts and no lights
    assert (
        "Deze rapportage bevat alleen stories, programmalijnen, sporen en toelichtingen; "
        "geen bedragen en geen stoplichten." in infos
    )
    counted = int((stories["in_totals"] & stories["parent_code"].isna()).sum())  # as the tiles count them
    assert any(i.startswith(f"Van geen van de {counted} stories is een stoplicht of bedrag bekend") for i in infos)
    assert f"0 van {counted} stories" in texts(at)
    assert "alleen stoplichten en toelichtingen" not in texts(at) + "".join(infos)
    at = start()  # MAB, with lights and amounts, keeps its own texts
    assert not any("geen bekende stoplichten" in i.value for i in at.info)


def test_switching_to_english_changes_every_label_and_the_number_format(app_db):
    at = start()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Budget"] == "€2,315k"
    assert shown["Spent/committed"] == "€936.5k"
    assert shown["Forecast"] == "€2,137.5k"
    assert shown["Share spent"] == "40.5%"
    assert at.query_params["lang"] == "en"


def known(value) -> bool:
    return value is not None and value == value  # NaN is missing


def light_by_the_figures(story) -> str:
    """The default rules, written out here: red above +15% or spent above budget, amber above +5%."""
    budget, spent, forecast = story.budget, story.spent, story.forecast
    overrun = None
    if known(budget) and known(forecast):
        overrun = float("inf") if budget == 0 and forecast > 0 else (forecast - budget) / budget if budget else None
    if (overrun is not None and overrun > 0.15) or (known(spent) and known(budget) and spent > budget):
        return "red"
    return "amber" if overrun is not None and overrun > 0.05 else "green"


def expected_attention(con, report_id) -> list[str]:
    """The attention list recomputed here from the story figures, worst first."""
    rank = {"red": 3, "amber": 2}
    rows = []
    for story in analysis.stories(con, report_id).itertuples():
        if isinstance(story.parent_code, str) or not story.in_totals:
            continue
        figures = light_by_the_figures(story)
        variance = story.forecast - story.budget if known(story.forecast) and known(story.budget) else 0.0
        if story.status in rank or variance > 0 or (story.status == "green" and figures != "green"):
            severity = max(rank.get(story.status, 0), rank.get(figures, 0))
            rows.append((-severity, -variance, story.sort_order, story.code))
    return [code for *_, code in sorted(rows)]


def test_the_attention_list_is_worst_first_and_catches_watermelons(app_db):
    at = start()
    table = at.dataframe(key="attention").value
    con, report_id = mab(app_db)
    assert table["Nr"].tolist() == expected_attention(con, report_id)
    first = table.iloc[0]  # story 13: reported green, budget € 0 and forecast € 5.000
    assert (first["Nr"], first["Stoplicht"], first["Volgens cijfers"]) == ("13", "✔ Groen", "✖ Rood")
    assert "groen gemeld, cijfers zeggen anders" in first["Reden"]
    assert table.set_index("Nr").loc["2", "Volgens cijfers"] == "▲ Oranje"  # +10,3% reported green


def test_story_table_amounts_are_numbers_that_sort_by_value(app_db):
    at = start()
    element = at.dataframe(key="attention")
    table = element.value.set_index("Nr")
    con, report_id = mab(app_db)
    stories = analysis.stories(con, report_id).set_index("code").loc[table.index]
    for column, name in [("Budget", "budget"), ("Besteed/verplicht", "spent"), ("Prognose", "forecast")]:
        assert table[column].dtype == "float64"
        assert table[column].tolist() == stories[name].astype(float).tolist()
    assert table["Afwijking"].tolist() == (stories["forecast"] - stories["budget"]).tolist()
    # story 13 has budget 0: no percentage, an empty cell, not 0
    shares = table["Afwijking %"]
    assert shares.dtype == "float64" and shares.loc["13"] != shares.loc["13"]
    assert shares.loc["2"] == fmt.shown_share(15_000 / 145_000) == 0.103  # as written: 10,3%, never cut
    config = json.loads(element.proto.columns)
    for column in ("Budget", "Besteed/verplicht", "Prognose", "Afwijking"):
        assert config[column]["type_config"] == {"type": "number", "format": "euro", "step": 1}
    assert config["Afwijking %"]["type_config"] == {"type": "number", "format": "percent", "step": 0.001}


TRACKS = "Sporen met bedragen"


def load_tracks_programme(app_db):
    """A programme whose stories name tracks and amounts (no demo programme has both); one story names
    no track, one amount is missing."""
    from portfolio import ingest
    from tests.exports import dutch_csv

    rows = [
        "Programma;Peildatum;Nr;Omschrijving;Spoor;Budget;Besteed;Prognose;Stoplicht",
        f"{TRACKS};31-03-2025;1;Eerste;Spoor A;100000;40000;120000;groen",
        f"{TRACKS};31-03-2025;2;Tweede;Spoor A;50000;10000;;oranje",
        f"{TRACKS};31-03-2025;3;Derde;Spoor B;250000;200000;240000;rood",
        f"{TRACKS};31-03-2025;4;Vierde;;10000;;10000;groen",
    ]
    con = db.connect(app_db)
    ingest.load_file(con, dutch_csv(rows), "sporen.csv")
    return con


def test_line_and_track_tables_hold_numbers_that_add_up_to_the_report(app_db):
    """The roll-up tables of the lines and tracks pages: amounts and shares are numbers (sorting by value),
    per group the sum of its counted stories, all groups together the report's total."""
    start()  # the first run loads the demo
    load_tracks_programme(app_db)
    for page, kind, programme, totals in (
        ("pages/lines.py", "line", "MAB Flevoland", {"Basis op orde": None}),
        ("pages/tracks.py", "track", TRACKS, {"Spoor A": 150_000.0, "Spoor B": 250_000.0, "(geen spoor)": 10_000.0}),
    ):
        at = open_page(page, programme=programme)
        assert not at.exception
        element = at.dataframe(key=f"{kind}s_table")
        table = element.value
        assert table["Budget"].dtype == "float64" and table["Afwijking %"].dtype == "float64"
        if kind == "line":
            con, report_id = mab(app_db)
            stories = analysis.stories(con, report_id)
            counted = stories[stories["in_totals"] & stories["parent_code"].isna()]
            assert sum(table["Budget"]) == 2_315_000 == sum(float(b) for b in counted["budget"])
            by_group = {
                (name if isinstance(name, str) else None): float(sum(group["budget"]))
                for name, group in counted.groupby(
                    counted["programme_line"].where(counted["programme_line"].notna(), None), dropna=False
                )
            }
            assert sorted(table["Budget"].tolist()) == sorted(by_group.values())
        else:
            assert dict(zip(table["Spoor"], table["Budget"])) == totals
            forecasts = dict(zip(table["Spoor"], table["Prognose"]))
            assert forecasts["Spoor B"] == 240_000.0 and forecasts["(geen spoor)"] == 10_000.0
        spent = table["Besteed/verplicht"].tolist()
        shares = table["Besteed van budget"].tolist()
        for budget, used, share in zip(table["Budget"], spent, shares):
            assert share == fmt.shown_share(used / budget) if used == used else share != share  # missing stays missing
        config = json.loads(element.proto.columns)
        assert config["Budget"]["type_config"] == {"type": "number", "format": "euro", "step": 1}
        assert config["Besteed van budget"]["type_config"]["format"] == "percent"
        # the columns that matter come first, with widths that fit beside the sidebar at 1440 px
        first = list(table.columns[:9])  # group, budget, forecast, variance, its share, the four lights
        assert first[1:4] == ["Budget", "Prognose", "Afwijking"]
        assert all(isinstance(config[c]["width"], int) for c in first)
        assert sum(config[c]["width"] for c in first) <= 980 - 32  # the main area at 1440 px, less the selection column
        assert element.proto.placeholder == fmt.MISSING  # an empty cell shows a dash, not 'None'


def test_the_story_tables_put_title_amounts_and_both_lights_first_and_show_missing_as_a_dash(app_db):
    at = open_page("pages/lines.py", chosen_line="Basis op orde")
    element = at.dataframe(key="line_stories")
    columns = list(element.value.columns)
    assert columns[:7] == ["Nr", "Titel", "Budget", "Prognose", "Afwijking", "Stoplicht", "Volgens cijfers"]
    config = json.loads(element.proto.columns)
    assert sum(config[c]["width"] for c in columns[:7]) <= 980 - 32
    assert element.proto.placeholder == fmt.MISSING
    assert element.value["Prognose"].dtype == "float64"  # still numeric: it sorts by value
    # the attention table too: its reason comes after both lights, not between them and the title
    attention = open_page("pages/overview.py", programme="MAB Flevoland").dataframe(key="attention")
    columns = list(attention.value.columns)
    assert columns[:8] == ["Nr", "Titel", "Budget", "Prognose", "Afwijking", "Stoplicht", "Volgens cijfers", "Reden"]
    config = json.loads(attention.proto.columns)
    assert sum(config[c]["width"] for c in columns[:7]) <= 980 - 32


def test_a_programme_without_tracks_explains_instead_of_one_group_of_everything(app_db):
    at = open_page("pages/tracks.py", programme="MAB Flevoland")
    assert not at.exception
    assert "Deze rapportage deelt haar stories niet in sporen in" in texts(at)
    assert not at.dataframe and not at.get("plotly_chart")  # no table or chart of one group of everything
    assert "lines" in [link.proto.page for link in at.get("page_link")]
    en = open_page("pages/lines.py", programme="I&A-visie Midden-Groningen 2020-2023", lang="en")
    assert "This report does not group its stories into programme lines" in texts(en)
    assert "tracks" in [link.proto.page for link in en.get("page_link")]


def test_the_chosen_line_is_in_the_url_and_a_link_opens_on_it(app_db):
    at = open_page("pages/lines.py", programme="MAB Flevoland", chosen_line="Digitaal in verbinding")
    assert not at.exception
    assert at.selectbox(key="line").value == "Digitaal in verbinding"
    assert at.query_params["chosen_line"] == "Digitaal in verbinding"
    con, report_id = mab(app_db)
    expected = analysis.stories(con, report_id, programme_line="Digitaal in verbinding")["code"].tolist()
    assert at.dataframe(key="line_stories").value["Nr"].tolist() == expected
    at.selectbox(key="line").set_value("Basis op orde").run()
    assert at.query_params["chosen_line"] == "Basis op orde"
    assert at.query_params["programme"] == "MAB Flevoland"  # the sidebar's choices stay beside it
    # the stories come right under the table, before the charts
    order = [type(e).__name__ for e in at.main]
    assert order.index("Dataframe") < order.index("PlotlyChart") if "PlotlyChart" in order else True
    nonsense = open_page("pages/lines.py", programme="MAB Flevoland", chosen_line="no such line")
    assert not nonsense.exception and nonsense.selectbox(key="line").index == 0


def test_the_overview_warns_first_about_stories_reported_green_that_the_figures_call_amber_or_red(app_db):
    at = start()
    con, report_id = mab(app_db)
    stories = analysis.stories(con, report_id).set_index("code")
    expected = [
        code
        for code in expected_attention(con, report_id)
        if stories.loc[code, "status"] == "green" and light_by_the_figures(stories.loc[code]) != "green"
    ]
    assert expected == ["13", "2"]  # the demo: € 0 budget with € 5.000 forecast (red), +10,3% (amber)
    (warning,) = at.warning
    lines = warning.value.splitlines()
    assert (
        lines[0]
        == "**2 stories zijn groen gemeld, maar de cijfers zeggen oranje of rood, of de einddatum schoof verder op dan de marge:**"
    )
    assert [line.split(" · ")[0] for line in lines if line.startswith("- ")] == [f"- {c}" for c in expected]
    assert lines[2].endswith("Volgens cijfers: ✖ Rood") and lines[3].endswith("Volgens cijfers: ▲ Oranje")
    assert "De persoonsgegevens veilig?" in lines[2]
    # at the top: right under the KPI tiles, before any chart, table or section heading
    order = [e.type for e in at.main]
    first_metric = order.index("metric")
    assert (
        first_metric
        < order.index("warning")
        < min(order.index(k) for k in ("header", "subheader", "plotly_chart", "dataframe") if k in order)
    )
    at.sidebar.radio(key="lang").set_value("en").run()
    (warning,) = at.warning
    assert warning.value.startswith(
        "**2 stories are reported green, but their figures say amber or red, or their end date moved beyond the "
        "margin:**"
    )
    assert "By the figures: ✖ Red" in warning.value


def mab(app_db):
    """A second connection on the app's database (same process, same configuration)."""
    con = db.connect(app_db)
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == "MAB Flevoland", "programme_id"].iloc[0])
    return con, int(analysis.reports(con, programme_id)["report_id"].iloc[0])


def test_a_programme_line_rolls_up_its_stories(app_db):
    at = start()
    at.switch_page("pages/lines.py").run()
    line = "Basis op orde"
    at.selectbox(key="line").set_value(line).run()
    assert not at.exception
    con = db.connect(":memory:")
    from portfolio import demo

    demo.load_demo_if_empty(con)
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == "MAB Flevoland", "programme_id"].iloc[0])
    report_id = int(analysis.reports(con, programme_id)["report_id"].iloc[0])
    stories = analysis.stories(con, report_id, programme_line=line)
    top = stories[stories["parent_code"].isna()]
    assert metrics(at)["Budget"] == fmt.money(top["budget"].sum(), "EUR", "nl")
    assert at.dataframe(key="line_stories").value["Nr"].tolist() == stories["code"].tolist()


def test_the_story_page_shows_fields_and_sub_items(app_db):
    at = open_page("pages/story.py", story="9")
    assert not at.exception
    assert at.selectbox(key="story_code").value == "9"
    assert metrics(at)["Budget"] == "€ 475.000"
    items = at.dataframe(key="sub_items").value
    assert items["Nr"].tolist() == ["9.1", "9.2", "9.3", "9.4", "9.5"]
    assert "Som deelprojecten: € 475.000 (story-budget € 475.000)" in texts(at)


def test_the_url_restores_programme_and_language(app_db):
    at = start(programme=GRONINGEN, lang="en")
    assert at.sidebar.selectbox(key="programme").value == GRONINGEN
    assert "no amounts and no traffic lights" in "".join(i.value for i in at.info)


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/lines.py", "pages/tracks.py"])
def test_no_chart_draws_the_plotly_toolbar(app_db, page):
    at = open_page(page, programme="MAB Flevoland" if page == "pages/overview.py" else GRONINGEN, chart="lights")
    charts = at.get("plotly_chart")
    assert charts and not at.exception
    assert all(json.loads(chart.proto.config).get("displayModeBar") is False for chart in charts)


def drawn(at) -> set[str]:
    return {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}


def test_the_lines_and_tracks_pages_draw_a_chart_only_once_chosen_and_keep_the_choice(app_db):
    """Each plotly chart costs the browser ~0.3 s: the group pages open with the table and the stories,
    and draw the amounts or the lights per group when asked; the choice is kept and is in the URL."""
    at = open_page("pages/lines.py", programme="MAB Flevoland")
    assert not at.exception
    control = at.button_group(key="group_chart")
    assert control.value is None and drawn(at) == set()
    assert control.options == ["Bedragen", "Stoplichten"]
    at = control.set_value("amounts").run()
    assert drawn(at) == {"lines_chart"} and at.query_params["chart"] == "amounts"
    # the bars are the table's groups and amounts
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    table = at.dataframe[0].value
    assert [c or "(geen programmalijn)" for c in spec["data"][0]["customdata"]] == list(table.iloc[:, 0])
    budgets = [None if pd.isna(v) else float(v) for v in table["Budget"]]
    assert spec["data"][0]["x"] == budgets  # missing stays missing, never 0
    at = at.button_group(key="group_chart").set_value("lights").run()
    assert drawn(at) == {"lines_status"}
    # Groningen names lines and tracks: the choice follows from one page to the other
    at = open_page("pages/lines.py", programme=GRONINGEN, chart="lights")
    assert drawn(at) == {"lines_status"}
    at.switch_page("pages/tracks.py").run()
    assert not at.exception
    assert at.button_group(key="group_chart").value == "lights" and drawn(at) == {"tracks_status"}
    # a shared link opens with its chart; nonsense opens with none
    assert drawn(open_page("pages/lines.py", programme="MAB Flevoland", chart="amounts")) == {"lines_chart"}
    assert drawn(open_page("pages/lines.py", programme="MAB Flevoland", chart="pie")) == set()


def test_the_story_page_opens_on_the_most_urgent_story_unless_the_url_names_one(app_db):
    at = open_page("pages/story.py")
    assert not at.exception
    con, report_id = mab(app_db)
    stories = analysis.stories(con, report_id)
    worst = stories[stories["figures_status"] == "red"]  # MAB has red stories by the figures
    assert not worst.empty
    expected = worst.sort_values(["variance_pct", "variance"], ascending=False, na_position="last")["code"].iloc[0]
    assert at.selectbox(key="story_code").value == expected != stories["code"].iloc[0]
    assert at.query_params["story"] == expected


def test_the_story_page_shows_the_ambition_where_there_is_one(app_db):
    start()
    con = db.connect(app_db)
    programmes = analysis.programmes(con)
    name = "I&A-visie Midden-Groningen 2020-2023"
    programme_id = int(programmes.loc[programmes["name"] == name, "programme_id"].iloc[0])
    report_id = int(analysis.reports(con, programme_id)["report_id"].iloc[0])
    stories = analysis.stories(con, report_id)
    story = stories[stories["ambition"].notna()].iloc[0]
    at = open_page("pages/story.py", programme=name, story=story["code"])
    assert not at.exception
    assert f"**Ambitie:** {fmt.md(story['ambition'])}" in [m.value for m in at.markdown]
    without = stories[stories["ambition"].isna()]
    if not without.empty:
        other = open_page("pages/story.py", programme=name, story=without["code"].iloc[0])
        assert not any(m.value.startswith("**Ambitie:**") for m in other.markdown)


def test_compare_with_one_report_says_what_to_upload_next(app_db):
    at = open_page("pages/compare.py", programme="MAB Flevoland")
    assert not at.exception
    assert "MAB Flevoland heeft nog maar één rapportage (15 juni 2018)" in texts(at)
    assert "Upload de rapportage van de volgende periode" in texts(at)
    assert "upload" in [link.proto.page for link in at.get("page_link")]


def test_the_change_log_names_reports_by_programme_date_and_version_in_the_users_language(app_db):
    at = open_page("pages/history.py")
    assert not at.exception
    log = at.dataframe[-1].value  # the change log, below the reports
    assert "MAB Flevoland · 15 juni 2018 · versie 1" in log["Rapportage"].tolist()
    assert log["Rapportage"].map(lambda v: not str(v).isdigit()).all()
    assert "mab_plateau3_2018-06.xlsx (32 rijen)" in log["Wat"].tolist()
    assert not log["Wat"].str.contains("rows").any()
    en = open_page("pages/history.py", lang="en")
    assert "mab_plateau3_2018-06.xlsx (32 rows)" in en.dataframe[-1].value["What"].tolist()


def test_the_reports_table_gives_totals_as_numbers_the_columns_that_matter_first(app_db):
    from portfolio import manage

    at = open_page("pages/history.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.columns[:8]) == [
        "Programma",
        "Peildatum",
        "Versie",
        "Actueel",
        "Stap",  # draft, checked or approved
        "Budget",
        "Besteed/verplicht",
        "Prognose",
    ]
    expected = manage.history(db.connect(app_db)).reset_index(drop=True)
    for column, field in (("Budget", "budget"), ("Besteed/verplicht", "spent"), ("Prognose", "forecast")):
        assert table[column].dtype == "float64"  # sorts by value, right-aligned
        got, want = table[column].tolist(), expected[field].astype("float64").tolist()
        assert all((math.isnan(g) and math.isnan(w)) or g == w for g, w in zip(got, want))
    groningen = table["Programma"].str.contains("digitalisering Groningen")
    assert table.loc[groningen, "Budget"].isna().all()  # no amounts: empty, never 0
    assert table.loc[table["Programma"] == "MAB Flevoland", "Budget"].tolist() == [2_315_000.0]
    # a programme in pounds beside the euro ones: each row names its currency, no euro sign on pounds
    from portfolio import ingest

    con = db.connect(app_db)
    text = "Project ID,Title,Budget (£),Forecast (£)\nUK1,Pilot,1000,1200\n"
    ingest.load_file(con, text.encode(), "uk.csv", programme="UK pilot", report_date="2026-03-31")
    con.close()
    table = open_page("pages/history.py", lang="en").dataframe[0].value
    assert "Currency" in table.columns
    pilot = table[table["Programme"] == "UK pilot"].iloc[0]
    assert (pilot["Currency"], pilot["Budget"], pilot["Forecast"]) == ("GBP", 1000.0, 1200.0)


def test_the_light_matrix_gives_budget_shares_and_budgets_as_numbers(app_db):
    at = open_page("pages/overview.py", programme="MAB Flevoland")
    assert not at.exception
    matrix = next(d.value for d in at.dataframe if "Groen, cijfers niet" in d.value.columns)
    # MAB names no tracks: no column of '(geen spoor)'; the counts, the figures and the watermelons first
    assert "Spoor" not in matrix.columns
    assert list(matrix.columns[:8]) == [
        "Programmalijn",
        "✖ Rood",
        "▲ Oranje",
        "✔ Groen",
        "? Onbekend",
        "Volgens cijfers: ✖ Rood",
        "Volgens cijfers: ▲ Oranje",
        "Groen, cijfers niet",
    ]
    share_columns = [c for c in matrix.columns if c.endswith("(budget)")]
    assert len(share_columns) == 3
    for column in [*share_columns, "Budget"]:
        assert matrix[column].dtype == "float64"  # right-aligned, sorting by value
    assert matrix["Budget"].sum() == 2_315_000.0  # the whole programme, line by track
    shares = matrix[share_columns].sum(axis=1)
    assert ((shares - 1).abs() < 1e-9).all()  # MAB's lights are all known: the shares add up to 1
