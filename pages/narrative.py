"""Narrative: what the report says beside its figures (portfolio/narrative.py), written by those with
the right to (roles.WRITE_NARRATIVE) in the shown programme: the report's introduction and what is asked
of the board, the portfolio holder's signed conclusion, the document's own number and version, the
period it describes and its annex list (title, document number, public under the WOB), per programme
line or track what was delivered, is at risk and comes next, per story its ambition, approach, intended
result, state of affairs and next step, the risk list, and the programme's cover memo. A text carried
over from the previous report says so until it is edited; an approved version is frozen."""

import datetime as dt

import pandas as pd
import streamlit as st

from pages._ui import access, sidebar
from portfolio import analysis, fmt, narrative, roles
from portfolio.i18n import t, tmd

ctx = sidebar.context(with_filters=False)
lang = ctx.lang
if ctx.report_id is None:
    st.stop()
sidebar.header(ctx, "page_narrative")
st.caption(t("narrative_intro", lang))
for note in st.session_state.pop("narrative_done", []):
    st.success(note)

frozen = ctx.state is not None and ctx.state.approved
may_write = ctx.may(roles.WRITE_NARRATIVE)
can_write = may_write and not frozen
if frozen:
    st.info(t("narrative_frozen", lang), icon=":material/lock:")
elif not may_write:
    st.info(access.lacks(roles.WRITE_NARRATIVE, ctx.programme, lang), icon=":material/lock:")

texts = narrative.read(ctx.cur, ctx.report_id)
actor = access.user_name()


def _where(entry: narrative.Entry | None) -> str | None:
    """Where a shown text comes from, when it is not this version's own."""
    if entry is None or not entry.body:
        return None
    if entry.carried:
        return t("narrative_carried", lang, date=fmt.date(entry.carried_date, lang), version=entry.carried_version)
    if entry.source == narrative.EXPORT:
        return t("narrative_from_export", lang)
    return None


def _save(scope: str, subject: str, values: dict, label: str) -> None:
    try:
        saved = narrative.save(ctx.cur, ctx.report_id, scope, subject, values, actor)
    except narrative.NarrativeRefused as problem:
        st.error(t(problem.key, lang, **problem.params))
        return
    st.session_state["narrative_done"] = [
        t("narrative_saved", lang, what=label, n=len(saved)) if saved else t("narrative_unchanged", lang)
    ]
    st.rerun()


def _save_table(save, edited: pd.DataFrame, done_key: str, fix=lambda row: row) -> None:
    """Save an edited table (the annex list, the risk list) as its rows, each empty cell None and fixed by
    `fix`; say how many were saved, or why nothing was."""
    rows = [fix({c: (None if pd.isna(v) else v) for c, v in row.items()}) for row in edited.to_dict("records")]
    try:
        n = save(ctx.cur, ctx.report_id, rows, actor)
    except narrative.NarrativeRefused as problem:
        st.error(t(problem.key, lang, **problem.params))
        return
    st.session_state["narrative_done"] = [t(done_key, lang, n=n)]
    st.rerun()


def _text_form(scope: str, subject: str, label: str, key: str, fields: tuple | None = None) -> None:
    """A form with one text area per field of the scope (one line for the short ones: number, version,
    period), filled with what the version shows now."""
    shown = texts.texts.get((scope, subject), {})
    with st.form(f"narrative_{key}"):
        values = {}
        for name in fields or narrative.FIELDS[scope]:
            entry = shown.get(name)
            short = name in ("document_number", "document_version", "period_name")
            values[name] = (st.text_input if short else st.text_area)(
                t(f"nar_{name}", lang),
                value=entry.body if entry else "",
                key=f"nar_{key}_{name}",
                max_chars=200 if short else narrative.MAX_TEXT,
                disabled=not can_write,
                help=_where(entry),
            )
            if where := _where(entry):
                st.caption(f":material/history: {where}")
        if st.form_submit_button(t("save", lang), type="primary", icon=":material/save:", disabled=not can_write):
            _save(scope, subject, values, label)


st.header(t("narrative_report", lang))
_text_form(narrative.REPORT, "", t("narrative_report", lang), "report", narrative.REPORT_PROSE + narrative.REPORT_SHORT)

st.subheader(t("narrative_annexes", lang))
st.caption(t("narrative_annexes_note", lang))
if where := _where(texts.get(narrative.REPORT, "", "annexes")):
    st.caption(f":material/history: {where}")
ANNEX_LABELS = {
    "title": t("annex_title", lang),
    "number": t("annex_number", lang),
    "public": t("annex_public", lang),
    "reading_room": t("annex_reading_room_col", lang),
}
PUBLIC_WORDS = {v: t(v, lang) for v in narrative.PUBLIC_VALUES}  # 'yes' shown as 'ja'
annex_frame = pd.DataFrame(narrative.annexes(texts) or [], columns=list(narrative.ANNEX_FIELDS))
annex_frame["public"] = annex_frame["public"].map(PUBLIC_WORDS)
annex_frame = annex_frame.astype({"title": "string", "number": "string", "public": "string", "reading_room": "bool"})
annexes_edited = st.data_editor(
    annex_frame,
    num_rows="dynamic",
    width="stretch",
    disabled=not can_write,
    key="nar_annexes",
    column_config={
        "title": st.column_config.TextColumn(ANNEX_LABELS["title"]),
        "number": st.column_config.TextColumn(ANNEX_LABELS["number"]),
        "public": st.column_config.SelectboxColumn(ANNEX_LABELS["public"], options=list(PUBLIC_WORDS.values())),
        "reading_room": st.column_config.CheckboxColumn(ANNEX_LABELS["reading_room"]),
    },
)
if st.button(t("narrative_save_annexes", lang), icon=":material/save:", disabled=not can_write, key="nar_annexes_save"):
    chosen = {word: value for value, word in PUBLIC_WORDS.items()}  # 'ja' saved as 'yes'
    _save_table(
        narrative.save_annexes,
        annexes_edited,
        "narrative_annexes_saved",
        lambda row: {**row, "public": chosen.get(row["public"], row["public"])},
    )

stories = analysis.stories(ctx.cur, ctx.report_id)
scope, groups = narrative.grouping(stories)
if groups:
    st.header(t("narrative_groups_track" if scope == narrative.TRACK else "narrative_groups_line", lang))
    group = st.selectbox(t("track" if scope == narrative.TRACK else "programme_line", lang), groups, key="nar_group")
    _text_form(scope, group, group, f"group_{groups.index(group)}")

top = stories[stories["parent_code"].isna()]
if len(top):
    st.header(t("narrative_stories", lang))
    codes = top["code"].astype(str).tolist()
    names = {str(r.code): f"{r.code} · {r.title}" if r.title else str(r.code) for r in top.itertuples()}
    chosen = st.query_params.get("story") if st.query_params.get("story") in names else codes[0]
    code = st.selectbox(t("pr_story", lang), codes, index=codes.index(chosen), format_func=names.get, key="nar_story")
    _text_form(narrative.STORY, code, names[code], f"story_{codes.index(code)}")

st.header(t("pr_risks", lang))
if texts.risks_source == narrative.CARRIED and texts.risks_carried_from is not None:
    carried_from = texts.risks_carried_from
    st.caption(
        ":material/history: "
        + t("narrative_carried", lang, date=fmt.date(carried_from[1], lang), version=carried_from[2])
    )
columns = list(narrative.RISK_FIELDS)
RISK_LABELS = {c: t(f"risk_col_{c.removeprefix('story_code') or 'story'}", lang) for c in columns}
own = [r for r in texts.risks if r["source"] != narrative.EXPORT]
frame = pd.DataFrame([{c: r[c] for c in columns} for r in own], columns=columns).astype("string")
edited = st.data_editor(
    frame,
    num_rows="dynamic",
    width="stretch",
    disabled=not can_write,
    key="nar_risks",
    column_config={
        "story_code": st.column_config.SelectboxColumn(t("risk_col_story", lang), options=codes if len(top) else []),
        **{c: st.column_config.TextColumn(RISK_LABELS[c]) for c in columns if c != "story_code"},
    },
)
exported = [r for r in texts.risks if r["source"] == narrative.EXPORT]
if exported:
    st.caption(t("narrative_risks_export", lang, n=len(exported)))
    st.dataframe(
        pd.DataFrame([{RISK_LABELS[c]: r[c] or "" for c in columns} for r in exported]),
        hide_index=True,
        width="stretch",
    )
if st.button(t("narrative_save_risks", lang), icon=":material/save:", disabled=not can_write, key="nar_risks_save"):
    _save_table(narrative.save_risks, edited, "narrative_risks_saved")

st.header(t("narrative_cover", lang))
st.caption(tmd("narrative_cover_note", lang, programme=ctx.programme))
cover = narrative.cover(ctx.cur, ctx.programme_id) if ctx.programme_id is not None else {}
may_cover = may_write and ctx.programme_id is not None  # the programme's, not the version's: never frozen
with st.form("narrative_cover"):
    left, right = st.columns(2)
    values = {}
    for i, name in enumerate(("subject", "registration", "author", "department", "portfolio_holder", "addressee")):
        values[name] = (left if i % 2 == 0 else right).text_input(
            t(f"cover_{name}", lang), value=cover.get(name, ""), key=f"cover_{name}", disabled=not may_cover
        )
    memo_date = cover.get("memo_date")
    picked = left.date_input(
        t("cover_memo_date", lang),
        value=dt.date.fromisoformat(memo_date) if memo_date else None,
        key="cover_memo_date",
        disabled=not may_cover,
        format="DD-MM-YYYY",
    )
    values["memo_date"] = picked.isoformat() if picked else ""

    def choice(column, name: str, options: tuple) -> str:
        """A cover field chosen from `options` ('' = not given), e.g. public: yes or no."""
        choices = ["", *options]
        given = cover.get(name, "")
        return column.selectbox(
            t(f"cover_{name}", lang),
            choices,
            index=choices.index(given) if given in choices else 0,
            format_func=lambda v: t(f"cover_{name}_{v}", lang) if v else t("cover_not_given", lang),
            key=f"cover_{name}",
            disabled=not may_cover,
        )

    values["public"] = choice(right, "public", narrative.PUBLIC_VALUES)
    values["purpose"] = choice(left, "purpose", narrative.PURPOSES)
    values["period"] = right.text_input(
        t("cover_period", lang), value=cover.get("period", ""), key="cover_period", disabled=not may_cover
    )
    values["goals"] = st.text_area(
        t("cover_goals", lang), value=cover.get("goals", ""), key="cover_goals", disabled=not may_cover
    )
    if st.form_submit_button(t("save", lang), type="primary", icon=":material/save:", disabled=not may_cover):
        try:
            saved = narrative.save_cover(ctx.cur, ctx.programme_id, values, actor, ctx.report_id)
        except narrative.NarrativeRefused as problem:
            st.error(t(problem.key, lang, **problem.params))
        else:
            st.session_state["narrative_done"] = [
                t("narrative_cover_saved", lang, n=len(saved)) if saved else t("narrative_unchanged", lang)
            ]
            st.rerun()
