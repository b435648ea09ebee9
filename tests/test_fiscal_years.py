"""Financial years and spans of years in a date column (issue 22): 'FY 2024/25', '2024/25' and 'boekjaar
2024/2025' run from 1 April to 31 March, as the UK's government years do (GMPP's 'Financial Year 2023/24');
'2024-2025' is the two calendar years; '2024-25' without a word says neither and is kept as written, with no
days. Kept as periods: never invented to a day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from portfolio.when import parse_when

YEARS = st.integers(1990, 2098)


@given(YEARS, st.sampled_from(["{y}/{n2}", "FY {y}/{n2}", "FY{y}/{n2}", "boekjaar {y}/{n4}", "FY {y}-{n2}",
                               "Financial Year {y}/{n2}", "{y}/{n4}", "{y} / {n2}"]))  # fmt: skip
def test_a_financial_year_runs_from_april_to_march(year, form):
    text = form.format(y=year, n2=f"{(year + 1) % 100:02d}", n4=year + 1)
    when = parse_when(text)
    assert (when.text, when.first, when.last) == (text, dt.date(year, 4, 1), dt.date(year + 1, 3, 31))
    assert not when.exact


@given(YEARS)
def test_two_years_with_a_dash_are_both_calendar_years(year):
    when = parse_when(f"{year}-{year + 1}")
    assert (when.first, when.last) == (dt.date(year, 1, 1), dt.date(year + 1, 12, 31))


@given(st.integers(2012, 2098), st.integers(1, 12))
def test_a_year_and_a_month_stay_a_month(year, month):
    # from 2012 on no financial year ends in a number a month can be ('2011/12' is read as the year 2011/12)
    for text in (f"{year}-{month:02d}", f"{year}/{month:02d}", f"{month:02d}/{year}"):
        when = parse_when(text)
        assert (when.first.year, when.first.month, when.first.day) == (year, month, 1), text
        assert when.last.month == month


def test_what_names_no_next_year_names_no_days():
    for text in ("2024-25", "2024/26", "2024-2026x"):
        when = parse_when(text)
        assert when.first is None and when.last is None and when.text == text
    assert parse_when("1999/00").last == dt.date(2000, 3, 31)  # across the century
