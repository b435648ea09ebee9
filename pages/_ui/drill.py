"""Drill-down: clicks on table rows and chart bars that pick a group further down the page or open
another page (a story, a line, a track)."""

from __future__ import annotations

import html
import json

import pandas as pd
import streamlit as st

from pages._ui.sidebar import Context
from pages._ui.tables import PLACEHOLDER, WRAPPING_ROW_HEIGHT, stories_table, story_columns

PLOTLY_CONFIG = {"displayModeBar": False}  # no toolbar: lighter pages, and no 32 tab stops before the downloads


def clicked_bar(figure, key: str, container=None) -> str | None:
    """Show a chart whose bars can be clicked; answer the bar's customdata (a group name or a story
    code) once per new click, None otherwise."""
    event = (container or st).plotly_chart(
        figure, width="stretch", key=key, on_select="rerun", selection_mode="points", config=PLOTLY_CONFIG
    )
    points = list(event.selection.points) if event is not None and event.selection else []
    picked = points[0].get("customdata") if points else None
    if isinstance(picked, list):
        picked = picked[0] if picked else None
    memo = f"_clicked_{key}"
    new = picked is not None and st.session_state.get(memo) != picked
    st.session_state[memo] = picked
    return str(picked) if new else None


def drill_down(event, values: pd.Series, target_key: str) -> bool:
    """A row clicked in a roll-up table picks that group in the widget `target_key` further down the page;
    True when a new click did.

    Applied once per new click, so the widget can still be changed by hand afterwards.
    """
    rows = event.selection.rows if event is not None else []
    memo = f"_clicked_{target_key}"
    picked = values.iloc[rows[0]] if rows else None
    new = picked is not None and st.session_state.get(memo) != picked
    if new:
        st.session_state[target_key] = picked
    st.session_state[memo] = picked
    return new


STORIES_ANCHOR = "chosen-stories"  # the heading above a chosen group's stories

# Scrolls the element with the given id into view once the page has drawn it. The style hides the
# script's own element (as app.py does for the page language), so it takes no room in the layout.
_SCROLL = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-scroll-to])"
    '{{display: none}}</style><script data-scroll-to data-pick="{pick}">'
    "(function (id, tries) {{ const go = () => {{ const el = document.getElementById(id);"
    " if (el) el.scrollIntoView({{block: 'start', behavior: 'smooth'}}); else if (tries-- > 0) setTimeout(go, 100); }};"
    " go(); }})({anchor}, 30);</script>"
)


def scroll_to(anchor: str, pick: object) -> None:
    """Bring the heading with this anchor into view (after a click that changed what it shows; `pick`
    makes each new click a new element, so the browser runs the script again)."""
    st.html(
        _SCROLL.format(anchor=json.dumps(anchor), pick=html.escape(str(pick), quote=True)),
        unsafe_allow_javascript=True,
    )


def open_story(code: str | None) -> None:
    """Drill down to one story (its page)."""
    if code is not None:
        st.session_state["story_code"] = str(code)
        st.switch_page("pages/story.py")


def open_group(kind: str, name: str | None) -> None:
    """Drill down to a programme line or track: its page, with that group chosen."""
    if name is not None:
        st.session_state[kind] = name
        st.switch_page("pages/lines.py" if kind == "line" else "pages/tracks.py")


def open_story_on_select(event, stories: pd.DataFrame) -> None:
    """Drill down: a row picked in a story table opens that story."""
    rows = event.selection.rows if event is not None else []
    if rows:
        open_story(stories["code"].iloc[rows[0]])


def stories_frame(ctx: Context, stories: pd.DataFrame, key: str) -> None:
    """A story table the user can click to open a story."""
    event = st.dataframe(
        stories_table(ctx, stories),
        column_config=story_columns(ctx.lang, ctx.currency),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        placeholder=PLACEHOLDER,
        row_height=WRAPPING_ROW_HEIGHT,
    )
    open_story_on_select(event, stories)
