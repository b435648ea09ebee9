"""A government site makes no third-party requests: every page, and the sign-in screen, is served by the
app's own host alone (no fonts, icons, scripts or telemetry from elsewhere).

Every request and websocket the page opens is recorded with page.on('request' / 'websocket'); the
page is given until the network is quiet, so late requests (fonts, the favicon) are caught as well.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from tests.browser.conftest import serve_app, wait_for_app
from tests.browser.test_journeys import PAGES

LOCAL_SCHEMES = {"data", "blob", "about"}  # made in the page itself, no host asked


def record(page) -> list[str]:
    """Every URL the page asks for, from now on (requests and websockets)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))
    return seen


def foreign(seen: list[str], server: str) -> list[str]:
    own = urlsplit(server).netloc
    return sorted({url for url in seen if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != own})


def settle(page) -> None:
    wait_for_app(page)
    page.wait_for_load_state("networkidle")


def test_no_page_asks_another_host_for_anything(server, page):
    seen = record(page)
    for lang in ("nl", "en"):
        for name, path in PAGES.items():
            page.goto(f"{server}/{path}?programme={quote('MAB Flevoland')}&lang={lang}")
            settle(page)
            assert page.locator("[data-testid='stException']").count() == 0, f"{name} ({lang})"
            assert foreign(seen, server) == [], f"{name} ({lang}) asked another host"
    icons = page.locator("link[rel~='icon']").evaluate_all("links => links.map(l => l.href)")
    assert icons and all(urlsplit(h).netloc == urlsplit(server).netloc or h.startswith("data:") for h in icons)
    assert any(urlsplit(url).path == "/_stcore/stream" for url in seen)  # the recording saw the websocket
    assert len(seen) > 50  # and the page's own requests: it was listening


@pytest.fixture(scope="module")
def signed_in_server(tmp_path_factory):
    """A second server with built-in sign-in configured (its own secrets file, not the repository's)."""
    from portfolio import auth

    folder = tmp_path_factory.mktemp("signin")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        '[portfolio]\nsign_in = "builtin"\n\n[portfolio.users.anna]\n'
        f'password_hash = "{auth.hash_password("een lang wachtwoord", iterations=1000)}"\nrole = "viewer"\n',
        encoding="utf-8",
    )
    with serve_app(folder, folder / "signin.duckdb", "--secrets.files", str(secrets)) as url:
        yield url


def test_the_sign_in_screen_asks_no_other_host_either(signed_in_server, page):
    seen = record(page)
    for lang in ("nl", "en"):
        page.goto(f"{signed_in_server}/?lang={lang}")
        settle(page)
        page.locator("[data-testid='stForm']").wait_for()  # the sign-in form, not the dashboard
        assert page.locator("[data-testid='stMetricValue']").count() == 0
    assert foreign(seen, signed_in_server) == []
    assert any(urlsplit(url).path == "/_stcore/stream" for url in seen)
