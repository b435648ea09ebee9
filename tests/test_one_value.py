"""One figure, one value (issue 21): the MAB report's figures (DOMAIN.md: budget € 2.315k, spent € 936,5k,
forecast € 2.137,5k) read as a reader sees them on the portfolio page, on the overview's tiles, in the
tables (lines, attention), in the Excel workbooks and the CSV, and in the written report: each figure
has one value everywhere.

A table cell is read as the browser writes it: Streamlit's NumberColumn first cuts the value off at its
step's decimals, then formats it (Intl.NumberFormat: rounding half away from zero). A workbook cell is
read through its number format, as Excel rounds it (half away from zero). Neither uses portfolio.fmt,
so the test sees a page that cuts where the rest rounds.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, db, demo, export, progress_report

APP = Path(__file__).resolve().parent.parent / "app.py"
TIMEOUT = 90
MAB = "MAB Flevoland"
LINE = "Basis op orde"  # budget € 1.105.000, forecast € 1.090.000: -15/1105 = -1,357%
# What a Dutch reader must read wherever the figure stands (compact on tiles, exact in tables and files).
WRITTEN = {
    "budget": ("€ 2.315k", "€ 2.315.000"),
    "spent": ("€ 936,5k", "€ 936.500"),
    "forecast": ("€ 2.137,5k", "€ 2.137.500"),
    "variance": ("€ -177,5k", "€ -177.500"),
    "variance_pct": "-7,7%",  # -177.500 / 2.315.000 = -7,667%: cut off it would read -7,6%
    "share_spent": "40,5%",  # 936.500 / 2.315.000 = 40,454%
}


def _dutch(digits: str) -> str:
    return digits.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _half_up(value: float, decimals: int) -> Decimal:
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _euro(value: Decimal) -> str:
    return f"€ {'-' if value < 0 else ''}{_dutch(f'{abs(value):,.0f}')}"


def browser_text(value: float, type_config: dict) -> str:
    """A number in a Dutch st.dataframe cell: cut off at the step's decimals, then formatted."""
    if value != value:
        return "–"
    step = type_config.get("step")
    decimals = max(0, -Decimal(repr(step)).as_tuple().exponent) if step else 0
    cut = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)
    if type_config["format"] == "percent":
        return f"{_dutch(f'{cut * 100:,.{max(decimals - 2, 0)}f}')}%"
    assert type_config["format"] == "euro"
    return _euro(cut)


def excel_text(cell) -> str:
    """A workbook cell as Excel shows it in a Dutch Excel, by its number format."""
    form = cell.number_format
    if form.endswith("%"):
        decimals = len(form.split(".")[1]) - 1 if "." in form else 0
        return f"{_dutch(f'{_half_up(cell.value * 100, decimals):,.{decimals}f}')}%"
    assert form.startswith('"€" #,##0;'), form
    return _euro(_half_up(cell.value, 0))


def no_sign(text: str) -> str:
    return text.lstrip("+-")


def start(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at = at.run()
    assert not at.exception
    return at


def table_with(at: AppTest, column: str):
    """The table on the page that has this column (a table without selection has no key to find it by)."""
    (element,) = [d for d in at.dataframe if column in d.value.columns]
    return element


def cells(at: AppTest, key: str, row_column: str, row: str) -> dict[str, str]:
    """Every number cell of one row of a table on the page, as the browser writes it; the table by its key,
    or by one of its columns."""
    element = at.dataframe(key=key) if ":" not in key else table_with(at, key.split(":", 1)[1])
    config = json.loads(element.proto.columns)
    frame = element.value.set_index(row_column)
    return {
        column: browser_text(frame.loc[row, column], config[column]["type_config"])
        for column in frame.columns
        if column in config and "format" in config[column].get("type_config", {})
    }


@pytest.fixture
def mab(app_db):
    con = db.connect(app_db)
    demo.load_demo_if_empty(con)
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == MAB, "programme_id"].iloc[0])
    report_id = int(analysis.reports(con, programme_id)["report_id"].iloc[0])
    totals = analysis.totals(con, report_id)
    assert (totals["budget"], totals["spent"], totals["forecast"]) == (2_315_000, 936_500, 2_137_500)  # DOMAIN.md
    yield con, report_id
    con.close()


def test_every_figure_of_the_mab_report_has_one_value_on_every_page_in_every_export_and_in_the_report(mab):
    con, report_id = mab
    seen: dict[str, dict[str, str]] = {name: {} for name in WRITTEN}

    # the portfolio page: both tables hold MAB's figures as numbers
    portfolio = start()
    first = cells(portfolio, "portfolio", "Programma", MAB)
    second = cells(portfolio, "column:Ritme", "Programma", MAB)  # the lights table
    seen["budget"]["portfolio page"] = first["Budget"]
    seen["variance_pct"]["portfolio page"] = first["Afwijking %"]
    seen["forecast"]["portfolio page"] = second["Prognose"]
    seen["spent"]["portfolio page"] = second["Besteed/verplicht"]
    seen["variance"]["portfolio page"] = second["Afwijking"]
    seen["share_spent"]["portfolio page"] = second["Besteed van budget"]

    # the overview's tiles: the compact amounts, the shares; the exact amount in each tile's help
    overview = start(programme=MAB)
    tiles = {m.label: m for m in overview.metric}
    for name, label in (("budget", "Budget"), ("spent", "Besteed/verplicht"), ("forecast", "Prognose")):
        seen[name]["overview tile"] = tiles[label].value
        seen[name]["overview tile help"] = tiles[label].proto.help.split(" · ")[0]
    seen["variance"]["overview tile"] = tiles["Afwijking"].value
    seen["variance"]["overview tile help"] = tiles["Afwijking"].proto.help.split(" · ")[0]
    seen["share_spent"]["overview tile"] = tiles["Besteed van budget"].value
    (caption,) = [c.value for c in overview.caption if "van het budget" in c.value]
    seen["variance_pct"]["overview tile"] = caption.split(" van het budget")[0]
    assert not tiles["Afwijking"].proto.delta  # the small line under a tile is a move, never the variance %

    # the exported workbooks (the portfolio's and the report's) and the report's CSV
    book = openpyxl.load_workbook(io.BytesIO(export.portfolio_file(con, "nl")))
    sheet = book["Portfolio"]
    header = [c.value for c in sheet[1]]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[header.index("Programma")].value == MAB]
    for name, label in (
        ("budget", "Budget"),
        ("spent", "Besteed/verplicht"),
        ("forecast", "Prognose"),
        ("variance", "Afwijking"),
        ("variance_pct", "Afwijking %"),
        ("share_spent", "Besteed van budget"),
    ):
        seen[name]["portfolio workbook"] = excel_text(row[header.index(label)])

    # the written report (Word): the summary's sentences and the totals row of its table
    document = docx.Document(io.BytesIO(progress_report.generate(con, report_id, "docx")))
    text = " ".join(p.text for p in document.paragraphs).replace("\xa0", " ")
    said = re.search(
        r"Samen: budget (€ [\d.]+), besteed/verplicht (€ [\d.]+) \(([\d,]+%) van het budget\), prognose (€ [\d.]+)\.",
        text,
    )
    seen["budget"]["written report"], seen["spent"]["written report"] = said[1], said[2]
    seen["share_spent"]["written report"], seen["forecast"]["written report"] = said[3], said[4]
    under = re.search(r"De prognose ligt (€ [\d.]+) \(([\d,]+%)\) onder het budget", text)
    seen["variance"]["written report"] = "€ -" + under[1].removeprefix("€ ")
    seen["variance_pct"]["written report"] = "-" + under[2]
    ((overview, total),) = [(t, r) for t in document.tables for r in t.rows if r.cells[0].text == "Totaal"]
    table = {overview.rows[0].cells[i].text: c.text.replace("\xa0", " ") for i, c in enumerate(total.cells)}
    for name, label in (("budget", "Budget"), ("spent", "Besteed/verplicht"), ("forecast", "Prognose")):
        seen[name]["written report table"] = table[label]
    seen["variance"]["written report table"] = table["Afwijking"]

    for name, places in seen.items():
        expected = WRITTEN[name]
        allowed = set(expected) if isinstance(expected, tuple) else {expected}
        assert set(places.values()) <= allowed, (name, places)
        if isinstance(expected, tuple):  # one compact and one exact writing of the same amount, no other
            assert {v for v in places.values() if v.endswith("k")} == {expected[0]}, (name, places)


def test_a_lines_share_has_one_value_in_its_table_on_its_tile_and_in_the_exports(mab):
    """-15.000 / 1.105.000 = -1,357%: the lines table cut it to -1,3% where the tile said -1,4%."""
    con, report_id = mab
    seen = {}
    lines = start("pages/lines.py", programme=MAB)
    seen["lines table"] = cells(lines, "lines_table", "Programmalijn", LINE)["Afwijking %"]
    filtered = start(programme=MAB, line=LINE)
    (caption,) = [c.value for c in filtered.caption if "van het budget" in c.value]
    seen["overview tile"] = caption.split(" van het budget")[0]
    book = openpyxl.load_workbook(io.BytesIO(export.export_file(con, report_id, "xlsx", "nl")))
    sheet = book["Programmalijnen"]
    header = [c.value for c in sheet[1]]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == LINE]
    seen["workbook"] = excel_text(row[header.index("Afwijking %")])
    document = docx.Document(io.BytesIO(progress_report.generate(con, report_id, "docx")))
    assert not any("1,3%" in p.text for p in document.paragraphs)
    assert set(seen.values()) == {"-1,4%"}, seen


def test_a_storys_share_has_one_value_in_the_attention_table_the_csv_and_the_written_report(mab):
    """Story 2: forecast € 160.000 on a budget of € 145.000, +10,345%."""
    con, report_id = mab
    overview = start(programme=MAB)
    table = cells(overview, "attention", "Nr", "2")["Afwijking %"]
    rows = list(
        csv.reader(io.StringIO(export.export_file(con, report_id, "csv", "nl").decode("utf-8-sig")), delimiter=";")
    )
    (story,) = [r for r in rows[1:] if r[0] == "2"]
    held = float(story[rows[0].index("Afwijking %")].replace(",", "."))
    assert math.isclose(held, 0.103)  # the CSV holds the share as it is written, not 0,10344827...
    document = docx.Document(io.BytesIO(progress_report.generate(con, report_id, "docx")))
    text = " ".join(p.text for p in document.paragraphs)
    assert "(+10,3%)" in text and "10,4%" not in text
    assert table == "10,3%" == f"{_dutch(f'{held * 100:.1f}')}%"
    assert no_sign("+10,3%") == table


def test_the_compare_page_and_the_overview_write_the_same_amounts(mab):
    """OWO's latest quarter against the one before: the compare page's tiles say what the overview's say
    (they said € 936,5k where the overview said € 937k)."""
    owo = "OWO Informatiseringsjaarplan (illustratie)"
    overview = {m.label: m for m in start(programme=owo).metric}
    compare = {m.label: m for m in start("pages/compare.py", programme=owo).metric}
    for label in ("Budget", "Besteed/verplicht", "Prognose"):
        assert compare[label].value == overview[label].value, label
        assert compare[label].proto.delta == overview[label].proto.delta.removesuffix(" t.o.v. vorige"), label
