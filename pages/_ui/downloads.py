"""Downloads: the filtered data as an Excel workbook and as CSV (portfolio/export.py makes the files),
the written progress report as Word and PDF (portfolio/progress_report), and the portfolio workbook."""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
import streamlit as st

from pages._ui.access import current_access, display_names
from pages._ui.session import _database
from pages._ui.sidebar import Context
from portfolio import db, export, progress_report
from portfolio.i18n import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_BUTTONS = {  # progress report format -> (make, download) labels
    "docx": ("pr_make_docx", "pr_download_docx"),
    "pdf": ("pr_make_pdf", "pr_download_pdf"),
}


def downloads(ctx: Context, with_progress_report: bool = True) -> None:
    """Download the filtered data as a formatted Excel workbook and as CSV, and (below them) the written
    progress report as Word and PDF (progress_report_downloads).

    The files are made when a button is clicked, not on every run of the page: a workbook of a large
    report takes longer to write than the whole page takes to answer a filter change. The click is
    answered outside the page's run, so it reads the database on a cursor of its own.
    """
    lang = ctx.lang
    database = _database(str(db.db_path()))

    def make(kind: str):
        def build() -> bytes:
            with database.cursor() as cur:
                return export.export_file(cur, ctx.report_id, kind, lang, ctx.filters)

        return build

    stem = f"{ctx.info['programme']}-{pd.Timestamp(ctx.info['report_date']).date().isoformat()}"
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)[:80]
    files = (
        ("xlsx", "download_excel", XLSX),
        ("csv", "download_csv", "text/csv"),
    )
    for column, (kind, label, mime) in zip(st.columns(len(files)), files):
        column.download_button(
            t(label, lang),
            data=make(kind),
            file_name=f"{stem}.{kind}",
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=label,
        )
    if with_progress_report:
        progress_report_downloads(ctx)


def progress_report_downloads(ctx: Context) -> None:
    """The written progress report of the chosen report and filters, as Word and as PDF.

    A document is made only when asked (a button), with a progress bar fed by the generator; then the
    button becomes the download. What was made is kept for this session until the report, the filters
    or the language change, so a rerun of the page does not make it again.
    """
    lang = ctx.lang
    st.header(t("pr_section", lang))
    st.caption(t("pr_section_note", lang))
    draft = ctx.state is not None and not ctx.state.approved  # CONCEPT on every page until approved
    wanted = (ctx.report_id, ctx.filters, lang, draft)
    for column, kind in zip(st.columns(len(progress_report.FORMATS)), progress_report.FORMATS):
        memo = f"_progress_report_{kind}"
        made = st.session_state.get(memo)
        if made is None or made[0] != wanted:
            slot = column.empty()  # the button, then its progress bar, then the download in its place
            if not slot.button(t(REPORT_BUTTONS[kind][0], lang), icon=":material/description:", key=f"pr_make_{kind}"):
                continue
            bar = slot.progress(0.0, text=t("pr_progress_reading", lang))
            try:
                data = progress_report.generate(
                    ctx.cur,
                    ctx.report_id,
                    kind,
                    ctx.filters,
                    lang,
                    progress=lambda fraction, text, bar=bar: bar.progress(min(max(fraction, 0.0), 1.0), text=text),
                    names=display_names(),
                    draft=draft,
                )
            except Exception:  # the reason goes to the server log; the page says what to do
                logging.getLogger(__name__).exception("progress report %s of report %s failed", kind, ctx.report_id)
                bar.empty()
                column.error(t("pr_failed", lang))
                continue
            bar.empty()
            made = (wanted, data)
            st.session_state[memo] = made
        column.download_button(
            t(REPORT_BUTTONS[kind][1], lang),
            data=made[1],
            file_name=progress_report.file_name(ctx.info["programme"], ctx.info["report_date"], kind, lang),
            mime=progress_report.MEDIA_TYPES[kind],
            icon=":material/download:",
            on_click="ignore",
            key=f"pr_download_{kind}",
        )


def portfolio_download(lang: str, today: dt.date, approved_only: bool = False) -> None:
    """The portfolio (every programme at its latest report) and its totals per currency as a workbook,
    made when the button is clicked, on a cursor of its own (see downloads())."""
    database = _database(str(db.db_path()))

    def build() -> bytes:
        with database.cursor() as cur:
            return export.portfolio_file(
                cur, lang, today, visible=current_access().visible, approved_only=approved_only
            )

    st.download_button(
        t("pf_download", lang),
        data=build,
        file_name=f"portfolio-{today.isoformat()}.xlsx",
        mime=XLSX,
        icon=":material/download:",
        on_click="ignore",
        key="pf_download",
    )
