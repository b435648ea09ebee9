"""The address bar: what a run changes in the query string is collected and written once, when the run
ends, and only when it differs from the address the browser shows.

Streamlit sends every change of st.query_params to the browser at once, and the browser pushes a
history entry for each: one visit to a page left three, and the back button needed as many presses.
app.py calls begin() before the page runs and write() after it (also after st.stop()); app.py's script
ONE_HISTORY_ENTRY makes the write replace the page's entry instead of adding one.
"""

from __future__ import annotations

import json
from urllib import parse

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.session_state_proxy import get_session_state

PENDING = "_url_pending"
WRITTEN = "_url_written"  # this session has written the address: the browser runs app.py's script
REPLACE_ADDRESS = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-address])"
    "{{display: none}}</style><script data-address>history.replaceState(history.state, '',"
    " location.pathname + ({query} ? '?' + {query} : '') + location.hash);</script>"
)


def _current() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def begin() -> None:
    """Start collecting this run's query string from the one the browser sent."""
    st.session_state[PENDING] = _current()


def _pending() -> dict[str, list[str]] | None:
    return st.session_state.get(PENDING)


def get_all(key: str) -> list[str]:
    """Every value of `key` as this run has it so far."""
    pending = _pending()
    return list(pending.get(key, [])) if pending is not None else st.query_params.get_all(key)


def set(key: str, value: str) -> None:
    """Give `key` one value."""
    pending = _pending()
    if pending is None:  # a page run outside app.py (a test of one page): write at once
        st.query_params[key] = value
    else:
        pending[key] = [str(value)]


def pop(key: str) -> None:
    """Drop `key`."""
    pending = _pending()
    if pending is None:
        st.query_params.pop(key, None)
    else:
        pending.pop(key, None)


def replace(values: dict) -> None:
    """The whole query string: `values` (a str or a list of str per key), in this order."""
    pending = _pending()
    if pending is None:
        st.query_params.from_dict(values)
        return
    pending.clear()
    pending.update(
        {key: [value] if isinstance(value, str) else [str(v) for v in value] for key, value in values.items()}
    )


def write() -> None:
    """Write the collected query string, if it differs from the one the browser has (in order, as the
    browser compares them); one message, so at most one change of the address per run."""
    pending = st.session_state.pop(PENDING, None)
    if pending is None:
        return
    if list(pending.items()) == list(_current().items()):
        return
    if st.session_state.get(WRITTEN):
        st.query_params.from_dict(pending)
    else:  # the session's first page: the browser may not run ONE_HISTORY_ENTRY yet, so it replaces
        _replace_in_browser(pending)
    st.session_state[WRITTEN] = True


def _replace_in_browser(pending: dict[str, list[str]]) -> None:
    """The address written by the page itself (history.replaceState) and told to the server without a
    message to the browser (which would push an entry before app.py's script is there to make it a
    replacement: the browser acts on that message the moment it arrives, and runs a script only when it
    draws it)."""
    query_string = parse.urlencode(pending, doseq=True)
    with get_session_state().query_params() as params:
        params.clear_with_no_forward_msg(preserve_embed=True)
        for key, values in pending.items():
            params.set_with_no_forward_msg(key, values if len(values) != 1 else values[0])
    run = get_script_run_ctx()
    if run is not None:
        run.query_string = query_string
    st.html(REPLACE_ADDRESS.format(query=json.dumps(query_string)), unsafe_allow_javascript=True)
