"""Two app servers on one DuckLake, in Chromium: what one server's upload writes, the other shows on
its next page run; when one server is killed, the other keeps serving the same data."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.conftest import (
    ROOT,
    STARTUP_TIMEOUT,
    _free_port,
    _wait_healthy,
    click_and_wait_for_run,
    screenshot,
    wait_for_app,
)
from tests.browser.test_journeys import upload_dutch_csv
from tests.exports import DUTCH_CSV_ROWS, dutch_csv


def start_server(folder: Path, lake: str, name: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = open(folder / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "streamlit", "run", "app.py"),
            *("--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"),
        ],
        cwd=ROOT,
        env={**os.environ, "PORTFOLIO_DB": lake},  # PORTFOLIO_DATA_PATH: set by the lake fixture
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, STARTUP_TIMEOUT)
    except BaseException:
        stop(process)
        raise
    return process, url


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log.close()


@pytest.fixture
def two_servers(lake, tmp_path):
    a = start_server(tmp_path, lake, "a")
    try:
        b = start_server(tmp_path, lake, "b")
    except BaseException:
        stop(a[0])
        raise
    yield a, b
    stop(a[0])
    stop(b[0])
    for name in ("a", "b"):  # shown by pytest only when the test failed: what the servers said
        print(f"--- server {name}'s log (last 6000 characters) ---")
        print((tmp_path / f"{name}.log").read_text(errors="replace")[-6000:])


def overview_shows(page, url: str, programme: str, budget: str) -> None:
    page.goto(f"{url}/?programme={quote(programme)}")
    wait_for_app(page)
    page.get_by_text(programme).first.wait_for()
    values = page.locator("[data-testid='stMetricValue']")
    values.first.wait_for()
    page.wait_for_function(
        "budget => [...document.querySelectorAll(\"[data-testid='stMetricValue']\")]"
        ".some(e => e.innerText.trim() === budget)",
        arg=budget,
        timeout=30_000,
    )


def test_an_upload_on_one_server_is_shown_by_the_other_which_survives_the_first(two_servers, page, tmp_path):
    (a, url_a), (b, url_b) = two_servers
    # both serve the demo data, loaded once into the lake by whichever came first
    for name, url in (("a", url_a), ("b", url_b)):
        page.goto(f"{url}/?programme={quote('Uitvoeringsprogramma digitalisering Groningen')}")
        wait_for_app(page)
        screenshot(page, f"lake_server_{name}_first")
        page.get_by_text("groningen_digitalisering_2023.xlsx").first.wait_for()  # the demo report's source
    # a save into the lake commits through PostgreSQL: on a loaded CI machine once not within 90 s
    upload_dutch_csv(page, url_a, tmp_path, dutch_csv(), save_timeout=240_000)
    overview_shows(page, url_b, "Digitale Agenda", "€ 146k")  # server B, which never saw the upload
    screenshot(page, "lake_server_b_after_upload_on_a")
    os.kill(a.pid, signal.SIGKILL)  # server A dies; B goes on serving the lake
    a.wait(timeout=30)
    overview_shows(page, url_b, "Digitale Agenda", "€ 146k")
    page.goto(f"{url_b}/upload")  # and B takes the next upload: the lake has no file lock A could have left
    wait_for_app(page)
    later = tmp_path / "voortgang-q2.csv"
    later.write_bytes(dutch_csv([row.replace("31-03-2025", "30-06-2025") for row in DUTCH_CSV_ROWS]))
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(later))
    page.get_by_text("Kopregel op rij 4").wait_for()
    page.get_by_label("Programma (als het bestand het niet noemt)").fill("Digitale Agenda")
    page.keyboard.press("Enter")
    page.get_by_text("Voorbeeld: Digitale Agenda, peildatum 30 juni 2025").wait_for()
    wait_for_app(page)
    click_and_wait_for_run(page, page.get_by_role("button", name="Opslaan"))
    try:  # 60 s, as the app's own waits: once (30 Nov, full run) 30 s ran out here with no error in B's log
        page.get_by_text("Opgeslagen: Digitale Agenda").wait_for(timeout=60_000)
    except Exception:
        screenshot(page, "lake_server_b_second_upload_not_saved")  # what the page said instead
        raise
