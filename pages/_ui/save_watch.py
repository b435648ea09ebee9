"""A save cut off by a lost server (issue 24, item 4): the browser, moved to another server (or the same
one started again), is told that its save was lost instead of seeing the upload page as if nothing
happened.

A Streamlit session lives in one server's memory; when that server dies during a save, the browser
reconnects and a new session starts on another server, which knows nothing of the save. The browser
does: a click on Opslaan leaves a mark in the tab's sessionStorage naming this session (a random token
of its own) and the file. The upload page's next run in the same session (the save done, refused or
failed, each said on the page) takes the mark away; a run in another session that finds a mark
reloads the page with ?save_lost=FILE, and the page says the save was lost and nothing of it saved
(a save is one transaction: the catalog holds all of it or none; files it had written are removed by
`python -m portfolio maintain`).
"""

from __future__ import annotations

import json
import secrets

import streamlit as st

from pages._ui import url
from portfolio import fmt
from portfolio.i18n import t

LOST = "save_lost"  # the query parameter the browser reloads with
TOKEN = "_save_watch_token"
SAVE_BUTTON = "upload_save"  # the key of the upload page's Opslaan button
SCRIPT = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-save-watch])"
    "{{display: none}}</style><script data-save-watch>(() => {{"
    "const key = 'portfolio_save_begun', me = {token}, saving = {saving}, lost = {lost};"
    "window.__portfolioSaveSession = me;"
    "const here = new URL(location.href);"  # said once: a reload or a bookmark does not say it again
    "if (here.searchParams.has(lost)) {{ here.searchParams.delete(lost);"
    " history.replaceState(history.state, '', here.toString()); }}"
    "if (!window.__portfolioSaveWatch) {{ window.__portfolioSaveWatch = true;"
    " document.addEventListener('click', (event) => {{"
    "  const button = event.target.closest && event.target.closest('.st-key-{button} button');"
    "  if (button && !button.disabled) sessionStorage.setItem(key, JSON.stringify("
    "   {{session: window.__portfolioSaveSession, file: window.__portfolioUploadFile || ''}}));"
    " }}, true); }}"
    "if (saving) return;"
    "const begun = JSON.parse(sessionStorage.getItem(key) || 'null');"
    "sessionStorage.removeItem(key);"
    "if (begun && begun.session !== me) {{"
    " const address = new URL(location.href); address.searchParams.set(lost, begun.file || '-');"
    " location.replace(address.toString()); }}"
    "}})();</script>"
)
FILE_SCRIPT = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-save-file])"
    "{{display: none}}</style><script data-save-file>window.__portfolioUploadFile = {name};</script>"
)


def watch(lang: str) -> None:
    """At the top of the upload page: say a save that was lost with its server, and watch this one."""
    lost = url.get_all(LOST)
    if lost:
        name = lost[0] if lost[0] != "-" else t("upload_save_lost_file", lang)
        st.warning(t("upload_save_lost", lang, file=fmt.md(name)))
        url.pop(LOST)
    token = st.session_state.setdefault(TOKEN, secrets.token_hex(12))
    saving = bool(st.session_state.get(SAVE_BUTTON))  # this run is the click on Opslaan: keep the mark
    script = SCRIPT.format(
        token=json.dumps(token), saving=json.dumps(saving), lost=json.dumps(LOST), button=SAVE_BUTTON
    )
    st.html(script, unsafe_allow_javascript=True)


def file_name(name: str) -> None:
    """The file a click on Opslaan would save, for the mark."""
    st.html(FILE_SCRIPT.format(name=json.dumps(name)), unsafe_allow_javascript=True)
