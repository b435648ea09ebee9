"""Amounts as controllers' spreadsheets write them, in full currency units; missing is never zero."""

import random
import struct
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portfolio import amounts, ingest
from portfolio.amounts import EN, NL, NotAnAmount, header_unit, parse_amount


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


@given(st.integers(1, 10**11), st.sampled_from(["", "€ ", "EUR "]), st.booleans())
def test_a_minus_behind_the_figure_is_a_negative_and_a_dash_behind_a_comma_whole_euros(cents, sign, spaced):
    """SAP and other ledgers write a negative '1.234,56-'; before, the minus was dropped as if it were the
    Dutch '1.200,-' (whole euros), and a correction of -1.234,56 was read as +1.234,56, without a word."""
    whole, fraction = divmod(cents, 100)
    grouped = f"{whole:,}".replace(",", ".")
    behind = " -" if spaced else "-"
    assert parse_amount(f"{sign}{grouped},{fraction:02d}{behind}", NL) == -cents / 100
    assert parse_amount(f"{sign}{grouped}{behind}", NL) == -whole
    assert parse_amount(f"{sign}{grouped},-", NL) == whole
    assert parse_amount(f"{whole:,}.{fraction:02d}-", EN) == -cents / 100
    for doubled in (f"({grouped}-)", f"-{grouped}-"):  # two signs: refused, not guessed
        with pytest.raises(NotAnAmount):
            parse_amount(doubled, NL)


def test_a_ledger_export_with_minuses_behind_the_figures_keeps_its_negatives_and_says_so():
    from portfolio import ingest

    text = "Project;Budget;Realisatie;Prognose\nA;1.234,50-;100;1.000\nB;2.000;200-;2.100\n"
    parsed = ingest.parse_export(text.encode(), "sap.csv", programme="X", report_date="2025-06-30")
    [report] = parsed.reports
    assert report.stories["budget"].tolist() == [-1234.5, 2000.0]
    assert report.stories["spent"].tolist() == [100.0, -200.0]
    assert [p.key for p in parsed.problems if p.level == "warning"].count("negative_amount") == 2


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
    assert _sampled_vote(["1.000", "2.500,00", "3,5"], NL) == NL
    assert _sampled_vote(["1,000.50", "2.5", "18500.00"], NL) == EN
    assert _sampled_vote(["1000", "250"], EN) == EN


def _full_vote(cells, default):
    """The notation by every cell voting on its own, as detect_locale did before it sampled."""
    votes = {NL: 0, EN: 0}
    for cell in cells:
        vote = amounts._locale_vote(cell)
        if vote is not None:
            votes[vote] += 1
    if votes[NL] == votes[EN]:
        return default
    return NL if votes[NL] > votes[EN] else EN


def _sampled_vote(cells, default):
    """detect_locale_texts on the distinct cells with their counts, as ingest calls it."""
    counter = Counter(cells)
    return amounts.detect_locale_texts(list(counter), np.array(list(counter.values()), dtype=np.int64), default)


def _generated_columns():
    rng = random.Random(2026)
    plain = [str(rng.randint(0, 10**7)) for _ in range(6_000)]  # vote for neither notation
    yield "plain integers", plain
    yield (
        "'1.000' style only (NL thousands)",
        [f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}" for _ in range(5_000)],
    )
    yield (
        "'1,000' style only (EN thousands)",
        [f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}" for _ in range(5_000)],
    )
    nl = [f"€ {rng.randint(1, 999)}.{rng.randint(0, 999):03d},{rng.randint(0, 99):02d}" for _ in range(3_000)]
    en = [f"${rng.randint(1, 999)},{rng.randint(0, 999):03d}.{rng.randint(0, 99):02d}" for _ in range(3_000)]
    yield "mixed, NL ahead", nl + en[:2_900] + plain
    yield "mixed, EN ahead", nl[:2_900] + en + plain
    yield "mixed, a tie", nl[:2_000] + en[:2_000] + plain
    yield "repeated euro amounts (the sample decides)", nl[:100] * 100 + en[:50] * 20 + plain
    # frequent ambiguous-looking values up front, a few unambiguous ones deep in a large column
    frequent = ["1.000"] * 400 + ["2.500"] * 300 + ["1000"] * 2_000
    yield "few NL deep down", frequent + plain * 3 + ["12,5", "3,75"]
    yield "few EN deep down", ["1000", "250"] * 1_000 + plain * 3 + ["12.5", "3.75", "0.5"]
    yield "EN deep down outvotes frequent NL", ["1.000"] * 3 + plain * 3 + [f"{i}.{i % 100:02d}" for i in range(10, 20)]
    tricky = ["1.2.3,4,5", "1,234.5", "1.200,-", "(1.200)", "1.23456", "1,23456", "n.v.t.", "", "١٢٣.٤٥", "１,２３"]
    yield "tricky texts", [rng.choice(tricky) for _ in range(4_000)] + plain
    for seed in range(20):  # random mixes of every kind, most of them repeated
        r = random.Random(seed)
        pool = r.sample(nl, 50) + r.sample(en, 50) + r.sample(plain, 3_000) + tricky
        yield f"random mix {seed}", [r.choice(pool) for _ in range(r.randint(2_500, 12_000))]


@pytest.mark.parametrize("default", [NL, EN])
def test_the_sampled_locale_is_the_vote_of_every_cell(default):
    for name, cells in _generated_columns():
        assert len(set(cells)) > amounts._LOCALE_SAMPLE or name.startswith(("'", "tricky", "random")), name
        expected = _full_vote(cells, default)
        assert _sampled_vote(cells, default) == expected, name


def test_a_dutch_column_of_thousands_is_dutch_however_the_sample_falls():
    """'123.000' reads either way (a thousands group, or three decimals): it decides nothing on its own. Beside
    plain integers of up to a million, the thousands reading is the one of their size."""
    rng = random.Random(7)
    cells = [f"{rng.randint(1, 999)}.000" for _ in range(50_000)] + [str(rng.randint(0, 10**6)) for _ in range(50_000)]
    rng.shuffle(cells)
    counter = Counter(cells)
    texts, counts = list(counter), np.array(list(counter.values()), dtype=np.int64)
    assert amounts.locale_of_texts(texts, counts, EN) == (EN, False)  # undecided: the default, and said so
    locale, example, by_sizes = amounts.assumed_locale(texts, counts, EN)
    assert locale == NL and amounts.AMBIGUOUS.fullmatch(example) and by_sizes


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([".", ","]),
    st.booleans(),
    st.lists(st.integers(1000, 999_999), min_size=1, max_size=8),
    st.lists(st.integers(1, 999), min_size=1, max_size=8),
)
def test_figures_that_read_either_way_take_the_size_of_the_plain_figures_beside_them(mark, grouping, big, small):
    """A column of '1.250's and plain integers: as thousands when the integers are thousands (1250 beside
    125000), as three decimals when they are small (1.25 beside 12). Before, '1.250' always voted Dutch, and an
    English '£m' file of them came out 1000x too large, without a word; now the figures follow the evidence
    and the assumption is said."""
    if grouping:  # '1.250' = 1250 beside integers of the same size (the same figures, written plain)
        cells = [f"{x // 1000}{mark}{x % 1000:03d}" for x in big] + [str(x) for x in reversed(big)]
        meant = [float(x) for x in big] + [float(x) for x in reversed(big)]
    else:  # '1.250' = 1.25 beside integers of the same size
        cells = [f"{a}{mark}{b % 1000:03d}" for a, b in zip(small, big, strict=False)] + [str(x) for x in small]
        meant = [round(float(f"{a}.{b % 1000:03d}"), 2) for a, b in zip(small, big, strict=False)]
        meant += [float(x) for x in small]
    lines = ["Nr;Project;Budget"] + [f"{i};P{i};{c}" for i, c in enumerate(cells, 1)]
    parsed = ingest.parse_export("\n".join(lines).encode(), "x.csv", programme="P", report_date="2025-06-30")
    assert parsed.errors == []
    assert parsed.reports[0].stories["budget"].tolist() == meant
    said = [p for p in parsed.problems if p.key.startswith("locale_assumed")]
    assert [p.key for p in said] == ["locale_assumed_grouping" if grouping else "locale_assumed_decimal"]
    # a note where the sizes agree with what a ';' file usually means (Dutch: '.' groups), else a warning
    assert said[0].level == ("info" if (mark == ".") == grouping else "warning")


def test_an_english_file_of_millions_with_three_decimals_is_not_read_1000_times_too_large():
    text = "Project,Budget (£m),Forecast (£m)\nA,1.250,1.300\nB,2.500,2.125\nC,3.125,3.250\n"
    parsed = ingest.parse_export(text.encode(), "gmpp.csv", programme="P", report_date="2025-06-30")
    assert parsed.locale == EN and parsed.reports[0].totals()["budget"] == 6_875_000.0
    [said] = [p for p in parsed.warnings if p.key.startswith("locale_assumed")]
    assert said.key == "locale_assumed_decimal" and said.params["value"] in {"1.250", "2.500", "3.125"}


def test_the_bulk_vote_reads_every_text_as_the_vote_one_by_one():
    rng = random.Random(3)
    texts = ["".join(rng.choice("0123456789.,, .€$-()k١") for _ in range(rng.randint(0, 12))) for _ in range(30_000)]
    texts += ["١٢٣.٤٥", "１,２３", ".,", ",.", "12,345.6,7", "1.000\n", "1'000.50", "1 000,5", "x\u2212 12,5"]
    expected = [amounts._VOTE_CODE[amounts._locale_vote(t)] for t in texts]
    assert amounts._locale_votes(texts).tolist() == expected


@pytest.mark.parametrize(
    ("cell", "locale", "multiplier", "expected"),
    [("6.96E-04", "en", 1_000_000, 696.0), ("2.00E-06", "en", 1_000_000, 2.0), ("1,5e3", "nl", 1, 1500.0),
     ("-1.2E+02", "en", 1, -120.0), ("(2.5E3)", "en", 1, -2500.0)],
)  # fmt: skip
def test_scientific_notation_as_text_exports_write_small_amounts(cell, locale, multiplier, expected):
    """The US IT dashboard writes $0.000696M as '6.96E-04': that is $696, not a missing amount."""
    assert parse_amount(cell, locale, multiplier) == expected
    assert amounts.parse_amounts([cell] * 1200, locale, multiplier)[0] == expected  # the many-texts path too


@pytest.mark.parametrize(
    ("header", "multiplier", "currency"),
    [  # the unit grammar: multiplier and currency in any order, as people write them (issue 19, item 4)
        ("Realisatie (*Eu 1000)", 1000, "EUR"),
        ("Budget x €1.000", 1000, "EUR"),
        ("Budget × 1000", 1000, None),
        ("Budget * 1000", 1000, None),
        ("Budget (000s)", 1000, None),
        ("Budget £'000", 1000, "GBP"),
        ("Bedragen in duizenden euro", 1000, "EUR"),
        ("Budget EUR 1000", 1000, "EUR"),
        ("Budget k€", 1000, "EUR"),
        ("Budget € mln", 1_000_000, "EUR"),
        ("Begroting mld", 1_000_000_000, None),
        ("Forecast £m", 1_000_000, "GBP"),
        ("Kosten (T€)", 1000, "EUR"),
        ("Cost bn", 1_000_000_000, None),
        ("Budget x 10.000", 10_000, None),
        ("Budget (C$ M)", 1_000_000, "CAD"),
        ("Budget (A$)", 1, "AUD"),
        ("Budget 2024", 1, None),
        ("Fase m", 1, None),
    ],
)
def test_a_unit_is_read_from_its_words_in_any_order(header, multiplier, currency):
    unit = header_unit(header)
    assert (unit.multiplier, unit.currency) == (multiplier, currency)
    assert unit.unread is None


@pytest.mark.parametrize("header", ["Budget ($ M)", "Planned Cost ($)", "Budget (in dollars)"])
def test_a_bare_dollar_is_read_as_usd_and_marked_a_guess(header):
    unit = header_unit(header)
    assert (unit.currency, unit.assumed) == ("USD", True)


@pytest.mark.parametrize("header", ["Budget (x 1,5)", "Prognose x 2,5"])
def test_unit_like_text_that_is_not_understood_is_returned_never_ignored(header):
    unit = header_unit(header)
    assert unit.multiplier == 1 and unit.unread


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(
        st.one_of(
            st.none(),
            st.floats(allow_nan=True, allow_infinity=True),
            st.integers(-(10**9), 10**9).map(lambda c: c / 100),
            st.integers(-(10**6), 10**6).map(lambda c: c / 1000),
            st.sampled_from([0.0, -0.0, 1e13, 1e13 - 0.01, 2.675, 0.125, 1e300]),
        ),
        min_size=1,
        max_size=60,
    ),
    multiplier=st.sampled_from([1, 1000, 1_000_000]),
)
def test_a_workbooks_floats_at_once_are_each_float_read_alone(cells, multiplier):
    """amounts._parse_floats (a column of floats in numpy) gives, to the bit, what _parse_other gives each."""
    from portfolio.amounts import _parse_floats, _parse_other

    def bits(values):
        return [None if v is None else (type(v), struct.pack("<d", v)) for v in values]

    assert bits(_parse_floats(cells, multiplier)) == bits([_parse_other(c, NL, multiplier) for c in cells])
