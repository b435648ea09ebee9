"""The embedded default: the demo spreadsheets load through the upload path and match the seed report."""

import csv
import re

import openpyxl
import pytest

from portfolio import analysis, db, demo, ingest
from tests.conftest import CORPUS

EXPECTED = {"budget": 2_315_000.0, "spent": 936_500.0, "forecast": 2_137_500.0}  # DOMAIN.md
GRONINGEN = "Uitvoeringsprogramma digitalisering Groningen"
MIDDEN_GRONINGEN = "I&A-visie Midden-Groningen 2020-2023"


def seed_financials() -> dict[str, list[float]]:
    """Budget, spent/committed and forecast of stories 0-18, read straight from the report's text.

    The report writes them as '. budget: €250k', '. besteed/verplicht € 31k', '0€k', '€2,5 k' and once
    '€120' without the k; all are thousands of euros. They appear in story order, 19 of each.
    """
    text = (CORPUS / "mab_plateau3_report.txt").read_text(encoding="utf-8")
    patterns = {
        "budget": r"budget:\s*€?\s*([\d,]+)\s*€?\s*k",
        "spent": r"besteed/verplicht:?\s*€?\s*([\d,]+)\s*€?\s*k",
        "forecast": r"prognose:\s*€?\s*([\d,]+)\s*€?\s*k?",
    }
    return {
        name: [float(m.replace(",", ".")) * 1000 for m in re.findall(pattern, text)]
        for name, pattern in patterns.items()
    }


def mab_report_id(con) -> int:
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == "MAB Flevoland", "programme_id"].iloc[0])
    return int(analysis.reports(con, programme_id)["report_id"].iloc[0])


def test_seed_text_gives_nineteen_stories_that_add_up_to_the_domain_totals():
    figures = seed_financials()
    assert {name: len(values) for name, values in figures.items()} == {"budget": 19, "spent": 19, "forecast": 19}
    assert {name: sum(values) for name, values in figures.items()} == EXPECTED


def test_demo_loads_every_programme_on_an_empty_database(con):
    committed = demo.load_demo_if_empty(con)
    assert sorted({c.programme for c in committed}) == [
        MIDDEN_GRONINGEN,
        "MAB Flevoland",
        "OWO Informatiseringsjaarplan (illustratie)",
        "Uitvoeringsprogramma digitalisering Groningen",
    ]
    assert len(committed) == 1 + 1 + 5 + 1  # the OWO illustration has five quarterly reports
    assert committed[-1].programme == "MAB Flevoland"  # loaded last, so the app opens on it
    assert analysis.programmes(con)["name"].iloc[0] == "MAB Flevoland"
    assert demo.load_demo_if_empty(con) == []  # not twice


def build_demo_module():
    import importlib.util

    path = demo.DEMO_DIR / "build_demo.py"
    spec = importlib.util.spec_from_file_location("build_demo", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def owo_csv_rows() -> list[dict[str, str]]:
    """The OWO illustration's figures as the demo keeps them, read with nothing but the csv module."""
    with open(demo.DEMO_DIR / "jaarplan_owo_2018-2019_illustratie.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_owo_quarterly_view_matches_the_rows_the_demo_was_built_from(demo_con):
    """Spent and remaining per quarter, this year vs carried over, recomputed from the demo's CSV rows."""
    rows = owo_csv_rows()
    programme = {row["Programma"] for row in rows}
    assert programme == {"OWO Informatiseringsjaarplan (illustratie)"}
    programmes = analysis.programmes(demo_con)
    programme_id = int(programmes.loc[programmes["name"] == programme.pop(), "programme_id"].iloc[0])
    view = analysis.quarterly(analysis.trend_by_period(demo_con, programme_id))
    dates = sorted({row["Peildatum"] for row in rows})
    assert len(set(zip(view["year"], view["quarter"]))) == len(dates) == 5
    for date in dates:
        expected: dict[str, list[float]] = {}
        for row in (r for r in rows if r["Peildatum"] == date):
            plan_year, year = int(row["Periode"].split()[-1]), int(date[:4])
            kind = "earlier" if plan_year < year else "later" if plan_year > year else "current"
            cell = expected.setdefault(kind, [0.0, 0.0])
            cell[0] += float(row["Besteed"])
            cell[1] += float(row["Budget"]) - float(row["Besteed"])
        found = view[view["report_date"].astype(str).str[:10] == date].set_index("period_class")
        assert {k: [found.loc[k, "spent"], found.loc[k, "remaining"]] for k in found.index} == expected, date
    # the plan of 2018 is carried over in 2019: what was not spent in 2018 is remaining 'earlier' budget
    first_2019 = view[view["year"] == 2019].set_index("period_class")
    assert first_2019.loc["earlier", "remaining"] == 109_000.0


def workbook_content(path) -> dict:
    """Every cell that holds something of a workbook: value (with its type), number format, bold, size,
    wrap and fill; each sheet's name, extent and column widths."""
    book = openpyxl.load_workbook(path)
    content = {}
    for sheet in book.worksheets:
        widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
        content[sheet.title] = (sheet.max_row, sheet.max_column, widths)
        for cell in (c for row in sheet.iter_rows() for c in row if c.value is not None or c.font.b):
            style = (cell.number_format, cell.font.b, cell.font.sz, cell.alignment.wrap_text, cell.fill.fgColor.rgb)
            content[(sheet.title, cell.coordinate)] = (cell.value, type(cell.value), style)
    return content


def test_build_demo_writes_the_shipped_workbooks_from_its_data_files(tmp_path):
    """The figures are kept as CSV (rows) and TOML (layout) beside the workbooks; the script that writes
    the workbooks from them gives, cell for cell, the workbooks that ship and load."""
    build_demo = build_demo_module()
    shipped = {path.name for path in demo.demo_files()}
    assert {f"{stem}.xlsx" for stem in build_demo.stems()} == shipped and len(shipped) == 4
    for stem in build_demo.stems():
        build_demo.build(stem, tmp_path / f"{stem}.xlsx")
        written, kept = workbook_content(tmp_path / f"{stem}.xlsx"), workbook_content(demo.DEMO_DIR / f"{stem}.xlsx")
        assert written == kept, stem
    mab = workbook_content(tmp_path / "mab_plateau3_2018-06.xlsx")
    assert [mab[("Plateau 3", f"{col}40")][0] for col in "AGHI"] == ["Totaal", 2315, 936.5, 2137.5]  # DOMAIN.md
    assert mab[("Plateau 3", "A8")][:2] == ("0", str)  # a code stays text
    assert mab[("Plateau 3", "G36")][0] == 10 and ("Plateau 3", "H36") not in mab  # 2A4: no spent, not 0


def test_mab_stories_match_the_seed_report_story_by_story(demo_con):
    stories = analysis.stories(demo_con, mab_report_id(demo_con))
    top = stories[stories["parent_code"].isna() & stories["in_totals"]]
    assert top["code"].tolist() == [str(n) for n in range(19)]
    figures = seed_financials()
    for name in ("budget", "spent", "forecast"):
        assert top[name].tolist() == figures[name], name


def test_mab_totals_are_the_reports_totals(demo_con):
    totals = analysis.totals(demo_con, mab_report_id(demo_con))
    assert {name: totals[name] for name in EXPECTED} == EXPECTED
    assert totals["n_stories"] == 19
    assert totals["variance"] == pytest.approx(EXPECTED["forecast"] - EXPECTED["budget"])


def test_sub_items_add_up_to_their_story_budget(demo_con):
    report_id = mab_report_id(demo_con)
    for code, expected_items in (("9", 5), ("14", 4)):
        story, items = analysis.story(demo_con, report_id, code)
        assert len(items) == expected_items
        assert items["budget"].sum() == story["budget"]


def test_other_activities_are_kept_but_outside_the_totals(demo_con):
    report_id = mab_report_id(demo_con)
    stories = analysis.stories(demo_con, report_id).set_index("code")
    assert stories.loc[["2A4", "5C2", "5D1"], "budget"].tolist() == [10_000.0, 25_000.0, 100_000.0]
    assert not stories.loc[["2A4", "2B", "5C2", "5D1"], "in_totals"].any()
    assert analysis.excluded(demo_con, report_id) == {"n_stories": 4, "budget": 135_000.0, "n_budget": 3}


def test_groningen_has_lines_and_tracks_but_no_amounts(demo_con):
    programmes = analysis.programmes(demo_con)
    programme_id = int(programmes.loc[programmes["name"] == GRONINGEN, "programme_id"].iloc[0])
    report_id = int(analysis.reports(demo_con, programme_id)["report_id"].iloc[0])
    totals = analysis.totals(demo_con, report_id)
    assert (totals["budget"], totals["spent"], totals["forecast"]) == (None, None, None)
    assert totals["n_budget"] == 0 and totals["n_unknown"] == totals["n_stories"]
    lines = analysis.rollup(demo_con, report_id, "line")
    assert len(lines) == 3
    assert all(name.startswith(("1.", "2.", "3.")) for name in lines["group_name"])
    assert analysis.rollup(demo_con, report_id, "track")["group_name"].str.len().gt(0).all()


def test_demo_spreadsheets_parse_without_warnings():
    for path in demo.demo_files():
        parsed = ingest.parse_export(path.read_bytes(), path.name)
        assert parsed.errors + parsed.warnings == [], path.name
        notes = [(p.key, p.params) for p in parsed.notes]
        if path.name.startswith("mab"):  # its 'Totaal' row: found, matched with the stories, not loaded
            assert notes == [("totals_checked", {"count": 1})]


# --- Midden-Groningen: the I&A vision's six tracks and their initiatives, read from the seed text ---------


def seed_tracks() -> tuple[dict[int, str], dict[int, list[tuple[str, str]]]]:
    """The six tracks as chapter 3 opens with them ('Spoor 1. Goede, ...' on a line of its own), and per
    track the rows of its 'Richtlijnen en ambities' tables: (left cell, right cell) without the markup,
    whitespace as single spaces. A track's section runs from '3.N Spoor N |' to the next such heading or
    '3.7 Overige onderwerpen'; a table row is a line with a tab; rows of dashes separate tables."""
    text = (CORPUS / "midden_groningen_ia_visie.txt").read_text(encoding="utf-8")
    names = {int(n): f"Spoor {n}. {name}" for n, name in re.findall(r"(?m)^Spoor (\d)\. (.+?)\s*$", text)}
    start = text.index("\n3.1 Spoor 1 |")  # the chapter itself, not its line in the table of contents
    body = text[start : text.index("\n3.7 Overige onderwerpen", start)]
    sections = re.split(r"(?m)^3\.\d Spoor (\d) \|", body)[1:]
    rows: dict[int, list[tuple[str, str]]] = {}
    for number, section in zip(sections[::2], sections[1::2]):
        for line in section.splitlines():
            if "\t" not in line:
                continue
            left, right = line.split("\t", 1)
            if set(left.strip()) <= {"-"}:
                continue
            rows.setdefault(int(number), []).append((words(left), words(right)))
    return names, rows


def words(text: str | None) -> str:
    """Text without HTML-like tags, whitespace (line breaks too) as single spaces."""
    return " ".join(re.sub(r"<[^>]*>", " ", text or "").split())


def midden_groningen(con):
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == MIDDEN_GRONINGEN, "programme_id"].iloc[0])
    return int(analysis.reports(con, programme_id)["report_id"].iloc[0])


def test_seed_names_six_tracks_each_with_initiatives():
    names, rows = seed_tracks()
    assert sorted(names) == sorted(rows) == [1, 2, 3, 4, 5, 6]
    assert names[1] == "Spoor 1. Goede, betrouwbare en moderne dienstverlening"
    assert names[6] == "Spoor 6. Doorontwikkeling van de I&A-functie"
    assert all(rows[n] for n in names)


def test_midden_groningen_has_the_six_tracks_with_the_initiatives_the_seed_names(demo_con):
    names, rows = seed_tracks()
    report_id = midden_groningen(demo_con)
    stories = analysis.stories(demo_con, report_id)
    assert list(dict.fromkeys(stories["track"])) == [names[n] for n in sorted(names)]  # in the seed's order
    for number, expected in rows.items():
        mine = stories[stories["track"] == names[number]]
        assert [words(t) for t in mine["title"]] == [title for title, _ in expected], names[number]
    assert len(stories) == sum(len(r) for r in rows.values())
    assert stories["parent_code"].isna().all() and stories["code"].is_unique


def test_midden_groningen_ambitions_are_the_seeds_words(demo_con):
    _, rows = seed_tracks()
    report_id = midden_groningen(demo_con)
    titles = analysis.stories(demo_con, report_id).set_index("code")["title"]
    ambitions = dict(db.execute(demo_con, "story_ambitions", report_id=report_id))
    assert set(ambitions) == set(titles.index)  # the seed gives an ambition for every initiative
    by_title = {title: aim for track in rows.values() for title, aim in track}
    assert {words(titles[code]): words(aim) for code, aim in ambitions.items()} == by_title


def test_midden_groningen_has_no_amounts_no_lights_and_no_notes(demo_con):
    report_id = midden_groningen(demo_con)
    stories = analysis.stories(demo_con, report_id)
    for name in ("budget", "spent", "realised", "committed", "forecast", "baseline", "variance"):
        assert stories[name].isna().all(), name  # missing, never 0
    assert (stories["status"] == "unknown").all() and stories["status_note"].isna().all()
    totals = analysis.totals(demo_con, report_id)
    assert (totals["budget"], totals["spent"], totals["forecast"]) == (None, None, None)
    assert totals["n_budget"] == 0 and totals["n_unknown"] == totals["n_stories"] == len(stories)
    stored = demo_con.execute(
        "select count(*), count(budget), count(spent), count(forecast), count(status_note) from stories "
        "where report_id = $r",
        {"r": report_id},
    ).fetchall()
    assert stored == [(len(stories), 0, 0, 0, 0)]
