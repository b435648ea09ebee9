"""The written progress report (issue 12): the Word file opened with python-docx, the PDF read back
with pypdf's text extraction, and the command line that writes both.

Expected figures are worked out here from the demo workbook itself (openpyxl, plain Python: the
sums, the light the default rules give, the Dutch and English number notation), not with the
package's own functions.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest

from portfolio import analysis, cli, db, demo, ingest, progress_report
from portfolio.filters import Filters

MAB_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "mab_plateau3_2018-06.xlsx"
MAB = "MAB Flevoland"
OWO = "OWO Informatiseringsjaarplan (illustratie)"
MIDDEN_GRONINGEN = "I&A-visie Midden-Groningen 2020-2023"
WORDS = {
    "nl": {"green": "Groen", "amber": "Oranje", "red": "Rood", "unknown": "Onbekend"},
    "en": {"green": "Green", "amber": "Amber", "red": "Red", "unknown": "Unknown"},
}
REPORTED = {"groen": "green", "oranje": "amber", "rood": "red", None: "unknown"}
LEGEND = {
    "nl": [
        "volgens plan/afspraken",
        "niet volgens plan/afspraken, binnen de vastgestelde marge; het programma stuurt bij",
        "niet volgens plan/afspraken, buiten de vastgestelde marges; interventie van de opdrachtgever nodig",
    ],
    "en": [
        "according to plan",
        "off plan, within the agreed margin; the programme corrects",
        "off plan, outside the agreed margins; the principal must intervene",
    ],
}
HEADINGS = {"nl": ("Stoplicht (gemeld):", "Volgens cijfers:"), "en": ("Light (reported):", "By the figures:")}
FIELDS = {"nl": "Programmalijn:", "en": "Programme line:"}


# --- the demo workbook, read here ----------------------------------------------------------------------


def mab_rows() -> list[dict]:
    """Every row under the header of the MAB workbook, keyed by the start of its header."""
    sheet = openpyxl.load_workbook(MAB_FILE, data_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == "Nr")
    keys = {
        "Nr": "code",
        "Omschrijving": "title",
        "Hoort bij": "parent",
        "Budget": "budget",
        "Besteed": "spent",
        "Prognose": "forecast",
        "Stoplicht": "light",
        "Telt mee": "counts",
        "Toelichting": "note",
    }
    names = [next((v for k, v in keys.items() if str(h).startswith(k)), None) for h in rows[at]]
    out = []
    for row in rows[at + 1 :]:
        record = {name: value for name, value in zip(names, row) if name}
        if record["code"] in (None, "Totaal"):
            continue
        for amount in ("budget", "spent", "forecast"):  # the header says (€ k)
            record[amount] = None if record[amount] is None else record[amount] * 1000
        out.append(record)
    return out


def mab_stories() -> list[dict]:
    """The stories the totals are made of: top level, 'Telt mee in totaal' = ja."""
    return [r for r in mab_rows() if r["parent"] is None and r["counts"] == "ja"]


def light_by_the_figures(budget, spent, forecast) -> str:
    """The default rules (amber > 5% over budget, red > 15% or spent above budget); on a programme's
    first report the first budget is the budget, so drift is the overrun and adds nothing."""
    if budget is None or (forecast is None and spent is None):
        return "unknown"
    over = None
    if forecast is not None:
        over = float("inf") if budget == 0 and forecast > 0 else ((forecast - budget) / budget if budget else None)
    if (over is not None and over > 0.15) or (spent is not None and spent > budget):
        return "red"
    return "amber" if over is not None and over > 0.05 else "green"


def money(value: float, lang: str) -> str:
    digits = f"{round(value):,}"
    return f"€ {digits.replace(',', '.')}" if lang == "nl" else f"€{digits}"


# --- reading the documents back --------------------------------------------------------------------------


def flat(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) as single spaces, as a reader hears it."""
    return " ".join(text.replace("\xa0", " ").split())


def pdf_text(data: bytes) -> str:
    return flat("\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell in document order."""
    document = docx.Document(io.BytesIO(data))
    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            parts += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            parts.append(block.text)
    return flat("\n".join(parts))


def text_of(data: bytes, fmt: str) -> str:
    return pdf_text(data) if fmt == "pdf" else docx_text(data)


def story_section(text: str, code: str, title: str, lang: str) -> str:
    """A story's own section: from its heading to the next story heading or section."""
    start = text.index(f"{code} · {title} {FIELDS[lang]}")
    following = re.search(r" \S+ · [^·]{3,200}? " + re.escape(FIELDS[lang]), text[start + 10 :])
    return text[start : start + 10 + following.start()] if following else text[start : start + 3000]


def report_id(con, programme: str) -> int:
    programmes = analysis.programmes(con)
    programme_id = int(programmes.loc[programmes["name"] == programme, "programme_id"].iloc[0])
    return int(analysis.reports(con, programme_id)["report_id"].iloc[0])


@pytest.fixture(scope="module")
def demo_db():
    con = db.connect(":memory:")
    demo.load_demo_if_empty(con)
    yield con
    con.close()


@pytest.fixture(scope="module")
def mab_documents(demo_db):
    """The MAB report in both formats and both languages, made once for the module."""
    rid = report_id(demo_db, MAB)
    return {
        (fmt, lang): progress_report.generate(demo_db, rid, fmt, lang=lang)
        for fmt in ("docx", "pdf")
        for lang in ("nl", "en")
    }


# --- the MAB report -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_mab_report_gives_the_totals_every_story_both_lights_and_the_legend(mab_documents, fmt, lang):
    text = text_of(mab_documents[fmt, lang], fmt)
    stories = mab_stories()
    assert len(stories) == 19
    totals = {m: sum(s[m] for s in stories) for m in ("budget", "spent", "forecast")}
    assert totals == {"budget": 2_315_000, "spent": 936_500, "forecast": 2_137_500}  # DOMAIN.md
    for amount in totals.values():
        assert money(amount, lang) in text
    variance = totals["forecast"] - totals["budget"]
    assert money(abs(variance), lang) in text  # "the forecast is € 177.500 below budget"
    reported, by_figures = HEADINGS[lang]
    for story in stories:
        section = story_section(text, story["code"], story["title"], lang)
        light = WORDS[lang][REPORTED[story["light"]]]
        figures = WORDS[lang][light_by_the_figures(story["budget"], story["spent"], story["forecast"])]
        assert re.search(re.escape(reported) + r" \S* ?" + light + r"\b", section), (story["code"], section)
        assert re.search(re.escape(by_figures) + r" \S* ?" + figures + r"\b", section), (story["code"], section)
        for amount in ("budget", "spent", "forecast"):
            assert money(story[amount], lang) in section, (story["code"], amount)
        assert flat(story["note"]) in section
    for words in LEGEND[lang]:
        assert words in text
    for rule in ("15%", "5%", "25%", "10%"):  # the controller's default rules
        assert rule in text
    # the items outside the totals and the sub-items are there too, each with its code and title
    for row in mab_rows():
        if row not in stories:
            assert f"{row['code']}" in text and flat(row["title"]) in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_summary_names_the_watermelons_and_the_largest_overruns(mab_documents, fmt):
    text = text_of(mab_documents[fmt, "nl"], fmt)
    summary = text[text.index("Samenvatting") : text.index("Legenda stoplicht")]
    stories = {s["code"]: s for s in mab_stories()}
    melons = [
        c
        for c, s in stories.items()
        if REPORTED[s["light"]] == "green" and light_by_the_figures(s["budget"], s["spent"], s["forecast"]) != "green"
    ]
    assert sorted(melons) == ["13", "2"]
    assert "Groen gemeld, maar volgens de cijfers oranje of rood (2)" in summary
    for code in melons:
        assert f"{code} · {stories[code]['title']}" in summary
    over = sorted((s["forecast"] - s["budget"], code) for code, s in stories.items() if s["forecast"] > s["budget"])[
        ::-1
    ]
    assert f"{len(over)} stories verwachten een overschrijding" in summary
    biggest = over[0][1]  # story 9: € 475.000 -> € 500.000
    assert f"{biggest} · {stories[biggest]['title']}: € +25.000 (+5,3%)" in summary
    assert "Dit is de eerste rapportage in dit dashboard." in summary  # what the dashboard knows (issue 23)
    assert "Buiten de totalen: 4 posten" in summary


def test_the_word_file_is_accessible_and_holds_no_fields(mab_documents):
    data = mab_documents["docx", "nl"]
    document = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Title") == 1
    assert {"Heading 1", "Heading 2", "Heading 3"} <= set(styles)
    assert styles.count("Heading 3") == 19  # one per story
    assert document.core_properties.language == "nl-NL"
    assert document.core_properties.title.startswith("Voortgangsrapportage MAB Flevoland")
    package = zipfile.ZipFile(io.BytesIO(data))
    body = package.read("word/document.xml").decode()
    assert '<w:lang w:val="nl-NL"' in package.read("word/styles.xml").decode()
    for table in document.tables:  # every table's first row is a header row, repeated on each page
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert len(document.tables) >= 5
    pictures = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', body)
    assert len(pictures) == 2 and all(len(alt) > 60 for alt in pictures)
    assert "Staafdiagram" in pictures[0] and "Basis op orde" in pictures[0]
    for field in ("w:fldSimple", "w:instrText", "w:fldChar"):
        assert field not in body
    assert "Groen" in body and "✔" in body and "▲" in body  # a light is an icon and a word


def test_the_pdf_is_tagged_pdf_ua_with_the_language_set_and_its_own_fonts(mab_documents):
    for lang, tag in (("nl", "nl"), ("en", "en")):
        reader = pypdf.PdfReader(io.BytesIO(mab_documents["pdf", lang]))
        root = reader.trailer["/Root"]
        assert str(root["/Lang"]).startswith(tag)
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert reader.metadata.title.startswith("Voortgangsrapportage" if lang == "nl" else "Progress report")
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert "pdfuaid:part" in xmp and re.search(r"pdfuaid:part(>|=\")1", xmp)
        fonts = set()
        for page in reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                descendant = font.get("/DescendantFonts")
                descriptor = (descendant[0].get_object() if descendant else font)["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
                fonts.add(str(font["/BaseFont"]).split("+")[-1])
        assert fonts and all(f.startswith(("LibertinusSerif", "DejaVuSansMono")) for f in fonts)


def test_the_report_without_amounts_says_unknown_never_zero(demo_db):
    rid = report_id(demo_db, "Uitvoeringsprogramma digitalisering Groningen")
    for fmt in ("docx", "pdf"):
        text = text_of(progress_report.generate(demo_db, rid, fmt, lang="en"), fmt)
        assert "This report has no amounts" in text
        assert "€0" not in text and "€ 0" not in text
        assert "Budget: unknown · Spent/committed: unknown · Forecast: unknown" in text
        assert "No chart: this report has no amounts." in text


def test_a_later_report_says_what_moved_and_has_the_quarterly_overview(demo_db):
    rid = report_id(demo_db, OWO)
    text = text_of(progress_report.generate(demo_db, rid, "pdf", lang="nl"), "pdf")
    assert "Sinds de vorige rapportage (31 december 2018):" in text
    assert "18-04 · Digitaal raadpleegbare bestemmingsplannen: slechter, Oranje → Rood" in text
    assert "nieuw in deze rapportage" in text  # 19-02 is new since December
    section = story_section(text, "17-03", "Zaakgericht werken, fase 1", "nl")
    assert (
        "Sinds de vorige rapportage: besteed/verplicht € 140.000 → € 152.000; prognose € 172.000 → € 178.000" in section
    )
    annex = text[text.index("Bijlage B. Kwartaaloverzicht") :]
    for quarter in ("K1 2018", "K2 2018", "K3 2018", "K4 2018", "K1 2019"):
        assert quarter in annex
    assert "Eerdere jaren (overloop)" in annex and "€ 109.000" in annex  # carried over in Q1 2019


def test_filters_narrow_the_report_and_it_says_so(demo_db):
    rid = report_id(demo_db, MAB)
    text = text_of(progress_report.generate(demo_db, rid, "docx", Filters(lines=("Basis op orde",))), "docx")
    assert "Gefilterd: Programmalijn: Basis op orde" in text
    chosen = [
        s for s in mab_stories() if s.get("title") and s["code"] in {"9", "10", "11", "12", "13", "14", "15", "17"}
    ]
    assert f"8 stories tellen mee in de totalen. Samen: budget {money(sum(s['budget'] for s in chosen), 'nl')}" in text
    assert "Kennis en capaciteit" not in text  # story 0 has no line


def test_progress_is_reported_in_the_reports_language(demo_db):
    heard = []
    progress_report.generate(
        demo_db, report_id(demo_db, MAB), "docx", lang="en", progress=lambda f, m: heard.append((f, m))
    )
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(heard) >= 4
    assert heard[0][1] == "Reading the figures" and heard[-1][1] == "Done"


# --- text from a spreadsheet stays text ---------------------------------------------------------------------

HOSTILE_TITLE = '#sys.exit() ] * $x$ <script>alert(1)</script> { DDE "c:\\cmd.exe" } _a_ @ref // #let'
HOSTILE_NOTE = '{ DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" } ]] #import "x.typ" <w:t> & "quoted"'


def hostile_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(
        ["Nr", "Omschrijving", "Programmalijn", "Budget", "Besteed", "Prognose", "Stoplicht", "Toelichting"]
    )
    writer.writerow(["H1", HOSTILE_TITLE, "Lijn <b>1</b>", "1000", "500", "1000", "groen", HOSTILE_NOTE])
    writer.writerow(["N1", "Zonder bedragen", "Lijn <b>1</b>", "", "", "", "oranje", "Nog niet begroot."])
    writer.writerow(["U1", "Overschrijding zonder woord", "Lijn 2", "1000", "200", "1200", "groen", ""])
    writer.writerow(
        ["E1", "Overschrijding met toelichting", "Lijn 2", "1000", "200", "1200", "oranje", "Leverancier duurder."]
    )
    writer.writerow(["S1", "Kleine afwijking zonder woord", "Lijn 2", "1000", "200", "1030", "groen", ""])
    return out.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def hostile_db():
    con = db.connect(":memory:")
    ingest.load_file(con, hostile_csv(), "hostile.csv", programme="Vijandig {DDE} #x", report_date="2025-06-30")
    yield con
    con.close()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_typst_markup_html_and_word_fields_in_a_story_come_out_literally(hostile_db, fmt):
    data = progress_report.generate(hostile_db, report_id(hostile_db, "Vijandig {DDE} #x"), fmt)
    text = text_of(data, fmt)
    assert flat(HOSTILE_TITLE) in text
    assert flat(HOSTILE_NOTE) in text
    assert "Lijn <b>1</b>" in text and "Vijandig {DDE} #x" in text
    if fmt == "docx":
        body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        assert "<script>" not in body and "&lt;script&gt;" in body  # escaped text, not markup
        for field in ("w:fldSimple", "w:instrText", "w:fldChar"):
            assert field not in body


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_story_without_amounts_says_unknown_and_unexplained_variance_is_named(hostile_db, fmt):
    text = text_of(progress_report.generate(hostile_db, report_id(hostile_db, "Vijandig {DDE} #x"), fmt), fmt)
    section = story_section(text, "N1", "Zonder bedragen", "nl")
    assert "Budget: onbekend · Besteed/verplicht: onbekend · Prognose: onbekend · Afwijking: onbekend" in section
    assert "€ 0" not in section
    assert "N1 · Zonder bedragen: budget, besteed/verplicht, prognose onbekend" in text
    summary = text[text.index("Samenvatting") : text.index("Legenda stoplicht")]
    unexplained = summary[summary.index("Afwijking zonder toelichting") :]
    assert "U1 · Overschrijding zonder woord" in unexplained  # 20% over, no note
    assert "E1 · " not in unexplained  # 20% over, with a note
    assert "S1 · " not in unexplained  # 3% over: within the 5%
    assert "U1 · Overschrijding zonder woord" in summary[summary.index("Groen gemeld") :]  # a watermelon too


def test_a_character_the_shipped_fonts_lack_still_gives_a_tagged_pdf():
    """PDF/UA-1 refuses a glyph no shipped font has; the report is then made as a tagged PDF without
    that claim, instead of failing."""
    rows = "Nr;Omschrijving;Budget;Stoplicht\nX1;Emoji 😀 en 漢字;100;groen\n"
    con = db.connect(":memory:")
    ingest.load_file(con, rows.encode(), "emoji.csv", programme="Emoji", report_date="2025-01-31")
    data = progress_report.generate(con, report_id(con, "Emoji"), "pdf")
    con.close()
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and str(root["/Lang"]).startswith("nl")
    assert "pdfuaid:part" not in root["/Metadata"].get_object().get_data().decode()
    assert "X1 · Emoji" in pdf_text(data)


def test_a_storys_ambition_is_shown_where_it_has_one(demo_db):
    rid = report_id(demo_db, MAB)
    assert "Ambitie:" not in text_of(progress_report.generate(demo_db, rid, "docx"), "docx")  # MAB states none
    # Midden-Groningen's ambitions came in through the upload path (an 'Ambitie' column)
    vision = text_of(progress_report.generate(demo_db, report_id(demo_db, MIDDEN_GRONINGEN), "docx"), "docx")
    assert "Ambitie: Processen, systemen en data binnen de organisatie krijgen allemaal een eigenaar" in vision
    con = db.connect(":memory:")
    demo.load_demo_if_empty(con)
    con.execute("update stories set ambition = 'Gegevens op orde: #juist, actueel ] en gedeeld' where code = '11'")
    rid = report_id(con, MAB)
    for fmt in ("docx", "pdf"):
        section = story_section(
            text_of(progress_report.generate(con, rid, fmt), fmt),
            "11",
            "Haal meer uit data (met datamanagement)!",
            "nl",
        )
        assert "Ambitie: Gegevens op orde: #juist, actueel ] en gedeeld" in section
    con.close()


# --- the command line ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "demo.duckdb"
    con = db.connect(path)
    demo.load_demo_if_empty(con)
    con.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_command_line_writes_both_formats_and_changes_nothing_in_the_database(demo_file, tmp_path, fmt, capsys):
    before = digest(demo_file)
    out = tmp_path / f"mab.{fmt}"
    code = cli.main(
        [
            "report",
            "--db",
            str(demo_file),
            "--programme",
            MAB,
            "--report-date",
            "2018-06-15",
            "--format",
            fmt,
            "--lang",
            "en",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    text = text_of(out.read_bytes(), fmt)
    assert "Progress report" in text and "€2,315,000" in text
    assert digest(demo_file) == before
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--programme", "MAB", "--report-date", "2018-06-15", "-o", "{out}/x.pdf"], "there is no programme 'MAB'"),
        (["--programme", MAB, "--report-date", "2018-06-16", "-o", "{out}/x.pdf"], "its report dates: 2018-06-15"),
        (["--programme", MAB, "--report-date", "2018-06-15", "-o", "{out}/x.txt"], "say --format docx or --format pdf"),
        (["--programme", MAB, "--report-date", "2018-06-15", "--format", "docx", "-o", "{out}/x.pdf"], "name it so"),
        (["--programme", MAB, "--report-date", "2018-06-15", "-o", "{out}/missing/x.pdf"], "does not exist"),
    ],
)
def test_the_command_line_refuses_what_it_cannot_do_and_says_why(demo_file, tmp_path, capsys, args, message):
    code = cli.main(["report", "--db", str(demo_file), *(a.replace("{out}", str(tmp_path)) for a in args)])
    assert code == cli.EXIT_REFUSED
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_refuses_bad_arguments_and_a_missing_database(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["report", "--programme", MAB, "--report-date", "15-06-2018", "-o", str(tmp_path / "x.pdf")])
    assert stopped.value.code == 2
    assert "is not a date (YYYY-MM-DD)" in capsys.readouterr().err
    missing = tmp_path / "none.duckdb"
    code = cli.main(
        [
            "report",
            "--db",
            str(missing),
            "--programme",
            MAB,
            "--report-date",
            "2018-06-15",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == cli.EXIT_REFUSED
    assert "there is no database" in capsys.readouterr().err
    assert not missing.exists()  # not created by asking


def test_an_unknown_report_id_is_refused(demo_db):
    with pytest.raises(progress_report.ReportNotFound):
        progress_report.build(demo_db, 999_999)
    with pytest.raises(ValueError):
        progress_report.generate(demo_db, report_id(demo_db, MAB), "odt")
