"""HttpOnly cookies for the signed-in browser, which a Streamlit script cannot set itself.

A script runs over the websocket and has no HTTP response to put a Set-Cookie header on. So the run
that signs someone in leaves a one-time ticket here (give()); the next run puts a small script on
the page (deliver()) that POSTs the ticket to /_portfolio/cookies, a route this module adds to the
Streamlit server once per process; the route answers with the cookies (HttpOnly, SameSite=Strict,
Secure over https) and forgets the ticket. A ticket is random, used once and lives a minute.
The browser then sends the cookies with every new websocket connection, where st.context.cookies
reads them (device token: portfolio/signin.py; session key: pages/_ui/access.py).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass

import streamlit as st

from pages._ui import server

ROUTE = "_portfolio/cookies"
TICKET_SECONDS = 60.0
MAX_TICKETS = 10_000  # tickets waiting at once; beyond this the oldest go (nobody can fill memory)


@dataclass(frozen=True)
class Cookie:
    name: str
    value: str
    max_age: int | None = None  # seconds; None: until the browser closes


_tickets: dict[str, tuple[float, tuple[Cookie, ...]]] = {}
_lock = threading.Lock()


def give(*cookies: Cookie) -> str:
    """A one-time ticket for these cookies (deliver() hands it to the browser)."""
    ticket = secrets.token_urlsafe(32)
    now = time.monotonic()
    with _lock:
        for old in [k for k, (at, _) in _tickets.items() if now - at > TICKET_SECONDS]:
            del _tickets[old]
        while len(_tickets) >= MAX_TICKETS:
            del _tickets[next(iter(_tickets))]
        _tickets[ticket] = (now, cookies)
    return ticket


def take(ticket: str) -> tuple[Cookie, ...]:
    """The cookies of a ticket, once; () for an unknown, used or expired ticket."""
    with _lock:
        at, cookies = _tickets.pop(ticket, (0.0, ()))
    return cookies if time.monotonic() - at <= TICKET_SECONDS else ()


def pending(ticket: str) -> bool:
    """Whether a ticket still waits for its browser (not taken, not expired)."""
    with _lock:
        at, _ = _tickets.get(ticket, (None, ()))
    return at is not None and time.monotonic() - at <= TICKET_SECONDS


async def _cookies_route(request):
    from starlette.responses import Response

    cookies = take(request.query_params.get("t", ""))
    if not cookies:
        return Response(status_code=404)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"
    for cookie in cookies:
        response.set_cookie(
            cookie.name, cookie.value, max_age=cookie.max_age, path="/", secure=secure, httponly=True, samesite="strict"
        )
    return response


@st.cache_resource(show_spinner=False)
def install() -> bool:
    """Add the cookie route to this process's Streamlit server; False where there is none (AppTest)."""
    from starlette.routing import Route

    return server.put_first(Route(server.route_path(ROUTE), _cookies_route, methods=["POST"]))


DELIVER = (
    "<style>[data-testid='stElementContainer']:has(> [data-testid='stHtml'] > script[data-portfolio-cookies])"
    "{{display: none}}</style><script data-portfolio-cookies>fetch(new URL({path}, window.location.origin), "
    "{{method: 'POST', credentials: 'same-origin', cache: 'no-store'}});</script>"
)


def deliver(ticket: str) -> None:
    """Put the script on the page that fetches the ticket's cookies."""
    install()
    path = server.route_path(ROUTE) + f"?t={ticket}"
    st.html(DELIVER.format(path=json.dumps(path)), unsafe_allow_javascript=True)
