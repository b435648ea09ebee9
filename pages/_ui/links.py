"""A link to something that is not there (an unknown programme, a day without a report, an unknown
story, line or track): what is shown instead, and a note on the page that says what was asked and what
is shown. The note stays while the page shows what it describes; a choice of the user's own ends it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from portfolio import fmt, names
from portfolio.i18n import tmd

NOTES = "_link_notes"  # session key: [(what it is about, the value shown instead, text in a language)]
ASKED_SHOWN = 80  # characters of what a link asked for that a note repeats


def _asked(value: str) -> str:
    value = str(value)
    return value if len(value) <= ASKED_SHOWN else value[: ASKED_SHOWN - 1] + "…"


def note(about: str, shown, text) -> None:
    """Keep a note on what a link asked for (`text(lang)` says it) while `about` shows `shown`."""
    notes = [n for n in st.session_state.get(NOTES, []) if n[0] != about]
    st.session_state[NOTES] = [*notes, (about, shown, text)]


def show(lang: str, **now) -> None:
    """The notes about what `now` names (about=value shown) while it still shows what they say was shown
    instead; a note whose subject shows something else is dropped: the user has chosen since."""
    notes = st.session_state.get(NOTES, [])
    kept = [n for n in notes if n[0] not in now or now[n[0]] == n[1]]
    st.session_state[NOTES] = kept
    for about, _, text in kept:
        if about in now:
            st.warning(text(lang), icon=":material/link_off:")


def programme(wanted: str | None, known: list[str], opened: bool) -> tuple[str, bool]:
    """The programme to show for ?programme=`wanted`, and whether it is the one asked for: that one, the
    one it names in another spelling ('mab-flevoland'), else the first; a note when a link (`opened`)
    asked for one that is not there."""
    if not wanted or wanted in known:
        return (wanted if wanted else known[0]), True
    found = names.match(wanted, known)
    if found.kind == names.SAME:
        return found.name, True
    shown = known[0]
    if opened:
        close = ", ".join(c for c in found.candidates if c != shown) if found.kind == names.CLOSE else ""

        def text(lang: str) -> str:
            said = tmd("link_no_programme", lang, asked=_asked(wanted), shown=shown)
            return f"{said} {tmd('link_did_you_mean', lang, names=close)}" if close else said

        note("programme", shown, text)
    return shown, False


def report_date(wanted: str | None, dates: list[str], programme_name: str, opened: bool) -> str:
    """The report to show for ?date=`wanted` (dates: ISO, newest first): that day's, else the one that
    stood on that day (the last before it), else the first after it; the newest when it is no date. A
    note when a link (`opened`) asked for a day without a report."""
    if not wanted or wanted in dates:
        return wanted if wanted else dates[0]
    try:
        day = dt.date.fromisoformat(str(wanted)).isoformat()
    except ValueError:
        day = None
    if day is None:
        shown, key = dates[0], "link_not_a_date"
    elif any(d < day for d in dates):
        shown, key = max(d for d in dates if d < day), "link_no_report_before"
    else:
        shown, key = min(dates), "link_no_report_after"
    if opened:
        asked = _asked(wanted) if day is None else None

        def text(lang: str) -> str:
            return tmd(
                key,
                lang,
                programme=programme_name,
                asked=asked if asked is not None else fmt.date(day, lang),
                shown=fmt.date(shown, lang),
            )

        note("date", shown, text)
    return shown


def story(wanted: str | None, codes: list[str], every_code: list[str], shown: str) -> None:
    """A note when ?story=`wanted` is not among the stories shown: not in the report (`every_code`), or
    left out by the filters; `shown` is the story the page opens instead."""
    if not wanted or wanted in codes:
        return
    key = "link_story_filtered" if wanted in every_code else "link_no_story"
    note("story", shown, lambda lang: tmd(key, lang, asked=_asked(wanted), shown=shown))


def group(kind: str, wanted: str | None, known: list[str], shown: str, label) -> None:
    """A note when ?chosen_line= / ?chosen_track= names no group of the report; `shown` is opened
    instead, `label(name, lang)` writes a group's name."""
    if not wanted or wanted in known:
        return
    key = {"line": "link_no_line", "track": "link_no_track"}[kind]
    note(kind, shown, lambda lang: tmd(key, lang, asked=_asked(wanted), shown=label(shown, lang)))
