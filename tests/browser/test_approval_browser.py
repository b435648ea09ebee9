"""From upload to the report of record in a real browser (issue 23): an editor uploads, a controller checks
with the checklist, the director approves, and a viewer sees only the approved report, without the draft
banner; each person in a browser of their own, signed in with their own role for MAB."""

from __future__ import annotations

from urllib.parse import quote

import docx
import pytest
from playwright.sync_api import expect

from portfolio import auth
from tests.browser.conftest import DRAWN, click_and_wait_for_run, screenshot, serve_app, wait_for_app
from tests.exports import dutch_csv

pytestmark = pytest.mark.browser
MAB = "MAB Flevoland"
PEOPLE = {"erik": "editor", "carla": "controller", "dirk": "director", "vera": "viewer"}


@pytest.fixture(scope="module")
def approval_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("approval")
    secrets = folder / "secrets.toml"
    lines = ['[portfolio]\nsign_in = "builtin"\n']
    for name, role in PEOPLE.items():
        lines.append(
            f'[portfolio.users.{name}]\npassword_hash = "{auth.hash_password(name + "-wachtwoord", iterations=1_000)}"\n'
            + (f'role = "{role}"\n' if role == "viewer" else f'programmes = {{ "{MAB}" = "{role}" }}\n')
        )
    secrets.write_text("\n".join(lines))
    with serve_app(folder, folder / "approval.duckdb", "--secrets.files", str(secrets)) as url:
        yield url


def signed_in(browser, server: str, name: str, path: str):
    context = browser.new_context(viewport={"width": 1440, "height": 1400}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}/{path}?programme={quote(MAB)}")
    wait_for_app(page)
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_role("textbox", name="Wachtwoord").fill(f"{name}-wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", level=1).wait_for(timeout=60_000)
    wait_for_app(page)
    page.wait_for_function(DRAWN, timeout=60_000)
    return context, page


def test_an_upload_is_checked_approved_and_then_seen_by_a_viewer(approval_server, browser, tmp_path):
    export = tmp_path / "digitale-agenda.csv"
    export.write_bytes(dutch_csv())

    context, page = signed_in(browser, approval_server, "erik", "upload")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(export))
    page.get_by_label("Programma").first.wait_for(timeout=60_000)
    programme = page.get_by_role("textbox", name="Programma")
    programme.fill(MAB)
    programme.press("Enter")
    wait_for_app(page)
    page.wait_for_function(DRAWN, timeout=60_000)
    click_and_wait_for_run(page, page.get_by_role("button", name="Opslaan"))
    # the message itself: the preview says "... opgeslagen als u op Opslaan klikt" before the save (a test
    # that waited for "Opgeslagen" went on at once, closed the browser and cut the save off)
    expect(page.get_by_text(f"Opgeslagen: {MAB}").first).to_be_visible(timeout=60_000)
    context.close()

    context, page = signed_in(browser, approval_server, "vera", "overview")
    expect(page.get_by_text("Peildatum 15 juni 2018")).to_be_visible()  # the draft is not what she sees
    assert "CONCEPT" not in page.inner_text("[data-testid='stMain']")
    context.close()

    context, page = signed_in(browser, approval_server, "carla", "overview")
    expect(page.get_by_text("Peildatum 31 maart 2025")).to_be_visible()  # she works on drafts: the draft
    expect(page.get_by_text("CONCEPT.").first).to_be_visible()
    assert any("CONCEPT" in h for h in word_headers(page, tmp_path / "draft.docx"))  # the draft's report says so
    page.get_by_role("link", name="Vaststellen").click()
    page.get_by_role("heading", name="Vaststellen", level=1).wait_for()
    wait_for_app(page)
    expect(page.get_by_text("CONCEPT.").first).to_be_visible()
    expect(page.get_by_text("Afwijkingen van meer dan 5% zonder toelichting").first).to_be_visible()
    screenshot(page, "approval_checklist")
    page.get_by_text("open punten van de checklist gezien").click()
    wait_for_app(page)
    page.get_by_role("button", name="Markeren als gecontroleerd").click()
    expect(page.get_by_text("Gemarkeerd als gecontroleerd.")).to_be_visible(timeout=60_000)
    context.close()

    context, page = signed_in(browser, approval_server, "dirk", "approval")
    expect(page.get_by_text("Gecontroleerd door carla").first).to_be_visible()
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Goedgekeurd: dit is nu de vastgestelde rapportage.")).to_be_visible(timeout=60_000)
    screenshot(page, "approval_approved")
    context.close()

    context, page = signed_in(browser, approval_server, "vera", "overview")
    expect(page.get_by_text("Peildatum 31 maart 2025")).to_be_visible()  # the report of record now
    assert "CONCEPT" not in page.inner_text("[data-testid='stMain']")
    screenshot(page, "approval_viewer_sees_the_approved_report")
    assert "CONCEPT" not in " ".join(word_headers(page, tmp_path / "approved.docx"))  # nor its written report
    context.close()


def word_headers(page, path) -> list[str]:
    """The page headers of the written report (Word) the page makes and offers for download."""
    page.get_by_role("button", name="Word-document maken").click()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download Word (.docx)").click()
    download.value.save_as(path)
    document = docx.Document(str(path))
    return [p.text for section in document.sections for p in section.header.paragraphs]
