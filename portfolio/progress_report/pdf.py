"""The progress report as a PDF, set by Typst (the `typst` package: no browser, no office suite).

The report goes to the template (portfolio/report_templates/progress_report.typ) as JSON in
sys.inputs, so no spreadsheet text is ever Typst markup and nothing needs escaping. Only the fonts
shipped inside the typst package are used (system fonts are ignored): the PDF looks the same on every
machine. The PDF is tagged, with the document language and title set, and made as PDF/UA-1; when a
text holds a character none of those fonts can show (PDF/UA-1 refuses that), it is made again as a
tagged PDF without the PDF/UA-1 claim.
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path

import typst

from portfolio.charts import MEASURE_COLOURS, STATUS_COLOURS
from portfolio.progress_report.model import (
    Bullets,
    Chart,
    Document,
    Heading,
    Light,
    Memo,
    PageBreak,
    Paragraph,
    Table,
    Text,
    TitlePage,
    clean,
)

TEMPLATE = Path(__file__).resolve().parent.parent / "report_templates" / "progress_report.typ"
STANDARD = "ua-1"
REGIONS = {"nl": "NL", "en": "GB"}
HEADER_FILL = "#E8EEF5"
AUTHOR = "Portfoliodashboard"
CHART_PPI = 220  # the PNG for Word: sharp at 16 cm wide


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


@cache
def _empty_root() -> str:
    return tempfile.mkdtemp(prefix="portfolio-typst-")


def _compiler() -> typst.Compiler:
    """A compiler of its own per document (cheap; nothing shared between sessions). An empty folder is
    the project root: the template reads no files, and neither can anything else."""
    return typst.Compiler(root=_empty_root(), ignore_system_fonts=True)


def _runs(runs) -> list[dict]:
    """Runs as the template reads them; neighbouring texts of the same weight as one (fewer elements
    to lay out)."""
    out: list[dict] = []
    for run in runs:
        if isinstance(run, Light):
            out.append({"t": clean(run.word), "light": run.status})
            continue
        text = clean(run.text)
        if out and "light" not in out[-1] and out[-1].get("b", False) == run.bold:
            out[-1]["t"] += text
        else:
            out.append({"t": text, "b": True} if run.bold else {"t": text})
    return out


def _cell(runs) -> str | list[dict]:
    """A table cell: plain text as a string, anything else as runs."""
    if len(runs) == 1 and isinstance(runs[0], Text) and not runs[0].bold:
        return clean(runs[0].text)
    return _runs(runs)


def _block(block) -> dict:
    if isinstance(block, TitlePage):
        return {
            "k": "title",
            "title": clean(block.title),
            "programme": clean(block.programme),
            "lines": [clean(x) for x in block.lines],
        }
    if isinstance(block, Memo):
        return {
            "k": "memo",
            "heading": clean(block.heading),
            "rows": [[clean(a), clean(b)] for a, b in block.rows],
            "body": [clean(x) for x in block.body],
        }
    if isinstance(block, PageBreak):
        return {"k": "break"}
    if isinstance(block, Heading):
        return {"k": "h", "level": block.level, "text": clean(block.text)}
    if isinstance(block, Paragraph):
        return {"k": "p", "runs": _runs(block.runs), "small": block.small}
    if isinstance(block, Bullets):
        return {"k": "ul", "items": [_runs(item) for item in block.items]}
    if isinstance(block, Table):
        return {
            "k": "table",
            "caption": clean(block.caption),
            "columns": [clean(c) for c in block.columns],
            "rows": [[_cell(c) for c in row] for row in block.rows],
            "align": block.align,
            "widths": block.widths,
            "total": [_cell(c) for c in block.total] if block.total else None,
        }
    if isinstance(block, Chart):
        return {"k": "chart", "svg": block.svg, "alt": clean(block.alt), "caption": clean(block.caption)}
    raise TypeError(f"no PDF form for {type(block).__name__}")


def payload(document: Document) -> str:
    """The report as the JSON the template reads."""
    return json.dumps(
        {
            "lang": document.lang,
            "region": REGIONS.get(document.lang, "NL"),
            "title": clean(document.title),
            "subject": clean(document.subject),
            "author": AUTHOR,
            "footer": clean(document.footer),
            "draft": clean(document.draft_mark) if document.draft else "",
            "colours": {**STATUS_COLOURS, "accent": MEASURE_COLOURS["budget"], "header": HEADER_FILL},
            "blocks": [_block(b) for b in document.blocks],
        },
        ensure_ascii=False,
    )


def render_pdf(document: Document) -> bytes:
    """The report as PDF bytes: tagged, language and title set, PDF/UA-1 where every character can be shown."""
    inputs = {"report": payload(document)}
    compiler = _compiler()
    try:
        return compiler.compile(_template(), format="pdf", sys_inputs=inputs, pdf_standards=[STANDARD])
    except typst.TypstError as error:
        if "PDF/UA" not in str(error):
            raise
    return compiler.compile(_template(), format="pdf", sys_inputs=inputs, pdf_standards=[])


_PNG_TEMPLATE = b"""#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(sys.inputs.at("svg")), format: "svg")
"""


def svg_to_png(svg: str) -> bytes:
    """A chart's SVG as PNG, rendered by Typst with the same fonts as the PDF (for the Word file)."""
    return _compiler().compile(_PNG_TEMPLATE, format="png", ppi=CHART_PPI, sys_inputs={"svg": svg})
