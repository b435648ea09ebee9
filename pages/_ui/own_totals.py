"""The export's own totals where they disagree with its stories (portfolio/own_totals.py): the open ones
said on the overview and the upload history, with an 'accept' for users who may upload; the history's
table of all of them, accepted or not."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui import access, tables
from portfolio import audit, fmt, own_totals, roles
from portfolio.i18n import t

DONE_KEY = "own_totals_done"  # the acceptance said once, after the rerun it causes


def open_warning(cur, report_ids, lang: str, *, key: str, label=None) -> None:
    """The open disagreements of the report versions `report_ids` in a warning, each as 'Budget, row 12:
    the export's own total is € 2.295.000; the stories add up to € 2.305.000.' (prefixed by
    label(row) when given); for a user who may manage the programme's versions, a button that accepts those of each report.
    Nothing when none is open."""
    for note in st.session_state.pop(DONE_KEY, []):
        st.success(note)
    found = own_totals.found(cur, report_ids, open_only=True)
    if found.empty:
        return
    rows = found.to_dict("records")
    lines = [f"- {fmt.md(label(r)) + ' · ' if label else ''}{fmt.md(own_totals.sentence(r, lang))}" for r in rows]
    st.warning(
        "\n".join([t("own_totals_open", lang), "", *lines, "", t("own_totals_counted", lang)]),
        icon=":material/functions:",
    )
    who = access.current_access()
    first = {}  # per report, its first row: the button names the report where several are open
    for r in rows:
        if who.may(roles.MANAGE_VERSIONS, r["programme"]):
            first.setdefault(int(r["report_id"]), r)
    for report_id, r in first.items():
        if st.button(
            t("own_totals_accept", lang) + (f" · {fmt.md(label(r))}" if label and len(first) > 1 else ""),
            icon=":material/done:",
            help=t("own_totals_accept_help", lang),
            key=f"{key}_{report_id}",
        ):
            n = own_totals.accept(cur, report_id, actor=access.user_name())
            st.session_state[DONE_KEY] = [t("own_totals_accepted_done", lang, n=n)]
            st.rerun()


def history_table(cur, history: pd.DataFrame, lang: str) -> None:
    """Every disagreement of the report versions in `history`, open or accepted (by whom, when)."""
    found = own_totals.found(cur, history["report_id"].tolist())
    if found.empty:
        st.caption(t("own_totals_none", lang))
        return
    currencies = sorted(set(found["currency"]))
    single = currencies[0] if len(currencies) == 1 else None
    states = [
        t("own_totals_state_open", lang)
        if pd.isna(at)
        else t(
            "own_totals_state_accepted",
            lang,
            by=audit.who(by, lang) if isinstance(by, str) and by else t("own_totals_someone", lang),
            when=pd.Timestamp(at).strftime("%d-%m-%Y %H:%M"),
        )
        for at, by in zip(found["accepted_at"], found["accepted_by"])
    ]
    frame = pd.DataFrame(
        {
            t("programme", lang): found["programme"],
            t("report_date", lang): [fmt.date(d, lang) for d in found["report_date"]],
            t("version", lang): found["version"],
            t("row", lang).capitalize(): found["source_row"],
            t("own_totals_measure", lang): [t(m, lang) for m in found["measure"]],
            **({} if single else {t("pf_currency", lang): found["currency"]}),
            t("own_totals_stated", lang): tables.amounts(found["stated"]),
            t("own_totals_computed", lang): tables.amounts(found["computed"]),
            t("own_totals_state", lang): states,
        }
    )
    amount = tables.amounts_column(single, lang)
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key="own_totals_table",
        column_config={
            t("version", lang): st.column_config.NumberColumn(width=tables.COUNT_WIDTH),
            t("row", lang).capitalize(): st.column_config.NumberColumn(width=tables.COUNT_WIDTH),
            **dict.fromkeys((t("own_totals_stated", lang), t("own_totals_computed", lang)), amount),
        },
    )
