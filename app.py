"""Entry point: routes to the pages. Everything else lives in pages/ and the portfolio package."""

import json
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException

from pages._ui import url
from pages._ui.access import access, follow_deep_link
from pages._ui.session import current_lang, session
from portfolio import roles
from portfolio.i18n import t

ICON = Path(__file__).resolve().parent / "static" / "icon.png"
# Streamlit's page says <html lang="en"> whatever the app speaks; screen readers pick their voice and
# browsers their hyphenation from it. This script sets it to the chosen language on every run; its
# style hides its own element, so it takes no room in the layout.
# Streamlit writes the numbers of table columns (and the date picker's months) in the notation of
# navigator.languages, read on every cell: the script makes that the app's language, so a Dutch page
# shows € 1.105.000 and 17,5% in an English browser too (and an English page €1,105,000 in a Dutch one).
PAGE_LANGUAGE = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-page-language])"
    "{{display: none}}</style><script data-page-language>document.documentElement.lang = {lang};"
    "Object.defineProperty(navigator, 'languages', {{get: () => [{locale}], configurable: true}});"
    "Object.defineProperty(navigator, 'language', {{get: () => {locale}, configurable: true}});</script>"
)
LOCALES = {"nl": "nl-NL", "en": "en-GB"}  # the notation each language writes numbers in
# One visit, one entry in the browser's history: Streamlit pushes an entry for the page it opens and
# another for every change the script makes to the query string (the sidebar's choices, the page's own
# keys), so the back button needed three presses per page. A query string written on the page already
# shown replaces its entry; a new page still pushes one. Installed once per browser tab.
ONE_HISTORY_ENTRY = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-history])"
    "{display: none}</style><script data-history>if (!window.__oneHistoryEntry) {"
    "window.__oneHistoryEntry = true; const push = history.pushState.bind(history);"
    "history.pushState = function (state, title, url) {"
    "const next = url === undefined || url === null ? location : new URL(url, location.href);"
    "return next.pathname === location.pathname ? history.replaceState(state, title, url)"
    " : push(state, title, url); };}</script>"
)


# Below 1200 px the sidebar (300 px) would leave the page too little room beside it (tiles and tables cut):
# on a tab's first page it starts closed, as Streamlit itself closes it below 768 px. A choice the person
# made (Streamlit keeps it in localStorage) is left alone; the close done here is not kept as one.
CLOSED_SIDEBAR_BELOW = 1200
NARROW_SIDEBAR = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-narrow-sidebar])"
    "{{display: none}}</style><script data-narrow-sidebar>if (!window.__narrowSidebar) {{"
    "window.__narrowSidebar = true; const mine = () => Object.keys(localStorage)"
    ".filter(k => k.startsWith('stSidebarCollapsed-'));"
    "if (window.innerWidth < {below} && mine().length === 0) {{ let tries = 0; const close = () => {{"
    "const button = document.querySelector(\"[data-testid='stSidebarCollapseButton'] button\");"
    "if (button) {{ button.click(); mine().forEach(k => localStorage.removeItem(k)); }}"
    " else if (tries++ < 150) setTimeout(close, 100); }}; close(); }} }}</script>"
)


# On a phone Streamlit's 2.75rem page title breaks a long Dutch word mid-way ('Portfoliodashboar|d'): a
# smaller title there, hyphenated by the page's language where a word is still too long.
NARROW_TITLES = "<style>@media (max-width: 480px) {[data-testid='stMain'] h1 {font-size: 2rem; hyphens: auto}}</style>"


def run() -> None:
    lang = current_lang()
    # The icon is a file of the app's own: a ':material/...' or emoji page icon makes every browser
    # fetch it from a third-party host (fonts.gstatic.com).
    st.set_page_config(page_title=t("app_title", lang), page_icon=str(ICON), layout="wide")
    st.html(
        PAGE_LANGUAGE.format(lang=json.dumps(lang), locale=json.dumps(LOCALES.get(lang, "nl-NL"))),
        unsafe_allow_javascript=True,
    )
    st.html(ONE_HISTORY_ENTRY, unsafe_allow_javascript=True)
    st.html(NARROW_TITLES)
    st.html(NARROW_SIDEBAR.format(below=CLOSED_SIDEBAR_BELOW), unsafe_allow_javascript=True)
    who = access(lang)  # a sign-in screen stops here when sign-in is configured
    portfolio = st.Page(
        "pages/portfolio.py", title=t("page_portfolio", lang), icon=":material/view_list:", default=True
    )
    overview = st.Page("pages/overview.py", title=t("page_overview", lang), icon=":material/dashboard:")
    pages = [
        portfolio,
        overview,
        st.Page("pages/lines.py", title=t("page_lines", lang), icon=":material/account_tree:"),
        st.Page("pages/tracks.py", title=t("page_tracks", lang), icon=":material/alt_route:"),
        st.Page("pages/story.py", title=t("page_story", lang), icon=":material/description:"),
        st.Page("pages/compare.py", title=t("page_compare", lang), icon=":material/compare_arrows:"),
        *(
            [st.Page("pages/upload.py", title=t("page_upload", lang), icon=":material/upload_file:")]
            if who.may_somewhere(roles.UPLOAD)
            else []
        ),
        st.Page("pages/narrative.py", title=t("page_narrative", lang), icon=":material/edit_note:"),
        st.Page("pages/approval.py", title=t("page_approval", lang), icon=":material/verified:"),
        st.Page("pages/history.py", title=t("page_history", lang), icon=":material/history:"),
        st.Page("pages/rules.py", title=t("page_rules", lang), icon=":material/rule:"),
    ]
    page = st.navigation(pages)
    if "_after_sign_in" in st.session_state:  # the link sign-in stood in for counts as opened now
        st.session_state["_session_ran"] = False
    follow_deep_link(pages, page)  # a link opened before sign-in opens its page after it
    opened_here = not st.session_state.get("_session_ran")  # a link opened, not a page chosen in the session
    st.session_state["_session_ran"] = True
    if opened_here and page.url_path == portfolio.url_path and "programme" in st.query_params:
        # '/?programme=X' was the overview's address before the portfolio page came first: it still opens it
        st.switch_page(overview, query_params={k: st.query_params.get_all(k) for k in st.query_params})
    url.begin()  # the page's changes to the address are written once, when it has run
    moving_on = False
    try:
        with session():
            page.run()
    except RerunException:  # st.switch_page or st.rerun: the next run writes the address
        moving_on = True
        raise
    finally:  # also after st.stop() or an error: the page shown is the one its address names
        if not moving_on:
            url.write()


run()
