"""The Streamlit server this process runs (Starlette), for the two routes the app puts in front of it:
its HttpOnly cookies (pages/_ui/cookies.py) and the guard on the upload endpoint (pages/_ui/uploads.py).

Streamlit 1.67 takes routes of an app's own only from an app run as st.App; under `streamlit run` the
running server's router is found once per process and a route is put first in it, before Streamlit's.
"""

from __future__ import annotations

import gc
import threading

_found: list = []
_lock = threading.Lock()


def starlette_app():
    """The Starlette app serving Streamlit in this process, or None (AppTest, or no Starlette server)."""
    with _lock:
        if not _found:
            from starlette.applications import Starlette

            for candidate in gc.get_objects():
                if isinstance(candidate, Starlette) and any(
                    str(getattr(route, "path", "")).endswith("_stcore/health") for route in candidate.router.routes
                ):
                    _found.append(candidate)
                    break
        return _found[0] if _found else None


def route_path(*parts: str) -> str:
    """A path under the server's base URL (server.baseUrlPath)."""
    import streamlit as st

    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(part.strip("/") for part in (base, *parts) if part.strip("/"))


def put_first(route) -> bool:
    """Put a route before Streamlit's own; False where there is no server."""
    app = starlette_app()
    if app is None:
        return False
    app.router.routes.insert(0, route)
    return True
