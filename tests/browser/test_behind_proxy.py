"""The app behind the shipped nginx configuration (deploy/nginx.conf), in a real browser over TLS.

The proxy runs the configuration as shipped (only ports, a throw-away certificate and log paths are
changed; see tests/test_deploy.runnable_config) in front of the session's app server. It proves the
websocket and uploads pass, its Content-Security-Policy blocks nothing the app uses, and its limits
answer 413 and 429. Skipped, saying why, where nginx is not installed (test.sh installs it).
"""

from __future__ import annotations

import base64
import http.client
import os
import ssl
import subprocess
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.browser.conftest import _free_port, wait_for_app
from tests.test_deploy import nginx_binary, nginx_missing, runnable_config

pytestmark = pytest.mark.skipif(nginx_missing() is not None, reason=nginx_missing() or "")
PAGES = ["", "lines", "tracks", "story", "compare", "upload", "history", "rules"]


@pytest.fixture(scope="module")
def proxy(server, tmp_path_factory):
    """nginx with deploy/nginx.conf on a free loopback port, in front of the session's app server."""
    folder = tmp_path_factory.mktemp("nginx")
    https = _free_port()
    config = runnable_config(folder, upstream=urlsplit(server).port, http=_free_port(), https=https)
    error_log = folder / "error.log"
    started = subprocess.run(
        [nginx_binary(), "-p", str(folder), "-c", str(config), "-e", str(error_log)], capture_output=True, text=True
    )
    assert started.returncode == 0, started.stderr
    try:
        yield https
    finally:  # the master daemonised: stop it through its pid file
        subprocess.run([nginx_binary(), "-p", str(folder), "-c", str(config), "-e", str(error_log), "-s", "stop"])


@pytest.fixture
def tls_page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1800}, ignore_https_errors=True)
    tab = context.new_page()
    yield tab
    context.close()


def test_every_page_and_an_upload_work_through_the_proxy_and_its_security_policy(proxy, tls_page):
    from tests.exports import dutch_csv

    base = f"https://localhost:{proxy}"
    refused, failed = [], []
    tls_page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    tls_page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    for path in PAGES:
        tls_page.goto(f"{base}/{path}?programme={quote('MAB Flevoland')}")
        wait_for_app(tls_page)
        assert tls_page.locator("[data-testid='stException']").count() == 0, path
    tls_page.goto(f"{base}/?programme={quote('MAB Flevoland')}")
    wait_for_app(tls_page)
    tls_page.wait_for_selector(".js-plotly-plot .bars", timeout=60_000)  # charts draw under the policy
    tls_page.goto(f"{base}/upload")
    wait_for_app(tls_page)
    tls_page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "achter-de-proxy.csv", "mimeType": "text/csv", "buffer": dutch_csv()}]
    )
    tls_page.get_by_text("Kopregel op rij 4").wait_for()  # the file went through the proxy and was read
    assert refused == []
    # Streamlit's start-up probes a base path per page (/upload/_stcore/health): 404 there is normal
    assert [f for f in failed if not urlsplit(f[1]).path.endswith(("/_stcore/health", "/_stcore/host-config"))] == []


def _request(port: int, method: str, path: str, headers: dict) -> int:
    connection = http.client.HTTPSConnection("localhost", port, context=ssl._create_unverified_context(), timeout=30)
    try:
        connection.putrequest(method, path)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_slow_client_gets_the_whole_of_a_large_script(proxy):
    """Plotly's script (4.7 MB) read slower than the app writes it: nginx spools it to its temporary
    folder and must hand over every byte (a worker that could not write there cut it off at ~4 MB and
    the charts never drew: once in a full run, 30 Nov)."""
    import time

    import streamlit

    static = Path(streamlit.__file__).parent / "static" / "static" / "js"
    (script,) = static.glob("PlotlyChart.*.js")
    connection = http.client.HTTPSConnection("localhost", proxy, context=ssl._create_unverified_context(), timeout=60)
    try:
        connection.request("GET", f"/static/js/{script.name}", headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        assert response.status == 200
        received = 0
        while block := response.read(64 * 1024):
            received += len(block)
            time.sleep(0.02)  # about 3 MB/s: slower than the app on loopback, so nginx buffers to disk
    finally:
        connection.close()
    assert received == script.stat().st_size


def test_the_proxy_refuses_a_too_large_body_internals_and_a_flood_of_new_sessions(proxy):
    too_large = {"Content-Length": str(47 * 1024 * 1024), "Content-Type": "multipart/form-data; boundary=x"}
    assert _request(proxy, "PUT", "/_stcore/upload_file/s/f", too_large) == 413  # before any byte is read
    assert _request(proxy, "GET", "/_stcore/metrics", {}) == 404
    upgrade = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13"}
    answers = [
        _request(
            proxy, "GET", "/_stcore/stream", upgrade | {"Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode()}
        )
        for _ in range(20)
    ]
    assert 101 in answers  # a websocket gets through
    assert answers[-5:] == [429] * 5  # then one address opening session after session is stopped
