"""Rules per programme (issue 24, item 2): one programme's controller sets rules for that programme
alone; every other keeps everybody's rules (the default), and follows them when they change; a
programme can go back to the default. The light by the figures is checked against the overrun worked
out by hand (forecast 108 on a budget of 100: 8%). On a DuckDB file and on a DuckLake."""

from __future__ import annotations

import pytest

from portfolio import analysis, db, ingest, manage

ROWS = "Code;Omschrijving;Budget;Prognose;Stoplicht\n1;Een story;100;108;groen\n"  # overrun 8%


@pytest.fixture(params=["file", "lake"])
def two_programmes(request, tmp_path):
    store = str(tmp_path / "rules.duckdb") if request.param == "file" else request.getfixturevalue("lake")
    con = db.connect(store)
    for programme in ("Gemeente A", "Gemeente B"):
        ingest.load_file(
            con, ROWS.encode(), f"{programme}.csv", programme=programme, report_date="2025-03-31", same_file=True
        )
    yield con
    con.close()


def lights(con) -> dict[str, str]:
    rows = con.execute(
        "select p.name, s.figures_status from stories s join reports r using (report_id) "
        "join programmes p using (programme_id) where r.is_current"
    ).fetchall()
    return dict(rows)


def test_a_programmes_own_rules_recolour_that_programme_alone(two_programmes):
    con = two_programmes
    assert lights(con) == {"Gemeente A": "amber", "Gemeente B": "amber"}  # 8% over the default 5% amber
    manage.set_status_rules(con, actor="controller A", programme="Gemeente A", overrun_amber=0.10, overrun_red=0.15)
    assert lights(con) == {"Gemeente A": "green", "Gemeente B": "amber"}
    assert (
        analysis.status_rules(con, "Gemeente A")["own"]
        and analysis.status_rules(con, "Gemeente A")["overrun_amber"] == 0.10
    )
    assert (
        not analysis.status_rules(con, "Gemeente B")["own"]
        and analysis.status_rules(con, "Gemeente B")["overrun_amber"] == 0.05
    )

    manage.set_status_rules(con, actor="beheer", overrun_amber=0.01, overrun_red=0.07)  # everybody's: 8% is red
    assert lights(con) == {"Gemeente A": "green", "Gemeente B": "red"}  # A keeps its own
    assert analysis.status_rules(con)["overrun_red"] == 0.07

    manage.forget_programme_rules(con, "Gemeente A", actor="controller A")
    assert lights(con) == {"Gemeente A": "red", "Gemeente B": "red"}  # back to everybody's
    assert not analysis.status_rules(con, "Gemeente A")["own"]
    audit = con.execute("select actor, detail from audit_log where action = 'rules' order by logged_at").fetchall()
    assert [a for a, _ in audit] == ["controller A", "beheer", "controller A"]
    assert audit[0][1].startswith("programme=Gemeente A, ") and audit[2][1] == "programme=Gemeente A, default"


def test_setting_rules_for_a_programme_again_changes_its_own_row_only(two_programmes):
    con = two_programmes
    manage.set_status_rules(con, programme="Gemeente B", overrun_amber=0.02)
    manage.set_status_rules(con, programme="Gemeente B", overrun_red=0.09)
    rows = con.execute("select id, programme_id, overrun_amber, overrun_red from status_rules order by id").fetchall()
    assert len(rows) == 2 and rows[0][:1] == (1,) and rows[0][2:] == (0.05, 0.15)  # everybody's untouched
    assert rows[1][2:] == (0.02, 0.09)
    assert lights(con) == {"Gemeente A": "amber", "Gemeente B": "amber"}  # B: 8% > 2% amber, < 9% red


def test_rules_for_an_unknown_programme_are_refused(two_programmes):
    with pytest.raises(ValueError, match="no programme named 'Gemeente C'"):
        manage.set_status_rules(two_programmes, programme="Gemeente C", overrun_amber=0.1)


def test_the_rules_page_sets_the_programme_shown_alone(app_db):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from portfolio import demo

    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    con.close()
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.query_params["programme"] = "MAB Flevoland"
    at.run()
    at.switch_page("pages/rules.py").run()
    assert at.radio(key="rules_scope").options == ["alle programma's (standaard)", "MAB Flevoland"]
    at.radio(key="rules_scope").set_value("MAB Flevoland").run()
    assert any("volgt de standaardregels" in c.value for c in at.caption)
    at.number_input(key="rule_overrun_amber").set_value(50.0)
    at.number_input(key="rule_overrun_red").set_value(200.0)
    at.button[0].click().run()
    assert not at.exception and at.success[0].value == "Regels opgeslagen."
    assert any("heeft eigen regels" in c.value for c in at.caption)
    con = db.connect(app_db)
    try:
        assert analysis.status_rules(con, "MAB Flevoland")["overrun_amber"] == 0.5
        assert analysis.status_rules(con)["overrun_amber"] == 0.05  # everybody's untouched
        assert not analysis.status_rules(con, "Digitalisering Groningen")["own"]
    finally:
        con.close()
    at.radio(key="rules_scope").set_value("").run()  # the form shows everybody's values again
    assert at.number_input(key="rule_overrun_amber").value == 5.0
    at.radio(key="rules_scope").set_value("MAB Flevoland").run()
    at.button(key="rules_back_to_default").click().run()
    con = db.connect(app_db)
    try:
        assert not analysis.status_rules(con, "MAB Flevoland")["own"]
    finally:
        con.close()
