"""One reading of the currency an amount cell writes (portfolio/currencies.py, vocabulary.toml [currencies]).

The currency of the amounts, the refusal of cells in two currencies, the signs and codes a figure is read
without, a header's unit and a number format all know the same codes: '1.000 CHF' is read as Swiss francs
(never labelled euros), '1.000 CHF' beside '2.000 EUR' is refused as '€' beside '$' is, and a code inside a
word or away from any figure is no currency. A bare '$' stays a guess, said out loud.

Every expected figure is computed here from the numbers the test writes, never by the package's parsing.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from portfolio import ingest
from portfolio.amounts import _SUFFIX_UNITS, NL, NotAnAmount, header_unit, parse_amount
from portfolio.currencies import CODES, MULTIPLIERS, SIGNS, cell_currency
from portfolio.ingest.formats import format_currency
from tests.exports import workbook_bytes

# How a cell writes the currency beside a Dutch figure: the code before or after it, with or without a
# space, in any case; and the signs only one currency writes.
_FORMS = [
    "{figure} {code}",
    "{code} {figure}",
    "{figure}{code}",
    "{code}{figure}",
    "{figure} {lower}",
    "{lower} {figure}",
]
_WRITTEN = {code: [f.replace("{code}", code).replace("{lower}", code.lower()) for f in _FORMS] for code in CODES}
for _sign, _code in SIGNS.items():
    _WRITTEN[_code] += [_sign + " {figure}", _sign + "{figure}"]


def _dutch(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _cell(code: str, form: int, n: int) -> str:
    forms = _WRITTEN[code]
    return forms[form % len(forms)].format(figure=_dutch(n))


def test_every_code_and_sign_is_known_alike_by_cells_headers_formats_and_figures():
    """The table cannot drift: each code of vocabulary.toml is a cell's currency, a header's unit, a number
    format's currency, and left out of the figure it stands beside; each sign likewise."""
    for code in CODES:
        assert cell_currency(f"1.000 {code}") == (code, False)
        assert header_unit(f"Budget ({code})").currency == code
        assert header_unit(f"Budget ({code} k)").multiplier == 1000
        assert format_currency(f'#,##0 "{code}"') == (code, False)
        assert format_currency(f"[${code}] #,##0") == (code, False)
        assert parse_amount(f"1.000 {code}", NL) == parse_amount(f"{code} 1.000", NL) == 1000
    for sign, code in SIGNS.items():
        assert cell_currency(f"{sign} 1.000") == (code, False)
        assert header_unit(f"Budget ({sign} k)").currency == code
        assert parse_amount(f"{sign} 1.000", NL) == 1000


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CODES), st.integers(0, 50), st.integers(0, 10**9), st.sampled_from(["", "k", " mln"]))
def test_a_code_beside_a_figure_names_the_currency_and_leaves_the_figure_as_it_is(code, form, n, unit):
    written = _cell(code, form, n)
    cell = written.replace(_dutch(n), _dutch(n) + unit, 1)
    assert cell_currency(cell) == (code, False), cell
    assert parse_amount(cell, NL) == parse_amount(_dutch(n) + unit, NL), cell


_letters = st.text(alphabet=string.ascii_letters, min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CODES), _letters, st.booleans(), st.integers(0, 10**6))
def test_a_code_inside_a_word_is_no_currency_and_no_figure(code, letters, before, n):
    """'xCHF 1.000', '1.000 CHFx': letters glued to the code make a word, not a currency; nor an amount
    (but for a multiplier after the code, '100 EURk', and a name, '1.000 EURO': below and above)."""
    assume(before or (letters.lower() not in MULTIPLIERS and not (code + letters).lower().startswith("euro")))
    assume(not any(other in letters.upper() for other in CODES))  # 'EUREUR': a code twice (left alone)
    cell = f"{letters}{code} {_dutch(n)}" if before else f"{_dutch(n)} {code}{letters}"
    assert cell_currency(cell) is None, cell
    with pytest.raises(NotAnAmount):
        parse_amount(cell, NL)


_words = st.lists(
    st.sampled_from(["zie", "nota", "volgt", "de", "het", "bedrag", "nok", "ron", "Euro-norm"]), max_size=5
)


@settings(max_examples=100, deadline=None)
@given(_words, st.sampled_from(CODES), _words)
def test_a_code_in_a_sentence_without_a_figure_is_no_currency(first, code, last):
    """'EUR volgt', 'zie de nok': a code (or a word spelled as one) away from any figure is no currency."""
    assert cell_currency(" ".join([*first, code, *last])) is None


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(CODES), st.sampled_from(sorted(_SUFFIX_UNITS)), st.integers(0, 10**6))
def test_a_multiplier_glued_to_the_code_is_read_alike_by_the_figure_and_the_currency(code, unit, n):
    """'100 EURk' is a hundred thousand euros: the figure's multipliers and the cell's currency agree."""
    assert {u.lower() for u in _SUFFIX_UNITS} == set(MULTIPLIERS)
    cell = f"{_dutch(n)} {code}{unit}"
    assert cell_currency(cell) == (code, False), cell
    assert parse_amount(cell, NL) == parse_amount(f"{_dutch(n)}{unit}", NL)


def test_a_bare_dollar_is_us_dollars_assumed_and_the_signs_of_one_dollar_are_sure():
    assert cell_currency("$ 1,000") == ("USD", True)
    assert cell_currency("US$ 1,000") == cell_currency("1,000 USD") == ("USD", False)
    assert cell_currency("C$ 1,000") == cell_currency("CA$ 1,000") == ("CAD", False)
    assert cell_currency("A$ 1,000") == cell_currency("AU$ 1,000") == ("AUD", False)
    assert cell_currency("1.000 kr") is None  # Swedish, Norwegian, Danish or Icelandic: no reading of it
    assert cell_currency("1.000") is None and cell_currency("") is None and cell_currency(None) is None


def _export(cells: list[str], excel: bool) -> tuple[bytes, str]:
    rows = [["Nr", "Project", "Budget"]] + [[f"P{i}", f"Project {i}", cell] for i, cell in enumerate(cells, 1)]
    if excel:
        return workbook_bytes(rows), "x.xlsx"
    return "\r\n".join(";".join(row) for row in rows).encode("utf-8"), "x.csv"


_amount_cells = st.lists(st.tuples(st.integers(0, 80), st.integers(1, 10**7)), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CODES), _amount_cells, st.booleans())
def test_amounts_all_in_one_currency_are_read_in_that_currency_with_their_figures(code, cells, excel):
    """A file whose cells all write '1.000 CHF' is in Swiss francs, said as read from the cells, with the
    figures the cells write; not euros."""
    data, name = _export([_cell(code, form, n) for form, n in cells], excel)
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-12-31", locale=NL)
    assert parsed.errors == [], [p.key for p in parsed.errors]
    assert parsed.currency == code
    [said] = [p for p in parsed.problems if p.key.startswith("currency_")]
    assert (said.key, said.params["source"]) == ("currency_read", "cells")
    assert parsed.reports[0].totals()["budget"] == sum(n for _, n in cells)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(CODES), min_size=2, max_size=4, unique=True),
    _amount_cells,
    st.booleans(),
    st.booleans(),
)
def test_amounts_in_two_currencies_by_code_or_sign_are_refused_naming_both(codes, cells, excel, plain_too):
    """'1.000 CHF' on one row and '2.000 EUR' (or '€ 2.000') on another: refused, naming every currency;
    nothing loaded. Plain figures beside them change nothing."""
    written = [_cell(codes[i % len(codes)], form, n) for i, (form, n) in enumerate(cells + cells[:1] + cells[:1])]
    written += [_dutch(n) for _, n in cells] if plain_too else []
    data, name = _export(written, excel)
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-12-31", locale=NL)
    used = {codes[i % len(codes)] for i in range(len(cells) + 2)}
    assert len(used) > 1
    [refused] = [p for p in parsed.errors if p.key == "mixed_currencies"]
    assert all(f"{code} (" in refused.params["values"] for code in used), refused.params
    assert not parsed.reports


@pytest.mark.parametrize("excel", [False, True])
def test_a_bare_dollar_is_still_a_guess_said_and_beside_another_dollar_refused(excel):
    data, name = _export(["$ 1.000", "$ 2.500"], excel)
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-12-31", locale=NL)
    assert parsed.errors == [] and parsed.currency == "USD"
    assert [p.key for p in parsed.warnings if p.key.startswith("currency_")] == ["currency_assumed_dollar"]
    data, name = _export(["$ 1.000", "C$ 2.500"], excel)
    parsed = ingest.parse_export(data, name, programme="P", report_date="2024-12-31", locale=NL)
    assert [p.key for p in parsed.errors] == ["mixed_currencies"]


@pytest.mark.parametrize("excel", [False, True])
def test_a_valuta_column_with_two_of_the_newer_codes_is_refused(excel):
    rows = [["Nr", "Project", "Valuta", "Budget"], ["P1", "A", "PLN", "1.000"], ["P2", "B", "CZK", "2.000"]]
    data = workbook_bytes(rows) if excel else "\n".join(";".join(r) for r in rows).encode()
    parsed = ingest.parse_export(data, "x.xlsx" if excel else "x.csv", programme="P", report_date="2024-12-31")
    assert [p.key for p in parsed.errors] == ["mixed_currencies"]


# --- the check of many amounts at once: one text per shape --------------------------------------------------

_shape_texts = st.lists(
    st.one_of(
        st.builds(
            lambda form, code, n: form.replace("{figure}", _dutch(n)),
            st.sampled_from(sorted({f for forms in _WRITTEN.values() for f in forms})),
            st.just(None),
            st.integers(-(10**7), 10**7),
        ),
        st.builds(lambda n: f"$ {n}", st.integers(0, 10**6)),
        st.text(alphabet="0123456789 .,-€$£EURCHFusd", max_size=10),
        st.text(max_size=8),
    ),
    max_size=40,
    unique=True,
)


@settings(max_examples=300, deadline=None)
@given(texts=_shape_texts)
def test_one_text_per_shape_gives_every_currency_and_the_same_first_example(texts):
    """_mixed_cell_currencies reads one text per shape (digits as one 0, checks._by_shape): the currencies it
    sees, and the first text of each, are those of reading every text in order."""
    from portfolio.ingest.checks import MARK, _by_shape

    def first_of_each(candidates):
        seen = {}
        for text in candidates:
            found = cell_currency(text)
            if found is not None:
                seen.setdefault(found.code, text)
        return seen

    assert first_of_each(_by_shape(texts)) == first_of_each([t for t in texts if MARK.search(t)])
