"""A story's baselines on the story page: the first and the last approved baseline of budget and end date
side by side, with the drift from both; every rebaseline between reports with its date, old, new and
reason; and, for someone with the right to write narrative, a reason entered where the export gave none."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._ui import access
from pages._ui.sidebar import Context
from pages._ui.tables import PLACEHOLDER
from portfolio import analysis, fmt, manage, roles, schedule
from portfolio import audit as audit_log
from portfolio.i18n import t


def section(ctx: Context, code: str) -> None:
    """The baselines, the rebaselines and the reason form of one story, up to the report shown."""
    lang = ctx.lang
    until = ctx.info["report_date"]
    if st.session_state.pop("rebaseline_done", False):
        st.success(t("rebaseline_reason_saved", lang))
    st.subheader(t("baselines", lang))
    both = analysis.baselines(ctx.cur, ctx.programme_id, code, until)
    if both:
        st.dataframe(
            _side_by_side(ctx, both),
            hide_index=True,
            width="stretch",
            key="story_baselines",
            placeholder=PLACEHOLDER,
        )
    found = analysis.rebaselines(ctx.cur, ctx.programme_id, code=code, until=until)
    st.subheader(t("rebaselines", lang))
    if found.empty:
        st.caption(t("rebaselines_none", lang))
        return
    missing = int(found["reason"].isna().sum())
    if missing:
        st.warning(t("rebaselines_without_reason", lang, n=missing), icon=":material/help:")
    rows = found.to_dict("records")
    st.dataframe(
        pd.DataFrame(
            {
                t("report_date", lang): [fmt.date(r["report_date"], lang) for r in rows],
                t("rebaseline_previous", lang): [fmt.date(r["previous_date"], lang) for r in rows],
                t("rebaseline_what", lang): [t(f"rebaseline_{r['field']}", lang) for r in rows],
                t("rebaseline_old", lang): [schedule.rebaseline_change(r, ctx.currency, lang)[0] for r in rows],
                t("rebaseline_new", lang): [schedule.rebaseline_change(r, ctx.currency, lang)[1] for r in rows],
                t("rebaseline_reason", lang): [_reason(r, lang) for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        key="story_rebaselines",
        placeholder=PLACEHOLDER,
    )
    _reason_form(ctx, code, rows)


def _side_by_side(ctx: Context, both: dict) -> pd.DataFrame:
    """Budget and end date: first baseline, last approved baseline, the forecast, drift from each."""
    lang = ctx.lang
    first, last, forecast = both["first_budget"], both["last_budget"], both["forecast"]

    def drift(base) -> str:
        known = base is not None and forecast is not None
        return ctx.exact(forecast - base, signed=True) if known else fmt.MISSING

    first_head = t("baseline_first", lang, date=fmt.date(both["first_date"], lang))
    last_head = t("baseline_last", lang, date=fmt.date(both["last_date"], lang))
    return pd.DataFrame(
        {
            t("field", lang): [t("budget", lang), t("rebaseline_end", lang)],
            first_head: [ctx.exact(first), schedule.date_text(both["first_end"], lang) or fmt.MISSING],
            last_head: [ctx.exact(last), schedule.date_text(both["last_end"], lang) or fmt.MISSING],
            t("forecast", lang): [ctx.exact(forecast), schedule.date_text(both["forecast_end"], lang) or fmt.MISSING],
            t("drift_first", lang): [drift(first), ""],
            t("drift_last", lang): [drift(last), ""],
        }
    )


def _reason(row: dict, lang: str) -> str:
    """The reason, who entered it where the story page did, or a flag where there is none."""
    if row["reason"] is None or pd.isna(row["reason"]):
        return t("rebaseline_no_reason", lang)
    written_by = row.get("written_by")
    if row.get("entered_reason") is not None and not pd.isna(row.get("entered_reason")):
        return t("rebaseline_reason_by", lang, reason=row["reason"], who=audit_log.who(written_by, lang))
    return str(row["reason"])


def _label(row: dict, currency: str, lang: str) -> str:
    """'31 maart 2025 · Einddatum: 31 december 2025 → 31 maart 2026'."""
    old, new = schedule.rebaseline_change(row, currency, lang)
    what = t(f"rebaseline_{row['field']}", lang)
    return f"{fmt.date(row['report_date'], lang)} · {what}: {old} → {new}"


def _reason_form(ctx: Context, code: str, rows: list[dict]) -> None:
    """A reason for a rebaseline, by someone with the right to write narrative in the programme."""
    lang = ctx.lang
    if not ctx.may(roles.WRITE_NARRATIVE):
        st.caption(access.lacks(roles.WRITE_NARRATIVE, ctx.programme, lang))
        return
    labels = {index: _label(r, ctx.currency, lang) for index, r in enumerate(rows)}
    unexplained = [i for i, r in enumerate(rows) if r["reason"] is None or pd.isna(r["reason"])]
    with st.form("rebaseline_reason"):
        chosen = st.selectbox(
            t("rebaseline_choose", lang),
            list(labels),
            index=unexplained[0] if unexplained else 0,
            format_func=labels.get,
            key="rebaseline_choice",
        )
        text = st.text_area(t("rebaseline_reason", lang), max_chars=manage.REASON_MAX, key="rebaseline_text")
        if st.form_submit_button(t("save", lang), icon=":material/save:", key="rebaseline_save"):
            row = rows[chosen]
            manage.set_rebaseline_reason(
                ctx.cur,
                ctx.programme_id,
                code,
                row["report_date"],
                row["field"],
                text,
                actor=access.user_name(),
            )
            st.session_state["rebaseline_done"] = True
            st.rerun()
