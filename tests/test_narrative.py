"""The narrative beside the figures and the written report as a board memo (issue 23, part 2).

The narrative's round trip: from the export's own columns (Aanpak, Beoogd resultaat, Volgende stap,
Risico, Maatregel), typed in the app (AppTest on the Toelichting page), carried over into the next draft
and marked so until edited; every save in the audit log; an approved version frozen. The cover memo's
fields kept per programme. The written report: by tracks where the programme is organised by tracks,
a plan written as a plan, "CONCEPT" on every page of a draft, people by display name only. Texts are
checked in the Word and PDF files read back (python-docx, pypdf), against values written here.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pypdf
import pytest
from streamlit.testing.v1 import AppTest

from portfolio import analysis, approval, auth, db, ingest, narrative, progress_report

APP = Path(__file__).resolve().parent.parent / "app.py"
PROGRAMME = "Proefprogramma Toelichting"
HEADER = "Nr;Omschrijving;Thema;Afdeling;Budget;Besteed;Prognose;Stoplicht;Toelichting;Aanpak;Beoogd resultaat;Volgende stap;Risico;Maatregel\n"
ROWS = [
    "1;Zaakgericht werken;Dienstverlening;IV;100;50;100;groen;Loopt volgens plan;In drie sprints met de leverancier;"
    "Zaaksysteem in gebruik bij twee afdelingen;Pilot met de afdeling Vergunningen;Leverancier levert te laat;"
    "Boeteclausule en wekelijks overleg\n",
    "2;Datamanagement;Bedrijfsvoering;RE;200;10;250;oranje;Later door krapte;;;;;\n",
]


def export(rows: list[str] = ROWS) -> bytes:
    return (HEADER + "".join(rows)).encode()


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            parts += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            parts.append(block.text)
    return flat("\n".join(parts))


def pdf_pages(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def report_of(con, programme: str) -> int:
    programmes = analysis.programmes(con)
    pid = int(programmes.loc[programmes["name"] == programme, "programme_id"].iloc[0])
    return int(analysis.reports(con, pid)["report_id"].iloc[0])


@pytest.fixture
def loaded(con):
    """A draft (a new upload) of a programme whose export has the narrative columns for story 1 only."""
    _, [done] = ingest.load_file(
        con, export(), "maart.csv", programme=PROGRAMME, report_date="2025-03-31", loaded_by="root"
    )
    return con, done.report_id


# --- from the export ---------------------------------------------------------------------------------------


def test_the_exports_narrative_columns_are_recognised_and_kept_per_story(loaded):
    con, rid = loaded
    parsed = ingest.parse_export(export(), "maart.csv", programme=PROGRAMME, report_date="2025-03-31")
    headers = {field: parsed.headers[index] for field, index in parsed.mapping.items()}
    assert headers["approach"] == "Aanpak" and headers["intended_result"] == "Beoogd resultaat"
    assert headers["next_step"] == "Volgende stap" and headers["risk"] == "Risico"
    assert headers["risk_measure"] == "Maatregel" and headers["status_note"] == "Toelichting"
    found = narrative.read(con, rid)
    story = found.of(narrative.STORY, "1")
    assert story["approach"].body == "In drie sprints met de leverancier" and story["approach"].source == "export"
    assert story["intended_result"].body == "Zaaksysteem in gebruik bij twee afdelingen"
    assert story["next_step"].body == "Pilot met de afdeling Vergunningen"
    assert found.of(narrative.STORY, "2") == {}  # blank cells give no text
    assert found.risks == [
        {
            "story_code": "1",
            "risk": "Leverancier levert te laat",
            "owner": "IV",
            "likelihood": None,
            "impact": None,
            "measure": "Boeteclausule en wekelijks overleg",
            "source": "export",
        }
    ]
    text = docx_text(progress_report.generate(con, rid, "docx"))
    section = text[
        text.index("1 · Zaakgericht werken Programmalijn:") : text.index("2 · Datamanagement Programmalijn:")
    ]
    assert "Aanpak: In drie sprints met de leverancier" in section
    assert "Beoogde resultaten: Zaaksysteem in gebruik bij twee afdelingen" in section
    assert "Volgende stap: Pilot met de afdeling Vergunningen" in section
    risks = text[text.index("Risico's en maatregelen") :]
    assert "Leverancier levert te laat | 1 · Zaakgericht werken | IV | | | Boeteclausule en wekelijks overleg" in risks


def test_a_column_of_numbers_under_a_narrative_header_is_not_taken_as_prose():
    data = b"Nr;Omschrijving;Budget;Resultaat\n1;Een;100;5\n2;Twee;200;7\n3;Drie;300;9\n"
    parsed = ingest.parse_export(data, "cijfers.csv", programme="P", report_date="2025-03-31")
    assert "intended_result" not in parsed.mapping


# --- typed, carried over, frozen ------------------------------------------------------------------------------


def test_typed_text_is_saved_with_the_version_logged_and_carried_into_the_next_draft_until_edited(loaded):
    con, first = loaded
    assert narrative.save(
        con, first, "report", "", {"introduction": "Toezegging aan de raad.", "board_ask": ""}, "anna"
    ) == ["introduction"]
    assert narrative.save(
        con, first, "line", "Dienstverlening", {"delivered": "Zaaksysteem live", "next": "Uitrol"}, "anna"
    )
    assert narrative.save(con, first, "story", "2", {"approach": "Eerst de kernregistraties"}, "anna") == ["approach"]
    assert (
        narrative.save(con, first, "story", "2", {"approach": "Eerst de kernregistraties"}, "anna") == []
    )  # unchanged
    narrative.save_risks(
        con, first, [{"risk": "Krapte aan data-experts", "story_code": "2", "measure": "Inhuur"}], "anna"
    )
    log = con.execute(
        "select actor, action, detail from audit_log where action in ('narrative', 'risks') order by logged_at"
    ).fetchall()
    assert log == [
        ("anna", "narrative", "report: introduction"),
        ("anna", "narrative", "line Dienstverlening: delivered, next"),
        ("anna", "narrative", "story 2: approach"),
        ("anna", "risks", "1 risks"),
    ]
    # the next upload of the programme: the export no longer fills story 1's columns
    rows = [ROWS[0].split(";")[:9], ROWS[1]]
    _, [second] = ingest.load_file(
        con, export([";".join(rows[0]) + ";;;;;\n", rows[1]]), "juni.csv", programme=PROGRAMME, report_date="2025-06-30"
    )
    carried = narrative.read(con, second.report_id)
    intro = carried.get("report", "", "introduction")
    assert intro.body == "Toezegging aan de raad." and intro.carried and intro.carried_from == first
    assert str(intro.carried_date)[:10] == "2025-03-31"
    assert carried.get("story", "1", "approach").body == "In drie sprints met de leverancier"  # the earlier export's
    assert carried.get("story", "1", "approach").carried
    assert carried.get("line", "Dienstverlening", "delivered").carried
    assert carried.risks_source == "carried" and [r["risk"] for r in carried.risks] == ["Krapte aan data-experts"]
    text = docx_text(progress_report.generate(con, second.report_id, "docx"))
    assert "Toezegging aan de raad. (overgenomen uit de rapportage van 31 maart 2025; nog niet bijgewerkt)" in text
    # edited: the version's own text, no longer carried; the earlier version keeps its own
    narrative.save(con, second.report_id, "report", "", {"introduction": "Tweede rapportage aan de raad."}, "erik")
    edited = narrative.read(con, second.report_id).get("report", "", "introduction")
    assert edited.body == "Tweede rapportage aan de raad." and not edited.carried and edited.written_by == "erik"
    assert narrative.read(con, first).get("report", "", "introduction").body == "Toezegging aan de raad."
    text = docx_text(progress_report.generate(con, second.report_id, "docx"))
    assert "Tweede rapportage aan de raad." in text and "Toezegging aan de raad." not in text
    # a text cleared on purpose is not carried again
    narrative.save(con, second.report_id, "line", "Dienstverlening", {"delivered": ""}, "erik")
    assert narrative.read(con, second.report_id).get("line", "Dienstverlening", "delivered") is None


def test_materialise_keeps_what_was_carried_when_the_earlier_version_changes(loaded):
    con, first = loaded
    narrative.save(con, first, "report", "", {"board_ask": "Kennisnemen."}, "anna")
    _, [second] = ingest.load_file(
        con, export(), "juni.csv", programme=PROGRAMME, report_date="2025-06-30", same_file=True
    )
    assert narrative.materialise(con, second.report_id, "anna") >= 1
    narrative.save(con, first, "report", "", {"board_ask": "Later gewijzigd."}, "anna")
    kept = narrative.read(con, second.report_id).get("report", "", "board_ask")
    assert kept.body == "Kennisnemen." and kept.carried and kept.carried_from == first


def test_bad_saves_are_refused_and_write_nothing(loaded):
    con, rid = loaded
    before = con.execute("select count(*) from narratives").fetchone()[0]
    for scope, subject, values, key in [
        ("report", "", {"nonsense": "x"}, "narrative_bad_field"),
        ("galaxy", "x", {"approach": "x"}, "narrative_bad_scope"),
        ("story", "", {"approach": "x"}, "narrative_no_subject"),
        ("story", "1", {"approach": "x" * (narrative.MAX_TEXT + 1)}, "narrative_too_long"),
    ]:
        with pytest.raises(narrative.NarrativeRefused) as refused:
            narrative.save(con, rid, scope, subject, values, "anna")
        assert refused.value.key == key
    with pytest.raises(narrative.NarrativeRefused) as refused:
        narrative.save_risks(con, rid, [{"risk": "", "measure": "Iets"}], "anna")
    assert refused.value.key == "narrative_risk_without_text" and refused.value.params == {"row": 1}
    assert con.execute("select count(*) from narratives").fetchone()[0] == before
    assert con.execute("select count(*) from risks").fetchone()[0] == 0


def test_an_approved_version_is_frozen(demo_con):
    rid = report_of(demo_con, "MAB Flevoland")  # the demo's reports are approved (published documents)
    with pytest.raises(narrative.NarrativeRefused) as refused:
        narrative.save(demo_con, rid, "report", "", {"introduction": "Te laat"}, "anna")
    assert refused.value.key == "narrative_frozen"
    with pytest.raises(narrative.NarrativeRefused):
        narrative.save_risks(demo_con, rid, [{"risk": "Te laat"}], "anna")


# --- the seed's memo parts: annexes, document number, period, conclusion; per story ambition and state -------


def test_a_typed_ambition_fills_in_where_the_export_has_none_and_this_versions_export_wins_over_a_carried_one(con):
    """Story 1's export states an ambition, story 2's does not. Version 1: story 2's typed ambition fills
    in; story 1's edited on purpose wins over its export. Version 2: its export's new ambition for story 1
    wins over the text typed for version 1; story 2's typed one is carried over."""
    header = "Nr;Omschrijving;Budget;Ambitie\n"
    _, [first] = ingest.load_file(
        con, (header + "1;Een;100;Zaken digitaal afhandelen\n2;Twee;200;\n").encode(), "maart.csv",
        programme=PROGRAMME, report_date="2025-03-31",
    )  # fmt: skip
    first = first.report_id
    shown = narrative.read(con, first)
    assert shown.get("story", "1", "ambition").source == "export" and shown.get("story", "2", "ambition") is None
    assert narrative.save(con, first, "story", "2", {"ambition": "Data als bezit"}, "anna") == ["ambition"]
    assert narrative.save(con, first, "story", "1", {"ambition": "Zaken digitaal afhandelen"}, "anna") == []  # as shown
    narrative.save(con, first, "story", "1", {"ambition": "Alle zaken digitaal, ook bezwaar"}, "anna")
    text = docx_text(progress_report.generate(con, first, "docx"))
    assert "Ambitie: Alle zaken digitaal, ook bezwaar" in text and "Zaken digitaal afhandelen" not in text
    assert "Ambitie: Data als bezit" in text
    _, [second] = ingest.load_file(
        con, (header + "1;Een;100;Zaken en meldingen digitaal\n2;Twee;200;\n").encode(), "juni.csv",
        programme=PROGRAMME, report_date="2025-06-30",
    )  # fmt: skip
    later = narrative.read(con, second.report_id)
    assert later.get("story", "1", "ambition").body == "Zaken en meldingen digitaal"
    assert later.get("story", "1", "ambition").source == "export"
    assert later.get("story", "2", "ambition").body == "Data als bezit" and later.get("story", "2", "ambition").carried
    text = docx_text(progress_report.generate(con, second.report_id, "docx"))
    assert "Ambitie: Zaken en meldingen digitaal" in text and "ook bezwaar" not in text
    assert "Ambitie: Data als bezit (overgenomen uit de rapportage van 31 maart 2025; nog niet bijgewerkt)" in text


def test_annexes_number_period_conclusion_and_state_of_affairs_are_written_carried_and_frozen(loaded):
    con, first = loaded
    pid = int(db.query(con, "report_info", report_id=first)["programme_id"].iloc[0])
    narrative.save_cover(con, pid, {"portfolio_holder": "Rijsberman, M.A.", "public": "no"}, "anna")
    text = docx_text(progress_report.generate(con, first, "docx"))
    # nothing typed: the report itself is the one annex, its number not given, public as the memo says
    assert "Naam bijlage | Documentnummer (eDocs) | Openbaar in de zin van de WOB" in text
    assert "Voortgangsrapportage Proefprogramma Toelichting, 31 maart 2025 | (niet ingevuld) | Nee" in text
    assert "Conclusie van de portefeuillehouder" not in text and "Documentnummer 1" not in text
    narrative.save(
        con, first, "report", "",
        {"document_number": "1234567", "document_version": "V1/AB/1-4-2025", "period_name": "Plateau 1",
         "conclusion": "Het programma ligt op koers.\n\nTwee stories vragen aandacht."},
        "anna",
    )  # fmt: skip
    assert narrative.save_annexes(
        con, first,
        [{"title": "Voortgangsrapportage", "number": "1234567", "public": "yes"},
         {"title": "Financiële bijlage", "number": "1234568", "public": "no", "reading_room": True},
         {"title": "", "number": None, "public": None}],
        "anna",
    ) == 2  # fmt: skip
    state = "1. Zaaksysteem\n\nIn gebruik bij Vergunningen.\n\n2. Koppelingen\n\nNog niet gestart."
    narrative.save(con, first, "story", "1", {"state_of_affairs": state}, "anna")
    word = docx.Document(io.BytesIO(progress_report.generate(con, first, "docx")))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in word.tables]
    assert tables[0][1:] == [["Voortgangsrapportage", "1234567", "Ja"]]
    assert tables[1][1:] == [["Financiële bijlage", "1234568", "Nee"]]  # ter inzage in de leeskamer
    text = docx_text(progress_report.generate(con, first, "docx"))
    assert "Stand van zaken Plateau 1, per 31 maart 2025 Documentnummer 1234567 · versie V1/AB/1-4-2025" in text
    assert (  # signed by the memo's portfolio holder where no signer was typed
        "Conclusie van de portefeuillehouder Het programma ligt op koers. Twee stories vragen aandacht. Rijsberman, M.A."
        in text
    )
    section = text[
        text.index("1 · Zaakgericht werken Programmalijn:") : text.index("2 · Datamanagement Programmalijn:")
    ]
    assert "Stand van zaken: 1. Zaaksysteem In gebruik bij Vergunningen. 2. Koppelingen Nog niet gestart." in section
    narrative.save(con, first, "report", "", {"signed_by": "M. Rijsberman\nGedeputeerde"}, "anna")
    assert "Twee stories vragen aandacht. M. Rijsberman Gedeputeerde" in docx_text(
        progress_report.generate(con, first, "docx")
    )
    with pytest.raises(narrative.NarrativeRefused) as refused:
        narrative.save_annexes(con, first, [{"title": "", "number": "99"}], "anna")
    assert refused.value.key == "narrative_annex_without_title" and refused.value.params == {"row": 1}
    # the next draft: everything carried as a starting point, except the document's own number and version
    _, [second] = ingest.load_file(
        con, export(), "juni.csv", programme=PROGRAMME, report_date="2025-06-30", same_file=True
    )
    carried = narrative.read(con, second.report_id)
    assert (
        carried.get("report", "", "document_number") is None and carried.get("report", "", "document_version") is None
    )
    assert carried.get("report", "", "conclusion").carried and carried.get("story", "1", "state_of_affairs").carried
    assert [a["title"] for a in narrative.annexes(carried)] == ["Voortgangsrapportage", "Financiële bijlage"]
    text = docx_text(progress_report.generate(con, second.report_id, "docx"))
    assert (
        "Documentnummer 1234567" not in text[: text.index("Inleiding")].split("Bijlagen")[-1]
    )  # not on its title page
    assert "Stand van zaken Plateau 1, per 30 juni 2025" in text
    # approved: frozen with what it carries, whatever the first version says later
    approval.check(con, second.report_id, "carla")
    approval.approve(con, second.report_id, "dirk")
    with pytest.raises(narrative.NarrativeRefused) as refused:
        narrative.save_annexes(con, second.report_id, [{"title": "Te laat"}], "anna")
    assert refused.value.key == "narrative_frozen"
    with pytest.raises(narrative.NarrativeRefused):
        narrative.save(con, second.report_id, "story", "1", {"state_of_affairs": "Te laat"}, "anna")
    narrative.save_annexes(con, first, [{"title": "Later gewijzigd"}], "anna")
    narrative.save(con, first, "report", "", {"conclusion": "Later gewijzigd."}, "anna")
    kept = narrative.read(con, second.report_id)
    assert [a["title"] for a in narrative.annexes(kept)] == ["Voortgangsrapportage", "Financiële bijlage"]
    assert kept.get("report", "", "conclusion").body.startswith("Het programma ligt op koers.")


# --- the cover memo -----------------------------------------------------------------------------------------


def test_the_cover_fields_are_kept_per_programme_and_written_on_the_memo(loaded):
    con, rid = loaded
    pid = int(db.query(con, "report_info", report_id=rid)["programme_id"].iloc[0])
    values = {
        "subject": "Voortgangsrapportage Plateau 3",
        "registration": "2261407",
        "memo_date": "2018-07-17",
        "author": "Drs. M. Tilstra",
        "department": "IV",
        "portfolio_holder": "Rijsberman, M.A.",
        "public": "yes",
        "purpose": "information",
        "addressee": "PS en burgerleden",
        "goals": "- Een betrouwbare en veilige partner\n- Digitaal zaken doen",
        "period": "2015-2019",
    }
    assert sorted(narrative.save_cover(con, pid, values, "anna", rid)) == sorted(values)
    assert narrative.save_cover(con, pid, values, "anna") == []  # nothing changed, nothing written
    assert narrative.cover(con, pid) == values
    with pytest.raises(narrative.NarrativeRefused) as refused:
        narrative.save_cover(con, pid, {"purpose": "maybe"}, "anna")
    assert refused.value.key == "cover_bad_choice"
    with pytest.raises(narrative.NarrativeRefused) as refused:
        narrative.save_cover(con, pid, {"memo_date": "17-07"}, "anna")
    assert refused.value.key == "cover_bad_date"
    _, [later] = ingest.load_file(
        con, export(), "juni.csv", programme=PROGRAMME, report_date="2025-06-30", same_file=True
    )
    text = docx_text(progress_report.generate(con, later.report_id, "docx"))  # the programme's, so the next one's too
    memo = text[: text.index("Voortgangsrapportage Proefprogramma Toelichting Stand van zaken")]
    for expected in (
        "Onderwerp: Voortgangsrapportage Plateau 3",
        "Registratienummer: 2261407",
        "Datum: 17 juli 2018",
        "Auteur: Drs. M. Tilstra",
        "Afdeling/Bureau: IV",
        "Portefeuillehouder: Rijsberman, M.A.",
        "Openbaarheid: Openbaar",
        "Aard: Ter kennisname aan PS en burgerleden",
    ):
        assert expected in memo, expected
    intro = text[text.index("Inleiding") : text.index("Samenvatting")]
    assert "Looptijd: 2015-2019" in intro and "Een betrouwbare en veilige partner" in intro
    assert "De rapportage is ter informatie; zij bevat geen voorstellen voor besluitvorming." in intro
    assert "Deze rapportage is ter kennisname; er wordt geen besluit gevraagd." in text
    logged = con.execute("select report_id, detail from audit_log where action = 'cover'").fetchall()
    assert len(logged) == 1 and logged[0][0] == rid and logged[0][1].startswith("cover: subject")


# --- the written report: people, drafts, tracks, plans ------------------------------------------------------


def test_no_account_name_is_ever_written_only_display_names(loaded):
    con, rid = loaded
    con.execute("update status_rules set updated_at = current_timestamp, updated_by = 'root'")
    for fmt in ("docx", "pdf"):
        data = progress_report.generate(con, rid, fmt)
        text = docx_text(data) if fmt == "docx" else " ".join(pdf_pages(data))
        assert not re.search(r"\broot\b", text) and "Geladen door" not in text
        assert "Regels laatst gewijzigd op" in text  # said, without the account
    named = docx_text(progress_report.generate(con, rid, "docx", names={"root": "M. Tilstra"}))
    assert "Geladen door M. Tilstra." in named and "Regels laatst gewijzigd op" in named and "door M. Tilstra" in named


def test_display_names_come_from_the_sign_in_configuration():
    users = {
        "anna": {
            "password_hash": auth.hash_password("x", iterations=1000),
            "role": "editor",
            "display_name": "A. de Vries",
        },
        "erik": {"password_hash": auth.hash_password("y", iterations=1000), "role": "viewer"},
    }
    config = auth.load_config({"portfolio": {"sign_in": "builtin", "users": users}})
    assert config.display_name("anna") == "A. de Vries" and config.display_name("erik") is None
    people = {"Directeur@Almere.nl": {"role": "director", "display_name": "J. Jansen"}}
    oidc = auth.load_config({"portfolio": {"sign_in": "oidc", "people": people}, "auth": {"client_id": "x"}})
    assert oidc.display_name("directeur@almere.nl") == "J. Jansen"
    with pytest.raises(auth.AuthConfigError, match="display_name"):
        auth.load_config({"portfolio": {"sign_in": "oidc", "people": {"a@b.nl": {"display_name": " "}}}, "auth": {}})


def test_a_draft_says_concept_on_every_page_and_an_approved_one_nowhere(loaded):
    con, rid = loaded
    pages = pdf_pages(progress_report.generate(con, rid, "pdf", draft=True))
    assert len(pages) >= 5 and all("CONCEPT" in page for page in pages)
    assert all("DRAFT" in page for page in pdf_pages(progress_report.generate(con, rid, "pdf", lang="en", draft=True)))
    assert not any("CONCEPT" in page for page in pdf_pages(progress_report.generate(con, rid, "pdf")))
    word = docx.Document(io.BytesIO(progress_report.generate(con, rid, "docx", draft=True)))
    assert all("CONCEPT" in section.header.paragraphs[0].text for section in word.sections)
    plain = docx.Document(io.BytesIO(progress_report.generate(con, rid, "docx")))
    assert not any("CONCEPT" in p.text for s in plain.sections for p in s.header.paragraphs)


def test_a_programme_of_tracks_is_written_by_tracks_and_a_plan_as_a_plan(demo_con):
    rid = report_of(demo_con, "I&A-visie Midden-Groningen 2020-2023")
    stories = analysis.stories(demo_con, rid)
    tracks = list(dict.fromkeys(stories["track"].dropna()))
    assert len(tracks) == 6 and stories["programme_line"].isna().all()
    for fmt in ("docx", "pdf"):
        data = progress_report.generate(demo_con, rid, fmt)
        text = docx_text(data) if fmt == "docx" else " ".join(pdf_pages(data))
        assert "Stand van de plannen" in text and "Voortgangsrapportage" not in text
        assert "(geen programmalijn)" not in text and "Stories per spoor" in text
        assert "Legenda stoplicht" not in text and "Financieel overzicht" not in text
        for track in tracks:
            assert flat(track) in text
    word = docx.Document(io.BytesIO(progress_report.generate(demo_con, rid, "docx")))
    level2 = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert [flat(x) for x in level2[:6]] == [flat(x) for x in tracks]  # a section per track, in order
    # a report with progress keeps its lines and its title
    mab = docx_text(progress_report.generate(demo_con, report_of(demo_con, "MAB Flevoland"), "docx"))
    assert "Voortgangsrapportage" in mab and "Stories per programmalijn" in mab and "Stand van de plannen" not in mab


# --- the page -------------------------------------------------------------------------------------------------


def test_the_narrative_page_saves_what_is_typed_and_shows_carried_text(app_db):
    con = db.connect(app_db)
    _, [first] = ingest.load_file(con, export(), "maart.csv", programme=PROGRAMME, report_date="2025-03-31")
    con.close()
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/narrative.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="nar_report_introduction").input("Waarom deze rapportage er is.")
    at.text_area(key="nar_report_board_ask").input("Kennis te nemen van de voortgang.")
    at.button(key="FormSubmitter:narrative_report-Opslaan").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Opgeslagen" in s.value for s in at.success), [s.value for s in at.success]
    con = db.connect(app_db)
    try:
        found = narrative.read(con, first.report_id)
        assert found.get("report", "", "introduction").body == "Waarom deze rapportage er is."
        assert found.get("report", "", "board_ask").body == "Kennis te nemen van de voortgang."
        who = con.execute("select actor from audit_log where action = 'narrative'").fetchall()
        assert len(who) == 1 and who[0][0].startswith("open access")
        ingest.load_file(con, export(), "juni.csv", programme=PROGRAMME, report_date="2025-06-30", same_file=True)
    finally:
        con.close()
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/narrative.py").run()
    assert at.text_area(key="nar_report_introduction").value == "Waarom deze rapportage er is."
    assert any("Overgenomen uit de rapportage van 31 maart 2025" in c.value for c in at.caption)
    assert at.text_area(key="nar_story_0_approach").value == "In drie sprints met de leverancier"


def test_the_narrative_page_saves_the_conclusion_document_number_period_and_a_storys_ambition_and_state(app_db):
    con = db.connect(app_db)
    _, [done] = ingest.load_file(con, export(), "maart.csv", programme=PROGRAMME, report_date="2025-03-31")
    narrative.save_annexes(con, done.report_id, [{"title": "Rapportage", "number": "2252067", "public": "yes"}], "a")
    con.close()
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/narrative.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="nar_report_conclusion").input("Uit deze rapportage blijkt dat we op koers liggen.")
    at.text_area(key="nar_report_signed_by").input("M. Rijsberman\nGedeputeerde")
    at.text_input(key="nar_report_document_number").input("2252067")
    at.text_input(key="nar_report_document_version").input("V3/LH/26-6-2018")
    at.text_input(key="nar_report_period_name").input("Plateau 3")
    at.button(key="FormSubmitter:narrative_report-Opslaan").click().run()
    at.selectbox(key="nar_story").select("2").run()
    at.text_area(key="nar_story_1_ambition").input("Data als bezit van de organisatie")  # story 2: no export text
    at.text_area(key="nar_story_1_state_of_affairs").input("1. Eerste resultaat\n\nLoopt.")
    at.button(key="FormSubmitter:narrative_story_1-Opslaan").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # the annex editor, filled with what was saved ('yes' shown as 'ja')
    annexes = [f.value for f in at.dataframe if "reading_room" in f.value.columns]
    assert len(annexes) == 1 and annexes[0][["title", "number", "public"]].values.tolist() == [
        ["Rapportage", "2252067", "ja"]
    ]
    con = db.connect(app_db)
    try:
        found = narrative.read(con, done.report_id)
        assert found.get("report", "", "conclusion").body == "Uit deze rapportage blijkt dat we op koers liggen."
        assert found.get("report", "", "signed_by").body == "M. Rijsberman\nGedeputeerde"
        assert found.get("report", "", "document_number").body == "2252067"
        assert found.get("report", "", "document_version").body == "V3/LH/26-6-2018"
        assert found.get("report", "", "period_name").body == "Plateau 3"
        assert found.get("story", "2", "ambition").body == "Data als bezit van de organisatie"
        assert found.get("story", "2", "state_of_affairs").body == "1. Eerste resultaat\n\nLoopt."
    finally:
        con.close()


def test_the_narrative_is_shown_on_the_overview_the_lines_page_and_the_story_page(app_db):
    con = db.connect(app_db)
    _, [done] = ingest.load_file(con, export(), "maart.csv", programme=PROGRAMME, report_date="2025-03-31")
    narrative.save(con, done.report_id, "report", "", {"introduction": "Toezegging B144 aan PS"}, "anna")
    narrative.save(con, done.report_id, "line", "Dienstverlening", {"delivered": "Zaaksysteem live"}, "anna")
    con.close()
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["programme"] = PROGRAMME
    at.run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Toezegging B144 aan PS" in m.value for m in at.markdown)
    at.switch_page("pages/lines.py").run()
    at.selectbox(key="line").select("Dienstverlening").run()
    assert any("Zaaksysteem live" in m.value for m in at.markdown)
    at.switch_page("pages/story.py").run()
    at.selectbox(key="story_code").select("1").run()
    shown = " ".join(m.value for m in at.markdown)
    assert "In drie sprints met de leverancier" in shown and "Leverancier levert te laat" in shown


def test_only_those_who_may_write_narrative_can_save_on_the_page(app_db):
    con = db.connect(app_db)
    ingest.load_file(con, export(), "maart.csv", programme=PROGRAMME, report_date="2025-03-31")
    _, [other] = ingest.load_file(
        con, export(ROWS[1:]), "ander.csv", programme="Vastgesteld programma", report_date="2025-03-31"
    )
    approval.check(con, other.report_id, "controleur")
    approval.approve(con, other.report_id, "directeur")  # what a viewer sees: approved reports only
    con.close()
    users = {
        name: {"password_hash": auth.hash_password(f"{name}-pw", iterations=1000), "role": role}
        for name, role in (("vera", "viewer"), ("eddy", "editor"))
    }
    users["eddy"]["display_name"] = "E. de Redacteur"

    def signed_in(name: str, programme: str = PROGRAMME) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.query_params["programme"] = programme
        at.secrets["portfolio"] = {"sign_in": "builtin", "users": users}
        at.run()
        at.text_input(key="sign_in_name").input(name)
        at.text_input(key="sign_in_password").input(f"{name}-pw")
        at.button[0].click().run()
        at.switch_page("pages/narrative.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    viewer = signed_in("vera", "Vastgesteld programma")
    assert len(viewer.text_area) >= 2 and all(area.disabled for area in viewer.text_area)  # reads, never writes
    editor = signed_in("eddy")
    assert not editor.text_area(key="nar_report_introduction").disabled
    editor.text_area(key="nar_report_introduction").input("Door de redacteur.")
    editor.button(key="FormSubmitter:narrative_report-Opslaan").click().run()
    con = db.connect(app_db)
    try:
        assert con.execute("select actor from audit_log where action = 'narrative'").fetchall() == [("eddy",)]
    finally:
        con.close()


def test_approving_a_version_freezes_the_text_it_carries(loaded):
    """approval.approve makes the carried text the approved version's own, in the approval's transaction."""
    from portfolio import approval

    con, first = loaded
    narrative.save(con, first, "report", "", {"board_ask": "Kennisnemen."}, "anna")
    _, [second] = ingest.load_file(
        con, export(), "juni.csv", programme=PROGRAMME, report_date="2025-06-30", same_file=True
    )
    approval.check(con, second.report_id, "carla")
    approval.approve(con, second.report_id, "dirk")
    narrative.save(con, first, "report", "", {"board_ask": "Later gewijzigd."}, "anna")
    kept = narrative.read(con, second.report_id).get("report", "", "board_ask")
    assert kept.body == "Kennisnemen." and kept.carried_from == first
