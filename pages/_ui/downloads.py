"""Downloads: the filtered data as an Excel workbook and as CSV (portfolio/export.py makes the files)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui.session import _database
from pages._ui.sidebar import Context
from portfolio import db, export
from portfolio.i18n import t


def downloads(ctx: Context) -> None:
    """Download the filtered data as a formatted Excel workbook and as CSV.

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
        ("xlsx", "download_excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
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
