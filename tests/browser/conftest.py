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
    yield tab
    context.close()


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
