"""Approval: the shown report's state (draft, checked, approved), its steps, the controller's checklist,
and the steps the user's role allows (portfolio/approval.py decides the order, portfolio/roles.py who)."""

import pandas as pd
import streamlit as st

from pages._ui import access, sidebar
from portfolio import approval, audit, auth, fmt, roles
from portfolio.i18n import t, tmd

ctx = sidebar.context(with_filters=False)
lang = ctx.lang
if ctx.report_id is None:
    st.stop()
sidebar.header(ctx, "page_approval")
for note in st.session_state.pop("approval_done", []):
    st.success(note)

state = ctx.state
if state.approved:
    st.success(
        tmd("state_line_approved", lang, who=audit.who(state.approved_by, lang), at=fmt.date(state.approved_at, lang))
        if state.approved_by
        else t("state_line_approved_unnamed", lang),
        icon=":material/verified:",
    )
else:
    st.info(t(f"state_line_{state.state}", lang), icon=":material/pending:")

st.header(t("checklist", lang))
st.caption(t("checklist_intro", lang))
items = approval.checklist(ctx.cur, ctx.report_id)
for item in items:
    if item.clear:
        st.markdown(f":material/check_circle: {t(item.key, lang)}: {t('checklist_clear', lang)}")
        continue
    with st.expander(f":material/error: {t(item.key, lang)}: {len(item.found)}"):
        st.markdown("\n".join(f"- {fmt.md(found)}" for found in item.found))
open_points = sum(len(item.found) for item in items)


def take(step, done_key: str, *args, **kwargs) -> None:
    """Take a step (approval.check, approve or send_back) on the shown version; say why when refused."""
    try:
        step(ctx.cur, ctx.report_id, access.user_name(), *args, **kwargs)
    except approval.StepRefused as problem:
        params = {k: t(f"state_{v}", lang) if k == "state" else v for k, v in problem.params.items()}
        st.error(t(problem.key, lang, **params))
    else:
        st.session_state["approval_done"] = [t(done_key, lang)]
        st.rerun()


who = access.current_access()
programme = ctx.programme
st.header(t("steps", lang))
if state.state == approval.DRAFT:
    if who.may(roles.CHECK, programme):
        remark = st.text_area(t("check_remark", lang), key="check_remark", max_chars=2000)
        seen = st.checkbox(t("check_seen", lang, n=open_points), key="check_seen") if open_points else True
        if st.button(t("check_button", lang), type="primary", disabled=not seen, icon=":material/fact_check:"):
            take(approval.check, "checked_done", remark.strip() or None)
    else:
        st.caption(access.lacks(roles.CHECK, programme, lang))
elif state.state == approval.CHECKED:
    if who.may(roles.APPROVE, programme):
        if st.button(t("approve_button", lang), type="primary", icon=":material/verified:"):
            take(approval.approve, "approved_done", four_eyes=who.mode != auth.OPEN)
    else:
        st.caption(access.lacks(roles.APPROVE, programme, lang))
    if who.may(roles.CHECK, programme) or who.may(roles.APPROVE, programme):
        reason = st.text_input(t("send_back_reason", lang), key="send_back_reason", max_chars=500)
        if st.button(t("send_back_button", lang), icon=":material/undo:", disabled=not reason.strip()):
            take(approval.send_back, "sent_back_done", reason)
else:
    st.caption(t("approved_frozen", lang))

steps = approval.steps(ctx.cur, ctx.report_id)
st.dataframe(
    pd.DataFrame(
        {
            t("when", lang): [pd.Timestamp(v).strftime("%d-%m-%Y %H:%M") for v in steps["stepped_at"]],
            t("step_state", lang): [t(f"state_{s}", lang) for s in steps["state"]],
            t("who", lang): [audit.who(v, lang) if isinstance(v, str) else "" for v in steps["stepped_by"]],
            t("step_note", lang): [
                t(f"note_{n}", lang) if n in (approval.BEFORE_STEPS, approval.PUBLISHED) else (n or "")
                for n in steps["note"].where(steps["note"].notna(), None)
            ],
        }
    ),
    hide_index=True,
    width="stretch",
    key="approval_steps",
)
