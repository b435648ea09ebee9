"""Addresses in an export are drawn as text by a real browser: no link, no icon, no emoji."""

from urllib.parse import quote

from portfolio import db, ingest
from tests.browser.conftest import screenshot, serve_app, wait_for_app
from tests.exports import dutch_csv
from tests.test_spreadsheet_text import PROGRAMME, ROWS, SHOWN

# Anything the page links to outside the app itself: an address with a scheme (https:, mailto:, ...) or
# '//host' other than the app's own origin (its own pages are '/...', '#...' and relative: 'narrative')
FOREIGN_LINKS = """() => [...document.querySelectorAll("[data-testid='stMain'] a, [data-testid='stSidebar'] a")]
  .map(a => a.getAttribute('href') || '').filter(h => (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//'))
  && !h.startsWith(location.origin))"""


def test_a_bare_address_in_a_title_or_note_is_shown_as_text_and_links_nowhere(page, tmp_path):
    """A controller's export has https://, www., e-mail addresses and Markdown links in titles, notes
    and line names; the overview's lists, the headings and the story page show them as characters."""
    database = tmp_path / "links.duckdb"
    con = db.connect(database)
    ingest.load_file(con, dutch_csv(ROWS, encoding="utf-8"), "links.csv")
    con.close()
    seen = ""
    with serve_app(tmp_path, database) as server:
        for path in ("", "lines?chosen_line=www.lijn.nl&", "story?story=L1&", "story?story=L2&"):
            page.goto(f"{server}/{path or '?'}programme={quote(PROGRAMME)}")
            wait_for_app(page)
            page.get_by_text("Peildatum 31 maart 2025").first.wait_for()
            assert page.evaluate(FOREIGN_LINKS) == [], path
            main = page.locator("[data-testid='stMain']")
            # an icon drawn from ":material/warning:" in a note (Material Symbols text in a span)
            assert main.locator("[data-testid='stMarkdownContainer'] span[role='img']").count() == 0
            text = main.inner_text().replace("\u2060", "")
            assert "😄" not in text and "🎉" not in text, path
            seen += text
        screenshot(page, "story_addresses_as_text")
    assert all(s in seen for s in SHOWN)
    assert "www.lijn.nl" in seen
