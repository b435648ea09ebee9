"""A real browser against the real server: `streamlit run` on a free loopback port, Debian's Chromium.

The server is waited for through /_stcore/health and each page through the app's script state,
never with fixed sleeps. Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import weakref
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STARTUP_TIMEOUT = 90
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SERVED_DATABASE: dict = {}  # the database file the session's server runs on


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy in {timeout} s")


@contextmanager
def serve_app(folder: Path, database: Path, *options: str, env: dict | None = None, timeout: float = STARTUP_TIMEOUT):
    """`streamlit run app.py` on a free loopback port with PORTFOLIO_DB = database (and `options`, e.g.
    '--secrets.files', PATH; `env` added to the environment), its log in folder; yields its base URL."""
    port = _free_port()
    log = open(folder / "streamlit.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "streamlit", "run", "app.py"),
            *("--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"),
            *options,
        ],
        cwd=ROOT,
        env={**os.environ, "PORTFOLIO_DB": str(database), **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app served from a fresh database on a free loopback port; yields its base URL."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run ./test.sh, which installs it with apt")
    database = tmp_path_factory.mktemp("db") / "browser.duckdb"
    with serve_app(tmp_path_factory.mktemp("log"), database) as url:
        SERVED_DATABASE["path"] = database
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1800}, accept_downloads=True)
    tab = context.new_page()
    count_messages_sent(tab)
    yield tab
    context.close()


_SENT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # page -> [messages its app sent to the server]


def count_messages_sent(page) -> None:
    """Count the messages the page's Streamlit app sends its server (a click, a choice, a page change),
    for click_and_wait_for_run. Call before the page opens the app."""
    sent = _SENT.setdefault(page, [0])
    page.on("websocket", lambda socket: socket.on("framesent", lambda _: sent.__setitem__(0, sent[0] + 1)))


def click_and_wait_for_run(page, locator, tries: int = 3, timeout: float = 5.0) -> None:
    """Click a button and make sure the app sent its server the click.

    Chromium's Streamlit 1.67 app now and then sends nothing for a click that lands a fraction of a
    second after a run has finished: the button was there and enabled, Playwright's click succeeded,
    and no message left the page (seen in tests/browser/test_lake_servers.py, 2 of 5 runs on a quiet
    machine; the server's debug log shows no run). A person clicks again; so does this, but only when
    no message at all was sent, so a click the app did take is never made twice."""
    sent = _SENT.get(page)
    if sent is None:  # a page that is not counted: one plain click
        locator.click()
        return
    for attempt in range(tries):
        before = sent[0]
        locator.click()
        deadline = time.monotonic() + timeout
        while sent[0] == before and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        if sent[0] != before:
            return
        print(f"click_and_wait_for_run: click {attempt + 1} on {locator} sent nothing to the server; again")
    raise AssertionError(f"{tries} clicks on {locator} sent nothing to the server")


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished running and the page has content."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_selector("[data-testid='stMain']", timeout=timeout)


# Drawn: the script finished (before the first run the state reads 'not running' too, on an empty page),
# the title or an error is there, no placeholder or stale element is left, every chart has its SVG.
DRAWN = """() => document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']")
  && (document.querySelector("[data-testid='stMain'] h1") || document.querySelector("[data-testid='stException']"))
  && !document.querySelector("[data-testid='stSkeleton'], [data-testid='stSkeletonElement'], [data-stale='true']")
  && [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(chart => chart.querySelector('svg.main-svg'))"""


def screenshot(page, name: str) -> Path:
    """A full-page screenshot for a person to look at, once the page is drawn (or after 15 s: a page
    that never settles is shot as it is; the tests' own assertions decide pass or fail)."""
    try:
        page.wait_for_function(DRAWN, timeout=15_000)
    except Exception:  # Playwright's TimeoutError: the picture shows what there is
        pass
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
