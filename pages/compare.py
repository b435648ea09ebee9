"""Compare: any two reports of a programme, side by side: stories added and removed, forecast and
budget moves, lights better or worse."""

import streamlit as st

from pages._ui import planning_view, sections, sidebar
from portfolio import analysis, compare, fmt, roles
from portfolio.i18n import t, tmd

ctx = sidebar.context()
if ctx.report_id is None:
    st.stop()
lang = ctx.lang
sidebar.header(ctx, "page_compare")
sidebar.filter_note(ctx)

reports = ctx.reports()  # the reports the sidebar offers: of record, or with the drafts when chosen
ids = [int(r) for r in reports["report_id"]]
labels = {int(r.report_id): fmt.date(r.report_date, lang) for r in reports.itertuples()}
if len(ids) < 2:  # no dead end: say what to upload next, and where
    st.info(tmd("compare_needs_two", lang, programme=ctx.info["programme"], date=labels[ids[0]]))
    if ctx.may(roles.UPLOAD):
        st.page_link("pages/upload.py", label=t("compare_upload_next", lang), icon=":material/upload_file:")
    else:
        st.caption(t("compare_ask_uploader", lang))
    st.stop()
left, right = st.columns(2)
newer = right.selectbox(
    t("compare_new", lang), ids, index=ids.index(ctx.report_id), format_func=labels.get, key="compare_new"
)
older_choices = [i for i in ids if i != newer]
older = left.selectbox(t("compare_old", lang), older_choices, format_func=labels.get, key="compare_old")
comparison = compare.compare_reports(ctx.cur, older, newer, ctx.filters)
if ctx.filters.active and all(analysis.stories(ctx.cur, r, filters=ctx.filters).empty for r in (older, newer)):
    sidebar.nothing_left(ctx)  # the filter left nothing of either report: not 'no changes'
st.header(t("compare_between", lang, old=labels[older], new=labels[newer]))
before, after = (
    analysis.totals(ctx.cur, older, filters=ctx.filters),
    analysis.totals(ctx.cur, newer, filters=ctx.filters),
)
cols = st.columns(3)
for col, name in zip(cols, ("budget", "spent", "forecast")):
    change = None if before[name] is None or after[name] is None else after[name] - before[name]
    col.metric(
        t(name, lang),
        ctx.money(after[name]),
        delta=fmt.money_delta(change, ctx.currency, lang) if change else None,
        delta_color="off",
        border=True,
        help=f"{labels[older]}: {ctx.exact(before[name])}",
    )
sections.comparison_section(ctx, comparison, key="compare")
planning_view.compare_section(ctx, older, newer)  # the schedule beside the money (issue 22)
