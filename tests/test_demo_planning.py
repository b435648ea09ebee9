"""The MAB demo's planning (issue 22): dates only where the seed report states them, each as it writes it,
checked against the seed's own words (tests/corpus/mab_plateau3_report.txt, the seed as text); every other
story has none (missing, not "on time"); the money is as before."""

from __future__ import annotations

import re

from portfolio import analysis
from tests.conftest import CORPUS

STATED = {  # (code, field): (value as stored, the seed's words it comes from)
    ("3", "planned_end"): ("2018", "In het vervolg van 2018 wordt ook een oplossing voor uitgaande e-facturen"),
    ("3", "forecast_end"): ("2019-04-19", "tijdig werkt voor de deadline die door de Europese Unie is gesteld"),
    ("12", "planned_end"): ("eind 2018", "eind 2018 kunnen de grootste risico's afgedekt zijn"),
    ("9.3", "forecast_end"): ("voorjaar 2019", "in fase 2 (voorjaar 2019) worden alle applicaties"),
    ("14.1", "start_date"): ("2016", "die in plateau 1 is gestart"),
    ("14.1", "planned_end"): ("2018", "Het project (herinrichting) eDocs wordt afgerond in 2018."),
    ("14.1", "forecast_end"): ("2018-10-01", "De livedatum is voorzien voor 1 oktober 2018."),
    ("2A4", "start_date"): ("zomer 2018", "Hiervoor zal in de zomer een project worden opgestart."),
    ("5D1", "forecast_end"): ("najaar 2018", "Dit plan zal dit najaar worden uitgevoerd"),
}
FIELDS = ("start_date", "planned_end", "approved_end", "forecast_end")


def mab_stories(con):
    programmes = analysis.programmes(con)
    mab = programmes[programmes["name"] == "MAB Flevoland"].iloc[0]
    report = int(analysis.reports(con, int(mab["programme_id"])).iloc[0]["report_id"])
    return report, analysis.stories(con, report).set_index("code")


def test_the_mab_demo_has_dates_only_where_the_seed_states_them(demo_con):
    seed = " ".join((CORPUS / "mab_plateau3_report.txt").read_text(encoding="utf-8").split())
    for (_code, _field), (_value, words) in STATED.items():
        assert " ".join(words.split()) in seed, words
    assert (
        "19 april 2019" in seed and "plateau 1" in seed and re.search(r"In 2016 en 2017 zijn de 1.{0,3}e? twee", seed)
    )
    report, stories = mab_stories(demo_con)
    found = {
        (code, field): value
        for code, row in stories.iterrows()
        for field in FIELDS
        if isinstance(value := row[field], str)
    }
    assert found == {key: value for key, (value, _) in STATED.items()}
    # 3: planned in 2018, expected 19 April 2019: +109 days at least (from 31 Dec), +473 at most (from 1 Jan)
    assert (stories.loc["3", "slip_days_min"], stories.loc["3", "slip_days_max"]) == (109, 473)
    totals = analysis.totals(demo_con, report)
    assert (totals["budget"], totals["spent"], totals["forecast"]) == (2_315_000, 936_500, 2_137_500)
