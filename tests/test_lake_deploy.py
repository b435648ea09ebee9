"""The documented many-users topology (deploy/lake/) stays the single-server proxy config plus its upstream."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def without_upstream(text: str) -> str:
    """The config with its comment lines and the upstream block taken out."""
    text = re.sub(r"(?ms)^    upstream portfolio_app \{.*?^    \}", "", text)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def test_the_lake_proxy_is_the_shipped_proxy_with_both_servers_upstream_and_sticky_sessions():
    single = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    lake = (ROOT / "deploy" / "lake" / "nginx.conf").read_text(encoding="utf-8")
    assert without_upstream(lake) == without_upstream(single)  # every limit and header the same
    upstream = re.search(r"(?ms)^    upstream portfolio_app \{(.*?)^    \}", lake).group(1)
    active = [line.split("#", 1)[0].strip() for line in upstream.splitlines()]
    assert "hash $binary_remote_addr consistent;" in active
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
