"""Amounts as controllers' spreadsheets write them, in full currency units; missing is never zero."""

import pytest

from portfolio.amounts import EN, NL, NotAnAmount, detect_locale, header_unit, parse_amount


@pytest.mark.parametrize(
    ("cell", "locale", "multiplier", "expected"),
    [
        ("€ 2.500,00", NL, 1, 2500.0),
        ("€250k", NL, 1, 250_000.0),
        ("2,5", NL, 1000, 2500.0),
        ("(1.200)", NL, 1, -1200.0),
        ("0€k", NL, 1, 0.0),
        ("100€k", NL, 1, 100_000.0),
        ("€2,5 k", NL, 1, 2500.0),
        ("€ 31k", NL, 1, 31_000.0),
        ("1.000", NL, 1, 1000.0),  # DuckDB's sniffer would read 1.0 here
        ("18500.00", EN, 1, 18500.0),  # one BI tool turns this into 1850000
        ("1,234.5", EN, 1, 1234.5),
        ("£2.61", EN, 1_000_000, 2_610_000.0),
        ("-/- 750", NL, 1, -750.0),
        ("1.200,-", NL, 1, 1200.0),
        (2.5, NL, 1000, 2500.0),
        (0, NL, 1000, 0.0),
    ],
)
def test_amount_cells_become_full_currency_units(cell, locale, multiplier, expected):
    assert parse_amount(cell, locale, multiplier) == expected


@pytest.mark.parametrize("cell", [None, "", "  ", "-", float("nan")])
def test_blank_cells_are_missing_not_zero(cell):
    assert parse_amount(cell) is None


@pytest.mark.parametrize("cell", ["n.v.t.", "pm", "Exempt under Section 43", "TBD", "1.2.3,4,5"])
def test_text_in_an_amount_cell_is_refused_as_an_amount(cell):
    with pytest.raises(NotAnAmount):
        parse_amount(cell, NL)


@pytest.mark.parametrize(
    ("header", "multiplier", "currency"),
    [
        ("Budget\n(€ k)", 1000, "EUR"),
        ("Begroting (EUR k)", 1000, "EUR"),
        ("Prognose x1000", 1000, None),
        ("Kosten x € 1.000", 1000, "EUR"),
        ("Bedrag (mln)", 1_000_000, None),
        ("Financial Year Baseline (£m) (including Non-Government Costs)", 1_000_000, "GBP"),
        ("Planned Cost ($ M)", 1_000_000, "USD"),
        ("Budget", 1, None),
        ("Besteed (€)", 1, "EUR"),
    ],
)
def test_units_declared_in_headers(header, multiplier, currency):
    unit = header_unit(header)
    assert (unit.multiplier, unit.currency) == (multiplier, currency)


def test_locale_is_detected_from_unambiguous_samples():
    assert detect_locale(["1.000", "2.500,00", "3,5"]) == NL
    assert detect_locale(["1,000.50", "2.5", "18500.00"]) == EN
    assert detect_locale(["1000", "250"], default=EN) == EN
