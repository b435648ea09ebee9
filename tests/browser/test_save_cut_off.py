"""A save cut off (issue 24, item 4): the server saving an upload is killed with SIGKILL while the save
is under way (its rows written, not committed: the server holds its saves there, PORTFOLIO_FAULT_HOLD_SAVE);
the browser reconnects to the server that takes its place (here: another server started
on the same address, as the proxy's other server would be) and is told the save was lost, not shown the
upload page as if nothing happened. Nothing of the save is in the lake."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from portfolio import db
from portfolio.ingest.commit import HOLD_ENV
from tests.browser.conftest import (
    ROOT,
    STARTUP_TIMEOUT,
    _free_port,
    _wait_healthy,
    click_and_wait_for_run,
    screenshot,
    wait_for_app,
)
from tests.exports import DUTCH_CSV_ROWS, dutch_csv


def serve(folder: Path, lake: str, port: int, name: str, hold_save: float = 0) -> subprocess.Popen:
    log = open(folder / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "streamlit", "run", "app.py"),
            *("--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"),
        ],
        cwd=ROOT,
        env={**os.environ, "PORTFOLIO_DB": lake, "PORTFOLIO_DEMO": "off", HOLD_ENV: str(hold_save)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    _wait_healthy(f"http://127.0.0.1:{port}", process, STARTUP_TIMEOUT)
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    process.log.close()


def big_export(rows: int) -> bytes:
    header, story = DUTCH_CSV_ROWS[:4], DUTCH_CSV_ROWS[4]
    return dutch_csv(header + [story.replace("A1;", f"A{n};", 1) for n in range(rows)])


def test_a_save_cut_off_by_a_killed_server_is_said_by_the_server_after_it(lake, page, tmp_path):
    port = _free_port()
    first = serve(tmp_path, lake, port, "a", hold_save=120)  # its saves wait, written, before their commit
    second = None
    try:
        export = tmp_path / "groot.csv"
        export.write_bytes(big_export(20_000))
        page.goto(f"http://127.0.0.1:{port}/upload")
        wait_for_app(page)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
        page.get_by_label("Programma (als het bestand het niet noemt)").fill("Afgebroken", timeout=120_000)
        page.keyboard.press("Enter")
        page.get_by_text("Voorbeeld: Afgebroken", exact=False).first.wait_for(timeout=120_000)
        wait_for_app(page)
        click_and_wait_for_run(page, page.get_by_role("button", name="Opslaan"))
        # the server is killed while the save is under way: everything written, nothing committed (the
        # server holds it there; without the hold a quiet machine saved the rows before the kill)
        page.get_by_text("Bezig met opslaan", exact=False).first.wait_for(timeout=120_000)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        second = serve(tmp_path, lake, port, "b")  # the proxy's other server, at the same address
        try:
            page.get_by_text("Het opslaan van groot.csv is niet afgerond", exact=False).wait_for(timeout=120_000)
        finally:
            screenshot(page, "save_cut_off")
        assert page.get_by_text("This app has encountered an error").count() == 0
        con = db.connect(lake)
        try:
            assert con.execute("select count(*) from programmes where name = 'Afgebroken'").fetchone() == (0,)
        finally:
            con.close()
        page.reload()  # said once: the next visit is an upload page as any
        wait_for_app(page)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").wait_for(state="attached")
        assert page.get_by_text("niet afgerond", exact=False).count() == 0
        # a save that finishes leaves no mark: saved, then the page again, and no word of a lost save
        small = tmp_path / "klein.csv"
        small.write_bytes(dutch_csv())
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(small))
        page.get_by_label("Programma (als het bestand het niet noemt)").fill("Heel", timeout=60_000)
        page.keyboard.press("Enter")
        page.get_by_text("Voorbeeld: Heel", exact=False).first.wait_for(timeout=60_000)
        wait_for_app(page)
        click_and_wait_for_run(page, page.get_by_role("button", name="Opslaan"))
        page.get_by_text("Opgeslagen: Heel", exact=False).wait_for(timeout=60_000)
        page.reload()
        wait_for_app(page)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").wait_for(state="attached")
        assert page.get_by_text("niet afgerond", exact=False).count() == 0
    finally:
        stop(first)
        if second is not None:
            stop(second)
