"""The written progress report (voortgangsrapportage) of one report, as Word and as PDF.

What a programme office writes by hand every quarter, made from the figures: a title page, a summary
written from the figures, the legend of the traffic light with the controller's rules, the finances
per programme line with charts, a table per programme line followed by each of its stories, and the
annexes. No Streamlit here: the page and the command line both call

    generate(con, report_id, "pdf", filters=None, lang="nl", progress=None) -> bytes

`progress(fraction, text)`, if given, hears how far it is (0..1) in the report's language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

import duckdb

from portfolio.filters import Filters
from portfolio.i18n import t
from portfolio.progress_report.content import write
from portfolio.progress_report.facts import UNEXPLAINED_VARIANCE, ReportNotFound, read, unexplained
from portfolio.progress_report.model import Document
from portfolio.progress_report.pdf import render_pdf
from portfolio.progress_report.word import render_docx

FORMATS = ("docx", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
Progress = Callable[[float, str], None]

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "UNEXPLAINED_VARIANCE",
    "ReportNotFound",
    "build",
    "file_name",
    "generate",
    "render",
    "unexplained",
]


def _say(progress: Progress | None, fraction: float, key: str, lang: str, **params) -> None:
    if progress is not None:
        progress(fraction, t(key, lang, **params))


def build(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    filters: Filters | None = None,
    lang: str = "nl",
    progress: Progress | None = None,
    today: dt.date | None = None,
    *,
    draft: bool = False,
    names: Mapping[str, str] | None = None,
) -> Document:
    """The report's contents for one current report and set of filters, in `lang`. `draft` puts
    "CONCEPT" ("DRAFT") on every page; `names` maps an account (user name, e-mail) to the display name
    the sign-in configuration gives it (portfolio.auth.AuthConfig.display_names): a person is named only
    by that, never by an account name."""
    _say(progress, 0.05, "pr_progress_reading", lang)
    facts = read(con, report_id, filters)
    _say(progress, 0.35, "pr_progress_writing", lang, n=len(facts.stories))
    return write(facts, lang, today, draft=draft, names=dict(names or {}))


def render(document: Document, format: str, progress: Progress | None = None) -> bytes:
    """The document as .docx or .pdf bytes."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    _say(progress, 0.5, f"pr_progress_{format}", document.lang)
    data = render_docx(document) if format == "docx" else render_pdf(document)
    _say(progress, 1.0, "pr_progress_done", document.lang)
    return data


def generate(
    con: duckdb.DuckDBPyConnection,
    report_id: int,
    format: str,
    filters: Filters | None = None,
    lang: str = "nl",
    progress: Progress | None = None,
    *,
    draft: bool = False,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """The progress report of one report as .docx or .pdf bytes (see build for draft and names)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    return render(build(con, report_id, filters, lang, progress, draft=draft, names=names), format, progress)


def file_name(programme: str, report_date, format: str, lang: str = "nl") -> str:
    """'voortgangsrapportage_MAB-Flevoland_2018-06-15.pdf': safe on every file system."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", str(programme)).strip("-")[:60] or "programme"
    date = report_date.strftime("%Y-%m-%d") if hasattr(report_date, "strftime") else str(report_date)[:10]
    return f"{t('pr_file_stem', lang)}_{stem}_{date}.{format}"
