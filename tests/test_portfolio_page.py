"""The portfolio page: every programme at its latest report, worst first, totals per currency; its Excel
sheet; and the progress report's Word and PDF buttons on the overview.

The figures per programme are checked against the overview's own path (analysis.totals of each
programme's latest report, the stories frame, the report comparison), which shares no SQL with the
portfolio's one query."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, compare, db, demo, export, fmt, ingest, portfolio_view
from portfolio.status import SEVERITY

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 90
TODAY = dt.date(2026, 4, 15)
UK = "UK pilot (GBP)"
MAB = "MAB Flevoland"
OWO = "OWO Informatiseringsjaarplan (illustratie)"
GRONINGEN = "Uitvoeringsprogramma digitalisering Groningen"
MIDDEN = "I&A-visie Midden-Groningen 2020-2023"
HEADER = "Code,Title,Budget,Spent,Forecast,Status\n"
# Three monthly reports of a programme in pounds: 28 and 31 days apart, so its usual interval is 29.5 days.
UK_REPORTS = {
    "2026-01-31": "G1,Alpha,1000,400,1000,Green\nG2,Beta,500,100,450,Green\nG3,Gamma,200,50,200,Amber\n",
    "2026-02-28": "G1,Alpha,1000,450,1000,Green\nG2,Beta,500,150,450,Amber\nG3,Gamma,200,60,200,Amber\n",
    # G1 stays reported green while its forecast runs 20% over (red by the figures: a watermelon and
    # worse by the figures); G2 amber -> red (reported worse); a new G4 without a light.
    "2026-03-31": "G1,Alpha,1000,500,1200,Green\nG2,Beta,500,200,450,Red\nG3,Gamma,200,70,200,Amber\nG4,Delta,300,,,\n",
}


def load_uk(con) -> None:
    for date, body in UK_REPORTS.items():
        data = (HEADER + body).encode()
        _, committed = ingest.load_file(con, data, f"uk-{date}.csv", programme=UK, report_date=date, currency="GBP")
        assert committed, f"the {date} report did not load"


@pytest.fixture
def mixed(demo_con):
    """The four demo programmes (euros; two without amounts) and a programme in pounds."""
    load_uk(demo_con)
    return demo_con


def latest_report(con, name: str) -> int:
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == name, "programme_id"].iloc[0])
    return int(analysis.reports(con, programme_id)["report_id"].iloc[0])


def by_name(frame: pd.DataFrame) -> dict:
    return {row["programme"]: row for _, row in frame.iterrows()}


def same(a, b) -> bool:
    """Equal, or both missing (missing is not zero)."""
    if a is None or (isinstance(a, float) and np.isnan(a)):
        return b is None or (isinstance(b, float) and np.isnan(b))
    return b is not None and not (isinstance(b, float) and np.isnan(b)) and a == pytest.approx(b)


# --- the figures ----------------------------------------------------------------------------------------


def test_every_programme_at_its_latest_report_matches_the_overview_figures(mixed):
    frame = portfolio_view.programmes(mixed, TODAY)
    assert sorted(frame["programme"]) == sorted([UK, MAB, OWO, GRONINGEN, MIDDEN])
    rows = by_name(frame)
    for name, row in rows.items():
        report_id = latest_report(mixed, name)
        assert row["report_id"] == report_id
        totals = analysis.totals(mixed, report_id)
        for measure in ("budget", "spent", "forecast", "variance", "variance_pct", "share_spent"):
            assert same(totals[measure], row[measure]), (name, measure, totals[measure], row[measure])
        for count in ("n_stories", "n_red", "n_amber", "n_green", "n_unknown", "n_watermelons"):
            assert totals[count] == row[count], (name, count)
        stories = analysis.stories(mixed, report_id)
        counted = stories[stories["parent_code"].isna() & stories["in_totals"]]
        budget = counted["budget"].astype(float)
        for light in ("red", "amber", "green"):
            assert (counted["figures_status"] == light).sum() == row[f"n_figures_{light}"]
            for column, prefix in (("status", ""), ("figures_status", "figures_")):
                expected = budget[counted[column] == light].sum() / budget.sum() if budget.notna().any() else np.nan
                assert same(expected, row[f"share_{prefix}{light}"]), (name, column, light)
        info = analysis.report_info(mixed, report_id)
        assert row["currency"] == info["currency"]
        assert row["report_date"] == pd.Timestamp(info["report_date"]).date()
        assert row["age_days"] == (TODAY - row["report_date"]).days


def test_the_pound_programme_by_hand():
    """The UK programme's latest report worked out from the CSV text above, not from the database."""
    con = db.connect(":memory:")
    load_uk(con)
    [row] = [r for _, r in portfolio_view.programmes(con, TODAY).iterrows()]
    lines = [line.split(",") for line in UK_REPORTS["2026-03-31"].strip().splitlines()]
    amount = lambda text: float(text) if text else np.nan  # noqa: E731
    budget = sum(amount(b) for _, _, b, _, _, _ in lines)
    spent = [amount(s) for _, _, _, s, _, _ in lines]
    forecast = [amount(f) for _, _, _, _, f, _ in lines]
    budgets = [amount(b) for _, _, b, _, _, _ in lines]
    assert row["currency"] == "GBP"
    assert row["budget"] == budget == 2000
    assert row["spent"] == np.nansum(spent) == 770
    assert row["forecast"] == np.nansum(forecast) == 1850
    with_forecast = [(b, f) for b, f in zip(budgets, forecast) if not np.isnan(f)]
    assert row["variance"] == sum(f - b for b, f in with_forecast) == 150
    assert row["variance_pct"] == pytest.approx(150 / sum(b for b, _ in with_forecast))
    assert row["share_spent"] == pytest.approx(770 / 1700)  # G4 has no spent: its budget is left out
    assert (row["n_red"], row["n_amber"], row["n_green"], row["n_unknown"]) == (1, 1, 1, 1)
    assert row["n_watermelons"] == 1  # G1: green, 20% over
    assert row["n_worse"] == 1  # G2 amber -> red
    assert row["n_figures_worse"] == 1  # G1 green -> red by the figures
    assert row["forecast_move"] == 1850 - 1650  # G4 has no forecast in either
    assert row["n_reports"] == 3 and row["usual_interval_days"] == 29.5
    assert row["previous_report_date"] == dt.date(2026, 2, 28)


def test_what_got_worse_matches_the_report_comparison(mixed):
    frame = by_name(portfolio_view.programmes(mixed, TODAY))
    for name in (UK, OWO):
        row = frame[name]
        new, old = int(row["report_id"]), int(row["previous_report_id"])
        assert compare.compare_reports(mixed, old, new).counts()["worse"] == row["n_worse"]
        both = analysis.stories(mixed, old).merge(analysis.stories(mixed, new), on="code", suffixes=("_old", "_new"))
        known = (both["figures_status_old"] != "unknown") & (both["figures_status_new"] != "unknown")
        worse = both["figures_status_new"].map(SEVERITY) > both["figures_status_old"].map(SEVERITY)
        assert int((known & worse).sum()) == row["n_figures_worse"]
        old_forecast = analysis.totals(mixed, old)["forecast"]
        assert row["forecast_move"] == pytest.approx(analysis.totals(mixed, new)["forecast"] - old_forecast)
    for name in (MAB, GRONINGEN, MIDDEN):  # one report each: nothing to compare with, not 'nothing worse'
        assert np.isnan(frame[name]["n_worse"]) and np.isnan(frame[name]["forecast_move"])
        assert portfolio_view.worse_text(frame[name], "en") == "first report"


def test_totals_never_add_pounds_to_euros(mixed):
    frame = portfolio_view.programmes(mixed, TODAY)
    totals = portfolio_view.currency_totals(frame).set_index("currency")
    assert list(totals.index) == ["EUR", "GBP"]
    pounds = analysis.totals(mixed, latest_report(mixed, UK))
    assert totals.loc["GBP", "budget"] == pounds["budget"] == 2000
    assert totals.loc["GBP", "n_programmes"] == 1
    # the real euro programmes only: the OWO illustration's invented euros are never added to real ones
    euros = [analysis.totals(mixed, latest_report(mixed, name)) for name in (MAB, GRONINGEN, MIDDEN)]
    for measure in ("budget", "spent", "forecast", "variance"):
        given = [t[measure] for t in euros if t[measure] is not None]
        assert totals.loc["EUR", measure] == pytest.approx(sum(given))
    assert totals.loc["EUR", "n_programmes"] == 3 and totals.loc["EUR", "n_with_amounts"] == 1
    assert totals.loc["EUR", "share_spent"] == pytest.approx(936_500 / 2_315_000)
    shown = portfolio_view.totals_table(portfolio_view.currency_totals(frame), "en")
    assert list(shown["Budget"]) == [fmt.money(2_315_000, "EUR", "en"), fmt.money(2000, "GBP", "en")]


def test_a_currency_where_no_programme_gives_amounts_has_missing_totals_not_zero(demo_con):
    frame = portfolio_view.programmes(demo_con, TODAY)
    only_unknown = frame[frame["budget"].isna()].assign(currency="NOK")
    totals = portfolio_view.currency_totals(pd.concat([frame[frame["budget"].notna()], only_unknown]))
    nok = totals.set_index("currency").loc["NOK"]
    assert nok["n_programmes"] == 2 and nok["n_with_amounts"] == 0
    assert all(np.isnan(nok[m]) for m in ("budget", "spent", "forecast", "variance", "share_spent"))
    shown = portfolio_view.totals_table(totals, "nl")
    assert shown.loc[shown["Valuta"] == "NOK", "Budget"].item() == fmt.MISSING


def test_a_programme_without_amounts_shows_dashes_never_zero(demo_con):
    frame = portfolio_view.programmes(demo_con, TODAY)
    rows = by_name(frame)
    for name in (GRONINGEN, MIDDEN):
        row = rows[name]
        assert all(np.isnan(row[m]) for m in ("budget", "spent", "forecast", "variance", "share_spent"))
        assert row["n_stories"] > 0 and row["n_unknown"] == row["n_stories"]
    shown = portfolio_view.table(frame, "nl").set_index("Programma")
    for name in (GRONINGEN, MIDDEN):  # numbers left empty (the page shows –), never 0
        assert all(np.isnan(v) for v in shown.loc[name, ["Budget", "Afwijking %", "Rood volgens cijfers"]])
        detail = portfolio_view.lights_table(frame, "nl").set_index("Programma").loc[name]
        assert all(np.isnan(v) for v in detail[["Prognose", "Besteed/verplicht", "Besteed van budget", "Afwijking"]])
        assert detail["Volgens cijfers (budget)"] == detail["Gemeld (budget)"] == fmt.MISSING
    # several currencies: each amount written out in its own currency, missing as –
    mixed = frame.assign(currency=["GBP"] + ["EUR"] * (len(frame) - 1))
    assert portfolio_view.one_currency(mixed) is None and portfolio_view.one_currency(frame) == "EUR"
    written = portfolio_view.table(mixed, "nl").set_index("Programma")
    for name in (GRONINGEN, MIDDEN):
        assert written.loc[name, "Budget"] == fmt.MISSING
    first = mixed.iloc[0]
    assert written.loc[first["programme"], "Budget"] == fmt.money(first["budget"], "GBP", "nl")


def test_portfolio_amounts_are_numbers_that_sort_by_value(demo_con):
    """One currency: the budget column holds the programmes' budgets as numbers (sorting by value, not by
    text: € 1.105.000 before € 140.000), equal to each programme's own totals."""
    frame = portfolio_view.programmes(demo_con, TODAY)
    shown = portfolio_view.table(frame, "en").set_index("Programme")
    detail = portfolio_view.lights_table(frame, "en").set_index("Programme")
    for name in (MAB, OWO):
        own = analysis.totals(demo_con, latest_report(demo_con, name))
        assert shown.loc[name, "Budget"] == pytest.approx(float(own["budget"]))
        assert detail.loc[name, "Forecast"] == pytest.approx(float(own["forecast"]))
        assert detail.loc[name, "Variance"] == pytest.approx(float(own["variance"]))
    assert shown["Budget"].dtype == "float64" and detail["Share spent"].dtype == "float64"


def test_the_overdue_mark_follows_the_median_interval():
    con = db.connect(":memory:")
    load_uk(con)  # 28 and 31 days apart: usual interval 29.5 days; latest 31 March 2026
    on_time = portfolio_view.programmes(con, dt.date(2026, 4, 30)).iloc[0]  # 30 days: not more than 29.5? it is
    assert on_time["age_days"] == 30 and on_time["overdue"]
    just = portfolio_view.programmes(con, dt.date(2026, 4, 29)).iloc[0]  # 29 days
    assert just["age_days"] == 29 and not just["overdue"]
    assert portfolio_view.rhythm_text(just, "en") == "on time (usual 29.5 days)"
    assert portfolio_view.rhythm_text(on_time, "nl") == "⚠ te laat (ritme 29,5 dagen)"
    # one report: no usual interval, so quarterly by default (issue 22): 26 years is overdue
    single = db.connect(":memory:")
    ingest.load_file(single, (HEADER + UK_REPORTS["2026-01-31"]).encode(), "one.csv", programme="Once",
                     report_date="2000-01-01", currency="GBP")  # fmt: skip
    row = portfolio_view.programmes(single, TODAY).iloc[0]
    assert np.isnan(row["usual_interval_days"]) and row["overdue"] and row["rhythm_source"] == "default"
    assert portfolio_view.rhythm_text(row, "en") == "⚠ overdue (by default every 3 months)"
    assert portfolio_view.age_text(int(row["age_days"]), "en") == "26 years"


def test_age_in_words():
    assert [portfolio_view.age_text(d, "nl") for d in (0, 1, 59, 60, 729, 730)] == [
        "0 dagen",
        "1 dag",
        "59 dagen",
        "1 maanden",
        "23 maanden",
        "1 jaar",
    ]


def frame_of(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {
        "programme": [f"P{i}" for i in range(n)],
        "share_figures_red": [np.nan] * n,
        "n_watermelons": [0] * n,
        "n_red": [0] * n,
        "variance_pct": [np.nan] * n,
    }
    return pd.DataFrame({**base, **columns})


def test_worst_first_rule_key_by_key():
    # 1. the share of the budget red by the figures; no amounts after every programme with a share (even 0%)
    order = portfolio_view.worst_first(frame_of(share_figures_red=[0.1, np.nan, 0.5, 0.0]))
    assert list(order["programme"]) == ["P2", "P0", "P3", "P1"]
    assert list(order["rank"]) == [1, 2, 3, 4]
    # 2. then watermelons, 3. then reported red, 4. then the overrun share (missing last), 5. then the name
    order = portfolio_view.worst_first(
        frame_of(
            programme=["b", "a", "c", "d", "e", "f"],
            share_figures_red=[0.2] * 6,
            n_watermelons=[1, 1, 3, 1, 1, 1],
            n_red=[0, 0, 0, 2, 0, 0],
            variance_pct=[0.05, 0.05, 0.0, 0.0, np.nan, 0.3],
        )
    )
    assert list(order["programme"]) == ["c", "d", "f", "a", "b", "e"]


def test_the_demo_programmes_worst_first(mixed):
    frame = portfolio_view.programmes(mixed, TODAY)
    # UK: G1's 1000 of 2000 red by the figures (50%); MAB 0% with 2 watermelons; then no amounts; the OWO
    # illustration (17.8%, invented figures) after every real programme
    assert list(frame["programme"]) == [UK, MAB, MIDDEN, GRONINGEN, OWO]
    assert frame["illustration"].tolist() == [False, False, False, False, True]
    assert frame["share_figures_red"].iloc[0] == 0.5


# --- the Excel sheet -----------------------------------------------------------------------------------


def test_the_excel_sheet_holds_every_programme_in_its_own_currency(mixed):
    data = export.portfolio_file(mixed, "en", TODAY)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Filter", "Portfolio", "Totals per currency"]
    rows = list(book["Portfolio"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    frame = portfolio_view.programmes(mixed, TODAY)
    column = {name: header.index(name) for name in header}
    assert [r[column["Programme"]] for r in body] == list(frame["programme"])
    for line, (_, row) in zip(body, frame.iterrows()):
        for name, key in (("Budget", "budget"), ("Forecast", "forecast"), ("Share spent", "share_spent")):
            value = line[column[name]]
            held = fmt.shown_share(row[key]) if key == "share_spent" else row[key]  # a share as it is written
            assert value is None if np.isnan(row[key]) else value == pytest.approx(held), (row["programme"], name)
        assert line[column["Currency"]] == row["currency"]
        assert line[column["Overdue"]] == ("yes" if row["overdue"] else "no")
        assert line[column["Reported worse"]] == (None if np.isnan(row["n_worse"]) else row["n_worse"])
    sheet = book["Portfolio"]
    budget_column = column["Budget"] + 1
    for number, line in enumerate(body, start=2):
        symbol = "£" if line[column["Currency"]] == "GBP" else "€"
        if line[column["Budget"]] is None:
            continue  # missing stays an empty cell
        assert sheet.cell(row=number, column=budget_column).number_format == f'"{symbol}" #,##0;"{symbol}" -#,##0'
    totals = list(book["Totals per currency"].iter_rows(values_only=True))
    assert [r[0] for r in totals[1:]] == ["EUR", "GBP"]
    assert totals[1][totals[0].index("Budget")] == pytest.approx(2_315_000)  # MAB; the OWO illustration is left out
    assert totals[2][totals[0].index("Budget")] == pytest.approx(2000)


def test_the_dutch_sheet_has_dutch_headers(demo_con):
    book = openpyxl.load_workbook(io.BytesIO(export.portfolio_file(demo_con, "nl", TODAY)))
    assert book.sheetnames == ["Filter", "Portfolio", "Totaal per valuta"]
    header = next(book["Portfolio"].iter_rows(values_only=True))
    assert {"Programma", "Peildatum", "Te laat", "Gemeld slechter"} <= set(header)


def test_the_story_export_has_the_ambition_column_only_where_a_report_states_ambitions(demo_con):
    midden = latest_report(demo_con, MIDDEN)
    sheets, _, _ = export.export_frames(demo_con, midden, "en")
    stories = sheets["Stories"]
    ambitions = dict(db.execute(demo_con, "story_ambitions", report_id=midden))
    assert ambitions and list(stories.columns).index("Ambition") == list(stories.columns).index("Status note") - 1
    assert dict(zip(stories["Code"], stories["Ambition"])) == {c: ambitions.get(c) for c in stories["Code"]}
    sheets, _, _ = export.export_frames(demo_con, latest_report(demo_con, MAB), "en")
    assert "Ambition" not in sheets["Stories"].columns


# --- the page -------------------------------------------------------------------------------------------


@pytest.fixture
def app_with_pounds(app_db):
    """The app's database file with the demo and the pound programme."""
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    load_uk(con)
    con.close()
    return app_db


def start(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_one_currency_gives_numeric_amount_columns_on_the_page(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    mab = analysis.totals(con, latest_report(con, MAB))
    con.close()
    at = start(lang="en")
    assert not at.exception
    table = at.dataframe(key="portfolio").value.set_index("Programme")
    assert table.loc[MAB, "Budget"] == pytest.approx(float(mab["budget"]))
    assert np.isnan(table.loc[GRONINGEN, "Budget"])  # shown as –, never 0
    lights = at.dataframe[2].value.set_index("Programme")
    assert lights.loc[MAB, "Forecast"] == pytest.approx(float(mab["forecast"]))


def test_the_portfolio_is_the_first_page_in_dutch(app_with_pounds):
    at = start()
    assert not at.exception
    assert at.title[0].value == "Portfolio"
    table = at.dataframe(key="portfolio").value
    assert list(table["Programma"]) == [UK, MAB, MIDDEN, GRONINGEN, OWO]
    row = table.set_index("Programma").loc[UK]
    assert row["Budget"] == "£ 2k" == fmt.money(2000, "GBP", "nl")
    assert row["Groen, cijfers niet"] == 1
    assert row["Slechter sinds vorige"] == "1 gemeld · 1 cijfers · prognose £ +200"
    assert row["Rood volgens cijfers"] == pytest.approx(0.5)  # a number: the page writes it as a percentage
    age = (dt.date.today() - dt.date(2026, 3, 31)).days  # the page counts from today
    late = " · ⚠ te laat" if age > 29.5 else ""
    assert row["Peildatum"] == f"31-03-2026 · {portfolio_view.age_text(age, 'nl')}{late}"
    assert table.set_index("Programma").loc[MAB, "Budget"] == "€ 2.315k"
    assert table.set_index("Programma").loc[GRONINGEN, "Budget"] == "–"
    lights = at.dataframe[1].value.set_index("Programma")
    assert lights.loc[UK, "Gemeld (aantal)"] == "✖ Rood 1 · ▲ Oranje 1 · ✔ Groen 1 · ? Onbekend 1"
    assert lights.loc[GRONINGEN, "Volgens cijfers (budget)"] == "–"
    money = at.dataframe[2].value.set_index("Programma")
    assert money.loc[MAB, "Prognose"] == "€ 2.137,5k"
    totals = at.dataframe[3].value  # a row per measure, a column per currency
    assert list(totals.columns) == ["Maat", "EUR", "GBP"]
    assert totals.set_index("Maat").loc["Budget", "EUR"] == "€ 2.315k"  # MAB's; not the OWO illustration's
    captions = " ".join(c.value for c in at.caption)
    assert "Te laat:" in captions and "Volgorde (slechtste eerst)" in captions and GRONINGEN in captions
    assert "4 programma's" in at.markdown[0].value and "1 illustratie(s)" in at.markdown[0].value
    assert "Niet in deze totalen: OWO Informatiseringsjaarplan" in captions
    assert at.query_params["lang"] == "nl"
    assert len(at.get("download_button")) == 1


def test_the_portfolio_in_english(app_with_pounds):
    at = start(lang="en")
    assert not at.exception
    assert at.title[0].value == "Portfolio"
    table = at.dataframe(key="portfolio").value
    assert {"Programme", "Report date", "Red by the figures", "Worse since previous"} <= set(table.columns)
    assert "Reporting rhythm" in at.dataframe[2].value.columns
    assert table.set_index("Programme").loc[MAB, "Budget"] == fmt.money(2_315_000, "EUR", "en")
    assert "Order (worst first)" in " ".join(c.value for c in at.caption)
    assert list(at.dataframe[3].value.columns) == ["Measure", "EUR", "GBP"]


def test_choosing_a_row_opens_that_programmes_overview_with_it_in_the_url(app_with_pounds):
    at = start(lang="en")
    table = at.dataframe(key="portfolio").value
    row = list(table["Programme"]).index(OWO)
    at.session_state["portfolio"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert at.query_params["programme"] == OWO and at.query_params["date"] == "2019-03-31"
    assert at.sidebar.selectbox(key="programme").value == OWO
    assert {m.label: m.value for m in at.metric}["Budget"] == fmt.money(845_000, "EUR", "en")
    at.switch_page("pages/portfolio.py").run()  # back: the portfolio again, not the overview once more
    assert at.title[0].value == "Portfolio"


def test_an_old_overview_link_still_opens_the_overview(app_with_pounds):
    at = start(programme=MAB)
    assert not at.exception
    assert at.title[0].value == "Overzicht"
    assert at.sidebar.selectbox(key="programme").value == MAB


# --- the progress report on the overview ----------------------------------------------------------------


def test_the_overview_offers_the_progress_report_and_makes_the_word_file_when_asked(app_db):
    from docx import Document

    at = start(programme=MAB, lang="en")
    assert not at.exception
    assert {"pr_make_docx", "pr_make_pdf"} <= {b.key for b in at.button}
    assert "_progress_report_docx" not in at.session_state  # nothing is made on a plain page run
    at.button(key="pr_make_docx").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download Word (.docx)" in labels and "Download PDF" not in labels
    assert "pr_make_docx" not in {b.key for b in at.button} and "pr_make_pdf" in {b.key for b in at.button}
    data = at.session_state["_progress_report_docx"][1]  # what the download button hands out
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert MAB in text
    at.run()  # a rerun offers the same file without making it again
    assert at.session_state["_progress_report_docx"][1] is data
    at.sidebar.radio(key="lang").set_value("nl").run()  # another language: the file is asked for anew
    assert "pr_make_docx" in {b.key for b in at.button}
