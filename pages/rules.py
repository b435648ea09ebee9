"""Rules: the margins behind the traffic light the figures give, readable and settable by a controller."""

import streamlit as st

from pages._ui import access, sidebar, tiles
from portfolio import analysis, fmt, manage, roles
from portfolio import audit as audit_log
from portfolio.i18n import t

ctx = sidebar.context(with_filters=False)
lang = ctx.lang
st.title(t("page_rules", lang))
st.markdown(t("rules_intro", lang))
for note in st.session_state.pop("rules_done", []):
    st.success(note)

# Rules per programme (migration 020): the programme shown's own, or everybody's (the default), which every
# programme without rules of its own follows; changing them needs the right for that programme, or in every one.
EVERYBODY = ""  # the default's choice (a string, as a widget's value is best: '' is no programme's name)
scopes = [EVERYBODY, ctx.programme] if ctx.programme is not None else [EVERYBODY]
who = access.current_access()
scope = (
    st.radio(
        t("rules_scope", lang),
        scopes,
        # those who may set the programme's rules but not everybody's start on the programme's
        index=1
        if len(scopes) > 1 and who.may(roles.SET_RULES, ctx.programme) and not who.may(roles.SET_RULES, None)
        else 0,
        format_func=lambda p: t("rules_scope_default", lang) if p == EVERYBODY else p,
        horizontal=True,
        key="rules_scope",
    )
    or None
)  # None: the default, everybody's
if st.session_state.get("_rules_scope_shown", scope) != scope:  # the form shows the other scope's values
    for key in [k for k in st.session_state if str(k).startswith("rule_")]:
        del st.session_state[key]
st.session_state["_rules_scope_shown"] = scope
rules = analysis.status_rules(ctx.cur, scope)
if scope is not None:
    st.caption(t("rules_own" if rules["own"] else "rules_from_default", lang, programme=scope))
can_change = who.may(roles.SET_RULES, scope)
with st.form("rules"):
    left, right = st.columns(2)
    overrun_amber = left.number_input(
        t("rule_overrun_amber", lang),
        0.0,
        1000.0,
        rules["overrun_amber"] * 100,
        1.0,
        format="%g",
        key="rule_overrun_amber",
    )
    overrun_red = right.number_input(
        t("rule_overrun_red", lang), 0.0, 1000.0, rules["overrun_red"] * 100, 1.0, format="%g", key="rule_overrun_red"
    )
    drift_amber = left.number_input(
        t("rule_drift_amber", lang), 0.0, 1000.0, rules["drift_amber"] * 100, 1.0, format="%g", key="rule_drift_amber"
    )
    drift_red = right.number_input(
        t("rule_drift_red", lang), 0.0, 1000.0, rules["drift_red"] * 100, 1.0, format="%g", key="rule_drift_red"
    )
    schedule_amber = left.number_input(
        t("rule_schedule_amber", lang),
        0.0,
        1000.0,
        rules["schedule_amber"] * 100,
        1.0,
        format="%g",
        key="rule_schedule_amber",
    )
    schedule_red = right.number_input(
        t("rule_schedule_red", lang),
        0.0,
        1000.0,
        rules["schedule_red"] * 100,
        1.0,
        format="%g",
        key="rule_schedule_red",
    )
    st.caption(t("rules_schedule_note", lang))
    stuck_reports = left.number_input(
        t("rule_stuck_reports", lang),
        manage.STUCK_REPORTS_RANGE[0],
        manage.STUCK_REPORTS_RANGE[1],
        int(rules["stuck_reports"]),
        1,
        key="rule_stuck_reports",
    )
    st.caption(t("rules_stuck_note", lang))
    spent_red = st.checkbox(t("rule_spent_red", lang), value=bool(rules["spent_over_budget_red"]), key="rule_spent_red")
    if st.form_submit_button(t("save", lang), type="primary", icon=":material/save:", disabled=not can_change):
        try:
            manage.set_status_rules(
                ctx.cur,
                actor=access.user_name(),
                programme=scope,
                overrun_amber=overrun_amber / 100,
                overrun_red=overrun_red / 100,
                spent_over_budget_red=spent_red,
                drift_amber=drift_amber / 100,
                drift_red=drift_red / 100,
                schedule_amber=schedule_amber / 100,
                schedule_red=schedule_red / 100,
                stuck_reports=stuck_reports,
            )
        except ValueError:
            st.error(t("rules_invalid", lang))
        else:
            st.session_state["rules_done"] = [t("rules_saved", lang)]
            st.rerun()
if not can_change:
    st.caption(access.lacks(roles.SET_RULES, scope, lang))
elif (
    scope is not None
    and rules["own"]
    and st.button(t("rules_back_to_default", lang), icon=":material/undo:", key="rules_back_to_default")
):
    manage.forget_programme_rules(ctx.cur, scope, actor=access.user_name())
    st.session_state["rules_done"] = [t("rules_saved", lang)]
    st.rerun()
tiles.rules_caption(ctx)
if rules["updated_at"] is not None:
    st.caption(
        t("rules_changed", lang, at=fmt.date(rules["updated_at"], lang), by=audit_log.who(rules["updated_by"], lang))
    )

# --- the rhythm the programme shown is expected to report in (the portfolio page's overdue mark) -----------
if ctx.programme is not None:
    st.header(t("rules_rhythm", lang, programme=ctx.programme))  # a section under the page title (h2)
    may_set = ctx.may(roles.SET_RULES)
    with st.form("rhythm"):
        months = st.number_input(
            t("rule_rhythm_months", lang),
            0,
            manage.RHYTHM_MONTHS[1],
            int(analysis.report_rhythm(ctx.cur, ctx.programme) or 0),
            1,
            key="rule_rhythm_months",
        )
        st.caption(t("rules_rhythm_note", lang))
        if st.form_submit_button(t("save", lang), icon=":material/save:", disabled=not may_set):
            manage.set_report_rhythm(ctx.cur, ctx.programme, int(months) or None, actor=access.user_name())
            st.session_state["rules_done"] = [t("rules_rhythm_saved", lang)]
            st.rerun()
    if not may_set:
        st.caption(access.lacks(roles.SET_RULES, ctx.programme, lang))
