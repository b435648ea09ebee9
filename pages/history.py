"""Upload history: every report and version, where it came from, its totals; restore and delete."""

import pandas as pd
import streamlit as st

from pages._ui import access, own_totals, sidebar, tables
from portfolio import approval, db, fmt, manage, roles
from portfolio import audit as audit_log
from portfolio.i18n import t, tmd

AUDIT_ROWS = 50

ctx = sidebar.context(with_filters=False)
lang = ctx.lang
st.title(t("page_history", lang))
st.caption(t("history_intro", lang))
for note in st.session_state.pop("history_done", []):
    st.success(note)

history = manage.history(ctx.cur, include_versions=True)
history = history[history["programme"].isin(access.current_access().visible(history["programme"].tolist()))]
if history.empty:
    st.info(t("no_reports", lang))
    st.stop()


# The columns that matter first (which report, its totals), where it came from after them. Amounts are
# numbers (right-aligned, sorting by value, missing as a dash); with reports in several currencies each
# row names its own and the amounts are plain numbers, never one currency's sign on another's figures.
states = approval.states(ctx.cur, [int(r) for r in history["report_id"]])  # draft, checked or approved
currencies = sorted(set(history["currency"].dropna()))
single = currencies[0] if len(currencies) == 1 else None
frame = pd.DataFrame(
    {
        t("programme", lang): history["programme"],
        t("report_date", lang): [fmt.date(d, lang) for d in history["report_date"]],
        t("version", lang): history["version"],
        t("current", lang): [t("yes" if c else "no", lang) for c in history["is_current"]],
        t("step_state", lang): [t(f"state_{states[int(r)].state}", lang) for r in history["report_id"]],
        **({} if single else {t("pf_currency", lang): history["currency"]}),
        t("budget", lang): tables.amounts(history["budget"]),
        t("spent", lang): tables.amounts(history["spent"]),
        t("forecast", lang): tables.amounts(history["forecast"]),
        t("rows", lang): history["row_count"],
        t("file", lang): history["source_file"],
        t("loaded_at", lang): [pd.Timestamp(v).strftime("%d-%m-%Y %H:%M") for v in history["loaded_at"]],
        t("loaded_by", lang): [audit_log.who(v, lang) for v in history["loaded_by"]],
    }
)
amount = tables.amounts_column(single, lang)
st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    key="history_table",
    placeholder=tables.PLACEHOLDER,
    column_config={
        t("programme", lang): st.column_config.TextColumn(width=tables.GROUP_WIDTH),
        t("version", lang): st.column_config.NumberColumn(width=tables.COUNT_WIDTH),
        t("current", lang): st.column_config.TextColumn(width=tables.COUNT_WIDTH),
        **dict.fromkeys((t(k, lang) for k in ("budget", "spent", "forecast")), amount),
        t("rows", lang): st.column_config.NumberColumn(width=tables.COUNT_WIDTH),
    },
)

labels = {
    int(r.report_id): f"{r.programme} · {fmt.date(r.report_date, lang)} · {t('version', lang)} {r.version}"
    + (f" ({t('current', lang).lower()})" if r.is_current else "")
    for r in history.itertuples()
}
if st.session_state.get("history_report") not in labels:  # first the report chosen in the sidebar
    st.session_state["history_report"] = ctx.report_id if ctx.report_id in labels else next(iter(labels))
chosen = st.selectbox(t("choose_report", lang), list(labels), format_func=labels.get, key="history_report")
row = history.set_index("report_id").loc[chosen]
if access.current_access().may(roles.MANAGE_VERSIONS, row["programme"]):
    # one below the other at the page's full width: the confirmation is a long sentence, never cut off
    if not row["is_current"] and st.button(t("restore", lang), icon=":material/restore:", key="history_restore"):
        manage.restore(ctx.cur, chosen, actor=access.user_name())
        st.session_state["history_done"] = [t("restored", lang, version=int(row["version"]))]
        st.rerun()
    sure = st.checkbox(
        tmd("delete_confirm", lang, programme=row["programme"], date=fmt.date(row["report_date"], lang)),
        key="history_delete_sure",
    )
    if st.button(t("delete", lang), icon=":material/delete:", disabled=not sure, key="history_delete"):
        removed = manage.delete(ctx.cur, chosen, actor=access.user_name())
        st.session_state["history_done"] = [t("deleted", lang, n=removed)]
        st.session_state.pop("history_delete_sure", None)
        st.rerun()
else:
    st.caption(access.lacks(roles.MANAGE_VERSIONS, row["programme"], lang))

# the files' own totals that do not add up to their stories: open ones said (and accepted here), all listed
st.header(t("own_totals_history", lang))
st.caption(t("own_totals_history_intro", lang))
own_totals.open_warning(
    ctx.cur,
    history["report_id"].tolist(),
    lang,
    key="history_accept_totals",
    label=lambda row: labels[int(row["report_id"])],
)
own_totals.history_table(ctx.cur, history, lang)

st.header(t("audit", lang))
who = access.current_access()
audit = pd.DataFrame(  # a role for some programmes reads only their entries: read further back to fill the page
    audit_log.visible_entries(
        db.query(ctx.cur, "audit_log", limit=AUDIT_ROWS * 20).to_dict("records"),
        lambda programme: who.may(roles.VIEW, programme),
    )[:AUDIT_ROWS],
    columns=["logged_at", "actor", "action", "report_id", "programme", "report_date", "version", "detail"],
)
st.dataframe(
    pd.DataFrame(
        {
            t("when", lang): [pd.Timestamp(v).strftime("%d-%m-%Y %H:%M:%S") for v in audit["logged_at"]],
            t("who", lang): [audit_log.who(v, lang) for v in audit["actor"]],
            t("action", lang): [t(f"action_{a}", lang) for a in audit["action"]],
            # the report by programme, date and version (a raw id means nothing to a user)
            t("report", lang): [audit_log.report_label(e, lang) for e in audit.to_dict("records")],
            t("what", lang): [audit_log.detail(a, d, lang) for a, d in zip(audit["action"], audit["detail"])],
        }
    ),
    hide_index=True,
    width="stretch",
    key="audit_log",
)
