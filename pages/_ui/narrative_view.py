"""The narrative where it belongs (portfolio/narrative.py): the report's introduction and what it asks
of the board on the overview, a line's or track's on its page, a story's on the story page; a text
carried over from the previous report says so, and those who may write get a link to the Toelichting page."""

from __future__ import annotations

import streamlit as st

from pages._ui.sidebar import Context
from portfolio import fmt, narrative, roles
from portfolio.i18n import t


def _read(ctx: Context) -> narrative.Narrative:
    return narrative.read(ctx.cur, ctx.report_id)


def _show(ctx: Context, texts: dict[str, narrative.Entry]) -> None:
    for name, entry in texts.items():
        st.markdown(f"**{t(f'nar_{name}', ctx.lang)}:** {fmt.md(entry.body)}")
        if entry.carried and entry.carried_date is not None:
            st.caption(
                ":material/history: "
                + t(
                    "narrative_carried",
                    ctx.lang,
                    date=fmt.date(entry.carried_date, ctx.lang),
                    version=entry.carried_version,
                )
            )


def _write_link(ctx: Context) -> None:
    if ctx.may(roles.WRITE_NARRATIVE) and not (ctx.state is not None and ctx.state.approved):
        st.page_link("pages/narrative.py", label=t("narrative_write", ctx.lang), icon=":material/edit_note:")


def report(ctx: Context) -> None:
    """The report's introduction and what it asks of the board (the overview)."""
    texts = {k: v for k, v in _read(ctx).of(narrative.REPORT, "").items() if k in narrative.REPORT_PROSE}
    if texts:
        with st.expander(t("narrative_report", ctx.lang), expanded=True):
            _show(ctx, texts)
    _write_link(ctx)


def group(ctx: Context, kind: str, name: str) -> None:
    """What a programme line or track delivered, has at risk and does next (the lines and tracks pages)."""
    scope = narrative.TRACK if kind == "track" else narrative.LINE
    texts = _read(ctx).of(scope, name or "")
    if texts:
        _show(ctx, texts)


def story(ctx: Context, code: str) -> None:
    """A story's approach, intended result and next step, and its risks (the story page)."""
    found = _read(ctx)
    texts = found.of(narrative.STORY, code)
    risks = [r for r in found.risks if r["story_code"] == str(code)]
    if texts or risks:
        st.subheader(t("page_narrative", ctx.lang))
        _show(ctx, texts)
        for risk in risks:
            measure = fmt.md(risk["measure"]) if risk["measure"] else t("pr_risk_no_measure", ctx.lang)
            st.markdown(
                f"- **{t('risk', ctx.lang)}:** {fmt.md(risk['risk'])} · **{t('risk_measure', ctx.lang)}:** {measure}"
            )
    _write_link(ctx)
