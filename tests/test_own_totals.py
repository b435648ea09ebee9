"""The export's own totals: a totals row that does not add up to its stories is kept with the report
version, said on the overview, the upload history and in the written progress report until someone who
may upload accepts it, and in the command line's JSON."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from portfolio import db, fmt, ingest, progress_report
from tests.test_auth import BUILTIN, sign_in

APP = Path(__file__).resolve().parent.parent / "app.py"
ROOT = APP.parent
PROGRAMME = "Eigen totalen"
# code, title, budget, spent, forecast: the stories of the export
STORIES = [
    ("1", "Basisregistraties", 1_000_000, 400_000, 1_100_000),
    ("2", "Zaakgericht werken", 805_000, 300_000, 800_000),
    ("3", "E-formulieren", 500_000, 200_000, None),
]
# what the file's own totals row says: the budget 10.000 short (as if story 3 were 490.000), the rest right
STATED = {"budget": 2_295_000, "spent": 900_000, "forecast": 1_900_000}


def dutch(value) -> str:
    return "" if value is None else f"{value:,}".replace(",", ".")


def export(stated: dict) -> bytes:
    lines = ["Nr;Omschrijving;Budget;Besteed;Prognose"]
    lines += [";".join([code, title, *(dutch(v) for v in amounts)]) for code, title, *amounts in STORIES]
    lines.append(";".join(["Totaal", "", *(dutch(stated[m]) for m in ("budget", "spent", "forecast"))]))
    return "\n".join(lines).encode("cp1252")


TOTALS_ROW = len(STORIES) + 2  # the header is row 1
COMPUTED = {  # what the stories add up to, from the list above (missing is not zero)
    m: sum(s[k] for s in STORIES if s[k] is not None) for k, m in ((2, "budget"), (3, "spent"), (4, "forecast"))
}


def kept(con) -> list[tuple]:
    return con.execute(
        "select report_id, source_row, measure, stated::double, computed::double, accepted_at, accepted_by "
        "from total_disagreements order by report_id, source_row, measure"
    ).fetchall()


def load(con, stated=STATED, name="eigen_totalen.csv"):
    _, [done] = ingest.load_file(con, export(stated), name, programme=PROGRAMME, report_date="2025-06-30")
    return done


def test_a_totals_row_that_does_not_add_up_is_kept_with_the_report_with_both_figures(con):
    assert COMPUTED["budget"] == 2_305_000 != STATED["budget"]
    done = load(con)
    assert kept(con) == [(done.report_id, TOTALS_ROW, "budget", 2_295_000.0, 2_305_000.0, None, None)]
    assert [(d.row, d.measure, d.stated, d.computed) for d in done.disagreements] == [
        (TOTALS_ROW, "budget", 2_295_000.0, 2_305_000.0)
    ]
    # the report's totals are the stories', not the file's own
    assert done.totals["budget"] == COMPUTED["budget"]


def test_a_totals_row_that_adds_up_keeps_nothing(con):
    done = load(con, stated=COMPUTED)
    assert done.disagreements == [] and kept(con) == []


def test_each_version_keeps_its_own_and_deleting_the_report_removes_them(con):
    from portfolio import manage

    first = load(con)
    _, [again] = ingest.load_file(
        con,
        export({**STATED, "spent": 950_000}),
        "v2.csv",
        programme=PROGRAMME,
        report_date="2025-06-30",
        replace=True,
    )
    rows = kept(con)
    assert [(r[0], r[2]) for r in rows] == [
        (first.report_id, "budget"),
        (again.report_id, "budget"),
        (again.report_id, "spent"),
    ]
    assert rows[2][3:5] == (950_000.0, float(COMPUTED["spent"]))
    manage.delete(con, again.report_id, actor="test")
    assert kept(con) == []


def test_in_a_file_of_two_reports_each_totals_row_stays_with_its_own_report(con):
    text = "\n".join(
        [
            "Peildatum;Nr;Omschrijving;Budget",
            "31-03-2025;1;Een;100",
            "31-03-2025;2;Twee;200",
            ";Totaal;;300",  # adds up
            "30-06-2025;1;Een;110",
            "30-06-2025;2;Twee;200",
            ";Totaal;;300",  # the stories give 310
        ]
    ).encode()
    _, done = ingest.load_file(con, text, "twee.csv", programme=PROGRAMME)
    june = next(c for c in done if c.report_date.month == 6)
    assert kept(con) == [(june.report_id, 7, "budget", 300.0, 310.0, None, None)]


@pytest.mark.parametrize("store", ["file", "lake"], indirect=True)
def test_accepting_records_who_and_when_and_closes_it_in_a_file_and_in_a_lake(store):
    """Migration 012 and the queries on both stores: kept, accepted once, recorded once."""
    from portfolio import own_totals

    con = db.connect(store)
    done = load(con)
    assert kept(con)[0][:5] == (done.report_id, TOTALS_ROW, "budget", 2_295_000.0, 2_305_000.0)
    assert len(own_totals.found(con, done.report_id, open_only=True)) == 1
    assert own_totals.accept(con, done.report_id, actor="bert") == 1
    assert own_totals.found(con, done.report_id, open_only=True).empty
    [row] = kept(con)
    assert row[5] is not None and row[6] == "bert"
    log = db.query(con, "audit_log", limit=5)
    entry = log[log["action"] == "accept_totals"].iloc[0]
    assert (entry["actor"], int(entry["report_id"])) == ("bert", done.report_id)
    assert "2295000.00" in entry["detail"] and "2305000.00" in entry["detail"]
    assert own_totals.accept(con, done.report_id, actor="bert") == 0  # nothing open: nothing recorded
    assert (db.query(con, "audit_log", limit=5)["action"] == "accept_totals").sum() == 1
    con.close()


# --- the written progress report ----------------------------------------------------------------------

SENTENCE_NL = "het eigen totaal van de export is € 2.295.000; de stories tellen op tot € 2.305.000"
SENTENCE_EN = "the export's own total is €2,295,000; the stories add up to €2,305,000"


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_the_written_report_says_it_until_accepted(con):
    from portfolio import own_totals

    done = load(con)
    assert SENTENCE_NL in docx_text(progress_report.generate(con, done.report_id, "docx", lang="nl"))
    assert SENTENCE_EN in docx_text(progress_report.generate(con, done.report_id, "docx", lang="en"))
    assert SENTENCE_NL in pdf_text(progress_report.generate(con, done.report_id, "pdf"))
    own_totals.accept(con, done.report_id, actor="bert")
    assert "eigen totaal van de export" not in docx_text(progress_report.generate(con, done.report_id, "docx"))


# --- the command line -----------------------------------------------------------------------------------


def test_the_command_line_json_names_the_disagreements(tmp_path):
    path = tmp_path / "eigen.csv"
    path.write_bytes(export(STATED))
    done = subprocess.run(
        [sys.executable, "-m", "portfolio", "load", str(path), "--db", str(tmp_path / "p.duckdb")]
        + ["--programme", PROGRAMME, "--report-date", "2025-06-30", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    expected = [
        {
            "row": TOTALS_ROW,
            "measure": "budget",
            "column": "Budget",
            "stated": 2_295_000.0,
            "computed": 2_305_000.0,
            "difference": 10_000.0,
        }
    ]
    assert answer["total_disagreements"] == expected
    assert answer["reports"][0]["total_disagreements"] == expected


# --- the pages ----------------------------------------------------------------------------------------


def plain(text) -> str:
    """Markdown as a reader sees it: escapes and invisible joiners gone."""
    return str(text).replace("\\", "").replace(fmt.WORD_JOINER, "")


def warnings(at) -> str:
    return "\n".join(plain(w.value) for w in at.warning)


def page(name: str, secrets: dict | None = None, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(name)
    return at.run()


@pytest.fixture
def loaded(app_db):
    con = db.connect(app_db)
    done = load(con)
    con.close()
    return app_db, done.report_id


def test_the_overview_says_it_and_accept_removes_it_and_records_who(loaded):
    """A controller opens the overview: the export's own total and what the stories add up to, in
    Dutch and English; a viewer cannot accept it, an uploader can, and then it is gone."""
    path, report_id = loaded
    at = page("pages/overview.py", programme=PROGRAMME)
    assert not at.exception
    assert SENTENCE_NL in warnings(at)
    assert SENTENCE_EN in warnings(page("pages/overview.py", programme=PROGRAMME, lang="en"))

    viewer = page("pages/overview.py", BUILTIN, programme=PROGRAMME)
    sign_in(viewer, "anna", "kijker-wachtwoord")
    viewer.switch_page("pages/overview.py").run()
    viewer.sidebar.toggle(key="show_drafts").set_value(True).run()  # the upload is a draft: a viewer chooses it
    assert SENTENCE_NL in warnings(viewer)
    assert not [b for b in viewer.button if b.key and b.key.startswith("overview_accept_totals")]

    at = page("pages/overview.py", BUILTIN, programme=PROGRAMME)
    sign_in(at, "bert", "uploader-wachtwoord")
    at.switch_page("pages/overview.py").run()
    at.button(key=f"overview_accept_totals_{report_id}").click().run()
    assert not at.exception
    assert SENTENCE_NL not in warnings(at)
    assert "Verschil in de eigen totalen geaccepteerd (1)" in "\n".join(s.value for s in at.success)
    con = db.connect(path)
    log = db.query(con, "audit_log", limit=5)
    entry = log[log["action"] == "accept_totals"]
    assert entry["actor"].tolist() == ["bert"] and entry["report_id"].tolist() == [report_id]
    assert kept(con)[0][6] == "bert"
    con.close()
    assert SENTENCE_NL not in warnings(page("pages/overview.py", programme=PROGRAMME))


def test_the_history_says_it_accepts_it_and_still_shows_it_was_accepted(loaded):
    path, report_id = loaded
    at = page("pages/history.py")
    assert not at.exception
    assert SENTENCE_NL in warnings(at)
    table = next(d.value for d in at.dataframe if "Totaal volgens bestand" in d.value.columns)
    row = table.iloc[0]
    assert (row["Rij"], row["Bedrag"], row["Totaal volgens bestand"], row["Som van de stories"]) == (
        TOTALS_ROW,
        "Budget",
        2_295_000.0,
        2_305_000.0,
    )
    assert row["Stand"] == "open"
    at.button(key=f"history_accept_totals_{report_id}").click().run()
    assert not at.exception
    assert SENTENCE_NL not in warnings(at)
    table = next(d.value for d in at.dataframe if "Totaal volgens bestand" in d.value.columns)
    assert table.iloc[0]["Stand"].startswith("geaccepteerd door")  # the history still shows it, accepted
    log = at.dataframe[-1].value
    assert "eigen totalen geaccepteerd" in log["Actie"].tolist()
    assert any("rij 5, budget: bestand 2.295.000,00, stories 2.305.000,00" in w for w in log["Wat"])
