"""Pure chart builders: summaries in, plotly figures out, one palette for the whole app.

Status colours are the Okabe-Ito set (readable with the common colour-vision deficiencies) and never
stand alone: every light also carries an icon and a word.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from portfolio import fmt
from portfolio.i18n import t

STATUS_COLOURS = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "unknown": "#9E9E9E"}
STATUS_BADGE = {"green": "green", "amber": "orange", "red": "red", "unknown": "gray"}  # Streamlit badge colours
STATUS_ICONS = {"green": "✔", "amber": "▲", "red": "✖", "unknown": "?"}
MEASURE_COLOURS = {"budget": "#0F4C81", "spent": "#56B4E9", "forecast": "#CC79A7"}
FONT = "Source Sans Pro, Arial, sans-serif"
CHART_HEIGHT_PER_GROUP = 46
MIN_CHART_HEIGHT = 260


def status_text(status: str, lang: str = "nl") -> str:
    """'✖ Rood' / '✔ Green': icon and word, so colour is never the only signal."""
    return f"{STATUS_ICONS.get(status, '?')} {t(status if status in STATUS_ICONS else 'unknown', lang)}"


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=30, b=10),
        font=dict(family=FONT, size=13),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        plot_bgcolor="white",
        hoverlabel=dict(font_family=FONT),
    )
    fig.update_xaxes(gridcolor="#E5E5E5", zerolinecolor="#BDBDBD")
    return fig


def _wrap(label: str, width: int = 38) -> str:
    words, lines, line = str(label).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def measures_by_group(
    rollup: pd.DataFrame, group_label: str, empty_label: str, currency: str, lang: str = "nl"
) -> go.Figure | None:
    """Horizontal bars of budget, spent and forecast per group; None when the report has no amounts.

    Hover shows exact amounts and how many stories gave each figure, so a missing amount is visible
    as a lower count, not hidden as a zero.
    """
    if rollup.empty or rollup[["budget", "spent", "forecast"]].isna().all().all():
        return None
    names = [_wrap(n) if n else empty_label for n in rollup["group_name"]]
    fig = go.Figure()
    for measure in ("budget", "spent", "forecast"):
        values = rollup[measure]
        counts = rollup[f"n_{measure}"]
        hover = [
            f"{t(measure, lang)}: {fmt.money_exact(v, currency, lang)}<br>"
            f"{t('kpi_of_stories', lang, n=int(c), total=int(n))}"
            for v, c, n in zip(values, counts, rollup["n_stories"])
        ]
        fig.add_trace(
            go.Bar(
                name=t(measure, lang),
                y=names,
                x=values,
                orientation="h",
                marker_color=MEASURE_COLOURS[measure],
                text=[fmt.money(v, currency, lang) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertext=hover,
                hoverinfo="text",
            )
        )
    # Room on the right for the labels; the amounts are on the bars, exact ones in the hover.
    top = float(rollup[["budget", "spent", "forecast"]].max().max())
    fig.update_layout(
        barmode="group",
        yaxis=dict(autorange="reversed", title=None),
        xaxis=dict(title=None, range=[0, top * 1.25 if top > 0 else 1], showticklabels=False),
        separators=",." if lang == "nl" else ".,",
    )
    height = max(MIN_CHART_HEIGHT, CHART_HEIGHT_PER_GROUP * 3 * len(rollup) // 2 + 80)
    return _layout(fig, height)


def status_by_group(rollup: pd.DataFrame, empty_label: str, lang: str = "nl") -> go.Figure:
    """Stacked bars: how many stories per traffic light, per group."""
    names = [_wrap(n) if n else empty_label for n in rollup["group_name"]]
    fig = go.Figure()
    for status in ("red", "amber", "green", "unknown"):
        counts = rollup[f"n_{status}"]
        fig.add_trace(
            go.Bar(
                name=status_text(status, lang),
                y=names,
                x=counts,
                orientation="h",
                marker_color=STATUS_COLOURS[status],
                text=[str(c) if c else "" for c in counts],
                textposition="inside",
                hovertemplate="%{y}: %{x}<extra>" + status_text(status, lang) + "</extra>",
            )
        )
    fig.update_layout(
        barmode="stack", yaxis=dict(autorange="reversed"), xaxis=dict(dtick=1, title=None), legend_traceorder="normal"
    )
    height = max(MIN_CHART_HEIGHT - 60, CHART_HEIGHT_PER_GROUP * len(rollup) + 80)
    return _layout(fig, height)


OVERRUN_COLOUR = "#D55E00"
UNDERRUN_COLOUR = "#0072B2"
MAX_STORIES_IN_CHART = 20


def variance_by_story(stories: pd.DataFrame, currency: str, lang: str = "nl") -> go.Figure | None:
    """Forecast minus budget per story, largest overrun first (the top MAX_STORIES_IN_CHART)."""
    rows = stories.dropna(subset=["variance"]).sort_values("variance", ascending=False)
    rows = rows[rows["variance"] != 0].head(MAX_STORIES_IN_CHART)
    if rows.empty:
        return None
    labels = [_wrap(f"{c} · {title or ''}", 45) for c, title in zip(rows["code"], rows["title"])]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=rows["variance"],
            orientation="h",
            marker_color=[OVERRUN_COLOUR if v > 0 else UNDERRUN_COLOUR for v in rows["variance"]],
            text=[fmt.money(v, currency, lang, signed=True) for v in rows["variance"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"{t('budget', lang)} {fmt.money_exact(b, currency, lang)} → {t('forecast', lang)} "
                f"{fmt.money_exact(f, currency, lang)}"
                for b, f in zip(rows["budget"], rows["forecast"])
            ],
            hoverinfo="text+y",
        )
    )
    spread = float(rows["variance"].abs().max())
    fig.update_layout(
        yaxis=dict(autorange="reversed"),
        showlegend=False,
        xaxis=dict(
            range=[min(0, rows["variance"].min()) - 0.3 * spread, max(0, rows["variance"].max()) + 0.3 * spread],
            showticklabels=False,
        ),
    )
    return _layout(fig, max(MIN_CHART_HEIGHT, 30 * len(rows) + 60))


def share_spent_by_group(rollup: pd.DataFrame, empty_label: str, lang: str = "nl") -> go.Figure | None:
    """Spent as a share of budget per group, with the 100% line."""
    rows = rollup.dropna(subset=["share_spent"])
    if rows.empty:
        return None
    names = [_wrap(n) if n else empty_label for n in rows["group_name"]]
    fig = go.Figure(
        go.Bar(
            y=names,
            x=rows["share_spent"],
            orientation="h",
            marker_color=MEASURE_COLOURS["spent"],
            text=[fmt.percent(v, lang) for v in rows["share_spent"]],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.add_vline(x=1, line_dash="dot", line_color="#555555")
    fig.update_layout(
        yaxis=dict(autorange="reversed"),
        showlegend=False,
        xaxis=dict(range=[0, max(1.2, float(rows["share_spent"].max()) * 1.2)], tickformat=".0%"),
    )
    return _layout(fig, max(MIN_CHART_HEIGHT - 60, CHART_HEIGHT_PER_GROUP * len(rows) + 60))


def trend(frame: pd.DataFrame, currency: str, lang: str = "nl") -> go.Figure | None:
    """Budget, spent and forecast per report date; None with fewer than two reports or no amounts."""
    if len(frame) < 2 or frame[["budget", "spent", "forecast"]].isna().all().all():
        return None
    dates = [fmt.date(d, lang) for d in frame["report_date"]]
    fig = go.Figure()
    for measure in ("budget", "spent", "forecast"):
        fig.add_trace(
            go.Scatter(
                x=dates,
                y=frame[measure],
                name=t(measure, lang),
                mode="lines+markers",
                line=dict(color=MEASURE_COLOURS[measure], width=3, dash="dot" if measure == "forecast" else "solid"),
                hovertext=[fmt.money_exact(v, currency, lang) for v in frame[measure]],
                hoverinfo="text+name",
            )
        )
    fig.update_layout(yaxis=dict(title=None, rangemode="tozero"), separators=",." if lang == "nl" else ".,")
    return _layout(fig, 320)


def forecast_moves(changed: pd.DataFrame, currency: str, lang: str = "nl") -> go.Figure | None:
    """How each changed story's forecast moved since the earlier report, largest increase first."""
    rows = changed.dropna(subset=["forecast_move"])
    rows = rows[rows["forecast_move"] != 0].sort_values("forecast_move", ascending=False).head(MAX_STORIES_IN_CHART)
    if rows.empty:
        return None
    labels = [_wrap(f"{c} · {title or ''}", 45) for c, title in zip(rows["code"], rows["title"])]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=rows["forecast_move"],
            orientation="h",
            marker_color=[OVERRUN_COLOUR if v > 0 else UNDERRUN_COLOUR for v in rows["forecast_move"]],
            text=[fmt.money(v, currency, lang, signed=True) for v in rows["forecast_move"]],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    spread = float(rows["forecast_move"].abs().max())
    fig.update_layout(
        yaxis=dict(autorange="reversed"),
        showlegend=False,
        xaxis=dict(
            range=[
                min(0, rows["forecast_move"].min()) - 0.3 * spread,
                max(0, rows["forecast_move"].max()) + 0.3 * spread,
            ],
            showticklabels=False,
        ),
    )
    return _layout(fig, max(MIN_CHART_HEIGHT - 60, 30 * len(rows) + 60))


def overview_figures(data, currency: str, lang: str = "nl") -> dict[str, go.Figure | None]:
    """Every chart of the overview page from its data (portfolio.analysis.Overview); None where nothing to show."""
    top = data.stories[data.stories["parent_code"].isna() & data.stories["in_totals"]]
    figures = {
        "by_line": measures_by_group(data.by_line, t("programme_line", lang), t("none_line", lang), currency, lang),
        "status_by_line": status_by_group(data.by_line, t("none_line", lang), lang),
        "variance": variance_by_story(top, currency, lang),
        "share_spent": share_spent_by_group(data.by_line, t("none_line", lang), lang),
        "trend": trend(data.trend, currency, lang),
        "moves": None,
    }
    if data.previous_stories is not None:
        from portfolio.compare import compare_stories

        figures["comparison"] = compare_stories(data.previous_stories, data.stories)
        figures["moves"] = forecast_moves(figures["comparison"].changed, currency, lang)
    return figures
