"""An export written by another department, dropped on the real upload page: the preview says which column
was taken as what and names the columns with numbers that were left out."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser

LINES = ["Peildatum: 2024-03-31", "id,name,budget_comment,yearly_budget,yearly_forecast,colour_rating,Score"] + [
    f'{i},Project {i},"The budget was revised after the tender; see the board memo of May for details.",'
    f"{i * 1000},{i * 1100},{'RAG'[i % 3]},{i}"
    for i in range(1, 8)
]


def test_an_unknown_export_shows_what_each_column_was_taken_as_and_what_was_left_out(server, page, tmp_path):
    """A controller drops a CSV whose headers nobody listed: money, light and note are found by words and
    values, the paragraph column named 'budget_comment' is not the budget, and 'Score' is named as left out."""
    export = tmp_path / "afdeling_x.csv"
    export.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    page.goto(f"{server}/upload")
    wait_for_app(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
    page.get_by_text("Kopregel op rij 2").wait_for()
    page.get_by_label("Programma (als het bestand het niet noemt)").fill("Afdeling X")
    page.keyboard.press("Enter")
    page.get_by_text("Voorbeeld: Afdeling X").wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_text("Kolomtoewijzing", exact=True).click()  # open the column mapping
    shown = {
        label: page.get_by_role("combobox", name=label, exact=True).input_value()
        for label in ("Budget", "Prognose", "Stoplicht", "Toelichting")
    }
    assert shown == {
        "Budget": "D · yearly_budget",
        "Prognose": "E · yearly_forecast",
        "Stoplicht": "F · colour_rating",
        "Toelichting": "C · budget_comment",
    }
    assert page.get_by_text("kolom G · Score: getallen").count() == 1  # named, with what it holds
    tiles = page.locator("[data-testid='stMetric']").all_inner_texts()
    assert any(tile.startswith("Budget") and "€ 28k" in tile for tile in tiles), tiles  # 1..7 x 1000
    screenshot(page, "upload-recognised")
