"""Sign-in and access: who is using the app and what they may do (portfolio/auth.py and
portfolio/signin.py decide; this module draws the sign-in screen and the sidebar's sign-in status).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import weakref
from dataclasses import dataclass
from urllib.parse import urlparse

import streamlit as st

from pages._ui import cookies, uploads
from pages._ui.session import _database, cursor, database_problem
from portfolio import audit, auth, db, fmt, roles, signin
from portfolio.i18n import t, tmd


@dataclass(frozen=True)
class Access:
    """Who is using the app and what they may do, per programme (portfolio/roles.py)."""

    user: str | None
    grants: roles.Grants
    mode: str

    def may(self, right: str, programme: str | None) -> bool:
        """Whether this user has `right` (roles.UPLOAD, ...) in `programme`."""
        return self.grants.may(right, programme)

    def may_somewhere(self, right: str) -> bool:
        return self.grants.may_somewhere(right)

    def role_in(self, programme: str | None) -> str | None:
        return self.grants.role_in(programme)

    def visible(self, programmes: list[str]) -> list[str]:
        """The programmes this user may see, in the order given."""
        return self.grants.visible(programmes)


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file: the app runs open
        return {}


def display_names() -> dict[str, str]:
    """Account (user name, e-mail) -> display name, from the sign-in configuration: how the written
    report names people (never by an account name)."""
    try:
        return dict(auth.load_config(_secrets()).display_names)
    except auth.AuthConfigError:
        return {}


def access(lang: str) -> Access:
    """Sign the user in as configured (see portfolio/auth.py), or stop the page with a sign-in screen.

    The server's upload endpoint takes files from this session only while this says it may change data
    (pages/_ui/uploads.py)."""
    signin.redact_session_ids()  # Streamlit's log lines name session ids; the server log keeps none
    try:
        found = _access(lang)
    except BaseException:  # the sign-in screen stops the run (or a sign-in reruns it)
        uploads.allow(False)
        raise
    uploads.allow(found.may_somewhere(roles.UPLOAD))
    st.session_state["_access"] = found
    return found


def _access(lang: str) -> Access:
    try:
        config = auth.load_config(_secrets())
    except auth.AuthConfigError as problem:
        st.error(t("auth_config_error", lang, detail=str(problem)))
        st.stop()
    if config.mode == auth.OPEN:
        return Access(None, roles.EVERY_RIGHT, auth.OPEN)
    if config.mode == auth.OIDC:
        return _oidc_access(config, lang)
    return _builtin_access(config, lang)


def _oidc_access(config: auth.AuthConfig, lang: str) -> Access:
    if not st.user.is_logged_in:
        _sign_in_screen(lang)
        st.info(t("sign_in_needed", lang))
        st.button(
            t("sign_in", lang),
            on_click=st.login,
            args=(config.provider,) if config.provider else (),
            type="primary",
            key="sign_in_oidc",
        )
        st.stop()
    who = st.user.get("email") or st.user.get("name")
    grants = config.grants_for(who)
    if grants is None:
        st.error(t("no_access", lang, who=fmt.md(who)))
        st.button(t("sign_out", lang), on_click=st.logout, key="sign_out_denied")
        st.stop()
    return Access(who, grants, auth.OIDC)


# Before sign-in st.navigation has not run, so Streamlit would list the files in pages/ by their names
# in the sidebar ('app', 'approval', ...): a sign-in screen shows no navigation.
NO_NAVIGATION = (
    "<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'],"
    " [data-testid='stExpandSidebarButton'] {display: none}</style>"  # the last: its name since Streamlit 1.5x
)


def _sign_in_screen(lang: str) -> None:
    """The top of a sign-in screen: no navigation, the title, and which role may do what."""
    st.html(NO_NAVIGATION)
    st.title(t("app_title", lang))
    rights_help(lang)


def _request_client(config: auth.AuthConfig) -> tuple[str, str]:
    """This run's client as (address, User-Agent); X-Forwarded-For only from a trusted proxy."""
    headers = st.context.headers
    client = signin.client_of(
        st.context.ip_address, headers.get_all("X-Forwarded-For"), headers.get("User-Agent"), config.trusted_proxies
    )
    return client.address, client.user_agent


DEVICE_COOKIE = "portfolio_device"  # a browser that signed in before (portfolio/signin.py, OWASP device cookies)


def _request_cookie(name: str) -> str | None:
    """A cookie the browser sent when this connection opened (None in AppTest and when absent)."""
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no request behind this run
        return None
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


def _sign_in_cursor():
    """A cursor for sign-in's few statements (app.py opens the page's session only after sign-in)."""
    return _database(str(db.db_path())).cursor()


def _remember_deep_link() -> None:
    """Keep the page and parameters the sign-in screen stands in for (see follow_deep_link)."""
    if "_after_sign_in" not in st.session_state:
        path = urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
        st.session_state["_after_sign_in"] = (path, {k: st.query_params.get_all(k) for k in st.query_params})


def follow_deep_link(pages: list, page) -> None:
    """Right after sign-in, open the page a link asked for (the sign-in screen replaced it in the URL)."""
    wanted = st.session_state.pop("_after_sign_in", None)
    if not wanted or not current_access().user:
        return
    path, params = wanted
    target = next((p for p in pages if p.url_path == path), None)
    if target is not None and target.url_path != page.url_path:
        st.switch_page(target, query_params=params)


def _sign_in_refusal(outcome: signin.Outcome, lang: str) -> None:
    """Say why an attempt was not let in, and how long to wait."""
    if outcome.reason == signin.BUSY:
        st.warning(t("sign_in_busy", lang))
        return
    if outcome.reason == signin.FAILED:
        st.error(t("sign_in_failed", lang))
    if outcome.reason == signin.TOO_FAST:
        st.error(t("sign_in_too_fast", lang, seconds=outcome.wait))
    elif outcome.wait >= 120:
        st.error(t("sign_in_locked_minutes", lang, minutes=-(-outcome.wait // 60)))
    elif outcome.wait > 0:
        st.error(t("sign_in_locked", lang, seconds=outcome.wait))


def _sign_out_builtin() -> None:
    for key in ("_signed_in", "_signed_in_client", "_session_key", "_signed_in_connection", "_cookie_ticket"):
        st.session_state.pop(key, None)


SESSION_COOKIE = "portfolio_session"  # this sign-in's own key, so a copied session id alone signs nobody in


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _connection():
    """The server's object for this session's websocket connection (a reconnect, or someone presenting
    the session id, gets a new one); None where no connection is behind the run (AppTest's stand-in
    runtime has none)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.runtime.session_manager import SessionClient

    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return None
    connection = Runtime.instance().get_client(ctx.session_id)
    return connection if SessionClient in type(connection).__mro__ else None


def _bind_to_this_browser() -> str:
    """At sign-in: a random key for this browser's session cookie; the session keeps its digest and the
    connection it signed in on (which carries no cookie yet: it opened before the sign-in)."""
    key = secrets.token_urlsafe(32)
    st.session_state["_session_key"] = _digest(key)
    connection = _connection()
    st.session_state["_signed_in_connection"] = weakref.ref(connection) if connection is not None else None
    return key


def _same_browser() -> bool:
    """Whether this run comes from the browser that signed in: over the connection it signed in on, or
    over a later one that presents the session cookie. A copied session id, from any address and
    browser, has neither."""
    held, connection = st.session_state.get("_signed_in_connection"), _connection()
    if connection is None:
        return True  # no websocket behind this run (AppTest): nobody else can present the session id
    if held is not None and held() is connection:
        return True
    presented, expected = _request_cookie(SESSION_COOKIE), st.session_state.get("_session_key")
    return bool(presented and expected) and hmac.compare_digest(_digest(presented), expected)


def _builtin_access(config: auth.AuthConfig, lang: str) -> Access:
    """The built-in sign-in screen (portfolio/signin.py decides); a sign-in holds only for the same client."""
    client = _request_client(config)
    signed_in = st.session_state.get("_signed_in")
    if signed_in and (st.session_state.get("_signed_in_client") != client or not _same_browser()):
        _sign_out_builtin()  # a session id resumed by another address, browser or client does not carry the sign-in
        st.session_state["_sign_in_moved"] = True
    elif signed_in and config.grants_for(signed_in) is not None:
        ticket = st.session_state.get("_cookie_ticket")
        if ticket and cookies.pending(ticket):
            cookies.deliver(ticket)  # the browser fetches its HttpOnly cookies (pages/_ui/cookies.py)
        else:
            st.session_state.pop("_cookie_ticket", None)
        return Access(signed_in, config.grants_for(signed_in), auth.BUILTIN)
    _remember_deep_link()
    _sign_in_screen(lang)
    if st.session_state.pop("_sign_in_moved", False):
        st.warning(t("sign_in_moved", lang))
    with st.form("sign_in"):
        name = st.text_input(t("user_name", lang), key="sign_in_name")
        password = st.text_input(t("password", lang), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("sign_in", lang), type="primary")
    if submitted:
        device = _request_cookie(DEVICE_COOKIE)
        try:
            outcome = signin.attempt(_sign_in_cursor, config, name, password, signin.Client(*client), device=device)
        except db.DatabaseUnavailable as problem:  # busy with a load, or a file that cannot be used
            database_problem(problem, lang)
        if outcome.signed_in:
            st.session_state["_signed_in"] = name
            st.session_state["_signed_in_client"] = client
            st.session_state["_cookie_ticket"] = cookies.give(
                cookies.Cookie(DEVICE_COOKIE, outcome.device, int(signin.POLICY.device_trust)),
                cookies.Cookie(SESSION_COOKIE, _bind_to_this_browser()),
            )
            st.rerun()
        _sign_in_refusal(outcome, lang)
    st.stop()


def current_access() -> Access:
    return st.session_state.get("_access") or Access(None, roles.EVERY_RIGHT, auth.OPEN)


def user_name() -> str | None:
    """Who does it, for the audit log and a report's loaded_by: who is signed in; when the app runs
    open, 'open access' with the account the server runs as (portfolio.audit.open_access_actor)."""
    who = current_access()
    if who.user:
        return who.user
    return audit.open_access_actor() if who.mode == auth.OPEN else None


def role_text(programme: str | None, lang: str) -> str:
    """The user's role in a programme, in words ('kijker', 'geen toegang')."""
    role = current_access().role_in(programme)
    return t(f"role_{role}", lang) if role else t("role_none", lang)


def lacks(right: str, programme: str | None, lang: str) -> str:
    """What to say where a user lacks a right: which right, for which programme, and their role there."""
    return t(
        "lacks_right",
        lang,
        right=t(f"right_{right}", lang),
        programme=programme or t("every_programme", lang),
        role=role_text(programme, lang),
    )


def require(right: str, programme: str | None, lang: str) -> None:
    """Stop the page for a user without `right` in `programme` (None: in any programme)."""
    who = current_access()
    allowed = who.may(right, programme) if programme is not None else who.may_somewhere(right)
    if not allowed:
        st.error(lacks(right, programme, lang))
        st.stop()


# The rights table has a column per role: where it would not fit (a phone, the sidebar) a line per role says
# the same. Which one shows is decided by the width of the box it is in, not of the screen.
RIGHTS_NARROW_BELOW = 600
RIGHTS_STYLE = (
    "<style>.st-key-rights_help {container-type: inline-size}"
    f"@container (max-width: {RIGHTS_NARROW_BELOW - 1}px) {{.st-key-rights_wide {{display: none}}}}"
    f"@container (min-width: {RIGHTS_NARROW_BELOW}px) {{.st-key-rights_narrow {{display: none}}}}</style>"
)


def rights_help(lang: str) -> None:
    """Which role may do what: on the sign-in screen and in the sidebar; a table where it fits, else a
    line per role."""
    shown = {role: rights for role, rights in roles.ROLE_RIGHTS.items() if role != roles.UPLOADER}
    with st.expander(t("rights_help_title", lang), icon=":material/help:"):
        st.markdown(t("rights_help_intro", lang))
        st.html(RIGHTS_STYLE)
        with st.container(key="rights_help"):
            st.container(key="rights_wide").table(
                {
                    t("right", lang): [t(f"right_{right}", lang) for right in roles.RIGHTS],
                    **{
                        t(f"role_{role}", lang): ["✓" if right in rights else "–" for right in roles.RIGHTS]
                        for role, rights in shown.items()
                    },
                }
            )
            st.container(key="rights_narrow").markdown(
                "\n".join(
                    f"- **{t(f'role_{role}', lang)}**: "
                    + "; ".join(t(f"right_{right}", lang) for right in roles.RIGHTS if right in rights)
                    for role, rights in shown.items()
                )
            )


def sign_in_status(lang: str, programme: str | None = None) -> None:
    """In the sidebar: who is signed in, with their role in the programme shown (with sign-out), or that
    the app runs open."""
    who = current_access()
    if who.mode == auth.OPEN:
        st.caption(t("open_mode", lang))
        return
    st.caption(tmd("signed_in_as", lang, who=who.user or "", role=role_text(programme, lang)))
    if who.mode == auth.BUILTIN and who.may_somewhere(roles.SECURITY):
        for name, failures in signin.alarms(cursor()):
            st.warning(t("sign_in_attack", lang, name=fmt.md(name), n=failures), icon=":material/shield:")
    if who.mode == auth.OIDC:
        st.button(t("sign_out", lang), on_click=st.logout, key="sign_out")
    elif st.button(t("sign_out", lang), key="sign_out"):
        _sign_out_builtin()
        st.rerun()
