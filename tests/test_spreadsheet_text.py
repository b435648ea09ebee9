"""Text from an export is shown as text on every page: no link, no icon, no emoji, no markup.

Streamlit's Markdown (its frontend, `static/js/StreamlitMarkdown.*.js`) makes links of addresses in
the *plain text* after Markdown escapes are undone (GFM autolink literals: `https://...`, `www....`,
`name@host.nl`), turns `:material/x:` into an icon and `:smile:` into an emoji. Escaping the Markdown
characters alone therefore still showed a bare address as a clickable link. These tests read every
Markdown text the pages send the way that frontend reads it, and find no link in what came from the
file; tests/browser/test_journeys.py counts the links a real browser draws.
"""

import re
from pathlib import Path

import streamlit
from streamlit.testing.v1 import AppTest

from portfolio import db, fmt, ingest
from tests.exports import dutch_csv

APP = Path(__file__).resolve().parent.parent / "app.py"
PROGRAMME = "Links"
ROWS = [
    "Programma;Peildatum;Nr;Omschrijving;Programmalijn;Spoor;Budget;Prognose;Stoplicht;Toelichting;Ambitie",
    # green and 50% over budget: a watermelon, listed in the overview's warning
    f"{PROGRAMME};31-03-2025;L1;Zie https://voorbeeld.nl/plan;www.lijn.nl;Spoor http://spoor.nl;"
    "100000;150000;groen;Mail jan@voorbeeld.nl of [hier](https://x.nl) :smile: :material/warning: HTTPS://HOOFD.NL;"
    "Doel www.ambitie.nl :tada:",
    # 30% over budget without a note: listed in the warning about variance without a word
    f"{PROGRAMME};31-03-2025;L2;www.voorbeeld.nl/b :tada: info@titel.nl;Lijn https://lijn2.nl;;100000;130000;groen;;",
]
# What the file says, each of which Streamlit's Markdown would draw as a link, an icon or an emoji
SHOWN = [
    "Zie https://voorbeeld.nl/plan",
    "www.voorbeeld.nl/b :tada: info@titel.nl",
    "Mail jan@voorbeeld.nl of [hier](https://x.nl) :smile: :material/warning: HTTPS://HOOFD.NL",
    "Doel www.ambitie.nl :tada:",
]

# The frontend's own patterns (Streamlit 1.67): GFM autolink literals over the text after escapes,
# remark-emoji's shortcodes, and the source replacement that makes ':material/x:' an icon.
GFM_URL = r"(https?:\/\/|www(?=\.))([-.\w]+)([^ \t\r\n]*)"
AUTOLINK = re.compile(GFM_URL, re.IGNORECASE)
EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")  # GFM's, without its look-behind (stricter)
SHORTCODE = re.compile(r":[\w+-]+:")  # remark-emoji's, and ':material_name:' once ':material/' is replaced
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation


def frontend_bundle() -> str:
    static = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "".join(p.read_text(errors="replace") for p in static.glob("StreamlitMarkdown.*.js"))


def plain_text(markdown: str) -> str:
    """The text Streamlit's Markdown searches for links, icons and emoji: escapes undone."""
    return ESCAPE.sub(r"\1", markdown.replace(":material/", ":material_"))


def drawn_specials(markdown: str) -> list[str]:
    """What the frontend would draw as a link, an icon or an emoji in this Markdown source."""
    text = plain_text(markdown)
    return [m.group(0) for pattern in (AUTOLINK, EMAIL, SHORTCODE) for m in pattern.finditer(text)]


MARKDOWN_FIELDS = {"body", "label", "help", "captions"}  # every Markdown a page sends (not select options)


def markdown_texts(at: AppTest) -> list[str]:
    """Every Markdown text on the page: bodies of text, headings and alerts, labels of widgets,
    metrics and expanders, and help texts."""
    found = []

    def fields(message) -> None:
        for descriptor, value in message.ListFields():
            if descriptor.message_type is not None:
                for item in value if descriptor.is_repeated else [value]:
                    fields(item)
            elif descriptor.name in MARKDOWN_FIELDS:
                found.extend(value if descriptor.is_repeated else [value])

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        # st.html is HTML, never Markdown (no autolinks): the address script carries the query string
        if proto is not None and proto.DESCRIPTOR.name != "Html":
            fields(proto)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return [f for f in found if isinstance(f, str)]


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in {"programme": PROGRAMME, **query}.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def test_the_checker_sees_what_streamlit_would_link():
    """The patterns are the installed frontend's own, and they find a link in text merely escaped."""
    bundle = frontend_bundle()
    assert GFM_URL in bundle, "Streamlit's autolink pattern changed: read StreamlitMarkdown.*.js again"
    assert "remark-emoji" in bundle and "replaceAll(`:material/`" in bundle
    merely_escaped = "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$&:" else c for c in SHOWN[0])
    assert drawn_specials(merely_escaped) == ["https://voorbeeld.nl/plan"]
    assert drawn_specials(r"\:material/warning\:") == [":material_warning:"]
    assert drawn_specials("jan\\@voorbeeld\\.nl") == ["jan@voorbeeld.nl"]


def test_md_keeps_every_character_and_draws_nothing():
    for text in SHOWN:
        made = fmt.md(text)
        assert drawn_specials(made) == [], text
        assert plain_text(made).replace(fmt.WORD_JOINER, "") == text  # the same characters, nothing lost


def test_addresses_and_markdown_in_titles_notes_and_lines_are_shown_as_text_on_every_page(app_db):
    """A controller's export has addresses, e-mail addresses, Markdown links and shortcodes in titles,
    notes, ambitions and line names; every page shows them as the characters they are."""
    con = db.connect(app_db)
    ingest.load_file(con, dutch_csv(ROWS, encoding="utf-8"), "links.csv")
    con.close()
    pages = {
        "overview (warnings listing titles)": open_page("pages/overview.py"),
        "line (heading with the line's name)": open_page("pages/lines.py", chosen_line="www.lijn.nl"),
        "other line": open_page("pages/lines.py", chosen_line="Lijn https://lijn2.nl"),
        "track": open_page("pages/tracks.py", chosen_track="Spoor http://spoor.nl"),
        "story L1 (heading, note, ambition)": open_page("pages/story.py", story="L1"),
        "story L2": open_page("pages/story.py", story="L2"),
        "compare": open_page("pages/compare.py"),
    }
    shown = set()
    for name, at in pages.items():
        assert not at.exception, name
        texts = markdown_texts(at)
        for text in texts:
            assert drawn_specials(text) == [], (name, text)
        plain = "\n".join(plain_text(t).replace(fmt.WORD_JOINER, "") for t in texts)
        shown |= {s for s in SHOWN if s in plain}
        shown |= {s for s in ("www.lijn.nl", "Lijn https://lijn2.nl", "Spoor http://spoor.nl") if s in plain}
    # every hostile text was on some page, whole: the test looked at what it meant to
    assert shown == {*SHOWN, "www.lijn.nl", "Lijn https://lijn2.nl", "Spoor http://spoor.nl"}
    overview = markdown_texts(pages["overview (warnings listing titles)"])
    assert any("L1 · Zie https" in plain_text(t).replace(fmt.WORD_JOINER, "") for t in overview)
