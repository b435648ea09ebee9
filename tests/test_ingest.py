"""Exports in, reports out: what is understood, what is refused, and that a refusal writes nothing."""

import csv
import datetime as dt

import pytest

from portfolio import analysis, db, ingest
from portfolio.problems import LoadRefused, message
from tests.conftest import CORPUS
from tests.exports import DUTCH_CSV_ROWS, dutch_csv, workbook_bytes


def snapshot(con) -> dict:
    """Every row of every table, to prove a refused load changed nothing."""
    tables = [
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_catalog = current_database()"
        ).fetchall()
    ]
    return {name: con.execute(f"select * from {name} order by all").fetchall() for name in sorted(tables)}


def test_a_dutch_excel_csv_is_understood(con):
    parsed = ingest.parse_export(dutch_csv(), "export.csv", programme="Digitale Agenda")
    assert (parsed.encoding, parsed.delimiter, parsed.locale, parsed.currency) == ("cp1252", ";", "nl", "EUR")
    assert parsed.header_row == 4
    [report] = parsed.reports
    assert report.report_date == dt.date(2025, 3, 31)  # from the 'Stand per:' line above the header
    stories = report.stories.set_index("code")
    assert stories.index.tolist() == ["A1", "A2", "B1"]  # blank rows and the totals row are not stories
    assert stories.loc["A1", "budget"] == 2500.0
    assert stories.loc["A1", "spent"] == 1200.5
    assert stories.loc["B1", "spent"] == -1200.0
    assert stories["status"].tolist() == ["green", "amber", "red"]
    assert stories["status_label"].tolist() == ["groen", "Oranje", "ROOD"]
    assert report.totals() == {"budget": 146_000.0, "spent": 0.5, "forecast": 149_750.0}


def test_text_in_an_amount_column_becomes_missing_with_a_warning_naming_row_and_column():
    parsed = ingest.parse_export(dutch_csv(), "export.csv", programme="Digitale Agenda")
    stories = parsed.reports[0].stories.set_index("code")
    assert stories.loc["A2", "spent"] is None or stories.loc["A2", "spent"] != stories.loc["A2", "spent"]
    [said] = [p for p in parsed.notes if p.key == "no_value_words"]  # 'n.v.t.' is a known word for no value
    assert (said.column, said.params["count"]) == ("Besteed", 1)
    assert message(said, "nl") == (
        "kolom 'Besteed': 1 cel(len) zeggen dat er geen waarde is (n.v.t.); behandeld als ontbrekend, niet als nul."
    )
    rows = DUTCH_CSV_ROWS[:5] + [DUTCH_CSV_ROWS[5].replace("n.v.t.", "zie bijlage")] + DUTCH_CSV_ROWS[6:]
    parsed = ingest.parse_export(dutch_csv(rows), "export.csv", programme="Digitale Agenda")
    text_warnings = [p for p in parsed.warnings if p.key == "amount_text"]
    assert [(p.row, p.column) for p in text_warnings] == [(6, "Besteed")]
    assert (
        message(text_warnings[0], "nl")
        == "rij 6, kolom 'Besteed': 'zie bijlage' is geen bedrag; behandeld als ontbrekend (niet als nul)."
    )
    negative = [p for p in parsed.warnings if p.key == "negative_amount"]
    assert [(p.row, p.column) for p in negative] == [(8, "Besteed")]


def test_a_totals_row_that_disagrees_with_the_stories_is_reported():
    rows = DUTCH_CSV_ROWS[:-1] + ["Totaal;;;€ 150.000,00;;€ 149.750,00;"]
    parsed = ingest.parse_export(dutch_csv(rows), "export.csv", programme="Digitale Agenda")
    mismatches = [p for p in parsed.warnings if p.key == "totals_mismatch"]
    assert [(p.row, p.params["stated"], p.params["computed"]) for p in mismatches] == [(9, 150_000.0, 146_000.0)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_excel_and_others_write(encoding):
    parsed = ingest.parse_export(dutch_csv(encoding=encoding), "export.csv", programme="P")
    assert parsed.errors == []
    assert parsed.reports[0].totals()["budget"] == 146_000.0
    assert parsed.headers[3] == "Begroting\n(€)"


def test_english_comma_separated_export_with_units_in_the_header():
    text = 'Project ID,Project name,Baseline ($ M),Forecast ($ M),RAG\nP1,Alpha,"1,250.5",1300,Amber/Green\nP2,Beta,2.5,2.25,G\n'
    parsed = ingest.parse_export(text.encode(), "us.csv", programme="US", report_date="2024-01-31")
    [report] = parsed.reports
    assert (parsed.delimiter, parsed.locale, parsed.currency) == (",", "en", "USD")
    assert report.stories["budget"].tolist() == [1_250_500_000.0, 2_500_000.0]
    assert report.stories["status"].tolist() == ["amber", "green"]


def test_excel_workbook_with_title_rows_and_a_sheet_choice(con):
    rows = [
        ["Portfolio Q1"],
        [],
        ["Story", "Titel", "Budget (x1000)", "Prognose (x1000)", "Status", "Peildatum"],
        [1, "Eerste", 2.5, 3, "groen", dt.datetime(2025, 3, 31)],
        [2, "Tweede", 10, None, "rood", "31-03-2025"],
    ]
    data = workbook_bytes([["leeg"]], sheet="Voorblad", extra_sheets={"Data": rows})
    parsed = ingest.parse_export(data, "portfolio.xlsx", sheet="Data", programme="Q")
    assert parsed.sheets == ["Voorblad", "Data"]
    [report] = parsed.reports
    assert report.report_date == dt.date(2025, 3, 31)
    assert report.stories["code"].tolist() == ["1", "2"]
    assert report.totals() == {"budget": 12_500.0, "spent": None, "forecast": 3000.0}


def test_a_file_with_several_programmes_and_dates_becomes_one_report_each(con):
    text = (
        "Programma;Peildatum;Nr;Budget;Stoplicht\n"
        "A;31-01-2025;1;100;groen\nA;28-02-2025;1;110;oranje\nB;31-01-2025;1;50;rood\n"
    )
    parsed, committed = ingest.load_file(con, text.encode(), "history.csv")
    assert sorted((c.programme, c.report_date.isoformat(), c.totals["budget"]) for c in committed) == [
        ("A", "2025-01-31", 100.0),
        ("A", "2025-02-28", 110.0),
        ("B", "2025-01-31", 50.0),
    ]


@pytest.mark.parametrize(
    ("data", "filename", "key"),
    [
        (b"", "leeg.csv", "empty_file"),
        (b"\x00\x01\x02binary\x00" * 10, "foto.csv", "not_a_spreadsheet"),
        (b"PK\x03\x04this is not a zip", "kapot.xlsx", "corrupt_excel"),
        (b"just some words\nand more words\n", "notes.txt", "no_header"),
        (b"Omschrijving;Afdeling\nIets;IV\n", "geen_bedrag.csv", "no_measure"),
        (b"Nr;Budget\n", "alleen_kop.csv", "no_data_rows"),
        (b"Nr;Budget\n1;100\n1;200\n", "dubbel.csv", "duplicate_code"),
        (b"Nr;Budget\n1;100\n", "geen_datum.csv", "missing_inputs"),
    ],
)
def test_bad_exports_are_refused_and_nothing_is_written(demo_con, data, filename, key):
    before = snapshot(demo_con)
    with pytest.raises(LoadRefused) as refused:
        ingest.load_file(demo_con, data, filename, programme="P")
    assert key in [p.key for p in refused.value.problems]
    assert snapshot(demo_con) == before


def test_duplicate_code_message_names_both_rows(con):
    parsed = ingest.parse_export(b"Nr;Budget\n1;100\n1;200\n", "d.csv", programme="P", report_date="2025-01-01")
    [problem] = parsed.errors
    assert (problem.row, problem.column, problem.params["first_row"]) == (3, "Nr", 2)


@pytest.mark.parametrize(
    "failing", ["insert_reports", "other_reports", "insert_stories", "refresh_baselines", "insert_audits"]
)
def test_a_failure_halfway_through_a_commit_leaves_the_database_as_it_was(demo_con, monkeypatch, failing):
    """Two programmes' reports in one load; any statement of the load failing, the ones after the stories were
    written included, leaves every table as it was."""
    before = snapshot(demo_con)
    text = "Programma;Peildatum;Nr;Budget\nA;31-01-2025;1;100\nB;31-01-2025;1;50\n"
    parsed = ingest.parse_export(text.encode(), "two.csv")
    original = db.execute
    ran: list[str] = []

    def failing_execute(con, name, /, **params):
        ran.append(name)
        if name == failing:
            raise RuntimeError("disk full")
        return original(con, name, **params)

    monkeypatch.setattr(db, "execute", failing_execute)
    with pytest.raises(RuntimeError):
        ingest.commit(demo_con, parsed)
    assert failing in ran
    assert snapshot(demo_con) == before


def _sides_setting(con) -> str:
    return con.execute("select current_setting('disabled_optimizers')").fetchall()[0][0]


def test_the_join_sides_of_a_load_are_as_written_during_its_insert_and_back_after(con, monkeypatch):
    """insert_stories runs with DuckDB's choice of join sides switched off (db.sides_as_written: it takes a
    registered Arrow table for one row), and the setting is back after the load."""
    seen = []
    original = db.execute

    def looking(con_, name, /, **params):
        if name == "insert_stories":
            seen.append(_sides_setting(con_))
        return original(con_, name, **params)

    monkeypatch.setattr(db, "execute", looking)
    ingest.load_file(con, b"Nr;Budget\n1;100\n2;50\n", "r.csv", programme="P", report_date="2025-01-31")
    assert seen == ["build_side_probe_side"]
    assert _sides_setting(con) == ""


def test_an_insert_that_fails_in_duckdb_leaves_the_join_sides_as_they_were(demo_con, monkeypatch):
    """A statement that fails inside DuckDB leaves its transaction unable to take the reset; the rollback
    does it, and the store is as it was."""
    before = snapshot(demo_con)
    original = db.execute

    def failing(con_, name, /, **params):
        if name == "insert_stories":
            return con_.execute("select error('disk full')").fetchall()
        return original(con_, name, **params)

    monkeypatch.setattr(db, "execute", failing)
    parsed = ingest.parse_export(b"Programma;Peildatum;Nr;Budget\nA;31-01-2025;1;100\n", "one.csv")
    with pytest.raises(Exception, match="disk full"):
        ingest.commit(demo_con, parsed)
    assert _sides_setting(demo_con) == ""
    assert snapshot(demo_con) == before


def test_same_file_again_is_recognised_and_a_new_version_needs_confirmation(con):
    first = b"Nr;Budget\n1;100\n"
    ingest.load_file(con, first, "r.csv", programme="P", report_date="2025-01-31")
    with pytest.raises(LoadRefused) as again:
        ingest.load_file(con, first, "r.csv", programme="P", report_date="2025-01-31")
    assert [p.key for p in again.value.problems] == ["already_loaded"]
    second = b"Nr;Budget\n1;120\n"
    with pytest.raises(LoadRefused) as exists:
        ingest.load_file(con, second, "r2.csv", programme="P", report_date="2025-01-31")
    assert [p.key for p in exists.value.problems] == ["report_exists"]
    _, [done] = ingest.load_file(con, second, "r2.csv", programme="P", report_date="2025-01-31", replace=True)
    assert (done.version, done.replaced) == (2, 1)
    versions = con.execute("select version, is_current from reports order by version").fetchall()
    assert versions == [(1, False), (2, True)]  # the earlier version is kept


def test_strict_turns_warnings_into_errors(con):
    data = b"Nr;Budget;Stoplicht\n1;zie bijlage;paars\n"
    with pytest.raises(LoadRefused) as refused:
        ingest.load_file(con, data, "s.csv", programme="P", report_date="2025-01-31", strict=True)
    assert {p.key for p in refused.value.problems} == {"amount_text", "unknown_status"}
    assert analysis.programmes(con).empty


def test_uploaded_file_names_never_become_paths():
    parsed = ingest.parse_export(
        b"Nr;Budget\n1;1\n", "../../etc/passwd\x00.csv", programme="P", report_date="2025-01-01"
    )
    assert parsed.filename == "passwd.csv"


def _csv_sum(path, column, multiplier):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = 0.0
    for row in rows:
        try:
            total += float(row[column]) * multiplier
        except ValueError:
            pass
    return rows, total


def test_uk_major_projects_export_loads_with_pounds_in_full_units(con):
    path = CORPUS / "uk_gmpp_co_ar_data_march2024.csv"
    parsed, [done] = ingest.load_file(con, path.read_bytes(), path.name, programme="GMPP CO", report_date="2024-03-31")
    rows, budget = _csv_sum(path, "Financial Year Baseline (£m) (including Non-Government Costs)", 1e6)
    _, forecast = _csv_sum(path, "Financial Year Forecast (£m) (including Non-Government Costs)", 1e6)
    assert parsed.currency == "GBP"
    assert done.rows == len(rows)
    assert done.totals["budget"] == pytest.approx(budget)
    assert done.totals["forecast"] == pytest.approx(forecast)
    stories = analysis.stories(con, done.report_id)
    assert set(stories["status_label"].dropna()) <= {"Red", "Amber", "Green", "Exempt"}
    assert stories["status_note"].str.contains("\n").any()  # narrative cells keep their line breaks


def test_us_it_dashboard_export_loads_with_dollars_in_full_units(con):
    path = CORPUS / "us_itdashboard_projects_fy2012.csv"
    parsed, [done] = ingest.load_file(con, path.read_bytes(), path.name, programme="US IT", report_date="2012-09-30")
    assert parsed.currency == "USD"
    _, budget = _csv_sum(path, "Planned Cost ($ M)", 1e6)
    # identical duplicate rows are loaded once, so compare against the de-duplicated sum
    assert done.totals["budget"] <= budget
    assert done.totals["budget"] == pytest.approx(
        float(
            con.execute("select sum(budget) from stories where report_id = $r", {"r": done.report_id}).fetchall()[0][0]
        )
    )
    allowed = {"amount_text", "duplicate_same", "column_chosen", "column_passed_over", "currency_assumed_dollar"}
    assert {p.key for p in parsed.warnings} <= allowed
    # '$ M' is a bare dollar sign: read as USD, and said to be a guess that can be corrected
    assert "currency_assumed_dollar" in {p.key for p in parsed.warnings}


def zip_bomb(inflated_mb: int) -> bytes:
    """A real .xlsx-looking archive whose sheet inflates to `inflated_mb` MiB of zeros, packed ~1000x.

    Built from one full-flushed deflate block repeated (identical for every MiB of zeros), so making
    a gigabyte bomb takes a second instead of compressing a gigabyte.
    """
    import struct
    import zlib

    chunk = b"\0" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    body = block * inflated_mb + packer.flush()
    crc = 0
    for _ in range(inflated_mb):
        crc = zlib.crc32(chunk, crc)
    name = b"xl/worksheets/sheet1.xml"
    size = inflated_mb << 20
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(body), size, len(name), 0)
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(body), size, len(name), 0, 0, 0, 0, 0, 0
    )
    directory_at = len(local) + len(name) + len(body)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central) + len(name), directory_at, 0)
    return local + name + body + central + name + end


def test_the_bomb_is_a_real_archive():
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(zip_bomb(3))) as archive:
        assert archive.read("xl/worksheets/sheet1.xml") == b"\0" * (3 << 20)  # inflates for real


def test_an_archive_that_inflates_to_gigabytes_is_refused_quickly_without_inflating(con):
    import tracemalloc

    data = zip_bomb(1100)
    assert len(data) < 3_000_000
    tracemalloc.start()
    parsed = ingest.parse_export(data, "begroting.xlsx", programme="P", report_date="2025-01-01")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.key for p in parsed.errors] == ["archive_bomb"]
    assert "1153 MB" in message(parsed.errors[0], "en")
    assert peak < 3 * len(data) + 10_000_000  # judged from the zip directory: nothing was inflated
