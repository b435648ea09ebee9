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
    word = docx.Document(io.BytesIO(progress_report.generate(con, draft.report_id, "docx", draft=True)))
    parts = []
    for block in word.iter_inner_content():
        if isinstance(block, docx.table.Table):
            parts += [" | ".join(c.text for c in row.cells) for row in block.rows]
        else:
            parts.append(block.text)
    pdf = progress_report.generate(con, draft.report_id, "pdf", draft=True)
    pages = [flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    yield {"docx": flat("\n".join(parts)), "pdf": " ".join(pages), "pages": pages}
    con.close()


def test_the_seed_is_read_as_expected():
    memo = seed_memo()
    assert memo["registration"] == "2261407" and memo["author"] == "Drs. M. Tilstra"
    assert memo["portfolio_holder"] == "Rijsberman, M.A." and memo["department"] == "IV"
    assert memo["memo_date"] == "17 juli 2018"
    picture = seed_picture()
    assert [code for code, _, _ in picture] == [str(n) for n in range(19)]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_cover_memo_has_every_field_of_the_seeds(generated, fmt):
    text = generated[fmt]
    memo_part = text[: text.index("Stand van zaken per 15 juni 2018")]
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
    assert "Looptijd: 2015-2019" in text
    assert "De rapportage is ter informatie; zij bevat geen voorstellen voor besluitvorming." in text  # as the seed
    for code in ("2A4", "5C2", "5D1"):  # the seed's 'Overige MAB-activiteiten'
        assert code in text[text.index("Bijlage A") :]
    assert all("CONCEPT" in page for page in generated["pages"])  # a draft, on every page
    assert not re.search(r"\broot\b", text)
