"""The guard on Streamlit's upload endpoint (PUT /_stcore/upload_file/{session_id}/{file_id}).

Streamlit takes a file there from any live websocket session, reads it into memory and keeps it until
the session ends; a session that never signed in could fill the server's memory. This module puts a
route in front of Streamlit's own (pages/_ui/server.py) that asks portfolio/upload_limits.py first,
before a byte of the body is read: 403 for a session that may not upload (access() tells the ledger
after every sign-in decision), 429 while the session already sends as many files as it may at once,
503 when what the server holds and what is arriving would pass its bound. After a file is taken, the
session's oldest files beyond what one session keeps are dropped.
"""

from __future__ import annotations

import logging

import streamlit as st

from pages._ui import server
from portfolio.upload_limits import NOT_ALLOWED, SERVER_FULL, SESSION_BUSY, Ledger

LEDGER = Ledger()
STATUS = {NOT_ALLOWED: 403, SESSION_BUSY: 429, SERVER_FULL: 503}
UPLOAD_ROUTE = "_stcore/upload_file/{session_id}/{file_id}"
FORGET_ABOVE = 500  # sessions allowed to upload before the ended ones among them are looked for


def _manager():
    from streamlit.runtime import Runtime

    return Runtime.instance().uploaded_file_mgr


def _held_bytes(manager) -> int:
    return sum(stat.byte_length for stats in manager.get_stats().values() for stat in stats)


def _size(request) -> int | None:
    try:
        return int(request.headers.get("content-length", ""))
    except ValueError:
        return None


def _guarded(original):
    async def upload(request):
        from starlette.responses import PlainTextResponse

        session_id = request.path_params["session_id"]
        manager, size = _manager(), _size(request)
        refused = LEDGER.admit(session_id, size, _held_bytes(manager))
        if refused is not None:
            logging.getLogger(__name__).warning("upload refused before reading it: %s", refused)
            return PlainTextResponse(refused, status_code=STATUS[refused])
        try:
            response = await original(request)
        finally:
            LEDGER.arrived(session_id, size)
        for file_id in LEDGER.too_many(list(manager.file_storage.get(session_id, {}))):
            manager.remove_file(session_id=session_id, file_id=file_id)
        return response

    return upload


def _purge(manager) -> None:
    """Drop the files of sessions that may not upload (sent before the guard was in place)."""
    for session_id in list(manager.file_storage):
        if not LEDGER.may_upload(session_id):
            manager.remove_session_files(session_id)


@st.cache_resource(show_spinner=False)
def install() -> bool:
    """Put the guard in front of Streamlit's upload endpoint, once per process; False without a server.

    It is put in place by the first page run after the server starts (the app has no earlier hook under
    `streamlit run`); files that arrived before it are dropped then."""
    from starlette.routing import Route

    app = server.starlette_app()
    if app is None:
        return False
    path = server.route_path(UPLOAD_ROUTE)
    original = next(
        (r for r in app.router.routes if getattr(r, "path", None) == path and "PUT" in (r.methods or ())), None
    )
    if original is None:
        logging.getLogger(__name__).error("Streamlit's upload route %s not found: uploads are not guarded", path)
        return False
    server.put_first(Route(path, _guarded(original.endpoint), methods=["PUT"]))
    _purge(_manager())
    return True


def allow(may: bool) -> None:
    """Whether this run's session may send files from now on (after each sign-in decision)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    install()
    ctx = get_script_run_ctx()
    if ctx is not None:
        LEDGER.allow(ctx.session_id, may)
    if LEDGER.allowed_count() > FORGET_ABOVE:
        from streamlit.runtime import Runtime

        LEDGER.forget_ended(Runtime.instance().is_active_session)
