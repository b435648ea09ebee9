"""Story: one story with all its fields and its sub-items."""

import streamlit as st

from pages import _shared as ui
from portfolio import analysis, charts, fmt
from portfolio.i18n import t

ctx = ui.context()
if ctx.report_id is None:
    st.stop()
lang = ctx.lang
ui.header(ctx, "page_story")

stories = analysis.stories(ctx.cur, ctx.report_id)
codes = stories["code"].tolist()
titles = dict(zip(stories["code"], stories["title"].fillna("")))
if st.session_state.get("story_code") not in codes:
    wanted = st.query_params.get("story")
    st.session_state["story_code"] = wanted if wanted in codes else codes[0]
code = st.selectbox(t("choose_story", lang), codes, key="story_code", format_func=lambda c: f"{c} · {titles[c]}")
st.query_params["story"] = code
story, sub_items = analysis.story(ctx.cur, ctx.report_id, code)

st.header(f"{story['code']} · {story['title'] or ''}")
st.badge(charts.status_text(story["status"], lang), color=charts.STATUS_BADGE[story["status"]])
if story["status_note"]:
    st.markdown(f"> {story['status_note']}")

money_fields = ("budget", "spent", "realised", "committed", "forecast", "baseline", "variance", "remaining", "to_spend")
cols = st.columns(4)
for index, name in enumerate(("budget", "spent", "forecast", "variance")):
    cols[index].metric(t(name, lang), ctx.exact(story[name], signed=name == "variance"), border=True)

fields = [
    ("code", story["code"]),
    ("title", story["title"]),
    ("programme_line", story["programme_line"]),
    ("track", story["track"]),
    ("owner", story["owner"]),
    ("parent_code", story["parent_code"]),
    ("period", story["period"]),
    *[(name, ctx.exact(story[name], signed=name == "variance")) for name in money_fields],
    ("variance_pct", fmt.percent(story["variance_pct"], lang, signed=True)),
    ("share_spent", fmt.percent(story["burn"], lang)),
    ("status", charts.status_text(story["status"], lang)),
    ("status_label", story["status_label"]),
    ("status_note", story["status_note"]),
    ("necessity", t(story["necessity"], lang) if story["necessity"] else None),
    ("in_totals", t("yes" if story["in_totals"] else "no", lang)),
    ("source", f"{ctx.info['source_file']}, {t('row', lang)} {story['source_row']}"),
]
st.subheader(t("story_fields", lang))
st.dataframe(
    {
        t("field", lang): [t(name, lang) for name, _ in fields],
        t("value", lang): [fmt.MISSING if v in (None, "") else str(v) for _, v in fields],
    },
    hide_index=True,
    width="stretch",
    height=ui.table_height(len(fields)),
    key="story_fields",
)

st.subheader(t("sub_items", lang))
if sub_items.empty:
    st.caption(t("no_sub_items", lang))
else:
    st.caption(
        t("sum_sub_items", lang, sum=ctx.exact(sub_items["budget"].sum(min_count=1)), budget=ctx.exact(story["budget"]))
    )
    ui.stories_frame(ctx, sub_items, key="sub_items")
