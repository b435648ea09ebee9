"""Amounts, percentages and dates as Dutch and English readers expect them."""

import numpy as np
import pytest

from portfolio import fmt


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (2_315_000, "€ 2.315k", "€2,315k"),
        (936_500, "€ 936,5k", "€936.5k"),
        (2_137_500, "€ 2.137,5k", "€2,137.5k"),
        (12_400_000, "€ 12,4 mln", "€12.4m"),
        (950, "€ 950", "€950"),
        (-177_500, "€ -177,5k", "-€177.5k"),
        (0, "€ 0", "€0"),
    ],
)
def test_compact_amounts(value, nl, en):
    assert fmt.money(value, "EUR", "nl") == nl
    assert fmt.money(value, "EUR", "en") == en


def test_millions_can_be_forced_for_large_overviews():
    assert fmt.money(2_315_000, "EUR", "nl", style="mln") == "€ 2,3 mln"
    assert fmt.money(2_315_000, "EUR", "en", style="mln") == "€2.3m"


def test_exact_amounts_in_whole_currency_units_rounded_half_up():
    assert fmt.money_exact(2_315_000, "EUR", "nl") == "€ 2.315.000"
    assert fmt.money_exact(2500.5, "EUR", "nl") == "€ 2.501"  # as a table and the workbook show it
    assert fmt.money_exact(-2500.5, "EUR", "en") == "-€2,501"  # half away from zero
    assert fmt.money_exact(2_315_000, "GBP", "en") == "£2,315,000"
    assert fmt.money_exact(25_000, "EUR", "nl", signed=True) == "€ +25.000"


def test_an_amount_as_a_file_states_it_keeps_its_cents():
    """A file's own total that is off by cents says so: the cents are the point there."""
    assert fmt.money_stated(2500.5, "EUR", "nl") == "€ 2.500,50"
    assert fmt.money_stated(2_295_000, "EUR", "en") == "€2,295,000"


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_missing_is_shown_as_missing_not_zero(missing):
    assert fmt.money(missing) == fmt.MISSING
    assert fmt.money_exact(missing) == fmt.MISSING
    assert fmt.percent(missing) == fmt.MISSING


def test_percentages_and_dates():
    assert fmt.percent(936_500 / 2_315_000, "nl") == "40,5%"
    assert fmt.percent(936_500 / 2_315_000, "en") == "40.5%"
    assert fmt.percent(0.053, "nl", signed=True) == "+5,3%"
    assert fmt.date("2018-06-15", "nl") == "15 juni 2018"
    assert fmt.date("2018-06-15", "en") == "15 June 2018"


def test_moves_put_the_sign_first_so_arrows_point_the_right_way():
    assert fmt.money_delta(-1_660_000, "EUR", "nl") == "-€ 1.660k"
    assert fmt.money_delta(15_000, "EUR", "en") == "+€15k"


def test_figures_round_half_up_on_the_decimal_they_are_written_as():
    """24.95 million is a binary 24.94999...: a tile must still say 25, as a controller rounds."""
    assert fmt.money(24_950_000.0) == "€ 25 mln"
    assert fmt.money(24_950_000.0, lang="en") == "€25m"
    assert fmt.money(2_250.0) == "€ 2,3k"  # half up, not half to even
    assert fmt.number(np.float64(0.125), 2, "en") == "0.13"


@pytest.mark.parametrize(
    ("currency", "nl", "en"),
    [
        ("EUR", "€ 2.315k", "€2,315k"),
        ("GBP", "£ 2.315k", "£2,315k"),
        ("USD", "US$ 2.315k", "US$2,315k"),  # never a bare '$' beside Canadian and Australian dollars
        ("CAD", "C$ 2.315k", "CA$2,315k"),
        ("AUD", "AU$ 2.315k", "A$2,315k"),
        ("CHF", "CHF 2.315k", "CHF 2,315k"),  # a sign of letters is set apart from the digits
    ],
)
def test_any_currency_has_its_sign_from_cldr_in_both_languages(currency, nl, en):
    assert fmt.money(2_315_000, currency, "nl") == nl
    assert fmt.money(2_315_000, currency, "en") == en
    assert fmt.money(-2_315_000, currency, "nl") == nl.replace(" ", " -", 1)
    assert fmt.money(-2_315_000, currency, "en") == "-" + en


@pytest.mark.parametrize(
    ("value", "decimals", "nl", "en"),
    [
        (-177_500 / 2_315_000, 1, "-7,7%", "-7.7%"),  # -7.667%: a table cut it to -7,6%
        (-15 / 1105, 1, "-1,4%", "-1.4%"),  # -1.357%
        (0.00125, 2, "0,13%", "0.13%"),  # half up, where Babel alone rounds half-even to 0,12%
        (-0.0765, 1, "-7,7%", "-7.7%"),  # half away from zero
        (-0.0004, 1, "0,0%", "0.0%"),  # rounds to nothing: no sign
        (12.345, 1, "1.234,5%", "1,234.5%"),
    ],
)
def test_percentages_round_half_up_in_both_languages(value, decimals, nl, en):
    assert fmt.percent(value, "nl", decimals) == nl
    assert fmt.percent(value, "en", decimals) == en


def test_a_table_holds_a_share_as_it_is_written_so_a_browser_that_cuts_shows_the_same():
    assert fmt.shown_share(-177_500 / 2_315_000) == -0.077
    assert fmt.shown_share(0.17749) == 0.177 and fmt.shown_share(0.1775) == 0.178
    assert fmt.shown_amount(2500.5) == 2501.0
    assert fmt.shown_share(None) != fmt.shown_share(None)  # missing stays missing (NaN), never 0


def test_dates_in_both_languages():
    assert fmt.date("2018-06-15", "nl") == "15 juni 2018"
    assert fmt.date("2018-03-01", "en") == "1 March 2018"
    assert fmt.short_date("2019-03-31", "nl") == "31-03-2019"
    assert fmt.short_date("2019-03-31", "en") == "31 Mar 2019"
    assert fmt.month("2024-03-01", "nl") == "mrt 2024" and fmt.month("2024-03-01", "en") == "Mar 2024"
    assert fmt.date(None) == fmt.MISSING


def test_one_decimal_per_measure():
    """The same measure has the same decimals wherever it is shown."""
    assert fmt.DECIMALS == {"amount": 0, "compact": 1, "share": 1, "rule": 0, "stated": 2}
    assert fmt.rule(0.15, "nl") == "15%"
    assert fmt.money(936_500, "EUR", "nl") == "€ 936,5k"
    assert fmt.money(936_549, "EUR", "nl") == "€ 936,5k" and fmt.money(936_550, "EUR", "nl") == "€ 936,6k"
