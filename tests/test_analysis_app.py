"""Management analysis in the app: filters that follow the user, honest lights, exports, rules, history."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, db, demo, export, fmt, ingest
from portfolio.filters import Filters
from tests.exports import dutch_csv

APP = Path(__file__).resolve().parent.parent / "app.py"
MAB = "MAB Flevoland"


def start(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    query = {"programme": "", **query}  # '/?programme=' opens the overview (the portfolio page comes first)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def mab_stories(app_db, filters=None):
    con = db.connect(app_db)
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == MAB, "programme_id"].iloc[0])
    report_id = int(analysis.reports(con, programme_id)["report_id"].iloc[0])
    return con, report_id, analysis.stories(con, report_id, filters=filters)


def test_a_line_filter_changes_every_figure_on_the_overview(app_db):
    at = start()
    at.sidebar.multiselect(key="filter_lines").select("Basis op orde").run()
    assert not at.exception
    _, _, stories = mab_stories(app_db)
    mine = stories[(stories["programme_line"] == "Basis op orde") & stories["parent_code"].isna()]
    shown = metrics(at)
    assert shown["Budget"] == fmt.money(mine["budget"].sum(), "EUR", "nl") == "€ 1.105k"
    assert shown["Prognose"] == fmt.money(mine["forecast"].sum(), "EUR", "nl")
    assert set(at.dataframe(key="attention").value["Nr"]) <= set(mine["code"])
    assert at.query_params["line"] == "Basis op orde"


def test_status_and_search_filters_combine(app_db):
    at = start()
    at.sidebar.multiselect(key="filter_statuses").select("amber").run()
    at.sidebar.text_input(key="filter_search").input("ICT").run()
    assert not at.exception
    _, _, stories = mab_stories(app_db, Filters(statuses=("amber",), search="ICT"))
    assert stories["code"].tolist() == ["9"]  # amber, and 'ICT' in the title
    assert metrics(at)["Budget"] == "€ 475k"


def test_a_bookmarked_url_restores_the_filtered_view(app_db):
    first = start()
    first.sidebar.multiselect(key="filter_lines").select("Digitaal in verbinding").run()
    first.sidebar.multiselect(key="filter_statuses").select("green").run()
    url = {k: first.query_params[k] for k in first.query_params}
    again = start(**url)  # a new session opening the mailed link
    assert again.sidebar.multiselect(key="filter_lines").value == ["Digitaal in verbinding"]
    assert again.sidebar.multiselect(key="filter_statuses").value == ["green"]
    assert metrics(again) == metrics(first)


@pytest.mark.parametrize("hostile", ["'; drop table stories; --", "<script>alert(1)</script>", "%' or '1'='1"])
def test_hostile_url_parameters_change_nothing_and_break_nothing(app_db, hostile):
    at = start(programme=hostile, date=hostile, line=hostile, q=hostile, status=hostile, lang=hostile)
    assert not at.exception
    assert at.sidebar.selectbox(key="programme").value == MAB  # unknown programme: the default
    con, report_id, stories = mab_stories(app_db)
    assert len(stories) == 32


def test_the_excel_export_holds_the_filtered_rows_with_formats_and_the_filter(app_db):
    at = start()
    at.sidebar.multiselect(key="filter_lines").select("Ruimte: eenvoudig en beter").run()
    con, report_id, _ = mab_stories(app_db)  # AppTest cannot fetch a download; make it as the page does
    data = export.export_file(con, report_id, "xlsx", "nl", Filters(lines=("Ruimte: eenvoudig en beter",)))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Filter", "Stories", "Programmalijnen", "Sporen", "Kwartaaloverzicht"]
    info = analysis.report_info(con, report_id)
    assert [book["Filter"][f"B{row}"].value for row in (1, 3)] == [info["programme"], info["source_file"]]
    assert book["Filter"]["B4"].value == "Programmalijn: Ruimte: eenvoudig en beter"
    rows = list(book["Stories"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == ["5", "6"]
    budget = header.index("Budget")
    assert [r[budget] for r in body] == [20000, 120000]
    assert book["Stories"].cell(row=2, column=budget + 1).number_format == '"€" #,##0;"€" -#,##0'
    assert len(at.get("download_button")) == 2  # the page offers the workbook and the CSV


def test_exports_neutralise_formulas_everywhere():
    import pandas as pd

    frame = pd.DataFrame(
        {"Titel": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "gewoon"], "Budget": [1, 2, 3, 4, 5]}
    )
    book = openpyxl.load_workbook(io.BytesIO(export.to_excel({"Stories": frame}, [("=cmd", "@x")])))
    cells = [c.value for c in book["Stories"]["A"]][1:]
    assert cells == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "gewoon"]
    assert all(c.data_type == "s" for c in book["Stories"]["A"])
    assert book["Filter"]["A1"].value == "'=cmd"
    text = export.to_csv(frame, "nl").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and '\n"\'+1";"2"' in text.replace("\r", "")  # every field quoted


def test_the_story_page_shows_figures_and_lights_over_all_reports(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)  # what the app would have loaded on its first start
    rows = ["Programma;Peildatum;Nr;Budget;Prognose;Stoplicht", "MAB Flevoland;31-12-2018;9;475000;560000;rood"]
    ingest.load_file(con, dutch_csv(rows), "mab-dec.csv")
    at = start(story="9")
    at.switch_page("pages/story.py").run()
    assert not at.exception
    history = next(d.value for d in at.dataframe if "Peildatum" in d.value.columns)
    assert history["Prognose"].tolist() == [500_000.0, 560_000.0]  # numbers, shown as euros by the column
    spent = history["Besteed/verplicht"].tolist()
    assert spent[0] == 343_000.0 and spent[1] != spent[1]  # the December file gives no spent: NaN, not 0
    config = json.loads(next(d for d in at.dataframe if "Peildatum" in d.value.columns).proto.columns)
    assert config["Prognose"]["type_config"] == {"type": "number", "format": "euro", "step": 1}
    assert history["Stoplicht"].tolist() == ["▲ Oranje", "✖ Rood"]


def test_the_overview_says_what_changed_since_the_previous_report(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)  # what the app would have loaded on its first start
    rows = [
        "Programma;Peildatum;Nr;Omschrijving;Budget;Besteed;Prognose;Stoplicht",
        "MAB Flevoland;31-12-2018;9;ICT;475000;400000;560000;rood",
        "MAB Flevoland;31-12-2018;19;Nieuw;10000;;10000;groen",
    ]
    ingest.load_file(con, dutch_csv(rows), "mab-dec.csv")
    at = start()  # the latest report is now 31-12-2018
    # 22 stories gone, and the 9 sub-items of stories 9 and 14 the December file does not list (not '31 verdwenen')
    counts = "1 nieuw · 22 verdwenen · 1 gewijzigd · 1 slechter · 0 beter · 9 deelposten niet meer vermeld"
    assert counts in [c.value for c in at.caption]
    assert metrics(at)["Budget"] == "€ 485k"
    # the changed story's amounts are numbers: the demo's June figures of story 9 beside the file's
    (element,) = [d for d in at.dataframe if "Verschil prognose" in d.value.columns]
    (row,) = element.value.to_dict("records")
    programmes = analysis.programmes(con)
    mab_id = int(programmes.loc[programmes["name"] == MAB, "programme_id"].iloc[0])
    june_id = int(analysis.reports(con, mab_id)["report_id"].iloc[-1])  # the earlier of the two
    june = analysis.stories(con, june_id).set_index("code").loc["9"]
    budget_move = 475_000.0 - float(june["budget"])
    assert row["Verschil budget"] == budget_move if budget_move else "Verschil budget" not in row
    assert row["Prognose (was)"] == float(june["forecast"]) and row["Prognose"] == 560_000.0
    assert row["Verschil prognose"] == 560_000.0 - float(june["forecast"])
    assert row["Verschil besteed"] == 400_000.0 - float(june["spent"])
    # what changed is named, then the change itself, before what the forecast was and is
    columns = list(element.value.columns)
    assert columns[:3] == ["Nr", "Titel", "Wat veranderde"] and "Prognose" in row["Wat veranderde"]
    move = columns.index("Verschil prognose")
    assert columns[move : move + 3] == ["Verschil prognose", "Prognose (was)", "Prognose"]
    assert move == 3 or columns[3] == "Titel (was)"  # the title it had, only where its words changed
    config = json.loads(element.proto.columns)
    for column in ("Verschil prognose", "Prognose", "Verschil besteed"):
        assert config[column]["type_config"] == {"type": "number", "format": "euro", "step": 1}


def test_rules_set_on_the_rules_page_change_the_lights(app_db):
    at = start()
    at.switch_page("pages/rules.py").run()
    at.number_input(key="rule_overrun_amber").set_value(50.0)
    at.number_input(key="rule_overrun_red").set_value(200.0)
    at.number_input(key="rule_drift_amber").set_value(50.0)
    at.number_input(key="rule_drift_red").set_value(200.0)
    at.button[0].click().run()
    assert not at.exception and at.success[0].value == "Regels opgeslagen."
    con, report_id, stories = mab_stories(app_db)
    assert stories.set_index("code").loc["2", "figures_status"] == "green"  # +10,3% is now within the margin
    assert analysis.status_rules(con)["overrun_amber"] == 0.5


def test_history_restores_an_earlier_version_and_deletes_with_confirmation(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    ingest.load_file(con, dutch_csv(), "q1.csv", programme="Digitale Agenda")
    ingest.load_file(
        con,
        dutch_csv(dutch_csv().decode("cp1252").replace("€ 2.500,00", "€ 3.500,00").splitlines()),
        "q1-v2.csv",
        programme="Digitale Agenda",
        replace=True,
    )
    at = start()
    at.switch_page("pages/history.py").run()
    assert not at.exception
    first = con.execute("select report_id from reports where source_file = 'q1.csv'").fetchall()[0][0]
    at.selectbox(key="history_report").set_value(first).run()
    at.button(key="history_restore").click().run()
    assert at.success[0].value == "Versie 1 is weer actueel."
    assert con.execute(
        "select source_file from reports where is_current and programme_id = "
        "(select programme_id from programmes where name = 'Digitale Agenda')"
    ).fetchall() == [("q1.csv",)]
    assert at.button(key="history_delete").disabled  # not without the confirmation
    at.checkbox(key="history_delete_sure").check().run()
    at.button(key="history_delete").click().run()
    assert at.success[0].value == "Verwijderd: 2 versie(s)."
    assert con.execute(
        "select count(*) from reports r join programmes p using (programme_id) where p.name = 'Digitale Agenda'"
    ).fetchall() == [(0,)]


def test_any_two_reports_can_be_compared(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    rows = [
        "Programma;Peildatum;Nr;Omschrijving;Budget;Besteed;Prognose;Stoplicht",
        "MAB Flevoland;30-09-2018;9;ICT;475000;400000;520000;oranje",
        "MAB Flevoland;30-09-2018;3;e-facturen;35000;35000;35000;groen",
    ]
    ingest.load_file(con, dutch_csv(rows), "mab-sep.csv")
    rows[1] = "MAB Flevoland;31-12-2018;9;ICT;475000;460000;560000;rood"
    rows[2] = rows[2].replace("30-09-2018", "31-12-2018")
    ingest.load_file(con, dutch_csv(rows), "mab-dec.csv")
    at = start()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    ids = dict(
        con.execute(
            "select report_date::varchar, report_id from reports r join programmes p "
            "using (programme_id) where p.name = 'MAB Flevoland'"
        ).fetchall()
    )
    assert at.selectbox(key="compare_new").value == ids["2018-12-31"]  # the latest by default
    at.selectbox(key="compare_old").set_value(ids["2018-06-15"]).run()
    counts = "0 nieuw · 21 verdwenen · 2 gewijzigd · 1 slechter · 1 beter · 9 deelposten niet meer vermeld"
    assert counts in [c.value for c in at.caption]  # stories removed apart from sub-items no longer listed
    assert {m.label: m.value for m in at.metric}["Prognose"] == "€ 595k"  # 560.000 + 35.000 in December


OWO = "OWO Informatiseringsjaarplan (illustratie)"


def over_time(at: AppTest) -> AppTest:
    """The overview with its charts over time chosen (one chart group is drawn at a time)."""
    return at.button_group(key="overview_charts").set_value("time").run()


def test_the_quarterly_overview_follows_the_filters_and_shows_only_where_there_is_more_than_one_period(app_db):
    at = over_time(start(programme=OWO))
    assert not at.exception
    assert any(h.value.startswith("Kwartaaloverzicht") for h in at.header)
    table = next(d.value for d in at.dataframe if "Budget voor" in d.value.columns)
    assert table["Kwartaal"].tolist()[:2] == ["K1 2019", "K1 2019"]  # newest quarter first
    assert set(table["Kwartaal"]) == {"K1 2018", "K2 2018", "K3 2018", "K4 2018", "K1 2019"}
    con = db.connect(app_db)
    programme_id = int(analysis.programmes(con).set_index("name").loc[OWO, "programme_id"])
    pillar = "Effectieve dienstverlening"
    expected = analysis.quarterly(analysis.trend_by_period(con, programme_id, Filters(lines=(pillar,))))
    con.close()

    at.sidebar.multiselect(key="filter_lines").select(pillar).run()
    table = next(d.value for d in at.dataframe if "Budget voor" in d.value.columns)
    newest = expected.iloc[::-1].reset_index(drop=True)
    assert table["Besteed/verplicht"].tolist() == [fmt.money_exact(v, "EUR", "nl") for v in newest["spent"]]
    assert table["Resterend budget"].tolist() == [fmt.money_exact(v, "EUR", "nl") for v in newest["remaining"]]

    mab = start(programme=MAB)  # one report, one budget year: nothing to compare, no section
    assert not any(h.value.startswith("Kwartaaloverzicht") for h in mab.header)


def test_the_watermelon_warning_lists_the_worst_five_says_how_many_more_and_escapes_titles(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    header = "Programma;Peildatum;Nr;Omschrijving;Budget;Prognose;Stoplicht"
    rows = [header]
    # W1..W7 green but 20..80% over budget (red by the figures), W8 green and +10% (amber), two honest ones
    for i in range(1, 8):
        rows.append(f"Meloen;31-03-2025;W{i};Project {i};100000;{100000 + 10000 * (i + 1)};groen")
    rows.append("Meloen;31-03-2025;W8;[klik](javascript:alert(1)) <b>vet</b>;100000;110000;groen")
    rows.append("Meloen;31-03-2025;G1;Op budget;100000;100000;groen")
    rows.append("Meloen;31-03-2025;R1;Eerlijk rood;100000;200000;rood")
    ingest.load_file(con, dutch_csv(rows), "meloen.csv")
    at = start(programme="Meloen")
    assert not at.exception
    (warning,) = [w for w in at.warning if "groen gemeld" in w.value]
    lines = warning.value.splitlines()
    assert (
        lines[0]
        == "**8 stories zijn groen gemeld, maar de cijfers zeggen oranje of rood, of de einddatum schoof verder op dan de marge:**"
    )
    listed = [line.split(" · ")[0][2:] for line in lines if line.startswith("- ")]
    assert listed == ["W7", "W6", "W5", "W4", "W3"]  # red first, largest overrun first, as the attention table
    assert lines[-1] == "en nog 3: zie ‘Stories die aandacht vragen’ verderop."
    table = at.dataframe(key="attention").value
    assert [c for c in table["Nr"] if c.startswith("W")][:5] == listed  # R1 is red as reported: no watermelon
    # one watermelon: the singular, and a title from the file is shown as its characters
    rows = [header, "Meloen;30-06-2025;W8;[klik](javascript:alert(1)) <b>vet</b>;100000;110000;groen"]
    ingest.load_file(con, dutch_csv(rows), "meloen-q2.csv")
    at = start(programme="Meloen")
    (warning,) = [w for w in at.warning if "groen gemeld" in w.value]
    assert warning.value.startswith(
        "**1 story is groen gemeld, maar de cijfers zeggen oranje of rood, of de einddatum schoof verder op dan de marge:**"
    )
    assert "\\[klik\\]\\(javascript\\:\u2060alert\\(1\\)\\) \\<b\\>vet\\</b\\>" in warning.value
    assert "Volgens cijfers: ▲ Oranje" in warning.value
    # the honest programme (Groningen: no amounts) gets no warning
    assert not start(programme="Uitvoeringsprogramma digitalisering Groningen").warning


def chart_spec(at, key: str) -> dict:
    """The figure a plotly chart element sends to the browser (AppTest cannot look inside the drawing)."""
    (chart,) = [c for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id]
    return json.loads(chart.proto.spec)


def test_an_older_report_date_draws_the_trend_and_quarters_only_up_to_that_report(app_db):
    latest = over_time(start(programme=OWO))
    assert [x[:10] for x in chart_spec(latest, "chart_trend")["data"][0]["x"]][-1] == "2019-03-31"
    at = over_time(start(programme=OWO, date="2018-09-30"))
    assert not at.exception
    con = db.connect(app_db)
    programmes = analysis.programmes(con)
    owo_id = int(programmes.loc[programmes["name"] == OWO, "programme_id"].iloc[0])
    dates = [d.date().isoformat() for d in analysis.reports(con, owo_id)["report_date"]]
    expected = sorted(d for d in dates if d <= "2018-09-30")
    assert expected == ["2018-03-31", "2018-06-30", "2018-09-30"] and len(dates) == 5  # two later ones exist
    for trace in chart_spec(at, "chart_trend")["data"]:
        assert [x[:10] for x in trace["x"]] == expected  # no point after the chosen report
    table = next(d.value for d in at.dataframe if "Budget voor" in d.value.columns)
    assert set(table["Kwartaal"]) == {"K1 2018", "K2 2018", "K3 2018"}  # no quarter after it
    # the same from the query: the trend up to a report leaves out the later reports, not the earlier
    report_id = int(analysis.reports(con, owo_id).set_index("report_date").loc["2018-09-30", "report_id"])
    trend = analysis.trend(con, owo_id, until_report_id=report_id)
    assert [d.date().isoformat() for d in trend["report_date"]] == expected
    assert len(analysis.trend(con, owo_id)) == 5


def test_since_the_previous_report_the_largest_change_comes_first_with_the_change_itself(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    header = "Programma;Peildatum;Nr;Omschrijving;Budget;Besteed;Prognose;Stoplicht"
    before = [header] + [
        f"Stap;31-03-2025;{code};Story {code};100000;10000;100000;groen" for code in ("A", "B", "C", "D", "E")
    ]
    after = [
        header,
        "Stap;30-06-2025;A;Story A;100000;10000;106000;groen",  # +6k
        "Stap;30-06-2025;B;Story B;100000;10000;80000;groen",  # -20k: the largest move, a fall
        "Stap;30-06-2025;C;Story C;100000;10000;100000;rood",  # no move, but worse
        "Stap;30-06-2025;D;Story D;100000;25000;100000;groen",  # only spent moved
        "Stap;30-06-2025;E;Story E;100000;10000;100000;groen",  # nothing: not listed
    ]
    ingest.load_file(con, dutch_csv(before), "stap-q1.csv")
    ingest.load_file(con, dutch_csv(after), "stap-q2.csv")
    at = start(programme="Stap")
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if "Verschil prognose" in d.value.columns]
    assert table["Nr"].tolist() == ["B", "A", "C", "D"]  # size of the forecast move, then the light
    assert table["Verschil prognose"].tolist() == [-20_000.0, 6_000.0, 0.0, 0.0]
    assert table["Verschil besteed"].tolist() == [0.0, 0.0, 0.0, 15_000.0]
    assert "Verschil budget" not in table.columns  # no budget moved: no column of € 0
    assert table["Stoplicht"].tolist() == ["✔ Groen", "✔ Groen", "✔ Groen → ✖ Rood", "✔ Groen"]
    assert table["Beter of slechter"].tolist() == ["gelijk", "gelijk", "slechter", "gelijk"]
    bars = chart_spec(at, "since_previous_chart")["data"][0]
    assert bars["x"] == [-20_000.0, 6_000.0]  # stories whose forecast did not move draw no bar
    axis = chart_spec(at, "since_previous_chart")["layout"]["xaxis"]
    assert axis["range"][1] - axis["range"][0] >= 0.25 * 100_000  # a € 6k move is not the chart's width


def test_a_variance_of_zero_is_neutral_in_the_tiles(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    rows = [
        "Programma;Peildatum;Nr;Omschrijving;Budget;Prognose;Stoplicht;Toelichting",
        "Nul;31-03-2025;1;Op budget;100000;100000;groen;loopt",
        "Nul;31-03-2025;2;Ook op budget;50000;50000;groen;loopt",
    ]
    ingest.load_file(con, dutch_csv(rows), "nul.csv")
    at = start(programme="Nul")
    (variance,) = [m for m in at.metric if m.label == "Afwijking"]
    assert variance.value == "€ 0"
    assert not variance.proto.delta  # the first report of 'Nul': no move to show
    assert "0,0% van het budget · 2 van 2 stories" in [c.value for c in at.caption]


def test_the_variance_share_is_the_tiles_own_figure_and_a_delta_is_only_a_move_since_the_previous_report(
    app_db,
):
    """Under every tile the small line is the move since the previous report, labelled so, in grey; the
    variance as a share of the budget is the variance tile's own caption (and help), never a delta."""
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    header = "Programma;Peildatum;Nr;Omschrijving;Budget;Besteed;Prognose;Stoplicht;Toelichting"
    ingest.load_file(con, dutch_csv([header, "Twee;31-03-2025;1;Een;100000;10000;100000;groen;loopt"]), "q1.csv")
    ingest.load_file(con, dutch_csv([header, "Twee;30-06-2025;1;Een;100000;25000;110000;oranje;duurder"]), "q2.csv")
    at = start(programme="Twee")
    shown = {m.label: m for m in at.metric}
    assert shown["Prognose"].proto.delta == "+€ 10k t.o.v. vorige"
    assert shown["Besteed/verplicht"].proto.delta == "+€ 15k t.o.v. vorige"
    assert shown["Afwijking"].value == "€ +10k" and not shown["Afwijking"].proto.delta  # its share is no delta
    assert not shown["Budget"].proto.delta  # did not move: no line
    for tile in shown.values():
        if tile.proto.delta:
            assert tile.proto.color == tile.proto.MetricColor.GRAY  # a move is news, not good or bad
    assert "+10,0% van het budget · 1 van 1 stories" in [c.value for c in at.caption]
    assert "+10,0% van het budget" in shown["Afwijking"].proto.help
    assert "verschil met de vorige rapportage: € +10.000" in shown["Prognose"].proto.help
    mab = {m.label: m for m in start(programme=MAB).metric}["Afwijking"]
    assert not mab.proto.delta  # MAB's one report: its -7,7% is no move
    assert "-7,7% van het budget" in mab.proto.help


def test_the_tiles_write_amounts_as_every_other_page_with_the_exact_amount_in_their_help(app_db):
    at = start()
    shown = {m.label: m for m in at.metric}
    assert shown["Prognose"].value == "€ 2.137,5k" == fmt.money(2_137_500, "EUR", "nl")
    assert shown["Prognose"].proto.help.startswith("€ 2.137.500")
    assert shown["Afwijking"].proto.help.startswith("€ -177.500")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_overview_counts_stories_off_budget_without_a_note(app_db, lang):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    rows = [
        "Programma;Peildatum;Nr;Omschrijving;Budget;Prognose;Stoplicht;Toelichting",
        "Uitleg;31-03-2025;U1;Zonder uitleg;100000;130000;rood;",  # 30% over, no note
        "Uitleg;31-03-2025;U2;Ook zonder;100000;90000;groen;  ",  # 10% under, a blank note is none
        "Uitleg;31-03-2025;U3;Met uitleg;100000;150000;rood;Aanbesteding duurder",  # explained
        "Uitleg;31-03-2025;U4;Binnen marge;100000;104000;groen;",  # 4%: within the 5%
        "Uitleg;31-03-2025;U5;Geen prognose;100000;;groen;",  # unknown forecast: not known to be off
    ]
    ingest.load_file(con, dutch_csv(rows), "uitleg.csv")
    at = start(programme="Uitleg", lang=lang)
    assert not at.exception
    stories = analysis.stories(
        con,
        int(
            analysis.reports(con, int(analysis.programmes(con).set_index("name").loc["Uitleg", "programme_id"]))[
                "report_id"
            ].iloc[0]
        ),
    )
    assert analysis.unexplained(stories).sum() == 2  # the rule, independently of the page
    head = (
        "**2 stories wijken meer dan 5% af van hun budget zonder toelichting:**"
        if lang == "nl"
        else ("**2 stories are more than 5% off their budget without a status note:**")
    )
    (warning,) = [w for w in at.warning if w.value.startswith(head)]
    listed = [line.split(" · ")[0][2:] for line in warning.value.splitlines() if line.startswith("- ")]
    assert listed == ["U1", "U2"]  # the largest variance first
    # with a note on both, the warning goes
    rows = [r.replace(";rood;", ";rood;uitgelegd").replace(";groen;  ", ";groen;uitgelegd") for r in rows]
    rows = [r.replace("31-03-2025", "30-06-2025") for r in rows]
    ingest.load_file(con, dutch_csv(rows), "uitleg-q2.csv")
    at = start(programme="Uitleg", lang=lang)
    assert not [w for w in at.warning if "toelichting" in w.value or "status note" in w.value]


MIDDEN = "I&A-visie Midden-Groningen 2020-2023"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_report_of_titles_tracks_and_ambitions_says_exactly_that(app_db, lang):
    at = start(programme=MIDDEN, lang=lang)
    assert not at.exception
    infos = [i.value for i in at.info]
    said = {
        "nl": "Deze rapportage bevat alleen stories, sporen en ambities; geen bedragen en geen stoplichten.",
        "en": "This report holds only stories, tracks and ambitions; no amounts and no traffic lights.",
    }[lang]
    assert said in infos
    everything = "\n".join(infos + [c.value for c in at.caption])
    assert "toelichting" not in everything.lower().replace("zonder toelichting", "")  # it has no notes
    assert "status note" not in everything
    # no chart of one '(no programme line)' group and no table of unknown lights only
    assert not at.get("plotly_chart")
    assert not [d for d in at.dataframe if d.proto.id and "status_matrix" in d.proto.id]
    assert {"nl": "niet in programmalijnen", "en": "by programme line"}[lang] in everything
    assert not at.success  # no green all-clear


def test_the_overview_draws_one_chart_group_at_a_time_and_keeps_the_choice(app_db):
    """st.tabs and expanders would draw every chart on every run; the overview draws the chosen group
    only (the browser lays out one chart on a first page, not seven: each costs it ~0.3 s) and
    remembers the choice across pages."""
    at = start(programme=OWO)
    assert not at.exception
    control = at.button_group(key="overview_charts")
    assert control.value == "amounts"  # the amounts per programme line first
    assert control.options == [
        "Bedragen per lijn",
        "Stoplichten per lijn",
        "Sinds vorige",
        "Afwijking en besteding",
        "Verloop en kwartalen",
    ]

    def drawn(at) -> set[str]:
        return {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}

    assert drawn(at) == {"chart_by_line"}
    assert drawn(control.set_value("lights").run()) == {"status_by_line"}
    at = at.button_group(key="overview_charts").set_value("changes").run()
    assert drawn(at) == {"since_previous_chart"}
    # the since-previous table stays at the top whatever group is chosen
    (since,) = [e for e in at.expander if e.label.startswith("Sinds de vorige rapportage")]
    assert len(since.dataframe) == 1
    assert drawn(at.button_group(key="overview_charts").set_value("stories").run()) == {
        "chart_variance",
        "chart_share_spent",
    }
    at = over_time(at)
    assert drawn(at) == {"chart_trend", "chart_quarterly"}
    at.switch_page("pages/lines.py").run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert at.button_group(key="overview_charts").value == "time"  # kept across pages
    # a report of titles and tracks only has no chart to choose
    assert not start(programme=MIDDEN).button_group


def test_long_tables_show_the_most_urgent_and_the_largest_changes_and_say_how_many_there_are(app_db):
    """A report with 120 red stories whose forecasts all moved: the attention table and the since-previous
    table hold the first 100 (sending thousands of rows costs a second on every run) and say the total."""
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    header = "Programma;Peildatum;Nr;Omschrijving;Budget;Prognose;Stoplicht;Toelichting"
    q1 = [header] + [f"Veel;31-03-2025;S{i:03};Story {i};100000;100000;rood;loopt" for i in range(120)]
    q2 = [header] + [f"Veel;30-06-2025;S{i:03};Story {i};100000;{100000 + 100 * i};rood;loopt" for i in range(120)]
    ingest.load_file(con, dutch_csv(q1), "veel-q1.csv")
    ingest.load_file(con, dutch_csv(q2), "veel-q2.csv")
    at = start(programme="Veel")
    assert not at.exception
    assert len(at.dataframe(key="attention").value) == 100
    captions = [c.value for c in at.caption]
    assert "De 100 meest dringende van 120 stories; de downloads hieronder bevatten ze allemaal." in captions
    (changes,) = [d.value for d in at.dataframe if "Verschil prognose" in d.value.columns]
    assert len(changes) == 100
    assert changes["Nr"].iloc[0] == "S119" and changes["Verschil prognose"].iloc[0] == 11_900.0  # the largest first
    assert "De 100 grootste van 119 gewijzigde stories." in captions  # S000 did not move


def test_the_chart_group_is_in_the_url_and_a_shared_link_opens_on_it(app_db):
    """A director who shares the overview with 'over time' open sends a link that opens on 'over time'."""
    at = start(programme=OWO)
    assert at.query_params["charts"] == "amounts"
    at = at.button_group(key="overview_charts").set_value("stories").run()
    assert at.query_params["charts"] == "stories"
    shared = start(programme=OWO, charts="time")
    assert not shared.exception
    assert shared.button_group(key="overview_charts").value == "time"
    assert "chart_trend" in {c.proto.id.rsplit("-", 1)[-1] for c in shared.get("plotly_chart")}
    assert shared.query_params["charts"] == "time"
    # a group the report cannot draw, or a made-up one, falls back to the first
    assert start(programme=OWO, charts="nonsense").button_group(key="overview_charts").value == "amounts"
