"""Story: one story with all its fields, its sub-items, and its figures, light and notes over all reports."""

import pandas as pd
import streamlit as st

from pages._ui import drill, links, rebaselines, sidebar, tables, url
from pages._ui.narrative_view import story as story_narrative
from portfolio import analysis, charts, fmt, planning_charts, schedule, status
from portfolio.i18n import t

ctx = sidebar.context()
if ctx.report_id is None:
    st.stop()
lang = ctx.lang
sidebar.header(ctx, "page_story")

stories = analysis.stories(ctx.cur, ctx.report_id, filters=ctx.filters)
if stories.empty:  # a report holds stories: only filters can leave none
    sidebar.nothing_left(ctx)
codes = stories["code"].tolist()
titles = dict(zip(stories["code"], stories["title"].fillna("")))
if st.session_state.get("story_code") not in codes:  # the URL's story, else the one that most needs a look
    wanted = st.query_params.get("story")
    opened = "story_code" not in st.session_state  # a link opened, not a story left out by a new filter
    st.session_state["story_code"] = wanted if wanted in codes else status.most_urgent(stories)
    if opened:  # a story the link names that is not there: say so, and which story is shown instead
        every_code = (
            stories["code"].tolist()
            if not ctx.filters.active
            else analysis.stories(ctx.cur, ctx.report_id)["code"].tolist()
        )
        links.story(wanted, codes, every_code, st.session_state["story_code"])
code = st.selectbox(t("choose_story", lang), codes, key="story_code", format_func=lambda c: f"{c} · {titles[c]}")
links.show(lang, story=code)
url.set("story", code)
story, sub_items = analysis.story(ctx.cur, ctx.report_id, code)

st.header(f"{fmt.md(story['code'])} · {fmt.md(story['title'])}")
left, right = st.columns([1, 3])
left.badge(charts.status_text(story["status"], lang), color=charts.STATUS_BADGE[story["status"]])
cause = story.get("figures_cause")  # what made the light by the figures amber or red
cause = f" ({t(f'figures_cause_{cause}', lang)})" if cause else ""
right.badge(
    f"{t('figures_status', lang)}: {charts.status_text(story['figures_status'], lang)}{cause}",
    color=charts.STATUS_BADGE[story["figures_status"]],
)
if story["watermelon"]:  # and why: its figures, its end moved beyond the margin, or both
    st.warning(f"{t('watermelons', lang)} — {schedule.watermelon_text(story, lang)}", icon=":material/warning:")
if story.get("stuck"):  # note, spent and dates the same over several reports in a row
    st.warning(t("story_stuck", lang, n=int(story["unchanged_reports"])), icon=":material/hourglass_disabled:")
if story.get("end_passed"):  # its end lay before the report date, and it is not reported done
    end = story.get("forecast_end") or story.get("approved_end") or story.get("planned_end")
    st.warning(t("story_end_passed", lang, end=fmt.md(schedule.date_text(end, lang))), icon=":material/event_busy:")
if story["status_note"]:
    st.markdown(f"> {fmt.md(story['status_note'])}")
if story.get("ambition"):
    st.markdown(f"**{t('ambition', lang)}:** {fmt.md(story['ambition'])}")
story_narrative(ctx, code)  # approach, intended result, next step, risks (issue 23)

cols = st.columns(4)
for index, name in enumerate(("budget", "spent", "forecast", "variance")):
    cols[index].metric(t(name, lang), ctx.exact(story[name], signed=name == "variance"), border=True)

# --- schedule: the dates as the export wrote them, and the slip ------------------------------------------
DATE_FIELDS = ("start_date", "planned_end", "approved_end", "forecast_end")
st.subheader(t("story_dates", lang))
# a date as written ('31 december 2025', 'najaar 2025') wraps in its tile rather than end in '…' at 1440 px
st.html(
    "<style>.st-key-story_dates [data-testid='stMetricValue'], .st-key-story_dates [data-testid='stMetricValue'] *"
    "{white-space: normal; overflow: visible; text-overflow: clip; font-size: 1.6rem; line-height: 1.25}</style>"
)
cols = st.container(key="story_dates").columns(4)
for index, name in enumerate(DATE_FIELDS):
    cols[index].metric(t(name, lang), schedule.date_text(story.get(name), lang) or fmt.MISSING, border=True)
st.markdown(f"**{t('slip', lang)}:** {schedule.slip_text(story, lang)}")
st.markdown(f"**{t('end_move', lang)}:** {schedule.end_move_text(story, lang)}")
if story.get("duration"):  # the export's Doorlooptijd as written ('18 maanden' is kept so, never made into dates)
    st.markdown(f"**{t('duration', lang)}:** {fmt.md(story['duration'])}")
milestones = analysis.milestones(ctx.cur, ctx.report_id, [code])
if not milestones.empty:
    st.markdown(f"**{t('milestones', lang)}**")
    st.dataframe(
        planning_charts.milestone_table(milestones, lang),
        hide_index=True,
        width="stretch",
        key="story_milestones",
        placeholder=tables.PLACEHOLDER,
    )

# --- baselines: the first and the last approved, and every rebaseline with its reason ----------------------
rebaselines.section(ctx, code)

# --- over all reports ---------------------------------------------------------------------------------
history = analysis.story_history(ctx.cur, ctx.programme_id, code, approved_only=not ctx.drafts)
if len(history) > 1:
    st.subheader(t("story_over_time", lang))
    figure = charts.trend(history, ctx.currency, lang)
    if figure is not None:
        st.plotly_chart(figure, width="stretch", key="story_trend", config=drill.PLOTLY_CONFIG)
    st.dataframe(
        pd.DataFrame(
            {
                t("report_date", lang): [fmt.date(d, lang) for d in history["report_date"]],
                **{t(name, lang): tables.amounts(history[name]) for name in ("budget", "spent", "forecast")},
                t("status", lang): [charts.status_text(s, lang) for s in history["status"]],
                t("figures_status", lang): [charts.status_text(s, lang) for s in history["figures_status"]],
                t("status_note", lang): history["status_note"].fillna(""),
                **{
                    t(name, lang): [schedule.date_text(d, lang) or fmt.MISSING for d in history[name]]
                    for name in DATE_FIELDS[1:]
                },
                t("slip_days", lang): [
                    schedule.slip_cell(low, high) or fmt.MISSING
                    for low, high in zip(history["slip_days_min"], history["slip_days_max"], strict=True)
                ],
                t("end_move_days", lang): [
                    schedule.slip_cell(low, high) or fmt.MISSING
                    for low, high in zip(history["end_move_days_min"], history["end_move_days_max"], strict=True)
                ],
            }
        ),
        column_config=tables.story_columns(lang, ctx.currency),
        hide_index=True,
        width="stretch",
        key="story_history",
        row_height=tables.WRAPPING_ROW_HEIGHT,
        placeholder=tables.PLACEHOLDER,
    )

# --- every field ----------------------------------------------------------------------------------------
money_fields = (
    "budget",
    "spent",
    "realised",
    "committed",
    "forecast",
    "baseline",
    "variance",
    "drift",
    "remaining",
    "to_spend",
)
fields = [
    ("code", story["code"]),
    ("title", story["title"]),
    ("programme_line", story["programme_line"]),
    ("track", story["track"]),
    ("owner", story["owner"]),
    ("parent_code", story["parent_code"]),
    ("period", story["period"]),
    *[(name, ctx.exact(story[name], signed=name in ("variance", "drift"))) for name in money_fields],
    ("variance_pct", fmt.percent(story["variance_pct"], lang, signed=True)),
    ("drift_pct", fmt.percent(story["drift_pct"], lang, signed=True)),
    ("share_spent", fmt.percent(story["burn"], lang)),
    ("status", charts.status_text(story["status"], lang)),
    ("status_label", story["status_label"]),
    ("figures_status", charts.status_text(story["figures_status"], lang)),
    ("status_note", story["status_note"]),
    ("ambition", story.get("ambition")),
    *[(name, schedule.date_text(story.get(name), lang)) for name in DATE_FIELDS],
    ("slip", schedule.slip_text(story, lang)),
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
    height=tables.table_height(len(fields)),
    key="story_fields",
)

st.subheader(t("sub_items", lang))
if sub_items.empty:
    st.caption(t("no_sub_items", lang))
else:
    st.caption(
        t("sum_sub_items", lang, sum=ctx.exact(sub_items["budget"].sum(min_count=1)), budget=ctx.exact(story["budget"]))
    )
    drill.stories_frame(ctx, sub_items, key="sub_items")
