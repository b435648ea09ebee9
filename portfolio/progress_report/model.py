"""The progress report as a small document model: headings, paragraphs, lists, tables and charts.

The builder (content.py) writes the report once in these blocks; each renderer (word.py, pdf.py) walks
them. Every text here is plain text from the database or from i18n: a renderer writes it as text and
never reads it as markup, a field or a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Characters no document format can carry as text: C0/C1 controls (tab and newline are kept as
# space and line break), lone surrogates, and the two XML 1.0 non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text) -> str:
    """Text as a document can hold it: control characters dropped, tabs as spaces, CR LF as LF."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNPRINTABLE.sub("", value)


@dataclass(frozen=True)
class Text:
    """A piece of text, optionally bold."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Light:
    """A traffic light: the renderer draws its shape (a different one per status, in the app's
    colour) and always writes the word beside it, so colour is never the only signal."""

    status: str
    word: str


Run = Text | Light
Cell = tuple[Run, ...]


@dataclass
class TitlePage:
    title: str
    programme: str
    lines: list[str]


@dataclass
class Memo:
    """The cover memo: a heading, label/value rows (as a form, no header row) and the communication."""

    heading: str
    rows: list[tuple[str, str]]
    body: list[str]


@dataclass
class Heading:
    level: int  # 1 = section, 2 = programme line or annex, 3 = story
    text: str


@dataclass
class Paragraph:
    runs: list[Run]
    small: bool = False


@dataclass
class Bullets:
    items: list[list[Run]]


@dataclass
class Table:
    """A data table: one header row (repeated on every page), body rows, an optional total row."""

    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    align: list[str]  # 'left' or 'right' per column
    widths: list[float]  # relative column widths
    total: list[Cell] | None = None


@dataclass
class Chart:
    """A chart as SVG (the PDF embeds it as vector; Word gets a PNG made from it) with its text alternative."""

    svg: str
    width: float  # the SVG's own size, in px
    height: float
    alt: str
    caption: str


@dataclass
class PageBreak:
    pass


Block = TitlePage | Memo | Heading | Paragraph | Bullets | Table | Chart | PageBreak


@dataclass
class Document:
    """A whole progress report, ready for a renderer."""

    lang: str
    title: str  # the document title (file properties, PDF title)
    programme: str
    footer: str  # programme and report date, on every page after the title page
    subject: str = ""
    draft: bool = False  # a report not yet approved: "CONCEPT" ("DRAFT") on every page
    draft_mark: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def cell(*runs: Run | str) -> Cell:
    """A table cell from runs or plain strings."""
    return tuple(Text(clean(r)) if isinstance(r, str) else r for r in runs)
