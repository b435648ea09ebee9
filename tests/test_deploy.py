"""The shipped reverse-proxy configuration (deploy/nginx.conf) fits the app's own limits and is valid nginx.

The limits must nest: the app refuses a file with its own message below Streamlit's server.maxUploadSize
(above it Streamlit refuses without one), and nginx lets through every body Streamlit would accept.
`nginx -t` runs when nginx is installed (Debian: apt-get install nginx-light; test.sh installs it), and
is skipped, saying why, where it cannot be.
"""

from __future__ import annotations

import getpass
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from portfolio import reading

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
STREAMLIT_CONF = ROOT / ".streamlit" / "config.toml"
MIB = 1024 * 1024
UNITS = {"": 1, "k": 1024, "m": MIB, "g": 1024 * MIB}


def directives(name: str, text: str | None = None) -> list[str]:
    """The values of every active (not commented) `name value;` in the nginx config."""
    text = NGINX_CONF.read_text(encoding="utf-8") if text is None else text
    active = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    return re.findall(rf"(?m)^\s*{re.escape(name)}\s+([^;]+);", active)


def nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value.strip()).groups()
    return int(number) * UNITS[unit.lower()]


def streamlit_max_upload_bytes() -> int:
    config = tomllib.loads(STREAMLIT_CONF.read_text(encoding="utf-8"))
    return int(config["server"]["maxUploadSize"]) * MIB  # Streamlit counts megabytes of 1024 * 1024


def test_nginx_lets_through_every_body_streamlit_accepts():
    server = streamlit_max_upload_bytes()
    [body] = directives("client_max_body_size")
    # Streamlit takes a multipart body of maxUploadSize plus framing: nginx must let all of it through
    assert nginx_size(body) >= server + MIB, f"client_max_body_size {body} < server.maxUploadSize + 1 MiB"
    assert server <= 45 * MIB  # lowered from 60 (issue 10): less memory per anonymous upload


def test_the_app_refuses_a_too_large_file_itself_below_streamlits_limit():
    server = streamlit_max_upload_bytes()
    assert server > reading.MAX_UPLOAD_BYTES, (
        f"the app's own limit ({reading.MAX_UPLOAD_BYTES // MIB} MiB) must be below server.maxUploadSize "
        f"({server // MIB} MiB), or a too-large file is refused by Streamlit without the app's message"
    )


def test_the_proxy_limits_the_endpoints_an_anonymous_visitor_can_reach():
    text = NGINX_CONF.read_text(encoding="utf-8")
    blocks = dict(re.findall(r"(?ms)^\s*location\s+(.+?)\s*\{(.*?)^\s*\}", text))
    stream, upload = blocks["= /_stcore/stream"], blocks["/_stcore/upload_file/"]
    assert directives("limit_req", stream) and directives("limit_conn", stream)
    assert directives("proxy_set_header", stream).count("Upgrade $http_upgrade") == 1  # websocket proxied
    # a location with proxy_set_header of its own inherits none: the client address must be set again
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in directives("proxy_set_header", stream)
    assert directives("limit_req", upload) and directives("limit_conn", upload)
    assert directives("return", blocks["= /_stcore/metrics"]) == ["404"]
    assert directives("limit_conn", blocks["/"]) == [] and directives("limit_conn")  # per client, server-wide
    for timeout in ("client_header_timeout", "client_body_timeout", "send_timeout", "proxy_read_timeout"):
        assert directives(timeout), timeout
    assert "auth_request /oauth2/auth" in text  # the OIDC block is there to uncomment


def runnable_config(folder: Path, *, upstream: int, http: int, https: int) -> Path:
    """deploy/nginx.conf with only what a test machine needs changed: loopback ports, a throw-away
    certificate, logs and temporary files in `folder`. Every limit and location stays as shipped."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert "server 127.0.0.1:8501;" in text
    return runnable(folder, text.replace("server 127.0.0.1:8501;", f"server 127.0.0.1:{upstream};"), http, https)


def runnable(folder: Path, text: str, http: int, https: int) -> Path:
    """A shipped nginx configuration's text made runnable here (see runnable_config), written to folder."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )
    replacements = {
        "/etc/ssl/portfolio/fullchain.pem": str(folder / "cert.pem"),
        "/etc/ssl/portfolio/privkey.pem": str(folder / "key.pem"),
        "/var/log/nginx/": f"{folder}/",
        "/run/nginx-portfolio.pid": str(folder / "nginx.pid"),
        "listen 80;": f"listen 127.0.0.1:{http};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
        "server_name dashboard.example.nl;": "server_name localhost;",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    text = re.sub(r"(?m)^\s*listen \[::\]:\d+.*;\n", "", text)
    temp = "".join(
        f"    {kind}_temp_path {folder / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = text.replace("http {\n", "http {\n" + temp, 1)
    # The workers run as this test's own user, who owns `folder`: as root, nginx would run them as
    # 'nobody', who cannot enter pytest's 0700 folder, and every response larger than nginx's memory
    # buffers (Plotly's 4.7 MB script) was cut off whenever the browser read slower than the app wrote
    # ('open() .../proxy/0000000001 failed (13: Permission denied)'; the chart then never drew). A
    # master that is not root ignores the directive, with a warning. The shipped file sets no user:
    # the distribution's nginx makes its own temporary folders for its worker user.
    text = f"user {getpass.getuser()};\n" + text
    path = folder / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


def nginx_missing() -> str | None:
    for tool in ("nginx", "openssl"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            return f"{tool} is not installed (apt-get install nginx-light openssl, as test.sh does)"
    return None


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.mark.skipif(nginx_missing() is not None, reason=nginx_missing() or "")
def test_nginx_accepts_the_configuration(tmp_path):
    config = runnable_config(tmp_path, upstream=8501, http=18080, https=18443)
    done = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr
