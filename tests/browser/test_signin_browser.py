"""Built-in sign-in in a real browser against its own server (a secrets file with one user).

The server is fresh, so the first test's deep link is also the first request after a start.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from portfolio import auth
from tests.browser.conftest import screenshot, serve_app, wait_for_app

pytestmark = pytest.mark.browser
PASSWORD = "kijker-wachtwoord"

# Wraps the page's WebSocket to record the subprotocols Streamlit sends (the third is the session id
# a reconnect asks to resume) and, given an id, to present that id instead: a session id used by
# another browser, as someone who copied it would.
RECORD_AND_REPLAY = """
(() => {
  const Native = window.WebSocket;
  const replay = %s;
  window.__protocols = [];
  window.__sockets = [];
  function Recorded(url, protocols) {
    const list = protocols === undefined ? [] : [].concat(protocols);
    if (replay && list.length >= 2) { list[2] = replay; }
    window.__protocols.push(list.slice());
    const socket = new Native(url, list);
    window.__sockets.push(socket);
    return socket;
  }
  Recorded.prototype = Native.prototype;
  Object.assign(Recorded, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Recorded;
})();
"""


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory):
    """The app with built-in sign-in (user anna, a viewer) on a fresh database and a free loopback port."""
    folder = tmp_path_factory.mktemp("signin")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        '[portfolio]\nsign_in = "builtin"\n\n[portfolio.users.anna]\n'
        f'password_hash = "{auth.hash_password(PASSWORD, iterations=1_000)}"\nrole = "viewer"\n'
    )
    with serve_app(folder, folder / "signin.duckdb", "--secrets.files", str(secrets)) as url:
        yield url


def sign_in(page, password: str = PASSWORD, name: str = "anna") -> None:
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_role("textbox", name="Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()


def open_deep_link_and_sign_in(browser, server: str, code: str, title: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 1200})
    page = context.new_page()
    page.goto(f"{server}/story?story={code}&programme={quote('MAB Flevoland')}")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Aanmelden")).to_be_visible()
    assert page.locator("[data-testid='stMetricValue']").count() == 0
    sign_in(page)
    # spreadsheet text is shown with an invisible word joiner after ':' (fmt.md: no autolinks)
    heading = re.compile(re.escape(f"{code} · {title}").replace(":", ":\u2060?"))
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=60_000)  # the story page's own heading
    wait_for_app(page)
    url = urlparse(page.url)
    assert url.path == "/story"
    query = parse_qs(url.query)
    assert query["story"] == [code] and query["programme"] == ["MAB Flevoland"]
    screenshot(page, name)
    context.close()


def test_a_deep_link_opened_before_signing_in_opens_after_it(signin_server, browser):
    """A mailed link to a story: the sign-in screen first, then that story, not the overview.

    Twice: as the first request after a start (Streamlit still in its pages/ mode) and as a later
    visitor, when the sign-in screen used to drop the page and land on the overview.
    """
    open_deep_link_and_sign_in(
        browser, signin_server, "12", "Veilig omgaan met informatie: bewust & bekwaam!", "signin_deep_link_cold"
    )
    open_deep_link_and_sign_in(browser, signin_server, "9", "ICT-systemen optimaal beheersbaar", "signin_deep_link")


def wait_for_cookie(context, name: str) -> dict:
    """The cookie once the browser has it (the signed-in page fetches its HttpOnly cookies)."""
    for _ in range(200):
        found = next((c for c in context.cookies() if c["name"] == name), None)
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no cookie {name}")


def test_a_copied_session_id_from_the_same_address_and_browser_is_not_signed_in(signin_server, browser):
    """Two browsers at one address with one User-Agent (all of them on loopback): A signs in and its
    own reconnect stays signed in; B presents A's session id and gets the sign-in screen, because it
    lacks the HttpOnly session cookie A got at sign-in."""
    agent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Office-PC"
    first = browser.new_context(user_agent=agent)
    first.add_init_script(RECORD_AND_REPLAY % "null")
    a = first.new_page()
    a.goto(f"{signin_server}/overview")
    wait_for_app(a)
    sign_in(a)
    expect(a.locator("[data-testid='stMetricValue']").first).to_be_visible(timeout=60_000)
    cookie = wait_for_cookie(first, "portfolio_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] == -1  # until it closes
    a.evaluate("window.__sockets[window.__sockets.length - 1].close()")  # a dropped connection
    a.wait_for_function("window.__protocols.some(p => p.length >= 3 && p[2])", timeout=60_000)
    session_id = a.evaluate("window.__protocols.find(p => p.length >= 3 && p[2])[2]")
    wait_for_app(a)
    expect(a.locator("[data-testid='stMetricValue']").first).to_be_visible()  # A resumes: it sends the cookie
    assert a.locator("[data-testid='stMetricValue']").count() > 0
    second = browser.new_context(user_agent=agent)
    second.add_init_script(RECORD_AND_REPLAY % json.dumps(session_id))
    b = second.new_page()
    b.goto(f"{signin_server}/overview")
    expect(b.get_by_text("U bent afgemeld: deze sessie ging verder vanaf een ander adres").first).to_be_visible(
        timeout=60_000
    )
    assert b.evaluate("window.__protocols[0][2]") == session_id  # it did present A's session id
    assert b.evaluate("navigator.userAgent") == a.evaluate("navigator.userAgent")
    assert b.locator("[data-testid='stMetricValue']").count() == 0
    screenshot(b, "signin_copied_session_same_browser")
    first.close()
    second.close()


def test_a_session_id_replayed_by_another_browser_does_not_carry_the_sign_in(signin_server, browser):
    """Browser A signs in; its own reconnect stays signed in; browser B presenting A's session id is signed out."""
    first = browser.new_context(user_agent="Mozilla/5.0 Browser-A")
    first.add_init_script(RECORD_AND_REPLAY % "null")
    a = first.new_page()
    a.goto(f"{signin_server}/overview")  # the page with KPI tiles (the portfolio page comes first)
    wait_for_app(a)
    sign_in(a)
    expect(a.locator("[data-testid='stMetricValue']").first).to_be_visible(timeout=60_000)
    wait_for_cookie(first, "portfolio_session")
    a.evaluate("window.__sockets[window.__sockets.length - 1].close()")  # a dropped connection
    a.wait_for_function("window.__protocols.some(p => p.length >= 3 && p[2])", timeout=60_000)
    session_id = a.evaluate("window.__protocols.find(p => p.length >= 3 && p[2])[2]")
    wait_for_app(a)
    expect(a.locator("[data-testid='stMetricValue']").first).to_be_visible()  # the same browser resumes
    second = browser.new_context(user_agent="Mozilla/5.0 Browser-B")
    second.add_init_script(RECORD_AND_REPLAY % json.dumps(session_id))
    b = second.new_page()
    b.goto(f"{signin_server}/overview")
    expect(b.get_by_text("U bent afgemeld: deze sessie ging verder vanaf een ander adres").first).to_be_visible(
        timeout=60_000
    )
    assert b.evaluate("window.__protocols[0][2]") == session_id  # it did present A's session id
    assert b.locator("[data-testid='stMetricValue']").count() == 0
    expect(b.get_by_role("button", name="Aanmelden")).to_be_visible()
    screenshot(b, "signin_replayed_session")
    first.close()
    second.close()


@pytest.fixture(scope="module")
def office_server(tmp_path_factory):
    """The app with built-in sign-in for carl, on its own database (its sign-in counts start empty)."""
    folder = tmp_path_factory.mktemp("office")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        '[portfolio]\nsign_in = "builtin"\n\n[portfolio.users.carl]\n'
        f'password_hash = "{auth.hash_password(PASSWORD, iterations=1_000)}"\nrole = "viewer"\n'
    )
    with serve_app(folder, folder / "office.duckdb", "--secrets.files", str(secrets)) as url:
        yield url


def device_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == "portfolio_device"), None)


def test_a_browser_that_signed_in_before_gets_in_while_the_name_is_guessed_from_the_same_address(
    office_server, browser
):
    """Carl signed in with this browser before. Someone at the same address (an office behind one NAT:
    on loopback every browser is) guesses carl's password until the name waits for that address. A new
    browser there waits too; carl's own browser, holding its HttpOnly device cookie, signs in."""
    own = browser.new_context()
    page = own.new_page()
    page.goto(f"{office_server}/overview")
    wait_for_app(page)
    sign_in(page, name="carl")
    expect(page.locator("[data-testid='stMetricValue']").first).to_be_visible(timeout=60_000)
    for _ in range(100):
        if device_cookie(own):
            break
        page.wait_for_timeout(100)
    cookie = device_cookie(own)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    assert page.evaluate("document.cookie").find("portfolio_device") == -1  # page scripts cannot read it

    attacker = browser.new_context()
    guess = attacker.new_page()
    guess.goto(f"{office_server}/overview")
    wait_for_app(guess)
    for n in range(5):
        sign_in(guess, password=f"gok-{n}", name="carl")
        wait_for_app(guess)
    sign_in(guess, name="carl")  # the right password: this browser waits all the same
    expect(guess.get_by_text("Te veel mislukte pogingen").first).to_be_visible(timeout=30_000)
    assert guess.locator("[data-testid='stMetricValue']").count() == 0

    again = own.new_page()  # a new session of carl's own browser, which sends its device cookie
    again.goto(f"{office_server}/overview")
    wait_for_app(again)
    sign_in(again, name="carl")
    expect(again.locator("[data-testid='stMetricValue']").first).to_be_visible(timeout=60_000)
    screenshot(again, "signin_trusted_browser_while_guessed")
    own.close()
    attacker.close()
