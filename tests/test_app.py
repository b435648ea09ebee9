"""The app as a user meets it, driven by Streamlit's AppTest against a fresh database file."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, db, fmt

PAGES = ["pages/overview.py", "pages/lines.py", "pages/tracks.py", "pages/story.py"]
GRONINGEN = "Uitvoeringsprogramma digitalisering Groningen"
TIMEOUT = 60
APP = Path(__file__).resolve().parent.parent / "app.py"


def start(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
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
    assert shown["Besteed/verplicht"] == "€ 936,5k"
    assert shown["Prognose"] == "€ 2.137,5k"
    assert shown["Afwijking"] == "€ -177,5k"
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
    assert "Deze rapportage bevat geen bedragen" in texts(at)


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
    assert "Deze rapportage bevat geen bedragen en geen bekende stoplichten: alleen stories en toelichtingen." in infos
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
    assert shares.loc["2"] == pytest.approx(15_000 / 145_000)
    config = json.loads(element.proto.columns)
    for column in ("Budget", "Besteed/verplicht", "Prognose", "Afwijking"):
        assert config[column]["type_config"] == {"type": "number", "format": "euro", "step": 1}
    assert config["Afwijking %"]["type_config"] == {"type": "number", "format": "percent", "step": 0.001}


def test_line_and_track_tables_hold_numbers_that_add_up_to_the_report(app_db):
    """The roll-up tables of the lines and tracks pages: amounts and shares are numbers (sorting by value),
    per group the sum of its counted stories, all groups together the report's total."""
    start()  # the first run loads the demo
    con, report_id = mab(app_db)
    stories = analysis.stories(con, report_id)
    counted = stories[stories["in_totals"] & stories["parent_code"].isna()]
    for page, kind, field in (("pages/lines.py", "line", "programme_line"), ("pages/tracks.py", "track", "track")):
        at = start()
        at.switch_page(page).run()
        assert not at.exception
        element = at.dataframe(key=f"{kind}s_table")
        table = element.value
        assert table["Budget"].dtype == "float64" and table["Afwijking %"].dtype == "float64"
        assert sum(table["Budget"]) == 2_315_000 == sum(float(b) for b in counted["budget"])
        by_group = {
            (name if isinstance(name, str) else None): float(sum(group["budget"]))
            for name, group in counted.groupby(counted[field].where(counted[field].notna(), None), dropna=False)
        }
        assert sorted(table["Budget"].tolist()) == sorted(by_group.values())
        spent = table["Besteed/verplicht"].tolist()
        shares = table["Besteed van budget"].tolist()
        for budget, used, share in zip(table["Budget"], spent, shares):
            assert share == pytest.approx(used / budget)
        config = json.loads(element.proto.columns)
        assert config["Budget"]["type_config"] == {"type": "number", "format": "euro", "step": 1}
        assert config["Besteed van budget"]["type_config"]["format"] == "percent"


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
    assert lines[0] == "**2 stories zijn groen gemeld, maar de cijfers zeggen oranje of rood:**"
    assert [line.split(" · ")[0] for line in lines if line.startswith("- ")] == [f"- {c}" for c in expected]
    assert lines[2].endswith("Volgens cijfers: ✖ Rood") and lines[3].endswith("Volgens cijfers: ▲ Oranje")
    assert "De persoonsgegevens veilig?" in lines[2]
    # at the top: right under the KPI tiles, before any chart, table or section heading
    order = [e.type for e in at.main]
    first_metric = order.index("metric")
    assert (
        first_metric
        < order.index("warning")
        < min(order.index(k) for k in ("subheader", "plotly_chart", "dataframe") if k in order)
    )
    at.sidebar.radio(key="lang").set_value("en").run()
    (warning,) = at.warning
    assert warning.value.startswith("**2 stories are reported green, but their figures say amber or red:**")
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
    at = start(story="9")
    at.switch_page("pages/story.py").run()
    assert not at.exception
    assert at.selectbox(key="story_code").value == "9"
    assert metrics(at)["Budget"] == "€ 475.000"
    items = at.dataframe(key="sub_items").value
    assert items["Nr"].tolist() == ["9.1", "9.2", "9.3", "9.4", "9.5"]
    assert "Som deelprojecten: € 475.000 (story-budget € 475.000)" in texts(at)


def test_the_url_restores_programme_and_language(app_db):
    at = start(programme=GRONINGEN, lang="en")
    assert at.sidebar.selectbox(key="programme").value == GRONINGEN
    assert "This report has no amounts" in texts(at)


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/lines.py", "pages/tracks.py"])
def test_no_chart_draws_the_plotly_toolbar(app_db, page):
    at = start()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    charts = at.get("plotly_chart")
    assert charts and not at.exception
    assert all(json.loads(chart.proto.config).get("displayModeBar") is False for chart in charts)
