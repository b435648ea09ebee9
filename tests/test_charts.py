"""The figures the pages show, read back from the plotly objects: what is plotted, in which order,
and that missing amounts stay gaps."""

import math

import numpy as np
import pandas as pd
import pytest

from portfolio import analysis, charts, fmt


def stories_frame(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    budget = rng.integers(10_000, 100_000, n).astype(float)
    forecast = budget * rng.uniform(0.8, 1.3, n)
    forecast[::9] = np.nan  # some stories give no forecast
    forecast[5] = budget[5]  # one exactly on budget
    return pd.DataFrame(
        {
            "code": [f"S{i}" for i in range(n)],
            "title": [f"Story <b>{i}</b>" for i in range(n)],
            "budget": budget,
            "forecast": forecast,
            "variance": forecast - budget,
            "status_note": ["x"] * n,
        }
    )


def test_variance_per_story_shows_the_largest_overruns_first_and_leaves_out_missing_and_zero():
    frame = stories_frame(300)
    figure = charts.variance_by_story(frame, "EUR", "nl")
    bars = figure.data[0]
    known = frame[frame["variance"].notna() & (frame["variance"] != 0)]
    expected = known.sort_values("variance", ascending=False, kind="stable").head(charts.MAX_STORIES_IN_CHART)
    assert list(bars.x) == pytest.approx(expected["variance"].tolist())
    assert [label.split(" · ")[0] for label in bars.y] == expected["code"].tolist()
    assert all("<b>" not in label for label in bars.y)  # titles are escaped, never rendered as HTML
    colours = list(bars.marker.color)
    assert colours == [charts.OVERRUN_COLOUR if v > 0 else charts.UNDERRUN_COLOUR for v in expected["variance"]]
    assert charts.variance_by_story(frame.assign(variance=np.nan), "EUR", "nl") is None


def test_forecast_moves_largest_move_first_down_or_up_and_no_bar_for_no_move():
    changed = pd.DataFrame(
        {"code": list("abcde"), "title": list("ABCDE"), "forecast_move": [5.0, np.nan, -20.0, 0.0, 30.0]}
    )
    bars = charts.forecast_moves(changed, "EUR", "en").data[0]
    assert list(bars.x) == [30.0, -20.0, 5.0]  # by size: the 20 down before the 5 up; 0 and unknown: no bar
    assert [label.split(" · ")[0] for label in bars.y] == ["e", "c", "a"]


def test_a_small_forecast_move_is_drawn_small_against_its_forecast():
    """OWO's story 17-03: forecast € 172.000 -> € 178.000. The € 6k bar must not fill the chart: the
    axis is the move, in money, and spans at least a quarter of the largest forecast moved."""
    changed = pd.DataFrame(
        {
            "code": ["17-03"],
            "title": ["Zaakgericht werken, fase 1"],
            "forecast_old": [172_000.0],
            "forecast_new": [178_000.0],
            "forecast_move": [6_000.0],
        }
    )
    figure = charts.forecast_moves(changed, "EUR", "nl")
    low, high = figure.layout.xaxis.range
    assert high - low >= charts.MOVE_SCALE_SHARE * 178_000  # at least € 44.500 across
    assert 6_000 / (high - low) < 0.2  # the bar is under a fifth of the axis
    assert low < 0 < high  # zero is on the axis, the bar starts at it
    assert figure.layout.xaxis.showticklabels is not False and figure.layout.xaxis.ticktext  # amounts shown
    assert all(text.startswith("€") for text in figure.layout.xaxis.ticktext)
    assert "172.000" in figure.data[0].hovertext[0] and "178.000" in figure.data[0].hovertext[0]
    # a move as large as its forecast still fits, with room for its label
    big = changed.assign(forecast_old=[10_000.0], forecast_new=[100_000.0], forecast_move=[90_000.0])
    low, high = charts.forecast_moves(big, "EUR", "nl").layout.xaxis.range
    assert high >= 90_000 * 1.2


def test_measures_per_group_keep_missing_as_gaps_and_say_how_many_stories_gave_them():
    rollup = pd.DataFrame(
        {
            "group_name": ["L1", ""],
            "budget": [300.0, np.nan],
            "spent": [90.0, np.nan],
            "forecast": [370.0, np.nan],
            "n_budget": [3, 0],
            "n_spent": [2, 0],
            "n_forecast": [2, 0],
            "n_stories": [3, 1],
        }
    )
    figure = charts.measures_by_group(rollup, "Lijn", "(geen lijn)", "EUR", "nl")
    budget = next(tr for tr in figure.data if tr.name == "Budget")
    assert list(budget.x) == [300.0, None]  # a gap, not a zero bar
    assert list(budget.y) == ["L1", "(geen lijn)"]
    assert "3 van 3" in budget.hovertext[0] and "0 van 1" in budget.hovertext[1]
    assert charts.measures_by_group(rollup.iloc[1:], "Lijn", "-", "EUR", "nl") is None  # nothing known at all


@pytest.mark.parametrize(
    "low, high", [(0.0, 2_315_000.0), (-120_000.0, 950_000.0), (0.0, 7.5), (-3e7, -1e6), (0.0, 0.0)]
)
def test_money_axis_covers_the_data_with_round_ticks_written_as_money(low, high):
    axis = charts.money_axis(low, high, "EUR", "nl")
    ticks = axis["tickvals"]
    assert ticks[0] <= min(0.0, low) and ticks[-1] >= max(0.0, high)
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) <= 1 and len(ticks) <= 7
    if steps:
        step = steps.pop()
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert round(mantissa, 6) in (1, 2, 2.5, 5)
    assert axis["ticktext"] == [fmt.money(v, "EUR", "nl") for v in ticks]


def test_quarterly_chart_stacks_spent_under_remaining_per_quarter_and_budget_year():
    by_period = pd.DataFrame(
        {
            "report_id": [1, 1, 2, 2, 3],
            "report_date": pd.to_datetime(["2024-03-31"] * 2 + ["2024-06-30"] * 2 + ["2025-03-31"]),
            "period_class": ["earlier", "current", "earlier", "current", "earlier"],
            "n_stories": [2, 3, 2, 3, 5],
            "budget": [100.0, 300.0, 100.0, 300.0, 400.0],
            "spent": [40.0, 30.0, 60.0, 90.0, np.nan],
            "forecast": [100.0, 300.0, 100.0, 300.0, 400.0],
            "remaining": [60.0, 270.0, 40.0, 210.0, np.nan],
            "n_budget": [2, 3, 2, 3, 5],
            "n_spent": [2, 3, 2, 3, 0],
            "n_forecast": [2, 3, 2, 3, 5],
            "n_remaining": [2, 3, 2, 3, 0],
        }
    )
    view = analysis.quarterly(by_period)
    figure = charts.quarterly(view, "EUR", "en")
    spent, remaining = figure.data
    assert (spent.name, remaining.name) == ("Spent/committed", "Remaining budget")
    assert figure.layout.barmode == "relative"
    quarters, classes = spent.x
    assert list(quarters) == ["Q1 2024", "Q1 2024", "Q2 2024", "Q2 2024", "Q1 2025"]
    assert list(classes) == ["carried over", "this year", "carried over", "this year", "carried over"]
    assert list(spent.y) == [40.0, 30.0, 60.0, 90.0, None]  # Q1 2025 gave no spent: a gap
    assert list(remaining.y) == [60.0, 270.0, 40.0, 210.0, None]
    assert "0 of 5" in spent.hovertext[-1]
    assert remaining.marker.pattern.shape == "/"  # told apart by pattern, not by colour alone
    assert charts.quarterly(view.iloc[0:0], "EUR", "en") is None


def test_the_light_chart_has_a_few_whole_number_ticks_not_one_per_count():
    # 306 stories in one line: one label per count would be 306 overlapping labels
    rollup = pd.DataFrame(
        {
            "group_name": ["A", "B"],
            "n_red": [100, 1],
            "n_amber": [50, 0],
            "n_green": [150, 2],
            "n_unknown": [6, 0],
        }
    )
    axis = charts.status_by_group(rollup, "(none)", "en").layout.xaxis
    assert axis.dtick != 1 and float(axis.dtick).is_integer() and axis.tick0 == 0
    assert axis.tickformat == "d"
    ticks = math.floor(306 / axis.dtick) + 1  # 0, dtick, 2*dtick, ... up to the longest bar
    assert 3 <= ticks <= charts.MAX_TICKS + 1
    assert ticks * axis.dtick > 306  # the ticks reach past the longest bar
    # small counts still step by one, never by halves
    small = charts.status_by_group(rollup.assign(n_red=[2, 1], n_amber=0, n_green=[1, 0], n_unknown=0), "-", "en")
    assert small.layout.xaxis.dtick == 1


@pytest.mark.parametrize("reports", [2, 5, 50])
def test_the_trend_has_few_short_level_date_labels_on_a_date_axis(reports):
    dates = pd.date_range("2020-01-31", periods=reports, freq="ME")
    frame = pd.DataFrame(
        {"report_date": dates, "budget": np.linspace(100, 200, reports), "spent": np.nan, "forecast": 150.0}
    )
    figure = charts.trend(frame, "EUR", "nl")
    axis = figure.layout.xaxis
    assert axis.type == "date" and axis.tickangle == 0
    assert 2 <= len(axis.tickvals) <= 6 and len(axis.ticktext) == len(axis.tickvals)
    assert axis.tickvals[0] == "2020-01-31" and axis.tickvals[-1] == dates[-1].strftime("%Y-%m-%d")
    assert all(len(label) <= 8 for label in axis.ticktext)  # 'mrt 2024', not '31 maart 2024'
    assert axis.ticktext[0] == "jan 2020"
    # every report is still a point; the hover names the full date
    budget = figure.data[0]
    assert list(budget.x) == [d.strftime("%Y-%m-%d") for d in dates]
    assert budget.customdata[0] == fmt.date(dates[0], "nl") and "%{customdata}" in budget.hovertemplate
    march = pd.Timestamp("2020-03-31")
    assert charts.short_date(march, "nl") == "mrt 2020" and charts.short_date(march, "en") == "Mar 2020"


# --- contrast (WCAG 2.1 AA: 4.5:1 for text) ----------------------------------------------------------


def wcag_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance, written out here independently of portfolio.charts."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def wcag_ratio(first: str, second: str) -> float:
    high, low = sorted((wcag_luminance(first), wcag_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour: str, background: str, opacity: float) -> str:
    """`colour` painted at `opacity` over `background`, as '#RRGGBB'."""
    top, bottom = ([int(c.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)] for c in (colour, background))
    return "#" + "".join(f"{round(opacity * a + (1 - opacity) * b):02X}" for a, b in zip(top, bottom))


def test_the_contrast_formula_gives_the_known_wcag_figures():
    assert wcag_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert wcag_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white
    assert wcag_ratio("#808495", "#FFFFFF") == pytest.approx(3.72, abs=0.01)  # Streamlit's chart grey
    assert wcag_ratio("#FFFFFF", "#009E73") == pytest.approx(3.42, abs=0.01)  # plotly's label on the green
    for colour in [*charts.STATUS_COLOURS.values(), *charts.MEASURE_COLOURS.values(), "#808495"]:
        assert charts.contrast_ratio(colour, "#FFFFFF") == pytest.approx(wcag_ratio(colour, "#FFFFFF"))
    assert over("#FFFFFF", "#0F4C81", 0.35) == "#638BAD"


def every_chart() -> dict:
    """Each figure the pages draw, from small frames with every light and both signs."""
    rollup = pd.DataFrame(
        {
            "group_name": ["Basis op orde", "", "Ruimte"],
            "budget": [400_000.0, 140_000.0, np.nan],
            "spent": [180_000.0, 25_000.0, np.nan],
            "forecast": [330_000.0, 150_000.0, np.nan],
            "share_spent": [0.45, 25 / 140, np.nan],
            **{f"n_{m}": [4, 2, 0] for m in ("budget", "spent", "forecast")},
            "n_stories": [4, 2, 1],
            "n_red": [1, 0, 1],
            "n_amber": [1, 1, 0],
            "n_green": [2, 0, 0],
            "n_unknown": [0, 1, 0],
        }
    )
    stories = stories_frame(30)
    changed = pd.DataFrame({"code": ["a", "b"], "title": ["A", "B"], "forecast_move": [6_000.0, -25_000.0]})
    dates = pd.date_range("2024-03-31", periods=4, freq="QE")
    history = pd.DataFrame({"report_date": dates, "budget": 100.0, "spent": [10.0, 20, 30, 40], "forecast": 110.0})
    by_period = pd.DataFrame(
        {
            "report_id": [1, 1, 2],
            "report_date": pd.to_datetime(["2024-03-31", "2024-03-31", "2024-06-30"]),
            "period_class": ["earlier", "current", "current"],
            "n_stories": [2, 3, 3],
            "budget": [100.0, 300.0, 300.0],
            "spent": [40.0, 30.0, 90.0],
            "forecast": [100.0, 300.0, 300.0],
            "remaining": [60.0, 270.0, 210.0],
            **{f"n_{m}": [2, 3, 3] for m in ("budget", "spent", "forecast", "remaining")},
        }
    )
    figures = {
        "measures": charts.measures_by_group(rollup, "Lijn", "(geen lijn)", "EUR", "nl"),
        "lights": charts.status_by_group(rollup, "(geen lijn)", "nl"),
        "share": charts.share_spent_by_group(rollup, "(geen lijn)", "nl"),
        "variance": charts.variance_by_story(stories, "EUR", "nl"),
        "moves": charts.forecast_moves(changed, "EUR", "en"),
        "trend": charts.trend(history, "EUR", "nl"),
        "quarterly": charts.quarterly(analysis.quarterly(by_period), "EUR", "en"),
    }
    assert all(figure is not None for figure in figures.values())
    return figures


def test_every_chart_text_reaches_aa_contrast_on_what_it_is_drawn_on():
    checked = 0
    for name, figure in every_chart().items():
        layout = figure.layout
        background = layout.plot_bgcolor
        assert layout.paper_bgcolor == background, name
        # axis labels, legend, titles: the layout's font unless an axis sets its own
        assert wcag_ratio(layout.font.color, background) >= 4.5, name
        for axis in (layout.xaxis, layout.yaxis):
            assert axis.tickfont.color is not None, name  # else Streamlit's theme greys it (3.7:1)
            assert wcag_ratio(axis.tickfont.color, background) >= 4.5, name
        assert wcag_ratio(layout.hoverlabel.font.color, layout.hoverlabel.bgcolor) >= 4.5, name
        for trace in figure.data:
            if trace.type != "bar" or trace.text is None:
                continue
            fills = trace.marker.color if isinstance(trace.marker.color, tuple) else [trace.marker.color]
            if trace.textposition == "outside":
                assert wcag_ratio(trace.outsidetextfont.color, background) >= 4.5, (name, trace.name)
                checked += 1
                continue
            assert trace.textposition == "inside", (name, trace.textposition)
            label = trace.insidetextfont.color
            assert label is not None, (name, trace.name)  # plotly's own pick gave 3.4:1 on the green
            pattern = trace.marker.pattern
            for fill in set(fills):
                grounds = [fill]
                if pattern.shape:  # a label may cross a stripe of the hatching
                    grounds.append(over(pattern.fgcolor, fill, pattern.fgopacity))
                for ground in grounds:
                    assert wcag_ratio(label, ground) >= 4.5, (name, trace.name, label, ground)
                    checked += 1
    assert checked == 13  # every bar trace with text was looked at (3 + 4 + 1 + 1 + 1 + 1 + 2 on a stripe)


def test_a_label_on_a_bar_takes_the_more_contrasting_of_black_and_white():
    for fill in ["#009E73", "#E69F00", "#D55E00", "#9E9E9E", "#56B4E9", "#0F4C81", "#0072B2", "#FFFF00", "#000080"]:
        label = charts.label_colour(fill)
        other = "#FFFFFF" if label == "#000000" else "#000000"
        assert wcag_ratio(label, fill) >= wcag_ratio(other, fill)
        assert wcag_ratio(label, fill) >= 4.5  # true for any fill: max(black, white) is at least 4.58


def test_the_light_chart_puts_reported_and_figure_lights_side_by_side():
    rollup = pd.DataFrame(
        {
            "group_name": ["Basis", "Digitaal"],
            "n_red": [0, 1],
            "n_amber": [2, 0],
            "n_green": [6, 3],
            "n_unknown": [0, 0],
            "n_figures_red": [1, 0],
            "n_figures_amber": [3, 1],
            "n_figures_green": [4, 2],
            "n_figures_unknown": [0, 1],
        }
    )
    figure = charts.status_by_group(rollup, "(geen lijn)", "nl")
    bars = list(zip(*figure.data[0].y))  # (group, kind) of each bar, two a group
    assert bars == [
        ("Basis", "Gemeld"),
        ("Basis", "Volgens cijfers"),
        ("Digitaal", "Gemeld"),
        ("Digitaal", "Volgens cijfers"),
    ]
    for trace, status in zip(figure.data, ("red", "amber", "green", "unknown")):
        expected = [int(rollup[f"{p}{status}"][g]) for g in range(2) for p in ("n_", "n_figures_")]
        assert list(trace.x) == expected, status
        assert list(trace.customdata) == ["Basis", "Basis", "Digitaal", "Digitaal"]  # a click opens the group
    # every bar holds all stories of its group, whichever light they have
    totals = [sum(trace.x[i] for trace in figure.data) for i in range(4)]
    assert totals == [8, 8, 4, 4]
    # without the figures' counts (an older roll-up): one bar a group, as reported
    single = charts.status_by_group(rollup.drop(columns=[c for c in rollup if "figures" in c]), "-", "en")
    assert list(single.data[0].y) == ["Basis", "Digitaal"]
