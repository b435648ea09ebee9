"""The report's two charts as SVG, in the app's palette (portfolio.charts): budget, spent and forecast
per programme line, and variance per story. Pure: figures in, SVG text out. Every label is XML-escaped.

The PDF embeds the SVG as it is; the Word file gets a PNG that Typst renders from the same SVG with the
same font, so both documents show one chart.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

from portfolio import fmt
from portfolio.charts import MEASURE_COLOURS, OVERRUN_COLOUR, UNDERRUN_COLOUR
from portfolio.progress_report.model import Chart, clean

FONT = "Libertinus Serif"  # shipped inside the typst package, so the PNG for Word uses it too
FONT_SIZE = 11
WIDTH = 640
LABEL_CHARS = 30  # about what fits in the label column at FONT_SIZE
MISSING_GREY = "#757575"
AXIS_GREY = "#9E9E9E"
MEASURES = ("budget", "spent", "forecast")


def _text(x: float, y: float, body: str, *, anchor: str = "start", fill: str = "#222222", bold=False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{weight}>{escape(clean(body))}</text>'


def _svg(width: float, height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family={quoteattr(FONT)} font-size="{FONT_SIZE}">'
        f"<title>{escape(clean(title))}</title>"
        f'<rect width="100%" height="100%" fill="white"/>' + "".join(body) + "</svg>"
    )


def _label_lines(label: str, width: int = LABEL_CHARS, lines: int = 3) -> list[str]:
    """A label broken into at most `lines` lines, the last one shortened with an ellipsis."""
    text = " ".join(clean(label).split())
    if lines == 1:
        return [text if len(text) <= width else text[: width - 1].rstrip() + "…"]
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def measures_by_line(
    groups: list[tuple[str, dict]],
    labels: dict[str, str],
    missing: str,
    currency: str,
    lang: str,
    *,
    alt: str,
    caption: str,
) -> Chart | None:
    """Horizontal bars of budget, spent and forecast per group (label, {measure: amount or None});
    None when no group has an amount. A missing amount is written as `missing`, never drawn as 0."""
    values = [v for _, amounts in groups for v in (amounts.get(m) for m in MEASURES) if not fmt.is_missing(v)]
    if not values or max(values) <= 0:
        return None
    top = max(values)
    label_width, x0, value_room = 180.0, 186.0, 86.0
    scale = (WIDTH - x0 - value_room) / top
    bar, gap, group_gap, y = 11.0, 2.0, 16.0, 36.0
    body = []
    x = x0
    for measure in MEASURES:  # legend
        body.append(f'<rect x="{x:.1f}" y="10" width="11" height="11" fill="{MEASURE_COLOURS[measure]}"/>')
        body.append(_text(x + 15, 20, labels[measure]))
        x += 15 + 5.3 * len(labels[measure]) + 22
    for label, amounts in groups:
        group_height = 3 * bar + 2 * gap
        lines = _label_lines(label)
        first = y + group_height / 2 - (len(lines) - 1) * 6.5 + 4
        for i, line in enumerate(lines):
            body.append(_text(label_width, first + i * 13, line, anchor="end"))
        for i, measure in enumerate(MEASURES):
            value = amounts.get(measure)
            top_y = y + i * (bar + gap)
            if fmt.is_missing(value):
                body.append(_text(x0 + 3, top_y + bar - 2, missing, fill=MISSING_GREY))
                continue
            length = max(0.0, float(value)) * scale
            body.append(
                f'<rect x="{x0:.1f}" y="{top_y:.1f}" width="{length:.1f}" height="{bar:.1f}" '
                f'fill="{MEASURE_COLOURS[measure]}"/>'
            )
            body.append(_text(x0 + length + 4, top_y + bar - 2, fmt.money(value, currency, lang)))
        y += group_height + group_gap
    body.append(f'<line x1="{x0:.1f}" y1="30" x2="{x0:.1f}" y2="{y - group_gap + 4:.1f}" stroke="{AXIS_GREY}"/>')
    height = y - group_gap + 10
    return Chart(_svg(WIDTH, height, body, caption), WIDTH, height, alt, caption)


def variance_by_story(
    rows: list[tuple[str, float]], currency: str, lang: str, *, alt: str, caption: str
) -> Chart | None:
    """Horizontal bars of forecast minus budget per story (label, variance), from a zero line: overruns to
    the right in the overrun colour, underruns to the left. None without rows."""
    if not rows:
        return None
    low = min(0.0, min(v for _, v in rows))
    high = max(0.0, max(v for _, v in rows))
    span = (high - low) or 1.0
    label_width, x0, value_room = 262.0, 270.0, 78.0
    area = WIDTH - x0 - 2 * value_room
    zero = x0 + value_room + (-low) / span * area
    row, bar, y = 19.0, 12.0, 8.0
    body = []
    for label, value in rows:
        [line] = _label_lines(label, 50, 1)
        body.append(_text(label_width, y + bar - 2, line, anchor="end"))
        length = abs(value) / span * area
        left = zero if value >= 0 else zero - length
        colour = OVERRUN_COLOUR if value > 0 else UNDERRUN_COLOUR
        body.append(f'<rect x="{left:.1f}" y="{y:.1f}" width="{length:.1f}" height="{bar:.1f}" fill="{colour}"/>')
        amount = fmt.money(value, currency, lang, signed=True)
        if value >= 0:
            body.append(_text(zero + length + 4, y + bar - 2, amount))
        else:
            body.append(_text(zero - length - 4, y + bar - 2, amount, anchor="end"))
        y += row
    body.append(f'<line x1="{zero:.1f}" y1="4" x2="{zero:.1f}" y2="{y:.1f}" stroke="{AXIS_GREY}"/>')
    height = y + 6
    return Chart(_svg(WIDTH, height, body, caption), WIDTH, height, alt, caption)
