"""Pure chart builders: summaries in, plotly figures out, one palette for the whole app.

Status colours are the Okabe-Ito set (readable with the common colour-vision deficiencies) and never
stand alone: every light also carries an icon and a word. Text reaches WCAG 2.1 AA contrast (4.5:1):
dark grey on the white plot, and on a coloured bar black or white, whichever contrasts more
(label_colour). Figures are assembled as plain dicts and
validated once by go.Figure(...): building them step by step (add_trace, update_layout) cost about
25 ms a figure, the dict route about 1 ms (bench/bench_overview.py).
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from portfolio import fmt
from portfolio.i18n import t

STATUS_COLOURS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "unknown": "#9E9E9E"}
STATUS_BADGE = {"green": "green", "amber": "orange", "red": "red", "unknown": "gray"}  # Streamlit badge colours
STATUS_ICONS = {"green": "✔", "amber": "▲", "red": "✖", "unknown": "?"}
MEASURE_COLOURS = {"budget": "#0F4C81", "spent": "#56B4E9", "forecast": "#CC79A7"}
OVERRUN_COLOUR = "#D55E00"
UNDERRUN_COLOUR = "#0072B2"
FONT = "Source Sans Pro, Arial, sans-serif"
# Axis labels, amounts beside bars, legend and hover text, on white: 9.7:1. Set on every figure, as
# Streamlit's chart theme would otherwise draw them in its light grey #808495 (3.7:1 on white).
TEXT_COLOUR = "#444444"
BACKGROUND = "#FFFFFF"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
CHART_HEIGHT_PER_GROUP = 46
MIN_CHART_HEIGHT = 260
MAX_STORIES_IN_CHART = 20


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a '#RRGGBB' colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two '#RRGGBB' colours, 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def label_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with a bar of colour `fill` (plotly's own choice, white
    or #444 by brightness, gave 3.4:1 on the green and 3.6:1 on the grey light)."""
    return max(("#000000", "#FFFFFF"), key=lambda text: contrast_ratio(text, fill))


def status_text(status: str, lang: str = "nl") -> str:
    """'✖ Rood' / '✔ Green': icon and word, so colour is never the only signal."""
    return f"{STATUS_ICONS.get(status, '?')} {t(status if status in STATUS_ICONS else 'unknown', lang)}"


def _values(series) -> list:
    """Plain Python values for a figure; missing becomes None (a gap), never 0."""
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in series]


def _figure(
    data: list[dict], height: int, lang: str, xaxis: dict | None = None, yaxis: dict | None = None, **layout
) -> go.Figure:
    """One figure with the app's layout: font, margins, legend on top, light grid; validated once."""
    return go.Figure(
        {
            "data": data,
            "layout": {
                "height": height,
                "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
                "font": {"family": FONT, "size": 13, "color": TEXT_COLOUR},
                "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
                "plot_bgcolor": BACKGROUND,
                "paper_bgcolor": BACKGROUND,
                # dark text on white, not plotly's white or #444 on the trace's own colour
                "hoverlabel": {"font": {"family": FONT, "color": TEXT_COLOUR}, "bgcolor": BACKGROUND},
                "separators": ",." if lang == "nl" else ".,",
                "xaxis": {
                    "gridcolor": "#E5E5E5",
                    "zerolinecolor": "#BDBDBD",
                    "title": {"text": None},
                    "tickfont": {"color": TEXT_COLOUR},
                    **(xaxis or {}),
                },
                "yaxis": {"title": {"text": None}, "tickfont": {"color": TEXT_COLOUR}, **(yaxis or {})},
                **layout,
            },
        }
    )


def _wrap(label: str, width: int = 38) -> str:
    """A label for a chart axis, broken into lines; its text is HTML-escaped, as plotly renders HTML tags."""
    words, lines, line = html.escape(str(label)).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def _group_names(rollup: pd.DataFrame, empty_label: str) -> list[str]:
    return [_wrap(n) if n else empty_label for n in rollup["group_name"]]


def money_axis(low: float, high: float, currency: str, lang: str = "nl", ticks: int = 5) -> dict:
    """An amount axis with round ticks labelled as the rest of the app writes money ('€ 500k',
    '€ 1,5 mln'), not plotly's SI suffixes ('500k', '1.5M')."""
    low, high = min(0.0, low), max(0.0, high)
    span = (high - low) or 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    values = [first + i * step for i in range(int(math.ceil((high - first) / step)) + 1)]
    return {
        "tickvals": values,
        "ticktext": [fmt.money(v, currency, lang) for v in values],
        "range": [values[0], values[-1] + 0.02 * span],
        "gridcolor": "#E5E5E5",
        "tickfont": {"color": TEXT_COLOUR},
    }


MAX_TICKS = 8


def count_axis(high: int, ticks: int = MAX_TICKS) -> dict:
    """A count axis with at most `ticks` + 1 whole-number ticks (1, 2, 5, 10, 20, 50, ... apart): one
    label per count would have plotly lay out hundreds of overlapping labels on a large programme."""
    raw = max(1.0, high / ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(int(m * magnitude) for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return {"tick0": 0, "dtick": step, "tickformat": "d"}


def date_ticks(dates: list, lang: str = "nl", ticks: int = 6) -> dict:
    """At most `ticks` evenly spread report dates as short, level labels ('mrt 2024' / 'Mar 2024'):
    not one rotated full date per report."""
    if not dates:
        return {}
    count = min(ticks, len(dates))
    picks = sorted({round(i * (len(dates) - 1) / max(1, count - 1)) for i in range(count)})
    values = [dates[i] for i in picks]
    return {"type": "date", "tickvals": values, "ticktext": [short_date(v, lang) for v in values], "tickangle": 0}


def short_date(value, lang: str = "nl") -> str:
    """'mrt 2024' (nl) / 'Mar 2024' (en): a month and year, short enough for an axis."""
    return fmt.month(pd.Timestamp(value), lang)


def measures_by_group(
    rollup: pd.DataFrame, group_label: str, empty_label: str, currency: str, lang: str = "nl"
) -> go.Figure | None:
    """Horizontal bars of budget, spent and forecast per group; None when the report has no amounts.

    Hover shows exact amounts and how many stories gave each figure, so a missing amount is visible
    as a lower count, not hidden as a zero.
    """
    if rollup.empty or rollup[["budget", "spent", "forecast"]].isna().all().all():
        return None
    names, keys = _group_names(rollup, empty_label), rollup["group_name"].tolist()
    traces = []
    for measure in ("budget", "spent", "forecast"):
        values = _values(rollup[measure])
        hover = [
            f"{group_label}: {n}<br>{t(measure, lang)}: {fmt.money_exact(v, currency, lang)}<br>"
            f"{t('kpi_of_stories', lang, n=int(c), total=int(total))}"
            for n, v, c, total in zip(names, values, rollup[f"n_{measure}"], rollup["n_stories"])
        ]
        traces.append(
            {
                "type": "bar",
                "name": t(measure, lang),
                "y": names,
                "x": values,
                "customdata": keys,
                "orientation": "h",
                "marker": {"color": MEASURE_COLOURS[measure]},
                "text": [fmt.money(v, currency, lang) for v in values],
                "textposition": "outside",
                "outsidetextfont": {"color": TEXT_COLOUR},
                "cliponaxis": False,
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    # Room on the right for the labels; the amounts are on the bars, exact ones in the hover.
    top = max((v for tr in traces for v in tr["x"] if v is not None), default=0.0)
    height = max(MIN_CHART_HEIGHT, CHART_HEIGHT_PER_GROUP * 3 * len(rollup) // 2 + 80)
    return _figure(
        traces,
        height,
        lang,
        xaxis={"range": [0, top * 1.25 if top > 0 else 1], "showticklabels": False},
        yaxis={"autorange": "reversed"},
        barmode="group",
    )


def status_by_group(rollup: pd.DataFrame, empty_label: str, lang: str = "nl") -> go.Figure:
    """Stacked bars: how many stories per traffic light, per group. Where the roll-up also counts the
    lights by the figures (n_figures_*), each group has two bars side by side: as reported, and as the
    figures give it, so a line reported green but red by its figures shows at a glance."""
    names, keys = _group_names(rollup, empty_label), rollup["group_name"].tolist()
    statuses = ("red", "amber", "green", "unknown")
    both = all(f"n_figures_{s}" in rollup for s in statuses)
    kinds = [(t("light_reported", lang), "n_"), (t("figures_status", lang), "n_figures_")] if both else [("", "n_")]
    if both:  # one bar per group and kind, labelled by group and, beside it, the kind
        y = [[n for n in names for _ in kinds], [label for _ in names for label, _ in kinds]]
        customdata = [k for k in keys for _ in kinds]
    else:
        y, customdata = names, keys
    traces = []
    for status in statuses:
        counts = [int(row[f"{prefix}{status}"]) for _, row in rollup.iterrows() for _, prefix in kinds]
        traces.append(
            {
                "type": "bar",
                "name": status_text(status, lang),
                "y": y,
                "x": counts,
                "customdata": customdata,
                "orientation": "h",
                "marker": {"color": STATUS_COLOURS[status]},
                "text": [str(c) if c else "" for c in counts],
                "textposition": "inside",
                "textangle": 0,  # counts read level; a narrow bar shrinks its number rather than turning it
                "insidetextfont": {"color": label_colour(STATUS_COLOURS[status])},
                "hovertemplate": "%{y}: %{x}<extra>" + status_text(status, lang) + "</extra>",
            }
        )
    bars = len(names) * len(kinds)
    height = max(MIN_CHART_HEIGHT - 60, CHART_HEIGHT_PER_GROUP * bars * 2 // 3 + 80)
    totals = [sum(tr["x"][i] for tr in traces) for i in range(bars)]
    return _figure(
        traces,
        height,
        lang,
        xaxis=count_axis(max(totals, default=0)),
        yaxis={"autorange": "reversed"},
        barmode="stack",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0, "traceorder": "normal"},
    )


def _signed_bars(
    labels: list[str],
    values: list[float],
    codes: list[str],
    currency: str,
    lang: str,
    hover: list[str] | None,
    floor: float | None = None,
) -> go.Figure:
    """Horizontal bars coloured by sign (overrun / underrun), amounts on the bars; a bar's customdata is
    its story code (a click opens the story). With `floor` the axis is drawn, in money, and spans at
    least `floor` (the bars keep their size against it instead of filling the width)."""
    spread = max(abs(v) for v in values)
    trace = {
        "type": "bar",
        "y": labels,
        "x": values,
        "customdata": codes,
        "orientation": "h",
        "marker": {"color": [OVERRUN_COLOUR if v > 0 else UNDERRUN_COLOUR for v in values]},
        "text": [fmt.money(v, currency, lang, signed=True) for v in values],
        "textposition": "outside",
        "outsidetextfont": {"color": TEXT_COLOUR},
        "cliponaxis": False,
    }
    trace.update(
        {"hovertext": hover, "hoverinfo": "text+y"} if hover else {"hoverinfo": "none"}
    )  # "skip" would also drop clicks
    if floor is None:
        xaxis = {
            "range": [min(0.0, min(values)) - 0.3 * spread, max(0.0, max(values)) + 0.3 * spread],
            "showticklabels": False,
        }
    else:  # the axis is the move: both sides as far as the largest move, at least `floor` across
        reach = max(1.3 * spread, floor)
        low = -reach if min(values) < 0 else -0.15 * reach
        high = reach if max(values) > 0 else 0.15 * reach
        xaxis = {**money_axis(low, high, currency, lang, ticks=4), "zeroline": True, "zerolinecolor": "#555555"}
        xaxis["range"] = [low, high]
    return _figure(
        [trace],
        max(140, 30 * len(values) + 60),  # a bar stays a bar, not a block, when only one story moved
        lang,
        xaxis=xaxis,
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )


def _largest(frame: pd.DataFrame, column: str, keep: list[str], by_size: bool = False) -> pd.DataFrame:
    """The MAX_STORIES_IN_CHART rows with the largest non-zero `column`, largest first (ties in frame
    order), with only the columns a chart needs: sorting one column, not a whole story table. With
    `by_size` the largest in size first, down or up (-8 before +6)."""
    values = frame[column]
    values = values[values.notna() & (values != 0)]
    values = (values.abs() if by_size else values).sort_values(ascending=False, kind="stable")
    return frame.loc[values.index[:MAX_STORIES_IN_CHART], [*keep, column]]


def variance_by_story(stories: pd.DataFrame, currency: str, lang: str = "nl") -> go.Figure | None:
    """Forecast minus budget per story, largest overrun first (the top MAX_STORIES_IN_CHART)."""
    rows = _largest(stories, "variance", ["code", "title", "budget", "forecast"])
    if rows.empty:
        return None
    labels = [_wrap(f"{c} · {title or ''}", 45) for c, title in zip(rows["code"], rows["title"])]
    hover = [
        f"{t('budget', lang)} {fmt.money_exact(b, currency, lang)} → {t('forecast', lang)} "
        f"{fmt.money_exact(f, currency, lang)}"
        for b, f in zip(rows["budget"], rows["forecast"])
    ]
    return _signed_bars(labels, _values(rows["variance"]), rows["code"].tolist(), currency, lang, hover)


MOVE_SCALE_SHARE = 0.25  # the move axis spans at least this share of the largest forecast it moved


def forecast_moves(changed: pd.DataFrame, currency: str, lang: str = "nl") -> go.Figure | None:
    """How each changed story's forecast moved since the earlier report, the largest move (down or up)
    first. The axis is the move, in money with ticks, and spans at least MOVE_SCALE_SHARE of the
    largest forecast among the moved stories: a € 6k move on a € 172k forecast is a short bar, not
    the chart's whole width. No move (0) draws no bar."""
    ends = [c for c in ("forecast_old", "forecast_new") if c in changed.columns]  # what it was and is
    rows = _largest(changed, "forecast_move", ["code", "title", *ends], by_size=True)
    if rows.empty:
        return None
    labels = [_wrap(f"{c} · {title or ''}", 45) for c, title in zip(rows["code"], rows["title"])]
    hover = None
    if len(ends) == 2:
        hover = [
            f"{t('forecast', lang)} {fmt.money_exact(old, currency, lang)} → {fmt.money_exact(new, currency, lang)}"
            for old, new in zip(rows["forecast_old"], rows["forecast_new"])
        ]
    values = _values(rows["forecast_move"])
    forecasts = rows[ends].abs().max(axis=1).max() if ends else float("nan")
    floor = MOVE_SCALE_SHARE * float(forecasts) if pd.notna(forecasts) else 0.0
    return _signed_bars(labels, values, rows["code"].tolist(), currency, lang, hover, floor=floor)


def share_spent_by_group(rollup: pd.DataFrame, empty_label: str, lang: str = "nl") -> go.Figure | None:
    """Spent as a share of budget per group, with the 100% line."""
    rows = rollup.dropna(subset=["share_spent"])
    if rows.empty:
        return None
    shares = _values(rows["share_spent"])
    trace = {
        "type": "bar",
        "y": _group_names(rows, empty_label),
        "x": shares,
        "customdata": rows["group_name"].tolist(),
        "orientation": "h",
        "marker": {"color": MEASURE_COLOURS["spent"]},
        "text": [fmt.percent(v, lang) for v in shares],
        "textposition": "outside",
        "outsidetextfont": {"color": TEXT_COLOUR},
        "cliponaxis": False,
        "hoverinfo": "none",  # no label, but clicks still count ("skip" drops them)
    }
    full = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": 1,
        "x1": 1,
        "y0": 0,
        "y1": 1,
        "line": {"dash": "dot", "color": "#555555"},
    }
    return _figure(
        [trace],
        max(MIN_CHART_HEIGHT - 60, CHART_HEIGHT_PER_GROUP * len(rows) + 60),
        lang,
        xaxis={"range": [0, max(1.2, max(shares) * 1.2)], "tickformat": ".0%"},
        yaxis={"autorange": "reversed"},
        showlegend=False,
        shapes=[full],
    )


def trend(frame: pd.DataFrame, currency: str, lang: str = "nl") -> go.Figure | None:
    """Budget, spent and forecast per report date; None with fewer than two reports or no amounts."""
    if len(frame) < 2 or frame[["budget", "spent", "forecast"]].isna().all().all():
        return None
    # real dates on a date axis (a report's place in time), a few short labels, the full date in the hover
    dates = [pd.Timestamp(d).strftime("%Y-%m-%d") for d in frame["report_date"]]
    labels = [fmt.date(d, lang) for d in frame["report_date"]]
    traces = []
    for measure in ("budget", "spent", "forecast"):
        values = _values(frame[measure])
        traces.append(
            {
                "type": "scatter",
                "x": dates,
                "y": values,
                "customdata": labels,
                "name": t(measure, lang),
                "mode": "lines+markers",
                "line": {
                    "color": MEASURE_COLOURS[measure],
                    "width": 3,
                    "dash": "dot" if measure == "forecast" else "solid",
                },
                # formatted by plotly with the layout's separators, as fmt.money_exact writes it
                "hovertemplate": f"%{{customdata}}: {fmt.money_pattern('y', currency, lang)}",
            }
        )
    known = [v for tr in traces for v in tr["y"] if v is not None]
    return _figure(
        traces, 320, lang, xaxis=date_ticks(dates, lang), yaxis=money_axis(min(known), max(known), currency, lang)
    )


QUARTERS_IN_CHART = 8
REMAINING_COLOUR = "#0F4C81"
# White hatching over the remaining budget, at an opacity that keeps the white amounts on it readable
# where they cross a stripe (0.35 made the stripes #638BAD: 3.6:1; 0.2 makes them #3F709A: 5.3:1).
HATCH_OPACITY = 0.2


def quarter_label(year: int, quarter: int, lang: str = "nl") -> str:
    """'K3 2018' / 'Q3 2018'."""
    return t("quarter_label", lang, year=int(year), quarter=int(quarter))


def quarterly(frame: pd.DataFrame, currency: str, lang: str = "nl") -> go.Figure | None:
    """The OWO quarterly overview: per quarter and per year the budget is for (carried over from earlier
    years, this year, ...), spent stacked under the remaining budget (budget minus spent). The last
    QUARTERS_IN_CHART quarters; None when there is nothing to show (portfolio.analysis.quarterly)."""
    if frame.empty or frame[["spent", "remaining"]].isna().all().all():
        return None
    keys = sorted({(int(y), int(q)) for y, q in zip(frame["year"], frame["quarter"])})[-QUARTERS_IN_CHART:]
    rows = frame[[(int(y), int(q)) in set(keys) for y, q in zip(frame["year"], frame["quarter"])]]
    quarters = [quarter_label(y, q, lang) for y, q in zip(rows["year"], rows["quarter"])]
    classes = [t(f"period_{c}", lang) for c in rows["period_class"]]
    short = [t(f"period_short_{c}", lang) for c in rows["period_class"]]
    traces = []
    styles = {
        "spent": {"color": MEASURE_COLOURS["spent"]},
        "remaining": {
            "color": REMAINING_COLOUR,
            "pattern": {
                "shape": "/",
                "fillmode": "overlay",
                "fgcolor": "#FFFFFF",
                "fgopacity": HATCH_OPACITY,
                "size": 8,
            },
        },
    }
    for measure in ("spent", "remaining"):
        values = _values(rows[measure])
        hover = [
            f"{html.escape(q)} · {html.escape(c)}<br>{t(measure, lang)}: {fmt.money_exact(v, currency, lang)}<br>"
            f"{t('kpi_of_stories', lang, n=int(n), total=int(total))}"
            for q, c, v, n, total in zip(quarters, classes, values, rows[f"n_{measure}"], rows["n_stories"])
        ]
        traces.append(
            {
                "type": "bar",
                "name": t(measure, lang),
                "x": [quarters, short],
                "y": values,
                "marker": styles[measure],
                "text": [fmt.money(v, currency, lang) if v else "" for v in values],
                "textposition": "inside",
                "insidetextfont": {"color": label_colour(styles[measure]["color"])},
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    spent, remaining = (rows[m].fillna(0.0) for m in ("spent", "remaining"))
    high = float((spent.clip(lower=0) + remaining.clip(lower=0)).max())
    low = float((spent.clip(upper=0) + remaining.clip(upper=0)).min())
    return _figure(
        traces,
        380,
        lang,
        xaxis={"gridcolor": "rgba(0,0,0,0)"},
        yaxis=money_axis(low, high, currency, lang),
        barmode="relative",
        uniformtext={"mode": "hide", "minsize": 10},
    )


def overview_steps(currency: str, lang: str = "nl") -> dict:
    """The charts of the overview page per answer of portfolio.overview.overview(), to pass as its
    `then`: each builds its figures in the worker that fetched the answer (they land in
    Overview.figures)."""
    group, none_line = t("programme_line", lang), t("none_line", lang)

    def from_levels(answer: dict) -> dict:
        by_line = answer["levels"]["line"]
        return {
            "by_line": measures_by_group(by_line, group, none_line, currency, lang),
            "status_by_line": status_by_group(by_line, none_line, lang),
            "share_spent": share_spent_by_group(by_line, none_line, lang),
        }

    def from_stories(answer: dict) -> dict:
        stories = answer["stories"]
        top = stories[stories["parent_code"].isna() & stories["in_totals"]]
        return {"variance": variance_by_story(top, currency, lang)}

    def from_trend(answer: dict) -> dict:
        return {
            "trend": trend(answer["trend"], currency, lang),
            "quarterly": quarterly(answer["quarterly"], currency, lang),
        }

    def from_comparison(answer: dict) -> dict:
        comparison = answer["comparison"]
        moves = forecast_moves(comparison.changed, currency, lang) if comparison is not None else None
        return {"moves": moves}

    return {"levels": from_levels, "stories": from_stories, "trend": from_trend, "comparison": from_comparison}
