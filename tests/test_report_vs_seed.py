"""The generated MAB report read beside the real one (seed 000, tests/corpus/mab_plateau3_report.txt),
section by section (docs/report_vs_seed.md says the same in words).

The seed is read here with regular expressions: its memo fields, its summary picture (19 stories, each
with its one line), its legend, its other activities. The programme's cover fields are typed in as the
seed gives them (on a new draft of MAB: the demo's version is approved and frozen), and the generated
Word and PDF must carry each of them where the seed has it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pypdf
import pytest

from portfolio import analysis, db, demo, ingest, narrative, progress_report

SEED = Path(__file__).resolve().parent / "corpus" / "mab_plateau3_report.txt"
MAB_CSV = Path(__file__).resolve().parent.parent / "data" / "demo" / "mab_plateau3_2018-06.csv"


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("**", " ").split())


def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_memo() -> dict[str, str]:
    """The memo's fields as the seed writes them ('Registratienummer\\n\\n2261407', '**Portefeuillehouder****Rijsberman, M.A.**')."""
    text = seed()

    def after(label: str) -> str:
        found = re.search(re.escape(label) + r"\**\s*\n\s*\n([^\n]+)", text)
        return found[1].strip().strip("*")

    holder = re.search(r"\*\*Portefeuillehouder\*\*\*\*([^*]+)\*\*", text)[1]
    return {
        "subject": after("**Onderwerp**"),
        "registration": after("Registratienummer"),
        "memo_date": after("Datum"),
        "author": after("Auteur"),
        "department": after("Afdeling/Bureau"),
        "portfolio_holder": holder,
        "public": "Openbaar" if "**Openbaar**" in text else "Niet openbaar",
        "purpose": "Ter kennisname aan PS en burgerleden" if "Ter kennisname aan PS en" in text else "",
    }


def seed_picture() -> list[tuple[str, str, str]]:
    """(code, title, one line) of every story in the seed's SAMENVATTEND BEELD."""
    text = seed()
    start = text.index("SAMENVATTEND BEELD")
    end = text.index("0. Kennis en capaciteit", start + 30)
    return re.findall(r"\n(\d+)\. ([^\n]+)\n\n([^\n]+)\n", text[start:end])


def seed_annexes() -> list[tuple[str, str, str]]:
    """(title, eDocs number, public 'Ja'/'Nee') of each annex the memo sends ('Bijlagen')."""
    text = seed()
    part = text[text.index("**Bijlagen**") : text.index("Ter inzage in de leeskamer")]
    return re.findall(r"\n([^\n\t]+)\t(\d+)\t(Ja|Nee)\n", part)


def seed_title_page() -> dict[str, str]:
    """The document's own number and version and the period of its title page."""
    text = seed()
    number, version = re.search(r"\n(\d{7}) – (\S+)\n", text).groups()
    period = re.search(r"Stand van zaken (Plateau \d+) \(", text)[1]
    return {"number": number, "version": version, "period": period}


def seed_conclusion() -> tuple[str, str]:
    """The portfolio holder's conclusion and who signs it (name, role: two lines)."""
    found = re.search(r"\n(Uit deze rapportage blijkt[^\n]+)\n\s*\n([^\n]+)\n\s*\n([^\n]+)\n", seed())
    return found[1].strip(), f"{found[2].strip()}\n{found[3].strip()}"


def seed_story_texts() -> dict[str, str]:
    """Story 0's ambition ('Samenvatting ambitie', its first paragraph) and story 2's state of affairs
    (several paragraphs, numbered per intended result: '1. Fase 1 (tot 1/7)' ...)."""
    text = seed()
    ambition = re.search(r"0\. Kennis en capaciteit\n\nSamenvatting ambitie\n\n([^\n]+)\n", text)[1]
    line = next(x for x in text.splitlines() if x.startswith("<p><i>Stand van zaken</i></p> <p>1. Fase 1"))
    paragraphs = [re.sub(r"<[^>]+>", "", p).strip() for p in line.split("</p>")]
    state = "\n\n".join(p for p in paragraphs[1:] if p)
    return {"ambition": ambition.strip(), "state_of_affairs": state}


MONTHS = {"juli": 7}


@pytest.fixture(scope="module")
def generated():
    con = db.connect(":memory:")
    demo.load_demo_if_empty(con)
    _, [draft] = ingest.load_file(
        con, MAB_CSV.read_bytes(), MAB_CSV.name, programme="MAB Flevoland", report_date="2018-06-15", replace=True
    )
    memo = seed_memo()
    day, month, year = memo["memo_date"].split()
    programmes = analysis.programmes(con)
    pid = int(programmes.loc[programmes["name"] == "MAB Flevoland", "programme_id"].iloc[0])
    narrative.save_cover(
        con,
        pid,
        {
            "subject": memo["subject"],
            "registration": memo["registration"],
            "memo_date": f"{year}-{MONTHS[month]:02d}-{int(day):02d}",
            "author": memo["author"],
            "department": memo["department"],
            "portfolio_holder": memo["portfolio_holder"],
            "public": "yes",
            "purpose": "information",
            "addressee": "PS en burgerleden",
            "period": "2015-2019",
        },
        "test",
    )
    # what the seed has beyond the cover fields, typed for this version as the Toelichting page saves it
    title_page, (conclusion, signer), story = seed_title_page(), seed_conclusion(), seed_story_texts()
    narrative.save(
        con,
        draft.report_id,
        "report",
        "",
        {
            "document_number": title_page["number"],
            "document_version": title_page["version"],
            "period_name": title_page["period"],
            "conclusion": conclusion,
            "signed_by": signer,
        },
        "test",
    )
    annexes = [{"title": t, "number": n, "public": {"Ja": "yes", "Nee": "no"}[p]} for t, n, p in seed_annexes()]
    assert narrative.save_annexes(con, draft.report_id, annexes, "test") == 1
    narrative.save(con, draft.report_id, "story", "0", {"ambition": story["ambition"]}, "test")
    narrative.save(con, draft.report_id, "story", "2", {"state_of_affairs": story["state_of_affairs"]}, "test")
    word = docx.Document(io.BytesIO(progress_report.generate(con, draft.report_id, "docx", draft=True)))
    parts = []
    for block in word.iter_inner_content():
        if isinstance(block, docx.table.Table):
            parts += [" | ".join(c.text for c in row.cells) for row in block.rows]
        else:
            parts.append(block.text)
    pdf = progress_report.generate(con, draft.report_id, "pdf", draft=True)
    pages = [flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    yield {"docx": flat("\n".join(parts)), "pdf": " ".join(pages), "pages": pages, "word": word}
    con.close()


def test_the_seed_is_read_as_expected():
    memo = seed_memo()
    assert memo["registration"] == "2261407" and memo["author"] == "Drs. M. Tilstra"
    assert memo["portfolio_holder"] == "Rijsberman, M.A." and memo["department"] == "IV"
    assert memo["memo_date"] == "17 juli 2018"
    picture = seed_picture()
    assert [code for code, _, _ in picture] == [str(n) for n in range(19)]
    assert seed_annexes() == [
        ("Voortgangsrapportage Plateau 3 Meerjaren Aanpak Bedrijfsvoering (MAB)", "2252067", "Ja")
    ]
    assert seed_title_page() == {"number": "2252067", "version": "V3/LH/26-6-2018", "period": "Plateau 3"}
    conclusion, signer = seed_conclusion()
    assert (
        conclusion.startswith("Uit deze rapportage blijkt")
        and signer == "M. Rijsberman\nGedeputeerde provincie Flevoland"
    )
    story = seed_story_texts()
    assert story["ambition"].startswith("Voor de realisatie van het programma MAB")
    assert (
        story["state_of_affairs"].startswith("1. Fase 1 (tot 1/7)")
        and "\n\n2. Fase 2 (na 1/7)\n\n" in story["state_of_affairs"]
    )


def test_the_memo_lists_the_seeds_annexes_with_their_number_and_wob_in_a_table(generated):
    word = generated["word"]
    header = ["Naam bijlage", "Documentnummer (eDocs)", "Openbaar in de zin van de WOB"]
    tables = [
        [[c.text for c in row.cells] for row in t.rows]
        for t in word.tables
        if [c.text for c in t.rows[0].cells] == header
    ]
    assert len(tables) == 2  # what is sent, and what lies in the reading room
    sent, reading_room = tables
    assert sent[1:] == [[title, number, public] for title, number, public in seed_annexes()]
    assert reading_room[1:] == [["Geen", "N.v.t.", "N.v.t."]]  # as the seed writes an empty list
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions[:2] == ["Bijlagen", "Ter inzage in de leeskamer"]
    text = generated["pdf"]
    memo = text[: text.index("Stand van zaken Plateau 3, per 15 juni 2018")]
    assert "Voortgangsrapportage Plateau 3 Meerjaren Aanpak Bedrijfsvoering (MAB) 2252067 Ja" in memo


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_title_page_has_the_documents_own_number_version_and_period(generated, fmt):
    text = generated[fmt]
    title_page = text[text.index("Stand van zaken Plateau 3, per 15 juni 2018") : text.index("Inleiding")]
    assert "Documentnummer 2252067 · versie V3/LH/26-6-2018" in title_page
    if fmt == "docx":  # on the title page itself: after the Title, before the first section
        paragraphs = [p.text for p in generated["word"].paragraphs]
        start = next(i for i, p in enumerate(generated["word"].paragraphs) if p.style.name == "Title")
        end = next(i for i, p in enumerate(generated["word"].paragraphs) if p.style.name == "Heading 1")
        assert "Documentnummer 2252067 · versie V3/LH/26-6-2018" in paragraphs[start:end]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_introduction_closes_with_the_portfolio_holders_signed_conclusion(generated, fmt):
    text = generated[fmt]
    intro = text[text.index("Inleiding") : text.index("Samenvatting", text.index("Inleiding"))]
    conclusion, _ = seed_conclusion()
    assert "Conclusie van de portefeuillehouder" in intro
    assert flat(conclusion) + " M. Rijsberman Gedeputeerde provincie Flevoland" in intro


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_story_has_its_typed_ambition_and_long_state_of_affairs(generated, fmt):
    text = generated[fmt]
    story = seed_story_texts()
    start = text.index("0 · Kennis en capaciteit Programmalijn")
    zero = text[start : text.index("Stoplicht (gemeld)", start)]  # before its lights and money, as the seed
    assert "Ambitie: " + flat(story["ambition"]) in zero
    start = text.index("2 · Digitaal zaken doen", text.index("Stories per programmalijn"))
    two = text[start : text.index("3 · Flevoland klaar", start)]
    state = two.index("Stand van zaken: 1. Fase 1 (tot 1/7)")  # every paragraph, numbered per result
    if fmt == "docx":
        assert flat(story["state_of_affairs"]) in two
    else:  # a page's footer and 'CONCEPT' may come between its paragraphs: each paragraph's start, in order
        starts = [two.index(" ".join(p.split()[:8])) for p in story["state_of_affairs"].split("\n\n")]
        assert starts == sorted(starts) and "2. Fase 2 (na 1/7)" in two
    assert two.index("Prognose") < state < two.index("Toelichting")  # after the money, before the one line


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_cover_memo_has_every_field_of_the_seeds(generated, fmt):
    text = generated[fmt]
    memo_part = text[: text.index("Stand van zaken Plateau 3, per 15 juni 2018")]
    memo = seed_memo()
    labels = {
        "subject": "Onderwerp",
        "registration": "Registratienummer",
        "memo_date": "Datum",
        "author": "Auteur",
        "department": "Afdeling/Bureau",
        "portfolio_holder": "Portefeuillehouder",
        "public": "Openbaarheid",
        "purpose": "Aard",
    }
    for field, label in labels.items():
        assert label in memo_part, label
        assert flat(memo[field]) in memo_part, (field, memo[field])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_summary_picture_has_every_story_with_the_seeds_one_line(generated, fmt):
    text = generated[fmt]
    picture = text[text.index("Samenvattend beeld") : text.index("Stories per programmalijn")]
    for code, _title, line in seed_picture():
        assert f"{code} · " in picture, code
        assert flat(line) in picture, (code, line)


def test_the_rest_of_the_seeds_outline_is_there(generated):
    text = generated["pdf"]
    for heading in (
        "Inleiding",
        "Legenda stoplicht",
        "Samenvattend beeld",
        "Stories per programmalijn",
        "Risico's en maatregelen",
        "Gevraagd van het bestuur",
        "Bijlage A. Posten buiten de totalen",
    ):
        assert heading in text, heading
    # in the seed's order: the legend, then the summary picture, then the figures (the financial overview, which
    # the seed has not) and the stories
    order = ["Legenda stoplicht", "Samenvattend beeld", "Financieel overzicht", "Stories per programmalijn"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    assert "Looptijd: 2015-2019" in text
    assert "De rapportage is ter informatie; zij bevat geen voorstellen voor besluitvorming." in text  # as the seed
    for code in ("2A4", "5C2", "5D1"):  # the seed's 'Overige MAB-activiteiten'
        assert code in text[text.index("Bijlage A") :]
    assert all("CONCEPT" in page for page in generated["pages"])  # a draft, on every page
    assert not re.search(r"\broot\b", text)
