"""The progress report as a Word document (.docx, python-docx), for the programme office to edit.

Accessible as Dutch government publications must be: the real Title and Heading styles, table header
rows marked as header rows (repeated on every page), the document language set, every chart with alt
text, lights as a coloured icon plus the word. Spreadsheet text is only ever the text of a run (lxml
escapes it): no field codes (no fields at all, so no table of contents or page numbers).

python-docx sets up the package, the styles and the pictures; paragraphs and tables are written as
WordprocessingML text (escaped) and parsed once: python-docx looks a paragraph's style up by scanning
every style, and makes each element through its own classes, which made a 2,000-story report take
minutes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from portfolio.charts import MEASURE_COLOURS, STATUS_COLOURS, STATUS_ICONS
from portfolio.progress_report.model import (
    Bullets,
    Chart,
    Document,
    Heading,
    Light,
    Memo,
    PageBreak,
    Paragraph,
    Table,
    Text,
    TitlePage,
    clean,
)
from portfolio.progress_report.pdf import AUTHOR, HEADER_FILL, svg_to_png

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
TEXT_WIDTH_CM = 17.0
TWIPS_PER_CM = 567
TABLE_STYLE = "Table Text"
SMALL_STYLE = "Small Text"
ICON_FONT = "Segoe UI Symbol"  # Word's own font with these symbols; elsewhere the reader's fallback


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class _Word:
    def __init__(self, document: Document):
        self.source = document
        self.doc = docx.Document()
        self._setup()
        self.page_break_pending = False
        self.pending: list[str] = []  # body XML written but not yet parsed

    def _setup(self) -> None:
        doc, lang = self.doc, LANGUAGE_TAGS.get(self.source.lang, "nl-NL")
        props = doc.core_properties
        props.title, props.subject, props.author = clean(self.source.title), clean(self.source.subject), AUTHOR
        props.language = lang
        # The language of every run unless it says otherwise: docDefaults/rPrDefault/rPr/lang.
        rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        tag = OxmlElement("w:lang")
        for attribute in ("val", "eastAsia", "bidi"):
            tag.set(qn(f"w:{attribute}"), lang)
        rpr.append(tag)
        styles = doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10.5)
        for name, size, after in ((TABLE_STYLE, 8, 0), (SMALL_STYLE, 9, 4)):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(size)
            style.paragraph_format.space_after = Pt(after)
        styles[SMALL_STYLE].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        accent = _rgb(MEASURE_COLOURS["budget"])
        for level in (1, 2, 3):
            styles[f"Heading {level}"].font.color.rgb = accent
            styles[f"Heading {level}"].paragraph_format.keep_with_next = True
        styles["Caption"].paragraph_format.keep_with_next = True
        self.style_ids = {
            name: styles[name].style_id
            for name in (
                "Title",
                "Subtitle",
                "Heading 1",
                "Heading 2",
                "Heading 3",
                "List Bullet",
                "Caption",
                "Table Grid",
                TABLE_STYLE,
                SMALL_STYLE,
            )
        }
        section = doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)

    # --- WordprocessingML, written as text -----------------------------------------------------------
    # Every text goes through escape() (&, <, >) into the body of a <w:t>; attribute values are ours.

    def _ppr(self, style: str | None, align_right: bool = False, break_before: bool = False) -> str:
        if not (style or align_right or break_before):
            return ""
        return (
            "<w:pPr>"
            + (f'<w:pStyle w:val="{self.style_ids[style]}"/>' if style else "")
            + ("<w:pageBreakBefore/>" if break_before else "")
            + ('<w:jc w:val="right"/>' if align_right else "")
            + "</w:pPr>"
        )

    @staticmethod
    def _run(text: str, *, bold: bool = False, colour: str | None = None, font: str | None = None) -> str:
        props = ""
        if bold or colour or font:
            props = (
                "<w:rPr>"
                + (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>' if font else "")
                + ("<w:b/>" if bold else "")
                + (f'<w:color w:val="{colour.lstrip("#").upper()}"/>' if colour else "")
                + "</w:rPr>"
            )
        lines = escape(clean(text)).split("\n")
        return f"<w:r>{props}" + "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines) + "</w:r>"

    def _runs(self, runs, *, bold: bool = False) -> str:
        out = []
        for run in runs:
            if isinstance(run, Light):
                out.append(
                    self._run(STATUS_ICONS.get(run.status, "?"), colour=STATUS_COLOURS[run.status], font=ICON_FONT)
                )
                out.append(self._run(" " + run.word, bold=bold))
            else:
                out.append(self._run(run.text, bold=bold or run.bold))
        return "".join(out)

    def _paragraph(self, runs: str, style: str | None = None, **options) -> None:
        self.pending.append(f"<w:p>{self._ppr(style, **options)}{runs}</w:p>")

    # --- blocks ---------------------------------------------------------------------------------------

    def heading(self, block: Heading) -> None:
        # each section on a new page, as in the PDF (unless a page break already starts one)
        first = block.level == 1 and not self.page_break_pending
        self._paragraph(self._run(block.text), f"Heading {block.level}", break_before=first)
        self.page_break_pending = False

    def title_page(self, block: TitlePage) -> None:
        self._paragraph(self._run(block.title), "Subtitle")
        self._paragraph(self._run(block.programme), "Title")
        for line in block.lines:
            self._paragraph(self._run(line))

    def memo(self, block: Memo) -> None:
        """The cover memo as labelled paragraphs (a form, not a data table)."""
        self._paragraph(self._run(block.heading), "Subtitle")
        for name, value in block.rows:
            self._paragraph(self._run(f"{name}: ", bold=True) + self._run(value))
        for text in block.body:
            self._paragraph(self._run(text))

    def draft_mark(self) -> None:
        """'CONCEPT' in the header of every page."""
        if not self.source.draft:
            return
        header = self.doc.sections[0].header
        paragraph = header.paragraphs[0]
        paragraph.alignment = 2  # right
        run = paragraph.add_run(clean(self.source.draft_mark))
        run.bold = True
        run.font.size = Pt(14)
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)

    def paragraph(self, block: Paragraph) -> None:
        self._paragraph(self._runs(block.runs), SMALL_STYLE if block.small else None)

    def bullets(self, block: Bullets) -> None:
        for item in block.items:
            self._paragraph(self._runs(item), "List Bullet")

    def table(self, block: Table) -> None:
        if block.caption:
            self._paragraph(self._run(block.caption), "Caption")
        widths = [round(TEXT_WIDTH_CM * TWIPS_PER_CM * w / sum(block.widths)) for w in block.widths]
        caption = escape(clean(block.caption)[:250], {'"': "&quot;"})
        out = [
            "<w:tbl><w:tblPr>",
            f'<w:tblStyle w:val="{self.style_ids["Table Grid"]}"/>',
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>',
            '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>',
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/>',
            # the table's title for assistive technology (Word's table alt text)
            f'<w:tblCaption w:val="{caption}"/>' if block.caption else "",
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        header = [(Text(c, bold=True),) for c in block.columns]
        cell_props = [f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>' for w in widths]
        header_props = [
            f'<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL.lstrip("#")}"/></w:tcPr>'
            for w in widths
        ]
        paragraph_props = [self._ppr(TABLE_STYLE, align_right=a == "right") for a in block.align]
        rows = [(header, True, False), *((row, False, False) for row in block.rows)]
        if block.total:
            rows.append((block.total, False, True))
        for cells, is_header, is_total in rows:
            # a header row: repeated on every page, read out as the column headers
            out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if is_header else "") + "</w:trPr>")
            props = header_props if is_header else cell_props
            for col, runs in enumerate(cells):
                out.append(
                    f"<w:tc>{props[col]}<w:p>{paragraph_props[col]}{self._runs(runs, bold=is_total)}</w:p></w:tc>"
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.pending.append("".join(out))
        self._paragraph("", SMALL_STYLE)  # room below the table, and a place to type after it

    def chart(self, block: Chart) -> None:
        png = io.BytesIO(svg_to_png(block.svg))
        inline = self.doc.part.new_pic_inline(png, Cm(TEXT_WIDTH_CM), None)
        inline.docPr.set("descr", clean(block.alt))  # the picture's alt text
        inline.docPr.set("title", clean(block.caption))
        drawing = etree.tostring(inline, encoding="unicode")
        self._paragraph(self._run(block.caption), "Caption")  # above the chart, as tables have theirs
        self.pending.append(
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>'
        )

    def page_break(self, _block: PageBreak) -> None:
        self._paragraph('<w:r><w:br w:type="page"/></w:r>')
        self.page_break_pending = True

    def render(self) -> bytes:
        handlers = {
            TitlePage: self.title_page,
            Memo: self.memo,
            PageBreak: self.page_break,
            Heading: self.heading,
            Paragraph: self.paragraph,
            Bullets: self.bullets,
            Table: self.table,
            Chart: self.chart,
        }
        self.draft_mark()
        for block in self.source.blocks:
            handlers[type(block)](block)
        # One parse of the whole body, placed before the section properties: moving parsed elements
        # into python-docx's tree one by one cost seconds.
        xml = etree.tostring(self.doc.element, encoding="unicode")
        end = xml.rindex("<w:sectPr")
        self.doc.part._element = parse_xml(xml[:end] + "".join(self.pending) + xml[end:])
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def render_docx(document: Document) -> bytes:
    """The report as .docx bytes."""
    return _Word(document).render()
