"""The documented many-users topology (deploy/lake/) stays the single-server proxy config plus its upstream."""

from __future__ import annotations

import http.server
import re
import socket
import ssl
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_deploy import nginx_binary, nginx_missing, runnable

ROOT = Path(__file__).resolve().parent.parent


STICKY_COOKIE = (
    'add_header Set-Cookie "portfolio_server=$portfolio_route; Path=/; Secure; HttpOnly; SameSite=Lax" always;'
)


OFFICE = 5  # the lake proxy's per-address limits are the single server's times this (an office behind one address)
PER_ADDRESS = re.compile(
    r"(?m)^(\s*limit_(?:req_zone \$binary_remote_addr zone=portfolio_(?:http|stream|upload):10m rate=|"
    r"req zone=portfolio_(?:http|stream|upload) burst=|conn portfolio_\w*per_client ))(\d+)"
)


def per_address_as_single(text: str) -> str:
    """The lake config's per-address limits divided by OFFICE (each must divide whole)."""

    def single(found: re.Match) -> str:
        value = int(found.group(2))
        assert value % OFFICE == 0, found.group(0)
        return f"{found.group(1)}{value // OFFICE}"

    return PER_ADDRESS.sub(single, text)


def without_upstream(text: str) -> str:
    """The config with its comment lines, the upstream block and the sticky cookie taken out."""
    text = re.sub(r"(?ms)^    upstream portfolio_app \{.*?^    \}", "", text)
    text = re.sub(r"(?ms)^    map \$cookie_portfolio_server \$portfolio_route \{.*?^    \}", "", text)
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.lstrip().startswith("#") and line.strip() != STICKY_COOKIE and line.strip()
    )


def test_the_lake_proxy_is_the_shipped_proxy_with_both_servers_upstream_and_sticky_sessions():
    single = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    lake = (ROOT / "deploy" / "lake" / "nginx.conf").read_text(encoding="utf-8")
    assert len(PER_ADDRESS.findall(lake)) == 11  # every per-address limit sized for an office
    assert without_upstream(per_address_as_single(lake)) == without_upstream(single)  # else the same
    upstream = re.search(r"(?ms)^    upstream portfolio_app \{(.*?)^    \}", lake).group(1)
    active = [line.split("#", 1)[0].strip() for line in upstream.splitlines()]
    assert "hash $portfolio_route consistent;" in active  # sticky by the proxy's cookie, not by address
    sticky = re.search(r"(?ms)^    map \$cookie_portfolio_server \$portfolio_route \{(.*?)^    \}", lake).group(1)
    assert '"" $request_id;' in sticky and "default $cookie_portfolio_server;" in sticky
    assert lake.count(STICKY_COOKIE) == 1
    servers = [line for line in active if line.startswith("server ")]
    assert [s.split()[1] for s in servers] == ["app-a:8501", "app-b:8501"]


def test_the_compose_file_names_the_servers_the_proxy_sends_to_and_one_shared_lake():
    compose = (ROOT / "deploy" / "lake" / "compose.yaml").read_text(encoding="utf-8")
    for name in ("postgres:", "app-a:", "app-b:", "nginx:"):
        assert f"\n  {name}" in compose
    assert compose.count("lake-data:/srv/lake") == 1  # in the one app template both servers share
    assert 'PORTFOLIO_DB: "ducklake:postgres:dbname=portfolio host=postgres' in compose
    assert "PORTFOLIO_DATA_PATH: /srv/lake" in compose
    assert "password=" not in compose.lower()  # from PGPASSWORD, never in the URL that messages repeat
    assert "PGPASSWORD: ${PG_PASSWORD:?" in compose  # no default password to forget to change


def test_the_two_server_script_takes_its_ports_and_listens_on_loopback_only():
    script = (ROOT / "deploy" / "lake" / "two_servers.sh").read_text(encoding="utf-8")
    runs = [line for line in script.splitlines() if "streamlit run" in line and not line.lstrip().startswith("#")]
    assert len(runs) == 2
    for run, port in zip(runs, ("PORT_A", "PORT_B"), strict=True):
        assert '--server.address "$ADDRESS"' in run and f'--server.port "${port}"' in run
    assert "ADDRESS=${ADDRESS:-127.0.0.1}" in script
    assert "PORT_A=${PORT_A:-8501}" in script and "PORT_B=${PORT_B:-8502}" in script


@pytest.mark.skipif(nginx_missing() is not None, reason=nginx_missing() or "")
def test_behind_the_lake_proxy_a_browser_sticks_to_one_server_by_its_cookie_not_by_its_address(tmp_path):
    """The shipped lake proxy in front of two stand-in servers that answer their own name: from one
    address, a browser without the cookie gets one; with it, every request goes to the same server;
    many browsers behind that one address (an office) are spread over both servers."""
    servers = {name: _free_port() for name in ("app-a", "app-b")}
    stand_ins = [_stand_in(name, port) for name, port in servers.items()]
    http, https = _free_port(), _free_port()
    text = (ROOT / "deploy" / "lake" / "nginx.conf").read_text(encoding="utf-8")
    for name, port in servers.items():
        text = text.replace(f"server {name}:8501 ", f"server 127.0.0.1:{port} ")
    config = runnable(tmp_path, text, http, https)
    nginx = subprocess.Popen(
        [nginx_binary(), "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log"), "-g", "daemon off;"]
    )
    try:
        _wait_for_port(https)
        first = _get(https, "/", cookie=None)
        cookie = re.search(r"portfolio_server=([^;]+)", first.headers["Set-Cookie"]).group(1)
        assert "HttpOnly" in first.headers["Set-Cookie"] and "Secure" in first.headers["Set-Cookie"]
        answers = {_get(https, f"/page{i}", cookie=cookie).read().decode() for i in range(20)}
        assert answers == {first.read().decode()}  # one browser, one server
        office = {_get(https, "/", cookie=f"browser-{i}").read().decode() for i in range(20)}
        assert office == {"app-a", "app-b"}  # twenty browsers behind one address use both servers
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for stand_in in stand_ins:
            stand_in.shutdown()


def _stand_in(name: str, port: int):
    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = name.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _get(port: int, path: str, cookie: str | None):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    request = urllib.request.Request(f"https://localhost:{port}{path}")
    if cookie is not None:
        request.add_header("Cookie", f"portfolio_server={cookie}")
    return urllib.request.urlopen(request, context=context, timeout=10)


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nginx did not listen on {port}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
