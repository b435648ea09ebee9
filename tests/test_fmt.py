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


def test_exact_amounts_in_full_units():
    assert fmt.money_exact(2_315_000, "EUR", "nl") == "€ 2.315.000"
    assert fmt.money_exact(2500.5, "EUR", "nl") == "€ 2.500,50"
    assert fmt.money_exact(2_315_000, "GBP", "en") == "£2,315,000"
    assert fmt.money_exact(25_000, "EUR", "nl", signed=True) == "€ +25.000"


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
